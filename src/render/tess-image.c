/* tess-image.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Images load asynchronously over libsoup (http, https) or from data: URLs, with a memory
 * cache and an on-disk cache, a byte cap while downloading and a pixel cap while decoding.
 * Until the picture is there, and when it never comes, the box shows a neutral placeholder;
 * both look the same so screenshots do not depend on timing. `alt` is the accessible name.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>
#include <utime.h>

#include "tess-icon.h"
#include "tess-image.h"
#include "tess-render-private.h"

#define MAX_MEMORY_CACHE 128
#define MAX_MEMORY_CACHE_BYTES (256 * 1024 * 1024)
#define DEFAULT_DISK_CACHE_LIMIT (200 * 1024 * 1024)
#define PRUNE_EVERY_N_WRITES 32
#define READ_CHUNK 65536

struct _TessImage
{
  GtkWidget     parent_instance;

  TessNode     *node;
  char         *uri;
  GdkTexture   *texture;
  GCancellable *cancellable;
  guint         failed : 1;
};

G_DEFINE_FINAL_TYPE (TessImage, tess_image, GTK_TYPE_WIDGET)

static GHashTable *memory_cache;   /* uri → GdkTexture */
static gsize memory_cache_bytes;   /* decoded size of what it holds */
static guint n_pending;            /* loads whose callback has not run yet */

guint
tess_image_get_n_pending (void)
{
  return n_pending;
}
static char *cache_dir;
static gboolean cache_dir_set;
static gsize disk_cache_limit = DEFAULT_DISK_CACHE_LIMIT;
static guint disk_writes;

void
tess_image_set_cache_dir (const char *path)
{
  g_free (cache_dir);
  cache_dir = g_strdup (path);
  cache_dir_set = TRUE;
}

void
tess_image_set_disk_cache_limit (gsize bytes)
{
  disk_cache_limit = bytes;
  disk_writes = 0;
}

void
tess_image_clear_memory_cache (void)
{
  if (memory_cache != NULL)
    g_hash_table_remove_all (memory_cache);
  memory_cache_bytes = 0;
}

static const char *
get_cache_dir (void)
{
  if (!cache_dir_set)
    {
      cache_dir = g_build_filename (g_get_user_cache_dir (), "tessera", "images", NULL);
      cache_dir_set = TRUE;
    }
  return cache_dir;
}

static char *
disk_cache_path (const char *uri)
{
  g_autofree char *digest = NULL;

  if (get_cache_dir () == NULL)
    return NULL;
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  return g_build_filename (get_cache_dir (), digest, NULL);
}

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  /* Decompression bombs are scaled down before they are decoded. */
  if ((gint64) width * height > TESS_IMAGE_MAX_PIXELS)
    {
      double scale = sqrt ((double) TESS_IMAGE_MAX_PIXELS / ((double) width * height));
      gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)),
                                  MAX (1, (int) (height * scale)));
    }
}

static GdkTexture *
decode (GBytes  *bytes,
        GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), NULL);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not an image");
      return NULL;
    }
  return gdk_texture_new_for_pixbuf (pixbuf);
}

typedef struct
{
  char  *path;
  gint64 used;   /* modification time, refreshed on every hit */
  goffset size;
} CacheFile;

static int
compare_least_recent_first (gconstpointer a,
                            gconstpointer b)
{
  const CacheFile *x = a, *y = b;

  return (x->used > y->used) - (x->used < y->used);
}

static void
cache_file_clear (gpointer data)
{
  g_free (((CacheFile *) data)->path);
}

/* Deletes the least recently used files until the cache fits its limit. */
static void
prune_disk_cache (void)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GArray) files = NULL;
  const char *name;
  goffset total = 0;

  if (get_cache_dir () == NULL || (dir = g_dir_open (get_cache_dir (), 0, NULL)) == NULL)
    return;
  files = g_array_new (FALSE, FALSE, sizeof (CacheFile));
  g_array_set_clear_func (files, cache_file_clear);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      CacheFile file = { g_build_filename (get_cache_dir (), name, NULL), 0, 0 };
      GStatBuf info;

      if (g_stat (file.path, &info) != 0 || !S_ISREG (info.st_mode))
        {
          g_free (file.path);
          continue;
        }
      file.used = info.st_mtime;
      file.size = info.st_size;
      total += file.size;
      g_array_append_val (files, file);
    }
  g_array_sort (files, compare_least_recent_first);
  for (guint i = 0; i < files->len && total > (goffset) disk_cache_limit; i++)
    {
      CacheFile *file = &g_array_index (files, CacheFile, i);

      if (g_unlink (file->path) == 0)
        total -= file->size;
    }
}

static void
store_on_disk (const char *uri,
               GByteArray *data)
{
  g_autofree char *path = disk_cache_path (uri);
  g_autofree char *dir = NULL;

  if (path == NULL)
    return;
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents (path, (const char *) data->data, data->len, NULL))
    return;
  /* Checked on the first write of a session and now and then after. */
  if (disk_writes++ % PRUNE_EVERY_N_WRITES == 0)
    prune_disk_cache ();
}

static void
remember (const char *uri,
          GdkTexture *texture)
{
  gsize bytes = (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4;

  if (memory_cache == NULL)
    memory_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  if (g_hash_table_contains (memory_cache, uri))
    return;
  /* Bounded by count and by decoded bytes: a chat full of large pictures must not hold them
   * all. Starting over is crude but cheap, and the disk cache still answers. */
  if (g_hash_table_size (memory_cache) >= MAX_MEMORY_CACHE ||
      memory_cache_bytes + bytes > MAX_MEMORY_CACHE_BYTES)
    tess_image_clear_memory_cache ();
  g_hash_table_insert (memory_cache, g_strdup (uri), g_object_ref (texture));
  memory_cache_bytes += bytes;
}

typedef struct
{
  char               *uri;
  GByteArray         *data;
  GInputStream       *stream;
  GCancellable       *cancellable;
  TessImageLoadedFunc callback;
  gpointer            user_data;
} LoadJob;

static void
load_job_finish (LoadJob    *job,
                 GdkTexture *texture,
                 GError     *error)
{
  n_pending--;
  job->callback (texture, error, job->user_data);
  g_free (job->uri);
  if (job->data != NULL)
    g_byte_array_unref (job->data);
  g_clear_object (&job->stream);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static void read_next (LoadJob *job);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                              &error);
  g_autoptr(GBytes) all = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (chunk == NULL)
    {
      load_job_finish (job, NULL, error);
      return;
    }

  if (g_bytes_get_size (chunk) > 0)
    {
      if (job->data->len + g_bytes_get_size (chunk) > TESS_IMAGE_MAX_BYTES)
        {
          g_autoptr(GError) too_big = g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                                   "image larger than %d bytes",
                                                   TESS_IMAGE_MAX_BYTES);
          load_job_finish (job, NULL, too_big);
          return;
        }
      g_byte_array_append (job->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      read_next (job);
      return;
    }

  all = g_bytes_new (job->data->data, job->data->len);
  texture = decode (all, &error);
  if (texture == NULL)
    {
      load_job_finish (job, NULL, error);
      return;
    }

  remember (job->uri, texture);
  store_on_disk (job->uri, job->data);
  load_job_finish (job, texture, NULL);
}

static void
read_next (LoadJob *job)
{
  g_input_stream_read_bytes_async (job->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   job->cancellable, on_read, job);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadJob *job = user_data;
  g_autoptr(GError) error = NULL;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  job->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (job->stream == NULL)
    {
      load_job_finish (job, NULL, error);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    {
      g_autoptr(GError) status = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "HTTP %u",
                                              soup_message_get_status (message));
      load_job_finish (job, NULL, status);
      return;
    }
  if (soup_message_headers_get_content_length (soup_message_get_response_headers (message)) >
      TESS_IMAGE_MAX_BYTES)
    {
      g_autoptr(GError) too_big = g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                               "image larger than %d bytes",
                                               TESS_IMAGE_MAX_BYTES);
      load_job_finish (job, NULL, too_big);
      return;
    }
  job->data = g_byte_array_new ();
  read_next (job);
}

static SoupSession *
get_session (void)
{
  static SoupSession *session;

  if (session == NULL)
    session = soup_session_new_with_options ("user-agent", "Tessera/" PACKAGE_VERSION,
                                             "timeout", 30, NULL);
  return session;
}

typedef struct
{
  TessImageLoadedFunc callback;
  gpointer            user_data;
  GdkTexture         *texture;
  GError             *error;
} Deferred;

static gboolean
deliver_deferred (gpointer data)
{
  Deferred *deferred = data;

  n_pending--;
  deferred->callback (deferred->texture, deferred->error, deferred->user_data);
  g_clear_object (&deferred->texture);
  g_clear_error (&deferred->error);
  g_free (deferred);
  return G_SOURCE_REMOVE;
}

/* Results are always delivered from the main loop, never re-entrantly. */
static void
defer (TessImageLoadedFunc callback,
       gpointer            user_data,
       GdkTexture         *texture,
       GError             *error)
{
  Deferred *deferred = g_new0 (Deferred, 1);

  deferred->callback = callback;
  deferred->user_data = user_data;
  deferred->texture = texture ? g_object_ref (texture) : NULL;
  deferred->error = error ? g_error_copy (error) : NULL;
  n_pending++;
  g_idle_add_full (G_PRIORITY_DEFAULT, deliver_deferred, deferred, NULL);
}

void
tess_image_load_uri (const char          *uri,
                     GCancellable        *cancellable,
                     TessImageLoadedFunc  callback,
                     gpointer             user_data)
{
  g_autofree char *scheme = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(SoupMessage) message = NULL;
  LoadJob *job;
  GdkTexture *cached;

  g_return_if_fail (uri != NULL);
  g_return_if_fail (callback != NULL);

  cached = memory_cache ? g_hash_table_lookup (memory_cache, uri) : NULL;
  if (cached != NULL)
    {
      defer (callback, user_data, cached, NULL);
      return;
    }

  scheme = g_uri_parse_scheme (uri);
  if (scheme != NULL && g_ascii_strcasecmp (scheme, "data") == 0)
    {
      g_autoptr(GBytes) bytes = NULL;

      if (strlen (uri) > TESS_IMAGE_MAX_BYTES * 2)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "data URL too large");
      else if ((bytes = soup_uri_decode_data_uri (uri, NULL)) == NULL)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "bad data URL");
      else
        texture = decode (bytes, &error);
      if (texture != NULL)
        remember (uri, texture);
      defer (callback, user_data, texture, error);
      return;
    }

  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 &&
                         g_ascii_strcasecmp (scheme, "https") != 0))
    {
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "only http, https and data URLs are loaded");
      defer (callback, user_data, NULL, error);
      return;
    }

  path = disk_cache_path (uri);
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL) && length <= TESS_IMAGE_MAX_BYTES)
        {
          g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
          texture = decode (bytes, NULL);
          if (texture != NULL)
            {
              g_utime (path, NULL); /* recently used: pruned last */
              remember (uri, texture);
              defer (callback, user_data, texture, NULL);
              return;
            }
        }
    }

  /* Tests and screenshots run without a network. */
  if (g_getenv ("TESS_IMAGE_OFFLINE") != NULL)
    {
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "offline");
      defer (callback, user_data, NULL, error);
      return;
    }

  message = soup_message_new (SOUP_METHOD_GET, uri);
  if (message == NULL)
    {
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "bad URL");
      defer (callback, user_data, NULL, error);
      return;
    }

  job = g_new0 (LoadJob, 1);
  job->uri = g_strdup (uri);
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->callback = callback;
  job->user_data = user_data;
  n_pending++;
  soup_session_send_async (get_session (), message, G_PRIORITY_DEFAULT, cancellable,
                           on_sent, job);
}

/* The widget */

static void
on_loaded (GdkTexture   *texture,
           const GError *error,
           gpointer      user_data)
{
  TessImage *self = user_data;

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }

  g_set_object (&self->texture, texture);
  self->failed = texture == NULL;
  if (error != NULL)
    g_debug ("Image %s: %s", self->uri, error->message);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_unref (self);
}

static gboolean
length_prop (TessImage  *self,
             const char *name,
             double     *px)
{
  return tess_render_length_px (tess_node_get_prop (self->node, name), px) && *px >= 0;
}

static double
aspect_ratio (TessImage *self)
{
  JsonNode *value = tess_node_get_prop (self->node, "aspectRatio");
  double ratio = 0;

  if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
    {
      if (json_node_get_value_type (value) == G_TYPE_STRING)
        {
          double w = 0, h = 0;
          if (sscanf (json_node_get_string (value), "%lf / %lf", &w, &h) == 2 && h > 0)
            ratio = w / h;
          else
            ratio = g_ascii_strtod (json_node_get_string (value), NULL);
        }
      else
        ratio = json_node_get_double (value);
    }
  if (ratio > 0 && isfinite (ratio))
    return CLAMP (ratio, 0.01, 100);
  if (self->texture != NULL)
    return (double) gdk_texture_get_width (self->texture) /
           MAX (1, gdk_texture_get_height (self->texture));
  return 0;
}

static void
tess_image_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  TessImage *self = TESS_IMAGE (widget);
  double width = -1, height = -1, px, ratio = aspect_ratio (self);

  if (length_prop (self, "size", &px))
    width = height = px;
  if (length_prop (self, "width", &px))
    width = px;
  if (length_prop (self, "height", &px))
    height = px;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      if (width < 0 && height >= 0 && ratio > 0)
        width = height * ratio;
      if (width >= 0)
        *minimum = *natural = (int) MIN (width, 10000);
      else
        {
          *minimum = 0;
          *natural = self->texture ? MIN (gdk_texture_get_width (self->texture), 10000) : 0;
        }
    }
  else
    {
      if (height < 0)
        {
          double w = width >= 0 ? width : for_size >= 0 ? for_size : -1;

          if (w >= 0 && ratio > 0)
            height = w / ratio;
          else if (w >= 0)
            height = MIN (w, 160) * 0.75; /* placeholder until the picture says otherwise */
          else
            height = self->texture ? gdk_texture_get_height (self->texture) : 120;
        }
      *minimum = *natural = (int) MIN (height, 10000);
    }
}

static GtkSizeRequestMode
tess_image_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
position_fractions (const char *position,
                    double     *fx,
                    double     *fy)
{
  *fx = *fy = 0.5;
  if (position == NULL)
    return;
  if (strstr (position, "left") != NULL)
    *fx = 0;
  if (strstr (position, "right") != NULL)
    *fx = 1;
  if (strstr (position, "top") != NULL)
    *fy = 0;
  if (strstr (position, "bottom") != NULL)
    *fy = 1;
}

static void
tess_image_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  TessImage *self = TESS_IMAGE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (width <= 0 || height <= 0)
    return;

  if (self->texture != NULL)
    {
      const char *fit = tess_render_prop_string (self->node, "fit");
      double tw = gdk_texture_get_width (self->texture);
      double th = gdk_texture_get_height (self->texture);
      double sx = width / tw, sy = height / th, fx, fy, dw, dh;

      if (g_strcmp0 (fit, "fill") == 0)
        {
          dw = width;
          dh = height;
        }
      else
        {
          double scale = g_strcmp0 (fit, "contain") == 0 ? MIN (sx, sy)
                         : g_strcmp0 (fit, "scale-down") == 0 ? MIN (1.0, MIN (sx, sy))
                         : g_strcmp0 (fit, "none") == 0 ? 1.0
                         : MAX (sx, sy); /* cover */
          dw = tw * scale;
          dh = th * scale;
        }

      position_fractions (tess_render_prop_string (self->node, "position"), &fx, &fy);
      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      gtk_snapshot_append_texture (snapshot, self->texture,
                                   &GRAPHENE_RECT_INIT ((width - dw) * fx, (height - dh) * fy,
                                                        dw, dh));
      gtk_snapshot_pop (snapshot);
    }
  else
    {
      GdkRGBA placeholder = color;
      int size = MIN (24, MIN (width, height) / 2);
      g_autoptr(GdkTexture) icon = NULL;

      placeholder.alpha = 0.06f;
      gtk_snapshot_append_color (snapshot, &placeholder,
                                 &GRAPHENE_RECT_INIT (0, 0, width, height));
      if (size >= 8)
        {
          GdkRGBA icon_color = color;
          icon_color.alpha = 1;
          icon = tess_icon_render_texture ("square-image", &icon_color,
                                           size * gtk_widget_get_scale_factor (widget));
          if (icon != NULL)
            {
              gtk_snapshot_push_opacity (snapshot, 0.35);
              gtk_snapshot_append_texture (snapshot, icon,
                                           &GRAPHENE_RECT_INIT ((width - size) / 2.0f,
                                                                (height - size) / 2.0f,
                                                                size, size));
              gtk_snapshot_pop (snapshot);
            }
        }
    }

  if (tess_render_prop_boolean (self->node, "frame"))
    {
      GskRoundedRect outline;
      GdkRGBA frame = color;
      float widths[4] = { 1, 1, 1, 1 };
      GdkRGBA colors[4];

      frame.alpha = 0.12f;
      for (guint i = 0; i < 4; i++)
        colors[i] = frame;
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, height), 0);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

static void
start_loading (TessImage *self)
{
  const char *src = tess_node_get_string (self->node, "src");

  if (g_strcmp0 (src, self->uri) == 0)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->texture);
  g_free (self->uri);
  self->uri = g_strdup (src);
  self->failed = FALSE;

  if (src == NULL)
    {
      self->failed = TRUE;
      return;
    }

  self->cancellable = g_cancellable_new ();
  tess_image_load_uri (src, self->cancellable, on_loaded, g_object_ref (self));
}

static void
tess_image_dispose (GObject *object)
{
  TessImage *self = TESS_IMAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tess_image_parent_class)->dispose (object);
}

static void
tess_image_finalize (GObject *object)
{
  TessImage *self = TESS_IMAGE (object);

  g_clear_object (&self->node);
  g_clear_object (&self->texture);
  g_free (self->uri);

  G_OBJECT_CLASS (tess_image_parent_class)->finalize (object);
}

static void
tess_image_class_init (TessImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tess_image_dispose;
  object_class->finalize = tess_image_finalize;
  widget_class->measure = tess_image_measure;
  widget_class->get_request_mode = tess_image_get_request_mode;
  widget_class->snapshot = tess_image_snapshot;
  gtk_widget_class_set_css_name (widget_class, "tess-image");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tess_image_init (TessImage *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
tess_image_new (TessNode *node)
{
  TessImage *self = g_object_new (TESS_TYPE_IMAGE, NULL);

  tess_image_set_node (self, node);
  return GTK_WIDGET (self);
}

void
tess_image_set_node (TessImage *self,
                     TessNode  *node)
{
  g_autofree char *alt = NULL;

  g_return_if_fail (TESS_IS_IMAGE (self));
  g_return_if_fail (TESS_IS_NODE (node));

  g_set_object (&self->node, node);
  alt = tess_node_dup_text (node, "alt");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  alt ? alt : "", -1);
  if (alt != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self), alt);
  start_loading (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

GdkTexture *
tess_image_get_texture (TessImage *self)
{
  g_return_val_if_fail (TESS_IS_IMAGE (self), NULL);

  return self->texture;
}

gboolean
tess_image_get_failed (TessImage *self)
{
  g_return_val_if_fail (TESS_IS_IMAGE (self), FALSE);

  return self->failed;
}
