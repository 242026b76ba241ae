/* tess-preferences-window.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "chat/tess-server-profile.h"
#include "protocol/tess-http-header.h"
#include "tess-preferences-window.h"

struct _TessPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *style_row;
  AdwPreferencesGroup  *servers_group;
  AdwActionRow         *server_error_row;
  GtkSwitch            *restore_switch;

  /* One row a saved profile, in the order of the setting. */
  GPtrArray            *server_rows;
  GCancellable         *cancellable;
};

/* Stands for a keyring value in the edit form: saving it back keeps what the keyring has. */
#define SECRET_PLACEHOLDER "••••••••"

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

/* Servers */

static void fill_servers (TessPreferencesWindow *self);

static void
show_server_problem (TessPreferencesWindow *self,
                     const char            *message)
{
  adw_action_row_set_subtitle (self->server_error_row, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->server_error_row), message != NULL);
}

const char *
tess_preferences_window_get_server_problem (TessPreferencesWindow *self)
{
  g_return_val_if_fail (TESS_IS_PREFERENCES_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->server_error_row)))
    return NULL;
  return adw_action_row_get_subtitle (self->server_error_row);
}

static void
secrets_stored (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TessPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tess_server_profile_store_secrets_finish (TESS_SERVER_PROFILE (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("“%s” was saved without its secret headers: %s"),
                                 tess_server_profile_get_name (TESS_SERVER_PROFILE (object)),
                                 error->message);
      show_server_problem (self, message);
    }
}

static gboolean
valid_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an http:// or https:// address"), url);
      return FALSE;
    }
  return TRUE;
}

gboolean
tess_preferences_window_save_server (TessPreferencesWindow  *self,
                                     const char             *id,
                                     const char             *name,
                                     const char             *url,
                                     const char             *headers_text,
                                     GError                **error)
{
  g_autoptr(TessServerProfile) profile = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean replaced = FALSE;

  g_return_val_if_fail (TESS_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!valid_url (url, error))
    return FALSE;

  profile = tess_server_profile_new (id, name != NULL && *name != '\0' ? name : url, url);
  lines = g_strsplit (headers_text != NULL ? headers_text : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *header = NULL;
      g_autofree char *value = NULL;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      if (!tess_http_header_parse (lines[i], &header, &value, error))
        return FALSE;
      /* The placeholder keeps the keyring's value. */
      tess_server_profile_set_header (profile, header,
                                      g_str_equal (value, SECRET_PLACEHOLDER) ? NULL : value);
    }

  profiles = tess_server_profiles_load (self->settings);
  for (guint i = 0; id != NULL && i < profiles->len; i++)
    {
      TessServerProfile *old = g_ptr_array_index (profiles, i);

      if (g_str_equal (tess_server_profile_get_id (old), id))
        {
          g_ptr_array_index (profiles, i) = g_object_ref (profile);
          g_object_unref (old);
          replaced = TRUE;
        }
    }
  if (!replaced)
    g_ptr_array_add (profiles, g_object_ref (profile));

  show_server_problem (self, NULL);
  tess_server_profiles_save (self->settings, profiles);
  if (tess_server_profile_get_secret_names (profile)->len > 0)
    tess_server_profile_store_secrets (profile, self->cancellable, secrets_stored,
                                       g_object_ref (self));
  return TRUE;
}

static void
remove_server (TessPreferencesWindow *self,
               const char            *id)
{
  g_autoptr(GPtrArray) profiles = tess_server_profiles_load (self->settings);

  for (guint i = 0; i < profiles->len; i++)
    {
      TessServerProfile *profile = g_ptr_array_index (profiles, i);

      if (g_str_equal (tess_server_profile_get_id (profile), id))
        {
          tess_server_profile_forget_secrets (profile);
          g_ptr_array_remove_index (profiles, i);
          break;
        }
    }
  tess_server_profiles_save (self->settings, profiles);
}

static void
on_edit_response (AdwMessageDialog      *dialog,
                  const char            *response,
                  TessPreferencesWindow *self)
{
  GtkEditable *name_row = g_object_get_data (G_OBJECT (dialog), "name-row");
  GtkEditable *url_row = g_object_get_data (G_OBJECT (dialog), "url-row");
  GtkTextView *headers_view = g_object_get_data (G_OBJECT (dialog), "headers-view");
  const char *id = g_object_get_data (G_OBJECT (dialog), "profile-id");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (headers_view);
  GtkTextIter start, end;
  g_autofree char *headers = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save"))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  headers = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!tess_preferences_window_save_server (self, id, gtk_editable_get_text (name_row),
                                            gtk_editable_get_text (url_row), headers, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      show_server_problem (self, message);
    }
}

static void
show_edit_dialog (TessPreferencesWindow *self,
                  TessServerProfile     *profile)
{
  GtkWidget *dialog;
  GtkWidget *box, *list, *name_row, *url_row, *label, *scroller, *headers_view;
  g_autofree char *headers = NULL;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   profile != NULL ? _("Edit Server") : _("Add Server"),
                                   _("One extra request header a line, as “Name: value”."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name"));
  url_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (url_row), _("Address"));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (url_row), GTK_INPUT_PURPOSE_URL);
  gtk_list_box_append (GTK_LIST_BOX (list), name_row);
  gtk_list_box_append (GTK_LIST_BOX (list), url_row);
  gtk_box_append (GTK_BOX (box), list);

  label = gtk_label_new_with_mnemonic (_("Extra _Headers"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  headers_view = gtk_text_view_new ();
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (headers_view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (headers_view), GTK_WRAP_CHAR);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), headers_view);
  gtk_accessible_update_property (GTK_ACCESSIBLE (headers_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Extra Headers"), -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (headers_view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 80);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), headers_view);
  gtk_widget_add_css_class (scroller, "card");
  gtk_box_append (GTK_BOX (box), scroller);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  if (profile != NULL)
    {
      GString *text = g_string_new (NULL);
      GPtrArray *secrets = tess_server_profile_get_secret_names (profile);
      g_autofree char *plain = tess_server_profile_dup_headers_text (profile);

      gtk_editable_set_text (GTK_EDITABLE (name_row), tess_server_profile_get_name (profile));
      gtk_editable_set_text (GTK_EDITABLE (url_row), tess_server_profile_get_url (profile));
      g_string_append (text, plain);
      for (guint i = 0; i < secrets->len; i++)
        g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "\n" : "",
                                (char *) g_ptr_array_index (secrets, i), SECRET_PLACEHOLDER);
      headers = g_string_free (text, FALSE);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (headers_view)),
                                headers, -1);
      g_object_set_data_full (G_OBJECT (dialog), "profile-id",
                              g_strdup (tess_server_profile_get_id (profile)), g_free);
    }

  g_object_set_data (G_OBJECT (dialog), "name-row", name_row);
  g_object_set_data (G_OBJECT (dialog), "url-row", url_row);
  g_object_set_data (G_OBJECT (dialog), "headers-view", headers_view);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_edit_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static TessServerProfile *
find_profile (TessPreferencesWindow  *self,
              GPtrArray              *profiles,
              const char             *id)
{
  for (guint i = 0; i < profiles->len; i++)
    if (g_str_equal (tess_server_profile_get_id (g_ptr_array_index (profiles, i)), id))
      return g_ptr_array_index (profiles, i);
  return NULL;
}

static void
server_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TessPreferencesWindow *self = TESS_PREFERENCES_WINDOW (widget);
  g_autoptr(GPtrArray) profiles = tess_server_profiles_load (self->settings);
  const char *id = parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL;

  if (g_str_equal (action_name, "prefs.add-server"))
    show_edit_dialog (self, NULL);
  else if (g_str_equal (action_name, "prefs.edit-server") && find_profile (self, profiles, id))
    show_edit_dialog (self, find_profile (self, profiles, id));
  else if (g_str_equal (action_name, "prefs.remove-server"))
    remove_server (self, id);
}

static GtkWidget *
row_button (const char *icon,
            const char *label,
            const char *action,
            const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
fill_servers (TessPreferencesWindow *self)
{
  g_autoptr(GPtrArray) profiles = tess_server_profiles_load (self->settings);

  for (guint i = 0; i < self->server_rows->len; i++)
    adw_preferences_group_remove (self->servers_group, g_ptr_array_index (self->server_rows, i));
  g_ptr_array_set_size (self->server_rows, 0);

  for (guint i = 0; i < profiles->len; i++)
    {
      TessServerProfile *profile = g_ptr_array_index (profiles, i);
      const char *id = tess_server_profile_get_id (profile);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *edit = g_strdup_printf (_("Edit %s"),
                                               tess_server_profile_get_name (profile));
      g_autofree char *remove = g_strdup_printf (_("Remove %s"),
                                                 tess_server_profile_get_name (profile));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     tess_server_profile_get_name (profile));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), tess_server_profile_get_url (profile));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("document-edit-symbolic", edit,
                                             "prefs.edit-server", id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("user-trash-symbolic", remove,
                                             "prefs.remove-server", id));
      adw_preferences_group_add (self->servers_group, row);
      g_ptr_array_add (self->server_rows, row);
    }
}

guint
tess_preferences_window_get_n_servers (TessPreferencesWindow *self)
{
  g_return_val_if_fail (TESS_IS_PREFERENCES_WINDOW (self), 0);
  return self->server_rows->len;
}

static void
tess_preferences_window_constructed (GObject *object)
{
  TessPreferencesWindow *self = TESS_PREFERENCES_WINDOW (object);
  G_OBJECT_CLASS (tess_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "style-variant",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                style_to_position, position_to_style, NULL, NULL);
  g_settings_bind (self->settings, "restore-last-view",
                   self->restore_switch, "active", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed::" TESS_SERVER_PROFILES_KEY,
                           G_CALLBACK (fill_servers), self, G_CONNECT_SWAPPED);
  fill_servers (self);
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

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESS_TYPE_PREFERENCES_WINDOW);
  g_clear_pointer (&self->server_rows, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, TessPreferencesWindow, servers_group);
  gtk_widget_class_bind_template_child (widget_class, TessPreferencesWindow, server_error_row);
  gtk_widget_class_bind_template_child (widget_class, TessPreferencesWindow, restore_switch);

  gtk_widget_class_install_action (widget_class, "prefs.add-server", NULL, server_action);
  gtk_widget_class_install_action (widget_class, "prefs.edit-server", "s", server_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-server", "s", server_action);
}

static void
tess_preferences_window_init (TessPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->server_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

TessPreferencesWindow *
tess_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (TESS_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
