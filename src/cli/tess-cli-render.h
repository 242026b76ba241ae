/* tess-cli-render.h: `tessera-cli render`
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int tess_cli_render (int argc, char **argv);

G_END_DECLS
