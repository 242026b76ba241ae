/* tess-cli-render.c: `tessera-cli render FILE.widget [--data DATA.json] [--strict]` and
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

#include "core/tess-widget-parser.h"
#include "template/tess-template.h"
#include "template/tess-widget-file.h"

#include "tess-cli-render.h"
#include "tess-cli-util.h"

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
  if (data_path != NULL && (data = tess_cli_load_data (data_path, &error)) == NULL)
    {
      print_error ("%s\n", error->message);
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

/* Prints the widget whenever ChatKit's WidgetTemplate.build() would build it: the template
 * renders, its output is JSON, the root is a Card, ListView or Basic. Schema errors go to
 * stderr as validate prints them; with --strict they fail the command. */
static int
render_widget (const char *widget_path,
               const char *data_path,
               gboolean    strict)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonNode) widget = NULL;
  g_autoptr(GPtrArray) diagnostics = tess_diagnostics_new ();
  g_autoptr(TessNode) root = NULL;
  g_autofree char *text = NULL;

  document = tess_cli_parse_json_file (widget_path, &error);
  if (document == NULL)
    {
      print_error ("%s\n", error->message);
      return 1;
    }

  /* Invalid JSON output is located in the rendered output (line:col of the output, as the
   * message says); template errors in the template; a bad root by JSON pointer. */
  widget = tess_cli_build_widget_file (widget_path, document, data_path, &error);
  if (widget == NULL)
    {
      print_error ("%s\n", error->message);
      return 1;
    }

  root = tess_widget_parse (widget, diagnostics);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const TessDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = NULL;

      if (diagnostic->severity != TESS_SEVERITY_ERROR)
        continue;
      line = tess_diagnostic_to_string (diagnostic);
      print_error ("%s: %s\n", widget_path, line);
    }
  if (strict && tess_diagnostics_has_errors (diagnostics))
    return 1;

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
  gboolean strict = FALSE;
  GOptionEntry entries[] = {
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &data_path,
      N_("Render with this JSON data (an object; default: the file's sample data)"),
      "DATA.json" },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      N_("Fail (exit 1, print nothing) when the widget breaks the widget schema"), NULL },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &raw,
      N_("Render a bare template as text (no JSON parsing)"), NULL },
    { "template", 't', 0, G_OPTION_ARG_FILENAME, &template_path,
      N_("The template (with --raw)"), "T.jinja" },
    { NULL }
  };

  context = g_option_context_new (_("FILE.widget | --raw --template T.jinja"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
    context,
    _("Hydrate a .widget template with data and print the widget JSON, as ChatKit's\n"
      "WidgetTemplate.build() builds it: the template rendered with Jinja2's rules, its\n"
      "output parsed as JSON and only the root checked (a Card, ListView or Basic)."));
  g_option_context_set_description (
    context,
    _("A widget that breaks the widget schema is still printed, as servers send it; each\n"
      "schema error goes to stderr as “FILE: error: /json/pointer: message”, as validate\n"
      "prints it.\n"
      "\n"
      "Exit status: 0 when the widget is built (with --strict: and has no schema error);\n"
      "1 when the SDK would fail too: the file cannot be read or is not a .widget file,\n"
      "a template error (FILE:LINE:COL: error: …), output that is not JSON, or a root that\n"
      "is not a Card, ListView or Basic; 2 for a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error ("tessera-cli render: %s\n", error->message);
      return 2;
    }

  if (raw)
    {
      if (template_path == NULL && argc == 2)
        template_path = g_strdup (argv[1]);
      if (template_path == NULL || argc > 2)
        {
          print_error ("tessera-cli render: %s\n",
                       _("--raw needs exactly one template (--template T.jinja)"));
          return 2;
        }
      return render_raw (template_path, data_path);
    }

  if (argc != 2 || template_path != NULL)
    {
      print_error ("tessera-cli render: %s\n",
                   _("expected one FILE.widget (or --raw --template T.jinja); see --help"));
      return 2;
    }
  return render_widget (argv[1], data_path, strict);
}
