/* tess-template-globals.c: range, dict, namespace, cycler and joiner; the Python methods of
 * str, list and dict; printf-style `%` formatting
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tess-template-eval.h"
#include "tess-template-strings.h"

#define FAIL_TYPE(...) tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, __VA_ARGS__)
#define FAIL_VALUE(...) tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE, __VA_ARGS__)

#define METHOD(name)                                                                  \
  static gboolean name (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, \
                        TessValue *out)

static gboolean
need_args (TessEval *ev, TessNode *node, TessArgs *args, guint min, guint max, const char *name)
{
  if (args->n_kw)
    return FAIL_TYPE ("%s() takes no keyword arguments", name);
  if (args->n_pos < min || args->n_pos > max)
    {
      if (min == max)
        return FAIL_TYPE ("%s() takes exactly %u argument%s (%u given)", name, min,
                          min == 1 ? "" : "s", args->n_pos);
      return FAIL_TYPE ("%s expected at most %u arguments, got %u", name, max, args->n_pos);
    }
  return TRUE;
}

static gboolean
want_string (TessEval *ev, TessNode *node, TessValue v, const char *what)
{
  if (v.type == TESS_VALUE_STRING)
    return TRUE;
  if (v.type == TESS_VALUE_UNDEFINED)
    return tess_eval_fail_undefined (ev, node, v);
  return FAIL_TYPE ("%s must be str, not %s", what, tess_value_type_name (v));
}

static gboolean
want_int (TessEval *ev, TessNode *node, TessValue v, gint64 *out)
{
  if (v.type == TESS_VALUE_INT)
    *out = v.u.i;
  else if (v.type == TESS_VALUE_BOOL)
    *out = v.u.b;
  else if (v.type == TESS_VALUE_UNDEFINED)
    return tess_eval_fail_undefined (ev, node, v);
  else
    return FAIL_TYPE ("'%s' object cannot be interpreted as an integer", tess_value_type_name (v));
  return TRUE;
}

/* Globals */

static gboolean
g_range (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out)
{
  gint64 start = 0, stop = 0, step = 1;
  TessRange *r;

  if (args->n_kw)
    return FAIL_TYPE ("range() takes no keyword arguments");
  if (args->n_pos == 0 || args->n_pos > 3)
    return FAIL_TYPE ("range expected at least 1 argument, got %u", args->n_pos);
  if (args->n_pos == 1)
    {
      if (!want_int (ev, node, args->pos[0], &stop))
        return FALSE;
    }
  else
    {
      if (!want_int (ev, node, args->pos[0], &start) || !want_int (ev, node, args->pos[1], &stop))
        return FALSE;
      if (args->n_pos == 3 && !want_int (ev, node, args->pos[2], &step))
        return FALSE;
    }
  if (step == 0)
    return FAIL_VALUE ("range() arg 3 must not be zero");
  r = tess_object_alloc (sizeof *r, TESS_OBJECT_RANGE, NULL);
  r->start = start;
  r->stop = stop;
  r->step = step;
  *out = tess_value_object (TESS_VALUE_OBJECT, r);
  return TRUE;
}

static gboolean
dict_update_from (TessEval *ev, TessNode *node, TessDict *dict, TessValue source)
{
  if (source.type == TESS_VALUE_DICT)
    {
      TESS_DICT_FOREACH (tess_value_get_dict (source), e)
        tess_dict_set (dict, tess_value_ref (e->key), tess_value_ref (e->value));
      return TRUE;
    }
  else
    {
      TessValue l;
      if (source.type == TESS_VALUE_UNDEFINED)
        return tess_eval_fail_undefined (ev, node, source);
      if (!tess_eval_to_list (ev, node, source, &l))
        return FALSE;
      for (guint i = 0; i < tess_value_get_list (l)->len; i++)
        {
          TessValue pair = tess_value_get_list (l)->items[i], pl;
          if (pair.type == TESS_VALUE_DICT || !tess_eval_to_list (ev, node, pair, &pl))
            {
              tess_value_unref (l);
              if (ev->error == NULL)
                FAIL_TYPE ("cannot convert dictionary update sequence element #%u to a sequence",
                           i);
              return FALSE;
            }
          if (tess_value_get_list (pl)->len != 2)
            {
              guint n = tess_value_get_list (pl)->len;
              tess_value_unref (pl);
              tess_value_unref (l);
              return FAIL_VALUE ("dictionary update sequence element #%u has length %u; "
                                 "2 is required",
                                 i, n);
            }
          if (!tess_value_hashable (tess_value_get_list (pl)->items[0]))
            {
              tess_value_unref (pl);
              tess_value_unref (l);
              return FAIL_TYPE ("unhashable type");
            }
          tess_dict_set (dict, tess_value_ref (tess_value_get_list (pl)->items[0]),
                         tess_value_ref (tess_value_get_list (pl)->items[1]));
          tess_value_unref (pl);
        }
      tess_value_unref (l);
      return TRUE;
    }
}

static gboolean
make_dict (TessEval *ev, TessNode *node, TessArgs *args, TessValue *out, const char *name)
{
  TessValue dict;

  if (args->n_pos > 1)
    return FAIL_TYPE ("%s expected at most 1 argument, got %u", name, args->n_pos);
  dict = tess_value_dict_new ();
  if (args->n_pos == 1 && !dict_update_from (ev, node, tess_value_get_dict (dict), args->pos[0]))
    {
      tess_value_unref (dict);
      return FALSE;
    }
  for (guint i = 0; i < args->n_kw; i++)
    tess_dict_set (tess_value_get_dict (dict),
                   tess_value_string_new (g_quark_to_string (args->kw_names[i]), -1),
                   tess_value_ref (args->kw_values[i]));
  *out = dict;
  return TRUE;
}

static gboolean
g_dict (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out)
{
  return make_dict (ev, node, args, out, "dict");
}

typedef struct
{
  TessObject hdr;
  TessDict  *attrs;   /* format.c relies on this being the first field after the header */
} TessNamespace;

static void
namespace_finalize (TessObject *object)
{
  TessNamespace *ns = (TessNamespace *) object;

  tess_value_unref (tess_value_object (TESS_VALUE_DICT, ns->attrs));
}

static gboolean
g_namespace (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out)
{
  TessValue dict;
  TessNamespace *ns;

  if (!make_dict (ev, node, args, &dict, "namespace"))
    return FALSE;
  ns = tess_object_alloc (sizeof *ns, TESS_OBJECT_NAMESPACE, namespace_finalize);
  ns->attrs = tess_value_get_dict (dict);
  *out = tess_value_object (TESS_VALUE_OBJECT, ns);
  return TRUE;
}

gboolean
tess_builtins_namespace_get (TessValue ns, TessValue key, TessValue *out)
{
  TessValue v;

  if (!tess_dict_lookup (((TessNamespace *) ns.u.o)->attrs, key, &v))
    return FALSE;
  *out = tess_value_ref (v);
  return TRUE;
}

void
tess_builtins_namespace_set (TessValue ns, TessValue key, TessValue value)
{
  tess_dict_set (((TessNamespace *) ns.u.o)->attrs, key, value);
}

typedef struct
{
  TessObject hdr;
  TessValue  items;
  guint      pos;
} TessCycler;

static void
cycler_finalize (TessObject *object)
{
  tess_value_unref (((TessCycler *) object)->items);
}

static gboolean
g_cycler (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out)
{
  TessCycler *c;

  if (args->n_pos == 0)
    return FAIL_TYPE ("at least one item has to be provided");
  c = tess_object_alloc (sizeof *c, TESS_OBJECT_CYCLER, cycler_finalize);
  c->items = tess_value_list_new (args->n_pos);
  for (guint i = 0; i < args->n_pos; i++)
    tess_list_append (tess_value_get_list (c->items), tess_value_ref (args->pos[i]));
  *out = tess_value_object (TESS_VALUE_OBJECT, c);
  return TRUE;
}

METHOD (cycler_next)
{
  TessCycler *c = (TessCycler *) self.u.o;
  TessList *l = tess_value_get_list (c->items);

  *out = tess_value_ref (l->items[c->pos]);
  c->pos = (c->pos + 1) % l->len;
  return TRUE;
}

METHOD (cycler_reset)
{
  ((TessCycler *) self.u.o)->pos = 0;
  *out = tess_value_none ();
  return TRUE;
}

/* A joiner is a function whose bound state is a one-item list [sep] that grows once used. */
METHOD (joiner_call)
{
  TessList *state = tess_value_get_list (self);

  if (state->len == 1)
    {
      tess_list_append (state, tess_value_bool (TRUE));
      *out = tess_value_string_empty ();
    }
  else
    *out = tess_value_ref (state->items[0]);
  return TRUE;
}

static gboolean
g_joiner (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out)
{
  TessValue sep, state;

  if (!tess_args_get (args, 0, "sep", &sep))
    sep = tess_value_string_new (", ", 2);
  else
    sep = tess_value_ref (sep);
  state = tess_value_list_new (2);
  tess_list_append (tess_value_get_list (state), sep);
  *out = tess_function_new (joiner_call, state, "joiner");
  tess_value_unref (state);
  return TRUE;
}

/* lipsum(n=5, html=True, min=20, max=100): random placeholder paragraphs, shaped as Jinja's */
static gboolean
g_lipsum (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out)
{
  static const char *words[] = {
    "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do",
    "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim",
    "ad", "minim", "veniam", "quis", "nostrud", "exercitation", "ullamco", "laboris", "nisi",
    "aliquip", "ex", "ea", "commodo", "consequat", "duis", "aute", "irure", "in", "reprehenderit",
    "voluptate", "velit", "esse", "cillum", "eu", "fugiat", "nulla", "pariatur", "excepteur",
    "sint", "occaecat", "cupidatat", "non", "proident", "sunt", "culpa", "qui", "officia",
    "deserunt", "mollit", "anim", "id", "est", "laborum",
  };
  TessValue v;
  gint64 n = 5, lo = 20, hi = 100;
  gboolean html = TRUE;
  GString *result = g_string_new (NULL);

  if ((tess_args_get (args, 0, "n", &v) && !want_int (ev, node, v, &n)) ||
      (tess_args_get (args, 1, "html", &v) && !tess_eval_truthy (ev, node, v, &html)) ||
      (tess_args_get (args, 2, "min", &v) && !want_int (ev, node, v, &lo)) ||
      (tess_args_get (args, 3, "max", &v) && !want_int (ev, node, v, &hi)))
    {
      g_string_free (result, TRUE);
      return FALSE;
    }
  if (hi <= lo)
    {
      g_string_free (result, TRUE);
      return FAIL_VALUE ("empty range for randrange() (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                         lo, hi);
    }
  if (!tess_eval_tick (ev, node, MAX (n, 0) * hi))
    {
      g_string_free (result, TRUE);
      return FALSE;
    }
  for (gint64 i = 0; i < n; i++)
    {
      GString *p = g_string_new (NULL);
      gint64 count = g_random_int_range (lo, hi), last_comma = 0, last_stop = 0;
      gboolean capital = TRUE;
      const char *last = NULL;

      for (gint64 idx = 0; idx < count; idx++)
        {
          const char *w;
          do
            w = words[g_random_int_range (0, G_N_ELEMENTS (words))];
          while (w == last);
          last = w;
          if (p->len)
            g_string_append_c (p, ' ');
          if (capital)
            {
              g_string_append_c (p, g_ascii_toupper (w[0]));
              g_string_append (p, w + 1);
              capital = FALSE;
            }
          else
            g_string_append (p, w);
          if (idx - g_random_int_range (3, 8) > last_comma)
            {
              last_comma = idx;
              last_stop += 2;
              g_string_append_c (p, ',');
            }
          if (idx - g_random_int_range (10, 20) > last_stop)
            {
              last_comma = last_stop = idx;
              g_string_append_c (p, '.');
              capital = TRUE;
            }
        }
      if (p->len && p->str[p->len - 1] == ',')
        p->str[p->len - 1] = '.';
      else if (!p->len || p->str[p->len - 1] != '.')
        g_string_append_c (p, '.');
      if (i)
        g_string_append (result, html ? "\n" : "\n\n");
      if (html)
        g_string_append_printf (result, "<p>%s</p>", p->str);
      else
        g_string_append_len (result, p->str, p->len);
      g_string_free (p, TRUE);
    }
  *out = tess_value_string_take_gstring (result);
  return tess_eval_check_size (ev, node, tess_value_get_string (*out)->len);
}

gboolean
tess_builtins_get_global (const char *name, TessValue *out)
{
  static TessValue range_fn, dict_fn, namespace_fn, cycler_fn, joiner_fn, lipsum_fn;
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      range_fn = tess_function_new (g_range, tess_value_none (), "range");
      dict_fn = tess_function_new (g_dict, tess_value_none (), "dict");
      namespace_fn = tess_function_new (g_namespace, tess_value_none (), "namespace");
      cycler_fn = tess_function_new (g_cycler, tess_value_none (), "cycler");
      joiner_fn = tess_function_new (g_joiner, tess_value_none (), "joiner");
      lipsum_fn = tess_function_new (g_lipsum, tess_value_none (), "lipsum");
      g_once_init_leave (&initialised, 1);
    }

  switch (name[0])
    {
    case 'r':
      if (g_str_equal (name, "range"))
        {
          *out = tess_value_ref (range_fn);
          return TRUE;
        }
      break;
    case 'd':
      if (g_str_equal (name, "dict"))
        {
          *out = tess_value_ref (dict_fn);
          return TRUE;
        }
      break;
    case 'n':
      if (g_str_equal (name, "namespace"))
        {
          *out = tess_value_ref (namespace_fn);
          return TRUE;
        }
      break;
    case 'c':
      if (g_str_equal (name, "cycler"))
        {
          *out = tess_value_ref (cycler_fn);
          return TRUE;
        }
      break;
    case 'l':
      if (g_str_equal (name, "lipsum"))
        {
          *out = tess_value_ref (lipsum_fn);
          return TRUE;
        }
      break;
    case 'j':
      if (g_str_equal (name, "joiner"))
        {
          *out = tess_value_ref (joiner_fn);
          return TRUE;
        }
      break;
    default:
      break;
    }
  return FALSE;
}

/* str methods */

#define SELF_STR tess_value_get_string (self)

METHOD (s_upper)
{
  if (!need_args (ev, node, args, 0, 0, "upper"))
    return FALSE;
  *out = tess_str_upper (SELF_STR);
  return TRUE;
}

METHOD (s_lower)
{
  if (!need_args (ev, node, args, 0, 0, "lower"))
    return FALSE;
  *out = tess_str_lower (SELF_STR);
  return TRUE;
}

METHOD (s_casefold)
{
  if (!need_args (ev, node, args, 0, 0, "casefold"))
    return FALSE;
  *out = tess_str_lower (SELF_STR);
  return TRUE;
}

METHOD (s_title)
{
  if (!need_args (ev, node, args, 0, 0, "title"))
    return FALSE;
  *out = tess_str_title (SELF_STR);
  return TRUE;
}

METHOD (s_capitalize)
{
  if (!need_args (ev, node, args, 0, 0, "capitalize"))
    return FALSE;
  *out = tess_str_capitalize (SELF_STR);
  return TRUE;
}

METHOD (s_swapcase)
{
  if (!need_args (ev, node, args, 0, 0, "swapcase"))
    return FALSE;
  *out = tess_str_swapcase (SELF_STR);
  return TRUE;
}

static gboolean
strip_impl (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out,
            gboolean left, gboolean right, const char *name)
{
  TessString *chars = NULL;

  if (!need_args (ev, node, args, 0, 1, name))
    return FALSE;
  if (args->n_pos == 1 && args->pos[0].type != TESS_VALUE_NONE)
    {
      if (!want_string (ev, node, args->pos[0], "strip arg"))
        return FALSE;
      chars = tess_value_get_string (args->pos[0]);
    }
  *out = tess_str_strip (SELF_STR, chars, left, right);
  return TRUE;
}

METHOD (s_strip) { return strip_impl (ev, node, self, args, out, TRUE, TRUE, "strip"); }
METHOD (s_lstrip) { return strip_impl (ev, node, self, args, out, TRUE, FALSE, "lstrip"); }
METHOD (s_rstrip) { return strip_impl (ev, node, self, args, out, FALSE, TRUE, "rstrip"); }

static gboolean
split_impl (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out,
            gboolean right)
{
  TessValue sep = tess_value_none (), maxv = tess_value_none ();
  gint64 maxsplit = -1;

  if (args->n_pos > 2)
    return FAIL_TYPE ("split() takes at most 2 arguments (%u given)", args->n_pos);
  tess_args_get (args, 0, "sep", &sep);
  if (tess_args_get (args, 1, "maxsplit", &maxv) && !want_int (ev, node, maxv, &maxsplit))
    return FALSE;
  if (sep.type != TESS_VALUE_NONE)
    {
      if (!want_string (ev, node, sep, "sep"))
        return FALSE;
      if (tess_value_get_string (sep)->len == 0)
        return FAIL_VALUE ("empty separator");
    }
  if (!tess_args_check_done (ev, node, args, 2, right ? "rsplit" : "split"))
    return FALSE;
  *out = tess_str_split (SELF_STR,
                         sep.type == TESS_VALUE_STRING ? tess_value_get_string (sep) : NULL,
                         maxsplit, right);
  return tess_eval_tick (ev, node, tess_value_get_list (*out)->len);
}

METHOD (s_split) { return split_impl (ev, node, self, args, out, FALSE); }
METHOD (s_rsplit) { return split_impl (ev, node, self, args, out, TRUE); }

METHOD (s_splitlines)
{
  gboolean keepends = FALSE;
  TessValue k;

  if (tess_args_get (args, 0, "keepends", &k) && !tess_eval_truthy (ev, node, k, &keepends))
    return FALSE;
  *out = tess_str_splitlines (SELF_STR, keepends);
  return TRUE;
}

static gboolean
affix_impl (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out,
            gboolean suffix)
{
  TessString *s = SELF_STR;
  TessValue arg;
  gboolean result = FALSE;

  if (!need_args (ev, node, args, 1, 3, suffix ? "endswith" : "startswith"))
    return FALSE;
  arg = args->pos[0];
  if (args->n_pos > 1)
    {
      /* start/end in code points: slice first */
      gint64 n = tess_string_n_chars (s), a = 0, b = n;
      TessValue sub;
      if (args->n_pos > 1 && args->pos[1].type != TESS_VALUE_NONE &&
          !want_int (ev, node, args->pos[1], &a))
        return FALSE;
      if (args->n_pos > 2 && args->pos[2].type != TESS_VALUE_NONE &&
          !want_int (ev, node, args->pos[2], &b))
        return FALSE;
      if (a < 0)
        a = MAX (a + n, 0);
      if (b < 0)
        b = MAX (b + n, 0);
      if (a > n)
        {
          *out = tess_value_bool (FALSE);
          return TRUE;
        }
      sub = tess_str_substring (s, a, MIN (b, n));
      {
        TessArgs one = { &arg, 1, NULL, NULL, 0, 0 };
        gboolean ok = affix_impl (ev, node, sub, &one, out, suffix);
        tess_value_unref (sub);
        return ok;
      }
    }
  if (arg.type == TESS_VALUE_TUPLE)
    {
      TessList *l = tess_value_get_list (arg);
      for (guint i = 0; i < l->len && !result; i++)
        {
          TessString *a;
          if (!want_string (ev, node, l->items[i], "tuple for startswith"))
            return FALSE;
          a = tess_value_get_string (l->items[i]);
          result = a->len <= s->len &&
                   memcmp (suffix ? s->data + s->len - a->len : s->data, a->data, a->len) == 0;
        }
    }
  else
    {
      TessString *a;
      if (arg.type != TESS_VALUE_STRING)
        return FAIL_TYPE ("%s first arg must be str or a tuple of str, not %s",
                          suffix ? "endswith" : "startswith", tess_value_type_name (arg));
      a = tess_value_get_string (arg);
      result = a->len <= s->len &&
               memcmp (suffix ? s->data + s->len - a->len : s->data, a->data, a->len) == 0;
    }
  *out = tess_value_bool (result);
  return TRUE;
}

METHOD (s_startswith) { return affix_impl (ev, node, self, args, out, FALSE); }
METHOD (s_endswith) { return affix_impl (ev, node, self, args, out, TRUE); }

METHOD (s_replace)
{
  gint64 count = -1;

  if (!need_args (ev, node, args, 2, 3, "replace"))
    return FALSE;
  if (!want_string (ev, node, args->pos[0], "replace() argument 1") ||
      !want_string (ev, node, args->pos[1], "replace() argument 2"))
    return FALSE;
  if (args->n_pos == 3 && !want_int (ev, node, args->pos[2], &count))
    return FALSE;
  *out = tess_str_replace (SELF_STR, tess_value_get_string (args->pos[0]),
                           tess_value_get_string (args->pos[1]), count);
  return tess_eval_check_size (ev, node, tess_value_get_string (*out)->len);
}

static gboolean
find_impl (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out,
           gboolean right, gboolean raise, const char *name)
{
  gint64 pos;

  if (!need_args (ev, node, args, 1, 1, name))
    return FALSE;
  if (!want_string (ev, node, args->pos[0], "must be str"))
    return FALSE;
  pos = tess_str_find (SELF_STR, tess_value_get_string (args->pos[0]), right);
  if (pos < 0 && raise)
    return FAIL_VALUE ("substring not found");
  *out = tess_value_int (pos);
  return TRUE;
}

METHOD (s_find) { return find_impl (ev, node, self, args, out, FALSE, FALSE, "find"); }
METHOD (s_rfind) { return find_impl (ev, node, self, args, out, TRUE, FALSE, "rfind"); }
METHOD (s_index) { return find_impl (ev, node, self, args, out, FALSE, TRUE, "index"); }
METHOD (s_rindex) { return find_impl (ev, node, self, args, out, TRUE, TRUE, "rindex"); }

METHOD (s_count)
{
  if (!need_args (ev, node, args, 1, 1, "count"))
    return FALSE;
  if (!want_string (ev, node, args->pos[0], "must be str"))
    return FALSE;
  *out = tess_value_int (tess_str_count (SELF_STR, tess_value_get_string (args->pos[0])));
  return TRUE;
}

METHOD (s_join)
{
  TessValue l;
  GString *r;
  TessString *sep = SELF_STR;

  if (!need_args (ev, node, args, 1, 1, "join"))
    return FALSE;
  if (!tess_eval_to_list (ev, node, args->pos[0], &l))
    return FALSE;
  r = g_string_new (NULL);
  for (guint i = 0; i < tess_value_get_list (l)->len; i++)
    {
      TessValue item = tess_value_get_list (l)->items[i];
      if (item.type != TESS_VALUE_STRING)
        {
          tess_value_unref (l);
          g_string_free (r, TRUE);
          return FAIL_TYPE ("sequence item %u: expected str instance, %s found", i,
                            tess_value_type_name (item));
        }
      if (i)
        g_string_append_len (r, sep->data, sep->len);
      g_string_append_len (r, tess_value_get_string (item)->data,
                           tess_value_get_string (item)->len);
      if (!tess_eval_check_size (ev, node, r->len))
        {
          tess_value_unref (l);
          g_string_free (r, TRUE);
          return FALSE;
        }
    }
  tess_value_unref (l);
  *out = tess_value_string_take_gstring (r);
  return TRUE;
}

static gboolean
pad_impl (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out, int align,
          const char *name)
{
  gint64 width;
  gunichar fill = ' ';

  if (!need_args (ev, node, args, 1, 2, name))
    return FALSE;
  if (!want_int (ev, node, args->pos[0], &width))
    return FALSE;
  if (args->n_pos == 2)
    {
      if (args->pos[1].type != TESS_VALUE_STRING ||
          tess_string_n_chars (tess_value_get_string (args->pos[1])) != 1)
        return FAIL_TYPE ("The fill character must be exactly one character long");
      fill = g_utf8_get_char (tess_value_get_string (args->pos[1])->data);
    }
  if (!tess_eval_check_size (ev, node, MAX (width, 0) * 4))
    return FALSE;
  *out = tess_str_pad (SELF_STR, width, fill, align);
  return TRUE;
}

METHOD (s_center) { return pad_impl (ev, node, self, args, out, 0, "center"); }
METHOD (s_ljust) { return pad_impl (ev, node, self, args, out, -1, "ljust"); }
METHOD (s_rjust) { return pad_impl (ev, node, self, args, out, 1, "rjust"); }

METHOD (s_zfill)
{
  gint64 width, len;
  TessString *s = SELF_STR;
  GString *r;
  gsize sign = 0;

  if (!need_args (ev, node, args, 1, 1, "zfill") || !want_int (ev, node, args->pos[0], &width))
    return FALSE;
  if (!tess_eval_check_size (ev, node, MAX (width, 0)))
    return FALSE;
  len = tess_string_n_chars (s);
  if (len >= width)
    {
      *out = tess_value_ref (self);
      return TRUE;
    }
  r = g_string_new (NULL);
  if (s->len && (s->data[0] == '+' || s->data[0] == '-'))
    {
      g_string_append_c (r, s->data[0]);
      sign = 1;
    }
  for (gint64 i = len; i < width; i++)
    g_string_append_c (r, '0');
  g_string_append_len (r, s->data + sign, s->len - sign);
  *out = tess_value_string_take_gstring (r);
  return TRUE;
}

static gboolean
partition_impl (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out,
                gboolean right)
{
  TessString *s = SELF_STR, *sep;
  gint64 pos;
  TessValue t = tess_value_tuple_new (3);

  if (!need_args (ev, node, args, 1, 1, "partition") ||
      !want_string (ev, node, args->pos[0], "sep"))
    {
      tess_value_unref (t);
      return FALSE;
    }
  sep = tess_value_get_string (args->pos[0]);
  if (sep->len == 0)
    {
      tess_value_unref (t);
      return FAIL_VALUE ("empty separator");
    }
  pos = tess_str_find (s, sep, right);
  if (pos < 0)
    {
      TessValue empty = tess_value_string_empty ();
      if (right)
        {
          tess_list_append (tess_value_get_list (t), tess_value_ref (empty));
          tess_list_append (tess_value_get_list (t), tess_value_ref (empty));
          tess_list_append (tess_value_get_list (t), tess_value_ref (self));
        }
      else
        {
          tess_list_append (tess_value_get_list (t), tess_value_ref (self));
          tess_list_append (tess_value_get_list (t), tess_value_ref (empty));
          tess_list_append (tess_value_get_list (t), tess_value_ref (empty));
        }
      tess_value_unref (empty);
    }
  else
    {
      gint64 sep_chars = tess_string_n_chars (sep);
      tess_list_append (tess_value_get_list (t), tess_str_substring (s, 0, pos));
      tess_list_append (tess_value_get_list (t), tess_value_ref (args->pos[0]));
      tess_list_append (tess_value_get_list (t),
                        tess_str_substring (s, pos + sep_chars, G_MAXINT64));
    }
  *out = t;
  return TRUE;
}

METHOD (s_partition) { return partition_impl (ev, node, self, args, out, FALSE); }
METHOD (s_rpartition) { return partition_impl (ev, node, self, args, out, TRUE); }

static gboolean
affix_remove (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out,
              gboolean suffix)
{
  TessString *s = SELF_STR, *a;

  if (!need_args (ev, node, args, 1, 1, suffix ? "removesuffix" : "removeprefix") ||
      !want_string (ev, node, args->pos[0], "argument"))
    return FALSE;
  a = tess_value_get_string (args->pos[0]);
  if (a->len && a->len <= s->len &&
      memcmp (suffix ? s->data + s->len - a->len : s->data, a->data, a->len) == 0)
    *out = tess_value_string_new (suffix ? s->data : s->data + a->len, s->len - a->len);
  else
    *out = tess_value_ref (self);
  return TRUE;
}

METHOD (s_removeprefix) { return affix_remove (ev, node, self, args, out, FALSE); }
METHOD (s_removesuffix) { return affix_remove (ev, node, self, args, out, TRUE); }

typedef gboolean (*CharPredicate) (gunichar c);

static gboolean
is_py_digit (gunichar c)
{
  return g_unichar_isdigit (c);
}

static gboolean
is_py_alpha (gunichar c)
{
  return g_unichar_isalpha (c);
}

static gboolean
is_py_alnum (gunichar c)
{
  return g_unichar_isalnum (c);
}

static gboolean
char_class_all (TessString *s, CharPredicate pred)
{
  if (s->len == 0)
    return FALSE;
  for (const char *p = s->data; p < s->data + s->len; p = g_utf8_next_char (p))
    if (!pred (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
predicate_method (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out,
                  CharPredicate pred, const char *name)
{
  *out = tess_value_bool (char_class_all (SELF_STR, pred));
  return need_args (ev, node, args, 0, 0, name);
}

METHOD (s_isdigit) { return predicate_method (ev, node, self, args, out, is_py_digit, "isdigit"); }
METHOD (s_isdecimal)
{
  return predicate_method (ev, node, self, args, out, is_py_digit, "isdecimal");
}

METHOD (s_isnumeric)
{
  return predicate_method (ev, node, self, args, out, is_py_digit, "isnumeric");
}

METHOD (s_isalpha) { return predicate_method (ev, node, self, args, out, is_py_alpha, "isalpha"); }
METHOD (s_isalnum) { return predicate_method (ev, node, self, args, out, is_py_alnum, "isalnum"); }
METHOD (s_isspace)
{
  return predicate_method (ev, node, self, args, out, tess_unichar_is_py_space, "isspace");
}

METHOD (s_isupper)
{
  *out = tess_value_bool (tess_str_isupper (SELF_STR));
  return need_args (ev, node, args, 0, 0, "isupper");
}

METHOD (s_islower)
{
  *out = tess_value_bool (tess_str_islower (SELF_STR));
  return need_args (ev, node, args, 0, 0, "islower");
}

/* str.format with positional/keyword fields and simple specs */
static gboolean
format_field (TessEval *ev, TessNode *node, GString *out, TessValue v, const char *spec,
              gsize spec_len)
{
  GString *text = g_string_new (NULL);
  char fill = ' ', align = 0, type = 0;
  gint64 width = -1, precision = -1;
  const char *p = spec, *end = spec + spec_len;
  gboolean zero = FALSE;

  if (end - p >= 2 && (p[1] == '<' || p[1] == '>' || p[1] == '^'))
    {
      fill = p[0];
      align = p[1];
      p += 2;
    }
  else if (p < end && (*p == '<' || *p == '>' || *p == '^'))
    align = *p++;
  if (p < end && *p == '0')
    {
      zero = TRUE;
      p++;
    }
  if (p < end && g_ascii_isdigit (*p))
    {
      width = 0;
      while (p < end && g_ascii_isdigit (*p))
        {
          width = MIN (width * 10 + (*p - '0'), 100000);
          p++;
        }
    }
  if (p < end && *p == '.')
    {
      p++;
      precision = 0;
      while (p < end && g_ascii_isdigit (*p))
        {
          precision = MIN (precision * 10 + (*p - '0'), 1000);
          p++;
        }
    }
  if (p < end)
    type = *p++;
  if (p != end)
    {
      g_string_free (text, TRUE);
      return FAIL_VALUE ("Invalid format specifier");
    }

  if (type == 'f' || type == 'F' || type == 'e' || type == 'E' || type == 'g' || type == '%')
    {
      double f;
      if (!tess_value_is_number (v))
        {
          g_string_free (text, TRUE);
          return FAIL_VALUE ("Unknown format code '%c' for object of type '%s'", type,
                             tess_value_type_name (v));
        }
      f = tess_value_as_double (v);
      if (type == '%')
        {
          g_string_append_printf (text, "%.*f%%", (int) (precision < 0 ? 6 : precision), f * 100);
        }
      else
        {
          char fmt[8] = { '%', '.', '*', type == 'F' ? 'f' : type, 0 };
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
          g_string_append_printf (text, fmt, (int) (precision < 0 ? 6 : precision), f);
#pragma GCC diagnostic pop
        }
      if (!align)
        align = '>';
    }
  else if (type == 'd')
    {
      if (v.type != TESS_VALUE_INT && v.type != TESS_VALUE_BOOL)
        {
          g_string_free (text, TRUE);
          return FAIL_VALUE ("Unknown format code 'd' for object of type '%s'",
                             tess_value_type_name (v));
        }
      g_string_append_printf (text, "%" G_GINT64_FORMAT, v.type == TESS_VALUE_INT ? v.u.i : v.u.b);
      if (!align)
        align = '>';
    }
  else if (type == 0 || type == 's')
    {
      if (!tess_eval_to_string (ev, node, v, text))
        {
          g_string_free (text, TRUE);
          return FALSE;
        }
      if (precision >= 0 && v.type == TESS_VALUE_STRING)
        {
          gint64 n = g_utf8_strlen (text->str, -1);
          if (n > precision)
            g_string_truncate (text, g_utf8_offset_to_pointer (text->str, precision) - text->str);
        }
      if (!align)
        align = tess_value_is_number (v) ? '>' : '<';
    }
  else
    {
      g_string_free (text, TRUE);
      return FAIL_VALUE ("Unsupported format code '%c'", type);
    }

  if (zero && fill == ' ' && align == '>')
    fill = '0';
  {
    gint64 n = g_utf8_strlen (text->str, -1);
    gint64 pad = width > n ? width - n : 0;
    gint64 left = align == '>' ? pad : align == '^' ? pad / 2 : 0;
    for (gint64 i = 0; i < left; i++)
      g_string_append_c (out, fill);
    g_string_append_len (out, text->str, text->len);
    for (gint64 i = left; i < pad; i++)
      g_string_append_c (out, fill);
  }
  g_string_free (text, TRUE);
  return TRUE;
}

METHOD (s_format)
{
  TessString *s = SELF_STR;
  GString *r = g_string_new (NULL);
  const char *p = s->data, *end = s->data + s->len;
  guint auto_index = 0;

  while (p < end)
    {
      if (*p == '{' && p + 1 < end && p[1] == '{')
        {
          g_string_append_c (r, '{');
          p += 2;
        }
      else if (*p == '}' && p + 1 < end && p[1] == '}')
        {
          g_string_append_c (r, '}');
          p += 2;
        }
      else if (*p == '}')
        {
          g_string_free (r, TRUE);
          return FAIL_VALUE ("Single '}' encountered in format string");
        }
      else if (*p == '{')
        {
          const char *close = memchr (p, '}', end - p);
          const char *colon, *name_end;
          TessValue v;
          gboolean found;

          if (close == NULL)
            {
              g_string_free (r, TRUE);
              return FAIL_VALUE ("expected '}' before end of string");
            }
          colon = memchr (p, ':', close - p);
          name_end = colon ? colon : close;
          if (name_end == p + 1)
            found = auto_index < args->n_pos && (v = args->pos[auto_index++], TRUE);
          else if (g_ascii_isdigit (p[1]))
            {
              guint idx = (guint) g_ascii_strtoull (p + 1, NULL, 10);
              found = idx < args->n_pos && (v = args->pos[idx], TRUE);
            }
          else
            {
              g_autofree char *name = g_strndup (p + 1, name_end - p - 1);
              found = tess_args_get (args, G_MAXUINT, name, &v);
            }
          if (!found)
            {
              g_string_free (r, TRUE);
              return FAIL_VALUE ("Replacement index out of range or missing key in format string");
            }
          if (!format_field (ev, node, r, v, colon ? colon + 1 : close,
                             colon ? close - colon - 1 : 0))
            {
              g_string_free (r, TRUE);
              return FALSE;
            }
          p = close + 1;
        }
      else
        g_string_append_c (r, *p++);
    }
  *out = tess_value_string_take_gstring (r);
  return TRUE;
}

/* list methods */

#define SELF_LIST tess_value_get_list (self)

METHOD (l_append)
{
  if (!need_args (ev, node, args, 1, 1, "append") || !tess_eval_tick (ev, node, 1))
    return FALSE;
  tess_list_append (SELF_LIST, tess_value_ref (args->pos[0]));
  *out = tess_value_none ();
  return TRUE;
}

METHOD (l_extend)
{
  TessValue l;

  if (!need_args (ev, node, args, 1, 1, "extend"))
    return FALSE;
  if (!tess_eval_to_list (ev, node, args->pos[0], &l))
    return FALSE;
  if (!tess_eval_tick (ev, node, tess_value_get_list (l)->len))
    {
      tess_value_unref (l);
      return FALSE;
    }
  {
    guint n = tess_value_get_list (l)->len;  /* x.extend(x) appends a copy */
    for (guint i = 0; i < n; i++)
      tess_list_append (SELF_LIST, tess_value_ref (tess_value_get_list (l)->items[i]));
  }
  tess_value_unref (l);
  *out = tess_value_none ();
  return TRUE;
}

METHOD (l_insert)
{
  gint64 at, len = SELF_LIST->len;

  if (!need_args (ev, node, args, 2, 2, "insert") || !want_int (ev, node, args->pos[0], &at) ||
      !tess_eval_tick (ev, node, 1))
    return FALSE;
  if (at < 0)
    at = MAX (at + len, 0);
  if (at > len)
    at = len;
  tess_list_insert (SELF_LIST, at, tess_value_ref (args->pos[1]));
  *out = tess_value_none ();
  return TRUE;
}

METHOD (l_pop)
{
  gint64 at = -1, len = SELF_LIST->len;

  if (!need_args (ev, node, args, 0, 1, "pop"))
    return FALSE;
  if (args->n_pos == 1 && !want_int (ev, node, args->pos[0], &at))
    return FALSE;
  if (len == 0)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE, "pop from empty list");
  if (at < 0)
    at += len;
  if (at < 0 || at >= len)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE, "pop index out of range");
  *out = tess_list_remove (SELF_LIST, at);
  return TRUE;
}

METHOD (l_remove)
{
  if (!need_args (ev, node, args, 1, 1, "remove"))
    return FALSE;
  for (guint i = 0; i < SELF_LIST->len; i++)
    if (tess_value_equal (SELF_LIST->items[i], args->pos[0]))
      {
        tess_value_unref (tess_list_remove (SELF_LIST, i));
        *out = tess_value_none ();
        return TRUE;
      }
  return FAIL_VALUE ("list.remove(x): x not in list");
}

METHOD (l_index)
{
  if (!need_args (ev, node, args, 1, 1, "index"))
    return FALSE;
  for (guint i = 0; i < SELF_LIST->len; i++)
    if (tess_value_equal (SELF_LIST->items[i], args->pos[0]))
      {
        *out = tess_value_int (i);
        return TRUE;
      }
  return FAIL_VALUE ("value is not in list");
}

METHOD (l_count)
{
  gint64 n = 0;

  if (!need_args (ev, node, args, 1, 1, "count"))
    return FALSE;
  for (guint i = 0; i < SELF_LIST->len; i++)
    if (tess_value_equal (SELF_LIST->items[i], args->pos[0]))
      n++;
  *out = tess_value_int (n);
  return TRUE;
}

METHOD (l_reverse)
{
  TessList *l = SELF_LIST;

  if (!need_args (ev, node, args, 0, 0, "reverse"))
    return FALSE;
  for (guint i = 0; i < l->len / 2; i++)
    {
      TessValue t = l->items[i];
      l->items[i] = l->items[l->len - 1 - i];
      l->items[l->len - 1 - i] = t;
    }
  *out = tess_value_none ();
  return TRUE;
}

METHOD (l_sort)
{
  TessValue sorted;
  TessFilterFunc sort = tess_builtins_lookup_filter ("sort");
  gboolean reverse = FALSE;
  TessValue rv;

  if (args->n_pos)
    return FAIL_TYPE ("sort() takes no positional arguments");
  if (tess_args_get (args, G_MAXUINT, "reverse", &rv) && !tess_eval_truthy (ev, node, rv, &reverse))
    return FALSE;
  {
    TessValue pos[3] = { tess_value_bool (reverse), tess_value_bool (TRUE), tess_value_none () };
    TessArgs sargs = { pos, 2, NULL, NULL, 0, 0 };
    if (!sort (ev, node, self, &sargs, &sorted))
      return FALSE;
  }
  {
    TessList *l = SELF_LIST, *s = tess_value_get_list (sorted);
    for (guint i = 0; i < l->len; i++)
      {
        TessValue old = l->items[i];
        l->items[i] = tess_value_ref (s->items[i]);
        tess_value_unref (old);
      }
  }
  tess_value_unref (sorted);
  *out = tess_value_none ();
  return TRUE;
}

METHOD (l_copy)
{
  TessList *l = SELF_LIST;

  *out = tess_value_list_new (l->len);
  for (guint i = 0; i < l->len; i++)
    tess_list_append (tess_value_get_list (*out), tess_value_ref (l->items[i]));
  return need_args (ev, node, args, 0, 0, "copy");
}

METHOD (l_clear)
{
  TessList *l = SELF_LIST;

  for (guint i = 0; i < l->len; i++)
    tess_value_unref (l->items[i]);
  l->len = 0;
  *out = tess_value_none ();
  return need_args (ev, node, args, 0, 0, "clear");
}

/* dict methods */

#define SELF_DICT tess_value_get_dict (self)

static gboolean
dict_view (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out,
           guint which)
{
  TessDict *d = SELF_DICT;

  if (!need_args (ev, node, args, 0, 0, which == 0 ? "keys" : which == 1 ? "values" : "items"))
    return FALSE;
  *out = tess_value_list_new (d->n_live);
  TESS_DICT_FOREACH (d, e)
    {
      if (which == 0)
        tess_list_append (tess_value_get_list (*out), tess_value_ref (e->key));
      else if (which == 1)
        tess_list_append (tess_value_get_list (*out), tess_value_ref (e->value));
      else
        {
          TessValue t = tess_value_tuple_new (2);
          tess_list_append (tess_value_get_list (t), tess_value_ref (e->key));
          tess_list_append (tess_value_get_list (t), tess_value_ref (e->value));
          tess_list_append (tess_value_get_list (*out), t);
        }
    }
  out->flags = which == 0 ? TESS_VALUE_FLAG_KEYS_VIEW :
               which == 1 ? TESS_VALUE_FLAG_VALUES_VIEW : TESS_VALUE_FLAG_ITEMS_VIEW;
  return TRUE;
}

METHOD (d_keys) { return dict_view (ev, node, self, args, out, 0); }
METHOD (d_values) { return dict_view (ev, node, self, args, out, 1); }
METHOD (d_items) { return dict_view (ev, node, self, args, out, 2); }

METHOD (d_get)
{
  TessValue v;

  if (!need_args (ev, node, args, 1, 2, "get"))
    return FALSE;
  if (!tess_value_hashable (args->pos[0]))
    {
      if (args->pos[0].type == TESS_VALUE_UNDEFINED)
        return tess_eval_fail_undefined (ev, node, args->pos[0]);
      return FAIL_TYPE ("unhashable type: '%s'", tess_value_type_name (args->pos[0]));
    }
  if (tess_dict_lookup (SELF_DICT, args->pos[0], &v))
    *out = tess_value_ref (v);
  else
    *out = args->n_pos == 2 ? tess_value_ref (args->pos[1]) : tess_value_none ();
  return TRUE;
}

METHOD (d_pop)
{
  TessValue v;

  if (!need_args (ev, node, args, 1, 2, "pop"))
    return FALSE;
  if (!tess_value_hashable (args->pos[0]))
    return FAIL_TYPE ("unhashable type: '%s'", tess_value_type_name (args->pos[0]));
  if (tess_dict_remove (SELF_DICT, args->pos[0], &v))
    *out = v;
  else if (args->n_pos == 2)
    *out = tess_value_ref (args->pos[1]);
  else
    {
      GString *msg = g_string_new (NULL);
      tess_format_repr (msg, args->pos[0]);
      tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE, "KeyError: %s", msg->str);
      g_string_free (msg, TRUE);
      return FALSE;
    }
  return TRUE;
}

METHOD (d_setdefault)
{
  TessValue v;

  if (!need_args (ev, node, args, 1, 2, "setdefault"))
    return FALSE;
  if (!tess_value_hashable (args->pos[0]))
    return FAIL_TYPE ("unhashable type: '%s'", tess_value_type_name (args->pos[0]));
  if (tess_dict_lookup (SELF_DICT, args->pos[0], &v))
    *out = tess_value_ref (v);
  else
    {
      v = args->n_pos == 2 ? args->pos[1] : tess_value_none ();
      tess_dict_set (SELF_DICT, tess_value_ref (args->pos[0]), tess_value_ref (v));
      *out = tess_value_ref (v);
    }
  return TRUE;
}

METHOD (d_update)
{
  if (args->n_pos > 1)
    return FAIL_TYPE ("update expected at most 1 argument, got %u", args->n_pos);
  if (args->n_pos == 1 && !dict_update_from (ev, node, SELF_DICT, args->pos[0]))
    return FALSE;
  for (guint i = 0; i < args->n_kw; i++)
    tess_dict_set (SELF_DICT, tess_value_string_new (g_quark_to_string (args->kw_names[i]), -1),
                   tess_value_ref (args->kw_values[i]));
  *out = tess_value_none ();
  return TRUE;
}

METHOD (d_copy)
{
  *out = tess_dict_copy (SELF_DICT);
  return need_args (ev, node, args, 0, 0, "copy");
}

METHOD (d_clear)
{
  tess_dict_clear (SELF_DICT);
  *out = tess_value_none ();
  return need_args (ev, node, args, 0, 0, "clear");
}

typedef struct
{
  const char      *name;
  TessBuiltinFunc  func;
} MethodEntry;

static const MethodEntry str_methods[] = {
  { "capitalize", s_capitalize }, { "casefold", s_casefold }, { "center", s_center },
  { "count", s_count }, { "endswith", s_endswith }, { "find", s_find }, { "format", s_format },
  { "index", s_index }, { "isalnum", s_isalnum }, { "isalpha", s_isalpha },
  { "isdecimal", s_isdecimal }, { "isdigit", s_isdigit }, { "islower", s_islower },
  { "isnumeric", s_isnumeric }, { "isspace", s_isspace }, { "isupper", s_isupper },
  { "join", s_join }, { "ljust", s_ljust }, { "lower", s_lower }, { "lstrip", s_lstrip },
  { "partition", s_partition }, { "removeprefix", s_removeprefix },
  { "removesuffix", s_removesuffix }, { "replace", s_replace }, { "rfind", s_rfind },
  { "rindex", s_rindex }, { "rjust", s_rjust }, { "rpartition", s_rpartition },
  { "rsplit", s_rsplit }, { "rstrip", s_rstrip }, { "split", s_split },
  { "splitlines", s_splitlines }, { "startswith", s_startswith }, { "strip", s_strip },
  { "swapcase", s_swapcase }, { "title", s_title }, { "upper", s_upper }, { "zfill", s_zfill },
};

static const MethodEntry list_methods[] = {
  { "append", l_append }, { "clear", l_clear }, { "copy", l_copy }, { "count", l_count },
  { "extend", l_extend }, { "index", l_index }, { "insert", l_insert }, { "pop", l_pop },
  { "remove", l_remove }, { "reverse", l_reverse }, { "sort", l_sort },
};

static const MethodEntry tuple_methods[] = {
  { "count", l_count }, { "index", l_index },
};

static const MethodEntry dict_methods[] = {
  { "clear", d_clear }, { "copy", d_copy }, { "get", d_get }, { "items", d_items },
  { "keys", d_keys }, { "pop", d_pop }, { "setdefault", d_setdefault }, { "update", d_update },
  { "values", d_values },
};

static gboolean
find_method (const MethodEntry *table, guint n, TessValue self, const char *name, TessValue *out)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (table[i].name, name))
      {
        *out = tess_function_new (table[i].func, self, table[i].name);
        return TRUE;
      }
  return FALSE;
}

guint
tess_builtins_method_kinds (const char *name)
{
  static const MethodEntry *tables[] = { str_methods, list_methods, tuple_methods, dict_methods };
  static const guint sizes[] = { G_N_ELEMENTS (str_methods), G_N_ELEMENTS (list_methods),
                                 G_N_ELEMENTS (tuple_methods), G_N_ELEMENTS (dict_methods) };
  guint kinds = 0;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (guint i = 0; i < sizes[t]; i++)
      if (g_str_equal (tables[t][i].name, name))
        kinds |= 1u << t;
  if (g_str_equal (name, "grouper") || g_str_equal (name, "list") || g_str_equal (name, "next") ||
      g_str_equal (name, "reset") || g_str_equal (name, "current") || g_str_equal (name, "start") ||
      g_str_equal (name, "stop") || g_str_equal (name, "step"))
    kinds |= TESS_METHOD_OF_OTHER;
  return kinds;
}

gboolean
tess_builtins_get_method (TessValue self, const char *name, TessValue *out)
{
  switch (self.type)
    {
    case TESS_VALUE_STRING:
      return find_method (str_methods, G_N_ELEMENTS (str_methods), self, name, out);
    case TESS_VALUE_LIST:
      return find_method (list_methods, G_N_ELEMENTS (list_methods), self, name, out);
    case TESS_VALUE_TUPLE:
      if (self.flags & TESS_VALUE_FLAG_GROUP)
        {
          if (g_str_equal (name, "grouper"))
            {
              *out = tess_value_ref (tess_value_get_list (self)->items[0]);
              return TRUE;
            }
          if (g_str_equal (name, "list"))
            {
              *out = tess_value_ref (tess_value_get_list (self)->items[1]);
              return TRUE;
            }
        }
      return find_method (tuple_methods, G_N_ELEMENTS (tuple_methods), self, name, out);
    case TESS_VALUE_DICT:
      return find_method (dict_methods, G_N_ELEMENTS (dict_methods), self, name, out);
    case TESS_VALUE_OBJECT:
      if (self.u.o->kind == TESS_OBJECT_CYCLER)
        {
          TessCycler *c = (TessCycler *) self.u.o;
          if (g_str_equal (name, "next"))
            *out = tess_function_new (cycler_next, self, "next");
          else if (g_str_equal (name, "reset"))
            *out = tess_function_new (cycler_reset, self, "reset");
          else if (g_str_equal (name, "current"))
            *out = tess_value_ref (tess_value_get_list (c->items)->items[c->pos]);
          else if (g_str_equal (name, "items"))
            *out = tess_value_ref (c->items);
          else
            return FALSE;
          return TRUE;
        }
      if (self.u.o->kind == TESS_OBJECT_RANGE)
        {
          TessRange *r = (TessRange *) self.u.o;
          if (g_str_equal (name, "start"))
            *out = tess_value_int (r->start);
          else if (g_str_equal (name, "stop"))
            *out = tess_value_int (r->stop);
          else if (g_str_equal (name, "step"))
            *out = tess_value_int (r->step);
          else
            return FALSE;
          return TRUE;
        }
      return FALSE;
    case TESS_VALUE_UNDEFINED:
    case TESS_VALUE_NONE:
    case TESS_VALUE_BOOL:
    case TESS_VALUE_INT:
    case TESS_VALUE_FLOAT:
    default:
      return FALSE;
    }
}

/* printf-style formatting: "%s" % x */
gboolean
tess_builtins_percent_format (TessEval *ev, TessNode *node, TessValue format, TessValue params,
                              TessValue *out)
{
  TessString *f = tess_value_get_string (format);
  GString *r = g_string_new (NULL);
  const char *p = f->data, *end = f->data + f->len;
  TessValue *items;
  guint n_items, next = 0;
  gboolean is_tuple = params.type == TESS_VALUE_TUPLE;
  gboolean used_mapping = FALSE;
  gboolean markup = tess_value_is_markup (format);

  if (is_tuple)
    {
      items = tess_value_get_list (params)->items;
      n_items = tess_value_get_list (params)->len;
    }
  else
    {
      items = &params;
      n_items = 1;
    }

  while (p < end)
    {
      gboolean left = FALSE, plus = FALSE, space = FALSE, alt = FALSE, zero = FALSE;
      gint64 width = -1, precision = -1;
      TessValue v;
      GString *text;
      char conv;

      if (*p != '%')
        {
          g_string_append_c (r, *p++);
          continue;
        }
      p++;
      if (p >= end)
        {
          g_string_free (r, TRUE);
          return FAIL_VALUE ("incomplete format");
        }
      if (*p == '(')
        {
          const char *close = memchr (p, ')', end - p);
          TessValue key;
          if (close == NULL || params.type != TESS_VALUE_DICT)
            {
              g_string_free (r, TRUE);
              return FAIL_TYPE ("format requires a mapping");
            }
          key = tess_value_string_new (p + 1, close - p - 1);
          if (!tess_dict_lookup (tess_value_get_dict (params), key, &v))
            {
              tess_value_unref (key);
              g_string_free (r, TRUE);
              return FAIL_VALUE ("KeyError in format string");
            }
          tess_value_unref (key);
          used_mapping = TRUE;
          p = close + 1;
        }
      else
        v = tess_value_none ();

      for (; p < end; p++)
        {
          if (*p == '-')
            left = TRUE;
          else if (*p == '+')
            plus = TRUE;
          else if (*p == ' ')
            space = TRUE;
          else if (*p == '#')
            alt = TRUE;
          else if (*p == '0')
            zero = TRUE;
          else
            break;
        }
      if (p < end && *p == '*')
        {
          g_string_free (r, TRUE);
          return FAIL_VALUE ("* width is not supported");
        }
      while (p < end && g_ascii_isdigit (*p))
        {
          width = MIN (MAX (width, 0) * 10 + (*p - '0'), 100000);
          p++;
        }
      if (p < end && *p == '.')
        {
          p++;
          precision = 0;
          while (p < end && g_ascii_isdigit (*p))
            {
              precision = MIN (precision * 10 + (*p - '0'), 1000);
              p++;
            }
        }
      if (p >= end)
        {
          g_string_free (r, TRUE);
          return FAIL_VALUE ("incomplete format");
        }
      conv = *p++;
      if (conv == '%')
        {
          g_string_append_c (r, '%');
          continue;
        }
      if (!used_mapping)
        {
          if (params.type == TESS_VALUE_DICT && !is_tuple)
            v = params;
          else if (next >= n_items)
            {
              g_string_free (r, TRUE);
              return FAIL_TYPE ("not enough arguments for format string");
            }
          else
            v = items[next++];
        }

      text = g_string_new (NULL);
      switch (conv)
        {
        case 's':
          if (!tess_eval_to_string (ev, node, v, text))
            goto fail_text;
          if (markup && !tess_value_is_markup (v))
            {
              /* Markup % x escapes x */
              TessValue plain = tess_value_string_new (text->str, text->len);
              TessValue esc = tess_str_html_escape (tess_value_get_string (plain));
              g_string_assign (text, tess_value_get_string (esc)->data);
              tess_value_unref (plain);
              tess_value_unref (esc);
            }
          if (precision >= 0 && (gint64) g_utf8_strlen (text->str, -1) > precision)
            g_string_truncate (text, g_utf8_offset_to_pointer (text->str, precision) - text->str);
          break;
        case 'r':
        case 'a':
          tess_format_repr (text, v);
          if (markup)
            {
              TessValue plain = tess_value_string_new (text->str, text->len);
              TessValue esc = tess_str_html_escape (tess_value_get_string (plain));
              g_string_assign (text, tess_value_get_string (esc)->data);
              tess_value_unref (plain);
              tess_value_unref (esc);
            }
          break;
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
        case 'o':
        case 'c':
          {
            gint64 i;
            if (v.type == TESS_VALUE_INT || v.type == TESS_VALUE_BOOL)
              i = v.type == TESS_VALUE_INT ? v.u.i : v.u.b;
            else if (v.type == TESS_VALUE_FLOAT && conv != 'x' && conv != 'X' && conv != 'o' &&
                     conv != 'c' && isfinite (v.u.f))
              i = (gint64) v.u.f;
            else
              {
                tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                                "%%%c format: a real number is required, not %s", conv,
                                tess_value_type_name (v));
                goto fail_text;
              }
            if (conv == 'c')
              g_string_append_unichar (text, (gunichar) i);
            else
              {
                char fmt[16];
                const char *len_mod = G_GINT64_MODIFIER;
                gboolean neg = i < 0;
                guint64 mag = neg ? (guint64) 0 - (guint64) i : (guint64) i;
                g_snprintf (fmt, sizeof fmt, "%%%s%c", len_mod,
                            conv == 'x' ? 'x' : conv == 'X' ? 'X' : conv == 'o' ? 'o' : 'u');
                if (neg)
                  g_string_append_c (text, '-');
                else if (plus)
                  g_string_append_c (text, '+');
                else if (space)
                  g_string_append_c (text, ' ');
                if (alt && (conv == 'x' || conv == 'X' || conv == 'o'))
                  g_string_append (text, conv == 'x' ? "0x" : conv == 'X' ? "0X" : "0o");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
                g_string_append_printf (text, fmt, mag);
#pragma GCC diagnostic pop
                if (precision > 0)
                  {
                    gsize prefix = (text->str[0] == '-' || text->str[0] == '+'
                                    || text->str[0] == ' ') ? 1 : 0;
                    while ((gint64) (text->len - prefix) < precision)
                      g_string_insert_c (text, prefix, '0');
                  }
              }
          }
          break;
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
          {
            char fmt[16];
            if (!tess_value_is_number (v))
              {
                tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                                "must be real number, not %s", tess_value_type_name (v));
                goto fail_text;
              }
            g_snprintf (fmt, sizeof fmt, "%%%s%s%s.*%c", plus ? "+" : "", space ? " " : "",
                        alt ? "#" : "", conv);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
            g_string_append_printf (text, fmt, (int) (precision < 0 ? 6 : precision),
                                    tess_value_as_double (v));
#pragma GCC diagnostic pop
          }
          break;
        default:
          tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE,
                          "unsupported format character '%c'", conv);
          goto fail_text;
        }

      {
        gint64 n = g_utf8_strlen (text->str, -1);
        gint64 pad = width > n ? width - n : 0;
        if (left)
          {
            g_string_append_len (r, text->str, text->len);
            for (gint64 i = 0; i < pad; i++)
              g_string_append_c (r, ' ');
          }
        else if (zero && conv != 's' && conv != 'r' && conv != 'a' && conv != 'c')
          {
            gsize sign = (text->len && (text->str[0] == '-' || text->str[0] == '+' ||
                                        text->str[0] == ' ')) ? 1 : 0;
            g_string_append_len (r, text->str, sign);
            for (gint64 i = 0; i < pad; i++)
              g_string_append_c (r, '0');
            g_string_append_len (r, text->str + sign, text->len - sign);
          }
        else
          {
            for (gint64 i = 0; i < pad; i++)
              g_string_append_c (r, ' ');
            g_string_append_len (r, text->str, text->len);
          }
      }
      g_string_free (text, TRUE);
      continue;

    fail_text:
      g_string_free (text, TRUE);
      g_string_free (r, TRUE);
      return FALSE;
    }

  if (!used_mapping && params.type != TESS_VALUE_DICT && next < n_items)
    {
      g_string_free (r, TRUE);
      return FAIL_TYPE ("not all arguments converted during string formatting");
    }
  if (!tess_eval_check_size (ev, node, r->len))
    {
      g_string_free (r, TRUE);
      return FALSE;
    }
  *out = tess_value_string_take_gstring (r);
  if (markup)
    out->flags |= TESS_VALUE_FLAG_MARKUP;
  return TRUE;
}
