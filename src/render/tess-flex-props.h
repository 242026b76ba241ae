/* tess-flex-props.h: ChatKit layout props → flexbox engine styles (spec/layout.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "core/tess-node.h"
#include "layout/tess-layout.h"

G_BEGIN_DECLS

/* The longest length a prop may give, in px (and the largest percentage): longer ones are
 * hostile and ignored, by the CSS the renderer writes and by the engine alike, as both read
 * lengths through tess_flex_props_parse_length(). Real widgets stay far below it (borders
 * and padding of a few dozen px, sizes of a few hundred; 10 000 px is wider than an 8K
 * screen). GTK survives it: CSS padding and border widths live in 16-bit GtkBorder fields
 * (32 767 px at most), and even the deepest tree the parser accepts (128 levels, each with
 * padding and border on both sides) adds up to 5 120 000 px, which the engine's floats hold
 * exactly and GTK's ints hold easily. */
#define TESS_FLEX_PROPS_MAX_PX 10000.f

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

/* A CSS length from JSON: numbers are px (or spacing units × 4 px when @units); strings are
 * "auto", "N", "Npx", "Nrem"/"Nem" (16 px) or "N%". Negative lengths are accepted (margins
 * take them); beyond ±TESS_FLEX_PROPS_MAX_PX (px or %) a length is refused. */
gboolean tess_flex_props_parse_length    (JsonNode         *value,
                                          gboolean          units,
                                          TessLayoutLength *length);

/* The padding and border widths of @node's box, by TessLayoutEdge, in px: the component's
 * default padding with its `padding` and `border` props applied. The one place they are
 * read: the CSS the renderer writes reserves and draws exactly these, and the engine
 * reserves exactly these. Negative, percentage (GTK's CSS has no percentage padding) and
 * hostile values are ignored. */
void     tess_flex_props_box_edges       (TessNode         *node,
                                          float             padding[4],
                                          float             border[4]);

/* The CSS `flex` shorthand. */
gboolean tess_flex_props_parse_flex      (const char      *text,
                                          float           *grow,
                                          float           *shrink,
                                          TessLayoutLength *basis);

G_END_DECLS
