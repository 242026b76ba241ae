/* test-layout-engine.c: engine behaviour the Chromium fixtures do not cover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "layout/tess-layout.h"

typedef struct
{
  float glyphs;   /* text length in 10 px glyphs, breakable anywhere */
  float baseline; /* px from the top, or NAN */
  guint calls;
} Leaf;

static void
measure_leaf (gpointer  node_context,
              float     known_width,
              float     known_height,
              float     available_width,
              float     available_height,
              float    *out_width,
              float    *out_height,
              gpointer  user_data)
{
  Leaf *leaf = node_context;
  float max_width = leaf->glyphs * 10.f;
  float width;

  leaf->calls++;
  if (!isnan (known_width))
    width = known_width;
  else if (available_width == TESS_LAYOUT_MIN_CONTENT)
    width = 10.f;
  else if (available_width == TESS_LAYOUT_MAX_CONTENT)
    width = max_width;
  else
    width = CLAMP (available_width, 10.f, max_width);
  *out_width = width;
  /* height for width: wraps into as many 10 px lines as needed */
  *out_height = !isnan (known_height) ? known_height : ceilf (max_width / width) * 10.f;
}

static float
leaf_baseline (gpointer node_context,
               float    width,
               float    height,
               gpointer user_data)
{
  Leaf *leaf = node_context;

  return leaf->baseline;
}

static TessLayoutTree *
new_tree (void)
{
  TessLayoutTree *tree = tess_layout_tree_new ();

  tess_layout_tree_set_measure_func (tree, measure_leaf, leaf_baseline, NULL);
  return tree;
}

static TessLayoutNodeId
add_leaf (TessLayoutTree   *tree,
          TessLayoutNodeId  parent,
          Leaf             *leaf)
{
  TessLayoutNodeId id = tess_layout_tree_add_node (tree, NULL);

  tess_layout_tree_set_measured (tree, id, TRUE, leaf);
  tess_layout_tree_append_child (tree, parent, id);
  return id;
}

static void
test_height_for_width (void)
{
  TessLayoutTree *tree = new_tree ();
  TessLayoutStyle style;
  TessLayoutNodeId root, text;
  Leaf leaf = { 12, NAN, 0 };
  TessLayoutBox box;

  tess_layout_style_init (&style);
  style.flex_direction = TESS_LAYOUT_COLUMN;
  style.size[0] = TESS_LAYOUT_PX (50);
  root = tess_layout_tree_add_node (tree, &style);
  text = add_leaf (tree, root, &leaf);

  g_assert_true (tess_layout_tree_compute (tree, root, TESS_LAYOUT_MAX_CONTENT,
                                           TESS_LAYOUT_MAX_CONTENT, TRUE));
  box = tess_layout_tree_get_box (tree, text);
  /* 120 px of text in a 50 px column: stretched to 50, three lines */
  g_assert_cmpfloat (box.width, ==, 50);
  g_assert_cmpfloat (box.height, ==, 30);
  box = tess_layout_tree_get_box (tree, root);
  g_assert_cmpfloat (box.height, ==, 30);
  tess_layout_tree_free (tree);
}

/* An aspect-ratio item whose content is taller than the ratio allows: measured content
 * (text) is capped by the maximum height transferred from max-width, as Chromium caps text;
 * a measured node that stands for a flex container keeps its content's height. */
static float
ratio_item_height (gboolean as_container)
{
  TessLayoutTree *tree = new_tree ();
  TessLayoutStyle style;
  TessLayoutNodeId root, item;
  Leaf leaf = { 11, NAN, 0 };
  float height;

  tess_layout_style_init (&style);
  style.align_items = TESS_LAYOUT_ALIGN_FLEX_START;
  style.size[0] = style.size[1] = TESS_LAYOUT_PX (100);
  root = tess_layout_tree_add_node (tree, &style);
  tess_layout_style_init (&style);
  style.max_size[0] = TESS_LAYOUT_PX (40);
  style.aspect_ratio = 2.f;
  item = tess_layout_tree_add_node (tree, &style);
  tess_layout_tree_append_child (tree, root, item);
  if (as_container)
    tess_layout_tree_set_measured_container (tree, item, &leaf);
  else
    tess_layout_tree_set_measured (tree, item, TRUE, &leaf);

  g_assert_true (tess_layout_tree_compute (tree, root, 100, 100, FALSE));
  g_assert_cmpfloat (tess_layout_tree_get_box (tree, item).width, ==, 40);
  height = tess_layout_tree_get_box (tree, item).height;
  tess_layout_tree_free (tree);
  return height;
}

static void
test_measured_container_ratio_minimum (void)
{
  /* 110 px of text 40 px wide: three lines, 30 px; the ratio gives 20 px */
  g_assert_cmpfloat (ratio_item_height (FALSE), ==, 20);
  g_assert_cmpfloat (ratio_item_height (TRUE), ==, 30);
}

/* A root computed as an item: its preferred height does not size it (its parent did that),
 * but a wrapping column still breaks its lines there. */
static void
test_root_is_item (void)
{
  TessLayoutTree *tree = new_tree ();
  TessLayoutStyle style;
  TessLayoutNodeId root, children[3];

  tess_layout_style_init (&style);
  style.flex_direction = TESS_LAYOUT_COLUMN;
  style.flex_wrap = TESS_LAYOUT_WRAP;
  style.size[1] = TESS_LAYOUT_PX (30);
  root = tess_layout_tree_add_node (tree, &style);
  tess_layout_style_init (&style);
  style.size[0] = TESS_LAYOUT_PX (10);
  style.size[1] = TESS_LAYOUT_PX (20);
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      children[i] = tess_layout_tree_add_node (tree, &style);
      tess_layout_tree_append_child (tree, root, children[i]);
    }

  g_assert_true (tess_layout_tree_compute_sized (tree, root, NAN, NAN, TESS_LAYOUT_MAX_CONTENT,
                                                 TESS_LAYOUT_MAX_CONTENT,
                                                 TESS_LAYOUT_ROOT_IS_ITEM, FALSE));
  g_assert_cmpfloat (tess_layout_tree_get_box (tree, root).height, ==, 20);
  g_assert_cmpfloat (tess_layout_tree_get_box (tree, root).width, ==, 30);
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    g_assert_cmpfloat (tess_layout_tree_get_box (tree, children[i]).x, ==, 10.f * i);

  /* as a root of its own, the height is its preferred one */
  g_assert_true (tess_layout_tree_compute_sized (tree, root, NAN, NAN, TESS_LAYOUT_MAX_CONTENT,
                                                 TESS_LAYOUT_MAX_CONTENT, 0, FALSE));
  g_assert_cmpfloat (tess_layout_tree_get_box (tree, root).height, ==, 30);
  tess_layout_tree_free (tree);
}

/* Nodes added with equal styles share one copy; changing one node's style must leave the
 * others alone, and removed nodes give their styles back. */
static void
test_shared_styles (void)
{
  TessLayoutTree *tree = new_tree ();
  TessLayoutStyle style;
  TessLayoutNodeId root, a, b, c;

  tess_layout_style_init (&style);
  style.flex_direction = TESS_LAYOUT_COLUMN;
  root = tess_layout_tree_add_node (tree, &style);
  tess_layout_style_init (&style);
  style.size[0] = style.size[1] = TESS_LAYOUT_PX (10);
  a = tess_layout_tree_add_node (tree, &style);
  b = tess_layout_tree_add_node (tree, &style);
  tess_layout_tree_append_child (tree, root, a);
  tess_layout_tree_append_child (tree, root, b);

  style.size[1] = TESS_LAYOUT_PX (30);
  tess_layout_tree_set_style (tree, b, &style);
  g_assert_cmpfloat (tess_layout_tree_get_style (tree, a)->size[1].value, ==, 10);
  g_assert_cmpfloat (tess_layout_tree_get_style (tree, b)->size[1].value, ==, 30);
  g_assert_true (tess_layout_tree_compute (tree, root, 100, 100, FALSE));
  g_assert_cmpfloat (tess_layout_tree_get_box (tree, a).height, ==, 10);
  g_assert_cmpfloat (tess_layout_tree_get_box (tree, b).height, ==, 30);
  g_assert_cmpfloat (tess_layout_tree_get_box (tree, b).y, ==, 10);

  /* a removed node's style is reused; the survivors keep theirs */
  tess_layout_tree_remove_node (tree, a);
  for (guint i = 0; i < 100; i++)
    {
      style.size[1] = TESS_LAYOUT_PX (40 + i);
      c = tess_layout_tree_add_node (tree, &style);
      tess_layout_tree_remove_node (tree, c);
    }
  style.size[1] = TESS_LAYOUT_PX (5);
  c = tess_layout_tree_add_node (tree, &style);
  tess_layout_tree_append_child (tree, root, c);
  g_assert_cmpfloat (tess_layout_tree_get_style (tree, b)->size[1].value, ==, 30);
  g_assert_true (tess_layout_tree_compute (tree, root, 100, 100, FALSE));
  g_assert_cmpfloat (tess_layout_tree_get_box (tree, b).height, ==, 30);
  g_assert_cmpfloat (tess_layout_tree_get_box (tree, c).height, ==, 5);
  g_assert_cmpfloat (tess_layout_tree_get_box (tree, c).y, ==, 30);
  tess_layout_tree_free (tree);
}

/* Long chains of wrapping rows and columns with max-widths and aspect ratios multiply the
 * passes level by level; the engine must give up refining, or refuse, in bounded work. */
static void
test_hostile_nesting_is_bounded (void)
{
  for (guint kind = 0; kind < 2; kind++)
    {
      TessLayoutTree *tree = new_tree ();
      TessLayoutStyle style;
      TessLayoutNodeId root, parent;
      guint n_nodes = 1;

      tess_layout_style_init (&style);
      style.flex_direction = TESS_LAYOUT_COLUMN;
      root = parent = tess_layout_tree_add_node (tree, &style);
      for (guint i = 0; i < 400; i++)
        {
          TessLayoutNodeId child;

          tess_layout_style_init (&style);
          style.flex_direction = i % 2 ? TESS_LAYOUT_ROW : TESS_LAYOUT_COLUMN;
          style.flex_wrap = TESS_LAYOUT_WRAP;
          style.max_size[0] = TESS_LAYOUT_PX (500 - i);
          if (kind == 1)
            style.aspect_ratio = 1.5f;
          child = tess_layout_tree_add_node (tree, &style);
          tess_layout_tree_append_child (tree, parent, child);
          tess_layout_style_init (&style);
          style.size[0] = style.size[1] = TESS_LAYOUT_PX (10);
          tess_layout_tree_append_child (tree, child, tess_layout_tree_add_node (tree, &style));
          n_nodes += 2;
          parent = child;
        }
      /* refused or not, it ends; the refinements' budget and the refusal bound the passes */
      tess_layout_tree_compute (tree, root, 360, TESS_LAYOUT_MAX_CONTENT, TRUE);
      g_assert_cmpuint (tess_layout_tree_get_layout_count (tree, TRUE), <=,
                        16 * (64 * n_nodes + 4096) + 2 * n_nodes);
      tess_layout_tree_free (tree);
    }
}

static void
test_cache_makes_relayout_cheap (void)
{
  TessLayoutTree *tree = new_tree ();
  TessLayoutStyle style;
  TessLayoutNodeId root, rows[10];
  Leaf leaves[30];
  guint first, second, third;

  tess_layout_style_init (&style);
  style.flex_direction = TESS_LAYOUT_COLUMN;
  root = tess_layout_tree_add_node (tree, &style);
  for (guint r = 0; r < 10; r++)
    {
      tess_layout_style_init (&style);
      style.flex_wrap = TESS_LAYOUT_WRAP;
      rows[r] = tess_layout_tree_add_node (tree, &style);
      tess_layout_tree_append_child (tree, root, rows[r]);
      for (guint i = 0; i < 3; i++)
        {
          leaves[r * 3 + i] = (Leaf) { 5 + i, NAN, 0 };
          add_leaf (tree, rows[r], &leaves[r * 3 + i]);
        }
    }

  tess_layout_tree_compute (tree, root, 120, TESS_LAYOUT_MAX_CONTENT, TRUE);
  first = tess_layout_tree_get_layout_count (tree, TRUE);
  g_assert_cmpuint (first, >=, 41);

  /* unchanged inputs: the root's final layout comes from the cache */
  tess_layout_tree_compute (tree, root, 120, TESS_LAYOUT_MAX_CONTENT, TRUE);
  second = tess_layout_tree_get_layout_count (tree, TRUE);
  g_assert_cmpuint (second, ==, 0);

  /* one leaf changed: only its ancestors and what they must re-measure run again */
  leaves[4].glyphs = 20;
  tess_layout_tree_mark_dirty (tree, tess_layout_tree_get_first_child (tree, rows[1]));
  tess_layout_tree_compute (tree, root, 120, TESS_LAYOUT_MAX_CONTENT, TRUE);
  third = tess_layout_tree_get_layout_count (tree, TRUE);
  g_assert_cmpuint (third, >, 0);
  g_assert_cmpuint (third, <, first);

  /* a different width is a different input */
  tess_layout_tree_compute (tree, root, 300, TESS_LAYOUT_MAX_CONTENT, TRUE);
  g_assert_cmpuint (tess_layout_tree_get_layout_count (tree, TRUE), >, 0);
  tess_layout_tree_free (tree);
}

static void
test_baseline_callback (void)
{
  TessLayoutTree *tree = new_tree ();
  TessLayoutStyle style;
  TessLayoutNodeId root, a, b;
  Leaf la = { 3, 8, 0 }, lb = { 3, 20, 0 };
  TessLayoutBox box;

  tess_layout_style_init (&style);
  style.align_items = TESS_LAYOUT_ALIGN_BASELINE;
  root = tess_layout_tree_add_node (tree, &style);
  a = add_leaf (tree, root, &la);
  b = add_leaf (tree, root, &lb);

  tess_layout_tree_compute (tree, root, 200, TESS_LAYOUT_MAX_CONTENT, TRUE);
  /* baselines 8 and 20 line up: the first leaf moves down by 12 */
  box = tess_layout_tree_get_box (tree, a);
  g_assert_cmpfloat (box.y, ==, 12);
  box = tess_layout_tree_get_box (tree, b);
  g_assert_cmpfloat (box.y, ==, 0);
  box = tess_layout_tree_get_box (tree, root);
  g_assert_cmpfloat (box.height, ==, 22);
  /* the row's own baseline is its aligned items' */
  g_assert_cmpfloat (tess_layout_tree_get_root_baseline (tree), ==, 20);
  tess_layout_tree_free (tree);
}

/* A container's first baseline (§8.5) is its first item's; an item without one gives its
 * bottom edge; a container without items has none. */
static void
test_root_baseline (void)
{
  TessLayoutTree *tree = new_tree ();
  TessLayoutStyle style;
  TessLayoutNodeId root;
  Leaf text = { 3, 8, 0 }, plain = { 3, NAN, 0 };

  tess_layout_style_init (&style);
  style.flex_direction = TESS_LAYOUT_COLUMN;
  style.padding[TESS_LAYOUT_TOP] = TESS_LAYOUT_PX (5);
  root = tess_layout_tree_add_node (tree, &style);
  g_assert_true (isnan (tess_layout_tree_get_root_baseline (tree)));
  tess_layout_tree_compute (tree, root, 200, TESS_LAYOUT_MAX_CONTENT, TRUE);
  g_assert_true (isnan (tess_layout_tree_get_root_baseline (tree)));

  add_leaf (tree, root, &text);
  add_leaf (tree, root, &plain);
  tess_layout_tree_compute (tree, root, 200, TESS_LAYOUT_MAX_CONTENT, TRUE);
  g_assert_cmpfloat (tess_layout_tree_get_root_baseline (tree), ==, 5 + 8);

  /* the first item (10 px tall) has none: its bottom edge */
  text.baseline = NAN;
  tess_layout_tree_mark_dirty (tree, tess_layout_tree_get_first_child (tree, root));
  tess_layout_tree_compute (tree, root, 200, TESS_LAYOUT_MAX_CONTENT, TRUE);
  g_assert_cmpfloat (tess_layout_tree_get_root_baseline (tree), ==, 5 + 10);

  /* column-reverse: the item nearest the top is the last one */
  style.flex_direction = TESS_LAYOUT_COLUMN_REVERSE;
  plain.baseline = 3;
  tess_layout_tree_set_style (tree, root, &style);
  tess_layout_tree_mark_dirty (tree, tess_layout_tree_get_next_sibling (
                                       tree, tess_layout_tree_get_first_child (tree, root)));
  tess_layout_tree_compute (tree, root, 200, TESS_LAYOUT_MAX_CONTENT, TRUE);
  g_assert_cmpfloat (tess_layout_tree_get_root_baseline (tree), ==, 5 + 3);
  tess_layout_tree_free (tree);
}

static void
test_pixel_rounding (void)
{
  TessLayoutTree *tree = new_tree ();
  TessLayoutStyle style;
  TessLayoutNodeId root, kids[3];
  float x = 0;

  tess_layout_style_init (&style);
  style.size[0] = TESS_LAYOUT_PX (100);
  style.size[1] = TESS_LAYOUT_PX (10);
  root = tess_layout_tree_add_node (tree, &style);
  tess_layout_style_init (&style);
  style.flex_grow = 1;
  for (guint i = 0; i < 3; i++)
    {
      kids[i] = tess_layout_tree_add_node (tree, &style);
      tess_layout_tree_append_child (tree, root, kids[i]);
    }

  tess_layout_tree_compute (tree, root, TESS_LAYOUT_MAX_CONTENT, TESS_LAYOUT_MAX_CONTENT, TRUE);
  /* 33.33 px each: whole pixels, no gaps, no overlap, the last edge at 100 */
  for (guint i = 0; i < 3; i++)
    {
      TessLayoutBox box = tess_layout_tree_get_box (tree, kids[i]);

      g_assert_cmpfloat (box.x, ==, x);
      g_assert_cmpfloat (box.width, ==, floorf (box.width));
      x += box.width;
    }
  g_assert_cmpfloat (x, ==, 100);
  g_assert_cmpfloat (tess_layout_tree_get_unrounded_box (tree, kids[1]).width, !=,
                     tess_layout_tree_get_box (tree, kids[1]).width);
  tess_layout_tree_free (tree);
}

static void
test_depth_limit (void)
{
  TessLayoutTree *tree = new_tree ();
  TessLayoutNodeId root, parent;

  root = parent = tess_layout_tree_add_node (tree, NULL);
  for (guint i = 0; i < TESS_LAYOUT_MAX_DEPTH + 10; i++)
    {
      TessLayoutNodeId child = tess_layout_tree_add_node (tree, NULL);

      tess_layout_tree_append_child (tree, parent, child);
      parent = child;
    }
  /* refused rather than recursing without bound */
  g_assert_false (tess_layout_tree_compute (tree, root, 100, 100, TRUE));
  tess_layout_tree_free (tree);
}

static void
test_hostile_values (void)
{
  TessLayoutTree *tree = new_tree ();
  TessLayoutStyle style;
  TessLayoutNodeId root, child;
  Leaf leaf = { 1e30f, NAN, 0 };
  TessLayoutBox box;

  tess_layout_style_init (&style);
  style.flex_wrap = TESS_LAYOUT_WRAP;
  style.wrap_balance = TRUE;
  style.flex_line_count = G_MAXUINT32;
  style.gap[0] = TESS_LAYOUT_PX (-1e9);
  root = tess_layout_tree_add_node (tree, &style);
  tess_layout_style_init (&style);
  style.flex_grow = -5;
  style.margin[0] = TESS_LAYOUT_PCT (1e9);
  style.aspect_ratio = 1e-30f;
  style.flex_shrink = NAN;
  style.size[1] = TESS_LAYOUT_PX (INFINITY);
  style.min_size[0] = TESS_LAYOUT_PX (-INFINITY);
  child = tess_layout_tree_add_node (tree, &style);
  tess_layout_tree_append_child (tree, root, child);
  add_leaf (tree, root, &leaf);

  /* nothing to assert about the geometry of nonsense, only that it terminates sanely */
  g_assert_true (tess_layout_tree_compute (tree, root, 300, TESS_LAYOUT_MAX_CONTENT, TRUE));
  box = tess_layout_tree_get_box (tree, root);
  g_assert_false (isnan (box.width));
  box = tess_layout_tree_get_box (tree, child);
  g_assert_true (isfinite (box.x) && isfinite (box.y));
  g_assert_true (isfinite (box.width) && isfinite (box.height));
  tess_layout_tree_free (tree);
}

static void
test_tree_editing (void)
{
  TessLayoutTree *tree = new_tree ();
  TessLayoutStyle style;
  TessLayoutNodeId root, a, b, c;

  tess_layout_style_init (&style);
  style.size[0] = TESS_LAYOUT_PX (100);
  root = tess_layout_tree_add_node (tree, &style);
  style.size[0] = TESS_LAYOUT_PX (10);
  style.size[1] = TESS_LAYOUT_PX (10);
  a = tess_layout_tree_add_node (tree, &style);
  b = tess_layout_tree_add_node (tree, &style);
  tess_layout_tree_append_child (tree, root, a);
  tess_layout_tree_append_child (tree, root, b);
  tess_layout_tree_compute (tree, root, TESS_LAYOUT_MAX_CONTENT, TESS_LAYOUT_MAX_CONTENT, TRUE);
  g_assert_cmpfloat (tess_layout_tree_get_box (tree, b).x, ==, 10);

  /* removing a node frees its slot for reuse and relayouts the parent */
  tess_layout_tree_remove_node (tree, a);
  g_assert_cmpuint (tess_layout_tree_get_n_children (tree, root), ==, 1);
  c = tess_layout_tree_add_node (tree, &style);
  g_assert_cmpuint (c, ==, a);
  tess_layout_tree_compute (tree, root, TESS_LAYOUT_MAX_CONTENT, TESS_LAYOUT_MAX_CONTENT, TRUE);
  g_assert_cmpfloat (tess_layout_tree_get_box (tree, b).x, ==, 0);

  /* a style change is picked up without an explicit dirty mark */
  style.size[0] = TESS_LAYOUT_PX (40);
  tess_layout_tree_set_style (tree, b, &style);
  tess_layout_tree_compute (tree, root, TESS_LAYOUT_MAX_CONTENT, TESS_LAYOUT_MAX_CONTENT, TRUE);
  g_assert_cmpfloat (tess_layout_tree_get_box (tree, b).width, ==, 40);

  /* cycles are refused */
  g_test_expect_message ("Tess-Layout", G_LOG_LEVEL_CRITICAL, "*assertion*");
  tess_layout_tree_append_child (tree, b, root);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (tess_layout_tree_get_parent (tree, root), ==, TESS_LAYOUT_NO_NODE);
  tess_layout_tree_free (tree);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/layout/engine/height-for-width", test_height_for_width);
  g_test_add_func ("/layout/engine/cache", test_cache_makes_relayout_cheap);
  g_test_add_func ("/layout/engine/root-is-item", test_root_is_item);
  g_test_add_func ("/layout/engine/shared-styles", test_shared_styles);
  g_test_add_func ("/layout/engine/hostile-nesting", test_hostile_nesting_is_bounded);
  g_test_add_func ("/layout/engine/measured-container-ratio-minimum",
                   test_measured_container_ratio_minimum);
  g_test_add_func ("/layout/engine/baseline-callback", test_baseline_callback);
  g_test_add_func ("/layout/engine/root-baseline", test_root_baseline);
  g_test_add_func ("/layout/engine/pixel-rounding", test_pixel_rounding);
  g_test_add_func ("/layout/engine/depth-limit", test_depth_limit);
  g_test_add_func ("/layout/engine/hostile-values", test_hostile_values);
  g_test_add_func ("/layout/engine/tree-editing", test_tree_editing);
  return g_test_run ();
}
