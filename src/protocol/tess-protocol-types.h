/* tess-protocol-types.h: typed ChatKit stream events, item updates, threads and pages
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "protocol/tess-thread-item.h"

G_BEGIN_DECLS

#define TESS_CHATKIT_ERROR (tess_chatkit_error_quark ())

typedef enum
{
  /* The server answered with a non-2xx HTTP status. */
  TESS_CHATKIT_ERROR_HTTP_STATUS,
  /* A streaming answer carried no event at all. */
  TESS_CHATKIT_ERROR_EMPTY_STREAM,
  /* The stream or body ended early (connection dropped, event cut off). */
  TESS_CHATKIT_ERROR_TRUNCATED,
  /* A body or an event is not JSON (or not a JSON object). */
  TESS_CHATKIT_ERROR_BAD_JSON,
  /* JSON of the wrong shape: a required field is missing or has the wrong type. */
  TESS_CHATKIT_ERROR_INVALID,
  /* Bad SSE framing: invalid UTF-8 or an event over the size limit. */
  TESS_CHATKIT_ERROR_BAD_STREAM,
  /* The server sent nothing for longer than the client's timeout. */
  TESS_CHATKIT_ERROR_TIMEOUT,
  /* Could not connect or the transport failed. */
  TESS_CHATKIT_ERROR_TRANSPORT,
  /* A body over the client's size limit. */
  TESS_CHATKIT_ERROR_TOO_LARGE,
} TessChatkitError;

GQuark tess_chatkit_error_quark (void);

typedef enum
{
  TESS_EVENT_UNKNOWN,
  TESS_EVENT_THREAD_CREATED,
  TESS_EVENT_THREAD_UPDATED,
  TESS_EVENT_ITEM_ADDED,
  TESS_EVENT_ITEM_UPDATED,
  TESS_EVENT_ITEM_DONE,
  TESS_EVENT_ITEM_REMOVED,
  TESS_EVENT_ITEM_REPLACED,
  TESS_EVENT_STREAM_OPTIONS,
  TESS_EVENT_PROGRESS_UPDATE,
  TESS_EVENT_CLIENT_EFFECT,
  TESS_EVENT_ERROR,
  TESS_EVENT_NOTICE,
} TessEventKind;

typedef enum
{
  TESS_UPDATE_UNKNOWN,
  TESS_UPDATE_CONTENT_PART_ADDED,
  TESS_UPDATE_CONTENT_PART_TEXT_DELTA,
  TESS_UPDATE_CONTENT_PART_ANNOTATION_ADDED,
  TESS_UPDATE_CONTENT_PART_DONE,
  TESS_UPDATE_WIDGET_STREAMING_TEXT_VALUE_DELTA,
  TESS_UPDATE_WIDGET_ROOT_UPDATED,
  TESS_UPDATE_WIDGET_COMPONENT_UPDATED,
  TESS_UPDATE_WORKFLOW_TASK_ADDED,
  TESS_UPDATE_WORKFLOW_TASK_UPDATED,
  TESS_UPDATE_GENERATED_IMAGE_UPDATED,
} TessUpdateKind;

typedef enum
{
  TESS_THREAD_STATUS_ACTIVE,
  TESS_THREAD_STATUS_LOCKED,
  TESS_THREAD_STATUS_CLOSED,
} TessThreadStatus;

/* A page of a paged list: elements are TessThreadItem (items.list) or TessThreadInfo
 * (threads.list), see the call that produced it. */
typedef struct
{
  GPtrArray *data;
  gboolean   has_more;
  char      *after;
  /*< private >*/
  gatomicrefcount ref_count;
} TessPage;

/* Thread metadata; @items is set when the JSON carried an items page. */
typedef struct
{
  char             *id;
  char             *title;
  char             *created_at;
  TessThreadStatus  status;
  char             *status_reason;
  char            **allowed_image_domains;
  JsonObject       *metadata;
  TessPage         *items;
  JsonObject       *object;
  /*< private >*/
  gatomicrefcount   ref_count;
} TessThreadInfo;

typedef struct
{
  char       *id;
  char       *name;
  char       *mime_type;
  /* "file" or "image". */
  char       *kind;
  char       *preview_url;
  char       *thread_id;
  /* The two-phase upload target, NULL when the server gave none. */
  char       *upload_url;
  char       *upload_method;
  JsonObject *upload_headers;
  JsonObject *object;
  /*< private >*/
  gatomicrefcount ref_count;
} TessAttachment;

/* One `thread.item.updated` payload.  Sub-objects are borrowed from @object. */
typedef struct
{
  TessUpdateKind  kind;
  char           *type;
  gint64          content_index;
  gint64          annotation_index;
  gint64          task_index;
  char           *delta;
  char           *component_id;
  gboolean        done;
  JsonObject     *content;
  JsonObject     *annotation;
  JsonObject     *widget;
  JsonObject     *component;
  JsonObject     *task;
  JsonObject     *image;
  gboolean        has_progress;
  double          progress;
  JsonObject     *object;
  /*< private >*/
  gatomicrefcount ref_count;
} TessItemUpdate;

/* One stream event.  Only the fields of its kind are set; @object is the whole event. */
typedef struct
{
  TessEventKind   kind;
  char           *type;
  TessThreadInfo *thread;
  TessThreadItem *item;
  char           *item_id;
  TessItemUpdate *update;
  gboolean        allow_cancel;
  char           *text;
  char           *icon;
  char           *name;
  JsonObject     *data;
  char           *code;
  char           *message;
  gboolean        allow_retry;
  char           *level;
  char           *title;
  JsonObject     *object;
  /*< private >*/
  gatomicrefcount ref_count;
} TessStreamEvent;

#define TESS_TYPE_PAGE         (tess_page_get_type ())
#define TESS_TYPE_THREAD_INFO  (tess_thread_info_get_type ())
#define TESS_TYPE_ATTACHMENT   (tess_attachment_get_type ())
#define TESS_TYPE_ITEM_UPDATE  (tess_item_update_get_type ())
#define TESS_TYPE_STREAM_EVENT (tess_stream_event_get_type ())

GType            tess_page_get_type          (void) G_GNUC_CONST;
GType            tess_thread_info_get_type   (void) G_GNUC_CONST;
GType            tess_attachment_get_type    (void) G_GNUC_CONST;
GType            tess_item_update_get_type   (void) G_GNUC_CONST;
GType            tess_stream_event_get_type  (void) G_GNUC_CONST;

TessPage        *tess_page_new               (GDestroyNotify    element_free);
TessPage        *tess_page_ref               (TessPage         *self);
void             tess_page_unref             (TessPage         *self);
/* Parses {"data": [...], "has_more", "after"?}; elements are items or threads. */
TessPage        *tess_page_parse_items       (JsonObject       *object,
                                              const char       *pointer,
                                              GError          **error);
TessPage        *tess_page_parse_threads     (JsonObject       *object,
                                              const char       *pointer,
                                              GError          **error);

TessThreadInfo  *tess_thread_info_parse      (JsonObject       *object,
                                              const char       *pointer,
                                              GError          **error);
TessThreadInfo  *tess_thread_info_ref        (TessThreadInfo   *self);
void             tess_thread_info_unref      (TessThreadInfo   *self);

TessAttachment  *tess_attachment_parse       (JsonObject       *object,
                                              const char       *pointer,
                                              GError          **error);
TessAttachment  *tess_attachment_ref         (TessAttachment   *self);
void             tess_attachment_unref       (TessAttachment   *self);

TessItemUpdate  *tess_item_update_parse      (JsonObject       *object,
                                              const char       *pointer,
                                              GError          **error);
TessItemUpdate  *tess_item_update_ref        (TessItemUpdate   *self);
void             tess_item_update_unref      (TessItemUpdate   *self);

/* Unknown event types parse to TESS_EVENT_UNKNOWN; known ones are validated. */
TessStreamEvent *tess_stream_event_parse     (JsonObject       *object,
                                              GError          **error);
/* Parses one SSE data payload; errors name the event number. */
TessStreamEvent *tess_stream_event_parse_data (const char      *data,
                                               gsize            length,
                                               guint            index,
                                               GError         **error);
TessStreamEvent *tess_stream_event_ref       (TessStreamEvent  *self);
void             tess_stream_event_unref     (TessStreamEvent  *self);

const char      *tess_event_kind_to_string   (TessEventKind     kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessPage, tess_page_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessThreadInfo, tess_thread_info_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessAttachment, tess_attachment_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessItemUpdate, tess_item_update_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TessStreamEvent, tess_stream_event_unref)

G_END_DECLS

G_BEGIN_DECLS

/* Applies @update to @item's JSON and emits TessThreadItem::updated.  Updates that do not fit
 * the item (wrong item kind, unknown component id, absurd index) fail and change nothing. */
gboolean         tess_thread_item_apply_update (TessThreadItem  *item,
                                                TessItemUpdate  *update,
                                                GError         **error);

G_END_DECLS

G_BEGIN_DECLS

/* Parses created_at: YYYY-MM-DDTHH:MM:SS[.frac][Z|±HH:MM].  Values without a zone are the
 * server's local time (Python's naive datetime.now()); they are read in the local zone and
 * *has_zone is set to FALSE, so use them for ordering and display only.  NULL if malformed. */
GDateTime       *tess_chatkit_parse_timestamp (const char       *text,
                                               gboolean         *has_zone);

/* Where a widget action goes (protocol §6). */
typedef enum
{
  /* handler "client": the host app handles it, nothing is sent. */
  TESS_ACTION_ROUTE_CLIENT,
  /* threads.custom_action, streamed. */
  TESS_ACTION_ROUTE_STREAMING,
  /* streaming: false — threads.sync_custom_action, allowed while a stream runs. */
  TESS_ACTION_ROUTE_SYNC,
} TessActionRoute;

/* Routes an ActionConfig ({type, payload?, handler?, streaming?, …}). */
TessActionRoute  tess_chatkit_action_route    (JsonObject       *action_config);

G_END_DECLS

G_BEGIN_DECLS

/* Merges form values (control name → JSON value) into an action payload the way ChatKit.js
 * does (protocol §6): dotted names nest ("todo.title" → payload.todo.title), and a value whose
 * key the designer's payload already has is dropped (its name goes to @dropped).  A NULL
 * payload starts empty; a payload that is not an object cannot take values and is returned
 * unchanged, with every name dropped. */
JsonNode        *tess_chatkit_merge_form_values (JsonNode         *payload,
                                                 JsonObject       *values,
                                                 GStrv            *dropped);

G_END_DECLS
