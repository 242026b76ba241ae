/* test-template-spans.c: where each piece of a render came from in the template
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "template/tess-template.h"

typedef struct
{
  const char *template;
  const char *data;
  const char *needle;    /* a piece of the output */
  guint       line;      /* where the template wrote it */
  guint       column;
} SpanCase;

static const SpanCase cases[] = {
  /* Literal text, counted on through lines (columns count from 1). */
  { "{\n  \"type\": \"Card\"\n}", "{}", "\"Card\"", 2, 11 },
  /* The value of an expression comes from the expression in its {{ }}. */
  { "{\"value\": {{ name | tojson }}}", "{\"name\": \"Ada\"}", "\"Ada\"", 1, 14 },
  /* Text after an expression starts where that text starts. */
  { "{{ a }}\nxyz", "{\"a\": 1}", "xyz", 2, 1 },
  /* Inside a loop every pass comes from the loop's body. */
  { "{% for x in xs %}<{{ x }}>{% endfor %}", "{\"xs\": [1, 2, 3]}", "3", 1, 22 },
  /* Captured output has its place where it is printed. */
  { "{% set c %}caught{% endset %}\n[{{ c }}]", "{}", "caught", 2, 5 },
  /* So does a macro's. */
  { "{% macro m() %}inside{% endmacro %}{{ m() }}", "{}", "inside", 1, 39 },
};

static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const SpanCase *c = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(TessTemplate) template = tess_template_new (c->template, &error);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (TessTemplateSpan));
      g_autofree char *output = NULL;
      const char *found;
      guint line = 0, column = 0;

      g_test_message ("case %u: %s", i, c->template);
      g_assert_no_error (error);
      g_assert_true (json_parser_load_from_data (parser, c->data, -1, NULL));
      output = tess_template_render_json_mapped (template, json_parser_get_root (parser), spans,
                                                 &error);
      g_assert_no_error (error);
      found = strstr (output, c->needle);
      g_assert_nonnull (found);
      g_assert_true (tess_template_spans_lookup (spans, output, found - output, &line, &column));
      g_assert_cmpuint (line, ==, c->line);
      g_assert_cmpuint (column, ==, c->column);

      /* Offsets only grow, so that a lookup can bisect them. */
      for (guint s = 1; s < spans->len; s++)
        g_assert_cmpuint (g_array_index (spans, TessTemplateSpan, s - 1).output_offset, <=,
                          g_array_index (spans, TessTemplateSpan, s).output_offset);
    }
}

static void
test_same_output (void)
{
  static const char source[] =
    "{%- set _c -%}{%- for i in items -%},{\"type\": \"Text\", \"value\": {{ i | tojson }}}"
    "{%- endfor -%}{%- endset -%}{\"type\": \"Card\", \"children\": [{{ _c[1:] }}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(TessTemplate) template = tess_template_new (source, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (TessTemplateSpan));
  g_autofree char *plain = NULL;
  g_autofree char *mapped = NULL;
  guint line, column;

  g_assert_true (json_parser_load_from_data (parser, "{\"items\": [\"a\", \"b\"]}", -1, NULL));
  plain = tess_template_render_json (template, json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  mapped = tess_template_render_json_mapped (template, json_parser_get_root (parser), spans,
                                             &error);
  g_assert_no_error (error);
  /* Mapping never changes what is rendered. */
  g_assert_cmpstr (plain, ==, mapped);
  /* The Widget Builder idiom: what the set block captured comes from where it is printed. */
  g_assert_true (tess_template_spans_lookup (spans, mapped, strstr (mapped, "\"a\"") - mapped,
                                             &line, &column));
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, strstr (source, "_c[1:]") - source + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/spans/cases", test_cases);
  g_test_add_func ("/template/spans/same-output", test_same_output);

  return g_test_run ();
}
