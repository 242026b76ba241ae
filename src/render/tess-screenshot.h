/* tess-screenshot.h: render a widget tree offscreen to a texture
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/tess-node.h"
#include "tess-widget-view.h"

G_BEGIN_DECLS

/* The default page width for @root: its card preset plus the page margin. */
int         tess_screenshot_default_width (TessNode       *root);

/* Renders @root on a page of @width px (its height follows the content, up to 16384 px) in
 * @theme, after pending image loads settled. Needs a display (Xvfb is fine). */
GdkTexture *tess_screenshot_render       (TessNode       *root,
                                          int             width,
                                          TessThemeMode   theme,
                                          GError        **error);

G_END_DECLS
