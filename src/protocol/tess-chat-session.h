/* tess-chat-session.h: one conversation — a client, a thread, and the rules that tie them
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "protocol/tess-chatkit-client.h"
#include "protocol/tess-thread.h"

G_BEGIN_DECLS

#define TESS_TYPE_CHAT_SESSION (tess_chat_session_get_type ())

G_DECLARE_FINAL_TYPE (TessChatSession, tess_chat_session, TESS, CHAT_SESSION, GObject)

/* Pages of this size are fetched when opening a thread and when loading older items. */
#define TESS_CHAT_SESSION_PAGE_SIZE 50

TessChatSession   *tess_chat_session_new                 (TessChatkitClient   *client);
TessChatkitClient *tess_chat_session_get_client          (TessChatSession     *self);
TessThread        *tess_chat_session_get_thread          (TessChatSession     *self);
/* TRUE while a response streams; streaming requests are refused meanwhile (sync actions are
 * still allowed, protocol §2). */
gboolean           tess_chat_session_get_busy            (TessChatSession     *self);
/* Aborts the running stream (the Stop button); the server keeps the partial answer. */
void               tess_chat_session_stop                (TessChatSession     *self);

/* Starts a new thread when the session has none, else adds to it. */
void               tess_chat_session_send_async          (TessChatSession     *self,
                                                          TessUserInput       *input,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* Routes @action_config (protocol §6): "client" actions fail with G_IO_ERROR_NOT_SUPPORTED
 * (the host handles them), streaming: false goes to threads.sync_custom_action and replaces
 * the updated item, anything else streams threads.custom_action.  @item_id is the sender
 * widget item or NULL; @payload replaces the config's payload when not NULL (form values). */
void               tess_chat_session_action_async        (TessChatSession     *self,
                                                          JsonObject          *action_config,
                                                          const char          *item_id,
                                                          JsonNode            *payload,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* Drops the items after @user_item_id locally (the server deletes them silently), then
 * streams threads.retry_after_item. */
void               tess_chat_session_retry_async         (TessChatSession     *self,
                                                          const char          *user_item_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* Marks the pending client tool call completed locally and sends its @result. */
void               tess_chat_session_tool_output_async   (TessChatSession     *self,
                                                          JsonNode            *result,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
void               tess_chat_session_structured_input_async (TessChatSession  *self,
                                                             const char       *item_id,
                                                             JsonObject       *submission,
                                                             GCancellable     *cancellable,
                                                             GAsyncReadyCallback callback,
                                                             gpointer          user_data);
/* Opens an existing thread with its newest items. */
void               tess_chat_session_open_async          (TessChatSession     *self,
                                                          const char          *thread_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* Prepends the next page of older items (no-op when there is none). */
void               tess_chat_session_load_older_async    (TessChatSession     *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* For every call above. */
gboolean           tess_chat_session_finish              (TessChatSession     *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
