/* test-cli.c: tessera-cli as a user runs it — output, exit status, files of every kind
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>

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
  g_auto(GStrv) envp = NULL;
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

  /* Any GLib warning or critical aborts the CLI, and fails the test. */
  envp = g_environ_setenv (g_get_environ (), "G_DEBUG", "fatal-warnings", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status))
    g_error ("tessera-cli did not exit (signal %d): %s", WTERMSIG (wait_status), result->err);
  result->status = WEXITSTATUS (wait_status);
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

/* "Usage:" names the command, and its arguments once. */
static void
test_usage_lines (void)
{
  static const struct
  {
    const char *command;
    const char *usage;
  } cases[] = {
    { "validate", "Usage:\n  tessera-cli validate [OPTION…] FILE…\n" },
    { "render", "Usage:\n  tessera-cli render [OPTION…] FILE.widget | --raw --template T.jinja\n" },
    { "screenshot", "Usage:\n  tessera-cli screenshot [OPTION…] FILE -o OUT.png\n" },
    { "layout", "Usage:\n  tessera-cli layout [OPTION…] --width W FILE\n" },
    { "chat", "Usage:\n  tessera-cli chat [OPTION…] COMMAND [ARGUMENT…]\n" },
    { "serve", "Usage:\n  tessera-cli serve [OPTION…]\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) result = { 0 };

      run_cli (&result, cases[i].command, "--help", NULL);
      g_assert_cmpint (result.status, ==, 0);
      g_assert_true (g_str_has_prefix (result.out, cases[i].usage));
    }
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

  /* The template is rendered with the sample data and the result validated: a root with no
   * type is what the SDK refuses to build. */
  run_cli (&missing, "validate", no_preview, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err,
                            "t.widget: error: /type: a widget node needs a string \"type\""));
}

/* A .widget file the SDK builds is validated in full: every error, as for widget JSON. */
static void
test_validate_widget_file_all_errors (void)
{
  g_autofree char *path = write_temp ("two.widget",
    "{\"version\":\"1.0\",\"name\":\"two\",\"template\":\"{\\\"type\\\":\\\"Card\\\","
    "\\\"children\\\":[{\\\"type\\\":\\\"Text\\\"},{\\\"type\\\":\\\"Text\\\"}]}\"}");
  g_autofree char *expected = g_strdup_printf (
    "%s: error: /children/0/value: missing required prop \"value\" of Text\n"
    "%s: error: /children/1/value: missing required prop \"value\" of Text\n", path, path);
  g_auto(Result) result = { 0 };

  run_cli (&result, "validate", path, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, expected);
  g_assert_cmpstr (result.err, ==, "");
}

/* A .widget file without a template says so, as render does, not that a widget has no type. */
static void
test_validate_widget_file_no_template (void)
{
  g_autofree char *path = write_temp ("none.widget",
    "{\"version\":\"1.0\",\"name\":\"none\",\"jsonSchema\":{},\"outputJsonPreview\":{}}");
  g_autofree char *no_version = write_temp ("old.widget",
    "{\"name\":\"old\",\"encodedWidget\":\"\"}");
  g_autofree char *expected = g_strdup_printf (
    "%s: error: /template: missing (the file has no Jinja template)\n", path);
  g_autofree char *expected_version = g_strdup_printf (
    "%s: error: /version: missing (it must be \"1.0\")\n", no_version);
  g_auto(Result) result = { 0 };
  g_auto(Result) render = { 0 };
  g_auto(Result) version = { 0 };

  run_cli (&result, "validate", path, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.err, ==, expected);
  g_assert_cmpstr (result.out, ==, "");

  run_cli (&render, "render", path, NULL);
  g_assert_cmpint (render.status, ==, 1);
  g_assert_cmpstr (render.err, ==, expected);

  run_cli (&version, "validate", no_version, NULL);
  g_assert_cmpint (version.status, ==, 1);
  g_assert_cmpstr (version.err, ==, expected_version);
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
  g_autofree char *expected = g_strdup_printf ("%s:2:16: error: not valid JSON: ", not_json);
  g_auto(Result) missing = { 0 };
  g_auto(Result) broken = { 0 };
  g_auto(Result) no_args = { 0 };

  run_cli (&missing, "validate", "/nonexistent/widget.json", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/widget.json"));

  /* A syntax error is an error (exit 1) that names the file, line and column. */
  run_cli (&broken, "validate", not_json, NULL);
  g_assert_cmpint (broken.status, ==, 1);
  g_assert_true (g_str_has_prefix (broken.err, expected));

  run_cli (&no_args, "validate", NULL);
  g_assert_cmpint (no_args.status, ==, 2);
}

/* The corpus cases whose widget breaks the widget schema though the SDK builds it
 * (shared corpus/VALIDATION.md); the licensed copies hold some of them. */
static const char *const schema_invalid[] = {
  "incursa__chatkit-dotnet__Email_Summary",
  "incursa__chatkit-dotnet__Email_Summary.no_cc",
  "incursa__chatkit-dotnet__EmailListId",
  "incursa__chatkit-dotnet__EmailListId.one",
  "matthoffner__dakota-country-home__booking_form",
  "matthoffner__dakota-country-home__booking_form__agent-87a44f3f",
  "matthoffner__dakota-country-home__booking_form__agent-916e09a7",
  "matthoffner__dakota-country-home__booking_form__agent-07dd6dae",
  "matthoffner__dakota-country-home__booking_form__agent-ec66782f",
  "matthoffner__dakota-country-home__booking_form__agent-ec66782f.minimal",
  "openai__openai-chatkit-advanced-samples__Cupid_Progress",
  "openai__openai-chatkit-advanced-samples__Cupid_Progress.ending",
  NULL
};

/* data/STEM.json and data/STEM.CASE.json render widgets/STEM.widget: the longest stem wins. */
static char *
widget_stem (GPtrArray  *stems,
             const char *name)
{
  const char *best = NULL;

  for (guint i = 0; i < stems->len; i++)
    {
      const char *stem = g_ptr_array_index (stems, i);
      gsize len = strlen (stem);

      if ((g_str_equal (name, stem) ||
           (g_str_has_prefix (name, stem) && name[len] == '.' &&
            strchr (name + len + 1, '.') == NULL)) &&
          (best == NULL || len > strlen (best)))
        best = stem;
    }
  return g_strdup (best);
}

static char *
corpus_file (const char *dir,
             const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "corpus", dir, name, NULL);
}

static GPtrArray *
list_dir (const char *dir,
          const char *suffix)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpus", dir, NULL);
  g_autoptr(GDir) handle = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      if (g_str_has_suffix (name, suffix))
        g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (suffix)));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}

/* `render`: every case hydrates to exactly what Jinja2 renders (json.loads' result), exit 0,
 * as ChatKit's WidgetTemplate.build() builds it; the cases where Jinja2 or json.loads fails
 * still fail; --strict refuses the schema-invalid ones. */
static void
test_render_corpus (void)
{
  g_autoptr(GPtrArray) stems = list_dir ("widgets", ".widget");
  g_autoptr(GPtrArray) cases = list_dir ("data", ".json");
  guint n_built = 0, n_failed = 0, n_invalid = 0;

  g_assert_cmpuint (cases->len, >, 0);
  for (guint i = 0; i < cases->len; i++)
    {
      const char *name = g_ptr_array_index (cases, i);
      g_autofree char *stem = widget_stem (stems, name);
      g_autofree char *widget_name = g_strdup_printf ("%s.widget", stem);
      g_autofree char *data_name = g_strdup_printf ("%s.json", name);
      g_autofree char *error_name = g_strdup_printf ("%s.error.json", name);
      g_autofree char *widget = corpus_file ("widgets", widget_name);
      g_autofree char *data = corpus_file ("data", data_name);
      g_autofree char *expected_path = corpus_file ("expected", data_name);
      g_autofree char *error_path = corpus_file ("expected", error_name);
      gboolean invalid = g_strv_contains ((const char * const *) schema_invalid, name);
      g_auto(Result) run = { 0 };
      g_auto(Result) strict = { 0 };

      g_assert_nonnull (stem);
      g_test_message ("%s", name);
      run_cli (&run, "render", widget, "--data", data, NULL);

      if (g_file_test (error_path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *prefix = g_strconcat (widget, ":", NULL);

          g_assert_cmpint (run.status, ==, 1);
          g_assert_cmpstr (run.out, ==, "");
          g_assert_true (g_str_has_prefix (run.err, prefix));
          g_assert_nonnull (strstr (run.err, "error: "));
          n_failed++;
        }
      else
        {
          g_autoptr(JsonParser) expected = json_parser_new ();
          g_autoptr(JsonNode) actual = NULL;
          g_autoptr(GError) error = NULL;

          g_assert_cmpint (run.status, ==, 0);
          g_assert_true (json_parser_load_from_file (expected, expected_path, &error));
          g_assert_no_error (error);
          actual = json_from_string (run.out, &error);
          g_assert_no_error (error);
          g_assert_true (json_node_equal (actual, json_parser_get_root (expected)));
          if (invalid)
            {
              g_autofree char *prefix = g_strdup_printf ("%s: error: /", widget);

              g_assert_true (g_str_has_prefix (run.err, prefix));
              run_cli (&strict, "render", "--strict", widget, "--data", data, NULL);
              g_assert_cmpint (strict.status, ==, 1);
              g_assert_cmpstr (strict.out, ==, "");
              g_assert_cmpstr (strict.err, ==, run.err);
              n_invalid++;
            }
          else
            {
              g_assert_cmpstr (run.err, ==, "");
            }
          n_built++;
        }
    }
  g_test_message ("%u cases built (%u of them schema-invalid), %u fail as in Jinja2", n_built,
                  n_invalid, n_failed);
  /* The licensed copies: Email_Summary, EmailListId and Cupid_Progress, two cases each */
  g_assert_cmpuint (n_invalid, ==, 6);
  g_assert_cmpuint (n_failed, >, 0);
}

/* Every command that reads a file says it is empty or blank; none prints a GLib critical. */
static void
test_empty_files (void)
{
  g_autofree char *empty = write_temp ("empty.widget", "");
  g_autofree char *blank = write_temp ("blank.json", "  \n\t\n");
  g_autofree char *widget = g_test_build_filename (G_TEST_DIST, "corpus", "widgets",
                                                   "openai__chatkit-python__card_with_data.widget",
                                                   NULL);
  g_autofree char *out = g_build_filename (g_get_tmp_dir (), "tessera-cli-empty.png", NULL);
  const char *const files[] = { empty, blank };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      const char *text = i == 0 ? "the file is empty, it holds no JSON"
                                : "the file holds only white space, no JSON";
      g_autofree char *message = g_strdup_printf ("%s: error: %s\n", files[i], text);
      g_autofree char *json_message = NULL;
      g_auto(Result) validate = { 0 };
      g_auto(Result) json = { 0 };
      g_auto(Result) render = { 0 };
      g_auto(Result) layout = { 0 };
      g_auto(Result) layout_data = { 0 };
      g_auto(Result) screenshot = { 0 };
      g_auto(Result) screenshot_data = { 0 };

      run_cli (&validate, "validate", files[i], NULL);
      g_assert_cmpint (validate.status, ==, 1);
      g_assert_cmpstr (validate.err, ==, message);

      run_cli (&json, "validate", "--json", files[i], NULL);
      g_assert_cmpint (json.status, ==, 1);
      json_message = g_strdup_printf ("\"message\" : \"%s\"", text);
      g_assert_nonnull (strstr (json.out, json_message));

      run_cli (&render, "render", files[i], NULL);
      g_assert_cmpint (render.status, ==, 1);
      g_assert_cmpstr (render.err, ==, message);
      g_assert_cmpstr (render.out, ==, "");

      /* both fail before they need a display */
      run_cli (&layout, "layout", "--width", "300", files[i], NULL);
      g_assert_cmpint (layout.status, ==, 1);
      g_assert_cmpstr (layout.err, ==, message);

      run_cli (&layout_data, "layout", "--width", "300", "--data", files[i], widget, NULL);
      g_assert_cmpint (layout_data.status, ==, 1);
      g_assert_cmpstr (layout_data.err, ==, message);

      run_cli (&screenshot, "screenshot", files[i], "-o", out, NULL);
      g_assert_cmpint (screenshot.status, ==, 1);
      g_assert_cmpstr (screenshot.err, ==, message);

      run_cli (&screenshot_data, "screenshot", widget, "--data", files[i], "-o", out, NULL);
      g_assert_cmpint (screenshot_data.status, ==, 1);
      g_assert_cmpstr (screenshot_data.err, ==, message);
    }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* JSON arguments of chat: empty or blank is an error before anything is sent. */
static void
test_chat_empty_json (void)
{
  static const char *const texts[] = { "", " \n " };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_auto(Result) payload = { 0 };
      g_auto(Result) answer = { 0 };
      g_auto(Result) tool = { 0 };

      run_cli (&payload, "chat", "--server", "http://127.0.0.1:9/chatkit", "--thread", "t",
               "action", "x", "--payload", texts[i], NULL);
      g_assert_cmpint (payload.status, ==, 2);
      g_assert_true (g_str_has_prefix (payload.err,
                                       "tessera-cli chat: --payload is empty, not JSON\n"));

      run_cli (&answer, "chat", "--server", "http://127.0.0.1:9/chatkit", "--thread", "t",
               "answer", "si_1", texts[i], NULL);
      g_assert_cmpint (answer.status, ==, 2);
      g_assert_true (g_str_has_prefix (answer.err,
                                       "tessera-cli chat: the answers is empty, not JSON\n"));

      run_cli (&tool, "chat", "--server", "http://127.0.0.1:9/chatkit", "--thread", "t",
               "tool-output", texts[i], NULL);
      g_assert_cmpint (tool.status, ==, 2);
      g_assert_true (g_str_has_prefix (tool.err,
                                       "tessera-cli chat: the tool result is empty, not JSON\n"));
    }
}

/* chat answer takes a StructuredInputSubmission and says so, rather than sending a shape the
 * server reads as "every question skipped". Checked before anything is sent. */
static void
test_chat_answer_shape (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "[\"blue\"]", "expected an object {\"answers\": {…}}" },
    { "{\"color\": [\"blue\"]}", "unknown member “color”" },
    { "{\"color\": {\"values\": [\"blue\"]}}", "unknown member “color”" },
    { "{}", "no \"answers\" object" },
    { "{\"answers\": [\"blue\"]}", "\"answers\" must be an object of question ids" },
    { "{\"answers\": {\"color\": \"blue\"}}", "/answers/color must be an object" },
    { "{\"answers\": {\"color\": [\"blue\"]}}", "/answers/color must be an object" },
    { "{\"answers\": {\"color\": {\"value\": [\"blue\"]}}}", "unknown member “value”" },
    { "{\"answers\": {\"color\": {}}}", "/answers/color has no \"values\" array" },
    { "{\"answers\": {\"color\": {\"values\": \"blue\"}}}",
      "/answers/color/values must be an array of strings" },
    { "{\"answers\": {\"color\": {\"values\": [1]}}}", "/answers/color/values/0 must be a string" },
    { "{\"answers\": {\"color\": {\"values\": [], \"skipped\": \"yes\"}}}",
      "/answers/color/skipped must be true or false" },
    { "{\"status\": \"done\", \"answers\": {}}", "\"status\" must be \"answered\" or \"skipped\"" },
  };
  g_auto(Result) help = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) result = { 0 };

      run_cli (&result, "chat", "--server", "http://127.0.0.1:9/chatkit", "--thread", "t",
               "answer", "si_1", cases[i].json, NULL);
      g_assert_cmpint (result.status, ==, 2);
      g_assert_true (g_str_has_prefix (result.err, "tessera-cli chat: the answers: "));
      if (strstr (result.err, cases[i].message) == NULL)
        g_error ("%s: expected “%s” in %s", cases[i].json, cases[i].message, result.err);
    }

  run_cli (&help, "chat", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "{\"answers\": {\"QUESTION\": {\"values\": [\"VALUE\", …]"));
}

/* Starts `tessera-cli serve --memory --port 0` and returns its URL. */
static GSubprocess *
start_server (char **url)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *server;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-warnings", TRUE);
  server = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("TESSERA_CLI"), "serve",
                                        "--memory", "--port", "0", "--delay", "0", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  *url = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*url);
  return server;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* The answers are for the questions of a pending structured_input item of the thread. */
static void
test_chat_answer_item (void)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = start_server (&url);
  g_autoptr(JsonObject) output = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) ask = { 0 };
  g_auto(Result) unknown = { 0 };
  g_auto(Result) not_input = { 0 };
  g_auto(Result) missing = { 0 };
  g_auto(Result) answered = { 0 };
  g_auto(Result) again = { 0 };
  JsonArray *items;
  const char *thread_id, *ask_id, *message_id;
  JsonObject *item;

  run_cli (&ask, "chat", "--server", url, "send", "/ask", NULL);
  g_assert_cmpint (ask.status, ==, 0);
  output = parse_object (ask.out);
  thread_id = json_object_get_string_member (json_object_get_object_member (output, "thread"),
                                             "id");
  items = json_object_get_array_member (output, "items");
  message_id = json_object_get_string_member (json_array_get_object_element (items, 0), "id");
  item = json_array_get_object_element (items, json_array_get_length (items) - 1);
  g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "structured_input");
  ask_id = json_object_get_string_member (item, "id");

  run_cli (&unknown, "chat", "--server", url, "--thread", thread_id, "answer", ask_id,
           "{\"answers\": {\"colour\": {\"values\": [\"blue\"]}}}", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "has no question “colour” (its questions: “color”, "));

  run_cli (&not_input, "chat", "--server", url, "--thread", thread_id, "answer", message_id,
           "{\"status\": \"skipped\"}", NULL);
  g_assert_cmpint (not_input.status, ==, 2);
  g_assert_nonnull (strstr (not_input.err, "is a user_message item, not a structured_input"));

  run_cli (&missing, "chat", "--server", url, "--thread", thread_id, "answer", "si_none",
           "{\"status\": \"skipped\"}", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "the thread has no item “si_none”"));

  run_cli (&answered, "chat", "--server", url, "--thread", thread_id, "answer", ask_id,
           "{\"answers\": {\"color\": {\"values\": [\"blue\"]}}}", NULL);
  g_assert_cmpint (answered.status, ==, 0);
  g_assert_nonnull (strstr (answered.out, "**blue**"));

  run_cli (&again, "chat", "--server", url, "--thread", thread_id, "answer", ask_id,
           "{\"answers\": {\"color\": {\"values\": [\"red\"]}}}", NULL);
  g_assert_cmpint (again.status, ==, 2);
  g_assert_nonnull (strstr (again.err, "is not pending (its status is “answered”)"));

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, &error);
  g_assert_no_error (error);
}

/* The width of a PNG, from its IHDR chunk */
static guint
png_width (const char *path)
{
  g_autofree guchar *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, (char **) &contents, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (contents + 12, 4, "IHDR", 4);
  return (guint) contents[16] << 24 | (guint) contents[17] << 16 | (guint) contents[18] << 8 |
         contents[19];
}

/* --width W makes an image W px wide, also of a widget that cannot be that narrow. */
static void
test_screenshot_width (void)
{
  g_autofree char *card = g_test_build_filename (G_TEST_DIST, "corpus", "widgets",
                                                 "openai__chatkit-python__card_with_data.widget",
                                                 NULL);
  g_autofree char *wide = g_test_build_filename (
    G_TEST_DIST, "corpus", "widgets",
    "BecomeDamnGood__business-canvas-chatkit__Business_Canvas_Builder_Intro.widget", NULL);
  g_autofree char *dir = g_dir_make_tmp ("tessera-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.png", NULL);
  g_autofree char *warning = g_strdup_printf ("%s: warning: the widget needs ", wide);
  g_auto(Result) narrow = { 0 };
  g_auto(Result) cut = { 0 };
  g_auto(Result) natural = { 0 };

  run_cli (&narrow, "screenshot", card, "--width", "360", "-o", out, NULL);
  g_assert_cmpint (narrow.status, ==, 0);
  g_assert_cmpuint (png_width (out), ==, 360);

  run_cli (&natural, "screenshot", wide, "-o", out, NULL);
  g_assert_cmpint (natural.status, ==, 0);
  g_assert_cmpuint (png_width (out), >, 360);

  run_cli (&cut, "screenshot", wide, "--width", "360", "-o", out, NULL);
  g_assert_cmpint (cut.status, ==, 0);
  g_assert_cmpuint (png_width (out), ==, 360);
  g_assert_true (g_str_has_prefix (cut.err, warning));
  g_assert_nonnull (strstr (cut.err, "the image is cut at 360 px"));
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
  g_test_add_func ("/cli/validate/widget-file-all-errors", test_validate_widget_file_all_errors);
  g_test_add_func ("/cli/validate/widget-file-no-template",
                   test_validate_widget_file_no_template);
  g_test_add_func ("/cli/usage-lines", test_usage_lines);
  g_test_add_func ("/cli/render/corpus", test_render_corpus);
  g_test_add_func ("/cli/empty-files", test_empty_files);
  g_test_add_func ("/cli/chat/empty-json", test_chat_empty_json);
  g_test_add_func ("/cli/chat/answer-shape", test_chat_answer_shape);
  g_test_add_func ("/cli/chat/answer-item", test_chat_answer_item);
  /* Run by the cli-display test, which has a display */
  if (g_getenv ("TESS_CLI_DISPLAY_TESTS") != NULL)
    g_test_add_func ("/cli/display/screenshot-width", test_screenshot_width);

  return g_test_run ();
}
