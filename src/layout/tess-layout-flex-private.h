/* tess-layout-flex-private.h: the flex algorithm's per-item and per-line records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "layout/tess-layout-private.h"

G_BEGIN_DECLS

/* Sizes are indexed by physical axis ([0] horizontal, [1] vertical), edges by
 * TessLayoutEdge. "inner" means the border box, "outer" adds margins. */
struct _FlexItem
{
  TessLayoutNodeId node;
  guint8 align_self;
  guint8 margin_auto[4];
  guint8 frozen;
  guint8 min_pending; /* resolved_min_main not computed yet; it cannot exceed flex_basis */
  guint8 ratio_sized; /* bit per axis: size[] there comes from the other through the ratio */
  guint8 basis_definite; /* the flex base size came from no content (a length or the ratio) */
  float size[2];
  float min_size[2];
  float max_size[2];
  float inset[4];
  float margin[4];
  float padding_border[2];
  float flex_grow;
  float flex_shrink;
  float flex_basis;
  float inner_flex_basis;
  float violation;
  float resolved_min_main;
  float cross_available; /* the cross space the item was measured in */
  float hypothetical_inner[2];
  float hypothetical_outer[2];
  float target[2];
  float outer_target[2];
  float content_flex_fraction;
  float baseline;
  float offset_main;
  float offset_cross;
};

struct _FlexLine
{
  FlexItem *items;
  guint n_items;
  float cross_size;
  float offset_cross;
};

G_END_DECLS
