/* chat-test-util.c: a Chat view in a window against a playground on loopback, and what the
 * Chat tests do with it
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "chat-test-util.h"
#include "playground/tess-playground-responder.h"

char *tmp_root;

TessPlaygroundServer *
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

void
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

void
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

void
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

void
iterate (void)
{
  for (guint i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

gboolean
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

gboolean
is_busy (Fixture *fixture,
         gpointer data)
{
  TessChatSession *session = tess_chat_view_get_session (fixture->view);

  return session != NULL && tess_chat_session_get_busy (session);
}

gboolean
is_idle (Fixture *fixture,
         gpointer data)
{
  return !is_busy (fixture, data);
}

void
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

void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  collect_full (root, type, TRUE, found);
}

GPtrArray *
rows_of (Fixture *fixture)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect (tess_chat_view_get_item_list (fixture->view), TESS_TYPE_CHAT_ITEM_ROW, rows);
  return rows;
}

GtkWidget *
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

/* What a pointer can reach: sensitive, and neither it nor an ancestor refuses the pointer. */
gboolean
is_clickable (GtkWidget *widget)
{
  if (!gtk_widget_is_sensitive (widget))
    return FALSE;
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_can_target (widget))
      return FALSE;
  return TRUE;
}

void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (is_clickable (button));
  g_signal_emit_by_name (button, "clicked");
}

char *
composer_text (Fixture *fixture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (tess_chat_view_get_composer (fixture->view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
type_message (Fixture    *fixture,
              const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (tess_chat_view_get_composer (fixture->view)),
                            text, -1);
}

void
send_message (Fixture    *fixture,
              const char *text)
{
  type_message (fixture, text);
  click (find_button (GTK_WIDGET (fixture->view), "Send"));
}

/* The row showing the newest item of @kind (a TessItemKind), or NULL. */
TessChatItemRow *
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

guint
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

void
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

void
chat_test_init (const char   *name,
                int          *argc,
                char       ***argv)
{
  g_autofree char *template = g_strdup_printf ("tessera-%s-XXXXXX", name);
  g_autofree char *state = NULL;
  g_autofree char *data_home = NULL;

  tmp_root = g_dir_make_tmp (template, NULL);
  g_assert_nonnull (tmp_root);
  state = g_build_filename (tmp_root, "state", NULL);
  data_home = g_build_filename (tmp_root, "data", NULL);
  /* Before GLib reads them: drafts and stores stay in the test's folder. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

int
chat_test_run (void)
{
  int status = g_test_run ();

  remove_tree (tmp_root);
  g_clear_pointer (&tmp_root, g_free);
  return status;
}
