/* tess-flex-layout.h: a GtkLayoutManager that lays children out as CSS flexbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "layout/tess-layout.h"

G_BEGIN_DECLS

#define TESS_TYPE_FLEX_LAYOUT (tess_flex_layout_get_type ())
G_DECLARE_FINAL_TYPE (TessFlexLayout, tess_flex_layout, TESS, FLEX_LAYOUT, GtkLayoutManager)

#define TESS_TYPE_FLEX_LAYOUT_CHILD (tess_flex_layout_child_get_type ())
G_DECLARE_FINAL_TYPE (TessFlexLayoutChild, tess_flex_layout_child, TESS, FLEX_LAYOUT_CHILD,
                      GtkLayoutChild)

GtkLayoutManager      *tess_flex_layout_new              (void);
/* The container's own flex style: direction, gap, alignment, wrap, padding, border. */
void                   tess_flex_layout_set_style        (TessFlexLayout        *self,
                                                          const TessLayoutStyle *style);
const TessLayoutStyle *tess_flex_layout_get_style        (TessFlexLayout        *self);
/* Whether the height this container is allocated is no basis for percentages (an auto
 * height decided by content, css-flexbox-1 §9.8). Parent TessFlexLayouts set it on their
 * children; set it on a top-level container whose height follows its content. */
void                   tess_flex_layout_set_height_indefinite (TessFlexLayout  *self,
                                                               gboolean         indefinite);

/* How many times @self (all TessFlexLayouts when NULL) built its engine tree: for tests of
 * the tree's cache. */
guint                  tess_flex_layout_get_tree_builds  (TessFlexLayout        *self);

/* A child's style as a flex item: flex, sizes, margins, alignment, padding and border. */
void                   tess_flex_layout_child_set_style  (TessFlexLayoutChild   *self,
                                                          const TessLayoutStyle *style);
const TessLayoutStyle *tess_flex_layout_child_get_style  (TessFlexLayoutChild   *self);

G_END_DECLS
