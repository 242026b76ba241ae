/* tess-playground-server.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "core/tess-json.h"
#include "protocol/tess-chatkit-params.h"
#include "protocol/tess-protocol-json.h"
#include "protocol/tess-protocol-types.h"

#include "tess-playground-server.h"

#define DEFAULT_PAGE 20
#define MAX_PAGE     100
#define MAX_REQUEST  (1024 * 1024)

struct _TessPlaygroundServer
{
  GObject                  parent_instance;

  SoupServer              *server;
  TessPlaygroundStore     *store;
  TessPlaygroundResponder *responder;
  GPtrArray               *streams;
  gsize                    max_upload;
  guint                    port;
};

G_DEFINE_FINAL_TYPE (TessPlaygroundServer, tess_playground_server, G_TYPE_OBJECT)

/* A response being streamed. */
typedef struct
{
  TessPlaygroundServer *server;
  SoupServerMessage    *message;
  char                 *thread_id;
  GPtrArray            *steps;
  guint                 next;
  guint                 source_id;
  GHashTable           *pending;
  gulong                finished_id;
  gboolean              complete;
} Stream;

static void
stream_free (Stream *stream)
{
  g_clear_handle_id (&stream->source_id, g_source_remove);
  g_clear_signal_handler (&stream->finished_id, stream->message);
  g_clear_object (&stream->message);
  g_free (stream->thread_id);
  g_clear_pointer (&stream->steps, g_ptr_array_unref);
  g_clear_pointer (&stream->pending, g_hash_table_unref);
  g_free (stream);
}

static void
tess_playground_server_dispose (GObject *object)
{
  TessPlaygroundServer *self = (TessPlaygroundServer *) object;

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_pointer (&self->streams, g_ptr_array_unref);
  g_clear_object (&self->server);
  g_clear_object (&self->store);
  g_clear_object (&self->responder);

  G_OBJECT_CLASS (tess_playground_server_parent_class)->dispose (object);
}

static void
tess_playground_server_class_init (TessPlaygroundServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tess_playground_server_dispose;
}

static void
tess_playground_server_init (TessPlaygroundServer *self)
{
  self->streams = g_ptr_array_new_with_free_func ((GDestroyNotify) stream_free);
  self->responder = tess_playground_responder_new ();
  self->max_upload = TESS_PLAYGROUND_DEFAULT_MAX_UPLOAD;
}

char *
tess_playground_server_default_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "tessera", "playground.sqlite3", NULL);
}

TessPlaygroundResponder *
tess_playground_server_get_responder (TessPlaygroundServer *self)
{
  g_return_val_if_fail (TESS_IS_PLAYGROUND_SERVER (self), NULL);

  return self->responder;
}

TessPlaygroundStore *
tess_playground_server_get_store (TessPlaygroundServer *self)
{
  g_return_val_if_fail (TESS_IS_PLAYGROUND_SERVER (self), NULL);

  return self->store;
}

void
tess_playground_server_set_max_upload (TessPlaygroundServer *self,
                                       gsize                 max_bytes)
{
  g_return_if_fail (TESS_IS_PLAYGROUND_SERVER (self));

  self->max_upload = max_bytes;
}

guint
tess_playground_server_get_port (TessPlaygroundServer *self)
{
  g_return_val_if_fail (TESS_IS_PLAYGROUND_SERVER (self), 0);

  return self->port;
}

char *
tess_playground_server_dup_url (TessPlaygroundServer *self)
{
  g_return_val_if_fail (TESS_IS_PLAYGROUND_SERVER (self), NULL);

  return g_strdup_printf ("http://127.0.0.1:%u/chatkit", self->port);
}

/* Replies */

static void
reply_json (SoupServerMessage *message,
            guint              status,
            JsonObject        *object)
{
  g_autofree char *json = tess_pjson_object_to_string (object);
  gsize length = strlen (json);

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&json), length);
}

G_GNUC_PRINTF (3, 4)
static void
reply_error (SoupServerMessage *message,
             guint              status,
             const char        *format,
             ...)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  json_object_set_string_member (object, "error", text);
  reply_json (message, status, object);
}

static void
reply_gerror (SoupServerMessage *message,
              const GError      *error)
{
  guint status = SOUP_STATUS_INTERNAL_SERVER_ERROR;

  if (g_error_matches (error, TESS_PLAYGROUND_STORE_ERROR, TESS_PLAYGROUND_STORE_ERROR_NOT_FOUND))
    status = SOUP_STATUS_NOT_FOUND;
  else if (error->domain == TESS_CHATKIT_ERROR)
    status = SOUP_STATUS_BAD_REQUEST;
  reply_error (message, status, "%s", error->message);
}

static void
reply_empty (SoupServerMessage *message)
{
  g_autoptr(JsonObject) object = json_object_new ();

  reply_json (message, SOUP_STATUS_OK, object);
}

/* Streaming */

/* What a request may send, checked before and while its body is read. */

#define REQUEST_BODY_KEY "tess-request-body"
/* Room for the multipart framing around an upload's file. */
#define UPLOAD_FRAMING (64 * 1024)

typedef struct
{
  GByteArray *bytes;      /* NULL once the body went over the limit */
  gsize       limit;
} RequestBody;

static void
request_body_free (gpointer data)
{
  RequestBody *body = data;

  g_clear_pointer (&body->bytes, g_byte_array_unref);
  g_free (body);
}

static void
on_got_chunk (SoupServerMessage *message,
              GBytes            *chunk,
              RequestBody       *body)
{
  gsize size = g_bytes_get_size (chunk);

  if (body->bytes == NULL)
    return;
  if (size > body->limit - body->bytes->len)
    {
      /* The rest is read and dropped: memory stays bounded whatever the client sends. */
      g_clear_pointer (&body->bytes, g_byte_array_unref);
      return;
    }
  g_byte_array_append (body->bytes, g_bytes_get_data (chunk, NULL), size);
}

/* The body as read, or NULL (with the reply sent) when it went over its limit. */
static GBytes *
request_bytes (SoupServerMessage *message)
{
  RequestBody *body = g_object_get_data (G_OBJECT (message), REQUEST_BODY_KEY);

  if (body == NULL)
    return soup_message_body_flatten (soup_server_message_get_request_body (message));
  if (body->bytes == NULL)
    {
      reply_error (message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "request over %" G_GSIZE_FORMAT
                   " bytes", body->limit);
      return NULL;
    }
  return g_bytes_new (body->bytes->data, body->bytes->len);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* "127.0.0.1:8123", "[::1]:8123", "localhost": the host part, without brackets or port. */
static char *
host_of_authority (const char *authority)
{
  const char *end;

  if (authority[0] == '[')
    {
      end = strchr (authority, ']');
      return end != NULL ? g_strndup (authority + 1, end - authority - 1) : NULL;
    }
  end = strchr (authority, ':');
  return end != NULL ? g_strndup (authority, end - authority) : g_strdup (authority);
}

/* Only this machine may drive the playground: a Host naming anything but loopback is a
 * rebinding of some domain to 127.0.0.1, and a web page's Origin is a page in a browser. */
static gboolean
request_is_local (SoupServerMessage *message,
                  const char       **why)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *host = soup_message_headers_get_one (headers, "Host");
  const char *origin = soup_message_headers_get_one (headers, "Origin");
  g_autofree char *host_name = host != NULL ? host_of_authority (host) : NULL;

  if (host == NULL || host_name == NULL || !is_loopback_host (host_name))
    {
      *why = "the playground answers only requests addressed to this machine (Host)";
      return FALSE;
    }
  if (origin != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (origin, G_URI_FLAGS_NONE, NULL);
      const char *origin_host = uri != NULL ? g_uri_get_host (uri) : NULL;

      if (origin_host == NULL || !is_loopback_host (origin_host))
        {
          *why = "the playground answers no web page from another origin (Origin)";
          return FALSE;
        }
    }
  return TRUE;
}

static void
early_callback (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  TessPlaygroundServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  goffset declared = soup_message_headers_get_content_length (headers);
  RequestBody *body;
  const char *why = NULL;
  gsize limit = g_str_has_prefix (path, "/upload/")
                  ? (self->max_upload > G_MAXSIZE - UPLOAD_FRAMING
                       ? G_MAXSIZE : self->max_upload + UPLOAD_FRAMING)
                  : MAX_REQUEST;

  /* Nothing of a body is kept past its limit, nor of a refused request: libsoup reads the
   * rest (unless the client asked "Expect: 100-continue") and drops it. */
  body = g_new0 (RequestBody, 1);
  body->bytes = g_byte_array_new ();
  body->limit = limit;
  g_object_set_data_full (G_OBJECT (message), REQUEST_BODY_KEY, body, request_body_free);
  soup_message_body_set_accumulate (soup_server_message_get_request_body (message), FALSE);

  if (!request_is_local (message, &why))
    {
      g_clear_pointer (&body->bytes, g_byte_array_unref);
      reply_error (message, SOUP_STATUS_FORBIDDEN, "%s", why);
      return;
    }
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      declared > 0 && (guint64) declared > limit)
    {
      g_clear_pointer (&body->bytes, g_byte_array_unref);
      reply_error (message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "request over %" G_GSIZE_FORMAT
                   " bytes", limit);
      return;
    }
  g_signal_connect (message, "got-chunk", G_CALLBACK (on_got_chunk), body);
}

static void
stream_persist (Stream     *stream,
                JsonObject *event)
{
  TessPlaygroundStore *store = stream->server->store;
  const char *type = json_object_get_string_member (event, "type");
  g_autoptr(GError) error = NULL;

  if (strcmp (type, "thread.item.added") == 0)
    {
      JsonObject *item = json_object_get_object_member (event, "item");
      TessThreadItem *pending = tess_thread_item_new_from_json (item, "/item", NULL);

      if (pending != NULL)
        g_hash_table_replace (stream->pending, g_strdup (tess_thread_item_get_id (pending)),
                              pending);
    }
  else if (strcmp (type, "thread.item.updated") == 0)
    {
      TessThreadItem *pending = g_hash_table_lookup (stream->pending,
                                                     json_object_get_string_member (event,
                                                                                    "item_id"));
      g_autoptr(TessItemUpdate) update =
        tess_item_update_parse (json_object_get_object_member (event, "update"), "/update", NULL);

      if (pending != NULL && update != NULL)
        tess_thread_item_apply_update (pending, update, NULL);
    }
  else if (strcmp (type, "thread.item.done") == 0 || strcmp (type, "thread.item.replaced") == 0)
    {
      JsonObject *item = json_object_get_object_member (event, "item");

      g_hash_table_remove (stream->pending, json_object_get_string_member (item, "id"));
      if (!tess_playground_store_save_item (store, stream->thread_id, item, &error))
        g_warning ("playground: %s", error->message);
    }
  else if (strcmp (type, "thread.item.removed") == 0)
    tess_playground_store_delete_item (store, stream->thread_id,
                                       json_object_get_string_member (event, "item_id"), NULL);
  else if (strcmp (type, "thread.updated") == 0)
    {
      JsonObject *thread = json_object_get_object_member (event, "thread");

      if (json_object_has_member (thread, "title"))
        tess_playground_store_set_title (store, stream->thread_id,
                                         json_object_get_string_member (thread, "title"), NULL);
      if (json_object_has_member (thread, "status"))
        tess_playground_store_set_status (store, stream->thread_id,
                                          json_object_get_object_member (thread, "status"), NULL);
    }
}

static gboolean stream_step (gpointer data);

static void
stream_schedule (Stream *stream)
{
  TessPlaygroundStep *step;

  if (stream->next >= stream->steps->len)
    {
      stream->source_id = g_idle_add (stream_step, stream);
      return;
    }
  step = g_ptr_array_index (stream->steps, stream->next);
  if (step->delay_ms > 0)
    stream->source_id = g_timeout_add (step->delay_ms, stream_step, stream);
  else
    stream->source_id = g_idle_add (stream_step, stream);
}

static gboolean
stream_step (gpointer data)
{
  Stream *stream = data;
  SoupMessageBody *body = soup_server_message_get_response_body (stream->message);

  stream->source_id = 0;

  if (stream->next >= stream->steps->len)
    {
      stream->complete = TRUE;
      soup_message_body_complete (body);
      soup_server_message_unpause (stream->message);
      return G_SOURCE_REMOVE;
    }

  {
    TessPlaygroundStep *step = g_ptr_array_index (stream->steps, stream->next++);
    g_autofree char *json = tess_pjson_object_to_string (step->event);
    g_autofree char *frame = g_strdup_printf ("data: %s\n\n", json);
    gsize length = strlen (frame);

    stream_persist (stream, step->event);
    soup_message_body_append (body, SOUP_MEMORY_TAKE, g_steal_pointer (&frame), length);
    soup_server_message_unpause (stream->message);
  }

  stream_schedule (stream);
  return G_SOURCE_REMOVE;
}

static void
stream_finished (SoupServerMessage *message,
                 Stream            *stream)
{
  TessPlaygroundServer *server = stream->server;

  if (!stream->complete)
    {
      GHashTableIter iter;
      gpointer value;

      /* The client stopped the stream: keep whatever the assistant had already said
       * (protocol §1.3), drop other unfinished items. */
      g_hash_table_iter_init (&iter, stream->pending);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          TessThreadItem *item = value;
          g_autofree char *text = tess_thread_item_dup_text (item);

          if (tess_thread_item_get_kind (item) == TESS_ITEM_ASSISTANT_MESSAGE && text && *text)
            tess_playground_store_save_item (server->store, stream->thread_id,
                                             tess_thread_item_get_object (item), NULL);
        }
    }

  g_ptr_array_remove_fast (server->streams, stream);
}

static void
start_stream (TessPlaygroundServer *self,
              SoupServerMessage    *message,
              const char           *thread_id,
              GPtrArray            *steps)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  Stream *stream = g_new0 (Stream, 1);

  stream->server = self;
  stream->message = g_object_ref (message);
  stream->thread_id = g_strdup (thread_id);
  stream->steps = g_ptr_array_ref (steps);
  stream->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_ptr_array_add (self->streams, stream);

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  /* Written chunks are not kept: a long stream should not pile up in memory. */
  soup_message_body_set_accumulate (soup_server_message_get_response_body (message), FALSE);
  stream->finished_id = g_signal_connect (message, "finished", G_CALLBACK (stream_finished),
                                          stream);
  soup_server_message_pause (message);
  stream_schedule (stream);
}

static JsonObject *
stream_options_event (void)
{
  JsonObject *event = json_object_new ();
  JsonObject *options = json_object_new ();

  json_object_set_boolean_member (options, "allow_cancel", TRUE);
  json_object_set_string_member (event, "type", "stream_options");
  json_object_set_object_member (event, "stream_options", options);
  return event;
}

static void
add_event (GPtrArray  *steps,
           JsonObject *event)
{
  TessPlaygroundStep *step = g_new0 (TessPlaygroundStep, 1);

  step->event = event;
  g_ptr_array_add (steps, step);
}

static JsonObject *
item_event (const char *type,
            JsonObject *item)
{
  JsonObject *event = json_object_new ();

  json_object_set_string_member (event, "type", type);
  json_object_set_object_member (event, "item", tess_pjson_copy_object (item));
  return event;
}

static GPtrArray *
new_steps (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) tess_playground_step_free);
}

/* Request helpers */

static JsonObject *
thread_with_items (JsonObject *thread,
                   JsonObject *items)
{
  JsonObject *copy = tess_pjson_copy_object (thread);

  if (items == NULL)
    {
      items = json_object_new ();
      json_object_set_array_member (items, "data", json_array_new ());
      json_object_set_boolean_member (items, "has_more", FALSE);
      json_object_set_object_member (copy, "items", items);
    }
  else
    json_object_set_object_member (copy, "items", json_object_ref (items));
  return copy;
}

/* Builds a user_message item from a UserMessageInput, resolving attachment ids. */
static JsonObject *
build_user_item (TessPlaygroundServer  *self,
                 JsonObject            *thread,
                 JsonObject            *input,
                 GError               **error)
{
  const char *thread_id = json_object_get_string_member (thread, "id");
  JsonArray *content = NULL, *attachment_ids = NULL, *resolved;
  JsonObject *options = NULL;
  const char *quoted = NULL;
  g_autoptr(JsonObject) item = json_object_new ();
  g_autofree char *id = tess_playground_store_new_id ("msg");
  g_autofree char *now = tess_playground_store_now ();

  if (!tess_pjson_get_array (input, "content", "/params/input", TRUE, &content, error) ||
      !tess_pjson_check_typed_objects (content, "/params/input/content", error) ||
      !tess_pjson_get_array (input, "attachments", "/params/input", FALSE, &attachment_ids,
                             error) ||
      !tess_pjson_get_string (input, "quoted_text", "/params/input", FALSE, &quoted, error) ||
      !tess_pjson_get_object (input, "inference_options", "/params/input", FALSE, &options,
                              error))
    return NULL;

  resolved = json_array_new ();
  json_object_set_array_member (item, "attachments", resolved);
  for (guint i = 0; attachment_ids && i < json_array_get_length (attachment_ids); i++)
    {
      JsonNode *node = json_array_get_element (attachment_ids, i);
      g_autoptr(JsonObject) attachment = NULL;
      g_autoptr(GBytes) contents = NULL;

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                       "/params/input/attachments/%u: expected an attachment id", i);
          return NULL;
        }
      attachment = tess_playground_store_load_attachment (self->store, json_node_get_string (node),
                                                          NULL, &contents, error);
      if (attachment == NULL)
        return NULL;
      if (contents == NULL)
        {
          g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                       "/params/input/attachments/%u: attachment “%s” was never uploaded", i,
                       json_node_get_string (node));
          return NULL;
        }
      json_object_set_string_member (attachment, "thread_id", thread_id);
      tess_playground_store_save_attachment (self->store, attachment, 0, NULL);
      json_array_add_object_element (resolved, g_steal_pointer (&attachment));
    }

  json_object_set_string_member (item, "id", id);
  json_object_set_string_member (item, "thread_id", thread_id);
  json_object_set_string_member (item, "created_at", now);
  json_object_set_string_member (item, "type", "user_message");
  json_object_set_member (item, "content",
                          tess_pjson_copy_node (json_object_get_member (input, "content")));
  if (quoted != NULL)
    json_object_set_string_member (item, "quoted_text", quoted);
  json_object_set_object_member (item, "inference_options",
                                 options ? tess_pjson_copy_object (options) : json_object_new ());
  /* Keep the member order of the reference server: attachments after content. */
  {
    JsonObject *ordered = json_object_new ();
    static const char *order[] = { "id", "thread_id", "created_at", "type", "content",
                                   "attachments", "quoted_text", "inference_options" };

    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      if (json_object_has_member (item, order[i]))
        json_object_set_member (ordered, order[i],
                                tess_pjson_copy_node (json_object_get_member (item, order[i])));
    return ordered;
  }
}

static gboolean
get_limit (JsonObject  *params,
           guint       *limit,
           gboolean    *descending,
           const char **after,
           GError     **error)
{
  gint64 value = DEFAULT_PAGE;
  const char *order = "desc";

  if (!tess_pjson_get_int (params, "limit", "/params", FALSE, &value, error) ||
      !tess_pjson_get_string (params, "order", "/params", FALSE, &order, error) ||
      !tess_pjson_get_string (params, "after", "/params", FALSE, after, error))
    return FALSE;
  if (strcmp (order, "asc") != 0 && strcmp (order, "desc") != 0)
    {
      g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                   "/params/order: expected \"asc\" or \"desc\", found \"%s\"", order);
      return FALSE;
    }
  *limit = CLAMP (value, 1, MAX_PAGE);
  *descending = strcmp (order, "desc") == 0;
  return TRUE;
}

static JsonObject *
load_widget_sender (TessPlaygroundServer  *self,
                    const char            *thread_id,
                    const char            *item_id,
                    GError               **error)
{
  g_autoptr(JsonObject) item = NULL;

  if (item_id == NULL)
    return NULL;
  item = tess_playground_store_load_item (self->store, thread_id, item_id, error);
  if (item == NULL)
    return NULL;
  if (g_strcmp0 (json_object_get_string_member_with_default (item, "type", ""), "widget") != 0)
    {
      g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                   "/params/item_id: item “%s” is a %s, not a widget", item_id,
                   json_object_get_string_member_with_default (item, "type", "?"));
      return NULL;
    }
  return g_steal_pointer (&item);
}

/* The ChatKit endpoint */

static void
handle_op (TessPlaygroundServer *self,
           SoupServerMessage    *message,
           const char           *op,
           JsonObject           *params)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = new_steps ();
  g_autoptr(JsonObject) thread = NULL;
  const char *thread_id = NULL;
  const char *item_id = NULL;

  if (!tess_chatkit_op_is_known (op))
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "/type: unknown request type “%s”", op);
      return;
    }

  /* Every op but these needs an existing thread. */
  if (strcmp (op, TESS_OP_THREADS_CREATE) != 0 && strcmp (op, TESS_OP_THREADS_LIST) != 0 &&
      !g_str_has_prefix (op, "attachments.") && strcmp (op, TESS_OP_INPUT_TRANSCRIBE) != 0)
    {
      if (!tess_pjson_get_string (params, "thread_id", "/params", TRUE, &thread_id, &error) ||
          !(thread = tess_playground_store_load_thread (self->store, thread_id, &error)))
        goto failed;
    }

  if (strcmp (op, TESS_OP_THREADS_CREATE) == 0 ||
      strcmp (op, TESS_OP_THREADS_ADD_USER_MESSAGE) == 0)
    {
      JsonObject *input = NULL;
      g_autoptr(JsonObject) user_item = NULL;

      if (!tess_pjson_get_object (params, "input", "/params", TRUE, &input, &error))
        goto failed;
      if (thread == NULL)
        {
          /* Validate against a placeholder first so a bad request leaves no empty thread. */
          g_autoptr(JsonObject) probe = json_object_new ();
          g_autoptr(JsonObject) probe_item = NULL;

          json_object_set_string_member (probe, "id", "thr_probe");
          if (!(probe_item = build_user_item (self, probe, input, &error)) ||
              !(thread = tess_playground_store_create_thread (self->store, &error)))
            goto failed;
          thread_id = json_object_get_string_member (thread, "id");
          {
            JsonObject *event = json_object_new ();

            json_object_set_string_member (event, "type", "thread.created");
            json_object_set_object_member (event, "thread", thread_with_items (thread, NULL));
            add_event (steps, event);
          }
        }
      if (!(user_item = build_user_item (self, thread, input, &error)))
        goto failed;
      add_event (steps, item_event ("thread.item.done", user_item));
      add_event (steps, stream_options_event ());
      tess_playground_responder_respond (self->responder, thread, user_item, steps);
      start_stream (self, message, thread_id, steps);
    }
  else if (strcmp (op, TESS_OP_THREADS_ADD_CLIENT_TOOL_OUTPUT) == 0)
    {
      g_autoptr(JsonObject) last = tess_playground_store_last_item (self->store, thread_id);
      JsonNode *result = json_object_get_member (params, "result");

      if (result == NULL)
        {
          reply_error (message, SOUP_STATUS_BAD_REQUEST,
                       "/params/result: required member is missing");
          return;
        }
      if (last == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (last, "type", ""),
                     "client_tool_call") != 0 ||
          g_strcmp0 (json_object_get_string_member_with_default (last, "status", "pending"),
                     "pending") != 0)
        {
          reply_error (message, SOUP_STATUS_BAD_REQUEST,
                       "thread “%s” has no pending client tool call", thread_id);
          return;
        }
      json_object_set_string_member (last, "status", "completed");
      json_object_set_member (last, "output", tess_pjson_copy_node (result));
      /* Like the reference server: saved, but not announced (the client marks it). */
      if (!tess_playground_store_save_item (self->store, thread_id, last, &error))
        goto failed;
      add_event (steps, stream_options_event ());
      tess_playground_responder_tool_output (self->responder, thread, last, steps);
      start_stream (self, message, thread_id, steps);
    }
  else if (strcmp (op, TESS_OP_THREADS_ADD_STRUCTURED_INPUT) == 0)
    {
      JsonObject *submission = NULL;
      g_autoptr(JsonObject) item = NULL;
      g_autoptr(JsonObject) answered = NULL;

      if (!tess_pjson_get_string (params, "item_id", "/params", TRUE, &item_id, &error) ||
          !tess_pjson_get_object (params, "input", "/params", TRUE, &submission, &error) ||
          !(item = tess_playground_store_load_item (self->store, thread_id, item_id, &error)))
        goto failed;
      if (g_strcmp0 (json_object_get_string_member_with_default (item, "type", ""),
                     "structured_input") != 0 ||
          g_strcmp0 (json_object_get_string_member_with_default (item, "status", ""),
                     "pending") != 0)
        {
          reply_error (message, SOUP_STATUS_BAD_REQUEST,
                       "/params/item_id: “%s” is not a pending structured input", item_id);
          return;
        }
      answered = tess_playground_apply_structured_input (item, submission);
      add_event (steps, stream_options_event ());
      add_event (steps, item_event ("thread.item.replaced", answered));
      tess_playground_responder_structured_input (self->responder, thread, answered, steps);
      start_stream (self, message, thread_id, steps);
    }
  else if (strcmp (op, TESS_OP_THREADS_RETRY_AFTER_ITEM) == 0)
    {
      g_autoptr(JsonObject) item = NULL;

      if (!tess_pjson_get_string (params, "item_id", "/params", TRUE, &item_id, &error) ||
          !(item = tess_playground_store_load_item (self->store, thread_id, item_id, &error)))
        goto failed;
      if (g_strcmp0 (json_object_get_string_member_with_default (item, "type", ""),
                     "user_message") != 0)
        {
          reply_error (message, SOUP_STATUS_BAD_REQUEST,
                       "/params/item_id: “%s” is not a user message", item_id);
          return;
        }
      if (tess_playground_store_delete_items_after (self->store, thread_id, item_id, &error) < 0)
        goto failed;
      add_event (steps, stream_options_event ());
      tess_playground_responder_respond (self->responder, thread, item, steps);
      start_stream (self, message, thread_id, steps);
    }
  else if (strcmp (op, TESS_OP_THREADS_CUSTOM_ACTION) == 0 ||
           strcmp (op, TESS_OP_THREADS_SYNC_CUSTOM_ACTION) == 0)
    {
      JsonObject *action = NULL;
      const char *action_type = NULL;
      g_autoptr(JsonObject) sender = NULL;

      if (!tess_pjson_get_object (params, "action", "/params", TRUE, &action, &error) ||
          !tess_pjson_get_string (action, "type", "/params/action", TRUE, &action_type, &error) ||
          !tess_pjson_get_string (params, "item_id", "/params", FALSE, &item_id, &error))
        goto failed;
      sender = load_widget_sender (self, thread_id, item_id, &error);
      if (error != NULL)
        goto failed;

      if (strcmp (op, TESS_OP_THREADS_SYNC_CUSTOM_ACTION) == 0)
        {
          g_autoptr(JsonObject) reply = json_object_new ();

          if (sender != NULL)
            {
              JsonObject *updated = tess_playground_responder_update_sender (sender, action);

              if (!tess_playground_store_save_item (self->store, thread_id, updated, &error))
                {
                  json_object_unref (updated);
                  goto failed;
                }
              json_object_set_object_member (reply, "updated_item", updated);
            }
          reply_json (message, SOUP_STATUS_OK, reply);
          return;
        }

      add_event (steps, stream_options_event ());
      tess_playground_responder_action (self->responder, thread, action, sender, steps);
      start_stream (self, message, thread_id, steps);
    }
  else if (strcmp (op, TESS_OP_THREADS_GET_BY_ID) == 0)
    {
      g_autoptr(JsonObject) items = tess_playground_store_list_items (self->store, thread_id,
                                                                      DEFAULT_PAGE, FALSE, NULL,
                                                                      &error);
      g_autoptr(JsonObject) reply = NULL;

      if (items == NULL)
        goto failed;
      reply = thread_with_items (thread, items);
      reply_json (message, SOUP_STATUS_OK, reply);
    }
  else if (strcmp (op, TESS_OP_THREADS_LIST) == 0 || strcmp (op, TESS_OP_ITEMS_LIST) == 0)
    {
      guint limit;
      gboolean descending;
      const char *after = NULL;
      g_autoptr(JsonObject) page = NULL;

      if (!get_limit (params, &limit, &descending, &after, &error))
        goto failed;
      page = thread_id
             ? tess_playground_store_list_items (self->store, thread_id, limit, descending, after,
                                                 &error)
             : tess_playground_store_list_threads (self->store, limit, descending, after, &error);
      if (page == NULL)
        goto failed;
      reply_json (message, SOUP_STATUS_OK, page);
    }
  else if (strcmp (op, TESS_OP_THREADS_UPDATE) == 0)
    {
      const char *title = NULL;
      g_autoptr(JsonObject) reply = NULL;

      if (!tess_pjson_get_string (params, "title", "/params", TRUE, &title, &error) ||
          !tess_playground_store_set_title (self->store, thread_id, title, &error))
        goto failed;
      json_object_set_string_member (thread, "title", title);
      reply = thread_with_items (thread, NULL);
      reply_json (message, SOUP_STATUS_OK, reply);
    }
  else if (strcmp (op, TESS_OP_THREADS_DELETE) == 0)
    {
      if (!tess_playground_store_delete_thread (self->store, thread_id, &error))
        goto failed;
      reply_empty (message);
    }
  else if (strcmp (op, TESS_OP_ITEMS_FEEDBACK) == 0)
    {
      JsonArray *ids = NULL;
      const char *kind = NULL;

      if (!tess_pjson_get_array (params, "item_ids", "/params", TRUE, &ids, &error) ||
          !tess_pjson_get_string (params, "kind", "/params", TRUE, &kind, &error))
        goto failed;
      if (strcmp (kind, "positive") != 0 && strcmp (kind, "negative") != 0)
        {
          reply_error (message, SOUP_STATUS_BAD_REQUEST,
                       "/params/kind: expected \"positive\" or \"negative\", found \"%s\"", kind);
          return;
        }
      for (guint i = 0; i < json_array_get_length (ids); i++)
        {
          JsonNode *id = json_array_get_element (ids, i);

          if (json_node_get_value_type (id) != G_TYPE_STRING)
            {
              reply_error (message, SOUP_STATUS_BAD_REQUEST,
                           "/params/item_ids/%u: expected a string", i);
              return;
            }
          if (!tess_playground_store_set_feedback (self->store, thread_id,
                                                   json_node_get_string (id), kind, &error))
            goto failed;
        }
      reply_empty (message);
    }
  else if (strcmp (op, TESS_OP_ATTACHMENTS_CREATE) == 0)
    {
      const char *name = NULL, *mime_type = NULL;
      gint64 size = 0;
      g_autoptr(JsonObject) attachment = json_object_new ();
      g_autofree char *id = tess_playground_store_new_id ("atc");
      g_autoptr(JsonObject) reply = NULL;
      JsonObject *descriptor;
      gboolean image;

      if (!tess_pjson_get_string (params, "name", "/params", TRUE, &name, &error) ||
          !tess_pjson_get_int (params, "size", "/params", TRUE, &size, &error) ||
          !tess_pjson_get_string (params, "mime_type", "/params", TRUE, &mime_type, &error))
        goto failed;
      if (size < 0 || (guint64) size > self->max_upload)
        {
          reply_error (message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                       "/params/size: %" G_GINT64_FORMAT " bytes is over the playground's "
                       "limit of %" G_GSIZE_FORMAT " bytes", size, self->max_upload);
          return;
        }
      image = g_str_has_prefix (mime_type, "image/");
      json_object_set_string_member (attachment, "type", image ? "image" : "file");
      json_object_set_string_member (attachment, "id", id);
      json_object_set_string_member (attachment, "name", name);
      json_object_set_string_member (attachment, "mime_type", mime_type);
      if (image)
        {
          g_autofree char *preview = g_strdup_printf ("http://127.0.0.1:%u/attachments/%s",
                                                      self->port, id);

          json_object_set_string_member (attachment, "preview_url", preview);
        }
      if (!tess_playground_store_save_attachment (self->store, attachment, size, &error))
        goto failed;

      reply = tess_pjson_copy_object (attachment);
      descriptor = json_object_new ();
      {
        g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/upload/%s", self->port, id);

        json_object_set_string_member (descriptor, "url", url);
      }
      json_object_set_string_member (descriptor, "method", "POST");
      json_object_set_object_member (descriptor, "headers", json_object_new ());
      json_object_set_object_member (reply, "upload_descriptor", descriptor);
      reply_json (message, SOUP_STATUS_OK, reply);
    }
  else if (strcmp (op, TESS_OP_ATTACHMENTS_DELETE) == 0)
    {
      const char *id = NULL;

      if (!tess_pjson_get_string (params, "attachment_id", "/params", TRUE, &id, &error) ||
          !tess_playground_store_delete_attachment (self->store, id, &error))
        goto failed;
      reply_empty (message);
    }
  else if (strcmp (op, TESS_OP_INPUT_TRANSCRIBE) == 0)
    {
      reply_error (message, SOUP_STATUS_NOT_IMPLEMENTED,
                   "input.transcribe is not supported by the Tessera playground "
                   "(it has no speech recognition)");
    }
  else
    reply_error (message, SOUP_STATUS_BAD_REQUEST, "/type: unknown request type “%s”", op);

  return;

failed:
  reply_gerror (message, error);
}

static void
handle_chatkit (TessPlaygroundServer *self,
                SoupServerMessage    *message)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *request, *params = NULL;
  const char *op = NULL;
  const char *data;
  gsize length;

  if (strcmp (soup_server_message_get_method (message), SOUP_METHOD_POST) != 0)
    {
      reply_error (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "the ChatKit endpoint takes POST");
      return;
    }

  if (!(bytes = request_bytes (message)))
    return;
  data = g_bytes_get_data (bytes, &length);
  if (length > MAX_REQUEST)
    {
      reply_error (message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "request over %d bytes",
                   MAX_REQUEST);
      return;
    }
  if (length == 0 || !g_utf8_validate_len (data, length, NULL) ||
      !(root = tess_json_parse (data, length, &error)))
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "the request body is not JSON%s%s",
                   error ? ": " : "", error ? error->message : "");
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "the request body must be a JSON object");
      return;
    }
  request = json_node_get_object (root);
  if (!tess_pjson_get_string (request, "type", "", TRUE, &op, &error) ||
      !tess_pjson_get_object (request, "params", "", TRUE, &params, &error))
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST, "%s", error->message);
      return;
    }

  handle_op (self, message, op, params);
}

/* Uploads and previews */

static void
handle_upload (TessPlaygroundServer *self,
               SoupServerMessage    *message,
               const char           *id)
{
  const char *method = soup_server_message_get_method (message);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(JsonObject) attachment = NULL;
  g_autoptr(GError) error = NULL;
  gint64 declared = 0;

  if (!(bytes = request_bytes (message)))
    return;
  if (!(attachment = tess_playground_store_load_attachment (self->store, id, &declared, NULL,
                                                             &error)))
    {
      reply_gerror (message, error);
      return;
    }

  if (strcmp (method, SOUP_METHOD_PUT) == 0)
    contents = g_bytes_ref (bytes);
  else if (strcmp (method, SOUP_METHOD_POST) == 0)
    {
      g_autoptr(SoupMultipart) multipart =
        soup_multipart_new_from_message (soup_server_message_get_request_headers (message), bytes);

      for (int i = 0; multipart && i < soup_multipart_get_length (multipart); i++)
        {
          SoupMessageHeaders *headers;
          GBytes *part;
          g_autoptr(GHashTable) disposition_params = NULL;

          if (!soup_multipart_get_part (multipart, i, &headers, &part))
            continue;
          if (soup_message_headers_get_content_disposition (headers, NULL, &disposition_params) &&
              g_strcmp0 (g_hash_table_lookup (disposition_params, "name"), "file") == 0)
            {
              contents = g_bytes_ref (part);
              break;
            }
        }
      if (contents == NULL)
        {
          reply_error (message, SOUP_STATUS_BAD_REQUEST,
                       "a POST upload must be multipart/form-data with a “file” field");
          return;
        }
    }
  else
    {
      reply_error (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "uploads take POST or PUT");
      return;
    }

  if (g_bytes_get_size (contents) > self->max_upload)
    {
      reply_error (message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                   "%" G_GSIZE_FORMAT " bytes is over the playground's limit of %" G_GSIZE_FORMAT
                   " bytes", g_bytes_get_size (contents), self->max_upload);
      return;
    }
  if ((gint64) g_bytes_get_size (contents) != declared)
    {
      reply_error (message, SOUP_STATUS_BAD_REQUEST,
                   "attachment “%s” was announced with %" G_GINT64_FORMAT " bytes, got %"
                   G_GSIZE_FORMAT, id, declared, g_bytes_get_size (contents));
      return;
    }

  if (!tess_playground_store_set_attachment_contents (self->store, id, contents, &error))
    {
      reply_gerror (message, error);
      return;
    }
  reply_json (message, SOUP_STATUS_OK, attachment);
}

static void
handle_preview (TessPlaygroundServer *self,
                SoupServerMessage    *message,
                const char           *id)
{
  g_autoptr(JsonObject) attachment = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  gconstpointer data;

  attachment = tess_playground_store_load_attachment (self->store, id, NULL, &contents, &error);
  if (attachment == NULL)
    {
      reply_gerror (message, error);
      return;
    }
  if (contents == NULL)
    {
      reply_error (message, SOUP_STATUS_NOT_FOUND, "attachment “%s” was never uploaded", id);
      return;
    }
  data = g_bytes_get_data (contents, &length);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message,
                                    json_object_get_string_member (attachment, "mime_type"),
                                    SOUP_MEMORY_COPY, data, length);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  TessPlaygroundServer *self = user_data;

  /* Refused by early_callback (the status is set): nothing more to say. */
  if (soup_server_message_get_status (message) != 0)
    return;
  if (strcmp (path, "/chatkit") == 0)
    handle_chatkit (self, message);
  else if (g_str_has_prefix (path, "/upload/") && path[8] != '\0')
    handle_upload (self, message, path + 8);
  else if (g_str_has_prefix (path, "/attachments/") && path[13] != '\0' &&
           strcmp (soup_server_message_get_method (message), SOUP_METHOD_GET) == 0)
    handle_preview (self, message, path + 13);
  else
    reply_error (message, SOUP_STATUS_NOT_FOUND, "no such endpoint: %s (the ChatKit endpoint "
                 "is /chatkit)", path);
}

TessPlaygroundServer *
tess_playground_server_new (const char  *db_path,
                            GError     **error)
{
  g_autoptr(TessPlaygroundServer) self = g_object_new (TESS_TYPE_PLAYGROUND_SERVER, NULL);

  if (!(self->store = tess_playground_store_new (db_path, error)))
    return NULL;

  self->server = soup_server_new ("server-header", "Tessera-Playground/" PACKAGE_VERSION, NULL);
  soup_server_add_early_handler (self->server, NULL, early_callback, self, NULL);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  return g_steal_pointer (&self);
}

gboolean
tess_playground_server_listen (TessPlaygroundServer  *self,
                               guint                  port,
                               GError               **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  GSList *listeners;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_SERVER (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);

  /* Loopback only: the playground is for this machine. */
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  if (!soup_server_listen (self->server, address, 0, error))
    return FALSE;

  /* Ask the socket rather than soup_server_get_uris(), which leaks an address in 3.2. */
  listeners = soup_server_get_listeners (self->server);
  self->port = port;
  if (listeners != NULL)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listeners->data, NULL);

      if (local != NULL)
        self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }
  g_slist_free (listeners);
  return TRUE;
}

void
tess_playground_server_disconnect (TessPlaygroundServer *self)
{
  g_return_if_fail (TESS_IS_PLAYGROUND_SERVER (self));

  soup_server_disconnect (self->server);
  g_ptr_array_set_size (self->streams, 0);
}
