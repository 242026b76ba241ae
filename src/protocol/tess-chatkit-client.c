/* tess-chatkit-client.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "core/tess-json.h"

#include "tess-chatkit-client.h"
#include "tess-protocol-json.h"
#include "tess-sse-parser.h"

#define READ_CHUNK_SIZE     (16 * 1024)
#define MAX_JSON_BODY       (64 * 1024 * 1024)
#define MAX_ERROR_BODY      (64 * 1024)
#define DEFAULT_TIMEOUT     60
#define MAX_HEAD            512

struct _TessChatkitClient
{
  GObject      parent_instance;

  char        *url;
  SoupSession *session;
  GHashTable  *headers;
  char        *accept_language;
  guint        timeout;
};

G_DEFINE_FINAL_TYPE (TessChatkitClient, tess_chatkit_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tess_chatkit_client_dispose (GObject *object)
{
  TessChatkitClient *self = (TessChatkitClient *) object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (tess_chatkit_client_parent_class)->dispose (object);
}

static void
tess_chatkit_client_finalize (GObject *object)
{
  TessChatkitClient *self = (TessChatkitClient *) object;

  g_free (self->url);
  g_free (self->accept_language);
  g_clear_pointer (&self->headers, g_hash_table_unref);

  G_OBJECT_CLASS (tess_chatkit_client_parent_class)->finalize (object);
}

static void
tess_chatkit_client_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TessChatkitClient *self = TESS_CHATKIT_CLIENT (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_chatkit_client_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TessChatkitClient *self = TESS_CHATKIT_CLIENT (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_free (self->url);
      self->url = g_value_dup_string (value);
      break;

    case PROP_TIMEOUT:
      tess_chatkit_client_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_chatkit_client_class_init (TessChatkitClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tess_chatkit_client_dispose;
  object_class->finalize = tess_chatkit_client_finalize;
  object_class->get_property = tess_chatkit_client_get_property;
  object_class->set_property = tess_chatkit_client_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* "de_DE.UTF-8@euro" → "de-DE"; "C" and "POSIX" → "en". */
static char *
default_accept_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *tag = NULL;
      char *cut;

      if (strcmp (names[i], "C") == 0 || strcmp (names[i], "POSIX") == 0)
        continue;
      tag = g_strdup (names[i]);
      if ((cut = strpbrk (tag, ".@")) != NULL)
        *cut = '\0';
      g_strdelimit (tag, "_", '-');
      if (*tag != '\0' && g_str_is_ascii (tag))
        return g_steal_pointer (&tag);
    }
  return g_strdup ("en");
}

static void
tess_chatkit_client_init (TessChatkitClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->accept_language = default_accept_language ();
  /* A streaming answer holds a connection: leave room for sync actions, history and uploads. */
  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "user-agent", "Tessera/" PACKAGE_VERSION,
                                                 "max-conns-per-host", 6,
                                                 NULL);
}

TessChatkitClient *
tess_chatkit_client_new (const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (TESS_TYPE_CHATKIT_CLIENT, "url", url, NULL);
}

const char *
tess_chatkit_client_get_url (TessChatkitClient *self)
{
  g_return_val_if_fail (TESS_IS_CHATKIT_CLIENT (self), NULL);

  return self->url;
}

void
tess_chatkit_client_set_header (TessChatkitClient *self,
                                const char        *name,
                                const char        *value)
{
  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (name != NULL);

  if (value == NULL)
    g_hash_table_remove (self->headers, name);
  else
    g_hash_table_replace (self->headers, g_strdup (name), g_strdup (value));
}

void
tess_chatkit_client_set_accept_language (TessChatkitClient *self,
                                         const char        *language)
{
  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));

  g_free (self->accept_language);
  self->accept_language = g_strdup (language);
}

void
tess_chatkit_client_set_timeout (TessChatkitClient *self,
                                 guint              seconds)
{
  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
tess_chatkit_client_get_timeout (TessChatkitClient *self)
{
  g_return_val_if_fail (TESS_IS_CHATKIT_CLIENT (self), 0);

  return self->timeout;
}

static void
add_headers (TessChatkitClient *self,
             SoupMessage       *message,
             const char        *accept)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);
  GHashTableIter iter;
  gpointer name, value;

  soup_message_headers_replace (headers, "Accept", accept);
  if (self->accept_language != NULL)
    soup_message_headers_replace (headers, "Accept-Language", self->accept_language);
  g_hash_table_iter_init (&iter, self->headers);
  while (g_hash_table_iter_next (&iter, &name, &value))
    soup_message_headers_replace (headers, name, value);
}

static SoupMessage *
new_request (TessChatkitClient  *self,
             const char         *op,
             JsonObject         *params,
             GError            **error)
{
  g_autofree char *body = tess_chatkit_request_body (op, params);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  SoupMessage *message;

  uri = g_uri_parse (self->url, SOUP_HTTP_URI_FLAGS, &local_error);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_TRANSPORT,
                   _("“%s” is not an http:// or https:// URL%s%s"), self->url,
                   local_error ? ": " : "", local_error ? local_error->message : "");
      return NULL;
    }

  message = soup_message_new_from_uri (SOUP_METHOD_POST, uri);
  bytes = g_bytes_new_take (body, strlen (body));
  body = NULL;
  soup_message_set_request_body_from_bytes (message, "application/json", bytes);
  add_headers (self, message, tess_chatkit_op_is_streaming (op) ? "text/event-stream"
                                                                : "application/json");
  return message;
}

/* Errors */

static GError *
transport_error (TessChatkitClient *self,
                 const char        *what,
                 const GError      *error,
                 gboolean           got_response)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_TIMEOUT,
                        _("%s: the server sent nothing for %u s (timeout)"), what, self->timeout);

  if (got_response)
    return g_error_new (TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_TRUNCATED,
                        _("%s: the connection broke before the answer was complete (%s)"), what,
                        error->message);

  return g_error_new (TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_TRANSPORT,
                      _("%s: could not reach %s: %s"), what, self->url, error->message);
}

/* The most useful line of an error body: a JSON "error"/"message"/"detail", else its text. */
static char *
describe_error_body (GBytes *body)
{
  gsize length = 0;
  const char *data = body ? g_bytes_get_data (body, &length) : NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  static const char *keys[] = { "error", "message", "detail" };

  if (data == NULL || length == 0)
    return NULL;

  node = tess_json_parse (data, length, NULL);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          JsonNode *member = json_object_get_member (object, keys[i]);

          if (member == NULL)
            continue;
          if (json_node_get_value_type (member) == G_TYPE_STRING)
            return g_strdup (json_node_get_string (member));
          if (JSON_NODE_HOLDS_OBJECT (member))
            {
              JsonNode *message = json_object_get_member (json_node_get_object (member),
                                                           "message");

              if (message && json_node_get_value_type (message) == G_TYPE_STRING)
                return g_strdup (json_node_get_string (message));
            }
        }
    }

  text = g_utf8_make_valid (data, MIN (length, 300));
  g_strstrip (text);
  if (strchr (text, '\n'))
    *strchr (text, '\n') = '\0';
  return *text ? g_steal_pointer (&text) : NULL;
}

static GError *
status_error (const char  *op,
              SoupMessage *message,
              GBytes      *body)
{
  g_autofree char *detail = describe_error_body (body);
  guint status = soup_message_get_status (message);
  const char *reason = soup_message_get_reason_phrase (message);

  return g_error_new (TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS,
                      "%s: HTTP %u %s%s%s", op, status,
                      reason && *reason ? reason : soup_status_get_phrase (status),
                      detail ? ": " : "", detail ? detail : "");
}

/* Reading a whole body with a size limit */

typedef struct
{
  GInputStream *stream;
  GByteArray   *buffer;
  gsize         limit;
} ReadAll;

static void
read_all_free (gpointer data)
{
  ReadAll *state = data;

  g_clear_object (&state->stream);
  g_clear_pointer (&state->buffer, g_byte_array_unref);
  g_free (state);
}

static void
read_all_step (GTask *task);

static void
read_all_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReadAll *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (state->stream, result, &error);

  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&state->buffer)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (state->buffer->len + g_bytes_get_size (bytes) > state->limit)
    {
      g_task_return_new_error (task, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_TOO_LARGE,
                               "the response is larger than %" G_GSIZE_FORMAT " bytes",
                               state->limit);
      g_input_stream_close_async (state->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      return;
    }

  g_byte_array_append (state->buffer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  read_all_step (g_steal_pointer (&task));
}

static void
read_all_step (GTask *task)
{
  ReadAll *state = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (state->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_all_cb, task);
}

static void
read_all_async (GInputStream        *stream,
                gsize                limit,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (stream, cancellable, callback, user_data);
  ReadAll *state = g_new0 (ReadAll, 1);

  state->stream = g_object_ref (stream);
  state->buffer = g_byte_array_new ();
  state->limit = limit;
  g_task_set_task_data (task, state, read_all_free);
  read_all_step (task);
}

static GBytes *
read_all_finish (GAsyncResult  *result,
                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Streaming */

typedef struct
{
  TessChatkitClient   *client;
  char                *op;
  SoupMessage         *message;
  GInputStream        *body;
  TessSseParser       *parser;
  TessStreamEventFunc  on_event;
  gpointer             event_data;
  GCancellable        *cancellable;
  GError              *event_error;
  /* The first bytes of the body, to explain a stream without events. */
  GByteArray          *head;
  guint                n_events;
} StreamState;

static void
stream_state_free (gpointer data)
{
  StreamState *state = data;

  g_clear_object (&state->client);
  g_free (state->op);
  g_clear_object (&state->message);
  g_clear_object (&state->body);
  g_clear_pointer (&state->parser, tess_sse_parser_free);
  g_clear_object (&state->cancellable);
  g_clear_error (&state->event_error);
  g_clear_pointer (&state->head, g_byte_array_unref);
  g_free (state);
}

static gboolean
stream_on_sse_event (const TessSseEvent  *sse,
                     gpointer             user_data,
                     GError             **error)
{
  StreamState *state = user_data;
  g_autoptr(TessStreamEvent) event = NULL;

  if (g_cancellable_set_error_if_cancelled (state->cancellable, error))
    return FALSE;

  event = tess_stream_event_parse_data (sse->data, sse->data_length, sse->index, error);
  if (event == NULL)
    {
      g_prefix_error (error, "%s: ", state->op);
      return FALSE;
    }

  state->n_events++;
  if (state->on_event != NULL)
    state->on_event (event, state->event_data);

  return !g_cancellable_set_error_if_cancelled (state->cancellable, error);
}

static GError *
stream_parser_error (StreamState *state,
                     GError      *error)
{
  if (error->domain == TESS_SSE_ERROR)
    {
      int code = error->code == TESS_SSE_ERROR_TRUNCATED ? TESS_CHATKIT_ERROR_TRUNCATED
                                                          : TESS_CHATKIT_ERROR_BAD_STREAM;

      return g_error_new (TESS_CHATKIT_ERROR, code, "%s: %s", state->op, error->message);
    }
  return g_error_copy (error);
}

static void
stream_abort (StreamState *state)
{
  /* Closing the body early drops the connection: the server sees the abort. */
  if (state->body != NULL)
    g_input_stream_close_async (state->body, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
}

static void stream_read_next (GTask *task);

static void
stream_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StreamState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (state->body, result, &error);
  gsize length;
  const guint8 *data;

  if (bytes == NULL)
    {
      g_task_return_error (task, transport_error (state->client, state->op, error, TRUE));
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      const char *type = soup_message_headers_get_content_type (
        soup_message_get_response_headers (state->message), NULL);

      /* A JSON (or HTML) body where events were expected: say what it says. */
      if (state->n_events == 0 && type != NULL && g_ascii_strcasecmp (type, "text/event-stream"))
        {
          g_autoptr(GBytes) head = g_bytes_new (state->head->data, state->head->len);
          g_autofree char *detail = describe_error_body (head);

          g_task_return_new_error (task, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_EMPTY_STREAM,
                                   _("%s: the server answered with %s instead of an event "
                                   "stream%s%s"), state->op, type, detail ? ": " : "",
                                   detail ? detail : "");
          return;
        }
      if (!tess_sse_parser_finish (state->parser, &error))
        {
          g_task_return_error (task, stream_parser_error (state, error));
          return;
        }
      if (state->n_events == 0)
        {
          g_task_return_new_error (task, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_EMPTY_STREAM,
                                   _("%s: the server ended the response without sending any "
                                   "event (Content-Type: %s)"), state->op,
                                   type ? type : "none");
          return;
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (state->head->len < MAX_HEAD)
    g_byte_array_append (state->head, data, MIN (length, MAX_HEAD - state->head->len));

  if (!tess_sse_parser_feed (state->parser, data, length, &error))
    {
      stream_abort (state);
      g_task_return_error (task, stream_parser_error (state, error));
      return;
    }

  stream_read_next (g_steal_pointer (&task));
}

static void
stream_read_next (GTask *task)
{
  StreamState *state = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (state->body, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   state->cancellable, stream_read_cb, task);
}

static void
stream_error_body_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StreamState *state = g_task_get_task_data (task);
  g_autoptr(GBytes) body = read_all_finish (result, NULL);

  g_task_return_error (task, status_error (state->op, state->message, body));
}

static void
stream_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StreamState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  state->body = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (state->body == NULL)
    {
      g_task_return_error (task, transport_error (state->client, state->op, error, FALSE));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (state->message)))
    {
      read_all_async (state->body, MAX_ERROR_BODY, state->cancellable, stream_error_body_cb,
                      g_steal_pointer (&task));
      return;
    }

  stream_read_next (g_steal_pointer (&task));
}

void
tess_chatkit_client_stream_async (TessChatkitClient   *self,
                                  const char          *op,
                                  JsonObject          *params,
                                  TessStreamEventFunc  on_event,
                                  gpointer             event_data,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  StreamState *state;

  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (op != NULL);
  g_return_if_fail (params != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_chatkit_client_stream_async);

  state = g_new0 (StreamState, 1);
  state->client = g_object_ref (self);
  state->op = g_strdup (op);
  state->on_event = on_event;
  state->event_data = event_data;
  state->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  state->parser = tess_sse_parser_new (0, stream_on_sse_event, state);
  state->head = g_byte_array_new ();
  g_task_set_task_data (task, state, stream_state_free);

  state->message = new_request (self, op, params, &error);
  if (state->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  soup_session_send_async (self->session, state->message, G_PRIORITY_DEFAULT,
                           state->cancellable, stream_sent_cb, g_steal_pointer (&task));
}

gboolean
tess_chatkit_client_stream_finish (TessChatkitClient  *self,
                                   GAsyncResult       *result,
                                   guint              *n_events,
                                   GError            **error)
{
  StreamState *state;

  g_return_val_if_fail (TESS_IS_CHATKIT_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        tess_chatkit_client_stream_async, FALSE);

  state = g_task_get_task_data (G_TASK (result));
  if (n_events != NULL)
    *n_events = state->n_events;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* JSON ops */

typedef enum
{
  RESULT_NODE,
  RESULT_THREAD,
  RESULT_THREAD_PAGE,
  RESULT_ITEM_PAGE,
  RESULT_EMPTY,
  RESULT_ATTACHMENT,
  RESULT_TEXT,
  RESULT_SYNC_ACTION,
} ResultKind;

typedef struct
{
  char        *op;
  ResultKind   kind;
  SoupMessage *message;
} CallState;

static void
call_state_free (gpointer data)
{
  CallState *state = data;

  g_free (state->op);
  g_clear_object (&state->message);
  g_free (state);
}

/* Holds threads.sync_custom_action's optional item. */
typedef struct
{
  TessThreadItem *item;
} SyncResult;

static void
sync_result_free (gpointer data)
{
  SyncResult *result = data;

  g_clear_object (&result->item);
  g_free (result);
}

static void
call_return (GTask     *task,
             CallState *state,
             JsonNode  *root)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;

  if (state->kind != RESULT_NODE && object == NULL)
    {
      g_task_return_new_error (task, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                               _("%s: expected a JSON object in the response, found %s"),
                               state->op, tess_pjson_describe (root));
      return;
    }

  switch (state->kind)
    {
    case RESULT_NODE:
      g_task_return_pointer (task, json_node_ref (root), (GDestroyNotify) json_node_unref);
      return;

    case RESULT_THREAD:
      {
        TessThreadInfo *info = tess_thread_info_parse (object, "", &error);

        if (info != NULL)
          g_task_return_pointer (task, info, (GDestroyNotify) tess_thread_info_unref);
        break;
      }

    case RESULT_THREAD_PAGE:
    case RESULT_ITEM_PAGE:
      {
        TessPage *page = state->kind == RESULT_THREAD_PAGE
                         ? tess_page_parse_threads (object, "", &error)
                         : tess_page_parse_items (object, "", &error);

        if (page != NULL)
          g_task_return_pointer (task, page, (GDestroyNotify) tess_page_unref);
        break;
      }

    case RESULT_EMPTY:
      g_task_return_boolean (task, TRUE);
      return;

    case RESULT_ATTACHMENT:
      {
        TessAttachment *attachment = tess_attachment_parse (object, "", &error);

        if (attachment != NULL)
          g_task_return_pointer (task, attachment, (GDestroyNotify) tess_attachment_unref);
        break;
      }

    case RESULT_TEXT:
      {
        const char *text = NULL;

        if (tess_pjson_get_string (object, "text", "", TRUE, &text, &error))
          g_task_return_pointer (task, g_strdup (text), g_free);
        break;
      }

    case RESULT_SYNC_ACTION:
      {
        JsonObject *item = NULL;
        SyncResult *sync;

        if (!tess_pjson_get_object (object, "updated_item", "", FALSE, &item, &error))
          break;
        sync = g_new0 (SyncResult, 1);
        if (item != NULL &&
            !(sync->item = tess_thread_item_new_from_json (item, "/updated_item", &error)))
          {
            sync_result_free (sync);
            break;
          }
        g_task_return_pointer (task, sync, sync_result_free);
        return;
      }

    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    g_task_return_new_error (task, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                             _("%s: unexpected response: %s"), state->op, error->message);
}

static void
call_body_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallState *state = g_task_get_task_data (task);
  TessChatkitClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = read_all_finish (result, &error);
  g_autoptr(JsonNode) root = NULL;
  const char *data;
  gsize length;

  if (body == NULL)
    {
      if (g_error_matches (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_TOO_LARGE))
        g_task_return_new_error (task, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_TOO_LARGE,
                                 "%s: %s", state->op, error->message);
      else
        g_task_return_error (task, transport_error (self, state->op, error, TRUE));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (state->message)))
    {
      g_task_return_error (task, status_error (state->op, state->message, body));
      return;
    }

  data = g_bytes_get_data (body, &length);
  if (length == 0)
    {
      g_task_return_new_error (task, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_BAD_JSON,
                               _("%s: the response body is empty"), state->op);
      return;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_task_return_new_error (task, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_BAD_JSON,
                               _("%s: the response is not UTF-8 text"), state->op);
      return;
    }

  root = tess_json_parse (data, length, &error);
  if (root == NULL)
    {
      g_task_return_new_error (task, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_BAD_JSON,
                               _("%s: the response is not JSON: %s"), state->op, error->message);
      return;
    }

  call_return (task, state, root);
}

static void
call_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallState *state = g_task_get_task_data (task);
  TessChatkitClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) body = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  GCancellable *cancellable;
  gsize limit;

  if (body == NULL)
    {
      g_task_return_error (task, transport_error (self, state->op, error, FALSE));
      return;
    }

  limit = SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (state->message))
          ? MAX_JSON_BODY : MAX_ERROR_BODY;
  cancellable = g_task_get_cancellable (task);
  read_all_async (body, limit, cancellable, call_body_cb, g_steal_pointer (&task));
}

static void
start_call (TessChatkitClient   *self,
            const char          *op,
            JsonObject          *params,
            ResultKind           kind,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  CallState *state = g_new0 (CallState, 1);

  g_task_set_source_tag (task, source_tag);
  state->op = g_strdup (op);
  state->kind = kind;
  g_task_set_task_data (task, state, call_state_free);

  state->message = new_request (self, op, params, &error);
  if (state->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  soup_session_send_async (self->session, state->message, G_PRIORITY_DEFAULT, cancellable,
                           call_sent_cb, g_steal_pointer (&task));
}

void
tess_chatkit_client_call_async (TessChatkitClient   *self,
                                const char          *op,
                                JsonObject          *params,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (op != NULL);
  g_return_if_fail (params != NULL);

  start_call (self, op, params, RESULT_NODE, tess_chatkit_client_call_async, cancellable,
              callback, user_data);
}

JsonNode *
tess_chatkit_client_call_finish (TessChatkitClient  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tess_chatkit_client_get_thread_async (TessChatkitClient   *self,
                                      const char          *thread_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonObject) params = NULL;

  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (thread_id != NULL);

  params = tess_chatkit_params_thread_id (thread_id);
  start_call (self, TESS_OP_THREADS_GET_BY_ID, params, RESULT_THREAD,
              tess_chatkit_client_thread_finish, cancellable, callback, user_data);
}

void
tess_chatkit_client_update_thread_async (TessChatkitClient   *self,
                                         const char          *thread_id,
                                         const char          *title,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(JsonObject) params = NULL;

  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (thread_id != NULL);
  g_return_if_fail (title != NULL);

  params = tess_chatkit_params_update_thread (thread_id, title);
  start_call (self, TESS_OP_THREADS_UPDATE, params, RESULT_THREAD,
              tess_chatkit_client_thread_finish, cancellable, callback, user_data);
}

TessThreadInfo *
tess_chatkit_client_thread_finish (TessChatkitClient  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        tess_chatkit_client_thread_finish, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tess_chatkit_client_list_threads_async (TessChatkitClient   *self,
                                        guint                limit,
                                        const char          *order,
                                        const char          *after,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(JsonObject) params = NULL;

  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));

  params = tess_chatkit_params_list (NULL, limit, order, after);
  start_call (self, TESS_OP_THREADS_LIST, params, RESULT_THREAD_PAGE,
              tess_chatkit_client_page_finish, cancellable, callback, user_data);
}

void
tess_chatkit_client_list_items_async (TessChatkitClient   *self,
                                      const char          *thread_id,
                                      guint                limit,
                                      const char          *order,
                                      const char          *after,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonObject) params = NULL;

  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (thread_id != NULL);

  params = tess_chatkit_params_list (thread_id, limit, order, after);
  start_call (self, TESS_OP_ITEMS_LIST, params, RESULT_ITEM_PAGE,
              tess_chatkit_client_page_finish, cancellable, callback, user_data);
}

TessPage *
tess_chatkit_client_page_finish (TessChatkitClient  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        tess_chatkit_client_page_finish, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tess_chatkit_client_delete_thread_async (TessChatkitClient   *self,
                                         const char          *thread_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(JsonObject) params = NULL;

  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (thread_id != NULL);

  params = tess_chatkit_params_thread_id (thread_id);
  start_call (self, TESS_OP_THREADS_DELETE, params, RESULT_EMPTY,
              tess_chatkit_client_empty_finish, cancellable, callback, user_data);
}

void
tess_chatkit_client_feedback_async (TessChatkitClient   *self,
                                    const char          *thread_id,
                                    const char *const   *item_ids,
                                    TessFeedbackKind     kind,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonObject) params = NULL;

  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (thread_id != NULL);
  g_return_if_fail (item_ids != NULL);

  params = tess_chatkit_params_feedback (thread_id, item_ids, kind);
  start_call (self, TESS_OP_ITEMS_FEEDBACK, params, RESULT_EMPTY,
              tess_chatkit_client_empty_finish, cancellable, callback, user_data);
}

void
tess_chatkit_client_delete_attachment_async (TessChatkitClient   *self,
                                             const char          *attachment_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(JsonObject) params = NULL;

  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (attachment_id != NULL);

  params = tess_chatkit_params_delete_attachment (attachment_id);
  start_call (self, TESS_OP_ATTACHMENTS_DELETE, params, RESULT_EMPTY,
              tess_chatkit_client_empty_finish, cancellable, callback, user_data);
}

gboolean
tess_chatkit_client_empty_finish (TessChatkitClient  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        tess_chatkit_client_empty_finish, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tess_chatkit_client_create_attachment_async (TessChatkitClient   *self,
                                             const char          *name,
                                             gint64               size,
                                             const char          *mime_type,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(JsonObject) params = NULL;

  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (mime_type != NULL);

  params = tess_chatkit_params_create_attachment (name, size, mime_type);
  start_call (self, TESS_OP_ATTACHMENTS_CREATE, params, RESULT_ATTACHMENT,
              tess_chatkit_client_create_attachment_finish, cancellable, callback, user_data);
}

TessAttachment *
tess_chatkit_client_create_attachment_finish (TessChatkitClient  *self,
                                              GAsyncResult       *result,
                                              GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        tess_chatkit_client_create_attachment_finish, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tess_chatkit_client_sync_custom_action_async (TessChatkitClient   *self,
                                              const char          *thread_id,
                                              const char          *item_id,
                                              const char          *action_type,
                                              JsonNode            *payload,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(JsonObject) params = NULL;

  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (thread_id != NULL);
  g_return_if_fail (action_type != NULL);

  params = tess_chatkit_params_custom_action (thread_id, item_id, action_type, payload);
  start_call (self, TESS_OP_THREADS_SYNC_CUSTOM_ACTION, params, RESULT_SYNC_ACTION,
              tess_chatkit_client_sync_custom_action_finish, cancellable, callback, user_data);
}

gboolean
tess_chatkit_client_sync_custom_action_finish (TessChatkitClient  *self,
                                               GAsyncResult       *result,
                                               TessThreadItem    **updated_item,
                                               GError            **error)
{
  SyncResult *sync;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        tess_chatkit_client_sync_custom_action_finish, FALSE);

  sync = g_task_propagate_pointer (G_TASK (result), error);
  if (sync == NULL)
    return FALSE;
  if (updated_item != NULL)
    *updated_item = g_steal_pointer (&sync->item);
  sync_result_free (sync);
  return TRUE;
}

void
tess_chatkit_client_transcribe_async (TessChatkitClient   *self,
                                      GBytes              *audio,
                                      const char          *mime_type,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonObject) params = NULL;

  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (audio != NULL);
  g_return_if_fail (mime_type != NULL);

  params = tess_chatkit_params_transcribe (audio, mime_type);
  start_call (self, TESS_OP_INPUT_TRANSCRIBE, params, RESULT_TEXT,
              tess_chatkit_client_transcribe_finish, cancellable, callback, user_data);
}

char *
tess_chatkit_client_transcribe_finish (TessChatkitClient  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        tess_chatkit_client_transcribe_finish, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Two-phase attachment upload */

static void
upload_body_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallState *state = g_task_get_task_data (task);
  TessChatkitClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = read_all_finish (result, &error);

  if (body == NULL)
    g_task_return_error (task, transport_error (self, state->op, error, TRUE));
  else if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (state->message)))
    g_task_return_error (task, status_error (state->op, state->message, body));
  else
    g_task_return_boolean (task, TRUE);
}

static void
upload_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallState *state = g_task_get_task_data (task);
  TessChatkitClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) body = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  GCancellable *cancellable;

  if (body == NULL)
    {
      g_task_return_error (task, transport_error (self, state->op, error, FALSE));
      return;
    }
  cancellable = g_task_get_cancellable (task);
  read_all_async (body, MAX_ERROR_BODY, cancellable, upload_body_cb, g_steal_pointer (&task));
}

void
tess_chatkit_client_upload_attachment_async (TessChatkitClient   *self,
                                             TessAttachment      *attachment,
                                             GBytes              *contents,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) target = NULL;
  g_autoptr(GError) error = NULL;
  CallState *state;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (attachment != NULL);
  g_return_if_fail (contents != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_chatkit_client_empty_finish);
  state = g_new0 (CallState, 1);
  state->op = g_strdup_printf ("upload of attachment %s", attachment->id);
  g_task_set_task_data (task, state, call_state_free);

  if (attachment->upload_url == NULL)
    {
      g_task_return_new_error (task, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                               _("%s: the server gave no upload_descriptor"), state->op);
      return;
    }

  /* A relative upload URL is relative to the ChatKit endpoint. */
  base = g_uri_parse (self->url, SOUP_HTTP_URI_FLAGS, NULL);
  target = base ? g_uri_parse_relative (base, attachment->upload_url, SOUP_HTTP_URI_FLAGS, &error)
                : NULL;
  if (target == NULL)
    {
      g_task_return_new_error (task, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                               _("%s: bad upload URL “%s”"), state->op, attachment->upload_url);
      return;
    }

  if (g_strcmp0 (attachment->upload_method, "PUT") == 0)
    {
      state->message = soup_message_new_from_uri (SOUP_METHOD_PUT, target);
      soup_message_set_request_body_from_bytes (state->message, attachment->mime_type, contents);
    }
  else
    {
      g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
      g_autofree char *url = g_uri_to_string (target);

      soup_multipart_append_form_file (multipart, "file", attachment->name,
                                       attachment->mime_type, contents);
      state->message = soup_message_new_from_multipart (url, multipart);
    }

  add_headers (self, state->message, "*/*");
  json_object_iter_init (&iter, attachment->upload_headers);
  while (json_object_iter_next (&iter, &name, &value))
    soup_message_headers_replace (soup_message_get_request_headers (state->message), name,
                                  json_node_get_string (value));

  soup_session_send_async (self->session, state->message, G_PRIORITY_DEFAULT, cancellable,
                           upload_sent_cb, g_steal_pointer (&task));
}

/* Create + upload */

typedef struct
{
  GBytes         *contents;
  TessAttachment *attachment;
} AttachState;

static void
attach_state_free (gpointer data)
{
  AttachState *state = data;

  g_clear_pointer (&state->contents, g_bytes_unref);
  g_clear_pointer (&state->attachment, tess_attachment_unref);
  g_free (state);
}

static void
attach_uploaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttachState *state = g_task_get_task_data (task);
  GError *error = NULL;

  if (!tess_chatkit_client_empty_finish (TESS_CHATKIT_CLIENT (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tess_attachment_ref (state->attachment),
                           (GDestroyNotify) tess_attachment_unref);
}

static void
attach_created (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TessChatkitClient *self = TESS_CHATKIT_CLIENT (object);
  AttachState *state = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  state->attachment = tess_chatkit_client_create_attachment_finish (self, result, &error);
  if (state->attachment == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A server without a descriptor takes the id alone (direct uploads happen elsewhere). */
  if (state->attachment->upload_url == NULL)
    {
      g_task_return_pointer (task, tess_attachment_ref (state->attachment),
                             (GDestroyNotify) tess_attachment_unref);
      return;
    }

  tess_chatkit_client_upload_attachment_async (self, state->attachment, state->contents,
                                               cancellable, attach_uploaded,
                                               g_steal_pointer (&task));
}

void
tess_chatkit_client_attach_async (TessChatkitClient   *self,
                                  const char          *name,
                                  const char          *mime_type,
                                  GBytes              *contents,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  AttachState *state;

  g_return_if_fail (TESS_IS_CHATKIT_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (mime_type != NULL);
  g_return_if_fail (contents != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_chatkit_client_attach_async);
  state = g_new0 (AttachState, 1);
  state->contents = g_bytes_ref (contents);
  g_task_set_task_data (task, state, attach_state_free);

  tess_chatkit_client_create_attachment_async (self, name, g_bytes_get_size (contents), mime_type,
                                               cancellable, attach_created, task);
}

TessAttachment *
tess_chatkit_client_attach_finish (TessChatkitClient  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        tess_chatkit_client_attach_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
