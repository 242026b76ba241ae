/* test-layout-cache.c: TessFlexLayout measures each child only as much as a layout needs
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The children here are probes that count how often GTK really measures them (calls that
 * GTK's size cache does not answer) and for which sizes.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "render/tess-flex-layout.h"
#include "render/tess-plain-box.h"
#include "render-test-util.h"

/* ---- a height-for-width probe: text of @words words, 10 px each, 20 px per line ---------- */

#define TEST_TYPE_PROBE (test_probe_get_type ())
G_DECLARE_FINAL_TYPE (TestProbe, test_probe, TEST, PROBE, GtkWidget)

struct _TestProbe
{
  GtkWidget parent_instance;
  int words;
  guint n_width_measures;
  guint n_height_measures;
  GArray *height_for; /* int: the widths heights were measured for */
};

G_DEFINE_FINAL_TYPE (TestProbe, test_probe, GTK_TYPE_WIDGET)

static void
test_probe_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  TestProbe *self = TEST_PROBE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      self->n_width_measures++;
      *minimum = 10;
      *natural = 10 * self->words;
    }
  else
    {
      int per_line = for_size < 0 ? self->words : MAX (1, for_size / 10);
      int lines = (self->words + per_line - 1) / per_line;

      self->n_height_measures++;
      g_array_append_val (self->height_for, for_size);
      *minimum = *natural = 20 * MAX (1, lines);
    }
}

static GtkSizeRequestMode
test_probe_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
test_probe_finalize (GObject *object)
{
  g_array_unref (TEST_PROBE (object)->height_for);
  G_OBJECT_CLASS (test_probe_parent_class)->finalize (object);
}

static void
test_probe_class_init (TestProbeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_probe_finalize;
  GTK_WIDGET_CLASS (klass)->measure = test_probe_measure;
  GTK_WIDGET_CLASS (klass)->get_request_mode = test_probe_get_request_mode;
}

static void
test_probe_init (TestProbe *self)
{
  self->words = 1;
  self->height_for = g_array_new (FALSE, FALSE, sizeof (int));
}

static GtkWidget *
test_probe_new (int words)
{
  TestProbe *self = g_object_new (TEST_TYPE_PROBE, NULL);

  self->words = words;
  return GTK_WIDGET (self);
}

/* Its content changed: GTK drops its cached sizes. */
static void
test_probe_set_words (TestProbe *self,
                      int        words)
{
  self->words = words;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
test_probe_reset (TestProbe *self)
{
  self->n_width_measures = self->n_height_measures = 0;
  g_array_set_size (self->height_for, 0);
}

static guint
count_heights_for_widths (TestProbe *self)
{
  guint n = 0;

  for (guint i = 0; i < self->height_for->len; i++)
    n += g_array_index (self->height_for, int, i) >= 0;
  return n;
}

/* ---- containers ---------------------------------------------------------------------------- */

typedef struct
{
  GtkWidget *box;
  TestProbe *probes[3];
} Fixture;

static void
fixture_init (Fixture             *fixture,
              TessLayoutDirection  direction,
              TessLayoutWrap       wrap)
{
  GtkLayoutManager *manager;
  TessLayoutStyle style;

  fixture->box = g_object_ref_sink (tess_plain_box_new ());
  manager = gtk_widget_get_layout_manager (fixture->box);
  tess_layout_style_init (&style);
  style.flex_direction = direction;
  style.flex_wrap = wrap;
  style.gap[0] = style.gap[1] = TESS_LAYOUT_PX (4);
  tess_flex_layout_set_style (TESS_FLEX_LAYOUT (manager), &style);
  tess_flex_layout_set_height_indefinite (TESS_FLEX_LAYOUT (manager), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (fixture->probes); i++)
    {
      GtkWidget *probe = test_probe_new (3 + 2 * (int) i);

      fixture->probes[i] = TEST_PROBE (probe);
      tess_plain_box_append (TESS_PLAIN_BOX (fixture->box), probe);
    }
}

static void
fixture_clear (Fixture *fixture)
{
  g_clear_object (&fixture->box);
}

static void
fixture_reset (Fixture *fixture)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->probes); i++)
    test_probe_reset (fixture->probes[i]);
}

static void
lay_out (Fixture *fixture,
         int      width)
{
  int minimum, natural;

  gtk_widget_measure (fixture->box, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL,
                      NULL);
  gtk_widget_measure (fixture->box, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL,
                      NULL);
  gtk_widget_allocate (fixture->box, width, natural, -1, NULL);
}

/* ---- tests ----------------------------------------------------------------------------------- */

/* A row's and a single-line column's widths come from their items' widths alone: an intrinsic
 * width pass measures no heights. */
static void
test_intrinsic_widths_measure_no_heights (void)
{
  static const TessLayoutDirection directions[] = { TESS_LAYOUT_ROW, TESS_LAYOUT_COLUMN };

  for (guint d = 0; d < G_N_ELEMENTS (directions); d++)
    {
      Fixture fixture;
      int minimum, natural;

      fixture_init (&fixture, directions[d], TESS_LAYOUT_NOWRAP);
      gtk_widget_measure (fixture.box, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural,
                          NULL, NULL);
      if (directions[d] == TESS_LAYOUT_ROW)
        {
          g_assert_cmpint (minimum, ==, 10 + 4 + 10 + 4 + 10);
          g_assert_cmpint (natural, ==, 30 + 4 + 50 + 4 + 70);
        }
      else
        {
          g_assert_cmpint (minimum, ==, 10);
          g_assert_cmpint (natural, ==, 70);
        }
      for (guint i = 0; i < G_N_ELEMENTS (fixture.probes); i++)
        {
          g_assert_cmpuint (fixture.probes[i]->n_width_measures, ==, 1);
          g_assert_cmpuint (fixture.probes[i]->n_height_measures, ==, 0);
        }
      fixture_clear (&fixture);
    }
}

/* Where lines break by height (a wrapping column) the heights are measured. */
static void
test_wrapping_column_widths_measure_heights (void)
{
  Fixture fixture;
  int minimum, natural;
  guint heights = 0;

  fixture_init (&fixture, TESS_LAYOUT_COLUMN, TESS_LAYOUT_WRAP);
  gtk_widget_measure (fixture.box, GTK_ORIENTATION_HORIZONTAL, 30, &minimum, &natural, NULL,
                      NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fixture.probes); i++)
    heights += fixture.probes[i]->n_height_measures;
  g_assert_cmpuint (heights, >, 0);
  fixture_clear (&fixture);
}

/* Where an item of a column grows, its height comes from the others'. That moves the
 * column's widths only if the item's width can follow its height: a box with content does,
 * text (measured height for width) and an empty box such as a Spacer do not. */
static void
test_growing_column_widths (void)
{
  for (guint grower = 0; grower < 3; grower++)
    {
      Fixture fixture;
      TessLayoutStyle style;
      GtkWidget *item;
      int minimum, natural;
      guint heights = 0;

      fixture_init (&fixture, TESS_LAYOUT_COLUMN, TESS_LAYOUT_NOWRAP);
      item = GTK_WIDGET (fixture.probes[1]);
      if (grower > 0)
        {
          /* a box that grows: in place of the probe and holding it (1), or empty beside
           * it (2) */
          GtkWidget *box = tess_plain_box_new ();

          gtk_widget_insert_after (box, fixture.box, item);
          if (grower == 1)
            {
              g_object_ref (item);
              gtk_widget_unparent (item);
              tess_plain_box_append (TESS_PLAIN_BOX (box), item);
              g_object_unref (item);
            }
          item = box;
        }
      tess_layout_style_init (&style);
      style.flex_grow = 1;
      tess_flex_layout_child_set_style (
        TESS_FLEX_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (
          gtk_widget_get_layout_manager (fixture.box), item)), &style);
      gtk_widget_measure (fixture.box, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural,
                          NULL, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (fixture.probes); i++)
        heights += fixture.probes[i]->n_height_measures;
      if (grower == 1)
        g_assert_cmpuint (heights, >, 0);
      else
        g_assert_cmpuint (heights, ==, 0);
      fixture_clear (&fixture);
    }
}

/* A relayout whose inputs did not change measures no child again; a child whose content
 * changed is measured again, and only that one. */
static void
test_relayout_measures_only_changed_children (void)
{
  Fixture fixture;

  fixture_init (&fixture, TESS_LAYOUT_ROW, TESS_LAYOUT_NOWRAP);
  lay_out (&fixture, 200);
  for (guint i = 0; i < G_N_ELEMENTS (fixture.probes); i++)
    {
      /* one height for a width, the width the item gets (GTK itself adds the height for
       * no particular width when a width is measured for a height) */
      g_assert_cmpuint (fixture.probes[i]->n_width_measures, >=, 1);
      g_assert_cmpint (count_heights_for_widths (fixture.probes[i]), ==, 1);
      g_assert_cmpint (g_array_index (fixture.probes[i]->height_for, int, 0), ==,
                       10 * fixture.probes[i]->words);
    }

  /* the container is asked again (its own cache dropped), nothing below it changed */
  fixture_reset (&fixture);
  gtk_widget_queue_resize (fixture.box);
  lay_out (&fixture, 200);
  for (guint i = 0; i < G_N_ELEMENTS (fixture.probes); i++)
    {
      g_assert_cmpuint (fixture.probes[i]->n_width_measures, ==, 0);
      g_assert_cmpuint (fixture.probes[i]->n_height_measures, ==, 0);
    }

  /* the middle child's text changed */
  fixture_reset (&fixture);
  test_probe_set_words (fixture.probes[1], 9);
  lay_out (&fixture, 200);
  g_assert_cmpuint (fixture.probes[0]->n_width_measures, ==, 0);
  g_assert_cmpuint (fixture.probes[0]->n_height_measures, ==, 0);
  g_assert_cmpuint (fixture.probes[1]->n_width_measures, >=, 1);
  g_assert_cmpuint (fixture.probes[1]->n_height_measures, >=, 1);
  g_assert_cmpuint (fixture.probes[2]->n_width_measures, ==, 0);
  g_assert_cmpuint (fixture.probes[2]->n_height_measures, ==, 0);
  /* and the layout follows the new content: 30 + 4 + 90 + 4 + 70 px fit in 200 */
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (fixture.probes[2]), fixture.box,
                                              &bounds));
    g_assert_cmpfloat (bounds.origin.x, ==, 30 + 4 + 90 + 4);
    g_assert_cmpfloat (bounds.size.width, ==, 70);
  }
  fixture_clear (&fixture);
}

/* Shrinking items in a row are checked against their min-content widths; the heights at
 * those widths are not measured unless an item ends up at exactly that width. */
static void
test_min_content_widths_measure_no_heights (void)
{
  Fixture fixture;

  fixture_init (&fixture, TESS_LAYOUT_ROW, TESS_LAYOUT_NOWRAP);
  /* 30 + 50 + 70 px of natural width and two gaps shrink into 100 px */
  lay_out (&fixture, 100);
  for (guint i = 0; i < G_N_ELEMENTS (fixture.probes); i++)
    {
      TestProbe *probe = fixture.probes[i];

      for (guint k = 0; k < probe->height_for->len; k++)
        g_assert_cmpint (g_array_index (probe->height_for, int, k), !=, 10);
      g_assert_cmpint (count_heights_for_widths (probe), >=, 1);
    }
  fixture_clear (&fixture);
}

/* Items that end up at their min-content width are measured there, and the row is as tall
 * as the tallest of them. */
static void
test_items_at_min_content_width_get_their_height (void)
{
  Fixture fixture;
  int minimum, natural;

  fixture_init (&fixture, TESS_LAYOUT_ROW, TESS_LAYOUT_NOWRAP);
  gtk_widget_measure (fixture.box, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL,
                      NULL);
  g_assert_cmpint (minimum, ==, 38);
  /* one word a line: 3, 5 and 7 lines of 20 px */
  gtk_widget_measure (fixture.box, GTK_ORIENTATION_VERTICAL, 38, &minimum, &natural, NULL,
                      NULL);
  g_assert_cmpint (natural, ==, 140);
  gtk_widget_allocate (fixture.box, 38, natural, -1, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fixture.probes); i++)
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture.probes[i])), ==, 10);
  fixture_clear (&fixture);
}

/* ---- wrapping labels ---- */

static void (*label_measure) (GtkWidget *, GtkOrientation, int, int *, int *, int *, int *);
static guint label_heights_for_widths;

static void
counting_label_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    label_heights_for_widths++;
  label_measure (widget, orientation, for_size, minimum, natural, minimum_baseline,
                 natural_baseline);
}

/* A wrapping label with room for its text is not laid out again for its height at that
 * width; a squeezed one is, and wraps. */
static void
test_wrapping_label_heights (void)
{
  GtkWidgetClass *label_class = g_type_class_ref (GTK_TYPE_LABEL);
  GtkWidget *box = g_object_ref_sink (tess_plain_box_new ());
  GtkWidget *label = gtk_label_new ("several words that wrap when squeezed");
  TessLayoutStyle style;
  int minimum, natural, one_line, squeezed;

  label_measure = label_class->measure;
  label_class->measure = counting_label_measure;

  tess_layout_style_init (&style);
  style.flex_direction = TESS_LAYOUT_ROW;
  tess_flex_layout_set_style (TESS_FLEX_LAYOUT (gtk_widget_get_layout_manager (box)), &style);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  tess_plain_box_append (TESS_PLAIN_BOX (box), label);

  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  label_heights_for_widths = 0;
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, natural + 50, NULL, &one_line, NULL, NULL);
  g_assert_cmpuint (label_heights_for_widths, ==, 0);

  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, natural / 3, NULL, &squeezed, NULL, NULL);
  g_assert_cmpuint (label_heights_for_widths, >=, 1);
  g_assert_cmpint (squeezed, >, one_line);

  label_class->measure = label_measure;
  g_type_class_unref (label_class);
  g_object_unref (box);
}

/* Asked for its height at no particular width, the view lays its tree out at the natural
 * width (where it is usually shown), not at its minimum width. */
static void
test_view_height_for_any_width (void)
{
  g_autoptr(TessNode) root = rt_parse ("{\"type\":\"Col\",\"children\":[{\"type\":\"Text\","
                                       "\"value\":\"A text long enough to wrap to several "
                                       "lines when it is given its minimum width\"}]}");
  GtkWidget *view = g_object_ref_sink (tess_widget_view_new ());
  int min_width, nat_width, any_min, any_nat, at_natural, at_minimum, ignored;

  tess_widget_view_set_root (TESS_WIDGET_VIEW (view), root);
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
  g_assert_cmpint (min_width, <, nat_width);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, -1, &any_min, &any_nat, NULL, NULL);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, nat_width, &ignored, &at_natural, NULL,
                      NULL);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, min_width, &ignored, &at_minimum, NULL,
                      NULL);
  g_assert_cmpint (at_minimum, >, at_natural);
  g_assert_cmpint (any_nat, ==, at_natural);
  g_assert_cmpint (any_min, ==, at_natural);
  g_object_unref (view);
}

/* ---- the engine tree's cache ---- */

static guint
tree_builds (Fixture *fixture)
{
  return tess_flex_layout_get_tree_builds (
    TESS_FLEX_LAYOUT (gtk_widget_get_layout_manager (fixture->box)));
}

static TessFlexLayoutChild *
layout_child_of (Fixture   *fixture,
                 GtkWidget *child)
{
  return TESS_FLEX_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (
    gtk_widget_get_layout_manager (fixture->box), child));
}

static float
x_of (Fixture   *fixture,
      GtkWidget *child)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (child, fixture->box, &bounds));
  return bounds.origin.x;
}

static float
width_of (GtkWidget *child)
{
  return gtk_widget_get_width (child);
}

/* A container builds its engine tree once for all the measures and the allocation of its
 * layouts, at any width, and again only when a child or a style changed; the geometry
 * follows every change. */
static void
test_tree_kept_between_layouts (void)
{
  Fixture fixture;
  GtkWidget *probe[3], *added;
  TessLayoutStyle style;
  guint builds;

  fixture_init (&fixture, TESS_LAYOUT_ROW, TESS_LAYOUT_NOWRAP);
  for (guint i = 0; i < 3; i++)
    probe[i] = GTK_WIDGET (fixture.probes[i]);

  /* widths, height for the width, allocation: one tree */
  lay_out (&fixture, 200);
  g_assert_cmpuint (tree_builds (&fixture), ==, 1);
  g_assert_cmpfloat (x_of (&fixture, probe[2]), ==, 30 + 4 + 50 + 4);

  /* another width: the text is measured again for it (30 + 50 + 70 px and two gaps shrink
   * into 100 px: the items wrap their words), the tree is the same */
  fixture_reset (&fixture);
  gtk_widget_queue_resize (fixture.box);
  lay_out (&fixture, 100);
  g_assert_cmpuint (tree_builds (&fixture), ==, 1);
  g_assert_cmpint (count_heights_for_widths (fixture.probes[2]), >=, 1);
  g_assert_cmpfloat (width_of (probe[0]) + width_of (probe[1]) + width_of (probe[2]), ==,
                     100 - 2 * 4);

  /* a child's content changed: measured again, same tree */
  test_probe_set_words (fixture.probes[1], 9);
  lay_out (&fixture, 200);
  g_assert_cmpuint (tree_builds (&fixture), ==, 1);
  g_assert_cmpfloat (x_of (&fixture, probe[2]), ==, 30 + 4 + 90 + 4);
  test_probe_set_words (fixture.probes[1], 5);

  /* an item's style */
  builds = tree_builds (&fixture);
  tess_layout_style_init (&style);
  style.flex_grow = 1;
  tess_flex_layout_child_set_style (layout_child_of (&fixture, probe[0]), &style);
  lay_out (&fixture, 200);
  g_assert_cmpuint (tree_builds (&fixture), ==, builds + 1);
  g_assert_cmpfloat (width_of (probe[0]), ==, 200 - 4 - 50 - 4 - 70);

  /* the same style again changes nothing */
  tess_flex_layout_child_set_style (layout_child_of (&fixture, probe[0]), &style);
  lay_out (&fixture, 200);
  g_assert_cmpuint (tree_builds (&fixture), ==, builds + 1);

  /* the container's style: a wider gap */
  builds = tree_builds (&fixture);
  style = *tess_flex_layout_get_style (TESS_FLEX_LAYOUT (
    gtk_widget_get_layout_manager (fixture.box)));
  style.gap[0] = TESS_LAYOUT_PX (10);
  tess_flex_layout_set_style (TESS_FLEX_LAYOUT (gtk_widget_get_layout_manager (fixture.box)),
                              &style);
  lay_out (&fixture, 200);
  g_assert_cmpuint (tree_builds (&fixture), ==, builds + 1);
  g_assert_cmpfloat (x_of (&fixture, probe[2]), ==, 200 - 70);
  g_assert_cmpfloat (x_of (&fixture, probe[1]), ==, 200 - 70 - 10 - 50);

  /* a child added at the end */
  builds = tree_builds (&fixture);
  added = test_probe_new (2);
  tess_plain_box_append (TESS_PLAIN_BOX (fixture.box), added);
  lay_out (&fixture, 200);
  g_assert_cmpuint (tree_builds (&fixture), ==, builds + 1);
  g_assert_cmpfloat (x_of (&fixture, added), ==, 200 - 20);
  g_assert_cmpfloat (x_of (&fixture, probe[2]), ==, 200 - 20 - 10 - 70);

  /* hidden */
  builds = tree_builds (&fixture);
  gtk_widget_set_visible (added, FALSE);
  lay_out (&fixture, 200);
  g_assert_cmpuint (tree_builds (&fixture), ==, builds + 1);
  g_assert_cmpfloat (x_of (&fixture, probe[2]), ==, 200 - 70);

  /* moved to the front (the growing item is then second) */
  builds = tree_builds (&fixture);
  gtk_widget_insert_after (probe[2], fixture.box, NULL);
  lay_out (&fixture, 200);
  g_assert_cmpuint (tree_builds (&fixture), ==, builds + 1);
  g_assert_cmpfloat (x_of (&fixture, probe[2]), ==, 0);
  g_assert_cmpfloat (x_of (&fixture, probe[0]), ==, 70 + 10);

  /* removed */
  builds = tree_builds (&fixture);
  gtk_widget_unparent (probe[1]);
  lay_out (&fixture, 200);
  g_assert_cmpuint (tree_builds (&fixture), ==, builds + 1);
  g_assert_cmpfloat (width_of (probe[0]), ==, 200 - 70 - 10);
  fixture_clear (&fixture);
}

/* A child that leaves drops the tree even when a new widget takes its place and address (the
 * check of the children alone would not see it): its layout child goes with it. */
static void
test_tree_dropped_with_layout_child (void)
{
  Fixture fixture;
  GtkLayoutChild *layout_child;
  guint builds;

  fixture_init (&fixture, TESS_LAYOUT_ROW, TESS_LAYOUT_NOWRAP);
  lay_out (&fixture, 200);
  builds = tree_builds (&fixture);
  layout_child = GTK_LAYOUT_CHILD (layout_child_of (&fixture, GTK_WIDGET (fixture.probes[1])));
  g_object_add_weak_pointer (G_OBJECT (layout_child), (gpointer *) &layout_child);
  /* put back where it was: the children are the same widgets in the same order */
  g_object_ref (fixture.probes[1]);
  gtk_widget_unparent (GTK_WIDGET (fixture.probes[1]));
  g_assert_null (layout_child);
  gtk_widget_insert_after (GTK_WIDGET (fixture.probes[1]), fixture.box,
                           GTK_WIDGET (fixture.probes[0]));
  g_object_unref (fixture.probes[1]);
  lay_out (&fixture, 200);
  g_assert_cmpuint (tree_builds (&fixture), ==, builds + 1);
  fixture_clear (&fixture);
}

/* ---- the view: trees per frame, in-place updates ---- */

static guint
count_flex_containers (GtkWidget *widget)
{
  guint n = TESS_IS_FLEX_LAYOUT (gtk_widget_get_layout_manager (widget))
            && gtk_widget_get_first_child (widget) != NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      n += count_flex_containers (child);
  return n;
}

static void
dump_geometry (GtkWidget *widget,
               GtkWidget *view,
               GString   *out)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_visible (widget))
    return;
  g_assert_true (gtk_widget_compute_bounds (widget, view, &bounds));
  g_string_append_printf (out, "%s %g,%g %gx%g\n", G_OBJECT_TYPE_NAME (widget),
                          bounds.origin.x, bounds.origin.y, bounds.size.width,
                          bounds.size.height);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    dump_geometry (child, view, out);
}

static char *
view_geometry (GtkWidget *view)
{
  GString *out = g_string_new (NULL);

  dump_geometry (view, view, out);
  return g_string_free (out, FALSE);
}

/* In its first frame every container builds its tree once (GTK measures and allocates it
 * several times); a frame that lays the view out again builds none. */
static void
test_view_trees_per_frame (void)
{
  static const char json[] =
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Row\",\"gap\":2,\"children\":["
    "{\"type\":\"Icon\",\"name\":\"star\"},{\"type\":\"Text\",\"value\":\"A title\"},"
    "{\"type\":\"Spacer\"},{\"type\":\"Badge\",\"label\":\"new\"}]},"
    "{\"type\":\"Col\",\"gap\":1,\"children\":[{\"type\":\"Text\",\"value\":\"one\"},"
    "{\"type\":\"Caption\",\"value\":\"two\"}]}]}";
  guint before = tess_flex_layout_get_tree_builds (NULL);
  GtkWidget *window;
  GtkWidget *view = rt_show (json, &window);
  guint containers = count_flex_containers (view);

  g_assert_cmpuint (containers, >=, 3);
  g_assert_cmpuint (tess_flex_layout_get_tree_builds (NULL) - before, ==, containers);

  before = tess_flex_layout_get_tree_builds (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  rt_iterate ();
  g_assert_cmpint (gtk_widget_get_width (view), ==, 400);
  g_assert_cmpuint (tess_flex_layout_get_tree_builds (NULL) - before, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What tess_widget_view_set_root() updates in place is laid out as a view rendered from the
 * new tree is: every change of what feeds a container's tree drops it. */
static void
test_view_updates_in_place (void)
{
  static const struct
  {
    const char *before;
    const char *after;
  } cases[] = {
    /* container props: gap, alignment, direction of wrap, padding (CSS), justification */
    { "{\"type\":\"Row\",\"id\":\"r\",\"gap\":2,\"children\":[{\"type\":\"Text\",\"id\":\"a\","
      "\"value\":\"alpha\"},{\"type\":\"Text\",\"id\":\"b\",\"value\":\"beta\"}]}",
      "{\"type\":\"Row\",\"id\":\"r\",\"gap\":8,\"children\":[{\"type\":\"Text\",\"id\":\"a\","
      "\"value\":\"alpha\"},{\"type\":\"Text\",\"id\":\"b\",\"value\":\"beta\"}]}" },
    { "{\"type\":\"Col\",\"id\":\"c\",\"children\":[{\"type\":\"Text\",\"id\":\"a\","
      "\"value\":\"alpha\"},{\"type\":\"Badge\",\"id\":\"b\",\"label\":\"beta\"}]}",
      "{\"type\":\"Col\",\"id\":\"c\",\"align\":\"center\",\"children\":[{\"type\":\"Text\","
      "\"id\":\"a\",\"value\":\"alpha\"},{\"type\":\"Badge\",\"id\":\"b\",\"label\":\"beta\"}]}" },
    { "{\"type\":\"Box\",\"id\":\"x\",\"direction\":\"row\",\"padding\":2,\"children\":["
      "{\"type\":\"Text\",\"id\":\"a\",\"value\":\"alpha\"},{\"type\":\"Text\",\"id\":\"b\","
      "\"value\":\"beta\"}]}",
      "{\"type\":\"Box\",\"id\":\"x\",\"direction\":\"row\",\"padding\":6,\"justify\":\"end\","
      "\"children\":[{\"type\":\"Text\",\"id\":\"a\",\"value\":\"alpha\"},{\"type\":\"Text\","
      "\"id\":\"b\",\"value\":\"beta\"}]}" },
    /* item props: flex, a width */
    { "{\"type\":\"Row\",\"id\":\"r\",\"children\":[{\"type\":\"Box\",\"id\":\"a\","
      "\"background\":\"red\",\"height\":20},{\"type\":\"Text\",\"id\":\"b\",\"value\":\"beta\"}]}",
      "{\"type\":\"Row\",\"id\":\"r\",\"children\":[{\"type\":\"Box\",\"id\":\"a\","
      "\"background\":\"red\",\"height\":20,\"flex\":1},{\"type\":\"Text\",\"id\":\"b\","
      "\"value\":\"beta\"}]}" },
    { "{\"type\":\"Row\",\"id\":\"r\",\"children\":[{\"type\":\"Box\",\"id\":\"a\","
      "\"background\":\"red\",\"height\":20,\"width\":40},{\"type\":\"Text\",\"id\":\"b\","
      "\"value\":\"beta\"}]}",
      "{\"type\":\"Row\",\"id\":\"r\",\"children\":[{\"type\":\"Box\",\"id\":\"a\","
      "\"background\":\"red\",\"height\":20,\"width\":120},{\"type\":\"Text\",\"id\":\"b\","
      "\"value\":\"beta\"}]}" },
    /* children added, removed, moved; text that changed */
    { "{\"type\":\"Row\",\"id\":\"r\",\"gap\":2,\"children\":[{\"type\":\"Text\",\"id\":\"a\","
      "\"value\":\"alpha\"},{\"type\":\"Text\",\"id\":\"b\",\"value\":\"beta\"}]}",
      "{\"type\":\"Row\",\"id\":\"r\",\"gap\":2,\"children\":[{\"type\":\"Text\",\"id\":\"a\","
      "\"value\":\"alpha\"},{\"type\":\"Badge\",\"id\":\"n\",\"label\":\"new\"},{\"type\":"
      "\"Text\",\"id\":\"b\",\"value\":\"beta\"}]}" },
    { "{\"type\":\"Row\",\"id\":\"r\",\"gap\":2,\"children\":[{\"type\":\"Text\",\"id\":\"a\","
      "\"value\":\"alpha\"},{\"type\":\"Badge\",\"id\":\"n\",\"label\":\"new\"},{\"type\":"
      "\"Text\",\"id\":\"b\",\"value\":\"beta\"}]}",
      "{\"type\":\"Row\",\"id\":\"r\",\"gap\":2,\"children\":[{\"type\":\"Text\",\"id\":\"b\","
      "\"value\":\"beta\"},{\"type\":\"Text\",\"id\":\"a\",\"value\":\"alpha\"}]}" },
    { "{\"type\":\"Row\",\"id\":\"r\",\"gap\":2,\"children\":[{\"type\":\"Text\",\"id\":\"a\","
      "\"value\":\"alpha\"},{\"type\":\"Text\",\"id\":\"b\",\"value\":\"beta\"}]}",
      "{\"type\":\"Row\",\"id\":\"r\",\"gap\":2,\"children\":[{\"type\":\"Text\",\"id\":\"a\","
      "\"value\":\"alpha, and a good deal more of it\"},{\"type\":\"Text\",\"id\":\"b\","
      "\"value\":\"beta\"}]}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TessNode) after = rt_parse (cases[i].after);
      GtkWidget *window, *fresh_window;
      GtkWidget *view = rt_show (cases[i].before, &window);
      GtkWidget *fresh = rt_show (cases[i].after, &fresh_window);
      g_autofree char *before_geometry = view_geometry (view);
      g_autofree char *updated_geometry = NULL;
      g_autofree char *fresh_geometry = view_geometry (fresh);
      GtkWidget *container = gtk_widget_get_first_child (view);

      g_test_message ("case %u", i);
      g_assert_cmpstr (before_geometry, !=, fresh_geometry);
      rt_show_node (view, after);
      /* updated in place: the container is the same widget */
      g_assert_true (gtk_widget_get_first_child (view) == container);
      updated_geometry = view_geometry (view);
      g_assert_cmpstr (updated_geometry, ==, fresh_geometry);
      gtk_window_destroy (GTK_WINDOW (window));
      gtk_window_destroy (GTK_WINDOW (fresh_window));
    }
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/layout-cache/intrinsic-widths",
                   test_intrinsic_widths_measure_no_heights);
  g_test_add_func ("/render/layout-cache/wrapping-column",
                   test_wrapping_column_widths_measure_heights);
  g_test_add_func ("/render/layout-cache/growing-column", test_growing_column_widths);
  g_test_add_func ("/render/layout-cache/relayout", test_relayout_measures_only_changed_children);
  g_test_add_func ("/render/layout-cache/min-content", test_min_content_widths_measure_no_heights);
  g_test_add_func ("/render/layout-cache/at-min-content",
                   test_items_at_min_content_width_get_their_height);
  g_test_add_func ("/render/layout-cache/wrapping-label", test_wrapping_label_heights);
  g_test_add_func ("/render/layout-cache/view-height", test_view_height_for_any_width);
  g_test_add_func ("/render/layout-cache/tree-kept", test_tree_kept_between_layouts);
  g_test_add_func ("/render/layout-cache/tree-dropped-with-layout-child",
                   test_tree_dropped_with_layout_child);
  g_test_add_func ("/render/layout-cache/view-trees-per-frame", test_view_trees_per_frame);
  g_test_add_func ("/render/layout-cache/view-updates-in-place", test_view_updates_in_place);

  return g_test_run ();
}
