/* test-render.c: catalog coverage, theme tokens, lengths, icons, Markdown, Chart, Image
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "core/tess-catalog.h"
#include "render/tess-chart.h"
#include "render/tess-flex-layout.h"
#include "render/tess-flex-props.h"
#include "render/tess-icon.h"
#include "render/tess-image.h"
#include "render/tess-markdown.h"
#include "render/tess-plain-box.h"
#include "render/tess-render-private.h"
#include "render/tess-screenshot.h"
#include "render/tess-theme.h"
#include "render-test-util.h"

static void
test_every_catalog_type_has_a_builder (void)
{
  for (guint i = 0; i < tess_catalog_get_n_components (); i++)
    {
      const TessComponentInfo *info = tess_catalog_get_component (i);

      if (!tess_render_has_builder (info->type))
        g_error ("no builder for %s", info->type);
    }
  g_assert_cmpuint (tess_catalog_get_n_components (), ==, 30);
  g_assert_false (tess_render_has_builder ("Marquee"));
}

static void
collect_types (TessNode   *node,
               GHashTable *types)
{
  g_hash_table_add (types, (gpointer) tess_node_get_type_name (node));
  for (guint i = 0; i < tess_node_get_n_children (node); i++)
    collect_types (tess_node_get_child (node, i), types);
}

/* The component cases, rendered, cover every node type of the catalog. */
static void
test_cases_cover_every_type (void)
{
  const char *dir = g_getenv ("TESS_RENDER_CASES_DIR");
  g_autoptr(GDir) cases = g_dir_open (dir, 0, NULL);
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  const char *name;
  GtkWidget *window = NULL, *view = NULL;

  g_assert_nonnull (cases);
  while ((name = g_dir_read_name (cases)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(TessNode) node = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      node = rt_parse_file (path);
      collect_types (node, types);
      if (view == NULL)
        view = rt_show ("{\"type\":\"Basic\",\"children\":[]}", &window);
      rt_show_node (view, node);
      g_assert_nonnull (gtk_widget_get_first_child (view));
    }

  for (guint i = 0; i < tess_catalog_get_n_components (); i++)
    if (!g_hash_table_contains (types, tess_catalog_get_component (i)->type))
      g_error ("no component case uses %s", tess_catalog_get_component (i)->type);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_unknown_type_placeholder (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show ("{\"type\":\"Card\",\"children\":"
                             "[{\"type\":\"Marquee\",\"id\":\"m\"}]}", &window);
  GtkWidget *widget = tess_widget_view_lookup_widget (TESS_WIDGET_VIEW (view), "m");

  g_assert_true (GTK_IS_LABEL (widget));
  g_assert_true (strstr (gtk_label_get_text (GTK_LABEL (widget)), "Marquee") != NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static int parse_errors;

static void
on_parsing_error (GtkCssProvider *provider,
                  GtkCssSection  *section,
                  const GError   *error,
                  gpointer        user_data)
{
  parse_errors++;
}

static void
test_stylesheet_parses (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  const char *css = tess_theme_get_stylesheet ();

  g_signal_connect (provider, "parsing-error", G_CALLBACK (on_parsing_error), NULL);
  gtk_css_provider_load_from_data (provider, css, -1);
  g_assert_cmpint (parse_errors, ==, 0);
  /* Tokens from widgets.md §3.4 and §5 made it in. */
  g_assert_nonnull (strstr (css, ".tess-light .tess-fg-secondary"));
  g_assert_nonnull (strstr (css, "color: #5d5d5d"));
  g_assert_nonnull (strstr (css, "color: #afafaf"));
  g_assert_nonnull (strstr (css, ".tess-title.tess-size-5xl { font-size: 72px;"
                                 " line-height: 72px; }"));
  g_assert_nonnull (strstr (css, "button.tess-btn-danger-solid"));
  g_assert_nonnull (strstr (css, ".tess-badge-discovery-outline"));
  g_assert_nonnull (strstr (css, "\"Inter\""));
}

static char *
resolve (TessColorFamily family,
         const char     *json,
         TessTheme       theme)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  return tess_theme_resolve_color (family, node, theme);
}

static void
test_colors (void)
{
  struct
  {
    TessColorFamily family;
    const char     *json;
    TessTheme       theme;
    const char     *expected;
  } cases[] = {
    { TESS_COLOR_FAMILY_TEXT, "\"secondary\"", TESS_THEME_LIGHT, "rgb(93,93,93)" },
    { TESS_COLOR_FAMILY_TEXT, "\"secondary\"", TESS_THEME_DARK, "rgb(175,175,175)" },
    { TESS_COLOR_FAMILY_BACKGROUND, "\"surface\"", TESS_THEME_DARK, "rgb(33,33,33)" },
    { TESS_COLOR_FAMILY_BORDER, "\"default\"", TESS_THEME_LIGHT, "rgba(13,13,13,0.1)" },
    { TESS_COLOR_FAMILY_TEXT, "\"blue-500\"", TESS_THEME_LIGHT, "rgb(1,105,204)" },
    { TESS_COLOR_FAMILY_TEXT, "\"gray-900\"", TESS_THEME_DARK, "rgb(237,237,237)" },
    { TESS_COLOR_FAMILY_TEXT, "{\"light\":\"#ff0000\",\"dark\":\"red-100\"}", TESS_THEME_DARK,
      "rgb(255,164,162)" },
    { TESS_COLOR_FAMILY_CHART, "\"green\"", TESS_THEME_LIGHT, "rgb(4,184,76)" },
    { TESS_COLOR_FAMILY_TEXT, "\"#0aa\"", TESS_THEME_LIGHT, "rgb(0,170,170)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = resolve (cases[i].family, cases[i].json, cases[i].theme);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }

  /* Anything that is not a colour never reaches CSS. */
  g_assert_null (resolve (TESS_COLOR_FAMILY_TEXT, "\"red; } * { color: blue\"", TESS_THEME_LIGHT));
  g_assert_null (resolve (TESS_COLOR_FAMILY_TEXT, "\"url(x)\"", TESS_THEME_LIGHT));
  g_assert_null (resolve (TESS_COLOR_FAMILY_TEXT, "\"purple-12\"", TESS_THEME_LIGHT));
  g_assert_null (resolve (TESS_COLOR_FAMILY_TEXT, "{\"light\":\"red-500\"}", TESS_THEME_DARK));
  g_assert_null (resolve (TESS_COLOR_FAMILY_TEXT, "42", TESS_THEME_DARK));
}

static gboolean
has_generated_class (GtkWidget *widget)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);

  for (guint i = 0; classes[i] != NULL; i++)
    if (g_str_has_prefix (classes[i], "tess-s"))
      return TRUE;
  return FALSE;
}

static void
test_gradient_backgrounds (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (
    "{\"type\":\"Basic\",\"children\":["
    "{\"type\":\"Box\",\"id\":\"ok\",\"background\":"
    "\"linear-gradient(111deg, #1769C8 0%, #258AE3 56.92%, #31A3F8 100%)\"},"
    "{\"type\":\"Box\",\"id\":\"side\","
    "\"background\":\"linear-gradient(to top right, red, blue)\"},"
    "{\"type\":\"Box\",\"id\":\"evil\",\"background\":"
    "\"linear-gradient(red, blue); } * { color: red\"},"
    "{\"type\":\"Box\",\"id\":\"one\",\"background\":\"linear-gradient(red)\"},"
    "{\"type\":\"Box\",\"id\":\"url\",\"background\":\"url(https://x/y.png) center\"}]}",
    &window);
  TessWidgetView *v = TESS_WIDGET_VIEW (view);

  g_assert_true (has_generated_class (tess_widget_view_lookup_widget (v, "ok")));
  g_assert_true (has_generated_class (tess_widget_view_lookup_widget (v, "side")));
  g_assert_false (has_generated_class (tess_widget_view_lookup_widget (v, "evil")));
  g_assert_false (has_generated_class (tess_widget_view_lookup_widget (v, "one")));
  g_assert_false (has_generated_class (tess_widget_view_lookup_widget (v, "url")));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_lengths (void)
{
  struct { const char *json; gboolean ok; double px; } spacing[] = {
    { "4", TRUE, 16 }, { "0.5", TRUE, 2 }, { "\"12px\"", TRUE, 12 }, { "\"7\"", TRUE, 7 },
    { "\"50%\"", FALSE, 0 }, { "\"auto\"", FALSE, 0 }, { "1e12", FALSE, 0 }, { "true", FALSE, 0 },
    { "\"1rem\"", TRUE, 16 }, { "\"2EM\"", TRUE, 32 }, { "-2", TRUE, -8 },
    /* the bound is on px: 2500 units are 10 000 px, 2501 are beyond */
    { "2500", TRUE, 10000 }, { "2501", FALSE, 0 }, { "\"10001px\"", FALSE, 0 },
    { "\"1e400\"", FALSE, 0 }, { "\"NaN\"", FALSE, 0 }, { "\"12 px\"", FALSE, 0 },
  };
  struct { const char *json; float padding[4], border[4]; } boxes[] = {
    /* a named side wins over x / y, for padding and border alike */
    { "{\"type\":\"Box\",\"padding\":{\"x\":2,\"left\":1,\"y\":\"3px\"},"
      "\"border\":{\"x\":{\"size\":2},\"right\":4}}", { 4, 8, 3, 3 }, { 2, 4, 0, 0 } },
    /* negative, percentage and hostile values are ignored; widths are whole px as GTK lays
     * them out, a hairline taking one */
    { "{\"type\":\"Box\",\"padding\":{\"x\":-2,\"top\":\"10%\",\"bottom\":1e9},"
      "\"border\":{\"top\":0.3,\"bottom\":2.7,\"left\":\"5%\",\"right\":-1}}",
      { 0, 0, 0, 0 }, { 0, 0, 1, 2 } },
    /* a Card's default padding stays on the sides its padding object does not name */
    { "{\"type\":\"Card\",\"padding\":{\"x\":1},\"children\":[]}", { 4, 4, 16, 16 },
      { 0, 0, 0, 0 } },
    { "{\"type\":\"Card\",\"padding\":\"junk\",\"border\":{\"size\":3},\"children\":[]}",
      { 16, 16, 16, 16 }, { 3, 3, 3, 3 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (spacing); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (spacing[i].json, NULL);
      double px = -1;

      g_assert_cmpint (tess_render_spacing_px (node, &px), ==, spacing[i].ok);
      if (spacing[i].ok)
        g_assert_cmpfloat_with_epsilon (px, spacing[i].px, 0.001);
    }

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      g_autoptr(TessNode) node = rt_parse (boxes[i].json);
      float padding[4], border[4];

      tess_flex_props_box_edges (node, padding, border);
      for (guint e = 0; e < 4; e++)
        {
          g_assert_cmpfloat (padding[e], ==, boxes[i].padding[e]);
          g_assert_cmpfloat (border[e], ==, boxes[i].border[e]);
        }
    }

  /* CSS has no negative sizes: the renderer writes none, and the layout takes none either
   * (it gave a Button of size -20px a 0 × 0 box, below the Button's minimum size) */
  {
    g_autoptr(TessNode) button = rt_parse (
      "{\"type\":\"Button\",\"label\":\"b\",\"size\":\"-20px\",\"minWidth\":-5,"
      "\"maxHeight\":\"-1%\",\"flex\":\"1 1 -4px\"}");
    g_autoptr(TessNode) row = rt_parse ("{\"type\":\"Row\",\"gap\":-2,\"children\":[]}");
    TessLayoutStyle style;

    tess_flex_props_item_style (button, NULL, &style);
    g_assert_cmpint (style.size[0].unit, ==, TESS_LAYOUT_UNIT_AUTO);
    g_assert_cmpint (style.size[1].unit, ==, TESS_LAYOUT_UNIT_AUTO);
    g_assert_cmpint (style.min_size[0].unit, ==, TESS_LAYOUT_UNIT_AUTO);
    g_assert_cmpint (style.max_size[1].unit, ==, TESS_LAYOUT_UNIT_AUTO);
    g_assert_cmpint (style.flex_basis.unit, ==, TESS_LAYOUT_UNIT_AUTO);
    tess_flex_props_container_style (row, &style);
    g_assert_cmpfloat (style.gap[0].value, ==, 0);
  }

  /* aspect ratios: "" once reached g_strstrip (NULL), a critical */
  {
    static const struct { const char *json; float ratio; } ratios[] = {
      { "\"16/9\"", 16.f / 9.f }, { "\"2\"", 2 }, { "1.5", 1.5 }, { "\"\"", 0 }, { "\"/\"", 0 },
      { "\"16/0\"", 0 }, { "\"-1/2\"", 0 }, { "\"1/\"", 0 }, { "\"1e7/1e-30\"", 0 },
      { "1e300", 0 }, { "-2", 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (ratios); i++)
      {
        g_autofree char *json = g_strdup_printf ("{\"type\":\"Image\",\"src\":\"x.png\","
                                                 "\"aspectRatio\":%s}", ratios[i].json);
        g_autoptr(TessNode) image = rt_parse (json);
        TessLayoutStyle style;

        tess_flex_props_item_style (image, NULL, &style);
        g_assert_cmpfloat_with_epsilon (style.aspect_ratio, ratios[i].ratio, 1e-6);
      }
  }

  g_assert_cmpint (tess_theme_card_width_px ("sm"), ==, 320);
  g_assert_cmpint (tess_theme_card_width_px ("lg"), ==, 560);
  g_assert_cmpint (tess_theme_control_height_px ("2xl"), ==, 44);
  g_assert_cmpint (tess_theme_radius_px ("full"), ==, 9999);
  g_assert_cmpint (tess_theme_icon_size_px ("xl"), ==, 22);
}

static void
test_icons (void)
{
  const char * const *names = tess_catalog_get_icon_names ();
  g_autofree char *svg = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GdkRGBA red = { 1, 0, 0, 1 };
  guint n = 0;

  for (guint i = 0; names[i] != NULL; i++, n++)
    if (tess_icon_lookup_glyph (names[i]) == NULL)
      g_error ("ChatKit icon %s has no glyph", names[i]);
  g_assert_cmpuint (n, ==, 64);

  g_assert_cmpstr (tess_icon_lookup_glyph ("lucide:rocket"), ==, "rocket");
  g_assert_null (tess_icon_lookup_glyph ("lucide:no-such-icon"));
  g_assert_null (tess_icon_lookup_glyph ("lucide:"));
  g_assert_null (tess_icon_lookup_glyph ("rocket"));
  g_assert_null (tess_icon_lookup_glyph ("vendor:acme"));

  svg = tess_icon_build_svg ("check", "#123456", FALSE);
  g_assert_nonnull (strstr (svg, "stroke=\"#123456\""));
  g_assert_nonnull (strstr (svg, "<path"));

  texture = tess_icon_render_texture ("star-filled", &red, 32);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 32);
  g_assert_null (tess_icon_render_texture ("nope", &red, 32));
  g_assert_null (tess_icon_render_texture ("star", &red, 100000));
}

static void
test_markdown (void)
{
  g_autofree char *inline_markup =
    tess_markdown_to_pango ("*a* **b** ~~c~~ `d` [l](https://x.org/?a=1&b=2) <script>x</script>");
  g_autofree char *entities = tess_markdown_to_pango ("&amp; &#65; &bogus;");
  GtkWidget *markdown = tess_markdown_new ();

  g_assert_cmpstr (inline_markup, ==,
                   "<i>a</i> <b>b</b> <s>c</s> <span font_family=\"DejaVu Sans Mono, DejaVu Sans,"
                   " monospace\" size=\"90%\">d</span> "
                   "<a href=\"https://x.org/?a=1&amp;b=2\">l</a> &lt;script&gt;x&lt;/script&gt;");
  g_assert_cmpstr (entities, ==, "&amp; A &amp;bogus;");

  g_assert_true (tess_markdown_link_is_allowed ("https://example.com"));
  g_assert_true (tess_markdown_link_is_allowed ("HTTP://example.com"));
  g_assert_true (tess_markdown_link_is_allowed ("mailto:a@b.c"));
  g_assert_false (tess_markdown_link_is_allowed ("javascript:alert(1)"));
  g_assert_false (tess_markdown_link_is_allowed ("file:///etc/passwd"));
  g_assert_false (tess_markdown_link_is_allowed ("relative/path"));

  g_object_ref_sink (markdown);
  tess_markdown_set_text (TESS_MARKDOWN (markdown),
                          "# H\n\npara\n\n- a\n- b\n\n> q\n\n```\ncode\n```\n\n| x | y "
                          "|\n|---|---|\n| 1 | 2 |\n",
                          FALSE);
  /* heading, paragraph, two items, quote (+ its paragraph), code, table */
  g_assert_cmpuint (tess_markdown_get_n_blocks (TESS_MARKDOWN (markdown)), ==, 8);
  tess_markdown_set_text (TESS_MARKDOWN (markdown), "", FALSE);
  g_assert_cmpuint (tess_markdown_get_n_blocks (TESS_MARKDOWN (markdown)), ==, 0);
  g_object_unref (markdown);
}

static void
test_markdown_hostile (void)
{
  GString *deep = g_string_new (NULL);
  GtkWidget *markdown = g_object_ref_sink (tess_markdown_new ());

  for (int i = 0; i < 5000; i++)
    g_string_append (deep, "> ");
  g_string_append (deep, "deep\n\n");
  for (int i = 0; i < 2000; i++)
    g_string_append (deep, "*");
  tess_markdown_set_text (TESS_MARKDOWN (markdown), deep->str, FALSE);
  g_assert_cmpuint (tess_markdown_get_n_blocks (TESS_MARKDOWN (markdown)), >, 0);
  g_string_free (deep, TRUE);
  g_object_unref (markdown);
}

static void
test_chart (void)
{
  g_autoptr(TessNode) node = rt_parse (
    "{\"type\":\"Chart\",\"xAxis\":{\"dataKey\":\"m\",\"labels\":{\"Feb\":\"February\"}},"
    "\"data\":[{\"m\":\"Jan\",\"a\":1},{\"m\":\"Feb\",\"a\":18,\"b\":\"4\"}],"
    "\"series\":[{\"type\":\"bar\",\"dataKey\":\"a\",\"label\":\"Alpha\"},"
    "{\"type\":\"line\",\"dataKey\":\"b\"},{\"type\":\"Text\",\"dataKey\":\"z\"}]}");
  GtkWidget *chart;
  g_autofree char *tooltip = NULL;

  /* A Chart is a component, not a root: parse it on its own. */
  chart = g_object_ref_sink (tess_chart_new (node));
  g_assert_cmpuint (tess_chart_get_n_series (TESS_CHART (chart)), ==, 2);
  g_assert_cmpuint (tess_chart_get_n_rows (TESS_CHART (chart)), ==, 2);
  tooltip = tess_chart_dup_tooltip_at (TESS_CHART (chart), 1000);
  g_assert_cmpstr (tooltip, ==, "February\nAlpha: 18\nb: 4");
  g_object_unref (chart);
}

static void
load (const char *uri,
      RtLoaded   *loaded)
{
  memset (loaded, 0, sizeof *loaded);
  tess_image_load_uri (uri, NULL, rt_image_loaded, loaded);
  g_assert_false (loaded->done); /* results never arrive re-entrantly */
  for (int i = 0; i < 500 && !loaded->done; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (loaded->done);
}

static void
test_image_loading (void)
{
  /* A 2×1 PNG. */
  const char *png = "data:image/png;base64,"
                    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAABGdBTUEAALGPC/xhBQAAAC"
                    "BjSFJNAAB6JgAAgIQAAPoAAACA6AAAdTAAAOpgAAA6mAAAF3CculE8AAAABmJLR0QA/wD/"
                    "AP+gvaeTAAAAB3RJTUUH6gsVETEubHPHwgAAAA9JREFUCNdj/M/AwMDAAAAGCAEBw5pgxQ"
                    "AAACV0RVh0ZGF0ZTpjcmVhdGUAMjAyNi0xMS0yMVQxNzo0OTo0NiswMDowMP2WApwAAAAl"
                    "dEVYdGRhdGU6bW9kaWZ5ADIwMjYtMTEtMjFUMTc6NDk6NDYrMDA6MDCMy7ogAAAAAElFTk"
                    "SuQmCC";
  RtLoaded loaded;

  tess_image_set_cache_dir (NULL);
  load (png, &loaded);
  g_assert_no_error (loaded.error);
  g_assert_nonnull (loaded.texture);
  g_assert_cmpint (gdk_texture_get_width (loaded.texture), ==, 2);
  g_clear_object (&loaded.texture);

  /* Cached: the same texture object comes back. */
  load (png, &loaded);
  g_assert_nonnull (loaded.texture);
  g_clear_object (&loaded.texture);

  load ("data:image/png;base64,bm90IGFuIGltYWdl", &loaded);
  g_assert_null (loaded.texture);
  g_assert_nonnull (loaded.error);
  g_clear_error (&loaded.error);

  load ("file:///etc/passwd", &loaded);
  g_assert_error (loaded.error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&loaded.error);

  load ("/avatars/relative.png", &loaded);
  g_assert_nonnull (loaded.error);
  g_clear_error (&loaded.error);

  g_assert_nonnull (g_getenv ("TESS_IMAGE_OFFLINE"));
  load ("https://example.invalid/x.png", &loaded);
  g_assert_nonnull (loaded.error);
  g_clear_error (&loaded.error);

  /* The on-disk cache answers for a URL fetched before, even offline. */
  {
    g_autofree char *cache = g_dir_make_tmp ("tess-image-cache-XXXXXX", NULL);
    const char *uri = "https://example.invalid/cached.png";
    g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
    g_autofree char *file = g_build_filename (cache, digest, NULL);
    g_autoptr(GBytes) bytes = NULL;
    gsize length;
    g_autofree guchar *png_bytes = g_base64_decode (strchr (png, ',') + 1, &length);

    tess_image_set_cache_dir (cache);
    g_assert_true (g_file_set_contents (file, (const char *) png_bytes, length, NULL));
    load (uri, &loaded);
    g_assert_no_error (loaded.error);
    g_assert_nonnull (loaded.texture);
    g_assert_cmpint (gdk_texture_get_height (loaded.texture), ==, 1);
    g_clear_object (&loaded.texture);
    g_unlink (file);
    g_rmdir (cache);
    tess_image_set_cache_dir (NULL);
  }
}

static void
test_list_view_limit (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (
    "{\"type\":\"ListView\",\"limit\":2,\"children\":["
    "{\"type\":\"ListViewItem\",\"key\":\"a\",\"children\":[{\"type\":\"Text\",\"value\":\"A\"}]},"
    "{\"type\":\"ListViewItem\",\"key\":\"b\",\"children\":[{\"type\":\"Text\",\"value\":\"B\"}]},"
    "{\"type\":\"ListViewItem\",\"key\":\"c\",\"children\":[{\"type\":\"Text\","
    "\"value\":\"C\"}]}]}",
    &window);
  TessWidgetView *v = TESS_WIDGET_VIEW (view);
  GtkWidget *rows = gtk_widget_get_parent (tess_widget_view_lookup_widget (v, "a"));
  GtkWidget *show_more = gtk_widget_get_next_sibling (rows);

  g_assert_true (gtk_widget_get_visible (tess_widget_view_lookup_widget (v, "b")));
  g_assert_false (gtk_widget_get_visible (tess_widget_view_lookup_widget (v, "c")));
  g_assert_true (GTK_IS_BUTTON (show_more));
  g_assert_true (gtk_widget_get_visible (show_more));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (show_more)), ==, "Show more");
  g_signal_emit_by_name (show_more, "clicked");
  g_assert_true (gtk_widget_get_visible (tess_widget_view_lookup_widget (v, "c")));
  g_assert_false (gtk_widget_get_visible (show_more));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_theme_modes (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show ("{\"type\":\"Card\",\"children\":[{\"type\":\"Card\",\"id\":\"in\","
                             "\"theme\":\"dark\",\"children\":[]}]}", &window);
  TessWidgetView *v = TESS_WIDGET_VIEW (view);
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_assert_false (tess_widget_view_is_dark (v));
  g_assert_true (gtk_widget_has_css_class (view, "tess-light"));
  /* A forced theme holds for its subtree only. */
  g_assert_true (gtk_widget_has_css_class (tess_widget_view_lookup_widget (v, "in"), "tess-dark"));

  tess_widget_view_set_theme_mode (v, TESS_THEME_MODE_DARK);
  g_assert_true (gtk_widget_has_css_class (view, "tess-dark"));
  g_assert_false (gtk_widget_has_css_class (view, "tess-light"));

  /* System mode follows AdwStyleManager. */
  tess_widget_view_set_theme_mode (v, TESS_THEME_MODE_SYSTEM);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (tess_widget_view_is_dark (v));
  g_assert_true (gtk_widget_has_css_class (view, "tess-dark"));
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (gtk_widget_has_css_class (view, "tess-light"));
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A widget taller than X11 and cairo allow is cut, not an error or a critical. */
static void
test_screenshot_huge_widget (void)
{
  g_autoptr(GString) json = g_string_new ("{\"type\":\"Basic\",\"children\":[");
  g_autoptr(TessNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  /* 90 000 px: nine boxes of the longest length a prop may give */
  for (guint i = 0; i < 9; i++)
    g_string_append_printf (json, "%s{\"type\":\"Box\",\"height\":%g,"
                            "\"children\":[{\"type\":\"Text\",\"value\":\"top\"}]}",
                            i > 0 ? "," : "", TESS_FLEX_PROPS_MAX_PX);
  g_string_append (json, "]}");
  node = rt_parse (json->str);
  texture = tess_screenshot_render (node, 300, TESS_THEME_MODE_LIGHT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 300);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 16384);
}

static void
assert_edge_agrees (const TessLayoutLength *layout,
                    int                     css)
{
  g_assert_cmpint (layout->unit, ==, TESS_LAYOUT_UNIT_PX);
  g_assert_cmpfloat (layout->value, ==, css);
}

/* @box's CSS padding and border are its item style's in the flex layout of its parent. */
static void
assert_box_edges_agree (GtkWidget *box)
{
  GtkLayoutManager *manager = gtk_widget_get_layout_manager (gtk_widget_get_parent (box));
  const TessLayoutStyle *style = tess_flex_layout_child_get_style (
    TESS_FLEX_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (manager, box)));
  GtkBorder padding, border;

  gtk_style_context_get_padding (gtk_widget_get_style_context (box), &padding);
  gtk_style_context_get_border (gtk_widget_get_style_context (box), &border);
  assert_edge_agrees (&style->padding[TESS_LAYOUT_LEFT], padding.left);
  assert_edge_agrees (&style->padding[TESS_LAYOUT_RIGHT], padding.right);
  assert_edge_agrees (&style->padding[TESS_LAYOUT_TOP], padding.top);
  assert_edge_agrees (&style->padding[TESS_LAYOUT_BOTTOM], padding.bottom);
  assert_edge_agrees (&style->border[TESS_LAYOUT_LEFT], border.left);
  assert_edge_agrees (&style->border[TESS_LAYOUT_RIGHT], border.right);
  assert_edge_agrees (&style->border[TESS_LAYOUT_TOP], border.top);
  assert_edge_agrees (&style->border[TESS_LAYOUT_BOTTOM], border.bottom);
}

/* The padding and border a box's CSS reserves are exactly the ones the flex layout reserves
 * for it, whatever the values: the layout gives a box its content size plus its own padding
 * and border, and a box given less than its CSS needs hands its children negative sizes. */
static void
test_box_edges_agree (void)
{
  static const char *const boxes[] = {
    "\"padding\":600", /* 2400 px */
    "\"padding\":{\"top\":65535,\"left\":-3,\"right\":\"-20px\",\"bottom\":\"30%\"}",
    "\"padding\":\"2rem\",\"border\":\"1rem\"",
    "\"border\":100",
    "\"border\":{\"top\":{\"size\":65535},\"left\":1.5,\"right\":123456789012,"
    "\"bottom\":{\"size\":0.25}}",
    "\"border\":{\"size\":-4},\"padding\":1e-9",
  };
  g_autoptr(GString) json = g_string_new ("{\"type\":\"Basic\",\"children\":[");
  TessWidgetView *view;
  GtkWidget *window;

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    g_string_append_printf (json, "%s{\"type\":\"Box\",\"id\":\"b%u\",%s,\"children\":["
                            "{\"type\":\"Text\",\"value\":\"x\"}]}",
                            i > 0 ? "," : "", i, boxes[i]);
  g_string_append (json, "]}");
  view = TESS_WIDGET_VIEW (rt_show (json->str, &window));

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      g_autofree char *id = g_strdup_printf ("b%u", i);

      g_test_message ("%s", boxes[i]);
      assert_box_edges_agree (tess_widget_view_lookup_widget (view, id));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_card_width_preset (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show ("{\"type\":\"Card\",\"size\":\"sm\",\"children\":["
                             "{\"type\":\"Text\",\"value\":\"x\"}]}", &window);
  int minimum, natural;

  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 320);
  g_assert_cmpint (minimum, <, 320);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- TessFlexLayout against whatever its styles say ------------------------------------- */

/* A row of @child alone, with @style as its item style, allocated at 300 × 200. */
static GtkWidget *
allocate_alone (GtkWidget             *child,
                const TessLayoutStyle *style)
{
  GtkWidget *row = g_object_ref_sink (tess_plain_box_new ());
  GtkLayoutManager *manager = gtk_widget_get_layout_manager (row);
  TessLayoutStyle row_style;
  int minimum, natural;

  tess_layout_style_init (&row_style);
  row_style.flex_direction = TESS_LAYOUT_ROW;
  tess_flex_layout_set_style (TESS_FLEX_LAYOUT (manager), &row_style);
  tess_plain_box_append (TESS_PLAIN_BOX (row), child);
  tess_flex_layout_child_set_style (
    TESS_FLEX_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (manager, child)), style);
  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, 300, &minimum, &natural, NULL, NULL);
  gtk_widget_allocate (row, 300, 200, -1, NULL);
  return row;
}

/* A box sized below what GTK needs (CSS lets content overflow a fixed size; GTK cannot) gets
 * what GTK needs: a widget its minimum size, a flex container its own padding and border.
 * Given less, GTK lays their insides out at negative sizes (criticals, or worse). */
static void
test_flex_layout_allocates_what_gtk_needs (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  GtkWidget *button = gtk_button_new_with_label ("A label wider than five pixels");
  GtkWidget *padded = tess_plain_box_new ();
  g_autoptr(GtkWidget) row = NULL;
  GtkAllocation allocation;
  TessLayoutStyle style;
  int min_width, min_height;

  tess_layout_style_init (&style);
  style.size[0] = style.size[1] = TESS_LAYOUT_PX (5);
  style.min_size[0] = style.min_size[1] = TESS_LAYOUT_PX (0);

  row = allocate_alone (button, &style);
  gtk_widget_get_allocation (button, &allocation);
  gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, >, 5);
  g_assert_cmpint (allocation.width, >=, min_width);
  gtk_widget_measure (button, GTK_ORIENTATION_VERTICAL, allocation.width, &min_height, NULL,
                      NULL, NULL);
  g_assert_cmpint (allocation.height, >=, min_height);
  g_clear_object (&row);

  /* 20 px of padding and 3 of border on each side: 46 px of box around overflowing content */
  gtk_css_provider_load_from_data (provider,
                                   ".tess-test-padded { padding: 20px; border: 3px solid; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_widget_add_css_class (padded, "tess-test-padded");
  tess_plain_box_append (TESS_PLAIN_BOX (padded), gtk_button_new_with_label ("inside"));
  row = allocate_alone (padded, &style);
  gtk_widget_get_allocation (padded, &allocation);
  g_assert_cmpint (allocation.width, ==, 46);
  g_assert_cmpint (allocation.height, ==, 46);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (provider));
}

/* Engine sizes beyond what ints hold reach GTK clamped: measured and allocated as the largest
 * size TessFlexLayout hands GTK, never as a wrapped-around negative int. */
static void
test_flex_layout_clamps_huge_sizes (void)
{
  GtkWidget *child = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *column = g_object_ref_sink (tess_plain_box_new ());
  GtkLayoutManager *manager = gtk_widget_get_layout_manager (column);
  TessLayoutStyle style;
  int minimum, natural;

  tess_plain_box_append (TESS_PLAIN_BOX (column), child);
  tess_layout_style_init (&style);
  /* 3e9 px: more than an int holds; a fixed height is what the child's width is measured
   * for, a basis what the column's height is made of */
  style.size[0] = style.size[1] = TESS_LAYOUT_PX (3e9);
  style.flex_basis = TESS_LAYOUT_PX (3e9);
  tess_flex_layout_child_set_style (
    TESS_FLEX_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (manager, child)), &style);

  gtk_widget_measure (column, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >=, 1000000);
  g_assert_cmpint (natural, >=, minimum);
  gtk_widget_measure (column, GTK_ORIENTATION_VERTICAL, natural, &minimum, &natural, NULL,
                      NULL);
  g_assert_cmpint (natural, >=, 1000000);
  gtk_widget_allocate (column, 400, natural, -1, NULL);
  g_assert_cmpint (gtk_widget_get_width (child), >=, 1000000);
  g_assert_cmpint (gtk_widget_get_height (child), >=, 1000000);
  g_object_unref (column);
}

/* A wrapping one-line label given a fixed height (or a row's definite one): its width used to
 * be measured for that height, which GtkLabel answers with a natural width below its minimum
 * (a GTK warning). Text widths depend on no height, as in CSS. */
static void
test_flex_layout_text_width_ignores_height (void)
{
  GtkWidget *label = gtk_label_new ("-1000000000");
  g_autoptr(GtkWidget) row = NULL;
  GtkAllocation allocation;
  TessLayoutStyle style;
  int min_width, natural_width;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  tess_layout_style_init (&style);
  style.size[1] = TESS_LAYOUT_PX (6000);
  row = allocate_alone (label, &style);

  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &natural_width, NULL,
                      NULL);
  gtk_widget_get_allocation (label, &allocation);
  g_assert_cmpint (allocation.width, ==, natural_width);
  g_assert_cmpint (allocation.height, ==, 6000);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/render/catalog/builders", test_every_catalog_type_has_a_builder);
  g_test_add_func ("/render/catalog/cases-cover-types", test_cases_cover_every_type);
  g_test_add_func ("/render/catalog/unknown-type", test_unknown_type_placeholder);
  g_test_add_func ("/render/theme/stylesheet", test_stylesheet_parses);
  g_test_add_func ("/render/theme/colors", test_colors);
  g_test_add_func ("/render/theme/modes", test_theme_modes);
  g_test_add_func ("/render/theme/gradients", test_gradient_backgrounds);
  g_test_add_func ("/render/layout/lengths", test_lengths);
  g_test_add_func ("/render/layout/box-edges-agree", test_box_edges_agree);
  g_test_add_func ("/render/layout/card-width", test_card_width_preset);
  g_test_add_func ("/render/flex-layout/allocates-what-gtk-needs",
                   test_flex_layout_allocates_what_gtk_needs);
  g_test_add_func ("/render/flex-layout/clamps-huge-sizes", test_flex_layout_clamps_huge_sizes);
  g_test_add_func ("/render/flex-layout/text-width-ignores-height",
                   test_flex_layout_text_width_ignores_height);
  g_test_add_func ("/render/screenshot/huge-widget", test_screenshot_huge_widget);
  g_test_add_func ("/render/icons", test_icons);
  g_test_add_func ("/render/markdown/convert", test_markdown);
  g_test_add_func ("/render/markdown/hostile", test_markdown_hostile);
  g_test_add_func ("/render/chart", test_chart);
  g_test_add_func ("/render/image/loading", test_image_loading);
  g_test_add_func ("/render/list-view/limit", test_list_view_limit);

  return g_test_run ();
}
