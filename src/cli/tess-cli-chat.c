/* tess-cli-chat.c: `tessera-cli chat`, a curl for ChatKit servers
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "core/tess-json.h"
#include "protocol/tess-chat-session.h"
#include "protocol/tess-http-header.h"
#include "protocol/tess-protocol-json.h"
#include "protocol/tess-thread.h"

#include "tess-cli-chat.h"

/* Exit codes: 0 fine, 1 request failed, 2 usage, 3 the server streamed an error event. */
enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_ERROR_EVENT = 3,
};

#define MAX_HISTORY_PAGES 1000
#define MAX_TOOL_ROUNDS   8
#define MAX_ATTACHMENT    (64 * 1024 * 1024)

typedef struct
{
  TessChatkitClient *client;
  TessChatSession   *session;
  TessThread        *thread;
  GAsyncResult      *result;
  gboolean           print_events;
  guint              n_error_events;
  /* Cancelled when --max-time runs out: every request is started with it. */
  GCancellable      *cancellable;
  int                max_time;
  guint              deadline_id;
} Chat;

static const char usage_commands[] = N_(
  "Commands:\n"
  "  send TEXT [--tool ID] [--model M] [--attach FILE]…   start a thread or add a message\n"
  "  action TYPE [--payload JSON] [--item ID] [--sync]   threads.custom_action / sync\n"
  "  retry ITEM                                          threads.retry_after_item\n"
  "  tool-output JSON                                    threads.add_client_tool_output\n"
  "  answer ITEM JSON                                    threads.add_structured_input\n"
  "  list [--limit N] [--order asc|desc] [--after ID]    threads.list\n"
  "  show                                                threads.get_by_id (all items)\n"
  "  items [--limit N] [--order asc|desc] [--after ID]   items.list\n"
  "  feedback ITEM positive|negative                     items.feedback\n"
  "  rename TITLE                                        threads.update\n"
  "  delete                                              threads.delete\n"
  "  delete-attachment ID                                attachments.delete\n"
  "  transcribe FILE [--mime TYPE]                       input.transcribe\n"
  "\n"
  "answer's JSON is a StructuredInputSubmission: an answer for each question id of the\n"
  "structured_input ITEM, and optionally \"status\": \"skipped\" to skip them all:\n"
  "  {\"answers\": {\"QUESTION\": {\"values\": [\"VALUE\", …], \"skipped\": false}, …},\n"
  "   \"status\": \"answered\"}\n"
  "for example  answer si_1 '{\"answers\": {\"color\": {\"values\": [\"blue\"]}}}'.\n"
  "\n"
  "Streaming commands print the thread as JSON when the stream ends, or each event as one\n"
  "JSON line with --events. --auto-tools answers the playground's get_time tool itself.");

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Chat *chat = user_data;

  chat->result = g_object_ref (result);
}

/* The client's own timeout bounds every wait. */
static GAsyncResult *
wait_result (Chat *chat)
{
  g_clear_object (&chat->result);
  while (chat->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return chat->result;
}

static void
print_json (JsonNode *node,
            gboolean  pretty)
{
  g_autofree char *text = tess_json_to_string (node, pretty);

  printf ("%s\n", text);
  fflush (stdout);
}

static void
print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  print_json (node, TRUE);
}

/* Set when --max-time ran out, so that the cancellation it caused is reported as that. */
static int out_of_time_after;

static int
fail (const GError *error)
{
  if (out_of_time_after > 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_printerr ("tessera-cli chat: gave up after %d s (--max-time)\n", out_of_time_after);
  else
    g_printerr ("tessera-cli chat: %s\n", error->message);
  return EXIT_FAILED;
}

static gboolean
out_of_time (gpointer data)
{
  Chat *chat = data;

  chat->deadline_id = 0;
  out_of_time_after = chat->max_time;
  g_cancellable_cancel (chat->cancellable);
  return G_SOURCE_REMOVE;
}

static int
usage_error (const char *message)
{
  g_printerr ("tessera-cli chat: %s\n%s\n", message,
              _("Run “tessera-cli chat --help” for the commands."));
  return EXIT_USAGE;
}

static void
on_event (TessChatSession *session,
          TessStreamEvent *event,
          Chat            *chat)
{
  if (chat->print_events)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, event->object);
      print_json (node, FALSE);
    }
}

static void
on_error_event (TessThread *thread,
                const char *code,
                const char *message,
                gboolean    allow_retry,
                Chat       *chat)
{
  chat->n_error_events++;
  g_printerr (_("tessera-cli chat: the server reported an error (%s): %s%s\n"), code,
              message ? message : _("An error occurred when generating a response."),
              allow_retry ? _(" [retry allowed]") : "");
}

static void
on_notice (TessThread *thread,
           const char *level,
           const char *message,
           const char *title,
           Chat       *chat)
{
  g_printerr ("notice (%s)%s%s: %s\n", level, title ? " " : "", title ? title : "", message);
}

/* Waits for a TessChatSession call started with got_result. */
static gboolean
session_finish (Chat    *chat,
                GError **error)
{
  return tess_chat_session_finish (chat->session, wait_result (chat), error);
}

/* Loads the whole thread: get_by_id gives the oldest page; items.list pages forward. */
static gboolean
load_thread (Chat        *chat,
             const char  *thread_id,
             GError     **error)
{
  g_autoptr(TessThreadInfo) info = NULL;

  tess_chatkit_client_get_thread_async (chat->client, thread_id,
                                        chat->cancellable, got_result, chat);
  info = tess_chatkit_client_thread_finish (chat->client, wait_result (chat), error);
  if (info == NULL)
    return FALSE;
  tess_thread_load (chat->thread, info);

  for (guint i = 0; i < MAX_HISTORY_PAGES && tess_thread_get_history_cursor (chat->thread); i++)
    {
      g_autoptr(TessPage) page = NULL;

      tess_chatkit_client_list_items_async (chat->client, thread_id, 100, "asc",
                                            tess_thread_get_history_cursor (chat->thread),
                                            chat->cancellable, got_result, chat);
      page = tess_chatkit_client_page_finish (chat->client, wait_result (chat), error);
      if (page == NULL)
        return FALSE;
      tess_thread_add_history_page (chat->thread, page, "asc");
    }
  return TRUE;
}

static void
print_thread (Chat *chat)
{
  g_autoptr(JsonObject) output = json_object_new ();
  TessThreadInfo *info = tess_thread_get_info (chat->thread);

  if (info != NULL)
    {
      JsonObject *metadata = tess_pjson_copy_object (info->object);

      json_object_remove_member (metadata, "items");
      json_object_set_object_member (output, "thread", metadata);
    }
  json_object_set_member (output, "items", tess_thread_items_to_json (chat->thread));
  print_object (output);
}

/* Answers the playground's get_time tool so scripted sessions can run unattended. */
static gboolean
answer_tools (Chat        *chat,
              GError     **error)
{
  for (guint round = 0; round < MAX_TOOL_ROUNDS; round++)
    {
      TessThreadItem *call = tess_thread_get_pending_tool_call (chat->thread);
      g_autoptr(JsonObject) result = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GDateTime) now = NULL;
      g_autofree char *time = NULL;

      if (call == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (
            tess_thread_item_get_object (call), "name", ""), "get_time") != 0)
        return TRUE;

      now = g_date_time_new_now_utc ();
      time = g_date_time_format_iso8601 (now);
      result = json_object_new ();
      json_object_set_string_member (result, "time", time);
      json_object_set_string_member (result, "timezone", "UTC");
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, result);

      tess_chat_session_tool_output_async (chat->session, node,
                                           chat->cancellable, got_result, chat);
      if (!session_finish (chat, error))
        return FALSE;
    }
  return TRUE;
}

static int
finish_stream (Chat       *chat,
               gboolean    auto_tools)
{
  g_autoptr(GError) error = NULL;
  TessThreadItem *call;

  if (auto_tools && !answer_tools (chat, &error))
    return fail (error);

  call = tess_thread_get_pending_tool_call (chat->thread);
  if (call != NULL)
    g_printerr (_("tessera-cli chat: the server called the client tool “%s”; answer with "
                  "“tessera-cli chat --thread %s tool-output JSON”\n"),
                json_object_get_string_member_with_default (tess_thread_item_get_object (call),
                                                            "name", "?"),
                tess_thread_get_id (chat->thread));

  if (!chat->print_events)
    print_thread (chat);

  return chat->n_error_events > 0 ? EXIT_ERROR_EVENT : EXIT_OK;
}

static gboolean
upload_file (Chat           *chat,
             const char     *path,
             TessUserInput  *input,
             GError        **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  g_autoptr(TessAttachment) attachment = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  if (length > MAX_ATTACHMENT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: larger than %d bytes"), path,
                   MAX_ATTACHMENT);
      return FALSE;
    }
  content_type = g_content_type_guess (path, (const guchar *) contents, length, NULL);
  mime = g_content_type_get_mime_type (content_type);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  tess_chatkit_client_attach_async (chat->client, name,
                                    mime ? mime : "application/octet-stream", bytes,
                                    chat->cancellable,
                                    got_result, chat);
  attachment = tess_chatkit_client_attach_finish (chat->client, wait_result (chat), error);
  if (attachment == NULL)
    return FALSE;
  tess_user_input_add_attachment (input, attachment->id);
  return TRUE;
}

static JsonNode *
parse_json_argument (const char  *what,
                     const char  *text,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *blank = text;
  JsonNode *node;

  while (g_ascii_isspace (*blank))
    blank++;
  if (*blank == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s is empty, not JSON"),
                   what);
      return NULL;
    }
  node = tess_json_parse (text, -1, &local_error);
  if (node == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s is not JSON: %s"), what,
                 local_error->message);
  return node;
}

static gboolean
answers_error (GError     **error,
               const char  *message)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s %s", _("the answers:"),
               message);
  return FALSE;
}

/* The answers are a StructuredInputSubmission (see --help). The server ignores what it does
 * not know and skips a question it finds no answer for, so a wrong shape would be sent and
 * every question marked skipped: refuse it here. */
static gboolean
check_submission (JsonNode  *submission,
                  GError   **error)
{
  JsonObject *object, *answers;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  const char *status = "answered";

  if (!JSON_NODE_HOLDS_OBJECT (submission))
    return answers_error (error, _("expected an object {\"answers\": {…}}"));
  object = json_node_get_object (submission);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (strcmp (name, "answers") != 0 && strcmp (name, "status") != 0)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("unknown member “%s”; expected "
                                       "{\"answers\": {\"QUESTION\": {\"values\": […]}}}"),
                                     name);
          return answers_error (error, message);
        }
    }

  member = json_object_get_member (object, "status");
  if (member != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING ||
          (strcmp (json_node_get_string (member), "answered") != 0 &&
           strcmp (json_node_get_string (member), "skipped") != 0))
        return answers_error (error, _("\"status\" must be \"answered\" or \"skipped\""));
      status = json_node_get_string (member);
    }

  member = json_object_get_member (object, "answers");
  if (member == NULL)
    {
      if (strcmp (status, "skipped") == 0)
        return TRUE;
      return answers_error (error, _("no \"answers\" object (give \"status\": \"skipped\" to "
                                     "skip every question)"));
    }
  if (!JSON_NODE_HOLDS_OBJECT (member))
    return answers_error (error, _("\"answers\" must be an object of question ids"));
  answers = json_node_get_object (member);

  json_object_iter_init (&iter, answers);
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_autofree char *message = NULL;
      JsonObject *answer;
      JsonNode *values, *skipped;
      JsonObjectIter answer_iter;
      const char *key;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (member))
        {
          message = g_strdup_printf (_("/answers/%s must be an object {\"values\": [\"…\"]}"),
                                     name);
          return answers_error (error, message);
        }
      answer = json_node_get_object (member);
      json_object_iter_init (&answer_iter, answer);
      while (json_object_iter_next (&answer_iter, &key, &value))
        {
          if (strcmp (key, "values") != 0 && strcmp (key, "skipped") != 0)
            {
              message = g_strdup_printf (_("/answers/%s: unknown member “%s” (an answer has "
                                           "\"values\" and \"skipped\")"), name, key);
              return answers_error (error, message);
            }
        }

      skipped = json_object_get_member (answer, "skipped");
      if (skipped != NULL && (!JSON_NODE_HOLDS_VALUE (skipped) ||
                              json_node_get_value_type (skipped) != G_TYPE_BOOLEAN))
        {
          message = g_strdup_printf (_("/answers/%s/skipped must be true or false"), name);
          return answers_error (error, message);
        }

      values = json_object_get_member (answer, "values");
      if (values == NULL)
        {
          if (skipped != NULL && json_node_get_boolean (skipped))
            continue;
          message = g_strdup_printf (_("/answers/%s has no \"values\" array"), name);
          return answers_error (error, message);
        }
      if (!JSON_NODE_HOLDS_ARRAY (values))
        {
          message = g_strdup_printf (_("/answers/%s/values must be an array of strings"), name);
          return answers_error (error, message);
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (values)); i++)
        {
          JsonNode *element = json_array_get_element (json_node_get_array (values), i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            {
              message = g_strdup_printf (_("/answers/%s/values/%u must be a string"), name, i);
              return answers_error (error, message);
            }
        }
    }
  return TRUE;
}

/* The item is a pending structured_input and every answer is for one of its questions. */
static gboolean
check_answered_item (TessThread  *thread,
                     const char  *item_id,
                     JsonObject  *submission,
                     GError     **error)
{
  TessThreadItem *item = tess_thread_lookup_item (thread, item_id, NULL);
  g_autoptr(GHashTable) questions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) ids = g_string_new (NULL);
  JsonObject *object, *answers;
  JsonArray *inputs = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (item == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("the thread has no item “%s”"),
                   item_id);
      return FALSE;
    }
  object = tess_thread_item_get_object (item);
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "type", ""),
                 "structured_input") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is a %s item, not a structured_input"), item_id,
                   json_object_get_string_member_with_default (object, "type", "?"));
      return FALSE;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "status", ""),
                 "pending") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not pending (its status is “%s”)"), item_id,
                   json_object_get_string_member_with_default (object, "status", "?"));
      return FALSE;
    }

  member = json_object_get_member (object, "inputs");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    inputs = json_node_get_array (member);
  for (guint i = 0; inputs != NULL && i < json_array_get_length (inputs); i++)
    {
      JsonNode *input = json_array_get_element (inputs, i);

      if (JSON_NODE_HOLDS_OBJECT (input))
        {
          const char *id = json_object_get_string_member_with_default (
            json_node_get_object (input), "id", NULL);

          if (id != NULL)
            {
              g_hash_table_add (questions, (gpointer) id);
              g_string_append_printf (ids, "%s“%s”", ids->len ? ", " : "", id);
            }
        }
    }

  member = json_object_get_member (submission, "answers");
  if (member == NULL)
    return TRUE;
  answers = json_node_get_object (member);
  json_object_iter_init (&iter, answers);
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (!g_hash_table_contains (questions, name))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” has no question “%s” (its questions: %s)"), item_id, name,
                       ids->len ? ids->str : _("none"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
add_headers (TessChatkitClient  *client,
             char              **headers,
             GError            **error)
{
  for (guint i = 0; headers && headers[i]; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (!tess_http_header_parse (headers[i], &name, &value, error))
        return FALSE;
      tess_chatkit_client_set_header (client, name, value);
    }
  return TRUE;
}

int
tess_cli_chat (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *thread_id = NULL;
  g_autofree char *tool = NULL;
  g_autofree char *model = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *order = NULL;
  g_autofree char *after = NULL;
  g_autofree char *language = NULL;
  g_autofree char *mime = NULL;
  g_auto(GStrv) headers = NULL;
  g_auto(GStrv) attach = NULL;
  gboolean events = FALSE, sync = FALSE, auto_tools = FALSE;
  int timeout = 60;
  int max_time = 0;
  int limit = 0;
  g_autoptr(TessChatkitClient) client = NULL;
  g_autoptr(TessChatSession) session = NULL;
  TessThread *thread;
  Chat chat = { 0 };
  const char *command;
  int status;
  const GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, &server, N_("The ChatKit endpoint URL"),
      N_("URL") },
    { "header", 'H', 0, G_OPTION_ARG_STRING_ARRAY, &headers,
      N_("Extra request header (repeatable)"), N_("'NAME: VALUE'") },
    { "thread", 't', 0, G_OPTION_ARG_STRING, &thread_id, N_("The thread to work on"), N_("ID") },
    { "events", 'e', 0, G_OPTION_ARG_NONE, &events,
      N_("Print each stream event as one JSON line"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Seconds of server silence before giving up (default 60)"), N_("S") },
    { "max-time", 0, 0, G_OPTION_ARG_INT, &max_time,
      N_("Seconds the whole command may take, however the server trickles (default: no limit)"),
      N_("S") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("Accept-Language to send"),
      N_("TAG") },
    { "tool", 0, 0, G_OPTION_ARG_STRING, &tool, N_("send: tool choice"), N_("ID") },
    { "model", 0, 0, G_OPTION_ARG_STRING, &model, N_("send: model"), N_("M") },
    { "attach", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &attach,
      N_("send: attach a file (repeatable)"), N_("FILE") },
    { "auto-tools", 0, 0, G_OPTION_ARG_NONE, &auto_tools,
      N_("Answer get_time client tool calls automatically"), NULL },
    { "payload", 0, 0, G_OPTION_ARG_STRING, &payload, N_("action: payload JSON"), N_("JSON") },
    { "item", 0, 0, G_OPTION_ARG_STRING, &item_id, N_("action: the sender widget item"),
      N_("ID") },
    { "sync", 0, 0, G_OPTION_ARG_NONE, &sync,
      N_("action: use threads.sync_custom_action"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("list, items: page size"), N_("N") },
    { "order", 0, 0, G_OPTION_ARG_STRING, &order, N_("list, items: asc or desc"), N_("ORDER") },
    { "after", 0, 0, G_OPTION_ARG_STRING, &after, N_("list, items: page cursor"), N_("ID") },
    { "mime", 0, 0, G_OPTION_ARG_STRING, &mime, N_("transcribe: audio MIME type"), N_("TYPE") },
    { NULL }
  };

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_summary (context, _("Talk to a ChatKit server from the command line."));
  g_option_context_set_description (context, _(usage_commands));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);

  if (argc < 2)
    return usage_error (_("no command given"));
  if (server == NULL)
    return usage_error (_("--server URL is required"));
  if (timeout < 1 || timeout > 3600)
    return usage_error (_("--timeout must be 1–3600 seconds"));
  if (max_time < 0 || max_time > 86400)
    return usage_error (_("--max-time must be 0–86400 seconds"));
  if (order != NULL && strcmp (order, "asc") != 0 && strcmp (order, "desc") != 0)
    return usage_error (_("--order must be “asc” or “desc”"));
  if (limit < 0)
    return usage_error (_("--limit must not be negative"));

  command = argv[1];
  client = tess_chatkit_client_new (server);
  tess_chatkit_client_set_timeout (client, timeout);
  if (language != NULL)
    tess_chatkit_client_set_accept_language (client, language);
  if (!add_headers (client, headers, &error))
    return usage_error (error->message);

  session = tess_chat_session_new (client);
  thread = tess_chat_session_get_thread (session);
  chat.client = client;
  chat.session = session;
  chat.thread = thread;
  chat.cancellable = g_cancellable_new ();
  chat.max_time = max_time;
  if (max_time > 0)
    chat.deadline_id = g_timeout_add_seconds (max_time, out_of_time, &chat);
  g_signal_connect (session, "event", G_CALLBACK (on_event), &chat);
  chat.print_events = events;
  g_signal_connect (thread, "error", G_CALLBACK (on_error_event), &chat);
  g_signal_connect (thread, "notice", G_CALLBACK (on_notice), &chat);

#define NEED_ARGS(n, text) \
  G_STMT_START { if (argc != (n) + 2) { status = usage_error (text); goto out; } } G_STMT_END
#define NEED_THREAD() \
  G_STMT_START { if (thread_id == NULL) { \
    status = usage_error (_("this command needs --thread ID")); goto out; } } G_STMT_END

  if (strcmp (command, "send") == 0)
    {
      g_autoptr(TessUserInput) input = NULL;
      g_autofree char *text = NULL;

      if (argc < 3)
        {
          status = usage_error (_("send needs the message TEXT"));
          goto out;
        }
      text = g_strjoinv (" ", argv + 2);
      input = tess_user_input_new (text);
      if (tool != NULL)
        tess_user_input_set_tool_choice (input, tool);
      if (model != NULL)
        tess_user_input_set_model (input, model);
      for (guint i = 0; attach && attach[i]; i++)
        if (!upload_file (&chat, attach[i], input, &error))
          {
            status = fail (error);
            goto out;
          }

      /* With --thread the message is added to it, else a thread is created. */
      if (thread_id != NULL && !load_thread (&chat, thread_id, &error))
        {
          status = fail (error);
          goto out;
        }

      tess_chat_session_send_async (chat.session, input, chat.cancellable, got_result, &chat);
      if (!session_finish (&chat, &error))
        status = fail (error);
      else
        status = finish_stream (&chat, auto_tools);
    }
  else if (strcmp (command, "action") == 0)
    {
      g_autoptr(JsonNode) payload_node = NULL;
      g_autoptr(JsonObject) config = NULL;

      NEED_ARGS (1, _("action needs the action TYPE"));
      NEED_THREAD ();
      if (payload != NULL && !(payload_node = parse_json_argument ("--payload", payload, &error)))
        {
          status = usage_error (error->message);
          goto out;
        }

      if (sync)
        {
          g_autoptr(TessThreadItem) updated = NULL;
          g_autoptr(JsonObject) output = json_object_new ();

          tess_chatkit_client_sync_custom_action_async (client, thread_id, item_id, argv[2],
                                                        payload_node,
                                                        chat.cancellable, got_result, &chat);
          if (!tess_chatkit_client_sync_custom_action_finish (client, wait_result (&chat),
                                                              &updated, &error))
            {
              status = fail (error);
              goto out;
            }
          if (updated != NULL)
            json_object_set_object_member (output, "updated_item",
                                           tess_pjson_copy_object (
                                             tess_thread_item_get_object (updated)));
          print_object (output);
          status = EXIT_OK;
          goto out;
        }

      if (!load_thread (&chat, thread_id, &error))
        {
          status = fail (error);
          goto out;
        }
      config = json_object_new ();
      json_object_set_string_member (config, "type", argv[2]);
      tess_chat_session_action_async (chat.session, config, item_id, payload_node, chat.cancellable,
                                      got_result, &chat);
      if (!session_finish (&chat, &error))
        status = fail (error);
      else
        status = finish_stream (&chat, auto_tools);
    }
  else if (strcmp (command, "retry") == 0)
    {
      NEED_ARGS (1, _("retry needs the user message ITEM id"));
      NEED_THREAD ();
      if (!load_thread (&chat, thread_id, &error))
        {
          status = fail (error);
          goto out;
        }
      /* The session drops the later items: the reference server deletes them silently. */
      tess_chat_session_retry_async (chat.session, argv[2], chat.cancellable, got_result, &chat);
      if (!session_finish (&chat, &error))
        status = fail (error);
      else
        status = finish_stream (&chat, auto_tools);
    }
  else if (strcmp (command, "tool-output") == 0)
    {
      g_autoptr(JsonNode) result = NULL;

      NEED_ARGS (1, _("tool-output needs the result JSON"));
      NEED_THREAD ();
      if (!(result = parse_json_argument (_("the tool result"), argv[2], &error)))
        {
          status = usage_error (error->message);
          goto out;
        }
      if (!load_thread (&chat, thread_id, &error))
        {
          status = fail (error);
          goto out;
        }
      tess_chat_session_tool_output_async (chat.session, result,
                                           chat.cancellable, got_result, &chat);
      if (!session_finish (&chat, &error))
        status = fail (error);
      else
        status = finish_stream (&chat, auto_tools);
    }
  else if (strcmp (command, "answer") == 0)
    {
      g_autoptr(JsonNode) submission = NULL;

      NEED_ARGS (2, _("answer needs the structured input ITEM id and the answers JSON"));
      NEED_THREAD ();
      if (!(submission = parse_json_argument (_("the answers"), argv[3], &error)) ||
          !check_submission (submission, &error))
        {
          status = usage_error (error->message);
          goto out;
        }
      if (!load_thread (&chat, thread_id, &error))
        {
          status = fail (error);
          goto out;
        }
      if (!check_answered_item (chat.thread, argv[2], json_node_get_object (submission),
                                &error))
        {
          status = usage_error (error->message);
          goto out;
        }
      tess_chat_session_structured_input_async (chat.session, argv[2],
                                                json_node_get_object (submission), chat.cancellable,
                                                got_result, &chat);
      if (!session_finish (&chat, &error))
        status = fail (error);
      else
        status = finish_stream (&chat, auto_tools);
    }
  else if (strcmp (command, "list") == 0 || strcmp (command, "items") == 0)
    {
      g_autoptr(TessPage) page = NULL;
      g_autoptr(JsonObject) output = json_object_new ();
      JsonArray *data = json_array_new ();
      gboolean threads = strcmp (command, "list") == 0;

      NEED_ARGS (0, _("list and items take no arguments"));
      if (!threads)
        NEED_THREAD ();
      if (threads)
        tess_chatkit_client_list_threads_async (client, limit, order, after,
                                                chat.cancellable, got_result,
                                                &chat);
      else
        tess_chatkit_client_list_items_async (client, thread_id, limit, order, after,
                                              chat.cancellable,
                                              got_result, &chat);
      page = tess_chatkit_client_page_finish (client, wait_result (&chat), &error);
      if (page == NULL)
        {
          json_array_unref (data);
          status = fail (error);
          goto out;
        }
      for (guint i = 0; i < page->data->len; i++)
        {
          gpointer element = g_ptr_array_index (page->data, i);
          JsonObject *object = threads ? ((TessThreadInfo *) element)->object
                                       : tess_thread_item_get_object (element);

          json_array_add_object_element (data, tess_pjson_copy_object (object));
        }
      json_object_set_array_member (output, "data", data);
      json_object_set_boolean_member (output, "has_more", page->has_more);
      if (page->after != NULL)
        json_object_set_string_member (output, "after", page->after);
      print_object (output);
      status = EXIT_OK;
    }
  else if (strcmp (command, "show") == 0)
    {
      NEED_ARGS (0, _("show takes no arguments"));
      NEED_THREAD ();
      if (!load_thread (&chat, thread_id, &error))
        {
          status = fail (error);
          goto out;
        }
      print_thread (&chat);
      status = EXIT_OK;
    }
  else if (strcmp (command, "feedback") == 0)
    {
      const char *ids[] = { NULL, NULL };
      TessFeedbackKind kind;

      NEED_ARGS (2, _("feedback needs ITEM and positive or negative"));
      NEED_THREAD ();
      if (strcmp (argv[3], "positive") == 0)
        kind = TESS_FEEDBACK_POSITIVE;
      else if (strcmp (argv[3], "negative") == 0)
        kind = TESS_FEEDBACK_NEGATIVE;
      else
        {
          status = usage_error (_("feedback is “positive” or “negative”"));
          goto out;
        }
      ids[0] = argv[2];
      tess_chatkit_client_feedback_async (client, thread_id, ids, kind,
                                          chat.cancellable, got_result, &chat);
      status = tess_chatkit_client_empty_finish (client, wait_result (&chat), &error)
               ? EXIT_OK : fail (error);
    }
  else if (strcmp (command, "rename") == 0)
    {
      g_autoptr(TessThreadInfo) info = NULL;

      NEED_ARGS (1, _("rename needs the new TITLE"));
      NEED_THREAD ();
      tess_chatkit_client_update_thread_async (client, thread_id, argv[2],
                                               chat.cancellable, got_result,
                                               &chat);
      info = tess_chatkit_client_thread_finish (client, wait_result (&chat), &error);
      if (info == NULL)
        status = fail (error);
      else
        {
          print_object (info->object);
          status = EXIT_OK;
        }
    }
  else if (strcmp (command, "delete") == 0)
    {
      NEED_ARGS (0, _("delete takes no arguments"));
      NEED_THREAD ();
      tess_chatkit_client_delete_thread_async (client, thread_id,
                                               chat.cancellable, got_result, &chat);
      status = tess_chatkit_client_empty_finish (client, wait_result (&chat), &error)
               ? EXIT_OK : fail (error);
    }
  else if (strcmp (command, "delete-attachment") == 0)
    {
      NEED_ARGS (1, _("delete-attachment needs the attachment ID"));
      tess_chatkit_client_delete_attachment_async (client, argv[2],
                                                   chat.cancellable, got_result, &chat);
      status = tess_chatkit_client_empty_finish (client, wait_result (&chat), &error)
               ? EXIT_OK : fail (error);
    }
  else if (strcmp (command, "transcribe") == 0)
    {
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) audio = NULL;
      g_autofree char *text = NULL;
      gsize length;

      NEED_ARGS (1, _("transcribe needs the audio FILE"));
      if (!g_file_get_contents (argv[2], &contents, &length, &error))
        {
          status = fail (error);
          goto out;
        }
      if (length == 0)
        {
          g_autofree char *message = g_strdup_printf (_("%s is empty, it holds no audio"),
                                                      argv[2]);

          status = usage_error (message);
          goto out;
        }
      audio = g_bytes_new_take (g_steal_pointer (&contents), length);
      tess_chatkit_client_transcribe_async (client, audio, mime ? mime : "audio/webm;codecs=opus",
                                            chat.cancellable, got_result, &chat);
      text = tess_chatkit_client_transcribe_finish (client, wait_result (&chat), &error);
      if (text == NULL)
        status = fail (error);
      else
        {
          g_autoptr(JsonObject) output = json_object_new ();

          json_object_set_string_member (output, "text", text);
          print_object (output);
          status = EXIT_OK;
        }
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), command);

      status = usage_error (message);
    }

out:
  g_clear_handle_id (&chat.deadline_id, g_source_remove);
  g_clear_object (&chat.cancellable);
  g_clear_object (&chat.result);
  g_signal_handlers_disconnect_by_data (thread, &chat);
  g_signal_handlers_disconnect_by_data (session, &chat);
  return status;
}
