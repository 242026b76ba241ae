/* tess-template-strings.c: Python's str methods over TessString
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tess-template-strings.h"

gboolean
tess_unichar_is_py_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
  return c == 0x85 || c == 0xa0 || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR ||
         c == 0x2028 || c == 0x2029;
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d ||
         c == 0x1e || c == 0x85 || c == 0x2028 || c == 0x2029;
}

static gboolean
is_cased (gunichar c)
{
  return g_unichar_isupper (c) || g_unichar_islower (c) || g_unichar_istitle (c);
}

static TessValue
take (GString *s)
{
  return tess_value_string_take_gstring (s);
}

TessValue
tess_str_upper (TessString *s)
{
  if (tess_string_is_ascii (s))
    {
      TessString *r = tess_string_alloc (s->len);
      for (gsize i = 0; i < s->len; i++)
        r->data[i] = g_ascii_toupper (s->data[i]);
      r->n_chars = s->len;
      return tess_value_object (TESS_VALUE_STRING, r);
    }
  else
    {
      char *u = g_utf8_strup (s->data, s->len);
      TessValue v = tess_value_string_new (u, -1);
      g_free (u);
      return v;
    }
}

TessValue
tess_str_lower (TessString *s)
{
  if (tess_string_is_ascii (s))
    {
      TessString *r = tess_string_alloc (s->len);
      for (gsize i = 0; i < s->len; i++)
        r->data[i] = g_ascii_tolower (s->data[i]);
      r->n_chars = s->len;
      return tess_value_object (TESS_VALUE_STRING, r);
    }
  else
    {
      char *u = g_utf8_strdown (s->data, s->len);
      TessValue v = tess_value_string_new (u, -1);
      g_free (u);
      return v;
    }
}

static void
append_upper (GString *out, gunichar c)
{
  char buf[8];
  char *u;
  int n = g_unichar_to_utf8 (c, buf);

  u = g_utf8_strup (buf, n);
  g_string_append (out, u);
  g_free (u);
}

static void
append_title (GString *out, gunichar c)
{
  gunichar t = g_unichar_totitle (c);

  if (t != c || !g_unichar_islower (c))
    g_string_append_unichar (out, t);
  else
    append_upper (out, c);
}

static void
append_lower (GString *out, const char *p, gsize len)
{
  char *l = g_utf8_strdown (p, len);

  g_string_append (out, l);
  g_free (l);
}

TessValue
tess_str_capitalize (TessString *s)
{
  GString *r = g_string_sized_new (s->len);

  if (s->len)
    {
      const char *next = g_utf8_next_char (s->data);
      append_title (r, g_utf8_get_char (s->data));
      append_lower (r, next, s->data + s->len - next);
    }
  return take (r);
}

TessValue
tess_str_title (TessString *s)
{
  GString *r = g_string_sized_new (s->len);
  gboolean prev_cased = FALSE;

  for (const char *p = s->data; p < s->data + s->len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (prev_cased)
        append_lower (r, p, g_utf8_next_char (p) - p);
      else
        append_title (r, c);
      prev_cased = is_cased (c);
    }
  return take (r);
}

TessValue
tess_str_swapcase (TessString *s)
{
  GString *r = g_string_sized_new (s->len);

  for (const char *p = s->data; p < s->data + s->len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isupper (c))
        append_lower (r, p, g_utf8_next_char (p) - p);
      else if (g_unichar_islower (c))
        append_upper (r, c);
      else
        g_string_append_unichar (r, c);
    }
  return take (r);
}

/* Jinja's title filter: split on runs of [-\s({[<], capitalise each piece. */
TessValue
tess_str_jinja_title (TessString *s)
{
  GString *r = g_string_sized_new (s->len);
  const char *p = s->data;
  const char *end = s->data + s->len;

  while (p < end)
    {
      const char *q = p;
      gboolean sep = FALSE;

      while (q < end)
        {
          gunichar c = g_utf8_get_char (q);
          gboolean is_sep = c == '-' || c == '(' || c == '{' || c == '[' || c == '<' ||
                            tess_unichar_is_py_space (c);
          if (q == p)
            sep = is_sep;
          else if (is_sep != sep)
            break;
          q = g_utf8_next_char (q);
        }
      if (sep)
        g_string_append_len (r, p, q - p);
      else
        {
          const char *second = g_utf8_next_char (p);
          append_upper (r, g_utf8_get_char (p));
          append_lower (r, second, q - second);
        }
      p = q;
    }
  return take (r);
}

static gboolean
char_in (gunichar c, TessString *chars)
{
  for (const char *p = chars->data; p < chars->data + chars->len; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return TRUE;
  return FALSE;
}

TessValue
tess_str_strip (TessString *s, TessString *chars, gboolean left, gboolean right)
{
  const char *start = s->data;
  const char *end = s->data + s->len;

  if (left)
    while (start < end)
      {
        gunichar c = g_utf8_get_char (start);
        if (chars ? !char_in (c, chars) : !tess_unichar_is_py_space (c))
          break;
        start = g_utf8_next_char (start);
      }
  if (right)
    while (end > start)
      {
        const char *prev = g_utf8_prev_char (end);
        gunichar c = g_utf8_get_char (prev);
        if (chars ? !char_in (c, chars) : !tess_unichar_is_py_space (c))
          break;
        end = prev;
      }
  return tess_value_string_new (start, end - start);
}

TessValue
tess_str_replace (TessString *s, TessString *old, TessString *new_, gint64 count)
{
  GString *r = g_string_sized_new (s->len);
  const char *p = s->data;
  const char *end = s->data + s->len;
  gint64 done = 0;

  if (old->len == 0)
    {
      /* "abc".replace("", "-") == "-a-b-c-" */
      while (count < 0 || done < count)
        {
          g_string_append_len (r, new_->data, new_->len);
          done++;
          if (p >= end)
            break;
          {
            const char *next = g_utf8_next_char (p);
            g_string_append_len (r, p, next - p);
            p = next;
          }
        }
      g_string_append_len (r, p, end - p);
      return take (r);
    }

  while (p < end && (count < 0 || done < count))
    {
      const char *hit = tess_memmem (p, end - p, old->data, old->len);
      if (hit == NULL)
        break;
      g_string_append_len (r, p, hit - p);
      g_string_append_len (r, new_->data, new_->len);
      p = hit + old->len;
      done++;
    }
  g_string_append_len (r, p, end - p);
  return take (r);
}

TessValue
tess_str_html_escape (TessString *s)
{
  GString *r = g_string_sized_new (s->len + 8);

  for (gsize i = 0; i < s->len; i++)
    {
      switch (s->data[i])
        {
        case '&':
          g_string_append (r, "&amp;");
          break;
        case '<':
          g_string_append (r, "&lt;");
          break;
        case '>':
          g_string_append (r, "&gt;");
          break;
        case '"':
          g_string_append (r, "&#34;");
          break;
        case '\'':
          g_string_append (r, "&#39;");
          break;
        default:
          g_string_append_c (r, s->data[i]);
          break;
        }
    }
  return take (r);
}

/* align: 0 center, -1 ljust, 1 rjust */
TessValue
tess_str_pad (TessString *s, gint64 width, gunichar fill, int align)
{
  gint64 len = tess_string_n_chars (s);
  gint64 marg, left;
  GString *r;

  if (len >= width)
    return tess_value_string_new (s->data, s->len);
  marg = width - len;
  if (align == 0)
    left = marg / 2 + (marg & width & 1);
  else if (align < 0)
    left = 0;
  else
    left = marg;
  r = g_string_sized_new (s->len + marg);
  for (gint64 i = 0; i < left; i++)
    g_string_append_unichar (r, fill);
  g_string_append_len (r, s->data, s->len);
  for (gint64 i = left; i < marg; i++)
    g_string_append_unichar (r, fill);
  return take (r);
}

/* Python's splitlines(): returns (start, end, end_with_break) triples in a GArray of gsize */
static GArray *
split_lines (TessString *s)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (gsize));
  const char *p = s->data;
  const char *end = s->data + s->len;
  const char *line_start = p;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      if (is_line_break (c))
        {
          gsize a = line_start - s->data, b = p - s->data, e;
          if (c == '\r' && next < end && *next == '\n')
            next++;
          e = next - s->data;
          g_array_append_val (lines, a);
          g_array_append_val (lines, b);
          g_array_append_val (lines, e);
          line_start = next;
        }
      p = next;
    }
  if (line_start < end)
    {
      gsize a = line_start - s->data, b = end - s->data;
      g_array_append_val (lines, a);
      g_array_append_val (lines, b);
      g_array_append_val (lines, b);
    }
  return lines;
}

TessValue
tess_str_splitlines (TessString *s, gboolean keepends)
{
  GArray *lines = split_lines (s);
  TessValue list = tess_value_list_new (lines->len / 3);

  for (guint i = 0; i < lines->len; i += 3)
    {
      gsize a = g_array_index (lines, gsize, i);
      gsize b = g_array_index (lines, gsize, keepends ? i + 2 : i + 1);
      tess_list_append (tess_value_get_list (list), tess_value_string_new (s->data + a, b - a));
    }
  g_array_unref (lines);
  return list;
}

TessValue
tess_str_indent (TessString *s, const char *indention, gboolean first, gboolean blank)
{
  GString *text = g_string_new_len (s->data, s->len);
  GString *r = g_string_new (NULL);
  TessValue tv, lines;
  TessList *l;

  /* Jinja appends a newline so that splitlines() keeps a trailing empty line. */
  g_string_append_c (text, '\n');
  tv = tess_value_string_take_gstring (text);
  lines = tess_str_splitlines (tess_value_get_string (tv), FALSE);
  l = tess_value_get_list (lines);

  for (guint i = 0; i < l->len; i++)
    {
      TessString *line = tess_value_get_string (l->items[i]);
      if (i > 0)
        {
          g_string_append_c (r, '\n');
          if (blank || line->len > 0)
            g_string_append (r, indention);
        }
      g_string_append_len (r, line->data, line->len);
    }
  if (first)
    g_string_prepend (r, indention);
  tess_value_unref (lines);
  tess_value_unref (tv);
  return take (r);
}

static const char *
char_offset (TessString *s, gint64 n)
{
  if (n <= 0)
    return s->data;
  if (tess_string_is_ascii (s))
    return s->data + MIN ((gsize) n, s->len);
  if ((gsize) n >= tess_string_n_chars (s))
    return s->data + s->len;
  return g_utf8_offset_to_pointer (s->data, n);
}

TessValue
tess_str_substring (TessString *s, gint64 start_char, gint64 end_char)
{
  const char *a = char_offset (s, start_char);
  const char *b = char_offset (s, end_char);

  if (b < a)
    b = a;
  return tess_value_string_new (a, b - a);
}

TessValue
tess_str_truncate (TessString *s, gint64 length, gboolean killwords, const char *end,
                   gint64 end_len, gint64 leeway)
{
  gint64 n = tess_string_n_chars (s);
  const char *cut;
  GString *r;

  if (n <= length + leeway)
    return tess_value_string_new (s->data, s->len);
  cut = char_offset (s, length - end_len);
  if (killwords)
    {
      r = g_string_new_len (s->data, cut - s->data);
      g_string_append (r, end);
      return take (r);
    }
  {
    /* s[:length - len(end)].rsplit(" ", 1)[0] */
    const char *space = NULL;
    for (const char *p = s->data; p < cut; p++)
      if (*p == ' ')
        space = p;
    r = g_string_new_len (s->data, (space ? space : cut) - s->data);
    g_string_append (r, end);
    return take (r);
  }
}

static gboolean
is_word_char (gunichar c)
{
  return c == '_' || g_unichar_isalnum (c) || g_unichar_ismark (c);
}

gint64
tess_str_wordcount (TessString *s)
{
  gint64 n = 0;
  gboolean in_word = FALSE;

  for (const char *p = s->data; p < s->data + s->len; p = g_utf8_next_char (p))
    {
      gboolean w = is_word_char (g_utf8_get_char (p));
      if (w && !in_word)
        n++;
      in_word = w;
    }
  return n;
}

static gboolean
is_textwrap_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static gboolean
chunk_is_blank (GString *chunk)
{
  for (gsize i = 0; i < chunk->len; i++)
    if (!is_textwrap_space (chunk->str[i]))
      return FALSE;
  return TRUE;
}

/* textwrap.wrap(line, width, expand_tabs=False, replace_whitespace=False, drop_whitespace=True),
 * with whitespace-only chunking (hyphenated words are not split unless they are too long). */
static void
wrap_paragraph (GString *out, const char *p, gsize len, gint64 width, gboolean break_long,
                gboolean break_hyphens, const char *wrapstring, gboolean *first_line)
{
  GPtrArray *chunks = g_ptr_array_new ();
  GPtrArray *pieces = g_ptr_array_new ();  /* broken-off parts of long words, owned here */
  const char *end = p + len;
  guint ci = 0;
  gboolean any_line = FALSE;

  if (break_hyphens)
    {
      /* textwrap's wordsep_re: words split after hyphens between letters, and em-dashes */
      static GRegex *wordsep;
      static gsize initialised;
      g_autofree char *text = g_strndup (p, len);
      g_auto(GStrv) parts = NULL;

      if (g_once_init_enter (&initialised))
        {
          wordsep = g_regex_new ("(*UCP)("
                                 "[\\t\\n\\x0b\\x0c\\r ]+"
                                 "|(?<=[\\w!\"'&.,?])-{2,}(?=\\w)"
                                 "|[^\\t\\n\\x0b\\x0c\\r ]+?(?:"
                                 "-(?:(?<=[^\\d\\W]{2}-)|(?<=[^\\d\\W]-[^\\d\\W]-))"
                                 "(?=[^\\d\\W]-?[^\\d\\W])"
                                 "|(?=[\\t\\n\\x0b\\x0c\\r ]|\\z)"
                                 "|(?<=[\\w!\"'&.,?])(?=-{2,}\\w)))",
                                 G_REGEX_OPTIMIZE, 0, NULL);
          g_once_init_leave (&initialised, 1);
        }
      parts = g_regex_split (wordsep, text, 0);
      for (guint i = 0; parts[i]; i++)
        if (*parts[i])
          g_ptr_array_add (chunks, g_string_new (parts[i]));
      p = end;
    }

  while (p < end)
    {
      const char *q = p;
      gboolean space = is_textwrap_space (*p);
      while (q < end && is_textwrap_space (*q) == space)
        q++;
      g_ptr_array_add (chunks, g_string_new_len (p, q - p));
      p = q;
    }

  while (ci < chunks->len)
    {
      GString *line = g_string_new (NULL);
      GPtrArray *cur = g_ptr_array_new ();
      gint64 cur_len = 0;

      if (chunk_is_blank (chunks->pdata[ci]) && any_line)
        ci++;
      while (ci < chunks->len)
        {
          gint64 l = g_utf8_strlen (((GString *) chunks->pdata[ci])->str, -1);
          if (cur_len + l <= width)
            {
              g_ptr_array_add (cur, chunks->pdata[ci++]);
              cur_len += l;
            }
          else
            break;
        }
      if (ci < chunks->len && g_utf8_strlen (((GString *) chunks->pdata[ci])->str, -1) > width)
        {
          GString *chunk = chunks->pdata[ci];
          if (break_long)
            {
              /* as textwrap: nothing fits when the line is already full */
              gint64 space_left = width - cur_len;
              gint64 cut = space_left;
              gint64 clen = g_utf8_strlen (chunk->str, -1);
              const char *split;
              if (break_hyphens && clen > space_left)
                {
                  const char *limit = g_utf8_offset_to_pointer (chunk->str, space_left);
                  const char *hyphen = NULL;
                  for (const char *h = chunk->str; h < limit; h++)
                    if (*h == '-')
                      hyphen = h;
                  if (hyphen && hyphen > chunk->str)
                    {
                      gboolean non_dash = FALSE;
                      for (const char *h = chunk->str; h < hyphen; h++)
                        if (*h != '-')
                          non_dash = TRUE;
                      if (non_dash)
                        cut = g_utf8_pointer_to_offset (chunk->str, hyphen) + 1;
                    }
                }
              split = g_utf8_offset_to_pointer (chunk->str, cut);
              g_ptr_array_add (cur, g_string_new_len (chunk->str, split - chunk->str));
              g_ptr_array_add (pieces, cur->pdata[cur->len - 1]);
              g_string_erase (chunk, 0, split - chunk->str);
            }
          else if (cur->len == 0)
            g_ptr_array_add (cur, chunks->pdata[ci++]);
        }
      if (cur->len && chunk_is_blank (cur->pdata[cur->len - 1]))
        g_ptr_array_set_size (cur, cur->len - 1);
      for (guint i = 0; i < cur->len; i++)
        g_string_append_len (line, ((GString *) cur->pdata[i])->str,
                             ((GString *) cur->pdata[i])->len);
      if (cur->len)
        {
          if (!*first_line)
            g_string_append (out, wrapstring);
          g_string_append_len (out, line->str, line->len);
          *first_line = FALSE;
          any_line = TRUE;
        }
      g_ptr_array_unref (cur);
      g_string_free (line, TRUE);
    }

  for (guint i = 0; i < chunks->len; i++)
    g_string_free (chunks->pdata[i], TRUE);
  for (guint i = 0; i < pieces->len; i++)
    g_string_free (pieces->pdata[i], TRUE);
  g_ptr_array_unref (chunks);
  g_ptr_array_unref (pieces);
}

TessValue
tess_str_wordwrap (TessString *s, gint64 width, gboolean break_long, gboolean break_hyphens,
                   const char *wrapstring)
{
  GArray *lines = split_lines (s);
  GString *r = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i += 3)
    {
      gsize a = g_array_index (lines, gsize, i);
      gsize b = g_array_index (lines, gsize, i + 1);
      gboolean first_line = TRUE;
      GString *para = g_string_new (NULL);

      if (i > 0)
        g_string_append (r, wrapstring);
      wrap_paragraph (para, s->data + a, b - a, width, break_long, break_hyphens, wrapstring,
                      &first_line);
      g_string_append_len (r, para->str, para->len);
      g_string_free (para, TRUE);
    }
  g_array_unref (lines);
  return take (r);
}

static const struct
{
  const char *name;
  const char *text;
} entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", "\xc2\xa0" }, { "copy", "\xc2\xa9" }, { "reg", "\xc2\xae" },
  { "hellip", "\xe2\x80\xa6" }, { "mdash", "\xe2\x80\x94" }, { "ndash", "\xe2\x80\x93" },
  { "laquo", "\xc2\xab" }, { "raquo", "\xc2\xbb" }, { "euro", "\xe2\x82\xac" },
};

/* html.unescape for numeric references and the common named entities */
static void
html_unescape (GString *out, const char *p, gsize len)
{
  const char *end = p + len;

  while (p < end)
    {
      if (*p == '&')
        {
          const char *q = p + 1;
          if (q < end && *q == '#')
            {
              gboolean hex = q + 1 < end && (q[1] == 'x' || q[1] == 'X');
              const char *digits = q + (hex ? 2 : 1);
              const char *d = digits;
              guint64 value = 0;
              while (d < end && (hex ? g_ascii_isxdigit (*d) : g_ascii_isdigit (*d))
                     && d - digits < 10)
                {
                  value = value * (hex ? 16 : 10) + g_ascii_xdigit_value (*d);
                  d++;
                }
              if (d > digits)
                {
                  if (d < end && *d == ';')
                    d++;
                  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
                    g_string_append (out, "\xef\xbf\xbd");
                  else
                    g_string_append_unichar (out, (gunichar) value);
                  p = d;
                  continue;
                }
            }
          else
            {
              gboolean matched = FALSE;
              for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
                {
                  gsize n = strlen (entities[i].name);
                  if ((gsize) (end - q) > n && memcmp (q, entities[i].name, n) == 0 && q[n] == ';')
                    {
                      g_string_append (out, entities[i].text);
                      p = q + n + 1;
                      matched = TRUE;
                      break;
                    }
                }
              if (matched)
                continue;
            }
        }
      g_string_append_c (out, *p++);
    }
}

TessValue
tess_str_striptags (TessString *s)
{
  GString *no_comments = g_string_new (NULL);
  GString *no_tags = g_string_new (NULL);
  GString *collapsed = g_string_new (NULL);
  GString *r = g_string_new (NULL);
  const char *p = s->data;
  const char *end = s->data + s->len;

  while (p < end)
    {
      const char *open = tess_memmem (p, end - p, "<!--", 4);
      const char *close;
      if (open == NULL || (close = tess_memmem (open + 4, end - open - 4, "-->", 3)) == NULL)
        {
          g_string_append_len (no_comments, p, end - p);
          break;
        }
      g_string_append_len (no_comments, p, open - p);
      p = close + 3;
    }

  p = no_comments->str;
  end = p + no_comments->len;
  while (p < end)
    {
      const char *open = memchr (p, '<', end - p);
      const char *close;
      if (open == NULL || (close = memchr (open, '>', end - open)) == NULL)
        {
          g_string_append_len (no_tags, p, end - p);
          break;
        }
      g_string_append_len (no_tags, p, open - p);
      p = close + 1;
    }

  p = no_tags->str;
  end = p + no_tags->len;
  while (p < end)
    {
      const char *word;
      while (p < end && tess_unichar_is_py_space (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p >= end)
        break;
      word = p;
      while (p < end && !tess_unichar_is_py_space (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (collapsed->len)
        g_string_append_c (collapsed, ' ');
      g_string_append_len (collapsed, word, p - word);
    }

  html_unescape (r, collapsed->str, collapsed->len);
  g_string_free (no_comments, TRUE);
  g_string_free (no_tags, TRUE);
  g_string_free (collapsed, TRUE);
  return take (r);
}

void
tess_str_url_quote (GString *out, TessString *s, gboolean for_qs)
{
  for (gsize i = 0; i < s->len; i++)
    {
      guchar c = s->data[i];
      if (g_ascii_isalnum (c) || c == '_' || c == '.' || c == '-' || c == '~' || (!for_qs
                                                                                  && c == '/'))
        g_string_append_c (out, c);
      else if (for_qs && c == ' ')
        g_string_append_c (out, '+');
      else
        g_string_append_printf (out, "%%%02X", c);
    }
}

TessValue
tess_str_reverse (TessString *s)
{
  TessString *r = tess_string_alloc (s->len);
  const char *p = s->data;
  char *w = r->data + s->len;

  while (p < s->data + s->len)
    {
      const char *next = g_utf8_next_char (p);
      w -= next - p;
      memcpy (w, p, next - p);
      p = next;
    }
  return tess_value_object (TESS_VALUE_STRING, r);
}

gboolean
tess_str_isupper (TessString *s)
{
  gboolean cased = FALSE;

  for (const char *p = s->data; p < s->data + s->len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_islower (c) || g_unichar_istitle (c))
        return FALSE;
      if (g_unichar_isupper (c))
        cased = TRUE;
    }
  return cased;
}

gboolean
tess_str_islower (TessString *s)
{
  gboolean cased = FALSE;

  for (const char *p = s->data; p < s->data + s->len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isupper (c) || g_unichar_istitle (c))
        return FALSE;
      if (g_unichar_islower (c))
        cased = TRUE;
    }
  return cased;
}

TessValue
tess_str_split (TessString *s, TessString *sep, gint64 maxsplit, gboolean right)
{
  TessValue list = tess_value_list_new (0);
  TessList *l = tess_value_get_list (list);
  const char *start = s->data;
  const char *end = s->data + s->len;
  gint64 splits = 0;

  if (sep == NULL)
    {
      /* Runs of whitespace; leading and trailing whitespace ignored. */
      GPtrArray *parts = g_ptr_array_new ();
      if (!right)
        {
          const char *p = start;
          while (p < end)
            {
              const char *w;
              while (p < end && tess_unichar_is_py_space (g_utf8_get_char (p)))
                p = g_utf8_next_char (p);
              if (p >= end)
                break;
              if (maxsplit >= 0 && splits >= maxsplit)
                {
                  const char *e2 = end;
                  while (e2 > p
                         && tess_unichar_is_py_space (g_utf8_get_char (g_utf8_prev_char (e2))))
                    e2 = g_utf8_prev_char (e2);
                  tess_list_append (l, tess_value_string_new (p, e2 - p));
                  break;
                }
              w = p;
              while (p < end && !tess_unichar_is_py_space (g_utf8_get_char (p)))
                p = g_utf8_next_char (p);
              tess_list_append (l, tess_value_string_new (w, p - w));
              splits++;
            }
        }
      else
        {
          const char *p = end;
          while (p > start)
            {
              const char *w;
              while (p > start && tess_unichar_is_py_space (g_utf8_get_char (g_utf8_prev_char (p))))
                p = g_utf8_prev_char (p);
              if (p <= start)
                break;
              if (maxsplit >= 0 && splits >= maxsplit)
                {
                  const char *s2 = start;
                  while (s2 < p && tess_unichar_is_py_space (g_utf8_get_char (s2)))
                    s2 = g_utf8_next_char (s2);
                  g_ptr_array_add (parts, g_strndup (s2, p - s2));
                  break;
                }
              w = p;
              while (p > start
                     && !tess_unichar_is_py_space (g_utf8_get_char (g_utf8_prev_char (p))))
                p = g_utf8_prev_char (p);
              g_ptr_array_add (parts, g_strndup (p, w - p));
              splits++;
            }
          for (guint i = parts->len; i > 0; i--)
            {
              tess_list_append (l, tess_value_string_new (parts->pdata[i - 1], -1));
              g_free (parts->pdata[i - 1]);
            }
        }
      g_ptr_array_unref (parts);
      return list;
    }

  if (!right)
    {
      const char *p = start;
      for (;;)
        {
          const char *hit = (maxsplit < 0 || splits < maxsplit) && sep->len <= (gsize) (end - p)
                            ? tess_memmem (p, end - p, sep->data, sep->len) : NULL;
          if (hit == NULL)
            {
              tess_list_append (l, tess_value_string_new (p, end - p));
              break;
            }
          tess_list_append (l, tess_value_string_new (p, hit - p));
          p = hit + sep->len;
          splits++;
        }
    }
  else
    {
      GPtrArray *parts = g_ptr_array_new ();
      const char *e2 = end;
      for (;;)
        {
          const char *hit = NULL;
          if ((maxsplit < 0 || splits < maxsplit) && (gsize) (e2 - start) >= sep->len)
            for (const char *q = e2 - sep->len; q >= start; q--)
              if (memcmp (q, sep->data, sep->len) == 0)
                {
                  hit = q;
                  break;
                }
          if (hit == NULL)
            {
              g_ptr_array_add (parts, g_strndup (start, e2 - start));
              break;
            }
          g_ptr_array_add (parts, g_strndup (hit + sep->len, e2 - hit - sep->len));
          e2 = hit;
          splits++;
        }
      for (guint i = parts->len; i > 0; i--)
        {
          tess_list_append (l, tess_value_string_new (parts->pdata[i - 1], -1));
          g_free (parts->pdata[i - 1]);
        }
      g_ptr_array_unref (parts);
    }
  return list;
}

gint64
tess_str_find (TessString *s, TessString *sub, gboolean right)
{
  const char *hit = NULL;

  if (sub->len > s->len)
    return -1;
  if (!right)
    hit = sub->len == 0 ? s->data : tess_memmem (s->data, s->len, sub->data, sub->len);
  else
    for (const char *q = s->data + s->len - sub->len; q >= s->data; q--)
      if (memcmp (q, sub->data, sub->len) == 0)
        {
          hit = q;
          break;
        }
  if (hit == NULL)
    return -1;
  return g_utf8_pointer_to_offset (s->data, hit);
}

gint64
tess_str_count (TessString *s, TessString *sub)
{
  gint64 n = 0;
  const char *p = s->data;
  const char *end = s->data + s->len;

  if (sub->len == 0)
    return tess_string_n_chars (s) + 1;
  while ((gsize) (end - p) >= sub->len)
    {
      const char *hit = tess_memmem (p, end - p, sub->data, sub->len);
      if (hit == NULL)
        break;
      n++;
      p = hit + sub->len;
    }
  return n;
}
