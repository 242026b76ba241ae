/* tess-http-header.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "tess-http-header.h"

/* RFC 9110 token characters. */
static gboolean
is_token_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

gboolean
tess_http_header_parse (const char  *line,
                        char       **name,
                        char       **value,
                        GError     **error)
{
  const char *colon;
  g_autofree char *n = NULL;
  g_autofree char *v = NULL;

  g_return_val_if_fail (line != NULL, FALSE);

  colon = strchr (line, ':');
  if (colon == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Header “%s”: expected “Name: value”"), line);
      return FALSE;
    }
  n = g_strstrip (g_strndup (line, colon - line));
  v = g_strstrip (g_strdup (colon + 1));
  if (*n == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Header “%s”: the name is missing"), line);
      return FALSE;
    }
  for (const char *p = n; *p != '\0'; p++)
    if (!is_token_char (*p))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("Header “%s”: “%s” is not a valid header name"), line, n);
        return FALSE;
      }
  if (strpbrk (v, "\r\n") != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Header “%s”: the value may not hold line breaks"), n);
      return FALSE;
    }

  if (name != NULL)
    *name = g_steal_pointer (&n);
  if (value != NULL)
    *value = g_steal_pointer (&v);
  return TRUE;
}

gboolean
tess_http_header_is_secret (const char *name)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  lower = g_ascii_strdown (name, -1);
  return g_str_equal (lower, "authorization") || g_str_equal (lower, "cookie") ||
         strstr (lower, "token") != NULL || strstr (lower, "key") != NULL ||
         strstr (lower, "secret") != NULL;
}
