/* tess-chat-conversation.h: a chat session with the rows shown around its thread
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "protocol/tess-chat-session.h"
#include "tess-chat-note.h"

G_BEGIN_DECLS

#define TESS_TYPE_CHAT_CONVERSATION (tess_chat_conversation_get_type ())

G_DECLARE_FINAL_TYPE (TessChatConversation, tess_chat_conversation, TESS, CHAT_CONVERSATION,
                      GObject)

/* @thread_id is the thread about to be opened, or NULL for a new chat. */
TessChatConversation *tess_chat_conversation_new          (TessChatkitClient    *client,
                                                           const char           *thread_id);
TessChatSession      *tess_chat_conversation_get_session  (TessChatConversation *self);
TessThread           *tess_chat_conversation_get_thread   (TessChatConversation *self);
/* The thread's items followed by the notes (notices and errors of the latest turn): the
 * model the conversation list shows. */
GListModel           *tess_chat_conversation_get_model    (TessChatConversation *self);
void                  tess_chat_conversation_add_note     (TessChatConversation *self,
                                                           TessChatNote         *note);
TessChatNote         *tess_chat_conversation_lookup_note  (TessChatConversation *self,
                                                           const char           *note_id);
void                  tess_chat_conversation_clear_notes  (TessChatConversation *self);
guint                 tess_chat_conversation_get_n_notes  (TessChatConversation *self);
/* The thread id, or TESS_CHAT_DRAFT_NEW while the chat has no thread. */
const char           *tess_chat_conversation_get_draft_key (TessChatConversation *self);
/* The text of the message being sent, until the server echoes it as a user message. */
const char           *tess_chat_conversation_get_pending_text (TessChatConversation *self);
void                  tess_chat_conversation_set_pending_text (TessChatConversation *self,
                                                               const char           *text);
/* The user message before (or at) @item_id, which a Retry of that item sends. */
const char           *tess_chat_conversation_find_user_message (TessChatConversation *self,
                                                                const char           *item_id);

G_END_DECLS
