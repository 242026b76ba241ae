/* tess-chat-note.h: a row of the conversation that is not a thread item (notices, errors)
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  TESS_CHAT_NOTE_NOTICE,
  TESS_CHAT_NOTE_ERROR,
} TessChatNoteKind;

/* What the Retry button of an error does. */
typedef enum
{
  TESS_CHAT_RETRY_NONE,
  /* threads.retry_after_item with the user message that started the turn */
  TESS_CHAT_RETRY_AFTER_ITEM,
  /* the message never reached the server: send it again */
  TESS_CHAT_RETRY_RESEND,
} TessChatRetry;

#define TESS_TYPE_CHAT_NOTE (tess_chat_note_get_type ())

G_DECLARE_FINAL_TYPE (TessChatNote, tess_chat_note, TESS, CHAT_NOTE, GObject)

/* @level is "info", "warning" or "danger" for notices; errors are "danger". */
TessChatNote     *tess_chat_note_new_notice      (const char   *level,
                                                  const char   *title,
                                                  const char   *message);
TessChatNote     *tess_chat_note_new_error       (const char   *message,
                                                  TessChatRetry retry,
                                                  const char   *retry_item_id);
/* A unique id ("note-N") that actions use to name the note. */
const char       *tess_chat_note_get_id          (TessChatNote *self);
TessChatNoteKind  tess_chat_note_get_kind        (TessChatNote *self);
const char       *tess_chat_note_get_level       (TessChatNote *self);
const char       *tess_chat_note_get_title       (TessChatNote *self);
const char       *tess_chat_note_get_message     (TessChatNote *self);
TessChatRetry     tess_chat_note_get_retry       (TessChatNote *self);
const char       *tess_chat_note_get_retry_item_id (TessChatNote *self);

G_END_DECLS
