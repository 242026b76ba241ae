/* chat-test-util.h: a Chat view in a window against a playground on loopback, and what the
 * Chat tests do with it: wait, find, click and type as a person would
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "chat/tess-chat-item-row.h"
#include "chat/tess-chat-view.h"
#include "playground/tess-playground-server.h"

/* Every wait is bounded: a hung request fails the test instead of hanging it. */
#define WAIT_SECONDS 30

typedef struct
{
  char                 *db_path;
  TessPlaygroundServer *server;
  GtkWidget            *window;
  TessChatView         *view;
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture, gpointer data);

/* The test's folder; XDG_STATE_HOME and XDG_DATA_HOME are inside it. */
extern char *tmp_root;

/* Makes the test's folder (named after @name) and points the user folders into it, then
 * initializes GTK and libadwaita; chat_test_run () runs the tests and removes the folder. */
void chat_test_init (const char   *name,
                     int          *argc,
                     char       ***argv);
int  chat_test_run  (void);

TessPlaygroundServer *
start_server (const char *db_path,
              guint       port);

void
show_view (Fixture *fixture);

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data);

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data);

void
iterate (void);

gboolean
wait_for (Fixture   *fixture,
          Condition  condition,
          gpointer   data);

gboolean
is_busy (Fixture *fixture,
         gpointer data);

gboolean
is_idle (Fixture *fixture,
         gpointer data);

void
collect_full (GtkWidget *root,
              GType      type,
              gboolean   mapped_only,
              GPtrArray *found);

void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found);

GPtrArray *
rows_of (Fixture *fixture);

GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip_or_label);

gboolean
is_clickable (GtkWidget *widget);

void
click (GtkWidget *button);

char *
composer_text (Fixture *fixture);

void
type_message (Fixture    *fixture,
              const char *text);

void
send_message (Fixture    *fixture,
              const char *text);

TessChatItemRow *
last_row_of_kind (Fixture      *fixture,
                  TessItemKind  kind);

guint
count_kind (Fixture      *fixture,
            TessItemKind  kind);

void
remove_tree (const char *path);
