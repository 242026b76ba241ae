/* tess-template-parser.c: Jinja2's grammar, to an AST with line:col on every node
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tess-template-private.h"

#define MAX_PARSE_DEPTH 200

typedef struct
{
  TessTemplate *tmpl;
  GArray       *tokens;
  guint         pos;
  GError      **error;
  guint         depth;
  GPtrArray    *tag_stack;        /* const char * */
  GPtrArray    *end_token_stack;  /* const char * const * (NULL terminated) */
} Parser;

static TessNode *parse_expression (Parser *ps, gboolean with_condexpr);
static TessNode *parse_tuple (Parser *ps, gboolean simplified, gboolean with_condexpr,
                              const char * const *extra_end, gboolean explicit_parentheses);
static TessNode *parse_primary (Parser *ps);
static TessNode *parse_postfix (Parser *ps, TessNode *node);
static TessNode *parse_filter (Parser *ps, TessNode *node, gboolean start_inline);
static TessNode *parse_unary (Parser *ps, gboolean with_filter);
static TessNode *subparse (Parser *ps, const char * const *end_tokens);

static inline TessToken *
cur (Parser *ps)
{
  return &g_array_index (ps->tokens, TessToken, ps->pos);
}

static inline TessToken *
look (Parser *ps)
{
  guint at = MIN (ps->pos + 1, ps->tokens->len - 1);
  return &g_array_index (ps->tokens, TessToken, at);
}

static inline TessToken *
next (Parser *ps)
{
  TessToken *tok = cur (ps);

  if (ps->pos + 1 < ps->tokens->len)
    ps->pos++;
  return tok;
}

static inline gboolean
is_op (TessToken *tok, TessOp op)
{
  return tok->type == TOK_OP && tok->op == op;
}

static inline gboolean
is_name (TessToken *tok, const char *name)
{
  return tok->type == TOK_NAME && strcmp (tess_value_get_string (tok->value)->data, name) == 0;
}

static const char *
tok_name (TessToken *tok)
{
  return tess_value_get_string (tok->value)->data;
}

/* Jinja's describe_token() */
static char *
describe_token (TessToken *tok)
{
  switch (tok->type)
    {
    case TOK_NAME:
      return g_strdup (tok_name (tok));
    case TOK_OP:
      return g_strdup (tess_op_to_string (tok->op));
    case TOK_EOF:
      return g_strdup ("end of template");
    case TOK_DATA:
      return g_strdup ("template data / text");
    case TOK_VAR_BEGIN:
      return g_strdup ("begin of print statement");
    case TOK_VAR_END:
      return g_strdup ("end of print statement");
    case TOK_BLOCK_BEGIN:
      return g_strdup ("begin of statement block");
    case TOK_BLOCK_END:
      return g_strdup ("end of statement block");
    case TOK_STRING:
      return g_strdup ("string");
    case TOK_INT:
      return g_strdup ("integer");
    case TOK_FLOAT:
      return g_strdup ("float");
    default:
      return g_strdup ("token");
    }
}

static gboolean
failed (Parser *ps)
{
  return ps->error != NULL && *ps->error != NULL;
}

static TessNode *
fail_at (Parser *ps, TessToken *tok, const char *format, ...) G_GNUC_PRINTF (3, 4);

static TessNode *
fail_at (Parser *ps, TessToken *tok, const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  if (failed (ps))
    return NULL;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  tess_template_set_error (ps->error, TESS_TEMPLATE_ERROR_SYNTAX, tok->line, tok->col, "%s", msg);
  return NULL;
}

static TessNode *
new_node (Parser *ps, TessNodeKind kind, TessToken *at)
{
  TessNode *node = tess_template_arena_alloc (ps->tmpl, sizeof (TessNode));

  node->kind = kind;
  node->line = at->line;
  node->col = at->col;
  node->value = tess_value_none ();
  return node;
}

static TessNode **
freeze_nodes (Parser *ps, GPtrArray *array, guint *n_out)
{
  TessNode **items;

  *n_out = array->len;
  if (array->len == 0)
    return NULL;
  items = tess_template_arena_alloc (ps->tmpl, array->len * sizeof (TessNode *));
  memcpy (items, array->pdata, array->len * sizeof (TessNode *));
  return items;
}

/* Keeps a string value alive for the template's lifetime. */
static TessValue
keep_value (Parser *ps, TessValue v)
{
  tess_template_keep_value (ps->tmpl, v);
  return v;
}

static gboolean
expect_op (Parser *ps, TessOp op)
{
  TessToken *tok = cur (ps);

  if (failed (ps))
    return FALSE;
  if (!is_op (tok, op))
    {
      g_autofree char *got = describe_token (tok);
      if (tok->type == TOK_EOF)
        fail_at (ps, tok, "unexpected end of template, expected '%s'.", tess_op_to_string (op));
      else
        fail_at (ps, tok, "expected token '%s', got '%s'", tess_op_to_string (op), got);
      return FALSE;
    }
  next (ps);
  return TRUE;
}

static gboolean
expect_type (Parser *ps, TessTokenType type, const char *what)
{
  TessToken *tok = cur (ps);

  if (failed (ps))
    return FALSE;
  if (tok->type != type)
    {
      g_autofree char *got = describe_token (tok);
      if (tok->type == TOK_EOF)
        fail_at (ps, tok, "unexpected end of template, expected '%s'.", what);
      else
        fail_at (ps, tok, "expected token '%s', got '%s'", what, got);
      return FALSE;
    }
  next (ps);
  return TRUE;
}

static gboolean
expect_name (Parser *ps, const char *name)
{
  TessToken *tok = cur (ps);

  if (failed (ps))
    return FALSE;
  if (!is_name (tok, name))
    {
      g_autofree char *got = describe_token (tok);
      if (tok->type == TOK_EOF)
        fail_at (ps, tok, "unexpected end of template, expected '%s'.", name);
      else
        fail_at (ps, tok, "expected token '%s', got '%s'", name, got);
      return FALSE;
    }
  next (ps);
  return TRUE;
}

static gboolean
skip_name (Parser *ps, const char *name)
{
  if (is_name (cur (ps), name))
    {
      next (ps);
      return TRUE;
    }
  return FALSE;
}

static gboolean
enter (Parser *ps)
{
  if (++ps->depth > MAX_PARSE_DEPTH)
    {
      fail_at (ps, cur (ps), "expression nested too deeply (more than %d levels)", MAX_PARSE_DEPTH);
      return FALSE;
    }
  return TRUE;
}

static gboolean
token_in (TessToken *tok, const char * const *names)
{
  if (names == NULL)
    return FALSE;
  for (guint i = 0; names[i]; i++)
    if (is_name (tok, names[i]))
      return TRUE;
  return FALSE;
}

/* Expressions */

static TessNode *
parse_list (Parser *ps)
{
  TessNode *node = new_node (ps, NODE_LIST, cur (ps));
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  expect_op (ps, OP_LBRACKET);
  while (!failed (ps) && !is_op (cur (ps), OP_RBRACKET))
    {
      if (items->len && !expect_op (ps, OP_COMMA))
        return NULL;
      if (is_op (cur (ps), OP_RBRACKET))
        break;
      g_ptr_array_add (items, parse_expression (ps, TRUE));
    }
  if (!expect_op (ps, OP_RBRACKET))
    return NULL;
  node->items = freeze_nodes (ps, items, &node->n_items);
  return node;
}

static TessNode *
parse_dict (Parser *ps)
{
  TessNode *node = new_node (ps, NODE_DICT, cur (ps));
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  expect_op (ps, OP_LBRACE);
  while (!failed (ps) && !is_op (cur (ps), OP_RBRACE))
    {
      if (keys->len && !expect_op (ps, OP_COMMA))
        return NULL;
      if (is_op (cur (ps), OP_RBRACE))
        break;
      g_ptr_array_add (keys, parse_expression (ps, TRUE));
      if (!expect_op (ps, OP_COLON))
        return NULL;
      g_ptr_array_add (values, parse_expression (ps, TRUE));
    }
  if (!expect_op (ps, OP_RBRACE))
    return NULL;
  node->items = freeze_nodes (ps, keys, &node->n_items);
  node->items2 = freeze_nodes (ps, values, &node->n_items2);
  return node;
}

static TessNode *
parse_primary (Parser *ps)
{
  TessToken *tok = cur (ps);
  TessNode *node;

  if (failed (ps))
    return NULL;

  switch (tok->type)
    {
    case TOK_NAME:
      {
        const char *name = tok_name (tok);
        if (g_str_equal (name, "true") || g_str_equal (name, "True") ||
            g_str_equal (name, "false") || g_str_equal (name, "False"))
          {
            node = new_node (ps, NODE_CONST, tok);
            node->value = tess_value_bool (name[0] == 't' || name[0] == 'T');
          }
        else if (g_str_equal (name, "none") || g_str_equal (name, "None"))
          node = new_node (ps, NODE_CONST, tok);
        else
          {
            node = new_node (ps, NODE_NAME, tok);
            node->name = g_quark_from_string (name);
            node->value = keep_value (ps, tok->value);
          }
        next (ps);
        return node;
      }

    case TOK_STRING:
      node = new_node (ps, NODE_CONST, tok);
      next (ps);
      if (cur (ps)->type == TOK_STRING)
        {
          GString *buf = g_string_new (tess_value_get_string (tok->value)->data);
          while (cur (ps)->type == TOK_STRING)
            {
              TessString *s = tess_value_get_string (next (ps)->value);
              g_string_append_len (buf, s->data, s->len);
            }
          node->value = tess_value_string_take_gstring (buf);
          keep_value (ps, node->value);
          tess_value_unref (node->value);
        }
      else
        node->value = keep_value (ps, tok->value);
      return node;

    case TOK_INT:
    case TOK_FLOAT:
      node = new_node (ps, NODE_CONST, tok);
      node->value = tok->value;
      next (ps);
      return node;

    case TOK_OP:
      if (tok->op == OP_LPAREN)
        {
          next (ps);
          node = parse_tuple (ps, FALSE, TRUE, NULL, TRUE);
          if (!expect_op (ps, OP_RPAREN))
            return NULL;
          return node;
        }
      if (tok->op == OP_LBRACKET)
        return parse_list (ps);
      if (tok->op == OP_LBRACE)
        return parse_dict (ps);
      break;

    case TOK_EOF:
    case TOK_DATA:
    case TOK_VAR_BEGIN:
    case TOK_VAR_END:
    case TOK_BLOCK_BEGIN:
    case TOK_BLOCK_END:
    default:
      break;
    }

  {
    g_autofree char *what = describe_token (tok);
    if (tok->type == TOK_EOF)
      return fail_at (ps, tok, "unexpected end of template, expected an expression.");
    return fail_at (ps, tok, "unexpected '%s'", what);
  }
}

static gboolean
parse_call_args (Parser *ps, TessNode *node)
{
  TessToken *open = cur (ps);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GPtrArray) kw_values = g_ptr_array_new ();
  g_autoptr(GArray) kw_names = g_array_new (FALSE, FALSE, sizeof (GQuark));
  gboolean require_comma = FALSE;

  if (!expect_op (ps, OP_LPAREN))
    return FALSE;

  while (!failed (ps) && !is_op (cur (ps), OP_RPAREN))
    {
      if (require_comma)
        {
          if (!expect_op (ps, OP_COMMA))
            return FALSE;
          if (is_op (cur (ps), OP_RPAREN))
            break;
        }
      if (is_op (cur (ps), OP_MUL))
        {
          if (node->dyn_args || node->dyn_kwargs)
            goto invalid;
          next (ps);
          node->dyn_args = parse_expression (ps, TRUE);
        }
      else if (is_op (cur (ps), OP_POW))
        {
          if (node->dyn_kwargs)
            goto invalid;
          next (ps);
          node->dyn_kwargs = parse_expression (ps, TRUE);
        }
      else if (cur (ps)->type == TOK_NAME && is_op (look (ps), OP_ASSIGN))
        {
          GQuark key;
          if (node->dyn_kwargs)
            goto invalid;
          key = g_quark_from_string (tok_name (cur (ps)));
          next (ps);
          next (ps);
          g_array_append_val (kw_names, key);
          g_ptr_array_add (kw_values, parse_expression (ps, TRUE));
        }
      else
        {
          if (node->dyn_args || node->dyn_kwargs || kw_names->len)
            goto invalid;
          g_ptr_array_add (args, parse_expression (ps, TRUE));
        }
      require_comma = TRUE;
    }
  if (!expect_op (ps, OP_RPAREN))
    return FALSE;

  node->items = freeze_nodes (ps, args, &node->n_items);
  node->items2 = freeze_nodes (ps, kw_values, &node->n_items2);
  node->n_names = kw_names->len;
  if (kw_names->len)
    {
      node->names = tess_template_arena_alloc (ps->tmpl, kw_names->len * sizeof (GQuark));
      memcpy (node->names, kw_names->data, kw_names->len * sizeof (GQuark));
    }
  return TRUE;

invalid:
  fail_at (ps, open, "invalid syntax for function call expression");
  return FALSE;
}

static TessNode *
parse_call (Parser *ps, TessNode *callee)
{
  TessNode *node = new_node (ps, NODE_CALL, cur (ps));

  /* Errors in a call point at what is called, not at the parenthesis. */
  node->line = callee->line;
  node->col = callee->col;
  node->a = callee;
  if (!parse_call_args (ps, node))
    return NULL;
  return node;
}

static TessNode *
parse_subscribed (Parser *ps)
{
  TessToken *start = cur (ps);
  TessNode *first = NULL;
  TessNode *node;

  if (is_op (cur (ps), OP_COLON))
    next (ps);
  else
    {
      first = parse_expression (ps, TRUE);
      if (!is_op (cur (ps), OP_COLON))
        return first;
      next (ps);
    }

  node = new_node (ps, NODE_SLICE, start);
  node->a = first;
  if (!is_op (cur (ps), OP_COLON) && !is_op (cur (ps), OP_RBRACKET) && !is_op (cur (ps), OP_COMMA))
    node->b = parse_expression (ps, TRUE);
  if (is_op (cur (ps), OP_COLON))
    {
      next (ps);
      if (!is_op (cur (ps), OP_RBRACKET) && !is_op (cur (ps), OP_COMMA))
        node->c = parse_expression (ps, TRUE);
    }
  return node;
}

static TessNode *
parse_subscript (Parser *ps, TessNode *obj)
{
  TessToken *tok = next (ps);
  TessNode *node;

  if (tok->op == OP_DOT)
    {
      TessToken *attr = cur (ps);
      if (attr->type == TOK_NAME)
        {
          next (ps);
          node = new_node (ps, NODE_GETATTR, attr);
          node->a = obj;
          node->value = keep_value (ps, attr->value);
          node->op = tess_builtins_method_kinds (tok_name (attr));
          return node;
        }
      if (attr->type != TOK_INT)
        return fail_at (ps, attr, "expected name or number");
      next (ps);
      node = new_node (ps, NODE_GETITEM, attr);
      node->a = obj;
      node->b = new_node (ps, NODE_CONST, attr);
      node->b->value = attr->value;
      return node;
    }
  else
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      node = new_node (ps, NODE_GETITEM, tok);
      node->a = obj;
      while (!failed (ps) && !is_op (cur (ps), OP_RBRACKET))
        {
          if (args->len && !expect_op (ps, OP_COMMA))
            return NULL;
          g_ptr_array_add (args, parse_subscribed (ps));
          if (cur (ps)->type == TOK_EOF)
            break;
        }
      if (!expect_op (ps, OP_RBRACKET))
        return NULL;
      if (args->len == 1)
        node->b = args->pdata[0];
      else
        {
          TessNode *tuple = new_node (ps, NODE_TUPLE, tok);
          tuple->items = freeze_nodes (ps, args, &tuple->n_items);
          node->b = tuple;
        }
      if (node->b && node->b->kind == NODE_SLICE)
        {
          node->b->d = obj;
          node->b->line = node->line;
          node->b->col = node->col;
          return node->b;
        }
      return node;
    }
}

static TessNode *
parse_postfix (Parser *ps, TessNode *node)
{
  while (node && !failed (ps))
    {
      TessToken *tok = cur (ps);
      if (is_op (tok, OP_DOT) || is_op (tok, OP_LBRACKET))
        node = parse_subscript (ps, node);
      else if (is_op (tok, OP_LPAREN))
        node = parse_call (ps, node);
      else
        break;
    }
  return node;
}

static TessNode *
parse_filter (Parser *ps, TessNode *operand, gboolean start_inline)
{
  TessNode *node = operand;

  while (!failed (ps) && (is_op (cur (ps), OP_PIPE) || start_inline))
    {
      TessToken *name_tok;
      TessNode *filter;
      GString *name;

      if (!start_inline)
        next (ps);
      name_tok = cur (ps);
      if (!expect_type (ps, TOK_NAME, "name"))
        return NULL;
      name = g_string_new (tok_name (name_tok));
      while (is_op (cur (ps), OP_DOT))
        {
          next (ps);
          g_string_append_c (name, '.');
          if (cur (ps)->type == TOK_NAME)
            g_string_append (name, tok_name (cur (ps)));
          if (!expect_type (ps, TOK_NAME, "name"))
            {
              g_string_free (name, TRUE);
              return NULL;
            }
        }
      filter = new_node (ps, NODE_FILTER, name_tok);
      filter->a = node;
      filter->name = g_quark_from_string (name->str);
      /* Unknown filters are reported after parsing: Jinja allows them inside if and
       * conditional expressions and fails only if they run (see check_unknown). */
      filter->impl = tess_builtins_lookup_filter (name->str);
      g_string_free (name, TRUE);
      if (is_op (cur (ps), OP_LPAREN) && !parse_call_args (ps, filter))
        return NULL;
      node = filter;
      start_inline = FALSE;
    }
  return node;
}

static TessNode *
parse_test (Parser *ps, TessNode *operand)
{
  TessToken *is_tok = next (ps);
  TessToken *name_tok;
  TessNode *node;
  gboolean negated = FALSE;
  GString *name;

  if (is_name (cur (ps), "not"))
    {
      next (ps);
      negated = TRUE;
    }
  name_tok = cur (ps);
  if (!expect_type (ps, TOK_NAME, "name"))
    return NULL;
  name = g_string_new (tok_name (name_tok));
  while (is_op (cur (ps), OP_DOT))
    {
      next (ps);
      g_string_append_c (name, '.');
      if (cur (ps)->type == TOK_NAME)
        g_string_append (name, tok_name (cur (ps)));
      if (!expect_type (ps, TOK_NAME, "name"))
        {
          g_string_free (name, TRUE);
          return NULL;
        }
    }

  node = new_node (ps, NODE_TEST, is_tok);
  node->a = operand;
  node->flag = negated;
  node->name = g_quark_from_string (name->str);
  node->impl = tess_builtins_lookup_test (name->str);
  g_string_free (name, TRUE);

  if (is_op (cur (ps), OP_LPAREN))
    {
      if (!parse_call_args (ps, node))
        return NULL;
    }
  else
    {
      TessToken *tok = cur (ps);
      gboolean starts_primary = tok->type == TOK_NAME || tok->type == TOK_STRING ||
                                tok->type == TOK_INT || tok->type == TOK_FLOAT ||
                                is_op (tok, OP_LPAREN) || is_op (tok, OP_LBRACKET) ||
                                is_op (tok, OP_LBRACE);
      if (starts_primary && !is_name (tok, "else") && !is_name (tok, "or") && !is_name (tok, "and"))
        {
          TessNode *arg;
          if (is_name (tok, "is"))
            return fail_at (ps, tok, "You cannot chain multiple tests with is");
          arg = parse_postfix (ps, parse_primary (ps));
          if (arg == NULL)
            return NULL;
          node->items = tess_template_arena_alloc (ps->tmpl, sizeof (TessNode *));
          node->items[0] = arg;
          node->n_items = 1;
        }
    }
  return node;
}

static TessNode *
parse_filter_expr (Parser *ps, TessNode *node)
{
  while (node && !failed (ps))
    {
      TessToken *tok = cur (ps);
      if (is_op (tok, OP_PIPE))
        node = parse_filter (ps, node, FALSE);
      else if (is_name (tok, "is"))
        node = parse_test (ps, node);
      else if (is_op (tok, OP_LPAREN))
        node = parse_call (ps, node);
      else
        break;
    }
  return node;
}

static TessNode *
parse_unary (Parser *ps, gboolean with_filter)
{
  TessToken *tok = cur (ps);
  TessNode *node;

  if (!enter (ps))
    return NULL;
  if (is_op (tok, OP_SUB) || is_op (tok, OP_ADD))
    {
      next (ps);
      node = new_node (ps, NODE_UNARY, tok);
      node->op = tok->op == OP_SUB ? OP_NEG : OP_POS;
      node->a = parse_unary (ps, FALSE);
      if (node->a == NULL)
        node = NULL;
    }
  else
    node = parse_primary (ps);
  node = parse_postfix (ps, node);
  if (with_filter)
    node = parse_filter_expr (ps, node);
  ps->depth--;
  return node;
}

static TessNode *
make_binop (Parser *ps, TessToken *at, TessOp op, TessNode *left, TessNode *right)
{
  TessNode *node;

  if (left == NULL || right == NULL)
    return NULL;
  node = new_node (ps, NODE_BINOP, at);
  node->op = op;
  node->a = left;
  node->b = right;
  return node;
}

static TessNode *
parse_pow (Parser *ps)
{
  TessNode *left = parse_unary (ps, TRUE);

  while (left && is_op (cur (ps), OP_POW))
    {
      TessToken *tok = next (ps);
      left = make_binop (ps, tok, OP_POW, left, parse_unary (ps, TRUE));
    }
  return left;
}

static TessNode *
parse_math2 (Parser *ps)
{
  TessNode *left = parse_pow (ps);

  while (left && cur (ps)->type == TOK_OP &&
         (cur (ps)->op == OP_MUL || cur (ps)->op == OP_DIV || cur (ps)->op == OP_FLOORDIV ||
          cur (ps)->op == OP_MOD))
    {
      TessToken *tok = next (ps);
      left = make_binop (ps, tok, tok->op, left, parse_pow (ps));
    }
  return left;
}

static TessNode *
parse_concat (Parser *ps)
{
  TessNode *left = parse_math2 (ps);

  while (left && is_op (cur (ps), OP_TILDE))
    {
      TessToken *tok = next (ps);
      left = make_binop (ps, tok, OP_TILDE, left, parse_math2 (ps));
    }
  return left;
}

static TessNode *
parse_math1 (Parser *ps)
{
  TessNode *left = parse_concat (ps);

  while (left && cur (ps)->type == TOK_OP && (cur (ps)->op == OP_ADD || cur (ps)->op == OP_SUB))
    {
      TessToken *tok = next (ps);
      left = make_binop (ps, tok, tok->op, left, parse_concat (ps));
    }
  return left;
}

static TessNode *
parse_compare (Parser *ps)
{
  TessToken *start = cur (ps);
  TessNode *expr = parse_math1 (ps);
  g_autoptr(GPtrArray) operands = NULL;
  g_autoptr(GArray) ops = NULL;
  TessNode *node;

  if (expr == NULL)
    return NULL;
  for (;;)
    {
      TessToken *tok = cur (ps);
      TessOp op = OP_NONE;

      if (tok->type == TOK_OP && (tok->op == OP_EQ || tok->op == OP_NE || tok->op == OP_LT ||
                                  tok->op == OP_LTEQ || tok->op == OP_GT || tok->op == OP_GTEQ))
        {
          op = tok->op;
          next (ps);
        }
      else if (is_name (tok, "in"))
        {
          op = OP_IN;
          next (ps);
        }
      else if (is_name (tok, "not") && is_name (look (ps), "in"))
        {
          op = OP_NOTIN;
          next (ps);
          next (ps);
        }
      else
        break;

      if (operands == NULL)
        {
          operands = g_ptr_array_new ();
          ops = g_array_new (FALSE, FALSE, sizeof (GQuark));
        }
      {
        GQuark q = op;
        g_array_append_val (ops, q);
      }
      g_ptr_array_add (operands, parse_math1 (ps));
      if (failed (ps))
        return NULL;
    }
  if (operands == NULL)
    return expr;

  node = new_node (ps, NODE_COMPARE, start);
  node->a = expr;
  node->items = freeze_nodes (ps, operands, &node->n_items);
  node->names = tess_template_arena_alloc (ps->tmpl, ops->len * sizeof (GQuark));
  memcpy (node->names, ops->data, ops->len * sizeof (GQuark));
  node->n_names = ops->len;
  return node;
}

static TessNode *
parse_not (Parser *ps)
{
  TessToken *tok = cur (ps);

  if (is_name (tok, "not"))
    {
      TessNode *node;
      if (!enter (ps))
        return NULL;
      next (ps);
      node = new_node (ps, NODE_UNARY, tok);
      node->op = OP_NOT;
      node->a = parse_not (ps);
      ps->depth--;
      return node->a ? node : NULL;
    }
  return parse_compare (ps);
}

static TessNode *
parse_and (Parser *ps)
{
  TessNode *left = parse_not (ps);

  while (left && is_name (cur (ps), "and"))
    {
      TessToken *tok = next (ps);
      left = make_binop (ps, tok, OP_AND, left, parse_not (ps));
    }
  return left;
}

static TessNode *
parse_or (Parser *ps)
{
  TessNode *left = parse_and (ps);

  while (left && is_name (cur (ps), "or"))
    {
      TessToken *tok = next (ps);
      left = make_binop (ps, tok, OP_OR, left, parse_and (ps));
    }
  return left;
}

static TessNode *
parse_condexpr (Parser *ps)
{
  TessNode *expr1 = parse_or (ps);

  while (expr1 && is_name (cur (ps), "if"))
    {
      TessToken *tok = next (ps);
      TessNode *node = new_node (ps, NODE_CONDEXPR, tok);

      node->a = parse_or (ps);
      node->b = expr1;
      if (skip_name (ps, "else"))
        {
          node->c = parse_condexpr (ps);
          if (node->c == NULL)
            return NULL;
        }
      if (node->a == NULL)
        return NULL;
      expr1 = node;
    }
  return expr1;
}

static TessNode *
parse_expression (Parser *ps, gboolean with_condexpr)
{
  TessNode *node;

  if (!enter (ps))
    return NULL;
  node = with_condexpr ? parse_condexpr (ps) : parse_or (ps);
  ps->depth--;
  return failed (ps) ? NULL : node;
}

static gboolean
is_tuple_end (Parser *ps, const char * const *extra_end)
{
  TessToken *tok = cur (ps);

  if (tok->type == TOK_VAR_END || tok->type == TOK_BLOCK_END || is_op (tok, OP_RPAREN))
    return TRUE;
  return token_in (tok, extra_end);
}

static TessNode *
parse_tuple (Parser *ps, gboolean simplified, gboolean with_condexpr,
             const char * const *extra_end, gboolean explicit_parentheses)
{
  TessToken *start = cur (ps);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  gboolean is_tuple = FALSE;
  TessNode *node;

  for (;;)
    {
      TessNode *item;

      if (items->len && !expect_op (ps, OP_COMMA))
        return NULL;
      if (is_tuple_end (ps, extra_end))
        break;
      if (simplified)
        item = parse_primary (ps);
      else
        item = parse_expression (ps, with_condexpr);
      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
      if (is_op (cur (ps), OP_COMMA))
        is_tuple = TRUE;
      else
        break;
    }

  if (!is_tuple)
    {
      if (items->len)
        return items->pdata[0];
      if (!explicit_parentheses)
        {
          g_autofree char *what = describe_token (cur (ps));
          return fail_at (ps, cur (ps), "Expected an expression, got '%s'", what);
        }
    }
  node = new_node (ps, NODE_TUPLE, start);
  node->items = freeze_nodes (ps, items, &node->n_items);
  return node;
}

/* Statements */

static gboolean
check_assign_target (Parser *ps, TessNode *target, TessToken *at)
{
  if (target == NULL)
    return FALSE;
  if (target->kind == NODE_NAME || target->kind == NODE_NSREF)
    {
      const char *name = g_quark_to_string (target->name);
      if (target->kind == NODE_NAME &&
          (g_str_equal (name, "true") || g_str_equal (name, "false") || g_str_equal (name,
                                                                                     "none") ||
           g_str_equal (name, "True") || g_str_equal (name, "False") || g_str_equal (name, "None")))
        {
          fail_at (ps, at, "can't assign to 'const'");
          return FALSE;
        }
      return TRUE;
    }
  if (target->kind == NODE_TUPLE)
    {
      for (guint i = 0; i < target->n_items; i++)
        if (!check_assign_target (ps, target->items[i], at))
          return FALSE;
      return TRUE;
    }
  {
    const char *kind = target->kind == NODE_CONST ? "const" :
                       target->kind == NODE_LIST ? "list" :
                       target->kind == NODE_DICT ? "dict" : "expression";
    fail_at (ps, at, "can't assign to '%s'", kind);
  }
  return FALSE;
}

static TessNode *
parse_assign_target (Parser *ps, gboolean with_tuple, gboolean name_only,
                     const char * const *extra_end, gboolean with_namespace)
{
  TessToken *start = cur (ps);
  TessNode *target;

  if (with_namespace && is_op (look (ps), OP_DOT))
    {
      TessToken *ns = cur (ps);
      TessToken *attr;
      if (!expect_type (ps, TOK_NAME, "name"))
        return NULL;
      next (ps);
      attr = cur (ps);
      if (!expect_type (ps, TOK_NAME, "name"))
        return NULL;
      target = new_node (ps, NODE_NSREF, ns);
      target->name = g_quark_from_string (tok_name (ns));
      target->value = keep_value (ps, attr->value);
      return target;
    }
  if (name_only)
    {
      TessToken *tok = cur (ps);
      if (!expect_type (ps, TOK_NAME, "name"))
        return NULL;
      target = new_node (ps, NODE_NAME, tok);
      target->name = g_quark_from_string (tok_name (tok));
      target->value = keep_value (ps, tok->value);
    }
  else if (with_tuple)
    target = parse_tuple (ps, TRUE, TRUE, extra_end, FALSE);
  else
    target = parse_primary (ps);

  if (!check_assign_target (ps, target, start))
    return NULL;
  return target;
}

static TessNode *
parse_statements (Parser *ps, const char * const *end_tokens, gboolean drop_needle)
{
  TessNode *body;

  if (is_op (cur (ps), OP_COLON))
    next (ps);
  if (!expect_type (ps, TOK_BLOCK_END, "end of statement block"))
    return NULL;
  body = subparse (ps, end_tokens);
  if (body == NULL)
    return NULL;
  if (cur (ps)->type == TOK_EOF)
    return NULL;  /* subparse reported it */
  if (drop_needle)
    next (ps);
  return body;
}

static void
fail_unknown_tag (Parser *ps, TessToken *tok, const char *name)
{
  g_autoptr(GString) msg = g_string_new (NULL);
  gboolean expected = FALSE;

  if (name == NULL)
    g_string_append (msg, "Unexpected end of template.");
  else
    g_string_append_printf (msg, "Encountered unknown tag '%s'.", name);

  for (guint i = 0; name && i < ps->end_token_stack->len; i++)
    {
      const char * const *names = ps->end_token_stack->pdata[i];
      for (guint j = 0; names[j]; j++)
        if (g_str_equal (names[j], name))
          expected = TRUE;
    }

  if (ps->end_token_stack->len)
    {
      const char * const *names = ps->end_token_stack->pdata[ps->end_token_stack->len - 1];
      g_autoptr(GString) looking = g_string_new (NULL);
      for (guint j = 0; names[j]; j++)
        g_string_append_printf (looking, "%s'%s'", j ? " or " : "", names[j]);
      if (expected)
        g_string_append_printf (msg,
                                " You probably made a nesting mistake. Jinja is expecting this "
                                "tag, but currently looking for %s.", looking->str);
      else
        g_string_append_printf (msg, " Jinja was looking for the following tags: %s.",
                                looking->str);
    }
  if (ps->tag_stack->len)
    g_string_append_printf (msg, " The innermost block that needs to be closed is '%s'.",
                            (const char *) ps->tag_stack->pdata[ps->tag_stack->len - 1]);
  fail_at (ps, tok, "%s", msg->str);
}

static TessNode *
parse_for (Parser *ps, TessToken *tag)
{
  static const char * const in_end[] = { "in", NULL };
  static const char * const recursive_end[] = { "recursive", NULL };
  static const char * const body_end[] = { "endfor", "else", NULL };
  static const char * const else_end[] = { "endfor", NULL };
  TessNode *node = new_node (ps, NODE_FOR, tag);

  node->a = parse_assign_target (ps, TRUE, FALSE, in_end, FALSE);
  if (node->a == NULL || !expect_name (ps, "in"))
    return NULL;
  node->b = parse_tuple (ps, FALSE, FALSE, recursive_end, FALSE);
  if (node->b == NULL)
    return NULL;
  if (skip_name (ps, "if"))
    {
      node->d = parse_expression (ps, TRUE);
      if (node->d == NULL)
        return NULL;
    }
  if (skip_name (ps, "recursive"))
    node->flag = TRUE;  /* loop(…) renders the body again for another iterable */
  node->items = tess_template_arena_alloc (ps->tmpl, sizeof (TessNode *));
  node->n_items = 1;
  node->items[0] = parse_statements (ps, body_end, FALSE);
  if (node->items[0] == NULL)
    return NULL;
  if (is_name (next (ps), "else"))
    {
      node->c = parse_statements (ps, else_end, TRUE);
      if (node->c == NULL)
        return NULL;
    }
  return node;
}

static TessNode *
parse_if (Parser *ps, TessToken *tag)
{
  static const char * const body_end[] = { "elif", "else", "endif", NULL };
  static const char * const else_end[] = { "endif", NULL };
  TessNode *result = new_node (ps, NODE_IF, tag);
  TessNode *node = result;

  for (;;)
    {
      TessToken *tok;

      node->a = parse_tuple (ps, FALSE, FALSE, NULL, FALSE);
      if (node->a == NULL)
        return NULL;
      node->b = parse_statements (ps, body_end, FALSE);
      if (node->b == NULL)
        return NULL;
      tok = next (ps);
      if (is_name (tok, "elif"))
        {
          TessNode *elif = new_node (ps, NODE_IF, cur (ps));
          node->c = elif;
          node = elif;
          continue;
        }
      if (is_name (tok, "else"))
        {
          node->c = parse_statements (ps, else_end, TRUE);
          if (node->c == NULL)
            return NULL;
        }
      break;
    }
  return result;
}

static TessNode *
parse_set (Parser *ps, TessToken *tag)
{
  static const char * const body_end[] = { "endset", NULL };
  TessNode *target = parse_assign_target (ps, TRUE, FALSE, NULL, TRUE);
  TessNode *node;

  if (target == NULL)
    return NULL;
  if (is_op (cur (ps), OP_ASSIGN))
    {
      next (ps);
      node = new_node (ps, NODE_SET, tag);
      node->a = target;
      node->b = parse_tuple (ps, FALSE, TRUE, NULL, FALSE);
      return node->b ? node : NULL;
    }
  node = new_node (ps, NODE_SET_BLOCK, tag);
  node->a = target;
  node->c = parse_filter (ps, NULL, FALSE);
  if (failed (ps))
    return NULL;
  node->b = parse_statements (ps, body_end, TRUE);
  return node->b ? node : NULL;
}

static TessNode *
parse_with (Parser *ps, TessToken *tag)
{
  static const char * const body_end[] = { "endwith", NULL };
  TessNode *node = new_node (ps, NODE_WITH, tag);
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  while (!failed (ps) && cur (ps)->type != TOK_BLOCK_END)
    {
      TessNode *target;
      if (targets->len && !expect_op (ps, OP_COMMA))
        return NULL;
      target = parse_assign_target (ps, TRUE, FALSE, NULL, FALSE);
      if (target == NULL || !expect_op (ps, OP_ASSIGN))
        return NULL;
      g_ptr_array_add (targets, target);
      g_ptr_array_add (values, parse_expression (ps, TRUE));
      if (cur (ps)->type == TOK_EOF)
        break;
    }
  if (failed (ps))
    return NULL;
  node->items = freeze_nodes (ps, targets, &node->n_items);
  node->items2 = freeze_nodes (ps, values, &node->n_items2);
  node->b = parse_statements (ps, body_end, TRUE);
  return node->b ? node : NULL;
}

static gboolean
parse_signature (Parser *ps, TessNode *node)
{
  g_autoptr(GPtrArray) defaults = g_ptr_array_new ();
  g_autoptr(GArray) params = g_array_new (FALSE, FALSE, sizeof (GQuark));

  if (!expect_op (ps, OP_LPAREN))
    return FALSE;
  while (!failed (ps) && !is_op (cur (ps), OP_RPAREN))
    {
      TessToken *tok;
      GQuark q;

      if (params->len && !expect_op (ps, OP_COMMA))
        return FALSE;
      tok = cur (ps);
      if (!expect_type (ps, TOK_NAME, "name"))
        return FALSE;
      q = g_quark_from_string (tok_name (tok));
      if (is_op (cur (ps), OP_ASSIGN))
        {
          next (ps);
          g_ptr_array_add (defaults, parse_expression (ps, TRUE));
        }
      else if (defaults->len)
        {
          fail_at (ps, tok, "non-default argument follows default argument");
          return FALSE;
        }
      g_array_append_val (params, q);
    }
  if (!expect_op (ps, OP_RPAREN))
    return FALSE;
  node->n_names = params->len;
  if (params->len)
    {
      node->names = tess_template_arena_alloc (ps->tmpl, params->len * sizeof (GQuark));
      memcpy (node->names, params->data, params->len * sizeof (GQuark));
    }
  node->items2 = freeze_nodes (ps, defaults, &node->n_items2);
  return TRUE;
}

static TessNode *
parse_macro (Parser *ps, TessToken *tag)
{
  static const char * const body_end[] = { "endmacro", NULL };
  TessNode *node = new_node (ps, NODE_MACRO, tag);
  TessToken *name = cur (ps);

  if (!expect_type (ps, TOK_NAME, "name"))
    return NULL;
  node->name = g_quark_from_string (tok_name (name));
  node->value = keep_value (ps, name->value);
  if (!parse_signature (ps, node))
    return NULL;
  node->b = parse_statements (ps, body_end, TRUE);
  return node->b ? node : NULL;
}

static TessNode *
parse_call_block (Parser *ps, TessToken *tag)
{
  static const char * const body_end[] = { "endcall", NULL };
  TessNode *node = new_node (ps, NODE_CALL_BLOCK, tag);

  if (is_op (cur (ps), OP_LPAREN) && !parse_signature (ps, node))
    return NULL;
  node->a = parse_expression (ps, TRUE);
  if (node->a == NULL)
    return NULL;
  if (node->a->kind != NODE_CALL)
    return fail_at (ps, tag, "expected call");
  node->value = keep_value (ps, tess_value_string_new ("caller", -1));
  tess_value_unref (node->value);
  node->b = parse_statements (ps, body_end, TRUE);
  return node->b ? node : NULL;
}

static TessNode *
parse_filter_block (Parser *ps, TessToken *tag)
{
  static const char * const body_end[] = { "endfilter", NULL };
  TessNode *node = new_node (ps, NODE_FILTER_BLOCK, tag);

  node->a = parse_filter (ps, NULL, TRUE);
  if (node->a == NULL)
    return NULL;
  node->b = parse_statements (ps, body_end, TRUE);
  return node->b ? node : NULL;
}

static TessNode *
parse_print (Parser *ps, TessToken *tag)
{
  TessNode *node = new_node (ps, NODE_BODY, tag);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  while (!failed (ps) && cur (ps)->type != TOK_BLOCK_END && cur (ps)->type != TOK_EOF)
    {
      TessNode *out;
      if (items->len && !expect_op (ps, OP_COMMA))
        return NULL;
      out = new_node (ps, NODE_OUTPUT, cur (ps));
      out->a = parse_expression (ps, TRUE);
      if (out->a == NULL)
        return NULL;
      g_ptr_array_add (items, out);
    }
  node->items = freeze_nodes (ps, items, &node->n_items);
  return node;
}

static gboolean
skip_context_modifier (Parser *ps)
{
  if ((is_name (cur (ps), "with") || is_name (cur (ps), "without")) &&
      is_name (look (ps), "context"))
    {
      next (ps);
      next (ps);
      return TRUE;
    }
  return FALSE;
}

/* include, import, from and extends parse as in Jinja but fail when rendered, as they do
 * in an environment without a loader; a block renders its body in place. */
static TessNode *
parse_loader_tag (Parser *ps, TessToken *tag, const char *name)
{
  TessNode *node;

  if (g_str_equal (name, "block"))
    {
      static const char * const body_end[] = { "endblock", NULL };
      TessToken *block_name = cur (ps);
      node = new_node (ps, NODE_BLOCK, tag);
      if (!expect_type (ps, TOK_NAME, "name"))
        return NULL;
      node->value = keep_value (ps, block_name->value);
      skip_name (ps, "scoped");
      skip_name (ps, "required");
      node->b = parse_statements (ps, body_end, TRUE);
      if (node->b == NULL)
        return NULL;
      /* `{% endblock name %}` must repeat the block's name */
      if (cur (ps)->type == TOK_NAME)
        {
          if (!g_str_equal (tok_name (cur (ps)), tess_value_get_string (node->value)->data))
            return fail_at (ps, cur (ps), "'%s' does not match '%s'", tok_name (cur (ps)),
                            tess_value_get_string (node->value)->data);
          next (ps);
        }
      return node;
    }

  node = new_node (ps, NODE_LOADER, tag);
  node->value = keep_value (ps, tess_value_string_new (name, -1));
  tess_value_unref (node->value);
  node->a = parse_expression (ps, TRUE);
  if (node->a == NULL)
    return NULL;
  if (g_str_equal (name, "include"))
    {
      if (is_name (cur (ps), "ignore") && is_name (look (ps), "missing"))
        {
          next (ps);
          next (ps);
        }
      skip_context_modifier (ps);
    }
  else if (g_str_equal (name, "import"))
    {
      if (!expect_name (ps, "as") || !expect_type (ps, TOK_NAME, "name"))
        return NULL;
      skip_context_modifier (ps);
    }
  else if (g_str_equal (name, "from"))
    {
      if (!expect_name (ps, "import"))
        return NULL;
      for (;;)
        {
          if (skip_context_modifier (ps))
            break;
          if (!expect_type (ps, TOK_NAME, "name"))
            return NULL;
          if (skip_name (ps, "as") && !expect_type (ps, TOK_NAME, "name"))
            return NULL;
          if (!is_op (cur (ps), OP_COMMA))
            {
              skip_context_modifier (ps);
              break;
            }
          next (ps);
        }
    }
  return node;
}

static TessNode *
parse_statement (Parser *ps)
{
  TessToken *tok = cur (ps);
  const char *name;
  TessNode *node = NULL;

  if (tok->type != TOK_NAME)
    return fail_at (ps, tok, "tag name expected");
  name = tok_name (tok);

  if (g_str_equal (name, "for") || g_str_equal (name, "if") || g_str_equal (name, "set") ||
      g_str_equal (name, "with") || g_str_equal (name, "macro") || g_str_equal (name, "call") ||
      g_str_equal (name, "filter") || g_str_equal (name, "print"))
    {
      g_ptr_array_add (ps->tag_stack, (gpointer) name);
      next (ps);
      if (g_str_equal (name, "for"))
        node = parse_for (ps, tok);
      else if (g_str_equal (name, "if"))
        node = parse_if (ps, tok);
      else if (g_str_equal (name, "set"))
        node = parse_set (ps, tok);
      else if (g_str_equal (name, "with"))
        node = parse_with (ps, tok);
      else if (g_str_equal (name, "macro"))
        node = parse_macro (ps, tok);
      else if (g_str_equal (name, "call"))
        node = parse_call_block (ps, tok);
      else if (g_str_equal (name, "filter"))
        node = parse_filter_block (ps, tok);
      else
        node = parse_print (ps, tok);
      g_ptr_array_set_size (ps->tag_stack, ps->tag_stack->len - 1);
      return node;
    }

  if (g_str_equal (name, "extends") || g_str_equal (name, "include") ||
      g_str_equal (name, "import") || g_str_equal (name, "from") || g_str_equal (name, "block"))
    {
      g_ptr_array_add (ps->tag_stack, (gpointer) name);
      next (ps);
      node = parse_loader_tag (ps, tok, name);
      g_ptr_array_set_size (ps->tag_stack, ps->tag_stack->len - 1);
      return node;
    }
  if (g_str_equal (name, "autoescape"))
    return fail_at (ps, tok, "the 'autoescape' tag is not supported in widget templates");

  fail_unknown_tag (ps, tok, name);
  return NULL;
}

static void
flush_text (Parser *ps, GPtrArray *body, GString *text, TessToken **text_tok)
{
  TessNode *node;

  if (*text_tok == NULL)
    return;
  node = new_node (ps, NODE_TEXT, *text_tok);
  node->value = tess_value_string_new (text->str, text->len);
  keep_value (ps, node->value);
  tess_value_unref (node->value);
  g_ptr_array_add (body, node);
  g_string_truncate (text, 0);
  *text_tok = NULL;
}

static TessNode *
subparse (Parser *ps, const char * const *end_tokens)
{
  g_autoptr(GPtrArray) body = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  TessToken *text_tok = NULL;
  TessNode *node = new_node (ps, NODE_BODY, cur (ps));

  if (end_tokens)
    g_ptr_array_add (ps->end_token_stack, (gpointer) end_tokens);

  if (!enter (ps))
    return NULL;

  while (!failed (ps))
    {
      TessToken *tok = cur (ps);

      if (tok->type == TOK_DATA)
        {
          TessString *s = tess_value_get_string (tok->value);
          if (text_tok == NULL)
            text_tok = tok;
          g_string_append_len (text, s->data, s->len);
          next (ps);
        }
      else if (tok->type == TOK_VAR_BEGIN)
        {
          TessNode *out;
          flush_text (ps, body, text, &text_tok);
          next (ps);
          out = new_node (ps, NODE_OUTPUT, cur (ps));
          out->a = parse_tuple (ps, FALSE, TRUE, NULL, FALSE);
          if (out->a == NULL || !expect_type (ps, TOK_VAR_END, "end of print statement"))
            break;
          g_ptr_array_add (body, out);
        }
      else if (tok->type == TOK_BLOCK_BEGIN)
        {
          TessNode *stmt;
          flush_text (ps, body, text, &text_tok);
          next (ps);
          if (end_tokens && token_in (cur (ps), end_tokens))
            break;
          if (cur (ps)->type == TOK_EOF)
            {
              fail_unknown_tag (ps, cur (ps), NULL);
              break;
            }
          stmt = parse_statement (ps);
          if (stmt == NULL)
            break;
          g_ptr_array_add (body, stmt);
          if (!expect_type (ps, TOK_BLOCK_END, "end of statement block"))
            break;
        }
      else if (tok->type == TOK_EOF)
        {
          if (end_tokens)
            fail_unknown_tag (ps, tok, NULL);
          break;
        }
      else
        {
          g_autofree char *what = describe_token (tok);
          fail_at (ps, tok, "unexpected '%s'", what);
          break;
        }
    }

  flush_text (ps, body, text, &text_tok);
  if (end_tokens)
    g_ptr_array_set_size (ps->end_token_stack, ps->end_token_stack->len - 1);
  ps->depth--;
  if (failed (ps))
    return NULL;
  node->items = freeze_nodes (ps, body, &node->n_items);
  return node;
}

static gboolean is_foldable (TessNode *node, guint depth);

static gboolean
const_compare (Parser *ps, TessNode *node, TessOp op, TessValue a, TessValue b, gboolean *out)
{
  return tess_template_const_compare (ps->tmpl, node, op, a, b, out);
}

/* Constant truthiness of a foldable expression: 1 true, 0 false, -1 not constant. */
static gint
const_truth (Parser *ps, TessNode *node)
{
  TessValue v;
  gint result = -1;

  if (!is_foldable (node, 0) || !tess_template_const_eval (ps->tmpl, node, &v))
    return -1;
  if (v.type != TESS_VALUE_UNDEFINED)
    {
      switch (v.type)
        {
        case TESS_VALUE_NONE: result = 0; break;
        case TESS_VALUE_BOOL: result = v.u.b ? 1 : 0; break;
        case TESS_VALUE_INT: result = v.u.i != 0; break;
        case TESS_VALUE_FLOAT: result = v.u.f != 0.0; break;
        case TESS_VALUE_STRING: result = tess_value_get_string (v)->len > 0; break;
        case TESS_VALUE_LIST:
        case TESS_VALUE_TUPLE: result = tess_value_get_list (v)->len > 0; break;
        case TESS_VALUE_DICT: result = tess_value_get_dict (v)->n_live > 0; break;
        default: result = -1; break;
        }
    }
  tess_value_unref (v);
  return result;
}

/* Jinja compiles if-statements and conditional expressions in "soft" frames where an unknown
 * filter or test is only an error when it runs; everywhere else it fails compilation. */
static gboolean
check_unknown (Parser *ps, TessNode *node, gboolean soft, guint depth)
{
  gboolean child_soft = soft;

  if (node == NULL || depth > 1000)
    return TRUE;
  if ((node->kind == NODE_FILTER || node->kind == NODE_TEST) && node->impl == NULL && !soft)
    {
      TessToken at = { 0 };
      at.line = node->line;
      at.col = node->col;
      fail_at (ps, &at, "No %s named '%s'.", node->kind == NODE_FILTER ? "filter" : "test",
               g_quark_to_string (node->name));
      return FALSE;
    }

  switch ((TessNodeKind) node->kind)
    {
    case NODE_IF:
    case NODE_CONDEXPR:
      child_soft = TRUE;
      break;
    case NODE_FOR:
      /* the iterable is evaluated outside the loop frame */
      return check_unknown (ps, node->b, soft, depth + 1) &&
             check_unknown (ps, node->a, FALSE, depth + 1) &&
             check_unknown (ps, node->d, FALSE, depth + 1) &&
             check_unknown (ps, node->items[0], FALSE, depth + 1) &&
             check_unknown (ps, node->c, FALSE, depth + 1);
    case NODE_CALL_BLOCK:
    case NODE_FILTER_BLOCK:
      /* the call or the filter belongs to the outer frame, the body to its own */
      return check_unknown (ps, node->a, soft, depth + 1) &&
             check_unknown (ps, node->b, FALSE, depth + 1);
    case NODE_SET_BLOCK:
      return check_unknown (ps, node->c, soft, depth + 1) &&
             check_unknown (ps, node->b, FALSE, depth + 1);
    case NODE_WITH:
      for (guint i = 0; i < node->n_items2; i++)
        if (!check_unknown (ps, node->items2[i], soft, depth + 1))
          return FALSE;
      return check_unknown (ps, node->b, FALSE, depth + 1);
    case NODE_MACRO:
    case NODE_BLOCK:
      child_soft = FALSE;
      break;
    case NODE_BINOP:
      /* The optimiser folds `false and X` and `true or X` to a constant: X is never compiled. */
      if (node->op == OP_AND || node->op == OP_OR)
        {
          gint truth = const_truth (ps, node->a);
          if ((node->op == OP_AND && truth == 0) || (node->op == OP_OR && truth == 1))
            return check_unknown (ps, node->a, soft, depth + 1);
        }
      break;
    case NODE_COMPARE:
      {
        /* a chain folds to False at the first false comparison of constants */
        TessValue left, right;
        if (!is_foldable (node->a, 0) || !tess_template_const_eval (ps->tmpl, node->a, &left))
          break;
        for (guint i = 0; i < node->n_items; i++)
          {
            gboolean result;
            if (!is_foldable (node->items[i], 0) ||
                !tess_template_const_eval (ps->tmpl, node->items[i], &right))
              break;
            if (!const_compare (ps, node->items[i], (TessOp) node->names[i], left, right, &result))
              {
                tess_value_unref (right);
                break;
              }
            tess_value_unref (left);
            left = right;
            if (!result)
              {
                /* the operands after this one are dead code */
                gboolean ok = check_unknown (ps, node->a, soft, depth + 1);
                for (guint k = 0; ok && k <= i; k++)
                  ok = check_unknown (ps, node->items[k], soft, depth + 1);
                tess_value_unref (left);
                return ok;
              }
          }
        tess_value_unref (left);
      }
      break;
    default:
      break;
    }

  if (!check_unknown (ps, node->a, child_soft, depth + 1) ||
      !check_unknown (ps, node->b, child_soft, depth + 1) ||
      !check_unknown (ps, node->c, child_soft, depth + 1) ||
      !check_unknown (ps, node->d, child_soft, depth + 1) ||
      !check_unknown (ps, node->dyn_args, child_soft, depth + 1) ||
      !check_unknown (ps, node->dyn_kwargs, child_soft, depth + 1))
    return FALSE;
  for (guint i = 0; i < node->n_items; i++)
    if (!check_unknown (ps, node->items[i], child_soft, depth + 1))
      return FALSE;
  for (guint i = 0; i < node->n_items2; i++)
    if (!check_unknown (ps, node->items2[i], child_soft, depth + 1))
      return FALSE;
  return TRUE;
}

/* Jinja's optimiser folds constant expressions while compiling. Folding a `~` whose operands
 * are constant stringifies them, and an undefined operand (say `[]|first`) then fails the
 * compilation, not the render. Operands are tried left to right; the first one that cannot be
 * folded stops the attempt, as in nodes.Concat.as_const. */
static gboolean
is_foldable (TessNode *node, guint depth)
{
  if (node == NULL)
    return TRUE;
  if (depth > 200)
    return FALSE;
  switch ((TessNodeKind) node->kind)
    {
    case NODE_NAME:
    case NODE_NSREF:
    case NODE_CALL:
      /* nodes.Call has no as_const: a call is never folded, not even 'ab'.upper() */
      return FALSE;
    case NODE_FILTER:
      {
        const char *name = g_quark_to_string (node->name);
        /* filters that need the runtime context are never folded */
        if (node->impl == NULL || g_str_equal (name, "map") || g_str_equal (name, "select") ||
            g_str_equal (name, "reject") || g_str_equal (name, "selectattr") ||
            g_str_equal (name, "rejectattr"))
          return FALSE;
      }
      break;
    case NODE_TEST:
      if (node->impl == NULL)
        return FALSE;
      break;
    default:
      break;
    }
  if (!is_foldable (node->a, depth + 1) || !is_foldable (node->b, depth + 1) ||
      !is_foldable (node->c, depth + 1) || !is_foldable (node->d, depth + 1) ||
      !is_foldable (node->dyn_args, depth + 1) || !is_foldable (node->dyn_kwargs, depth + 1))
    return FALSE;
  for (guint i = 0; i < node->n_items; i++)
    if (!is_foldable (node->items[i], depth + 1))
      return FALSE;
  for (guint i = 0; i < node->n_items2; i++)
    if (!is_foldable (node->items2[i], depth + 1))
      return FALSE;
  return TRUE;
}

static void
concat_operands (TessNode *node, GPtrArray *operands, guint depth)
{
  if (node->kind == NODE_BINOP && node->op == OP_TILDE && depth < 200)
    {
      concat_operands (node->a, operands, depth + 1);
      concat_operands (node->b, operands, depth + 1);
    }
  else
    g_ptr_array_add (operands, node);
}

static gboolean
check_const_concat (Parser *ps, TessNode *node, gboolean in_concat, guint depth)
{
  if (node == NULL || depth > 1000)
    return TRUE;
  if (node->kind == NODE_BINOP && node->op == OP_TILDE && !in_concat)
    {
      g_autoptr(GPtrArray) operands = g_ptr_array_new ();
      concat_operands (node, operands, 0);
      for (guint i = 0; i < operands->len; i++)
        {
          TessNode *operand = operands->pdata[i];
          g_autofree char *message = NULL;
          gint folded;
          if (!is_foldable (operand, 0))
            break;
          folded = tess_template_const_undefined (ps->tmpl, operand, &message);
          if (folded < 0)
            break;  /* it raised: Jinja leaves the expression to the render */
          if (folded == 0)
            continue;
          {
            TessToken at = { 0 };
            at.line = operand->line;
            at.col = operand->col;
            fail_at (ps, &at, "%s", message);
          }
          return FALSE;
        }
    }
  in_concat = node->kind == NODE_BINOP && node->op == OP_TILDE;
  if (!check_const_concat (ps, node->a, in_concat, depth + 1) ||
      !check_const_concat (ps, node->b, in_concat, depth + 1) ||
      !check_const_concat (ps, node->c, FALSE, depth + 1) ||
      !check_const_concat (ps, node->d, FALSE, depth + 1) ||
      !check_const_concat (ps, node->dyn_args, FALSE, depth + 1) ||
      !check_const_concat (ps, node->dyn_kwargs, FALSE, depth + 1))
    return FALSE;
  for (guint i = 0; i < node->n_items; i++)
    if (!check_const_concat (ps, node->items[i], FALSE, depth + 1))
      return FALSE;
  for (guint i = 0; i < node->n_items2; i++)
    if (!check_const_concat (ps, node->items2[i], FALSE, depth + 1))
      return FALSE;
  return TRUE;
}

/* TRUE when node folds to a negative number (a -0.0 included): Jinja writes such a constant
 * into the generated Python as a bare literal such as `-2`. */
static gboolean
folds_to_negative (Parser *ps, TessNode *node)
{
  TessValue v;
  gboolean negative = FALSE;

  if (!is_foldable (node, 0) || !tess_template_const_eval (ps->tmpl, node, &v))
    return FALSE;
  if (v.type == TESS_VALUE_INT)
    negative = v.u.i < 0;
  else if (v.type == TESS_VALUE_FLOAT)
    negative = signbit (v.u.f) && !isnan (v.u.f);
  tess_value_unref (v);
  return negative;
}

/* Jinja folds `-2 ** 2` whole, as (-2) ** 2, but for `-2 ** x` it emits the Python source
 * `(-2 ** l_x)`, which Python reads as -(2 ** x). The same goes for any left operand that
 * folds to a negative number, say `(1 - 3) ** x`; a left operand that does not fold, as in
 * `-x ** 2`, is emitted in parentheses and stays (-x) ** 2. Marks the `**` nodes to evaluate
 * as -(|a| ** b). */
static void
mark_negative_pow (Parser *ps, TessNode *node, guint depth)
{
  TessValue v;

  if (node == NULL || depth > 1000)
    return;
  if (node->kind == NODE_BINOP && node->op == OP_POW)
    {
      gboolean right_folds = is_foldable (node->b, 0) &&
                             tess_template_const_eval (ps->tmpl, node->b, &v);
      if (right_folds)
        tess_value_unref (v);
      node->flag = !right_folds && folds_to_negative (ps, node->a);
    }
  mark_negative_pow (ps, node->a, depth + 1);
  mark_negative_pow (ps, node->b, depth + 1);
  mark_negative_pow (ps, node->c, depth + 1);
  mark_negative_pow (ps, node->d, depth + 1);
  mark_negative_pow (ps, node->dyn_args, depth + 1);
  mark_negative_pow (ps, node->dyn_kwargs, depth + 1);
  for (guint i = 0; i < node->n_items; i++)
    mark_negative_pow (ps, node->items[i], depth + 1);
  for (guint i = 0; i < node->n_items2; i++)
    mark_negative_pow (ps, node->items2[i], depth + 1);
}

/* Jinja resolves names at compile time, frame by frame (idtracking.py). A name that a frame
 * assigns unconditionally, without reading it first, is a local of that frame from its very
 * start: until the assignment runs it is undefined, even in loops and macros nested inside,
 * and even if the data has a variable of that name. Everything else resolves at run time as
 * our scope chain does. This pass finds those names; the evaluator declares them undefined
 * when it enters the frame. */

enum
{
  SYM_RESOLVE = 1,    /* read before any assignment: looked up at run time */
  SYM_ALIAS,          /* assigned here, and an outer frame knows the name */
  SYM_UNDEFINED,      /* assigned here, unknown outside: undefined until assigned */
};

typedef struct _Symbols Symbols;
struct _Symbols
{
  GHashTable *refs;     /* quark → SYM_* */
  GHashTable *stores;   /* quark set */
  Symbols    *parent;
  GPtrArray  *children; /* ChildFrame */
};

typedef struct
{
  TessNode  *body;
  GQuark    *initial;   /* names the frame assigns on entry (loop targets, parameters) */
  guint      n_initial;
  TessNode  *extra;     /* an expression evaluated in the child frame (a loop's filter) */
  TessNode  *extra2;
} ChildFrame;

#define SYM_MAX_DEPTH 400

static gboolean
symbols_find (Symbols *sym, GQuark name)
{
  for (; sym != NULL; sym = sym->parent)
    if (g_hash_table_contains (sym->refs, GUINT_TO_POINTER (name)))
      return TRUE;
  return FALSE;
}

static void
symbols_load (Symbols *sym, GQuark name)
{
  if (!symbols_find (sym, name))
    g_hash_table_insert (sym->refs, GUINT_TO_POINTER (name), GUINT_TO_POINTER (SYM_RESOLVE));
}

static void
symbols_store (Symbols *sym, GQuark name)
{
  g_hash_table_add (sym->stores, GUINT_TO_POINTER (name));
  if (!g_hash_table_contains (sym->refs, GUINT_TO_POINTER (name)))
    g_hash_table_insert (sym->refs, GUINT_TO_POINTER (name),
                         GUINT_TO_POINTER (symbols_find (sym->parent,
                                                         name) ? SYM_ALIAS : SYM_UNDEFINED));
}

static void symbols_visit_stmt (Symbols *sym, TessNode *node, guint depth);

static void
symbols_visit_expr (Symbols *sym, TessNode *node, guint depth)
{
  if (node == NULL || depth > SYM_MAX_DEPTH)
    return;
  if (node->kind == NODE_NAME)
    {
      symbols_load (sym, node->name);
      return;
    }
  symbols_visit_expr (sym, node->a, depth + 1);
  symbols_visit_expr (sym, node->b, depth + 1);
  symbols_visit_expr (sym, node->c, depth + 1);
  symbols_visit_expr (sym, node->d, depth + 1);
  symbols_visit_expr (sym, node->dyn_args, depth + 1);
  symbols_visit_expr (sym, node->dyn_kwargs, depth + 1);
  for (guint i = 0; i < node->n_items; i++)
    symbols_visit_expr (sym, node->items[i], depth + 1);
  for (guint i = 0; i < node->n_items2; i++)
    symbols_visit_expr (sym, node->items2[i], depth + 1);
}

static void
symbols_visit_target (Symbols *sym, TessNode *target)
{
  if (target == NULL)
    return;
  if (target->kind == NODE_NAME)
    symbols_store (sym, target->name);
  else if (target->kind == NODE_NSREF)
    symbols_load (sym, target->name);
  else if (target->kind == NODE_TUPLE)
    for (guint i = 0; i < target->n_items; i++)
      symbols_visit_target (sym, target->items[i]);
}

static void
target_names (TessNode *target, GArray *names)
{
  if (target == NULL)
    return;
  if (target->kind == NODE_NAME)
    g_array_append_val (names, target->name);
  else if (target->kind == NODE_TUPLE)
    for (guint i = 0; i < target->n_items; i++)
      target_names (target->items[i], names);
}

static void
add_child (Symbols *sym, TessNode *body, GArray *initial, TessNode *extra, TessNode *extra2)
{
  ChildFrame *child;

  if (body == NULL)
    return;
  child = g_new0 (ChildFrame, 1);
  child->body = body;
  if (initial != NULL && initial->len)
    {
      child->n_initial = initial->len;
      child->initial = g_memdup2 (initial->data, initial->len * sizeof (GQuark));
    }
  child->extra = extra;
  child->extra2 = extra2;
  g_ptr_array_add (sym->children, child);
}

static void
symbols_visit_if (Symbols *sym, TessNode *node, guint depth)
{
  /* Jinja's three branches: the body, the elifs and the else; one is empty unless there
   * are both elifs and an else (approximated here: an elif chain counts as one branch). */
  TessNode *branches[3] = { node->b, node->c && node->c->kind == NODE_IF ? node->c : NULL,
                            node->c && node->c->kind != NODE_IF ? node->c : NULL };
  GHashTable *orig_refs = g_hash_table_ref (sym->refs);
  GHashTable *orig_stores = g_hash_table_ref (sym->stores);
  GHashTable *merged_refs = g_hash_table_new (NULL, NULL);
  GHashTable *merged_stores = g_hash_table_new (NULL, NULL);
  GHashTable *store_counts = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n_branches = 3;

  symbols_visit_expr (sym, node->a, depth + 1);
  g_hash_table_unref (orig_refs);
  g_hash_table_unref (orig_stores);
  orig_refs = sym->refs;
  orig_stores = sym->stores;

  for (guint b = 0; b < n_branches; b++)
    {
      sym->refs = g_hash_table_new (NULL, NULL);
      sym->stores = g_hash_table_new (NULL, NULL);
      g_hash_table_iter_init (&iter, orig_refs);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (sym->refs, key, value);
      g_hash_table_iter_init (&iter, orig_stores);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_add (sym->stores, key);

      if (branches[b] != NULL)
        symbols_visit_stmt (sym, branches[b], depth + 1);

      g_hash_table_iter_init (&iter, sym->refs);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (merged_refs, key, value);
      g_hash_table_iter_init (&iter, sym->stores);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_hash_table_add (merged_stores, key);
          if (!g_hash_table_contains (orig_stores, key))
            {
              guint count = GPOINTER_TO_UINT (g_hash_table_lookup (store_counts, key));
              g_hash_table_insert (store_counts, key, GUINT_TO_POINTER (count + 1));
            }
        }
      g_hash_table_unref (sym->refs);
      g_hash_table_unref (sym->stores);
    }

  g_hash_table_unref (orig_refs);
  g_hash_table_unref (orig_stores);
  sym->refs = merged_refs;
  sym->stores = merged_stores;

  /* assigned in some branches only: the value may come from outside */
  g_hash_table_iter_init (&iter, store_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) < n_branches)
      g_hash_table_insert (sym->refs, key,
                           GUINT_TO_POINTER (symbols_find (sym->parent, GPOINTER_TO_UINT (key))
                                             ? SYM_ALIAS : SYM_RESOLVE));
  g_hash_table_unref (store_counts);
}

static void
symbols_visit_stmt (Symbols *sym, TessNode *node, guint depth)
{
  g_autoptr(GArray) names = NULL;

  if (node == NULL || depth > SYM_MAX_DEPTH)
    return;

  switch ((TessNodeKind) node->kind)
    {
    case NODE_BODY:
      for (guint i = 0; i < node->n_items; i++)
        symbols_visit_stmt (sym, node->items[i], depth + 1);
      break;
    case NODE_TEXT:
      break;
    case NODE_OUTPUT:
      symbols_visit_expr (sym, node->a, depth + 1);
      break;
    case NODE_IF:
      symbols_visit_if (sym, node, depth);
      break;
    case NODE_FOR:
      symbols_visit_expr (sym, node->b, depth + 1);
      names = g_array_new (FALSE, FALSE, sizeof (GQuark));
      target_names (node->a, names);
      add_child (sym, node->items[0], names, node->d, NULL);
      add_child (sym, node->c, NULL, NULL, NULL);
      break;
    case NODE_SET:
      symbols_visit_expr (sym, node->b, depth + 1);
      symbols_visit_target (sym, node->a);
      break;
    case NODE_SET_BLOCK:
      symbols_visit_expr (sym, node->c, depth + 1);
      add_child (sym, node->b, NULL, NULL, NULL);
      symbols_visit_target (sym, node->a);
      break;
    case NODE_WITH:
      for (guint i = 0; i < node->n_items2; i++)
        symbols_visit_expr (sym, node->items2[i], depth + 1);
      names = g_array_new (FALSE, FALSE, sizeof (GQuark));
      for (guint i = 0; i < node->n_items; i++)
        target_names (node->items[i], names);
      add_child (sym, node->b, names, NULL, NULL);
      break;
    case NODE_MACRO:
      symbols_store (sym, node->name);
      names = g_array_new (FALSE, FALSE, sizeof (GQuark));
      g_array_append_vals (names, node->names, node->n_names);
      add_child (sym, node->b, names, NULL, NULL);
      break;
    case NODE_CALL_BLOCK:
      symbols_visit_expr (sym, node->a, depth + 1);
      names = g_array_new (FALSE, FALSE, sizeof (GQuark));
      g_array_append_vals (names, node->names, node->n_names);
      add_child (sym, node->b, names, NULL, NULL);
      break;
    case NODE_FILTER_BLOCK:
      symbols_visit_expr (sym, node->a, depth + 1);
      add_child (sym, node->b, NULL, NULL, NULL);
      break;
    case NODE_BLOCK:
      add_child (sym, node->b, NULL, NULL, NULL);
      break;
    case NODE_LOADER:
      symbols_visit_expr (sym, node->a, depth + 1);
      break;
    default:
      break;
    }
}

static void
analyze_frame (Parser *ps, TessNode *body, Symbols *parent, GQuark *initial, guint n_initial,
               TessNode *extra, TessNode *extra2, guint depth)
{
  Symbols sym = { 0 };
  g_autoptr(GArray) undefined = g_array_new (FALSE, FALSE, sizeof (GQuark));
  GHashTableIter iter;
  gpointer key, value;

  if (depth > SYM_MAX_DEPTH)
    return;
  sym.refs = g_hash_table_new (NULL, NULL);
  sym.stores = g_hash_table_new (NULL, NULL);
  sym.parent = parent;
  sym.children = g_ptr_array_new ();

  for (guint i = 0; i < n_initial; i++)
    {
      g_hash_table_add (sym.stores, GUINT_TO_POINTER (initial[i]));
      g_hash_table_insert (sym.refs, GUINT_TO_POINTER (initial[i]), GUINT_TO_POINTER (SYM_ALIAS));
    }
  symbols_visit_expr (&sym, extra, depth + 1);
  symbols_visit_expr (&sym, extra2, depth + 1);
  symbols_visit_stmt (&sym, body, depth + 1);

  g_hash_table_iter_init (&iter, sym.refs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) == SYM_UNDEFINED)
      {
        GQuark q = GPOINTER_TO_UINT (key);
        g_array_append_val (undefined, q);
      }
  /* A body node keeps the names its frame declares undefined on entry. */
  if (body->kind == NODE_BODY && undefined->len)
    {
      TessValue values = tess_value_tuple_new (undefined->len);
      body->names = tess_template_arena_alloc (ps->tmpl, undefined->len * sizeof (GQuark));
      memcpy (body->names, undefined->data, undefined->len * sizeof (GQuark));
      body->n_names = undefined->len;
      /* the undefined values themselves, made once (body->value is unused on a body) */
      for (guint i = 0; i < undefined->len; i++)
        {
          GQuark q = g_array_index (undefined, GQuark, i);
          tess_list_append (tess_value_get_list (values),
                            tess_value_undefined_take (g_strdup_printf ("'%s' is undefined",
                                                                        g_quark_to_string (q))));
        }
      body->value = keep_value (ps, values);
      tess_value_unref (values);
    }

  /* Children see this frame completely analysed, as in Jinja. */
  for (guint i = 0; i < sym.children->len; i++)
    {
      ChildFrame *child = sym.children->pdata[i];
      analyze_frame (ps, child->body, &sym, child->initial, child->n_initial, child->extra,
                     child->extra2, depth + 1);
      g_free (child->initial);
      g_free (child);
    }
  g_ptr_array_unref (sym.children);
  g_hash_table_unref (sym.refs);
  g_hash_table_unref (sym.stores);
}

gboolean
tess_template_parse (TessTemplate *self, const char *source, GError **error)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (TessToken));
  GError *local_error = NULL;
  Parser ps = { 0 };
  TessNode *root = NULL;

  if (tess_template_lex (source, tokens, &local_error))
    {
      ps.tmpl = self;
      ps.tokens = tokens;
      ps.error = &local_error;
      ps.tag_stack = g_ptr_array_new ();
      ps.end_token_stack = g_ptr_array_new ();
      root = subparse (&ps, NULL);
      if (root != NULL && !check_unknown (&ps, root, FALSE, 0))
        root = NULL;
      if (root != NULL && !check_const_concat (&ps, root, FALSE, 0))
        root = NULL;
      if (root != NULL)
        mark_negative_pow (&ps, root, 0);
      if (root != NULL)
        analyze_frame (&ps, root, NULL, NULL, 0, NULL, NULL, 0);
      g_ptr_array_unref (ps.tag_stack);
      g_ptr_array_unref (ps.end_token_stack);
    }

  for (guint i = 0; i < tokens->len; i++)
    tess_value_unref (g_array_index (tokens, TessToken, i).value);

  if (local_error != NULL || root == NULL)
    {
      if (local_error == NULL)
        tess_template_set_error (&local_error, TESS_TEMPLATE_ERROR_SYNTAX, 1, 1, "parse error");
      g_propagate_error (error, local_error);
      return FALSE;
    }

  tess_template_set_root (self, root);
  return TRUE;
}
