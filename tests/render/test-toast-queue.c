/* test-toast-queue.c: toasts come one at a time and take no click before they have come in
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2.2 reads a freed toast when its hide animation ends in the same frame as its
 * show animation (see tess-toast-queue.h); meson's MALLOC_PERTURB_ turns that into a crash.
 */

#include "config.h"

#include <adwaita.h>

#include "render/tess-toast-queue.h"

#define WAIT_SECONDS 10

typedef struct
{
  GtkWidget       *window;
  AdwToastOverlay *overlay;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = gtk_window_new ();
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (fixture->overlay, gtk_label_new ("content"));
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->overlay));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 480, 320);
  gtk_window_present (GTK_WINDOW (fixture->window));
  for (gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
       !gtk_widget_get_mapped (GTK_WIDGET (fixture->overlay)) && g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->overlay)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GPtrArray *
toast_widgets (Fixture *fixture)
{
  GType type = g_type_from_name ("AdwToastWidget");
  GPtrArray *widgets = g_ptr_array_new ();

  g_assert_cmpuint (type, !=, 0);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
      g_ptr_array_add (widgets, child);
  return widgets;
}

static void
collect_type (GtkWidget *widget,
              GType      type,
              GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_type (child, type, found);
}

static const char *
title_of (GtkWidget *toast_widget)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_type (toast_widget, GTK_TYPE_LABEL, labels);
  g_assert_cmpuint (labels->len, >, 0);
  return gtk_label_get_text (labels->pdata[0]);
}

static gboolean
is_clickable (GtkWidget *widget)
{
  if (!gtk_widget_is_sensitive (widget))
    return FALSE;
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_can_target (widget))
      return FALSE;
  return TRUE;
}

/* The one toast on screen that has come in (takes clicks), after waiting for it. */
static GtkWidget *
wait_for_clickable_toast (Fixture *fixture)
{
  gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_autoptr(GPtrArray) widgets = toast_widgets (fixture);

      /* Never two at once: the next comes in only when the last has gone. */
      g_assert_cmpuint (widgets->len, <=, 1);
      if (widgets->len == 1 && is_clickable (widgets->pdata[0]))
        return widgets->pdata[0];
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_not_reached ();
}

static void
click_close (GtkWidget *toast_widget)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_type (toast_widget, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_icon_name (buttons->pdata[i]), "window-close-symbolic") == 0)
      {
        g_assert_true (is_clickable (buttons->pdata[i]));
        g_signal_emit_by_name (buttons->pdata[i], "clicked");
        return;
      }
  g_assert_not_reached ();
}

static void
wait_until_empty (Fixture *fixture)
{
  gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(GPtrArray) widgets = toast_widgets (fixture);

      if (widgets->len == 0)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_coming_in (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) widgets = NULL;
  GtkWidget *toast_widget;

  tess_toast_queue_add (fixture->overlay, adw_toast_new ("Saved"));
  widgets = toast_widgets (fixture);
  g_assert_cmpuint (widgets->len, ==, 1);
  /* While its show animation runs, a click must not start the hide animation. */
  g_assert_false (is_clickable (widgets->pdata[0]));
  g_assert_false (gtk_widget_get_can_focus (widgets->pdata[0]));

  toast_widget = wait_for_clickable_toast (fixture);
  g_assert_true (toast_widget == widgets->pdata[0]);
  g_assert_true (gtk_widget_get_can_focus (toast_widget));
  g_assert_cmpstr (title_of (toast_widget), ==, "Saved");
  click_close (toast_widget);
  wait_until_empty (fixture);
}

static void
test_in_order (Fixture       *fixture,
               gconstpointer  data)
{
  const char *titles[] = { "First", "Second", "Third" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    tess_toast_queue_add (fixture->overlay, adw_toast_new (titles[i]));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *toast_widget = wait_for_clickable_toast (fixture);

      g_assert_cmpstr (title_of (toast_widget), ==, titles[i]);
      click_close (toast_widget);
    }
  wait_until_empty (fixture);
}

static void
count_dismissed (AdwToast *toast,
                 guint    *count)
{
  (*count)++;
}

static void
test_high_priority (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwToast *normal = adw_toast_new ("Normal");
  AdwToast *urgent = adw_toast_new ("Urgent");
  guint normal_dismissed = 0;
  GtkWidget *toast_widget;

  g_signal_connect (normal, "dismissed", G_CALLBACK (count_dismissed), &normal_dismissed);
  adw_toast_set_priority (urgent, ADW_TOAST_PRIORITY_HIGH);
  tess_toast_queue_add (fixture->overlay, normal);
  tess_toast_queue_add (fixture->overlay, adw_toast_new ("Later"));
  tess_toast_queue_add (fixture->overlay, urgent);

  /* The normal toast goes for the urgent one, but not before it has come in. */
  g_assert_cmpuint (normal_dismissed, ==, 0);
  toast_widget = wait_for_clickable_toast (fixture);
  g_assert_cmpstr (title_of (toast_widget), ==, "Urgent");
  g_assert_cmpuint (normal_dismissed, ==, 1);
  click_close (toast_widget);
  toast_widget = wait_for_clickable_toast (fixture);
  g_assert_cmpstr (title_of (toast_widget), ==, "Later");
  click_close (toast_widget);
  wait_until_empty (fixture);
}

/* The crash itself: toasts closed as soon as they can be, many times over. */
static void
test_closed_at_once (Fixture       *fixture,
                     gconstpointer  data)
{
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *title = g_strdup_printf ("Toast %u", i);

      tess_toast_queue_add (fixture->overlay, adw_toast_new (title));
      click_close (wait_for_clickable_toast (fixture));
    }
  wait_until_empty (fixture);
}

static void
test_unmapped (void)
{
  AdwToastOverlay *overlay = g_object_ref_sink (ADW_TOAST_OVERLAY (adw_toast_overlay_new ()));

  /* Not on screen: the toast is added without an animation and the queue goes with the
   * overlay. */
  tess_toast_queue_add (overlay, adw_toast_new ("Offscreen"));
  tess_toast_queue_add (overlay, adw_toast_new ("Waiting"));
  g_assert_nonnull (gtk_widget_get_last_child (GTK_WIDGET (overlay)));
  g_object_unref (overlay);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/toast-queue/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("coming-in", test_coming_in);
  ADD ("in-order", test_in_order);
  ADD ("high-priority", test_high_priority);
  ADD ("closed-at-once", test_closed_at_once);
#undef ADD
  g_test_add_func ("/toast-queue/unmapped", test_unmapped);

  return g_test_run ();
}
