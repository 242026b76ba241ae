/* tess-action.h: an ActionConfig as it leaves a widget
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TESS_TYPE_ACTION_CONFIG (tess_action_config_get_type ())

typedef struct
{
  char     *type;
  JsonNode *payload;          /* with form values merged in; NULL when absent */
  char     *handler;          /* "server" (default) or "client" */
  char     *loading_behavior; /* as configured: "auto" (default), "self", "container", "none" */
  gboolean  streaming;        /* default TRUE */
} TessActionConfig;

GType             tess_action_config_get_type  (void) G_GNUC_CONST;
/* NULL when @json is not an object with a string "type". */
TessActionConfig *tess_action_config_new_from_json (JsonNode               *json);
TessActionConfig *tess_action_config_copy      (const TessActionConfig *self);
void              tess_action_config_free      (TessActionConfig       *self);
/* {type, payload, handler, loadingBehavior, streaming} */
JsonNode         *tess_action_config_to_json   (const TessActionConfig *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessActionConfig, tess_action_config_free)

G_END_DECLS
