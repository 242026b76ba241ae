/* test-cli-render.c: `tessera-cli render` end to end, through the tessera-cli binary
 * (the same function the lead wires into tessera-cli). */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

static void
run_cli (Run *run, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *driver = g_getenv ("TESS_CLI_RENDER");
  const char *arg;
  va_list args;

  g_assert_nonnull (driver);
  g_ptr_array_add (argv, (gpointer) driver);
  g_ptr_array_add (argv, (gpointer) "render");
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Any GLib warning or critical aborts the CLI, and fails the test. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-warnings", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static char *
corpus_file (const char *dir, const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "corpus", dir, name, NULL);
}

static char *
write_temp (const char *name, const char *contents)
{
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_render_widget (void)
{
  const char *stem = "openai__chatkit-python__card_with_data";
  g_autofree char *widget = g_strdup_printf ("%s.widget", stem);
  g_autofree char *json = g_strdup_printf ("%s.json", stem);
  g_autofree char *widget_path = corpus_file ("widgets", widget);
  g_autofree char *data_path = corpus_file ("data", json);
  g_autofree char *expected_path = corpus_file ("expected", json);
  g_autoptr(JsonParser) expected = json_parser_new ();
  g_autoptr(JsonNode) actual = NULL;
  Run run = { 0 };

  run_cli (&run, widget_path, "--data", data_path, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_file (expected, expected_path, NULL));
  actual = json_from_string (run.out, NULL);
  g_assert_nonnull (actual);
  g_assert_true (json_node_equal (actual, json_parser_get_root (expected)));
  run_clear (&run);

  /* without --data: the file's sample data */
  run_cli (&run, widget_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"#proj-chatkit\""));
  run_clear (&run);
}

static void
test_render_errors (void)
{
  g_autofree char *bad_syntax = corpus_file ("widgets", "AI-Colleagues__orcheo__Todo_list.widget");
  g_autofree char *not_json = write_temp ("tess-cli-not-json.widget",
                                          "{\"version\":\"1.0\",\"name\":\"x\",\"template\":"
                                          "\"{\\\"type\\\":\\\"Card\\\",\\n\\\"children\\\":[],}\"}");
  g_autofree char *invalid = write_temp ("tess-cli-invalid.widget",
                                         "{\"version\":\"1.0\",\"name\":\"x\",\"template\":"
                                         "\"{\\\"type\\\":\\\"Card\\\",\\\"children\\\":[{\\\"type\\\":\\\"Text\\\"}]}\"}");
  g_autofree char *bad_root = write_temp (
    "tess-cli-bad-root.widget",
    "{\"version\":\"1.0\",\"name\":\"x\",\"template\":"
    "\"{\\\"type\\\":\\\"Box\\\",\\\"children\\\":[]}\"}");
  g_autofree char *untyped_child = write_temp (
    "tess-cli-untyped.widget",
    "{\"version\":\"1.0\",\"name\":\"x\",\"template\":"
    "\"{\\\"type\\\":\\\"Card\\\",\\\"children\\\":[{}]}\"}");
  g_autofree char *undefined = write_temp ("tess-cli-undefined.widget",
                                           "{\"version\":\"1.0\",\"name\":\"x\",\"template\":\"\\n  {{ nope }}\"}");
  g_autofree char *expect = NULL;
  Run run = { 0 };

  run_cli (&run, bad_syntax, NULL);
  g_assert_cmpint (run.status, ==, 1);
  expect = g_strdup_printf ("%s:1:753: error: unexpected '='\n", bad_syntax);
  g_assert_cmpstr (run.err, ==, expect);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  run_cli (&run, not_json, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, not_json));
  g_free (expect);
  expect = g_strdup_printf ("%s: error: the rendered template is not valid JSON, at output 2:15: "
                            "Expecting property name enclosed in double quotes (char 30)\n", not_json);
  g_assert_cmpstr (run.err, ==, expect);
  run_clear (&run);

  /* The SDK builds a widget that breaks the schema: it is printed, the errors go to stderr
   * as validate prints them. --strict fails on them. */
  run_cli (&run, invalid, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_free (expect);
  expect = g_strdup_printf ("%s: error: /children/0/value: missing required prop \"value\" of "
                            "Text\n", invalid);
  g_assert_cmpstr (run.err, ==, expect);
  g_assert_cmpstr (run.out, ==, "{\n  \"type\": \"Card\",\n  \"children\": [\n    {\n"
                                "      \"type\": \"Text\"\n    }\n  ]\n}\n");
  run_clear (&run);

  run_cli (&run, "--strict", invalid, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, expect);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  /* What the SDK refuses: a root that is not a Card, ListView or Basic, a child with no type */
  run_cli (&run, bad_root, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_free (expect);
  expect = g_strdup_printf ("%s: error: /type: the root widget must be a Card, ListView or Basic, "
                            "not \"Box\"\n", bad_root);
  g_assert_cmpstr (run.err, ==, expect);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  run_cli (&run, untyped_child, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_free (expect);
  expect = g_strdup_printf ("%s: error: /children/0/type: a widget node needs a string "
                            "\"type\"\n", untyped_child);
  g_assert_cmpstr (run.err, ==, expect);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  run_cli (&run, undefined, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_free (expect);
  expect = g_strdup_printf ("%s:2:6: error: 'nope' is undefined\n", undefined);
  g_assert_cmpstr (run.err, ==, expect);
  run_clear (&run);

  run_cli (&run, "/nonexistent/file.widget", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "/nonexistent/file.widget: error: "));
  run_clear (&run);

  g_unlink (not_json);
  g_unlink (invalid);
  g_unlink (bad_root);
  g_unlink (untyped_child);
  g_unlink (undefined);
}

/* Empty and blank files are errors that name the file, never a GLib critical. */
static void
test_render_empty (void)
{
  g_autofree char *empty = write_temp ("tess-cli-empty.widget", "");
  g_autofree char *blank = write_temp ("tess-cli-blank.widget", " \n\t\r\n");
  g_autofree char *array_data = write_temp ("tess-cli-array.json", "[1]");
  g_autofree char *bad_data = write_temp ("tess-cli-bad-data.json", "{\n  \"a\": }");
  g_autofree char *widget = corpus_file ("widgets",
                                         "openai__chatkit-python__card_with_data.widget");
  g_autofree char *expect = NULL;
  Run run = { 0 };

  run_cli (&run, empty, NULL);
  g_assert_cmpint (run.status, ==, 1);
  expect = g_strdup_printf ("%s: error: the file is empty, it holds no JSON\n", empty);
  g_assert_cmpstr (run.err, ==, expect);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  run_cli (&run, blank, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_free (expect);
  expect = g_strdup_printf ("%s: error: the file holds only white space, no JSON\n", blank);
  g_assert_cmpstr (run.err, ==, expect);
  run_clear (&run);

  /* the data file, for .widget files and for --raw */
  run_cli (&run, widget, "--data", empty, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_free (expect);
  expect = g_strdup_printf ("%s: error: the file is empty, it holds no JSON\n", empty);
  g_assert_cmpstr (run.err, ==, expect);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  run_cli (&run, "--raw", "--template", widget, "--data", blank, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_free (expect);
  expect = g_strdup_printf ("%s: error: the file holds only white space, no JSON\n", blank);
  g_assert_cmpstr (run.err, ==, expect);
  run_clear (&run);

  run_cli (&run, widget, "--data", array_data, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_free (expect);
  expect = g_strdup_printf ("%s: error: /: the data must be a JSON object\n", array_data);
  g_assert_cmpstr (run.err, ==, expect);
  run_clear (&run);

  run_cli (&run, widget, "--data", bad_data, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_free (expect);
  expect = g_strdup_printf ("%s:2:8: error: not valid JSON: ", bad_data);
  g_assert_true (g_str_has_prefix (run.err, expect));
  run_clear (&run);

  /* an empty template is a template: Jinja2 renders it to nothing */
  run_cli (&run, "--raw", "--template", empty, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  g_unlink (empty);
  g_unlink (blank);
  g_unlink (array_data);
  g_unlink (bad_data);
}

static void
test_render_raw (void)
{
  g_autofree char *tmpl = write_temp ("tess-cli-raw.jinja",
                                      "{% for x in items %}{{ x|upper }}{% if not loop.last %}, {% endif %}{% endfor %}\n");
  g_autofree char *data = write_temp ("tess-cli-raw.json", "{\"items\": [\"a\", \"b\"]}");
  g_autofree char *broken = write_temp ("tess-cli-broken.jinja", "ok\n{% if %}");
  g_autofree char *expect = NULL;
  Run run = { 0 };

  run_cli (&run, "--raw", "--template", tmpl, "--data", data, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "A, B");   /* exactly Jinja's text: no JSON, no added newline */
  run_clear (&run);

  run_cli (&run, "--raw", "--template", tmpl, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_free (expect);
  expect = g_strdup_printf ("%s:1:13: error: 'items' is undefined\n", tmpl);
  g_assert_cmpstr (run.err, ==, expect);
  run_clear (&run);

  run_cli (&run, "--raw", "--template", broken, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, broken));
  g_assert_nonnull (strstr (run.err, ":2:7: error: "));
  run_clear (&run);

  g_unlink (tmpl);
  g_unlink (data);
  g_unlink (broken);
}

static void
test_usage (void)
{
  Run run = { 0 };

  run_cli (&run, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, !=, "");
  run_clear (&run);

  run_cli (&run, "--raw", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  run_cli (&run, "--bogus-option", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  /* the usage line names the command; --help says what fails */
  run_cli (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "tessera-cli render [OPTION…] FILE.widget"));
  g_assert_nonnull (strstr (run.out, "--strict"));
  g_assert_nonnull (strstr (run.out, "not a Card, ListView or Basic"));
  run_clear (&run);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/template/cli/render-widget", test_render_widget);
  g_test_add_func ("/template/cli/render-errors", test_render_errors);
  g_test_add_func ("/template/cli/render-empty", test_render_empty);
  g_test_add_func ("/template/cli/render-raw", test_render_raw);
  g_test_add_func ("/template/cli/usage", test_usage);
  return g_test_run ();
}
