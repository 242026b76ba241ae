/* tess-cli-validate.c: `tessera-cli validate FILE…`
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "core/tess-widget-parser.h"
#include "template/tess-template.h"

#include "tess-cli-util.h"
#include "tess-cli-validate.h"

typedef enum
{
  VALIDATE_OK,
  VALIDATE_INVALID,
  VALIDATE_UNREADABLE,
} ValidateResult;

static void
add_json_diagnostic (JsonArray            *array,
                     const char           *file,
                     const TessDiagnostic *diagnostic)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "file", file);
  json_object_set_string_member (object, "severity",
                                 tess_severity_to_string (diagnostic->severity));
  json_object_set_string_member (object, "pointer", diagnostic->pointer);
  json_object_set_string_member (object, "message", diagnostic->message);
  json_array_add_object_element (array, object);
}

/* The error's message is placed as tess_cli_prefix_error() places it: "FILE:LINE:COL: error: …"
 * or "FILE: error: …" on stderr; in JSON output, "LINE:COL: …" or "…". */
static void
report_file_error (JsonArray    *json_output,
                   const char   *file,
                   const GError *error)
{
  if (json_output != NULL)
    {
      g_autofree char *located = NULL;
      TessDiagnostic diagnostic = { TESS_SEVERITY_ERROR, (char *) "", error->message };

      if (error->domain == TESS_TEMPLATE_ERROR && tess_template_error_get_line (error) > 0)
        diagnostic.message = located =
          g_strdup_printf ("%u:%u: %s", tess_template_error_get_line (error),
                           tess_template_error_get_column (error), error->message);
      add_json_diagnostic (json_output, file, &diagnostic);
    }
  else
    {
      g_autoptr(GError) copy = g_error_copy (error);

      tess_cli_prefix_error (&copy, file);
      g_printerr ("%s\n", copy->message);
    }
}

static ValidateResult
validate_file (const char *file,
               gboolean    quiet_warnings,
               JsonArray  *json_output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonNode) widget = NULL;
  g_autoptr(GPtrArray) diagnostics = tess_diagnostics_new ();
  g_autoptr(TessNode) root = NULL;

  document = tess_cli_read_json_file (file, &error);
  if (document == NULL)
    {
      report_file_error (json_output, file, error);
      /* A file that cannot be read is 2; one that is no JSON, empty or blank is invalid. */
      return error->domain == G_FILE_ERROR ? VALIDATE_UNREADABLE : VALIDATE_INVALID;
    }

  /* A .widget file is built as the SDK builds it, then validated in full below. */
  widget = tess_cli_widget_from_document (NULL, document, NULL, &error);
  if (widget == NULL)
    {
      report_file_error (json_output, file, error);
      return VALIDATE_INVALID;
    }

  root = tess_widget_parse_document (widget, diagnostics, NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const TessDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *text = NULL;

      if (json_output != NULL)
        {
          add_json_diagnostic (json_output, file, diagnostic);
          continue;
        }

      if (quiet_warnings && diagnostic->severity == TESS_SEVERITY_WARNING)
        continue;

      text = tess_diagnostic_to_string (diagnostic);
      g_print ("%s: %s\n", file, text);
    }

  return tess_diagnostics_has_errors (diagnostics) ? VALIDATE_INVALID : VALIDATE_OK;
}

int
tess_cli_validate (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) json_output = NULL;
  g_auto(GStrv) files = NULL;
  gboolean as_json = FALSE;
  gboolean quiet = FALSE;
  gboolean any_invalid = FALSE;
  gboolean any_unreadable = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print diagnostics as a JSON array"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print errors only, no warnings"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE…"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Check widget JSON, widget items or .widget files. A .widget file is built with its\n"
      "sample data as ChatKit's WidgetTemplate.build() builds it, and the widget checked."));
  g_option_context_set_description (context,
    _("Prints each problem as FILE: SEVERITY: /json/pointer: message, a template error as\n"
      "FILE:LINE:COL: error: message, malformed JSON as FILE:LINE:COL: error: not valid JSON: …\n"
      "\n"
      "Exit status: 0 when no file has errors, 1 when any has (malformed, empty or blank files\n"
      "included), 2 when a file cannot be read or for a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("tessera-cli validate: %s\n", error->message);
      return 2;
    }

  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("tessera-cli validate: %s\n", _("no files given; see --help"));
      return 2;
    }

  if (as_json)
    json_output = json_array_new ();

  for (guint i = 0; files[i] != NULL; i++)
    {
      switch (validate_file (files[i], quiet, json_output))
        {
        case VALIDATE_OK:
          break;
        case VALIDATE_INVALID:
          any_invalid = TRUE;
          break;
        case VALIDATE_UNREADABLE:
          any_unreadable = TRUE;
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (json_output != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), json_output);
      g_autofree char *text = json_to_string (node, TRUE);

      g_print ("%s\n", text);
    }

  if (any_unreadable)
    return 2;

  return any_invalid ? 1 : 0;
}
