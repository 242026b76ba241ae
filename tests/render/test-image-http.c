/* test-image-http.c: images fetched from a real HTTP server on loopback
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server misbehaves on purpose: missing files, text where a picture should be, bodies over
 * the byte cap (announced and not), a decompression bomb, a response that never comes.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libsoup/soup.h>
#include <math.h>
#include <utime.h>

#include "core/tess-widget-parser.h"
#include "render/tess-image.h"
#include "render-test-util.h"

typedef struct
{
  SoupServer *server;
  char       *base;
  GBytes     *png;
  GBytes     *bomb;
  guint       requests;
  GPtrArray  *paused;   /* messages of /never, answered only at teardown */
} Fixture;

static Fixture fixture;

/* PNG chunk CRC (ISO 3309), for the hand-made bomb below. */
static guint32
png_crc (const guint8 *data,
         gsize         length,
         guint32       crc)
{
  crc = ~crc;
  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  return ~crc;
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              gsize         length)
{
  guint8 header[8] = { length >> 24, length >> 16, length >> 8, length,
                       type[0], type[1], type[2], type[3] };
  guint32 crc = png_crc ((const guint8 *) type, 4, 0);
  guint8 trailer[4];

  crc = png_crc (data, length, crc);
  trailer[0] = crc >> 24; trailer[1] = crc >> 16; trailer[2] = crc >> 8; trailer[3] = crc;
  g_byte_array_append (png, header, 8);
  g_byte_array_append (png, data, length);
  g_byte_array_append (png, trailer, 4);
}

/* A 1-bit grey SIDE×SIDE PNG: a few kilobytes on the wire, far more pixels than the cap. */
static GBytes *
make_bomb (guint32 side)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 ihdr[13] = { side >> 24, side >> 16, side >> 8, side,
                      side >> 24, side >> 16, side >> 8, side,
                      1, 0, 0, 0, 0 };
  gsize row = 1 + (side + 7) / 8;
  g_autofree guint8 *raw = g_malloc0 (row * side);
  g_autoptr(GConverter) zlib = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB,
                                                                   9));
  gsize out_size = row * side / 100 + 65536;
  g_autofree guint8 *compressed = g_malloc (out_size);
  gsize read = 0, written = 0;
  GByteArray *png = g_byte_array_new ();

  g_assert_cmpint (g_converter_convert (zlib, raw, row * side, compressed, out_size,
                                        G_CONVERTER_INPUT_AT_END, &read, &written, NULL),
                   ==, G_CONVERTER_FINISHED);
  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_chunk (png, "IDAT", compressed, written);
  append_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (png);
}

static GBytes *
make_png (int width,
          int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL));
  return g_bytes_new_take (buffer, size);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  fixture.requests++;
  if (g_str_equal (path, "/ok.png") || g_str_equal (path, "/again.png"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_type (headers, "image/png", NULL);
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (fixture.png, NULL),
                                        g_bytes_get_size (fixture.png));
    }
  else if (g_str_equal (path, "/bomb.png"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (fixture.bomb, NULL),
                                        g_bytes_get_size (fixture.bomb));
    }
  else if (g_str_equal (path, "/text"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        "<html>not a picture</html>", 26);
    }
  else if (g_str_equal (path, "/huge-announced.png"))
    {
      /* Says it is over the cap before sending anything. */
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CONTENT_LENGTH);
      soup_message_headers_set_content_length (headers, TESS_IMAGE_MAX_BYTES + 1);
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_STATIC, "x", 1);
    }
  else if (g_str_equal (path, "/huge-chunked.png"))
    {
      /* No length, then more than the cap. */
      SoupMessageBody *body = soup_server_message_get_response_body (message);
      g_autofree char *block = g_malloc0 (1024 * 1024);

      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      for (int i = 0; i <= TESS_IMAGE_MAX_BYTES / (1024 * 1024); i++)
        soup_message_body_append (body, SOUP_MEMORY_COPY, block, 1024 * 1024);
      soup_message_body_complete (body);
    }
  else if (g_str_equal (path, "/never.png"))
    {
      soup_server_message_pause (message);
      g_ptr_array_add (fixture.paused, g_object_ref (message));
    }
  else
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
    }
}

static void
wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (*flag);
}

static void
load (const char   *path,
      GCancellable *cancellable,
      RtLoaded     *loaded)
{
  g_autofree char *uri = g_strconcat (fixture.base, path, NULL);

  memset (loaded, 0, sizeof *loaded);
  tess_image_load_uri (uri, cancellable, rt_image_loaded, loaded);
  g_assert_false (loaded->done);
  wait_for (&loaded->done);
}

static void
test_fetch_and_cache (void)
{
  g_autofree char *cache = g_dir_make_tmp ("tess-image-http-XXXXXX", NULL);
  g_autofree char *uri = g_strconcat (fixture.base, "/ok.png", NULL);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  g_autofree char *cached_file = g_build_filename (cache, digest, NULL);
  guint requests;
  RtLoaded loaded;

  tess_image_set_cache_dir (cache);
  tess_image_clear_memory_cache ();

  load ("/ok.png", NULL, &loaded);
  g_assert_no_error (loaded.error);
  g_assert_nonnull (loaded.texture);
  g_assert_cmpint (gdk_texture_get_width (loaded.texture), ==, 3);
  g_assert_cmpint (gdk_texture_get_height (loaded.texture), ==, 2);
  rt_loaded_clear (&loaded);
  g_assert_true (g_file_test (cached_file, G_FILE_TEST_IS_REGULAR));

  /* From memory, then from disk: the server is not asked again. */
  requests = fixture.requests;
  load ("/ok.png", NULL, &loaded);
  g_assert_nonnull (loaded.texture);
  rt_loaded_clear (&loaded);
  tess_image_clear_memory_cache ();
  load ("/ok.png", NULL, &loaded);
  g_assert_nonnull (loaded.texture);
  g_assert_cmpint (gdk_texture_get_width (loaded.texture), ==, 3);
  rt_loaded_clear (&loaded);
  g_assert_cmpuint (fixture.requests, ==, requests);

  g_unlink (cached_file);
  g_rmdir (cache);
  tess_image_set_cache_dir (NULL);
}

/* The disk cache keeps to its limit by dropping the least recently used files; a file read
 * from the cache counts as used. */
static void
test_disk_cache_limit (void)
{
  g_autofree char *cache = g_dir_make_tmp ("tess-image-prune-XXXXXX", NULL);
  g_autofree char *uri = g_strconcat (fixture.base, "/again.png", NULL);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  g_autofree char *fresh = g_build_filename (cache, digest, NULL);
  g_autofree char *oldest = g_build_filename (cache, "oldest", NULL);
  g_autofree char *older = g_build_filename (cache, "older", NULL);
  g_autofree char *recent = g_build_filename (cache, "recent", NULL);
  g_autofree char *filler = g_malloc0 (400);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  struct { const char *path; gint64 age; } old_files[] = {
    { oldest, 3000 }, { older, 2000 }, { recent, 10 },
  };
  RtLoaded loaded;

  for (guint i = 0; i < G_N_ELEMENTS (old_files); i++)
    {
      struct utimbuf times = { now - old_files[i].age, now - old_files[i].age };

      g_assert_true (g_file_set_contents (old_files[i].path, filler, 400, NULL));
      g_assert_cmpint (g_utime (old_files[i].path, &times), ==, 0);
    }

  tess_image_set_cache_dir (cache);
  /* Room for the new picture and one of the old files. */
  tess_image_set_disk_cache_limit (400 + g_bytes_get_size (fixture.png) + 100);
  tess_image_clear_memory_cache ();
  load ("/again.png", NULL, &loaded);
  g_assert_nonnull (loaded.texture);
  rt_loaded_clear (&loaded);

  g_assert_true (g_file_test (fresh, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (recent, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (older, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (oldest, G_FILE_TEST_EXISTS));

  g_unlink (fresh);
  g_unlink (recent);
  g_rmdir (cache);
  tess_image_set_disk_cache_limit (200 * 1024 * 1024);
  tess_image_set_cache_dir (NULL);
}

static void
test_failures (void)
{
  RtLoaded loaded;

  tess_image_set_cache_dir (NULL);

  load ("/missing.png", NULL, &loaded);
  g_assert_null (loaded.texture);
  g_assert_nonnull (loaded.error);
  g_assert_nonnull (strstr (loaded.error->message, "404"));
  rt_loaded_clear (&loaded);

  load ("/text", NULL, &loaded);
  g_assert_null (loaded.texture);
  g_assert_nonnull (loaded.error);
  rt_loaded_clear (&loaded);

  load ("/huge-announced.png", NULL, &loaded);
  g_assert_error (loaded.error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  rt_loaded_clear (&loaded);

  load ("/huge-chunked.png", NULL, &loaded);
  g_assert_error (loaded.error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  rt_loaded_clear (&loaded);
}

static void
test_decompression_bomb (void)
{
  RtLoaded loaded;

  tess_image_set_cache_dir (NULL);
  load ("/bomb.png", NULL, &loaded);
  g_assert_no_error (loaded.error);
  g_assert_nonnull (loaded.texture);
  /* Decoded scaled down to the pixel cap, keeping its shape. */
  g_assert_cmpint ((gint64) gdk_texture_get_width (loaded.texture) *
                   gdk_texture_get_height (loaded.texture), <=, TESS_IMAGE_MAX_PIXELS);
  g_assert_cmpint (gdk_texture_get_width (loaded.texture), ==,
                   gdk_texture_get_height (loaded.texture));
  g_assert_cmpint (gdk_texture_get_width (loaded.texture), <, sqrt (TESS_IMAGE_MAX_PIXELS) + 1024);
  rt_loaded_clear (&loaded);
}

static void
test_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *uri = g_strconcat (fixture.base, "/never.png", NULL);
  guint before = fixture.paused->len;
  RtLoaded loaded = { 0 };

  tess_image_set_cache_dir (NULL);
  tess_image_load_uri (uri, cancellable, rt_image_loaded, &loaded);
  while (fixture.paused->len == before)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (loaded.done);
  g_cancellable_cancel (cancellable);
  wait_for (&loaded.done);
  g_assert_error (loaded.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  rt_loaded_clear (&loaded);
}

/* The Image widget shows what the server sent, and a placeholder when it fails. */
static void
test_image_widget (void)
{
  g_autofree char *json = g_strdup_printf (
    "{\"type\":\"Image\",\"src\":\"%s/again.png\",\"alt\":\"A square\",\"size\":40}",
    fixture.base);
  g_autofree char *bad_json = g_strdup_printf (
    "{\"type\":\"Image\",\"src\":\"%s/gone.png\",\"size\":40}", fixture.base);
  g_autoptr(JsonNode) tree = json_from_string (json, NULL);
  g_autoptr(JsonNode) bad_tree = json_from_string (bad_json, NULL);
  g_autoptr(TessNode) node = tess_widget_parse_component (tree, NULL);
  g_autoptr(TessNode) bad_node = tess_widget_parse_component (bad_tree, NULL);
  GtkWidget *image, *bad;

  g_assert_nonnull (node);
  tess_image_set_cache_dir (NULL);
  tess_image_clear_memory_cache ();
  image = g_object_ref_sink (tess_image_new (node));
  bad = g_object_ref_sink (tess_image_new (bad_node));
  while (tess_image_get_n_pending () > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (tess_image_get_texture (TESS_IMAGE (image)));
  g_assert_false (tess_image_get_failed (TESS_IMAGE (image)));
  g_assert_null (tess_image_get_texture (TESS_IMAGE (bad)));
  g_assert_true (tess_image_get_failed (TESS_IMAGE (bad)));
  g_object_unref (image);
  g_object_unref (bad);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  int status;

  /* The rest of the render suite runs offline; this test brings its own server. */
  g_unsetenv ("TESS_IMAGE_OFFLINE");
  gtk_test_init (&argc, &argv, NULL);

  fixture.png = make_png (3, 2);
  fixture.bomb = make_bomb ((guint32) sqrt (TESS_IMAGE_MAX_PIXELS) + 1024);
  fixture.paused = g_ptr_array_new_with_free_func (g_object_unref);
  fixture.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture.server, NULL, on_request, NULL, NULL);
  if (!soup_server_listen_local (fixture.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("cannot listen on loopback: %s", error->message);
  uris = soup_server_get_uris (fixture.server);
  fixture.base = g_uri_to_string_partial (uris->data, G_URI_HIDE_NONE);
  if (g_str_has_suffix (fixture.base, "/"))
    fixture.base[strlen (fixture.base) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_test_add_func ("/render/image-http/fetch-and-cache", test_fetch_and_cache);
  g_test_add_func ("/render/image-http/disk-cache-limit", test_disk_cache_limit);
  g_test_add_func ("/render/image-http/failures", test_failures);
  g_test_add_func ("/render/image-http/decompression-bomb", test_decompression_bomb);
  g_test_add_func ("/render/image-http/cancel", test_cancel);
  g_test_add_func ("/render/image-http/widget", test_image_widget);
  status = g_test_run ();

  for (guint i = 0; i < fixture.paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (fixture.paused, i));
  g_ptr_array_unref (fixture.paused);
  g_clear_object (&fixture.server);
  g_bytes_unref (fixture.png);
  g_bytes_unref (fixture.bomb);
  g_free (fixture.base);
  return status;
}
