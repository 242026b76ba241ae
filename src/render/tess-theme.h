/* tess-theme.h: ChatKit design tokens as GTK CSS
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Colours, sizes and radii come from ../shared/spec/widgets.md §3.4 and §5. The static
 * stylesheet is generated once from the token tables; values that only a widget's JSON
 * knows (a custom colour, a padding) get a generated class from the style registry, so no
 * widget needs its own CSS provider.
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  TESS_COLOR_FAMILY_TEXT,
  TESS_COLOR_FAMILY_BACKGROUND,
  TESS_COLOR_FAMILY_BORDER,
  TESS_COLOR_FAMILY_CHART,
  TESS_COLOR_FAMILY_ANY,
} TessColorFamily;

typedef enum
{
  TESS_THEME_LIGHT,
  TESS_THEME_DARK,
} TessTheme;

/* The fonts the renderer draws with, by name (their Debian packages are in
 * tools/debian-packages.txt, the test configuration in tests/fonts/): a generic family is
 * whatever fontconfig picks on the machine, and another font moves every line. Emoji are not
 * in the family lists: Pango asks for the family "emoji" for them, which fontconfig maps to
 * Noto Color Emoji; listed, that font would also draw digits and '#' (it has keycap bases). */
#define TESS_THEME_TEXT_FAMILY  "Inter"
#define TESS_THEME_CODE_FAMILY  "DejaVu Sans Mono"
/* For what the first font lacks (symbols, hexagrams, many scripts). */
#define TESS_THEME_FALLBACK_FAMILY "DejaVu Sans"
#define TESS_THEME_EMOJI_FAMILY "Noto Color Emoji"
/* Inline code, as a Pango family list (markup in tess-markdown.c). */
#define TESS_THEME_CODE_FAMILIES \
  TESS_THEME_CODE_FAMILY ", " TESS_THEME_FALLBACK_FAMILY ", monospace"

/* Installs the token stylesheet and the registry's provider on @display (idempotent). */
void        tess_theme_ensure_installed      (GdkDisplay      *display);

/* The generated token stylesheet, for the tests. */
const char *tess_theme_get_stylesheet        (void);

/* A token, a primitive ("blue-500"), a CSS colour or a {light, dark} object, resolved to
 * a canonical CSS colour for @theme; NULL when it is none of these. */
char       *tess_theme_resolve_color         (TessColorFamily  family,
                                              JsonNode        *value,
                                              TessTheme        theme);
gboolean    tess_theme_resolve_rgba          (TessColorFamily  family,
                                              JsonNode        *value,
                                              TessTheme        theme,
                                              GdkRGBA         *rgba);

/* Pixel tables of widgets.md §5. Unknown names give the default of each table. */
int         tess_theme_radius_px             (const char      *token);
int         tess_theme_icon_size_px          (const char      *token);
int         tess_theme_button_icon_size_px   (const char      *token);
int         tess_theme_control_height_px     (const char      *size);
int         tess_theme_control_gutter_px     (const char      *size);
int         tess_theme_control_font_px       (const char      *size);
int         tess_theme_control_icon_px       (const char      *size);
int         tess_theme_gutter_size_px        (const char      *token);
int         tess_theme_card_width_px         (const char      *size);
int         tess_theme_text_line_px          (const char      *size);
int         tess_theme_line_height_px        (const char      *kind,
                                              const char      *size);

/* The style registry: a class that applies @light_body in light and @dark_body in dark
 * subtrees (both CSS declaration lists). Rules are shared between widgets with the same
 * bodies. Returns NULL once the registry is full (hostile input cannot grow it without
 * bound). */
const char *tess_style_class_for             (const char      *light_body,
                                              const char      *dark_body);
/* Loads newly registered rules into the provider; cheap when nothing changed. */
void        tess_style_registry_flush        (void);

G_END_DECLS
