/* tess-cli-util.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "core/tess-json.h"
#include "template/tess-template.h"
#include "template/tess-widget-file.h"

#include "tess-cli-util.h"

#define JSON_PARSE_ERROR_PREFIX "Parse error: "

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isspace (text[i]))
        return FALSE;
    }
  return TRUE;
}

/**
 * tess_cli_read_json_file:
 *
 * Reads and parses a JSON file. A file that cannot be read fails with a G_FILE_ERROR; an empty
 * or blank file, or malformed JSON, with a TESS_JSON_ERROR whose message starts with
 * "LINE:COL: " when it has a place. The path is not in the message: see
 * tess_cli_prefix_error().
 */
JsonNode *
tess_cli_read_json_file (const char  *path,
                         GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  JsonNode *node;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  if (is_blank (contents, length))
    {
      g_set_error_literal (error, TESS_JSON_ERROR, TESS_JSON_ERROR_SYNTAX,
                           length == 0 ? _("the file is empty, it holds no JSON")
                                       : _("the file holds only white space, no JSON"));
      return NULL;
    }

  node = tess_json_parse (contents, length, &local_error);
  if (node == NULL)
    {
      const char *message = local_error->message;
      guint line, column;
      int end = 0;

      /* "LINE:COL: Parse error: …" from json-glib reads "LINE:COL: not valid JSON: …" */
      if (sscanf (message, "%u:%u: %n", &line, &column, &end) == 2 && end > 0 &&
          g_str_has_prefix (message + end, JSON_PARSE_ERROR_PREFIX))
        g_set_error (error, local_error->domain, local_error->code, "%u:%u: %s%s", line, column,
                     _("not valid JSON: "), message + end + strlen (JSON_PARSE_ERROR_PREFIX));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return node;
}

/**
 * tess_cli_prefix_error:
 *
 * Makes @error's message the line tessera-cli prints: "PATH:LINE:COL: error: message" for
 * template errors and malformed JSON, which have a place in the file, "PATH: error: message"
 * for the rest.
 */
void
tess_cli_prefix_error (GError     **error,
                       const char  *path)
{
  GError *e;
  guint line, column;
  int end = 0;
  char *message;

  g_return_if_fail (path != NULL);

  if (error == NULL || *error == NULL)
    return;

  e = *error;
  if (e->domain == TESS_TEMPLATE_ERROR && tess_template_error_get_line (e) > 0)
    message = g_strdup_printf ("%s:%u:%u: error: %s", path, tess_template_error_get_line (e),
                               tess_template_error_get_column (e), e->message);
  else if (e->domain == TESS_JSON_ERROR &&
           sscanf (e->message, "%u:%u: %n", &line, &column, &end) == 2 && end > 0)
    message = g_strdup_printf ("%s:%u:%u: error: %s", path, line, column, e->message + end);
  else
    message = g_strdup_printf ("%s: error: %s", path, e->message);

  g_free (e->message);
  e->message = message;
}

/* tess_cli_read_json_file() with the error prefixed by the path. */
JsonNode *
tess_cli_parse_json_file (const char  *path,
                          GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (path != NULL, NULL);

  node = tess_cli_read_json_file (path, error);
  if (node == NULL)
    tess_cli_prefix_error (error, path);
  return node;
}

/* A widget has a "type"; a .widget file has a template, or at least the fields Widget Studio
 * writes next to it. */
gboolean
tess_cli_is_widget_file (JsonNode *document)
{
  JsonObject *object;

  g_return_val_if_fail (document != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (document))
    return FALSE;
  object = json_node_get_object (document);
  if (json_object_has_member (object, "template"))
    return TRUE;
  return !json_object_has_member (object, "type") &&
         (json_object_has_member (object, "version") ||
          json_object_has_member (object, "encodedWidget") ||
          json_object_has_member (object, "outputJsonPreview"));
}

/* Template data: a JSON object, or null (rendered as {}) as WidgetTemplate.build takes it.
 * Errors are prefixed by the path. */
JsonNode *
tess_cli_load_data (const char  *data_path,
                    GError     **error)
{
  g_autoptr(JsonNode) data = NULL;

  g_return_val_if_fail (data_path != NULL, NULL);

  data = tess_cli_parse_json_file (data_path, error);
  if (data == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (data) && !JSON_NODE_HOLDS_NULL (data))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: error: %s", data_path,
                   _("/: the data must be a JSON object"));
      return NULL;
    }
  return g_steal_pointer (&data);
}

/**
 * tess_cli_build_widget_file:
 * @path: (nullable): the file, for error messages
 * @document: the parsed .widget file
 * @data_path: (nullable): the data; %NULL for the file's own sample data
 *
 * Builds the widget as ChatKit's WidgetTemplate.build() does: the template hydrated, its
 * output parsed as JSON, and only the root checked (tess_widget_validate_shallow()). The
 * widget may still break the schema; the caller runs the full validation.
 *
 * Errors start with "PATH:LINE:COL: error: " for template errors, "PATH: error: " for others
 * (and "DATA_PATH…" for the data's). With @path %NULL the caller places the error itself
 * (tess_cli_prefix_error()).
 */
JsonNode *
tess_cli_build_widget_file (const char  *path,
                            JsonNode    *document,
                            const char  *data_path,
                            GError     **error)
{
  g_autoptr(TessWidgetFile) file = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autofree char *text = NULL;
  JsonNode *widget;

  g_return_val_if_fail (document != NULL, NULL);

  text = json_to_string (document, FALSE);
  file = tess_widget_file_new_from_data (text, -1, error);
  if (file == NULL)
    {
      if (path != NULL)
        tess_cli_prefix_error (error, path);
      return NULL;
    }

  if (data_path != NULL)
    {
      data = tess_cli_load_data (data_path, error);
      if (data == NULL)
        return NULL;
    }
  else
    data = tess_widget_file_get_sample_data (file);

  tess_widget_file_set_validator (file, tess_widget_validate_shallow, NULL);
  widget = tess_widget_file_render (file, data, error);
  if (widget == NULL && path != NULL)
    tess_cli_prefix_error (error, path);
  return widget;
}

/* Widget JSON and widget items are returned as they are. A .widget file is built as the SDK
 * builds it (tess_cli_build_widget_file()), with DATA_PATH or else its own sample data. */
JsonNode *
tess_cli_widget_from_document (const char  *path,
                               JsonNode    *document,
                               const char  *data_path,
                               GError     **error)
{
  g_return_val_if_fail (document != NULL, NULL);

  if (tess_cli_is_widget_file (document))
    return tess_cli_build_widget_file (path, document, data_path, error);

  if (data_path != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("--data needs a .widget template, this is widget JSON"));
      if (path != NULL)
        tess_cli_prefix_error (error, path);
      return NULL;
    }
  return json_node_ref (document);
}

JsonNode *
tess_cli_load_widget (const char  *path,
                      const char  *data_path,
                      GError     **error)
{
  g_autoptr(JsonNode) document = tess_cli_parse_json_file (path, error);

  if (document == NULL)
    return NULL;
  return tess_cli_widget_from_document (path, document, data_path, error);
}
