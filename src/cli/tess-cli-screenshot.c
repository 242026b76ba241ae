/* tess-cli-screenshot.c: `tessera-cli screenshot FILE [--data D.json] [--width W]
 *                         [--theme light|dark] -o OUT.png`
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "core/tess-widget-parser.h"
#include "render/tess-screenshot.h"

#include "tess-cli-screenshot.h"
#include "tess-cli-util.h"

/* The left @width columns of @texture */
static GdkTexture *
crop_texture (GdkTexture *texture,
              int         width)
{
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) gdk_texture_get_width (texture) * 4;
  guchar *pixels = g_malloc (stride * height);
  g_autoptr(GBytes) bytes = NULL;

  gdk_texture_download (texture, pixels, stride);
  bytes = g_bytes_new_take (pixels, stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

int
tess_cli_screenshot (int    argc,
                     char **argv)
{
  g_autofree char *data_path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *theme = NULL;
  g_auto(GStrv) files = NULL;
  int width = 0;
  GOptionEntry entries[] = {
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &data_path, N_("Data for a .widget template"),
      N_("FILE") },
    { "width", 'w', 0, G_OPTION_ARG_INT, &width,
      N_("Width of the image in px (default: the card's width and the page margin)"), N_("W") },
    { "theme", 't', 0, G_OPTION_ARG_STRING, &theme, N_("light or dark (default: light)"),
      N_("THEME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PNG to write"), N_("OUT.png") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE -o OUT.png"));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(TessNode) root = NULL;
  g_autoptr(GPtrArray) diagnostics =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tess_diagnostic_free);
  g_autoptr(GdkTexture) texture = NULL;
  TessThemeMode mode = TESS_THEME_MODE_LIGHT;

  g_option_context_set_summary (context,
    _("Renders widget JSON, a widget item or a .widget file offscreen, as the app draws it,\n"
      "and writes a PNG. Needs a display (DISPLAY or WAYLAND_DISPLAY; xvfb-run is enough)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("tessera-cli screenshot: %s\n", error->message);
      return 2;
    }
  if (files == NULL || files[0] == NULL || files[1] != NULL || output == NULL)
    {
      g_printerr ("%s\n", _("Usage: tessera-cli screenshot FILE [--data D.json] [--width W] "
                            "[--theme light|dark] -o OUT.png"));
      return 2;
    }
  if (theme != NULL && g_strcmp0 (theme, "light") != 0 && g_strcmp0 (theme, "dark") != 0)
    {
      g_printerr (_("tessera-cli screenshot: --theme must be light or dark, not “%s”\n"),
                  theme);
      return 2;
    }
  if (g_strcmp0 (theme, "dark") == 0)
    mode = TESS_THEME_MODE_DARK;
  if (width < 0 || width > 8192)
    {
      g_printerr ("%s\n", _("tessera-cli screenshot: --width must be between 1 and 8192"));
      return 2;
    }

  json = tess_cli_load_widget (files[0], data_path, &error);
  if (json == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  root = tess_widget_parse_document (json, diagnostics, NULL);
  if (root == NULL)
    {
      g_printerr (_("tessera-cli screenshot: %s: not a widget\n"), files[0]);
      return 1;
    }
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = tess_diagnostic_to_string (g_ptr_array_index (diagnostics, i));
      g_printerr ("%s: %s\n", files[0], text);
    }

  if (!gtk_init_check ())
    {
      g_printerr ("%s\n", _("tessera-cli screenshot: cannot open a display (try xvfb-run)"));
      return 1;
    }

  texture = tess_screenshot_render (root, width, mode, &error);
  if (texture == NULL)
    {
      g_printerr ("tessera-cli screenshot: %s\n", error->message);
      return 1;
    }
  /* A widget that cannot be as narrow as --width widens the page: the image stays W wide. */
  if (width > 0 && gdk_texture_get_width (texture) > width)
    {
      g_printerr (_("%s: warning: the widget needs %d px, more than --width %d; the image is "
                    "cut at %d px\n"), files[0], gdk_texture_get_width (texture), width, width);
      GdkTexture *cropped = crop_texture (texture, width);

      g_object_unref (texture);
      texture = cropped;
    }
  if (!gdk_texture_save_to_png (texture, output))
    {
      g_printerr (_("tessera-cli screenshot: cannot write %s\n"), output);
      return 1;
    }

  return 0;
}
