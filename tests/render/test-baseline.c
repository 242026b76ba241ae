/* test-baseline.c: `align: "baseline"` lines text up by its baselines, as CSS does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each text's baseline is read off where GTK draws it (see drawn_baseline()), in the view's
 * coordinates.
 */

#include "config.h"

#include <adwaita.h>

#include "render/tess-text.h"
#include "render-test-util.h"

/* text is placed at whole pixels, a layout's baseline is fractional */
#define TOLERANCE_PX 1.0

static GtkWidget *
lookup (GtkWidget  *view,
        const char *id)
{
  GtkWidget *widget = tess_widget_view_lookup_widget (TESS_WIDGET_VIEW (view), id);

  g_assert_nonnull (widget);
  return widget;
}

/* The first baseline @id's text is drawn at, in @view's coordinates, as GtkLabel and
 * TessText say where they draw their layouts. */
static double
drawn_baseline (GtkWidget  *view,
                const char *id)
{
  GtkWidget *widget = lookup (view, id);
  graphene_point_t point;
  double y;

  if (GTK_IS_LABEL (widget))
    {
      int x, top;

      gtk_label_get_layout_offsets (GTK_LABEL (widget), &x, &top);
      y = top + pango_layout_get_baseline (gtk_label_get_layout (GTK_LABEL (widget)))
                / (double) PANGO_SCALE;
    }
  else
    {
      g_assert_true (TESS_IS_TEXT (widget));
      y = tess_text_get_drawn_baseline (TESS_TEXT (widget));
    }
  g_assert_true (gtk_widget_compute_point (widget, view, &GRAPHENE_POINT_INIT ((float) 0,
                                                                              (float) y),
                                           &point));
  return point.y;
}

static double
height_of (GtkWidget  *view,
           const char *id)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (lookup (view, id), view, &bounds));
  return bounds.size.height;
}

static void
assert_same_baseline (GtkWidget  *view,
                      const char *a,
                      const char *b)
{
  double baseline_a = drawn_baseline (view, a);
  double baseline_b = drawn_baseline (view, b);

  if (fabs (baseline_a - baseline_b) > TOLERANCE_PX)
    g_test_fail_printf ("baseline of %s at %g px, of %s at %g px", a, baseline_a, b,
                        baseline_b);
}

/* Text of very different sizes side by side. Their boxes differ below the baseline by up to
 * 6 px (Caption sm 3 px, Title 5xl 9 px), so lining up their bottoms would not do. */
static void
test_row_of_sizes (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (
    "{\"type\":\"Basic\",\"children\":[{\"type\":\"Row\",\"align\":\"baseline\",\"gap\":2,"
    "\"children\":["
    "{\"type\":\"Title\",\"id\":\"title\",\"value\":\"Big\",\"size\":\"lg\"},"
    "{\"type\":\"Caption\",\"id\":\"caption\",\"value\":\"small print\",\"size\":\"sm\"},"
    "{\"type\":\"Text\",\"id\":\"text\",\"value\":\"text\",\"size\":\"lg\"},"
    "{\"type\":\"Title\",\"id\":\"huge\",\"value\":\"Huge\",\"size\":\"5xl\"}]}]}",
    &window);

  g_assert_cmpfloat (height_of (view, "huge") - height_of (view, "caption"), >=, 40);
  assert_same_baseline (view, "title", "caption");
  assert_same_baseline (view, "title", "text");
  assert_same_baseline (view, "title", "huge");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The tallest item sets the line: it starts at the row's top, a smaller one lower, and the
 * row is as tall as its items once aligned. */
static void
test_row_geometry (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (
    "{\"type\":\"Basic\",\"children\":[{\"type\":\"Row\",\"id\":\"row\",\"align\":\"baseline\","
    "\"children\":["
    "{\"type\":\"Caption\",\"id\":\"caption\",\"value\":\"caption\",\"size\":\"sm\"},"
    "{\"type\":\"Title\",\"id\":\"title\",\"value\":\"Title\",\"size\":\"2xl\"}]}]}", &window);
  graphene_rect_t row, caption, title;

  assert_same_baseline (view, "caption", "title");
  g_assert_true (gtk_widget_compute_bounds (lookup (view, "row"), view, &row));
  g_assert_true (gtk_widget_compute_bounds (lookup (view, "caption"), view, &caption));
  g_assert_true (gtk_widget_compute_bounds (lookup (view, "title"), view, &title));
  g_assert_cmpfloat (title.origin.y, ==, row.origin.y);
  g_assert_cmpfloat (caption.origin.y, >, row.origin.y);
  g_assert_cmpfloat (row.size.height, ==,
                     MAX (title.origin.y + title.size.height,
                          caption.origin.y + caption.size.height) - row.origin.y);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A container aligned by its baseline gives its first item's: a Col's first text, a Row's
 * first text (even when that row stretches its items), and a baseline row inside a baseline
 * row lines everything up. */
static void
test_nested_containers (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (
    "{\"type\":\"Basic\",\"children\":[{\"type\":\"Row\",\"align\":\"baseline\",\"gap\":3,"
    "\"children\":["
    "{\"type\":\"Title\",\"id\":\"title\",\"value\":\"61\",\"size\":\"3xl\"},"
    "{\"type\":\"Col\",\"padding\":{\"top\":1},\"children\":["
    " {\"type\":\"Caption\",\"id\":\"col-first\",\"value\":\"first line\"},"
    " {\"type\":\"Text\",\"id\":\"col-second\",\"value\":\"second\",\"size\":\"lg\"}]},"
    "{\"type\":\"Row\",\"gap\":1,\"children\":["
    " {\"type\":\"Text\",\"id\":\"stretched\",\"value\":\"in a row\",\"size\":\"sm\"},"
    " {\"type\":\"Title\",\"value\":\"Tall\",\"size\":\"lg\"}]},"
    "{\"type\":\"Row\",\"align\":\"baseline\",\"children\":["
    " {\"type\":\"Caption\",\"id\":\"inner-caption\",\"value\":\"inner\",\"size\":\"sm\"},"
    " {\"type\":\"Text\",\"id\":\"inner-text\",\"value\":\"text\",\"size\":\"xl\"}]}]}]}",
    &window);

  assert_same_baseline (view, "title", "col-first");
  assert_same_baseline (view, "title", "stretched");
  assert_same_baseline (view, "title", "inner-caption");
  assert_same_baseline (view, "title", "inner-text");
  /* the Col's second line is below the first, not on the shared baseline */
  g_assert_cmpfloat (drawn_baseline (view, "col-second"), >,
                     drawn_baseline (view, "col-first") + 10);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A nested container reports its baseline to GTK from its own measure: the height GTK
 * measures and the baseline that goes with it, where its first text draws it. */
static void
test_container_reports_baseline (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (
    "{\"type\":\"Basic\",\"children\":[{\"type\":\"Row\",\"align\":\"baseline\",\"children\":["
    "{\"type\":\"Title\",\"value\":\"Title\",\"size\":\"xl\"},"
    "{\"type\":\"Col\",\"id\":\"col\",\"padding\":2,\"children\":["
    " {\"type\":\"Caption\",\"id\":\"first\",\"value\":\"first\"},"
    " {\"type\":\"Text\",\"value\":\"second\"}]}]}]}", &window);
  GtkWidget *col = lookup (view, "col");
  graphene_rect_t bounds;
  int minimum, natural, minimum_baseline, natural_baseline;

  g_assert_true (gtk_widget_compute_bounds (col, view, &bounds));
  gtk_widget_measure (col, GTK_ORIENTATION_VERTICAL, (int) bounds.size.width, &minimum,
                      &natural, &minimum_baseline, &natural_baseline);
  g_assert_cmpint (natural, ==, (int) bounds.size.height);
  g_assert_cmpint (natural_baseline, >, 0);
  g_assert_cmpfloat (fabs (bounds.origin.y + natural_baseline - drawn_baseline (view, "first")),
                     <=, TOLERANCE_PX);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Containers nobody aligns by their baseline report none (working one out costs text
 * layout), and rows that are not baseline rows keep their items where they were. */
static void
test_no_baseline_unless_asked (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (
    "{\"type\":\"Basic\",\"children\":[{\"type\":\"Row\",\"id\":\"row\",\"align\":\"end\","
    "\"children\":["
    "{\"type\":\"Title\",\"id\":\"title\",\"value\":\"Title\",\"size\":\"xl\"},"
    "{\"type\":\"Col\",\"id\":\"col\",\"children\":["
    " {\"type\":\"Caption\",\"id\":\"caption\",\"value\":\"caption\"}]}]}]}", &window);
  graphene_rect_t row, title, caption;
  int minimum, natural, minimum_baseline, natural_baseline;

  gtk_widget_measure (lookup (view, "col"), GTK_ORIENTATION_VERTICAL, 100, &minimum, &natural,
                      &minimum_baseline, &natural_baseline);
  g_assert_cmpint (natural_baseline, ==, -1);
  g_assert_true (gtk_widget_compute_bounds (lookup (view, "row"), view, &row));
  g_assert_true (gtk_widget_compute_bounds (lookup (view, "title"), view, &title));
  g_assert_true (gtk_widget_compute_bounds (lookup (view, "caption"), view, &caption));
  /* flex-end: bottoms line up */
  g_assert_cmpfloat (title.origin.y + title.size.height, ==, row.origin.y + row.size.height);
  g_assert_cmpfloat (caption.origin.y + caption.size.height, ==,
                     row.origin.y + row.size.height);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Switching a row to baseline alignment in place (an update keeps the widgets) lines its
 * nested containers up too, though GTK cached their sizes before anyone wanted baselines. */
static void
test_update_to_baseline (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (
    "{\"type\":\"Basic\",\"children\":[{\"type\":\"Row\",\"key\":\"row\",\"align\":\"start\","
    "\"children\":["
    "{\"type\":\"Title\",\"id\":\"title\",\"value\":\"Title\",\"size\":\"3xl\"},"
    "{\"type\":\"Col\",\"key\":\"col\",\"children\":["
    " {\"type\":\"Caption\",\"id\":\"caption\",\"value\":\"caption\"}]}]}]}", &window);
  GtkWidget *col = lookup (view, "col");
  g_autoptr(TessNode) node = rt_parse (
    "{\"type\":\"Basic\",\"children\":[{\"type\":\"Row\",\"key\":\"row\",\"align\":\"baseline\","
    "\"children\":["
    "{\"type\":\"Title\",\"id\":\"title\",\"value\":\"Title\",\"size\":\"3xl\"},"
    "{\"type\":\"Col\",\"key\":\"col\",\"children\":["
    " {\"type\":\"Caption\",\"id\":\"caption\",\"value\":\"caption\"}]}]}]}");

  /* start-aligned first: the caption's baseline is well above the title's */
  g_assert_cmpfloat (drawn_baseline (view, "caption") + 8, <, drawn_baseline (view, "title"));
  rt_show_node (view, node);
  /* the same widgets, now aligned */
  g_assert_true (lookup (view, "col") == col);
  assert_same_baseline (view, "title", "caption");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Baseline rows nested 40 deep, each holding a text and the next row: the innermost text
 * lines up with the outermost. Each row is laid out at its size for its baseline, and its
 * parent's engine asks for that more than once: without keeping the answer for the layout
 * pass, every level would be laid out twice as often as its parent (2^40 times here). */
static void
test_deep_chain (void)
{
  GString *json = g_string_new ("{\"type\":\"Basic\",\"children\":[");
  GtkWidget *window, *view;
  guint depth = 40;

  for (guint i = 0; i < depth; i++)
    g_string_append_printf (json, "{\"type\":\"Row\",\"align\":\"baseline\",\"children\":["
                            "{\"type\":\"Text\",\"id\":\"t%u\",\"value\":\"%u\",\"size\":\"%s\"},",
                            i, i, i % 2 ? "lg" : "xs");
  g_string_append (json, "{\"type\":\"Caption\",\"id\":\"deep\",\"value\":\"deep\"}");
  for (guint i = 0; i < depth; i++)
    g_string_append (json, "]}");
  g_string_append (json, "]}");

  view = rt_show (json->str, &window);
  assert_same_baseline (view, "t0", "t1");
  assert_same_baseline (view, "t0", "deep");
  gtk_window_destroy (GTK_WINDOW (window));
  g_string_free (json, TRUE);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/render/baseline/row-of-sizes", test_row_of_sizes);
  g_test_add_func ("/render/baseline/row-geometry", test_row_geometry);
  g_test_add_func ("/render/baseline/nested", test_nested_containers);
  g_test_add_func ("/render/baseline/container-reports", test_container_reports_baseline);
  g_test_add_func ("/render/baseline/only-when-asked", test_no_baseline_unless_asked);
  g_test_add_func ("/render/baseline/update", test_update_to_baseline);
  g_test_add_func ("/render/baseline/deep-chain", test_deep_chain);
  return g_test_run ();
}
