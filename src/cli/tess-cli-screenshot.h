/* tess-cli-screenshot.h: `tessera-cli screenshot FILE -o OUT.png`
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

int tess_cli_screenshot (int    argc,
                         char **argv);

G_END_DECLS
