/* test-session.c: TessChatSession against the playground
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "playground/tess-playground-server.h"
#include "protocol/tess-chat-session.h"

#define WAIT_SECONDS 30

typedef struct
{
  TessPlaygroundServer *server;
  TessChatSession      *session;
  guint                 n_events;
  guint                 n_busy_changes;
  char                 *stop_on;
} Fixture;

typedef struct
{
  GAsyncResult *result;
} Wait;

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
  ((Wait *) user_data)->result = g_object_ref (result);
}

static gboolean
finish (Fixture  *fixture,
        Wait     *wait,
        GError  **error)
{
  guint id = g_timeout_add_seconds (WAIT_SECONDS, watchdog, NULL);
  gboolean ok;

  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  ok = tess_chat_session_finish (fixture->session, wait->result, error);
  g_clear_object (&wait->result);
  return ok;
}

static void
on_event (TessChatSession *session,
          TessStreamEvent *event,
          Fixture         *fixture)
{
  fixture->n_events++;
  if (fixture->stop_on != NULL && g_strcmp0 (event->type, fixture->stop_on) == 0)
    tess_chat_session_stop (session);
}

static void
on_busy (TessChatSession *session,
         GParamSpec      *pspec,
         Fixture         *fixture)
{
  fixture->n_busy_changes++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(TessChatkitClient) client = NULL;

  fixture->server = tess_playground_server_new (NULL, &error);
  g_assert_no_error (error);
  tess_playground_responder_set_word_delay (tess_playground_server_get_responder (fixture->server),
                                            0);
  tess_playground_server_listen (fixture->server, 0, &error);
  g_assert_no_error (error);
  url = tess_playground_server_dup_url (fixture->server);
  client = tess_chatkit_client_new (url);
  fixture->session = tess_chat_session_new (client);
  g_signal_connect (fixture->session, "event", G_CALLBACK (on_event), fixture);
  g_signal_connect (fixture->session, "notify::busy", G_CALLBACK (on_busy), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->server);
  g_free (fixture->stop_on);
}

static TessThread *
thread_of (Fixture *fixture)
{
  return tess_chat_session_get_thread (fixture->session);
}

static TessThreadItem *
item_at (Fixture *fixture,
         gint     position)
{
  GListModel *model = G_LIST_MODEL (thread_of (fixture));
  TessThreadItem *item;

  if (position < 0)
    position += g_list_model_get_n_items (model);
  item = g_list_model_get_item (model, position);
  g_assert_nonnull (item);
  g_object_unref (item);
  return item;
}

static gboolean
send (Fixture     *fixture,
      const char  *text,
      GError     **error)
{
  g_autoptr(TessUserInput) input = tess_user_input_new (text);
  Wait wait = { 0 };

  tess_chat_session_send_async (fixture->session, input, NULL, got_result, &wait);
  return finish (fixture, &wait, error);
}

static char *
last_text (Fixture *fixture)
{
  return tess_thread_item_dup_text (item_at (fixture, -1));
}

static void
test_send_and_busy (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessUserInput) input = tess_user_input_new ("second");
  g_autofree char *text = NULL;
  Wait first = { 0 };
  Wait second = { 0 };

  g_assert_true (send (fixture, "hello session", &error));
  g_assert_no_error (error);
  g_assert_nonnull (tess_thread_get_id (thread_of (fixture)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread_of (fixture))), ==, 2);
  g_assert_cmpuint (fixture->n_busy_changes, ==, 2);
  g_assert_cmpuint (fixture->n_events, >, 5);
  g_assert_false (tess_chat_session_get_busy (fixture->session));

  /* One stream at a time. */
  tess_chat_session_send_async (fixture->session, input, NULL, got_result, &first);
  g_assert_true (tess_chat_session_get_busy (fixture->session));
  tess_chat_session_send_async (fixture->session, input, NULL, got_result, &second);
  g_assert_false (finish (fixture, &second, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_true (finish (fixture, &first, &error));
  text = last_text (fixture);
  g_assert_true (g_str_has_prefix (text, "You said: **second**"));
}

static void
test_actions (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) streaming = json_from_string (
    "{\"type\":\"weather.refresh\",\"payload\":{\"city\":\"Lisbon\"},\"handler\":\"server\"}",
    NULL);
  g_autoptr(JsonNode) sync = json_from_string ("{\"type\":\"quick\",\"streaming\":false}", NULL);
  g_autoptr(JsonNode) client = json_from_string ("{\"type\":\"local\",\"handler\":\"client\"}",
                                                 NULL);
  g_autoptr(JsonNode) form = json_from_string ("{\"city\":\"Faro\",\"days\":3}", NULL);
  g_autofree char *widget_id = NULL;
  g_autofree char *text = NULL;
  Wait wait = { 0 };
  Wait slow = { 0 };
  guint n_items;

  /* An action needs a thread. */
  tess_chat_session_action_async (fixture->session, json_node_get_object (streaming), NULL, NULL,
                                  NULL, got_result, &wait);
  g_assert_false (finish (fixture, &wait, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);

  g_assert_true (send (fixture, "/widget weather", NULL));
  widget_id = g_strdup (tess_thread_item_get_id (item_at (fixture, -1)));

  /* Form values replace the configured payload. */
  tess_chat_session_action_async (fixture->session, json_node_get_object (streaming), widget_id,
                                  form, NULL, got_result, &wait);
  g_assert_true (finish (fixture, &wait, &error));
  g_assert_no_error (error);
  text = last_text (fixture);
  g_assert_nonnull (strstr (text, "\"city\" : \"Faro\""));

  tess_chat_session_action_async (fixture->session, json_node_get_object (client), widget_id, NULL,
                                  NULL, got_result, &wait);
  g_assert_false (finish (fixture, &wait, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  /* streaming:false is allowed while a response streams, and replaces the sender. */
  tess_playground_responder_set_word_delay (tess_playground_server_get_responder (fixture->server),
                                            20);
  {
    g_autoptr(TessUserInput) input = tess_user_input_new ("/slow");

    tess_chat_session_send_async (fixture->session, input, NULL, got_result, &slow);
  }
  g_assert_true (tess_chat_session_get_busy (fixture->session));
  n_items = g_list_model_get_n_items (G_LIST_MODEL (thread_of (fixture)));
  tess_chat_session_action_async (fixture->session, json_node_get_object (sync), widget_id, NULL,
                                  NULL, got_result, &wait);
  g_assert_true (finish (fixture, &wait, &error));
  g_assert_no_error (error);
  g_assert_true (tess_chat_session_get_busy (fixture->session));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
    tess_thread_item_get_widget (tess_thread_lookup_item (thread_of (fixture), widget_id, NULL)),
    "status"), "text"), ==, "Last action: quick");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread_of (fixture))), >=, n_items);

  /* …and the Stop button ends the stream. */
  tess_chat_session_stop (fixture->session);
  g_assert_false (finish (fixture, &slow, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (tess_chat_session_get_busy (fixture->session));
}

static void
test_retry_tool_structured (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = json_from_string ("{\"time\":\"teatime\"}", NULL);
  g_autoptr(JsonNode) answers = json_from_string (
    "{\"status\":\"skipped\",\"answers\":{}}", NULL);
  g_autofree char *first = NULL;
  g_autofree char *text = NULL;
  Wait wait = { 0 };

  g_assert_true (send (fixture, "one", NULL));
  first = g_strdup (tess_thread_item_get_id (item_at (fixture, 0)));
  g_assert_true (send (fixture, "two", NULL));
  tess_chat_session_retry_async (fixture->session, first, NULL, got_result, &wait);
  g_assert_true (finish (fixture, &wait, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread_of (fixture))), ==, 2);

  tess_chat_session_tool_output_async (fixture->session, result, NULL, got_result, &wait);
  g_assert_false (finish (fixture, &wait, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (send (fixture, "/tool", NULL));
  tess_chat_session_tool_output_async (fixture->session, result, NULL, got_result, &wait);
  g_assert_true (finish (fixture, &wait, &error));
  text = last_text (fixture);
  g_assert_nonnull (strstr (text, "teatime"));
  g_assert_cmpstr (tess_thread_item_get_status (item_at (fixture, -2)), ==, "completed");

  g_assert_true (send (fixture, "/ask", NULL));
  tess_chat_session_structured_input_async (fixture->session,
                                            tess_thread_item_get_id (item_at (fixture, -1)),
                                            json_node_get_object (answers), NULL, got_result,
                                            &wait);
  g_assert_true (finish (fixture, &wait, &error));
  g_assert_cmpstr (tess_thread_item_get_status (item_at (fixture, -2)), ==, "skipped");
}

static void
test_open_and_older (Fixture       *fixture,
                     gconstpointer  data)
{
  TessPlaygroundStore *store = tess_playground_server_get_store (fixture->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(TessChatSession) reader = NULL;
  g_autofree char *thread_id = NULL;
  Wait wait = { 0 };
  TessThread *thread;
  guint total;

  g_assert_true (send (fixture, "long thread", NULL));
  thread_id = g_strdup (tess_thread_get_id (thread_of (fixture)));
  for (guint i = 0; i < 70; i++)
    {
      g_autoptr(JsonObject) item = json_object_new ();
      g_autofree char *id = g_strdup_printf ("eot_%03u", i);

      json_object_set_string_member (item, "id", id);
      json_object_set_string_member (item, "thread_id", thread_id);
      json_object_set_string_member (item, "type", "end_of_turn");
      g_assert_true (tess_playground_store_save_item (store, thread_id, item, NULL));
    }
  total = 72;

  reader = tess_chat_session_new (tess_chat_session_get_client (fixture->session));
  tess_chat_session_open_async (reader, thread_id, NULL, got_result, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tess_chat_session_finish (reader, wait.result, &error));
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  /* The newest page first, older items on demand, in order, without duplicates. */
  thread = tess_chat_session_get_thread (reader);
  g_assert_cmpstr (tess_thread_get_title (thread), ==, "long thread");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread)), ==,
                    TESS_CHAT_SESSION_PAGE_SIZE);
  g_assert_true (tess_thread_get_has_more_history (thread));
  for (guint round = 0; round < 5 && tess_thread_get_has_more_history (thread); round++)
    {
      tess_chat_session_load_older_async (reader, NULL, got_result, &wait);
      while (wait.result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (tess_chat_session_finish (reader, wait.result, &error));
      g_clear_object (&wait.result);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread)), ==, total);
  g_assert_false (tess_thread_get_has_more_history (thread));
  {
    TessThreadItem *first = g_list_model_get_item (G_LIST_MODEL (thread), 0);
    TessThreadItem *last = g_list_model_get_item (G_LIST_MODEL (thread), total - 1);

    g_assert_cmpint (tess_thread_item_get_kind (first), ==, TESS_ITEM_USER_MESSAGE);
    g_assert_cmpstr (tess_thread_item_get_id (last), ==, "eot_069");
    g_object_unref (first);
    g_object_unref (last);
  }

  /* A short thread opens complete. */
  {
    g_autoptr(TessChatSession) small = tess_chat_session_new (tess_chat_session_get_client (
                                                                fixture->session));
    g_autoptr(TessChatSession) creator = tess_chat_session_new (tess_chat_session_get_client (
                                                                  fixture->session));
    g_autoptr(TessUserInput) input = tess_user_input_new ("short");

    tess_chat_session_send_async (creator, input, NULL, got_result, &wait);
    while (wait.result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (tess_chat_session_finish (creator, wait.result, NULL));
    g_clear_object (&wait.result);

    tess_chat_session_open_async (small,
                                  tess_thread_get_id (tess_chat_session_get_thread (creator)),
                                  NULL, got_result, &wait);
    while (wait.result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (tess_chat_session_finish (small, wait.result, NULL));
    g_clear_object (&wait.result);
    g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (tess_chat_session_get_thread (small))), ==, 2);
    g_assert_false (tess_thread_get_has_more_history (tess_chat_session_get_thread (small)));
  }
}

static void
test_stop_keeps_thread_usable (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  fixture->stop_on = g_strdup ("thread.item.updated");
  g_assert_false (send (fixture, "/slow", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (tess_chat_session_get_busy (fixture->session));
  g_assert_false (tess_thread_get_streaming (thread_of (fixture)));

  g_clear_pointer (&fixture->stop_on, g_free);
  g_assert_true (send (fixture, "after stop", &error));
  g_assert_no_error (error);
  text = last_text (fixture);
  g_assert_true (g_str_has_prefix (text, "You said: **after stop**"));
}

static void
test_dispose_while_streaming (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(TessUserInput) input = tess_user_input_new ("/slow");
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  tess_chat_session_send_async (fixture->session, input, NULL, got_result, &wait);
  g_assert_true (tess_chat_session_get_busy (fixture->session));
  /* Closing the chat window mid-answer: the stream is aborted, nothing touches freed state. */
  g_object_run_dispose (G_OBJECT (fixture->session));
  g_assert_false (finish (fixture, &wait, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("send-and-busy", test_send_and_busy);
  ADD ("actions", test_actions);
  ADD ("retry-tool-structured", test_retry_tool_structured);
  ADD ("open-and-older", test_open_and_older);
  ADD ("stop-keeps-thread-usable", test_stop_keeps_thread_usable);
  ADD ("dispose-while-streaming", test_dispose_while_streaming);

  return g_test_run ();
}
