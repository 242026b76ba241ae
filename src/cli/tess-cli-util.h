/* tess-cli-util.h: what several tessera-cli commands share
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *tess_cli_read_json_file       (const char  *path,
                                         GError     **error);
void      tess_cli_prefix_error         (GError     **error,
                                         const char  *path);
JsonNode *tess_cli_parse_json_file      (const char  *path,
                                         GError     **error);
gboolean  tess_cli_is_widget_file       (JsonNode    *document);
JsonNode *tess_cli_load_data            (const char  *data_path,
                                         GError     **error);
JsonNode *tess_cli_build_widget_file    (const char  *path,
                                         JsonNode    *document,
                                         const char  *data_path,
                                         GError     **error);
JsonNode *tess_cli_widget_from_document (const char  *path,
                                         JsonNode    *document,
                                         const char  *data_path,
                                         GError     **error);
JsonNode *tess_cli_load_widget          (const char  *path,
                                         const char  *data_path,
                                         GError     **error);

G_END_DECLS
