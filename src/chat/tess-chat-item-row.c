/* tess-chat-item-row.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "core/tess-widget-parser.h"
#include "protocol/tess-protocol-types.h"
#include "render/tess-markdown.h"
#include "tess-chat-item-row.h"
#include "tess-chat-note.h"

typedef enum
{
  ROW_EMPTY,
  ROW_USER,
  ROW_ASSISTANT,
  ROW_WIDGET,
  ROW_WORKFLOW,
  ROW_TASK,
  ROW_TOOL_CALL,
  ROW_IMAGE,
  ROW_QUESTIONS,
  ROW_NOTICE,
  ROW_ERROR,
} RowKind;

struct _TessChatItemRow
{
  GtkWidget       parent_instance;

  GObject        *item;
  RowKind         kind;
  gulong          updated_handler;
  /* Text deltas of the answer not shown yet: they are appended once a frame, since each
   * append re-parses the whole message. */
  GString        *pending_text;
  guint           flush_tick_id;

  /* The content widgets of the current kind (children of the row). */
  GtkWidget      *body;
  TessMarkdown   *markdown;
  TessWidgetView *widget_view;
  GtkWidget      *label;
  GtkWidget      *actions;
};

G_DEFINE_FINAL_TYPE (TessChatItemRow, tess_chat_item_row, GTK_TYPE_WIDGET)

enum {
  WIDGET_ACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
drop_pending_text (TessChatItemRow *self)
{
  if (self->flush_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->flush_tick_id);
      self->flush_tick_id = 0;
    }
  if (self->pending_text != NULL)
    g_string_truncate (self->pending_text, 0);
}

static void
flush_pending_text (TessChatItemRow *self)
{
  if (self->markdown != NULL && self->pending_text != NULL && self->pending_text->len > 0)
    tess_markdown_append_text (self->markdown, self->pending_text->str);
  drop_pending_text (self);
}

static gboolean
flush_pending_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  TessChatItemRow *self = TESS_CHAT_ITEM_ROW (widget);

  /* Removed by flush_pending_text(). */
  self->flush_tick_id = 0;
  flush_pending_text (self);
  return G_SOURCE_REMOVE;
}

static void
disconnect_item (TessChatItemRow *self)
{
  drop_pending_text (self);
  if (self->updated_handler != 0)
    g_clear_signal_handler (&self->updated_handler, self->item);
  g_clear_object (&self->item);
}

static void
clear_children (TessChatItemRow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->body = NULL;
  self->markdown = NULL;
  self->widget_view = NULL;
  self->label = NULL;
  self->actions = NULL;
}

static void
tess_chat_item_row_dispose (GObject *object)
{
  TessChatItemRow *self = (TessChatItemRow *) object;

  disconnect_item (self);
  clear_children (self);
  if (self->pending_text != NULL)
    {
      g_string_free (self->pending_text, TRUE);
      self->pending_text = NULL;
    }

  G_OBJECT_CLASS (tess_chat_item_row_parent_class)->dispose (object);
}

static void
tess_chat_item_row_class_init (TessChatItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_chat_item_row_dispose;

  /**
   * TessChatItemRow::widget-action:
   * @item_id: the widget item's id
   * @action: (type TessActionConfig): the action, form values merged
   * @view: the widget view it came from (to end its loading state)
   */
  signals[WIDGET_ACTION] =
    g_signal_new ("widget-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_STRING,
                  TESS_TYPE_ACTION_CONFIG | G_SIGNAL_TYPE_STATIC_SCOPE, TESS_TYPE_WIDGET_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tess-chat-row");
}

static void
tess_chat_item_row_init (TessChatItemRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
}

GtkWidget *
tess_chat_item_row_new (void)
{
  return g_object_new (TESS_TYPE_CHAT_ITEM_ROW, NULL);
}

/* Building blocks */

static void
append (TessChatItemRow *self,
        GtkWidget       *child)
{
  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
action_button (const char *icon_name,
               const char *name,
               const char *action_name,
               const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

enum {
  ACTIONS_COPY = 1 << 0,
  ACTIONS_FEEDBACK = 1 << 1,
  ACTIONS_RETRY = 1 << 2,
};

static GtkWidget *
new_actions (const char *id,
             guint       which)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "tess-chat-item-actions");
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  if (which & ACTIONS_COPY)
    gtk_box_append (GTK_BOX (box),
                    action_button ("edit-copy-symbolic", _("Copy"), "chat.copy", id));
  if (which & ACTIONS_FEEDBACK)
    {
      gtk_box_append (GTK_BOX (box), action_button ("face-smile-symbolic", _("Good response"),
                                                    "chat.good-response", id));
      gtk_box_append (GTK_BOX (box), action_button ("face-sad-symbolic", _("Bad response"),
                                                    "chat.bad-response", id));
    }
  if (which & ACTIONS_RETRY)
    gtk_box_append (GTK_BOX (box),
                    action_button ("view-refresh-symbolic", _("Retry"), "chat.retry", id));
  return box;
}

static const char *
object_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static JsonObject *
object_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
object_array (JsonObject *object,
              const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* User messages */

static void
build_user (TessChatItemRow *self,
            TessThreadItem  *item)
{
  JsonObject *object = tess_thread_item_get_object (item);
  JsonArray *attachments = object_array (object, "attachments");
  const char *quoted = object_string (object, "quoted_text");
  g_autofree char *text = tess_thread_item_dup_text (item);
  GtkWidget *bubble = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (bubble, "tess-chat-user-bubble");
  gtk_widget_set_halign (bubble, GTK_ALIGN_END);
  if (quoted != NULL && *quoted != '\0')
    gtk_box_append (GTK_BOX (bubble), new_label (quoted, "tess-chat-quote"));
  self->label = new_label (text != NULL ? text : "", NULL);
  gtk_box_append (GTK_BOX (bubble), self->label);

  for (guint i = 0; attachments != NULL && i < json_array_get_length (attachments); i++)
    {
      JsonNode *node = json_array_get_element (attachments, i);
      JsonObject *attachment = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = object_string (attachment, "name");
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      gtk_widget_add_css_class (line, "tess-chat-attachment");
      gtk_box_append (GTK_BOX (line), gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      gtk_box_append (GTK_BOX (line), new_label (name != NULL ? name : _("Attachment"), NULL));
      gtk_box_append (GTK_BOX (bubble), line);
    }

  self->body = bubble;
  append (self, bubble);
  self->actions = new_actions (tess_thread_item_get_id (item), ACTIONS_COPY);
  gtk_widget_set_halign (self->actions, GTK_ALIGN_END);
  append (self, self->actions);
}

/* Assistant messages */

static void
on_assistant_updated (TessThreadItem  *item,
                      TessItemUpdate  *update,
                      TessChatItemRow *self)
{
  JsonArray *content = object_array (tess_thread_item_get_object (item), "content");

  if (self->markdown == NULL)
    return;

  /* A delta to the only part appends, at the next frame with the others that came until
   * then; anything else re-reads the whole text (which has the pending deltas). */
  if (update->kind == TESS_UPDATE_CONTENT_PART_TEXT_DELTA && update->content_index == 0 &&
      content != NULL && json_array_get_length (content) == 1)
    {
      if (self->pending_text == NULL)
        self->pending_text = g_string_new (NULL);
      g_string_append (self->pending_text, update->delta != NULL ? update->delta : "");
      if (self->flush_tick_id == 0)
        self->flush_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), flush_pending_cb,
                                                            NULL, NULL);
    }
  else
    {
      g_autofree char *text = tess_thread_item_dup_text (item);

      drop_pending_text (self);
      tess_markdown_set_text (self->markdown, text != NULL ? text : "",
                              update->kind != TESS_UPDATE_CONTENT_PART_DONE);
    }
}

static void
build_assistant (TessChatItemRow *self)
{
  self->markdown = TESS_MARKDOWN (tess_markdown_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->markdown), "tess-chat-answer");
  self->body = GTK_WIDGET (self->markdown);
  append (self, self->body);
}

static void
bind_assistant (TessChatItemRow *self,
                TessThreadItem  *item)
{
  g_autofree char *text = tess_thread_item_dup_text (item);

  tess_markdown_set_text (self->markdown, text != NULL ? text : "", FALSE);
  if (self->actions != NULL)
    gtk_widget_unparent (self->actions);
  self->actions = new_actions (tess_thread_item_get_id (item),
                               ACTIONS_COPY | ACTIONS_FEEDBACK | ACTIONS_RETRY);
  append (self, self->actions);
  self->updated_handler = g_signal_connect (item, "updated", G_CALLBACK (on_assistant_updated),
                                            self);
}

/* Widgets */

static void
on_widget_updated (TessThreadItem  *item,
                   TessItemUpdate  *update,
                   TessChatItemRow *self)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if (self->widget_view == NULL || update->object == NULL)
    return;

  node = json_node_init_object (json_node_alloc (), update->object);
  if (!tess_widget_view_apply_update (self->widget_view, node, &error))
    {
      JsonObject *widget = tess_thread_item_get_widget (item);
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(TessNode) tree = NULL;

      /* The item applied it; show the item's tree instead. */
      g_debug ("re-rendering a widget after an update failed: %s", error->message);
      if (widget == NULL)
        return;
      root = json_node_init_object (json_node_alloc (), widget);
      tree = tess_widget_parse (root, NULL);
      if (tree != NULL)
        tess_widget_view_set_root (self->widget_view, tree);
    }
}

static void
on_widget_action (TessWidgetView   *view,
                  TessActionConfig *action,
                  TessNode         *sender,
                  TessChatItemRow  *self)
{
  if (self->item == NULL || !TESS_IS_THREAD_ITEM (self->item))
    return;
  g_signal_emit (self, signals[WIDGET_ACTION], 0,
                 tess_thread_item_get_id (TESS_THREAD_ITEM (self->item)), action, view);
}

static void
build_widget (TessChatItemRow *self)
{
  self->widget_view = TESS_WIDGET_VIEW (tess_widget_view_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->widget_view), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->widget_view), "tess-chat-widget");
  g_signal_connect_object (self->widget_view, "action", G_CALLBACK (on_widget_action), self, 0);
  self->body = GTK_WIDGET (self->widget_view);
  append (self, self->body);
}

static void
bind_widget (TessChatItemRow *self,
             TessThreadItem  *item)
{
  JsonObject *widget = tess_thread_item_get_widget (item);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(TessNode) tree = NULL;

  if (widget != NULL)
    {
      root = json_node_init_object (json_node_alloc (), widget);
      tree = tess_widget_parse (root, NULL);
    }
  if (tree != NULL)
    tess_widget_view_set_root (self->widget_view, tree);

  if (self->actions != NULL)
    gtk_widget_unparent (self->actions);
  self->actions = new_actions (tess_thread_item_get_id (item), ACTIONS_COPY | ACTIONS_FEEDBACK);
  append (self, self->actions);
  self->updated_handler = g_signal_connect (item, "updated", G_CALLBACK (on_widget_updated),
                                            self);
}

/* Workflows and tasks */

static GtkWidget *
new_task (JsonObject *task)
{
  const char *status = object_string (task, "status_indicator");
  const char *title = object_string (task, "title");
  const char *content = object_string (task, "content");
  const char *type = object_string (task, "type");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *indicator;

  gtk_widget_add_css_class (box, "tess-chat-task");
  if (g_strcmp0 (status, "loading") == 0)
    {
      indicator = gtk_spinner_new ();
      gtk_spinner_set_spinning (GTK_SPINNER (indicator), TRUE);
    }
  else if (g_strcmp0 (status, "complete") == 0)
    indicator = gtk_image_new_from_icon_name ("object-select-symbolic");
  else
    indicator = gtk_image_new_from_icon_name ("pan-end-symbolic");
  gtk_widget_set_valign (indicator, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), indicator);

  if (title == NULL)
    title = g_strcmp0 (type, "thought") == 0 ? _("Thought") : _("Task");
  gtk_box_append (GTK_BOX (text), new_label (title, "heading"));
  if (content != NULL && *content != '\0')
    {
      GtkWidget *markdown = tess_markdown_new ();

      tess_markdown_set_text (TESS_MARKDOWN (markdown), content, FALSE);
      gtk_box_append (GTK_BOX (text), markdown);
    }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  return box;
}

static char *
workflow_title (JsonObject *workflow)
{
  JsonObject *summary = object_object (workflow, "summary");
  JsonArray *tasks = object_array (workflow, "tasks");
  guint n = tasks != NULL ? json_array_get_length (tasks) : 0;

  /* Summaries have no discriminator (protocol §4.2): test for the keys. */
  if (object_string (summary, "title") != NULL)
    return g_strdup (object_string (summary, "title"));
  if (summary != NULL && json_object_has_member (summary, "duration"))
    {
      gint64 seconds = json_object_get_int_member_with_default (summary, "duration", 0);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Worked for %d second",
                                           "Worked for %d seconds", (gulong) seconds),
                              (int) seconds);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Working… (%u step)",
                                       "Working… (%u steps)", n), n);
}

static void
fill_workflow (TessChatItemRow *self,
               TessThreadItem  *item)
{
  JsonObject *workflow = object_object (tess_thread_item_get_object (item), "workflow");
  JsonArray *tasks = object_array (workflow, "tasks");
  g_autofree char *title = workflow_title (workflow);
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_expander_set_label (GTK_EXPANDER (self->body), title);
  for (guint i = 0; tasks != NULL && i < json_array_get_length (tasks); i++)
    {
      JsonNode *node = json_array_get_element (tasks, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        gtk_box_append (GTK_BOX (list), new_task (json_node_get_object (node)));
    }
  gtk_expander_set_child (GTK_EXPANDER (self->body), list);
}

static void
on_workflow_updated (TessThreadItem  *item,
                     TessItemUpdate  *update,
                     TessChatItemRow *self)
{
  fill_workflow (self, item);
}

static void
bind_workflow (TessChatItemRow *self,
               TessThreadItem  *item)
{
  JsonObject *workflow = object_object (tess_thread_item_get_object (item), "workflow");

  if (self->body == NULL)
    {
      self->body = gtk_expander_new (NULL);
      gtk_widget_add_css_class (self->body, "tess-chat-workflow");
      append (self, self->body);
    }
  gtk_expander_set_expanded (GTK_EXPANDER (self->body),
                             json_object_get_boolean_member_with_default (workflow, "expanded",
                                                                          FALSE));
  fill_workflow (self, item);
  self->updated_handler = g_signal_connect (item, "updated", G_CALLBACK (on_workflow_updated),
                                            self);
}

static void
build_task (TessChatItemRow *self,
            TessThreadItem  *item)
{
  JsonObject *task = object_object (tess_thread_item_get_object (item), "task");

  self->body = new_task (task);
  gtk_widget_add_css_class (self->body, "tess-chat-workflow");
  append (self, self->body);
}

/* Other items */

static void
build_simple (TessChatItemRow *self,
              const char      *icon_name,
              const char      *text,
              const char      *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_widget_add_css_class (box, css_class);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  self->label = new_label (text, NULL);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_box_append (GTK_BOX (box), self->label);
  self->body = box;
  append (self, box);
}

static void
build_tool_call (TessChatItemRow *self,
                 TessThreadItem  *item)
{
  const char *name = object_string (tess_thread_item_get_object (item), "name");
  const char *status = tess_thread_item_get_status (item);
  g_autofree char *text = NULL;

  if (g_strcmp0 (status, "completed") == 0)
    text = g_strdup_printf (_("Client tool “%s” completed"), name != NULL ? name : "?");
  else
    text = g_strdup_printf (_("The server asks for the client tool “%s”"),
                            name != NULL ? name : "?");
  build_simple (self, "system-run-symbolic", text, "tess-chat-workflow");
}

static void
build_questions (TessChatItemRow *self,
                 TessThreadItem  *item)
{
  JsonArray *inputs = object_array (tess_thread_item_get_object (item), "inputs");
  GString *text = g_string_new (NULL);

  for (guint i = 0; inputs != NULL && i < json_array_get_length (inputs); i++)
    {
      JsonNode *node = json_array_get_element (inputs, i);
      const char *question = JSON_NODE_HOLDS_OBJECT (node)
                             ? object_string (json_node_get_object (node), "question") : NULL;

      if (question != NULL)
        g_string_append_printf (text, "%s%s", text->len ? "\n" : "", question);
    }
  build_simple (self, "dialog-question-symbolic", text->str, "tess-chat-workflow");
  g_string_free (text, TRUE);
}

/* Notes */

static void
build_note (TessChatItemRow *self,
            TessChatNote    *note)
{
  const char *level = tess_chat_note_get_level (note);
  gboolean error = tess_chat_note_get_kind (note) == TESS_CHAT_NOTE_ERROR;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *icon = g_strcmp0 (level, "danger") == 0 ? "dialog-error-symbolic"
                     : g_strcmp0 (level, "warning") == 0 ? "dialog-warning-symbolic"
                     : "dialog-information-symbolic";
  g_autofree char *level_class = g_strdup_printf ("tess-chat-note-%s",
                                                  g_strcmp0 (level, "danger") == 0 ||
                                                  g_strcmp0 (level, "warning") == 0
                                                  ? level : "info");
  GtkWidget *image = gtk_image_new_from_icon_name (icon);

  gtk_widget_add_css_class (box, "tess-chat-note");
  gtk_widget_add_css_class (box, level_class);
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), image);

  if (tess_chat_note_get_title (note) != NULL)
    gtk_box_append (GTK_BOX (text), new_label (tess_chat_note_get_title (note), "heading"));
  self->markdown = TESS_MARKDOWN (tess_markdown_new ());
  tess_markdown_set_text (self->markdown, tess_chat_note_get_message (note), FALSE);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->markdown));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  if (error && tess_chat_note_get_retry (note) != TESS_CHAT_RETRY_NONE)
    {
      GtkWidget *retry = gtk_button_new_with_mnemonic (_("_Retry"));

      gtk_widget_set_valign (retry, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (retry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Retry"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (retry), "chat.retry");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (retry), "s",
                                        tess_chat_note_get_id (note));
      gtk_box_append (GTK_BOX (box), retry);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error ? _("Error") : _("Notice"), -1);
  self->body = box;
  append (self, box);
}

/* Binding */

static RowKind
kind_of (GObject *item)
{
  if (item == NULL)
    return ROW_EMPTY;
  if (TESS_IS_CHAT_NOTE (item))
    return tess_chat_note_get_kind (TESS_CHAT_NOTE (item)) == TESS_CHAT_NOTE_ERROR
           ? ROW_ERROR : ROW_NOTICE;

  switch (tess_thread_item_get_kind (TESS_THREAD_ITEM (item)))
    {
    case TESS_ITEM_USER_MESSAGE:
      return ROW_USER;
    case TESS_ITEM_ASSISTANT_MESSAGE:
      return ROW_ASSISTANT;
    case TESS_ITEM_WIDGET:
      return ROW_WIDGET;
    case TESS_ITEM_WORKFLOW:
      return ROW_WORKFLOW;
    case TESS_ITEM_TASK:
      return ROW_TASK;
    case TESS_ITEM_CLIENT_TOOL_CALL:
      return ROW_TOOL_CALL;
    case TESS_ITEM_GENERATED_IMAGE:
      return ROW_IMAGE;
    case TESS_ITEM_STRUCTURED_INPUT:
      return ROW_QUESTIONS;
    case TESS_ITEM_END_OF_TURN:
    case TESS_ITEM_HIDDEN_CONTEXT:
    case TESS_ITEM_UNKNOWN:
    default:
      return ROW_EMPTY;
    }
}

static const char *const kind_classes[] = {
  [ROW_EMPTY] = "empty", [ROW_USER] = "user", [ROW_ASSISTANT] = "assistant",
  [ROW_WIDGET] = "widget", [ROW_WORKFLOW] = "workflow", [ROW_TASK] = "task",
  [ROW_TOOL_CALL] = "tool-call", [ROW_IMAGE] = "image", [ROW_QUESTIONS] = "questions",
  [ROW_NOTICE] = "notice", [ROW_ERROR] = "error",
};

void
tess_chat_item_row_bind (TessChatItemRow *self,
                         GObject         *item)
{
  RowKind kind;
  TessThreadItem *thread_item;

  g_return_if_fail (TESS_IS_CHAT_ITEM_ROW (self));
  g_return_if_fail (item == NULL || TESS_IS_THREAD_ITEM (item) || TESS_IS_CHAT_NOTE (item));

  kind = kind_of (item);
  disconnect_item (self);
  /* Answers, widgets and workflows keep their widgets across a rebind of the same kind. */
  if (kind != self->kind || (kind != ROW_ASSISTANT && kind != ROW_WIDGET &&
                             kind != ROW_WORKFLOW))
    clear_children (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self), kind_classes[self->kind]);
  self->kind = kind;
  gtk_widget_add_css_class (GTK_WIDGET (self), kind_classes[kind]);
  gtk_widget_set_visible (GTK_WIDGET (self), kind != ROW_EMPTY);

  if (item == NULL)
    return;
  self->item = g_object_ref (item);
  thread_item = TESS_IS_THREAD_ITEM (item) ? TESS_THREAD_ITEM (item) : NULL;

  switch (kind)
    {
    case ROW_USER:
      build_user (self, thread_item);
      break;

    case ROW_ASSISTANT:
      if (self->markdown == NULL)
        build_assistant (self);
      bind_assistant (self, thread_item);
      break;

    case ROW_WIDGET:
      if (self->widget_view == NULL)
        build_widget (self);
      bind_widget (self, thread_item);
      break;

    case ROW_WORKFLOW:
      bind_workflow (self, thread_item);
      break;

    case ROW_TASK:
      build_task (self, thread_item);
      break;

    case ROW_TOOL_CALL:
      build_tool_call (self, thread_item);
      break;

    case ROW_IMAGE:
      build_simple (self, "image-x-generic-symbolic",
                    tess_thread_item_get_image_progress (thread_item) >= 0
                    ? _("Generating an image…") : _("Generated image"), "tess-chat-workflow");
      break;

    case ROW_QUESTIONS:
      build_questions (self, thread_item);
      break;

    case ROW_NOTICE:
    case ROW_ERROR:
      build_note (self, TESS_CHAT_NOTE (item));
      break;

    case ROW_EMPTY:
    default:
      break;
    }
}

GObject *
tess_chat_item_row_get_item (TessChatItemRow *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_ITEM_ROW (self), NULL);
  return self->item;
}

char *
tess_chat_item_row_dup_text (TessChatItemRow *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_ITEM_ROW (self), NULL);

  flush_pending_text (self);
  if (self->markdown != NULL)
    return g_strdup (tess_markdown_get_text (self->markdown));
  if (self->label != NULL)
    return g_strdup (gtk_label_get_text (GTK_LABEL (self->label)));
  if (self->kind == ROW_WIDGET && self->item != NULL)
    return g_strdup (object_string (tess_thread_item_get_object (TESS_THREAD_ITEM (self->item)),
                                    "copy_text"));
  return NULL;
}

TessWidgetView *
tess_chat_item_row_get_widget_view (TessChatItemRow *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_ITEM_ROW (self), NULL);
  return self->widget_view;
}
