/* tess-json-strict.c: JSON text → JsonNode with exactly what Python's json.loads accepts
 *
 * json-glib is lenient (comments, raw newlines in strings, single quotes, `01`, `1.` …) and
 * rejects NaN/Infinity; ChatKit parses rendered templates with json.loads, so Tessera must
 * accept and reject the same texts to fail at the same stage.
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tess-json-strict.h"

#define MAX_NESTING 1000

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  GError    **error;
  guint       depth;
} StrictReader;

static JsonNode *read_value (StrictReader *r);

static gboolean
fail (StrictReader *r, const char *at, const char *what)
{
  guint line = 1, col = 1;

  for (const char *q = r->start; q < at; q++)
    {
      if (*q == '\n')
        {
          line++;
          col = 1;
        }
      else if (((guchar) *q & 0xC0) != 0x80)
        col++;
    }
  g_set_error (r->error, TESS_JSON_STRICT_ERROR, 0, "%u:%u: %s (char %" G_GSIZE_FORMAT ")", line,
               col, what, (gsize) g_utf8_pointer_to_offset (r->start, at));
  return FALSE;
}

static void
skip_ws (StrictReader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
    r->p++;
}

static gboolean
match (StrictReader *r, const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (r->end - r->p) >= n && memcmp (r->p, word, n) == 0)
    {
      r->p += n;
      return TRUE;
    }
  return FALSE;
}

static int
hex4 (const char *p, const char *end)
{
  int v = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      v = v * 16 + g_ascii_xdigit_value (p[i]);
    }
  return v;
}

static char *
read_string (StrictReader *r)
{
  GString *s = g_string_new (NULL);
  const char *open = r->p;

  r->p++; /* the quote */
  for (;;)
    {
      guchar c;

      if (r->p >= r->end)
        {
          fail (r, open, "Unterminated string starting at");
          g_string_free (s, TRUE);
          return NULL;
        }
      c = *r->p;
      if (c == '"')
        {
          r->p++;
          return g_string_free (s, FALSE);
        }
      if (c < 0x20)
        {
          fail (r, r->p, "Invalid control character at");
          g_string_free (s, TRUE);
          return NULL;
        }
      if (c != '\\')
        {
          g_string_append_c (s, c);
          r->p++;
          continue;
        }
      r->p++;
      if (r->p >= r->end)
        {
          fail (r, open, "Unterminated string starting at");
          g_string_free (s, TRUE);
          return NULL;
        }
      switch (*r->p)
        {
        case '"': g_string_append_c (s, '"'); break;
        case '\\': g_string_append_c (s, '\\'); break;
        case '/': g_string_append_c (s, '/'); break;
        case 'b': g_string_append_c (s, '\b'); break;
        case 'f': g_string_append_c (s, '\f'); break;
        case 'n': g_string_append_c (s, '\n'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'u':
          {
            int u = hex4 (r->p + 1, r->end);
            if (u < 0)
              {
                fail (r, r->p - 1, "Invalid \\uXXXX escape");
                g_string_free (s, TRUE);
                return NULL;
              }
            r->p += 4;
            if (u >= 0xD800 && u <= 0xDBFF && r->end - r->p >= 7 && r->p[1] == '\\'
                && r->p[2] == 'u')
              {
                int lo = hex4 (r->p + 3, r->end);
                if (lo >= 0xDC00 && lo <= 0xDFFF)
                  {
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    r->p += 6;
                  }
              }
            /* A lone surrogate is valid for Python but not in UTF-8: keep a replacement. */
            if (u >= 0xD800 && u <= 0xDFFF)
              u = 0xFFFD;
            g_string_append_unichar (s, u);
          }
          break;
        default:
          fail (r, r->p - 1, "Invalid \\escape");
          g_string_free (s, TRUE);
          return NULL;
        }
      r->p++;
    }
}

static JsonNode *
read_number (StrictReader *r)
{
  const char *start = r->p;
  const char *q = r->p;
  gboolean is_float = FALSE;
  g_autofree char *text = NULL;

  if (q < r->end && *q == '-')
    q++;
  if (q < r->end && *q == '0')
    q++;
  else if (q < r->end && *q >= '1' && *q <= '9')
    while (q < r->end && g_ascii_isdigit (*q))
      q++;
  else
    {
      fail (r, start, "Expecting value");
      return NULL;
    }
  if (q + 1 < r->end && *q == '.' && g_ascii_isdigit (q[1]))
    {
      is_float = TRUE;
      q++;
      while (q < r->end && g_ascii_isdigit (*q))
        q++;
    }
  if (q < r->end && (*q == 'e' || *q == 'E'))
    {
      const char *e = q + 1;
      if (e < r->end && (*e == '+' || *e == '-'))
        e++;
      if (e < r->end && g_ascii_isdigit (*e))
        {
          is_float = TRUE;
          q = e;
          while (q < r->end && g_ascii_isdigit (*q))
            q++;
        }
    }
  r->p = q;
  text = g_strndup (start, q - start);
  if (!is_float)
    {
      char *endp;
      gint64 v;
      errno = 0;
      v = g_ascii_strtoll (text, &endp, 10);
      if (errno == 0)
        return json_node_init_int (json_node_alloc (), v);
      /* beyond 64 bits: Python keeps the exact int, we keep the nearest double */
    }
  return json_node_init_double (json_node_alloc (), g_ascii_strtod (text, NULL));
}

static JsonNode *
read_container (StrictReader *r, gboolean object)
{
  JsonNode *node;
  JsonObject *obj = NULL;
  JsonArray *arr = NULL;
  char close = object ? '}' : ']';

  if (++r->depth > MAX_NESTING)
    {
      fail (r, r->p, "maximum recursion depth exceeded");
      return NULL;
    }
  r->p++;
  if (object)
    obj = json_object_new ();
  else
    arr = json_array_new ();

  skip_ws (r);
  if (r->p < r->end && *r->p == close)
    r->p++;
  else
    for (;;)
      {
        char *key = NULL;
        JsonNode *value;

        skip_ws (r);
        if (object)
          {
            if (r->p >= r->end || *r->p != '"')
              {
                fail (r, r->p, "Expecting property name enclosed in double quotes");
                goto error;
              }
            key = read_string (r);
            if (key == NULL)
              goto error;
            skip_ws (r);
            if (r->p >= r->end || *r->p != ':')
              {
                g_free (key);
                fail (r, r->p, "Expecting ':' delimiter");
                goto error;
              }
            r->p++;
            skip_ws (r);
          }
        value = read_value (r);
        if (value == NULL)
          {
            g_free (key);
            goto error;
          }
        if (object)
          {
            /* last value wins, in the first one's place, as with a Python dict */
            json_object_set_member (obj, key, value);
            g_free (key);
          }
        else
          json_array_add_element (arr, value);
        skip_ws (r);
        if (r->p < r->end && *r->p == ',')
          {
            r->p++;
            continue;
          }
        if (r->p < r->end && *r->p == close)
          {
            r->p++;
            break;
          }
        fail (r, r->p, "Expecting ',' delimiter");
        goto error;
      }

  r->depth--;
  if (object)
    {
      node = json_node_init_object (json_node_alloc (), obj);
      json_object_unref (obj);
    }
  else
    {
      node = json_node_init_array (json_node_alloc (), arr);
      json_array_unref (arr);
    }
  return node;

error:
  if (obj)
    json_object_unref (obj);
  if (arr)
    json_array_unref (arr);
  return NULL;
}

static JsonNode *
read_value (StrictReader *r)
{
  skip_ws (r);
  if (r->p >= r->end)
    {
      fail (r, r->p, "Expecting value");
      return NULL;
    }
  switch (*r->p)
    {
    case '{':
      return read_container (r, TRUE);
    case '[':
      return read_container (r, FALSE);
    case '"':
      {
        char *s = read_string (r);
        JsonNode *node;
        if (s == NULL)
          return NULL;
        node = json_node_init_string (json_node_alloc (), s);
        g_free (s);
        return node;
      }
    default:
      break;
    }
  if (match (r, "true"))
    return json_node_init_boolean (json_node_alloc (), TRUE);
  if (match (r, "false"))
    return json_node_init_boolean (json_node_alloc (), FALSE);
  if (match (r, "null"))
    return json_node_init_null (json_node_alloc ());
  if (match (r, "NaN"))
    return json_node_init_double (json_node_alloc (), NAN);
  if (match (r, "Infinity"))
    return json_node_init_double (json_node_alloc (), INFINITY);
  if (match (r, "-Infinity"))
    return json_node_init_double (json_node_alloc (), -INFINITY);
  return read_number (r);
}

G_DEFINE_QUARK (tess-json-strict-error-quark, tess_json_strict_error)

JsonNode *
tess_json_parse_strict (const char *text, gssize length, GError **error)
{
  StrictReader r = { 0 };
  JsonNode *node;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);
  r.start = r.p = text;
  r.end = text + length;
  r.error = error;
  node = read_value (&r);
  if (node == NULL)
    return NULL;
  skip_ws (&r);
  if (r.p < r.end)
    {
      fail (&r, r.p, "Extra data");
      json_node_unref (node);
      return NULL;
    }
  return node;
}
