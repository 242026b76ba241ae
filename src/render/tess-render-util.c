/* tess-render-util.c: lengths, prop defaults and the container widget
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tess-flex-layout.h"
#include "tess-flex-props.h"
#include "tess-render-private.h"
#include "tess-render-resources.h"

void
tess_render_ensure_resources (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      tess_render_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

/* Lengths are read by tess-flex-props.c, for the CSS written here as for the engine, so the
 * two accept the same values within the same bound. */

gboolean
tess_render_length_px (JsonNode *value,
                       double   *px)
{
  TessLayoutLength length;

  g_return_val_if_fail (px != NULL, FALSE);

  if (!tess_flex_props_parse_length (value, FALSE, &length)
      || length.unit != TESS_LAYOUT_UNIT_PX)
    return FALSE;
  *px = length.value;
  return TRUE;
}

gboolean
tess_render_spacing_px (JsonNode *value,
                        double   *px)
{
  TessLayoutLength length;

  g_return_val_if_fail (px != NULL, FALSE);

  if (!tess_flex_props_parse_length (value, TRUE, &length)
      || length.unit != TESS_LAYOUT_UNIT_PX)
    return FALSE;
  *px = length.value;
  return TRUE;
}

static JsonNode *
default_of (TessNode   *node,
            const char *name)
{
  const TessComponentInfo *info = tess_node_get_info (node);
  const TessPropInfo *prop;
  static GHashTable *parsed_defaults;
  JsonNode *parsed;

  if (info == NULL)
    return NULL;
  prop = tess_component_info_lookup_prop (info, name);
  if (prop == NULL || prop->default_value == NULL)
    return NULL;

  /* Catalog defaults are static strings; parse each once. */
  if (parsed_defaults == NULL)
    parsed_defaults = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) json_node_unref);
  parsed = g_hash_table_lookup (parsed_defaults, prop->default_value);
  if (parsed == NULL)
    {
      parsed = json_from_string (prop->default_value, NULL);
      if (parsed == NULL)
        return NULL;
      g_hash_table_insert (parsed_defaults, (gpointer) prop->default_value, parsed);
    }

  return parsed;
}

const char *
tess_render_prop_string (TessNode   *node,
                         const char *name)
{
  const char *value = tess_node_get_string (node, name);
  const TessPropInfo *prop;
  JsonNode *fallback;

  if (value != NULL)
    {
      /* An enum value outside the catalog's list renders as the default. */
      prop = tess_node_get_info (node) ? tess_component_info_lookup_prop (tess_node_get_info (node),
                                                                          name)
                                       : NULL;
      if (prop == NULL || prop->type != TESS_PROP_ENUM || prop->values == NULL ||
          tess_enum_contains (prop->values, value))
        return value;
    }

  fallback = default_of (node, name);
  if (fallback != NULL && JSON_NODE_HOLDS_VALUE (fallback) &&
      json_node_get_value_type (fallback) == G_TYPE_STRING)
    return json_node_get_string (fallback);

  return NULL;
}

gboolean
tess_render_prop_boolean (TessNode   *node,
                          const char *name)
{
  JsonNode *fallback = default_of (node, name);
  gboolean default_value = FALSE;

  if (fallback != NULL && JSON_NODE_HOLDS_VALUE (fallback) &&
      json_node_get_value_type (fallback) == G_TYPE_BOOLEAN)
    default_value = json_node_get_boolean (fallback);

  return tess_node_get_boolean (node, name, default_value);
}

static GQuark
node_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("tess-render-node");
  return quark;
}

void
tess_render_widget_set_node (GtkWidget *widget,
                             TessNode  *node)
{
  g_object_set_qdata_full (G_OBJECT (widget), node_quark (),
                           node ? g_object_ref (node) : NULL, g_object_unref);
}

TessNode *
tess_render_widget_get_node (GtkWidget *widget)
{
  return g_object_get_qdata (G_OBJECT (widget), node_quark ());
}

/* Layout: every container of a widget node is laid out by TessFlexLayout, as CSS flexbox
 * (../shared/spec/layout.md). This is the one place that sets it up. */

void
tess_render_setup_layout (GtkWidget *container,
                          TessNode  *node)
{
  GtkLayoutManager *manager = gtk_widget_get_layout_manager (container);
  TessLayoutStyle style;

  if (!TESS_IS_FLEX_LAYOUT (manager))
    {
      manager = tess_flex_layout_new ();
      gtk_widget_set_layout_manager (container, manager);
    }

  tess_flex_props_container_style (node, &style);
  /* The container's CSS already reserves (and draws) its padding and border. */
  for (guint e = 0; e < 4; e++)
    {
      style.padding[e] = TESS_LAYOUT_PX (0);
      style.border[e] = TESS_LAYOUT_PX (0);
    }
  tess_flex_layout_set_style (TESS_FLEX_LAYOUT (manager), &style);
  /* Heights follow content unless a parent flex layout says otherwise when it allocates. */
  tess_flex_layout_set_height_indefinite (TESS_FLEX_LAYOUT (manager), TRUE);

  for (GtkWidget *child = gtk_widget_get_first_child (container);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      TessNode *child_node = tess_render_widget_get_node (child);
      GtkLayoutChild *layout_child;
      TessLayoutStyle item;

      if (child_node == NULL)
        continue;
      tess_flex_props_item_style (child_node, node, &item);
      /* `block` controls are width: 100% (shrinking side by side in a row). */
      if (tess_render_prop_boolean (child_node, "block"))
        item.size[0] = TESS_LAYOUT_PCT (100);
      layout_child = gtk_layout_manager_get_layout_child (manager, child);
      tess_flex_layout_child_set_style (TESS_FLEX_LAYOUT_CHILD (layout_child), &item);
    }
}

/* TessBoxLayout */

struct _TessBoxLayout
{
  GtkLayoutManager  parent_instance;

  GtkLayoutManager *box;  /* a GtkBoxLayout driven through its class, never attached */
  int               preset_width;
};

G_DEFINE_FINAL_TYPE (TessBoxLayout, tess_box_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
tess_box_layout_get_request_mode (GtkLayoutManager *manager,
                                  GtkWidget        *widget)
{
  TessBoxLayout *self = TESS_BOX_LAYOUT (manager);

  return GTK_LAYOUT_MANAGER_GET_CLASS (self->box)->get_request_mode (self->box, widget);
}

static void
tess_box_layout_measure (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         GtkOrientation    orientation,
                         int               for_size,
                         int              *minimum,
                         int              *natural,
                         int              *minimum_baseline,
                         int              *natural_baseline)
{
  TessBoxLayout *self = TESS_BOX_LAYOUT (manager);
  GtkLayoutManagerClass *box_class = GTK_LAYOUT_MANAGER_GET_CLASS (self->box);

  /* Widths never depend on the height (CSS has no width-for-height). */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;

  box_class->measure (self->box, widget, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);

  if (orientation == GTK_ORIENTATION_HORIZONTAL && self->preset_width > 0)
    *natural = MAX (*minimum, self->preset_width);

  /* GTK checks that the height for "any width" is at least the height at a huge width;
   * label heights can differ by a rounding pixel between the two, so take the larger. */
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size < 0 &&
      box_class->get_request_mode (self->box, widget) == GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH)
    {
      int wide_min, wide_nat, wide_min_baseline, wide_nat_baseline;

      box_class->measure (self->box, widget, orientation, 1 << 20, &wide_min, &wide_nat,
                          &wide_min_baseline, &wide_nat_baseline);
      *minimum = MAX (*minimum, wide_min);
      *natural = MAX (*natural, *minimum);
    }
}

static void
tess_box_layout_allocate (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          int               width,
                          int               height,
                          int               baseline)
{
  TessBoxLayout *self = TESS_BOX_LAYOUT (manager);

  GTK_LAYOUT_MANAGER_GET_CLASS (self->box)->allocate (self->box, widget, width, height,
                                                      baseline);
}

static void
tess_box_layout_finalize (GObject *object)
{
  g_clear_object (&TESS_BOX_LAYOUT (object)->box);

  G_OBJECT_CLASS (tess_box_layout_parent_class)->finalize (object);
}

static void
tess_box_layout_class_init (TessBoxLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->finalize = tess_box_layout_finalize;
  manager_class->get_request_mode = tess_box_layout_get_request_mode;
  manager_class->measure = tess_box_layout_measure;
  manager_class->allocate = tess_box_layout_allocate;
}

static void
tess_box_layout_init (TessBoxLayout *self)
{
  self->box = g_object_ref_sink (gtk_box_layout_new (GTK_ORIENTATION_VERTICAL));
}

void
tess_box_layout_configure (TessBoxLayout  *self,
                           GtkOrientation  orientation,
                           int             spacing)
{
  g_return_if_fail (TESS_IS_BOX_LAYOUT (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->box), orientation);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (self->box), (guint) MAX (spacing, 0));
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}

void
tess_box_layout_set_preset_width (TessBoxLayout *self,
                                  int            width)
{
  g_return_if_fail (TESS_IS_BOX_LAYOUT (self));

  self->preset_width = width;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}

/* TessBox */

struct _TessBox
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (TessBox, tess_box, GTK_TYPE_WIDGET)

static void
tess_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tess_box_parent_class)->dispose (object);
}

static void
tess_box_class_init (TessBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_box_dispose;
  gtk_widget_class_set_css_name (widget_class, "tess-box");
  gtk_widget_class_set_layout_manager_type (widget_class, TESS_TYPE_BOX_LAYOUT);
}

static void
tess_box_init (TessBox *self)
{
}

GtkWidget *
tess_box_new (const char *css_class)
{
  GtkWidget *self = g_object_new (TESS_TYPE_BOX, NULL);

  if (css_class != NULL)
    gtk_widget_add_css_class (self, css_class);

  return self;
}

void
tess_box_append (TessBox   *self,
                 GtkWidget *child)
{
  g_return_if_fail (TESS_IS_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

void
tess_box_remove (TessBox   *self,
                 GtkWidget *child)
{
  g_return_if_fail (TESS_IS_BOX (self));
  g_return_if_fail (gtk_widget_get_parent (child) == GTK_WIDGET (self));

  gtk_widget_unparent (child);
}

void
tess_box_set_children (TessBox   *self,
                       GPtrArray *children)
{
  GtkWidget *previous = NULL;

  g_return_if_fail (TESS_IS_BOX (self));

  for (guint i = 0; i < children->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (children, i);

      if (gtk_widget_get_parent (child) == GTK_WIDGET (self))
        {
          if (gtk_widget_get_prev_sibling (child) != previous)
            gtk_widget_insert_after (child, GTK_WIDGET (self), previous);
        }
      else
        {
          gtk_widget_insert_after (child, GTK_WIDGET (self), previous);
        }
      previous = child;
    }
}
