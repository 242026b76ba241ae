/* tess-playground-store.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <sqlite3.h>
#include <string.h>

#include "core/tess-json.h"
#include "protocol/tess-protocol-json.h"

#include "tess-playground-store.h"

struct _TessPlaygroundStore
{
  GObject  parent_instance;

  sqlite3 *db;
};

G_DEFINE_FINAL_TYPE (TessPlaygroundStore, tess_playground_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (tess-playground-store-error-quark, tess_playground_store_error)

static const char *schema =
  "PRAGMA foreign_keys = ON;"
  "CREATE TABLE IF NOT EXISTS threads ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  id TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  title TEXT,"
  "  status TEXT);"
  "CREATE TABLE IF NOT EXISTS items ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,"
  "  id TEXT NOT NULL,"
  "  json TEXT NOT NULL,"
  "  feedback TEXT,"
  "  UNIQUE (thread_id, id));"
  "CREATE TABLE IF NOT EXISTS attachments ("
  "  id TEXT PRIMARY KEY,"
  "  json TEXT NOT NULL,"
  "  declared_size INTEGER NOT NULL,"
  "  contents BLOB);";

static void
tess_playground_store_finalize (GObject *object)
{
  TessPlaygroundStore *self = (TessPlaygroundStore *) object;

  g_clear_pointer (&self->db, sqlite3_close);

  G_OBJECT_CLASS (tess_playground_store_parent_class)->finalize (object);
}

static void
tess_playground_store_class_init (TessPlaygroundStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tess_playground_store_finalize;
}

static void
tess_playground_store_init (TessPlaygroundStore *self)
{
}

static gboolean
db_error (TessPlaygroundStore  *self,
          const char           *what,
          GError              **error)
{
  g_set_error (error, TESS_PLAYGROUND_STORE_ERROR, TESS_PLAYGROUND_STORE_ERROR_DATABASE,
               "%s: %s", what, sqlite3_errmsg (self->db));
  return FALSE;
}

TessPlaygroundStore *
tess_playground_store_new (const char  *path,
                           GError     **error)
{
  g_autoptr(TessPlaygroundStore) self = g_object_new (TESS_TYPE_PLAYGROUND_STORE, NULL);
  char *message = NULL;

  if (path == NULL)
    path = ":memory:";

  if (strcmp (path, ":memory:") != 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_set_error (error, TESS_PLAYGROUND_STORE_ERROR, TESS_PLAYGROUND_STORE_ERROR_DATABASE,
                       "%s: cannot create the folder: %s", dir, g_strerror (errno));
          return NULL;
        }
    }

  if (sqlite3_open (path, &self->db) != SQLITE_OK)
    {
      g_set_error (error, TESS_PLAYGROUND_STORE_ERROR, TESS_PLAYGROUND_STORE_ERROR_DATABASE,
                   "%s: %s", path, self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 2000);

  if (sqlite3_exec (self->db, schema, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, TESS_PLAYGROUND_STORE_ERROR, TESS_PLAYGROUND_STORE_ERROR_DATABASE,
                   "%s: %s", path, message);
      sqlite3_free (message);
      return NULL;
    }

  /* Databases from before thread statuses lack the column; adding it twice fails harmlessly. */
  sqlite3_exec (self->db, "ALTER TABLE threads ADD COLUMN status TEXT", NULL, NULL, NULL);

  return g_steal_pointer (&self);
}

char *
tess_playground_store_new_id (const char *prefix)
{
  return g_strdup_printf ("%s_%08x", prefix, g_random_int ());
}

char *
tess_playground_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static sqlite3_stmt *
prepare (TessPlaygroundStore  *self,
         const char           *sql,
         GError              **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      db_error (self, "prepare", error);
      return NULL;
    }
  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = text ? tess_json_parse (text, -1, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return tess_pjson_copy_object (json_node_get_object (node));
}

static JsonObject *
thread_from_row (sqlite3_stmt *stmt)
{
  JsonObject *thread = json_object_new ();
  JsonObject *status = json_object_new ();
  const char *title = (const char *) sqlite3_column_text (stmt, 2);

  json_object_set_string_member (thread, "id", (const char *) sqlite3_column_text (stmt, 0));
  json_object_set_string_member (thread, "created_at",
                                 (const char *) sqlite3_column_text (stmt, 1));
  if (title != NULL)
    json_object_set_string_member (thread, "title", title);
  /* A stored status is the wire ThreadStatus object; none means active. */
  {
    JsonObject *stored = parse_object ((const char *) sqlite3_column_text (stmt, 3));

    if (stored != NULL && json_object_has_member (stored, "type"))
      {
        json_object_unref (status);
        status = stored;
      }
    else
      {
        g_clear_pointer (&stored, json_object_unref);
        json_object_set_string_member (status, "type", "active");
      }
  }
  json_object_set_object_member (thread, "status", status);
  json_object_set_object_member (thread, "metadata", json_object_new ());
  return thread;
}

JsonObject *
tess_playground_store_create_thread (TessPlaygroundStore  *self,
                                     GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = tess_playground_store_new_id ("thr");
  g_autofree char *now = tess_playground_store_now ();

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), NULL);

  if (!(stmt = prepare (self, "INSERT INTO threads (id, created_at) VALUES (?, ?)", error)))
    return NULL;
  bind_text (stmt, 1, id);
  bind_text (stmt, 2, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      db_error (self, "create thread", error);
      return NULL;
    }

  return tess_playground_store_load_thread (self, id, error);
}

JsonObject *
tess_playground_store_load_thread (TessPlaygroundStore  *self,
                                   const char           *thread_id,
                                   GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), NULL);
  g_return_val_if_fail (thread_id != NULL, NULL);

  stmt = prepare (self, "SELECT id, created_at, title, status FROM threads WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, thread_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, TESS_PLAYGROUND_STORE_ERROR, TESS_PLAYGROUND_STORE_ERROR_NOT_FOUND,
                   "no thread “%s”", thread_id);
      return NULL;
    }
  return thread_from_row (stmt);
}

static gboolean
exec_changes (TessPlaygroundStore  *self,
              sqlite3_stmt         *stmt,
              const char           *what,
              const char           *missing,
              GError              **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_error (self, what, error);
  if (missing != NULL && sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TESS_PLAYGROUND_STORE_ERROR, TESS_PLAYGROUND_STORE_ERROR_NOT_FOUND,
                   "%s", missing);
      return FALSE;
    }
  return TRUE;
}

gboolean
tess_playground_store_set_title (TessPlaygroundStore  *self,
                                 const char           *thread_id,
                                 const char           *title,
                                 GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *missing = g_strdup_printf ("no thread “%s”", thread_id);

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), FALSE);

  if (!(stmt = prepare (self, "UPDATE threads SET title = ? WHERE id = ?", error)))
    return FALSE;
  bind_text (stmt, 1, title);
  bind_text (stmt, 2, thread_id);
  return exec_changes (self, stmt, "rename thread", missing, error);
}

gboolean
tess_playground_store_set_status (TessPlaygroundStore  *self,
                                  const char           *thread_id,
                                  JsonObject           *status,
                                  GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *missing = g_strdup_printf ("no thread “%s”", thread_id);
  g_autofree char *json = NULL;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  json = tess_pjson_object_to_string (status);
  if (!(stmt = prepare (self, "UPDATE threads SET status = ? WHERE id = ?", error)))
    return FALSE;
  bind_text (stmt, 1, json);
  bind_text (stmt, 2, thread_id);
  return exec_changes (self, stmt, "set thread status", missing, error);
}

gboolean
tess_playground_store_delete_thread (TessPlaygroundStore  *self,
                                     const char           *thread_id,
                                     GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *missing = g_strdup_printf ("no thread “%s”", thread_id);

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), FALSE);

  if (!(stmt = prepare (self, "DELETE FROM threads WHERE id = ?", error)))
    return FALSE;
  bind_text (stmt, 1, thread_id);
  return exec_changes (self, stmt, "delete thread", missing, error);
}

static JsonObject *
empty_page (void)
{
  JsonObject *page = json_object_new ();

  json_object_set_array_member (page, "data", json_array_new ());
  json_object_set_boolean_member (page, "has_more", FALSE);
  return page;
}

/* Runs a paged query: @sql selects rows by seq with "?1" = thread id (or unused), "?2" = the
 * cursor's seq, "?3" = limit + 1.  @row_func turns a row into an object with an "id". */
static JsonObject *
run_page (TessPlaygroundStore  *self,
          const char           *sql,
          const char           *thread_id,
          gint64                cursor_seq,
          guint                 limit,
          JsonObject *        (*row_func) (sqlite3_stmt *stmt),
          GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonObject *page;
  JsonArray *data;
  guint n = 0;
  const char *last_id = NULL;
  gboolean has_more = FALSE;

  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  bind_text (stmt, 1, thread_id);
  sqlite3_bind_int64 (stmt, 2, cursor_seq);
  sqlite3_bind_int64 (stmt, 3, (gint64) limit + 1);

  page = empty_page ();
  data = json_object_get_array_member (page, "data");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *row;

      if (n == limit)
        {
          has_more = TRUE;
          break;
        }
      row = row_func (stmt);
      if (row == NULL)
        continue;
      json_array_add_object_element (data, row);
      last_id = json_object_get_string_member (row, "id");
      n++;
    }

  json_object_set_boolean_member (page, "has_more", has_more);
  if (has_more && last_id != NULL)
    json_object_set_string_member (page, "after", last_id);
  return page;
}

static JsonObject *
thread_row_with_items (sqlite3_stmt *stmt)
{
  JsonObject *thread = thread_from_row (stmt);

  json_object_set_object_member (thread, "items", empty_page ());
  return thread;
}

static gint64
cursor_seq (TessPlaygroundStore *self,
            const char          *sql,
            const char          *thread_id,
            const char          *after,
            gboolean             descending)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (after == NULL || !(stmt = prepare (self, sql, NULL)))
    return descending ? G_MAXINT64 : -1;
  bind_text (stmt, 1, thread_id);
  bind_text (stmt, 2, after);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return descending ? G_MAXINT64 : -1;
  return sqlite3_column_int64 (stmt, 0);
}

JsonObject *
tess_playground_store_list_threads (TessPlaygroundStore  *self,
                                    guint                 limit,
                                    gboolean              descending,
                                    const char           *after,
                                    GError              **error)
{
  gint64 seq;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), NULL);

  seq = cursor_seq (self, "SELECT seq FROM threads WHERE ?1 IS NULL AND id = ?2", NULL, after,
                    descending);
  return run_page (self,
                   descending
                   ? "SELECT id, created_at, title, status FROM threads"
                     " WHERE ?1 IS NULL AND seq < ?2 ORDER BY seq DESC LIMIT ?3"
                   : "SELECT id, created_at, title, status FROM threads"
                     " WHERE ?1 IS NULL AND seq > ?2 ORDER BY seq ASC LIMIT ?3",
                   NULL, seq, limit, thread_row_with_items, error);
}

gboolean
tess_playground_store_save_item (TessPlaygroundStore  *self,
                                 const char           *thread_id,
                                 JsonObject           *item,
                                 GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  json = tess_pjson_object_to_string (item);
  if (!(stmt = prepare (self,
                        "INSERT INTO items (thread_id, id, json) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT (thread_id, id) DO UPDATE SET json = excluded.json",
                        error)))
    return FALSE;
  bind_text (stmt, 1, thread_id);
  bind_text (stmt, 2, json_object_get_string_member (item, "id"));
  bind_text (stmt, 3, json);
  return exec_changes (self, stmt, "save item", NULL, error);
}

static JsonObject *
item_from_row (sqlite3_stmt *stmt)
{
  return parse_object ((const char *) sqlite3_column_text (stmt, 0));
}

JsonObject *
tess_playground_store_load_item (TessPlaygroundStore  *self,
                                 const char           *thread_id,
                                 const char           *item_id,
                                 GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonObject *item;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), NULL);

  if (!(stmt = prepare (self, "SELECT json FROM items WHERE thread_id = ? AND id = ?", error)))
    return NULL;
  bind_text (stmt, 1, thread_id);
  bind_text (stmt, 2, item_id);
  if (sqlite3_step (stmt) != SQLITE_ROW || !(item = item_from_row (stmt)))
    {
      g_set_error (error, TESS_PLAYGROUND_STORE_ERROR, TESS_PLAYGROUND_STORE_ERROR_NOT_FOUND,
                   "no item “%s” in thread “%s”", item_id, thread_id);
      return NULL;
    }
  return item;
}

gboolean
tess_playground_store_delete_item (TessPlaygroundStore  *self,
                                   const char           *thread_id,
                                   const char           *item_id,
                                   GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), FALSE);

  if (!(stmt = prepare (self, "DELETE FROM items WHERE thread_id = ? AND id = ?", error)))
    return FALSE;
  bind_text (stmt, 1, thread_id);
  bind_text (stmt, 2, item_id);
  return exec_changes (self, stmt, "delete item", NULL, error);
}

int
tess_playground_store_delete_items_after (TessPlaygroundStore  *self,
                                          const char           *thread_id,
                                          const char           *item_id,
                                          GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), -1);

  if (!(stmt = prepare (self,
                        "DELETE FROM items WHERE thread_id = ?1 AND seq > "
                        "(SELECT seq FROM items WHERE thread_id = ?1 AND id = ?2)", error)))
    return -1;
  bind_text (stmt, 1, thread_id);
  bind_text (stmt, 2, item_id);
  if (!exec_changes (self, stmt, "delete items", NULL, error))
    return -1;
  return sqlite3_changes (self->db);
}

JsonObject *
tess_playground_store_last_item (TessPlaygroundStore *self,
                                 const char          *thread_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), NULL);

  if (!(stmt = prepare (self, "SELECT json FROM items WHERE thread_id = ? "
                              "ORDER BY seq DESC LIMIT 1", NULL)))
    return NULL;
  bind_text (stmt, 1, thread_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return item_from_row (stmt);
}

JsonObject *
tess_playground_store_list_items (TessPlaygroundStore  *self,
                                  const char           *thread_id,
                                  guint                 limit,
                                  gboolean              descending,
                                  const char           *after,
                                  GError              **error)
{
  gint64 seq;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), NULL);

  seq = cursor_seq (self, "SELECT seq FROM items WHERE thread_id = ?1 AND id = ?2", thread_id,
                    after, descending);
  return run_page (self,
                   descending
                   ? "SELECT json FROM items WHERE thread_id = ?1 AND seq < ?2 "
                     "ORDER BY seq DESC LIMIT ?3"
                   : "SELECT json FROM items WHERE thread_id = ?1 AND seq > ?2 "
                     "ORDER BY seq ASC LIMIT ?3",
                   thread_id, seq, limit, item_from_row, error);
}

gboolean
tess_playground_store_set_feedback (TessPlaygroundStore  *self,
                                    const char           *thread_id,
                                    const char           *item_id,
                                    const char           *kind,
                                    GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *missing = g_strdup_printf ("no item “%s” in thread “%s”", item_id, thread_id);

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), FALSE);

  if (!(stmt = prepare (self, "UPDATE items SET feedback = ? WHERE thread_id = ? AND id = ?",
                        error)))
    return FALSE;
  bind_text (stmt, 1, kind);
  bind_text (stmt, 2, thread_id);
  bind_text (stmt, 3, item_id);
  return exec_changes (self, stmt, "feedback", missing, error);
}

char *
tess_playground_store_get_feedback (TessPlaygroundStore *self,
                                    const char          *thread_id,
                                    const char          *item_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), NULL);

  if (!(stmt = prepare (self, "SELECT feedback FROM items WHERE thread_id = ? AND id = ?", NULL)))
    return NULL;
  bind_text (stmt, 1, thread_id);
  bind_text (stmt, 2, item_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
tess_playground_store_save_attachment (TessPlaygroundStore  *self,
                                       JsonObject           *attachment,
                                       gint64                declared_size,
                                       GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), FALSE);

  json = tess_pjson_object_to_string (attachment);
  if (!(stmt = prepare (self,
                        "INSERT INTO attachments (id, json, declared_size) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT (id) DO UPDATE SET json = excluded.json", error)))
    return FALSE;
  bind_text (stmt, 1, json_object_get_string_member (attachment, "id"));
  bind_text (stmt, 2, json);
  sqlite3_bind_int64 (stmt, 3, declared_size);
  return exec_changes (self, stmt, "save attachment", NULL, error);
}

JsonObject *
tess_playground_store_load_attachment (TessPlaygroundStore  *self,
                                       const char           *attachment_id,
                                       gint64               *declared_size,
                                       GBytes              **contents,
                                       GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonObject *attachment;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), NULL);

  if (!(stmt = prepare (self, "SELECT json, declared_size, contents FROM attachments "
                              "WHERE id = ?", error)))
    return NULL;
  bind_text (stmt, 1, attachment_id);
  if (sqlite3_step (stmt) != SQLITE_ROW || !(attachment = item_from_row (stmt)))
    {
      g_set_error (error, TESS_PLAYGROUND_STORE_ERROR, TESS_PLAYGROUND_STORE_ERROR_NOT_FOUND,
                   "no attachment “%s”", attachment_id);
      return NULL;
    }
  if (declared_size != NULL)
    *declared_size = sqlite3_column_int64 (stmt, 1);
  if (contents != NULL)
    {
      *contents = NULL;
      if (sqlite3_column_type (stmt, 2) == SQLITE_BLOB)
        *contents = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
    }
  return attachment;
}

gboolean
tess_playground_store_set_attachment_contents (TessPlaygroundStore  *self,
                                               const char           *attachment_id,
                                               GBytes               *contents,
                                               GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *missing = g_strdup_printf ("no attachment “%s”", attachment_id);
  gsize length;
  gconstpointer data;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), FALSE);

  data = g_bytes_get_data (contents, &length);
  if (!(stmt = prepare (self, "UPDATE attachments SET contents = ? WHERE id = ?", error)))
    return FALSE;
  /* An empty blob must still be a blob, not NULL ("not uploaded"). */
  sqlite3_bind_blob64 (stmt, 1, data ? data : "", length, SQLITE_TRANSIENT);
  bind_text (stmt, 2, attachment_id);
  return exec_changes (self, stmt, "upload", missing, error);
}

gboolean
tess_playground_store_delete_attachment (TessPlaygroundStore  *self,
                                         const char           *attachment_id,
                                         GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *missing = g_strdup_printf ("no attachment “%s”", attachment_id);

  g_return_val_if_fail (TESS_IS_PLAYGROUND_STORE (self), FALSE);

  if (!(stmt = prepare (self, "DELETE FROM attachments WHERE id = ?", error)))
    return FALSE;
  bind_text (stmt, 1, attachment_id);
  return exec_changes (self, stmt, "delete attachment", missing, error);
}
