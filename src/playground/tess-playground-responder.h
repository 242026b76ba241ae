/* tess-playground-responder.h: the playground's scripted answers, as event scripts
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One event to stream and the pause before it. */
typedef struct
{
  JsonObject *event;
  guint       delay_ms;
} TessPlaygroundStep;

void tess_playground_step_free (TessPlaygroundStep *step);

#define TESS_TYPE_PLAYGROUND_RESPONDER (tess_playground_responder_get_type ())

G_DECLARE_FINAL_TYPE (TessPlaygroundResponder, tess_playground_responder, TESS,
                      PLAYGROUND_RESPONDER, GObject)

/* Loads the bundled gallery. */
TessPlaygroundResponder *tess_playground_responder_new          (void);
/* Adds every *.json (a widget root) and *.widget (its outputJsonPreview) in @dir. */
gboolean            tess_playground_responder_load_widgets_dir  (TessPlaygroundResponder *self,
                                                                 const char              *dir,
                                                                 GError                 **error);
/* Sorted gallery names, NULL-terminated. */
char              **tess_playground_responder_list_widgets      (TessPlaygroundResponder *self);
JsonObject         *tess_playground_responder_get_widget        (TessPlaygroundResponder *self,
                                                                 const char              *name);
/* Pause between streamed words (0 = as fast as possible). */
void                tess_playground_responder_set_word_delay    (TessPlaygroundResponder *self,
                                                                 guint                    delay_ms);

/* Each appends TessPlaygroundStep to @steps.  @thread is the thread metadata (a title is set
 * on it and announced with thread.updated when it had none). */
void                tess_playground_responder_respond           (TessPlaygroundResponder *self,
                                                                 JsonObject              *thread,
                                                                 JsonObject              *user_item,
                                                                 GPtrArray               *steps);
void                tess_playground_responder_tool_output       (TessPlaygroundResponder *self,
                                                                 JsonObject              *thread,
                                                                 JsonObject              *tool_call,
                                                                 GPtrArray               *steps);
void                tess_playground_responder_structured_input  (TessPlaygroundResponder *self,
                                                                 JsonObject              *thread,
                                                                 JsonObject              *answered,
                                                                 GPtrArray               *steps);
/* @sender is the widget item the action came from, or NULL; when given, *updated_sender is
 * set to its new version (also streamed as thread.item.replaced). */
void                tess_playground_responder_action            (TessPlaygroundResponder *self,
                                                                 JsonObject              *thread,
                                                                 JsonObject              *action,
                                                                 JsonObject              *sender,
                                                                 GPtrArray               *steps);
/* The sender widget item updated to show @action; a new object. */
JsonObject         *tess_playground_responder_update_sender     (JsonObject              *sender,
                                                                 JsonObject              *action);
/* Applies a StructuredInputSubmission to a pending structured_input item (protocol §2);
 * returns a new item. */
JsonObject         *tess_playground_apply_structured_input      (JsonObject         *item,
                                                                 JsonObject         *submission);

G_END_DECLS
