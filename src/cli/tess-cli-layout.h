/* tess-cli-layout.h: `tessera-cli layout --width W FILE`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int tess_cli_layout (int    argc,
                     char **argv);

G_END_DECLS
