/* test-screenshot.c: an offscreen rendering has no focus and no hover
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkWindow focuses the first focusable widget when it is shown, and a window mapped under the
 * pointer hovers whatever is there: either draws a ring or a tint into a screenshot, on some
 * runs only (it depends on when the window becomes active). Every state change of every widget
 * during a rendering is watched, so a focus that is given and taken back is caught too.
 */

#include "config.h"

#include "render/tess-screenshot.h"
#include "render-test-util.h"

#define WATCHED_FLAGS (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_WITHIN | \
                       GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_PRELIGHT)

typedef struct
{
  guint     focus_widgets;   /* state changes seen while a root had a focus widget */
  guint     flagged;         /* state changes that left one of WATCHED_FLAGS set */
  guint     active;          /* state changes seen while the window was active */
  GString  *log;
} Watch;

static gboolean
on_state_flags_changed (GSignalInvocationHint *hint,
                        guint                  n_params,
                        const GValue          *params,
                        gpointer               user_data)
{
  Watch *watch = user_data;
  GtkWidget *widget = g_value_get_object (&params[0]);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkStateFlags flags = gtk_widget_get_state_flags (widget);

  if (root != NULL && gtk_root_get_focus (root) != NULL)
    {
      watch->focus_widgets++;
      g_string_append_printf (watch->log, " focus:%s",
                              G_OBJECT_TYPE_NAME (gtk_root_get_focus (root)));
    }
  if (GTK_IS_WINDOW (root) && gtk_window_is_active (GTK_WINDOW (root)))
    watch->active++;
  if ((flags & WATCHED_FLAGS) != 0)
    {
      watch->flagged++;
      g_string_append_printf (watch->log, " %s:0x%x", G_OBJECT_TYPE_NAME (widget),
                              flags & WATCHED_FLAGS);
    }
  return TRUE;
}

/* Wide and tall enough to lie under the pointer, which Xvfb puts in the middle of its
 * 1280×1024 screen, with a text input first, one asking for focus, and buttons everywhere. */
static const char *const tree =
  "{\"type\":\"Card\",\"size\":\"full\",\"children\":["
  " {\"type\":\"Input\",\"name\":\"first\",\"placeholder\":\"First\"},"
  " {\"type\":\"Textarea\",\"name\":\"second\",\"placeholder\":\"Second\","
  "  \"autoFocus\":true},"
  " {\"type\":\"Row\",\"gap\":2,\"children\":["
  "  {\"type\":\"Button\",\"label\":\"One\",\"block\":true},"
  "  {\"type\":\"Button\",\"label\":\"Two\",\"block\":true}]},"
  " {\"type\":\"Button\",\"label\":\"Tall\",\"block\":true,\"size\":\"3xl\"},"
  " {\"type\":\"Box\",\"height\":900,\"background\":\"surface-secondary\",\"children\":["
  "  {\"type\":\"Button\",\"label\":\"Under the pointer\",\"block\":true}]}]}";

static void
test_no_focus_no_hover (void)
{
  g_autoptr(TessNode) node = rt_parse (tree);
  g_autoptr(GTypeClass) window_class = g_type_class_ref (GTK_TYPE_WINDOW);
  guint signal_id = g_signal_lookup ("state-flags-changed", GTK_TYPE_WIDGET);
  Watch watch = { 0, 0, 0, g_string_new (NULL) };
  gulong hook;

  hook = g_signal_add_emission_hook (signal_id, 0, on_state_flags_changed, &watch, NULL);
  for (int run = 0; run < 3; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = tess_screenshot_render (node, 1400, TESS_THEME_MODE_LIGHT,
                                                              &error);

      g_assert_no_error (error);
      g_assert_nonnull (texture);
      g_assert_cmpint (gdk_texture_get_width (texture), >=, 1400);
      g_assert_cmpint (gdk_texture_get_height (texture), >=, 1024);
    }
  g_signal_remove_emission_hook (signal_id, hook);

  g_test_message ("seen:%s", watch.log->str);
  g_assert_cmpuint (watch.focus_widgets, ==, 0);
  g_assert_cmpuint (watch.flagged, ==, 0);
  g_assert_cmpuint (watch.active, ==, 0);
  g_string_free (watch.log, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/screenshot/no-focus-no-hover", test_no_focus_no_hover);

  return g_test_run ();
}
