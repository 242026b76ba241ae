/* tess-action.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tess-action.h"

G_DEFINE_BOXED_TYPE (TessActionConfig, tess_action_config,
                     tess_action_config_copy, tess_action_config_free)

static const char *
member_string (JsonObject *object,
               const char *name,
               const char *fallback)
{
  JsonNode *member = json_object_get_member (object, name);

  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_STRING)
    return json_node_get_string (member);

  return fallback;
}

TessActionConfig *
tess_action_config_new_from_json (JsonNode *json)
{
  TessActionConfig *self;
  JsonObject *object;
  JsonNode *payload, *streaming;
  const char *type;

  if (json == NULL || !JSON_NODE_HOLDS_OBJECT (json))
    return NULL;

  object = json_node_get_object (json);
  type = member_string (object, "type", NULL);
  if (type == NULL)
    return NULL;

  self = g_new0 (TessActionConfig, 1);
  self->type = g_strdup (type);
  payload = json_object_get_member (object, "payload");
  self->payload = payload != NULL && !JSON_NODE_HOLDS_NULL (payload) ? json_node_copy (payload)
                                                                     : NULL;
  self->handler = g_strdup (member_string (object, "handler", "server"));
  self->loading_behavior = g_strdup (member_string (object, "loadingBehavior", "auto"));
  streaming = json_object_get_member (object, "streaming");
  self->streaming = streaming == NULL || !JSON_NODE_HOLDS_VALUE (streaming) ||
                    json_node_get_value_type (streaming) != G_TYPE_BOOLEAN ||
                    json_node_get_boolean (streaming);

  return self;
}

TessActionConfig *
tess_action_config_copy (const TessActionConfig *self)
{
  TessActionConfig *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (TessActionConfig, 1);
  copy->type = g_strdup (self->type);
  copy->payload = self->payload ? json_node_copy (self->payload) : NULL;
  copy->handler = g_strdup (self->handler);
  copy->loading_behavior = g_strdup (self->loading_behavior);
  copy->streaming = self->streaming;

  return copy;
}

void
tess_action_config_free (TessActionConfig *self)
{
  if (self == NULL)
    return;

  g_free (self->type);
  g_clear_pointer (&self->payload, json_node_unref);
  g_free (self->handler);
  g_free (self->loading_behavior);
  g_free (self);
}

JsonNode *
tess_action_config_to_json (const TessActionConfig *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, self->type);
  if (self->payload != NULL)
    {
      json_builder_set_member_name (builder, "payload");
      json_builder_add_value (builder, json_node_copy (self->payload));
    }
  json_builder_set_member_name (builder, "handler");
  json_builder_add_string_value (builder, self->handler);
  json_builder_set_member_name (builder, "loadingBehavior");
  json_builder_add_string_value (builder, self->loading_behavior);
  json_builder_set_member_name (builder, "streaming");
  json_builder_add_boolean_value (builder, self->streaming);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
