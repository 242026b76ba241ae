/* tess-zoom-bin.h: shows its child scaled, for the Designer's preview zoom
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TESS_TYPE_ZOOM_BIN (tess_zoom_bin_get_type ())

G_DECLARE_FINAL_TYPE (TessZoomBin, tess_zoom_bin, TESS, ZOOM_BIN, GtkWidget)

GtkWidget *tess_zoom_bin_new       (void);
void       tess_zoom_bin_set_child (TessZoomBin *self,
                                    GtkWidget   *child);
GtkWidget *tess_zoom_bin_get_child (TessZoomBin *self);
void       tess_zoom_bin_set_zoom  (TessZoomBin *self,
                                    double       zoom);
double     tess_zoom_bin_get_zoom  (TessZoomBin *self);

G_END_DECLS
