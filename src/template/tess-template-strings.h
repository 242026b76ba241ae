/* tess-template-strings.h: Python's str methods over TessString
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tess-template-value.h"

G_BEGIN_DECLS

gboolean  tess_unichar_is_py_space (gunichar c);
TessValue tess_str_upper       (TessString *s);
TessValue tess_str_lower       (TessString *s);
TessValue tess_str_capitalize  (TessString *s);
TessValue tess_str_title       (TessString *s);
TessValue tess_str_swapcase    (TessString *s);
TessValue tess_str_jinja_title (TessString *s);
TessValue tess_str_strip       (TessString *s, TessString *chars, gboolean left, gboolean right);
TessValue tess_str_replace     (TessString *s, TessString *old, TessString *new_, gint64 count);
TessValue tess_str_html_escape (TessString *s);
TessValue tess_str_pad         (TessString *s, gint64 width, gunichar fill, int align);
TessValue tess_str_indent      (TessString *s, const char *indention, gboolean first,
                                gboolean blank);
TessValue tess_str_truncate    (TessString *s, gint64 length, gboolean killwords, const char *end,
                                gint64 end_len, gint64 leeway);
gint64    tess_str_wordcount   (TessString *s);
TessValue tess_str_wordwrap    (TessString *s, gint64 width, gboolean break_long,
                                gboolean break_hyphens, const char *wrapstring);
TessValue tess_str_striptags   (TessString *s);
void      tess_str_url_quote   (GString *out, TessString *s, gboolean for_qs);
TessValue tess_str_reverse     (TessString *s);
gboolean  tess_str_isupper     (TessString *s);
gboolean  tess_str_islower     (TessString *s);
/* splitlines(): list of lines without their line breaks */
TessValue tess_str_splitlines  (TessString *s, gboolean keepends);
/* split(sep=None, maxsplit=-1) and rsplit */
TessValue tess_str_split       (TessString *s, TessString *sep, gint64 maxsplit, gboolean right);
/* Substring position in code points, or -1 */
gint64    tess_str_find        (TessString *s, TessString *sub, gboolean right);
gint64    tess_str_count       (TessString *s, TessString *sub);
TessValue tess_str_substring   (TessString *s, gint64 start_char, gint64 end_char);

G_END_DECLS
