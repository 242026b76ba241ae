/* tess-designer-view.h: the Designer, one tab per open widget
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tess-designer-page.h"

G_BEGIN_DECLS

#define TESS_TYPE_DESIGNER_VIEW (tess_designer_view_get_type ())

G_DECLARE_FINAL_TYPE (TessDesignerView, tess_designer_view, TESS, DESIGNER_VIEW, GtkWidget)

GtkWidget        *tess_designer_view_new              (void);
/* Opens @file in a tab (or shows the tab that has it); errors go to a toast. */
TessDesignerPage *tess_designer_view_open_file        (TessDesignerView   *self,
                                                       GFile              *file);
TessDesignerPage *tess_designer_view_add_document     (TessDesignerView   *self,
                                                       TessWidgetDocument *document);
TessDesignerPage *tess_designer_view_new_document     (TessDesignerView   *self);
TessDesignerPage *tess_designer_view_get_current_page (TessDesignerView   *self);
guint             tess_designer_view_get_n_pages      (TessDesignerView   *self);
/* Asks for a file name when the document has none. */
void              tess_designer_view_save             (TessDesignerView   *self,
                                                       gboolean            save_as);
void              tess_designer_view_close_current    (TessDesignerView   *self);
void              tess_designer_view_show_open_dialog (TessDesignerView   *self);
void              tess_designer_view_show_examples    (TessDesignerView   *self);
/* Documents with unsaved changes. */
GPtrArray        *tess_designer_view_list_modified    (TessDesignerView   *self);
/* Reopens documents that never had a file and were not saved when the app last stopped. */
guint             tess_designer_view_restore_untitled (TessDesignerView   *self);

/* "Save Changes?" with Cancel, Discard and Save (response ids "cancel", "discard", "save"). */
GtkWidget        *tess_designer_save_changes_dialog_new (GtkWindow       *parent,
                                                         GPtrArray       *documents);

G_END_DECLS
