/* tess-diagnostic.h: one problem found in a widget, with the JSON pointer of where it is
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  TESS_SEVERITY_WARNING,
  TESS_SEVERITY_ERROR,
} TessSeverity;

typedef struct
{
  TessSeverity  severity;
  char         *pointer;  /* RFC 6901 JSON pointer; "" is the whole document */
  char         *message;
} TessDiagnostic;

#define TESS_TYPE_DIAGNOSTIC (tess_diagnostic_get_type ())

GType           tess_diagnostic_get_type      (void) G_GNUC_CONST;
TessDiagnostic *tess_diagnostic_new           (TessSeverity          severity,
                                               const char           *pointer,
                                               const char           *message);
TessDiagnostic *tess_diagnostic_copy          (const TessDiagnostic *self);
void            tess_diagnostic_free          (TessDiagnostic       *self);
char           *tess_diagnostic_to_string     (const TessDiagnostic *self);
const char     *tess_severity_to_string       (TessSeverity          severity);

GPtrArray      *tess_diagnostics_new          (void);
gboolean        tess_diagnostics_has_errors   (GPtrArray            *diagnostics);
guint           tess_diagnostics_count        (GPtrArray            *diagnostics,
                                               TessSeverity          severity);

char           *tess_json_pointer_append      (const char           *pointer,
                                               const char           *token);
char           *tess_json_pointer_append_index (const char          *pointer,
                                               guint                 index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessDiagnostic, tess_diagnostic_free)

G_END_DECLS
