/* test-application.c: the application starts, shows its window, opens its dialogs, keeps
 * its settings and quits cleanly (criticals are fatal in the test environment).
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tess-application.h"
#include "tess-window.h"

typedef struct
{
  TessApplication *app;
  gboolean         checked;
} Fixture;

static void
iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWindow *
find_window_of_type (TessApplication *app,
                     const char      *type_name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (G_OBJECT_TYPE_NAME (window), type_name) == 0 &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
run_checks (gpointer user_data)
{
  Fixture *fixture = user_data;
  TessApplication *app = fixture->app;
  GSettings *settings = tess_application_get_settings (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkWindow *preferences;

  g_assert_true (TESS_IS_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (tess_window_get_visible_view (TESS_WINDOW (window)), ==, "designer");

  /* The view switcher action and its shortcut target. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "chat");
  g_assert_cmpstr (tess_window_get_visible_view (TESS_WINDOW (window)), ==, "chat");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "nonsense");
  g_assert_cmpstr (tess_window_get_visible_view (TESS_WINDOW (window)), ==, "chat");

  /* The style preference drives libadwaita's colour scheme. */
  g_settings_set_string (settings, "style-variant", "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_set_string (settings, "style-variant", "system");
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_DEFAULT);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  iterate (100);
  preferences = find_window_of_type (app, "TessPreferencesWindow");
  g_assert_nonnull (preferences);
  gtk_window_destroy (preferences);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  iterate (100);
  g_assert_nonnull (find_window_of_type (app, "AdwAboutWindow"));
  gtk_window_destroy (find_window_of_type (app, "AdwAboutWindow"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  iterate (100);
  g_assert_nonnull (find_window_of_type (app, "GtkShortcutsWindow"));
  gtk_window_destroy (find_window_of_type (app, "GtkShortcutsWindow"));

  /* Quitting closes the window, which saves its size and view. */
  gtk_window_set_default_size (window, 900, 640);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_cmpstr (g_settings_get_string (settings, "last-view"), ==, "chat");

  fixture->checked = TRUE;

  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app,
             Fixture      *fixture)
{
  g_timeout_add (200, run_checks, fixture);
}

static void
test_startup_and_quit (void)
{
  Fixture fixture = { 0 };
  int status;

  fixture.app = tess_application_new ();
  g_application_set_flags (G_APPLICATION (fixture.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (fixture.app, "activate", G_CALLBACK (on_activate), &fixture);

  status = g_application_run (G_APPLICATION (fixture.app), 0, NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture.checked);
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (fixture.app)));
  g_clear_object (&fixture.app);
}

/* A second start restores the saved size and view. */
static gboolean
check_restored (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  g_assert_cmpstr (tess_window_get_visible_view (TESS_WINDOW (window)), ==, "chat");
  fixture->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);

  return G_SOURCE_REMOVE;
}

static void
on_activate_restore (GApplication *app,
                     Fixture      *fixture)
{
  g_timeout_add (100, check_restored, fixture);
}

static void
test_restore_state (void)
{
  Fixture fixture = { 0 };

  fixture.app = tess_application_new ();
  g_application_set_flags (G_APPLICATION (fixture.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (fixture.app, "activate", G_CALLBACK (on_activate_restore), &fixture);

  g_assert_cmpint (g_application_run (G_APPLICATION (fixture.app), 0, NULL), ==, 0);
  g_assert_true (fixture.checked);
  g_clear_object (&fixture.app);
}

int
main (int    argc,
      char **argv)
{
  /* Both runs share one in-memory settings backend. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/startup-and-quit", test_startup_and_quit);
  g_test_add_func ("/app/restore-state", test_restore_state);

  return g_test_run ();
}
