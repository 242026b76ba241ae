/* tess-chat-note.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tess-chat-note.h"

struct _TessChatNote
{
  GObject           parent_instance;

  char             *id;
  TessChatNoteKind  kind;
  char             *level;
  char             *title;
  char             *message;
  TessChatRetry     retry;
  char             *retry_item_id;
};

G_DEFINE_FINAL_TYPE (TessChatNote, tess_chat_note, G_TYPE_OBJECT)

static void
tess_chat_note_finalize (GObject *object)
{
  TessChatNote *self = (TessChatNote *) object;

  g_free (self->id);
  g_free (self->level);
  g_free (self->title);
  g_free (self->message);
  g_free (self->retry_item_id);

  G_OBJECT_CLASS (tess_chat_note_parent_class)->finalize (object);
}

static void
tess_chat_note_class_init (TessChatNoteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tess_chat_note_finalize;
}

static void
tess_chat_note_init (TessChatNote *self)
{
  static guint counter;

  self->id = g_strdup_printf ("note-%u", ++counter);
}

TessChatNote *
tess_chat_note_new_notice (const char *level,
                           const char *title,
                           const char *message)
{
  TessChatNote *self = g_object_new (TESS_TYPE_CHAT_NOTE, NULL);

  self->kind = TESS_CHAT_NOTE_NOTICE;
  self->level = g_strdup (level != NULL ? level : "info");
  self->title = g_strdup (title);
  self->message = g_strdup (message != NULL ? message : "");
  return self;
}

TessChatNote *
tess_chat_note_new_error (const char    *message,
                          TessChatRetry  retry,
                          const char    *retry_item_id)
{
  TessChatNote *self = g_object_new (TESS_TYPE_CHAT_NOTE, NULL);

  g_return_val_if_fail (message != NULL, NULL);

  self->kind = TESS_CHAT_NOTE_ERROR;
  self->level = g_strdup ("danger");
  self->message = g_strdup (message);
  self->retry = retry;
  self->retry_item_id = g_strdup (retry_item_id);
  return self;
}

const char *
tess_chat_note_get_id (TessChatNote *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_NOTE (self), NULL);
  return self->id;
}

TessChatNoteKind
tess_chat_note_get_kind (TessChatNote *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_NOTE (self), TESS_CHAT_NOTE_NOTICE);
  return self->kind;
}

const char *
tess_chat_note_get_level (TessChatNote *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_NOTE (self), NULL);
  return self->level;
}

const char *
tess_chat_note_get_title (TessChatNote *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_NOTE (self), NULL);
  return self->title;
}

const char *
tess_chat_note_get_message (TessChatNote *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_NOTE (self), NULL);
  return self->message;
}

TessChatRetry
tess_chat_note_get_retry (TessChatNote *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_NOTE (self), TESS_CHAT_RETRY_NONE);
  return self->retry;
}

const char *
tess_chat_note_get_retry_item_id (TessChatNote *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_NOTE (self), NULL);
  return self->retry_item_id;
}
