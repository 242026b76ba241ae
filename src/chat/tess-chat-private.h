/* tess-chat-private.h: shared by the Chat view's files
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the chat's GResource (its templates) once. */
void tess_chat_ensure_resources (void);

G_END_DECLS
