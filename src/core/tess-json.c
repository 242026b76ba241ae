/* tess-json.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tess-json.h"

G_DEFINE_QUARK (tess-json-error-quark, tess_json_error)

/* Finds how deep arrays and objects nest, skipping strings, without building anything. */
static gboolean
check_depth (const char  *text,
             gsize        length,
             guint       *line,
             guint       *column)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  *line = 1;
  *column = 1;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '\n')
        {
          (*line)++;
          *column = 1;
          continue;
        }
      (*column)++;

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > TESS_JSON_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

JsonNode *
tess_json_parse (const char  *text,
                 gssize       length,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  guint line, column;
  JsonNode *root;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);

  if (!check_depth (text, length, &line, &column))
    {
      g_set_error (error, TESS_JSON_ERROR, TESS_JSON_ERROR_TOO_DEEP,
                   "%u:%u: JSON nested more than %d levels deep", line, column,
                   TESS_JSON_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      const char *message = local_error->message;

      /* json-glib says "<data>:LINE:COL: Parse error: …"; the caller knows the file name. */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      g_set_error (error, TESS_JSON_ERROR, TESS_JSON_ERROR_SYNTAX, "%s", message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      g_set_error (error, TESS_JSON_ERROR, TESS_JSON_ERROR_SYNTAX, "1:1: empty document");
      return NULL;
    }

  return root;
}

JsonNode *
tess_json_parse_file (const char  *path,
                      GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  return tess_json_parse (contents, length, error);
}

char *
tess_json_to_string (JsonNode *node,
                     gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);

  return json_generator_to_data (generator, NULL);
}
