/* tess-chart.h: the Chart component drawn with Cairo
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/tess-node.h"

G_BEGIN_DECLS

#define TESS_TYPE_CHART (tess_chart_get_type ())

G_DECLARE_FINAL_TYPE (TessChart, tess_chart, TESS, CHART, GtkWidget)

GtkWidget *tess_chart_new            (TessNode  *node);
void       tess_chart_set_node       (TessChart *self,
                                      TessNode  *node);
guint      tess_chart_get_n_series   (TessChart *self);
guint      tess_chart_get_n_rows     (TessChart *self);
/* The tooltip text for the category nearest to x (tests). */
char      *tess_chart_dup_tooltip_at (TessChart *self,
                                      double     x);

G_END_DECLS
