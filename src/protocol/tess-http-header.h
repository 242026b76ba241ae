/* tess-http-header.h: extra request headers as people type them ("Name: value")
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Splits "Name: value" into its trimmed halves; the name must be an HTTP token and the value
 * may not hold line breaks. */
gboolean tess_http_header_parse     (const char  *line,
                                     char       **name,
                                     char       **value,
                                     GError     **error);
/* Whether a header's value is a credential that belongs in the keyring: Authorization,
 * Cookie, or a name containing "token", "key" or "secret" (any case). */
gboolean tess_http_header_is_secret (const char  *name);

G_END_DECLS
