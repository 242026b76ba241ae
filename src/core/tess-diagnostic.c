/* tess-diagnostic.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tess-diagnostic.h"

G_DEFINE_BOXED_TYPE (TessDiagnostic, tess_diagnostic, tess_diagnostic_copy, tess_diagnostic_free)

TessDiagnostic *
tess_diagnostic_new (TessSeverity  severity,
                     const char   *pointer,
                     const char   *message)
{
  TessDiagnostic *self;

  g_return_val_if_fail (pointer != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_new0 (TessDiagnostic, 1);
  self->severity = severity;
  self->pointer = g_strdup (pointer);
  self->message = g_strdup (message);

  return self;
}

TessDiagnostic *
tess_diagnostic_copy (const TessDiagnostic *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return tess_diagnostic_new (self->severity, self->pointer, self->message);
}

void
tess_diagnostic_free (TessDiagnostic *self)
{
  if (self == NULL)
    return;

  g_free (self->pointer);
  g_free (self->message);
  g_free (self);
}

const char *
tess_severity_to_string (TessSeverity severity)
{
  return severity == TESS_SEVERITY_ERROR ? "error" : "warning";
}

/* "error: /children/2/size: expected …", or without the pointer for the whole document. */
char *
tess_diagnostic_to_string (const TessDiagnostic *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->pointer[0] == '\0')
    return g_strdup_printf ("%s: %s", tess_severity_to_string (self->severity), self->message);

  return g_strdup_printf ("%s: %s: %s",
                          tess_severity_to_string (self->severity),
                          self->pointer,
                          self->message);
}

GPtrArray *
tess_diagnostics_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) tess_diagnostic_free);
}

guint
tess_diagnostics_count (GPtrArray    *diagnostics,
                        TessSeverity  severity)
{
  guint count = 0;

  g_return_val_if_fail (diagnostics != NULL, 0);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const TessDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->severity == severity)
        count++;
    }

  return count;
}

gboolean
tess_diagnostics_has_errors (GPtrArray *diagnostics)
{
  return tess_diagnostics_count (diagnostics, TESS_SEVERITY_ERROR) > 0;
}

char *
tess_json_pointer_append (const char *pointer,
                          const char *token)
{
  GString *str;

  g_return_val_if_fail (pointer != NULL, NULL);
  g_return_val_if_fail (token != NULL, NULL);

  str = g_string_new (pointer);
  g_string_append_c (str, '/');

  /* RFC 6901: "~" is written "~0" and "/" is written "~1". */
  for (const char *p = token; *p; p++)
    {
      if (*p == '~')
        g_string_append (str, "~0");
      else if (*p == '/')
        g_string_append (str, "~1");
      else
        g_string_append_c (str, *p);
    }

  return g_string_free (str, FALSE);
}

char *
tess_json_pointer_append_index (const char *pointer,
                                guint       index)
{
  g_return_val_if_fail (pointer != NULL, NULL);

  return g_strdup_printf ("%s/%u", pointer, index);
}
