/* bench-template.c: median per-render time of Tessera and of Python's Jinja2 (same machine,
 * same run) over every corpus case that renders, plus a 100-item list, and the ratio.
 *
 *   bench-template [CORPUS_DIR...] [-n RENDERS] [--python PATH]
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "template/tess-template.h"
#include "template/tess-widget-file.h"

typedef struct
{
  char     *name;
  char     *template;
  JsonNode *data;
} BenchCase;

static void
bench_case_free (gpointer p)
{
  BenchCase *c = p;

  g_free (c->name);
  g_free (c->template);
  if (c->data)
    json_node_unref (c->data);
  g_free (c);
}

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64
median (GArray *times)
{
  g_array_sort (times, compare_gint64);
  return g_array_index (times, gint64, times->len / 2);
}

/* Tessera: parse once, convert the data once, render n times (Jinja, too, is handed a dict
 * that is already parsed). */
static gint64
time_tessera (BenchCase *c, guint n)
{
  g_autoptr(TessTemplate) tmpl = tess_template_new (c->template, NULL);
  g_autoptr(TessTemplateData) data = tess_template_data_new (c->data, NULL);
  g_autoptr(GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  if (tmpl == NULL || data == NULL)
    return -1;
  for (guint i = 0; i < n; i++)
    {
      gint64 start = now_ns ();
      char *out = tess_template_render (tmpl, data, NULL);
      gint64 t = now_ns () - start;
      if (out == NULL)
        return -1;
      g_free (out);
      g_array_append_val (times, t);
    }
  return median (times);
}

typedef struct
{
  GSubprocess      *process;
  GOutputStream    *in;
  GDataInputStream *out;
} Python;

static gint64
time_jinja (Python *py, BenchCase *c, guint n)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *line = NULL;
  g_autofree char *reply = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "template");
  json_builder_add_string_value (builder, c->template);
  json_builder_set_member_name (builder, "data");
  json_builder_add_value (builder, c->data ? json_node_copy (c->data)
                                           : json_node_init_object (json_node_alloc (),
                                                                    json_object_new ()));
  json_builder_set_member_name (builder, "n");
  json_builder_add_int_value (builder, n);
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  json_generator_set_root (gen, request);
  line = json_generator_to_data (gen, NULL);
  if (!g_output_stream_write_all (py->in, line, strlen (line), NULL, NULL, NULL) ||
      !g_output_stream_write_all (py->in, "\n", 1, NULL, NULL, NULL))
    return -1;
  reply = g_data_input_stream_read_line_utf8 (py->out, NULL, NULL, NULL);
  if (reply == NULL || !json_parser_load_from_data (parser, reply, -1, NULL))
    return -1;
  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                     "median_ns");
}

static void
add_corpus (GPtrArray *cases, GHashTable *seen, const char *dir)
{
  g_autofree char *widgets = g_build_filename (dir, "widgets", NULL);
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *expected_dir = g_build_filename (dir, "expected", NULL);
  g_autoptr(GDir) edir = g_dir_open (expected_dir, 0, NULL);
  const char *fn;

  /* Every expected/<case>.json is a case that renders; find its widget and data. */
  while (edir && (fn = g_dir_read_name (edir)) != NULL)
    {
      g_autofree char *name = NULL;
      g_autofree char *stem = NULL;
      g_autofree char *widget_path = NULL;
      g_autofree char *data_path = NULL;
      g_autoptr(TessWidgetFile) file = NULL;
      BenchCase *c;
      char *dot;

      if (!g_str_has_suffix (fn, ".json") || g_str_has_suffix (fn, ".error.json"))
        continue;
      name = g_strndup (fn, strlen (fn) - 5);
      if (g_hash_table_contains (seen, name))
        continue;
      stem = g_strdup (name);
      widget_path = g_strdup_printf ("%s/%s.widget", widgets, stem);
      while (!g_file_test (widget_path, G_FILE_TEST_EXISTS) && (dot = strrchr (stem, '.')) != NULL)
        {
          *dot = '\0';
          g_free (widget_path);
          widget_path = g_strdup_printf ("%s/%s.widget", widgets, stem);
        }
      file = tess_widget_file_new_from_path (widget_path, NULL);
      if (file == NULL)
        continue;
      c = g_new0 (BenchCase, 1);
      c->name = g_strdup (name);
      c->template = g_strdup (tess_widget_file_get_template (file));
      data_path = g_strdup_printf ("%s/%s.json", data_dir, name);
      if (g_file_test (data_path, G_FILE_TEST_EXISTS))
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          if (json_parser_load_from_file (parser, data_path, NULL))
            c->data = json_node_copy (json_parser_get_root (parser));
        }
      g_hash_table_add (seen, g_strdup (name));
      g_ptr_array_add (cases, c);
    }
}

static BenchCase *
make_list_case (void)
{
  BenchCase *c = g_new0 (BenchCase, 1);
  JsonArray *items = json_array_new ();
  JsonObject *root = json_object_new ();

  /* What Widget Studio exports for a ListView: a loop with the comma-stripping idiom. */
  c->name = g_strdup ("synthetic: ListView of 100 items");
  c->template = g_strdup (
    "{\"type\":\"ListView\",\"children\":[{%- set _c -%}{%- for item in items -%},"
    "{\"type\":\"ListViewItem\",\"key\":{{ item.id | tojson }},\"children\":["
    "{\"type\":\"Row\",\"gap\":2,\"children\":[{\"type\":\"Text\",\"value\":{{ item.title | tojson }},"
    "\"weight\":{{ ('semibold' if item.done else 'normal') | tojson }}},"
    "{\"type\":\"Badge\",\"label\":{{ (item.count ~ ' left') | tojson }}}]}]}"
    "{%- endfor -%}{%- endset -%}{{- (_c[1:] if _c and _c[0] == ',' else _c) -}}]}");
  for (guint i = 0; i < 100; i++)
    {
      JsonObject *item = json_object_new ();
      g_autofree char *id = g_strdup_printf ("item-%u", i);
      g_autofree char *title = g_strdup_printf ("Item number %u <b>\"quoted\"</b>", i);
      json_object_set_string_member (item, "id", id);
      json_object_set_string_member (item, "title", title);
      json_object_set_boolean_member (item, "done", i % 3 == 0);
      json_object_set_int_member (item, "count", i * 7);
      json_array_add_object_element (items, item);
    }
  json_object_set_array_member (root, "items", items);
  c->data = json_node_init_object (json_node_alloc (), root);
  json_object_unref (root);
  return c;
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (bench_case_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *ready = NULL;
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)
                       ? "/usr/bin/python3" : "python3";
  const char *script = NULL;
  guint n = 300;
  Python py = { 0 };
  BenchCase *list_case;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "-n") && i + 1 < argc)
        n = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--python") && i + 1 < argc)
        python = argv[++i];
      else if (g_str_equal (argv[i], "--script") && i + 1 < argc)
        script = argv[++i];
      else if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        add_corpus (cases, seen, argv[i]);
    }
  if (script == NULL)
    script = JINJA_BENCH_SCRIPT;
  list_case = make_list_case ();
  g_ptr_array_add (cases, list_case);

  py.process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                 &error, python, script, NULL);
  if (py.process == NULL)
    {
      g_printerr ("bench-template: cannot start %s %s: %s\n", python, script, error->message);
      return 1;
    }
  py.in = g_subprocess_get_stdin_pipe (py.process);
  py.out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (py.process));
  ready = g_data_input_stream_read_line_utf8 (py.out, NULL, NULL, NULL);
  if (ready == NULL)
    {
      g_printerr ("bench-template: %s has no jinja2\n", python);
      return 1;
    }

  g_print ("bench-template: %u renders per case, %u cases; reference %s\n", n, cases->len, ready);
  g_print ("%-72s %12s %12s %8s\n", "case", "tessera us", "jinja2 us", "ratio");
  for (guint i = 0; i < cases->len; i++)
    {
      BenchCase *c = cases->pdata[i];
      gint64 t = time_tessera (c, n);
      gint64 j = time_jinja (&py, c, n);
      gint64 ratio_x100;

      if (t <= 0 || j <= 0)
        {
          g_print ("%-72.72s skipped (does not render in one of them)\n", c->name);
          continue;
        }
      ratio_x100 = j * 100 / t;
      g_array_append_val (ours, t);
      g_array_append_val (theirs, j);
      g_array_append_val (ratios, ratio_x100);
      g_print ("%-72.72s %12.2f %12.2f %7.1fx\n", c->name, t / 1000.0, j / 1000.0,
               ratio_x100 / 100.0);
      if (c == list_case)
        g_print ("100-item list: %.1f us per render (target: under 100 us)\n", t / 1000.0);
    }

  if (ours->len > 0)
    {
      gint64 mt = median (ours), mj = median (theirs), mr = median (ratios);
      g_print ("\nmedian per-render time: tessera %.2f us, jinja2 %.2f us\n", mt / 1000.0,
               mj / 1000.0);
      g_print ("ratio of the medians: %.1fx faster; median of per-case ratios: %.1fx (target: 20x)\n",
               (double) mj / (double) mt, mr / 100.0);
    }

  g_output_stream_close (py.in, NULL, NULL);
  g_subprocess_wait (py.process, NULL, NULL);
  g_clear_object (&py.out);
  g_clear_object (&py.process);
  return 0;
}
