/* test-json-locate.c: finding the text of the value at a JSON pointer
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core/tess-json.h"
#include "core/tess-json-locate.h"

static const char pretty[] =
  "{\n"
  "  \"title\": \"H\xc3\xa9llo w\xc3\xb6rld\",\n"
  "  \"items\": [\n"
  "    {\"id\": 1, \"tags\": [\"a\", \"b\"]},\n"
  "    {\"id\": 2}\n"
  "  ],\n"
  "  \"a/b\": true,\n"
  "  \"m~n\": null,\n"
  "  \"esc\\u0041pe\": 3,\n"
  "  \"q\\\"k\\\\\": -1.5e3,\n"
  "  \"dup\": 1,\n"
  "  \"dup\": {\"x\": [10, 20]},\n"
  "  \"emoji\xf0\x9f\x98\x80\": \"\xf0\x9f\x98\x80x\",\n"
  "  \"\\ud83d\\ude00\": []\n"
  "}\n";

/* pointer, the value's text (NULL: not found) */
static const struct
{
  const char *pointer;
  const char *value;
  gboolean    in_array;  /* an array element, which has no key */
} pretty_cases[] = {
  { "/title", "\"H\xc3\xa9llo w\xc3\xb6rld\"" },
  { "/items", NULL },  /* multi-line: checked below */
  { "/items/0", "{\"id\": 1, \"tags\": [\"a\", \"b\"]}", TRUE },
  { "/items/0/id", "1" },
  { "/items/0/tags/1", "\"b\"", TRUE },
  { "/items/1", "{\"id\": 2}", TRUE },
  { "/items/1/id", "2" },
  { "/a~1b", "true" },
  { "/m~0n", "null" },
  { "/escApe", "3" },
  { "/q\"k\\", "-1.5e3" },
  { "/dup", "{\"x\": [10, 20]}" },
  { "/dup/x/1", "20", TRUE },
  { "/emoji\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80x\"" },
  { "/\xf0\x9f\x98\x80", "[]" },
};

static const char *missing[] = {
  "/items/2", "/items/-", "/items/01", "/items/x", "/nope", "/title/x", "/dup/y",
  "title", "/m~2n", "/a/b", "/items/0/tags/1/0", "/items/ 1",
};

static char *
span (const char          *text,
      const TessJsonRange *range)
{
  return g_strndup (text + range->start, range->end - range->start);
}

static void
check_cases (const char *text,
             gboolean    minified)
{
  TessJsonRange range;

  g_assert_true (tess_json_locate (text, -1, "", &range));
  g_assert_cmpuint (range.start, ==, 0);
  g_assert_cmpint (text[range.end - 1], ==, '}');
  g_assert_true (range.is_container);
  g_assert_false (range.has_key);
  g_assert_cmpuint (range.line, ==, 1);
  g_assert_cmpuint (range.column, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (pretty_cases); i++)
    {
      g_autofree char *got = NULL;

      if (pretty_cases[i].value == NULL)
        continue;
      if (!tess_json_locate (text, -1, pretty_cases[i].pointer, &range))
        g_error ("%s not found", pretty_cases[i].pointer);
      got = span (text, &range);
      if (minified)
        {
          /* the minified text has no spaces after ":" and "," */
          g_autoptr(JsonNode) expected = tess_json_parse (pretty_cases[i].value, -1, NULL);
          g_autoptr(JsonNode) actual = tess_json_parse (got, -1, NULL);

          g_assert_nonnull (actual);
          g_assert_true (json_node_equal (expected, actual));
        }
      else
        g_assert_cmpstr (got, ==, pretty_cases[i].value);

      /* the key is the member's, and comes before its value */
      if (pretty_cases[i].in_array)
        g_assert_false (range.has_key);
      else
        {
          g_assert_true (range.has_key);
          g_assert_cmpuint (range.key_end, <=, range.start);
          g_assert_cmpint (text[range.key_start], ==, '"');
          g_assert_cmpint (text[range.key_end - 1], ==, '"');
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    if (tess_json_locate (text, -1, missing[i], &range))
      g_error ("%s was found, at %" G_GSIZE_FORMAT, missing[i], range.start);
}

static void
test_pretty (void)
{
  TessJsonRange range;
  g_autofree char *items = NULL;

  check_cases (pretty, FALSE);

  /* lines, and columns in characters: "  \"title\": " is 11 characters */
  g_assert_true (tess_json_locate (pretty, -1, "/title", &range));
  g_assert_cmpuint (range.line, ==, 2);
  g_assert_cmpuint (range.column, ==, 12);
  g_assert_cmpuint (range.end_line, ==, 2);
  g_assert_cmpuint (range.end_column, ==, 12 + 13);  /* é and ö are one character each */
  g_assert_cmpuint (range.key_line, ==, 2);
  g_assert_cmpuint (range.key_column, ==, 3);
  g_assert_false (range.is_container);

  g_assert_true (tess_json_locate (pretty, -1, "/items/0/tags/1", &range));
  g_assert_cmpuint (range.line, ==, 4);
  g_assert_cmpuint (range.column, ==, 29);  /* 4 spaces and {"id": 1, "tags": ["a", */

  /* an object spanning lines, for "required property missing": its "{" is at start */
  g_assert_true (tess_json_locate (pretty, -1, "/items", &range));
  items = span (pretty, &range);
  g_assert_true (g_str_has_prefix (items, "[\n    {\"id\": 1"));
  g_assert_true (g_str_has_suffix (items, "{\"id\": 2}\n  ]"));
  g_assert_true (range.is_container);
  g_assert_cmpuint (range.line, ==, 3);
  g_assert_cmpuint (range.column, ==, 12);
  g_assert_cmpuint (range.end_line, ==, 6);
  g_assert_cmpuint (range.end_column, ==, 4);

  /* after the emoji key (one character, four bytes): "  \"emoji😀\": " is 12 characters */
  g_assert_true (tess_json_locate (pretty, -1, "/emoji\xf0\x9f\x98\x80", &range));
  g_assert_cmpuint (range.line, ==, 13);
  g_assert_cmpuint (range.column, ==, 13);
  g_assert_cmpuint (range.end_column, ==, 13 + 4);

  /* the last of duplicate keys is the one json-glib keeps too */
  {
    g_autoptr(JsonNode) root = tess_json_parse (pretty, -1, NULL);
    JsonNode *dup = json_object_get_member (json_node_get_object (root), "dup");

    g_assert_true (JSON_NODE_HOLDS_OBJECT (dup));
    g_assert_nonnull (json_object_get_member (json_node_get_object (root), "escApe"));
    g_assert_nonnull (json_object_get_member (json_node_get_object (root), "q\"k\\"));
    g_assert_nonnull (json_object_get_member (json_node_get_object (root), "\xf0\x9f\x98\x80"));
  }
}

static void
test_minified (void)
{
  g_autofree char *minified = NULL;
  TessJsonRange range;

  /* written by hand: json-glib's generator would drop the duplicate key */
  minified = g_strdup ("{\"title\":\"H\xc3\xa9llo w\xc3\xb6rld\",\"items\":[{\"id\":1,"
                       "\"tags\":[\"a\",\"b\"]},{\"id\":2}],\"a/b\":true,\"m~n\":null,"
                       "\"esc\\u0041pe\":3,\"q\\\"k\\\\\":-1.5e3,\"dup\":1,"
                       "\"dup\":{\"x\":[10,20]},\"emoji\xf0\x9f\x98\x80\":\"\xf0\x9f\x98\x80x\","
                       "\"\\ud83d\\ude00\":[]}");
  check_cases (minified, TRUE);

  g_assert_true (tess_json_locate (minified, -1, "/items/0/tags/1", &range));
  g_assert_cmpuint (range.line, ==, 1);
  /* {"title":"Héllo wörld","items":[{"id":1,"tags":["a", is 52 characters */
  g_assert_cmpuint (range.column, ==, 53);
  g_assert_cmpuint (range.start, ==, 54);  /* two bytes more: é and ö */
}

static void
test_line_endings (void)
{
  TessJsonRange range;
  const char *crlf = "{\r\n\"a\": 1,\r\n\"b\": [true]\r\n}";
  const char *cr = "{\r\"a\":\r1}";
  const char *paragraph = "{\"a\":\xe2\x80\xa9 \"\xc3\xa9\"}";

  g_assert_true (tess_json_locate (crlf, -1, "/b/0", &range));
  g_assert_cmpuint (range.line, ==, 3);
  g_assert_cmpuint (range.column, ==, 7);
  g_assert_true (tess_json_locate (cr, -1, "/a", &range));
  g_assert_cmpuint (range.line, ==, 3);
  g_assert_cmpuint (range.column, ==, 1);
  g_assert_cmpuint (range.key_line, ==, 2);
  /* U+2029 ends a line in a GtkTextBuffer; U+2029 is not JSON space, so the value is not
   * found after it, but the line counting still sees it */
  tess_json_locate_line_column (paragraph, -1, strlen (paragraph) - 1, &range.line, &range.column);
  g_assert_cmpuint (range.line, ==, 2);
  g_assert_cmpuint (range.column, ==, 5);
}

static void
test_invalid_text (void)
{
  static const struct
  {
    const char *text;
    const char *pointer;
    const char *value;  /* NULL: not found */
  } cases[] = {
    { "{\"a\": [1, 2, \"b\": 3}", "/a/1", "2" },
    { "{\"a\": [1, 2, \"b\": 3}", "/b", NULL },
    { "{\"a\": 1, \"b\": }", "/a", "1" },
    { "{\"a\": 1, \"b\": }", "/b", NULL },
    { "{\"a\": {\"b\": 1", "/a/b", "1" },
    { "{\"a\": {\"b\": 1", "/a", "{" },  /* never closed: just its bracket */
    { "{\"a\" 1, \"b\": 2}", "/a", "1" },
    { "{\"a\" 1, \"b\": 2}", "/b", "2" },
    { "{\"s\": \"unterminated\n, \"t\": 5}", "/t", "5" },
    { "{\"s\": \"unterminated\n, \"t\": 5}", "/s", "\"unterminated" },
    { "{a: 1, \"b\": tru}", "/b", "tru" },
    { "{,,\"a\":[,3]}", "/a/1", "3" },
    { "[1, }, 2]", "/1", NULL },
    { "", "", NULL },
    { "   \n ", "", NULL },
    { "  42 ", "", "42" },
    { "\xef\xbb\xbf{\"a\": 1}", "/a", "1" },
    { "{\"a\": 1}", "/a/0", NULL },
    { "\"x\"", "/0", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TessJsonRange range;
      gboolean found = tess_json_locate (cases[i].text, -1, cases[i].pointer, &range);
      g_autofree char *got = found ? span (cases[i].text, &range) : NULL;

      if (found != (cases[i].value != NULL) || (found && !g_str_equal (got, cases[i].value)))
        g_error ("case %u: %s in %s: expected %s, got %s", i, cases[i].pointer, cases[i].text,
                 cases[i].value ? cases[i].value : "(not found)", found ? got : "(not found)");
    }

  /* a length shorter than the string: nothing after it is read */
  {
    const char *text = "{\"a\": 1, \"b\": 2}";
    TessJsonRange range;

    g_assert_false (tess_json_locate (text, 8, "/b", &range));
    g_assert_true (tess_json_locate (text, 8, "/a", &range));
    g_assert_cmpuint (range.end, ==, 7);
  }
}

/* Nesting as deep as memory allows does not recurse. */
static void
test_deep (void)
{
  guint depth = 200000;
  g_autoptr(GString) text = g_string_sized_new (2 * depth + 8);
  g_autoptr(GString) pointer = g_string_new (NULL);
  TessJsonRange range;

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  g_string_append (text, "7");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');

  g_assert_true (tess_json_locate (text->str, text->len, "", &range));
  g_assert_cmpuint (range.end, ==, text->len);
  for (guint i = 0; i < 1000; i++)
    g_string_append (pointer, "/0");
  g_assert_true (tess_json_locate (text->str, text->len, pointer->str, &range));
  g_assert_cmpuint (range.start, ==, 1000);
  g_assert_cmpuint (range.end, ==, text->len - 1000);
  g_assert_false (tess_json_locate (text->str, text->len, "/1", &range));
}

static void
test_line_column (void)
{
  guint line, column;
  const char *text = "ab\n\xc3\xa9\xc3\xa9x\r\ny";

  tess_json_locate_line_column (text, -1, 0, &line, &column);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 1);
  tess_json_locate_line_column (text, -1, 7, &line, &column);  /* "x" */
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 3);
  tess_json_locate_line_column (text, -1, 10, &line, &column);  /* "y" */
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 1);
  tess_json_locate_line_column (text, -1, 1000, &line, &column);  /* past the end: the end */
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-locate/pretty", test_pretty);
  g_test_add_func ("/json-locate/minified", test_minified);
  g_test_add_func ("/json-locate/line-endings", test_line_endings);
  g_test_add_func ("/json-locate/invalid-text", test_invalid_text);
  g_test_add_func ("/json-locate/deep", test_deep);
  g_test_add_func ("/json-locate/line-column", test_line_column);

  return g_test_run ();
}
