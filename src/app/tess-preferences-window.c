/* tess-preferences-window.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tess-preferences-window.h"

struct _TessPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *style_row;
  AdwEntryRow          *server_row;
  AdwActionRow         *server_error_row;
  GtkSwitch            *restore_switch;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The order of the rows in the "Style" combo row. */
static const char * const style_variants[] = { "system", "light", "dark" };

G_DEFINE_FINAL_TYPE (TessPreferencesWindow, tess_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
style_to_position (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *style = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (style_variants); i++)
    {
      if (g_strcmp0 (style, style_variants[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
position_to_style (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (style_variants))
    position = 0;

  return g_variant_new_string (style_variants[position]);
}

/* Only http(s) URLs are stored; anything else is shown as a problem and not saved, so the
 * last good value survives a typo. */
static void
on_server_apply (TessPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;

  if (*text != '\0')
    {
      uri = g_uri_parse (text, G_URI_FLAGS_NONE, &error);
      if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                          g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
        {
          adw_action_row_set_subtitle (self->server_error_row,
                                       _("Enter an http:// or https:// address"));
          gtk_widget_set_visible (GTK_WIDGET (self->server_error_row), TRUE);
          gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
          return;
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->server_error_row), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  g_settings_set_string (self->settings, "server-url", text);
}

static void
tess_preferences_window_constructed (GObject *object)
{
  TessPreferencesWindow *self = TESS_PREFERENCES_WINDOW (object);
  g_autofree char *server_url = NULL;

  G_OBJECT_CLASS (tess_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "style-variant",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                style_to_position, position_to_style, NULL, NULL);
  g_settings_bind (self->settings, "restore-last-view",
                   self->restore_switch, "active", G_SETTINGS_BIND_DEFAULT);

  server_url = g_settings_get_string (self->settings, "server-url");
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server_url);
}

static void
tess_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TessPreferencesWindow *self = TESS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TessPreferencesWindow *self = TESS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_preferences_window_dispose (GObject *object)
{
  TessPreferencesWindow *self = TESS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tess_preferences_window_parent_class)->dispose (object);
}

static void
tess_preferences_window_class_init (TessPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tess_preferences_window_constructed;
  object_class->dispose = tess_preferences_window_dispose;
  object_class->get_property = tess_preferences_window_get_property;
  object_class->set_property = tess_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/tessera/Tessera/tess-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TessPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, TessPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, TessPreferencesWindow, server_error_row);
  gtk_widget_class_bind_template_child (widget_class, TessPreferencesWindow, restore_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_server_apply);
}

static void
tess_preferences_window_init (TessPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TessPreferencesWindow *
tess_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (TESS_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
