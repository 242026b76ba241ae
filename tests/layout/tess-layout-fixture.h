/* tess-layout-fixture.h: load Chromium layout fixtures (XML) into engine trees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "layout/tess-layout.h"

G_BEGIN_DECLS

#define TESS_LAYOUT_FIXTURE_ERROR (tess_layout_fixture_error_quark ())
GQuark tess_layout_fixture_error_quark (void);

typedef struct _TessLayoutFixture TessLayoutFixture;

TessLayoutFixture *tess_layout_fixture_load      (const char         *path,
                                                  GError            **error);
TessLayoutFixture *tess_layout_fixture_parse     (const char         *text,
                                                  gssize              length,
                                                  const char         *path,
                                                  GError            **error);
void               tess_layout_fixture_free      (TessLayoutFixture  *fixture);
const char        *tess_layout_fixture_get_name  (TessLayoutFixture  *fixture);
TessLayoutTree    *tess_layout_fixture_get_tree  (TessLayoutFixture  *fixture);
TessLayoutNodeId   tess_layout_fixture_get_root  (TessLayoutFixture  *fixture);

/* Generated ChatKit fixtures carry the widget JSON and the container width. */
const char        *tess_layout_fixture_get_widget_json  (TessLayoutFixture *fixture);
int                tess_layout_fixture_get_widget_width (TessLayoutFixture *fixture);
/* Expected boxes in pre-order, relative to the parent, with their depth (root 0). */
guint              tess_layout_fixture_get_n_nodes      (TessLayoutFixture *fixture);
void               tess_layout_fixture_get_expected     (TessLayoutFixture *fixture,
                                                         guint              index,
                                                         TessLayoutBox     *box,
                                                         guint             *depth);

/* Lays the tree out in the fixture's viewport and compares every box with the expectation.
 * Returns NULL when all match, else a description of the first mismatches. */
char              *tess_layout_fixture_run       (TessLayoutFixture  *fixture);

/* Text leaves as the fixtures measure them: every glyph 10 × 10 px, U+200B the only break. */
void               tess_layout_fixture_measure_text (gpointer  node_context,
                                                     float     known_width,
                                                     float     known_height,
                                                     float     available_width,
                                                     float     available_height,
                                                     float    *out_width,
                                                     float    *out_height,
                                                     gpointer  user_data);

/* Parses one CSS property given as a fixture attribute into @style. */
gboolean           tess_layout_fixture_apply_property (TessLayoutStyle *style,
                                                       const char      *name,
                                                       const char      *value,
                                                       GError         **error);

/* The file names listed in a FIXTURES.txt, one a line ('#' comments); fatal when unreadable. */
GStrv       tess_layout_fixture_list_names (const char *path);

/* "NAME reason…" lines ('#' comments); name -> reason. A line without a reason is fatal. */
GHashTable *tess_layout_fixture_load_known_failures (const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessLayoutFixture, tess_layout_fixture_free)

G_END_DECLS
