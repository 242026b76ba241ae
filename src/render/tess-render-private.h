/* tess-render-private.h: shared by the files of the renderer
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/tess-node.h"
#include "tess-theme.h"

G_BEGIN_DECLS

#define TESS_RENDER_RESOURCE_PREFIX "/io/github/tessera/Tessera/render"

void      tess_render_ensure_resources   (void);

/* A length prop in px, as tess_flex_props_parse_length() reads it (the same values, within
 * the same bound): a number, "Npx", "Nrem" or a bare number string. FALSE for "auto", "%"
 * and anything else (those are the layout manager's business). May be negative. */
gboolean  tess_render_length_px          (JsonNode    *value,
                                          double      *px);
/* A spacing-unit prop (gap, spacing) in px: numbers are × 4. May be negative. */
gboolean  tess_render_spacing_px         (JsonNode    *value,
                                          double      *px);

/* Props with the catalog's rendering default applied. */
const char *tess_render_prop_string      (TessNode    *node,
                                          const char  *name);
gboolean  tess_render_prop_boolean       (TessNode    *node,
                                          const char  *name);

/* The node a rendered widget stands for (set on the outermost widget of each node). */
void      tess_render_widget_set_node    (GtkWidget   *widget,
                                          TessNode    *node);
TessNode *tess_render_widget_get_node    (GtkWidget   *widget);

/* Whether the renderer has a builder for a node type (the tests check every catalog type). */
gboolean  tess_render_has_builder        (const char  *type);

/* The one place where a container's layout manager is chosen and configured. */
void      tess_render_setup_layout       (GtkWidget   *container,
                                          TessNode    *node);

/* Until the flexbox layout manager is merged: a box layout whose height for an unknown width
 * is the height at its narrowest width, as GTK's size checks require. */
#define TESS_TYPE_BOX_LAYOUT (tess_box_layout_get_type ())
G_DECLARE_FINAL_TYPE (TessBoxLayout, tess_box_layout, TESS, BOX_LAYOUT, GtkLayoutManager)

void       tess_box_layout_configure     (TessBoxLayout  *self,
                                          GtkOrientation  orientation,
                                          int             spacing);
/* A Card's width preset: the natural width, never more than the space given. */
void       tess_box_layout_set_preset_width (TessBoxLayout *self,
                                             int            width);

/* A plain container widget that owns its children (Box, Row, Col, Form, …). */
#define TESS_TYPE_BOX (tess_box_get_type ())
G_DECLARE_FINAL_TYPE (TessBox, tess_box, TESS, BOX, GtkWidget)

GtkWidget *tess_box_new                  (const char  *css_name_class);
void       tess_box_append               (TessBox     *self,
                                          GtkWidget   *child);
void       tess_box_remove               (TessBox     *self,
                                          GtkWidget   *child);
/* Puts the children in this order (widgets not yet children are added). */
void       tess_box_set_children         (TessBox     *self,
                                          GPtrArray   *children);

G_END_DECLS
