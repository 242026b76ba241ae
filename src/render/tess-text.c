/* tess-text.c: the text of Text, Title, Caption and Label nodes
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tess-text.h"

/* The block cursor shown while text streams in, and how opaque it is (of 65535). */
#define CURSOR_TEXT "\xe2\x96\x8d"
#define CURSOR_ALPHA 29491

struct _TessText
{
  GtkWidget       parent_instance;

  char           *text;
  PangoAttrList  *attrs;   /* the caller's, or NULL */
  PangoLayout    *layout;
  /* the font the layout was shaped with, to tell a CSS change that moves the text from one
   * that does not */
  PangoFontDescription *layout_font;

  PangoAlignment  alignment;
  float           yalign;
  int             max_lines;
  int             line_height;
  int             natural_width_limit;
  guint           wrap : 1;
  guint           cursor : 1;
  guint           strikethrough : 1;

  /* What one shaping of the unbroken text tells (valid while have_metrics): its width and
   * height, its first baseline, and its widest piece that no line break can split. */
  guint           have_metrics : 1;
  int             natural_width;       /* Pango units */
  int             unbroken_height;     /* Pango units */
  int             unbroken_baseline;   /* Pango units */
  int             minimum_width;       /* px */
};

G_DEFINE_FINAL_TYPE (TessText, tess_text, GTK_TYPE_WIDGET)

/* ---- the layout --------------------------------------------------------------------------- */

static void
invalidate_metrics (TessText *self)
{
  self->have_metrics = FALSE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static char *
displayed_text (TessText *self)
{
  return g_strconcat (self->text, self->cursor ? CURSOR_TEXT : "", NULL);
}

static PangoAttrList *
build_attributes (TessText *self)
{
  PangoAttrList *attrs = self->attrs ? pango_attr_list_copy (self->attrs)
                                     : pango_attr_list_new ();

  if (self->line_height > 0)
    pango_attr_list_insert (attrs,
                            pango_attr_line_height_new_absolute (self->line_height * PANGO_SCALE));
  if (self->strikethrough)
    pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
  if (self->cursor)
    {
      PangoAttribute *alpha = pango_attr_foreground_alpha_new (CURSOR_ALPHA);

      alpha->start_index = (guint) strlen (self->text);
      pango_attr_list_insert (attrs, alpha);
    }
  return attrs;
}

/* Drops the layout; the next question builds it again from the current text and settings. */
static void
clear_layout (TessText *self)
{
  g_clear_object (&self->layout);
  invalidate_metrics (self);
}

static PangoLayout *
ensure_layout (TessText *self)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoAttrList) attrs = NULL;

  if (self->layout != NULL)
    return self->layout;

  text = displayed_text (self);
  attrs = build_attributes (self);
  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_set_attributes (self->layout, attrs);
  pango_layout_set_alignment (self->layout, self->alignment);
  if (self->wrap)
    {
      pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
      if (self->max_lines > 0)
        {
          pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_height (self->layout, -self->max_lines);
        }
    }
  else
    {
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
    }

  g_clear_pointer (&self->layout_font, pango_font_description_free);
  self->layout_font =
    pango_font_description_copy (pango_context_get_font_description (
                                   pango_layout_get_context (self->layout)));
  return self->layout;
}

static void
set_layout_width (TessText *self,
                  int       width)
{
  PangoLayout *layout = ensure_layout (self);

  if (pango_layout_get_width (layout) != width)
    pango_layout_set_width (layout, width);
}

typedef struct
{
  int        index;   /* of the cluster's first byte */
  int        width;   /* Pango units */
  PangoFont *font;
} Cluster;

static int
compare_clusters (gconstpointer a,
                  gconstpointer b)
{
  return ((const Cluster *) a)->index - ((const Cluster *) b)->index;
}

/* The width Pango adds for the hyphen it draws where it breaks a word: U+2010, or '-' in a
 * font without it. */
static int
hyphen_width (PangoFont *font)
{
  hb_font_t *hb_font;
  hb_codepoint_t glyph;
  PangoRectangle logical;

  if (font == NULL)
    return 0;
  hb_font = pango_font_get_hb_font (font);
  if (!hb_font_get_nominal_glyph (hb_font, 0x2010, &glyph)
      && !hb_font_get_nominal_glyph (hb_font, '-', &glyph))
    return 0;
  pango_font_get_glyph_extents (font, glyph, NULL, &logical);
  return logical.width;
}

typedef struct
{
  const char         *text;
  const PangoLogAttr *attrs;
  int                 n_attrs;
  PangoFont          *hyphen_font;   /* the font hyphen_width was found for */
  int                 hyphen_width;
  gboolean            round_positions;  /* glyph advances are whole pixels */
} PieceScan;

/* The widest piece among one line's @clusters (sorted by index); the line ends at byte
 * @line_end. */
static int
widest_piece_of_line (PieceScan *scan,
                      GArray    *clusters,
                      int        line_end)
{
  const Cluster *first = &g_array_index (clusters, Cluster, 0);
  glong offset = g_utf8_pointer_to_offset (scan->text, scan->text + first->index);
  int widest = 0;

  for (guint i = 0; i < clusters->len; i++)
    {
      const Cluster *cluster = &g_array_index (clusters, Cluster, i);
      int end = i + 1 < clusters->len ? g_array_index (clusters, Cluster, i + 1).index : line_end;
      glong end_offset = offset + g_utf8_pointer_to_offset (scan->text + cluster->index,
                                                            scan->text + end);
      int width = cluster->width;

      if (offset < scan->n_attrs && scan->attrs[offset].is_white)
        width = 0;
      else if (end_offset < scan->n_attrs && scan->attrs[end_offset].break_inserts_hyphen)
        {
          if (cluster->font != scan->hyphen_font)
            {
              scan->hyphen_font = cluster->font;
              scan->hyphen_width = hyphen_width (cluster->font);
              if (scan->round_positions)
                scan->hyphen_width = PANGO_UNITS_ROUND (scan->hyphen_width);
            }
          width += scan->hyphen_width;
        }
      widest = MAX (widest, width);
      offset = end_offset;
    }
  return widest;
}

/* Whether glyphs of @script are shaped the same alone as next to their neighbours, so a
 * cluster of an unbroken line is as wide as it would be alone on a line. Joining and
 * reordering scripts (Arabic, Devanagari, ...) are not. */
static gboolean
shapes_independently (GUnicodeScript script)
{
  switch ((int) script)
    {
    case G_UNICODE_SCRIPT_COMMON:
    case G_UNICODE_SCRIPT_INHERITED:
    case G_UNICODE_SCRIPT_LATIN:
    case G_UNICODE_SCRIPT_GREEK:
    case G_UNICODE_SCRIPT_CYRILLIC:
    case G_UNICODE_SCRIPT_ARMENIAN:
    case G_UNICODE_SCRIPT_GEORGIAN:
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The widest piece of a line that no break can split, in px: wrapping breaks a word where it
 * does not fit, so one grapheme cluster, with the hyphen Pango then adds when the break is
 * inside a word. Spaces hang at a line's end and take no width. Read off the clusters of the
 * unbroken lines, where a layout at width 0 would shape the text once per cluster. -1 for
 * text in a script whose clusters change shape when alone. */
static int
widest_unbreakable_piece (PangoLayout *layout)
{
  g_autoptr(GArray) clusters = g_array_new (FALSE, FALSE, sizeof (Cluster));
  PieceScan scan = { pango_layout_get_text (layout) };
  PangoLayoutLine *line = NULL;
  PangoLayoutIter *iter;
  int widest = 0;

  scan.attrs = pango_layout_get_log_attrs_readonly (layout, &scan.n_attrs);
  scan.round_positions =
    pango_context_get_round_glyph_positions (pango_layout_get_context (layout));
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      Cluster cluster;
      PangoRectangle logical;

      if (pango_layout_iter_get_line_readonly (iter) != line)
        {
          if (clusters->len > 0)
            widest = MAX (widest, widest_piece_of_line (&scan, clusters,
                                                        line->start_index + line->length));
          g_array_set_size (clusters, 0);
          line = pango_layout_iter_get_line_readonly (iter);
        }
      if (run == NULL) /* the end of a line */
        continue;
      if (!shapes_independently ((GUnicodeScript) run->item->analysis.script))
        {
          widest = -1;
          break;
        }
      pango_layout_iter_get_cluster_extents (iter, NULL, &logical);
      cluster.index = pango_layout_iter_get_index (iter);
      cluster.width = logical.width;
      cluster.font = run->item->analysis.font;
      /* right-to-left runs come in visual order */
      if (clusters->len > 0 && cluster.index < g_array_index (clusters, Cluster,
                                                              clusters->len - 1).index)
        {
          g_array_append_val (clusters, cluster);
          g_array_sort (clusters, compare_clusters);
        }
      else
        g_array_append_val (clusters, cluster);
    }
  while (pango_layout_iter_next_cluster (iter));
  if (widest >= 0 && clusters->len > 0)
    widest = MAX (widest, widest_piece_of_line (&scan, clusters,
                                                line->start_index + line->length));
  pango_layout_iter_free (iter);

  return widest < 0 ? -1 : PANGO_PIXELS_CEIL (widest);
}

static void
ensure_metrics (TessText *self)
{
  PangoRectangle logical;
  PangoLayout *layout;

  if (self->have_metrics)
    return;

  set_layout_width (self, -1);
  layout = self->layout;
  pango_layout_get_extents (layout, NULL, &logical);
  self->natural_width = logical.width;
  self->unbroken_height = logical.height;
  self->unbroken_baseline = pango_layout_get_baseline (layout);

  self->minimum_width = self->wrap && self->max_lines <= 0 ? widest_unbreakable_piece (layout)
                                                           : -1;
  if (self->minimum_width < 0)
    {
      /* the narrowest layout there is: an ellipsized line (or a few lines, the last one
       * ellipsized) shrinks to its ellipsis; a script that joins its letters is broken at
       * width 0 as Pango breaks it */
      set_layout_width (self, 0);
      pango_layout_get_extents (layout, NULL, &logical);
      self->minimum_width = PANGO_PIXELS_CEIL (logical.width);
    }
  self->have_metrics = TRUE;
}

/* ---- GtkWidget ----------------------------------------------------------------------------- */

static GtkSizeRequestMode
tess_text_get_request_mode (GtkWidget *widget)
{
  return TESS_TEXT (widget)->wrap ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH
                                  : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
tess_text_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  TessText *self = TESS_TEXT (widget);

  ensure_metrics (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int natural_width = PANGO_PIXELS_CEIL (self->natural_width);

      if (self->natural_width_limit >= 0)
        natural_width = MIN (natural_width, self->natural_width_limit);
      *minimum = self->minimum_width;
      *natural = MAX (self->minimum_width, natural_width);
      return;
    }

  if (!self->wrap || for_size < 0 || (gint64) for_size * PANGO_SCALE >= self->natural_width)
    {
      /* no line breaks: the height of the unbroken text */
      *minimum = *natural = PANGO_PIXELS_CEIL (self->unbroken_height);
      *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (self->unbroken_baseline);
    }
  else
    {
      PangoRectangle logical;

      set_layout_width (self, for_size * PANGO_SCALE);
      pango_layout_get_extents (self->layout, NULL, &logical);
      *minimum = *natural = PANGO_PIXELS_CEIL (logical.height);
      *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (pango_layout_get_baseline (self->layout));
    }
}

static void
tess_text_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  TessText *self = TESS_TEXT (widget);

  set_layout_width (self, width * PANGO_SCALE);
}

/* Where the layout is drawn, laid out at the widget's width. */
static void
get_layout_origin (TessText *self,
                   float    *x,
                   float    *y)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int baseline = gtk_widget_get_allocated_baseline (widget);
  PangoRectangle logical;
  float xalign;

  set_layout_width (self, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  /* The layout is as wide as the widget and aligns its lines itself; the block is moved to
   * whole pixels from there, as GtkLabel places it (its xalign follows the alignment). */
  xalign = self->alignment == PANGO_ALIGN_CENTER ? 0.5f
           : self->alignment == PANGO_ALIGN_RIGHT ? 1.f : 0.f;
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1.f - xalign;
  *x = floorf (xalign * (width - logical.width)) - logical.x;
  if (baseline != -1)
    *y = baseline - PANGO_PIXELS_CEIL (pango_layout_get_baseline (self->layout));
  else
    *y = floorf ((height - logical.height) * self->yalign) - logical.y;
}

static void
tess_text_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  TessText *self = TESS_TEXT (widget);
  float x, y;

  if (self->text[0] == '\0' && !self->cursor)
    return;

  get_layout_origin (self, &x, &y);
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), x, y,
                              self->layout);
}

static void
tess_text_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  TessText *self = TESS_TEXT (widget);

  GTK_WIDGET_CLASS (tess_text_parent_class)->css_changed (widget, change);

  /* The widget's Pango context carries the CSS font; only a new font moves the text. */
  if (self->layout != NULL)
    {
      const PangoFontDescription *font =
        pango_context_get_font_description (gtk_widget_get_pango_context (widget));

      if (self->layout_font == NULL || !pango_font_description_equal (font, self->layout_font))
        clear_layout (self);
    }
}

static void
tess_text_direction_changed (GtkWidget        *widget,
                             GtkTextDirection  previous_direction)
{
  clear_layout (TESS_TEXT (widget));
}

static void
tess_text_finalize (GObject *object)
{
  TessText *self = TESS_TEXT (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->layout_font, pango_font_description_free);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  g_free (self->text);
  G_OBJECT_CLASS (tess_text_parent_class)->finalize (object);
}

static void
tess_text_class_init (TessTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tess_text_finalize;
  widget_class->get_request_mode = tess_text_get_request_mode;
  widget_class->measure = tess_text_measure;
  widget_class->size_allocate = tess_text_size_allocate;
  widget_class->snapshot = tess_text_snapshot;
  widget_class->css_changed = tess_text_css_changed;
  widget_class->direction_changed = tess_text_direction_changed;

  /* The CSS node of a label, so the theme styles it as one. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
tess_text_init (TessText *self)
{
  self->text = g_strdup ("");
  self->alignment = PANGO_ALIGN_LEFT;
  self->yalign = 0.5f;
  self->natural_width_limit = -1;
  self->wrap = TRUE;
}

GtkWidget *
tess_text_new (void)
{
  return g_object_new (TESS_TYPE_TEXT, NULL);
}

void
tess_text_set_text (TessText   *self,
                    const char *text)
{
  g_return_if_fail (TESS_IS_TEXT (self));

  if (text == NULL)
    text = "";
  if (strcmp (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  clear_layout (self);
}

double
tess_text_get_drawn_baseline (TessText *self)
{
  float x, y;

  g_return_val_if_fail (TESS_IS_TEXT (self), 0.0);

  get_layout_origin (self, &x, &y);
  return y + pango_layout_get_baseline (self->layout) / (double) PANGO_SCALE;
}

const char *
tess_text_get_text (TessText *self)
{
  g_return_val_if_fail (TESS_IS_TEXT (self), NULL);
  return self->text;
}

void
tess_text_set_cursor (TessText *self,
                      gboolean  cursor)
{
  g_return_if_fail (TESS_IS_TEXT (self));

  if (self->cursor == !!cursor)
    return;
  self->cursor = !!cursor;
  clear_layout (self);
}

void
tess_text_set_attributes (TessText      *self,
                          PangoAttrList *attrs)
{
  g_return_if_fail (TESS_IS_TEXT (self));

  if (attrs != NULL)
    pango_attr_list_ref (attrs);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  self->attrs = attrs;
  clear_layout (self);
}

gboolean
tess_text_get_cursor (TessText *self)
{
  g_return_val_if_fail (TESS_IS_TEXT (self), FALSE);
  return self->cursor;
}

void
tess_text_set_wrap (TessText *self,
                    gboolean  wrap)
{
  g_return_if_fail (TESS_IS_TEXT (self));

  if (self->wrap == !!wrap)
    return;
  self->wrap = !!wrap;
  clear_layout (self);
}

void
tess_text_set_max_lines (TessText *self,
                         int       lines)
{
  g_return_if_fail (TESS_IS_TEXT (self));

  lines = MAX (lines, 0);
  if (self->max_lines == lines)
    return;
  self->max_lines = lines;
  clear_layout (self);
}

void
tess_text_set_alignment (TessText       *self,
                         PangoAlignment  alignment)
{
  g_return_if_fail (TESS_IS_TEXT (self));

  if (self->alignment == alignment)
    return;
  self->alignment = alignment;
  clear_layout (self);
}

void
tess_text_set_yalign (TessText *self,
                      float     yalign)
{
  g_return_if_fail (TESS_IS_TEXT (self));

  self->yalign = CLAMP (yalign, 0.f, 1.f);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tess_text_set_line_height (TessText *self,
                           int       line_height)
{
  g_return_if_fail (TESS_IS_TEXT (self));

  line_height = MAX (line_height, 0);
  if (self->line_height == line_height)
    return;
  self->line_height = line_height;
  clear_layout (self);
}

void
tess_text_set_strikethrough (TessText *self,
                             gboolean  strikethrough)
{
  g_return_if_fail (TESS_IS_TEXT (self));

  if (self->strikethrough == !!strikethrough)
    return;
  self->strikethrough = !!strikethrough;
  clear_layout (self);
}

void
tess_text_set_natural_width_limit (TessText *self,
                                   int       width)
{
  g_return_if_fail (TESS_IS_TEXT (self));

  self->natural_width_limit = width < 0 ? -1 : width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
