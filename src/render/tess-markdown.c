/* tess-markdown.c: Markdown through md4c into labels, lists, quotes, code and tables
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inline content becomes Pango markup in a GtkLabel; blocks become widgets. Raw HTML is
 * shown as text (MD_FLAG_NOHTML) and links open only for http, https and mailto.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <md4c.h>
#include <string.h>

#include "tess-markdown.h"
#include "tess-text.h"
#include "tess-render-element.h"
#include "tess-theme.h"

#define MAX_DEPTH 32

struct _TessMarkdown
{
  GtkWidget  parent_instance;

  GString   *text;
  gboolean   streaming;
  guint      n_blocks;
};

G_DEFINE_FINAL_TYPE (TessMarkdown, tess_markdown, GTK_TYPE_WIDGET)

typedef struct
{
  gboolean ordered;
  unsigned next_number;
} ListState;

typedef struct
{
  TessMarkdown *self;
  GtkWidget    *containers[MAX_DEPTH];  /* where blocks go */
  guint         n_containers;
  ListState     lists[MAX_DEPTH];
  guint         n_lists;
  GString      *inline_markup;          /* the block being collected, or NULL */
  GString      *code;                   /* fenced/indented code, raw */
  int           heading;                /* 1–6 inside a heading */
  gboolean      in_item;
  GtkWidget    *table;
  int           table_row;
  int           table_col;
  gboolean      table_header;
  guint         span_depth;
  guint         blocks;
} Builder;

gboolean
tess_markdown_link_is_allowed (const char *uri)
{
  g_autofree char *scheme = NULL;

  if (uri == NULL)
    return FALSE;
  scheme = g_uri_parse_scheme (uri);
  return scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 ||
                            g_ascii_strcasecmp (scheme, "https") == 0 ||
                            g_ascii_strcasecmp (scheme, "mailto") == 0);
}

static gboolean
on_activate_link (GtkLabel   *label,
                  const char *uri,
                  gpointer    user_data)
{
  if (tess_markdown_link_is_allowed (uri))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (label));

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
  else
    {
      gtk_widget_error_bell (GTK_WIDGET (label));
    }

  return TRUE; /* never let GTK open anything else */
}

static GtkWidget *
current_container (Builder *b)
{
  return b->containers[b->n_containers - 1];
}

static void
add_block (Builder   *b,
           GtkWidget *widget)
{
  GtkWidget *container = current_container (b);

  if (GTK_IS_BOX (container))
    gtk_box_append (GTK_BOX (container), widget);
  else
    gtk_widget_insert_before (widget, container, NULL);
  b->blocks++;
}

/* The markup a block was made from, for tess_markdown_to_pango(). */
#define MARKUP_KEY "tess-md-markup"

/* A block of inline content. Blocks with links are GtkLabels, which follow, focus and
 * activate links; the others are TessTexts, which cost far less to measure. */
/* Whether @markup (with GtkLabel's <a> links) is valid Pango markup; its text and
 * attributes, links read as plain spans, go to @text and @attrs when it is. */
static gboolean
parse_label_markup (const char     *markup,
                    gboolean        has_links,
                    char          **text,
                    PangoAttrList **attrs)
{
  static GRegex *link_start;
  static gsize link_start_ready;
  g_autofree char *opened = NULL;
  g_auto(GStrv) closed = NULL;
  g_autofree char *checkable = NULL;

  if (!has_links)
    return pango_parse_markup (markup, -1, 0, attrs, text, NULL, NULL);

  /* GtkLabel understands <a>, Pango does not: check the markup with links as spans. */
  if (g_once_init_enter (&link_start_ready))
    {
      link_start = g_regex_new ("<a href=\"[^\"]*\">", 0, 0, NULL);
      g_once_init_leave (&link_start_ready, 1);
    }
  opened = g_regex_replace_literal (link_start, markup, -1, 0, "<span>", 0, NULL);
  closed = g_strsplit (opened ? opened : "", "</a>", -1);
  checkable = g_strjoinv ("</span>", closed);
  return pango_parse_markup (checkable, -1, 0, attrs, text, NULL, NULL);
}

/* A block of inline content. Blocks with links are GtkLabels, which follow, focus and
 * activate links; the others are TessTexts, which cost far less to measure. */
static GtkWidget *
make_label (const char *markup)
{
  GtkWidget *label;
  PangoAttrList *attrs = NULL;
  char *text = NULL;
  gboolean has_links = strstr (markup, "<a href=") != NULL;
  gboolean valid = parse_label_markup (markup, has_links, &text, &attrs);

  if (!has_links)
    {
      label = tess_text_new ();
      tess_text_set_text (TESS_TEXT (label), valid ? text : markup);
      tess_text_set_attributes (TESS_TEXT (label), valid ? attrs : NULL);
    }
  else
    {
      label = gtk_label_new (NULL);
      if (valid)
        gtk_label_set_markup (GTK_LABEL (label), markup);
      else
        gtk_label_set_text (GTK_LABEL (label), markup);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), FALSE);
      g_signal_connect (label, "activate-link", G_CALLBACK (on_activate_link), NULL);
    }
  g_clear_pointer (&attrs, pango_attr_list_unref);
  g_free (text);
  g_object_set_data_full (G_OBJECT (label), MARKUP_KEY, g_strdup (markup), g_free);
  return label;
}

static void
on_copy_clicked (GtkButton  *button,
                 const char *code)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), code);
}

static GtkWidget *
make_code_block (const char *code)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (code);
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gsize length = strlen (code);

  /* Keep the trailing newline of a fence out of the box. */
  if (length > 0 && code[length - 1] == '\n')
    {
      g_autofree char *trimmed = g_strndup (code, length - 1);
      gtk_label_set_text (GTK_LABEL (label), trimmed);
    }

  gtk_widget_add_css_class (frame, "tess-md-codeblock");
  gtk_widget_add_css_class (label, "tess-md-code");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
  gtk_box_append (GTK_BOX (frame), label);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), frame);

  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_add_css_class (copy, "circular");
  gtk_widget_set_halign (copy, GTK_ALIGN_END);
  gtk_widget_set_valign (copy, GTK_ALIGN_START);
  gtk_widget_set_margin_top (copy, 4);
  gtk_widget_set_margin_end (copy, 4);
  gtk_widget_set_tooltip_text (copy, _("Copy"));
  tess_render_set_accessible_name (copy, _("Copy code"));
  g_object_set_data_full (G_OBJECT (copy), "tess-code", g_strdup (code), g_free);
  g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_clicked),
                    g_object_get_data (G_OBJECT (copy), "tess-code"));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), copy);

  return overlay;
}

static void
flush_inline (Builder *b)
{
  GtkWidget *label;
  g_autofree char *markup = NULL;

  if (b->inline_markup == NULL)
    return;

  markup = g_string_free (b->inline_markup, FALSE);
  b->inline_markup = NULL;

  if (b->table != NULL && b->table_col >= 0)
    {
      label = make_label (markup);
      gtk_widget_add_css_class (label, "tess-md-cell");
      if (b->table_header)
        gtk_widget_add_css_class (label, "tess-weight-semibold");
      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (GTK_GRID (b->table), label, b->table_col, b->table_row, 1, 1);
      return;
    }

  if (b->in_item && b->n_lists > 0)
    {
      ListState *list = &b->lists[b->n_lists - 1];
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      g_autofree char *marker = list->ordered ? g_strdup_printf ("%u.", list->next_number++)
                                              : g_strdup ("•");
      GtkWidget *bullet = gtk_label_new (marker);

      gtk_widget_set_valign (bullet, GTK_ALIGN_START);
      gtk_widget_set_margin_start (row, (int) (b->n_lists - 1) * 20 + 4);
      gtk_box_append (GTK_BOX (row), bullet);
      label = make_label (markup);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (row), label);
      add_block (b, row);
      b->in_item = FALSE; /* later paragraphs of the item are plain blocks */
      return;
    }

  label = make_label (markup);
  if (b->heading > 0)
    {
      g_autofree char *heading_class = g_strdup_printf ("tess-md-h%d", b->heading);
      gtk_widget_add_css_class (label, heading_class);
    }
  add_block (b, label);
}

static void
start_inline (Builder *b)
{
  flush_inline (b);
  b->inline_markup = g_string_new (NULL);
  b->span_depth = 0;
}

static void
push_container (Builder   *b,
                GtkWidget *container)
{
  add_block (b, container);
  if (b->n_containers < MAX_DEPTH)
    b->containers[b->n_containers++] = container;
}

static int
enter_block (MD_BLOCKTYPE  type,
             void         *detail,
             void         *user_data)
{
  Builder *b = user_data;

  switch (type)
    {
    case MD_BLOCK_DOC:
      break;
    case MD_BLOCK_QUOTE:
      {
        GtkWidget *quote = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
        flush_inline (b);
        gtk_widget_add_css_class (quote, "tess-md-quote");
        push_container (b, quote);
      }
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      flush_inline (b);
      if (b->n_lists < MAX_DEPTH)
        {
          b->lists[b->n_lists].ordered = type == MD_BLOCK_OL;
          b->lists[b->n_lists].next_number =
            type == MD_BLOCK_OL ? ((MD_BLOCK_OL_DETAIL *) detail)->start : 1;
          b->n_lists++;
        }
      break;
    case MD_BLOCK_LI:
      start_inline (b);
      b->in_item = TRUE;
      break;
    case MD_BLOCK_HR:
      flush_inline (b);
      add_block (b, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      break;
    case MD_BLOCK_H:
      start_inline (b);
      b->heading = (int) CLAMP (((MD_BLOCK_H_DETAIL *) detail)->level, 1, 6);
      break;
    case MD_BLOCK_CODE:
      flush_inline (b);
      b->code = g_string_new (NULL);
      break;
    case MD_BLOCK_HTML:
    case MD_BLOCK_P:
      if (!b->in_item)
        start_inline (b);
      break;
    case MD_BLOCK_TABLE:
      flush_inline (b);
      if (b->table == NULL)
        {
          b->table = gtk_grid_new ();
          gtk_widget_add_css_class (b->table, "tess-md-table");
          gtk_widget_set_overflow (b->table, GTK_OVERFLOW_HIDDEN);
          add_block (b, b->table);
          b->table_row = -1;
          b->table_col = -1;
        }
      break;
    case MD_BLOCK_THEAD:
      b->table_header = TRUE;
      break;
    case MD_BLOCK_TBODY:
      b->table_header = FALSE;
      break;
    case MD_BLOCK_TR:
      b->table_row++;
      b->table_col = -1;
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      b->table_col++;
      start_inline (b);
      break;
    default:
      break;
    }

  return 0;
}

static int
leave_block (MD_BLOCKTYPE  type,
             void         *detail,
             void         *user_data)
{
  Builder *b = user_data;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      flush_inline (b);
      if (b->n_containers > 1)
        b->n_containers--;
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      flush_inline (b);
      if (b->n_lists > 0)
        b->n_lists--;
      break;
    case MD_BLOCK_LI:
      flush_inline (b);
      b->in_item = FALSE;
      break;
    case MD_BLOCK_H:
      flush_inline (b);
      b->heading = 0;
      break;
    case MD_BLOCK_CODE:
      if (b->code != NULL)
        {
          g_autofree char *code = g_string_free (b->code, FALSE);
          b->code = NULL;
          add_block (b, make_code_block (code));
        }
      break;
    case MD_BLOCK_P:
    case MD_BLOCK_HTML:
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      flush_inline (b);
      break;
    case MD_BLOCK_TABLE:
      flush_inline (b);
      b->table = NULL;
      break;
    default:
      break;
    }

  return 0;
}

static void
append_escaped (GString    *markup,
                const char *text,
                gsize       size)
{
  g_autofree char *escaped = g_markup_escape_text (text, (gssize) size);
  g_string_append (markup, escaped);
}

static int
enter_span (MD_SPANTYPE  type,
            void        *detail,
            void        *user_data)
{
  Builder *b = user_data;

  if (b->inline_markup == NULL)
    start_inline (b);
  if (b->span_depth++ > MAX_DEPTH)
    return 0;

  switch (type)
    {
    case MD_SPAN_EM:
      g_string_append (b->inline_markup, "<i>");
      break;
    case MD_SPAN_STRONG:
      g_string_append (b->inline_markup, "<b>");
      break;
    case MD_SPAN_DEL:
      g_string_append (b->inline_markup, "<s>");
      break;
    case MD_SPAN_U:
      g_string_append (b->inline_markup, "<u>");
      break;
    case MD_SPAN_CODE:
      g_string_append (b->inline_markup,
                       "<span font_family=\"" TESS_THEME_CODE_FAMILIES "\" size=\"90%\">");
      break;
    case MD_SPAN_A:
      {
        MD_SPAN_A_DETAIL *a = detail;
        g_autofree char *href = g_strndup (a->href.text, a->href.size);
        g_autofree char *escaped = g_markup_escape_text (href, -1);
        g_string_append_printf (b->inline_markup, "<a href=\"%s\">", escaped);
      }
      break;
    case MD_SPAN_IMG:
      g_string_append (b->inline_markup, "<i>");
      break;
    default:
      g_string_append (b->inline_markup, "<span>");
      break;
    }

  return 0;
}

static int
leave_span (MD_SPANTYPE  type,
            void        *detail,
            void        *user_data)
{
  Builder *b = user_data;

  if (b->inline_markup == NULL)
    return 0;
  if (b->span_depth-- > MAX_DEPTH + 1)
    return 0;

  switch (type)
    {
    case MD_SPAN_EM:
    case MD_SPAN_IMG:
      g_string_append (b->inline_markup, "</i>");
      break;
    case MD_SPAN_STRONG:
      g_string_append (b->inline_markup, "</b>");
      break;
    case MD_SPAN_DEL:
      g_string_append (b->inline_markup, "</s>");
      break;
    case MD_SPAN_U:
      g_string_append (b->inline_markup, "</u>");
      break;
    case MD_SPAN_A:
      g_string_append (b->inline_markup, "</a>");
      break;
    case MD_SPAN_CODE:
    default:
      g_string_append (b->inline_markup, "</span>");
      break;
    }

  return 0;
}

static int
text_cb (MD_TEXTTYPE  type,
         const MD_CHAR *text,
         MD_SIZE       size,
         void         *user_data)
{
  Builder *b = user_data;

  if (b->code != NULL)
    {
      g_string_append_len (b->code, text, size);
      return 0;
    }

  if (b->inline_markup == NULL)
    start_inline (b);

  switch (type)
    {
    case MD_TEXT_BR:
      g_string_append_c (b->inline_markup, '\n');
      break;
    case MD_TEXT_SOFTBR:
      g_string_append_c (b->inline_markup, ' ');
      break;
    case MD_TEXT_NULLCHAR:
      g_string_append (b->inline_markup, "\xef\xbf\xbd");
      break;
    case MD_TEXT_ENTITY:
      {
        g_autofree char *entity = g_strndup (text, size);
        static const char * const known[][2] = {
          { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
          { "&apos;", "'" }, { "&nbsp;", "\xc2\xa0" }, { "&copy;", "\xc2\xa9" },
        };
        const char *plain = entity;

        for (guint i = 0; i < G_N_ELEMENTS (known); i++)
          if (strcmp (known[i][0], entity) == 0)
            plain = known[i][1];
        if (plain == entity && size > 3 && text[1] == '#')
          {
            gunichar c = text[2] == 'x' || text[2] == 'X'
                           ? (gunichar) g_ascii_strtoull (entity + 3, NULL, 16)
                           : (gunichar) g_ascii_strtoull (entity + 2, NULL, 10);
            char utf8[8] = { 0 };

            if (g_unichar_validate (c) && c != 0)
              {
                g_unichar_to_utf8 (c, utf8);
                append_escaped (b->inline_markup, utf8, strlen (utf8));
                break;
              }
          }
        append_escaped (b->inline_markup, plain, strlen (plain));
      }
      break;
    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_HTML:
    case MD_TEXT_LATEXMATH:
    default:
      append_escaped (b->inline_markup, text, size);
      break;
    }

  return 0;
}

static void
clear_children (TessMarkdown *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

static const MD_PARSER *
get_parser (void)
{
  static const MD_PARSER parser = {
    0,
    MD_DIALECT_GITHUB | MD_FLAG_NOHTML,
    enter_block, leave_block, enter_span, leave_span, text_cb, NULL, NULL,
  };

  return &parser;
}

static void
rebuild (TessMarkdown *self)
{
  Builder b = { 0 };

  clear_children (self);
  b.self = self;
  b.containers[0] = GTK_WIDGET (self);
  b.n_containers = 1;

  md_parse (self->text->str, (MD_SIZE) self->text->len, get_parser (), &b);
  flush_inline (&b);
  if (b.code != NULL)
    g_string_free (b.code, TRUE);

  self->n_blocks = b.blocks;

  if (self->streaming)
    {
      GtkWidget *cursor = gtk_label_new ("\xe2\x96\x8d");
      gtk_widget_add_css_class (cursor, "tess-streaming-cursor");
      gtk_label_set_xalign (GTK_LABEL (cursor), 0);
      gtk_widget_insert_before (cursor, GTK_WIDGET (self), NULL);
    }
}

char *
tess_markdown_to_pango (const char *text)
{
  Builder b = { 0 };
  GtkWidget *sink;
  g_autoptr(GString) all = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  sink = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_object_ref_sink (sink);
  b.containers[0] = sink;
  b.n_containers = 1;
  if (md_parse (text, (MD_SIZE) strlen (text), get_parser (), &b) != 0)
    {
      g_object_unref (sink);
      return NULL;
    }
  flush_inline (&b);
  if (b.code != NULL)
    g_string_free (b.code, TRUE);

  for (GtkWidget *child = gtk_widget_get_first_child (sink); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_object_get_data (G_OBJECT (child), MARKUP_KEY) != NULL)
      {
        if (all->len > 0)
          g_string_append_c (all, '\n');
        g_string_append (all, g_object_get_data (G_OBJECT (child), MARKUP_KEY));
      }
  g_object_unref (sink);

  return g_strdup (all->str);
}

static void
tess_markdown_dispose (GObject *object)
{
  clear_children (TESS_MARKDOWN (object));

  G_OBJECT_CLASS (tess_markdown_parent_class)->dispose (object);
}

static void
tess_markdown_finalize (GObject *object)
{
  TessMarkdown *self = TESS_MARKDOWN (object);

  g_string_free (self->text, TRUE);

  G_OBJECT_CLASS (tess_markdown_parent_class)->finalize (object);
}

static void
tess_markdown_class_init (TessMarkdownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_markdown_dispose;
  object_class->finalize = tess_markdown_finalize;
  gtk_widget_class_set_css_name (widget_class, "tess-markdown");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
tess_markdown_init (TessMarkdown *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  self->text = g_string_new (NULL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 10);
  gtk_widget_add_css_class (GTK_WIDGET (self), "tess-markdown");
}

GtkWidget *
tess_markdown_new (void)
{
  return g_object_new (TESS_TYPE_MARKDOWN, NULL);
}

void
tess_markdown_set_text (TessMarkdown *self,
                        const char   *text,
                        gboolean      streaming)
{
  g_return_if_fail (TESS_IS_MARKDOWN (self));

  g_string_assign (self->text, text ? text : "");
  self->streaming = streaming;
  rebuild (self);
}

void
tess_markdown_append_text (TessMarkdown *self,
                           const char   *delta)
{
  g_return_if_fail (TESS_IS_MARKDOWN (self));

  g_string_append (self->text, delta ? delta : "");
  rebuild (self);
}

const char *
tess_markdown_get_text (TessMarkdown *self)
{
  g_return_val_if_fail (TESS_IS_MARKDOWN (self), NULL);

  return self->text->str;
}

guint
tess_markdown_get_n_blocks (TessMarkdown *self)
{
  g_return_val_if_fail (TESS_IS_MARKDOWN (self), 0);

  return self->n_blocks;
}
