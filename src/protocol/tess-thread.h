/* tess-thread.h: a ChatKit thread as a list model, kept current by applying stream events
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "protocol/tess-protocol-types.h"

G_BEGIN_DECLS

#define TESS_TYPE_THREAD (tess_thread_get_type ())

G_DECLARE_FINAL_TYPE (TessThread, tess_thread, TESS, THREAD, GObject)

TessThread       *tess_thread_new                  (void);
const char       *tess_thread_get_id               (TessThread      *self);
const char       *tess_thread_get_title            (TessThread      *self);
TessThreadInfo   *tess_thread_get_info             (TessThread      *self);
TessThreadStatus  tess_thread_get_status           (TessThread      *self);
gboolean          tess_thread_get_allow_cancel     (TessThread      *self);
const char       *tess_thread_get_progress_text    (TessThread      *self);
const char       *tess_thread_get_progress_icon    (TessThread      *self);
gboolean          tess_thread_get_streaming        (TessThread      *self);
TessThreadItem   *tess_thread_lookup_item          (TessThread      *self,
                                                    const char      *item_id,
                                                    guint           *position);
/* The newest user message, or NULL: what a Retry after an error sends
 * (threads.retry_after_item). */
TessThreadItem   *tess_thread_get_last_user_message (TessThread     *self);
/* The pending client tool call that ends the thread, or NULL. */
TessThreadItem   *tess_thread_get_pending_tool_call (TessThread     *self);

/* Reducer.  Returns FALSE (with @error) for an event that cannot apply, such as an update for
 * an unknown item; the thread is unchanged then.  Unknown event types are ignored. */
gboolean          tess_thread_apply_event          (TessThread      *self,
                                                    TessStreamEvent *event,
                                                    GError         **error);
/* Brackets a response stream: clears transient progress at both ends. */
void              tess_thread_begin_stream         (TessThread      *self);
void              tess_thread_end_stream           (TessThread      *self);

/* Replaces metadata and items with a thread loaded by threads.get_by_id. */
void              tess_thread_load                 (TessThread      *self,
                                                    TessThreadInfo  *info);
void              tess_thread_set_info             (TessThread      *self,
                                                    TessThreadInfo  *info);
/* Merges a page from items.list fetched with @order ("asc" or "desc"); items already present
 * are kept.  "desc" pages are older history and go to the front. */
void              tess_thread_add_history_page     (TessThread      *self,
                                                    TessPage        *page,
                                                    const char      *order);
gboolean          tess_thread_get_has_more_history (TessThread      *self);
const char       *tess_thread_get_history_cursor   (TessThread      *self);

/* Local fix-ups the reference server expects of its clients (protocol §2). */
guint             tess_thread_remove_items_after   (TessThread      *self,
                                                    const char      *item_id);
gboolean          tess_thread_complete_tool_call   (TessThread      *self,
                                                    JsonNode        *output);
/* Replaces the item with the same id (threads.sync_custom_action's updated_item). */
gboolean          tess_thread_replace_item         (TessThread      *self,
                                                    TessThreadItem  *item);
void              tess_thread_clear                (TessThread      *self);
/* All items as a JSON array (for printing and tests). */
JsonNode         *tess_thread_items_to_json        (TessThread      *self);

G_END_DECLS
