/* tess-template-eval.c: the tree-walking evaluator with Python semantics
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tess-template-eval.h"
#include "tess-template-strings.h"

/* Errors */

gboolean
tess_eval_fail (TessEval *ev, TessNode *node, TessTemplateError code, const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  if (ev->error != NULL)
    return FALSE;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  tess_template_set_error (&ev->error, code, node ? node->line : 0, node ? node->col : 0,
                           "%s", msg);
  return FALSE;
}

gboolean
tess_eval_fail_undefined (TessEval *ev, TessNode *node, TessValue undefined)
{
  return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_UNDEFINED, "%s",
                         tess_value_undefined_message (undefined));
}

gboolean
tess_eval_check_size (TessEval *ev, TessNode *node, gsize size)
{
  if (size > ev->limits.max_output)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_LIMIT,
                           "output limit exceeded: a value or the output would be larger than %"
                           G_GSIZE_FORMAT " bytes", ev->limits.max_output);
  return TRUE;
}

gboolean
tess_eval_tick (TessEval *ev, TessNode *node, guint64 n)
{
  ev->iterations += n;
  if (ev->iterations > ev->limits.max_iterations)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_LIMIT,
                           "iteration limit exceeded: more than %" G_GUINT64_FORMAT
                           " loop iterations or element visits", ev->limits.max_iterations);
  return TRUE;
}

static gboolean
check_output (TessEval *ev, TessNode *node)
{
  if (G_UNLIKELY (ev->out->len > ev->limits.max_output))
    return tess_eval_check_size (ev, node, ev->out->len);
  return TRUE;
}

/* Scopes: a flat stack of (name, value) slots, cut into frames. A frame is opaque for macro
 * bodies: lookups skip from it straight to the template's top-level frame. */

static void
push_frame (TessEval *ev, gboolean opaque)
{
  TessFrame f = { ev->n_slots, opaque };

  if (ev->n_frames == ev->cap_frames)
    {
      TessFrame *old = ev->frames;
      ev->cap_frames = MAX (16, ev->cap_frames * 2);
      if (ev->frames_on_stack)
        {
          ev->frames = g_new (TessFrame, ev->cap_frames);
          memcpy (ev->frames, old, ev->n_frames * sizeof (TessFrame));
          ev->frames_on_stack = FALSE;
        }
      else
        ev->frames = g_renew (TessFrame, ev->frames, ev->cap_frames);
    }
  ev->frames[ev->n_frames++] = f;
}

static void
truncate_slots (TessEval *ev, guint n)
{
  while (ev->n_slots > n)
    tess_value_unref (ev->slots[--ev->n_slots].value);
}

static void
pop_frame (TessEval *ev)
{
  truncate_slots (ev, ev->frames[ev->n_frames - 1].base);
  ev->n_frames--;
}

/* Names the frame assigns before reading them are undefined until assigned (see the parser's
 * analyze_frame), even where an outer variable or the data has the name. */
static void
predeclare (TessEval *ev, TessNode *body)
{
  if (body == NULL || body->kind != NODE_BODY)
    return;
  for (guint i = 0; i < body->n_names; i++)
    tess_eval_set_var (ev, body->names[i],
                       tess_value_ref (tess_value_get_list (body->value)->items[i]));
}

/* Takes value. */
void
tess_eval_set_var (TessEval *ev, GQuark name, TessValue value)
{
  guint base = ev->frames[ev->n_frames - 1].base;

  for (guint i = ev->n_slots; i > base; i--)
    if (ev->slots[i - 1].name == name)
      {
        tess_value_unref (ev->slots[i - 1].value);
        ev->slots[i - 1].value = value;
        return;
      }
  if (ev->n_slots == ev->cap_slots)
    {
      TessSlot *old = ev->slots;
      ev->cap_slots = MAX (32, ev->cap_slots * 2);
      if (ev->slots_on_stack)
        {
          ev->slots = g_new (TessSlot, ev->cap_slots);
          memcpy (ev->slots, old, ev->n_slots * sizeof (TessSlot));
          ev->slots_on_stack = FALSE;
        }
      else
        ev->slots = g_renew (TessSlot, ev->slots, ev->cap_slots);
    }
  ev->slots[ev->n_slots].name = name;
  ev->slots[ev->n_slots].value = value;
  ev->n_slots++;
}

/* Borrowed. */
static gboolean
lookup_var (TessEval *ev, GQuark name, const char *str, gsize len, TessValue *out)
{
  guint f = ev->n_frames;
  guint top = ev->n_slots;

  while (f > 0)
    {
      TessFrame *frame = &ev->frames[f - 1];
      for (guint i = top; i > frame->base; i--)
        if (ev->slots[i - 1].name == name)
          {
            *out = ev->slots[i - 1].value;
            return TRUE;
          }
      top = frame->base;
      if (frame->opaque && f > 2)
        {
          /* A macro body sees its own frame, then the template's top level and the data. */
          f = 2;
          top = ev->frames[2].base;
          continue;
        }
      f--;
    }

  if (ev->data_lookup && tess_dict_lookup_str (ev->data, str, len, out))
    return TRUE;
  return FALSE;
}

static gboolean
lookup_name (TessEval *ev, TessNode *node, TessValue *out)
{
  TessString *s = tess_value_get_string (node->value);
  TessValue v;

  if (lookup_var (ev, node->name, s->data, s->len, &v))
    {
      *out = tess_value_ref (v);
      return TRUE;
    }
  if (tess_builtins_get_global (s->data, out))
    return TRUE;
  *out = tess_value_undefined_take (g_strdup_printf ("'%s' is undefined", s->data));
  return TRUE;
}

/* Conversions */

gboolean
tess_eval_truthy (TessEval *ev, TessNode *node, TessValue v, gboolean *out)
{
  switch (v.type)
    {
    case TESS_VALUE_UNDEFINED:
      if (v.flags & TESS_VALUE_FLAG_LENIENT)
        {
          *out = FALSE;
          return TRUE;
        }
      return tess_eval_fail_undefined (ev, node, v);
    case TESS_VALUE_NONE:
      *out = FALSE;
      return TRUE;
    case TESS_VALUE_BOOL:
      *out = v.u.b;
      return TRUE;
    case TESS_VALUE_INT:
      *out = v.u.i != 0;
      return TRUE;
    case TESS_VALUE_FLOAT:
      *out = v.u.f != 0.0;
      return TRUE;
    case TESS_VALUE_STRING:
      *out = tess_value_get_string (v)->len > 0;
      return TRUE;
    case TESS_VALUE_LIST:
    case TESS_VALUE_TUPLE:
      *out = tess_value_get_list (v)->len > 0;
      return TRUE;
    case TESS_VALUE_DICT:
      *out = tess_value_get_dict (v)->n_live > 0;
      return TRUE;
    case TESS_VALUE_OBJECT:
      if (v.u.o->kind == TESS_OBJECT_RANGE)
        {
          *out = tess_range_length ((TessRange *) v.u.o) > 0;
          return TRUE;
        }
      if (v.u.o->kind == TESS_OBJECT_NAMESPACE || v.u.o->kind == TESS_OBJECT_LOOP)
        {
          *out = TRUE;
          return TRUE;
        }
      *out = TRUE;
      return TRUE;
    default:
      *out = TRUE;
      return TRUE;
    }
}

gboolean
tess_eval_to_string (TessEval *ev, TessNode *node, TessValue v, GString *out)
{
  if (v.type == TESS_VALUE_UNDEFINED)
    {
      if (v.flags & TESS_VALUE_FLAG_LENIENT)
        return TRUE;
      return tess_eval_fail_undefined (ev, node, v);
    }
  if (v.type == TESS_VALUE_OBJECT && v.u.o->kind == TESS_OBJECT_LOOP)
    {
      g_string_append (out, "<LoopContext>");
      return TRUE;
    }
  tess_format_str (out, v);
  return TRUE;
}

gint64
tess_range_length (TessRange *r)
{
  if (r->step > 0 && r->start < r->stop)
    return (r->stop - r->start - 1) / r->step + 1;
  if (r->step < 0 && r->start > r->stop)
    return (r->start - r->stop - 1) / (-r->step) + 1;
  return 0;
}

/* Materialises any iterable as a list or tuple (a new reference). */
gboolean
tess_eval_to_list (TessEval *ev, TessNode *node, TessValue v, TessValue *out)
{
  switch (v.type)
    {
    case TESS_VALUE_LIST:
    case TESS_VALUE_TUPLE:
      *out = tess_value_ref (v);
      return TRUE;

    case TESS_VALUE_STRING:
      {
        TessString *s = tess_value_get_string (v);
        TessValue list = tess_value_list_new (s->len);
        if (!tess_eval_tick (ev, node, s->len))
          {
            tess_value_unref (list);
            return FALSE;
          }
        for (const char *p = s->data; p < s->data + s->len; p = g_utf8_next_char (p))
          tess_list_append (tess_value_get_list (list),
                            tess_value_string_new (p, g_utf8_next_char (p) - p));
        *out = list;
        return TRUE;
      }

    case TESS_VALUE_DICT:
      {
        TessDict *d = tess_value_get_dict (v);
        TessValue list = tess_value_list_new (d->n_live);
        TESS_DICT_FOREACH (d, e)
          tess_list_append (tess_value_get_list (list), tess_value_ref (e->key));
        *out = list;
        return TRUE;
      }

    case TESS_VALUE_UNDEFINED:
      if (v.flags & TESS_VALUE_FLAG_LENIENT)
        {
          *out = tess_value_list_new (0);
          return TRUE;
        }
      return tess_eval_fail_undefined (ev, node, v);

    case TESS_VALUE_OBJECT:
      if (v.u.o->kind == TESS_OBJECT_RANGE)
        {
          TessRange *r = (TessRange *) v.u.o;
          gint64 n = tess_range_length (r);
          TessValue list;
          /* The list is bounded by the work budget (16 bytes an item), checked up front. */
          if ((guint64) n > ev->limits.max_iterations)
            return tess_eval_tick (ev, node, n);
          list = tess_value_list_new (n);
          tess_value_work += n * sizeof (TessValue);
          for (gint64 i = 0; i < n; i++)
            tess_list_append (tess_value_get_list (list), tess_value_int (r->start + i * r->step));
          *out = list;
          return TRUE;
        }
      if (v.u.o->kind == TESS_OBJECT_FAILING_ITERATOR)
        return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "%s",
                               ((TessFailingIterator *) v.u.o)->message);
      if (v.u.o->kind == TESS_OBJECT_NAMESPACE || v.u.o->kind == TESS_OBJECT_LOOP ||
          v.u.o->kind == TESS_OBJECT_CYCLER || v.u.o->kind == TESS_OBJECT_JOINER ||
          v.u.o->kind == TESS_OBJECT_FUNCTION || v.u.o->kind == TESS_OBJECT_MACRO)
        break;
      break;

    case TESS_VALUE_NONE:
    case TESS_VALUE_BOOL:
    case TESS_VALUE_INT:
    case TESS_VALUE_FLOAT:
    default:
      break;
    }
  return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "'%s' object is not iterable",
                         tess_value_type_name (v));
}

/* Attribute and item access, with Jinja's fallbacks */

static TessValue
undefined_attribute (TessValue obj, TessValue name)
{
  GString *msg = g_string_new (NULL);

  if (obj.type == TESS_VALUE_NONE)
    g_string_append (msg, "'None'");
  else
    g_string_append_printf (msg, "'%s object'", tess_value_type_name (obj));
  if (name.type == TESS_VALUE_STRING)
    {
      g_string_append (msg, " has no attribute ");
      tess_format_repr (msg, name);
    }
  else
    {
      /* Jinja drops the quotes here: "list object has no element 7" */
      g_string_erase (msg, 0, 1);
      g_string_truncate (msg, msg->len - 1);
      g_string_append (msg, " has no element ");
      tess_format_repr (msg, name);
    }
  return tess_value_undefined_take (g_string_free (msg, FALSE));
}

static gboolean
normalize_index (gint64 index, gint64 len, gint64 *out)
{
  if (index < 0)
    index += len;
  if (index < 0 || index >= len)
    return FALSE;
  *out = index;
  return TRUE;
}

/* Python's obj[key]; FALSE (without error) when Python would raise a lookup or type error. */
static gboolean
py_getitem (TessValue obj, TessValue key, TessValue *out)
{
  gint64 index;

  switch (obj.type)
    {
    case TESS_VALUE_DICT:
      if (!tess_value_hashable (key))
        return FALSE;
      if (tess_dict_lookup (tess_value_get_dict (obj), key, out))
        {
          *out = tess_value_ref (*out);
          return TRUE;
        }
      return FALSE;

    case TESS_VALUE_LIST:
    case TESS_VALUE_TUPLE:
      if (key.type != TESS_VALUE_INT && key.type != TESS_VALUE_BOOL)
        return FALSE;
      if (!normalize_index (key.type == TESS_VALUE_INT ? key.u.i : key.u.b,
                            tess_value_get_list (obj)->len, &index))
        return FALSE;
      *out = tess_value_ref (tess_value_get_list (obj)->items[index]);
      return TRUE;

    case TESS_VALUE_STRING:
      {
        TessString *s = tess_value_get_string (obj);
        if (key.type != TESS_VALUE_INT && key.type != TESS_VALUE_BOOL)
          return FALSE;
        if (!normalize_index (key.type == TESS_VALUE_INT ? key.u.i : key.u.b,
                              tess_string_n_chars (s), &index))
          return FALSE;
        if (tess_string_is_ascii (s))
          *out = tess_value_string_new (s->data + index, 1);
        else
          {
            const char *p = g_utf8_offset_to_pointer (s->data, index);
            *out = tess_value_string_new (p, g_utf8_next_char (p) - p);
          }
        out->flags |= obj.flags & TESS_VALUE_FLAG_MARKUP;  /* a Markup's item is Markup */
        return TRUE;
      }

    case TESS_VALUE_OBJECT:
      if (obj.u.o->kind == TESS_OBJECT_RANGE &&
          (key.type == TESS_VALUE_INT || key.type == TESS_VALUE_BOOL))
        {
          TessRange *r = (TessRange *) obj.u.o;
          if (!normalize_index (key.type == TESS_VALUE_INT ? key.u.i : key.u.b,
                                tess_range_length (r), &index))
            return FALSE;
          *out = tess_value_int (r->start + index * r->step);
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

/* Python's getattr(obj, name); FALSE when there is no such attribute. */
static gboolean
py_getattr (TessEval *ev, TessValue obj, TessValue name, TessValue *out)
{
  const char *attr = tess_value_get_string (name)->data;

  if (obj.type == TESS_VALUE_OBJECT)
    {
      switch ((TessObjectKind) obj.u.o->kind)
        {
        case TESS_OBJECT_NAMESPACE:
          return tess_builtins_namespace_get (obj, name, out);
        case TESS_OBJECT_LOOP:
          return tess_loop_getattr (ev, obj, attr, out);
        case TESS_OBJECT_STRING:
        case TESS_OBJECT_LIST:
        case TESS_OBJECT_DICT:
        case TESS_OBJECT_UNDEFINED_INFO:
        case TESS_OBJECT_FUNCTION:
        case TESS_OBJECT_MACRO:
        case TESS_OBJECT_CYCLER:
        case TESS_OBJECT_JOINER:
        case TESS_OBJECT_RANGE:
        default:
          break;
        }
    }
  return tess_builtins_get_method (obj, attr, out);
}

gboolean
tess_eval_getattr (TessEval *ev, TessNode *node, TessValue obj, TessValue name, TessValue *out)
{
  if (obj.type == TESS_VALUE_UNDEFINED && !(obj.flags & TESS_VALUE_FLAG_LENIENT))
    return tess_eval_fail_undefined (ev, node, obj);
  if (obj.type == TESS_VALUE_UNDEFINED)
    {
      *out = tess_value_ref (obj);
      return TRUE;
    }
  if (py_getattr (ev, obj, name, out))
    return ev->error == NULL;
  if (py_getitem (obj, name, out))
    return TRUE;
  *out = undefined_attribute (obj, name);
  return TRUE;
}

gboolean
tess_eval_getitem (TessEval *ev, TessNode *node, TessValue obj, TessValue key, TessValue *out)
{
  if (obj.type == TESS_VALUE_UNDEFINED && !(obj.flags & TESS_VALUE_FLAG_LENIENT))
    return tess_eval_fail_undefined (ev, node, obj);
  if (obj.type == TESS_VALUE_UNDEFINED)
    {
      *out = tess_value_ref (obj);
      return TRUE;
    }
  if (key.type == TESS_VALUE_UNDEFINED && obj.type == TESS_VALUE_DICT)
    return tess_eval_fail_undefined (ev, node, key);
  if (py_getitem (obj, key, out))
    return TRUE;
  if (key.type == TESS_VALUE_STRING && py_getattr (ev, obj, key, out))
    return ev->error == NULL;
  *out = undefined_attribute (obj, key);
  return TRUE;
}

/* Python slicing: PySlice_AdjustIndices */
static gboolean
slice_index (TessEval *ev, TessNode *node, TessValue v, gboolean *present, gint64 *out)
{
  *present = FALSE;
  if (v.type == TESS_VALUE_NONE)
    return TRUE;
  if (v.type == TESS_VALUE_INT || v.type == TESS_VALUE_BOOL)
    {
      *present = TRUE;
      *out = v.type == TESS_VALUE_INT ? v.u.i : v.u.b;
      return TRUE;
    }
  if (v.type == TESS_VALUE_UNDEFINED)
    return tess_eval_fail_undefined (ev, node, v);
  return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                         "slice indices must be integers or None or have an __index__ method");
}

static gboolean overflow (TessEval *ev, TessNode *node);

static gint64
adjust_slice (gint64 len, gboolean has_start, gint64 start, gboolean has_stop, gint64 stop,
              gint64 step, gint64 *out_start, gint64 *out_stop)
{
  if (!has_start)
    start = step < 0 ? len - 1 : 0;
  else if (start < 0)
    {
      start += len;
      if (start < 0)
        start = step < 0 ? -1 : 0;
    }
  else if (start >= len)
    start = step < 0 ? len - 1 : len;

  if (!has_stop)
    stop = step < 0 ? -1 : len;
  else if (stop < 0)
    {
      stop += len;
      if (stop < 0)
        stop = step < 0 ? -1 : 0;
    }
  else if (stop >= len)
    stop = step < 0 ? len - 1 : len;

  *out_start = start;
  if (out_stop != NULL)
    *out_stop = stop;
  if (step < 0)
    return stop < start ? (start - stop - 1) / (-step) + 1 : 0;
  return start < stop ? (stop - start - 1) / step + 1 : 0;
}

static gboolean
eval_slice (TessEval *ev, TessNode *node, TessValue *out)
{
  TessValue obj;
  TessValue vstart = tess_value_none (), vstop = tess_value_none (), vstep = tess_value_none ();
  gboolean has_start, has_stop, has_step, ok = FALSE;
  gint64 start = 0, stop = 0, step = 1, first, n;

  if (node->d == NULL)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                           "slices are only allowed alone in []");
  if (!tess_eval_expr (ev, node->d, &obj))
    return FALSE;
  if ((node->a && !tess_eval_expr (ev, node->a, &vstart)) ||
      (node->b && !tess_eval_expr (ev, node->b, &vstop)) ||
      (node->c && !tess_eval_expr (ev, node->c, &vstep)))
    goto out;
  if (obj.type == TESS_VALUE_UNDEFINED)
    {
      tess_eval_fail_undefined (ev, node, obj);
      goto out;
    }
  if (!slice_index (ev, node, vstart, &has_start, &start) ||
      !slice_index (ev, node, vstop, &has_stop, &stop) ||
      !slice_index (ev, node, vstep, &has_step, &step))
    goto out;
  if (!has_step)
    step = 1;
  if (step == 0)
    {
      tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE, "slice step cannot be zero");
      goto out;
    }

  if (obj.type == TESS_VALUE_LIST || obj.type == TESS_VALUE_TUPLE)
    {
      TessList *l = tess_value_get_list (obj);
      n = adjust_slice (l->len, has_start, start, has_stop, stop, step, &first, NULL);
      *out = obj.type == TESS_VALUE_TUPLE ? tess_value_tuple_new (n) : tess_value_list_new (n);
      for (gint64 i = 0; i < n; i++)
        tess_list_append (tess_value_get_list (*out), tess_value_ref (l->items[first + i * step]));
      ok = TRUE;
    }
  else if (obj.type == TESS_VALUE_STRING)
    {
      TessString *s = tess_value_get_string (obj);
      gint64 len = tess_string_n_chars (s);
      n = adjust_slice (len, has_start, start, has_stop, stop, step, &first, NULL);
      if (tess_string_is_ascii (s))
        {
          if (step == 1)
            *out = tess_value_string_new (s->data + first, n);
          else
            {
              TessString *r = tess_string_alloc (n);
              for (gint64 i = 0; i < n; i++)
                r->data[i] = s->data[first + i * step];
              *out = tess_value_object (TESS_VALUE_STRING, r);
            }
        }
      else
        {
          g_autofree const char **chars = g_new (const char *, len + 1);
          GString *r = g_string_new (NULL);
          gint64 k = 0;
          for (const char *p = s->data; k < len; p = g_utf8_next_char (p))
            chars[k++] = p;
          chars[len] = s->data + s->len;
          for (gint64 i = 0; i < n; i++)
            {
              gint64 at = first + i * step;
              tess_gstring_append (r, chars[at], chars[at + 1] - chars[at]);
            }
          *out = tess_value_string_take_gstring (r);
        }
      /* Markup.__getitem__ keeps the result Markup */
      out->flags |= obj.flags & TESS_VALUE_FLAG_MARKUP;
      ok = TRUE;
    }
  else if (tess_value_is_object_kind (obj, TESS_OBJECT_RANGE))
    {
      /* Python slices a range into a range, with start and stop as slice.indices() gives
       * them: range(5)[::-1] is range(4, -1, -1). */
      TessRange *r = (TessRange *) obj.u.o, *sliced;
      gint64 last, new_start, new_stop, new_step;
      adjust_slice (tess_range_length (r), has_start, start, has_stop, stop, step, &first, &last);
      if (__builtin_mul_overflow (first, r->step, &new_start) ||
          __builtin_add_overflow (new_start, r->start, &new_start) ||
          __builtin_mul_overflow (last, r->step, &new_stop) ||
          __builtin_add_overflow (new_stop, r->start, &new_stop) ||
          __builtin_mul_overflow (step, r->step, &new_step))
        {
          overflow (ev, node);
          goto out;
        }
      sliced = tess_object_alloc (sizeof *sliced, TESS_OBJECT_RANGE, NULL);
      sliced->start = new_start;
      sliced->stop = new_stop;
      sliced->step = new_step;
      *out = tess_value_object (TESS_VALUE_OBJECT, sliced);
      ok = TRUE;
    }
  else
    {
      /* Jinja compiles a slice to a plain obj[a:b], so the TypeError is not caught */
      if (obj.type == TESS_VALUE_DICT)
        tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "unhashable type: 'slice'");
      else
        tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "'%s' object is not subscriptable",
                        tess_value_type_name (obj));
    }

out:
  tess_value_unref (obj);
  tess_value_unref (vstart);
  tess_value_unref (vstop);
  tess_value_unref (vstep);
  return ok;
}

/* Arithmetic */

static gboolean
int_value (TessValue v, gint64 *out)
{
  if (v.type == TESS_VALUE_INT)
    *out = v.u.i;
  else if (v.type == TESS_VALUE_BOOL)
    *out = v.u.b;
  else
    return FALSE;
  return TRUE;
}

static gboolean
overflow (TessEval *ev, TessNode *node)
{
  return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE,
                         "integer result does not fit in 64 bits");
}

static gboolean
unsupported (TessEval *ev, TessNode *node, const char *op, TessValue a, TessValue b)
{
  return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                         "unsupported operand type(s) for %s: '%s' and '%s'", op,
                         tess_value_type_name (a), tess_value_type_name (b));
}

static gboolean
repeat_sequence (TessEval *ev, TessNode *node, TessValue seq, gint64 times, TessValue *out)
{
  if (times < 0)
    times = 0;
  if (seq.type == TESS_VALUE_STRING)
    {
      TessString *s = tess_value_get_string (seq);
      TessString *r;
      if (s->len && times > 0 && (guint64) times > ev->limits.max_output / s->len)
        return tess_eval_check_size (ev, node, G_MAXSIZE);
      r = tess_string_alloc (s->len * times);
      if (times > 0 && s->len > 0)
        {
          /* copy what is already there, doubling each time */
          gsize total = s->len * times, done = s->len;
          memcpy (r->data, s->data, s->len);
          while (done < total)
            {
              gsize n = MIN (done, total - done);
              memcpy (r->data + done, r->data, n);
              done += n;
            }
        }
      *out = tess_value_object (TESS_VALUE_STRING, r);
      return TRUE;
    }
  else
    {
      TessList *l = tess_value_get_list (seq);
      TessValue result;
      guint64 visits = (guint64) l->len * (guint64) MIN (times, G_MAXUINT32);
      if (l->len && times > 0 && !tess_eval_tick (ev, node, visits))
        return FALSE;
      result = seq.type == TESS_VALUE_TUPLE ? tess_value_tuple_new (l->len * times)
                                            : tess_value_list_new (l->len * times);
      for (gint64 i = 0; i < times; i++)
        for (guint j = 0; j < l->len; j++)
          tess_list_append (tess_value_get_list (result), tess_value_ref (l->items[j]));
      *out = result;
      return TRUE;
    }
}

static double
py_fmod (double a, double b, double *floordiv)
{
  double mod = fmod (a, b);
  double div = (a - mod) / b;

  if (mod != 0.0)
    {
      if ((b < 0) != (mod < 0))
        {
          mod += b;
          div -= 1.0;
        }
    }
  else
    mod = copysign (0.0, b);
  if (div != 0.0)
    {
      double fl = floor (div);
      if (div - fl > 0.5)
        fl += 1.0;
      *floordiv = fl;
    }
  else
    *floordiv = copysign (0.0, a / b);
  return mod;
}

gboolean
tess_eval_binop (TessEval *ev, TessNode *node, TessOp op, TessValue a, TessValue b, TessValue *out)
{
  gint64 x, y, r;
  const char *sym = tess_op_to_string (op);

  if (a.type == TESS_VALUE_UNDEFINED && !(a.flags & TESS_VALUE_FLAG_LENIENT))
    return tess_eval_fail_undefined (ev, node, a);
  if (b.type == TESS_VALUE_UNDEFINED && !(b.flags & TESS_VALUE_FLAG_LENIENT))
    return tess_eval_fail_undefined (ev, node, b);
  if (a.type == TESS_VALUE_UNDEFINED || b.type == TESS_VALUE_UNDEFINED)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_UNDEFINED, "value is undefined");

  if (int_value (a, &x) && int_value (b, &y))
    {
      switch (op)
        {
        case OP_ADD:
          if (__builtin_add_overflow (x, y, &r))
            return overflow (ev, node);
          *out = tess_value_int (r);
          return TRUE;
        case OP_SUB:
          if (__builtin_sub_overflow (x, y, &r))
            return overflow (ev, node);
          *out = tess_value_int (r);
          return TRUE;
        case OP_MUL:
          if (__builtin_mul_overflow (x, y, &r))
            return overflow (ev, node);
          *out = tess_value_int (r);
          return TRUE;
        case OP_DIV:
          if (y == 0)
            return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE, "division by zero");
          *out = tess_value_float ((double) x / (double) y);
          return TRUE;
        case OP_FLOORDIV:
        case OP_MOD:
          if (y == 0)
            return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE,
                                   op == OP_MOD ? "integer modulo by zero"
                                                : "integer division or modulo by zero");
          if (x == G_MININT64 && y == -1)
            return overflow (ev, node);
          {
            gint64 q = x / y, m = x % y;
            if (m != 0 && ((m < 0) != (y < 0)))
              {
                q -= 1;
                m += y;
              }
            *out = tess_value_int (op == OP_MOD ? m : q);
          }
          return TRUE;
        case OP_POW:
          if (y < 0)
            {
              if (x == 0)
                return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE,
                                       "0.0 cannot be raised to a negative power");
              *out = tess_value_float (pow ((double) x, (double) y));
              return TRUE;
            }
          r = 1;
          {
            gint64 base = x;
            gint64 e = y;
            while (e > 0)
              {
                if (e & 1)
                  {
                    if (__builtin_mul_overflow (r, base, &r))
                      return overflow (ev, node);
                  }
                e >>= 1;
                if (e > 0 && __builtin_mul_overflow (base, base, &base))
                  return overflow (ev, node);
              }
          }
          *out = tess_value_int (r);
          return TRUE;
        default:
          break;
        }
    }

  if (tess_value_is_number (a) && tess_value_is_number (b))
    {
      double fx = tess_value_as_double (a), fy = tess_value_as_double (b), fd;
      switch (op)
        {
        case OP_ADD:
          *out = tess_value_float (fx + fy);
          return TRUE;
        case OP_SUB:
          *out = tess_value_float (fx - fy);
          return TRUE;
        case OP_MUL:
          *out = tess_value_float (fx * fy);
          return TRUE;
        case OP_DIV:
          if (fy == 0.0)
            return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE, "float division by zero");
          *out = tess_value_float (fx / fy);
          return TRUE;
        case OP_FLOORDIV:
        case OP_MOD:
          if (fy == 0.0)
            return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE,
                                   op == OP_MOD ? "float modulo" : "float floor division by zero");
          {
            double m = py_fmod (fx, fy, &fd);
            *out = tess_value_float (op == OP_MOD ? m : fd);
          }
          return TRUE;
        case OP_POW:
          if (fx == 0.0 && fy < 0)
            return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE,
                                   "0.0 cannot be raised to a negative power");
          if (fx < 0 && fy != floor (fy))
            return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE,
                                   "complex results are not supported");
          *out = tess_value_float (pow (fx, fy));
          if (isinf (out->u.f) && !isinf (fx) && !isinf (fy))
            return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_VALUE,
                                   "(34, 'Numerical result out of range')");
          return TRUE;
        default:
          break;
        }
    }

  if (op == OP_ADD && a.type == TESS_VALUE_STRING && b.type == TESS_VALUE_STRING &&
      (tess_value_is_markup (a) || tess_value_is_markup (b)))
    {
      /* Markup escapes a plain str added to either side; the result is Markup */
      TessValue ea = tess_value_is_markup (a) ? tess_value_ref (a)
                                              : tess_str_html_escape (tess_value_get_string (a));
      TessValue eb = tess_value_is_markup (b) ? tess_value_ref (b)
                                              : tess_str_html_escape (tess_value_get_string (b));
      gboolean ok;
      ea.flags = eb.flags = 0;
      ok = tess_eval_binop (ev, node, OP_ADD, ea, eb, out);
      tess_value_unref (ea);
      tess_value_unref (eb);
      if (ok)
        out->flags |= TESS_VALUE_FLAG_MARKUP;
      return ok;
    }

  if (op == OP_ADD)
    {
      if (a.type == TESS_VALUE_STRING && b.type == TESS_VALUE_STRING)
        {
          TessString *sa = tess_value_get_string (a), *sb = tess_value_get_string (b);
          TessString *r2;
          if (!tess_eval_check_size (ev, node, sa->len + sb->len))
            return FALSE;
          r2 = tess_string_alloc (sa->len + sb->len);
          memcpy (r2->data, sa->data, sa->len);
          memcpy (r2->data + sa->len, sb->data, sb->len);
          *out = tess_value_object (TESS_VALUE_STRING, r2);
          return TRUE;
        }
      if ((a.type == TESS_VALUE_LIST || a.type == TESS_VALUE_TUPLE) && a.type == b.type)
        {
          TessList *la = tess_value_get_list (a), *lb = tess_value_get_list (b);
          TessValue result = a.type == TESS_VALUE_TUPLE ? tess_value_tuple_new (la->len + lb->len)
                                                         : tess_value_list_new (la->len + lb->len);
          if (!tess_eval_tick (ev, node, la->len + lb->len))
            {
              tess_value_unref (result);
              return FALSE;
            }
          for (guint i = 0; i < la->len; i++)
            tess_list_append (tess_value_get_list (result), tess_value_ref (la->items[i]));
          for (guint i = 0; i < lb->len; i++)
            tess_list_append (tess_value_get_list (result), tess_value_ref (lb->items[i]));
          *out = result;
          return TRUE;
        }
      if (a.type == TESS_VALUE_STRING)
        return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                               "can only concatenate str (not \"%s\") to str",
                               tess_value_type_name (b));
      if (a.type == TESS_VALUE_LIST || a.type == TESS_VALUE_TUPLE)
        return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                               "can only concatenate %s (not \"%s\") to %s",
                               tess_value_type_name (a), tess_value_type_name (b),
                               tess_value_type_name (a));
    }

  if (op == OP_MUL)
    {
      gboolean a_seq = a.type == TESS_VALUE_STRING || a.type == TESS_VALUE_LIST ||
                       a.type == TESS_VALUE_TUPLE;
      gboolean b_seq = b.type == TESS_VALUE_STRING || b.type == TESS_VALUE_LIST ||
                       b.type == TESS_VALUE_TUPLE;
      if (a_seq && int_value (b, &y))
        {
          if (!repeat_sequence (ev, node, a, y, out))
            return FALSE;
          out->flags |= a.flags & TESS_VALUE_FLAG_MARKUP;
          return TRUE;
        }
      if (b_seq && int_value (a, &x))
        {
          if (!repeat_sequence (ev, node, b, x, out))
            return FALSE;
          out->flags |= b.flags & TESS_VALUE_FLAG_MARKUP;
          return TRUE;
        }
      if (a_seq || b_seq)
        return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                               "can't multiply sequence by non-int of type '%s'",
                               tess_value_type_name (a_seq ? b : a));
    }

  if (op == OP_MOD && a.type == TESS_VALUE_STRING)
    return tess_builtins_percent_format (ev, node, a, b, out);

  if (op == OP_POW)
    sym = "** or pow()";
  return unsupported (ev, node, sym, a, b);
}

static gboolean
eval_unary (TessEval *ev, TessNode *node, TessValue *out)
{
  TessValue v;
  gboolean ok = TRUE;

  if (!tess_eval_expr (ev, node->a, &v))
    return FALSE;

  if (node->op == OP_NOT)
    {
      gboolean t;
      ok = tess_eval_truthy (ev, node, v, &t);
      *out = tess_value_bool (!t);
    }
  else if (v.type == TESS_VALUE_INT || v.type == TESS_VALUE_BOOL)
    {
      gint64 x = v.type == TESS_VALUE_INT ? v.u.i : v.u.b;
      if (node->op == OP_NEG && x == G_MININT64)
        ok = overflow (ev, node);
      else
        *out = tess_value_int (node->op == OP_NEG ? -x : x);
    }
  else if (v.type == TESS_VALUE_FLOAT)
    *out = tess_value_float (node->op == OP_NEG ? -v.u.f : v.u.f);
  else if (v.type == TESS_VALUE_UNDEFINED && !(v.flags & TESS_VALUE_FLAG_LENIENT))
    ok = tess_eval_fail_undefined (ev, node, v);
  else
    ok = tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "bad operand type for unary %s: '%s'",
                         node->op == OP_NEG ? "-" : "+", tess_value_type_name (v));
  tess_value_unref (v);
  return ok;
}

/* Comparisons */

static gboolean equal_checked (TessEval *ev, TessNode *node, TessValue a, TessValue b,
                               gboolean *out, guint depth);

static gboolean
contains (TessEval *ev, TessNode *node, TessValue container, TessValue item, gboolean *out)
{
  switch (container.type)
    {
    case TESS_VALUE_STRING:
      if (item.type != TESS_VALUE_STRING)
        {
          if (item.type == TESS_VALUE_UNDEFINED)
            return tess_eval_fail_undefined (ev, node, item);
          return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                                 "'in <string>' requires string as left operand, not %s",
                                 tess_value_type_name (item));
        }
      {
        TessString *h = tess_value_get_string (container), *n = tess_value_get_string (item);
        *out = n->len == 0 ||
               (n->len <= h->len && tess_memmem (h->data, h->len, n->data, n->len) != NULL);
      }
      return TRUE;

    case TESS_VALUE_LIST:
    case TESS_VALUE_TUPLE:
      {
        TessList *l = tess_value_get_list (container);
        *out = FALSE;
        if (l->len && item.type == TESS_VALUE_UNDEFINED)
          return tess_eval_fail_undefined (ev, node, item);
        if (!tess_eval_tick (ev, node, l->len))
          return FALSE;
        for (guint i = 0; i < l->len; i++)
          {
            /* comparing with an undefined element raises, as Undefined.__eq__ does */
            if (l->items[i].type == TESS_VALUE_UNDEFINED
                && !(l->items[i].flags & TESS_VALUE_FLAG_LENIENT))
              return tess_eval_fail_undefined (ev, node, l->items[i]);
            gboolean eq;
            if (!equal_checked (ev, node, l->items[i], item, &eq, 0))
              return FALSE;
            if (eq)
              {
                *out = TRUE;
                break;
              }
          }
        return TRUE;
      }

    case TESS_VALUE_DICT:
      if (item.type == TESS_VALUE_UNDEFINED)
        return tess_eval_fail_undefined (ev, node, item);
      if (!tess_value_hashable (item))
        return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "unhashable type: '%s'",
                               tess_value_type_name (item));
      *out = tess_dict_lookup (tess_value_get_dict (container), item, NULL);
      return TRUE;

    case TESS_VALUE_UNDEFINED:
      return tess_eval_fail_undefined (ev, node, container);

    case TESS_VALUE_OBJECT:
      if (container.u.o->kind == TESS_OBJECT_RANGE)
        {
          TessRange *r = (TessRange *) container.u.o;
          gint64 x;
          *out = FALSE;
          if (int_value (item, &x) ||
              (item.type == TESS_VALUE_FLOAT && item.u.f == floor (item.u.f) &&
                                       fabs (item.u.f) < 9e18 && (x = (gint64) item.u.f, TRUE)))
            {
              gint64 n = tess_range_length (r);
              if (n > 0 && (x - r->start) % r->step == 0)
                {
                  gint64 k = (x - r->start) / r->step;
                  *out = k >= 0 && k < n;
                }
            }
          return TRUE;
        }
      if (container.u.o->kind == TESS_OBJECT_FAILING_ITERATOR)
        return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "%s",
                               ((TessFailingIterator *) container.u.o)->message);
      break;

    case TESS_VALUE_NONE:
    case TESS_VALUE_BOOL:
    case TESS_VALUE_INT:
    case TESS_VALUE_FLOAT:
    default:
      break;
    }
  return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                         "argument of type '%s' is not iterable",
                         tess_value_type_name (container));
}

/* Python's == where comparing with an undefined value (even deep in a list or dict) raises,
 * and comparison stops at the first difference as in CPython. */
static gboolean
equal_checked (TessEval *ev, TessNode *node, TessValue a, TessValue b, gboolean *out, guint depth)
{
  if ((a.type == TESS_VALUE_UNDEFINED && !(a.flags & TESS_VALUE_FLAG_LENIENT)))
    return tess_eval_fail_undefined (ev, node, a);
  if ((b.type == TESS_VALUE_UNDEFINED && !(b.flags & TESS_VALUE_FLAG_LENIENT)))
    return tess_eval_fail_undefined (ev, node, b);
  if (depth > 500)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_LIMIT, "comparison nested too deeply");

  if ((a.type == TESS_VALUE_LIST || a.type == TESS_VALUE_TUPLE) && a.type == b.type)
    {
      TessList *la = tess_value_get_list (a), *lb = tess_value_get_list (b);
      *out = la->len == lb->len;
      for (guint i = 0; *out && i < la->len; i++)
        if (!equal_checked (ev, node, la->items[i], lb->items[i], out, depth + 1))
          return FALSE;
      return TRUE;
    }
  if (a.type == TESS_VALUE_DICT && b.type == TESS_VALUE_DICT)
    {
      TessDict *da = tess_value_get_dict (a), *db = tess_value_get_dict (b);
      *out = da->n_live == db->n_live;
      if (!*out)
        return TRUE;
      TESS_DICT_FOREACH (da, e)
        {
          TessValue other;
          if (!tess_dict_lookup (db, e->key, &other))
            {
              *out = FALSE;
              return TRUE;
            }
          if (!equal_checked (ev, node, e->value, other, out, depth + 1))
            return FALSE;
          if (!*out)
            return TRUE;
        }
      return TRUE;
    }
  if (a.type == TESS_VALUE_UNDEFINED || b.type == TESS_VALUE_UNDEFINED)
    *out = a.type == b.type;
  else
    *out = tess_value_equal (a, b);
  return TRUE;
}

gboolean
tess_eval_compare_op (TessEval *ev, TessNode *node, TessOp op, TessValue a, TessValue b,
                      gboolean *out)
{
  int c;

  if (op == OP_IN || op == OP_NOTIN)
    {
      if (!contains (ev, node, b, a, out))
        return FALSE;
      if (op == OP_NOTIN)
        *out = !*out;
      return TRUE;
    }

  if (a.type == TESS_VALUE_UNDEFINED && !(a.flags & TESS_VALUE_FLAG_LENIENT))
    return tess_eval_fail_undefined (ev, node, a);
  if (b.type == TESS_VALUE_UNDEFINED && !(b.flags & TESS_VALUE_FLAG_LENIENT))
    return tess_eval_fail_undefined (ev, node, b);

  if (op == OP_EQ || op == OP_NE)
    {
      gboolean eq;
      if (!equal_checked (ev, node, a, b, &eq, 0))
        return FALSE;
      *out = op == OP_EQ ? eq : !eq;
      return TRUE;
    }

  if (!tess_value_compare (a, b, &c))
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                           "'%s' not supported between instances of '%s' and '%s'",
                           tess_op_to_string (op), tess_value_type_name (a),
                           tess_value_type_name (b));
  switch (op)
    {
    case OP_LT:
      *out = c < 0;
      break;
    case OP_LTEQ:
      *out = c <= 0;
      break;
    case OP_GT:
      *out = c > 0;
      break;
    case OP_GTEQ:
      *out = c >= 0;
      break;
    default:
      *out = FALSE;
      break;
    }
  return TRUE;
}

static gboolean
eval_compare (TessEval *ev, TessNode *node, TessValue *out)
{
  TessValue left, right;
  gboolean result = TRUE;

  if (!tess_eval_expr (ev, node->a, &left))
    return FALSE;
  for (guint i = 0; i < node->n_items; i++)
    {
      if (!tess_eval_expr (ev, node->items[i], &right))
        {
          tess_value_unref (left);
          return FALSE;
        }
      if (!tess_eval_compare_op (ev, node->items[i], (TessOp) node->names[i], left, right, &result))
        {
          tess_value_unref (left);
          tess_value_unref (right);
          return FALSE;
        }
      tess_value_unref (left);
      left = right;
      if (!result)
        break;
    }
  tess_value_unref (left);
  *out = tess_value_bool (result);
  return TRUE;
}

/* Calls */

#define MAX_INLINE_ARGS 8

typedef struct
{
  TessArgs  args;
  TessValue pos_inline[MAX_INLINE_ARGS];
  TessValue kw_inline[MAX_INLINE_ARGS];
  GQuark    kwn_inline[MAX_INLINE_ARGS];
  GArray   *pos_heap;
  GArray   *kw_heap;
  GArray   *kwn_heap;
} ArgBuffer;

static void
arg_buffer_clear (ArgBuffer *buf)
{
  for (guint i = 0; i < buf->args.n_pos; i++)
    tess_value_unref (buf->args.pos[i]);
  for (guint i = 0; i < buf->args.n_kw; i++)
    tess_value_unref (buf->args.kw_values[i]);
  if (buf->pos_heap)
    g_array_unref (buf->pos_heap);
  if (buf->kw_heap)
    g_array_unref (buf->kw_heap);
  if (buf->kwn_heap)
    g_array_unref (buf->kwn_heap);
}

static void
arg_push_pos (ArgBuffer *buf, TessValue v)
{
  if (buf->pos_heap == NULL && buf->args.n_pos < MAX_INLINE_ARGS)
    {
      buf->pos_inline[buf->args.n_pos++] = v;
      buf->args.pos = buf->pos_inline;
      return;
    }
  if (buf->pos_heap == NULL)
    {
      buf->pos_heap = g_array_new (FALSE, FALSE, sizeof (TessValue));
      g_array_append_vals (buf->pos_heap, buf->pos_inline, buf->args.n_pos);
    }
  g_array_append_val (buf->pos_heap, v);
  buf->args.pos = (TessValue *) buf->pos_heap->data;
  buf->args.n_pos++;
}

static void
arg_push_kw (ArgBuffer *buf, GQuark name, TessValue v)
{
  /* A later keyword with the same name is a Python error; keep the first, drop the rest. */
  for (guint i = 0; i < buf->args.n_kw; i++)
    if (buf->args.kw_names[i] == name)
      {
        tess_value_unref (v);
        return;
      }
  if (buf->kw_heap == NULL && buf->args.n_kw < MAX_INLINE_ARGS)
    {
      buf->kw_inline[buf->args.n_kw] = v;
      buf->kwn_inline[buf->args.n_kw] = name;
      buf->args.n_kw++;
      buf->args.kw_values = buf->kw_inline;
      buf->args.kw_names = buf->kwn_inline;
      return;
    }
  if (buf->kw_heap == NULL)
    {
      buf->kw_heap = g_array_new (FALSE, FALSE, sizeof (TessValue));
      buf->kwn_heap = g_array_new (FALSE, FALSE, sizeof (GQuark));
      g_array_append_vals (buf->kw_heap, buf->kw_inline, buf->args.n_kw);
      g_array_append_vals (buf->kwn_heap, buf->kwn_inline, buf->args.n_kw);
    }
  g_array_append_val (buf->kw_heap, v);
  g_array_append_val (buf->kwn_heap, name);
  buf->args.kw_values = (TessValue *) buf->kw_heap->data;
  buf->args.kw_names = (GQuark *) buf->kwn_heap->data;
  buf->args.n_kw++;
}

static gboolean
eval_args (TessEval *ev, TessNode *node, ArgBuffer *buf)
{
  memset (buf, 0, sizeof *buf);
  for (guint i = 0; i < node->n_items; i++)
    {
      TessValue v;
      if (!tess_eval_expr (ev, node->items[i], &v))
        return FALSE;
      arg_push_pos (buf, v);
    }
  if (node->dyn_args)
    {
      TessValue v, list;
      if (!tess_eval_expr (ev, node->dyn_args, &v))
        return FALSE;
      if (!tess_eval_to_list (ev, node->dyn_args, v, &list))
        {
          tess_value_unref (v);
          return FALSE;
        }
      tess_value_unref (v);
      for (guint i = 0; i < tess_value_get_list (list)->len; i++)
        arg_push_pos (buf, tess_value_ref (tess_value_get_list (list)->items[i]));
      tess_value_unref (list);
    }
  for (guint i = 0; i < node->n_items2; i++)
    {
      TessValue v;
      if (!tess_eval_expr (ev, node->items2[i], &v))
        return FALSE;
      arg_push_kw (buf, node->names[i], v);
    }
  if (node->dyn_kwargs)
    {
      TessValue v;
      if (!tess_eval_expr (ev, node->dyn_kwargs, &v))
        return FALSE;
      if (v.type != TESS_VALUE_DICT)
        {
          tess_value_unref (v);
          return tess_eval_fail (ev, node->dyn_kwargs, TESS_TEMPLATE_ERROR_TYPE,
                                 "argument after ** must be a mapping");
        }
      TESS_DICT_FOREACH (tess_value_get_dict (v), e)
        {
          if (e->key.type != TESS_VALUE_STRING)
            {
              tess_value_unref (v);
              return tess_eval_fail (ev, node->dyn_kwargs, TESS_TEMPLATE_ERROR_TYPE,
                                     "keywords must be strings");
            }
          arg_push_kw (buf, g_quark_from_string (tess_value_get_string (e->key)->data),
                       tess_value_ref (e->value));
        }
      tess_value_unref (v);
    }
  return TRUE;
}

gboolean
tess_args_get (TessArgs *args, guint position, const char *name, TessValue *out)
{
  if (position < args->n_pos)
    {
      *out = args->pos[position];
      return TRUE;
    }
  if (name != NULL)
    {
      GQuark q = g_quark_try_string (name);
      for (guint i = 0; q && i < args->n_kw; i++)
        if (args->kw_names[i] == q)
          {
            if (i < 32)
              args->kw_used |= 1u << i;
            *out = args->kw_values[i];
            return TRUE;
          }
    }
  return FALSE;
}

gboolean
tess_args_check_done (TessEval *ev, TessNode *node, TessArgs *args, guint max_positional,
                      const char *func_name)
{
  if (args->n_pos > max_positional)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                           "%s() takes at most %u positional arguments (%u given)", func_name,
                           max_positional, args->n_pos);
  for (guint i = 0; i < args->n_kw && i < 32; i++)
    if (!(args->kw_used & (1u << i)))
      return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                             "%s() got an unexpected keyword argument '%s'", func_name,
                             g_quark_to_string (args->kw_names[i]));
  return TRUE;
}

static gboolean call_macro (TessEval *ev, TessNode *node, TessMacro *macro, TessArgs *args,
                            TessValue *out);
static gboolean call_loop (TessEval *ev, TessNode *node, TessLoop *loop, TessArgs *args,
                           TessValue *out);

gboolean
tess_eval_call (TessEval *ev, TessNode *node, TessValue callee, TessArgs *args, TessValue *out)
{
  if (callee.type == TESS_VALUE_UNDEFINED)
    return tess_eval_fail_undefined (ev, node, callee);
  if (callee.type == TESS_VALUE_OBJECT)
    {
      if (callee.u.o->kind == TESS_OBJECT_FUNCTION)
        {
          TessFunction *fn = (TessFunction *) callee.u.o;
          args->kw_used = 0;
          return fn->func (ev, node, fn->self, args, out);
        }
      if (callee.u.o->kind == TESS_OBJECT_MACRO)
        return call_macro (ev, node, (TessMacro *) callee.u.o, args, out);
      if (callee.u.o->kind == TESS_OBJECT_LOOP)
        return call_loop (ev, node, (TessLoop *) callee.u.o, args, out);
    }
  return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "'%s' object is not callable",
                         tess_value_type_name (callee));
}

static gboolean
eval_call (TessEval *ev, TessNode *node, TessValue *out)
{
  TessValue callee;
  ArgBuffer buf;
  gboolean ok;

  if (!tess_eval_expr (ev, node->a, &callee))
    return FALSE;
  if (callee.type == TESS_VALUE_UNDEFINED)
    {
      ok = tess_eval_fail_undefined (ev, node, callee);
      tess_value_unref (callee);
      return ok;
    }
  ok = eval_args (ev, node, &buf) && tess_eval_call (ev, node, callee, &buf.args, out);
  arg_buffer_clear (&buf);
  tess_value_unref (callee);
  return ok;
}

gboolean
tess_eval_apply_filter (TessEval *ev, TessNode *node, const char *name, TessValue operand,
                        TessArgs *args, TessValue *out)
{
  TessFilterFunc func = tess_builtins_lookup_filter (name);

  if (func == NULL)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "No filter named '%s'.", name);
  args->kw_used = 0;
  return func (ev, node, operand, args, out);
}

gboolean
tess_eval_apply_test (TessEval *ev, TessNode *node, const char *name, TessValue operand,
                      TessArgs *args, gboolean *out)
{
  TessTestFunc func = tess_builtins_lookup_test (name);

  if (func == NULL)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "No test named '%s'.", name);
  args->kw_used = 0;
  return func (ev, node, operand, args, out);
}

static gboolean
eval_filter_with_operand (TessEval *ev, TessNode *node, TessValue operand, TessValue *out)
{
  ArgBuffer buf;
  gboolean ok;

  if (node->impl == NULL)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "No filter named '%s' found.",
                           g_quark_to_string (node->name));
  ok = eval_args (ev, node, &buf);
  if (ok)
    {
      buf.args.kw_used = 0;
      ok = ((TessFilterFunc) node->impl) (ev, node, operand, &buf.args, out);
    }
  arg_buffer_clear (&buf);
  return ok;
}

static gboolean
eval_filter (TessEval *ev, TessNode *node, TessValue *out)
{
  TessValue operand;
  gboolean ok;

  if (!tess_eval_expr (ev, node->a, &operand))
    return FALSE;
  ok = eval_filter_with_operand (ev, node, operand, out);
  tess_value_unref (operand);
  return ok;
}

static gboolean
eval_test (TessEval *ev, TessNode *node, TessValue *out)
{
  TessValue operand;
  ArgBuffer buf;
  gboolean ok, result = FALSE;

  if (node->impl == NULL)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "No test named '%s' found.",
                           g_quark_to_string (node->name));
  if (!tess_eval_expr (ev, node->a, &operand))
    return FALSE;
  ok = eval_args (ev, node, &buf);
  if (ok)
    {
      buf.args.kw_used = 0;
      ok = ((TessTestFunc) node->impl) (ev, node, operand, &buf.args, &result);
    }
  arg_buffer_clear (&buf);
  tess_value_unref (operand);
  *out = tess_value_bool (node->flag ? !result : result);
  return ok;
}

/* Expressions */

static gboolean
eval_sequence (TessEval *ev, TessNode *node, TessValue *out)
{
  TessValue seq = node->kind == NODE_TUPLE ? tess_value_tuple_new (node->n_items)
                                           : tess_value_list_new (node->n_items);

  for (guint i = 0; i < node->n_items; i++)
    {
      TessValue v;
      if (!tess_eval_expr (ev, node->items[i], &v))
        {
          tess_value_unref (seq);
          return FALSE;
        }
      tess_list_append (tess_value_get_list (seq), v);
    }
  *out = seq;
  return TRUE;
}

static gboolean
eval_dict (TessEval *ev, TessNode *node, TessValue *out)
{
  TessValue dict = tess_value_dict_new ();

  for (guint i = 0; i < node->n_items; i++)
    {
      TessValue k, v;
      if (!tess_eval_expr (ev, node->items[i], &k))
        {
          tess_value_unref (dict);
          return FALSE;
        }
      if (!tess_value_hashable (k))
        {
          if (k.type == TESS_VALUE_UNDEFINED)
            tess_eval_fail_undefined (ev, node->items[i], k);
          else
            tess_eval_fail (ev, node->items[i], TESS_TEMPLATE_ERROR_TYPE, "unhashable type: '%s'",
                            tess_value_type_name (k));
          tess_value_unref (k);
          tess_value_unref (dict);
          return FALSE;
        }
      if (!tess_eval_expr (ev, node->items2[i], &v))
        {
          tess_value_unref (k);
          tess_value_unref (dict);
          return FALSE;
        }
      tess_dict_set (tess_value_get_dict (dict), k, v);
    }
  *out = dict;
  return TRUE;
}

/* `-2 ** x` where the parser found that Python reads Jinja's output as -(2 ** x): a is the
 * folded negative constant. */
static gboolean
eval_negated_pow (TessEval *ev, TessNode *node, TessValue a, TessValue b, TessValue *out)
{
  TessValue magnitude, power;

  if (a.type == TESS_VALUE_INT)
    {
      if (a.u.i == G_MININT64)
        return overflow (ev, node);
      magnitude = tess_value_int (-a.u.i);
    }
  else
    magnitude = tess_value_float (-a.u.f);
  if (!tess_eval_binop (ev, node, OP_POW, magnitude, b, &power))
    return FALSE;
  /* a number to a number power is an int or a float */
  if (power.type == TESS_VALUE_INT)
    *out = tess_value_int (-power.u.i);
  else
    *out = tess_value_float (-power.u.f);
  return TRUE;
}

static gboolean
eval_binop (TessEval *ev, TessNode *node, TessValue *out)
{
  TessValue a, b;
  gboolean ok;

  if (!tess_eval_expr (ev, node->a, &a))
    return FALSE;

  if (node->op == OP_AND || node->op == OP_OR)
    {
      gboolean t;
      if (!tess_eval_truthy (ev, node->a, a, &t))
        {
          tess_value_unref (a);
          return FALSE;
        }
      if ((node->op == OP_AND && !t) || (node->op == OP_OR && t))
        {
          *out = a;
          return TRUE;
        }
      tess_value_unref (a);
      return tess_eval_expr (ev, node->b, out);
    }

  if (!tess_eval_expr (ev, node->b, &b))
    {
      tess_value_unref (a);
      return FALSE;
    }

  if (node->op == OP_TILDE)
    {
      GString *s = g_string_new (NULL);
      ok = tess_eval_to_string (ev, node->a, a, s) && tess_eval_to_string (ev, node->b, b, s) &&
           tess_eval_check_size (ev, node, s->len);
      if (ok)
        *out = tess_value_string_take_gstring (s);
      else
        g_string_free (s, TRUE);
    }
  else if (node->op == OP_POW && node->flag)
    ok = eval_negated_pow (ev, node, a, b, out);
  else
    ok = tess_eval_binop (ev, node, node->op, a, b, out);
  tess_value_unref (a);
  tess_value_unref (b);
  return ok;
}

static gboolean
work_exceeded (TessEval *ev, TessNode *node)
{
  return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_LIMIT,
                         "work limit exceeded: the template built more than %" G_GUINT64_FORMAT
                         " bytes of strings and lists", ev->work_limit);
}

gboolean
tess_eval_expr (TessEval *ev, TessNode *node, TessValue *out)
{
  if (G_UNLIKELY (tess_value_work > ev->work_limit))
    return work_exceeded (ev, node);

  switch ((TessNodeKind) node->kind)
    {
    case NODE_CONST:
      *out = tess_value_ref (node->value);
      return TRUE;

    case NODE_NAME:
      return lookup_name (ev, node, out);

    case NODE_GETATTR:
      {
        TessValue obj;
        gboolean ok;
        if (!tess_eval_expr (ev, node->a, &obj))
          return FALSE;
        /* A dict's attributes are its methods; other names go straight to its items. */
        if (obj.type == TESS_VALUE_DICT && !(node->op & TESS_METHOD_OF_DICT) &&
            tess_dict_lookup (tess_value_get_dict (obj), node->value, out))
          {
            *out = tess_value_ref (*out);
            tess_value_unref (obj);
            return TRUE;
          }
        ok = tess_eval_getattr (ev, node, obj, node->value, out);
        tess_value_unref (obj);
        return ok;
      }

    case NODE_GETITEM:
      {
        TessValue obj, key;
        gboolean ok;
        if (!tess_eval_expr (ev, node->a, &obj))
          return FALSE;
        if (!tess_eval_expr (ev, node->b, &key))
          {
            tess_value_unref (obj);
            return FALSE;
          }
        ok = tess_eval_getitem (ev, node, obj, key, out);
        tess_value_unref (obj);
        tess_value_unref (key);
        return ok;
      }

    case NODE_SLICE:
      return eval_slice (ev, node, out);

    case NODE_TUPLE:
    case NODE_LIST:
      return eval_sequence (ev, node, out);

    case NODE_DICT:
      return eval_dict (ev, node, out);

    case NODE_CALL:
      return eval_call (ev, node, out);

    case NODE_FILTER:
      return eval_filter (ev, node, out);

    case NODE_TEST:
      return eval_test (ev, node, out);

    case NODE_BINOP:
      return eval_binop (ev, node, out);

    case NODE_UNARY:
      return eval_unary (ev, node, out);

    case NODE_COMPARE:
      return eval_compare (ev, node, out);

    case NODE_CONDEXPR:
      {
        TessValue test;
        gboolean t, ok;
        if (!tess_eval_expr (ev, node->a, &test))
          return FALSE;
        ok = tess_eval_truthy (ev, node->a, test, &t);
        tess_value_unref (test);
        if (!ok)
          return FALSE;
        if (t)
          return tess_eval_expr (ev, node->b, out);
        if (node->c)
          return tess_eval_expr (ev, node->c, out);
        *out = tess_value_undefined ("the inline if-expression evaluated to false and no else "
                                     "section was defined.");
        out->flags |= TESS_VALUE_FLAG_LENIENT;
        return TRUE;
      }

    case NODE_BODY:
    case NODE_TEXT:
    case NODE_OUTPUT:
    case NODE_IF:
    case NODE_FOR:
    case NODE_SET:
    case NODE_SET_BLOCK:
    case NODE_WITH:
    case NODE_MACRO:
    case NODE_CALL_BLOCK:
    case NODE_FILTER_BLOCK:
    case NODE_NSREF:
    default:
      return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_SYNTAX, "not an expression");
    }
}

/* Statements */

static gboolean render_body (TessEval *ev, TessNode *body);

static gboolean
assign (TessEval *ev, TessNode *target, TessValue value)
{
  if (target->kind == NODE_NAME)
    {
      tess_eval_set_var (ev, target->name, value);
      return TRUE;
    }
  if (target->kind == NODE_NSREF)
    {
      TessValue ns;
      if (!lookup_var (ev, target->name, g_quark_to_string (target->name),
                       strlen (g_quark_to_string (target->name)), &ns) ||
          !tess_value_is_object_kind (ns, TESS_OBJECT_NAMESPACE))
        {
          tess_value_unref (value);
          return tess_eval_fail (ev, target, TESS_TEMPLATE_ERROR_TYPE,
                                 "cannot assign attribute on non-namespace object");
        }
      tess_builtins_namespace_set (ns, tess_value_ref (target->value), value);
      return TRUE;
    }
  if (target->kind == NODE_TUPLE)
    {
      TessValue list;
      TessList *l;
      gboolean ok = TRUE;

      if (value.type == TESS_VALUE_UNDEFINED)
        {
          ok = tess_eval_fail_undefined (ev, target, value);
          tess_value_unref (value);
          return ok;
        }
      if (!tess_eval_to_list (ev, target, value, &list))
        {
          tess_value_unref (value);
          return FALSE;
        }
      tess_value_unref (value);
      l = tess_value_get_list (list);
      if (l->len > target->n_items)
        ok = tess_eval_fail (ev, target, TESS_TEMPLATE_ERROR_VALUE,
                             "too many values to unpack (expected %u)", target->n_items);
      else if (l->len < target->n_items)
        ok = tess_eval_fail (ev, target, TESS_TEMPLATE_ERROR_VALUE,
                             "not enough values to unpack (expected %u, got %u)", target->n_items,
                             l->len);
      for (guint i = 0; ok && i < target->n_items; i++)
        ok = assign (ev, target->items[i], tess_value_ref (l->items[i]));
      tess_value_unref (list);
      return ok;
    }
  tess_value_unref (value);
  return tess_eval_fail (ev, target, TESS_TEMPLATE_ERROR_SYNTAX, "can't assign to this expression");
}

/* The loop object */

static void
loop_finalize (TessObject *object)
{
  TessLoop *loop = (TessLoop *) object;

  tess_value_unref (loop->items);
  tess_value_unref (loop->last_changed);
}

static gboolean
loop_cycle (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out)
{
  TessLoop *loop = (TessLoop *) self.u.o;

  if (args->n_pos == 0)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "no items for cycling given");
  *out = tess_value_ref (args->pos[loop->index0 % args->n_pos]);
  return TRUE;
}

static gboolean
loop_changed (TessEval *ev, TessNode *node, TessValue self, TessArgs *args, TessValue *out)
{
  TessLoop *loop = (TessLoop *) self.u.o;
  TessValue current = tess_value_tuple_new (args->n_pos);

  for (guint i = 0; i < args->n_pos; i++)
    tess_list_append (tess_value_get_list (current), tess_value_ref (args->pos[i]));
  if (loop->has_changed && tess_value_equal (loop->last_changed, current))
    {
      tess_value_unref (current);
      *out = tess_value_bool (FALSE);
      return TRUE;
    }
  tess_value_unref (loop->last_changed);
  loop->last_changed = current;
  loop->has_changed = TRUE;
  *out = tess_value_bool (TRUE);
  return TRUE;
}

gboolean
tess_loop_getattr (TessEval *ev, TessValue self, const char *attr, TessValue *out)
{
  TessLoop *loop = (TessLoop *) self.u.o;
  TessList *items = tess_value_get_list (loop->items);
  gint64 length = items->len;

  if (g_str_equal (attr, "index"))
    *out = tess_value_int (loop->index0 + 1);
  else if (g_str_equal (attr, "index0"))
    *out = tess_value_int (loop->index0);
  else if (g_str_equal (attr, "revindex"))
    *out = tess_value_int (length - loop->index0);
  else if (g_str_equal (attr, "revindex0"))
    *out = tess_value_int (length - loop->index0 - 1);
  else if (g_str_equal (attr, "first"))
    *out = tess_value_bool (loop->index0 == 0);
  else if (g_str_equal (attr, "last"))
    *out = tess_value_bool (loop->index0 == length - 1);
  else if (g_str_equal (attr, "length"))
    *out = tess_value_int (length);
  else if (g_str_equal (attr, "depth"))
    *out = tess_value_int (loop->depth);
  else if (g_str_equal (attr, "depth0"))
    *out = tess_value_int (loop->depth - 1);
  else if (g_str_equal (attr, "previtem"))
    *out = loop->index0 > 0 ? tess_value_ref (items->items[loop->index0 - 1])
                            : tess_value_undefined ("there is no previous item");
  else if (g_str_equal (attr, "nextitem"))
    *out = loop->index0 + 1 < length ? tess_value_ref (items->items[loop->index0 + 1])
                                     : tess_value_undefined ("there is no next item");
  else if (g_str_equal (attr, "cycle"))
    *out = tess_function_new (loop_cycle, self, "cycle");
  else if (g_str_equal (attr, "changed"))
    *out = tess_function_new (loop_changed, self, "changed");
  else
    return FALSE;
  return TRUE;
}

/* Renders the loop over iterable (borrowed) at the given depth into ev->out. */
static gboolean
render_for_iterable (TessEval *ev, TessNode *node, TessValue iterable, gint64 depth)
{
  static GQuark loop_quark;
  TessValue list;
  TessLoop *loop = NULL;
  TessList *items;
  gboolean ok = TRUE;

  if (G_UNLIKELY (loop_quark == 0))
    loop_quark = g_quark_from_static_string ("loop");

  if (!tess_eval_to_list (ev, node->b, iterable, &list))
    return FALSE;

  /* The `if` filter runs first: loop.length and loop.last count only kept items. */
  if (node->d != NULL)
    {
      TessList *all = tess_value_get_list (list);
      TessValue kept = tess_value_list_new (all->len);
      push_frame (ev, FALSE);
      for (guint i = 0; ok && i < all->len; i++)
        {
          TessValue test;
          gboolean t = FALSE;
          truncate_slots (ev, ev->frames[ev->n_frames - 1].base);
          ok = tess_eval_tick (ev, node, 1) &&
               assign (ev, node->a, tess_value_ref (all->items[i])) &&
               tess_eval_expr (ev, node->d, &test);
          if (ok)
            {
              ok = tess_eval_truthy (ev, node->d, test, &t);
              tess_value_unref (test);
            }
          if (ok && t)
            tess_list_append (tess_value_get_list (kept), tess_value_ref (all->items[i]));
        }
      pop_frame (ev);
      tess_value_unref (list);
      list = kept;
      if (!ok)
        {
          tess_value_unref (list);
          return FALSE;
        }
    }

  items = tess_value_get_list (list);
  if (items->len == 0)
    {
      tess_value_unref (list);
      if (node->c)
        {
          /* the else block is a scope of its own, as in Jinja */
          push_frame (ev, FALSE);
          predeclare (ev, node->c);
          ok = render_body (ev, node->c);
          pop_frame (ev);
        }
      return ok;
    }

  push_frame (ev, FALSE);
  for (guint i = 0; ok && i < items->len; i++)
    {
      truncate_slots (ev, ev->frames[ev->n_frames - 1].base);
      if (loop == NULL || loop->hdr.ref_count > 1)
        {
          /* Somebody kept the previous loop object: give this iteration its own. */
          if (loop)
            tess_object_free_ref (&loop->hdr);
          loop = tess_object_alloc (sizeof *loop, TESS_OBJECT_LOOP, loop_finalize);
          loop->items = tess_value_ref (list);
          loop->last_changed = tess_value_none ();
          loop->node = node;
          loop->depth = depth;
        }
      loop->index0 = i;
      predeclare (ev, node->items[0]);
      ok = tess_eval_tick (ev, node, 1) && assign (ev, node->a, tess_value_ref (items->items[i]));
      if (!ok)
        break;
      loop->hdr.ref_count++;
      tess_eval_set_var (ev, loop_quark, tess_value_object (TESS_VALUE_OBJECT, loop));
      ok = render_body (ev, node->items[0]);
    }
  pop_frame (ev);
  if (loop)
    tess_object_free_ref (&loop->hdr);
  tess_value_unref (list);
  return ok;
}

static gboolean
render_for (TessEval *ev, TessNode *node)
{
  TessValue iterable;
  gboolean ok;

  if (!tess_eval_expr (ev, node->b, &iterable))
    return FALSE;
  ok = render_for_iterable (ev, node, iterable, 1);
  tess_value_unref (iterable);
  return ok;
}

/* loop(items) in a `recursive` loop: the body again, one level deeper, as a string */
static gboolean
call_loop (TessEval *ev, TessNode *node, TessLoop *loop, TessArgs *args, TessValue *out)
{
  GString *saved = ev->out;
  GArray *spans;
  gboolean ok;

  if (!loop->node->flag)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                           "The loop must have the 'recursive' marker to be called recursively.");
  if (args->n_pos != 1 || args->n_kw != 0)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE, "loop() takes exactly one iterable");
  if (ev->depth >= ev->limits.max_depth)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_LIMIT,
                           "recursion limit exceeded: recursive loop nested more than %u deep",
                           ev->limits.max_depth);
  ev->depth++;
  ev->out = g_string_new (NULL);
  /* Captured output has no place in the final output until it is printed. */
  spans = ev->spans;
  ev->spans = NULL;
  ok = render_for_iterable (ev, loop->node, args->pos[0], loop->depth + 1);
  ev->spans = spans;
  if (ok)
    *out = tess_value_string_take_gstring (ev->out);
  else
    g_string_free (ev->out, TRUE);
  ev->out = saved;
  ev->depth--;
  return ok;
}

void
tess_object_free_ref (TessObject *object)
{
  if (--object->ref_count == 0)
    tess_object_free (object);
}

/* Macros */

static void
macro_finalize (TessObject *object)
{
  TessMacro *macro = (TessMacro *) object;

  tess_value_unref (macro->caller);
  for (guint i = 0; i < macro->n_closure; i++)
    tess_value_unref (macro->closure[i].value);
  g_free (macro->closure);
}

/* Like Jinja, a macro defined inside a loop, `with` or another macro closes over the local
 * variables it can see there (the template's top level is looked up at call time). */
static TessValue
macro_new (TessEval *ev, TessNode *node, TessNode *body, TessValue caller)
{
  TessMacro *macro = tess_object_alloc (sizeof *macro, TESS_OBJECT_MACRO, macro_finalize);
  guint first = ev->n_frames > 2 ? ev->frames[2].base : ev->n_slots;

  macro->node = node;
  macro->body = body;
  macro->caller = caller;
  if (ev->n_frames > 2)
    {
      /* Only what this scope chain can see: an opaque frame hides the frames below it. */
      guint f = ev->n_frames;
      while (f > 3 && !ev->frames[f - 1].opaque)
        f--;
      first = ev->frames[f - 1].base;
      if (ev->frames[f - 1].opaque || f == 3)
        first = ev->frames[f - 1].base;
    }
  macro->n_closure = ev->n_slots - first;
  if (macro->n_closure)
    {
      macro->closure = g_new (TessSlot, macro->n_closure);
      for (guint i = 0; i < macro->n_closure; i++)
        {
          macro->closure[i].name = ev->slots[first + i].name;
          macro->closure[i].value = tess_value_ref (ev->slots[first + i].value);
        }
    }
  return tess_value_object (TESS_VALUE_OBJECT, macro);
}

static gboolean
node_uses_name (TessNode *node, GQuark name, guint depth)
{
  if (node == NULL || depth > 400)
    return FALSE;
  if (node->kind == NODE_NAME && node->name == name)
    return TRUE;
  if (node_uses_name (node->a, name, depth + 1) || node_uses_name (node->b, name, depth + 1) ||
      node_uses_name (node->c, name, depth + 1) || node_uses_name (node->d, name, depth + 1) ||
      node_uses_name (node->dyn_args, name, depth + 1) ||
      node_uses_name (node->dyn_kwargs, name, depth + 1))
    return TRUE;
  for (guint i = 0; i < node->n_items; i++)
    if (node_uses_name (node->items[i], name, depth + 1))
      return TRUE;
  for (guint i = 0; i < node->n_items2; i++)
    if (node_uses_name (node->items2[i], name, depth + 1))
      return TRUE;
  return FALSE;
}

static gboolean
call_macro (TessEval *ev, TessNode *node, TessMacro *macro, TessArgs *args, TessValue *out)
{
  static GQuark varargs_q, kwargs_q, caller_q;
  TessNode *def = macro->node;
  const char *macro_name = def->kind == NODE_MACRO ? tess_value_get_string (def->value)->data
                                                   : "caller";
  guint n_params = def->n_names;
  guint first_default = n_params - def->n_items2;
  gboolean uses_varargs, uses_kwargs, uses_caller;
  TessValue varargs, kwargs;
  GString *saved_out;
  gboolean ok = TRUE;

  if (G_UNLIKELY (varargs_q == 0))
    {
      varargs_q = g_quark_from_static_string ("varargs");
      kwargs_q = g_quark_from_static_string ("kwargs");
      caller_q = g_quark_from_static_string ("caller");
    }

  /* Bit 0: analysed; 1: varargs; 2: kwargs; 3: caller */
  if (!(def->op & 1))
    def->op = 1 | (node_uses_name (macro->body, varargs_q, 0) ? 2 : 0) |
              (node_uses_name (macro->body, kwargs_q, 0) ? 4 : 0) |
              (node_uses_name (macro->body, caller_q, 0) ? 8 : 0);
  uses_varargs = (def->op & 2) != 0;
  uses_kwargs = (def->op & 4) != 0;
  uses_caller = (def->op & 8) != 0;

  if (args->n_pos > n_params && !uses_varargs)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                           "macro '%s' takes not more than %u argument(s)", macro_name, n_params);

  if (ev->depth >= ev->limits.max_depth)
    return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_LIMIT,
                           "recursion limit exceeded: macro calls nested more than %u deep",
                           ev->limits.max_depth);
  ev->depth++;

  push_frame (ev, TRUE);
  predeclare (ev, macro->body);
  for (guint i = 0; i < macro->n_closure; i++)
    tess_eval_set_var (ev, macro->closure[i].name, tess_value_ref (macro->closure[i].value));
  varargs = tess_value_tuple_new (0);
  kwargs = tess_value_dict_new ();

  for (guint i = 0; ok && i < n_params; i++)
    {
      GQuark pname = def->names[i];
      TessValue v;
      gboolean found = FALSE;

      if (i < args->n_pos)
        {
          v = tess_value_ref (args->pos[i]);
          found = TRUE;
        }
      for (guint k = 0; k < args->n_kw; k++)
        if (args->kw_names[k] == pname)
          {
            if (found)
              {
                ok = tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                                     "macro '%s' got multiple values for argument '%s'",
                                     macro_name, g_quark_to_string (pname));
                tess_value_unref (v);
                break;
              }
            v = tess_value_ref (args->kw_values[k]);
            found = TRUE;
          }
      if (!ok)
        break;
      if (!found)
        {
          if (i >= first_default)
            ok = tess_eval_expr (ev, def->items2[i - first_default], &v);
          else
            v = tess_value_undefined_take (g_strdup_printf ("parameter '%s' was not provided",
                                                            g_quark_to_string (pname)));
        }
      if (ok)
        tess_eval_set_var (ev, pname, v);
    }

  for (guint i = n_params; ok && i < args->n_pos; i++)
    tess_list_append (tess_value_get_list (varargs), tess_value_ref (args->pos[i]));

  for (guint k = 0; ok && k < args->n_kw; k++)
    {
      gboolean is_param = FALSE;
      for (guint i = 0; i < n_params; i++)
        if (def->names[i] == args->kw_names[k])
          is_param = TRUE;
      if (is_param)
        continue;
      if (args->kw_names[k] == caller_q && def->kind == NODE_MACRO)
        {
          if (!uses_caller)
            ok = tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                                 "macro '%s' was invoked with two values for the special caller "
                                 "argument. This is most likely a bug.", macro_name);
          else
            tess_eval_set_var (ev, caller_q, tess_value_ref (args->kw_values[k]));
          continue;
        }
      if (!uses_kwargs)
        {
          ok = tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                               "macro '%s' takes no keyword argument '%s'", macro_name,
                               g_quark_to_string (args->kw_names[k]));
          break;
        }
      tess_dict_set (tess_value_get_dict (kwargs),
                     tess_value_string_new (g_quark_to_string (args->kw_names[k]), -1),
                     tess_value_ref (args->kw_values[k]));
    }

  if (ok && macro->caller.type != TESS_VALUE_NONE)
    tess_eval_set_var (ev, caller_q, tess_value_ref (macro->caller));
  if (ok && uses_varargs)
    tess_eval_set_var (ev, varargs_q, tess_value_ref (varargs));
  if (ok && uses_kwargs)
    tess_eval_set_var (ev, kwargs_q, tess_value_ref (kwargs));
  tess_value_unref (varargs);
  tess_value_unref (kwargs);

  if (ok)
    {
      GArray *spans = ev->spans;

      saved_out = ev->out;
      ev->out = g_string_new (NULL);
      ev->spans = NULL;
      ok = render_body (ev, macro->body);
      ev->spans = spans;
      if (ok)
        *out = tess_value_string_take_gstring (ev->out);
      else
        g_string_free (ev->out, TRUE);
      ev->out = saved_out;
    }

  pop_frame (ev);
  ev->depth--;
  return ok;
}

static gboolean
render_call_block (TessEval *ev, TessNode *node)
{
  TessNode *call = node->a;
  TessValue callee, caller, result;
  ArgBuffer buf;
  gboolean ok;
  static GQuark caller_q;

  if (G_UNLIKELY (caller_q == 0))
    caller_q = g_quark_from_static_string ("caller");

  if (!tess_eval_expr (ev, call->a, &callee))
    return FALSE;
  ok = eval_args (ev, call, &buf);
  if (ok)
    {
      caller = macro_new (ev, node, node->b, tess_value_none ());
      arg_push_kw (&buf, caller_q, caller);
      ok = tess_eval_call (ev, call, callee, &buf.args, &result);
    }
  arg_buffer_clear (&buf);
  tess_value_unref (callee);
  if (!ok)
    return FALSE;
  ok = tess_eval_to_string (ev, node, result, ev->out) && check_output (ev, node);
  tess_value_unref (result);
  return ok;
}

static gboolean
capture_body (TessEval *ev, TessNode *body, TessValue *out)
{
  GString *saved = ev->out;
  GArray *spans = ev->spans;
  gboolean ok;

  /* set-block and filter-block bodies are inner scopes: their own `set`s do not leak. */
  ev->out = g_string_new (NULL);
  ev->spans = NULL;
  push_frame (ev, FALSE);
  predeclare (ev, body);
  ok = render_body (ev, body);
  pop_frame (ev);
  ev->spans = spans;
  if (ok)
    *out = tess_value_string_take_gstring (ev->out);
  else
    g_string_free (ev->out, TRUE);
  ev->out = saved;
  return ok;
}

/* Applies a filter chain (as parsed for `set` blocks and `filter` blocks) to value. */
static gboolean
apply_filter_chain (TessEval *ev, TessNode *filter, TessValue value, TessValue *out)
{
  TessValue operand;

  if (filter == NULL)
    {
      *out = value;
      return TRUE;
    }
  if (filter->a == NULL)
    operand = value;
  else if (!apply_filter_chain (ev, filter->a, value, &operand))
    return FALSE;
  {
    gboolean ok = eval_filter_with_operand (ev, filter, operand, out);
    tess_value_unref (operand);
    return ok;
  }
}

/* Where the output from here on comes from (the Designer maps rendered widgets back to the
 * template with these). */
static void
note_span (TessEval *ev, TessNode *node, gboolean literal)
{
  TessTemplateSpan span = { ev->out->len, node->line, node->col, literal };

  g_array_append_val (ev->spans, span);
}

static gboolean
render_output (TessEval *ev, TessNode *node)
{
  static TessFilterFunc tojson;
  TessNode *expr = node->a;
  TessValue v;
  gboolean ok;

  /* Fast path for the most common widget idiom: {{ x | tojson }} straight into the output. */
  if (G_UNLIKELY (tojson == NULL))
    tojson = tess_builtins_lookup_filter ("tojson");
  if (expr->kind == NODE_FILTER && expr->impl == (gpointer) tojson &&
      expr->n_items == 0 && expr->n_items2 == 0 && !expr->dyn_args && !expr->dyn_kwargs)
    {
      TessValue operand;
      char *msg = NULL;
      gsize before = ev->out->len;

      if (!tess_eval_expr (ev, expr->a, &operand))
        return FALSE;
      ok = tess_format_json (ev->out, operand, -1, 0, &msg);
      tess_value_unref (operand);
      if (!ok)
        {
          g_string_truncate (ev->out, before);
          tess_eval_fail (ev, expr, TESS_TEMPLATE_ERROR_TYPE, "%s", msg);
          g_free (msg);
          return FALSE;
        }
      return check_output (ev, node);
    }

  if (!tess_eval_expr (ev, expr, &v))
    return FALSE;
  ok = tess_eval_to_string (ev, expr, v, ev->out) && check_output (ev, node);
  tess_value_unref (v);
  return ok;
}

static gboolean
render_node (TessEval *ev, TessNode *node)
{
  if (G_UNLIKELY (tess_value_work > ev->work_limit))
    return work_exceeded (ev, node);

  switch ((TessNodeKind) node->kind)
    {
    case NODE_TEXT:
      {
        TessString *s = tess_value_get_string (node->value);

        if (G_UNLIKELY (ev->spans != NULL))
          note_span (ev, node, TRUE);
        tess_gstring_append (ev->out, s->data, s->len);
        return check_output (ev, node);
      }

    case NODE_OUTPUT:
      if (G_UNLIKELY (ev->spans != NULL))
        note_span (ev, node, FALSE);
      return render_output (ev, node);

    case NODE_BODY:
      return render_body (ev, node);

    case NODE_IF:
      for (TessNode *branch = node; branch != NULL;)
        {
          TessValue test;
          gboolean t, ok;
          if (!tess_eval_expr (ev, branch->a, &test))
            return FALSE;
          ok = tess_eval_truthy (ev, branch->a, test, &t);
          tess_value_unref (test);
          if (!ok)
            return FALSE;
          if (t)
            return render_body (ev, branch->b);
          if (branch->c && branch->c->kind == NODE_IF)
            branch = branch->c;
          else if (branch->c)
            return render_body (ev, branch->c);
          else
            break;
        }
      return TRUE;

    case NODE_FOR:
      return render_for (ev, node);

    case NODE_SET:
      {
        TessValue v;
        if (!tess_eval_expr (ev, node->b, &v))
          return FALSE;
        return assign (ev, node->a, v);
      }

    case NODE_SET_BLOCK:
      {
        TessValue v, filtered;
        if (!capture_body (ev, node->b, &v))
          return FALSE;
        if (!apply_filter_chain (ev, node->c, v, &filtered))
          return FALSE;
        return assign (ev, node->a, filtered);
      }

    case NODE_WITH:
      {
        gboolean ok = TRUE;
        TessValue *values = g_newa (TessValue, node->n_items2 + 1);
        /* Values are evaluated in the outer scope, then bound. */
        for (guint i = 0; i < node->n_items2; i++)
          if (!tess_eval_expr (ev, node->items2[i], &values[i]))
            {
              for (guint j = 0; j < i; j++)
                tess_value_unref (values[j]);
              return FALSE;
            }
        push_frame (ev, FALSE);
        predeclare (ev, node->b);
        for (guint i = 0; i < node->n_items; i++)
          {
            if (ok)
              ok = assign (ev, node->items[i], values[i]);
            else
              tess_value_unref (values[i]);
          }
        if (ok)
          ok = render_body (ev, node->b);
        pop_frame (ev);
        return ok;
      }

    case NODE_MACRO:
      tess_eval_set_var (ev, node->name, macro_new (ev, node, node->b, tess_value_none ()));
      return TRUE;

    case NODE_CALL_BLOCK:
      return render_call_block (ev, node);

    case NODE_LOADER:
      {
        /* Environment.get_template without a loader */
        TessValue name;
        gboolean ok;
        if (!tess_eval_expr (ev, node->a, &name))
          return FALSE;
        tess_value_unref (name);
        ok = tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_TYPE,
                             "no loader for this environment specified (the '%s' tag needs other "
                             "templates)", tess_value_get_string (node->value)->data);
        return ok;
      }

    case NODE_BLOCK:
      {
        /* a block sees the template's variables and the data, not enclosing loop variables */
        gboolean ok;
        push_frame (ev, TRUE);
        predeclare (ev, node->b);
        ok = render_body (ev, node->b);
        pop_frame (ev);
        return ok;
      }

    case NODE_FILTER_BLOCK:
      {
        TessValue v, filtered;
        gboolean ok;
        if (!capture_body (ev, node->b, &v))
          return FALSE;
        if (!apply_filter_chain (ev, node->a, v, &filtered))
          return FALSE;
        ok = tess_eval_to_string (ev, node, filtered, ev->out) && check_output (ev, node);
        tess_value_unref (filtered);
        return ok;
      }

    case NODE_CONST:
    case NODE_NAME:
    case NODE_TUPLE:
    case NODE_LIST:
    case NODE_DICT:
    case NODE_GETATTR:
    case NODE_GETITEM:
    case NODE_SLICE:
    case NODE_CALL:
    case NODE_FILTER:
    case NODE_TEST:
    case NODE_BINOP:
    case NODE_UNARY:
    case NODE_COMPARE:
    case NODE_CONDEXPR:
    case NODE_NSREF:
    default:
      return tess_eval_fail (ev, node, TESS_TEMPLATE_ERROR_SYNTAX, "not a statement");
    }
}

static gboolean
render_body (TessEval *ev, TessNode *body)
{
  if (body == NULL)
    return TRUE;
  if (body->kind != NODE_BODY)
    return render_node (ev, body);
  if (ev->n_frames > ev->limits.max_depth * 4 + 64)
    return tess_eval_fail (ev, body, TESS_TEMPLATE_ERROR_LIMIT, "nesting too deep");
  for (guint i = 0; i < body->n_items; i++)
    if (!render_node (ev, body->items[i]))
      return FALSE;
  return TRUE;
}

#define MAX_IMPORTED_DATA_KEYS 32

char *
tess_template_render_value (TessTemplate *self, TessValue data, GQuark *key_quarks,
                            guint n_key_quarks, GError **error)
{
  return tess_template_render_value_mapped (self, data, key_quarks, n_key_quarks, NULL, error);
}

char *
tess_template_render_value_mapped (TessTemplate *self, TessValue data, GQuark *key_quarks,
                                   guint n_key_quarks, GArray *spans, GError **error)
{
  TessEval ev = { 0 };
  TessNode *root = tess_template_get_root (self);
  char *result = NULL;
  TessSlot slots[32];
  TessFrame frames[16];

  g_return_val_if_fail (data.type == TESS_VALUE_DICT, NULL);

  tess_template_get_limits (self, &ev.limits);
  /* The budget counts from the thread's current total, so nothing needs resetting. */
  ev.work_limit = tess_value_work + (guint64) ev.limits.max_output * 4;
  ev.tmpl = self;
  ev.spans = spans;
  ev.out = g_string_sized_new (MAX (1024, tess_template_get_size_hint (self)));
  /* Most renders fit in these; push_frame and set_var move to the heap when they do not. */
  ev.slots = slots;
  ev.cap_slots = G_N_ELEMENTS (slots);
  ev.frames = frames;
  ev.cap_frames = G_N_ELEMENTS (frames);
  ev.slots_on_stack = TRUE;
  ev.frames_on_stack = TRUE;
  ev.data = tess_value_get_dict (data);
  push_frame (&ev, FALSE);

  /* Small data dicts become root slots, so lookups compare quarks instead of hashing.
   * Keys that no template ever named have no quark and cannot be referenced by name. */
  if (ev.data->n_live <= MAX_IMPORTED_DATA_KEYS)
    {
      /* key_quarks caches the lookups for data rendered many times (TessTemplateData) */
      gboolean cache = key_quarks != NULL && n_key_quarks == ev.data->n_entries;
      for (guint i = 0; i < ev.data->n_entries; i++)
        {
          TessDictEntry *e = &ev.data->entries[i];
          GQuark q;
          if (!e->live || e->key.type != TESS_VALUE_STRING)
            continue;
          q = cache ? key_quarks[i] : 0;
          if (q == 0)
            q = g_quark_try_string (tess_value_get_string (e->key)->data);
          if (cache)
            key_quarks[i] = q;
          if (q != 0)
            tess_eval_set_var (&ev, q, tess_value_ref (e->value));
        }
      ev.data_lookup = FALSE;
    }
  else
    ev.data_lookup = TRUE;
  /* Template-level variables go in a frame above the data, so they shadow it. */
  push_frame (&ev, FALSE);
  predeclare (&ev, root);

  if (render_body (&ev, root))
    {
      tess_template_set_size_hint (self, ev.out->len);
      result = g_string_free (ev.out, FALSE);
    }
  else
    {
      g_string_free (ev.out, TRUE);
      g_propagate_error (error, ev.error);
      ev.error = NULL;
    }

  while (ev.n_frames > 0)
    pop_frame (&ev);
  if (ev.slots != slots)
    g_free (ev.slots);
  if (ev.frames != frames)
    g_free (ev.frames);
  g_clear_error (&ev.error);
  return result;
}

gboolean
tess_template_const_eval (TessTemplate *self, TessNode *node, TessValue *out)
{
  TessEval ev = { 0 };
  TessValue empty = tess_value_dict_new ();
  gboolean ok;

  tess_template_get_limits (self, &ev.limits);
  ev.work_limit = tess_value_work + (guint64) ev.limits.max_output * 4;
  ev.tmpl = self;
  ev.out = g_string_new (NULL);
  ev.data = tess_value_get_dict (empty);
  push_frame (&ev, FALSE);
  push_frame (&ev, FALSE);
  ok = tess_eval_expr (&ev, node, out);
  while (ev.n_frames > 0)
    pop_frame (&ev);
  g_free (ev.slots);
  g_free (ev.frames);
  g_string_free (ev.out, TRUE);
  g_clear_error (&ev.error);
  tess_value_unref (empty);
  return ok;
}

gint
tess_template_const_undefined (TessTemplate *self, TessNode *node, char **message)
{
  TessValue v;
  gint result = 0;

  *message = NULL;
  if (!tess_template_const_eval (self, node, &v))
    return -1;
  if (v.type == TESS_VALUE_UNDEFINED && !(v.flags & TESS_VALUE_FLAG_LENIENT))
    {
      result = 1;
      *message = g_strdup (tess_value_undefined_message (v));
    }
  tess_value_unref (v);
  return result;
}

gboolean
tess_template_const_compare (TessTemplate *self, TessNode *node, TessOp op, TessValue a,
                             TessValue b, gboolean *out)
{
  TessEval ev = { 0 };
  gboolean ok;

  tess_template_get_limits (self, &ev.limits);
  ev.work_limit = tess_value_work + (guint64) ev.limits.max_output * 4;
  ok = tess_eval_compare_op (&ev, node, op, a, b, out);
  g_clear_error (&ev.error);
  return ok;
}
