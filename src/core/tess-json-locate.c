/* tess-json-locate.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small scanner over the text as typed, not a parser: it follows the pointer one token at a
 * time, skipping the values in between with a bracket counter, so it needs no recursion and
 * keeps going over errors that are not on the path.
 */

#include "config.h"

#include <string.h>

#include "tess-json-locate.h"

typedef struct
{
  const char *text;
  gsize       len;
} Scan;

static gsize
skip_space (const Scan *s,
            gsize       i)
{
  while (i < s->len)
    {
      char c = s->text[i];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        i++;
      /* a byte order mark, which a pasted file may start with */
      else if (i + 2 < s->len && memcmp (s->text + i, "\xef\xbb\xbf", 3) == 0)
        i += 3;
      else
        break;
    }
  return i;
}

/* @i is at an opening quote; gives the offset just past the closing one. An unterminated
 * string ends at its line's end, so that the next lines are still read. */
static gsize
skip_string (const Scan *s,
             gsize       i,
             gboolean   *terminated)
{
  *terminated = FALSE;
  for (i++; i < s->len; i++)
    {
      char c = s->text[i];

      if (c == '\\' && i + 1 < s->len && s->text[i + 1] != '\n')
        i++;
      else if (c == '"')
        {
          *terminated = TRUE;
          return i + 1;
        }
      else if (c == '\n' || c == '\r')
        return i;
    }
  return i;
}

static gboolean
is_delimiter (char c)
{
  return strchr (",:[]{}\" \t\r\n", c) != NULL || c == '\0';
}

/* Gives the offset just past the value at @i (which is not space), or @i itself if no value
 * starts there. A container that is never closed ends just past its opening bracket. */
static gsize
skip_value (const Scan *s,
            gsize       i)
{
  char c = s->text[i];
  gboolean terminated;

  if (c == '"')
    return skip_string (s, i, &terminated);

  if (c == '{' || c == '[')
    {
      gsize depth = 0;

      /* brackets of either kind count alike: tolerant, and it needs no stack */
      for (gsize j = i; j < s->len; j++)
        {
          c = s->text[j];
          if (c == '"')
            j = skip_string (s, j, &terminated) - 1;
          else if (c == '{' || c == '[')
            depth++;
          else if ((c == '}' || c == ']') && --depth == 0)
            return j + 1;
        }
      return i + 1;
    }

  while (i < s->len && !is_delimiter (s->text[i]))
    i++;
  return i;
}

static void
append_unichar (GString  *out,
                gunichar  c)
{
  char buf[6];

  g_string_append_len (out, buf, g_unichar_to_utf8 (c, buf));
}

static gboolean
read_hex4 (const char *p,
           const char *end,
           gunichar   *out)
{
  *out = 0;
  if (end - p < 4)
    return FALSE;
  for (int k = 0; k < 4; k++)
    {
      if (!g_ascii_isxdigit (p[k]))
        return FALSE;
      *out = *out * 16 + g_ascii_xdigit_value (p[k]);
    }
  return TRUE;
}

/* The key between @start (after the opening quote) and @end, with its escapes decoded. */
static GString *
decode_key (const char *start,
            const char *end)
{
  GString *key = g_string_new (NULL);

  for (const char *p = start; p < end; p++)
    {
      gunichar c, low;

      if (*p != '\\' || p + 1 >= end)
        {
          g_string_append_c (key, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'b': g_string_append_c (key, '\b'); break;
        case 'f': g_string_append_c (key, '\f'); break;
        case 'n': g_string_append_c (key, '\n'); break;
        case 'r': g_string_append_c (key, '\r'); break;
        case 't': g_string_append_c (key, '\t'); break;
        case 'u':
          if (!read_hex4 (p + 1, end, &c))
            {
              g_string_append (key, "\\u");
              break;
            }
          p += 4;
          /* a surrogate pair is one character; a lone surrogate is U+FFFD, as json-glib */
          if (c >= 0xd800 && c < 0xdc00 && p + 2 < end && p[1] == '\\' && p[2] == 'u'
              && read_hex4 (p + 3, end, &low) && low >= 0xdc00 && low < 0xe000)
            {
              c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
              p += 6;
            }
          else if (c >= 0xd800 && c < 0xe000)
            c = 0xfffd;
          append_unichar (key, c);
          break;
        default:
          /* \" \\ \/, and anything else taken as itself */
          g_string_append_c (key, *p);
          break;
        }
    }
  return key;
}

/* @i is at "{": finds the last member called @token. */
static gboolean
find_member (const Scan    *s,
             gsize          i,
             const GString *token,
             gsize         *value,
             gsize         *key_start,
             gsize         *key_end)
{
  gboolean found = FALSE;

  for (i++;;)
    {
      gsize ks, ke, v, e;
      gboolean terminated;
      g_autoptr(GString) key = NULL;

      i = skip_space (s, i);
      if (i >= s->len || s->text[i] == '}')
        break;
      if (s->text[i] == ',')
        {
          i++;
          continue;
        }
      if (s->text[i] != '"')
        {
          /* not a key: skip whatever it is */
          e = skip_value (s, i);
          i = e > i ? e : i + 1;
          continue;
        }

      ks = i;
      ke = skip_string (s, i, &terminated);
      key = decode_key (s->text + ks + 1, s->text + ke - (terminated ? 1 : 0));
      i = skip_space (s, ke);
      if (i < s->len && s->text[i] == ':')
        i = skip_space (s, i + 1);
      if (i >= s->len)
        break;

      v = i;
      e = skip_value (s, v);
      if (e == v)
        continue;  /* no value: the "," or "}" is read next round */
      if (key->len == token->len && memcmp (key->str, token->str, key->len) == 0)
        {
          found = TRUE;
          *value = v;
          *key_start = ks;
          *key_end = ke;
        }
      i = e;
    }
  return found;
}

/* @i is at "[": finds element @index. */
static gboolean
find_element (const Scan *s,
              gsize       i,
              guint64     index,
              gsize      *value)
{
  guint64 n = 0;

  for (i++;;)
    {
      gsize e;

      i = skip_space (s, i);
      if (i >= s->len || s->text[i] == ']' || s->text[i] == '}')
        return FALSE;
      if (s->text[i] == ',')
        {
          n++;
          i++;
          continue;
        }
      if (n == index)
        {
          *value = i;
          return TRUE;
        }
      e = skip_value (s, i);
      i = e > i ? e : i + 1;
    }
}

/* The next token of @pointer (at a "/"), unescaped; NULL for a malformed "~" escape. */
static GString *
next_token (const char **pointer)
{
  GString *token = g_string_new (NULL);
  const char *p = *pointer + 1;

  for (; *p && *p != '/'; p++)
    {
      if (*p != '~')
        g_string_append_c (token, *p);
      else if (p[1] == '0' || p[1] == '1')
        g_string_append_c (token, *++p == '0' ? '~' : '/');
      else
        {
          g_string_free (token, TRUE);
          return NULL;
        }
    }
  *pointer = p;
  return token;
}

static gboolean
parse_index (const GString *token,
             guint64       *index)
{
  /* RFC 6901: "0", or digits without a leading zero */
  if (token->len == 0 || (token->str[0] == '0' && token->len > 1))
    return FALSE;
  for (gsize k = 0; k < token->len; k++)
    if (!g_ascii_isdigit (token->str[k]))
      return FALSE;
  return g_ascii_string_to_unsigned (token->str, 10, 0, G_MAXUINT64, index, NULL);
}

void
tess_json_locate_line_column (const char *text,
                              gssize      length,
                              gsize       offset,
                              guint      *line,
                              guint      *column)
{
  gsize len;
  guint l = 1, col = 1;

  g_return_if_fail (text != NULL);

  len = length < 0 ? strlen (text) : (gsize) length;
  offset = MIN (offset, len);

  for (gsize i = 0; i < offset; i++)
    {
      guchar c = text[i];

      if (c == '\n' || (c == '\r' && (i + 1 >= len || text[i + 1] != '\n')))
        {
          l++;
          col = 1;
        }
      else if (c == '\r')
        continue;  /* the "\r" of "\r\n": the "\n" ends the line */
      else if (c == 0xe2 && i + 2 < len && (guchar) text[i + 1] == 0x80
               && (guchar) text[i + 2] == 0xa9)
        {
          /* U+2029 PARAGRAPH SEPARATOR ends a line in a GtkTextBuffer */
          l++;
          col = 1;
          i += 2;
        }
      else if ((c & 0xc0) != 0x80)
        col++;
    }

  if (line != NULL)
    *line = l;
  if (column != NULL)
    *column = col;
}

gboolean
tess_json_locate (const char    *text,
                  gssize         length,
                  const char    *pointer,
                  TessJsonRange *out)
{
  Scan s;
  gsize i;
  gboolean has_key = FALSE;
  gsize key_start = 0, key_end = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (pointer != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  s.text = text;
  s.len = length < 0 ? strlen (text) : (gsize) length;

  if (pointer[0] != '\0' && pointer[0] != '/')
    return FALSE;

  i = skip_space (&s, 0);
  if (i >= s.len)
    return FALSE;

  while (*pointer == '/')
    {
      g_autoptr(GString) token = next_token (&pointer);
      gsize value;

      if (token == NULL)
        return FALSE;

      if (s.text[i] == '{')
        {
          if (!find_member (&s, i, token, &value, &key_start, &key_end))
            return FALSE;
          has_key = TRUE;
        }
      else if (s.text[i] == '[')
        {
          guint64 index;

          if (!parse_index (token, &index) || !find_element (&s, i, index, &value))
            return FALSE;
          has_key = FALSE;
        }
      else
        return FALSE;
      i = value;
    }

  memset (out, 0, sizeof *out);
  out->start = i;
  out->end = skip_value (&s, i);
  if (out->end == i)
    out->end = i + 1;  /* a stray character where the value should be: mark it */
  out->is_container = s.text[i] == '{' || s.text[i] == '[';
  tess_json_locate_line_column (text, s.len, out->start, &out->line, &out->column);
  tess_json_locate_line_column (text, s.len, out->end, &out->end_line, &out->end_column);
  if (has_key)
    {
      out->has_key = TRUE;
      out->key_start = key_start;
      out->key_end = key_end;
      tess_json_locate_line_column (text, s.len, key_start, &out->key_line, &out->key_column);
    }
  return TRUE;
}
