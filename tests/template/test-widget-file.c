/* test-widget-file.c: loading, rendering, validating and saving `.widget` files */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "template/tess-json-strict.h"
#include "template/tess-widget-file.h"

static char *
corpus_path (const char *stem)
{
  g_autofree char *name = g_strdup_printf ("%s.widget", stem);
  return g_test_build_filename (G_TEST_DIST, "corpus", "widgets", name, NULL);
}

static void
assert_load_error (const char *text, TessWidgetFileError code, const char *pointer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessWidgetFile) file = tess_widget_file_new_from_data (text, -1, &error);

  g_assert_null (file);
  g_assert_error (error, TESS_WIDGET_FILE_ERROR, (gint) code);
  if (pointer != NULL)
    g_assert_true (g_str_has_prefix (error->message, pointer));
}

static void
test_load_errors (void)
{
  assert_load_error ("not json", TESS_WIDGET_FILE_ERROR_INVALID, NULL);
  assert_load_error ("[1, 2]", TESS_WIDGET_FILE_ERROR_INVALID, "/:");
  assert_load_error ("{\"name\": \"x\", \"template\": \"\"}", TESS_WIDGET_FILE_ERROR_MISSING_FIELD,
                     "/version");
  assert_load_error ("{\"version\": \"2.0\", \"name\": \"x\", \"template\": \"\"}",
                     TESS_WIDGET_FILE_ERROR_VERSION, "/version");
  assert_load_error ("{\"version\": 1.0, \"name\": \"x\", \"template\": \"\"}",
                     TESS_WIDGET_FILE_ERROR_VERSION, "/version");
  assert_load_error ("{\"version\": \"1.0\", \"template\": \"\"}",
                     TESS_WIDGET_FILE_ERROR_MISSING_FIELD, "/name");
  assert_load_error ("{\"version\": \"1.0\", \"name\": \"x\"}",
                     TESS_WIDGET_FILE_ERROR_MISSING_FIELD, "/template");
  assert_load_error ("{\"version\": \"1.0\", \"name\": \"x\", \"template\": 5}",
                     TESS_WIDGET_FILE_ERROR_MISSING_FIELD, "/template");
}

/* An empty or blank file is an error, not a GLib critical (the tests make those fatal). */
static void
test_load_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessWidgetFile) file = NULL;
  g_autoptr(JsonNode) sample = NULL;

  assert_load_error ("", TESS_WIDGET_FILE_ERROR_INVALID, "/: the file is empty");
  assert_load_error (" \n\t \r\n", TESS_WIDGET_FILE_ERROR_INVALID, "/: the file is empty");

  file = tess_widget_file_new_from_data ("{}", 0, &error);
  g_assert_null (file);
  g_assert_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_INVALID);
  g_clear_error (&error);

  /* sample data that decodes to blanks is no sample data */
  file = tess_widget_file_new_from_data ("{\"version\": \"1.0\", \"name\": \"x\", "
                                         "\"template\": \"{}\", \"encodedWidget\": \"ICA\"}",
                                         -1, &error);
  g_assert_no_error (error);
  sample = tess_widget_file_get_sample_data (file);
  g_assert_null (sample);
}

static void
test_load_corpus (void)
{
  g_autofree char *path = corpus_path ("openai__chatkit-python__card_with_data");
  g_autoptr(GError) error = NULL;
  g_autoptr(TessWidgetFile) file = tess_widget_file_new_from_path (path, &error);
  g_autoptr(JsonNode) sample = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (tess_widget_file_get_version (file), ==, "1.0");
  g_assert_cmpstr (tess_widget_file_get_name (file), ==, "Channel message");
  g_assert_true (g_str_has_prefix (tess_widget_file_get_template (file), "{\"type\":\"Card\""));

  /* Studio keeps the sample data in encodedWidget.defaultState */
  sample = tess_widget_file_get_sample_data (file);
  g_assert_nonnull (sample);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (sample), "channel"), ==,
                   "#proj-chatkit");
}

static void
test_render_and_validate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessWidgetFile) file = NULL;
  g_autoptr(JsonNode) widget = NULL;
  g_autoptr(JsonNode) data = json_from_string ("{\"title\": \"Hi <you>\"}", NULL);

  file = tess_widget_file_new_from_data (
    "{\"version\": \"1.0\", \"name\": \"t\", \"template\": "
    "\"{\\\"type\\\":\\\"Card\\\",\\\"children\\\":[{\\\"type\\\":\\\"Text\\\",\\\"value\\\":{{ title|tojson }}}]}\"}",
    -1, &error);
  g_assert_no_error (error);
  widget = tess_widget_file_render (file, data, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (
                     json_array_get_element (json_object_get_array_member (
                       json_node_get_object (widget), "children"), 0)), "value"), ==, "Hi <you>");

  /* the template's own errors keep their position in the template */
  tess_widget_file_set_template (file, "{\"type\": \"Card\"\n, \"x\": {{ nope }}}");
  g_clear_pointer (&widget, json_node_unref);
  widget = tess_widget_file_render (file, data, &error);
  g_assert_null (widget);
  g_assert_error (error, TESS_TEMPLATE_ERROR, TESS_TEMPLATE_ERROR_UNDEFINED);
  g_assert_cmpuint (tess_template_error_get_line (error), ==, 2);
  g_assert_cmpuint (tess_template_error_get_column (error), ==, 11);
  g_clear_error (&error);

  /* text that is not JSON */
  tess_widget_file_set_template (file, "{\"type\": \"Card\", \"children\": [],}");
  widget = tess_widget_file_render (file, data, &error);
  g_assert_null (widget);
  g_assert_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_OUTPUT_JSON);
  g_clear_error (&error);

  /* JSON that is not a valid widget: the model says where, by JSON pointer */
  tess_widget_file_set_template (file,
                                 "{\"type\": \"Card\", \"children\": [{\"type\": \"Text\"}]}");
  widget = tess_widget_file_render (file, data, &error);
  g_assert_null (widget);
  g_assert_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_VALIDATION);
  g_assert_true (g_str_has_prefix (error->message, "/children/0/value"));
  g_clear_error (&error);

  /* the shallow ChatKit check accepts it, but not a bad root */
  tess_widget_file_set_validator (file, tess_widget_validate_shallow, NULL);
  widget = tess_widget_file_render (file, data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (widget);
  g_clear_pointer (&widget, json_node_unref);
  tess_widget_file_set_template (file, "{\"type\": \"Box\"}");
  widget = tess_widget_file_render (file, data, &error);
  g_assert_null (widget);
  g_assert_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_VALIDATION);
  g_assert_true (g_str_has_prefix (error->message, "/type"));
  g_clear_error (&error);

  /* a syntax error is reported once per template, at compile time */
  tess_widget_file_set_template (file, "{{ a === b }}");
  g_assert_null (tess_widget_file_get_compiled (file, &error));
  g_assert_error (error, TESS_TEMPLATE_ERROR, TESS_TEMPLATE_ERROR_SYNTAX);
  g_assert_cmpuint (tess_template_error_get_column (error), ==, 8);
}

static void
test_save_preserves_fields (void)
{
  g_autofree char *path = corpus_path ("ShaojieJiang__mcp-chatkit-widget__Player_Card");
  g_autofree char *original = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TessWidgetFile) file = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) preview = NULL;
  g_autoptr(GList) before_keys = NULL;
  g_autoptr(GList) after_keys = NULL;
  JsonObject *b, *a;
  int fd;

  g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
  before = json_from_string (original, &error);
  g_assert_no_error (error);
  file = tess_widget_file_new_from_data (original, -1, &error);
  g_assert_no_error (error);

  /* the designer edits the template; saving refreshes only outputJsonPreview */
  tess_widget_file_set_template (file,
                                 "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":{{ name|tojson }}}]}");
  saved = tess_widget_file_to_data (file, NULL, &error);
  g_assert_no_error (error);
  after = json_from_string (saved, &error);
  g_assert_no_error (error);

  b = json_node_get_object (before);
  a = json_node_get_object (after);
  before_keys = json_object_get_members (b);
  after_keys = json_object_get_members (a);
  g_assert_cmpuint (g_list_length (before_keys), ==, g_list_length (after_keys));
  for (GList *l = before_keys, *m = after_keys; l && m; l = l->next, m = m->next)
    {
      /* same members, same order */
      g_assert_cmpstr (l->data, ==, m->data);
      if (g_str_equal (l->data, "outputJsonPreview") || g_str_equal (l->data, "template"))
        continue;
      g_assert_true (json_node_equal (json_object_get_member (b, l->data),
                                      json_object_get_member (a, l->data)));
    }
  preview = json_from_string ("{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":\"Froge\"}]}", NULL);
  g_assert_true (json_node_equal (json_object_get_member (a, "outputJsonPreview"), preview));
  g_assert_true (g_str_has_prefix (saved, "{\n  \"version\": \"1.0\",\n"));

  /* and the saved file loads again */
  fd = g_file_open_tmp ("tess-widget-XXXXXX.widget", &tmp_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (tess_widget_file_save (file, tmp_path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (tmp_path, &reread, NULL, NULL));
  g_assert_cmpstr (reread, ==, saved);
  {
    g_autoptr(TessWidgetFile) again = tess_widget_file_new_from_path (tmp_path, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tess_widget_file_get_template (again), ==,
                     tess_widget_file_get_template (file));
  }
  g_unlink (tmp_path);
}

static void
test_save_refuses_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessWidgetFile) file = tess_widget_file_new_from_data (
    "{\"version\": \"1.0\", \"name\": \"x\", \"template\": \"{{ missing }}\"}", -1, &error);
  g_autofree char *saved = NULL;

  g_assert_no_error (error);
  saved = tess_widget_file_to_data (file, NULL, &error);
  g_assert_null (saved);
  g_assert_error (error, TESS_TEMPLATE_ERROR, TESS_TEMPLATE_ERROR_UNDEFINED);
}

/* The rendered text is read like Python's json.loads: same texts accepted and rejected. */
static void
test_strict_json (void)
{
  static const struct { const char *text; gboolean ok; const char *error; } cases[] = {
    { "{\"a\": [1, 2.5, -0, 1e3, true, null, \"\\u00e9\\ud83d\\ude00\"]}", TRUE, NULL },
    { "  {\"a\": NaN, \"b\": Infinity, \"c\": -Infinity}  ", TRUE, NULL },
    { "{\"a\": 1, \"a\": 2}", TRUE, NULL },
    { "{\"a\": 1 /* comment */}", FALSE, "1:9: Expecting ',' delimiter (char 8)" },
    { "{\"a\": \"x\ny\"}", FALSE, "1:9: Invalid control character at (char 8)" },
    { "{'a': 1}", FALSE, "1:2: Expecting property name enclosed in double quotes (char 1)" },
    { "{\"a\": 01}", FALSE, "1:8: Expecting ',' delimiter (char 7)" },
    { "{\"a\": 1.}", FALSE, "1:8: Expecting ',' delimiter (char 7)" },
    { "[1, 2,]", FALSE, "1:7: Expecting value (char 6)" },
    { "{\"a\": \"\\x\"}", FALSE, "1:8: Invalid \\escape (char 7)" },
    { "{} {}", FALSE, "1:4: Extra data (char 3)" },
    { "", FALSE, "1:1: Expecting value (char 0)" },
    { "\"unterminated", FALSE, "1:1: Unterminated string starting at (char 0)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = tess_json_parse_strict (cases[i].text, -1, &error);

      g_test_message ("%s -> %s", cases[i].text, error ? error->message : "ok");
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (node);
        }
      else
        {
          g_assert_null (node);
          g_assert_error (error, TESS_JSON_STRICT_ERROR, 0);
          g_assert_cmpstr (error->message, ==, cases[i].error);
        }
    }
  {
    /* duplicate keys: the last value, like a Python dict */
    g_autoptr(JsonNode) node = tess_json_parse_strict ("{\"a\": 1, \"b\": 0, \"a\": 2}", -1, NULL);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "a"), ==, 2);
  }
}

static void
test_pretty_json (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"a\": [1, 2.5, 1e-7, true, null, \"x\\\"y\"], \"b\": {}, \"c\": []}", NULL);
  g_autofree char *text = tess_json_to_string_pretty (node);

  g_assert_cmpstr (text, ==,
                   "{\n  \"a\": [\n    1,\n    2.5,\n    1e-7,\n    true,\n    null,\n    \"x\\\"y\"\n  ],\n"
                   "  \"b\": {},\n  \"c\": []\n}");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/template/widget-file/load-errors", test_load_errors);
  g_test_add_func ("/template/widget-file/load-empty", test_load_empty);
  g_test_add_func ("/template/widget-file/load-corpus", test_load_corpus);
  g_test_add_func ("/template/widget-file/render-and-validate", test_render_and_validate);
  g_test_add_func ("/template/widget-file/save-preserves-fields", test_save_preserves_fields);
  g_test_add_func ("/template/widget-file/save-refuses-invalid", test_save_refuses_invalid);
  g_test_add_func ("/template/widget-file/pretty-json", test_pretty_json);
  g_test_add_func ("/template/widget-file/strict-json", test_strict_json);
  return g_test_run ();
}
