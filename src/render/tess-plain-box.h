/* tess-plain-box.h: ChatKit layout nodes as plain boxes laid out by TessFlexLayout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Until the full renderer exists, this gives every widget node a box of the right geometry
 * (Basic, Card, ListView, ListViewItem, Box, Row, Col, Form, Spacer, Divider lay out as in
 * spec/layout.md; other components are empty boxes sized only by their own size props).
 */

#pragma once

#include <gtk/gtk.h>

#include "core/tess-node.h"

G_BEGIN_DECLS

#define TESS_TYPE_PLAIN_BOX (tess_plain_box_get_type ())
G_DECLARE_FINAL_TYPE (TessPlainBox, tess_plain_box, TESS, PLAIN_BOX, GtkWidget)

/* An empty container laid out by a TessFlexLayout (a column until styled). */
GtkWidget *tess_plain_box_new       (void);
/* The widget node this box renders, or NULL. */
TessNode  *tess_plain_box_get_node  (TessPlainBox *self);

/* Builds boxes for @root and its subtree; returns the root box (floating). */
GtkWidget *tess_plain_box_build     (TessNode     *root);

/* Appends @child (any widget); give it an item style through its TessFlexLayoutChild. */
void       tess_plain_box_append    (TessPlainBox *self,
                                     GtkWidget    *child);

G_END_DECLS
