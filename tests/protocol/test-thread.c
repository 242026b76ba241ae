/* test-thread.c: the thread reducer fed with recorded event sequences
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "protocol/tess-protocol-json.h"
#include "protocol/tess-thread.h"

#include "protocol-test-util.h"

/* Mirrors the model through items-changed only, to prove the signal is exact. */
typedef struct
{
  GPtrArray *mirror;
  guint      n_progress;
  guint      n_notice;
  guint      n_error;
  guint      n_effect;
  guint      n_item_updates;
  char      *last_error_code;
  char      *last_error_message;
  gboolean   last_allow_retry;
  char      *last_effect;
  char      *last_notice;
} Recorder;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *rec)
{
  g_ptr_array_remove_range (rec->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (rec->mirror, position + i, g_list_model_get_item (model, position + i));
}

static void
on_progress (TessThread *thread,
             const char *text,
             const char *icon,
             Recorder   *rec)
{
  rec->n_progress++;
  g_assert_cmpstr (tess_thread_get_progress_text (thread), ==, text);
}

static void
on_notice (TessThread *thread,
           const char *level,
           const char *message,
           const char *title,
           Recorder   *rec)
{
  rec->n_notice++;
  g_free (rec->last_notice);
  rec->last_notice = g_strdup_printf ("%s|%s|%s", level, message, title ? title : "");
}

static void
on_error (TessThread *thread,
          const char *code,
          const char *message,
          gboolean    allow_retry,
          Recorder   *rec)
{
  rec->n_error++;
  g_free (rec->last_error_code);
  g_free (rec->last_error_message);
  rec->last_error_code = g_strdup (code);
  rec->last_error_message = g_strdup (message);
  rec->last_allow_retry = allow_retry;
}

static void
on_effect (TessThread *thread,
           const char *name,
           JsonObject *data,
           Recorder   *rec)
{
  g_autofree char *json = tess_pjson_object_to_string (data);

  rec->n_effect++;
  g_free (rec->last_effect);
  rec->last_effect = g_strdup_printf ("%s %s", name, json);
}

static TessThread *
recorded_thread (Recorder *rec)
{
  TessThread *thread = tess_thread_new ();

  memset (rec, 0, sizeof *rec);
  rec->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (thread, "items-changed", G_CALLBACK (on_items_changed), rec);
  g_signal_connect (thread, "progress", G_CALLBACK (on_progress), rec);
  g_signal_connect (thread, "notice", G_CALLBACK (on_notice), rec);
  g_signal_connect (thread, "error", G_CALLBACK (on_error), rec);
  g_signal_connect (thread, "client-effect", G_CALLBACK (on_effect), rec);
  return thread;
}

static void
recorder_check_and_clear (Recorder   *rec,
                          TessThread *thread)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (thread));

  g_assert_cmpuint (rec->mirror->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (thread), i);

      g_assert_true (item == g_ptr_array_index (rec->mirror, i));
    }
  g_signal_handlers_disconnect_by_data (thread, rec);
  g_ptr_array_unref (rec->mirror);
  g_free (rec->last_error_code);
  g_free (rec->last_error_message);
  g_free (rec->last_effect);
  g_free (rec->last_notice);
}

static void
apply_all (TessThread *thread,
           GPtrArray  *events)
{
  for (guint i = 0; i < events->len; i++)
    {
      g_autoptr(GError) error = NULL;

      tess_thread_apply_event (thread, g_ptr_array_index (events, i), &error);
      g_assert_no_error (error);
    }
}

static TessThreadItem *
item_at (TessThread *thread,
         guint       position)
{
  TessThreadItem *item = g_list_model_get_item (G_LIST_MODEL (thread), position);

  g_assert_nonnull (item);
  g_object_unref (item);
  return item;
}

static char *
widget_json (TessThreadItem *item)
{
  JsonObject *widget = tess_thread_item_get_widget (item);

  g_assert_nonnull (widget);
  return tess_pjson_object_to_string (widget);
}

static void
on_item_updated (TessThreadItem *item,
                 TessItemUpdate *update,
                 Recorder       *rec)
{
  rec->n_item_updates++;
}

static void
check_create_transcript (const char *name,
                         const char *thread_id,
                         const char *assistant_id,
                         const char *widget_id)
{
  g_autoptr(GPtrArray) events = test_util_load_events (name);
  Recorder rec;
  g_autoptr(TessThread) thread = recorded_thread (&rec);
  g_autofree char *text = NULL;
  g_autofree char *widget = NULL;

  tess_thread_begin_stream (thread);
  for (guint i = 0; i < events->len; i++)
    {
      TessStreamEvent *event = g_ptr_array_index (events, i);
      g_autoptr(GError) error = NULL;

      tess_thread_apply_event (thread, event, &error);
      g_assert_no_error (error);

      if (event->kind == TESS_EVENT_ITEM_ADDED)
        g_signal_connect (tess_thread_lookup_item (thread, tess_thread_item_get_id (event->item),
                                                   NULL),
                          "updated", G_CALLBACK (on_item_updated), &rec);

      /* Mid-stream states. */
      if (event->kind == TESS_EVENT_PROGRESS_UPDATE)
        g_assert_cmpstr (tess_thread_get_progress_text (thread), ==, "Thinking...");
      if (event->kind == TESS_EVENT_ITEM_UPDATED && event->update->kind ==
          TESS_UPDATE_WIDGET_STREAMING_TEXT_VALUE_DELTA)
        {
          JsonObject *mid = tess_thread_item_get_widget (tess_thread_lookup_item (thread,
                                                                                  widget_id,
                                                                                  NULL));
          g_autoptr(JsonNode) actual = json_node_init_object (json_node_alloc (), mid);
          g_autoptr(JsonNode) expected = json_from_string (
            "{\"type\":\"Card\",\"children\":[{\"id\":\"body\",\"type\":\"Text\","
            "\"value\":\"Hello wor\",\"streaming\":true}]}", NULL);

          g_assert_true (json_node_equal (actual, expected));
        }
      if (event->kind == TESS_EVENT_ITEM_UPDATED && event->update->kind ==
          TESS_UPDATE_CONTENT_PART_TEXT_DELTA && strcmp (event->update->delta, "You") == 0)
        {
          g_autofree char *mid = tess_thread_item_dup_text (tess_thread_lookup_item (thread,
                                                                                      assistant_id,
                                                                                      NULL));

          g_assert_cmpstr (mid, ==, "You");
          /* Progress is cleared by item events. */
          g_assert_null (tess_thread_get_progress_text (thread));
        }
    }
  tess_thread_end_stream (thread);

  g_assert_cmpstr (tess_thread_get_id (thread), ==, thread_id);
  g_assert_cmpstr (tess_thread_get_title (thread), ==, "hello there");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread)), ==, 3);
  g_assert_cmpint (tess_thread_item_get_kind (item_at (thread, 0)), ==, TESS_ITEM_USER_MESSAGE);
  g_assert_cmpint (tess_thread_item_get_kind (item_at (thread, 1)), ==,
                   TESS_ITEM_ASSISTANT_MESSAGE);
  g_assert_cmpstr (tess_thread_item_get_id (item_at (thread, 1)), ==, assistant_id);
  text = tess_thread_item_dup_text (item_at (thread, 1));
  g_assert_cmpstr (text, ==, "You said: hello there");
  g_assert_cmpint (tess_thread_item_get_kind (item_at (thread, 2)), ==, TESS_ITEM_WIDGET);
  widget = widget_json (item_at (thread, 2));
  g_assert_nonnull (strstr (widget, "\"value\":\"Hello world\""));
  g_assert_nonnull (strstr (widget, "\"label\":\"OK\""));
  g_assert_cmpuint (rec.n_progress, ==, 1);
  g_assert_cmpuint (rec.n_notice, ==, 1);
  g_assert_cmpuint (rec.n_error, ==, 0);
  /* 5 assistant updates and 2 widget updates were applied in place. */
  g_assert_cmpuint (rec.n_item_updates, ==, 7);
  g_assert_null (tess_thread_get_progress_text (thread));
  g_assert_false (tess_thread_get_streaming (thread));
  recorder_check_and_clear (&rec, thread);
}

static void
test_reference_create (void)
{
  check_create_transcript ("reference-create.sse", "thr_073a6471", "msg_asst1", "msg_27ac2f78");
}

static void
test_node_create (void)
{
  check_create_transcript ("node-create.sse", "thr_ca38d18e", "msg_1caad6ac", "msg_1cead101");
}

static void
test_every_prefix_applies (void)
{
  g_autoptr(GPtrArray) events = test_util_load_events ("reference-create.sse");

  /* A stream cut after any event leaves a consistent thread. */
  for (guint k = 0; k <= events->len; k++)
    {
      g_autoptr(TessThread) thread = tess_thread_new ();
      Recorder rec;
      g_autoptr(TessThread) recorded = recorded_thread (&rec);

      for (guint i = 0; i < k; i++)
        {
          g_autoptr(GError) error = NULL;

          g_assert_true (tess_thread_apply_event (recorded, g_ptr_array_index (events, i),
                                                  &error));
          g_assert_no_error (error);
        }
      recorder_check_and_clear (&rec, recorded);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (recorded)), <=, 3);
    }
}

static void
test_error_transcript (void)
{
  g_autoptr(GPtrArray) events = test_util_load_events ("reference-error.sse");
  Recorder rec;
  g_autoptr(TessThread) thread = recorded_thread (&rec);

  apply_all (thread, events);
  g_assert_cmpuint (rec.n_error, ==, 1);
  g_assert_cmpstr (rec.last_error_code, ==, "custom");
  g_assert_cmpstr (rec.last_error_message, ==, "Quota exceeded");
  g_assert_false (rec.last_allow_retry);
  g_assert_null (tess_thread_get_progress_text (thread));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread)), ==, 1);
  recorder_check_and_clear (&rec, thread);

  {
    g_autoptr(TessStreamEvent) generic =
      test_util_event ("{\"type\":\"error\",\"code\":\"stream.error\",\"allow_retry\":true}");
    g_autoptr(TessStreamEvent) bare = test_util_event ("{\"type\":\"error\"}");

    g_assert_cmpstr (generic->code, ==, "stream.error");
    g_assert_true (generic->allow_retry);
    g_assert_null (generic->message);
    /* Defaults: code "custom", no retry. */
    g_assert_cmpstr (bare->code, ==, "custom");
    g_assert_false (bare->allow_retry);
  }
}

static void
test_action_transcript (void)
{
  g_autoptr(GPtrArray) events = test_util_load_events ("reference-action.sse");
  Recorder rec;
  g_autoptr(TessThread) thread = recorded_thread (&rec);
  g_autoptr(TessStreamEvent) no_cancel =
    test_util_event ("{\"type\":\"stream_options\",\"stream_options\":{\"allow_cancel\":false}}");

  tess_thread_apply_event (thread, no_cancel, NULL);
  g_assert_false (tess_thread_get_allow_cancel (thread));
  apply_all (thread, events);
  g_assert_true (tess_thread_get_allow_cancel (thread));
  g_assert_cmpuint (rec.n_effect, ==, 1);
  g_assert_cmpstr (rec.last_effect, ==,
                   "demo_effect {\"got\":{\"type\":\"demo.ok\","
                   "\"payload\":{\"n\":1,\"title\":\"x\"}}}");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread)), ==, 1);
  recorder_check_and_clear (&rec, thread);
}

static void
test_tool_round_trip (void)
{
  g_autoptr(GPtrArray) call = test_util_load_events ("reference-tool-call.sse");
  g_autoptr(GPtrArray) output = test_util_load_events ("reference-tool-output.sse");
  Recorder rec;
  g_autoptr(TessThread) thread = recorded_thread (&rec);
  g_autoptr(JsonNode) result = json_from_string ("{\"nodes\":[1,2]}", NULL);
  TessThreadItem *tool;
  TessThreadItem *workflow;
  g_autofree char *tool_json = NULL;
  g_autofree char *tasks = NULL;

  apply_all (thread, call);
  tool = tess_thread_get_pending_tool_call (thread);
  g_assert_nonnull (tool);
  g_assert_cmpstr (tess_thread_item_get_id (tool), ==, "tc_1");

  /* The reference server sends no event for the completed call: the client fixes it up. */
  g_assert_true (tess_thread_complete_tool_call (thread, result));
  g_assert_null (tess_thread_get_pending_tool_call (thread));
  g_assert_false (tess_thread_complete_tool_call (thread, result));
  tool = tess_thread_lookup_item (thread, "tc_1", NULL);
  g_assert_cmpstr (tess_thread_item_get_status (tool), ==, "completed");
  tool_json = tess_pjson_to_string (json_object_get_member (tess_thread_item_get_object (tool),
                                                            "output"));
  g_assert_cmpstr (tool_json, ==, "{\"nodes\":[1,2]}");

  apply_all (thread, output);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread)), ==, 4);
  workflow = item_at (thread, 2);
  g_assert_cmpint (tess_thread_item_get_kind (workflow), ==, TESS_ITEM_WORKFLOW);
  tasks = tess_pjson_to_string (json_object_get_member (
    json_object_get_object_member (tess_thread_item_get_object (workflow), "workflow"),
    "summary"));
  g_assert_cmpstr (tasks, ==, "{\"duration\":3}");
  g_assert_cmpint (tess_thread_item_get_kind (item_at (thread, 3)), ==, TESS_ITEM_END_OF_TURN);
  recorder_check_and_clear (&rec, thread);
}

static void
test_workflow_task_streaming (void)
{
  g_autoptr(GPtrArray) output = test_util_load_events ("reference-tool-output.sse");
  g_autoptr(TessThread) thread = tess_thread_new ();
  JsonArray *tasks;

  /* Apply up to and including the task.added update. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (tess_thread_apply_event (thread, g_ptr_array_index (output, i), NULL));
  tasks = json_object_get_array_member (
    json_object_get_object_member (tess_thread_item_get_object (item_at (thread, 0)),
                                   "workflow"), "tasks");
  g_assert_cmpuint (json_array_get_length (tasks), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tasks, 1),
                                                  "title"), ==, "Step 2");
  {
    g_autoptr(TessStreamEvent) insert_front = test_util_event (
      "{\"type\":\"thread.item.updated\",\"item_id\":\"wf_1\",\"update\":{\"type\":"
      "\"workflow.task.added\",\"task_index\":0,"
      "\"task\":{\"type\":\"thought\",\"content\":\"a\"}}}");
    g_autoptr(TessStreamEvent) update_far = test_util_event (
      "{\"type\":\"thread.item.updated\",\"item_id\":\"wf_1\",\"update\":{\"type\":"
      "\"workflow.task.updated\",\"task_index\":99,"
      "\"task\":{\"type\":\"thought\",\"content\":\"z\"}}}");
    g_autoptr(TessStreamEvent) update_0 = test_util_event (
      "{\"type\":\"thread.item.updated\",\"item_id\":\"wf_1\",\"update\":{\"type\":"
      "\"workflow.task.updated\",\"task_index\":0,"
      "\"task\":{\"type\":\"thought\",\"content\":\"ab\"}}}");

    g_assert_true (tess_thread_apply_event (thread, insert_front, NULL));
    g_assert_true (tess_thread_apply_event (thread, update_0, NULL));
    /* Beyond the end: clamped to an append. */
    g_assert_true (tess_thread_apply_event (thread, update_far, NULL));
    g_assert_cmpuint (json_array_get_length (tasks), ==, 4);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tasks, 0),
                                                    "content"), ==, "ab");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tasks, 3),
                                                    "content"), ==, "z");
  }
}

static void
test_structured_input (void)
{
  g_autoptr(GPtrArray) events = test_util_load_events ("reference-structured-input.sse");
  g_autoptr(TessThread) thread = tess_thread_new ();

  g_assert_true (tess_thread_apply_event (thread, g_ptr_array_index (events, 0), NULL));
  g_assert_cmpstr (tess_thread_item_get_status (item_at (thread, 0)), ==, "pending");
  apply_all (thread, events);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread)), ==, 1);
  g_assert_cmpstr (tess_thread_item_get_status (item_at (thread, 0)), ==, "answered");
}

static const char *assistant_added =
  "{\"type\":\"thread.item.added\",\"item\":{\"id\":\"a1\",\"thread_id\":\"t\",\"created_at\":"
  "\"2026-11-21T16:09:21\",\"type\":\"assistant_message\",\"content\":[]}}";

static gboolean
apply_json (TessThread  *thread,
            const char  *json,
            GError     **error)
{
  g_autoptr(TessStreamEvent) event = test_util_event (json);

  return tess_thread_apply_event (thread, event, error);
}

static void
test_assistant_updates (void)
{
  g_autoptr(TessThread) thread = tess_thread_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *content;
  JsonObject *part;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (apply_json (thread, assistant_added, NULL));

  /* A delta for index 1 pads index 0 with an empty text part, as the server does. */
  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.updated\",\"item_id\":\"a1\","
                             "\"update\":{\"type\":\"assistant_message.content_part.text_delta\","
                             "\"content_index\":1,\"delta\":\"B\"}}", NULL));
  content = json_object_get_array_member (tess_thread_item_get_object (item_at (thread, 0)),
                                          "content");
  g_assert_cmpuint (json_array_get_length (content), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (content, 0),
                                                  "text"), ==, "");

  /* Annotations: insert at index, append when past the end. */
  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.updated\",\"item_id\":\"a1\","
                             "\"update\":{\"type\":\"assistant_message.content_part."
                             "annotation_added\",\"content_index\":1,\"annotation_index\":5,"
                             "\"annotation\":{\"type\":\"annotation\",\"index\":1,\"source\":"
                             "{\"type\":\"url\",\"url\":\"https://b\",\"title\":\"B\"}}}}", NULL));
  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.updated\",\"item_id\":\"a1\","
                             "\"update\":{\"type\":\"assistant_message.content_part."
                             "annotation_added\",\"content_index\":1,\"annotation_index\":0,"
                             "\"annotation\":{\"type\":\"annotation\",\"source\":"
                             "{\"type\":\"url\",\"url\":\"https://a\",\"title\":\"A\"}}}}", NULL));
  /* content_part.done without annotations keeps the streamed ones. */
  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.updated\",\"item_id\":\"a1\","
                             "\"update\":{\"type\":\"assistant_message.content_part.done\","
                             "\"content_index\":1,\"content\":{\"type\":\"output_text\",\"text\":"
                             "\"Bee\",\"annotations\":[]}}}", NULL));
  content = json_object_get_array_member (tess_thread_item_get_object (item_at (thread, 0)),
                                          "content");
  part = json_array_get_object_element (content, 1);
  g_assert_cmpstr (json_object_get_string_member (part, "text"), ==, "Bee");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (part, "annotations")),
                    ==, 2);
  g_assert_cmpstr (json_object_get_string_member (
    json_object_get_object_member (json_array_get_object_element (
      json_object_get_array_member (part, "annotations"), 0), "source"), "url"), ==, "https://a");

  /* A hostile index fails cleanly and changes nothing. */
  before = tess_pjson_object_to_string (tess_thread_item_get_object (item_at (thread, 0)));
  g_assert_false (apply_json (thread, "{\"type\":\"thread.item.updated\",\"item_id\":\"a1\","
                              "\"update\":{\"type\":\"assistant_message.content_part.text_delta\","
                              "\"content_index\":1000000000,\"delta\":\"x\"}}", &error));
  g_assert_error (error, TESS_CHATKIT_ERROR, TESS_CHATKIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (apply_json (thread, "{\"type\":\"thread.item.updated\",\"item_id\":\"a1\","
                              "\"update\":{\"type\":\"widget.root.updated\",\"widget\":"
                              "{\"type\":\"Card\"}}}", &error));
  g_assert_nonnull (strstr (error->message, "not a widget item"));
  g_clear_error (&error);
  /* Unknown update types and updates for unknown items. */
  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.updated\",\"item_id\":\"a1\","
                             "\"update\":{\"type\":\"assistant_message.future_thing\"}}", NULL));
  g_assert_false (apply_json (thread, "{\"type\":\"thread.item.updated\",\"item_id\":\"nope\","
                              "\"update\":{\"type\":\"assistant_message.content_part.text_delta\","
                              "\"content_index\":0,\"delta\":\"x\"}}", &error));
  g_assert_nonnull (strstr (error->message, "unknown item “nope”"));
  after = tess_pjson_object_to_string (tess_thread_item_get_object (item_at (thread, 0)));
  g_assert_cmpstr (before, ==, after);
}

static void
test_long_answer (void)
{
  g_autoptr(TessThread) thread = tess_thread_new ();
  g_autoptr(TessStreamEvent) delta = test_util_event (
    "{\"type\":\"thread.item.updated\",\"item_id\":\"a1\",\"update\":{\"type\":"
    "\"assistant_message.content_part.text_delta\",\"content_index\":0,\"delta\":\"abcd \"}}");
  g_autoptr(TessStreamEvent) other_part = test_util_event (
    "{\"type\":\"thread.item.updated\",\"item_id\":\"a1\",\"update\":{\"type\":"
    "\"assistant_message.content_part.text_delta\",\"content_index\":1,\"delta\":\"Z\"}}");
  g_autofree char *middle = NULL;
  g_autofree char *text = NULL;
  JsonArray *content;

  g_assert_true (apply_json (thread, assistant_added, NULL));

  /* 200 000 deltas (1 MB): linear, with reads and another part interleaved. */
  for (guint i = 0; i < 200000; i++)
    {
      g_assert_true (tess_thread_apply_event (thread, delta, NULL));
      if (i == 99999)
        middle = tess_thread_item_dup_text (item_at (thread, 0));
      if (i == 150000)
        g_assert_true (tess_thread_apply_event (thread, other_part, NULL));
    }
  g_assert_cmpuint (strlen (middle), ==, 500000);
  text = tess_thread_item_dup_text (item_at (thread, 0));
  g_assert_cmpuint (strlen (text), ==, 1000001);
  content = json_object_get_array_member (tess_thread_item_get_object (item_at (thread, 0)),
                                          "content");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (content, 1),
                                                  "text"), ==, "Z");
  g_assert_cmpuint (strlen (json_object_get_string_member (
    json_array_get_object_element (content, 0), "text")), ==, 1000000);
}

static const char *widget_added =
  "{\"type\":\"thread.item.added\",\"item\":{\"id\":\"w1\",\"thread_id\":\"t\",\"type\":\"widget\","
  "\"widget\":{\"type\":\"Card\",\"children\":[{\"type\":\"Col\",\"children\":[{\"type\":"
  "\"Markdown\",\"id\":\"m\",\"value\":\"# H\",\"streaming\":true},{\"type\":\"Badge\",\"id\":"
  "\"b\",\"label\":\"old\"}]}]}}}";

static void
test_widget_updates (void)
{
  g_autoptr(TessThread) thread = tess_thread_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  g_assert_true (apply_json (thread, widget_added, NULL));
  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.updated\",\"item_id\":\"w1\","
                             "\"update\":{\"type\":\"widget.streaming_text.value_delta\","
                             "\"component_id\":\"m\",\"delta\":\"i\\n\",\"done\":true}}", NULL));
  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.updated\",\"item_id\":\"w1\","
                             "\"update\":{\"type\":\"widget.component.updated\",\"component_id\":"
                             "\"b\",\"component\":{\"type\":\"Badge\",\"id\":\"b\",\"label\":"
                             "\"new\"}}}", NULL));
  json = widget_json (item_at (thread, 0));
  g_assert_cmpstr (json, ==, "{\"type\":\"Card\",\"children\":[{\"type\":\"Col\",\"children\":"
                   "[{\"type\":\"Markdown\",\"id\":\"m\",\"value\":\"# Hi\\n\","
                   "\"streaming\":false},"
                   "{\"type\":\"Badge\",\"id\":\"b\",\"label\":\"new\"}]}]}");

  g_assert_false (apply_json (thread, "{\"type\":\"thread.item.updated\",\"item_id\":\"w1\","
                              "\"update\":{\"type\":\"widget.streaming_text.value_delta\","
                              "\"component_id\":\"zz\",\"delta\":\"x\",\"done\":false}}", &error));
  g_assert_nonnull (strstr (error->message, "no component with id “zz”"));

  /* done replaces the streamed copy wholesale. */
  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.done\",\"item\":{\"id\":\"w1\","
                             "\"type\":\"widget\",\"widget\":{\"type\":\"Basic\"}}}", NULL));
  g_clear_pointer (&json, g_free);
  json = widget_json (item_at (thread, 0));
  g_assert_cmpstr (json, ==, "{\"type\":\"Basic\"}");
}

static void
test_long_widget_text (void)
{
  g_autoptr(TessThread) thread = tess_thread_new ();
  g_autoptr(TessStreamEvent) delta = test_util_event (
    "{\"type\":\"thread.item.updated\",\"item_id\":\"w1\",\"update\":{\"type\":"
    "\"widget.streaming_text.value_delta\",\"component_id\":\"m\",\"delta\":\"xy\","
    "\"done\":false}}");
  g_autoptr(TessStreamEvent) badge = test_util_event (
    "{\"type\":\"thread.item.updated\",\"item_id\":\"w1\",\"update\":{\"type\":"
    "\"widget.component.updated\",\"component_id\":\"b\",\"component\":{\"type\":"
    "\"Badge\",\"id\":\"b\",\"label\":\"mid\"}}}");
  JsonObject *markdown;

  g_assert_true (apply_json (thread, widget_added, NULL));
  for (guint i = 0; i < 200000; i++)
    {
      g_assert_true (tess_thread_apply_event (thread, delta, NULL));
      /* Another update in between flushes and resumes. */
      if (i == 1000)
        g_assert_true (tess_thread_apply_event (thread, badge, NULL));
    }
  markdown = json_array_get_object_element (json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (
      tess_thread_item_get_widget (item_at (thread, 0)), "children"), 0), "children"), 0);
  g_assert_cmpuint (strlen (json_object_get_string_member (markdown, "value")), ==, 3 + 400000);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (markdown, "value"), "# Hxyxy"));
}

static void
test_generated_image (void)
{
  g_autoptr(TessThread) thread = tess_thread_new ();

  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.added\",\"item\":{\"id\":\"g\","
                             "\"type\":\"generated_image\"}}", NULL));
  g_assert_cmpfloat (tess_thread_item_get_image_progress (item_at (thread, 0)), <, 0);
  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.updated\",\"item_id\":\"g\","
                             "\"update\":{\"type\":\"generated_image.updated\",\"image\":{\"id\":"
                             "\"i\",\"url\":\"data:image/png;base64,AA==\"},\"progress\":0.5}}",
                             NULL));
  g_assert_cmpfloat (tess_thread_item_get_image_progress (item_at (thread, 0)), ==, 0.5);
  g_assert_cmpstr (json_object_get_string_member (
    json_object_get_object_member (tess_thread_item_get_object (item_at (thread, 0)), "image"),
    "url"), ==, "data:image/png;base64,AA==");
}

static void
test_ignored_and_removed (void)
{
  g_autoptr(TessThread) thread = tess_thread_new ();

  g_assert_true (apply_json (thread, assistant_added, NULL));
  /* Hidden context, unknown item types and unknown events never show up. */
  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.done\",\"item\":{\"id\":\"h\","
                             "\"type\":\"hidden_context_item\",\"content\":1}}", NULL));
  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.added\",\"item\":{\"id\":\"h2\","
                             "\"type\":\"sdk_hidden_context\",\"content\":\"x\"}}", NULL));
  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.done\",\"item\":{\"id\":\"f\","
                             "\"type\":\"future_item\"}}", NULL));
  g_assert_true (apply_json (thread, "{\"type\":\"thread.future_event\",\"x\":1}", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread)), ==, 1);

  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.removed\",\"item_id\":\"a1\"}",
                             NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread)), ==, 0);
  /* Removing twice is harmless. */
  g_assert_true (apply_json (thread, "{\"type\":\"thread.item.removed\",\"item_id\":\"a1\"}",
                             NULL));
}

static void
test_invalid_events (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "[1]", "event 1: expected a JSON object, found an array" },
    { "{\"type\":", "event 1: not JSON" },
    { "{\"x\":1}", "event 1: /type: required member is missing" },
    { "{\"type\":\"thread.item.done\"}", "event 1: /item: required member is missing" },
    { "{\"type\":\"thread.item.done\",\"item\":{\"id\":\"x\",\"type\":\"widget\"}}",
      "event 1: /item/widget: required member is missing" },
    { "{\"type\":\"thread.item.done\",\"item\":{\"id\":\"x\",\"type\":\"user_message\","
      "\"content\":[{\"type\":\"input_text\"}]}}",
      "event 1: /item/content/0/text: required member is missing" },
    { "{\"type\":\"thread.item.done\",\"item\":{\"id\":7,\"type\":\"end_of_turn\"}}",
      "event 1: /item/id: expected a string, found an integer" },
    { "{\"type\":\"thread.item.updated\",\"item_id\":\"a\",\"update\":{\"type\":"
      "\"assistant_message.content_part.text_delta\",\"content_index\":\"0\",\"delta\":\"x\"}}",
      "event 1: /update/content_index: expected an integer, found a string" },
    { "{\"type\":\"thread.created\",\"thread\":{\"id\":\"t\","
      "\"items\":{\"data\":[{\"id\":\"i\"}]}}}",
      "event 1: /thread/items/data/0/type: required member is missing" },
    { "{\"type\":\"stream_options\",\"stream_options\":{\"allow_cancel\":1}}",
      "event 1: /stream_options/allow_cancel: expected a boolean, found an integer" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TessStreamEvent) event = tess_stream_event_parse_data (cases[i].json, -1, 0,
                                                                       &error);

      g_assert_null (event);
      g_assert_nonnull (error);
      g_test_message ("%s → %s", cases[i].json, error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

static TessPage *
items_page (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  TessPage *page = tess_page_parse_items (json_node_get_object (node), "", &error);

  g_assert_no_error (error);
  return page;
}

#define EOT(id) "{\"id\":\"" id "\",\"type\":\"end_of_turn\"}"

static void
test_history_paging (void)
{
  Recorder rec;
  g_autoptr(TessThread) thread = recorded_thread (&rec);
  g_autoptr(TessPage) newest = items_page ("{\"data\":[" EOT ("i5") "," EOT ("i4") "],"
                                           "\"has_more\":true,\"after\":\"i4\"}");
  g_autoptr(TessPage) older = items_page ("{\"data\":[" EOT ("i3") "," EOT ("i2") "," EOT ("i1")
                                          "],\"has_more\":false}");
  g_autoptr(TessPage) overlap = items_page ("{\"data\":[" EOT ("i2") "," EOT ("i6") "],"
                                            "\"has_more\":false}");
  const char *expected[] = { "i1", "i2", "i3", "i4", "i5", "i6" };

  tess_thread_add_history_page (thread, newest, "desc");
  g_assert_true (tess_thread_get_has_more_history (thread));
  g_assert_cmpstr (tess_thread_get_history_cursor (thread), ==, "i4");
  tess_thread_add_history_page (thread, older, "desc");
  g_assert_false (tess_thread_get_has_more_history (thread));
  g_assert_null (tess_thread_get_history_cursor (thread));
  tess_thread_add_history_page (thread, overlap, "asc");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread)), ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpstr (tess_thread_item_get_id (item_at (thread, i)), ==, expected[i]);

  /* Retry drops everything after the retried user message. */
  g_assert_cmpuint (tess_thread_remove_items_after (thread, "i3"), ==, 3);
  g_assert_cmpuint (tess_thread_remove_items_after (thread, "zz"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread)), ==, 3);
  g_assert_null (tess_thread_lookup_item (thread, "i5", NULL));
  recorder_check_and_clear (&rec, thread);
}

static void
test_thread_load (void)
{
  g_autoptr(JsonNode) node = json_from_string (
    "{\"id\":\"thr\",\"title\":\"T\",\"status\":{\"type\":\"locked\",\"reason\":\"busy\"},"
    "\"allowed_image_domains\":[\"a.example\"],\"metadata\":{\"k\":1},"
    "\"items\":{\"data\":[" EOT ("x") "],\"has_more\":true,\"after\":\"x\"}}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TessThreadInfo) info = tess_thread_info_parse (json_node_get_object (node), "",
                                                           &error);
  g_autoptr(TessThread) thread = tess_thread_new ();

  g_assert_no_error (error);
  g_assert_cmpint (info->status, ==, TESS_THREAD_STATUS_LOCKED);
  g_assert_cmpstr (info->status_reason, ==, "busy");
  g_assert_cmpstr (info->allowed_image_domains[0], ==, "a.example");
  tess_thread_load (thread, info);
  g_assert_cmpstr (tess_thread_get_id (thread), ==, "thr");
  g_assert_cmpint (tess_thread_get_status (thread), ==, TESS_THREAD_STATUS_LOCKED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thread)), ==, 1);
  g_assert_true (tess_thread_get_has_more_history (thread));
}

static void
test_timestamps (void)
{
  static const struct
  {
    const char *text;
    gboolean    zoned;
    int         microsecond;
  } good[] = {
    { "2026-11-21T16:09:21.973198", FALSE, 973198 },
    { "2026-11-21T16:08:38.573Z", TRUE, 573000 },
    { "2026-11-21T16:08:38+00:00", TRUE, 0 },
    { "2026-11-21T14:08:38.5-02:00", TRUE, 500000 },
  };
  static const char *bad[] = { "", "yesterday", "2026-11-21", "2026-13-21T00:00:00Z" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gboolean zoned = !good[i].zoned;
      g_autoptr(GDateTime) time = tess_chatkit_parse_timestamp (good[i].text, &zoned);

      g_assert_nonnull (time);
      g_assert_cmpint (zoned, ==, good[i].zoned);
      g_assert_cmpint (g_date_time_get_microsecond (time), ==, good[i].microsecond);
      if (good[i].zoned)
        {
          g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

          g_assert_cmpint (g_date_time_get_hour (utc), ==, 16);
          g_assert_cmpint (g_date_time_get_minute (utc), ==, 8);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_null (tess_chatkit_parse_timestamp (bad[i], NULL));
}

static void
test_action_routes (void)
{
  static const struct
  {
    const char      *json;
    TessActionRoute  route;
  } cases[] = {
    { "{\"type\":\"a\"}", TESS_ACTION_ROUTE_STREAMING },
    { "{\"type\":\"a\",\"handler\":\"server\",\"streaming\":true}", TESS_ACTION_ROUTE_STREAMING },
    { "{\"type\":\"a\",\"streaming\":false}", TESS_ACTION_ROUTE_SYNC },
    { "{\"type\":\"a\",\"handler\":\"client\",\"streaming\":false}", TESS_ACTION_ROUTE_CLIENT },
    { "{\"type\":\"a\",\"streaming\":\"no\"}", TESS_ACTION_ROUTE_STREAMING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, NULL);

      g_assert_cmpint (tess_chatkit_action_route (json_node_get_object (node)), ==,
                       cases[i].route);
    }
}

static void
test_form_values (void)
{
  g_autoptr(JsonNode) payload = json_from_string ("{\"list\":\"inbox\",\"todo\":{\"id\":7}}",
                                                  NULL);
  g_autoptr(JsonNode) values = json_from_string (
    "{\"todo.title\":\"Buy milk\",\"todo.id\":99,\"list\":\"x\",\"notify\":true,"
    "\"list.sub\":1,\"a.b.c\":[1]}", NULL);
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonNode) expected = json_from_string (
    "{\"list\":\"inbox\",\"todo\":{\"id\":7,\"title\":\"Buy milk\"},\"notify\":true,"
    "\"a\":{\"b\":{\"c\":[1]}}}", NULL);
  g_autoptr(JsonNode) scalar = json_from_string ("\"just text\"", NULL);
  g_auto(GStrv) dropped = NULL;
  g_auto(GStrv) all_dropped = NULL;

  merged = tess_chatkit_merge_form_values (payload, json_node_get_object (values), &dropped);
  g_assert_true (json_node_equal (merged, expected));
  /* Collisions with the designer's payload lose, as in ChatKit.js. */
  g_assert_cmpuint (g_strv_length (dropped), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) dropped, "todo.id"));
  g_assert_true (g_strv_contains ((const char * const *) dropped, "list"));
  g_assert_true (g_strv_contains ((const char * const *) dropped, "list.sub"));

  g_clear_pointer (&merged, json_node_unref);
  merged = tess_chatkit_merge_form_values (NULL, json_node_get_object (values), NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
    json_node_get_object (merged), "todo"), "title"), ==, "Buy milk");

  g_clear_pointer (&merged, json_node_unref);
  merged = tess_chatkit_merge_form_values (scalar, json_node_get_object (values), &all_dropped);
  g_assert_true (json_node_equal (merged, scalar));
  g_assert_cmpuint (g_strv_length (all_dropped), ==, 6);
}

/* Replaces or removes one random node somewhere in @node. */
static void
mutate (JsonNode *node,
        GRand    *rand)
{
  static const char *replacements[] = { "null", "7", "-1", "1e300", "\"x\"", "[]", "{}", "true",
                                        "[{\"type\":\"Text\"}]", "{\"type\":\"zzz\"}",
                                        "99999999999" };

  for (guint depth = 0; depth < 8; depth++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);
          g_autoptr(GList) members = json_object_get_members (object);
          const char *member;
          guint n = g_list_length (members);

          if (n == 0)
            return;
          member = g_list_nth_data (members, g_rand_int_range (rand, 0, n));
          if (g_rand_int_range (rand, 0, 4) == 0)
            {
              switch (g_rand_int_range (rand, 0, 3))
                {
                case 0:
                  json_object_remove_member (object, member);
                  return;
                default:
                  json_object_set_member (object, member, json_from_string (
                    replacements[g_rand_int_range (rand, 0, G_N_ELEMENTS (replacements))], NULL));
                  return;
                }
            }
          node = json_object_get_member (object, member);
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint n = json_array_get_length (array);

          if (n == 0)
            return;
          if (g_rand_int_range (rand, 0, 4) == 0)
            {
              json_array_remove_element (array, g_rand_int_range (rand, 0, n));
              return;
            }
          node = json_array_get_element (array, g_rand_int_range (rand, 0, n));
        }
      else
        return;
    }
}

static void
test_mutated_events (void)
{
  static const char *names[] = { "reference-create.sse", "node-create.sse",
                                 "reference-tool-output.sse", "reference-structured-input.sse" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  guint n_rejected = 0, n_applied = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GPtrArray) events = test_util_load_events (names[i]);

      for (guint j = 0; j < events->len; j++)
        g_ptr_array_add (pool, tess_pjson_object_to_string (
          ((TessStreamEvent *) g_ptr_array_index (events, j))->object));
    }

  /* Bounded rounds of random damage: each event parses or is refused, applies or is refused,
   * and the model stays consistent.  Never a crash. */
  for (guint round = 0; round < 300; round++)
    {
      Recorder rec;
      g_autoptr(TessThread) thread = recorded_thread (&rec);

      for (guint step = 0; step < 30; step++)
        {
          const char *json = g_ptr_array_index (pool, g_rand_int_range (rand, 0, pool->len));
          g_autoptr(JsonNode) node = json_from_string (json, NULL);
          g_autoptr(TessStreamEvent) event = NULL;
          g_autofree char *text = NULL;

          if (g_rand_boolean (rand))
            mutate (node, rand);
          text = tess_pjson_to_string (node);
          event = tess_stream_event_parse_data (text, -1, step, NULL);
          if (event == NULL)
            {
              n_rejected++;
              continue;
            }
          if (tess_thread_apply_event (thread, event, NULL))
            n_applied++;
          else
            n_rejected++;
        }
      recorder_check_and_clear (&rec, thread);
      {
        g_autoptr(JsonNode) items = tess_thread_items_to_json (thread);

        g_assert_nonnull (items);
      }
    }
  g_test_message ("%u events applied, %u refused", n_applied, n_rejected);
  g_assert_cmpuint (n_applied, >, 0);
  g_assert_cmpuint (n_rejected, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/thread/transcript/reference-create", test_reference_create);
  g_test_add_func ("/thread/transcript/node-create", test_node_create);
  g_test_add_func ("/thread/transcript/every-prefix", test_every_prefix_applies);
  g_test_add_func ("/thread/transcript/error", test_error_transcript);
  g_test_add_func ("/thread/transcript/action", test_action_transcript);
  g_test_add_func ("/thread/transcript/tool-round-trip", test_tool_round_trip);
  g_test_add_func ("/thread/transcript/workflow-tasks", test_workflow_task_streaming);
  g_test_add_func ("/thread/transcript/structured-input", test_structured_input);
  g_test_add_func ("/thread/updates/assistant", test_assistant_updates);
  g_test_add_func ("/thread/updates/widget", test_widget_updates);
  g_test_add_func ("/thread/updates/long-answer", test_long_answer);
  g_test_add_func ("/thread/updates/long-widget-text", test_long_widget_text);
  g_test_add_func ("/thread/updates/generated-image", test_generated_image);
  g_test_add_func ("/thread/ignored-and-removed", test_ignored_and_removed);
  g_test_add_func ("/thread/invalid-events", test_invalid_events);
  g_test_add_func ("/thread/mutated-events", test_mutated_events);
  g_test_add_func ("/thread/history-paging", test_history_paging);
  g_test_add_func ("/thread/load", test_thread_load);
  g_test_add_func ("/types/timestamps", test_timestamps);
  g_test_add_func ("/types/action-routes", test_action_routes);
  g_test_add_func ("/types/form-values", test_form_values);

  return g_test_run ();
}
