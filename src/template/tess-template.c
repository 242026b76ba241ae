/* tess-template.c: the compiled template object and its error domain
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tess-template-private.h"

typedef struct
{
  guint line;
  guint column;
} TessTemplateErrorPrivate;

static void
tess_template_error_private_init (TessTemplateErrorPrivate *priv)
{
  priv->line = 0;
  priv->column = 0;
}

static void
tess_template_error_private_copy (const TessTemplateErrorPrivate *src,
                                  TessTemplateErrorPrivate       *dest)
{
  *dest = *src;
}

static void
tess_template_error_private_clear (TessTemplateErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (TessTemplateError, tess_template_error)

guint
tess_template_error_get_line (const GError *error)
{
  TessTemplateErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, 0);
  priv = tess_template_error_get_private (error);
  return priv ? priv->line : 0;
}

guint
tess_template_error_get_column (const GError *error)
{
  TessTemplateErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, 0);
  priv = tess_template_error_get_private (error);
  return priv ? priv->column : 0;
}

void
tess_template_set_error (GError **error, TessTemplateError code, guint line, guint col,
                         const char *format, ...)
{
  g_autofree char *message = NULL;
  TessTemplateErrorPrivate *priv;
  GError *local;
  va_list args;

  if (error == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  local = g_error_new_literal (TESS_TEMPLATE_ERROR, code, message);
  priv = tess_template_error_get_private (local);
  priv->line = line;
  priv->column = col;
  g_propagate_error (error, local);
}

/* Nodes live in an arena freed with the template: parsing allocates many small nodes and
 * rendering never frees any. */
#define ARENA_CHUNK 16384

struct _TessTemplate
{
  gatomicrefcount     ref_count;
  GSList             *chunks;
  gsize               chunk_used;
  gsize               chunk_size;
  GArray             *kept_values;
  TessNode           *root;
  TessTemplateLimits  limits;
  gint                size_hint;
};

G_DEFINE_BOXED_TYPE (TessTemplate, tess_template, tess_template_ref, tess_template_unref)

gpointer
tess_template_arena_alloc (TessTemplate *self, gsize size)
{
  gpointer mem;

  size = (size + 15) & ~(gsize) 15;
  if (self->chunks == NULL || self->chunk_used + size > self->chunk_size)
    {
      gsize chunk = MAX (ARENA_CHUNK, size);
      self->chunks = g_slist_prepend (self->chunks, g_malloc0 (chunk));
      self->chunk_used = 0;
      self->chunk_size = chunk;
    }
  mem = (char *) self->chunks->data + self->chunk_used;
  self->chunk_used += size;
  return mem;
}

void
tess_template_keep_value (TessTemplate *self, TessValue v)
{
  v = tess_value_ref (v);
  g_array_append_val (self->kept_values, v);
}

TessNode *
tess_template_get_root (TessTemplate *self)
{
  return self->root;
}

void
tess_template_set_root (TessTemplate *self, TessNode *root)
{
  self->root = root;
}

gsize
tess_template_get_size_hint (TessTemplate *self)
{
  return MIN ((gsize) g_atomic_int_get (&self->size_hint), 1 << 20);
}

void
tess_template_set_size_hint (TessTemplate *self, gsize size)
{
  g_atomic_int_set (&self->size_hint, (gint) MIN (size + 64, 1 << 20));
}

static void
tess_template_free (TessTemplate *self)
{
  for (guint i = 0; i < self->kept_values->len; i++)
    tess_value_unref (g_array_index (self->kept_values, TessValue, i));
  g_array_unref (self->kept_values);
  g_slist_free_full (self->chunks, g_free);
  g_free (self);
}

/**
 * tess_template_new:
 * @source: the Jinja2 template source (UTF-8)
 * @error: return location for a %TESS_TEMPLATE_ERROR_SYNTAX error with line and column
 *
 * Parses @source once; the result can be rendered any number of times.
 *
 * Returns: (transfer full) (nullable): the template, or %NULL on a syntax error
 */
TessTemplate *
tess_template_new (const char *source, GError **error)
{
  TessTemplate *self;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (TessTemplate, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->kept_values = g_array_new (FALSE, FALSE, sizeof (TessValue));
  self->limits.max_iterations = 1000000;
  self->limits.max_depth = 100;
  self->limits.max_output = 8 * 1024 * 1024;

  if (!g_utf8_validate (source, -1, NULL))
    {
      tess_template_set_error (error, TESS_TEMPLATE_ERROR_SYNTAX, 1, 1,
                               "template source is not valid UTF-8");
      tess_template_free (self);
      return NULL;
    }

  if (!tess_template_parse (self, source, error))
    {
      tess_template_free (self);
      return NULL;
    }
  return self;
}

TessTemplate *
tess_template_ref (TessTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tess_template_unref (TessTemplate *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    tess_template_free (self);
}

void
tess_template_get_limits (TessTemplate *self, TessTemplateLimits *limits)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (limits != NULL);
  *limits = self->limits;
}

void
tess_template_set_limits (TessTemplate *self, const TessTemplateLimits *limits)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (limits != NULL);
  self->limits = *limits;
}

char *
tess_template_render_json (TessTemplate *self, JsonNode *data, GError **error)
{
  TessValue value;
  char *result;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data != NULL && !JSON_NODE_HOLDS_NULL (data) && !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_set_error_literal (error, TESS_TEMPLATE_ERROR, TESS_TEMPLATE_ERROR_TYPE,
                           "template data must be a JSON object");
      return NULL;
    }
  value = data != NULL && JSON_NODE_HOLDS_OBJECT (data) ? tess_value_from_json_node (data)
                                                        : tess_value_dict_new ();
  result = tess_template_render_value (self, value, NULL, 0, error);
  tess_value_unref (value);
  return result;
}

char *
tess_template_render_json_mapped (TessTemplate *self, JsonNode *data, GArray *spans,
                                  GError **error)
{
  TessValue value;
  char *result;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (spans != NULL, NULL);
  g_return_val_if_fail (g_array_get_element_size (spans) == sizeof (TessTemplateSpan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_array_set_size (spans, 0);
  if (data != NULL && !JSON_NODE_HOLDS_NULL (data) && !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_set_error_literal (error, TESS_TEMPLATE_ERROR, TESS_TEMPLATE_ERROR_TYPE,
                           "template data must be a JSON object");
      return NULL;
    }
  value = data != NULL && JSON_NODE_HOLDS_OBJECT (data) ? tess_value_from_json_node (data)
                                                        : tess_value_dict_new ();
  result = tess_template_render_value_mapped (self, value, NULL, 0, spans, error);
  tess_value_unref (value);
  return result;
}

gboolean
tess_template_spans_lookup (GArray     *spans,
                            const char *output,
                            gsize       offset,
                            guint      *line,
                            guint      *column)
{
  const TessTemplateSpan *span = NULL;
  guint low = 0, high;

  g_return_val_if_fail (spans != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);

  /* The last span that starts at or before @offset. */
  high = spans->len;
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (g_array_index (spans, TessTemplateSpan, mid).output_offset <= offset)
        low = mid + 1;
      else
        high = mid;
    }
  if (low == 0)
    return FALSE;
  span = &g_array_index (spans, TessTemplateSpan, low - 1);

  *line = span->line;
  *column = span->column;
  if (span->literal)
    for (const char *p = output + span->output_offset; p < output + offset && *p != '\0';
         p = g_utf8_next_char (p))
      {
        if (*p == '\n')
          {
            (*line)++;
            *column = 1;
          }
        else
          (*column)++;
      }
  return TRUE;
}

struct _TessTemplateData
{
  gatomicrefcount ref_count;
  TessValue       value;
  GQuark         *key_quarks;   /* per dict entry, 0 until a template names the key */
  guint           n_key_quarks;
};

G_DEFINE_BOXED_TYPE (TessTemplateData, tess_template_data, tess_template_data_ref,
                     tess_template_data_unref)

/**
 * tess_template_data_new:
 * @data: (nullable): a JSON object, JSON null or %NULL (no variables)
 *
 * Returns: (transfer full) (nullable): the converted data, or %NULL if @data is not an object
 */
TessTemplateData *
tess_template_data_new (JsonNode *data, GError **error)
{
  TessTemplateData *self;

  if (data != NULL && !JSON_NODE_HOLDS_NULL (data) && !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_set_error_literal (error, TESS_TEMPLATE_ERROR, TESS_TEMPLATE_ERROR_TYPE,
                           "template data must be a JSON object");
      return NULL;
    }
  self = g_new0 (TessTemplateData, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->value = data != NULL && JSON_NODE_HOLDS_OBJECT (data) ? tess_value_from_json_node (data)
                                                              : tess_value_dict_new ();
  self->n_key_quarks = tess_value_get_dict (self->value)->n_entries;
  self->key_quarks = g_new0 (GQuark, self->n_key_quarks);
  return self;
}

TessTemplateData *
tess_template_data_ref (TessTemplateData *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tess_template_data_unref (TessTemplateData *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      tess_value_unref (self->value);
      g_free (self->key_quarks);
      g_free (self);
    }
}

char *
tess_template_render (TessTemplate *self, TessTemplateData *data, GError **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return tess_template_render_value (self, data->value, data->key_quarks, data->n_key_quarks,
                                     error);
}
