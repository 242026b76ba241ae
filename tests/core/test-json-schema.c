/* test-json-schema.c: the JSON Schema validator, keyword by keyword and against python-jsonschema
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The differential cases send each schema and data set to python3-jsonschema (one batch
 * process, tests/core/jsonschema-batch.py) and the SET of error pointers must be the same:
 *
 *   TESS_SCHEMA_DIFF_MUTATIONS=N   mutated data sets per corpus sample (default 40)
 *   TESS_SCHEMA_DIFF_SEED=S        seed of the mutations
 *   TESS_DIFF_PYTHON=/usr/bin/python3                               interpreter to use
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "core/tess-json.h"
#include "core/tess-json-schema.h"

typedef struct
{
  const char *schema;
  const char *data;
  const char *expected;      /* "POINTER|MESSAGE" lines, in order; "" when valid */
  gboolean    differential;  /* python-jsonschema must give the same pointers */
} SchemaCase;

#include "test-json-schema-cases.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = tess_json_parse (text, -1, &error);

  g_assert_no_error (error);
  return node;
}

static TessJsonSchema *
schema_from_text (const char *text)
{
  g_autoptr(JsonNode) node = parse (text);
  g_autoptr(GError) error = NULL;
  TessJsonSchema *schema = tess_json_schema_new (node, &error);

  g_assert_no_error (error);
  return schema;
}

static char *
diagnostics_text (GPtrArray *diagnostics)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      TessDiagnostic *d = g_ptr_array_index (diagnostics, i);

      g_assert_cmpint (d->severity, ==, TESS_SEVERITY_ERROR);
      g_string_append_printf (out, "%s%s|%s", i ? "\n" : "", d->pointer, d->message);
    }
  return g_string_free (out, FALSE);
}

static char *
validate_text (const char *schema_text,
               const char *data_text)
{
  g_autoptr(TessJsonSchema) schema = schema_from_text (schema_text);
  g_autoptr(JsonNode) data = parse (data_text);
  g_autoptr(GPtrArray) diagnostics = tess_json_schema_validate (schema, data);

  /* the quick check must agree with the full one */
  g_assert_cmpint (tess_json_schema_is_valid (schema, data), ==, diagnostics->len == 0);
  return diagnostics_text (diagnostics);
}

static void
test_keywords (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (schema_cases); i++)
    {
      const SchemaCase *c = &schema_cases[i];
      g_autofree char *got = validate_text (c->schema, c->data);

      if (!g_str_equal (got, c->expected))
        g_error ("case %u: schema %s, data %s\nexpected:\n%s\ngot:\n%s", i, c->schema, c->data,
                 c->expected, got);
    }
  g_test_message ("%u keyword cases", (guint) G_N_ELEMENTS (schema_cases));
}

/* Problems of the schema itself point into the schema. */
static void
test_schema_errors (void)
{
  static const struct
  {
    const char *schema;
    const char *expected;  /* the first diagnostic, "POINTER|MESSAGE" */
  } cases[] = {
    { "3", "|a schema must be an object or a boolean, got number" },
    { "\"x\"", "|a schema must be an object or a boolean, got string" },
    { "{\"type\": \"strin\"}", "/type|unknown type 'strin'" },
    { "{\"type\": 3}", "/type|'type' must be a type name or an array of type names" },
    { "{\"type\": [\"string\", 1]}", "/type|'type' must be a type name or an array of type names" },
    { "{\"properties\": []}", "/properties|'properties' must be an object" },
    { "{\"properties\": {\"a/b\": 3}}",
      "/properties/a~1b|a schema must be an object or a boolean, got number" },
    { "{\"required\": \"a\"}", "/required|'required' must be an array of strings" },
    { "{\"minLength\": -1}", "/minLength|'minLength' must be a non-negative integer" },
    { "{\"maxItems\": 1.5}", "/maxItems|'maxItems' must be a non-negative integer" },
    { "{\"maximum\": \"3\"}", "/maximum|'maximum' must be a number" },
    { "{\"multipleOf\": 0}", "/multipleOf|'multipleOf' must be greater than 0" },
    { "{\"enum\": 3}", "/enum|'enum' must be an array" },
    { "{\"uniqueItems\": 1}", "/uniqueItems|'uniqueItems' must be a boolean" },
    { "{\"anyOf\": []}", "/anyOf|'anyOf' must be a non-empty array of schemas" },
    { "{\"allOf\": [{}, 2]}", "/allOf/1|a schema must be an object or a boolean, got number" },
    { "{\"items\": [{}]}", "/items|'items' must be a schema in draft 2020-12; a tuple is 'prefixItems'" },
    { "{\"$defs\": {\"x\": null}}", "/$defs/x|a schema must be an object or a boolean, got null" },
    { "{\"items\": {\"items\": {\"pattern\": \"(\"}}}", NULL },
    { "{\"$ref\": 3}", "/$ref|'$ref' must be a string" },
    { "{\"$ref\": \"https://example.com/other.json\"}",
      "/$ref|remote reference 'https://example.com/other.json' is not supported; "
      "only local ones like '#/$defs/name'" },
    { "{\"properties\": {\"a\": {\"$ref\": \"other.json#/x\"}}}",
      "/properties/a/$ref|remote reference 'other.json#/x' is not supported; "
      "only local ones like '#/$defs/name'" },
    { "{\"$ref\": \"#/$defs/missing\"}", "/$ref|reference '#/$defs/missing' does not resolve" },
    { "{\"$ref\": \"#/type\", \"type\": \"string\"}",
      "/type|a schema must be an object or a boolean, got string" },
    { "{\"$ref\": \"#anchor\"}",
      "/$ref|anchor reference '#anchor' is not supported; use a pointer like '#/$defs/name'" },
    { "{\"format\": 3}", "/format|'format' must be a string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].schema);
      g_autoptr(GPtrArray) diagnostics = tess_json_schema_check (node);
      g_autoptr(TessJsonSchema) schema = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *expected_error = NULL;
      TessDiagnostic *d;

      g_assert_cmpuint (diagnostics->len, >=, 1);
      d = g_ptr_array_index (diagnostics, 0);
      g_assert_cmpint (d->severity, ==, TESS_SEVERITY_ERROR);
      first = g_strdup_printf ("%s|%s", d->pointer, d->message);
      if (cases[i].expected == NULL)
        {
          g_assert_cmpstr (d->pointer, ==, "/items/items/pattern");
          g_assert_true (g_str_has_prefix (d->message, "'(' is not a valid regular expression: "));
        }
      else
        g_assert_cmpstr (first, ==, cases[i].expected);

      schema = tess_json_schema_new (node, &error);
      g_assert_null (schema);
      g_assert_error (error, TESS_JSON_SCHEMA_ERROR, TESS_JSON_SCHEMA_ERROR_INVALID);
      expected_error = g_strdup_printf ("%s: %s", d->pointer[0] ? d->pointer : "(root)", d->message);
      g_assert_cmpstr (error->message, ==, expected_error);
    }

  /* every problem is listed, not just the first */
  {
    g_autoptr(JsonNode) node = parse ("{\"properties\": {\"a\": {\"type\": \"x\"}, "
                                      "\"b\": {\"minimum\": null}}, \"required\": [1]}");
    g_autoptr(GPtrArray) diagnostics = tess_json_schema_check (node);
    g_autofree char *text = diagnostics_text (diagnostics);

    g_assert_cmpstr (text, ==,
                     "/properties/a/type|unknown type 'x'\n"
                     "/properties/b/minimum|'minimum' must be a number\n"
                     "/required|'required' must be an array of strings");
  }
}

static void
test_warnings (void)
{
  g_autoptr(TessJsonSchema) schema =
    schema_from_text ("{\"properties\": {\"a\": {\"unevaluatedItems\": false}}, "
                      "\"unevaluatedProperties\": false}");
  g_autoptr(GPtrArray) warnings = tess_json_schema_get_warnings (schema);
  TessDiagnostic *d;

  g_assert_cmpuint (warnings->len, ==, 2);
  d = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (d->severity, ==, TESS_SEVERITY_WARNING);
  g_assert_cmpstr (d->pointer, ==, "/properties/a/unevaluatedItems");
  g_assert_cmpstr (d->message, ==, "'unevaluatedItems' is not supported and is ignored");
  d = g_ptr_array_index (warnings, 1);
  g_assert_cmpstr (d->pointer, ==, "/unevaluatedProperties");
}

/* The schema is copied: the caller may change or drop its node afterwards. */
static void
test_ownership (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TessJsonSchema) schema = NULL;
  g_autoptr(TessJsonSchema) again = NULL;
  g_autoptr(JsonNode) data = parse ("{\"a\": 1}");
  g_autoptr(GPtrArray) diagnostics = NULL;
  JsonObject *a;

  g_assert_true (json_parser_load_from_data (parser, "{\"properties\": {\"a\": {\"type\": \"string\"}}}",
                                             -1, NULL));
  schema = tess_json_schema_new (json_parser_get_root (parser), NULL);
  g_assert_nonnull (schema);
  a = json_object_get_object_member (json_object_get_object_member (
            json_node_get_object (json_parser_get_root (parser)), "properties"), "a");
  json_object_set_string_member (a, "type", "integer");
  g_clear_object (&parser);

  again = tess_json_schema_ref (schema);
  tess_json_schema_unref (schema);
  schema = NULL;
  diagnostics = tess_json_schema_validate (again, data);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_cmpstr (((TessDiagnostic *) g_ptr_array_index (diagnostics, 0))->message, ==,
                   "expected string, got number");
  g_assert_true (G_TYPE_IS_BOXED (TESS_TYPE_JSON_SCHEMA));
}

static void
assert_stopped (const char *schema_text,
                JsonNode   *data,
                const char *pointer,
                const char *message)
{
  g_autoptr(TessJsonSchema) schema = schema_from_text (schema_text);
  g_autoptr(GPtrArray) diagnostics = tess_json_schema_validate (schema, data);
  TessDiagnostic *last;

  g_assert_cmpuint (diagnostics->len, >=, 1);
  last = g_ptr_array_index (diagnostics, diagnostics->len - 1);
  if (pointer != NULL)
    g_assert_cmpstr (last->pointer, ==, pointer);
  g_assert_cmpstr (last->message, ==, message);
  g_assert_false (tess_json_schema_is_valid (schema, data));
}

static void
test_ref_cycles (void)
{
  g_autoptr(JsonNode) one = parse ("1");
  g_autoptr(JsonNode) object = parse ("{\"a\": {\"b\": 1}}");

  assert_stopped ("{\"$ref\": \"#\"}", one, "",
                  "'$ref' cycle: '#' at '#' refers back to itself without consuming data");
  assert_stopped ("{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}}, "
                  "\"$ref\": \"#/$defs/a\"}", one, "",
                  "'$ref' cycle: '#/$defs/a' at '/$defs/b' refers back to itself without "
                  "consuming data");
  /* the cycle is found where it is, below data that was consumed */
  assert_stopped ("{\"properties\": {\"a\": {\"properties\": {\"b\": {\"$ref\": \"#/$defs/x\"}}}}, "
                  "\"$defs\": {\"x\": {\"anyOf\": [{\"type\": \"string\"}, {\"$ref\": \"#/$defs/x\"}]}}}",
                  object, "/a/b",
                  "'$ref' cycle: '#/$defs/x' at '/$defs/x/anyOf/1' refers back to itself without "
                  "consuming data");
  /* a cycle that is never reached costs nothing */
  {
    g_autofree char *got = validate_text ("{\"anyOf\": [{\"type\": \"string\"}, {\"$ref\": \"#\"}]}", "\"x\"");

    g_assert_cmpstr (got, ==, "");
  }
  /* a recursive schema that consumes data is fine */
  {
    g_autofree char *got = validate_text ("{\"items\": {\"$ref\": \"#\"}, \"type\": \"array\"}",
                                          "[[[], [[1]]]]");

    g_assert_cmpstr (got, ==, "/0/1/0/0|expected array, got number");
  }
}

static JsonNode *
nested_arrays (guint depth)
{
  JsonNode *root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  json_node_take_array (root, array);
  for (guint i = 1; i < depth; i++)
    {
      JsonArray *inner = json_array_new ();

      json_array_add_array_element (array, inner);
      array = inner;
    }
  return root;
}

static void
test_hostile_depth (void)
{
  g_autoptr(JsonNode) shallow = nested_arrays (500);
  g_autoptr(JsonNode) deep = nested_arrays (5000);
  g_autoptr(TessJsonSchema) schema = schema_from_text ("{\"items\": {\"$ref\": \"#\"}}");
  g_autoptr(GPtrArray) diagnostics = tess_json_schema_validate (schema, shallow);
  g_autoptr(GString) deep_schema = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TessJsonSchema) refused = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  TessDiagnostic *d;

  /* as deep as tess_json_parse() allows: validates */
  g_assert_cmpuint (diagnostics->len, ==, 0);

  /* deeper than that (a document built in code): stops with one clear diagnostic */
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = tess_json_schema_validate (schema, deep);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpstr (d->message, ==, "validation stopped: schemas nest deeper than 2048 levels here");
  g_assert_true (g_str_has_prefix (d->pointer, "/0/0/0/0"));
  g_assert_false (tess_json_schema_is_valid (schema, deep));

  /* the same schema's quick check stops too */
  g_assert_true (tess_json_schema_is_valid (schema, shallow));

  /* a schema nested 600 levels deep is refused, where it gets too deep */
  for (guint i = 0; i < 600; i++)
    g_string_append (deep_schema, "{\"not\": ");
  g_string_append (deep_schema, "{}");
  for (guint i = 0; i < 600; i++)
    g_string_append_c (deep_schema, '}');
  g_assert_true (json_parser_load_from_data (parser, deep_schema->str, -1, NULL));
  refused = tess_json_schema_new (json_parser_get_root (parser), &error);
  g_assert_null (refused);
  g_assert_error (error, TESS_JSON_SCHEMA_ERROR, TESS_JSON_SCHEMA_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "/not/not/not/"));
  g_assert_true (g_str_has_suffix (error->message, ": the schema nests deeper than 512 levels"));
  problems = tess_json_schema_check (json_parser_get_root (parser));
  g_assert_cmpuint (problems->len, ==, 1);
}

/* Schemas that would take exponential time, and huge enums, end quickly. */
static void
test_hostile_work (void)
{
  g_autoptr(GString) text = g_string_new ("{\"$defs\": {\"d0\": {\"type\": \"integer\"}");
  g_autoptr(JsonNode) data = parse ("\"s\"");
  g_autoptr(GString) big_enum = g_string_new ("{\"enum\": [");
  g_autofree char *got = NULL;
  gint64 started = g_get_monotonic_time ();

  for (guint i = 1; i <= 40; i++)
    g_string_append_printf (text, ", \"d%u\": {\"anyOf\": [{\"$ref\": \"#/$defs/d%u\"}, "
                            "{\"$ref\": \"#/$defs/d%u\"}]}", i, i - 1, i - 1);
  g_string_append (text, "}, \"$ref\": \"#/$defs/d40\"}");
  assert_stopped (text->str, data, "", "validation stopped: the schema needs more than 2000000 steps");

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (big_enum, "%s\"v%u\"", i ? ", " : "", i);
  g_string_append (big_enum, "]}");
  got = validate_text (big_enum->str, "\"x\"");
  g_assert_cmpstr (got, ==, "|\"x\" is not one of \"v0\", \"v1\", \"v2\", \"v3\", \"v4\", "
                   "\"v5\", … (100000 in all)");

  /* uniqueItems on a long array is not quadratic */
  {
    g_autoptr(GString) array = g_string_new ("[");
    g_autofree char *unique = NULL;

    for (guint i = 0; i < 200000; i++)
      g_string_append_printf (array, "%s%u", i ? "," : "", i);
    g_string_append (array, ",7]");
    unique = validate_text ("{\"uniqueItems\": true}", array->str);
    g_assert_cmpstr (unique, ==, "|items 7 and 200000 are equal; all items must be unique");
  }

  /* generous: the machine may be busy; without the bounds this takes hours */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 60 * G_USEC_PER_SEC);
}

/* ------------------------------------------------------------------------------------------ */
/* Differential */

typedef struct
{
  GSubprocess      *process;
  GOutputStream    *in;
  GDataInputStream *out;
} Reference;

static gboolean
reference_start (Reference  *r,
                 GError    **error)
{
  const char *python = g_getenv ("TESS_DIFF_PYTHON");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "core", "jsonschema-batch.py", NULL);
  g_autofree char *ready = NULL;

  if (python == NULL)
    python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3"
                                                                          : "python3";
  r->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                 error, python, script, NULL);
  if (r->process == NULL)
    return FALSE;
  r->in = g_subprocess_get_stdin_pipe (r->process);
  r->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (r->process));
  ready = g_data_input_stream_read_line_utf8 (r->out, NULL, NULL, error);
  if (ready == NULL || strstr (ready, "\"ready\"") == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "python3 with jsonschema (python3-jsonschema) is not available");
      return FALSE;
    }
  g_test_message ("reference: python-jsonschema %s", ready);
  return TRUE;
}

static void
reference_stop (Reference *r)
{
  if (r->process == NULL)
    return;
  g_output_stream_close (r->in, NULL, NULL);
  g_subprocess_wait (r->process, NULL, NULL);
  g_clear_object (&r->out);
  g_clear_object (&r->process);
}

/* The reference's sorted error pointers, one a line after "@"; NULL if python-jsonschema
 * failed. */
static char *
reference_pointers (Reference *r,
                    JsonNode  *schema,
                    JsonNode  *data)
{
  g_autofree char *schema_text = tess_json_to_string (schema, FALSE);
  g_autofree char *data_text = tess_json_to_string (data, FALSE);
  g_autofree char *request = g_strdup_printf ("{\"schema\": %s, \"data\": %s}\n", schema_text,
                                              data_text);
  g_autofree char *reply = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  JsonObject *object;
  JsonArray *pointers;

  g_assert_true (g_output_stream_write_all (r->in, request, strlen (request), NULL, NULL, NULL));
  reply = g_data_input_stream_read_line_utf8 (r->out, NULL, NULL, NULL);
  g_assert_nonnull (reply);
  node = parse (reply);
  object = json_node_get_object (node);
  if (!json_object_get_boolean_member (object, "ok"))
    {
      g_test_message ("reference failed: %s", json_object_get_string_member (object, "error"));
      return NULL;
    }
  pointers = json_object_get_array_member (object, "pointers");
  for (guint i = 0; i < json_array_get_length (pointers); i++)
    g_string_append_printf (out, "%s@%s", i ? "\n" : "", json_array_get_string_element (pointers, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Our sorted unique error pointers, as reference_pointers() gives them. */
static char *
our_pointers (TessJsonSchema *schema,
              JsonNode       *data)
{
  g_autoptr(GPtrArray) diagnostics = tess_json_schema_validate (schema, data);
  g_autoptr(GPtrArray) pointers = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    g_ptr_array_add (pointers, ((TessDiagnostic *) g_ptr_array_index (diagnostics, i))->pointer);
  g_ptr_array_sort (pointers, compare_strings);
  for (guint i = 0; i < pointers->len; i++)
    {
      const char *p = g_ptr_array_index (pointers, i);

      if (i > 0 && g_str_equal (p, g_ptr_array_index (pointers, i - 1)))
        continue;
      g_string_append_printf (out, "%s@%s", out->len ? "\n" : "", p);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  guint cases, valid, invalid, mismatches;
} Tally;

static void
compare_case (Reference      *r,
              JsonNode       *schema_node,
              TessJsonSchema *schema,
              JsonNode       *data,
              const char     *what,
              Tally          *tally)
{
  g_autofree char *ours = our_pointers (schema, data);
  g_autofree char *theirs = reference_pointers (r, schema_node, data);

  tally->cases++;
  if (theirs != NULL && g_str_equal (ours, theirs))
    {
      if (tess_json_schema_is_valid (schema, data))
        tally->valid++;
      else
        tally->invalid++;
      return;
    }

  tally->mismatches++;
  if (tally->mismatches <= 20)
    {
      g_autofree char *data_text = tess_json_to_string (data, FALSE);

      g_test_message ("MISMATCH %s\n--- data: %s\n--- tessera:\n%s\n--- jsonschema:\n%s", what,
                      data_text, ours, theirs ? theirs : "(failed)");
    }
}

/* The differential on the unit cases marked for it. */
static void
test_differential_cases (void)
{
  Reference reference = { NULL };
  g_autoptr(GError) error = NULL;
  Tally tally = { 0 };

  if (!reference_start (&reference, &error))
    {
      g_test_skip_printf ("no reference jsonschema: %s", error ? error->message : "unknown");
      reference_stop (&reference);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (schema_cases); i++)
    {
      const SchemaCase *c = &schema_cases[i];
      g_autoptr(JsonNode) schema_node = NULL;
      g_autoptr(TessJsonSchema) schema = NULL;
      g_autoptr(JsonNode) data = NULL;
      g_autofree char *what = NULL;

      if (!c->differential)
        continue;
      schema_node = parse (c->schema);
      schema = schema_from_text (c->schema);
      data = parse (c->data);
      what = g_strdup_printf ("unit case %u: %s", i, c->schema);
      compare_case (&reference, schema_node, schema, data, what, &tally);
    }
  reference_stop (&reference);

  g_test_message ("unit cases: %u compared, %u valid, %u invalid, %u mismatches", tally.cases,
                  tally.valid, tally.invalid, tally.mismatches);
  g_assert_cmpuint (tally.mismatches, ==, 0);
  g_assert_cmpuint (tally.cases, >, 100);
}

/* A mutable deep copy (tess_json_parse() gives sealed nodes). */
static JsonNode *
mutable_copy (JsonNode *node)
{
  g_autofree char *text = tess_json_to_string (node, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_parser_steal_root (parser);
}

typedef struct
{
  JsonNode   *node;
  JsonObject *parent;        /* when the node is an object member… */
  const char *name;
  JsonNode   *parent_array;  /* …or an array element */
  guint       index;
} Site;

static void
collect_sites (JsonNode *node,
               Site      site,
               GArray   *sites)
{
  site.node = node;
  g_array_append_val (sites, site);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l; l = l->next)
        collect_sites (json_object_get_member (object, l->data),
                       (Site) { NULL, object, l->data, NULL, 0 }, sites);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_sites (json_array_get_element (array, i), (Site) { NULL, NULL, NULL, node, i },
                       sites);
    }
}

static const char *replacements[] = {
  "\"text\"", "\"\"", "0", "-1", "3.5", "1000000000", "-1000000", "2.0", "true", "false",
  "null", "[]", "{}", "[1, \"a\"]", "{\"zzExtra\": 1}", "\"h\\u00e9llo \\ud83d\\ude00\"",
  "[\"a\", \"a\"]", "\"2024-13-45\"", "1e300",
};

/* Puts @value where @site is. json-glib 1.6's json_node_init_*() cannot reuse a node that
 * holds something (they free it and then free it again), so nodes are replaced whole. */
static void
replace_site (const Site  *site,
              JsonNode   **root,
              JsonNode    *value)
{
  if (site->parent != NULL)
    json_object_set_member (site->parent, site->name, value);
  else if (site->parent_array != NULL)
    {
      JsonArray *old = json_node_get_array (site->parent_array);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < json_array_get_length (old); i++)
        json_array_add_element (array, i == site->index ? value
                                : json_node_copy (json_array_get_element (old, i)));
      json_node_take_array (site->parent_array, array);
    }
  else
    {
      json_node_unref (*root);
      *root = value;
    }
}

static void
replace_text (const Site  *site,
              JsonNode   **root,
              const char  *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  replace_site (site, root, json_parser_steal_root (parser));
}

static void
mutate_once (GRand     *rand,
             JsonNode **root)
{
  g_autoptr(GArray) sites = g_array_new (FALSE, FALSE, sizeof (Site));
  Site *site;
  JsonNode *node;

  collect_sites (*root, (Site) { NULL, NULL, NULL, NULL, 0 }, sites);
  site = &g_array_index (sites, Site, g_rand_int_range (rand, 0, sites->len));
  node = site->node;

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
    case 1:
      /* a value of another type, or out of range */
      replace_text (site, root, replacements[g_rand_int_range (rand, 0, G_N_ELEMENTS (replacements))]);
      break;
    case 2:
      /* a member goes missing */
      if (site->parent != NULL)
        json_object_remove_member (site->parent, site->name);
      else
        replace_text (site, root, "{}");
      break;
    case 3:
      /* an extra property */
      if (JSON_NODE_HOLDS_OBJECT (node))
        json_object_set_int_member (json_node_get_object (node), "zzExtra", 1);
      else if (site->parent != NULL)
        json_object_set_string_member (site->parent, "zz/extra~", "x");
      break;
    case 4:
      /* arrays get empty, long or repeated; strings empty or long */
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint n = json_array_get_length (array);

          if (n == 0 || g_rand_boolean (rand))
            for (guint i = 0; i < 12; i++)
              json_array_add_element (array, n ? json_node_copy (json_array_get_element (array, 0))
                                               : json_node_init_int (json_node_alloc (), i));
          else
            replace_text (site, root, "[]");
        }
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        replace_text (site, root, g_rand_boolean (rand) ? "\"\"" : "\"a much longer string than "
                      "any schema in the corpus would want to see in a short label field\"");
      break;
    case 5:
    default:
      /* numbers move past their bounds */
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node)
                                                   + g_rand_int_range (rand, -200, 200));
          replace_text (site, root, text);
        }
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
        {
          char text[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_dtostr (text, sizeof text, json_node_get_double (node) * -3.5);
          replace_text (site, root, text);
        }
      else
        replace_text (site, root, "-0.5");
      break;
    }
}

/* Every corpus jsonSchema with its sample data, and mutations of it. */
static void
test_differential_corpus (void)
{
  g_autofree char *widgets = g_test_build_filename (G_TEST_DIST, "corpus", "widgets", NULL);
  g_autofree char *samples = g_test_build_filename (G_TEST_DIST, "corpus", "data", NULL);
  const char *mutations_env = g_getenv ("TESS_SCHEMA_DIFF_MUTATIONS");
  const char *seed_env = g_getenv ("TESS_SCHEMA_DIFF_SEED");
  guint n_mutations = mutations_env ? (guint) g_ascii_strtoull (mutations_env, NULL, 10) : 40;
  guint32 seed = seed_env ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : 20260101;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sample_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  Reference reference = { NULL };
  Tally tally = { 0 };
  guint n_schemas = 0, n_samples = 0;
  const char *fn;

  if (!reference_start (&reference, &error))
    {
      g_test_skip_printf ("no reference jsonschema: %s", error ? error->message : "unknown");
      reference_stop (&reference);
      return;
    }

  dir = g_dir_open (widgets, 0, &error);
  g_assert_no_error (error);
  while ((fn = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (fn, ".widget"))
      g_ptr_array_add (names, g_strdup (fn));
  g_ptr_array_sort (names, compare_strings);
  g_clear_pointer (&dir, g_dir_close);
  dir = g_dir_open (samples, 0, &error);
  g_assert_no_error (error);
  while ((fn = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (fn, ".json"))
      g_ptr_array_add (sample_names, g_strdup (fn));
  g_ptr_array_sort (sample_names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (widgets, name, NULL);
      g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".widget"));
      g_autofree char *exact = g_strconcat (stem, ".json", NULL);
      g_autofree char *prefix = g_strconcat (stem, ".", NULL);
      g_autoptr(JsonNode) widget = tess_json_parse_file (path, &error);
      g_autoptr(TessJsonSchema) schema = NULL;
      JsonNode *schema_node;

      g_assert_no_error (error);
      schema_node = json_object_get_member (json_node_get_object (widget), "jsonSchema");
      if (schema_node == NULL)
        continue;
      schema = tess_json_schema_new (schema_node, &error);
      g_assert_no_error (error);
      n_schemas++;

      for (guint j = 0; j < sample_names->len; j++)
        {
          const char *sample = g_ptr_array_index (sample_names, j);
          g_autofree char *sample_path = NULL;
          g_autoptr(JsonNode) data = NULL;

          if (!g_str_equal (sample, exact) && !g_str_has_prefix (sample, prefix))
            continue;
          sample_path = g_build_filename (samples, sample, NULL);
          data = tess_json_parse_file (sample_path, &error);
          g_assert_no_error (error);
          n_samples++;
          compare_case (&reference, schema_node, schema, data, sample, &tally);

          for (guint k = 0; k < n_mutations; k++)
            {
              g_autoptr(JsonNode) mutated = mutable_copy (data);
              g_autofree char *what = g_strdup_printf ("%s mutation %u (seed %u)", sample, k, seed);
              guint rounds = g_rand_int_range (rand, 1, 4);

              for (guint m = 0; m < rounds; m++)
                mutate_once (rand, &mutated);
              compare_case (&reference, schema_node, schema, mutated, what, &tally);
            }
        }
    }
  reference_stop (&reference);

  g_test_message ("corpus: %u schemas, %u samples, %u cases compared (%u valid, %u invalid), "
                  "%u mismatches", n_schemas, n_samples, tally.cases, tally.valid, tally.invalid,
                  tally.mismatches);
  g_assert_cmpuint (tally.mismatches, ==, 0);
  g_assert_cmpuint (n_schemas, >=, 50);
  g_assert_cmpuint (tally.invalid, >, tally.cases / 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-schema/keywords", test_keywords);
  g_test_add_func ("/json-schema/schema-errors", test_schema_errors);
  g_test_add_func ("/json-schema/warnings", test_warnings);
  g_test_add_func ("/json-schema/ownership", test_ownership);
  g_test_add_func ("/json-schema/ref-cycles", test_ref_cycles);
  g_test_add_func ("/json-schema/hostile-depth", test_hostile_depth);
  g_test_add_func ("/json-schema/hostile-work", test_hostile_work);
  g_test_add_func ("/json-schema/differential/unit-cases", test_differential_cases);
  g_test_add_func ("/json-schema/differential/corpus", test_differential_corpus);

  return g_test_run ();
}
