/* tess-template-eval.h: evaluator state shared by the evaluator and the builtins
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tess-template-private.h"

G_BEGIN_DECLS

typedef struct
{
  GQuark    name;
  TessValue value;
} TessSlot;

typedef struct
{
  guint    base;
  gboolean opaque;
} TessFrame;

struct _TessEval
{
  TessTemplate       *tmpl;
  GString            *out;
  GError             *error;
  TessSlot           *slots;
  guint               n_slots;
  guint               cap_slots;
  TessFrame          *frames;
  guint               n_frames;
  guint               cap_frames;
  TessDict           *data;
  gboolean            data_lookup;
  TessTemplateLimits  limits;
  guint64             iterations;
  guint               depth;
  guint64             work_limit;
  gboolean            slots_on_stack;
  gboolean            frames_on_stack;
  GArray             *spans;          /* TessTemplateSpan, when the caller asked for them */
};

typedef struct
{
  TessObject hdr;
  TessValue  items;        /* the (filtered) list being iterated */
  gint64     index0;
  TessValue  last_changed;
  gboolean   has_changed;
  TessNode  *node;         /* the for statement, for loop(…) in recursive loops */
  gint64     depth;        /* 1 for the outermost level of a recursive loop */
} TessLoop;

typedef struct
{
  TessObject  hdr;
  TessNode   *node;        /* NODE_MACRO or NODE_CALL_BLOCK (signature) */
  TessNode   *body;
  TessValue   caller;
  TessSlot   *closure;     /* local variables visible where the macro was defined */
  guint       n_closure;
} TessMacro;

gboolean tess_eval_expr        (TessEval *ev, TessNode *node, TessValue *out);
void     tess_eval_set_var     (TessEval *ev, GQuark name, TessValue value);
gboolean tess_loop_getattr     (TessEval *ev, TessValue self, const char *attr, TessValue *out);
gint64   tess_range_length     (TessRange *r);
void     tess_object_free_ref  (TessObject *object);
gboolean tess_builtins_percent_format (TessEval *ev, TessNode *node, TessValue format,
                                       TessValue args, TessValue *out);

G_END_DECLS
