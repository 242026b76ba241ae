/* tess-json-locate.h: where the value at a JSON pointer is in the JSON text the user typed
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lines and columns are 1-based; columns count characters (code points), as GtkTextIter line
 * offsets do, and lines end at "\n", "\r\n", "\r" or U+2029, as in a GtkTextBuffer. */
typedef struct
{
  gsize    start;          /* byte offset of the value's first byte ("{" for an object) */
  gsize    end;            /* byte offset just past the value */
  guint    line;           /* of start */
  guint    column;
  guint    end_line;       /* of end */
  guint    end_column;
  gboolean is_container;   /* an object or an array: [start, start + 1) is its opening bracket */
  gboolean has_key;        /* the value is an object member, and the key range is set */
  gsize    key_start;      /* byte offset of the key's opening quote */
  gsize    key_end;        /* just past its closing quote */
  guint    key_line;
  guint    key_column;
} TessJsonRange;

/* Finds the value at the RFC 6901 @pointer ("" is the whole document) in @text (@length
 * bytes, or -1 for NUL-terminated). The text is scanned as typed: keys are compared after
 * their escapes are decoded, the last of duplicate keys wins (as json.loads and json-glib
 * do), and errors elsewhere in the text are tolerated. A value that is not terminated ends
 * at its first token. Returns FALSE if the path cannot be found. */
gboolean tess_json_locate                (const char    *text,
                                          gssize         length,
                                          const char    *pointer,
                                          TessJsonRange *out);

/* The 1-based line and character column of byte @offset in @text. */
void     tess_json_locate_line_column    (const char    *text,
                                          gssize         length,
                                          gsize          offset,
                                          guint         *line,
                                          guint         *column);

G_END_DECLS
