/* tess-chat-item-row.h: one row of the conversation (a thread item or a note)
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "render/tess-widget-view.h"

G_BEGIN_DECLS

#define TESS_TYPE_CHAT_ITEM_ROW (tess_chat_item_row_get_type ())

G_DECLARE_FINAL_TYPE (TessChatItemRow, tess_chat_item_row, TESS, CHAT_ITEM_ROW, GtkWidget)

GtkWidget      *tess_chat_item_row_new             (void);
/* @item is a TessThreadItem or a TessChatNote; NULL empties the row (recycling).  A row
 * rebound to an item of the same kind keeps its widgets: a widget item's tree is diffed,
 * so typed form values survive the item's done and replaced events. */
void            tess_chat_item_row_bind            (TessChatItemRow *self,
                                                    GObject         *item);
GObject        *tess_chat_item_row_get_item        (TessChatItemRow *self);
/* The text the row shows: a message's text (the Markdown source for answers), a note's
 * message, a widget's copy text; NULL for rows without text. */
char           *tess_chat_item_row_dup_text        (TessChatItemRow *self);
TessWidgetView *tess_chat_item_row_get_widget_view (TessChatItemRow *self);

G_END_DECLS
