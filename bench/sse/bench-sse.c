/* bench-sse.c: the incremental SSE parser (and event parsing) against simple references
 *
 * Prints throughput and ratios measured in the same run; asserts nothing about time.
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* memmem() */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "protocol/tess-protocol-types.h"
#include "protocol/tess-sse-parser.h"

#define REPEAT 400

typedef struct
{
  guint  n_events;
  gsize  n_bytes;
  guint  parse_json;
} Counter;

static gboolean
count_event (const TessSseEvent  *event,
             gpointer             user_data,
             GError             **error)
{
  Counter *counter = user_data;

  counter->n_events++;
  counter->n_bytes += event->data_length;
  if (counter->parse_json)
    {
      g_autoptr(TessStreamEvent) parsed = tess_stream_event_parse_data (event->data,
                                                                        event->data_length,
                                                                        event->index, error);

      return parsed != NULL;
    }
  return TRUE;
}

/* The lower bound: whole buffer in memory, split on "\n\n", strip "data: ". */
static guint
reference_split (const char *text,
                 gsize       length,
                 gsize      *n_bytes)
{
  const char *p = text;
  const char *end = text + length;
  guint n = 0;

  *n_bytes = 0;
  while (p < end)
    {
      const char *frame_end = memmem (p, end - p, "\n\n", 2);

      if (frame_end == NULL)
        break;
      if (frame_end - p > 6 && memcmp (p, "data: ", 6) == 0)
        {
          *n_bytes += frame_end - p - 6;
          n++;
        }
      p = frame_end + 2;
    }
  return n;
}

static double
run_parser (const char *text,
            gsize       length,
            gsize       chunk,
            gboolean    parse_json,
            Counter    *counter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessSseParser) parser = NULL;
  gint64 start = g_get_monotonic_time ();

  memset (counter, 0, sizeof *counter);
  counter->parse_json = parse_json;
  parser = tess_sse_parser_new (0, count_event, counter);
  for (gsize offset = 0; offset < length; offset += chunk)
    {
      if (!tess_sse_parser_feed (parser, (const guint8 *) text + offset,
                                 MIN (chunk, length - offset), &error))
        g_error ("%s", error->message);
    }
  if (!tess_sse_parser_finish (parser, &error))
    g_error ("%s", error->message);
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
run_json_reference (const char *text,
                    gsize       length)
{
  const char *p = text;
  const char *end = text + length;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  while (p < end)
    {
      const char *frame_end = memmem (p, end - p, "\n\n", 2);

      if (frame_end == NULL)
        break;
      if (!json_parser_load_from_data (parser, p + 6, frame_end - p - 6, NULL))
        g_error ("reference JSON parse failed");
      p = frame_end + 2;
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *one = NULL;
  g_autoptr(GString) stream = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  static const gsize chunks[] = { 16, 1024, 16384 };
  Counter counter;
  gsize reference_bytes;
  guint reference_events;
  double reference_time, json_reference_time;
  gint64 start;

  if (argc != 2)
    {
      g_printerr ("usage: %s TRANSCRIPT.sse\n", argv[0]);
      return 2;
    }
  if (!g_file_get_contents (argv[1], &one, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < REPEAT; i++)
    g_string_append (stream, one);

  start = g_get_monotonic_time ();
  reference_events = reference_split (stream->str, stream->len, &reference_bytes);
  reference_time = MAX ((g_get_monotonic_time () - start) / 1e6, 1e-6);

  g_print ("SSE stream: %.1f MiB, %u events\n", stream->len / 1048576.0, reference_events);
  g_print ("reference (whole buffer, memmem split): %8.1f MiB/s\n",
           stream->len / 1048576.0 / reference_time);

  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      double time = MAX (run_parser (stream->str, stream->len, chunks[i], FALSE, &counter), 1e-6);

      if (counter.n_events != reference_events || counter.n_bytes != reference_bytes)
        g_error ("parser and reference disagree: %u/%u events", counter.n_events,
                 reference_events);
      g_print ("TessSseParser, %5zu-byte chunks:        %8.1f MiB/s  (%.2fx the reference time)\n",
               chunks[i], stream->len / 1048576.0 / time, time / reference_time);
    }

  json_reference_time = MAX (run_json_reference (stream->str, stream->len), 1e-6);
  {
    double time = MAX (run_parser (stream->str, stream->len, 16384, TRUE, &counter), 1e-6);

    g_print ("typed events (SSE + JSON + validation): %8.0f events/s  (%.2fx bare json-glib "
             "parsing)\n", counter.n_events / time, time / json_reference_time);
  }

  return 0;
}
