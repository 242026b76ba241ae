/* tess-icon.h: ChatKit and Lucide icons drawn in the widget's CSS colour
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TESS_TYPE_ICON (tess_icon_get_type ())

G_DECLARE_FINAL_TYPE (TessIcon, tess_icon, TESS, ICON, GtkWidget)

GtkWidget  *tess_icon_new              (const char *name,
                                        int         pixel_size);
void        tess_icon_set_name         (TessIcon   *self,
                                        const char *name);
const char *tess_icon_get_name         (TessIcon   *self);
void        tess_icon_set_pixel_size   (TessIcon   *self,
                                        int         pixel_size);
/* Whether the last name set resolved to a glyph. */
gboolean    tess_icon_is_resolved      (TessIcon   *self);

/* The Lucide glyph for a ChatKit icon name or "lucide:<name>"; NULL when unknown. */
const char *tess_icon_lookup_glyph     (const char *name);
/* SVG text of a glyph (from tess_icon_lookup_glyph) stroked in @color. */
char       *tess_icon_build_svg        (const char *glyph,
                                        const char *color,
                                        gboolean    filled);
/* A texture of @name at @pixel_size in @color, cached; NULL for an unknown name. */
GdkTexture *tess_icon_render_texture   (const char    *name,
                                        const GdkRGBA *color,
                                        int            pixel_size);

G_END_DECLS
