/* test-chat-view.c: the Chat view in a window, against the playground on loopback
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "chat/tess-chat-drafts.h"
#include "chat/tess-chat-item-row.h"
#include "chat/tess-chat-note.h"
#include "chat/tess-chat-thread-entry.h"
#include "chat/tess-chat-view.h"

#define WAIT_SECONDS 30

typedef struct
{
  char                 *db_path;
  TessPlaygroundServer *server;
  GtkWidget            *window;
  TessChatView         *view;
} Fixture;

static char *tmp_root;

static TessPlaygroundServer *
start_server (const char *db_path,
              guint       port)
{
  g_autoptr(GError) error = NULL;
  TessPlaygroundServer *server = tess_playground_server_new (db_path, &error);

  g_assert_no_error (error);
  tess_playground_responder_set_word_delay (tess_playground_server_get_responder (server), 5);
  tess_playground_server_listen (server, port, &error);
  g_assert_no_error (error);
  return server;
}

static void
show_view (Fixture *fixture)
{
  g_autofree char *url = tess_playground_server_dup_url (fixture->server);

  fixture->view = TESS_CHAT_VIEW (tess_chat_view_new ());
  /* Pointed at the test's server before it is shown: the view starts no playground. */
  tess_chat_view_set_server (fixture->view, url, NULL);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_present (GTK_WINDOW (fixture->window));
  for (gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
       !gtk_widget_get_mapped (GTK_WIDGET (fixture->view)) && g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("playground-%u.db", ++counter);

  fixture->db_path = g_build_filename (tmp_root, name, NULL);
  fixture->server = start_server (fixture->db_path, 0);
  show_view (fixture);
  g_assert_null (tess_chat_view_get_playground (fixture->view));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_free (fixture->db_path);
}

/* Waiting */

typedef gboolean (*Condition) (Fixture *fixture, gpointer data);

static void
iterate (void)
{
  for (guint i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static gboolean
wait_for (Fixture   *fixture,
          Condition  condition,
          gpointer   data)
{
  gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (fixture, data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  iterate ();
  return TRUE;
}

static gboolean
is_busy (Fixture *fixture,
         gpointer data)
{
  TessChatSession *session = tess_chat_view_get_session (fixture->view);

  return session != NULL && tess_chat_session_get_busy (session);
}

static gboolean
is_idle (Fixture *fixture,
         gpointer data)
{
  return !is_busy (fixture, data);
}

/* Widgets */

static void
collect_full (GtkWidget *root,
              GType      type,
              gboolean   mapped_only,
              GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (!mapped_only || gtk_widget_get_mapped (child)))
        g_ptr_array_add (found, child);
      collect_full (child, type, mapped_only, found);
    }
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  collect_full (root, type, TRUE, found);
}

static GPtrArray *
rows_of (Fixture *fixture)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect (tess_chat_view_get_item_list (fixture->view), TESS_TYPE_CHAT_ITEM_ROW, rows);
  return rows;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip_or_label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      if (g_strcmp0 (gtk_widget_get_tooltip_text (button), tooltip_or_label) == 0 ||
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), tooltip_or_label) == 0)
        return button;
      /* Rendered widget buttons carry their label in a child. */
      collect (button, GTK_TYPE_LABEL, labels);
      for (guint j = 0; j < labels->len; j++)
        if (g_strcmp0 (gtk_label_get_text (labels->pdata[j]), tooltip_or_label) == 0)
          return button;
    }
  return NULL;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static char *
composer_text (Fixture *fixture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (tess_chat_view_get_composer (fixture->view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
type_message (Fixture    *fixture,
              const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (tess_chat_view_get_composer (fixture->view)),
                            text, -1);
}

static void
send_message (Fixture    *fixture,
              const char *text)
{
  type_message (fixture, text);
  click (find_button (GTK_WIDGET (fixture->view), "Send"));
}

/* The row showing the newest item of @kind (a TessItemKind), or NULL. */
static TessChatItemRow *
last_row_of_kind (Fixture      *fixture,
                  TessItemKind  kind)
{
  g_autoptr(GPtrArray) rows = rows_of (fixture);
  TessChatItemRow *best = NULL;
  guint best_position = 0;
  TessThread *thread = tess_chat_view_get_thread (fixture->view);

  for (guint i = 0; i < rows->len; i++)
    {
      GObject *item = tess_chat_item_row_get_item (g_ptr_array_index (rows, i));
      guint position;

      if (item == NULL || !TESS_IS_THREAD_ITEM (item) ||
          tess_thread_item_get_kind (TESS_THREAD_ITEM (item)) != (TessItemKind) kind ||
          tess_thread_lookup_item (thread, tess_thread_item_get_id (TESS_THREAD_ITEM (item)),
                                   &position) == NULL)
        continue;
      if (best == NULL || position >= best_position)
        {
          best = g_ptr_array_index (rows, i);
          best_position = position;
        }
    }
  return best;
}

static GPtrArray *
note_rows (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = rows_of (fixture);
  GPtrArray *notes = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      GObject *item = tess_chat_item_row_get_item (g_ptr_array_index (rows, i));

      if (item != NULL && TESS_IS_CHAT_NOTE (item))
        g_ptr_array_add (notes, g_ptr_array_index (rows, i));
    }
  return notes;
}

static guint
count_kind (Fixture      *fixture,
            TessItemKind  kind)
{
  GListModel *thread = G_LIST_MODEL (tess_chat_view_get_thread (fixture->view));
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (thread); i++)
    {
      g_autoptr(TessThreadItem) item = g_list_model_get_item (thread, i);

      count += tess_thread_item_get_kind (item) == kind;
    }
  return count;
}

/* Tests */

typedef struct
{
  guint shortest;
  guint longest;
} Seen;

static gboolean
answer_done_watching (Fixture *fixture,
                      gpointer data)
{
  Seen *seen = data;
  TessChatItemRow *row = last_row_of_kind (fixture, TESS_ITEM_ASSISTANT_MESSAGE);
  g_autofree char *text = row != NULL ? tess_chat_item_row_dup_text (row) : NULL;

  if (text != NULL && *text != '\0')
    {
      seen->shortest = MIN (seen->shortest, strlen (text));
      seen->longest = MAX (seen->longest, strlen (text));
    }
  return is_idle (fixture, NULL) && text != NULL;
}

static void
test_send_streams (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *left = NULL;
  TessChatItemRow *row;
  Seen seen = { G_MAXUINT, 0 };

  tess_playground_responder_set_word_delay (tess_playground_server_get_responder (fixture->server),
                                            30);
  send_message (fixture, "hello view");
  g_assert_true (is_busy (fixture, NULL));
  g_assert_true (wait_for (fixture, answer_done_watching, &seen));

  row = last_row_of_kind (fixture, TESS_ITEM_ASSISTANT_MESSAGE);
  g_assert_nonnull (row);
  text = tess_chat_item_row_dup_text (row);
  g_assert_true (g_str_has_prefix (text, "You said: **hello view**"));
  /* It streamed: the row showed shorter texts before the whole answer. */
  g_assert_cmpuint (seen.shortest, <, seen.longest);
  g_assert_cmpuint (seen.longest, ==, strlen (text));

  /* The user's message is a row too, and it left the composer. */
  row = last_row_of_kind (fixture, TESS_ITEM_USER_MESSAGE);
  g_assert_nonnull (row);
  g_clear_pointer (&text, g_free);
  text = tess_chat_item_row_dup_text (row);
  g_assert_cmpstr (text, ==, "hello view");
  left = composer_text (fixture);
  g_assert_cmpstr (left, ==, "");

  /* The thread is in the sidebar, titled by the server. */
  g_assert_cmpuint (g_list_model_get_n_items (tess_chat_view_get_threads (fixture->view)), ==, 1);
  {
    g_autoptr(TessChatThreadEntry) entry =
      g_list_model_get_item (tess_chat_view_get_threads (fixture->view), 0);

    g_assert_cmpstr (tess_chat_thread_entry_get_id (entry), ==,
                     tess_thread_get_id (tess_chat_view_get_thread (fixture->view)));
    g_assert_nonnull (tess_chat_thread_entry_get_title (entry));
  }
}

static GtkWidget *
first_of_type (GtkWidget *root,
               GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, type, found);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static JsonObject *
object_at (JsonObject *object,
           const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  return json_object_get_object_member (object, member);
}

static void
test_form_action (Fixture       *fixture,
                  gconstpointer  data)
{
  TessChatItemRow *row;
  TessWidgetView *widget_view;
  GtkWidget *entry, *check, *options;
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) payload = NULL;
  const char *start, *end;
  g_autofree char *json = NULL;
  JsonObject *todo;

  send_message (fixture, "/widget todo-form");
  g_assert_true (wait_for (fixture, is_idle, NULL));
  row = last_row_of_kind (fixture, TESS_ITEM_WIDGET);
  g_assert_nonnull (row);
  widget_view = tess_chat_item_row_get_widget_view (row);
  g_assert_nonnull (widget_view);

  entry = first_of_type (GTK_WIDGET (widget_view), GTK_TYPE_EDITABLE);
  check = first_of_type (GTK_WIDGET (widget_view), GTK_TYPE_CHECK_BUTTON);
  /* The Select's options are a list in its popover. */
  collect_full (GTK_WIDGET (widget_view), GTK_TYPE_LIST_BOX, FALSE, lists);
  g_assert_cmpuint (lists->len, ==, 1);
  options = lists->pdata[0];
  g_assert_nonnull (entry);
  g_assert_nonnull (check);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Buy milk");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_signal_emit_by_name (options, "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (options), 2));

  click (find_button (GTK_WIDGET (widget_view), "Add task"));
  g_assert_true (is_busy (fixture, NULL));
  g_assert_true (wait_for (fixture, is_idle, NULL));
  /* thread.item.replaced brought the widget a new status; it is not loading any more. */
  row = last_row_of_kind (fixture, TESS_ITEM_WIDGET);
  widget_view = tess_chat_item_row_get_widget_view (row);
  g_assert_false (tess_widget_view_is_loading (widget_view));

  /* The playground answers with the payload it received. */
  row = last_row_of_kind (fixture, TESS_ITEM_ASSISTANT_MESSAGE);
  text = tess_chat_item_row_dup_text (row);
  g_assert_true (g_str_has_prefix (text, "Received action `todo.create`"));
  start = strstr (text, "```json\n");
  g_assert_nonnull (start);
  start += strlen ("```json\n");
  end = strstr (start, "\n```");
  g_assert_nonnull (end);
  json = g_strndup (start, end - start);
  payload = json_from_string (json, NULL);
  g_assert_nonnull (payload);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (payload), "list"), ==,
                   "inbox");
  todo = object_at (json_node_get_object (payload), "todo");
  g_assert_cmpstr (json_object_get_string_member (todo, "title"), ==, "Buy milk");
  g_assert_cmpstr (json_object_get_string_member (todo, "priority"), ==, "high");
  g_assert_true (json_object_get_boolean_member (todo, "notify"));
}

static gboolean
has_error_note (Fixture *fixture,
                gpointer data)
{
  g_autoptr(GPtrArray) notes = note_rows (fixture);

  for (guint i = 0; i < notes->len; i++)
    {
      TessChatNote *note = TESS_CHAT_NOTE (tess_chat_item_row_get_item (notes->pdata[i]));

      if (tess_chat_note_get_kind (note) == TESS_CHAT_NOTE_ERROR)
        return TRUE;
    }
  return FALSE;
}

static TessChatNote *
error_note (Fixture *fixture)
{
  g_autoptr(GPtrArray) notes = note_rows (fixture);

  g_assert_cmpuint (notes->len, ==, 1);
  return TESS_CHAT_NOTE (tess_chat_item_row_get_item (notes->pdata[0]));
}

static void
test_retry_server_error (Fixture       *fixture,
                         gconstpointer  data)
{
  TessChatNote *first, *second;
  g_autofree char *first_id = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) notes = NULL;

  send_message (fixture, "/fail");
  g_assert_true (wait_for (fixture, is_idle, NULL));
  g_assert_true (wait_for (fixture, has_error_note, NULL));
  first = error_note (fixture);
  first_id = g_strdup (tess_chat_note_get_id (first));
  g_assert_cmpint (tess_chat_note_get_retry (first), ==, TESS_CHAT_RETRY_AFTER_ITEM);
  g_assert_nonnull (strstr (tess_chat_note_get_message (first), "failed on purpose"));
  g_assert_cmpuint (count_kind (fixture, TESS_ITEM_USER_MESSAGE), ==, 1);

  /* Retry streams threads.retry_after_item: the same turn runs again, no new user message. */
  notes = note_rows (fixture);
  click (find_button (notes->pdata[0], "_Retry"));
  g_assert_true (is_busy (fixture, NULL));
  g_assert_true (wait_for (fixture, is_idle, NULL));
  g_assert_true (wait_for (fixture, has_error_note, NULL));
  second = error_note (fixture);
  g_assert_cmpstr (tess_chat_note_get_id (second), !=, first_id);
  g_assert_cmpuint (count_kind (fixture, TESS_ITEM_USER_MESSAGE), ==, 1);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "");
}

static void
test_failed_send_keeps_message (Fixture       *fixture,
                                gconstpointer  data)
{
  guint port = tess_playground_server_get_port (fixture->server);
  g_autofree char *kept = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  TessChatNote *note;

  /* The server goes away: the send fails and the message stays. */
  g_clear_object (&fixture->server);
  send_message (fixture, "please keep me");
  g_assert_true (wait_for (fixture, is_idle, NULL));
  g_assert_true (wait_for (fixture, has_error_note, NULL));
  note = error_note (fixture);
  g_assert_cmpint (tess_chat_note_get_retry (note), ==, TESS_CHAT_RETRY_RESEND);
  kept = composer_text (fixture);
  g_assert_cmpstr (kept, ==, "please keep me");
  g_assert_true (gtk_text_view_get_editable (tess_chat_view_get_composer (fixture->view)));
  tess_chat_view_save_draft (fixture->view);
  draft = tess_chat_drafts_load (TESS_CHAT_DRAFT_NEW);
  g_assert_cmpstr (draft, ==, "please keep me");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tess_chat_view_get_thread (
                                                fixture->view))), ==, 0);

  /* It comes back; Retry sends the kept message. */
  fixture->server = start_server (fixture->db_path, port);
  notes = note_rows (fixture);
  click (find_button (notes->pdata[0], "_Retry"));
  g_assert_true (wait_for (fixture, is_idle, NULL));
  answer = tess_chat_item_row_dup_text (last_row_of_kind (fixture,
                                                          TESS_ITEM_ASSISTANT_MESSAGE));
  g_assert_true (g_str_has_prefix (answer, "You said: **please keep me**"));
  g_clear_pointer (&kept, g_free);
  kept = composer_text (fixture);
  g_assert_cmpstr (kept, ==, "");
  g_clear_pointer (&draft, g_free);
  draft = tess_chat_drafts_load (TESS_CHAT_DRAFT_NEW);
  g_assert_null (draft);
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = note_rows (fixture);
  g_assert_cmpuint (notes->len, ==, 0);
}

static gboolean
answer_started (Fixture *fixture,
                gpointer data)
{
  TessChatItemRow *row = last_row_of_kind (fixture, TESS_ITEM_ASSISTANT_MESSAGE);
  g_autofree char *text = row != NULL ? tess_chat_item_row_dup_text (row) : NULL;

  return text != NULL && strstr (text, "Word 2.") != NULL;
}

static void
test_stop (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *stop = find_button (GTK_WIDGET (fixture->view), "Stop");
  GtkWidget *send = find_button (GTK_WIDGET (fixture->view), "Send");
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  gint64 stopped_at;

  g_assert_nonnull (send);
  g_assert_null (stop);
  send_message (fixture, "/slow");
  g_assert_true (wait_for (fixture, answer_started, NULL));
  g_assert_true (is_busy (fixture, NULL));
  stop = find_button (GTK_WIDGET (fixture->view), "Stop");
  g_assert_nonnull (stop);
  g_assert_false (gtk_widget_get_visible (send));

  stopped_at = g_get_monotonic_time ();
  click (stop);
  g_assert_true (wait_for (fixture, is_idle, NULL));
  g_assert_cmpint (g_get_monotonic_time () - stopped_at, <, 3 * G_USEC_PER_SEC);
  g_assert_true (gtk_widget_get_visible (send));
  g_assert_false (gtk_widget_get_visible (stop));

  /* The partial answer stays; stopping is no error. */
  text = tess_chat_item_row_dup_text (last_row_of_kind (fixture, TESS_ITEM_ASSISTANT_MESSAGE));
  g_assert_nonnull (strstr (text, "slow on purpose"));
  g_assert_null (strstr (text, "Word 100."));
  notes = note_rows (fixture);
  g_assert_cmpuint (notes->len, ==, 0);
}

/* The window goes and a new view comes on the same server, as after a restart. */
static void
restart_view (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  iterate ();
  show_view (fixture);
}

static gboolean
shows_first_message (Fixture *fixture,
                     gpointer text)
{
  g_autoptr(GPtrArray) rows = rows_of (fixture);
  g_autofree char *first = rows->len > 0 ? tess_chat_item_row_dup_text (rows->pdata[0]) : NULL;

  return g_strcmp0 (first, text) == 0;
}

static gboolean
is_new_chat (Fixture *fixture,
             gpointer data)
{
  TessThread *thread = tess_chat_view_get_thread (fixture->view);

  return thread != NULL && tess_thread_get_id (thread) == NULL;
}

static void
test_drafts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *thread_a = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *url = NULL;
  g_autofree char *open_id = NULL;

  send_message (fixture, "first thread");
  g_assert_true (wait_for (fixture, is_idle, NULL));
  thread_a = g_strdup (tess_thread_get_id (tess_chat_view_get_thread (fixture->view)));
  g_assert_nonnull (thread_a);

  type_message (fixture, "draft for A\nsecond line");
  tess_chat_view_new_chat (fixture->view);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "");
  type_message (fixture, "draft for a new chat");

  tess_chat_view_open_thread (fixture->view, thread_a);
  g_clear_pointer (&text, g_free);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "draft for A\nsecond line");

  tess_chat_view_new_chat (fixture->view);
  g_clear_pointer (&text, g_free);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "draft for a new chat");

  /* On disk, one file per thread. */
  path = tess_chat_drafts_path (thread_a);
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, "draft for A\nsecond line");

  /* A restart: a new view on the same server opens the chat left open, with its draft. */
  tess_chat_view_open_thread (fixture->view, thread_a);
  restart_view (fixture);
  g_assert_true (wait_for (fixture, is_idle, NULL));
  g_assert_cmpstr (tess_thread_get_id (tess_chat_view_get_thread (fixture->view)), ==, thread_a);
  g_assert_true (wait_for (fixture, shows_first_message, (gpointer) "first thread"));
  g_clear_pointer (&text, g_free);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "draft for A\nsecond line");

  /* A new chat left open is a new chat at the next start. */
  tess_chat_view_new_chat (fixture->view);
  restart_view (fixture);
  g_assert_null (tess_thread_get_id (tess_chat_view_get_thread (fixture->view)));
  g_clear_pointer (&text, g_free);
  text = composer_text (fixture);
  g_assert_cmpstr (text, ==, "draft for a new chat");

  /* A chat that has gone from the server since: a new chat, and no error in it. */
  url = tess_playground_server_dup_url (fixture->server);
  g_assert_true (tess_chat_drafts_save_open_thread (url, "thr_gone_since", NULL));
  restart_view (fixture);
  g_assert_true (wait_for (fixture, is_new_chat, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (tess_chat_view_get_items (fixture->view)), ==, 0);
  open_id = tess_chat_drafts_load_open_thread (url);
  g_assert_null (open_id);

  /* Drafts of odd ids stay inside the folder. */
  g_clear_pointer (&path, g_free);
  path = tess_chat_drafts_path ("../x/y");
  g_assert_null (strstr (path + strlen (tmp_root), "/../"));
  g_assert_true (tess_chat_drafts_save ("../x/y", "odd", NULL));
  g_clear_pointer (&on_disk, g_free);
  on_disk = tess_chat_drafts_load ("../x/y");
  g_assert_cmpstr (on_disk, ==, "odd");
  g_assert_true (tess_chat_drafts_save ("../x/y", "", NULL));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

#define BIG_THREAD 10000

static guint
count_rows (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  /* Mapped or not: every row widget the list made. */
  for (GtkWidget *child = gtk_widget_get_first_child (tess_chat_view_get_item_list (fixture->view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (row != NULL && TESS_IS_CHAT_ITEM_ROW (row))
        g_ptr_array_add (rows, row);
    }
  return rows->len;
}

static gboolean
shows_text (Fixture    *fixture,
            const char *wanted)
{
  g_autoptr(GPtrArray) rows = rows_of (fixture);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *text = tess_chat_item_row_dup_text (rows->pdata[i]);

      if (g_strcmp0 (text, wanted) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_big_thread (Fixture       *fixture,
                 gconstpointer  data)
{
  TessThread *thread = tess_chat_view_get_thread (fixture->view);
  g_autoptr(TessPage) page = tess_page_new (g_object_unref);
  GtkAdjustment *adjustment;
  GtkWidget *scroller;
  guint rows;

  for (guint i = 0; i < BIG_THREAD; i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"type\":\"assistant_message\",\"id\":\"msg_%05u\",\"thread_id\":\"thr_big\","
        "\"created_at\":\"2026-01-01T00:00:00\",\"content\":[{\"type\":\"output_text\","
        "\"text\":\"Message %u\",\"annotations\":[]}]}", i, i);
      g_autoptr(JsonNode) node = json_from_string (json, NULL);
      TessThreadItem *item = tess_thread_item_new_from_json (json_node_get_object (node), "",
                                                             NULL);

      g_assert_nonnull (item);
      g_ptr_array_add (page->data, item);
    }
  tess_thread_add_history_page (thread, page, "asc");
  g_assert_cmpuint (g_list_model_get_n_items (tess_chat_view_get_items (fixture->view)), ==,
                    BIG_THREAD);

  scroller = gtk_widget_get_ancestor (tess_chat_view_get_item_list (fixture->view),
                                      GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  for (guint step = 0; step < 6; step++)
    {
      double fraction = step == 5 ? 1.0 : step / 5.0;
      gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

      gtk_adjustment_set_value (adjustment, fraction * (gtk_adjustment_get_upper (adjustment) -
                                                        gtk_adjustment_get_page_size (adjustment)));
      while (g_get_monotonic_time () < end)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
      rows = count_rows (fixture);
      g_test_message ("at %.0f%%: %u row widgets", fraction * 100, rows);
      g_assert_cmpuint (rows, >, 0);
      g_assert_cmpuint (rows, <, 300);
    }
  /* GtkListView estimates the heights of rows it has not built: the end moves as they are
   * measured, so keep going to it, as a person holding End would. */
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (!shows_text (fixture, "Message 9999") && g_get_monotonic_time () < end)
      {
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                              gtk_adjustment_get_page_size (adjustment));
        for (guint i = 0; i < 20; i++)
          {
            g_main_context_iteration (NULL, FALSE);
            g_usleep (1000);
          }
      }
  }
  g_assert_cmpuint (count_rows (fixture), <, 300);
  g_assert_true (shows_text (fixture, "Message 9999"));
  g_assert_false (shows_text (fixture, "Message 0"));

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, 0);
  for (guint i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true (shows_text (fixture, "Message 0"));
  g_assert_cmpuint (count_rows (fixture), <, 300);
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  /* The buttons named in the brief exist with these tooltips (the same strings name them). */
  g_assert_nonnull (find_button (GTK_WIDGET (fixture->view), "Send"));
  g_assert_nonnull (find_button (GTK_WIDGET (fixture->view), "New Chat"));
  send_message (fixture, "name the buttons");
  g_assert_true (wait_for (fixture, is_idle, NULL));
  g_assert_nonnull (find_button (GTK_WIDGET (fixture->view), "Copy"));
  g_assert_nonnull (find_button (GTK_WIDGET (fixture->view), "Retry"));
  g_assert_nonnull (find_button (GTK_WIDGET (fixture->view), "Good response"));
  g_assert_nonnull (find_button (GTK_WIDGET (fixture->view), "Bad response"));
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  int status;

  tmp_root = g_dir_make_tmp ("tessera-chat-test-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);
  {
    g_autofree char *state = g_build_filename (tmp_root, "state", NULL);
    g_autofree char *data_home = g_build_filename (tmp_root, "data", NULL);

    /* Before GLib reads them: drafts and stores stay in the test's folder. */
    g_setenv ("XDG_STATE_HOME", state, TRUE);
    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/chat/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("send-streams", test_send_streams);
  ADD ("form-action", test_form_action);
  ADD ("retry-server-error", test_retry_server_error);
  ADD ("failed-send-keeps-message", test_failed_send_keeps_message);
  ADD ("stop", test_stop);
  ADD ("drafts", test_drafts);
  ADD ("big-thread", test_big_thread);
  ADD ("accessible-names", test_accessible_names);
#undef ADD

  status = g_test_run ();
  remove_tree (tmp_root);
  g_free (tmp_root);
  return status;
}
