/* tess-application.h
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TESS_TYPE_APPLICATION (tess_application_get_type ())

G_DECLARE_FINAL_TYPE (TessApplication, tess_application, TESS, APPLICATION, AdwApplication)

TessApplication *tess_application_new           (void);
GSettings       *tess_application_get_settings  (TessApplication *self);
/* The Chat view of the active window, or NULL. */
typedef struct _TessChatView TessChatView;
TessChatView    *tess_application_get_chat_view (TessApplication *self);

G_END_DECLS
