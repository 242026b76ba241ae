/* tess-chat-view.c: the Chat face of the window: threads, the conversation and the composer
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "render/tess-markdown.h"
#include "render/tess-toast-queue.h"
#include "tess-chat-conversation.h"
#include "tess-chat-drafts.h"
#include "tess-chat-item-row.h"
#include "tess-chat-private.h"
#include "tess-chat-resources.h"
#include "tess-chat-thread-entry.h"

#include "tess-chat-view.h"
#include "tess-server-profile.h"

#define THREADS_PAGE_SIZE 30
#define DRAFT_SAVE_DELAY_MS 400
/* How close to the end counts as "at the bottom" for auto-scrolling, in pixels. */
#define STICKY_SLACK 48

struct _TessChatView
{
  GtkWidget             parent_instance;

  /* Template */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkScrolledWindow    *threads_scroller;
  GtkListView          *threads_list;
  GtkLabel             *server_label;
  GtkWidget            *back_button;
  GtkLabel             *title_label;
  GtkStack             *conversation_stack;
  GtkScrolledWindow    *scroller;
  GtkListView          *item_list;
  GtkRevealer          *progress_revealer;
  GtkSpinner           *progress_spinner;
  GtkLabel             *progress_label;
  GtkStack             *composer_stack;
  GtkLabel             *locked_label;
  GtkTextView          *message_view;
  GtkWidget            *send_button;
  GtkWidget            *stop_button;
  GtkLabel             *closed_label;

  TessPlaygroundServer *playground;
  TessChatkitClient    *client;

  /* The Server switcher: Playground, then the --server profile if any, then the saved ones
   * (NULL stands for the playground). */
  GSettings            *settings;
  GtkDropDown          *server_switcher;
  GtkStringList        *server_names;
  GPtrArray            *servers;
  TessServerProfile    *temporary;
  GCancellable         *switch_cancellable;
  gboolean              filling_switcher;
  /* Cancels the view's JSON requests (thread lists, renames, …) when the server changes. */
  GCancellable         *cancellable;

  GListStore           *threads;
  GtkSingleSelection   *threads_selection;
  char                 *threads_cursor;
  /* Where the chat left open is remembered: "playground" or the server's URL. */
  char                 *server_key;
  char                 *remembered_open_id;
  /* The remembered chat being opened at start: if it is gone, a new chat instead. */
  char                 *reopening_id;
  gboolean              threads_has_more;
  gboolean              threads_loading;

  /* Thread id → TessChatConversation, for every thread opened since the server was set. */
  GHashTable           *conversations;
  TessChatConversation *current;

  guint                 draft_save_id;
  gboolean              setting_text;
  gboolean              syncing_selection;
  gboolean              sticky_bottom;
  gboolean              scrolling;
  gboolean              loading_older;
  guint                 scroll_idle_id;
};

G_DEFINE_FINAL_TYPE (TessChatView, tess_chat_view, GTK_TYPE_WIDGET)

/* A request in flight: keeps the view and the conversation alive until it ends. */
typedef struct
{
  TessChatView         *view;
  TessChatConversation *conversation;
  GWeakRef              widget_view;
  gboolean              from_composer;
} Request;

static Request *
request_new (TessChatView         *view,
             TessChatConversation *conversation)
{
  Request *request = g_new0 (Request, 1);

  request->view = g_object_ref (view);
  request->conversation = conversation != NULL ? g_object_ref (conversation) : NULL;
  g_weak_ref_init (&request->widget_view, NULL);
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->view);
  g_clear_object (&request->conversation);
  g_weak_ref_clear (&request->widget_view);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void show_conversation (TessChatView *self, TessChatConversation *conversation);
static void select_server_quietly (TessChatView *self, guint position);
static void on_server_selected (TessChatView *self);
static void send_text (TessChatView *self, TessChatConversation *conversation,
                       const char *text, gboolean from_composer);

/* Small helpers */

static gboolean
is_gone (TessChatView *self)
{
  /* Disposed, or pointed at another server since the request started. */
  return self->client == NULL;
}

static void
show_toast (TessChatView *self,
            const char   *message)
{
  tess_toast_queue_add (self->toast_overlay, adw_toast_new (message));
}

static char *
describe_error (const GError *error)
{
  if (error->domain == TESS_CHATKIT_ERROR)
    switch ((TessChatkitError) error->code)
      {
      case TESS_CHATKIT_ERROR_TRANSPORT:
        return g_strdup_printf (_("Could not reach the server: %s"), error->message);
      case TESS_CHATKIT_ERROR_TIMEOUT:
        return g_strdup_printf (_("The server stopped answering: %s"), error->message);
      case TESS_CHATKIT_ERROR_HTTP_STATUS:
        return g_strdup_printf (_("The server answered with an error: %s"), error->message);
      case TESS_CHATKIT_ERROR_EMPTY_STREAM:
      case TESS_CHATKIT_ERROR_TRUNCATED:
        return g_strdup_printf (_("The server ended the response early: %s"), error->message);
      case TESS_CHATKIT_ERROR_BAD_JSON:
      case TESS_CHATKIT_ERROR_INVALID:
      case TESS_CHATKIT_ERROR_BAD_STREAM:
      case TESS_CHATKIT_ERROR_TOO_LARGE:
      default:
        return g_strdup_printf (_("The server sent a response Tessera cannot read: %s"),
                                error->message);
      }
  return g_strdup (error->message);
}

static char *
composer_text (TessChatView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->message_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_composer_text (TessChatView *self,
                   const char   *text)
{
  self->setting_text = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->message_view),
                            text != NULL ? text : "", -1);
  self->setting_text = FALSE;
}

static TessChatThreadEntry *
find_entry (TessChatView *self,
            const char   *thread_id,
            guint        *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->threads));

  for (guint i = 0; thread_id != NULL && i < n; i++)
    {
      g_autoptr(TessChatThreadEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->threads),
                                                                    i);

      if (g_strcmp0 (tess_chat_thread_entry_get_id (entry), thread_id) == 0)
        {
          if (position != NULL)
            *position = i;
          return entry;
        }
    }
  return NULL;
}

static TessThread *
current_thread (TessChatView *self)
{
  return self->current != NULL ? tess_chat_conversation_get_thread (self->current) : NULL;
}

static gboolean
current_busy (TessChatView *self)
{
  return self->current != NULL &&
         tess_chat_session_get_busy (tess_chat_conversation_get_session (self->current));
}

/* The chat left open, opened again at the next start */

static void
remember_open_thread (TessChatView *self)
{
  const char *id = self->current != NULL ? tess_thread_get_id (current_thread (self)) : NULL;
  g_autoptr(GError) error = NULL;

  if (self->server_key == NULL || g_strcmp0 (id, self->remembered_open_id) == 0)
    return;
  if (!tess_chat_drafts_save_open_thread (self->server_key, id, &error))
    {
      g_warning ("Could not remember the open chat: %s", error->message);
      return;
    }
  g_free (self->remembered_open_id);
  self->remembered_open_id = g_strdup (id);
}

/* Drafts */

static void
save_draft_now (TessChatView *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->draft_save_id, g_source_remove);
  if (self->current == NULL)
    return;
  text = composer_text (self);
  if (!tess_chat_drafts_save (tess_chat_conversation_get_draft_key (self->current), text, &error))
    g_warning ("Could not save the draft: %s", error->message);
}

static gboolean
save_draft_cb (gpointer data)
{
  TessChatView *self = data;

  self->draft_save_id = 0;
  save_draft_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed (TessChatView *self)
{
  if (self->setting_text)
    return;
  g_clear_handle_id (&self->draft_save_id, g_source_remove);
  self->draft_save_id = g_timeout_add (DRAFT_SAVE_DELAY_MS, save_draft_cb, self);
}

void
tess_chat_view_save_draft (TessChatView *self)
{
  g_return_if_fail (TESS_IS_CHAT_VIEW (self));

  save_draft_now (self);
}

/* State of the conversation shown */

static void
update_title (TessChatView *self)
{
  TessThread *thread = current_thread (self);
  TessChatThreadEntry *entry = thread != NULL ? find_entry (self, tess_thread_get_id (thread),
                                                            NULL) : NULL;
  const char *title = entry != NULL ? tess_chat_thread_entry_get_display_title (entry)
                      : thread != NULL && tess_thread_get_title (thread) != NULL
                      ? tess_thread_get_title (thread) : _("New Chat");

  gtk_label_set_label (self->title_label, title);
}

static void
update_controls (TessChatView *self)
{
  TessThread *thread = current_thread (self);
  TessThreadStatus status = thread != NULL ? tess_thread_get_status (thread)
                                           : TESS_THREAD_STATUS_ACTIVE;
  TessThreadInfo *info = thread != NULL ? tess_thread_get_info (thread) : NULL;
  const char *reason = info != NULL ? info->status_reason : NULL;
  gboolean busy = current_busy (self);
  gboolean pending = self->current != NULL &&
                     tess_chat_conversation_get_pending_text (self->current) != NULL;
  gboolean can_cancel = thread != NULL && tess_thread_get_allow_cancel (thread);

  if (status == TESS_THREAD_STATUS_CLOSED)
    {
      gtk_label_set_label (self->closed_label,
                           reason != NULL ? reason : _("This chat is closed."));
      gtk_stack_set_visible_child_name (self->composer_stack, "closed");
    }
  else
    gtk_stack_set_visible_child_name (self->composer_stack, "composer");

  gtk_widget_set_visible (GTK_WIDGET (self->locked_label), status == TESS_THREAD_STATUS_LOCKED);
  gtk_label_set_label (self->locked_label,
                       reason != NULL ? reason : _("This chat is locked."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->message_view),
                            status == TESS_THREAD_STATUS_ACTIVE);
  /* The message being sent stays visible but cannot change until the server has it. */
  gtk_text_view_set_editable (self->message_view, !pending);

  gtk_widget_set_visible (self->send_button, !busy);
  gtk_widget_set_visible (self->stop_button, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.send",
                                 !busy && status == TESS_THREAD_STATUS_ACTIVE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.stop", busy && can_cancel);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.retry", !busy);
}

static void
update_progress (TessChatView *self)
{
  TessThread *thread = current_thread (self);
  const char *text = thread != NULL ? tess_thread_get_progress_text (thread) : NULL;
  gboolean busy = current_busy (self);

  if (text == NULL && busy)
    text = _("Waiting for the answer…");
  gtk_label_set_label (self->progress_label, text != NULL ? text : "");
  gtk_spinner_set_spinning (self->progress_spinner, text != NULL);
  gtk_revealer_set_reveal_child (self->progress_revealer, text != NULL);
}

static void
update_empty (TessChatView *self)
{
  GListModel *model = self->current != NULL ? tess_chat_conversation_get_model (self->current)
                                            : NULL;

  gtk_stack_set_visible_child_name (self->conversation_stack,
                                    model != NULL && g_list_model_get_n_items (model) > 0
                                    ? "items" : "empty");
}

/* Auto-scroll */

static gboolean
scroll_to_bottom_cb (gpointer data)
{
  TessChatView *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  self->scroll_idle_id = 0;
  self->scrolling = TRUE;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
  self->scrolling = FALSE;
  return G_SOURCE_REMOVE;
}

static void
queue_scroll_to_bottom (TessChatView *self)
{
  if (self->scroll_idle_id == 0)
    self->scroll_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE + 10, scroll_to_bottom_cb,
                                            self, NULL);
}

static void
on_scroll_value_changed (GtkAdjustment *adjustment,
                         TessChatView  *self)
{
  if (self->scrolling)
    return;
  /* The user scrolled: follow new content again only once back at the bottom. */
  self->sticky_bottom = gtk_adjustment_get_value (adjustment) +
                        gtk_adjustment_get_page_size (adjustment) >=
                        gtk_adjustment_get_upper (adjustment) - STICKY_SLACK;
}

static void
on_scroll_upper_changed (GtkAdjustment *adjustment,
                         GParamSpec    *pspec,
                         TessChatView  *self)
{
  if (self->sticky_bottom)
    queue_scroll_to_bottom (self);
}

static void
older_loaded (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;

  request->view->loading_older = FALSE;
  if (!tess_chat_session_finish (TESS_CHAT_SESSION (object), result, &error) &&
      !is_gone (request->view))
    {
      g_autofree char *message = describe_error (error);

      show_toast (request->view, message);
    }
}

static void
on_edge_reached (GtkScrolledWindow *scroller,
                 GtkPositionType    position,
                 TessChatView      *self)
{
  TessThread *thread = current_thread (self);

  if (position != GTK_POS_TOP || thread == NULL || self->loading_older ||
      !tess_thread_get_has_more_history (thread) || current_busy (self))
    return;
  self->loading_older = TRUE;
  tess_chat_session_load_older_async (tess_chat_conversation_get_session (self->current), NULL,
                                      older_loaded, request_new (self, self->current));
}

/* Events of every conversation */

static void
on_thread_title (TessThread   *thread,
                 GParamSpec   *pspec,
                 TessChatView *self)
{
  TessChatThreadEntry *entry = find_entry (self, tess_thread_get_id (thread), NULL);

  if (entry != NULL && tess_thread_get_title (thread) != NULL)
    tess_chat_thread_entry_set_title (entry, tess_thread_get_title (thread));
  if (thread == current_thread (self))
    update_title (self);
}

static void
select_entry (TessChatView *self,
              const char   *thread_id)
{
  guint position = GTK_INVALID_LIST_POSITION;

  find_entry (self, thread_id, &position);
  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->threads_selection, position);
  self->syncing_selection = FALSE;
}

static void
on_session_event (TessChatSession *session,
                  TessStreamEvent *event,
                  TessChatView    *self)
{
  TessChatConversation *conversation = g_object_get_data (G_OBJECT (session),
                                                          "tess-chat-conversation");

  if (conversation == NULL)
    return;

  if (event->kind == TESS_EVENT_THREAD_CREATED && event->thread != NULL)
    {
      const char *id = event->thread->id;

      g_hash_table_replace (self->conversations, g_strdup (id), g_object_ref (conversation));
      if (find_entry (self, id, NULL) == NULL)
        {
          g_autoptr(TessChatThreadEntry) entry = tess_chat_thread_entry_new (id,
                                                                            event->thread->title);

          g_list_store_insert (self->threads, 0, entry);
        }
      if (conversation == self->current)
        {
          select_entry (self, id);
          remember_open_thread (self);
          update_title (self);
        }
    }
  else if (event->kind == TESS_EVENT_ITEM_DONE && event->item != NULL &&
           tess_thread_item_get_kind (event->item) == TESS_ITEM_USER_MESSAGE &&
           tess_chat_conversation_get_pending_text (conversation) != NULL)
    {
      /* The server has the message now: only then does it leave the composer. */
      tess_chat_conversation_set_pending_text (conversation, NULL);
      tess_chat_drafts_save (tess_chat_conversation_get_draft_key (conversation), NULL, NULL);
      tess_chat_drafts_save (TESS_CHAT_DRAFT_NEW, NULL, NULL);
      if (conversation == self->current)
        {
          g_clear_handle_id (&self->draft_save_id, g_source_remove);
          set_composer_text (self, "");
          update_controls (self);
        }
    }
}

static TessChatConversation *
new_conversation (TessChatView *self,
                  const char   *thread_id)
{
  TessChatConversation *conversation = tess_chat_conversation_new (self->client, thread_id);
  TessChatSession *session = tess_chat_conversation_get_session (conversation);

  g_object_set_data (G_OBJECT (session), "tess-chat-conversation", conversation);
  g_signal_connect_object (session, "event", G_CALLBACK (on_session_event), self, 0);
  g_signal_connect_object (tess_chat_session_get_thread (session), "notify::title",
                           G_CALLBACK (on_thread_title), self, 0);
  return conversation;
}

/* Showing a conversation */

static void
on_current_busy (TessChatView *self)
{
  update_controls (self);
  update_progress (self);
}

static void
on_current_items_changed (TessChatView *self)
{
  update_empty (self);
}

static void
disconnect_current (TessChatView *self)
{
  TessChatSession *session;

  if (self->current == NULL)
    return;
  session = tess_chat_conversation_get_session (self->current);
  g_signal_handlers_disconnect_by_data (session, self);
  g_signal_handlers_disconnect_by_data (tess_chat_session_get_thread (session), self);
  g_signal_handlers_disconnect_by_data (tess_chat_conversation_get_model (self->current), self);
  /* Keep the events every conversation needs. */
  g_signal_connect_object (session, "event", G_CALLBACK (on_session_event), self, 0);
  g_signal_connect_object (tess_chat_session_get_thread (session), "notify::title",
                           G_CALLBACK (on_thread_title), self, 0);
}

static void
show_conversation (TessChatView         *self,
                   TessChatConversation *conversation)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  TessChatSession *session;
  TessThread *thread;
  const char *pending;

  if (self->current == conversation)
    return;

  save_draft_now (self);
  disconnect_current (self);
  g_set_object (&self->current, conversation);
  if (conversation == NULL)
    {
      gtk_list_view_set_model (self->item_list, NULL);
      return;
    }

  session = tess_chat_conversation_get_session (conversation);
  thread = tess_chat_session_get_thread (session);
  selection = gtk_no_selection_new (g_object_ref (tess_chat_conversation_get_model (conversation)));
  gtk_list_view_set_model (self->item_list, GTK_SELECTION_MODEL (selection));

  pending = tess_chat_conversation_get_pending_text (conversation);
  if (pending != NULL)
    set_composer_text (self, pending);
  else
    {
      g_autofree char *draft = tess_chat_drafts_load (tess_chat_conversation_get_draft_key (
                                                        conversation));

      set_composer_text (self, draft);
    }

  g_signal_connect_object (session, "notify::busy", G_CALLBACK (on_current_busy), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (thread, "notify::status", G_CALLBACK (update_controls), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (thread, "notify::allow-cancel", G_CALLBACK (update_controls), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (thread, "notify::progress-text", G_CALLBACK (update_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (tess_chat_conversation_get_model (conversation), "items-changed",
                           G_CALLBACK (on_current_items_changed), self, G_CONNECT_SWAPPED);

  select_entry (self, tess_thread_get_id (thread));
  remember_open_thread (self);
  update_title (self);
  update_controls (self);
  update_progress (self);
  update_empty (self);
  self->sticky_bottom = TRUE;
  queue_scroll_to_bottom (self);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "conversation");
}

static void
open_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  TessChatView *self = request->view;
  g_autoptr(GError) error = NULL;

  if (tess_chat_session_finish (TESS_CHAT_SESSION (object), result, &error) || is_gone (self))
    {
      if (!is_gone (self))
        g_clear_pointer (&self->reopening_id, g_free);
      if (request->conversation == self->current)
        {
          self->sticky_bottom = TRUE;
          queue_scroll_to_bottom (self);
        }
      return;
    }
  if (g_strcmp0 (tess_chat_conversation_get_draft_key (request->conversation),
                 self->reopening_id) == 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The chat open at the last start is gone (deleted elsewhere, say): start a new one. */
      g_hash_table_remove (self->conversations, self->reopening_id);
      g_clear_pointer (&self->reopening_id, g_free);
      if (request->conversation == self->current)
        {
          show_conversation (self, NULL);
          tess_chat_view_new_chat (self);
        }
      return;
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = describe_error (error);
      g_autofree char *text = g_strdup_printf (_("Could not open the chat. %s"), message);
      g_autoptr(TessChatNote) note = tess_chat_note_new_error (text, TESS_CHAT_RETRY_NONE, NULL);
      GHashTableIter iter;
      gpointer value;

      tess_chat_conversation_add_note (request->conversation, note);
      /* Selecting the thread again tries again. */
      g_hash_table_iter_init (&iter, self->conversations);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (value == request->conversation)
          g_hash_table_iter_remove (&iter);
    }
}

void
tess_chat_view_open_thread (TessChatView *self,
                            const char   *thread_id)
{
  TessChatConversation *conversation;

  g_return_if_fail (TESS_IS_CHAT_VIEW (self));
  g_return_if_fail (thread_id != NULL);

  if (self->client == NULL)
    return;
  conversation = g_hash_table_lookup (self->conversations, thread_id);
  if (conversation == NULL)
    {
      conversation = new_conversation (self, thread_id);
      g_hash_table_replace (self->conversations, g_strdup (thread_id), conversation);
      tess_chat_session_open_async (tess_chat_conversation_get_session (conversation), thread_id,
                                    NULL, open_done, request_new (self, conversation));
    }
  show_conversation (self, conversation);
}

void
tess_chat_view_new_chat (TessChatView *self)
{
  g_autoptr(TessChatConversation) conversation = NULL;

  g_return_if_fail (TESS_IS_CHAT_VIEW (self));

  if (self->client == NULL)
    return;
  /* An untouched new chat is reused. */
  if (self->current != NULL && tess_thread_get_id (current_thread (self)) == NULL &&
      !current_busy (self))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->message_view));
      return;
    }
  conversation = new_conversation (self, NULL);
  show_conversation (self, conversation);
  gtk_widget_grab_focus (GTK_WIDGET (self->message_view));
}

/* Sending */

static void
send_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  TessChatView *self = request->view;
  TessChatConversation *conversation = request->conversation;
  g_autoptr(GError) error = NULL;
  gboolean accepted = tess_chat_conversation_get_pending_text (conversation) == NULL;

  tess_chat_session_finish (TESS_CHAT_SESSION (object), result, &error);
  tess_chat_conversation_set_pending_text (conversation, NULL);
  if (is_gone (self))
    return;

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = describe_error (error);
      TessThreadItem *user = tess_thread_get_last_user_message (
                               tess_chat_conversation_get_thread (conversation));
      g_autoptr(TessChatNote) note = NULL;

      if (!accepted && request->from_composer)
        note = tess_chat_note_new_error (message, TESS_CHAT_RETRY_RESEND, NULL);
      else if (accepted && user != NULL)
        note = tess_chat_note_new_error (message, TESS_CHAT_RETRY_AFTER_ITEM,
                                         tess_thread_item_get_id (user));
      else
        note = tess_chat_note_new_error (message, TESS_CHAT_RETRY_NONE, NULL);
      tess_chat_conversation_add_note (conversation, note);
    }
  if (conversation == self->current)
    update_controls (self);
}

static void
send_text (TessChatView         *self,
           TessChatConversation *conversation,
           const char           *text,
           gboolean              from_composer)
{
  g_autoptr(TessUserInput) input = NULL;
  Request *request;

  if (tess_chat_session_get_busy (tess_chat_conversation_get_session (conversation)))
    {
      show_toast (self, _("Wait for the answer to finish, or stop it"));
      return;
    }

  tess_chat_conversation_clear_notes (conversation);
  if (from_composer)
    tess_chat_conversation_set_pending_text (conversation, text);
  input = tess_user_input_new (text);
  request = request_new (self, conversation);
  request->from_composer = from_composer;
  self->sticky_bottom = TRUE;
  tess_chat_session_send_async (tess_chat_conversation_get_session (conversation), input, NULL,
                                send_done, request);
  if (conversation == self->current)
    {
      update_controls (self);
      update_progress (self);
    }
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TessChatView *self = TESS_CHAT_VIEW (widget);
  g_autofree char *text = composer_text (self);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  TessThread *thread;

  if (*stripped == '\0')
    return;
  if (self->current == NULL)
    tess_chat_view_new_chat (self);
  if (self->current == NULL)
    return;
  thread = current_thread (self);
  if (tess_thread_get_status (thread) != TESS_THREAD_STATUS_ACTIVE)
    return;
  /* The draft is on disk until the server has the message. */
  save_draft_now (self);
  send_text (self, self->current, text, TRUE);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TessChatView *self = TESS_CHAT_VIEW (widget);

  if (self->current != NULL)
    tess_chat_session_stop (tess_chat_conversation_get_session (self->current));
}

static void
retry_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;

  if (!tess_chat_session_finish (TESS_CHAT_SESSION (object), result, &error) &&
      !is_gone (request->view) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = describe_error (error);
      TessThreadItem *user = tess_thread_get_last_user_message (
                               tess_chat_conversation_get_thread (request->conversation));
      g_autoptr(TessChatNote) note = tess_chat_note_new_error (
                                       message,
                                       user != NULL ? TESS_CHAT_RETRY_AFTER_ITEM
                                                    : TESS_CHAT_RETRY_NONE,
                                       user != NULL ? tess_thread_item_get_id (user) : NULL);

      tess_chat_conversation_add_note (request->conversation, note);
    }
  if (!is_gone (request->view) && request->conversation == request->view->current)
    update_controls (request->view);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TessChatView *self = TESS_CHAT_VIEW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  TessChatNote *note;
  const char *user_id = NULL;

  if (self->current == NULL || current_busy (self))
    return;

  note = tess_chat_conversation_lookup_note (self->current, id);
  if (note != NULL && tess_chat_note_get_retry (note) == TESS_CHAT_RETRY_RESEND)
    {
      gtk_widget_activate_action (widget, "chat.send", NULL);
      return;
    }
  if (note != NULL)
    user_id = tess_chat_note_get_retry_item_id (note);
  else
    user_id = tess_chat_conversation_find_user_message (self->current, id);
  if (user_id == NULL)
    return;

  {
    g_autofree char *retry_id = g_strdup (user_id);

    tess_chat_conversation_clear_notes (self->current);
    self->sticky_bottom = TRUE;
    tess_chat_session_retry_async (tess_chat_conversation_get_session (self->current), retry_id,
                                   NULL, retry_done, request_new (self, self->current));
    update_controls (self);
    update_progress (self);
  }
}

/* Per-item buttons */

static TessThreadItem *
lookup_item (TessChatView *self,
             const char   *item_id)
{
  TessThread *thread = current_thread (self);

  return thread != NULL ? tess_thread_lookup_item (thread, item_id, NULL) : NULL;
}

static void
copy_to_clipboard (TessChatView *self,
                   const char   *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  show_toast (self, _("Copied to the clipboard"));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TessChatView *self = TESS_CHAT_VIEW (widget);
  TessThreadItem *item = lookup_item (self, g_variant_get_string (parameter, NULL));
  g_autofree char *text = NULL;

  if (item == NULL)
    return;
  if (tess_thread_item_get_kind (item) == TESS_ITEM_WIDGET)
    text = g_strdup (json_object_get_string_member_with_default (
                       tess_thread_item_get_object (item), "copy_text", ""));
  else
    text = tess_thread_item_dup_text (item);
  if (text != NULL && *text != '\0')
    copy_to_clipboard (self, text);
  else
    show_toast (self, _("Nothing to copy"));
}

static void
feedback_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;

  if (is_gone (request->view))
    return;
  if (tess_chatkit_client_empty_finish (TESS_CHATKIT_CLIENT (object), result, &error))
    show_toast (request->view, _("Thank you for the feedback"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = describe_error (error);

      show_toast (request->view, message);
    }
}

static void
feedback_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TessChatView *self = TESS_CHAT_VIEW (widget);
  const char *ids[] = { g_variant_get_string (parameter, NULL), NULL };
  TessThread *thread = current_thread (self);

  if (thread == NULL || tess_thread_get_id (thread) == NULL || lookup_item (self, ids[0]) == NULL)
    return;
  tess_chatkit_client_feedback_async (self->client, tess_thread_get_id (thread), ids,
                                      g_str_equal (action_name, "chat.good-response")
                                      ? TESS_FEEDBACK_POSITIVE : TESS_FEEDBACK_NEGATIVE,
                                      self->cancellable, feedback_done,
                                      request_new (self, self->current));
}

/* Widget actions */

static const char *
payload_string (JsonNode   *payload,
                const char *const *members)
{
  JsonObject *object = payload != NULL && JSON_NODE_HOLDS_OBJECT (payload)
                       ? json_node_get_object (payload) : NULL;

  for (guint i = 0; object != NULL && members[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, members[i]);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        return json_node_get_string (node);
    }
  return NULL;
}

static gboolean
type_is (const char        *type,
         const char *const *names)
{
  return g_strv_contains (names, type);
}

/* handler: "client" actions (protocol §6) go to these built-in handlers. */
static void
run_client_action (TessChatView     *self,
                   TessActionConfig *action,
                   const char       *item_id)
{
  static const char *const open_types[] = { "open_url", "open-url", "url.open", "link.open",
                                            "open_link", "navigate", NULL };
  static const char *const copy_types[] = { "copy", "copy_text", "copy-text", "clipboard.copy",
                                            NULL };
  static const char *const send_types[] = { "send_message", "send-message", "message.send",
                                            "follow_up", "follow-up", "send_follow_up", NULL };
  static const char *const url_members[] = { "url", "href", "link", NULL };
  static const char *const text_members[] = { "text", "value", "copy_text", NULL };
  static const char *const message_members[] = { "text", "message", "prompt", NULL };

  if (type_is (action->type, open_types))
    {
      const char *url = payload_string (action->payload, url_members);

      if (url != NULL && tess_markdown_link_is_allowed (url))
        gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), url,
                      GDK_CURRENT_TIME);
      else
        show_toast (self, _("The widget asked to open a link Tessera does not open"));
    }
  else if (type_is (action->type, copy_types))
    {
      const char *text = payload_string (action->payload, text_members);
      TessThreadItem *item = item_id != NULL ? lookup_item (self, item_id) : NULL;

      if (text == NULL && item != NULL)
        text = json_object_get_string_member_with_default (tess_thread_item_get_object (item),
                                                           "copy_text", NULL);
      if (text != NULL)
        copy_to_clipboard (self, text);
      else
        show_toast (self, _("Nothing to copy"));
    }
  else if (type_is (action->type, send_types))
    {
      const char *text = payload_string (action->payload, message_members);

      if (text != NULL && *text != '\0' && self->current != NULL)
        send_text (self, self->current, text, FALSE);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("No handler for the client action “%s”"),
                                                  action->type);

      show_toast (self, message);
    }
}

static void
action_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TessWidgetView) widget_view = g_weak_ref_get (&request->widget_view);

  if (widget_view != NULL)
    tess_widget_view_finish_actions (widget_view);
  if (!tess_chat_session_finish (TESS_CHAT_SESSION (object), result, &error) &&
      !is_gone (request->view) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = describe_error (error);
      g_autoptr(TessChatNote) note = tess_chat_note_new_error (message, TESS_CHAT_RETRY_NONE,
                                                               NULL);

      tess_chat_conversation_add_note (request->conversation, note);
    }
}

static void
on_row_widget_action (TessChatItemRow  *row,
                      const char       *item_id,
                      TessActionConfig *action,
                      TessWidgetView   *widget_view,
                      TessChatView     *self)
{
  g_autoptr(JsonNode) config = NULL;
  Request *request;

  if (self->current == NULL)
    return;
  if (g_strcmp0 (action->handler, "client") == 0)
    {
      tess_widget_view_finish_actions (widget_view);
      run_client_action (self, action, item_id);
      return;
    }
  if (action->streaming && current_busy (self))
    {
      tess_widget_view_finish_actions (widget_view);
      show_toast (self, _("Wait for the answer to finish, or stop it"));
      return;
    }

  config = tess_action_config_to_json (action);
  request = request_new (self, self->current);
  g_weak_ref_set (&request->widget_view, widget_view);
  if (action->streaming)
    tess_chat_conversation_clear_notes (self->current);
  self->sticky_bottom = TRUE;
  tess_chat_session_action_async (tess_chat_conversation_get_session (self->current),
                                  json_node_get_object (config), item_id, action->payload, NULL,
                                  action_done, request);
}

/* The conversation list */

static void
item_setup (GtkListItemFactory *factory,
            GtkListItem        *list_item,
            TessChatView       *self)
{
  GtkWidget *row = tess_chat_item_row_new ();

  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
  g_signal_connect_object (row, "widget-action", G_CALLBACK (on_row_widget_action), self, 0);
  gtk_list_item_set_child (list_item, row);
}

static void
item_bind (GtkListItemFactory *factory,
           GtkListItem        *list_item,
           TessChatView       *self)
{
  tess_chat_item_row_bind (TESS_CHAT_ITEM_ROW (gtk_list_item_get_child (list_item)),
                           gtk_list_item_get_item (list_item));
}

static void
item_unbind (GtkListItemFactory *factory,
             GtkListItem        *list_item,
             TessChatView       *self)
{
  tess_chat_item_row_bind (TESS_CHAT_ITEM_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* The Threads sidebar */

static void
threads_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  TessChatView *self = request->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(TessPage) page = NULL;

  page = tess_chatkit_client_page_finish (TESS_CHATKIT_CLIENT (object), result, &error);
  if (is_gone (self) || TESS_CHATKIT_CLIENT (object) != self->client)
    return;
  self->threads_loading = FALSE;
  if (page == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = describe_error (error);
          g_autofree char *text = g_strdup_printf (_("Could not list the chats. %s"), message);

          show_toast (self, text);
        }
      return;
    }

  for (guint i = 0; i < page->data->len; i++)
    {
      TessThreadInfo *info = g_ptr_array_index (page->data, i);
      TessChatThreadEntry *known = find_entry (self, info->id, NULL);

      if (known != NULL)
        tess_chat_thread_entry_set_title (known, info->title);
      else
        {
          g_autoptr(TessChatThreadEntry) entry = tess_chat_thread_entry_new (info->id,
                                                                            info->title);

          g_list_store_append (self->threads, entry);
        }
    }
  g_free (self->threads_cursor);
  self->threads_cursor = g_strdup (page->after);
  self->threads_has_more = page->has_more && page->after != NULL;
  if (self->current != NULL)
    select_entry (self, tess_thread_get_id (current_thread (self)));
}

static void
load_threads (TessChatView *self)
{
  if (self->client == NULL || self->threads_loading)
    return;
  self->threads_loading = TRUE;
  tess_chatkit_client_list_threads_async (self->client, THREADS_PAGE_SIZE, "desc",
                                          self->threads_cursor, self->cancellable,
                                          threads_loaded, request_new (self, NULL));
}

static void
on_threads_edge_reached (GtkScrolledWindow *scroller,
                         GtkPositionType    position,
                         TessChatView      *self)
{
  if (position == GTK_POS_BOTTOM && self->threads_has_more)
    load_threads (self);
}

static void
on_thread_selected (TessChatView *self)
{
  TessChatThreadEntry *entry = gtk_single_selection_get_selected_item (self->threads_selection);

  if (self->syncing_selection || entry == NULL)
    return;
  tess_chat_view_open_thread (self, tess_chat_thread_entry_get_id (entry));
}

static void
on_thread_activated (GtkListView  *list,
                     guint         position,
                     TessChatView *self)
{
  /* Clicking the thread already shown still shows the conversation on a narrow window. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "conversation");
}

static void
thread_setup (GtkListItemFactory *factory,
              GtkListItem        *list_item,
              TessChatView       *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *menu = gtk_menu_button_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
  gtk_widget_add_css_class (menu, "flat");
  gtk_widget_set_tooltip_text (menu, _("Chat Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chat Menu"), -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), menu);
  gtk_widget_add_css_class (box, "tess-chat-thread-row");
  g_object_set_data (G_OBJECT (list_item), "label", label);
  g_object_set_data (G_OBJECT (list_item), "menu", menu);
  gtk_list_item_set_child (list_item, box);
}

static void
thread_bind (GtkListItemFactory *factory,
             GtkListItem        *list_item,
             TessChatView       *self)
{
  TessChatThreadEntry *entry = gtk_list_item_get_item (list_item);
  GtkWidget *label = g_object_get_data (G_OBJECT (list_item), "label");
  GtkWidget *menu_button = g_object_get_data (G_OBJECT (list_item), "menu");
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename…"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);
  GBinding *binding;

  binding = g_object_bind_property (entry, "display-title", label, "label",
                                    G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (list_item), "binding", binding);
  g_menu_item_set_action_and_target_value (rename, "chat.rename",
                                           g_variant_new_string (
                                             tess_chat_thread_entry_get_id (entry)));
  g_menu_item_set_action_and_target_value (delete, "chat.delete",
                                           g_variant_new_string (
                                             tess_chat_thread_entry_get_id (entry)));
  g_menu_append_item (menu, rename);
  g_menu_append_item (menu, delete);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
}

static void
thread_unbind (GtkListItemFactory *factory,
               GtkListItem        *list_item,
               TessChatView       *self)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (list_item), "binding");

  if (binding != NULL)
    g_binding_unbind (binding);
}

/* Rename and delete */

static void
renamed (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TessThreadInfo) info = NULL;
  TessChatThreadEntry *entry;

  info = tess_chatkit_client_thread_finish (TESS_CHATKIT_CLIENT (object), result, &error);
  if (is_gone (request->view))
    return;
  if (info == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = describe_error (error);

          show_toast (request->view, message);
        }
      return;
    }
  entry = find_entry (request->view, info->id, NULL);
  if (entry != NULL)
    tess_chat_thread_entry_set_title (entry, info->title);
  update_title (request->view);
}

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    TessChatView     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *id = g_object_get_data (G_OBJECT (dialog), "thread-id");
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "rename") != 0 || *title == '\0' || self->client == NULL)
    return;
  tess_chatkit_client_update_thread_async (self->client, id, title, self->cancellable, renamed,
                                           request_new (self, NULL));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TessChatView *self = TESS_CHAT_VIEW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  TessChatThreadEntry *thread_entry = find_entry (self, id, NULL);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (thread_entry == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Rename Chat"),
                                   NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry),
                         tess_chat_thread_entry_get_title (thread_entry) != NULL
                         ? tess_chat_thread_entry_get_title (thread_entry) : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Title"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data_full (G_OBJECT (dialog), "thread-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  TessChatView        *view;
  TessChatThreadEntry *entry;
  guint                position;
  gboolean             undone;
} Deletion;

static void
deletion_free (Deletion *deletion)
{
  g_object_unref (deletion->view);
  g_object_unref (deletion->entry);
  g_free (deletion);
}

static void
deleted (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Deletion *deletion = user_data;
  TessChatView *self = deletion->view;
  g_autoptr(GError) error = NULL;

  if (!tess_chatkit_client_empty_finish (TESS_CHATKIT_CLIENT (object), result, &error) &&
      !is_gone (self) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = describe_error (error);
      g_autofree char *text = g_strdup_printf (_("Could not delete the chat. %s"), message);

      g_list_store_insert (self->threads,
                           MIN (deletion->position,
                                g_list_model_get_n_items (G_LIST_MODEL (self->threads))),
                           deletion->entry);
      show_toast (self, text);
    }
  deletion_free (deletion);
}

static void
on_delete_undo (AdwToast *toast,
                Deletion *deletion)
{
  TessChatView *self = deletion->view;

  deletion->undone = TRUE;
  if (is_gone (self))
    return;
  g_list_store_insert (self->threads,
                       MIN (deletion->position,
                            g_list_model_get_n_items (G_LIST_MODEL (self->threads))),
                       deletion->entry);
}

static void
on_delete_dismissed (AdwToast *toast,
                     Deletion *deletion)
{
  TessChatView *self = deletion->view;
  const char *id = tess_chat_thread_entry_get_id (deletion->entry);

  if (deletion->undone || is_gone (self))
    {
      deletion_free (deletion);
      return;
    }
  g_hash_table_remove (self->conversations, id);
  tess_chat_drafts_save (id, NULL, NULL);
  tess_chatkit_client_delete_thread_async (self->client, id, NULL, deleted, deletion);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TessChatView *self = TESS_CHAT_VIEW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  TessChatThreadEntry *entry;
  Deletion *deletion;
  AdwToast *toast;
  g_autofree char *title = NULL;
  guint position;

  entry = find_entry (self, id, &position);
  if (entry == NULL)
    return;

  deletion = g_new0 (Deletion, 1);
  deletion->view = g_object_ref (self);
  deletion->entry = g_object_ref (entry);
  deletion->position = position;
  g_list_store_remove (self->threads, position);
  if (g_strcmp0 (tess_thread_get_id (current_thread (self)), id) == 0)
    {
      show_conversation (self, NULL);
      tess_chat_view_new_chat (self);
    }

  title = g_strdup_printf (_("“%s” deleted"), tess_chat_thread_entry_get_display_title (entry));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_delete_undo), deletion);
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_delete_dismissed), deletion);
  tess_toast_queue_add (self->toast_overlay, toast);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  tess_chat_view_new_chat (TESS_CHAT_VIEW (widget));
}

/* The composer's keys: Enter sends, Shift+Enter starts a new line. */
static gboolean
on_composer_key (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 TessChatView          *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "chat.send", NULL);
      return TRUE;
    }
  return FALSE;
}

static void
on_back_clicked (TessChatView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Servers */

static void
stop_all (TessChatView *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->conversations == NULL)
    return;
  g_hash_table_iter_init (&iter, self->conversations);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    tess_chat_session_stop (tess_chat_conversation_get_session (value));
  if (self->current != NULL)
    tess_chat_session_stop (tess_chat_conversation_get_session (self->current));
}

static void
connect_server (TessChatView *self,
                const char   *url,
                GHashTable   *headers,
                const char   *server_key)
{
  GHashTableIter iter;
  gpointer name, value;
  g_autofree char *open_id = NULL;

  save_draft_now (self);
  stop_all (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  show_conversation (self, NULL);
  g_hash_table_remove_all (self->conversations);
  g_list_store_remove_all (self->threads);
  g_clear_pointer (&self->threads_cursor, g_free);
  self->threads_has_more = FALSE;
  self->threads_loading = FALSE;

  g_clear_object (&self->client);
  self->client = tess_chatkit_client_new (url);
  if (headers != NULL)
    {
      g_hash_table_iter_init (&iter, headers);
      while (g_hash_table_iter_next (&iter, &name, &value))
        tess_chatkit_client_set_header (self->client, name, value);
    }
  gtk_label_set_label (self->server_label, url);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->server_label), url);

  g_free (self->server_key);
  self->server_key = g_strdup (server_key);
  g_clear_pointer (&self->remembered_open_id, g_free);
  g_clear_pointer (&self->reopening_id, g_free);
  open_id = tess_chat_drafts_load_open_thread (server_key);
  self->remembered_open_id = g_strdup (open_id);

  load_threads (self);
  if (open_id != NULL)
    {
      self->reopening_id = g_strdup (open_id);
      tess_chat_view_open_thread (self, open_id);
    }
  else
    tess_chat_view_new_chat (self);
}

void
tess_chat_view_set_server (TessChatView *self,
                           const char   *url,
                           GHashTable   *headers)
{
  g_return_if_fail (TESS_IS_CHAT_VIEW (self));
  g_return_if_fail (url != NULL);

  connect_server (self, url, headers, url);
}

const char *
tess_chat_view_get_server_url (TessChatView *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_VIEW (self), NULL);

  return self->client != NULL ? tess_chatkit_client_get_url (self->client) : NULL;
}

gboolean
tess_chat_view_use_playground (TessChatView  *self,
                               GError       **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (TESS_IS_CHAT_VIEW (self), FALSE);

  if (self->playground == NULL)
    {
      /* The same history as `tessera-cli serve`. */
      g_autofree char *path = tess_playground_server_default_db_path ();
      g_autofree char *dir = g_path_get_dirname (path);
      g_autoptr(GError) store_error = NULL;

      g_mkdir_with_parents (dir, 0700);
      self->playground = tess_playground_server_new (path, &store_error);
      if (self->playground == NULL)
        {
          g_autofree char *message = NULL;

          /* Still a playground, only without history. */
          self->playground = tess_playground_server_new (NULL, error);
          if (self->playground == NULL)
            return FALSE;
          message = g_strdup_printf (_("The playground cannot keep chats: %s"),
                                     store_error->message);
          show_toast (self, message);
        }
      if (!tess_playground_server_listen (self->playground, 0, error))
        {
          g_clear_object (&self->playground);
          return FALSE;
        }
    }

  url = tess_playground_server_dup_url (self->playground);
  /* Its port changes from run to run; its history does not. */
  connect_server (self, url, NULL, "playground");
  gtk_label_set_label (self->server_label, _("Built-in playground"));
  select_server_quietly (self, 0);
  return TRUE;
}

TessPlaygroundServer *
tess_chat_view_get_playground (TessChatView *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_VIEW (self), NULL);
  return self->playground;
}

GListModel *
tess_chat_view_get_threads (TessChatView *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_VIEW (self), NULL);
  return G_LIST_MODEL (self->threads);
}

TessChatSession *
tess_chat_view_get_session (TessChatView *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_VIEW (self), NULL);
  return self->current != NULL ? tess_chat_conversation_get_session (self->current) : NULL;
}

TessThread *
tess_chat_view_get_thread (TessChatView *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_VIEW (self), NULL);
  return current_thread (self);
}

GListModel *
tess_chat_view_get_items (TessChatView *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_VIEW (self), NULL);
  return self->current != NULL ? tess_chat_conversation_get_model (self->current) : NULL;
}

GtkWidget *
tess_chat_view_get_item_list (TessChatView *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_VIEW (self), NULL);
  return GTK_WIDGET (self->item_list);
}

GtkTextView *
tess_chat_view_get_composer (TessChatView *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_VIEW (self), NULL);
  return self->message_view;
}

/* The Server switcher */

static void
select_server_quietly (TessChatView *self,
                       guint         position)
{
  self->filling_switcher = TRUE;
  gtk_drop_down_set_selected (self->server_switcher, position);
  self->filling_switcher = FALSE;
}

static void
unref_server (gpointer profile)
{
  /* NULL is the playground. */
  if (profile != NULL)
    g_object_unref (profile);
}

static void
fill_switcher (TessChatView *self)
{
  TessServerProfile *selected = NULL;
  guint position = 0;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (self->servers != NULL)
    {
      guint current = gtk_drop_down_get_selected (self->server_switcher);

      if (current < self->servers->len)
        selected = g_ptr_array_index (self->servers, current);
      if (selected != NULL)
        g_object_ref (selected);
    }

  g_clear_pointer (&self->servers, g_ptr_array_unref);
  self->servers = g_ptr_array_new_with_free_func (unref_server);
  g_ptr_array_add (self->servers, NULL);
  g_ptr_array_add (names, g_strdup (_("Playground")));
  if (self->temporary != NULL)
    {
      g_ptr_array_add (self->servers, g_object_ref (self->temporary));
      g_ptr_array_add (names, g_strdup (tess_server_profile_get_name (self->temporary)));
    }
  if (self->settings != NULL)
    {
      saved = tess_server_profiles_load (self->settings);
      for (guint i = 0; i < saved->len; i++)
        {
          TessServerProfile *profile = g_ptr_array_index (saved, i);
          const char *name = tess_server_profile_get_name (profile);

          g_ptr_array_add (self->servers, g_object_ref (profile));
          g_ptr_array_add (names, g_strdup (*name != '\0' ? name
                                            : tess_server_profile_get_url (profile)));
        }
    }
  g_ptr_array_add (names, NULL);

  for (guint i = 1; selected != NULL && i < self->servers->len; i++)
    {
      TessServerProfile *profile = g_ptr_array_index (self->servers, i);

      if (g_str_equal (tess_server_profile_get_id (profile), tess_server_profile_get_id (selected)))
        position = i;
    }

  self->filling_switcher = TRUE;
  gtk_string_list_splice (self->server_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->server_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->server_switcher, position);
  self->filling_switcher = FALSE;

  /* The profile shown is gone, or its address or headers changed: connect again. */
  if (selected != NULL && self->client != NULL)
    {
      TessServerProfile *now = g_ptr_array_index (self->servers, position);

      if (now == NULL || !tess_server_profile_same_setup (now, selected))
        on_server_selected (self);
    }
  g_clear_object (&selected);
}

static void
connect_profile (TessChatView      *self,
                 TessServerProfile *profile)
{
  g_autoptr(GHashTable) headers = tess_server_profile_dup_headers (profile);

  tess_chat_view_set_server (self, tess_server_profile_get_url (profile), headers);
  gtk_label_set_label (self->server_label, tess_server_profile_get_url (profile));
}

static void
secrets_looked_up (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TessServerProfile *profile = TESS_SERVER_PROFILE (object);
  g_autoptr(TessChatView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tess_server_profile_lookup_secrets_finish (profile, result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The profile still works, only without what the keyring would have added. */
      message = g_strdup_printf (_("Connected without the secret headers: %s"), error->message);
      show_toast (self, message);
    }
  connect_profile (self, profile);
}

static void
on_server_selected (TessChatView *self)
{
  guint position = gtk_drop_down_get_selected (self->server_switcher);
  TessServerProfile *profile;

  if (self->filling_switcher || self->servers == NULL || position >= self->servers->len)
    return;

  if (self->switch_cancellable != NULL)
    g_cancellable_cancel (self->switch_cancellable);
  g_clear_object (&self->switch_cancellable);

  profile = g_ptr_array_index (self->servers, position);
  if (profile == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!tess_chat_view_use_playground (self, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The playground did not start: %s"),
                                                      error->message);

          show_toast (self, message);
        }
      return;
    }

  if (profile != self->temporary && tess_server_profile_get_secret_names (profile)->len > 0)
    {
      self->switch_cancellable = g_cancellable_new ();
      tess_server_profile_lookup_secrets (profile, self->switch_cancellable, secrets_looked_up,
                                          g_object_ref (self));
      return;
    }
  connect_profile (self, profile);
}

void
tess_chat_view_use_server (TessChatView *self,
                           const char   *url,
                           GHashTable   *headers)
{
  GHashTableIter iter;
  gpointer name, value;

  g_return_if_fail (TESS_IS_CHAT_VIEW (self));
  g_return_if_fail (url != NULL);

  g_clear_object (&self->temporary);
  self->temporary = tess_server_profile_new (NULL, url, url);
  if (headers != NULL)
    {
      g_hash_table_iter_init (&iter, headers);
      while (g_hash_table_iter_next (&iter, &name, &value))
        tess_server_profile_set_header (self->temporary, name, value);
    }
  select_server_quietly (self, 0);
  fill_switcher (self);
  gtk_drop_down_set_selected (self->server_switcher, 1);
}

GtkDropDown *
tess_chat_view_get_server_switcher (TessChatView *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_VIEW (self), NULL);
  return self->server_switcher;
}

static void
setup_switcher (TessChatView *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->server_label));

  self->server_names = gtk_string_list_new (NULL);
  self->server_switcher = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->server_names),
                                                            NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->server_switcher), _("Server"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->server_switcher),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Server"), -1);
  gtk_widget_set_margin_start (GTK_WIDGET (self->server_switcher), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->server_switcher), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->server_switcher), 6);
  gtk_widget_insert_before (GTK_WIDGET (self->server_switcher), parent,
                            GTK_WIDGET (self->server_label));

  /* Without the app's schema (as in some tests) only the playground and --server are listed. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID_BASE, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, TESS_SERVER_PROFILES_KEY))
    {
      self->settings = g_settings_new (APP_ID_BASE);
      g_signal_connect_object (self->settings, "changed::" TESS_SERVER_PROFILES_KEY,
                               G_CALLBACK (fill_switcher), self, G_CONNECT_SWAPPED);
    }
  fill_switcher (self);
  g_signal_connect_object (self->server_switcher, "notify::selected",
                           G_CALLBACK (on_server_selected), self, G_CONNECT_SWAPPED);
}

/* GObject */

void
tess_chat_ensure_resources (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      /* By hand: nothing else would pull the resource object out of the static archive. */
      tess_chat_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

static void
tess_chat_view_map (GtkWidget *widget)
{
  TessChatView *self = TESS_CHAT_VIEW (widget);

  GTK_WIDGET_CLASS (tess_chat_view_parent_class)->map (widget);

  /* The playground needs no set-up: it starts the first time the view is shown. */
  if (self->client == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!tess_chat_view_use_playground (self, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The playground did not start: %s"),
                                                      error->message);

          show_toast (self, message);
        }
    }
}

static void
tess_chat_view_dispose (GObject *object)
{
  TessChatView *self = (TessChatView *) object;

  save_draft_now (self);
  stop_all (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->scroll_idle_id, g_source_remove);
  disconnect_current (self);
  if (self->item_list != NULL)
    gtk_list_view_set_model (self->item_list, NULL);
  g_clear_object (&self->current);
  g_clear_pointer (&self->conversations, g_hash_table_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->threads_selection);
  g_clear_object (&self->threads);
  g_clear_object (&self->playground);
  if (self->switch_cancellable != NULL)
    g_cancellable_cancel (self->switch_cancellable);
  g_clear_object (&self->switch_cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->servers, g_ptr_array_unref);
  g_clear_object (&self->temporary);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESS_TYPE_CHAT_VIEW);

  G_OBJECT_CLASS (tess_chat_view_parent_class)->dispose (object);
}

static void
tess_chat_view_finalize (GObject *object)
{
  TessChatView *self = (TessChatView *) object;

  g_free (self->threads_cursor);
  g_free (self->server_key);
  g_free (self->remembered_open_id);
  g_free (self->reopening_id);

  G_OBJECT_CLASS (tess_chat_view_parent_class)->finalize (object);
}

static void
tess_chat_view_class_init (TessChatViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_chat_view_dispose;
  object_class->finalize = tess_chat_view_finalize;
  widget_class->map = tess_chat_view_map;

  tess_chat_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tessera/Tessera/tess-chat-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TessChatView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, threads_scroller);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, threads_list);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, server_label);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, back_button);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, title_label);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, conversation_stack);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, scroller);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, item_list);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, composer_stack);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, locked_label);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, message_view);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, send_button);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, stop_button);
  gtk_widget_class_bind_template_child (widget_class, TessChatView, closed_label);

  gtk_widget_class_install_action (widget_class, "chat.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "chat.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "chat.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "chat.retry", "s", retry_action);
  gtk_widget_class_install_action (widget_class, "chat.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "chat.good-response", "s", feedback_action);
  gtk_widget_class_install_action (widget_class, "chat.bad-response", "s", feedback_action);
  gtk_widget_class_install_action (widget_class, "chat.rename", "s", rename_action);
  gtk_widget_class_install_action (widget_class, "chat.delete", "s", delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "chat.new", NULL);

  gtk_widget_class_set_css_name (widget_class, "tess-chat-view");
}

static void
tess_chat_view_init (TessChatView *self)
{
  GtkListItemFactory *factory;
  GtkEventController *keys;
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  setup_switcher (self);

  self->cancellable = g_cancellable_new ();
  self->conversations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->threads = g_list_store_new (TESS_TYPE_CHAT_THREAD_ENTRY);
  self->threads_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->threads)));
  gtk_single_selection_set_autoselect (self->threads_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->threads_selection, TRUE);
  gtk_single_selection_set_selected (self->threads_selection, GTK_INVALID_LIST_POSITION);
  self->sticky_bottom = TRUE;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (thread_setup), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (thread_bind), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (thread_unbind), self, 0);
  gtk_list_view_set_factory (self->threads_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->threads_list, GTK_SELECTION_MODEL (self->threads_selection));
  gtk_list_view_set_single_click_activate (self->threads_list, FALSE);
  g_signal_connect_object (self->threads_selection, "notify::selected",
                           G_CALLBACK (on_thread_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->threads_list, "activate", G_CALLBACK (on_thread_activated),
                           self, 0);
  g_signal_connect_object (self->threads_scroller, "edge-reached",
                           G_CALLBACK (on_threads_edge_reached), self, 0);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (item_setup), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (item_bind), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (item_unbind), self, 0);
  gtk_list_view_set_factory (self->item_list, factory);
  g_object_unref (factory);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_scroll_value_changed),
                           self, 0);
  g_signal_connect_object (adjustment, "notify::upper", G_CALLBACK (on_scroll_upper_changed),
                           self, 0);
  g_signal_connect_object (self->scroller, "edge-reached", G_CALLBACK (on_edge_reached), self, 0);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_composer_key), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->message_view), keys);
  g_signal_connect_object (gtk_text_view_get_buffer (self->message_view), "changed",
                           G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->back_button, "clicked", G_CALLBACK (on_back_clicked), self,
                           G_CONNECT_SWAPPED);

  update_title (self);
  update_controls (self);
  update_progress (self);
  update_empty (self);
}

GtkWidget *
tess_chat_view_new (void)
{
  return g_object_new (TESS_TYPE_CHAT_VIEW, NULL);
}
