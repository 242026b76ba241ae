/* test-template-diff.c: differential test against the real Jinja2.
 *
 * A seeded random generator writes templates (statements, whitespace control, filters, tests,
 * methods, Python arithmetic and formatting) and data; each case is rendered by Tessera and
 * by python3-jinja2 (one batch process, tests/template/jinja-batch.py) and the two must give
 * the same text, or both fail at the same stage (compile or render).
 *
 *   TESS_DIFF_CASES=1000000 TESS_DIFF_SEED=7 ./test-template-diff     run a million by hand
 *   TESS_DIFF_CORPUS_CASES=N                     corpus templates with N random data sets
 *   TESS_DIFF_PYTHON=/usr/bin/python3                                    interpreter to use
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "template/tess-template.h"
#include "template/tess-widget-file.h"

typedef enum
{
  T_INT,
  T_FLOAT,
  T_STR,
  T_BOOL,
  T_INTLIST,
  T_STRLIST,
  T_DICT,
  T_ANY,
  N_TYPES
} GenType;

typedef struct
{
  char    *name;
  GenType  type;
} GenVar;

typedef struct
{
  GRand   *rand;
  GArray  *vars;      /* GenVar: names in scope */
  guint    depth;
  guint    macros;
  guint    counter;
} Gen;

static const char *string_pool[] = {
  "hello", "Hello World", "a,b,c", "  padded  ", "<b>bold</b> & 'q'", "h\xc3\xa9llo w\xc3\xb6rld",
  "line1\nline2", "tab\there", "", "x", "MiXeD cAsE", "don't", "say \"hi\"", "emoji \xf0\x9f\x98\x80",
  "1234", "3.5", "-7", "a-b-c", "snake_case_name", "the quick brown fox jumps over the lazy dog",
  "back\\slash", "%d percent", "{braces}", "UPPER", "lower", "Title Case Words", "  ",
};

static const char *float_pool[] = {
  "0.0", "0.1", "0.5", "1.5", "2.5", "-3.25", "1e16", "1e-05", "123456789.125", "100.0",
  "2.675", "-0.001", "0.30000000000000004", "3.0", "7.75", "1e15", "0.2",
};

static guint
pick (Gen *g, guint n)
{
  return g_rand_int_range (g->rand, 0, n);
}

static gboolean
chance (Gen *g, double p)
{
  return g_rand_double (g->rand) < p;
}

static void
append_py_string (GString *out, const char *s, gboolean single)
{
  char q = single ? '\'' : '"';

  g_string_append_c (out, q);
  for (const char *p = s; *p; p++)
    {
      if (*p == q || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        {
          g_string_append (out, "\\n");
          continue;
        }
      if (*p == '\t')
        {
          g_string_append (out, "\\t");
          continue;
        }
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, q);
}

static void gen_expr (Gen *g, GString *out, GenType type, guint depth);

/* A JSON string literal (json-glib's writer is not used: this must be exactly standard). */
static void
append_json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) s; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static const char *
var_of_type (Gen *g, GenType type)
{
  guint matches = 0;
  const char *chosen = NULL;

  for (guint i = 0; i < g->vars->len; i++)
    {
      GenVar *v = &g_array_index (g->vars, GenVar, i);
      if (v->type == type || type == T_ANY)
        {
          matches++;
          if (pick (g, matches) == 0)
            chosen = v->name;
        }
    }
  return chosen;
}

static void
gen_atom (Gen *g, GString *out, GenType type)
{
  const char *var = chance (g, 0.6) ? var_of_type (g, type) : NULL;

  if (var != NULL)
    {
      g_string_append (out, var);
      return;
    }

  switch (type)
    {
    case T_INT:
      switch (pick (g, 6))
        {
        case 0:
          g_string_append (out, "user.age");
          break;
        case 1:
          g_string_append (out, "lst|length");
          break;
        default:
          g_string_append_printf (out, "%d", g_rand_int_range (g->rand, -12, 40));
          break;
        }
      break;
    case T_FLOAT:
      if (chance (g, 0.3))
        g_string_append (out, "f");
      else
        g_string_append (out, float_pool[pick (g, G_N_ELEMENTS (float_pool))]);
      break;
    case T_STR:
      switch (pick (g, 8))
        {
        case 0:
          g_string_append (out, "user.name");
          break;
        case 1:
          g_string_append (out, "words[0]");
          break;
        case 2:
          g_string_append (out, "t");
          break;
        default:
          append_py_string (out, string_pool[pick (g, G_N_ELEMENTS (string_pool))], chance (g, 0.5));
          break;
        }
      break;
    case T_BOOL:
      {
        static const char *b[] = { "true", "false", "True", "False", "b" };
        g_string_append (out, b[pick (g, G_N_ELEMENTS (b))]);
      }
      break;
    case T_INTLIST:
      {
        static const char *l[] = { "lst", "empty", "[1, 2, 3]", "[5, -2, 9, 0, 5]", "range(4)|list",
                                   "[3]", "nums" };
        g_string_append (out, l[pick (g, G_N_ELEMENTS (l))]);
      }
      break;
    case T_STRLIST:
      {
        static const char *l[] = { "words", "user.tags", "['x', 'y', 'x']", "['b', 'A', 'c']", "[]" };
        g_string_append (out, l[pick (g, G_N_ELEMENTS (l))]);
      }
      break;
    case T_DICT:
      {
        static const char *l[] = { "user", "d", "{'a': 1, 'b': 2}", "{'z': 'last', 'a': none}", "{}" };
        g_string_append (out, l[pick (g, G_N_ELEMENTS (l))]);
      }
      break;
    case T_ANY:
    case N_TYPES:
    default:
      {
        static const char *l[] = { "z", "none", "mixed", "users", "f", "n", "s", "(1, 'two')",
                                   "nested", "user.missing is defined", "b" };
        g_string_append (out, l[pick (g, G_N_ELEMENTS (l))]);
      }
      break;
    }
}

static void
gen_sub (Gen *g, GString *out, GenType type, guint depth)
{
  gen_expr (g, out, type, depth + 1);
}

static void
gen_int (Gen *g, GString *out, guint depth)
{
  switch (pick (g, 22))
    {
    case 0: case 1:
      g_string_append_c (out, '(');
      gen_sub (g, out, T_INT, depth);
      g_string_append (out, pick (g, 2) ? " + " : " - ");
      gen_sub (g, out, T_INT, depth);
      g_string_append_c (out, ')');
      break;
    case 2:
      /* Python ints are unbounded, Tessera's are 64-bit: keep products small */
      g_string_append_c (out, '(');
      gen_sub (g, out, T_INT, depth);
      g_string_append_printf (out, " * %d)", g_rand_int_range (g->rand, -5, 6));
      break;
    case 3:
      g_string_append_c (out, '(');
      gen_sub (g, out, T_INT, depth);
      g_string_append (out, pick (g, 2) ? " // " : " % ");
      g_string_append_printf (out, "%d", pick (g, 2) ? g_rand_int_range (g->rand, 1, 7)
                                                     : -g_rand_int_range (g->rand, 1, 7));
      g_string_append_c (out, ')');
      break;
    case 4:
      g_string_append_printf (out, "(%s ** %d)", pick (g, 2) ? "n" : "m",
                              g_rand_int_range (g->rand, -1, 4));
      break;
    case 5:
      g_string_append_c (out, '-');
      gen_sub (g, out, T_INT, depth);
      break;
    case 6:
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, "|length");
      break;
    case 7:
      gen_sub (g, out, T_INTLIST, depth);
      g_string_append (out, pick (g, 2) ? "|sum" : "|length");
      break;
    case 8:
      gen_sub (g, out, T_INTLIST, depth);
      g_string_append (out, pick (g, 2) ? "|max" : "|min");
      break;
    case 9:
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, "|int");
      break;
    case 10:
      /* keep it within 64 bits: Python's int() of 1e30 is exact, Tessera's ints are not */
      g_string_append (out, "(");
      gen_sub (g, out, T_FLOAT, depth);
      g_string_append (out, pick (g, 2) ? " % 1000)|int" : " % 1000)|round|int");
      break;
    case 11:
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, pick (g, 2) ? ".count('l')" : ".find('o')");
      break;
    case 12:
      gen_sub (g, out, T_INTLIST, depth);
      g_string_append (out, pick (g, 2) ? "|first" : "|last");
      break;
    case 13:
      /* index variables only: Jinja folds constant expressions at compile time, so an
       * out-of-range index into a literal list would fail there instead of at render */
      g_string_append (out, pick (g, 2) ? "lst" : "nums");
      g_string_append_printf (out, "[%d]", g_rand_int_range (g->rand, -2, 3));
      break;
    case 14:
      g_string_append_c (out, '(');
      gen_sub (g, out, T_INT, depth);
      g_string_append (out, " if ");
      gen_sub (g, out, T_BOOL, depth);
      g_string_append (out, " else ");
      gen_sub (g, out, T_INT, depth);
      g_string_append_c (out, ')');
      break;
    case 15:
      gen_sub (g, out, T_INT, depth);
      g_string_append (out, "|abs");
      break;
    case 16:
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, "|wordcount");
      break;
    case 17:
      gen_sub (g, out, T_DICT, depth);
      g_string_append (out, "|length");
      break;
    case 18:
      g_string_append (out, "loop.index");
      break;
    case 19:
      gen_sub (g, out, T_BOOL, depth);
      g_string_append (out, pick (g, 2) ? " + 1" : "|int");
      break;
    default:
      gen_atom (g, out, T_INT);
      break;
    }
}

static void
gen_float (Gen *g, GString *out, guint depth)
{
  switch (pick (g, 9))
    {
    case 0:
      g_string_append_c (out, '(');
      gen_sub (g, out, pick (g, 2) ? T_INT : T_FLOAT, depth);
      g_string_append (out, " / ");
      g_string_append (out, pick (g, 2) ? "3" : "4");
      g_string_append_c (out, ')');
      break;
    case 1:
      g_string_append_c (out, '(');
      gen_sub (g, out, T_FLOAT, depth);
      g_string_append (out, pick (g, 3) == 0 ? " * " : pick (g, 2) ? " + " : " - ");
      gen_sub (g, out, pick (g, 2) ? T_INT : T_FLOAT, depth);
      g_string_append_c (out, ')');
      break;
    case 2:
      gen_sub (g, out, T_FLOAT, depth);
      g_string_append_printf (out, "|round(%d)", pick (g, 4));
      break;
    case 3:
      gen_sub (g, out, T_INT, depth);
      g_string_append (out, "|float");
      break;
    case 4:
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, "|float");
      break;
    case 5:
      g_string_append_c (out, '(');
      gen_sub (g, out, T_FLOAT, depth);
      g_string_append (out, pick (g, 2) ? " // 2" : " % 3");
      g_string_append_c (out, ')');
      break;
    case 6:
      gen_sub (g, out, T_FLOAT, depth);
      g_string_append_printf (out, "|round(%d, '%s')", pick (g, 3), pick (g, 2) ? "floor" : "ceil");
      break;
    default:
      gen_atom (g, out, T_FLOAT);
      break;
    }
}

static void
gen_str (Gen *g, GString *out, guint depth)
{
  static const char *str_filters[] = {
    "upper", "lower", "title", "capitalize", "trim", "reverse", "center(14)", "replace('l', 'L')",
    "truncate(9)", "truncate(12, true)", "indent(2)", "indent(2, true)", "striptags", "urlencode",
    "wordwrap(8)", "wordwrap(5, break_on_hyphens=false)", "string", "list|join('|')", "replace('', '.')", "trim('x')",
    "replace('o', '0', 1)", "center(3)", "truncate(10, false, '..', 0)",
  };
  static const char *str_methods[] = {
    "upper()", "lower()", "strip()", "title()", "capitalize()", "swapcase()", "split(',')|join('+')",
    "split()|join('_')", "replace('a', 'o')", "lstrip()", "rstrip()", "zfill(6)", "ljust(8, '*')",
    "rjust(7)", "center(9, '-')", "partition(' ')|join('/')", "rsplit(' ', 1)|join('#')",
    "splitlines()|join('~')", "removeprefix('he')", "casefold()",
  };

  switch (pick (g, 24))
    {
    case 0: case 1: case 2:
      g_string_append_c (out, '(');
      gen_sub (g, out, pick (g, 3) == 0 ? T_ANY : T_STR, depth);
      g_string_append (out, " ~ ");
      gen_sub (g, out, (GenType) pick (g, T_ANY + 1), depth);
      g_string_append_c (out, ')');
      break;
    case 3:
      g_string_append_c (out, '(');
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, " + ");
      gen_sub (g, out, T_STR, depth);
      g_string_append_c (out, ')');
      break;
    case 4: case 5: case 6:
      gen_sub (g, out, T_STR, depth);
      g_string_append_c (out, '|');
      g_string_append (out, str_filters[pick (g, G_N_ELEMENTS (str_filters))]);
      break;
    case 7: case 8:
      g_string_append_c (out, '(');
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, ").");
      g_string_append (out, str_methods[pick (g, G_N_ELEMENTS (str_methods))]);
      break;
    case 9:
      gen_sub (g, out, pick (g, 2) ? T_INTLIST : T_STRLIST, depth);
      g_string_append (out, pick (g, 2) ? "|join(', ')" : "|join");
      break;
    case 10:
      gen_sub (g, out, (GenType) pick (g, T_ANY + 1), depth);
      g_string_append (out, "|string");
      break;
    case 11:
    case 12:
      /* tojson, pprint and escape return Markup, whose repr() and + differ from str's:
       * only use them as the outermost expression of an output. */
      if (depth > 0)
        {
          gen_atom (g, out, T_STR);
          break;
        }
      gen_sub (g, out, (GenType) pick (g, T_ANY + 1), depth);
      {
        static const char *markup[] = { "|tojson", "|tojson(2)", "|pprint", "|escape", "|e",
                                        "|safe", "|forceescape" };
        g_string_append (out, markup[pick (g, G_N_ELEMENTS (markup))]);
      }
      break;
    case 13:
      gen_sub (g, out, T_STR, depth);
      {
        static const char *slices[] = { "[1:4]", "[::-1]", "[::2]", "[-3:]", "[:2]", "[1:-1]", "[5:1:-1]",
                                        "[0]", "[-1]" };
        g_string_append (out, slices[pick (g, G_N_ELEMENTS (slices))]);
      }
      break;
    case 14:
      g_string_append (out, "'%s=%d'|format(");
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, ", ");
      gen_sub (g, out, T_INT, depth);
      g_string_append_c (out, ')');
      break;
    case 15:
      g_string_append (out, "'{}:{}'.format(");
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, ", ");
      gen_sub (g, out, (GenType) pick (g, T_ANY + 1), depth);
      g_string_append_c (out, ')');
      break;
    case 16:
      gen_sub (g, out, T_DICT, depth);
      g_string_append (out, pick (g, 2) ? "|dictsort|string" : "|items|list|string");
      break;
    case 17:
      gen_sub (g, out, pick (g, 2) ? T_INT : T_FLOAT, depth);
      g_string_append (out, pick (g, 2) ? "|filesizeformat" : "|filesizeformat(true)");
      break;
    case 18:
      g_string_append_c (out, '(');
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, " * 2)");
      break;
    case 19:
      g_string_append (out, pick (g, 2) ? "missing" : "user.nope");
      g_string_append (out, "|default(");
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, pick (g, 2) ? ")" : ", true)");
      break;
    case 20:
      g_string_append_c (out, '(');
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, " if ");
      gen_sub (g, out, T_BOOL, depth);
      g_string_append (out, " else ");
      gen_sub (g, out, T_STR, depth);
      g_string_append_c (out, ')');
      break;
    case 21:
      g_string_append (out, "'%.2f|%5s|%-4d|%x'|format(");
      gen_sub (g, out, T_FLOAT, depth);
      g_string_append (out, ", ");
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, ", ");
      gen_sub (g, out, T_INT, depth);
      g_string_append (out, ", ");
      g_string_append_printf (out, "%d)", g_rand_int_range (g->rand, 0, 300));
      break;
    default:
      gen_atom (g, out, T_STR);
      break;
    }
}

static void
gen_bool (Gen *g, GString *out, guint depth)
{
  static const char *cmp[] = { " == ", " != ", " < ", " <= ", " > ", " >= " };
  static const char *tests[] = { "defined", "undefined", "none", "number", "string", "mapping",
                                 "sequence", "iterable", "integer", "float", "boolean", "true",
                                 "false", "callable" };

  switch (pick (g, 16))
    {
    case 0: case 1:
      {
        GenType t = (GenType) pick (g, 3);
        gen_sub (g, out, t, depth);
        g_string_append (out, cmp[pick (g, G_N_ELEMENTS (cmp))]);
        gen_sub (g, out, t, depth);
      }
      break;
    case 2:
      gen_sub (g, out, T_INT, depth);
      g_string_append (out, pick (g, 2) ? " in " : " not in ");
      gen_sub (g, out, T_INTLIST, depth);
      break;
    case 3:
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, " in ");
      gen_sub (g, out, pick (g, 2) ? T_STR : T_STRLIST, depth);
      break;
    case 4:
      gen_sub (g, out, (GenType) pick (g, T_ANY + 1), depth);
      g_string_append (out, pick (g, 3) == 0 ? " is not " : " is ");
      g_string_append (out, tests[pick (g, G_N_ELEMENTS (tests))]);
      break;
    case 5:
      gen_sub (g, out, T_INT, depth);
      if (pick (g, 3) == 0)
        g_string_append (out, " is divisibleby(3)");
      else
        g_string_append (out, pick (g, 2) ? " is odd" : " is even");
      break;
    case 6:
      g_string_append (out, "not ");
      gen_sub (g, out, T_BOOL, depth);
      break;
    case 7: case 8:
      g_string_append_c (out, '(');
      gen_sub (g, out, pick (g, 4) == 0 ? (GenType) pick (g, T_ANY + 1) : T_BOOL, depth);
      g_string_append (out, pick (g, 2) ? " and " : " or ");
      gen_sub (g, out, pick (g, 4) == 0 ? (GenType) pick (g, T_ANY + 1) : T_BOOL, depth);
      g_string_append_c (out, ')');
      break;
    case 9:
      g_string_append_c (out, '(');
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, pick (g, 2) ? ").startswith('h')" : ").endswith(('d', 'o'))");
      break;
    case 10:
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, pick (g, 2) ? " is lower" : " is upper");
      break;
    case 11:
      g_string_append_c (out, '(');
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, pick (g, 2) ? ").isdigit()" : ").isalpha()");
      break;
    case 12:
      gen_sub (g, out, T_INT, depth);
      g_string_append (out, " < ");
      gen_sub (g, out, T_INT, depth);
      g_string_append (out, " < ");
      gen_sub (g, out, T_INT, depth);
      break;
    case 13:
      gen_sub (g, out, T_INT, depth);
      g_string_append (out, pick (g, 2) ? " is in " : " is eq ");
      gen_sub (g, out, pick (g, 2) ? T_INTLIST : T_INT, depth);
      break;
    default:
      gen_atom (g, out, T_BOOL);
      break;
    }
}

static void
gen_intlist (Gen *g, GString *out, guint depth)
{
  switch (pick (g, 14))
    {
    case 0:
      gen_sub (g, out, T_INTLIST, depth);
      g_string_append (out, pick (g, 2) ? "|sort" : "|sort(reverse=true)");
      break;
    case 1:
      gen_sub (g, out, T_INTLIST, depth);
      g_string_append (out, pick (g, 2) ? "|reverse|list" : "|unique|list");
      break;
    case 2:
      g_string_append_c (out, '(');
      gen_sub (g, out, T_INTLIST, depth);
      g_string_append (out, " + ");
      gen_sub (g, out, T_INTLIST, depth);
      g_string_append_c (out, ')');
      break;
    case 3:
      gen_sub (g, out, T_INTLIST, depth);
      {
        static const char *slices[] = { "[1:]", "[::2]", "[::-1]", "[:-1]", "[-2:]", "[1:3]" };
        g_string_append (out, slices[pick (g, G_N_ELEMENTS (slices))]);
      }
      break;
    case 4:
      gen_sub (g, out, T_INTLIST, depth);
      g_string_append (out, pick (g, 2) ? "|select('odd')|list" : "|reject('even')|list");
      break;
    case 5:
      g_string_append_printf (out, "range(%d, %d%s)|list", g_rand_int_range (g->rand, -3, 4),
                              g_rand_int_range (g->rand, 0, 9), pick (g, 2) ? "" : ", 2");
      break;
    case 6:
      g_string_append_c (out, '[');
      for (guint i = 0, n = pick (g, 4); i < n; i++)
        {
          if (i)
            g_string_append (out, ", ");
          gen_sub (g, out, T_INT, depth);
        }
      g_string_append_c (out, ']');
      break;
    case 7:
      gen_sub (g, out, T_INTLIST, depth);
      g_string_append (out, "|map('abs')|list");
      break;
    case 8:
      gen_sub (g, out, T_INTLIST, depth);
      g_string_append (out, "|select('gt', 2)|list");
      break;
    case 9:
      g_string_append (out, "users|map(attribute='age')|list");
      break;
    case 10:
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, ".split()|map('length')|list");
      break;
    default:
      gen_atom (g, out, T_INTLIST);
      break;
    }
}

static void
gen_strlist (Gen *g, GString *out, guint depth)
{
  switch (pick (g, 10))
    {
    case 0:
      g_string_append_c (out, '(');
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, pick (g, 2) ? ").split()" : ").split(',')");
      break;
    case 1:
      gen_sub (g, out, T_STRLIST, depth);
      g_string_append (out, pick (g, 2) ? "|sort" : "|sort(case_sensitive=true)");
      break;
    case 2:
      gen_sub (g, out, T_STRLIST, depth);
      g_string_append (out, "|map('upper')|list");
      break;
    case 3:
      gen_sub (g, out, T_STR, depth);
      g_string_append (out, "|list");
      break;
    case 4:
      g_string_append (out, "users|map(attribute='name')|list");
      break;
    case 5:
      g_string_append (out, "users|selectattr('age', 'gt', 30)|map(attribute='name')|list");
      break;
    case 6:
      g_string_append (out, "users|sort(attribute='age')|map(attribute='name')|list");
      break;
    case 7:
      gen_sub (g, out, T_DICT, depth);
      g_string_append (out, "|list");
      break;
    default:
      gen_atom (g, out, T_STRLIST);
      break;
    }
}

static void
gen_dict (Gen *g, GString *out, guint depth)
{
  switch (pick (g, 4))
    {
    case 0:
      g_string_append (out, "dict(a=");
      gen_sub (g, out, T_INT, depth);
      g_string_append (out, ", b=");
      gen_sub (g, out, T_STR, depth);
      g_string_append_c (out, ')');
      break;
    case 1:
      g_string_append (out, "{'k': ");
      gen_sub (g, out, (GenType) pick (g, T_ANY + 1), depth);
      g_string_append (out, ", 2: ");
      gen_sub (g, out, T_INTLIST, depth);
      g_string_append_c (out, '}');
      break;
    default:
      gen_atom (g, out, T_DICT);
      break;
    }
}

static void
gen_expr (Gen *g, GString *out, GenType type, guint depth)
{
  if (depth >= 3 || chance (g, 0.25))
    {
      gen_atom (g, out, type == T_ANY ? (GenType) pick (g, T_ANY + 1) : type);
      return;
    }
  if (type == T_ANY)
    type = (GenType) pick (g, T_ANY);
  switch (type)
    {
    case T_INT:
      gen_int (g, out, depth);
      break;
    case T_FLOAT:
      gen_float (g, out, depth);
      break;
    case T_STR:
      gen_str (g, out, depth);
      break;
    case T_BOOL:
      gen_bool (g, out, depth);
      break;
    case T_INTLIST:
      gen_intlist (g, out, depth);
      break;
    case T_STRLIST:
      gen_strlist (g, out, depth);
      break;
    case T_DICT:
      gen_dict (g, out, depth);
      break;
    case T_ANY:
    case N_TYPES:
    default:
      gen_atom (g, out, T_ANY);
      break;
    }
}

static void
push_var (Gen *g, const char *name, GenType type)
{
  GenVar v = { g_strdup (name), type };
  g_array_append_val (g->vars, v);
}

static void
pop_vars (Gen *g, guint to)
{
  while (g->vars->len > to)
    {
      g_free (g_array_index (g->vars, GenVar, g->vars->len - 1).name);
      g_array_set_size (g->vars, g->vars->len - 1);
    }
}

static const char *
open_tag (Gen *g)
{
  return chance (g, 0.25) ? "{%- " : "{% ";
}

static const char *
close_tag (Gen *g)
{
  return chance (g, 0.25) ? " -%}" : " %}";
}

static void gen_block (Gen *g, GString *out, guint n);

static void
gen_statement (Gen *g, GString *out)
{
  static const char *texts[] = { "", " ", "\n", "  \n  ", "abc", "{ not a tag }", "x\ny", "}} stray",
                                 "%}", "\t", ", ", "\n\n", "# not a comment", "[", "]" };
  guint saved = g->vars->len;
  char name[32];

  if (g->depth > 3)
    {
      g_string_append (out, texts[pick (g, G_N_ELEMENTS (texts))]);
      return;
    }

  switch (pick (g, 26))
    {
    case 0: case 1: case 2:
      g_string_append (out, texts[pick (g, G_N_ELEMENTS (texts))]);
      break;
    case 20:
      g->depth++;
      g_snprintf (name, sizeof name, "c%u", g->counter++);
      g_string_append_printf (out, "{%% macro %s(items) %%}{%% for i in items %%}<{{ caller(i) }}>"
                                   "{%% endfor %%}{%% endmacro %%}{%% call(x) %s(", name, name);
      gen_expr (g, out, pick (g, 2) ? T_INTLIST : T_STRLIST, 1);
      g_string_append (out, ") %}");
      {
        guint inner = g->vars->len;
        push_var (g, "x", T_ANY);
        gen_block (g, out, 1 + pick (g, 2));
        pop_vars (g, inner);
      }
      g_string_append (out, "{% endcall %}");
      g->depth--;
      break;
    case 21:
      {
        static const char *groupings[] = {
          "{% for grp in users|groupby('group') %}{{ grp.grouper }}={{ grp.list|map(attribute='name')|join('+') }};{% endfor %}",
          "{% for key, items in users|groupby('age') %}{{ key }}:{{ items|length }} {% endfor %}",
          "{{ nums|batch(4)|list }}{{ nums|batch(4, 0)|list }}{{ lst|slice(2)|list }}",
          "{% for k, v in d|dictsort(false, 'value', true) %}{{ k }}{{ v }}{% endfor %}",
          "{% for x in [1, 1, 2, 3, 3] %}{{ loop.changed(x) }}{% endfor %}",
          "{% set c = cycler('a', 'b', 'c') %}{% for x in lst %}{{ c.next() }}{% endfor %}{{ c.current }}",
          "{% set j = joiner(' | ') %}{% for w in words %}{{ j() }}{{ w }}{% endfor %}",
          "{% set a, b = lst[:2] if lst|length > 1 else (1, 2) %}{{ a }}/{{ b }}",
          "{{ '%s|%r|%5.1f' % (s, s, f) }}",
          "{% set ns = namespace(items=[]) %}{% for u in users %}{% set _ = ns.items.append(u.name|lower) %}{% endfor %}{{ ns.items|sort|join(',') }}",
          "{{ users|map(attribute='name')|map('lower')|select('in', ['al', 'bo'])|list }}",
          "{{ lst|map('string')|map('center', 5)|join }}{{ words|map('truncate', 4, true, '')|list }}",
          "{{ d|items|map('join', '=')|join('&') }}{{ d|urlencode }}",
          "{{ (users|first).name }}{{ (users|last)['age'] }}{{ users|sum(attribute='age') }}",
          "{{ user|xmlattr }}{{ {'a': 1}|xmlattr(false) }}",
          "{{ nested|tojson }}{{ nested.a.b[1].c|upper }}{{ nested['a']['b']|length }}",
          "{{ s|striptags }}{{ s|escape }}{{ s|e|length }}",
          "{{ range(10)|select('divisibleby', 3)|list }}{{ range(5)|reject('lt', 2)|list }}",
          "{{ (s|e) + t }}{{ t + (s|e) }}{{ [s|e, t|safe] }}{{ (s|e)|e }}{{ s|safe|e }}{{ (s|e) * 2 }}{{ ('%s-'|safe) % s }}{{ (s|e) is escaped }}{{ s|forceescape|forceescape }}",
          "{% for x in [[1, [2, 'a']], nums[:2], 3] recursive %}{{ loop.depth }}{% if x is iterable %}[{{ loop(x) }}]{% else %}{{ x }}{% endif %}{% endfor %}",
        };
        g_string_append (out, groupings[pick (g, G_N_ELEMENTS (groupings))]);
      }
      break;
    case 22: case 23:
      g_string_append (out, chance (g, 0.2) ? "{{- " : "{{ ");
      gen_expr (g, out, (GenType) pick (g, T_ANY), 0);
      g_string_append (out, chance (g, 0.2) ? " -}}" : " }}");
      break;
    case 24:
      g_string_append (out, "{% if ");
      gen_expr (g, out, T_ANY, 1);
      g_string_append (out, " is ");
      {
        static const char *t[] = { "defined", "none", "string", "number", "sequence", "mapping",
                                   "iterable", "sameas none", "in [1, 'a']", "eq 1", "true" };
        g_string_append (out, t[pick (g, G_N_ELEMENTS (t))]);
      }
      g_string_append (out, " %}T{% else %}F{% endif %}");
      break;
    case 25:
      g_string_append (out, "{{ ");
      gen_expr (g, out, T_ANY, 1);
      g_string_append (out, pick (g, 2) ? " ~ " : " == ");
      gen_expr (g, out, T_ANY, 1);
      g_string_append (out, " }}");
      break;
    case 3: case 4: case 5: case 6:
      g_string_append (out, chance (g, 0.2) ? "{{- " : "{{ ");
      gen_expr (g, out, T_ANY, 0);
      g_string_append (out, chance (g, 0.2) ? " -}}" : " }}");
      break;
    case 7: case 8:
      g->depth++;
      g_string_append (out, open_tag (g));
      g_string_append (out, "if ");
      gen_expr (g, out, chance (g, 0.8) ? T_BOOL : T_ANY, 1);
      g_string_append (out, close_tag (g));
      gen_block (g, out, 1 + pick (g, 3));
      if (chance (g, 0.3))
        {
          g_string_append_printf (out, "%selif ", open_tag (g));
          gen_expr (g, out, T_BOOL, 1);
          g_string_append (out, close_tag (g));
          gen_block (g, out, 1 + pick (g, 2));
        }
      if (chance (g, 0.5))
        {
          g_string_append_printf (out, "%selse%s", open_tag (g), close_tag (g));
          gen_block (g, out, 1 + pick (g, 2));
        }
      g_string_append_printf (out, "%sendif%s", open_tag (g), close_tag (g));
      g->depth--;
      break;
    case 9: case 10: case 11:
      {
        GenType elem;
        g->depth++;
        g_snprintf (name, sizeof name, "v%u", g->counter++);
        g_string_append (out, open_tag (g));
        switch (pick (g, 5))
          {
          case 0:
            g_string_append_printf (out, "for %s in ", name);
            gen_expr (g, out, T_INTLIST, 1);
            elem = T_INT;
            push_var (g, name, elem);
            break;
          case 1:
            g_string_append_printf (out, "for %s in ", name);
            gen_expr (g, out, T_STRLIST, 1);
            elem = T_STR;
            push_var (g, name, elem);
            break;
          case 2:
            g_string_append_printf (out, "for %s, %s_v in ", name, name);
            gen_expr (g, out, T_DICT, 1);
            g_string_append (out, pick (g, 2) ? ".items()" : "|dictsort");
            push_var (g, name, T_ANY);
            {
              g_autofree char *v = g_strdup_printf ("%s_v", name);
              push_var (g, v, T_ANY);
            }
            break;
          case 3:
            g_string_append_printf (out, "for %s in users", name);
            {
              g_autofree char *v = g_strdup_printf ("%s.name", name);
              push_var (g, v, T_STR);
              g_free (v);
              v = g_strdup_printf ("%s.age", name);
              push_var (g, v, T_INT);
            }
            break;
          default:
            g_string_append_printf (out, "for %s in ", name);
            gen_expr (g, out, T_STR, 1);
            push_var (g, name, T_STR);
            break;
          }
        if (chance (g, 0.2))
          {
            g_string_append (out, " if ");
            gen_expr (g, out, T_BOOL, 2);
          }
        g_string_append (out, close_tag (g));
        push_var (g, "loop.index0", T_INT);
        push_var (g, "loop.revindex", T_INT);
        push_var (g, "loop.length", T_INT);
        push_var (g, "loop.first", T_BOOL);
        push_var (g, "loop.last", T_BOOL);
        push_var (g, "loop.cycle('odd', 'even')", T_STR);
        push_var (g, "loop.previtem is defined", T_BOOL);
        gen_block (g, out, 1 + pick (g, 3));
        pop_vars (g, saved);
        if (chance (g, 0.3))
          {
            g_string_append_printf (out, "%selse%s", open_tag (g), close_tag (g));
            gen_block (g, out, 1);
          }
        g_string_append_printf (out, "%sendfor%s", open_tag (g), close_tag (g));
        g->depth--;
      }
      break;
    case 12:
      {
        GenType t = (GenType) pick (g, T_ANY);
        g_snprintf (name, sizeof name, "x%u", g->counter++);
        g_string_append_printf (out, "%sset %s = ", open_tag (g), name);
        /* depth 1: a stored Markup (tojson, escape) would later concatenate differently */
        gen_expr (g, out, t, 1);
        g_string_append (out, close_tag (g));
        push_var (g, name, t);
        /* the name stays in scope for the rest of this block */
        saved = g->vars->len;
      }
      break;
    case 13:
      g->depth++;
      g_snprintf (name, sizeof name, "cap%u", g->counter++);
      g_string_append_printf (out, "%sset %s%s%s", open_tag (g), name,
                              chance (g, 0.3) ? " | upper" : "", close_tag (g));
      gen_block (g, out, 1 + pick (g, 2));
      g_string_append_printf (out, "%sendset%s", open_tag (g), close_tag (g));
      g->depth--;
      push_var (g, name, T_STR);
      saved = g->vars->len;
      break;
    case 14:
      g->depth++;
      g_snprintf (name, sizeof name, "ns%u", g->counter++);
      g_string_append_printf (out, "{%% set %s = namespace(total=0, text='') %%}", name);
      g_string_append_printf (out, "{%% for i in range(%d) %%}{%% set %s.total = %s.total + i %%}"
                                   "{%% set %s.text = %s.text ~ i %%}{%% endfor %%}",
                              pick (g, 5), name, name, name, name);
      g_string_append_printf (out, "{{ %s.total }}/{{ %s.text }}", name, name);
      break;
    case 15:
      g->depth++;
      g_snprintf (name, sizeof name, "w%u", g->counter++);
      g_string_append_printf (out, "%swith %s = ", open_tag (g), name);
      gen_expr (g, out, T_STR, 1);
      g_string_append (out, close_tag (g));
      push_var (g, name, T_STR);
      gen_block (g, out, 1 + pick (g, 2));
      pop_vars (g, saved);
      g_string_append_printf (out, "%sendwith%s", open_tag (g), close_tag (g));
      g->depth--;
      break;
    case 16:
      g->depth++;
      g_snprintf (name, sizeof name, "m%u", g->counter++);
      g_string_append_printf (out, "{%% macro %s(a, b='dflt') %%}", name);
      {
        guint inner = g->vars->len;
        push_var (g, "a", T_ANY);
        push_var (g, "b", T_STR);
        gen_block (g, out, 1 + pick (g, 2));
        pop_vars (g, inner);
      }
      g_string_append (out, "{% endmacro %}");
      g_string_append_printf (out, "{{ %s(", name);
      gen_expr (g, out, T_ANY, 1);
      if (chance (g, 0.5))
        {
          g_string_append (out, pick (g, 2) ? ", b=" : ", ");
          gen_expr (g, out, T_STR, 1);
        }
      g_string_append (out, ") }}");
      g->depth--;
      break;
    case 17:
      g->depth++;
      g_string_append_printf (out, "{%% filter %s %%}", pick (g, 2) ? "upper" : "trim|title");
      gen_block (g, out, 1 + pick (g, 2));
      g_string_append (out, "{% endfilter %}");
      g->depth--;
      break;
    case 18:
      g_string_append (out, chance (g, 0.5) ? "{# a comment #}" : "{#- trimmed\ncomment -#}");
      break;
    default:
      g_string_append (out, pick (g, 2) ? "{% raw %}{{ not }} {% evaluated %}{% endraw %}"
                                        : "{%- raw -%}  raw  {%- endraw -%}");
      break;
    }
  pop_vars (g, saved);
}

static void
gen_block (Gen *g, GString *out, guint n)
{
  for (guint i = 0; i < n; i++)
    gen_statement (g, out);
}

static char *
gen_template (Gen *g)
{
  GString *out = g_string_new (NULL);

  g->depth = 0;
  pop_vars (g, 0);
  push_var (g, "n", T_INT);
  push_var (g, "m", T_INT);
  push_var (g, "f", T_FLOAT);
  push_var (g, "s", T_STR);
  push_var (g, "b", T_BOOL);
  push_var (g, "lst", T_INTLIST);
  push_var (g, "words", T_STRLIST);
  push_var (g, "d", T_DICT);
  gen_block (g, out, 1 + pick (g, 5));
  if (chance (g, 0.2))
    g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static char *
gen_data (Gen *g)
{
  GString *out = g_string_new ("{");

  g_string_append_printf (out, "\"n\": %d, \"m\": %d, ", g_rand_int_range (g->rand, -10, 11),
                          g_rand_int_range (g->rand, 0, 101));
  g_string_append_printf (out, "\"f\": %s, ", float_pool[pick (g, G_N_ELEMENTS (float_pool))]);
  g_string_append (out, "\"s\": ");
  append_json_string (out, string_pool[pick (g, G_N_ELEMENTS (string_pool))]);
  g_string_append (out, ", \"t\": ");
  append_json_string (out, string_pool[pick (g, G_N_ELEMENTS (string_pool))]);
  g_string_append (out, ", ");
  g_string_append_printf (out, "\"b\": %s, \"z\": null, ", pick (g, 2) ? "true" : "false");
  g_string_append (out, "\"lst\": [");
  for (guint i = 0, k = pick (g, 6); i < k; i++)
    g_string_append_printf (out, "%s%d", i ? ", " : "", g_rand_int_range (g->rand, -5, 20));
  g_string_append (out, "], \"nums\": [4, 8, 15, 16, 23, 42], \"empty\": [], ");
  g_string_append (out, "\"words\": [\"pear\", \"Apple\", \"fig\", \"apple\"], ");
  g_string_append (out, "\"d\": {\"b\": 2, \"a\": 1, \"C\": 3}, ");
  g_string_append (out,
                   "\"user\": {\"name\": \"Ada\", \"age\": 36, \"tags\": [\"math\", \"code\"], "
                        "\"items\": 3}, ");
  g_string_append (out, "\"users\": [{\"name\": \"Bo\", \"age\": 41, \"group\": \"b\"}, "
                        "{\"name\": \"al\", \"age\": 29, \"group\": \"a\"}, "
                        "{\"name\": \"Cy\", \"age\": 35, \"group\": \"b\"}], ");
  g_string_append (out, "\"mixed\": [1, \"two\", 3.5, null, true, [1, 2], {\"k\": \"v\"}], ");
  g_string_append (out, "\"nested\": {\"a\": {\"b\": [1, {\"c\": \"deep <&>\"}]}}");
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

typedef struct
{
  GSubprocess      *process;
  GOutputStream    *in;
  GDataInputStream *out;
} Jinja;

static gboolean
jinja_start (Jinja *j, GError **error)
{
  const char *python = g_getenv ("TESS_DIFF_PYTHON");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "template", "jinja-batch.py", NULL);
  g_autofree char *ready = NULL;

  if (python == NULL)
    {
      gboolean debian = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE);
      python = debian ? "/usr/bin/python3" : "python3";
    }
  j->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                 error, python, script, NULL);
  if (j->process == NULL)
    return FALSE;
  j->in = g_subprocess_get_stdin_pipe (j->process);
  j->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (j->process));
  ready = g_data_input_stream_read_line_utf8 (j->out, NULL, NULL, error);
  if (ready == NULL || strstr (ready, "\"ready\"") == NULL)
    {
      if (error && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "python3 with jinja2 is not available");
      return FALSE;
    }
  g_test_message ("reference: %s", ready);
  return TRUE;
}

static JsonNode *
jinja_render (Jinja *j, const char *template, const char *data)
{
  g_autoptr(JsonParser) reply_parser = json_parser_new ();
  g_autoptr(GString) request = g_string_new ("{\"template\": ");
  g_autofree char *reply = NULL;
  const char *line;

  append_json_string (request, template);
  g_string_append (request, ", \"data\": ");
  g_string_append (request, data);
  g_string_append_c (request, '}');
  line = request->str;
  g_assert_true (g_output_stream_write_all (j->in, line, strlen (line), NULL, NULL, NULL));
  g_assert_true (g_output_stream_write_all (j->in, "\n", 1, NULL, NULL, NULL));
  reply = g_data_input_stream_read_line_utf8 (j->out, NULL, NULL, NULL);
  g_assert_nonnull (reply);
  g_assert_true (json_parser_load_from_data (reply_parser, reply, -1, NULL));
  return json_node_copy (json_parser_get_root (reply_parser));
}

static void
jinja_stop (Jinja *j)
{
  if (j->process == NULL)
    return;
  g_output_stream_close (j->in, NULL, NULL);
  g_subprocess_wait (j->process, NULL, NULL);
  g_clear_object (&j->out);
  g_clear_object (&j->process);
}

/* Renders with Tessera; returns the output, or NULL with *stage set. */
static char *
tessera_render (const char *template, const char *data, const char **stage, char **message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TessTemplate) tmpl = tess_template_new (template, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  char *out;

  if (tmpl == NULL)
    {
      *stage = "compile";
      *message = g_strdup_printf ("%u:%u: %s", tess_template_error_get_line (error),
                                  tess_template_error_get_column (error), error->message);
      return NULL;
    }
  g_assert_true (json_parser_load_from_data (parser, data, -1, NULL));
  out = tess_template_render_json (tmpl, json_parser_get_root (parser), &error);
  if (out == NULL)
    {
      *stage = "render";
      *message = g_strdup_printf ("%u:%u: %s", tess_template_error_get_line (error),
                                  tess_template_error_get_column (error), error->message);
    }
  return out;
}

static void
test_differential (void)
{
  const char *cases_env = g_getenv ("TESS_DIFF_CASES");
  const char *seed_env = g_getenv ("TESS_DIFF_SEED");
  guint64 n_cases = cases_env ? g_ascii_strtoull (cases_env, NULL, 10) : 3000;
  guint32 seed = seed_env ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : 20261121;
  g_autoptr(GError) error = NULL;
  Jinja jinja = { 0 };
  Gen gen = { 0 };
  guint64 mismatches = 0, both_ok = 0, both_failed = 0;

  if (!jinja_start (&jinja, &error))
    {
      g_test_skip_printf ("no reference Jinja2: %s", error ? error->message : "unknown error");
      jinja_stop (&jinja);
      return;
    }

  gen.rand = g_rand_new_with_seed (seed);
  gen.vars = g_array_new (FALSE, FALSE, sizeof (GenVar));

  for (guint64 i = 0; i < n_cases; i++)
    {
      g_autofree char *template = gen_template (&gen);
      g_autofree char *data = gen_data (&gen);
      g_autofree char *ours = NULL;
      g_autofree char *message = NULL;
      g_autoptr(JsonNode) theirs = NULL;
      JsonObject *reply;
      const char *stage = NULL;
      gboolean agree;

      ours = tessera_render (template, data, &stage, &message);
      theirs = jinja_render (&jinja, template, data);
      reply = json_node_get_object (theirs);

      if (json_object_get_boolean_member (reply, "ok"))
        {
          agree = ours != NULL && g_str_equal (ours, json_object_get_string_member (reply, "out"));
          both_ok += agree;
        }
      else
        {
          const char *their_stage = json_object_get_string_member (reply, "stage");
          agree = ours == NULL && g_str_equal (stage, their_stage);
          both_failed += agree;
        }

      if (!agree)
        {
          if (mismatches < 20)
            g_test_message ("MISMATCH case %" G_GUINT64_FORMAT " (seed %u)\n--- template:\n%s\n--- data: %s\n"
                            "--- tessera: %s%s%s\n--- jinja2: %s",
                            i, seed, template, data, ours ? "ok: " : stage,
                            ours ? "" : ": ", ours ? ours : message,
                            json_to_string (theirs, FALSE));
          mismatches++;
        }
    }

  g_test_message ("%" G_GUINT64_FORMAT " cases: %" G_GUINT64_FORMAT " same text, %" G_GUINT64_FORMAT
                  " failed in both at the same stage, %" G_GUINT64_FORMAT " mismatches",
                  n_cases, both_ok, both_failed, mismatches);
  pop_vars (&gen, 0);
  g_array_unref (gen.vars);
  g_rand_free (gen.rand);
  jinja_stop (&jinja);

  g_assert_cmpuint (mismatches, ==, 0);
  /* A generator that only produced errors would prove nothing. */
  g_assert_cmpuint (both_ok, >, n_cases / 2);
}

/* The corners where Jinja2 and a straightforward engine part ways, each crossed with a value
 * of every type, as a constant (which Jinja folds while compiling) and as a variable: `**`
 * after a unary minus, |items of a non-mapping (lazy: it fails only when iterated), |last of
 * a dict, |filesizeformat of a string, and slices of a range. '@' in a pattern stands for the
 * value, '$' for the exponent. */
static const char *corner_values[] = {
  "2", "0", "-3", "2.5", "-0.5", "0.0", "-0.0", "true", "false", "none", "'abc'", "'12'", "''",
  "' 1e3 '", "'-inf'", "'nan'", "[1, 2]", "[]", "[3, 1, 2][1:]", "{'a': 1, 'b': 2}", "{}", "(1, 2)",
  "range(4)", "range(1, 9, 3)", "range(5)[1:3]", "range(0)", "range(6, 0, -2)", "missing",
  "('5'|safe)", "(1 - 3)", "vi", "vn", "vz", "vf", "vnf", "vb", "vnone", "vs", "vnum", "vl",
  "vd", "vempty", "ve", "user.nope", "(vi|items)", "range(vi)", "range(vi)[::-1]",
};

static const char *corner_patterns[] = {
  /* |items */
  "{{ @|items is defined }}", "{{ (@|items) is iterable }}", "{{ (@|items) is sequence }}",
  "{{ @|items|list }}", "{% if @|items %}T{% else %}F{% endif %}",
  "{{ (@|items|default(0)) is iterable }}", "{{ @|items|first }}", "{{ 1 in @|items }}",
  "{{ @|items|length }}", "{% for k, v in @|items %}{{ k }}={{ v }};{% endfor %}",
  "{{ @|items|join(',') }}", "{{ (@|items)|int }}", "{{ not (@|items) }}",
  /* |last and its neighbours */
  "{{ @|last }}", "{{ (@|last) is defined }}", "{{ @|first }}", "{{ @|reverse|list }}",
  "{{ @|reverse|join(',') }}", "{{ @|last|string }}",
  /* |filesizeformat */
  "{{ @|filesizeformat }}", "{{ @|filesizeformat(true) }}", "{{ (@|filesizeformat) is string }}",
  /* slices, of ranges above all */
  "{{ @[1:3] }}", "{{ @[::-1] }}", "{{ @[::2]|list }}", "{{ @[-2:]|length }}", "{{ @[1:]|tojson }}",
  "{{ @[:2] == @[:2] }}", "{{ @[1:] == range(1, 4) }}", "{{ 2 in @[1:] }}",
  "{% for i in @[::-1] %}{{ i }},{% endfor %}", "{{ @[vi:] }}", "{{ @[:-vi]|string }}",
  "{{ @[1:][0] }}", "{% set r = @[::-2] %}{{ [r] }}", "{{ @|length }}", "{{ @|list }}",
  "{{ @|tojson }}", "{{ @ == range(0) }}", "{% set r = @[1:2] %}{{ {r: 1}[r] }}",
  /* `**` and unary minus */
  "{{ -@ ** 2 }}", "{{ -@ ** vi }}", "{{ -@ ** -vi }}", "{{ @ ** vi }}", "{{ -(@) ** (vi + 1) }}",
  "{{ -(-@) ** vi }}", "{{ (0 - @) ** vi }}", "{{ -@ ** vi ** 2 }}", "{{ 2 ** -@ }}",
  "{{ -2 ** @ }}", "{{ -0.5 ** @ }}", "{{ (1 - 3) ** @ }}", "{{ -vi ** @ }}", "{{ -(2) ** @ }}",
  "{{ -@ ** vz }}", "{{ [-@][0] ** vi }}", "{{ -@ ** 0.5 }}", "{{ -@ ** vf }}",
};

/* Tessera makes the generators that Jinja's filters return into lists: a generator is
 * neither a sequence nor sized, and it is true even when it would give nothing. These
 * patterns see that for |items of a mapping (or of an undefined value, which gives an empty
 * generator); |items of anything else gives a generator that fails, which Tessera has. */
static gboolean
corner_known_difference (const char *pattern, const char *value)
{
  static const char *generator_patterns[] = {
    "{{ (@|items) is sequence }}", "{% if @|items %}T{% else %}F{% endif %}",
    "{{ @|items|length }}", "{{ not (@|items) }}",
  };
  gboolean mapping = value[0] == '{' || g_str_equal (value, "vd") ||
                     g_str_equal (value, "missing") || g_str_equal (value, "user.nope");

  for (guint i = 0; mapping && i < G_N_ELEMENTS (generator_patterns); i++)
    if (g_str_equal (pattern, generator_patterns[i]))
      return TRUE;
  return FALSE;
}

static char *
expand_corner (const char *pattern, const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = pattern; *p; p++)
    {
      if (*p == '@')
        g_string_append (out, value);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
test_corners (void)
{
  static const char data[] =
    "{\"vi\": 2, \"vn\": -3, \"vz\": 0, \"vf\": 2.5, \"vnf\": -0.5, \"vb\": true, \"vnone\": null, "
    "\"vs\": \"abc\", \"vnum\": \"12\", \"vl\": [1, 2], \"vd\": {\"b\": 2, \"a\": 1}, "
    "\"vempty\": [], \"ve\": \"\", \"user\": {}}";
  g_autoptr(GError) error = NULL;
  Jinja jinja = { 0 };
  guint n_cases = 0, mismatches = 0, both_ok = 0, complex = 0, known = 0;

  if (!jinja_start (&jinja, &error))
    {
      g_test_skip_printf ("no reference Jinja2: %s", error ? error->message : "unknown error");
      jinja_stop (&jinja);
      return;
    }

  for (guint v = 0; v < G_N_ELEMENTS (corner_values); v++)
    for (guint k = 0; k < G_N_ELEMENTS (corner_patterns); k++)
      {
        g_autofree char *template = expand_corner (corner_patterns[k], corner_values[v]);
        g_autofree char *message = NULL;
        g_autofree char *ours = NULL;
        g_autoptr(JsonNode) theirs = NULL;
        const char *stage = NULL;
        JsonObject *reply;
        gboolean agree;

        if (corner_known_difference (corner_patterns[k], corner_values[v]))
          {
            known++;
            continue;
          }
        n_cases++;
        ours = tessera_render (template, data, &stage, &message);
        theirs = jinja_render (&jinja, template, data);
        reply = json_node_get_object (theirs);
        if (json_object_get_boolean_member (reply, "ok"))
          {
            const char *out = json_object_get_string_member (reply, "out");
            /* a negative base to a fractional power is complex in Python; Tessera has no
             * complex numbers and fails instead */
            if (ours == NULL && strstr (out, "j)") != NULL)
              {
                complex++;
                continue;
              }
            agree = ours != NULL && g_str_equal (ours, out);
            both_ok += agree;
          }
        else
          agree = ours == NULL && g_str_equal (stage, json_object_get_string_member (reply, "stage"));
        if (!agree)
          {
            if (mismatches < 40)
              g_test_message ("MISMATCH %s\n--- tessera: %s%s%s\n--- jinja2: %s", template,
                              ours ? "ok: " : stage, ours ? "" : ": ", ours ? ours : message,
                              json_to_string (theirs, FALSE));
            mismatches++;
          }
      }
  g_test_message ("%u corner cases: %u same text, %u complex results skipped, %u mismatches; "
                  "%u left out as known generator differences", n_cases, both_ok, complex,
                  mismatches, known);
  jinja_stop (&jinja);
  g_assert_cmpuint (mismatches, ==, 0);
  g_assert_cmpuint (both_ok, >, n_cases / 3);
  g_assert_cmpuint (complex, <, n_cases / 20);
}

/* Real templates with random data: every corpus template with its sample data, where leaf
 * values are replaced by random values of random types and keys are dropped. */
static void
random_leaf (Gen *g, GString *out)
{
  switch (pick (g, 9))
    {
    case 0:
      append_json_string (out, string_pool[pick (g, G_N_ELEMENTS (string_pool))]);
      break;
    case 1:
      g_string_append_printf (out, "%d", g_rand_int_range (g->rand, -50, 1000));
      break;
    case 2:
      g_string_append (out, float_pool[pick (g, G_N_ELEMENTS (float_pool))]);
      break;
    case 3:
      g_string_append (out, pick (g, 2) ? "true" : "false");
      break;
    case 4:
      g_string_append (out, "null");
      break;
    case 5:
      g_string_append (out, "[]");
      break;
    case 6:
      g_string_append (out, "{}");
      break;
    default:
      append_json_string (out, "x<y>&'z\"");
      break;
    }
}

static void
mutate_json (Gen *g, GString *out, JsonNode *node, guint depth)
{
  if (chance (g, depth == 0 ? 0.0 : 0.15))
    {
      random_leaf (g, out);
      return;
    }
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;
        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (chance (g, 0.08))
              continue;  /* a missing key */
            if (!first)
              g_string_append (out, ", ");
            first = FALSE;
            append_json_string (out, name);
            g_string_append (out, ": ");
            mutate_json (g, out, member, depth + 1);
          }
        g_string_append_c (out, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        gboolean first = TRUE;
        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            guint copies = chance (g, 0.2) ? 0 : chance (g, 0.2) ? 2 : 1;
            for (guint k = 0; k < copies; k++)
              {
                if (!first)
                  g_string_append (out, ", ");
                first = FALSE;
                mutate_json (g, out, json_array_get_element (array, i), depth + 1);
              }
          }
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_VALUE:
      if (chance (g, 0.5))
        random_leaf (g, out);
      else
        {
          g_autoptr(JsonGenerator) gen = json_generator_new ();
          g_autofree char *text = NULL;
          if (json_node_get_value_type (node) == G_TYPE_STRING)
            append_json_string (out, json_node_get_string (node));
          else
            {
              json_generator_set_root (gen, node);
              text = json_generator_to_data (gen, NULL);
              g_string_append (out, text);
            }
        }
      break;
    case JSON_NODE_NULL:
    default:
      random_leaf (g, out);
      break;
    }
}

static void
test_corpus_random_data (void)
{
  const char *cases_env = g_getenv ("TESS_DIFF_CORPUS_CASES");
  guint n_cases = cases_env ? (guint) g_ascii_strtoull (cases_env, NULL, 10) : 1500;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "corpus", "widgets", NULL);
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) samples = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  Jinja jinja = { 0 };
  Gen gen = { 0 };
  guint mismatches = 0, both_ok = 0;
  const char *fn;

  if (!jinja_start (&jinja, &error))
    {
      g_test_skip_printf ("no reference Jinja2: %s", error ? error->message : "unknown error");
      jinja_stop (&jinja);
      return;
    }
  g_assert_nonnull (d);
  while ((fn = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, fn, NULL);
      g_autoptr(TessWidgetFile) file = tess_widget_file_new_from_path (path, NULL);
      JsonNode *sample;
      if (file == NULL)
        continue;
      sample = tess_widget_file_get_sample_data (file);
      if (sample == NULL)
        sample = json_from_string ("{}", NULL);
      g_ptr_array_add (templates, g_strdup (tess_widget_file_get_template (file)));
      g_ptr_array_add (samples, sample);
    }
  g_assert_cmpuint (templates->len, >, 20);
  gen.rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < n_cases; i++)
    {
      guint k = i % templates->len;
      GString *data = g_string_new (NULL);
      g_autofree char *message = NULL;
      g_autofree char *ours = NULL;
      g_autoptr(JsonNode) theirs = NULL;
      const char *stage = NULL;
      JsonObject *reply;
      gboolean agree;

      mutate_json (&gen, data, samples->pdata[k], 0);
      ours = tessera_render (templates->pdata[k], data->str, &stage, &message);
      theirs = jinja_render (&jinja, templates->pdata[k], data->str);
      reply = json_node_get_object (theirs);
      if (json_object_get_boolean_member (reply, "ok"))
        {
          agree = ours != NULL && g_str_equal (ours, json_object_get_string_member (reply, "out"));
          both_ok += agree;
        }
      else
        agree = ours == NULL && g_str_equal (stage, json_object_get_string_member (reply, "stage"));
      if (!agree)
        {
          if (mismatches < 10)
            g_test_message ("MISMATCH corpus template %u\n--- data: %s\n--- tessera: %s%s\n--- jinja2: %s",
                            k, data->str, ours ? "ok: " : stage, ours ? ours : message,
                            json_to_string (theirs, FALSE));
          mismatches++;
        }
      g_string_free (data, TRUE);
    }
  g_test_message ("%u corpus renders with random data: %u same text, %u mismatches", n_cases,
                  both_ok,
                  mismatches);
  for (guint i = 0; i < samples->len; i++)
    json_node_unref (samples->pdata[i]);
  g_rand_free (gen.rand);
  jinja_stop (&jinja);
  g_assert_cmpuint (mismatches, ==, 0);
  g_assert_cmpuint (both_ok, >, n_cases / 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/template/differential", test_differential);
  g_test_add_func ("/template/differential-corners", test_corners);
  g_test_add_func ("/template/differential-corpus", test_corpus_random_data);
  return g_test_run ();
}
