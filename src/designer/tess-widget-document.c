/* tess-widget-document.c: one `.widget` file open in the Designer
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document keeps the file's JSON object as it was read, so that saving writes back every
 * field it does not edit, in its order, and the Widget Builder project (encodedWidget)
 * unchanged unless its data or states were edited.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tess-designer-private.h"
#include "tess-designer-resources.h"
#include "template/tess-json-strict.h"
#include "template/tess-widget-encoded.h"
#include "tess-widget-document.h"

#define AUTOSAVE_DELAY_MS 1000

typedef struct
{
  char       *text;   /* the data as typed, valid JSON or not */
  JsonObject *entry;  /* the state's object in encodedWidget.states, other fields kept */
} State;

struct _TessWidgetDocument
{
  GObject          parent_instance;

  GFile           *file;
  char            *title;
  char            *name;
  JsonObject      *root;        /* the file as read; NULL for a new document */
  char            *encoded;     /* encodedWidget as read */
  JsonObject      *project;     /* encodedWidget decoded */
  gboolean         encoded_padded;
  char            *loaded_states_digest;  /* to keep encodedWidget when the data is untouched */

  GtkSourceBuffer *template_buffer;
  GtkSourceBuffer *data_buffer;
  GtkSourceBuffer *schema_buffer;

  GtkStringList   *state_names;
  GPtrArray       *states;      /* State, parallel to state_names */
  guint            active_state;

  char            *recovery_key;
  guint            autosave_source;
  guint            loading;
  gboolean         modified;
  guint64          generation;  /* counts edits, to tell whether one came during a save */
};

G_DEFINE_FINAL_TYPE (TessWidgetDocument, tess_widget_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_NAME,
  PROP_MODIFIED,
  PROP_FILE,
  N_PROPS
};

enum {
  CHANGED,
  STATES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char blank_template[] =
  "{\n"
  "  \"type\": \"Card\",\n"
  "  \"children\": [\n"
  "    {\"type\": \"Title\", \"value\": {{ title | tojson }}},\n"
  "    {\"type\": \"Text\", \"value\": {{ message | tojson }}}\n"
  "  ]\n"
  "}";
static const char blank_data[] = "{\n  \"title\": \"Hello\",\n  \"message\": \"Edit the template\"\n}";
static const char blank_schema[] =
  "{\n"
  "  \"type\": \"object\",\n"
  "  \"properties\": {\n"
  "    \"title\": {\"type\": \"string\"},\n"
  "    \"message\": {\"type\": \"string\"}\n"
  "  },\n"
  "  \"required\": [\"title\", \"message\"]\n"
  "}";

static void
state_free (gpointer data)
{
  State *state = data;

  g_free (state->text);
  g_clear_pointer (&state->entry, json_object_unref);
  g_free (state);
}

static State *
state_new (const char *text,
           JsonObject *entry)
{
  State *state = g_new0 (State, 1);

  state->text = g_strdup (text);
  state->entry = entry != NULL ? json_object_ref (entry) : NULL;
  return state;
}

static char *
json_to_pretty_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("{}");
  return tess_json_to_string_pretty (node);
}

static GtkSourceLanguage *
lookup_language (const char *id)
{
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();

  return gtk_source_language_manager_get_language (manager, id);
}

/* Edits of a file's own text are user edits; loading text into a buffer is not. */
static void
set_buffer_text (TessWidgetDocument *self,
                 GtkSourceBuffer    *buffer,
                 const char         *text)
{
  self->loading++;
  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), text != NULL ? text : "", -1);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (buffer), &start);
    gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (buffer), &start);
  }
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (buffer));
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (buffer), FALSE);
  self->loading--;
}

static char *
buffer_dup_text (GtkSourceBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (buffer), &start, &end, TRUE);
}

static void
set_modified (TessWidgetDocument *self,
              gboolean            modified)
{
  if (modified)
    self->generation++;
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static gboolean
autosave_cb (gpointer user_data)
{
  TessWidgetDocument *self = user_data;
  g_autoptr(GError) error = NULL;

  self->autosave_source = 0;
  if (self->modified && !tess_widget_document_write_recovery (self, &error))
    g_warning ("Could not keep unsaved changes of “%s”: %s", self->title, error->message);
  return G_SOURCE_REMOVE;
}

/* Not restarted by later edits, so that steady typing is still saved every second. */
static void
schedule_autosave (TessWidgetDocument *self)
{
  if (self->autosave_source == 0)
    self->autosave_source = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
}

static void
on_buffer_changed (TessWidgetDocument *self)
{
  if (self->loading > 0)
    return;
  set_modified (self, TRUE);
  schedule_autosave (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkSourceBuffer *
create_buffer (TessWidgetDocument *self,
               const char         *language_id)
{
  GtkSourceBuffer *buffer = gtk_source_buffer_new (NULL);
  GtkSourceLanguage *language = lookup_language (language_id);

  if (language == NULL && g_strcmp0 (language_id, "json") != 0)
    language = lookup_language ("json");
  gtk_source_buffer_set_language (buffer, language);
  gtk_source_buffer_set_highlight_matching_brackets (buffer, TRUE);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self,
                           G_CONNECT_SWAPPED);
  return buffer;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

/* A digest of the data texts and state names, as loaded, to see whether they changed. */
static char *
states_digest (TessWidgetDocument *self)
{
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < self->states->len; i++)
    {
      State *state = g_ptr_array_index (self->states, i);
      const char *name = gtk_string_list_get_string (self->state_names, i);

      g_string_append_printf (all, "%s%c%s%c", name, 0, state->text, 0);
    }
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) all->str, all->len);
}

static void
reset_states (TessWidgetDocument *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->state_names));

  g_ptr_array_set_size (self->states, 0);
  gtk_string_list_splice (self->state_names, 0, n, NULL);
  self->active_state = 0;
}

static void
append_state (TessWidgetDocument *self,
              const char         *name,
              const char         *text,
              JsonObject         *entry)
{
  g_ptr_array_add (self->states, state_new (text, entry));
  gtk_string_list_append (self->state_names, name);
}

/* Reads the file's fields into the buffers. */
static gboolean
load_root (TessWidgetDocument *self,
           JsonObject         *root,
           GError            **error)
{
  const char *template = string_member (root, "template");
  const char *encoded = string_member (root, "encodedWidget");
  JsonNode *schema = json_object_get_member (root, "jsonSchema");
  JsonNode *default_state = NULL;
  JsonArray *states = NULL;
  g_autofree char *schema_text = NULL;
  g_autofree char *data_text = NULL;

  if (template == NULL)
    {
      g_set_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_MISSING_FIELD,
                   _("/template: missing"));
      return FALSE;
    }

  g_clear_pointer (&self->root, json_object_unref);
  g_clear_pointer (&self->project, json_object_unref);
  g_clear_pointer (&self->encoded, g_free);
  self->root = json_object_ref (root);
  self->encoded = g_strdup (encoded);
  if (encoded != NULL)
    self->project = tess_widget_encoded_decode (encoded, &self->encoded_padded);
  if (self->project != NULL)
    {
      JsonNode *node = json_object_get_member (self->project, "states");

      default_state = json_object_get_member (self->project, "defaultState");
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        states = json_node_get_array (node);
    }

  g_free (self->name);
  self->name = g_strdup (string_member (root, "name"));

  schema_text = schema != NULL ? json_to_pretty_text (schema) : g_strdup ("");
  data_text = json_to_pretty_text (default_state);

  self->loading++;
  reset_states (self);
  append_state (self, _("Default"), data_text, NULL);
  for (guint i = 0; states != NULL && i < json_array_get_length (states); i++)
    {
      JsonNode *element = json_array_get_element (states, i);
      JsonObject *entry;
      const char *name;
      g_autofree char *fallback = NULL;
      g_autofree char *text = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      entry = json_node_get_object (element);
      name = tess_widget_state_get_name (entry);
      if (name == NULL)
        name = fallback = g_strdup_printf (_("State %u"), i + 1);
      text = json_to_pretty_text (tess_widget_state_get_data (entry));
      append_state (self, name, text, entry);
    }

  set_buffer_text (self, self->template_buffer, template);
  set_buffer_text (self, self->data_buffer, data_text);
  set_buffer_text (self, self->schema_buffer, schema_text);
  self->loading--;

  g_free (self->loaded_states_digest);
  self->loaded_states_digest = states_digest (self);
  return TRUE;
}

static void
set_title_from_file (TessWidgetDocument *self)
{
  g_autofree char *basename = NULL;

  if (self->file == NULL)
    return;
  basename = g_file_get_basename (self->file);
  if (g_str_has_suffix (basename, ".widget"))
    basename[strlen (basename) - strlen (".widget")] = '\0';
  g_free (self->title);
  self->title = g_steal_pointer (&basename);
}

static const char *
display_title (TessWidgetDocument *self)
{
  if (self->name != NULL && *self->name != '\0' && self->file == NULL)
    return self->name;
  return self->title;
}

/* A `.widget` object, or any other JSON taken as a literal template (its own sample data
 * being empty). */
static gboolean
load_bytes (TessWidgetDocument *self,
            GBytes             *bytes,
            GError            **error)
{
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  if (length == 0 || text == NULL)
    {
      g_set_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_INVALID,
                   _("The file is empty"));
      return FALSE;
    }
  node = tess_json_parse_strict (text, length, &local_error);
  if (node == NULL)
    {
      g_set_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_INVALID,
                   "%s", local_error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_INVALID,
                   _("The file is not a JSON object"));
      return FALSE;
    }

  object = json_node_get_object (node);
  if (json_object_has_member (object, "template"))
    return load_root (self, object, error);

  /* Plain widget JSON: a new `.widget` whose template is that JSON, named after the file. */
  {
    g_autoptr(JsonObject) root = json_object_new ();
    g_autofree char *template = g_strndup (text, length);
    g_autofree char *stem = NULL;

    if (self->file != NULL)
      {
        char *dot;

        stem = g_file_get_basename (self->file);
        dot = strrchr (stem, '.');
        if (dot != NULL && dot != stem)
          *dot = '\0';
      }
    g_strchomp (template);
    json_object_set_string_member (root, "version", "1.0");
    json_object_set_string_member (root, "name", stem != NULL ? stem
                                                 : self->title != NULL ? self->title : "widget");
    json_object_set_string_member (root, "template", template);
    if (!load_root (self, root, error))
      return FALSE;
    /* Saving in place would replace the JSON with a `.widget`: make it a new file. */
    if (self->file != NULL)
      {
        g_clear_object (&self->file);
        g_free (self->title);
        self->title = g_steal_pointer (&stem);
      }
    self->modified = TRUE;
  }
  return TRUE;
}

void
tess_designer_ensure_resources (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      /* By hand: nothing else would pull the resource object out of the static archive. */
      tess_designer_register_resource ();
      gtk_source_init ();
      /* The Jinja-in-JSON language ships in our resources. */
      gtk_source_language_manager_append_search_path (
        gtk_source_language_manager_get_default (),
        "resource:///io/github/tessera/Tessera/language-specs/");
      g_once_init_leave (&registered, 1);
    }
}

void
tess_designer_dispose_template (GtkWidget *widget,
                                GType      type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

static char *
recovery_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "tessera", "recovery", NULL);
}

static void
tess_widget_document_dispose (GObject *object)
{
  TessWidgetDocument *self = TESS_WIDGET_DOCUMENT (object);

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  G_OBJECT_CLASS (tess_widget_document_parent_class)->dispose (object);
}

static void
tess_widget_document_finalize (GObject *object)
{
  TessWidgetDocument *self = TESS_WIDGET_DOCUMENT (object);

  g_clear_object (&self->file);
  g_clear_object (&self->template_buffer);
  g_clear_object (&self->data_buffer);
  g_clear_object (&self->schema_buffer);
  g_clear_object (&self->state_names);
  g_clear_pointer (&self->states, g_ptr_array_unref);
  g_clear_pointer (&self->root, json_object_unref);
  g_clear_pointer (&self->project, json_object_unref);
  g_free (self->encoded);
  g_free (self->loaded_states_digest);
  g_free (self->title);
  g_free (self->name);
  g_free (self->recovery_key);

  G_OBJECT_CLASS (tess_widget_document_parent_class)->finalize (object);
}

static void
tess_widget_document_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TessWidgetDocument *self = TESS_WIDGET_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, tess_widget_document_get_title (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_widget_document_class_init (TessWidgetDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  tess_designer_ensure_resources ();

  object_class->dispose = tess_widget_document_dispose;
  object_class->finalize = tess_widget_document_finalize;
  object_class->get_property = tess_widget_document_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Any edit of the template, the data or the schema. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[STATES_CHANGED] = g_signal_new ("states-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
tess_widget_document_init (TessWidgetDocument *self)
{
  self->template_buffer = create_buffer (self, "tessera-jinja-json");
  self->data_buffer = create_buffer (self, "json");
  self->schema_buffer = create_buffer (self, "json");
  self->state_names = gtk_string_list_new (NULL);
  self->states = g_ptr_array_new_with_free_func (state_free);
  self->title = g_strdup (_("Untitled Widget"));
}

TessWidgetDocument *
tess_widget_document_new (void)
{
  TessWidgetDocument *self = g_object_new (TESS_TYPE_WIDGET_DOCUMENT, NULL);
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) schema = tess_json_parse_strict (blank_schema, -1, NULL);

  json_object_set_string_member (root, "version", "1.0");
  json_object_set_string_member (root, "name", "widget");
  json_object_set_string_member (root, "template", blank_template);
  json_object_set_member (root, "jsonSchema", g_steal_pointer (&schema));
  load_root (self, root, NULL);
  set_buffer_text (self, self->data_buffer, blank_data);
  g_free (((State *) g_ptr_array_index (self->states, 0))->text);
  ((State *) g_ptr_array_index (self->states, 0))->text = g_strdup (blank_data);
  {
    g_autofree char *uuid = g_uuid_string_random ();

    self->recovery_key = g_strconcat ("untitled-", uuid, NULL);
  }
  self->modified = FALSE;
  return self;
}

TessWidgetDocument *
tess_widget_document_new_from_bytes (GBytes     *bytes,
                                     GFile      *file,
                                     const char *title,
                                     GError    **error)
{
  g_autoptr(TessWidgetDocument) self = g_object_new (TESS_TYPE_WIDGET_DOCUMENT, NULL);

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  if (file != NULL)
    {
      self->file = g_object_ref (file);
      set_title_from_file (self);
    }
  else if (title != NULL)
    {
      g_free (self->title);
      self->title = g_strdup (title);
    }

  if (!load_bytes (self, bytes, error))
    return NULL;

  if (self->file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);

      self->recovery_key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
    }
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();

      self->recovery_key = g_strconcat ("untitled-", uuid, NULL);
    }
  return g_steal_pointer (&self);
}

TessWidgetDocument *
tess_widget_document_new_for_file (GFile   *file,
                                   GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return NULL;
  return tess_widget_document_new_from_bytes (bytes, file, NULL, error);
}

GFile *
tess_widget_document_get_file (TessWidgetDocument *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), NULL);

  return self->file;
}

const char *
tess_widget_document_get_title (TessWidgetDocument *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), NULL);

  return display_title (self);
}

const char *
tess_widget_document_get_name (TessWidgetDocument *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), NULL);

  return self->name;
}

void
tess_widget_document_set_name (TessWidgetDocument *self,
                               const char         *name)
{
  g_return_if_fail (TESS_IS_WIDGET_DOCUMENT (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  set_modified (self, TRUE);
  schedule_autosave (self);
}

gboolean
tess_widget_document_get_modified (TessWidgetDocument *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), FALSE);

  return self->modified;
}

GtkSourceBuffer *
tess_widget_document_get_template_buffer (TessWidgetDocument *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), NULL);

  return self->template_buffer;
}

GtkSourceBuffer *
tess_widget_document_get_data_buffer (TessWidgetDocument *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), NULL);

  return self->data_buffer;
}

GtkSourceBuffer *
tess_widget_document_get_schema_buffer (TessWidgetDocument *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), NULL);

  return self->schema_buffer;
}

GListModel *
tess_widget_document_get_states (TessWidgetDocument *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->state_names);
}

guint
tess_widget_document_get_active_state (TessWidgetDocument *self)
{
  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), 0);

  return self->active_state;
}

/* The Data buffer's text belongs to the active state. */
static void
store_active_state (TessWidgetDocument *self)
{
  State *state = g_ptr_array_index (self->states, self->active_state);

  g_free (state->text);
  state->text = buffer_dup_text (self->data_buffer);
}

void
tess_widget_document_set_active_state (TessWidgetDocument *self,
                                       guint               index)
{
  State *state;

  g_return_if_fail (TESS_IS_WIDGET_DOCUMENT (self));

  /* While the states are rebuilt (loading, restoring), a state list that follows the model
   * asks for a selection: the buffer does not belong to any state then. */
  if (self->loading > 0)
    return;
  g_return_if_fail (index < self->states->len);

  if (index == self->active_state)
    return;
  store_active_state (self);
  self->active_state = index;
  state = g_ptr_array_index (self->states, index);
  set_buffer_text (self, self->data_buffer, state->text);
  g_signal_emit (self, signals[STATES_CHANGED], 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
states_edited (TessWidgetDocument *self)
{
  set_modified (self, TRUE);
  schedule_autosave (self);
  g_signal_emit (self, signals[STATES_CHANGED], 0);
}

guint
tess_widget_document_add_state (TessWidgetDocument *self,
                                const char         *name,
                                gboolean            copy_active)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  store_active_state (self);
  text = copy_active ? buffer_dup_text (self->data_buffer) : g_strdup ("{}");
  append_state (self, name, text, NULL);
  states_edited (self);
  tess_widget_document_set_active_state (self, self->states->len - 1);
  return self->states->len - 1;
}

void
tess_widget_document_rename_state (TessWidgetDocument *self,
                                   guint               index,
                                   const char         *name)
{
  const char *names[] = { name, NULL };

  g_return_if_fail (TESS_IS_WIDGET_DOCUMENT (self));
  g_return_if_fail (index > 0 && index < self->states->len);
  g_return_if_fail (name != NULL);

  gtk_string_list_splice (self->state_names, index, 1, names);
  states_edited (self);
}

void
tess_widget_document_remove_state (TessWidgetDocument *self,
                                   guint               index)
{
  g_return_if_fail (TESS_IS_WIDGET_DOCUMENT (self));
  g_return_if_fail (index > 0 && index < self->states->len);

  if (index == self->active_state)
    tess_widget_document_set_active_state (self, index - 1);
  else
    store_active_state (self);
  if (self->active_state > index)
    self->active_state--;
  g_ptr_array_remove_index (self->states, index);
  gtk_string_list_remove (self->state_names, index);
  states_edited (self);
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static JsonNode *
parse_editor_text (const char *what,
                   const char *text,
                   GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = tess_json_parse_strict (text, -1, &local_error);

  if (node == NULL)
    g_set_error (error, TESS_WIDGET_FILE_ERROR, TESS_WIDGET_FILE_ERROR_INVALID,
                 /* Translators: the first %s is an editor (Data, Schema), the second where */
                 _("%s: %s"), what, local_error->message);
  return node;
}

/* The rendered widget for the default data, or NULL when it does not render to JSON. */
static JsonNode *
render_preview (const char *template,
                JsonNode   *data)
{
  g_autoptr(TessTemplate) compiled = tess_template_new (template, NULL);
  g_autofree char *text = NULL;

  if (compiled == NULL)
    return NULL;
  text = tess_template_render_json (compiled, data, NULL);
  if (text == NULL)
    return NULL;
  return tess_json_parse_strict (text, -1, NULL);
}

/* json_node_copy () shares objects and arrays with the original: this copies them too, so that
 * serialising never changes the file or the project as read. */
static JsonNode *
json_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (object, name, json_deep_copy (member));
        copy = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (copy, object);
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        JsonArray *array = json_array_sized_new (json_array_get_length (source));

        for (guint i = 0; i < json_array_get_length (source); i++)
          json_array_add_element (array, json_deep_copy (json_array_get_element (source, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array);
        return copy;
      }
    case JSON_NODE_VALUE:
      {
        GValue value = G_VALUE_INIT;

        /* A value of its own: json_node_copy () shares it too. */
        json_node_get_value (node, &value);
        copy = json_node_new (JSON_NODE_VALUE);
        json_node_set_value (copy, &value);
        g_value_unset (&value);
        return copy;
      }
    case JSON_NODE_NULL:
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

static JsonObject *
json_object_deep_copy (JsonObject *object)
{
  g_autoptr(JsonNode) wrapper = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;

  json_node_set_object (wrapper, object);
  copy = json_deep_copy (wrapper);
  return json_object_ref (json_node_get_object (copy));
}

char *
tess_widget_document_serialize (TessWidgetDocument *self,
                                GError            **error)
{
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(JsonNode) schema = NULL;
  g_autoptr(JsonNode) preview = NULL;
  g_autoptr(GPtrArray) datas = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *template = buffer_dup_text (self->template_buffer);
  g_autofree char *schema_text = buffer_dup_text (self->schema_buffer);
  g_autofree char *digest = NULL;
  g_autofree char *text = NULL;
  JsonObject *root;

  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), NULL);

  store_active_state (self);
  for (guint i = 0; i < self->states->len; i++)
    {
      State *state = g_ptr_array_index (self->states, i);
      g_autofree char *what = g_strdup_printf (_("Data of “%s”"),
                                               gtk_string_list_get_string (self->state_names,
                                                                           i));
      JsonNode *node = parse_editor_text (what, state->text, error);

      if (node == NULL)
        return NULL;
      g_ptr_array_add (datas, node);
    }
  if (!is_blank (schema_text))
    {
      schema = parse_editor_text (_("Schema"), schema_text, error);
      if (schema == NULL)
        return NULL;
    }

  /* Every field of the file as read, in its order; json_object_set_member keeps a member's
   * place and appends new ones. */
  root_node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root_node, self->root != NULL ? json_object_deep_copy (self->root)
                                                       : json_object_new ());
  root = json_node_get_object (root_node);

  if (!json_object_has_member (root, "version"))
    json_object_set_string_member (root, "version", "1.0");
  json_object_set_string_member (root, "name", self->name != NULL ? self->name : self->title);
  json_object_set_string_member (root, "template", template);
  if (schema != NULL)
    json_object_set_member (root, "jsonSchema", json_node_ref (schema));
  else if (json_object_has_member (root, "jsonSchema"))
    json_object_remove_member (root, "jsonSchema");

  preview = render_preview (template, g_ptr_array_index (datas, 0));
  if (preview != NULL)
    json_object_set_member (root, "outputJsonPreview", json_node_ref (preview));

  /* Widget Builder's project: untouched data keeps the text as it was, byte for byte, and a
   * file that had none gets none. */
  digest = states_digest (self);
  if (g_strcmp0 (digest, self->loaded_states_digest) == 0)
    {
      if (self->encoded != NULL)
        json_object_set_string_member (root, "encodedWidget", self->encoded);
    }
  else
    {
      /* A copy, so that the project as read stays as it was. */
      g_autoptr(JsonObject) project = self->project != NULL
                                      ? json_object_deep_copy (self->project)
                                      : json_object_new ();
      g_autoptr(JsonArray) states = json_array_new ();
      g_autofree char *encoded = NULL;

      if (self->project == NULL)
        json_object_set_string_member (project, "name",
                                       self->name != NULL ? self->name : self->title);

      for (guint i = 1; i < self->states->len; i++)
        {
          State *state = g_ptr_array_index (self->states, i);
          g_autoptr(JsonObject) entry = state->entry != NULL
                                        ? json_object_deep_copy (state->entry)
                                        : json_object_new ();

          json_object_set_string_member (entry, "name",
                                         gtk_string_list_get_string (self->state_names, i));
          if (json_object_has_member (entry, "data") && !json_object_has_member (entry, "state"))
            json_object_set_member (entry, "data",
                                    json_node_copy (g_ptr_array_index (datas, i)));
          else
            json_object_set_member (entry, "state",
                                    json_node_copy (g_ptr_array_index (datas, i)));
          json_array_add_object_element (states, g_steal_pointer (&entry));
        }
      json_object_set_member (project, "defaultState",
                              json_node_copy (g_ptr_array_index (datas, 0)));
      json_object_set_array_member (project, "states", g_steal_pointer (&states));
      encoded = tess_widget_encoded_encode (project, self->encoded_padded);
      json_object_set_string_member (root, "encodedWidget", encoded);
    }

  text = tess_json_to_string_pretty (root_node);
  return g_strconcat (text, "\n", NULL);
}

/* What a save wrote, as it was when the save began. */
typedef struct
{
  char    *text;
  char    *states_digest;
  guint64  generation;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_free (save->text);
  g_free (save->states_digest);
  g_free (save);
}

static void
save_replace_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TessWidgetDocument *self = g_task_get_source_object (task);
  GFile *file = G_FILE (source);
  g_autoptr(GError) error = NULL;
  SaveData *save = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;

  if (!g_file_replace_contents_finish (file, result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* What was written is what the document now stands for. */
  tess_widget_document_discard_recovery (self);
  if (self->file == NULL || !g_file_equal (self->file, file))
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_object (&self->file, file);
      set_title_from_file (self);
      g_free (self->recovery_key);
      self->recovery_key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
  node = tess_json_parse_strict (save->text, -1, NULL);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *root = json_node_get_object (node);
      const char *encoded = string_member (root, "encodedWidget");

      g_clear_pointer (&self->root, json_object_unref);
      self->root = json_object_ref (root);
      g_free (self->encoded);
      self->encoded = g_strdup (encoded);
      g_clear_pointer (&self->project, json_object_unref);
      if (encoded != NULL)
        self->project = tess_widget_encoded_decode (encoded, &self->encoded_padded);
      /* The data as written, not as it may have been typed since. */
      g_free (self->loaded_states_digest);
      self->loaded_states_digest = g_strdup (save->states_digest);
    }
  /* An edit made while the file was written is not in it. */
  if (self->generation == save->generation)
    set_modified (self, FALSE);
  else
    schedule_autosave (self);
  g_task_return_boolean (task, TRUE);
}

void
tess_widget_document_save_async (TessWidgetDocument  *self,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SaveData *save;
  char *text;

  g_return_if_fail (TESS_IS_WIDGET_DOCUMENT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tess_widget_document_save_async);
  if (file == NULL)
    file = self->file;
  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                               _("The widget has no file yet"));
      return;
    }
  text = tess_widget_document_serialize (self, &error);
  if (text == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  save = g_new0 (SaveData, 1);
  save->text = text;
  save->states_digest = states_digest (self);
  save->generation = self->generation;
  g_task_set_task_data (task, save, save_data_free);
  /* GIO writes a temporary file and renames it over the old one. */
  g_file_replace_contents_async (file, text, strlen (text), NULL, FALSE,
                                 G_FILE_CREATE_NONE, cancellable, save_replace_cb,
                                 g_steal_pointer (&task));
}

gboolean
tess_widget_document_save_finish (TessWidgetDocument *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
tess_widget_document_reload (TessWidgetDocument *self,
                             GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->file != NULL, FALSE);

  bytes = g_file_load_bytes (self->file, NULL, NULL, error);
  if (bytes == NULL || !load_bytes (self, bytes, error))
    return FALSE;
  set_modified (self, FALSE);
  tess_widget_document_discard_recovery (self);
  g_signal_emit (self, signals[STATES_CHANGED], 0);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

char *
tess_widget_document_dup_recovery_path (TessWidgetDocument *self)
{
  g_autofree char *dir = recovery_dir ();
  g_autofree char *basename = NULL;

  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), NULL);

  basename = g_strconcat (self->recovery_key, ".json", NULL);
  return g_build_filename (dir, basename, NULL);
}

/* The texts as typed (valid JSON or not), so that nothing is lost. */
gboolean
tess_widget_document_write_recovery (TessWidgetDocument *self,
                                     GError            **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *template = buffer_dup_text (self->template_buffer);
  g_autofree char *schema = buffer_dup_text (self->schema_buffer);
  g_autofree char *path = tess_widget_document_dup_recovery_path (self);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = NULL;

  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), FALSE);

  store_active_state (self);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uri");
  if (self->file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);

      json_builder_add_string_value (builder, uri);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name != NULL ? self->name : self->title);
  json_builder_set_member_name (builder, "template");
  json_builder_add_string_value (builder, template);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_string_value (builder, schema);
  json_builder_set_member_name (builder, "active");
  json_builder_add_int_value (builder, self->active_state);
  json_builder_set_member_name (builder, "states");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->states->len; i++)
    {
      State *state = g_ptr_array_index (self->states, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, gtk_string_list_get_string (self->state_names, i));
      json_builder_set_member_name (builder, "data");
      json_builder_add_string_value (builder, state->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "saved");
  json_builder_add_int_value (builder, g_get_real_time () / G_USEC_PER_SEC);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

gboolean
tess_widget_document_has_recovery (TessWidgetDocument *self)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), FALSE);

  path = tess_widget_document_dup_recovery_path (self);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static gboolean
apply_recovery (TessWidgetDocument *self,
                JsonObject         *recovery,
                GError            **error)
{
  const char *template = string_member (recovery, "template");
  const char *schema = string_member (recovery, "schema");
  JsonNode *states_node = json_object_get_member (recovery, "states");
  JsonArray *states;
  gint64 active;
  g_autoptr(GPtrArray) old_entries = g_ptr_array_new ();

  if (template == NULL || states_node == NULL || !JSON_NODE_HOLDS_ARRAY (states_node) ||
      json_array_get_length (json_node_get_array (states_node)) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The unsaved changes could not be read"));
      return FALSE;
    }
  states = json_node_get_array (states_node);

  /* States keep their Widget Builder entries by position. */
  for (guint i = 0; i < self->states->len; i++)
    {
      State *state = g_ptr_array_index (self->states, i);

      g_ptr_array_add (old_entries, state->entry != NULL ? json_object_ref (state->entry) : NULL);
    }
  self->loading++;
  reset_states (self);
  for (guint i = 0; i < json_array_get_length (states); i++)
    {
      JsonNode *element = json_array_get_element (states, i);
      JsonObject *entry = i < old_entries->len ? g_ptr_array_index (old_entries, i) : NULL;
      const char *name = NULL;
      const char *data = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        {
          name = string_member (json_node_get_object (element), "name");
          data = string_member (json_node_get_object (element), "data");
        }
      append_state (self, name != NULL ? name : _("State"), data != NULL ? data : "{}", entry);
    }
  for (guint i = 0; i < old_entries->len; i++)
    if (g_ptr_array_index (old_entries, i) != NULL)
      json_object_unref (g_ptr_array_index (old_entries, i));

  active = json_object_has_member (recovery, "active")
           ? json_object_get_int_member (recovery, "active") : 0;
  if (active < 0 || active >= self->states->len)
    active = 0;
  self->active_state = active;

  if (string_member (recovery, "name") != NULL)
    {
      g_free (self->name);
      self->name = g_strdup (string_member (recovery, "name"));
    }
  set_buffer_text (self, self->template_buffer, template);
  set_buffer_text (self, self->schema_buffer, schema != NULL ? schema : "");
  set_buffer_text (self, self->data_buffer,
                   ((State *) g_ptr_array_index (self->states, self->active_state))->text);
  self->loading--;
  set_modified (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_signal_emit (self, signals[STATES_CHANGED], 0);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static JsonObject *
read_recovery (const char *path,
               GError    **error)
{
  g_autofree char *text = NULL;
  gsize length;
  g_autoptr(JsonNode) node = NULL;

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  node = tess_json_parse_strict (text, length, error);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The unsaved changes could not be read"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

gboolean
tess_widget_document_restore_recovery (TessWidgetDocument *self,
                                       GError            **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) recovery = NULL;

  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (self), FALSE);

  path = tess_widget_document_dup_recovery_path (self);
  recovery = read_recovery (path, error);
  return recovery != NULL && apply_recovery (self, recovery, error);
}

void
tess_widget_document_discard_recovery (TessWidgetDocument *self)
{
  g_autofree char *path = NULL;

  g_return_if_fail (TESS_IS_WIDGET_DOCUMENT (self));

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  path = tess_widget_document_dup_recovery_path (self);
  g_unlink (path);
}

/* g_ptr_array_sort () passes pointers to the elements. */
static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* A write that a crash or a kill cut short leaves its temporary file, NAME.json.XXXXXX (as
 * g_file_set_contents () names it), beside the recoveries.  One older than a minute is no
 * write in progress, even of another window. */
static gboolean
is_stale_temporary (const char *dir_path,
                    const char *name)
{
  const char *suffix = g_strrstr (name, ".json.");
  g_autofree char *path = NULL;
  GStatBuf buf;

  if (suffix == NULL || strlen (suffix + strlen (".json.")) != 6)
    return FALSE;
  path = g_build_filename (dir_path, name, NULL);
  return g_lstat (path, &buf) == 0 && S_ISREG (buf.st_mode) &&
         (gint64) buf.st_mtime < g_get_real_time () / G_USEC_PER_SEC - 60;
}

GPtrArray *
tess_widget_document_list_untitled_recoveries (void)
{
  g_autofree char *dir_path = recovery_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "untitled-") && g_str_has_suffix (name, ".json"))
        g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
      else if (is_stale_temporary (dir_path, name))
        {
          g_autofree char *stale = g_build_filename (dir_path, name, NULL);

          g_unlink (stale);
        }
    }
  g_ptr_array_sort (paths, compare_paths);
  return paths;
}

TessWidgetDocument *
tess_widget_document_new_from_recovery (const char *path,
                                        GError    **error)
{
  g_autoptr(TessWidgetDocument) self = NULL;
  g_autoptr(JsonObject) recovery = NULL;
  g_autofree char *basename = NULL;
  const char *title;

  g_return_val_if_fail (path != NULL, NULL);

  recovery = read_recovery (path, error);
  if (recovery == NULL)
    return NULL;
  self = tess_widget_document_new ();
  basename = g_path_get_basename (path);
  basename[strlen (basename) - strlen (".json")] = '\0';
  g_free (self->recovery_key);
  self->recovery_key = g_steal_pointer (&basename);
  title = string_member (recovery, "title");
  if (title != NULL)
    {
      g_free (self->title);
      self->title = g_strdup (title);
    }
  if (!apply_recovery (self, recovery, error))
    return NULL;
  return g_steal_pointer (&self);
}
