/* tess-render-element.h: the rendered counterpart of one node
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tess-render-private.h"
#include "tess-widget-view.h"

G_BEGIN_DECLS

typedef struct _TessElement TessElement;

struct _TessElement
{
  TessNode       *node;
  TessElement    *parent;       /* not owned */
  GPtrArray      *children;     /* of TessElement, owned */
  TessWidgetView *view;         /* not owned */

  GtkWidget      *widget;       /* outermost widget, placed in the parent's content (ref) */
  GtkWidget      *content;      /* where the children's widgets go, or NULL */
  GtkWidget      *control;      /* what takes focus and holds a form value, or NULL */
  GtkWidget      *label;        /* the GtkLabel of text nodes and buttons */
  GtkWidget      *error_label;  /* inline validation message */
  GtkWidget      *spinner;      /* loading state of the node itself */
  GtkWidget      *body;         /* Card: what `collapsed` hides */
  GtkWidget      *show_more;    /* ListView */

  char           *value;        /* Select, RadioGroup, DatePicker: the chosen value */
  GPtrArray      *option_values;/* Select, RadioGroup: values by row/button index */
  guint           shown;        /* ListView: rows shown */
  gboolean        updating;     /* set while the renderer changes a control's value */
};

TessElement *tess_element_build           (TessWidgetView *view,
                                           TessElement    *parent,
                                           TessNode       *node);
void         tess_element_free            (TessElement    *element);
/* Re-applies the props of @element->node to its widgets; FALSE when the element must be
 * rebuilt instead (a change its widgets cannot take in place). */
gboolean     tess_element_update_props    (TessElement    *element,
                                           TessNode       *old_node);
/* Appends streamed text to a Text or Markdown element. */
void         tess_element_append_text     (TessElement    *element,
                                           const char     *delta);
/* Puts the children's widgets into the content widget in order. */
void         tess_element_sync_children   (TessElement    *element);
/* Whether the element's node lays its children out in a row. */
gboolean     tess_element_is_row          (TessElement    *element);
void         tess_element_set_loading     (TessElement    *element,
                                           gboolean        loading);

/* Form support (tess-form.c). */
gboolean     tess_element_is_field        (TessElement    *element);
const char  *tess_element_field_name      (TessElement    *element);
JsonNode    *tess_element_dup_field_value (TessElement    *element);
/* Checks required/pattern, shows or clears the inline message; TRUE when valid. */
gboolean     tess_element_validate_field  (TessElement    *element);
void         tess_element_clear_field_error (TessElement  *element);

/* Into tess-widget-view.c. */
void         _tess_widget_view_emit_action (TessWidgetView *view,
                                            TessElement    *sender,
                                            JsonNode       *action,
                                            const char     *site);
void         _tess_widget_view_submit     (TessWidgetView  *view,
                                           TessElement     *sender);
void         _tess_widget_view_field_changed (TessWidgetView *view,
                                              TessElement    *element);
TessElement *_tess_widget_view_find_element (TessWidgetView *view,
                                             const char     *id_or_key);

void         tess_render_set_accessible_name (GtkWidget   *widget,
                                              const char  *name);

G_END_DECLS
