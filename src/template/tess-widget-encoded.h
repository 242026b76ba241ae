/* tess-widget-encoded.h: the Widget Builder project inside a `.widget` file's encodedWidget
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Decodes base64url JSON (padded or not). Returns NULL when @encoded is not base64 of a JSON
 * object; @padded (nullable) tells whether the text had '=' padding, to write it back alike. */
JsonObject *tess_widget_encoded_decode       (const char  *encoded,
                                              gboolean    *padded);
/* The project as compact JSON in base64url, padded when @padded. */
char       *tess_widget_encoded_encode       (JsonObject  *project,
                                              gboolean     padded);

/* The example states of a project: "states" is an array of objects with a "name" and the data
 * as "state" (Widget Builder's shape); "data" is read too. Returns the data (not a copy), or
 * NULL when the entry has none. */
const char *tess_widget_state_get_name       (JsonObject  *state);
JsonNode   *tess_widget_state_get_data       (JsonObject  *state);

G_END_DECLS
