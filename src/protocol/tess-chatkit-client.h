/* tess-chatkit-client.h: a ChatKit protocol client over libsoup
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "protocol/tess-chatkit-params.h"
#include "protocol/tess-protocol-types.h"

G_BEGIN_DECLS

#define TESS_TYPE_CHATKIT_CLIENT (tess_chatkit_client_get_type ())

G_DECLARE_FINAL_TYPE (TessChatkitClient, tess_chatkit_client, TESS, CHATKIT_CLIENT, GObject)

/* Called on the client's main context for each event, as soon as it is parsed.  To stop the
 * stream, cancel the GCancellable given to the call. */
typedef void (*TessStreamEventFunc) (TessStreamEvent *event,
                                     gpointer         user_data);

TessChatkitClient *tess_chatkit_client_new               (const char          *url);
const char        *tess_chatkit_client_get_url           (TessChatkitClient   *self);
/* Extra request headers, e.g. "Authorization".  Setting NULL removes one. */
void               tess_chatkit_client_set_header        (TessChatkitClient   *self,
                                                          const char          *name,
                                                          const char          *value);
/* Defaults to the user's locale (e.g. "de-DE"). */
void               tess_chatkit_client_set_accept_language (TessChatkitClient *self,
                                                            const char        *language);
/* Seconds without any byte from the server before a request fails (default 60). */
void               tess_chatkit_client_set_timeout       (TessChatkitClient   *self,
                                                          guint                seconds);
guint              tess_chatkit_client_get_timeout       (TessChatkitClient   *self);

/* Streaming ops.  Every event is handed to @on_event; the call succeeds when the body ended
 * cleanly after at least one event.  Errors are TESS_CHATKIT_ERROR or G_IO_ERROR_CANCELLED. */
void               tess_chatkit_client_stream_async      (TessChatkitClient   *self,
                                                          const char          *op,
                                                          JsonObject          *params,
                                                          TessStreamEventFunc  on_event,
                                                          gpointer             event_data,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean           tess_chatkit_client_stream_finish     (TessChatkitClient   *self,
                                                          GAsyncResult        *result,
                                                          guint               *n_events,
                                                          GError             **error);

/* Any JSON op: the response document. */
void               tess_chatkit_client_call_async        (TessChatkitClient   *self,
                                                          const char          *op,
                                                          JsonObject          *params,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
JsonNode          *tess_chatkit_client_call_finish       (TessChatkitClient   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Typed JSON ops. */
void               tess_chatkit_client_get_thread_async  (TessChatkitClient   *self,
                                                          const char          *thread_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
void               tess_chatkit_client_update_thread_async (TessChatkitClient *self,
                                                            const char        *thread_id,
                                                            const char        *title,
                                                            GCancellable      *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer           user_data);
/* For get_thread and update_thread. */
TessThreadInfo    *tess_chatkit_client_thread_finish     (TessChatkitClient   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void               tess_chatkit_client_list_threads_async (TessChatkitClient  *self,
                                                           guint               limit,
                                                           const char         *order,
                                                           const char         *after,
                                                           GCancellable       *cancellable,
                                                           GAsyncReadyCallback callback,
                                                           gpointer            user_data);
/* TessThreadInfo elements. */
void               tess_chatkit_client_list_items_async  (TessChatkitClient   *self,
                                                          const char          *thread_id,
                                                          guint                limit,
                                                          const char          *order,
                                                          const char          *after,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* For list_threads (TessThreadInfo elements) and list_items (TessThreadItem elements). */
TessPage          *tess_chatkit_client_page_finish       (TessChatkitClient   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void               tess_chatkit_client_delete_thread_async (TessChatkitClient *self,
                                                            const char        *thread_id,
                                                            GCancellable      *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer           user_data);
void               tess_chatkit_client_feedback_async    (TessChatkitClient   *self,
                                                          const char          *thread_id,
                                                          const char *const   *item_ids,
                                                          TessFeedbackKind     kind,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
void               tess_chatkit_client_delete_attachment_async (TessChatkitClient *self,
                                                                const char        *attachment_id,
                                                                GCancellable      *cancellable,
                                                                GAsyncReadyCallback callback,
                                                                gpointer           user_data);
/* Uploads @contents to the attachment's upload_descriptor (POST multipart "file", or PUT). */
void               tess_chatkit_client_upload_attachment_async (TessChatkitClient *self,
                                                                TessAttachment    *attachment,
                                                                GBytes            *contents,
                                                                GCancellable      *cancellable,
                                                                GAsyncReadyCallback callback,
                                                                gpointer           user_data);
/* Both phases: attachments.create, then the upload when the server gave a descriptor.  The
 * attachment id then goes into TessUserInput. */
void               tess_chatkit_client_attach_async      (TessChatkitClient   *self,
                                                          const char          *name,
                                                          const char          *mime_type,
                                                          GBytes              *contents,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
TessAttachment    *tess_chatkit_client_attach_finish     (TessChatkitClient   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
/* For delete_thread, feedback, delete_attachment and upload_attachment. */
gboolean           tess_chatkit_client_empty_finish      (TessChatkitClient   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void               tess_chatkit_client_create_attachment_async (TessChatkitClient *self,
                                                                const char        *name,
                                                                gint64             size,
                                                                const char        *mime_type,
                                                                GCancellable      *cancellable,
                                                                GAsyncReadyCallback callback,
                                                                gpointer           user_data);
TessAttachment    *tess_chatkit_client_create_attachment_finish (TessChatkitClient *self,
                                                                 GAsyncResult      *result,
                                                                 GError           **error);

/* threads.sync_custom_action: *updated_item is the item to replace, or NULL. */
void               tess_chatkit_client_sync_custom_action_async (TessChatkitClient *self,
                                                                 const char        *thread_id,
                                                                 const char        *item_id,
                                                                 const char        *action_type,
                                                                 JsonNode          *payload,
                                                                 GCancellable      *cancellable,
                                                                 GAsyncReadyCallback callback,
                                                                 gpointer           user_data);
gboolean           tess_chatkit_client_sync_custom_action_finish (TessChatkitClient *self,
                                                                  GAsyncResult      *result,
                                                                  TessThreadItem   **updated_item,
                                                                  GError           **error);

void               tess_chatkit_client_transcribe_async  (TessChatkitClient   *self,
                                                          GBytes              *audio,
                                                          const char          *mime_type,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
char              *tess_chatkit_client_transcribe_finish (TessChatkitClient   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
