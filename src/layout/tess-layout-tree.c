/* tess-layout-tree.c: node storage, caching, leaf sizing and pixel rounding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <string.h>

#include "layout/tess-layout-private.h"
#include "layout/tess-layout-flex-private.h"

void
tess_layout_style_init (TessLayoutStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->display = TESS_LAYOUT_DISPLAY_FLEX;
  style->flex_direction = TESS_LAYOUT_ROW;
  style->flex_wrap = TESS_LAYOUT_NOWRAP;
  style->justify_content = TESS_LAYOUT_ALIGN_NORMAL;
  style->align_items = TESS_LAYOUT_ALIGN_NORMAL;
  style->align_self = TESS_LAYOUT_ALIGN_AUTO;
  style->align_content = TESS_LAYOUT_ALIGN_NORMAL;
  style->box_sizing = TESS_LAYOUT_BORDER_BOX;
  style->flex_line_count = 1;
  style->flex_grow = 0.f;
  style->flex_shrink = 1.f;
  style->flex_basis = TESS_LAYOUT_AUTO;
  /* every other length is zero-initialised as { 0, AUTO }; padding, border and gap treat
   * auto as zero, margins and insets are zero px by default. */
  for (guint i = 0; i < 4; i++)
    {
      style->margin[i] = TESS_LAYOUT_PX (0);
      style->padding[i] = TESS_LAYOUT_PX (0);
      style->border[i] = TESS_LAYOUT_PX (0);
    }
  style->gap[0] = TESS_LAYOUT_PX (0);
  style->gap[1] = TESS_LAYOUT_PX (0);
}

static void
reset_styles (TessLayoutTree *tree)
{
  tree->n_styles = 0;
  tree->free_style = G_MAXUINT32;
  for (guint i = 0; i < N_RECENT_STYLES; i++)
    tree->recent[i].style = G_MAXUINT32;
  tree->recent_next = 0;
}

TessLayoutTree *
tess_layout_tree_new (void)
{
  TessLayoutTree *tree = g_new0 (TessLayoutTree, 1);

  tree->free_list = TESS_LAYOUT_NO_NODE;
  tree->root_baseline = NAN;
  reset_styles (tree);
  return tree;
}

void
tess_layout_tree_free (TessLayoutTree *tree)
{
  if (tree == NULL)
    return;
  g_free (tree->nodes);
  g_free (tree->styles);
  g_free (tree->caches);
  g_free (tree->items);
  g_free (tree->lines);
  g_free (tree->balance_sums);
  g_free (tree->balance_scratch);
  g_free (tree);
}

void
tess_layout_tree_clear (TessLayoutTree *tree)
{
  g_return_if_fail (tree != NULL);

  tree->n_nodes = 0;
  tree->n_live = 0;
  tree->n_caches = 0;
  tree->free_list = TESS_LAYOUT_NO_NODE;
  tree->root_baseline = NAN;
  reset_styles (tree);
}

void
tess_layout_tree_reserve (TessLayoutTree *tree,
                          guint           n_nodes)
{
  g_return_if_fail (tree != NULL);

  if (n_nodes > tree->nodes_cap)
    {
      tree->nodes = g_renew (Node, tree->nodes, n_nodes);
      tree->nodes_cap = n_nodes;
    }
}

guint
tess_layout_tree_get_n_nodes (TessLayoutTree *tree)
{
  g_return_val_if_fail (tree != NULL, 0);
  return tree->n_live;
}

void
tess_layout_tree_set_measure_func (TessLayoutTree        *tree,
                                   TessLayoutMeasureFunc  measure,
                                   TessLayoutBaselineFunc baseline,
                                   gpointer               user_data)
{
  g_return_if_fail (tree != NULL);

  tree->measure = measure;
  tree->baseline = baseline;
  tree->measure_data = user_data;
  for (guint i = 0; i < tree->n_nodes; i++)
    tree->nodes[i].cache_valid = 0;
}

/* Callers' numbers are not trusted: NaN and infinities would poison every box they touch. */
static void
sanitize_length (TessLayoutLength *length)
{
  if (!isfinite (length->value))
    *length = TESS_LAYOUT_AUTO;
  if (length->unit > TESS_LAYOUT_UNIT_CONTENT)
    *length = TESS_LAYOUT_AUTO;
}

static void
sanitize_style (TessLayoutStyle *style)
{
  TessLayoutLength *lengths[] = {
    &style->flex_basis, &style->size[0], &style->size[1], &style->min_size[0],
    &style->min_size[1], &style->max_size[0], &style->max_size[1], &style->gap[0],
    &style->gap[1],
  };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    sanitize_length (lengths[i]);
  for (guint e = 0; e < 4; e++)
    {
      sanitize_length (&style->margin[e]);
      sanitize_length (&style->padding[e]);
      sanitize_length (&style->border[e]);
      sanitize_length (&style->inset[e]);
    }
  if (!isfinite (style->flex_grow) || style->flex_grow < 0.f)
    style->flex_grow = 0.f;
  if (!isfinite (style->flex_shrink) || style->flex_shrink < 0.f)
    style->flex_shrink = 0.f;
  if (!isfinite (style->aspect_ratio) || style->aspect_ratio < 0.f)
    style->aspect_ratio = 0.f;
}

static inline gboolean
node_is_valid (TessLayoutTree   *tree,
               TessLayoutNodeId  id)
{
  return id < tree->n_nodes && tree->nodes[id].in_use;
}

/* ---- shared styles ------------------------------------------------------------------------ */

static void
unref_style (TessLayoutTree *tree,
             guint32         index)
{
  SharedStyle *shared = &tree->styles[index];

  if (--shared->refs > 0)
    return;
  for (guint i = 0; i < N_RECENT_STYLES; i++)
    if (tree->recent[i].style == index)
      tree->recent[i].style = G_MAXUINT32;
  shared->next_free = tree->free_style;
  tree->free_style = index;
}

/* Returns a referenced shared copy of @style (NULL: the initial style), sanitized. */
static guint32
ref_style (TessLayoutTree        *tree,
           const TessLayoutStyle *style)
{
  TessLayoutStyle initial;
  RecentStyle *recent;
  guint32 index;

  if (style == NULL)
    {
      tess_layout_style_init (&initial);
      style = &initial;
    }
  for (guint i = 0; i < N_RECENT_STYLES; i++)
    {
      recent = &tree->recent[(tree->recent_next + N_RECENT_STYLES - 1 - i) % N_RECENT_STYLES];
      if (recent->style != G_MAXUINT32 && memcmp (&recent->raw, style, sizeof *style) == 0)
        {
          tree->styles[recent->style].refs++;
          return recent->style;
        }
    }

  if (tree->free_style != G_MAXUINT32)
    {
      index = tree->free_style;
      tree->free_style = tree->styles[index].next_free;
    }
  else
    {
      if (tree->n_styles == tree->styles_cap)
        {
          tree->styles_cap = MAX (16, tree->styles_cap * 2);
          tree->styles = g_renew (SharedStyle, tree->styles, tree->styles_cap);
        }
      index = tree->n_styles++;
    }
  tree->styles[index].style = *style;
  sanitize_style (&tree->styles[index].style);
  tree->styles[index].refs = 1;
  tree->styles[index].template_state = TEMPLATE_UNKNOWN;

  recent = &tree->recent[tree->recent_next];
  tree->recent_next = (tree->recent_next + 1) % N_RECENT_STYLES;
  recent->raw = *style;
  recent->style = index;
  return index;
}

TessLayoutNodeId
tess_layout_tree_add_node (TessLayoutTree        *tree,
                           const TessLayoutStyle *style)
{
  TessLayoutNodeId id;
  Node *node;

  g_return_val_if_fail (tree != NULL, TESS_LAYOUT_NO_NODE);

  if (tree->free_list != TESS_LAYOUT_NO_NODE)
    {
      id = tree->free_list;
      tree->free_list = tree->nodes[id].next_sibling;
    }
  else
    {
      if (tree->n_nodes == tree->nodes_cap)
        tess_layout_tree_reserve (tree, MAX (64, tree->nodes_cap * 2));
      id = tree->n_nodes++;
    }

  node = &tree->nodes[id];
  node->style = ref_style (tree, style);
  node->display = tree->styles[node->style].style.display;
  node->parent = TESS_LAYOUT_NO_NODE;
  node->first_child = TESS_LAYOUT_NO_NODE;
  node->last_child = TESS_LAYOUT_NO_NODE;
  node->next_sibling = TESS_LAYOUT_NO_NODE;
  node->n_children = 0;
  node->cache_valid = 0;
  node->cache_next = 0;
  node->cache = G_MAXUINT32;
  node->measured = MEASURE_NONE;
  node->in_use = TRUE;
  node->context = NULL;
  node->unrounded = (TessLayoutBox) { 0 };
  node->rounded = (TessLayoutBox) { 0 };
  tree->n_live++;
  return id;
}

static void
invalidate_up (TessLayoutTree   *tree,
               TessLayoutNodeId  id)
{
  /* An ancestor with nothing cached either has its own ancestors cleared already (they were
   * cleared together), or is hidden (then nothing below it matters above it): stop there.
   * That keeps building a deep tree linear. */
  tree->nodes[id].cache_valid = 0;
  id = tree->nodes[id].parent;
  while (id != TESS_LAYOUT_NO_NODE && tree->nodes[id].cache_valid != 0)
    {
      tree->nodes[id].cache_valid = 0;
      id = tree->nodes[id].parent;
    }
}

static void
detach_child (TessLayoutTree   *tree,
              TessLayoutNodeId  parent,
              TessLayoutNodeId  child)
{
  Node *p = &tree->nodes[parent];
  TessLayoutNodeId prev = TESS_LAYOUT_NO_NODE;

  for (TessLayoutNodeId c = p->first_child; c != TESS_LAYOUT_NO_NODE;
       prev = c, c = tree->nodes[c].next_sibling)
    {
      if (c != child)
        continue;
      if (prev == TESS_LAYOUT_NO_NODE)
        p->first_child = tree->nodes[c].next_sibling;
      else
        tree->nodes[prev].next_sibling = tree->nodes[c].next_sibling;
      if (p->last_child == c)
        p->last_child = prev;
      p->n_children--;
      break;
    }
  tree->nodes[child].parent = TESS_LAYOUT_NO_NODE;
  tree->nodes[child].next_sibling = TESS_LAYOUT_NO_NODE;
}

/* Frees @node; its children become parentless roots (free them yourself). */
void
tess_layout_tree_remove_node (TessLayoutTree   *tree,
                              TessLayoutNodeId  node)
{
  g_return_if_fail (tree != NULL);
  g_return_if_fail (node_is_valid (tree, node));

  if (tree->nodes[node].parent != TESS_LAYOUT_NO_NODE)
    {
      invalidate_up (tree, tree->nodes[node].parent);
      detach_child (tree, tree->nodes[node].parent, node);
    }
  tess_layout_tree_remove_children (tree, node);
  unref_style (tree, tree->nodes[node].style);
  tree->nodes[node].in_use = FALSE;
  tree->nodes[node].next_sibling = tree->free_list;
  tree->free_list = node;
  tree->n_live--;
}

void
tess_layout_tree_append_child (TessLayoutTree   *tree,
                               TessLayoutNodeId  parent,
                               TessLayoutNodeId  child)
{
  Node *p;

  g_return_if_fail (tree != NULL);
  g_return_if_fail (node_is_valid (tree, parent));
  g_return_if_fail (node_is_valid (tree, child));
  g_return_if_fail (parent != child);

  /* refuse cycles: @child must not be an ancestor of @parent (a leaf cannot be) */
  if (tree->nodes[child].n_children > 0)
    for (TessLayoutNodeId a = parent; a != TESS_LAYOUT_NO_NODE; a = tree->nodes[a].parent)
      g_return_if_fail (a != child);

  if (tree->nodes[child].parent != TESS_LAYOUT_NO_NODE)
    {
      invalidate_up (tree, tree->nodes[child].parent);
      detach_child (tree, tree->nodes[child].parent, child);
    }

  p = &tree->nodes[parent];
  if (p->last_child == TESS_LAYOUT_NO_NODE)
    p->first_child = child;
  else
    tree->nodes[p->last_child].next_sibling = child;
  p->last_child = child;
  p->n_children++;
  tree->nodes[child].parent = parent;
  tree->nodes[child].next_sibling = TESS_LAYOUT_NO_NODE;
  invalidate_up (tree, parent);
}

void
tess_layout_tree_remove_children (TessLayoutTree   *tree,
                                  TessLayoutNodeId  parent)
{
  Node *p;
  TessLayoutNodeId c;

  g_return_if_fail (tree != NULL);
  g_return_if_fail (node_is_valid (tree, parent));

  p = &tree->nodes[parent];
  c = p->first_child;
  while (c != TESS_LAYOUT_NO_NODE)
    {
      TessLayoutNodeId next = tree->nodes[c].next_sibling;

      tree->nodes[c].parent = TESS_LAYOUT_NO_NODE;
      tree->nodes[c].next_sibling = TESS_LAYOUT_NO_NODE;
      c = next;
    }
  p->first_child = p->last_child = TESS_LAYOUT_NO_NODE;
  p->n_children = 0;
  invalidate_up (tree, parent);
}

TessLayoutNodeId
tess_layout_tree_get_parent (TessLayoutTree   *tree,
                             TessLayoutNodeId  node)
{
  g_return_val_if_fail (tree != NULL, TESS_LAYOUT_NO_NODE);
  g_return_val_if_fail (node_is_valid (tree, node), TESS_LAYOUT_NO_NODE);
  return tree->nodes[node].parent;
}

TessLayoutNodeId
tess_layout_tree_get_first_child (TessLayoutTree   *tree,
                                  TessLayoutNodeId  node)
{
  g_return_val_if_fail (tree != NULL, TESS_LAYOUT_NO_NODE);
  g_return_val_if_fail (node_is_valid (tree, node), TESS_LAYOUT_NO_NODE);
  return tree->nodes[node].first_child;
}

TessLayoutNodeId
tess_layout_tree_get_next_sibling (TessLayoutTree   *tree,
                                   TessLayoutNodeId  node)
{
  g_return_val_if_fail (tree != NULL, TESS_LAYOUT_NO_NODE);
  g_return_val_if_fail (node_is_valid (tree, node), TESS_LAYOUT_NO_NODE);
  return tree->nodes[node].next_sibling;
}

guint
tess_layout_tree_get_n_children (TessLayoutTree   *tree,
                                 TessLayoutNodeId  node)
{
  g_return_val_if_fail (tree != NULL, 0);
  g_return_val_if_fail (node_is_valid (tree, node), 0);
  return tree->nodes[node].n_children;
}

const TessLayoutStyle *
tess_layout_tree_get_style (TessLayoutTree   *tree,
                            TessLayoutNodeId  node)
{
  g_return_val_if_fail (tree != NULL, NULL);
  g_return_val_if_fail (node_is_valid (tree, node), NULL);
  return node_style (tree, node);
}

void
tess_layout_tree_set_style (TessLayoutTree        *tree,
                            TessLayoutNodeId       node,
                            const TessLayoutStyle *style)
{
  TessLayoutStyle copy;
  guint32 old_style;

  g_return_if_fail (tree != NULL);
  g_return_if_fail (node_is_valid (tree, node));
  g_return_if_fail (style != NULL);

  copy = *style;
  sanitize_style (&copy);
  if (memcmp (node_style (tree, node), &copy, sizeof copy) == 0)
    return;
  old_style = tree->nodes[node].style;
  tree->nodes[node].style = ref_style (tree, style);
  unref_style (tree, old_style);
  tree->nodes[node].display = node_style (tree, node)->display;
  invalidate_up (tree, node);
}

void
tess_layout_tree_set_measured (TessLayoutTree   *tree,
                               TessLayoutNodeId  node,
                               gboolean          measured,
                               gpointer          context)
{
  g_return_if_fail (tree != NULL);
  g_return_if_fail (node_is_valid (tree, node));

  tree->nodes[node].measured = measured ? MEASURE_CONTENT : MEASURE_NONE;
  tree->nodes[node].context = context;
  invalidate_up (tree, node);
}

void
tess_layout_tree_set_measured_container (TessLayoutTree   *tree,
                                         TessLayoutNodeId  node,
                                         gpointer          context)
{
  g_return_if_fail (tree != NULL);
  g_return_if_fail (node_is_valid (tree, node));

  tree->nodes[node].measured = MEASURE_CONTAINER;
  tree->nodes[node].context = context;
  invalidate_up (tree, node);
}

void
tess_layout_tree_mark_dirty (TessLayoutTree   *tree,
                             TessLayoutNodeId  node)
{
  g_return_if_fail (tree != NULL);
  g_return_if_fail (node_is_valid (tree, node));
  invalidate_up (tree, node);
}

void
tess_layout_tree_reset_layout (TessLayoutTree *tree)
{
  g_return_if_fail (tree != NULL);

  /* as tess_layout_tree_add_node() leaves a node (the round-robin victim too: which entries
   * survive decides which answers later layouts get from the cache) */
  for (guint i = 0; i < tree->n_nodes; i++)
    {
      Node *node = &tree->nodes[i];

      node->cache_valid = 0;
      node->cache_next = 0;
      node->unrounded = (TessLayoutBox) { 0 };
      node->rounded = (TessLayoutBox) { 0 };
    }
  tree->root_baseline = NAN;
}

TessLayoutBox
tess_layout_tree_get_box (TessLayoutTree   *tree,
                          TessLayoutNodeId  node)
{
  g_return_val_if_fail (tree != NULL, (TessLayoutBox) { 0 });
  g_return_val_if_fail (node_is_valid (tree, node), (TessLayoutBox) { 0 });
  return tree->nodes[node].rounded;
}

TessLayoutBox
tess_layout_tree_get_unrounded_box (TessLayoutTree   *tree,
                                    TessLayoutNodeId  node)
{
  g_return_val_if_fail (tree != NULL, (TessLayoutBox) { 0 });
  g_return_val_if_fail (node_is_valid (tree, node), (TessLayoutBox) { 0 });
  return tree->nodes[node].unrounded;
}

guint
tess_layout_tree_get_layout_count (TessLayoutTree *tree,
                                   gboolean        reset)
{
  guint count;

  g_return_val_if_fail (tree != NULL, 0);
  count = tree->layout_count;
  if (reset)
    tree->layout_count = 0;
  return count;
}

/* ---- caching ---------------------------------------------------------------------------- */

static inline gboolean
same_option (float a, float b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static inline gboolean
avail_roughly_equal (float a, float b)
{
  if (isfinite (a) && isfinite (b))
    return fabsf (a - b) < FLT_EPSILON;
  return a == b;
}

/* Whether sizing a node under its own size styles (inherent) can differ from sizing it by
 * content: not when it has none. */
static gboolean
has_size_styles (const TessLayoutStyle *style)
{
  for (guint a = 0; a < 2; a++)
    if (style->size[a].unit != TESS_LAYOUT_UNIT_AUTO
        || style->min_size[a].unit != TESS_LAYOUT_UNIT_AUTO
        || style->max_size[a].unit != TESS_LAYOUT_UNIT_AUTO)
      return TRUE;
  return style->aspect_ratio > 0.f;
}

static gboolean
cache_entry_matches (const CacheEntry  *e,
                     const LayoutInput *in,
                     gboolean           sizing_matters)
{
  for (guint a = 0; a < 2; a++)
    {
      /* a size the node took in a layout may answer a question that fixes it, except one
       * it took under a min-content constraint: a wrapping row breaks after every item
       * there, and is shorter at that same width given definitely (Chromium) */
      if (!same_option (in->known[a], e->known[a])
          && (in->known[a] != e->size[a] || e->available[a] == TESS_LAYOUT_MIN_CONTENT))
        return FALSE;
      if (!is_known (in->known[a]) && !avail_roughly_equal (e->available[a], in->available[a]))
        return FALSE;
    }
  return (!sizing_matters || e->sizing_mode == in->sizing_mode)
         && e->indefinite == in->indefinite;
}

static gboolean
cache_get (Node                  *node,
           NodeCache             *cache,
           const TessLayoutStyle *style,
           const LayoutInput     *in,
           LayoutOutput          *out)
{
  gboolean sizing_matters = has_size_styles (style);

  if (in->run_mode == RUN_PERFORM_LAYOUT)
    {
      const CacheEntry *e = &cache->entries[FINAL_SLOT];

      if ((node->cache_valid & (1u << FINAL_SLOT)) && cache_entry_matches (e, in, sizing_matters))
        {
          out->size[0] = e->size[0];
          out->size[1] = e->size[1];
          out->baseline = e->baseline;
          return TRUE;
        }
      return FALSE;
    }

  for (guint i = 0; i < N_MEASURE_SLOTS; i++)
    {
      const CacheEntry *e = &cache->entries[i];

      if ((node->cache_valid & (1u << i)) && cache_entry_matches (e, in, sizing_matters))
        {
          out->size[0] = e->size[0];
          out->size[1] = e->size[1];
          out->baseline = e->baseline;
          return TRUE;
        }
    }
  return FALSE;
}

static void
cache_store (Node               *node,
             NodeCache          *cache,
             const LayoutInput  *in,
             const LayoutOutput *out)
{
  guint slot;
  CacheEntry *e;

  if (in->run_mode == RUN_PERFORM_LAYOUT)
    slot = FINAL_SLOT;
  else
    {
      /* any free entry, else round robin: the passes of one layout ask a node for a few
       * distinct sizes, and a fixed slot per kind of question thrashes on deep trees */
      for (slot = 0; slot < N_MEASURE_SLOTS; slot++)
        if (!(node->cache_valid & (1u << slot)))
          break;
      if (slot == N_MEASURE_SLOTS)
        {
          slot = node->cache_next;
          node->cache_next = (node->cache_next + 1) % N_MEASURE_SLOTS;
        }
    }
  e = &cache->entries[slot];

  e->known[0] = in->known[0];
  e->known[1] = in->known[1];
  e->available[0] = in->available[0];
  e->available[1] = in->available[1];
  e->size[0] = out->size[0];
  e->size[1] = out->size[1];
  e->baseline = out->baseline;
  e->sizing_mode = in->sizing_mode;
  e->indefinite = in->indefinite;
  node->cache_valid |= 1u << slot;
}

/* ---- leaves and hidden nodes --------------------------------------------------------------- */

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

static void
compute_leaf (TessLayoutTree        *tree,
              Node                  *node,
              const TessLayoutStyle *style,
              const LayoutInput     *in,
              LayoutOutput          *out)
{
  float pb[2], margin[2], node_size[2], node_min[2], node_max[2], avail[2], measured[2];
  float ratio = 0.f;

  /* percentages of padding, border and margin resolve against the parent's width */
  for (guint a = 0; a < 2; a++)
    {
      pb[a] = 0.f;
      for (guint e = 2 * a; e < 2 * a + 2; e++)
        {
          const TessLayoutLength *p = &style->padding[e], *b = &style->border[e];

          if (G_LIKELY (p->unit == TESS_LAYOUT_UNIT_PX && b->unit == TESS_LAYOUT_UNIT_PX))
            pb[a] += p->value + b->value;
          else
            pb[a] += resolve_or_zero (*p, in->parent[0]) + resolve_or_zero (*b, in->parent[0]);
        }
    }

  if (in->sizing_mode == SIZING_CONTENT)
    {
      for (guint a = 0; a < 2; a++)
        {
          node_size[a] = in->known[a];
          node_min[a] = node_max[a] = NAN;
        }
    }
  else
    {
      ratio = style->aspect_ratio;
      for (guint a = 0; a < 2; a++)
        {
          float adjust = style->box_sizing == TESS_LAYOUT_CONTENT_BOX ? pb[a] : 0.f;

          node_size[a] = resolve_length (style->size[a], in->parent[a]);
          node_min[a] = resolve_length (style->min_size[a], in->parent[a]);
          node_max[a] = maybe_add (resolve_length (style->max_size[a], in->parent[a]), adjust);
        }
      apply_aspect_ratio (node_size, ratio);
      apply_aspect_ratio (node_min, ratio);
      for (guint a = 0; a < 2; a++)
        {
          float adjust = style->box_sizing == TESS_LAYOUT_CONTENT_BOX ? pb[a] : 0.f;

          node_size[a] = maybe_add (node_size[a], adjust);
          node_min[a] = maybe_add (node_min[a], adjust);
          node_size[a] = or_else (in->known[a], node_size[a]);
        }
    }

  /* both sizes fixed: no need to measure, in either run mode */
  if (is_known (node_size[0]) && is_known (node_size[1]))
    {
      for (guint a = 0; a < 2; a++)
        out->size[a] = MAX (maybe_clamp (node_size[a], node_min[a], node_max[a]), pb[a]);
      out->baseline = NAN;
      if (in->run_mode == RUN_PERFORM_LAYOUT && node->measured && tree->baseline != NULL)
        out->baseline = tree->baseline (node->context, out->size[0], out->size[1],
                                        tree->measure_data);
      return;
    }

  for (guint a = 0; a < 2; a++)
    margin[a] = resolve_or_zero (style->margin[2 * a], in->parent[0])
                + resolve_or_zero (style->margin[2 * a + 1], in->parent[0]);

  for (guint a = 0; a < 2; a++)
    {
      float av = is_known (in->known[a]) ? in->known[a] : in->available[a];

      av = avail_sub (av, margin[a]);
      av = avail_set (av, in->known[a]);
      av = avail_set (av, node_size[a]);
      av = avail_set (av, node_max[a]);
      if (avail_is_definite (av))
        av = maybe_clamp (av, node_min[a], node_max[a]) - pb[a];
      avail[a] = av;
    }

  measured[0] = measured[1] = 0.f;
  if (node->measured && tree->measure != NULL)
    {
      float known_w = in->run_mode == RUN_COMPUTE_SIZE ? in->known[0] : NAN;
      float known_h = in->run_mode == RUN_COMPUTE_SIZE ? in->known[1] : NAN;

      /* the callback sees content-box sizes */
      tree->measure (node->context,
                     maybe_sub (known_w, pb[0]), maybe_sub (known_h, pb[1]),
                     avail[0], avail[1], &measured[0], &measured[1], tree->measure_data);
      if (!isfinite (measured[0]) || measured[0] < 0.f)
        measured[0] = 0.f;
      if (!isfinite (measured[1]) || measured[1] < 0.f)
        measured[1] = 0.f;
    }

  for (guint a = 0; a < 2; a++)
    {
      float v = or_else (in->known[a], node_size[a]);

      if (!is_known (v))
        v = measured[a] + pb[a];
      out->size[a] = maybe_clamp (v, node_min[a], node_max[a]);
    }
  if (ratio > 0.f)
    {
      /* an auto width is no less than the smallest height (the padding and border) gives
       * through the ratio */
      if (!is_known (in->known[0]) && !is_known (node_size[0])
          && style->box_sizing == TESS_LAYOUT_BORDER_BOX)
        out->size[0] = MAX (out->size[0], maybe_min (pb[1] * ratio, node_max[0]));
      out->size[1] = MAX (out->size[1], out->size[0] / ratio);
    }
  out->size[0] = MAX (out->size[0], pb[0]);
  out->size[1] = MAX (out->size[1], pb[1]);

  /* only a layout's baselines are read: sizing passes need none */
  out->baseline = NAN;
  if (in->run_mode == RUN_PERFORM_LAYOUT && node->measured && tree->baseline != NULL)
    out->baseline = tree->baseline (node->context, out->size[0], out->size[1],
                                    tree->measure_data);
}

static void
hide_subtree (TessLayoutTree   *tree,
              TessLayoutNodeId  id)
{
  Node *node = &tree->nodes[id];

  node->unrounded = (TessLayoutBox) { 0 };
  for (TessLayoutNodeId c = node->first_child; c != TESS_LAYOUT_NO_NODE;
       c = tree->nodes[c].next_sibling)
    hide_subtree (tree, c);
}

void
tess_layout_compute_child (TessLayoutTree    *tree,
                           TessLayoutNodeId   id,
                           const LayoutInput *in,
                           LayoutOutput      *out)
{
  Node *node = &tree->nodes[id];

  /* a refused layout is thrown away: once refused, nothing more is worth computing */
  if (G_UNLIKELY (tree->too_deep))
    {
      out->size[0] = out->size[1] = 0.f;
      out->baseline = NAN;
      return;
    }

  if (node->display == TESS_LAYOUT_DISPLAY_NONE)
    {
      hide_subtree (tree, id);
      out->size[0] = out->size[1] = 0.f;
      out->baseline = NAN;
      return;
    }

  /* an empty box is sized from its style alone, cheaper than a cache lookup, and leaving its
   * cache untouched keeps the memory a layout walks small */
  if (node->n_children == 0 && !node->measured)
    {
      tree->layout_count++;
      tree->work++;
      compute_leaf (tree, node, node_style (tree, id), in, out);
      if (in->run_mode == RUN_PERFORM_LAYOUT)
        {
          node->unrounded.width = out->size[0];
          node->unrounded.height = out->size[1];
        }
      return;
    }

  if (node->cache != G_MAXUINT32
      && cache_get (node, &tree->caches[node->cache], node_style (tree, id), in, out))
    return;

  tree->layout_count++;
  tree->work++;
  if (node->n_children > 0 && !node->measured)
    {
      /* the algorithm recurses: refuse trees deeper than the stack comfortably holds, and
       * trees whose layout would take far more passes than nodes (pathological nesting,
       * such as long chains of wrapping rows with max-widths) rather than hang on them */
      if (tree->depth >= TESS_LAYOUT_MAX_DEPTH || tree->work > TESS_LAYOUT_WORK_PER_NODE
                                                                * tree->work_limit)
        {
          tree->too_deep = TRUE;
          out->size[0] = out->size[1] = 0.f;
          out->baseline = NAN;
          return;
        }
      tree->depth++;
      tess_layout_compute_flexbox (tree, id, in, out);
      tree->depth--;
    }
  else
    compute_leaf (tree, node, node_style (tree, id), in, out);

  if (in->run_mode == RUN_PERFORM_LAYOUT)
    {
      node->unrounded.width = out->size[0];
      node->unrounded.height = out->size[1];
    }
  if (node->cache == G_MAXUINT32)
    {
      if (tree->n_caches == tree->caches_cap)
        {
          tree->caches_cap = MAX (64, tree->caches_cap * 2);
          tree->caches = g_renew (NodeCache, tree->caches, tree->caches_cap);
        }
      node->cache = tree->n_caches++;
    }
  cache_store (node, &tree->caches[node->cache], in, out);
}

/* ---- entry point ------------------------------------------------------------------------- */

/* Half away from zero, like roundf, without the library call. */
static inline float
round_px (float v)
{
  if (!(fabsf (v) < 1e15f))
    return v;
  return v >= 0.f ? (float) (gint64) ((double) v + 0.5)
                  : -(float) (gint64) (0.5 - (double) v);
}

static void
round_subtree (TessLayoutTree   *tree,
               TessLayoutNodeId  id,
               float             cum_x,
               float             cum_y,
               gboolean          round_to_pixels)
{
  Node *node = &tree->nodes[id];
  const TessLayoutBox *u = &node->unrounded;

  if (round_to_pixels)
    {
      float x = cum_x + u->x;
      float y = cum_y + u->y;

      /* round the edges in absolute coordinates, so adjacent boxes never gap or overlap */
      node->rounded.x = round_px (u->x);
      node->rounded.y = round_px (u->y);
      node->rounded.width = round_px (x + u->width) - round_px (x);
      node->rounded.height = round_px (y + u->height) - round_px (y);
      cum_x = x;
      cum_y = y;
    }
  else
    node->rounded = *u;

  for (TessLayoutNodeId c = node->first_child; c != TESS_LAYOUT_NO_NODE;
       c = tree->nodes[c].next_sibling)
    round_subtree (tree, c, cum_x, cum_y, round_to_pixels);
}

static void
ensure_scratch (TessLayoutTree *tree)
{
  guint need = tree->n_nodes + 1;

  if (tree->items_cap < need)
    {
      tree->items = g_renew (FlexItem, tree->items, need);
      tree->items_cap = need;
      tree->lines = g_renew (FlexLine, tree->lines, need);
      tree->lines_cap = need;
      /* balanced wrapping: sums and scores (64 bit), then counts, sizes, breaks, starts */
      tree->balance_sums = g_renew (guint64, tree->balance_sums, 2 * (gsize) need);
      tree->balance_scratch = g_renew (guint32, tree->balance_scratch, 4 * (gsize) need);
      tree->balance_cap = need;
    }
  tree->items_len = 0;
  tree->lines_len = 0;
}

gboolean
tess_layout_tree_compute (TessLayoutTree   *tree,
                          TessLayoutNodeId  root,
                          float             available_width,
                          float             available_height,
                          gboolean          round_to_pixels)
{
  return tess_layout_tree_compute_sized (tree, root, NAN, NAN, available_width,
                                         available_height, 0, round_to_pixels);
}

gboolean
tess_layout_tree_compute_sized (TessLayoutTree   *tree,
                                TessLayoutNodeId  root,
                                float             known_width,
                                float             known_height,
                                float             available_width,
                                float             available_height,
                                guint             flags,
                                gboolean          round_to_pixels)
{
  LayoutInput in;
  LayoutOutput out;

  g_return_val_if_fail (tree != NULL, FALSE);
  g_return_val_if_fail (node_is_valid (tree, root), FALSE);
  g_return_val_if_fail (!isnan (available_width) && !isnan (available_height), FALSE);
  g_return_val_if_fail (isnan (known_width) || isfinite (known_width), FALSE);
  g_return_val_if_fail (isnan (known_height) || isfinite (known_height), FALSE);

  ensure_scratch (tree);
  tree->depth = 0;
  tree->too_deep = FALSE;
  tree->work = 0;
  tree->work_limit = 64 * (guint64) tree->n_live + 4096;

  in.known[0] = known_width;
  in.known[1] = known_height;
  in.available[0] = available_width;
  in.available[1] = available_height;
  in.parent[0] = avail_to_option (available_width);
  in.parent[1] = avail_to_option (available_height);
  in.run_mode = RUN_PERFORM_LAYOUT;
  in.sizing_mode = (flags & TESS_LAYOUT_ROOT_IS_ITEM) ? SIZING_CONTENT : SIZING_INHERENT;
  in.indefinite = flags & (TESS_LAYOUT_INDEFINITE_WIDTH | TESS_LAYOUT_INDEFINITE_HEIGHT);
  tree->root_baseline = NAN;
  tess_layout_compute_child (tree, root, &in, &out);
  if (tree->too_deep)
    {
      /* nothing cached from a refused layout may answer a later one */
      for (guint i = 0; i < tree->n_nodes; i++)
        tree->nodes[i].cache_valid = 0;
      return FALSE;
    }

  tree->nodes[root].unrounded.x = 0.f;
  tree->nodes[root].unrounded.y = 0.f;
  tree->nodes[root].unrounded.width = out.size[0];
  tree->nodes[root].unrounded.height = out.size[1];
  tree->root_baseline = out.baseline;
  round_subtree (tree, root, 0.f, 0.f, round_to_pixels);
  return TRUE;
}

float
tess_layout_tree_get_root_baseline (TessLayoutTree *tree)
{
  g_return_val_if_fail (tree != NULL, NAN);
  return tree->root_baseline;
}
