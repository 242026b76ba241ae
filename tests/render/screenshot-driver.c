/* screenshot-driver.c: runs `tessera-cli screenshot` without the rest of tessera-cli
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cli/tess-cli-screenshot.h"

int
main (int    argc,
      char **argv)
{
  return tess_cli_screenshot (argc, argv);
}
