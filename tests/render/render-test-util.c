/* render-test-util.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "render-test-util.h"

TessNode *
rt_parse (const char *json)
{
  g_autoptr(GPtrArray) diagnostics =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tess_diagnostic_free);
  g_autoptr(GError) error = NULL;
  TessNode *node = tess_widget_parse_string (json, -1, diagnostics, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

TessNode *
rt_parse_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return rt_parse (contents);
}

void
rt_iterate (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 20;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

GtkWidget *
rt_show (const char  *json,
         GtkWidget  **window)
{
  GtkWidget *view = tess_widget_view_new ();
  g_autoptr(TessNode) node = rt_parse (json);

  *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), 480, 600);
  gtk_window_set_child (GTK_WINDOW (*window), view);
  tess_widget_view_set_root (TESS_WIDGET_VIEW (view), node);
  gtk_window_present (GTK_WINDOW (*window));
  for (int i = 0; i < 200 && !gtk_widget_get_mapped (view); i++)
    rt_iterate ();
  rt_iterate ();
  return view;
}

void
rt_show_node (GtkWidget *view,
              TessNode  *node)
{
  tess_widget_view_set_root (TESS_WIDGET_VIEW (view), node);
  rt_iterate ();
}

GtkWidget *
rt_find_descendant (GtkWidget *root,
                    GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      found = rt_find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

char *
rt_json_string (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : g_strdup ("null");
}

void
rt_image_loaded (GdkTexture   *texture,
                 const GError *error,
                 gpointer      user_data)
{
  RtLoaded *loaded = user_data;

  loaded->texture = texture ? g_object_ref (texture) : NULL;
  loaded->error = error ? g_error_copy (error) : NULL;
  loaded->done = TRUE;
}

void
rt_loaded_clear (RtLoaded *loaded)
{
  g_clear_object (&loaded->texture);
  g_clear_error (&loaded->error);
}
