/* tess-playground-server.h: the built-in ChatKit server, on loopback
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "playground/tess-playground-responder.h"
#include "playground/tess-playground-store.h"

G_BEGIN_DECLS

/* Bodies larger than this are refused by attachments.create and the upload endpoint. */
#define TESS_PLAYGROUND_DEFAULT_MAX_UPLOAD (8 * 1024 * 1024)

#define TESS_TYPE_PLAYGROUND_SERVER (tess_playground_server_get_type ())

G_DECLARE_FINAL_TYPE (TessPlaygroundServer, tess_playground_server, TESS, PLAYGROUND_SERVER,
                      GObject)

/* @db_path NULL keeps threads in memory. */
TessPlaygroundServer    *tess_playground_server_new            (const char            *db_path,
                                                                GError               **error);
/* The default database: $XDG_DATA_HOME/tessera/playground.sqlite3. */
char                    *tess_playground_server_default_db_path (void);
TessPlaygroundResponder *tess_playground_server_get_responder  (TessPlaygroundServer  *self);
TessPlaygroundStore     *tess_playground_server_get_store      (TessPlaygroundServer  *self);
void                     tess_playground_server_set_max_upload (TessPlaygroundServer  *self,
                                                                gsize                  max_bytes);
/* Listens on 127.0.0.1 only; @port 0 picks a free one. */
gboolean                 tess_playground_server_listen         (TessPlaygroundServer  *self,
                                                                guint                  port,
                                                                GError               **error);
guint                    tess_playground_server_get_port       (TessPlaygroundServer  *self);
/* http://127.0.0.1:PORT/chatkit */
char                    *tess_playground_server_dup_url        (TessPlaygroundServer  *self);
void                     tess_playground_server_disconnect     (TessPlaygroundServer  *self);

G_END_DECLS
