/* tess-playground-responder.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core/tess-json.h"
#include "protocol/tess-protocol-json.h"

#include "tess-playground-responder.h"
#include "tess-playground-store.h"

#define GALLERY_PATH "/io/github/tessera/Tessera/playground/gallery"

/* One pixel, so generated_image has a real data: URL to show. */
#define PIXEL_PNG "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4" \
                  "2mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="

struct _TessPlaygroundResponder
{
  GObject     parent_instance;

  GHashTable *gallery;
  guint       word_delay;
};

G_DEFINE_FINAL_TYPE (TessPlaygroundResponder, tess_playground_responder, G_TYPE_OBJECT)

void
tess_playground_step_free (TessPlaygroundStep *step)
{
  if (step == NULL)
    return;
  g_clear_pointer (&step->event, json_object_unref);
  g_free (step);
}

static void
tess_playground_responder_finalize (GObject *object)
{
  TessPlaygroundResponder *self = (TessPlaygroundResponder *) object;

  g_clear_pointer (&self->gallery, g_hash_table_unref);

  G_OBJECT_CLASS (tess_playground_responder_parent_class)->finalize (object);
}

static void
tess_playground_responder_class_init (TessPlaygroundResponderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tess_playground_responder_finalize;
}

static void
load_bundled_gallery (TessPlaygroundResponder *self)
{
  g_auto(GStrv) names = g_resources_enumerate_children (GALLERY_PATH, 0, NULL);

  for (guint i = 0; names && names[i]; i++)
    {
      g_autofree char *path = g_strconcat (GALLERY_PATH "/", names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autoptr(JsonNode) node = NULL;
      gsize length;
      const char *data;

      if (bytes == NULL || !g_str_has_suffix (names[i], ".json"))
        continue;
      data = g_bytes_get_data (bytes, &length);
      node = tess_json_parse (data, length, NULL);
      /* The bundled files are ours and checked by the tests; a bad one is simply skipped. */
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        g_hash_table_replace (self->gallery, g_strndup (names[i], strlen (names[i]) - 5),
                              tess_pjson_copy_object (json_node_get_object (node)));
    }
}

static void
tess_playground_responder_init (TessPlaygroundResponder *self)
{
  self->gallery = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) json_object_unref);
  self->word_delay = 30;
  load_bundled_gallery (self);
}

TessPlaygroundResponder *
tess_playground_responder_new (void)
{
  return g_object_new (TESS_TYPE_PLAYGROUND_RESPONDER, NULL);
}

gboolean
tess_playground_responder_load_widgets_dir (TessPlaygroundResponder  *self,
                                            const char               *dir,
                                            GError                  **error)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_RESPONDER (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (!(handle = g_dir_open (dir, 0, error)))
    return FALSE;

  while ((name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) local_error = NULL;
      JsonObject *root;
      gboolean is_template = g_str_has_suffix (name, ".widget");

      if (!is_template && !g_str_has_suffix (name, ".json"))
        continue;

      if (!(node = tess_json_parse_file (path, &local_error)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s:%s", path,
                       local_error->message);
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: expected a JSON object", path);
          return FALSE;
        }
      root = json_node_get_object (node);
      if (is_template)
        {
          JsonNode *preview = json_object_get_member (root, "outputJsonPreview");

          if (preview == NULL || !JSON_NODE_HOLDS_OBJECT (preview))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "%s: /outputJsonPreview: expected the rendered widget object", path);
              return FALSE;
            }
          root = json_node_get_object (preview);
        }
      if (!json_object_has_member (root, "type"))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: %s/type: a widget root needs a type", path,
                       is_template ? "/outputJsonPreview" : "");
          return FALSE;
        }

      g_hash_table_replace (self->gallery,
                            g_strndup (name, strlen (name) - (is_template ? 7 : 5)),
                            tess_pjson_copy_object (root));
    }

  return TRUE;
}

/* qsort hands over pointers to the elements. */
static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

char **
tess_playground_responder_list_widgets (TessPlaygroundResponder *self)
{
  g_autofree gpointer *keys = NULL;
  guint n;
  char **names;

  g_return_val_if_fail (TESS_IS_PLAYGROUND_RESPONDER (self), NULL);

  keys = g_hash_table_get_keys_as_array (self->gallery, &n);
  names = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (keys[i]);
  qsort (names, n, sizeof (char *), compare_names);
  return names;
}

JsonObject *
tess_playground_responder_get_widget (TessPlaygroundResponder *self,
                                      const char              *name)
{
  g_return_val_if_fail (TESS_IS_PLAYGROUND_RESPONDER (self), NULL);

  return g_hash_table_lookup (self->gallery, name);
}

void
tess_playground_responder_set_word_delay (TessPlaygroundResponder *self,
                                          guint                    delay_ms)
{
  g_return_if_fail (TESS_IS_PLAYGROUND_RESPONDER (self));

  self->word_delay = delay_ms;
}

/* Event builders */

static void
add_step (GPtrArray  *steps,
          JsonObject *event,
          guint       delay_ms)
{
  TessPlaygroundStep *step = g_new0 (TessPlaygroundStep, 1);

  step->event = event;
  step->delay_ms = delay_ms;
  g_ptr_array_add (steps, step);
}

static JsonObject *
item_event (const char *type,
            JsonObject *item)
{
  JsonObject *event = json_object_new ();

  json_object_set_string_member (event, "type", type);
  json_object_set_object_member (event, "item", tess_pjson_copy_object (item));
  return event;
}

static JsonObject *
update_event (const char *item_id,
              JsonObject *update)
{
  JsonObject *event = json_object_new ();

  json_object_set_string_member (event, "type", "thread.item.updated");
  json_object_set_string_member (event, "item_id", item_id);
  json_object_set_object_member (event, "update", update);
  return event;
}

static JsonObject *
progress_event (const char *text,
                const char *icon)
{
  JsonObject *event = json_object_new ();

  json_object_set_string_member (event, "type", "progress_update");
  json_object_set_string_member (event, "text", text);
  if (icon != NULL)
    json_object_set_string_member (event, "icon", icon);
  return event;
}

static JsonObject *
new_item (JsonObject *thread,
          const char *prefix,
          const char *type)
{
  JsonObject *item = json_object_new ();
  g_autofree char *id = tess_playground_store_new_id (prefix);
  g_autofree char *now = tess_playground_store_now ();

  json_object_set_string_member (item, "id", id);
  json_object_set_string_member (item, "thread_id", json_object_get_string_member (thread, "id"));
  json_object_set_string_member (item, "created_at", now);
  json_object_set_string_member (item, "type", type);
  return item;
}

static JsonObject *
text_part (const char *text)
{
  JsonObject *part = json_object_new ();

  json_object_set_string_member (part, "type", "output_text");
  json_object_set_string_member (part, "text", text);
  json_object_set_array_member (part, "annotations", json_array_new ());
  return part;
}

/* An assistant message streamed word by word: added, part added, deltas, part done, done. */
static void
stream_message (TessPlaygroundResponder *self,
                JsonObject              *thread,
                const char              *markdown,
                guint                    word_delay,
                GPtrArray               *steps)
{
  g_autoptr(JsonObject) item = new_item (thread, "msg", "assistant_message");
  const char *id = json_object_get_string_member (item, "id");
  JsonObject *update;
  JsonArray *content;
  const char *p = markdown;

  json_object_set_array_member (item, "content", json_array_new ());
  add_step (steps, item_event ("thread.item.added", item), 0);

  update = json_object_new ();
  json_object_set_string_member (update, "type", "assistant_message.content_part.added");
  json_object_set_int_member (update, "content_index", 0);
  json_object_set_object_member (update, "content", text_part (""));
  add_step (steps, update_event (id, update), 0);

  while (*p)
    {
      const char *end = p;
      g_autofree char *word = NULL;

      /* A word and the whitespace after it. */
      while (*end && !g_ascii_isspace (*end))
        end++;
      while (*end && g_ascii_isspace (*end))
        end++;
      word = g_strndup (p, end - p);
      update = json_object_new ();
      json_object_set_string_member (update, "type", "assistant_message.content_part.text_delta");
      json_object_set_int_member (update, "content_index", 0);
      json_object_set_string_member (update, "delta", word);
      add_step (steps, update_event (id, update), word_delay);
      p = end;
    }

  update = json_object_new ();
  json_object_set_string_member (update, "type", "assistant_message.content_part.done");
  json_object_set_int_member (update, "content_index", 0);
  json_object_set_object_member (update, "content", text_part (markdown));
  add_step (steps, update_event (id, update), 0);

  content = json_array_new ();
  json_array_add_object_element (content, text_part (markdown));
  json_object_set_array_member (item, "content", content);
  add_step (steps, item_event ("thread.item.done", item), 0);
}

/* A finished assistant message in one event. */
static void
say (JsonObject *thread,
     const char *markdown,
     GPtrArray  *steps)
{
  g_autoptr(JsonObject) item = new_item (thread, "msg", "assistant_message");
  JsonArray *content = json_array_new ();

  json_array_add_object_element (content, text_part (markdown));
  json_object_set_array_member (item, "content", content);
  add_step (steps, item_event ("thread.item.done", item), 0);
}

static void
maybe_set_title (JsonObject *thread,
                 const char *text,
                 GPtrArray  *steps)
{
  JsonObject *event, *announced;
  g_autofree char *title = NULL;
  const char *end;

  if (json_object_has_member (thread, "title") || text == NULL || *text == '\0')
    return;

  /* At most 40 characters, cut on a character boundary. */
  end = text;
  for (guint i = 0; i < 40 && *end; i++)
    end = g_utf8_next_char (end);
  title = g_strndup (text, end - text);
  json_object_set_string_member (thread, "title", title);

  announced = tess_pjson_copy_object (thread);
  if (!json_object_has_member (announced, "items"))
    {
      JsonObject *page = json_object_new ();

      json_object_set_array_member (page, "data", json_array_new ());
      json_object_set_boolean_member (page, "has_more", FALSE);
      json_object_set_object_member (announced, "items", page);
    }
  event = json_object_new ();
  json_object_set_string_member (event, "type", "thread.updated");
  json_object_set_object_member (event, "thread", announced);
  add_step (steps, event, 0);
}

static char *
user_text (JsonObject *user_item)
{
  GString *text = g_string_new (NULL);
  JsonArray *content;

  if (user_item == NULL || !json_object_has_member (user_item, "content"))
    return g_string_free (text, FALSE);

  content = json_object_get_array_member (user_item, "content");
  for (guint i = 0; i < json_array_get_length (content); i++)
    {
      JsonObject *part = json_array_get_object_element (content, i);
      const char *type = json_object_get_string_member_with_default (part, "type", "");

      if (strcmp (type, "input_text") == 0)
        g_string_append (text, json_object_get_string_member_with_default (part, "text", ""));
      else if (strcmp (type, "input_tag") == 0)
        g_string_append_printf (text, "@%s",
                                json_object_get_string_member_with_default (part, "text", ""));
    }
  return g_strstrip (g_string_free (text, FALSE));
}

static const char *
tool_choice (JsonObject *user_item)
{
  JsonObject *options, *choice;

  if (user_item == NULL || !json_object_has_member (user_item, "inference_options"))
    return NULL;
  options = json_object_get_object_member (user_item, "inference_options");
  if (options == NULL || !json_object_has_member (options, "tool_choice"))
    return NULL;
  choice = json_object_get_object_member (options, "tool_choice");
  return choice ? json_object_get_string_member_with_default (choice, "id", NULL) : NULL;
}

static const char help_text[] =
  "The **Tessera playground** is a scripted ChatKit server: no model, no network. Try:\n\n"
  "- any text: a streamed Markdown answer with progress updates\n"
  "- `/widget NAME`: a widget from the gallery (`/gallery` lists them)\n"
  "- `/stream`: a widget streamed with value deltas and a root update\n"
  "- `/stream NAME`: a gallery widget streamed child by child\n"
  "- `/workflow`: a workflow whose tasks stream in\n"
  "- `/tool` (or the `get_time` tool): a client tool call\n"
  "- `/ask`: structured input\n"
  "- `/image`: a generated image\n"
  "- `/notice`, `/effect`, `/fail`: a notice, a client effect, an error\n"
  "- `/lock`, `/close`, `/reopen`: change the thread status\n"
  "- `/slow`: a long, slow answer to try the stop button\n\n"
  "Every widget action is answered with the action's type and payload.";

static void
respond_widget (TessPlaygroundResponder *self,
                JsonObject              *thread,
                const char              *name,
                GPtrArray               *steps)
{
  JsonObject *widget = tess_playground_responder_get_widget (self, name);
  g_autoptr(JsonObject) item = NULL;
  g_autofree char *message = NULL;

  if (widget == NULL)
    {
      g_auto(GStrv) names = tess_playground_responder_list_widgets (self);
      g_autofree char *list = g_strjoinv ("`, `", names);

      message = g_strdup_printf ("There is no widget named `%s`. The gallery has `%s`.", name,
                                 list);
      say (thread, message, steps);
      return;
    }

  item = new_item (thread, "msg", "widget");
  json_object_set_object_member (item, "widget", tess_pjson_copy_object (widget));
  json_object_set_string_member (item, "copy_text", name);
  add_step (steps, item_event ("thread.item.done", item), self->word_delay);
}

static JsonObject *
streaming_card (const char *text,
                gboolean    streaming,
                gboolean    with_button)
{
  g_autofree char *json = g_strdup_printf (
    "{\"type\":\"Card\",\"children\":[{\"type\":\"Title\",\"value\":\"Streaming widget\"},"
    "{\"type\":\"Text\",\"id\":\"body\",\"value\":\"\",\"streaming\":%s}%s]}",
    streaming ? "true" : "false",
    with_button ? ",{\"type\":\"Button\",\"label\":\"Ping\",\"onClickAction\":"
                  "{\"type\":\"playground.ping\",\"payload\":{\"from\":\"stream\"}}}" : "");
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  JsonObject *card = tess_pjson_copy_object (json_node_get_object (node));
  JsonObject *body = json_array_get_object_element (json_object_get_array_member (card,
                                                                                  "children"),
                                                    1);

  json_object_set_string_member (body, "value", text);
  return card;
}

static void
respond_stream_widget (TessPlaygroundResponder *self,
                       JsonObject              *thread,
                       GPtrArray               *steps)
{
  static const char *words[] = { "Widgets ", "can ", "stream ", "their ", "text ", "too." };
  g_autoptr(JsonObject) item = new_item (thread, "msg", "widget");
  const char *id = json_object_get_string_member (item, "id");
  GString *text = g_string_new (words[0]);
  JsonObject *update;

  json_object_set_object_member (item, "widget", streaming_card (text->str, TRUE, FALSE));
  add_step (steps, item_event ("thread.item.added", item), 0);

  for (guint i = 1; i < G_N_ELEMENTS (words); i++)
    {
      update = json_object_new ();
      json_object_set_string_member (update, "type", "widget.streaming_text.value_delta");
      json_object_set_string_member (update, "component_id", "body");
      json_object_set_string_member (update, "delta", words[i]);
      json_object_set_boolean_member (update, "done", FALSE);
      add_step (steps, update_event (id, update), self->word_delay);
      g_string_append (text, words[i]);
    }

  /* The last state adds a button and ends streaming: a full replace (protocol §7). */
  update = json_object_new ();
  json_object_set_string_member (update, "type", "widget.root.updated");
  json_object_set_object_member (update, "widget", streaming_card (text->str, FALSE, TRUE));
  add_step (steps, update_event (id, update), self->word_delay);

  json_object_set_object_member (item, "widget", streaming_card (text->str, FALSE, TRUE));
  json_object_set_string_member (item, "copy_text", text->str);
  add_step (steps, item_event ("thread.item.done", item), 0);
  g_string_free (text, TRUE);
}

/* Streams a gallery widget child by child, as widget.root.updated events. */
static void
respond_stream_gallery (TessPlaygroundResponder *self,
                        JsonObject              *thread,
                        const char              *name,
                        GPtrArray               *steps)
{
  JsonObject *widget = tess_playground_responder_get_widget (self, name);
  g_autoptr(JsonObject) item = NULL;
  JsonArray *children = NULL;
  const char *id;
  guint n;

  if (widget == NULL || !json_object_has_member (widget, "children") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (widget, "children")))
    {
      respond_widget (self, thread, name, steps);
      return;
    }

  children = json_object_get_array_member (widget, "children");
  n = json_array_get_length (children);
  item = new_item (thread, "msg", "widget");
  id = json_object_get_string_member (item, "id");

  for (guint shown = 1; shown <= n; shown++)
    {
      JsonObject *state = tess_pjson_copy_object (widget);
      JsonArray *partial = json_array_new ();

      for (guint i = 0; i < shown; i++)
        json_array_add_element (partial,
                                tess_pjson_copy_node (json_array_get_element (children, i)));
      json_object_set_array_member (state, "children", partial);

      if (shown == 1)
        {
          json_object_set_object_member (item, "widget", state);
          add_step (steps, item_event ("thread.item.added", item), 0);
        }
      else
        {
          JsonObject *update = json_object_new ();

          json_object_set_string_member (update, "type", "widget.root.updated");
          json_object_set_object_member (update, "widget", state);
          add_step (steps, update_event (id, update), self->word_delay * 3);
        }
    }

  json_object_set_object_member (item, "widget", tess_pjson_copy_object (widget));
  json_object_set_string_member (item, "copy_text", name);
  add_step (steps, item_event ("thread.item.done", item), 0);
}

static JsonObject *
task (const char *type,
      const char *title,
      const char *content,
      const char *indicator)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "type", type);
  json_object_set_string_member (object, "title", title);
  if (content != NULL)
    json_object_set_string_member (object, "content", content);
  json_object_set_string_member (object, "status_indicator", indicator);
  return object;
}

static void
task_update (GPtrArray  *steps,
             const char *item_id,
             const char *type,
             guint       index,
             JsonObject *new_task,
             guint       delay)
{
  JsonObject *update = json_object_new ();

  json_object_set_string_member (update, "type", type);
  json_object_set_int_member (update, "task_index", index);
  json_object_set_object_member (update, "task", new_task);
  add_step (steps, update_event (item_id, update), delay);
}

static void
respond_workflow (TessPlaygroundResponder *self,
                  JsonObject              *thread,
                  GPtrArray               *steps)
{
  g_autoptr(JsonObject) item = new_item (thread, "wf", "workflow");
  const char *id = json_object_get_string_member (item, "id");
  JsonObject *workflow = json_object_new ();
  JsonArray *tasks = json_array_new ();
  JsonObject *summary = json_object_new ();

  json_array_add_object_element (tasks, task ("custom", "Collect the facts", NULL, "loading"));
  json_object_set_string_member (workflow, "type", "custom");
  json_object_set_array_member (workflow, "tasks", tasks);
  json_object_set_boolean_member (workflow, "expanded", TRUE);
  json_object_set_object_member (item, "workflow", workflow);
  add_step (steps, item_event ("thread.item.added", item), 0);

  task_update (steps, id, "workflow.task.updated", 0,
               task ("custom", "Collect the facts", "Three sources read.", "complete"),
               self->word_delay * 3);
  task_update (steps, id, "workflow.task.added", 1,
               task ("thought", "Think it over", "Weighing the options…", "loading"),
               self->word_delay * 3);
  task_update (steps, id, "workflow.task.updated", 1,
               task ("thought", "Think it over", "Weighing the options… done.", "complete"),
               self->word_delay * 3);

  tasks = json_array_new ();
  json_array_add_object_element (tasks, task ("custom", "Collect the facts",
                                              "Three sources read.", "complete"));
  json_array_add_object_element (tasks, task ("thought", "Think it over",
                                              "Weighing the options… done.", "complete"));
  json_object_set_array_member (workflow, "tasks", tasks);
  json_object_set_boolean_member (workflow, "expanded", FALSE);
  json_object_set_int_member (summary, "duration", 2);
  json_object_set_object_member (workflow, "summary", summary);
  add_step (steps, item_event ("thread.item.done", item), 0);

  stream_message (self, thread, "The workflow is **done**: two tasks, both complete.",
                  self->word_delay, steps);
}

static void
respond_tool (TessPlaygroundResponder *self,
              JsonObject              *thread,
              GPtrArray               *steps)
{
  g_autoptr(JsonObject) item = new_item (thread, "tc", "client_tool_call");
  g_autofree char *call_id = tess_playground_store_new_id ("call");
  JsonObject *arguments = json_object_new ();

  add_step (steps, progress_event ("Asking the client for the time…", "clock"), 0);
  json_object_set_string_member (arguments, "timezone", "UTC");
  json_object_set_string_member (item, "status", "pending");
  json_object_set_string_member (item, "call_id", call_id);
  json_object_set_string_member (item, "name", "get_time");
  json_object_set_object_member (item, "arguments", arguments);
  add_step (steps, item_event ("thread.item.done", item), 0);
}

static void
respond_ask (TessPlaygroundResponder *self,
             JsonObject              *thread,
             GPtrArray               *steps)
{
  g_autoptr(JsonObject) item = new_item (thread, "si", "structured_input");
  g_autoptr(JsonNode) inputs = json_from_string (
    "[{\"type\":\"multiple_choice\",\"id\":\"color\",\"question\":\"Which colour?\","
    "\"options\":[{\"value\":\"red\"},{\"value\":\"green\"},{\"value\":\"blue\"}],"
    "\"multiple\":false},"
    "{\"type\":\"multiple_choice\",\"id\":\"extras\",\"question\":\"Extras?\","
    "\"options\":[{\"value\":\"stripes\"},{\"value\":\"dots\"}],\"multiple\":true},"
    "{\"type\":\"freeform\",\"id\":\"why\",\"question\":\"Why?\","
    "\"description\":\"A sentence is enough.\"}]", NULL);

  json_object_set_string_member (item, "status", "pending");
  json_object_set_member (item, "inputs", tess_pjson_copy_node (inputs));
  add_step (steps, item_event ("thread.item.done", item), 0);
}

static void
respond_image (TessPlaygroundResponder *self,
               JsonObject              *thread,
               GPtrArray               *steps)
{
  g_autoptr(JsonObject) item = new_item (thread, "img", "generated_image");
  const char *id = json_object_get_string_member (item, "id");
  JsonObject *image = json_object_new ();

  add_step (steps, item_event ("thread.item.added", item), 0);
  json_object_set_string_member (image, "id", "pixel");
  json_object_set_string_member (image, "url", PIXEL_PNG);
  for (guint i = 1; i <= 2; i++)
    {
      JsonObject *update = json_object_new ();

      json_object_set_string_member (update, "type", "generated_image.updated");
      json_object_set_object_member (update, "image", tess_pjson_copy_object (image));
      json_object_set_double_member (update, "progress", i * 0.5);
      add_step (steps, update_event (id, update), self->word_delay * 3);
    }
  json_object_set_object_member (item, "image", image);
  add_step (steps, item_event ("thread.item.done", item), 0);
}

static char *
describe_attachments (JsonObject *user_item)
{
  GString *text = g_string_new (NULL);
  JsonArray *attachments;

  if (user_item == NULL || !json_object_has_member (user_item, "attachments"))
    return g_string_free (text, FALSE);

  attachments = json_object_get_array_member (user_item, "attachments");
  for (guint i = 0; i < json_array_get_length (attachments); i++)
    {
      JsonObject *attachment = json_array_get_object_element (attachments, i);

      g_string_append_printf (text, "\n- attachment **%s** (`%s`)",
                              json_object_get_string_member_with_default (attachment, "name", "?"),
                              json_object_get_string_member_with_default (attachment,
                                                                          "mime_type", "?"));
    }
  if (text->len > 0)
    g_string_prepend (text, "\n\nYou sent:");
  return g_string_free (text, FALSE);
}

void
tess_playground_responder_respond (TessPlaygroundResponder *self,
                                   JsonObject              *thread,
                                   JsonObject              *user_item,
                                   GPtrArray               *steps)
{
  g_autofree char *text = NULL;
  const char *tool;

  g_return_if_fail (TESS_IS_PLAYGROUND_RESPONDER (self));
  g_return_if_fail (thread != NULL);
  g_return_if_fail (steps != NULL);

  text = user_text (user_item);
  tool = tool_choice (user_item);

  if (g_strcmp0 (tool, "get_time") == 0 || strcmp (text, "/tool") == 0)
    respond_tool (self, thread, steps);
  else if (strcmp (text, "/help") == 0)
    say (thread, help_text, steps);
  else if (strcmp (text, "/gallery") == 0)
    {
      g_auto(GStrv) names = tess_playground_responder_list_widgets (self);
      g_autofree char *list = g_strjoinv ("`\n- `", names);
      g_autofree char *message = g_strdup_printf ("The gallery has:\n\n- `%s`", list);

      say (thread, message, steps);
    }
  else if (g_str_has_prefix (text, "/widget"))
    {
      const char *name = text + strlen ("/widget");

      while (*name == ' ')
        name++;
      respond_widget (self, thread, *name ? name : "weather", steps);
    }
  else if (strcmp (text, "/stream") == 0)
    respond_stream_widget (self, thread, steps);
  else if (g_str_has_prefix (text, "/stream "))
    respond_stream_gallery (self, thread, g_strstrip (text + strlen ("/stream ")), steps);
  else if (strcmp (text, "/workflow") == 0)
    respond_workflow (self, thread, steps);
  else if (strcmp (text, "/ask") == 0)
    respond_ask (self, thread, steps);
  else if (strcmp (text, "/image") == 0)
    respond_image (self, thread, steps);
  else if (strcmp (text, "/notice") == 0)
    {
      JsonObject *event = json_object_new ();

      json_object_set_string_member (event, "type", "notice");
      json_object_set_string_member (event, "level", "warning");
      json_object_set_string_member (event, "title", "Heads up");
      json_object_set_string_member (event, "message", "This is a **notice** from the playground.");
      add_step (steps, event, 0);
    }
  else if (strcmp (text, "/effect") == 0)
    {
      JsonObject *event = json_object_new ();
      JsonObject *data = json_object_new ();

      json_object_set_string_member (data, "colour", "gold");
      json_object_set_int_member (data, "count", 3);
      json_object_set_string_member (event, "type", "client_effect");
      json_object_set_string_member (event, "name", "playground.confetti");
      json_object_set_object_member (event, "data", data);
      add_step (steps, event, 0);
    }
  else if (strcmp (text, "/lock") == 0 || strcmp (text, "/close") == 0 ||
           strcmp (text, "/reopen") == 0)
    {
      JsonObject *status = json_object_new ();
      JsonObject *event = json_object_new ();
      JsonObject *announced;
      JsonObject *page = json_object_new ();
      gboolean reopen = strcmp (text, "/reopen") == 0;
      const char *type = reopen ? "active"
                                : strcmp (text, "/lock") == 0 ? "locked" : "closed";

      json_object_set_string_member (status, "type", type);
      if (!reopen)
        json_object_set_string_member (status, "reason",
                                       strcmp (text, "/lock") == 0
                                       ? "Locked by /lock (the playground still answers)."
                                       : "Closed by /close.");
      json_object_set_object_member (thread, "status", status);
      say (thread, reopen ? "The thread is **active** again."
                          : "The thread status changed; send `/reopen` to undo it.", steps);

      announced = tess_pjson_copy_object (thread);
      json_object_set_array_member (page, "data", json_array_new ());
      json_object_set_boolean_member (page, "has_more", FALSE);
      json_object_set_object_member (announced, "items", page);
      json_object_set_string_member (event, "type", "thread.updated");
      json_object_set_object_member (event, "thread", announced);
      add_step (steps, event, 0);
    }
  else if (strcmp (text, "/fail") == 0)
    {
      JsonObject *event = json_object_new ();

      add_step (steps, progress_event ("About to fail…", NULL), 0);
      json_object_set_string_member (event, "type", "error");
      json_object_set_string_member (event, "code", "custom");
      json_object_set_string_member (event, "message",
                                     "The playground failed on purpose (`/fail`).");
      json_object_set_boolean_member (event, "allow_retry", TRUE);
      add_step (steps, event, 0);
    }
  else if (strcmp (text, "/slow") == 0)
    {
      GString *answer = g_string_new ("This answer is slow on purpose.");

      for (guint i = 1; i <= 100; i++)
        g_string_append_printf (answer, " Word %u.", i);
      stream_message (self, thread, answer->str, MAX (self->word_delay, 100), steps);
      g_string_free (answer, TRUE);
    }
  else
    {
      g_autofree char *attachments = describe_attachments (user_item);
      g_autofree char *answer = g_strdup_printf (
        "You said: **%s**%s\n\nThis is the *Tessera playground*, a scripted server. "
        "Send `/help` to see what it can show.", *text ? text : "(nothing)", attachments);

      add_step (steps, progress_event ("Thinking…", "sparkle"), self->word_delay);
      add_step (steps, progress_event ("Writing…", "write"), self->word_delay);
      stream_message (self, thread, answer, self->word_delay, steps);
    }

  maybe_set_title (thread, text, steps);
}

void
tess_playground_responder_tool_output (TessPlaygroundResponder *self,
                                       JsonObject              *thread,
                                       JsonObject              *tool_call,
                                       GPtrArray               *steps)
{
  g_autoptr(JsonNode) output = NULL;
  g_autofree char *json = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (TESS_IS_PLAYGROUND_RESPONDER (self));

  output = json_object_has_member (tool_call, "output")
           ? json_node_copy (json_object_get_member (tool_call, "output"))
           : json_node_new (JSON_NODE_NULL);
  json = tess_json_to_string (output, TRUE);
  message = g_strdup_printf ("The client tool `%s` returned:\n\n```json\n%s\n```",
                             json_object_get_string_member_with_default (tool_call, "name", "?"),
                             json);
  stream_message (self, thread, message, self->word_delay, steps);
}

void
tess_playground_responder_structured_input (TessPlaygroundResponder *self,
                                            JsonObject              *thread,
                                            JsonObject              *answered,
                                            GPtrArray               *steps)
{
  GString *message = g_string_new (NULL);
  JsonArray *inputs = json_object_get_array_member (answered, "inputs");

  g_return_if_fail (TESS_IS_PLAYGROUND_RESPONDER (self));

  g_string_append_printf (message, "Your answers (%s):\n",
                          json_object_get_string_member_with_default (answered, "status", "?"));
  for (guint i = 0; inputs && i < json_array_get_length (inputs); i++)
    {
      JsonObject *input = json_array_get_object_element (inputs, i);
      JsonObject *answer = json_object_get_object_member (input, "answer");
      JsonArray *values = answer ? json_object_get_array_member (answer, "values") : NULL;

      g_string_append_printf (message, "\n- %s ",
                              json_object_get_string_member_with_default (input, "question", ""));
      if (answer == NULL || json_object_get_boolean_member_with_default (answer, "skipped", TRUE))
        g_string_append (message, "*skipped*");
      else
        for (guint j = 0; values && j < json_array_get_length (values); j++)
          g_string_append_printf (message, "%s**%s**", j ? ", " : "",
                                  json_array_get_string_element (values, j));
    }

  stream_message (self, thread, message->str, self->word_delay, steps);
  g_string_free (message, TRUE);
}

JsonObject *
tess_playground_responder_update_sender (JsonObject *sender,
                                         JsonObject *action)
{
  JsonObject *updated = tess_pjson_copy_object (sender);
  JsonObject *widget = json_object_get_object_member (updated, "widget");
  const char *root_type = json_object_get_string_member_with_default (widget, "type", "");
  g_autofree char *label = g_strdup_printf ("Last action: %s",
                                            json_object_get_string_member_with_default (action,
                                                                                        "type",
                                                                                        "?"));

  if (strcmp (root_type, "Card") == 0 || strcmp (root_type, "ListView") == 0)
    {
      JsonObject *status = json_object_new ();

      json_object_set_string_member (status, "text", label);
      json_object_set_string_member (status, "icon", "check");
      json_object_set_object_member (widget, "status", status);
    }
  else
    {
      JsonNode *children = json_object_get_member (widget, "children");
      JsonObject *text = json_object_new ();
      JsonArray *array;

      json_object_set_string_member (text, "type", "Text");
      json_object_set_string_member (text, "id", "playground-last-action");
      json_object_set_string_member (text, "value", label);
      if (children == NULL || !JSON_NODE_HOLDS_ARRAY (children))
        json_object_set_array_member (widget, "children", json_array_new ());
      array = json_object_get_array_member (widget, "children");
      for (guint i = json_array_get_length (array); i > 0; i--)
        {
          JsonNode *child = json_array_get_element (array, i - 1);

          if (JSON_NODE_HOLDS_OBJECT (child) &&
              g_strcmp0 (json_object_get_string_member_with_default (
                           json_node_get_object (child), "id", NULL),
                         "playground-last-action") == 0)
            json_array_remove_element (array, i - 1);
        }
      json_array_add_object_element (array, text);
    }

  return updated;
}

void
tess_playground_responder_action (TessPlaygroundResponder *self,
                                  JsonObject              *thread,
                                  JsonObject              *action,
                                  JsonObject              *sender,
                                  GPtrArray               *steps)
{
  g_autofree char *payload = NULL;
  g_autofree char *message = NULL;
  JsonNode *payload_node;

  g_return_if_fail (TESS_IS_PLAYGROUND_RESPONDER (self));

  payload_node = json_object_get_member (action, "payload");
  payload = payload_node ? tess_json_to_string (payload_node, TRUE) : g_strdup ("null");
  message = g_strdup_printf ("Received action `%s`%s%s%s with payload:\n\n```json\n%s\n```",
                             json_object_get_string_member_with_default (action, "type", "?"),
                             sender ? " from widget `" : "",
                             sender ? json_object_get_string_member (sender, "id") : "",
                             sender ? "`" : "", payload);

  if (sender != NULL)
    {
      g_autoptr(JsonObject) updated = tess_playground_responder_update_sender (sender, action);

      add_step (steps, item_event ("thread.item.replaced", updated), 0);
    }
  stream_message (self, thread, message, self->word_delay, steps);
}

JsonObject *
tess_playground_apply_structured_input (JsonObject *item,
                                        JsonObject *submission)
{
  JsonObject *updated = tess_pjson_copy_object (item);
  JsonArray *inputs = json_object_get_array_member (updated, "inputs");
  JsonObject *answers = json_object_get_object_member (submission, "answers");
  const char *status = json_object_get_string_member_with_default (submission, "status",
                                                                   "answered");
  gboolean all_skipped = strcmp (status, "skipped") == 0;

  for (guint i = 0; inputs && i < json_array_get_length (inputs); i++)
    {
      JsonObject *input = json_array_get_object_element (inputs, i);
      const char *id = json_object_get_string_member_with_default (input, "id", "");
      JsonObject *given = NULL;
      JsonArray *values = NULL;
      JsonObject *answer = json_object_new ();
      JsonArray *kept = json_array_new ();
      gboolean skipped;

      if (answers != NULL && json_object_has_member (answers, id))
        {
          JsonNode *node = json_object_get_member (answers, id);

          given = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
        }
      if (given != NULL && json_object_has_member (given, "values") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (given, "values")))
        values = json_object_get_array_member (given, "values");

      skipped = all_skipped || given == NULL || values == NULL ||
                json_array_get_length (values) == 0 ||
                json_object_get_boolean_member_with_default (given, "skipped", FALSE);

      if (!skipped)
        {
          gboolean single = strcmp (json_object_get_string_member_with_default (input, "type",
                                                                                ""),
                                    "multiple_choice") == 0 &&
                            !json_object_get_boolean_member_with_default (input, "multiple",
                                                                          FALSE);

          for (guint j = 0; j < json_array_get_length (values); j++)
            {
              JsonNode *value = json_array_get_element (values, j);

              if (json_node_get_value_type (value) == G_TYPE_STRING)
                json_array_add_string_element (kept, json_node_get_string (value));
              if (single && json_array_get_length (kept) == 1)
                break;
            }
          skipped = json_array_get_length (kept) == 0;
        }

      json_object_set_array_member (answer, "values", skipped ? json_array_new () : kept);
      if (skipped)
        json_array_unref (kept);
      json_object_set_boolean_member (answer, "skipped", skipped);
      json_object_set_object_member (input, "answer", answer);
    }

  json_object_set_string_member (updated, "status", all_skipped ? "skipped" : "answered");
  return updated;
}
