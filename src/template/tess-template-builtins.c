/* tess-template-builtins.c: Jinja2's filters and tests, its globals and the Python methods
 * that templates call on strings, lists and dicts
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tess-template-eval.h"
#include "tess-template-strings.h"

#define FAIL_TYPE(...) tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, __VA_ARGS__)
#define FAIL_VALUE(...) tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE, __VA_ARGS__)

#define REJECT_UNDEFINED(v)                                                       \
  G_STMT_START {                                                                  \
    if ((v).type == TESS_VALUE_UNDEFINED && !((v).flags & TESS_VALUE_FLAG_LENIENT)) \
      return tess_eval_fail_undefined (ev, node, (v));                            \
  } G_STMT_END

/* Functions */

static void
function_finalize (TessObject *object)
{
  tess_value_unref (((TessFunction *) object)->self);
}

TessValue
tess_function_new (TessBuiltinFunc func, TessValue self, const char *name)
{
  TessFunction *fn = tess_object_alloc (sizeof *fn, TESS_OBJECT_FUNCTION, function_finalize);

  fn->func = func;
  fn->self = tess_value_ref (self);
  fn->name = name;
  return tess_value_object (TESS_VALUE_OBJECT, fn);
}

/* Argument helpers */

static gboolean
arg_int (TessEval *ev, TessNode *node, TessArgs *args, guint pos, const char *name, gint64 def,
         gint64 *out)
{
  TessValue v;

  if (!tess_args_get (args, pos, name, &v) || v.type == TESS_VALUE_NONE)
    {
      *out = def;
      return TRUE;
    }
  if (v.type == TESS_VALUE_INT)
    *out = v.u.i;
  else if (v.type == TESS_VALUE_BOOL)
    *out = v.u.b;
  else if (v.type == TESS_VALUE_FLOAT)
    *out = (gint64) v.u.f;
  else if (v.type == TESS_VALUE_UNDEFINED)
    return tess_eval_fail_undefined (ev, node, v);
  else
    return FAIL_TYPE ("'%s' object cannot be interpreted as an integer", tess_value_type_name (v));
  return TRUE;
}

static gboolean
arg_bool (TessEval *ev, TessNode *node, TessArgs *args, guint pos, const char *name, gboolean def,
          gboolean *out)
{
  TessValue v;

  if (!tess_args_get (args, pos, name, &v))
    {
      *out = def;
      return TRUE;
    }
  return tess_eval_truthy (ev, node, v, out);
}

/* Borrowed value or NULL-type NONE when absent. */
static TessValue
arg_value (TessArgs *args, guint pos, const char *name, gboolean *present)
{
  TessValue v;

  if (tess_args_get (args, pos, name, &v))
    {
      if (present)
        *present = TRUE;
      return v;
    }
  if (present)
    *present = FALSE;
  return tess_value_none ();
}

static TessValue
str_value (TessEval *ev, TessNode *node, TessValue v, gboolean *ok)
{
  GString *s;

  if (v.type == TESS_VALUE_STRING)
    {
      *ok = TRUE;
      return tess_value_ref (v);
    }
  s = g_string_new (NULL);
  *ok = tess_eval_to_string (ev, node, v, s);
  return tess_value_string_take_gstring (s);
}

#define TO_STR(var, v)                                  \
  TessValue var##_val;                                  \
  TessString *var;                                      \
  G_STMT_START {                                        \
    gboolean to_str_ok_;                                \
    var##_val = str_value (ev, node, (v), &to_str_ok_); \
    if (!to_str_ok_)                                    \
      {                                                 \
        tess_value_unref (var##_val);                   \
        return FALSE;                                   \
      }                                                 \
  } G_STMT_END;                                         \
  var = tess_value_get_string (var##_val)

static gboolean
list_of (TessEval *ev, TessNode *node, TessValue v, TessValue *out)
{
  return tess_eval_to_list (ev, node, v, out);
}

static TessValue
lower_if_string (TessValue v)
{
  if (v.type == TESS_VALUE_STRING)
    return tess_str_lower (tess_value_get_string (v));
  return tess_value_ref (v);
}

/* Jinja's make_attrgetter: "a.b.0" walks items/attributes; a missing part gives default. */
static gboolean
attr_get (TessEval *ev, TessNode *node, TessValue item, TessValue attribute, TessValue def,
          gboolean has_default, gboolean lower, TessValue *out)
{
  TessValue cur = tess_value_ref (item);

  if (attribute.type == TESS_VALUE_STRING)
    {
      TessString *s = tess_value_get_string (attribute);
      const char *p = s->data;
      const char *end = s->data + s->len;

      while (p <= end)
        {
          const char *dot = memchr (p, '.', end - p);
          const char *part_end = dot ? dot : end;
          TessValue key, next;
          gboolean digits = part_end > p;

          for (const char *q = p; q < part_end; q++)
            if (!g_ascii_isdigit (*q))
              digits = FALSE;
          if (digits)
            key = tess_value_int (g_ascii_strtoll (p, NULL, 10));
          else
            key = tess_value_string_new (p, part_end - p);
          if (!tess_eval_getitem (ev, node, cur, key, &next))
            {
              tess_value_unref (key);
              tess_value_unref (cur);
              return FALSE;
            }
          tess_value_unref (key);
          tess_value_unref (cur);
          cur = next;
          if (dot == NULL)
            break;
          p = dot + 1;
        }
    }
  else if (attribute.type == TESS_VALUE_INT)
    {
      TessValue next;
      if (!tess_eval_getitem (ev, node, cur, attribute, &next))
        {
          tess_value_unref (cur);
          return FALSE;
        }
      tess_value_unref (cur);
      cur = next;
    }
  else if (attribute.type != TESS_VALUE_NONE)
    {
      tess_value_unref (cur);
      return FAIL_TYPE ("attribute must be a string or an integer");
    }

  if (cur.type == TESS_VALUE_UNDEFINED && has_default)
    {
      tess_value_unref (cur);
      cur = tess_value_ref (def);
    }
  if (lower)
    {
      TessValue l = lower_if_string (cur);
      tess_value_unref (cur);
      cur = l;
    }
  *out = cur;
  return TRUE;
}

/* Sorting (stable, like Python's sorted) */

typedef struct
{
  TessValue key;
  TessValue item;
} SortEntry;

typedef struct
{
  gboolean failed;
  gboolean reverse;
  TessValue bad_a, bad_b;
} SortState;

static int
sort_compare (gconstpointer pa, gconstpointer pb, gpointer user_data)
{
  const SortEntry *a = pa, *b = pb;
  SortState *st = user_data;
  int c = 0;

  if (st->failed)
    return 0;
  if (a->key.type == TESS_VALUE_UNDEFINED || b->key.type == TESS_VALUE_UNDEFINED ||
      !tess_value_compare (a->key, b->key, &c))
    {
      st->failed = TRUE;
      st->bad_a = a->key;
      st->bad_b = b->key;
      return 0;
    }
  return st->reverse ? -c : c;
}

static gboolean
sort_entries (TessEval *ev, TessNode *node, GArray *entries, gboolean reverse)
{
  SortState st = { FALSE, reverse };

  if (!tess_eval_tick (ev, node, entries->len))
    return FALSE;
  g_qsort_with_data (entries->data, entries->len, sizeof (SortEntry), sort_compare, &st);
  if (st.failed)
    {
      if (st.bad_a.type == TESS_VALUE_UNDEFINED)
        return tess_eval_fail_undefined (ev, node, st.bad_a);
      if (st.bad_b.type == TESS_VALUE_UNDEFINED)
        return tess_eval_fail_undefined (ev, node, st.bad_b);
      return FAIL_TYPE ("'<' not supported between instances of '%s' and '%s'",
                        tess_value_type_name (st.bad_b), tess_value_type_name (st.bad_a));
    }
  return TRUE;
}

static void
entries_free (GArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      tess_value_unref (g_array_index (entries, SortEntry, i).key);
      tess_value_unref (g_array_index (entries, SortEntry, i).item);
    }
  g_array_unref (entries);
}

/* String filters */

static gboolean
f_upper (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TO_STR (s, v);
  *out = tess_str_upper (s);
  tess_value_unref (s_val);
  return tess_args_check_done (ev, node, args, 0, "upper");
}

static gboolean
f_lower (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TO_STR (s, v);
  *out = tess_str_lower (s);
  tess_value_unref (s_val);
  return tess_args_check_done (ev, node, args, 0, "lower");
}

static gboolean
f_capitalize (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TO_STR (s, v);
  *out = tess_str_capitalize (s);
  tess_value_unref (s_val);
  return tess_args_check_done (ev, node, args, 0, "capitalize");
}

static gboolean
f_title (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TO_STR (s, v);
  *out = tess_str_jinja_title (s);
  tess_value_unref (s_val);
  return tess_args_check_done (ev, node, args, 0, "title");
}

static gboolean
f_trim (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue chars = arg_value (args, 0, "chars", NULL);

  REJECT_UNDEFINED (v);
  if (v.type != TESS_VALUE_STRING)
    {
      TO_STR (s, v);
      *out = tess_str_strip (s,
                             chars.type == TESS_VALUE_STRING ? tess_value_get_string (chars) : NULL,
                             TRUE, TRUE);
      tess_value_unref (s_val);
    }
  else
    *out = tess_str_strip (tess_value_get_string (v),
                           chars.type == TESS_VALUE_STRING ? tess_value_get_string (chars) : NULL,
                           TRUE, TRUE);
  return tess_args_check_done (ev, node, args, 1, "trim");
}

static gboolean
f_replace (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue old, new_, countv;
  gboolean has_old, has_new, has_count;
  gint64 count = -1;

  old = arg_value (args, 0, "old", &has_old);
  new_ = arg_value (args, 1, "new", &has_new);
  countv = arg_value (args, 2, "count", &has_count);
  if (!has_old || !has_new)
    return FAIL_TYPE ("do_replace() missing required argument");
  if (has_count && countv.type != TESS_VALUE_NONE &&
      !arg_int (ev, node, args, 2, "count", -1, &count))
    return FALSE;
  {
    TO_STR (s, v);
    TO_STR (o, old);
    TO_STR (n, new_);
    *out = tess_str_replace (s, o, n, count);
    tess_value_unref (s_val);
    tess_value_unref (o_val);
    tess_value_unref (n_val);
  }
  if (!tess_eval_check_size (ev, node, tess_value_get_string (*out)->len))
    return FALSE;
  return tess_args_check_done (ev, node, args, 3, "replace");
}

static gboolean
f_string (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TO_STR (s, v);
  (void) s;
  *out = s_val;
  return tess_args_check_done (ev, node, args, 0, "string");
}

static gboolean
f_safe (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  if (!f_string (ev, node, v, args, out))
    return FALSE;
  out->flags |= TESS_VALUE_FLAG_MARKUP;
  return TRUE;
}

static gboolean
f_escape (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  /* Markup is already safe: escaping it again changes nothing */
  if (tess_value_is_markup (v))
    {
      *out = tess_value_ref (v);
      return tess_args_check_done (ev, node, args, 0, "escape");
    }
  {
    TO_STR (s, v);
    *out = tess_str_html_escape (s);
    tess_value_unref (s_val);
  }
  out->flags |= TESS_VALUE_FLAG_MARKUP;
  return tess_args_check_done (ev, node, args, 0, "escape");
}

static gboolean
f_forceescape (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TO_STR (s, v);
  *out = tess_str_html_escape (s);
  tess_value_unref (s_val);
  out->flags |= TESS_VALUE_FLAG_MARKUP;
  return tess_args_check_done (ev, node, args, 0, "forceescape");
}

static gboolean
f_center (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  gint64 width;

  if (!arg_int (ev, node, args, 0, "width", 80, &width))
    return FALSE;
  if (!tess_eval_check_size (ev, node, MAX (width, 0)))
    return FALSE;
  {
    TO_STR (s, v);
    *out = tess_str_pad (s, width, ' ', 0);
    tess_value_unref (s_val);
  }
  return tess_args_check_done (ev, node, args, 1, "center");
}

static gboolean
f_indent (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue widthv = arg_value (args, 0, "width", NULL);
  gboolean first, blank;
  GString *indention;

  /* Jinja does `s += "\n"` first, so a non-string fails like Python does. */
  REJECT_UNDEFINED (v);
  if (v.type != TESS_VALUE_STRING)
    return FAIL_TYPE ("unsupported operand type(s) for +=: '%s' and 'str'",
                      tess_value_type_name (v));
  indention = g_string_new (NULL);

  if (!arg_bool (ev, node, args, 1, "first", FALSE, &first) ||
      !arg_bool (ev, node, args, 2, "blank", FALSE, &blank))
    {
      g_string_free (indention, TRUE);
      return FALSE;
    }
  if (widthv.type == TESS_VALUE_STRING)
    g_string_append (indention, tess_value_get_string (widthv)->data);
  else
    {
      gint64 width;
      if (!arg_int (ev, node, args, 0, "width", 4, &width) ||
          !tess_eval_check_size (ev, node, MAX (width, 0)))
        {
          g_string_free (indention, TRUE);
          return FALSE;
        }
      for (gint64 i = 0; i < width; i++)
        g_string_append_c (indention, ' ');
    }
  {
    TO_STR (s, v);
    *out = tess_str_indent (s, indention->str, first, blank);
    tess_value_unref (s_val);
  }
  g_string_free (indention, TRUE);
  if (!tess_eval_check_size (ev, node, tess_value_get_string (*out)->len))
    return FALSE;
  return tess_args_check_done (ev, node, args, 3, "indent");
}

static gboolean
f_truncate (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  gint64 length, leeway;
  gboolean killwords;
  TessValue endv = arg_value (args, 2, "end", NULL);
  const char *end = endv.type == TESS_VALUE_STRING ? tess_value_get_string (endv)->data : "...";
  gint64 end_len = g_utf8_strlen (end, -1);

  if (!arg_int (ev, node, args, 0, "length", 255, &length) ||
      !arg_bool (ev, node, args, 1, "killwords", FALSE, &killwords) ||
      !arg_int (ev, node, args, 3, "leeway", 5, &leeway))
    return FALSE;
  if (length < end_len)
    return FAIL_VALUE ("expected length >= %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT,
                       end_len, length);
  if (leeway < 0)
    return FAIL_VALUE ("expected leeway >= 0, got %" G_GINT64_FORMAT, leeway);
  REJECT_UNDEFINED (v);
  if (v.type != TESS_VALUE_STRING)
    {
      /* Jinja does not convert: short sized values come back as they are, others fail */
      gint64 len = -1;
      if (v.type == TESS_VALUE_LIST || v.type == TESS_VALUE_TUPLE)
        len = tess_value_get_list (v)->len;
      else if (v.type == TESS_VALUE_DICT)
        len = tess_value_get_dict (v)->n_live;
      if (len < 0)
        return FAIL_TYPE ("object of type '%s' has no len()", tess_value_type_name (v));
      if (len > length + leeway)
        return FAIL_TYPE ("'%s' object cannot be truncated", tess_value_type_name (v));
      *out = tess_value_ref (v);
      return tess_args_check_done (ev, node, args, 4, "truncate");
    }
  {
    TO_STR (s, v);
    *out = tess_str_truncate (s, length, killwords, end, end_len, leeway);
    tess_value_unref (s_val);
  }
  return tess_args_check_done (ev, node, args, 4, "truncate");
}

static gboolean
f_wordcount (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TO_STR (s, v);
  *out = tess_value_int (tess_str_wordcount (s));
  tess_value_unref (s_val);
  return tess_args_check_done (ev, node, args, 0, "wordcount");
}

static gboolean
f_wordwrap (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  gint64 width;
  gboolean break_long, break_hyphens;
  TessValue wrapv = arg_value (args, 2, "wrapstring", NULL);

  if (!arg_int (ev, node, args, 0, "width", 79, &width) ||
      !arg_bool (ev, node, args, 1, "break_long_words", TRUE, &break_long) ||
      !arg_bool (ev, node, args, 3, "break_on_hyphens", TRUE, &break_hyphens))
    return FALSE;
  if (width <= 0)
    return FAIL_VALUE ("invalid width %" G_GINT64_FORMAT " (must be > 0)", width);
  REJECT_UNDEFINED (v);
  if (v.type != TESS_VALUE_STRING)
    return FAIL_TYPE ("'%s' object has no attribute 'splitlines'", tess_value_type_name (v));
  {
    TO_STR (s, v);
    *out = tess_str_wordwrap (s, width, break_long, break_hyphens,
                              wrapv.type == TESS_VALUE_STRING ? tess_value_get_string (wrapv)->data
                                                              : "\n");
    tess_value_unref (s_val);
  }
  return tess_args_check_done (ev, node, args, 4, "wordwrap");
}

static gboolean
f_striptags (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TO_STR (s, v);
  *out = tess_str_striptags (s);
  tess_value_unref (s_val);
  return tess_args_check_done (ev, node, args, 0, "striptags");
}

static gboolean
f_urlencode (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  GString *r = g_string_new (NULL);

  REJECT_UNDEFINED (v);
  if (v.type == TESS_VALUE_STRING)
    tess_str_url_quote (r, tess_value_get_string (v), FALSE);
  else if (v.type != TESS_VALUE_LIST && v.type != TESS_VALUE_TUPLE && v.type != TESS_VALUE_DICT &&
           !tess_value_is_object_kind (v, TESS_OBJECT_RANGE) &&
           !tess_value_is_object_kind (v, TESS_OBJECT_FAILING_ITERATOR))
    {
      /* not iterable: quote str(value) */
      TO_STR (sv, v);
      tess_str_url_quote (r, sv, FALSE);
      tess_value_unref (sv_val);
    }
  else
    {
      TessValue pairs;
      gboolean first = TRUE;

      if (v.type == TESS_VALUE_DICT)
        {
          pairs = tess_value_list_new (0);
          TESS_DICT_FOREACH (tess_value_get_dict (v), e)
            {
              TessValue t = tess_value_tuple_new (2);
              tess_list_append (tess_value_get_list (t), tess_value_ref (e->key));
              tess_list_append (tess_value_get_list (t), tess_value_ref (e->value));
              tess_list_append (tess_value_get_list (pairs), t);
            }
        }
      else if (!list_of (ev, node, v, &pairs))
        {
          g_string_free (r, TRUE);
          return FALSE;
        }
      for (guint i = 0; i < tess_value_get_list (pairs)->len; i++)
        {
          TessValue item = tess_value_get_list (pairs)->items[i];
          TessValue pair;
          /* `for k, v in items`: anything that unpacks to two values */
          if (item.type == TESS_VALUE_UNDEFINED || !list_of (ev, node, item, &pair))
            {
              if (ev->error == NULL)
                tess_eval_fail_undefined (ev, node, item);
              tess_value_unref (pairs);
              g_string_free (r, TRUE);
              return FALSE;
            }
          if (tess_value_get_list (pair)->len != 2)
            {
              guint n = tess_value_get_list (pair)->len;
              tess_value_unref (pair);
              tess_value_unref (pairs);
              g_string_free (r, TRUE);
              return n > 2 ? FAIL_VALUE ("too many values to unpack (expected 2)")
                           : FAIL_VALUE ("not enough values to unpack (expected 2, got %u)", n);
            }
          for (guint k = 0; k < 2; k++)
            {
              TessValue part = tess_value_get_list (pair)->items[k];
              GString *tmp = g_string_new (NULL);
              TessValue sv;
              if (!tess_eval_to_string (ev, node, part, tmp))
                {
                  g_string_free (tmp, TRUE);
                  g_string_free (r, TRUE);
                  tess_value_unref (pair);
                  tess_value_unref (pairs);
                  return FALSE;
                }
              sv = tess_value_string_take_gstring (tmp);
              if (k == 0 && !first)
                g_string_append_c (r, '&');
              tess_str_url_quote (r, tess_value_get_string (sv), TRUE);
              if (k == 0)
                g_string_append_c (r, '=');
              tess_value_unref (sv);
            }
          first = FALSE;
          tess_value_unref (pair);
        }
      tess_value_unref (pairs);
    }
  *out = tess_value_string_take_gstring (r);
  return tess_args_check_done (ev, node, args, 0, "urlencode");
}

static gboolean parse_python_float (const char *text, double *out);

/* Python's float(value) as filesizeformat calls it: a string must be a whole float literal. */
static gboolean
filesize_bytes (TessEval *ev, TessNode *node, TessValue v, double *bytes)
{
  if (v.type == TESS_VALUE_STRING)
    {
      TessString *s = tess_value_get_string (v);
      g_autoptr(GString) repr = NULL;
      if (parse_python_float (s->data, bytes))
        return TRUE;
      repr = g_string_new (NULL);
      tess_format_repr_string (repr, s->data, s->len);
      return FAIL_VALUE ("could not convert string to float: %s", repr->str);
    }
  if (tess_value_is_number (v))
    {
      *bytes = tess_value_as_double (v);
      return TRUE;
    }
  return FAIL_TYPE ("float() argument must be a string or a real number, not '%s'",
                    tess_value_type_name (v));
}

static gboolean
f_filesizeformat (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  static const char *decimal[] = { "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB" };
  static const char *binary_prefixes[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB" };
  gboolean binary;
  double bytes, base, unit = 1;
  GString *r;

  REJECT_UNDEFINED (v);
  if (!arg_bool (ev, node, args, 0, "binary", FALSE, &binary))
    return FALSE;
  if (!filesize_bytes (ev, node, v, &bytes))
    return FALSE;
  base = binary ? 1024 : 1000;
  r = g_string_new (NULL);
  if (bytes == 1)
    g_string_append (r, "1 Byte");
  else if (bytes < base)
    {
      if (isinf (bytes))
        {
          g_string_free (r, TRUE);
          return FAIL_VALUE ("cannot convert float infinity to integer");
        }
      /* int(bytes) is exact in Python; %.0f of a whole double is exact too (+ 0.0: no "-0") */
      g_string_append_printf (r, "%.0f Bytes", trunc (bytes) + 0.0);
    }
  else
    {
      const char **prefixes = binary ? binary_prefixes : decimal;
      guint i;
      for (i = 0; i < 8; i++)
        {
          unit = pow (base, i + 2);
          if (bytes < unit)
            break;
        }
      if (i == 8)
        i = 7;
      if (isnan (bytes))
        g_string_append_printf (r, "nan %s", prefixes[i]);  /* C would print "-nan" */
      else
        g_string_append_printf (r, "%.1f %s", base * bytes / unit, prefixes[i]);
    }
  *out = tess_value_string_take_gstring (r);
  return tess_args_check_done (ev, node, args, 1, "filesizeformat");
}

static gboolean
f_format (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue params;
  gboolean ok;

  if (args->n_pos && args->n_kw)
    return FAIL_VALUE ("can't handle positional and keyword arguments at the same time");
  if (args->n_kw)
    {
      params = tess_value_dict_new ();
      for (guint i = 0; i < args->n_kw; i++)
        tess_dict_set (tess_value_get_dict (params),
                       tess_value_string_new (g_quark_to_string (args->kw_names[i]), -1),
                       tess_value_ref (args->kw_values[i]));
    }
  else
    {
      params = tess_value_tuple_new (args->n_pos);
      for (guint i = 0; i < args->n_pos; i++)
        tess_list_append (tess_value_get_list (params), tess_value_ref (args->pos[i]));
    }
  {
    TO_STR (s, v);
    (void) s;
    ok = tess_builtins_percent_format (ev, node, s_val, params, out);
    tess_value_unref (s_val);
  }
  tess_value_unref (params);
  return ok;
}

/* Serialisation */

static gboolean
f_tojson (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  gint64 indent = -1;
  TessValue indentv = arg_value (args, 0, "indent", NULL);
  GString *s = g_string_new (NULL);
  char *msg = NULL;

  if (indentv.type != TESS_VALUE_NONE && !arg_int (ev, node, args, 0, "indent", -1, &indent))
    {
      g_string_free (s, TRUE);
      return FALSE;
    }
  if (!tess_args_check_done (ev, node, args, 1, "tojson"))
    {
      g_string_free (s, TRUE);
      return FALSE;
    }
  if (!tess_format_json (s, v, MAX (indent, -1), 0, &msg))
    {
      g_string_free (s, TRUE);
      tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "%s", msg);
      g_free (msg);
      return FALSE;
    }
  *out = tess_value_string_take_gstring (s);
  out->flags |= TESS_VALUE_FLAG_MARKUP;
  return tess_eval_check_size (ev, node, tess_value_get_string (*out)->len);
}

/* pprint's _safe_key: keys that do not compare are ordered by their type's name */
static int
pprint_key_compare (gconstpointer pa, gconstpointer pb, gpointer user_data)
{
  const SortEntry *a = pa, *b = pb;
  int c = 0;

  if (tess_value_compare (a->key, b->key, &c))
    return c;
  return strcmp (tess_value_type_name (a->key), tess_value_type_name (b->key));
}

static GArray *
sorted_dict_entries (TessDict *d)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (SortEntry));

  TESS_DICT_FOREACH (d, e)
    {
      SortEntry se = { e->key, e->value };
      g_array_append_val (entries, se);
    }
  g_qsort_with_data (entries->data, entries->len, sizeof (SortEntry), pprint_key_compare, NULL);
  return entries;
}

/* pprint's repr(): like repr() but with dict keys sorted */
static void
pprint_repr (GString *out, TessValue v)
{
  if (v.type == TESS_VALUE_DICT)
    {
      GArray *entries = sorted_dict_entries (tess_value_get_dict (v));
      g_string_append_c (out, '{');
      for (guint i = 0; i < entries->len; i++)
        {
          if (i)
            g_string_append (out, ", ");
          tess_format_repr (out, g_array_index (entries, SortEntry, i).key);
          g_string_append (out, ": ");
          pprint_repr (out, g_array_index (entries, SortEntry, i).item);
        }
      g_string_append_c (out, '}');
      g_array_unref (entries);
    }
  else if (v.type == TESS_VALUE_LIST || v.type == TESS_VALUE_TUPLE)
    {
      TessList *l = tess_value_get_list (v);
      g_string_append_c (out, v.type == TESS_VALUE_LIST ? '[' : '(');
      for (guint i = 0; i < l->len; i++)
        {
          if (i)
            g_string_append (out, ", ");
          pprint_repr (out, l->items[i]);
        }
      if (v.type == TESS_VALUE_TUPLE && l->len == 1)
        g_string_append_c (out, ',');
      g_string_append_c (out, v.type == TESS_VALUE_LIST ? ']' : ')');
    }
  else
    tess_format_repr (out, v);
}

#define PPRINT_WIDTH 80

static void pprint_format (GString *out, TessValue v, gint64 indent, gint64 allowance, guint level);

static void
pprint_newline (GString *out, gint64 indent)
{
  g_string_append_c (out, '\n');
  for (gint64 i = 0; i < indent; i++)
    g_string_append_c (out, ' ');
}

static void
pprint_items (GString *out, TessList *l, gint64 indent, gint64 allowance, guint level)
{
  indent += 1;
  for (guint i = 0; i < l->len; i++)
    {
      gboolean last = i + 1 == l->len;
      if (i)
        {
          g_string_append_c (out, ',');
          pprint_newline (out, indent);
        }
      pprint_format (out, l->items[i], indent, last ? allowance : 1, level);
    }
}

/* str: split long lines into chunks at whitespace, each repr()'d on its own line */
static gboolean
pprint_str (GString *out, TessString *s, gint64 indent, gint64 allowance, guint level)
{
  TessValue lines = tess_str_splitlines (s, TRUE);
  TessList *l = tess_value_get_list (lines);
  GPtrArray *chunks = g_ptr_array_new_with_free_func (g_free);
  gint64 max_width, max_width1;

  if (level == 1)
    {
      indent += 1;
      allowance += 1;
    }
  max_width = max_width1 = PPRINT_WIDTH - indent;
  for (guint i = 0; i < l->len; i++)
    {
      TessString *line = tess_value_get_string (l->items[i]);
      GString *rep = g_string_new (NULL);
      tess_format_repr_string (rep, line->data, line->len);
      if (i + 1 == l->len)
        max_width1 -= allowance;
      if ((gint64) g_utf8_strlen (rep->str, -1) <= max_width1)
        g_ptr_array_add (chunks, g_string_free (rep, FALSE));
      else
        {
          /* parts are \S*\s* runs */
          const char *p = line->data, *end = line->data + line->len;
          GString *current = g_string_new (NULL);
          gint64 max_width2 = max_width;
          g_string_free (rep, TRUE);
          while (p < end)
            {
              const char *q = p;
              GString *candidate, *crep;
              while (q < end && !tess_unichar_is_py_space (g_utf8_get_char (q)))
                q = g_utf8_next_char (q);
              while (q < end && tess_unichar_is_py_space (g_utf8_get_char (q)))
                q = g_utf8_next_char (q);
              if (q >= end && i + 1 == l->len)
                max_width2 -= allowance;
              candidate = g_string_new_len (current->str, current->len);
              g_string_append_len (candidate, p, q - p);
              crep = g_string_new (NULL);
              tess_format_repr_string (crep, candidate->str, candidate->len);
              if ((gint64) g_utf8_strlen (crep->str, -1) > max_width2)
                {
                  if (current->len)
                    {
                      GString *r = g_string_new (NULL);
                      tess_format_repr_string (r, current->str, current->len);
                      g_ptr_array_add (chunks, g_string_free (r, FALSE));
                    }
                  g_string_truncate (current, 0);
                  g_string_append_len (current, p, q - p);
                }
              else
                {
                  g_string_truncate (current, 0);
                  g_string_append_len (current, candidate->str, candidate->len);
                }
              g_string_free (candidate, TRUE);
              g_string_free (crep, TRUE);
              p = q;
            }
          if (current->len)
            {
              GString *r = g_string_new (NULL);
              tess_format_repr_string (r, current->str, current->len);
              g_ptr_array_add (chunks, g_string_free (r, FALSE));
            }
          g_string_free (current, TRUE);
        }
    }
  tess_value_unref (lines);
  if (chunks->len <= 1)
    {
      g_ptr_array_unref (chunks);
      return FALSE;  /* print the plain repr */
    }
  if (level == 1)
    g_string_append_c (out, '(');
  for (guint i = 0; i < chunks->len; i++)
    {
      if (i)
        pprint_newline (out, indent);
      g_string_append (out, chunks->pdata[i]);
    }
  if (level == 1)
    g_string_append_c (out, ')');
  g_ptr_array_unref (chunks);
  return TRUE;
}

/* pprint.PrettyPrinter(width=80, indent=1)._format */
static void
pprint_format (GString *out, TessValue v, gint64 indent, gint64 allowance, guint level)
{
  GString *rep = g_string_new (NULL);

  pprint_repr (rep, v);
  if ((gint64) g_utf8_strlen (rep->str, -1) > PPRINT_WIDTH - indent - allowance)
    {
      if (v.type == TESS_VALUE_DICT && tess_value_get_dict (v)->n_live > 0)
        {
          GArray *entries = sorted_dict_entries (tess_value_get_dict (v));
          g_string_append_c (out, '{');
          indent += 1;
          for (guint i = 0; i < entries->len; i++)
            {
              gboolean last = i + 1 == entries->len;
              GString *krep = g_string_new (NULL);
              if (i)
                {
                  g_string_append_c (out, ',');
                  pprint_newline (out, indent);
                }
              tess_format_repr (krep, g_array_index (entries, SortEntry, i).key);
              g_string_append_len (out, krep->str, krep->len);
              g_string_append (out, ": ");
              pprint_format (out, g_array_index (entries, SortEntry, i).item,
                             indent + g_utf8_strlen (krep->str, -1) + 2, last ? allowance + 1 : 1,
                             level + 1);
              g_string_free (krep, TRUE);
            }
          g_string_append_c (out, '}');
          g_array_unref (entries);
          g_string_free (rep, TRUE);
          return;
        }
      if ((v.type == TESS_VALUE_LIST || v.type == TESS_VALUE_TUPLE)
          && tess_value_get_list (v)->len > 0)
        {
          gboolean tuple = v.type == TESS_VALUE_TUPLE;
          const char *endchar = tuple ? (tess_value_get_list (v)->len == 1 ? ",)" : ")") : "]";
          g_string_append_c (out, tuple ? '(' : '[');
          pprint_items (out, tess_value_get_list (v), indent, allowance + strlen (endchar),
                        level + 1);
          g_string_append (out, endchar);
          g_string_free (rep, TRUE);
          return;
        }
      if (v.type == TESS_VALUE_STRING &&
          pprint_str (out, tess_value_get_string (v), indent, allowance,
                                                     level + 1))
        {
          g_string_free (rep, TRUE);
          return;
        }
    }
  g_string_append_len (out, rep->str, rep->len);
  g_string_free (rep, TRUE);
}

static gboolean
f_pprint (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  GString *s = g_string_new (NULL);

  /* pformat() uses repr(), which an undefined value answers without failing */
  pprint_format (s, v, 0, 0, 0);
  *out = tess_value_string_take_gstring (s);
  return tess_args_check_done (ev, node, args, 0, "pprint");
}

/* Defaults and conversions */

static gboolean
f_default (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue def = tess_value_string_empty ();
  TessValue given;
  gboolean boolean, use_default;

  if (tess_args_get (args, 0, "default_value", &given))
    {
      tess_value_unref (def);
      def = tess_value_ref (given);
    }
  if (!arg_bool (ev, node, args, 1, "boolean", FALSE, &boolean))
    {
      tess_value_unref (def);
      return FALSE;
    }
  use_default = v.type == TESS_VALUE_UNDEFINED;
  if (!use_default && boolean)
    {
      gboolean t;
      if (!tess_eval_truthy (ev, node, v, &t))
        {
          tess_value_unref (def);
          return FALSE;
        }
      use_default = !t;
    }
  if (use_default)
    *out = def;
  else
    {
      tess_value_unref (def);
      *out = tess_value_ref (v);
    }
  return tess_args_check_done (ev, node, args, 2, "default");
}

static gboolean
parse_python_float (const char *text, double *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autofree char *clean = NULL;
  char *end;
  gsize n;

  if (*copy == '\0')
    return FALSE;
  n = strlen (copy);
  clean = g_malloc (n + 1);
  {
    gsize j = 0;
    for (gsize i = 0; i < n; i++)
      {
        if (copy[i] == '_')
          {
            if (i == 0 || i + 1 >= n || !g_ascii_isdigit (copy[i - 1])
                || !g_ascii_isdigit (copy[i + 1]))
              return FALSE;
            continue;
          }
        clean[j++] = copy[i];
      }
    clean[j] = '\0';
  }
  {
    const char *p = clean;
    if (*p == '+' || *p == '-')
      p++;
    if (g_ascii_strcasecmp (p, "inf") == 0 || g_ascii_strcasecmp (p, "infinity") == 0)
      {
        *out = clean[0] == '-' ? -INFINITY : INFINITY;
        return TRUE;
      }
    if (g_ascii_strcasecmp (p, "nan") == 0)
      {
        *out = NAN;
        return TRUE;
      }
    /* reject hex floats and other strtod extensions */
    for (const char *q = p; *q; q++)
      if (!g_ascii_isdigit (*q) && *q != '.' && *q != 'e' && *q != 'E' && *q != '+' && *q != '-')
        return FALSE;
  }
  *out = g_ascii_strtod (clean, &end);
  return *end == '\0' && end != clean;
}

static gboolean
parse_python_int (const char *text, int base, gint64 *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *p = copy;
  gboolean neg = FALSE;
  guint64 value = 0;
  gboolean any = FALSE;

  if (*p == '+' || *p == '-')
    neg = *p++ == '-';
  if (base == 0 || base == 16 || base == 8 || base == 2)
    {
      if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && (base == 0 || base == 16))
        {
          base = 16;
          p += 2;
        }
      else if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O') && (base == 0 || base == 8))
        {
          base = 8;
          p += 2;
        }
      else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B') && (base == 0 || base == 2))
        {
          base = 2;
          p += 2;
        }
      else if (base == 0)
        base = 10;
    }
  if (base < 2 || base > 36)
    return FALSE;
  for (; *p; p++)
    {
      int d;
      if (*p == '_' && any && p[1] != '\0' && p[1] != '_')
        continue;
      if (g_ascii_isdigit (*p))
        d = *p - '0';
      else if (g_ascii_isalpha (*p))
        d = g_ascii_tolower (*p) - 'a' + 10;
      else
        return FALSE;
      if (d >= base)
        return FALSE;
      if (value > (guint64) G_MAXINT64 / base)
        return FALSE;
      value = value * base + d;
      any = TRUE;
    }
  if (!any || value > (guint64) G_MAXINT64)
    return FALSE;
  *out = neg ? -(gint64) value : (gint64) value;
  return TRUE;
}

static gboolean
f_int (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue def;
  gboolean has_def;
  gint64 base;
  double f;

  def = arg_value (args, 0, "default", &has_def);
  if (!has_def)
    def = tess_value_int (0);
  if (!arg_int (ev, node, args, 1, "base", 10, &base))
    return FALSE;
  if (!tess_args_check_done (ev, node, args, 2, "int"))
    return FALSE;

  switch (v.type)
    {
    case TESS_VALUE_INT:
      *out = v;
      return TRUE;
    case TESS_VALUE_BOOL:
      *out = tess_value_int (v.u.b);
      return TRUE;
    case TESS_VALUE_FLOAT:
      if (isinf (v.u.f))
        return FAIL_VALUE ("cannot convert float infinity to integer");  /* OverflowError */
      if (isfinite (v.u.f) && fabs (v.u.f) < 9.2e18)
        {
          *out = tess_value_int ((gint64) v.u.f);
          return TRUE;
        }
      break;
    case TESS_VALUE_STRING:
      {
        gint64 i;
        if (parse_python_int (tess_value_get_string (v)->data, base, &i))
          {
            *out = tess_value_int (i);
            return TRUE;
          }
        if (parse_python_float (tess_value_get_string (v)->data, &f) && isinf (f))
          return FAIL_VALUE ("cannot convert float infinity to integer");  /* OverflowError */
        if (parse_python_float (tess_value_get_string (v)->data, &f) && isfinite (f) &&
            fabs (f) < 9.2e18)
          {
            *out = tess_value_int ((gint64) f);
            return TRUE;
          }
      }
      break;
    case TESS_VALUE_UNDEFINED:
      if (!(v.flags & TESS_VALUE_FLAG_LENIENT))
        return tess_eval_fail_undefined (ev, node, v);
      break;
    default:
      break;
    }
  *out = tess_value_ref (def);
  return TRUE;
}

static gboolean
f_float (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue def;
  gboolean has_def;
  double f;

  def = arg_value (args, 0, "default", &has_def);
  if (!has_def)
    def = tess_value_float (0.0);
  if (!tess_args_check_done (ev, node, args, 1, "float"))
    return FALSE;
  if (tess_value_is_number (v))
    {
      *out = tess_value_float (tess_value_as_double (v));
      return TRUE;
    }
  if (v.type == TESS_VALUE_STRING && parse_python_float (tess_value_get_string (v)->data, &f))
    {
      *out = tess_value_float (f);
      return TRUE;
    }
  if (v.type == TESS_VALUE_UNDEFINED && !(v.flags & TESS_VALUE_FLAG_LENIENT))
    return tess_eval_fail_undefined (ev, node, v);
  *out = tess_value_ref (def);
  return TRUE;
}

static gboolean
f_abs (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  REJECT_UNDEFINED (v);
  if (v.type == TESS_VALUE_INT)
    {
      if (v.u.i == G_MININT64)
        return FAIL_VALUE ("integer result does not fit in 64 bits");
      *out = tess_value_int (v.u.i < 0 ? -v.u.i : v.u.i);
    }
  else if (v.type == TESS_VALUE_BOOL)
    *out = tess_value_int (v.u.b);
  else if (v.type == TESS_VALUE_FLOAT)
    *out = tess_value_float (fabs (v.u.f));
  else
    return FAIL_TYPE ("bad operand type for abs(): '%s'", tess_value_type_name (v));
  return tess_args_check_done (ev, node, args, 0, "abs");
}

static double
py_round (double x, gint64 ndigits)
{
  char buf[400];

  if (!isfinite (x))
    return x;
  if (ndigits >= 0)
    {
      if (ndigits > 300)
        return x;
      /* glibc's printf rounds the exact binary value half-to-even, as Python's round() does. */
      g_snprintf (buf, sizeof buf, "%.*f", (int) ndigits, x);
      return g_ascii_strtod (buf, NULL);
    }
  else
    {
      double p = pow (10.0, (double) -ndigits);
      double y = x / p;
      double z = nearbyint (y);
      if (fabs (y - z) == 0.5)
        z = 2.0 * nearbyint (y / 2.0);
      return z * p;
    }
}

static gboolean
f_round (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  gint64 precision;
  TessValue methodv = arg_value (args, 1, "method", NULL);
  const char *method = methodv.type == TESS_VALUE_STRING ? tess_value_get_string (methodv)->data
                                                         : "common";

  REJECT_UNDEFINED (v);
  if (!arg_int (ev, node, args, 0, "precision", 0, &precision))
    return FALSE;
  if (!g_str_equal (method, "common") && !g_str_equal (method, "ceil") &&
      !g_str_equal (method, "floor"))
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE,
                           "method must be 'common', 'ceil' or 'floor'");
  if (!tess_value_is_number (v))
    return FAIL_TYPE ("type %s doesn't define __round__ method", tess_value_type_name (v));

  if (g_str_equal (method, "common"))
    {
      if (v.type != TESS_VALUE_FLOAT)
        {
          gint64 x = v.type == TESS_VALUE_INT ? v.u.i : v.u.b;
          if (precision < 0 && precision > -19)
            {
              gint64 p = 1;
              for (gint64 i = 0; i < -precision; i++)
                p *= 10;
              {
                gint64 q = x / p, r = x % p;
                if (r < 0)
                  {
                    q -= 1;
                    r += p;
                  }
                if (r * 2 > p || (r * 2 == p && (q & 1)))
                  q += 1;
                x = q * p;
              }
            }
          else if (precision <= -19)
            x = 0;
          *out = tess_value_int (x);
        }
      else
        *out = tess_value_float (py_round (v.u.f, precision));
    }
  else
    {
      double scale = pow (10.0, (double) precision);
      double x = tess_value_as_double (v) * scale;
      double r = g_str_equal (method, "ceil") ? ceil (x) : floor (x);
      /* math.ceil and math.floor return ints, so there is no -0.0 */
      if (r == 0.0)
        r = 0.0;
      *out = tess_value_float (r / scale);
    }
  return tess_args_check_done (ev, node, args, 2, "round");
}

/* Sequences */

static gboolean
f_length (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  REJECT_UNDEFINED (v);
  switch (v.type)
    {
    case TESS_VALUE_STRING:
      *out = tess_value_int (tess_string_n_chars (tess_value_get_string (v)));
      break;
    case TESS_VALUE_LIST:
    case TESS_VALUE_TUPLE:
      *out = tess_value_int (tess_value_get_list (v)->len);
      break;
    case TESS_VALUE_DICT:
      *out = tess_value_int (tess_value_get_dict (v)->n_live);
      break;
    case TESS_VALUE_OBJECT:
      if (v.u.o->kind == TESS_OBJECT_RANGE)
        {
          *out = tess_value_int (tess_range_length ((TessRange *) v.u.o));
          break;
        }
      G_GNUC_FALLTHROUGH;
    default:
      if (v.type == TESS_VALUE_UNDEFINED)
        {
          *out = tess_value_int (0);
          break;
        }
      return FAIL_TYPE ("object of type '%s' has no len()", tess_value_type_name (v));
    }
  return tess_args_check_done (ev, node, args, 0, "length");
}

static gboolean
f_list (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue l;

  REJECT_UNDEFINED (v);
  if (!list_of (ev, node, v, &l))
    return FALSE;
  if (l.type == TESS_VALUE_LIST && l.u.o->ref_count == 1)
    {
      l.flags = 0;
      *out = l;
    }
  else
    {
      TessList *src = tess_value_get_list (l);
      *out = tess_value_list_new (src->len);
      for (guint i = 0; i < src->len; i++)
        tess_list_append (tess_value_get_list (*out), tess_value_ref (src->items[i]));
      tess_value_unref (l);
    }
  return tess_args_check_done (ev, node, args, 0, "list");
}

static gboolean
f_first (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue l;

  REJECT_UNDEFINED (v);
  if (v.type == TESS_VALUE_STRING)
    {
      TessString *s = tess_value_get_string (v);
      if (s->len == 0)
        *out = tess_value_undefined ("No first item, sequence was empty.");
      else
        *out = tess_value_string_new (s->data, g_utf8_next_char (s->data) - s->data);
      return tess_args_check_done (ev, node, args, 0, "first");
    }
  if (!list_of (ev, node, v, &l))
    return FALSE;
  if (tess_value_get_list (l)->len == 0)
    *out = tess_value_undefined ("No first item, sequence was empty.");
  else
    *out = tess_value_ref (tess_value_get_list (l)->items[0]);
  tess_value_unref (l);
  return tess_args_check_done (ev, node, args, 0, "first");
}

static gboolean
f_last (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue l;

  /* dicts are reversible since Python 3.8: the last key */
  REJECT_UNDEFINED (v);
  if (!list_of (ev, node, v, &l))
    return FALSE;
  if (tess_value_get_list (l)->len == 0)
    *out = tess_value_undefined ("No last item, sequence was empty.");
  else
    *out = tess_value_ref (tess_value_get_list (l)->items[tess_value_get_list (l)->len - 1]);
  tess_value_unref (l);
  return tess_args_check_done (ev, node, args, 0, "last");
}

static gboolean
f_reverse (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue l;

  REJECT_UNDEFINED (v);
  if (v.type == TESS_VALUE_STRING)
    {
      *out = tess_str_reverse (tess_value_get_string (v));
      return tess_args_check_done (ev, node, args, 0, "reverse");
    }
  /* a dict reverses its keys (Python 3.8) */
  if (!list_of (ev, node, v, &l))
    return FALSE;
  {
    TessList *src = tess_value_get_list (l);
    *out = tess_value_list_new (src->len);
    for (guint i = src->len; i > 0; i--)
      tess_list_append (tess_value_get_list (*out), tess_value_ref (src->items[i - 1]));
  }
  tess_value_unref (l);
  return tess_args_check_done (ev, node, args, 0, "reverse");
}

static gboolean
f_join (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue sepv = arg_value (args, 0, "d", NULL);
  gboolean has_attr;
  TessValue attribute = arg_value (args, 1, "attribute", &has_attr);
  TessValue l;
  GString *r;

  REJECT_UNDEFINED (v);
  if (!list_of (ev, node, v, &l))
    return FALSE;
  r = g_string_new (NULL);
  for (guint i = 0; i < tess_value_get_list (l)->len; i++)
    {
      TessValue item = tess_value_get_list (l)->items[i];
      TessValue got;
      gboolean ok;

      if (i)
        {
          if (sepv.type == TESS_VALUE_STRING)
            g_string_append_len (r, tess_value_get_string (sepv)->data,
                                 tess_value_get_string (sepv)->len);
          else if (sepv.type != TESS_VALUE_NONE || tess_args_get (args, 0, "d", &sepv))
            {
              if (!tess_eval_to_string (ev, node, sepv, r))
                goto fail;
            }
        }
      if (has_attr && attribute.type != TESS_VALUE_NONE)
        {
          if (!attr_get (ev, node, item, attribute, tess_value_none (), FALSE, FALSE, &got))
            goto fail;
        }
      else
        got = tess_value_ref (item);
      ok = tess_eval_to_string (ev, node, got, r);
      tess_value_unref (got);
      if (!ok || !tess_eval_check_size (ev, node, r->len))
        goto fail;
    }
  tess_value_unref (l);
  *out = tess_value_string_take_gstring (r);
  return tess_args_check_done (ev, node, args, 2, "join");

fail:
  tess_value_unref (l);
  g_string_free (r, TRUE);
  return FALSE;
}

static gboolean
f_sort (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  gboolean reverse, case_sensitive, has_attr;
  TessValue attribute = arg_value (args, 2, "attribute", &has_attr);
  TessValue l;
  GArray *entries;

  REJECT_UNDEFINED (v);
  if (!arg_bool (ev, node, args, 0, "reverse", FALSE, &reverse) ||
      !arg_bool (ev, node, args, 1, "case_sensitive", FALSE, &case_sensitive))
    return FALSE;
  if (!list_of (ev, node, v, &l))
    return FALSE;
  entries = g_array_new (FALSE, FALSE, sizeof (SortEntry));
  for (guint i = 0; i < tess_value_get_list (l)->len; i++)
    {
      TessValue item = tess_value_get_list (l)->items[i];
      SortEntry se;
      if (has_attr && attribute.type == TESS_VALUE_STRING &&
          strchr (tess_value_get_string (attribute)->data, ',') != NULL)
        {
          /* "a,b": a tuple key */
          g_auto(GStrv) parts = g_strsplit (tess_value_get_string (attribute)->data, ",", -1);
          se.key = tess_value_tuple_new (0);
          for (guint k = 0; parts[k]; k++)
            {
              TessValue part = tess_value_string_new (g_strstrip (parts[k]), -1);
              TessValue got;
              gboolean ok = attr_get (ev, node, item, part, tess_value_none (), FALSE,
                                      !case_sensitive, &got);
              tess_value_unref (part);
              if (!ok)
                {
                  tess_value_unref (se.key);
                  entries_free (entries);
                  tess_value_unref (l);
                  return FALSE;
                }
              tess_list_append (tess_value_get_list (se.key), got);
            }
        }
      else if (!attr_get (ev, node, item, has_attr ? attribute : tess_value_none (),
                          tess_value_none (),
                          FALSE, !case_sensitive, &se.key))
        {
          entries_free (entries);
          tess_value_unref (l);
          return FALSE;
        }
      se.item = tess_value_ref (item);
      g_array_append_val (entries, se);
    }
  tess_value_unref (l);
  if (!sort_entries (ev, node, entries, reverse))
    {
      entries_free (entries);
      return FALSE;
    }
  *out = tess_value_list_new (entries->len);
  for (guint i = 0; i < entries->len; i++)
    tess_list_append (tess_value_get_list (*out),
                      tess_value_ref (g_array_index (entries, SortEntry, i).item));
  entries_free (entries);
  return tess_args_check_done (ev, node, args, 3, "sort");
}

static gboolean
f_dictsort (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  gboolean case_sensitive, reverse;
  TessValue byv = arg_value (args, 1, "by", NULL);
  const char *by = byv.type == TESS_VALUE_STRING ? tess_value_get_string (byv)->data : "key";
  int pos;
  GArray *entries;

  REJECT_UNDEFINED (v);
  if (!arg_bool (ev, node, args, 0, "case_sensitive", FALSE, &case_sensitive) ||
      !arg_bool (ev, node, args, 2, "reverse", FALSE, &reverse))
    return FALSE;
  if (g_str_equal (by, "key"))
    pos = 0;
  else if (g_str_equal (by, "value"))
    pos = 1;
  else
    return FAIL_VALUE ("You can only sort by either \"key\" or \"value\"");
  if (v.type != TESS_VALUE_DICT)
    return FAIL_TYPE ("'%s' object has no attribute 'items'", tess_value_type_name (v));

  entries = g_array_new (FALSE, FALSE, sizeof (SortEntry));
  TESS_DICT_FOREACH (tess_value_get_dict (v), e)
    {
      SortEntry se;
      TessValue t = tess_value_tuple_new (2);
      tess_list_append (tess_value_get_list (t), tess_value_ref (e->key));
      tess_list_append (tess_value_get_list (t), tess_value_ref (e->value));
      se.key = case_sensitive ? tess_value_ref (pos ? e->value : e->key)
                              : lower_if_string (pos ? e->value : e->key);
      se.item = t;
      g_array_append_val (entries, se);
    }
  if (!sort_entries (ev, node, entries, reverse))
    {
      entries_free (entries);
      return FALSE;
    }
  *out = tess_value_list_new (entries->len);
  for (guint i = 0; i < entries->len; i++)
    tess_list_append (tess_value_get_list (*out),
                      tess_value_ref (g_array_index (entries, SortEntry, i).item));
  entries_free (entries);
  return tess_args_check_done (ev, node, args, 3, "dictsort");
}

static gboolean
f_unique (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  gboolean case_sensitive, has_attr;
  TessValue attribute = arg_value (args, 1, "attribute", &has_attr);
  TessValue l, seen;

  REJECT_UNDEFINED (v);
  if (!arg_bool (ev, node, args, 0, "case_sensitive", FALSE, &case_sensitive))
    return FALSE;
  if (!list_of (ev, node, v, &l))
    return FALSE;
  seen = tess_value_dict_new ();
  *out = tess_value_list_new (0);
  for (guint i = 0; i < tess_value_get_list (l)->len; i++)
    {
      TessValue item = tess_value_get_list (l)->items[i];
      TessValue key;
      if (!attr_get (ev, node, item, has_attr ? attribute : tess_value_none (), tess_value_none (),
                     FALSE, !case_sensitive, &key))
        goto fail;
      if (!tess_value_hashable (key))
        {
          if (key.type == TESS_VALUE_UNDEFINED)
            tess_eval_fail_undefined (ev, node, key);
          else
            FAIL_TYPE ("unhashable type: '%s'", tess_value_type_name (key));
          tess_value_unref (key);
          goto fail;
        }
      if (tess_dict_lookup (tess_value_get_dict (seen), key, NULL))
        tess_value_unref (key);
      else
        {
          tess_dict_set (tess_value_get_dict (seen), key, tess_value_none ());
          tess_list_append (tess_value_get_list (*out), tess_value_ref (item));
        }
    }
  tess_value_unref (seen);
  tess_value_unref (l);
  return tess_args_check_done (ev, node, args, 2, "unique");

fail:
  tess_value_unref (seen);
  tess_value_unref (l);
  tess_value_unref (*out);
  return FALSE;
}

static gboolean
min_or_max (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out,
            gboolean want_max, const char *name)
{
  gboolean case_sensitive, has_attr;
  TessValue attribute = arg_value (args, 1, "attribute", &has_attr);
  TessValue l, best = tess_value_none (), best_key = tess_value_none ();
  gboolean have = FALSE;

  REJECT_UNDEFINED (v);
  if (!arg_bool (ev, node, args, 0, "case_sensitive", FALSE, &case_sensitive))
    return FALSE;
  if (!list_of (ev, node, v, &l))
    return FALSE;
  for (guint i = 0; i < tess_value_get_list (l)->len; i++)
    {
      TessValue item = tess_value_get_list (l)->items[i];
      TessValue key;
      int c;
      if (!attr_get (ev, node, item, has_attr ? attribute : tess_value_none (), tess_value_none (),
                     FALSE, !case_sensitive, &key))
        goto fail;
      if (!have)
        {
          best = item;
          best_key = key;
          have = TRUE;
          continue;
        }
      if (key.type == TESS_VALUE_UNDEFINED || best_key.type == TESS_VALUE_UNDEFINED ||
          !tess_value_compare (key, best_key, &c))
        {
          if (key.type == TESS_VALUE_UNDEFINED)
            tess_eval_fail_undefined (ev, node, key);
          else if (best_key.type == TESS_VALUE_UNDEFINED)
            tess_eval_fail_undefined (ev, node, best_key);
          else
            FAIL_TYPE ("'%s' not supported between instances of '%s' and '%s'",
                       want_max ? ">" : "<",
                       tess_value_type_name (key), tess_value_type_name (best_key));
          tess_value_unref (key);
          goto fail;
        }
      if ((want_max && c > 0) || (!want_max && c < 0))
        {
          tess_value_unref (best_key);
          best = item;
          best_key = key;
        }
      else
        tess_value_unref (key);
    }
  if (!have)
    *out = tess_value_undefined ("No aggregated item, sequence was empty.");
  else
    *out = tess_value_ref (best);
  tess_value_unref (best_key);
  tess_value_unref (l);
  return tess_args_check_done (ev, node, args, 2, name);

fail:
  tess_value_unref (best_key);
  tess_value_unref (l);
  return FALSE;
}

static gboolean
f_min (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  return min_or_max (ev, node, v, args, out, FALSE, "min");
}

static gboolean
f_max (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  return min_or_max (ev, node, v, args, out, TRUE, "max");
}

static gboolean
f_sum (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  gboolean has_attr, has_start;
  TessValue attribute = arg_value (args, 0, "attribute", &has_attr);
  TessValue start = arg_value (args, 1, "start", &has_start);
  TessValue l, total;

  REJECT_UNDEFINED (v);
  if (!list_of (ev, node, v, &l))
    return FALSE;
  total = has_start ? tess_value_ref (start) : tess_value_int (0);
  for (guint i = 0; i < tess_value_get_list (l)->len; i++)
    {
      TessValue item, next;
      gboolean ok;
      if (!attr_get (ev, node, tess_value_get_list (l)->items[i],
                     has_attr ? attribute : tess_value_none (), tess_value_none (), FALSE, FALSE,
                     &item))
        goto fail;
      if (total.type == TESS_VALUE_STRING)
        {
          tess_value_unref (item);
          FAIL_TYPE ("sum() can't sum strings [use ''.join(seq) instead]");
          goto fail;
        }
      ok = tess_eval_binop (ev, node, OP_ADD, total, item, &next);
      tess_value_unref (item);
      if (!ok)
        goto fail;
      tess_value_unref (total);
      total = next;
    }
  tess_value_unref (l);
  *out = total;
  return tess_args_check_done (ev, node, args, 2, "sum");

fail:
  tess_value_unref (total);
  tess_value_unref (l);
  return FALSE;
}

static gboolean
f_batch (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  gint64 count;
  gboolean has_fill;
  TessValue fill = arg_value (args, 1, "fill_with", &has_fill);
  TessValue l, current = tess_value_none ();

  REJECT_UNDEFINED (v);
  if (!arg_int (ev, node, args, 0, "linecount", 0, &count))
    return FALSE;
  if (count <= 0)
    return FAIL_VALUE ("linecount must be a positive integer");
  if (!list_of (ev, node, v, &l))
    return FALSE;
  *out = tess_value_list_new (0);
  for (guint i = 0; i < tess_value_get_list (l)->len; i++)
    {
      if (current.type == TESS_VALUE_NONE || tess_value_get_list (current)->len == (guint64) count)
        {
          current = tess_value_list_new (0);
          tess_list_append (tess_value_get_list (*out), current);
        }
      tess_list_append (tess_value_get_list (current),
                        tess_value_ref (tess_value_get_list (l)->items[i]));
    }
  if (has_fill && fill.type != TESS_VALUE_NONE && current.type != TESS_VALUE_NONE)
    {
      if (!tess_eval_tick (ev, node, count))
        {
          tess_value_unref (l);
          return FALSE;
        }
      while (tess_value_get_list (current)->len < (guint64) count)
        tess_list_append (tess_value_get_list (current), tess_value_ref (fill));
    }
  tess_value_unref (l);
  return tess_args_check_done (ev, node, args, 2, "batch");
}

static gboolean
f_slice (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  gint64 slices;
  gboolean has_fill;
  TessValue fill = arg_value (args, 1, "fill_with", &has_fill);
  TessValue l;
  gint64 length, per, extra, offset = 0;

  REJECT_UNDEFINED (v);
  if (!arg_int (ev, node, args, 0, "slices", 0, &slices))
    return FALSE;
  if (slices <= 0)
    return FAIL_VALUE ("slices must be a positive integer");
  if (!tess_eval_tick (ev, node, slices))
    return FALSE;
  if (!list_of (ev, node, v, &l))
    return FALSE;
  length = tess_value_get_list (l)->len;
  per = length / slices;
  extra = length % slices;
  *out = tess_value_list_new (slices);
  for (gint64 n = 0; n < slices; n++)
    {
      gint64 start = offset + n * per, end;
      TessValue part = tess_value_list_new (0);
      if (n < extra)
        offset++;
      end = offset + (n + 1) * per;
      for (gint64 i = start; i < end; i++)
        tess_list_append (tess_value_get_list (part),
                          tess_value_ref (tess_value_get_list (l)->items[i]));
      if (has_fill && fill.type != TESS_VALUE_NONE && n >= extra)
        tess_list_append (tess_value_get_list (part), tess_value_ref (fill));
      tess_list_append (tess_value_get_list (*out), part);
    }
  tess_value_unref (l);
  return tess_args_check_done (ev, node, args, 2, "slice");
}

static gboolean
f_items (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  if (v.type == TESS_VALUE_UNDEFINED)
    {
      *out = tess_value_list_new (0);
      return TRUE;
    }
  if (v.type != TESS_VALUE_DICT)
    {
      /* do_items is a generator function: its check runs when the result is iterated */
      TessFailingIterator *it = tess_object_alloc (sizeof *it, TESS_OBJECT_FAILING_ITERATOR, NULL);
      it->message = g_strdup ("Can only get item pairs from a mapping.");
      *out = tess_value_object (TESS_VALUE_OBJECT, it);
      return tess_args_check_done (ev, node, args, 0, "items");
    }
  *out = tess_value_list_new (tess_value_get_dict (v)->n_live);
  TESS_DICT_FOREACH (tess_value_get_dict (v), e)
    {
      TessValue t = tess_value_tuple_new (2);
      tess_list_append (tess_value_get_list (t), tess_value_ref (e->key));
      tess_list_append (tess_value_get_list (t), tess_value_ref (e->value));
      tess_list_append (tess_value_get_list (*out), t);
    }
  return tess_args_check_done (ev, node, args, 0, "items");
}

static gboolean
f_attr (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue name = arg_value (args, 0, "name", NULL);

  REJECT_UNDEFINED (v);
  if (name.type != TESS_VALUE_STRING)
    return FAIL_TYPE ("attribute name must be a string");
  if (v.type == TESS_VALUE_OBJECT && v.u.o->kind == TESS_OBJECT_NAMESPACE)
    {
      if (!tess_builtins_namespace_get (v, name, out))
        *out = tess_value_undefined_take (g_strdup_printf ("'Namespace object' has no attribute "
                                                           "'%s'",
                                                           tess_value_get_string (name)->data));
    }
  else if (v.type == TESS_VALUE_OBJECT && v.u.o->kind == TESS_OBJECT_LOOP)
    {
      if (!tess_loop_getattr (ev, v, tess_value_get_string (name)->data, out))
        *out = tess_value_undefined ("'LoopContext object' has no attribute");
    }
  else if (!tess_builtins_get_method (v, tess_value_get_string (name)->data, out))
    *out = tess_value_undefined_take (g_strdup_printf ("'%s object' has no attribute '%s'",
                                                       tess_value_type_name (v),
                                                       tess_value_get_string (name)->data));
  return tess_args_check_done (ev, node, args, 1, "attr");
}

/* random: a random item (the output cannot match Jinja's, only its shape) */
static gboolean
f_random (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue l;

  REJECT_UNDEFINED (v);
  if (v.type == TESS_VALUE_DICT)
    return FAIL_VALUE ("KeyError: a dict cannot be sampled by position");
  if (!list_of (ev, node, v, &l))
    return FALSE;
  if (tess_value_get_list (l)->len == 0)
    *out = tess_value_undefined ("No random item, sequence was empty.");
  else
    {
      TessList *items = tess_value_get_list (l);
      *out = tess_value_ref (items->items[g_random_int_range (0, items->len)]);
    }
  tess_value_unref (l);
  return tess_args_check_done (ev, node, args, 0, "random");
}

/* urlize: Jinja 3.1's utils.urlize with the default policies (rel="noopener") */
static GRegex *
urlize_regex (int which)
{
  static GRegex *regexes[5];
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      regexes[0] = g_regex_new ("(*UCP)^"
                                "((https?://|www\\.)(([\\w%-]+\\.)+)?([a-z]{2,63}|xn--[\\w%]{2,59})"
                                "|([\\w%-]{2,63}\\.)+(com|net|int|edu|gov|org|info|mil)"
                                "|(https?://)((([\\d]{1,3})(\\.[\\d]{1,3}){3})"
                                "|(\\[([\\da-f]{0,4}:){2}([\\da-f]{0,4}:?){1,6}])))"
                                "(?::[\\d]{1,5})?(?:[/?#]\\S*)?$",
                                G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      regexes[1] = g_regex_new ("(*UCP)^\\S+@\\w[\\w.-]*\\.\\w+$", G_REGEX_OPTIMIZE, 0, NULL);
      regexes[2] = g_regex_new ("(*UCP)(\\s+)", G_REGEX_OPTIMIZE, 0, NULL);
      regexes[3] = g_regex_new ("^([(<]|&lt;)+", G_REGEX_OPTIMIZE, 0, NULL);
      regexes[4] = g_regex_new ("([)>.,\\n]|&gt;)+$", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialised, 1);
    }
  return regexes[which];
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static gsize
count_occurrences (const char *haystack, const char *needle)
{
  gsize n = 0, len = strlen (needle);

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + len, needle))
    n++;
  return n;
}

static gboolean
f_urlize (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  gint64 trim_limit = -1;
  gboolean nofollow;
  TessValue target = arg_value (args, 2, "target", NULL);
  TessValue relv = arg_value (args, 3, "rel", NULL);
  g_autoptr(GPtrArray) rel_parts = g_ptr_array_new_with_free_func (g_free);
  GString *rel_attr = g_string_new (NULL);
  GString *target_attr = g_string_new (NULL);
  GString *result = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  TessValue escaped;

  if (!arg_int (ev, node, args, 0, "trim_url_limit", -1, &trim_limit) ||
      !arg_bool (ev, node, args, 1, "nofollow", FALSE, &nofollow))
    goto fail;
  {
    TO_STR (text, v);
    escaped = tess_str_html_escape (text);
    tess_value_unref (text_val);
  }

  /* rel: the given words, nofollow, and the policy's "noopener", sorted and unique */
  if (relv.type == TESS_VALUE_STRING)
    {
      g_auto(GStrv) given = g_strsplit_set (tess_value_get_string (relv)->data, " \t\n", -1);
      for (guint i = 0; given[i]; i++)
        if (*given[i])
          g_ptr_array_add (rel_parts, g_strdup (given[i]));
    }
  if (nofollow)
    g_ptr_array_add (rel_parts, g_strdup ("nofollow"));
  g_ptr_array_add (rel_parts, g_strdup ("noopener"));
  g_ptr_array_sort (rel_parts, compare_strings);
  for (guint i = 0; i < rel_parts->len; i++)
    if (i == 0 || !g_str_equal (rel_parts->pdata[i], rel_parts->pdata[i - 1]))
      g_string_append_printf (rel_attr, "%s%s", rel_attr->len ? " " : "",
                              (char *) rel_parts->pdata[i]);
  g_string_prepend (rel_attr, " rel=\"");
  g_string_append_c (rel_attr, '"');
  if (target.type == TESS_VALUE_STRING)
    {
      TessValue t = tess_str_html_escape (tess_value_get_string (target));
      g_string_append_printf (target_attr, " target=\"%s\"", tess_value_get_string (t)->data);
      tess_value_unref (t);
    }

  words = g_regex_split (urlize_regex (2), tess_value_get_string (escaped)->data, 0);
  tess_value_unref (escaped);
  for (guint i = 0; words[i]; i++)
    {
      g_autofree char *head = g_strdup ("");
      g_autofree char *tail = g_strdup ("");
      g_autofree char *middle = g_strdup (words[i]);
      g_autoptr(GMatchInfo) m = NULL;
      int start, end;
      static const char *pairs[][2] = { { "(", ")" }, { "<", ">" }, { "&lt;", "&gt;" } };

      if (g_regex_match (urlize_regex (3), middle, 0, &m) &&
          g_match_info_fetch_pos (m, 0, &start, &end))
        {
          char *rest = g_strdup (middle + end);
          g_free (head);
          head = g_strndup (middle, end);
          g_free (middle);
          middle = rest;
        }
      g_clear_pointer (&m, g_match_info_free);
      if (g_str_has_suffix (middle, ")") || g_str_has_suffix (middle, ">") ||
          g_str_has_suffix (middle, ".") || g_str_has_suffix (middle, ",") ||
          g_str_has_suffix (middle, "\n") || g_str_has_suffix (middle, "&gt;"))
        {
          if (g_regex_match (urlize_regex (4), middle, 0, &m) &&
              g_match_info_fetch_pos (m, 0, &start, &end))
            {
              g_free (tail);
              tail = g_strdup (middle + start);
              middle[start] = '\0';
            }
          g_clear_pointer (&m, g_match_info_free);
        }
      for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
        {
          gsize starts = count_occurrences (middle, pairs[p][0]);
          gsize moves;
          if (starts <= count_occurrences (middle, pairs[p][1]))
            continue;
          moves = MIN (starts, count_occurrences (tail, pairs[p][1]));
          for (gsize k = 0; k < moves; k++)
            {
              const char *at = strstr (tail, pairs[p][1]);
              gsize cut = (at - tail) + strlen (pairs[p][1]);
              char *new_middle = g_strdup_printf ("%s%.*s", middle, (int) cut, tail);
              g_free (middle);
              middle = new_middle;
              {
                char *new_tail = g_strdup (tail + cut);
                g_free (tail);
                tail = new_tail;
              }
            }
        }

      g_string_append (result, head);
      if (g_regex_match (urlize_regex (0), middle, 0, NULL))
        {
          g_autofree char *shown = NULL;
          gboolean has_scheme = g_str_has_prefix (middle, "https://") ||
                                g_str_has_prefix (middle, "http://");
          if (trim_limit >= 0 && (gint64) g_utf8_strlen (middle, -1) > trim_limit)
            {
              const char *cut = g_utf8_offset_to_pointer (middle, trim_limit);
              shown = g_strdup_printf ("%.*s...", (int) (cut - middle), middle);
            }
          else
            shown = g_strdup (middle);
          g_string_append_printf (result, "<a href=\"%s%s\"%s%s>%s</a>",
                                  has_scheme ? "" : "https://",
                                  middle, rel_attr->str, target_attr->str, shown);
        }
      else if (g_str_has_prefix (middle, "mailto:") &&
               g_regex_match (urlize_regex (1), middle + 7, 0, NULL))
        g_string_append_printf (result, "<a href=\"%s\">%s</a>", middle, middle + 7);
      else if (strchr (middle, '@') && !g_str_has_prefix (middle, "www.") &&
               !strchr (middle, ':') &&
               g_regex_match (urlize_regex (1), middle, 0, NULL))
        g_string_append_printf (result, "<a href=\"mailto:%s\">%s</a>", middle, middle);
      else
        g_string_append (result, middle);
      g_string_append (result, tail);
    }

  g_string_free (rel_attr, TRUE);
  g_string_free (target_attr, TRUE);
  *out = tess_value_string_take_gstring (result);
  out->flags |= TESS_VALUE_FLAG_MARKUP;
  return tess_args_check_done (ev, node, args, 5, "urlize");

fail:
  g_string_free (rel_attr, TRUE);
  g_string_free (target_attr, TRUE);
  g_string_free (result, TRUE);
  return FALSE;
}

/* map / select / reject / groupby */

static gboolean
f_map (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  TessValue l;
  gboolean truthy;

  if (!tess_eval_truthy (ev, node, v, &truthy))
    return FALSE;
  *out = tess_value_list_new (0);
  if (!truthy)
    return TRUE;
  if (!list_of (ev, node, v, &l))
    {
      tess_value_unref (*out);
      return FALSE;
    }

  if (args->n_pos == 0)
    {
      gboolean has_attr, has_def;
      TessValue attribute = arg_value (args, 0, "attribute", &has_attr);
      TessValue def = arg_value (args, 0, "default", &has_def);
      if (!has_attr)
        {
          tess_value_unref (l);
          tess_value_unref (*out);
          return FAIL_TYPE ("map() requires a filter name or an attribute");
        }
      if (!tess_args_check_done (ev, node, args, 0, "map"))
        {
          tess_value_unref (l);
          tess_value_unref (*out);
          return FALSE;
        }
      for (guint i = 0; i < tess_value_get_list (l)->len; i++)
        {
          TessValue got;
          if (!attr_get (ev, node, tess_value_get_list (l)->items[i], attribute,
                         has_def ? def : tess_value_none (), TRUE, FALSE, &got))
            {
              tess_value_unref (l);
              tess_value_unref (*out);
              return FALSE;
            }
          tess_list_append (tess_value_get_list (*out), got);
        }
    }
  else
    {
      TessValue name = args->pos[0];
      TessArgs sub = *args;
      if (name.type != TESS_VALUE_STRING)
        {
          tess_value_unref (l);
          tess_value_unref (*out);
          return FAIL_TYPE ("filter name must be a string");
        }
      sub.pos = args->pos + 1;
      sub.n_pos = args->n_pos - 1;
      for (guint i = 0; i < tess_value_get_list (l)->len; i++)
        {
          TessValue got;
          sub.kw_used = 0;
          if (!tess_eval_apply_filter (ev, node, tess_value_get_string (name)->data,
                                       tess_value_get_list (l)->items[i], &sub, &got))
            {
              tess_value_unref (l);
              tess_value_unref (*out);
              return FALSE;
            }
          tess_list_append (tess_value_get_list (*out), got);
        }
    }
  tess_value_unref (l);
  return TRUE;
}

static gboolean
select_or_reject (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out,
                  gboolean select, gboolean lookup_attr)
{
  TessValue l;
  gboolean truthy;
  guint off = lookup_attr ? 1 : 0;
  TessArgs sub = *args;
  const char *test_name = NULL;

  if (!tess_eval_truthy (ev, node, v, &truthy))
    return FALSE;
  *out = tess_value_list_new (0);
  if (!truthy)
    return TRUE;
  if (lookup_attr && args->n_pos == 0)
    {
      tess_value_unref (*out);
      return FAIL_TYPE ("Missing parameter for attribute name");
    }
  if (args->n_pos > off)
    {
      if (args->pos[off].type != TESS_VALUE_STRING)
        {
          tess_value_unref (*out);
          return FAIL_TYPE ("test name must be a string");
        }
      test_name = tess_value_get_string (args->pos[off])->data;
      if (tess_builtins_lookup_test (test_name) == NULL)
        {
          tess_value_unref (*out);
          return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "No test named '%s'.",
                                 test_name);
        }
      sub.pos = args->pos + off + 1;
      sub.n_pos = args->n_pos - off - 1;
    }
  if (!list_of (ev, node, v, &l))
    {
      tess_value_unref (*out);
      return FALSE;
    }
  for (guint i = 0; i < tess_value_get_list (l)->len; i++)
    {
      TessValue item = tess_value_get_list (l)->items[i];
      TessValue subject;
      gboolean result;

      if (lookup_attr)
        {
          if (!attr_get (ev, node, item, args->pos[0], tess_value_none (), FALSE, FALSE, &subject))
            goto fail;
        }
      else
        subject = tess_value_ref (item);

      if (test_name)
        {
          sub.kw_used = 0;
          if (!tess_eval_apply_test (ev, node, test_name, subject, &sub, &result))
            {
              tess_value_unref (subject);
              goto fail;
            }
        }
      else if (!tess_eval_truthy (ev, node, subject, &result))
        {
          tess_value_unref (subject);
          goto fail;
        }
      tess_value_unref (subject);
      if (result == select)
        tess_list_append (tess_value_get_list (*out), tess_value_ref (item));
    }
  tess_value_unref (l);
  return TRUE;

fail:
  tess_value_unref (l);
  tess_value_unref (*out);
  return FALSE;
}

static gboolean
f_select (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  return select_or_reject (ev, node, v, args, out, TRUE, FALSE);
}

static gboolean
f_reject (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  return select_or_reject (ev, node, v, args, out, FALSE, FALSE);
}

static gboolean
f_selectattr (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  return select_or_reject (ev, node, v, args, out, TRUE, TRUE);
}

static gboolean
f_rejectattr (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  return select_or_reject (ev, node, v, args, out, FALSE, TRUE);
}

static gboolean
f_groupby (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  gboolean has_def, case_sensitive;
  TessValue attribute = arg_value (args, 0, "attribute", NULL);
  TessValue def = arg_value (args, 1, "default", &has_def);
  TessValue l;
  GArray *entries;

  REJECT_UNDEFINED (v);
  if (!arg_bool (ev, node, args, 2, "case_sensitive", FALSE, &case_sensitive))
    return FALSE;
  if (!list_of (ev, node, v, &l))
    return FALSE;
  entries = g_array_new (FALSE, FALSE, sizeof (SortEntry));
  for (guint i = 0; i < tess_value_get_list (l)->len; i++)
    {
      SortEntry se;
      TessValue item = tess_value_get_list (l)->items[i];
      if (!attr_get (ev, node, item, attribute, def, has_def, !case_sensitive, &se.key))
        {
          entries_free (entries);
          tess_value_unref (l);
          return FALSE;
        }
      se.item = tess_value_ref (item);
      g_array_append_val (entries, se);
    }
  tess_value_unref (l);
  if (!sort_entries (ev, node, entries, FALSE))
    {
      entries_free (entries);
      return FALSE;
    }
  *out = tess_value_list_new (0);
  for (guint i = 0; i < entries->len;)
    {
      SortEntry *first = &g_array_index (entries, SortEntry, i);
      TessValue group = tess_value_tuple_new (2);
      TessValue members = tess_value_list_new (0);
      TessValue grouper;
      guint j = i;

      while (j < entries->len &&
             tess_value_equal (g_array_index (entries, SortEntry, j).key, first->key))
        {
          tess_list_append (tess_value_get_list (members),
                            tess_value_ref (g_array_index (entries, SortEntry, j).item));
          j++;
        }
      if (case_sensitive)
        grouper = tess_value_ref (first->key);
      else if (!attr_get (ev, node, first->item, attribute, def, has_def, FALSE, &grouper))
        {
          tess_value_unref (group);
          tess_value_unref (members);
          entries_free (entries);
          tess_value_unref (*out);
          return FALSE;
        }
      tess_list_append (tess_value_get_list (group), grouper);
      tess_list_append (tess_value_get_list (group), members);
      group.flags |= TESS_VALUE_FLAG_GROUP;
      tess_list_append (tess_value_get_list (*out), group);
      i = j;
    }
  entries_free (entries);
  return tess_args_check_done (ev, node, args, 3, "groupby");
}

static gboolean
f_xmlattr (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessValue *out)
{
  gboolean autospace;
  GString *r = g_string_new (NULL);

  if (!arg_bool (ev, node, args, 0, "autospace", TRUE, &autospace))
    {
      g_string_free (r, TRUE);
      return FALSE;
    }
  REJECT_UNDEFINED (v);
  if (v.type != TESS_VALUE_DICT)
    {
      g_string_free (r, TRUE);
      return FAIL_TYPE ("'%s' object has no attribute 'items'", tess_value_type_name (v));
    }
  TESS_DICT_FOREACH (tess_value_get_dict (v), e)
    {
      TessValue k, val;
      gboolean ok;
      if (e->value.type == TESS_VALUE_NONE || e->value.type == TESS_VALUE_UNDEFINED)
        continue;
      k = str_value (ev, node, e->key, &ok);
      if (ok)
        {
          const char *ks = tess_value_get_string (k)->data;
          if (strpbrk (ks, " \t\n\f/>=") != NULL || *ks == '\0')
            {
              tess_value_unref (k);
              g_string_free (r, TRUE);
              return FAIL_VALUE ("Invalid character in attribute name: %s", ks);
            }
        }
      val = str_value (ev, node, e->value, &ok);
      if (!ok)
        {
          tess_value_unref (k);
          tess_value_unref (val);
          g_string_free (r, TRUE);
          return FALSE;
        }
      {
        TessValue ek = tess_str_html_escape (tess_value_get_string (k));
        TessValue evv = tess_str_html_escape (tess_value_get_string (val));
        if (r->len)
          g_string_append_c (r, ' ');
        g_string_append_printf (r, "%s=\"%s\"", tess_value_get_string (ek)->data,
                                tess_value_get_string (evv)->data);
        tess_value_unref (ek);
        tess_value_unref (evv);
      }
      tess_value_unref (k);
      tess_value_unref (val);
    }
  if (autospace && r->len)
    g_string_prepend_c (r, ' ');
  *out = tess_value_string_take_gstring (r);
  out->flags |= TESS_VALUE_FLAG_MARKUP;
  return tess_args_check_done (ev, node, args, 1, "xmlattr");
}

/* Tests */

#define TEST(name) \
  static gboolean name (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, gboolean *out)

TEST (t_defined)
{
  *out = v.type != TESS_VALUE_UNDEFINED;
  return TRUE;
}

TEST (t_undefined)
{
  *out = v.type == TESS_VALUE_UNDEFINED;
  return TRUE;
}

TEST (t_none)
{
  *out = v.type == TESS_VALUE_NONE;
  return TRUE;
}

TEST (t_boolean)
{
  *out = v.type == TESS_VALUE_BOOL;
  return TRUE;
}

TEST (t_true)
{
  *out = v.type == TESS_VALUE_BOOL && v.u.b;
  return TRUE;
}

TEST (t_false)
{
  *out = v.type == TESS_VALUE_BOOL && !v.u.b;
  return TRUE;
}

TEST (t_integer)
{
  *out = v.type == TESS_VALUE_INT;
  return TRUE;
}

TEST (t_float)
{
  *out = v.type == TESS_VALUE_FLOAT;
  return TRUE;
}

TEST (t_number)
{
  *out = tess_value_is_number (v);
  return TRUE;
}

TEST (t_string)
{
  *out = v.type == TESS_VALUE_STRING;
  return TRUE;
}

TEST (t_mapping)
{
  *out = v.type == TESS_VALUE_DICT;
  return TRUE;
}

TEST (t_sequence)
{
  *out = v.type == TESS_VALUE_STRING || v.type == TESS_VALUE_LIST || v.type == TESS_VALUE_TUPLE ||
         v.type == TESS_VALUE_DICT || tess_value_is_object_kind (v, TESS_OBJECT_RANGE);
  return TRUE;
}

TEST (t_iterable)
{
  if (v.type == TESS_VALUE_UNDEFINED && !(v.flags & TESS_VALUE_FLAG_LENIENT))
    return tess_eval_fail_undefined (ev, node, v);
  *out = v.type == TESS_VALUE_STRING || v.type == TESS_VALUE_LIST || v.type == TESS_VALUE_TUPLE ||
         v.type == TESS_VALUE_DICT || tess_value_is_object_kind (v, TESS_OBJECT_RANGE) ||
         tess_value_is_object_kind (v, TESS_OBJECT_FAILING_ITERATOR) ||
         v.type == TESS_VALUE_UNDEFINED;
  return TRUE;
}

TEST (t_callable)
{
  /* StrictUndefined defines __call__ (to fail), so callable() is true */
  *out = v.type == TESS_VALUE_UNDEFINED ||
         tess_value_is_object_kind (v, TESS_OBJECT_FUNCTION) ||
         tess_value_is_object_kind (v, TESS_OBJECT_MACRO) ||
         tess_value_is_object_kind (v, TESS_OBJECT_JOINER);
  return TRUE;
}

TEST (t_escaped)
{
  *out = tess_value_is_markup (v);
  return TRUE;
}

static gboolean
string_case_test (TessEval *ev, TessNode *node, TessValue v, gboolean upper, gboolean *out)
{
  TO_STR (s, v);
  *out = upper ? tess_str_isupper (s) : tess_str_islower (s);
  tess_value_unref (s_val);
  return TRUE;
}

TEST (t_lower)
{
  return string_case_test (ev, node, v, FALSE, out);
}

TEST (t_upper)
{
  return string_case_test (ev, node, v, TRUE, out);
}

static gboolean
mod_test (TessEval *ev, TessNode *node, TessValue v, TessValue divisor, gint64 want, gboolean *out)
{
  TessValue r;
  gboolean ok = tess_eval_binop (ev, node, OP_MOD, v, divisor, &r);

  if (!ok)
    return FALSE;
  if (want < 0)
    *out = tess_value_equal (r, tess_value_int (0));
  else
    *out = tess_value_equal (r, tess_value_int (want));
  tess_value_unref (r);
  return TRUE;
}

TEST (t_odd)
{
  return mod_test (ev, node, v, tess_value_int (2), 1, out);
}

TEST (t_even)
{
  return mod_test (ev, node, v, tess_value_int (2), 0, out);
}

TEST (t_divisibleby)
{
  TessValue num;

  if (!tess_args_get (args, 0, "num", &num))
    return FAIL_TYPE ("test_divisibleby() missing 1 required positional argument: 'num'");
  return mod_test (ev, node, v, num, -1, out);
}

static gboolean
compare_test (TessEval *ev, TessNode *node, TessValue v, TessArgs *args, TessOp op, gboolean *out)
{
  TessValue other;

  if (!tess_args_get (args, 0, "other", &other))
    return FAIL_TYPE ("test takes exactly one argument");
  return tess_eval_compare_op (ev, node, op, v, other, out);
}

TEST (t_eq) { return compare_test (ev, node, v, args, OP_EQ, out); }
TEST (t_ne) { return compare_test (ev, node, v, args, OP_NE, out); }
TEST (t_lt) { return compare_test (ev, node, v, args, OP_LT, out); }
TEST (t_le) { return compare_test (ev, node, v, args, OP_LTEQ, out); }
TEST (t_gt) { return compare_test (ev, node, v, args, OP_GT, out); }
TEST (t_ge) { return compare_test (ev, node, v, args, OP_GTEQ, out); }

TEST (t_in)
{
  TessValue seq;

  if (!tess_args_get (args, 0, "seq", &seq))
    return FAIL_TYPE ("test_in() missing 1 required positional argument: 'seq'");
  return tess_eval_compare_op (ev, node, OP_IN, v, seq, out);
}

TEST (t_sameas)
{
  TessValue other;

  if (!tess_args_get (args, 0, "other", &other))
    return FAIL_TYPE ("test_sameas() missing 1 required positional argument: 'other'");
  if (v.type != other.type)
    *out = FALSE;
  else if (v.type == TESS_VALUE_NONE)
    *out = TRUE;
  else if (v.type == TESS_VALUE_BOOL)
    *out = v.u.b == other.u.b;
  else if (v.type == TESS_VALUE_INT)
    *out = v.u.i == other.u.i && v.u.i >= -5 && v.u.i <= 256;  /* CPython's small-int cache */
  else if (v.type == TESS_VALUE_FLOAT)
    *out = FALSE;
  else
    *out = v.u.o == other.u.o;
  return TRUE;
}

TEST (t_filter)
{
  REJECT_UNDEFINED (v);
  *out = v.type == TESS_VALUE_STRING &&
         tess_builtins_lookup_filter (tess_value_get_string (v)->data) != NULL;
  return TRUE;
}

TEST (t_test)
{
  REJECT_UNDEFINED (v);
  *out = v.type == TESS_VALUE_STRING && tess_builtins_lookup_test (tess_value_get_string (v)->data);
  return TRUE;
}

/* Registry */

typedef struct
{
  const char     *name;
  TessFilterFunc  func;
} FilterEntry;

static const FilterEntry filters[] = {
  { "abs", f_abs },
  { "attr", f_attr },
  { "batch", f_batch },
  { "capitalize", f_capitalize },
  { "center", f_center },
  { "count", f_length },
  { "d", f_default },
  { "default", f_default },
  { "dictsort", f_dictsort },
  { "e", f_escape },
  { "escape", f_escape },
  { "filesizeformat", f_filesizeformat },
  { "first", f_first },
  { "float", f_float },
  { "forceescape", f_forceescape },
  { "format", f_format },
  { "groupby", f_groupby },
  { "indent", f_indent },
  { "int", f_int },
  { "items", f_items },
  { "join", f_join },
  { "last", f_last },
  { "length", f_length },
  { "list", f_list },
  { "lower", f_lower },
  { "map", f_map },
  { "max", f_max },
  { "min", f_min },
  { "pprint", f_pprint },
  { "random", f_random },
  { "reject", f_reject },
  { "rejectattr", f_rejectattr },
  { "replace", f_replace },
  { "reverse", f_reverse },
  { "round", f_round },
  { "safe", f_safe },
  { "select", f_select },
  { "selectattr", f_selectattr },
  { "slice", f_slice },
  { "sort", f_sort },
  { "string", f_string },
  { "striptags", f_striptags },
  { "sum", f_sum },
  { "title", f_title },
  { "tojson", f_tojson },
  { "trim", f_trim },
  { "truncate", f_truncate },
  { "unique", f_unique },
  { "upper", f_upper },
  { "urlencode", f_urlencode },
  { "urlize", f_urlize },
  { "wordcount", f_wordcount },
  { "wordwrap", f_wordwrap },
  { "xmlattr", f_xmlattr },
};

typedef struct
{
  const char   *name;
  TessTestFunc  func;
} TestEntry;

static const TestEntry tests[] = {
  { "!=", t_ne },
  { "<", t_lt },
  { "<=", t_le },
  { "==", t_eq },
  { ">", t_gt },
  { ">=", t_ge },
  { "boolean", t_boolean },
  { "callable", t_callable },
  { "defined", t_defined },
  { "divisibleby", t_divisibleby },
  { "eq", t_eq },
  { "equalto", t_eq },
  { "escaped", t_escaped },
  { "even", t_even },
  { "false", t_false },
  { "filter", t_filter },
  { "float", t_float },
  { "ge", t_ge },
  { "greaterthan", t_gt },
  { "gt", t_gt },
  { "in", t_in },
  { "integer", t_integer },
  { "iterable", t_iterable },
  { "le", t_le },
  { "lessthan", t_lt },
  { "lower", t_lower },
  { "lt", t_lt },
  { "mapping", t_mapping },
  { "ne", t_ne },
  { "none", t_none },
  { "number", t_number },
  { "odd", t_odd },
  { "sameas", t_sameas },
  { "sequence", t_sequence },
  { "string", t_string },
  { "test", t_test },
  { "true", t_true },
  { "undefined", t_undefined },
  { "upper", t_upper },
};

TessFilterFunc
tess_builtins_lookup_filter (const char *name)
{
  guint lo = 0, hi = G_N_ELEMENTS (filters);

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int c = strcmp (name, filters[mid].name);
      if (c == 0)
        return filters[mid].func;
      if (c < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return NULL;
}

TessTestFunc
tess_builtins_lookup_test (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    if (g_str_equal (name, tests[i].name))
      return tests[i].func;
  return NULL;
}
