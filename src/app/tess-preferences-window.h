/* tess-preferences-window.h
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TESS_TYPE_PREFERENCES_WINDOW (tess_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TessPreferencesWindow, tess_preferences_window,
                      TESS, PREFERENCES_WINDOW, AdwPreferencesWindow)

TessPreferencesWindow *tess_preferences_window_new         (GSettings              *settings);
/* Saves a server profile (@id NULL: a new one) as the edit dialog does: the URL and the
 * plain headers ("Name: value" lines) to GSettings, secret headers to the keyring. */
gboolean               tess_preferences_window_save_server (TessPreferencesWindow  *self,
                                                            const char             *id,
                                                            const char             *name,
                                                            const char             *url,
                                                            const char             *headers,
                                                            GError                **error);
guint                  tess_preferences_window_get_n_servers (TessPreferencesWindow *self);
/* The problem shown under Servers (a bad entry, no keyring), or NULL. */
const char            *tess_preferences_window_get_server_problem (TessPreferencesWindow *self);

G_END_DECLS
