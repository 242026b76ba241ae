/* tess-designer-private.h: what the Designer's classes share
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the Designer's resources (templates, examples, the Jinja JSON language) and
 * GtkSourceView's search path for them, once. */
void tess_designer_ensure_resources (void);

G_END_DECLS
