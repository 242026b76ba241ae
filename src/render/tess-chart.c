/* tess-chart.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bar, line and area series over categorical x values, drawn with Cairo: stacking (bars and
 * areas sharing a `stack` id), bar gaps, the curve types of d3-shape (linear, step*, and the
 * smooth ones approximated by monotone cubic segments), optional y axis, legend and hover
 * tooltips.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tess-chart.h"
#include "tess-render-private.h"

#define MAX_ROWS 2000
#define MAX_SERIES 32
#define LEGEND_HEIGHT 24
#define X_AXIS_HEIGHT 22
#define Y_AXIS_WIDTH 36

static const char * const palette[] = {
  "blue", "purple", "orange", "green", "red", "yellow", "pink"
};

typedef struct
{
  char     *type;      /* bar, line, area */
  char     *data_key;
  char     *label;
  char     *stack;
  char     *curve;
  JsonNode *color;
  guint     index;
} Series;

struct _TessChart
{
  GtkWidget  parent_instance;

  TessNode  *node;
  GPtrArray *series;     /* Series */
  GPtrArray *rows;       /* JsonObject, referenced */
  char      *x_key;
  gboolean   x_hidden;
  JsonObject *x_labels;
};

G_DEFINE_FINAL_TYPE (TessChart, tess_chart, GTK_TYPE_WIDGET)

static void
series_free (Series *series)
{
  g_free (series->type);
  g_free (series->data_key);
  g_free (series->label);
  g_free (series->stack);
  g_free (series->curve);
  g_clear_pointer (&series->color, json_node_unref);
  g_free (series);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *member = json_object_get_member (object, name);

  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_STRING)
    return json_node_get_string (member);
  return NULL;
}

static double
row_value (JsonObject *row,
           const char *key)
{
  JsonNode *member = row ? json_object_get_member (row, key) : NULL;

  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member))
    return NAN;
  switch (json_node_get_value_type (member))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return json_node_get_double (member);
    case G_TYPE_STRING:
      {
        char *end = NULL;
        double value = g_ascii_strtod (json_node_get_string (member), &end);
        return end != json_node_get_string (member) && isfinite (value) ? value : NAN;
      }
    default:
      return NAN;
    }
}

static char *
row_text (JsonObject *row,
          const char *key)
{
  JsonNode *member = row && key ? json_object_get_member (row, key) : NULL;

  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member))
    return g_strdup ("");
  if (json_node_get_value_type (member) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (member));
  return json_to_string (member, FALSE);
}

static void
parse_node (TessChart *self)
{
  JsonNode *data = tess_node_get_prop (self->node, "data");
  JsonNode *series = tess_node_get_prop (self->node, "series");
  JsonNode *x_axis = tess_node_get_prop (self->node, "xAxis");

  g_ptr_array_set_size (self->series, 0);
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->x_key, g_free);
  g_clear_pointer (&self->x_labels, json_object_unref);
  self->x_hidden = FALSE;

  if (data != NULL && JSON_NODE_HOLDS_ARRAY (data))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (data)) && i < MAX_ROWS; i++)
      {
        JsonNode *row = json_array_get_element (json_node_get_array (data), i);
        if (JSON_NODE_HOLDS_OBJECT (row))
          g_ptr_array_add (self->rows, json_object_ref (json_node_get_object (row)));
      }

  if (series != NULL && JSON_NODE_HOLDS_ARRAY (series))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (series)) &&
                      self->series->len < MAX_SERIES; i++)
      {
        JsonNode *entry = json_array_get_element (json_node_get_array (series), i);
        JsonObject *object;
        const char *type, *key;
        Series *s;

        if (!JSON_NODE_HOLDS_OBJECT (entry))
          continue;
        object = json_node_get_object (entry);
        type = string_member (object, "type");
        key = string_member (object, "dataKey");
        if (type == NULL || key == NULL ||
            (strcmp (type, "bar") != 0 && strcmp (type, "line") != 0 && strcmp (type, "area") != 0))
          continue;

        s = g_new0 (Series, 1);
        s->type = g_strdup (type);
        s->data_key = g_strdup (key);
        s->label = g_strdup (string_member (object, "label"));
        s->stack = strcmp (type, "line") != 0 ? g_strdup (string_member (object, "stack")) : NULL;
        s->curve = g_strdup (string_member (object, "curveType"));
        if (json_object_get_member (object, "color") != NULL)
          s->color = json_node_copy (json_object_get_member (object, "color"));
        s->index = self->series->len;
        g_ptr_array_add (self->series, s);
      }

  if (x_axis != NULL && JSON_NODE_HOLDS_VALUE (x_axis) &&
      json_node_get_value_type (x_axis) == G_TYPE_STRING)
    self->x_key = g_strdup (json_node_get_string (x_axis));
  else if (x_axis != NULL && JSON_NODE_HOLDS_OBJECT (x_axis))
    {
      JsonObject *object = json_node_get_object (x_axis);
      JsonNode *labels = json_object_get_member (object, "labels");

      self->x_key = g_strdup (string_member (object, "dataKey"));
      self->x_hidden = json_object_get_boolean_member_with_default (object, "hide", FALSE);
      if (labels != NULL && JSON_NODE_HOLDS_OBJECT (labels))
        self->x_labels = json_object_ref (json_node_get_object (labels));
    }
}

static gboolean
is_dark (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (gtk_widget_has_css_class (w, "tess-dark"))
        return TRUE;
      if (gtk_widget_has_css_class (w, "tess-light"))
        return FALSE;
    }
  return FALSE;
}

static void
series_color (TessChart *self,
              Series    *s,
              GdkRGBA   *rgba)
{
  TessTheme theme = is_dark (GTK_WIDGET (self)) ? TESS_THEME_DARK : TESS_THEME_LIGHT;
  g_autoptr(JsonNode) fallback = json_node_new (JSON_NODE_VALUE);

  if (s->color != NULL &&
      tess_theme_resolve_rgba (TESS_COLOR_FAMILY_CHART, s->color, theme, rgba))
    return;
  json_node_set_string (fallback, palette[s->index % G_N_ELEMENTS (palette)]);
  tess_theme_resolve_rgba (TESS_COLOR_FAMILY_CHART, fallback, theme, rgba);
}

static char *
category_label (TessChart *self,
                JsonObject *row)
{
  g_autofree char *raw = row_text (row, self->x_key);

  if (self->x_labels != NULL && json_object_has_member (self->x_labels, raw))
    {
      JsonNode *label = json_object_get_member (self->x_labels, raw);
      if (JSON_NODE_HOLDS_VALUE (label) && json_node_get_value_type (label) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (label));
    }
  return g_steal_pointer (&raw);
}

/* Value of @s in row @i, plus the base it sits on when stacked. */
static double
stacked_value (TessChart *self,
               guint      row,
               Series    *s,
               double    *base)
{
  JsonObject *object = g_ptr_array_index (self->rows, row);
  double below = 0;

  if (s->stack != NULL)
    for (guint k = 0; k < s->index; k++)
      {
        Series *other = g_ptr_array_index (self->series, k);
        double v;

        if (other->stack == NULL || strcmp (other->stack, s->stack) != 0 ||
            strcmp (other->type, s->type) != 0)
          continue;
        v = row_value (object, other->data_key);
        if (isfinite (v))
          below += v;
      }
  *base = below;
  return row_value (object, s->data_key);
}

static double
value_max (TessChart *self)
{
  double max = 0;

  for (guint r = 0; r < self->rows->len; r++)
    for (guint i = 0; i < self->series->len; i++)
      {
        double base, v = stacked_value (self, r, g_ptr_array_index (self->series, i), &base);
        if (isfinite (v))
          max = MAX (max, v + base);
      }
  return max;
}

static double
nice_ceiling (double value)
{
  double magnitude, fraction;

  if (value <= 0)
    return 1;
  magnitude = pow (10, floor (log10 (value)));
  fraction = value / magnitude;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10)
         * magnitude;
}

typedef struct
{
  double left, top, width, height;
} Plot;

static void
plot_area (TessChart *self,
           int        width,
           int        height,
           Plot      *plot)
{
  gboolean legend = tess_render_prop_boolean (self->node, "showLegend") && self->series->len > 0;
  gboolean y_axis = tess_render_prop_boolean (self->node, "showYAxis");

  plot->left = y_axis ? Y_AXIS_WIDTH : 4;
  plot->top = (legend ? LEGEND_HEIGHT : 0) + 6;
  plot->width = MAX (1, width - plot->left - 4);
  plot->height = MAX (1, height - plot->top - (self->x_hidden ? 4 : X_AXIS_HEIGHT));
}

/* Bar slots: one per stack id (or per unstacked bar series). */
static guint
bar_slot_of (TessChart *self,
             Series    *s,
             guint     *n_slots)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();
  guint slot = 0, count = 0;

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *other = g_ptr_array_index (self->series, i);
      gboolean new_slot = TRUE;

      if (strcmp (other->type, "bar") != 0)
        continue;
      if (other->stack != NULL)
        for (guint k = 0; k < stacks->len; k++)
          if (strcmp (g_ptr_array_index (stacks, k), other->stack) == 0)
            {
              new_slot = FALSE;
              if (other == s)
                slot = k;
            }
      if (new_slot)
        {
          if (other == s)
            slot = count;
          g_ptr_array_add (stacks, other->stack ? other->stack : (char *) "");
          count++;
        }
    }
  *n_slots = count;
  return slot;
}

static void
draw_text (cairo_t       *cr,
           PangoLayout   *layout,
           const char    *text,
           double         x,
           double         y,
           double         align)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align, y);
  pango_cairo_show_layout (cr, layout);
}

static void
trace_curve (cairo_t    *cr,
             const char *curve,
             double     *xs,
             double     *ys,
             guint       n)
{
  gboolean smooth = curve != NULL && strcmp (curve, "linear") != 0 &&
                    strcmp (curve, "linearClosed") != 0 && !g_str_has_prefix (curve, "step");

  cairo_move_to (cr, xs[0], ys[0]);
  for (guint i = 1; i < n; i++)
    {
      if (curve != NULL && strcmp (curve, "step") == 0)
        {
          double mid = (xs[i - 1] + xs[i]) / 2;
          cairo_line_to (cr, mid, ys[i - 1]);
          cairo_line_to (cr, mid, ys[i]);
          cairo_line_to (cr, xs[i], ys[i]);
        }
      else if (curve != NULL && strcmp (curve, "stepBefore") == 0)
        {
          cairo_line_to (cr, xs[i - 1], ys[i]);
          cairo_line_to (cr, xs[i], ys[i]);
        }
      else if (curve != NULL && strcmp (curve, "stepAfter") == 0)
        {
          cairo_line_to (cr, xs[i], ys[i - 1]);
          cairo_line_to (cr, xs[i], ys[i]);
        }
      else if (smooth)
        {
          /* Horizontal tangents at the control points keep the curve monotone between data
           * points, like d3's monotoneX for evenly spaced categories. */
          double dx = (xs[i] - xs[i - 1]) / 3;
          cairo_curve_to (cr, xs[i - 1] + dx, ys[i - 1], xs[i] - dx, ys[i], xs[i], ys[i]);
        }
      else
        {
          cairo_line_to (cr, xs[i], ys[i]);
        }
    }
}

static void
draw_chart (TessChart *self,
            cairo_t   *cr,
            int        width,
            int        height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  guint n = self->rows->len;
  double max = nice_ceiling (value_max (self));
  double bar_gap = CLAMP (tess_node_get_int (self->node, "barGap", 4), 0, 200);
  double category_gap = CLAMP (tess_node_get_int (self->node, "barCategoryGap", 10), 0, 400);
  gboolean legend = tess_render_prop_boolean (self->node, "showLegend") && self->series->len > 0;
  GdkRGBA fg;
  Plot plot;
  double band;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  plot_area (self, width, height, &plot);
  band = n > 0 ? plot.width / n : plot.width;

  /* Grid lines and y labels. */
  for (int i = 0; i <= 4; i++)
    {
      double y = plot.top + plot.height - plot.height * i / 4.0;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, i == 0 ? 0.2 : 0.08);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, plot.left, floor (y) + 0.5);
      cairo_line_to (cr, plot.left + plot.width, floor (y) + 0.5);
      cairo_stroke (cr);

      if (tess_render_prop_boolean (self->node, "showYAxis"))
        {
          g_autofree char *text = g_strdup_printf ("%g", max * i / 4.0);
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
          draw_text (cr, layout, text, plot.left - 6, y - 8, 1.0);
        }
    }

  /* Bars. */
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *s = g_ptr_array_index (self->series, i);
      guint n_slots, slot;
      double slot_width;
      GdkRGBA color;

      if (strcmp (s->type, "bar") != 0)
        continue;
      slot = bar_slot_of (self, s, &n_slots);
      slot_width = MAX (1, (band - category_gap - bar_gap * (n_slots - 1)) / MAX (1, n_slots));
      series_color (self, s, &color);
      gdk_cairo_set_source_rgba (cr, &color);

      for (guint r = 0; r < n; r++)
        {
          double base, v = stacked_value (self, r, s, &base);
          double x, y0, y1, radius;

          if (!isfinite (v) || v <= 0)
            continue;
          x = plot.left + band * r + category_gap / 2 + slot * (slot_width + bar_gap);
          y0 = plot.top + plot.height - plot.height * base / max;
          y1 = plot.top + plot.height - plot.height * (base + v) / max;
          radius = MIN (4, MIN (slot_width / 2, (y0 - y1) / 2));
          cairo_new_sub_path (cr);
          cairo_move_to (cr, x, y0);
          cairo_arc (cr, x + radius, y1 + radius, radius, G_PI, 1.5 * G_PI);
          cairo_arc (cr, x + slot_width - radius, y1 + radius, radius, 1.5 * G_PI, 2 * G_PI);
          cairo_line_to (cr, x + slot_width, y0);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
    }

  /* Areas, then lines. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->series->len && n > 0; i++)
      {
        Series *s = g_ptr_array_index (self->series, i);
        g_autofree double *xs = g_new (double, n);
        g_autofree double *ys = g_new (double, n);
        g_autofree double *bases = g_new (double, n);
        GdkRGBA color;

        if ((pass == 0) != (strcmp (s->type, "area") == 0) || strcmp (s->type, "bar") == 0)
          continue;
        series_color (self, s, &color);
        for (guint r = 0; r < n; r++)
          {
            double base, v = stacked_value (self, r, s, &base);
            xs[r] = plot.left + band * (r + 0.5);
            ys[r] = plot.top + plot.height - plot.height * ((isfinite (v) ? v : 0) + base) / max;
            bases[r] = plot.top + plot.height - plot.height * base / max;
          }

        if (pass == 0)
          {
            trace_curve (cr, s->curve, xs, ys, n);
            for (int r = (int) n - 1; r >= 0; r--)
              cairo_line_to (cr, xs[r], bases[r]);
            cairo_close_path (cr);
            cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.22);
            cairo_fill (cr);
          }
        trace_curve (cr, s->curve, xs, ys, n);
        gdk_cairo_set_source_rgba (cr, &color);
        cairo_set_line_width (cr, 2);
        cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke (cr);
      }

  /* X labels. */
  if (!self->x_hidden && self->x_key != NULL)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
      pango_layout_set_width (layout, (int) (band * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      for (guint r = 0; r < n; r++)
        {
          g_autofree char *label = category_label (self, g_ptr_array_index (self->rows, r));
          int w, h;

          pango_layout_set_text (layout, label, -1);
          pango_layout_get_pixel_size (layout, &w, &h);
          cairo_move_to (cr, plot.left + band * (r + 0.5) - w / 2.0, plot.top + plot.height + 4);
          pango_cairo_show_layout (cr, layout);
        }
      pango_layout_set_width (layout, -1);
    }

  /* Legend. */
  if (legend)
    {
      double x = plot.left;

      for (guint i = 0; i < self->series->len; i++)
        {
          Series *s = g_ptr_array_index (self->series, i);
          GdkRGBA color;
          int w, h;

          series_color (self, s, &color);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_arc (cr, x + 4, 10, 4, 0, 2 * G_PI);
          cairo_fill (cr);
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.75);
          pango_layout_set_text (layout, s->label ? s->label : s->data_key, -1);
          pango_layout_get_pixel_size (layout, &w, &h);
          cairo_move_to (cr, x + 12, 10 - h / 2.0);
          pango_cairo_show_layout (cr, layout);
          x += 12 + w + 14;
        }
    }
}

static void
tess_chart_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_chart (TESS_CHART (widget), cr, width, height);
  cairo_destroy (cr);
}

static void
tess_chart_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  TessChart *self = TESS_CHART (widget);
  double px;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 80;
      *natural = tess_render_length_px (tess_node_get_prop (self->node, "width"), &px)
                   ? (int) CLAMP (px, 80, 10000) : 320;
    }
  else
    {
      double height = 200;

      if (tess_render_length_px (tess_node_get_prop (self->node, "height"), &px) ||
          tess_render_length_px (tess_node_get_prop (self->node, "size"), &px))
        height = px;
      *minimum = *natural = (int) CLAMP (height, 60, 10000);
    }
}

static gboolean
tess_chart_query_tooltip (GtkWidget  *widget,
                          int         x,
                          int         y,
                          gboolean    keyboard,
                          GtkTooltip *tooltip)
{
  g_autofree char *text = tess_chart_dup_tooltip_at (TESS_CHART (widget), x);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
tess_chart_finalize (GObject *object)
{
  TessChart *self = TESS_CHART (object);

  g_clear_object (&self->node);
  g_ptr_array_unref (self->series);
  g_ptr_array_unref (self->rows);
  g_free (self->x_key);
  g_clear_pointer (&self->x_labels, json_object_unref);

  G_OBJECT_CLASS (tess_chart_parent_class)->finalize (object);
}

static void
tess_chart_class_init (TessChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tess_chart_finalize;
  widget_class->snapshot = tess_chart_snapshot;
  widget_class->measure = tess_chart_measure;
  widget_class->query_tooltip = tess_chart_query_tooltip;
  gtk_widget_class_set_css_name (widget_class, "tess-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tess_chart_init (TessChart *self)
{
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  gtk_widget_add_css_class (GTK_WIDGET (self), "tess-chart");
}

GtkWidget *
tess_chart_new (TessNode *node)
{
  TessChart *self = g_object_new (TESS_TYPE_CHART, NULL);

  tess_chart_set_node (self, node);
  return GTK_WIDGET (self);
}

void
tess_chart_set_node (TessChart *self,
                     TessNode  *node)
{
  g_autoptr(GString) description = g_string_new (NULL);

  g_return_if_fail (TESS_IS_CHART (self));
  g_return_if_fail (TESS_IS_NODE (node));

  g_set_object (&self->node, node);
  parse_node (self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), tess_render_prop_boolean (node, "showTooltip"));

  g_string_append (description, "Chart");
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *s = g_ptr_array_index (self->series, i);
      g_string_append_printf (description, "%s %s", i == 0 ? ":" : ",",
                              s->label ? s->label : s->data_key);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description->str, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
tess_chart_get_n_series (TessChart *self)
{
  g_return_val_if_fail (TESS_IS_CHART (self), 0);
  return self->series->len;
}

guint
tess_chart_get_n_rows (TessChart *self)
{
  g_return_val_if_fail (TESS_IS_CHART (self), 0);
  return self->rows->len;
}

char *
tess_chart_dup_tooltip_at (TessChart *self,
                           double     x)
{
  GString *text;
  Plot plot;
  guint row;
  int width;

  g_return_val_if_fail (TESS_IS_CHART (self), NULL);

  if (self->rows->len == 0)
    return NULL;
  width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);
  plot_area (self, width, MAX (gtk_widget_get_height (GTK_WIDGET (self)), 1), &plot);
  if (x < plot.left)
    x = plot.left;
  row = (guint) CLAMP ((x - plot.left) / (plot.width / self->rows->len), 0, self->rows->len - 1);

  text = g_string_new (NULL);
  {
    g_autofree char *label = category_label (self, g_ptr_array_index (self->rows, row));
    g_string_append (text, label);
  }
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *s = g_ptr_array_index (self->series, i);
      g_autofree char *value = row_text (g_ptr_array_index (self->rows, row), s->data_key);
      g_string_append_printf (text, "\n%s: %s", s->label ? s->label : s->data_key, value);
    }
  return g_string_free (text, FALSE);
}
