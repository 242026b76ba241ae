/* tess-window.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "chat/tess-chat-view.h"
#include "designer/tess-designer-view.h"
#include "tess-window.h"

struct _TessWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  AdwViewStack         *view_stack;
  TessDesignerView     *designer_view;
  GtkWidget            *designer_buttons;
  AdwToastOverlay      *toast_overlay;
  /* Set once the user chose to close with unsaved changes handled. */
  gboolean              close_confirmed;
};

G_DEFINE_FINAL_TYPE (TessWindow, tess_window, ADW_TYPE_APPLICATION_WINDOW)

static void
tess_window_restore_state (TessWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");
  g_autofree char *view = g_settings_get_string (self->settings, "last-view");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (g_settings_get_boolean (self->settings, "restore-last-view") &&
      adw_view_stack_get_child_by_name (self->view_stack, view) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, view);
}

static void
tess_window_save_state (TessWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  /* A maximized window keeps the size it had before, to return to it. */
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_string (self->settings, "last-view",
                         adw_view_stack_get_visible_child_name (self->view_stack));
  g_settings_apply (self->settings);
}

static gboolean
close_later_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   TessWindow       *self)
{
  if (g_str_equal (response, "discard"))
    {
      g_autoptr(GPtrArray) modified = tess_designer_view_list_modified (self->designer_view);

      for (guint i = 0; i < modified->len; i++)
        tess_widget_document_discard_recovery (g_ptr_array_index (modified, i));
      self->close_confirmed = TRUE;
      /* Not from inside the dialog's answer: the dialog still talks to its parent then. */
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later_cb, g_object_ref (self),
                       g_object_unref);
    }
  else if (g_str_equal (response, "save"))
    {
      /* Each tab asks for itself, with a file chooser where it has no file. */
      adw_view_stack_set_visible_child_name (self->view_stack, "designer");
      tess_designer_view_close_current (self->designer_view);
    }
}

static gboolean
tess_window_close_request (GtkWindow *window)
{
  TessWindow *self = TESS_WINDOW (window);
  g_autoptr(GPtrArray) modified = tess_designer_view_list_modified (self->designer_view);

  if (modified->len > 0 && !self->close_confirmed)
    {
      GtkWidget *dialog = tess_designer_save_changes_dialog_new (window, modified);

      g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return GDK_EVENT_STOP;
    }

  tess_window_save_state (self);

  return GTK_WINDOW_CLASS (tess_window_parent_class)->close_request (window);
}

static void
designer_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TessWindow *self = TESS_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "designer");
  if (g_str_equal (action_name, "win.new-widget"))
    tess_designer_view_new_document (self->designer_view);
  else if (g_str_equal (action_name, "win.new-from-example"))
    tess_designer_view_show_examples (self->designer_view);
  else if (g_str_equal (action_name, "win.open"))
    tess_designer_view_show_open_dialog (self->designer_view);
  else if (g_str_equal (action_name, "win.save"))
    tess_designer_view_save (self->designer_view, FALSE);
  else if (g_str_equal (action_name, "win.save-as"))
    tess_designer_view_save (self->designer_view, TRUE);
}

/* Ctrl+W closes the widget's tab in the Designer, and the window where there is none. */
static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TessWindow *self = TESS_WINDOW (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "designer") == 0 &&
      tess_designer_view_get_n_pages (self->designer_view) > 0)
    tess_designer_view_close_current (self->designer_view);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
update_designer_actions (TessWindow *self)
{
  gboolean has_page = tess_designer_view_get_current_page (self->designer_view) != NULL;
  gboolean designer = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack),
                                 "designer") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", has_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has_page);
  gtk_widget_set_visible (self->designer_buttons, designer);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TessWindow *self = TESS_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}


static void
tess_window_dispose (GObject *object)
{
  TessWindow *self = TESS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESS_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tess_window_parent_class)->dispose (object);
}

static void
tess_window_class_init (TessWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tess_window_dispose;
  window_class->close_request = tess_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tessera/Tessera/tess-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TessWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, designer_view);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, designer_buttons);
  gtk_widget_class_bind_template_child (widget_class, TessWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "win.new-widget", NULL, designer_action);
  gtk_widget_class_install_action (widget_class, "win.new-from-example", NULL, designer_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, designer_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, designer_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, designer_action);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-widget", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-from-example", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "win.show-view", "s", "designer");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "win.show-view", "s", "chat");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "win.close-tab", NULL);
}

static void
tess_window_init (TessWindow *self)
{
  g_type_ensure (TESS_TYPE_DESIGNER_VIEW);
  g_type_ensure (TESS_TYPE_CHAT_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (update_designer_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->designer_view, "notify::current-page",
                           G_CALLBACK (update_designer_actions), self, G_CONNECT_SWAPPED);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
  update_designer_actions (self);
}

TessWindow *
tess_window_new (TessApplication *application)
{
  TessWindow *self;

  g_return_val_if_fail (TESS_IS_APPLICATION (application), NULL);

  self = g_object_new (TESS_TYPE_WINDOW, "application", application, NULL);
  self->settings = g_object_ref (tess_application_get_settings (application));
  tess_window_restore_state (self);
  /* Only the first window takes back what was never saved to a file. */
  if (g_list_length (gtk_application_get_windows (GTK_APPLICATION (application))) == 1)
    tess_designer_view_restore_untitled (self->designer_view);

  return self;
}

void
tess_window_open_files (TessWindow  *self,
                        GFile      **files,
                        int          n_files)
{
  g_return_if_fail (TESS_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "designer");
  for (int i = 0; i < n_files; i++)
    tess_designer_view_open_file (self->designer_view, files[i]);
}

TessDesignerView *
tess_window_get_designer (TessWindow *self)
{
  g_return_val_if_fail (TESS_IS_WINDOW (self), NULL);

  return self->designer_view;
}

const char *
tess_window_get_visible_view (TessWindow *self)
{
  g_return_val_if_fail (TESS_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}
