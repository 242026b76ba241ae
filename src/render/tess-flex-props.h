/* tess-flex-props.h: ChatKit layout props → flexbox engine styles (spec/layout.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "core/tess-node.h"
#include "layout/tess-layout.h"

G_BEGIN_DECLS

/* The style of @node as a flex container: direction, gap, alignment, wrap, padding and
 * border. Its own size props are not in it: they belong to its box in its parent. */
void     tess_flex_props_container_style (TessNode        *node,
                                          TessLayoutStyle *style);

/* The style of @node's box as an item of @parent (NULL for a root): size, min/max, margin,
 * flex, aspect ratio, and padding/border again (they are part of the box's border-box
 * size), with the Spacer and Divider rules, which depend on the parent's direction. */
void     tess_flex_props_item_style      (TessNode        *node,
                                          TessNode        *parent,
                                          TessLayoutStyle *style);

/* Whether @node is laid out as a flex container of its children. */
gboolean tess_flex_props_is_container    (TessNode        *node);

/* A CSS length from JSON: numbers are px (or spacing units × 4 px when @units). */
gboolean tess_flex_props_parse_length    (JsonNode         *value,
                                          gboolean          units,
                                          TessLayoutLength *length);

/* The CSS `flex` shorthand. */
gboolean tess_flex_props_parse_flex      (const char      *text,
                                          float           *grow,
                                          float           *shrink,
                                          TessLayoutLength *basis);

G_END_DECLS
