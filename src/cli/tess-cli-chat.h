/* tess-cli-chat.h
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int tess_cli_chat (int    argc,
                   char **argv);

G_END_DECLS
