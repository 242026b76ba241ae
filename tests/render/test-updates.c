/* test-updates.c: streaming deltas, component and root updates keep focus and typed text
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "render/tess-markdown.h"
#include "render/tess-text.h"
#include "render-test-util.h"

static const char base_json[] =
  "{\"type\":\"Card\",\"children\":["
  "{\"type\":\"Text\",\"id\":\"t1\",\"value\":\"Hel\",\"streaming\":true},"
  "{\"type\":\"Input\",\"id\":\"in\",\"name\":\"q\"},"
  "{\"type\":\"Text\",\"id\":\"t2\",\"value\":\"static\"}]}";

static gboolean
apply (GtkWidget  *view,
       const char *update_json,
       GError    **error)
{
  g_autoptr(JsonNode) update = json_from_string (update_json, NULL);

  g_assert_nonnull (update);
  return tess_widget_view_apply_update (TESS_WIDGET_VIEW (view), update, error);
}

static gboolean
has_focus_within (GtkWidget *window,
                  GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
type_and_focus (GtkWidget *entry,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_widget_grab_focus (entry);
  gtk_editable_set_position (GTK_EDITABLE (entry), 2);
  rt_iterate ();
}

static void
test_streaming_delta (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (base_json, &window);
  TessWidgetView *v = TESS_WIDGET_VIEW (view);
  GtkWidget *entry = tess_widget_view_lookup_widget (v, "in");
  GtkWidget *label = tess_widget_view_lookup_widget (v, "t1");
  g_autoptr(GError) error = NULL;

  type_and_focus (entry, "typed");
  g_assert_true (has_focus_within (window, entry));

  g_assert_true (apply (view, "{\"type\":\"widget.streaming_text.value_delta\","
                              "\"component_id\":\"t1\",\"delta\":\"lo, wor\",\"done\":false}",
                        &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tess_text_get_text (TESS_TEXT (label)), ==, "Hello, wor");
  g_assert_true (tess_text_get_cursor (TESS_TEXT (label)));
  g_assert_true (apply (view, "{\"type\":\"widget.streaming_text.value_delta\","
                              "\"component_id\":\"t1\",\"delta\":\"ld\",\"done\":true}",
                        &error));
  /* Done: the streaming cursor is gone, the text is exact. */
  g_assert_cmpstr (tess_text_get_text (TESS_TEXT (label)), ==, "Hello, world");
  g_assert_false (tess_text_get_cursor (TESS_TEXT (label)));
  g_assert_cmpstr (tess_node_get_string (tess_node_find_by_id (tess_widget_view_get_root (v), "t1"),
                                         "value"), ==, "Hello, world");

  g_assert_true (tess_widget_view_lookup_widget (v, "in") == entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "typed");
  g_assert_true (has_focus_within (window, entry));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_streaming_markdown (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show ("{\"type\":\"Card\",\"children\":[{\"type\":\"Markdown\","
                             "\"id\":\"md\",\"value\":\"**bo\",\"streaming\":true}]}", &window);
  GtkWidget *markdown = tess_widget_view_lookup_widget (TESS_WIDGET_VIEW (view), "md");
  g_autoptr(GError) error = NULL;
  g_autofree char *pango = NULL;

  g_assert_true (apply (view, "{\"type\":\"widget.streaming_text.value_delta\","
                              "\"component_id\":\"md\",\"delta\":\"ld** text\",\"done\":true}",
                        &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tess_markdown_get_text (TESS_MARKDOWN (markdown)), ==, "**bold** text");
  pango = tess_markdown_to_pango (tess_markdown_get_text (TESS_MARKDOWN (markdown)));
  g_assert_cmpstr (pango, ==, "<b>bold</b> text");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bad_updates (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (base_json, &window);
  g_autoptr(GError) error = NULL;

  g_assert_false (apply (view, "{\"type\":\"widget.streaming_text.value_delta\","
                               "\"component_id\":\"nope\",\"delta\":\"x\"}", &error));
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, "/component_id") != NULL);
  g_clear_error (&error);
  g_assert_false (apply (view, "{\"type\":\"widget.streaming_text.value_delta\","
                               "\"component_id\":\"in\",\"delta\":\"x\"}", &error));
  g_clear_error (&error);
  g_assert_false (apply (view, "{\"type\":\"widget.unknown\"}", &error));
  g_assert_true (strstr (error->message, "/type") != NULL);
  g_clear_error (&error);
  g_assert_false (apply (view, "[1,2]", &error));
  g_clear_error (&error);
  g_assert_false (apply (view, "{\"type\":\"widget.root.updated\",\"widget\":3}", &error));
  g_clear_error (&error);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_root_updated_keeps_state (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (base_json, &window);
  TessWidgetView *v = TESS_WIDGET_VIEW (view);
  GtkWidget *entry = tess_widget_view_lookup_widget (v, "in");
  GtkWidget *static_label = tess_widget_view_lookup_widget (v, "t2");
  g_autoptr(GError) error = NULL;

  type_and_focus (entry, "half-typed");

  /* A new badge before the input, a changed text, a card prop change. */
  g_assert_true (apply (view,
    "{\"type\":\"widget.root.updated\",\"widget\":{\"type\":\"Card\",\"size\":\"lg\",\"children\":["
    "{\"type\":\"Text\",\"id\":\"t1\",\"value\":\"Replaced text\"},"
    "{\"type\":\"Badge\",\"id\":\"new\",\"label\":\"New\"},"
    "{\"type\":\"Input\",\"id\":\"in\",\"name\":\"q\"},"
    "{\"type\":\"Text\",\"id\":\"t2\",\"value\":\"static\"}]}}", &error));
  g_assert_no_error (error);
  rt_iterate ();

  g_assert_true (tess_widget_view_lookup_widget (v, "in") == entry);
  g_assert_true (tess_widget_view_lookup_widget (v, "t2") == static_label);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "half-typed");
  g_assert_true (has_focus_within (window, entry));
  g_assert_nonnull (tess_widget_view_lookup_widget (v, "new"));
  /* The badge sits between the text and the input. */
  g_assert_true (gtk_widget_get_prev_sibling (gtk_widget_get_parent (entry)) ==
                 tess_widget_view_lookup_widget (v, "new"));
  g_assert_cmpstr (tess_text_get_text (TESS_TEXT (tess_widget_view_lookup_widget (v, "t1"))),
                   ==,
                   "Replaced text");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_component_updated (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (base_json, &window);
  TessWidgetView *v = TESS_WIDGET_VIEW (view);
  GtkWidget *entry = tess_widget_view_lookup_widget (v, "in");
  g_autoptr(GError) error = NULL;

  type_and_focus (entry, "kept");
  g_assert_true (apply (view, "{\"type\":\"widget.component.updated\",\"component_id\":\"t2\","
                              "\"component\":{\"type\":\"Badge\",\"id\":\"t2\",\"label\":\"Now a "
                              "badge\"}}",
                        &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (tess_widget_view_lookup_widget (v, "t2"))), ==,
                   "Now a badge");
  g_assert_true (gtk_widget_has_css_class (tess_widget_view_lookup_widget (v, "t2"), "tess-badge"));
  g_assert_true (tess_widget_view_lookup_widget (v, "in") == entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "kept");
  g_assert_true (has_focus_within (window, entry));

  g_assert_false (apply (view, "{\"type\":\"widget.component.updated\",\"component_id\":\"zz\","
                               "\"component\":{\"type\":\"Text\",\"value\":\"x\"}}", &error));
  g_assert_nonnull (error);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_keyed_reorder (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (
    "{\"type\":\"ListView\",\"children\":["
    "{\"type\":\"ListViewItem\",\"key\":\"a\",\"children\":[{\"type\":\"Text\",\"value\":\"A\"}]},"
    "{\"type\":\"ListViewItem\",\"key\":\"b\",\"children\":[{\"type\":\"Text\",\"value\":\"B\"}]},"
    "{\"type\":\"ListViewItem\",\"key\":\"c\",\"children\":[{\"type\":\"Text\","
    "\"value\":\"C\"}]}]}",
    &window);
  TessWidgetView *v = TESS_WIDGET_VIEW (view);
  GtkWidget *a = tess_widget_view_lookup_widget (v, "a");
  g_autoptr(GtkWidget) b = g_object_ref (tess_widget_view_lookup_widget (v, "b"));
  GtkWidget *c = tess_widget_view_lookup_widget (v, "c");
  g_autoptr(TessNode) reordered = rt_parse (
    "{\"type\":\"ListView\",\"children\":["
    "{\"type\":\"ListViewItem\",\"key\":\"c\",\"children\":[{\"type\":\"Text\",\"value\":\"C\"}]},"
    "{\"type\":\"ListViewItem\",\"key\":\"a\",\"children\":[{\"type\":\"Text\",\"value\":\"A\"}]},"
    "{\"type\":\"ListViewItem\",\"key\":\"d\",\"children\":[{\"type\":\"Text\","
    "\"value\":\"D\"}]}]}");

  rt_show_node (view, reordered);
  g_assert_true (tess_widget_view_lookup_widget (v, "a") == a);
  g_assert_true (tess_widget_view_lookup_widget (v, "c") == c);
  g_assert_null (tess_widget_view_lookup_widget (v, "b"));
  g_assert_null (gtk_widget_get_parent (b));
  g_assert_true (gtk_widget_get_next_sibling (c) == a);
  g_assert_true (gtk_widget_get_next_sibling (a) == tess_widget_view_lookup_widget (v, "d"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_transition_swap (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Transition\",\"id\":\"tr\",\"children\":"
    "{\"type\":\"Text\",\"key\":\"one\",\"value\":\"First\"}}]}", &window);
  TessWidgetView *v = TESS_WIDGET_VIEW (view);
  GtkWidget *stack = tess_widget_view_lookup_widget (v, "tr");
  g_autoptr(GtkWidget) first = g_object_ref (tess_widget_view_lookup_widget (v, "one"));
  g_autoptr(TessNode) next = rt_parse (
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Transition\",\"id\":\"tr\",\"children\":"
    "{\"type\":\"Text\",\"key\":\"two\",\"value\":\"Second\"}}]}");
  GtkWidget *second;

  g_assert_true (GTK_IS_STACK (stack));
  rt_show_node (view, next);
  second = tess_widget_view_lookup_widget (v, "two");
  g_assert_nonnull (second);
  g_assert_true (second != first);
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (stack)) == second);
  g_assert_cmpint (gtk_stack_get_transition_type (GTK_STACK (stack)), ==,
                   GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  /* The old page leaves once the crossfade is over. */
  for (int i = 0; i < 20 && gtk_widget_get_parent (first) == stack; i++)
    rt_iterate ();
  g_assert_true (gtk_widget_get_parent (first) != stack);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_typed_values_survive_prop_change_elsewhere (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Form\",\"gap\":2,\"children\":["
    "{\"type\":\"Textarea\",\"id\":\"ta\",\"name\":\"body\"},"
    "{\"type\":\"Checkbox\",\"id\":\"cb\",\"name\":\"ok\"},"
    "{\"type\":\"Text\",\"id\":\"hint\",\"value\":\"0 chars\"}]}]}", &window);
  TessWidgetView *v = TESS_WIDGET_VIEW (view);
  GtkWidget *text_view = tess_widget_view_lookup_widget (v, "ta");
  GtkWidget *check = tess_widget_view_lookup_widget (v, "cb");
  g_autoptr(TessNode) next = rt_parse (
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Form\",\"gap\":4,\"padding\":2,\"children\":["
    "{\"type\":\"Textarea\",\"id\":\"ta\",\"name\":\"body\"},"
    "{\"type\":\"Checkbox\",\"id\":\"cb\",\"name\":\"ok\"},"
    "{\"type\":\"Text\",\"id\":\"hint\",\"value\":\"5 chars\",\"color\":\"secondary\"}]}]}");
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), "hello", -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_grab_focus (text_view);
  rt_show_node (view, next);

  g_assert_true (tess_widget_view_lookup_widget (v, "ta") == text_view);
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), &start, &end);
  text = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (text, ==, "hello");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_true (has_focus_within (window, text_view));
  g_assert_cmpstr (tess_text_get_text (TESS_TEXT (tess_widget_view_lookup_widget (v, "hint"))),
                   ==,
                   "5 chars");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/render/updates/streaming-delta", test_streaming_delta);
  g_test_add_func ("/render/updates/streaming-markdown", test_streaming_markdown);
  g_test_add_func ("/render/updates/bad-updates", test_bad_updates);
  g_test_add_func ("/render/updates/root-updated", test_root_updated_keeps_state);
  g_test_add_func ("/render/updates/component-updated", test_component_updated);
  g_test_add_func ("/render/updates/keyed-reorder", test_keyed_reorder);
  g_test_add_func ("/render/updates/transition", test_transition_swap);
  g_test_add_func ("/render/updates/typed-values", test_typed_values_survive_prop_change_elsewhere);

  return g_test_run ();
}
