/* tess-node-diff.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tess-node-diff.h"

G_DEFINE_BOXED_TYPE (TessNodeChange, tess_node_change, tess_node_change_copy,
                     tess_node_change_free)

TessNodeChange *
tess_node_change_copy (const TessNodeChange *self)
{
  TessNodeChange *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (TessNodeChange, 1);
  *copy = *self;
  copy->old_node = self->old_node ? g_object_ref (self->old_node) : NULL;
  copy->new_node = self->new_node ? g_object_ref (self->new_node) : NULL;
  copy->new_parent = self->new_parent ? g_object_ref (self->new_parent) : NULL;
  copy->pointer = g_strdup (self->pointer);
  copy->appended = g_strdup (self->appended);

  return copy;
}

void
tess_node_change_free (TessNodeChange *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->old_node);
  g_clear_object (&self->new_node);
  g_clear_object (&self->new_parent);
  g_free (self->pointer);
  g_free (self->appended);
  g_free (self);
}

const char *
tess_change_kind_to_string (TessChangeKind kind)
{
  switch (kind)
    {
    case TESS_CHANGE_TEXT_APPENDED:
      return "text-appended";
    case TESS_CHANGE_PROPS:
      return "props";
    case TESS_CHANGE_REPLACED:
      return "replaced";
    case TESS_CHANGE_INSERTED:
      return "inserted";
    case TESS_CHANGE_REMOVED:
      return "removed";
    case TESS_CHANGE_MOVED:
      return "moved";
    default:
      g_return_val_if_reached ("unknown");
    }
}

static void
add_change (GPtrArray      *changes,
            TessChangeKind  kind,
            TessNode       *old_node,
            TessNode       *new_node,
            TessNode       *new_parent,
            guint           old_index,
            guint           new_index,
            char           *appended)
{
  TessNodeChange *change = g_new0 (TessNodeChange, 1);

  change->kind = kind;
  change->old_node = old_node ? g_object_ref (old_node) : NULL;
  change->new_node = new_node ? g_object_ref (new_node) : NULL;
  change->new_parent = new_parent ? g_object_ref (new_parent) : NULL;
  change->old_index = old_index;
  change->new_index = new_index;
  change->pointer = tess_node_dup_pointer (new_node ? new_node : old_node);
  change->appended = appended;

  g_ptr_array_add (changes, change);
}

/* The props a streaming update may change ("value", "streaming") left out. */
static JsonObject *
props_except_text (TessNode *node)
{
  JsonObject *rest = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, tess_node_get_props (node));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (strcmp (name, "value") != 0 && strcmp (name, "streaming") != 0)
        json_object_set_member (rest, name, json_node_ref (member));
    }

  return rest;
}

/* Only the value differs, and the new value extends the old one: a streaming append. */
static char *
find_appended_text (TessNode *old_node,
                    TessNode *new_node)
{
  const char *type = tess_node_get_type_name (new_node);
  const char *old_value, *new_value;
  g_autoptr(JsonObject) old_rest = NULL;
  g_autoptr(JsonObject) new_rest = NULL;
  gboolean rest_equal;

  if (strcmp (type, "Text") != 0 && strcmp (type, "Markdown") != 0)
    return NULL;

  old_value = tess_node_get_string (old_node, "value");
  new_value = tess_node_get_string (new_node, "value");
  if (old_value == NULL || new_value == NULL || !g_str_has_prefix (new_value, old_value) ||
      strlen (new_value) == strlen (old_value))
    return NULL;

  old_rest = props_except_text (old_node);
  new_rest = props_except_text (new_node);
  rest_equal = json_object_equal (old_rest, new_rest);
  if (!rest_equal)
    return NULL;

  return g_strdup (new_value + strlen (old_value));
}

/* "k:…" for keyed nodes, "i:…" for nodes with an id, NULL for anonymous ones. */
static char *
identity_of (TessNode *node)
{
  const char *key = tess_node_get_key (node);
  const char *id = tess_node_get_id (node);

  if (key != NULL)
    return g_strconcat ("k:", key, NULL);
  if (id != NULL)
    return g_strconcat ("i:", id, NULL);

  return NULL;
}

static void diff_node (GPtrArray *changes,
                       TessNode  *old_node,
                       TessNode  *new_node);

static void
diff_children (GPtrArray *changes,
               TessNode  *old_parent,
               TessNode  *new_parent)
{
  guint n_old = tess_node_get_n_children (old_parent);
  guint n_new = tess_node_get_n_children (new_parent);
  g_autoptr(GHashTable) old_by_identity = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                 g_free,
                                                                 (GDestroyNotify) g_array_unref);
  g_autofree int *match_of_new = g_new (int, MAX (n_new, 1));
  g_autofree gboolean *old_matched = g_new0 (gboolean, MAX (n_old, 1));
  guint anonymous_cursor = 0;

  /* Servers repeat keys by mistake: each identity maps to its old children in order. */
  for (guint i = 0; i < n_old; i++)
    {
      char *identity = identity_of (tess_node_get_child (old_parent, i));
      GArray *indices;

      if (identity == NULL)
        continue;

      indices = g_hash_table_lookup (old_by_identity, identity);
      if (indices == NULL)
        {
          indices = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (old_by_identity, identity, indices);
        }
      else
        g_free (identity);
      g_array_append_val (indices, i);
    }

  /* Keyed children match by identity anywhere; anonymous ones match the next anonymous old
   * child of the same type, in order. */
  for (guint j = 0; j < n_new; j++)
    {
      TessNode *new_child = tess_node_get_child (new_parent, j);
      g_autofree char *identity = identity_of (new_child);

      match_of_new[j] = -1;

      if (identity != NULL)
        {
          GArray *indices = g_hash_table_lookup (old_by_identity, identity);

          for (guint k = 0; indices != NULL && k < indices->len; k++)
            {
              guint i = g_array_index (indices, guint, k);

              if (!old_matched[i])
                {
                  match_of_new[j] = i;
                  old_matched[i] = TRUE;
                  break;
                }
            }
          continue;
        }

      for (guint i = anonymous_cursor; i < n_old; i++)
        {
          TessNode *old_child = tess_node_get_child (old_parent, i);
          g_autofree char *old_identity = identity_of (old_child);

          if (old_matched[i] || old_identity != NULL)
            continue;

          if (tess_node_get_type_name (old_child) == tess_node_get_type_name (new_child))
            {
              match_of_new[j] = i;
              old_matched[i] = TRUE;
              anonymous_cursor = i + 1;
            }
          break;
        }
    }

  for (guint i = 0; i < n_old; i++)
    {
      if (!old_matched[i])
        add_change (changes, TESS_CHANGE_REMOVED, tess_node_get_child (old_parent, i), NULL,
                    new_parent, i, 0, NULL);
    }

  for (guint j = 0; j < n_new; j++)
    {
      TessNode *new_child = tess_node_get_child (new_parent, j);

      if (match_of_new[j] < 0)
        {
          add_change (changes, TESS_CHANGE_INSERTED, NULL, new_child, new_parent, 0, j, NULL);
          continue;
        }

      if ((guint) match_of_new[j] != j)
        add_change (changes, TESS_CHANGE_MOVED, tess_node_get_child (old_parent, match_of_new[j]),
                    new_child, new_parent, match_of_new[j], j, NULL);

      diff_node (changes, tess_node_get_child (old_parent, match_of_new[j]), new_child);
    }
}

static void
diff_node (GPtrArray *changes,
           TessNode  *old_node,
           TessNode  *new_node)
{
  if (tess_node_get_type_name (old_node) != tess_node_get_type_name (new_node))
    {
      add_change (changes, TESS_CHANGE_REPLACED, old_node, new_node, NULL, 0, 0, NULL);
      return;
    }

  if (!tess_node_props_equal (old_node, new_node))
    {
      char *appended = find_appended_text (old_node, new_node);

      add_change (changes, appended ? TESS_CHANGE_TEXT_APPENDED : TESS_CHANGE_PROPS,
                  old_node, new_node, NULL, 0, 0, appended);
    }

  diff_children (changes, old_node, new_node);
}

GPtrArray *
tess_node_diff (TessNode *old_root,
                TessNode *new_root)
{
  GPtrArray *changes;

  g_return_val_if_fail (TESS_IS_NODE (old_root), NULL);
  g_return_val_if_fail (TESS_IS_NODE (new_root), NULL);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_node_change_free);
  diff_node (changes, old_root, new_root);

  return changes;
}
