/* tess-designer-page.h: the editors, preview and problems of one open widget
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "render/tess-widget-view.h"
#include "tess-widget-document.h"

G_BEGIN_DECLS

typedef enum
{
  TESS_PROBLEM_SOURCE_TEMPLATE,
  TESS_PROBLEM_SOURCE_DATA,
  TESS_PROBLEM_SOURCE_SCHEMA,
  TESS_PROBLEM_SOURCE_WIDGET,   /* the rendered widget JSON */
} TessProblemSource;

#define TESS_TYPE_DESIGNER_PAGE (tess_designer_page_get_type ())

G_DECLARE_FINAL_TYPE (TessDesignerPage, tess_designer_page, TESS, DESIGNER_PAGE, GtkWidget)

TessDesignerPage   *tess_designer_page_new             (TessWidgetDocument *document);
TessWidgetDocument *tess_designer_page_get_document    (TessDesignerPage   *self);
TessWidgetView     *tess_designer_page_get_preview     (TessDesignerPage   *self);
/* Runs a pending preview update now (tests, saving). */
void                tess_designer_page_flush           (TessDesignerPage   *self);
guint               tess_designer_page_get_n_problems  (TessDesignerPage   *self);
/* Puts the cursor of the editor of @source at @line:@column (1-based) and focuses it. */
void                tess_designer_page_jump_to         (TessDesignerPage   *self,
                                                        TessProblemSource   source,
                                                        guint               line,
                                                        guint               column);
/* The rendered widget JSON of the last render that produced JSON. */
const char         *tess_designer_page_get_rendered_json (TessDesignerPage *self);
/* The template line:column that produced @node of the current preview (Ctrl+click). */
gboolean            tess_designer_page_find_source     (TessDesignerPage   *self,
                                                        TessNode           *node,
                                                        guint              *line,
                                                        guint              *column);
gboolean            tess_designer_page_is_preview_stale (TessDesignerPage  *self);
void                tess_designer_page_focus_template  (TessDesignerPage   *self);

G_END_DECLS
