/* tess-plain-box.c: ChatKit layout nodes as plain boxes laid out by TessFlexLayout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tess-flex-layout.h"
#include "tess-flex-props.h"
#include "tess-plain-box.h"

struct _TessPlainBox
{
  GtkWidget parent_instance;
  TessNode *node;
};

G_DEFINE_FINAL_TYPE (TessPlainBox, tess_plain_box, GTK_TYPE_WIDGET)

static void
tess_plain_box_dispose (GObject *object)
{
  TessPlainBox *self = TESS_PLAIN_BOX (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->node);
  G_OBJECT_CLASS (tess_plain_box_parent_class)->dispose (object);
}

static void
tess_plain_box_class_init (TessPlainBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_plain_box_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, TESS_TYPE_FLEX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tess-plain-box");
}

static void
tess_plain_box_init (TessPlainBox *self)
{
}

GtkWidget *
tess_plain_box_new (void)
{
  return g_object_new (TESS_TYPE_PLAIN_BOX, NULL);
}

TessNode *
tess_plain_box_get_node (TessPlainBox *self)
{
  g_return_val_if_fail (TESS_IS_PLAIN_BOX (self), NULL);
  return self->node;
}

void
tess_plain_box_append (TessPlainBox *self,
                       GtkWidget    *child)
{
  g_return_if_fail (TESS_IS_PLAIN_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

static GtkWidget *
build_node (TessNode *node)
{
  TessPlainBox *box = g_object_new (TESS_TYPE_PLAIN_BOX, NULL);
  GtkLayoutManager *manager = gtk_widget_get_layout_manager (GTK_WIDGET (box));
  TessLayoutStyle style;

  box->node = g_object_ref (node);
  gtk_widget_add_css_class (GTK_WIDGET (box), tess_node_get_type_name (node));

  if (tess_flex_props_is_container (node))
    {
      tess_flex_props_container_style (node, &style);
      tess_flex_layout_set_style (TESS_FLEX_LAYOUT (manager), &style);
      for (guint i = 0; i < tess_node_get_n_children (node); i++)
        {
          TessNode *child_node = tess_node_get_child (node, i);
          GtkWidget *child = build_node (child_node);
          GtkLayoutChild *layout_child;

          gtk_widget_set_parent (child, GTK_WIDGET (box));
          layout_child = gtk_layout_manager_get_layout_child (manager, child);
          tess_flex_props_item_style (child_node, node, &style);
          tess_flex_layout_child_set_style (TESS_FLEX_LAYOUT_CHILD (layout_child), &style);
        }
    }
  return GTK_WIDGET (box);
}

GtkWidget *
tess_plain_box_build (TessNode *root)
{
  g_return_val_if_fail (TESS_IS_NODE (root), NULL);
  return build_node (root);
}
