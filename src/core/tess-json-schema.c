/* tess-json-schema.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schema is copied, checked and compiled once into a graph of Schema records (owned by a
 * pool, so that $ref cycles cost nothing to free); validation walks that graph with an
 * explicit depth counter, a step budget and a stack of the $refs being followed.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tess-json-schema.h"

G_DEFINE_QUARK (tess-json-schema-error-quark, tess_json_schema_error)

/* Schema applications may nest this deep: a recursive schema takes about two per level of a
 * TESS_JSON_MAX_DEPTH instance (properties, then $ref). */
#define MAX_NESTING (4 * TESS_JSON_SCHEMA_MAX_DEPTH)

/* Messages show values and lists only this long. */
#define PREVIEW_BYTES 40
#define PREVIEW_ENUM  6

typedef enum
{
  TYPE_NULL    = 1 << 0,
  TYPE_BOOLEAN = 1 << 1,
  TYPE_OBJECT  = 1 << 2,
  TYPE_ARRAY   = 1 << 3,
  TYPE_NUMBER  = 1 << 4,
  TYPE_STRING  = 1 << 5,
  TYPE_INTEGER = 1 << 6,
} TypeMask;

static const struct
{
  const char *name;
  TypeMask    mask;
} type_names[] = {
  { "null", TYPE_NULL },
  { "boolean", TYPE_BOOLEAN },
  { "object", TYPE_OBJECT },
  { "array", TYPE_ARRAY },
  { "number", TYPE_NUMBER },
  { "string", TYPE_STRING },
  { "integer", TYPE_INTEGER },
};

typedef struct _Schema Schema;

typedef struct
{
  char   *name;
  Schema *schema;
} Named;

typedef struct
{
  char   *source;
  GRegex *regex;
  Schema *schema;
} Patterned;

typedef struct
{
  gboolean  set;
  JsonNode *node;  /* borrowed from the document */
} Bound;

struct _Schema
{
  char       *location;        /* pointer into the schema document */
  int         boolean;         /* -1 for an object schema, else the boolean schema's value */
  guint       types;           /* TypeMask; 0 for no "type" */
  char       *type_text;       /* "string or null", in the schema's order */
  GPtrArray  *properties;      /* Named */
  GPtrArray  *pattern_properties;  /* Patterned */
  Schema     *additional_properties;
  Schema     *property_names;
  GPtrArray  *required;        /* char * */
  JsonObject *dependent_required;
  GPtrArray  *dependent_schemas;   /* Named */
  gint64      min_properties, max_properties;
  GPtrArray  *prefix_items;    /* Schema *, not owned */
  Schema     *items;
  Schema     *contains;
  gint64      min_contains, max_contains;
  gint64      min_items, max_items;
  gboolean    unique_items;
  JsonArray  *enum_values;
  JsonNode   *const_value;
  Bound       minimum, maximum, exclusive_minimum, exclusive_maximum, multiple_of;
  gint64      min_length, max_length;
  GRegex     *pattern;
  char       *pattern_source;
  GPtrArray  *all_of, *any_of, *one_of;  /* Schema *, not owned */
  Schema     *not_schema;
  Schema     *if_schema, *then_schema, *else_schema;
  char       *ref;
  Schema     *ref_target;
};

struct _TessJsonSchema
{
  gatomicrefcount  ref_count;
  JsonNode        *document;  /* our deep copy: the Schema records borrow from it */
  GPtrArray       *pool;      /* Schema *, owned */
  Schema          *root;
  GPtrArray       *warnings;
};

G_DEFINE_BOXED_TYPE (TessJsonSchema, tess_json_schema, tess_json_schema_ref, tess_json_schema_unref)

/* ------------------------------------------------------------------------------------------ */
/* Values */

static guint
node_type (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return TYPE_OBJECT;
    case JSON_NODE_ARRAY:
      return TYPE_ARRAY;
    case JSON_NODE_NULL:
      return TYPE_NULL;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          return TYPE_BOOLEAN;
        case G_TYPE_STRING:
          return TYPE_STRING;
        case G_TYPE_INT64:
          return TYPE_NUMBER | TYPE_INTEGER;
        case G_TYPE_DOUBLE:
          {
            double d = json_node_get_double (node);

            /* 3.0 is an integer, as in python-jsonschema and the 2020-12 spec */
            if (isfinite (d) && floor (d) == d)
              return TYPE_NUMBER | TYPE_INTEGER;
            return TYPE_NUMBER;
          }
        default:
          return TYPE_NULL;
        }
    default:
      return TYPE_NULL;
    }
}

/* The JSON name of what @node is, for "got …" in messages. */
static const char *
node_type_name (JsonNode *node)
{
  guint t = node_type (node);

  if (t & TYPE_NUMBER)
    return "number";
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (t == type_names[i].mask)
      return type_names[i].name;
  return "null";
}

static gboolean
node_is_number (JsonNode *node)
{
  return (node_type (node) & TYPE_NUMBER) != 0;
}

static double
node_number (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return json_node_get_double (node);
}

/* -1, 0 or 1 as @i is below, equal to or above @d, exactly (a double cannot hold every
 * gint64, and python-jsonschema compares them exactly). NaN compares as equal. */
static int
compare_int_double (gint64 i,
                    double d)
{
  double t;

  if (isnan (d))
    return 0;
  if (d >= 9223372036854775808.0)
    return -1;
  if (d < -9223372036854775808.0)
    return 1;
  t = trunc (d);
  if (i != (gint64) t)
    return i < (gint64) t ? -1 : 1;
  return t == d ? 0 : (d > t ? -1 : 1);
}

/* Compares two numbers exactly. */
static int
compare_numbers (JsonNode *a,
                 JsonNode *b)
{
  gboolean ia = json_node_get_value_type (a) == G_TYPE_INT64;
  gboolean ib = json_node_get_value_type (b) == G_TYPE_INT64;

  if (ia && ib)
    {
      gint64 x = json_node_get_int (a), y = json_node_get_int (b);

      return x < y ? -1 : x > y;
    }
  if (ia)
    return compare_int_double (json_node_get_int (a), json_node_get_double (b));
  if (ib)
    return -compare_int_double (json_node_get_int (b), json_node_get_double (a));

  {
    double x = json_node_get_double (a), y = json_node_get_double (b);

    return x < y ? -1 : x > y;
  }
}

static void
append_double (GString *out, double d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* the shortest text that reads back the same, with ".0" kept as the user wrote it */
  g_ascii_formatd (buf, sizeof buf, "%.15g", d);
  if (g_ascii_strtod (buf, NULL) != d)
    g_ascii_formatd (buf, sizeof buf, "%.17g", d);
  g_string_append (out, buf);
  if (isfinite (d) && strpbrk (buf, ".eEn") == NULL)
    g_string_append (out, ".0");
}

/* A short JSON-like preview of @node for messages. */
static void
append_preview (GString *out, JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      g_string_append (out, json_object_get_size (json_node_get_object (node)) ? "{…}" : "{}");
      return;
    case JSON_NODE_ARRAY:
      g_string_append (out, json_array_get_length (json_node_get_array (node)) ? "[…]" : "[]");
      return;
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return;
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      append_double (out, json_node_get_double (node));
      break;
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        const char *p = s;

        g_string_append_c (out, '"');
        for (; *p && p - s < PREVIEW_BYTES; p = g_utf8_next_char (p))
          {
            if (*p == '"' || *p == '\\')
              g_string_append_c (out, '\\');
            if (*p == '\n')
              g_string_append (out, "\\n");
            else if ((guchar) *p < 0x20)
              g_string_append_printf (out, "\\u%04x", *p);
            else
              g_string_append_len (out, p, g_utf8_next_char (p) - p);
          }
        if (*p)
          g_string_append (out, "…");
        g_string_append_c (out, '"');
      }
      break;
    default:
      g_string_append (out, "null");
      break;
    }
}

static char *
preview (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  append_preview (out, node);
  return g_string_free (out, FALSE);
}

/* JSON equality: 1 == 1.0, true != 1, objects ignore member order. Deeper than the bound,
 * values compare unequal rather than recursing on. */
static gboolean
json_equal (JsonNode *a,
            JsonNode *b,
            guint     depth)
{
  guint ta = node_type (a), tb = node_type (b);

  if (depth > MAX_NESTING)
    return FALSE;
  if ((ta & TYPE_NUMBER) && (tb & TYPE_NUMBER))
    return compare_numbers (a, b) == 0;
  if (ta != tb)
    return FALSE;

  switch (ta)
    {
    case TYPE_NULL:
      return TRUE;
    case TYPE_BOOLEAN:
      return json_node_get_boolean (a) == json_node_get_boolean (b);
    case TYPE_STRING:
      return g_str_equal (json_node_get_string (a), json_node_get_string (b));
    case TYPE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);
        guint n = json_array_get_length (x);

        if (n != json_array_get_length (y))
          return FALSE;
        for (guint i = 0; i < n; i++)
          if (!json_equal (json_array_get_element (x, i), json_array_get_element (y, i), depth + 1))
            return FALSE;
        return TRUE;
      }
    case TYPE_OBJECT:
      {
        JsonObject *x = json_node_get_object (a), *y = json_node_get_object (b);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        if (json_object_get_size (x) != json_object_get_size (y))
          return FALSE;
        json_object_iter_init (&iter, x);
        while (json_object_iter_next (&iter, &name, &member))
          {
            JsonNode *other = json_object_get_member (y, name);

            if (other == NULL || !json_equal (member, other, depth + 1))
              return FALSE;
          }
        return TRUE;
      }
    default:
      return FALSE;
    }
}

/* Consistent with json_equal(): equal values hash alike. */
static guint
json_hash (JsonNode *node,
           guint     depth)
{
  guint t = node_type (node);

  if (depth > MAX_NESTING)
    return 0;
  if (t & TYPE_NUMBER)
    {
      double d = node_number (node);

      return d == 0.0 ? 0 : g_double_hash (&d);
    }

  switch (t)
    {
    case TYPE_BOOLEAN:
      return json_node_get_boolean (node) ? 1 : 2;
    case TYPE_STRING:
      return g_str_hash (json_node_get_string (node));
    case TYPE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint h = 3;

        for (guint i = 0; i < json_array_get_length (array); i++)
          h = h * 31 + json_hash (json_array_get_element (array, i), depth + 1);
        return h;
      }
    case TYPE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        guint h = 4;

        /* a sum, so that member order does not matter */
        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          h += g_str_hash (name) * 17 + json_hash (member, depth + 1);
        return h;
      }
    default:
      return 5;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Reading the schema */

typedef struct
{
  TessJsonSchema *self;
  GPtrArray      *diagnostics;  /* errors and warnings, pointers into the schema */
  GHashTable     *compiled;     /* JsonNode * → Schema * */
} Compiler;

static void
named_free (Named *named)
{
  g_free (named->name);
  g_free (named);
}

static void
schema_free (Schema *s)
{
  if (s->pattern_properties)
    for (guint i = 0; i < s->pattern_properties->len; i++)
      {
        Patterned *p = g_ptr_array_index (s->pattern_properties, i);

        g_free (p->source);
        g_regex_unref (p->regex);
      }
  g_clear_pointer (&s->properties, g_ptr_array_unref);
  g_clear_pointer (&s->dependent_schemas, g_ptr_array_unref);
  g_clear_pointer (&s->pattern_properties, g_ptr_array_unref);
  g_clear_pointer (&s->required, g_ptr_array_unref);
  g_clear_pointer (&s->prefix_items, g_ptr_array_unref);
  g_clear_pointer (&s->all_of, g_ptr_array_unref);
  g_clear_pointer (&s->any_of, g_ptr_array_unref);
  g_clear_pointer (&s->one_of, g_ptr_array_unref);
  g_clear_pointer (&s->pattern, g_regex_unref);
  g_free (s->pattern_source);
  g_free (s->type_text);
  g_free (s->location);
  g_free (s->ref);
  g_free (s);
}

G_GNUC_PRINTF (4, 5)
static void
report (Compiler     *c,
        TessSeverity  severity,
        const char   *pointer,
        const char   *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (c->diagnostics, tess_diagnostic_new (severity, pointer, message));
}

/* A deep copy that refuses documents nested deeper than the bound (so that compiling it can
 * recurse). @path is the pointer of @node, for the diagnostic. */
static JsonNode *
copy_bounded (JsonNode *node,
              guint     depth,
              GString  *path,
              Compiler *c)
{
  JsonNode *copy;

  if (depth > TESS_JSON_SCHEMA_MAX_DEPTH)
    {
      report (c, TESS_SEVERITY_ERROR, path->str, "the schema nests deeper than %d levels",
              TESS_JSON_SCHEMA_MAX_DEPTH);
      return NULL;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(JsonObject) out = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            gsize len = path->len;
            g_autofree char *child_path = tess_json_pointer_append (path->str, name);
            JsonNode *child;

            g_string_assign (path, child_path);
            child = copy_bounded (member, depth + 1, path, c);
            g_string_truncate (path, len);
            if (child == NULL)
              return NULL;
            json_object_set_member (out, name, child);
          }
        copy = json_node_new (JSON_NODE_OBJECT);
        json_node_set_object (copy, out);
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(JsonArray) out = json_array_new ();

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            gsize len = path->len;
            JsonNode *child;

            g_string_append_printf (path, "/%u", i);
            child = copy_bounded (json_array_get_element (array, i), depth + 1, path, c);
            g_string_truncate (path, len);
            if (child == NULL)
              return NULL;
            json_array_add_element (out, child);
          }
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_set_array (copy, out);
        return copy;
      }
    case JSON_NODE_NULL:
    case JSON_NODE_VALUE:
    default:
      return json_node_copy (node);
    }
}

static Schema *compile (Compiler *c, JsonNode *node, const char *location);

static char *
keyword_pointer (Schema     *s,
                 const char *keyword)
{
  return tess_json_pointer_append (s->location, keyword);
}

/* A keyword whose value is a subschema. */
static Schema *
compile_keyword (Compiler   *c,
                 Schema     *s,
                 JsonNode   *value,
                 const char *keyword)
{
  g_autofree char *pointer = keyword_pointer (s, keyword);

  return compile (c, value, pointer);
}

/* "anyOf", "prefixItems"…: a non-empty array of subschemas. */
static GPtrArray *
compile_list (Compiler   *c,
              Schema     *s,
              JsonNode   *value,
              const char *keyword)
{
  g_autofree char *pointer = keyword_pointer (s, keyword);
  GPtrArray *list;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (value) || json_array_get_length (json_node_get_array (value)) == 0)
    {
      report (c, TESS_SEVERITY_ERROR, pointer, "'%s' must be a non-empty array of schemas",
              keyword);
      return NULL;
    }

  array = json_node_get_array (value);
  list = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_pointer = tess_json_pointer_append_index (pointer, i);
      Schema *item = compile (c, json_array_get_element (array, i), item_pointer);

      if (item != NULL)
        g_ptr_array_add (list, item);
    }
  return list;
}

/* "properties", "$defs"…: an object whose members are subschemas. */
static GPtrArray *
compile_map (Compiler   *c,
             Schema     *s,
             JsonNode   *value,
             const char *keyword)
{
  g_autofree char *pointer = keyword_pointer (s, keyword);
  GPtrArray *list;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (value))
    {
      report (c, TESS_SEVERITY_ERROR, pointer, "'%s' must be an object", keyword);
      return NULL;
    }

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) named_free);
  json_object_iter_init_ordered (&iter, json_node_get_object (value));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_autofree char *member_pointer = tess_json_pointer_append (pointer, name);
      Schema *item = compile (c, member, member_pointer);

      if (item != NULL)
        {
          Named *named = g_new0 (Named, 1);

          named->name = g_strdup (name);
          named->schema = item;
          g_ptr_array_add (list, named);
        }
    }
  return list;
}

static gboolean
read_count (Compiler   *c,
            Schema     *s,
            JsonNode   *value,
            const char *keyword,
            gint64     *out)
{
  g_autofree char *pointer = keyword_pointer (s, keyword);
  guint t = node_type (value);

  if ((t & TYPE_INTEGER) && json_node_get_value_type (value) == G_TYPE_INT64
      && json_node_get_int (value) >= 0)
    {
      *out = json_node_get_int (value);
      return TRUE;
    }
  /* 2.0 is an integer too; one beyond gint64 is as good as no limit at all */
  if ((t & TYPE_INTEGER) && node_number (value) >= 0)
    {
      double d = node_number (value);

      *out = d >= 9223372036854775807.0 ? G_MAXINT64 : (gint64) d;
      return TRUE;
    }
  report (c, TESS_SEVERITY_ERROR, pointer, "'%s' must be a non-negative integer", keyword);
  return FALSE;
}

static void
read_bound (Compiler   *c,
            Schema     *s,
            JsonNode   *value,
            const char *keyword,
            Bound      *out)
{
  if (!node_is_number (value))
    {
      g_autofree char *pointer = keyword_pointer (s, keyword);

      report (c, TESS_SEVERITY_ERROR, pointer, "'%s' must be a number", keyword);
      return;
    }
  out->set = TRUE;
  out->node = value;
}

/* ECMA-262 patterns in GRegex (PCRE2 with UCP): \d and \w are ASCII-only in ECMA, "\uXXXX"
 * is PCRE's "\x{XXXX}", "$" does not match before a final newline, and "[^]" is anything. */
static char *
translate_pattern (const char *source)
{
  GString *out = g_string_new (NULL);
  gboolean in_class = FALSE;

  for (const char *p = source; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          char e = p[1];

          if (e == 'd')
            g_string_append (out, in_class ? "0-9" : "[0-9]");
          else if (e == 'w')
            g_string_append (out, in_class ? "A-Za-z0-9_" : "[A-Za-z0-9_]");
          else if (e == 'D' && !in_class)
            g_string_append (out, "[^0-9]");
          else if (e == 'W' && !in_class)
            g_string_append (out, "[^A-Za-z0-9_]");
          else if (e == 'u' && p[2] == '{')
            {
              const char *close = strchr (p + 3, '}');

              if (close == NULL)
                {
                  g_string_append (out, "\\u");
                  p++;
                  continue;
                }
              g_string_append (out, "\\x");
              g_string_append_len (out, p + 2, close - (p + 2) + 1);
              p = close;
              continue;
            }
          else if (e == 'u' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
                   && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]))
            {
              g_string_append_printf (out, "\\x{%.4s}", p + 2);
              p += 5;
              continue;
            }
          else
            g_string_append_len (out, p, 2);
          p++;
          continue;
        }
      if (!in_class && p[0] == '[' && p[1] == '^' && p[2] == ']')
        {
          g_string_append (out, "[\\s\\S]");
          p += 2;
          continue;
        }
      if (*p == '[')
        in_class = TRUE;
      else if (*p == ']')
        in_class = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static GRegex *
compile_pattern (Compiler   *c,
                 const char *pointer,
                 const char *source)
{
  g_autofree char *translated = translate_pattern (source);
  g_autoptr(GError) error = NULL;
  GRegex *regex;

  regex = g_regex_new (translated, G_REGEX_DOLLAR_ENDONLY, 0, &error);
  if (regex == NULL)
    report (c, TESS_SEVERITY_ERROR, pointer, "'%s' is not a valid regular expression: %s",
            source, error->message);
  return regex;
}

static void
compile_type (Compiler *c,
              Schema   *s,
              JsonNode *value)
{
  g_autofree char *pointer = keyword_pointer (s, "type");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    g_ptr_array_add (names, (gpointer) json_node_get_string (value));
  else if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            {
              report (c, TESS_SEVERITY_ERROR, pointer,
                      "'type' must be a type name or an array of type names");
              return;
            }
          g_ptr_array_add (names, (gpointer) json_node_get_string (item));
        }
    }
  else
    {
      report (c, TESS_SEVERITY_ERROR, pointer,
              "'type' must be a type name or an array of type names");
      return;
    }

  g_clear_pointer (&s->type_text, g_free);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      guint mask = 0;

      for (guint j = 0; j < G_N_ELEMENTS (type_names); j++)
        if (g_str_equal (name, type_names[j].name))
          mask = type_names[j].mask;
      if (mask == 0)
        {
          report (c, TESS_SEVERITY_ERROR, pointer, "unknown type '%s'", name);
          return;
        }
      s->types |= mask;
    }
  g_ptr_array_add (names, NULL);
  s->type_text = g_strjoinv (" or ", (char **) names->pdata);
  /* an empty array allows nothing: no bit of the mask can match */
  if (names->len == 1)
    {
      s->types = 1u << 30;
      g_free (s->type_text);
      s->type_text = g_strdup ("nothing");
    }
}

static gboolean
is_string_array (JsonNode *value)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    return FALSE;
  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_string (JsonNode *value)
{
  return JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING;
}

static void
compile_keywords (Compiler   *c,
                  Schema     *s,
                  JsonObject *object)
{
  JsonObjectIter iter;
  const char *keyword;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &keyword, &value))
    {
      g_autofree char *pointer = keyword_pointer (s, keyword);

      if (g_str_equal (keyword, "type"))
        compile_type (c, s, value);
      else if (g_str_equal (keyword, "properties"))
        s->properties = compile_map (c, s, value, keyword);
      else if (g_str_equal (keyword, "patternProperties"))
        {
          g_autoptr(GPtrArray) map = compile_map (c, s, value, keyword);

          if (map == NULL)
            continue;
          s->pattern_properties = g_ptr_array_new_with_free_func (g_free);
          for (guint i = 0; i < map->len; i++)
            {
              Named *named = g_ptr_array_index (map, i);
              g_autofree char *member_pointer = tess_json_pointer_append (pointer, named->name);
              GRegex *regex = compile_pattern (c, member_pointer, named->name);

              if (regex != NULL)
                {
                  Patterned *p = g_new0 (Patterned, 1);

                  p->source = g_strdup (named->name);
                  p->regex = regex;
                  p->schema = named->schema;
                  g_ptr_array_add (s->pattern_properties, p);
                }
            }
        }
      else if (g_str_equal (keyword, "additionalProperties"))
        s->additional_properties = compile_keyword (c, s, value, keyword);
      else if (g_str_equal (keyword, "propertyNames"))
        s->property_names = compile_keyword (c, s, value, keyword);
      else if (g_str_equal (keyword, "required"))
        {
          JsonArray *array;

          if (!is_string_array (value))
            {
              report (c, TESS_SEVERITY_ERROR, pointer, "'required' must be an array of strings");
              continue;
            }
          array = json_node_get_array (value);
          s->required = g_ptr_array_new ();
          for (guint i = 0; i < json_array_get_length (array); i++)
            g_ptr_array_add (s->required, (gpointer) json_array_get_string_element (array, i));
        }
      else if (g_str_equal (keyword, "dependentRequired"))
        {
          JsonObjectIter deps;
          const char *name;
          JsonNode *list;
          gboolean ok = JSON_NODE_HOLDS_OBJECT (value);

          if (ok)
            {
              json_object_iter_init (&deps, json_node_get_object (value));
              while (json_object_iter_next (&deps, &name, &list))
                ok = ok && is_string_array (list);
            }
          if (!ok)
            report (c, TESS_SEVERITY_ERROR, pointer,
                    "'dependentRequired' must be an object of arrays of strings");
          else
            s->dependent_required = json_node_get_object (value);
        }
      else if (g_str_equal (keyword, "dependentSchemas"))
        s->dependent_schemas = compile_map (c, s, value, keyword);
      else if (g_str_equal (keyword, "minProperties"))
        read_count (c, s, value, keyword, &s->min_properties);
      else if (g_str_equal (keyword, "maxProperties"))
        read_count (c, s, value, keyword, &s->max_properties);
      else if (g_str_equal (keyword, "prefixItems"))
        s->prefix_items = compile_list (c, s, value, keyword);
      else if (g_str_equal (keyword, "items"))
        {
          if (JSON_NODE_HOLDS_ARRAY (value))
            report (c, TESS_SEVERITY_ERROR, pointer,
                    "'items' must be a schema in draft 2020-12; a tuple is 'prefixItems'");
          else
            s->items = compile_keyword (c, s, value, keyword);
        }
      else if (g_str_equal (keyword, "contains"))
        s->contains = compile_keyword (c, s, value, keyword);
      else if (g_str_equal (keyword, "minContains"))
        read_count (c, s, value, keyword, &s->min_contains);
      else if (g_str_equal (keyword, "maxContains"))
        read_count (c, s, value, keyword, &s->max_contains);
      else if (g_str_equal (keyword, "minItems"))
        read_count (c, s, value, keyword, &s->min_items);
      else if (g_str_equal (keyword, "maxItems"))
        read_count (c, s, value, keyword, &s->max_items);
      else if (g_str_equal (keyword, "uniqueItems"))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
            report (c, TESS_SEVERITY_ERROR, pointer, "'uniqueItems' must be a boolean");
          else
            s->unique_items = json_node_get_boolean (value);
        }
      else if (g_str_equal (keyword, "enum"))
        {
          if (!JSON_NODE_HOLDS_ARRAY (value))
            report (c, TESS_SEVERITY_ERROR, pointer, "'enum' must be an array");
          else
            s->enum_values = json_node_get_array (value);
        }
      else if (g_str_equal (keyword, "const"))
        s->const_value = value;
      else if (g_str_equal (keyword, "minimum"))
        read_bound (c, s, value, keyword, &s->minimum);
      else if (g_str_equal (keyword, "maximum"))
        read_bound (c, s, value, keyword, &s->maximum);
      else if (g_str_equal (keyword, "exclusiveMinimum"))
        read_bound (c, s, value, keyword, &s->exclusive_minimum);
      else if (g_str_equal (keyword, "exclusiveMaximum"))
        read_bound (c, s, value, keyword, &s->exclusive_maximum);
      else if (g_str_equal (keyword, "multipleOf"))
        {
          read_bound (c, s, value, keyword, &s->multiple_of);
          if (s->multiple_of.set && !(node_number (s->multiple_of.node) > 0))
            {
              report (c, TESS_SEVERITY_ERROR, pointer, "'multipleOf' must be greater than 0");
              s->multiple_of.set = FALSE;
            }
        }
      else if (g_str_equal (keyword, "minLength"))
        read_count (c, s, value, keyword, &s->min_length);
      else if (g_str_equal (keyword, "maxLength"))
        read_count (c, s, value, keyword, &s->max_length);
      else if (g_str_equal (keyword, "pattern"))
        {
          if (!is_string (value))
            report (c, TESS_SEVERITY_ERROR, pointer, "'pattern' must be a string");
          else if ((s->pattern = compile_pattern (c, pointer, json_node_get_string (value))))
            s->pattern_source = g_strdup (json_node_get_string (value));
        }
      else if (g_str_equal (keyword, "allOf"))
        s->all_of = compile_list (c, s, value, keyword);
      else if (g_str_equal (keyword, "anyOf"))
        s->any_of = compile_list (c, s, value, keyword);
      else if (g_str_equal (keyword, "oneOf"))
        s->one_of = compile_list (c, s, value, keyword);
      else if (g_str_equal (keyword, "not"))
        s->not_schema = compile_keyword (c, s, value, keyword);
      else if (g_str_equal (keyword, "if"))
        s->if_schema = compile_keyword (c, s, value, keyword);
      else if (g_str_equal (keyword, "then"))
        s->then_schema = compile_keyword (c, s, value, keyword);
      else if (g_str_equal (keyword, "else"))
        s->else_schema = compile_keyword (c, s, value, keyword);
      else if (g_str_equal (keyword, "$defs") || g_str_equal (keyword, "definitions"))
        {
          /* compiled only so that their problems are found and $refs find them */
          g_autoptr(GPtrArray) defs = compile_map (c, s, value, keyword);
        }
      else if (g_str_equal (keyword, "$ref"))
        {
          if (!is_string (value))
            report (c, TESS_SEVERITY_ERROR, pointer, "'$ref' must be a string");
          else
            s->ref = g_strdup (json_node_get_string (value));
        }
      else if (g_str_equal (keyword, "unevaluatedProperties")
               || g_str_equal (keyword, "unevaluatedItems")
               || g_str_equal (keyword, "$dynamicRef")
               || g_str_equal (keyword, "$recursiveRef"))
        report (c, TESS_SEVERITY_WARNING, pointer, "'%s' is not supported and is ignored", keyword);
      else if (g_str_equal (keyword, "format") && !is_string (value))
        report (c, TESS_SEVERITY_ERROR, pointer, "'format' must be a string");
      /* anything else (title, description, default, format, $schema, $id, $comment,
       * examples, unknown keywords) is an annotation */
    }
}

static Schema *
compile (Compiler   *c,
         JsonNode   *node,
         const char *location)
{
  Schema *s = g_hash_table_lookup (c->compiled, node);

  if (s != NULL)
    return s;

  if (!JSON_NODE_HOLDS_OBJECT (node)
      && !(JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN))
    {
      report (c, TESS_SEVERITY_ERROR, location, "a schema must be an object or a boolean, got %s",
              node_type_name (node));
      return NULL;
    }

  s = g_new0 (Schema, 1);
  s->location = g_strdup (location);
  s->min_properties = s->max_properties = -1;
  s->min_contains = s->max_contains = -1;
  s->min_items = s->max_items = -1;
  s->min_length = s->max_length = -1;
  g_ptr_array_add (c->self->pool, s);
  g_hash_table_insert (c->compiled, node, s);

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      s->boolean = json_node_get_boolean (node);
      return s;
    }
  s->boolean = -1;
  compile_keywords (c, s, json_node_get_object (node));
  return s;
}

/* Decodes a "#/…" fragment into the pointer it names (percent-escapes undone). */
static char *
fragment_to_pointer (const char *fragment)
{
  return g_uri_unescape_string (fragment, NULL);
}

/* Walks @pointer in the document; NULL if it names nothing. */
static JsonNode *
resolve_pointer (JsonNode   *root,
                 const char *pointer)
{
  g_auto(GStrv) tokens = NULL;
  JsonNode *node = root;

  if (pointer[0] == '\0')
    return root;
  if (pointer[0] != '/')
    return NULL;

  tokens = g_strsplit (pointer + 1, "/", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autoptr(GString) token = g_string_new (NULL);

      for (const char *p = tokens[i]; *p; p++)
        {
          if (*p == '~' && p[1] == '0')
            g_string_append_c (token, '~'), p++;
          else if (*p == '~' && p[1] == '1')
            g_string_append_c (token, '/'), p++;
          else
            g_string_append_c (token, *p);
        }

      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), token->str);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint64 index;

          if (!g_ascii_string_to_unsigned (token->str, 10, 0, G_MAXUINT, &index, NULL)
              || index >= json_array_get_length (array))
            return NULL;
          node = json_array_get_element (array, index);
        }
      else
        return NULL;
      if (node == NULL)
        return NULL;
    }
  return node;
}

static void
resolve_refs (Compiler *c)
{
  JsonNode *root = c->self->document;
  const char *base = NULL;

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *id = json_object_get_member (json_node_get_object (root), "$id");

      if (id != NULL && is_string (id))
        base = json_node_get_string (id);
    }

  /* resolving may compile more schemas, which this loop then resolves too */
  for (guint i = 0; i < c->self->pool->len; i++)
    {
      Schema *s = g_ptr_array_index (c->self->pool, i);
      g_autofree char *pointer = NULL;
      g_autofree char *where = NULL;
      const char *ref = s->ref;
      JsonNode *target;

      if (ref == NULL)
        continue;
      where = keyword_pointer (s, "$ref");

      /* the document's own $id names the document itself */
      if (base != NULL && g_str_has_prefix (ref, base)
          && (ref[strlen (base)] == '#' || ref[strlen (base)] == '\0'))
        ref += strlen (base);

      if (ref[0] == '\0')
        ref = "#";
      if (ref[0] != '#')
        {
          report (c, TESS_SEVERITY_ERROR, where,
                  "remote reference '%s' is not supported; only local ones like '#/$defs/name'",
                  s->ref);
          continue;
        }
      if (ref[1] != '\0' && ref[1] != '/')
        {
          report (c, TESS_SEVERITY_ERROR, where,
                  "anchor reference '%s' is not supported; use a pointer like '#/$defs/name'",
                  s->ref);
          continue;
        }

      pointer = fragment_to_pointer (ref + 1);
      target = pointer ? resolve_pointer (root, pointer) : NULL;
      if (target == NULL)
        {
          report (c, TESS_SEVERITY_ERROR, where, "reference '%s' does not resolve", s->ref);
          continue;
        }
      s->ref_target = compile (c, target, pointer);
    }
}

static TessJsonSchema *
compile_document (JsonNode   *schema,
                  GPtrArray **diagnostics)
{
  g_autoptr(GHashTable) compiled = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) path = g_string_new (NULL);
  TessJsonSchema *self = g_new0 (TessJsonSchema, 1);
  Compiler c = { self, tess_diagnostics_new (), compiled };

  g_atomic_ref_count_init (&self->ref_count);
  self->pool = g_ptr_array_new_with_free_func ((GDestroyNotify) schema_free);
  self->warnings = tess_diagnostics_new ();

  self->document = copy_bounded (schema, 0, path, &c);
  if (self->document != NULL)
    {
      self->root = compile (&c, self->document, "");
      resolve_refs (&c);
    }

  for (guint i = 0; i < c.diagnostics->len; i++)
    {
      TessDiagnostic *d = g_ptr_array_index (c.diagnostics, i);

      if (d->severity == TESS_SEVERITY_WARNING)
        g_ptr_array_add (self->warnings, tess_diagnostic_copy (d));
    }
  *diagnostics = c.diagnostics;
  return self;
}

TessJsonSchema *
tess_json_schema_new (JsonNode  *schema,
                      GError   **error)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(TessJsonSchema) self = NULL;

  g_return_val_if_fail (schema != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = compile_document (schema, &diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      TessDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->severity == TESS_SEVERITY_ERROR)
        {
          g_set_error (error, TESS_JSON_SCHEMA_ERROR, TESS_JSON_SCHEMA_ERROR_INVALID, "%s: %s",
                       d->pointer[0] ? d->pointer : "(root)", d->message);
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

GPtrArray *
tess_json_schema_check (JsonNode *schema)
{
  g_autoptr(TessJsonSchema) self = NULL;
  GPtrArray *diagnostics = NULL;

  g_return_val_if_fail (schema != NULL, NULL);

  self = compile_document (schema, &diagnostics);
  return diagnostics;
}

GPtrArray *
tess_json_schema_get_warnings (TessJsonSchema *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_ptr_array_ref (self->warnings);
}

TessJsonSchema *
tess_json_schema_ref (TessJsonSchema *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tess_json_schema_unref (TessJsonSchema *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->pool);
  g_ptr_array_unref (self->warnings);
  g_clear_pointer (&self->document, json_node_unref);
  g_free (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Validating */

typedef struct
{
  Schema   *schema;
  JsonNode *instance;
} RefFrame;

typedef struct
{
  GString        *path;     /* pointer of the instance being validated */
  GPtrArray      *out;      /* where diagnostics go; NULL when only validity matters */
  guint           errors;   /* found since the caller last looked */
  guint           depth;
  guint64         steps;
  GArray         *refs;     /* RefFrame: the $refs being followed */
  TessDiagnostic *stopped;  /* why validation stopped early, if it did */
} Ctx;

static void apply (Ctx *ctx, Schema *s, JsonNode *instance);

G_GNUC_PRINTF (2, 3)
static void
fail (Ctx        *ctx,
      const char *format,
      ...)
{
  va_list args;
  char *message;

  ctx->errors++;
  if (ctx->out == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (ctx->out, tess_diagnostic_new (TESS_SEVERITY_ERROR, ctx->path->str, message));
  g_free (message);
}

G_GNUC_PRINTF (2, 3)
static void
stop (Ctx        *ctx,
      const char *format,
      ...)
{
  va_list args;
  char *message;

  ctx->errors++;
  if (ctx->stopped != NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  ctx->stopped = tess_diagnostic_new (TESS_SEVERITY_ERROR, ctx->path->str, message);
  g_free (message);
}

/* Whether validation can end here: it stopped, or only validity is asked and it is known. */
static gboolean
done (Ctx *ctx)
{
  return ctx->stopped != NULL || (ctx->out == NULL && ctx->errors > 0);
}

static void
descend_key (Ctx        *ctx,
             Schema     *s,
             JsonNode   *instance,
             const char *key)
{
  gsize len = ctx->path->len;

  g_string_append_c (ctx->path, '/');
  for (const char *p = key; *p; p++)
    {
      if (*p == '~')
        g_string_append (ctx->path, "~0");
      else if (*p == '/')
        g_string_append (ctx->path, "~1");
      else
        g_string_append_c (ctx->path, *p);
    }
  apply (ctx, s, instance);
  g_string_truncate (ctx->path, len);
}

static void
descend_index (Ctx      *ctx,
               Schema   *s,
               JsonNode *instance,
               guint     index)
{
  gsize len = ctx->path->len;

  g_string_append_printf (ctx->path, "/%u", index);
  apply (ctx, s, instance);
  g_string_truncate (ctx->path, len);
}

/* Applies @s to @instance with diagnostics going to @out (NULL: none), returning how many
 * errors it found; the caller's own count and output are left alone. */
static guint
try_schema (Ctx       *ctx,
            Schema    *s,
            JsonNode  *instance,
            GPtrArray *out)
{
  GPtrArray *saved_out = ctx->out;
  guint saved_errors = ctx->errors;
  guint errors;

  ctx->out = out;
  ctx->errors = 0;
  apply (ctx, s, instance);
  errors = ctx->errors;
  ctx->out = saved_out;
  ctx->errors = saved_errors;
  return errors;
}

static void
check_type (Ctx      *ctx,
            Schema   *s,
            JsonNode *instance)
{
  if (s->types == 0 || (s->types & node_type (instance)))
    return;

  fail (ctx, "expected %s, got %s", s->type_text, node_type_name (instance));
}

static void
check_enum (Ctx      *ctx,
            Schema   *s,
            JsonNode *instance)
{
  guint n = json_array_get_length (s->enum_values);
  g_autoptr(GString) list = NULL;
  g_autofree char *value = NULL;

  ctx->steps += n;
  for (guint i = 0; i < n; i++)
    if (json_equal (instance, json_array_get_element (s->enum_values, i), 0))
      return;

  list = g_string_new (NULL);
  for (guint i = 0; i < n && i < PREVIEW_ENUM; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      append_preview (list, json_array_get_element (s->enum_values, i));
    }
  if (n > PREVIEW_ENUM)
    g_string_append_printf (list, ", … (%u in all)", n);
  value = preview (instance);
  if (n == 0)
    fail (ctx, "no value is allowed here (the 'enum' is empty)");
  else
    fail (ctx, "%s is not one of %s", value, list->str);
}

static void
check_number (Ctx      *ctx,
              Schema   *s,
              JsonNode *instance)
{
  g_autofree char *value = NULL;

  if (!(s->minimum.set || s->maximum.set || s->exclusive_minimum.set
        || s->exclusive_maximum.set || s->multiple_of.set))
    return;

  value = preview (instance);
#define BOUND_FAIL(bound, text) \
  G_STMT_START { \
    g_autofree char *limit = preview (s->bound.node); \
    fail (ctx, "%s is " text " %s", value, limit); \
  } G_STMT_END

  if (s->minimum.set && compare_numbers (instance, s->minimum.node) < 0)
    BOUND_FAIL (minimum, "less than the minimum of");
  if (s->maximum.set && compare_numbers (instance, s->maximum.node) > 0)
    BOUND_FAIL (maximum, "greater than the maximum of");
  if (s->exclusive_minimum.set && compare_numbers (instance, s->exclusive_minimum.node) <= 0)
    BOUND_FAIL (exclusive_minimum, "less than or equal to the exclusive minimum of");
  if (s->exclusive_maximum.set && compare_numbers (instance, s->exclusive_maximum.node) >= 0)
    BOUND_FAIL (exclusive_maximum, "greater than or equal to the exclusive maximum of");
#undef BOUND_FAIL

  if (s->multiple_of.set)
    {
      JsonNode *divisor = s->multiple_of.node;
      gboolean failed;

      if (json_node_get_value_type (divisor) == G_TYPE_INT64
          && json_node_get_value_type (instance) == G_TYPE_INT64)
        failed = json_node_get_int (instance) % json_node_get_int (divisor) != 0;
      else
        {
          /* as python-jsonschema: a float quotient must be a whole number */
          double x = node_number (instance), d = node_number (divisor);
          double quotient = x / d;

          failed = isfinite (quotient) ? trunc (quotient) != quotient : fmod (x, d) != 0;
        }
      if (failed)
        {
          g_autofree char *limit = preview (divisor);

          fail (ctx, "%s is not a multiple of %s", value, limit);
        }
    }
}

static void
check_string (Ctx      *ctx,
              Schema   *s,
              JsonNode *instance)
{
  const char *str = json_node_get_string (instance);

  if (s->min_length >= 0 || s->max_length >= 0)
    {
      glong length = g_utf8_strlen (str, -1);

      if (s->min_length >= 0 && length < s->min_length)
        fail (ctx, "expected at least %" G_GINT64_FORMAT " character%s, got %ld", s->min_length,
              s->min_length == 1 ? "" : "s", length);
      if (s->max_length >= 0 && length > s->max_length)
        fail (ctx, "expected at most %" G_GINT64_FORMAT " character%s, got %ld", s->max_length,
              s->max_length == 1 ? "" : "s", length);
    }

  if (s->pattern != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!g_regex_match_full (s->pattern, str, -1, 0, 0, NULL, &error))
        {
          g_autofree char *value = preview (instance);

          if (error != NULL)
            fail (ctx, "%s could not be matched against the pattern '%s': %s", value,
                  s->pattern_source, error->message);
          else
            fail (ctx, "%s does not match the pattern '%s'", value, s->pattern_source);
        }
    }
}

static int
compare_hashed (gconstpointer a,
                gconstpointer b)
{
  const guint *x = a, *y = b;

  /* by hash, then by index, so that the first equal pair found is the earliest */
  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return x[1] < y[1] ? -1 : (x[1] > y[1]);
}

static void
check_unique (Ctx       *ctx,
              JsonArray *array)
{
  guint n = json_array_get_length (array);
  g_autofree guint *hashed = g_new (guint, 2 * (gsize) n);
  guint first = G_MAXUINT, second = G_MAXUINT;

  /* sorting by hash keeps this n log n where comparing every pair would be n² */
  for (guint i = 0; i < n; i++)
    {
      hashed[2 * i] = json_hash (json_array_get_element (array, i), 0);
      hashed[2 * i + 1] = i;
    }
  qsort (hashed, n, 2 * sizeof (guint), compare_hashed);
  ctx->steps += n;

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n && hashed[2 * j] == hashed[2 * i]; j++)
      {
        guint a = hashed[2 * i + 1], b = hashed[2 * j + 1];

        if (++ctx->steps > TESS_JSON_SCHEMA_MAX_STEPS)
          return;
        if (json_equal (json_array_get_element (array, a), json_array_get_element (array, b), 0)
            && (MAX (a, b) < second || (MAX (a, b) == second && MIN (a, b) < first)))
          {
            first = MIN (a, b);
            second = MAX (a, b);
          }
      }

  if (second != G_MAXUINT)
    fail (ctx, "items %u and %u are equal; all items must be unique", first, second);
}

static void
check_array (Ctx      *ctx,
             Schema   *s,
             JsonNode *instance)
{
  JsonArray *array = json_node_get_array (instance);
  guint n = json_array_get_length (array);
  guint prefix = 0;

  if (s->min_items >= 0 && n < s->min_items)
    fail (ctx, "expected at least %" G_GINT64_FORMAT " item%s, got %u", s->min_items,
          s->min_items == 1 ? "" : "s", n);
  if (s->max_items >= 0 && n > s->max_items)
    fail (ctx, "expected at most %" G_GINT64_FORMAT " item%s, got %u", s->max_items,
          s->max_items == 1 ? "" : "s", n);
  if (s->unique_items && n > 1)
    check_unique (ctx, array);

  if (s->prefix_items != NULL)
    {
      prefix = s->prefix_items->len;
      for (guint i = 0; i < n && i < prefix && !done (ctx); i++)
        descend_index (ctx, g_ptr_array_index (s->prefix_items, i),
                       json_array_get_element (array, i), i);
    }

  /* python-jsonschema puts "items": false on the array, not on the items */
  if (s->items != NULL && s->items->boolean == FALSE)
    {
      if (n > prefix)
        fail (ctx, "expected at most %u item%s, got %u", prefix, prefix == 1 ? "" : "s", n);
    }
  else if (s->items != NULL)
    for (guint i = prefix; i < n && !done (ctx); i++)
      descend_index (ctx, s->items, json_array_get_element (array, i), i);

  if (s->contains != NULL)
    {
      gint64 matches = 0;
      gint64 min = s->min_contains >= 0 ? s->min_contains : 1;

      for (guint i = 0; i < n && !done (ctx); i++)
        if (try_schema (ctx, s->contains, json_array_get_element (array, i), NULL) == 0)
          matches++;
      if (ctx->stopped)
        return;
      if (matches < min)
        {
          if (matches == 0)
            fail (ctx, "no item matches the 'contains' schema");
          else
            fail (ctx, "expected at least %" G_GINT64_FORMAT " items to match the 'contains' "
                  "schema, got %" G_GINT64_FORMAT, min, matches);
        }
      if (s->max_contains >= 0 && matches > s->max_contains)
        fail (ctx, "expected at most %" G_GINT64_FORMAT " items to match the 'contains' schema, "
              "got %" G_GINT64_FORMAT, s->max_contains, matches);
    }
}

static gboolean
is_additional (Schema     *s,
               const char *name)
{
  if (s->properties != NULL)
    for (guint i = 0; i < s->properties->len; i++)
      if (g_str_equal (((Named *) g_ptr_array_index (s->properties, i))->name, name))
        return FALSE;
  if (s->pattern_properties != NULL)
    for (guint i = 0; i < s->pattern_properties->len; i++)
      if (g_regex_match (((Patterned *) g_ptr_array_index (s->pattern_properties, i))->regex,
                         name, 0, NULL))
        return FALSE;
  return TRUE;
}

static void
check_property_name (Ctx        *ctx,
                     Schema     *s,
                     const char *name)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), name);
  g_autoptr(GPtrArray) errors = tess_diagnostics_new ();

  if (try_schema (ctx, s->property_names, node, ctx->out ? errors : NULL) == 0)
    return;
  if (ctx->out == NULL || errors->len == 0)
    fail (ctx, "property name '%s' is not allowed", name);
  for (guint i = 0; i < errors->len; i++)
    fail (ctx, "property name '%s': %s", name,
          ((TessDiagnostic *) g_ptr_array_index (errors, i))->message);
}

static void
check_object (Ctx      *ctx,
              Schema   *s,
              JsonNode *instance)
{
  JsonObject *object = json_node_get_object (instance);
  guint size = json_object_get_size (object);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (s->required != NULL)
    for (guint i = 0; i < s->required->len; i++)
      {
        const char *required = g_ptr_array_index (s->required, i);

        if (!json_object_has_member (object, required))
          fail (ctx, "'%s' is a required property", required);
      }

  if (s->min_properties >= 0 && size < s->min_properties)
    fail (ctx, "expected at least %" G_GINT64_FORMAT " propert%s, got %u", s->min_properties,
          s->min_properties == 1 ? "y" : "ies", size);
  if (s->max_properties >= 0 && size > s->max_properties)
    fail (ctx, "expected at most %" G_GINT64_FORMAT " propert%s, got %u", s->max_properties,
          s->max_properties == 1 ? "y" : "ies", size);

  if (s->dependent_required != NULL)
    {
      JsonObjectIter deps;
      JsonNode *list;

      json_object_iter_init_ordered (&deps, s->dependent_required);
      while (json_object_iter_next_ordered (&deps, &name, &list))
        {
          JsonArray *array = json_node_get_array (list);

          if (!json_object_has_member (object, name))
            continue;
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              const char *needed = json_array_get_string_element (array, i);

              if (!json_object_has_member (object, needed))
                fail (ctx, "'%s' is required when '%s' is present", needed, name);
            }
        }
    }

  if (s->dependent_schemas != NULL)
    for (guint i = 0; i < s->dependent_schemas->len && !done (ctx); i++)
      {
        Named *named = g_ptr_array_index (s->dependent_schemas, i);

        if (json_object_has_member (object, named->name))
          apply (ctx, named->schema, instance);
      }

  if (s->properties != NULL)
    for (guint i = 0; i < s->properties->len && !done (ctx); i++)
      {
        Named *named = g_ptr_array_index (s->properties, i);

        member = json_object_get_member (object, named->name);
        if (member != NULL)
          descend_key (ctx, named->schema, member, named->name);
      }

  if (s->pattern_properties == NULL && s->additional_properties == NULL
      && s->property_names == NULL)
    return;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member) && !done (ctx))
    {
      ctx->steps++;
      if (s->property_names != NULL)
        check_property_name (ctx, s, name);

      if (s->pattern_properties != NULL)
        for (guint i = 0; i < s->pattern_properties->len && !done (ctx); i++)
          {
            Patterned *p = g_ptr_array_index (s->pattern_properties, i);

            if (g_regex_match (p->regex, name, 0, NULL))
              descend_key (ctx, p->schema, member, name);
          }

      if (s->additional_properties == NULL || !is_additional (s, name))
        continue;
      /* python-jsonschema puts a refused extra property on the object, not on the member */
      if (s->additional_properties->boolean == FALSE)
        fail (ctx, "property '%s' is not allowed here", name);
      else
        descend_key (ctx, s->additional_properties, member, name);
    }
}

/* The message for a failed anyOf or oneOf, naming the closest branch's first problem. */
static void
fail_none_matched (Ctx        *ctx,
                   GPtrArray  *branches,
                   GPtrArray **errors,
                   const char *keyword)
{
  GPtrArray *best = NULL;
  TessDiagnostic *first;

  if (ctx->out == NULL)
    {
      fail (ctx, "matches none of the schemas in '%s'", keyword);
      return;
    }

  for (guint i = 0; i < branches->len; i++)
    if (errors[i] != NULL && errors[i]->len > 0 && (best == NULL || errors[i]->len < best->len))
      best = errors[i];
  if (best == NULL)
    {
      fail (ctx, "matches none of the schemas in '%s'", keyword);
      return;
    }

  first = g_ptr_array_index (best, 0);
  if (g_str_equal (first->pointer, ctx->path->str))
    fail (ctx, "matches none of the schemas in '%s' (closest: %s)", keyword, first->message);
  else
    fail (ctx, "matches none of the schemas in '%s' (closest: %s: %s)", keyword,
          first->pointer + ctx->path->len, first->message);
}

static void
check_combinators (Ctx      *ctx,
                   Schema   *s,
                   JsonNode *instance)
{
  if (s->all_of != NULL)
    for (guint i = 0; i < s->all_of->len && !done (ctx); i++)
      apply (ctx, g_ptr_array_index (s->all_of, i), instance);

  if (s->any_of != NULL && !done (ctx))
    {
      guint n = s->any_of->len;
      g_autofree GPtrArray **errors = g_new0 (GPtrArray *, n);
      gboolean matched = FALSE;

      /* stops at the first match, as python-jsonschema does */
      for (guint i = 0; i < n && !matched && !ctx->stopped; i++)
        {
          errors[i] = ctx->out ? tess_diagnostics_new () : NULL;
          matched = try_schema (ctx, g_ptr_array_index (s->any_of, i), instance, errors[i]) == 0;
        }
      if (!matched && !ctx->stopped)
        fail_none_matched (ctx, s->any_of, errors, "anyOf");
      for (guint i = 0; i < n; i++)
        g_clear_pointer (&errors[i], g_ptr_array_unref);
    }

  if (s->one_of != NULL && !done (ctx))
    {
      guint n = s->one_of->len;
      g_autofree GPtrArray **errors = g_new0 (GPtrArray *, n);
      guint first = G_MAXUINT, second = G_MAXUINT;

      for (guint i = 0; i < n && second == G_MAXUINT && !ctx->stopped; i++)
        {
          errors[i] = ctx->out ? tess_diagnostics_new () : NULL;
          if (try_schema (ctx, g_ptr_array_index (s->one_of, i), instance, errors[i]) == 0)
            {
              if (first == G_MAXUINT)
                first = i;
              else
                second = i;
            }
        }
      if (!ctx->stopped)
        {
          if (first == G_MAXUINT)
            fail_none_matched (ctx, s->one_of, errors, "oneOf");
          else if (second != G_MAXUINT)
            fail (ctx, "matches more than one of the schemas in 'oneOf' (%u and %u)", first,
                  second);
        }
      for (guint i = 0; i < n; i++)
        g_clear_pointer (&errors[i], g_ptr_array_unref);
    }

  if (s->not_schema != NULL && !done (ctx))
    {
      if (try_schema (ctx, s->not_schema, instance, NULL) == 0 && !ctx->stopped)
        fail (ctx, "must not match the schema in 'not'");
    }

  if (s->if_schema != NULL && !done (ctx))
    {
      gboolean matched = try_schema (ctx, s->if_schema, instance, NULL) == 0;

      if (ctx->stopped)
        return;
      if (matched && s->then_schema != NULL)
        apply (ctx, s->then_schema, instance);
      else if (!matched && s->else_schema != NULL)
        apply (ctx, s->else_schema, instance);
    }
}

static void
follow_ref (Ctx      *ctx,
            Schema   *s,
            JsonNode *instance)
{
  Schema *target = s->ref_target;
  RefFrame frame = { target, instance };

  /* Frames for the same instance are the top of the stack; if this one is among them, the
   * $ref loops back without consuming any data and would never end. */
  for (guint i = ctx->refs->len; i > 0; i--)
    {
      RefFrame *f = &g_array_index (ctx->refs, RefFrame, i - 1);

      if (f->instance != instance)
        break;
      if (f->schema == target)
        {
          stop (ctx, "'$ref' cycle: '%s' at '%s' refers back to itself without consuming data",
                s->ref, s->location[0] ? s->location : "#");
          return;
        }
    }

  g_array_append_val (ctx->refs, frame);
  apply (ctx, target, instance);
  g_array_set_size (ctx->refs, ctx->refs->len - 1);
}

static void
apply (Ctx      *ctx,
       Schema   *s,
       JsonNode *instance)
{
  guint t;

  if (done (ctx))
    return;
  if (++ctx->steps > TESS_JSON_SCHEMA_MAX_STEPS)
    {
      stop (ctx, "validation stopped: the schema needs more than %d steps",
            TESS_JSON_SCHEMA_MAX_STEPS);
      return;
    }
  if (ctx->depth >= MAX_NESTING)
    {
      stop (ctx, "validation stopped: schemas nest deeper than %d levels here", MAX_NESTING);
      return;
    }

  if (s->boolean == TRUE)
    return;
  if (s->boolean == FALSE)
    {
      fail (ctx, "no value is allowed here");
      return;
    }

  ctx->depth++;
  t = node_type (instance);

  if (s->ref_target != NULL)
    follow_ref (ctx, s, instance);

  check_type (ctx, s, instance);
  if (s->enum_values != NULL)
    check_enum (ctx, s, instance);
  if (s->const_value != NULL && !json_equal (instance, s->const_value, 0))
    {
      g_autofree char *expected = preview (s->const_value);

      fail (ctx, "expected the value %s", expected);
    }

  if (t & TYPE_NUMBER)
    check_number (ctx, s, instance);
  else if (t == TYPE_STRING)
    check_string (ctx, s, instance);
  else if (t == TYPE_ARRAY)
    check_array (ctx, s, instance);
  else if (t == TYPE_OBJECT)
    check_object (ctx, s, instance);

  check_combinators (ctx, s, instance);
  ctx->depth--;
}

static guint
run (TessJsonSchema *self,
     JsonNode       *instance,
     GPtrArray      *out)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (RefFrame));
  Ctx ctx = { path, out, 0, 0, 0, refs, NULL };

  apply (&ctx, self->root, instance);
  if (ctx.stopped != NULL)
    {
      ctx.errors++;
      if (out != NULL)
        g_ptr_array_add (out, ctx.stopped);
      else
        tess_diagnostic_free (ctx.stopped);
    }
  return ctx.errors;
}

GPtrArray *
tess_json_schema_validate (TessJsonSchema *self,
                           JsonNode       *instance)
{
  GPtrArray *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (instance != NULL, NULL);

  out = tess_diagnostics_new ();
  run (self, instance, out);
  return out;
}

gboolean
tess_json_schema_is_valid (TessJsonSchema *self,
                           JsonNode       *instance)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (instance != NULL, FALSE);

  return run (self, instance, NULL) == 0;
}
