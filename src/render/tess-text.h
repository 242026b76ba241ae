/* tess-text.h: the text of Text, Title, Caption and Label nodes
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lays text out as a wrapping GtkLabel does and looks the same (same CSS node name, font,
 * colour, line boxes), but answers the flex engine's questions from one shaping of its text:
 * a wrapping GtkLabel finds its minimum width by laying the text out at width 0, which costs
 * a shaping per character (Pango 1.50 shapes what is left of a paragraph at every line).
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TESS_TYPE_TEXT (tess_text_get_type ())
G_DECLARE_FINAL_TYPE (TessText, tess_text, TESS, TEXT, GtkWidget)

GtkWidget  *tess_text_new                (void);

void        tess_text_set_text           (TessText       *self,
                                          const char     *text);
const char *tess_text_get_text           (TessText       *self);
/* Pango attributes over the text (from markup), under the text's own. */
void        tess_text_set_attributes     (TessText       *self,
                                          PangoAttrList  *attrs);
/* Shows a faded block cursor after the text, while it streams in. */
void        tess_text_set_cursor         (TessText       *self,
                                          gboolean        cursor);
gboolean    tess_text_get_cursor         (TessText       *self);

/* Wrapping text (the default) breaks between words, and inside a word that does not fit;
 * text that does not wrap is one line, ellipsized at the end. */
void        tess_text_set_wrap           (TessText       *self,
                                          gboolean        wrap);
/* At most @lines lines, the last one ellipsized; 0 for no limit. */
void        tess_text_set_max_lines      (TessText       *self,
                                          int             lines);
void        tess_text_set_alignment      (TessText       *self,
                                          PangoAlignment  alignment);
void        tess_text_set_yalign         (TessText       *self,
                                          float           yalign);
/* The height of each line box in px (CSS line-height), 0 for the font's own. */
void        tess_text_set_line_height    (TessText       *self,
                                          int             line_height);
void        tess_text_set_strikethrough  (TessText       *self,
                                          gboolean        strikethrough);
/* Where the first line's baseline is drawn, in px from the widget's top. */
double      tess_text_get_drawn_baseline (TessText       *self);
/* Caps the natural width (a fixed width set by size request); -1 for none. */
void        tess_text_set_natural_width_limit (TessText  *self,
                                               int        width);

G_END_DECLS
