/* tess-markdown.h: Markdown (md4c) as GTK widgets
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TESS_TYPE_MARKDOWN (tess_markdown_get_type ())

G_DECLARE_FINAL_TYPE (TessMarkdown, tess_markdown, TESS, MARKDOWN, GtkWidget)

GtkWidget  *tess_markdown_new          (void);
void        tess_markdown_set_text     (TessMarkdown *self,
                                        const char   *text,
                                        gboolean      streaming);
void        tess_markdown_append_text  (TessMarkdown *self,
                                        const char   *delta);
const char *tess_markdown_get_text     (TessMarkdown *self);
guint       tess_markdown_get_n_blocks (TessMarkdown *self);

/* Pango markup for the inline content of @text (tests); NULL on a parse failure. */
char       *tess_markdown_to_pango     (const char   *text);
/* Whether a link may be opened (http, https, mailto). */
gboolean    tess_markdown_link_is_allowed (const char *uri);

G_END_DECLS
