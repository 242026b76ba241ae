/* tess-thread-item.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tess-protocol-json.h"
#include "tess-protocol-types.h"
#include "tess-thread-item.h"

/* Padding is for the odd skipped index, not for a server that makes us allocate: a
 * content_index this far past the end, or a message with this many parts, is refused. */
#define MAX_INDEX_GAP     8
#define MAX_CONTENT_PARTS 4096

struct _TessThreadItem
{
  GObject       parent_instance;

  TessItemKind  kind;
  JsonObject   *object;
  double        image_progress;
  /* Text deltas collect here and reach the JSON on the next read, so a long answer costs
   * O(length) to stream instead of O(length²) (each JSON string set copies the whole text). */
  GString      *pending_text;
  gint64        pending_index;
  /* Set when pending_text is the "value" of this widget node (borrowed from the tree). */
  JsonObject   *pending_component;
  char         *pending_component_id;
};

G_DEFINE_FINAL_TYPE (TessThreadItem, tess_thread_item, G_TYPE_OBJECT)

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct
{
  const char   *type;
  TessItemKind  kind;
} item_kinds[] = {
  { "user_message", TESS_ITEM_USER_MESSAGE },
  { "assistant_message", TESS_ITEM_ASSISTANT_MESSAGE },
  { "client_tool_call", TESS_ITEM_CLIENT_TOOL_CALL },
  { "widget", TESS_ITEM_WIDGET },
  { "generated_image", TESS_ITEM_GENERATED_IMAGE },
  { "structured_input", TESS_ITEM_STRUCTURED_INPUT },
  { "workflow", TESS_ITEM_WORKFLOW },
  { "task", TESS_ITEM_TASK },
  { "end_of_turn", TESS_ITEM_END_OF_TURN },
  { "hidden_context_item", TESS_ITEM_HIDDEN_CONTEXT },
  { "sdk_hidden_context", TESS_ITEM_HIDDEN_CONTEXT },
};

static void
tess_thread_item_finalize (GObject *object)
{
  TessThreadItem *self = (TessThreadItem *) object;

  g_clear_pointer (&self->object, json_object_unref);
  if (self->pending_text != NULL)
    g_string_free (self->pending_text, TRUE);
  g_free (self->pending_component_id);

  G_OBJECT_CLASS (tess_thread_item_parent_class)->finalize (object);
}

static void
tess_thread_item_class_init (TessThreadItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tess_thread_item_finalize;

  /**
   * TessThreadItem::updated:
   * @update: (type TessItemUpdate): the update just applied
   *
   * Emitted after a streamed update changed the item in place.
   */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                   TESS_TYPE_ITEM_UPDATE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
tess_thread_item_init (TessThreadItem *self)
{
  self->image_progress = -1;
}

static gboolean
validate_content (JsonArray   *content,
                  const char  *pointer,
                  GError     **error)
{
  guint length;

  if (!tess_pjson_check_typed_objects (content, pointer, error))
    return FALSE;

  length = json_array_get_length (content);
  for (guint i = 0; i < length; i++)
    {
      JsonObject *part = json_array_get_object_element (content, i);
      const char *type = json_object_get_string_member (part, "type");
      char index[16];
      g_autofree char *path = NULL;
      const char *text = NULL;
      const char *id = NULL;
      JsonArray *annotations = NULL;

      g_snprintf (index, sizeof index, "%u", i);
      path = tess_pjson_pointer_append (pointer, index);

      if (strcmp (type, "input_text") == 0 || strcmp (type, "output_text") == 0)
        {
          if (!tess_pjson_get_string (part, "text", path, TRUE, &text, error) ||
              !tess_pjson_get_array (part, "annotations", path, FALSE, &annotations, error))
            return FALSE;
        }
      else if (strcmp (type, "input_tag") == 0)
        {
          if (!tess_pjson_get_string (part, "id", path, TRUE, &id, error) ||
              !tess_pjson_get_string (part, "text", path, TRUE, &text, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
validate_item (JsonObject    *object,
               const char    *pointer,
               TessItemKind  *kind_out,
               GError       **error)
{
  const char *type = NULL;
  const char *id = NULL;
  const char *string = NULL;
  JsonArray *array = NULL;
  JsonObject *child = NULL;
  g_autofree char *path = NULL;
  TessItemKind kind = TESS_ITEM_UNKNOWN;

  if (!tess_pjson_get_string (object, "type", pointer, TRUE, &type, error) ||
      !tess_pjson_get_string (object, "id", pointer, TRUE, &id, error) ||
      !tess_pjson_get_string (object, "thread_id", pointer, FALSE, &string, error) ||
      !tess_pjson_get_string (object, "created_at", pointer, FALSE, &string, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (item_kinds); i++)
    {
      if (strcmp (type, item_kinds[i].type) == 0)
        {
          kind = item_kinds[i].kind;
          break;
        }
    }
  *kind_out = kind;

  switch (kind)
    {
    case TESS_ITEM_USER_MESSAGE:
      path = tess_pjson_pointer_append (pointer, "content");
      if (!tess_pjson_get_array (object, "content", pointer, TRUE, &array, error) ||
          !validate_content (array, path, error))
        return FALSE;
      array = NULL;
      if (!tess_pjson_get_array (object, "attachments", pointer, FALSE, &array, error))
        return FALSE;
      if (array != NULL)
        {
          g_free (path);
          path = tess_pjson_pointer_append (pointer, "attachments");
          if (!tess_pjson_check_typed_objects (array, path, error))
            return FALSE;
        }
      return tess_pjson_get_string (object, "quoted_text", pointer, FALSE, &string, error) &&
             tess_pjson_get_object (object, "inference_options", pointer, FALSE, &child, error);

    case TESS_ITEM_ASSISTANT_MESSAGE:
      path = tess_pjson_pointer_append (pointer, "content");
      if (!tess_pjson_get_array (object, "content", pointer, FALSE, &array, error))
        return FALSE;
      return array == NULL || validate_content (array, path, error);

    case TESS_ITEM_CLIENT_TOOL_CALL:
      return tess_pjson_get_string (object, "name", pointer, TRUE, &string, error) &&
             tess_pjson_get_string (object, "call_id", pointer, TRUE, &string, error) &&
             tess_pjson_get_string (object, "status", pointer, FALSE, &string, error) &&
             tess_pjson_get_object (object, "arguments", pointer, FALSE, &child, error);

    case TESS_ITEM_WIDGET:
      if (!tess_pjson_get_object (object, "widget", pointer, TRUE, &child, error) ||
          !tess_pjson_get_string (object, "copy_text", pointer, FALSE, &string, error))
        return FALSE;
      path = tess_pjson_pointer_append (pointer, "widget");
      return tess_pjson_get_string (child, "type", path, TRUE, &string, error);

    case TESS_ITEM_GENERATED_IMAGE:
      if (!tess_pjson_get_object (object, "image", pointer, FALSE, &child, error))
        return FALSE;
      if (child == NULL)
        return TRUE;
      path = tess_pjson_pointer_append (pointer, "image");
      return tess_pjson_get_string (child, "url", path, TRUE, &string, error);

    case TESS_ITEM_STRUCTURED_INPUT:
      path = tess_pjson_pointer_append (pointer, "inputs");
      if (!tess_pjson_get_string (object, "status", pointer, FALSE, &string, error) ||
          !tess_pjson_get_array (object, "inputs", pointer, FALSE, &array, error))
        return FALSE;
      if (array == NULL)
        return TRUE;
      if (!tess_pjson_check_typed_objects (array, path, error))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          char index[16];
          g_autofree char *input_path = NULL;

          g_snprintf (index, sizeof index, "%u", i);
          input_path = tess_pjson_pointer_append (path, index);
          if (!tess_pjson_get_string (json_array_get_object_element (array, i), "id",
                                      input_path, TRUE, &string, error))
            return FALSE;
        }
      return TRUE;

    case TESS_ITEM_WORKFLOW:
      if (!tess_pjson_get_object (object, "workflow", pointer, TRUE, &child, error))
        return FALSE;
      path = tess_pjson_pointer_append (pointer, "workflow");
      if (!tess_pjson_get_array (child, "tasks", path, FALSE, &array, error))
        return FALSE;
      if (array != NULL)
        {
          g_autofree char *tasks_path = tess_pjson_pointer_append (path, "tasks");

          return tess_pjson_check_typed_objects (array, tasks_path, error);
        }
      return TRUE;

    case TESS_ITEM_TASK:
      if (!tess_pjson_get_object (object, "task", pointer, TRUE, &child, error))
        return FALSE;
      path = tess_pjson_pointer_append (pointer, "task");
      return tess_pjson_get_string (child, "type", path, TRUE, &string, error);

    case TESS_ITEM_END_OF_TURN:
    case TESS_ITEM_HIDDEN_CONTEXT:
    case TESS_ITEM_UNKNOWN:
    default:
      return TRUE;
    }
}

/* Writes collected text deltas into the JSON. */
static void
flush_pending_text (TessThreadItem *self)
{
  JsonNode *content;
  JsonNode *part;

  if (self->pending_text == NULL)
    return;

  if (self->pending_component != NULL)
    {
      json_object_set_string_member (self->pending_component, "value", self->pending_text->str);
      self->pending_component = NULL;
      g_clear_pointer (&self->pending_component_id, g_free);
      g_string_free (self->pending_text, TRUE);
      self->pending_text = NULL;
      return;
    }

  content = json_object_get_member (self->object, "content");
  if (content != NULL && JSON_NODE_HOLDS_ARRAY (content) &&
      self->pending_index < json_array_get_length (json_node_get_array (content)))
    {
      part = json_array_get_element (json_node_get_array (content), self->pending_index);
      if (JSON_NODE_HOLDS_OBJECT (part))
        json_object_set_string_member (json_node_get_object (part), "text",
                                       self->pending_text->str);
    }
  g_string_free (self->pending_text, TRUE);
  self->pending_text = NULL;
}

TessThreadItem *
tess_thread_item_new_from_json (JsonObject  *object,
                                const char  *pointer,
                                GError     **error)
{
  TessThreadItem *self;
  TessItemKind kind;

  g_return_val_if_fail (object != NULL, NULL);

  if (!validate_item (object, pointer ? pointer : "", &kind, error))
    return NULL;

  self = g_object_new (TESS_TYPE_THREAD_ITEM, NULL);
  self->kind = kind;
  self->object = tess_pjson_copy_object (object);

  return self;
}

TessThreadItem *
tess_thread_item_copy (TessThreadItem *self)
{
  TessThreadItem *copy;

  g_return_val_if_fail (TESS_IS_THREAD_ITEM (self), NULL);

  flush_pending_text (self);
  copy = g_object_new (TESS_TYPE_THREAD_ITEM, NULL);
  copy->kind = self->kind;
  copy->object = tess_pjson_copy_object (self->object);
  copy->image_progress = self->image_progress;

  return copy;
}

TessItemKind
tess_thread_item_get_kind (TessThreadItem *self)
{
  g_return_val_if_fail (TESS_IS_THREAD_ITEM (self), TESS_ITEM_UNKNOWN);

  return self->kind;
}

static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

const char *
tess_thread_item_get_item_type (TessThreadItem *self)
{
  g_return_val_if_fail (TESS_IS_THREAD_ITEM (self), NULL);

  return get_string_member (self->object, "type");
}

const char *
tess_thread_item_get_id (TessThreadItem *self)
{
  g_return_val_if_fail (TESS_IS_THREAD_ITEM (self), NULL);

  return get_string_member (self->object, "id");
}

const char *
tess_thread_item_get_thread_id (TessThreadItem *self)
{
  g_return_val_if_fail (TESS_IS_THREAD_ITEM (self), NULL);

  return get_string_member (self->object, "thread_id");
}

const char *
tess_thread_item_get_created_at (TessThreadItem *self)
{
  g_return_val_if_fail (TESS_IS_THREAD_ITEM (self), NULL);

  return get_string_member (self->object, "created_at");
}

const char *
tess_thread_item_get_status (TessThreadItem *self)
{
  g_return_val_if_fail (TESS_IS_THREAD_ITEM (self), NULL);

  return get_string_member (self->object, "status");
}

JsonObject *
tess_thread_item_get_object (TessThreadItem *self)
{
  g_return_val_if_fail (TESS_IS_THREAD_ITEM (self), NULL);

  flush_pending_text (self);
  return self->object;
}

JsonNode *
tess_thread_item_to_json (TessThreadItem *self)
{
  JsonNode *node;

  g_return_val_if_fail (TESS_IS_THREAD_ITEM (self), NULL);

  flush_pending_text (self);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, tess_pjson_copy_object (self->object));
  return node;
}

static JsonObject *
widget_root (TessThreadItem *self)
{
  JsonNode *node;

  if (self->kind != TESS_ITEM_WIDGET)
    return NULL;
  node = json_object_get_member (self->object, "widget");
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonObject *
tess_thread_item_get_widget (TessThreadItem *self)
{
  g_return_val_if_fail (TESS_IS_THREAD_ITEM (self), NULL);

  flush_pending_text (self);
  return widget_root (self);
}

char *
tess_thread_item_dup_text (TessThreadItem *self)
{
  GString *text;
  JsonNode *content;
  JsonArray *parts;

  g_return_val_if_fail (TESS_IS_THREAD_ITEM (self), NULL);

  if (self->kind != TESS_ITEM_USER_MESSAGE && self->kind != TESS_ITEM_ASSISTANT_MESSAGE)
    return NULL;

  flush_pending_text (self);
  text = g_string_new (NULL);
  content = json_object_get_member (self->object, "content");
  if (content == NULL || !JSON_NODE_HOLDS_ARRAY (content))
    return g_string_free (text, FALSE);

  parts = json_node_get_array (content);
  for (guint i = 0; i < json_array_get_length (parts); i++)
    {
      JsonNode *part = json_array_get_element (parts, i);
      const char *part_text;

      if (!JSON_NODE_HOLDS_OBJECT (part))
        continue;
      part_text = get_string_member (json_node_get_object (part), "text");
      if (part_text != NULL)
        g_string_append (text, part_text);
    }

  return g_string_free (text, FALSE);
}

double
tess_thread_item_get_image_progress (TessThreadItem *self)
{
  g_return_val_if_fail (TESS_IS_THREAD_ITEM (self), -1);

  return self->image_progress;
}

void
tess_thread_item_complete_tool_call (TessThreadItem *self,
                                     JsonNode       *output)
{
  g_return_if_fail (TESS_IS_THREAD_ITEM (self));
  g_return_if_fail (output != NULL);

  flush_pending_text (self);
  json_object_set_string_member (self->object, "status", "completed");
  json_object_set_member (self->object, "output", tess_pjson_copy_node (output));
}

/* Updates */

static gboolean
update_mismatch (TessThreadItem  *self,
                 TessItemUpdate  *update,
                 const char      *why,
                 GError         **error)
{
  g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
               "update %s does not apply to item %s (%s): %s", update->type,
               tess_thread_item_get_id (self), tess_thread_item_get_item_type (self), why);
  return FALSE;
}

static JsonArray *
ensure_array_member (JsonObject *object,
                     const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (object, member, json_array_new ());
      node = json_object_get_member (object, member);
    }
  return json_node_get_array (node);
}

static void array_set (JsonArray *array,
                       gint64     index,
                       JsonNode  *element);

static JsonObject *
new_empty_text_part (void)
{
  JsonObject *part = json_object_new ();

  json_object_set_string_member (part, "type", "output_text");
  json_object_set_string_member (part, "text", "");
  json_object_set_array_member (part, "annotations", json_array_new ());
  return part;
}

/* Returns content[index], padding with empty text parts as the reference server does. */
static JsonObject *
content_part_at (TessThreadItem  *self,
                 TessItemUpdate  *update,
                 GError         **error)
{
  JsonArray *content;
  JsonNode *node;

  if (self->kind != TESS_ITEM_ASSISTANT_MESSAGE)
    {
      update_mismatch (self, update, "not an assistant message", error);
      return NULL;
    }

  content = ensure_array_member (self->object, "content");
  if (update->content_index < 0 ||
      update->content_index > (gint64) json_array_get_length (content) + MAX_INDEX_GAP ||
      update->content_index >= MAX_CONTENT_PARTS)
    {
      update_mismatch (self, update, "content_index out of range", error);
      return NULL;
    }

  while (json_array_get_length (content) <= update->content_index)
    json_array_add_object_element (content, new_empty_text_part ());

  node = json_array_get_element (content, update->content_index);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *replacement = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (replacement, new_empty_text_part ());
      array_set (content, update->content_index, replacement);
      node = json_array_get_element (content, update->content_index);
    }

  return json_node_get_object (node);
}

/* Inserts @element at @index (clamped to the end). */
static void
array_insert (JsonArray *array,
              gint64     index,
              JsonNode  *element)
{
  guint length = json_array_get_length (array);
  g_autoptr(GPtrArray) moved = NULL;

  if (index < 0 || index >= length)
    {
      json_array_add_element (array, element);
      return;
    }

  moved = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  for (guint i = index; i < length; i++)
    g_ptr_array_add (moved, json_node_ref (json_array_get_element (array, i)));
  while (json_array_get_length (array) > index)
    json_array_remove_element (array, index);
  json_array_add_element (array, element);
  for (guint i = 0; i < moved->len; i++)
    json_array_add_element (array, json_node_ref (g_ptr_array_index (moved, i)));
}

/* Replaces array[index], appending when @index is past the end. */
static void
array_set (JsonArray *array,
           gint64     index,
           JsonNode  *element)
{
  guint length = json_array_get_length (array);

  if (index < 0 || index >= length)
    {
      json_array_add_element (array, element);
      return;
    }
  json_array_remove_element (array, index);
  array_insert (array, index, element);
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, tess_pjson_copy_object (object));
  return node;
}

/* Finds the widget node with "id" == @id, looking through "children" (a node or a list). */
static JsonObject *
find_component (JsonObject *node,
                const char *id,
                JsonObject **parent_out,
                guint       *index_out)
{
  JsonNode *children;

  children = json_object_get_member (node, "children");
  if (children == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_OBJECT (children))
    {
      JsonObject *child = json_node_get_object (children);
      const char *child_id = get_string_member (child, "id");
      JsonObject *found;

      if (child_id != NULL && strcmp (child_id, id) == 0)
        {
          *parent_out = node;
          *index_out = G_MAXUINT;
          return child;
        }
      if ((found = find_component (child, id, parent_out, index_out)))
        return found;
    }
  else if (JSON_NODE_HOLDS_ARRAY (children))
    {
      JsonArray *array = json_node_get_array (children);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *child, *found;
          const char *child_id;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          child = json_node_get_object (element);
          child_id = get_string_member (child, "id");
          if (child_id != NULL && strcmp (child_id, id) == 0)
            {
              *parent_out = node;
              *index_out = i;
              return child;
            }
          if ((found = find_component (child, id, parent_out, index_out)))
            return found;
        }
    }

  return NULL;
}

static JsonObject *
widget_component (TessThreadItem  *self,
                  TessItemUpdate  *update,
                  JsonObject     **parent_out,
                  guint           *index_out,
                  GError         **error)
{
  JsonObject *root = widget_root (self);
  JsonObject *found;
  const char *root_id;

  if (root == NULL)
    {
      update_mismatch (self, update, "not a widget item", error);
      return NULL;
    }

  root_id = get_string_member (root, "id");
  *parent_out = NULL;
  *index_out = 0;
  if (root_id != NULL && strcmp (root_id, update->component_id) == 0)
    return root;

  found = find_component (root, update->component_id, parent_out, index_out);
  if (found == NULL)
    {
      g_autofree char *why = g_strdup_printf ("no component with id “%s”", update->component_id);

      update_mismatch (self, update, why, error);
    }
  return found;
}

static JsonArray *
workflow_tasks (TessThreadItem  *self,
                TessItemUpdate  *update,
                GError         **error)
{
  JsonNode *workflow;

  if (self->kind != TESS_ITEM_WORKFLOW)
    {
      update_mismatch (self, update, "not a workflow item", error);
      return NULL;
    }
  workflow = json_object_get_member (self->object, "workflow");
  return ensure_array_member (json_node_get_object (workflow), "tasks");
}

static gboolean
apply (TessThreadItem  *self,
       TessItemUpdate  *update,
       GError         **error)
{
  JsonObject *part, *component, *parent;
  JsonArray *tasks;
  guint index;

  if (update->kind != TESS_UPDATE_CONTENT_PART_TEXT_DELTA &&
      update->kind != TESS_UPDATE_WIDGET_STREAMING_TEXT_VALUE_DELTA)
    flush_pending_text (self);

  switch (update->kind)
    {
    case TESS_UPDATE_CONTENT_PART_ADDED:
      if (!(part = content_part_at (self, update, error)))
        return FALSE;
      {
        JsonArray *content = json_object_get_array_member (self->object, "content");

        array_set (content, update->content_index, object_node (update->content));
      }
      return TRUE;

    case TESS_UPDATE_CONTENT_PART_TEXT_DELTA:
      if (self->pending_text != NULL && self->pending_component == NULL &&
          self->pending_index == update->content_index)
        {
          g_string_append (self->pending_text, update->delta);
          return TRUE;
        }
      flush_pending_text (self);
      if (!(part = content_part_at (self, update, error)))
        return FALSE;
      {
        const char *old = get_string_member (part, "text");

        self->pending_text = g_string_new (old);
        self->pending_index = update->content_index;
        g_string_append (self->pending_text, update->delta);
      }
      return TRUE;

    case TESS_UPDATE_CONTENT_PART_ANNOTATION_ADDED:
      if (!(part = content_part_at (self, update, error)))
        return FALSE;
      array_insert (ensure_array_member (part, "annotations"), update->annotation_index,
                    object_node (update->annotation));
      return TRUE;

    case TESS_UPDATE_CONTENT_PART_DONE:
      if (!(part = content_part_at (self, update, error)))
        return FALSE;
      {
        JsonArray *content = json_object_get_array_member (self->object, "content");
        JsonNode *final = object_node (update->content);
        JsonObject *final_part = json_node_get_object (final);
        JsonNode *old_annotations = json_object_get_member (part, "annotations");
        JsonNode *new_annotations = json_object_get_member (final_part, "annotations");

        /* The Agents bridge sends done with no annotations after streaming them: keep ours. */
        if (old_annotations != NULL && JSON_NODE_HOLDS_ARRAY (old_annotations) &&
            json_array_get_length (json_node_get_array (old_annotations)) > 0 &&
            (new_annotations == NULL || !JSON_NODE_HOLDS_ARRAY (new_annotations) ||
             json_array_get_length (json_node_get_array (new_annotations)) == 0))
          json_object_set_member (final_part, "annotations",
                                  tess_pjson_copy_node (old_annotations));
        array_set (content, update->content_index, final);
      }
      return TRUE;

    case TESS_UPDATE_WIDGET_STREAMING_TEXT_VALUE_DELTA:
      if (self->pending_component == NULL ||
          g_strcmp0 (self->pending_component_id, update->component_id) != 0)
        {
          flush_pending_text (self);
          if (!(component = widget_component (self, update, &parent, &index, error)))
            return FALSE;
          self->pending_text = g_string_new (get_string_member (component, "value"));
          self->pending_component = component;
          self->pending_component_id = g_strdup (update->component_id);
        }
      g_string_append (self->pending_text, update->delta);
      if (update->done)
        json_object_set_boolean_member (self->pending_component, "streaming", FALSE);
      return TRUE;

    case TESS_UPDATE_WIDGET_ROOT_UPDATED:
      if (self->kind != TESS_ITEM_WIDGET)
        return update_mismatch (self, update, "not a widget item", error);
      json_object_set_object_member (self->object, "widget",
                                     tess_pjson_copy_object (update->widget));
      return TRUE;

    case TESS_UPDATE_WIDGET_COMPONENT_UPDATED:
      if (!(component = widget_component (self, update, &parent, &index, error)))
        return FALSE;
      if (parent == NULL)
        json_object_set_object_member (self->object, "widget",
                                       tess_pjson_copy_object (update->component));
      else if (index == G_MAXUINT)
        json_object_set_object_member (parent, "children",
                                       tess_pjson_copy_object (update->component));
      else
        array_set (json_object_get_array_member (parent, "children"), index,
                   object_node (update->component));
      return TRUE;

    case TESS_UPDATE_WORKFLOW_TASK_ADDED:
      if (!(tasks = workflow_tasks (self, update, error)))
        return FALSE;
      array_insert (tasks, update->task_index, object_node (update->task));
      return TRUE;

    case TESS_UPDATE_WORKFLOW_TASK_UPDATED:
      if (!(tasks = workflow_tasks (self, update, error)))
        return FALSE;
      array_set (tasks, update->task_index, object_node (update->task));
      return TRUE;

    case TESS_UPDATE_GENERATED_IMAGE_UPDATED:
      if (self->kind != TESS_ITEM_GENERATED_IMAGE)
        return update_mismatch (self, update, "not a generated image item", error);
      json_object_set_object_member (self->object, "image",
                                     tess_pjson_copy_object (update->image));
      if (update->has_progress)
        self->image_progress = CLAMP (update->progress, 0.0, 1.0);
      return TRUE;

    case TESS_UPDATE_UNKNOWN:
    default:
      return update_mismatch (self, update, "unknown update type", error);
    }
}

gboolean
tess_thread_item_apply_update (TessThreadItem  *self,
                               TessItemUpdate  *update,
                               GError         **error)
{
  g_return_val_if_fail (TESS_IS_THREAD_ITEM (self), FALSE);
  g_return_val_if_fail (update != NULL, FALSE);

  if (!apply (self, update, error))
    return FALSE;

  g_signal_emit (self, signals[UPDATED], 0, update);
  return TRUE;
}
