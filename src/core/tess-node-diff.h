/* tess-node-diff.h: what changed between two widget trees
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tess-node.h"

G_BEGIN_DECLS

typedef enum
{
  TESS_CHANGE_TEXT_APPENDED, /* a Text/Markdown value grew by appending */
  TESS_CHANGE_PROPS,         /* same node, other props (children are diffed separately) */
  TESS_CHANGE_REPLACED,      /* different type: rebuild this node */
  TESS_CHANGE_INSERTED,      /* a new child at new_index */
  TESS_CHANGE_REMOVED,       /* an old child at old_index went away */
  TESS_CHANGE_MOVED,         /* a kept child moved from old_index to new_index */
} TessChangeKind;

typedef struct
{
  TessChangeKind  kind;
  TessNode       *old_node;   /* NULL for INSERTED */
  TessNode       *new_node;   /* NULL for REMOVED */
  TessNode       *new_parent; /* for INSERTED, REMOVED and MOVED: the parent in the new tree */
  guint           old_index;
  guint           new_index;
  char           *pointer;    /* of the node in the new tree (old tree for REMOVED) */
  char           *appended;   /* for TEXT_APPENDED */
} TessNodeChange;

#define TESS_TYPE_NODE_CHANGE (tess_node_change_get_type ())

GType           tess_node_change_get_type   (void) G_GNUC_CONST;
TessNodeChange *tess_node_change_copy       (const TessNodeChange *self);
void            tess_node_change_free       (TessNodeChange       *self);
const char     *tess_change_kind_to_string  (TessChangeKind        kind);

/* Children are matched by key, then id, then position and type. The result is ordered
 * parents before children, so applying it top-down is safe. */
GPtrArray      *tess_node_diff              (TessNode             *old_root,
                                             TessNode             *new_root);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessNodeChange, tess_node_change_free)

G_END_DECLS
