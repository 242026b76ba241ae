/* tess-render-builder.c: one TessNode → GTK widgets
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every node type of the catalog has a builder here. Widgets built from data are built in
 * code; styling goes through CSS classes (static token classes from tess-theme.c, or a
 * registry class for values only the JSON knows).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tess-chart.h"
#include "tess-flex-props.h"
#include "tess-icon.h"
#include "tess-image.h"
#include "tess-markdown.h"
#include "tess-render-element.h"
#include "tess-text.h"

typedef void (*BuildFunc) (TessElement *element);

static gboolean
type_is (TessNode   *node,
         const char *type)
{
  return strcmp (tess_node_get_type_name (node), type) == 0;
}

static GQuark
accessible_name_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("tess-accessible-name");
  return quark;
}

void
tess_render_set_accessible_name (GtkWidget  *widget,
                                 const char *name)
{
  if (name == NULL || *name == '\0')
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_qdata_full (G_OBJECT (widget), accessible_name_quark (), g_strdup (name), g_free);
}

const char *
tess_render_widget_get_accessible_name (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_get_qdata (G_OBJECT (widget), accessible_name_quark ());
}

static void
add_class_prefixed (GtkWidget  *widget,
                    const char *prefix,
                    const char *value)
{
  g_autofree char *name = NULL;

  if (value == NULL)
    return;
  name = g_strconcat (prefix, value, NULL);
  gtk_widget_add_css_class (widget, name);
}

/* `linear-gradient(…)` backgrounds, rebuilt from parsed parts so that nothing from the JSON
 * reaches CSS unchecked. NULL when @text is not a gradient this understands. */
static char *
parse_linear_gradient (const char *text)
{
  static GRegex *outer, *part;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *inner = NULL;
  g_autoptr(GString) css = g_string_new ("linear-gradient(");
  int position = 0, length, n_stops = 0;
  gboolean first = TRUE;

  if (outer == NULL)
    {
      outer = g_regex_new ("^\\s*linear-gradient\\((.*)\\)\\s*$", 0, 0, NULL);
      part = g_regex_new ("\\s*(?:(-?[0-9]{1,4}(?:\\.[0-9]+)?)deg"
                          "|to\\s+(top|bottom|left|right)(?:\\s+(top|bottom|left|right))?"
                          "|(#[0-9a-fA-F]{3,8}|rgba?\\([0-9.,\\s%]{1,60}\\)|[a-zA-Z]{1,30})"
                          "(?:\\s+([0-9]{1,3}(?:\\.[0-9]+)?)%)?)\\s*(,|$)",
                          G_REGEX_OPTIMIZE, 0, NULL);
    }

  if (text == NULL || strlen (text) > 1000 || !g_regex_match (outer, text, 0, &match))
    return NULL;
  inner = g_match_info_fetch (match, 1);
  length = (int) strlen (inner);

  while (position < length)
    {
      g_autoptr(GMatchInfo) piece = NULL;
      g_autofree char *angle = NULL, *side = NULL, *side2 = NULL, *color = NULL;
      g_autofree char *stop = NULL, *separator = NULL;
      int end;

      if (!g_regex_match_full (part, inner, length, position, G_REGEX_MATCH_ANCHORED, &piece,
                               NULL))
        return NULL;
      angle = g_match_info_fetch (piece, 1);
      side = g_match_info_fetch (piece, 2);
      side2 = g_match_info_fetch (piece, 3);
      color = g_match_info_fetch (piece, 4);
      stop = g_match_info_fetch (piece, 5);
      separator = g_match_info_fetch (piece, 6);
      g_match_info_fetch_pos (piece, 0, NULL, &end);
      if (end <= position)
        return NULL;
      position = end;

      if (!first)
        g_string_append (css, ", ");
      if (angle != NULL && *angle != '\0')
        {
          if (!first)
            return NULL;
          g_string_append_printf (css, "%gdeg", g_ascii_strtod (angle, NULL));
        }
      else if (side != NULL && *side != '\0')
        {
          if (!first)
            return NULL;
          g_string_append_printf (css, "to %s%s%s", side, side2 && *side2 ? " " : "",
                                  side2 ? side2 : "");
        }
      else
        {
          GdkRGBA rgba;
          g_autofree char *canonical = NULL;

          if (color == NULL || !gdk_rgba_parse (&rgba, color) || ++n_stops > 16)
            return NULL;
          canonical = gdk_rgba_to_string (&rgba);
          g_string_append (css, canonical);
          if (stop != NULL && *stop != '\0')
            g_string_append_printf (css, " %g%%", CLAMP (g_ascii_strtod (stop, NULL), 0, 100));
        }
      first = FALSE;
      if (separator == NULL || *separator == '\0')
        break;
    }

  if (position < length || n_stops < 2)
    return NULL;
  g_string_append (css, ")");
  return g_string_free (g_steal_pointer (&css), FALSE);
}

/* Token colours have static classes; anything else gets a registry class. */
static void
apply_color (GtkWidget       *widget,
             TessNode        *node,
             const char      *prop,
             TessColorFamily  family,
             const char      *css_property,
             const char      *token_class_format)
{
  JsonNode *value = tess_node_get_prop (node, prop);
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  g_autofree char *light_body = NULL;
  g_autofree char *dark_body = NULL;
  const char *class_name;

  if (value == NULL)
    return;

  if (token_class_format != NULL && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_STRING)
    {
      const char *token = json_node_get_string (value);
      JsonNode *probe = json_node_new (JSON_NODE_VALUE);
      GdkRGBA rgba;
      gboolean is_token;

      /* A token of the family resolves without being a CSS colour. */
      json_node_set_string (probe, token);
      is_token = tess_theme_resolve_rgba (family, probe, TESS_THEME_LIGHT, &rgba) &&
                 !gdk_rgba_parse (&rgba, token) && strchr (token, '-') == NULL;
      json_node_unref (probe);
      if (is_token ||
          (family == TESS_COLOR_FAMILY_BACKGROUND && g_str_has_prefix (token, "surface")))
        {
          add_class_prefixed (widget, token_class_format, token);
          return;
        }
    }

  if (family == TESS_COLOR_FAMILY_BACKGROUND && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_STRING)
    {
      g_autofree char *gradient = parse_linear_gradient (json_node_get_string (value));

      if (gradient != NULL)
        {
          /* Under the border too, as CSS does, rather than the card colour. */
          g_autofree char *body =
            g_strdup_printf ("background-image: %s; background-origin: border-box;", gradient);

          class_name = tess_style_class_for (body, body);
          if (class_name != NULL)
            gtk_widget_add_css_class (widget, class_name);
          return;
        }
    }

  light = tess_theme_resolve_color (family, value, TESS_THEME_LIGHT);
  dark = tess_theme_resolve_color (family, value, TESS_THEME_DARK);
  if (light == NULL || dark == NULL)
    return;

  light_body = g_strdup_printf ("%s: %s;", css_property, light);
  dark_body = g_strdup_printf ("%s: %s;", css_property, dark);
  class_name = tess_style_class_for (light_body, dark_body);
  if (class_name != NULL)
    gtk_widget_add_css_class (widget, class_name);
}

/* A border side's CSS, in both themes (split by the caller): @px wide, in the style and
 * colour @value (a width or a Border) gives. */
static char *
border_side_css (JsonNode *value,
                 float     px)
{
  const char *style = "solid";
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;

  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);
      JsonNode *color = json_object_get_member (object, "color");
      JsonNode *style_node = json_object_get_member (object, "style");

      if (style_node != NULL && JSON_NODE_HOLDS_VALUE (style_node) &&
          json_node_get_value_type (style_node) == G_TYPE_STRING &&
          tess_enum_contains (tess_enum_border_style, json_node_get_string (style_node)))
        style = json_node_get_string (style_node);
      if (color != NULL)
        {
          light = tess_theme_resolve_color (TESS_COLOR_FAMILY_BORDER, color, TESS_THEME_LIGHT);
          dark = tess_theme_resolve_color (TESS_COLOR_FAMILY_BORDER, color, TESS_THEME_DARK);
        }
    }

  if (light == NULL || dark == NULL)
    {
      g_free (light);
      g_free (dark);
      light = g_strdup ("rgba(13,13,13,0.10)");
      dark = g_strdup ("rgba(255,255,255,0.12)");
    }

  /* Both themes in one string, split by the caller. */
  return g_strdup_printf ("%gpx %s %s\x1f%gpx %s %s", px, style, light, px, style, dark);
}

static void
append_border (GString    *light,
               GString    *dark,
               const char *property,
               JsonNode   *value,
               float       px)
{
  g_autofree char *both = border_side_css (value, px);
  g_auto(GStrv) parts = g_strsplit (both, "\x1f", 2);

  g_string_append_printf (light, "%s: %s; ", property, parts[0]);
  g_string_append_printf (dark, "%s: %s; ", property, parts[1]);
}

/* Box-model props that only CSS can express: padding, border, radius. Padding and border
 * widths are the ones the flex layout reserves (tess_flex_props_box_edges()). */
static void
apply_box_style (GtkWidget *widget,
                 TessNode  *node,
                 gboolean   with_padding)
{
  g_autoptr(GString) light = g_string_new (NULL);
  g_autoptr(GString) dark = g_string_new (NULL);
  JsonNode *border = tess_node_get_prop (node, "border");
  const char *radius = tess_render_prop_string (node, "radius");
  float padding[4], border_px[4];

  tess_flex_props_box_edges (node, padding, border_px);
  if (with_padding && tess_node_has_prop (node, "padding"))
    {
      g_string_append_printf (light, "padding: %gpx %gpx %gpx %gpx; ",
                              padding[TESS_LAYOUT_TOP], padding[TESS_LAYOUT_RIGHT],
                              padding[TESS_LAYOUT_BOTTOM], padding[TESS_LAYOUT_LEFT]);
      g_string_append (dark, light->str);
    }

  if (border != NULL)
    {
      if (JSON_NODE_HOLDS_OBJECT (border) &&
          !json_object_has_member (json_node_get_object (border), "size"))
        {
          static const struct { const char *name, *axis; TessLayoutEdge edge; } sides[] = {
            { "top", "y", TESS_LAYOUT_TOP }, { "right", "x", TESS_LAYOUT_RIGHT },
            { "bottom", "y", TESS_LAYOUT_BOTTOM }, { "left", "x", TESS_LAYOUT_LEFT },
          };
          JsonObject *object = json_node_get_object (border);

          for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
            {
              JsonNode *side = json_object_get_member (object, sides[i].name);
              g_autofree char *property = g_strdup_printf ("border-%s", sides[i].name);

              if (side == NULL)
                side = json_object_get_member (object, sides[i].axis);
              if (side != NULL)
                append_border (light, dark, property, side, border_px[sides[i].edge]);
            }
        }
      else
        {
          append_border (light, dark, "border", border, border_px[TESS_LAYOUT_TOP]);
        }
    }

  if (radius != NULL)
    {
      if (strcmp (radius, "100%") == 0)
        gtk_widget_add_css_class (widget, "tess-radius-round");
      else
        add_class_prefixed (widget, "tess-radius-", radius);
      gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
    }

  if (light->len > 0)
    {
      const char *class_name = tess_style_class_for (light->str, dark->str);

      if (class_name != NULL)
        gtk_widget_add_css_class (widget, class_name);
    }

  apply_color (widget, node, "background", TESS_COLOR_FAMILY_BACKGROUND, "background-color",
               "tess-bg-");
}

/* Sizes and margins every node may have. */
static void
apply_common (TessElement *element)
{
  TessNode *node = element->node;
  GtkWidget *widget = element->widget;
  double width = -1, height = -1, px;

  if (tess_render_length_px (tess_node_get_prop (node, "size"), &px))
    width = height = px;
  if (tess_render_length_px (tess_node_get_prop (node, "width"), &px))
    width = px;
  if (tess_render_length_px (tess_node_get_prop (node, "height"), &px))
    height = px;
  if (width < 0 && tess_render_length_px (tess_node_get_prop (node, "minSize"), &px))
    width = height = px;
  if (width < 0 && tess_render_length_px (tess_node_get_prop (node, "minWidth"), &px))
    width = px;
  if (height < 0 && tess_render_length_px (tess_node_get_prop (node, "minHeight"), &px))
    height = px;

  if ((width >= 0 || height >= 0) && element->content == NULL)
    gtk_widget_set_size_request (widget, width >= 0 ? (int) MIN (width, 10000) : -1,
                                 height >= 0 ? (int) MIN (height, 10000) : -1);

  /* Margins, flex and percentages are the flex layout's (tess_render_setup_layout). */

  if (tess_render_prop_boolean (node, "block"))
    gtk_widget_set_hexpand (widget, TRUE);

  tess_render_widget_set_node (widget, node);
}

static void
apply_theme_class (GtkWidget *widget,
                   TessNode  *node)
{
  const char *theme = tess_node_get_string (node, "theme");

  gtk_widget_remove_css_class (widget, "tess-light");
  gtk_widget_remove_css_class (widget, "tess-dark");
  if (g_strcmp0 (theme, "light") == 0)
    gtk_widget_add_css_class (widget, "tess-light");
  else if (g_strcmp0 (theme, "dark") == 0)
    gtk_widget_add_css_class (widget, "tess-dark");
}

/* Containers */

static void
build_container (TessElement *element)
{
  element->widget = tess_box_new ("tess-container");
  element->content = element->widget;
  apply_box_style (element->widget, element->node, TRUE);
  if (type_is (element->node, "Form"))
    gtk_widget_add_css_class (element->widget, "tess-form");
}

static void
build_basic (TessElement *element)
{
  build_container (element);
  apply_theme_class (element->widget, element->node);
}

/* A TessBox with an accessible role other than its class's: GTK takes roles only at
 * construction. */
static GtkWidget *
box_with_role (const char        *css_class,
               GtkAccessibleRole  role)
{
  GtkWidget *box = g_object_new (TESS_TYPE_BOX, "accessible-role", role, NULL);

  gtk_widget_add_css_class (box, css_class);
  return box;
}

/* An icon that says nothing its control or the text beside it does not: screen readers skip
 * it rather than read out its glyph's name. */
static GtkWidget *
decorative_icon_new (const char *name,
                     int         pixel_size)
{
  GtkWidget *icon = tess_icon_new (name, pixel_size);

  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return icon;
}

static GtkWidget *
build_status (TessNode *node)
{
  JsonNode *status = tess_node_get_prop (node, "status");
  JsonObject *object;
  GtkWidget *row, *label;
  const char *text, *icon, *favicon;
  JsonNode *member;

  if (status == NULL || !JSON_NODE_HOLDS_OBJECT (status))
    return NULL;

  object = json_node_get_object (status);
  member = json_object_get_member (object, "text");
  text = member && JSON_NODE_HOLDS_VALUE (member) &&
         json_node_get_value_type (member) == G_TYPE_STRING ? json_node_get_string (member) : NULL;
  member = json_object_get_member (object, "icon");
  icon = member && JSON_NODE_HOLDS_VALUE (member) &&
         json_node_get_value_type (member) == G_TYPE_STRING ? json_node_get_string (member) : NULL;
  member = json_object_get_member (object, "favicon");
  favicon = member && JSON_NODE_HOLDS_VALUE (member) &&
            json_node_get_value_type (member) == G_TYPE_STRING ? json_node_get_string (member)
                                                                : NULL;

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (row, "tess-status");

  if (favicon != NULL)
    {
      g_autoptr(TessNode) image_node = tess_node_new ("Image");
      g_autoptr(JsonNode) src = json_node_new (JSON_NODE_VALUE);
      g_autoptr(JsonNode) size = json_node_new (JSON_NODE_VALUE);
      GtkWidget *image;

      json_node_set_string (src, favicon);
      json_node_set_int (size, 16);
      tess_node_set_prop (image_node, "src", src);
      tess_node_set_prop (image_node, "size", size);
      if (json_object_get_boolean_member_with_default (object, "frame", FALSE))
        {
          g_autoptr(JsonNode) frame = json_node_new (JSON_NODE_VALUE);
          json_node_set_boolean (frame, TRUE);
          tess_node_set_prop (image_node, "frame", frame);
        }
      image = tess_image_new (image_node);
      gtk_widget_set_size_request (image, 16, 16);
      gtk_widget_add_css_class (image, "tess-status-favicon");
      gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (row), image);
    }
  else if (icon != NULL)
    {
      GtkWidget *image = decorative_icon_new (icon, 16);
      gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (row), image);
    }

  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (row), label);

  return row;
}

static void on_card_action_clicked (GtkButton *button, TessElement *element);

static GtkWidget *
build_card_button (TessElement *element,
                   const char  *prop,
                   gboolean     primary)
{
  JsonNode *value = tess_node_get_prop (element->node, prop);
  JsonNode *label_node;
  GtkWidget *button;
  g_autofree char *label = NULL;

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return NULL;

  label_node = json_object_get_member (json_node_get_object (value), "label");
  if (label_node != NULL && JSON_NODE_HOLDS_VALUE (label_node))
    label = json_node_get_value_type (label_node) == G_TYPE_STRING
              ? g_strdup (json_node_get_string (label_node))
              : json_to_string (label_node, FALSE);

  button = gtk_button_new_with_label (label ? label : "");
  gtk_widget_add_css_class (button, "tess-button");
  gtk_widget_add_css_class (button, "tess-ctl-md");
  gtk_widget_add_css_class (button, "tess-pill");
  gtk_widget_add_css_class (button, primary ? "tess-btn-primary-solid"
                                            : "tess-btn-secondary-outline");
  g_object_set_data_full (G_OBJECT (button), "tess-card-prop", g_strdup (prop), g_free);
  tess_render_set_accessible_name (button, label);
  g_signal_connect (button, "clicked", G_CALLBACK (on_card_action_clicked), element);

  return button;
}

static void
on_card_action_clicked (GtkButton   *button,
                        TessElement *element)
{
  const char *prop = g_object_get_data (G_OBJECT (button), "tess-card-prop");
  JsonNode *value = tess_node_get_prop (element->node, prop);
  JsonNode *action;

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return;
  action = json_object_get_member (json_node_get_object (value), "action");
  if (action == NULL)
    return;

  if (strcmp (prop, "confirm") == 0 && tess_render_prop_boolean (element->node, "asForm"))
    _tess_widget_view_submit (element->view, element);
  else
    _tess_widget_view_emit_action (element->view, element, action, prop);
}

static void
remove_generated_classes (GtkWidget *widget)
{
  char **classes = gtk_widget_get_css_classes (widget);

  for (guint i = 0; classes[i] != NULL; i++)
    if (g_str_has_prefix (classes[i], "tess-s") || g_str_has_prefix (classes[i], "tess-bg-") ||
        g_str_has_prefix (classes[i], "tess-radius-"))
      gtk_widget_remove_css_class (widget, classes[i]);
  g_strfreev (classes);
}

/* Everything of a Card but its children; run again when its props change, so the body and
 * the state of the fields in it stay. */
static void
card_apply_props (TessElement *element)
{
  TessNode *node = element->node;
  GtkWidget *frame = element->body;
  GtkWidget *old_status = g_object_get_data (G_OBJECT (element->widget), "tess-card-status");
  GtkWidget *old_footer = g_object_get_data (G_OBJECT (element->widget), "tess-card-footer");
  GtkWidget *status, *footer, *confirm, *cancel;
  float padding[4], border[4];

  apply_theme_class (element->widget, node);
  tess_box_layout_set_preset_width (
    TESS_BOX_LAYOUT (gtk_widget_get_layout_manager (element->widget)),
    tess_theme_card_width_px (tess_render_prop_string (node, "size")));

  if (old_status != NULL)
    tess_box_remove (TESS_BOX (element->widget), old_status);
  status = build_status (node);
  if (status != NULL)
    gtk_widget_insert_before (status, element->widget, frame);
  g_object_set_data (G_OBJECT (element->widget), "tess-card-status", status);

  remove_generated_classes (frame);
  apply_box_style (frame, node, FALSE);

  remove_generated_classes (element->content);
  tess_flex_props_box_edges (node, padding, border);
  {
    g_autofree char *body =
      g_strdup_printf ("padding: %gpx %gpx %gpx %gpx;", padding[TESS_LAYOUT_TOP],
                       padding[TESS_LAYOUT_RIGHT], padding[TESS_LAYOUT_BOTTOM],
                       padding[TESS_LAYOUT_LEFT]);
    const char *class_name = tess_style_class_for (body, body);
    if (class_name != NULL)
      gtk_widget_add_css_class (element->content, class_name);
  }
  g_object_set_data (G_OBJECT (element->content), "tess-padding-x",
                     GINT_TO_POINTER ((int) padding[TESS_LAYOUT_LEFT]));

  if (old_footer != NULL)
    tess_box_remove (TESS_BOX (frame), old_footer);
  element->control = NULL;
  footer = NULL;
  cancel = build_card_button (element, "cancel", FALSE);
  confirm = build_card_button (element, "confirm", TRUE);
  if (cancel != NULL || confirm != NULL)
    {
      footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      gtk_widget_add_css_class (footer, "tess-card-footer");
      gtk_widget_set_halign (footer, GTK_ALIGN_END);
      /* The buttons keep off the card's edges even when its content is flush with them
       * (`padding: 0` for full-width bands): touching the border, they read as cut off. */
      gtk_widget_set_margin_start (footer, (int) MAX (padding[TESS_LAYOUT_LEFT], 12));
      gtk_widget_set_margin_end (footer, (int) MAX (padding[TESS_LAYOUT_RIGHT], 12));
      gtk_widget_set_margin_bottom (footer, (int) MAX (padding[TESS_LAYOUT_BOTTOM], 12));
      if (cancel != NULL)
        gtk_box_append (GTK_BOX (footer), cancel);
      if (confirm != NULL)
        {
          gtk_box_append (GTK_BOX (footer), confirm);
          element->control = confirm;
        }
      tess_box_append (TESS_BOX (frame), footer);
    }
  g_object_set_data (G_OBJECT (element->widget), "tess-card-footer", footer);
}

static void
build_card (TessElement *element)
{
  GtkWidget *frame;

  element->widget = tess_box_new ("tess-card");
  frame = tess_box_new ("tess-card-frame");
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);
  tess_box_append (TESS_BOX (element->widget), frame);
  element->body = frame;
  element->content = tess_box_new ("tess-card-body");
  tess_box_append (TESS_BOX (frame), element->content);
  card_apply_props (element);
}

static void on_show_more_clicked (GtkButton *button, TessElement *element);

static void
build_list_view (TessElement *element)
{
  GtkWidget *status, *frame;
  JsonNode *limit = tess_node_get_prop (element->node, "limit");

  element->widget = tess_box_new ("tess-list-view");
  apply_theme_class (element->widget, element->node);

  status = build_status (element->node);
  if (status != NULL)
    tess_box_append (TESS_BOX (element->widget), status);

  frame = tess_box_new ("tess-list-frame");
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);
  tess_box_append (TESS_BOX (element->widget), frame);
  element->body = frame;

  /* the box that holds the items: a screen reader reads how many there are */
  element->content = box_with_role ("tess-list-rows", GTK_ACCESSIBLE_ROLE_LIST);
  tess_box_append (TESS_BOX (frame), element->content);

  element->shown = G_MAXUINT;
  if (limit != NULL && JSON_NODE_HOLDS_VALUE (limit))
    {
      if (json_node_get_value_type (limit) == G_TYPE_INT64 ||
          json_node_get_value_type (limit) == G_TYPE_DOUBLE)
        element->shown = (guint) CLAMP (json_node_get_double (limit), 0, G_MAXUINT - 1);
      else if (g_strcmp0 (json_node_get_string (limit), "auto") == 0)
        element->shown = 5; /* widgets.md §10: unknown; five rows read well in a chat */
    }

  element->show_more = gtk_button_new_with_label (_("Show more"));
  gtk_widget_add_css_class (element->show_more, "tess-button");
  gtk_widget_add_css_class (element->show_more, "tess-btn-secondary-ghost");
  gtk_widget_add_css_class (element->show_more, "tess-ctl-sm");
  gtk_widget_add_css_class (element->show_more, "tess-pill");
  gtk_widget_add_css_class (element->show_more, "tess-show-more");
  gtk_widget_set_halign (element->show_more, GTK_ALIGN_START);
  tess_render_set_accessible_name (element->show_more, _("Show more"));
  gtk_widget_set_visible (element->show_more, FALSE);
  g_signal_connect (element->show_more, "clicked", G_CALLBACK (on_show_more_clicked), element);
  tess_box_append (TESS_BOX (frame), element->show_more);
}

static void
update_list_limit (TessElement *element)
{
  guint n = element->children ? element->children->len : 0;

  for (guint i = 0; i < n; i++)
    {
      TessElement *child = g_ptr_array_index (element->children, i);
      gtk_widget_set_visible (child->widget, i < element->shown);
    }
  if (element->show_more != NULL)
    gtk_widget_set_visible (element->show_more, n > element->shown);
}

static void
on_show_more_clicked (GtkButton   *button,
                      TessElement *element)
{
  element->shown = G_MAXUINT;
  update_list_limit (element);
}

static void
on_list_item_clicked (GtkButton   *button,
                      TessElement *element)
{
  JsonNode *action = tess_node_get_prop (element->node, "onClickAction");

  if (action != NULL)
    _tess_widget_view_emit_action (element->view, element, action, "ListViewItem");
}

static void
build_list_view_item (TessElement *element)
{
  element->content = tess_box_new ("tess-list-item-content");

  if (tess_node_has_prop (element->node, "onClickAction"))
    {
      /* an item of its list that activates (GTK keeps a button's click action whatever its
       * role) */
      element->widget = g_object_new (GTK_TYPE_BUTTON,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM, NULL);
      gtk_button_set_child (GTK_BUTTON (element->widget), element->content);
      gtk_widget_add_css_class (element->widget, "tess-list-item");
      gtk_widget_add_css_class (element->widget, "tess-clickable");
      gtk_widget_add_css_class (element->widget, "flat");
      element->control = element->widget;
      g_signal_connect (element->widget, "clicked", G_CALLBACK (on_list_item_clicked), element);
    }
  else
    {
      element->widget = box_with_role ("tess-list-item", GTK_ACCESSIBLE_ROLE_LIST_ITEM);
      tess_box_append (TESS_BOX (element->widget), element->content);
    }
}

static void
build_spacer (TessElement *element)
{
  double px;

  element->widget = tess_box_new ("tess-spacer");
  if (tess_render_length_px (tess_node_get_prop (element->node, "minSize"), &px))
    {
      px = CLAMP (px, 0, 10000);
      if (element->parent != NULL && tess_element_is_row (element->parent))
        gtk_widget_set_size_request (element->widget, (int) px, -1);
      else
        gtk_widget_set_size_request (element->widget, -1, (int) px);
    }
  gtk_widget_set_hexpand (element->widget, element->parent != NULL &&
                                           tess_element_is_row (element->parent));
  gtk_widget_set_vexpand (element->widget, element->parent != NULL &&
                                           !tess_element_is_row (element->parent));
}

static int
parent_padding_x (TessElement *element)
{
  for (TessElement *e = element->parent; e != NULL; e = e->parent)
    {
      float padding[4], border[4];

      if (e->content != NULL && g_object_get_data (G_OBJECT (e->content), "tess-padding-x"))
        return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (e->content), "tess-padding-x"));
      if (tess_node_has_prop (e->node, "padding"))
        {
          tess_flex_props_box_edges (e->node, padding, border);
          return (int) padding[TESS_LAYOUT_LEFT];
        }
      /* An unpadded Row or Col sits inside its parent's padding: keep looking. */
    }
  return 0;
}

static void
build_divider (TessElement *element)
{
  TessNode *node = element->node;
  gboolean vertical = element->parent != NULL && tess_element_is_row (element->parent);
  double size = 1, spacing = 0;
  g_autofree char *body = NULL;
  const char *class_name;

  element->widget = box_with_role ("tess-divider", GTK_ACCESSIBLE_ROLE_SEPARATOR);
  /* the thickness the flex layout gives it (tess_flex_props_item_style()) */
  if (!tess_render_length_px (tess_node_get_prop (node, "size"), &size) || size < 0)
    size = 1;
  tess_render_spacing_px (tess_node_get_prop (node, "spacing"), &spacing);
  spacing = CLAMP (spacing, 0, 2000);

  /* Its length, spacing and flush margins are the flex layout's. */
  if (vertical)
    body = g_strdup_printf ("min-width: %gpx; min-height: 0;", size);
  else
    body = g_strdup_printf ("min-height: %gpx; min-width: 0;", size);
  class_name = tess_style_class_for (body, body);
  if (class_name != NULL)
    gtk_widget_add_css_class (element->widget, class_name);

  apply_color (element->widget, node, "color", TESS_COLOR_FAMILY_BORDER, "background-color", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (element->widget),
                                  GTK_ACCESSIBLE_PROPERTY_ORIENTATION,
                                  vertical ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL,
                                  -1);
}

static void
build_transition (TessElement *element)
{
  element->widget = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (element->widget), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_set_transition_duration (GTK_STACK (element->widget), 200);
  gtk_stack_set_interpolate_size (GTK_STACK (element->widget), TRUE);
  gtk_stack_set_vhomogeneous (GTK_STACK (element->widget), FALSE);
  gtk_stack_set_hhomogeneous (GTK_STACK (element->widget), FALSE);
  element->content = element->widget;
}

/* Text */

static void
apply_text_style (TessElement *element,
                  const char  *kind)
{
  TessNode *node = element->node;
  TessText *text = TESS_TEXT (element->label);
  const char *align = tess_render_prop_string (node, "textAlign");
  const char *size = tess_render_prop_string (node, "size");
  gint64 max_lines = tess_node_get_int (node, "maxLines", 0);
  double width;

  add_class_prefixed (element->label, "tess-", kind);
  add_class_prefixed (element->label, "tess-size-", size);
  add_class_prefixed (element->label, "tess-weight-", tess_render_prop_string (node, "weight"));
  if (tess_render_prop_boolean (node, "italic"))
    gtk_widget_add_css_class (element->label, "tess-italic");
  tess_text_set_strikethrough (text, tess_render_prop_boolean (node, "lineThrough"));
  tess_text_set_line_height (text, tess_theme_line_height_px (kind, size));
  apply_color (element->label, node, "color", TESS_COLOR_FAMILY_TEXT, "color", "tess-fg-");

  tess_text_set_alignment (text, g_strcmp0 (align, "center") == 0 ? PANGO_ALIGN_CENTER
                                 : g_strcmp0 (align, "end") == 0 ? PANGO_ALIGN_RIGHT
                                                                 : PANGO_ALIGN_LEFT);
  if (tess_render_prop_boolean (node, "truncate"))
    tess_text_set_wrap (text, FALSE);
  else if (max_lines > 0)
    tess_text_set_max_lines (text, (int) MIN (max_lines, 1000));

  if (tess_render_length_px (tess_node_get_prop (node, "width"), &width))
    {
      gtk_widget_set_size_request (element->label, (int) CLAMP (width, 0, 10000), -1);
      tess_text_set_natural_width_limit (text, (int) CLAMP (width, 0, 10000));
    }
}

static void
set_label_text (TessElement *element,
                const char  *text,
                gboolean     streaming)
{
  tess_text_set_text (TESS_TEXT (element->label), text);
  tess_text_set_cursor (TESS_TEXT (element->label), streaming);
}

static void
on_field_changed (TessElement *element)
{
  if (!element->updating)
    _tess_widget_view_field_changed (element->view, element);
}

/* `minLines` of the node's Text size, at most 100 lines. */
static int
min_lines_height (TessNode *node,
                  gint64    min_lines)
{
  const char *size = tess_render_prop_string (node, "size");

  return (int) MIN (min_lines, 100) * tess_theme_text_line_px (size);
}

static void
style_inline_edit (GtkWidget *control,
                   TessNode  *node)
{
  gtk_widget_add_css_class (control, "tess-inline-edit");
  gtk_widget_add_css_class (control, "tess-text");
  add_class_prefixed (control, "tess-size-", tess_render_prop_string (node, "size"));
  add_class_prefixed (control, "tess-weight-", tess_render_prop_string (node, "weight"));
  apply_color (control, node, "color", TESS_COLOR_FAMILY_TEXT, "color", "tess-fg-");
}

/* Editable Text: an entry for one line of text, a borderless text view when the text has
 * several lines or asks for them (a message body), so newlines are kept and shown. */
static void
build_editable_text (TessElement *element,
                     JsonObject  *props,
                     const char  *value)
{
  TessNode *node = element->node;
  const char *placeholder = json_object_get_string_member_with_default (props, "placeholder",
                                                                        NULL);
  const char *name = json_object_get_string_member_with_default (props, "name", value);
  gint64 min_lines = tess_node_get_int (node, "minLines", 0);
  gint64 max_lines = tess_node_get_int (node, "maxLines", 0);
  gboolean multiline = min_lines > 1 || max_lines > 1 || (value && strchr (value, '\n'));
  GtkWidget *control;

  element->widget = tess_box_new ("tess-field");
  if (multiline)
    {
      GtkWidget *overlay = gtk_overlay_new ();
      GtkTextBuffer *buffer;

      control = gtk_text_view_new ();
      buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (control));
      gtk_text_buffer_set_text (buffer, value ? value : "", -1);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (control), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (control), FALSE);
      if (min_lines > 0)
        gtk_widget_set_size_request (control, -1, min_lines_height (node, min_lines));
      gtk_overlay_set_child (GTK_OVERLAY (overlay), control);
      if (placeholder != NULL)
        {
          GtkWidget *hint = gtk_label_new (placeholder);

          gtk_widget_add_css_class (hint, "tess-placeholder-text");
          gtk_label_set_xalign (GTK_LABEL (hint), 0);
          gtk_widget_set_valign (hint, GTK_ALIGN_START);
          gtk_widget_set_can_target (hint, FALSE);
          gtk_overlay_add_overlay (GTK_OVERLAY (overlay), hint);
          g_object_set_data (G_OBJECT (control), "tess-placeholder", hint);
          gtk_widget_set_visible (hint, value == NULL || *value == '\0');
        }
      g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_field_changed), element);
      tess_box_append (TESS_BOX (element->widget), overlay);
    }
  else
    {
      int chars = (int) MAX (g_utf8_strlen (value ? value : "", -1),
                             placeholder ? g_utf8_strlen (placeholder, -1) : 0);

      control = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (control), value ? value : "");
      if (placeholder != NULL)
        gtk_entry_set_placeholder_text (GTK_ENTRY (control), placeholder);
      /* Natural width of the text it holds, like the Text it stands for. */
      gtk_editable_set_width_chars (GTK_EDITABLE (control), MIN (MAX (chars, 4), 80));
      gtk_editable_set_max_width_chars (GTK_EDITABLE (control), MIN (MAX (chars, 4), 80));
      g_signal_connect_swapped (control, "changed", G_CALLBACK (on_field_changed), element);
      tess_box_append (TESS_BOX (element->widget), control);
    }

  element->control = control;
  style_inline_edit (control, node);
  tess_render_set_accessible_name (control, placeholder ? placeholder : name);
  if (json_object_get_boolean_member_with_default (props, "autoFocus", FALSE))
    g_object_set_data (G_OBJECT (control), "tess-autofocus", GINT_TO_POINTER (1));
}

/* A Title's heading level by its size, so that a large Title heads the smaller ones of its
 * widget: 3xl and larger 1, xl and 2xl 2, md (the default) and lg 3, sm 4. */
static int
title_heading_level (const char *size)
{
  static const char *const levels[][3] = {
    { "5xl", "4xl", "3xl" }, { "2xl", "xl", NULL }, { "lg", "md", NULL },
  };

  for (guint level = 0; level < G_N_ELEMENTS (levels); level++)
    for (guint i = 0; i < G_N_ELEMENTS (levels[level]); i++)
      if (levels[level][i] != NULL && g_strcmp0 (size, levels[level][i]) == 0)
        return (int) level + 1;
  return 4;
}

static void
build_text_like (TessElement *element)
{
  TessNode *node = element->node;
  const char *type = tess_node_get_type_name (node);
  g_autofree char *value = tess_node_dup_text (node, "value");
  JsonNode *editable = tess_node_get_prop (node, "editable");

  if (strcmp (type, "Text") == 0 && editable != NULL && JSON_NODE_HOLDS_OBJECT (editable))
    {
      build_editable_text (element, json_node_get_object (editable), value);
      return;
    }

  if (strcmp (type, "Title") == 0)
    {
      element->label = g_object_new (TESS_TYPE_TEXT,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (element->label),
                                      GTK_ACCESSIBLE_PROPERTY_LEVEL,
                                      title_heading_level (tess_render_prop_string (node, "size")),
                                      -1);
    }
  else
    element->label = tess_text_new ();
  element->widget = element->label;
  set_label_text (element, value, tess_render_prop_boolean (node, "streaming"));

  if (strcmp (type, "Text") == 0)
    {
      gint64 min_lines = tess_node_get_int (node, "minLines", 0);

      apply_text_style (element, "text");
      if (min_lines > 0)
        {
          gtk_widget_set_size_request (element->label, -1, min_lines_height (node, min_lines));
          tess_text_set_yalign (TESS_TEXT (element->label), 0);
        }
    }
  else if (strcmp (type, "Title") == 0)
    apply_text_style (element, "title");
  else if (strcmp (type, "Caption") == 0)
    apply_text_style (element, "caption");
  else
    apply_text_style (element, "label");
}

static void
build_markdown (TessElement *element)
{
  g_autofree char *value = tess_node_dup_text (element->node, "value");

  element->widget = tess_markdown_new ();
  tess_markdown_set_text (TESS_MARKDOWN (element->widget), value,
                          tess_render_prop_boolean (element->node, "streaming"));
}

/* Content */

static void
build_badge (TessElement *element)
{
  TessNode *node = element->node;
  g_autofree char *label = tess_node_dup_text (node, "label");
  g_autofree char *colour_class = g_strdup_printf ("tess-badge-%s-%s",
                                                   tess_render_prop_string (node, "color"),
                                                   tess_render_prop_string (node, "variant"));

  element->label = gtk_label_new (label);
  element->widget = element->label;
  gtk_widget_add_css_class (element->widget, "tess-badge");
  add_class_prefixed (element->widget, "tess-badge-", tess_render_prop_string (node, "size"));
  gtk_widget_add_css_class (element->widget, colour_class);
  if (tess_render_prop_boolean (node, "pill"))
    gtk_widget_add_css_class (element->widget, "tess-pill");
  gtk_label_set_ellipsize (GTK_LABEL (element->label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_halign (element->widget, GTK_ALIGN_START);
  gtk_widget_set_valign (element->widget, GTK_ALIGN_CENTER);
}

static void
build_icon (TessElement *element)
{
  TessNode *node = element->node;
  const char *name = tess_node_get_string (node, "name");
  int size = tess_theme_icon_size_px (tess_render_prop_string (node, "size"));

  element->widget = tess_icon_new (name, size);
  apply_color (element->widget, node, "color", TESS_COLOR_FAMILY_TEXT, "color", "tess-fg-");
  gtk_widget_set_halign (element->widget, GTK_ALIGN_START);
  gtk_widget_set_valign (element->widget, GTK_ALIGN_CENTER);
  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (element->widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
build_image (TessElement *element)
{
  element->widget = tess_image_new (element->node);
  apply_box_style (element->widget, element->node, FALSE);
  if (tess_render_prop_boolean (element->node, "flush"))
    {
      int pad = parent_padding_x (element);
      g_autofree char *flush = g_strdup_printf ("margin-left: -%dpx; margin-right: -%dpx;"
                                                " min-width: %dpx;", pad, pad, 2 * pad);
      const char *class_name = tess_style_class_for (flush, flush);
      if (class_name != NULL)
        gtk_widget_add_css_class (element->widget, class_name);
    }
}

/* Controls */

static void
on_button_clicked (GtkButton   *button,
                   TessElement *element)
{
  JsonNode *action = tess_node_get_prop (element->node, "onClickAction");

  if (tess_render_prop_boolean (element->node, "submit"))
    _tess_widget_view_submit (element->view, element);
  else if (action != NULL)
    _tess_widget_view_emit_action (element->view, element, action, "Button");
}

static void
build_button (TessElement *element)
{
  TessNode *node = element->node;
  g_autofree char *label = tess_node_dup_text (node, "label");
  const char *style = tess_node_get_string (node, "style");
  const char *color = tess_node_get_string (node, "color");
  const char *variant = tess_node_get_string (node, "variant");
  const char *size = tess_render_prop_string (node, "size");
  const char *icon_size = tess_node_get_string (node, "iconSize");
  const char *icon_start = tess_node_get_string (node, "iconStart");
  const char *icon_end = tess_node_get_string (node, "iconEnd");
  int icon_px = icon_size ? tess_theme_button_icon_size_px (icon_size)
                          : tess_theme_control_icon_px (size);
  g_autofree char *colour_class = NULL;
  GtkWidget *box;

  /* `style` is a preset; an explicit colour or variant wins (widgets.md §4.5). */
  if (g_strcmp0 (style, "secondary") == 0)
    {
      color = color ? color : "secondary";
      variant = variant ? variant : "outline";
    }
  if (color == NULL || !tess_enum_contains (tess_component_info_lookup_prop (
                                              tess_node_get_info (node), "color")->values, color))
    color = tess_render_prop_string (node, "color");
  if (variant == NULL || !tess_enum_contains (tess_enum_control_variant, variant))
    variant = tess_render_prop_string (node, "variant");

  element->widget = gtk_button_new ();
  element->control = element->widget;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_button_set_child (GTK_BUTTON (element->widget), box);

  /* The spinner is made when the button first shows a loading state. */
  if (icon_start != NULL)
    gtk_box_append (GTK_BOX (box), decorative_icon_new (icon_start, icon_px));
  if (label != NULL && *label != '\0')
    {
      element->label = gtk_label_new (label);
      gtk_box_append (GTK_BOX (box), element->label);
    }
  if (icon_end != NULL)
    gtk_box_append (GTK_BOX (box), decorative_icon_new (icon_end, icon_px));

  gtk_widget_add_css_class (element->widget, "tess-button");
  add_class_prefixed (element->widget, "tess-ctl-", size);
  colour_class = g_strdup_printf ("tess-btn-%s-%s", color, variant);
  gtk_widget_add_css_class (element->widget, colour_class);
  if (tess_render_prop_boolean (node, "pill"))
    gtk_widget_add_css_class (element->widget, "tess-pill");
  if (tess_render_prop_boolean (node, "uniform"))
    gtk_widget_add_css_class (element->widget, "tess-uniform");
  /* A button keeps its natural width unless it is a block or grows in its row. */
  if (!tess_render_prop_boolean (node, "block") && tess_node_get_double (node, "flex", 0) <= 0 &&
      tess_node_get_string (node, "flex") == NULL)
    {
      gtk_widget_set_halign (element->widget, GTK_ALIGN_START);
      gtk_widget_set_valign (element->widget, GTK_ALIGN_CENTER);
    }
  gtk_widget_set_sensitive (element->widget, !tess_render_prop_boolean (node, "disabled"));
  tess_render_set_accessible_name (element->widget,
                                   label && *label ? label
                                                   : icon_start ? icon_start
                                                   : icon_end ? icon_end : _("Button"));
  g_signal_connect (element->widget, "clicked", G_CALLBACK (on_button_clicked), element);
}

static GtkWidget *
wrap_field (TessElement *element,
            GtkWidget   *control_widget)
{
  /* The inline error label is made when validation first fails (tess-form.c). */
  element->widget = tess_box_new ("tess-field");
  tess_box_append (TESS_BOX (element->widget), control_widget);
  if (!tess_render_prop_boolean (element->node, "block") &&
      (type_is (element->node, "Select") || type_is (element->node, "DatePicker")))
    gtk_widget_set_halign (element->widget, GTK_ALIGN_START);
  gtk_widget_set_sensitive (control_widget, !tess_render_prop_boolean (element->node, "disabled"));
  return element->widget;
}

static const char *
field_accessible_name (TessElement *element)
{
  const char *name = tess_node_get_string (element->node, "ariaLabel");

  if (name == NULL)
    name = tess_node_get_string (element->node, "placeholder");
  if (name == NULL)
    name = tess_node_get_string (element->node, "label");
  if (name == NULL)
    name = tess_node_get_string (element->node, "name");
  return name ? name : tess_node_get_type_name (element->node);
}

static void
on_input_autoselect (GtkEventControllerFocus *controller,
                     GtkEditable             *editable)
{
  gtk_editable_select_region (editable, 0, -1);
}

static void
apply_input_classes (GtkWidget *widget,
                     TessNode  *node)
{
  gtk_widget_add_css_class (widget, "tess-input");
  add_class_prefixed (widget, "tess-variant-", tess_render_prop_string (node, "variant"));
  add_class_prefixed (widget, "tess-ctl-", tess_render_prop_string (node, "size"));
  add_class_prefixed (widget, "tess-gutter-", tess_node_get_string (node, "gutterSize"));
  if (tess_render_prop_boolean (node, "pill"))
    gtk_widget_add_css_class (widget, "tess-pill");
}

static void
build_input (TessElement *element)
{
  TessNode *node = element->node;
  GtkWidget *entry = gtk_entry_new ();
  const char *input_type = tess_render_prop_string (node, "inputType");
  g_autofree char *placeholder = tess_node_dup_text (node, "placeholder");
  g_autofree char *value = tess_node_dup_text (node, "defaultValue");

  element->control = entry;
  apply_input_classes (entry, node);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  if (value != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), value);

  if (g_strcmp0 (input_type, "password") == 0)
    {
      gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
    }
  else if (g_strcmp0 (input_type, "email") == 0)
    gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_EMAIL);
  else if (g_strcmp0 (input_type, "number") == 0)
    gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  else if (g_strcmp0 (input_type, "tel") == 0)
    gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PHONE);
  else if (g_strcmp0 (input_type, "url") == 0)
    gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);

  if (tess_render_prop_boolean (node, "autoFocus"))
    g_object_set_data (G_OBJECT (entry), "tess-autofocus", GINT_TO_POINTER (1));
  if (tess_render_prop_boolean (node, "autoSelect"))
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();
      g_signal_connect (focus, "enter", G_CALLBACK (on_input_autoselect), entry);
      gtk_widget_add_controller (entry, focus);
    }

  tess_render_set_accessible_name (entry, field_accessible_name (element));
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_field_changed), element);
  wrap_field (element, entry);
}

static void
update_textarea_height (TessElement *element)
{
  TessNode *node = element->node;
  GtkWidget *scrolled = gtk_widget_get_parent (element->control);
  int rows = (int) CLAMP (tess_node_get_int (node, "rows", 3), 1, 100);
  int line = 20;

  if (tess_render_prop_boolean (node, "autoResize"))
    {
      int max_rows = (int) CLAMP (tess_node_get_int (node, "maxRows", MAX (rows, 10)), rows, 200);

      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), rows * line);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), max_rows * line);
    }
  else
    {
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), rows * line);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), rows * line);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
    }
}

static void
build_textarea (TessElement *element)
{
  TessNode *node = element->node;
  GtkWidget *frame = tess_box_new ("tess-textarea-frame");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  g_autofree char *value = tess_node_dup_text (node, "defaultValue");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  element->control = view;
  apply_input_classes (frame, node);
  gtk_widget_remove_css_class (frame, "tess-input");
  gtk_widget_add_css_class (view, "tess-textarea");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 0);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  if (value != NULL)
    gtk_text_buffer_set_text (buffer, value, -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  tess_box_append (TESS_BOX (frame), scrolled);
  if (!tess_node_has_prop (node, "gutterSize"))
    gtk_widget_add_css_class (frame, "tess-gutter-md");
  update_textarea_height (element);

  /* The placeholder of a text view is drawn by a label over it when it is empty. */
  if (tess_node_get_string (node, "placeholder") != NULL)
    {
      GtkWidget *overlay = gtk_overlay_new ();
      GtkWidget *placeholder = gtk_label_new (tess_node_get_string (node, "placeholder"));

      gtk_widget_add_css_class (placeholder, "tess-placeholder-text");
      gtk_label_set_xalign (GTK_LABEL (placeholder), 0);
      gtk_widget_set_valign (placeholder, GTK_ALIGN_START);
      gtk_widget_set_margin_top (placeholder, 6);
      gtk_widget_set_can_target (placeholder, FALSE);
      g_object_ref (scrolled);
      tess_box_remove (TESS_BOX (frame), scrolled);
      gtk_overlay_set_child (GTK_OVERLAY (overlay), scrolled);
      g_object_unref (scrolled);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), placeholder);
      tess_box_append (TESS_BOX (frame), overlay);
      g_object_set_data (G_OBJECT (view), "tess-placeholder", placeholder);
      gtk_widget_set_visible (placeholder, value == NULL || *value == '\0');
    }

  if (tess_render_prop_boolean (node, "autoFocus"))
    g_object_set_data (G_OBJECT (view), "tess-autofocus", GINT_TO_POINTER (1));
  tess_render_set_accessible_name (view, field_accessible_name (element));
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_field_changed), element);
  wrap_field (element, frame);
  gtk_widget_set_sensitive (view, !tess_render_prop_boolean (node, "disabled"));
}

/* Select: a menu button with a popover list (descriptions, disabled options, search). */

static void select_set_value (TessElement *element, const char *value, gboolean notify);

static void
on_select_row_activated (GtkListBox    *list,
                         GtkListBoxRow *row,
                         TessElement   *element)
{
  guint index = (guint) gtk_list_box_row_get_index (row);

  if (element->option_values == NULL || index >= element->option_values->len)
    return;
  select_set_value (element, g_ptr_array_index (element->option_values, index), TRUE);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (element->control));
}

static void
on_select_search_changed (GtkSearchEntry *entry,
                          GtkListBox     *list)
{
  gtk_list_box_invalidate_filter (list);
}

static gboolean
select_filter (GtkListBoxRow *row,
               gpointer       user_data)
{
  GtkEditable *search = GTK_EDITABLE (user_data);
  const char *query = gtk_editable_get_text (search);
  const char *text = g_object_get_data (G_OBJECT (row), "tess-search-text");
  g_autofree char *folded_query = NULL;
  g_autofree char *folded_text = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;
  folded_query = g_utf8_casefold (query, -1);
  folded_text = g_utf8_casefold (text ? text : "", -1);
  return strstr (folded_text, folded_query) != NULL;
}

static const char *
option_member (JsonObject *option,
               const char *name)
{
  JsonNode *member = json_object_get_member (option, name);

  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_STRING)
    return json_node_get_string (member);
  return NULL;
}

static const char *
select_label_for (TessElement *element,
                  const char  *value)
{
  JsonNode *options = tess_node_get_prop (element->node, "options");

  if (value == NULL || options == NULL || !JSON_NODE_HOLDS_ARRAY (options))
    return NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (options)); i++)
    {
      JsonNode *option = json_array_get_element (json_node_get_array (options), i);
      const char *option_value;

      if (!JSON_NODE_HOLDS_OBJECT (option))
        continue;
      option_value = option_member (json_node_get_object (option), "value");
      if (g_strcmp0 (option_value, value) == 0)
        {
          const char *label = option_member (json_node_get_object (option), "label");
          return label ? label : option_value;
        }
    }
  return NULL;
}

static void
select_set_value (TessElement *element,
                  const char  *value,
                  gboolean     notify)
{
  const char *label = select_label_for (element, value);
  g_autofree char *placeholder = tess_node_dup_text (element->node, "placeholder");
  GtkWidget *clear = g_object_get_data (G_OBJECT (element->widget), "tess-clear");

  if (value != NULL && label == NULL)
    value = NULL; /* not one of the options */

  if (g_strcmp0 (element->value, value) == 0 && notify)
    return;

  g_free (element->value);
  element->value = g_strdup (value);
  gtk_label_set_text (GTK_LABEL (element->label),
                      label ? label : placeholder ? placeholder : _("Select…"));
  if (label == NULL)
    gtk_widget_add_css_class (element->label, "tess-placeholder-text");
  else
    gtk_widget_remove_css_class (element->label, "tess-placeholder-text");
  if (clear != NULL)
    gtk_widget_set_visible (clear, value != NULL &&
                                   tess_render_prop_boolean (element->node, "clearable"));

  if (notify)
    {
      JsonNode *action = tess_node_get_prop (element->node, "onChangeAction");

      _tess_widget_view_field_changed (element->view, element);
      if (action != NULL)
        _tess_widget_view_emit_action (element->view, element, action, "Select");
    }
}

static void
on_clear_clicked (GtkButton   *button,
                  TessElement *element)
{
  if (type_is (element->node, "Select"))
    select_set_value (element, NULL, TRUE);
  else
    {
      g_clear_pointer (&element->value, g_free);
      gtk_label_set_text (GTK_LABEL (element->label),
                          tess_node_get_string (element->node, "placeholder")
                            ? tess_node_get_string (element->node, "placeholder")
                            : _("Select a date"));
      gtk_widget_add_css_class (element->label, "tess-placeholder-text");
      gtk_widget_set_visible (GTK_WIDGET (button), FALSE);
      _tess_widget_view_field_changed (element->view, element);
      if (tess_node_get_prop (element->node, "onChangeAction") != NULL)
        _tess_widget_view_emit_action (element->view, element,
                                       tess_node_get_prop (element->node, "onChangeAction"),
                                       "DatePicker");
    }
}

static GtkWidget *
build_menu_control (TessElement *element,
                    const char  *icon_name,
                    GtkWidget   *popover_child)
{
  TessNode *node = element->node;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *menu = gtk_menu_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *clear;
  const char *variant = tess_render_prop_string (node, "variant");
  const char *side = tess_render_prop_string (node, "side");

  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), decorative_icon_new (icon_name, 16));
  element->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (element->label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (element->label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (element->label, TRUE);
  gtk_box_append (GTK_BOX (box), element->label);
  gtk_box_append (GTK_BOX (box), decorative_icon_new ("lucide:chevron-down", 16));
  gtk_menu_button_set_child (GTK_MENU_BUTTON (menu), box);

  gtk_popover_set_child (GTK_POPOVER (popover), popover_child);
  gtk_popover_set_position (GTK_POPOVER (popover),
                            g_strcmp0 (side, "top") == 0 ? GTK_POS_TOP
                            : g_strcmp0 (side, "left") == 0 ? GTK_POS_LEFT
                            : g_strcmp0 (side, "right") == 0 ? GTK_POS_RIGHT : GTK_POS_BOTTOM);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu), popover);

  gtk_widget_add_css_class (menu, "tess-control");
  add_class_prefixed (menu, "tess-variant-", variant);
  add_class_prefixed (menu, "tess-ctl-", tess_render_prop_string (node, "size"));
  if (tess_render_prop_boolean (node, "pill"))
    gtk_widget_add_css_class (menu, "tess-pill");
  gtk_widget_set_hexpand (menu, TRUE);
  element->control = menu;
  tess_render_set_accessible_name (menu, field_accessible_name (element));

  gtk_box_append (GTK_BOX (row), menu);
  clear = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (clear), decorative_icon_new ("lucide:x", 14));
  gtk_widget_add_css_class (clear, "tess-button");
  gtk_widget_add_css_class (clear, "tess-btn-secondary-ghost");
  gtk_widget_add_css_class (clear, "tess-ctl-2xs");
  gtk_widget_add_css_class (clear, "tess-uniform");
  gtk_widget_add_css_class (clear, "tess-pill");
  gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (clear, FALSE);
  tess_render_set_accessible_name (clear, _("Clear"));
  g_signal_connect (clear, "clicked", G_CALLBACK (on_clear_clicked), element);
  gtk_box_append (GTK_BOX (row), clear);

  wrap_field (element, row);
  g_object_set_data (G_OBJECT (element->widget), "tess-clear", clear);
  gtk_widget_set_sensitive (menu, !tess_render_prop_boolean (node, "disabled"));
  return row;
}

static void
build_select (TessElement *element)
{
  TessNode *node = element->node;
  JsonNode *options = tess_node_get_prop (node, "options");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  guint n_options = options && JSON_NODE_HOLDS_ARRAY (options)
                      ? json_array_get_length (json_node_get_array (options)) : 0;
  JsonNode *searchable = tess_node_get_prop (node, "searchable");
  gboolean search = searchable != NULL && JSON_NODE_HOLDS_VALUE (searchable) &&
                    json_node_get_value_type (searchable) == G_TYPE_BOOLEAN
                      ? json_node_get_boolean (searchable) : n_options > 15;

  element->option_values = g_ptr_array_new_with_free_func (g_free);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);

  for (guint i = 0; i < n_options; i++)
    {
      JsonNode *option = json_array_get_element (json_node_get_array (options), i);
      JsonObject *object;
      const char *value, *label, *description;
      GtkWidget *row, *column, *title;

      if (!JSON_NODE_HOLDS_OBJECT (option))
        continue;
      object = json_node_get_object (option);
      value = option_member (object, "value");
      label = option_member (object, "label");
      description = option_member (object, "description");
      if (value == NULL)
        continue;

      column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      title = gtk_label_new (label ? label : value);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_box_append (GTK_BOX (column), title);
      if (description != NULL)
        {
          GtkWidget *secondary = gtk_label_new (description);
          gtk_label_set_xalign (GTK_LABEL (secondary), 0);
          gtk_label_set_wrap (GTK_LABEL (secondary), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (secondary), 40);
          gtk_widget_add_css_class (secondary, "tess-caption");
          gtk_widget_add_css_class (secondary, "tess-size-sm");
          gtk_box_append (GTK_BOX (column), secondary);
        }
      gtk_widget_set_margin_top (column, 6);
      gtk_widget_set_margin_bottom (column, 6);
      gtk_widget_set_margin_start (column, 8);
      gtk_widget_set_margin_end (column, 8);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), column);
      gtk_widget_set_sensitive (row, !json_object_get_boolean_member_with_default (object,
                                                                                   "disabled",
                                                                                   FALSE));
      g_object_set_data_full (G_OBJECT (row), "tess-search-text",
                              g_strconcat (label ? label : value, " ", description, NULL), g_free);
      tess_render_set_accessible_name (row, label ? label : value);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (element->option_values, g_strdup (value));
    }

  if (search)
    {
      GtkWidget *entry = gtk_search_entry_new ();
      tess_render_set_accessible_name (entry, _("Search options"));
      gtk_list_box_set_filter_func (GTK_LIST_BOX (list), select_filter, entry, NULL);
      g_signal_connect (entry, "search-changed", G_CALLBACK (on_select_search_changed), list);
      gtk_box_append (GTK_BOX (box), entry);
    }
  g_signal_connect (list, "row-activated", G_CALLBACK (on_select_row_activated), element);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), scrolled);
  g_object_set_data (G_OBJECT (box), "tess-list", list);

  build_menu_control (element, NULL, box);
  g_object_set_data (G_OBJECT (element->control), "tess-list", list);
  element->updating = TRUE;
  select_set_value (element, tess_node_get_string (node, "defaultValue"), FALSE);
  element->updating = FALSE;
}

/* DatePicker */

static gboolean
parse_iso_date (const char *text,
                int        *year,
                int        *month,
                int        *day)
{
  if (text == NULL || sscanf (text, "%4d-%2d-%2d", year, month, day) != 3)
    return FALSE;
  return g_date_valid_dmy (*day, *month, *year);
}

static void
date_picker_show (TessElement *element)
{
  int y, m, d;

  if (element->value != NULL && parse_iso_date (element->value, &y, &m, &d))
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (y, m, d, 0, 0, 0);
      g_autofree char *text = g_date_time_format (date, "%b %-d, %Y");

      gtk_label_set_text (GTK_LABEL (element->label), text);
      gtk_widget_remove_css_class (element->label, "tess-placeholder-text");
    }
  else
    {
      g_autofree char *placeholder = tess_node_dup_text (element->node, "placeholder");

      gtk_label_set_text (GTK_LABEL (element->label), placeholder ? placeholder
                                                                  : _("Select a date"));
      gtk_widget_add_css_class (element->label, "tess-placeholder-text");
    }

  gtk_widget_set_visible (g_object_get_data (G_OBJECT (element->widget), "tess-clear"),
                          element->value != NULL &&
                          tess_render_prop_boolean (element->node, "clearable"));
}

/* Inclusive bounds, compared as YYYY-MM-DD strings. */
static gboolean
date_in_range (TessElement *element,
               const char  *iso)
{
  const char *min = tess_node_get_string (element->node, "min");
  const char *max = tess_node_get_string (element->node, "max");

  if (min != NULL && strlen (min) >= 10 && strncmp (iso, min, 10) < 0)
    return FALSE;
  if (max != NULL && strlen (max) >= 10 && strncmp (iso, max, 10) > 0)
    return FALSE;
  return TRUE;
}

static void
on_day_selected (GtkCalendar *calendar,
                 TessElement *element)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");
  JsonNode *action;

  if (element->updating)
    return;

  if (!date_in_range (element, iso))
    {
      gtk_widget_error_bell (GTK_WIDGET (calendar));
      return;
    }

  g_free (element->value);
  element->value = g_steal_pointer (&iso);
  date_picker_show (element);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (element->control));
  _tess_widget_view_field_changed (element->view, element);

  action = tess_node_get_prop (element->node, "onChangeAction");
  if (action != NULL)
    _tess_widget_view_emit_action (element->view, element, action, "DatePicker");
}

static void
build_date_picker (TessElement *element)
{
  GtkWidget *calendar = gtk_calendar_new ();
  int y, m, d;
  const char *value = tess_node_get_string (element->node, "defaultValue");

  build_menu_control (element, "calendar", calendar);
  g_object_set_data (G_OBJECT (element->control), "tess-calendar", calendar);
  if (parse_iso_date (value, &y, &m, &d))
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (y, m, d, 0, 0, 0);

      element->value = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
      element->updating = TRUE;
      gtk_calendar_select_day (GTK_CALENDAR (calendar), date);
      element->updating = FALSE;
    }
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_day_selected), element);
  date_picker_show (element);
}

/* Checkbox and RadioGroup */

static void
on_check_toggled (GtkCheckButton *button,
                  TessElement    *element)
{
  JsonNode *action = tess_node_get_prop (element->node, "onChangeAction");

  if (element->updating)
    return;
  _tess_widget_view_field_changed (element->view, element);
  if (action != NULL)
    _tess_widget_view_emit_action (element->view, element, action, "Checkbox");
}

static void
build_checkbox (TessElement *element)
{
  TessNode *node = element->node;
  g_autofree char *label = tess_node_dup_text (node, "label");
  GtkWidget *check = gtk_check_button_new_with_label (label);

  element->control = check;
  gtk_widget_add_css_class (check, "tess-check");
  element->updating = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               tess_render_prop_boolean (node, "defaultChecked"));
  element->updating = FALSE;
  tess_render_set_accessible_name (check, field_accessible_name (element));
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), element);
  wrap_field (element, check);
  gtk_widget_set_halign (element->widget, GTK_ALIGN_START);
}

static void
on_radio_toggled (GtkCheckButton *button,
                  TessElement    *element)
{
  JsonNode *action;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tess-index"));

  if (element->updating || !gtk_check_button_get_active (button))
    return;
  if (element->option_values == NULL || index >= element->option_values->len)
    return;

  g_free (element->value);
  element->value = g_strdup (g_ptr_array_index (element->option_values, index));
  _tess_widget_view_field_changed (element->view, element);
  action = tess_node_get_prop (element->node, "onChangeAction");
  if (action != NULL)
    _tess_widget_view_emit_action (element->view, element, action, "RadioGroup");
}

static void
build_radio_group (TessElement *element)
{
  TessNode *node = element->node;
  JsonNode *options = tess_node_get_prop (node, "options");
  gboolean row = g_strcmp0 (tess_render_prop_string (node, "direction"), "row") == 0;
  GtkWidget *box = gtk_box_new (row ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL,
                                row ? 16 : 8);
  const char *default_value = tess_node_get_string (node, "defaultValue");
  GtkCheckButton *group = NULL;
  guint n = options && JSON_NODE_HOLDS_ARRAY (options)
              ? json_array_get_length (json_node_get_array (options)) : 0;

  element->option_values = g_ptr_array_new_with_free_func (g_free);
  element->control = box;
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  field_accessible_name (element), -1);
  tess_render_set_accessible_name (box, field_accessible_name (element));
  element->updating = TRUE;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *option = json_array_get_element (json_node_get_array (options), i);
      const char *value, *label;
      GtkWidget *radio;

      if (!JSON_NODE_HOLDS_OBJECT (option))
        continue;
      value = option_member (json_node_get_object (option), "value");
      label = option_member (json_node_get_object (option), "label");
      if (value == NULL)
        continue;

      radio = gtk_check_button_new_with_label (label ? label : value);
      gtk_widget_add_css_class (radio, "tess-check");
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (radio), group);
      else
        group = GTK_CHECK_BUTTON (radio);
      g_object_set_data (G_OBJECT (radio), "tess-index",
                         GUINT_TO_POINTER (element->option_values->len));
      g_ptr_array_add (element->option_values, g_strdup (value));
      gtk_widget_set_sensitive (radio, !json_object_get_boolean_member_with_default (
                                         json_node_get_object (option), "disabled", FALSE));
      tess_render_set_accessible_name (radio, label ? label : value);
      if (g_strcmp0 (default_value, value) == 0)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (radio), TRUE);
          element->value = g_strdup (value);
        }
      g_signal_connect (radio, "toggled", G_CALLBACK (on_radio_toggled), element);
      gtk_box_append (GTK_BOX (box), radio);
    }

  element->updating = FALSE;
  wrap_field (element, box);
}

/* Data */

static void
build_chart (TessElement *element)
{
  element->widget = tess_chart_new (element->node);
}

static void
build_table (TessElement *element)
{
  element->widget = gtk_grid_new ();
  gtk_widget_add_css_class (element->widget, "tess-table");
  element->content = element->widget;
}

static void
build_table_row (TessElement *element)
{
  /* Rows exist in the element tree only; their cells go straight into the table's grid. */
  element->widget = NULL;
}

static void
build_table_cell (TessElement *element)
{
  TessNode *node = element->node;
  const char *align = tess_render_prop_string (node, "align");
  const char *valign = tess_render_prop_string (node, "vAlign");
  double width;

  element->widget = tess_box_new ("tess-table-cell");
  element->content = element->widget;
  if (tess_node_has_prop (node, "padding"))
    apply_box_style (element->widget, node, TRUE);
  if (element->parent != NULL && tess_render_prop_boolean (element->parent->node, "header"))
    {
      gtk_widget_add_css_class (element->widget, "tess-table-header");
      gtk_widget_add_css_class (element->widget, "tess-table-header-cell");
    }
  if (tess_render_length_px (tess_node_get_prop (node, "width"), &width))
    gtk_widget_set_size_request (element->widget, (int) CLAMP (width, 0, 10000), -1);
  else if (tess_node_get_string (node, "colSize") != NULL)
    {
      static const int col_sizes[] = { 64, 96, 160, 240, 320 };
      const char *col_size = tess_node_get_string (node, "colSize");
      static const char * const names[] = { "xs", "sm", "md", "lg", "xl" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (strcmp (names[i], col_size) == 0)
          gtk_widget_set_size_request (element->widget, col_sizes[i], -1);
    }
  g_object_set_data (G_OBJECT (element->widget), "tess-halign",
                     GINT_TO_POINTER (g_strcmp0 (align, "center") == 0 ? GTK_ALIGN_CENTER
                                      : g_strcmp0 (align, "end") == 0 ? GTK_ALIGN_END
                                                                       : GTK_ALIGN_START));
  gtk_widget_set_valign (element->widget, g_strcmp0 (valign, "start") == 0 ? GTK_ALIGN_START
                                          : g_strcmp0 (valign, "end") == 0 ? GTK_ALIGN_END
                                                                           : GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (element->widget, TRUE);
}

/* Something the catalog does not know: say so in place (the validator says why). */
static void
build_unknown (TessElement *element)
{
  g_autofree char *text = g_strdup_printf (_("Unsupported component “%s”"),
                                           tess_node_get_type_name (element->node));

  element->label = gtk_label_new (text);
  element->widget = element->label;
  gtk_widget_add_css_class (element->widget, "tess-caption");
  gtk_widget_add_css_class (element->widget, "tess-fg-tertiary");
  gtk_label_set_xalign (GTK_LABEL (element->label), 0);
}

typedef struct
{
  const char *type;
  BuildFunc   build;
} Builder;

static const Builder builders[] = {
  { "Card", build_card },
  { "ListView", build_list_view },
  { "Basic", build_basic },
  { "ListViewItem", build_list_view_item },
  { "Box", build_container },
  { "Row", build_container },
  { "Col", build_container },
  { "Form", build_container },
  { "Spacer", build_spacer },
  { "Divider", build_divider },
  { "Transition", build_transition },
  { "Text", build_text_like },
  { "Title", build_text_like },
  { "Caption", build_text_like },
  { "Markdown", build_markdown },
  { "Label", build_text_like },
  { "Badge", build_badge },
  { "Icon", build_icon },
  { "Image", build_image },
  { "Button", build_button },
  { "Input", build_input },
  { "Textarea", build_textarea },
  { "Select", build_select },
  { "DatePicker", build_date_picker },
  { "Checkbox", build_checkbox },
  { "RadioGroup", build_radio_group },
  { "Chart", build_chart },
  { "Table", build_table },
  { "Table.Row", build_table_row },
  { "Table.Cell", build_table_cell },
};

gboolean
tess_render_has_builder (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (builders); i++)
    if (strcmp (builders[i].type, type) == 0)
      return TRUE;
  return FALSE;
}

gboolean
tess_element_is_row (TessElement *element)
{
  TessNode *node = element->node;
  const char *type = tess_node_get_type_name (node);

  if (strcmp (type, "Row") == 0 || strcmp (type, "ListViewItem") == 0)
    return TRUE;
  if (strcmp (type, "Box") == 0 || strcmp (type, "Form") == 0 || strcmp (type, "Basic") == 0)
    return g_strcmp0 (tess_render_prop_string (node, "direction"), "row") == 0;
  return FALSE;
}

static void
place_table (TessElement *table)
{
  GtkGrid *grid = GTK_GRID (table->widget);
  g_autoptr(GHashTable) occupied = g_hash_table_new (g_direct_hash, g_direct_equal);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (table->widget)) != NULL)
    gtk_grid_remove (grid, child);

  for (guint r = 0; r < table->children->len && r < 10000; r++)
    {
      TessElement *row = g_ptr_array_index (table->children, r);
      guint column = 0;

      for (guint c = 0; c < row->children->len; c++)
        {
          TessElement *cell = g_ptr_array_index (row->children, c);
          int col_span = (int) CLAMP (tess_node_get_int (cell->node, "colSpan", 1), 1, 64);
          int row_span = (int) CLAMP (tess_node_get_int (cell->node, "rowSpan", 1), 1, 64);

          while (column < 4096 &&
                 g_hash_table_contains (occupied, GUINT_TO_POINTER (r * 4096 + column)))
            column++;
          if (column >= 4096)
            break;
          for (int dr = 0; dr < row_span; dr++)
            for (int dc = 0; dc < col_span; dc++)
              g_hash_table_add (occupied, GUINT_TO_POINTER ((r + dr) * 4096 + column + dc));
          gtk_widget_add_css_class (cell->widget, "tess-table-row");
          gtk_grid_attach (grid, cell->widget, (int) column, (int) r, col_span, row_span);
          column += col_span;
        }
    }
}

/* An Icon beside text says nothing the text does not (a bullet, a status glyph): screen
 * readers skip it. Alone it reads out its name. */
static void
update_decorative_icons (TessElement *element)
{
  static const char *const text_types[] = {
    "Text", "Title", "Caption", "Label", "Markdown", "Badge",
  };
  gboolean beside_text = FALSE;

  for (guint i = 0; i < element->children->len && !beside_text; i++)
    {
      TessElement *child = g_ptr_array_index (element->children, i);

      for (guint t = 0; t < G_N_ELEMENTS (text_types); t++)
        beside_text = beside_text || type_is (child->node, text_types[t]);
    }
  for (guint i = 0; i < element->children->len; i++)
    {
      TessElement *child = g_ptr_array_index (element->children, i);

      if (child->widget != NULL && type_is (child->node, "Icon"))
        gtk_accessible_update_state (GTK_ACCESSIBLE (child->widget), GTK_ACCESSIBLE_STATE_HIDDEN,
                                     beside_text, -1);
    }
}

void
tess_element_sync_children (TessElement *element)
{
  g_autoptr(GPtrArray) widgets = NULL;
  const char *type = tess_node_get_type_name (element->node);

  if (element->content == NULL)
    return;

  if (strcmp (type, "Table") == 0)
    {
      place_table (element);
      return;
    }

  if (strcmp (type, "Transition") == 0)
    {
      TessElement *child = element->children->len > 0 ? g_ptr_array_index (element->children, 0)
                                                      : NULL;
      GtkWidget *old;

      if (child != NULL && gtk_widget_get_parent (child->widget) != element->content)
        gtk_stack_add_child (GTK_STACK (element->content), child->widget);
      if (child != NULL)
        gtk_stack_set_visible_child (GTK_STACK (element->content), child->widget);
      /* Pages that are not the current child leave once the crossfade is over. */
      for (old = gtk_widget_get_first_child (element->content); old != NULL;)
        {
          GtkWidget *next = gtk_widget_get_next_sibling (old);
          if (child == NULL || old != child->widget)
            {
              if (gtk_stack_get_transition_running (GTK_STACK (element->content)))
                g_object_set_data (G_OBJECT (old), "tess-leaving", GINT_TO_POINTER (1));
              else
                gtk_stack_remove (GTK_STACK (element->content), old);
            }
          old = next;
        }
      return;
    }

  widgets = g_ptr_array_new ();
  for (guint i = 0; i < element->children->len; i++)
    {
      TessElement *child = g_ptr_array_index (element->children, i);
      if (child->widget != NULL)
        g_ptr_array_add (widgets, child->widget);
    }

  /* Remove widgets of children that went away. */
  for (GtkWidget *child = gtk_widget_get_first_child (element->content); child != NULL;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      if (!g_ptr_array_find (widgets, child, NULL))
        gtk_widget_unparent (child);
      child = next;
    }

  tess_box_set_children (TESS_BOX (element->content), widgets);
  tess_render_setup_layout (element->content, element->node);
  update_decorative_icons (element);

  if (strcmp (type, "ListView") == 0)
    update_list_limit (element);
}

static void
on_transition_done (GtkStack   *stack,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  if (gtk_stack_get_transition_running (stack))
    return;
  for (GtkWidget *old = gtk_widget_get_first_child (GTK_WIDGET (stack)); old != NULL;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (old);
      if (g_object_get_data (G_OBJECT (old), "tess-leaving") != NULL)
        gtk_stack_remove (stack, old);
      old = next;
    }
}

TessElement *
tess_element_build (TessWidgetView *view,
                    TessElement    *parent,
                    TessNode       *node)
{
  TessElement *element = g_new0 (TessElement, 1);
  BuildFunc build = build_unknown;
  guint n_children;

  element->view = view;
  element->parent = parent;
  element->node = g_object_ref (node);
  element->children = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_element_free);

  for (guint i = 0; i < G_N_ELEMENTS (builders); i++)
    if (strcmp (builders[i].type, tess_node_get_type_name (node)) == 0)
      {
        build = builders[i].build;
        break;
      }
  if (tess_node_get_info (node) == NULL)
    build = build_unknown;

  build (element);

  if (element->widget != NULL)
    {
      g_object_ref_sink (element->widget);
      apply_common (element);
      gtk_widget_add_css_class (element->widget, "tess-node");
    }

  if (element->content != NULL || strcmp (tess_node_get_type_name (node), "Table.Row") == 0)
    {
      n_children = tess_node_get_n_children (node);
      for (guint i = 0; i < n_children; i++)
        g_ptr_array_add (element->children,
                         tess_element_build (view, element, tess_node_get_child (node, i)));
    }

  if (element->content != NULL && strcmp (tess_node_get_type_name (node), "Table.Cell") != 0)
    {
      if (strcmp (tess_node_get_type_name (node), "Transition") == 0)
        g_signal_connect (element->content, "notify::transition-running",
                          G_CALLBACK (on_transition_done), NULL);
      tess_element_sync_children (element);
    }
  else if (strcmp (tess_node_get_type_name (node), "Table.Cell") == 0)
    {
      tess_element_sync_children (element);
    }

  return element;
}

void
tess_element_free (TessElement *element)
{
  if (element == NULL)
    return;

  g_clear_pointer (&element->children, g_ptr_array_unref);
  if (element->widget != NULL)
    {
      GtkWidget *parent = gtk_widget_get_parent (element->widget);

      if (parent != NULL && GTK_IS_STACK (parent))
        {
          /* A Transition's old page stays until the crossfade is over. */
          if (gtk_stack_get_transition_running (GTK_STACK (parent)))
            g_object_set_data (G_OBJECT (element->widget), "tess-leaving", GINT_TO_POINTER (1));
          else
            gtk_stack_remove (GTK_STACK (parent), element->widget);
        }
      else if (parent != NULL && GTK_IS_GRID (parent))
        gtk_grid_remove (GTK_GRID (parent), element->widget);
      else if (parent != NULL && TESS_IS_BOX (parent))
        gtk_widget_unparent (element->widget);
      g_clear_object (&element->widget);
    }
  g_clear_pointer (&element->value, g_free);
  g_clear_pointer (&element->option_values, g_ptr_array_unref);
  g_clear_object (&element->node);
  g_free (element);
}

gboolean
tess_element_update_props (TessElement *element,
                           TessNode    *old_node)
{
  const char *type = tess_node_get_type_name (element->node);

  /* Containers re-apply layout in place so their children (and focus) stay. */
  if (strcmp (type, "Box") == 0 || strcmp (type, "Row") == 0 || strcmp (type, "Col") == 0 ||
      strcmp (type, "Form") == 0 || strcmp (type, "Basic") == 0)
    {
      GtkWidget *widget = element->widget;

      remove_generated_classes (widget);
      apply_box_style (widget, element->node, TRUE);
      if (strcmp (type, "Basic") == 0)
        apply_theme_class (widget, element->node);
      gtk_widget_set_size_request (widget, -1, -1);
      apply_common (element);
      tess_render_setup_layout (element->content, element->node);
      return TRUE;
    }

  if (strcmp (type, "Card") == 0)
    {
      card_apply_props (element);
      gtk_widget_set_size_request (element->widget, -1, -1);
      apply_common (element);
      tess_render_setup_layout (element->content, element->node);
      return TRUE;
    }

  if (strcmp (type, "Text") == 0 || strcmp (type, "Title") == 0 || strcmp (type, "Caption") == 0 ||
      strcmp (type, "Label") == 0)
    {
      /* Only the value and streaming flag changed: update the label in place. */
      g_autoptr(JsonObject) a = json_object_new ();
      g_autoptr(JsonObject) b = json_object_new ();
      GList *members;
      gboolean same;

      if (element->control != NULL)
        return FALSE;
      members = json_object_get_members (tess_node_get_props (old_node));
      for (GList *l = members; l; l = l->next)
        if (strcmp (l->data, "value") != 0 && strcmp (l->data, "streaming") != 0)
          json_object_set_member (a, l->data,
                                  json_node_ref (tess_node_get_prop (old_node, l->data)));
      g_list_free (members);
      members = json_object_get_members (tess_node_get_props (element->node));
      for (GList *l = members; l; l = l->next)
        if (strcmp (l->data, "value") != 0 && strcmp (l->data, "streaming") != 0)
          json_object_set_member (b, l->data,
                                  json_node_ref (tess_node_get_prop (element->node, l->data)));
      g_list_free (members);
      same = json_object_equal (a, b);
      if (same)
        {
          g_autofree char *value = tess_node_dup_text (element->node, "value");
          set_label_text (element, value, tess_render_prop_boolean (element->node, "streaming"));
          tess_render_widget_set_node (element->widget, element->node);
        }
      return same;
    }

  if (strcmp (type, "Markdown") == 0)
    {
      g_autofree char *value = tess_node_dup_text (element->node, "value");

      tess_markdown_set_text (TESS_MARKDOWN (element->widget), value,
                              tess_render_prop_boolean (element->node, "streaming"));
      tess_render_widget_set_node (element->widget, element->node);
      return TRUE;
    }

  if (strcmp (type, "Image") == 0)
    {
      tess_image_set_node (TESS_IMAGE (element->widget), element->node);
      tess_render_widget_set_node (element->widget, element->node);
      return TRUE;
    }

  if (strcmp (type, "Chart") == 0)
    {
      tess_chart_set_node (TESS_CHART (element->widget), element->node);
      tess_render_widget_set_node (element->widget, element->node);
      return TRUE;
    }

  return FALSE;
}

void
tess_element_append_text (TessElement *element,
                          const char  *delta)
{
  const char *type = tess_node_get_type_name (element->node);
  g_autofree char *value = tess_node_dup_text (element->node, "value");
  g_autofree char *joined = g_strconcat (value ? value : "", delta, NULL);
  g_autoptr(JsonNode) json = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (json, joined);
  tess_node_set_prop (element->node, "value", json);

  if (strcmp (type, "Markdown") == 0)
    tess_markdown_set_text (TESS_MARKDOWN (element->widget), joined,
                            tess_render_prop_boolean (element->node, "streaming"));
  else if (element->label != NULL && TESS_IS_TEXT (element->label))
    set_label_text (element, joined, tess_render_prop_boolean (element->node, "streaming"));
}

void
tess_element_set_loading (TessElement *element,
                          gboolean     loading)
{
  GtkWidget *target = element->control ? element->control : element->widget;

  if (loading && element->spinner == NULL && GTK_IS_BUTTON (target) &&
      GTK_IS_BOX (gtk_button_get_child (GTK_BUTTON (target))))
    {
      element->spinner = gtk_spinner_new ();
      gtk_box_prepend (GTK_BOX (gtk_button_get_child (GTK_BUTTON (target))), element->spinner);
    }
  if (element->spinner != NULL)
    {
      gtk_widget_set_visible (element->spinner, loading);
      gtk_spinner_set_spinning (GTK_SPINNER (element->spinner), loading);
    }
  if (target != NULL)
    {
      gtk_widget_set_sensitive (target, !loading && !tess_render_prop_boolean (element->node,
                                                                               "disabled"));
      if (loading)
        gtk_widget_add_css_class (target, "tess-loading");
      else
        gtk_widget_remove_css_class (target, "tess-loading");
    }
}
