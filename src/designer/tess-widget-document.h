/* tess-widget-document.h: one `.widget` file open in the Designer
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "template/tess-widget-file.h"

G_BEGIN_DECLS

#define TESS_TYPE_WIDGET_DOCUMENT (tess_widget_document_get_type ())

G_DECLARE_FINAL_TYPE (TessWidgetDocument, tess_widget_document, TESS, WIDGET_DOCUMENT, GObject)

TessWidgetDocument *tess_widget_document_new              (void);
/* A `.widget` file, or plain widget JSON (which becomes a literal template). @file may be
 * NULL for text that has no place on disk yet (an example); @title names it then. */
TessWidgetDocument *tess_widget_document_new_from_bytes   (GBytes              *bytes,
                                                           GFile               *file,
                                                           const char          *title,
                                                           GError             **error);
TessWidgetDocument *tess_widget_document_new_for_file     (GFile               *file,
                                                           GError             **error);

GFile              *tess_widget_document_get_file         (TessWidgetDocument  *self);
const char         *tess_widget_document_get_title        (TessWidgetDocument  *self);
const char         *tess_widget_document_get_name         (TessWidgetDocument  *self);
void                tess_widget_document_set_name         (TessWidgetDocument  *self,
                                                           const char          *name);
gboolean            tess_widget_document_get_modified     (TessWidgetDocument  *self);

GtkSourceBuffer    *tess_widget_document_get_template_buffer (TessWidgetDocument *self);
GtkSourceBuffer    *tess_widget_document_get_data_buffer  (TessWidgetDocument  *self);
GtkSourceBuffer    *tess_widget_document_get_schema_buffer (TessWidgetDocument *self);

/* Example states: 0 is the default state (encodedWidget.defaultState), then the named ones.
 * The Data buffer holds the active state's data. */
GListModel         *tess_widget_document_get_states       (TessWidgetDocument  *self);
guint               tess_widget_document_get_active_state (TessWidgetDocument  *self);
void                tess_widget_document_set_active_state (TessWidgetDocument  *self,
                                                           guint                index);
guint               tess_widget_document_add_state        (TessWidgetDocument  *self,
                                                           const char          *name,
                                                           gboolean             copy_active);
void                tess_widget_document_rename_state     (TessWidgetDocument  *self,
                                                           guint                index,
                                                           const char          *name);
void                tess_widget_document_remove_state     (TessWidgetDocument  *self,
                                                           guint                index);

/* The file as it would be saved; fails, saying where, while a JSON editor holds bad JSON. */
char               *tess_widget_document_serialize        (TessWidgetDocument  *self,
                                                           GError             **error);
/* Writes atomically to @file (NULL: the document's own file), which becomes its file. */
void                tess_widget_document_save_async       (TessWidgetDocument  *self,
                                                           GFile               *file,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            tess_widget_document_save_finish      (TessWidgetDocument  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Reads the file again, dropping unsaved changes. */
gboolean            tess_widget_document_reload           (TessWidgetDocument  *self,
                                                           GError             **error);

/* Unsaved changes are written to the user's state folder within two seconds of an edit. A
 * document opened for a file with such a recovery offers it until restored or discarded. */
gboolean            tess_widget_document_has_recovery     (TessWidgetDocument  *self);
gboolean            tess_widget_document_restore_recovery (TessWidgetDocument  *self,
                                                           GError             **error);
void                tess_widget_document_discard_recovery (TessWidgetDocument  *self);
/* Writes the recovery now (autosave does it on a timer). */
gboolean            tess_widget_document_write_recovery   (TessWidgetDocument  *self,
                                                           GError             **error);
char               *tess_widget_document_dup_recovery_path (TessWidgetDocument *self);

/* Recoveries of documents that never had a file, to reopen at start-up. */
GPtrArray          *tess_widget_document_list_untitled_recoveries (void);
TessWidgetDocument *tess_widget_document_new_from_recovery (const char         *path,
                                                           GError             **error);

G_END_DECLS
