/* tess-cli-layout.c: `tessera-cli layout --width W FILE`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders a widget into a container W px wide, lets GTK measure and allocate it, and prints
 * what GTK allocated to every widget node, relative to the root:
 *   {"width":…,"height":…,"nodes":[{"path":"","type":"Basic","x":0,"y":0,…},…]}
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "core/tess-widget-parser.h"
#include "render/tess-render-private.h"
#include "render/tess-theme.h"
#include "render/tess-widget-view.h"

#include "tess-cli-layout.h"
#include "tess-cli-util.h"

#define MAX_WIDTH 100000

static void
add_nodes (JsonBuilder *builder,
           GtkWidget   *widget,
           GtkWidget   *root)
{
  if (tess_render_widget_get_node (widget) != NULL)
    {
      TessNode *node = tess_render_widget_get_node (widget);
      g_autofree char *path = tess_node_dup_pointer (node);
      graphene_rect_t bounds;

      graphene_rect_t origin;

      /* Border boxes, relative to the root's border box. */
      if (!gtk_widget_compute_bounds (widget, root, &bounds) ||
          !gtk_widget_compute_bounds (root, root, &origin))
        graphene_rect_init (&bounds, 0, 0, 0, 0);
      else
        graphene_rect_offset (&bounds, -origin.origin.x, -origin.origin.y);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, path);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, tess_node_get_type_name (node));
      json_builder_set_member_name (builder, "x");
      json_builder_add_int_value (builder, (gint64) bounds.origin.x);
      json_builder_set_member_name (builder, "y");
      json_builder_add_int_value (builder, (gint64) bounds.origin.y);
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, (gint64) bounds.size.width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, (gint64) bounds.size.height);
      json_builder_end_object (builder);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    add_nodes (builder, child, root);
}

int
tess_cli_layout (int    argc,
                 char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) document = NULL;
  g_autoptr (JsonNode) widget_json = NULL;
  g_autofree char *data_path = NULL;
  g_autoptr (GPtrArray) diagnostics = tess_diagnostics_new ();
  g_autoptr (TessNode) root = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonNode) output = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) files = NULL;
  GtkWidget *container, *root_box;
  int width = 0, height, ignored;
  gboolean pretty = FALSE;
  const GOptionEntry entries[] = {
    { "width", 'w', 0, G_OPTION_ARG_INT, &width, N_("Width of the container in px"), "W" },
    { "pretty", 0, 0, G_OPTION_ARG_NONE, &pretty, N_("Indent the JSON output"), NULL },
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &data_path, N_("Data for a .widget template"),
      N_("D.json") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("--width W FILE"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Renders widget JSON, a widget item or a .widget file into a container W px wide and\n"
      "prints the geometry GTK allocated to every widget node, relative to the root.\n"
      "It is rendered by the same renderer the app uses. Needs a display (DISPLAY or\n"
      "WAYLAND_DISPLAY; xvfb-run is enough)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("tessera-cli layout: %s\n", error->message);
      return 2;
    }
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      g_printerr ("tessera-cli layout: %s\n", _("give exactly one FILE; see --help"));
      return 2;
    }
  if (width < 1 || width > MAX_WIDTH)
    {
      g_printerr ("tessera-cli layout: %s\n", _("--width must be between 1 and 100000"));
      return 2;
    }

  document = tess_cli_parse_json_file (files[0], &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      /* 2 for a file that cannot be read, as validate; 1 for one that is no JSON */
      return error->domain == G_FILE_ERROR ? 2 : 1;
    }
  widget_json = tess_cli_widget_from_document (files[0], document, data_path, &error);
  if (widget_json == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  root = tess_widget_parse_document (widget_json, diagnostics, NULL);
  if (root == NULL || tess_diagnostics_has_errors (diagnostics))
    {
      for (guint i = 0; i < diagnostics->len; i++)
        {
          const TessDiagnostic *d = g_ptr_array_index (diagnostics, i);

          if (d->severity == TESS_SEVERITY_ERROR)
            g_printerr ("%s: %s: %s: %s\n", files[0], tess_severity_to_string (d->severity),
                        d->pointer, d->message);
        }
      if (root == NULL || diagnostics->len == 0)
        g_printerr ("%s: %s\n", files[0], _("not a widget"));
      return 1;
    }

  if (!gtk_init_check ())
    {
      g_printerr ("tessera-cli layout: %s\n",
                  _("cannot open a display (GTK lays the widget out; set DISPLAY or use "
                    "xvfb-run)"));
      return 1;
    }

  /* The real renderer, as the app shows it, in a column W px wide whose height follows the
   * content. */
  tess_theme_ensure_installed (gdk_display_get_default ());
  container = g_object_ref_sink (tess_widget_view_new ());
  tess_widget_view_set_root (TESS_WIDGET_VIEW (container), root);
  root_box = gtk_widget_get_first_child (container);

  gtk_widget_measure (container, GTK_ORIENTATION_HORIZONTAL, -1, &ignored, &ignored,
                      NULL, NULL);
  gtk_widget_measure (container, GTK_ORIENTATION_VERTICAL, width, &height, &ignored,
                      NULL, NULL);
  gtk_widget_size_allocate (container, &(GtkAllocation) { 0, 0, width, height }, -1);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  {
    graphene_rect_t root_bounds;

    if (!gtk_widget_compute_bounds (root_box, root_box, &root_bounds))
      graphene_rect_init (&root_bounds, 0, 0, 0, 0);
    json_builder_set_member_name (builder, "width");
    json_builder_add_int_value (builder, (gint64) root_bounds.size.width);
    json_builder_set_member_name (builder, "height");
    json_builder_add_int_value (builder, (gint64) root_bounds.size.height);
  }
  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);
  add_nodes (builder, root_box, root_box);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  output = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, output);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);

  g_object_unref (container);
  return 0;
}
