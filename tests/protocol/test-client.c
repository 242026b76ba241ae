/* test-client.c: TessChatkitClient against a misbehaving raw HTTP server
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "protocol/tess-chatkit-client.h"
#include "protocol/tess-thread.h"

#define WAIT_SECONDS 30

static const char good_frames[] =
  "data: {\"type\":\"stream_options\",\"stream_options\":{\"allow_cancel\":true}}\n\n"
  "data: {\"type\":\"thread.item.done\",\"item\":{\"id\":\"msg_ok\",\"thread_id\":\"thr_1\","
  "\"created_at\":\"2026-11-21T16:11:13.038493\",\"type\":\"assistant_message\",\"content\":"
  "[{\"annotations\":[],\"text\":\"fine\",\"type\":\"output_text\"}]}}\n\n";

static const char first_frame[] =
  "data: {\"type\":\"thread.item.done\",\"item\":{\"id\":\"msg_first\",\"type\":"
  "\"assistant_message\",\"content\":[{\"type\":\"output_text\",\"text\":\"partial\"}]}}\n\n";

static const char sse_head[] =
  "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";
static const char chunked_head[] =
  "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
  "Connection: close\r\n\r\n";

typedef struct
{
  GSocketService *service;
  guint16         port;
  GMutex          lock;
  char           *last_request;
} RawServer;

static RawServer raw;

static void
write_all (GOutputStream *out,
           const char    *data,
           gssize         length)
{
  g_output_stream_write_all (out, data, length < 0 ? strlen (data) : (gsize) length, NULL, NULL,
                             NULL);
  g_output_stream_flush (out, NULL, NULL);
}

static void
write_chunk (GOutputStream *out,
             const char    *data)
{
  g_autofree char *size = g_strdup_printf ("%zx\r\n", strlen (data));

  write_all (out, size, -1);
  write_all (out, data, -1);
  write_all (out, "\r\n", 2);
}

static void
write_response (GOutputStream *out,
                const char    *status,
                const char    *type,
                const char    *body)
{
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 %s\r\nContent-Type: %s\r\n"
                                           "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                                           status, type, strlen (body));

  write_all (out, head, -1);
  write_all (out, body, -1);
}

/* Reads one request (bounded) and answers it per the scenario named by the path. */
static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        gpointer                user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  const char *scenario;
  char *end_of_head = NULL;
  gsize content_length = 0;
  char buffer[4096];

  while (request->len < 65536 && !(end_of_head = strstr (request->str, "\r\n\r\n")))
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return TRUE;
      g_string_append_len (request, buffer, n);
    }
  if (end_of_head == NULL)
    return TRUE;
  {
    g_autofree char *lower = g_ascii_strdown (request->str, end_of_head - request->str);
    const char *header = strstr (lower, "content-length:");

    if (header != NULL)
      content_length = g_ascii_strtoull (header + strlen ("content-length:"), NULL, 10);
  }
  while (request->len < (gsize) (strstr (request->str, "\r\n\r\n") - request->str) + 4 +
                        MIN (content_length, 65536))
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        break;
      g_string_append_len (request, buffer, n);
    }

  g_mutex_lock (&raw.lock);
  g_free (raw.last_request);
  raw.last_request = g_strdup (request->str);
  g_mutex_unlock (&raw.lock);

  words = g_strsplit (request->str, " ", 3);
  scenario = words[1] ? strrchr (words[1], '/') + 1 : "";

  if (strcmp (scenario, "ok") == 0)
    {
      write_all (out, sse_head, -1);
      write_all (out, good_frames, -1);
    }
  else if (strcmp (scenario, "chunked-ok") == 0)
    {
      write_all (out, chunked_head, -1);
      write_chunk (out, good_frames);
      write_all (out, "0\r\n\r\n", -1);
    }
  else if (strcmp (scenario, "drop-mid-frame") == 0)
    {
      write_all (out, sse_head, -1);
      write_all (out, first_frame, -1);
      write_all (out, good_frames, 30);
    }
  else if (strcmp (scenario, "drop-chunked") == 0)
    {
      write_all (out, chunked_head, -1);
      write_chunk (out, first_frame);
      write_all (out, "40\r\ndata: {\"type\"", -1);
    }
  else if (strcmp (scenario, "stall-body") == 0)
    {
      write_all (out, sse_head, -1);
      write_all (out, first_frame, -1);
      g_usleep (2500 * 1000);
    }
  else if (strcmp (scenario, "stall-headers") == 0)
    g_usleep (2500 * 1000);
  else if (strcmp (scenario, "status-500") == 0)
    write_response (out, "500 Internal Server Error", "application/json",
                    "{\"error\":\"boom: database on fire\"}");
  else if (strcmp (scenario, "status-502") == 0)
    write_response (out, "502 Bad Gateway", "text/html",
                    "<html><body>upstream went away</body></html>");
  else if (strcmp (scenario, "garbage-json") == 0)
    {
      write_all (out, sse_head, -1);
      write_all (out, first_frame, -1);
      write_all (out, "data: this is not json\n\n", -1);
      write_all (out, good_frames, -1);
    }
  else if (strcmp (scenario, "garbage-binary") == 0)
    {
      write_all (out, sse_head, -1);
      write_all (out, "data: \xff\xfe\x00\x01\n\n", 12);
    }
  else if (strcmp (scenario, "wrong-shape") == 0)
    {
      write_all (out, sse_head, -1);
      write_all (out, "data: {\"type\":\"thread.item.done\",\"item\":{\"id\":1}}\n\n", -1);
    }
  else if (strcmp (scenario, "empty") == 0)
    write_response (out, "200 OK", "text/event-stream", "");
  else if (strcmp (scenario, "json-instead") == 0)
    write_response (out, "200 OK", "application/json", "{\"detail\":\"thread not found\"}");
  else if (strcmp (scenario, "json-html") == 0)
    write_response (out, "200 OK", "text/html", "<html>hello</html>");
  else if (strcmp (scenario, "json-shape") == 0)
    write_response (out, "200 OK", "application/json", "{\"data\":5}");
  else if (strcmp (scenario, "json-empty") == 0)
    write_response (out, "200 OK", "application/json", "");
  else if (strcmp (scenario, "json-list") == 0)
    write_response (out, "200 OK", "application/json",
                    "{\"data\":[{\"id\":\"thr_a\",\"created_at\":\"2026-11-21T16:08:38.573Z\","
                    "\"status\":{\"type\":\"closed\",\"reason\":\"archived\"},\"metadata\":"
                    "{\"x\":1},\"items\":{\"data\":[],\"has_more\":false}}],\"has_more\":false}");
  else
    write_response (out, "404 Not Found", "text/plain", "no such scenario");

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
raw_server_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  g_mutex_init (&raw.lock);
  raw.service = g_threaded_socket_service_new (8);
  g_socket_listener_add_address (G_SOCKET_LISTENER (raw.service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  raw.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (raw.service, "run", G_CALLBACK (on_run), NULL);
  g_socket_service_start (raw.service);
}

typedef struct
{
  GAsyncResult *result;
  TessThread   *thread;
  guint         n_events;
} Wait;

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
watchdog (gpointer data)
{
  g_error ("a request took longer than %d seconds", WAIT_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
wait_for (Wait *wait)
{
  guint id = g_timeout_add_seconds (WAIT_SECONDS, watchdog, NULL);

  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static void
apply_event (TessStreamEvent *event,
             gpointer         user_data)
{
  Wait *wait = user_data;

  wait->n_events++;
  g_assert_true (tess_thread_apply_event (wait->thread, event, NULL));
}

static TessChatkitClient *
client_for (const char *scenario)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/s/%s", raw.port, scenario);
  TessChatkitClient *client = tess_chatkit_client_new (url);

  tess_chatkit_client_set_timeout (client, 1);
  return client;
}

/* Streams @scenario into @thread; returns the error (or NULL). */
static GError *
stream_scenario (const char   *scenario,
                 TessThread   *thread,
                 GCancellable *cancellable,
                 guint        *n_events)
{
  g_autoptr(TessChatkitClient) client = client_for (scenario);
  g_autoptr(JsonObject) params = tess_chatkit_params_thread_id ("thr_1");
  Wait wait = { .thread = thread };
  GError *error = NULL;
  guint reported = 0;

  tess_thread_begin_stream (thread);
  tess_chatkit_client_stream_async (client, TESS_OP_THREADS_RETRY_AFTER_ITEM, params,
                                    apply_event, &wait, cancellable, got_result, &wait);
  wait_for (&wait);
  tess_chatkit_client_stream_finish (client, wait.result, &reported, &error);
  tess_thread_end_stream (thread);
  g_object_unref (wait.result);
  g_assert_cmpuint (reported, ==, wait.n_events);
  if (n_events)
    *n_events = wait.n_events;
  return error;
}

static GError *
call_scenario (const char  *scenario,
               TessPage   **page_out)
{
  g_autoptr(TessChatkitClient) client = client_for (scenario);
  Wait wait = { 0 };
  GError *error = NULL;
  TessPage *page;

  tess_chatkit_client_list_threads_async (client, 0, NULL, NULL, NULL, got_result, &wait);
  wait_for (&wait);
  page = tess_chatkit_client_page_finish (client, wait.result, &error);
  g_object_unref (wait.result);
  if (page_out)
    *page_out = page;
  else if (page)
    tess_page_unref (page);
  return error;
}

/* After any failure the same thread takes a good stream. */
static void
assert_thread_usable (TessThread *thread)
{
  GError *error = stream_scenario ("ok", thread, NULL, NULL);

  g_assert_no_error (error);
  g_assert_nonnull (tess_thread_lookup_item (thread, "msg_ok", NULL));
  g_assert_false (tess_thread_get_streaming (thread));
  g_assert_null (tess_thread_get_progress_text (thread));
}

static void
test_good_streams (void)
{
  static const char *scenarios[] = { "ok", "chunked-ok" };

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      g_autoptr(TessThread) thread = tess_thread_new ();
      guint n = 0;
      GError *error = stream_scenario (scenarios[i], thread, NULL, &n);

      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, 2);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread)), ==, 1);
    }
}

static void
check_stream_failure (const char *scenario,
                      int         code,
                      const char *message_part,
                      guint       expected_events)
{
  g_autoptr(TessThread) thread = tess_thread_new ();
  guint n = 0;
  g_autoptr(GError) error = stream_scenario (scenario, thread, NULL, &n);

  g_test_message ("%s → %s", scenario, error ? error->message : "(no error)");
  g_assert_error (error, TESS_CHATKIT_ERROR, code);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_true (g_str_has_prefix (error->message, "threads.retry_after_item: "));
  g_assert_cmpuint (n, ==, expected_events);
  /* Events before the failure stay applied. */
  if (expected_events > 0)
    g_assert_nonnull (tess_thread_lookup_item (thread, "msg_first", NULL));
  assert_thread_usable (thread);
}

static void
test_dropped_mid_frame (void)
{
  check_stream_failure ("drop-mid-frame", TESS_CHATKIT_ERROR_TRUNCATED, "ended inside event 2",
                        1);
}

static void
test_dropped_chunked (void)
{
  check_stream_failure ("drop-chunked", TESS_CHATKIT_ERROR_TRUNCATED, "", 1);
}

static void
test_stalled_body (void)
{
  check_stream_failure ("stall-body", TESS_CHATKIT_ERROR_TIMEOUT,
                        "the server sent nothing for 1 s (timeout)", 1);
}

static void
test_stalled_headers (void)
{
  check_stream_failure ("stall-headers", TESS_CHATKIT_ERROR_TIMEOUT,
                        "the server sent nothing for 1 s (timeout)", 0);
}

static void
test_status_errors (void)
{
  check_stream_failure ("status-500", TESS_CHATKIT_ERROR_HTTP_STATUS,
                        "HTTP 500 Internal Server Error: boom: database on fire", 0);
  check_stream_failure ("status-502", TESS_CHATKIT_ERROR_HTTP_STATUS,
                        "HTTP 502 Bad Gateway: <html><body>upstream went away", 0);
  check_stream_failure ("nowhere", TESS_CHATKIT_ERROR_HTTP_STATUS,
                        "HTTP 404 Not Found: no such scenario", 0);
}

static void
test_garbage (void)
{
  check_stream_failure ("garbage-json", TESS_CHATKIT_ERROR_BAD_JSON, "event 2: not JSON: 1:", 1);
  check_stream_failure ("garbage-binary", TESS_CHATKIT_ERROR_BAD_STREAM, "not valid UTF-8", 0);
  check_stream_failure ("wrong-shape", TESS_CHATKIT_ERROR_INVALID,
                        "event 1: /item/type: required member is missing", 0);
  check_stream_failure ("empty", TESS_CHATKIT_ERROR_EMPTY_STREAM,
                        "without sending any event (Content-Type: text/event-stream)", 0);
  check_stream_failure ("json-instead", TESS_CHATKIT_ERROR_EMPTY_STREAM,
                        "the server answered with application/json instead of an event "
                        "stream: thread not found", 0);
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_stalled (void)
{
  g_autoptr(TessThread) thread = tess_thread_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_timeout_add (200, cancel_soon, cancellable);
  error = stream_scenario ("stall-body", thread, cancellable, &n);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n, ==, 1);
  assert_thread_usable (thread);
}

static void
test_json_failures (void)
{
  g_autoptr(GError) html = call_scenario ("json-html", NULL);
  g_autoptr(GError) shape = call_scenario ("json-shape", NULL);
  g_autoptr(GError) empty = call_scenario ("json-empty", NULL);
  g_autoptr(GError) status = call_scenario ("status-500", NULL);
  g_autoptr(GError) stalled = call_scenario ("stall-headers", NULL);

  g_assert_error (html, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_BAD_JSON);
  g_assert_nonnull (strstr (html->message, "threads.list: the response is not JSON: 1:"));
  g_assert_error (shape, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID);
  g_assert_cmpstr (shape->message, ==,
                   "threads.list: unexpected response: /data: expected an array, found an integer");
  g_assert_error (empty, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_BAD_JSON);
  g_assert_error (status, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS);
  g_assert_error (stalled, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_TIMEOUT);
}

static void
test_json_page_and_request_shape (void)
{
  g_autoptr(TessPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TessChatkitClient) client = client_for ("json-list");
  Wait wait = { 0 };
  TessThreadInfo *info;

  error = call_scenario ("json-list", &page);
  g_assert_no_error (error);
  g_assert_cmpuint (page->data->len, ==, 1);
  info = g_ptr_array_index (page->data, 0);
  g_assert_cmpstr (info->id, ==, "thr_a");
  g_assert_cmpint (info->status, ==, TESS_THREAD_STATUS_CLOSED);
  g_assert_cmpstr (info->status_reason, ==, "archived");
  g_assert_true (json_object_has_member (info->metadata, "x"));

  /* Headers and body as the protocol wants them. */
  tess_chatkit_client_set_header (client, "Authorization", "Bearer sekrit");
  tess_chatkit_client_set_header (client, "X-Gone", "1");
  tess_chatkit_client_set_header (client, "X-Gone", NULL);
  tess_chatkit_client_set_accept_language (client, "pt-PT");
  tess_chatkit_client_list_threads_async (client, 20, "desc", "thr_z", NULL, got_result, &wait);
  wait_for (&wait);
  g_clear_pointer (&page, tess_page_unref);
  page = tess_chatkit_client_page_finish (client, wait.result, &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);

  g_mutex_lock (&raw.lock);
  g_assert_true (g_str_has_prefix (raw.last_request, "POST /s/json-list HTTP/1.1\r\n"));
  g_assert_nonnull (strstr (raw.last_request, "Authorization: Bearer sekrit\r\n"));
  g_assert_nonnull (strstr (raw.last_request, "Accept-Language: pt-PT\r\n"));
  g_assert_nonnull (strstr (raw.last_request, "Accept: application/json\r\n"));
  g_assert_nonnull (strstr (raw.last_request, "Content-Type: application/json\r\n"));
  g_assert_null (strstr (raw.last_request, "X-Gone"));
  g_assert_true (g_str_has_suffix (raw.last_request,
                                   "\r\n\r\n{\"type\":\"threads.list\",\"params\":{\"limit\":20,"
                                   "\"order\":\"desc\",\"after\":\"thr_z\"},\"metadata\":{}}"));
  g_mutex_unlock (&raw.lock);
}

static void
test_unreachable (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;
  g_autoptr(TessChatkitClient) client = NULL;
  g_autoptr(TessChatkitClient) bad_url = tess_chatkit_client_new ("ftp://example.invalid/x");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  Wait wait = { 0 };

  /* A port that was free a moment ago: nobody listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_socket_bind (socket, address, FALSE, NULL);
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/chatkit",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);
  client = tess_chatkit_client_new (url);

  tess_chatkit_client_call_async (client, TESS_OP_THREADS_LIST, params, NULL, got_result, &wait);
  wait_for (&wait);
  g_assert_null (tess_chatkit_client_call_finish (client, wait.result, &error));
  g_clear_object (&wait.result);
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_TRANSPORT);
  g_assert_nonnull (strstr (error->message, "could not reach http://127.0.0.1:"));
  g_clear_error (&error);

  tess_chatkit_client_call_async (bad_url, TESS_OP_THREADS_LIST, params, NULL, got_result, &wait);
  wait_for (&wait);
  g_assert_null (tess_chatkit_client_call_finish (bad_url, wait.result, &error));
  g_clear_object (&wait.result);
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_TRANSPORT);
  g_assert_nonnull (strstr (error->message, "is not an http:// or https:// URL"));
}

static void
test_params_shapes (void)
{
  g_autoptr(TessUserInput) input = tess_user_input_new ("hello there");
  g_autoptr(JsonNode) data = json_from_string ("{\"k\":\"v\"}", NULL);
  g_autoptr(JsonObject) create = NULL;
  g_autoptr(JsonObject) action = NULL;
  g_autoptr(JsonObject) feedback = NULL;
  g_autoptr(JsonNode) payload = json_from_string ("{\"n\":1,\"title\":\"from form\"}", NULL);
  g_autofree char *body = NULL;
  const char *ids[] = { "a", "b", NULL };

  tess_user_input_add_tag (input, "ent_1", "Harry", json_node_get_object (data), "People", TRUE);
  tess_user_input_set_quoted_text (input, "some quote");
  tess_user_input_set_model (input, "gpt-x");
  tess_user_input_set_tool_choice (input, "search");
  create = tess_chatkit_params_threads_create (input);
  body = tess_chatkit_request_body (TESS_OP_THREADS_CREATE, create);
  /* Exactly the example request of protocol §2. */
  g_assert_cmpstr (body, ==,
                   "{\"type\":\"threads.create\",\"params\":{\"input\":{\"content\":["
                   "{\"type\":\"input_text\",\"text\":\"hello there\"},"
                   "{\"type\":\"input_tag\",\"id\":\"ent_1\",\"text\":\"Harry\",\"data\":{\"k\":"
                   "\"v\"},\"group\":\"People\",\"interactive\":true}],\"attachments\":[],"
                   "\"quoted_text\":\"some quote\",\"inference_options\":{\"tool_choice\":{\"id\":"
                   "\"search\"},\"model\":\"gpt-x\"}}},\"metadata\":{}}");
  g_clear_pointer (&body, g_free);

  action = tess_chatkit_params_custom_action ("thr_073a6471", "msg_27ac2f78", "demo.ok", payload);
  body = tess_chatkit_request_body (TESS_OP_THREADS_CUSTOM_ACTION, action);
  g_assert_cmpstr (body, ==,
                   "{\"type\":\"threads.custom_action\",\"params\":{\"thread_id\":"
                   "\"thr_073a6471\",\"item_id\":\"msg_27ac2f78\",\"action\":{\"type\":"
                   "\"demo.ok\",\"payload\":{\"n\":1,\"title\":\"from form\"}}},\"metadata\":{}}");
  g_clear_pointer (&body, g_free);

  feedback = tess_chatkit_params_feedback ("t", ids, TESS_FEEDBACK_POSITIVE);
  body = tess_chatkit_request_body (TESS_OP_ITEMS_FEEDBACK, feedback);
  g_assert_cmpstr (body, ==, "{\"type\":\"items.feedback\",\"params\":{\"thread_id\":\"t\","
                   "\"item_ids\":[\"a\",\"b\"],\"kind\":\"positive\"},\"metadata\":{}}");

  {
    g_autoptr(JsonObject) submission = tess_structured_submission_new (FALSE);
    g_autoptr(JsonObject) params = NULL;
    const char *colors[] = { "blue", NULL };

    tess_structured_submission_add_answer (submission, "q1", colors);
    tess_structured_submission_add_answer (submission, "q2", NULL);
    params = tess_chatkit_params_add_structured_input ("t", "si_1", submission);
    g_clear_pointer (&body, g_free);
    body = tess_chatkit_request_body (TESS_OP_THREADS_ADD_STRUCTURED_INPUT, params);
    g_assert_cmpstr (body, ==,
                     "{\"type\":\"threads.add_structured_input\",\"params\":{\"thread_id\":"
                     "\"t\",\"item_id\":\"si_1\",\"input\":{\"status\":\"answered\","
                     "\"answers\":{\"q1\":{\"skipped\":false,\"values\":[\"blue\"]},"
                     "\"q2\":{\"skipped\":true,\"values\":[]}}}},\"metadata\":{}}");
  }

  g_assert_true (tess_chatkit_op_is_streaming (TESS_OP_THREADS_CUSTOM_ACTION));
  g_assert_false (tess_chatkit_op_is_streaming (TESS_OP_THREADS_SYNC_CUSTOM_ACTION));
  g_assert_false (tess_chatkit_op_is_known ("threads.teleport"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  raw_server_start ();

  g_test_add_func ("/client/params-shapes", test_params_shapes);
  g_test_add_func ("/client/good-streams", test_good_streams);
  g_test_add_func ("/client/dropped-mid-frame", test_dropped_mid_frame);
  g_test_add_func ("/client/dropped-chunked", test_dropped_chunked);
  g_test_add_func ("/client/stalled-body", test_stalled_body);
  g_test_add_func ("/client/stalled-headers", test_stalled_headers);
  g_test_add_func ("/client/status-errors", test_status_errors);
  g_test_add_func ("/client/garbage", test_garbage);
  g_test_add_func ("/client/cancel-stalled", test_cancel_stalled);
  g_test_add_func ("/client/json-failures", test_json_failures);
  g_test_add_func ("/client/json-page-and-request-shape", test_json_page_and_request_shape);
  g_test_add_func ("/client/unreachable", test_unreachable);

  return g_test_run ();
}
