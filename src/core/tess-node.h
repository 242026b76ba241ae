/* tess-node.h: one node of a widget tree
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tess-catalog.h"

G_BEGIN_DECLS

#define TESS_TYPE_NODE (tess_node_get_type ())

G_DECLARE_FINAL_TYPE (TessNode, tess_node, TESS, NODE, GObject)

TessNode                *tess_node_new                (const char  *type_name);
const char              *tess_node_get_type_name      (TessNode    *self);
const TessComponentInfo *tess_node_get_info           (TessNode    *self);
const char              *tess_node_get_id             (TessNode    *self);
const char              *tess_node_get_key            (TessNode    *self);

/* Props: everything but "type" and "children". Props whose value was null are absent. */
JsonObject              *tess_node_get_props          (TessNode    *self);
JsonNode                *tess_node_get_prop           (TessNode    *self,
                                                       const char  *name);
gboolean                 tess_node_has_prop           (TessNode    *self,
                                                       const char  *name);
void                     tess_node_set_prop           (TessNode    *self,
                                                       const char  *name,
                                                       JsonNode    *value);
const char              *tess_node_get_string         (TessNode    *self,
                                                       const char  *name);
char                    *tess_node_dup_text           (TessNode    *self,
                                                       const char  *name);
gboolean                 tess_node_get_boolean        (TessNode    *self,
                                                       const char  *name,
                                                       gboolean     default_value);
double                   tess_node_get_double         (TessNode    *self,
                                                       const char  *name,
                                                       double       default_value);
gint64                   tess_node_get_int            (TessNode    *self,
                                                       const char  *name,
                                                       gint64       default_value);

/* Children. A Transition holds one child given as an object rather than a list. */
guint                    tess_node_get_n_children     (TessNode    *self);
TessNode                *tess_node_get_child          (TessNode    *self,
                                                       guint        index);
void                     tess_node_insert_child       (TessNode    *self,
                                                       int          position,
                                                       TessNode    *child);
void                     tess_node_append_child       (TessNode    *self,
                                                       TessNode    *child);
void                     tess_node_remove_child       (TessNode    *self,
                                                       guint        index);
TessNode                *tess_node_get_parent         (TessNode    *self);
guint                    tess_node_get_index          (TessNode    *self);
gboolean                 tess_node_get_single_child   (TessNode    *self);
void                     tess_node_set_single_child   (TessNode    *self,
                                                       gboolean     single_child);

char                    *tess_node_dup_pointer        (TessNode    *self);
TessNode                *tess_node_lookup_pointer     (TessNode    *self,
                                                       const char  *pointer);
TessNode                *tess_node_find_by_id         (TessNode    *self,
                                                       const char  *id);
TessNode                *tess_node_get_root           (TessNode    *self);

JsonNode                *tess_node_to_json            (TessNode    *self);
char                    *tess_node_to_string          (TessNode    *self,
                                                       gboolean     pretty);
TessNode                *tess_node_copy               (TessNode    *self);
gboolean                 tess_node_equal              (TessNode    *a,
                                                       TessNode    *b);
gboolean                 tess_node_props_equal        (TessNode    *a,
                                                       TessNode    *b);
guint                    tess_node_count              (TessNode    *self);

G_END_DECLS
