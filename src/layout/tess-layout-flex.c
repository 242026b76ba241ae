/* tess-layout-flex.c: the CSS Flexible Box Layout algorithm (css-flexbox-1 §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Step numbers refer to https://www.w3.org/TR/css-flexbox-1/#layout-algorithm. Where
 * Chromium departs from the letter of the spec, we follow Chromium and say so.
 */

#include "config.h"

#include <stddef.h>
#include <string.h>

#include "layout/tess-layout-flex-private.h"

typedef struct
{
  guint main;  /* physical axis index of the main axis */
  guint cross;
  gboolean is_row;
  gboolean is_reverse;
  gboolean is_wrap;
  gboolean is_wrap_reverse;
  gboolean balance;
  guint min_line_count;
  float style_size[2]; /* the container's own preferred sizes, NAN when auto */
  float min_size[2];
  float max_size[2];
  float margin[4];
  float inset[4]; /* padding + border */
  float gap[2];
  guint8 align_items;
  guint8 align_content;
  guint8 justify_content;
  float node_outer[2]; /* NAN when not yet known */
  float node_inner[2];
  float percent_basis[2]; /* what children's percentages resolve against */
  gboolean main_is_definite;
  gboolean cross_is_definite; /* a single-line container's stretched items get its size */
  gboolean cross_space_definite; /* its cross size or the space around it is definite */
  float container_size[2];
  float inner_container_size[2];
} Constants;

#define MAIN_START(c) (2 * (c)->main)
#define MAIN_END(c) (2 * (c)->main + 1)
#define CROSS_START(c) (2 * (c)->cross)
#define CROSS_END(c) (2 * (c)->cross + 1)

static inline float
edge_sum (const float *edges,
          guint        axis)
{
  return edges[2 * axis] + edges[2 * axis + 1];
}

static inline float
sum_gaps (float gap,
          guint n)
{
  return n > 1 ? gap * (float) (n - 1) : 0.f;
}

static float
measure_child_sized (TessLayoutTree   *tree,
                     TessLayoutNodeId  node,
                     const float      *known,
                     const float      *parent,
                     const float      *available,
                     SizingMode        sizing_mode,
                     guint8            indefinite,
                     guint             axis)
{
  LayoutInput in;
  LayoutOutput out;

  in.known[0] = known[0];
  in.known[1] = known[1];
  in.parent[0] = parent[0];
  in.parent[1] = parent[1];
  in.available[0] = available[0];
  in.available[1] = available[1];
  in.run_mode = RUN_COMPUTE_SIZE;
  in.sizing_mode = sizing_mode;
  in.indefinite = indefinite;
  tess_layout_compute_child (tree, node, &in, &out);
  return out.size[axis];
}

static inline float
measure_child (TessLayoutTree   *tree,
               TessLayoutNodeId  node,
               const float      *known,
               const float      *parent,
               const float      *available,
               SizingMode        sizing_mode,
               guint             axis)
{
  return measure_child_sized (tree, node, known, parent, available, sizing_mode, 0, axis);
}

static void
perform_child (TessLayoutTree   *tree,
               TessLayoutNodeId  node,
               const float      *known,
               const float      *parent,
               const float      *available,
               guint8            indefinite,
               LayoutOutput     *out)
{
  LayoutInput in;

  in.known[0] = known[0];
  in.known[1] = known[1];
  in.parent[0] = parent[0];
  in.parent[1] = parent[1];
  in.available[0] = available[0];
  in.available[1] = available[1];
  in.run_mode = RUN_PERFORM_LAYOUT;
  in.sizing_mode = SIZING_CONTENT;
  in.indefinite = indefinite;
  tess_layout_compute_child (tree, node, &in, out);
}

static void
apply_aspect_ratio (float *size,
                    float  ratio)
{
  if (ratio <= 0.f)
    return;
  if (is_known (size[0]) && !is_known (size[1]))
    size[1] = size[0] / ratio;
  else if (is_known (size[1]) && !is_known (size[0]))
    size[0] = size[1] * ratio;
}

/* A min or max limit through the ratio into the other axis, only when that axis' preferred
 * size is auto (Chromium, css-sizing-4 aspect-ratio size transfers): a fixed width is not
 * capped by a max-height through the ratio. */
static void
transfer_limit (float       *limit,
                float        ratio,
                const float *size)
{
  if (ratio <= 0.f)
    return;
  if (is_known (limit[0]) && !is_known (limit[1]) && !is_known (size[1]))
    limit[1] = limit[0] / ratio;
  else if (is_known (limit[1]) && !is_known (limit[0]) && !is_known (size[0]))
    limit[0] = limit[1] * ratio;
}

static guint8
normal_align_items (guint8 align)
{
  return align == TESS_LAYOUT_ALIGN_NORMAL || align == TESS_LAYOUT_ALIGN_AUTO
         ? TESS_LAYOUT_ALIGN_STRETCH : align;
}

/* Resolves a node's min, max and preferred sizes as border-box px (NAN when indefinite). */
G_ALWAYS_INLINE static inline void
resolve_sizes (const TessLayoutStyle *style,
               const float           *parent,
               const float           *pb,
               gboolean               transfer_max,
               float                 *size,
               float                 *min_size,
               float                 *max_size)
{
  for (guint a = 0; a < 2; a++)
    {
      size[a] = resolve_length (style->size[a], parent[a]);
      min_size[a] = resolve_length (style->min_size[a], parent[a]);
      max_size[a] = resolve_length (style->max_size[a], parent[a]);
    }
  transfer_limit (min_size, style->aspect_ratio, size);
  if (transfer_max)
    transfer_limit (max_size, style->aspect_ratio, size);
  apply_aspect_ratio (size, style->aspect_ratio);
  if (style->box_sizing == TESS_LAYOUT_CONTENT_BOX)
    for (guint a = 0; a < 2; a++)
      {
        size[a] = maybe_add (size[a], pb[a]);
        min_size[a] = maybe_add (min_size[a], pb[a]);
        max_size[a] = maybe_add (max_size[a], pb[a]);
      }
}

/* Inlined: its four results are read back at once, which through memory would stall on
 * store forwarding in the hottest loop (generate_items). */
G_ALWAYS_INLINE static inline void
resolve_padding_border (const TessLayoutStyle *style,
                        float                  width_basis,
                        float                 *inset)
{
  /* percentages of padding and border resolve against the containing block's width */
  for (guint e = 0; e < 4; e++)
    {
      const TessLayoutLength *p = &style->padding[e], *b = &style->border[e];

      if (G_LIKELY (p->unit == TESS_LAYOUT_UNIT_PX && b->unit == TESS_LAYOUT_UNIT_PX))
        inset[e] = p->value + b->value;
      else
        inset[e] = resolve_or_zero (*p, width_basis) + resolve_or_zero (*b, width_basis);
    }
}

/* The padding and border sums per axis, without the per-edge values: the hot path of
 * generating items needs only these. */
G_ALWAYS_INLINE static inline void
resolve_padding_border_sums (const TessLayoutStyle *style,
                             float                  width_basis,
                             float                 *sums)
{
  for (guint a = 0; a < 2; a++)
    {
      const TessLayoutLength *p0 = &style->padding[2 * a], *p1 = &style->padding[2 * a + 1];
      const TessLayoutLength *b0 = &style->border[2 * a], *b1 = &style->border[2 * a + 1];

      if (G_LIKELY (p0->unit == TESS_LAYOUT_UNIT_PX && p1->unit == TESS_LAYOUT_UNIT_PX
                    && b0->unit == TESS_LAYOUT_UNIT_PX && b1->unit == TESS_LAYOUT_UNIT_PX))
        sums[a] = (p0->value + b0->value) + (p1->value + b1->value);
      else
        sums[a] = (resolve_or_zero (*p0, width_basis) + resolve_or_zero (*b0, width_basis))
                  + (resolve_or_zero (*p1, width_basis) + resolve_or_zero (*b1, width_basis));
    }
}

static void
compute_constants (const TessLayoutStyle *style,
                   const float           *known,
                   const float           *parent,
                   guint8                 indefinite,
                   Constants             *c)
{
  float pb[2];
  guint dir = style->flex_direction;

  c->is_row = dir == TESS_LAYOUT_ROW || dir == TESS_LAYOUT_ROW_REVERSE;
  c->is_reverse = dir == TESS_LAYOUT_ROW_REVERSE || dir == TESS_LAYOUT_COLUMN_REVERSE;
  c->main = c->is_row ? 0 : 1;
  c->cross = 1 - c->main;
  c->balance = style->wrap_balance;
  c->is_wrap = style->flex_wrap != TESS_LAYOUT_NOWRAP || style->wrap_balance;
  c->is_wrap_reverse = style->flex_wrap == TESS_LAYOUT_WRAP_REVERSE;
  c->min_line_count = MAX (1, style->flex_line_count);

  for (guint e = 0; e < 4; e++)
    c->margin[e] = resolve_or_zero (style->margin[e], parent[0]);
  resolve_padding_border (style, parent[0], c->inset);
  pb[0] = edge_sum (c->inset, 0);
  pb[1] = edge_sum (c->inset, 1);

  c->align_items = normal_align_items (style->align_items);
  c->align_content = style->align_content == TESS_LAYOUT_ALIGN_NORMAL
                     ? TESS_LAYOUT_ALIGN_STRETCH : style->align_content;
  c->justify_content = style->justify_content == TESS_LAYOUT_ALIGN_NORMAL
                       ? TESS_LAYOUT_ALIGN_FLEX_START : style->justify_content;

  /* a box's own size is not capped by a maximum transferred through its aspect ratio:
   * a stretched width stays stretched (as in Chromium) */
  resolve_sizes (style, parent, pb, FALSE, c->style_size, c->min_size, c->max_size);
  /* with a known width, an aspect ratio gives the box a preferred height: a wrapping column
   * breaks its lines there */
  if (style->aspect_ratio > 0.f && !is_known (c->style_size[1]) && is_known (known[0]))
    c->style_size[1] = style->box_sizing == TESS_LAYOUT_CONTENT_BOX
                       ? (known[0] - pb[0]) / style->aspect_ratio + pb[1]
                       : known[0] / style->aspect_ratio;

  for (guint a = 0; a < 2; a++)
    {
      c->node_outer[a] = known[a];
      c->node_inner[a] = maybe_sub (known[a], pb[a]);
      c->container_size[a] = 0.f;
      c->inner_container_size[a] = 0.f;
      c->percent_basis[a] = (indefinite & (1u << a)) ? NAN : c->node_inner[a];
    }
  c->main_is_definite = is_known (c->percent_basis[c->main]);
  c->cross_is_definite = is_known (c->percent_basis[c->cross]);
  c->gap[0] = resolve_or_zero (style->gap[0], or_else (c->percent_basis[0], 0.f));
  c->gap[1] = resolve_or_zero (style->gap[1], or_else (c->percent_basis[1], 0.f));
}

static gboolean
is_keyword_size (TessLayoutLength length)
{
  return length.unit == TESS_LAYOUT_UNIT_MIN_CONTENT
         || length.unit == TESS_LAYOUT_UNIT_MAX_CONTENT
         || length.unit == TESS_LAYOUT_UNIT_FIT_CONTENT
         || length.unit == TESS_LAYOUT_UNIT_STRETCH;
}

/* An item's size given as min-content, max-content, fit-content or stretch, as a border-box
 * size along @axis; NAN when it depends on a size that is not definite. */
static float
keyword_size (TessLayoutTree  *tree,
              const Constants *c,
              const FlexItem  *item,
              guint            axis,
              guint8           unit)
{
  float space = maybe_sub (c->node_inner[axis], edge_sum (item->margin, axis));
  float known[2], available[2], min_content, max_content;

  if (unit == TESS_LAYOUT_UNIT_STRETCH)
    return space;

  known[axis] = NAN;
  known[1 - axis] = item->size[1 - axis];
  available[1 - axis] = or_else (c->node_inner[1 - axis], TESS_LAYOUT_MAX_CONTENT);
  available[axis] = TESS_LAYOUT_MAX_CONTENT;
  max_content = measure_child (tree, item->node, known, c->percent_basis, available,
                               SIZING_CONTENT, axis);
  if (unit == TESS_LAYOUT_UNIT_MAX_CONTENT)
    return max_content;
  available[axis] = TESS_LAYOUT_MIN_CONTENT;
  min_content = measure_child (tree, item->node, known, c->percent_basis, available,
                               SIZING_CONTENT, axis);
  if (unit == TESS_LAYOUT_UNIT_MIN_CONTENT)
    return min_content;
  /* fit-content: the available space, clamped between the two */
  if (!is_known (space))
    return max_content;
  return MAX (min_content, MIN (max_content, space));
}

/* The item's sizes, edges and flex factors from its style alone (no keyword sizes). */
static void
resolve_item_style (const TessLayoutStyle *s,
                    const float           *percent_basis,
                    FlexItem              *item)
{
  resolve_padding_border_sums (s, percent_basis[0], item->padding_border);
  resolve_sizes (s, percent_basis, item->padding_border, TRUE, item->size, item->min_size,
                 item->max_size);
  item->ratio_sized = 0;
  if (s->aspect_ratio > 0.f)
    for (guint a = 0; a < 2; a++)
      if (is_known (item->size[a]) && !is_known (resolve_length (s->size[a], percent_basis[a])))
        item->ratio_sized |= 1u << a;
  for (guint e = 0; e < 4; e++)
    {
      const TessLayoutLength *margin = &s->margin[e];

      item->margin[e] = G_LIKELY (margin->unit == TESS_LAYOUT_UNIT_PX)
                        ? margin->value : resolve_or_zero (*margin, percent_basis[0]);
      item->margin_auto[e] = margin->unit == TESS_LAYOUT_UNIT_AUTO;
      item->inset[e] = G_LIKELY (s->inset[e].unit == TESS_LAYOUT_UNIT_AUTO)
                       ? NAN : resolve_length (s->inset[e], percent_basis[e / 2]);
    }
  item->flex_grow = MAX (0.f, s->flex_grow);
  item->flex_shrink = MAX (0.f, s->flex_shrink);
}

static gboolean
length_is_context_free (TessLayoutLength length)
{
  return length.unit == TESS_LAYOUT_UNIT_PX || length.unit == TESS_LAYOUT_UNIT_AUTO;
}

/* Whether resolve_item_style() gives the same for every container: no percentages and no
 * keyword sizes anywhere it looks. */
static gboolean
style_is_context_free (const TessLayoutStyle *s)
{
  for (guint a = 0; a < 2; a++)
    if (!length_is_context_free (s->size[a]) || !length_is_context_free (s->min_size[a])
        || !length_is_context_free (s->max_size[a]))
      return FALSE;
  for (guint e = 0; e < 4; e++)
    if (!length_is_context_free (s->margin[e]) || !length_is_context_free (s->inset[e])
        || !length_is_context_free (s->padding[e]) || !length_is_context_free (s->border[e]))
      return FALSE;
  return TRUE;
}

#define TEMPLATE_FLOATS(p) (offsetof (__typeof__ (*(p)), flex_shrink) + sizeof (float) \
                            - offsetof (__typeof__ (*(p)), size))
G_STATIC_ASSERT (offsetof (FlexItem, flex_shrink) - offsetof (FlexItem, size)
                 == offsetof (ItemTemplate, flex_shrink) - offsetof (ItemTemplate, size));

static inline void
save_item_template (const FlexItem *item,
                    ItemTemplate   *t)
{
  memcpy (t->size, item->size, TEMPLATE_FLOATS (t));
  memcpy (t->margin_auto, item->margin_auto, sizeof t->margin_auto);
  t->ratio_sized = item->ratio_sized;
}

static inline void
load_item_template (const ItemTemplate *t,
                    FlexItem           *item)
{
  memcpy (item->size, t->size, TEMPLATE_FLOATS (t));
  memcpy (item->margin_auto, t->margin_auto, sizeof item->margin_auto);
  item->ratio_sized = t->ratio_sized;
}

/* §9.1: one item per in-flow child; display:none children get an empty box. */
static guint
generate_items (TessLayoutTree   *tree,
                TessLayoutNodeId  node,
                const Constants  *c,
                FlexItem         *items)
{
  guint n = 0;

  for (TessLayoutNodeId id = tree->nodes[node].first_child; id != TESS_LAYOUT_NO_NODE;
       id = tree->nodes[id].next_sibling)
    {
      const TessLayoutStyle *s;
      SharedStyle *shared;
      FlexItem *item;

      if (tree->nodes[id].display == TESS_LAYOUT_DISPLAY_NONE)
        continue;
      s = node_style (tree, id);

      item = &items[n++];
      item->node = id;
      shared = &tree->styles[tree->nodes[id].style];
      if (G_UNLIKELY (shared->template_state == TEMPLATE_UNKNOWN))
        {
          if (style_is_context_free (s))
            {
              const float no_basis[2] = { NAN, NAN };

              resolve_item_style (s, no_basis, item);
              save_item_template (item, &shared->item_template);
              shared->template_state = TEMPLATE_VALID;
            }
          else
            shared->template_state = TEMPLATE_NONE;
        }
      if (G_LIKELY (shared->template_state == TEMPLATE_VALID))
        load_item_template (&shared->item_template, item);
      else
        {
          resolve_item_style (s, c->percent_basis, item);
          for (guint a = 0; a < 2; a++)
            if (is_keyword_size (s->size[a]))
              item->size[a] = keyword_size (tree, c, item, a, s->size[a].unit);
        }
      item->align_self = s->align_self == TESS_LAYOUT_ALIGN_AUTO
                         ? c->align_items : normal_align_items (s->align_self);
      item->frozen = FALSE;
      item->flex_basis = item->inner_flex_basis = item->violation = 0.f;
      item->resolved_min_main = 0.f;
      item->hypothetical_inner[0] = item->hypothetical_inner[1] = 0.f;
      item->hypothetical_outer[0] = item->hypothetical_outer[1] = 0.f;
      item->target[0] = item->target[1] = 0.f;
      item->outer_target[0] = item->outer_target[1] = 0.f;
      item->content_flex_fraction = 0.f;
      item->baseline = 0.f;
      item->offset_main = item->offset_cross = 0.f;
    }
  return n;
}

/* §9.2 step 2 */
static void
determine_available_space (const float     *known,
                           const float     *outer_available,
                           const Constants *c,
                           float           *available)
{
  for (guint a = 0; a < 2; a++)
    {
      if (is_known (known[a]))
        available[a] = known[a] - edge_sum (c->inset, a);
      else
        available[a] = avail_sub (avail_sub (outer_available[a], edge_sum (c->margin, a)),
                                  edge_sum (c->inset, a));
    }
}

/* Chromium gives the items of a balanced column container with N requested lines an N-th of
 * the cross space each. */
static float
divide_cross_space (const Constants *c,
                    float            space)
{
  guint n = c->min_line_count;

  if (!c->balance || c->is_row || n <= 1 || !avail_is_definite (space))
    return space;
  return (space - c->gap[c->cross] * (float) (n - 1)) / (float) n;
}

static float
item_cross_available (const FlexItem  *item,
                      const Constants *c,
                      const float     *available)
{
  /* like Chromium, the container's own cross margins widen the clamp (a quirk kept) */
  float margin_sum = edge_sum (c->margin, c->cross);
  float lo = maybe_add (item->min_size[c->cross], margin_sum);
  float hi = maybe_add (item->max_size[c->cross], margin_sum);
  float av = available[c->cross];

  if (avail_is_definite (av))
    return maybe_clamp (divide_cross_space (c, or_else (c->node_inner[c->cross], av)), lo, hi);
  if (av == TESS_LAYOUT_MIN_CONTENT)
    return is_known (lo) ? lo : av;
  /* a max-content cross space stays one: the item's max-height bounds its own size, not
   * the space its children see, which would make their stretched heights definite */
  return av;
}

static void
item_known_for_measure (const FlexItem  *item,
                        const Constants *c,
                        float            cross_available,
                        float           *known)
{
  known[c->main] = NAN;
  known[c->cross] = item->size[c->cross];
  /* in a multi-line container the line's cross size is not known yet: the item is measured
   * at its fit-content cross size (Chromium) */
  /* (only in definite cross space: a max-content container's cross size is not the item's
   * maximum, which bounds the space the item is measured in and no more) */
  if (item->align_self == TESS_LAYOUT_ALIGN_STRETCH && !is_known (known[c->cross]) && !c->is_wrap
      && c->cross_space_definite)
    known[c->cross] = maybe_sub (avail_to_option (cross_available),
                                 edge_sum (item->margin, c->cross));
}

/* The item's cross size when it is definite before the main axis is resolved, else NAN:
 * its own cross size, or the container's when the item stretches in a single-line container
 * of definite cross size (Chromium's "child cross size will be the container's"). */
static float
item_definite_cross (TessLayoutTree  *tree,
                     const Constants *c,
                     const FlexItem  *item)
{
  /* a cross size through the ratio from the item's own main size is no cross size of its
   * own: stretching wins over it */
  float cross = (item->ratio_sized & (1u << c->cross)) ? NAN : item->size[c->cross];

  if (!is_known (cross) && !c->is_wrap && c->cross_is_definite
      && item->align_self == TESS_LAYOUT_ALIGN_STRETCH
      && !item->margin_auto[CROSS_START (c)] && !item->margin_auto[CROSS_END (c)]
      && node_style (tree, item->node)->size[c->cross].unit == TESS_LAYOUT_UNIT_AUTO)
    cross = c->percent_basis[c->cross] - edge_sum (item->margin, c->cross);
  cross = maybe_clamp (cross, item->min_size[c->cross], item->max_size[c->cross]);
  return maybe_max (cross, item->padding_border[c->cross]);
}

/* A border-box size along the cross axis through the item's preferred aspect ratio. */
static float
ratio_to_main (const TessLayoutStyle *s,
               const Constants       *c,
               const FlexItem        *item,
               float                  cross)
{
  float ratio = s->aspect_ratio;

  if (s->box_sizing == TESS_LAYOUT_CONTENT_BOX)
    {
      cross -= item->padding_border[c->cross];
      return (c->is_row ? cross * ratio : cross / ratio) + item->padding_border[c->main];
    }
  return c->is_row ? cross * ratio : cross / ratio;
}

static void
item_resolve_min_main (TessLayoutTree  *tree,
                       const Constants *c,
                       FlexItem        *item)
{
  const TessLayoutStyle *s = node_style (tree, item->node);
  float parent[2], known[2], child_available[2], min_content;

  parent[c->main] = NAN;
  parent[c->cross] = c->percent_basis[c->cross];
  item_known_for_measure (item, c, item->cross_available, known);
  /* in the block axis min-content and max-content are the same size (as in Chromium, which
   * only computes intrinsic inline sizes); sharing the query shares its cache entry */
  child_available[c->main] = c->is_row ? TESS_LAYOUT_MIN_CONTENT : TESS_LAYOUT_MAX_CONTENT;
  child_available[c->cross] = item->cross_available;
  min_content = measure_child_sized (tree, item->node, known, parent, child_available,
                                     SIZING_CONTENT, c->is_row || !may_refine (tree) ? 0 : 2,
                                     c->main);
  /* §4.5: with a preferred aspect ratio and a definite cross size, the content size
   * suggestion is that cross size through the ratio, but never less than the content's
   * own minimum (Chromium takes the larger of the two) */
  if (s->aspect_ratio > 0.f)
    {
      float cross = item_definite_cross (tree, c, item);

      if (is_known (cross))
        min_content = MAX (min_content, ratio_to_main (s, c, item, cross));
    }
  /* the specified size suggestion: a size through the ratio is none */
  if (!(item->ratio_sized & (1u << c->main)))
    min_content = maybe_min (min_content, item->size[c->main]);
  min_content = maybe_min (min_content, item->max_size[c->main]);
  item->resolved_min_main = MAX (min_content, item->padding_border[c->main]);
  item->min_pending = FALSE;
}

static inline float
item_min_main (TessLayoutTree  *tree,
               const Constants *c,
               FlexItem        *item)
{
  if (item->min_pending)
    item_resolve_min_main (tree, c, item);
  return item->resolved_min_main;
}

/* §9.2 step 3 */
static void
determine_flex_base_size (TessLayoutTree  *tree,
                          const Constants *c,
                          const float     *available,
                          FlexItem        *items,
                          guint            n_items)
{
  for (guint i = 0; i < n_items; i++)
    {
      FlexItem *item = &items[i];
      const TessLayoutStyle *s = node_style (tree, item->node);
      float parent[2], known[2], child_available[2];
      float cross_available = item_cross_available (item, c, available);
      float basis, pb_main = item->padding_border[c->main];
      gboolean basis_bounds_min = s->flex_basis.unit == TESS_LAYOUT_UNIT_MIN_CONTENT
                                  || s->flex_basis.unit == TESS_LAYOUT_UNIT_MAX_CONTENT
                                  || s->flex_basis.unit == TESS_LAYOUT_UNIT_FIT_CONTENT;

      parent[c->main] = NAN;
      parent[c->cross] = c->percent_basis[c->cross];
      item_known_for_measure (item, c, cross_available, known);

      basis = resolve_length (s->flex_basis, c->percent_basis[c->main]);
      if (is_keyword_size (s->flex_basis))
        basis = keyword_size (tree, c, item, c->main, s->flex_basis.unit);
      if (is_known (basis) && s->box_sizing == TESS_LAYOUT_CONTENT_BOX)
        basis += pb_main;
      if (!is_known (basis) && s->flex_basis.unit == TESS_LAYOUT_UNIT_AUTO)
        {
          basis = item->size[c->main];
          basis_bounds_min = is_known (basis);
        }
      item->basis_definite = is_known (basis) && !is_keyword_size (s->flex_basis)
                             && !(s->flex_basis.unit == TESS_LAYOUT_UNIT_AUTO
                                  && is_keyword_size (s->size[c->main]));
      /* B: a content basis with a preferred aspect ratio and a definite cross size comes
       * from the cross size through the ratio */
      if (!is_known (basis) && s->aspect_ratio > 0.f
          && (s->flex_basis.unit == TESS_LAYOUT_UNIT_AUTO
              || s->flex_basis.unit == TESS_LAYOUT_UNIT_CONTENT
              || s->flex_basis.unit == TESS_LAYOUT_UNIT_PERCENT)) /* % of indefinite */
        {
          float cross = item_definite_cross (tree, c, item);

          if (is_known (cross))
            {
              basis = ratio_to_main (s, c, item, cross);
              item->basis_definite = TRUE;
            }
        }
      if (!is_known (basis))
        {
          basis_bounds_min = TRUE;
          /* E: size the item as max-content in the main axis (min-content when the container
           * itself is sized under a min-content constraint) */
          child_available[c->main] = available[c->main] == TESS_LAYOUT_MIN_CONTENT
                                     ? TESS_LAYOUT_MIN_CONTENT : TESS_LAYOUT_MAX_CONTENT;
          child_available[c->cross] = cross_available;
          basis = measure_child_sized (tree, item->node, known, parent, child_available,
                                       SIZING_CONTENT, c->is_row || !may_refine (tree) ? 0 : 2,
                                       c->main);
          /* With neither size fixed, Chromium transfers the smallest cross size the box can
           * have, its padding and border, through the ratio */
          if (s->aspect_ratio > 0.f)
            basis = MAX (basis, c->is_row
                                ? item->padding_border[c->cross] * s->aspect_ratio
                                : item->padding_border[c->cross] / s->aspect_ratio);
        }

      /* Chromium floors the flex base size at the padding and border */
      item->flex_basis = MAX (basis, pb_main);
      item->inner_flex_basis = item->flex_basis - pb_main;

      /* §4.5 automatic minimum size. It never exceeds a basis taken from the content or
       * from the preferred size, so then it is only needed when the item shrinks below
       * its basis: computing it lazily spares a min-content pass over most subtrees. */
      item->cross_available = cross_available;
      item->min_pending = FALSE;
      /* a minimum transferred through the ratio leaves min-size auto: the automatic
       * minimum still applies, and the larger wins */
      if (is_known (item->min_size[c->main]) && s->min_size[c->main].unit == TESS_LAYOUT_UNIT_AUTO)
        {
          item_resolve_min_main (tree, c, item);
          item->resolved_min_main = MAX (item->resolved_min_main, item->min_size[c->main]);
        }
      else if (is_known (item->min_size[c->main]))
        item->resolved_min_main = item->min_size[c->main];
      else if (basis_bounds_min && (s->aspect_ratio <= 0.f || !may_refine (tree)))
        {
          item->resolved_min_main = pb_main;
          item->min_pending = TRUE;
        }
      else
        item_resolve_min_main (tree, c, item);

      {
        float lo = MAX (item->resolved_min_main, pb_main);
        float hyp = maybe_clamp (item->flex_basis, lo, item->max_size[c->main]);

        item->hypothetical_inner[c->main] = hyp;
        item->hypothetical_outer[c->main] = hyp + edge_sum (item->margin, c->main);
      }
    }
}

/* §9.3 step 5 */
static guint
collect_flex_lines (TessLayoutTree  *tree,
                    const Constants *c,
                    const float     *available,
                    FlexItem        *items,
                    guint            n_items,
                    FlexLine        *lines)
{
  float main_available;
  guint n_lines = 0;

  if (n_items == 0)
    return 0;

  if (!c->is_wrap)
    {
      lines[0].items = items;
      lines[0].n_items = n_items;
      return 1;
    }

  main_available = available[c->main];
  /* a column whose height is not definite breaks its lines at its own preferred height,
   * whatever height it is given in the end (Chromium's initial block size) */
  if (!c->is_row && !c->main_is_definite && is_known (c->style_size[1]))
    main_available = maybe_clamp (c->style_size[1], c->min_size[1], c->max_size[1])
                     - edge_sum (c->inset, 1);
  /* and one whose height comes from its content does not wrap before its max-height: the
   * space around it does not bound it */
  else if (!c->is_row && !is_known (c->node_inner[1]) && avail_is_definite (main_available))
    main_available = TESS_LAYOUT_MAX_CONTENT;
  /* a row's max-content width puts all items on one line, whatever its max-width (the
   * width is clamped afterwards) */
  if (is_known (c->max_size[c->main])
      && !(c->is_row && main_available == TESS_LAYOUT_MAX_CONTENT))
    {
      float max_inner = c->max_size[c->main] - edge_sum (c->inset, c->main);

      main_available = avail_is_definite (main_available)
                       ? MIN (main_available, max_inner) : max_inner;
    }

  if (c->balance && (avail_is_definite (main_available) || c->min_line_count > 1)
      && main_available != TESS_LAYOUT_MIN_CONTENT)
    {
      guint32 *counts = tree->balance_scratch;
      float *sizes;
      guint k = 0;

      /* the balance scratch holds the sizes first, then the line counts */
      g_assert (tree->balance_cap >= n_items);
      sizes = (float *) (tree->balance_scratch + n_items);
      for (guint i = 0; i < n_items; i++)
        sizes[i] = items[i].hypothetical_outer[c->main];
      n_lines = tess_layout_balance_lines (tree, sizes, n_items, main_available,
                                           c->gap[c->main], c->min_line_count, counts);
      for (guint l = 0; l < n_lines; l++)
        {
          lines[l].items = items + k;
          lines[l].n_items = counts[l];
          k += counts[l];
        }
      return n_lines;
    }

  if (main_available == TESS_LAYOUT_MAX_CONTENT)
    {
      lines[0].items = items;
      lines[0].n_items = n_items;
      return 1;
    }
  if (main_available == TESS_LAYOUT_MIN_CONTENT)
    {
      for (guint i = 0; i < n_items; i++)
        {
          lines[i].items = items + i;
          lines[i].n_items = 1;
        }
      return n_items;
    }

  for (guint start = 0; start < n_items;)
    {
      float line_length = 0.f;
      guint end = start;

      for (; end < n_items; end++)
        {
          line_length += items[end].hypothetical_outer[c->main]
                         + (end == start ? 0.f : c->gap[c->main]);
          if (line_length > main_available && end != start)
            break;
        }
      lines[n_lines].items = items + start;
      lines[n_lines].n_items = end - start;
      n_lines++;
      start = end;
    }
  return n_lines;
}

static float
longest_line_of_bases (const Constants *c,
                       FlexLine        *lines,
                       guint            n_lines)
{
  float longest = 0.f;

  for (guint l = 0; l < n_lines; l++)
    {
      float total = sum_gaps (c->gap[c->main], lines[l].n_items);

      for (guint i = 0; i < lines[l].n_items; i++)
        {
          FlexItem *item = &lines[l].items[i];
          float v = maybe_max (item->flex_basis, item->min_size[c->main])
                    + edge_sum (item->margin, c->main);

          total += MAX (v, item->padding_border[c->main]);
        }
      longest = MAX (longest, total);
    }
  return longest;
}

/* What an item's size @v along @axis contributes to its container's intrinsic size: @v
 * clamped by the item's min and max sizes, no less than its padding and border, with its
 * margins. */
static inline float
outer_contribution (const FlexItem *item,
                    guint           axis,
                    float           v)
{
  v = maybe_clamp (v, item->min_size[axis], item->max_size[axis]);
  return MAX (v, item->padding_border[axis]) + edge_sum (item->margin, axis);
}

/* A wrapping row's min-content width is its widest item's min-content contribution: the
 * preferred width when there is one, else the content's. */
static float
widest_min_content_contribution (TessLayoutTree  *tree,
                                 const Constants *c,
                                 FlexLine        *lines,
                                 guint            n_lines)
{
  float widest = 0.f;

  for (guint l = 0; l < n_lines; l++)
    for (guint i = 0; i < lines[l].n_items; i++)
      {
        FlexItem *item = &lines[l].items[i];
        float v = item->size[c->main];

        if (!is_known (v))
          {
            float known[2], child_available[2], parent[2];

            parent[c->main] = NAN;
            parent[c->cross] = c->percent_basis[c->cross];
            item_known_for_measure (item, c, item->cross_available, known);
            child_available[c->main] = TESS_LAYOUT_MIN_CONTENT;
            child_available[c->cross] = item->cross_available;
            v = measure_child (tree, item->node, known, parent, child_available,
                               SIZING_CONTENT, c->main);
          }
        v = outer_contribution (item, c->main, v);
        widest = MAX (widest, v);
      }
  return widest;
}

/* §9.2 step 4 / §9.9.1: the container's main size when it is not definite */
static void
determine_container_main_size (TessLayoutTree *tree,
                               const float    *available,
                               FlexLine       *lines,
                               guint           n_lines,
                               Constants      *c)
{
  float inset_main = edge_sum (c->inset, c->main);
  float outer = c->node_outer[c->main];

  if (!is_known (outer))
    {
      float av = available[c->main];

      if (avail_is_definite (av) && c->is_row)
        {
          outer = longest_line_of_bases (c, lines, n_lines) + inset_main;
          if (n_lines > 1)
            outer = MAX (outer, av);
        }
      else if (av == TESS_LAYOUT_MIN_CONTENT && c->is_wrap && c->is_row)
        outer = widest_min_content_contribution (tree, c, lines, n_lines) + inset_main;
      else if (av == TESS_LAYOUT_MIN_CONTENT && c->is_wrap)
        outer = longest_line_of_bases (c, lines, n_lines) + inset_main;
      else if (!c->is_row)
        {
          /* Chromium sizes a column's height as a block: the items at their hypothetical
           * main sizes, stacked */
          float longest = 0.f;

          for (guint l = 0; l < n_lines; l++)
            {
              float sum = sum_gaps (c->gap[c->main], lines[l].n_items);

              for (guint i = 0; i < lines[l].n_items; i++)
                sum += lines[l].items[i].hypothetical_outer[c->main];
              longest = MAX (longest, sum);
            }
          outer = longest + inset_main;
        }
      else
        {
          float main_size = 0.f;

          for (guint l = 0; l < n_lines; l++)
            {
              FlexLine *line = &lines[l];
              float sum = 0.f;

              for (guint i = 0; i < line->n_items; i++)
                {
                  FlexItem *item = &line->items[i];
                  float style_min = item->min_size[c->main];
                  float style_pref = item->size[c->main];
                  float style_max = item->max_size[c->main];
                  float margin_main = edge_sum (item->margin, c->main);
                  /* an item that cannot grow (shrink) contributes at most (least) its flex
                   * base size; current Chromium clamps with the base size alone, not with
                   * the larger of it and the preferred size */
                  const TessLayoutStyle *item_style = node_style (tree, item->node);
                  /* a percentage basis that could not resolve is no clamp (Chromium) */
                  float clamping_basis = item_style->flex_basis.unit == TESS_LAYOUT_UNIT_PERCENT
                                         && !is_known (c->percent_basis[c->main])
                                         ? NAN : item->flex_basis;
                  /* (a floor that the item's own maximum still caps, as in Chromium) */
                  float basis_min = item->flex_shrink == 0.f ? maybe_min (clamping_basis, style_max)
                                                             : NAN;
                  float basis_max = item->flex_grow == 0.f ? clamping_basis : NAN;
                  float min_main, max_main, contribution, diff;

                  max_main = or_else (or_else (maybe_min (style_max, basis_max), basis_max),
                                      INFINITY);
                  /* the minimum only matters against a finite maximum */
                  min_main = or_else (maybe_max (style_min, basis_min), basis_min);
                  if (isfinite (max_main))
                    min_main = MAX (or_else (min_main, item_min_main (tree, c, item)),
                                    item->resolved_min_main);
                  else
                    min_main = or_else (min_main, 0.f);

                  if (is_known (style_pref) && (max_main <= min_main || max_main <= style_pref))
                    contribution = MAX (MIN (style_pref, max_main), min_main) + margin_main;
                  else if (max_main <= min_main)
                    contribution = min_main + margin_main;
                  else
                    {
                      float parent[2], known[2], child_available[2];
                      float cross_available, content;

                      parent[0] = c->percent_basis[0];
                      parent[1] = c->percent_basis[1];
                      cross_available = available[c->cross];
                      if (avail_is_definite (cross_available))
                        cross_available = or_else (c->node_inner[c->cross], cross_available);
                      cross_available = avail_clamp (
                        cross_available,
                        maybe_add (item->min_size[c->cross], edge_sum (c->margin, c->cross)),
                        maybe_add (item->max_size[c->cross], edge_sum (c->margin, c->cross)));
                      child_available[c->main] = av;
                      child_available[c->cross] = cross_available;
                      item_known_for_measure (item, c, cross_available, known);

                      content = measure_child (tree, item->node, known, parent, child_available,
                                               SIZING_INHERENT, c->main) + margin_main;
                      /* Chromium's asymmetry: a column item never contributes less than its
                       * flex basis */
                      if (!c->is_row)
                        content = MAX (content, item->flex_basis);
                      contribution = MAX (maybe_clamp (content, style_min, style_max),
                                          item->padding_border[c->main]);
                      /* an item that cannot shrink contributes no less than its base
                       * size, whether it may grow or not (Chromium) */
                      if (is_known (basis_min))
                        contribution = MAX (contribution, basis_min + margin_main);
                      /* and one that cannot grow contributes no more than its hypothetical
                       * main size (Chromium) */
                      if (is_known (basis_max) && item->basis_definite
                          && contribution > basis_max + margin_main)
                        contribution = MAX (maybe_clamp (basis_max, item_min_main (tree, c, item),
                                                         style_max),
                                            item->padding_border[c->main]) + margin_main;
                    }

                  diff = contribution - item->flex_basis;
                  /* an item that cannot shrink contributes less than its base size only
                   * when its own maximum caps it: then it contributes just that */
                  item->violation = item->flex_shrink == 0.f && diff < 0.f ? contribution : NAN;
                  if (diff > 0.f)
                    item->content_flex_fraction = diff / MAX (1.f, item->flex_grow);
                  else if (diff < 0.f)
                    item->content_flex_fraction
                      = diff / MAX (1.f, item->flex_shrink * item->inner_flex_basis);
                  else
                    item->content_flex_fraction = 0.f;
                }

              for (guint i = 0; i < line->n_items; i++)
                {
                  FlexItem *item = &line->items[i];
                  float fraction = item->content_flex_fraction, size;

                  if (is_known (item->violation))
                    size = item->violation;
                  else if (fraction > 0.f)
                    size = item->flex_basis + MAX (1.f, item->flex_grow) * fraction;
                  else if (fraction < 0.f)
                    size = item->flex_basis
                           + MAX (1.f, item->flex_shrink) * item->inner_flex_basis * fraction;
                  else
                    size = item->flex_basis;
                  item->outer_target[c->main] = size;
                  item->target[c->main] = size;
                  sum += size;
                }
              main_size = MAX (main_size, sum + sum_gaps (c->gap[c->main], line->n_items));
            }
          /* a wrapping row is never narrower than its widest item's min-content
           * contribution, which no flexing clamps (Chromium) */
          if (c->is_wrap)
            main_size = MAX (main_size, widest_min_content_contribution (tree, c, lines,
                                                                         n_lines));
          outer = main_size + inset_main;
        }
    }

  outer = maybe_clamp (outer, c->min_size[c->main], c->max_size[c->main]);
  outer = MAX (outer, inset_main);
  c->container_size[c->main] = outer;
  c->inner_container_size[c->main] = MAX (outer - inset_main, 0.f);
  c->node_inner[c->main] = c->inner_container_size[c->main];
}

/* §9.7 resolving flexible lengths */
static void
resolve_flexible_lengths (TessLayoutTree  *tree,
                          const Constants *c,
                          FlexLine        *line)
{
  guint m = c->main;
  float gaps = sum_gaps (c->gap[m], line->n_items);
  float inner = or_else (c->node_inner[m], 0.f);
  float hypothetical_sum = gaps, initial_free_space, used;
  gboolean growing, shrinking;

  for (guint i = 0; i < line->n_items; i++)
    hypothetical_sum += line->items[i].hypothetical_outer[m];
  growing = hypothetical_sum < inner;
  shrinking = hypothetical_sum > inner;

  /* step 2: size inflexible items */
  for (guint i = 0; i < line->n_items; i++)
    {
      FlexItem *item = &line->items[i];

      item->target[m] = item->hypothetical_inner[m];
      item->frozen = FALSE;
      if ((!growing && !shrinking)
          || (growing && item->flex_grow == 0.f)
          || (shrinking && item->flex_shrink == 0.f)
          || (growing && item->flex_basis > item->hypothetical_inner[m])
          || (shrinking && item->flex_basis < item->hypothetical_inner[m]))
        {
          item->frozen = TRUE;
          item->outer_target[m] = item->target[m] + edge_sum (item->margin, m);
        }
    }
  if (!growing && !shrinking)
    return;

  /* step 3: initial free space */
  used = gaps;
  for (guint i = 0; i < line->n_items; i++)
    {
      FlexItem *item = &line->items[i];

      used += item->frozen ? item->outer_target[m]
                           : item->flex_basis + edge_sum (item->margin, m);
    }
  initial_free_space = inner - used;

  /* step 4 */
  for (;;)
    {
      float sum_grow = 0.f, sum_shrink = 0.f, sum_scaled = 0.f, free_space, total_violation;
      gboolean any_unfrozen = FALSE;

      used = gaps;
      for (guint i = 0; i < line->n_items; i++)
        {
          FlexItem *item = &line->items[i];

          if (item->frozen)
            used += item->outer_target[m];
          else
            {
              any_unfrozen = TRUE;
              used += item->flex_basis + edge_sum (item->margin, m);
              sum_grow += item->flex_grow;
              sum_shrink += item->flex_shrink;
              sum_scaled += item->flex_shrink * item->inner_flex_basis;
            }
        }
      if (!any_unfrozen)
        break;

      free_space = inner - used;
      if (growing && sum_grow < 1.f)
        {
          float v = initial_free_space * sum_grow;

          if (fabsf (v) < fabsf (free_space))
            free_space = v;
        }
      else if (shrinking && sum_shrink < 1.f)
        {
          float v = initial_free_space * sum_shrink;

          if (fabsf (v) < fabsf (free_space))
            free_space = v;
        }

      if (isnormal (free_space))
        {
          for (guint i = 0; i < line->n_items; i++)
            {
              FlexItem *item = &line->items[i];

              if (item->frozen)
                continue;
              if (growing && sum_grow > 0.f)
                item->target[m] = item->flex_basis + free_space * (item->flex_grow / sum_grow);
              else if (shrinking && sum_scaled > 0.f)
                item->target[m] = item->flex_basis
                                  + free_space * (item->flex_shrink * item->inner_flex_basis
                                                  / sum_scaled);
            }
        }

      /* d: fix min/max violations */
      total_violation = 0.f;
      for (guint i = 0; i < line->n_items; i++)
        {
          FlexItem *item = &line->items[i];
          float clamped;

          if (item->frozen)
            continue;
          /* a pending minimum is at most the basis: it cannot bind a target above that */
          clamped = maybe_clamp (item->target[m],
                                 item->min_pending && item->target[m] >= item->flex_basis
                                 ? NAN : item_min_main (tree, c, item),
                                 item->max_size[m]);
          /* a border box is never smaller than its padding and border */
          clamped = MAX (clamped, item->padding_border[m]);
          item->violation = clamped - item->target[m];
          item->target[m] = clamped;
          item->outer_target[m] = clamped + edge_sum (item->margin, m);
          total_violation += item->violation;
        }

      /* e: freeze over-flexed items */
      for (guint i = 0; i < line->n_items; i++)
        {
          FlexItem *item = &line->items[i];

          if (item->frozen)
            continue;
          if (total_violation > 0.f)
            item->frozen = item->violation > 0.f;
          else if (total_violation < 0.f)
            item->frozen = item->violation < 0.f;
          else
            item->frozen = TRUE;
        }
    }
}

/* §9.4 step 7 */
static void
determine_hypothetical_cross_size (TessLayoutTree  *tree,
                                   const Constants *c,
                                   FlexLine        *line,
                                   const float     *available,
                                   const float     *known_size)
{
  /* In a single-line container of definite cross size the line is as thick as the container
   * and stretched items take the line's size: their hypothetical cross size is never used,
   * so it is not worth measuring. */
  gboolean line_is_container = !c->is_wrap && is_known (known_size[c->cross]);
  /* an item's height flexed in a column of indefinite height is no definite size (§9.8) */
  guint8 main_indefinite = !c->is_row && !c->main_is_definite ? 2 : 0;

  guint m = c->main, x = c->cross;

  for (guint i = 0; i < line->n_items; i++)
    {
      FlexItem *item = &line->items[i];
      float pb = item->padding_border[x];
      float cross = maybe_clamp (item->size[x], item->min_size[x], item->max_size[x]);

      /* a cross size through the ratio comes from the flexed main size, below */
      if (item->ratio_sized & (1u << x))
        cross = NAN;
      cross = maybe_max (cross, pb);
      if (!is_known (cross) && line_is_container
          && item->align_self == TESS_LAYOUT_ALIGN_STRETCH
          && !item->margin_auto[CROSS_START (c)] && !item->margin_auto[CROSS_END (c)]
          && node_style (tree, item->node)->size[x].unit == TESS_LAYOUT_UNIT_AUTO)
        cross = pb;
      /* a column's intrinsic width takes its items' content widths: their heights are not
       * definite there, so nothing transfers through a ratio (Chromium) */
      if (!is_known (cross) && node_style (tree, item->node)->aspect_ratio > 0.f && !c->is_row
          && !avail_is_definite (available[x]) && may_refine (tree))
        {
          float known[2] = { NAN, NAN }, child_available[2];

          child_available[m] = TESS_LAYOUT_MAX_CONTENT;
          child_available[x] = available[x];
          cross = measure_child_sized (tree, item->node, known, c->percent_basis,
                                       child_available, SIZING_CONTENT, 2, x);
          cross = MAX (maybe_clamp (cross, item->min_size[x], item->max_size[x]), pb);
        }
      if (!is_known (cross) && node_style (tree, item->node)->aspect_ratio > 0.f)
        {
          float ratio = node_style (tree, item->node)->aspect_ratio;

          cross = c->is_row ? item->target[m] / ratio : item->target[m] * ratio;
          cross = maybe_clamp (cross, item->min_size[x], item->max_size[x]);
          /* an automatic minimum keeps the content from overflowing the ratio; it wins over
           * a maximum transferred through the ratio, not over the item's own */
          if (node_style (tree, item->node)->min_size[x].unit == TESS_LAYOUT_UNIT_AUTO)
            {
              const TessLayoutStyle *s = node_style (tree, item->node);
              float known[2], child_available[2], content, own_max;

              known[m] = item->target[m];
              known[x] = NAN;
              child_available[m] = c->container_size[m];
              child_available[x] = avail_clamp (divide_cross_space (c, available[x]),
                                                item->min_size[x], item->max_size[x]);
              content = measure_child_sized (tree, item->node, known, c->percent_basis,
                                             child_available, SIZING_CONTENT, main_indefinite, x);
              own_max = resolve_length (s->max_size[x], c->percent_basis[x]);
              if (s->box_sizing == TESS_LAYOUT_CONTENT_BOX)
                own_max = maybe_add (own_max, pb);
              /* Chromium caps a width by the maximum transferred from max-height too, and
               * measured content's (text's) height by the one from max-width, a flex
               * container's height not */
              if (x == 0 || tree->nodes[item->node].measured == MEASURE_CONTENT)
                own_max = item->max_size[x];
              cross = MAX (cross, maybe_min (content, own_max));
            }
          cross = MAX (cross, pb);
        }
      if (!is_known (cross))
        {
          float known[2], child_available[2];

          known[m] = item->target[m];
          known[x] = NAN;
          child_available[m] = c->container_size[m];
          child_available[x] = avail_clamp (divide_cross_space (c, available[x]),
                                            item->min_size[x], item->max_size[x]);
          if (avail_is_definite (child_available[x]))
            child_available[x] = MAX (child_available[x], pb);
          cross = measure_child_sized (tree, item->node, known, c->percent_basis,
                                       child_available, SIZING_CONTENT, main_indefinite, x);
          cross = maybe_clamp (cross, item->min_size[x], item->max_size[x]);
          cross = MAX (cross, pb);
        }
      item->hypothetical_inner[x] = cross;
      item->hypothetical_outer[x] = cross + edge_sum (item->margin, x);
    }
}

static gboolean
item_is_baseline_aligned (const Constants *c,
                          const FlexItem  *item)
{
  return item->align_self == TESS_LAYOUT_ALIGN_BASELINE
         && !item->margin_auto[CROSS_START (c)] && !item->margin_auto[CROSS_END (c)];
}

static void
calculate_children_baselines (TessLayoutTree  *tree,
                              const Constants *c,
                              const float     *known_size,
                              const float     *available,
                              FlexLine        *lines,
                              guint            n_lines)
{
  /* A column's cross axis is the inline axis, in which its items have no baselines: as
   * Chromium 156 does, each one's is synthesized from its border box's left edge, so the
   * items line their left edges up, as far right as the largest left margin puts them
   * (tests/layout/fixtures/reduced/column_baseline_*). */
  if (!c->is_row)
    {
      for (guint l = 0; l < n_lines; l++)
        for (guint i = 0; i < lines[l].n_items; i++)
          if (item_is_baseline_aligned (c, &lines[l].items[i]))
            lines[l].items[i].baseline = lines[l].items[i].margin[TESS_LAYOUT_LEFT];
      return;
    }

  for (guint l = 0; l < n_lines; l++)
    {
      FlexLine *line = &lines[l];
      guint count = 0;

      for (guint i = 0; i < line->n_items; i++)
        count += item_is_baseline_aligned (c, &line->items[i]);
      if (count <= 1)
        continue;

      for (guint i = 0; i < line->n_items; i++)
        {
          FlexItem *item = &line->items[i];
          float known[2], child_available[2];
          LayoutOutput out;

          if (!item_is_baseline_aligned (c, item))
            continue;
          known[0] = item->target[0];
          known[1] = item->hypothetical_inner[1];
          child_available[0] = c->container_size[0];
          child_available[1] = avail_set (available[1], known_size[1]);
          perform_child (tree, item->node, known, c->percent_basis, child_available,
                         c->main_is_definite || c->is_row ? 0 : 1u << c->main, &out);
          item->baseline = or_else (out.baseline, out.size[1]) + item->margin[TESS_LAYOUT_TOP];
          /* in wrap-reverse the cross-start edge is the bottom: measure from there */
          if (c->is_wrap_reverse)
            item->baseline = item->hypothetical_outer[1] - item->baseline;
        }
    }
}

/* §9.4 step 8 */
static void
calculate_cross_size (const Constants *c,
                      const float     *known_size,
                      FlexLine        *lines,
                      guint            n_lines)
{
  guint x = c->cross;
  float inset_cross = edge_sum (c->inset, x);

  /* a single-line container's line is as tall as the container; a multi-line container's
   * lines size to their items even when there is only one */
  if (n_lines == 1 && is_known (known_size[x]) && !c->is_wrap)
    {
      float v = maybe_clamp (known_size[x], c->min_size[x], c->max_size[x]) - inset_cross;

      lines[0].cross_size = MAX (v, 0.f);
      return;
    }

  for (guint l = 0; l < n_lines; l++)
    {
      FlexLine *line = &lines[l];
      float max_baseline = 0.f, cross = 0.f;

      for (guint i = 0; i < line->n_items; i++)
        if (item_is_baseline_aligned (c, &line->items[i]))
          max_baseline = MAX (max_baseline, line->items[i].baseline);
      for (guint i = 0; i < line->n_items; i++)
        {
          FlexItem *item = &line->items[i];
          float v = item->hypothetical_outer[x];

          /* a single-line column's cross size is its items' widest (an intrinsic width does
           * not run the alignment in Chromium); its lines, once it wraps, hold the shifts */
          if ((c->is_row || c->is_wrap) && item_is_baseline_aligned (c, item))
            v += max_baseline - item->baseline;
          cross = MAX (cross, v);
        }
      line->cross_size = cross;
    }

  if (!c->is_wrap && n_lines > 0)
    lines[0].cross_size = maybe_clamp (lines[0].cross_size,
                                       maybe_sub (c->min_size[x], inset_cross),
                                       maybe_sub (c->max_size[x], inset_cross));
}

/* §9.4 step 9 */
static void
handle_align_content_stretch (const Constants *c,
                              const float     *known_size,
                              FlexLine        *lines,
                              guint            n_lines)
{
  guint x = c->cross;
  float min_inner, total;

  if (c->align_content != TESS_LAYOUT_ALIGN_STRETCH || n_lines == 0)
    return;

  min_inner = or_else (known_size[x], c->min_size[x]);
  min_inner = maybe_clamp (min_inner, c->min_size[x], c->max_size[x]);
  min_inner = maybe_sub (min_inner, edge_sum (c->inset, x));
  min_inner = is_known (min_inner) ? MAX (min_inner, 0.f) : 0.f;

  total = sum_gaps (c->gap[x], n_lines);
  for (guint l = 0; l < n_lines; l++)
    total += lines[l].cross_size;
  if (total < min_inner)
    {
      float add = (min_inner - total) / (float) n_lines;

      for (guint l = 0; l < n_lines; l++)
        lines[l].cross_size += add;
    }
}

/* §9.4 step 11 */
static void
determine_used_cross_size (TessLayoutTree  *tree,
                           const Constants *c,
                           FlexLine        *lines,
                           guint            n_lines)
{
  guint x = c->cross;

  for (guint l = 0; l < n_lines; l++)
    for (guint i = 0; i < lines[l].n_items; i++)
      {
        FlexItem *item = &lines[l].items[i];
        const TessLayoutStyle *s = node_style (tree, item->node);

        if (item->align_self == TESS_LAYOUT_ALIGN_STRETCH
            && !item->margin_auto[CROSS_START (c)] && !item->margin_auto[CROSS_END (c)]
            && s->size[x].unit == TESS_LAYOUT_UNIT_AUTO)
          {
            /* the max size here does not transfer through the aspect ratio (as browsers) */
            float max = resolve_length (s->max_size[x], c->percent_basis[x]);

            if (s->box_sizing == TESS_LAYOUT_CONTENT_BOX)
              max = maybe_add (max, item->padding_border[x]);
            item->target[x] = maybe_clamp (lines[l].cross_size - edge_sum (item->margin, x),
                                           item->min_size[x], max);
            item->target[x] = MAX (item->target[x], item->padding_border[x]);
          }
        else
          item->target[x] = item->hypothetical_inner[x];
        item->outer_target[x] = item->target[x] + edge_sum (item->margin, x);
      }
}

/* Falls back from distributed alignment when it cannot apply (css-align-3). */
static guint8
alignment_fallback (guint8 mode,
                    float  free_space,
                    guint  n)
{
  gboolean safe = FALSE;

  if (n <= 1 || free_space <= 0.f)
    {
      switch (mode)
        {
        case TESS_LAYOUT_ALIGN_STRETCH:
        case TESS_LAYOUT_ALIGN_SPACE_BETWEEN:
          /* Chromium keeps flex-start here even when it overflows (wrap-reverse lines
           * overflow towards cross-start) */
          mode = TESS_LAYOUT_ALIGN_FLEX_START;
          break;
        case TESS_LAYOUT_ALIGN_SPACE_AROUND:
        case TESS_LAYOUT_ALIGN_SPACE_EVENLY:
          mode = TESS_LAYOUT_ALIGN_CENTER;
          safe = TRUE;
          break;
        default:
          break;
        }
    }
  if (free_space <= 0.f && safe)
    mode = TESS_LAYOUT_ALIGN_START;
  return mode;
}

static float
alignment_offset (float    free_space,
                  guint    n,
                  float    gap,
                  guint8   mode,
                  gboolean reversed,
                  gboolean is_first)
{
  if (is_first)
    {
      switch (mode)
        {
        case TESS_LAYOUT_ALIGN_FLEX_START:
          return reversed ? free_space : 0.f;
        case TESS_LAYOUT_ALIGN_END:
          return free_space;
        case TESS_LAYOUT_ALIGN_FLEX_END:
          return reversed ? 0.f : free_space;
        case TESS_LAYOUT_ALIGN_CENTER:
          return free_space / 2.f;
        case TESS_LAYOUT_ALIGN_SPACE_AROUND:
          return free_space >= 0.f ? free_space / (float) n / 2.f : free_space / 2.f;
        case TESS_LAYOUT_ALIGN_SPACE_EVENLY:
          return free_space >= 0.f ? free_space / (float) (n + 1) : free_space / 2.f;
        default:
          return 0.f;
        }
    }

  free_space = MAX (free_space, 0.f);
  switch (mode)
    {
    case TESS_LAYOUT_ALIGN_SPACE_BETWEEN:
      return gap + free_space / (float) (n - 1);
    case TESS_LAYOUT_ALIGN_SPACE_AROUND:
      return gap + free_space / (float) n;
    case TESS_LAYOUT_ALIGN_SPACE_EVENLY:
      return gap + free_space / (float) (n + 1);
    default:
      return gap;
    }
}

/* §9.5 step 12 */
static void
distribute_remaining_free_space (const Constants *c,
                                 FlexLine        *lines,
                                 guint            n_lines)
{
  guint m = c->main;

  for (guint l = 0; l < n_lines; l++)
    {
      FlexLine *line = &lines[l];
      float used = sum_gaps (c->gap[m], line->n_items), free_space;
      guint n_auto = 0;

      for (guint i = 0; i < line->n_items; i++)
        {
          used += line->items[i].outer_target[m];
          n_auto += line->items[i].margin_auto[MAIN_START (c)];
          n_auto += line->items[i].margin_auto[MAIN_END (c)];
        }
      free_space = c->inner_container_size[m] - used;

      if (free_space > 0.f && n_auto > 0)
        {
          float each = free_space / (float) n_auto;

          for (guint i = 0; i < line->n_items; i++)
            {
              FlexItem *item = &line->items[i];

              /* gaps still separate the items */
              item->offset_main = (c->is_reverse ? i + 1 == line->n_items : i == 0)
                                  ? 0.f : c->gap[m];
              if (item->margin_auto[MAIN_START (c)])
                item->margin[MAIN_START (c)] = each;
              if (item->margin_auto[MAIN_END (c)])
                item->margin[MAIN_END (c)] = each;
            }
        }
      else
        {
          guint8 mode = alignment_fallback (c->justify_content, free_space, line->n_items);

          for (guint k = 0; k < line->n_items; k++)
            {
              guint i = c->is_reverse ? line->n_items - 1 - k : k;

              line->items[i].offset_main = alignment_offset (free_space, line->n_items,
                                                             c->gap[m], mode, c->is_reverse,
                                                             k == 0);
            }
        }
    }
}

/* §9.6 steps 13 and 14 */
static void
resolve_cross_axis_auto_margins (const Constants *c,
                                 FlexLine        *lines,
                                 guint            n_lines)
{
  guint x = c->cross;

  for (guint l = 0; l < n_lines; l++)
    {
      FlexLine *line = &lines[l];
      float max_baseline = 0.f, group_extent = 0.f;

      for (guint i = 0; i < line->n_items; i++)
        if (item_is_baseline_aligned (c, &line->items[i]))
          max_baseline = MAX (max_baseline, line->items[i].baseline);
      /* how far a column's baseline-aligned items reach once lined up: in wrap-reverse they
       * go to the line's cross-start edge (its right) as one group */
      if (!c->is_row && c->is_wrap_reverse)
        for (guint i = 0; i < line->n_items; i++)
          if (item_is_baseline_aligned (c, &line->items[i]))
            group_extent = MAX (group_extent, max_baseline - line->items[i].baseline
                                              + line->items[i].outer_target[x]);

      for (guint i = 0; i < line->n_items; i++)
        {
          FlexItem *item = &line->items[i];
          float free_space = line->cross_size - item->outer_target[x];
          gboolean auto_start = item->margin_auto[CROSS_START (c)];
          gboolean auto_end = item->margin_auto[CROSS_END (c)];

          /* an item that overflows its line keeps its start edge: its auto margins count
           * as zero (§9.6 step 13) */
          if ((auto_start || auto_end) && free_space <= 0.f)
            {
              if (auto_start)
                item->margin[CROSS_START (c)] = 0.f;
              if (auto_end)
                item->margin[CROSS_END (c)] = free_space;
            }
          else if (auto_start && auto_end)
            {
              item->margin[CROSS_START (c)] = free_space / 2.f;
              item->margin[CROSS_END (c)] = free_space / 2.f;
            }
          else if (auto_start)
            item->margin[CROSS_START (c)] = free_space;
          else if (auto_end)
            item->margin[CROSS_END (c)] = free_space;
          else
            {
              switch (item->align_self)
                {
                case TESS_LAYOUT_ALIGN_START:
                  item->offset_cross = 0.f;
                  break;
                case TESS_LAYOUT_ALIGN_END:
                  item->offset_cross = free_space;
                  break;
                case TESS_LAYOUT_ALIGN_FLEX_END:
                  item->offset_cross = c->is_wrap_reverse ? 0.f : free_space;
                  break;
                case TESS_LAYOUT_ALIGN_CENTER:
                  item->offset_cross = free_space / 2.f;
                  break;
                case TESS_LAYOUT_ALIGN_BASELINE:
                  item->offset_cross = max_baseline - item->baseline;
                  if (c->is_row && c->is_wrap_reverse)
                    item->offset_cross = free_space - item->offset_cross;
                  else if (c->is_wrap_reverse)
                    item->offset_cross += line->cross_size - group_extent;
                  break;
                default: /* flex-start, stretch */
                  item->offset_cross = c->is_wrap_reverse ? free_space : 0.f;
                  break;
                }
            }
        }
    }
}

/* §9.4 step 15 */
static float
determine_container_cross_size (const Constants *c_const,
                                Constants       *c,
                                const float     *known_size,
                                FlexLine        *lines,
                                guint            n_lines)
{
  guint x = c_const->cross;
  float total = 0.f, inset_cross = edge_sum (c->inset, x), outer;

  for (guint l = 0; l < n_lines; l++)
    total += lines[l].cross_size;
  outer = or_else (known_size[x], total + sum_gaps (c->gap[x], n_lines) + inset_cross);
  outer = maybe_clamp (outer, c->min_size[x], c->max_size[x]);
  outer = MAX (outer, inset_cross);
  c->container_size[x] = outer;
  c->inner_container_size[x] = MAX (outer - inset_cross, 0.f);
  return total;
}

/* §9.6 step 16 */
static void
align_flex_lines (const Constants *c,
                  FlexLine        *lines,
                  guint            n_lines,
                  float            total_cross)
{
  guint x = c->cross;
  float free_space = c->inner_container_size[x] - total_cross - sum_gaps (c->gap[x], n_lines);
  guint8 mode = alignment_fallback (c->align_content, free_space, n_lines);

  for (guint k = 0; k < n_lines; k++)
    {
      guint l = c->is_wrap_reverse ? n_lines - 1 - k : k;

      lines[l].offset_cross = alignment_offset (free_space, n_lines, c->gap[x], mode,
                                                c->is_wrap_reverse, k == 0);
    }
}

/* §9.8: which of an item's sizes, fixed by now, still are no basis for its children's
 * percentages. Its height is definite when it has a definite height of its own, when it was
 * flexed in a column of definite height, or when it was stretched in a row (see below); a
 * height that came from content is not. */
static guint8
item_indefinite_axes (TessLayoutTree  *tree,
                      const Constants *c,
                      const FlexItem  *item)
{
  if (is_known (item->size[1]))
    return 0;
  /* in a column of indefinite height, a flexed height is definite when its flex base size
   * came from no content: a length, or the aspect ratio from a definite width (Chromium's
   * "initial block size" is indefinite only for a content-based flex basis) */
  if (!c->is_row)
    return c->main_is_definite || item->basis_definite ? 0 : 2;
  /* Chromium lays a stretched item out again at its line's cross size and treats that
   * height as definite, in single-line and multi-line rows alike, even when the row's own
   * height is not. An item whose height is a percentage that did not resolve is not
   * stretched. */
  if (item->align_self == TESS_LAYOUT_ALIGN_STRETCH && !item->margin_auto[CROSS_START (c)]
      && node_style (tree, item->node)->size[1].unit == TESS_LAYOUT_UNIT_AUTO
      && !item->margin_auto[CROSS_END (c)])
    return 0;
  return 2;
}

static void
layout_item (TessLayoutTree  *tree,
             const Constants *c,
             FlexItem        *item,
             float           *offset_main,
             float            offset_cross,
             float            line_offset_cross)
{
  Node *node = &tree->nodes[item->node];
  float available[2], pos_main, pos_cross, rel;
  LayoutOutput out;

  available[0] = c->container_size[0];
  available[1] = c->container_size[1];
  perform_child (tree, item->node, item->target, c->percent_basis, available,
                 item_indefinite_axes (tree, c, item), &out);

  rel = or_else (item->inset[MAIN_START (c)], -item->inset[MAIN_END (c)]);
  pos_main = *offset_main + item->offset_main + item->margin[MAIN_START (c)]
             + (is_known (rel) ? rel : 0.f);
  rel = or_else (item->inset[CROSS_START (c)], -item->inset[CROSS_END (c)]);
  pos_cross = offset_cross + item->offset_cross + line_offset_cross
              + item->margin[CROSS_START (c)] + (is_known (rel) ? rel : 0.f);

  /* from here on the baseline is relative to the container's border box */
  item->baseline = (c->is_row ? pos_cross : pos_main) + or_else (out.baseline, out.size[1]);

  node->unrounded.x = c->is_row ? pos_main : pos_cross;
  node->unrounded.y = c->is_row ? pos_cross : pos_main;
  node->unrounded.width = out.size[0];
  node->unrounded.height = out.size[1];

  *offset_main += item->offset_main + edge_sum (item->margin, c->main) + out.size[c->main];
}

static void
final_layout_pass (TessLayoutTree  *tree,
                   const Constants *c,
                   FlexLine        *lines,
                   guint            n_lines)
{
  float offset_cross = c->inset[CROSS_START (c)];

  for (guint k = 0; k < n_lines; k++)
    {
      FlexLine *line = &lines[c->is_wrap_reverse ? n_lines - 1 - k : k];
      float offset_main = c->inset[MAIN_START (c)];

      for (guint j = 0; j < line->n_items; j++)
        {
          guint i = c->is_reverse ? line->n_items - 1 - j : j;

          layout_item (tree, c, &line->items[i], &offset_main, offset_cross, line->offset_cross);
        }
      offset_cross += line->offset_cross + line->cross_size;
    }
}

/* The container's height from its content alone, as if its own height were auto: the lines'
 * cross sizes in a row (a stretched item of a single-line row counts as its padding and
 * border, the row's height being what it stretches to), the longest line in a column. */
static float
content_height (const Constants *c,
                FlexLine        *lines,
                guint            n_lines)
{
  float total = 0.f;

  for (guint l = 0; l < n_lines; l++)
    {
      float v = c->is_row ? 0.f : sum_gaps (c->gap[c->main], lines[l].n_items);

      for (guint i = 0; i < lines[l].n_items; i++)
        {
          const FlexItem *item = &lines[l].items[i];

          if (c->is_row)
            v = MAX (v, item->hypothetical_outer[c->cross]);
          else
            v += item->hypothetical_outer[c->main];
        }
      total = c->is_row ? total + v : MAX (total, v);
    }
  if (c->is_row)
    total += sum_gaps (c->gap[c->cross], n_lines);
  return total + edge_sum (c->inset, 1);
}

/* A column item's min-content or max-content (@available_width) width contribution: its
 * preferred width when it has one, else its content's. */
static float
column_item_width_contribution (TessLayoutTree  *tree,
                                const Constants *c,
                                FlexItem        *item,
                                float            available_width)
{
  float v = item->size[0];

  if (!is_known (v))
    {
      float known[2] = { NAN, NAN };
      float child_available[2] = { available_width, TESS_LAYOUT_MAX_CONTENT };

      v = measure_child (tree, item->node, known, c->percent_basis, child_available,
                         SIZING_CONTENT, 0);
    }
  return outer_contribution (item, 0, v);
}

/* A wrapping column's min-content width: its widest item's min-content contribution, as
 * Chromium takes it. */
static float
widest_cross_min_content_contribution (TessLayoutTree  *tree,
                                       const Constants *c,
                                       FlexItem        *items,
                                       guint            n_items)
{
  float widest = 0.f;

  for (guint i = 0; i < n_items; i++)
    {
      float v = column_item_width_contribution (tree, c, &items[i], TESS_LAYOUT_MIN_CONTENT);

      widest = MAX (widest, v);
    }
  return widest;
}

/* A single-line column sized by its content in definite space: its fit-content width, as
 * an inner size. Chromium fixes that width from the items' intrinsic widths before it lays
 * them out, so an item stretched across it is measured at it, not at the space around
 * (which matters when the item's height follows its width: an aspect ratio, wrapping). */
static float
column_fit_content_width (TessLayoutTree  *tree,
                          const Constants *c,
                          FlexItem        *items,
                          guint            n_items,
                          float            space)
{
  float widest_max = 0.f, widest_min = 0.f, inset = edge_sum (c->inset, 0), outer;

  for (guint pass = 0; pass < 2; pass++)
    {
      float widest = 0.f;

      for (guint i = 0; i < n_items; i++)
        {
          float v = column_item_width_contribution (tree, c, &items[i],
                                                    pass == 0 ? TESS_LAYOUT_MAX_CONTENT
                                                              : TESS_LAYOUT_MIN_CONTENT);

          widest = MAX (widest, v);
        }
      if (pass == 0)
        {
          widest_max = widest;
          /* the min-content width matters only when the max-content one does not fit */
          if (widest_max <= space)
            break;
        }
      else
        widest_min = widest;
    }
  outer = MIN (widest_max, MAX (widest_min, space)) + inset;
  outer = MAX (maybe_clamp (outer, c->min_size[0], c->max_size[0]), inset);
  return outer - inset;
}

static gboolean
has_stretched_auto_width_item (const Constants *c,
                               const FlexItem  *items,
                               guint            n_items)
{
  for (guint i = 0; i < n_items; i++)
    if (items[i].align_self == TESS_LAYOUT_ALIGN_STRETCH && !is_known (items[i].size[0])
        && !items[i].margin_auto[CROSS_START (c)] && !items[i].margin_auto[CROSS_END (c)])
      return TRUE;
  return FALSE;
}

static void
compute_preliminary (TessLayoutTree    *tree,
                     TessLayoutNodeId   node,
                     const LayoutInput *in,
                     LayoutOutput      *out,
                     float             *out_content_height)
{
  const TessLayoutStyle *style = node_style (tree, node);
  Constants c;
  float available[2];
  FlexItem *items = tree->items + tree->items_len;
  FlexLine *lines = tree->lines + tree->lines_len;
  guint n_items, n_lines, n_reserved;
  float total_cross;
  float known_size[2];

  known_size[0] = in->known[0];
  known_size[1] = in->known[1];

  compute_constants (style, in->known, in->parent, in->indefinite, &c);
  /* reserve a slot per child before anything recurses into the children */
  n_reserved = tree->nodes[node].n_children;
  tree->items_len += n_reserved;
  n_items = generate_items (tree, node, &c, items);

  determine_available_space (in->known, in->available, &c, available);
  c.cross_space_definite = avail_is_definite (available[c.cross]);
  if (!c.is_row && !c.is_wrap && !is_known (c.node_inner[0]) && avail_is_definite (available[0])
      && has_stretched_auto_width_item (&c, items, n_items))
    available[0] = column_fit_content_width (tree, &c, items, n_items, available[0]);
  determine_flex_base_size (tree, &c, available, items, n_items);

  n_lines = collect_flex_lines (tree, &c, available, items, n_items, lines);
  tree->lines_len += n_lines;

  if (is_known (c.node_inner[c.main]))
    {
      c.inner_container_size[c.main] = c.node_inner[c.main];
      c.container_size[c.main] = c.node_inner[c.main] + edge_sum (c.inset, c.main);
    }
  else
    {
      determine_container_main_size (tree, available, lines, n_lines, &c);
      c.node_outer[c.main] = c.container_size[c.main];
      if (c.is_row)
        c.percent_basis[c.main] = c.node_inner[c.main];
      /* percentage gaps resolve against the now known size */
      c.gap[c.main] = resolve_or_zero (style->gap[c.main], c.inner_container_size[c.main]);
    }

  for (guint l = 0; l < n_lines; l++)
    resolve_flexible_lengths (tree, &c, &lines[l]);
  for (guint l = 0; l < n_lines; l++)
    determine_hypothetical_cross_size (tree, &c, &lines[l], available, known_size);
  calculate_children_baselines (tree, &c, known_size, available, lines, n_lines);
  calculate_cross_size (&c, known_size, lines, n_lines);
  handle_align_content_stretch (&c, known_size, lines, n_lines);
  determine_used_cross_size (tree, &c, lines, n_lines);
  distribute_remaining_free_space (&c, lines, n_lines);
  resolve_cross_axis_auto_margins (&c, lines, n_lines);
  total_cross = determine_container_cross_size (&c, &c, known_size, lines, n_lines);
  /* a wrapping column's min-content width is its widest item's min-content contribution,
   * not the sum of its lines (Chromium) */
  if (!c.is_row && c.is_wrap && available[0] == TESS_LAYOUT_MIN_CONTENT
      && !is_known (known_size[0]))
    {
      float widest = 0.f, inset = edge_sum (c.inset, 0), outer;

      for (guint i = 0; i < n_items; i++)
        widest = MAX (widest, items[i].hypothetical_outer[0]);
      outer = maybe_clamp (widest + inset, c.min_size[0], c.max_size[0]);
      outer = MAX (outer, inset);
      c.container_size[0] = outer;
      c.inner_container_size[0] = outer - inset;
    }
  /* one whose width comes from its content in definite space is no wider than that space
   * unless its widest item needs more (its fit-content width): Chromium sizes it from its
   * intrinsic widths first and lets the lines overflow */
  else if (!c.is_row && c.is_wrap && !is_known (known_size[0]) && avail_is_definite (available[0])
           && c.container_size[0] - edge_sum (c.inset, 0) > available[0] && n_lines > 1)
    {
      float inset = edge_sum (c.inset, 0);
      float fit = MAX (widest_cross_min_content_contribution (tree, &c, items, n_items),
                       available[0]) + inset;

      if (fit < c.container_size[0])
        {
          float outer = MAX (maybe_clamp (fit, c.min_size[0], c.max_size[0]), inset);

          c.container_size[0] = outer;
          c.inner_container_size[0] = outer - inset;
        }
    }
  if (out_content_height != NULL)
    *out_content_height = content_height (&c, lines, n_lines);

  out->size[0] = c.container_size[0];
  out->size[1] = c.container_size[1];
  out->baseline = NAN;

  if (in->run_mode == RUN_PERFORM_LAYOUT)
    {
      align_flex_lines (&c, lines, n_lines, total_cross);
      final_layout_pass (tree, &c, lines, n_lines);

      for (TessLayoutNodeId id = n_items == n_reserved ? TESS_LAYOUT_NO_NODE
                                                         : tree->nodes[node].first_child;
           id != TESS_LAYOUT_NO_NODE; id = tree->nodes[id].next_sibling)
        if (tree->nodes[id].display == TESS_LAYOUT_DISPLAY_NONE)
          {
            LayoutInput hidden = *in;
            LayoutOutput ignored;

            tess_layout_compute_child (tree, id, &hidden, &ignored);
          }

      /* §8.5: the first baseline comes from the first item of the first line that takes part
       * in baseline alignment, else from the first item */
      if (n_lines > 0)
        {
          /* Chromium takes the line and the item nearest the top */
          FlexLine *line = &lines[c.is_wrap_reverse ? n_lines - 1 : 0];
          gboolean backwards = !c.is_row && c.is_reverse;
          FlexItem *first = NULL;

          for (guint k = 0; k < line->n_items && first == NULL; k++)
            {
              FlexItem *item = &line->items[backwards ? line->n_items - 1 - k : k];

              if (!c.is_row || item->align_self == TESS_LAYOUT_ALIGN_BASELINE)
                first = item;
            }
          /* else the item at the main-start edge: the last one in a row-reverse */
          if (first == NULL)
            first = &line->items[c.is_reverse ? line->n_items - 1 : 0];
          out->baseline = first->baseline;
        }
    }

  tree->items_len -= n_reserved;
  tree->lines_len -= n_lines;
}

static gboolean
has_ratio_child (TessLayoutTree   *tree,
                 TessLayoutNodeId  node)
{
  for (TessLayoutNodeId id = tree->nodes[node].first_child; id != TESS_LAYOUT_NO_NODE;
       id = tree->nodes[id].next_sibling)
    if (node_style (tree, id)->aspect_ratio > 0.f)
      return TRUE;
  return FALSE;
}

void
tess_layout_compute_flexbox (TessLayoutTree    *tree,
                             TessLayoutNodeId   node,
                             const LayoutInput *in,
                             LayoutOutput      *out)
{
  const TessLayoutStyle *style = node_style (tree, node);
  float inset[4], pb[2], size[2], min_size[2], max_size[2];
  LayoutInput adjusted = *in;
  gboolean is_column;

  resolve_padding_border (style, in->parent[0], inset);
  pb[0] = edge_sum (inset, 0);
  pb[1] = edge_sum (inset, 1);
  resolve_sizes (style, in->parent, pb, FALSE, size, min_size, max_size);

  for (guint a = 0; a < 2; a++)
    {
      float styled = NAN;

      /* min >= max fixes the size in that axis; not the height while the width is sized
       * by content, where Chromium leaves an auto height indefinite */
      if (is_known (min_size[a]) && is_known (max_size[a]) && max_size[a] <= min_size[a]
          && !(a == 1 && node_style (tree, node)->size[1].unit == TESS_LAYOUT_UNIT_AUTO
               && !is_known (in->known[0]) && !avail_is_definite (in->available[0])))
        styled = min_size[a];
      else if (in->sizing_mode == SIZING_INHERENT)
        styled = maybe_clamp (size[a], min_size[a], max_size[a]);
      styled = maybe_max (styled, pb[a]);
      adjusted.known[a] = or_else (in->known[a], styled);
    }

  /* An auto-width row in definite space is as wide as CSS's fit-content: its max-content
   * width, but no wider than the space and no narrower than its min-content width. So is a
   * column whose items take their heights from their widths through an aspect ratio:
   * Chromium settles the column's width before laying its items out, so that stretched
   * items know their widths. */
  is_column = style->flex_direction == TESS_LAYOUT_COLUMN
              || style->flex_direction == TESS_LAYOUT_COLUMN_REVERSE;
  if (!is_known (adjusted.known[0]) && is_column && may_refine (tree)
      && has_ratio_child (tree, node) && !avail_is_definite (in->available[0]))
    {
      LayoutInput query = adjusted;
      LayoutOutput result;

      query.run_mode = RUN_COMPUTE_SIZE;
      compute_preliminary (tree, node, &query, &result, NULL);
      adjusted.known[0] = result.size[0];
    }
  /* A wrapping row's max-content width is one line of items clamped by its max-width; it
   * is then laid out at that width, where its lines break */
  if (!is_column && (style->flex_wrap != TESS_LAYOUT_NOWRAP || style->wrap_balance)
      && !is_known (adjusted.known[0]) && may_refine (tree)
      && in->available[0] == TESS_LAYOUT_MAX_CONTENT && is_known (max_size[0]))
    {
      LayoutInput query = adjusted;
      LayoutOutput result;

      query.run_mode = RUN_COMPUTE_SIZE;
      compute_preliminary (tree, node, &query, &result, NULL);
      adjusted.known[0] = result.size[0];
    }
  if ((!is_column || has_ratio_child (tree, node))
      && !is_known (adjusted.known[0]) && avail_is_definite (in->available[0]))
    {
      LayoutInput query = adjusted;
      LayoutOutput result;
      float max_content, min_content, space, width;

      query.run_mode = RUN_COMPUTE_SIZE;
      /* the intrinsic widths see the height as the caller gave it (see above) */
      query.known[1] = in->known[1];
      query.available[0] = TESS_LAYOUT_MAX_CONTENT;
      tess_layout_compute_child (tree, node, &query, &result);
      max_content = result.size[0];
      query.available[0] = TESS_LAYOUT_MIN_CONTENT;
      tess_layout_compute_child (tree, node, &query, &result);
      min_content = result.size[0];

      space = in->available[0] - resolve_or_zero (style->margin[TESS_LAYOUT_LEFT], in->parent[0])
              - resolve_or_zero (style->margin[TESS_LAYOUT_RIGHT], in->parent[0]);
      width = MAX (min_content, MIN (max_content, space));
      width = maybe_clamp (width, min_size[0], max_size[0]);
      adjusted.known[0] = MAX (width, pb[0]);
    }

  /* css-sizing-4: an auto height with a preferred aspect ratio comes from the width, and
   * min-height: auto keeps it from being less than the content's height, the content being
   * laid out in the box at that height (stretched items take it) */
  if (style->aspect_ratio > 0.f && !is_known (adjusted.known[1]) && may_refine (tree))
    {
      LayoutInput probe = adjusted;
      LayoutOutput ignored;
      float width, height, content;

      /* with neither size known, the width comes from the content first, and is no less
       * than the smallest height the box can have (its padding and border) gives through
       * the ratio */
      if (!is_known (adjusted.known[0]))
        {
          probe.run_mode = RUN_COMPUTE_SIZE;
          compute_preliminary (tree, node, &probe, &ignored, NULL);
          adjusted.known[0] = ignored.size[0];
          if (style->box_sizing == TESS_LAYOUT_BORDER_BOX)
            adjusted.known[0] = MAX (adjusted.known[0],
                                     maybe_min (pb[1] * style->aspect_ratio, max_size[0]));
          probe = adjusted;
        }
      width = adjusted.known[0];

      if (style->box_sizing == TESS_LAYOUT_CONTENT_BOX)
        height = (width - pb[0]) / style->aspect_ratio + pb[1];
      else
        height = width / style->aspect_ratio;
      height = MAX (maybe_clamp (height, min_size[1], max_size[1]), pb[1]);
      if (style->min_size[1].unit == TESS_LAYOUT_UNIT_AUTO)
        {
          probe.run_mode = RUN_COMPUTE_SIZE;
          if (in->indefinite & 2)
            {
              /* a column measuring its item's height lays the content out with the
               * height still indefinite (Chromium's initial block size) */
              compute_preliminary (tree, node, &probe, &ignored, NULL);
              content = ignored.size[1];
            }
          else
            {
              probe.known[1] = height;
              compute_preliminary (tree, node, &probe, &ignored, &content);
            }
          height = MAX (height, maybe_min (content, max_size[1]));
        }
      adjusted.known[1] = height;
      adjusted.indefinite &= ~2u;
    }

  if (in->run_mode == RUN_COMPUTE_SIZE && is_known (adjusted.known[0])
      && is_known (adjusted.known[1]))
    {
      out->size[0] = adjusted.known[0];
      out->size[1] = adjusted.known[1];
      out->baseline = NAN;
      return;
    }

  compute_preliminary (tree, node, &adjusted, out, NULL);
}
