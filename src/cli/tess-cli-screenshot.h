/* tess-cli-screenshot.h: `tessera-cli screenshot FILE -o OUT.png`
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Renders a .widget template (its file contents) with @data into widget JSON. The template
 * layer provides this; tessera-cli registers it before dispatching. */
typedef JsonNode *(*TessCliTemplateFunc) (const char  *widget_file,
                                          JsonNode    *data,
                                          GError     **error);

void tess_cli_screenshot_set_template_func (TessCliTemplateFunc func);

int  tess_cli_screenshot                   (int          argc,
                                            char       **argv);

G_END_DECLS
