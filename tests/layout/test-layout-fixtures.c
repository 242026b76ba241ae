/* test-layout-fixtures.c: every applicable Chromium flexbox fixture through the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fixture listed in known-failures.txt (with its reason) is reported as incomplete when it
 * fails, and fails the suite when it passes, so the list can only shrink.
 */

#include "config.h"

#include "tess-layout-fixture.h"

static GHashTable *known_failures; /* name -> reason */

static void
test_fixture (gconstpointer data)
{
  const char *path = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (TessLayoutFixture) fixture = tess_layout_fixture_load (path, &error);
  g_autofree char *mismatch = NULL;
  const char *reason;

  g_assert_no_error (error);
  mismatch = tess_layout_fixture_run (fixture);
  reason = g_hash_table_lookup (known_failures, tess_layout_fixture_get_name (fixture));

  if (reason != NULL)
    {
      if (mismatch == NULL)
        g_test_fail_printf ("%s passes but is listed in known-failures.txt; remove it",
                            tess_layout_fixture_get_name (fixture));
      else
        g_test_incomplete_printf ("known failure: %s", reason);
      return;
    }
  if (mismatch != NULL)
    g_test_fail_printf ("%s:\n%s", path, mismatch);
}

static void
test_loader_rejects_bad_input (void)
{
  static const char *bad[] = {
    "<test><input><div width=\"wide\"/></input><expectations><node x=\"0\" y=\"0\" "
    "width=\"0\" height=\"0\"/></expectations></test>",
    "<test><input><div float=\"left\"/></input></test>",
    "<test><input><div/><div/></input></test>",
    "<test><input><div><div/></div></input><expectations><node x=\"0\" y=\"0\" width=\"1\" "
    "height=\"1\"/></expectations></test>",
    "<test><input><div>",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TessLayoutFixture) fixture = tess_layout_fixture_parse (bad[i], -1, "bad.xml",
                                                                         &error);

      g_assert_null (fixture);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "bad.xml"));
    }
}

static void
test_mismatch_is_reported (void)
{
  static const char *wrong =
    "<test name=\"wrong\" use-rounding=\"true\"><viewport width=\"max-content\" "
    "height=\"max-content\"/><input><div width=\"100px\" height=\"50px\"/></input>"
    "<expectations><node x=\"0\" y=\"0\" width=\"100\" height=\"51\"/></expectations></test>";
  g_autoptr (GError) error = NULL;
  g_autoptr (TessLayoutFixture) fixture = tess_layout_fixture_parse (wrong, -1, "wrong.xml",
                                                                     &error);
  g_autofree char *mismatch = NULL;

  g_assert_no_error (error);
  mismatch = tess_layout_fixture_run (fixture);
  g_assert_nonnull (mismatch);
  g_assert_nonnull (strstr (mismatch, "expected x=0 y=0 w=100 h=51"));
}

/* Adds a test per fixture listed in tests/@dir/fixtures/@subdir/FIXTURES.txt. */
static void
add_generated (GPtrArray  *paths,
               const char *dir,
               const char *subdir)
{
  g_autofree char *list = g_test_build_filename (G_TEST_DIST, dir, "fixtures", subdir,
                                                 "FIXTURES.txt", NULL);
  g_auto (GStrv) names = tess_layout_fixture_list_names (list);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = names[i];
      g_autofree char *test_path = NULL;
      char *path;

      path = g_test_build_filename (G_TEST_DIST, dir, "fixtures", subdir, name, NULL);
      g_ptr_array_add (paths, path);
      test_path = g_strdup_printf ("/layout/generated/%s", name);
      g_test_add_data_func (test_path, path, test_fixture);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *list_path = NULL;
  g_autofree char *failures_path = NULL;
  g_auto (GStrv) names = NULL;
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint count = 0;

  g_test_init (&argc, &argv, NULL);

  failures_path = g_test_build_filename (G_TEST_DIST, "layout", "known-failures.txt", NULL);
  known_failures = tess_layout_fixture_load_known_failures (failures_path);
  list_path = g_test_build_filename (G_TEST_DIST, "layout", "fixtures", "taffy-flex",
                                     "FIXTURES.txt", NULL);
  names = tess_layout_fixture_list_names (list_path);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = names[i];
      g_autofree char *test_path = NULL;
      char *path;

      path = g_test_build_filename (G_TEST_DIST, "layout", "fixtures", "taffy-flex", name, NULL);
      g_ptr_array_add (paths, path);
      test_path = g_strdup_printf ("/layout/chromium/%s", name);
      g_test_add_data_func (test_path, path, test_fixture);
      count++;
    }
  /* the list is the contract: all 521 applicable fixtures run */
  if (count != 521)
    g_error ("%s lists %u fixtures, expected 521", list_path, count);

  /* and the engine on the trees tools/flex-fixture-gen laid out in Chromium: ChatKit
   * trees (shared with the GTK test) and random CSS trees */
  add_generated (paths, "render", "chatkit");
  add_generated (paths, "layout", "generated-css");
  /* and minimal trees cut down from failing ones, each pinning one Chromium behaviour */
  add_generated (paths, "layout", "reduced");

  g_test_add_func ("/layout/fixture/rejects-bad-input", test_loader_rejects_bad_input);
  g_test_add_func ("/layout/fixture/reports-mismatch", test_mismatch_is_reported);

  return g_test_run ();
}
