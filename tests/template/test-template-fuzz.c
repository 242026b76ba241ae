/* test-template-fuzz.c: hostile input never crashes, hangs or fails without a location.
 *
 * Seeded random mutations of the corpus templates (deleting, duplicating and inserting
 * template syntax) are parsed and rendered with their data; each must either render or fail
 * with a TessTemplateError that has a line and a column. Run under valgrind or ASan for
 * memory errors. TESS_MUTATIONS=N runs more.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "template/tess-template.h"
#include "template/tess-widget-file.h"

static const char *fragments[] = {
  "{{", "}}", "{%", "%}", "{#", "#}", "{%-", "-%}", "{{-", "-}}", "(", ")", "[", "]", "{", "}",
  "|", "~", ".", ",", ":", "'", "\"", "\\", " if ", " else ", " for x in ", " endfor ", " endif ",
  " set ", " macro m(a) ", " endmacro ", " in ", " not ", " and ", " or ", " is ", "loop.index",
  "|tojson", "|default(1)", "|join", "|map('upper')", "range(5)", "1e308", "-1", "**", "//", "%",
  "{% raw %}", "{% endraw %}", "namespace()", "caller()", "\xc3\xa9", "\n", "{% for x in range(9) %}",
  "{% endfor %}", "|batch(0)", "|slice(-1)", "* 9999999", "[::-1]", "[1:2:0]", "|wordwrap(1)",
};

static void
collect_templates (GPtrArray *templates, GPtrArray *datas)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "corpus", "widgets", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *fn;

  g_assert_nonnull (d);
  while ((fn = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, fn, NULL);
      g_autoptr(TessWidgetFile) file = tess_widget_file_new_from_path (path, NULL);
      if (file == NULL)
        continue;
      g_ptr_array_add (templates, g_strdup (tess_widget_file_get_template (file)));
      g_ptr_array_add (datas, tess_widget_file_get_sample_data (file));
    }
}

static char *
mutate (GRand *rand, const char *source)
{
  GString *s = g_string_new (source);
  guint n = g_rand_int_range (rand, 1, 6);

  for (guint i = 0; i < n; i++)
    {
      guint at = s->len ? g_rand_int_range (rand, 0, s->len + 1) : 0;
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          g_string_insert (s, at, fragments[g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments))]);
          break;
        case 1:
          if (s->len > at)
            {
              guint len = g_rand_int_range (rand, 1, 12);  /* not inside MIN: evaluated twice */
              g_string_erase (s, at, MIN (s->len - at, len));
            }
          break;
        case 2:
          if (s->len > 0)
            {
              guint from = g_rand_int_range (rand, 0, s->len);
              guint want = g_rand_int_range (rand, 1, 40);
              guint len = MIN (s->len - from, want);
              g_autofree char *piece = g_strndup (s->str + from, len);
              g_string_insert (s, at, piece);
            }
          break;
        default:
          if (s->len > at)
            s->str[at] = (char) g_rand_int_range (rand, 0x20, 0x7f);
          break;
        }
    }
  /* keep it UTF-8: the public API rejects anything else up front (tested elsewhere) */
  if (!g_utf8_validate (s->str, s->len, NULL))
    {
      char *valid = g_utf8_make_valid (s->str, s->len);
      g_string_free (s, TRUE);
      return valid;
    }
  return g_string_free (s, FALSE);
}

static void
test_mutations (void)
{
  const char *env = g_getenv ("TESS_MUTATIONS");
  guint n = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 3000;
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) datas = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  GRand *rand = g_rand_new_with_seed (4242);
  guint rendered = 0, compile_errors = 0, render_errors = 0;

  g_ptr_array_set_free_func (datas, NULL);
  collect_templates (templates, datas);
  g_assert_cmpuint (templates->len, >, 20);

  for (guint i = 0; i < n; i++)
    {
      guint k = g_rand_int_range (rand, 0, templates->len);
      g_autofree char *source = mutate (rand, templates->pdata[k]);
      g_autoptr(GError) error = NULL;
      g_autoptr(TessTemplate) tmpl = tess_template_new (source, &error);
      g_autofree char *out = NULL;
      TessTemplateLimits limits;

      if (tmpl == NULL)
        {
          g_assert_error (error, TESS_TEMPLATE_ERROR, TESS_TEMPLATE_ERROR_SYNTAX);
          g_assert_cmpuint (tess_template_error_get_line (error), >=, 1);
          g_assert_cmpuint (tess_template_error_get_column (error), >=, 1);
          compile_errors++;
          continue;
        }
      /* tighter limits keep the run short; the defaults are tested in test-template-unit */
      tess_template_get_limits (tmpl, &limits);
      limits.max_iterations = 20000;
      limits.max_output = 1 << 20;
      tess_template_set_limits (tmpl, &limits);
      out = tess_template_render_json (tmpl, datas->pdata[k], &error);
      if (out == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == TESS_TEMPLATE_ERROR);
          g_assert_cmpuint (tess_template_error_get_line (error), >=, 1);
          g_assert_cmpuint (tess_template_error_get_column (error), >=, 1);
          render_errors++;
        }
      else
        {
          g_assert_true (g_utf8_validate (out, -1, NULL));
          rendered++;
        }
    }
  g_test_message ("%u mutations: %u rendered, %u compile errors, %u render errors", n, rendered,
                  compile_errors, render_errors);
  /* the mutations must reach both the parser's and the evaluator's error paths */
  g_assert_cmpuint (compile_errors, >, 0);
  g_assert_cmpuint (render_errors + rendered, >, 0);
  for (guint i = 0; i < datas->len; i++)
    if (datas->pdata[i])
      json_node_unref (datas->pdata[i]);
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/template/fuzz/mutations", test_mutations);
  return g_test_run ();
}
