/* tess-application.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "chat/tess-chat-view.h"
#include "protocol/tess-http-header.h"
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

/* Checks --server and --header, and hands them to the primary instance as the
 * "app.open-server" action: a bad one is an error here, with exit status 2. */
static int
tess_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  const char *server = NULL;
  g_autofree const char **headers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  GVariantBuilder builder;

  g_variant_dict_lookup (options, "server", "&s", &server);
  g_variant_dict_lookup (options, "header", "^a&s", &headers);
  if (server == NULL)
    {
      if (headers != NULL && headers[0] != NULL)
        {
          g_printerr (_("tessera: --header needs --server URL\n"));
          return 2;
        }
      return -1;
    }

  uri = g_uri_parse (server, G_URI_FLAGS_NONE, &error);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_printerr (_("tessera: --server “%s”: expected an http:// or https:// URL\n"), server);
      return 2;
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (!tess_http_header_parse (headers[i], &name, &value, &error))
        {
          g_variant_builder_clear (&builder);
          g_printerr ("tessera: %s\n", error->message);
          return 2;
        }
      g_variant_builder_add (&builder, "{ss}", name, value);
    }

  if (!g_application_register (app, NULL, &error))
    {
      g_variant_builder_clear (&builder);
      g_printerr ("tessera: %s\n", error->message);
      return 1;
    }
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-server",
                                  g_variant_new ("(sa{ss})", server, &builder));
  return -1;
}

static TessChatView *
find_chat_view (GtkWidget *widget)
{
  if (TESS_IS_CHAT_VIEW (widget))
    return TESS_CHAT_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      TessChatView *view = find_chat_view (child);

      if (view != NULL)
        return view;
    }
  return NULL;
}

TessChatView *
tess_application_get_chat_view (TessApplication *self)
{
  GtkWindow *window;

  g_return_val_if_fail (TESS_IS_APPLICATION (self), NULL);

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  return window != NULL ? find_chat_view (GTK_WIDGET (window)) : NULL;
}

static void
on_open_server (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TessApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GHashTable) headers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GVariantIter) iter = NULL;
  const char *url, *name, *value;
  TessChatView *view;

  if (window == NULL)
    window = GTK_WINDOW (tess_window_new (self));
  g_variant_get (parameter, "(&sa{ss})", &url, &iter);
  while (g_variant_iter_next (iter, "{&s&s}", &name, &value))
    g_hash_table_insert (headers, (char *) name, (char *) value);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "chat");
  view = find_chat_view (GTK_WIDGET (window));
  if (view != NULL)
    tess_chat_view_use_server (view, url, headers);
  gtk_window_present (window);
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
  app_class->handle_local_options = tess_application_handle_local_options;
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
  { "open-server", on_open_server, "(sa{ss})" },
};

static const GOptionEntry option_entries[] = {
  { "server", 's', 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the Chat on this ChatKit server (not saved)"), N_("URL") },
  { "header", 'H', 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Extra request header for --server (repeatable)"), N_("'NAME: VALUE'") },
  { NULL }
};

static void
tess_application_init (TessApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  self->settings = g_settings_new (APP_ID_BASE);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
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
