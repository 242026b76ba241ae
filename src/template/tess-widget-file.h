/* tess-widget-file.h: the `.widget` file format (load, hydrate, validate, save)
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "template/tess-template.h"

G_BEGIN_DECLS

#define TESS_WIDGET_FILE_ERROR (tess_widget_file_error_quark ())

/* The stages mirror ChatKit's WidgetTemplate: load, definition, compile (a
 * TESS_TEMPLATE_ERROR_SYNTAX), render (other TESS_TEMPLATE_ERRORs), json, validate. */
typedef enum
{
  TESS_WIDGET_FILE_ERROR_INVALID,         /* not a JSON object (stage "load") */
  TESS_WIDGET_FILE_ERROR_VERSION,         /* version is not "1.0" (stage "definition") */
  TESS_WIDGET_FILE_ERROR_MISSING_FIELD,   /* no "name" or "template" (stage "definition") */
  TESS_WIDGET_FILE_ERROR_OUTPUT_JSON,     /* the rendered text is not JSON (stage "json") */
  TESS_WIDGET_FILE_ERROR_VALIDATION,      /* the JSON is not a widget (stage "validate") */
} TessWidgetFileError;

GQuark tess_widget_file_error_quark (void);

/* Validates rendered widget JSON. Returns FALSE and sets error (with a JSON pointer in the
 * message) when the widget is invalid. */
typedef gboolean (*TessWidgetValidateFunc) (JsonNode  *widget,
                                            gpointer   user_data,
                                            GError   **error);

#define TESS_TYPE_WIDGET_FILE (tess_widget_file_get_type ())

G_DECLARE_FINAL_TYPE (TessWidgetFile, tess_widget_file, TESS, WIDGET_FILE, GObject)

TessWidgetFile *tess_widget_file_new_from_data   (const char      *data,
                                                  gssize           length,
                                                  GError         **error);
TessWidgetFile *tess_widget_file_new_from_path   (const char      *path,
                                                  GError         **error);
const char     *tess_widget_file_get_version     (TessWidgetFile  *self);
const char     *tess_widget_file_get_name        (TessWidgetFile  *self);
const char     *tess_widget_file_get_template    (TessWidgetFile  *self);
void            tess_widget_file_set_template    (TessWidgetFile  *self,
                                                  const char      *source);
JsonNode       *tess_widget_file_get_sample_data (TessWidgetFile  *self);
TessTemplate   *tess_widget_file_get_compiled    (TessWidgetFile  *self,
                                                  GError         **error);
char           *tess_widget_file_render_text     (TessWidgetFile  *self,
                                                  JsonNode        *data,
                                                  GError         **error);
JsonNode       *tess_widget_file_render          (TessWidgetFile  *self,
                                                  JsonNode        *data,
                                                  GError         **error);
void            tess_widget_file_set_validator   (TessWidgetFile  *self,
                                                  TessWidgetValidateFunc func,
                                                  gpointer         user_data);
char           *tess_widget_file_to_data         (TessWidgetFile  *self,
                                                  JsonNode        *data,
                                                  GError         **error);
gboolean        tess_widget_file_save            (TessWidgetFile  *self,
                                                  const char      *path,
                                                  JsonNode        *data,
                                                  GError         **error);

/* Validation with the widget model (core/): errors fail, warnings do not. The default. */
gboolean        tess_widget_validate_model       (JsonNode        *widget,
                                                  gpointer         user_data,
                                                  GError         **error);

/* The shallow check ChatKit's DynamicWidgetRoot performs: the root type is Card, ListView or
 * Basic, and every node under "children" is an object with a string "type". */
gboolean        tess_widget_validate_shallow     (JsonNode        *widget,
                                                  gpointer         user_data,
                                                  GError         **error);

/* JSON.stringify (value, null, 2): what Widget Studio writes. */
char           *tess_json_to_string_pretty       (JsonNode        *node);

G_END_DECLS
