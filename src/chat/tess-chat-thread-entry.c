/* tess-chat-thread-entry.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tess-chat-thread-entry.h"

struct _TessChatThreadEntry
{
  GObject  parent_instance;

  char    *id;
  char    *title;
};

G_DEFINE_FINAL_TYPE (TessChatThreadEntry, tess_chat_thread_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DISPLAY_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tess_chat_thread_entry_finalize (GObject *object)
{
  TessChatThreadEntry *self = (TessChatThreadEntry *) object;

  g_free (self->id);
  g_free (self->title);

  G_OBJECT_CLASS (tess_chat_thread_entry_parent_class)->finalize (object);
}

static void
tess_chat_thread_entry_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TessChatThreadEntry *self = TESS_CHAT_THREAD_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DISPLAY_TITLE:
      g_value_set_string (value, tess_chat_thread_entry_get_display_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_chat_thread_entry_class_init (TessChatThreadEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tess_chat_thread_entry_finalize;
  object_class->get_property = tess_chat_thread_entry_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_TITLE] =
    g_param_spec_string ("display-title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tess_chat_thread_entry_init (TessChatThreadEntry *self)
{
}

TessChatThreadEntry *
tess_chat_thread_entry_new (const char *id,
                            const char *title)
{
  TessChatThreadEntry *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (TESS_TYPE_CHAT_THREAD_ENTRY, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  return self;
}

const char *
tess_chat_thread_entry_get_id (TessChatThreadEntry *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_THREAD_ENTRY (self), NULL);
  return self->id;
}

const char *
tess_chat_thread_entry_get_title (TessChatThreadEntry *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_THREAD_ENTRY (self), NULL);
  return self->title;
}

void
tess_chat_thread_entry_set_title (TessChatThreadEntry *self,
                                  const char          *title)
{
  g_return_if_fail (TESS_IS_CHAT_THREAD_ENTRY (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_TITLE]);
}

const char *
tess_chat_thread_entry_get_display_title (TessChatThreadEntry *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_THREAD_ENTRY (self), NULL);

  return self->title != NULL && *self->title != '\0' ? self->title : _("New Chat");
}
