/* tess-designer-private.h: what the Designer's classes share
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Registers the Designer's resources (templates, examples, the Jinja JSON language) and
 * GtkSourceView's search path for them, once. */
void tess_designer_ensure_resources  (void);
/* gtk_widget_dispose_template(), and the template's own top widget, which GTK 4.8 leaves. */
void tess_designer_dispose_template (GtkWidget *widget,
                                     GType      type);

G_END_DECLS
