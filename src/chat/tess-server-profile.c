/* tess-server-profile.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "protocol/tess-http-header.h"
#include "tess-server-profile.h"

struct _TessServerProfile
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *url;
  /* Header names in the order given, and name → value (NULL: a secret not looked up). */
  GPtrArray  *names;
  GHashTable *values;
  GPtrArray  *secret_names;
};

G_DEFINE_FINAL_TYPE (TessServerProfile, tess_server_profile, G_TYPE_OBJECT)

static const SecretSchema *
header_schema (void)
{
  static const SecretSchema schema = {
    "io.github.tessera.Tessera.ServerHeader", SECRET_SCHEMA_NONE,
    {
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "header", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
tess_server_profile_finalize (GObject *object)
{
  TessServerProfile *self = TESS_SERVER_PROFILE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->url);
  g_ptr_array_unref (self->names);
  g_hash_table_unref (self->values);
  g_ptr_array_unref (self->secret_names);

  G_OBJECT_CLASS (tess_server_profile_parent_class)->finalize (object);
}

static void
tess_server_profile_class_init (TessServerProfileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tess_server_profile_finalize;
}

static void
tess_server_profile_init (TessServerProfile *self)
{
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->secret_names = g_ptr_array_new_with_free_func (g_free);
}

TessServerProfile *
tess_server_profile_new (const char *id,
                         const char *name,
                         const char *url)
{
  TessServerProfile *self = g_object_new (TESS_TYPE_SERVER_PROFILE, NULL);

  self->id = id != NULL ? g_strdup (id) : g_uuid_string_random ();
  self->name = g_strdup (name != NULL ? name : "");
  self->url = g_strdup (url != NULL ? url : "");
  return self;
}

const char *
tess_server_profile_get_id (TessServerProfile *self)
{
  g_return_val_if_fail (TESS_IS_SERVER_PROFILE (self), NULL);
  return self->id;
}

const char *
tess_server_profile_get_name (TessServerProfile *self)
{
  g_return_val_if_fail (TESS_IS_SERVER_PROFILE (self), NULL);
  return self->name;
}

const char *
tess_server_profile_get_url (TessServerProfile *self)
{
  g_return_val_if_fail (TESS_IS_SERVER_PROFILE (self), NULL);
  return self->url;
}

void
tess_server_profile_set_header (TessServerProfile *self,
                                const char        *name,
                                const char        *value)
{
  g_return_if_fail (TESS_IS_SERVER_PROFILE (self));
  g_return_if_fail (name != NULL);

  if (!g_hash_table_contains (self->values, name))
    {
      g_ptr_array_add (self->names, g_strdup (name));
      if (tess_http_header_is_secret (name))
        g_ptr_array_add (self->secret_names, g_strdup (name));
    }
  g_hash_table_insert (self->values, g_strdup (name), g_strdup (value));
}

GHashTable *
tess_server_profile_dup_headers (TessServerProfile *self)
{
  GHashTable *headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (TESS_IS_SERVER_PROFILE (self), headers);

  for (guint i = 0; i < self->names->len; i++)
    {
      const char *name = g_ptr_array_index (self->names, i);
      const char *value = g_hash_table_lookup (self->values, name);

      if (value != NULL)
        g_hash_table_insert (headers, g_strdup (name), g_strdup (value));
    }
  return headers;
}

char *
tess_server_profile_dup_headers_text (TessServerProfile *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (TESS_IS_SERVER_PROFILE (self), g_string_free (text, FALSE));

  for (guint i = 0; i < self->names->len; i++)
    {
      const char *name = g_ptr_array_index (self->names, i);
      const char *value = g_hash_table_lookup (self->values, name);

      if (value != NULL)
        g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "\n" : "", name, value);
    }
  return g_string_free (text, FALSE);
}

GPtrArray *
tess_server_profile_get_secret_names (TessServerProfile *self)
{
  g_return_val_if_fail (TESS_IS_SERVER_PROFILE (self), NULL);
  return self->secret_names;
}

gboolean
tess_server_profile_same_setup (TessServerProfile *self,
                                TessServerProfile *other)
{
  g_return_val_if_fail (TESS_IS_SERVER_PROFILE (self), FALSE);
  g_return_val_if_fail (TESS_IS_SERVER_PROFILE (other), FALSE);

  if (!g_str_equal (self->url, other->url) || self->names->len != other->names->len)
    return FALSE;
  for (guint i = 0; i < self->names->len; i++)
    {
      const char *name = g_ptr_array_index (self->names, i);

      if (!g_str_equal (name, g_ptr_array_index (other->names, i)))
        return FALSE;
      if (!tess_http_header_is_secret (name) &&
          g_strcmp0 (g_hash_table_lookup (self->values, name),
                     g_hash_table_lookup (other->values, name)) != 0)
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
tess_server_profiles_load (GSettings *settings)
{
  GPtrArray *profiles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariantIter) headers = NULL;
  g_autoptr(GVariantIter) secrets = NULL;
  GVariantIter iter;
  const char *id, *name, *url;

  g_return_val_if_fail (G_IS_SETTINGS (settings), profiles);

  value = g_settings_get_value (settings, TESS_SERVER_PROFILES_KEY);
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s&sa{ss}as)", &id, &name, &url, &headers, &secrets))
    {
      TessServerProfile *profile = tess_server_profile_new (id, name, url);
      const char *header, *header_value;

      while (g_variant_iter_next (headers, "{&s&s}", &header, &header_value))
        tess_server_profile_set_header (profile, header, header_value);
      while (g_variant_iter_next (secrets, "&s", &header))
        tess_server_profile_set_header (profile, header, NULL);
      g_clear_pointer (&headers, g_variant_iter_free);
      g_clear_pointer (&secrets, g_variant_iter_free);
      g_ptr_array_add (profiles, profile);
    }
  return profiles;
}

void
tess_server_profiles_save (GSettings *settings,
                           GPtrArray *profiles)
{
  GVariantBuilder builder;

  g_return_if_fail (G_IS_SETTINGS (settings));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sssa{ss}as)"));
  for (guint i = 0; profiles != NULL && i < profiles->len; i++)
    {
      TessServerProfile *profile = g_ptr_array_index (profiles, i);

      g_variant_builder_open (&builder, G_VARIANT_TYPE ("(sssa{ss}as)"));
      g_variant_builder_add (&builder, "s", profile->id);
      g_variant_builder_add (&builder, "s", profile->name);
      g_variant_builder_add (&builder, "s", profile->url);
      g_variant_builder_open (&builder, G_VARIANT_TYPE ("a{ss}"));
      for (guint j = 0; j < profile->names->len; j++)
        {
          const char *name = g_ptr_array_index (profile->names, j);

          /* Never a secret's value. */
          if (!tess_http_header_is_secret (name))
            g_variant_builder_add (&builder, "{ss}", name,
                                   g_hash_table_lookup (profile->values, name));
        }
      g_variant_builder_close (&builder);
      g_variant_builder_open (&builder, G_VARIANT_TYPE ("as"));
      for (guint j = 0; j < profile->secret_names->len; j++)
        g_variant_builder_add (&builder, "s", g_ptr_array_index (profile->secret_names, j));
      g_variant_builder_close (&builder);
      g_variant_builder_close (&builder);
    }
  g_settings_set_value (settings, TESS_SERVER_PROFILES_KEY, g_variant_builder_end (&builder));
}

/* The keyring */

typedef struct
{
  guint   pending;
  GError *error;
} Batch;

static void
batch_free (Batch *batch)
{
  g_clear_error (&batch->error);
  g_free (batch);
}

static GError *
keyring_error (const char *header,
               GError     *error)
{
  if (error == NULL)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                        _("The keyring has no value for the “%s” header"), header);
  return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                      _("The keyring is not available for the “%s” header: %s"), header,
                      error->message);
}

static void
batch_done (GTask  *task,
            GError *error)
{
  Batch *batch = g_task_get_task_data (task);

  if (error != NULL && batch->error == NULL)
    batch->error = error;
  else if (error != NULL)
    g_error_free (error);

  if (--batch->pending > 0)
    return;
  if (batch->error != NULL)
    g_task_return_error (task, g_steal_pointer (&batch->error));
  else
    g_task_return_boolean (task, TRUE);
}

static GTask *
batch_new (TessServerProfile   *self,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data,
           gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Batch *batch = g_new0 (Batch, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, batch, (GDestroyNotify) batch_free);
  /* One for the loop that starts the requests, so an answer cannot end the task early. */
  batch->pending = self->secret_names->len + 1;
  return task;
}

typedef struct
{
  GTask *task;
  char  *header;
} Request;

static Request *
request_new (GTask      *task,
             const char *header)
{
  Request *request = g_new0 (Request, 1);

  request->task = g_object_ref (task);
  request->header = g_strdup (header);
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->task);
  g_free (request->header);
  g_free (request);
}

static void
stored (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    batch_done (request->task, keyring_error (request->header, error));
  else
    batch_done (request->task, NULL);
  request_free (request);
}

void
tess_server_profile_store_secrets (TessServerProfile   *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TESS_IS_SERVER_PROFILE (self));

  task = batch_new (self, cancellable, callback, user_data, tess_server_profile_store_secrets);
  for (guint i = 0; i < self->secret_names->len; i++)
    {
      const char *header = g_ptr_array_index (self->secret_names, i);
      const char *value = g_hash_table_lookup (self->values, header);
      g_autofree char *label = NULL;

      if (value == NULL)
        {
          /* Unchanged: the keyring keeps what it has. */
          batch_done (task, NULL);
          continue;
        }
      label = g_strdup_printf (_("Tessera: %s header for %s"), header, self->url);
      secret_password_store (header_schema (), SECRET_COLLECTION_DEFAULT, label, value,
                             cancellable, stored, request_new (task, header),
                             "profile", self->id, "header", header, NULL);
    }
  batch_done (task, NULL);
}

gboolean
tess_server_profile_store_secrets_finish (TessServerProfile  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
looked_up (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Request *request = user_data;
  TessServerProfile *self = g_task_get_source_object (request->task);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = secret_password_lookup_finish (result, &error);

  if (value != NULL)
    {
      g_hash_table_insert (self->values, g_strdup (request->header), g_steal_pointer (&value));
      batch_done (request->task, NULL);
    }
  else
    {
      batch_done (request->task, keyring_error (request->header, error));
    }
  request_free (request);
}

void
tess_server_profile_lookup_secrets (TessServerProfile   *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TESS_IS_SERVER_PROFILE (self));

  task = batch_new (self, cancellable, callback, user_data, tess_server_profile_lookup_secrets);
  for (guint i = 0; i < self->secret_names->len; i++)
    {
      const char *header = g_ptr_array_index (self->secret_names, i);

      secret_password_lookup (header_schema (), cancellable, looked_up,
                              request_new (task, header),
                              "profile", self->id, "header", header, NULL);
    }
  batch_done (task, NULL);
}

gboolean
tess_server_profile_lookup_secrets_finish (TessServerProfile  *self,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
cleared (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Nothing to tell: without a keyring there was nothing stored either. */
  if (!secret_password_clear_finish (result, &error))
    g_debug ("Could not remove a keyring entry: %s", error->message);
}

void
tess_server_profile_forget_secrets (TessServerProfile *self)
{
  g_return_if_fail (TESS_IS_SERVER_PROFILE (self));

  if (self->secret_names->len > 0)
    secret_password_clear (header_schema (), NULL, cleared, NULL, "profile", self->id, NULL);
}
