/* tess-json-strict.h: JSON exactly as Python's json.loads reads it
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TESS_JSON_STRICT_ERROR (tess_json_strict_error_quark ())

GQuark    tess_json_strict_error_quark (void);
/* Errors read "LINE:COL: what (char OFFSET)", positions in the text. */
JsonNode *tess_json_parse_strict       (const char  *text,
                                        gssize       length,
                                        GError     **error);

G_END_DECLS
