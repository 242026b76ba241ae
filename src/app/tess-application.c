/* tess-application.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tess-application.h"
#include "tess-preferences-window.h"
#include "tess-window.h"

struct _TessApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (TessApplication, tess_application, ADW_TYPE_APPLICATION)

/* The "style-variant" setting wins over the desktop's preference when it is not "system". */
static void
apply_style_variant (TessApplication *self)
{
  g_autofree char *variant = g_settings_get_string (self->settings, "style-variant");
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (variant, "light") == 0)
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (variant, "dark") == 0)
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (style_manager, scheme);
}

static void
on_style_variant_changed (TessApplication *self)
{
  apply_style_variant (self);
}

static void
tess_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (tess_window_new (TESS_APPLICATION (app)));

  gtk_window_present (window);
}

static void
tess_application_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  TessWindow *window = TESS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  if (window == NULL)
    window = tess_window_new (TESS_APPLICATION (app));
  tess_window_open_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
tess_application_startup (GApplication *app)
{
  TessApplication *self = TESS_APPLICATION (app);

  G_APPLICATION_CLASS (tess_application_parent_class)->startup (app);

  g_signal_connect_object (self->settings, "changed::style-variant",
                           G_CALLBACK (on_style_variant_changed), self, G_CONNECT_SWAPPED);
  apply_style_variant (self);
}

static void
tess_application_dispose (GObject *object)
{
  TessApplication *self = TESS_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tess_application_parent_class)->dispose (object);
}

static void
tess_application_class_init (TessApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tess_application_dispose;
  app_class->activate = tess_application_activate;
  app_class->open = tess_application_open;
  app_class->startup = tess_application_startup;
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  TessApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Tessera authors", NULL };

  adw_show_about_window (window,
                         "application-name", _("Tessera"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Tessera authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Design ChatKit widgets and chat with ChatKit servers"),
                         "website", "https://github.com/tessera-app/tessera",
                         "issue-url", "https://github.com/tessera-app/tessera/issues",
                         "developers", developers,
                         "copyright", "© 2026 The Tessera authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TessApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  TessPreferencesWindow *preferences = tess_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GApplication *app = user_data;

  /* Each window saves its state, and one with unsaved changes asks first; the application
   * ends with its last window. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_actions[] = {
  { "about", on_about },
  { "preferences", on_preferences },
  { "quit", on_quit },
};

static void
tess_application_init (TessApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  self->settings = g_settings_new (APP_ID_BASE);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}

TessApplication *
tess_application_new (void)
{
  return g_object_new (TESS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/tessera/Tessera",
                       NULL);
}

GSettings *
tess_application_get_settings (TessApplication *self)
{
  g_return_val_if_fail (TESS_IS_APPLICATION (self), NULL);

  return self->settings;
}
