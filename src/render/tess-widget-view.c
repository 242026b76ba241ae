/* tess-widget-view.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "core/tess-node-diff.h"
#include "core/tess-widget-parser.h"
#include "tess-flex-layout.h"
#include "tess-render-element.h"
#include "tess-text.h"
#include "tess-widget-view.h"

struct _TessWidgetView
{
  GtkWidget        parent_instance;

  TessNode        *root;
  TessElement     *root_element;
  TessThemeMode    theme_mode;
  AdwStyleManager *style_manager;

  GPtrArray       *loading;          /* elements showing their own loading state */
  gboolean         container_loading;
  TessElement     *collapse_on_finish;
};

G_DEFINE_FINAL_TYPE (TessWidgetView, tess_widget_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ROOT,
  PROP_THEME_MODE,
  PROP_DARK,
  N_PROPS
};

enum {
  ACTION,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkWidget *
root_widget (TessWidgetView *self)
{
  return self->root_element ? self->root_element->widget : NULL;
}

gboolean
tess_widget_view_is_dark (TessWidgetView *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_VIEW (self), FALSE);

  switch (self->theme_mode)
    {
    case TESS_THEME_MODE_LIGHT:
      return FALSE;
    case TESS_THEME_MODE_DARK:
      return TRUE;
    case TESS_THEME_MODE_SYSTEM:
    default:
      return self->style_manager != NULL && adw_style_manager_get_dark (self->style_manager);
    }
}

static void
update_theme_class (TessWidgetView *self)
{
  gboolean dark = tess_widget_view_is_dark (self);

  gtk_widget_remove_css_class (GTK_WIDGET (self), dark ? "tess-light" : "tess-dark");
  gtk_widget_add_css_class (GTK_WIDGET (self), dark ? "tess-dark" : "tess-light");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

static void
on_style_manager_dark_changed (TessWidgetView *self)
{
  if (self->theme_mode == TESS_THEME_MODE_SYSTEM)
    update_theme_class (self);
}

/* Size: a Card is as wide as its size preset, never wider than the space given. */

static int
preset_width (TessWidgetView *self)
{
  const char *type;

  if (self->root == NULL)
    return -1;
  type = tess_node_get_type_name (self->root);
  if (strcmp (type, "Card") == 0)
    return tess_theme_card_width_px (tess_render_prop_string (self->root, "size"));
  if (strcmp (type, "ListView") == 0)
    return tess_theme_card_width_px ("md");
  return -1;
}

static void
tess_widget_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  TessWidgetView *self = TESS_WIDGET_VIEW (widget);
  GtkWidget *child = root_widget (self);
  int preset = preset_width (self);

  *minimum = *natural = 0;
  if (child == NULL || !gtk_widget_should_layout (child))
    return;

  /* Widths never depend on the height (CSS has no width-for-height). */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      /* For no particular width, the height at the natural width (as GtkLabel reports it):
       * the width the view is most often given, so the layout is not done twice. */
      if (for_size < 0)
        gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &for_size, NULL, NULL);
      if (preset > 0 && for_size > preset)
        for_size = MAX (preset, 0);
    }

  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);

  /* Flex layouts report no minimum height (CSS has none in the block axis); the view is
   * as tall as its content. */
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural;

  if (orientation == GTK_ORIENTATION_HORIZONTAL && preset > 0)
    *natural = MAX (*minimum, preset);
}

static GtkSizeRequestMode
tess_widget_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
tess_widget_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  TessWidgetView *self = TESS_WIDGET_VIEW (widget);
  GtkWidget *child = root_widget (self);
  int preset = preset_width (self);
  int child_width = width, child_height = height, min_width = 0;

  if (child == NULL || !gtk_widget_should_layout (child))
    return;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  if (preset > 0)
    child_width = MAX (MIN (width, preset), min_width);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height,
                      NULL, NULL);
  child_height = MAX (child_height, height);

  gtk_widget_allocate (child, child_width, child_height, -1, NULL);
}

static void
clear_loading (TessWidgetView *self)
{
  for (guint i = 0; i < self->loading->len; i++)
    tess_element_set_loading (g_ptr_array_index (self->loading, i), FALSE);
  g_ptr_array_set_size (self->loading, 0);

  if (self->container_loading && root_widget (self) != NULL)
    {
      gtk_widget_remove_css_class (root_widget (self), "tess-loading-container");
      gtk_widget_set_sensitive (root_widget (self), TRUE);
    }
  self->container_loading = FALSE;
}

static void
drop_element_tree (TessWidgetView *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->loading, 0);
  self->container_loading = FALSE;
  self->collapse_on_finish = NULL;

  child = root_widget (self);
  if (child != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->root_element, tess_element_free);
}

static void
tess_widget_view_dispose (GObject *object)
{
  TessWidgetView *self = (TessWidgetView *)object;

  drop_element_tree (self);
  if (self->style_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->style_manager, self);
  self->style_manager = NULL;
  g_clear_object (&self->root);

  G_OBJECT_CLASS (tess_widget_view_parent_class)->dispose (object);
}

static void
tess_widget_view_finalize (GObject *object)
{
  TessWidgetView *self = (TessWidgetView *)object;

  g_clear_pointer (&self->loading, g_ptr_array_unref);

  G_OBJECT_CLASS (tess_widget_view_parent_class)->finalize (object);
}

static void
tess_widget_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TessWidgetView *self = TESS_WIDGET_VIEW (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_value_set_object (value, self->root);
      break;
    case PROP_THEME_MODE:
      g_value_set_int (value, self->theme_mode);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, tess_widget_view_is_dark (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_widget_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TessWidgetView *self = TESS_WIDGET_VIEW (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      tess_widget_view_set_root (self, g_value_get_object (value));
      break;
    case PROP_THEME_MODE:
      tess_widget_view_set_theme_mode (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
autofocus_walk (TessElement *element)
{
  if (element->control != NULL &&
      g_object_get_data (G_OBJECT (element->control), "tess-autofocus") != NULL)
    {
      gtk_widget_grab_focus (element->control);
      return;
    }
  for (guint i = 0; i < element->children->len; i++)
    autofocus_walk (g_ptr_array_index (element->children, i));
}

static void
tess_widget_view_map (GtkWidget *widget)
{
  TessWidgetView *self = TESS_WIDGET_VIEW (widget);

  GTK_WIDGET_CLASS (tess_widget_view_parent_class)->map (widget);
  if (self->root_element != NULL)
    autofocus_walk (self->root_element);
}

static void
tess_widget_view_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tess_widget_view_parent_class)->root (widget);
  tess_theme_ensure_installed (gtk_widget_get_display (widget));
}

static void
tess_widget_view_class_init (TessWidgetViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_widget_view_dispose;
  object_class->finalize = tess_widget_view_finalize;
  object_class->get_property = tess_widget_view_get_property;
  object_class->set_property = tess_widget_view_set_property;

  widget_class->measure = tess_widget_view_measure;
  widget_class->size_allocate = tess_widget_view_size_allocate;
  widget_class->get_request_mode = tess_widget_view_get_request_mode;
  widget_class->map = tess_widget_view_map;
  widget_class->root = tess_widget_view_root;

  properties[PROP_ROOT] =
    g_param_spec_object ("root", NULL, NULL, TESS_TYPE_NODE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_THEME_MODE] =
    g_param_spec_int ("theme-mode", NULL, NULL, TESS_THEME_MODE_SYSTEM, TESS_THEME_MODE_DARK,
                      TESS_THEME_MODE_SYSTEM,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TessWidgetView::action:
   * @action: the ActionConfig, with form values merged into its payload
   * @sender: the node whose action it is
   */
  signals[ACTION] =
    g_signal_new ("action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, TESS_TYPE_ACTION_CONFIG | G_SIGNAL_TYPE_STATIC_SCOPE,
                  TESS_TYPE_NODE);
  /**
   * TessWidgetView::error:
   * @message: what went wrong (a form value colliding with a payload key, …)
   * @sender: the node concerned
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, TESS_TYPE_NODE);

  gtk_widget_class_set_css_name (widget_class, "tess-widget-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tess_widget_view_init (TessWidgetView *self)
{
  adw_init ();
  self->loading = g_ptr_array_new ();
  self->style_manager = adw_style_manager_get_default ();
  g_signal_connect_swapped (self->style_manager, "notify::dark",
                            G_CALLBACK (on_style_manager_dark_changed), self);
  gtk_widget_add_css_class (GTK_WIDGET (self), "tess-view");
  update_theme_class (self);
}

GtkWidget *
tess_widget_view_new (void)
{
  return g_object_new (TESS_TYPE_WIDGET_VIEW, NULL);
}

TessNode *
tess_widget_view_get_root (TessWidgetView *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_VIEW (self), NULL);

  return self->root;
}

/* Updates in place */

typedef struct
{
  GHashTable *by_old;     /* old node → TessNodeChange (REPLACED, PROPS, TEXT_APPENDED) */
  GHashTable *by_parent;  /* new parent → GPtrArray of INSERTED/REMOVED/MOVED changes */
} ChangeIndex;

static TessElement *reconcile (TessWidgetView *self,
                               TessElement    *element,
                               TessNode       *new_node,
                               ChangeIndex    *index);

static void
reconcile_children (TessWidgetView *self,
                    TessElement    *element,
                    TessNode       *new_node,
                    ChangeIndex    *index)
{
  GPtrArray *structural = g_hash_table_lookup (index->by_parent, new_node);
  guint n_new = tess_node_get_n_children (new_node);
  guint n_old = element->children->len;
  g_autoptr(GPtrArray) old_children = element->children;
  g_autofree gboolean *reused = g_new0 (gboolean, MAX (n_old, 1));
  g_autofree int *source = g_new (int, MAX (n_new, 1));
  gboolean changed = FALSE;
  gboolean props_changed = FALSE;

  /* Without inserts, removals or moves, child j is old child j. */
  for (guint j = 0; j < n_new; j++)
    source[j] = j < n_old ? (int) j : -1;

  if (structural != NULL)
    {
      changed = TRUE;
      for (guint i = 0; i < structural->len; i++)
        {
          TessNodeChange *change = g_ptr_array_index (structural, i);

          if (change->kind == TESS_CHANGE_INSERTED && change->new_index < n_new)
            source[change->new_index] = -1;
          else if (change->kind == TESS_CHANGE_MOVED && change->new_index < n_new)
            source[change->new_index] = (int) change->old_index;
        }
      /* A child the diff removed is never a source, even at a matching index. */
      for (guint i = 0; i < structural->len; i++)
        {
          TessNodeChange *change = g_ptr_array_index (structural, i);

          if (change->kind == TESS_CHANGE_REMOVED)
            for (guint j = 0; j < n_new; j++)
              if (source[j] == (int) change->old_index &&
                  g_hash_table_lookup (index->by_old, change->old_node) == NULL)
                {
                  gboolean moved_here = FALSE;
                  for (guint k = 0; k < structural->len; k++)
                    {
                      TessNodeChange *other = g_ptr_array_index (structural, k);
                      if (other->kind == TESS_CHANGE_MOVED && other->new_index == j)
                        moved_here = TRUE;
                    }
                  if (!moved_here)
                    source[j] = -1;
                }
        }
    }

  element->children = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_element_free);
  for (guint j = 0; j < n_new; j++)
    {
      TessNode *new_child = tess_node_get_child (new_node, j);
      TessElement *child = NULL;

      if (source[j] >= 0 && (guint) source[j] < n_old && !reused[source[j]])
        {
          TessElement *old_child = g_ptr_array_index (old_children, source[j]);

          if (tess_node_get_type_name (old_child->node) == tess_node_get_type_name (new_child))
            {
              TessNodeChange *props = g_hash_table_lookup (index->by_old, old_child->node);

              props_changed = props_changed || (props != NULL && props->kind == TESS_CHANGE_PROPS);
              reused[source[j]] = TRUE;
              g_ptr_array_index (old_children, source[j]) = NULL;
              child = reconcile (self, old_child, new_child, index);
              if (child != old_child)
                changed = TRUE;
            }
        }

      if (child == NULL)
        {
          child = tess_element_build (self, element, new_child);
          changed = TRUE;
        }
      child->parent = element;
      g_ptr_array_add (element->children, child);
    }

  /* Elements no longer used: their widgets leave with them. */
  for (guint i = 0; i < n_old; i++)
    if (g_ptr_array_index (old_children, i) != NULL)
      changed = TRUE;

  if (changed || n_old != n_new)
    tess_element_sync_children (element);
  else if (props_changed && TESS_IS_FLEX_LAYOUT (gtk_widget_get_layout_manager (element->content)))
    /* a child's item props (flex, sizes, margins) are kept by this container's layout */
    tess_render_setup_layout (element->content, element->node);
}

static TessElement *
reconcile (TessWidgetView *self,
           TessElement    *element,
           TessNode       *new_node,
           ChangeIndex    *index)
{
  TessNodeChange *change = g_hash_table_lookup (index->by_old, element->node);
  g_autoptr(TessNode) old_node = g_object_ref (element->node);
  const char *type = tess_node_get_type_name (new_node);

  /* Tables, charts and rows of a table are small; they are rebuilt when anything changed. */
  if (change != NULL && change->kind == TESS_CHANGE_REPLACED)
    goto rebuild;

  if ((strcmp (type, "Table") == 0 || strcmp (type, "Chart") == 0) &&
      !tess_node_equal (old_node, new_node))
    goto rebuild;

  g_set_object (&element->node, new_node);
  if (element->widget != NULL)
    tess_render_widget_set_node (element->widget, new_node);

  if (change != NULL && change->kind == TESS_CHANGE_TEXT_APPENDED)
    {
      if (!tess_element_update_props (element, old_node))
        {
          g_set_object (&element->node, old_node);
          goto rebuild;
        }
    }
  else if (change != NULL && change->kind == TESS_CHANGE_PROPS)
    {
      if (!tess_element_update_props (element, old_node))
        {
          g_set_object (&element->node, old_node);
          goto rebuild;
        }
    }

  if (element->content != NULL || strcmp (type, "Table.Row") == 0)
    reconcile_children (self, element, new_node, index);

  return element;

rebuild:
  {
    TessElement *fresh = tess_element_build (self, element->parent, new_node);

    g_ptr_array_remove (self->loading, element);
    if (self->collapse_on_finish == element)
      self->collapse_on_finish = NULL;
    tess_element_free (element);
    return fresh;
  }
}

static void
collect_labels_and_fields (TessElement *element,
                           GHashTable  *labels,
                           GPtrArray   *fields)
{
  if (strcmp (tess_node_get_type_name (element->node), "Label") == 0 &&
      tess_node_get_string (element->node, "fieldName") != NULL && element->label != NULL)
    g_hash_table_replace (labels, (gpointer) tess_node_get_string (element->node, "fieldName"),
                          element);
  if (tess_element_is_field (element))
    g_ptr_array_add (fields, element);
  for (guint i = 0; i < element->children->len; i++)
    collect_labels_and_fields (g_ptr_array_index (element->children, i), labels, fields);
}

static void
on_label_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkWidget       *control)
{
  gtk_widget_grab_focus (control);
}

/* A Label names the control whose `name` is its `fieldName`, for screen readers and clicks. */
static void
connect_labels (TessWidgetView *self)
{
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();

  if (self->root_element == NULL)
    return;
  collect_labels_and_fields (self->root_element, labels, fields);
  for (guint i = 0; i < fields->len; i++)
    {
      TessElement *field = g_ptr_array_index (fields, i);
      TessElement *label = g_hash_table_lookup (labels, tess_element_field_name (field));
      GtkEventController *click;

      if (label == NULL || g_object_get_data (G_OBJECT (label->label), "tess-labels") ==
                           field->control)
        continue;
      tess_render_set_accessible_name (field->control,
                                       tess_text_get_text (TESS_TEXT (label->label)));
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field->control),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label->label, NULL,
                                      -1);
      click = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
      g_signal_connect_object (click, "pressed", G_CALLBACK (on_label_pressed), field->control,
                               0);
      gtk_widget_add_controller (label->label, click);
      g_object_set_data (G_OBJECT (label->label), "tess-labels", field->control);
    }
}

static void
show_root_element (TessWidgetView *self)
{
  connect_labels (self);
  GtkWidget *child = root_widget (self);

  if (child != NULL && gtk_widget_get_parent (child) == NULL)
    gtk_widget_set_parent (child, GTK_WIDGET (self));
  tess_style_registry_flush ();
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
tess_widget_view_set_root (TessWidgetView *self,
                           TessNode       *root)
{
  g_autoptr(GPtrArray) changes = NULL;
  ChangeIndex index;
  TessElement *element;
  GtkWidget *old_widget;

  g_return_if_fail (TESS_IS_WIDGET_VIEW (self));
  g_return_if_fail (root == NULL || TESS_IS_NODE (root));

  if (root == self->root)
    return;

  tess_render_ensure_resources ();

  if (root == NULL || self->root_element == NULL ||
      tess_node_get_type_name (root) != tess_node_get_type_name (self->root))
    {
      drop_element_tree (self);
      g_set_object (&self->root, root);
      if (root != NULL)
        {
          self->root_element = tess_element_build (self, NULL, root);
          show_root_element (self);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOT]);
      return;
    }

  /* A new tree ends whatever was loading: it is the answer to the action. */
  clear_loading (self);

  changes = tess_node_diff (self->root, root);
  index.by_old = g_hash_table_new (NULL, NULL);
  index.by_parent = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < changes->len; i++)
    {
      TessNodeChange *change = g_ptr_array_index (changes, i);

      switch (change->kind)
        {
        case TESS_CHANGE_REPLACED:
        case TESS_CHANGE_PROPS:
        case TESS_CHANGE_TEXT_APPENDED:
          g_hash_table_insert (index.by_old, change->old_node, change);
          break;
        case TESS_CHANGE_INSERTED:
        case TESS_CHANGE_REMOVED:
        case TESS_CHANGE_MOVED:
          {
            GPtrArray *list = g_hash_table_lookup (index.by_parent, change->new_parent);
            if (list == NULL)
              {
                list = g_ptr_array_new ();
                g_hash_table_insert (index.by_parent, change->new_parent, list);
              }
            g_ptr_array_add (list, change);
          }
          break;
        default:
          break;
        }
    }

  old_widget = root_widget (self) ? g_object_ref (root_widget (self)) : NULL;
  element = reconcile (self, self->root_element, root, &index);
  if (element != self->root_element)
    {
      /* The root itself was rebuilt (reconcile freed the old element). */
      if (old_widget != NULL && gtk_widget_get_parent (old_widget) == GTK_WIDGET (self))
        gtk_widget_unparent (old_widget);
      self->root_element = element;
    }
  g_clear_object (&old_widget);
  g_set_object (&self->root, root);
  show_root_element (self);

  g_hash_table_unref (index.by_old);
  g_hash_table_unref (index.by_parent);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOT]);
}

void
tess_widget_view_set_theme_mode (TessWidgetView *self,
                                 TessThemeMode   mode)
{
  g_return_if_fail (TESS_IS_WIDGET_VIEW (self));

  if (self->theme_mode == mode)
    return;
  self->theme_mode = mode;
  update_theme_class (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME_MODE]);
}

TessThemeMode
tess_widget_view_get_theme_mode (TessWidgetView *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_VIEW (self), TESS_THEME_MODE_SYSTEM);

  return self->theme_mode;
}

/* Lookup */

static TessElement *
find_element (TessElement *element,
              const char  *id_or_key)
{
  if (g_strcmp0 (tess_node_get_id (element->node), id_or_key) == 0 ||
      g_strcmp0 (tess_node_get_key (element->node), id_or_key) == 0)
    return element;
  for (guint i = 0; i < element->children->len; i++)
    {
      TessElement *found = find_element (g_ptr_array_index (element->children, i), id_or_key);
      if (found != NULL)
        return found;
    }
  return NULL;
}

TessElement *
_tess_widget_view_find_element (TessWidgetView *self,
                                const char     *id_or_key)
{
  if (self->root_element == NULL || id_or_key == NULL)
    return NULL;
  return find_element (self->root_element, id_or_key);
}

static TessElement *
pick_element (TessWidgetView *self,
              TessElement    *element,
              double          x,
              double          y)
{
  graphene_rect_t bounds;

  if (element->widget == NULL || !gtk_widget_get_mapped (element->widget) ||
      !gtk_widget_compute_bounds (element->widget, GTK_WIDGET (self), &bounds) ||
      !graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y)))
    return NULL;
  /* The innermost wins: children are drawn on top of their container. */
  for (guint i = element->children != NULL ? element->children->len : 0; i > 0; i--)
    {
      TessElement *picked = pick_element (self, g_ptr_array_index (element->children, i - 1),
                                          x, y);

      if (picked != NULL)
        return picked;
    }
  return element;
}

TessNode *
tess_widget_view_pick (TessWidgetView *self,
                       double          x,
                       double          y)
{
  TessElement *picked;

  g_return_val_if_fail (TESS_IS_WIDGET_VIEW (self), NULL);

  if (self->root_element == NULL)
    return NULL;
  picked = pick_element (self, self->root_element, x, y);
  return picked != NULL ? picked->node : NULL;
}

GtkWidget *
tess_widget_view_lookup_widget (TessWidgetView *self,
                                const char     *id_or_key)
{
  TessElement *element;

  g_return_val_if_fail (TESS_IS_WIDGET_VIEW (self), NULL);
  g_return_val_if_fail (id_or_key != NULL, NULL);

  element = _tess_widget_view_find_element (self, id_or_key);
  if (element == NULL)
    return NULL;
  return element->control ? element->control : element->widget;
}

gboolean
tess_widget_view_activate (TessWidgetView *self,
                           const char     *id_or_key)
{
  GtkWidget *widget;

  g_return_val_if_fail (TESS_IS_WIDGET_VIEW (self), FALSE);

  widget = tess_widget_view_lookup_widget (self, id_or_key);
  if (widget == NULL)
    return FALSE;
  if (GTK_IS_BUTTON (widget))
    {
      g_signal_emit_by_name (widget, "clicked");
      return TRUE;
    }
  if (GTK_IS_CHECK_BUTTON (widget))
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (widget),
                                   !gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)));
      return TRUE;
    }
  return gtk_widget_activate (widget);
}

/* Updates from the protocol */

gboolean
tess_widget_view_apply_update (TessWidgetView  *self,
                               JsonNode        *update,
                               GError         **error)
{
  JsonObject *object;
  const char *type;

  g_return_val_if_fail (TESS_IS_WIDGET_VIEW (self), FALSE);
  g_return_val_if_fail (update != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (update))
    {
      g_set_error (error, TESS_WIDGET_ERROR, TESS_WIDGET_ERROR_INVALID,
                   _("/: an update must be an object"));
      return FALSE;
    }
  object = json_node_get_object (update);
  type = json_object_get_string_member_with_default (object, "type", NULL);
  if (type == NULL)
    {
      g_set_error (error, TESS_WIDGET_ERROR, TESS_WIDGET_ERROR_INVALID,
                   _("/type: missing update type"));
      return FALSE;
    }

  if (strcmp (type, "widget.streaming_text.value_delta") == 0)
    {
      const char *id = json_object_get_string_member_with_default (object, "component_id", NULL);
      const char *delta = json_object_get_string_member_with_default (object, "delta", NULL);
      gboolean done = json_object_get_boolean_member_with_default (object, "done", FALSE);
      TessElement *element = _tess_widget_view_find_element (self, id);
      const char *element_type;

      if (id == NULL || delta == NULL)
        {
          g_set_error (error, TESS_WIDGET_ERROR, TESS_WIDGET_ERROR_INVALID,
                       id == NULL ? _("/component_id: missing") : _("/delta: missing"));
          return FALSE;
        }
      element_type = element ? tess_node_get_type_name (element->node) : NULL;
      if (element == NULL || (strcmp (element_type, "Text") != 0 &&
                              strcmp (element_type, "Markdown") != 0))
        {
          g_set_error (error, TESS_WIDGET_ERROR, TESS_WIDGET_ERROR_INVALID,
                       _("/component_id: no Text or Markdown with id “%s”"), id);
          return FALSE;
        }
      if (done)
        {
          g_autoptr(JsonNode) streaming = json_node_new (JSON_NODE_VALUE);
          json_node_set_boolean (streaming, FALSE);
          tess_node_set_prop (element->node, "streaming", streaming);
        }
      tess_element_append_text (element, delta);
      return TRUE;
    }

  if (strcmp (type, "widget.root.updated") == 0 || strcmp (type, "widget.component.updated") == 0)
    {
      gboolean whole = strcmp (type, "widget.root.updated") == 0;
      JsonNode *json = json_object_get_member (object, whole ? "widget" : "component");
      g_autoptr(GPtrArray) diagnostics =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tess_diagnostic_free);
      g_autoptr(TessNode) parsed = NULL;
      g_autoptr(TessNode) new_root = NULL;

      if (json == NULL)
        {
          g_set_error (error, TESS_WIDGET_ERROR, TESS_WIDGET_ERROR_INVALID,
                       whole ? _("/widget: missing") : _("/component: missing"));
          return FALSE;
        }
      parsed = whole ? tess_widget_parse (json, diagnostics)
                     : tess_widget_parse_component (json, diagnostics);
      if (parsed == NULL)
        {
          g_set_error (error, TESS_WIDGET_ERROR, TESS_WIDGET_ERROR_INVALID,
                       whole ? _("/widget: not a widget") : _("/component: not a component"));
          return FALSE;
        }

      if (whole)
        {
          new_root = g_steal_pointer (&parsed);
        }
      else
        {
          const char *id = json_object_get_string_member_with_default (object, "component_id",
                                                                       NULL);
          TessNode *target;
          TessNode *parent;
          guint position;

          if (self->root == NULL || id == NULL)
            {
              g_set_error (error, TESS_WIDGET_ERROR, TESS_WIDGET_ERROR_INVALID,
                           _("/component_id: missing or nothing shown"));
              return FALSE;
            }
          new_root = tess_node_copy (self->root);
          target = tess_node_find_by_id (new_root, id);
          if (target == NULL)
            {
              g_set_error (error, TESS_WIDGET_ERROR, TESS_WIDGET_ERROR_INVALID,
                           _("/component_id: no component with id “%s”"), id);
              return FALSE;
            }
          parent = tess_node_get_parent (target);
          if (parent == NULL)
            {
              g_set_object (&new_root, parsed);
            }
          else
            {
              position = tess_node_get_index (target);
              tess_node_remove_child (parent, position);
              tess_node_insert_child (parent, (int) position, parsed);
            }
        }

      tess_widget_view_set_root (self, new_root);
      return TRUE;
    }

  g_set_error (error, TESS_WIDGET_ERROR, TESS_WIDGET_ERROR_INVALID,
               _("/type: unknown update type “%s”"), type);
  return FALSE;
}

/* Forms and actions */

static TessElement *
find_form (TessElement *element)
{
  for (TessElement *e = element; e != NULL; e = e->parent)
    {
      const char *type = tess_node_get_type_name (e->node);

      if (strcmp (type, "Form") == 0)
        return e;
      if (strcmp (type, "Card") == 0 && tess_render_prop_boolean (e->node, "asForm"))
        return e;
    }
  return NULL;
}

static void
collect_fields (TessElement *element,
                GPtrArray   *fields)
{
  if (tess_element_is_field (element))
    g_ptr_array_add (fields, element);
  for (guint i = 0; i < element->children->len; i++)
    collect_fields (g_ptr_array_index (element->children, i), fields);
}

/* Puts @value at the dotted @name inside @object; FALSE when a key is already taken. */
static gboolean
set_dotted (JsonObject *object,
            const char *name,
            JsonNode   *value)
{
  g_auto(GStrv) parts = g_strsplit (name, ".", 64);
  guint n = g_strv_length (parts);

  for (guint i = 0; i < n; i++)
    if (*parts[i] == '\0')
      return FALSE;

  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *member = json_object_get_member (object, parts[i]);

      if (member == NULL)
        {
          JsonObject *child = json_object_new ();
          json_object_set_object_member (object, parts[i], child);
          object = child;
        }
      else if (JSON_NODE_HOLDS_OBJECT (member))
        object = json_node_get_object (member);
      else
        return FALSE;
    }

  if (json_object_has_member (object, parts[n - 1]))
    return FALSE;
  json_object_set_member (object, parts[n - 1], json_node_copy (value));
  return TRUE;
}

static void
emit_error (TessWidgetView *self,
            const char     *message,
            TessNode       *node)
{
  g_signal_emit (self, signals[ERROR], 0, message, node);
}

/* The form's field values merged into @payload; collisions are reported and dropped. */
static JsonNode *
merge_form_values (TessWidgetView *self,
                   TessElement    *form,
                   JsonNode       *payload)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(JsonObject) merged = NULL;
  JsonNode *result;

  if (payload != NULL && !JSON_NODE_HOLDS_OBJECT (payload) && !JSON_NODE_HOLDS_NULL (payload))
    {
      emit_error (self, _("The action payload is not an object, so form values cannot be added"),
                  form->node);
      return json_node_copy (payload);
    }

  if (payload != NULL && JSON_NODE_HOLDS_OBJECT (payload))
    {
      g_autoptr(JsonNode) copy = json_node_copy (payload);
      merged = json_object_ref (json_node_get_object (copy));
    }
  else
    {
      merged = json_object_new ();
    }

  collect_fields (form, fields);
  for (guint i = 0; i < fields->len; i++)
    {
      TessElement *field = g_ptr_array_index (fields, i);
      const char *name = tess_element_field_name (field);
      g_autoptr(JsonNode) value = tess_element_dup_field_value (field);

      if (!set_dotted (merged, name, value))
        {
          g_autofree char *pointer = tess_node_dup_pointer (field->node);
          g_autofree char *message =
            g_strdup_printf (_("%s: form field “%s” collides with an existing payload key; "
                               "its value was not sent"), pointer, name);
          emit_error (self, message, field->node);
        }
    }

  result = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (result, merged);
  return result;
}

static const char *
resolve_loading (const char *configured,
                 const char *site)
{
  if (configured != NULL && strcmp (configured, "auto") != 0)
    return configured;

  /* widgets.md §3.1.1; the sites it leaves open follow the nearest documented one. */
  if (strcmp (site, "Button") == 0 || strcmp (site, "ListViewItem") == 0 ||
      strcmp (site, "submit") == 0)
    return "self";
  if (strcmp (site, "confirm") == 0)
    return "container";
  return "none";
}

static void
emit_action_with_payload (TessWidgetView *self,
                          TessElement    *sender,
                          JsonNode       *json,
                          const char     *site,
                          TessElement    *form)
{
  g_autoptr(TessActionConfig) action = tess_action_config_new_from_json (json);
  g_autoptr(TessNode) sender_node = NULL;
  const char *loading;

  if (action == NULL)
    {
      g_autofree char *pointer = tess_node_dup_pointer (sender->node);
      g_autofree char *message = g_strdup_printf (_("%s: the action has no type"), pointer);
      emit_error (self, message, sender->node);
      return;
    }

  if (form != NULL)
    {
      JsonNode *merged = merge_form_values (self, form, action->payload);
      g_clear_pointer (&action->payload, json_node_unref);
      action->payload = merged;
    }

  loading = resolve_loading (action->loading_behavior, site);
  if (strcmp (loading, "self") == 0)
    {
      tess_element_set_loading (sender, TRUE);
      g_ptr_array_add (self->loading, sender);
    }
  else if (strcmp (loading, "container") == 0 && root_widget (self) != NULL)
    {
      gtk_widget_add_css_class (root_widget (self), "tess-loading-container");
      gtk_widget_set_sensitive (root_widget (self), FALSE);
      self->container_loading = TRUE;
    }

  if (strcmp (site, "confirm") == 0 && tess_render_prop_boolean (sender->node, "collapsed"))
    self->collapse_on_finish = sender;

  /* Handlers may replace the tree; the node must outlive the emission. */
  sender_node = g_object_ref (sender->node);
  g_signal_emit (self, signals[ACTION], 0, action, sender_node);
}

void
_tess_widget_view_emit_action (TessWidgetView *self,
                               TessElement    *sender,
                               JsonNode       *action,
                               const char     *site)
{
  emit_action_with_payload (self, sender, action, site, find_form (sender));
}

void
_tess_widget_view_submit (TessWidgetView *self,
                          TessElement    *sender)
{
  TessElement *form = find_form (sender);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  TessElement *first_invalid = NULL;
  JsonNode *action = NULL;

  if (form == NULL)
    {
      /* A submit button outside any form acts as a plain button. */
      action = tess_node_get_prop (sender->node, "onClickAction");
      if (action != NULL)
        emit_action_with_payload (self, sender, action, "Button", NULL);
      return;
    }

  collect_fields (form, fields);
  for (guint i = 0; i < fields->len; i++)
    {
      TessElement *field = g_ptr_array_index (fields, i);
      if (!tess_element_validate_field (field) && first_invalid == NULL)
        first_invalid = field;
    }
  if (first_invalid != NULL)
    {
      gtk_widget_grab_focus (first_invalid->control);
      return;
    }

  if (strcmp (tess_node_get_type_name (form->node), "Form") == 0)
    action = tess_node_get_prop (form->node, "onSubmitAction");
  else
    {
      JsonNode *confirm = tess_node_get_prop (form->node, "confirm");
      if (confirm != NULL && JSON_NODE_HOLDS_OBJECT (confirm))
        action = json_object_get_member (json_node_get_object (confirm), "action");
    }
  if (action == NULL)
    action = tess_node_get_prop (sender->node, "onClickAction");
  if (action == NULL)
    return;

  emit_action_with_payload (self, sender, action,
                            sender == form ? "confirm" : "submit", form);
}

void
_tess_widget_view_field_changed (TessWidgetView *self,
                                 TessElement    *element)
{
  GtkWidget *placeholder = element->control
                             ? g_object_get_data (G_OBJECT (element->control), "tess-placeholder")
                             : NULL;

  tess_element_clear_field_error (element);
  if (placeholder != NULL && GTK_IS_TEXT_VIEW (element->control))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (element->control));
      gtk_widget_set_visible (placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
    }
}

JsonObject *
tess_widget_view_collect_form_values (TessWidgetView *self,
                                      TessNode       *form)
{
  g_autoptr(JsonNode) merged = NULL;
  TessElement *element = NULL;

  g_return_val_if_fail (TESS_IS_WIDGET_VIEW (self), NULL);
  g_return_val_if_fail (TESS_IS_NODE (form), NULL);

  if (tess_node_get_id (form) != NULL)
    element = _tess_widget_view_find_element (self, tess_node_get_id (form));
  else if (tess_node_get_key (form) != NULL)
    element = _tess_widget_view_find_element (self, tess_node_get_key (form));
  else if (self->root_element != NULL && self->root_element->node == form)
    element = self->root_element;
  if (element == NULL)
    return NULL;

  merged = merge_form_values (self, element, NULL);
  return json_object_ref (json_node_get_object (merged));
}

void
tess_widget_view_finish_actions (TessWidgetView *self)
{
  g_return_if_fail (TESS_IS_WIDGET_VIEW (self));

  clear_loading (self);
  if (self->collapse_on_finish != NULL)
    {
      TessElement *card = self->collapse_on_finish;

      if (card->body != NULL)
        gtk_widget_set_visible (card->body, FALSE);
      self->collapse_on_finish = NULL;
    }
}

gboolean
tess_widget_view_is_loading (TessWidgetView *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_VIEW (self), FALSE);

  return self->loading->len > 0 || self->container_loading;
}
