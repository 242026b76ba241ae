/* cli-driver.c: runs `chat` and `serve` the way tessera-cli will, for the tests
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cli/tess-cli-chat.h"
#include "cli/tess-cli-serve.h"

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc >= 2 && strcmp (argv[1], "chat") == 0)
    return tess_cli_chat (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "serve") == 0)
    return tess_cli_serve (argc - 1, argv + 1);

  g_printerr ("usage: cli-driver chat|serve …\n");
  return 2;
}
