/* A stand-alone driver for tess_cli_render(), used by the tests (the lead wires the real
 * subcommand into tessera-cli). */

#include "config.h"

#include "cli/tess-cli-render.h"

int
main (int argc, char **argv)
{
  return tess_cli_render (argc, argv);
}
