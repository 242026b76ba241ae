/* tess-screenshot.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree is shown in an undecorated window sized to its content, laid out and painted by
 * GTK as usual, then the page is snapshotted through a GtkWidgetPaintable and rendered to a
 * texture with the window's own GskRenderer.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tess-image.h"
#include "tess-render-private.h"
#include "tess-screenshot.h"

#define PAGE_PADDING 16
#define SETTLE_TIMEOUT_US (10 * G_USEC_PER_SEC)
/* Windows and cairo surfaces stop at 32767 px; a taller widget is cut at this height. */
#define MAX_PAGE_HEIGHT 16384
#define MAX_PAGE_WIDTH 8192

int
tess_screenshot_default_width (TessNode *root)
{
  int preset = -1;

  g_return_val_if_fail (TESS_IS_NODE (root), 472);

  if (g_strcmp0 (tess_node_get_type_name (root), "Card") == 0)
    preset = tess_theme_card_width_px (tess_render_prop_string (root, "size"));
  if (preset <= 0)
    preset = 440;
  if (g_strcmp0 (tess_node_get_type_name (root), "Card") == 0 &&
      g_strcmp0 (tess_render_prop_string (root, "size"), "full") == 0)
    preset = 560;

  return preset + 2 * PAGE_PADDING;
}

static void
iterate_until_idle (gint64 deadline)
{
  /* Idle callbacks (image results, relayouts) may queue more work: drain a few rounds. */
  for (int round = 0; round < 8 && g_get_monotonic_time () < deadline; round++)
    {
      while (g_main_context_pending (NULL) && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* The viewport's minimum is what holds the window at the page's size: a default size alone
 * would be cut to the screen. */
static void
set_page_size (GtkWidget *window,
               GtkWidget *clip,
               int        width,
               int        height)
{
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (clip), width);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (clip), height);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
}

/* The asked width, or wider when the content cannot be that narrow (up to a cap). */
static int
page_width (GtkWidget *page)
{
  int minimum = 0;

  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return CLAMP (minimum, 16, MAX_PAGE_WIDTH);
}

static int
page_height (GtkWidget *page,
             int        width)
{
  int minimum = 0, natural = 0;

  gtk_widget_measure (page, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  g_debug ("screenshot: page height for %d: %d/%d", width, minimum, natural);
  return CLAMP (natural, 1, MAX_PAGE_HEIGHT);
}

GdkTexture *
tess_screenshot_render (TessNode       *root,
                        int             width,
                        TessThemeMode   theme,
                        GError        **error)
{
  GtkWidget *window, *clip, *page, *view;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  GdkTexture *texture;
  gint64 deadline = g_get_monotonic_time () + SETTLE_TIMEOUT_US;
  int height;
  AdwStyleManager *manager;
  AdwColorScheme previous_scheme;

  g_return_val_if_fail (TESS_IS_NODE (root), NULL);

  if (width <= 0)
    width = tess_screenshot_default_width (root);
  width = CLAMP (width, 16, MAX_PAGE_WIDTH);

  adw_init ();
  manager = adw_style_manager_get_default ();
  previous_scheme = adw_style_manager_get_color_scheme (manager);
  if (theme != TESS_THEME_MODE_SYSTEM)
    adw_style_manager_set_color_scheme (manager, theme == TESS_THEME_MODE_DARK
                                                   ? ADW_COLOR_SCHEME_FORCE_DARK
                                                   : ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* A blinking caret would make screenshots depend on timing. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE,
                "gtk-entry-select-on-focus", FALSE, NULL);

  window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_resizable (GTK_WINDOW (window), TRUE);
  /* A picture has no focus and no hover. GtkWindow focuses the first focusable widget when it
   * is shown (a ring and a caret in the first text input whenever the window is active, which
   * depends on timing), and a window mapped under the pointer hovers what lies there. Nothing
   * in this window can take focus or receive pointer events. */
  gtk_widget_set_can_focus (window, FALSE);
  gtk_widget_set_can_target (window, FALSE);

  page = tess_box_new ("tess-page");
  gtk_widget_add_css_class (page, "tess-view");
  view = tess_widget_view_new ();
  tess_widget_view_set_theme_mode (TESS_WIDGET_VIEW (view), theme);
  gtk_widget_add_css_class (page, tess_widget_view_is_dark (TESS_WIDGET_VIEW (view))
                                    ? "tess-dark" : "tess-light");
  gtk_widget_set_halign (view, GTK_ALIGN_START);
  tess_box_append (TESS_BOX (page), view);
  /* The page is shown through a viewport without scrollbars, so that the window need not be
   * as large as a huge widget (X11 and cairo stop at 32767 px); the picture is cut instead. */
  clip = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (clip), GTK_POLICY_EXTERNAL,
                                  GTK_POLICY_EXTERNAL);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (clip), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (clip), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (clip), page);
  gtk_window_set_child (GTK_WINDOW (window), clip);
  tess_theme_ensure_installed (gtk_widget_get_display (window));
  tess_widget_view_set_root (TESS_WIDGET_VIEW (view), root);

  /* The window's minimum height is measured at the page's minimum width: pin it. */
  gtk_widget_set_size_request (page, width, -1);
  width = page_width (page);
  height = page_height (page, width);
  set_page_size (window, clip, width, height);
  /* No input region: the pointer is never inside this window, so it is neither hovered nor
   * (under a window manager's focus-follows-mouse or X's PointerRoot) made active. */
  gtk_widget_realize (window);
  {
    cairo_region_t *no_input = cairo_region_create ();

    gdk_surface_set_input_region (gtk_native_get_surface (GTK_NATIVE (window)), no_input);
    cairo_region_destroy (no_input);
  }
  /* Shown, not presented: presenting asks the windowing system for the keyboard focus. */
  gtk_widget_set_visible (window, TRUE);

  while ((!gtk_widget_get_mapped (page) || gtk_widget_get_width (page) <= 1) &&
         g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  iterate_until_idle (deadline);
  while (tess_image_get_n_pending () > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle (deadline);

  /* Images that settled may have changed the size. */
  if (page_width (page) != width || page_height (page, page_width (page)) != height)
    {
      width = page_width (page);
      height = page_height (page, width);
      set_page_size (window, clip, width, height);
      gtk_widget_queue_resize (page);
      iterate_until_idle (deadline);
    }

  if (!gtk_widget_get_mapped (page))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   _("The widget was not shown in time; is a display available?"));
      gtk_window_destroy (GTK_WINDOW (window));
      adw_style_manager_set_color_scheme (manager, previous_scheme);
      return NULL;
    }

  g_debug ("screenshot: asked %d×%d, page %d×%d, window %d×%d", width, height,
           gtk_widget_get_width (page), gtk_widget_get_height (page),
           gtk_widget_get_width (window), gtk_widget_get_height (window));
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  /* A relayout queued at the last moment leaves nothing to paint: settle and try again. */
  for (int attempt = 0; node == NULL && attempt < 20 && g_get_monotonic_time () < deadline;
       attempt++)
    {
      iterate_until_idle (deadline);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }

  if (node == NULL || renderer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Nothing was rendered"));
      gtk_window_destroy (GTK_WINDOW (window));
      adw_style_manager_set_color_scheme (manager, previous_scheme);
      return NULL;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (manager, previous_scheme);
  iterate_until_idle (g_get_monotonic_time () + G_USEC_PER_SEC / 10);

  return texture;
}
