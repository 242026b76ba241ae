/* tess-template-format.c: Python's str(), repr(), float repr and json.dumps, byte for byte
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tess-template-value.h"

/* Python's repr(float): the shortest digit string that round-trips, printed in fixed
 * notation when the decimal exponent is in (-4, 16], scientific otherwise. */
void
tess_format_float (GString *out, double f)
{
  char buf[64];
  char digits[32];
  int n_digits = 0;
  int exponent;
  int decpt;
  char *e;

  if (isnan (f))
    {
      g_string_append (out, "nan");
      return;
    }
  if (isinf (f))
    {
      g_string_append (out, f < 0 ? "-inf" : "inf");
      return;
    }
  if (f == 0.0)
    {
      g_string_append (out, signbit (f) ? "-0.0" : "0.0");
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      g_snprintf (buf, sizeof buf, "%.*e", precision - 1, f);
      if (g_ascii_strtod (buf, NULL) == f)
        break;
    }

  /* buf is "[-]d[.ddd]e[+-]XX" */
  e = strchr (buf, 'e');
  exponent = atoi (e + 1);
  for (const char *p = buf; p < e; p++)
    if (g_ascii_isdigit (*p))
      digits[n_digits++] = *p;
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';
  decpt = exponent + 1;

  if (f < 0)
    g_string_append_c (out, '-');

  if (decpt > -4 && decpt <= 16)
    {
      if (decpt <= 0)
        {
          g_string_append (out, "0.");
          for (int i = 0; i < -decpt; i++)
            g_string_append_c (out, '0');
          g_string_append (out, digits);
        }
      else if (decpt >= n_digits)
        {
          g_string_append (out, digits);
          for (int i = n_digits; i < decpt; i++)
            g_string_append_c (out, '0');
          g_string_append (out, ".0");
        }
      else
        {
          tess_gstring_append (out, digits, decpt);
          g_string_append_c (out, '.');
          g_string_append (out, digits + decpt);
        }
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%02d", decpt - 1 < 0 ? '-' : '+', ABS (decpt - 1));
    }
}

static gboolean
unichar_is_printable (gunichar c)
{
  if (c == ' ')
    return TRUE;
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
      return FALSE;
    default:
      return TRUE;
    }
}

void
tess_format_repr_string (GString *out, const char *s, gsize len)
{
  const char *end = s + len;
  gboolean has_single = memchr (s, '\'', len) != NULL;
  gboolean has_double = memchr (s, '"', len) != NULL;
  char quote = (has_single && !has_double) ? '"' : '\'';

  g_string_append_c (out, quote);
  while (s < end)
    {
      guchar ch = *s;

      if (ch < 0x80)
        {
          if (ch == '\\')
            g_string_append (out, "\\\\");
          else if (ch == (guchar) quote)
            {
              g_string_append_c (out, '\\');
              g_string_append_c (out, quote);
            }
          else if (ch == '\n')
            g_string_append (out, "\\n");
          else if (ch == '\r')
            g_string_append (out, "\\r");
          else if (ch == '\t')
            g_string_append (out, "\\t");
          else if (ch < 0x20 || ch == 0x7f)
            g_string_append_printf (out, "\\x%02x", ch);
          else
            g_string_append_c (out, ch);
          s++;
        }
      else
        {
          gunichar c = g_utf8_get_char_validated (s, end - s);
          const char *next;

          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              /* Not reachable for valid UTF-8; keep the byte. */
              g_string_append_c (out, ch);
              s++;
              continue;
            }
          next = g_utf8_next_char (s);
          if (unichar_is_printable (c))
            tess_gstring_append (out, s, next - s);
          else if (c < 0x100)
            g_string_append_printf (out, "\\x%02x", c);
          else if (c < 0x10000)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_printf (out, "\\U%08x", c);
          s = next;
        }
    }
  g_string_append_c (out, quote);
}

static void
format_sequence (GString *out, TessValue v)
{
  TessList *l = tess_value_get_list (v);
  gboolean tuple = v.type == TESS_VALUE_TUPLE;

  g_string_append_c (out, tuple ? '(' : '[');
  for (guint i = 0; i < l->len; i++)
    {
      if (i)
        g_string_append (out, ", ");
      tess_format_repr (out, l->items[i]);
    }
  if (tuple && l->len == 1)
    g_string_append_c (out, ',');
  g_string_append_c (out, tuple ? ')' : ']');
}

static void
format_dict (GString *out, TessDict *d)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  TESS_DICT_FOREACH (d, e)
    {
      if (!first)
        g_string_append (out, ", ");
      first = FALSE;
      tess_format_repr (out, e->key);
      g_string_append (out, ": ");
      tess_format_repr (out, e->value);
    }
  g_string_append_c (out, '}');
}

void
tess_format_repr (GString *out, TessValue v)
{
  if (v.type == TESS_VALUE_STRING)
    {
      TessString *s = tess_value_get_string (v);
      if (v.flags & TESS_VALUE_FLAG_MARKUP)
        g_string_append (out, "Markup(");
      tess_format_repr_string (out, s->data, s->len);
      if (v.flags & TESS_VALUE_FLAG_MARKUP)
        g_string_append_c (out, ')');
    }
  else if (v.type == TESS_VALUE_UNDEFINED)
    g_string_append (out, "Undefined");  /* Undefined.__repr__, which does not raise */
  else
    tess_format_str (out, v);
}

void
tess_format_str (GString *out, TessValue v)
{
  switch (v.type)
    {
    case TESS_VALUE_UNDEFINED:
      break;
    case TESS_VALUE_NONE:
      g_string_append (out, "None");
      break;
    case TESS_VALUE_BOOL:
      g_string_append (out, v.u.b ? "True" : "False");
      break;
    case TESS_VALUE_INT:
      {
        char buf[24];
        char *p = buf + sizeof buf;
        guint64 mag = v.u.i < 0 ? (guint64) 0 - (guint64) v.u.i : (guint64) v.u.i;
        do
          {
            *--p = '0' + (mag % 10);
            mag /= 10;
          }
        while (mag);
        if (v.u.i < 0)
          *--p = '-';
        tess_gstring_append (out, p, buf + sizeof buf - p);
      }
      break;
    case TESS_VALUE_FLOAT:
      tess_format_float (out, v.u.f);
      break;
    case TESS_VALUE_STRING:
      tess_gstring_append (out, tess_value_get_string (v)->data, tess_value_get_string (v)->len);
      break;
    case TESS_VALUE_LIST:
    case TESS_VALUE_TUPLE:
      if (v.flags & (TESS_VALUE_FLAG_KEYS_VIEW | TESS_VALUE_FLAG_VALUES_VIEW |
                     TESS_VALUE_FLAG_ITEMS_VIEW))
        {
          g_string_append (out, (v.flags & TESS_VALUE_FLAG_KEYS_VIEW) ? "dict_keys(" :
                                (v.flags & TESS_VALUE_FLAG_VALUES_VIEW) ? "dict_values("
                                                                        : "dict_items(");
          format_sequence (out, v);
          g_string_append_c (out, ')');
        }
      else
        format_sequence (out, v);
      break;
    case TESS_VALUE_DICT:
      format_dict (out, tess_value_get_dict (v));
      break;
    case TESS_VALUE_OBJECT:
      switch ((TessObjectKind) v.u.o->kind)
        {
        case TESS_OBJECT_RANGE:
          {
            TessRange *r = (TessRange *) v.u.o;
            if (r->step == 1)
              g_string_append_printf (out, "range(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                      r->start, r->stop);
            else
              g_string_append_printf (out, "range(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                                      ", %" G_GINT64_FORMAT ")", r->start, r->stop, r->step);
          }
          break;
        case TESS_OBJECT_NAMESPACE:
          /* The namespace object's layout starts with the attribute dict. */
          g_string_append (out, "<Namespace ");
          format_dict (out, *(TessDict **) ((char *) v.u.o + sizeof (TessObject)));
          g_string_append_c (out, '>');
          break;
        case TESS_OBJECT_STRING:
        case TESS_OBJECT_LIST:
        case TESS_OBJECT_DICT:
        case TESS_OBJECT_UNDEFINED_INFO:
        case TESS_OBJECT_FUNCTION:
        case TESS_OBJECT_MACRO:
        case TESS_OBJECT_LOOP:
        case TESS_OBJECT_CYCLER:
        case TESS_OBJECT_JOINER:
        default:
          g_string_append_printf (out, "<%s object>", tess_value_type_name (v));
          break;
        }
      break;
    default:
      break;
    }
}

/* Python ordering for sort(), min(), max() and the comparison operators. */
gboolean
tess_value_compare (TessValue a, TessValue b, int *result)
{
  if (tess_value_is_number (a) && tess_value_is_number (b))
    {
      if (a.type != TESS_VALUE_FLOAT && b.type != TESS_VALUE_FLOAT)
        {
          gint64 x = a.type == TESS_VALUE_INT ? a.u.i : a.u.b;
          gint64 y = b.type == TESS_VALUE_INT ? b.u.i : b.u.b;
          *result = (x > y) - (x < y);
        }
      else
        {
          double x = tess_value_as_double (a), y = tess_value_as_double (b);
          *result = (x > y) - (x < y);
        }
      return TRUE;
    }
  if (a.type == TESS_VALUE_STRING && b.type == TESS_VALUE_STRING)
    {
      TessString *sa = tess_value_get_string (a), *sb = tess_value_get_string (b);
      int c = memcmp (sa->data, sb->data, MIN (sa->len, sb->len));
      if (c == 0)
        c = (sa->len > sb->len) - (sa->len < sb->len);
      *result = (c > 0) - (c < 0);
      return TRUE;
    }
  if ((a.type == TESS_VALUE_LIST || a.type == TESS_VALUE_TUPLE) && a.type == b.type)
    {
      TessList *la = tess_value_get_list (a), *lb = tess_value_get_list (b);
      for (guint i = 0; i < la->len && i < lb->len; i++)
        {
          if (tess_value_equal (la->items[i], lb->items[i]))
            continue;
          return tess_value_compare (la->items[i], lb->items[i], result);
        }
      *result = (la->len > lb->len) - (la->len < lb->len);
      return TRUE;
    }
  return FALSE;
}

/* json.dumps(v, sort_keys=True) followed by Jinja's htmlsafe replacements. */

/* Printable ASCII other than " \\ < > & ' */
static const guint8 json_plain[256] = {
  [' '] = 1, ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['('] = 1, [')'] = 1, ['*'] = 1,
  ['+'] = 1, [','] = 1, ['-'] = 1, ['.'] = 1, ['/'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1,
  ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, [':'] = 1,
  [';'] = 1, ['='] = 1, ['?'] = 1, ['@'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1,
  ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
  ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1,
  ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['['] = 1, [']'] = 1,
  ['^'] = 1, ['_'] = 1, ['`'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1,
  ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1,
  ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
  ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['{'] = 1, ['|'] = 1, ['}'] = 1,
  ['~'] = 1,
};

static void
append_u_escape (GString *out, gunichar c)
{
  static const char hex[] = "0123456789abcdef";
  char buf[6] = { '\\', 'u', hex[(c >> 12) & 15], hex[(c >> 8) & 15], hex[(c >> 4) & 15],
                  hex[c & 15] };

  tess_gstring_append (out, buf, 6);
}

static void
json_string (GString *out, const char *s, gsize len)
{
  const char *end = s + len;

  g_string_append_c (out, '"');
  while (s < end)
    {
      guchar ch = *s;
      const char *run = s;

      /* Copy runs of characters that need no escaping in one go. */
      while (s < end && json_plain[(guchar) *s])
        s++;
      if (s > run)
        {
          tess_gstring_append (out, run, s - run);
          continue;
        }

      if (ch < 0x80)
        {
          switch (ch)
            {
            case '"':
              tess_gstring_append (out, "\\\"", sizeof ("\\\"") - 1);
              break;
            case '\\':
              tess_gstring_append (out, "\\\\", sizeof ("\\\\") - 1);
              break;
            case '\n':
              tess_gstring_append (out, "\\n", sizeof ("\\n") - 1);
              break;
            case '\r':
              tess_gstring_append (out, "\\r", sizeof ("\\r") - 1);
              break;
            case '\t':
              tess_gstring_append (out, "\\t", sizeof ("\\t") - 1);
              break;
            case '\b':
              tess_gstring_append (out, "\\b", sizeof ("\\b") - 1);
              break;
            case '\f':
              tess_gstring_append (out, "\\f", sizeof ("\\f") - 1);
              break;
            case '<':
              tess_gstring_append (out, "\\u003c", sizeof ("\\u003c") - 1);
              break;
            case '>':
              tess_gstring_append (out, "\\u003e", sizeof ("\\u003e") - 1);
              break;
            case '&':
              tess_gstring_append (out, "\\u0026", sizeof ("\\u0026") - 1);
              break;
            case '\'':
              tess_gstring_append (out, "\\u0027", sizeof ("\\u0027") - 1);
              break;
            default:
              if (ch < 0x20)
                g_string_append_printf (out, "\\u%04x", ch);
              else
                g_string_append_c (out, ch);
              break;
            }
          s++;
        }
      else
        {
          gunichar c = g_utf8_get_char_validated (s, end - s);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              s++;
              continue;
            }
          if (c >= 0x10000)
            {
              gunichar v = c - 0x10000;
              append_u_escape (out, 0xD800 | (v >> 10));
              append_u_escape (out, 0xDC00 | (v & 0x3FF));
            }
          else
            append_u_escape (out, c);
          s = g_utf8_next_char (s);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_newline (GString *out, int indent, int depth)
{
  g_string_append_c (out, '\n');
  for (int i = 0; i < indent * depth; i++)
    g_string_append_c (out, ' ');
}

static int
compare_entries_for_json (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const TessDictEntry *ea = *(const TessDictEntry **) a;
  const TessDictEntry *eb = *(const TessDictEntry **) b;
  int result = 0;

  if (!tess_value_compare (ea->key, eb->key, &result))
    *(gboolean *) user_data = TRUE;
  return result;
}

static gboolean
json_key (GString *out, TessValue key, char **error_message)
{
  switch (key.type)
    {
    case TESS_VALUE_STRING:
      json_string (out, tess_value_get_string (key)->data, tess_value_get_string (key)->len);
      return TRUE;
    case TESS_VALUE_NONE:
      g_string_append (out, "\"null\"");
      return TRUE;
    case TESS_VALUE_BOOL:
      g_string_append (out, key.u.b ? "\"true\"" : "\"false\"");
      return TRUE;
    case TESS_VALUE_INT:
    case TESS_VALUE_FLOAT:
      g_string_append_c (out, '"');
      if (key.type == TESS_VALUE_FLOAT && isnan (key.u.f))
        g_string_append (out, "NaN");
      else if (key.type == TESS_VALUE_FLOAT && isinf (key.u.f))
        g_string_append (out, key.u.f < 0 ? "-Infinity" : "Infinity");
      else
        tess_format_str (out, key);
      g_string_append_c (out, '"');
      return TRUE;
    default:
      *error_message = g_strdup_printf ("keys must be str, int, float, bool or None, not %s",
                                        tess_value_type_name (key));
      return FALSE;
    }
}

gboolean
tess_format_json (GString *out, TessValue v, int indent, int depth, char **error_message)
{
  if (depth > 500)
    {
      *error_message = g_strdup ("maximum recursion depth exceeded while encoding a JSON object");
      return FALSE;
    }

  switch (v.type)
    {
    case TESS_VALUE_NONE:
      g_string_append (out, "null");
      return TRUE;
    case TESS_VALUE_BOOL:
      g_string_append (out, v.u.b ? "true" : "false");
      return TRUE;
    case TESS_VALUE_INT:
      tess_format_str (out, v);
      return TRUE;
    case TESS_VALUE_FLOAT:
      if (isnan (v.u.f))
        g_string_append (out, "NaN");
      else if (isinf (v.u.f))
        g_string_append (out, v.u.f < 0 ? "-Infinity" : "Infinity");
      else
        tess_format_float (out, v.u.f);
      return TRUE;
    case TESS_VALUE_STRING:
      json_string (out, tess_value_get_string (v)->data, tess_value_get_string (v)->len);
      return TRUE;
    case TESS_VALUE_LIST:
    case TESS_VALUE_TUPLE:
      {
        TessList *l = tess_value_get_list (v);
        if (l->len == 0)
          {
            g_string_append (out, "[]");
            return TRUE;
          }
        g_string_append_c (out, '[');
        for (guint i = 0; i < l->len; i++)
          {
            if (i)
              g_string_append (out, indent >= 0 ? "," : ", ");
            if (indent >= 0)
              json_newline (out, indent, depth + 1);
            if (!tess_format_json (out, l->items[i], indent, depth + 1, error_message))
              return FALSE;
          }
        if (indent >= 0)
          json_newline (out, indent, depth);
        g_string_append_c (out, ']');
        return TRUE;
      }
    case TESS_VALUE_DICT:
      {
        TessDict *d = tess_value_get_dict (v);
        g_autoptr(GPtrArray) entries = NULL;
        gboolean incomparable = FALSE;

        if (d->n_live == 0)
          {
            g_string_append (out, "{}");
            return TRUE;
          }
        entries = g_ptr_array_sized_new (d->n_live);
        TESS_DICT_FOREACH (d, e)
          g_ptr_array_add (entries, e);
        g_ptr_array_sort_with_data (entries, compare_entries_for_json, &incomparable);
        if (incomparable)
          {
            *error_message = g_strdup ("'<' not supported between dict keys of different types");
            return FALSE;
          }
        g_string_append_c (out, '{');
        for (guint i = 0; i < entries->len; i++)
          {
            TessDictEntry *e = entries->pdata[i];
            if (i)
              g_string_append (out, indent >= 0 ? "," : ", ");
            if (indent >= 0)
              json_newline (out, indent, depth + 1);
            if (!json_key (out, e->key, error_message))
              return FALSE;
            g_string_append (out, ": ");
            if (!tess_format_json (out, e->value, indent, depth + 1, error_message))
              return FALSE;
          }
        if (indent >= 0)
          json_newline (out, indent, depth);
        g_string_append_c (out, '}');
        return TRUE;
      }
    case TESS_VALUE_UNDEFINED:
      *error_message = g_strdup ("Object of type StrictUndefined is not JSON serializable");
      return FALSE;
    case TESS_VALUE_OBJECT:
    default:
      *error_message = g_strdup_printf ("Object of type %s is not JSON serializable",
                                        tess_value_type_name (v));
      return FALSE;
    }
}
