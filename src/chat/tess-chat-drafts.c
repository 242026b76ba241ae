/* tess-chat-drafts.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "tess-chat-drafts.h"

char *
tess_chat_drafts_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "tessera", "drafts", NULL);
}

/* Sets @error from errno for @path; returns FALSE. */
static gboolean
set_errno_error (GError     **error,
                 const char  *path)
{
  int saved = errno;

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               "%s: %s", path, g_strerror (saved));
  return FALSE;
}

/* Thread ids and URLs are opaque: anything but [A-Za-z0-9_-] is escaped, so no key can name a
 * file outside the folder, break a key file's syntax or collide with another. */
static GString *
escape_key (const char *key)
{
  GString *name = g_string_new (NULL);

  for (const char *p = key; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '_' || *p == '-')
        g_string_append_c (name, *p);
      else
        g_string_append_printf (name, "%%%02X", (guchar) *p);
    }
  return name;
}

char *
tess_chat_drafts_path (const char *key)
{
  g_autofree char *dir = tess_chat_drafts_dir ();
  GString *name;
  char *path;

  g_return_val_if_fail (key != NULL && *key != '\0', NULL);

  name = escape_key (key);
  g_string_append (name, ".txt");
  path = g_build_filename (dir, name->str, NULL);
  g_string_free (name, TRUE);
  return path;
}

#define OPEN_CHATS_GROUP "open-chats"

static char *
open_chats_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "tessera", "open-chats.ini", NULL);
}

char *
tess_chat_drafts_load_open_thread (const char *server_key)
{
  g_autofree char *path = open_chats_path ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GString) key = NULL;
  char *id;

  g_return_val_if_fail (server_key != NULL, NULL);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return NULL;
  key = escape_key (server_key);
  id = g_key_file_get_string (file, OPEN_CHATS_GROUP, key->str, NULL);
  if (id != NULL && (*id == '\0' || !g_utf8_validate (id, -1, NULL)))
    g_clear_pointer (&id, g_free);
  return id;
}

gboolean
tess_chat_drafts_save_open_thread (const char  *server_key,
                                   const char  *thread_id,
                                   GError     **error)
{
  g_autofree char *path = open_chats_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GString) key = NULL;

  g_return_val_if_fail (server_key != NULL, FALSE);

  /* A missing or damaged file starts afresh: it only says where the user was. */
  g_key_file_load_from_file (file, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  key = escape_key (server_key);
  if (thread_id != NULL && *thread_id != '\0')
    g_key_file_set_string (file, OPEN_CHATS_GROUP, key->str, thread_id);
  else
    g_key_file_remove_key (file, OPEN_CHATS_GROUP, key->str, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_errno_error (error, dir);
  return g_key_file_save_to_file (file, path, error);
}

char *
tess_chat_drafts_load (const char *key)
{
  g_autofree char *path = tess_chat_drafts_path (key);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  if (!g_utf8_validate (text, -1, NULL) || *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

gboolean
tess_chat_drafts_save (const char  *key,
                       const char  *text,
                       GError     **error)
{
  g_autofree char *path = tess_chat_drafts_path (key);
  g_autofree char *dir = NULL;

  if (text == NULL || *text == '\0')
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        return set_errno_error (error, path);
      return TRUE;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_errno_error (error, dir);
  /* Written to a temporary file and renamed over the old one. */
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
