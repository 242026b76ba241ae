/* protocol-test-util.h: shared helpers for protocol tests
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "protocol/tess-protocol-types.h"
#include "protocol/tess-sse-parser.h"

static gboolean
test_util_collect_event (const TessSseEvent  *sse,
                         gpointer             user_data,
                         GError             **error)
{
  GPtrArray *events = user_data;
  TessStreamEvent *event = tess_stream_event_parse_data (sse->data, sse->data_length, sse->index,
                                                         error);

  if (event == NULL)
    return FALSE;
  g_ptr_array_add (events, event);
  return TRUE;
}

/* The typed events of tests/protocol/data/@name. */
static inline GPtrArray *
test_util_load_events (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "protocol", "data", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tess_stream_event_unref);
  g_autoptr(TessSseParser) parser = tess_sse_parser_new (0, test_util_collect_event, events);
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  tess_sse_parser_feed (parser, (const guint8 *) contents, length, &error);
  g_assert_no_error (error);
  tess_sse_parser_finish (parser, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&events);
}

static inline TessStreamEvent *
test_util_event (const char *json)
{
  g_autoptr(GError) error = NULL;
  TessStreamEvent *event = tess_stream_event_parse_data (json, -1, 0, &error);

  g_assert_no_error (error);
  return event;
}
