/* tess-json.h: JSON helpers shared by every layer that reads untrusted JSON
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deeper documents are refused before json-glib's recursive parser sees them. */
#define TESS_JSON_MAX_DEPTH 512

#define TESS_JSON_ERROR (tess_json_error_quark ())

typedef enum
{
  TESS_JSON_ERROR_SYNTAX,
  TESS_JSON_ERROR_TOO_DEEP,
} TessJsonError;

GQuark    tess_json_error_quark   (void);

/* Parses @text; errors say "LINE:COL: message". */
JsonNode *tess_json_parse         (const char  *text,
                                   gssize       length,
                                   GError     **error);
JsonNode *tess_json_parse_file    (const char  *path,
                                   GError     **error);
char     *tess_json_to_string     (JsonNode    *node,
                                   gboolean     pretty);

G_END_DECLS
