/* tess-template-lexer.c: Jinja2's lexer (default delimiters, no line statements)
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tess-template-private.h"

typedef struct
{
  const char *src;
  const char *end;
  const char *line_start;
  guint       line;
  GArray     *tokens;
  GError    **error;
  TessOp      balance[256];
  guint       n_balance;
} Lexer;

const char *
tess_op_to_string (TessOp op)
{
  switch (op)
    {
    case OP_ADD: return "+";
    case OP_SUB: return "-";
    case OP_MUL: return "*";
    case OP_DIV: return "/";
    case OP_FLOORDIV: return "//";
    case OP_MOD: return "%";
    case OP_POW: return "**";
    case OP_TILDE: return "~";
    case OP_LBRACKET: return "[";
    case OP_RBRACKET: return "]";
    case OP_LPAREN: return "(";
    case OP_RPAREN: return ")";
    case OP_LBRACE: return "{";
    case OP_RBRACE: return "}";
    case OP_EQ: return "==";
    case OP_NE: return "!=";
    case OP_GT: return ">";
    case OP_GTEQ: return ">=";
    case OP_LT: return "<";
    case OP_LTEQ: return "<=";
    case OP_ASSIGN: return "=";
    case OP_DOT: return ".";
    case OP_COLON: return ":";
    case OP_PIPE: return "|";
    case OP_COMMA: return ",";
    case OP_SEMICOLON: return ";";
    case OP_AND: return "and";
    case OP_OR: return "or";
    case OP_NOT: return "not";
    case OP_IN: return "in";
    case OP_NOTIN: return "not in";
    case OP_NEG: return "-";
    case OP_POS: return "+";
    case OP_NONE:
    default:
      return "?";
    }
}

/* Python's str.isspace() for the character at p; returns its byte length or 0. */
static gsize
space_at (const char *p, const char *end)
{
  guchar c = *p;

  if (p >= end)
    return 0;
  if (c < 0x80)
    return (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f)) ? 1 : 0;
  else
    {
      gunichar u = g_utf8_get_char_validated (p, end - p);
      if (u == (gunichar) -1 || u == (gunichar) -2)
        return 0;
      if (u == 0x85 || u == 0xa0 || g_unichar_isspace (u)
          || g_unichar_type (u) == G_UNICODE_SPACE_SEPARATOR)
        return g_utf8_next_char (p) - p;
      return 0;
    }
}

static const char *
skip_space (const char *p, const char *end)
{
  gsize n;

  while (p < end && (n = space_at (p, end)) > 0)
    p += n;
  return p;
}

/* Length of text without its trailing whitespace (Python's rstrip()). */
static gsize
rstrip_len (const char *text, gsize len)
{
  const char *end = text + len;

  while (end > text)
    {
      const char *prev = g_utf8_find_prev_char (text, end);
      if (prev == NULL)
        prev = end - 1;
      if (space_at (prev, text + len) != (gsize) (end - prev))
        break;
      end = prev;
    }
  return end - text;
}

static void
lexer_advance (Lexer *lx, const char *from, const char *to)
{
  for (const char *p = from; p < to; p++)
    if (*p == '\n')
      {
        lx->line++;
        lx->line_start = p + 1;
      }
}

static guint
lexer_col (Lexer *lx, const char *p)
{
  return (guint) (p - lx->line_start) + 1;
}

static TessToken *
lexer_push (Lexer *lx, TessTokenType type, const char *at)
{
  TessToken tok = { 0 };

  tok.type = type;
  tok.line = lx->line;
  tok.col = lexer_col (lx, at);
  tok.text = at;
  tok.value = tess_value_none ();
  g_array_append_val (lx->tokens, tok);
  return &g_array_index (lx->tokens, TessToken, lx->tokens->len - 1);
}

static void
lexer_push_data (Lexer *lx, const char *text, gsize len)
{
  TessToken *tok;

  if (len == 0)
    return;
  tok = lexer_push (lx, TOK_DATA, text);
  tok->value = tess_value_string_new (text, len);
}

static gboolean
lexer_fail (Lexer *lx, const char *at, const char *message)
{
  tess_template_set_error (lx->error, TESS_TEMPLATE_ERROR_SYNTAX, lx->line, lexer_col (lx, at),
                           "%s", message);
  return FALSE;
}

static gboolean
match_word (const char *p, const char *end, const char *word)
{
  gsize n = strlen (word);

  return (gsize) (end - p) >= n && memcmp (p, word, n) == 0;
}

/* At p: `%}`, `-%}` or `+%}` (block) / `}}`, `-}}` (variable). Returns the end past the
 * delimiter (and past trailing whitespace for `-`), or NULL. */
static const char *
match_tag_end (const char *p, const char *end, gboolean block)
{
  const char *close = block ? "%}" : "}}";

  if (match_word (p, end, close))
    return p + 2;
  if (*p == '-' && match_word (p + 1, end, close))
    return skip_space (p + 3, end);
  if (block && *p == '+' && match_word (p + 1, end, close))
    return p + 3;
  return NULL;
}

/* `{%[-+]?\s*raw\s*(-%}\s*|%})` at p; sets *strip_before and returns the end, or NULL. */
static const char *
match_raw_tag (const char *p, const char *end, const char *word, gboolean *strip_before)
{
  const char *q = p + 2;

  *strip_before = FALSE;
  if (!match_word (p, end, "{%"))
    return NULL;
  if (q < end && (*q == '-' || *q == '+'))
    {
      *strip_before = *q == '-';
      q++;
    }
  q = skip_space (q, end);
  if (!match_word (q, end, word))
    return NULL;
  q = skip_space (q + strlen (word), end);
  if (match_word (q, end, "%}"))
    return q + 2;
  if (*q == '-' && match_word (q + 1, end, "%}"))
    return skip_space (q + 3, end);
  if (*q == '+' && match_word (q + 1, end, "%}"))
    return q + 3;
  return NULL;
}

static gboolean
is_name_start (guchar c)
{
  return g_ascii_isalpha (c) || c == '_' || c >= 0x80;
}

static gboolean
is_name_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c >= 0x80;
}

/* (\d+_)*\d+ ; returns end or NULL when no digit */
static const char *
scan_digits (const char *p, const char *end)
{
  const char *start = p;

  if (p >= end || !g_ascii_isdigit (*p))
    return NULL;
  while (p < end)
    {
      if (g_ascii_isdigit (*p))
        p++;
      else if (*p == '_' && p + 1 < end && g_ascii_isdigit (p[1]))
        p++;
      else
        break;
    }
  return p > start ? p : NULL;
}

static const char *
scan_float (const char *p, const char *end)
{
  const char *q = scan_digits (p, end);
  const char *r;

  if (q == NULL)
    return NULL;
  if (q < end && *q == '.' && (r = scan_digits (q + 1, end)) != NULL)
    {
      const char *frac_end = r;
      if (r < end && (*r == 'e' || *r == 'E'))
        {
          const char *s = r + 1;
          const char *t;
          if (s < end && (*s == '+' || *s == '-'))
            s++;
          if ((t = scan_digits (s, end)) != NULL)
            return t;
        }
      return frac_end;
    }
  if (q < end && (*q == 'e' || *q == 'E'))
    {
      const char *s = q + 1;
      const char *t;
      if (s < end && (*s == '+' || *s == '-'))
        s++;
      if ((t = scan_digits (s, end)) != NULL)
        return t;
    }
  return NULL;
}

static const char *
scan_int (const char *p, const char *end, int *base)
{
  *base = 10;
  if (*p == '0' && p + 1 < end && strchr ("bBoOxX", p[1]) != NULL && p[1] != '\0')
    {
      char kind = g_ascii_tolower (p[1]);
      const char *q = p + 2;
      const char *start = q;
      *base = kind == 'b' ? 2 : kind == 'o' ? 8 : 16;
      while (q < end)
        {
          const char *digit = q;
          if (*digit == '_')
            digit++;
          if (digit >= end)
            break;
          if ((*base == 2 && (*digit == '0' || *digit == '1')) ||
              (*base == 8 && *digit >= '0' && *digit <= '7') ||
              (*base == 16 && g_ascii_isxdigit (*digit)))
            q = digit + 1;
          else
            break;
        }
      if (q > start)
        return q;
      *base = 10;
    }
  if (*p == '0')
    {
      const char *q = p + 1;
      while (q < end)
        {
          if (*q == '0')
            q++;
          else if (*q == '_' && q + 1 < end && q[1] == '0')
            q += 2;
          else
            break;
        }
      return q;
    }
  if (*p >= '1' && *p <= '9')
    return scan_digits (p, end);
  return NULL;
}

static gboolean
parse_int_text (const char *p, const char *q, int base, gint64 *out)
{
  guint64 value = 0;

  if (base != 10)
    p += 2;
  for (; p < q; p++)
    {
      int digit;
      if (*p == '_')
        continue;
      digit = g_ascii_xdigit_value (*p);
      if (value > (G_MAXINT64 - digit) / base)
        return FALSE;
      value = value * base + digit;
    }
  *out = (gint64) value;
  return TRUE;
}

/* Python's unicode-escape decoding of a string literal body. */
static gboolean
unescape_string (Lexer *lx, const char *at, const char *p, const char *end, GString *out)
{
  while (p < end)
    {
      const char *bs = memchr (p, '\\', end - p);
      if (bs == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, bs - p);
      p = bs + 1;
      if (p >= end)
        {
          g_string_append_c (out, '\\');
          break;
        }
      switch (*p)
        {
        case '\n': p++; break;
        case '\\': g_string_append_c (out, '\\'); p++; break;
        case '\'': g_string_append_c (out, '\''); p++; break;
        case '"': g_string_append_c (out, '"'); p++; break;
        case 'a': g_string_append_c (out, '\a'); p++; break;
        case 'b': g_string_append_c (out, '\b'); p++; break;
        case 'f': g_string_append_c (out, '\f'); p++; break;
        case 'n': g_string_append_c (out, '\n'); p++; break;
        case 'r': g_string_append_c (out, '\r'); p++; break;
        case 't': g_string_append_c (out, '\t'); p++; break;
        case 'v': g_string_append_c (out, '\v'); p++; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
          {
            gunichar c = 0;
            for (int i = 0; i < 3 && p < end && *p >= '0' && *p <= '7'; i++, p++)
              c = c * 8 + (*p - '0');
            g_string_append_unichar (out, c);
          }
          break;
        case 'x':
        case 'u':
        case 'U':
          {
            int n = *p == 'x' ? 2 : *p == 'u' ? 4 : 8;
            gunichar c = 0;
            p++;
            for (int i = 0; i < n; i++)
              {
                if (p >= end || !g_ascii_isxdigit (*p))
                  {
                    const char *what = n == 2 ? "truncated \\xXX escape" :
                                       n == 4 ? "truncated \\uXXXX escape" :
                                       "truncated \\UXXXXXXXX escape";
                    return lexer_fail (lx, at, what);
                  }
                c = c * 16 + g_ascii_xdigit_value (*p++);
              }
            if (c > 0x10FFFF)
              return lexer_fail (lx, at, "illegal Unicode character");
            if (c >= 0xD800 && c <= 0xDFFF)
              return lexer_fail (lx, at, "surrogate characters are not supported");
            g_string_append_unichar (out, c);
          }
          break;
        case 'N':
          return lexer_fail (lx, at, "\\N{...} escapes are not supported");
        default:
          /* Unknown escapes stay as they are, like Python. */
          g_string_append_c (out, '\\');
          break;
        }
    }
  return TRUE;
}

static gboolean
lex_tag (Lexer *lx, const char **pp, gboolean block)
{
  const char *p = *pp;
  const char *end = lx->end;

  lx->n_balance = 0;
  for (;;)
    {
      const char *q;
      TessToken *tok;
      int base;

      if (p >= end)
        {
          *pp = p;
          return TRUE;  /* the parser reports the missing end */
        }

      if (lx->n_balance == 0 && (q = match_tag_end (p, end, block)) != NULL)
        {
          lexer_push (lx, block ? TOK_BLOCK_END : TOK_VAR_END, p);
          lexer_advance (lx, p, q);
          *pp = q;
          return TRUE;
        }

      if ((q = (const char *) skip_space (p, end)) != p)
        {
          lexer_advance (lx, p, q);
          p = q;
          continue;
        }

      if (g_ascii_isdigit (*p) && (q = scan_float (p, end)) != NULL)
        {
          g_autofree char *text = g_strndup (p, q - p);
          char *w = text;
          for (char *r = text; *r; r++)
            if (*r != '_')
              *w++ = *r;
          *w = '\0';
          tok = lexer_push (lx, TOK_FLOAT, p);
          tok->value = tess_value_float (g_ascii_strtod (text, NULL));
          p = q;
          continue;
        }

      if (g_ascii_isdigit (*p) && (q = scan_int (p, end, &base)) != NULL)
        {
          gint64 v;
          if (!parse_int_text (p, q, base, &v))
            return lexer_fail (lx, p, "integer literal too large");
          tok = lexer_push (lx, TOK_INT, p);
          tok->value = tess_value_int (v);
          p = q;
          continue;
        }

      if (is_name_start (*p))
        {
          q = p + 1;
          while (q < end && is_name_char (*q))
            q++;
          tok = lexer_push (lx, TOK_NAME, p);
          tok->len = q - p;
          tok->value = tess_value_string_new (p, q - p);
          p = q;
          continue;
        }

      if (*p == '\'' || *p == '"')
        {
          char quote = *p;
          GString *s;
          guint line = lx->line;
          guint col = lexer_col (lx, p);

          q = p + 1;
          while (q < end && *q != quote)
            q += (*q == '\\' && q + 1 < end) ? 2 : 1;
          if (q >= end)
            return lexer_fail (lx, p, "unexpected char '\"' (unterminated string)");
          s = g_string_sized_new (q - p);
          if (!unescape_string (lx, p, p + 1, q, s))
            {
              g_string_free (s, TRUE);
              return FALSE;
            }
          tok = lexer_push (lx, TOK_STRING, p);
          tok->line = line;
          tok->col = col;
          tok->value = tess_value_string_take_gstring (s);
          lexer_advance (lx, p, q + 1);
          p = q + 1;
          continue;
        }

      {
        TessOp op = OP_NONE;
        gsize n = 1;
        char c = *p, c2 = p + 1 < end ? p[1] : '\0';

        if (c == '/' && c2 == '/') { op = OP_FLOORDIV; n = 2; }
        else if (c == '*' && c2 == '*') { op = OP_POW; n = 2; }
        else if (c == '=' && c2 == '=') { op = OP_EQ; n = 2; }
        else if (c == '!' && c2 == '=') { op = OP_NE; n = 2; }
        else if (c == '>' && c2 == '=') { op = OP_GTEQ; n = 2; }
        else if (c == '<' && c2 == '=') { op = OP_LTEQ; n = 2; }
        else
          switch (c)
            {
            case '+': op = OP_ADD; break;
            case '-': op = OP_SUB; break;
            case '/': op = OP_DIV; break;
            case '*': op = OP_MUL; break;
            case '%': op = OP_MOD; break;
            case '~': op = OP_TILDE; break;
            case '[': op = OP_LBRACKET; break;
            case ']': op = OP_RBRACKET; break;
            case '(': op = OP_LPAREN; break;
            case ')': op = OP_RPAREN; break;
            case '{': op = OP_LBRACE; break;
            case '}': op = OP_RBRACE; break;
            case '>': op = OP_GT; break;
            case '<': op = OP_LT; break;
            case '=': op = OP_ASSIGN; break;
            case '.': op = OP_DOT; break;
            case ':': op = OP_COLON; break;
            case '|': op = OP_PIPE; break;
            case ',': op = OP_COMMA; break;
            case ';': op = OP_SEMICOLON; break;
            default: break;
            }

        if (op == OP_NONE)
          {
            g_autofree char *msg = NULL;
            GString *repr = g_string_new (NULL);
            const char *next = g_utf8_next_char (p);
            tess_format_repr_string (repr, p, MIN (next, end) - p);
            msg = g_strdup_printf ("unexpected char %s at %" G_GSIZE_FORMAT, repr->str,
                                   (gsize) g_utf8_pointer_to_offset (lx->src, p));
            g_string_free (repr, TRUE);
            return lexer_fail (lx, p, msg);
          }

        if (op == OP_LBRACE || op == OP_LPAREN || op == OP_LBRACKET)
          {
            if (lx->n_balance == G_N_ELEMENTS (lx->balance))
              return lexer_fail (lx, p, "brackets nested too deeply");
            lx->balance[lx->n_balance++] = op == OP_LBRACE ? OP_RBRACE :
                                           op == OP_LPAREN ? OP_RPAREN : OP_RBRACKET;
          }
        else if (op == OP_RBRACE || op == OP_RPAREN || op == OP_RBRACKET)
          {
            g_autofree char *msg = NULL;
            if (lx->n_balance == 0)
              {
                msg = g_strdup_printf ("unexpected '%s'", tess_op_to_string (op));
                return lexer_fail (lx, p, msg);
              }
            if (lx->balance[lx->n_balance - 1] != op)
              {
                msg = g_strdup_printf ("unexpected '%s', expected '%s'", tess_op_to_string (op),
                                       tess_op_to_string (lx->balance[lx->n_balance - 1]));
                return lexer_fail (lx, p, msg);
              }
            lx->n_balance--;
          }

        tok = lexer_push (lx, TOK_OP, p);
        tok->op = op;
        p += n;
      }
    }
}

gboolean
tess_template_lex (const char *source, GArray *tokens, GError **error)
{
  g_autoptr(GString) norm = g_string_sized_new (strlen (source) + 1);
  Lexer lx = { 0 };
  const char *p;

  /* Newlines become "\n" and one trailing newline is dropped (keep_trailing_newline=False). */
  for (const char *s = source; *s; s++)
    {
      if (*s == '\r')
        {
          g_string_append_c (norm, '\n');
          if (s[1] == '\n')
            s++;
        }
      else
        g_string_append_c (norm, *s);
    }
  if (norm->len > 0 && norm->str[norm->len - 1] == '\n')
    g_string_truncate (norm, norm->len - 1);

  /* Token text pointers are only valid during lexing; values carry what the parser needs. */
  lx.src = norm->str;
  lx.end = norm->str + norm->len;
  lx.line_start = lx.src;
  lx.line = 1;
  lx.tokens = tokens;
  lx.error = error;

  p = lx.src;
  while (p < lx.end)
    {
      const char *q = p;
      const char *tag = NULL;
      char kind = 0;
      char sign = 0;

      /* Find the earliest tag opening. */
      while ((q = memchr (q, '{', lx.end - q)) != NULL && q + 1 < lx.end)
        {
          if (q[1] == '{' || q[1] == '%' || q[1] == '#')
            {
              tag = q;
              kind = q[1];
              break;
            }
          q++;
        }

      if (tag == NULL)
        {
          lexer_push_data (&lx, p, lx.end - p);
          lexer_advance (&lx, p, lx.end);
          break;
        }

      if (tag + 2 < lx.end && (tag[2] == '-' || tag[2] == '+'))
        sign = tag[2];

      if (kind == '%')
        {
          gboolean strip;
          const char *raw_end = match_raw_tag (tag, lx.end, "raw", &strip);
          if (raw_end != NULL)
            {
              const char *r = raw_end;
              const char *close = NULL;
              const char *after = NULL;

              lexer_push_data (&lx, p, strip ? rstrip_len (p, tag - p) : (gsize) (tag - p));
              lexer_advance (&lx, p, raw_end);
              while ((r = memchr (r, '{', lx.end - r)) != NULL)
                {
                  if ((after = match_raw_tag (r, lx.end, "endraw", &strip)) != NULL)
                    {
                      close = r;
                      break;
                    }
                  r++;
                }
              if (close == NULL)
                return lexer_fail (&lx, tag, "Missing end of raw directive");
              lexer_push_data (&lx, raw_end, strip ? rstrip_len (raw_end, close - raw_end) :
                                                     (gsize) (close - raw_end));
              lexer_advance (&lx, raw_end, after);
              p = after;
              continue;
            }
        }

      lexer_push_data (&lx, p, sign == '-' ? rstrip_len (p, tag - p) : (gsize) (tag - p));
      lexer_advance (&lx, p, tag);
      p = tag + 2 + (sign ? 1 : 0);

      if (kind == '#')
        {
          const char *c = p;
          const char *close = NULL;
          while ((c = memchr (c, '#', lx.end - c)) != NULL && c + 1 < lx.end)
            {
              if (c[1] == '}')
                {
                  close = c;
                  break;
                }
              c++;
            }
          if (close == NULL)
            return lexer_fail (&lx, tag, "Missing end of comment tag");
          lexer_advance (&lx, p, close + 2);
          if (close > p && close[-1] == '-')
            {
              const char *after = skip_space (close + 2, lx.end);
              lexer_advance (&lx, close + 2, after);
              p = after;
            }
          else
            p = close + 2;
          continue;
        }

      lexer_push (&lx, kind == '%' ? TOK_BLOCK_BEGIN : TOK_VAR_BEGIN, tag);
      if (!lex_tag (&lx, &p, kind == '%'))
        return FALSE;
    }

  lexer_push (&lx, TOK_EOF, lx.end);
  return TRUE;
}
