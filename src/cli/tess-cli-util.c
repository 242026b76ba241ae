/* tess-cli-util.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "core/tess-json.h"
#include "template/tess-template.h"
#include "template/tess-widget-file.h"

#include "tess-cli-util.h"

/* JSON errors say PATH:LINE:COL (or PATH: when there is no position, as for a missing file). */
JsonNode *
tess_cli_parse_json_file (const char  *path,
                          GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (path != NULL, NULL);

  node = tess_json_parse_file (path, error);
  if (node == NULL && error != NULL && *error != NULL)
    {
      if (g_error_matches (*error, TESS_JSON_ERROR, TESS_JSON_ERROR_SYNTAX) ||
          g_error_matches (*error, TESS_JSON_ERROR, TESS_JSON_ERROR_TOO_DEEP))
        g_prefix_error (error, "%s:", path);
      else if (!g_error_matches (*error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_prefix_error (error, "%s: ", path);
    }
  return node;
}

static gboolean
is_widget_file (JsonNode *document)
{
  return JSON_NODE_HOLDS_OBJECT (document) &&
         json_object_has_member (json_node_get_object (document), "template");
}

/* Widget JSON and widget items are returned as they are. A .widget file is rendered, as the
 * Designer would show it: its template hydrated with DATA_PATH, or else its own sample data.
 * Errors start with "PATH:LINE:COL: " for template errors, "PATH: " for others; with PATH
 * NULL, the caller places the error itself (tess_template_error_get_line()). */
JsonNode *
tess_cli_widget_from_document (const char  *path,
                               JsonNode    *document,
                               const char  *data_path,
                               GError     **error)
{
  g_autoptr(TessWidgetFile) file = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autofree char *text = NULL;
  JsonNode *widget;

  g_return_val_if_fail (document != NULL, NULL);

  if (!is_widget_file (document))
    {
      if (data_path != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("--data needs a .widget template, this is widget JSON"));
          if (path != NULL)
            g_prefix_error (error, "%s: ", path);
          return NULL;
        }
      return json_node_ref (document);
    }

  text = json_to_string (document, FALSE);
  file = tess_widget_file_new_from_data (text, -1, error);
  if (file != NULL && data_path != NULL)
    data = tess_cli_parse_json_file (data_path, error);
  else if (file != NULL)
    data = tess_widget_file_get_sample_data (file);
  if (file == NULL || (data_path != NULL && data == NULL))
    {
      if (path != NULL && file == NULL)
        g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  widget = tess_widget_file_render (file, data, error);
  if (widget == NULL && path != NULL)
    {
      if ((*error)->domain == TESS_TEMPLATE_ERROR && tess_template_error_get_line (*error) > 0)
        g_prefix_error (error, "%s:%u:%u: ", path, tess_template_error_get_line (*error),
                        tess_template_error_get_column (*error));
      else
        g_prefix_error (error, "%s: ", path);
    }
  return widget;
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
