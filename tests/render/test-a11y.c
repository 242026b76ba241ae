/* test-a11y.c: what a screen reader meets in a rendered widget: roles, decorative icons, names
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "render/tess-icon.h"
#include "render/tess-widget-view.h"
#include "render-test-util.h"

static GtkWidget *
view_new (const char *json)
{
  g_autoptr(TessNode) root = rt_parse (json);
  GtkWidget *view = g_object_ref_sink (tess_widget_view_new ());

  tess_widget_view_set_root (TESS_WIDGET_VIEW (view), root);
  return view;
}

static GtkWidget *
lookup (GtkWidget  *view,
        const char *id)
{
  GtkWidget *widget = tess_widget_view_lookup_widget (TESS_WIDGET_VIEW (view), id);

  g_assert_nonnull (widget);
  return widget;
}

static GtkAccessibleRole
role_of (GtkWidget *widget)
{
  return gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
}

static gboolean
is_hidden (GtkWidget *widget)
{
  g_autofree char *value = NULL;

  if (!gtk_test_accessible_has_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN))
    return FALSE;
  /* NULL when the state has the value asked for */
  value = gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN,
                                           TRUE);
  return value == NULL;
}

static void
collect_icons (GtkWidget *widget,
               GPtrArray *icons)
{
  if (TESS_IS_ICON (widget))
    g_ptr_array_add (icons, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_icons (child, icons);
}

/* The first of @widget and its descendants that the renderer gave an accessible name. */
static GtkWidget *
find_named (GtkWidget *widget)
{
  if (tess_render_widget_get_accessible_name (widget) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *named = find_named (child);

      if (named != NULL)
        return named;
    }
  return NULL;
}

/* A ListView is a list of its items, clickable or not. */
static void
test_list_roles (void)
{
  GtkWidget *view = view_new (
    "{\"type\":\"ListView\",\"id\":\"list\",\"children\":["
    "{\"type\":\"ListViewItem\",\"id\":\"plain\",\"children\":[{\"type\":\"Text\","
    "\"value\":\"one\"}]},"
    "{\"type\":\"ListViewItem\",\"id\":\"clickable\",\"onClickAction\":{\"type\":\"open\"},"
    "\"children\":[{\"type\":\"Text\",\"value\":\"two\"}]}]}");
  GtkWidget *plain = lookup (view, "plain");
  GtkWidget *clickable = lookup (view, "clickable");

  g_assert_cmpint (role_of (plain), ==, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  g_assert_cmpint (role_of (clickable), ==, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  /* still a button: it activates */
  g_assert_true (GTK_IS_BUTTON (clickable));
  /* the items are the list's own children */
  g_assert_true (gtk_widget_get_parent (plain) == gtk_widget_get_parent (clickable));
  g_assert_cmpint (role_of (gtk_widget_get_parent (plain)), ==, GTK_ACCESSIBLE_ROLE_LIST);
  g_object_unref (view);
}

/* A Divider separates, a Title heads, by level of its size. */
static void
test_divider_and_title_roles (void)
{
  static const struct
  {
    const char *size;
    int level;
  } titles[] = { { "5xl", 1 }, { "3xl", 1 }, { "xl", 2 }, { "lg", 3 }, { NULL, 3 }, { "sm", 4 } };
  GtkWidget *view = view_new ("{\"type\":\"Row\",\"children\":[{\"type\":\"Text\",\"value\":\"a\"},"
                              "{\"type\":\"Divider\",\"id\":\"d\"},"
                              "{\"type\":\"Text\",\"value\":\"b\"}]}");

  g_assert_cmpint (role_of (lookup (view, "d")), ==, GTK_ACCESSIBLE_ROLE_SEPARATOR);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (lookup (view, "d")),
                                       GTK_ACCESSIBLE_PROPERTY_ORIENTATION,
                                       GTK_ORIENTATION_VERTICAL);
  g_object_unref (view);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"type\":\"Title\",\"id\":\"t\",\"value\":\"Heading\"%s%s%s}",
        titles[i].size ? ",\"size\":\"" : "", titles[i].size ? titles[i].size : "",
        titles[i].size ? "\"" : "");
      GtkWidget *title;

      view = view_new (json);
      title = lookup (view, "t");
      g_assert_cmpint (role_of (title), ==, GTK_ACCESSIBLE_ROLE_HEADING);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL,
                                           titles[i].level);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           "Heading");
      g_object_unref (view);
    }

  /* other text stays a label */
  view = view_new ("{\"type\":\"Text\",\"id\":\"t\",\"value\":\"Body\"}");
  g_assert_cmpint (role_of (lookup (view, "t")), ==, GTK_ACCESSIBLE_ROLE_LABEL);
  g_object_unref (view);
}

/* An Icon beside text is skipped, one on its own reads out its name; so does an Icon whose
 * text went away in an update. */
static void
test_icons_beside_text (void)
{
  GtkWidget *view = view_new (
    "{\"type\":\"Col\",\"children\":["
    "{\"type\":\"Row\",\"id\":\"r\",\"children\":[{\"type\":\"Icon\",\"id\":\"bullet\","
    "\"name\":\"check\"},{\"type\":\"Text\",\"id\":\"x\",\"value\":\"Done\"}]},"
    "{\"type\":\"Row\",\"children\":[{\"type\":\"Icon\",\"id\":\"alone\",\"name\":\"star\"}]}]}");
  g_autoptr(TessNode) update = NULL;
  GtkWidget *bullet = lookup (view, "bullet");
  GtkWidget *alone = lookup (view, "alone");

  g_assert_true (is_hidden (bullet));
  g_assert_false (is_hidden (alone));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (alone), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "star");

  update = rt_parse (
    "{\"type\":\"Col\",\"children\":["
    "{\"type\":\"Row\",\"id\":\"r\",\"children\":[{\"type\":\"Icon\",\"id\":\"bullet\","
    "\"name\":\"check\"}]},"
    "{\"type\":\"Row\",\"children\":[{\"type\":\"Icon\",\"id\":\"alone\",\"name\":\"star\"}]}]}");
  tess_widget_view_set_root (TESS_WIDGET_VIEW (view), update);
  g_assert_true (lookup (view, "bullet") == bullet);
  g_assert_false (is_hidden (bullet));
  g_object_unref (view);
}

/* Icons in controls are skipped: the control has a name of its own. */
static void
test_icons_in_controls (void)
{
  static const char *const cases[] = {
    "{\"type\":\"Button\",\"id\":\"c\",\"label\":\"Save\",\"iconStart\":\"check\","
    "\"iconEnd\":\"chevron-right\"}",
    "{\"type\":\"Button\",\"id\":\"c\",\"iconStart\":\"star\"}",
    "{\"type\":\"Select\",\"id\":\"c\",\"name\":\"s\",\"placeholder\":\"Pick one\","
    "\"clearable\":true,\"options\":[{\"label\":\"A\",\"value\":\"a\"}]}",
    "{\"type\":\"ListView\",\"id\":\"c\",\"status\":{\"text\":\"Results\",\"icon\":\"search\"},"
    "\"children\":[]}",
  };
  static const char *const names[] = { "Save", "star", "Pick one", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *view = view_new (cases[i]);
      GtkWidget *control = lookup (view, "c");
      g_autoptr(GPtrArray) icons = g_ptr_array_new ();

      g_test_message ("%s", cases[i]);
      collect_icons (control, icons);
      g_assert_cmpuint (icons->len, >=, 1);
      for (guint k = 0; k < icons->len; k++)
        g_assert_true (is_hidden (g_ptr_array_index (icons, k)));
      if (names[i] != NULL)
        {
          /* a Select's name is on its menu button, inside the field */
          GtkWidget *named = find_named (control);

          g_assert_nonnull (named);
          g_assert_cmpstr (tess_render_widget_get_accessible_name (named), ==, names[i]);
          gtk_test_accessible_assert_property (GTK_ACCESSIBLE (named),
                                               GTK_ACCESSIBLE_PROPERTY_LABEL, names[i]);
        }
      g_object_unref (view);
    }
}

/* Fields carry their label or placeholder as their accessible name, as GTK reports it. */
static void
test_field_names (void)
{
  const struct
  {
    const char *json;
    GType type;
    const char *name;
  } cases[] = {
    { "{\"type\":\"Input\",\"id\":\"c\",\"name\":\"q\",\"placeholder\":\"Search\"}",
      GTK_TYPE_ENTRY, "Search" },
    { "{\"type\":\"Textarea\",\"id\":\"c\",\"name\":\"q\",\"placeholder\":\"Your message\"}",
      GTK_TYPE_TEXT_VIEW, "Your message" },
    { "{\"type\":\"Checkbox\",\"id\":\"c\",\"name\":\"agree\",\"label\":\"I agree\"}",
      GTK_TYPE_CHECK_BUTTON, "I agree" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *view = view_new (cases[i].json);
      GtkWidget *control = lookup (view, "c");

      if (!G_TYPE_CHECK_INSTANCE_TYPE (control, cases[i].type))
        control = rt_find_descendant (control, cases[i].type);
      g_assert_nonnull (control);
      g_assert_cmpstr (tess_render_widget_get_accessible_name (control), ==, cases[i].name);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (control),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, cases[i].name);
      g_object_unref (view);
    }
}

int
main (int    argc,
      char **argv)
{
  /* the test backend keeps what widgets tell it (the suite's "none" keeps nothing) */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/a11y/list", test_list_roles);
  g_test_add_func ("/render/a11y/divider-title", test_divider_and_title_roles);
  g_test_add_func ("/render/a11y/icons-beside-text", test_icons_beside_text);
  g_test_add_func ("/render/a11y/icons-in-controls", test_icons_in_controls);
  g_test_add_func ("/render/a11y/field-names", test_field_names);

  return g_test_run ();
}
