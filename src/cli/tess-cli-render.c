/* tess-cli-render.c: `tessera-cli render FILE.widget [--data DATA.json]` and
 * `tessera-cli render --raw --template T.jinja [--data D.json]`
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "cli/tess-cli-render.h"
#include "template/tess-template.h"
#include "template/tess-widget-file.h"

/* stdio rather than g_print: output stays UTF-8 whatever the locale's charset */
static void print_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
print_error (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
}

static void
print_template_error (const char *file, const GError *error)
{
  if (error->domain == TESS_TEMPLATE_ERROR && tess_template_error_get_line (error) > 0)
    print_error ("%s:%u:%u: error: %s\n", file, tess_template_error_get_line (error),
                tess_template_error_get_column (error), error->message);
  else
    print_error ("%s: error: %s\n", file, error->message);
}

static JsonNode *
load_data (const char *path, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || (!JSON_NODE_HOLDS_OBJECT (root) && !JSON_NODE_HOLDS_NULL (root)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("/: the data must be a JSON object"));
      return NULL;
    }
  return json_node_copy (root);
}

static int
render_raw (const char *template_path, const char *data_path)
{
  g_autofree char *source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TessTemplate) tmpl = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autofree char *output = NULL;

  if (!g_file_get_contents (template_path, &source, NULL, &error))
    {
      print_error ("%s: error: %s\n", template_path, error->message);
      return 1;
    }
  if (data_path != NULL && (data = load_data (data_path, &error)) == NULL)
    {
      print_error ("%s: error: %s\n", data_path, error->message);
      return 1;
    }
  tmpl = tess_template_new (source, &error);
  if (tmpl == NULL)
    {
      print_template_error (template_path, error);
      return 1;
    }
  output = tess_template_render_json (tmpl, data, &error);
  if (output == NULL)
    {
      print_template_error (template_path, error);
      return 1;
    }
  fwrite (output, 1, strlen (output), stdout);
  fflush (stdout);
  return 0;
}

static int
render_widget (const char *widget_path, const char *data_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessWidgetFile) file = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(JsonNode) widget = NULL;
  g_autofree char *text = NULL;

  file = tess_widget_file_new_from_path (widget_path, &error);
  if (file == NULL)
    {
      print_error ("%s: error: %s\n", widget_path, error->message);
      return 1;
    }
  if (data_path != NULL)
    {
      data = load_data (data_path, &error);
      if (data == NULL)
        {
          print_error ("%s: error: %s\n", data_path, error->message);
          return 1;
        }
    }
  else
    data = tess_widget_file_get_sample_data (file);

  widget = tess_widget_file_render (file, data, &error);
  if (widget == NULL)
    {
      /* Invalid JSON is located in the rendered output (line:col of the output, as the
       * message says); template errors in the template; widget errors by JSON pointer. */
      print_template_error (widget_path, error);
      return 1;
    }
  text = tess_json_to_string_pretty (widget);
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
  return 0;
}

int
tess_cli_render (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_path = NULL;
  g_autofree char *template_path = NULL;
  gboolean raw = FALSE;
  GOptionEntry entries[] = {
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &data_path,
      N_("Render with this JSON data"), "DATA.json" },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &raw,
      N_("Render a bare template as text (no JSON parsing)"), NULL },
    { "template", 't', 0, G_OPTION_ARG_FILENAME, &template_path,
      N_("The template (with --raw)"), "T.jinja" },
    { NULL }
  };

  context = g_option_context_new (_("FILE.widget | --raw --template T.jinja"));
  g_option_context_set_summary (
    context,
    _("Hydrate a .widget template with data and print the widget JSON.\n"
      "Data defaults to the file's sample data."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error ("render: %s\n", error->message);
      return 2;
    }

  if (raw)
    {
      if (template_path == NULL && argc == 2)
        template_path = g_strdup (argv[1]);
      if (template_path == NULL || argc > 2)
        {
          print_error ("render: %s\n", _("--raw needs exactly one template (--template T.jinja)"));
          return 2;
        }
      return render_raw (template_path, data_path);
    }

  if (argc != 2 || template_path != NULL)
    {
      print_error ("render: %s\n", _("expected one FILE.widget (or --raw --template T.jinja)"));
      return 2;
    }
  return render_widget (argv[1], data_path);
}
