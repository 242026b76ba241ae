/* test-playground.c: every op end to end, TessChatkitClient against the playground server
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "playground/tess-playground-server.h"
#include "protocol/tess-chatkit-client.h"
#include "protocol/tess-protocol-json.h"
#include "protocol/tess-thread.h"

/* Every wait is bounded: a hung request fails the test instead of hanging it. */
#define WAIT_SECONDS 30

typedef struct
{
  TessPlaygroundServer *server;
  TessChatkitClient    *client;
  TessThread           *thread;
  GPtrArray            *event_types;
  GAsyncResult         *result;
  GCancellable         *cancellable;
  char                 *cancel_on;
  GPtrArray            *strings;
} Fixture;

static gboolean
watchdog (gpointer data)
{
  g_error ("a request took longer than %d seconds", WAIT_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *fixture)
{
  guint id = g_timeout_add_seconds (WAIT_SECONDS, watchdog, NULL);

  while (fixture->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  return fixture->result;
}

static void
clear_result (Fixture *fixture)
{
  g_clear_object (&fixture->result);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  fixture->server = tess_playground_server_new (NULL, &error);
  g_assert_no_error (error);
  tess_playground_responder_set_word_delay (tess_playground_server_get_responder (fixture->server),
                                            0);
  tess_playground_server_listen (fixture->server, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tess_playground_server_get_port (fixture->server), >, 0);

  url = tess_playground_server_dup_url (fixture->server);
  fixture->client = tess_chatkit_client_new (url);
  tess_chatkit_client_set_timeout (fixture->client, 10);
  fixture->thread = tess_thread_new ();
  fixture->event_types = g_ptr_array_new_with_free_func (g_free);
  fixture->strings = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  clear_result (fixture);
  g_clear_object (&fixture->thread);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->cancellable);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->event_types, g_ptr_array_unref);
  g_free (fixture->cancel_on);
  g_clear_pointer (&fixture->strings, g_ptr_array_unref);
}

static void
on_event (TessStreamEvent *event,
          gpointer         user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (fixture->event_types, g_strdup (event->type));
  tess_thread_apply_event (fixture->thread, event, &error);
  g_assert_no_error (error);

  if (fixture->cancel_on != NULL && strcmp (event->type, fixture->cancel_on) == 0)
    g_cancellable_cancel (fixture->cancellable);
}

/* Runs a streaming op into fixture->thread; returns FALSE with @error on failure. */
static gboolean
run_stream (Fixture     *fixture,
            const char  *op,
            JsonObject  *params,
            GError     **error)
{
  gboolean ok;
  guint n_events = 0;

  g_ptr_array_set_size (fixture->event_types, 0);
  tess_thread_begin_stream (fixture->thread);
  tess_chatkit_client_stream_async (fixture->client, op, params, on_event, fixture,
                                    fixture->cancellable, got_result, fixture);
  ok = tess_chatkit_client_stream_finish (fixture->client, wait_result (fixture), &n_events,
                                          error);
  tess_thread_end_stream (fixture->thread);
  clear_result (fixture);
  json_object_unref (params);
  if (ok)
    g_assert_cmpuint (n_events, ==, fixture->event_types->len);
  return ok;
}

static void
send_text (Fixture    *fixture,
           const char *text)
{
  g_autoptr(TessUserInput) input = tess_user_input_new (text);
  g_autoptr(GError) error = NULL;
  const char *thread_id = tess_thread_get_id (fixture->thread);
  JsonObject *params = thread_id ? tess_chatkit_params_add_user_message (thread_id, input)
                                 : tess_chatkit_params_threads_create (input);

  run_stream (fixture, thread_id ? TESS_OP_THREADS_ADD_USER_MESSAGE : TESS_OP_THREADS_CREATE,
              params, &error);
  g_assert_no_error (error);
}

/* The message text of @item, freed with the fixture. */
static const char *
text_of (Fixture        *fixture,
         TessThreadItem *item)
{
  char *text = tess_thread_item_dup_text (item);

  g_ptr_array_add (fixture->strings, text);
  return text;
}

static TessThreadItem *
last_item (Fixture *fixture)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->thread));
  TessThreadItem *item;

  g_assert_cmpuint (n, >, 0);
  item = g_list_model_get_item (G_LIST_MODEL (fixture->thread), n - 1);
  g_object_unref (item);
  return item;
}

static TessThreadItem *
item_at (Fixture *fixture,
         guint    position)
{
  TessThreadItem *item = g_list_model_get_item (G_LIST_MODEL (fixture->thread), position);

  g_assert_nonnull (item);
  g_object_unref (item);
  return item;
}

static guint
n_items (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (fixture->thread));
}

static gboolean
saw_event (Fixture    *fixture,
           const char *type)
{
  for (guint i = 0; i < fixture->event_types->len; i++)
    if (strcmp (g_ptr_array_index (fixture->event_types, i), type) == 0)
      return TRUE;
  return FALSE;
}

static TessThreadInfo *
get_thread (Fixture     *fixture,
            const char  *thread_id,
            GError     **error)
{
  TessThreadInfo *info;

  tess_chatkit_client_get_thread_async (fixture->client, thread_id, NULL, got_result, fixture);
  info = tess_chatkit_client_thread_finish (fixture->client, wait_result (fixture), error);
  clear_result (fixture);
  return info;
}

static void
test_create_and_answer (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *answer = NULL;
  static const char *first[] = { "thread.created", "thread.item.done", "stream_options",
                                 "progress_update" };

  send_text (fixture, "hello there");

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    g_assert_cmpstr (g_ptr_array_index (fixture->event_types, i), ==, first[i]);
  g_assert_true (saw_event (fixture, "thread.updated"));
  g_assert_nonnull (tess_thread_get_id (fixture->thread));
  g_assert_true (g_str_has_prefix (tess_thread_get_id (fixture->thread), "thr_"));
  g_assert_cmpstr (tess_thread_get_title (fixture->thread), ==, "hello there");
  g_assert_cmpuint (n_items (fixture), ==, 2);
  g_assert_cmpint (tess_thread_item_get_kind (item_at (fixture, 0)), ==, TESS_ITEM_USER_MESSAGE);
  answer = text_of (fixture, last_item (fixture));
  g_assert_true (g_str_has_prefix (answer, "You said: **hello there**"));
  g_assert_null (tess_thread_get_progress_text (fixture->thread));

  /* The server persisted exactly what the client shows. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TessThreadInfo) info = get_thread (fixture, tess_thread_get_id (fixture->thread),
                                                 &error);
    g_autoptr(JsonNode) local = tess_thread_items_to_json (fixture->thread);
    g_autoptr(TessThread) reloaded = tess_thread_new ();
    g_autoptr(JsonNode) remote = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (info->title, ==, "hello there");
    tess_thread_load (reloaded, info);
    remote = tess_thread_items_to_json (reloaded);
    g_assert_true (json_node_equal (local, remote));
  }
}

static void
test_widget_action (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) payload = json_from_string ("{\"city\":\"Lisbon\",\"n\":1}", NULL);
  g_autofree char *widget_id = NULL;
  const char *answer = NULL;
  JsonObject *status;

  send_text (fixture, "/widget weather");
  g_assert_cmpint (tess_thread_item_get_kind (last_item (fixture)), ==, TESS_ITEM_WIDGET);
  g_assert_cmpstr (json_object_get_string_member (tess_thread_item_get_widget (last_item (fixture)),
                                                  "type"), ==, "Card");
  widget_id = g_strdup (tess_thread_item_get_id (last_item (fixture)));

  run_stream (fixture, TESS_OP_THREADS_CUSTOM_ACTION,
              tess_chatkit_params_custom_action (tess_thread_get_id (fixture->thread), widget_id,
                                                 "weather.refresh", payload), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (fixture->event_types, 0), ==, "stream_options");
  g_assert_true (saw_event (fixture, "thread.item.replaced"));

  /* The sender widget now shows the action… */
  status = json_object_get_object_member (
    tess_thread_item_get_widget (tess_thread_lookup_item (fixture->thread, widget_id, NULL)),
    "status");
  g_assert_nonnull (status);
  g_assert_cmpstr (json_object_get_string_member (status, "text"), ==,
                   "Last action: weather.refresh");
  /* …and the answer quotes the exact type and payload. */
  answer = text_of (fixture, last_item (fixture));
  g_assert_nonnull (strstr (answer, "Received action `weather.refresh` from widget"));
  g_assert_nonnull (strstr (answer, "\"city\" : \"Lisbon\""));
  g_assert_nonnull (strstr (answer, widget_id));

  /* Actions on a non-widget item are refused with a clear error. */
  run_stream (fixture, TESS_OP_THREADS_CUSTOM_ACTION,
              tess_chatkit_params_custom_action (tess_thread_get_id (fixture->thread),
                                                 tess_thread_item_get_id (item_at (fixture, 0)),
                                                 "x", NULL), &error);
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (error->message, "HTTP 400"));
  g_assert_nonnull (strstr (error->message, "not a widget"));
}

static void
test_sync_action (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessThreadItem) updated = NULL;
  g_autofree char *widget_id = NULL;
  guint before;
  gboolean ok;

  send_text (fixture, "/widget todo-form");
  widget_id = g_strdup (tess_thread_item_get_id (last_item (fixture)));
  before = n_items (fixture);

  tess_chatkit_client_sync_custom_action_async (fixture->client,
                                                tess_thread_get_id (fixture->thread), widget_id,
                                                "todo.create", NULL, NULL, got_result, fixture);
  ok = tess_chatkit_client_sync_custom_action_finish (fixture->client, wait_result (fixture),
                                                      &updated, &error);
  clear_result (fixture);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_nonnull (updated);
  g_assert_cmpstr (tess_thread_item_get_id (updated), ==, widget_id);
  g_assert_true (tess_thread_replace_item (fixture->thread, updated));
  g_assert_cmpuint (n_items (fixture), ==, before);
  g_assert_cmpstr (json_object_get_string_member (
    json_object_get_object_member (tess_thread_item_get_widget (last_item (fixture)), "status"),
    "text"), ==, "Last action: todo.create");

  /* Without a sender: {} and nothing to replace. */
  g_clear_object (&updated);
  tess_chatkit_client_sync_custom_action_async (fixture->client,
                                                tess_thread_get_id (fixture->thread), NULL,
                                                "app.ping", NULL, NULL, got_result, fixture);
  ok = tess_chatkit_client_sync_custom_action_finish (fixture->client, wait_result (fixture),
                                                      &updated, &error);
  clear_result (fixture);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_null (updated);
}

static void
test_streamed_widget (Fixture       *fixture,
                      gconstpointer  data)
{
  JsonObject *widget;
  JsonArray *children;
  guint n_deltas = 0;

  send_text (fixture, "/stream");
  for (guint i = 0; i < fixture->event_types->len; i++)
    if (strcmp (g_ptr_array_index (fixture->event_types, i), "thread.item.updated") == 0)
      n_deltas++;
  g_assert_cmpuint (n_deltas, ==, 6);
  widget = tess_thread_item_get_widget (last_item (fixture));
  children = json_object_get_array_member (widget, "children");
  g_assert_cmpuint (json_array_get_length (children), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (children, 1),
                                                  "value"), ==,
                   "Widgets can stream their text too.");
}

static void
test_streamed_gallery_widget (Fixture       *fixture,
                              gconstpointer  data)
{
  JsonObject *expected = tess_playground_responder_get_widget (
    tess_playground_server_get_responder (fixture->server), "weather");
  g_autoptr(JsonNode) expected_node = json_node_init_object (json_node_alloc (), expected);
  g_autoptr(JsonNode) actual_node = NULL;
  guint n_children = json_array_get_length (json_object_get_array_member (expected, "children"));
  guint n_updates = 0;

  send_text (fixture, "/stream weather");
  for (guint i = 0; i < fixture->event_types->len; i++)
    if (strcmp (g_ptr_array_index (fixture->event_types, i), "thread.item.updated") == 0)
      n_updates++;
  g_assert_cmpuint (n_children, >, 1);
  g_assert_cmpuint (n_updates, ==, n_children - 1);
  actual_node = json_node_init_object (json_node_alloc (),
                                       tess_thread_item_get_widget (last_item (fixture)));
  g_assert_true (json_node_equal (expected_node, actual_node));

  /* An unknown name answers with the gallery's contents. */
  send_text (fixture, "/stream nope");
  g_assert_nonnull (strstr (text_of (fixture, last_item (fixture)), "no widget named `nope`"));
}

static void
test_workflow_image_notice_effect (Fixture       *fixture,
                                   gconstpointer  data)
{
  JsonObject *workflow;

  send_text (fixture, "/workflow");
  workflow = json_object_get_object_member (tess_thread_item_get_object (item_at (fixture, 1)),
                                            "workflow");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (workflow, "tasks")), ==,
                    2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (workflow, "summary"),
                                               "duration"), ==, 2);
  g_assert_cmpint (tess_thread_item_get_kind (last_item (fixture)), ==,
                   TESS_ITEM_ASSISTANT_MESSAGE);

  send_text (fixture, "/image");
  g_assert_cmpint (tess_thread_item_get_kind (last_item (fixture)), ==,
                   TESS_ITEM_GENERATED_IMAGE);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (
    json_object_get_object_member (tess_thread_item_get_object (last_item (fixture)), "image"),
    "url"), "data:image/png;base64,"));

  send_text (fixture, "/notice");
  g_assert_true (saw_event (fixture, "notice"));
  send_text (fixture, "/effect");
  g_assert_true (saw_event (fixture, "client_effect"));
  /* Thread status: announced, applied, persisted. */
  send_text (fixture, "/lock");
  g_assert_cmpint (tess_thread_get_status (fixture->thread), ==, TESS_THREAD_STATUS_LOCKED);
  g_assert_nonnull (strstr (tess_thread_get_info (fixture->thread)->status_reason, "/lock"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TessThreadInfo) info = get_thread (fixture, tess_thread_get_id (fixture->thread),
                                                 &error);

    g_assert_no_error (error);
    g_assert_cmpint (info->status, ==, TESS_THREAD_STATUS_LOCKED);
  }
  send_text (fixture, "/close");
  g_assert_cmpint (tess_thread_get_status (fixture->thread), ==, TESS_THREAD_STATUS_CLOSED);
  send_text (fixture, "/reopen");
  g_assert_cmpint (tess_thread_get_status (fixture->thread), ==, TESS_THREAD_STATUS_ACTIVE);

  send_text (fixture, "/help");
  g_assert_nonnull (strstr (text_of (fixture, last_item (fixture)), "/widget NAME"));
}

static void
test_client_tool (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessUserInput) input = tess_user_input_new ("what time is it?");
  g_autoptr(JsonNode) result = json_from_string ("{\"time\":\"12:34\"}", NULL);
  g_autofree char *call_id = NULL;
  const char *answer = NULL;

  tess_user_input_set_tool_choice (input, "get_time");
  run_stream (fixture, TESS_OP_THREADS_CREATE, tess_chatkit_params_threads_create (input), &error);
  g_assert_no_error (error);
  g_assert_nonnull (tess_thread_get_pending_tool_call (fixture->thread));
  call_id = g_strdup (tess_thread_item_get_id (
    tess_thread_get_pending_tool_call (fixture->thread)));
  g_assert_cmpstr (json_object_get_string_member (
    tess_thread_item_get_object (tess_thread_get_pending_tool_call (fixture->thread)), "name"), ==,
    "get_time");

  /* A second output with nothing pending is refused. */
  g_assert_true (tess_thread_complete_tool_call (fixture->thread, result));
  run_stream (fixture, TESS_OP_THREADS_ADD_CLIENT_TOOL_OUTPUT,
              tess_chatkit_params_add_client_tool_output (tess_thread_get_id (fixture->thread),
                                                          result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tess_thread_item_get_status (tess_thread_lookup_item (fixture->thread, call_id,
                                                                         NULL)), ==, "completed");
  answer = text_of (fixture, last_item (fixture));
  g_assert_nonnull (strstr (answer, "`get_time` returned"));
  g_assert_nonnull (strstr (answer, "12:34"));

  run_stream (fixture, TESS_OP_THREADS_ADD_CLIENT_TOOL_OUTPUT,
              tess_chatkit_params_add_client_tool_output (tess_thread_get_id (fixture->thread),
                                                          result), &error);
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (error->message, "no pending client tool call"));
  g_clear_error (&error);

  /* The server stored the completed call. */
  {
    g_autoptr(TessThreadInfo) info = get_thread (fixture, tess_thread_get_id (fixture->thread),
                                                 &error);
    g_autoptr(TessThread) reloaded = tess_thread_new ();

    g_assert_no_error (error);
    tess_thread_load (reloaded, info);
    g_assert_cmpstr (tess_thread_item_get_status (tess_thread_lookup_item (reloaded, call_id,
                                                                           NULL)), ==,
                     "completed");
  }
}

static void
test_structured_input (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) submission = json_from_string (
    "{\"status\":\"answered\",\"answers\":{\"color\":{\"values\":[\"blue\",\"red\"]},"
    "\"extras\":{\"values\":[\"stripes\",\"dots\"]},\"why\":{\"values\":[],\"skipped\":false},"
    "\"bogus\":{\"values\":[\"x\"]}}}", NULL);
  g_autofree char *item_id = NULL;
  JsonArray *inputs;
  JsonObject *answer;

  send_text (fixture, "/ask");
  g_assert_cmpint (tess_thread_item_get_kind (last_item (fixture)), ==,
                   TESS_ITEM_STRUCTURED_INPUT);
  g_assert_cmpstr (tess_thread_item_get_status (last_item (fixture)), ==, "pending");
  item_id = g_strdup (tess_thread_item_get_id (last_item (fixture)));

  run_stream (fixture, TESS_OP_THREADS_ADD_STRUCTURED_INPUT,
              tess_chatkit_params_add_structured_input (tess_thread_get_id (fixture->thread),
                                                        item_id,
                                                        json_node_get_object (submission)),
              &error);
  g_assert_no_error (error);
  g_assert_true (saw_event (fixture, "thread.item.replaced"));
  g_assert_cmpstr (tess_thread_item_get_status (tess_thread_lookup_item (fixture->thread, item_id,
                                                                         NULL)), ==, "answered");
  inputs = json_object_get_array_member (
    tess_thread_item_get_object (tess_thread_lookup_item (fixture->thread, item_id, NULL)),
    "inputs");
  /* Single choice keeps the first value, multiple keeps all, empty values means skipped. */
  answer = json_object_get_object_member (json_array_get_object_element (inputs, 0), "answer");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "values")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (answer, "values"),
                                                  0), ==, "blue");
  answer = json_object_get_object_member (json_array_get_object_element (inputs, 1), "answer");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "values")), ==, 2);
  answer = json_object_get_object_member (json_array_get_object_element (inputs, 2), "answer");
  g_assert_true (json_object_get_boolean_member (answer, "skipped"));
  g_assert_nonnull (strstr (text_of (fixture, last_item (fixture)), "**blue**"));

  /* Answering twice is refused. */
  run_stream (fixture, TESS_OP_THREADS_ADD_STRUCTURED_INPUT,
              tess_chatkit_params_add_structured_input (tess_thread_get_id (fixture->thread),
                                                        item_id,
                                                        json_node_get_object (submission)),
              &error);
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (error->message, "not a pending structured input"));
}

static void
test_retry (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first_user = NULL;
  g_autoptr(TessThreadInfo) info = NULL;

  send_text (fixture, "first");
  first_user = g_strdup (tess_thread_item_get_id (item_at (fixture, 0)));
  send_text (fixture, "second");
  g_assert_cmpuint (n_items (fixture), ==, 4);

  /* The client drops the later items itself (the server sends no removals). */
  g_assert_cmpuint (tess_thread_remove_items_after (fixture->thread, first_user), ==, 3);
  run_stream (fixture, TESS_OP_THREADS_RETRY_AFTER_ITEM,
              tess_chatkit_params_retry_after_item (tess_thread_get_id (fixture->thread),
                                                    first_user), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (fixture), ==, 2);
  g_assert_true (g_str_has_prefix (text_of (fixture, last_item (fixture)),
                                   "You said: **first**"));

  info = get_thread (fixture, tess_thread_get_id (fixture->thread), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->items->data->len, ==, 2);

  /* Retrying after a non-user item fails clearly. */
  run_stream (fixture, TESS_OP_THREADS_RETRY_AFTER_ITEM,
              tess_chatkit_params_retry_after_item (tess_thread_get_id (fixture->thread),
                                                    tess_thread_item_get_id (last_item (fixture))),
              &error);
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (error->message, "is not a user message"));
}

static void
test_fail_event (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TessThreadItem *failed_turn;

  send_text (fixture, "/fail");
  g_assert_true (saw_event (fixture, "error"));
  /* The title set during the failed turn is still announced after the error. */
  g_assert_cmpstr (g_ptr_array_index (fixture->event_types, fixture->event_types->len - 1), ==,
                   "thread.updated");

  /* Retry after the error: the turn's user message is the newest one. */
  failed_turn = tess_thread_get_last_user_message (fixture->thread);
  g_assert_nonnull (failed_turn);
  run_stream (fixture, TESS_OP_THREADS_RETRY_AFTER_ITEM,
              tess_chatkit_params_retry_after_item (tess_thread_get_id (fixture->thread),
                                                    tess_thread_item_get_id (failed_turn)),
              &error);
  g_assert_no_error (error);
  g_assert_true (saw_event (fixture, "error"));
  /* The thread stays usable. */
  send_text (fixture, "again");
  g_assert_cmpint (tess_thread_item_get_kind (last_item (fixture)), ==,
                   TESS_ITEM_ASSISTANT_MESSAGE);
}

static TessPage *
list_threads (Fixture    *fixture,
              guint       limit,
              const char *order,
              const char *after)
{
  g_autoptr(GError) error = NULL;
  TessPage *page;

  tess_chatkit_client_list_threads_async (fixture->client, limit, order, after, NULL, got_result,
                                          fixture);
  page = tess_chatkit_client_page_finish (fixture->client, wait_result (fixture), &error);
  clear_result (fixture);
  g_assert_no_error (error);
  return page;
}

static void
test_threads_list_update_delete (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessPage) first = NULL;
  g_autoptr(TessPage) rest = NULL;
  g_autoptr(TessPage) after_delete = NULL;
  g_autoptr(TessThreadInfo) renamed = NULL;
  g_autoptr(TessThreadInfo) missing = NULL;
  g_auto(GStrv) ids = g_new0 (char *, 4);
  TessThreadInfo *info;
  gboolean ok;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("thread %u", i);

      g_clear_object (&fixture->thread);
      fixture->thread = tess_thread_new ();
      send_text (fixture, text);
      ids[i] = g_strdup (tess_thread_get_id (fixture->thread));
    }

  first = list_threads (fixture, 2, "desc", NULL);
  g_assert_cmpuint (first->data->len, ==, 2);
  g_assert_true (first->has_more);
  info = g_ptr_array_index (first->data, 0);
  g_assert_cmpstr (info->id, ==, ids[2]);
  g_assert_cmpstr (info->title, ==, "thread 2");
  g_assert_nonnull (info->items);
  g_assert_cmpuint (info->items->data->len, ==, 0);
  rest = list_threads (fixture, 2, "desc", first->after);
  g_assert_cmpuint (rest->data->len, ==, 1);
  g_assert_false (rest->has_more);
  g_assert_cmpstr (((TessThreadInfo *) g_ptr_array_index (rest->data, 0))->id, ==, ids[0]);

  tess_chatkit_client_update_thread_async (fixture->client, ids[1], "Renamed", NULL, got_result,
                                           fixture);
  renamed = tess_chatkit_client_thread_finish (fixture->client, wait_result (fixture), &error);
  clear_result (fixture);
  g_assert_no_error (error);
  g_assert_cmpstr (renamed->title, ==, "Renamed");

  tess_chatkit_client_delete_thread_async (fixture->client, ids[1], NULL, got_result, fixture);
  ok = tess_chatkit_client_empty_finish (fixture->client, wait_result (fixture), &error);
  clear_result (fixture);
  g_assert_no_error (error);
  g_assert_true (ok);

  after_delete = list_threads (fixture, 10, "asc", NULL);
  g_assert_cmpuint (after_delete->data->len, ==, 2);
  g_assert_cmpstr (((TessThreadInfo *) g_ptr_array_index (after_delete->data, 0))->id, ==, ids[0]);

  missing = get_thread (fixture, ids[1], &error);
  g_assert_null (missing);
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (error->message, "HTTP 404"));
  g_assert_nonnull (strstr (error->message, ids[1]));
}

static void
test_items_paging_and_feedback (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessThread) history = tess_thread_new ();
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) paged = NULL;
  const char *after = NULL;
  guint pages = 0;
  const char *ids[2];
  g_autofree char *feedback = NULL;
  gboolean ok;

  send_text (fixture, "one");
  send_text (fixture, "two");
  send_text (fixture, "three");
  g_assert_cmpuint (n_items (fixture), ==, 6);

  /* Newest first, two at a time, merged into a fresh thread. */
  do
    {
      g_autoptr(TessPage) page = NULL;

      tess_chatkit_client_list_items_async (fixture->client, tess_thread_get_id (fixture->thread),
                                            2, "desc", tess_thread_get_history_cursor (history),
                                            NULL, got_result, fixture);
      page = tess_chatkit_client_page_finish (fixture->client, wait_result (fixture), &error);
      clear_result (fixture);
      g_assert_no_error (error);
      g_assert_cmpuint (page->data->len, <=, 2);
      tess_thread_add_history_page (history, page, "desc");
      after = tess_thread_get_history_cursor (history);
      pages++;
    }
  while (after != NULL && pages < 10);
  g_assert_cmpuint (pages, ==, 3);

  all = tess_thread_items_to_json (fixture->thread);
  paged = tess_thread_items_to_json (history);
  g_assert_true (json_node_equal (all, paged));

  ids[0] = tess_thread_item_get_id (item_at (fixture, 1));
  ids[1] = NULL;
  tess_chatkit_client_feedback_async (fixture->client, tess_thread_get_id (fixture->thread), ids,
                                      TESS_FEEDBACK_NEGATIVE, NULL, got_result, fixture);
  ok = tess_chatkit_client_empty_finish (fixture->client, wait_result (fixture), &error);
  clear_result (fixture);
  g_assert_no_error (error);
  g_assert_true (ok);
  feedback = tess_playground_store_get_feedback (tess_playground_server_get_store (fixture->server),
                                                 tess_thread_get_id (fixture->thread), ids[0]);
  g_assert_cmpstr (feedback, ==, "negative");
}

static TessAttachment *
create_attachment (Fixture     *fixture,
                   const char  *name,
                   gint64       size,
                   const char  *mime,
                   GError     **error)
{
  TessAttachment *attachment;

  tess_chatkit_client_create_attachment_async (fixture->client, name, size, mime, NULL,
                                               got_result, fixture);
  attachment = tess_chatkit_client_create_attachment_finish (fixture->client,
                                                             wait_result (fixture), error);
  clear_result (fixture);
  return attachment;
}

static gboolean
upload (Fixture         *fixture,
        TessAttachment  *attachment,
        GBytes          *contents,
        GError         **error)
{
  gboolean ok;

  tess_chatkit_client_upload_attachment_async (fixture->client, attachment, contents, NULL,
                                               got_result, fixture);
  ok = tess_chatkit_client_empty_finish (fixture->client, wait_result (fixture), error);
  clear_result (fixture);
  return ok;
}

static void
test_attachments (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = g_bytes_new_static ("hello, file\n", 12);
  g_autoptr(TessAttachment) file = NULL;
  g_autoptr(TessAttachment) image = NULL;
  g_autoptr(TessAttachment) put = NULL;
  g_autoptr(TessAttachment) never = NULL;
  g_autoptr(TessUserInput) input = NULL;
  JsonArray *attachments;
  gboolean ok;

  /* Both phases in one call. */
  tess_chatkit_client_attach_async (fixture->client, "notes.txt", "text/plain", contents, NULL,
                                    got_result, fixture);
  file = tess_chatkit_client_attach_finish (fixture->client, wait_result (fixture), &error);
  clear_result (fixture);
  g_assert_no_error (error);
  g_assert_cmpstr (file->kind, ==, "file");
  g_assert_cmpstr (file->upload_method, ==, "POST");

  image = create_attachment (fixture, "pixel.png", 12, "image/png", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (image->kind, ==, "image");
  g_assert_nonnull (image->preview_url);

  /* The same upload through PUT (the other method a descriptor may name). */
  {
    JsonObject *object = tess_pjson_copy_object (image->object);
    JsonObject *descriptor = json_object_get_object_member (object, "upload_descriptor");

    json_object_set_string_member (descriptor, "method", "PUT");
    put = tess_attachment_parse (object, "", &error);
    json_object_unref (object);
    g_assert_no_error (error);
    g_assert_cmpstr (put->upload_method, ==, "PUT");
    g_assert_true (upload (fixture, put, contents, &error));
    g_assert_no_error (error);
  }

  input = tess_user_input_new ("see attached");
  tess_user_input_add_attachment (input, file->id);
  tess_user_input_add_attachment (input, image->id);
  run_stream (fixture, TESS_OP_THREADS_CREATE, tess_chatkit_params_threads_create (input),
              &error);
  g_assert_no_error (error);
  attachments = json_object_get_array_member (tess_thread_item_get_object (item_at (fixture, 0)),
                                              "attachments");
  g_assert_cmpuint (json_array_get_length (attachments), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (attachments, 0),
                                                  "thread_id"), ==,
                   tess_thread_get_id (fixture->thread));
  g_assert_nonnull (strstr (text_of (fixture, last_item (fixture)), "**notes.txt**"));

  /* A size mismatch, an attachment never uploaded, a size over the limit. */
  never = create_attachment (fixture, "never.bin", 5, "application/octet-stream", &error);
  g_assert_no_error (error);
  g_assert_false (upload (fixture, never, contents, &error));
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (error->message, "announced with 5 bytes, got 12"));
  g_clear_error (&error);
  {
    g_autoptr(TessUserInput) bad = tess_user_input_new ("x");

    tess_user_input_add_attachment (bad, never->id);
    run_stream (fixture, TESS_OP_THREADS_ADD_USER_MESSAGE,
                tess_chatkit_params_add_user_message (tess_thread_get_id (fixture->thread), bad),
                &error);
    g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS);
    g_assert_nonnull (strstr (error->message, "was never uploaded"));
    g_clear_error (&error);
  }
  tess_playground_server_set_max_upload (fixture->server, 8);
  g_assert_null (create_attachment (fixture, "big.bin", 9, "application/octet-stream", &error));
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (error->message, "HTTP 413"));
  g_clear_error (&error);

  tess_chatkit_client_delete_attachment_async (fixture->client, never->id, NULL, got_result,
                                               fixture);
  ok = tess_chatkit_client_empty_finish (fixture->client, wait_result (fixture), &error);
  clear_result (fixture);
  g_assert_no_error (error);
  g_assert_true (ok);
  tess_chatkit_client_delete_attachment_async (fixture->client, never->id, NULL, got_result,
                                               fixture);
  ok = tess_chatkit_client_empty_finish (fixture->client, wait_result (fixture), &error);
  clear_result (fixture);
  g_assert_false (ok);
  g_assert_nonnull (strstr (error->message, "HTTP 404"));
}

static void
test_transcribe_and_bad_requests (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) audio = g_bytes_new_static ("\x1a\x45\xdf\xa3", 4);
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonNode) reply = NULL;

  tess_chatkit_client_transcribe_async (fixture->client, audio, "audio/webm;codecs=opus", NULL,
                                        got_result, fixture);
  text = tess_chatkit_client_transcribe_finish (fixture->client, wait_result (fixture), &error);
  clear_result (fixture);
  g_assert_null (text);
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (error->message, "HTTP 501"));
  g_assert_nonnull (strstr (error->message, "not supported by the Tessera playground"));
  g_clear_error (&error);

  /* Unknown op and a missing required field: HTTP 400 with a JSON pointer. */
  tess_chatkit_client_call_async (fixture->client, "threads.teleport", params, NULL, got_result,
                                  fixture);
  reply = tess_chatkit_client_call_finish (fixture->client, wait_result (fixture), &error);
  clear_result (fixture);
  g_assert_nonnull (strstr (error->message, "unknown request type “threads.teleport”"));
  g_clear_error (&error);
  tess_chatkit_client_call_async (fixture->client, TESS_OP_THREADS_GET_BY_ID, params, NULL,
                                  got_result, fixture);
  reply = tess_chatkit_client_call_finish (fixture->client, wait_result (fixture), &error);
  clear_result (fixture);
  g_assert_nonnull (strstr (error->message, "HTTP 400"));
  g_assert_nonnull (strstr (error->message, "/params/thread_id: required member is missing"));
}

static void
test_cancel_keeps_partial_answer (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessUserInput) input = tess_user_input_new ("/slow");
  g_autofree char *thread_id = NULL;
  g_autofree char *partial_id = NULL;
  gboolean saved = FALSE;

  fixture->cancellable = g_cancellable_new ();
  fixture->cancel_on = g_strdup ("thread.item.updated");
  run_stream (fixture, TESS_OP_THREADS_CREATE, tess_chatkit_params_threads_create (input), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  thread_id = g_strdup (tess_thread_get_id (fixture->thread));
  partial_id = g_strdup (tess_thread_item_get_id (last_item (fixture)));
  g_assert_false (tess_thread_get_streaming (fixture->thread));

  /* Wait (bounded) until the server noticed the abort; it keeps the non-empty partial text. */
  for (guint i = 0; i < 1000 && !saved; i++)
    {
      g_autoptr(JsonObject) item = NULL;

      g_usleep (10 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      item = tess_playground_store_load_item (tess_playground_server_get_store (fixture->server),
                                              thread_id, partial_id, NULL);
      saved = item != NULL;
    }
  g_assert_true (saved);

  /* The thread is still usable. */
  g_clear_object (&fixture->cancellable);
  g_clear_pointer (&fixture->cancel_on, g_free);
  send_text (fixture, "after the stop");
  g_assert_true (g_str_has_prefix (text_of (fixture, last_item (fixture)),
                                   "You said: **after the stop**"));
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **body = user_data;
  g_autoptr(GError) error = NULL;

  *body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (*body == NULL)
    *body = g_bytes_new_static ("", 0);
}

/* POSTs @body as-is; returns the HTTP status. */
static guint
raw_post (SoupSession *session,
          const char  *url,
          const char  *body,
          gsize        length)
{
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(GBytes) request = g_bytes_new (body, length);
  g_autoptr(GBytes) reply = NULL;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, watchdog, NULL);

  soup_message_set_request_body_from_bytes (message, "application/json", request);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_sent, &reply);
  while (reply == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  return soup_message_get_status (message);
}

static void
test_hostile_requests (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = tess_playground_server_dup_url (fixture->server);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  static const char *ops[] = {
    "threads.create", "threads.add_user_message", "threads.add_client_tool_output",
    "threads.add_structured_input", "threads.retry_after_item", "threads.custom_action",
    "threads.sync_custom_action", "threads.get_by_id", "threads.list", "threads.update",
    "threads.delete", "items.list", "items.feedback", "attachments.create",
    "attachments.delete", "input.transcribe",
  };
  static const char *values[] = { "null", "1", "-5", "\"x\"", "[]", "{}", "[1,{}]",
                                  "{\"content\":7}", "{\"type\":1}", "\"thr_nope\"" };
  static const char *members[] = { "thread_id", "item_id", "input", "result", "action",
                                   "limit", "order", "after", "title", "item_ids", "kind", "name",
                                   "size", "mime_type", "attachment_id", "audio_base64" };
  guint statuses[600] = { 0 };

  send_text (fixture, "a real thread");
  g_ptr_array_add (bodies, g_strdup ("not json"));
  g_ptr_array_add (bodies, g_strdup ("[]"));
  g_ptr_array_add (bodies, g_strdup ("{\"type\":\"threads.list\"}"));
  g_ptr_array_add (bodies, g_strdup ("{\"type\":\"threads.list\",\"params\":[]}"));
  g_ptr_array_add (bodies, g_strdup ("\xff\xfe{}"));
  g_ptr_array_add (bodies, g_strdup (""));

  /* Random params for every op, including a real thread id now and then. */
  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(JsonObject) params = json_object_new ();
      guint n = g_rand_int_range (rand, 0, 5);

      for (guint j = 0; j < n; j++)
        {
          const char *member = members[g_rand_int_range (rand, 0, G_N_ELEMENTS (members))];

          if (g_rand_int_range (rand, 0, 3) == 0 && strcmp (member, "thread_id") == 0)
            json_object_set_string_member (params, member, tess_thread_get_id (fixture->thread));
          else
            json_object_set_member (params, member, json_from_string (
              values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))], NULL));
        }
      g_ptr_array_add (bodies, tess_chatkit_request_body (
        ops[g_rand_int_range (rand, 0, G_N_ELEMENTS (ops))], params));
    }

  for (guint i = 0; i < bodies->len; i++)
    {
      const char *body = g_ptr_array_index (bodies, i);

      statuses[i] = raw_post (session, url, body, strlen (body));
      /* Either an answer or a clear client error; never a crash or a hang. */
      g_assert_true (statuses[i] == 200 || statuses[i] == 400 || statuses[i] == 404 ||
                     statuses[i] == 413 || statuses[i] == 501);
    }
  g_assert_cmpuint (statuses[0], ==, 400);
  g_assert_cmpuint (statuses[2], ==, 400);

  /* Still serving, and the real thread is intact. */
  send_text (fixture, "still there?");
  g_assert_true (g_str_has_prefix (text_of (fixture, last_item (fixture)),
                                   "You said: **still there?**"));
}

/* A raw HTTP request, written and read in a thread while the server runs in this one: the
 * request can carry the Host and Origin a browser would, and a body the client never ends. */
typedef struct
{
  guint       port;
  const char *head;      /* request line and headers, without the blank line */
  GBytes     *body;      /* sent after the headers; NULL for none */
  gboolean    chunked;
  guint       status;
  gboolean    done;
} RawRequest;

static gpointer
raw_request_thread (gpointer data)
{
  RawRequest *request = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) input = NULL;
  g_autofree char *head = NULL;
  g_autofree char *status_line = NULL;
  GOutputStream *output;

  g_socket_client_set_timeout (client, WAIT_SECONDS);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", request->port, NULL, NULL);
  g_assert_nonnull (connection);
  output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  head = g_strdup_printf ("%s\r\n\r\n", request->head);
  g_output_stream_write_all (output, head, strlen (head), NULL, NULL, NULL);
  if (request->body != NULL)
    {
      gsize size;
      const char *bytes = g_bytes_get_data (request->body, &size);

      /* Errors are fine here: the server may answer and close before it has all of it. */
      for (gsize sent = 0; sent < size; sent += 65536)
        {
          gsize n = MIN (65536, size - sent);
          g_autofree char *frame = request->chunked ? g_strdup_printf ("%zx\r\n", n) : NULL;

          if ((frame != NULL &&
               !g_output_stream_write_all (output, frame, strlen (frame), NULL, NULL, NULL)) ||
              !g_output_stream_write_all (output, bytes + sent, n, NULL, NULL, NULL) ||
              (frame != NULL && !g_output_stream_write_all (output, "\r\n", 2, NULL, NULL, NULL)))
            break;
        }
      if (request->chunked)
        g_output_stream_write_all (output, "0\r\n\r\n", 5, NULL, NULL, NULL);
    }
  input = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  status_line = g_data_input_stream_read_line (input, NULL, NULL, NULL);
  if (status_line != NULL && g_str_has_prefix (status_line, "HTTP/1.1 "))
    request->status = (guint) g_ascii_strtoull (status_line + 9, NULL, 10);
  g_atomic_int_set (&request->done, TRUE);
  return NULL;
}

static guint
raw_request (Fixture    *fixture,
             const char *head,
             GBytes     *body,
             gboolean    chunked)
{
  RawRequest request = { tess_playground_server_get_port (fixture->server), head, body, chunked,
                         0, FALSE };
  g_autoptr(GThread) thread = g_thread_new ("raw-request", raw_request_thread, &request);
  guint id = g_timeout_add_seconds (WAIT_SECONDS, watchdog, NULL);

  while (!g_atomic_int_get (&request.done))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  g_thread_join (g_steal_pointer (&thread));
  return request.status;
}

static void
test_local_only_and_bounded (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *list = "{\"type\":\"threads.list\",\"params\":{}}";
  g_autoptr(GBytes) body = g_bytes_new_static (list, strlen (list));
  g_autofree char *length = g_strdup_printf ("Content-Length: %zu", strlen (list));
  g_autofree char *plain = g_strdup_printf ("POST /chatkit HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                            "Content-Type: application/json\r\n%s", length);
  g_autofree char *rebound = g_strdup_printf ("POST /chatkit HTTP/1.1\r\nHost: evil.example:80\r\n"
                                              "%s", length);
  g_autofree char *page = g_strdup_printf ("%s\r\nOrigin: https://evil.example", plain);
  g_autofree char *local_page = g_strdup_printf ("%s\r\nOrigin: http://localhost:3000", plain);
  g_autofree char *v6 = g_strdup_printf ("POST /chatkit HTTP/1.1\r\nHost: [::1]:9\r\n%s", length);
  g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (3 * 1024 * 1024), 3 * 1024 * 1024);

  g_assert_cmpuint (raw_request (fixture, plain, body, FALSE), ==, 200);
  g_assert_cmpuint (raw_request (fixture, v6, body, FALSE), ==, 200);
  /* A domain rebound to 127.0.0.1, and a web page in a browser: refused. */
  g_assert_cmpuint (raw_request (fixture, rebound, body, FALSE), ==, 403);
  g_assert_cmpuint (raw_request (fixture, page, body, FALSE), ==, 403);
  g_assert_cmpuint (raw_request (fixture, local_page, body, FALSE), ==, 200);

  /* A declared length over the limit is refused whole, and a client that asks first is told
   * before it sends any of it. */
  g_assert_cmpuint (raw_request (fixture, "POST /chatkit HTTP/1.1\r\nHost: localhost\r\n"
                                 "Content-Length: 3145728", big, FALSE), ==, 413);
  g_assert_cmpuint (raw_request (fixture, "POST /chatkit HTTP/1.1\r\nHost: localhost\r\n"
                                 "Expect: 100-continue\r\nContent-Length: 100000000", NULL,
                                 FALSE), ==, 413);
  /* A chunked body has no length to check first: it is cut off as it grows. */
  g_assert_cmpuint (raw_request (fixture, "POST /chatkit HTTP/1.1\r\nHost: localhost\r\n"
                                 "Transfer-Encoding: chunked", big, TRUE), ==, 413);
  g_assert_cmpuint (raw_request (fixture, plain, body, FALSE), ==, 200);
}

static void
test_persistence (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tessera-playground-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "sub", "playground.sqlite3", NULL);
  g_autofree char *thread_id = NULL;
  g_autoptr(GError) error = NULL;

  for (guint round = 0; round < 2; round++)
    {
      Fixture fixture = { 0 };
      g_autofree char *url = NULL;

      fixture.server = tess_playground_server_new (db, &error);
      g_assert_no_error (error);
      tess_playground_responder_set_word_delay (
        tess_playground_server_get_responder (fixture.server), 0);
      tess_playground_server_listen (fixture.server, 0, &error);
      g_assert_no_error (error);
      url = tess_playground_server_dup_url (fixture.server);
      fixture.client = tess_chatkit_client_new (url);
      fixture.thread = tess_thread_new ();
      fixture.event_types = g_ptr_array_new_with_free_func (g_free);

      if (round == 0)
        {
          send_text (&fixture, "remember me");
          thread_id = g_strdup (tess_thread_get_id (fixture.thread));
        }
      else
        {
          g_autoptr(TessThreadInfo) info = get_thread (&fixture, thread_id, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (info->title, ==, "remember me");
          g_assert_cmpuint (info->items->data->len, ==, 2);
        }
      fixture_tear_down (&fixture, NULL);
    }

  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  g_unlink (db);
  {
    g_autofree char *parent = g_path_get_dirname (db);

    g_rmdir (parent);
  }
  g_rmdir (dir);
}

static void
test_gallery (void)
{
  g_autoptr(TessPlaygroundResponder) responder = tess_playground_responder_new ();
  g_auto(GStrv) names = tess_playground_responder_list_widgets (responder);
  g_autofree char *dir = g_dir_make_tmp ("tessera-widgets-XXXXXX", NULL);
  g_autofree char *json_path = g_build_filename (dir, "mine.json", NULL);
  g_autofree char *widget_path = g_build_filename (dir, "studio.widget", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_strv_length (names), ==, 4);
  g_assert_cmpstr (names[0], ==, "confirm");
  g_assert_cmpstr (names[3], ==, "weather");
  for (guint i = 0; names[i]; i++)
    g_assert_nonnull (json_object_get_string_member (
      tess_playground_responder_get_widget (responder, names[i]), "type"));

  g_file_set_contents (json_path, "{\"type\":\"Card\",\"children\":[]}", -1, NULL);
  g_file_set_contents (widget_path, "{\"version\":\"1.0\",\"name\":\"S\",\"template\":\"{}\","
                       "\"outputJsonPreview\":{\"type\":\"ListView\",\"children\":[]}}", -1,
                       NULL);
  g_assert_true (tess_playground_responder_load_widgets_dir (responder, dir, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (
    tess_playground_responder_get_widget (responder, "studio"), "type"), ==, "ListView");
  g_assert_nonnull (tess_playground_responder_get_widget (responder, "mine"));

  g_file_set_contents (bad_path, "{\"type\":", -1, NULL);
  g_assert_false (tess_playground_responder_load_widgets_dir (responder, dir, &error));
  g_assert_nonnull (strstr (error->message, "bad.json:1:"));

  g_unlink (json_path);
  g_unlink (widget_path);
  g_unlink (bad_path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/playground/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("create-and-answer", test_create_and_answer);
  ADD ("widget-action", test_widget_action);
  ADD ("sync-action", test_sync_action);
  ADD ("streamed-widget", test_streamed_widget);
  ADD ("streamed-gallery-widget", test_streamed_gallery_widget);
  ADD ("workflow-image-notice-effect", test_workflow_image_notice_effect);
  ADD ("client-tool", test_client_tool);
  ADD ("structured-input", test_structured_input);
  ADD ("retry", test_retry);
  ADD ("fail-event", test_fail_event);
  ADD ("threads-list-update-delete", test_threads_list_update_delete);
  ADD ("items-paging-and-feedback", test_items_paging_and_feedback);
  ADD ("attachments", test_attachments);
  ADD ("transcribe-and-bad-requests", test_transcribe_and_bad_requests);
  ADD ("cancel-keeps-partial-answer", test_cancel_keeps_partial_answer);
  ADD ("hostile-requests", test_hostile_requests);
  ADD ("local-only-and-bounded", test_local_only_and_bounded);
  g_test_add_func ("/playground/persistence", test_persistence);
  g_test_add_func ("/playground/gallery", test_gallery);

  return g_test_run ();
}
