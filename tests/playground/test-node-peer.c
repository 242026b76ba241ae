/* test-node-peer.c: the client and `tessera-cli chat` against an independent ChatKit server,
 * the third-party npm package chatkit-node-backend-sdk with a scripted responder (protocol §9)
 *
 * The test installs the package into the build folder with npm (once) and runs the server on
 * 127.0.0.1.  Without node and npm every case is skipped with a message saying so.
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "protocol/tess-chatkit-client.h"
#include "protocol/tess-protocol-json.h"
#include "protocol/tess-thread.h"

#define WAIT_SECONDS    60
#define INSTALL_SECONDS 600

typedef struct
{
  GAsyncResult *result;
} Wait;

static char        *skip_reason;
static char        *setup_failure;
static char        *server_url;
static GSubprocess *node_server;

static gboolean
watchdog (gpointer data)
{
  g_error ("%s took longer than the test allows", (const char *) data);
  return G_SOURCE_REMOVE;
}

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static void
wait_for (Wait       *wait,
          guint       seconds,
          const char *what)
{
  guint id = g_timeout_add_seconds (seconds, watchdog, (gpointer) what);

  g_clear_object (&wait->result);
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  return g_file_get_contents (from, &contents, &length, error) &&
         g_file_set_contents (to, contents, length, error);
}

/* npm install (once) and start server.mjs; failures end up in setup_failure. */
static void
set_up_node_server (void)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *npm = g_find_program_in_path ("npm");
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "playground", "node-peer", NULL);
  g_autofree char *work = g_test_build_filename (G_TEST_BUILT, "playground", "node-peer-work",
                                                 NULL);
  g_autofree char *installed = g_build_filename (work, "node_modules", "chatkit-node-backend-sdk",
                                                 "package.json", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  Wait wait = { 0 };

  if (node == NULL || npm == NULL)
    {
      skip_reason = g_strdup ("node and npm are not installed: skipping the "
                              "chatkit-node-backend-sdk peer test (apt-get install nodejs npm)");
      return;
    }

  g_mkdir_with_parents (work, 0755);
  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "package.json" : "server.mjs";
      g_autofree char *from = g_build_filename (source, name, NULL);
      g_autofree char *to = g_build_filename (work, name, NULL);

      if (!copy_file (from, to, &error))
        {
          setup_failure = g_strdup (error->message);
          return;
        }
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, work);

  if (!g_file_test (installed, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GSubprocess) install = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("installing chatkit-node-backend-sdk into %s", work);
      install = g_subprocess_launcher_spawn (launcher, &error, npm, "install", "--no-audit",
                                             "--no-fund", "--loglevel=error", NULL);
      if (install == NULL)
        {
          setup_failure = g_strdup_printf ("cannot run npm: %s", error->message);
          return;
        }
      g_subprocess_communicate_utf8_async (install, NULL, NULL, got_result, &wait);
      wait_for (&wait, INSTALL_SECONDS, "npm install");
      g_subprocess_communicate_utf8_finish (install, wait.result, &out, &err, NULL);
      if (!g_subprocess_get_successful (install))
        {
          setup_failure = g_strdup_printf ("npm install chatkit-node-backend-sdk failed in %s:\n%s",
                                           work, err ? err : "");
          return;
        }
    }

  /* The server's log stays next to it for when a test fails. */
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  {
    g_autofree char *log = g_build_filename (work, "server.log", NULL);

    g_unlink (log);
    g_subprocess_launcher_set_stderr_file_path (launcher, log);
  }
  g_subprocess_launcher_setenv (launcher, "PORT", "0", TRUE);
  node_server = g_subprocess_launcher_spawn (launcher, &error, node, "server.mjs", NULL);
  if (node_server == NULL)
    {
      setup_failure = g_strdup_printf ("cannot start node: %s", error->message);
      return;
    }
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (node_server));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, got_result, &wait);
  wait_for (&wait, WAIT_SECONDS, "starting the node server");
  server_url = g_data_input_stream_read_line_finish_utf8 (lines, wait.result, NULL, &error);
  g_clear_object (&wait.result);
  if (server_url == NULL || !g_str_has_prefix (server_url, "http://127.0.0.1:"))
    setup_failure = g_strdup_printf ("the node server did not start (%s)",
                                     error ? error->message : "no URL printed");
}

static gboolean
ready (void)
{
  if (skip_reason != NULL)
    {
      g_test_skip (skip_reason);
      return FALSE;
    }
  if (setup_failure != NULL)
    g_error ("%s", setup_failure);
  return TRUE;
}

typedef struct
{
  TessChatkitClient *client;
  TessThread        *thread;
  GPtrArray         *types;
  Wait               wait;
  guint              n_effects;
} Session;

static void
session_init (Session *session)
{
  session->client = tess_chatkit_client_new (server_url);
  tess_chatkit_client_set_timeout (session->client, 20);
  session->thread = tess_thread_new ();
  session->types = g_ptr_array_new_with_free_func (g_free);
}

static void
session_clear (Session *session)
{
  g_clear_object (&session->client);
  g_clear_object (&session->thread);
  g_clear_pointer (&session->types, g_ptr_array_unref);
  g_clear_object (&session->wait.result);
}

static void
on_event (TessStreamEvent *event,
          gpointer         user_data)
{
  Session *session = user_data;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (session->types, g_strdup (event->type));
  tess_thread_apply_event (session->thread, event, &error);
  g_assert_no_error (error);
  if (event->kind == TESS_EVENT_CLIENT_EFFECT)
    session->n_effects++;
}

static gboolean
stream (Session     *session,
        const char  *op,
        JsonObject  *params,
        GError     **error)
{
  gboolean ok;

  g_ptr_array_set_size (session->types, 0);
  tess_thread_begin_stream (session->thread);
  tess_chatkit_client_stream_async (session->client, op, params, on_event, session, NULL,
                                    got_result, &session->wait);
  wait_for (&session->wait, WAIT_SECONDS, op);
  ok = tess_chatkit_client_stream_finish (session->client, session->wait.result, NULL, error);
  tess_thread_end_stream (session->thread);
  json_object_unref (params);
  return ok;
}

static void
send (Session    *session,
      const char *text)
{
  g_autoptr(TessUserInput) input = tess_user_input_new (text);
  g_autoptr(GError) error = NULL;
  const char *id = tess_thread_get_id (session->thread);

  stream (session, id ? TESS_OP_THREADS_ADD_USER_MESSAGE : TESS_OP_THREADS_CREATE,
          id ? tess_chatkit_params_add_user_message (id, input)
             : tess_chatkit_params_threads_create (input), &error);
  g_assert_no_error (error);
}

static TessThreadItem *
item_at (Session *session,
         gint     position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (session->thread));
  TessThreadItem *item;

  if (position < 0)
    position += n;
  item = g_list_model_get_item (G_LIST_MODEL (session->thread), position);
  g_assert_nonnull (item);
  g_object_unref (item);
  return item;
}

static gboolean
saw (Session    *session,
     const char *type)
{
  for (guint i = 0; i < session->types->len; i++)
    if (strcmp (g_ptr_array_index (session->types, i), type) == 0)
      return TRUE;
  return FALSE;
}

static void
test_stream_and_action (void)
{
  Session session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *widget_id = NULL;
  g_autoptr(JsonNode) payload = json_from_string ("{\"n\":1,\"title\":\"x\"}", NULL);
  JsonObject *widget;

  if (!ready ())
    return;
  session_init (&session);

  send (&session, "hello there");
  /* The Node port never sends stream_options (§9); the client does not need it. */
  g_assert_false (saw (&session, "stream_options"));
  g_assert_true (saw (&session, "notice"));
  g_assert_cmpstr (tess_thread_get_title (session.thread), ==, "hello there");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (session.thread)), ==, 3);
  text = tess_thread_item_dup_text (item_at (&session, 1));
  g_assert_cmpstr (text, ==, "You said: hello there");
  widget = tess_thread_item_get_widget (item_at (&session, 2));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (widget, "children")), ==,
                    2);
  widget_id = g_strdup (tess_thread_item_get_id (item_at (&session, 2)));

  g_assert_true (stream (&session, TESS_OP_THREADS_CUSTOM_ACTION,
                         tess_chatkit_params_custom_action (tess_thread_get_id (session.thread),
                                                            widget_id, "demo.ok", payload),
                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (session.n_effects, ==, 1);
  g_clear_pointer (&text, g_free);
  text = tess_thread_item_dup_text (item_at (&session, -1));
  {
    g_autofree char *expected = g_strdup_printf ("action demo.ok from %s", widget_id);

    g_assert_cmpstr (text, ==, expected);
  }
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
    tess_thread_item_get_widget (tess_thread_lookup_item (session.thread, widget_id, NULL)),
    "status"), "text"), ==, "Last action: demo.ok");

  /* A custom error from the responder arrives as an error event. */
  send (&session, "/fail");
  g_assert_true (saw (&session, "error"));
  session_clear (&session);
}

static void
test_json_ops (void)
{
  Session session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TessThreadInfo) info = NULL;
  g_autoptr(TessThreadInfo) renamed = NULL;
  g_autoptr(TessPage) threads = NULL;
  g_autoptr(TessThread) paged = tess_thread_new ();
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) merged = NULL;
  const char *ids[] = { NULL, NULL };
  g_autofree char *thread_id = NULL;
  guint pages = 0;

  if (!ready ())
    return;
  session_init (&session);
  send (&session, "json ops");
  send (&session, "second");
  thread_id = g_strdup (tess_thread_get_id (session.thread));

  tess_chatkit_client_get_thread_async (session.client, thread_id, NULL, got_result,
                                        &session.wait);
  wait_for (&session.wait, WAIT_SECONDS, "get_by_id");
  info = tess_chatkit_client_thread_finish (session.client, session.wait.result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->title, ==, "json ops");

  /* The Node port pages items oldest first by default; ask for desc explicitly. */
  do
    {
      g_autoptr(TessPage) page = NULL;

      tess_chatkit_client_list_items_async (session.client, thread_id, 2, "desc",
                                            tess_thread_get_history_cursor (paged), NULL,
                                            got_result, &session.wait);
      wait_for (&session.wait, WAIT_SECONDS, "items.list");
      page = tess_chatkit_client_page_finish (session.client, session.wait.result, &error);
      g_assert_no_error (error);
      tess_thread_add_history_page (paged, page, "desc");
    }
  while (tess_thread_get_history_cursor (paged) != NULL && ++pages < 20);
  all = tess_thread_items_to_json (session.thread);
  merged = tess_thread_items_to_json (paged);
  g_assert_true (json_node_equal (all, merged));

  tess_chatkit_client_list_threads_async (session.client, 50, "desc", NULL, NULL, got_result,
                                          &session.wait);
  wait_for (&session.wait, WAIT_SECONDS, "threads.list");
  threads = tess_chatkit_client_page_finish (session.client, session.wait.result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (threads->data->len, >=, 1);

  tess_chatkit_client_update_thread_async (session.client, thread_id, "Renamed", NULL,
                                           got_result, &session.wait);
  wait_for (&session.wait, WAIT_SECONDS, "threads.update");
  renamed = tess_chatkit_client_thread_finish (session.client, session.wait.result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (renamed->title, ==, "Renamed");

  ids[0] = tess_thread_item_get_id (item_at (&session, 1));
  tess_chatkit_client_feedback_async (session.client, thread_id, ids, TESS_FEEDBACK_POSITIVE,
                                      NULL, got_result, &session.wait);
  wait_for (&session.wait, WAIT_SECONDS, "items.feedback");
  g_assert_true (tess_chatkit_client_empty_finish (session.client, session.wait.result, &error));
  g_assert_no_error (error);

  tess_chatkit_client_delete_thread_async (session.client, thread_id, NULL, got_result,
                                           &session.wait);
  wait_for (&session.wait, WAIT_SECONDS, "threads.delete");
  g_assert_true (tess_chatkit_client_empty_finish (session.client, session.wait.result, &error));
  g_assert_no_error (error);

  g_clear_pointer (&info, tess_thread_info_unref);
  tess_chatkit_client_get_thread_async (session.client, thread_id, NULL, got_result,
                                        &session.wait);
  wait_for (&session.wait, WAIT_SECONDS, "get_by_id");
  info = tess_chatkit_client_thread_finish (session.client, session.wait.result, &error);
  g_assert_null (info);
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (error->message, "HTTP 500"));
  g_assert_nonnull (strstr (error->message, "no thread"));
  session_clear (&session);
}

static void
test_tool_retry_attachments (void)
{
  Session session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = json_from_string ("{\"time\":\"noon\"}", NULL);
  g_autoptr(TessAttachment) attachment = NULL;
  g_autoptr(GBytes) contents = g_bytes_new_static ("node bytes", 10);
  g_autoptr(TessUserInput) input = tess_user_input_new ("with a file");
  g_autofree char *first_user = NULL;
  g_autofree char *text = NULL;
  JsonArray *attachments;

  if (!ready ())
    return;
  session_init (&session);

  send (&session, "/tool");
  g_assert_nonnull (tess_thread_get_pending_tool_call (session.thread));
  tess_thread_complete_tool_call (session.thread, result);
  g_assert_true (stream (&session, TESS_OP_THREADS_ADD_CLIENT_TOOL_OUTPUT,
                         tess_chatkit_params_add_client_tool_output (
                           tess_thread_get_id (session.thread), result), &error));
  g_assert_no_error (error);
  /* The Node port announces the completed call (Python does not): both end the same. */
  g_assert_true (saw (&session, "thread.item.replaced"));
  g_assert_null (tess_thread_get_pending_tool_call (session.thread));
  text = tess_thread_item_dup_text (item_at (&session, -1));
  g_assert_cmpstr (text, ==, "node got the tool output");

  /* Retry: the Node port keeps later items on its side; the client drops them itself. */
  send (&session, "again");
  first_user = g_strdup (tess_thread_item_get_id (item_at (&session, -3)));
  g_assert_cmpint (tess_thread_item_get_kind (item_at (&session, -3)), ==,
                   TESS_ITEM_USER_MESSAGE);
  tess_thread_remove_items_after (session.thread, first_user);
  g_assert_true (stream (&session, TESS_OP_THREADS_RETRY_AFTER_ITEM,
                         tess_chatkit_params_retry_after_item (tess_thread_get_id (session.thread),
                                                               first_user), &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = tess_thread_item_dup_text (item_at (&session, -2));
  g_assert_cmpstr (text, ==, "You said: again");

  /* Two-phase attachment with a PUT descriptor and a custom header. */
  tess_chatkit_client_create_attachment_async (session.client, "notes.txt", 10, "text/plain",
                                               NULL, got_result, &session.wait);
  wait_for (&session.wait, WAIT_SECONDS, "attachments.create");
  attachment = tess_chatkit_client_create_attachment_finish (session.client, session.wait.result,
                                                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attachment->upload_method, ==, "PUT");
  tess_chatkit_client_upload_attachment_async (session.client, attachment, contents, NULL,
                                               got_result, &session.wait);
  wait_for (&session.wait, WAIT_SECONDS, "upload");
  g_assert_true (tess_chatkit_client_empty_finish (session.client, session.wait.result, &error));
  g_assert_no_error (error);
  tess_user_input_add_attachment (input, attachment->id);
  g_assert_true (stream (&session, TESS_OP_THREADS_ADD_USER_MESSAGE,
                         tess_chatkit_params_add_user_message (tess_thread_get_id (session.thread),
                                                               input), &error));
  g_assert_no_error (error);
  attachments = json_object_get_array_member (tess_thread_item_get_object (item_at (&session, -3)),
                                              "attachments");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (attachments, 0),
                                                  "id"), ==, attachment->id);

  tess_chatkit_client_delete_attachment_async (session.client, attachment->id, NULL, got_result,
                                               &session.wait);
  wait_for (&session.wait, WAIT_SECONDS, "attachments.delete");
  g_assert_true (tess_chatkit_client_empty_finish (session.client, session.wait.result, &error));
  g_assert_no_error (error);
  session_clear (&session);
}

static void
test_unsupported_ops (void)
{
  Session session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) submission = json_object_new ();
  g_autoptr(TessThreadItem) updated = NULL;
  g_autoptr(GBytes) audio = g_bytes_new_static ("x", 1);
  g_autofree char *text = NULL;

  if (!ready ())
    return;
  session_init (&session);
  send (&session, "unsupported");

  /* Ops the Node port lacks (§9) fail clearly and leave the thread usable. */
  tess_chatkit_client_sync_custom_action_async (session.client,
                                                tess_thread_get_id (session.thread), NULL,
                                                "demo.ok", NULL, NULL, got_result, &session.wait);
  wait_for (&session.wait, WAIT_SECONDS, "sync_custom_action");
  g_assert_false (tess_chatkit_client_sync_custom_action_finish (session.client,
                                                                 session.wait.result, &updated,
                                                                 &error));
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (error->message, "threads.sync_custom_action: HTTP 500"));
  g_clear_error (&error);

  g_assert_false (stream (&session, TESS_OP_THREADS_ADD_STRUCTURED_INPUT,
                          tess_chatkit_params_add_structured_input (
                            tess_thread_get_id (session.thread), "si_x", submission), &error));
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS);
  g_clear_error (&error);

  tess_chatkit_client_transcribe_async (session.client, audio, "audio/ogg;codecs=opus", NULL,
                                        got_result, &session.wait);
  wait_for (&session.wait, WAIT_SECONDS, "transcribe");
  g_assert_null (tess_chatkit_client_transcribe_finish (session.client, session.wait.result,
                                                        &error));
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_HTTP_STATUS);
  g_clear_error (&error);

  /* A tool output with nothing pending: the Node stream is cut before any event. */
  {
    g_autoptr(JsonNode) result = json_from_string ("1", NULL);

    g_assert_false (stream (&session, TESS_OP_THREADS_ADD_CLIENT_TOOL_OUTPUT,
                            tess_chatkit_params_add_client_tool_output (
                              tess_thread_get_id (session.thread), result), &error));
    g_assert_nonnull (error);
    g_test_message ("tool output with nothing pending → %s", error->message);
    g_assert_true (error->domain == TESS_CHATKIT_ERROR);
    g_clear_error (&error);
  }

  send (&session, "still here");
  text = tess_thread_item_dup_text (item_at (&session, -2));
  g_assert_cmpstr (text, ==, "You said: still here");
  session_clear (&session);
}

static int
run_cli (char       **out,
         const char  *first,
         ...)
{
  g_autofree char *driver = g_strdup (g_getenv ("TESSERA_CLI"));
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  va_list args;

  g_ptr_array_add (argv, g_strdup (driver));
  g_ptr_array_add (argv, g_strdup ("chat"));
  g_ptr_array_add (argv, g_strdup ("--server"));
  g_ptr_array_add (argv, g_strdup (server_url));
  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* stderr goes to the test log: it explains a failing command. */
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, got_result, &wait);
  wait_for (&wait, WAIT_SECONDS, "tessera-cli chat");
  g_subprocess_communicate_utf8_finish (process, wait.result, out, NULL, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_cli (void)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *thread;
  g_autofree char *thread_id = NULL;
  g_autofree char *widget_id = NULL;
  JsonArray *items;

  if (!ready ())
    return;

  g_assert_cmpint (run_cli (&out, "send", "from the cli", NULL), ==, 0);
  node = json_from_string (out, NULL);
  thread = json_object_get_object_member (json_node_get_object (node), "thread");
  thread_id = g_strdup (json_object_get_string_member (thread, "id"));
  items = json_object_get_array_member (json_node_get_object (node), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  widget_id = g_strdup (json_object_get_string_member (json_array_get_object_element (items, 2),
                                                       "id"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, "--thread", thread_id, "action", "demo.ok", "--item", widget_id,
                            "--payload", "{\"n\":2}", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "action demo.ok from"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, "--thread", thread_id, "show", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, thread_id));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, "--thread", thread_id, "rename", "cli title", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, "--thread", thread_id, "action", "x", "--sync", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&out, g_free);

  /* The rest of the ops the Node port has, through the CLI. */
  g_assert_cmpint (run_cli (&out, "--thread", thread_id, "items", "--limit", "2", "--order",
                            "desc", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"has_more\" : true"));
  g_clear_pointer (&out, g_free);
  {
    const char *user_id = json_object_get_string_member (json_array_get_object_element (items, 0),
                                                         "id");
    const char *answer_id = json_object_get_string_member (json_array_get_object_element (items,
                                                                                          1),
                                                           "id");

    g_assert_cmpint (run_cli (&out, "--thread", thread_id, "feedback", answer_id, "negative",
                              NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run_cli (&out, "--thread", thread_id, "retry", user_id, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "You said: from the cli"));
    g_clear_pointer (&out, g_free);
  }
  g_assert_cmpint (run_cli (&out, "--thread", thread_id, "send", "/tool", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"status\" : \"pending\""));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, "--thread", thread_id, "tool-output", "{\"time\":\"now\"}",
                            NULL), ==, 0);
  g_assert_nonnull (strstr (out, "node got the tool output"));
  g_clear_pointer (&out, g_free);
  {
    g_autofree char *dir = g_dir_make_tmp ("tessera-node-XXXXXX", NULL);
    g_autofree char *file = g_build_filename (dir, "note.txt", NULL);
    g_autoptr(JsonNode) sent = NULL;
    JsonObject *attachment;
    g_autofree char *attachment_id = NULL;

    g_file_set_contents (file, "for node\n", -1, NULL);
    g_assert_cmpint (run_cli (&out, "--thread", thread_id, "send", "--attach", file, "see file",
                              NULL), ==, 0);
    sent = json_from_string (out, NULL);
    items = json_object_get_array_member (json_node_get_object (sent), "items");
    attachment = json_array_get_object_element (json_object_get_array_member (
      json_array_get_object_element (items, json_array_get_length (items) - 3), "attachments"), 0);
    g_assert_cmpstr (json_object_get_string_member (attachment, "name"), ==, "note.txt");
    attachment_id = g_strdup (json_object_get_string_member (attachment, "id"));
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run_cli (&out, "delete-attachment", attachment_id, NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_unlink (file);
    g_rmdir (dir);
  }

  g_assert_cmpint (run_cli (&out, "--thread", thread_id, "delete", NULL), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  set_up_node_server ();

  g_test_add_func ("/node-peer/stream-and-action", test_stream_and_action);
  g_test_add_func ("/node-peer/json-ops", test_json_ops);
  g_test_add_func ("/node-peer/tool-retry-attachments", test_tool_retry_attachments);
  g_test_add_func ("/node-peer/unsupported-ops", test_unsupported_ops);
  g_test_add_func ("/node-peer/cli", test_cli);

  status = g_test_run ();

  if (node_server != NULL)
    {
      g_subprocess_send_signal (node_server, SIGTERM);
      g_subprocess_wait (node_server, NULL, NULL);
    }
  g_clear_object (&node_server);
  return status;
}
