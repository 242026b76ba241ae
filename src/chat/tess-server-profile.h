/* tess-server-profile.h: a ChatKit server the user set up (name, URL, extra headers)
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TESS_TYPE_SERVER_PROFILE (tess_server_profile_get_type ())

G_DECLARE_FINAL_TYPE (TessServerProfile, tess_server_profile, TESS, SERVER_PROFILE, GObject)

/* The GSettings key holding the profiles, as a(sssa{ss}as): id, name, URL, the headers that
 * are not secret, and the names of the secret ones, whose values live in the keyring. */
#define TESS_SERVER_PROFILES_KEY "server-profiles"

/* @id NULL makes a new one. */
TessServerProfile *tess_server_profile_new              (const char         *id,
                                                         const char         *name,
                                                         const char         *url);
const char        *tess_server_profile_get_id           (TessServerProfile  *self);
const char        *tess_server_profile_get_name         (TessServerProfile  *self);
const char        *tess_server_profile_get_url          (TessServerProfile  *self);
/* Secret headers (tess_http_header_is_secret()) go to the keyring when the profile's secrets
 * are stored; the others to GSettings. */
void               tess_server_profile_set_header       (TessServerProfile  *self,
                                                         const char         *name,
                                                         const char         *value);
/* Name → value of every header whose value is known (secrets only once looked up). */
GHashTable        *tess_server_profile_dup_headers      (TessServerProfile  *self);
/* The headers as "Name: value" lines, secrets whose value is not known left out. */
char              *tess_server_profile_dup_headers_text (TessServerProfile  *self);
/* The names of the secret headers. */
GPtrArray         *tess_server_profile_get_secret_names (TessServerProfile  *self);

/* Whether both have the same URL, plain headers and secret header names (secret values and
 * names of profiles aside). */
gboolean           tess_server_profile_same_setup       (TessServerProfile  *self,
                                                         TessServerProfile  *other);

GPtrArray         *tess_server_profiles_load            (GSettings          *settings);
void               tess_server_profiles_save            (GSettings          *settings,
                                                         GPtrArray          *profiles);

/* The keyring (libsecret), asynchronously; a missing Secret Service is an error saying so. */
void               tess_server_profile_store_secrets    (TessServerProfile  *self,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
gboolean           tess_server_profile_store_secrets_finish (TessServerProfile  *self,
                                                             GAsyncResult       *result,
                                                             GError            **error);
void               tess_server_profile_lookup_secrets   (TessServerProfile  *self,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
gboolean           tess_server_profile_lookup_secrets_finish (TessServerProfile  *self,
                                                              GAsyncResult       *result,
                                                              GError            **error);
/* Removes the profile's keyring entries, in the background. */
void               tess_server_profile_forget_secrets   (TessServerProfile  *self);

G_END_DECLS
