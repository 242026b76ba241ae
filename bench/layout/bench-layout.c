/* bench-layout.c: build, lay out and free three tree shapes; print medians and rates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each shape also runs through a trivial reference layout (one pass that stacks children
 * along an axis, no flexing) over the same tree built the same way, in the same process, so
 * the ratio says what the flexbox algorithm costs on top of walking the tree.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "layout/tess-layout.h"

typedef enum { SHAPE_BALANCED, SHAPE_WIDE, SHAPE_CHAIN } Shape;

static const struct
{
  const char *name;
  Shape shape;
  guint runs;
} shapes[] = {
  { "balanced (depth 5, 10 children)", SHAPE_BALANCED, 41 },
  { "wide (10,000 leaves, wrapping)", SHAPE_WIDE, 41 },
  { "chain (1,000 deep)", SHAPE_CHAIN, 41 },
};

/* ---- the engine --------------------------------------------------------------------------- */

static void
style_for (TessLayoutStyle *style,
           Shape            shape,
           guint            depth,
           gboolean         leaf)
{
  tess_layout_style_init (style);
  switch (shape)
    {
    case SHAPE_BALANCED:
      style->flex_direction = depth % 2 ? TESS_LAYOUT_COLUMN : TESS_LAYOUT_ROW;
      style->flex_grow = 1;
      style->padding[TESS_LAYOUT_LEFT] = TESS_LAYOUT_PX (1);
      style->gap[0] = style->gap[1] = TESS_LAYOUT_PX (1);
      if (leaf)
        {
          style->size[0] = TESS_LAYOUT_PX (10);
          style->size[1] = TESS_LAYOUT_PX (10);
        }
      break;
    case SHAPE_WIDE:
      if (depth == 0)
        {
          style->flex_wrap = TESS_LAYOUT_WRAP;
          style->size[0] = TESS_LAYOUT_PX (1000);
        }
      else
        {
          style->size[0] = TESS_LAYOUT_PX (10);
          style->size[1] = TESS_LAYOUT_PX (10);
          style->flex_grow = 1;
        }
      break;
    case SHAPE_CHAIN:
    default:
      style->flex_direction = depth % 2 ? TESS_LAYOUT_COLUMN : TESS_LAYOUT_ROW;
      style->padding[TESS_LAYOUT_TOP] = TESS_LAYOUT_PX (1);
      if (leaf)
        {
          style->size[0] = TESS_LAYOUT_PX (10);
          style->size[1] = TESS_LAYOUT_PX (10);
        }
      break;
    }
}

static TessLayoutNodeId
build_balanced (TessLayoutTree *tree,
                guint           depth)
{
  TessLayoutStyle style;
  TessLayoutNodeId node;

  style_for (&style, SHAPE_BALANCED, depth, depth == 4);
  node = tess_layout_tree_add_node (tree, &style);
  if (depth < 4)
    for (guint i = 0; i < 10; i++)
      tess_layout_tree_append_child (tree, node, build_balanced (tree, depth + 1));
  return node;
}

static TessLayoutNodeId
build (TessLayoutTree *tree,
       Shape           shape)
{
  TessLayoutStyle style;
  TessLayoutNodeId root, parent;

  switch (shape)
    {
    case SHAPE_BALANCED:
      return build_balanced (tree, 0);
    case SHAPE_WIDE:
      style_for (&style, shape, 0, FALSE);
      root = tess_layout_tree_add_node (tree, &style);
      style_for (&style, shape, 1, TRUE);
      for (guint i = 0; i < 10000; i++)
        tess_layout_tree_append_child (tree, root, tess_layout_tree_add_node (tree, &style));
      return root;
    case SHAPE_CHAIN:
    default:
      style_for (&style, shape, 0, FALSE);
      root = parent = tess_layout_tree_add_node (tree, &style);
      for (guint i = 1; i < 1000; i++)
        {
          TessLayoutNodeId child;

          style_for (&style, shape, i, i == 999);
          child = tess_layout_tree_add_node (tree, &style);
          tess_layout_tree_append_child (tree, parent, child);
          parent = child;
        }
      return root;
    }
}

static guint
engine_run (Shape   shape,
            double *build_ms,
            double *layout_ms,
            double *relayout_ms,
            double *warm_ms)
{
  gint64 t0, t1, t2, t3, t4, t5;
  TessLayoutTree *tree;
  TessLayoutNodeId root;
  guint n;

  t0 = g_get_monotonic_time ();
  tree = tess_layout_tree_new ();
  /* the caller knows how many nodes it is about to add */
  tess_layout_tree_reserve (tree, shape == SHAPE_BALANCED ? 11111 : shape == SHAPE_WIDE ? 10001
                                                                                          : 1000);
  root = build (tree, shape);
  t1 = g_get_monotonic_time ();
  if (!tess_layout_tree_compute (tree, root, 1000, TESS_LAYOUT_MAX_CONTENT, TRUE))
    g_error ("layout refused the tree");
  t2 = g_get_monotonic_time ();
  tess_layout_tree_compute (tree, root, 1000, TESS_LAYOUT_MAX_CONTENT, TRUE);
  t3 = g_get_monotonic_time ();
  /* everything dirty again: the algorithm alone, memory already in place */
  for (guint i = 0; i < tess_layout_tree_get_n_nodes (tree); i++)
    tess_layout_tree_mark_dirty (tree, i);
  t4 = g_get_monotonic_time ();
  tess_layout_tree_compute (tree, root, 1000, TESS_LAYOUT_MAX_CONTENT, TRUE);
  t5 = g_get_monotonic_time ();
  n = tess_layout_tree_get_n_nodes (tree);
  if (tess_layout_tree_get_box (tree, root).width <= 0)
    g_error ("empty layout");
  tess_layout_tree_free (tree);
  *build_ms = (t1 - t0) / 1000.0;
  /* freeing is part of the layout figure: build, lay out and free */
  *layout_ms = (t2 - t1 + (g_get_monotonic_time () - t5)) / 1000.0;
  *relayout_ms = (t3 - t2) / 1000.0;
  *warm_ms = (t5 - t4) / 1000.0;
  return n;
}

/* ---- the reference: stack children along an axis in one pass ----------------------------- */

typedef struct
{
  float w, h, x, y;
  guint32 first_child, next_sibling;
  guint8 column;
} RefNode;

typedef struct
{
  RefNode *nodes;
  guint n, cap;
} RefTree;

static guint32
ref_add (RefTree  *tree,
         gboolean  column,
         float     w,
         float     h)
{
  if (tree->n == tree->cap)
    {
      tree->cap = MAX (64, tree->cap * 2);
      tree->nodes = g_renew (RefNode, tree->nodes, tree->cap);
    }
  tree->nodes[tree->n] = (RefNode) { w, h, 0, 0, G_MAXUINT32, G_MAXUINT32, column };
  return tree->n++;
}

static void
ref_append (RefTree *tree,
            guint32  parent,
            guint32  child)
{
  /* prepend: order does not matter for the cost */
  tree->nodes[child].next_sibling = tree->nodes[parent].first_child;
  tree->nodes[parent].first_child = child;
}

static guint32
ref_build_balanced (RefTree *tree,
                    guint    depth)
{
  guint32 node = ref_add (tree, depth % 2, depth == 4 ? 10 : 0, depth == 4 ? 10 : 0);

  if (depth < 4)
    for (guint i = 0; i < 10; i++)
      ref_append (tree, node, ref_build_balanced (tree, depth + 1));
  return node;
}

static guint32
ref_build (RefTree *tree,
           Shape    shape)
{
  guint32 root, parent;

  switch (shape)
    {
    case SHAPE_BALANCED:
      return ref_build_balanced (tree, 0);
    case SHAPE_WIDE:
      root = ref_add (tree, FALSE, 0, 0);
      for (guint i = 0; i < 10000; i++)
        ref_append (tree, root, ref_add (tree, FALSE, 10, 10));
      return root;
    case SHAPE_CHAIN:
    default:
      root = parent = ref_add (tree, FALSE, 0, 0);
      for (guint i = 1; i < 1000; i++)
        {
          guint32 child = ref_add (tree, i % 2, i == 999 ? 10 : 0, i == 999 ? 10 : 0);

          ref_append (tree, parent, child);
          parent = child;
        }
      return root;
    }
}

static void
ref_layout (RefTree *tree,
            guint32  id)
{
  RefNode *node = &tree->nodes[id];
  float main = 0, cross = 0;

  if (node->first_child == G_MAXUINT32)
    return;
  for (guint32 c = node->first_child; c != G_MAXUINT32; c = tree->nodes[c].next_sibling)
    {
      RefNode *child;

      ref_layout (tree, c);
      child = &tree->nodes[c];
      if (node->column)
        {
          child->x = 0;
          child->y = main;
          main += child->h;
          cross = MAX (cross, child->w);
        }
      else
        {
          child->x = main;
          child->y = 0;
          main += child->w;
          cross = MAX (cross, child->h);
        }
    }
  node->w = node->column ? cross : main;
  node->h = node->column ? main : cross;
}

static double
reference_run (Shape shape)
{
  gint64 t0, t1;
  RefTree tree = { 0 };
  guint32 root;

  root = ref_build (&tree, shape);
  t0 = g_get_monotonic_time ();
  ref_layout (&tree, root);
  if (tree.nodes[root].w <= 0)
    g_error ("empty reference layout");
  g_free (tree.nodes);
  t1 = g_get_monotonic_time ();
  return (t1 - t0) / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

int
main (int    argc,
      char **argv)
{
  guint scale = argc > 1 ? (guint) MAX (1, atoi (argv[1])) : 1;

  printf ("%-38s %6s %9s %10s %9s %11s %8s %10s %7s %7s\n", "tree", "nodes", "build ms",
          "layout ms", "total ms", "nodes/s", "warm ms", "cached ms", "ref ms", "ratio");
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      guint runs = shapes[s].runs * scale;
      g_autofree double *build_ms = g_new (double, runs);
      g_autofree double *layout_ms = g_new (double, runs);
      g_autofree double *relayout_ms = g_new (double, runs);
      g_autofree double *warm_ms = g_new (double, runs);
      g_autofree double *ref_ms = g_new (double, runs);
      g_autofree double *total_ms = g_new (double, runs);
      double layout, ref;
      guint n = 0;

      for (guint r = 0; r < runs; r++)
        {
          n = engine_run (shapes[s].shape, &build_ms[r], &layout_ms[r], &relayout_ms[r],
                          &warm_ms[r]);
          ref_ms[r] = reference_run (shapes[s].shape);
          total_ms[r] = build_ms[r] + layout_ms[r];
        }
      layout = median (layout_ms, runs);
      ref = median (ref_ms, runs);
      printf ("%-38s %6u %9.3f %10.3f %9.3f %11.0f %8.3f %10.4f %7.3f %6.1fx\n",
              shapes[s].name, n, median (build_ms, runs), layout, median (total_ms, runs),
              n / (layout / 1000.0), median (warm_ms, runs), median (relayout_ms, runs), ref,
              layout / MAX (ref, 0.001));
    }
  printf ("\nlayout ms: lay out a new tree with pixel rounding, and free it (median); total ms:\n"
          "build + layout + free; nodes/s: by layout ms; warm ms:\n"
          "the same layout with every node marked dirty; cached ms: again with unchanged\n"
          "inputs; ref ms: a one-pass stacking layout of the same tree (no flexing, no\n"
          "rounding), built the same way; ratio: layout / ref.\n"
          "Target: balanced tree under 3 ms (Yoga: about 5.8 ms on the reference machine).\n");
  return 0;
}
