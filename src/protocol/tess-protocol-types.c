/* tess-protocol-types.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core/tess-json.h"

#include "tess-protocol-json.h"
#include "tess-protocol-types.h"

G_DEFINE_QUARK (tess-chatkit-error-quark, tess_chatkit_error)

G_DEFINE_BOXED_TYPE (TessPage, tess_page, tess_page_ref, tess_page_unref)
G_DEFINE_BOXED_TYPE (TessThreadInfo, tess_thread_info, tess_thread_info_ref,
                     tess_thread_info_unref)
G_DEFINE_BOXED_TYPE (TessAttachment, tess_attachment, tess_attachment_ref, tess_attachment_unref)
G_DEFINE_BOXED_TYPE (TessItemUpdate, tess_item_update, tess_item_update_ref,
                     tess_item_update_unref)
G_DEFINE_BOXED_TYPE (TessStreamEvent, tess_stream_event, tess_stream_event_ref,
                     tess_stream_event_unref)

/* Pages */

TessPage *
tess_page_new (GDestroyNotify element_free)
{
  TessPage *self = g_new0 (TessPage, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->data = g_ptr_array_new_with_free_func (element_free);
  return self;
}

TessPage *
tess_page_ref (TessPage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tess_page_unref (TessPage *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->data);
      g_free (self->after);
      g_free (self);
    }
}

typedef gpointer (*ParseElementFunc) (JsonObject *object, const char *pointer, GError **error);

static TessPage *
parse_page (JsonObject       *object,
            const char       *pointer,
            ParseElementFunc  parse_element,
            GDestroyNotify    element_free,
            GError          **error)
{
  g_autoptr(TessPage) page = tess_page_new (element_free);
  g_autofree char *data_path = tess_pjson_pointer_append (pointer, "data");
  JsonArray *data = NULL;
  const char *after = NULL;

  if (!tess_pjson_get_array (object, "data", pointer, TRUE, &data, error) ||
      !tess_pjson_get_bool (object, "has_more", pointer, FALSE, &page->has_more, error) ||
      !tess_pjson_get_string (object, "after", pointer, FALSE, &after, error))
    return NULL;

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);
      char index[16];
      g_autofree char *path = NULL;
      gpointer element;

      g_snprintf (index, sizeof index, "%u", i);
      path = tess_pjson_pointer_append (data_path, index);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                       "%s: expected an object, found %s", path, tess_pjson_describe (node));
          return NULL;
        }
      if (!(element = parse_element (json_node_get_object (node), path, error)))
        return NULL;
      g_ptr_array_add (page->data, element);
    }

  page->after = g_strdup (after);
  return g_steal_pointer (&page);
}

static gpointer
parse_item_element (JsonObject  *object,
                    const char  *pointer,
                    GError     **error)
{
  return tess_thread_item_new_from_json (object, pointer, error);
}

static gpointer
parse_thread_element (JsonObject  *object,
                      const char  *pointer,
                      GError     **error)
{
  return tess_thread_info_parse (object, pointer, error);
}

TessPage *
tess_page_parse_items (JsonObject  *object,
                       const char  *pointer,
                       GError     **error)
{
  g_return_val_if_fail (object != NULL, NULL);

  return parse_page (object, pointer ? pointer : "", parse_item_element, g_object_unref, error);
}

TessPage *
tess_page_parse_threads (JsonObject  *object,
                         const char  *pointer,
                         GError     **error)
{
  g_return_val_if_fail (object != NULL, NULL);

  return parse_page (object, pointer ? pointer : "", parse_thread_element,
                     (GDestroyNotify) tess_thread_info_unref, error);
}

/* Threads */

TessThreadInfo *
tess_thread_info_ref (TessThreadInfo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tess_thread_info_unref (TessThreadInfo *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->id);
      g_free (self->title);
      g_free (self->created_at);
      g_free (self->status_reason);
      g_strfreev (self->allowed_image_domains);
      g_clear_pointer (&self->metadata, json_object_unref);
      g_clear_pointer (&self->items, tess_page_unref);
      g_clear_pointer (&self->object, json_object_unref);
      g_free (self);
    }
}

TessThreadInfo *
tess_thread_info_parse (JsonObject  *object,
                        const char  *pointer,
                        GError     **error)
{
  g_autoptr(TessThreadInfo) self = g_new0 (TessThreadInfo, 1);
  const char *id = NULL, *title = NULL, *created_at = NULL;
  const char *status_type = "active", *reason = NULL;
  JsonObject *status = NULL, *metadata = NULL, *items = NULL;
  JsonArray *domains = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  pointer = pointer ? pointer : "";

  if (!tess_pjson_get_string (object, "id", pointer, TRUE, &id, error) ||
      !tess_pjson_get_string (object, "title", pointer, FALSE, &title, error) ||
      !tess_pjson_get_string (object, "created_at", pointer, FALSE, &created_at, error) ||
      !tess_pjson_get_object (object, "status", pointer, FALSE, &status, error) ||
      !tess_pjson_get_object (object, "metadata", pointer, FALSE, &metadata, error) ||
      !tess_pjson_get_array (object, "allowed_image_domains", pointer, FALSE, &domains, error) ||
      !tess_pjson_get_object (object, "items", pointer, FALSE, &items, error))
    return NULL;

  if (status != NULL)
    {
      g_autofree char *status_path = tess_pjson_pointer_append (pointer, "status");

      if (!tess_pjson_get_string (status, "type", status_path, TRUE, &status_type, error) ||
          !tess_pjson_get_string (status, "reason", status_path, FALSE, &reason, error))
        return NULL;
    }

  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->created_at = g_strdup (created_at);
  /* Unknown statuses behave like active: nothing to forbid. */
  if (strcmp (status_type, "locked") == 0)
    self->status = TESS_THREAD_STATUS_LOCKED;
  else if (strcmp (status_type, "closed") == 0)
    self->status = TESS_THREAD_STATUS_CLOSED;
  else
    self->status = TESS_THREAD_STATUS_ACTIVE;
  self->status_reason = g_strdup (reason);
  self->metadata = metadata ? tess_pjson_copy_object (metadata) : json_object_new ();

  if (domains != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (domains); i++)
        {
          JsonNode *node = json_array_get_element (domains, i);

          if (json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
        }
      self->allowed_image_domains = g_strv_builder_end (builder);
    }

  if (items != NULL)
    {
      g_autofree char *items_path = tess_pjson_pointer_append (pointer, "items");

      if (!(self->items = tess_page_parse_items (items, items_path, error)))
        return NULL;
    }

  self->object = tess_pjson_copy_object (object);
  return g_steal_pointer (&self);
}

/* Attachments */

TessAttachment *
tess_attachment_ref (TessAttachment *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tess_attachment_unref (TessAttachment *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->id);
      g_free (self->name);
      g_free (self->mime_type);
      g_free (self->kind);
      g_free (self->preview_url);
      g_free (self->thread_id);
      g_free (self->upload_url);
      g_free (self->upload_method);
      g_clear_pointer (&self->upload_headers, json_object_unref);
      g_clear_pointer (&self->object, json_object_unref);
      g_free (self);
    }
}

TessAttachment *
tess_attachment_parse (JsonObject  *object,
                       const char  *pointer,
                       GError     **error)
{
  g_autoptr(TessAttachment) self = g_new0 (TessAttachment, 1);
  const char *id = NULL, *name = NULL, *mime_type = NULL, *kind = NULL;
  const char *preview_url = NULL, *thread_id = NULL;
  JsonObject *descriptor = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  pointer = pointer ? pointer : "";

  if (!tess_pjson_get_string (object, "type", pointer, TRUE, &kind, error) ||
      !tess_pjson_get_string (object, "id", pointer, TRUE, &id, error) ||
      !tess_pjson_get_string (object, "name", pointer, TRUE, &name, error) ||
      !tess_pjson_get_string (object, "mime_type", pointer, TRUE, &mime_type, error) ||
      !tess_pjson_get_string (object, "preview_url", pointer, FALSE, &preview_url, error) ||
      !tess_pjson_get_string (object, "thread_id", pointer, FALSE, &thread_id, error) ||
      !tess_pjson_get_object (object, "upload_descriptor", pointer, FALSE, &descriptor, error))
    return NULL;

  if (descriptor != NULL)
    {
      g_autofree char *path = tess_pjson_pointer_append (pointer, "upload_descriptor");
      const char *url = NULL, *method = "POST";
      JsonObject *headers = NULL;

      if (!tess_pjson_get_string (descriptor, "url", path, TRUE, &url, error) ||
          !tess_pjson_get_string (descriptor, "method", path, FALSE, &method, error) ||
          !tess_pjson_get_object (descriptor, "headers", path, FALSE, &headers, error))
        return NULL;

      if (g_ascii_strcasecmp (method, "POST") != 0 && g_ascii_strcasecmp (method, "PUT") != 0)
        {
          g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                       "%s/method: expected \"POST\" or \"PUT\", found \"%s\"", path, method);
          return NULL;
        }
      if (headers != NULL)
        {
          JsonObjectIter iter;
          const char *header;
          JsonNode *value;

          json_object_iter_init (&iter, headers);
          while (json_object_iter_next (&iter, &header, &value))
            {
              if (json_node_get_value_type (value) != G_TYPE_STRING)
                {
                  g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                               "%s/headers/%s: expected a string", path, header);
                  return NULL;
                }
            }
        }

      self->upload_url = g_strdup (url);
      self->upload_method = g_ascii_strup (method, -1);
      self->upload_headers = headers ? tess_pjson_copy_object (headers) : json_object_new ();
    }

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->mime_type = g_strdup (mime_type);
  self->kind = g_strdup (kind);
  self->preview_url = g_strdup (preview_url);
  self->thread_id = g_strdup (thread_id);
  self->object = tess_pjson_copy_object (object);
  return g_steal_pointer (&self);
}

/* Item updates */

TessItemUpdate *
tess_item_update_ref (TessItemUpdate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tess_item_update_unref (TessItemUpdate *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->type);
      g_free (self->delta);
      g_free (self->component_id);
      g_clear_pointer (&self->object, json_object_unref);
      g_free (self);
    }
}

static const struct
{
  const char     *type;
  TessUpdateKind  kind;
} update_kinds[] = {
  { "assistant_message.content_part.added", TESS_UPDATE_CONTENT_PART_ADDED },
  { "assistant_message.content_part.text_delta", TESS_UPDATE_CONTENT_PART_TEXT_DELTA },
  { "assistant_message.content_part.annotation_added",
    TESS_UPDATE_CONTENT_PART_ANNOTATION_ADDED },
  { "assistant_message.content_part.done", TESS_UPDATE_CONTENT_PART_DONE },
  { "widget.streaming_text.value_delta", TESS_UPDATE_WIDGET_STREAMING_TEXT_VALUE_DELTA },
  { "widget.root.updated", TESS_UPDATE_WIDGET_ROOT_UPDATED },
  { "widget.component.updated", TESS_UPDATE_WIDGET_COMPONENT_UPDATED },
  { "workflow.task.added", TESS_UPDATE_WORKFLOW_TASK_ADDED },
  { "workflow.task.updated", TESS_UPDATE_WORKFLOW_TASK_UPDATED },
  { "generated_image.updated", TESS_UPDATE_GENERATED_IMAGE_UPDATED },
};

static gboolean
get_typed_object (JsonObject   *object,
                  const char   *member,
                  const char   *pointer,
                  JsonObject  **out,
                  GError      **error)
{
  g_autofree char *path = tess_pjson_pointer_append (pointer, member);
  const char *type = NULL;

  return tess_pjson_get_object (object, member, pointer, TRUE, out, error) &&
         tess_pjson_get_string (*out, "type", path, TRUE, &type, error);
}

TessItemUpdate *
tess_item_update_parse (JsonObject  *object,
                        const char  *pointer,
                        GError     **error)
{
  g_autoptr(TessItemUpdate) self = g_new0 (TessItemUpdate, 1);
  const char *type = NULL, *delta = NULL, *component_id = NULL, *url = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (object != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  pointer = pointer ? pointer : "";
  self->object = json_object_ref (object);

  if (!tess_pjson_get_string (object, "type", pointer, TRUE, &type, error))
    return NULL;
  self->type = g_strdup (type);

  for (guint i = 0; i < G_N_ELEMENTS (update_kinds); i++)
    {
      if (strcmp (type, update_kinds[i].type) == 0)
        {
          self->kind = update_kinds[i].kind;
          break;
        }
    }

  switch (self->kind)
    {
    case TESS_UPDATE_CONTENT_PART_ADDED:
    case TESS_UPDATE_CONTENT_PART_DONE:
      ok = tess_pjson_get_int (object, "content_index", pointer, TRUE, &self->content_index,
                               error) &&
           get_typed_object (object, "content", pointer, &self->content, error);
      break;

    case TESS_UPDATE_CONTENT_PART_TEXT_DELTA:
      ok = tess_pjson_get_int (object, "content_index", pointer, TRUE, &self->content_index,
                               error) &&
           tess_pjson_get_string (object, "delta", pointer, TRUE, &delta, error);
      break;

    case TESS_UPDATE_CONTENT_PART_ANNOTATION_ADDED:
      ok = tess_pjson_get_int (object, "content_index", pointer, TRUE, &self->content_index,
                               error) &&
           tess_pjson_get_int (object, "annotation_index", pointer, TRUE,
                               &self->annotation_index, error) &&
           tess_pjson_get_object (object, "annotation", pointer, TRUE, &self->annotation, error);
      break;

    case TESS_UPDATE_WIDGET_STREAMING_TEXT_VALUE_DELTA:
      ok = tess_pjson_get_string (object, "component_id", pointer, TRUE, &component_id, error) &&
           tess_pjson_get_string (object, "delta", pointer, TRUE, &delta, error) &&
           tess_pjson_get_bool (object, "done", pointer, FALSE, &self->done, error);
      break;

    case TESS_UPDATE_WIDGET_ROOT_UPDATED:
      ok = get_typed_object (object, "widget", pointer, &self->widget, error);
      break;

    case TESS_UPDATE_WIDGET_COMPONENT_UPDATED:
      ok = tess_pjson_get_string (object, "component_id", pointer, TRUE, &component_id, error) &&
           get_typed_object (object, "component", pointer, &self->component, error);
      break;

    case TESS_UPDATE_WORKFLOW_TASK_ADDED:
    case TESS_UPDATE_WORKFLOW_TASK_UPDATED:
      ok = tess_pjson_get_int (object, "task_index", pointer, TRUE, &self->task_index, error) &&
           get_typed_object (object, "task", pointer, &self->task, error);
      break;

    case TESS_UPDATE_GENERATED_IMAGE_UPDATED:
      {
        g_autofree char *image_path = tess_pjson_pointer_append (pointer, "image");

        ok = tess_pjson_get_object (object, "image", pointer, TRUE, &self->image, error) &&
             tess_pjson_get_string (self->image, "url", image_path, TRUE, &url, error);
        if (ok && json_object_has_member (object, "progress"))
          {
            self->progress = 0;
            ok = tess_pjson_get_double (object, "progress", pointer, FALSE, &self->progress,
                                        error);
            self->has_progress = ok && !JSON_NODE_HOLDS_NULL (json_object_get_member (object,
                                                                                      "progress"));
          }
      }
      break;

    case TESS_UPDATE_UNKNOWN:
    default:
      break;
    }

  if (!ok)
    return NULL;

  self->delta = g_strdup (delta);
  self->component_id = g_strdup (component_id);
  return g_steal_pointer (&self);
}

/* Stream events */

TessStreamEvent *
tess_stream_event_ref (TessStreamEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tess_stream_event_unref (TessStreamEvent *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->type);
      g_clear_pointer (&self->thread, tess_thread_info_unref);
      g_clear_object (&self->item);
      g_free (self->item_id);
      g_clear_pointer (&self->update, tess_item_update_unref);
      g_free (self->text);
      g_free (self->icon);
      g_free (self->name);
      g_clear_pointer (&self->data, json_object_unref);
      g_free (self->code);
      g_free (self->message);
      g_free (self->level);
      g_free (self->title);
      g_clear_pointer (&self->object, json_object_unref);
      g_free (self);
    }
}

static const struct
{
  const char    *type;
  TessEventKind  kind;
} event_kinds[] = {
  { "thread.created", TESS_EVENT_THREAD_CREATED },
  { "thread.updated", TESS_EVENT_THREAD_UPDATED },
  { "thread.item.added", TESS_EVENT_ITEM_ADDED },
  { "thread.item.updated", TESS_EVENT_ITEM_UPDATED },
  { "thread.item.done", TESS_EVENT_ITEM_DONE },
  { "thread.item.removed", TESS_EVENT_ITEM_REMOVED },
  { "thread.item.replaced", TESS_EVENT_ITEM_REPLACED },
  { "stream_options", TESS_EVENT_STREAM_OPTIONS },
  { "progress_update", TESS_EVENT_PROGRESS_UPDATE },
  { "client_effect", TESS_EVENT_CLIENT_EFFECT },
  { "error", TESS_EVENT_ERROR },
  { "notice", TESS_EVENT_NOTICE },
};

const char *
tess_event_kind_to_string (TessEventKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (event_kinds); i++)
    {
      if (event_kinds[i].kind == kind)
        return event_kinds[i].type;
    }
  return "unknown";
}

TessStreamEvent *
tess_stream_event_parse (JsonObject  *object,
                         GError     **error)
{
  g_autoptr(TessStreamEvent) self = g_new0 (TessStreamEvent, 1);
  const char *type = NULL, *item_id = NULL, *text = NULL, *icon = NULL, *name = NULL;
  const char *code = "custom", *message = NULL, *level = NULL, *title = NULL;
  JsonObject *child = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (object != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->object = json_object_ref (object);

  if (!tess_pjson_get_string (object, "type", "", TRUE, &type, error))
    return NULL;
  self->type = g_strdup (type);

  for (guint i = 0; i < G_N_ELEMENTS (event_kinds); i++)
    {
      if (strcmp (type, event_kinds[i].type) == 0)
        {
          self->kind = event_kinds[i].kind;
          break;
        }
    }

  switch (self->kind)
    {
    case TESS_EVENT_THREAD_CREATED:
    case TESS_EVENT_THREAD_UPDATED:
      ok = tess_pjson_get_object (object, "thread", "", TRUE, &child, error) &&
           (self->thread = tess_thread_info_parse (child, "/thread", error)) != NULL;
      break;

    case TESS_EVENT_ITEM_ADDED:
    case TESS_EVENT_ITEM_DONE:
    case TESS_EVENT_ITEM_REPLACED:
      ok = tess_pjson_get_object (object, "item", "", TRUE, &child, error) &&
           (self->item = tess_thread_item_new_from_json (child, "/item", error)) != NULL;
      break;

    case TESS_EVENT_ITEM_UPDATED:
      ok = tess_pjson_get_string (object, "item_id", "", TRUE, &item_id, error) &&
           tess_pjson_get_object (object, "update", "", TRUE, &child, error) &&
           (self->update = tess_item_update_parse (child, "/update", error)) != NULL;
      break;

    case TESS_EVENT_ITEM_REMOVED:
      ok = tess_pjson_get_string (object, "item_id", "", TRUE, &item_id, error);
      break;

    case TESS_EVENT_STREAM_OPTIONS:
      self->allow_cancel = TRUE;
      ok = tess_pjson_get_object (object, "stream_options", "", TRUE, &child, error) &&
           tess_pjson_get_bool (child, "allow_cancel", "/stream_options", FALSE,
                                &self->allow_cancel, error);
      break;

    case TESS_EVENT_PROGRESS_UPDATE:
      ok = tess_pjson_get_string (object, "text", "", TRUE, &text, error) &&
           tess_pjson_get_string (object, "icon", "", FALSE, &icon, error);
      break;

    case TESS_EVENT_CLIENT_EFFECT:
      ok = tess_pjson_get_string (object, "name", "", TRUE, &name, error) &&
           tess_pjson_get_object (object, "data", "", FALSE, &child, error);
      if (ok)
        self->data = child ? tess_pjson_copy_object (child) : json_object_new ();
      break;

    case TESS_EVENT_ERROR:
      ok = tess_pjson_get_string (object, "code", "", FALSE, &code, error) &&
           tess_pjson_get_string (object, "message", "", FALSE, &message, error) &&
           tess_pjson_get_bool (object, "allow_retry", "", FALSE, &self->allow_retry, error);
      break;

    case TESS_EVENT_NOTICE:
      level = "info";
      ok = tess_pjson_get_string (object, "level", "", FALSE, &level, error) &&
           tess_pjson_get_string (object, "message", "", TRUE, &message, error) &&
           tess_pjson_get_string (object, "title", "", FALSE, &title, error);
      break;

    case TESS_EVENT_UNKNOWN:
    default:
      break;
    }

  if (!ok)
    return NULL;

  self->item_id = g_strdup (item_id);
  self->text = g_strdup (text);
  self->icon = g_strdup (icon);
  self->name = g_strdup (name);
  if (self->kind == TESS_EVENT_ERROR)
    self->code = g_strdup (code);
  self->message = g_strdup (message);
  self->level = g_strdup (level);
  self->title = g_strdup (title);

  return g_steal_pointer (&self);
}

TessStreamEvent *
tess_stream_event_parse_data (const char  *data,
                              gsize        length,
                              guint        index,
                              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  TessStreamEvent *event;

  g_return_val_if_fail (data != NULL, NULL);

  root = tess_json_parse (data, length, &local_error);
  if (root == NULL)
    {
      g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_BAD_JSON,
                   "event %u: not JSON: %s", index + 1, local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_BAD_JSON,
                   "event %u: expected a JSON object, found %s", index + 1,
                   tess_pjson_describe (root));
      return NULL;
    }

  event = tess_stream_event_parse (json_node_get_object (root), &local_error);
  if (event == NULL)
    {
      g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                   "event %u: %s", index + 1, local_error->message);
      return NULL;
    }

  return event;
}

/* Timestamps and action routing */

GDateTime *
tess_chatkit_parse_timestamp (const char *text,
                              gboolean   *has_zone)
{
  g_autoptr(GTimeZone) local = NULL;
  const char *time_part;
  gboolean zoned;

  g_return_val_if_fail (text != NULL, NULL);

  /* A zone is a trailing Z or a sign after the time (the date has '-' too). */
  time_part = strchr (text, 'T');
  if (time_part == NULL)
    time_part = strchr (text, 't');
  if (time_part == NULL)
    return NULL;
  zoned = strpbrk (time_part, "Zz+-") != NULL;

  if (has_zone != NULL)
    *has_zone = zoned;
  local = g_time_zone_new_local ();
  return g_date_time_new_from_iso8601 (text, zoned ? NULL : local);
}

TessActionRoute
tess_chatkit_action_route (JsonObject *action_config)
{
  JsonNode *handler, *streaming;

  g_return_val_if_fail (action_config != NULL, TESS_ACTION_ROUTE_STREAMING);

  handler = json_object_get_member (action_config, "handler");
  if (handler != NULL && json_node_get_value_type (handler) == G_TYPE_STRING &&
      g_strcmp0 (json_node_get_string (handler), "client") == 0)
    return TESS_ACTION_ROUTE_CLIENT;

  streaming = json_object_get_member (action_config, "streaming");
  if (streaming != NULL && json_node_get_value_type (streaming) == G_TYPE_BOOLEAN &&
      !json_node_get_boolean (streaming))
    return TESS_ACTION_ROUTE_SYNC;

  return TESS_ACTION_ROUTE_STREAMING;
}

static gboolean
merge_one (JsonObject *target,
           const char *name,
           JsonNode   *value)
{
  g_auto(GStrv) path = g_strsplit (name, ".", -1);
  guint depth = g_strv_length (path);
  JsonObject *level = target;

  if (depth == 0)
    return FALSE;

  for (guint i = 0; i + 1 < depth; i++)
    {
      JsonNode *next = json_object_get_member (level, path[i]);

      if (next == NULL)
        {
          json_object_set_object_member (level, path[i], json_object_new ());
          next = json_object_get_member (level, path[i]);
        }
      else if (!JSON_NODE_HOLDS_OBJECT (next))
        return FALSE;
      level = json_node_get_object (next);
    }

  if (json_object_has_member (level, path[depth - 1]))
    return FALSE;
  json_object_set_member (level, path[depth - 1], tess_pjson_copy_node (value));
  return TRUE;
}

JsonNode *
tess_chatkit_merge_form_values (JsonNode   *payload,
                                JsonObject *values,
                                GStrv      *dropped)
{
  g_autoptr(GStrvBuilder) dropped_names = g_strv_builder_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  JsonNode *merged;

  g_return_val_if_fail (values != NULL, NULL);

  if (payload == NULL || JSON_NODE_HOLDS_NULL (payload))
    {
      merged = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (merged, json_object_new ());
    }
  else
    merged = tess_pjson_copy_node (payload);

  json_object_iter_init_ordered (&iter, values);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      if (!JSON_NODE_HOLDS_OBJECT (merged) ||
          !merge_one (json_node_get_object (merged), name, value))
        g_strv_builder_add (dropped_names, name);
    }

  if (dropped != NULL)
    *dropped = g_strv_builder_end (dropped_names);
  return merged;
}
