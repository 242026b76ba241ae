/* tess-form.c: form fields — values, required/pattern validation, inline messages
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Value encodings (widgets.md §3.1.2 leaves them open): Input, Textarea and editable Text
 * give strings; Select, RadioGroup and DatePicker the chosen value or null (a date as
 * "YYYY-MM-DD"); Checkbox a boolean.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tess-render-element.h"

static gboolean
type_is (TessElement *element,
         const char  *type)
{
  return strcmp (tess_node_get_type_name (element->node), type) == 0;
}

static JsonObject *
editable_props (TessElement *element)
{
  JsonNode *editable;

  if (!type_is (element, "Text"))
    return NULL;
  editable = tess_node_get_prop (element->node, "editable");
  if (editable == NULL || !JSON_NODE_HOLDS_OBJECT (editable) || element->control == NULL)
    return NULL;
  return json_node_get_object (editable);
}

gboolean
tess_element_is_field (TessElement *element)
{
  if (element->control == NULL)
    return FALSE;
  if (type_is (element, "Input") || type_is (element, "Textarea") || type_is (element, "Select") ||
      type_is (element, "DatePicker") || type_is (element, "Checkbox") ||
      type_is (element, "RadioGroup"))
    return tess_node_get_string (element->node, "name") != NULL;
  return editable_props (element) != NULL && tess_element_field_name (element) != NULL;
}

const char *
tess_element_field_name (TessElement *element)
{
  JsonObject *editable = editable_props (element);

  if (editable != NULL)
    return json_object_get_string_member_with_default (editable, "name", NULL);
  return tess_node_get_string (element->node, "name");
}

static char *
dup_text (TessElement *element)
{
  if (GTK_IS_EDITABLE (element->control))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (element->control)));

  if (GTK_IS_TEXT_VIEW (element->control))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (element->control));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  return NULL;
}

JsonNode *
tess_element_dup_field_value (TessElement *element)
{
  JsonNode *value = json_node_new (JSON_NODE_VALUE);

  if (type_is (element, "Checkbox"))
    {
      json_node_set_boolean (value,
                             gtk_check_button_get_active (GTK_CHECK_BUTTON (element->control)));
      return value;
    }

  if (type_is (element, "Select") || type_is (element, "RadioGroup") ||
      type_is (element, "DatePicker"))
    {
      if (element->value == NULL)
        {
          json_node_unref (value);
          return json_node_new (JSON_NODE_NULL);
        }
      json_node_set_string (value, element->value);
      return value;
    }

  {
    g_autofree char *text = dup_text (element);
    json_node_set_string (value, text ? text : "");
  }
  return value;
}

static void
show_error (TessElement *element,
            const char  *message)
{
  GtkWidget *styled = element->control;

  if (GTK_IS_TEXT_VIEW (styled))
    styled = gtk_widget_get_ancestor (styled, TESS_TYPE_BOX);

  if (element->error_label == NULL && message != NULL && element->widget != NULL &&
      gtk_widget_has_css_class (element->widget, "tess-field"))
    {
      element->error_label = gtk_label_new (NULL);
      gtk_widget_add_css_class (element->error_label, "tess-field-error");
      gtk_label_set_xalign (GTK_LABEL (element->error_label), 0);
      gtk_label_set_wrap (GTK_LABEL (element->error_label), TRUE);
      gtk_widget_insert_before (element->error_label, element->widget, NULL);
    }
  if (element->error_label != NULL)
    {
      gtk_label_set_text (GTK_LABEL (element->error_label), message);
      gtk_widget_set_visible (element->error_label, message != NULL);
    }
  if (styled != NULL)
    {
      if (message != NULL)
        gtk_widget_add_css_class (styled, "tess-invalid");
      else
        gtk_widget_remove_css_class (styled, "tess-invalid");
    }
  if (message != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (element->control),
                                 GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (element->control), GTK_ACCESSIBLE_STATE_INVALID);
}

void
tess_element_clear_field_error (TessElement *element)
{
  if (element->control != NULL)
    show_error (element, NULL);
}

/* HTML semantics: the pattern must match the whole value; an invalid pattern is ignored. */
static gboolean
matches_pattern (const char *pattern,
                 const char *text)
{
  g_autofree char *anchored = g_strdup_printf ("^(?:%s)$", pattern);
  g_autoptr(GRegex) regex = g_regex_new (anchored, G_REGEX_OPTIMIZE, 0, NULL);

  if (regex == NULL)
    return TRUE;
  return g_regex_match (regex, text, 0, NULL);
}

gboolean
tess_element_validate_field (TessElement *element)
{
  JsonObject *editable = editable_props (element);
  gboolean required;
  const char *pattern;
  g_autoptr(JsonNode) value = NULL;

  if (!tess_element_is_field (element))
    return TRUE;

  if (editable != NULL)
    {
      required = json_object_get_boolean_member_with_default (editable, "required", FALSE);
      pattern = json_object_get_string_member_with_default (editable, "pattern", NULL);
    }
  else
    {
      required = tess_node_get_boolean (element->node, "required", FALSE);
      pattern = tess_node_get_string (element->node, "pattern");
    }

  value = tess_element_dup_field_value (element);

  if (required)
    {
      gboolean missing;

      if (type_is (element, "Checkbox"))
        missing = !json_node_get_boolean (value);
      else if (JSON_NODE_HOLDS_NULL (value))
        missing = TRUE;
      else
        missing = *json_node_get_string (value) == '\0';

      if (missing)
        {
          show_error (element, type_is (element, "Checkbox") ? _("Check this box to continue.")
                               : (type_is (element, "Select") || type_is (element, "RadioGroup") ||
                                  type_is (element, "DatePicker"))
                                   ? _("Choose an option.")
                                   : _("This field is required."));
          return FALSE;
        }
    }

  if (pattern != NULL && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_STRING &&
      *json_node_get_string (value) != '\0' &&
      !matches_pattern (pattern, json_node_get_string (value)))
    {
      show_error (element, _("Please match the requested format."));
      return FALSE;
    }

  show_error (element, NULL);
  return TRUE;
}
