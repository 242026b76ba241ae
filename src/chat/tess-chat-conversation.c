/* tess-chat-conversation.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "tess-chat-conversation.h"
#include "tess-chat-drafts.h"

struct _TessChatConversation
{
  GObject          parent_instance;

  TessChatSession *session;
  GListStore      *notes;
  GListModel      *model;
  char            *pending_text;
  /* The thread being opened, before the server has sent it. */
  char            *opening_id;
};

G_DEFINE_FINAL_TYPE (TessChatConversation, tess_chat_conversation, G_TYPE_OBJECT)

static void
tess_chat_conversation_dispose (GObject *object)
{
  TessChatConversation *self = (TessChatConversation *) object;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (tess_chat_session_get_thread (self->session), self);
      tess_chat_session_stop (self->session);
    }
  g_clear_object (&self->model);
  g_clear_object (&self->notes);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (tess_chat_conversation_parent_class)->dispose (object);
}

static void
tess_chat_conversation_finalize (GObject *object)
{
  TessChatConversation *self = (TessChatConversation *) object;

  g_free (self->pending_text);
  g_free (self->opening_id);

  G_OBJECT_CLASS (tess_chat_conversation_parent_class)->finalize (object);
}

static void
tess_chat_conversation_class_init (TessChatConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tess_chat_conversation_dispose;
  object_class->finalize = tess_chat_conversation_finalize;
}

static void
tess_chat_conversation_init (TessChatConversation *self)
{
  self->notes = g_list_store_new (TESS_TYPE_CHAT_NOTE);
}

static void
on_thread_error (TessThread           *thread,
                 const char           *code,
                 const char           *message,
                 gboolean              allow_retry,
                 TessChatConversation *self)
{
  TessThreadItem *user = tess_thread_get_last_user_message (thread);
  g_autoptr(TessChatNote) note = NULL;

  /* stream.error and unknown codes carry no text: the client words it (protocol §3). */
  if (message == NULL || *message == '\0')
    message = _("An error occurred when generating a response.");
  note = tess_chat_note_new_error (message,
                                   allow_retry && user != NULL ? TESS_CHAT_RETRY_AFTER_ITEM
                                                               : TESS_CHAT_RETRY_NONE,
                                   user != NULL ? tess_thread_item_get_id (user) : NULL);
  tess_chat_conversation_add_note (self, note);
}

static void
on_thread_notice (TessThread           *thread,
                  const char           *level,
                  const char           *message,
                  const char           *title,
                  TessChatConversation *self)
{
  g_autoptr(TessChatNote) note = tess_chat_note_new_notice (level, title, message);

  tess_chat_conversation_add_note (self, note);
}

TessChatConversation *
tess_chat_conversation_new (TessChatkitClient *client,
                            const char        *thread_id)
{
  TessChatConversation *self;
  GListStore *parts;
  TessThread *thread;

  g_return_val_if_fail (TESS_IS_CHATKIT_CLIENT (client), NULL);

  self = g_object_new (TESS_TYPE_CHAT_CONVERSATION, NULL);
  self->session = tess_chat_session_new (client);
  self->opening_id = g_strdup (thread_id);
  thread = tess_chat_session_get_thread (self->session);

  parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (parts, thread);
  g_list_store_append (parts, self->notes);
  self->model = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts)));

  g_signal_connect (thread, "error", G_CALLBACK (on_thread_error), self);
  g_signal_connect (thread, "notice", G_CALLBACK (on_thread_notice), self);
  return self;
}

TessChatSession *
tess_chat_conversation_get_session (TessChatConversation *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_CONVERSATION (self), NULL);
  return self->session;
}

TessThread *
tess_chat_conversation_get_thread (TessChatConversation *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_CONVERSATION (self), NULL);
  return tess_chat_session_get_thread (self->session);
}

GListModel *
tess_chat_conversation_get_model (TessChatConversation *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_CONVERSATION (self), NULL);
  return self->model;
}

void
tess_chat_conversation_add_note (TessChatConversation *self,
                                 TessChatNote         *note)
{
  g_return_if_fail (TESS_IS_CHAT_CONVERSATION (self));
  g_return_if_fail (TESS_IS_CHAT_NOTE (note));

  g_list_store_append (self->notes, note);
}

TessChatNote *
tess_chat_conversation_lookup_note (TessChatConversation *self,
                                    const char           *note_id)
{
  guint n;

  g_return_val_if_fail (TESS_IS_CHAT_CONVERSATION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->notes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TessChatNote) note = g_list_model_get_item (G_LIST_MODEL (self->notes), i);

      if (g_strcmp0 (tess_chat_note_get_id (note), note_id) == 0)
        return note;
    }
  return NULL;
}

void
tess_chat_conversation_clear_notes (TessChatConversation *self)
{
  g_return_if_fail (TESS_IS_CHAT_CONVERSATION (self));

  g_list_store_remove_all (self->notes);
}

guint
tess_chat_conversation_get_n_notes (TessChatConversation *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_CONVERSATION (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->notes));
}

const char *
tess_chat_conversation_get_draft_key (TessChatConversation *self)
{
  const char *id;

  g_return_val_if_fail (TESS_IS_CHAT_CONVERSATION (self), NULL);

  id = tess_thread_get_id (tess_chat_conversation_get_thread (self));
  if (id == NULL)
    id = self->opening_id;
  return id != NULL ? id : TESS_CHAT_DRAFT_NEW;
}

const char *
tess_chat_conversation_get_pending_text (TessChatConversation *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_CONVERSATION (self), NULL);
  return self->pending_text;
}

void
tess_chat_conversation_set_pending_text (TessChatConversation *self,
                                         const char           *text)
{
  g_return_if_fail (TESS_IS_CHAT_CONVERSATION (self));

  g_free (self->pending_text);
  g_free (self->opening_id);
  self->pending_text = g_strdup (text);
}

const char *
tess_chat_conversation_find_user_message (TessChatConversation *self,
                                          const char           *item_id)
{
  TessThread *thread;
  guint position;

  g_return_val_if_fail (TESS_IS_CHAT_CONVERSATION (self), NULL);

  thread = tess_chat_conversation_get_thread (self);
  if (tess_thread_lookup_item (thread, item_id, &position) == NULL)
    return NULL;
  for (guint i = position + 1; i > 0; i--)
    {
      g_autoptr(TessThreadItem) item = g_list_model_get_item (G_LIST_MODEL (thread), i - 1);

      if (tess_thread_item_get_kind (item) == TESS_ITEM_USER_MESSAGE)
        return tess_thread_item_get_id (item);
    }
  return NULL;
}
