/* tess-sse-parser.h: incremental Server-Sent Events parser
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TESS_SSE_ERROR (tess_sse_error_quark ())

typedef enum
{
  TESS_SSE_ERROR_TOO_LARGE,
  TESS_SSE_ERROR_INVALID_UTF8,
  TESS_SSE_ERROR_TRUNCATED,
} TessSseError;

/* Default bound on one event (all of its lines); hostile streams cannot grow it further. */
#define TESS_SSE_DEFAULT_MAX_EVENT_SIZE (16 * 1024 * 1024)

typedef struct
{
  /* The "event:" field, or NULL when absent (the SSE default "message"). */
  const char *event;
  /* The joined "data:" lines, valid UTF-8 and NUL-terminated. */
  const char *data;
  gsize       data_length;
  /* The last "id:" seen on the stream, or NULL. */
  const char *last_event_id;
  /* 0 for the first dispatched event. */
  guint       index;
  /* Byte offset of the event's first line in the stream. */
  guint64     offset;
} TessSseEvent;

/* Returns FALSE (with @error set) to stop parsing; tess_sse_parser_feed() then fails too. */
typedef gboolean (*TessSseEventFunc) (const TessSseEvent  *event,
                                      gpointer             user_data,
                                      GError             **error);

typedef struct _TessSseParser TessSseParser;

GQuark         tess_sse_error_quark          (void);

TessSseParser *tess_sse_parser_new           (gsize               max_event_size,
                                              TessSseEventFunc    func,
                                              gpointer            user_data);
void           tess_sse_parser_free          (TessSseParser      *self);
gboolean       tess_sse_parser_feed          (TessSseParser      *self,
                                              const guint8       *bytes,
                                              gsize               length,
                                              GError            **error);
gboolean       tess_sse_parser_finish        (TessSseParser      *self,
                                              GError            **error);
guint          tess_sse_parser_get_n_events  (TessSseParser      *self);
guint64        tess_sse_parser_get_offset    (TessSseParser      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessSseParser, tess_sse_parser_free)

G_END_DECLS
