/* tess-widget-file.c
 *
 * Copyright 2026 The Tessera Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tess-widget-file.h"
#include "tess-template-value.h"
#include "tess-json-strict.h"

#include "core/tess-diagnostic.h"
#include "core/tess-widget-parser.h"

G_DEFINE_QUARK (tess-widget-file-error-quark, tess_widget_file_error)

struct _TessWidgetFile
{
  GObject                 parent_instance;
  JsonNode               *root;       /* the whole file, every field kept */
  TessTemplate           *compiled;
  GError                 *compile_error;
  TessWidgetValidateFunc  validate;
  gpointer                validate_data;
};

G_DEFINE_FINAL_TYPE (TessWidgetFile, tess_widget_file, G_TYPE_OBJECT)

static void
tess_widget_file_finalize (GObject *object)
{
  TessWidgetFile *self = TESS_WIDGET_FILE (object);

  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->compiled, tess_template_unref);
  g_clear_error (&self->compile_error);

  G_OBJECT_CLASS (tess_widget_file_parent_class)->finalize (object);
}

static void
tess_widget_file_class_init (TessWidgetFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tess_widget_file_finalize;
}

static void
tess_widget_file_init (TessWidgetFile *self)
{
  self->validate = tess_widget_validate_model;
}

static JsonObject *
root_object (TessWidgetFile *self)
{
  return json_node_get_object (self->root);
}

static const char *
string_member (TessWidgetFile *self, const char *name)
{
  JsonNode *member = json_object_get_member (root_object (self), name);

  if (member && JSON_NODE_HOLDS_VALUE (member)
      && json_node_get_value_type (member) == G_TYPE_STRING)
    return json_node_get_string (member);
  return NULL;
}

/**
 * tess_widget_file_new_from_data:
 *
 * Loads a `.widget` file the way ChatKit's WidgetTemplate does: the text must be a JSON
 * object whose "version" is exactly "1.0" and that has "name" and "template".
 */
TessWidgetFile *
tess_widget_file_new_from_data (const char *data, gssize length, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(TessWidgetFile) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *version;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_INVALID,
                   "not a JSON document: %s", local_error->message);
      return NULL;
    }
  /* json-glib parses an empty or blank text to no root at all */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_INVALID,
                           "/: the file is empty (a .widget file is a JSON object)");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_INVALID,
                           "/: a .widget file must be a JSON object");
      return NULL;
    }

  self = g_object_new (TESS_TYPE_WIDGET_FILE, NULL);
  self->root = json_node_copy (json_parser_get_root (parser));

  version = json_object_get_member (root_object (self), "version");
  if (version == NULL)
    {
      g_set_error_literal (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_MISSING_FIELD,
                           "/version: missing (it must be \"1.0\")");
      return NULL;
    }
  if (string_member (self, "version") == NULL || !g_str_equal (string_member (self, "version"),
                                                               "1.0"))
    {
      g_autofree char *text = json_to_string (version, FALSE);
      g_set_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_VERSION,
                   "/version: unsupported widget spec version %s (expected \"1.0\")", text);
      return NULL;
    }
  if (!json_object_has_member (root_object (self), "name"))
    {
      g_set_error_literal (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_MISSING_FIELD,
                           "/name: missing");
      return NULL;
    }
  if (string_member (self, "template") == NULL)
    {
      g_set_error_literal (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_MISSING_FIELD,
                           json_object_has_member (root_object (self), "template")
                             ? "/template: must be a string"
                             : "/template: missing (the file has no Jinja template)");
      return NULL;
    }
  return g_steal_pointer (&self);
}

TessWidgetFile *
tess_widget_file_new_from_path (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return tess_widget_file_new_from_data (contents, length, error);
}

const char *
tess_widget_file_get_version (TessWidgetFile *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_FILE (self), NULL);
  return string_member (self, "version");
}

const char *
tess_widget_file_get_name (TessWidgetFile *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_FILE (self), NULL);
  return string_member (self, "name");
}

const char *
tess_widget_file_get_template (TessWidgetFile *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_FILE (self), NULL);
  return string_member (self, "template");
}

void
tess_widget_file_set_template (TessWidgetFile *self, const char *source)
{
  g_return_if_fail (TESS_IS_WIDGET_FILE (self));
  g_return_if_fail (source != NULL);

  json_object_set_string_member (root_object (self), "template", source);
  g_clear_pointer (&self->compiled, tess_template_unref);
  g_clear_error (&self->compile_error);
}

/* Studio keeps the sample data as encodedWidget.defaultState (base64url JSON). */
JsonNode *
tess_widget_file_get_sample_data (TessWidgetFile *self)
{
  const char *encoded;
  g_autofree char *padded = NULL;
  g_autofree guchar *decoded = NULL;
  g_autoptr(JsonParser) parser = NULL;
  gsize len;
  JsonNode *state;

  g_return_val_if_fail (TESS_IS_WIDGET_FILE (self), NULL);

  encoded = string_member (self, "encodedWidget");
  if (encoded == NULL)
    return NULL;
  padded = g_strdup (encoded);
  g_strdelimit (padded, "-", '+');
  g_strdelimit (padded, "_", '/');
  {
    GString *s = g_string_new (padded);
    while (s->len % 4)
      g_string_append_c (s, '=');
    g_free (padded);
    padded = g_string_free (s, FALSE);
  }
  decoded = g_base64_decode (padded, &len);
  if (decoded == NULL || len == 0)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, (const char *) decoded, len, NULL))
    return NULL;
  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  state = json_object_get_member (json_node_get_object (json_parser_get_root (parser)),
                                  "defaultState");
  if (state == NULL || !JSON_NODE_HOLDS_OBJECT (state))
    return NULL;
  return json_node_copy (state);
}

TessTemplate *
tess_widget_file_get_compiled (TessWidgetFile *self, GError **error)
{
  g_return_val_if_fail (TESS_IS_WIDGET_FILE (self), NULL);

  if (self->compiled == NULL && self->compile_error == NULL)
    self->compiled = tess_template_new (tess_widget_file_get_template (self), &self->compile_error);
  if (self->compiled == NULL)
    {
      if (error)
        *error = g_error_copy (self->compile_error);
      return NULL;
    }
  return self->compiled;
}

char *
tess_widget_file_render_text (TessWidgetFile *self, JsonNode *data, GError **error)
{
  TessTemplate *tmpl;

  g_return_val_if_fail (TESS_IS_WIDGET_FILE (self), NULL);

  tmpl = tess_widget_file_get_compiled (self, error);
  if (tmpl == NULL)
    return NULL;
  return tess_template_render_json (tmpl, data, error);
}


JsonNode *
tess_widget_file_render (TessWidgetFile *self, JsonNode *data, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (TESS_IS_WIDGET_FILE (self), NULL);

  text = tess_widget_file_render_text (self, data, error);
  if (text == NULL)
    return NULL;

  /* json.loads' grammar, not json-glib's more lenient one */
  root = tess_json_parse_strict (text, -1, &local_error);
  if (root == NULL)
    {
      g_set_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_OUTPUT_JSON,
                   "the rendered template is not valid JSON, at output %s", local_error->message);
      return NULL;
    }
  if (self->validate && !self->validate (root, self->validate_data, error))
    {
      json_node_unref (root);
      return NULL;
    }
  return root;
}

void
tess_widget_file_set_validator (TessWidgetFile *self, TessWidgetValidateFunc func,
                                gpointer user_data)
{
  g_return_if_fail (TESS_IS_WIDGET_FILE (self));

  self->validate = func;
  self->validate_data = user_data;
}

static gboolean
validate_node (JsonNode *node, const char *pointer, GError **error)
{
  JsonObject *object;
  JsonNode *type, *children;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_VALIDATION,
                   "%s: a widget node must be an object", *pointer ? pointer : "/");
      return FALSE;
    }
  object = json_node_get_object (node);
  type = json_object_get_member (object, "type");
  if (type == NULL || !JSON_NODE_HOLDS_VALUE (type)
      || json_node_get_value_type (type) != G_TYPE_STRING)
    {
      g_set_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_VALIDATION,
                   "%s/type: a widget node needs a string \"type\"", pointer);
      return FALSE;
    }
  children = json_object_get_member (object, "children");
  if (children == NULL || JSON_NODE_HOLDS_NULL (children))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (children))
    {
      JsonArray *array = json_node_get_array (children);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *child = g_strdup_printf ("%s/children/%u", pointer, i);
          if (!validate_node (json_array_get_element (array, i), child, error))
            return FALSE;
        }
      return TRUE;
    }
  {
    g_autofree char *child = g_strdup_printf ("%s/children", pointer);
    return validate_node (children, child, error);
  }
}

gboolean
tess_widget_validate_shallow (JsonNode *widget, gpointer user_data, GError **error)
{
  const char *type;

  g_return_val_if_fail (widget != NULL, FALSE);

  if (!validate_node (widget, "", error))
    return FALSE;
  type = json_object_get_string_member (json_node_get_object (widget), "type");
  if (!g_str_equal (type, "Card") && !g_str_equal (type, "ListView") && !g_str_equal (type,
                                                                                      "Basic"))
    {
      g_set_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_VALIDATION,
                   "/type: the root widget must be a Card, ListView or Basic, not \"%s\"", type);
      return FALSE;
    }
  return TRUE;
}

gboolean
tess_widget_validate_model (JsonNode *widget, gpointer user_data, GError **error)
{
  g_autoptr(GPtrArray) diagnostics = tess_diagnostics_new ();
  g_autoptr(TessNode) root = NULL;
  GString *message;
  guint n_errors = 0;

  g_return_val_if_fail (widget != NULL, FALSE);

  root = tess_widget_parse (widget, diagnostics);
  if (root != NULL && !tess_diagnostics_has_errors (diagnostics))
    return TRUE;

  /* "/children/0/value: …" for the first error, and how many more there are */
  message = g_string_new (NULL);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      TessDiagnostic *d = g_ptr_array_index (diagnostics, i);
      if (d->severity != TESS_SEVERITY_ERROR)
        continue;
      if (n_errors++ == 0)
        g_string_append_printf (message, "%s: %s", d->pointer[0] ? d->pointer : "/", d->message);
    }
  if (n_errors == 0)
    g_string_append (message, "/: not a widget");
  else if (n_errors > 1)
    g_string_append_printf (message, " (and %u more error%s)", n_errors - 1,
                            n_errors > 2 ? "s" : "");
  g_set_error_literal (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_VALIDATION,
                       message->str);
  g_string_free (message, TRUE);
  return FALSE;
}

/* Serialisation in JSON.stringify (value, null, 2) style */

static void
append_js_number (GString *out, double d)
{
  if (!isfinite (d))
    g_string_append (out, "null");
  else if (d == floor (d) && fabs (d) < 1e21)
    g_string_append_printf (out, "%.0f", d);
  else
    {
      GString *tmp = g_string_new (NULL);
      char *e;
      tess_format_float (tmp, d);
      /* Python writes 1e-07, JavaScript 1e-7 */
      if ((e = strchr (tmp->str, 'e')) != NULL && (e[2] == '0') && e[3] != '\0')
        g_string_erase (tmp, e + 2 - tmp->str, 1);
      g_string_append (out, tmp->str);
      g_string_free (tmp, TRUE);
    }
}

static void
append_js_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (; *s; s++)
    {
      guchar c = *s;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_indent (GString *out, guint depth)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth * 2; i++)
    g_string_append_c (out, ' ');
}

static void
append_json (GString *out, JsonNode *node, guint depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
      {
        GType t = json_node_get_value_type (node);
        if (t == G_TYPE_STRING)
          append_js_string (out, json_node_get_string (node));
        else if (t == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (t == G_TYPE_INT64 || t == G_TYPE_INT)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else
          append_js_number (out, json_node_get_double (node));
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            append_indent (out, depth + 1);
            append_json (out, json_array_get_element (array, i), depth + 1);
            if (i + 1 < n)
              g_string_append_c (out, ',');
          }
        append_indent (out, depth);
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        if (json_object_get_size (object) == 0)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_indent (out, depth + 1);
            append_js_string (out, name);
            g_string_append (out, ": ");
            append_json (out, member, depth + 1);
          }
        append_indent (out, depth);
        g_string_append_c (out, '}');
      }
      break;
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
tess_json_to_string_pretty (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);
  append_json (out, node, 0);
  return g_string_free (out, FALSE);
}

/**
 * tess_widget_file_to_data:
 * @data: (nullable): the data to render the preview with; %NULL uses the sample data
 *
 * Serialises the file with every field kept in its order and "outputJsonPreview" set to the
 * freshly rendered widget. Fails when the template does not render to a valid widget.
 */
char *
tess_widget_file_to_data (TessWidgetFile *self, JsonNode *data, GError **error)
{
  g_autoptr(JsonNode) sample = NULL;
  g_autoptr(JsonNode) preview = NULL;
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (TESS_IS_WIDGET_FILE (self), NULL);

  if (data == NULL)
    data = sample = tess_widget_file_get_sample_data (self);
  preview = tess_widget_file_render (self, data, error);
  if (preview == NULL)
    return NULL;

  /* json_object_set_member keeps an existing member's position, and appends new ones. */
  copy = json_node_copy (self->root);
  json_object_set_member (json_node_get_object (copy), "outputJsonPreview",
                          json_node_copy (preview));
  text = tess_json_to_string_pretty (copy);
  return g_strconcat (text, "\n", NULL);
}

gboolean
tess_widget_file_save (TessWidgetFile *self, const char *path, JsonNode *data, GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (TESS_IS_WIDGET_FILE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = tess_widget_file_to_data (self, data, error);
  if (text == NULL)
    return FALSE;
  return g_file_set_contents (path, text, -1, error);
}
