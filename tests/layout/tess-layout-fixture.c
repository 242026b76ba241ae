/* tess-layout-fixture.c: load Chromium layout fixtures (XML) into engine trees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tess-layout-fixture.h"

G_DEFINE_QUARK (tess-layout-fixture-error-quark, tess_layout_fixture_error)

#define GLYPH_SIZE 10.f
#define MAX_FIXTURE_NODES 100000

typedef struct
{
  guint n_segments;
  guint *segments; /* glyph counts between zero-width spaces */
} TextLeaf;

typedef struct
{
  float x, y, width, height;
  guint depth;
} Expectation;

struct _TessLayoutFixture
{
  char *path;
  char *name;
  gboolean use_rounding;
  float viewport[2];
  TessLayoutTree *tree;
  TessLayoutNodeId root;
  GArray *input_order;  /* TessLayoutNodeId, pre-order */
  GArray *input_depths; /* guint */
  GArray *expectations; /* Expectation, pre-order */
  GPtrArray *texts;     /* TextLeaf */
  GString *widget_json; /* <widget> of generated ChatKit fixtures, or NULL */
  int widget_width;
  gboolean in_widget;

  /* parser state */
  enum { SECTION_NONE, SECTION_INPUT, SECTION_EXPECTATIONS } section;
  GArray *stack;        /* TessLayoutNodeId of open input elements */
  guint expect_depth;
  GString *text;
  gboolean in_text;
};

static void
text_leaf_free (gpointer data)
{
  TextLeaf *leaf = data;

  g_free (leaf->segments);
  g_free (leaf);
}

void
tess_layout_fixture_free (TessLayoutFixture *fixture)
{
  if (fixture == NULL)
    return;
  g_free (fixture->path);
  g_free (fixture->name);
  tess_layout_tree_free (fixture->tree);
  g_array_unref (fixture->input_order);
  g_array_unref (fixture->input_depths);
  g_array_unref (fixture->expectations);
  g_ptr_array_unref (fixture->texts);
  g_array_unref (fixture->stack);
  g_string_free (fixture->text, TRUE);
  if (fixture->widget_json != NULL)
    g_string_free (fixture->widget_json, TRUE);
  g_free (fixture);
}

const char *
tess_layout_fixture_get_name (TessLayoutFixture *fixture)
{
  return fixture->name;
}

TessLayoutTree *
tess_layout_fixture_get_tree (TessLayoutFixture *fixture)
{
  return fixture->tree;
}

TessLayoutNodeId
tess_layout_fixture_get_root (TessLayoutFixture *fixture)
{
  return fixture->root;
}

/* ---- CSS values ------------------------------------------------------------------------ */

static gboolean
parse_number (const char *value,
              float      *out)
{
  char *end = NULL;
  double v;

  if (value == NULL || *value == '\0')
    return FALSE;
  v = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !isfinite (v) || fabs (v) > 1e9)
    return FALSE;
  *out = (float) v;
  return TRUE;
}

static gboolean
parse_length (const char       *value,
              gboolean          allow_auto,
              TessLayoutLength *out)
{
  static const struct { const char *name; TessLayoutUnit unit; } keywords[] = {
    { "min-content", TESS_LAYOUT_UNIT_MIN_CONTENT },
    { "max-content", TESS_LAYOUT_UNIT_MAX_CONTENT },
    { "fit-content", TESS_LAYOUT_UNIT_FIT_CONTENT },
    { "stretch", TESS_LAYOUT_UNIT_STRETCH },
    { "content", TESS_LAYOUT_UNIT_CONTENT },
  };
  gsize len = strlen (value);
  g_autofree char *number = NULL;

  if (g_str_equal (value, "auto"))
    {
      if (!allow_auto)
        return FALSE;
      *out = TESS_LAYOUT_AUTO;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (g_str_equal (value, keywords[i].name))
      {
        if (!allow_auto)
          return FALSE;
        out->value = 0.f;
        out->unit = keywords[i].unit;
        return TRUE;
      }

  if (len > 2 && g_str_has_suffix (value, "px"))
    {
      number = g_strndup (value, len - 2);
      out->unit = TESS_LAYOUT_UNIT_PX;
    }
  else if (len > 1 && g_str_has_suffix (value, "%"))
    {
      number = g_strndup (value, len - 1);
      out->unit = TESS_LAYOUT_UNIT_PERCENT;
    }
  else
    {
      number = g_strdup (value);
      out->unit = TESS_LAYOUT_UNIT_PX;
    }
  return parse_number (number, &out->value);
}

static gboolean
parse_align (const char *value,
             guint8     *out)
{
  static const struct { const char *name; TessLayoutAlign align; } table[] = {
    { "auto", TESS_LAYOUT_ALIGN_AUTO },
    { "normal", TESS_LAYOUT_ALIGN_NORMAL },
    { "start", TESS_LAYOUT_ALIGN_START },
    { "self-start", TESS_LAYOUT_ALIGN_START },
    { "end", TESS_LAYOUT_ALIGN_END },
    { "self-end", TESS_LAYOUT_ALIGN_END },
    { "flex-start", TESS_LAYOUT_ALIGN_FLEX_START },
    { "flex-end", TESS_LAYOUT_ALIGN_FLEX_END },
    { "center", TESS_LAYOUT_ALIGN_CENTER },
    { "stretch", TESS_LAYOUT_ALIGN_STRETCH },
    { "baseline", TESS_LAYOUT_ALIGN_BASELINE },
    { "space-between", TESS_LAYOUT_ALIGN_SPACE_BETWEEN },
    { "space-around", TESS_LAYOUT_ALIGN_SPACE_AROUND },
    { "space-evenly", TESS_LAYOUT_ALIGN_SPACE_EVENLY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (value, table[i].name))
      {
        *out = table[i].align;
        return TRUE;
      }
  return FALSE;
}

static int
edge_from_suffix (const char *suffix)
{
  if (g_str_equal (suffix, "left"))
    return TESS_LAYOUT_LEFT;
  if (g_str_equal (suffix, "right"))
    return TESS_LAYOUT_RIGHT;
  if (g_str_equal (suffix, "top"))
    return TESS_LAYOUT_TOP;
  if (g_str_equal (suffix, "bottom"))
    return TESS_LAYOUT_BOTTOM;
  return -1;
}

gboolean
tess_layout_fixture_apply_property (TessLayoutStyle *style,
                                    const char      *name,
                                    const char      *value,
                                    GError         **error)
{
  gboolean ok = FALSE;
  int edge;

  if (g_str_equal (name, "direction"))
    ok = g_str_equal (value, "ltr"); /* only left-to-right writing is supported */
  else if (g_str_equal (name, "display"))
    {
      ok = TRUE;
      if (g_str_equal (value, "flex"))
        style->display = TESS_LAYOUT_DISPLAY_FLEX;
      else if (g_str_equal (value, "none"))
        style->display = TESS_LAYOUT_DISPLAY_NONE;
      else
        ok = FALSE;
    }
  else if (g_str_equal (name, "flex-direction"))
    {
      ok = TRUE;
      if (g_str_equal (value, "row"))
        style->flex_direction = TESS_LAYOUT_ROW;
      else if (g_str_equal (value, "column"))
        style->flex_direction = TESS_LAYOUT_COLUMN;
      else if (g_str_equal (value, "row-reverse"))
        style->flex_direction = TESS_LAYOUT_ROW_REVERSE;
      else if (g_str_equal (value, "column-reverse"))
        style->flex_direction = TESS_LAYOUT_COLUMN_REVERSE;
      else
        ok = FALSE;
    }
  else if (g_str_equal (name, "flex-wrap"))
    {
      g_auto (GStrv) words = g_strsplit (value, " ", -1);

      ok = words[0] != NULL;
      style->flex_wrap = TESS_LAYOUT_NOWRAP;
      style->wrap_balance = FALSE;
      for (guint i = 0; words[i] != NULL; i++)
        {
          if (g_str_equal (words[i], "nowrap"))
            style->flex_wrap = TESS_LAYOUT_NOWRAP;
          else if (g_str_equal (words[i], "wrap"))
            style->flex_wrap = TESS_LAYOUT_WRAP;
          else if (g_str_equal (words[i], "wrap-reverse"))
            style->flex_wrap = TESS_LAYOUT_WRAP_REVERSE;
          else if (g_str_equal (words[i], "balance"))
            style->wrap_balance = TRUE;
          else
            ok = FALSE;
        }
    }
  else if (g_str_equal (name, "flex-line-count"))
    {
      float v;

      ok = parse_number (value, &v) && v >= 1.f && v <= 1e6f && v == floorf (v);
      if (ok)
        style->flex_line_count = (guint32) v;
    }
  else if (g_str_equal (name, "justify-content"))
    ok = parse_align (value, &style->justify_content);
  else if (g_str_equal (name, "align-items"))
    ok = parse_align (value, &style->align_items);
  else if (g_str_equal (name, "align-self"))
    ok = parse_align (value, &style->align_self);
  else if (g_str_equal (name, "align-content"))
    ok = parse_align (value, &style->align_content);
  else if (g_str_equal (name, "box-sizing"))
    {
      ok = TRUE;
      if (g_str_equal (value, "border-box"))
        style->box_sizing = TESS_LAYOUT_BORDER_BOX;
      else if (g_str_equal (value, "content-box"))
        style->box_sizing = TESS_LAYOUT_CONTENT_BOX;
      else
        ok = FALSE;
    }
  else if (g_str_equal (name, "flex-grow"))
    ok = parse_number (value, &style->flex_grow) && style->flex_grow >= 0.f;
  else if (g_str_equal (name, "flex-shrink"))
    ok = parse_number (value, &style->flex_shrink) && style->flex_shrink >= 0.f;
  else if (g_str_equal (name, "aspect-ratio"))
    ok = parse_number (value, &style->aspect_ratio) && style->aspect_ratio > 0.f;
  else if (g_str_equal (name, "flex-basis"))
    ok = parse_length (value, TRUE, &style->flex_basis);
  else if (g_str_equal (name, "width"))
    ok = parse_length (value, TRUE, &style->size[0]);
  else if (g_str_equal (name, "height"))
    ok = parse_length (value, TRUE, &style->size[1]);
  else if (g_str_equal (name, "min-width"))
    ok = parse_length (value, TRUE, &style->min_size[0]);
  else if (g_str_equal (name, "min-height"))
    ok = parse_length (value, TRUE, &style->min_size[1]);
  else if (g_str_equal (name, "max-width"))
    ok = parse_length (value, TRUE, &style->max_size[0]);
  else if (g_str_equal (name, "max-height"))
    ok = parse_length (value, TRUE, &style->max_size[1]);
  else if (g_str_equal (name, "column-gap"))
    ok = parse_length (value, FALSE, &style->gap[0]);
  else if (g_str_equal (name, "row-gap"))
    ok = parse_length (value, FALSE, &style->gap[1]);
  else if (g_str_has_prefix (name, "margin-") && (edge = edge_from_suffix (name + 7)) >= 0)
    ok = parse_length (value, TRUE, &style->margin[edge]);
  else if (g_str_has_prefix (name, "padding-") && (edge = edge_from_suffix (name + 8)) >= 0)
    ok = parse_length (value, FALSE, &style->padding[edge]);
  else if (g_str_has_prefix (name, "border-") && (edge = edge_from_suffix (name + 7)) >= 0)
    ok = parse_length (value, FALSE, &style->border[edge]);
  else if ((edge = edge_from_suffix (name)) >= 0)
    ok = parse_length (value, TRUE, &style->inset[edge]);
  else
    {
      g_set_error (error, TESS_LAYOUT_FIXTURE_ERROR, 0, "unsupported property “%s”", name);
      return FALSE;
    }

  if (!ok)
    g_set_error (error, TESS_LAYOUT_FIXTURE_ERROR, 0, "invalid value “%s” for “%s”", value,
                 name);
  return ok;
}

/* ---- parsing ------------------------------------------------------------------------------ */

static gboolean
set_position_error (GMarkupParseContext *context,
                    TessLayoutFixture   *fixture,
                    GError             **error,
                    GError              *cause)
{
  int line = 0, col = 0;

  g_markup_parse_context_get_position (context, &line, &col);
  g_set_error (error, TESS_LAYOUT_FIXTURE_ERROR, 0, "%s:%d:%d: %s", fixture->path, line, col,
               cause->message);
  g_error_free (cause);
  return FALSE;
}

static gboolean
parse_float_attribute (const char *value,
                       float      *out)
{
  if (g_str_equal (value, "max-content"))
    {
      *out = TESS_LAYOUT_MAX_CONTENT;
      return TRUE;
    }
  if (g_str_equal (value, "min-content"))
    {
      *out = TESS_LAYOUT_MIN_CONTENT;
      return TRUE;
    }
  if (g_str_has_suffix (value, "px"))
    {
      g_autofree char *number = g_strndup (value, strlen (value) - 2);

      return parse_number (number, out);
    }
  return parse_number (value, out);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  TessLayoutFixture *fixture = user_data;

  if (g_str_equal (element, "test"))
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "name"))
          {
            g_free (fixture->name);
            fixture->name = g_strdup (values[i]);
          }
        else if (g_str_equal (names[i], "use-rounding"))
          fixture->use_rounding = g_str_equal (values[i], "true");
      return;
    }
  if (g_str_equal (element, "viewport"))
    {
      for (guint i = 0; names[i] != NULL; i++)
        {
          guint axis = g_str_equal (names[i], "width") ? 0 : 1;

          if (!parse_float_attribute (values[i], &fixture->viewport[axis]))
            {
              set_position_error (context, fixture, error,
                                  g_error_new (TESS_LAYOUT_FIXTURE_ERROR, 0,
                                               "invalid viewport %s “%s”", names[i],
                                               values[i]));
              return;
            }
        }
      return;
    }
  if (g_str_equal (element, "widget") && fixture->section == SECTION_NONE)
    {
      fixture->in_widget = TRUE;
      fixture->widget_width = 0;
      if (fixture->widget_json == NULL)
        fixture->widget_json = g_string_new (NULL);
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "width"))
          {
            float width;

            if (!parse_number (values[i], &width) || width < 1 || width > 100000)
              {
                set_position_error (context, fixture, error,
                                    g_error_new (TESS_LAYOUT_FIXTURE_ERROR, 0,
                                                 "invalid widget width “%s”", values[i]));
                return;
              }
            fixture->widget_width = (int) width;
          }
      return;
    }
  if (g_str_equal (element, "input"))
    {
      fixture->section = SECTION_INPUT;
      return;
    }
  if (g_str_equal (element, "expectations"))
    {
      fixture->section = SECTION_EXPECTATIONS;
      return;
    }

  if (fixture->section == SECTION_INPUT
      && (g_str_equal (element, "div") || g_str_equal (element, "text")))
    {
      TessLayoutStyle style;
      TessLayoutNodeId id;
      guint depth = fixture->stack->len;

      if (fixture->input_order->len >= MAX_FIXTURE_NODES || fixture->in_text)
        {
          set_position_error (context, fixture, error,
                              g_error_new (TESS_LAYOUT_FIXTURE_ERROR, 0,
                                           fixture->in_text ? "element inside <text>"
                                                            : "too many nodes"));
          return;
        }

      tess_layout_style_init (&style);
      for (guint i = 0; names[i] != NULL; i++)
        {
          GError *local = NULL;

          if (!tess_layout_fixture_apply_property (&style, names[i], values[i], &local))
            {
              set_position_error (context, fixture, error, local);
              return;
            }
        }

      id = tess_layout_tree_add_node (fixture->tree, &style);
      if (depth == 0)
        {
          if (fixture->root != TESS_LAYOUT_NO_NODE)
            {
              set_position_error (context, fixture, error,
                                  g_error_new (TESS_LAYOUT_FIXTURE_ERROR, 0,
                                               "more than one root element"));
              return;
            }
          fixture->root = id;
        }
      else
        tess_layout_tree_append_child (fixture->tree,
                                       g_array_index (fixture->stack, TessLayoutNodeId,
                                                      depth - 1), id);
      g_array_append_val (fixture->input_order, id);
      g_array_append_val (fixture->input_depths, depth);
      g_array_append_val (fixture->stack, id);

      if (g_str_equal (element, "text"))
        {
          fixture->in_text = TRUE;
          g_string_truncate (fixture->text, 0);
        }
      return;
    }

  if (fixture->section == SECTION_EXPECTATIONS && g_str_equal (element, "node"))
    {
      Expectation e = { 0 };
      guint seen = 0;

      e.depth = fixture->expect_depth++;
      for (guint i = 0; names[i] != NULL; i++)
        {
          float *slot = NULL;

          if (g_str_equal (names[i], "x"))
            slot = &e.x;
          else if (g_str_equal (names[i], "y"))
            slot = &e.y;
          else if (g_str_equal (names[i], "width"))
            slot = &e.width;
          else if (g_str_equal (names[i], "height"))
            slot = &e.height;
          if (slot == NULL || !parse_number (values[i], slot))
            {
              set_position_error (context, fixture, error,
                                  g_error_new (TESS_LAYOUT_FIXTURE_ERROR, 0,
                                               "invalid node attribute %s=“%s”", names[i],
                                               values[i]));
              return;
            }
          seen++;
        }
      if (seen != 4)
        {
          set_position_error (context, fixture, error,
                              g_error_new (TESS_LAYOUT_FIXTURE_ERROR, 0,
                                           "node needs x, y, width and height"));
          return;
        }
      g_array_append_val (fixture->expectations, e);
      return;
    }

  set_position_error (context, fixture, error,
                      g_error_new (TESS_LAYOUT_FIXTURE_ERROR, 0, "unexpected element <%s>",
                                   element));
}

static void
finish_text_leaf (TessLayoutFixture *fixture,
                  TessLayoutNodeId   id)
{
  TextLeaf *leaf = g_new0 (TextLeaf, 1);
  g_autofree char *text = g_strstrip (g_strdup (fixture->text->str));
  g_auto (GStrv) parts = NULL;

  /* an empty text still is one (empty) line, as in the browser */
  parts = g_strsplit (text, "\u200b", -1);
  leaf->n_segments = MAX (1, g_strv_length (parts));
  leaf->segments = g_new0 (guint, leaf->n_segments);
  for (guint i = 0; parts[i] != NULL; i++)
    leaf->segments[i] = g_utf8_strlen (parts[i], -1);
  g_ptr_array_add (fixture->texts, leaf);
  tess_layout_tree_set_measured (fixture->tree, id, TRUE, leaf);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  TessLayoutFixture *fixture = user_data;

  if (g_str_equal (element, "widget"))
    fixture->in_widget = FALSE;
  else if (g_str_equal (element, "input") || g_str_equal (element, "expectations"))
    fixture->section = SECTION_NONE;
  else if (fixture->section == SECTION_INPUT
           && (g_str_equal (element, "div") || g_str_equal (element, "text")))
    {
      TessLayoutNodeId id = g_array_index (fixture->stack, TessLayoutNodeId,
                                           fixture->stack->len - 1);

      if (g_str_equal (element, "text"))
        {
          finish_text_leaf (fixture, id);
          fixture->in_text = FALSE;
        }
      g_array_set_size (fixture->stack, fixture->stack->len - 1);
    }
  else if (fixture->section == SECTION_EXPECTATIONS && g_str_equal (element, "node"))
    fixture->expect_depth--;
}

static void
text (GMarkupParseContext  *context,
      const char           *text_data,
      gsize                 text_len,
      gpointer              user_data,
      GError              **error)
{
  TessLayoutFixture *fixture = user_data;

  if (fixture->in_text)
    g_string_append_len (fixture->text, text_data, text_len);
  else if (fixture->in_widget)
    g_string_append_len (fixture->widget_json, text_data, text_len);
}

TessLayoutFixture *
tess_layout_fixture_parse (const char  *text_data,
                           gssize       length,
                           const char  *path,
                           GError     **error)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  g_autoptr (TessLayoutFixture) fixture = g_new0 (TessLayoutFixture, 1);
  g_autoptr (GMarkupParseContext) context = NULL;

  fixture->path = g_strdup (path);
  fixture->name = g_path_get_basename (path);
  fixture->viewport[0] = fixture->viewport[1] = TESS_LAYOUT_MAX_CONTENT;
  fixture->tree = tess_layout_tree_new ();
  tess_layout_tree_set_measure_func (fixture->tree, tess_layout_fixture_measure_text, NULL,
                                     NULL);
  fixture->root = TESS_LAYOUT_NO_NODE;
  fixture->input_order = g_array_new (FALSE, FALSE, sizeof (TessLayoutNodeId));
  fixture->input_depths = g_array_new (FALSE, FALSE, sizeof (guint));
  fixture->expectations = g_array_new (FALSE, FALSE, sizeof (Expectation));
  fixture->texts = g_ptr_array_new_with_free_func (text_leaf_free);
  fixture->stack = g_array_new (FALSE, FALSE, sizeof (TessLayoutNodeId));
  fixture->text = g_string_new (NULL);

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, fixture, NULL);
  if (!g_markup_parse_context_parse (context, text_data, length, error)
      || !g_markup_parse_context_end_parse (context, error))
    {
      if (error != NULL && *error != NULL
          && !g_str_has_prefix ((*error)->message, path))
        g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  if (fixture->root == TESS_LAYOUT_NO_NODE)
    {
      g_set_error (error, TESS_LAYOUT_FIXTURE_ERROR, 0, "%s: no input tree", path);
      return NULL;
    }
  if (fixture->expectations->len != fixture->input_order->len)
    {
      g_set_error (error, TESS_LAYOUT_FIXTURE_ERROR, 0,
                   "%s: %u input nodes but %u expectation nodes", path,
                   fixture->input_order->len, fixture->expectations->len);
      return NULL;
    }
  for (guint i = 0; i < fixture->expectations->len; i++)
    if (g_array_index (fixture->expectations, Expectation, i).depth
        != g_array_index (fixture->input_depths, guint, i))
      {
        g_set_error (error, TESS_LAYOUT_FIXTURE_ERROR, 0,
                     "%s: expectation tree does not have the input's shape (node %u)", path, i);
        return NULL;
      }
  return g_steal_pointer (&fixture);
}

TessLayoutFixture *
tess_layout_fixture_load (const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return tess_layout_fixture_parse (contents, length, path, error);
}

const char *
tess_layout_fixture_get_widget_json (TessLayoutFixture *fixture)
{
  return fixture->widget_json != NULL ? fixture->widget_json->str : NULL;
}

int
tess_layout_fixture_get_widget_width (TessLayoutFixture *fixture)
{
  return fixture->widget_width;
}

guint
tess_layout_fixture_get_n_nodes (TessLayoutFixture *fixture)
{
  return fixture->expectations->len;
}

void
tess_layout_fixture_get_expected (TessLayoutFixture *fixture,
                                  guint              index,
                                  TessLayoutBox     *box,
                                  guint             *depth)
{
  const Expectation *e = &g_array_index (fixture->expectations, Expectation, index);

  box->x = e->x;
  box->y = e->y;
  box->width = e->width;
  box->height = e->height;
  *depth = e->depth;
}

/* ---- running ------------------------------------------------------------------------------ */

void
tess_layout_fixture_measure_text (gpointer  node_context,
                                  float     known_width,
                                  float     known_height,
                                  float     available_width,
                                  float     available_height,
                                  float    *out_width,
                                  float    *out_height,
                                  gpointer  user_data)
{
  const TextLeaf *leaf = node_context;
  guint longest = 0, total = 0, line_capacity, lines = 1, current = 0;
  float width;

  for (guint i = 0; i < leaf->n_segments; i++)
    {
      longest = MAX (longest, leaf->segments[i]);
      total += leaf->segments[i];
    }

  if (!isnan (known_width))
    width = known_width;
  else if (available_width == TESS_LAYOUT_MIN_CONTENT)
    width = longest * GLYPH_SIZE;
  else if (available_width == TESS_LAYOUT_MAX_CONTENT)
    width = total * GLYPH_SIZE;
  else
    width = MAX (MIN (available_width, total * GLYPH_SIZE), longest * GLYPH_SIZE);

  if (!isnan (known_height))
    {
      *out_width = width;
      *out_height = known_height;
      return;
    }

  /* greedy line breaking at the zero-width spaces */
  line_capacity = (guint) MAX (0.f, floorf (width / GLYPH_SIZE));
  for (guint i = 0; i < leaf->n_segments; i++)
    {
      if (current + leaf->segments[i] > line_capacity)
        {
          if (current > 0)
            lines++;
          current = leaf->segments[i];
        }
      else
        current += leaf->segments[i];
    }
  *out_width = width;
  *out_height = lines * GLYPH_SIZE;
}

char *
tess_layout_fixture_run (TessLayoutFixture *fixture)
{
  g_autoptr (GString) report = NULL;
  guint mismatches = 0;

  if (!tess_layout_tree_compute (fixture->tree, fixture->root, fixture->viewport[0],
                                 fixture->viewport[1], fixture->use_rounding))
    return g_strdup ("layout refused the tree");

  for (guint i = 0; i < fixture->input_order->len; i++)
    {
      TessLayoutNodeId id = g_array_index (fixture->input_order, TessLayoutNodeId, i);
      const Expectation *e = &g_array_index (fixture->expectations, Expectation, i);
      TessLayoutBox box = tess_layout_tree_get_box (fixture->tree, id);
      gboolean same;

      if (fixture->use_rounding)
        same = box.x == e->x && box.y == e->y && box.width == e->width && box.height == e->height;
      else
        same = fabsf (box.x - e->x) < 0.1f && fabsf (box.y - e->y) < 0.1f
               && fabsf (box.width - e->width) < 0.1f && fabsf (box.height - e->height) < 0.1f;
      if (same)
        continue;
      if (report == NULL)
        report = g_string_new (NULL);
      if (++mismatches <= 6)
        g_string_append_printf (report,
                                "node %u (depth %u): got x=%g y=%g w=%g h=%g, "
                                "expected x=%g y=%g w=%g h=%g\n",
                                i, e->depth, box.x, box.y, box.width, box.height,
                                e->x, e->y, e->width, e->height);
    }
  if (report == NULL)
    return NULL;
  if (mismatches > 6)
    g_string_append_printf (report, "… %u mismatching nodes in all\n", mismatches);
  return g_string_free (g_steal_pointer (&report), FALSE);
}

GHashTable *
tess_layout_fixture_load_known_failures (const char *path)
{
  GHashTable *known_failures;
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;

  known_failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("%s", error->message);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *sep;

      if (*line == '\0' || *line == '#')
        continue;
      sep = strpbrk (line, " \t");
      if (sep == NULL)
        g_error ("%s:%u: a known failure needs a reason", path, i + 1);
      *sep = '\0';
      g_hash_table_insert (known_failures, g_strdup (line), g_strdup (g_strstrip (sep + 1)));
    }

  return known_failures;
}

GStrv
tess_layout_fixture_list_names (const char *path)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *name = g_strstrip (lines[i]);

      if (*name != '\0' && *name != '#')
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}
