/* tess-layout.h: a CSS flexbox layout engine over an abstract node tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

/* Nodes are indices into the tree's contiguous node array. */
typedef guint32 TessLayoutNodeId;
#define TESS_LAYOUT_NO_NODE ((TessLayoutNodeId) G_MAXUINT32)

/* Deeper trees are refused by tess_layout_tree_compute() (the engine recurses), as are
 * trees whose layout would cost thousands of passes per node (hostile nesting). */
#define TESS_LAYOUT_MAX_DEPTH 2048

/* Available space along one axis: a finite number of px, or one of these two. */
#define TESS_LAYOUT_MIN_CONTENT (-INFINITY)
#define TESS_LAYOUT_MAX_CONTENT (INFINITY)

typedef enum
{
  TESS_LAYOUT_UNIT_AUTO,
  TESS_LAYOUT_UNIT_PX,
  TESS_LAYOUT_UNIT_PERCENT,
  TESS_LAYOUT_UNIT_MIN_CONTENT,
  TESS_LAYOUT_UNIT_MAX_CONTENT,
  TESS_LAYOUT_UNIT_FIT_CONTENT,
  TESS_LAYOUT_UNIT_STRETCH,
  TESS_LAYOUT_UNIT_CONTENT, /* flex-basis: content */
} TessLayoutUnit;

typedef struct
{
  float value;
  guint8 unit; /* TessLayoutUnit */
} TessLayoutLength;

#define TESS_LAYOUT_AUTO    ((TessLayoutLength) { 0.f, TESS_LAYOUT_UNIT_AUTO })
#define TESS_LAYOUT_PX(v)   ((TessLayoutLength) { (float) (v), TESS_LAYOUT_UNIT_PX })
#define TESS_LAYOUT_PCT(v)  ((TessLayoutLength) { (float) (v), TESS_LAYOUT_UNIT_PERCENT })

typedef enum { TESS_LAYOUT_DISPLAY_FLEX, TESS_LAYOUT_DISPLAY_NONE } TessLayoutDisplay;

typedef enum
{
  TESS_LAYOUT_ROW,
  TESS_LAYOUT_COLUMN,
  TESS_LAYOUT_ROW_REVERSE,
  TESS_LAYOUT_COLUMN_REVERSE,
} TessLayoutDirection;

typedef enum
{
  TESS_LAYOUT_NOWRAP,
  TESS_LAYOUT_WRAP,
  TESS_LAYOUT_WRAP_REVERSE,
} TessLayoutWrap;

/* One enum serves justify-content, align-items, align-self and align-content. */
typedef enum
{
  TESS_LAYOUT_ALIGN_AUTO, /* align-self only: use the parent's align-items */
  TESS_LAYOUT_ALIGN_NORMAL, /* the property's initial value */
  TESS_LAYOUT_ALIGN_START,
  TESS_LAYOUT_ALIGN_END,
  TESS_LAYOUT_ALIGN_FLEX_START,
  TESS_LAYOUT_ALIGN_FLEX_END,
  TESS_LAYOUT_ALIGN_CENTER,
  TESS_LAYOUT_ALIGN_STRETCH,
  TESS_LAYOUT_ALIGN_BASELINE,
  TESS_LAYOUT_ALIGN_SPACE_BETWEEN,
  TESS_LAYOUT_ALIGN_SPACE_AROUND,
  TESS_LAYOUT_ALIGN_SPACE_EVENLY,
} TessLayoutAlign;

typedef enum { TESS_LAYOUT_BORDER_BOX, TESS_LAYOUT_CONTENT_BOX } TessLayoutBoxSizing;

/* Edges, in this order, for margin, padding, border and inset. */
typedef enum
{
  TESS_LAYOUT_LEFT,
  TESS_LAYOUT_RIGHT,
  TESS_LAYOUT_TOP,
  TESS_LAYOUT_BOTTOM,
} TessLayoutEdge;

typedef struct
{
  guint8 display;          /* TessLayoutDisplay */
  guint8 flex_direction;   /* TessLayoutDirection */
  guint8 flex_wrap;        /* TessLayoutWrap */
  guint8 wrap_balance;     /* flex-wrap: balance (Chromium's experimental balanced lines) */
  guint8 justify_content;  /* TessLayoutAlign */
  guint8 align_items;
  guint8 align_self;
  guint8 align_content;
  guint8 box_sizing;       /* TessLayoutBoxSizing */
  guint32 flex_line_count; /* minimum balanced line count, 1 by default */
  float flex_grow;
  float flex_shrink;
  float aspect_ratio;      /* width / height; 0 means none */
  TessLayoutLength flex_basis;
  TessLayoutLength size[2];     /* [0] width, [1] height */
  TessLayoutLength min_size[2]; /* auto means the automatic minimum size */
  TessLayoutLength max_size[2]; /* auto means none */
  TessLayoutLength gap[2];      /* [0] column-gap, [1] row-gap */
  TessLayoutLength margin[4];   /* by TessLayoutEdge; auto allowed */
  TessLayoutLength padding[4];
  TessLayoutLength border[4];
  TessLayoutLength inset[4];    /* position: relative offsets */
} TessLayoutStyle;

/* A box relative to its parent's border box. */
typedef struct
{
  float x;
  float y;
  float width;
  float height;
} TessLayoutBox;

/* Measures a leaf's content box. known_width/known_height are NAN when not fixed;
 * available_width/available_height are px or TESS_LAYOUT_MIN_CONTENT / MAX_CONTENT. */
typedef void (*TessLayoutMeasureFunc) (gpointer         node_context,
                                       float            known_width,
                                       float            known_height,
                                       float            available_width,
                                       float            available_height,
                                       float           *out_width,
                                       float           *out_height,
                                       gpointer         user_data);

/* Returns a leaf's first baseline, measured from the top of its border box, for the given
 * border-box size, or NAN when it has none (the bottom edge is used then). */
typedef float (*TessLayoutBaselineFunc) (gpointer node_context,
                                         float    width,
                                         float    height,
                                         gpointer user_data);

typedef struct _TessLayoutTree TessLayoutTree;

void              tess_layout_style_init          (TessLayoutStyle        *style);

TessLayoutTree   *tess_layout_tree_new            (void);
void              tess_layout_tree_free           (TessLayoutTree         *tree);
void              tess_layout_tree_clear          (TessLayoutTree         *tree);
void              tess_layout_tree_reserve        (TessLayoutTree         *tree,
                                                   guint                   n_nodes);
guint             tess_layout_tree_get_n_nodes    (TessLayoutTree         *tree);
void              tess_layout_tree_set_measure_func (TessLayoutTree       *tree,
                                                     TessLayoutMeasureFunc measure,
                                                     TessLayoutBaselineFunc baseline,
                                                     gpointer              user_data);

TessLayoutNodeId  tess_layout_tree_add_node       (TessLayoutTree         *tree,
                                                   const TessLayoutStyle  *style);
void              tess_layout_tree_remove_node    (TessLayoutTree         *tree,
                                                   TessLayoutNodeId        node);
void              tess_layout_tree_append_child   (TessLayoutTree         *tree,
                                                   TessLayoutNodeId        parent,
                                                   TessLayoutNodeId        child);
void              tess_layout_tree_remove_children (TessLayoutTree        *tree,
                                                    TessLayoutNodeId       parent);
TessLayoutNodeId  tess_layout_tree_get_parent     (TessLayoutTree         *tree,
                                                   TessLayoutNodeId        node);
TessLayoutNodeId  tess_layout_tree_get_first_child (TessLayoutTree        *tree,
                                                    TessLayoutNodeId       node);
TessLayoutNodeId  tess_layout_tree_get_next_sibling (TessLayoutTree       *tree,
                                                     TessLayoutNodeId      node);
guint             tess_layout_tree_get_n_children (TessLayoutTree         *tree,
                                                   TessLayoutNodeId        node);

const TessLayoutStyle *tess_layout_tree_get_style (TessLayoutTree         *tree,
                                                   TessLayoutNodeId        node);
void              tess_layout_tree_set_style      (TessLayoutTree         *tree,
                                                   TessLayoutNodeId        node,
                                                   const TessLayoutStyle  *style);
/* A measured node is a leaf sized by the measure callback, called with @context. */
void              tess_layout_tree_set_measured   (TessLayoutTree         *tree,
                                                   TessLayoutNodeId        node,
                                                   gboolean                measured,
                                                   gpointer                context);
/* A measured node that stands for a flex container laid out on its own (as a nested
 * TessFlexLayout is): sized by the measure callback like any measured node, but with a flex
 * container's rules where they differ from content's (the automatic minimum of an aspect
 * ratio box is not capped by a maximum transferred through the ratio). */
void              tess_layout_tree_set_measured_container (TessLayoutTree   *tree,
                                                           TessLayoutNodeId  node,
                                                           gpointer          context);
/* Forgets every size worked out so far (caches, boxes, the root's baseline), keeping the
 * nodes and their styles: the tree then lays out as a newly built one would. For callers that
 * keep a tree across layouts whose measured content may have changed in between. */
void              tess_layout_tree_reset_layout   (TessLayoutTree         *tree);
/* Call when a measured node's content changed: drops cached sizes up to the root. */
void              tess_layout_tree_mark_dirty     (TessLayoutTree         *tree,
                                                   TessLayoutNodeId        node);

gboolean          tess_layout_tree_compute        (TessLayoutTree         *tree,
                                                   TessLayoutNodeId        root,
                                                   float                   available_width,
                                                   float                   available_height,
                                                   gboolean                round_to_pixels);

/* Flags for tess_layout_tree_compute_sized(). */
#define TESS_LAYOUT_INDEFINITE_WIDTH  (1u << 0)
#define TESS_LAYOUT_INDEFINITE_HEIGHT (1u << 1)
/* The root is a flex item laid out on its own, whose parent has applied its size styles:
 * they do not size it again, but a wrapping column still breaks its lines at its own
 * preferred height. */
#define TESS_LAYOUT_ROOT_IS_ITEM      (1u << 2)

/* Like tess_layout_tree_compute() with the root's border-box size fixed where @known_width
 * or @known_height is not NAN. TESS_LAYOUT_INDEFINITE_WIDTH/HEIGHT in @flags mark fixed
 * sizes that still are no definite basis for percentages, as the height of a flex item in a
 * column whose own height is auto (css-flexbox-1 §9.8). */
gboolean          tess_layout_tree_compute_sized  (TessLayoutTree         *tree,
                                                   TessLayoutNodeId        root,
                                                   float                   known_width,
                                                   float                   known_height,
                                                   float                   available_width,
                                                   float                   available_height,
                                                   guint                   flags,
                                                   gboolean                round_to_pixels);

/* Rounded (if requested) layout of @node relative to its parent. */
TessLayoutBox     tess_layout_tree_get_box        (TessLayoutTree         *tree,
                                                   TessLayoutNodeId        node);
TessLayoutBox     tess_layout_tree_get_unrounded_box (TessLayoutTree      *tree,
                                                      TessLayoutNodeId     node);
/* The first baseline of the root of the last tess_layout_tree_compute*(), in px from the top
 * of its border box, unrounded: a flex container's comes from its items (css-flexbox-1 §8.5,
 * an item without one has its bottom edge for one), a measured root's from the baseline
 * callback. NAN when there is none (a container without items, or no layout yet). */
float             tess_layout_tree_get_root_baseline (TessLayoutTree      *tree);
/* How many nodes were laid out (not answered from cache) since the last reset. */
guint             tess_layout_tree_get_layout_count (TessLayoutTree       *tree,
                                                     gboolean              reset);

G_END_DECLS
