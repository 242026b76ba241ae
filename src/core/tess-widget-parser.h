/* tess-widget-parser.h: widget JSON → TessNode tree, with validation diagnostics
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsing and validation are one walk: the tree holds whatever could be understood (so the
 * renderer can show it), and @diagnostics say what was wrong, by JSON pointer. The levels are
 * those of ../shared/spec/widgets.md §8: null props count as absent; unknown props, display
 * text given as a number and nesting outside the documented rules are warnings; a bad root,
 * an unknown type, a missing required prop, a wrong JSON type or a value outside its enum are
 * errors.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tess-diagnostic.h"
#include "tess-node.h"

G_BEGIN_DECLS

#define TESS_WIDGET_ERROR (tess_widget_error_quark ())

typedef enum
{
  TESS_WIDGET_ERROR_INVALID,
} TessWidgetError;

GQuark    tess_widget_error_quark          (void);

/* A widget root (Card, ListView, Basic). Returns NULL only when @json is not a node at all. */
TessNode *tess_widget_parse                (JsonNode    *json,
                                            GPtrArray   *diagnostics);

/* A widget root or a thread item envelope {"type": "widget", "widget": …, "copy_text": …};
 * pointers are relative to @json, so an envelope's problems start with "/widget". */
TessNode *tess_widget_parse_document       (JsonNode    *json,
                                            GPtrArray   *diagnostics,
                                            char       **copy_text);

/* Any single node (a component or a root), for palettes and fragments. */
TessNode *tess_widget_parse_component      (JsonNode    *json,
                                            GPtrArray   *diagnostics);

/* Parse and validate JSON text; @error is set only when the text is not JSON. */
TessNode *tess_widget_parse_string         (const char  *text,
                                            gssize       length,
                                            GPtrArray   *diagnostics,
                                            GError     **error);

/* Checks one value against a prop of the catalog (the inspector's edits, the tests). */
void      tess_prop_info_validate          (const TessPropInfo *prop,
                                            JsonNode           *value,
                                            const char         *pointer,
                                            GPtrArray          *diagnostics);

const char *tess_json_node_describe_type   (JsonNode    *node);

G_END_DECLS
