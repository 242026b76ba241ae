/* tess-protocol-json.h: JSON helpers for reading untrusted protocol JSON with JSON-pointer errors
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A mutable deep copy (parsed trees are immutable and json_node_copy() shares children). */
JsonNode   *tess_pjson_copy_node       (JsonNode    *node);
JsonObject *tess_pjson_copy_object     (JsonObject  *object);

/* Each getter fails with TESS_CHATKIT_ERROR_INVALID and "POINTER/MEMBER: …" when the member
 * is required and missing, or present (and not null) with the wrong type.  Absent or null
 * optional members leave *out untouched and succeed. */
gboolean    tess_pjson_get_string      (JsonObject   *object,
                                        const char   *member,
                                        const char   *pointer,
                                        gboolean      required,
                                        const char  **out,
                                        GError      **error);
gboolean    tess_pjson_get_object      (JsonObject   *object,
                                        const char   *member,
                                        const char   *pointer,
                                        gboolean      required,
                                        JsonObject  **out,
                                        GError      **error);
gboolean    tess_pjson_get_array       (JsonObject   *object,
                                        const char   *member,
                                        const char   *pointer,
                                        gboolean      required,
                                        JsonArray   **out,
                                        GError      **error);
gboolean    tess_pjson_get_int         (JsonObject   *object,
                                        const char   *member,
                                        const char   *pointer,
                                        gboolean      required,
                                        gint64       *out,
                                        GError      **error);
gboolean    tess_pjson_get_bool        (JsonObject   *object,
                                        const char   *member,
                                        const char   *pointer,
                                        gboolean      required,
                                        gboolean     *out,
                                        GError      **error);
gboolean    tess_pjson_get_double      (JsonObject   *object,
                                        const char   *member,
                                        const char   *pointer,
                                        gboolean      required,
                                        double       *out,
                                        GError      **error);
/* Checks every element of @array is an object with a string "type". */
gboolean    tess_pjson_check_typed_objects (JsonArray  *array,
                                            const char *pointer,
                                            GError    **error);
char       *tess_pjson_pointer_append  (const char   *pointer,
                                        const char   *member);

/* "an object", "a string", … for error messages. */
const char *tess_pjson_describe        (JsonNode     *node);

/* Compact serialisation. */
char       *tess_pjson_to_string       (JsonNode     *node);
char       *tess_pjson_object_to_string (JsonObject  *object);

G_END_DECLS
