/* tess-theme.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core/tess-catalog.h"
#include "tess-theme.h"

/* The registry stops growing here; a widget asking for more rules just loses that style. */
#define MAX_REGISTRY_RULES 4096

typedef struct
{
  const char *token;
  const char *light;
  const char *dark;
} TokenColor;

static const TokenColor text_colors[] = {
  { "prose", "#0d0d0d", "#f3f3f3" },
  { "primary", "#0d0d0d", "#ffffff" },
  { "emphasis", "#0d0d0d", "#ffffff" },
  { "secondary", "#5d5d5d", "#afafaf" },
  { "tertiary", "#8f8f8f", "#8f8f8f" },
  { "success", "#00692a", "#04b84c" },
  { "warning", "#923b0f", "#e25507" },
  { "danger", "#911e1b", "#e02e2a" },
  { "info", "#0169cc", "#66b5ff" },
  { "caution", "#916f00", "#e0ac00" },
  { "discovery", "#532d8d", "#8046d9" },
};

static const TokenColor background_colors[] = {
  { "surface", "#ffffff", "#212121" },
  { "surface-secondary", "#f9f9f9", "#181818" },
  { "surface-tertiary", "#f3f3f3", "#131313" },
  { "surface-elevated", "#ffffff", "#303030" },
  { "surface-elevated-secondary", "#f9f9f9", "#414141" },
};

static const TokenColor border_colors[] = {
  { "subtle", "rgba(13,13,13,0.05)", "rgba(255,255,255,0.06)" },
  { "default", "rgba(13,13,13,0.10)", "rgba(255,255,255,0.12)" },
  { "strong", "rgba(13,13,13,0.15)", "rgba(255,255,255,0.20)" },
};

static const TokenColor chart_colors[] = {
  { "blue", "#0285ff", "#339cff" },
  { "purple", "#924ff7", "#ad7bf9" },
  { "orange", "#fb6a22", "#ff8549" },
  { "green", "#04b84c", "#40c977" },
  { "red", "#fa423e", "#ff6764" },
  { "yellow", "#ffc300", "#ffd240" },
  { "pink", "#ff66ad", "#ff8cc1" },
};

static const char * const hues[] = { "red", "orange", "yellow", "green", "blue", "purple", "pink" };
static const int hue_steps[] = {
  25, 50, 75, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950, 1000
};
static const char * const hue_palette[G_N_ELEMENTS (hues)][G_N_ELEMENTS (hue_steps)] = {
  { "#fff0f0", "#ffd9d9", "#ffc6c5", "#ffa4a2", "#ff8583", "#ff6764", "#fa423e", "#e02e2a",
    "#ba2623", "#911e1b", "#6e1615", "#4d100e", "#280b0a", "#1f0909" },
  { "#fff5f0", "#ffe7d9", "#ffcfb4", "#ffb790", "#ff9e6c", "#ff8549", "#fb6a22", "#e25507",
    "#b9480d", "#923b0f", "#6d2e0f", "#4a2206", "#281105", "#211107" },
  { "#fffbed", "#fff6d9", "#ffeeb8", "#ffe48c", "#ffdb66", "#ffd240", "#ffc300", "#e0ac00",
    "#ba8e00", "#916f00", "#6e5400", "#4d3b00", "#261d00", "#1a1400" },
  { "#edfaf2", "#d9f4e4", "#b8ebcc", "#8cdfad", "#66d492", "#40c977", "#04b84c", "#00a240",
    "#008635", "#00692a", "#004f1f", "#003716", "#011c0b", "#001207" },
  { "#f5faff", "#e5f3ff", "#cce6ff", "#99ceff", "#66b5ff", "#339cff", "#0285ff", "#0169cc",
    "#004f99", "#003f7a", "#013566", "#00284d", "#000e1a", "#000d19" },
  { "#f9f5fe", "#efe5fe", "#e0cefd", "#ceb0fb", "#be95fa", "#ad7bf9", "#924ff7", "#8046d9",
    "#6b3ab4", "#532d8d", "#3f226a", "#2c184a", "#160c25", "#100a19" },
  { "#fff4f9", "#ffe8f3", "#ffd4e8", "#ffbada", "#ffa3ce", "#ff8cc1", "#ff66ad", "#e04c91",
    "#ba437a", "#963c67", "#6e2c4a", "#4d1f34", "#29101c", "#1a0a11" },
};

typedef struct
{
  int         step;
  const char *light;
  const char *dark;
} GrayStep;

static const GrayStep gray_palette[] = {
  { 0, "#ffffff", "#0d0d0d" }, { 25, "#fcfcfc", "#101010" }, { 50, "#f9f9f9", "#131313" },
  { 75, "#f3f3f3", "#161616" }, { 100, "#ededed", "#181818" }, { 150, "#dfdfdf", "#1c1c1c" },
  { 200, "#cdcdcd", "#212121" }, { 250, "#b9b9b9", "#282828" }, { 300, "#afafaf", "#303030" },
  { 350, "#9f9f9f", "#393939" }, { 400, "#8f8f8f", "#414141" }, { 450, "#767676", "#4f4f4f" },
  { 500, "#5d5d5d", "#5d5d5d" }, { 550, "#4f4f4f", "#767676" }, { 600, "#414141", "#8f8f8f" },
  { 650, "#393939", "#9f9f9f" }, { 700, "#303030", "#afafaf" }, { 750, "#282828", "#b9b9b9" },
  { 800, "#212121", "#cdcdcd" }, { 850, "#1c1c1c", "#dcdcdc" }, { 900, "#181818", "#ededed" },
  { 925, "#161616", "#f3f3f3" }, { 950, "#131313", "#f3f3f3" }, { 975, "#101010", "#f9f9f9" },
  { 1000, "#0d0d0d", "#ffffff" },
};

typedef struct
{
  const char *name;
  int         height;
  int         gutter;
  int         font;
  int         icon;
  int         radius;
} ControlSize;

static const ControlSize control_sizes[] = {
  { "3xs", 22, 6, 12, 14, 6 },
  { "2xs", 24, 8, 12, 16, 6 },
  { "xs", 26, 8, 14, 16, 6 },
  { "sm", 28, 10, 14, 18, 6 },
  { "md", 32, 12, 14, 18, 8 },
  { "lg", 36, 12, 14, 18, 8 },
  { "xl", 40, 14, 14, 18, 10 },
  { "2xl", 44, 14, 16, 20, 12 },
  { "3xl", 48, 16, 16, 20, 12 },
};

typedef struct
{
  const char *name;
  int         px;
  int         line;
} SizeToken;

static const SizeToken text_sizes[] = {
  { "xs", 12, 18 }, { "sm", 14, 20 }, { "md", 16, 24 }, { "lg", 18, 29 }, { "xl", 20, 30 },
};
static const SizeToken title_sizes[] = {
  { "sm", 18, 26 }, { "md", 20, 26 }, { "lg", 24, 28 }, { "xl", 32, 38 }, { "2xl", 36, 42 },
  { "3xl", 48, 48 }, { "4xl", 60, 60 }, { "5xl", 72, 72 },
};
static const SizeToken caption_sizes[] = { { "sm", 12, 16 }, { "md", 14, 20 }, { "lg", 16, 24 } };
static const SizeToken radius_sizes[] = {
  { "2xs", 2, 0 }, { "xs", 4, 0 }, { "sm", 6, 0 }, { "md", 8, 0 }, { "lg", 10, 0 },
  { "xl", 12, 0 }, { "2xl", 16, 0 }, { "3xl", 20, 0 }, { "4xl", 24, 0 }, { "full", 9999, 0 },
  { "100%", 9999, 0 }, { "none", 0, 0 },
};
static const SizeToken icon_sizes[] = {
  { "xs", 14, 0 }, { "sm", 16, 0 }, { "md", 18, 0 }, { "lg", 20, 0 }, { "xl", 22, 0 },
  { "2xl", 24, 0 }, { "3xl", 28, 0 },
};
static const SizeToken button_icon_sizes[] = {
  { "sm", 16, 0 }, { "md", 18, 0 }, { "lg", 20, 0 }, { "xl", 22, 0 }, { "2xl", 24, 0 },
};
static const SizeToken gutter_sizes[] = {
  { "2xs", 6, 0 }, { "xs", 8, 0 }, { "sm", 10, 0 }, { "md", 12, 0 }, { "lg", 14, 0 },
  { "xl", 16, 0 },
};
static const SizeToken card_widths[] = { { "sm", 320, 0 }, { "md", 440, 0 }, { "lg", 560, 0 } };
static const SizeToken badge_sizes[] = { { "sm", 20, 5 }, { "md", 22, 6 }, { "lg", 24, 8 } };

/* Button colours: the hue of solid buttons and the text colour of the other variants. */
typedef struct
{
  const char *name;
  const char *solid_light;
  const char *solid_dark;
  const char *on_solid_light;
  const char *on_solid_dark;
  const char *text_light;
  const char *text_dark;
  const char *tint;        /* rgb triple for soft backgrounds and outlines */
} ButtonColor;

static const ButtonColor button_colors[] = {
  { "primary", "#0d0d0d", "#ffffff", "#ffffff", "#0d0d0d", "#0d0d0d", "#ffffff", NULL },
  { "secondary", "#ededed", "#303030", "#0d0d0d", "#ffffff", "#5d5d5d", "#afafaf", NULL },
  { "info", "#0285ff", "#0285ff", "#ffffff", "#ffffff", "#0169cc", "#66b5ff", "2,133,255" },
  { "discovery", "#924ff7", "#924ff7", "#ffffff", "#ffffff", "#6b3ab4", "#be95fa", "146,79,247" },
  { "success", "#00a240", "#00a240", "#ffffff", "#ffffff", "#008635", "#40c977", "0,162,64" },
  { "caution", "#ffc300", "#ffc300", "#0d0d0d", "#0d0d0d", "#916f00", "#ffd240", "255,195,0" },
  { "warning", "#fb6a22", "#fb6a22", "#ffffff", "#ffffff", "#b9480d", "#ff8549", "251,106,34" },
  { "danger", "#e02e2a", "#e02e2a", "#ffffff", "#ffffff", "#ba2623", "#ff6764", "224,46,42" },
  /* Badge-only colour. */
};

typedef struct
{
  const char *name;
  const char *soft_bg_light;
  const char *soft_bg_dark;
  const char *text_light;
  const char *text_dark;
  const char *solid;
} BadgeColor;

static const BadgeColor badge_colors[] = {
  { "secondary", "rgba(13,13,13,0.06)", "rgba(255,255,255,0.10)", "#5d5d5d", "#cdcdcd", "#5d5d5d" },
  { "success", "#d9f4e4", "rgba(4,184,76,0.20)", "#00692a", "#66d492", "#00a240" },
  { "danger", "#ffd9d9", "rgba(250,66,62,0.20)", "#911e1b", "#ff8583", "#e02e2a" },
  { "warning", "#ffe7d9", "rgba(251,106,34,0.20)", "#923b0f", "#ff9e6c", "#e25507" },
  { "info", "#e5f3ff", "rgba(2,133,255,0.20)", "#003f7a", "#66b5ff", "#0169cc" },
  { "discovery", "#efe5fe", "rgba(146,79,247,0.22)", "#532d8d", "#be95fa", "#8046d9" },
};

static const TokenColor *
find_token (const TokenColor *table,
            guint             n,
            const char       *token)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (table[i].token, token) == 0)
      return &table[i];
  return NULL;
}

static const SizeToken *
find_size (const SizeToken *table,
           guint            n,
           const char      *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    if (strcmp (table[i].name, name) == 0)
      return &table[i];
  return NULL;
}

static const ControlSize *
find_control_size (const char *name)
{
  if (name != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (control_sizes); i++)
      if (strcmp (control_sizes[i].name, name) == 0)
        return &control_sizes[i];
  return &control_sizes[4]; /* md */
}

#define SIZE_OR(table, name, fallback) \
  G_STMT_START { const SizeToken *t_ = find_size (table, G_N_ELEMENTS (table), name); \
                 return t_ ? t_->px : (fallback); } G_STMT_END

int tess_theme_radius_px (const char *token) { SIZE_OR (radius_sizes, token, 0); }
int tess_theme_icon_size_px (const char *token) { SIZE_OR (icon_sizes, token, 18); }
int tess_theme_button_icon_size_px (const char *token) { SIZE_OR (button_icon_sizes, token, 18); }
int tess_theme_gutter_size_px (const char *token) { SIZE_OR (gutter_sizes, token, 12); }
int tess_theme_card_width_px (const char *size) { SIZE_OR (card_widths, size, -1); }

/* The line height of a Text size (md when unknown), for `minLines`. */
int
tess_theme_text_line_px (const char *size)
{
  int px = tess_theme_line_height_px ("text", size);

  return px > 0 ? px : tess_theme_line_height_px ("text", "md");
}

/* The line height the stylesheet gives a text @kind ("text", "label", "title", "caption") of
 * @size, or 0 where it gives none (no size, or one it does not know). */
int
tess_theme_line_height_px (const char *kind,
                           const char *size)
{
  const SizeToken *t = NULL;

  if (g_strcmp0 (kind, "text") == 0 || g_strcmp0 (kind, "label") == 0)
    t = find_size (text_sizes, G_N_ELEMENTS (text_sizes), size);
  else if (g_strcmp0 (kind, "title") == 0)
    t = find_size (title_sizes, G_N_ELEMENTS (title_sizes), size);
  else if (g_strcmp0 (kind, "caption") == 0)
    t = find_size (caption_sizes, G_N_ELEMENTS (caption_sizes), size);
  return t ? t->line : 0;
}

int tess_theme_control_height_px (const char *size) { return find_control_size (size)->height; }
int tess_theme_control_gutter_px (const char *size) { return find_control_size (size)->gutter; }
int tess_theme_control_font_px (const char *size) { return find_control_size (size)->font; }
int tess_theme_control_icon_px (const char *size) { return find_control_size (size)->icon; }

/* "blue-500", "gray-900" */
static const char *
lookup_primitive (const char *value,
                  TessTheme   theme)
{
  const char *dash = strrchr (value, '-');
  char *end = NULL;
  gint64 step;

  if (dash == NULL || dash == value)
    return NULL;

  step = g_ascii_strtoll (dash + 1, &end, 10);
  if (end == dash + 1 || *end != '\0')
    return NULL;

  if ((gsize) (dash - value) == 4 && strncmp (value, "gray", 4) == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (gray_palette); i++)
        if (gray_palette[i].step == step)
          return theme == TESS_THEME_DARK ? gray_palette[i].dark : gray_palette[i].light;
      return NULL;
    }

  for (guint h = 0; h < G_N_ELEMENTS (hues); h++)
    {
      if (strlen (hues[h]) != (gsize) (dash - value) ||
          strncmp (hues[h], value, dash - value) != 0)
        continue;
      for (guint s = 0; s < G_N_ELEMENTS (hue_steps); s++)
        if (hue_steps[s] == step)
          return hue_palette[h][s];
    }

  return NULL;
}

static const char *
lookup_family_token (TessColorFamily  family,
                     const char      *value,
                     TessTheme        theme)
{
  const TokenColor *token = NULL;

#define LOOK(table) (token = find_token (table, G_N_ELEMENTS (table), value))
  switch (family)
    {
    case TESS_COLOR_FAMILY_TEXT:
      LOOK (text_colors);
      break;
    case TESS_COLOR_FAMILY_BACKGROUND:
      LOOK (background_colors);
      break;
    case TESS_COLOR_FAMILY_BORDER:
      LOOK (border_colors);
      break;
    case TESS_COLOR_FAMILY_CHART:
      LOOK (chart_colors);
      break;
    case TESS_COLOR_FAMILY_ANY:
    default:
      if (!LOOK (text_colors) && !LOOK (background_colors) && !LOOK (border_colors))
        LOOK (chart_colors);
      break;
    }
#undef LOOK

  if (token == NULL)
    return NULL;

  return theme == TESS_THEME_DARK ? token->dark : token->light;
}

gboolean
tess_theme_resolve_rgba (TessColorFamily  family,
                         JsonNode        *value,
                         TessTheme        theme,
                         GdkRGBA         *rgba)
{
  const char *text;
  const char *found;

  g_return_val_if_fail (rgba != NULL, FALSE);

  if (value == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);
      JsonNode *member = json_object_get_member (object,
                                                 theme == TESS_THEME_DARK ? "dark" : "light");

      if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
          json_node_get_value_type (member) != G_TYPE_STRING)
        return FALSE;
      value = member;
    }

  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return FALSE;

  text = json_node_get_string (value);
  found = lookup_family_token (family, text, theme);
  if (found == NULL)
    found = lookup_primitive (text, theme);
  if (found == NULL)
    found = text;

  /* Only what GDK can parse gets near CSS: hostile strings never reach a stylesheet. */
  return gdk_rgba_parse (rgba, found);
}

char *
tess_theme_resolve_color (TessColorFamily  family,
                          JsonNode        *value,
                          TessTheme        theme)
{
  GdkRGBA rgba;

  if (!tess_theme_resolve_rgba (family, value, theme, &rgba))
    return NULL;

  return gdk_rgba_to_string (&rgba);
}

/* Stylesheet generation. */

static void
append_scoped (GString    *css,
               const char *selector,
               const char *outer,
               const char *inner)
{
  g_auto(GStrv) parts = g_strsplit (selector, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      g_string_append_printf (css, "%s.%s %s, .%s .%s %s", i > 0 ? ", " : "",
                              inner, part, outer, inner, part);
    }
}

/* Light and dark versions of a rule. A nested forced theme outranks the outer one by one
 * class of specificity. */
static void
theme_rule (GString    *css,
            const char *selector,
            const char *light_body,
            const char *dark_body)
{
  append_scoped (css, selector, "tess-dark", "tess-light");
  g_string_append_printf (css, " { %s }\n", light_body);
  append_scoped (css, selector, "tess-light", "tess-dark");
  g_string_append_printf (css, " { %s }\n", dark_body);
}

static void
theme_rule_printf (GString    *css,
                   const char *selector,
                   const char *property,
                   const char *light_arg,
                   const char *dark_arg)
{
  g_autofree char *light = g_strdup_printf ("%s: %s;", property, light_arg);
  g_autofree char *dark = g_strdup_printf ("%s: %s;", property, dark_arg);

  theme_rule (css, selector, light, dark);
}

static char *
build_stylesheet (void)
{
  GString *css = g_string_new (NULL);

  g_string_append (css,
    /* Named fonts (tess-theme.h); the generic family only serves a machine without them. */
    ".tess-view { font-family: \"" TESS_THEME_TEXT_FAMILY "\", \"" TESS_THEME_FALLBACK_FAMILY "\","
    " sans-serif; font-size: 14px; }\n"
    ".tess-light { color: #0d0d0d; }\n"
    ".tess-dark { color: #ffffff; }\n"
    ".tess-page.tess-light { background-color: #ffffff; }\n"
    ".tess-page.tess-dark { background-color: #181818; }\n"
    ".tess-page { padding: 16px; }\n"
    ".tess-text { font-size: 16px; }\n"
    ".tess-title { font-size: 20px; font-weight: 600; }\n"
    ".tess-caption { font-size: 14px; }\n"
    ".tess-label { font-size: 14px; font-weight: 500; }\n"
    ".tess-italic { font-style: italic; }\n"
    ".tess-weight-normal { font-weight: 400; }\n"
    ".tess-weight-medium { font-weight: 500; }\n"
    ".tess-weight-semibold { font-weight: 600; }\n"
    ".tess-weight-bold { font-weight: 700; }\n"
    ".tess-card-frame { border-radius: 16px; }\n"
    ".tess-card-footer { margin-top: 4px; }\n"
    ".tess-status { font-size: 14px; margin: 0 4px 8px 4px; }\n"
    ".tess-status-favicon { border-radius: 4px; }\n"
    ".tess-list-frame { border-radius: 16px; }\n"
    ".tess-list-item { padding: 12px 16px; }\n"
    ".tess-list-item.tess-clickable:hover { background-image: image(rgba(128,128,128,0.08)); }\n"
    ".tess-list-item.tess-clickable:active { background-image: image(rgba(128,128,128,0.14)); }\n"
    ".tess-list-item:first-child { border-top-left-radius: 15px; border-top-right-radius: 15px; }\n"
    ".tess-show-more { margin: 4px 8px 8px 8px; }\n"
    ".tess-loading-container { opacity: 0.5; }\n"
    ".tess-streaming-cursor { opacity: 0.6; }\n"
    ".tess-field-error { font-size: 12px; margin-top: 2px; }\n"
    ".tess-markdown { font-size: 16px; }\n"
    ".tess-markdown .tess-md-code { font-family: \"" TESS_THEME_CODE_FAMILY "\","
    " \"" TESS_THEME_FALLBACK_FAMILY "\", monospace; font-size: 13px; }\n"
    ".tess-md-codeblock { border-radius: 10px; padding: 10px 12px; }\n"
    ".tess-md-quote { padding-left: 12px; }\n"
    ".tess-md-h1 { font-size: 24px; font-weight: 600; }\n"
    ".tess-md-h2 { font-size: 20px; font-weight: 600; }\n"
    ".tess-md-h3 { font-size: 18px; font-weight: 600; }\n"
    ".tess-md-h4, .tess-md-h5, .tess-md-h6 { font-size: 16px; font-weight: 600; }\n"
    ".tess-md-table { border-radius: 8px; }\n"
    ".tess-md-cell { padding: 6px 10px; }\n"
    ".tess-table-cell { padding: 8px 12px; }\n"
    ".tess-table-header { font-weight: 600; }\n"
    ".tess-chart { font-size: 12px; }\n"
    ".tess-image-placeholder { font-size: 12px; }\n"
    "button.tess-button, menubutton.tess-control > button {"
    " min-height: 0; min-width: 0; padding: 0 12px; border-radius: 8px;"
    " background-image: none; box-shadow: none; border: 1px solid transparent;"
    " outline-offset: 1px; font-weight: 500; text-shadow: none; -gtk-icon-shadow: none; }\n"
    "button.tess-button label { font-weight: 500; }\n"
    "button.tess-list-item, .tess-control > button { font-weight: 400; }\n"
    "button.tess-uniform { padding: 0; }\n"
    "button.tess-button.tess-pill, .tess-control.tess-pill > button,"
    " entry.tess-input.tess-pill { border-radius: 9999px; }\n"
    "entry.tess-input, .tess-textarea-frame { min-height: 0; border-radius: 8px;"
    " box-shadow: none; background-image: none; outline-offset: -1px; }\n"
    "entry.tess-inline-edit { min-height: 0; padding: 0; border-radius: 4px; box-shadow: none;"
    " background-color: transparent; border: none; }\n"
    "textview.tess-textarea, textview.tess-textarea > text,"
    " textview.tess-inline-edit, textview.tess-inline-edit > text"
    " { background-color: transparent; }\n"
    "textview.tess-inline-edit { border-radius: 4px; }\n"
    ".tess-badge { font-weight: 500; border-radius: 4px; border: 1px solid transparent; }\n"
    ".tess-badge.tess-pill { border-radius: 9999px; }\n"
    "checkbutton.tess-check { padding: 0; }\n"
    "checkbutton.tess-check label { margin-left: 6px; }\n"
    ".tess-divider { min-height: 1px; min-width: 1px; }\n");

  for (guint i = 0; i < G_N_ELEMENTS (text_sizes); i++)
    g_string_append_printf (css, ".tess-text.tess-size-%s, .tess-label.tess-size-%s"
                            " { font-size: %dpx; line-height: %dpx; }\n",
                            text_sizes[i].name, text_sizes[i].name, text_sizes[i].px,
                            text_sizes[i].line);
  for (guint i = 0; i < G_N_ELEMENTS (title_sizes); i++)
    g_string_append_printf (css, ".tess-title.tess-size-%s { font-size: %dpx;"
                            " line-height: %dpx; }\n",
                            title_sizes[i].name, title_sizes[i].px, title_sizes[i].line);
  for (guint i = 0; i < G_N_ELEMENTS (caption_sizes); i++)
    g_string_append_printf (css, ".tess-caption.tess-size-%s { font-size: %dpx;"
                            " line-height: %dpx; }\n",
                            caption_sizes[i].name, caption_sizes[i].px, caption_sizes[i].line);
  for (guint i = 0; i < G_N_ELEMENTS (radius_sizes); i++)
    {
      const char *name = strcmp (radius_sizes[i].name, "100%") == 0 ? "round"
                                                                     : radius_sizes[i].name;
      g_string_append_printf (css, ".tess-radius-%s { border-radius: %dpx; }\n",
                              name, radius_sizes[i].px);
    }
  for (guint i = 0; i < G_N_ELEMENTS (control_sizes); i++)
    {
      const ControlSize *s = &control_sizes[i];

      g_string_append_printf (css,
                              ".tess-ctl-%s, button.tess-ctl-%s, entry.tess-ctl-%s,"
                              " .tess-ctl-%s > button { min-height: %dpx; font-size: %dpx; }\n"
                              "button.tess-ctl-%s, .tess-ctl-%s > button, entry.tess-ctl-%s"
                              " { padding: 0 %dpx; }\n"
                              ".tess-ctl-%s:not(.tess-pill), .tess-ctl-%s:not(.tess-pill) > button"
                              " { border-radius: %dpx; }\n"
                              "button.tess-ctl-%s.tess-uniform { min-width: %dpx; padding: 0; }\n"
                              "button.tess-ctl-%s.tess-pill:not(.tess-uniform)"
                              " { padding: 0 %dpx; }\n",
                              s->name, s->name, s->name, s->name, s->height - 2, s->font,
                              s->name, s->name, s->name, s->gutter,
                              s->name, s->name, s->radius,
                              s->name, s->height - 2,
                              s->name, (s->gutter * 4 + 2) / 3);
    }
  for (guint i = 0; i < G_N_ELEMENTS (gutter_sizes); i++)
    g_string_append_printf (css, "entry.tess-gutter-%s, .tess-textarea-frame.tess-gutter-%s"
                            " { padding-left: %dpx; padding-right: %dpx; }\n",
                            gutter_sizes[i].name, gutter_sizes[i].name,
                            gutter_sizes[i].px, gutter_sizes[i].px);
  for (guint i = 0; i < G_N_ELEMENTS (badge_sizes); i++)
    g_string_append_printf (css, ".tess-badge.tess-badge-%s { min-height: %dpx;"
                            " padding: 0 %dpx; font-size: %dpx; %s }\n",
                            badge_sizes[i].name, badge_sizes[i].px - 2, badge_sizes[i].line,
                            i == 0 ? 12 : 14, i == 2 ? "border-radius: 6px;" : "");

  /* Colour tokens. */
  for (guint i = 0; i < G_N_ELEMENTS (text_colors); i++)
    {
      g_autofree char *selector = g_strdup_printf (".tess-fg-%s", text_colors[i].token);
      theme_rule_printf (css, selector, "color", text_colors[i].light, text_colors[i].dark);
    }
  for (guint i = 0; i < G_N_ELEMENTS (background_colors); i++)
    {
      g_autofree char *selector = g_strdup_printf (".tess-bg-%s", background_colors[i].token);
      theme_rule_printf (css, selector, "background-color",
                         background_colors[i].light, background_colors[i].dark);
    }

  theme_rule (css, ".tess-card-frame, .tess-list-frame",
              "background-color: #ffffff; border: 1px solid rgba(13,13,13,0.10);"
              " box-shadow: 0 1px 2px rgba(0,0,0,0.04), 0 2px 8px rgba(0,0,0,0.03);",
              "background-color: #212121; border: 1px solid rgba(255,255,255,0.12);"
              " box-shadow: none;");
  theme_rule (css, ".tess-list-separator",
              "background-color: rgba(13,13,13,0.08); min-height: 1px;",
              "background-color: rgba(255,255,255,0.10); min-height: 1px;");
  theme_rule (css, ".tess-list-item + .tess-list-item",
              "border-top: 1px solid rgba(13,13,13,0.08);",
              "border-top: 1px solid rgba(255,255,255,0.10);");
  theme_rule (css, ".tess-divider",
              "background-color: rgba(13,13,13,0.10);",
              "background-color: rgba(255,255,255,0.12);");
  theme_rule (css, ".tess-status, .tess-caption, .tess-md-quote label",
              "color: #5d5d5d;", "color: #afafaf;");
  theme_rule (css, ".tess-md-quote",
              "border-left: 3px solid rgba(13,13,13,0.15);",
              "border-left: 3px solid rgba(255,255,255,0.20);");
  theme_rule (css, ".tess-md-codeblock, .tess-markdown .tess-md-inline-code",
              "background-color: #f3f3f3;", "background-color: #131313;");
  theme_rule (css, ".tess-md-table, .tess-md-cell",
              "border: 1px solid rgba(13,13,13,0.10);",
              "border: 1px solid rgba(255,255,255,0.12);");
  theme_rule (css, ".tess-table-row:not(:last-child) > .tess-table-cell, .tess-table-header-cell",
              "border-bottom: 1px solid rgba(13,13,13,0.10);",
              "border-bottom: 1px solid rgba(255,255,255,0.12);");
  theme_rule (css, ".tess-image-placeholder",
              "background-color: #f3f3f3; color: #8f8f8f;",
              "background-color: #303030; color: #8f8f8f;");
  theme_rule (css, ".tess-image-frame",
              "box-shadow: inset 0 0 0 1px rgba(13,13,13,0.10);",
              "box-shadow: inset 0 0 0 1px rgba(255,255,255,0.12);");
  theme_rule (css, ".tess-field-error", "color: #ba2623;", "color: #ff6764;");
  theme_rule (css, ".tess-placeholder-text", "color: #8f8f8f;", "color: #8f8f8f;");

  /* Inputs. */
  theme_rule (css, "entry.tess-input.tess-variant-outline,"
              " .tess-textarea-frame.tess-variant-outline,"
              " menubutton.tess-control.tess-variant-outline > button",
              "background-color: #ffffff; border: 1px solid rgba(13,13,13,0.15); color: #0d0d0d;",
              "background-color: transparent; border: 1px solid rgba(255,255,255,0.20);"
              " color: #ffffff;");
  theme_rule (css, "entry.tess-input.tess-variant-soft, .tess-textarea-frame.tess-variant-soft,"
              " menubutton.tess-control.tess-variant-soft > button",
              "background-color: rgba(13,13,13,0.05); border: 1px solid transparent;"
              " color: #0d0d0d;",
              "background-color: rgba(255,255,255,0.08); border: 1px solid transparent;"
              " color: #ffffff;");
  theme_rule (css, "menubutton.tess-control.tess-variant-solid > button",
              "background-color: #ededed; color: #0d0d0d;",
              "background-color: #303030; color: #ffffff;");
  theme_rule (css, "menubutton.tess-control.tess-variant-ghost > button",
              "background-color: transparent; color: #0d0d0d;",
              "background-color: transparent; color: #ffffff;");
  theme_rule (css, "menubutton.tess-control.tess-variant-outline > button",
              "background-color: #ffffff; border: 1px solid rgba(13,13,13,0.15); color: #0d0d0d;",
              "background-color: transparent; border: 1px solid rgba(255,255,255,0.20);"
              " color: #ffffff;");
  theme_rule (css, "entry.tess-input:focus-within, .tess-textarea-frame:focus-within",
              "border-color: rgba(13,13,13,0.40);", "border-color: rgba(255,255,255,0.45);");
  theme_rule (css, "entry.tess-input.tess-invalid, .tess-textarea-frame.tess-invalid",
              "border-color: #e02e2a;", "border-color: #ff6764;");
  theme_rule (css, "entry.tess-inline-edit:focus-within, textview.tess-inline-edit:focus-within",
              "background-color: rgba(13,13,13,0.05);",
              "background-color: rgba(255,255,255,0.08);");
  theme_rule (css, "checkbutton.tess-check check, checkbutton.tess-check radio",
              "background-color: #ffffff; border: 1px solid rgba(13,13,13,0.25); color: #ffffff;"
              " box-shadow: none; background-image: none;",
              "background-color: transparent; border: 1px solid rgba(255,255,255,0.30);"
              " color: #0d0d0d; box-shadow: none; background-image: none;");
  theme_rule (css, "checkbutton.tess-check check:checked, checkbutton.tess-check radio:checked",
              "background-color: #0d0d0d; border-color: #0d0d0d;",
              "background-color: #ffffff; border-color: #ffffff;");

  /* Buttons: colour × variant. */
  for (guint i = 0; i < G_N_ELEMENTS (button_colors); i++)
    {
      const ButtonColor *c = &button_colors[i];
      g_autofree char *solid = g_strdup_printf ("button.tess-btn-%s-solid", c->name);
      g_autofree char *solid_hover = g_strdup_printf ("button.tess-btn-%s-solid:hover", c->name);
      g_autofree char *soft = g_strdup_printf ("button.tess-btn-%s-soft", c->name);
      g_autofree char *outline = g_strdup_printf ("button.tess-btn-%s-outline", c->name);
      g_autofree char *ghost = g_strdup_printf ("button.tess-btn-%s-ghost", c->name);
      g_autofree char *tinted = g_strdup_printf ("button.tess-btn-%s-soft:hover,"
                                                 " button.tess-btn-%s-ghost:hover,"
                                                 " button.tess-btn-%s-outline:hover",
                                                 c->name, c->name, c->name);
      g_autofree char *solid_l = g_strdup_printf ("background-color: %s; color: %s;",
                                                  c->solid_light, c->on_solid_light);
      g_autofree char *solid_d = g_strdup_printf ("background-color: %s; color: %s;",
                                                  c->solid_dark, c->on_solid_dark);
      g_autofree char *soft_l = NULL, *soft_d = NULL, *outline_l = NULL, *outline_d = NULL;
      g_autofree char *hover_l = NULL, *hover_d = NULL;
      g_autofree char *ghost_l = g_strdup_printf ("background-color: transparent; color: %s;",
                                                  c->text_light);
      g_autofree char *ghost_d = g_strdup_printf ("background-color: transparent; color: %s;",
                                                  c->text_dark);

      if (c->tint != NULL)
        {
          soft_l = g_strdup_printf ("background-color: rgba(%s,0.12); color: %s;",
                                    c->tint, c->text_light);
          soft_d = g_strdup_printf ("background-color: rgba(%s,0.20); color: %s;",
                                    c->tint, c->text_dark);
          outline_l = g_strdup_printf ("background-color: transparent; color: %s;"
                                       " border-color: rgba(%s,0.45);", c->text_light, c->tint);
          outline_d = g_strdup_printf ("background-color: transparent; color: %s;"
                                       " border-color: rgba(%s,0.55);", c->text_dark, c->tint);
          hover_l = g_strdup_printf ("background-color: rgba(%s,0.18);", c->tint);
          hover_d = g_strdup_printf ("background-color: rgba(%s,0.28);", c->tint);
        }
      else
        {
          soft_l = g_strdup_printf ("background-color: rgba(13,13,13,0.05); color: %s;",
                                    i == 0 ? "#0d0d0d" : c->text_light);
          soft_d = g_strdup_printf ("background-color: rgba(255,255,255,0.08); color: %s;",
                                    i == 0 ? "#ffffff" : c->text_dark);
          outline_l = g_strdup_printf ("background-color: transparent; color: %s;"
                                       " border-color: rgba(13,13,13,0.15);",
                                       i == 0 ? "#0d0d0d" : c->text_light);
          outline_d = g_strdup_printf ("background-color: transparent; color: %s;"
                                       " border-color: rgba(255,255,255,0.20);",
                                       i == 0 ? "#ffffff" : c->text_dark);
          hover_l = g_strdup ("background-color: rgba(13,13,13,0.08);");
          hover_d = g_strdup ("background-color: rgba(255,255,255,0.12);");
        }

      theme_rule (css, solid, solid_l, solid_d);
      theme_rule (css, soft, soft_l, soft_d);
      theme_rule (css, outline, outline_l, outline_d);
      theme_rule (css, ghost, ghost_l, ghost_d);
      theme_rule (css, tinted, hover_l, hover_d);
      g_string_append_printf (css, "%s { opacity: 0.88; }\n", solid_hover);
    }
  g_string_append (css, "button.tess-button:disabled, .tess-control > button:disabled"
                        " { opacity: 0.5; }\n");

  /* Badges: colour × variant. */
  for (guint i = 0; i < G_N_ELEMENTS (badge_colors); i++)
    {
      const BadgeColor *c = &badge_colors[i];
      g_autofree char *soft = g_strdup_printf (".tess-badge-%s-soft", c->name);
      g_autofree char *solid = g_strdup_printf (".tess-badge-%s-solid", c->name);
      g_autofree char *outline = g_strdup_printf (".tess-badge-%s-outline", c->name);
      g_autofree char *soft_l = g_strdup_printf ("background-color: %s; color: %s;",
                                                 c->soft_bg_light, c->text_light);
      g_autofree char *soft_d = g_strdup_printf ("background-color: %s; color: %s;",
                                                 c->soft_bg_dark, c->text_dark);
      g_autofree char *solid_body = g_strdup_printf ("background-color: %s; color: #ffffff;",
                                                     c->solid);
      g_autofree char *outline_l = g_strdup_printf ("border-color: %s; color: %s;",
                                                    c->text_light, c->text_light);
      g_autofree char *outline_d = g_strdup_printf ("border-color: %s; color: %s;",
                                                    c->text_dark, c->text_dark);

      theme_rule (css, soft, soft_l, soft_d);
      theme_rule (css, solid, solid_body, solid_body);
      theme_rule (css, outline, outline_l, outline_d);
    }

  return g_string_free (css, FALSE);
}

const char *
tess_theme_get_stylesheet (void)
{
  static char *stylesheet;

  if (g_once_init_enter (&stylesheet))
    g_once_init_leave (&stylesheet, build_stylesheet ());

  return stylesheet;
}

/* The registry. */

typedef struct
{
  GHashTable     *classes;   /* "light\x1fdark" → class name */
  GString        *rules;
  GtkCssProvider *provider;
  guint           n_rules;
  gboolean        dirty;
} StyleRegistry;

static StyleRegistry registry;

static void
on_parsing_error (GtkCssProvider *provider,
                  GtkCssSection  *section,
                  const GError   *error,
                  gpointer        user_data)
{
  g_autofree char *where = gtk_css_section_to_string (section);

  /* Only token values and GDK-validated colours are written, so this is our bug. */
  g_warning ("Tessera stylesheet %s: %s: %s", (const char *) user_data, where, error->message);
}

void
tess_theme_ensure_installed (GdkDisplay *display)
{
  static GQuark installed_quark;
  g_autoptr(GtkCssProvider) tokens = NULL;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (installed_quark == 0)
    installed_quark = g_quark_from_static_string ("tess-theme-installed");
  if (g_object_get_qdata (G_OBJECT (display), installed_quark) != NULL)
    return;

  tokens = gtk_css_provider_new ();
  g_signal_connect (tokens, "parsing-error", G_CALLBACK (on_parsing_error), (gpointer) "tokens");
  gtk_css_provider_load_from_data (tokens, tess_theme_get_stylesheet (), -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (tokens),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  if (registry.provider == NULL)
    {
      registry.provider = gtk_css_provider_new ();
      g_signal_connect (registry.provider, "parsing-error", G_CALLBACK (on_parsing_error),
                        (gpointer) "registry");
    }
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (registry.provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);

  g_object_set_qdata_full (G_OBJECT (display), installed_quark, g_object_ref (tokens),
                           g_object_unref);
  tess_style_registry_flush ();
}

const char *
tess_style_class_for (const char *light_body,
                      const char *dark_body)
{
  g_autofree char *key = NULL;
  const char *existing;
  char *class_name;

  g_return_val_if_fail (light_body != NULL, NULL);
  g_return_val_if_fail (dark_body != NULL, NULL);

  if (registry.classes == NULL)
    {
      registry.classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      registry.rules = g_string_new (NULL);
    }

  key = g_strconcat (light_body, "\x1f", dark_body, NULL);
  existing = g_hash_table_lookup (registry.classes, key);
  if (existing != NULL)
    return existing;

  if (registry.n_rules >= MAX_REGISTRY_RULES)
    return NULL;

  class_name = g_strdup_printf ("tess-s%u", registry.n_rules++);
  if (strcmp (light_body, dark_body) == 0)
    {
      g_string_append_printf (registry.rules, ".%s { %s }\n", class_name, light_body);
    }
  else
    {
      g_autofree char *selector = g_strconcat (".", class_name, NULL);

      theme_rule (registry.rules, selector, light_body, dark_body);
    }
  g_hash_table_insert (registry.classes, g_steal_pointer (&key), class_name);
  registry.dirty = TRUE;

  return class_name;
}

void
tess_style_registry_flush (void)
{
  if (!registry.dirty || registry.provider == NULL)
    return;

  registry.dirty = FALSE;
  gtk_css_provider_load_from_data (registry.provider, registry.rules->str, -1);
}
