/* tess-thread.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tess-thread.h"

struct _TessThread
{
  GObject          parent_instance;

  TessThreadInfo  *info;
  GPtrArray       *items;
  GHashTable      *by_id;

  char            *progress_text;
  char            *progress_icon;
  char            *history_cursor;

  guint            allow_cancel : 1;
  guint            streaming : 1;
  guint            has_more_history : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TessThread, tess_thread, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_STATUS,
  PROP_ALLOW_CANCEL,
  PROP_PROGRESS_TEXT,
  PROP_STREAMING,
  PROP_HAS_MORE_HISTORY,
  N_PROPS
};

enum {
  PROGRESS,
  NOTICE,
  ERROR,
  CLIENT_EFFECT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
tess_thread_get_item_type (GListModel *model)
{
  return TESS_TYPE_THREAD_ITEM;
}

static guint
tess_thread_get_n_items (GListModel *model)
{
  return TESS_THREAD (model)->items->len;
}

static gpointer
tess_thread_get_item (GListModel *model,
                      guint       position)
{
  TessThread *self = TESS_THREAD (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tess_thread_get_item_type;
  iface->get_n_items = tess_thread_get_n_items;
  iface->get_item = tess_thread_get_item;
}

static void
tess_thread_dispose (GObject *object)
{
  TessThread *self = (TessThread *) object;

  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (tess_thread_parent_class)->dispose (object);
}

static void
tess_thread_finalize (GObject *object)
{
  TessThread *self = (TessThread *) object;

  g_clear_pointer (&self->info, tess_thread_info_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_free (self->progress_text);
  g_free (self->progress_icon);
  g_free (self->history_cursor);

  G_OBJECT_CLASS (tess_thread_parent_class)->finalize (object);
}

static void
tess_thread_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TessThread *self = TESS_THREAD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, tess_thread_get_id (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, tess_thread_get_title (self));
      break;

    case PROP_STATUS:
      g_value_set_int (value, tess_thread_get_status (self));
      break;

    case PROP_ALLOW_CANCEL:
      g_value_set_boolean (value, self->allow_cancel);
      break;

    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, self->progress_text);
      break;

    case PROP_STREAMING:
      g_value_set_boolean (value, self->streaming);
      break;

    case PROP_HAS_MORE_HISTORY:
      g_value_set_boolean (value, self->has_more_history);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_thread_class_init (TessThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tess_thread_dispose;
  object_class->finalize = tess_thread_finalize;
  object_class->get_property = tess_thread_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, TESS_THREAD_STATUS_ACTIVE, TESS_THREAD_STATUS_CLOSED,
                      TESS_THREAD_STATUS_ACTIVE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALLOW_CANCEL] =
    g_param_spec_boolean ("allow-cancel", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS_TEXT] =
    g_param_spec_string ("progress-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STREAMING] =
    g_param_spec_boolean ("streaming", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_MORE_HISTORY] =
    g_param_spec_boolean ("has-more-history", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* progress (text, icon-or-NULL) */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_STRING, G_TYPE_STRING);
  /* notice (level, message, title-or-NULL) */
  signals[NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  /* error (code, message-or-NULL, allow-retry) */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                 G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /* client-effect (name, data JsonObject) */
  signals[CLIENT_EFFECT] = g_signal_new ("client-effect", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                         G_TYPE_STRING, JSON_TYPE_OBJECT);
}

static void
tess_thread_init (TessThread *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->allow_cancel = TRUE;
}

TessThread *
tess_thread_new (void)
{
  return g_object_new (TESS_TYPE_THREAD, NULL);
}

const char *
tess_thread_get_id (TessThread *self)
{
  g_return_val_if_fail (TESS_IS_THREAD (self), NULL);

  return self->info ? self->info->id : NULL;
}

const char *
tess_thread_get_title (TessThread *self)
{
  g_return_val_if_fail (TESS_IS_THREAD (self), NULL);

  return self->info ? self->info->title : NULL;
}

TessThreadInfo *
tess_thread_get_info (TessThread *self)
{
  g_return_val_if_fail (TESS_IS_THREAD (self), NULL);

  return self->info;
}

TessThreadStatus
tess_thread_get_status (TessThread *self)
{
  g_return_val_if_fail (TESS_IS_THREAD (self), TESS_THREAD_STATUS_ACTIVE);

  return self->info ? self->info->status : TESS_THREAD_STATUS_ACTIVE;
}

gboolean
tess_thread_get_allow_cancel (TessThread *self)
{
  g_return_val_if_fail (TESS_IS_THREAD (self), FALSE);

  return self->allow_cancel;
}

const char *
tess_thread_get_progress_text (TessThread *self)
{
  g_return_val_if_fail (TESS_IS_THREAD (self), NULL);

  return self->progress_text;
}

const char *
tess_thread_get_progress_icon (TessThread *self)
{
  g_return_val_if_fail (TESS_IS_THREAD (self), NULL);

  return self->progress_icon;
}

gboolean
tess_thread_get_streaming (TessThread *self)
{
  g_return_val_if_fail (TESS_IS_THREAD (self), FALSE);

  return self->streaming;
}

gboolean
tess_thread_get_has_more_history (TessThread *self)
{
  g_return_val_if_fail (TESS_IS_THREAD (self), FALSE);

  return self->has_more_history;
}

const char *
tess_thread_get_history_cursor (TessThread *self)
{
  g_return_val_if_fail (TESS_IS_THREAD (self), NULL);

  return self->history_cursor;
}

TessThreadItem *
tess_thread_lookup_item (TessThread *self,
                         const char *item_id,
                         guint      *position)
{
  TessThreadItem *item;

  g_return_val_if_fail (TESS_IS_THREAD (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  item = g_hash_table_lookup (self->by_id, item_id);
  if (item != NULL && position != NULL)
    {
      gboolean found = g_ptr_array_find (self->items, item, position);

      g_assert (found);
    }
  return item;
}

TessThreadItem *
tess_thread_get_last_user_message (TessThread *self)
{
  g_return_val_if_fail (TESS_IS_THREAD (self), NULL);

  for (guint i = self->items->len; i > 0; i--)
    {
      TessThreadItem *item = g_ptr_array_index (self->items, i - 1);

      if (tess_thread_item_get_kind (item) == TESS_ITEM_USER_MESSAGE)
        return item;
    }
  return NULL;
}

TessThreadItem *
tess_thread_get_pending_tool_call (TessThread *self)
{
  g_return_val_if_fail (TESS_IS_THREAD (self), NULL);

  for (guint i = self->items->len; i > 0; i--)
    {
      TessThreadItem *item = g_ptr_array_index (self->items, i - 1);
      const char *status;

      if (tess_thread_item_get_kind (item) == TESS_ITEM_END_OF_TURN)
        continue;
      if (tess_thread_item_get_kind (item) != TESS_ITEM_CLIENT_TOOL_CALL)
        return NULL;
      status = tess_thread_item_get_status (item);
      return status == NULL || strcmp (status, "pending") == 0 ? item : NULL;
    }
  return NULL;
}

static void
set_progress (TessThread *self,
              const char *text,
              const char *icon)
{
  if (g_strcmp0 (self->progress_text, text) == 0 && g_strcmp0 (self->progress_icon, icon) == 0)
    return;

  g_free (self->progress_text);
  g_free (self->progress_icon);
  self->progress_text = g_strdup (text);
  self->progress_icon = g_strdup (icon);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TEXT]);
}

static void
set_info (TessThread     *self,
          TessThreadInfo *info)
{
  g_autofree char *old_id = g_strdup (tess_thread_get_id (self));
  g_autofree char *old_title = g_strdup (tess_thread_get_title (self));
  TessThreadStatus old_status = tess_thread_get_status (self);

  tess_thread_info_ref (info);
  g_clear_pointer (&self->info, tess_thread_info_unref);
  self->info = info;

  if (g_strcmp0 (old_id, info->id) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  if (g_strcmp0 (old_title, info->title) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (old_status != info->status)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
tess_thread_set_info (TessThread     *self,
                      TessThreadInfo *info)
{
  g_return_if_fail (TESS_IS_THREAD (self));
  g_return_if_fail (info != NULL);

  set_info (self, info);
}

static gboolean
is_displayable (TessThreadItem *item)
{
  TessItemKind kind = tess_thread_item_get_kind (item);

  return kind != TESS_ITEM_UNKNOWN && kind != TESS_ITEM_HIDDEN_CONTEXT;
}

static void
insert_item (TessThread     *self,
             guint           position,
             TessThreadItem *item)
{
  g_ptr_array_insert (self->items, position, g_object_ref (item));
  g_hash_table_replace (self->by_id, g_strdup (tess_thread_item_get_id (item)), item);
}

/* Inserts @item, or replaces the item with its id in place. */
static void
upsert_item (TessThread     *self,
             TessThreadItem *item)
{
  guint position;
  TessThreadItem *old = tess_thread_lookup_item (self, tess_thread_item_get_id (item), &position);

  if (old != NULL)
    {
      g_hash_table_remove (self->by_id, tess_thread_item_get_id (old));
      g_ptr_array_remove_index (self->items, position);
      insert_item (self, position, item);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }
  else
    {
      position = self->items->len;
      insert_item (self, position, item);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
}

static void
remove_range (TessThread *self,
              guint       position,
              guint       n_items)
{
  if (n_items == 0)
    return;

  for (guint i = position; i < position + n_items; i++)
    g_hash_table_remove (self->by_id,
                         tess_thread_item_get_id (g_ptr_array_index (self->items, i)));
  g_ptr_array_remove_range (self->items, position, n_items);
  g_list_model_items_changed (G_LIST_MODEL (self), position, n_items, 0);
}

gboolean
tess_thread_apply_event (TessThread       *self,
                         TessStreamEvent  *event,
                         GError          **error)
{
  TessThreadItem *item;
  guint position;

  g_return_val_if_fail (TESS_IS_THREAD (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  switch (event->kind)
    {
    case TESS_EVENT_THREAD_CREATED:
      set_info (self, event->thread);
      if (event->thread->items != NULL)
        {
          remove_range (self, 0, self->items->len);
          tess_thread_add_history_page (self, event->thread->items, "asc");
        }
      return TRUE;

    case TESS_EVENT_THREAD_UPDATED:
      /* Metadata only: the items page of thread.updated is always empty. */
      set_info (self, event->thread);
      return TRUE;

    case TESS_EVENT_ITEM_ADDED:
    case TESS_EVENT_ITEM_DONE:
    case TESS_EVENT_ITEM_REPLACED:
      set_progress (self, NULL, NULL);
      if (is_displayable (event->item))
        {
          /* Keep the event's item pristine: the thread mutates its own copy. */
          g_autoptr(TessThreadItem) copy = tess_thread_item_copy (event->item);

          upsert_item (self, copy);
        }
      return TRUE;

    case TESS_EVENT_ITEM_UPDATED:
      set_progress (self, NULL, NULL);
      item = tess_thread_lookup_item (self, event->item_id, NULL);
      if (item == NULL)
        {
          g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                       "%s for unknown item “%s”", event->update->type, event->item_id);
          return FALSE;
        }
      if (event->update->kind == TESS_UPDATE_UNKNOWN)
        return TRUE;
      return tess_thread_item_apply_update (item, event->update, error);

    case TESS_EVENT_ITEM_REMOVED:
      set_progress (self, NULL, NULL);
      if (tess_thread_lookup_item (self, event->item_id, &position))
        remove_range (self, position, 1);
      return TRUE;

    case TESS_EVENT_STREAM_OPTIONS:
      if (self->allow_cancel != !!event->allow_cancel)
        {
          self->allow_cancel = !!event->allow_cancel;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_CANCEL]);
        }
      return TRUE;

    case TESS_EVENT_PROGRESS_UPDATE:
      set_progress (self, event->text, event->icon);
      g_signal_emit (self, signals[PROGRESS], 0, event->text, event->icon);
      return TRUE;

    case TESS_EVENT_CLIENT_EFFECT:
      g_signal_emit (self, signals[CLIENT_EFFECT], 0, event->name, event->data);
      return TRUE;

    case TESS_EVENT_ERROR:
      set_progress (self, NULL, NULL);
      g_signal_emit (self, signals[ERROR], 0, event->code, event->message, event->allow_retry);
      return TRUE;

    case TESS_EVENT_NOTICE:
      g_signal_emit (self, signals[NOTICE], 0, event->level, event->message, event->title);
      return TRUE;

    case TESS_EVENT_UNKNOWN:
    default:
      return TRUE;
    }
}

void
tess_thread_begin_stream (TessThread *self)
{
  g_return_if_fail (TESS_IS_THREAD (self));

  set_progress (self, NULL, NULL);
  if (!self->streaming)
    {
      self->streaming = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAMING]);
    }
}

void
tess_thread_end_stream (TessThread *self)
{
  g_return_if_fail (TESS_IS_THREAD (self));

  set_progress (self, NULL, NULL);
  if (self->streaming)
    {
      self->streaming = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAMING]);
    }
}

void
tess_thread_clear (TessThread *self)
{
  g_return_if_fail (TESS_IS_THREAD (self));

  remove_range (self, 0, self->items->len);
  g_clear_pointer (&self->info, tess_thread_info_unref);
  g_clear_pointer (&self->history_cursor, g_free);
  self->has_more_history = FALSE;
  set_progress (self, NULL, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
set_history (TessThread *self,
             gboolean    has_more,
             const char *cursor)
{
  g_free (self->history_cursor);
  self->history_cursor = g_strdup (has_more ? cursor : NULL);
  if (self->has_more_history != !!has_more)
    {
      self->has_more_history = !!has_more;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE_HISTORY]);
    }
}

void
tess_thread_add_history_page (TessThread *self,
                              TessPage   *page,
                              const char *order)
{
  gboolean descending;
  guint added = 0;

  g_return_if_fail (TESS_IS_THREAD (self));
  g_return_if_fail (page != NULL);

  descending = g_strcmp0 (order, "desc") == 0;

  if (descending)
    {
      /* Newest first and older than what we have: reverse onto the front. */
      for (guint i = 0; i < page->data->len; i++)
        {
          TessThreadItem *item = g_ptr_array_index (page->data, i);
          g_autoptr(TessThreadItem) copy = NULL;

          if (!is_displayable (item) ||
              tess_thread_lookup_item (self, tess_thread_item_get_id (item), NULL))
            continue;
          copy = tess_thread_item_copy (item);
          insert_item (self, 0, copy);
          added++;
        }
      if (added > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, added);
    }
  else
    {
      guint position = self->items->len;

      for (guint i = 0; i < page->data->len; i++)
        {
          TessThreadItem *item = g_ptr_array_index (page->data, i);
          g_autoptr(TessThreadItem) copy = NULL;

          if (!is_displayable (item) ||
              tess_thread_lookup_item (self, tess_thread_item_get_id (item), NULL))
            continue;
          copy = tess_thread_item_copy (item);
          insert_item (self, self->items->len, copy);
          added++;
        }
      if (added > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
    }

  set_history (self, page->has_more, page->after);
}

void
tess_thread_load (TessThread     *self,
                  TessThreadInfo *info)
{
  g_return_if_fail (TESS_IS_THREAD (self));
  g_return_if_fail (info != NULL);

  remove_range (self, 0, self->items->len);
  set_info (self, info);
  if (info->items != NULL)
    tess_thread_add_history_page (self, info->items, "asc");
  else
    set_history (self, FALSE, NULL);
}

guint
tess_thread_remove_items_after (TessThread *self,
                                const char *item_id)
{
  guint position;
  guint n_removed;

  g_return_val_if_fail (TESS_IS_THREAD (self), 0);
  g_return_val_if_fail (item_id != NULL, 0);

  if (!tess_thread_lookup_item (self, item_id, &position))
    return 0;

  n_removed = self->items->len - position - 1;
  remove_range (self, position + 1, n_removed);
  return n_removed;
}

gboolean
tess_thread_complete_tool_call (TessThread *self,
                                JsonNode   *output)
{
  TessThreadItem *item;
  g_autoptr(TessThreadItem) copy = NULL;

  g_return_val_if_fail (TESS_IS_THREAD (self), FALSE);
  g_return_val_if_fail (output != NULL, FALSE);

  item = tess_thread_get_pending_tool_call (self);
  if (item == NULL)
    return FALSE;

  copy = tess_thread_item_copy (item);
  tess_thread_item_complete_tool_call (copy, output);
  upsert_item (self, copy);
  return TRUE;
}

gboolean
tess_thread_replace_item (TessThread     *self,
                          TessThreadItem *item)
{
  g_autoptr(TessThreadItem) copy = NULL;

  g_return_val_if_fail (TESS_IS_THREAD (self), FALSE);
  g_return_val_if_fail (TESS_IS_THREAD_ITEM (item), FALSE);

  if (!tess_thread_lookup_item (self, tess_thread_item_get_id (item), NULL))
    return FALSE;

  copy = tess_thread_item_copy (item);
  upsert_item (self, copy);
  return TRUE;
}

JsonNode *
tess_thread_items_to_json (TessThread *self)
{
  JsonArray *array;
  JsonNode *node;

  g_return_val_if_fail (TESS_IS_THREAD (self), NULL);

  array = json_array_sized_new (self->items->len);
  for (guint i = 0; i < self->items->len; i++)
    json_array_add_element (array, tess_thread_item_to_json (g_ptr_array_index (self->items, i)));

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}
