/* tess-playground-store.h: SQLite persistence of the playground's threads, items, attachments
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TESS_PLAYGROUND_STORE_ERROR (tess_playground_store_error_quark ())

typedef enum
{
  TESS_PLAYGROUND_STORE_ERROR_DATABASE,
  TESS_PLAYGROUND_STORE_ERROR_NOT_FOUND,
} TessPlaygroundStoreError;

GQuark tess_playground_store_error_quark (void);

#define TESS_TYPE_PLAYGROUND_STORE (tess_playground_store_get_type ())

G_DECLARE_FINAL_TYPE (TessPlaygroundStore, tess_playground_store, TESS, PLAYGROUND_STORE, GObject)

/* @path NULL or ":memory:" keeps everything in memory. */
TessPlaygroundStore *tess_playground_store_new            (const char           *path,
                                                           GError              **error);
/* "PREFIX_" + 8 hex digits. */
char                *tess_playground_store_new_id         (const char           *prefix);
/* An ISO-8601 UTC timestamp for created_at. */
char                *tess_playground_store_now            (void);

/* Thread metadata objects: {id, created_at, title?, status, metadata}. */
JsonObject          *tess_playground_store_create_thread  (TessPlaygroundStore  *self,
                                                           GError              **error);
JsonObject          *tess_playground_store_load_thread    (TessPlaygroundStore  *self,
                                                           const char           *thread_id,
                                                           GError              **error);
gboolean             tess_playground_store_set_title      (TessPlaygroundStore  *self,
                                                           const char           *thread_id,
                                                           const char           *title,
                                                           GError              **error);
/* @status is a ThreadStatus object: {"type": "active"|"locked"|"closed", "reason"?}. */
gboolean             tess_playground_store_set_status     (TessPlaygroundStore  *self,
                                                           const char           *thread_id,
                                                           JsonObject           *status,
                                                           GError              **error);
gboolean             tess_playground_store_delete_thread  (TessPlaygroundStore  *self,
                                                           const char           *thread_id,
                                                           GError              **error);
/* A Page<Thread> object (each thread with an empty items page). */
JsonObject          *tess_playground_store_list_threads   (TessPlaygroundStore  *self,
                                                           guint                 limit,
                                                           gboolean              descending,
                                                           const char           *after,
                                                           GError              **error);

/* Items, kept in insertion order; saving an existing id replaces it in place. */
gboolean             tess_playground_store_save_item      (TessPlaygroundStore  *self,
                                                           const char           *thread_id,
                                                           JsonObject           *item,
                                                           GError              **error);
JsonObject          *tess_playground_store_load_item      (TessPlaygroundStore  *self,
                                                           const char           *thread_id,
                                                           const char           *item_id,
                                                           GError              **error);
gboolean             tess_playground_store_delete_item    (TessPlaygroundStore  *self,
                                                           const char           *thread_id,
                                                           const char           *item_id,
                                                           GError              **error);
/* Deletes every item after @item_id; returns how many or -1. */
int                  tess_playground_store_delete_items_after (TessPlaygroundStore *self,
                                                               const char          *thread_id,
                                                               const char          *item_id,
                                                               GError             **error);
/* The newest item or NULL. */
JsonObject          *tess_playground_store_last_item      (TessPlaygroundStore  *self,
                                                           const char           *thread_id);
/* A Page<ThreadItem> object. */
JsonObject          *tess_playground_store_list_items     (TessPlaygroundStore  *self,
                                                           const char           *thread_id,
                                                           guint                 limit,
                                                           gboolean              descending,
                                                           const char           *after,
                                                           GError              **error);
gboolean             tess_playground_store_set_feedback   (TessPlaygroundStore  *self,
                                                           const char           *thread_id,
                                                           const char           *item_id,
                                                           const char           *kind,
                                                           GError              **error);
/* The feedback kind of an item, or NULL. */
char                *tess_playground_store_get_feedback   (TessPlaygroundStore  *self,
                                                           const char           *thread_id,
                                                           const char           *item_id);

/* Attachments.  The object is the wire Attachment without upload_descriptor. */
gboolean             tess_playground_store_save_attachment (TessPlaygroundStore *self,
                                                            JsonObject          *attachment,
                                                            gint64               declared_size,
                                                            GError             **error);
JsonObject          *tess_playground_store_load_attachment (TessPlaygroundStore *self,
                                                            const char          *attachment_id,
                                                            gint64              *declared_size,
                                                            GBytes             **contents,
                                                            GError             **error);
gboolean             tess_playground_store_set_attachment_contents
                                                          (TessPlaygroundStore  *self,
                                                           const char           *attachment_id,
                                                           GBytes               *contents,
                                                           GError              **error);
gboolean             tess_playground_store_delete_attachment (TessPlaygroundStore *self,
                                                              const char          *attachment_id,
                                                              GError             **error);

G_END_DECLS
