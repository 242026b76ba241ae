/* test-actions.c: the action signal at every site, form payloads, validation, loading
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "render-test-util.h"

typedef struct
{
  GPtrArray *actions;   /* TessActionConfig */
  GPtrArray *senders;   /* TessNode */
  GPtrArray *errors;    /* char * */
} Log;

static void
on_action (TessWidgetView   *view,
           TessActionConfig *action,
           TessNode         *sender,
           Log              *log)
{
  g_ptr_array_add (log->actions, tess_action_config_copy (action));
  g_ptr_array_add (log->senders, g_object_ref (sender));
}

static void
on_error (TessWidgetView *view,
          const char     *message,
          TessNode       *node,
          Log            *log)
{
  g_ptr_array_add (log->errors, g_strdup (message));
}

static GtkWidget *
show_logged (const char  *json,
             GtkWidget  **window,
             Log         *log)
{
  GtkWidget *view = rt_show (json, window);

  log->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) tess_action_config_free);
  log->senders = g_ptr_array_new_with_free_func (g_object_unref);
  log->errors = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (view, "action", G_CALLBACK (on_action), log);
  g_signal_connect (view, "error", G_CALLBACK (on_error), log);
  return view;
}

static void
log_clear (Log       *log,
           GtkWidget *window)
{
  g_ptr_array_unref (log->actions);
  g_ptr_array_unref (log->senders);
  g_ptr_array_unref (log->errors);
  gtk_window_destroy (GTK_WINDOW (window));
  rt_iterate ();
}

static void
assert_payload (TessActionConfig *action,
                const char       *expected_json)
{
  g_autoptr(JsonNode) expected = json_from_string (expected_json, NULL);
  g_autofree char *got = rt_json_string (action->payload);

  g_assert_nonnull (expected);
  if (action->payload == NULL || !json_node_equal (action->payload, expected))
    g_error ("payload %s, expected %s", got, expected_json);
}

static void
type_into (GtkWidget  *control,
           const char *text)
{
  if (GTK_IS_TEXT_VIEW (control))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (control)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (control), text);
}

static void
test_button_action (void)
{
  GtkWidget *window;
  Log log;
  GtkWidget *view = show_logged (
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Button\",\"id\":\"go\",\"label\":\"Go\","
    "\"onClickAction\":{\"type\":\"go.now\",\"payload\":{\"x\":1},\"handler\":\"client\"}}]}",
    &window, &log);
  GtkWidget *button = tess_widget_view_lookup_widget (TESS_WIDGET_VIEW (view), "go");
  TessActionConfig *action;

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (tess_widget_view_activate (TESS_WIDGET_VIEW (view), "go"));
  g_assert_cmpuint (log.actions->len, ==, 1);
  action = g_ptr_array_index (log.actions, 0);
  g_assert_cmpstr (action->type, ==, "go.now");
  g_assert_cmpstr (action->handler, ==, "client");
  g_assert_cmpstr (action->loading_behavior, ==, "auto");
  g_assert_true (action->streaming);
  assert_payload (action, "{\"x\":1}");
  g_assert_cmpstr (tess_node_get_id (g_ptr_array_index (log.senders, 0)), ==, "go");

  /* auto on a Button is "self": the button shows a spinner and is inert until done. */
  g_assert_true (tess_widget_view_is_loading (TESS_WIDGET_VIEW (view)));
  g_assert_false (gtk_widget_get_sensitive (button));
  tess_widget_view_finish_actions (TESS_WIDGET_VIEW (view));
  g_assert_false (tess_widget_view_is_loading (TESS_WIDGET_VIEW (view)));
  g_assert_true (gtk_widget_get_sensitive (button));
  log_clear (&log, window);
}

static void
test_loading_behaviours (void)
{
  GtkWidget *window;
  Log log;
  GtkWidget *view = show_logged (
    "{\"type\":\"Card\",\"children\":["
    "{\"type\":\"Button\",\"id\":\"c\",\"label\":\"C\","
    " \"onClickAction\":{\"type\":\"a\",\"loadingBehavior\":\"container\"}},"
    "{\"type\":\"Button\",\"id\":\"n\",\"label\":\"N\","
    " \"onClickAction\":{\"type\":\"b\",\"loadingBehavior\":\"none\",\"streaming\":false}}]}",
    &window, &log);
  GtkWidget *root = gtk_widget_get_first_child (view);

  tess_widget_view_activate (TESS_WIDGET_VIEW (view), "n");
  g_assert_cmpuint (log.actions->len, ==, 1);
  g_assert_false (((TessActionConfig *) g_ptr_array_index (log.actions, 0))->streaming);
  g_assert_false (tess_widget_view_is_loading (TESS_WIDGET_VIEW (view)));

  tess_widget_view_activate (TESS_WIDGET_VIEW (view), "c");
  g_assert_true (tess_widget_view_is_loading (TESS_WIDGET_VIEW (view)));
  g_assert_true (gtk_widget_has_css_class (root, "tess-loading-container"));
  g_assert_false (gtk_widget_get_sensitive (root));
  tess_widget_view_finish_actions (TESS_WIDGET_VIEW (view));
  g_assert_false (gtk_widget_has_css_class (root, "tess-loading-container"));
  g_assert_true (gtk_widget_get_sensitive (root));
  log_clear (&log, window);
}

static void
test_list_item_action (void)
{
  GtkWidget *window;
  Log log;
  GtkWidget *view = show_logged (
    "{\"type\":\"ListView\",\"children\":["
    "{\"type\":\"ListViewItem\",\"key\":\"r1\",\"children\":[{\"type\":\"Text\","
    "\"value\":\"One\"}],"
    " \"onClickAction\":{\"type\":\"row.open\",\"payload\":{\"id\":1}}},"
    "{\"type\":\"ListViewItem\",\"key\":\"r2\",\"children\":[{\"type\":\"Text\","
    "\"value\":\"Two\"}]}]}",
    &window, &log);

  g_assert_true (GTK_IS_BUTTON (tess_widget_view_lookup_widget (TESS_WIDGET_VIEW (view), "r1")));
  g_assert_false (GTK_IS_BUTTON (tess_widget_view_lookup_widget (TESS_WIDGET_VIEW (view), "r2")));
  tess_widget_view_activate (TESS_WIDGET_VIEW (view), "r1");
  g_assert_cmpuint (log.actions->len, ==, 1);
  g_assert_cmpstr (((TessActionConfig *) g_ptr_array_index (log.actions, 0))->type, ==, "row.open");
  assert_payload (g_ptr_array_index (log.actions, 0), "{\"id\":1}");
  g_assert_cmpstr (tess_node_get_key (g_ptr_array_index (log.senders, 0)), ==, "r1");
  log_clear (&log, window);
}

static const char form_json[] =
  "{\"type\":\"Card\",\"children\":[{\"type\":\"Form\",\"id\":\"f\","
  " \"onSubmitAction\":{\"type\":\"todo.save\",\"payload\":{\"keep\":true}},\"children\":["
  "{\"type\":\"Input\",\"id\":\"title\",\"name\":\"todo.title\"},"
  "{\"type\":\"Textarea\",\"id\":\"note\",\"name\":\"todo.note\"},"
  "{\"type\":\"Text\",\"id\":\"tag\",\"value\":\"home\",\"editable\":{\"name\":\"todo.meta.tag\"}},"
  "{\"type\":\"Checkbox\",\"name\":\"done\",\"defaultChecked\":true},"
  "{\"type\":\"Select\",\"name\":\"prio\",\"defaultValue\":\"h\","
  " \"options\":[{\"value\":\"h\",\"label\":\"High\"},{\"value\":\"l\",\"label\":\"Low\"}]},"
  "{\"type\":\"RadioGroup\",\"name\":\"when\","
  " \"options\":[{\"value\":\"now\",\"label\":\"Now\"},{\"value\":\"later\",\"label\":\"Later\"}]},"
  "{\"type\":\"DatePicker\",\"name\":\"due\",\"defaultValue\":\"2025-01-02T00:00:00\"},"
  "{\"type\":\"Button\",\"id\":\"submit\",\"label\":\"Save\",\"submit\":true}]}]}";

static void
test_form_payload_nesting (void)
{
  GtkWidget *window;
  Log log;
  GtkWidget *view = show_logged (form_json, &window, &log);
  TessWidgetView *v = TESS_WIDGET_VIEW (view);

  type_into (tess_widget_view_lookup_widget (v, "title"), "Buy milk");
  type_into (tess_widget_view_lookup_widget (v, "note"), "2 litres\nsemi-skimmed");
  type_into (tess_widget_view_lookup_widget (v, "tag"), "shop");
  tess_widget_view_activate (v, "submit");

  g_assert_cmpuint (log.errors->len, ==, 0);
  g_assert_cmpuint (log.actions->len, ==, 1);
  g_assert_cmpstr (((TessActionConfig *) g_ptr_array_index (log.actions, 0))->type, ==,
                   "todo.save");
  assert_payload (g_ptr_array_index (log.actions, 0),
                  "{\"keep\":true,\"todo\":{\"title\":\"Buy milk\","
                  "\"note\":\"2 litres\\nsemi-skimmed\",\"meta\":{\"tag\":\"shop\"}},"
                  "\"done\":true,\"prio\":\"h\",\"when\":null,\"due\":\"2025-01-02\"}");
  log_clear (&log, window);
}

static void
test_form_collisions (void)
{
  GtkWidget *window;
  Log log;
  GtkWidget *view = show_logged (
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Form\","
    " \"onSubmitAction\":{\"type\":\"s\",\"payload\":{\"todo\":\"fixed\",\"keep\":1}},"
    "\"children\":["
    "{\"type\":\"Input\",\"name\":\"todo.title\",\"defaultValue\":\"a\"},"
    "{\"type\":\"Input\",\"name\":\"keep\",\"defaultValue\":\"b\"},"
    "{\"type\":\"Input\",\"name\":\"free\",\"defaultValue\":\"c\"},"
    "{\"type\":\"Input\",\"name\":\"free\",\"defaultValue\":\"d\"},"
    "{\"type\":\"Button\",\"id\":\"go\",\"label\":\"Go\",\"submit\":true}]}]}",
    &window, &log);

  tess_widget_view_activate (TESS_WIDGET_VIEW (view), "go");
  g_assert_cmpuint (log.actions->len, ==, 1);
  /* Payload keys win; colliding form values are dropped and reported, with where. */
  assert_payload (g_ptr_array_index (log.actions, 0),
                  "{\"todo\":\"fixed\",\"keep\":1,\"free\":\"c\"}");
  g_assert_cmpuint (log.errors->len, ==, 3);
  g_assert_true (strstr (g_ptr_array_index (log.errors, 0), "todo.title") != NULL);
  g_assert_true (strstr (g_ptr_array_index (log.errors, 0), "/children/0/children/0") != NULL);
  g_assert_true (strstr (g_ptr_array_index (log.errors, 1), "keep") != NULL);
  g_assert_true (strstr (g_ptr_array_index (log.errors, 2), "/children/0/children/3") != NULL);
  log_clear (&log, window);
}

static GtkWidget *
error_label_of (GtkWidget *control)
{
  GtkWidget *field = gtk_widget_get_ancestor (control, g_type_from_name ("TessBox"));

  while (field != NULL && !gtk_widget_has_css_class (field, "tess-field"))
    field = gtk_widget_get_ancestor (gtk_widget_get_parent (field), g_type_from_name ("TessBox"));
  g_assert_nonnull (field);
  return gtk_widget_get_last_child (field);
}

static GtkWidget *
find_primary_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_has_css_class (child, "tess-btn-primary-solid"))
        return child;
      if ((found = find_primary_button (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_form_validation (void)
{
  GtkWidget *window;
  Log log;
  GtkWidget *view = show_logged (
    "{\"type\":\"Card\",\"asForm\":true,"
    " \"confirm\":{\"label\":\"Send\",\"action\":{\"type\":\"send\"}},\"children\":["
    "{\"type\":\"Input\",\"id\":\"name\",\"name\":\"name\",\"required\":true},"
    "{\"type\":\"Input\",\"id\":\"zip\",\"name\":\"zip\",\"pattern\":\"[0-9]{5}\"},"
    "{\"type\":\"Checkbox\",\"id\":\"ok\",\"name\":\"ok\",\"required\":true,\"label\":\"OK\"}]}",
    &window, &log);
  TessWidgetView *v = TESS_WIDGET_VIEW (view);
  GtkWidget *name = tess_widget_view_lookup_widget (v, "name");
  GtkWidget *zip = tess_widget_view_lookup_widget (v, "zip");
  GtkWidget *confirm = find_primary_button (view);
  GtkWidget *message;

  g_assert_true (gtk_widget_has_css_class (confirm, "tess-btn-primary-solid"));

  type_into (zip, "abc");
  g_signal_emit_by_name (confirm, "clicked");
  g_assert_cmpuint (log.actions->len, ==, 0);
  message = error_label_of (name);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==, "This field is required.");
  g_assert_true (gtk_widget_has_css_class (name, "tess-invalid"));
  g_assert_true (gtk_widget_get_visible (error_label_of (zip)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label_of (zip))), ==,
                   "Please match the requested format.");

  /* Typing clears the message. */
  type_into (name, "Ada");
  g_assert_false (gtk_widget_get_visible (error_label_of (name)));
  g_assert_false (gtk_widget_has_css_class (name, "tess-invalid"));

  type_into (zip, "12345");
  g_signal_emit_by_name (confirm, "clicked");
  g_assert_cmpuint (log.actions->len, ==, 0); /* the checkbox is still required */
  tess_widget_view_activate (v, "ok");
  g_signal_emit_by_name (confirm, "clicked");
  g_assert_cmpuint (log.actions->len, ==, 1);
  assert_payload (g_ptr_array_index (log.actions, 0),
                  "{\"name\":\"Ada\",\"zip\":\"12345\",\"ok\":true}");
  /* Card confirm: container loading. */
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (view),
                                           "tess-loading-container"));
  log_clear (&log, window);
}

static void
test_card_confirm_cancel (void)
{
  GtkWidget *window;
  Log log;
  GtkWidget *view = show_logged (
    "{\"type\":\"Card\",\"id\":\"card\",\"collapsed\":true,"
    " \"confirm\":{\"label\":\"Yes\",\"action\":{\"type\":\"yes\",\"payload\":{\"a\":1}}},"
    " \"cancel\":{\"label\":\"No\",\"action\":{\"type\":\"no\"}},"
    " \"children\":[{\"type\":\"Text\",\"value\":\"Sure?\"}]}",
    &window, &log);
  GtkWidget *yes = NULL, *no = NULL, *frame;

  for (GtkWidget *w = rt_find_descendant (view, GTK_TYPE_BUTTON); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (w));
      if (g_strcmp0 (label, "Yes") == 0)
        yes = w;
      else if (g_strcmp0 (label, "No") == 0)
        no = w;
    }
  g_assert_nonnull (yes);
  g_assert_nonnull (no);
  g_assert_cmpstr (tess_render_widget_get_accessible_name (yes), ==, "Yes");

  g_signal_emit_by_name (no, "clicked");
  g_assert_cmpuint (log.actions->len, ==, 1);
  g_assert_cmpstr (((TessActionConfig *) g_ptr_array_index (log.actions, 0))->type, ==, "no");
  tess_widget_view_finish_actions (TESS_WIDGET_VIEW (view));

  g_signal_emit_by_name (yes, "clicked");
  g_assert_cmpuint (log.actions->len, ==, 2);
  g_assert_cmpstr (((TessActionConfig *) g_ptr_array_index (log.actions, 1))->type, ==, "yes");
  assert_payload (g_ptr_array_index (log.actions, 1), "{\"a\":1}");
  g_assert_cmpstr (tess_node_get_id (g_ptr_array_index (log.senders, 1)), ==, "card");

  /* collapsed: once the confirm action is done the body folds away. */
  frame = gtk_widget_get_parent (gtk_widget_get_parent (yes));
  g_assert_true (gtk_widget_get_visible (frame));
  tess_widget_view_finish_actions (TESS_WIDGET_VIEW (view));
  g_assert_false (gtk_widget_get_visible (frame));
  log_clear (&log, window);
}

static void
test_change_actions (void)
{
  GtkWidget *window;
  Log log;
  GtkWidget *view = show_logged (
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Form\",\"children\":["
    "{\"type\":\"Select\",\"id\":\"sel\",\"name\":\"s\",\"onChangeAction\":{\"type\":\"sel\"},"
    " \"options\":[{\"value\":\"a\",\"label\":\"A\"},{\"value\":\"b\",\"label\":\"B\"}]},"
    "{\"type\":\"Checkbox\",\"id\":\"chk\",\"name\":\"c\",\"onChangeAction\":{\"type\":\"chk\"}},"
    "{\"type\":\"RadioGroup\",\"id\":\"rad\",\"name\":\"r\",\"onChangeAction\":{\"type\":\"rad\"},"
    " \"options\":[{\"value\":\"x\",\"label\":\"X\"},{\"value\":\"y\",\"label\":\"Y\"}]},"
    "{\"type\":\"DatePicker\",\"id\":\"date\",\"name\":\"d\","
    "\"onChangeAction\":{\"type\":\"date\"},"
    " \"min\":\"2025-01-01\",\"max\":\"2025-12-31\"}]}]}",
    &window, &log);
  TessWidgetView *v = TESS_WIDGET_VIEW (view);
  GtkWidget *select = tess_widget_view_lookup_widget (v, "sel");
  GtkListBox *list = g_object_get_data (G_OBJECT (select), "tess-list");
  GtkWidget *radios = tess_widget_view_lookup_widget (v, "rad");
  GtkWidget *date = tess_widget_view_lookup_widget (v, "date");
  GtkCalendar *calendar = g_object_get_data (G_OBJECT (date), "tess-calendar");
  g_autoptr(GDateTime) outside = g_date_time_new_local (2024, 6, 1, 0, 0, 0);
  g_autoptr(GDateTime) inside = g_date_time_new_local (2025, 6, 1, 0, 0, 0);

  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 1));
  g_assert_cmpuint (log.actions->len, ==, 1);
  g_assert_cmpstr (((TessActionConfig *) g_ptr_array_index (log.actions, 0))->type, ==, "sel");
  /* Inside a Form, change actions carry the form's values too. */
  assert_payload (g_ptr_array_index (log.actions, 0),
                  "{\"s\":\"b\",\"c\":false,\"r\":null,\"d\":null}");
  g_assert_false (tess_widget_view_is_loading (v)); /* Select auto = none */

  tess_widget_view_activate (v, "chk");
  g_assert_cmpuint (log.actions->len, ==, 2);
  g_assert_cmpstr (((TessActionConfig *) g_ptr_array_index (log.actions, 1))->type, ==, "chk");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_last_child (radios)), TRUE);
  g_assert_cmpuint (log.actions->len, ==, 3);
  assert_payload (g_ptr_array_index (log.actions, 2),
                  "{\"s\":\"b\",\"c\":true,\"r\":\"y\",\"d\":null}");

  /* Out of [min, max]: refused, no action. */
  /* select_day() moves the calendar; "day-selected" is what a click adds. */
  gtk_calendar_select_day (calendar, outside);
  g_signal_emit_by_name (calendar, "day-selected");
  g_assert_cmpuint (log.actions->len, ==, 3);
  gtk_calendar_select_day (calendar, inside);
  g_signal_emit_by_name (calendar, "day-selected");
  g_assert_cmpuint (log.actions->len, ==, 4);
  assert_payload (g_ptr_array_index (log.actions, 3),
                  "{\"s\":\"b\",\"c\":true,\"r\":\"y\",\"d\":\"2025-06-01\"}");
  log_clear (&log, window);
}

static void
test_action_without_type (void)
{
  GtkWidget *window;
  Log log;
  GtkWidget *view = show_logged (
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Button\",\"id\":\"b\",\"label\":\"B\","
    "\"onClickAction\":{\"payload\":{}}}]}", &window, &log);

  tess_widget_view_activate (TESS_WIDGET_VIEW (view), "b");
  g_assert_cmpuint (log.actions->len, ==, 0);
  g_assert_cmpuint (log.errors->len, ==, 1);
  g_assert_true (strstr (g_ptr_array_index (log.errors, 0), "/children/0") != NULL);
  log_clear (&log, window);
}

static void
collect_unnamed (GtkWidget *widget,
                 GPtrArray *unnamed)
{
  gboolean is_control = (GTK_IS_BUTTON (widget) &&
                         !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget))) ||
                        GTK_IS_ENTRY (widget) || GTK_IS_TEXT_VIEW (widget) ||
                        GTK_IS_CHECK_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
                        GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_LIST_BOX_ROW (widget);

  if (GTK_IS_CALENDAR (widget))
    return;
  if (is_control && tess_render_widget_get_accessible_name (widget) == NULL &&
      !gtk_widget_has_css_class (widget, "tess-list-item"))
    g_ptr_array_add (unnamed, (gpointer) G_OBJECT_TYPE_NAME (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed);
}

static void
test_label_names_its_field (void)
{
  GtkWidget *window;
  GtkWidget *view = rt_show (
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Label\",\"value\":\"Your e-mail\","
    "\"fieldName\":\"email\"},{\"type\":\"Input\",\"id\":\"e\",\"name\":\"email\","
    "\"placeholder\":\"you@example.com\"},{\"type\":\"Input\",\"id\":\"o\",\"name\":\"other\"}]}",
    &window);
  GtkWidget *email = tess_widget_view_lookup_widget (TESS_WIDGET_VIEW (view), "e");
  GtkWidget *other = tess_widget_view_lookup_widget (TESS_WIDGET_VIEW (view), "o");

  g_assert_cmpstr (tess_render_widget_get_accessible_name (email), ==, "Your e-mail");
  g_assert_cmpstr (tess_render_widget_get_accessible_name (other), ==, "other");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_accessible_names (void)
{
  const char *cases[] = { "controls", "buttons", "markdown", "card" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s.json", cases[i]);
      g_autofree char *path = g_build_filename (g_getenv ("TESS_RENDER_CASES_DIR"), file, NULL);
      g_autofree char *json = NULL;
      g_autoptr(GPtrArray) unnamed = g_ptr_array_new ();
      GtkWidget *window, *view;

      g_file_get_contents (path, &json, NULL, NULL);
      g_assert_nonnull (json);
      view = rt_show (json, &window);
      collect_unnamed (view, unnamed);
      if (unnamed->len > 0)
        g_error ("%s: %u controls without an accessible name, first a %s", cases[i],
                 unnamed->len, (const char *) g_ptr_array_index (unnamed, 0));
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* Editable Text that holds several lines (an email body) is a text view: newlines are kept,
 * shown, and sent; one-line editable Text stays an entry. */
static void
test_editable_text_lines (void)
{
  GtkWidget *window;
  Log log;
  GtkWidget *view = show_logged (
    "{\"type\":\"Card\",\"asForm\":true,"
    " \"confirm\":{\"label\":\"Send\",\"action\":{\"type\":\"send\"}},\"children\":["
    "{\"type\":\"Text\",\"id\":\"to\",\"value\":\"ops@example.com\","
    " \"editable\":{\"name\":\"email.to\"}},"
    "{\"type\":\"Text\",\"id\":\"body\",\"value\":\"Hi all,\\n\\nBye\",\"minLines\":4,"
    " \"editable\":{\"name\":\"email.body\",\"required\":true,\"placeholder\":\"Message\"}},"
    "{\"type\":\"Text\",\"id\":\"note\",\"value\":\"\",\"minLines\":2,"
    " \"editable\":{\"name\":\"note\"}}]}",
    &window, &log);
  TessWidgetView *v = TESS_WIDGET_VIEW (view);
  GtkWidget *to = tess_widget_view_lookup_widget (v, "to");
  GtkWidget *body = tess_widget_view_lookup_widget (v, "body");
  GtkWidget *note = tess_widget_view_lookup_widget (v, "note");
  GtkWidget *confirm = find_primary_button (view);
  GtkTextIter start, end;
  g_autofree char *shown = NULL;
  int min_height;

  g_assert_true (GTK_IS_ENTRY (to));
  g_assert_true (GTK_IS_TEXT_VIEW (body));
  g_assert_true (GTK_IS_TEXT_VIEW (note));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (body)), &start, &end);
  shown = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (shown, ==, "Hi all,\n\nBye");
  /* minLines: at least four lines of md text. */
  gtk_widget_measure (body, GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_height, >=, 4 * 24);
  /* The entry is as wide as its text, not cut to a default width. */
  g_assert_cmpint (gtk_editable_get_width_chars (GTK_EDITABLE (to)), >=, 15);

  type_into (body, "");
  g_signal_emit_by_name (confirm, "clicked");
  g_assert_cmpuint (log.actions->len, ==, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label_of (body))), ==,
                   "This field is required.");

  type_into (body, "Line one\nLine two");
  g_signal_emit_by_name (confirm, "clicked");
  g_assert_cmpuint (log.actions->len, ==, 1);
  assert_payload (g_ptr_array_index (log.actions, 0),
                  "{\"email\":{\"to\":\"ops@example.com\",\"body\":\"Line one\\nLine two\"},"
                  "\"note\":\"\"}");
  log_clear (&log, window);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/render/actions/button", test_button_action);
  g_test_add_func ("/render/actions/loading-behaviours", test_loading_behaviours);
  g_test_add_func ("/render/actions/list-item", test_list_item_action);
  g_test_add_func ("/render/actions/change", test_change_actions);
  g_test_add_func ("/render/actions/card-confirm-cancel", test_card_confirm_cancel);
  g_test_add_func ("/render/actions/without-type", test_action_without_type);
  g_test_add_func ("/render/forms/payload-nesting", test_form_payload_nesting);
  g_test_add_func ("/render/forms/collisions", test_form_collisions);
  g_test_add_func ("/render/forms/validation", test_form_validation);
  g_test_add_func ("/render/forms/editable-text-lines", test_editable_text_lines);
  g_test_add_func ("/render/a11y/accessible-names", test_accessible_names);
  g_test_add_func ("/render/a11y/label-names-field", test_label_names_its_field);

  return g_test_run ();
}
