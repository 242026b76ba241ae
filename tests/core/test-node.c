/* test-node.c: the typed tree — round trips, pointers, diffs
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core/tess-json.h"
#include "core/tess-node-diff.h"
#include "core/tess-widget-parser.h"

static TessNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  TessNode *node = tess_widget_parse_string (json, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

/* parse → serialise → parse gives an equal tree for every corpus widget, and unknown props
 * survive the trip. */
static void
test_round_trip_corpus (void)
{
  g_autofree char *directory = g_test_build_filename (G_TEST_DIST, "corpus", "expected",
                                                      NULL);
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *file;
  guint count = 0;

  g_assert_nonnull (dir);

  while ((file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(JsonNode) json = NULL;
      g_autoptr(JsonNode) serialised = NULL;
      g_autoptr(TessNode) first = NULL;
      g_autoptr(TessNode) second = NULL;
      g_autofree char *text1 = NULL;
      g_autofree char *text2 = NULL;

      if (!g_str_has_suffix (file, ".json") || g_str_has_suffix (file, ".error.json"))
        continue;

      path = g_build_filename (directory, file, NULL);
      json = tess_json_parse_file (path, NULL);
      g_assert_nonnull (json);

      first = tess_widget_parse_document (json, NULL, NULL);
      serialised = tess_node_to_json (first);
      second = tess_widget_parse_document (serialised, NULL, NULL);

      if (!tess_node_equal (first, second))
        g_error ("%s does not survive a round trip", file);

      /* Member order can change once (duplicate keys); after that the text is stable. */
      text1 = tess_node_to_string (second, FALSE);
      {
        g_autoptr(TessNode) third = tess_widget_parse_string (text1, -1, NULL, NULL);

        text2 = tess_node_to_string (third, FALSE);
      }
      g_assert_cmpstr (text1, ==, text2);
      g_assert_cmpuint (tess_node_count (first), ==, tess_node_count (second));
      count++;
    }

  g_assert_cmpuint (count, >, 100);
}

static void
test_unknown_props_kept (void)
{
  g_autoptr(TessNode) root = parse ("{\"type\":\"Card\",\"title\":\"x\",\"children\":["
                                    "{\"type\":\"Sparkline\",\"points\":[1,2]}]}");
  g_autofree char *text = tess_node_to_string (root, FALSE);

  g_assert_nonnull (strstr (text, "\"title\":\"x\""));
  g_assert_nonnull (strstr (text, "\"type\":\"Sparkline\""));
  g_assert_nonnull (strstr (text, "\"points\":[1,2]"));
  g_assert_null (tess_node_get_info (tess_node_get_child (root, 0)));
}

static void
test_pointers (void)
{
  g_autoptr(TessNode) root = parse (
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Row\",\"children\":[{\"type\":\"Text\","
    "\"value\":\"a\"},{\"type\":\"Transition\",\"children\":{\"type\":\"Text\",\"id\":\"t\","
    "\"value\":\"b\"}}]}]}");
  TessNode *inner = tess_node_find_by_id (root, "t");
  g_autofree char *pointer = NULL;

  g_assert_nonnull (inner);
  pointer = tess_node_dup_pointer (inner);
  g_assert_cmpstr (pointer, ==, "/children/0/children/1/children");
  g_assert_true (tess_node_lookup_pointer (root, pointer) == inner);
  g_assert_true (tess_node_lookup_pointer (root, "") == root);
  g_assert_null (tess_node_lookup_pointer (root, "/children/5"));
  g_assert_null (tess_node_lookup_pointer (root, "/value"));
  g_assert_true (tess_node_get_root (inner) == root);
  g_assert_cmpuint (tess_node_get_index (tess_node_get_parent (inner)), ==, 1);
}

static void
test_typed_getters (void)
{
  g_autoptr(TessNode) root = parse ("{\"type\":\"Card\",\"children\":[{\"type\":\"Text\","
                                    "\"value\":72,\"maxLines\":2,\"italic\":true}]}");
  TessNode *text = tess_node_get_child (root, 0);
  g_autofree char *value = tess_node_dup_text (text, "value");

  g_assert_cmpstr (value, ==, "72");
  g_assert_null (tess_node_get_string (text, "value"));
  g_assert_cmpint (tess_node_get_int (text, "maxLines", 0), ==, 2);
  g_assert_true (tess_node_get_boolean (text, "italic", FALSE));
  g_assert_false (tess_node_get_boolean (text, "truncate", FALSE));
  g_assert_cmpfloat (tess_node_get_double (text, "width", 12.5), ==, 12.5);
}

static GPtrArray *
diff (const char *before,
      const char *after)
{
  g_autoptr(TessNode) a = parse (before);
  g_autoptr(TessNode) b = parse (after);

  return tess_node_diff (a, b);
}

static void
test_diff_streaming_text (void)
{
  g_autoptr(GPtrArray) changes = diff (
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"id\":\"t\",\"value\":\"Hel\","
    "\"streaming\":true}]}",
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"id\":\"t\",\"value\":\"Hello\","
    "\"streaming\":true}]}");
  TessNodeChange *change;

  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpint (change->kind, ==, TESS_CHANGE_TEXT_APPENDED);
  g_assert_cmpstr (change->appended, ==, "lo");
  g_assert_cmpstr (change->pointer, ==, "/children/0");
}

static void
test_diff_identical (void)
{
  const char *json = "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":\"a\"}]}";
  g_autoptr(GPtrArray) changes = diff (json, json);

  g_assert_cmpuint (changes->len, ==, 0);
}

static void
test_diff_props_and_replace (void)
{
  g_autoptr(GPtrArray) changes = diff (
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":\"a\"}]}",
    "{\"type\":\"Card\",\"size\":\"lg\",\"children\":[{\"type\":\"Text\",\"value\":\"b\"}]}");
  g_autoptr(GPtrArray) replaced = diff ("{\"type\":\"Card\",\"children\":[]}",
                                        "{\"type\":\"ListView\",\"children\":[]}");

  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpint (((TessNodeChange *) g_ptr_array_index (changes, 0))->kind, ==,
                   TESS_CHANGE_PROPS);
  g_assert_cmpstr (((TessNodeChange *) g_ptr_array_index (changes, 0))->pointer, ==, "");
  /* "b" does not extend "a": not an append. */
  g_assert_cmpint (((TessNodeChange *) g_ptr_array_index (changes, 1))->kind, ==,
                   TESS_CHANGE_PROPS);
  g_assert_cmpuint (replaced->len, ==, 1);
  g_assert_cmpint (((TessNodeChange *) g_ptr_array_index (replaced, 0))->kind, ==,
                   TESS_CHANGE_REPLACED);
}

/* Keyed list rows: removing the first row keeps the others (a move, not a rebuild). */
static void
test_diff_keyed_children (void)
{
  g_autoptr(GPtrArray) changes = diff (
    "{\"type\":\"ListView\",\"children\":["
    "{\"type\":\"ListViewItem\",\"key\":\"a\",\"children\":[]},"
    "{\"type\":\"ListViewItem\",\"key\":\"b\",\"children\":[]},"
    "{\"type\":\"ListViewItem\",\"key\":\"c\",\"children\":[]}]}",
    "{\"type\":\"ListView\",\"children\":["
    "{\"type\":\"ListViewItem\",\"key\":\"b\",\"children\":[]},"
    "{\"type\":\"ListViewItem\",\"key\":\"c\",\"children\":[]},"
    "{\"type\":\"ListViewItem\",\"key\":\"d\",\"children\":[]}]}");
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      TessNodeChange *change = g_ptr_array_index (changes, i);

      g_string_append_printf (summary, "%s %s;", tess_change_kind_to_string (change->kind),
                              change->pointer);
    }

  g_assert_cmpstr (summary->str, ==,
                   "removed /children/0;moved /children/0;moved /children/1;"
                   "inserted /children/2;");
}

/* Found by fuzzing: repeated keys must still pair up in order, so an unchanged tree diffs to
 * nothing. */
static void
test_diff_repeated_keys (void)
{
  const char *json = "{\"type\":\"ListView\",\"children\":["
                     "{\"type\":\"ListViewItem\",\"key\":\"B\",\"children\":[]},"
                     "{\"type\":\"ListViewItem\",\"key\":\"B\",\"gap\":2,\"children\":[]}]}";
  g_autoptr(GPtrArray) changes = diff (json, json);

  g_assert_cmpuint (changes->len, ==, 0);
}

static void
test_diff_anonymous_insert (void)
{
  g_autoptr(GPtrArray) changes = diff (
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":\"a\"},"
    "{\"type\":\"Divider\"}]}",
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":\"a\"},"
    "{\"type\":\"Button\",\"label\":\"b\"},{\"type\":\"Divider\"}]}");
  TessNodeChange *change;

  g_assert_cmpuint (changes->len, ==, 2);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpint (change->kind, ==, TESS_CHANGE_INSERTED);
  g_assert_cmpuint (change->new_index, ==, 1);
  change = g_ptr_array_index (changes, 1);
  g_assert_cmpint (change->kind, ==, TESS_CHANGE_MOVED);
  g_assert_cmpuint (change->old_index, ==, 1);
  g_assert_cmpuint (change->new_index, ==, 2);
}

static void
test_copy_and_edit (void)
{
  g_autoptr(TessNode) root = parse ("{\"type\":\"Card\",\"children\":[{\"type\":\"Text\","
                                    "\"value\":\"a\"}]}");
  g_autoptr(TessNode) copy = tess_node_copy (root);
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), "lg");
  g_autoptr(TessNode) button = tess_node_new ("Button");

  g_assert_true (tess_node_equal (root, copy));
  tess_node_set_prop (copy, "size", value);
  g_assert_false (tess_node_equal (root, copy));
  tess_node_set_prop (copy, "size", NULL);
  g_assert_true (tess_node_equal (root, copy));
  tess_node_insert_child (copy, 0, button);
  g_assert_cmpuint (tess_node_get_n_children (copy), ==, 2);
  g_assert_true (tess_node_get_child (copy, 0) == button);
  tess_node_remove_child (copy, 0);
  g_assert_null (tess_node_get_parent (button));
  g_assert_true (tess_node_equal (root, copy));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/node/round-trip-corpus", test_round_trip_corpus);
  g_test_add_func ("/node/unknown-props-kept", test_unknown_props_kept);
  g_test_add_func ("/node/pointers", test_pointers);
  g_test_add_func ("/node/typed-getters", test_typed_getters);
  g_test_add_func ("/node/copy-and-edit", test_copy_and_edit);
  g_test_add_func ("/node/diff/streaming-text", test_diff_streaming_text);
  g_test_add_func ("/node/diff/identical", test_diff_identical);
  g_test_add_func ("/node/diff/props-and-replace", test_diff_props_and_replace);
  g_test_add_func ("/node/diff/keyed-children", test_diff_keyed_children);
  g_test_add_func ("/node/diff/anonymous-insert", test_diff_anonymous_insert);
  g_test_add_func ("/node/diff/repeated-keys", test_diff_repeated_keys);

  return g_test_run ();
}
