/* tess-widget-view.h: a ChatKit widget tree shown as native GTK widgets
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/tess-node.h"
#include "tess-action.h"

G_BEGIN_DECLS

#define TESS_TYPE_WIDGET_VIEW (tess_widget_view_get_type ())

G_DECLARE_FINAL_TYPE (TessWidgetView, tess_widget_view, TESS, WIDGET_VIEW, GtkWidget)

typedef enum
{
  TESS_THEME_MODE_SYSTEM, /* follow AdwStyleManager */
  TESS_THEME_MODE_LIGHT,
  TESS_THEME_MODE_DARK,
} TessThemeMode;

GtkWidget      *tess_widget_view_new                 (void);

/* Shows @root. When a tree is already shown the two are diffed and only what changed is
 * rebuilt, so focus, scroll and typed values survive. */
void            tess_widget_view_set_root            (TessWidgetView  *self,
                                                      TessNode        *root);
TessNode       *tess_widget_view_get_root            (TessWidgetView  *self);

void            tess_widget_view_set_theme_mode      (TessWidgetView  *self,
                                                      TessThemeMode    mode);
TessThemeMode   tess_widget_view_get_theme_mode      (TessWidgetView  *self);
gboolean        tess_widget_view_is_dark             (TessWidgetView  *self);

/* A `thread.item.updated` update object: widget.streaming_text.value_delta,
 * widget.component.updated or widget.root.updated. */
gboolean        tess_widget_view_apply_update        (TessWidgetView  *self,
                                                      JsonNode        *update,
                                                      GError         **error);

/* Ends the loading state of the actions in flight (spinners, faded container), and
 * collapses a `collapsed` Card whose confirm action it was. */
void            tess_widget_view_finish_actions      (TessWidgetView  *self);
gboolean        tess_widget_view_is_loading          (TessWidgetView  *self);

/* The GTK widget of the node with this id or key (the control for form fields). */
GtkWidget      *tess_widget_view_lookup_widget       (TessWidgetView  *self,
                                                      const char      *id_or_key);
/* The innermost node whose widget is at @x, @y (the view's coordinates), or NULL. */
TessNode       *tess_widget_view_pick                (TessWidgetView  *self,
                                                      double           x,
                                                      double           y);
/* Activates the node with @id_or_key as a user would (tests, keyboard shortcuts). */
gboolean        tess_widget_view_activate            (TessWidgetView  *self,
                                                      const char      *id_or_key);

/* The current values of the named fields inside the Form (or asForm Card) @form. */
JsonObject     *tess_widget_view_collect_form_values (TessWidgetView  *self,
                                                      TessNode        *form);

/* The accessible name given to a rendered control (tests). */
const char     *tess_render_widget_get_accessible_name (GtkWidget     *widget);

G_END_DECLS
