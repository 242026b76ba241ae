/* test-corpus.c: every rendered corpus case shows without GTK warnings in both themes, and
 * `tessera-cli screenshot` end to end
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cli/tess-cli-screenshot.h"
#include "render-test-util.h"

static void
test_corpus_renders (gconstpointer data)
{
  const char *path = data;
  g_autoptr(TessNode) node = rt_parse_file (path);
  GtkWidget *window;
  GtkWidget *view = rt_show ("{\"type\":\"Basic\",\"children\":[]}", &window);
  int minimum, natural;

  /* Criticals are fatal in this test: rendering, relayout and repaint must stay quiet. */
  for (int theme = TESS_THEME_MODE_LIGHT; theme <= TESS_THEME_MODE_DARK; theme++)
    {
      tess_widget_view_set_theme_mode (TESS_WIDGET_VIEW (view), theme);
      rt_show_node (view, node);
      g_assert_true (tess_widget_view_get_root (TESS_WIDGET_VIEW (view)) == node);
      gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, 440, &minimum, &natural, NULL, NULL);
      g_assert_cmpint (natural, >, 0);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_screenshot_cli (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *input = g_build_filename (g_getenv ("TESS_RENDER_CASES_DIR"), "card.json",
                                                 NULL);
      g_autofree char *output = g_build_filename (g_get_tmp_dir (), "tess-shot-test.png", NULL);
      char *args[] = { (char *) "screenshot", input, (char *) "--theme", (char *) "dark",
                       (char *) "--width", (char *) "500", (char *) "-o", output, NULL };
      int status = tess_cli_screenshot (8, args);
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = NULL;

      g_assert_cmpint (status, ==, 0);
      texture = gdk_texture_new_from_filename (output, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 500);
      g_assert_cmpint (gdk_texture_get_height (texture), >, 100);
      g_unlink (output);
      exit (0);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_screenshot_cli_widget_file (void)
{
  if (g_test_subprocess ())
    {
      const char *corpus = g_getenv ("TESS_CORPUS_DIR");
      const char *stem = "ShaojieJiang__mcp-chatkit-widget__Create_Event";
      g_autofree char *widget_file = g_strconcat (stem, ".widget", NULL);
      g_autofree char *data_file = g_strconcat (stem, ".one.json", NULL);
      g_autofree char *widget = g_build_filename (corpus, "widgets", widget_file, NULL);
      g_autofree char *data = g_build_filename (corpus, "data", data_file, NULL);
      g_autofree char *output = g_build_filename (g_get_tmp_dir (), "tess-shot-widget.png", NULL);
      char *args[] = { (char *) "screenshot", widget, (char *) "--data", data, (char *) "-o",
                       output, NULL };
      g_autoptr(GdkTexture) texture = NULL;

      g_assert_cmpint (tess_cli_screenshot (6, args), ==, 0);
      texture = gdk_texture_new_from_filename (output, NULL);
      g_assert_nonnull (texture);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 472);
      g_unlink (output);
      exit (0);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_screenshot_cli_errors (void)
{
  if (g_test_subprocess ())
    {
      char *args[] = { (char *) "screenshot", (char *) "x.json", (char *) "--theme",
                       (char *) "sepia", (char *) "-o", (char *) "out.png", NULL };
      exit (tess_cli_screenshot (6, args));
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*--theme must be light or dark*");
}

static void
test_screenshot_cli_bad_json (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *input = g_build_filename (g_get_tmp_dir (), "tess-bad.json", NULL);
      char *args[] = { (char *) "screenshot", input, (char *) "-o", (char *) "out.png", NULL };

      g_file_set_contents (input, "{\"type\": \"Card\",\n \"children\": [}", -1, NULL);
      exit (tess_cli_screenshot (4, args));
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  /* says where */
  g_test_trap_assert_stderr ("*tess-bad.json:2:*");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  dir = g_build_filename (g_getenv ("TESS_CORPUS_DIR"), "expected", NULL);
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".json") && !g_str_has_suffix (name, ".error.json"))
      g_ptr_array_add (paths, g_strdup (name));
  for (guint i = 0; i < paths->len; i++)
    {
      const char *file = g_ptr_array_index (paths, i);
      g_autofree char *test_path = g_strdup_printf ("/render/corpus/%s", file);

      g_test_add_data_func_full (test_path, g_build_filename (dir, file, NULL),
                                 test_corpus_renders, g_free);
    }
  g_test_add_func ("/render/screenshot-cli/png", test_screenshot_cli);
  g_test_add_func ("/render/screenshot-cli/widget-file", test_screenshot_cli_widget_file);
  g_test_add_func ("/render/screenshot-cli/errors", test_screenshot_cli_errors);
  g_test_add_func ("/render/screenshot-cli/bad-json", test_screenshot_cli_bad_json);

  return g_test_run ();
}
