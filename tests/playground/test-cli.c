/* test-cli.c: `tessera-cli chat` and `serve` as subprocesses, every op end to end
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "playground/tess-playground-server.h"

#define WAIT_SECONDS 60

typedef struct
{
  TessPlaygroundServer *server;
  char                 *url;
} Fixture;

typedef struct
{
  GAsyncResult *result;
} Wait;

static gboolean
watchdog (gpointer data)
{
  g_error ("a subprocess took longer than %d seconds", WAIT_SECONDS);
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
wait_for (Wait *wait)
{
  guint id = g_timeout_add_seconds (WAIT_SECONDS, watchdog, NULL);

  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static char *
driver_path (void)
{
  const char *cli = g_getenv ("TESSERA_CLI");

  g_assert_nonnull (cli);
  return g_strdup (cli);
}

/* Runs `tessera-cli chat --server URL ARGS…`; the server keeps running in this process. */
static int
run_chat (Fixture     *fixture,
          char       **stdout_out,
          char       **stderr_out,
          const char  *first,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  Wait wait = { 0 };
  va_list args;

  g_ptr_array_add (argv, driver_path ());
  g_ptr_array_add (argv, g_strdup ("chat"));
  g_ptr_array_add (argv, g_strdup ("--server"));
  g_ptr_array_add (argv, g_strdup (fixture->url));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, got_result, &wait);
  wait_for (&wait);
  g_subprocess_communicate_utf8_finish (process, wait.result, &out, &err, &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);

  if (stdout_out)
    *stdout_out = g_steal_pointer (&out);
  if (stderr_out)
    *stderr_out = g_steal_pointer (&err);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static JsonObject *
parse_output (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static JsonArray *
items_of (JsonObject *output)
{
  return json_object_get_array_member (output, "items");
}

static JsonObject *
last_of (JsonObject *output)
{
  JsonArray *items = items_of (output);

  return json_array_get_object_element (items, json_array_get_length (items) - 1);
}

static const char *
text_of (JsonObject *item)
{
  JsonArray *content = json_object_get_array_member (item, "content");

  return json_object_get_string_member (json_array_get_object_element (content, 0), "text");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = tess_playground_server_new (NULL, &error);
  g_assert_no_error (error);
  tess_playground_responder_set_word_delay (tess_playground_server_get_responder (fixture->server),
                                            0);
  tess_playground_server_listen (fixture->server, 0, &error);
  g_assert_no_error (error);
  fixture->url = tess_playground_server_dup_url (fixture->server);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->server);
  g_free (fixture->url);
}

/* Starts a thread with @text; returns its id. */
static char *
new_thread (Fixture    *fixture,
            const char *text)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) output = NULL;

  g_assert_cmpint (run_chat (fixture, &out, NULL, "send", text, NULL), ==, 0);
  output = parse_output (out);
  return g_strdup (json_object_get_string_member (json_object_get_object_member (output, "thread"),
                                                  "id"));
}

static void
test_send_and_events (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *thread_id = new_thread (fixture, "hello cli");
  g_autoptr(JsonObject) output = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_lines = 0;

  g_assert_cmpint (run_chat (fixture, &out, NULL, "--thread", thread_id, "send", "second", NULL),
                   ==, 0);
  output = parse_output (out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (output, "thread"),
                                                  "title"), ==, "hello cli");
  g_assert_cmpuint (json_array_get_length (items_of (output)), ==, 4);
  g_assert_true (g_str_has_prefix (text_of (last_of (output)), "You said: **second**"));
  g_clear_pointer (&out, g_free);

  /* --events: one JSON object per line, in stream order. */
  g_assert_cmpint (run_chat (fixture, &out, NULL, "--events", "--thread", thread_id, "send",
                             "/stream", NULL), ==, 0);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonObject) event = parse_output (lines[i]);

      g_assert_true (json_object_has_member (event, "type"));
      if (i == 0)
        g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "thread.item.done");
      n_lines++;
    }
  /* user done, stream_options, added, 5 deltas, root update, done */
  g_assert_cmpuint (n_lines, ==, 10);
}

static void
test_actions (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *thread_id = new_thread (fixture, "/widget weather");
  g_autoptr(JsonObject) output = NULL;
  g_autoptr(JsonObject) sync = NULL;
  g_autofree char *widget_id = NULL;
  JsonArray *items;

  g_assert_cmpint (run_chat (fixture, &out, NULL, "--thread", thread_id, "show", NULL), ==, 0);
  output = parse_output (out);
  widget_id = g_strdup (json_object_get_string_member (last_of (output), "id"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&output, json_object_unref);

  g_assert_cmpint (run_chat (fixture, &out, NULL, "--thread", thread_id, "action",
                             "weather.refresh", "--item", widget_id, "--payload",
                             "{\"city\":\"Porto\"}", NULL), ==, 0);
  output = parse_output (out);
  items = items_of (output);
  g_assert_nonnull (strstr (text_of (last_of (output)), "\"city\" : \"Porto\""));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
    json_object_get_object_member (json_array_get_object_element (items, 1), "widget"), "status"),
    "text"), ==, "Last action: weather.refresh");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_chat (fixture, &out, NULL, "--thread", thread_id, "action", "again",
                             "--item", widget_id, "--sync", NULL), ==, 0);
  sync = parse_output (out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sync,
                                                                                 "updated_item"),
                                                  "id"), ==, widget_id);
}

static void
test_tools_and_structured_input (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) output = NULL;
  g_autofree char *thread_id = NULL;
  g_autofree char *ask_id = NULL;

  g_assert_cmpint (run_chat (fixture, &out, &err, "send", "--tool", "get_time", "what time?",
                             NULL), ==, 0);
  g_assert_nonnull (strstr (err, "called the client tool “get_time”"));
  output = parse_output (out);
  thread_id = g_strdup (json_object_get_string_member (json_object_get_object_member (output,
                                                                                      "thread"),
                                                       "id"));
  g_assert_cmpstr (json_object_get_string_member (last_of (output), "status"), ==, "pending");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&output, json_object_unref);

  g_assert_cmpint (run_chat (fixture, &out, NULL, "--thread", thread_id, "tool-output",
                             "{\"time\":\"noon\"}", NULL), ==, 0);
  output = parse_output (out);
  g_assert_nonnull (strstr (text_of (last_of (output)), "noon"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&output, json_object_unref);

  /* --auto-tools answers get_time itself. */
  g_assert_cmpint (run_chat (fixture, &out, NULL, "--thread", thread_id, "--auto-tools", "send",
                             "/tool", NULL), ==, 0);
  output = parse_output (out);
  g_assert_nonnull (strstr (text_of (last_of (output)), "\"timezone\" : \"UTC\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&output, json_object_unref);

  g_assert_cmpint (run_chat (fixture, &out, NULL, "--thread", thread_id, "send", "/ask", NULL),
                   ==, 0);
  output = parse_output (out);
  ask_id = g_strdup (json_object_get_string_member (last_of (output), "id"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&output, json_object_unref);
  g_assert_cmpint (run_chat (fixture, &out, NULL, "--thread", thread_id, "answer", ask_id,
                             "{\"answers\":{\"color\":{\"values\":[\"green\"]}}}", NULL), ==, 0);
  output = parse_output (out);
  g_assert_nonnull (strstr (text_of (last_of (output)), "**green**"));
}

static void
test_retry_list_show_feedback_rename_delete (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *thread_id = new_thread (fixture, "first");
  g_autoptr(JsonObject) output = NULL;
  g_autofree char *first_user = NULL;
  g_autofree char *answer_id = NULL;
  g_autofree char *feedback = NULL;

  g_assert_cmpint (run_chat (fixture, &out, NULL, "--thread", thread_id, "send", "second", NULL),
                   ==, 0);
  output = parse_output (out);
  first_user = g_strdup (json_object_get_string_member (json_array_get_object_element (
    items_of (output), 0), "id"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&output, json_object_unref);

  g_assert_cmpint (run_chat (fixture, &out, NULL, "--thread", thread_id, "retry", first_user,
                             NULL), ==, 0);
  output = parse_output (out);
  g_assert_cmpuint (json_array_get_length (items_of (output)), ==, 2);
  answer_id = g_strdup (json_object_get_string_member (last_of (output), "id"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&output, json_object_unref);

  g_assert_cmpint (run_chat (fixture, &out, NULL, "--thread", thread_id, "items", "--limit", "1",
                             "--order", "asc", NULL), ==, 0);
  output = parse_output (out);
  g_assert_true (json_object_get_boolean_member (output, "has_more"));
  g_assert_cmpstr (json_object_get_string_member (output, "after"), ==, first_user);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&output, json_object_unref);

  g_assert_cmpint (run_chat (fixture, &out, NULL, "--thread", thread_id, "feedback", answer_id,
                             "positive", NULL), ==, 0);
  feedback = tess_playground_store_get_feedback (tess_playground_server_get_store (fixture->server),
                                                 thread_id, answer_id);
  g_assert_cmpstr (feedback, ==, "positive");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_chat (fixture, &out, NULL, "--thread", thread_id, "rename", "Renamed",
                             NULL), ==, 0);
  output = parse_output (out);
  g_assert_cmpstr (json_object_get_string_member (output, "title"), ==, "Renamed");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&output, json_object_unref);

  g_assert_cmpint (run_chat (fixture, &out, NULL, "list", NULL), ==, 0);
  output = parse_output (out);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
    json_object_get_array_member (output, "data"), 0), "title"), ==, "Renamed");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_chat (fixture, &out, NULL, "--thread", thread_id, "delete", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_chat (fixture, &out, &err, "--thread", thread_id, "show", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "threads.get_by_id: HTTP 404 Not Found: no thread"));
}

static void
test_attachments_and_transcribe (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("tessera-cli-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "report.txt", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) output = NULL;
  JsonObject *attachment;
  g_autofree char *attachment_id = NULL;

  g_file_set_contents (file, "quarterly numbers\n", -1, NULL);
  g_assert_cmpint (run_chat (fixture, &out, NULL, "send", "--attach", file, "see file", NULL),
                   ==, 0);
  output = parse_output (out);
  attachment = json_array_get_object_element (json_object_get_array_member (
    json_array_get_object_element (items_of (output), 0), "attachments"), 0);
  g_assert_cmpstr (json_object_get_string_member (attachment, "name"), ==, "report.txt");
  g_assert_cmpstr (json_object_get_string_member (attachment, "mime_type"), ==, "text/plain");
  attachment_id = g_strdup (json_object_get_string_member (attachment, "id"));
  g_assert_nonnull (strstr (text_of (last_of (output)), "**report.txt**"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_chat (fixture, &out, NULL, "delete-attachment", attachment_id, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_chat (fixture, &out, &err, "delete-attachment", attachment_id, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "HTTP 404"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_chat (fixture, &out, &err, "transcribe", file, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "input.transcribe: HTTP 501"));

  g_unlink (file);
  g_rmdir (dir);
}

static void
test_failures (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* A streamed error event: exit 3 with the server's message. */
  g_assert_cmpint (run_chat (fixture, &out, &err, "send", "/fail", NULL), ==, 3);
  g_assert_nonnull (strstr (err, "the server reported an error (custom): The playground failed"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage errors: exit 2. */
  g_assert_cmpint (run_chat (fixture, &out, &err, "teleport", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "unknown command “teleport”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_chat (fixture, &out, &err, "rename", "x", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "needs --thread ID"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_chat (fixture, &out, &err, "--header", "nocolon", "list", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "expected “Name: value”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_chat (fixture, &out, &err, "--thread", "t", "feedback", "i", "meh", NULL),
                   ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_chat (fixture, &out, &err, "--thread", "t", "action", "x", "--payload",
                             "{bad", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--payload is not JSON: 1:"));
  g_clear_pointer (&err, g_free);

  /* Protocol errors: exit 1 with where it went wrong. */
  g_assert_cmpint (run_chat (fixture, &out, &err, "--thread", "thr_nope", "send", "x", NULL), ==,
                   1);
  g_assert_nonnull (strstr (err, "HTTP 404 Not Found: no thread “thr_nope”"));
}

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  got_result (object, result, user_data);
}

/* --max-time bounds the whole command, however steadily the server keeps talking. */
static void
test_max_time (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *usage = NULL;

  g_assert_cmpint (run_chat (fixture, &out, &err, "--max-time", "1", "send", "/slow", NULL), ==,
                   1);
  g_assert_nonnull (strstr (err, "gave up after 1 s (--max-time)"));

  g_assert_cmpint (run_chat (fixture, NULL, &usage, "--max-time", "-1", "send", "hi", NULL), ==,
                   2);
  g_assert_nonnull (strstr (usage, "--max-time"));
}

static void
test_serve (void)
{
  g_autofree char *driver = driver_path ();
  g_autofree char *dir = g_dir_make_tmp ("tessera-serve-XXXXXX", NULL);
  g_autofree char *widget = g_build_filename (dir, "mine.json", NULL);
  g_autoptr(GSubprocess) serve = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) output = NULL;
  Fixture fixture = { 0 };
  Wait wait = { 0 };

  g_file_set_contents (widget, "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":"
                       "\"from the widgets folder\"}]}", -1, NULL);
  serve = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                            &error, driver, "serve", "--port", "0", "--memory", "--delay", "0",
                            "--widgets", dir, NULL);
  g_assert_no_error (error);

  /* The first line on stdout is the endpoint URL. */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (serve));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, read_line_cb, &wait);
  wait_for (&wait);
  url = g_data_input_stream_read_line_finish_utf8 (lines, wait.result, NULL, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));

  fixture.url = g_strdup (url);
  g_assert_cmpint (run_chat (&fixture, &out, NULL, "send", "/widget mine", NULL), ==, 0);
  output = parse_output (out);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
    json_object_get_array_member (json_object_get_object_member (last_of (output), "widget"),
                                  "children"), 0), "value"), ==, "from the widgets folder");
  g_free (fixture.url);

  g_subprocess_send_signal (serve, SIGTERM);
  g_subprocess_wait_async (serve, NULL, got_result, &wait);
  wait_for (&wait);
  g_subprocess_wait_finish (serve, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (serve));
  g_assert_cmpint (g_subprocess_get_exit_status (serve), ==, 0);

  g_unlink (widget);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/chat/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("send-and-events", test_send_and_events);
  ADD ("actions", test_actions);
  ADD ("tools-and-structured-input", test_tools_and_structured_input);
  ADD ("retry-list-show-feedback-rename-delete", test_retry_list_show_feedback_rename_delete);
  ADD ("attachments-and-transcribe", test_attachments_and_transcribe);
  ADD ("failures", test_failures);
  ADD ("max-time", test_max_time);
  g_test_add_func ("/cli/serve", test_serve);

  return g_test_run ();
}
