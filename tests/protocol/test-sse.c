/* test-sse.c: the SSE parser against recorded transcripts split at every byte
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "protocol/tess-protocol-types.h"
#include "protocol/tess-sse-parser.h"

static const char *transcripts[] = {
  "reference-create.sse",
  "reference-action.sse",
  "reference-error.sse",
  "reference-tool-call.sse",
  "reference-tool-output.sse",
  "reference-structured-input.sse",
  "node-create.sse",
  "unicode.sse",
};

/* Each collected event is "EVENT\nDATA" (EVENT empty when absent). */
static gboolean
collect_event (const TessSseEvent  *event,
               gpointer             user_data,
               GError             **error)
{
  GPtrArray *events = user_data;

  g_assert_cmpuint (strlen (event->data), ==, event->data_length);
  g_assert_cmpuint (event->index, ==, events->len);
  g_ptr_array_add (events, g_strdup_printf ("%s\n%s", event->event ? event->event : "",
                                            event->data));
  return TRUE;
}

/* Feeds @bytes cut at the offsets in @cuts (ascending) and returns the events, or NULL with
 * @error set. */
static GPtrArray *
parse_chunks (const char  *bytes,
              gsize        length,
              const gsize *cuts,
              guint        n_cuts,
              gsize        max_event_size,
              GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TessSseParser) parser = tess_sse_parser_new (max_event_size, collect_event, events);
  gsize start = 0;

  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize end = i < n_cuts ? cuts[i] : length;

      g_assert_cmpuint (end, >=, start);
      if (!tess_sse_parser_feed (parser, (const guint8 *) bytes + start, end - start, error))
        return NULL;
      start = end;
    }

  if (!tess_sse_parser_finish (parser, error))
    return NULL;

  return g_steal_pointer (&events);
}

static GPtrArray *
parse_whole (const char *bytes,
             gsize       length)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = parse_chunks (bytes, length, NULL, 0, 0, &error);

  g_assert_no_error (error);
  return events;
}

static void
assert_same_events (GPtrArray *expected,
                    GPtrArray *actual)
{
  g_assert_nonnull (actual);
  g_assert_cmpuint (expected->len, ==, actual->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (expected, i), ==, g_ptr_array_index (actual, i));
}

static char *
load_transcript (const char *name,
                 gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "protocol", "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static guint
count_data_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, "data: ")) != NULL; p++)
    {
      if (p == text || p[-1] == '\n')
        n++;
    }
  return n;
}

/* Every split into two chunks, then every split into three chunks around a frame's tail. */
static void
assert_all_splits (const char *bytes,
                   gsize       length,
                   GPtrArray  *expected)
{
  for (gsize cut = 0; cut <= length; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) events = parse_chunks (bytes, length, &cut, 1, 0, &error);

      g_assert_no_error (error);
      assert_same_events (expected, events);
    }
}

static void
assert_bytewise_and_random (const char *bytes,
                            gsize       length,
                            GPtrArray  *expected)
{
  g_autofree gsize *cuts = g_new (gsize, length + 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);

  for (gsize i = 0; i < length; i++)
    cuts[i] = i + 1;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) events = parse_chunks (bytes, length, cuts, length, 0, &error);

    g_assert_no_error (error);
    assert_same_events (expected, events);
  }

  for (guint round = 0; round < 64; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) events = NULL;
      guint n = 0;
      gsize at = 0;

      while (at < length && n < length)
        {
          at += g_rand_int_range (rand, 1, 40);
          if (at >= length)
            break;
          cuts[n++] = at;
        }
      events = parse_chunks (bytes, length, cuts, n, 0, &error);
      g_assert_no_error (error);
      assert_same_events (expected, events);
    }
}

static void
test_transcripts_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (transcripts); i++)
    {
      gsize length;
      g_autofree char *bytes = load_transcript (transcripts[i], &length);
      g_autoptr(GPtrArray) events = parse_whole (bytes, length);

      g_test_message ("%s: %u events", transcripts[i], events->len);
      g_assert_cmpuint (events->len, ==, count_data_lines (bytes));
      g_assert_cmpuint (events->len, >, 0);

      for (guint j = 0; j < events->len; j++)
        {
          const char *data = strchr (g_ptr_array_index (events, j), '\n') + 1;
          g_autoptr(GError) error = NULL;
          g_autoptr(TessStreamEvent) event = tess_stream_event_parse_data (data, -1, j, &error);

          g_assert_no_error (error);
          g_assert_cmpint (event->kind, !=, TESS_EVENT_UNKNOWN);
        }
    }
}

static void
test_reference_event_order (void)
{
  static const char *expected[] = {
    "thread.created", "thread.item.done", "stream_options", "progress_update",
    "thread.item.added", "thread.item.updated", "thread.item.updated", "thread.item.updated",
    "thread.item.updated", "thread.item.updated", "thread.item.done", "thread.item.added",
    "thread.item.updated", "thread.item.updated", "thread.item.done", "notice",
    "thread.updated",
  };
  gsize length;
  g_autofree char *bytes = load_transcript ("reference-create.sse", &length);
  g_autoptr(GPtrArray) events = parse_whole (bytes, length);

  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < events->len; i++)
    {
      const char *data = strchr (g_ptr_array_index (events, i), '\n') + 1;
      g_autoptr(TessStreamEvent) event = tess_stream_event_parse_data (data, -1, i, NULL);

      g_assert_nonnull (event);
      g_assert_cmpstr (event->type, ==, expected[i]);
    }
}

static void
test_every_split_point (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (transcripts); i++)
    {
      gsize length;
      g_autofree char *bytes = load_transcript (transcripts[i], &length);
      g_autoptr(GPtrArray) expected = parse_whole (bytes, length);

      assert_all_splits (bytes, length, expected);
      assert_bytewise_and_random (bytes, length, expected);
    }
}

static char *
replace_all (const char *text,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

static void
test_line_endings (void)
{
  static const char *endings[] = { "\r\n", "\r" };

  for (guint i = 0; i < G_N_ELEMENTS (transcripts); i++)
    {
      gsize length;
      g_autofree char *bytes = load_transcript (transcripts[i], &length);
      g_autoptr(GPtrArray) expected = parse_whole (bytes, length);

      for (guint e = 0; e < G_N_ELEMENTS (endings); e++)
        {
          g_autofree char *converted = replace_all (bytes, "\n", endings[e]);

          assert_all_splits (converted, strlen (converted), expected);
        }
    }
}

/* Rewrites every "data: X\n" into several data lines cut at UTF-8 boundaries every @width
 * bytes; the expected data is the pieces joined with '\n'. */
static void
split_data_lines (const char  *bytes,
                  guint        width,
                  char       **stream_out,
                  GPtrArray  **expected_out)
{
  g_auto(GStrv) lines = g_strsplit (bytes, "\n", -1);
  GString *stream = g_string_new (NULL);
  GPtrArray *expected = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *data;
      GString *joined;

      if (!g_str_has_prefix (lines[i], "data: "))
        {
          if (lines[i + 1] != NULL)
            g_string_append_printf (stream, "%s\n", lines[i]);
          continue;
        }

      data = lines[i] + strlen ("data: ");
      joined = g_string_new ("\n");
      while (*data)
        {
          const char *end = data;

          while (*end && end - data < width)
            end = g_utf8_next_char (end);
          /* Alternate "data:" with and without the optional space (which a piece that starts
           * with a space needs, or the parser would strip it). */
          g_string_append_printf (stream, "data:%s%.*s\n",
                                  ((stream->len & 1) || *data == ' ') ? " " : "",
                                  (int) (end - data), data);
          g_string_append_printf (joined, "%.*s\n", (int) (end - data), data);
          data = end;
        }
      g_string_truncate (joined, joined->len - 1);
      g_ptr_array_add (expected, g_string_free (joined, FALSE));
    }

  *stream_out = g_string_free (stream, FALSE);
  *expected_out = expected;
}

static void
test_multiline_data (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (transcripts); i++)
    {
      gsize length;
      g_autofree char *bytes = load_transcript (transcripts[i], &length);
      g_autofree char *stream = NULL;
      g_autoptr(GPtrArray) expected = NULL;
      g_autoptr(GPtrArray) actual = NULL;

      split_data_lines (bytes, 37, &stream, &expected);
      actual = parse_whole (stream, strlen (stream));
      assert_same_events (expected, actual);
      g_assert_cmpuint (expected->len, ==, count_data_lines (bytes));
      assert_all_splits (stream, strlen (stream), expected);
    }
}

static void
test_comments_and_unknown_fields (void)
{
  const char *stream =
    "\xEF\xBB\xBF: opening comment\n"
    "\n"
    "retry: 3000\n"
    "id: 7\n"
    "data: {\"type\":\"notice\",\"level\":\"info\",\"message\":\"one\"}\n"
    "\n"
    ": ping\n"
    ":\n"
    "\n"
    "event: custom\n"
    "foo: bar\n"
    "data\n"
    "data:{\"a\":1}\n"
    "\n"
    "event: lonely\n"
    "\n"
    "data:\n"
    "\n"
    "data: last\r\n\r\n";
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (expected,
                   g_strdup ("\n{\"type\":\"notice\",\"level\":\"info\",\"message\":\"one\"}"));
  /* A bare "data" line adds an empty line to the data. */
  g_ptr_array_add (expected, g_strdup ("custom\n\n{\"a\":1}"));
  g_ptr_array_add (expected, g_strdup ("\nlast"));

  assert_all_splits (stream, strlen (stream), expected);
}

static void
test_bom_only_at_start (void)
{
  const char *stream = "\xEF\xBB" "data: x\n\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = parse_chunks (stream, strlen (stream), NULL, 0, 0, &error);

  /* A partial BOM is content: the field name is then not "data" and the frame is empty. */
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
}

static void
test_truncated_everywhere (void)
{
  gsize length;
  g_autofree char *bytes = load_transcript ("reference-create.sse", &length);
  g_autoptr(GPtrArray) all = parse_whole (bytes, length);

  for (gsize cut = 1; cut < length; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(TessSseParser) parser = tess_sse_parser_new (0, collect_event, events);
      gboolean at_boundary = bytes[cut - 1] == '\n' && cut >= 2 && bytes[cut - 2] == '\n';

      g_assert_true (tess_sse_parser_feed (parser, (const guint8 *) bytes, cut, &error));
      g_assert_no_error (error);

      if (at_boundary)
        {
          g_assert_true (tess_sse_parser_finish (parser, &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_false (tess_sse_parser_finish (parser, &error));
          g_assert_error (error, TESS_SSE_ERROR, TESS_SSE_ERROR_TRUNCATED);
          g_assert_nonnull (strstr (error->message, "ended inside event"));
        }

      /* Whatever was complete before the cut was delivered intact. */
      for (guint i = 0; i < events->len; i++)
        g_assert_cmpstr (g_ptr_array_index (events, i), ==, g_ptr_array_index (all, i));
    }
}

static void
test_invalid_utf8 (void)
{
  const char *stream = "data: {\"ok\":1}\n\ndata: {\"bad\":\"\xC3\x28\"}\n\ndata: {}\n\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TessSseParser) parser = tess_sse_parser_new (0, collect_event, events);

  g_assert_false (tess_sse_parser_feed (parser, (const guint8 *) stream, strlen (stream),
                                        &error));
  g_assert_error (error, TESS_SSE_ERROR, TESS_SSE_ERROR_INVALID_UTF8);
  g_assert_nonnull (strstr (error->message, "event 2 (stream byte 16)"));
  g_assert_cmpuint (events->len, ==, 1);
  g_clear_error (&error);

  /* A failed parser stays failed. */
  g_assert_false (tess_sse_parser_feed (parser, (const guint8 *) "data: 1\n\n", 9, &error));
  g_assert_nonnull (error);
}

static void
test_size_limit (void)
{
  gsize big = 256 * 1024;
  g_autofree char *line = g_malloc (big);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TessSseParser) parser = tess_sse_parser_new (64 * 1024, collect_event, events);
  gboolean ok = TRUE;

  memset (line, 'x', big);
  memcpy (line, "data: ", 6);

  /* A line that never ends is refused once it passes the limit. */
  for (guint i = 0; i < 64 && ok; i++)
    ok = tess_sse_parser_feed (parser, (const guint8 *) line, big, &error);
  g_assert_false (ok);
  g_assert_error (error, TESS_SSE_ERROR, TESS_SSE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Many short data lines in one event are refused as well. */
  {
    g_autoptr(TessSseParser) parser2 = tess_sse_parser_new (1024, collect_event, events);
    const char *chunk = "data: 0123456789012345678901234567890123456789\n";

    ok = TRUE;
    for (guint i = 0; i < 100 && ok; i++)
      ok = tess_sse_parser_feed (parser2, (const guint8 *) chunk, strlen (chunk), &error);
    g_assert_false (ok);
    g_assert_error (error, TESS_SSE_ERROR, TESS_SSE_ERROR_TOO_LARGE);
  }
  g_assert_cmpuint (events->len, ==, 0);
}

static gboolean
stop_at_second (const TessSseEvent  *event,
                gpointer             user_data,
                GError             **error)
{
  guint *count = user_data;

  if (++(*count) == 2)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "stop");
      return FALSE;
    }
  return TRUE;
}

static void
test_callback_stops (void)
{
  const char *stream = "data: 1\n\ndata: 2\n\ndata: 3\n\n";
  guint count = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(TessSseParser) parser = tess_sse_parser_new (0, stop_at_second, &count);

  g_assert_false (tess_sse_parser_feed (parser, (const guint8 *) stream, strlen (stream),
                                        &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpuint (count, ==, 2);
}

static void
test_random_bytes_never_crash (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  static const char alphabet[] = "data: event:id\r\n\n:{}\"\xC3\xA9\xF0\x9F\x8E\x89\xFF";

  for (guint round = 0; round < 2000; round++)
    {
      guint8 buffer[512];
      guint length = g_rand_int_range (rand, 0, sizeof buffer);
      g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(TessSseParser) parser = tess_sse_parser_new (128, collect_event, events);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      for (guint i = 0; i < length; i++)
        buffer[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

      ok = tess_sse_parser_feed (parser, buffer, length, &error) &&
           tess_sse_parser_finish (parser, &error);
      g_assert_true (ok == (error == NULL));

      /* Whatever events came out are valid UTF-8 and bounded. */
      for (guint i = 0; i < events->len; i++)
        {
          g_assert_true (g_utf8_validate (g_ptr_array_index (events, i), -1, NULL));
          g_assert_cmpuint (strlen (g_ptr_array_index (events, i)), <=, 128 + 64);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sse/transcripts/parse", test_transcripts_parse);
  g_test_add_func ("/sse/transcripts/reference-order", test_reference_event_order);
  g_test_add_func ("/sse/transcripts/every-split-point", test_every_split_point);
  g_test_add_func ("/sse/transcripts/line-endings", test_line_endings);
  g_test_add_func ("/sse/transcripts/multiline-data", test_multiline_data);
  g_test_add_func ("/sse/comments-and-unknown-fields", test_comments_and_unknown_fields);
  g_test_add_func ("/sse/partial-bom", test_bom_only_at_start);
  g_test_add_func ("/sse/errors/truncated-everywhere", test_truncated_everywhere);
  g_test_add_func ("/sse/errors/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/sse/errors/size-limit", test_size_limit);
  g_test_add_func ("/sse/errors/callback-stops", test_callback_stops);
  g_test_add_func ("/sse/errors/random-bytes", test_random_bytes_never_crash);

  return g_test_run ();
}
