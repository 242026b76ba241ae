/* tess-protocol-json.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tess-protocol-json.h"
#include "tess-protocol-types.h"

JsonNode *
tess_pjson_copy_node (JsonNode *node)
{
  JsonNode *copy;

  g_return_val_if_fail (node != NULL, NULL);

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, tess_pjson_copy_object (json_node_get_object (node)));
      return copy;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);
        JsonArray *array_copy = json_array_sized_new (length);

        for (guint i = 0; i < length; i++)
          json_array_add_element (array_copy,
                                  tess_pjson_copy_node (json_array_get_element (array, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array_copy);
        return copy;
      }

    case JSON_NODE_VALUE:
      {
        GValue value = G_VALUE_INIT;

        copy = json_node_new (JSON_NODE_VALUE);
        json_node_get_value (node, &value);
        json_node_set_value (copy, &value);
        g_value_unset (&value);
        return copy;
      }

    case JSON_NODE_NULL:
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

JsonObject *
tess_pjson_copy_object (JsonObject *object)
{
  JsonObject *copy;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  copy = json_object_new ();
  /* Ordered, so copies print with the member order the server sent. */
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &member, &node))
    json_object_set_member (copy, member, tess_pjson_copy_node (node));

  return copy;
}

char *
tess_pjson_pointer_append (const char *pointer,
                           const char *member)
{
  GString *out = g_string_new (pointer ? pointer : "");

  g_string_append_c (out, '/');
  /* RFC 6901 escaping. */
  for (const char *p = member; *p; p++)
    {
      if (*p == '~')
        g_string_append (out, "~0");
      else if (*p == '/')
        g_string_append (out, "~1");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

const char *
tess_pjson_describe (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return "a string";
        case G_TYPE_INT64:
          return "an integer";
        case G_TYPE_DOUBLE:
          return "a number";
        case G_TYPE_BOOLEAN:
          return "a boolean";
        default:
          return "a value";
        }
    }
}

static JsonNode *
lookup (JsonObject  *object,
        const char  *member,
        const char  *pointer,
        gboolean     required,
        GError     **error,
        gboolean    *failed)
{
  JsonNode *node = json_object_get_member (object, member);

  *failed = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_autofree char *path = tess_pjson_pointer_append (pointer, member);

          g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                       "%s: required member is missing", path);
          *failed = TRUE;
        }
      return NULL;
    }

  return node;
}

static gboolean
wrong_type (const char  *pointer,
            const char  *member,
            const char  *expected,
            JsonNode    *node,
            GError     **error)
{
  g_autofree char *path = tess_pjson_pointer_append (pointer, member);
  const char *found = tess_pjson_describe (node);

  g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
               "%s: expected %s, found %s", path, expected, found);
  return FALSE;
}

gboolean
tess_pjson_get_string (JsonObject   *object,
                       const char   *member,
                       const char   *pointer,
                       gboolean      required,
                       const char  **out,
                       GError      **error)
{
  gboolean failed;
  JsonNode *node = lookup (object, member, pointer, required, error, &failed);

  if (node == NULL)
    return !failed;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (pointer, member, "a string", node, error);
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
tess_pjson_get_object (JsonObject   *object,
                       const char   *member,
                       const char   *pointer,
                       gboolean      required,
                       JsonObject  **out,
                       GError      **error)
{
  gboolean failed;
  JsonNode *node = lookup (object, member, pointer, required, error, &failed);

  if (node == NULL)
    return !failed;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (pointer, member, "an object", node, error);
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
tess_pjson_get_array (JsonObject   *object,
                      const char   *member,
                      const char   *pointer,
                      gboolean      required,
                      JsonArray   **out,
                      GError      **error)
{
  gboolean failed;
  JsonNode *node = lookup (object, member, pointer, required, error, &failed);

  if (node == NULL)
    return !failed;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (pointer, member, "an array", node, error);
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
tess_pjson_get_int (JsonObject   *object,
                    const char   *member,
                    const char   *pointer,
                    gboolean      required,
                    gint64       *out,
                    GError      **error)
{
  gboolean failed;
  JsonNode *node = lookup (object, member, pointer, required, error, &failed);

  if (node == NULL)
    return !failed;
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (pointer, member, "an integer", node, error);
  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
tess_pjson_get_double (JsonObject   *object,
                       const char   *member,
                       const char   *pointer,
                       gboolean      required,
                       double       *out,
                       GError      **error)
{
  gboolean failed;
  JsonNode *node = lookup (object, member, pointer, required, error, &failed);
  GType type;

  if (node == NULL)
    return !failed;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return wrong_type (pointer, member, "a number", node, error);
  *out = json_node_get_double (node);
  return TRUE;
}

gboolean
tess_pjson_get_bool (JsonObject   *object,
                     const char   *member,
                     const char   *pointer,
                     gboolean      required,
                     gboolean     *out,
                     GError      **error)
{
  gboolean failed;
  JsonNode *node = lookup (object, member, pointer, required, error, &failed);

  if (node == NULL)
    return !failed;
  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (pointer, member, "a boolean", node, error);
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
tess_pjson_check_typed_objects (JsonArray   *array,
                                const char  *pointer,
                                GError     **error)
{
  guint length = json_array_get_length (array);

  for (guint i = 0; i < length; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      char index[16];
      g_autofree char *path = NULL;
      const char *type = NULL;

      g_snprintf (index, sizeof index, "%u", i);
      path = tess_pjson_pointer_append (pointer, index);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID,
                       "%s: expected an object, found %s", path, tess_pjson_describe (node));
          return FALSE;
        }
      if (!tess_pjson_get_string (json_node_get_object (node), "type", path, TRUE, &type, error))
        return FALSE;
    }

  return TRUE;
}

char *
tess_pjson_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (node != NULL, NULL);

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

char *
tess_pjson_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return tess_pjson_to_string (node);
}
