/* tess-chatkit-params.h: typed builders for the params of the 16 ChatKit requests
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Op names (protocol §2). */
#define TESS_OP_THREADS_CREATE                 "threads.create"
#define TESS_OP_THREADS_ADD_USER_MESSAGE       "threads.add_user_message"
#define TESS_OP_THREADS_ADD_CLIENT_TOOL_OUTPUT "threads.add_client_tool_output"
#define TESS_OP_THREADS_ADD_STRUCTURED_INPUT   "threads.add_structured_input"
#define TESS_OP_THREADS_RETRY_AFTER_ITEM       "threads.retry_after_item"
#define TESS_OP_THREADS_CUSTOM_ACTION          "threads.custom_action"
#define TESS_OP_THREADS_SYNC_CUSTOM_ACTION     "threads.sync_custom_action"
#define TESS_OP_THREADS_GET_BY_ID              "threads.get_by_id"
#define TESS_OP_THREADS_LIST                   "threads.list"
#define TESS_OP_THREADS_UPDATE                 "threads.update"
#define TESS_OP_THREADS_DELETE                 "threads.delete"
#define TESS_OP_ITEMS_LIST                     "items.list"
#define TESS_OP_ITEMS_FEEDBACK                 "items.feedback"
#define TESS_OP_ATTACHMENTS_CREATE             "attachments.create"
#define TESS_OP_ATTACHMENTS_DELETE             "attachments.delete"
#define TESS_OP_INPUT_TRANSCRIBE               "input.transcribe"

/* TRUE for the six ops answered with an SSE stream. */
gboolean    tess_chatkit_op_is_streaming          (const char *op);
/* TRUE for the 16 op names above. */
gboolean    tess_chatkit_op_is_known              (const char *op);

typedef enum
{
  TESS_FEEDBACK_POSITIVE,
  TESS_FEEDBACK_NEGATIVE,
} TessFeedbackKind;

/* A user message being composed: text, entity tags, attachment ids, options. */
typedef struct _TessUserInput TessUserInput;

#define TESS_TYPE_USER_INPUT (tess_user_input_get_type ())

GType          tess_user_input_get_type           (void) G_GNUC_CONST;
TessUserInput *tess_user_input_new                (const char     *text);
TessUserInput *tess_user_input_ref                (TessUserInput  *self);
void           tess_user_input_unref              (TessUserInput  *self);
void           tess_user_input_add_text           (TessUserInput  *self,
                                                   const char     *text);
/* An @-mention: @data (may be NULL) is the entity's opaque app data. */
void           tess_user_input_add_tag            (TessUserInput  *self,
                                                   const char     *id,
                                                   const char     *text,
                                                   JsonObject     *data,
                                                   const char     *group,
                                                   gboolean        interactive);
void           tess_user_input_add_attachment     (TessUserInput  *self,
                                                   const char     *attachment_id);
void           tess_user_input_set_quoted_text    (TessUserInput  *self,
                                                   const char     *quoted_text);
void           tess_user_input_set_model          (TessUserInput  *self,
                                                   const char     *model);
void           tess_user_input_set_tool_choice    (TessUserInput  *self,
                                                   const char     *tool_id);
JsonObject    *tess_user_input_to_json            (TessUserInput  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessUserInput, tess_user_input_unref)

/* StructuredInputSubmission: {"status", "answers": {input id: {"values", "skipped"}}}.
 * @skipped TRUE skips the whole form. */
JsonObject *tess_structured_submission_new         (gboolean           skipped);
/* Answers input @input_id with @values (NULL or empty = skipped). */
void        tess_structured_submission_add_answer  (JsonObject        *submission,
                                                    const char        *input_id,
                                                    const char *const *values);

/* Each returns a new params object for the op in its name. */
JsonObject *tess_chatkit_params_threads_create     (TessUserInput     *input);
JsonObject *tess_chatkit_params_add_user_message   (const char        *thread_id,
                                                    TessUserInput     *input);
JsonObject *tess_chatkit_params_add_client_tool_output (const char    *thread_id,
                                                        JsonNode      *result);
/* @submission: {"status", "answers": {id: {"values": [...], "skipped"}}}. */
JsonObject *tess_chatkit_params_add_structured_input (const char      *thread_id,
                                                      const char      *item_id,
                                                      JsonObject      *submission);
JsonObject *tess_chatkit_params_retry_after_item   (const char        *thread_id,
                                                    const char        *item_id);
/* Used by both threads.custom_action and threads.sync_custom_action; @item_id and
 * @payload may be NULL. */
JsonObject *tess_chatkit_params_custom_action      (const char        *thread_id,
                                                    const char        *item_id,
                                                    const char        *action_type,
                                                    JsonNode          *payload);
JsonObject *tess_chatkit_params_thread_id          (const char        *thread_id);
/* @limit 0, @order NULL and @after NULL are left out (server defaults). */
JsonObject *tess_chatkit_params_list               (const char        *thread_id,
                                                    guint              limit,
                                                    const char        *order,
                                                    const char        *after);
JsonObject *tess_chatkit_params_update_thread      (const char        *thread_id,
                                                    const char        *title);
JsonObject *tess_chatkit_params_feedback           (const char        *thread_id,
                                                    const char *const *item_ids,
                                                    TessFeedbackKind   kind);
JsonObject *tess_chatkit_params_create_attachment  (const char        *name,
                                                    gint64             size,
                                                    const char        *mime_type);
JsonObject *tess_chatkit_params_delete_attachment  (const char        *attachment_id);
JsonObject *tess_chatkit_params_transcribe         (GBytes            *audio,
                                                    const char        *mime_type);

/* {"type": op, "params": params, "metadata": {}} as compact JSON. */
char       *tess_chatkit_request_body              (const char        *op,
                                                    JsonObject        *params);

G_END_DECLS
