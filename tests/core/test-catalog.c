/* test-catalog.c: the component catalog is complete and consistent with itself
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core/tess-json.h"
#include "core/tess-widget-parser.h"

static void
test_all_components (void)
{
  static const char * const expected[] = {
    "Card", "ListView", "Basic", "ListViewItem", "Box", "Row", "Col", "Form", "Spacer",
    "Divider", "Transition", "Text", "Title", "Caption", "Markdown", "Label", "Badge", "Icon",
    "Image", "Button", "Select", "DatePicker", "Checkbox", "RadioGroup", "Input", "Textarea",
    "Chart", "Table", "Table.Row", "Table.Cell", NULL
  };

  g_assert_cmpuint (tess_catalog_get_n_components (), ==, g_strv_length ((char **) expected));

  for (guint i = 0; expected[i] != NULL; i++)
    {
      const TessComponentInfo *info = tess_catalog_lookup (expected[i]);

      g_assert_nonnull (info);
      g_assert_cmpstr (info->type, ==, expected[i]);
      g_assert_nonnull (info->description);
      g_assert_true (g_str_has_suffix (info->icon_name, "-symbolic"));
    }

  g_assert_null (tess_catalog_lookup ("Carousel"));
  g_assert_null (tess_catalog_lookup ("card"));
}

/* Every prop is described, enums have choices, and each default is a valid value. */
static void
test_props_consistent (void)
{
  for (guint i = 0; i < tess_catalog_get_n_components (); i++)
    {
      const TessComponentInfo *info = tess_catalog_get_component (i);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint j = 0; j < info->n_props; j++)
        {
          const TessPropInfo *prop = &info->props[j];

          g_assert_nonnull (prop->name);
          g_assert_nonnull (prop->description);
          if (!g_hash_table_add (seen, (gpointer) prop->name))
            g_error ("%s.%s is listed twice", info->type, prop->name);
          g_assert_true ((prop->type == TESS_PROP_ENUM) == (prop->values != NULL));
          g_assert_null (tess_catalog_lookup_common_prop (prop->name));
          g_assert_true (tess_component_info_lookup_prop (info, prop->name) == prop);

          if (prop->default_value != NULL)
            {
              g_autoptr(GError) error = NULL;
              g_autoptr(JsonNode) value = tess_json_parse (prop->default_value, -1, &error);
              g_autoptr(GPtrArray) diagnostics = tess_diagnostics_new ();

              g_assert_no_error (error);
              tess_prop_info_validate (prop, value, "", diagnostics);
              if (diagnostics->len > 0)
                g_error ("default of %s.%s is not valid: %s", info->type, prop->name,
                         ((TessDiagnostic *) g_ptr_array_index (diagnostics, 0))->message);
            }
        }

      g_assert_nonnull (tess_component_info_lookup_prop (info, "id"));
      g_assert_nonnull (tess_component_info_lookup_prop (info, "key"));
      g_assert_null (tess_component_info_lookup_prop (info, "nonsense"));
    }
}

static void
test_nesting_rules (void)
{
  const TessComponentInfo *card = tess_catalog_lookup ("Card");
  const TessComponentInfo *list_view = tess_catalog_lookup ("ListView");
  const TessComponentInfo *item = tess_catalog_lookup ("ListViewItem");
  const TessComponentInfo *basic = tess_catalog_lookup ("Basic");
  const TessComponentInfo *text = tess_catalog_lookup ("Text");
  const TessComponentInfo *table = tess_catalog_lookup ("Table");
  const TessComponentInfo *row = tess_catalog_lookup ("Table.Row");
  const TessComponentInfo *cell = tess_catalog_lookup ("Table.Cell");

  g_assert_true (tess_component_info_accepts_child (card, text));
  g_assert_false (tess_component_info_accepts_child (card, list_view));
  g_assert_false (tess_component_info_accepts_child (card, item));
  g_assert_true (tess_component_info_accepts_child (list_view, item));
  g_assert_false (tess_component_info_accepts_child (list_view, text));
  g_assert_true (tess_component_info_accepts_child (basic, card));
  g_assert_true (tess_component_info_accepts_child (basic, text));
  g_assert_false (tess_component_info_accepts_child (text, text));
  g_assert_true (tess_component_info_accepts_child (table, row));
  g_assert_false (tess_component_info_accepts_child (table, cell));
  g_assert_true (tess_component_info_accepts_child (row, cell));
  g_assert_true (tess_component_info_accepts_child (cell, text));
  g_assert_false (tess_component_info_is_container (text));
  g_assert_true (tess_component_info_is_container (card));
}

static void
test_icons (void)
{
  g_assert_cmpuint (g_strv_length ((char **) tess_catalog_get_icon_names ()), ==, 64);
  g_assert_true (tess_catalog_is_icon_name ("sparkle-double"));
  g_assert_true (tess_catalog_is_icon_name ("lucide:rocket"));
  g_assert_true (tess_catalog_is_icon_name ("vendor:acme"));
  g_assert_false (tess_catalog_is_icon_name ("lucide:"));
  g_assert_false (tess_catalog_is_icon_name ("rocket"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/all-components", test_all_components);
  g_test_add_func ("/catalog/props-consistent", test_props_consistent);
  g_test_add_func ("/catalog/nesting-rules", test_nesting_rules);
  g_test_add_func ("/catalog/icons", test_icons);

  return g_test_run ();
}
