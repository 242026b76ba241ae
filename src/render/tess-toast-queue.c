/* tess-toast-queue.c: toasts shown one at a time, around a libadwaita 1.2 crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tess-toast-queue.h"

#define QUEUE_KEY "tess-toast-queue"
/* How often a waiting queue looks whether the last toast has finished hiding. */
#define POLL_MS 50
/* AdwToastOverlay's show animation (500 ms when it replaces a toast, which never happens here). */
#define SHOW_US (300 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  AdwToastOverlay *overlay;   /* unowned: the queue is the overlay's object data */
  GQueue           waiting;   /* of AdwToast, owned */
  AdwToast        *current;   /* owned; on screen until its "dismissed" */
  gulong           dismissed_id;
  guint            poll_id;

  /* The current toast's widget while its show animation may still run. */
  GtkWidget       *showing;   /* weak */
  gint64           shown_at;  /* frame time the show animation started from */
  guint            tick_id;
  gboolean         settling;  /* the animation's time is up; its last tick may be this frame's */
  gboolean         dismiss_when_shown;
} ToastQueue;

static void pump (ToastQueue *queue);

static void
toast_queue_free (gpointer data)
{
  ToastQueue *queue = data;

  g_clear_handle_id (&queue->poll_id, g_source_remove);
  if (queue->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (queue->overlay), queue->tick_id);
  g_clear_weak_pointer (&queue->showing);
  if (queue->current != NULL)
    g_clear_signal_handler (&queue->dismissed_id, queue->current);
  g_clear_object (&queue->current);
  g_queue_clear_full (&queue->waiting, g_object_unref);
  g_free (queue);
}

static gboolean
is_toast_widget (GtkWidget *widget)
{
  static GType toast_widget_type;

  if (toast_widget_type == 0)
    toast_widget_type = g_type_from_name ("AdwToastWidget");
  return toast_widget_type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (widget, toast_widget_type);
}

static gboolean
overlay_shows_toasts (ToastQueue *queue)
{
  /* A hiding toast keeps its AdwToastWidget in the overlay until its animation is done. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (queue->overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (is_toast_widget (child))
      return TRUE;
  return FALSE;
}

static void
set_reachable (GtkWidget *toast_widget,
               gboolean   reachable)
{
  gtk_widget_set_can_target (toast_widget, reachable);
  gtk_widget_set_can_focus (toast_widget, reachable);
}

static void
tick_removed (gpointer data)
{
  ToastQueue *queue = data;

  queue->tick_id = 0;
}

static gboolean
show_tick_cb (GtkWidget     *overlay,
              GdkFrameClock *frame_clock,
              gpointer       data)
{
  ToastQueue *queue = data;

  if (queue->current != NULL && queue->showing != NULL &&
      gdk_frame_clock_get_frame_time (frame_clock) - queue->shown_at < SHOW_US)
    return G_SOURCE_CONTINUE;

  /* Ticks of one frame run in an order we do not rely on: wait for the next frame, by which
   * the animation's own tick has ended it. */
  if (queue->current != NULL && queue->showing != NULL && !queue->settling)
    {
      queue->settling = TRUE;
      return G_SOURCE_CONTINUE;
    }

  if (queue->showing != NULL)
    set_reachable (queue->showing, TRUE);
  g_clear_weak_pointer (&queue->showing);
  if (queue->current != NULL && queue->dismiss_when_shown)
    adw_toast_dismiss (queue->current);
  return G_SOURCE_REMOVE;
}

static void
dismiss_current (ToastQueue *queue)
{
  if (queue->showing != NULL)
    queue->dismiss_when_shown = TRUE;
  else
    adw_toast_dismiss (queue->current);
}

static gboolean
poll_cb (gpointer data)
{
  ToastQueue *queue = data;

  queue->poll_id = 0;
  pump (queue);
  return G_SOURCE_REMOVE;
}

static void
on_dismissed (AdwToast   *toast,
              ToastQueue *queue)
{
  g_clear_signal_handler (&queue->dismissed_id, queue->current);
  g_clear_object (&queue->current);
  g_clear_weak_pointer (&queue->showing);
  pump (queue);
}

static void
pump (ToastQueue *queue)
{
  AdwToast *next;

  if (queue->current != NULL || queue->poll_id != 0 || g_queue_is_empty (&queue->waiting))
    return;
  if (overlay_shows_toasts (queue))
    {
      queue->poll_id = g_timeout_add (POLL_MS, poll_cb, queue);
      return;
    }

  next = g_queue_pop_head (&queue->waiting);
  queue->current = next;
  queue->dismissed_id = g_signal_connect (next, "dismissed", G_CALLBACK (on_dismissed), queue);
  queue->dismiss_when_shown = FALSE;
  queue->settling = FALSE;
  adw_toast_overlay_add_toast (queue->overlay, g_object_ref (next));

  /* An unmapped overlay shows the toast without animating; a mapped one starts the animation
   * from the frame clock's current time and appends the toast's widget. */
  if (gtk_widget_get_mapped (GTK_WIDGET (queue->overlay)))
    {
      GtkWidget *toast_widget = gtk_widget_get_last_child (GTK_WIDGET (queue->overlay));

      if (toast_widget == NULL || !is_toast_widget (toast_widget))
        return;
      set_reachable (toast_widget, FALSE);
      g_set_weak_pointer (&queue->showing, toast_widget);
      queue->shown_at =
        gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (queue->overlay)));
      if (queue->tick_id == 0)
        queue->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (queue->overlay), show_tick_cb,
                                                       queue, tick_removed);
    }
}

void
tess_toast_queue_add (AdwToastOverlay *overlay,
                      AdwToast        *toast)
{
  ToastQueue *queue;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  queue = g_object_get_data (G_OBJECT (overlay), QUEUE_KEY);
  if (queue == NULL)
    {
      queue = g_new0 (ToastQueue, 1);
      queue->overlay = overlay;
      g_queue_init (&queue->waiting);
      g_object_set_data_full (G_OBJECT (overlay), QUEUE_KEY, queue, toast_queue_free);
    }

  if (adw_toast_get_priority (toast) == ADW_TOAST_PRIORITY_HIGH)
    {
      /* Ahead of normal toasts, behind high ones already waiting. */
      GList *link = queue->waiting.head;

      while (link != NULL && adw_toast_get_priority (link->data) == ADW_TOAST_PRIORITY_HIGH)
        link = link->next;
      if (link != NULL)
        g_queue_insert_before (&queue->waiting, link, toast);
      else
        g_queue_push_tail (&queue->waiting, toast);

      if (queue->current != NULL &&
          adw_toast_get_priority (queue->current) == ADW_TOAST_PRIORITY_NORMAL)
        {
          dismiss_current (queue);
          return;
        }
    }
  else
    g_queue_push_tail (&queue->waiting, toast);

  pump (queue);
}

void
tess_toast_queue_show (GtkWidget  *widget,
                       const char *message)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  overlay = ADW_IS_TOAST_OVERLAY (widget)
              ? widget : gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    tess_toast_queue_add (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_warning ("%s", message);
}
