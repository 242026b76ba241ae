/* test-template-corpus.c: every corpus case renders to the same parsed JSON as real Jinja2,
 * or fails at the same stage (load, definition, compile, render, json).
 *
 * Licensed cases live in tests/corpus/. The few unlicensed ones are read from
 * ../shared/corpus when it exists, and skipped otherwise.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "template/tess-template.h"
#include "template/tess-widget-file.h"

typedef struct
{
  char *dir;        /* corpus root */
  char *stem;       /* widget file stem */
  char *name;       /* case name: stem or stem.case */
  char *data_path;  /* NULL when the widget has no data file */
} CorpusCase;

static guint n_cases_licensed;
static guint n_cases_shared;

static void
corpus_case_free (gpointer data)
{
  CorpusCase *c = data;

  g_free (c->dir);
  g_free (c->stem);
  g_free (c->name);
  g_free (c->data_path);
  g_free (c);
}

static char *
read_error_stage (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_file (parser, path, NULL))
    return NULL;
  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "stage"));
}

/* Runs the ChatKit pipeline up to json.loads and names the stage that failed, or NULL. */
static char *
run_case (CorpusCase *c, JsonNode **out_json, char **out_message)
{
  g_autofree char *widget_path = g_strdup_printf ("%s/widgets/%s.widget", c->dir, c->stem);
  g_autoptr(TessWidgetFile) file = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *result;

  *out_json = NULL;
  file = tess_widget_file_new_from_path (widget_path, &error);
  if (file == NULL)
    {
      *out_message = g_strdup (error->message);
      return g_strdup (g_error_matches (error, TESS_WIDGET_FILE_ERROR,
                                        TESS_WIDGET_FILE_ERROR_INVALID)
                       ? "load" : "definition");
    }

  if (c->data_path)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_assert_true (json_parser_load_from_file (parser, c->data_path, NULL));
      data = json_node_copy (json_parser_get_root (parser));
    }

  if (tess_widget_file_get_compiled (file, &error) == NULL)
    {
      *out_message = g_strdup_printf ("%u:%u: %s", tess_template_error_get_line (error),
                                      tess_template_error_get_column (error), error->message);
      return g_strdup ("compile");
    }

  /* The reference stops at json.loads: no widget validation here. */
  tess_widget_file_set_validator (file, NULL, NULL);
  result = tess_widget_file_render (file, data, &error);
  if (result == NULL)
    {
      *out_message = g_strdup (error->message);
      if (error->domain == TESS_TEMPLATE_ERROR)
        return g_strdup ("render");
      g_assert_true (g_error_matches (error, TESS_WIDGET_FILE_ERROR,
                                      TESS_WIDGET_FILE_ERROR_OUTPUT_JSON));
      return g_strdup ("json");
    }
  *out_json = result;
  return NULL;
}

static void
test_corpus_case (gconstpointer user_data)
{
  CorpusCase *c = (CorpusCase *) user_data;
  g_autofree char *expected_path = g_strdup_printf ("%s/expected/%s.json", c->dir, c->name);
  g_autofree char *error_path = g_strdup_printf ("%s/expected/%s.error.json", c->dir, c->name);
  g_autofree char *stage = NULL;
  g_autofree char *message = NULL;
  g_autoptr(JsonNode) actual = NULL;

  stage = run_case (c, &actual, &message);

  if (g_file_test (error_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *expected_stage = read_error_stage (error_path);
      g_assert_nonnull (expected_stage);
      if (stage == NULL)
        g_test_message ("expected a failure at stage %s, but it rendered", expected_stage);
      g_assert_nonnull (stage);
      g_test_message ("%s failed at %s as expected: %s", c->name, stage, message);
      g_assert_cmpstr (stage, ==, expected_stage);
    }
  else
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *expected;

      g_assert_true (g_file_test (expected_path, G_FILE_TEST_EXISTS));
      if (stage != NULL)
        g_test_message ("%s failed at %s: %s", c->name, stage, message);
      g_assert_null (stage);
      g_assert_true (json_parser_load_from_file (parser, expected_path, NULL));
      expected = json_parser_get_root (parser);
      if (!json_node_equal (expected, actual))
        {
          g_autofree char *a = json_to_string (actual, TRUE);
          g_autofree char *e = json_to_string (expected, TRUE);
          g_test_message ("expected:\n%s\nactual:\n%s", e, a);
        }
      g_assert_true (json_node_equal (expected, actual));
    }
}

static gboolean
is_case_of (const char *name, const char *stem)
{
  gsize n = strlen (stem);

  if (strncmp (name, stem, n) != 0)
    return FALSE;
  if (name[n] == '\0')
    return TRUE;
  return name[n] == '.' && strchr (name + n + 1, '.') == NULL;
}

static guint
add_corpus (const char *dir, GHashTable *seen)
{
  g_autofree char *widgets_dir = g_build_filename (dir, "widgets", NULL);
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autoptr(GDir) wdir = g_dir_open (widgets_dir, 0, NULL);
  g_autoptr(GPtrArray) stems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) data_files = g_ptr_array_new_with_free_func (g_free);
  const char *fn;
  guint added = 0;

  if (wdir == NULL)
    return 0;
  while ((fn = g_dir_read_name (wdir)) != NULL)
    if (g_str_has_suffix (fn, ".widget"))
      g_ptr_array_add (stems, g_strndup (fn, strlen (fn) - strlen (".widget")));
  g_ptr_array_sort (stems, (GCompareFunc) g_strcmp0);
  {
    g_autoptr(GDir) ddir = g_dir_open (data_dir, 0, NULL);
    while (ddir && (fn = g_dir_read_name (ddir)) != NULL)
      if (g_str_has_suffix (fn, ".json"))
        g_ptr_array_add (data_files, g_strndup (fn, strlen (fn) - strlen (".json")));
  }

  for (guint i = 0; i < stems->len; i++)
    {
      const char *stem = stems->pdata[i];
      gboolean any = FALSE;

      if (g_hash_table_contains (seen, stem))
        continue;
      g_hash_table_add (seen, g_strdup (stem));

      for (guint k = 0; k <= data_files->len; k++)
        {
          CorpusCase *c;
          g_autofree char *path = NULL;

          if (k < data_files->len && !is_case_of (data_files->pdata[k], stem))
            continue;
          if (k == data_files->len && any)
            break;
          c = g_new0 (CorpusCase, 1);
          c->dir = g_strdup (dir);
          c->stem = g_strdup (stem);
          if (k < data_files->len)
            {
              c->name = g_strdup (data_files->pdata[k]);
              c->data_path = g_strdup_printf ("%s/%s.json", data_dir, c->name);
              any = TRUE;
            }
          else
            c->name = g_strdup (stem);
          path = g_strdup_printf ("/template/corpus/%s", c->name);
          g_test_add_data_func_full (path, c, test_corpus_case, corpus_case_free);
          added++;
        }
    }
  return added;
}

static void
test_corpus_count (void)
{
  /* The licensed copies alone give 134 cases; with ../shared/corpus all 144 run. */
  g_assert_cmpuint (n_cases_licensed, ==, 134);
  if (n_cases_shared == 0)
    g_test_message ("../shared/corpus not found: the 10 unlicensed cases were skipped");
  else
    g_assert_cmpuint (n_cases_licensed + n_cases_shared, ==, 144);
}

int
main (int argc, char **argv)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *licensed = NULL;
  g_autofree char *shared = NULL;

  g_test_init (&argc, &argv, NULL);

  licensed = g_test_build_filename (G_TEST_DIST, "corpus", NULL);
  shared = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "corpus", NULL);

  n_cases_licensed = add_corpus (licensed, seen);
  if (g_file_test (shared, G_FILE_TEST_IS_DIR))
    n_cases_shared = add_corpus (shared, seen);
  g_test_add_func ("/template/corpus/count", test_corpus_count);

  return g_test_run ();
}
