/* tess-chat-session.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include "tess-chat-session.h"
#include "tess-protocol-json.h"

struct _TessChatSession
{
  GObject            parent_instance;

  TessChatkitClient *client;
  TessThread        *thread;
  /* Cancels the running stream; NULL when idle. */
  GCancellable      *stream_cancellable;
};

G_DEFINE_FINAL_TYPE (TessChatSession, tess_chat_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  EVENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
tess_chat_session_dispose (GObject *object)
{
  TessChatSession *self = (TessChatSession *) object;

  if (self->stream_cancellable != NULL)
    g_cancellable_cancel (self->stream_cancellable);
  g_clear_object (&self->stream_cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->thread);

  G_OBJECT_CLASS (tess_chat_session_parent_class)->dispose (object);
}

static void
tess_chat_session_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TessChatSession *self = TESS_CHAT_SESSION (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, tess_chat_session_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_chat_session_class_init (TessChatSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tess_chat_session_dispose;
  object_class->get_property = tess_chat_session_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TessChatSession::event:
   * @event: (type TessStreamEvent): a stream event, after the thread applied it
   */
  signals[EVENT] = g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1,
                                 TESS_TYPE_STREAM_EVENT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
tess_chat_session_init (TessChatSession *self)
{
  self->thread = tess_thread_new ();
}

TessChatSession *
tess_chat_session_new (TessChatkitClient *client)
{
  TessChatSession *self;

  g_return_val_if_fail (TESS_IS_CHATKIT_CLIENT (client), NULL);

  self = g_object_new (TESS_TYPE_CHAT_SESSION, NULL);
  self->client = g_object_ref (client);
  return self;
}

TessChatkitClient *
tess_chat_session_get_client (TessChatSession *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_SESSION (self), NULL);

  return self->client;
}

TessThread *
tess_chat_session_get_thread (TessChatSession *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_SESSION (self), NULL);

  return self->thread;
}

gboolean
tess_chat_session_get_busy (TessChatSession *self)
{
  g_return_val_if_fail (TESS_IS_CHAT_SESSION (self), FALSE);

  return self->stream_cancellable != NULL;
}

void
tess_chat_session_stop (TessChatSession *self)
{
  g_return_if_fail (TESS_IS_CHAT_SESSION (self));

  if (self->stream_cancellable != NULL)
    g_cancellable_cancel (self->stream_cancellable);
}

gboolean
tess_chat_session_finish (TessChatSession  *self,
                          GAsyncResult     *result,
                          GError          **error)
{
  g_return_val_if_fail (TESS_IS_CHAT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Streams */

static void
on_stream_event (TessStreamEvent *event,
                 gpointer         user_data)
{
  GTask *task = user_data;
  TessChatSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  /* Disposed while streaming: nothing to update any more. */
  if (self->thread == NULL)
    return;

  /* An update the thread cannot apply is logged, not fatal: the item's done event will
   * bring the authoritative state. */
  if (!tess_thread_apply_event (self->thread, event, &error))
    g_debug ("ignoring an event: %s", error->message);
  g_signal_emit (self, signals[EVENT], 0, event);
}

static void
on_user_cancelled (GCancellable    *cancellable,
                   TessChatSession *self)
{
  tess_chat_session_stop (self);
}

static void
stream_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TessChatSession *self = g_task_get_source_object (task);
  GError *error = NULL;
  gulong handler = GPOINTER_TO_SIZE (g_task_get_task_data (task));

  if (handler != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), handler);

  g_clear_object (&self->stream_cancellable);
  if (self->thread != NULL)
    tess_thread_end_stream (self->thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (!tess_chatkit_client_stream_finish (TESS_CHATKIT_CLIENT (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
check_idle (TessChatSession  *self,
            GError          **error)
{
  if (self->stream_cancellable != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("a response is still streaming; stop it or wait for it to end"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_thread (TessChatSession  *self,
              GError          **error)
{
  if (tess_thread_get_id (self->thread) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("no thread: send a message or open a thread first"));
      return FALSE;
    }
  return TRUE;
}

/* Takes @params. */
static void
start_stream (TessChatSession *self,
              GTask           *task,
              const char      *op,
              JsonObject      *params)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  gulong handler = 0;

  self->stream_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled), self, NULL);
  g_task_set_task_data (task, GSIZE_TO_POINTER (handler), NULL);

  tess_thread_begin_stream (self->thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  tess_chatkit_client_stream_async (self->client, op, params, on_stream_event, task,
                                    self->stream_cancellable, stream_done, g_object_ref (task));
  json_object_unref (params);
}

static GTask *
new_task (TessChatSession     *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

void
tess_chat_session_send_async (TessChatSession     *self,
                              TessUserInput       *input,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const char *thread_id;

  g_return_if_fail (TESS_IS_CHAT_SESSION (self));
  g_return_if_fail (input != NULL);

  task = new_task (self, tess_chat_session_send_async, cancellable, callback, user_data);
  if (!check_idle (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  thread_id = tess_thread_get_id (self->thread);
  if (thread_id != NULL)
    start_stream (self, task, TESS_OP_THREADS_ADD_USER_MESSAGE,
                  tess_chatkit_params_add_user_message (thread_id, input));
  else
    start_stream (self, task, TESS_OP_THREADS_CREATE, tess_chatkit_params_threads_create (input));
}

static void
sync_action_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TessChatSession *self = g_task_get_source_object (task);
  g_autoptr(TessThreadItem) updated = NULL;
  GError *error = NULL;

  if (!tess_chatkit_client_sync_custom_action_finish (TESS_CHATKIT_CLIENT (object), result,
                                                      &updated, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (updated != NULL && self->thread != NULL)
    tess_thread_replace_item (self->thread, updated);
  g_task_return_boolean (task, TRUE);
}

void
tess_chat_session_action_async (TessChatSession     *self,
                                JsonObject          *action_config,
                                const char          *item_id,
                                JsonNode            *payload,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const char *type = NULL;
  JsonNode *config_payload;

  g_return_if_fail (TESS_IS_CHAT_SESSION (self));
  g_return_if_fail (action_config != NULL);

  task = new_task (self, tess_chat_session_action_async, cancellable, callback, user_data);
  if (!check_thread (self, &error) ||
      !tess_pjson_get_string (action_config, "type", "", TRUE, &type, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  config_payload = json_object_get_member (action_config, "payload");
  if (payload == NULL && config_payload != NULL && !JSON_NODE_HOLDS_NULL (config_payload))
    payload = config_payload;

  switch (tess_chatkit_action_route (action_config))
    {
    case TESS_ACTION_ROUTE_CLIENT:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("action “%s” has handler “client”: the host app handles it"),
                               type);
      return;

    case TESS_ACTION_ROUTE_SYNC:
      tess_chatkit_client_sync_custom_action_async (self->client,
                                                    tess_thread_get_id (self->thread), item_id,
                                                    type, payload, cancellable, sync_action_done,
                                                    g_steal_pointer (&task));
      return;

    case TESS_ACTION_ROUTE_STREAMING:
    default:
      if (!check_idle (self, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      start_stream (self, task, TESS_OP_THREADS_CUSTOM_ACTION,
                    tess_chatkit_params_custom_action (tess_thread_get_id (self->thread), item_id,
                                                       type, payload));
    }
}

void
tess_chat_session_retry_async (TessChatSession     *self,
                               const char          *user_item_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TESS_IS_CHAT_SESSION (self));
  g_return_if_fail (user_item_id != NULL);

  task = new_task (self, tess_chat_session_retry_async, cancellable, callback, user_data);
  if (!check_idle (self, &error) || !check_thread (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tess_thread_remove_items_after (self->thread, user_item_id);
  start_stream (self, task, TESS_OP_THREADS_RETRY_AFTER_ITEM,
                tess_chatkit_params_retry_after_item (tess_thread_get_id (self->thread),
                                                      user_item_id));
}

void
tess_chat_session_tool_output_async (TessChatSession     *self,
                                     JsonNode            *result,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TESS_IS_CHAT_SESSION (self));
  g_return_if_fail (result != NULL);

  task = new_task (self, tess_chat_session_tool_output_async, cancellable, callback, user_data);
  if (!check_idle (self, &error) || !check_thread (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!tess_thread_complete_tool_call (self->thread, result))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("the thread has no pending client tool call"));
      return;
    }

  start_stream (self, task, TESS_OP_THREADS_ADD_CLIENT_TOOL_OUTPUT,
                tess_chatkit_params_add_client_tool_output (tess_thread_get_id (self->thread),
                                                            result));
}

void
tess_chat_session_structured_input_async (TessChatSession     *self,
                                          const char          *item_id,
                                          JsonObject          *submission,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TESS_IS_CHAT_SESSION (self));
  g_return_if_fail (item_id != NULL);
  g_return_if_fail (submission != NULL);

  task = new_task (self, tess_chat_session_structured_input_async, cancellable, callback,
                   user_data);
  if (!check_idle (self, &error) || !check_thread (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  start_stream (self, task, TESS_OP_THREADS_ADD_STRUCTURED_INPUT,
                tess_chatkit_params_add_structured_input (tess_thread_get_id (self->thread),
                                                          item_id, submission));
}

/* History */

static void
older_page_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TessChatSession *self = g_task_get_source_object (task);
  g_autoptr(TessPage) page = NULL;
  GError *error = NULL;

  page = tess_chatkit_client_page_finish (TESS_CHATKIT_CLIENT (object), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->thread != NULL)
    tess_thread_add_history_page (self->thread, page, "desc");
  g_task_return_boolean (task, TRUE);
}

static void
fetch_older (TessChatSession *self,
             GTask           *task)
{
  tess_chatkit_client_list_items_async (self->client, tess_thread_get_id (self->thread),
                                        TESS_CHAT_SESSION_PAGE_SIZE, "desc",
                                        tess_thread_get_history_cursor (self->thread),
                                        g_task_get_cancellable (task), older_page_done,
                                        g_object_ref (task));
}

static void
open_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TessChatSession *self = g_task_get_source_object (task);
  g_autoptr(TessThreadInfo) info = NULL;
  GError *error = NULL;

  info = tess_chatkit_client_thread_finish (TESS_CHATKIT_CLIENT (object), result, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->thread == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "the session was closed");
      return;
    }

  /* get_by_id returns the oldest items; a thread that fits is complete, otherwise start
   * from the newest page and page backwards. */
  if (info->items == NULL || !info->items->has_more)
    {
      tess_thread_load (self->thread, info);
      g_task_return_boolean (task, TRUE);
      return;
    }

  tess_thread_clear (self->thread);
  tess_thread_set_info (self->thread, info);
  fetch_older (self, task);
}

void
tess_chat_session_open_async (TessChatSession     *self,
                              const char          *thread_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TESS_IS_CHAT_SESSION (self));
  g_return_if_fail (thread_id != NULL);

  task = new_task (self, tess_chat_session_open_async, cancellable, callback, user_data);
  if (!check_idle (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  tess_chatkit_client_get_thread_async (self->client, thread_id, cancellable, open_done,
                                        g_steal_pointer (&task));
}

void
tess_chat_session_load_older_async (TessChatSession     *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TESS_IS_CHAT_SESSION (self));

  task = new_task (self, tess_chat_session_load_older_async, cancellable, callback, user_data);
  if (tess_thread_get_id (self->thread) == NULL ||
      tess_thread_get_history_cursor (self->thread) == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  fetch_older (self, task);
}
