/* test-text.c: TessText measures, wraps and reports baselines as a wrapping GtkLabel does
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TessText exists to answer size questions from one shaping of its text; GtkLabel is the
 * reference for every answer (the goldens were drawn with labels), so each text here is
 * measured by both, in the theme's fonts and line heights, at many widths.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "render/tess-text.h"

static const char *const texts[] = {
  "",
  "Item 12",
  "Details",
  "Hello, world",
  "The quick brown fox jumps over the lazy dog, then sits down for a quiet afternoon nap.",
  "Two\nparagraphs, the second one longer",
  "https://example.com/a/rather/long/path/without/spaces?query=value",
  "Price:    $1,299.00   (tax incl.)",
  "日本語のテキストは単語の間に空白がありません",
  "مرحبا بالعالم، هذا نص عربي",
  "Cafe\xcc\x81 de\xcc\x81ja\xcc\x80 vu",
  "AVATAR WAVE Type",
  "One\nTwo\nThree",
};

typedef struct
{
  const char *css;   /* font of the probe */
  int         line_height;
} Style;

static const Style styles[] = {
  { "font-family: Inter; font-size: 16px;", 0 },
  { "font-family: Inter; font-size: 14px; font-weight: 500;", 20 },
  { "font-family: Inter; font-size: 20px; font-weight: 600;", 28 },
  { "font-family: Inter; font-size: 12px; font-style: italic;", 16 },
};

static GtkWidget *
add_probe (GtkWidget  *box,
           GtkWidget  *widget,
           const char *css_class)
{
  gtk_widget_add_css_class (widget, css_class);
  gtk_widget_set_halign (widget, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), widget);
  return widget;
}

static void
compare_one (GtkWidget *label,
             GtkWidget *text,
             const char *what)
{
  int label_min, label_nat, text_min, text_nat;
  int widths[] = { 1, 8, 30, 60, 100, 160, 240, 400, 0, 0, 0 };

  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &label_min, &label_nat, NULL, NULL);
  gtk_widget_measure (text, GTK_ORIENTATION_HORIZONTAL, -1, &text_min, &text_nat, NULL, NULL);
  if (g_test_verbose ())
    g_test_message ("%s: min %d/%d nat %d/%d", what, label_min, text_min, label_nat, text_nat);
  g_assert_cmpint (text_nat, ==, label_nat);
  /* The widest piece is read off the unbroken line, where kerning with its neighbours may
   * make a glyph up to a pixel narrower than it is alone on a line. */
  g_assert_cmpint (text_min, <=, label_min);
  g_assert_cmpint (text_min, >=, label_min - 1);

  widths[G_N_ELEMENTS (widths) - 3] = label_min;
  widths[G_N_ELEMENTS (widths) - 2] = MAX (label_nat - 1, label_min);
  widths[G_N_ELEMENTS (widths) - 1] = label_nat;
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      int width = MAX (widths[i], label_min);
      int label_h, label_base, text_h, text_base, unused;

      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, width, &label_h, &unused, &label_base,
                          &unused);
      gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, width, &text_h, &unused, &text_base,
                          &unused);
      if (g_test_verbose ())
        g_test_message ("%s at %d: height %d/%d baseline %d/%d", what, width, label_h, text_h,
                        label_base, text_base);
      g_assert_cmpint (text_h, ==, label_h);
      g_assert_cmpint (text_base, ==, label_base);
    }
}

typedef enum
{
  WRAPPING,
  TRUNCATED,   /* one line, ellipsized */
  TWO_LINES,   /* wrapping, at most two lines */
} Mode;

static void
compare_all (Mode mode)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  g_autoptr(GString) css = g_string_new (NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      g_string_append_printf (css, ".probe-%u { %s }\n", s, styles[s].css);
      if (styles[s].line_height > 0)
        g_string_append_printf (css, "label.probe-%u.gtk-label { line-height: %dpx; }\n", s,
                                styles[s].line_height);
    }
  gtk_css_provider_load_from_data (provider, css->str, -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_child (GTK_WINDOW (window), box);

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
      {
        g_autofree char *css_class = g_strdup_printf ("probe-%u", s);
        g_autofree char *what = g_strdup_printf ("style %u, \"%s\"", s, texts[t]);
        GtkWidget *label = add_probe (box, gtk_label_new (texts[t]), css_class);
        GtkWidget *text = add_probe (box, tess_text_new (), css_class);

        gtk_widget_add_css_class (label, "gtk-label");
        if (mode == TRUNCATED)
          {
            gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
            gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
            tess_text_set_wrap (TESS_TEXT (text), FALSE);
          }
        else
          {
            gtk_label_set_wrap (GTK_LABEL (label), TRUE);
            gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          }
        if (mode == TWO_LINES)
          {
            gtk_label_set_lines (GTK_LABEL (label), 2);
            gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
            tess_text_set_max_lines (TESS_TEXT (text), 2);
          }
        tess_text_set_text (TESS_TEXT (text), texts[t]);
        tess_text_set_line_height (TESS_TEXT (text), styles[s].line_height);
        compare_one (label, text, what);
      }

  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (provider));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_text_wraps_like_a_label (void)
{
  compare_all (WRAPPING);
}

static void
test_text_truncates_like_a_label (void)
{
  compare_all (TRUNCATED);
}

static void
test_text_limits_lines_like_a_label (void)
{
  compare_all (TWO_LINES);
}

/* Screen readers read a TessText as they read a label: by its text, without the streaming
 * cursor. */
static void
test_text_is_accessible (void)
{
  GtkWidget *text = g_object_ref_sink (tess_text_new ());

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_ROLE_LABEL);
  tess_text_set_text (TESS_TEXT (text), "Hello");
  tess_text_set_cursor (TESS_TEXT (text), TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Hello");
  tess_text_set_text (TESS_TEXT (text), "Hello, world");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Hello, world");
  g_object_unref (text);
}

int
main (int    argc,
      char **argv)
{
  /* GTK's test accessibility backend keeps what widgets tell screen readers */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/wraps-like-a-label", test_text_wraps_like_a_label);
  g_test_add_func ("/text/truncates-like-a-label", test_text_truncates_like_a_label);
  g_test_add_func ("/text/limits-lines-like-a-label", test_text_limits_lines_like_a_label);
  g_test_add_func ("/text/accessible", test_text_is_accessible);

  return g_test_run ();
}
