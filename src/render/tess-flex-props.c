/* tess-flex-props.c: ChatKit layout props → flexbox engine styles (spec/layout.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tools/flex-fixture-gen holds the same mapping in Python (it turns widget JSON into the CSS
 * that Chromium lays out); the GTK geometry test keeps the two in agreement.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tess-flex-props.h"

#define SPACING_UNIT_PX 4.f

/* "rem" and "em" are the 16 px of a browser's default font size, as Chromium resolves them
 * for a box (the fixtures' reference) */
#define EM_PX 16.f

static gboolean
parse_css_length (const char       *text,
                  TessLayoutLength *length)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double value;

  if (g_str_equal (copy, "auto"))
    {
      *length = TESS_LAYOUT_AUTO;
      return TRUE;
    }
  value = g_ascii_strtod (copy, &end);
  if (end == copy || !isfinite (value))
    return FALSE;
  if (*end == '\0' || g_ascii_strcasecmp (end, "px") == 0)
    *length = TESS_LAYOUT_PX (value);
  else if (g_ascii_strcasecmp (end, "rem") == 0 || g_ascii_strcasecmp (end, "em") == 0)
    *length = TESS_LAYOUT_PX (value * EM_PX);
  else if (g_str_equal (end, "%"))
    *length = TESS_LAYOUT_PCT (value);
  else
    return FALSE;
  return fabsf (length->value) <= TESS_FLEX_PROPS_MAX_PX;
}

gboolean
tess_flex_props_parse_length (JsonNode         *value,
                              gboolean          units,
                              TessLayoutLength *length)
{
  TessLayoutLength parsed;

  g_return_val_if_fail (length != NULL, FALSE);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return FALSE;
  if (json_node_get_value_type (value) == G_TYPE_STRING)
    {
      if (!parse_css_length (json_node_get_string (value), &parsed))
        return FALSE;
    }
  else if (json_node_get_value_type (value) == G_TYPE_INT64
           || json_node_get_value_type (value) == G_TYPE_DOUBLE)
    {
      double v = json_node_get_double (value) * (units ? SPACING_UNIT_PX : 1.f);

      if (!isfinite (v) || fabs (v) > TESS_FLEX_PROPS_MAX_PX)
        return FALSE;
      parsed = TESS_LAYOUT_PX ((float) v);
    }
  else
    return FALSE;
  *length = parsed;
  return TRUE;
}

/* A length CSS allows no negative value of (sizes, gaps, padding, border widths): a
 * negative one is invalid, and ignored as CSS ignores it. */
static gboolean
parse_size (JsonNode         *value,
            gboolean          units,
            TessLayoutLength *length)
{
  TessLayoutLength parsed;

  if (!tess_flex_props_parse_length (value, units, &parsed) || parsed.value < 0)
    return FALSE;
  *length = parsed;
  return TRUE;
}

static gboolean
parse_factor (const char *word,
              float      *out)
{
  char *end = NULL;
  double v = g_ascii_strtod (word, &end);

  if (end == word || *end != '\0' || !isfinite (v) || v < 0 || v > 1e7)
    return FALSE;
  *out = (float) v;
  return TRUE;
}

gboolean
tess_flex_props_parse_flex (const char       *text,
                            float            *grow,
                            float            *shrink,
                            TessLayoutLength *basis)
{
  g_auto (GStrv) words = g_strsplit_set (text, " \t", -1);
  const char *w[3];
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        if (n == 3)
          return FALSE;
        w[n++] = words[i];
      }
  if (n == 1 && g_str_equal (w[0], "none"))
    {
      *grow = 0, *shrink = 0, *basis = TESS_LAYOUT_AUTO;
      return TRUE;
    }
  if (n == 1 && (g_str_equal (w[0], "auto") || g_str_equal (w[0], "initial")))
    {
      *grow = g_str_equal (w[0], "auto") ? 1 : 0, *shrink = 1, *basis = TESS_LAYOUT_AUTO;
      return TRUE;
    }
  if (n == 0)
    return FALSE;

  /* <grow> [<shrink>] [<basis>], or a lone <basis> */
  *grow = 1, *shrink = 1, *basis = TESS_LAYOUT_PCT (0);
  if (!parse_factor (w[0], grow))
    {
      if (n != 1 || !parse_css_length (w[0], basis) || basis->value < 0)
        return FALSE;
      *grow = 1;
      return TRUE;
    }
  if (n >= 2 && !parse_factor (w[1], shrink))
    {
      if (n != 2 || !parse_css_length (w[1], basis) || basis->value < 0)
        return FALSE;
      return TRUE;
    }
  if (n == 3 && (!parse_css_length (w[2], basis) || basis->value < 0))
    return FALSE;
  return TRUE;
}

static const char *
node_type (TessNode *node)
{
  return tess_node_get_type_name (node);
}

static TessLayoutDirection
node_direction (TessNode *node)
{
  const char *type = node_type (node);
  const char *direction;

  if (g_str_equal (type, "Row") || g_str_equal (type, "ListViewItem"))
    return TESS_LAYOUT_ROW;
  if (g_str_equal (type, "Col") || g_str_equal (type, "Card") || g_str_equal (type, "ListView"))
    return TESS_LAYOUT_COLUMN;
  /* Box, Form and Basic: a column unless "row" is asked for */
  direction = tess_node_get_string (node, "direction");
  return g_strcmp0 (direction, "row") == 0 ? TESS_LAYOUT_ROW : TESS_LAYOUT_COLUMN;
}

gboolean
tess_flex_props_is_container (TessNode *node)
{
  static const char *containers[] = {
    "Basic", "Card", "ListView", "ListViewItem", "Box", "Row", "Col", "Form",
  };

  for (guint i = 0; i < G_N_ELEMENTS (containers); i++)
    if (g_str_equal (node_type (node), containers[i]))
      return TRUE;
  return FALSE;
}

static guint8
map_align (const char *value)
{
  static const struct { const char *name; TessLayoutAlign align; } table[] = {
    { "start", TESS_LAYOUT_ALIGN_FLEX_START },
    { "end", TESS_LAYOUT_ALIGN_FLEX_END },
    { "center", TESS_LAYOUT_ALIGN_CENTER },
    { "stretch", TESS_LAYOUT_ALIGN_STRETCH },
    { "baseline", TESS_LAYOUT_ALIGN_BASELINE },
    { "between", TESS_LAYOUT_ALIGN_SPACE_BETWEEN },
    { "around", TESS_LAYOUT_ALIGN_SPACE_AROUND },
    { "evenly", TESS_LAYOUT_ALIGN_SPACE_EVENLY },
  };

  for (guint i = 0; value != NULL && i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (value, table[i].name))
      return table[i].align;
  return TESS_LAYOUT_ALIGN_NORMAL;
}

static const struct { const char *key; int a, b; } edge_keys[] = {
  { "x", TESS_LAYOUT_LEFT, TESS_LAYOUT_RIGHT },
  { "y", TESS_LAYOUT_TOP, TESS_LAYOUT_BOTTOM },
  { "left", TESS_LAYOUT_LEFT, -1 },
  { "right", TESS_LAYOUT_RIGHT, -1 },
  { "top", TESS_LAYOUT_TOP, -1 },
  { "bottom", TESS_LAYOUT_BOTTOM, -1 },
};

/* margin: a length for all sides, or {top, right, bottom, left, x, y} where a named side wins
 * over x / y */
static void
apply_margin (TessNode         *node,
              TessLayoutLength *edges)
{
  JsonNode *value = tess_node_get_prop (node, "margin");
  TessLayoutLength length;

  if (value != NULL && JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);

      for (guint i = 0; i < G_N_ELEMENTS (edge_keys); i++)
        if (tess_flex_props_parse_length (json_object_get_member (object, edge_keys[i].key),
                                          TRUE, &length))
          {
            edges[edge_keys[i].a] = length;
            if (edge_keys[i].b >= 0)
              edges[edge_keys[i].b] = length;
          }
    }
  else if (tess_flex_props_parse_length (value, TRUE, &length))
    for (guint e = 0; e < 4; e++)
      edges[e] = length;
}

/* A padding or border width as GTK's CSS lays it out: in whole px, rounded down, a hairline
 * taking one px (CSS's rule for border widths, which GTK applies to padding too). */
static float
snap_edge (float px)
{
  if (px <= 0.f)
    return 0.f;
  return px < 1.f ? 1.f : floorf (px);
}

/* A padding or border width: @value as a px length CSS allows (@units: spacing units). */
static gboolean
parse_edge (JsonNode *value,
            gboolean  units,
            float    *px)
{
  TessLayoutLength length;

  if (!parse_size (value, units, &length) || length.unit != TESS_LAYOUT_UNIT_PX)
    return FALSE;
  *px = snap_edge (length.value);
  return TRUE;
}

/* A Border side: a number (or length string), or a Border object with a size. */
static gboolean
parse_border_side (JsonNode *value,
                   float    *px)
{
  if (value != NULL && JSON_NODE_HOLDS_OBJECT (value))
    value = json_object_get_member (json_node_get_object (value), "size");
  return parse_edge (value, FALSE, px);
}

void
tess_flex_props_box_edges (TessNode *node,
                           float     padding[4],
                           float     border[4])
{
  JsonNode *value;
  float px;

  g_return_if_fail (TESS_IS_NODE (node));
  g_return_if_fail (padding != NULL && border != NULL);

  for (guint e = 0; e < 4; e++)
    padding[e] = border[e] = 0.f;
  if (g_str_equal (node_type (node), "Card"))
    for (guint e = 0; e < 4; e++)
      padding[e] = 16.f;
  else if (g_str_equal (node_type (node), "ListViewItem"))
    {
      /* its padding is fixed (it has no padding prop) */
      padding[TESS_LAYOUT_TOP] = padding[TESS_LAYOUT_BOTTOM] = 12.f;
      padding[TESS_LAYOUT_LEFT] = padding[TESS_LAYOUT_RIGHT] = 16.f;
      return;
    }

  /* padding: a length for all sides, or {top, right, bottom, left, x, y} where a named side
   * wins over x / y */
  value = tess_node_get_prop (node, "padding");
  if (value != NULL && JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);

      for (guint i = 0; i < G_N_ELEMENTS (edge_keys); i++)
        if (parse_edge (json_object_get_member (object, edge_keys[i].key), TRUE, &px))
          {
            padding[edge_keys[i].a] = px;
            if (edge_keys[i].b >= 0)
              padding[edge_keys[i].b] = px;
          }
    }
  else if (parse_edge (value, TRUE, &px))
    for (guint e = 0; e < 4; e++)
      padding[e] = px;

  /* border: a width or a Border {size} for all sides, or per-side Borders objects giving
   * each side (x, y, then named sides, as for padding) a width or a Border */
  value = tess_node_get_prop (node, "border");
  if (value != NULL && JSON_NODE_HOLDS_OBJECT (value)
      && !json_object_has_member (json_node_get_object (value), "size"))
    {
      JsonObject *object = json_node_get_object (value);

      for (guint i = 0; i < G_N_ELEMENTS (edge_keys); i++)
        if (parse_border_side (json_object_get_member (object, edge_keys[i].key), &px))
          {
            border[edge_keys[i].a] = px;
            if (edge_keys[i].b >= 0)
              border[edge_keys[i].b] = px;
          }
    }
  else if (parse_border_side (value, &px))
    for (guint e = 0; e < 4; e++)
      border[e] = px;
}

static void
apply_box_model (TessNode        *node,
                 TessLayoutStyle *style)
{
  float padding[4], border[4];

  tess_flex_props_box_edges (node, padding, border);
  for (guint e = 0; e < 4; e++)
    {
      style->padding[e] = TESS_LAYOUT_PX (padding[e]);
      style->border[e] = TESS_LAYOUT_PX (border[e]);
    }
}

void
tess_flex_props_container_style (TessNode        *node,
                                  TessLayoutStyle *style)
{
  TessLayoutLength gap;
  const char *wrap;

  g_return_if_fail (TESS_IS_NODE (node));
  g_return_if_fail (style != NULL);

  tess_layout_style_init (style);
  style->flex_direction = node_direction (node);
  if (parse_size (tess_node_get_prop (node, "gap"), TRUE, &gap))
    style->gap[0] = style->gap[1] = gap;
  style->align_items = map_align (tess_node_get_string (node, "align"));
  if (style->align_items == TESS_LAYOUT_ALIGN_NORMAL
      && g_str_equal (node_type (node), "ListViewItem"))
    style->align_items = TESS_LAYOUT_ALIGN_CENTER;
  style->justify_content = map_align (tess_node_get_string (node, "justify"));
  wrap = tess_node_get_string (node, "wrap");
  if (g_strcmp0 (wrap, "wrap") == 0)
    style->flex_wrap = TESS_LAYOUT_WRAP;
  else if (g_strcmp0 (wrap, "wrap-reverse") == 0)
    style->flex_wrap = TESS_LAYOUT_WRAP_REVERSE;
  apply_box_model (node, style);
}

static void
apply_size (TessNode         *node,
            const char       *name,
            TessLayoutLength *length)
{
  TessLayoutLength parsed;

  if (parse_size (tess_node_get_prop (node, name), FALSE, &parsed))
    *length = parsed;
}

static float
parse_aspect_ratio (JsonNode *value)
{
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return 0.f;
  if (json_node_get_value_type (value) == G_TYPE_STRING)
    {
      g_auto (GStrv) parts = g_strsplit (json_node_get_string (value), "/", 2);
      float a = 0, b = 1, ratio;

      /* "" splits into no parts at all */
      if (parts[0] == NULL || !parse_factor (g_strstrip (parts[0]), &a))
        return 0.f;
      if (parts[1] != NULL && !parse_factor (g_strstrip (parts[1]), &b))
        return 0.f;
      ratio = b > 0 ? a / b : 0.f;
      return isfinite (ratio) && ratio > 0 && ratio < 1e6 ? ratio : 0.f;
    }
  if (json_node_get_value_type (value) == G_TYPE_INT64
      || json_node_get_value_type (value) == G_TYPE_DOUBLE)
    {
      double v = json_node_get_double (value);

      return isfinite (v) && v > 0 && v < 1e6 ? (float) v : 0.f;
    }
  return 0.f;
}

void
tess_flex_props_item_style (TessNode        *node,
                            TessNode        *parent,
                            TessLayoutStyle *style)
{
  const char *type;
  gboolean parent_row;

  g_return_if_fail (TESS_IS_NODE (node));
  g_return_if_fail (style != NULL);

  tess_layout_style_init (style);
  type = node_type (node);
  parent_row = parent != NULL && node_direction (parent) == TESS_LAYOUT_ROW;

  if (g_str_equal (type, "Spacer"))
    {
      TessLayoutLength min;

      style->flex_grow = 1;
      style->flex_shrink = 1;
      if (parse_size (tess_node_get_prop (node, "minSize"), FALSE, &min))
        style->min_size[parent_row ? 0 : 1] = min;
      return;
    }

  if (g_str_equal (type, "Divider"))
    {
      TessLayoutLength thickness = TESS_LAYOUT_PX (1), spacing = TESS_LAYOUT_PX (0);
      guint main = parent_row ? 0 : 1;

      parse_size (tess_node_get_prop (node, "size"), FALSE, &thickness);
      tess_flex_props_parse_length (tess_node_get_prop (node, "spacing"), TRUE, &spacing);
      /* a line across the cross axis that keeps its thickness */
      style->flex_grow = 0;
      style->flex_shrink = 0;
      style->align_self = TESS_LAYOUT_ALIGN_STRETCH;
      style->size[main] = thickness;
      style->margin[2 * main] = style->margin[2 * main + 1] = spacing;
      if (tess_node_get_boolean (node, "flush", FALSE) && parent != NULL
          && tess_node_has_prop (parent, "padding"))
        {
          float padding[4], border[4];
          guint cross = 1 - main;

          tess_flex_props_box_edges (parent, padding, border);
          for (guint e = 2 * cross; e < 2 * cross + 2; e++)
            style->margin[e] = TESS_LAYOUT_PX (-padding[e]);
        }
      return;
    }

  /* the box of a container or any other component */
  apply_margin (node, style->margin);
  if (tess_flex_props_is_container (node))
    apply_box_model (node, style);

  {
    JsonNode *flex = tess_node_get_prop (node, "flex");

    if (flex != NULL && JSON_NODE_HOLDS_VALUE (flex))
      {
        if (json_node_get_value_type (flex) == G_TYPE_STRING)
          {
            float grow, shrink;
            TessLayoutLength basis;

            if (tess_flex_props_parse_flex (json_node_get_string (flex), &grow, &shrink,
                                            &basis))
              {
                style->flex_grow = grow;
                style->flex_shrink = shrink;
                style->flex_basis = basis;
              }
          }
        else
          {
            double grow = json_node_get_double (flex);

            if (isfinite (grow) && grow >= 0 && grow < 1e7)
              {
                /* flex: N is N 1 0% */
                style->flex_grow = (float) grow;
                style->flex_shrink = 1;
                style->flex_basis = TESS_LAYOUT_PCT (0);
              }
          }
      }
  }

  apply_size (node, "size", &style->size[0]);
  apply_size (node, "size", &style->size[1]);
  apply_size (node, "minSize", &style->min_size[0]);
  apply_size (node, "minSize", &style->min_size[1]);
  apply_size (node, "maxSize", &style->max_size[0]);
  apply_size (node, "maxSize", &style->max_size[1]);
  apply_size (node, "width", &style->size[0]);
  apply_size (node, "height", &style->size[1]);
  apply_size (node, "minWidth", &style->min_size[0]);
  apply_size (node, "minHeight", &style->min_size[1]);
  apply_size (node, "maxWidth", &style->max_size[0]);
  apply_size (node, "maxHeight", &style->max_size[1]);
  style->aspect_ratio = parse_aspect_ratio (tess_node_get_prop (node, "aspectRatio"));

  if (g_str_equal (type, "Card"))
    {
      const char *size = tess_node_get_string (node, "size");
      float width = 440;

      if (g_strcmp0 (size, "sm") == 0)
        width = 320;
      else if (g_strcmp0 (size, "lg") == 0)
        width = 560;
      /* never wider than the space it is given */
      if (g_strcmp0 (size, "full") != 0)
        style->size[0] = TESS_LAYOUT_PX (width);
      else
        style->size[0] = TESS_LAYOUT_AUTO;
      style->size[1] = TESS_LAYOUT_AUTO;
      style->max_size[0] = TESS_LAYOUT_PCT (100);
    }
}
