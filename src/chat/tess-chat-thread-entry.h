/* tess-chat-thread-entry.h: one thread in the Threads sidebar
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TESS_TYPE_CHAT_THREAD_ENTRY (tess_chat_thread_entry_get_type ())

G_DECLARE_FINAL_TYPE (TessChatThreadEntry, tess_chat_thread_entry, TESS, CHAT_THREAD_ENTRY,
                      GObject)

TessChatThreadEntry *tess_chat_thread_entry_new          (const char          *id,
                                                          const char          *title);
const char          *tess_chat_thread_entry_get_id       (TessChatThreadEntry *self);
/* As the server set it; NULL when the thread has none yet. */
const char          *tess_chat_thread_entry_get_title    (TessChatThreadEntry *self);
void                 tess_chat_thread_entry_set_title    (TessChatThreadEntry *self,
                                                          const char          *title);
/* The title, or “New Chat” (the "display-title" property). */
const char          *tess_chat_thread_entry_get_display_title (TessChatThreadEntry *self);

G_END_DECLS
