/* tessera-cli.c: Tessera without a window
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tess-cli-chat.h"
#include "tess-cli-layout.h"
#include "tess-cli-render.h"
#include "tess-cli-screenshot.h"
#include "tess-cli-serve.h"
#include "tess-cli-validate.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} TessCliCommand;

static const TessCliCommand commands[] = {
  { "validate", tess_cli_validate, N_("Check widget JSON, widget items or .widget files") },
  { "render", tess_cli_render,
    N_("Hydrate a .widget template with data and print the widget JSON") },
  { "chat", tess_cli_chat, N_("Talk to a ChatKit server: send, act, retry, list, …") },
  { "screenshot", tess_cli_screenshot, N_("Render a widget offscreen to a PNG file") },
  { "layout", tess_cli_layout, N_("Lay a widget out with GTK and print its geometry as JSON") },
  { "serve", tess_cli_serve, N_("Run the playground ChatKit server on 127.0.0.1") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n%s\n", _("Usage: tessera-cli COMMAND [OPTION…]"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n",
           _("Run “tessera-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("tessera-cli");

  /* Headless commands that draw with GTK need no accessibility bus. */
  g_setenv ("GTK_A11Y", "none", FALSE);

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("tessera-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (argv[1], commands[i].name) == 0)
        {
          g_autofree char *prgname = g_strdup_printf ("tessera-cli %s", commands[i].name);

          /* GOptionContext's "Usage:" line names the program: name the command too. */
          g_set_prgname (prgname);
          return commands[i].run (argc - 1, argv + 1);
        }
    }

  g_printerr (_("tessera-cli: unknown command “%s”\n\n"), argv[1]);
  print_usage (stderr);

  return 2;
}
