/* tess-cli-util.h: what several tessera-cli commands share
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *tess_cli_widget_json_from_document (JsonNode  *document,
                                              GError   **error);

G_END_DECLS
