/* test-page.c: the Designer page and view in a real window: the preview and its controls,
 * problems and where they point, find and replace, files changed on disk, closing with
 * unsaved changes and the examples gallery
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recovery files go to a temporary XDG_STATE_HOME, never to the user's.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "designer/tess-designer-view.h"
#include "designer/tess-zoom-bin.h"
#include "render/tess-text.h"

static char *tmp_root;

static void
iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
iterate_until (gboolean (*done) (gpointer), gpointer data, guint timeout_ms)
{
  gint64 until = g_get_monotonic_time () + timeout_ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (done (data))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return done (data);
}

static void
set_text (GtkSourceBuffer *buffer,
          const char      *text)
{
  GtkTextIter start, end;

  /* As a person would: a selection replaced by typing, not a load. */
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  gtk_text_buffer_delete_interactive (GTK_TEXT_BUFFER (buffer), &start, &end, TRUE);
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (buffer), &start);
  gtk_text_buffer_insert_interactive (GTK_TEXT_BUFFER (buffer), &start, text, -1, TRUE);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* The first descendant of @widget whose accessible name (for controls we name) or type
 * matches. */
static GtkWidget *
find_named (GtkWidget  *widget,
            GType       type,
            const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          if (label == NULL)
            return child;
          if (GTK_IS_TOGGLE_BUTTON (child) || GTK_IS_BUTTON (child))
            {
              const char *text = gtk_button_get_label (GTK_BUTTON (child));

              if (g_strcmp0 (text, label) == 0)
                return child;
            }
          if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)),
                                                 label) == 0)
            return child;
        }
      found = find_named (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
tree_has_text (GtkWidget  *widget,
               const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  if (TESS_IS_TEXT (widget) && g_strcmp0 (tess_text_get_text (TESS_TEXT (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (tree_has_text (child, text))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_by_tooltip (GtkWidget  *widget,
                 GType       type,
                 const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return child;
      found = find_by_tooltip (child, type, tooltip);
      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWindow          *window;
  TessDesignerView   *view;
  TessDesignerPage   *page;
  TessWidgetDocument *document;
} Fixture;

static const char card_template[] =
  "{\"type\": \"Card\", \"children\": [\n"
  "  {\"type\": \"Title\", \"value\": {{ title | tojson }}}\n"
  "]}";
static const char card_schema[] =
  "{\"type\": \"object\", \"properties\": {\"title\": {\"type\": \"string\"}},\n"
  " \"required\": [\"title\"]}";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1100, 760);
  fixture->view = TESS_DESIGNER_VIEW (tess_designer_view_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  fixture->page = tess_designer_view_new_document (fixture->view);
  fixture->document = g_object_ref (tess_designer_page_get_document (fixture->page));
  set_text (tess_widget_document_get_template_buffer (fixture->document), card_template);
  set_text (tess_widget_document_get_schema_buffer (fixture->document), card_schema);
  set_text (tess_widget_document_get_data_buffer (fixture->document), "{\"title\": \"Hello\"}");
  tess_designer_page_flush (fixture->page);
  iterate (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Nothing of one test may ask a question in the next one. */
  tess_widget_document_discard_recovery (fixture->document);
  g_clear_object (&fixture->document);
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  iterate (50);
}

static void
test_preview_follows_edits (Fixture       *fixture,
                            gconstpointer  data)
{
  TessWidgetView *preview = tess_designer_page_get_preview (fixture->page);

  g_assert_true (tree_has_text (GTK_WIDGET (preview), "Hello"));
  g_assert_false (tess_designer_page_is_preview_stale (fixture->page));
  g_assert_cmpuint (tess_designer_page_get_n_problems (fixture->page), ==, 0);

  set_text (tess_widget_document_get_data_buffer (fixture->document), "{\"title\": \"Bonjour\"}");
  tess_designer_page_flush (fixture->page);
  g_assert_true (tree_has_text (GTK_WIDGET (preview), "Bonjour"));
  g_assert_false (tree_has_text (GTK_WIDGET (preview), "Hello"));
}

static void
test_broken_template_keeps_preview (Fixture       *fixture,
                                    gconstpointer  data)
{
  TessWidgetView *preview = tess_designer_page_get_preview (fixture->page);
  TessNode *good = tess_widget_view_get_root (preview);
  GtkTextBuffer *buffer =
    GTK_TEXT_BUFFER (tess_widget_document_get_template_buffer (fixture->document));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 1, 2);
  gtk_text_buffer_insert_interactive (buffer, &iter, "{% if %}", -1, TRUE);
  tess_designer_page_flush (fixture->page);

  g_assert_true (tess_designer_page_is_preview_stale (fixture->page));
  g_assert_true (tess_widget_view_get_root (preview) == good);
  g_assert_true (tree_has_text (GTK_WIDGET (preview), "Hello"));
  g_assert_cmpuint (tess_designer_page_get_n_problems (fixture->page), ==, 1);
  /* The problem row reads where it is, and the error is underlined in the editor. */
  {
    GtkWidget *list = find_named (GTK_WIDGET (fixture->page), GTK_TYPE_LIST_BOX, NULL);
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
    GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                                 "tess-problem");
    GtkTextIter start;

    g_assert_nonnull (row);
    g_assert_true (find_named (GTK_WIDGET (row), GTK_TYPE_LABEL, "Template 2:9") != NULL);
    gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 1, 8);
    g_assert_true (gtk_text_iter_has_tag (&start, tag));

    /* Activating it puts the cursor there. */
    gtk_widget_activate (GTK_WIDGET (row));
    g_signal_emit_by_name (list, "row-activated", row);
    gtk_text_buffer_get_iter_at_mark (buffer, &start, gtk_text_buffer_get_insert (buffer));
    g_assert_cmpint (gtk_text_iter_get_line (&start), ==, 1);
    g_assert_cmpint (gtk_text_iter_get_line_offset (&start), ==, 8);
  }
}

static void
test_data_checked_against_schema (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkTextBuffer *buffer =
    GTK_TEXT_BUFFER (tess_widget_document_get_data_buffer (fixture->document));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               "tess-problem");
  GtkTextIter iter;

  set_text (GTK_SOURCE_BUFFER (buffer), "{\n  \"title\": 42\n}");
  tess_designer_page_flush (fixture->page);
  /* The data's problem, and the widget model's warning about a number as display text. */
  g_assert_cmpuint (tess_designer_page_get_n_problems (fixture->page), ==, 2);
  g_assert_true (find_named (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL, "Data 2:12") != NULL);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 1, 12);
  g_assert_true (gtk_text_iter_has_tag (&iter, tag));
  /* The widget still renders: the template prints the number. */
  g_assert_false (tess_designer_page_is_preview_stale (fixture->page));
  g_assert_true (tree_has_text (GTK_WIDGET (tess_designer_page_get_preview (fixture->page)),
                                "42"));

  /* Bad JSON is a problem at its place, and the last good preview stays. */
  set_text (GTK_SOURCE_BUFFER (buffer), "{\n  \"title\": \"x\",\n}");
  tess_designer_page_flush (fixture->page);
  g_assert_true (tess_designer_page_is_preview_stale (fixture->page));
  g_assert_true (find_named (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL, "Data 3:1") != NULL);
}

static void
test_widget_problems_point_into_json (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkWidget *list;
  GtkListBoxRow *row;
  GtkWidget *json_toggle;

  /* A Text without its required value: the widget model reports it at /children/1. */
  set_text (tess_widget_document_get_template_buffer (fixture->document),
            "{\"type\": \"Card\", \"children\": [\n"
            "  {\"type\": \"Title\", \"value\": {{ title | tojson }}},\n"
            "  {\"type\": \"Text\"}\n"
            "]}");
  tess_designer_page_flush (fixture->page);
  g_assert_cmpuint (tess_designer_page_get_n_problems (fixture->page), >=, 1);
  g_assert_nonnull (strstr (tess_designer_page_get_rendered_json (fixture->page), "\"Text\""));
  list = find_named (GTK_WIDGET (fixture->page), GTK_TYPE_LIST_BOX, NULL);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_assert_true (find_named (GTK_WIDGET (row), GTK_TYPE_LABEL, "Widget 3:3") != NULL);

  /* Activating it goes to the template text that wrote the component. */
  g_signal_emit_by_name (list, "row-activated", row);
  {
    GtkTextBuffer *buffer =
      GTK_TEXT_BUFFER (tess_widget_document_get_template_buffer (fixture->document));
    GtkTextIter cursor;

    gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
    g_assert_cmpint (gtk_text_iter_get_line (&cursor), ==, 2);
    g_assert_cmpint (gtk_text_iter_get_line_offset (&cursor), ==, 2);
  }
  json_toggle = find_by_tooltip (GTK_WIDGET (fixture->page), GTK_TYPE_TOGGLE_BUTTON,
                                 "Rendered JSON");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (json_toggle)));
}

/* Each rendered component leads back to the template text that produced it, and a point in
 * the preview to its component (Ctrl+click). */
static void
test_components_map_to_template (Fixture       *fixture,
                                 gconstpointer  data)
{
  TessWidgetView *preview = tess_designer_page_get_preview (fixture->page);
  TessNode *root = tess_widget_view_get_root (preview);
  TessNode *title = tess_node_get_child (root, 0);
  GtkWidget *title_widget = NULL;
  graphene_rect_t bounds;
  guint line = 0, column = 0;

  set_text (tess_widget_document_get_template_buffer (fixture->document),
            "{%- set heading = title ~ '!' -%}\n"
            "{\"type\": \"Card\", \"children\": [\n"
            "  {\"type\": \"Caption\", \"value\": \"fixed\"},\n"
            "  {\"type\": \"Title\", \"value\": {{ heading | tojson }}}\n"
            "]}");
  tess_designer_page_flush (fixture->page);
  iterate (100);
  root = tess_widget_view_get_root (preview);
  g_assert_cmpuint (tess_node_get_n_children (root), ==, 2);

  g_assert_true (tess_designer_page_find_source (fixture->page, root, &line, &column));
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 1);
  g_assert_true (tess_designer_page_find_source (fixture->page, tess_node_get_child (root, 0),
                                                 &line, &column));
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 3);
  title = tess_node_get_child (root, 1);
  g_assert_true (tess_designer_page_find_source (fixture->page, title, &line, &column));
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpuint (column, ==, 3);

  /* The middle of the Title's widget picks the Title. */
  title_widget = find_named (GTK_WIDGET (preview), TESS_TYPE_TEXT, NULL);
  for (; title_widget != NULL && g_strcmp0 (tess_text_get_text (TESS_TEXT (title_widget)),
                                            "Hello!") != 0;
       title_widget = gtk_widget_get_next_sibling (title_widget))
    ;
  g_assert_nonnull (title_widget);
  g_assert_true (gtk_widget_compute_bounds (title_widget, GTK_WIDGET (preview), &bounds));
  g_assert_true (tess_widget_view_pick (preview, bounds.origin.x + bounds.size.width / 2,
                                        bounds.origin.y + bounds.size.height / 2) == title);
  g_assert_null (tess_widget_view_pick (preview, -5, -5));
}

static void
test_preview_controls (Fixture       *fixture,
                       gconstpointer  data)
{
  TessWidgetView *preview = tess_designer_page_get_preview (fixture->page);
  GtkWidget *page = GTK_WIDGET (fixture->page);
  GtkWidget *width = find_by_tooltip (page, GTK_TYPE_DROP_DOWN, "Preview Width");
  GtkWidget *dark = find_by_tooltip (page, GTK_TYPE_TOGGLE_BUTTON, "Dark Preview");
  GtkWidget *zoom_bin = find_named (page, TESS_TYPE_ZOOM_BIN, NULL);
  int request;

  g_assert_nonnull (width);
  g_assert_nonnull (dark);
  g_assert_nonnull (zoom_bin);

  /* Width presets: 480 by default, 360, and free (the pane's width). */
  gtk_widget_get_size_request (GTK_WIDGET (preview), &request, NULL);
  g_assert_cmpint (request, ==, 480);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (width), 0);
  iterate (100);
  gtk_widget_get_size_request (GTK_WIDGET (preview), &request, NULL);
  g_assert_cmpint (request, ==, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (preview)), ==, 360);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (width), 3);
  iterate (100);
  gtk_widget_get_size_request (GTK_WIDGET (preview), &request, NULL);
  g_assert_cmpint (request, ==, -1);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (preview)), >, 360);

  /* Zoom steps and the label that shows them. */
  gtk_widget_activate_action (page, "page.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (tess_zoom_bin_get_zoom (TESS_ZOOM_BIN (zoom_bin)), 1.1, 1e-9);
  g_assert_nonnull (find_named (page, GTK_TYPE_BUTTON, "110%"));
  gtk_widget_activate_action (page, "page.zoom-reset", NULL);
  g_assert_cmpfloat_with_epsilon (tess_zoom_bin_get_zoom (TESS_ZOOM_BIN (zoom_bin)), 1.0, 1e-9);
  gtk_widget_activate_action (page, "page.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (tess_zoom_bin_get_zoom (TESS_ZOOM_BIN (zoom_bin)), 0.9, 1e-9);

  /* The keyboard's ways to the same controls. */
  gtk_widget_activate_action (page, "page.width", "u", 2);
  gtk_widget_get_size_request (GTK_WIDGET (preview), &request, NULL);
  g_assert_cmpint (request, ==, 768);
  gtk_widget_activate_action (page, "page.toggle-dark", NULL);
  g_assert_cmpint (tess_widget_view_get_theme_mode (preview), ==, TESS_THEME_MODE_DARK);
  gtk_widget_activate_action (page, "page.toggle-dark", NULL);
  g_assert_cmpint (tess_widget_view_get_theme_mode (preview), ==, TESS_THEME_MODE_LIGHT);
  gtk_widget_activate_action (page, "page.toggle-json", NULL);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    find_by_tooltip (page, GTK_TYPE_TOGGLE_BUTTON, "Rendered JSON"))));
  gtk_widget_activate_action (page, "page.toggle-json", NULL);

  /* Light and dark. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (dark), TRUE);
  g_assert_cmpint (tess_widget_view_get_theme_mode (preview), ==, TESS_THEME_MODE_DARK);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (dark), FALSE);
  g_assert_cmpint (tess_widget_view_get_theme_mode (preview), ==, TESS_THEME_MODE_LIGHT);
}

static void
test_find_and_replace (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkTextBuffer *buffer =
    GTK_TEXT_BUFFER (tess_widget_document_get_template_buffer (fixture->document));
  GtkWidget *find = find_named (GTK_WIDGET (fixture->page), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *replace = find_named (GTK_WIDGET (fixture->page), GTK_TYPE_ENTRY, NULL);
  g_autofree char *text = NULL;

  g_assert_nonnull (find);
  g_assert_nonnull (replace);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.find-replace", NULL);
  gtk_editable_set_text (GTK_EDITABLE (find), "Title");
  iterate (400);  /* GtkSearchEntry reports changes after a short delay */
  gtk_editable_set_text (GTK_EDITABLE (replace), "Caption");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.replace-all", NULL);
  text = buffer_text (buffer);
  g_assert_null (strstr (text, "\"Title\""));
  g_assert_nonnull (strstr (text, "\"Caption\""));
  g_assert_true (tess_widget_document_get_modified (fixture->document));
}

static gboolean
banner_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *button = find_named (GTK_WIDGET (fixture->page), GTK_TYPE_BUTTON, "Reload");
  GtkWidget *revealer = button;

  while (revealer != NULL && !GTK_IS_REVEALER (revealer))
    revealer = gtk_widget_get_parent (revealer);
  return revealer != NULL && gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (tess_widget_document_save_finish (TESS_WIDGET_DOCUMENT (source), result,
                                                   &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_changed_on_disk (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (tmp_root, "disk.widget", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  g_autofree char *text = NULL;
  g_autofree char *other = NULL;

  tess_widget_document_save_async (fixture->document, file, NULL, save_done, &done);
  g_assert_true (iterate_until (flag_set, &done, 5000));
  /* Our own save is no change on disk. */
  iterate (600);
  g_assert_false (banner_shown (fixture));

  /* Another program rewrites the file: the template prints a literal now. */
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_nonnull (strstr (text, "{{ title | tojson }}"));
  other = g_strjoinv ("\\\"Bonjour\\\"", g_strsplit (text, "{{ title | tojson }}", -1));
  g_assert_true (g_file_set_contents (path, other, -1, &error));
  g_assert_true (iterate_until (banner_shown, fixture, 5000));

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "page.reload", NULL);
  tess_designer_page_flush (fixture->page);
  g_assert_false (banner_shown (fixture));
  g_assert_true (tree_has_text (GTK_WIDGET (tess_designer_page_get_preview (fixture->page)),
                                "Bonjour"));
  g_assert_false (tess_widget_document_get_modified (fixture->document));
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

/* As a click on the dialog's button does: the answer, then the dialog closes. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
test_close_asks_first (Fixture       *fixture,
                       gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autofree char *recovery = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tess_widget_document_get_modified (fixture->document));
  g_assert_true (tess_widget_document_write_recovery (fixture->document, &error));
  recovery = tess_widget_document_dup_recovery_path (fixture->document);
  g_assert_true (g_file_test (recovery, G_FILE_TEST_EXISTS));

  /* Cancel keeps the widget open. */
  tess_designer_view_close_current (fixture->view);
  g_assert_true (iterate_until (dialog_shown, NULL, 2000));
  dialog = find_dialog ();
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  answer (dialog, "cancel");
  iterate (100);
  g_assert_cmpuint (tess_designer_view_get_n_pages (fixture->view), ==, 1);

  /* Discard closes it and forgets the unsaved version. */
  tess_designer_view_close_current (fixture->view);
  g_assert_true (iterate_until (dialog_shown, NULL, 2000));
  answer (find_dialog (), "discard");
  iterate (100);
  g_assert_cmpuint (tess_designer_view_get_n_pages (fixture->view), ==, 0);
  g_assert_false (g_file_test (recovery, G_FILE_TEST_EXISTS));
}

static AdwWindow *
find_gallery (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_WINDOW (window) && !ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_WINDOW (window);
    }
  return NULL;
}

static void
test_examples (Fixture       *fixture,
               gconstpointer  data)
{
  AdwWindow *gallery;
  GtkWidget *list;
  GtkListBoxRow *row;
  TessDesignerPage *page;
  int rows = 0;

  tess_designer_view_show_examples (fixture->view);
  iterate (100);
  gallery = find_gallery ();
  g_assert_nonnull (gallery);
  list = find_named (GTK_WIDGET (gallery), GTK_TYPE_LIST_BOX, NULL);
  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), rows) != NULL)
    rows++;
  g_assert_cmpint (rows, ==, 12);

  /* Every example opens and renders without a problem of the template or the data. */
  for (int i = 0; i < rows; i++)
    {
      if (i > 0)
        {
          tess_designer_view_show_examples (fixture->view);
          iterate (50);
          gallery = find_gallery ();
          list = find_named (GTK_WIDGET (gallery), GTK_TYPE_LIST_BOX, NULL);
        }
      row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i);
      g_signal_emit_by_name (list, "row-activated", row);
      iterate (50);
      page = tess_designer_view_get_current_page (fixture->view);
      tess_designer_page_flush (page);
      g_assert_null (tess_widget_document_get_file (tess_designer_page_get_document (page)));
      g_assert_nonnull (tess_widget_view_get_root (tess_designer_page_get_preview (page)));
      g_assert_false (tess_designer_page_is_preview_stale (page));
      tess_widget_document_discard_recovery (tess_designer_page_get_document (page));
    }
  g_assert_cmpuint (tess_designer_view_get_n_pages (fixture->view), ==, rows + 1);
}

static gboolean
is_recent (gpointer data)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  gboolean found = FALSE;

  for (GList *l = items; l != NULL; l = l->next)
    found |= g_strcmp0 (gtk_recent_info_get_uri (l->data), data) == 0;
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  return found;
}

/* Files dropped on the Designer open as tabs; opened files are remembered as recent. */
static void
test_drop_and_recent (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (tmp_root, "dropped.widget", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GdkFileList *files;
  GValue value = G_VALUE_INIT;
  GtkEventController *drop = NULL;
  GListModel *controllers;
  gboolean accepted = FALSE;
  g_autofree char *uri = g_file_get_uri (file);

  g_assert_true (g_file_set_contents (path,
                                      "{\"type\": \"Card\", \"children\": [{\"type\": "
                                      "\"Text\", \"value\": \"Dropped\"}]}", -1, &error));
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->view));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && drop == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        drop = controller;
    }
  g_object_unref (controllers);
  g_assert_nonnull (drop);

  files = gdk_file_list_new_from_array (&file, 1);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  /* A literal JSON file: a new tab, named after the file, that renders it. */
  g_assert_cmpuint (tess_designer_view_get_n_pages (fixture->view), ==, 2);
  {
    TessDesignerPage *page = tess_designer_view_get_current_page (fixture->view);

    tess_designer_page_flush (page);
    g_assert_cmpstr (tess_widget_document_get_title (tess_designer_page_get_document (page)),
                     ==, "dropped");
    g_assert_true (tree_has_text (GTK_WIDGET (tess_designer_page_get_preview (page)),
                                  "Dropped"));
    tess_widget_document_discard_recovery (tess_designer_page_get_document (page));
  }

  /* GTK adds recent items once it has read the file's type, in the main loop. */
  g_assert_true (iterate_until (is_recent, uri, 5000));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_root = g_dir_make_tmp ("tessera-page-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);
  g_setenv ("XDG_STATE_HOME", tmp_root, TRUE);
  g_setenv ("XDG_DATA_HOME", tmp_root, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/designer/page/preview-follows-edits", test_preview_follows_edits);
  ADD ("/designer/page/broken-template-keeps-preview", test_broken_template_keeps_preview);
  ADD ("/designer/page/data-checked-against-schema", test_data_checked_against_schema);
  ADD ("/designer/page/widget-problems-point-into-json", test_widget_problems_point_into_json);
  ADD ("/designer/page/components-map-to-template", test_components_map_to_template);
  ADD ("/designer/page/preview-controls", test_preview_controls);
  ADD ("/designer/page/find-and-replace", test_find_and_replace);
  ADD ("/designer/page/changed-on-disk", test_changed_on_disk);
  ADD ("/designer/page/close-asks-first", test_close_asks_first);
  ADD ("/designer/page/examples", test_examples);
  ADD ("/designer/page/drop-and-recent", test_drop_and_recent);
#undef ADD

  status = g_test_run ();
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmp_root);

    if (system (command) != 0)
      g_printerr ("could not remove %s\n", tmp_root);
  }
  return status;
}
