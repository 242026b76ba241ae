/* tess-template-value.c
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tess-template-value.h"

__thread guint64 tess_value_work;

gpointer
tess_object_alloc (gsize size, TessObjectKind kind, TessObjectFinalize fin)
{
  TessObject *object = g_malloc0 (size);

  object->ref_count = 1;
  object->kind = kind;
  object->finalize = fin;
  return object;
}

void
tess_object_free (TessObject *object)
{
  switch ((TessObjectKind) object->kind)
    {
    case TESS_OBJECT_STRING:
    case TESS_OBJECT_RANGE:
      break;

    case TESS_OBJECT_LIST:
      {
        TessList *list = (TessList *) object;
        for (guint i = 0; i < list->len; i++)
          tess_value_unref (list->items[i]);
        g_free (list->items);
      }
      break;

    case TESS_OBJECT_DICT:
      tess_dict_clear ((TessDict *) object);
      g_free (((TessDict *) object)->entries);
      g_free (((TessDict *) object)->index);
      break;

    case TESS_OBJECT_UNDEFINED_INFO:
      g_free (((TessUndefinedInfo *) object)->message);
      break;

    case TESS_OBJECT_FAILING_ITERATOR:
      g_free (((TessFailingIterator *) object)->message);
      break;

    case TESS_OBJECT_FUNCTION:
    case TESS_OBJECT_MACRO:
    case TESS_OBJECT_LOOP:
    case TESS_OBJECT_NAMESPACE:
    case TESS_OBJECT_CYCLER:
    case TESS_OBJECT_JOINER:
    default:
      if (object->finalize)
        object->finalize (object);
      break;
    }
  g_free (object);
}

/* Undefined */

TessValue
tess_value_undefined_take (char *message)
{
  TessUndefinedInfo *info = tess_object_alloc (sizeof *info, TESS_OBJECT_UNDEFINED_INFO, NULL);

  info->message = message;
  return tess_value_object (TESS_VALUE_UNDEFINED, info);
}

TessValue
tess_value_undefined (const char *message)
{
  return tess_value_undefined_take (g_strdup (message));
}

const char *
tess_value_undefined_message (TessValue v)
{
  if (v.type == TESS_VALUE_UNDEFINED && v.u.o != NULL)
    return ((TessUndefinedInfo *) v.u.o)->message;
  return "value is undefined";
}

/* Strings */

TessString *
tess_string_alloc (gsize len)
{
  TessString *s;

  tess_value_work += len;
  s = g_malloc (sizeof (TessString) + len + 1);
  s->hdr.ref_count = 1;
  s->hdr.kind = TESS_OBJECT_STRING;
  s->hdr.finalize = NULL;
  s->len = len;
  s->n_chars = G_MAXSIZE;
  s->hash = 0;
  s->data[len] = '\0';
  return s;
}

TessValue
tess_value_string_new (const char *str, gssize len)
{
  TessString *s;

  if (len < 0)
    len = strlen (str);
  s = tess_string_alloc (len);
  memcpy (s->data, str, len);
  return tess_value_object (TESS_VALUE_STRING, s);
}

TessValue
tess_value_string_take_gstring (GString *gstring)
{
  TessValue v = tess_value_string_new (gstring->str, gstring->len);

  g_string_free (gstring, TRUE);
  return v;
}

TessValue
tess_value_string_empty (void)
{
  return tess_value_string_new ("", 0);
}

gsize
tess_string_n_chars (TessString *s)
{
  if (s->n_chars == G_MAXSIZE)
    {
      gsize n = 0;
      gsize i = 0;
      /* Eight bytes at a time while they are ASCII */
      for (; i + 8 <= s->len; i += 8)
        {
          guint64 word;
          memcpy (&word, s->data + i, 8);
          if (word & 0x8080808080808080ULL)
            break;
          n += 8;
        }
      for (; i < s->len; i++)
        if (((guchar) s->data[i] & 0xC0) != 0x80)
          n++;
      s->n_chars = n;
    }
  return s->n_chars;
}

gboolean
tess_string_is_ascii (TessString *s)
{
  return tess_string_n_chars (s) == s->len;
}

/* Lists */

TessValue
tess_value_list_new (guint reserve)
{
  TessList *list = tess_object_alloc (sizeof *list, TESS_OBJECT_LIST, NULL);

  if (reserve)
    {
      list->items = g_new (TessValue, reserve);
      list->cap = reserve;
    }
  return tess_value_object (TESS_VALUE_LIST, list);
}

TessValue
tess_value_tuple_new (guint reserve)
{
  TessValue v = tess_value_list_new (reserve);

  v.type = TESS_VALUE_TUPLE;
  return v;
}

static void
tess_list_grow (TessList *list)
{
  if (list->len < list->cap)
    return;
  list->cap = MAX (4, list->cap * 2);
  tess_value_work += list->cap * sizeof (TessValue);
  list->items = g_renew (TessValue, list->items, list->cap);
}

void
tess_list_append (TessList *list, TessValue item)
{
  tess_list_grow (list);
  list->items[list->len++] = item;
}

void
tess_list_insert (TessList *list, guint at, TessValue item)
{
  tess_list_grow (list);
  if (at > list->len)
    at = list->len;
  memmove (list->items + at + 1, list->items + at, (list->len - at) * sizeof (TessValue));
  list->items[at] = item;
  list->len++;
}

TessValue
tess_list_remove (TessList *list, guint at)
{
  TessValue item = list->items[at];

  memmove (list->items + at, list->items + at + 1, (list->len - at - 1) * sizeof (TessValue));
  list->len--;
  return item;
}

/* Dicts: insertion ordered; linear scan while small, open addressing beyond. */

#define DICT_LINEAR_MAX 8

TessValue
tess_value_dict_new (void)
{
  TessDict *dict = tess_object_alloc (sizeof *dict, TESS_OBJECT_DICT, NULL);

  return tess_value_object (TESS_VALUE_DICT, dict);
}

static void
tess_dict_rebuild_index (TessDict *dict)
{
  guint size = 16;

  while (size < dict->n_live * 2 + 2)
    size *= 2;
  g_free (dict->index);
  dict->index = g_new (gint32, size);
  memset (dict->index, 0xff, size * sizeof (gint32));
  dict->index_size = size;

  for (guint i = 0; i < dict->n_entries; i++)
    {
      guint slot;

      if (!dict->entries[i].live)
        continue;
      slot = dict->entries[i].hash & (size - 1);
      while (dict->index[slot] >= 0)
        slot = (slot + 1) & (size - 1);
      dict->index[slot] = i;
    }
}

static void
tess_dict_compact (TessDict *dict)
{
  guint j = 0;

  for (guint i = 0; i < dict->n_entries; i++)
    if (dict->entries[i].live)
      dict->entries[j++] = dict->entries[i];
  dict->n_entries = j;
}

static gint
tess_dict_find (TessDict *dict, TessValue key, guint hash)
{
  if (dict->index == NULL)
    {
      for (guint i = 0; i < dict->n_entries; i++)
        {
          TessDictEntry *e = &dict->entries[i];
          if (e->live && e->hash == hash && tess_value_equal (e->key, key))
            return i;
        }
      return -1;
    }
  else
    {
      guint mask = dict->index_size - 1;
      guint slot = hash & mask;

      while (dict->index[slot] >= 0)
        {
          TessDictEntry *e = &dict->entries[dict->index[slot]];
          if (e->live && e->hash == hash && tess_value_equal (e->key, key))
            return dict->index[slot];
          slot = (slot + 1) & mask;
        }
      return -1;
    }
}

void
tess_dict_set (TessDict *dict, TessValue key, TessValue value)
{
  guint hash = tess_value_hash (key);
  gint at = tess_dict_find (dict, key, hash);
  TessDictEntry *e;

  if (at >= 0)
    {
      /* Python keeps the first key object and replaces the value. */
      tess_value_unref (key);
      tess_value_unref (dict->entries[at].value);
      dict->entries[at].value = value;
      return;
    }

  if (dict->n_entries == dict->cap)
    {
      if (dict->n_live < dict->n_entries)
        tess_dict_compact (dict);
      if (dict->n_entries == dict->cap)
        {
          dict->cap = MAX (4, dict->cap * 2);
          dict->entries = g_renew (TessDictEntry, dict->entries, dict->cap);
        }
      if (dict->index)
        tess_dict_rebuild_index (dict);
    }

  e = &dict->entries[dict->n_entries++];
  e->key = key;
  e->value = value;
  e->hash = hash;
  e->live = TRUE;
  dict->n_live++;

  if (dict->index == NULL)
    {
      if (dict->n_live > DICT_LINEAR_MAX)
        tess_dict_rebuild_index (dict);
    }
  else if (dict->n_entries * 2 + 2 > dict->index_size)
    tess_dict_rebuild_index (dict);
  else
    {
      guint mask = dict->index_size - 1;
      guint slot = hash & mask;
      while (dict->index[slot] >= 0)
        slot = (slot + 1) & mask;
      dict->index[slot] = dict->n_entries - 1;
    }
}

gboolean
tess_dict_lookup (TessDict *dict, TessValue key, TessValue *out)
{
  gint at = tess_dict_find (dict, key, tess_value_hash (key));

  if (at < 0)
    return FALSE;
  if (out)
    *out = dict->entries[at].value;
  return TRUE;
}

gboolean
tess_dict_lookup_str (TessDict *dict, const char *key, gsize len, TessValue *out)
{
  /* A stack string lets us reuse the generic path without allocating. */
  union {
    TessString s;
    char       buf[sizeof (TessString) + 64];
  } tmp;
  TessString *s;
  gboolean found;

  if (len < 64)
    {
      s = &tmp.s;
      s->hdr.ref_count = 1;
      s->hdr.kind = TESS_OBJECT_STRING;
      s->len = len;
      s->n_chars = G_MAXSIZE;
      s->hash = 0;
      memcpy (s->data, key, len);
      s->data[len] = '\0';
      return tess_dict_lookup (dict, tess_value_object (TESS_VALUE_STRING, s), out);
    }

  s = tess_string_alloc (len);
  memcpy (s->data, key, len);
  found = tess_dict_lookup (dict, tess_value_object (TESS_VALUE_STRING, s), out);
  tess_object_free (&s->hdr);
  return found;
}

gboolean
tess_dict_remove (TessDict *dict, TessValue key, TessValue *out_value)
{
  gint at = tess_dict_find (dict, key, tess_value_hash (key));
  TessDictEntry *e;

  if (at < 0)
    return FALSE;
  e = &dict->entries[at];
  e->live = FALSE;
  dict->n_live--;
  tess_value_unref (e->key);
  if (out_value)
    *out_value = e->value;
  else
    tess_value_unref (e->value);
  return TRUE;
}

void
tess_dict_clear (TessDict *dict)
{
  for (guint i = 0; i < dict->n_entries; i++)
    if (dict->entries[i].live)
      {
        tess_value_unref (dict->entries[i].key);
        tess_value_unref (dict->entries[i].value);
      }
  dict->n_entries = 0;
  dict->n_live = 0;
  g_clear_pointer (&dict->index, g_free);
  dict->index_size = 0;
}

TessValue
tess_dict_copy (TessDict *dict)
{
  TessValue copy = tess_value_dict_new ();

  TESS_DICT_FOREACH (dict, e)
    tess_dict_set (tess_value_get_dict (copy), tess_value_ref (e->key), tess_value_ref (e->value));
  return copy;
}

const char *
tess_memmem (const char *haystack, gsize haystack_len, const char *needle, gsize needle_len)
{
  const char *end;

  if (needle_len == 0)
    return haystack;
  if (needle_len > haystack_len)
    return NULL;
  end = haystack + haystack_len - needle_len;
  for (const char *p = haystack; p <= end; p++)
    {
      p = memchr (p, needle[0], end - p + 1);
      if (p == NULL)
        return NULL;
      if (memcmp (p, needle, needle_len) == 0)
        return p;
    }
  return NULL;
}

/* Python semantics */

gboolean
tess_value_is_number (TessValue v)
{
  return v.type == TESS_VALUE_INT || v.type == TESS_VALUE_FLOAT || v.type == TESS_VALUE_BOOL;
}

double
tess_value_as_double (TessValue v)
{
  switch (v.type)
    {
    case TESS_VALUE_INT:
      return (double) v.u.i;
    case TESS_VALUE_FLOAT:
      return v.u.f;
    case TESS_VALUE_BOOL:
      return v.u.b ? 1.0 : 0.0;
    default:
      return 0.0;
    }
}

gboolean
tess_value_hashable (TessValue v)
{
  switch (v.type)
    {
    case TESS_VALUE_LIST:
    case TESS_VALUE_DICT:
    case TESS_VALUE_UNDEFINED:
      return FALSE;
    case TESS_VALUE_TUPLE:
      {
        TessList *l = tess_value_get_list (v);
        for (guint i = 0; i < l->len; i++)
          if (!tess_value_hashable (l->items[i]))
            return FALSE;
        return TRUE;
      }
    default:
      return TRUE;
    }
}

static guint
hash_int (gint64 i)
{
  guint64 x = (guint64) i;

  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return (guint) x;
}

static gint64
range_length (TessRange *r)
{
  if (r->step > 0 && r->start < r->stop)
    return (r->stop - r->start - 1) / r->step + 1;
  if (r->step < 0 && r->start > r->stop)
    return (r->start - r->stop - 1) / (-r->step) + 1;
  return 0;
}

guint
tess_value_hash (TessValue v)
{
  switch (v.type)
    {
    case TESS_VALUE_NONE:
      return 0x9e3779b9u;
    case TESS_VALUE_BOOL:
      return hash_int (v.u.b);
    case TESS_VALUE_INT:
      return hash_int (v.u.i);
    case TESS_VALUE_FLOAT:
      if (v.u.f == floor (v.u.f) && fabs (v.u.f) < 9.2e18)
        return hash_int ((gint64) v.u.f);
      {
        guint64 bits;
        memcpy (&bits, &v.u.f, sizeof bits);
        return hash_int ((gint64) bits);
      }
    case TESS_VALUE_STRING:
      {
        TessString *s = tess_value_get_string (v);
        guint h = s->hash;
        if (h == 0)
          {
            h = 2166136261u;
            for (gsize i = 0; i < s->len; i++)
              h = (h ^ (guchar) s->data[i]) * 16777619u;
            if (h == 0)
              h = 1;
            s->hash = h;
          }
        return h;
      }
    case TESS_VALUE_TUPLE:
      {
        TessList *l = tess_value_get_list (v);
        guint h = 0x345678u;
        for (guint i = 0; i < l->len; i++)
          h = (h ^ tess_value_hash (l->items[i])) * 1000003u;
        return h;
      }
    case TESS_VALUE_OBJECT:
      if (v.u.o->kind == TESS_OBJECT_RANGE)
        {
          /* equal ranges hash alike: only what tess_value_equal compares */
          TessRange *r = (TessRange *) v.u.o;
          gint64 n = range_length (r);
          guint h = hash_int (n);
          if (n > 0)
            h = (h ^ hash_int (r->start)) * 1000003u;
          if (n > 1)
            h = (h ^ hash_int (r->step)) * 1000003u;
          return h;
        }
      return GPOINTER_TO_UINT (v.u.o) * 2654435761u;
    default:
      return GPOINTER_TO_UINT (v.u.o) * 2654435761u;
    }
}

gboolean
tess_value_equal (TessValue a, TessValue b)
{
  if (tess_value_is_number (a) && tess_value_is_number (b))
    {
      if (a.type == TESS_VALUE_FLOAT || b.type == TESS_VALUE_FLOAT)
        return tess_value_as_double (a) == tess_value_as_double (b);
      return (a.type == TESS_VALUE_INT ? a.u.i : a.u.b) ==
             (b.type == TESS_VALUE_INT ? b.u.i : b.u.b);
    }
  if (a.type != b.type)
    return FALSE;

  switch (a.type)
    {
    case TESS_VALUE_NONE:
      return TRUE;
    case TESS_VALUE_UNDEFINED:
      return FALSE;
    case TESS_VALUE_STRING:
      {
        TessString *sa = tess_value_get_string (a), *sb = tess_value_get_string (b);
        return sa == sb || (sa->len == sb->len && memcmp (sa->data, sb->data, sa->len) == 0);
      }
    case TESS_VALUE_LIST:
    case TESS_VALUE_TUPLE:
      {
        TessList *la = tess_value_get_list (a), *lb = tess_value_get_list (b);
        if (la->len != lb->len)
          return FALSE;
        for (guint i = 0; i < la->len; i++)
          if (!tess_value_equal (la->items[i], lb->items[i]))
            return FALSE;
        return TRUE;
      }
    case TESS_VALUE_DICT:
      {
        TessDict *da = tess_value_get_dict (a), *db = tess_value_get_dict (b);
        if (da->n_live != db->n_live)
          return FALSE;
        TESS_DICT_FOREACH (da, e)
          {
            TessValue other;
            if (!tess_dict_lookup (db, e->key, &other) || !tess_value_equal (e->value, other))
              return FALSE;
          }
        return TRUE;
      }
    case TESS_VALUE_OBJECT:
      if (a.u.o->kind == TESS_OBJECT_RANGE && b.u.o->kind == TESS_OBJECT_RANGE)
        {
          /* Python compares ranges as the sequences they give: range(0) == range(2, 2) */
          TessRange *ra = (TessRange *) a.u.o, *rb = (TessRange *) b.u.o;
          gint64 n = range_length (ra);
          if (n != range_length (rb))
            return FALSE;
          return n == 0 || (ra->start == rb->start && (n == 1 || ra->step == rb->step));
        }
      return a.u.o == b.u.o;
    default:
      return FALSE;
    }
}

const char *
tess_value_type_name (TessValue v)
{
  switch (v.type)
    {
    case TESS_VALUE_UNDEFINED:
      return "StrictUndefined";
    case TESS_VALUE_NONE:
      return "NoneType";
    case TESS_VALUE_BOOL:
      return "bool";
    case TESS_VALUE_INT:
      return "int";
    case TESS_VALUE_FLOAT:
      return "float";
    case TESS_VALUE_STRING:
      return "str";
    case TESS_VALUE_LIST:
      return "list";
    case TESS_VALUE_TUPLE:
      return "tuple";
    case TESS_VALUE_DICT:
      return "dict";
    case TESS_VALUE_OBJECT:
      switch ((TessObjectKind) v.u.o->kind)
        {
        case TESS_OBJECT_FUNCTION:
          return "builtin_function_or_method";
        case TESS_OBJECT_MACRO:
          return "Macro";
        case TESS_OBJECT_LOOP:
          return "LoopContext";
        case TESS_OBJECT_NAMESPACE:
          return "Namespace";
        case TESS_OBJECT_CYCLER:
          return "Cycler";
        case TESS_OBJECT_JOINER:
          return "Joiner";
        case TESS_OBJECT_RANGE:
          return "range";
        case TESS_OBJECT_FAILING_ITERATOR:
          return "generator";
        case TESS_OBJECT_STRING:
        case TESS_OBJECT_LIST:
        case TESS_OBJECT_DICT:
        case TESS_OBJECT_UNDEFINED_INFO:
        default:
          return "object";
        }
    default:
      return "object";
    }
}

/* JSON */

TessValue
tess_value_from_json_node (JsonNode *node)
{
  if (node == NULL)
    return tess_value_none ();

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      return tess_value_none ();

    case JSON_NODE_VALUE:
      {
        GType t = json_node_get_value_type (node);
        if (t == G_TYPE_BOOLEAN)
          return tess_value_bool (json_node_get_boolean (node));
        if (t == G_TYPE_INT64 || t == G_TYPE_INT)
          return tess_value_int (json_node_get_int (node));
        if (t == G_TYPE_DOUBLE || t == G_TYPE_FLOAT)
          return tess_value_float (json_node_get_double (node));
        if (t == G_TYPE_STRING)
          return tess_value_string_new (json_node_get_string (node), -1);
        return tess_value_none ();
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        TessValue list = tess_value_list_new (n);
        for (guint i = 0; i < n; i++)
          tess_list_append (tess_value_get_list (list),
                            tess_value_from_json_node (json_array_get_element (array, i)));
        return list;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        TessValue dict = tess_value_dict_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        /* json-glib keeps members in document order, as Python's json.loads does. */
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          tess_dict_set (tess_value_get_dict (dict), tess_value_string_new (name, -1),
                         tess_value_from_json_node (member));
        return dict;
      }

    default:
      return tess_value_none ();
    }
}

JsonNode *
tess_value_to_json_node (TessValue v)
{
  JsonNode *node;

  switch (v.type)
    {
    case TESS_VALUE_BOOL:
      return json_node_init_boolean (json_node_alloc (), v.u.b);
    case TESS_VALUE_INT:
      return json_node_init_int (json_node_alloc (), v.u.i);
    case TESS_VALUE_FLOAT:
      return json_node_init_double (json_node_alloc (), v.u.f);
    case TESS_VALUE_STRING:
      return json_node_init_string (json_node_alloc (), tess_value_get_string (v)->data);
    case TESS_VALUE_LIST:
    case TESS_VALUE_TUPLE:
      {
        TessList *l = tess_value_get_list (v);
        JsonArray *array = json_array_sized_new (l->len);
        for (guint i = 0; i < l->len; i++)
          json_array_add_element (array, tess_value_to_json_node (l->items[i]));
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return node;
      }
    case TESS_VALUE_DICT:
      {
        JsonObject *object = json_object_new ();
        GString *key = g_string_new (NULL);
        TESS_DICT_FOREACH (tess_value_get_dict (v), e)
          {
            g_string_truncate (key, 0);
            tess_format_str (key, e->key);
            json_object_set_member (object, key->str, tess_value_to_json_node (e->value));
          }
        g_string_free (key, TRUE);
        node = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return node;
      }
    case TESS_VALUE_NONE:
    case TESS_VALUE_UNDEFINED:
    case TESS_VALUE_OBJECT:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}
