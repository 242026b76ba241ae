/* layout-cli-driver.c: runs tess_cli_layout() as `layout-cli-driver layout ARGS…`, until the
 * subcommand is wired into tessera-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "cli/tess-cli-layout.h"

int
main (int    argc,
      char **argv)
{
  if (argc < 2 || g_strcmp0 (argv[1], "layout") != 0)
    {
      fprintf (stderr, "usage: %s layout --width W FILE\n", argv[0]);
      return 2;
    }
  return tess_cli_layout (argc - 1, argv + 1);
}
