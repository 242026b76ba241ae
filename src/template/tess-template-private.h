/* tess-template-private.h: lexer tokens, AST and evaluator internals
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tess-template.h"
#include "tess-template-value.h"

G_BEGIN_DECLS

/* Tokens */

typedef enum
{
  TOK_EOF,
  TOK_DATA,
  TOK_VAR_BEGIN,
  TOK_VAR_END,
  TOK_BLOCK_BEGIN,
  TOK_BLOCK_END,
  TOK_NAME,
  TOK_STRING,
  TOK_INT,
  TOK_FLOAT,
  TOK_OP,
} TessTokenType;

typedef enum
{
  OP_NONE,
  OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_FLOORDIV, OP_MOD, OP_POW, OP_TILDE,
  OP_LBRACKET, OP_RBRACKET, OP_LPAREN, OP_RPAREN, OP_LBRACE, OP_RBRACE,
  OP_EQ, OP_NE, OP_GT, OP_GTEQ, OP_LT, OP_LTEQ, OP_ASSIGN, OP_DOT, OP_COLON,
  OP_PIPE, OP_COMMA, OP_SEMICOLON,
  /* Not lexer operators: used by the AST only. */
  OP_AND, OP_OR, OP_NOT, OP_IN, OP_NOTIN, OP_NEG, OP_POS,
} TessOp;

typedef struct
{
  TessTokenType type;
  TessOp        op;
  guint         line;
  guint         col;
  const char   *text;   /* NAME: points into the source; DATA/STRING: into the string pool */
  gsize         len;
  TessValue     value;  /* STRING, INT, FLOAT, DATA */
} TessToken;

gboolean  tess_template_lex (const char *source, GArray *tokens, GError **error);
const char *tess_op_to_string (TessOp op);

/* AST */

typedef enum
{
  /* statements */
  NODE_BODY,
  NODE_TEXT,
  NODE_OUTPUT,
  NODE_IF,
  NODE_FOR,
  NODE_SET,
  NODE_SET_BLOCK,
  NODE_WITH,
  NODE_MACRO,
  NODE_CALL_BLOCK,
  NODE_FILTER_BLOCK,
  /* expressions */
  NODE_CONST,
  NODE_NAME,
  NODE_TUPLE,
  NODE_LIST,
  NODE_DICT,
  NODE_GETATTR,
  NODE_GETITEM,
  NODE_SLICE,
  NODE_CALL,
  NODE_FILTER,
  NODE_TEST,
  NODE_BINOP,
  NODE_UNARY,
  NODE_COMPARE,
  NODE_CONDEXPR,
  NODE_NSREF,         /* `ns.attr` as an assignment target */
  NODE_LOADER,        /* include/import/from/extends: need a template loader, which ChatKit's
                       * environment does not have */
  NODE_BLOCK,         /* {% block %} in a template that extends nothing: rendered in place */
} TessNodeKind;

typedef struct _TessNode TessNode;
typedef struct _TessEval TessEval;
typedef struct _TessArgs TessArgs;

typedef gboolean (*TessFilterFunc) (TessEval *ev, TessNode *node, TessValue operand,
                                    TessArgs *args, TessValue *out);
typedef gboolean (*TessTestFunc)   (TessEval *ev, TessNode *node, TessValue operand,
                                    TessArgs *args, gboolean *out);

struct _TessNode
{
  guint16       kind;
  guint16       op;
  guint         line;
  guint         col;
  TessNode     *a;          /* operand, test, target, callee, iter … */
  TessNode     *b;          /* second operand, body, value … */
  TessNode     *c;          /* else, filter … */
  TessNode     *d;
  TessNode    **items;      /* body statements, args, tuple/list items, dict keys, compared */
  guint         n_items;
  TessNode    **items2;     /* kwarg values, dict values, macro defaults */
  guint         n_items2;
  GQuark       *names;      /* kwarg names, macro params, compare ops (as TessOp) */
  guint         n_names;
  TessValue     value;      /* constants, text, attribute names (as strings) */
  GQuark        name;       /* variables, filters, tests, macros */
  gpointer      impl;       /* resolved filter or test function */
  gboolean      flag;       /* negated test, recursive loop, trailing dyn args … */
  TessNode     *dyn_args;   /* *args */
  TessNode     *dyn_kwargs; /* **kwargs */
};

gboolean tess_template_parse (TessTemplate *self, const char *source, GError **error);
gpointer tess_template_arena_alloc (TessTemplate *self, gsize size);
TessNode *tess_template_get_root (TessTemplate *self);
void      tess_template_set_root (TessTemplate *self, TessNode *root);
/* The size of the last output, to allocate the next one at once */
gsize     tess_template_get_size_hint (TessTemplate *self);
void      tess_template_set_size_hint (TessTemplate *self, gsize size);
/* Keeps a reference to v until the template is freed. */
void      tess_template_keep_value (TessTemplate *self, TessValue v);

/* Renders with data (a dict whose keys become variables). */
char     *tess_template_render_value_mapped (TessTemplate *self, TessValue data,
                                            GQuark *key_quarks, guint n_key_quarks,
                                            GArray *spans, GError **error);
char     *tess_template_render_value (TessTemplate *self, TessValue data, GQuark *key_quarks,
                                      guint n_key_quarks, GError **error);

/* Evaluates a constant expression at compile time: 1 when the result is a (strict) undefined
 * value (with its message), 0 for any other value, -1 when the evaluation raised. */
gint      tess_template_const_undefined (TessTemplate *self, TessNode *node, char **message);
/* Evaluates a constant expression at compile time; FALSE when it raised. */
gboolean  tess_template_const_eval      (TessTemplate *self, TessNode *node, TessValue *out);
gboolean  tess_template_const_compare   (TessTemplate *self, TessNode *node, TessOp op,
                                         TessValue a, TessValue b, gboolean *out);

/* Errors */
void     tess_template_set_error (GError **error, TessTemplateError code, guint line, guint col,
                                  const char *format, ...) G_GNUC_PRINTF (5, 6);

/* Filter, test and global registry (tess-template-builtins.c) */
TessFilterFunc tess_builtins_lookup_filter (const char *name);
TessTestFunc   tess_builtins_lookup_test   (const char *name);

/* Call arguments: positional values and keyword (name, value) pairs, all borrowed. */
struct _TessArgs
{
  TessValue   *pos;
  guint        n_pos;
  GQuark      *kw_names;
  TessValue   *kw_values;
  guint        n_kw;
  guint        kw_used;   /* bitmask of consumed keyword arguments */
};

/* Evaluator services used by the builtins (tess-template-eval.c) */
gboolean  tess_eval_fail            (TessEval *ev, TessNode *node, TessTemplateError code,
                                     const char *format, ...) G_GNUC_PRINTF (4, 5);
gboolean  tess_eval_fail_undefined  (TessEval *ev, TessNode *node, TessValue undefined);
gboolean  tess_eval_truthy          (TessEval *ev, TessNode *node, TessValue v, gboolean *out);
gboolean  tess_eval_to_string       (TessEval *ev, TessNode *node, TessValue v, GString *out);
gboolean  tess_eval_to_list         (TessEval *ev, TessNode *node, TessValue v, TessValue *out);
gboolean  tess_eval_call            (TessEval *ev, TessNode *node, TessValue callee,
                                     TessArgs *args, TessValue *out);
gboolean  tess_eval_getattr         (TessEval *ev, TessNode *node, TessValue obj, TessValue name,
                                     TessValue *out);
gboolean  tess_eval_getitem         (TessEval *ev, TessNode *node, TessValue obj, TessValue key,
                                     TessValue *out);
gboolean  tess_eval_check_size      (TessEval *ev, TessNode *node, gsize size);
gboolean  tess_eval_tick            (TessEval *ev, TessNode *node, guint64 n);
gboolean  tess_eval_apply_filter    (TessEval *ev, TessNode *node, const char *name,
                                     TessValue operand, TessArgs *args, TessValue *out);
gboolean  tess_eval_apply_test      (TessEval *ev, TessNode *node, const char *name,
                                     TessValue operand, TessArgs *args, gboolean *out);
gboolean  tess_eval_binop           (TessEval *ev, TessNode *node, TessOp op, TessValue a,
                                     TessValue b, TessValue *out);
gboolean  tess_eval_compare_op      (TessEval *ev, TessNode *node, TessOp op, TessValue a,
                                     TessValue b, gboolean *out);

/* Methods of Python objects (str.upper, dict.items, list.append …) and globals */
gboolean  tess_builtins_get_method  (TessValue self, const char *name, TessValue *out);
gboolean  tess_builtins_get_global  (const char *name, TessValue *out);
/* Which builtin types have an attribute (method, group field …) of this name */
#define TESS_METHOD_OF_STR   (1u << 0)
#define TESS_METHOD_OF_LIST  (1u << 1)
#define TESS_METHOD_OF_TUPLE (1u << 2)
#define TESS_METHOD_OF_DICT  (1u << 3)
#define TESS_METHOD_OF_OTHER (1u << 4)
guint     tess_builtins_method_kinds (const char *name);
gboolean  tess_builtins_namespace_get (TessValue ns, TessValue key, TessValue *out);
void      tess_builtins_namespace_set (TessValue ns, TessValue key, TessValue value);

/* Builtin callables */
typedef gboolean (*TessBuiltinFunc) (TessEval *ev, TessNode *node, TessValue self, TessArgs *args,
                                     TessValue *out);
typedef struct
{
  TessObject       hdr;
  TessBuiltinFunc  func;
  TessValue        self;
  const char      *name;
} TessFunction;

TessValue tess_function_new (TessBuiltinFunc func, TessValue self, const char *name);

/* Argument helpers: take positional index or keyword name; FALSE on a type error. */
gboolean  tess_args_get             (TessArgs *args, guint position, const char *name,
                                     TessValue *out);
gboolean  tess_args_check_done      (TessEval *ev, TessNode *node, TessArgs *args,
                                     guint max_positional, const char *func_name);

G_END_DECLS
