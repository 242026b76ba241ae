/* tess-sse-parser.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tess-sse-parser.h"

G_DEFINE_QUARK (tess-sse-error-quark, tess_sse_error)

static const guint8 utf8_bom[] = { 0xEF, 0xBB, 0xBF };

struct _TessSseParser
{
  TessSseEventFunc  func;
  gpointer          user_data;
  gsize             max_event_size;

  /* Bytes of a line whose terminator has not arrived yet. */
  GByteArray       *line;
  /* "data:" values of the current event, each followed by '\n'. */
  GByteArray       *data;
  char             *event_name;
  char             *last_event_id;
  guint             n_data_fields;

  guint64           offset;
  guint64           event_offset;
  gboolean          event_started;
  guint             n_events;

  guint             bom_matched;
  guint             bom_done : 1;
  /* The previous byte was '\r': a following '\n' belongs to the same terminator. */
  guint             after_cr : 1;
  guint             failed : 1;
};

TessSseParser *
tess_sse_parser_new (gsize            max_event_size,
                     TessSseEventFunc func,
                     gpointer         user_data)
{
  TessSseParser *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (TessSseParser, 1);
  self->func = func;
  self->user_data = user_data;
  self->max_event_size = max_event_size > 0 ? max_event_size : TESS_SSE_DEFAULT_MAX_EVENT_SIZE;
  self->line = g_byte_array_new ();
  self->data = g_byte_array_new ();

  return self;
}

void
tess_sse_parser_free (TessSseParser *self)
{
  if (self == NULL)
    return;

  g_byte_array_unref (self->line);
  g_byte_array_unref (self->data);
  g_free (self->event_name);
  g_free (self->last_event_id);
  g_free (self);
}

guint
tess_sse_parser_get_n_events (TessSseParser *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_events;
}

guint64
tess_sse_parser_get_offset (TessSseParser *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->offset;
}

static void
reset_event (TessSseParser *self)
{
  g_byte_array_set_size (self->data, 0);
  g_clear_pointer (&self->event_name, g_free);
  self->n_data_fields = 0;
  self->event_started = FALSE;
}

static gboolean
dispatch_event (TessSseParser  *self,
                GError        **error)
{
  TessSseEvent event = { 0 };
  const char *end = NULL;
  gsize length;
  gboolean ret;

  /* A frame with no "data:" field carries nothing (SSE §9.2.6). */
  if (self->n_data_fields == 0)
    {
      reset_event (self);
      return TRUE;
    }

  /* Drop the '\n' after the last data line, then terminate for C callers. */
  length = self->data->len - 1;
  self->data->data[length] = '\0';

  if (!g_utf8_validate_len ((const char *) self->data->data, length, &end))
    {
      g_set_error (error, TESS_SSE_ERROR, TESS_SSE_ERROR_INVALID_UTF8,
                   "event %u (stream byte %" G_GUINT64_FORMAT "): data is not valid UTF-8 "
                   "at byte %" G_GSIZE_FORMAT " of the event",
                   self->n_events + 1, self->event_offset,
                   (gsize) (end - (const char *) self->data->data));
      return FALSE;
    }

  if (self->event_name != NULL && !g_utf8_validate (self->event_name, -1, NULL))
    {
      g_set_error (error, TESS_SSE_ERROR, TESS_SSE_ERROR_INVALID_UTF8,
                   "event %u (stream byte %" G_GUINT64_FORMAT "): event name is not valid UTF-8",
                   self->n_events + 1, self->event_offset);
      return FALSE;
    }

  event.event = self->event_name;
  event.data = (const char *) self->data->data;
  event.data_length = length;
  event.last_event_id = self->last_event_id;
  event.index = self->n_events;
  event.offset = self->event_offset;

  /* An event with empty data (a bare "data:") is a keep-alive for our purposes. */
  if (length == 0)
    ret = TRUE;
  else
    {
      self->n_events++;
      ret = self->func (&event, self->user_data, error);
    }

  reset_event (self);

  return ret;
}

static gboolean
process_line (TessSseParser  *self,
              const guint8   *line,
              gsize           length,
              guint64         line_offset,
              GError        **error)
{
  const guint8 *colon;
  const guint8 *value;
  gsize name_length;
  gsize value_length;

  if (length == 0)
    return dispatch_event (self, error);

  if (!self->event_started)
    {
      self->event_started = TRUE;
      self->event_offset = line_offset;
    }

  if (line[0] == ':')
    return TRUE;

  colon = memchr (line, ':', length);
  if (colon != NULL)
    {
      name_length = colon - line;
      value = colon + 1;
      value_length = length - name_length - 1;
      if (value_length > 0 && value[0] == ' ')
        {
          value++;
          value_length--;
        }
    }
  else
    {
      name_length = length;
      value = line + length;
      value_length = 0;
    }

  if (name_length == 4 && memcmp (line, "data", 4) == 0)
    {
      if (self->data->len + value_length + 1 > self->max_event_size)
        {
          g_set_error (error, TESS_SSE_ERROR, TESS_SSE_ERROR_TOO_LARGE,
                       "event %u (stream byte %" G_GUINT64_FORMAT "): larger than %" G_GSIZE_FORMAT
                       " bytes", self->n_events + 1, self->event_offset, self->max_event_size);
          return FALSE;
        }
      g_byte_array_append (self->data, value, value_length);
      g_byte_array_append (self->data, (const guint8 *) "\n", 1);
      self->n_data_fields++;
    }
  else if (name_length == 5 && memcmp (line, "event", 5) == 0)
    {
      g_free (self->event_name);
      self->event_name = g_strndup ((const char *) value, value_length);
    }
  else if (name_length == 2 && memcmp (line, "id", 2) == 0)
    {
      /* The spec ignores ids containing NUL. */
      if (memchr (value, '\0', value_length) == NULL)
        {
          g_free (self->last_event_id);
          self->last_event_id = g_strndup ((const char *) value, value_length);
        }
    }
  /* "retry:" and unknown fields are ignored. */

  return TRUE;
}

static gboolean
feed_lines (TessSseParser  *self,
            const guint8   *bytes,
            gsize           length,
            GError        **error)
{
  gsize pos = 0;

  while (pos < length)
    {
      const guint8 *start = bytes + pos;
      gsize remaining = length - pos;
      gsize span = 0;

      if (self->after_cr)
        {
          self->after_cr = FALSE;
          if (start[0] == '\n')
            {
              pos++;
              self->offset++;
              continue;
            }
        }

      while (span < remaining && start[span] != '\n' && start[span] != '\r')
        span++;

      if (span == remaining)
        {
          /* No terminator yet: keep the partial line. */
          if (self->line->len + span + self->data->len > self->max_event_size)
            {
              g_set_error (error, TESS_SSE_ERROR, TESS_SSE_ERROR_TOO_LARGE,
                           "event %u (stream byte %" G_GUINT64_FORMAT "): line longer than %"
                           G_GSIZE_FORMAT " bytes", self->n_events + 1,
                           self->offset - self->line->len, self->max_event_size);
              return FALSE;
            }
          g_byte_array_append (self->line, start, span);
          self->offset += span;
          return TRUE;
        }

      if (start[span] == '\r')
        self->after_cr = TRUE;

      if (self->line->len == 0)
        {
          if (!process_line (self, start, span, self->offset, error))
            return FALSE;
        }
      else
        {
          guint64 line_offset = self->offset - self->line->len;

          if (self->line->len + span + self->data->len > self->max_event_size)
            {
              g_set_error (error, TESS_SSE_ERROR, TESS_SSE_ERROR_TOO_LARGE,
                           "event %u (stream byte %" G_GUINT64_FORMAT "): line longer than %"
                           G_GSIZE_FORMAT " bytes", self->n_events + 1, line_offset,
                           self->max_event_size);
              return FALSE;
            }
          g_byte_array_append (self->line, start, span);
          if (!process_line (self, self->line->data, self->line->len, line_offset, error))
            return FALSE;
          g_byte_array_set_size (self->line, 0);
        }

      pos += span + 1;
      self->offset += span + 1;
    }

  return TRUE;
}

gboolean
tess_sse_parser_feed (TessSseParser  *self,
                      const guint8   *bytes,
                      gsize           length,
                      GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL || length == 0, FALSE);

  if (self->failed)
    {
      g_set_error_literal (error, TESS_SSE_ERROR, TESS_SSE_ERROR_TRUNCATED,
                           "the event stream already failed");
      return FALSE;
    }

  /* A UTF-8 byte order mark may open the stream, possibly split across chunks. */
  while (!self->bom_done && length > 0)
    {
      if (bytes[0] == utf8_bom[self->bom_matched])
        {
          bytes++;
          length--;
          self->offset++;
          if (++self->bom_matched == G_N_ELEMENTS (utf8_bom))
            self->bom_done = TRUE;
        }
      else
        {
          guint held = self->bom_matched;

          self->bom_done = TRUE;
          self->offset -= held;
          if (held > 0 && !feed_lines (self, utf8_bom, held, error))
            {
              self->failed = TRUE;
              return FALSE;
            }
        }
    }

  if (!feed_lines (self, bytes, length, error))
    {
      self->failed = TRUE;
      return FALSE;
    }

  return TRUE;
}

gboolean
tess_sse_parser_finish (TessSseParser  *self,
                        GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->failed)
    {
      g_set_error_literal (error, TESS_SSE_ERROR, TESS_SSE_ERROR_TRUNCATED,
                           "the event stream already failed");
      return FALSE;
    }

  /* Held bytes of a would-be BOM were real content. */
  if (!self->bom_done && self->bom_matched > 0)
    {
      guint held = self->bom_matched;

      self->bom_done = TRUE;
      self->offset -= held;
      if (!feed_lines (self, utf8_bom, held, error))
        {
          self->failed = TRUE;
          return FALSE;
        }
    }

  if (self->line->len > 0 || self->n_data_fields > 0)
    {
      g_set_error (error, TESS_SSE_ERROR, TESS_SSE_ERROR_TRUNCATED,
                   "the stream ended inside event %u (started at stream byte %"
                   G_GUINT64_FORMAT ", %" G_GSIZE_FORMAT " bytes unterminated)",
                   self->n_events + 1,
                   self->event_started ? self->event_offset : self->offset - self->line->len,
                   (gsize) (self->line->len + self->data->len));
      self->failed = TRUE;
      return FALSE;
    }

  return TRUE;
}
