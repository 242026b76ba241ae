/* tess-template.h: a Jinja2-compatible template engine (parse once, render many)
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders like ChatKit's Environment(undefined=StrictUndefined) with Jinja2 3.1: every
 * statement (include, import and extends fail when rendered, as without a loader; autoescape
 * is not supported), all of
 * Jinja's filters, tests and globals, Python's str()/repr()/float formatting, Jinja's
 * compile-time scoping and constant folding, and Markup for escape/safe/tojson results.
 * Known differences: integers are 64-bit (Python's are unbounded; overflow is an error),
 * random/lipsum cannot match Jinja's random output, and str.format supports simple specs only.
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TESS_TEMPLATE_ERROR (tess_template_error_quark ())

typedef enum
{
  TESS_TEMPLATE_ERROR_SYNTAX,     /* TemplateSyntaxError: the template does not compile */
  TESS_TEMPLATE_ERROR_UNDEFINED,  /* UndefinedError (StrictUndefined) */
  TESS_TEMPLATE_ERROR_TYPE,       /* TypeError */
  TESS_TEMPLATE_ERROR_VALUE,      /* ValueError, ZeroDivisionError, … */
  TESS_TEMPLATE_ERROR_LIMIT,      /* a safety limit: iterations, recursion, output size */
} TessTemplateError;

GQuark tess_template_error_quark        (void);
/* Where a template error happened (1-based; 0 when unknown, e.g. not a template error). */
guint  tess_template_error_get_line     (const GError *error);
guint  tess_template_error_get_column   (const GError *error);

typedef struct
{
  guint64 max_iterations;    /* loop iterations and element visits, in total per render */
  guint   max_depth;         /* nesting of macro calls and evaluation */
  gsize   max_output;        /* bytes of any produced string, the output included */
} TessTemplateLimits;

/* A template is immutable once parsed, but renders share its constants' reference counts:
 * render a given template (and a given TessTemplateData) from one thread at a time. */
#define TESS_TYPE_TEMPLATE (tess_template_get_type ())

typedef struct _TessTemplate TessTemplate;

GType          tess_template_get_type      (void) G_GNUC_CONST;
TessTemplate  *tess_template_new           (const char    *source,
                                            GError       **error);
TessTemplate  *tess_template_ref           (TessTemplate  *self);
void           tess_template_unref         (TessTemplate  *self);
void           tess_template_get_limits    (TessTemplate  *self,
                                            TessTemplateLimits *limits);
void           tess_template_set_limits    (TessTemplate  *self,
                                            const TessTemplateLimits *limits);
/* data: a JSON object (its members become variables), JSON null or NULL for none. */
char          *tess_template_render_json   (TessTemplate  *self,
                                            JsonNode      *data,
                                            GError       **error);

/* Where a piece of the output came from: from @output_offset on (to the next span), the text
 * of the template at @line:@column (1-based), copied as it stands when @literal, else the
 * value of the {{ … }} there. */
typedef struct
{
  gsize    output_offset;
  guint    line;
  guint    column;
  gboolean literal;
} TessTemplateSpan;

/* As tess_template_render_json, and fills @spans (a GArray of TessTemplateSpan, in output
 * order) with where each piece of the output came from. */
char          *tess_template_render_json_mapped (TessTemplate  *self,
                                                 JsonNode      *data,
                                                 GArray        *spans,
                                                 GError       **error);
/* The template place that produced the output byte at @offset of @output, rendered with
 * @spans. Inside literal text the place is counted on through the text (whitespace control
 * can shift it by the whitespace it removed). FALSE when no span covers @offset. */
gboolean       tess_template_spans_lookup       (GArray        *spans,
                                                 const char    *output,
                                                 gsize          offset,
                                                 guint         *line,
                                                 guint         *column);

/* Data converted once for many renders. Like a Python dict passed to Jinja, it is shared:
 * a template that mutates it (`x.append(…)`) changes it for later renders too. */
#define TESS_TYPE_TEMPLATE_DATA (tess_template_data_get_type ())

typedef struct _TessTemplateData TessTemplateData;

GType             tess_template_data_get_type (void) G_GNUC_CONST;
TessTemplateData *tess_template_data_new      (JsonNode          *data,
                                               GError           **error);
TessTemplateData *tess_template_data_ref      (TessTemplateData  *self);
void              tess_template_data_unref    (TessTemplateData  *self);
char             *tess_template_render        (TessTemplate      *self,
                                               TessTemplateData  *data,
                                               GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessTemplate, tess_template_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessTemplateData, tess_template_data_unref)

G_END_DECLS
