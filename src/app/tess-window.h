/* tess-window.h
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tess-application.h"

G_BEGIN_DECLS

#define TESS_TYPE_WINDOW (tess_window_get_type ())

G_DECLARE_FINAL_TYPE (TessWindow, tess_window, TESS, WINDOW, AdwApplicationWindow)

typedef struct _TessDesignerView TessDesignerView;

TessWindow       *tess_window_new              (TessApplication  *application);
const char       *tess_window_get_visible_view (TessWindow       *self);
void              tess_window_open_files       (TessWindow       *self,
                                                GFile           **files,
                                                int               n_files);
TessDesignerView *tess_window_get_designer     (TessWindow       *self);

G_END_DECLS
