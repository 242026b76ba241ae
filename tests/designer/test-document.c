/* test-document.c: the Designer's file handling (TessWidgetDocument)
 *
 * Opening, serialising and saving every corpus `.widget`, editing the data and the example
 * states, atomic saves and the modified flag, recovery of unsaved edits, plain widget JSON and
 * reloading. Saved files are rendered by the real Jinja2 (tests/designer/render-saved.py, the
 * way chatkit-python's WidgetTemplate reads them) and must give the JSON Tessera gives.
 *
 * Recovery files go to a temporary XDG_STATE_HOME, never to the user's.
 *
 *   TESS_DIFF_PYTHON=/usr/bin/python3                                    interpreter to use
 */

#include "config.h"

#include <utime.h>

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "designer/tess-widget-document.h"
#include "template/tess-json-strict.h"
#include "template/tess-widget-encoded.h"
#include "template/tess-widget-file.h"

static char *tmp_root;

/* Helpers */

static char *
make_dir (const char *name)
{
  char *path = g_build_filename (tmp_root, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
corpus_names (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "corpus", "widgets", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".widget"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  /* The corpus as it is: fewer files would make these tests prove less. */
  g_assert_cmpuint (names->len, >=, 50);
  return names;
}

static char *
corpus_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "corpus", "widgets", name, NULL);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = tess_json_parse_strict (text, -1, &error);

  g_assert_no_error (error);
  return node;
}

static JsonNode *
parse_object_text (const char *text)
{
  JsonNode *node = parse (text);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return node;
}

static char *
buffer_text (GtkSourceBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (buffer), &start, &end, TRUE);
}

static JsonNode *
buffer_json (GtkSourceBuffer *buffer)
{
  g_autofree char *text = buffer_text (buffer);

  return parse (text);
}

/* Edits as the keyboard makes them: one user action each. */
static void
type_at (GtkSourceBuffer *buffer,
         int              offset,
         const char      *text)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &iter, offset);
  gtk_text_buffer_begin_user_action (GTK_TEXT_BUFFER (buffer));
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (buffer), &iter, text, -1);
  gtk_text_buffer_end_user_action (GTK_TEXT_BUFFER (buffer));
}

static void
delete_at (GtkSourceBuffer *buffer,
           int              offset,
           int              n_chars)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &start, offset);
  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &end, offset + n_chars);
  gtk_text_buffer_begin_user_action (GTK_TEXT_BUFFER (buffer));
  gtk_text_buffer_delete (GTK_TEXT_BUFFER (buffer), &start, &end);
  gtk_text_buffer_end_user_action (GTK_TEXT_BUFFER (buffer));
}

/* Replaces the whole text, as select-all and typing would. */
static void
retype (GtkSourceBuffer *buffer,
        const char      *text)
{
  int n = gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (buffer));

  delete_at (buffer, 0, n);
  type_at (buffer, 0, text);
}

static char *
member_names (JsonObject *object)
{
  g_autoptr(GString) names = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    g_string_append_printf (names, "%s%s", names->len > 0 ? "," : "", name);
  return g_strdup (names->str);
}

/* The first difference between two JSON values, NULL when they are the same; integers and
 * floats differ, as they do for json.loads (1 renders as "1", 1.0 as "1.0"). */
static char *
json_difference (JsonNode   *a,
                 JsonNode   *b,
                 const char *where)
{
  if (json_node_get_node_type (a) != json_node_get_node_type (b))
    return g_strdup_printf ("%s: %s vs %s", where, json_node_type_name (a),
                            json_node_type_name (b));
  switch (json_node_get_node_type (a))
    {
    case JSON_NODE_NULL:
      return NULL;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        return g_strdup_printf ("%s: %s vs %s", where, g_type_name (json_node_get_value_type (a)),
                                g_type_name (json_node_get_value_type (b)));
      switch (json_node_get_value_type (a))
        {
        case G_TYPE_STRING:
          if (g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) != 0)
            return g_strdup_printf ("%s: \"%s\" vs \"%s\"", where, json_node_get_string (a),
                                    json_node_get_string (b));
          return NULL;
        case G_TYPE_BOOLEAN:
          if (json_node_get_boolean (a) != json_node_get_boolean (b))
            return g_strdup_printf ("%s: booleans differ", where);
          return NULL;
        case G_TYPE_INT64:
          if (json_node_get_int (a) != json_node_get_int (b))
            return g_strdup_printf ("%s: %" G_GINT64_FORMAT " vs %" G_GINT64_FORMAT, where,
                                    json_node_get_int (a), json_node_get_int (b));
          return NULL;
        default:
          if (json_node_get_double (a) != json_node_get_double (b))
            return g_strdup_printf ("%s: %.17g vs %.17g", where, json_node_get_double (a),
                                    json_node_get_double (b));
          return NULL;
        }
    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);

        if (json_array_get_length (x) != json_array_get_length (y))
          return g_strdup_printf ("%s: %u vs %u elements", where, json_array_get_length (x),
                                  json_array_get_length (y));
        for (guint i = 0; i < json_array_get_length (x); i++)
          {
            g_autofree char *path = g_strdup_printf ("%s/%u", where, i);
            char *difference = json_difference (json_array_get_element (x, i),
                                                json_array_get_element (y, i), path);

            if (difference != NULL)
              return difference;
          }
        return NULL;
      }
    case JSON_NODE_OBJECT:
      {
        JsonObject *x = json_node_get_object (a), *y = json_node_get_object (b);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        if (json_object_get_size (x) != json_object_get_size (y))
          {
            g_autofree char *xs = member_names (x);
            g_autofree char *ys = member_names (y);

            return g_strdup_printf ("%s: members %s vs %s", where, xs, ys);
          }
        json_object_iter_init_ordered (&iter, x);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            g_autofree char *path = g_strdup_printf ("%s/%s", where, name);
            char *difference;

            if (!json_object_has_member (y, name))
              return g_strdup_printf ("%s: missing", path);
            difference = json_difference (member, json_object_get_member (y, name), path);
            if (difference != NULL)
              return difference;
          }
        return NULL;
      }
    default:
      g_assert_not_reached ();
    }
}

#define assert_json_same(a, b) G_STMT_START {                                          \
    g_autofree char *difference_ = json_difference ((a), (b), "");                     \
    g_assert_cmpstr (difference_, ==, NULL);                                            \
  } G_STMT_END

static TessWidgetDocument *
open_document (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TessWidgetDocument *doc = tess_widget_document_new_for_file (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static char *
serialize (TessWidgetDocument *doc)
{
  g_autoptr(GError) error = NULL;
  char *text = tess_widget_document_serialize (doc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SaveResult;

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SaveResult *save = user_data;

  save->ok = tess_widget_document_save_finish (TESS_WIDGET_DOCUMENT (source), result,
                                               &save->error);
  save->done = TRUE;
}

static void
save_wait (TessWidgetDocument *doc,
           SaveResult         *save)
{
  while (!save->done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
save_sync (TessWidgetDocument *doc,
           const char         *path,
           GError            **error)
{
  g_autoptr(GFile) file = path != NULL ? g_file_new_for_path (path) : NULL;
  SaveResult save = { 0 };

  tess_widget_document_save_async (doc, file, NULL, save_done, &save);
  save_wait (doc, &save);
  if (save.error != NULL)
    g_propagate_error (error, save.error);
  g_assert_cmpint (save.ok, ==, save.error == NULL);
  return save.ok;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The project inside a `.widget` text, NULL when it has none. */
static JsonObject *
project_of (JsonObject *root)
{
  const char *encoded = string_member (root, "encodedWidget");

  return encoded != NULL ? tess_widget_encoded_decode (encoded, NULL) : NULL;
}

static JsonNode *
js_string (const char *s)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, s);
  return node;
}

/* Types into the data buffer: "Edited " at the start of the first string member's value (by
 * typing "Edited Xx" and two backspaces), or a new member when there is none. Returns the
 * data as it must be now; *undo_offset and *undo_length say what to delete to undo. */
static JsonNode *
type_data_edit (TessWidgetDocument *doc,
                int                *undo_offset,
                int                *undo_length)
{
  GtkSourceBuffer *buffer = tess_widget_document_get_data_buffer (doc);
  g_autofree char *text = buffer_text (buffer);
  JsonNode *expected = parse (text);
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (expected));
  object = json_node_get_object (expected);
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_autoptr(JsonNode) key = NULL;
      g_autofree char *key_json = NULL;
      g_autofree char *value_json = NULL;
      g_autofree char *needle = NULL;
      g_autofree char *edited = NULL;
      const char *at;
      int offset;

      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
        continue;
      key = js_string (name);
      key_json = tess_json_to_string_pretty (key);
      value_json = tess_json_to_string_pretty (member);
      needle = g_strconcat (key_json, ": ", value_json, NULL);
      at = strstr (text, needle);
      g_assert_nonnull (at);
      offset = g_utf8_pointer_to_offset (text, at) + g_utf8_strlen (key_json, -1) + 3;

      type_at (buffer, offset, "Edited Xx");
      delete_at (buffer, offset + 7, 2);
      *undo_offset = offset;
      *undo_length = 7;

      edited = g_strconcat ("Edited ", json_node_get_string (member), NULL);
      json_object_set_string_member (object, name, edited);
      return expected;
    }

  /* No string to change: a new member first. */
  {
    const char *insert = json_object_get_size (object) > 0 ? "\"tessEdit\": \"Edited\", "
                                                           : "\"tessEdit\": \"Edited\"";
    const char *brace = strchr (text, '{');

    g_assert_nonnull (brace);
    *undo_offset = g_utf8_pointer_to_offset (text, brace) + 1;
    *undo_length = g_utf8_strlen (insert, -1);
    type_at (buffer, *undo_offset, insert);
    json_object_set_string_member (object, "tessEdit", "Edited");
  }
  return expected;
}

static gboolean
is_member (const char *names,
           const char *name)
{
  g_auto(GStrv) list = g_strsplit (names, ",", -1);

  return g_strv_contains ((const char * const *) list, name);
}

/* Every corpus file, opened and serialised untouched: the same file but the preview. */
static void
test_corpus_unedited (void)
{
  g_autoptr(GPtrArray) names = corpus_names ();
  g_autofree char *dir = make_dir ("unedited");
  guint identical = 0;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = corpus_path (name);
      g_autofree char *original_text = read_text (path);
      g_autoptr(JsonNode) original = parse_object_text (original_text);
      JsonObject *before = json_node_get_object (original);
      g_autoptr(TessWidgetDocument) doc = open_document (path);
      g_autofree char *text = serialize (doc);
      g_autoptr(JsonNode) saved = parse_object_text (text);
      JsonObject *after = json_node_get_object (saved);
      g_autofree char *names_before = member_names (before);
      g_autofree char *names_after = member_names (after);
      g_autofree char *copy = g_build_filename (dir, name, NULL);
      JsonObjectIter iter;
      const char *member_name;
      JsonNode *member;

      g_test_message ("%s", name);
      g_assert_false (tess_widget_document_get_modified (doc));

      /* The same members in the same order; a preview is added when there was none. */
      if (!is_member (names_before, "outputJsonPreview") &&
          is_member (names_after, "outputJsonPreview"))
        {
          g_autofree char *with_preview = g_strconcat (names_before, ",outputJsonPreview",
                                                       NULL);

          g_assert_cmpstr (names_after, ==, with_preview);
        }
      else
        g_assert_cmpstr (names_after, ==, names_before);

      g_assert_cmpstr (string_member (after, "template"), ==, string_member (before, "template"));
      g_assert_cmpstr (string_member (after, "encodedWidget"), ==,
                       string_member (before, "encodedWidget"));
      /* Every other field as it was (the schema as JSON: JSON.stringify writes 1.0 as 1). */
      json_object_iter_init_ordered (&iter, before);
      while (json_object_iter_next_ordered (&iter, &member_name, &member))
        {
          if (g_str_equal (member_name, "outputJsonPreview"))
            continue;
          g_assert_true (json_object_has_member (after, member_name));
          g_assert_true (json_node_equal (member, json_object_get_member (after, member_name)));
        }
      if (g_str_equal (text, original_text))
        identical++;

      /* Saved and opened again: the same editors. */
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(TessWidgetDocument) again = NULL;
        g_autofree char *a = NULL, *b = NULL;

        g_assert_true (save_sync (doc, copy, &error));
        g_assert_no_error (error);
        again = open_document (copy);
        a = buffer_text (tess_widget_document_get_template_buffer (doc));
        b = buffer_text (tess_widget_document_get_template_buffer (again));
        g_assert_cmpstr (a, ==, b);
        g_free (a), g_free (b);
        a = buffer_text (tess_widget_document_get_data_buffer (doc));
        b = buffer_text (tess_widget_document_get_data_buffer (again));
        g_assert_cmpstr (a, ==, b);
        g_free (a), g_free (b);
        a = buffer_text (tess_widget_document_get_schema_buffer (doc));
        b = buffer_text (tess_widget_document_get_schema_buffer (again));
        g_assert_cmpstr (a, ==, b);
        g_assert_cmpuint (g_list_model_get_n_items (tess_widget_document_get_states (again)), ==,
                          g_list_model_get_n_items (tess_widget_document_get_states (doc)));
      }
    }
  g_test_message ("%u of %u files serialise to their very bytes", identical, names->len);
}

/* An edit of the data re-encodes the project with the new defaultState, all else kept; undoing
 * the edit gives back the original encodedWidget. */
static void
test_corpus_data_edit (void)
{
  g_autoptr(GPtrArray) names = corpus_names ();
  guint projects = 0;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = corpus_path (name);
      g_autofree char *original_text = read_text (path);
      g_autoptr(JsonNode) original = parse_object_text (original_text);
      g_autoptr(JsonObject) original_project = project_of (json_node_get_object (original));
      g_autoptr(TessWidgetDocument) doc = open_document (path);
      g_autoptr(JsonNode) expected = NULL;
      g_autoptr(JsonNode) saved = NULL;
      g_autoptr(JsonObject) project = NULL;
      g_autofree char *text = NULL;
      int undo_offset, undo_length;

      g_test_message ("%s", name);
      expected = type_data_edit (doc, &undo_offset, &undo_length);
      g_assert_true (tess_widget_document_get_modified (doc));
      {
        g_autoptr(JsonNode) now = buffer_json (tess_widget_document_get_data_buffer (doc));

        assert_json_same (now, expected);
      }

      text = serialize (doc);
      saved = parse_object_text (text);
      g_assert_cmpstr (string_member (json_node_get_object (saved), "template"), ==,
                       string_member (json_node_get_object (original), "template"));
      project = project_of (json_node_get_object (saved));
      g_assert_nonnull (project);
      g_assert_true (json_object_has_member (project, "defaultState"));
      assert_json_same (json_object_get_member (project, "defaultState"), expected);

      if (original_project != NULL)
        {
          g_autofree char *names_before = member_names (original_project);
          g_autofree char *names_after = member_names (project);
          JsonObjectIter iter;
          const char *member_name;
          JsonNode *member;

          projects++;
          g_assert_cmpstr (names_after, ==, names_before);
          json_object_iter_init_ordered (&iter, original_project);
          while (json_object_iter_next_ordered (&iter, &member_name, &member))
            if (!g_str_equal (member_name, "defaultState"))
              assert_json_same (member, json_object_get_member (project, member_name));
        }

      /* Undone by hand: the file as it was. */
      delete_at (tess_widget_document_get_data_buffer (doc), undo_offset, undo_length);
      g_clear_pointer (&text, g_free);
      g_clear_pointer (&saved, json_node_unref);
      text = serialize (doc);
      saved = parse_object_text (text);
      g_assert_cmpstr (string_member (json_node_get_object (saved), "encodedWidget"), ==,
                       string_member (json_node_get_object (original), "encodedWidget"));
    }
  g_assert_cmpuint (projects, >=, 50);
}

/* The reference: render-saved.py over the saved files, one reply per file. */
static GPtrArray *
render_with_jinja (GPtrArray *paths)
{
  const char *python = g_getenv ("TESS_DIFF_PYTHON");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "designer", "render-saved.py",
                                                   NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *replies = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  if (python == NULL)
    python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3"
                                                                          : "python3";
  g_ptr_array_add (argv, (char *) python);
  g_ptr_array_add (argv, script);
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (paths, i));
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, paths->len + 2);
  g_assert_nonnull (strstr (lines[0], "\"ready\""));
  g_test_message ("reference: %s", lines[0]);
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (replies, parse_object_text (lines[i + 1]));
  return replies;
}

/* Tessera's reading of a saved file: the stage it fails at, or the widget. */
static JsonNode *
render_with_tessera (const char  *path,
                     const char **stage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessWidgetFile) file = tess_widget_file_new_from_path (path, &error);
  g_autoptr(JsonNode) data = NULL;
  g_autofree char *text = NULL;
  JsonNode *widget;

  if (file == NULL)
    {
      *stage = "definition";
      return NULL;
    }
  if (tess_widget_file_get_compiled (file, NULL) == NULL)
    {
      *stage = "compile";
      return NULL;
    }
  data = tess_widget_file_get_sample_data (file);
  text = tess_widget_file_render_text (file, data, &error);
  if (text == NULL)
    {
      *stage = "render";
      return NULL;
    }
  widget = tess_json_parse_strict (text, -1, NULL);
  *stage = widget != NULL ? NULL : "json";
  return widget;
}

static void
test_corpus_saved_render_in_jinja (void)
{
  g_autoptr(GPtrArray) names = corpus_names ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) replies = NULL;
  g_autofree char *dir = make_dir ("jinja");
  guint rendered = 0, failed = 0;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = corpus_path (name);
      g_autoptr(TessWidgetDocument) doc = open_document (path);
      g_autoptr(JsonNode) expected = NULL;
      g_autoptr(GError) error = NULL;
      char *saved_path = g_build_filename (dir, name, NULL);
      int undo_offset, undo_length;

      expected = type_data_edit (doc, &undo_offset, &undo_length);
      g_assert_true (save_sync (doc, saved_path, &error));
      g_assert_no_error (error);
      g_ptr_array_add (paths, saved_path);
    }

  replies = render_with_jinja (paths);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      JsonObject *reply = json_node_get_object (g_ptr_array_index (replies, i));
      g_autofree char *saved_text = read_text (path);
      g_autoptr(JsonNode) saved = parse_object_text (saved_text);
      const char *stage = NULL;
      g_autoptr(JsonNode) widget = render_with_tessera (path, &stage);

      g_test_message ("%s: %s", (char *) g_ptr_array_index (names, i),
                      json_object_get_boolean_member (reply, "ok")
                      ? "rendered" : json_object_get_string_member (reply, "error"));
      if (json_object_get_boolean_member (reply, "ok"))
        {
          g_autoptr(JsonNode) reference = parse (json_object_get_string_member (reply, "out"));
          JsonNode *preview = json_object_get_member (json_node_get_object (saved),
                                                      "outputJsonPreview");

          g_assert_cmpstr (stage, ==, NULL);
          assert_json_same (widget, reference);
          /* The preview written into the file is that widget too. */
          g_assert_nonnull (preview);
          assert_json_same (preview, reference);
          rendered++;
        }
      else
        {
          /* Jinja2 raised: Tessera fails too, at the same stage. */
          g_assert_null (widget);
          g_assert_cmpstr (stage, ==, json_object_get_string_member (reply, "stage"));
          failed++;
        }
    }
  g_test_message ("%u saved files render alike, %u fail alike", rendered, failed);
  g_assert_cmpuint (rendered, >=, 40);
}

/* A `.widget` with Widget Builder states, written with the codec. */
static char *
write_states_widget (const char *dir,
                     char      **encoded_out)
{
  static const char project_text[] =
    "{\"id\":\"wb-1\",\"name\":\"Cart\",\"view\":\"<Card/>\","
    "\"defaultState\":{\"title\":\"Default title\",\"items\":[1,2]},"
    "\"states\":["
    "{\"id\":\"s-a\",\"name\":\"Alpha\",\"state\":{\"title\":\"Alpha title\"}},"
    "{\"id\":\"s-b\",\"name\":\"Beta\",\"state\":{\"title\":\"Beta title\",\"flag\":true}}"
    "],\"schemaMode\":\"json\"}";
  g_autoptr(JsonNode) project = parse_object_text (project_text);
  g_autofree char *encoded = tess_widget_encoded_encode (json_node_get_object (project), FALSE);
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) root_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) schema = parse ("{\"type\": \"object\"}");
  g_autofree char *text = NULL;
  char *path = g_build_filename (dir, "Cart.widget", NULL);

  json_object_set_string_member (root, "version", "1.0");
  json_object_set_string_member (root, "name", "Cart");
  json_object_set_string_member (root, "template",
                                 "{\"type\": \"Card\", \"children\": [{\"type\": \"Text\", "
                                 "\"value\": {{ title | tojson }}}]}");
  json_object_set_member (root, "jsonSchema", g_steal_pointer (&schema));
  json_object_set_string_member (root, "encodedWidget", encoded);
  json_node_set_object (root_node, root);
  text = tess_json_to_string_pretty (root_node);
  write_text (path, text);
  if (encoded_out != NULL)
    *encoded_out = g_steal_pointer (&encoded);
  return path;
}

static void
assert_state_names (TessWidgetDocument *doc,
                    const char         *expected)
{
  GListModel *states = tess_widget_document_get_states (doc);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (states); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (states, i);

      g_string_append_printf (names, "%s%s", i > 0 ? "|" : "", gtk_string_object_get_string (item));
    }
  g_assert_cmpstr (names->str, ==, expected);
}

static void
assert_data (TessWidgetDocument *doc,
             const char         *expected_text)
{
  g_autoptr(JsonNode) data = buffer_json (tess_widget_document_get_data_buffer (doc));
  g_autoptr(JsonNode) expected = parse (expected_text);

  assert_json_same (data, expected);
}

static void
test_states (void)
{
  g_autofree char *dir = make_dir ("states");
  g_autofree char *encoded = NULL;
  g_autofree char *path = write_states_widget (dir, &encoded);
  g_autofree char *saved_path = g_build_filename (dir, "Cart saved.widget", NULL);
  g_autoptr(TessWidgetDocument) doc = open_document (path);
  GtkSourceBuffer *data = tess_widget_document_get_data_buffer (doc);
  g_autoptr(GError) error = NULL;
  guint index;

  assert_state_names (doc, "Default|Alpha|Beta");
  g_assert_cmpuint (tess_widget_document_get_active_state (doc), ==, 0);
  assert_data (doc, "{\"title\": \"Default title\", \"items\": [1, 2]}");

  /* Switching shows each state's data; it is not an edit of the file. */
  tess_widget_document_set_active_state (doc, 2);
  g_assert_cmpuint (tess_widget_document_get_active_state (doc), ==, 2);
  assert_data (doc, "{\"title\": \"Beta title\", \"flag\": true}");
  tess_widget_document_set_active_state (doc, 1);
  assert_data (doc, "{\"title\": \"Alpha title\"}");
  g_assert_false (tess_widget_document_get_modified (doc));
  {
    g_autofree char *text = serialize (doc);
    g_autoptr(JsonNode) saved = parse_object_text (text);

    g_assert_cmpstr (string_member (json_node_get_object (saved), "encodedWidget"), ==, encoded);
  }

  /* What is typed in a state stays with it, valid JSON or not. */
  type_at (data, 1, "oops ");
  g_assert_true (tess_widget_document_get_modified (doc));
  tess_widget_document_set_active_state (doc, 0);
  assert_data (doc, "{\"title\": \"Default title\", \"items\": [1, 2]}");
  tess_widget_document_set_active_state (doc, 1);
  {
    g_autofree char *text = buffer_text (data);

    g_assert_true (g_str_has_prefix (text, "{oops "));
  }
  g_assert_null (tess_widget_document_serialize (doc, &error));
  g_assert_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Alpha"));
  g_clear_error (&error);
  delete_at (data, 1, 5);

  /* Added as a copy of the active state, and empty; renamed; removed. */
  index = tess_widget_document_add_state (doc, "Alpha copy", TRUE);
  g_assert_cmpuint (index, ==, 3);
  g_assert_cmpuint (tess_widget_document_get_active_state (doc), ==, 3);
  assert_data (doc, "{\"title\": \"Alpha title\"}");
  index = tess_widget_document_add_state (doc, "Empty", FALSE);
  g_assert_cmpuint (index, ==, 4);
  g_assert_cmpuint (tess_widget_document_get_active_state (doc), ==, 4);
  assert_data (doc, "{}");
  retype (data, "{\"title\": \"Typed\"}");
  tess_widget_document_rename_state (doc, 2, "Beta renamed");
  assert_state_names (doc, "Default|Alpha|Beta renamed|Alpha copy|Empty");
  tess_widget_document_remove_state (doc, 1);
  assert_state_names (doc, "Default|Beta renamed|Alpha copy|Empty");
  g_assert_cmpuint (tess_widget_document_get_active_state (doc), ==, 3);
  assert_data (doc, "{\"title\": \"Typed\"}");
  g_assert_true (tess_widget_document_get_modified (doc));

  /* The project: Widget Builder's fields and its states' ids kept. */
  {
    g_autofree char *text = serialize (doc);
    g_autoptr(JsonNode) saved = parse_object_text (text);
    g_autoptr(JsonObject) project = project_of (json_node_get_object (saved));
    g_autoptr(JsonNode) states = NULL;
    g_autoptr(JsonNode) expected = parse (
      "[{\"id\":\"s-b\",\"name\":\"Beta renamed\",\"state\":{\"title\":\"Beta title\","
      "\"flag\":true}},"
      "{\"name\":\"Alpha copy\",\"state\":{\"title\":\"Alpha title\"}},"
      "{\"name\":\"Empty\",\"state\":{\"title\":\"Typed\"}}]");
    g_autofree char *names = NULL;

    g_assert_nonnull (project);
    names = member_names (project);
    g_assert_cmpstr (names, ==, "id,name,view,defaultState,states,schemaMode");
    g_assert_cmpstr (json_object_get_string_member (project, "id"), ==, "wb-1");
    g_assert_cmpstr (json_object_get_string_member (project, "view"), ==, "<Card/>");
    states = json_node_copy (json_object_get_member (project, "states"));
    assert_json_same (states, expected);
  }

  g_assert_true (save_sync (doc, saved_path, &error));
  g_assert_no_error (error);
  g_assert_false (tess_widget_document_get_modified (doc));

  /* Opened again: names and data preserved. */
  {
    g_autoptr(TessWidgetDocument) again = open_document (saved_path);

    assert_state_names (again, "Default|Beta renamed|Alpha copy|Empty");
    g_assert_cmpuint (tess_widget_document_get_active_state (again), ==, 0);
    assert_data (again, "{\"title\": \"Default title\", \"items\": [1, 2]}");
    tess_widget_document_set_active_state (again, 1);
    assert_data (again, "{\"title\": \"Beta title\", \"flag\": true}");
    tess_widget_document_set_active_state (again, 2);
    assert_data (again, "{\"title\": \"Alpha title\"}");
    tess_widget_document_set_active_state (again, 3);
    assert_data (again, "{\"title\": \"Typed\"}");
    g_assert_false (tess_widget_document_get_modified (again));

    /* Removing the active state shows the one before it. */
    tess_widget_document_remove_state (again, 3);
    assert_state_names (again, "Default|Beta renamed|Alpha copy");
    g_assert_cmpuint (tess_widget_document_get_active_state (again), ==, 2);
    assert_data (again, "{\"title\": \"Alpha title\"}");
    g_assert_true (tess_widget_document_get_modified (again));
  }
}

static char *
copy_corpus_file (const char *stem,
                  const char *dir)
{
  g_autofree char *name = g_strconcat (stem, ".widget", NULL);
  g_autofree char *source = corpus_path (name);
  g_autofree char *text = read_text (source);
  char *path = g_build_filename (dir, name, NULL);

  write_text (path, text);
  return path;
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_save_and_modified (void)
{
  g_autofree char *dir = make_dir ("save");
  g_autofree char *path = copy_corpus_file ("openai__chatkit-python__card_with_data", dir);
  g_autofree char *locked = make_dir ("save/locked");
  g_autofree char *locked_path = g_build_filename (locked, "x.widget", NULL);
  g_autoptr(TessWidgetDocument) doc = open_document (path);
  GtkSourceBuffer *template = tess_widget_document_get_template_buffer (doc);
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *serialized = NULL;

  g_assert_false (tess_widget_document_get_modified (doc));
  type_at (template, 0, " ");
  g_assert_true (tess_widget_document_get_modified (doc));

  g_assert_true (save_sync (doc, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (tess_widget_document_get_modified (doc));
  on_disk = read_text (path);
  serialized = serialize (doc);
  g_assert_cmpstr (on_disk, ==, serialized);
  {
    g_autoptr(JsonNode) saved = parse_object_text (on_disk);

    g_assert_true (g_str_has_prefix (string_member (json_node_get_object (saved), "template"),
                                     " "));
  }
  /* Written by way of a temporary file renamed over the old one: nothing left beside it. */
  g_assert_cmpuint (count_files (dir), ==, 2);
  g_assert_false (tess_widget_document_has_recovery (doc));

  type_at (template, 0, " ");
  g_assert_true (tess_widget_document_get_modified (doc));

  /* A directory that cannot be written: an error, and the edit still unsaved. */
  g_assert_cmpint (g_chmod (locked, 0500), ==, 0);
  if (g_access (locked, W_OK) == 0)
    {
      /* root writes anywhere: a path under a regular file cannot be written either */
      g_free (locked_path);
      locked_path = g_build_filename (path, "x.widget", NULL);
    }
  g_assert_false (save_sync (doc, locked_path, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_test_message ("saving to a read-only place: %s", error->message);
  g_clear_error (&error);
  g_assert_true (tess_widget_document_get_modified (doc));
  {
    GFile *file = tess_widget_document_get_file (doc);
    g_autofree char *file_path = g_file_get_path (file);

    g_assert_cmpstr (file_path, ==, path);
  }
  g_assert_false (g_file_test (locked_path, G_FILE_TEST_EXISTS));
  g_chmod (locked, 0700);

  /* A new document has nowhere to be saved until it is given a place. */
  {
    g_autoptr(TessWidgetDocument) blank = tess_widget_document_new ();
    g_autofree char *blank_path = g_build_filename (dir, "blank.widget", NULL);

    g_assert_false (tess_widget_document_get_modified (blank));
    g_assert_null (tess_widget_document_get_file (blank));
    g_assert_false (save_sync (blank, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
    g_clear_error (&error);
    g_assert_true (save_sync (blank, blank_path, &error));
    g_assert_nonnull (tess_widget_document_get_file (blank));
    g_assert_cmpstr (tess_widget_document_get_title (blank), ==, "blank");
  }
}

/* Typing while the file is being written: the new text is not saved, so still modified. */
static void
test_edit_during_save (void)
{
  g_autofree char *dir = make_dir ("save-busy");
  g_autofree char *path = copy_corpus_file ("openai__chatkit-python__card_with_data", dir);
  g_autoptr(TessWidgetDocument) doc = open_document (path);
  GtkSourceBuffer *data = tess_widget_document_get_data_buffer (doc);
  SaveResult save = { 0 };
  int undo_offset, undo_length;
  g_autoptr(JsonNode) expected = type_data_edit (doc, &undo_offset, &undo_length);
  g_autoptr(JsonNode) typed = NULL;

  tess_widget_document_save_async (doc, NULL, NULL, save_done, &save);
  type_at (data, undo_offset, "More ");
  save_wait (doc, &save);
  g_assert_no_error (save.error);
  g_assert_true (save.ok);
  g_assert_true (tess_widget_document_get_modified (doc));

  /* The next save writes the later text. */
  typed = buffer_json (data);
  g_assert_true (save_sync (doc, NULL, NULL));
  g_assert_false (tess_widget_document_get_modified (doc));
  {
    g_autofree char *text = read_text (path);
    g_autoptr(JsonNode) saved = parse_object_text (text);
    g_autoptr(JsonObject) project = project_of (json_node_get_object (saved));

    assert_json_same (json_object_get_member (project, "defaultState"), typed);
  }
}

/* Emptying the schema drops jsonSchema; typing it back puts it where it was. */
static void
test_schema_cleared_and_restored (void)
{
  g_autofree char *path = corpus_path ("openai__chatkit-python__card_with_data.widget");
  g_autofree char *original_text = read_text (path);
  g_autoptr(JsonNode) original = parse_object_text (original_text);
  g_autoptr(TessWidgetDocument) doc = open_document (path);
  GtkSourceBuffer *schema = tess_widget_document_get_schema_buffer (doc);
  g_autofree char *schema_text = buffer_text (schema);
  g_autofree char *names_before = member_names (json_node_get_object (original));

  retype (schema, "");
  {
    g_autofree char *text = serialize (doc);
    g_autoptr(JsonNode) saved = parse_object_text (text);

    g_assert_false (json_object_has_member (json_node_get_object (saved), "jsonSchema"));
  }
  retype (schema, schema_text);
  {
    g_autofree char *text = serialize (doc);
    g_autoptr(JsonNode) saved = parse_object_text (text);
    g_autofree char *names_after = member_names (json_node_get_object (saved));

    g_assert_cmpstr (names_after, ==, names_before);
  }
}

static void
test_recovery (void)
{
  g_autofree char *dir = make_dir ("recovery");
  g_autofree char *path = copy_corpus_file ("openai__chatkit-python__card_with_data", dir);
  g_autofree char *template_text = NULL;
  g_autofree char *data_text = NULL;
  g_autofree char *recovery_path = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(TessWidgetDocument) doc = open_document (path);

    g_assert_false (tess_widget_document_has_recovery (doc));
    type_at (tess_widget_document_get_template_buffer (doc), 0, "{# typed #}");
    /* Half-typed JSON is kept too. */
    type_at (tess_widget_document_get_data_buffer (doc), 1, "\"half\": ");
    tess_widget_document_add_state (doc, "Extra", TRUE);
    type_at (tess_widget_document_get_data_buffer (doc), 0, "[");
    g_assert_true (tess_widget_document_write_recovery (doc, &error));
    g_assert_no_error (error);
    recovery_path = tess_widget_document_dup_recovery_path (doc);
    g_assert_true (g_str_has_prefix (recovery_path, tmp_root));
    g_assert_true (g_file_test (recovery_path, G_FILE_TEST_IS_REGULAR));
    tess_widget_document_set_active_state (doc, 0);
    template_text = buffer_text (tess_widget_document_get_template_buffer (doc));
    data_text = buffer_text (tess_widget_document_get_data_buffer (doc));
  }

  /* The file itself was not touched. */
  {
    g_autofree char *on_disk = read_text (path);
    g_autofree char *original = read_text (corpus_path ("openai__chatkit-python__card_with_data"
                                                        ".widget"));

    g_assert_cmpstr (on_disk, ==, original);
  }

  {
    g_autoptr(TessWidgetDocument) doc = open_document (path);
    g_autofree char *text = NULL;
    g_autofree char *doc_recovery = tess_widget_document_dup_recovery_path (doc);

    g_assert_cmpstr (doc_recovery, ==, recovery_path);
    g_assert_true (tess_widget_document_has_recovery (doc));
    g_assert_false (tess_widget_document_get_modified (doc));
    g_assert_true (tess_widget_document_restore_recovery (doc, &error));
    g_assert_no_error (error);
    g_assert_true (tess_widget_document_get_modified (doc));
    text = buffer_text (tess_widget_document_get_template_buffer (doc));
    g_assert_cmpstr (text, ==, template_text);
    g_assert_true (g_str_has_prefix (text, "{# typed #}"));
    assert_state_names (doc, "Default|Extra");
    /* The state that was active when it was written. */
    g_assert_cmpuint (tess_widget_document_get_active_state (doc), ==, 1);
    g_free (text);
    text = buffer_text (tess_widget_document_get_data_buffer (doc));
    g_assert_true (g_str_has_prefix (text, "[{\"half\": "));
    tess_widget_document_set_active_state (doc, 0);
    g_free (text);
    text = buffer_text (tess_widget_document_get_data_buffer (doc));
    g_assert_cmpstr (text, ==, data_text);
    g_assert_true (g_str_has_prefix (text, "{\"half\": "));

    tess_widget_document_discard_recovery (doc);
    g_assert_false (tess_widget_document_has_recovery (doc));
    g_assert_false (g_file_test (recovery_path, G_FILE_TEST_EXISTS));
  }

  {
    g_autoptr(TessWidgetDocument) doc = open_document (path);

    g_assert_false (tess_widget_document_has_recovery (doc));
    g_assert_false (tess_widget_document_restore_recovery (doc, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
}

static void
test_recovery_untitled (void)
{
  g_autofree char *path = NULL;
  g_autofree char *template_text = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(TessWidgetDocument) doc = tess_widget_document_new ();
    g_autoptr(GPtrArray) before = tess_widget_document_list_untitled_recoveries ();
    GtkSourceBuffer *template = tess_widget_document_get_template_buffer (doc);

    path = tess_widget_document_dup_recovery_path (doc);
    for (guint i = 0; i < before->len; i++)
      g_assert_cmpstr (g_ptr_array_index (before, i), !=, path);
    type_at (template, 0, "{# untitled #}");
    tess_widget_document_set_name (doc, "My widget");
    g_assert_true (tess_widget_document_write_recovery (doc, &error));
    g_assert_no_error (error);
    template_text = buffer_text (template);
  }
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TessWidgetDocument) other = tess_widget_document_new ();

      type_at (tess_widget_document_get_template_buffer (other), 0, " ");
      g_assert_true (tess_widget_document_write_recovery (other, &error));
      g_assert_no_error (error);
    }

  {
    g_autoptr(GPtrArray) listed = tess_widget_document_list_untitled_recoveries ();
    g_autoptr(TessWidgetDocument) doc = NULL;
    g_autofree char *text = NULL;
    g_autofree char *doc_path = NULL;
    gboolean found = FALSE;

    /* Several, in the order of their names. */
    g_assert_cmpuint (listed->len, >=, 4);
    for (guint i = 0; i < listed->len; i++)
      {
        found |= g_str_equal (g_ptr_array_index (listed, i), path);
        if (i > 0)
          g_assert_cmpstr (g_ptr_array_index (listed, i - 1), <, g_ptr_array_index (listed, i));
      }
    g_assert_true (found);

    doc = tess_widget_document_new_from_recovery (path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (doc);
    g_assert_null (tess_widget_document_get_file (doc));
    g_assert_true (tess_widget_document_get_modified (doc));
    g_assert_cmpstr (tess_widget_document_get_name (doc), ==, "My widget");
    text = buffer_text (tess_widget_document_get_template_buffer (doc));
    g_assert_cmpstr (text, ==, template_text);
    doc_path = tess_widget_document_dup_recovery_path (doc);
    g_assert_cmpstr (doc_path, ==, path);
    tess_widget_document_discard_recovery (doc);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  {
    g_autoptr(GPtrArray) listed = tess_widget_document_list_untitled_recoveries ();

    for (guint i = 0; i < listed->len; i++)
      g_assert_cmpstr (g_ptr_array_index (listed, i), !=, path);
  }

  /* A write cut short by a kill leaves its temporary file: an old one goes when the
   * recoveries are listed at start, a fresh one (a write in progress) stays. */
  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autofree char *stale = g_build_filename (dir, "untitled-1.json.AB12CD", NULL);
    g_autofree char *fresh = g_build_filename (dir, "untitled-2.json.EF34GH", NULL);
    g_autoptr(GPtrArray) listed = NULL;

    g_assert_true (g_file_set_contents (stale, "{", -1, NULL));
    g_assert_true (g_file_set_contents (fresh, "{", -1, NULL));
    g_assert_cmpint (g_utime (stale, &(struct utimbuf) { 1000000000, 1000000000 }), ==, 0);
    listed = tess_widget_document_list_untitled_recoveries ();
    g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
    for (guint i = 0; i < listed->len; i++)
      g_assert_false (g_str_has_suffix (g_ptr_array_index (listed, i), "EF34GH"));
    g_unlink (fresh);
  }
}

/* Saving an untitled document makes it a file: its untitled recovery is gone. */
static void
test_recovery_untitled_saved (void)
{
  g_autofree char *dir = make_dir ("untitled-saved");
  g_autofree char *saved_path = g_build_filename (dir, "named.widget", NULL);
  g_autoptr(TessWidgetDocument) doc = tess_widget_document_new ();
  g_autofree char *untitled_path = tess_widget_document_dup_recovery_path (doc);
  g_autoptr(GError) error = NULL;

  type_at (tess_widget_document_get_template_buffer (doc), 0, " ");
  g_assert_true (tess_widget_document_write_recovery (doc, &error));
  g_assert_true (g_file_test (untitled_path, G_FILE_TEST_EXISTS));
  g_assert_true (save_sync (doc, saved_path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (untitled_path, G_FILE_TEST_EXISTS));
  g_assert_false (tess_widget_document_has_recovery (doc));
}

static void
test_autosave (void)
{
  g_autofree char *dir = make_dir ("autosave");
  g_autofree char *path = copy_corpus_file ("openai__chatkit-python__card_with_data", dir);
  g_autoptr(TessWidgetDocument) doc = open_document (path);
  g_autofree char *recovery_path = tess_widget_document_dup_recovery_path (doc);
  gint64 start, written = -1;

  g_assert_false (g_file_test (recovery_path, G_FILE_TEST_EXISTS));
  /* No edit, no recovery. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < G_USEC_PER_SEC * 5 / 4)
    g_main_context_iteration (NULL, FALSE), g_usleep (10000);
  g_assert_false (g_file_test (recovery_path, G_FILE_TEST_EXISTS));

  type_at (tess_widget_document_get_template_buffer (doc), 0, "{# autosaved #}");
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < G_USEC_PER_SEC * 5 / 2)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_file_test (recovery_path, G_FILE_TEST_EXISTS))
        {
          written = g_get_monotonic_time () - start;
          break;
        }
      g_usleep (10000);
    }
  g_assert_cmpint (written, >=, 0);
  g_assert_cmpint (written, <=, 2 * G_USEC_PER_SEC);

  {
    g_autoptr(TessWidgetDocument) again = open_document (path);
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;

    g_assert_true (tess_widget_document_restore_recovery (again, &error));
    g_assert_no_error (error);
    text = buffer_text (tess_widget_document_get_template_buffer (again));
    g_assert_true (g_str_has_prefix (text, "{# autosaved #}"));
    tess_widget_document_discard_recovery (again);
  }
}

static void
test_plain_widget_json (void)
{
  static const char plain[] =
    "{\n  \"type\": \"Card\",\n  \"children\": [{\"type\": \"Text\", \"value\": \"Hi\"}]\n}\n";
  g_autofree char *dir = make_dir ("plain");
  g_autofree char *path = g_build_filename (dir, "hello.json", NULL);
  g_autofree char *saved_path = g_build_filename (dir, "hello.widget", NULL);
  g_autoptr(TessWidgetDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  write_text (path, plain);
  doc = open_document (path);
  g_assert_null (tess_widget_document_get_file (doc));
  g_assert_true (tess_widget_document_get_modified (doc));
  g_assert_cmpstr (tess_widget_document_get_title (doc), ==, "hello");
  text = buffer_text (tess_widget_document_get_template_buffer (doc));
  g_assert_cmpstr (text, ==, "{\n  \"type\": \"Card\",\n  \"children\": [{\"type\": \"Text\", "
                             "\"value\": \"Hi\"}]\n}");
  assert_data (doc, "{}");

  /* Save asks for a name: there is no file to write over. */
  g_assert_false (save_sync (doc, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_clear_error (&error);
  g_clear_pointer (&text, g_free);
  text = read_text (path);
  g_assert_cmpstr (text, ==, plain);

  g_assert_true (save_sync (doc, saved_path, &error));
  g_assert_no_error (error);
  g_assert_false (tess_widget_document_get_modified (doc));
  {
    const char *stage = NULL;
    g_autoptr(JsonNode) widget = render_with_tessera (saved_path, &stage);
    g_autoptr(JsonNode) expected = parse (plain);
    g_autofree char *saved_text = read_text (saved_path);
    g_autoptr(JsonNode) saved = parse_object_text (saved_text);
    JsonObject *root = json_node_get_object (saved);

    g_assert_cmpstr (stage, ==, NULL);
    assert_json_same (widget, expected);
    g_assert_cmpstr (string_member (root, "version"), ==, "1.0");
    g_assert_cmpstr (string_member (root, "name"), ==, "hello");
  }
}

static void
test_reload (void)
{
  g_autofree char *dir = make_dir ("reload");
  g_autofree char *path = copy_corpus_file ("openai__chatkit-python__card_with_data", dir);
  g_autoptr(TessWidgetDocument) doc = open_document (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = read_text (path);
  g_autoptr(JsonNode) root = parse_object_text (text);
  g_autofree char *changed_text = NULL;
  g_autofree char *template = NULL;

  type_at (tess_widget_document_get_template_buffer (doc), 0, "{# unsaved #}");
  g_assert_true (tess_widget_document_write_recovery (doc, &error));
  g_assert_true (tess_widget_document_get_modified (doc));

  /* Another program writes the file. */
  json_object_set_string_member (json_node_get_object (root), "template",
                                 "{\"type\": \"Card\", \"children\": []}");
  changed_text = tess_json_to_string_pretty (root);
  write_text (path, changed_text);

  g_assert_true (tess_widget_document_reload (doc, &error));
  g_assert_no_error (error);
  g_assert_false (tess_widget_document_get_modified (doc));
  g_assert_false (tess_widget_document_has_recovery (doc));
  template = buffer_text (tess_widget_document_get_template_buffer (doc));
  g_assert_cmpstr (template, ==, "{\"type\": \"Card\", \"children\": []}");

  /* A file that went bad is an error, and the document stays as it was. */
  write_text (path, "{ not json");
  g_assert_false (tess_widget_document_reload (doc, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&template, g_free);
  template = buffer_text (tess_widget_document_get_template_buffer (doc));
  g_assert_cmpstr (template, ==, "{\"type\": \"Card\", \"children\": []}");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *state_dir = NULL;
  int status;

  /* Before anything asks GLib for the user's folders (it keeps the first answer). */
  tmp_root = g_dir_make_tmp ("tessera-test-document-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);
  state_dir = g_build_filename (tmp_root, "state", NULL);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  g_assert_cmpstr (g_get_user_state_dir (), ==, state_dir);

  g_test_add_func ("/designer/document/corpus-unedited", test_corpus_unedited);
  g_test_add_func ("/designer/document/corpus-data-edit", test_corpus_data_edit);
  g_test_add_func ("/designer/document/corpus-saved-render-in-jinja",
                   test_corpus_saved_render_in_jinja);
  g_test_add_func ("/designer/document/states", test_states);
  g_test_add_func ("/designer/document/save-and-modified", test_save_and_modified);
  g_test_add_func ("/designer/document/edit-during-save", test_edit_during_save);
  g_test_add_func ("/designer/document/schema-cleared-and-restored",
                   test_schema_cleared_and_restored);
  g_test_add_func ("/designer/document/recovery", test_recovery);
  g_test_add_func ("/designer/document/recovery-untitled", test_recovery_untitled);
  g_test_add_func ("/designer/document/recovery-untitled-saved", test_recovery_untitled_saved);
  g_test_add_func ("/designer/document/autosave", test_autosave);
  g_test_add_func ("/designer/document/plain-widget-json", test_plain_widget_json);
  g_test_add_func ("/designer/document/reload", test_reload);

  status = g_test_run ();
  remove_tree (tmp_root);
  g_free (tmp_root);
  return status;
}
