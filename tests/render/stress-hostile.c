/* stress-hostile.c: the renderer against hostile widget values
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real widgets (the component cases and the corpus) with prop values replaced by hostile ones
 * of the right JSON type, so that most survive validation and reach the renderer: enormous and
 * negative sizes, long strings, odd lengths and colours, unknown icons, junk URLs, thousands of
 * children. Each tree is rendered offscreen (measure, allocate, snapshot, draw) and applied as
 * an in-place update to a shown view; warnings and criticals are fatal (run it with
 * G_DEBUG=fatal-criticals, as the suite does).
 *
 * In the suite it renders a sample small enough to take seconds. By hand: TESS_HOSTILE_TREES
 * sets how many trees, TESS_HOSTILE_SEED which ones; TESS_HOSTILE_DUMP=FILE keeps the tree
 * being rendered (and FILE.prev, the one the update starts from) to reproduce a failure with
 * `tessera-cli screenshot`, and TESS_HOSTILE_FROM=N renders from tree N on (tree N - 1 is
 * shown first, so that the update starts where it did).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "core/tess-json.h"
#include "core/tess-widget-parser.h"
#include "render/tess-screenshot.h"
#include "render/tess-widget-view.h"
#include "render-test-util.h"

static const double hostile_numbers[] = {
  1e9, -1e9, 0, -1, 1e-9, 123456789012.0, 3.5, 65535, -0.5, 1e300,
};

static const char *const hostile_strings[] = {
  "", "auto", "100%", "999999%", "-50%", "1e9px", "-20px", "calc(100% - 1px)", "NaN",
  "Infinity", "\xe2\x80\xae" "reversed", "lucide:../../etc/passwd", "lucide:", "javascript:alert(1)",
  "data:image/png;base64,!!!", "file:///etc/passwd", "http://127.0.0.1:9/none.png",
  "linear-gradient(90deg, red 0%, #zzz 100%)", "linear-gradient(", "#ff00ff80", "rgb(1e9,0,0)",
  "{dark: 1}", "%s%s%s%n", "<b>markup</b> & <i", "\xf0\x9f\x98\x80\xf0\x9f\x91\xa8\xe2\x80\x8d"
  "\xf0\x9f\x91\xa9", "0/0", "16/0", "-1/2",
};

/* Long strings are few per tree: a megabyte of wrapped text is slow to shape anywhere. */
static guint long_strings_left;

static JsonNode *
hostile_value (GRand    *rand,
               JsonNode *value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    json_node_set_boolean (node, !json_node_get_boolean (value));
  else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    {
      if (long_strings_left > 0 && g_rand_int_range (rand, 0, 8) == 0)
        {
          /* A long line without a break, then a long text with many lines. */
          g_autoptr(GString) text = g_string_new (NULL);
          int lines = g_rand_int_range (rand, 1, 400);

          for (int i = 0; i < lines; i++)
            g_string_append (text, i % 2 ? "Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww\n"
                                         : "word word word word word word word word ");
          json_node_set_string (node, text->str);
          long_strings_left--;
        }
      else
        {
          json_node_set_string (node, hostile_strings[g_rand_int_range (
                                        rand, 0, G_N_ELEMENTS (hostile_strings))]);
        }
    }
  else
    {
      double number = hostile_numbers[g_rand_int_range (rand, 0, G_N_ELEMENTS (hostile_numbers))];

      if (number == (gint64) number && g_rand_boolean (rand))
        json_node_set_int (node, (gint64) number);
      else
        json_node_set_double (node, number);
    }
  return node;
}

/* json_node_copy() shares objects and arrays; damage needs a tree of its own. */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return json_from_string (text, NULL);
}

/* Every node counts, scalars too: copies of an array of numbers must use up the budget as
 * well, or arrays of them multiply without end. */
static guint
count_nodes (JsonNode *node)
{
  guint count = 1;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      GList *members = json_object_get_values (object);

      for (GList *l = members; l != NULL; l = l->next)
        count += count_nodes (l->data);
      g_list_free (members);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        count += count_nodes (json_array_get_element (array, i));
    }
  return count;
}

/* Damages the object's values in place; arrays of children may be multiplied. */
static void
damage (GRand      *rand,
        JsonNode   *node,
        guint      *budget)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      GList *members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *member = json_object_get_member (object, name);

          if (strcmp (name, "type") == 0)
            continue;
          if ((JSON_NODE_HOLDS_VALUE (member) || JSON_NODE_HOLDS_NULL (member)) &&
              g_rand_int_range (rand, 0, 4) == 0)
            json_object_set_member (object, name, hostile_value (rand, member));
          else
            damage (rand, member, budget);
        }
      g_list_free (members);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      /* Now and then a few hundred copies of the first element, within a budget of nodes;
       * copied before the damage, so each copy is damaged its own way. */
      if (json_array_get_length (array) > 0 && g_rand_int_range (rand, 0, 12) == 0)
        {
          JsonNode *first = json_array_get_element (array, 0);
          guint size = count_nodes (first);
          guint copies = MIN (*budget / size, (guint) g_rand_int_range (rand, 50, 400));

          for (guint i = 0; i < copies; i++)
            json_array_add_element (array, deep_copy (first));
          *budget -= copies * size;
        }
      for (guint i = 0; i < json_array_get_length (array); i++)
        damage (rand, json_array_get_element (array, i), budget);
    }
}

static GPtrArray *
load_samples (void)
{
  GPtrArray *samples = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  const char *directories[] = { g_getenv ("TESS_RENDER_CASES_DIR"), NULL };
  g_autofree char *expected = g_build_filename (g_getenv ("TESS_CORPUS_DIR"), "expected", NULL);

  directories[1] = expected;
  for (guint d = 0; d < G_N_ELEMENTS (directories); d++)
    {
      g_autoptr(GDir) dir = g_dir_open (directories[d], 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (directories[d], name, NULL);
          JsonNode *json;

          if (!g_str_has_suffix (name, ".json"))
            continue;
          json = tess_json_parse_file (path, NULL);
          if (json != NULL && JSON_NODE_HOLDS_OBJECT (json))
            g_ptr_array_add (samples, json);
          else if (json != NULL)
            json_node_unref (json);
        }
    }
  return samples;
}

static void
test_hostile_trees (void)
{
  g_autoptr(GPtrArray) samples = load_samples ();
  const char *seed = g_getenv ("TESS_HOSTILE_SEED");
  g_autoptr(GRand) rand = g_rand_new_with_seed (
    seed != NULL ? (guint32) g_ascii_strtoull (seed, NULL, 10) : 20261121);
  const char *env = g_getenv ("TESS_HOSTILE_TREES");
  guint trees = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 24;
  const char *from_env = g_getenv ("TESS_HOSTILE_FROM");
  guint from = from_env != NULL ? (guint) g_ascii_strtoull (from_env, NULL, 10) : 0;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = tess_widget_view_new ();
  guint rendered = 0;
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_assert_cmpuint (samples->len, >, 20);
  /* Shown as a conversation shows widgets: in a scrolled window. */
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 600);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  rt_iterate ();

  for (guint i = 0; i < trees; i++)
    {
      JsonNode *sample = g_ptr_array_index (samples, g_rand_int_range (rand, 0, samples->len));
      g_autoptr(JsonNode) json = deep_copy (sample);
      g_autoptr(GPtrArray) diagnostics = tess_diagnostics_new ();
      g_autoptr(TessNode) root = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GError) error = NULL;
      guint budget = 6000;
      gint64 start;

      long_strings_left = 2;
      damage (rand, json, &budget);
      root = tess_widget_parse_document (json, diagnostics, NULL);
      if (root == NULL || i + 1 < from)
        continue;
      if (i + 1 == from)
        {
          /* only the start of the update of the first tree rendered */
          tess_widget_view_set_root (TESS_WIDGET_VIEW (view), root);
          rt_iterate ();
          continue;
        }

      /* For a failure: the tree, and the one before it (the update started from there). */
      if (g_getenv ("TESS_HOSTILE_DUMP") != NULL)
        {
          g_autofree char *dump = json_to_string (json, FALSE);
          g_autofree char *previous = g_strconcat (g_getenv ("TESS_HOSTILE_DUMP"), ".prev", NULL);

          g_rename (g_getenv ("TESS_HOSTILE_DUMP"), previous);
          g_file_set_contents (g_getenv ("TESS_HOSTILE_DUMP"), dump, -1, NULL);
          g_test_message ("tree %u", i);
        }
      start = g_get_monotonic_time ();
      texture = tess_screenshot_render (root, 400, i % 2 ? TESS_THEME_MODE_DARK
                                                          : TESS_THEME_MODE_LIGHT, &error);
      if (texture != NULL)
        {
          /* Whatever the values, the picture stays a sane size. */
          g_assert_cmpint (gdk_texture_get_width (texture), <=, 8192);
          g_assert_cmpint (gdk_texture_get_height (texture), <=, 32768);
          rendered++;
        }
      else
        {
          g_assert_nonnull (error);
          g_test_message ("tree %u not rendered: %s", i, error->message);
        }

      /* The same tree as an update of whatever the shown view holds. */
      tess_widget_view_set_root (TESS_WIDGET_VIEW (view), root);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      /* slow trees are worth a look (a hang shows as the test's timeout) */
      if (g_get_monotonic_time () - start > G_USEC_PER_SEC)
        g_test_message ("tree %u took %.1f s", i,
                        (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
    }

  /* Most damaged trees still render: the damage must not just be refused. */
  g_test_message ("%u of %u hostile trees rendered", rendered, trees);
  g_assert_cmpuint (rendered, >=, (trees - MIN (from, trees)) / 2);
  gtk_window_destroy (GTK_WINDOW (window));
  rt_iterate ();
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/hostile/trees", test_hostile_trees);
  return g_test_run ();
}
