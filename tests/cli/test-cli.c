/* test-cli.c: tessera-cli as a user runs it — output, exit status, files of every kind
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

typedef struct
{
  char *out;
  char *err;
  int   status;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
run_cli (Result      *result,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("TESSERA_CLI");
  const char *arg;
  va_list args;
  int wait_status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  result->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static char *
write_temp (const char *name,
            const char *contents)
{
  g_autofree char *dir = g_dir_make_tmp ("tessera-cli-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  return path;
}

static void
test_help (void)
{
  g_auto(Result) result = { 0 };
  g_auto(Result) unknown = { 0 };
  g_auto(Result) sub_help = { 0 };

  run_cli (&result, "--help", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "validate"));

  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown command"));

  run_cli (&sub_help, "validate", "--help", NULL);
  g_assert_cmpint (sub_help.status, ==, 0);
  g_assert_nonnull (strstr (sub_help.out, "--json"));
}

static void
test_validate_valid_corpus_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpus", "expected",
                                                 "openai__chatkit-python__card_with_data.json",
                                                 NULL);
  g_auto(Result) result = { 0 };

  run_cli (&result, "validate", path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_null (strstr (result.out, "error:"));
}

static void
test_validate_errors (void)
{
  g_autofree char *path = write_temp ("bad.json",
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":\"a\"},"
    "{\"type\":\"Button\",\"size\":\"huge\",\"color\":\"blue\",\"extra\":1}]}");
  g_autofree char *expected = g_strdup_printf (
    "%s: error: /children/1/size: expected one of 3xs, 2xs, xs, sm, md, lg, xl, 2xl, 3xl; "
    "got \"huge\"\n", path);
  g_auto(Result) result = { 0 };
  g_auto(Result) quiet = { 0 };

  run_cli (&result, "validate", path, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.out, expected));
  g_assert_nonnull (strstr (result.out, "error: /children/1/color:"));
  g_assert_nonnull (strstr (result.out, "warning: /children/1/extra: unknown prop"));

  run_cli (&quiet, "validate", "--quiet", path, NULL);
  g_assert_cmpint (quiet.status, ==, 1);
  g_assert_null (strstr (quiet.out, "warning:"));
}

static void
test_validate_json_output (void)
{
  g_autofree char *path = write_temp ("bad.json",
    "{\"type\":\"widget\",\"widget\":{\"type\":\"Row\",\"children\":[]}}");
  g_auto(Result) result = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;
  JsonObject *first;

  run_cli (&result, "validate", "--json", path, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_true (json_parser_load_from_data (parser, result.out, -1, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "file"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (first, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (first, "pointer"), ==, "/widget/type");
}

static void
test_validate_widget_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpus", "widgets",
                                                 "openai__chatkit-python__card_with_data.widget",
                                                 NULL);
  g_autofree char *no_preview = write_temp ("t.widget",
    "{\"version\":\"1.0\",\"name\":\"t\",\"template\":\"{}\",\"jsonSchema\":{}}");
  g_auto(Result) result = { 0 };
  g_auto(Result) missing = { 0 };

  run_cli (&result, "validate", path, NULL);
  g_assert_cmpint (result.status, ==, 0);

  /* The template is rendered with the sample data and the result validated. */
  run_cli (&missing, "validate", no_preview, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "t.widget: error: /: component has no \"type\""));
}

static void
test_validate_template_error (void)
{
  g_autofree char *bad = write_temp ("bad.widget",
    "{\"version\":\"1.0\",\"name\":\"bad\",\"jsonSchema\":{},"
    "\"template\":\"{\\\"type\\\":\\\"Card\\\",\\n  {% if %}\"}");
  g_auto(Result) result = { 0 };
  g_autofree char *expected = g_strconcat (bad, ":2:", NULL);

  run_cli (&result, "validate", bad, NULL);
  g_assert_cmpint (result.status, ==, 1);
  /* FILE:LINE:COL: error: … */
  g_assert_true (g_str_has_prefix (result.err, expected));
  g_assert_nonnull (strstr (result.err, ": error: "));
}

static void
test_validate_unreadable (void)
{
  g_autofree char *not_json = write_temp ("broken.json", "{\"type\": \"Card\",\n  \"children\": [}");
  g_auto(Result) missing = { 0 };
  g_auto(Result) broken = { 0 };
  g_auto(Result) no_args = { 0 };

  run_cli (&missing, "validate", "/nonexistent/widget.json", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/widget.json"));

  /* A syntax error names the file, line and column. */
  run_cli (&broken, "validate", not_json, NULL);
  g_assert_cmpint (broken.status, ==, 2);
  g_assert_true (g_str_has_prefix (broken.err, not_json));
  g_assert_nonnull (strstr (broken.err, ":2:"));

  run_cli (&no_args, "validate", NULL);
  g_assert_cmpint (no_args.status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/validate/valid-corpus-file", test_validate_valid_corpus_file);
  g_test_add_func ("/cli/validate/errors", test_validate_errors);
  g_test_add_func ("/cli/validate/json-output", test_validate_json_output);
  g_test_add_func ("/cli/validate/widget-file", test_validate_widget_file);
  g_test_add_func ("/cli/validate/template-error", test_validate_template_error);
  g_test_add_func ("/cli/validate/unreadable", test_validate_unreadable);

  return g_test_run ();
}
