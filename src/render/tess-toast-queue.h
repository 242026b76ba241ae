/* tess-toast-queue.h: toasts shown one at a time, around a libadwaita 1.2 crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2.2 (Debian 12) frees a toast while its show animation still runs when the toast
 * replaces one that is hiding and is dismissed within 200 ms; the animation's "done" then reads
 * the freed toast (fixed upstream in 1.3, commit "Prevent show_done from firing after
 * hide_done").  It also happens without a replace when the hide ends in the same frame as the
 * show, as when a toast is dismissed before its first frame or after a stall.  Toasts added
 * here reach the overlay only when it shows none and none is hiding, and neither a click nor
 * this queue can dismiss one before its show animation is over: until then it takes no
 * pointer or focus.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast (transfer full) on @overlay after those already waiting.  A high-priority toast
 * goes first and dismisses a normal one on screen, as AdwToastOverlay does. */
void tess_toast_queue_add      (AdwToastOverlay *overlay,
                                AdwToast        *toast);

/* Shows a plain toast with @message on the nearest AdwToastOverlay above @widget; without
 * one, the message is logged. */
void tess_toast_queue_show     (GtkWidget       *widget,
                                const char      *message);

G_END_DECLS
