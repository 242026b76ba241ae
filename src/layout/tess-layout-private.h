/* tess-layout-private.h: engine internals shared by the tree and the flex algorithm
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "layout/tess-layout.h"

G_BEGIN_DECLS

typedef enum { RUN_COMPUTE_SIZE, RUN_PERFORM_LAYOUT } RunMode;
/* What a measured node stands for: content such as text, or a flex container laid out on
 * its own (a nested TessFlexLayout) whose size the callback reports. */
typedef enum { MEASURE_NONE, MEASURE_CONTENT, MEASURE_CONTAINER } MeasureKind;
/* Content size ignores the node's own size styles (its parent already applied them). */
typedef enum { SIZING_CONTENT, SIZING_INHERENT } SizingMode;

typedef struct
{
  float known[2];     /* NAN when unknown */
  float parent[2];    /* percentage basis; NAN when indefinite */
  float available[2]; /* px, or +-INFINITY for max/min-content */
  guint8 run_mode;
  guint8 sizing_mode;
  /* bit per axis: the known size there is fixed but not a definite basis for percentages
   * (a column item's height when its container's height is indefinite, §9.8) */
  guint8 indefinite;
} LayoutInput;

typedef struct
{
  float size[2];
  float baseline; /* first baseline from the top of the border box, NAN when none */
} LayoutOutput;

typedef struct
{
  float known[2];
  float available[2];
  float size[2];
  float baseline;
  guint8 sizing_mode;
  guint8 indefinite;
} CacheEntry;

#define N_MEASURE_SLOTS 6
#define FINAL_SLOT N_MEASURE_SLOTS

typedef struct
{
  /* linkage and flags first: loops over children touch only this cache line */
  TessLayoutNodeId parent;
  TessLayoutNodeId first_child;
  TessLayoutNodeId last_child;
  TessLayoutNodeId next_sibling;
  guint32 n_children;
  guint16 cache_valid; /* bit per CacheEntry */
  guint8 measured;    /* MeasureKind */
  guint8 in_use;
  guint8 cache_next; /* round-robin victim among the measure entries */
  guint8 display;    /* copy of style.display */
  guint32 cache;     /* index into the tree's cache pool, or G_MAXUINT32 */
  guint32 style;     /* index into the tree's shared styles */
  gpointer context;
  TessLayoutBox unrounded;
  TessLayoutBox rounded;
} Node;

typedef struct _FlexItem FlexItem;
typedef struct _FlexLine FlexLine;

/* Nodes with equal styles share one copy, as browsers share computed styles: a tree of
 * thousands of nodes usually has a handful of distinct styles, and a copy per node would
 * be most of the tree's memory. Refcounted; unused entries are chained for reuse. */
/* What a style makes of a flex item when nothing in it depends on the container (no
 * percentages, no keyword sizes): resolved once per shared style and copied into each
 * item. The floats are laid out as in FlexItem, from size to flex_shrink. */
typedef struct
{
  float size[2];
  float min_size[2];
  float max_size[2];
  float inset[4];
  float margin[4];
  float padding_border[2];
  float flex_grow;
  float flex_shrink;
  guint8 margin_auto[4];
  guint8 ratio_sized;
} ItemTemplate;

typedef enum { TEMPLATE_UNKNOWN, TEMPLATE_VALID, TEMPLATE_NONE } TemplateState;

typedef struct
{
  TessLayoutStyle style;
  guint32 refs;
  guint32 next_free;
  guint8 template_state; /* TemplateState */
  ItemTemplate item_template;
} SharedStyle;

/* The last few styles added, as the caller passed them (before sanitizing): builders add
 * runs of nodes with the same style, and a byte comparison finds them again cheaply. */
#define N_RECENT_STYLES 8

typedef struct
{
  TessLayoutStyle raw;
  guint32 style; /* G_MAXUINT32 when empty */
} RecentStyle;

/* Kept apart from Node so that walks over the tree touch a compact array. */
typedef struct
{
  CacheEntry entries[N_MEASURE_SLOTS + 1];
} NodeCache;

struct _TessLayoutTree
{
  Node *nodes;
  SharedStyle *styles;
  guint n_styles;
  guint styles_cap;
  guint32 free_style; /* chain of unused styles, G_MAXUINT32 when none */
  RecentStyle recent[N_RECENT_STYLES];
  guint recent_next;
  NodeCache *caches;       /* a compact pool: only containers and measured leaves cache */
  guint n_caches;
  guint caches_cap;
  guint n_nodes;      /* slots used, including freed ones */
  guint nodes_cap;
  guint n_live;
  TessLayoutNodeId free_list; /* freed slots chained through next_sibling */

  TessLayoutMeasureFunc measure;
  TessLayoutBaselineFunc baseline;
  gpointer measure_data;

  /* Scratch stacks for the flex algorithm, sized before a layout so that they never move
   * while one runs: a container pushes its items and lines and pops them when done. */
  FlexItem *items;
  guint items_len;
  guint items_cap;
  FlexLine *lines;
  guint lines_len;
  guint lines_cap;
  guint64 *balance_sums;
  guint32 *balance_scratch;
  guint balance_cap;

  guint layout_count;
  float root_baseline; /* of the last compute's root, NAN when none */
  /* Nodes laid out in this compute and how many the refinements may cost: past the limit
   * (pathological nesting, where the aspect-ratio probes would multiply the work level by
   * level) the engine stops refining, so that hostile trees cannot make it hang. */
  guint64 work;
  guint64 work_limit;     /* TESS_LAYOUT_WORK_PER_NODE times this refuses the layout */
  guint depth;          /* of the node being laid out */
  gboolean too_deep;
};

void tess_layout_compute_child (TessLayoutTree    *tree,
                                TessLayoutNodeId   node,
                                const LayoutInput *input,
                                LayoutOutput      *output);

void tess_layout_compute_flexbox (TessLayoutTree    *tree,
                                  TessLayoutNodeId   node,
                                  const LayoutInput *input,
                                  LayoutOutput      *output);

/* Balanced line breaking: writes the number of items of each line into line_counts and
 * returns the number of lines. sizes are outer hypothetical main sizes. */
guint tess_layout_balance_lines (TessLayoutTree *tree,
                                 const float    *sizes,
                                 guint           n_items,
                                 float           line_break_size,
                                 float           gap,
                                 guint           min_line_count,
                                 guint32        *line_counts);

static inline const TessLayoutStyle *
node_style (const TessLayoutTree *tree,
            TessLayoutNodeId      id)
{
  return &tree->styles[tree->nodes[id].style].style;
}

#define TESS_LAYOUT_WORK_PER_NODE 16

/* Whether the costlier refinements (probes a node makes about itself) may still run. */
static inline gboolean
may_refine (const TessLayoutTree *tree)
{
  return tree->work < tree->work_limit;
}

static inline gboolean
is_known (float v)
{
  return !isnan (v);
}

static inline float
resolve_length (TessLayoutLength length,
                float            basis)
{
  switch (length.unit)
    {
    case TESS_LAYOUT_UNIT_PX:
      return length.value;
    case TESS_LAYOUT_UNIT_PERCENT:
      return basis * length.value / 100.f; /* NAN basis gives NAN */
    default:
      return NAN;
    }
}

static inline float
resolve_or_zero (TessLayoutLength length,
                 float            basis)
{
  float v = resolve_length (length, basis);
  return is_known (v) ? v : 0.f;
}

/* "maybe" arithmetic on optional values (NAN = none). */
static inline float
maybe_max (float a, float b)
{
  if (!is_known (a))
    return a;
  if (!is_known (b))
    return a;
  return a > b ? a : b;
}

static inline float
maybe_min (float a, float b)
{
  if (!is_known (a))
    return a;
  if (!is_known (b))
    return a;
  return a < b ? a : b;
}

/* min wins over max, as in CSS */
static inline float
maybe_clamp (float v, float lo, float hi)
{
  if (!is_known (v))
    return v;
  if (is_known (hi) && v > hi)
    v = hi;
  if (is_known (lo) && v < lo)
    v = lo;
  return v;
}

static inline float
maybe_add (float a, float b)
{
  return is_known (a) && is_known (b) ? a + b : a;
}

static inline float
maybe_sub (float a, float b)
{
  return is_known (a) && is_known (b) ? a - b : a;
}

static inline float
or_else (float a, float b)
{
  return is_known (a) ? a : b;
}

static inline gboolean
avail_is_definite (float a)
{
  return isfinite (a);
}

static inline float
avail_to_option (float a)
{
  return isfinite (a) ? a : NAN;
}

static inline float
avail_clamp (float a, float lo, float hi)
{
  return isfinite (a) ? maybe_clamp (a, lo, hi) : a;
}

static inline float
avail_sub (float a, float b)
{
  return isfinite (a) ? a - b : a;
}

static inline float
avail_set (float a, float v)
{
  return is_known (v) ? v : a;
}

G_END_DECLS
