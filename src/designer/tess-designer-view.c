/* tess-designer-view.c: the Designer, one tab per open widget
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "render/tess-toast-queue.h"
#include "tess-designer-private.h"

#include "tess-designer-view.h"

#define EXAMPLES_PATH "/io/github/tessera/Tessera/examples/"
#define MAX_RECENT 6

struct _TessDesignerView
{
  GtkWidget   parent_instance;

  GtkStack   *stack;
  AdwTabView *tab_view;
  GtkListBox *recent_list;
  GtkWidget  *recent_label;
};

G_DEFINE_FINAL_TYPE (TessDesignerView, tess_designer_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CURRENT_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (TessDesignerView *self,
            const char       *message)
{
  tess_toast_queue_show (GTK_WIDGET (self), message);
}

static TessDesignerPage *
page_at (TessDesignerView *self,
         guint             index)
{
  AdwTabPage *tab = adw_tab_view_get_nth_page (self->tab_view, index);

  return TESS_DESIGNER_PAGE (adw_tab_page_get_child (tab));
}

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static void
update_visible_child (TessDesignerView *self)
{
  gtk_stack_set_visible_child_name (self->stack,
                                    adw_tab_view_get_n_pages (self->tab_view) > 0
                                    ? "tabs" : "empty");
}

static void
sync_tab (AdwTabPage *tab)
{
  TessDesignerPage *page = TESS_DESIGNER_PAGE (adw_tab_page_get_child (tab));
  TessWidgetDocument *document = tess_designer_page_get_document (page);
  const char *title = tess_widget_document_get_title (document);
  gboolean modified = tess_widget_document_get_modified (document);
  GFile *file = tess_widget_document_get_file (document);
  g_autofree char *label = modified ? g_strconcat ("• ", title, NULL) : g_strdup (title);

  adw_tab_page_set_title (tab, label);
  adw_tab_page_set_needs_attention (tab, FALSE);
  if (file != NULL)
    {
      g_autofree char *path = g_file_get_parse_name (file);

      adw_tab_page_set_tooltip (tab, path);
    }
  else
    adw_tab_page_set_tooltip (tab, title);
}

TessDesignerPage *
tess_designer_view_add_document (TessDesignerView   *self,
                                 TessWidgetDocument *document)
{
  TessDesignerPage *page;
  AdwTabPage *tab;

  g_return_val_if_fail (TESS_IS_DESIGNER_VIEW (self), NULL);
  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (document), NULL);

  page = tess_designer_page_new (document);
  tab = adw_tab_view_append (self->tab_view, GTK_WIDGET (page));
  sync_tab (tab);
  g_signal_connect_object (document, "notify::modified", G_CALLBACK (sync_tab), tab,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::title", G_CALLBACK (sync_tab), tab,
                           G_CONNECT_SWAPPED);
  adw_tab_view_set_selected_page (self->tab_view, tab);
  update_visible_child (self);
  tess_designer_page_focus_template (page);
  return page;
}

TessDesignerPage *
tess_designer_view_new_document (TessDesignerView *self)
{
  g_autoptr(TessWidgetDocument) document = tess_widget_document_new ();

  g_return_val_if_fail (TESS_IS_DESIGNER_VIEW (self), NULL);

  return tess_designer_view_add_document (self, document);
}

TessDesignerPage *
tess_designer_view_open_file (TessDesignerView *self,
                              GFile            *file)
{
  g_autoptr(TessWidgetDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TESS_IS_DESIGNER_VIEW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (guint i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      TessDesignerPage *page = page_at (self, i);
      GFile *open = tess_widget_document_get_file (tess_designer_page_get_document (page));

      if (open != NULL && g_file_equal (open, file))
        {
          adw_tab_view_set_selected_page (self->tab_view,
                                          adw_tab_view_get_nth_page (self->tab_view, i));
          return page;
        }
    }

  document = tess_widget_document_new_for_file (file, &error);
  if (document == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      /* Translators: %s is a file name, then the reason */
      g_autofree char *message = g_strdup_printf (_("Could not open “%s”: %s"), name,
                                                  error->message);

      show_toast (self, message);
      return NULL;
    }
  add_recent (file);
  return tess_designer_view_add_document (self, document);
}

TessDesignerPage *
tess_designer_view_get_current_page (TessDesignerView *self)
{
  AdwTabPage *tab;

  g_return_val_if_fail (TESS_IS_DESIGNER_VIEW (self), NULL);

  tab = adw_tab_view_get_selected_page (self->tab_view);
  return tab != NULL ? TESS_DESIGNER_PAGE (adw_tab_page_get_child (tab)) : NULL;
}

guint
tess_designer_view_get_n_pages (TessDesignerView *self)
{
  g_return_val_if_fail (TESS_IS_DESIGNER_VIEW (self), 0);

  return adw_tab_view_get_n_pages (self->tab_view);
}

/* Saving ----------------------------------------------------------------------------------- */

typedef struct
{
  TessDesignerView *view;
  AdwTabPage       *tab;   /* to close once saved, or NULL */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->view);
  g_clear_object (&data->tab);
  g_free (data);
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveData *data = user_data;
  TessWidgetDocument *document = TESS_WIDGET_DOCUMENT (source);
  g_autoptr(GError) error = NULL;

  if (!tess_widget_document_save_finish (document, result, &error))
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);

      show_toast (data->view, message);
      if (data->tab != NULL)
        adw_tab_view_close_page_finish (data->view->tab_view, data->tab, FALSE);
    }
  else
    {
      add_recent (tess_widget_document_get_file (document));
      if (data->tab != NULL)
        adw_tab_view_close_page_finish (data->view->tab_view, data->tab, TRUE);
    }
  save_data_free (data);
}

static void
save_to (TessDesignerView   *self,
         TessWidgetDocument *document,
         GFile              *file,
         AdwTabPage         *close_tab)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->view = g_object_ref (self);
  data->tab = close_tab != NULL ? g_object_ref (close_tab) : NULL;
  tess_widget_document_save_async (document, file, NULL, save_cb, data);
}

typedef struct
{
  TessDesignerView   *view;
  TessWidgetDocument *document;
  AdwTabPage         *tab;
} ChooserData;

static void
chooser_data_free (ChooserData *data)
{
  g_clear_object (&data->view);
  g_clear_object (&data->document);
  g_clear_object (&data->tab);
  g_free (data);
}

static void
on_save_chooser_response (GtkNativeDialog *chooser,
                          int              response,
                          ChooserData     *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      save_to (data->view, data->document, file, data->tab);
    }
  else if (data->tab != NULL)
    adw_tab_view_close_page_finish (data->view->tab_view, data->tab, FALSE);
  chooser_data_free (data);
  g_object_unref (chooser);
}

static GtkFileFilter *
widget_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("ChatKit Widgets"));
  gtk_file_filter_add_mime_type (filter, "application/x-chatkit-widget");
  gtk_file_filter_add_suffix (filter, "widget");
  return filter;
}

static void
save_document (TessDesignerView   *self,
               TessWidgetDocument *document,
               gboolean            save_as,
               AdwTabPage         *close_tab)
{
  GtkFileChooserNative *chooser;
  ChooserData *data;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;

  if (!save_as && tess_widget_document_get_file (document) != NULL)
    {
      save_to (self, document, NULL, close_tab);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Save Widget"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = widget_filter ();
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = g_strconcat (tess_widget_document_get_title (document), ".widget", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  data = g_new0 (ChooserData, 1);
  data->view = g_object_ref (self);
  data->document = g_object_ref (document);
  data->tab = close_tab != NULL ? g_object_ref (close_tab) : NULL;
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_chooser_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
tess_designer_view_save (TessDesignerView *self,
                         gboolean          save_as)
{
  TessDesignerPage *page;

  g_return_if_fail (TESS_IS_DESIGNER_VIEW (self));

  page = tess_designer_view_get_current_page (self);
  if (page != NULL)
    save_document (self, tess_designer_page_get_document (page), save_as, NULL);
}

/* Closing ---------------------------------------------------------------------------------- */

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   ChooserData      *data)
{
  /* One answer per question; @data goes with the handler. */
  g_signal_handlers_disconnect_by_func (dialog, on_close_response, data);
  if (g_str_equal (response, "save"))
    save_document (data->view, data->document, FALSE, data->tab);
  else if (g_str_equal (response, "discard"))
    {
      tess_widget_document_discard_recovery (data->document);
      adw_tab_view_close_page_finish (data->view->tab_view, data->tab, TRUE);
    }
  else
    adw_tab_view_close_page_finish (data->view->tab_view, data->tab, FALSE);
}

GtkWidget *
tess_designer_save_changes_dialog_new (GtkWindow *parent,
                                       GPtrArray *documents)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  g_return_val_if_fail (documents != NULL && documents->len > 0, NULL);

  if (documents->len == 1)
    /* Translators: %s is a widget's name */
    body = g_strdup_printf (_("“%s” has unsaved changes. Changes that are not saved will be "
                              "lost."),
                            tess_widget_document_get_title (g_ptr_array_index (documents, 0)));
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u widget has unsaved changes. Changes that are not "
                                         "saved will be lost.",
                                         "%u widgets have unsaved changes. Changes that are not "
                                         "saved will be lost.", documents->len),
                            documents->len);
  /* No mnemonics: GTK 4.8 reads a mnemonic button's name out twice ("_Save Save"). */
  dialog = adw_message_dialog_new (parent, _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Cancel"),
                                    "discard", _("Discard"),
                                    "save", _("Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

static gboolean
on_close_page (TessDesignerView *self,
               AdwTabPage       *tab)
{
  TessDesignerPage *page = TESS_DESIGNER_PAGE (adw_tab_page_get_child (tab));
  TessWidgetDocument *document = tess_designer_page_get_document (page);
  g_autoptr(GPtrArray) documents = NULL;
  GtkWidget *dialog;
  ChooserData *data;

  if (!tess_widget_document_get_modified (document))
    {
      adw_tab_view_close_page_finish (self->tab_view, tab, TRUE);
      return GDK_EVENT_STOP;
    }

  documents = g_ptr_array_new ();
  g_ptr_array_add (documents, document);
  dialog = tess_designer_save_changes_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), documents);

  data = g_new0 (ChooserData, 1);
  data->view = g_object_ref (self);
  data->document = g_object_ref (document);
  data->tab = g_object_ref (tab);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_close_response), data,
                         (GClosureNotify) chooser_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GDK_EVENT_STOP;
}

void
tess_designer_view_close_current (TessDesignerView *self)
{
  AdwTabPage *tab;

  g_return_if_fail (TESS_IS_DESIGNER_VIEW (self));

  tab = adw_tab_view_get_selected_page (self->tab_view);
  if (tab != NULL)
    adw_tab_view_close_page (self->tab_view, tab);
}

GPtrArray *
tess_designer_view_list_modified (TessDesignerView *self)
{
  GPtrArray *modified = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (TESS_IS_DESIGNER_VIEW (self), modified);

  for (guint i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      TessWidgetDocument *document = tess_designer_page_get_document (page_at (self, i));

      if (tess_widget_document_get_modified (document))
        g_ptr_array_add (modified, g_object_ref (document));
    }
  return modified;
}

guint
tess_designer_view_restore_untitled (TessDesignerView *self)
{
  g_autoptr(GPtrArray) paths = tess_widget_document_list_untitled_recoveries ();
  guint restored = 0;

  g_return_val_if_fail (TESS_IS_DESIGNER_VIEW (self), 0);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TessWidgetDocument) document =
        tess_widget_document_new_from_recovery (g_ptr_array_index (paths, i), &error);

      if (document == NULL)
        {
          g_warning ("Could not restore %s: %s", (char *) g_ptr_array_index (paths, i),
                     error->message);
          continue;
        }
      tess_designer_view_add_document (self, document);
      restored++;
    }
  if (restored > 0)
    show_toast (self, g_dngettext (GETTEXT_PACKAGE,
                                   "Restored an unsaved widget from the last session",
                                   "Restored unsaved widgets from the last session", restored));
  return restored;
}

/* Opening ---------------------------------------------------------------------------------- */

static void
on_open_chooser_response (GtkNativeDialog  *chooser,
                          int               response,
                          TessDesignerView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          tess_designer_view_open_file (self, file);
        }
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

void
tess_designer_view_show_open_dialog (TessDesignerView *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = widget_filter ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();

  g_return_if_fail (TESS_IS_DESIGNER_VIEW (self));

  chooser = gtk_file_chooser_native_new (_("Open Widget"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (json, _("Widget JSON"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_chooser_response),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop (TessDesignerView *self,
         const GValue     *value,
         double            x,
         double            y)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    tess_designer_view_open_file (self, l->data);
  return files != NULL;
}

static void
on_recent_activated (TessDesignerView *self,
                     GtkListBoxRow    *row)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  g_autoptr(GFile) file = NULL;

  if (uri == NULL)
    return;
  file = g_file_new_for_uri (uri);
  tess_designer_view_open_file (self, file);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;
  /* Owned by the infos. */
  GDateTime *time_a = gtk_recent_info_get_modified (info_a);
  GDateTime *time_b = gtk_recent_info_get_modified (info_b);

  return g_date_time_compare (time_b, time_a);
}

static void
fill_recent (TessDesignerView *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (g_str_has_suffix (gtk_recent_info_get_uri (info), ".widget") &&
          gtk_recent_info_exists (info))
        g_ptr_array_add (widgets, info);
    }
  g_ptr_array_sort (widgets, compare_recent);

  for (guint i = 0; i < widgets->len && i < MAX_RECENT; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (widgets, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *location = gtk_recent_info_get_uri_display (info);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     gtk_recent_info_get_display_name (info));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), location);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (gtk_recent_info_get_uri (info)),
                              g_free);
      gtk_list_box_append (self->recent_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), widgets->len > 0);
  gtk_widget_set_visible (self->recent_label, widgets->len > 0);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* Examples --------------------------------------------------------------------------------- */

static void
on_example_activated (GtkListBox    *list,
                      GtkListBoxRow *row,
                      gpointer       user_data)
{
  TessDesignerView *self = TESS_DESIGNER_VIEW (user_data);
  const char *resource = g_object_get_data (G_OBJECT (row), "resource");
  const char *title = g_object_get_data (G_OBJECT (row), "title");
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, NULL);
  g_autoptr(TessWidgetDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (list))));
  if (bytes != NULL)
    document = tess_widget_document_new_from_bytes (bytes, NULL, title, &error);
  if (document == NULL)
    {
      show_toast (self, error != NULL ? error->message : _("The example is missing"));
      return;
    }
  tess_designer_view_add_document (self, document);
}

void
tess_designer_view_show_examples (TessDesignerView *self)
{
  g_autoptr(GBytes) index = g_resources_lookup_data (EXAMPLES_PATH "examples.json", 0, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GtkWidget *window, *toolbar, *scroller, *list, *box;
  JsonArray *examples;

  g_return_if_fail (TESS_IS_DESIGNER_VIEW (self));

  if (index == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (index, NULL),
                                   g_bytes_get_size (index), NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      show_toast (self, _("The examples are missing"));
      return;
    }
  examples = json_node_get_array (json_parser_get_root (parser));

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("New From Example"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 560);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  toolbar = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), toolbar);
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Examples"), -1);

  for (guint i = 0; i < json_array_get_length (examples); i++)
    {
      JsonObject *example = json_array_get_object_element (examples, i);
      const char *file = json_object_get_string_member_with_default (example, "file", NULL);
      const char *title = json_object_get_string_member_with_default (example, "title", file);
      const char *source = json_object_get_string_member_with_default (example, "source", "");
      const char *licence = json_object_get_string_member_with_default (example, "licence", "");
      GtkWidget *row;
      g_autofree char *subtitle = NULL;

      if (file == NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      subtitle = g_strdup_printf ("%s · %s", source, licence);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "resource",
                              g_strconcat (EXAMPLES_PATH, file, NULL), g_free);
      g_object_set_data_full (G_OBJECT (row), "title", g_strdup (title), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_example_activated), self, 0);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

/* GObject ---------------------------------------------------------------------------------- */

static void
on_n_pages_changed (TessDesignerView *self)
{
  update_visible_child (self);
  if (adw_tab_view_get_n_pages (self->tab_view) == 0)
    fill_recent (self);
}

static void
on_selected_page_changed (TessDesignerView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PAGE]);
}

static void
tess_designer_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TessDesignerView *self = TESS_DESIGNER_VIEW (object);

  switch (prop_id)
    {
    case PROP_CURRENT_PAGE:
      g_value_set_object (value, tess_designer_view_get_current_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_designer_view_dispose (GObject *object)
{
  tess_designer_dispose_template (GTK_WIDGET (object), TESS_TYPE_DESIGNER_VIEW);

  G_OBJECT_CLASS (tess_designer_view_parent_class)->dispose (object);
}

static void
tess_designer_view_class_init (TessDesignerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_designer_view_dispose;
  object_class->get_property = tess_designer_view_get_property;

  properties[PROP_CURRENT_PAGE] =
    g_param_spec_object ("current-page", NULL, NULL, TESS_TYPE_DESIGNER_PAGE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  tess_designer_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tessera/Tessera/tess-designer-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TessDesignerView, stack);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerView, tab_view);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerView, recent_list);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerView, recent_label);
}

static void
tess_designer_view_init (TessDesignerView *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->tab_view, "close-page", G_CALLBACK (on_close_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tab_view, "notify::n-pages", G_CALLBACK (on_n_pages_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tab_view, "notify::selected-page",
                           G_CALLBACK (on_selected_page_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->recent_list, "row-activated", G_CALLBACK (on_recent_activated),
                           self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  fill_recent (self);
  update_visible_child (self);
}

GtkWidget *
tess_designer_view_new (void)
{
  return g_object_new (TESS_TYPE_DESIGNER_VIEW, NULL);
}
