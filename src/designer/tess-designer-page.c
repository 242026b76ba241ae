/* tess-designer-page.c: the editors, preview and problems of one open widget
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit re-runs the whole pipeline (data → template → JSON → widget model → preview) in
 * one idle callback that runs before the next frame is drawn: edits made within one main loop
 * iteration share a render, and no timer delays the preview. The pipeline takes
 * microseconds; the preview keeps its widgets through tess_widget_view_set_root's diff.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "tess-designer-private.h"

#include "core/tess-json-locate.h"
#include "core/tess-json-schema.h"
#include "core/tess-widget-parser.h"
#include "render/tess-toast-queue.h"
#include "template/tess-json-strict.h"
#include "tess-designer-page.h"
#include "tess-zoom-bin.h"

#define PROBLEM_TAG "tess-problem"
#define MAX_PROBLEM_ROWS 200

typedef struct
{
  TessProblemSource  source;
  TessSeverity       severity;
  guint              line;     /* 1-based; 0 when the problem has no place in the text */
  guint              column;
  guint              end_line; /* where the underline ends; 0 to underline the word */
  guint              end_column;
  guint              template_line;  /* widget problems: the template text that made it */
  guint              template_column;
  char              *pointer;  /* for widget problems */
  char              *message;
} Problem;

struct _TessDesignerPage
{
  GtkWidget           parent_instance;

  TessWidgetDocument *document;
  TessWidgetView     *preview;
  GFileMonitor       *monitor;
  GPtrArray          *problems;
  char               *rendered_json;
  GArray             *spans;  /* where each piece of rendered_json came from */
  gboolean            json_view_outdated;  /* the JSON view is filled only while shown */
  guint               underlined;          /* bit per TessProblemSource with underlines */
  char               *problems_shown;      /* what the problems list shows, to keep its rows */
  /* What the last render compiled, reused while its text is unchanged. */
  char               *compiled_template_text;
  TessTemplate       *compiled_template;
  GError             *compile_error;
  char               *compiled_schema_text;
  TessJsonSchema     *compiled_schema;
  GPtrArray          *schema_diagnostics;
  guint               update_source;
  gboolean            stale;
  gint64              last_update_usec;

  /* template children */
  GtkRevealer        *recovery_revealer;
  GtkRevealer        *disk_revealer;
  GtkSourceView      *template_view;
  GtkSourceView      *data_view;
  GtkSourceView      *schema_view;
  GtkSourceView      *json_view;
  GtkStack           *side_stack;
  GtkToggleButton    *data_toggle;
  GtkToggleButton    *schema_toggle;
  GtkStack           *preview_stack;
  GtkDropDown        *state_dropdown;
  GtkDropDown        *width_dropdown;
  GtkToggleButton    *dark_toggle;
  GtkToggleButton    *json_toggle;
  GtkButton          *zoom_button;
  TessZoomBin        *zoom_bin;
  GtkWidget          *preview_frame;
  GtkWidget          *preview_scroller;
  GtkListBox         *problems_list;
  GtkLabel           *problems_label;
  GtkLabel           *render_label;
  GtkLabel           *cursor_label;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkEntry           *replace_entry;
  GtkToggleButton    *replace_toggle;
  GtkLabel           *match_label;

  /* Find and replace work in the editor that last had the focus. */
  GtkSourceView      *active_view;
  GtkSourceSearchSettings *search_settings;
  GtkSourceSearchContext  *search_context;
};

G_DEFINE_FINAL_TYPE (TessDesignerPage, tess_designer_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const int width_presets[] = { 360, 480, 768, -1 };
static const double zoom_levels[] = { 0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 3.0 };

static void
problem_free (gpointer data)
{
  Problem *problem = data;

  g_free (problem->pointer);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (TessDesignerPage  *self,
             TessProblemSource  source,
             TessSeverity       severity,
             guint              line,
             guint              column,
             const char        *pointer,
             const char        *message)
{
  Problem *problem = g_new0 (Problem, 1);

  problem->source = source;
  problem->severity = severity;
  problem->line = line;
  problem->column = column;
  problem->pointer = g_strdup (pointer);
  problem->message = g_strdup (message);
  g_ptr_array_add (self->problems, problem);
}

static const char *
source_name (TessProblemSource source)
{
  switch (source)
    {
    case TESS_PROBLEM_SOURCE_TEMPLATE:
      return _("Template");
    case TESS_PROBLEM_SOURCE_DATA:
      return _("Data");
    case TESS_PROBLEM_SOURCE_SCHEMA:
      return _("Schema");
    case TESS_PROBLEM_SOURCE_WIDGET:
      return _("Widget");
    default:
      g_assert_not_reached ();
    }
}

static GtkSourceView *
source_view (TessDesignerPage  *self,
             TessProblemSource  source)
{
  switch (source)
    {
    case TESS_PROBLEM_SOURCE_TEMPLATE:
      return self->template_view;
    case TESS_PROBLEM_SOURCE_DATA:
      return self->data_view;
    case TESS_PROBLEM_SOURCE_SCHEMA:
      return self->schema_view;
    case TESS_PROBLEM_SOURCE_WIDGET:
      return self->json_view;
    default:
      g_assert_not_reached ();
    }
}

static GtkTextBuffer *
source_buffer (TessDesignerPage  *self,
               TessProblemSource  source)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (source_view (self, source)));
}

/* tess_json_parse_strict's errors read "LINE:COL: what (char OFFSET)". */
static void
add_json_problem (TessDesignerPage  *self,
                  TessProblemSource  source,
                  const GError      *error)
{
  guint line = 0, column = 0;
  const char *message = error->message;
  int consumed = 0;

  if (sscanf (message, "%u:%u: %n", &line, &column, &consumed) >= 2 && consumed > 0)
    message += consumed;
  add_problem (self, source, TESS_SEVERITY_ERROR, line, column, NULL, message);
}

static void
get_iter_at (GtkTextBuffer *buffer,
             guint          line,
             guint          column,
             GtkTextIter   *iter)
{
  gtk_text_buffer_get_iter_at_line (buffer, iter, line > 0 ? (int) line - 1 : 0);
  if (column > 1)
    {
      int chars = gtk_text_iter_get_chars_in_line (iter);

      gtk_text_iter_set_line_offset (iter, MIN ((int) column - 1, MAX (chars - 1, 0)));
    }
}

static void
underline_problem (TessDesignerPage *self,
                   Problem          *problem)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (problem->line == 0)
    return;
  if (problem->source == TESS_PROBLEM_SOURCE_WIDGET && self->json_view_outdated)
    return;
  buffer = source_buffer (self, problem->source);
  if ((int) problem->line > gtk_text_buffer_get_line_count (buffer))
    return;
  get_iter_at (buffer, problem->line, problem->column, &start);
  end = start;
  if (problem->end_line > 0)
    {
      gtk_text_buffer_get_iter_at_line (buffer, &end, (int) problem->end_line - 1);
      if (problem->end_column > 1)
        gtk_text_iter_forward_chars (&end, (int) problem->end_column - 1);
    }
  /* The word at the place, or the rest of the line when there is none. */
  else if (gtk_text_iter_inside_word (&end) || gtk_text_iter_starts_word (&end))
    gtk_text_iter_forward_word_end (&end);
  else if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_char (&end);
  if (gtk_text_iter_equal (&start, &end))
    {
      if (!gtk_text_iter_starts_line (&start))
        gtk_text_iter_backward_char (&start);
      else
        gtk_text_iter_forward_to_line_end (&end);
    }
  gtk_text_buffer_apply_tag_by_name (buffer, PROBLEM_TAG, &start, &end);
  self->underlined |= 1u << problem->source;
}

/* Only in the editors that have underlines: removing a tag walks the whole buffer. */
static void
clear_underlines (TessDesignerPage *self)
{
  for (TessProblemSource source = TESS_PROBLEM_SOURCE_TEMPLATE;
       source <= TESS_PROBLEM_SOURCE_WIDGET; source++)
    {
      GtkTextBuffer *buffer = source_buffer (self, source);
      GtkTextIter start, end;

      if ((self->underlined & (1u << source)) == 0)
        continue;
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_remove_tag_by_name (buffer, PROBLEM_TAG, &start, &end);
    }
  self->underlined = 0;
}

static char *
problem_place (Problem *problem)
{
  if (problem->line > 0)
    return g_strdup_printf ("%s %u:%u", source_name (problem->source), problem->line,
                            MAX (problem->column, 1));
  if (problem->pointer != NULL)
    return g_strdup_printf ("%s %s", source_name (problem->source),
                            *problem->pointer != '\0' ? problem->pointer : "/");
  return g_strdup (source_name (problem->source));
}

static GtkWidget *
create_problem_row (Problem *problem)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon;
  GtkWidget *place;
  GtkWidget *message;
  g_autofree char *place_text = problem_place (problem);
  g_autofree char *name = NULL;
  gboolean is_error = problem->severity == TESS_SEVERITY_ERROR;

  icon = gtk_image_new_from_icon_name (is_error ? "dialog-error-symbolic"
                                                : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, is_error ? "error" : "warning");
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  place = gtk_label_new (place_text);
  gtk_widget_add_css_class (place, "dim-label");
  gtk_widget_add_css_class (place, "numeric");
  message = gtk_label_new (problem->message);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (message), FALSE);
  gtk_widget_set_hexpand (message, TRUE);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), place);
  gtk_box_append (GTK_BOX (box), message);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  /* What a screen reader reads for the row: severity, place and message. */
  name = g_strdup_printf ("%s: %s: %s", is_error ? _("Error") : _("Warning"), place_text,
                          problem->message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return row;
}

static void
show_problems (TessDesignerPage *self)
{
  GtkListBoxRow *row;
  guint errors = 0;
  g_autofree char *title = NULL;

  g_autoptr(GString) shown = g_string_new (NULL);
  gboolean same_rows;

  for (guint i = 0; i < self->problems->len && i < MAX_PROBLEM_ROWS; i++)
    {
      Problem *problem = g_ptr_array_index (self->problems, i);

      g_string_append_printf (shown, "%d %d %u:%u %u:%u %s %s\n", problem->source,
                              problem->severity, problem->line, problem->column,
                              problem->template_line, problem->template_column,
                              problem->pointer != NULL ? problem->pointer : "",
                              problem->message);
    }
  /* Typing that leaves the problems as they are leaves the rows as they are. */
  same_rows = g_strcmp0 (shown->str, self->problems_shown) == 0;
  if (!same_rows)
    {
      /* Rows only: the list's placeholder is a child too. */
      while ((row = gtk_list_box_get_row_at_index (self->problems_list, 0)) != NULL)
        gtk_list_box_remove (self->problems_list, GTK_WIDGET (row));
      g_free (self->problems_shown);
      self->problems_shown = g_strdup (shown->str);
    }
  clear_underlines (self);

  for (guint i = 0; i < self->problems->len; i++)
    {
      Problem *problem = g_ptr_array_index (self->problems, i);

      if (problem->severity == TESS_SEVERITY_ERROR)
        errors++;
      underline_problem (self, problem);
      if (i < MAX_PROBLEM_ROWS && !same_rows)
        gtk_list_box_append (self->problems_list, create_problem_row (problem));
    }

  if (self->problems->len == 0)
    title = g_strdup (_("Problems"));
  else
    /* Translators: the heading of the problems list, with the number of problems */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Problems (%u)", "Problems (%u)",
                                          self->problems->len), self->problems->len);
  gtk_label_set_label (self->problems_label, title);
}

static void
set_stale (TessDesignerPage *self,
           gboolean          stale)
{
  self->stale = stale;
  if (stale)
    gtk_widget_add_css_class (self->preview_frame, "tess-stale");
  else
    gtk_widget_remove_css_class (self->preview_frame, "tess-stale");
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* Data and schema: JSON as json.loads reads it. */
static JsonNode *
parse_editor (TessDesignerPage  *self,
              TessProblemSource  source,
              const char        *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  const char *p = text;

  while (g_ascii_isspace (*p))
    p++;
  if (source == TESS_PROBLEM_SOURCE_SCHEMA && *p == '\0')
    return NULL;
  node = tess_json_parse_strict (text, -1, &error);
  if (node == NULL)
    add_json_problem (self, source, error);
  return node;
}

/* A diagnostic with a JSON pointer into the text of @source, placed where the text has it. */
static void
add_located_problem (TessDesignerPage     *self,
                     TessProblemSource     source,
                     const char           *text,
                     const TessDiagnostic *diagnostic)
{
  TessJsonRange range;
  Problem *problem;
  g_autofree char *pointer = g_strdup (diagnostic->pointer);
  gboolean found = FALSE;

  /* A missing member is shown at the object that lacks it. */
  while (text != NULL && pointer != NULL && !(found = tess_json_locate (text, -1, pointer, &range)))
    {
      char *slash = strrchr (pointer, '/');

      if (slash == NULL)
        break;
      *slash = '\0';
    }
  if (!found)
    {
      add_problem (self, source, diagnostic->severity, 0, 0, diagnostic->pointer,
                   diagnostic->message);
      return;
    }
  add_problem (self, source, diagnostic->severity, range.line, range.column,
               diagnostic->pointer, diagnostic->message);
  /* The value is underlined; of an object or array only its opening bracket. */
  problem = g_ptr_array_index (self->problems, self->problems->len - 1);
  if (source == TESS_PROBLEM_SOURCE_WIDGET)
    tess_template_spans_lookup (self->spans, text, range.start, &problem->template_line,
                                &problem->template_column);
  problem->end_line = range.is_container ? range.line : range.end_line;
  problem->end_column = range.is_container ? range.column + 1 : range.end_column;
}

static void
add_template_error (TessDesignerPage *self,
                    const GError     *error)
{
  add_problem (self, TESS_PROBLEM_SOURCE_TEMPLATE, TESS_SEVERITY_ERROR,
               tess_template_error_get_line (error), tess_template_error_get_column (error),
               NULL, error->message);
}

static void
set_rendered_json (TessDesignerPage *self,
                   const char       *json)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->json_view));

  g_free (self->rendered_json);
  self->rendered_json = g_strdup (json);
  /* Highlighting a long text costs more than the render: only a JSON view on screen is
   * filled. */
  self->json_view_outdated = !gtk_toggle_button_get_active (self->json_toggle);
  if (!self->json_view_outdated)
    gtk_text_buffer_set_text (buffer, json, -1);
}

/* Compiling is the costly part of a render: keep the template while its text stays. */
static TessTemplate *
compile_template (TessDesignerPage *self,
                  const char       *text,
                  GError          **error)
{
  if (g_strcmp0 (text, self->compiled_template_text) != 0)
    {
      g_clear_pointer (&self->compiled_template, tess_template_unref);
      g_clear_error (&self->compile_error);
      g_free (self->compiled_template_text);
      self->compiled_template_text = g_strdup (text);
      self->compiled_template = tess_template_new (text, &self->compile_error);
    }
  if (self->compiled_template == NULL)
    {
      g_propagate_error (error, g_error_copy (self->compile_error));
      return NULL;
    }
  return tess_template_ref (self->compiled_template);
}

/* The schema's own problems (pointers into the schema), and the compiled schema. */
static TessJsonSchema *
compile_schema (TessDesignerPage *self,
                const char       *text,
                JsonNode         *schema)
{
  if (g_strcmp0 (text, self->compiled_schema_text) != 0)
    {
      g_clear_pointer (&self->compiled_schema, tess_json_schema_unref);
      g_clear_pointer (&self->schema_diagnostics, g_ptr_array_unref);
      g_free (self->compiled_schema_text);
      self->compiled_schema_text = g_strdup (text);
      if (schema != NULL)
        {
          self->schema_diagnostics = tess_json_schema_check (schema);
          if (!tess_diagnostics_has_errors (self->schema_diagnostics))
            self->compiled_schema = tess_json_schema_new (schema, NULL);
        }
    }
  for (guint i = 0; self->schema_diagnostics != NULL && i < self->schema_diagnostics->len; i++)
    add_located_problem (self, TESS_PROBLEM_SOURCE_SCHEMA, text,
                         g_ptr_array_index (self->schema_diagnostics, i));
  return self->compiled_schema != NULL ? tess_json_schema_ref (self->compiled_schema) : NULL;
}

static void
run_pipeline (TessDesignerPage *self)
{
  g_autofree char *template = NULL;
  g_autofree char *data_text = NULL;
  g_autofree char *schema_text = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(JsonNode) schema = NULL;
  g_autoptr(TessJsonSchema) compiled_schema = NULL;
  g_autoptr(TessTemplate) compiled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autoptr(JsonNode) widget_json = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(TessNode) root = NULL;

  g_ptr_array_set_size (self->problems, 0);

  /* The data, checked against the schema. */
  data_text = buffer_text (source_buffer (self, TESS_PROBLEM_SOURCE_DATA));
  schema_text = buffer_text (source_buffer (self, TESS_PROBLEM_SOURCE_SCHEMA));
  data = parse_editor (self, TESS_PROBLEM_SOURCE_DATA, data_text);
  schema = parse_editor (self, TESS_PROBLEM_SOURCE_SCHEMA, schema_text);
  if (data != NULL && !JSON_NODE_HOLDS_OBJECT (data) && !JSON_NODE_HOLDS_NULL (data))
    {
      add_problem (self, TESS_PROBLEM_SOURCE_DATA, TESS_SEVERITY_ERROR, 1, 1, NULL,
                   _("The data must be a JSON object"));
      g_clear_pointer (&data, json_node_unref);
    }
  compiled_schema = compile_schema (self, schema_text, schema);
  if (compiled_schema != NULL && data != NULL)
    {
      g_autoptr(GPtrArray) data_problems = tess_json_schema_validate (compiled_schema, data);

      for (guint i = 0; i < data_problems->len; i++)
        add_located_problem (self, TESS_PROBLEM_SOURCE_DATA, data_text,
                             g_ptr_array_index (data_problems, i));
    }

  /* The template, rendered with the data. */
  template = buffer_text (source_buffer (self, TESS_PROBLEM_SOURCE_TEMPLATE));
  compiled = compile_template (self, template, &error);
  if (compiled == NULL)
    add_template_error (self, error);
  else if (data != NULL)
    {
      output = tess_template_render_json_mapped (compiled, data, self->spans, &error);
      if (output == NULL)
        add_template_error (self, error);
    }

  if (output != NULL)
    {
      widget_json = tess_json_parse_strict (output, -1, &error);
      set_rendered_json (self, output);
      if (widget_json == NULL)
        {
          /* The place is in the rendered text, which the JSON view shows. */
          guint line = 0, column = 0;
          int consumed = 0;
          const char *message = error->message;
          g_autofree char *text = NULL;

          if (sscanf (message, "%u:%u: %n", &line, &column, &consumed) >= 2 && consumed > 0)
            message += consumed;
          text = g_strdup_printf (_("The template does not render JSON: %s"), message);
          add_problem (self, TESS_PROBLEM_SOURCE_WIDGET, TESS_SEVERITY_ERROR, line, column, NULL,
                       text);
        }
    }

  /* The rendered widget, checked as `tessera-cli validate` checks it. */
  if (widget_json != NULL)
    {
      diagnostics = tess_diagnostics_new ();
      root = tess_widget_parse_document (widget_json, diagnostics, NULL);
      for (guint i = 0; i < diagnostics->len; i++)
        add_located_problem (self, TESS_PROBLEM_SOURCE_WIDGET, output,
                             g_ptr_array_index (diagnostics, i));
    }

  /* Only a widget the renderer can show replaces the preview; otherwise the last good one
   * stays, dimmed. */
  if (root != NULL)
    {
      tess_widget_view_set_root (self->preview, root);
      set_stale (self, FALSE);
    }
  else
    set_stale (self, TRUE);

  show_problems (self);
}

static gboolean
update_cb (gpointer user_data)
{
  TessDesignerPage *self = user_data;
  gint64 start = g_get_monotonic_time ();
  g_autofree char *text = NULL;

  self->update_source = 0;
  run_pipeline (self);
  self->last_update_usec = g_get_monotonic_time () - start;
  /* Translators: how long the last preview update took */
  text = g_strdup_printf (_("Rendered in %.1f ms"), self->last_update_usec / 1000.0);
  gtk_label_set_label (self->render_label, text);
  return G_SOURCE_REMOVE;
}

static void
schedule_update (TessDesignerPage *self)
{
  /* Above GDK's redraw priority: the render lands in the next frame. */
  if (self->update_source == 0)
    self->update_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, update_cb, self, NULL);
}

void
tess_designer_page_flush (TessDesignerPage *self)
{
  g_return_if_fail (TESS_IS_DESIGNER_PAGE (self));

  if (self->update_source != 0)
    {
      g_clear_handle_id (&self->update_source, g_source_remove);
      update_cb (self);
    }
}

static void
on_document_changed (TessDesignerPage *self)
{
  schedule_update (self);
}

static void
sync_state_dropdown (TessDesignerPage *self)
{
  guint active = tess_widget_document_get_active_state (self->document);

  if (gtk_drop_down_get_selected (self->state_dropdown) != active)
    gtk_drop_down_set_selected (self->state_dropdown, active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.rename-state", active > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.delete-state", active > 0);
}

static void
on_state_selected (TessDesignerPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->state_dropdown);

  if (selected != GTK_INVALID_LIST_POSITION)
    tess_widget_document_set_active_state (self->document, selected);
  sync_state_dropdown (self);
}

static void
apply_width (TessDesignerPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->width_dropdown);
  int width = selected < G_N_ELEMENTS (width_presets) ? width_presets[selected] : -1;

  /* Exactly the preset's width, as a chat column of that width would give the widget. */
  gtk_widget_set_size_request (GTK_WIDGET (self->preview), width, -1);
  adw_clamp_set_maximum_size (ADW_CLAMP (self->preview_frame), width > 0 ? width : G_MAXINT / 2);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (self->preview_frame),
                                      width > 0 ? width : G_MAXINT / 2);
}

static void
apply_theme (TessDesignerPage *self)
{
  gboolean dark = gtk_toggle_button_get_active (self->dark_toggle);

  tess_widget_view_set_theme_mode (self->preview, dark ? TESS_THEME_MODE_DARK
                                                       : TESS_THEME_MODE_LIGHT);
  if (dark)
    {
      gtk_widget_add_css_class (self->preview_scroller, "tess-preview-dark");
      gtk_widget_remove_css_class (self->preview_scroller, "tess-preview-light");
    }
  else
    {
      gtk_widget_add_css_class (self->preview_scroller, "tess-preview-light");
      gtk_widget_remove_css_class (self->preview_scroller, "tess-preview-dark");
    }
}

static void
apply_side_toggle (TessDesignerPage *self)
{
  gtk_stack_set_visible_child_name (self->side_stack,
                                    gtk_toggle_button_get_active (self->schema_toggle)
                                    ? "schema" : "data");
}

static void
apply_json_toggle (TessDesignerPage *self)
{
  if (gtk_toggle_button_get_active (self->json_toggle) && self->json_view_outdated)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->json_view));

      self->json_view_outdated = FALSE;
      gtk_text_buffer_set_text (buffer, self->rendered_json != NULL ? self->rendered_json : "",
                                -1);
      for (guint i = 0; i < self->problems->len; i++)
        {
          Problem *problem = g_ptr_array_index (self->problems, i);

          if (problem->source == TESS_PROBLEM_SOURCE_WIDGET)
            underline_problem (self, problem);
        }
    }
  gtk_stack_set_visible_child_name (self->preview_stack,
                                    gtk_toggle_button_get_active (self->json_toggle)
                                    ? "json" : "preview");
}

static void
show_zoom (TessDesignerPage *self)
{
  g_autofree char *label = g_strdup_printf ("%d%%",
                                            (int) (tess_zoom_bin_get_zoom (self->zoom_bin) *
                                                   100 + 0.5));

  gtk_button_set_label (self->zoom_button, label);
}

static void
zoom_step (TessDesignerPage *self,
           int               direction)
{
  double zoom = tess_zoom_bin_get_zoom (self->zoom_bin);
  double next = zoom;

  if (direction > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (zoom_levels); i++)
        if (zoom_levels[i] > zoom + 1e-6)
          {
            next = zoom_levels[i];
            break;
          }
    }
  else if (direction < 0)
    {
      for (guint i = G_N_ELEMENTS (zoom_levels); i > 0; i--)
        if (zoom_levels[i - 1] < zoom - 1e-6)
          {
            next = zoom_levels[i - 1];
            break;
          }
    }
  else
    next = 1.0;
  tess_zoom_bin_set_zoom (self->zoom_bin, next);
  show_zoom (self);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TessDesignerPage *self = TESS_DESIGNER_PAGE (widget);

  if (g_str_equal (action_name, "page.zoom-in"))
    zoom_step (self, 1);
  else if (g_str_equal (action_name, "page.zoom-out"))
    zoom_step (self, -1);
  else
    zoom_step (self, 0);
}

static void
toggle_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TessDesignerPage *self = TESS_DESIGNER_PAGE (widget);
  GtkToggleButton *toggle = g_str_equal (action_name, "page.toggle-json") ? self->json_toggle
                                                                           : self->dark_toggle;

  gtk_toggle_button_set_active (toggle, !gtk_toggle_button_get_active (toggle));
}

static void
width_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TessDesignerPage *self = TESS_DESIGNER_PAGE (widget);
  guint preset = g_variant_get_uint32 (parameter);

  if (preset < G_N_ELEMENTS (width_presets))
    gtk_drop_down_set_selected (self->width_dropdown, preset);
}

static void
copy_json_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TessDesignerPage *self = TESS_DESIGNER_PAGE (widget);

  if (self->rendered_json != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->rendered_json);
}

static void
update_recovery_banner (TessDesignerPage *self)
{
  gtk_revealer_set_reveal_child (self->recovery_revealer,
                                 tess_widget_document_has_recovery (self->document) &&
                                 !tess_widget_document_get_modified (self->document));
}

static void
show_error_toast (TessDesignerPage *self,
                  const char       *message)
{
  tess_toast_queue_show (GTK_WIDGET (self), message);
}

static void
recovery_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TessDesignerPage *self = TESS_DESIGNER_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (action_name, "page.restore-recovery"))
    {
      if (!tess_widget_document_restore_recovery (self->document, &error))
        show_error_toast (self, error->message);
    }
  else
    tess_widget_document_discard_recovery (self->document);
  gtk_revealer_set_reveal_child (self->recovery_revealer, FALSE);
}

static void
disk_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TessDesignerPage *self = TESS_DESIGNER_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (action_name, "page.reload") &&
      !tess_widget_document_reload (self->document, &error))
    show_error_toast (self, error->message);
  gtk_revealer_set_reveal_child (self->disk_revealer, FALSE);
}

static char *
unique_state_name (TessDesignerPage *self,
                   const char       *base)
{
  GListModel *states = tess_widget_document_get_states (self->document);

  for (guint n = 1; ; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (base) : g_strdup_printf ("%s %u", base, n);
      gboolean taken = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (states); i++)
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (states), i), name) == 0)
          taken = TRUE;
      if (!taken)
        return g_steal_pointer (&name);
    }
}

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    TessDesignerPage *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *name = gtk_editable_get_text (entry);
  guint active = tess_widget_document_get_active_state (self->document);

  if (g_str_equal (response, "rename") && *name != '\0' && active > 0)
    tess_widget_document_rename_state (self->document, active, name);
}

static void
state_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TessDesignerPage *self = TESS_DESIGNER_PAGE (widget);
  guint active = tess_widget_document_get_active_state (self->document);

  if (g_str_equal (action_name, "page.add-state"))
    {
      g_autofree char *name = unique_state_name (self, _("New State"));

      tess_widget_document_add_state (self->document, name, FALSE);
    }
  else if (g_str_equal (action_name, "page.duplicate-state"))
    {
      GListModel *states = tess_widget_document_get_states (self->document);
      g_autofree char *base = g_strdup_printf (_("%s Copy"),
                                               gtk_string_list_get_string (GTK_STRING_LIST (states),
                                                                           active));
      g_autofree char *name = unique_state_name (self, base);

      tess_widget_document_add_state (self->document, name, TRUE);
    }
  else if (g_str_equal (action_name, "page.delete-state") && active > 0)
    tess_widget_document_remove_state (self->document, active);
  else if (g_str_equal (action_name, "page.rename-state") && active > 0)
    {
      GListModel *states = tess_widget_document_get_states (self->document);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                  _("Rename State"), NULL);
      GtkWidget *entry = gtk_entry_new ();

      gtk_editable_set_text (GTK_EDITABLE (entry),
                             gtk_string_list_get_string (GTK_STRING_LIST (states), active));
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("State Name"), -1);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("Cancel"), "rename", _("Rename"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_problem_activated (TessDesignerPage *self,
                      GtkListBoxRow    *row)
{
  int index = gtk_list_box_row_get_index (row);
  Problem *problem;

  if (index < 0 || (guint) index >= self->problems->len)
    return;
  problem = g_ptr_array_index (self->problems, index);
  /* A widget's problem is fixed in the template that wrote it. */
  if (problem->template_line > 0)
    {
      tess_designer_page_jump_to (self, TESS_PROBLEM_SOURCE_TEMPLATE, problem->template_line,
                                  problem->template_column);
      return;
    }
  tess_designer_page_jump_to (self, problem->source, problem->line, problem->column);
}

static void
on_file_changed (TessDesignerPage  *self,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event)
{
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;

  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CREATED)
    return;
  /* Our own atomic save shows up as a change too: compare with what we would write. */
  ours = tess_widget_document_serialize (self->document, NULL);
  if (!g_file_load_contents (file, NULL, &theirs, NULL, NULL, NULL))
    return;
  if (g_strcmp0 (ours, theirs) != 0)
    gtk_revealer_set_reveal_child (self->disk_revealer, TRUE);
}

static void
watch_file (TessDesignerPage *self)
{
  GFile *file = tess_widget_document_get_file (self->document);

  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (file == NULL)
    return;
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect_object (self->monitor, "changed", G_CALLBACK (on_file_changed), self,
                             G_CONNECT_SWAPPED);
}

static void
on_cursor_moved (TessDesignerPage *self)
{
  GtkTextBuffer *buffer = source_buffer (self, TESS_PROBLEM_SOURCE_TEMPLATE);
  GtkTextIter iter;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  /* Translators: the cursor position in the template editor */
  text = g_strdup_printf (_("Ln %d, Col %d"), gtk_text_iter_get_line (&iter) + 1,
                          gtk_text_iter_get_line_offset (&iter) + 1);
  gtk_label_set_label (self->cursor_label, text);
}

static void
add_problem_tag (GtkSourceBuffer *buffer)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (buffer));

  if (gtk_text_tag_table_lookup (table, PROBLEM_TAG) == NULL)
    gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (buffer), PROBLEM_TAG,
                                "underline", PANGO_UNDERLINE_ERROR, NULL);
}

static void
update_style_scheme (TessDesignerPage *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme *scheme =
    gtk_source_style_scheme_manager_get_scheme (schemes, adw_style_manager_get_dark (style)
                                                         ? "Adwaita-dark" : "Adwaita");
  GtkSourceView *views[] = { self->template_view, self->data_view, self->schema_view,
                             self->json_view };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_source_buffer_set_style_scheme (
      GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (views[i]))), scheme);
}

/* Find and replace ------------------------------------------------------------------------ */

static void
show_match_count (TessDesignerPage *self)
{
  int count = self->search_context != NULL
              ? gtk_source_search_context_get_occurrences_count (self->search_context) : 0;
  g_autofree char *text = NULL;
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (*needle == '\0' || count < 0)
    text = g_strdup ("");
  else
    /* Translators: how many times the searched text occurs */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches", count),
                            count);
  gtk_label_set_label (self->match_label, text);
}

static void
set_search_view (TessDesignerPage *self,
                 GtkSourceView    *view)
{
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));

  if (self->active_view == view && self->search_context != NULL)
    return;
  self->active_view = view;
  g_clear_object (&self->search_context);
  self->search_context = gtk_source_search_context_new (buffer, self->search_settings);
  g_signal_connect_object (self->search_context, "notify::occurrences-count",
                           G_CALLBACK (show_match_count), self, G_CONNECT_SWAPPED);
  show_match_count (self);
}

static void
on_editor_focus (GtkEventControllerFocus *controller,
                 TessDesignerPage        *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  set_search_view (self, GTK_SOURCE_VIEW (view));
}

static void
select_match (TessDesignerPage *self,
              gboolean          forward)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->active_view));
  GtkTextIter start, end, match_start, match_end;
  gboolean wrapped;
  gboolean found;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (forward)
    found = gtk_source_search_context_forward (self->search_context, &end, &match_start,
                                               &match_end, &wrapped);
  else
    found = gtk_source_search_context_backward (self->search_context, &start, &match_start,
                                                &match_end, &wrapped);
  if (!found)
    return;
  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->active_view),
                                gtk_text_buffer_get_insert (buffer), 0.2, FALSE, 0, 0);
}

static void
on_search_next (TessDesignerPage *self)
{
  select_match (self, TRUE);
}

static void
on_search_previous (TessDesignerPage *self)
{
  select_match (self, FALSE);
}

static void
on_search_changed (TessDesignerPage *self)
{
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  gtk_source_search_settings_set_search_text (self->search_settings,
                                              *needle != '\0' ? needle : NULL);
  show_match_count (self);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TessDesignerPage *self = TESS_DESIGNER_PAGE (widget);

  if (self->search_context == NULL)
    set_search_view (self, self->template_view);

  if (g_str_equal (action_name, "page.find") || g_str_equal (action_name, "page.find-replace"))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->active_view));
      GtkTextIter start, end;

      /* The selection is what one usually wants to find. */
      if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
          gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end))
        {
          g_autofree char *selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

          gtk_editable_set_text (GTK_EDITABLE (self->search_entry), selected);
        }
      gtk_toggle_button_set_active (self->replace_toggle,
                                    g_str_equal (action_name, "page.find-replace"));
      gtk_search_bar_set_search_mode (self->search_bar, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
  else if (g_str_equal (action_name, "page.find-next"))
    select_match (self, TRUE);
  else if (g_str_equal (action_name, "page.find-previous"))
    select_match (self, FALSE);
  else if (g_str_equal (action_name, "page.replace"))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->active_view));
      const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
      GtkTextIter start, end;

      if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
          gtk_source_search_context_get_occurrence_position (self->search_context,
                                                             &start, &end) > 0)
        gtk_source_search_context_replace (self->search_context, &start, &end, replacement,
                                           -1, NULL);
      select_match (self, TRUE);
    }
  else if (g_str_equal (action_name, "page.replace-all"))
    gtk_source_search_context_replace_all (self->search_context,
                                           gtk_editable_get_text (GTK_EDITABLE (self->replace_entry)),
                                           -1, NULL);
}

/* GObject ---------------------------------------------------------------------------------- */

/* Ctrl+click on the preview shows the template text that produced the component. */
static void
on_preview_pressed (GtkGestureClick  *gesture,
                    int               n_press,
                    double            x,
                    double            y,
                    TessDesignerPage *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (
    GTK_EVENT_CONTROLLER (gesture));
  TessNode *node;
  guint line, column;

  if ((state & GDK_CONTROL_MASK) == 0)
    return;
  node = tess_widget_view_pick (self->preview, x, y);
  if (node != NULL && tess_designer_page_find_source (self, node, &line, &column))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      tess_designer_page_jump_to (self, TESS_PROBLEM_SOURCE_TEMPLATE, line, column);
    }
}

static void
tess_designer_page_constructed (GObject *object)
{
  TessDesignerPage *self = TESS_DESIGNER_PAGE (object);
  GtkSourceBuffer *json_buffer;
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  G_OBJECT_CLASS (tess_designer_page_parent_class)->constructed (object);

  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->template_view),
                            GTK_TEXT_BUFFER (tess_widget_document_get_template_buffer (self->document)));
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->data_view),
                            GTK_TEXT_BUFFER (tess_widget_document_get_data_buffer (self->document)));
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->schema_view),
                            GTK_TEXT_BUFFER (tess_widget_document_get_schema_buffer (self->document)));
  json_buffer = gtk_source_buffer_new_with_language (
    gtk_source_language_manager_get_language (languages, "json"));
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->json_view), GTK_TEXT_BUFFER (json_buffer));
  g_object_unref (json_buffer);

  add_problem_tag (tess_widget_document_get_template_buffer (self->document));
  add_problem_tag (tess_widget_document_get_data_buffer (self->document));
  add_problem_tag (tess_widget_document_get_schema_buffer (self->document));
  add_problem_tag (json_buffer);
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);

  gtk_drop_down_set_model (self->state_dropdown,
                           tess_widget_document_get_states (self->document));
  sync_state_dropdown (self);
  g_signal_connect_object (self->state_dropdown, "notify::selected",
                           G_CALLBACK (on_state_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "states-changed",
                           G_CALLBACK (sync_state_dropdown), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "changed",
                           G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::file",
                           G_CALLBACK (watch_file), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tess_widget_document_get_template_buffer (self->document),
                           "notify::cursor-position", G_CALLBACK (on_cursor_moved), self,
                           G_CONNECT_SWAPPED);
  on_cursor_moved (self);

  {
    GtkSourceView *editors[] = { self->template_view, self->data_view, self->schema_view };

    for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        g_signal_connect_object (focus, "enter", G_CALLBACK (on_editor_focus), self, 0);
        gtk_widget_add_controller (GTK_WIDGET (editors[i]), focus);
      }
    set_search_view (self, self->template_view);
  }
  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate",
                           G_CALLBACK (on_search_next), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "next-match",
                           G_CALLBACK (on_search_next), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "previous-match",
                           G_CALLBACK (on_search_previous), self, G_CONNECT_SWAPPED);

  watch_file (self);
  update_recovery_banner (self);
  schedule_update (self);
}

static void
tess_designer_page_dispose (GObject *object)
{
  TessDesignerPage *self = TESS_DESIGNER_PAGE (object);

  g_clear_handle_id (&self->update_source, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  tess_designer_dispose_template (GTK_WIDGET (self), TESS_TYPE_DESIGNER_PAGE);

  G_OBJECT_CLASS (tess_designer_page_parent_class)->dispose (object);
}

static void
tess_designer_page_finalize (GObject *object)
{
  TessDesignerPage *self = TESS_DESIGNER_PAGE (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->spans, g_array_unref);
  g_free (self->rendered_json);
  g_free (self->problems_shown);
  g_free (self->compiled_template_text);
  g_clear_pointer (&self->compiled_template, tess_template_unref);
  g_clear_error (&self->compile_error);
  g_free (self->compiled_schema_text);
  g_clear_pointer (&self->compiled_schema, tess_json_schema_unref);
  g_clear_pointer (&self->schema_diagnostics, g_ptr_array_unref);
  g_clear_object (&self->search_context);
  g_clear_object (&self->search_settings);

  G_OBJECT_CLASS (tess_designer_page_parent_class)->finalize (object);
}

static void
tess_designer_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TessDesignerPage *self = TESS_DESIGNER_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_designer_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TessDesignerPage *self = TESS_DESIGNER_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tess_designer_page_class_init (TessDesignerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tess_designer_page_constructed;
  object_class->dispose = tess_designer_page_dispose;
  object_class->finalize = tess_designer_page_finalize;
  object_class->get_property = tess_designer_page_get_property;
  object_class->set_property = tess_designer_page_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TESS_TYPE_WIDGET_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (TESS_TYPE_ZOOM_BIN);
  tess_designer_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tessera/Tessera/tess-designer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, recovery_revealer);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, disk_revealer);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, template_view);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, data_view);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, schema_view);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, json_view);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, side_stack);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, data_toggle);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, schema_toggle);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, width_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, dark_toggle);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, json_toggle);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, zoom_bin);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, preview_frame);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, preview_scroller);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, problems_list);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, problems_label);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, render_label);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, cursor_label);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, replace_entry);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, replace_toggle);
  gtk_widget_class_bind_template_child (widget_class, TessDesignerPage, match_label);

  gtk_widget_class_install_action (widget_class, "page.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "page.find-replace", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "page.find-next", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "page.find-previous", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "page.replace", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "page.replace-all", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "page.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "page.find-replace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK,
                                       "page.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.find-previous", NULL);

  gtk_widget_class_install_action (widget_class, "page.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "page.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "page.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "page.copy-json", NULL, copy_json_action);
  gtk_widget_class_install_action (widget_class, "page.restore-recovery", NULL, recovery_action);
  gtk_widget_class_install_action (widget_class, "page.discard-recovery", NULL, recovery_action);
  gtk_widget_class_install_action (widget_class, "page.reload", NULL, disk_action);
  gtk_widget_class_install_action (widget_class, "page.ignore-disk-change", NULL, disk_action);
  gtk_widget_class_install_action (widget_class, "page.add-state", NULL, state_action);
  gtk_widget_class_install_action (widget_class, "page.duplicate-state", NULL, state_action);
  gtk_widget_class_install_action (widget_class, "page.rename-state", NULL, state_action);
  gtk_widget_class_install_action (widget_class, "page.delete-state", NULL, state_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "page.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "page.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "page.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "page.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.copy-json", NULL);
  gtk_widget_class_install_action (widget_class, "page.toggle-json", NULL, toggle_action);
  gtk_widget_class_install_action (widget_class, "page.toggle-dark", NULL, toggle_action);
  gtk_widget_class_install_action (widget_class, "page.width", "u", width_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK,
                                       "page.toggle-json", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.toggle-dark", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (width_presets); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "page.width", "u", i);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n,
                                       GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "page.add-state", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d,
                                       GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "page.duplicate-state", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "page.rename-state", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x,
                                       GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "page.delete-state", NULL);
}

static void
tess_designer_page_init (TessDesignerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->problems = g_ptr_array_new_with_free_func (problem_free);
  self->spans = g_array_new (FALSE, FALSE, sizeof (TessTemplateSpan));
  self->search_settings = gtk_source_search_settings_new ();
  gtk_source_search_settings_set_wrap_around (self->search_settings, TRUE);
  self->preview = TESS_WIDGET_VIEW (tess_widget_view_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview"), -1);
  adw_clamp_set_child (ADW_CLAMP (self->preview_frame), GTK_WIDGET (self->preview));
  {
    GtkGesture *click = gtk_gesture_click_new ();

    /* Before the widgets' own buttons, so that Ctrl+click picks instead of pressing. */
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect_object (click, "pressed", G_CALLBACK (on_preview_pressed), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->preview), GTK_EVENT_CONTROLLER (click));
  }

  g_signal_connect_object (self->width_dropdown, "notify::selected",
                           G_CALLBACK (apply_width), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dark_toggle, "notify::active",
                           G_CALLBACK (apply_theme), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->schema_toggle, "notify::active",
                           G_CALLBACK (apply_side_toggle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->json_toggle, "notify::active",
                           G_CALLBACK (apply_json_toggle), self, G_CONNECT_SWAPPED);
  {
    GtkWidget *placeholder = gtk_label_new (_("No problems"));

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_list_box_set_placeholder (self->problems_list, placeholder);
  }
  g_signal_connect_object (self->problems_list, "row-activated",
                           G_CALLBACK (on_problem_activated), self, G_CONNECT_SWAPPED);
  gtk_toggle_button_set_active (self->dark_toggle, adw_style_manager_get_dark (
                                  adw_style_manager_get_default ()));
  apply_width (self);
  apply_theme (self);
  show_zoom (self);
}

TessDesignerPage *
tess_designer_page_new (TessWidgetDocument *document)
{
  g_return_val_if_fail (TESS_IS_WIDGET_DOCUMENT (document), NULL);

  return g_object_new (TESS_TYPE_DESIGNER_PAGE, "document", document, NULL);
}

TessWidgetDocument *
tess_designer_page_get_document (TessDesignerPage *self)
{
  g_return_val_if_fail (TESS_IS_DESIGNER_PAGE (self), NULL);

  return self->document;
}

TessWidgetView *
tess_designer_page_get_preview (TessDesignerPage *self)
{
  g_return_val_if_fail (TESS_IS_DESIGNER_PAGE (self), NULL);

  return self->preview;
}

guint
tess_designer_page_get_n_problems (TessDesignerPage *self)
{
  g_return_val_if_fail (TESS_IS_DESIGNER_PAGE (self), 0);

  return self->problems->len;
}

const char *
tess_designer_page_get_rendered_json (TessDesignerPage *self)
{
  g_return_val_if_fail (TESS_IS_DESIGNER_PAGE (self), NULL);

  return self->rendered_json;
}

gboolean
tess_designer_page_is_preview_stale (TessDesignerPage *self)
{
  g_return_val_if_fail (TESS_IS_DESIGNER_PAGE (self), FALSE);

  return self->stale;
}

void
tess_designer_page_focus_template (TessDesignerPage *self)
{
  g_return_if_fail (TESS_IS_DESIGNER_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->template_view));
}

gboolean
tess_designer_page_find_source (TessDesignerPage *self,
                                TessNode         *node,
                                guint            *line,
                                guint            *column)
{
  g_autofree char *pointer = NULL;
  TessJsonRange range;

  g_return_val_if_fail (TESS_IS_DESIGNER_PAGE (self), FALSE);
  g_return_val_if_fail (TESS_IS_NODE (node), FALSE);

  if (self->rendered_json == NULL || self->stale)
    return FALSE;
  pointer = tess_node_dup_pointer (node);
  return tess_json_locate (self->rendered_json, -1, pointer, &range) &&
         tess_template_spans_lookup (self->spans, self->rendered_json, range.start, line,
                                     column);
}

void
tess_designer_page_jump_to (TessDesignerPage  *self,
                            TessProblemSource  source,
                            guint              line,
                            guint              column)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  GtkSourceView *view;

  g_return_if_fail (TESS_IS_DESIGNER_PAGE (self));

  view = source_view (self, source);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  if (source == TESS_PROBLEM_SOURCE_DATA)
    gtk_toggle_button_set_active (self->data_toggle, TRUE);
  else if (source == TESS_PROBLEM_SOURCE_SCHEMA)
    gtk_toggle_button_set_active (self->schema_toggle, TRUE);
  else if (source == TESS_PROBLEM_SOURCE_WIDGET)
    gtk_toggle_button_set_active (self->json_toggle, TRUE);

  get_iter_at (buffer, line, column, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (view), gtk_text_buffer_get_insert (buffer),
                                0.2, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (view));
}
