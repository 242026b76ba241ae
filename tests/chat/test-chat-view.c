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
#include "chat-test-util.h"

/* Widgets */

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

int
main (int    argc,
      char **argv)
{
  chat_test_init ("chat-test", &argc, &argv);

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

  return chat_test_run ();
}
