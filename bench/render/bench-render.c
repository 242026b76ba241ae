/* bench-render.c: widget JSON to first frame, against plain GTK widgets in the same run
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each corpus widget (and a 1,000-item ListView) the median time from JSON text to the
 * first painted frame of a TessWidgetView is compared with building as many plain
 * GtkLabels in GtkBoxes as the tree has nodes and painting those. A second clock leaves out
 * the wait for the frame clock's tick, which a small widget's time to its first frame is
 * mostly made of. Times and ratios are printed; nothing is asserted. Run under a display
 * (xvfb-run is fine):
 *   xvfb-run -a _build/bench/render/bench-render tests/corpus/expected [NAME-PART]
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/tess-widget-parser.h"
#include "render/tess-widget-view.h"

#define RUNS 7

static gboolean painted;
static gint64 frame_start, frame_end;

static void
on_before_paint (GdkFrameClock *clock,
                 gpointer       user_data)
{
  frame_start = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  frame_end = g_get_monotonic_time ();
  painted = TRUE;
}

/* Waits for the next painted frame; returns how long that frame's own work took (style,
 * layout and paint), which leaves out the wait for the frame clock's tick. */
static double
wait_for_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gulong before, after;

  painted = FALSE;
  frame_start = frame_end = 0;
  before = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), NULL);
  after = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  gtk_widget_queue_draw (window);
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, before);
  g_signal_handler_disconnect (clock, after);
  return frame_start > 0 ? (frame_end - frame_start) / 1000.0 : 0.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof (double), compare_doubles);
  return values[RUNS / 2];
}

/* Both sides go into the same scrolled window, as widgets do in a chat. */
static void
set_content (GtkWidget *window,
             GtkWidget *content)
{
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (gtk_window_get_child (GTK_WINDOW (window))),
                                 content);
}

/* Takes the previous content down before a timed build: tearing one side's tree down must
 * not be charged to the other. No frame is waited for, so the frame clock paces the timed
 * frame exactly as it did when the content was swapped in one go. */
static void
clear_content (GtkWidget *window)
{
  set_content (window, NULL);
}

/* Two clocks for one build: until the first frame is painted, and the work alone (building
 * the widgets, and that frame's style, layout and paint, without the wait for its tick). */
typedef struct
{
  double frame_ms;
  double work_ms;
} Timing;

static Timing
finish_timing (GtkWidget *window,
               gint64     start)
{
  gint64 built = g_get_monotonic_time ();
  double frame_work = wait_for_frame (window);
  Timing timing;

  timing.frame_ms = (g_get_monotonic_time () - start) / 1000.0;
  timing.work_ms = (built - start) / 1000.0 + frame_work;
  return timing;
}

static Timing
time_tessera (GtkWidget  *window,
              const char *json)
{
  gint64 start;

  clear_content (window);
  start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) diagnostics =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tess_diagnostic_free);
  g_autoptr(TessNode) root = tess_widget_parse_string (json, -1, diagnostics, NULL);
  GtkWidget *view = tess_widget_view_new ();

  tess_widget_view_set_root (TESS_WIDGET_VIEW (view), root);
  set_content (window, view);
  return finish_timing (window, start);
}

/* The reference: as many labels as the tree has nodes, in rows of boxes. */
static Timing
time_plain (GtkWidget *window,
            guint      n_nodes)
{
  gint64 start;
  GtkWidget *column, *row = NULL;

  clear_content (window);
  start = g_get_monotonic_time ();
  column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  for (guint i = 0; i < n_nodes; i++)
    {
      char text[32];

      if (i % 4 == 0)
        {
          row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
          gtk_box_append (GTK_BOX (column), row);
        }
      g_snprintf (text, sizeof text, "Label %u", i);
      gtk_box_append (GTK_BOX (row), gtk_label_new (text));
    }
  set_content (window, column);
  return finish_timing (window, start);
}

typedef struct
{
  double frame_ratio;
  double work_ratio;
} Ratios;

static Ratios
bench_one (GtkWidget  *window,
           const char *name,
           const char *json)
{
  g_autoptr(GPtrArray) diagnostics =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tess_diagnostic_free);
  g_autoptr(TessNode) root = tess_widget_parse_string (json, -1, diagnostics, NULL);
  double ours_frame[RUNS], plain_frame[RUNS], ours_work[RUNS], plain_work[RUNS];
  Ratios ratios = { -1, -1 };
  guint n_nodes;

  if (root == NULL)
    return ratios;
  n_nodes = tess_node_count (root);

  /* Warm caches (fonts, icons, CSS) once before measuring either side. */
  time_tessera (window, json);
  time_plain (window, n_nodes);

  for (guint i = 0; i < RUNS; i++)
    {
      Timing ours = time_tessera (window, json);
      Timing plain = time_plain (window, n_nodes);

      ours_frame[i] = ours.frame_ms;
      ours_work[i] = ours.work_ms;
      plain_frame[i] = plain.frame_ms;
      plain_work[i] = plain.work_ms;
    }
  ratios.frame_ratio = median (ours_frame) / MAX (median (plain_frame), 0.001);
  ratios.work_ratio = median (ours_work) / MAX (median (plain_work), 0.001);
  g_print ("%-56.56s %5u %8.2f %8.2f %6.2f× %8.2f %8.2f %6.2f×\n", name, n_nodes,
           median (ours_frame), median (plain_frame), ratios.frame_ratio,
           median (ours_work), median (plain_work), ratios.work_ratio);
  return ratios;
}

static char *
big_list_view (guint n)
{
  GString *json = g_string_new ("{\"type\":\"ListView\",\"children\":[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json,
                            "%s{\"type\":\"ListViewItem\",\"key\":\"k%u\",\"gap\":3,"
                            "\"onClickAction\":{\"type\":\"open\",\"payload\":{\"i\":%u}},"
                            "\"children\":[{\"type\":\"Icon\",\"name\":\"document\"},"
                            "{\"type\":\"Col\",\"children\":["
                            "{\"type\":\"Text\",\"value\":\"Item %u\"},"
                            "{\"type\":\"Caption\",\"value\":\"Details\"}]},{\"type\":\"Spacer\"},"
                            "{\"type\":\"Badge\",\"label\":\"%u\"}]}",
                            i ? "," : "", i, i, i, i);
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

int
main (int    argc,
      char **argv)
{
  const char *dir = argc > 1 ? argv[1] : "tests/corpus/expected";
  /* an optional second argument keeps only the widgets whose file name contains it
   * ("ListView" for the 1,000-item list alone), for profiling one case */
  const char *only = argc > 2 ? argv[2] : NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = big_list_view (1000);
  GtkWidget *window;
  const char *name;
  double frame_log_sum = 0, work_log_sum = 0;
  guint n = 0, n_within = 0;

  g_setenv ("TESS_IMAGE_OFFLINE", "1", FALSE);
  gtk_init ();
  adw_init ();

  listing = g_dir_open (dir, 0, NULL);
  if (listing == NULL)
    {
      g_printerr ("bench-render: cannot open %s\n", dir);
      return 1;
    }
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".json") && !g_str_has_suffix (name, ".error.json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 800);
  gtk_window_set_child (GTK_WINDOW (window), gtk_scrolled_window_new ());
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (window);

  g_print ("Median of %d runs, in ms. First frame: JSON to the first painted frame. Work: the\n"
           "same without the wait for the frame clock's tick (building, then that frame's\n"
           "style, layout and paint).\n", RUNS);
  g_print ("%-56s %5s %8s %8s %7s %8s %8s %7s\n", "widget", "nodes", "frame", "plain", "ratio",
           "work", "plain", "ratio");
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *json = NULL;
      Ratios ratios;

      if (only != NULL && strstr (g_ptr_array_index (names, i), only) == NULL)
        continue;
      if (!g_file_get_contents (path, &json, NULL, NULL))
        continue;
      ratios = bench_one (window, g_ptr_array_index (names, i), json);
      if (ratios.frame_ratio > 0)
        {
          frame_log_sum += log (ratios.frame_ratio);
          work_log_sum += log (ratios.work_ratio);
          n_within += ratios.work_ratio <= 2.0;
          n++;
        }
    }
  g_print ("corpus, %u widgets: geometric mean %.2f× to the first frame, %.2f× in work; "
           "%u within 2× in work (target: within 2×)\n", n,
           n ? exp (frame_log_sum / n) : 0, n ? exp (work_log_sum / n) : 0, n_within);
  if (only == NULL || strstr ("ListView × 1000", only) != NULL)
    {
      g_print ("1,000-item ListView:\n");
      bench_one (window, "ListView × 1000", list);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
