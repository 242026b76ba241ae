/* tess-zoom-bin.c: shows its child scaled, for the Designer's preview zoom
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The child is laid out at its own size (the preview width) and drawn through a scale
 * transform, so that zooming shows the widget as it is laid out, only bigger or smaller;
 * GTK maps pointer input through the same transform.
 */

#include "config.h"

#include <math.h>

#include "tess-zoom-bin.h"

#define MIN_ZOOM 0.25
#define MAX_ZOOM 4.0

struct _TessZoomBin
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  double     zoom;
};

G_DEFINE_FINAL_TYPE (TessZoomBin, tess_zoom_bin, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tess_zoom_bin_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  TessZoomBin *self = TESS_ZOOM_BIN (widget);
  int child_for_size = for_size < 0 ? -1 : (int) floor (for_size / self->zoom);

  *minimum = *natural = 0;
  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;
  gtk_widget_measure (self->child, orientation, child_for_size, minimum, natural, NULL, NULL);
  *minimum = (int) ceil (*minimum * self->zoom);
  *natural = (int) ceil (*natural * self->zoom);
}

static void
tess_zoom_bin_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  TessZoomBin *self = TESS_ZOOM_BIN (widget);
  GskTransform *transform;

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;
  transform = gsk_transform_scale (NULL, self->zoom, self->zoom);
  gtk_widget_allocate (self->child, (int) floor (width / self->zoom),
                       (int) floor (height / self->zoom), -1, transform);
}

static GtkSizeRequestMode
tess_zoom_bin_get_request_mode (GtkWidget *widget)
{
  TessZoomBin *self = TESS_ZOOM_BIN (widget);

  return self->child != NULL ? gtk_widget_get_request_mode (self->child)
                             : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
tess_zoom_bin_dispose (GObject *object)
{
  TessZoomBin *self = TESS_ZOOM_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (tess_zoom_bin_parent_class)->dispose (object);
}

static void
tess_zoom_bin_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TessZoomBin *self = TESS_ZOOM_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_zoom_bin_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TessZoomBin *self = TESS_ZOOM_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      tess_zoom_bin_set_child (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      tess_zoom_bin_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_zoom_bin_class_init (TessZoomBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_zoom_bin_dispose;
  object_class->get_property = tess_zoom_bin_get_property;
  object_class->set_property = tess_zoom_bin_set_property;
  widget_class->measure = tess_zoom_bin_measure;
  widget_class->size_allocate = tess_zoom_bin_size_allocate;
  widget_class->get_request_mode = tess_zoom_bin_get_request_mode;

  properties[PROP_CHILD] = g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tess_zoom_bin_init (TessZoomBin *self)
{
  self->zoom = 1.0;
}

GtkWidget *
tess_zoom_bin_new (void)
{
  return g_object_new (TESS_TYPE_ZOOM_BIN, NULL);
}

void
tess_zoom_bin_set_child (TessZoomBin *self,
                         GtkWidget   *child)
{
  g_return_if_fail (TESS_IS_ZOOM_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

GtkWidget *
tess_zoom_bin_get_child (TessZoomBin *self)
{
  g_return_val_if_fail (TESS_IS_ZOOM_BIN (self), NULL);

  return self->child;
}

void
tess_zoom_bin_set_zoom (TessZoomBin *self,
                        double       zoom)
{
  g_return_if_fail (TESS_IS_ZOOM_BIN (self));

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (G_APPROX_VALUE (self->zoom, zoom, 1e-9))
    return;
  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
tess_zoom_bin_get_zoom (TessZoomBin *self)
{
  g_return_val_if_fail (TESS_IS_ZOOM_BIN (self), 1.0);

  return self->zoom;
}
