/* test-language.c: the tessera-jinja-json GtkSourceView language loads (from the source tree
 * and from the app's GResource), highlights real corpus templates with the def: styles
 * expected at chosen places, highlights the whole corpus without warnings, and leaves bracket
 * matching working in the JSON parts.
 *
 * Styles are read back through a test style scheme (tests/data/styles/tessera-test.xml) that
 * gives every def: style its own colour: GtkSourceView's highlight tags are anonymous, their
 * colour is the only public trace of the style a character got.
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>
#include <json-glib/json-glib.h>

#include "tess-designer-resources.h"

#define LANGUAGE_ID "tessera-jinja-json"
#define RESOURCE_DIR "resource:///io/github/tessera/Tessera/language-specs"

/* The styles of the test scheme, in the order the scheme lists them. */
static const char * const scheme_styles[] = {
  "def:identifier",
  "def:string",
  "def:special-char",
  "def:number",
  "def:boolean",
  "def:special-constant",
  "def:operator",
  "def:error",
  "def:preprocessor",
  "def:comment",
  "def:keyword",
  "def:function",
  "def:builtin",
  "tessera-jinja-json:jinja-delimiter",
};

/* Shorter names for the checks below. */
#define DELIM "tessera-jinja-json:jinja-delimiter"
#define CODE  "def:preprocessor"
#define PLAIN "none"

static GtkSourceLanguageManager *source_tree_manager;
static GtkSourceStyleScheme *scheme;
static GdkRGBA scheme_colours[G_N_ELEMENTS (scheme_styles)];

static char *
corpus_path (const char *basename)
{
  return g_test_build_filename (G_TEST_DIST, "corpus", "widgets", basename, NULL);
}

static char *
read_template (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_nonnull (object);
  g_assert_true (json_object_has_member (object, "template"));

  return g_strdup (json_object_get_string_member (object, "template"));
}

static GtkSourceBuffer *
highlighted_buffer (const char *text)
{
  GtkSourceLanguage *language;
  GtkSourceBuffer *buffer;
  GtkTextIter start, end;

  language = gtk_source_language_manager_get_language (source_tree_manager, LANGUAGE_ID);
  g_assert_nonnull (language);

  buffer = gtk_source_buffer_new_with_language (language);
  gtk_source_buffer_set_style_scheme (buffer, scheme);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), text, -1);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  gtk_source_buffer_ensure_highlight (buffer, &start, &end);

  return buffer;
}

/* The scheme style whose colour the character at @offset shows, or PLAIN. The highest-priority
 * tag that sets a colour wins, as it does on screen. */
static const char *
style_at (GtkSourceBuffer *buffer,
          int              offset)
{
  g_autoptr(GSList) tags = NULL;
  const char *found = PLAIN;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &iter, offset);
  tags = gtk_text_iter_get_tags (&iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      g_autoptr(GdkRGBA) colour = NULL;
      gboolean set = FALSE;

      g_object_get (l->data, "foreground-set", &set, "foreground-rgba", &colour, NULL);
      if (!set || colour == NULL)
        continue;

      found = "unknown colour";
      for (guint i = 0; i < G_N_ELEMENTS (scheme_styles); i++)
        if (gdk_rgba_equal (colour, &scheme_colours[i]))
          found = scheme_styles[i];
    }

  return found;
}

static gboolean
has_class (GtkSourceBuffer *buffer,
           int              offset,
           const char      *context_class)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &iter, offset);
  return gtk_source_buffer_iter_has_context_class (buffer, &iter, context_class);
}

/* The character offset of the @nth (from 0) occurrence of @needle in @text, plus @delta. */
static int
offset_of (const char *text,
           const char *needle,
           guint       nth,
           int         delta)
{
  const char *at = strstr (text, needle);

  for (guint i = 0; at != NULL && i < nth; i++)
    at = strstr (at + 1, needle);

  if (at == NULL)
    g_error ("\"%s\" (occurrence %u) is not in the template", needle, nth);

  return (int) g_utf8_pointer_to_offset (text, at) + delta;
}

typedef struct
{
  const char *needle;
  guint       nth;
  int         delta;
  const char *style;
  const char *context_class;    /* must be present; NULL: no check */
  const char *not_class;        /* must be absent; NULL: no check */
} Expect;

static void
check_expectations (const char   *text,
                    const Expect *expect,
                    gsize         n_expect)
{
  g_autoptr(GtkSourceBuffer) buffer = highlighted_buffer (text);

  for (gsize i = 0; i < n_expect; i++)
    {
      const Expect *e = &expect[i];
      int offset = offset_of (text, e->needle, e->nth, e->delta);

      g_test_message ("\"%s\" #%u%+d (offset %d)", e->needle, e->nth, e->delta, offset);
      g_assert_cmpstr (style_at (buffer, offset), ==, e->style);
      if (e->context_class != NULL)
        g_assert_true (has_class (buffer, offset, e->context_class));
      if (e->not_class != NULL)
        g_assert_false (has_class (buffer, offset, e->not_class));
    }
}

static void
test_metadata (void)
{
  GtkSourceLanguage *language;

  language = gtk_source_language_manager_get_language (source_tree_manager, LANGUAGE_ID);
  g_assert_nonnull (language);
  g_assert_cmpstr (gtk_source_language_get_id (language), ==, LANGUAGE_ID);
  g_assert_cmpstr (gtk_source_language_get_name (language), ==, "Jinja JSON");
  g_assert_false (gtk_source_language_get_hidden (language));

  /* Set on the buffer by id, never guessed from a file name or a content type. */
  g_assert_null (gtk_source_language_get_globs (language));
  g_assert_null (gtk_source_language_get_mime_types (language));

  g_assert_cmpstr (gtk_source_language_get_metadata (language, "block-comment-start"), ==, "{#");
  g_assert_cmpstr (gtk_source_language_get_metadata (language, "block-comment-end"), ==, "#}");
}

/* The Designer's GResource carries the language, and GtkSourceView reads resource:// directories. */
static void
test_resource (void)
{
  g_autoptr(GtkSourceLanguageManager) manager = gtk_source_language_manager_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GtkSourceLanguage *language;

  bytes = g_resources_lookup_data ("/io/github/tessera/Tessera/language-specs/tessera-jinja-json.lang",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);

  gtk_source_language_manager_append_search_path (manager, RESOURCE_DIR);
  language = gtk_source_language_manager_get_language (manager, LANGUAGE_ID);
  g_assert_nonnull (language);
  g_assert_cmpstr (gtk_source_language_get_name (language), ==, "Jinja JSON");
}

static void
test_resource_control (void)
{
  g_autoptr(GtkSourceLanguageManager) manager = gtk_source_language_manager_new ();

  /* Without the resource directory the language is unknown (so the test above is not
   * satisfied by some copy installed on this machine). */
  g_assert_null (gtk_source_language_manager_get_language (manager, LANGUAGE_ID));
}

/* openai-chatkit-advanced-samples' flight_options: keys, values, numbers, a `{% for %}`,
 * expressions with filters, whitespace control. */
static void
test_corpus_flight_options (void)
{
  g_autofree char *path = corpus_path ("openai__openai-chatkit-advanced-samples__flight_options.widget");
  g_autofree char *text = read_template (path);
  const Expect expect[] = {
    /* {%- set leg_value = leg | default("outbound") -%} */
    { "{%- set leg_value", 0, 0, DELIM, NULL, "string" },
    { "{%- set leg_value", 0, 2, DELIM },
    { "{%- set leg_value", 0, 4, "def:keyword" },
    { "leg_value", 0, 0, CODE },
    { "| default(\"outbound\")", 0, 0, "def:operator" },
    { "| default(\"outbound\")", 0, 2, "def:function" },
    { "\"outbound\"", 0, 1, "def:string", "string" },
    { "\"outbound\") -%}", 0, 12, DELIM },
    { "\"outbound\") -%}", 0, 14, DELIM },
    /* "type": "ListView" */
    { "\"type\"", 0, 0, "def:identifier", "string" },
    { "\"type\"", 0, 3, "def:identifier", "string" },
    { "\"type\"", 0, 6, PLAIN, NULL, "string" },
    { "\"ListView\"", 0, 1, "def:string", "string" },
    /* "children": [ … {%- for option in option_list %} */
    { "\"children\": [", 0, 12, "def:operator", NULL, "string" },
    { "{%- for option in option_list %}", 0, 4, "def:keyword" },
    { "{%- for option in option_list %}", 0, 8, CODE },
    { "{%- for option in option_list %}", 0, 15, "def:keyword" },
    { "{%- for option in option_list %}", 0, 18, CODE },
    { "{%- for option in option_list %}", 0, 31, DELIM },
    /* "key": {{ (option.id) | tojson }}, */
    { "\"key\": {{", 0, 7, DELIM, NULL, "string" },
    { "\"key\": {{", 0, 8, DELIM },
    { "\"key\": {{ (option.id) | tojson }}", 0, 11, CODE },
    { "\"key\": {{ (option.id) | tojson }}", 0, 24, "def:function" },
    { "\"key\": {{ (option.id) | tojson }}", 0, 31, DELIM },
    { "\"key\": {{ (option.id) | tojson }},", 0, 33, PLAIN, NULL, "string" },
    /* "gap": 0, "padding": 3 */
    { "\"gap\": 0", 0, 7, "def:number" },
    { "\"padding\": 3", 0, 11, "def:number" },
    /* {% if is_selected %}{{ (none) | tojson }}{% else %}{ */
    { "{{ (none)", 0, 4, "def:special-constant" },
    { "{% else %}{", 0, 3, "def:keyword" },
    { "{% else %}{", 0, 10, "def:operator", NULL, "string" },
    /* {%- if not loop.last %},{%- endif %} */
    { "not loop.last", 0, 0, "def:keyword" },
    { "loop.last", 0, 0, "def:builtin" },
    { "loop.last", 0, 5, CODE },
    { "{%- endfor %}", 0, 4, "def:keyword" },
  };

  check_expectations (text, expect, G_N_ELEMENTS (expect));
}

/* mcp-chatkit-widget's Flight_Tracker: minified JSON with a JSON-level `true`. */
static void
test_corpus_flight_tracker (void)
{
  g_autofree char *path = corpus_path ("ShaojieJiang__mcp-chatkit-widget__Flight_Tracker.widget");
  g_autofree char *text = read_template (path);
  const Expect expect[] = {
    { "\"flush\":true", 0, 1, "def:identifier", "string" },
    { "\"flush\":true", 0, 8, "def:boolean", NULL, "string" },
    { "\"size\":16", 0, 7, "def:number" },
    { "\"size\":16", 0, 8, "def:number" },
    { "\"background\":\"linear-gradient(135deg, #378CD1 0%, #2B67AC 100%)\"", 0, 20, "def:string", "string" },
    { "\"src\":{{ (airline.logo) | tojson }}", 0, 6, DELIM, NULL, "string" },
  };

  check_expectations (text, expect, G_N_ELEMENTS (expect));
}

/* openai-chatkit-advanced-samples' event_list: the widget is built by Jinja dict literals, so
 * its JSON-looking parts are Jinja code. */
static void
test_corpus_event_list (void)
{
  g_autofree char *path = corpus_path ("openai__openai-chatkit-advanced-samples__event_list.widget");
  g_autofree char *text = read_template (path);
  const Expect expect[] = {
    { "namespace(children=[])", 0, 0, CODE },
    { "\"pill\": true", 0, 1, "def:string", "string" },
    { "\"pill\": true", 0, 8, "def:boolean" },
    { "\"width\": 400", 0, 9, "def:number" },
    { "is_selected and \"secondary\" or", 0, 12, "def:keyword" },
    { "{{ {\"type\": \"ListView\"", 0, 3, CODE, NULL, "string" },
    { "ns.children} | tojson }}", 0, 15, "def:function" },
    { "ns.children} | tojson }}", 0, 22, DELIM },
  };

  check_expectations (text, expect, G_N_ELEMENTS (expect));
}

/* What the corpus does not show (it has no Jinja comments and no expressions inside JSON
 * strings), in a template written for this test. */
static const char inline_template[] =
  "{#- A comment, {{ not code }} -#}\n"
  "{\"type\": \"Text\", \"value\": \"Hi {{- user.name | default('you') -}}!\\n\",\n"
  " \"done\": true, \"n\": -1.5e3, \"none\": null, \"bad\": \"\\q\",\n"
  " \"raw\": {% raw %}{{ not jinja }}{% endraw %},\n"
  " \"t\": {{ x is not none }}, \"l\": \"{% for i in [1, 2] %}{{ loop.index }}{% endfor %}\"}\n";

static void
test_inline (void)
{
  const Expect expect[] = {
    /* the comment */
    { "{#-", 0, 0, "def:comment", "comment", "string" },
    { "{{ not code }}", 0, 3, "def:comment", "comment" },
    { "-#}", 0, 2, "def:comment", "comment" },
    /* an expression inside a JSON string, whitespace control on both sides */
    { "\"Hi {{-", 0, 1, "def:string", "string" },
    { "{{- user", 0, 0, DELIM, NULL, "string" },
    { "{{- user", 0, 2, DELIM, NULL, "string" },
    { "user.name", 0, 0, CODE, NULL, "string" },
    { "default('you')", 0, 0, "def:function" },
    { "'you'", 0, 1, "def:string", "string" },
    { "-}}!", 0, 0, DELIM, NULL, "string" },
    { "-}}!", 0, 2, DELIM, NULL, "string" },
    { "-}}!", 0, 3, "def:string", "string" },
    { "!\\n\"", 0, 1, "def:special-char", "string" },
    { "!\\n\"", 0, 2, "def:special-char", "string" },
    /* literals */
    { "\"done\": true", 0, 8, "def:boolean" },
    { "-1.5e3", 0, 0, "def:number" },
    { "-1.5e3", 0, 5, "def:number" },
    { "\"none\": null", 0, 1, "def:identifier", "string" },
    { "\"none\": null", 0, 8, "def:special-constant" },
    { "\\q", 0, 0, "def:error", "string" },
    /* {% raw %}: Jinja does not look inside */
    { "{% raw %}", 0, 3, "def:keyword" },
    { "{{ not jinja }}", 0, 0, PLAIN },
    { "{{ not jinja }}", 0, 3, PLAIN },
    { "{% endraw %}", 0, 3, "def:keyword" },
    { "{% endraw %},", 0, 12, PLAIN },
    /* tests, literals inside a statement inside a string, loop */
    { "x is not none", 0, 2, "def:keyword" },
    { "x is not none", 0, 5, "def:keyword" },
    { "x is not none", 0, 9, "def:function" },
    { "{% for i in [1, 2] %}", 0, 3, "def:keyword", NULL, "string" },
    { "[1, 2]", 0, 1, "def:number", NULL, "string" },
    { "loop.index", 0, 0, "def:builtin", NULL, "string" },
    { "{% endfor %}\"", 0, 12, "def:string", "string" },
    { "\"}\n", 0, 1, "def:operator", NULL, "string" },
  };

  check_expectations (inline_template, expect, G_N_ELEMENTS (expect));
}

/* Every template of the corpus highlights without a warning (fatal in tests), every Jinja tag
 * opens and closes with delimiter-styled characters outside any string class, and nothing
 * swallows the end of the template. */
static void
test_corpus_all (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "corpus", "widgets", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_files = 0;
  guint n_tags = 0;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GtkSourceBuffer) buffer = NULL;
      const char *at;
      const char *last;

      if (!g_str_has_suffix (name, ".widget"))
        continue;

      g_test_message ("%s", name);
      path = g_build_filename (dir_path, name, NULL);
      text = read_template (path);
      buffer = highlighted_buffer (text);
      n_files++;

      for (at = strstr (text, "{"); at != NULL; at = strstr (at + 1, "{"))
        {
          const char *close;
          int open_offset, close_offset;

          if (at[1] == '{')
            close = strstr (at + 2, "}}");
          else if (at[1] == '%')
            close = strstr (at + 2, "%}");
          else
            continue;

          g_assert_nonnull (close);
          open_offset = (int) g_utf8_pointer_to_offset (text, at);
          close_offset = (int) g_utf8_pointer_to_offset (text, close) + 1;
          g_test_message ("  tag at %d-%d", open_offset, close_offset);
          g_assert_cmpstr (style_at (buffer, open_offset), ==, DELIM);
          g_assert_cmpstr (style_at (buffer, open_offset + 1), ==, DELIM);
          g_assert_cmpstr (style_at (buffer, close_offset), ==, DELIM);
          g_assert_false (has_class (buffer, open_offset, "string"));
          g_assert_false (has_class (buffer, close_offset, "string"));
          n_tags++;

          at = close;
        }

      /* The last visible character is a bracket or a delimiter at the top level. */
      last = text + strlen (text);
      while (last > text && g_ascii_isspace (last[-1]))
        last--;
      g_assert_true (last > text);
      {
        int offset = (int) g_utf8_pointer_to_offset (text, last) - 1;
        const char *style = style_at (buffer, offset);

        g_assert_true (g_str_equal (style, "def:operator") || g_str_equal (style, DELIM));
        g_assert_false (has_class (buffer, offset, "string"));
        g_assert_false (has_class (buffer, offset, "comment"));
      }
    }

  g_assert_cmpuint (n_files, >=, 50);
  g_assert_cmpuint (n_tags, >=, 500);
}

typedef struct
{
  gboolean                  emitted;
  GtkSourceBracketMatchType state;
  int                       offset;
} BracketResult;

static void
on_bracket_matched (GtkSourceBuffer           *buffer,
                    GtkTextIter               *iter,
                    GtkSourceBracketMatchType  state,
                    BracketResult             *result)
{
  result->emitted = TRUE;
  result->state = state;
  result->offset = iter != NULL ? gtk_text_iter_get_offset (iter) : -1;
}

/* Where the bracket at @offset matches, or -1. */
static int
match_of (GtkSourceBuffer *buffer,
          int              offset)
{
  BracketResult result = { FALSE, GTK_SOURCE_BRACKET_MATCH_NONE, -1 };
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkTextIter iter;
  gulong id;

  /* Off the bracket first, so that placing the cursor on it is a move. */
  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (buffer), &iter);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (buffer), &iter);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  id = g_signal_connect (buffer, "bracket-matched", G_CALLBACK (on_bracket_matched), &result);
  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &iter, offset);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (buffer), &iter);
  while (!result.emitted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_signal_handler_disconnect (buffer, id);

  g_assert_true (result.emitted);
  return result.state == GTK_SOURCE_BRACKET_MATCH_FOUND ? result.offset : -1;
}

static void
test_brackets (void)
{
  /* A brace inside a JSON string is not counted; Jinja tags are balanced on their own. */
  static const char text[] =
    "{\"a\": \"}\", \"b\": [1, {{ x }}, {% if y %}2{% endif %}], \"c\": \"{{ '[' }}\"}";
  g_autoptr(GtkSourceBuffer) buffer = highlighted_buffer (text);
  g_autofree char *path = corpus_path ("openai__openai-chatkit-advanced-samples__flight_options.widget");
  g_autofree char *corpus_text = read_template (path);
  g_autoptr(GtkSourceBuffer) corpus_buffer = NULL;
  int open;

  g_assert_true (gtk_source_buffer_get_highlight_matching_brackets (buffer));
  g_assert_cmpint (match_of (buffer, 0), ==, (int) strlen (text) - 1);
  g_assert_cmpint (match_of (buffer, offset_of (text, "[1", 0, 0)),
                   ==, offset_of (text, "], \"c\"", 0, 0));

  /* The template's root object, from its `{` after the `set` lines to its last `}`; and the
   * `children` array. Jinja in between is balanced. */
  corpus_buffer = highlighted_buffer (corpus_text);
  open = offset_of (corpus_text, "-%}\n{\n", 0, 4);
  g_assert_cmpint (match_of (corpus_buffer, open),
                   ==, (int) g_utf8_strlen (corpus_text, -1) - 1);
  g_assert_cmpint (match_of (corpus_buffer, offset_of (corpus_text, "\"children\": [", 0, 12)),
                   ==, (int) g_utf8_pointer_to_offset (corpus_text, strrchr (corpus_text, ']')));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *specs_dir = NULL;
  g_autofree char *styles_dir = NULL;
  g_autoptr(GtkSourceStyleSchemeManager) scheme_manager = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  gtk_source_init ();
  tess_designer_register_resource ();

  /* The source tree's copy, after the system directories that hold def.lang. */
  specs_dir = g_test_build_filename (G_TEST_DIST, "..", "data", "language-specs", NULL);
  source_tree_manager = gtk_source_language_manager_new ();
  gtk_source_language_manager_append_search_path (source_tree_manager, specs_dir);

  styles_dir = g_test_build_filename (G_TEST_DIST, "data", "styles", NULL);
  scheme_manager = gtk_source_style_scheme_manager_new ();
  gtk_source_style_scheme_manager_append_search_path (scheme_manager, styles_dir);
  scheme = gtk_source_style_scheme_manager_get_scheme (scheme_manager, "tessera-test");
  g_assert_nonnull (scheme);

  for (guint i = 0; i < G_N_ELEMENTS (scheme_styles); i++)
    {
      GtkSourceStyle *style = gtk_source_style_scheme_get_style (scheme, scheme_styles[i]);
      g_autofree char *foreground = NULL;

      g_assert_nonnull (style);
      g_object_get (style, "foreground", &foreground, NULL);
      g_assert_true (gdk_rgba_parse (&scheme_colours[i], foreground));
    }

  g_test_add_func ("/language/metadata", test_metadata);
  g_test_add_func ("/language/resource-control", test_resource_control);
  g_test_add_func ("/language/resource", test_resource);
  g_test_add_func ("/language/corpus/flight-options", test_corpus_flight_options);
  g_test_add_func ("/language/corpus/flight-tracker", test_corpus_flight_tracker);
  g_test_add_func ("/language/corpus/event-list", test_corpus_event_list);
  g_test_add_func ("/language/inline", test_inline);
  g_test_add_func ("/language/corpus/all", test_corpus_all);
  g_test_add_func ("/language/brackets", test_brackets);

  ret = g_test_run ();

  g_clear_object (&source_tree_manager);
  gtk_source_finalize ();

  return ret;
}
