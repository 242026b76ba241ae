/* fuzz-widget-parser.c: libFuzzer entry point for widget JSON from untrusted servers
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Build with `meson setup _fuzz -Dfuzzing=true` using clang (CC=clang) and run
 * `_fuzz/fuzz/fuzz-widget-parser tests/corpus/expected`.
 */

#include "config.h"

#include "core/tess-node-diff.h"
#include "core/tess-widget-parser.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) diagnostics = tess_diagnostics_new ();
  g_autoptr(TessNode) root = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  root = tess_widget_parse_string ((const char *) data, size, diagnostics, NULL);
  if (root != NULL)
    {
      g_autoptr(JsonNode) json = tess_node_to_json (root);
      g_autoptr(TessNode) again = tess_widget_parse_document (json, NULL, NULL);
      g_autoptr(GPtrArray) changes = NULL;

      /* Whatever parses must survive a round trip and diff against itself to nothing. */
      g_assert_true (tess_node_equal (root, again));
      changes = tess_node_diff (root, again);
      g_assert_cmpuint (changes->len, ==, 0);
    }

  return 0;
}
