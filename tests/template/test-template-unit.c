/* test-template-unit.c: statements, expressions, filters, tests and methods against output
 * recorded from the real Jinja2 (test-template-unit-cases.h, made by gen-unit-cases.py), plus
 * error messages with line:col and the safety limits.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "template/tess-template.h"

typedef struct
{
  const char *name;
  const char *template;
  const char *expected;
} RenderCase;

typedef struct
{
  const char *name;
  const char *template;
  const char *stage;
} ErrorCase;

#include "test-template-unit-cases.h"

static TessTemplateData *
unit_data (void)
{
  static TessTemplateData *data;

  if (data == NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_assert_true (json_parser_load_from_data (parser, unit_data_json, -1, NULL));
      data = tess_template_data_new (json_parser_get_root (parser), NULL);
    }
  return data;
}

static char *
render (const char *source, GError **error)
{
  g_autoptr(TessTemplate) tmpl = tess_template_new (source, error);

  if (tmpl == NULL)
    return NULL;
  return tess_template_render (tmpl, unit_data (), error);
}

static void
test_render_case (gconstpointer user_data)
{
  const RenderCase *c = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = render (c->template, &error);

  if (error)
    g_test_message ("%s: %u:%u: %s", c->name, tess_template_error_get_line (error),
                    tess_template_error_get_column (error), error->message);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, c->expected);
}

static void
test_error_case (gconstpointer user_data)
{
  const ErrorCase *c = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TessTemplate) tmpl = tess_template_new (c->template, &error);
  g_autofree char *out = NULL;

  if (g_str_equal (c->stage, "compile"))
    {
      g_assert_null (tmpl);
      g_assert_error (error, TESS_TEMPLATE_ERROR, TESS_TEMPLATE_ERROR_SYNTAX);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_nonnull (tmpl);
      out = tess_template_render (tmpl, unit_data (), &error);
      g_assert_null (out);
      g_assert_nonnull (error);
      g_assert_true (error->domain == TESS_TEMPLATE_ERROR);
      g_assert_cmpint (error->code, !=, TESS_TEMPLATE_ERROR_SYNTAX);
    }
  g_test_message ("%s: %u:%u: %s", c->name, tess_template_error_get_line (error),
                  tess_template_error_get_column (error), error->message);
  /* Every template error says where. */
  g_assert_cmpuint (tess_template_error_get_line (error), >=, 1);
  g_assert_cmpuint (tess_template_error_get_column (error), >=, 1);
  g_assert_cmpstr (error->message, !=, "");
}

/* Exact messages and positions for the errors template authors meet most. */
typedef struct
{
  const char        *template;
  TessTemplateError  code;
  guint              line;
  guint              col;
  const char        *message;
} MessageCase;

static const MessageCase message_cases[] = {
  { "{{ missing }}", TESS_TEMPLATE_ERROR_UNDEFINED, 1, 4, "'missing' is undefined" },
  { "a\nb\n  {{ user.nope }}", TESS_TEMPLATE_ERROR_UNDEFINED, 3, 11,
    "'dict object' has no attribute 'nope'" },
  { "{{ lst[7] }}", TESS_TEMPLATE_ERROR_UNDEFINED, 1, 7, "list object has no element 7" },
  { "{{ missing|tojson }}", TESS_TEMPLATE_ERROR_TYPE, 1, 12,
    "Object of type StrictUndefined is not JSON serializable" },
  { "{\"type\": \"Card\" {{ x === 1 }}", TESS_TEMPLATE_ERROR_SYNTAX, 1, 24, "unexpected '='" },
  { "{% if x %}\n{% endfor %}", TESS_TEMPLATE_ERROR_SYNTAX, 2, 4,
    "Encountered unknown tag 'endfor'. Jinja was looking for the following tags: 'elif' or "
    "'else' or 'endif'. The innermost block that needs to be closed is 'if'." },
  { "{% for x in y %}\nbody", TESS_TEMPLATE_ERROR_SYNTAX, 2, 5,
    "Unexpected end of template. Jinja was looking for the following tags: 'endfor' or 'else'. "
    "The innermost block that needs to be closed is 'for'." },
  { "{{ x|nosuch }}", TESS_TEMPLATE_ERROR_SYNTAX, 1, 6, "No filter named 'nosuch'." },
  { "{{ 1 + }}", TESS_TEMPLATE_ERROR_SYNTAX, 1, 8, "unexpected 'end of print statement'" },
  { "{{ 'a' + 1 }}", TESS_TEMPLATE_ERROR_TYPE, 1, 8, "can only concatenate str (not \"int\") to str" },
  { "{{ 1 < 'a' }}", TESS_TEMPLATE_ERROR_TYPE, 1, 8,
    "'<' not supported between instances of 'int' and 'str'" },
  { "{{ 1 // 0 }}", TESS_TEMPLATE_ERROR_VALUE, 1, 6, "integer division or modulo by zero" },
  { "{% for a, b in [(1, 2, 3)] %}{% endfor %}", TESS_TEMPLATE_ERROR_VALUE, 1, 8,
    "too many values to unpack (expected 2)" },
};

static void
test_error_messages (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (message_cases); i++)
    {
      const MessageCase *c = &message_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *out = render (c->template, &error);

      g_test_message ("%s -> %u:%u: %s", c->template,
                      error ? tess_template_error_get_line (error) : 0,
                      error ? tess_template_error_get_column (error) : 0, error ? error->message : "");
      g_assert_null (out);
      g_assert_error (error, TESS_TEMPLATE_ERROR, (gint) c->code);
      g_assert_cmpstr (error->message, ==, c->message);
      g_assert_cmpuint (tess_template_error_get_line (error), ==, c->line);
      g_assert_cmpuint (tess_template_error_get_column (error), ==, c->col);
    }
}

/* Safety limits: hostile templates stop with a LIMIT error that says where. */
static void
assert_limit (const char *source, guint line, guint col)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = render (source, &error);

  g_test_message ("%s -> %s", source, error ? error->message : "(rendered)");
  g_assert_null (out);
  g_assert_error (error, TESS_TEMPLATE_ERROR, TESS_TEMPLATE_ERROR_LIMIT);
  g_assert_cmpuint (tess_template_error_get_line (error), ==, line);
  g_assert_cmpuint (tess_template_error_get_column (error), ==, col);
}

static void
test_limits (void)
{
  /* iterations */
  assert_limit ("{% for i in range(100000000) %}{% endfor %}", 1, 13);  /* at range( */
  assert_limit ("{% for a in range(5000) %}\n{% for b in range(5000) %}{% endfor %}{% endfor %}",
                2, 4);
  /* recursion */
  assert_limit ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", 1, 20);
  /* output and string sizes */
  assert_limit ("{{ 'x' * 100000000 }}", 1, 8);
  assert_limit ("{% for i in range(100000) %}{{ 'y' * 1000 }}{% endfor %}", 1, 32);
  assert_limit ("{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
                "{% set ns.s = ns.s ~ ns.s %}{% endfor %}", 1, 76);
  /* total work: many large temporaries */
  assert_limit ("{% set big = 'x' * 4000000 %}{% for i in range(1000) %}{{ (big|upper)|length }}{% endfor %}",
                1, 59);
  /* lists that double */
  assert_limit ("{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = ns.l + ns.l %}"
                "{% endfor %}", 1, 75);
}

static void
test_limits_custom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessTemplate) tmpl = tess_template_new ("{% for i in range(20) %}{{ i }}{% endfor %}",
                                                    &error);
  TessTemplateLimits limits;
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  tess_template_get_limits (tmpl, &limits);
  g_assert_cmpuint (limits.max_iterations, >=, 100000);
  limits.max_iterations = 10;
  tess_template_set_limits (tmpl, &limits);
  out = tess_template_render (tmpl, unit_data (), &error);
  g_assert_null (out);
  g_assert_error (error, TESS_TEMPLATE_ERROR, TESS_TEMPLATE_ERROR_LIMIT);
  g_clear_error (&error);

  limits.max_iterations = 1000;
  limits.max_output = 10;
  tess_template_set_limits (tmpl, &limits);
  out = tess_template_render (tmpl, unit_data (), &error);
  g_assert_null (out);
  g_assert_error (error, TESS_TEMPLATE_ERROR, TESS_TEMPLATE_ERROR_LIMIT);
  g_clear_error (&error);

  limits.max_output = 1000;
  tess_template_set_limits (tmpl, &limits);
  out = tess_template_render (tmpl, unit_data (), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "012345678910111213141516171819");
}

static void
test_parse_depth (void)
{
  GString *deep = g_string_new ("{{ ");
  g_autoptr(GError) error = NULL;
  g_autoptr(TessTemplate) tmpl = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '(');
  g_string_append (deep, "1 }}");
  tmpl = tess_template_new (deep->str, &error);
  g_assert_null (tmpl);
  g_assert_error (error, TESS_TEMPLATE_ERROR, TESS_TEMPLATE_ERROR_SYNTAX);
  g_string_free (deep, TRUE);
}

static void
test_render_many (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessTemplate) tmpl = tess_template_new ("{{ n }}-{{ s|upper }}", &error);

  g_assert_no_error (error);
  /* parse once, render many: the template keeps no state between renders */
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *out = tess_template_render (tmpl, unit_data (), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, "7-HELLO WORLD");
    }
}

static void
test_render_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessTemplate) tmpl = tess_template_new ("{{ a|default('none') }}", &error);
  g_autoptr(JsonNode) object = json_from_string ("{\"a\": [1, 2.5, \"x\", null, true]}", NULL);
  g_autoptr(JsonNode) array = json_from_string ("[1]", NULL);
  g_autofree char *with_data = NULL;
  g_autofree char *without = NULL;
  g_autofree char *bad = NULL;

  with_data = tess_template_render_json (tmpl, object, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (with_data, ==, "[1, 2.5, 'x', None, True]");
  without = tess_template_render_json (tmpl, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (without, ==, "none");
  bad = tess_template_render_json (tmpl, array, &error);
  g_assert_null (bad);
  g_assert_error (error, TESS_TEMPLATE_ERROR, TESS_TEMPLATE_ERROR_TYPE);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessTemplate) tmpl = tess_template_new ("{{ 'a\xff' }}", &error);

  g_assert_null (tmpl);
  g_assert_error (error, TESS_TEMPLATE_ERROR, TESS_TEMPLATE_ERROR_SYNTAX);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  for (guint i = 0; i < G_N_ELEMENTS (render_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/template/render/%s", render_cases[i].name);
      g_test_add_data_func (path, &render_cases[i], test_render_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/template/error/%s", error_cases[i].name);
      g_test_add_data_func (path, &error_cases[i], test_error_case);
    }
  g_test_add_func ("/template/error-messages", test_error_messages);
  g_test_add_func ("/template/limits/hostile", test_limits);
  g_test_add_func ("/template/limits/custom", test_limits_custom);
  g_test_add_func ("/template/limits/parse-depth", test_parse_depth);
  g_test_add_func ("/template/render-many", test_render_many);
  g_test_add_func ("/template/render-json", test_render_json);
  g_test_add_func ("/template/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
