/* layout-fixture-check.c: run fixture files through the engine and report each one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   layout-fixture-check FILE…   exit status 1 when any fixture fails
 */

#include "config.h"

#include <stdio.h>

#include "tess-layout-fixture.h"

int
main (int    argc,
      char **argv)
{
  guint passed = 0, failed = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TessLayoutFixture) fixture = tess_layout_fixture_load (argv[i], &error);
      g_autofree char *mismatch = NULL;

      if (fixture == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          failed++;
          continue;
        }
      mismatch = tess_layout_fixture_run (fixture);
      if (mismatch == NULL)
        passed++;
      else
        {
          printf ("FAIL %s\n%s", argv[i], mismatch);
          failed++;
        }
    }
  printf ("%u passed, %u failed\n", passed, failed);
  return failed > 0;
}
