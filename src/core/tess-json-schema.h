/* tess-json-schema.h: a JSON Schema (draft 2020-12) validator for sample data and widgets
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tess-diagnostic.h"

G_BEGIN_DECLS

/* Subschemas nested deeper than this are refused when the schema is read, and validation
 * stops (with a diagnostic) when schema applications nest deeper, for instance through a
 * $ref that recurses once per level of a deep instance. */
#define TESS_JSON_SCHEMA_MAX_DEPTH 512

/* Validation gives up (with a diagnostic) after this many schema applications, so that a
 * hostile schema (nested anyOf through $ref) cannot take exponential time. */
#define TESS_JSON_SCHEMA_MAX_STEPS 2000000

#define TESS_JSON_SCHEMA_ERROR (tess_json_schema_error_quark ())

typedef enum
{
  TESS_JSON_SCHEMA_ERROR_INVALID,
} TessJsonSchemaError;

typedef struct _TessJsonSchema TessJsonSchema;

#define TESS_TYPE_JSON_SCHEMA (tess_json_schema_get_type ())

GQuark          tess_json_schema_error_quark     (void);
GType           tess_json_schema_get_type        (void) G_GNUC_CONST;

/* Reads @schema (an object or a boolean; the node is copied). A schema with errors gives
 * NULL and @error says "POINTER: message" of the first; tess_json_schema_check() lists them
 * all. Remote $refs are refused; only "#" and "#/…" references resolve. */
TessJsonSchema *tess_json_schema_new             (JsonNode        *schema,
                                                  GError         **error);
TessJsonSchema *tess_json_schema_ref             (TessJsonSchema  *self);
void            tess_json_schema_unref           (TessJsonSchema  *self);

/* Every problem of @schema itself, with RFC 6901 pointers into the SCHEMA: errors (which
 * make tess_json_schema_new() fail) and warnings (keywords that are not supported and are
 * ignored). Never NULL. */
GPtrArray      *tess_json_schema_check           (JsonNode        *schema);

/* The warnings of a schema that was read: the same as tess_json_schema_check() gives. */
GPtrArray      *tess_json_schema_get_warnings    (TessJsonSchema  *self);

/* Validates @instance; gives TessDiagnostic elements with pointers into the INSTANCE, empty
 * when it is valid. "format" is not asserted, as in python-jsonschema by default. */
GPtrArray      *tess_json_schema_validate        (TessJsonSchema  *self,
                                                  JsonNode        *instance);
gboolean        tess_json_schema_is_valid        (TessJsonSchema  *self,
                                                  JsonNode        *instance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessJsonSchema, tess_json_schema_unref)

G_END_DECLS
