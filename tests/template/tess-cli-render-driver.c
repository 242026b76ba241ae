/* A stand-alone driver for tess_cli_render(), used by the tests (the lead wires the real
 * subcommand into tessera-cli): `tess-cli-render-driver render ARGS…` behaves like
 * `tessera-cli render ARGS…`. */

#include "config.h"

#include "cli/tess-cli-render.h"

int
main (int argc, char **argv)
{
  if (argc < 2 || g_strcmp0 (argv[1], "render") != 0)
    {
      g_printerr ("usage: %s render ARGS…\n", argv[0]);
      return 2;
    }
  return tess_cli_render (argc - 1, argv + 1);
}
