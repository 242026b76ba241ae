/* tess-cli-serve.c: `tessera-cli serve`, the playground ChatKit server on loopback
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>

#include "playground/tess-playground-server.h"

#include "tess-cli-serve.h"

static gboolean
on_signal (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
tess_cli_serve (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TessPlaygroundServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *db = NULL;
  g_autofree char *widgets = NULL;
  g_autofree char *url = NULL;
  gboolean memory = FALSE;
  int port = 8787;
  int delay = 30;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("Port on 127.0.0.1 (0 picks a free one; default 8787)"), N_("PORT") },
    { "widgets", 'w', 0, G_OPTION_ARG_FILENAME, &widgets,
      N_("Add the *.json and *.widget files in DIR to the gallery"), N_("DIR") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("SQLite database (default: the user data folder)"), N_("PATH") },
    { "memory", 0, 0, G_OPTION_ARG_NONE, &memory, N_("Keep threads in memory only"), NULL },
    { "delay", 0, 0, G_OPTION_ARG_INT, &delay,
      N_("Milliseconds between streamed words (default 30)"), N_("MS") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Run the Tessera playground, a scripted ChatKit "
                                           "server, on 127.0.0.1."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("tessera-cli serve: %s\n", error->message);
      return 2;
    }
  if (argc > 1)
    {
      g_printerr (_("tessera-cli serve: unexpected argument “%s”\n"), argv[1]);
      return 2;
    }
  if (port < 0 || port > 65535 || delay < 0 || delay > 10000)
    {
      g_printerr (_("tessera-cli serve: --port must be 0–65535 and --delay 0–10000\n"));
      return 2;
    }

  if (!memory && db == NULL)
    db = tess_playground_server_default_db_path ();
  server = tess_playground_server_new (memory ? NULL : db, &error);
  if (server == NULL)
    {
      g_printerr ("tessera-cli serve: %s\n", error->message);
      return 1;
    }
  tess_playground_responder_set_word_delay (tess_playground_server_get_responder (server), delay);
  if (widgets != NULL &&
      !tess_playground_responder_load_widgets_dir (tess_playground_server_get_responder (server),
                                                   widgets, &error))
    {
      g_printerr ("tessera-cli serve: %s\n", error->message);
      return 1;
    }
  if (!tess_playground_server_listen (server, port, &error))
    {
      g_printerr (_("tessera-cli serve: cannot listen on 127.0.0.1:%d: %s\n"), port,
                  error->message);
      return 1;
    }

  url = tess_playground_server_dup_url (server);
  printf ("%s\n", url);
  fflush (stdout);
  g_printerr (_("Tessera playground listening on %s (%s); Ctrl+C stops it.\n"), url,
              memory ? _("in memory") : db);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);

  tess_playground_server_disconnect (server);
  return 0;
}
