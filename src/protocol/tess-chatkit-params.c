/* tess-chatkit-params.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tess-chatkit-params.h"
#include "tess-protocol-json.h"

static const struct
{
  const char *op;
  gboolean    streaming;
} ops[] = {
  { TESS_OP_THREADS_CREATE, TRUE },
  { TESS_OP_THREADS_ADD_USER_MESSAGE, TRUE },
  { TESS_OP_THREADS_ADD_CLIENT_TOOL_OUTPUT, TRUE },
  { TESS_OP_THREADS_ADD_STRUCTURED_INPUT, TRUE },
  { TESS_OP_THREADS_RETRY_AFTER_ITEM, TRUE },
  { TESS_OP_THREADS_CUSTOM_ACTION, TRUE },
  { TESS_OP_THREADS_SYNC_CUSTOM_ACTION, FALSE },
  { TESS_OP_THREADS_GET_BY_ID, FALSE },
  { TESS_OP_THREADS_LIST, FALSE },
  { TESS_OP_THREADS_UPDATE, FALSE },
  { TESS_OP_THREADS_DELETE, FALSE },
  { TESS_OP_ITEMS_LIST, FALSE },
  { TESS_OP_ITEMS_FEEDBACK, FALSE },
  { TESS_OP_ATTACHMENTS_CREATE, FALSE },
  { TESS_OP_ATTACHMENTS_DELETE, FALSE },
  { TESS_OP_INPUT_TRANSCRIBE, FALSE },
};

gboolean
tess_chatkit_op_is_streaming (const char *op)
{
  g_return_val_if_fail (op != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      if (strcmp (op, ops[i].op) == 0)
        return ops[i].streaming;
    }
  return FALSE;
}

gboolean
tess_chatkit_op_is_known (const char *op)
{
  g_return_val_if_fail (op != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      if (strcmp (op, ops[i].op) == 0)
        return TRUE;
    }
  return FALSE;
}

struct _TessUserInput
{
  JsonArray      *content;
  JsonArray      *attachments;
  char           *quoted_text;
  char           *model;
  char           *tool_choice;
  gatomicrefcount ref_count;
};

G_DEFINE_BOXED_TYPE (TessUserInput, tess_user_input, tess_user_input_ref, tess_user_input_unref)

TessUserInput *
tess_user_input_new (const char *text)
{
  TessUserInput *self = g_new0 (TessUserInput, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->content = json_array_new ();
  self->attachments = json_array_new ();
  if (text != NULL)
    tess_user_input_add_text (self, text);
  return self;
}

TessUserInput *
tess_user_input_ref (TessUserInput *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tess_user_input_unref (TessUserInput *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      json_array_unref (self->content);
      json_array_unref (self->attachments);
      g_free (self->quoted_text);
      g_free (self->model);
      g_free (self->tool_choice);
      g_free (self);
    }
}

void
tess_user_input_add_text (TessUserInput *self,
                          const char    *text)
{
  JsonObject *part;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);

  part = json_object_new ();
  json_object_set_string_member (part, "type", "input_text");
  json_object_set_string_member (part, "text", text);
  json_array_add_object_element (self->content, part);
}

void
tess_user_input_add_tag (TessUserInput *self,
                         const char    *id,
                         const char    *text,
                         JsonObject    *data,
                         const char    *group,
                         gboolean       interactive)
{
  JsonObject *part;

  g_return_if_fail (self != NULL);
  g_return_if_fail (id != NULL);
  g_return_if_fail (text != NULL);

  part = json_object_new ();
  json_object_set_string_member (part, "type", "input_tag");
  json_object_set_string_member (part, "id", id);
  json_object_set_string_member (part, "text", text);
  json_object_set_object_member (part, "data",
                                 data ? tess_pjson_copy_object (data) : json_object_new ());
  if (group != NULL)
    json_object_set_string_member (part, "group", group);
  json_object_set_boolean_member (part, "interactive", interactive);
  json_array_add_object_element (self->content, part);
}

void
tess_user_input_add_attachment (TessUserInput *self,
                                const char    *attachment_id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (attachment_id != NULL);

  json_array_add_string_element (self->attachments, attachment_id);
}

void
tess_user_input_set_quoted_text (TessUserInput *self,
                                 const char    *quoted_text)
{
  g_return_if_fail (self != NULL);

  g_free (self->quoted_text);
  self->quoted_text = g_strdup (quoted_text);
}

void
tess_user_input_set_model (TessUserInput *self,
                           const char    *model)
{
  g_return_if_fail (self != NULL);

  g_free (self->model);
  self->model = g_strdup (model);
}

void
tess_user_input_set_tool_choice (TessUserInput *self,
                                 const char    *tool_id)
{
  g_return_if_fail (self != NULL);

  g_free (self->tool_choice);
  self->tool_choice = g_strdup (tool_id);
}

static JsonNode *
array_node (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, array);
  return node;
}

JsonObject *
tess_user_input_to_json (TessUserInput *self)
{
  JsonObject *input, *options;
  g_autoptr(JsonNode) content = NULL;
  g_autoptr(JsonNode) attachments = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  content = array_node (self->content);
  attachments = array_node (self->attachments);

  input = json_object_new ();
  json_object_set_member (input, "content", tess_pjson_copy_node (content));
  /* "attachments" and "inference_options" are required even when empty. */
  json_object_set_member (input, "attachments", tess_pjson_copy_node (attachments));
  if (self->quoted_text != NULL)
    json_object_set_string_member (input, "quoted_text", self->quoted_text);

  options = json_object_new ();
  if (self->tool_choice != NULL)
    {
      JsonObject *choice = json_object_new ();

      json_object_set_string_member (choice, "id", self->tool_choice);
      json_object_set_object_member (options, "tool_choice", choice);
    }
  if (self->model != NULL)
    json_object_set_string_member (options, "model", self->model);
  json_object_set_object_member (input, "inference_options", options);

  return input;
}

JsonObject *
tess_structured_submission_new (gboolean skipped)
{
  JsonObject *submission = json_object_new ();

  json_object_set_string_member (submission, "status", skipped ? "skipped" : "answered");
  json_object_set_object_member (submission, "answers", json_object_new ());
  return submission;
}

void
tess_structured_submission_add_answer (JsonObject        *submission,
                                       const char        *input_id,
                                       const char *const *values)
{
  JsonObject *answers, *answer;
  JsonArray *array;

  g_return_if_fail (submission != NULL);
  g_return_if_fail (input_id != NULL);

  if (!json_object_has_member (submission, "answers"))
    json_object_set_object_member (submission, "answers", json_object_new ());
  answers = json_object_get_object_member (submission, "answers");
  g_return_if_fail (answers != NULL);

  answer = json_object_new ();
  array = json_array_new ();
  for (guint i = 0; values && values[i]; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_boolean_member (answer, "skipped", json_array_get_length (array) == 0);
  json_object_set_array_member (answer, "values", array);
  json_object_set_object_member (answers, input_id, answer);
}

JsonObject *
tess_chatkit_params_threads_create (TessUserInput *input)
{
  JsonObject *params;

  g_return_val_if_fail (input != NULL, NULL);

  params = json_object_new ();
  json_object_set_object_member (params, "input", tess_user_input_to_json (input));
  return params;
}

JsonObject *
tess_chatkit_params_thread_id (const char *thread_id)
{
  JsonObject *params;

  g_return_val_if_fail (thread_id != NULL, NULL);

  params = json_object_new ();
  json_object_set_string_member (params, "thread_id", thread_id);
  return params;
}

JsonObject *
tess_chatkit_params_add_user_message (const char    *thread_id,
                                      TessUserInput *input)
{
  JsonObject *params;

  g_return_val_if_fail (thread_id != NULL, NULL);
  g_return_val_if_fail (input != NULL, NULL);

  params = tess_chatkit_params_thread_id (thread_id);
  json_object_set_object_member (params, "input", tess_user_input_to_json (input));
  return params;
}

JsonObject *
tess_chatkit_params_add_client_tool_output (const char *thread_id,
                                            JsonNode   *result)
{
  JsonObject *params;

  g_return_val_if_fail (thread_id != NULL, NULL);
  g_return_val_if_fail (result != NULL, NULL);

  params = tess_chatkit_params_thread_id (thread_id);
  json_object_set_member (params, "result", tess_pjson_copy_node (result));
  return params;
}

JsonObject *
tess_chatkit_params_add_structured_input (const char *thread_id,
                                          const char *item_id,
                                          JsonObject *submission)
{
  JsonObject *params;

  g_return_val_if_fail (thread_id != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);
  g_return_val_if_fail (submission != NULL, NULL);

  params = tess_chatkit_params_thread_id (thread_id);
  json_object_set_string_member (params, "item_id", item_id);
  json_object_set_object_member (params, "input", tess_pjson_copy_object (submission));
  return params;
}

JsonObject *
tess_chatkit_params_retry_after_item (const char *thread_id,
                                      const char *item_id)
{
  JsonObject *params;

  g_return_val_if_fail (thread_id != NULL, NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  params = tess_chatkit_params_thread_id (thread_id);
  json_object_set_string_member (params, "item_id", item_id);
  return params;
}

JsonObject *
tess_chatkit_params_custom_action (const char *thread_id,
                                   const char *item_id,
                                   const char *action_type,
                                   JsonNode   *payload)
{
  JsonObject *params, *action;

  g_return_val_if_fail (thread_id != NULL, NULL);
  g_return_val_if_fail (action_type != NULL, NULL);

  params = tess_chatkit_params_thread_id (thread_id);
  if (item_id != NULL)
    json_object_set_string_member (params, "item_id", item_id);
  action = json_object_new ();
  json_object_set_string_member (action, "type", action_type);
  if (payload != NULL)
    json_object_set_member (action, "payload", tess_pjson_copy_node (payload));
  json_object_set_object_member (params, "action", action);
  return params;
}

JsonObject *
tess_chatkit_params_list (const char *thread_id,
                          guint       limit,
                          const char *order,
                          const char *after)
{
  JsonObject *params = thread_id ? tess_chatkit_params_thread_id (thread_id) : json_object_new ();

  if (limit > 0)
    json_object_set_int_member (params, "limit", limit);
  if (order != NULL)
    json_object_set_string_member (params, "order", order);
  if (after != NULL)
    json_object_set_string_member (params, "after", after);
  return params;
}

JsonObject *
tess_chatkit_params_update_thread (const char *thread_id,
                                   const char *title)
{
  JsonObject *params;

  g_return_val_if_fail (thread_id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  params = tess_chatkit_params_thread_id (thread_id);
  json_object_set_string_member (params, "title", title);
  return params;
}

JsonObject *
tess_chatkit_params_feedback (const char        *thread_id,
                              const char *const *item_ids,
                              TessFeedbackKind   kind)
{
  JsonObject *params;
  JsonArray *ids;

  g_return_val_if_fail (thread_id != NULL, NULL);
  g_return_val_if_fail (item_ids != NULL, NULL);

  params = tess_chatkit_params_thread_id (thread_id);
  ids = json_array_new ();
  for (guint i = 0; item_ids[i] != NULL; i++)
    json_array_add_string_element (ids, item_ids[i]);
  json_object_set_array_member (params, "item_ids", ids);
  json_object_set_string_member (params, "kind",
                                 kind == TESS_FEEDBACK_POSITIVE ? "positive" : "negative");
  return params;
}

JsonObject *
tess_chatkit_params_create_attachment (const char *name,
                                       gint64      size,
                                       const char *mime_type)
{
  JsonObject *params;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);

  params = json_object_new ();
  json_object_set_string_member (params, "name", name);
  json_object_set_int_member (params, "size", size);
  json_object_set_string_member (params, "mime_type", mime_type);
  return params;
}

JsonObject *
tess_chatkit_params_delete_attachment (const char *attachment_id)
{
  JsonObject *params;

  g_return_val_if_fail (attachment_id != NULL, NULL);

  params = json_object_new ();
  json_object_set_string_member (params, "attachment_id", attachment_id);
  return params;
}

JsonObject *
tess_chatkit_params_transcribe (GBytes     *audio,
                                const char *mime_type)
{
  JsonObject *params;
  g_autofree char *encoded = NULL;
  gsize length;
  const guchar *data;

  g_return_val_if_fail (audio != NULL, NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);

  data = g_bytes_get_data (audio, &length);
  encoded = g_base64_encode (data, length);
  params = json_object_new ();
  json_object_set_string_member (params, "audio_base64", encoded);
  json_object_set_string_member (params, "mime_type", mime_type);
  return params;
}

char *
tess_chatkit_request_body (const char *op,
                           JsonObject *params)
{
  g_autoptr(JsonObject) request = json_object_new ();

  g_return_val_if_fail (op != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  json_object_set_string_member (request, "type", op);
  json_object_set_object_member (request, "params", json_object_ref (params));
  json_object_set_object_member (request, "metadata", json_object_new ());
  return tess_pjson_object_to_string (request);
}
