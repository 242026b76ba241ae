/* tess-cli-util.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "core/tess-json.h"

#include "tess-cli-util.h"

/* Widget JSON and widget items are returned as they are. A .widget file carries its sample
 * rendering in "outputJsonPreview" (an object, or a string of JSON in some exporters). */
JsonNode *
tess_cli_widget_json_from_document (JsonNode  *document,
                                    GError   **error)
{
  JsonObject *object;
  JsonNode *preview;

  g_return_val_if_fail (document != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (document))
    return json_node_ref (document);

  object = json_node_get_object (document);
  if (!json_object_has_member (object, "template") && !json_object_has_member (object, "version"))
    return json_node_ref (document);

  preview = json_object_get_member (object, "outputJsonPreview");
  if (preview == NULL || JSON_NODE_HOLDS_NULL (preview))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("a .widget file without \"outputJsonPreview\"; render it first with "
                     "`tessera-cli render`"));
      return NULL;
    }

  if (JSON_NODE_HOLDS_VALUE (preview) && json_node_get_value_type (preview) == G_TYPE_STRING)
    {
      g_autoptr(GError) local_error = NULL;
      JsonNode *parsed = tess_json_parse (json_node_get_string (preview), -1, &local_error);

      if (parsed == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "/outputJsonPreview: %s", local_error->message);
      return parsed;
    }

  return json_node_ref (preview);
}
