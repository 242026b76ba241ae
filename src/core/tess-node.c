/* tess-node.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tess-node.h"

struct _TessNode
{
  GObject                  parent_instance;

  const char              *type_name;  /* interned */
  const TessComponentInfo *info;       /* NULL for a type the catalog does not know */
  JsonObject              *props;
  GPtrArray               *children;
  TessNode                *parent;     /* not owned */
  guint                    single_child : 1;
};

G_DEFINE_FINAL_TYPE (TessNode, tess_node, G_TYPE_OBJECT)

static void
tess_node_dispose (GObject *object)
{
  TessNode *self = (TessNode *)object;

  if (self->children != NULL)
    {
      for (guint i = 0; i < self->children->len; i++)
        ((TessNode *)g_ptr_array_index (self->children, i))->parent = NULL;
      g_ptr_array_set_size (self->children, 0);
    }

  G_OBJECT_CLASS (tess_node_parent_class)->dispose (object);
}

static void
tess_node_finalize (GObject *object)
{
  TessNode *self = (TessNode *)object;

  g_clear_pointer (&self->props, json_object_unref);
  g_clear_pointer (&self->children, g_ptr_array_unref);

  G_OBJECT_CLASS (tess_node_parent_class)->finalize (object);
}

static void
tess_node_class_init (TessNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tess_node_dispose;
  object_class->finalize = tess_node_finalize;
}

static void
tess_node_init (TessNode *self)
{
  self->props = json_object_new ();
  self->children = g_ptr_array_new_with_free_func (g_object_unref);
}

TessNode *
tess_node_new (const char *type_name)
{
  TessNode *self;

  g_return_val_if_fail (type_name != NULL, NULL);

  self = g_object_new (TESS_TYPE_NODE, NULL);
  self->type_name = g_intern_string (type_name);
  self->info = tess_catalog_lookup (type_name);
  self->single_child = self->info != NULL && self->info->children == TESS_CHILDREN_SINGLE;

  return self;
}

const char *
tess_node_get_type_name (TessNode *self)
{
  g_return_val_if_fail (TESS_IS_NODE (self), NULL);

  return self->type_name;
}

const TessComponentInfo *
tess_node_get_info (TessNode *self)
{
  g_return_val_if_fail (TESS_IS_NODE (self), NULL);

  return self->info;
}

const char *
tess_node_get_id (TessNode *self)
{
  return tess_node_get_string (self, "id");
}

const char *
tess_node_get_key (TessNode *self)
{
  return tess_node_get_string (self, "key");
}

JsonObject *
tess_node_get_props (TessNode *self)
{
  g_return_val_if_fail (TESS_IS_NODE (self), NULL);

  return self->props;
}

JsonNode *
tess_node_get_prop (TessNode   *self,
                    const char *name)
{
  g_return_val_if_fail (TESS_IS_NODE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return json_object_get_member (self->props, name);
}

gboolean
tess_node_has_prop (TessNode   *self,
                    const char *name)
{
  return tess_node_get_prop (self, name) != NULL;
}

/* Takes a copy of @value; a NULL or null @value removes the prop. */
void
tess_node_set_prop (TessNode   *self,
                    const char *name,
                    JsonNode   *value)
{
  g_return_if_fail (TESS_IS_NODE (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (strcmp (name, "type") != 0 && strcmp (name, "children") != 0);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    json_object_remove_member (self->props, name);
  else
    json_object_set_member (self->props, name, json_node_copy (value));
}

const char *
tess_node_get_string (TessNode   *self,
                      const char *name)
{
  JsonNode *node = tess_node_get_prop (self, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

/* Display text: strings as they are, numbers and booleans as their JSON text. */
char *
tess_node_dup_text (TessNode   *self,
                    const char *name)
{
  JsonNode *node = tess_node_get_prop (self, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  return json_to_string (node, FALSE);
}

gboolean
tess_node_get_boolean (TessNode   *self,
                       const char *name,
                       gboolean    default_value)
{
  JsonNode *node = tess_node_get_prop (self, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);

  return default_value;
}

double
tess_node_get_double (TessNode   *self,
                      const char *name,
                      double      default_value)
{
  JsonNode *node = tess_node_get_prop (self, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
        return json_node_get_double (node);
    }

  return default_value;
}

gint64
tess_node_get_int (TessNode   *self,
                   const char *name,
                   gint64      default_value)
{
  JsonNode *node = tess_node_get_prop (self, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64)
        return json_node_get_int (node);
      if (type == G_TYPE_DOUBLE)
        return (gint64) json_node_get_double (node);
    }

  return default_value;
}

guint
tess_node_get_n_children (TessNode *self)
{
  g_return_val_if_fail (TESS_IS_NODE (self), 0);

  return self->children->len;
}

TessNode *
tess_node_get_child (TessNode *self,
                     guint     index)
{
  g_return_val_if_fail (TESS_IS_NODE (self), NULL);
  g_return_val_if_fail (index < self->children->len, NULL);

  return g_ptr_array_index (self->children, index);
}

/* @position -1 appends. Takes a new reference on @child. */
void
tess_node_insert_child (TessNode *self,
                        int       position,
                        TessNode *child)
{
  g_return_if_fail (TESS_IS_NODE (self));
  g_return_if_fail (TESS_IS_NODE (child));
  g_return_if_fail (child->parent == NULL);
  g_return_if_fail (child != self);

  if (position < 0 || (guint) position > self->children->len)
    position = self->children->len;

  child->parent = self;
  g_ptr_array_insert (self->children, position, g_object_ref (child));
}

void
tess_node_append_child (TessNode *self,
                        TessNode *child)
{
  tess_node_insert_child (self, -1, child);
}

void
tess_node_remove_child (TessNode *self,
                        guint     index)
{
  TessNode *child;

  g_return_if_fail (TESS_IS_NODE (self));
  g_return_if_fail (index < self->children->len);

  child = g_ptr_array_index (self->children, index);
  child->parent = NULL;
  g_ptr_array_remove_index (self->children, index);
}

TessNode *
tess_node_get_parent (TessNode *self)
{
  g_return_val_if_fail (TESS_IS_NODE (self), NULL);

  return self->parent;
}

TessNode *
tess_node_get_root (TessNode *self)
{
  g_return_val_if_fail (TESS_IS_NODE (self), NULL);

  while (self->parent != NULL)
    self = self->parent;

  return self;
}

guint
tess_node_get_index (TessNode *self)
{
  guint index = 0;

  g_return_val_if_fail (TESS_IS_NODE (self), 0);

  if (self->parent != NULL)
    g_ptr_array_find (self->parent->children, self, &index);

  return index;
}

gboolean
tess_node_get_single_child (TessNode *self)
{
  g_return_val_if_fail (TESS_IS_NODE (self), FALSE);

  return self->single_child;
}

void
tess_node_set_single_child (TessNode *self,
                            gboolean  single_child)
{
  g_return_if_fail (TESS_IS_NODE (self));

  self->single_child = !!single_child;
}

static void
append_pointer (TessNode *self,
                GString  *str)
{
  if (self->parent == NULL)
    return;

  append_pointer (self->parent, str);

  if (self->parent->single_child)
    g_string_append (str, "/children");
  else
    g_string_append_printf (str, "/children/%u", tess_node_get_index (self));
}

/* The node's JSON pointer from the root of its tree ("" for the root). */
char *
tess_node_dup_pointer (TessNode *self)
{
  GString *str;

  g_return_val_if_fail (TESS_IS_NODE (self), NULL);

  str = g_string_new (NULL);
  append_pointer (self, str);

  return g_string_free (str, FALSE);
}

/* Resolves pointers made of "/children[/N]" steps, as tess_node_dup_pointer() writes them. */
TessNode *
tess_node_lookup_pointer (TessNode   *self,
                          const char *pointer)
{
  const char *p = pointer;

  g_return_val_if_fail (TESS_IS_NODE (self), NULL);
  g_return_val_if_fail (pointer != NULL, NULL);

  while (*p != '\0')
    {
      if (!g_str_has_prefix (p, "/children"))
        return NULL;
      p += strlen ("/children");

      if (self->single_child && (*p == '\0' || (*p == '/' && !g_ascii_isdigit (p[1]))))
        {
          if (self->children->len == 0)
            return NULL;
          self = g_ptr_array_index (self->children, 0);
        }
      else
        {
          char *end = NULL;
          guint64 index;

          if (*p != '/' || !g_ascii_isdigit (p[1]))
            return NULL;
          index = g_ascii_strtoull (p + 1, &end, 10);
          if (index >= self->children->len)
            return NULL;
          self = g_ptr_array_index (self->children, index);
          p = end;
        }
    }

  return self;
}

TessNode *
tess_node_find_by_id (TessNode   *self,
                      const char *id)
{
  const char *own_id;

  g_return_val_if_fail (TESS_IS_NODE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  own_id = tess_node_get_id (self);
  if (own_id != NULL && strcmp (own_id, id) == 0)
    return self;

  for (guint i = 0; i < self->children->len; i++)
    {
      TessNode *found = tess_node_find_by_id (g_ptr_array_index (self->children, i), id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* In document order, so serialising is deterministic. */
static void
copy_members (JsonObject *from,
              JsonObject *to)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, from);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (to, name, json_node_copy (member));
}

JsonNode *
tess_node_to_json (TessNode *self)
{
  g_autoptr(JsonObject) object = NULL;
  JsonNode *node;

  g_return_val_if_fail (TESS_IS_NODE (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "type", self->type_name);

  copy_members (self->props, object);

  if (self->single_child)
    {
      if (self->children->len > 0)
        json_object_set_member (object, "children",
                                tess_node_to_json (g_ptr_array_index (self->children, 0)));
    }
  else if (self->children->len > 0 || (self->info != NULL && self->info->children_required))
    {
      JsonArray *array = json_array_sized_new (self->children->len);

      for (guint i = 0; i < self->children->len; i++)
        json_array_add_element (array, tess_node_to_json (g_ptr_array_index (self->children, i)));
      json_object_set_array_member (object, "children", array);
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);

  return node;
}

char *
tess_node_to_string (TessNode *self,
                     gboolean  pretty)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (TESS_IS_NODE (self), NULL);

  node = tess_node_to_json (self);

  return json_to_string (node, pretty);
}

TessNode *
tess_node_copy (TessNode *self)
{
  TessNode *copy;

  g_return_val_if_fail (TESS_IS_NODE (self), NULL);

  copy = tess_node_new (self->type_name);
  copy->single_child = self->single_child;

  copy_members (self->props, copy->props);

  for (guint i = 0; i < self->children->len; i++)
    {
      g_autoptr(TessNode) child = tess_node_copy (g_ptr_array_index (self->children, i));

      tess_node_append_child (copy, child);
    }

  return copy;
}

gboolean
tess_node_props_equal (TessNode *a,
                       TessNode *b)
{
  g_return_val_if_fail (TESS_IS_NODE (a), FALSE);
  g_return_val_if_fail (TESS_IS_NODE (b), FALSE);

  return a->type_name == b->type_name && json_object_equal (a->props, b->props);
}

gboolean
tess_node_equal (TessNode *a,
                 TessNode *b)
{
  g_return_val_if_fail (TESS_IS_NODE (a), FALSE);
  g_return_val_if_fail (TESS_IS_NODE (b), FALSE);

  if (!tess_node_props_equal (a, b) ||
      a->single_child != b->single_child ||
      a->children->len != b->children->len)
    return FALSE;

  for (guint i = 0; i < a->children->len; i++)
    {
      if (!tess_node_equal (g_ptr_array_index (a->children, i),
                            g_ptr_array_index (b->children, i)))
        return FALSE;
    }

  return TRUE;
}

guint
tess_node_count (TessNode *self)
{
  guint count = 1;

  g_return_val_if_fail (TESS_IS_NODE (self), 0);

  for (guint i = 0; i < self->children->len; i++)
    count += tess_node_count (g_ptr_array_index (self->children, i));

  return count;
}
