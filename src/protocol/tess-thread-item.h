/* tess-thread-item.h: one item of a ChatKit thread
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  TESS_ITEM_UNKNOWN,
  TESS_ITEM_USER_MESSAGE,
  TESS_ITEM_ASSISTANT_MESSAGE,
  TESS_ITEM_CLIENT_TOOL_CALL,
  TESS_ITEM_WIDGET,
  TESS_ITEM_GENERATED_IMAGE,
  TESS_ITEM_STRUCTURED_INPUT,
  TESS_ITEM_WORKFLOW,
  TESS_ITEM_TASK,
  TESS_ITEM_END_OF_TURN,
  /* hidden_context_item and sdk_hidden_context: server-only, never shown. */
  TESS_ITEM_HIDDEN_CONTEXT,
} TessItemKind;

#define TESS_TYPE_THREAD_ITEM (tess_thread_item_get_type ())

G_DECLARE_FINAL_TYPE (TessThreadItem, tess_thread_item, TESS, THREAD_ITEM, GObject)

/* Validates the fields @object's type requires; errors carry a JSON pointer below @pointer.
 * The item keeps its own mutable deep copy of @object. */
TessThreadItem *tess_thread_item_new_from_json     (JsonObject      *object,
                                                    const char      *pointer,
                                                    GError         **error);
TessThreadItem *tess_thread_item_copy              (TessThreadItem  *self);
TessItemKind    tess_thread_item_get_kind          (TessThreadItem  *self);
const char     *tess_thread_item_get_item_type     (TessThreadItem  *self);
const char     *tess_thread_item_get_id            (TessThreadItem  *self);
const char     *tess_thread_item_get_thread_id     (TessThreadItem  *self);
const char     *tess_thread_item_get_created_at    (TessThreadItem  *self);
/* The item's JSON; owned by the item, changes as updates are applied. */
JsonObject     *tess_thread_item_get_object        (TessThreadItem  *self);
JsonNode       *tess_thread_item_to_json           (TessThreadItem  *self);
/* Message text: the text parts of a user or assistant message joined, else NULL. */
char           *tess_thread_item_dup_text          (TessThreadItem  *self);
/* Widget items: the widget root; NULL for other kinds. */
JsonObject     *tess_thread_item_get_widget        (TessThreadItem  *self);
/* "status" of tool calls and structured inputs, NULL when absent. */
const char     *tess_thread_item_get_status        (TessThreadItem  *self);
/* generated_image.updated progress, or -1 when none was received. */
double          tess_thread_item_get_image_progress (TessThreadItem *self);
/* Marks a client tool call completed with @output (the local fix-up §2 describes). */
void            tess_thread_item_complete_tool_call (TessThreadItem *self,
                                                     JsonNode       *output);

G_END_DECLS
