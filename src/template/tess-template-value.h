/* tess-template-value.h: the small refcounted value type of the template engine
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Values are passed by value (16 bytes). Scalars live inline; strings, lists, dicts and
 * objects point to a refcounted heap block. Ownership follows GLib: a function returning a
 * TessValue hands out a reference that the caller drops with tess_value_unref(). */
typedef enum
{
  TESS_VALUE_UNDEFINED,
  TESS_VALUE_NONE,
  TESS_VALUE_BOOL,
  TESS_VALUE_INT,
  TESS_VALUE_FLOAT,
  TESS_VALUE_STRING,
  TESS_VALUE_LIST,
  TESS_VALUE_TUPLE,
  TESS_VALUE_DICT,
  TESS_VALUE_OBJECT,
} TessValueType;

typedef enum
{
  TESS_OBJECT_STRING,
  TESS_OBJECT_LIST,
  TESS_OBJECT_DICT,
  TESS_OBJECT_UNDEFINED_INFO,
  TESS_OBJECT_FUNCTION,
  TESS_OBJECT_MACRO,
  TESS_OBJECT_LOOP,
  TESS_OBJECT_NAMESPACE,
  TESS_OBJECT_CYCLER,
  TESS_OBJECT_JOINER,
  TESS_OBJECT_RANGE,
  TESS_OBJECT_FAILING_ITERATOR,
} TessObjectKind;

typedef struct _TessObject TessObject;
typedef void (*TessObjectFinalize) (TessObject *object);

struct _TessObject
{
  gint                ref_count;
  guint16             kind;
  TessObjectFinalize  finalize; /* for kinds defined outside this file */
};

typedef struct
{
  guint32 type;
  guint32 flags;
  union {
    gboolean    b;
    gint64      i;
    double      f;
    TessObject *o;
  } u;
} TessValue;

/* Flags on TESS_VALUE_UNDEFINED: a lenient undefined prints as "" (Jinja's plain Undefined,
 * produced by `a if b` without else); a strict one fails on use. */
#define TESS_VALUE_FLAG_LENIENT 1u
/* Flags on lists and tuples that print like Python's dict views and groupby tuples. */
#define TESS_VALUE_FLAG_KEYS_VIEW   2u
#define TESS_VALUE_FLAG_VALUES_VIEW 4u
#define TESS_VALUE_FLAG_ITEMS_VIEW  8u
#define TESS_VALUE_FLAG_GROUP       16u
/* A string that is markupsafe.Markup (escape, safe, tojson …): it is not escaped again, it
 * escapes what is added to it, and its repr() is Markup('…'). */
#define TESS_VALUE_FLAG_MARKUP      32u

static inline gboolean
tess_value_is_markup (TessValue v)
{
  return v.type == TESS_VALUE_STRING && (v.flags & TESS_VALUE_FLAG_MARKUP);
}

typedef struct
{
  TessObject hdr;
  gsize      len;
  gsize      n_chars;   /* G_MAXSIZE until computed */
  guint      hash;      /* 0 until computed; strings never change once made */
  char       data[];
} TessString;

typedef struct
{
  TessObject  hdr;
  TessValue  *items;
  guint       len;
  guint       cap;
} TessList;

typedef struct
{
  TessValue key;
  TessValue value;
  guint     hash;
  gboolean  live;
} TessDictEntry;

typedef struct
{
  TessObject     hdr;
  TessDictEntry *entries;
  guint          n_entries;   /* including deleted ones */
  guint          n_live;
  guint          cap;
  gint32        *index;       /* open addressing, NULL while small */
  guint          index_size;
} TessDict;

/* Describes why a value is undefined, for the error message. */
typedef struct
{
  TessObject  hdr;
  char       *message;
} TessUndefinedInfo;

/* Range objects are lazy like Python's, so `range(10**9)` costs nothing until iterated. */
typedef struct
{
  TessObject hdr;
  gint64     start;
  gint64     stop;
  gint64     step;
} TessRange;

/* A generator whose first step raises: Jinja's |items of a value that is not a mapping is
 * only an error once something iterates it; tests, truth and printing do not. */
typedef struct
{
  TessObject  hdr;
  char       *message;
} TessFailingIterator;

#define TESS_VALUE_INIT_NONE ((TessValue) { .type = TESS_VALUE_NONE })

static inline gboolean
tess_value_is_heap (const TessValue *v)
{
  return v->type >= TESS_VALUE_STRING || (v->type == TESS_VALUE_UNDEFINED && v->u.o != NULL);
}

static inline TessValue
tess_value_ref (TessValue v)
{
  if (tess_value_is_heap (&v))
    v.u.o->ref_count++;
  return v;
}

void tess_object_free (TessObject *object);

/* g_string_append_len without the call when the buffer has room (GLib 2.74 does not inline it) */
static inline void
tess_gstring_append (GString *out, const char *data, gsize len)
{
  if (G_LIKELY (out->len + len < out->allocated_len))
    {
      memcpy (out->str + out->len, data, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, data, len);
}

static inline void
tess_value_unref (TessValue v)
{
  if (tess_value_is_heap (&v) && --v.u.o->ref_count == 0)
    tess_object_free (v.u.o);
}

static inline void
tess_value_clear (TessValue *v)
{
  tess_value_unref (*v);
  v->type = TESS_VALUE_NONE;
  v->u.o = NULL;
}

static inline TessValue
tess_value_none (void)
{
  return (TessValue) { .type = TESS_VALUE_NONE };
}

static inline TessValue
tess_value_bool (gboolean b)
{
  return (TessValue) { .type = TESS_VALUE_BOOL, .u.b = !!b };
}

static inline TessValue
tess_value_int (gint64 i)
{
  return (TessValue) { .type = TESS_VALUE_INT, .u.i = i };
}

static inline TessValue
tess_value_float (double f)
{
  return (TessValue) { .type = TESS_VALUE_FLOAT, .u.f = f };
}

static inline TessValue
tess_value_object (TessValueType type, gpointer object)
{
  return (TessValue) { .type = type, .u.o = object };
}

static inline TessString *
tess_value_get_string (TessValue v)
{
  return (TessString *) v.u.o;
}

static inline TessList *
tess_value_get_list (TessValue v)
{
  return (TessList *) v.u.o;
}

static inline TessDict *
tess_value_get_dict (TessValue v)
{
  return (TessDict *) v.u.o;
}

static inline gboolean
tess_value_is_object_kind (TessValue v, TessObjectKind kind)
{
  return v.type == TESS_VALUE_OBJECT && v.u.o->kind == kind;
}

gpointer    tess_object_alloc            (gsize size, TessObjectKind kind, TessObjectFinalize fin);

/* Bytes of strings and list storage allocated by this thread: the evaluator's budget for
 * work, so that a loop over huge strings stops as surely as a loop with many iterations. */
extern __thread guint64 tess_value_work;

/* Undefined */
TessValue   tess_value_undefined         (const char *message);
TessValue   tess_value_undefined_take    (char *message);
const char *tess_value_undefined_message (TessValue v);

/* Strings (UTF-8, byte length known, NUL terminated) */
TessValue   tess_value_string_new        (const char *str, gssize len);
TessValue   tess_value_string_take_gstring (GString *gstring);
TessValue   tess_value_string_empty      (void);
TessString *tess_string_alloc            (gsize len);
gsize       tess_string_n_chars          (TessString *s);
gboolean    tess_string_is_ascii         (TessString *s);

/* Lists and tuples */
TessValue   tess_value_list_new          (guint reserve);
TessValue   tess_value_tuple_new         (guint reserve);
void        tess_list_append             (TessList *list, TessValue item);   /* takes item */
void        tess_list_insert             (TessList *list, guint at, TessValue item);
TessValue   tess_list_remove             (TessList *list, guint at);

/* Dicts (ordered, any hashable key) */
TessValue   tess_value_dict_new          (void);
void        tess_dict_set                (TessDict *dict, TessValue key,
                                          TessValue value); /* takes both */
gboolean    tess_dict_lookup             (TessDict *dict, TessValue key,
                                          TessValue *out); /* borrowed */
gboolean    tess_dict_lookup_str         (TessDict *dict, const char *key, gsize len,
                                          TessValue *out);
gboolean    tess_dict_remove             (TessDict *dict, TessValue key, TessValue *out_value);
void        tess_dict_clear              (TessDict *dict);
TessValue   tess_dict_copy               (TessDict *dict);

#define TESS_DICT_FOREACH(dict, entry)                                            \
  for (TessDictEntry *entry = (dict)->entries;                                    \
       entry < (dict)->entries + (dict)->n_entries; entry++)                      \
    if (entry->live)

/* memmem(), which is a GNU extension */
const char *tess_memmem (const char *haystack, gsize haystack_len, const char *needle,
                         gsize needle_len);

/* Python semantics */
gboolean    tess_value_hashable          (TessValue v);
guint       tess_value_hash              (TessValue v);
gboolean    tess_value_equal             (TessValue a, TessValue b);
const char *tess_value_type_name         (TessValue v);  /* Python's type name: 'int', 'str', … */
gboolean    tess_value_is_number         (TessValue v);
/* Python ordering; FALSE when the two are not orderable (a TypeError in Python). */
gboolean    tess_value_compare           (TessValue a, TessValue b, int *result);
double      tess_value_as_double         (TessValue v);

/* Formatting (tess-template-format.c) */
void        tess_format_float            (GString *out, double f);
void        tess_format_repr             (GString *out, TessValue v);
void        tess_format_str              (GString *out, TessValue v);
void        tess_format_repr_string      (GString *out, const char *s, gsize len);
gboolean    tess_format_json             (GString *out, TessValue v, int indent, int depth,
                                          char **error_message);

/* JSON data conversion */
TessValue   tess_value_from_json_node    (JsonNode *node);
JsonNode   *tess_value_to_json_node      (TessValue v);

G_END_DECLS
