/* render-test-util.h: helpers shared by the renderer tests
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/tess-widget-parser.h"
#include "render/tess-widget-view.h"

G_BEGIN_DECLS

TessNode  *rt_parse            (const char     *json);
TessNode  *rt_parse_file       (const char     *path);
/* A shown window holding a view of @json; the view is returned, the window in @window. */
GtkWidget *rt_show             (const char     *json,
                                GtkWidget     **window);
void       rt_show_node        (GtkWidget      *view,
                                TessNode       *node);
void       rt_iterate          (void);
GtkWidget *rt_find_descendant  (GtkWidget      *root,
                                GType           type);
char      *rt_json_string      (JsonNode       *node);

/* What tess_image_load_uri() delivered, filled in by rt_image_loaded(). */
typedef struct
{
  GdkTexture *texture;
  gboolean    done;
  GError     *error;
} RtLoaded;

void       rt_image_loaded     (GdkTexture     *texture,
                                const GError   *error,
                                gpointer        loaded);
void       rt_loaded_clear     (RtLoaded       *loaded);

G_END_DECLS
