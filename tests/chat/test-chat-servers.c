/* test-chat-servers.c: server profiles, `tessera --server` and the Chat against other servers
 *
 * The binary runs on a private D-Bus session bus with no Secret Service, so the keyring is
 * missing as on a fresh machine: secret headers must be reported, never stored elsewhere.
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "chat/tess-chat-item-row.h"
#include "chat/tess-chat-view.h"
#include "chat/tess-server-profile.h"
#include "protocol/tess-thread-item.h"
#include "tess-application.h"
#include "tess-preferences-window.h"

#define WAIT_SECONDS    30
#define INSTALL_SECONDS 600

static gboolean timed_out;

static gboolean
on_timeout (gpointer data)
{
  timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @done says so or @seconds pass. */
static gboolean
wait_until (gboolean (*done) (gpointer data),
            gpointer   data,
            guint      seconds)
{
  guint id;

  timed_out = FALSE;
  id = g_timeout_add_seconds (seconds, on_timeout, NULL);
  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return done (data);
}

/* A ChatKit server just big enough for the Chat view's first request: it records the headers
 * of every request and answers threads.list with an empty page. */
typedef struct
{
  SoupServer *server;
  char       *url;
  GPtrArray  *requests;  /* SoupMessageHeaders, one a request */
} Recorder;

static void
recorder_handle (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Recorder *recorder = user_data;
  static const char page[] = "{\"data\": [], \"has_more\": false}";

  g_ptr_array_add (recorder->requests,
                   soup_message_headers_ref (soup_server_message_get_request_headers (message)));
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, page,
                                    strlen (page));
}

static void
recorder_start (Recorder *recorder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  recorder->server = soup_server_new (NULL, NULL);
  recorder->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) soup_message_headers_unref);
  soup_server_add_handler (recorder->server, "/chatkit", recorder_handle, recorder, NULL);
  g_assert_true (soup_server_listen_local (recorder->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (recorder->server);
  recorder->url = g_strdup_printf ("http://127.0.0.1:%d/chatkit", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
}

static void
recorder_stop (Recorder *recorder)
{
  soup_server_disconnect (recorder->server);
  g_clear_object (&recorder->server);
  g_clear_pointer (&recorder->url, g_free);
  g_clear_pointer (&recorder->requests, g_ptr_array_unref);
}

static gboolean
recorder_has_request (gpointer data)
{
  Recorder *recorder = data;

  return recorder->requests->len > 0;
}

static TessApplication *
new_application (void)
{
  TessApplication *app = tess_application_new ();

  /* Not on the bus by name, so cases cannot meet another instance. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  return app;
}

/* `tessera --server URL --header …`: the Chat view opens on the server with the headers. */
typedef struct
{
  Recorder     recorder;
  char        *shown_url;
  char        *switcher_item;
  char        *visible_view;
} ServerRun;

static void
on_activate_check (GApplication *app,
                   ServerRun    *run)
{
  /* Runs after the command line's "open-server" action; waits for the first request. */
  TessChatView *view;
  GtkDropDown *switcher;
  GtkStringObject *item;

  g_assert_true (wait_until (recorder_has_request, &run->recorder, WAIT_SECONDS));
  view = tess_application_get_chat_view (TESS_APPLICATION (app));
  g_assert_nonnull (view);
  run->shown_url = g_strdup (tess_chat_view_get_server_url (view));
  switcher = tess_chat_view_get_server_switcher (view);
  item = gtk_drop_down_get_selected_item (switcher);
  run->switcher_item = g_strdup (item != NULL ? gtk_string_object_get_string (item) : NULL);
  run->visible_view = g_strdup (adw_view_stack_get_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK))));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    gtk_window_destroy (l->data);
}

static void
test_command_line_server (void)
{
  g_autoptr(TessApplication) app = new_application ();
  ServerRun run = { 0 };
  SoupMessageHeaders *headers;
  int status;

  recorder_start (&run.recorder);
  {
    const char *argv[] = { "tessera", "--server", run.recorder.url,
                     "--header", "Authorization: Bearer cli-token",
                     "-H", "X-Tessera-Test:  yes ", NULL };

    g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_check), &run);
    status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, (char **) argv);
  }

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (run.recorder.requests->len, >=, 1);
  headers = g_ptr_array_index (run.recorder.requests, 0);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Authorization"), ==,
                   "Bearer cli-token");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Tessera-Test"), ==, "yes");
  g_assert_cmpstr (run.shown_url, ==, run.recorder.url);
  /* The temporary profile is in the switcher, chosen, and the Chat is the view shown. */
  g_assert_cmpstr (run.switcher_item, ==, run.recorder.url);
  g_assert_cmpstr (run.visible_view, ==, "chat");

  g_free (run.shown_url);
  g_free (run.switcher_item);
  g_free (run.visible_view);
  recorder_stop (&run.recorder);
}

/* A bad --server or --header ends with status 2 before any window. */
static void
test_command_line_errors (void)
{
  const char *bad_url[] = { "tessera", "--server", "ftp://example.org/chatkit", NULL };
  const char *no_host[] = { "tessera", "--server", "http:///chatkit", NULL };
  const char *bad_header[] = { "tessera", "--server", "http://127.0.0.1:1/chatkit",
                         "--header", "No colon here", NULL };
  const char *bad_name[] = { "tessera", "--server", "http://127.0.0.1:1/chatkit",
                       "--header", "Bad Name: value", NULL };
  const char *header_alone[] = { "tessera", "--header", "A: b", NULL };
  const char **cases[] = { bad_url, no_host, bad_header, bad_name, header_alone };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TessApplication) app = new_application ();

      g_assert_cmpint (g_application_run (G_APPLICATION (app),
                                          g_strv_length ((char **) cases[i]),
                                          (char **) cases[i]), ==, 2);
      g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
    }
}

/* Preferences: the URL and the plain headers go to GSettings, the credentials nowhere but the
 * keyring, which is missing here and said to be. */
static gboolean
has_problem (gpointer data)
{
  return tess_preferences_window_get_server_problem (data) != NULL;
}

static void
assert_absent_from_settings (GSettings  *settings,
                             const char *secret)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      if (strstr (text, secret) != NULL)
        g_error ("the secret “%s” is in the GSettings key %s: %s", secret, keys[i], text);
    }
}

static void
test_preferences_profile (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  TessPreferencesWindow *window = tess_preferences_window_new (settings);
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GHashTable) headers = NULL;
  g_autoptr(GError) error = NULL;
  TessServerProfile *profile;
  GPtrArray *secrets;
  const char *problem;

  g_settings_reset (settings, TESS_SERVER_PROFILES_KEY);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (tess_preferences_window_get_n_servers (window), ==, 0);

  /* A bad entry is refused and nothing is stored. */
  g_assert_false (tess_preferences_window_save_server (window, NULL, "Bad", "not a url", "",
                                                       &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (tess_preferences_window_save_server (window, NULL, "Bad",
                                                       "https://example.org/chatkit",
                                                       "Authorization Bearer x", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  profiles = tess_server_profiles_load (settings);
  g_assert_cmpuint (profiles->len, ==, 0);
  g_clear_pointer (&profiles, g_ptr_array_unref);

  g_assert_true (tess_preferences_window_save_server (
    window, NULL, "Work", "https://chat.example.org/chatkit",
    "Authorization: Bearer sup3r-s3cret-value\nX-Team: blue\nx-api-KEY: k3y-value-42\n",
    &error));
  g_assert_no_error (error);

  profiles = tess_server_profiles_load (settings);
  g_assert_cmpuint (profiles->len, ==, 1);
  profile = g_ptr_array_index (profiles, 0);
  g_assert_cmpstr (tess_server_profile_get_name (profile), ==, "Work");
  g_assert_cmpstr (tess_server_profile_get_url (profile), ==, "https://chat.example.org/chatkit");
  headers = tess_server_profile_dup_headers (profile);
  g_assert_cmpuint (g_hash_table_size (headers), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (headers, "X-Team"), ==, "blue");
  secrets = tess_server_profile_get_secret_names (profile);
  g_assert_cmpuint (secrets->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (secrets, 0), ==, "Authorization");
  g_assert_cmpstr (g_ptr_array_index (secrets, 1), ==, "x-api-KEY");
  assert_absent_from_settings (settings, "sup3r-s3cret-value");
  assert_absent_from_settings (settings, "k3y-value-42");
  g_assert_cmpuint (tess_preferences_window_get_n_servers (window), ==, 1);

  /* No Secret Service on this bus: said in the window, promptly. */
  g_assert_true (wait_until (has_problem, window, WAIT_SECONDS));
  problem = tess_preferences_window_get_server_problem (window);
  g_test_message ("shown: %s", problem);
  g_assert_nonnull (strstr (problem, "Work"));
  g_assert_nonnull (strstr (problem, "keyring is not available"));

  /* Editing through the dialog: the secrets show as a placeholder, which keeps them. */
  {
    g_autoptr(GPtrArray) edited = NULL;
    g_autoptr(GHashTable) edited_headers = NULL;
    AdwMessageDialog *dialog = NULL;
    GtkTextBuffer *buffer;
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_widget_activate_action (GTK_WIDGET (window), "prefs.edit-server", "s",
                                tess_server_profile_get_id (profile));
    for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        dialog = l->data;
    g_assert_nonnull (dialog);
    g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "url-row")),
                     ==, "https://chat.example.org/chatkit");
    buffer = gtk_text_view_get_buffer (g_object_get_data (G_OBJECT (dialog), "headers-view"));
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_null (strstr (text, "sup3r-s3cret-value"));
    g_assert_nonnull (strstr (text, "X-Team: blue"));
    g_assert_nonnull (strstr (text, "Authorization: "));
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "name-row"), "Work (renamed)");
    adw_message_dialog_response (dialog, "save");

    edited = tess_server_profiles_load (settings);
    g_assert_cmpuint (edited->len, ==, 1);
    g_assert_cmpstr (tess_server_profile_get_id (edited->pdata[0]), ==,
                     tess_server_profile_get_id (profile));
    g_assert_cmpstr (tess_server_profile_get_name (edited->pdata[0]), ==, "Work (renamed)");
    g_assert_cmpuint (tess_server_profile_get_secret_names (edited->pdata[0])->len, ==, 2);
    edited_headers = tess_server_profile_dup_headers (edited->pdata[0]);
    g_assert_cmpuint (g_hash_table_size (edited_headers), ==, 1);
    assert_absent_from_settings (settings, "sup3r-s3cret-value");
    assert_absent_from_settings (settings, "••••");
  }

  /* Removing it empties the list. */
  gtk_widget_activate_action (GTK_WIDGET (window), "prefs.remove-server", "s",
                              tess_server_profile_get_id (profile));
  g_clear_pointer (&profiles, g_ptr_array_unref);
  profiles = tess_server_profiles_load (settings);
  g_assert_cmpuint (profiles->len, ==, 0);
  g_assert_cmpuint (tess_preferences_window_get_n_servers (window), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A saved profile whose credential the keyring cannot give still connects, without it. */
static void
test_switch_without_keyring (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  TessServerProfile *profile;
  GtkWidget *window = gtk_window_new ();
  TessChatView *view = TESS_CHAT_VIEW (tess_chat_view_new ());
  GtkDropDown *switcher;
  Recorder recorder = { 0 };
  SoupMessageHeaders *headers;

  recorder_start (&recorder);
  profile = tess_server_profile_new (NULL, "Saved", recorder.url);
  tess_server_profile_set_header (profile, "X-Team", "green");
  tess_server_profile_set_header (profile, "Authorization", "Bearer never-stored");
  g_ptr_array_add (profiles, profile);
  tess_server_profiles_save (settings, profiles);

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  switcher = tess_chat_view_get_server_switcher (view);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (switcher)), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (switcher)),
                                               0), ==, "Playground");
  gtk_drop_down_set_selected (switcher, 1);

  g_assert_true (wait_until (recorder_has_request, &recorder, WAIT_SECONDS));
  headers = g_ptr_array_index (recorder.requests, 0);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Team"), ==, "green");
  g_assert_null (soup_message_headers_get_one (headers, "Authorization"));
  g_assert_cmpstr (tess_chat_view_get_server_url (view), ==, recorder.url);

  /* A removed profile leaves the switcher, which goes back to the playground. */
  g_ptr_array_set_size (profiles, 0);
  tess_server_profiles_save (settings, profiles);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (switcher)), ==, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (switcher), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  recorder_stop (&recorder);
}

/* The Chat view against chatkit-node-backend-sdk, installed as tests/playground installs it. */
typedef struct
{
  GAsyncResult *result;
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
has_result (gpointer data)
{
  return ((Wait *) data)->result != NULL;
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

/* Starts server.mjs (npm install first when needed); NULL with *skip set when node or npm
 * cannot give it. */
static GSubprocess *
start_node_peer (char **url,
                 char **skip)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *npm = g_find_program_in_path ("npm");
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "playground", "node-peer", NULL);
  g_autofree char *work = g_test_build_filename (G_TEST_BUILT, "chat", "node-peer-work", NULL);
  g_autofree char *installed = g_build_filename (work, "node_modules", "chatkit-node-backend-sdk",
                                                 "package.json", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  if (node == NULL || npm == NULL)
    {
      *skip = g_strdup ("node and npm are not installed (apt-get install nodejs npm)");
      return NULL;
    }
  g_mkdir_with_parents (work, 0755);
  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "package.json" : "server.mjs";
      g_autofree char *from = g_build_filename (source, name, NULL);
      g_autofree char *to = g_build_filename (work, name, NULL);

      if (!copy_file (from, to, &error))
        g_error ("%s", error->message);
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, work);
  if (!g_file_test (installed, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GSubprocess) install = NULL;
      g_autofree char *err = NULL;

      g_test_message ("installing chatkit-node-backend-sdk into %s", work);
      install = g_subprocess_launcher_spawn (launcher, &error, npm, "install", "--no-audit",
                                             "--no-fund", "--loglevel=error", NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8_async (install, NULL, NULL, got_result, &wait);
      if (!wait_until (has_result, &wait, INSTALL_SECONDS))
        g_error ("npm install took longer than %d s", INSTALL_SECONDS);
      g_subprocess_communicate_utf8_finish (install, wait.result, NULL, &err, NULL);
      g_clear_object (&wait.result);
      if (!g_subprocess_get_successful (install))
        {
          /* No registry to install from (offline): nothing to test against. */
          *skip = g_strdup_printf ("npm could not install chatkit-node-backend-sdk: %s",
                                   err != NULL ? err : "");
          return NULL;
        }
    }

  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                             G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "PORT", "0", TRUE);
  server = g_subprocess_launcher_spawn (launcher, &error, node, "server.mjs", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, got_result, &wait);
  if (!wait_until (has_result, &wait, WAIT_SECONDS))
    g_error ("the node server did not start");
  *url = g_data_input_stream_read_line_finish_utf8 (lines, wait.result, NULL, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_nonnull (*url);
  g_assert_true (g_str_has_prefix (*url, "http://127.0.0.1:"));
  return g_steal_pointer (&server);
}

typedef struct
{
  TessChatView *view;
  char         *answer;
} Answer;

static void
collect_rows (GtkWidget *root,
              GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TESS_IS_CHAT_ITEM_ROW (child))
        g_ptr_array_add (found, child);
      collect_rows (child, found);
    }
}

/* Done once the list shows a finished answer (the view no longer busy). */
static gboolean
has_answer (gpointer data)
{
  Answer *answer = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  TessChatSession *session = tess_chat_view_get_session (answer->view);

  if (session == NULL || tess_chat_session_get_busy (session))
    return FALSE;
  collect_rows (tess_chat_view_get_item_list (answer->view), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GObject *item = tess_chat_item_row_get_item (g_ptr_array_index (rows, i));

      if (item != NULL && TESS_IS_THREAD_ITEM (item) &&
          tess_thread_item_get_kind (TESS_THREAD_ITEM (item)) == TESS_ITEM_ASSISTANT_MESSAGE)
        {
          g_free (answer->answer);
          answer->answer = tess_chat_item_row_dup_text (g_ptr_array_index (rows, i));
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_node_peer (void)
{
  g_autofree char *url = NULL;
  g_autofree char *skip = NULL;
  g_autoptr(GSubprocess) server = start_node_peer (&url, &skip);
  GtkWidget *window;
  Answer answer = { 0 };

  if (server == NULL)
    {
      g_test_skip (skip);
      return;
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  answer.view = TESS_CHAT_VIEW (tess_chat_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (answer.view));
  tess_chat_view_use_server (answer.view, url, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (tess_chat_view_get_server_url (answer.view), ==, url);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (tess_chat_view_get_composer (answer.view)),
                            "hello node", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (answer.view), "chat.send", NULL));
  g_assert_true (wait_until (has_answer, &answer, WAIT_SECONDS));
  g_assert_cmpstr (answer.answer, ==, "You said: hello node");
  g_assert_nonnull (tess_thread_get_id (tess_chat_view_get_thread (answer.view)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_free (answer.answer);
  g_subprocess_force_exit (server);
}

int
main (int    argc,
      char **argv)
{
  GTestDBus *bus;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  int status;

  /* A bus of our own with no services: no Secret Service, whatever the machine has.  It
   * unsets DISPLAY (against X11 autolaunch), which GTK needs back. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/chat-servers/command-line-errors", test_command_line_errors);
  g_test_add_func ("/chat-servers/command-line-server", test_command_line_server);
  g_test_add_func ("/chat-servers/preferences-profile", test_preferences_profile);
  g_test_add_func ("/chat-servers/switch-without-keyring", test_switch_without_keyring);
  g_test_add_func ("/chat-servers/node-peer", test_node_peer);

  status = g_test_run ();
  /* Only the daemon: taking the bus down would wait for GTK's connection, which lives on. */
  g_test_dbus_stop (bus);
  return status;
}
