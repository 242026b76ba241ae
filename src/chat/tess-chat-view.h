/* tess-chat-view.h: the Chat face of the window: threads, the conversation and the composer
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "playground/tess-playground-server.h"
#include "protocol/tess-chat-session.h"

G_BEGIN_DECLS

#define TESS_TYPE_CHAT_VIEW (tess_chat_view_get_type ())

G_DECLARE_FINAL_TYPE (TessChatView, tess_chat_view, TESS, CHAT_VIEW, GtkWidget)

GtkWidget            *tess_chat_view_new             (void);
/* Talks to the ChatKit endpoint @url from now on, with the extra request @headers (name →
 * value, may be NULL): open conversations are dropped and the server's threads listed.  A
 * view that was given no server starts the built-in playground when it is first shown. */
void                  tess_chat_view_set_server      (TessChatView  *self,
                                                      const char    *url,
                                                      GHashTable    *headers);
const char           *tess_chat_view_get_server_url  (TessChatView  *self);
/* Adds a temporary entry (not saved) for @url with @headers to the Server switcher and
 * switches to it, as `tessera --server` does. */
void                  tess_chat_view_use_server      (TessChatView  *self,
                                                      const char    *url,
                                                      GHashTable    *headers);
/* Playground, then the temporary server if any, then the profiles set up in Preferences. */
GtkDropDown          *tess_chat_view_get_server_switcher (TessChatView *self);
/* Starts the built-in playground on 127.0.0.1 (a free port, threads kept in
 * $XDG_DATA_HOME/tessera/playground.db) and talks to it. */
gboolean              tess_chat_view_use_playground  (TessChatView  *self,
                                                      GError       **error);
TessPlaygroundServer *tess_chat_view_get_playground  (TessChatView  *self);

/* Starts a chat with no thread yet (the New Chat button). */
void                  tess_chat_view_new_chat        (TessChatView  *self);
/* Shows the thread @thread_id, loading it when it is not open yet. */
void                  tess_chat_view_open_thread     (TessChatView  *self,
                                                      const char    *thread_id);
/* The Threads sidebar: TessChatThreadEntry items, newest first. */
GListModel           *tess_chat_view_get_threads     (TessChatView  *self);
/* The conversation shown. */
TessChatSession      *tess_chat_view_get_session     (TessChatView  *self);
TessThread           *tess_chat_view_get_thread      (TessChatView  *self);
/* Items and notes, as the conversation list shows them. */
GListModel           *tess_chat_view_get_items       (TessChatView  *self);
GtkWidget            *tess_chat_view_get_item_list   (TessChatView  *self);
GtkTextView          *tess_chat_view_get_composer    (TessChatView  *self);
/* Saves the composer's draft now instead of after the usual short delay. */
void                  tess_chat_view_save_draft      (TessChatView  *self);

G_END_DECLS
