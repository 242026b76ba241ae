/* tess-icon.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lucide glyphs are stroked outlines, which GTK's symbolic recolouring (it fills shapes)
 * would ruin; so the glyph is turned into SVG in the colour the widget's CSS asks for and
 * rasterised at the size and scale needed, with a small cache.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tess-icon.h"
#include "tess-render-private.h"

#define MAX_CACHED_TEXTURES 512

typedef struct
{
  const char *chatkit;
  const char *lucide;
} IconMapping;

/* ChatKit's 64 names (widgets.md §3.9) → the closest Lucide glyph. A "-filled" name is drawn
 * filled. */
static const IconMapping icon_mappings[] = {
  { "agent", "bot" }, { "analytics", "chart-line" }, { "atom", "atom" },
  { "batch", "layers" }, { "bolt", "zap" }, { "book-open", "book-open" },
  { "book-closed", "book" }, { "book-clock", "book-bookmark" }, { "bug", "bug" },
  { "calendar", "calendar" }, { "chart", "chart-column" }, { "check", "check" },
  { "check-circle", "circle-check" }, { "check-circle-filled", "circle-check" },
  { "chevron-left", "chevron-left" }, { "chevron-right", "chevron-right" },
  { "circle-question", "circle-question-mark" }, { "clock", "clock" },
  { "compass", "compass" }, { "confetti", "party-popper" }, { "cube", "box" },
  { "desktop", "monitor" }, { "document", "file-text" }, { "dot", "dot" },
  { "dots-horizontal", "ellipsis" }, { "dots-vertical", "ellipsis-vertical" },
  { "empty-circle", "circle" }, { "external-link", "external-link" }, { "globe", "globe" },
  { "keys", "key-round" }, { "lab", "flask-conical" }, { "images", "images" },
  { "info", "info" }, { "lifesaver", "life-buoy" }, { "lightbulb", "lightbulb" },
  { "mail", "mail" }, { "map-pin", "map-pin" }, { "maps", "map" },
  { "mobile", "smartphone" }, { "name", "id-card" }, { "notebook", "notebook" },
  { "notebook-pencil", "notebook-pen" }, { "page-blank", "file" }, { "phone", "phone" },
  { "play", "play" }, { "plus", "plus" }, { "profile", "circle-user" },
  { "profile-card", "contact" }, { "reload", "rotate-cw" }, { "star", "star" },
  { "star-filled", "star" }, { "search", "search" }, { "sparkle", "sparkle" },
  { "sparkle-double", "sparkles" }, { "square-code", "square-code" },
  { "square-image", "image" }, { "square-text", "square-text" }, { "suitcase", "briefcase" },
  { "settings-slider", "sliders-horizontal" }, { "user", "user" }, { "wreath", "award" },
  { "write", "pencil" }, { "write-alt", "pen-line" }, { "write-alt2", "square-pen" },
};

struct _TessIcon
{
  GtkWidget  parent_instance;

  char      *name;
  int        pixel_size;
};

G_DEFINE_FINAL_TYPE (TessIcon, tess_icon, GTK_TYPE_WIDGET)

static JsonObject *
get_glyphs (void)
{
  static JsonObject *glyphs;

  if (g_once_init_enter (&glyphs))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *object = NULL;

      tess_render_ensure_resources ();
      bytes = g_resources_lookup_data (TESS_RENDER_RESOURCE_PREFIX "/icons/lucide-icon-nodes.json",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes != NULL &&
          json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        object = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
      else
        g_critical ("Bundled Lucide icons are missing: %s",
                    error ? error->message : "not an object");

      if (object == NULL)
        object = json_object_new ();
      g_once_init_leave (&glyphs, object);
    }

  return glyphs;
}

static gboolean
is_filled_name (const char *name)
{
  return g_str_has_suffix (name, "-filled");
}

const char *
tess_icon_lookup_glyph (const char *name)
{
  JsonObject *glyphs;

  g_return_val_if_fail (name != NULL, NULL);

  glyphs = get_glyphs ();

  if (g_str_has_prefix (name, "lucide:"))
    {
      const char *glyph = name + strlen ("lucide:");

      /* Interning is bounded: only names of bundled glyphs get here. */
      if (!json_object_has_member (glyphs, glyph))
        return NULL;
      return g_intern_string (glyph);
    }

  for (guint i = 0; i < G_N_ELEMENTS (icon_mappings); i++)
    if (strcmp (icon_mappings[i].chatkit, name) == 0)
      return json_object_has_member (glyphs, icon_mappings[i].lucide) ? icon_mappings[i].lucide
                                                                        : NULL;

  return NULL;
}

char *
tess_icon_build_svg (const char *glyph,
                     const char *color,
                     gboolean    filled)
{
  JsonNode *elements;
  GString *svg;

  g_return_val_if_fail (glyph != NULL, NULL);
  g_return_val_if_fail (color != NULL, NULL);

  elements = json_object_get_member (get_glyphs (), glyph);
  if (elements == NULL || !JSON_NODE_HOLDS_ARRAY (elements))
    return NULL;

  svg = g_string_new (NULL);
  g_string_append_printf (svg,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"24\" height=\"24\""
                          " viewBox=\"0 0 24 24\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\""
                          " stroke-linecap=\"round\" stroke-linejoin=\"round\">",
                          filled ? color : "none", color);

  for (guint i = 0; i < json_array_get_length (json_node_get_array (elements)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (elements), i);
      JsonArray *pair;
      const char *tag;
      JsonObject *attributes;
      GList *names;

      if (!JSON_NODE_HOLDS_ARRAY (element))
        continue;
      pair = json_node_get_array (element);
      if (json_array_get_length (pair) < 2)
        continue;
      tag = json_array_get_string_element (pair, 0);
      attributes = json_array_get_object_element (pair, 1);
      if (tag == NULL || attributes == NULL)
        continue;

      g_string_append_printf (svg, "<%s", tag);
      names = json_object_get_members (attributes);
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (attributes, l->data);
          g_autofree char *text = NULL;
          g_autofree char *escaped = NULL;

          if (!JSON_NODE_HOLDS_VALUE (value))
            continue;
          text = json_node_get_value_type (value) == G_TYPE_STRING
                   ? g_strdup (json_node_get_string (value))
                   : json_to_string (value, FALSE);
          escaped = g_markup_escape_text (text, -1);
          g_string_append_printf (svg, " %s=\"%s\"", (const char *) l->data, escaped);
        }
      g_list_free (names);

      /* A filled check-circle keeps its check mark visible. */
      if (filled && strcmp (tag, "circle") != 0 && strcmp (glyph, "circle-check") == 0)
        g_string_append (svg, " fill=\"none\" stroke=\"#ffffff\"");
      g_string_append (svg, "/>");
    }

  g_string_append (svg, "</svg>");

  return g_string_free (svg, FALSE);
}

GdkTexture *
tess_icon_render_texture (const char    *name,
                          const GdkRGBA *color,
                          int            pixel_size)
{
  static GHashTable *cache;
  const char *glyph;
  g_autofree char *color_text = NULL;
  g_autofree char *key = NULL;
  g_autofree char *svg = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;
  GdkPixbuf *pixbuf;
  GdkRGBA opaque;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (color != NULL, NULL);

  if (pixel_size <= 0 || pixel_size > 1024)
    return NULL;

  glyph = tess_icon_lookup_glyph (name);
  if (glyph == NULL)
    return NULL;

  /* Alpha is applied when drawing, so the cache holds opaque colours only. */
  opaque = *color;
  opaque.alpha = 1.0;
  color_text = gdk_rgba_to_string (&opaque);
  key = g_strdup_printf ("%s|%s|%d|%d", glyph, color_text, pixel_size, is_filled_name (name));

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  texture = g_hash_table_lookup (cache, key);
  if (texture != NULL)
    return g_object_ref (texture);

  svg = tess_icon_build_svg (glyph, color_text, is_filled_name (name));
  if (svg == NULL)
    return NULL;

  loader = gdk_pixbuf_loader_new_with_type ("svg", &error);
  if (loader == NULL)
    {
      g_warning ("Cannot load SVG icons: %s", error->message);
      return NULL;
    }
  gdk_pixbuf_loader_set_size (loader, pixel_size, pixel_size);
  if (!gdk_pixbuf_loader_write (loader, (const guchar *) svg, strlen (svg), &error) ||
      !gdk_pixbuf_loader_close (loader, &error))
    {
      g_warning ("Cannot render icon %s: %s", glyph, error->message);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    return NULL;

  texture = gdk_texture_new_for_pixbuf (pixbuf);
  if (g_hash_table_size (cache) >= MAX_CACHED_TEXTURES)
    g_hash_table_remove_all (cache);
  g_hash_table_insert (cache, g_steal_pointer (&key), g_object_ref (texture));

  return texture;
}

static void
tess_icon_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  TessIcon *self = TESS_ICON (widget);

  *minimum = *natural = self->pixel_size;
}

static void
tess_icon_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  TessIcon *self = TESS_ICON (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  g_autoptr(GdkTexture) texture = NULL;
  GdkRGBA color;
  int size;

  if (self->name == NULL)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  size = MIN (MIN (width, height), self->pixel_size);
  if (size <= 0)
    return;

  texture = tess_icon_render_texture (self->name, &color, size * scale);
  if (texture == NULL)
    return;

  if (color.alpha < 1.0)
    gtk_snapshot_push_opacity (snapshot, color.alpha);
  gtk_snapshot_append_texture (snapshot, texture,
                               &GRAPHENE_RECT_INIT ((width - size) / 2.0f, (height - size) / 2.0f,
                                                    size, size));
  if (color.alpha < 1.0)
    gtk_snapshot_pop (snapshot);
}

static void
tess_icon_finalize (GObject *object)
{
  TessIcon *self = (TessIcon *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (tess_icon_parent_class)->finalize (object);
}

static void
tess_icon_class_init (TessIconClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tess_icon_finalize;
  widget_class->measure = tess_icon_measure;
  widget_class->snapshot = tess_icon_snapshot;

  gtk_widget_class_set_css_name (widget_class, "tess-icon");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tess_icon_init (TessIcon *self)
{
  self->pixel_size = 18;
}

GtkWidget *
tess_icon_new (const char *name,
               int         pixel_size)
{
  TessIcon *self = g_object_new (TESS_TYPE_ICON, NULL);

  tess_icon_set_pixel_size (self, pixel_size);
  tess_icon_set_name (self, name);

  return GTK_WIDGET (self);
}

void
tess_icon_set_name (TessIcon   *self,
                    const char *name)
{
  g_return_if_fail (TESS_IS_ICON (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
tess_icon_get_name (TessIcon *self)
{
  g_return_val_if_fail (TESS_IS_ICON (self), NULL);

  return self->name;
}

void
tess_icon_set_pixel_size (TessIcon *self,
                          int       pixel_size)
{
  g_return_if_fail (TESS_IS_ICON (self));

  pixel_size = CLAMP (pixel_size, 1, 512);
  if (self->pixel_size == pixel_size)
    return;

  self->pixel_size = pixel_size;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
tess_icon_is_resolved (TessIcon *self)
{
  g_return_val_if_fail (TESS_IS_ICON (self), FALSE);

  return self->name != NULL && tess_icon_lookup_glyph (self->name) != NULL;
}
