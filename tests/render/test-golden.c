/* test-golden.c: every licensed corpus widget and every component case, in light and dark,
 * against reference PNGs in tests/render/golden/
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TESS_REGENERATE_GOLDEN=1 rewrites the references (look at each before committing it).
 * A failing comparison leaves the rendering next to the test binary, in golden-actual/.
 */

#include "config.h"

#include <adwaita.h>
#include <pango/pangocairo.h>

#include "render/tess-screenshot.h"
#include "render-test-util.h"

/* A pixel differs when a channel moves by more than this (antialiasing, hinting). */
#define CHANNEL_TOLERANCE 48
/* The share of differing pixels a rendering may have. */
#define PIXEL_TOLERANCE 0.005

typedef struct
{
  char          *name;   /* golden file stem */
  char          *path;   /* widget JSON */
  TessThemeMode  theme;
} GoldenCase;

static void
golden_case_free (gpointer data)
{
  GoldenCase *golden = data;

  g_free (golden->name);
  g_free (golden->path);
  g_free (golden);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static guchar *
download (GdkTexture *texture,
          gsize      *stride)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  guchar *data;

  *stride = (gsize) width * 4;
  data = g_malloc ((gsize) height * *stride);
  gdk_texture_download (texture, data, *stride);
  return data;
}

/* Pictographic emoji: the references were drawn with Noto Color Emoji. */
static gboolean
has_emoji (const char *path)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL) || !g_utf8_validate (contents, -1, NULL))
    return FALSE;
  for (const char *p = contents; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF))
        return TRUE;
    }
  return FALSE;
}

static gboolean
have_emoji_font (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoFontFamily **families = NULL;
  int n = 0;
  gboolean found = FALSE;

  pango_font_map_list_families (map, &families, &n);
  for (int i = 0; i < n && !found; i++)
    found = g_str_equal (pango_font_family_get_name (families[i]), "Noto Color Emoji");
  g_free (families);
  return found;
}

static void
test_golden (gconstpointer user_data)
{
  const GoldenCase *golden = user_data;
  g_autoptr(TessNode) node = rt_parse_file (golden->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) actual = tess_screenshot_render (node, 0, golden->theme, &error);
  g_autofree char *file = g_strdup_printf ("%s.png", golden->name);
  g_autofree char *reference_path = g_build_filename (g_getenv ("TESS_GOLDEN_DIR"), file, NULL);
  g_autoptr(GdkTexture) reference = NULL;
  g_autofree guchar *a = NULL;
  g_autofree guchar *b = NULL;
  gsize stride_a, stride_b;
  int width, height;
  guint64 differing = 0;

  g_assert_no_error (error);
  g_assert_nonnull (actual);

  /* tools/tessera-dev installs the font; a bare `meson test` elsewhere may lack it. */
  if (has_emoji (golden->path) && !have_emoji_font ())
    {
      g_test_skip ("emoji in this widget and no Noto Color Emoji (fonts-noto-color-emoji)");
      return;
    }

  if (g_getenv ("TESS_REGENERATE_GOLDEN") != NULL)
    {
      g_assert_true (gdk_texture_save_to_png (actual, reference_path));
      g_test_message ("wrote %s", reference_path);
      return;
    }

  reference = gdk_texture_new_from_filename (reference_path, &error);
  g_assert_no_error (error);

  width = gdk_texture_get_width (reference);
  height = gdk_texture_get_height (reference);
  if (width == gdk_texture_get_width (actual) && height == gdk_texture_get_height (actual))
    {
      a = download (actual, &stride_a);
      b = download (reference, &stride_b);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            const guchar *pa = a + y * stride_a + x * 4;
            const guchar *pb = b + y * stride_b + x * 4;

            for (int c = 0; c < 4; c++)
              if (ABS ((int) pa[c] - (int) pb[c]) > CHANNEL_TOLERANCE)
                {
                  differing++;
                  break;
                }
          }
    }
  else
    {
      differing = G_MAXUINT64;
    }

  if (differing > (guint64) (PIXEL_TOLERANCE * width * height))
    {
      g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "render",
                                               "golden-actual", NULL);
      g_autofree char *out = g_build_filename (dir, file, NULL);

      g_mkdir_with_parents (dir, 0755);
      gdk_texture_save_to_png (actual, out);
      if (differing == G_MAXUINT64)
        g_test_message ("%s: %d×%d, reference %d×%d (rendering in %s)", golden->name,
                        gdk_texture_get_width (actual), gdk_texture_get_height (actual), width,
                        height, out);
      else
        g_test_message ("%s: %" G_GUINT64_FORMAT " of %d pixels differ (rendering in %s)",
                        golden->name, differing, width * height, out);
      g_test_fail ();
    }
}

/* One rendering per .widget file: its plain data, else its first data variant. */
static void
add_corpus_cases (GPtrArray *cases)
{
  const char *corpus = g_getenv ("TESS_CORPUS_DIR");
  g_autofree char *widgets_dir = g_build_filename (corpus, "widgets", NULL);
  g_autofree char *expected_dir = g_build_filename (corpus, "expected", NULL);
  g_autoptr(GDir) widgets = g_dir_open (widgets_dir, 0, NULL);
  g_autoptr(GDir) expected = g_dir_open (expected_dir, 0, NULL);
  g_autoptr(GPtrArray) expected_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) stems = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (widgets);
  g_assert_nonnull (expected);
  while ((name = g_dir_read_name (expected)) != NULL)
    if (g_str_has_suffix (name, ".json") && !g_str_has_suffix (name, ".error.json"))
      g_ptr_array_add (expected_names, g_strdup (name));
  g_ptr_array_sort (expected_names, compare_strings);
  while ((name = g_dir_read_name (widgets)) != NULL)
    if (g_str_has_suffix (name, ".widget"))
      g_ptr_array_add (stems, g_strndup (name, strlen (name) - strlen (".widget")));
  g_ptr_array_sort (stems, compare_strings);

  for (guint i = 0; i < stems->len; i++)
    {
      const char *stem = g_ptr_array_index (stems, i);
      g_autofree char *plain = g_strconcat (stem, ".json", NULL);
      g_autofree char *prefix = g_strconcat (stem, ".", NULL);
      const char *chosen = NULL;

      for (guint j = 0; j < expected_names->len && chosen == NULL; j++)
        if (strcmp (g_ptr_array_index (expected_names, j), plain) == 0)
          chosen = g_ptr_array_index (expected_names, j);
      for (guint j = 0; j < expected_names->len && chosen == NULL; j++)
        {
          const char *candidate = g_ptr_array_index (expected_names, j);
          if (g_str_has_prefix (candidate, prefix))
            chosen = candidate;
        }
      if (chosen == NULL)
        continue; /* every data variant of this widget fails to render in Jinja */

      for (int theme = TESS_THEME_MODE_LIGHT; theme <= TESS_THEME_MODE_DARK; theme++)
        {
          GoldenCase *golden = g_new0 (GoldenCase, 1);
          g_autofree char *base = g_strndup (chosen, strlen (chosen) - strlen (".json"));

          golden->name = g_strdup_printf ("corpus-%s-%s", base,
                                          theme == TESS_THEME_MODE_DARK ? "dark" : "light");
          golden->path = g_build_filename (expected_dir, chosen, NULL);
          golden->theme = theme;
          g_ptr_array_add (cases, golden);
        }
    }
}

static void
add_component_cases (GPtrArray *cases)
{
  const char *dir = g_getenv ("TESS_RENDER_CASES_DIR");
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    for (int theme = TESS_THEME_MODE_LIGHT; theme <= TESS_THEME_MODE_DARK; theme++)
      {
        const char *file = g_ptr_array_index (names, i);
        g_autofree char *base = g_strndup (file, strlen (file) - strlen (".json"));
        GoldenCase *golden = g_new0 (GoldenCase, 1);

        golden->name = g_strdup_printf ("case-%s-%s", base,
                                        theme == TESS_THEME_MODE_DARK ? "dark" : "light");
        golden->path = g_build_filename (dir, file, NULL);
        golden->theme = theme;
        g_ptr_array_add (cases, golden);
      }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (golden_case_free);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  add_component_cases (cases);
  add_corpus_cases (cases);
  for (guint i = 0; i < cases->len; i++)
    {
      GoldenCase *golden = g_ptr_array_index (cases, i);
      g_autofree char *path = g_strdup_printf ("/render/golden/%s", golden->name);

      g_test_add_data_func (path, golden, test_golden);
    }

  return g_test_run ();
}
