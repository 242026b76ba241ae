/* test-fonts.c: the theme names its fonts, and the tests see only those
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FONTCONFIG_FILE is tests/fonts/fonts.conf (generated in the build directory) and
 * TESS_FONT_FILES the font files meson found for it, ':'-separated.
 */

#include "config.h"

#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "render/tess-theme.h"

/* Every family list in the stylesheet and the Markdown code markup, each as a strv. */
static GPtrArray *
theme_family_lists (void)
{
  GPtrArray *lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *p = tess_theme_get_stylesheet ();

  while ((p = strstr (p, "font-family:")) != NULL)
    {
      const char *end;
      g_autofree char *value = NULL;
      g_auto(GStrv) parts = NULL;

      p += strlen ("font-family:");
      end = p + strcspn (p, ";}");
      value = g_strndup (p, end - p);
      parts = g_strsplit (value, ",", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (parts[i][0] == '"' && g_str_has_suffix (parts[i], "\"") && strlen (parts[i]) > 1)
            {
              char *unquoted = g_strndup (parts[i] + 1, strlen (parts[i]) - 2);

              g_free (parts[i]);
              parts[i] = unquoted;
            }
        }
      g_ptr_array_add (lists, g_steal_pointer (&parts));
      p = end;
    }
  {
    char **code = g_strsplit (TESS_THEME_CODE_FAMILIES, ",", -1);

    for (guint i = 0; code[i] != NULL; i++)
      g_strstrip (code[i]);
    g_ptr_array_add (lists, code);
  }
  return lists;
}

/* What fontconfig gives for a family list (and Pango's "emoji"), as Pango asks for it. */
static FcPattern *
match (FcConfig           *config,
       const char * const *families)
{
  FcPattern *pattern = FcPatternCreate ();
  FcPattern *font;
  FcResult result;

  for (guint i = 0; families[i] != NULL; i++)
    FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) families[i]);
  FcPatternAddDouble (pattern, FC_PIXEL_SIZE, 14);
  FcConfigSubstitute (config, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  font = FcFontMatch (config, pattern, &result);
  FcPatternDestroy (pattern);
  g_assert_nonnull (font);
  return font;
}

static char *
pattern_string (FcPattern  *pattern,
                const char *object)
{
  FcChar8 *value = NULL;

  if (FcPatternGetString (pattern, object, 0, &value) != FcResultMatch)
    return NULL;
  return g_strdup ((const char *) value);
}

static GPtrArray *
config_files (FcConfig *config)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  FcFontSet *set = FcConfigGetFonts (config, FcSetSystem);

  for (int i = 0; set != NULL && i < set->nfont; i++)
    g_ptr_array_add (files, pattern_string (set->fonts[i], FC_FILE));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  return files;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
assert_files_are_the_wanted (GPtrArray *files)
{
  g_auto(GStrv) wanted = g_strsplit (g_getenv ("TESS_FONT_FILES"), ":", -1);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; wanted[i] != NULL; i++)
    g_ptr_array_add (sorted, wanted[i]);
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_sort (files, compare_strings);
  for (guint i = 0; i < MAX (sorted->len, files->len); i++)
    g_assert_cmpstr (i < files->len ? g_ptr_array_index (files, i) : NULL, ==,
                     i < sorted->len ? g_ptr_array_index (sorted, i) : NULL);
}

/* The test configuration holds exactly the files meson found, whatever else is installed. */
static void
test_private_config (void)
{
  g_autoptr(GPtrArray) files = NULL;

  g_assert_nonnull (g_getenv ("FONTCONFIG_FILE"));
  g_assert_nonnull (g_getenv ("TESS_FONT_FILES"));
  g_assert_true (FcInit ());
  files = config_files (NULL);
  assert_files_are_the_wanted (files);
}

/* Each family list starts with a font that is there: no generic family decides. */
static void
test_theme_names_fonts (void)
{
  g_autoptr(GPtrArray) lists = theme_family_lists ();
  const char * const emoji[] = { "emoji", NULL };
  g_autofree char *emoji_family = NULL;
  FcPattern *font;

  g_assert_cmpuint (lists->len, >=, 3);
  for (guint i = 0; i < lists->len; i++)
    {
      const char * const *families = g_ptr_array_index (lists, i);
      g_autofree char *joined = g_strjoinv (", ", (char **) families);
      g_autofree char *family = NULL;

      font = match (NULL, families);
      family = pattern_string (font, FC_FAMILY);
      g_test_message ("%s → %s", joined, family);
      g_assert_cmpstr (family, ==, families[0]);
      FcPatternDestroy (font);
    }

  font = match (NULL, emoji);
  emoji_family = pattern_string (font, FC_FAMILY);
  g_assert_cmpstr (emoji_family, ==, TESS_THEME_EMOJI_FAMILY);
  FcPatternDestroy (font);
}

static void
collect_font_files (const char *dir,
                    GPtrArray  *files,
                    int         depth)
{
  g_autoptr(GDir) handle = depth < 6 ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_font_files (path, files, depth + 1);
      else if (g_str_has_suffix (name, ".ttf") || g_str_has_suffix (name, ".otf") ||
               g_str_has_suffix (name, ".ttc"))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

/* The same configuration with one more directory full of other fonts (every other font file
 * installed, and whatever fonts-liberation2 or fonts-noto-mono brought, which would otherwise
 * win a sans-serif or monospace match): the theme's families and the generic ones still come
 * from the same files, and no decoy is seen. */
static void
test_decoy_fonts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *decoys = g_dir_make_tmp ("tess-decoy-fonts-XXXXXX", &error);
  g_autofree char *conf_text = NULL;
  g_autofree char *with_decoys = NULL;
  g_autoptr(GPtrArray) installed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lists = theme_family_lists ();
  g_autoptr(GPtrArray) files = NULL;
  g_auto(GStrv) wanted = g_strsplit (g_getenv ("TESS_FONT_FILES"), ":", -1);
  const char * const generics[][2] = {
    { "sans-serif", NULL }, { "serif", NULL }, { "monospace", NULL }, { "emoji", NULL },
  };
  guint n_decoys = 0;
  const char *dir_tag;
  FcConfig *config;

  g_assert_no_error (error);
  collect_font_files ("/usr/share/fonts", installed, 0);
  for (guint i = 0; i < installed->len; i++)
    {
      const char *path = g_ptr_array_index (installed, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *link = g_build_filename (decoys, base, NULL);

      if (g_strv_contains ((const char * const *) wanted, path))
        continue;
      if (symlink (path, link) == 0)
        n_decoys++;
    }
  g_test_message ("%u decoy fonts in %s", n_decoys, decoys);
  /* fonts-dejavu-core alone ships DejaVu Serif, which none of the tests uses. */
  g_assert_cmpuint (n_decoys, >, 0);

  g_assert_true (g_file_get_contents (g_getenv ("FONTCONFIG_FILE"), &conf_text, NULL, &error));
  g_assert_no_error (error);
  dir_tag = strstr (conf_text, "  <dir>");
  g_assert_nonnull (dir_tag);
  with_decoys = g_strdup_printf ("%.*s  <dir>%s</dir>\n%s", (int) (dir_tag - conf_text),
                                 conf_text, decoys, dir_tag);

  config = FcConfigCreate ();
  g_assert_true (FcConfigParseAndLoadFromMemory (config, (const FcChar8 *) with_decoys, FcTrue));
  g_assert_true (FcConfigBuildFonts (config));

  files = config_files (config);
  assert_files_are_the_wanted (files);

  for (guint i = 0; i < lists->len + G_N_ELEMENTS (generics); i++)
    {
      const char * const *families = i < lists->len ? g_ptr_array_index (lists, i)
                                                    : generics[i - lists->len];
      FcPattern *ours = match (NULL, families);
      FcPattern *theirs = match (config, families);
      g_autofree char *our_file = pattern_string (ours, FC_FILE);
      g_autofree char *their_file = pattern_string (theirs, FC_FILE);

      g_assert_cmpstr (their_file, ==, our_file);
      FcPatternDestroy (ours);
      FcPatternDestroy (theirs);
    }

  FcConfigDestroy (config);
  for (guint i = 0; i < installed->len; i++)
    {
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (installed, i));
      g_autofree char *link = g_build_filename (decoys, base, NULL);

      g_unlink (link);
    }
  g_rmdir (decoys);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/fonts/private-config", test_private_config);
  g_test_add_func ("/render/fonts/theme-names-fonts", test_theme_names_fonts);
  g_test_add_func ("/render/fonts/decoy-fonts", test_decoy_fonts);

  return g_test_run ();
}
