/* tess-chat-drafts.h: unsent messages, one file per thread in the user's state folder, and the
 * chat left open on each server
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The draft of a chat that has no thread yet. */
#define TESS_CHAT_DRAFT_NEW "new"

/* $XDG_STATE_HOME/tessera/drafts */
char     *tess_chat_drafts_dir   (void);
/* The file of @key (a thread id, or TESS_CHAT_DRAFT_NEW); any id maps to a safe file name. */
char     *tess_chat_drafts_path  (const char  *key);
/* NULL when there is no draft. */
char     *tess_chat_drafts_load  (const char  *key);
/* Writes atomically; an empty or NULL @text removes the draft. */
gboolean  tess_chat_drafts_save  (const char  *key,
                                  const char  *text,
                                  GError     **error);

/* The chat left open on each server, so that the next start opens it again.  @server_key is
 * "playground" or the server's URL; a NULL @thread_id is a new chat.  Kept in
 * $XDG_STATE_HOME/tessera/open-chats.ini, written atomically. */
char     *tess_chat_drafts_load_open_thread (const char  *server_key);
gboolean  tess_chat_drafts_save_open_thread (const char  *server_key,
                                             const char  *thread_id,
                                             GError     **error);

G_END_DECLS
