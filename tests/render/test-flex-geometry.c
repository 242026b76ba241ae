/* test-flex-geometry.c: TessFlexLayout puts text-free widget trees where Chromium does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures come from tools/flex-fixture-gen --kind chatkit: random trees of Basic, Box,
 * Row, Col, Spacer and Divider, their CSS under spec/layout.md laid out by headless Chromium
 * in a column W px wide. Here the same JSON is rendered as plain boxes, GTK measures and
 * allocates it, and every widget must be within 1 px of Chromium's box. Fixtures listed in
 * known-failures.txt (with a reason) are reported as incomplete, and fail when they pass.
 */

#include "config.h"

#include <stdlib.h>

#include <gtk/gtk.h>

#include "cli/tess-cli-layout.h"
#include "core/tess-widget-parser.h"
#include "render/tess-flex-layout.h"
#include "render/tess-flex-props.h"
#include "render/tess-plain-box.h"
#include "layout/tess-layout-fixture.h"

#define TOLERANCE_PX 1.0

static GHashTable *known_failures;

/* Lays @root out in a column @width px wide, as `tessera-cli layout` does. */
static GtkWidget *
lay_out (TessNode *root,
         int       width)
{
  GtkWidget *container = g_object_ref_sink (tess_plain_box_new ());
  GtkWidget *root_box = tess_plain_box_build (root);
  TessLayoutStyle style;
  int ignored, height;

  /* the container's height follows its content */
  tess_flex_layout_set_height_indefinite (
    TESS_FLEX_LAYOUT (gtk_widget_get_layout_manager (container)), TRUE);
  gtk_widget_set_parent (root_box, container);
  tess_flex_props_item_style (root, NULL, &style);
  tess_flex_layout_child_set_style (
    TESS_FLEX_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (
      gtk_widget_get_layout_manager (container), root_box)), &style);
  gtk_widget_measure (container, GTK_ORIENTATION_HORIZONTAL, -1, &ignored, &ignored, NULL,
                      NULL);
  gtk_widget_measure (container, GTK_ORIENTATION_VERTICAL, width, &ignored, &height, NULL,
                      NULL);
  gtk_widget_size_allocate (container, &(GtkAllocation) { 0, 0, width, height }, -1);
  return container;
}

typedef struct
{
  TessLayoutFixture *fixture;
  guint index;
  GString *report;
  guint mismatches;
} Walk;

/* Pre-order over the widgets matches pre-order over the fixture's boxes. */
static void
compare (Walk      *walk,
         GtkWidget *widget,
         GtkWidget *parent,
         guint      depth)
{
  TessLayoutBox expected;
  guint expected_depth;
  graphene_rect_t bounds = { { 0, 0 }, { 0, 0 } };

  if (walk->index >= tess_layout_fixture_get_n_nodes (walk->fixture))
    {
      g_string_append (walk->report, "more widgets than boxes\n");
      walk->mismatches++;
      return;
    }
  tess_layout_fixture_get_expected (walk->fixture, walk->index, &expected, &expected_depth);
  if (parent != NULL && !gtk_widget_compute_bounds (widget, parent, &bounds))
    g_string_append_printf (walk->report, "node %u: no bounds\n", walk->index);
  if (parent == NULL)
    graphene_rect_init (&bounds, 0, 0, gtk_widget_get_width (widget),
                        gtk_widget_get_height (widget));

  if (expected_depth != depth
      || fabs (bounds.origin.x - expected.x) > TOLERANCE_PX
      || fabs (bounds.origin.y - expected.y) > TOLERANCE_PX
      || fabs (bounds.size.width - expected.width) > TOLERANCE_PX
      || fabs (bounds.size.height - expected.height) > TOLERANCE_PX)
    {
      TessNode *node = TESS_IS_PLAIN_BOX (widget)
                       ? tess_plain_box_get_node (TESS_PLAIN_BOX (widget)) : NULL;

      if (++walk->mismatches <= 6)
        g_string_append_printf (walk->report,
                                "node %u (%s, depth %u): GTK x=%g y=%g w=%g h=%g, "
                                "Chromium x=%g y=%g w=%g h=%g\n", walk->index,
                                node != NULL ? tess_node_get_type_name (node) : "container",
                                depth,
                                bounds.origin.x, bounds.origin.y, bounds.size.width,
                                bounds.size.height, expected.x, expected.y, expected.width,
                                expected.height);
    }
  walk->index++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    compare (walk, child, widget, depth + 1);
}

static char *
run_fixture (TessLayoutFixture *fixture)
{
  g_autoptr (GPtrArray) diagnostics = tess_diagnostics_new ();
  g_autoptr (GError) error = NULL;
  const char *json = tess_layout_fixture_get_widget_json (fixture);
  g_autoptr (TessNode) root = NULL;
  GtkWidget *container;
  Walk walk = { fixture, 0, g_string_new (NULL), 0 };

  g_assert_nonnull (json);
  root = tess_widget_parse_string (json, -1, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_false (tess_diagnostics_has_errors (diagnostics));

  container = lay_out (root, tess_layout_fixture_get_widget_width (fixture));
  compare (&walk, container, NULL, 0);
  if (walk.index != tess_layout_fixture_get_n_nodes (fixture))
    {
      g_string_append (walk.report, "fewer widgets than boxes\n");
      walk.mismatches++;
    }
  g_object_unref (container);
  if (walk.mismatches == 0)
    {
      g_string_free (walk.report, TRUE);
      return NULL;
    }
  return g_string_free (walk.report, FALSE);
}

static void
test_fixture (gconstpointer data)
{
  const char *path = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (TessLayoutFixture) fixture = tess_layout_fixture_load (path, &error);
  g_autofree char *mismatch = NULL;
  const char *reason;

  g_assert_no_error (error);
  mismatch = run_fixture (fixture);
  reason = g_hash_table_lookup (known_failures, tess_layout_fixture_get_name (fixture));
  if (reason != NULL)
    {
      if (mismatch == NULL)
        g_test_fail_printf ("%s passes but is listed in known-failures.txt; remove it",
                            tess_layout_fixture_get_name (fixture));
      else
        {
          /* TAP wants the details as comment lines, one message each. */
          g_auto(GStrv) lines = g_strsplit (mismatch, "\n", -1);

          for (guint i = 0; lines[i] != NULL; i++)
            if (*lines[i] != '\0')
              g_test_message ("%s", lines[i]);
          g_test_incomplete_printf ("known failure: %s", reason);
        }
      return;
    }
  if (mismatch != NULL)
    g_test_fail_printf ("%s:\n%s", path, mismatch);
}

static TessNode *
parse (const char *json)
{
  g_autoptr (GPtrArray) diagnostics = tess_diagnostics_new ();
  g_autoptr (GError) error = NULL;
  TessNode *node = tess_widget_parse_string (json, -1, diagnostics, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_props_mapping (void)
{
  g_autoptr (TessNode) root = parse (
    "{\"type\":\"Basic\",\"children\":[{\"type\":\"Row\",\"gap\":3,\"padding\":{\"x\":4,"
    "\"top\":1},\"align\":\"end\",\"justify\":\"between\",\"wrap\":\"wrap\",\"flex\":2,"
    "\"width\":\"50%\",\"minHeight\":20,\"border\":2,\"aspectRatio\":\"16/9\","
    "\"children\":[{\"type\":\"Spacer\",\"minSize\":8},{\"type\":\"Divider\",\"spacing\":2,"
    "\"size\":3,\"flush\":true}]}]}");
  TessNode *row = tess_node_get_child (root, 0);
  TessLayoutStyle style;

  tess_flex_props_container_style (root, &style);
  g_assert_cmpint (style.flex_direction, ==, TESS_LAYOUT_COLUMN);

  tess_flex_props_container_style (row, &style);
  g_assert_cmpint (style.flex_direction, ==, TESS_LAYOUT_ROW);
  g_assert_cmpfloat (style.gap[0].value, ==, 12);
  g_assert_cmpfloat (style.padding[TESS_LAYOUT_LEFT].value, ==, 16);
  g_assert_cmpfloat (style.padding[TESS_LAYOUT_TOP].value, ==, 4);
  g_assert_cmpfloat (style.padding[TESS_LAYOUT_BOTTOM].value, ==, 0);
  g_assert_cmpint (style.align_items, ==, TESS_LAYOUT_ALIGN_FLEX_END);
  g_assert_cmpint (style.justify_content, ==, TESS_LAYOUT_ALIGN_SPACE_BETWEEN);
  g_assert_cmpint (style.flex_wrap, ==, TESS_LAYOUT_WRAP);
  g_assert_cmpfloat (style.border[TESS_LAYOUT_RIGHT].value, ==, 2);

  tess_flex_props_item_style (row, root, &style);
  g_assert_cmpfloat (style.flex_grow, ==, 2);
  g_assert_cmpfloat (style.flex_shrink, ==, 1);
  g_assert_cmpint (style.flex_basis.unit, ==, TESS_LAYOUT_UNIT_PERCENT);
  g_assert_cmpint (style.size[0].unit, ==, TESS_LAYOUT_UNIT_PERCENT);
  g_assert_cmpfloat (style.size[0].value, ==, 50);
  g_assert_cmpfloat (style.min_size[1].value, ==, 20);
  g_assert_cmpfloat_with_epsilon (style.aspect_ratio, 16.0 / 9.0, 1e-5);

  tess_flex_props_item_style (tess_node_get_child (row, 0), row, &style);
  g_assert_cmpfloat (style.flex_grow, ==, 1);
  g_assert_cmpfloat (style.min_size[0].value, ==, 8);
  g_assert_cmpint (style.min_size[1].unit, ==, TESS_LAYOUT_UNIT_AUTO);

  /* a Divider in a row: 3 px wide, 8 px either side, flush cancels the vertical padding */
  tess_flex_props_item_style (tess_node_get_child (row, 1), row, &style);
  g_assert_cmpfloat (style.size[0].value, ==, 3);
  g_assert_cmpfloat (style.margin[TESS_LAYOUT_LEFT].value, ==, 8);
  g_assert_cmpfloat (style.margin[TESS_LAYOUT_TOP].value, ==, -4);
  g_assert_cmpfloat (style.flex_shrink, ==, 0);
}

static void
test_flex_shorthand (void)
{
  float grow, shrink;
  TessLayoutLength basis;

  g_assert_true (tess_flex_props_parse_flex ("none", &grow, &shrink, &basis));
  g_assert_cmpfloat (grow, ==, 0);
  g_assert_cmpfloat (shrink, ==, 0);
  g_assert_true (tess_flex_props_parse_flex ("2 0 40px", &grow, &shrink, &basis));
  g_assert_cmpfloat (grow, ==, 2);
  g_assert_cmpfloat (shrink, ==, 0);
  g_assert_cmpfloat (basis.value, ==, 40);
  g_assert_true (tess_flex_props_parse_flex ("3", &grow, &shrink, &basis));
  g_assert_cmpint (basis.unit, ==, TESS_LAYOUT_UNIT_PERCENT);
  g_assert_true (tess_flex_props_parse_flex ("120px", &grow, &shrink, &basis));
  g_assert_cmpfloat (basis.value, ==, 120);
  g_assert_false (tess_flex_props_parse_flex ("1 2 3 4", &grow, &shrink, &basis));
  g_assert_false (tess_flex_props_parse_flex ("fast", &grow, &shrink, &basis));
  g_assert_false (tess_flex_props_parse_flex ("-1", &grow, &shrink, &basis));
}

/* A hand-checked tree, independent of the generator. */
static void
test_row_with_spacer (void)
{
  g_autoptr (TessNode) root = parse (
    "{\"type\":\"Basic\",\"padding\":2,\"children\":[{\"type\":\"Row\",\"gap\":1,"
    "\"children\":[{\"type\":\"Box\",\"size\":20},{\"type\":\"Spacer\"},"
    "{\"type\":\"Box\",\"width\":30,\"height\":10}]}]}");
  GtkWidget *container = lay_out (root, 200);
  GtkWidget *basic = gtk_widget_get_first_child (container);
  GtkWidget *row = gtk_widget_get_first_child (basic);
  GtkWidget *last = gtk_widget_get_last_child (row);
  graphene_rect_t bounds;

  g_assert_cmpint (gtk_widget_get_width (basic), ==, 200);
  g_assert_cmpint (gtk_widget_get_height (basic), ==, 36); /* 8 padding + 20 + 8 */
  g_assert_true (gtk_widget_compute_bounds (last, basic, &bounds));
  /* pushed to the end by the Spacer: 200 - 8 padding - 30 */
  g_assert_cmpfloat (bounds.origin.x, ==, 162);
  g_assert_cmpfloat (bounds.origin.y, ==, 8);
  g_assert_cmpfloat (bounds.size.height, ==, 10);
  g_object_unref (container);
}

static void
test_cli_layout (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "render", "fixtures",
                                                     "cli-item.json", NULL);
      char *args[] = { (char *) "layout", (char *) "--width", (char *) "200", path, NULL };

      exit (tess_cli_layout (4, args));
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* a widget item: Basic, padding 2 units, a Row of a 20 px Box, a Spacer and a 30 × 10 Box */
  g_test_trap_assert_stdout ("{\"width\":200,\"height\":36,\"nodes\":["
                             "{\"path\":\"\",\"type\":\"Basic\",\"x\":0,\"y\":0,"
                             "\"width\":200,\"height\":36},"
                             "{\"path\":\"/children/0\",\"type\":\"Row\",\"x\":8,"
                             "\"y\":8,\"width\":184,\"height\":20},"
                             "{\"path\":\"/children/0/children/0\",\"type\":\"Box\","
                             "\"x\":8,\"y\":8,\"width\":20,\"height\":20},"
                             "{\"path\":\"/children/0/children/1\",\"type\":\"Spacer\","
                             "\"x\":32,\"y\":8,\"width\":126,\"height\":20},"
                             "{\"path\":\"/children/0/children/2\",\"type\":\"Box\","
                             "\"x\":162,\"y\":8,\"width\":30,\"height\":10}]}\n");
}

static void
test_cli_layout_errors (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "render", "fixtures",
                                                     "cli-bad.json", NULL);
      char *args[] = { (char *) "layout", (char *) "--width", (char *) "200", path, NULL };

      exit (tess_cli_layout (4, args));
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  /* says where: file, severity and JSON pointer */
  g_test_trap_assert_stderr ("*cli-bad.json: error: /children/0*");
}

/* A .widget file is laid out as the Designer shows it: its template hydrated with --data. */
static void
test_cli_layout_widget_data (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("tess-layout-XXXXXX", NULL);
      g_autofree char *widget = g_build_filename (dir, "box.widget", NULL);
      g_autofree char *data = g_build_filename (dir, "data.json", NULL);
      char *args[] = { (char *) "layout", (char *) "--width", (char *) "200",
                       (char *) "--data", data, widget, NULL };

      g_assert_true (g_file_set_contents (widget,
        "{\"version\":\"1.0\",\"name\":\"box\",\"jsonSchema\":{},"
        "\"template\":\"{\\\"type\\\":\\\"Basic\\\",\\\"children\\\":[{\\\"type\\\":"
        "\\\"Box\\\",\\\"width\\\":{{ w }},\\\"height\\\":10}]}\"}", -1, NULL));
      g_assert_true (g_file_set_contents (data, "{\"w\": 42}", -1, NULL));
      exit (tess_cli_layout (6, args));
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*{\"path\":\"/children/0\",\"type\":\"Box\",\"x\":0,\"y\":0,"
                             "\"width\":42,\"height\":10}*");
}

/* A template that does not render says file:line:col. */
static void
test_cli_layout_template_error (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("tess-layout-XXXXXX", NULL);
      g_autofree char *widget = g_build_filename (dir, "bad.widget", NULL);
      char *args[] = { (char *) "layout", (char *) "--width", (char *) "200", widget, NULL };

      g_assert_true (g_file_set_contents (widget,
        "{\"version\":\"1.0\",\"name\":\"bad\",\"jsonSchema\":{},"
        "\"template\":\"{\\\"type\\\":\\\"Basic\\\",\\n {% if %}\"}", -1, NULL));
      exit (tess_cli_layout (4, args));
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*bad.widget:2:*: *");
}

static void
test_cli_layout_usage (void)
{
  if (g_test_subprocess ())
    {
      char *args[] = { (char *) "layout", (char *) "--width", (char *) "0",
                       (char *) "x.json", NULL };

      exit (tess_cli_layout (4, args));
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*--width must be between 1 and 100000*");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *list_path = NULL;
  g_autofree char *failures_path = NULL;
  g_auto (GStrv) names = NULL;
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  gtk_test_init (&argc, &argv, NULL);

  failures_path = g_test_build_filename (G_TEST_DIST, "render", "known-failures.txt", NULL);
  known_failures = tess_layout_fixture_load_known_failures (failures_path);
  list_path = g_test_build_filename (G_TEST_DIST, "render", "fixtures", "chatkit",
                                     "FIXTURES.txt", NULL);
  names = tess_layout_fixture_list_names (list_path);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = names[i];
      g_autofree char *test_path = NULL;
      char *path;

      path = g_test_build_filename (G_TEST_DIST, "render", "fixtures", "chatkit", name, NULL);
      g_ptr_array_add (paths, path);
      test_path = g_strdup_printf ("/render/flex-geometry/%s", name);
      g_test_add_data_func (test_path, path, test_fixture);
    }
  if (paths->len == 0)
    g_error ("%s lists no fixtures", list_path);

  g_test_add_func ("/render/flex-props/mapping", test_props_mapping);
  g_test_add_func ("/render/flex-props/flex-shorthand", test_flex_shorthand);
  g_test_add_func ("/render/flex-layout/row-with-spacer", test_row_with_spacer);
  g_test_add_func ("/render/cli-layout/item", test_cli_layout);
  g_test_add_func ("/render/cli-layout/errors", test_cli_layout_errors);
  g_test_add_func ("/render/cli-layout/usage", test_cli_layout_usage);
  g_test_add_func ("/render/cli-layout/widget-data", test_cli_layout_widget_data);
  g_test_add_func ("/render/cli-layout/template-error", test_cli_layout_template_error);
  return g_test_run ();
}
