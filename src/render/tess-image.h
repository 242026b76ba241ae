/* tess-image.h: the Image component (async load, cache, fit, position, radius)
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/tess-node.h"

G_BEGIN_DECLS

#define TESS_TYPE_IMAGE (tess_image_get_type ())

G_DECLARE_FINAL_TYPE (TessImage, tess_image, TESS, IMAGE, GtkWidget)

GtkWidget  *tess_image_new             (TessNode   *node);
void        tess_image_set_node        (TessImage  *self,
                                        TessNode   *node);
/* NULL while loading or when loading failed. */
GdkTexture *tess_image_get_texture     (TessImage  *self);
gboolean    tess_image_get_failed      (TessImage  *self);

/* Loader limits and cache (also used for Card/ListView favicons). */
#define TESS_IMAGE_MAX_BYTES (16 * 1024 * 1024)
#define TESS_IMAGE_MAX_PIXELS (4096 * 4096)

/* Starts loading @uri (http, https, data: or a file path relative to nothing: refused)
 * and calls back with a texture or an error; a cached texture comes back at once. */
typedef void (*TessImageLoadedFunc) (GdkTexture   *texture,
                                     const GError *error,
                                     gpointer      user_data);
void        tess_image_load_uri        (const char          *uri,
                                        GCancellable        *cancellable,
                                        TessImageLoadedFunc  callback,
                                        gpointer             user_data);
/* Directory of the on-disk cache; NULL disables it (tests). */
void        tess_image_set_cache_dir   (const char          *path);
/* Bytes the on-disk cache may hold; the least recently used files go first. */
void        tess_image_set_disk_cache_limit (gsize           bytes);
void        tess_image_clear_memory_cache (void);
/* Loads still under way (screenshots wait for them). */
guint       tess_image_get_n_pending   (void);

G_END_DECLS
