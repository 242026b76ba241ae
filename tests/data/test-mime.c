/* test-mime.c: the shared-mime-info package makes *.widget files application/x-chatkit-widget,
 * a kind of application/json, and the desktop file offers to open exactly that type.
 *
 * The package is compiled with update-mime-database into a temporary directory and GIO is
 * pointed at it (and at the system database, which defines application/json) with
 * g_content_type_set_mime_dirs(); a control run without the package shows that the result
 * does not come from an installed copy. GIO reads the database once per process, so the
 * directories are set once, in main(), and the control runs in a subprocess of its own.
 *
 * Environment (set by tests/data/meson.build): TESS_UPDATE_MIME_DATABASE, TESS_MIME_XML,
 * TESS_DESKTOP_FILE.
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <glib/gstdio.h>

#define WIDGET_TYPE "application/x-chatkit-widget"
#define SYSTEM_MIME_DIR "/usr/share/mime"

static char *tmp_dir;
static char *mime_dir;

static const char *
env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    g_error ("%s is not set", name);

  return value;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }

  g_remove (path);
}

static char *
corpus_widget (void)
{
  return g_test_build_filename (G_TEST_DIST, "corpus", "widgets",
                                "ShaojieJiang__mcp-chatkit-widget__Flight_Tracker.widget", NULL);
}

static void
test_glob (void)
{
  g_autofree char *type = NULL;
  gboolean uncertain = TRUE;

  type = g_content_type_guess ("Flight Tracker.widget", NULL, 0, &uncertain);
  g_assert_cmpstr (type, ==, WIDGET_TYPE);
  g_assert_false (uncertain);
}

/* With the file's bytes as well, as a file manager guesses: the glob still wins over sniffing. */
static void
test_glob_and_content (void)
{
  g_autofree char *path = corpus_widget ();
  g_autofree char *contents = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  type = g_content_type_guess (path, (const guchar *) contents, length, NULL);
  g_assert_cmpstr (type, ==, WIDGET_TYPE);
}

static void
test_type (void)
{
  g_autofree char *description = NULL;
  g_autofree char *icon_name = NULL;
  g_autoptr(GIcon) icon = NULL;

  g_assert_true (g_content_type_is_a (WIDGET_TYPE, "application/json"));
  g_assert_true (g_content_type_is_a (WIDGET_TYPE, "text/plain"));

  description = g_content_type_get_description (WIDGET_TYPE);
  g_assert_cmpstr (description, ==, "ChatKit widget");

  icon_name = g_content_type_get_generic_icon_name (WIDGET_TYPE);
  g_assert_cmpstr (icon_name, ==, "text-x-script");
}

static void
test_control (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *type = NULL;

      /* main() left the package out of this process's database. */
      type = g_content_type_guess ("Flight Tracker.widget", NULL, 0, NULL);
      g_assert_cmpstr (type, !=, WIDGET_TYPE);
      g_assert_false (g_content_type_is_a (WIDGET_TYPE, "application/json"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The desktop file opens files (Exec has %F) of the widget type and no other. Read as a key
 * file: GDesktopAppInfo refuses a desktop file whose program is not in PATH. */
static void
test_desktop_file (void)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) types = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *exec = NULL;
  const char * const expected_argv[] = { "tessera", "%F", NULL };

  g_key_file_load_from_file (key_file, env ("TESS_DESKTOP_FILE"), G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);

  exec = g_key_file_get_string (key_file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, &error);
  g_assert_no_error (error);
  g_shell_parse_argv (exec, NULL, &argv, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (argv, expected_argv);

  types = g_key_file_get_string_list (key_file, G_KEY_FILE_DESKTOP_GROUP,
                                      G_KEY_FILE_DESKTOP_KEY_MIME_TYPE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (types, ((const char * const[]) { WIDGET_TYPE, NULL }));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *packages_dir = NULL;
  g_autofree char *package = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *standard_error = NULL;
  gsize length;
  int status;
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* shared-mime-info, which also brings update-mime-database. */
  g_assert_true (g_file_test (SYSTEM_MIME_DIR "/mime.cache", G_FILE_TEST_EXISTS));

  if (g_test_subprocess ())
    {
      /* The control: the system database alone. */
      const char *dirs[] = { SYSTEM_MIME_DIR, NULL };

      g_content_type_set_mime_dirs (dirs);
    }
  else
    {
      const char *dirs[] = { NULL, SYSTEM_MIME_DIR, NULL };
      g_autofree char *lower = NULL;

      tmp_dir = g_dir_make_tmp ("tessera-mime-XXXXXX", &error);
      g_assert_no_error (error);
      mime_dir = g_build_filename (tmp_dir, "mime", NULL);
      packages_dir = g_build_filename (mime_dir, "packages", NULL);
      g_assert_cmpint (g_mkdir_with_parents (packages_dir, 0700), ==, 0);

      g_file_get_contents (env ("TESS_MIME_XML"), &contents, &length, &error);
      g_assert_no_error (error);
      package = g_build_filename (packages_dir, "io.github.tessera.Tessera.xml", NULL);
      g_file_set_contents (package, contents, length, &error);
      g_assert_no_error (error);

      /* update-mime-database reports a package it cannot parse on stderr and still succeeds. */
      g_spawn_sync (NULL,
                    (char *[]) { (char *) env ("TESS_UPDATE_MIME_DATABASE"), mime_dir, NULL },
                    NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &standard_error, &status, &error);
      g_assert_no_error (error);
      g_spawn_check_wait_status (status, &error);
      g_assert_no_error (error);
      lower = g_ascii_strdown (standard_error, -1);
      if (strstr (lower, "error") != NULL || strstr (lower, "fail") != NULL ||
          strstr (lower, "warning") != NULL)
        {
          remove_tree (tmp_dir);
          g_error ("update-mime-database: %s", standard_error);
        }

      dirs[0] = mime_dir;
      g_content_type_set_mime_dirs (dirs);
    }

  g_test_add_func ("/mime/glob", test_glob);
  g_test_add_func ("/mime/glob-and-content", test_glob_and_content);
  g_test_add_func ("/mime/type", test_type);
  g_test_add_func ("/mime/control", test_control);
  g_test_add_func ("/mime/desktop-file", test_desktop_file);

  ret = g_test_run ();

  g_content_type_set_mime_dirs (NULL);
  if (tmp_dir != NULL)
    remove_tree (tmp_dir);
  g_free (mime_dir);
  g_free (tmp_dir);

  return ret;
}
