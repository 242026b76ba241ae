/* tess-cli-validate.c: `tessera-cli validate FILE…`
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "core/tess-json.h"
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

static void
report_file_error (JsonArray  *json_output,
                   const char *file,
                   const char *separator,
                   const char *message)
{
  TessDiagnostic diagnostic = { TESS_SEVERITY_ERROR, (char *) "", (char *) message };

  if (json_output != NULL)
    add_json_diagnostic (json_output, file, &diagnostic);
  else
    g_printerr ("%s%s%s\n", file, separator, message);
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

  document = tess_json_parse_file (file, &error);
  if (document == NULL)
    {
      /* Syntax errors read "FILE:LINE:COL: …", the others "FILE: …". */
      report_file_error (json_output, file,
                         g_error_matches (error, TESS_JSON_ERROR, TESS_JSON_ERROR_SYNTAX) ||
                         g_error_matches (error, TESS_JSON_ERROR, TESS_JSON_ERROR_TOO_DEEP)
                         ? ":" : ": ",
                         error->message);
      return VALIDATE_UNREADABLE;
    }

  widget = tess_cli_widget_from_document (NULL, document, NULL, &error);
  if (widget == NULL)
    {
      g_autofree char *where = NULL;
      g_autofree char *located = NULL;

      /* Template errors read "FILE:LINE:COL: error: …" ("LINE:COL: …" in JSON). */
      if (error->domain == TESS_TEMPLATE_ERROR && tess_template_error_get_line (error) > 0)
        {
          where = g_strdup_printf (":%u:%u: error: ", tess_template_error_get_line (error),
                                   tess_template_error_get_column (error));
          located = g_strdup_printf ("%u:%u: %s", tess_template_error_get_line (error),
                                     tess_template_error_get_column (error), error->message);
        }
      report_file_error (json_output, file, where ? where : ": error: ",
                         json_output != NULL && located != NULL ? located : error->message);
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
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };

  context = g_option_context_new (_("FILE… — check widget JSON, widget items or .widget files"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Prints each problem as FILE: SEVERITY: /json/pointer: message.\n"
      "Exit status: 0 when no file has errors, 1 when any has, 2 when a file cannot be read."));
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
