/* test-chat-actions.c: what the Chat view does with threads and items, against the playground
 *
 * Rename and delete (with Undo) from the sidebar, feedback, Copy, handler: "client" widget
 * actions, and locked and closed threads.
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "chat/tess-chat-item-row.h"
#include "chat/tess-chat-thread-entry.h"
#include "chat/tess-chat-view.h"
#include "chat-test-util.h"

/* The server's side */

static JsonArray *
server_threads (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TessPlaygroundStore *store = tess_playground_server_get_store (fixture->server);
  g_autoptr(JsonObject) page = tess_playground_store_list_threads (store, 100, TRUE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  return json_array_ref (json_object_get_array_member (page, "data"));
}

/* The title the server lists for @thread_id; "" for none; NULL when it does not list it. */
static char *
server_title (Fixture    *fixture,
              const char *thread_id)
{
  g_autoptr(JsonArray) threads = server_threads (fixture);

  for (guint i = 0; i < json_array_get_length (threads); i++)
    {
      JsonObject *thread = json_array_get_object_element (threads, i);

      if (g_strcmp0 (json_object_get_string_member (thread, "id"), thread_id) == 0)
        return g_strdup (json_object_get_string_member_with_default (thread, "title", ""));
    }
  return NULL;
}

static gboolean
server_lists (Fixture    *fixture,
              const char *thread_id)
{
  g_autofree char *title = server_title (fixture, thread_id);

  return title != NULL;
}

static gboolean
server_forgot (Fixture *fixture,
               gpointer thread_id)
{
  return !server_lists (fixture, thread_id);
}

static gboolean
sidebar_lists (Fixture    *fixture,
               const char *thread_id)
{
  GListModel *threads = tess_chat_view_get_threads (fixture->view);

  for (guint i = 0; i < g_list_model_get_n_items (threads); i++)
    {
      g_autoptr(TessChatThreadEntry) entry = g_list_model_get_item (threads, i);

      if (g_strcmp0 (tess_chat_thread_entry_get_id (entry), thread_id) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
sidebar_has (Fixture *fixture,
             gpointer thread_id)
{
  return sidebar_lists (fixture, thread_id);
}

/* Starts a thread with one exchange and returns its id. */
static char *
start_thread (Fixture    *fixture,
              const char *text)
{
  send_message (fixture, text);
  g_assert_true (wait_for (fixture, is_idle, NULL));
  g_assert_nonnull (tess_thread_get_id (tess_chat_view_get_thread (fixture->view)));
  g_assert_true (wait_for (fixture, sidebar_has,
                           (gpointer) tess_thread_get_id (tess_chat_view_get_thread (
                                                            fixture->view))));
  return g_strdup (tess_thread_get_id (tess_chat_view_get_thread (fixture->view)));
}

/* Toasts: AdwToastOverlay shows each in an AdwToastWidget, its title in a label.  The test
 * reads and clicks them as a person would and holds no reference to an AdwToast. */

static GPtrArray *
toasts_of (Fixture *fixture)
{
  GType type = g_type_from_name ("AdwToastWidget");
  GPtrArray *widgets = g_ptr_array_new ();

  if (type != 0)
    collect_full (GTK_WIDGET (fixture->view), type, TRUE, widgets);
  return widgets;
}

static gboolean
toast_has_title (GtkWidget  *toast,
                 const char *title,
                 gboolean    suffix)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (toast, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (labels->pdata[i]);

      if (suffix ? g_str_has_suffix (text, title) : g_strcmp0 (text, title) == 0)
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
find_toast_full (Fixture    *fixture,
                 const char *title,
                 gboolean    suffix)
{
  g_autoptr(GPtrArray) toasts = toasts_of (fixture);

  for (guint i = 0; i < toasts->len; i++)
    if (toast_has_title (toasts->pdata[i], title, suffix))
      return toasts->pdata[i];
  return NULL;
}

static GtkWidget *
find_toast (Fixture    *fixture,
            const char *title)
{
  return find_toast_full (fixture, title, FALSE);
}

static gboolean
shows_toast (Fixture *fixture,
             gpointer title)
{
  GtkWidget *toast = find_toast (fixture, title);

  /* Once it has come in: until then it takes no clicks. */
  return toast != NULL && is_clickable (toast);
}

static gboolean
wait_for_toast (Fixture    *fixture,
                const char *title)
{
  return wait_for (fixture, shows_toast, (gpointer) title);
}

/* Its close button, once it takes clicks. */
static void
dismiss_toast (GtkWidget *toast)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  g_object_ref (toast);
  while (!is_clickable (toast) && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_object_unref (toast);

  collect (toast, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_icon_name (buttons->pdata[i]), "window-close-symbolic") == 0)
      {
        click (buttons->pdata[i]);
        return;
      }
  g_assert_not_reached ();
}

/* Lets toasts finish their animations. */
static void
settle (void)
{
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < end;)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Dismisses what is on screen, so that the next toast in the queue shows. */
static void
dismiss_toasts (Fixture *fixture)
{
  g_autoptr(GPtrArray) toasts = toasts_of (fixture);

  for (guint i = 0; i < toasts->len; i++)
    dismiss_toast (toasts->pdata[i]);
  iterate ();
}

/* The sidebar row's menu */

/* The action and target of the item labelled @label in the menu of @thread_id's sidebar row. */
static gboolean
row_menu_action (Fixture     *fixture,
                 const char  *thread_id,
                 const char  *label,
                 char       **action,
                 GVariant   **target)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (GTK_WIDGET (fixture->view), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GMenuModel *menu = gtk_menu_button_get_menu_model (buttons->pdata[i]);

      for (int j = 0; menu != NULL && j < g_menu_model_get_n_items (menu); j++)
        {
          g_autofree char *item_label = NULL;
          g_autofree char *item_action = NULL;
          g_autoptr(GVariant) item_target = NULL;

          if (!g_menu_model_get_item_attribute (menu, j, G_MENU_ATTRIBUTE_LABEL, "s",
                                                &item_label) ||
              g_strcmp0 (item_label, label) != 0 ||
              !g_menu_model_get_item_attribute (menu, j, G_MENU_ATTRIBUTE_ACTION, "s",
                                                &item_action))
            continue;
          item_target = g_menu_model_get_item_attribute_value (menu, j, G_MENU_ATTRIBUTE_TARGET,
                                                               G_VARIANT_TYPE_STRING);
          if (item_target == NULL || g_strcmp0 (g_variant_get_string (item_target, NULL),
                                                thread_id) != 0)
            continue;
          *action = g_steal_pointer (&item_action);
          *target = g_steal_pointer (&item_target);
          return TRUE;
        }
    }
  return FALSE;
}

/* Activates the sidebar row menu's @label item for @thread_id, as choosing it does. */
static void
choose_from_row_menu (Fixture    *fixture,
                      const char *thread_id,
                      const char *label)
{
  g_autofree char *action = NULL;
  g_autoptr(GVariant) target = NULL;

  g_assert_true (row_menu_action (fixture, thread_id, label, &action, &target));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->view), action,
                                                     target));
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Tests */

typedef struct
{
  const char *id;
  const char *title;
} Titled;

static gboolean
sidebar_titled (Fixture *fixture,
                gpointer data)
{
  Titled *titled = data;
  GListModel *threads = tess_chat_view_get_threads (fixture->view);

  for (guint i = 0; i < g_list_model_get_n_items (threads); i++)
    {
      g_autoptr(TessChatThreadEntry) entry = g_list_model_get_item (threads, i);

      if (g_strcmp0 (tess_chat_thread_entry_get_id (entry), titled->id) == 0)
        return g_strcmp0 (tess_chat_thread_entry_get_title (entry), titled->title) == 0;
    }
  return FALSE;
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *id = start_thread (fixture, "name me");
  g_autofree char *before = server_title (fixture, id);
  g_autofree char *after = NULL;
  g_autoptr(AdwMessageDialog) dialog = NULL;
  GtkWidget *entry;
  Titled titled = { id, "Renamed by the test" };

  g_assert_nonnull (before);
  g_assert_cmpstr (before, !=, titled.title);
  choose_from_row_menu (fixture, id, "_Rename…");
  iterate ();
  dialog = find_dialog ("Rename Chat");
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_EDITABLE (entry));
  /* It starts from the title the sidebar shows; spaces around the new one are dropped. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, before);
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Renamed by the test ");
  adw_message_dialog_response (dialog, "rename");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (wait_for (fixture, sidebar_titled, &titled));
  after = server_title (fixture, id);
  g_assert_cmpstr (after, ==, "Renamed by the test");
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *id = start_thread (fixture, "keep me after all");
  g_autofree char *title = NULL;
  g_autofree char *toast_title = NULL;
  GtkWidget *toast;

  {
    g_autoptr(TessChatThreadEntry) entry =
      g_list_model_get_item (tess_chat_view_get_threads (fixture->view), 0);

    title = g_strdup (tess_chat_thread_entry_get_display_title (entry));
  }
  toast_title = g_strdup_printf ("“%s” deleted", title);

  choose_from_row_menu (fixture, id, "_Delete");
  g_assert_false (sidebar_lists (fixture, id));
  /* The open thread went with it: the view starts a new chat. */
  g_assert_null (tess_thread_get_id (tess_chat_view_get_thread (fixture->view)));
  g_assert_true (wait_for_toast (fixture, toast_title));
  toast = find_toast (fixture, toast_title);
  click (find_button (toast, "_Undo"));
  iterate ();
  g_assert_true (sidebar_lists (fixture, id));
  /* The toast went on Undo, and nothing was sent: after a while the server still has it. */
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < end;)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true (server_lists (fixture, id));
  g_assert_true (sidebar_lists (fixture, id));
  tess_chat_view_open_thread (fixture->view, id);
  g_assert_true (wait_for (fixture, is_idle, NULL));
  g_assert_cmpstr (tess_thread_get_id (tess_chat_view_get_thread (fixture->view)), ==, id);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *first = start_thread (fixture, "first, to be deleted");
  g_autofree char *second = NULL;
  GtkWidget *toast;

  tess_chat_view_new_chat (fixture->view);
  second = start_thread (fixture, "second, to stay");
  g_assert_cmpstr (first, !=, second);

  choose_from_row_menu (fixture, first, "_Delete");
  g_assert_false (sidebar_lists (fixture, first));
  /* Not yet: the server is asked when the toast goes without Undo. */
  g_assert_true (server_lists (fixture, first));
  iterate ();
  toast = find_toast_full (fixture, " deleted", TRUE);
  g_assert_nonnull (toast);
  dismiss_toast (toast);

  g_assert_true (wait_for (fixture, server_forgot, first));
  g_assert_false (sidebar_lists (fixture, first));
  /* The other thread, open all along, is untouched. */
  g_assert_true (server_lists (fixture, second));
  g_assert_true (sidebar_lists (fixture, second));
  g_assert_cmpstr (tess_thread_get_id (tess_chat_view_get_thread (fixture->view)), ==, second);
}

typedef struct
{
  TessPlaygroundStore *store;
  const char          *thread_id;
  const char          *item_id;
} Feedback;

static gboolean
feedback_recorded (Fixture *fixture,
                   gpointer data)
{
  Feedback *feedback = data;
  g_autofree char *kind = tess_playground_store_get_feedback (feedback->store, feedback->thread_id,
                                                              feedback->item_id);

  return kind != NULL;
}

static void
test_feedback (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *id = start_thread (fixture, "rate me");
  TessChatItemRow *row = last_row_of_kind (fixture, TESS_ITEM_ASSISTANT_MESSAGE);
  TessThreadItem *item;
  Feedback feedback;
  g_autofree char *kind = NULL;

  g_assert_nonnull (row);
  item = TESS_THREAD_ITEM (tess_chat_item_row_get_item (row));
  feedback = (Feedback) { tess_playground_server_get_store (fixture->server), id,
                          tess_thread_item_get_id (item) };
  kind = tess_playground_store_get_feedback (feedback.store, id, feedback.item_id);
  g_assert_null (kind);

  click (find_button (GTK_WIDGET (row), "Good response"));
  g_assert_true (wait_for (fixture, feedback_recorded, &feedback));
  kind = tess_playground_store_get_feedback (feedback.store, id, feedback.item_id);
  g_assert_cmpstr (kind, ==, "positive");
  g_assert_true (wait_for_toast (fixture, "Thank you for the feedback"));
  dismiss_toasts (fixture);

  click (find_button (GTK_WIDGET (row), "Bad response"));
  for (gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
       g_strcmp0 (kind, "negative") != 0 && g_get_monotonic_time () < end;)
    {
      g_clear_pointer (&kind, g_free);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      kind = tess_playground_store_get_feedback (feedback.store, id, feedback.item_id);
    }
  g_assert_cmpstr (kind, ==, "negative");
}

/* The clipboard */

static void
read_text_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  if (*text == NULL)
    *text = g_strdup ("");
}

static char *
clipboard_text (Fixture *fixture)
{
  char *text = NULL;
  gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->view)), NULL,
                                 read_text_done, &text);
  while (text == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (text);
  return text;
}

static void
clear_clipboard (Fixture *fixture)
{
  g_autofree char *text = NULL;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (fixture->view)), "(nothing yet)");
  text = clipboard_text (fixture);
  g_assert_cmpstr (text, ==, "(nothing yet)");
}

static void
test_copy (Fixture       *fixture,
           gconstpointer  data)
{
  TessChatItemRow *row;
  g_autofree char *shown = NULL;
  g_autofree char *copied = NULL;

  start_thread (fixture, "copy me");
  row = last_row_of_kind (fixture, TESS_ITEM_ASSISTANT_MESSAGE);
  shown = tess_chat_item_row_dup_text (row);
  g_assert_true (g_str_has_prefix (shown, "You said: **copy me**"));
  clear_clipboard (fixture);
  click (find_button (GTK_WIDGET (row), "Copy"));
  copied = clipboard_text (fixture);
  g_assert_cmpstr (copied, ==, shown);
  g_assert_true (wait_for_toast (fixture, "Copied to the clipboard"));
  dismiss_toasts (fixture);

  /* A widget copies its copy_text (the playground sets it to the widget's name). */
  send_message (fixture, "/widget weather");
  g_assert_true (wait_for (fixture, is_idle, NULL));
  row = last_row_of_kind (fixture, TESS_ITEM_WIDGET);
  g_assert_nonnull (row);
  clear_clipboard (fixture);
  click (find_button (GTK_WIDGET (row), "Copy"));
  g_clear_pointer (&copied, g_free);
  copied = clipboard_text (fixture);
  g_assert_cmpstr (copied, ==, "weather");
}

#define CLIENT_WIDGET \
  "{\"type\":\"Card\",\"children\":[" \
  "{\"type\":\"Title\",\"value\":\"Client actions\"}," \
  "{\"type\":\"Button\",\"label\":\"Ask more\",\"onClickAction\":{\"type\":\"send_message\"," \
  "\"handler\":\"client\",\"payload\":{\"text\":\"tell me more\"}}}," \
  "{\"type\":\"Button\",\"label\":\"Copy code\",\"onClickAction\":{\"type\":\"copy\"," \
  "\"handler\":\"client\",\"payload\":{\"text\":\"CODE-1234\"}}}," \
  "{\"type\":\"Button\",\"label\":\"Copy item\",\"onClickAction\":{\"type\":\"copy_text\"," \
  "\"handler\":\"client\"}}," \
  "{\"type\":\"Button\",\"label\":\"Mystery\",\"onClickAction\":{\"type\":\"playground.mystery\"," \
  "\"handler\":\"client\",\"payload\":{\"x\":1}}}]}"

static GtkWidget *
client_widget (Fixture *fixture)
{
  TessChatItemRow *row = last_row_of_kind (fixture, TESS_ITEM_WIDGET);

  g_assert_nonnull (row);
  g_assert_nonnull (tess_chat_item_row_get_widget_view (row));
  return GTK_WIDGET (tess_chat_item_row_get_widget_view (row));
}

static void
test_client_actions (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (tmp_root, "widgets", NULL);
  g_autofree char *path = g_build_filename (dir, "client-actions.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *text = NULL;
  g_autofree char *thread_id = NULL;
  guint users;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, CLIENT_WIDGET, -1, &error));
  g_assert_no_error (error);
  tess_playground_responder_load_widgets_dir (tess_playground_server_get_responder (
                                                fixture->server), dir, &error);
  g_assert_no_error (error);

  thread_id = start_thread (fixture, "/widget client-actions");
  g_assert_cmpuint (count_kind (fixture, TESS_ITEM_WIDGET), ==, 1);
  users = count_kind (fixture, TESS_ITEM_USER_MESSAGE);
  g_assert_cmpuint (users, ==, 1);

  /* Copy with a payload text */
  clear_clipboard (fixture);
  click (find_button (client_widget (fixture), "Copy code"));
  copied = clipboard_text (fixture);
  g_assert_cmpstr (copied, ==, "CODE-1234");
  g_assert_true (wait_for_toast (fixture, "Copied to the clipboard"));
  /* It stays on the client: no turn started. */
  g_assert_false (is_busy (fixture, NULL));

  /* Copy without one: the item's copy_text (the playground sets the widget's name) */
  clear_clipboard (fixture);
  click (find_button (client_widget (fixture), "Copy item"));
  g_clear_pointer (&copied, g_free);
  copied = clipboard_text (fixture);
  g_assert_cmpstr (copied, ==, "client-actions");

  /* An unknown type: a toast names it. */
  click (find_button (client_widget (fixture), "Mystery"));
  g_assert_true (wait_for_toast (fixture,
                                 "No handler for the client action “playground.mystery”"));
  g_assert_false (is_busy (fixture, NULL));
  g_assert_cmpuint (count_kind (fixture, TESS_ITEM_USER_MESSAGE), ==, users);

  /* A follow-up: sent as the user's message, answered in the same thread. */
  settle ();
  click (find_button (client_widget (fixture), "Ask more"));
  g_assert_true (wait_for (fixture, is_idle, NULL));
  g_assert_cmpstr (tess_thread_get_id (tess_chat_view_get_thread (fixture->view)), ==,
                   thread_id);
  g_assert_cmpuint (count_kind (fixture, TESS_ITEM_USER_MESSAGE), ==, users + 1);
  text = tess_chat_item_row_dup_text (last_row_of_kind (fixture, TESS_ITEM_USER_MESSAGE));
  g_assert_cmpstr (text, ==, "tell me more");
  g_clear_pointer (&text, g_free);
  text = tess_chat_item_row_dup_text (last_row_of_kind (fixture, TESS_ITEM_ASSISTANT_MESSAGE));
  g_assert_true (g_str_has_prefix (text, "You said: **tell me more**"));
  /* The server has both messages. */
  {
    g_autoptr(JsonObject) items = tess_playground_store_list_items (
      tess_playground_server_get_store (fixture->server), thread_id, 100, FALSE, NULL, &error);
    JsonArray *array;
    guint user_messages = 0;

    g_assert_no_error (error);
    array = json_object_get_array_member (items, "data");
    for (guint i = 0; i < json_array_get_length (array); i++)
      user_messages += g_strcmp0 (json_object_get_string_member (
                                    json_array_get_object_element (array, i), "type"),
                                  "user_message") == 0;
    g_assert_cmpuint (user_messages, ==, 2);
  }
}

/* Locked and closed */

static gboolean
shows_label (Fixture    *fixture,
             const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
status_is (Fixture *fixture,
           gpointer status)
{
  return is_idle (fixture, NULL) &&
         tess_thread_get_status (tess_chat_view_get_thread (fixture->view)) ==
         GPOINTER_TO_INT (status);
}

static void
check_locked (Fixture *fixture)
{
  GtkWidget *composer = GTK_WIDGET (tess_chat_view_get_composer (fixture->view));

  g_assert_true (shows_label (fixture, "Locked by /lock (the playground still answers)."));
  /* Shown, but nothing to type into or send. */
  g_assert_true (gtk_widget_get_mapped (composer));
  g_assert_false (gtk_widget_is_sensitive (composer));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (fixture->view), "Send")));
}

static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *id = start_thread (fixture, "hello");
  GtkWidget *composer = GTK_WIDGET (tess_chat_view_get_composer (fixture->view));

  g_assert_true (gtk_widget_is_sensitive (composer));
  g_assert_false (shows_label (fixture, "Locked by /lock (the playground still answers)."));
  send_message (fixture, "/lock");
  g_assert_true (wait_for (fixture, status_is, GINT_TO_POINTER (TESS_THREAD_STATUS_LOCKED)));
  check_locked (fixture);

  /* Another thread is open again; coming back, the lock is still there. */
  tess_chat_view_new_chat (fixture->view);
  iterate ();
  g_assert_true (gtk_widget_is_sensitive (composer));
  g_assert_false (shows_label (fixture, "Locked by /lock (the playground still answers)."));
  tess_chat_view_open_thread (fixture->view, id);
  g_assert_true (wait_for (fixture, status_is, GINT_TO_POINTER (TESS_THREAD_STATUS_LOCKED)));
  check_locked (fixture);

  /* A new view loads the status from the server. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  iterate ();
  show_view (fixture);
  tess_chat_view_open_thread (fixture->view, id);
  g_assert_true (wait_for (fixture, status_is, GINT_TO_POINTER (TESS_THREAD_STATUS_LOCKED)));
  check_locked (fixture);
}

static void
test_closed (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *composer;

  start_thread (fixture, "hello");
  composer = GTK_WIDGET (tess_chat_view_get_composer (fixture->view));
  g_assert_true (gtk_widget_get_mapped (composer));
  send_message (fixture, "/close");
  g_assert_true (wait_for (fixture, status_is, GINT_TO_POINTER (TESS_THREAD_STATUS_CLOSED)));
  /* The composer is replaced with the server's reason. */
  g_assert_true (shows_label (fixture, "Closed by /close."));
  g_assert_false (gtk_widget_get_mapped (composer));
  g_assert_null (find_button (GTK_WIDGET (fixture->view), "Send"));

  tess_chat_view_new_chat (fixture->view);
  iterate ();
  g_assert_true (gtk_widget_get_mapped (composer));
  g_assert_false (shows_label (fixture, "Closed by /close."));
}

int
main (int    argc,
      char **argv)
{
  chat_test_init ("chat-actions", &argc, &argv);

#define ADD(name, func) \
  g_test_add ("/chat-actions/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("rename", test_rename);
  ADD ("delete-undo", test_delete_undo);
  ADD ("delete", test_delete);
  ADD ("copy", test_copy);
  ADD ("feedback", test_feedback);
  ADD ("client-actions", test_client_actions);
  ADD ("locked", test_locked);
  ADD ("closed", test_closed);
#undef ADD

  return chat_test_run ();
}
