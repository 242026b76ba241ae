/* tess-widget-encoded.c: the Widget Builder project inside a `.widget` file's encodedWidget
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tess-widget-encoded.h"
#include "tess-widget-file.h"

JsonObject *
tess_widget_encoded_decode (const char *encoded,
                            gboolean   *padded)
{
  g_autoptr(GString) standard = NULL;
  g_autofree guchar *decoded = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  gsize length = 0;

  g_return_val_if_fail (encoded != NULL, NULL);

  if (padded != NULL)
    *padded = strchr (encoded, '=') != NULL;

  /* base64url to the standard alphabet, with the padding g_base64_decode expects. */
  standard = g_string_new (encoded);
  for (gsize i = 0; i < standard->len; i++)
    {
      char c = standard->str[i];

      if (c == '-')
        standard->str[i] = '+';
      else if (c == '_')
        standard->str[i] = '/';
      else if (!g_ascii_isalnum (c) && c != '+' && c != '/' && c != '=')
        return NULL;
    }
  while (standard->len % 4 != 0)
    g_string_append_c (standard, '=');

  decoded = g_base64_decode (standard->str, &length);
  if (decoded == NULL || length == 0)
    return NULL;
  if (!g_utf8_validate ((const char *) decoded, length, NULL))
    return NULL;
  if (!json_parser_load_from_data (parser, (const char *) decoded, length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

/* JSON.stringify (project), as Widget Builder writes it: the JSON.stringify (…, null, 2)
 * text without the whitespace between tokens. json-glib's generator would not do: it writes
 * doubles with 17 digits (0.10000000000000001, 10000000000000000.0) and U+001F unescaped,
 * which JSON.parse and json.loads reject. */
static char *
json_stringify_compact (JsonNode *node)
{
  g_autofree char *pretty = tess_json_to_string_pretty (node);
  GString *out = g_string_sized_new (strlen (pretty));
  gboolean in_string = FALSE;

  for (const char *p = pretty; *p != '\0'; p++)
    {
      if (in_string)
        {
          g_string_append_c (out, *p);
          if (*p == '\\' && p[1] != '\0')
            g_string_append_c (out, *++p);
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, *p);
        }
      else if (*p != ' ' && *p != '\n')
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

char *
tess_widget_encoded_encode (JsonObject *project,
                            gboolean    padded)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;
  char *encoded;
  gsize end;

  g_return_val_if_fail (project != NULL, NULL);

  json_node_set_object (node, project);
  json = json_stringify_compact (node);

  encoded = g_base64_encode ((const guchar *) json, strlen (json));
  end = strlen (encoded);
  for (gsize i = 0; i < end; i++)
    {
      if (encoded[i] == '+')
        encoded[i] = '-';
      else if (encoded[i] == '/')
        encoded[i] = '_';
    }
  if (!padded)
    {
      while (end > 0 && encoded[end - 1] == '=')
        end--;
      encoded[end] = '\0';
    }
  return encoded;
}

const char *
tess_widget_state_get_name (JsonObject *state)
{
  JsonNode *name;

  g_return_val_if_fail (state != NULL, NULL);

  name = json_object_get_member (state, "name");
  if (name != NULL && JSON_NODE_HOLDS_VALUE (name) &&
      json_node_get_value_type (name) == G_TYPE_STRING)
    return json_node_get_string (name);
  return NULL;
}

JsonNode *
tess_widget_state_get_data (JsonObject *state)
{
  g_return_val_if_fail (state != NULL, NULL);

  if (json_object_has_member (state, "state"))
    return json_object_get_member (state, "state");
  if (json_object_has_member (state, "data"))
    return json_object_get_member (state, "data");
  return NULL;
}
