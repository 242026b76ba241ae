/* tess-widget-parser.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tess-json.h"
#include "tess-widget-parser.h"

/* Widgets come from untrusted servers: bound the recursion. */
#define MAX_NODE_DEPTH 128
/* Far more than any conversation shows; a server sending more gets the first ones. */
#define MAX_NODES 10000

#define REQ TESS_PROP_FLAG_REQUIRED
#define E(...) (const char * const[]) { __VA_ARGS__, NULL }

typedef struct
{
  GPtrArray *diagnostics;
  guint      n_nodes;
  gboolean   cut;        /* MAX_NODES reached, and said once */
} ParseContext;

/* The fields of the objects props can hold, in the catalog's own terms. */
static const TessPropInfo action_fields[] = {
  { "type", TESS_PROP_STRING, NULL, NULL, REQ, NULL },
  { "payload", TESS_PROP_JSON, NULL, NULL, 0, NULL },
  { "handler", TESS_PROP_ENUM, E ("client", "server"), NULL, 0, NULL },
  { "loadingBehavior", TESS_PROP_ENUM, E ("auto", "none", "self", "container"), NULL, 0, NULL },
  { "streaming", TESS_PROP_BOOLEAN, NULL, NULL, 0, NULL },
  { NULL }
};

static const TessPropInfo card_action_fields[] = {
  { "label", TESS_PROP_TEXT, NULL, NULL, REQ, NULL },
  { "action", TESS_PROP_ACTION, NULL, NULL, REQ, NULL },
  { NULL }
};

static const TessPropInfo status_fields[] = {
  { "text", TESS_PROP_TEXT, NULL, NULL, REQ, NULL },
  { "favicon", TESS_PROP_STRING, NULL, NULL, 0, NULL },
  { "frame", TESS_PROP_BOOLEAN, NULL, NULL, 0, NULL },
  { "icon", TESS_PROP_ICON, NULL, NULL, 0, NULL },
  { NULL }
};

static const TessPropInfo editable_fields[] = {
  { "name", TESS_PROP_STRING, NULL, NULL, REQ, NULL },
  { "autoFocus", TESS_PROP_BOOLEAN, NULL, NULL, 0, NULL },
  { "autoSelect", TESS_PROP_BOOLEAN, NULL, NULL, 0, NULL },
  { "autoComplete", TESS_PROP_STRING, NULL, NULL, 0, NULL },
  { "allowAutofillExtensions", TESS_PROP_BOOLEAN, NULL, NULL, 0, NULL },
  { "pattern", TESS_PROP_STRING, NULL, NULL, 0, NULL },
  { "placeholder", TESS_PROP_TEXT, NULL, NULL, 0, NULL },
  { "required", TESS_PROP_BOOLEAN, NULL, NULL, 0, NULL },
  { NULL }
};

static const TessPropInfo select_option_fields[] = {
  { "value", TESS_PROP_TEXT, NULL, NULL, REQ, NULL },
  { "label", TESS_PROP_TEXT, NULL, NULL, REQ, NULL },
  { "disabled", TESS_PROP_BOOLEAN, NULL, NULL, 0, NULL },
  { "description", TESS_PROP_TEXT, NULL, NULL, 0, NULL },
  { NULL }
};

static const TessPropInfo radio_option_fields[] = {
  { "value", TESS_PROP_TEXT, NULL, NULL, REQ, NULL },
  { "label", TESS_PROP_TEXT, NULL, NULL, REQ, NULL },
  { "disabled", TESS_PROP_BOOLEAN, NULL, NULL, 0, NULL },
  { NULL }
};

static const TessPropInfo spacing_fields[] = {
  { "top", TESS_PROP_SPACING_LENGTH, NULL, NULL, 0, NULL },
  { "right", TESS_PROP_SPACING_LENGTH, NULL, NULL, 0, NULL },
  { "bottom", TESS_PROP_SPACING_LENGTH, NULL, NULL, 0, NULL },
  { "left", TESS_PROP_SPACING_LENGTH, NULL, NULL, 0, NULL },
  { "x", TESS_PROP_SPACING_LENGTH, NULL, NULL, 0, NULL },
  { "y", TESS_PROP_SPACING_LENGTH, NULL, NULL, 0, NULL },
  { NULL }
};

static const TessPropInfo theme_color_fields[] = {
  { "light", TESS_PROP_STRING, NULL, NULL, REQ, NULL },
  { "dark", TESS_PROP_STRING, NULL, NULL, REQ, NULL },
  { NULL }
};

static const TessPropInfo x_axis_fields[] = {
  { "dataKey", TESS_PROP_STRING, NULL, NULL, REQ, NULL },
  { "hide", TESS_PROP_BOOLEAN, NULL, NULL, 0, NULL },
  { "labels", TESS_PROP_JSON, NULL, NULL, 0, NULL },
  { NULL }
};

static const TessPropInfo series_fields[] = {
  { "type", TESS_PROP_ENUM, E ("bar", "area", "line"), NULL, REQ, NULL },
  { "dataKey", TESS_PROP_STRING, NULL, NULL, REQ, NULL },
  { "label", TESS_PROP_TEXT, NULL, NULL, 0, NULL },
  { "color", TESS_PROP_COLOR, NULL, NULL, 0, NULL },
  { "stack", TESS_PROP_STRING, NULL, NULL, 0, NULL },
  { "curveType", TESS_PROP_ENUM, tess_enum_curve_type, NULL, 0, NULL },
  { NULL }
};

static void check_value (ParseContext       *ctx,
                         const TessPropInfo *prop,
                         JsonNode           *value,
                         const char         *pointer);

G_DEFINE_QUARK (tess-widget-error-quark, tess_widget_error)

static void G_GNUC_PRINTF (4, 5)
report (ParseContext *ctx,
        TessSeverity  severity,
        const char   *pointer,
        const char   *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (ctx->diagnostics == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (ctx->diagnostics, tess_diagnostic_new (severity, pointer, message));
}

static gboolean
holds_type (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
holds_number (JsonNode *node)
{
  return holds_type (node, G_TYPE_INT64) || holds_type (node, G_TYPE_DOUBLE);
}

static gboolean
holds_integer (JsonNode *node)
{
  if (holds_type (node, G_TYPE_INT64))
    return TRUE;

  /* 3.0 is an integer to JSON Schema, and Python servers send floats for ints. */
  if (holds_type (node, G_TYPE_DOUBLE))
    {
      double value = json_node_get_double (node);

      return isfinite (value) && floor (value) == value;
    }

  return FALSE;
}

const char *
tess_json_node_describe_type (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
      if (holds_type (node, G_TYPE_STRING))
        return "a string";
      if (holds_type (node, G_TYPE_BOOLEAN))
        return "a boolean";
      return "a number";
    default:
      g_return_val_if_reached ("a value");
    }
}

/* "\"huge\"", "72", "true", "an array": what a message says it got. */
static char *
describe_value (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return g_strdup (tess_json_node_describe_type (node));

  text = json_to_string (node, FALSE);
  if (g_utf8_strlen (text, -1) > 60)
    {
      g_autofree char *start = g_utf8_substring (text, 0, 57);

      return g_strconcat (start, "…", NULL);
    }

  return g_steal_pointer (&text);
}

static char *
join_values (const char * const *values)
{
  return g_strjoinv (", ", (char **) values);
}

static void
report_type (ParseContext *ctx,
             const char   *pointer,
             const char   *expected,
             JsonNode     *value)
{
  g_autofree char *got = describe_value (value);

  report (ctx, TESS_SEVERITY_ERROR, pointer, "expected %s; got %s", expected, got);
}

static void
check_object (ParseContext       *ctx,
              const TessPropInfo *fields,
              const char         *what,
              JsonNode           *value,
              const char         *pointer)
{
  JsonObject *object = json_node_get_object (value);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  for (const TessPropInfo *field = fields; field->name != NULL; field++)
    {
      member = json_object_get_member (object, field->name);

      if ((field->flags & REQ) != 0 && (member == NULL || JSON_NODE_HOLDS_NULL (member)))
        {
          g_autofree char *field_pointer = tess_json_pointer_append (pointer, field->name);

          report (ctx, TESS_SEVERITY_ERROR, field_pointer,
                  "missing required field \"%s\" of %s", field->name, what);
        }
    }

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_autofree char *member_pointer = tess_json_pointer_append (pointer, name);
      const TessPropInfo *field = NULL;

      if (JSON_NODE_HOLDS_NULL (member))
        continue;

      for (const TessPropInfo *f = fields; f->name != NULL; f++)
        {
          if (strcmp (f->name, name) == 0)
            {
              field = f;
              break;
            }
        }

      if (field == NULL)
        report (ctx, TESS_SEVERITY_WARNING, member_pointer,
                "unknown field \"%s\" in %s (ignored)", name, what);
      else
        check_value (ctx, field, member, member_pointer);
    }
}

static void
check_array_of_objects (ParseContext       *ctx,
                        const TessPropInfo *fields,
                        const char         *what,
                        const char         *expected,
                        JsonNode           *value,
                        const char         *pointer)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    {
      report_type (ctx, pointer, expected, value);
      return;
    }

  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_pointer = tess_json_pointer_append_index (pointer, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        report_type (ctx, element_pointer, what, element);
      else if (fields != NULL)
        check_object (ctx, fields, what, element, element_pointer);
    }
}

static void
check_border (ParseContext *ctx,
              JsonNode     *value,
              const char   *pointer,
              gboolean      allow_sides)
{
  static const TessPropInfo border_fields[] = {
    { "size", TESS_PROP_LENGTH, NULL, NULL, REQ, NULL },
    { "color", TESS_PROP_COLOR, NULL, NULL, 0, NULL },
    { "style", TESS_PROP_ENUM, tess_enum_border_style, NULL, 0, NULL },
    { NULL }
  };
  static const char * const sides[] = { "top", "right", "bottom", "left", "x", "y", NULL };
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (holds_number (value))
    return;

  if (!JSON_NODE_HOLDS_OBJECT (value))
    {
      report_type (ctx, pointer, allow_sides ? "a number (px) or a border object"
                                             : "a number (px) or {\"size\": …}", value);
      return;
    }

  object = json_node_get_object (value);
  if (!allow_sides || json_object_has_member (object, "size"))
    {
      check_object (ctx, border_fields, "Border", value, pointer);
      return;
    }

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_autofree char *member_pointer = tess_json_pointer_append (pointer, name);

      if (JSON_NODE_HOLDS_NULL (member))
        continue;
      if (!tess_enum_contains (sides, name))
        report (ctx, TESS_SEVERITY_WARNING, member_pointer,
                "unknown field \"%s\" in Borders (ignored)", name);
      else
        check_border (ctx, member, member_pointer, FALSE);
    }
}

/* The series "type" decides which fields apply: with an unknown type only that is reported. */
static void
check_series (ParseContext *ctx,
              JsonNode     *value,
              const char   *pointer)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    {
      report_type (ctx, pointer, "a list of series objects", value);
      return;
    }

  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_pointer = tess_json_pointer_append_index (pointer, i);
      JsonNode *type;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          report_type (ctx, element_pointer, "a series object", element);
          continue;
        }

      type = json_object_get_member (json_node_get_object (element), "type");
      if (type != NULL && !JSON_NODE_HOLDS_NULL (type))
        {
          g_autofree char *type_pointer = tess_json_pointer_append (element_pointer, "type");
          const TessPropInfo *type_field = &series_fields[0];

          if (!holds_type (type, G_TYPE_STRING) ||
              !tess_enum_contains (type_field->values, json_node_get_string (type)))
            {
              check_value (ctx, type_field, type, type_pointer);
              continue;
            }
        }

      check_object (ctx, series_fields, "Series", element, element_pointer);
    }
}

static void
check_value (ParseContext       *ctx,
             const TessPropInfo *prop,
             JsonNode           *value,
             const char         *pointer)
{
  switch (prop->type)
    {
    case TESS_PROP_JSON:
      break;

    case TESS_PROP_STRING:
      if (!holds_type (value, G_TYPE_STRING))
        report_type (ctx, pointer, "a string", value);
      break;

    case TESS_PROP_TEXT:
      if (holds_number (value) || holds_type (value, G_TYPE_BOOLEAN))
        {
          g_autofree char *got = describe_value (value);

          report (ctx, TESS_SEVERITY_WARNING, pointer,
                  "expected a string; got %s %s (shown as text)",
                  tess_json_node_describe_type (value), got);
        }
      else if (!holds_type (value, G_TYPE_STRING))
        report_type (ctx, pointer, "a string", value);
      break;

    case TESS_PROP_BOOLEAN:
      if (!holds_type (value, G_TYPE_BOOLEAN))
        report_type (ctx, pointer, "true or false", value);
      break;

    case TESS_PROP_FALSE_OR_EDITABLE:
      if (holds_type (value, G_TYPE_BOOLEAN) && !json_node_get_boolean (value))
        break;
      if (JSON_NODE_HOLDS_OBJECT (value))
        check_object (ctx, editable_fields, "EditableProps", value, pointer);
      else
        report_type (ctx, pointer, "false or an object with a \"name\"", value);
      break;

    case TESS_PROP_INTEGER:
      if (!holds_integer (value))
        report_type (ctx, pointer, "an integer", value);
      break;

    case TESS_PROP_ENUM:
      if (!holds_type (value, G_TYPE_STRING) ||
          !tess_enum_contains (prop->values, json_node_get_string (value)))
        {
          g_autofree char *choices = join_values (prop->values);
          g_autofree char *expected = g_strconcat ("one of ", choices, NULL);

          report_type (ctx, pointer, expected, value);
        }
      break;

    case TESS_PROP_LENGTH:
      if (!holds_number (value) && !holds_type (value, G_TYPE_STRING))
        report_type (ctx, pointer, "a number (px) or a CSS length", value);
      break;

    case TESS_PROP_SPACING_LENGTH:
      if (!holds_number (value) && !holds_type (value, G_TYPE_STRING))
        report_type (ctx, pointer, "a number (4 px units) or a CSS length", value);
      break;

    case TESS_PROP_SPACING:
      if (JSON_NODE_HOLDS_OBJECT (value))
        check_object (ctx, spacing_fields, "Spacing", value, pointer);
      else if (!holds_number (value) && !holds_type (value, G_TYPE_STRING))
        report_type (ctx, pointer,
                     "a number (4 px units), a CSS length or an object with "
                     "top/right/bottom/left/x/y", value);
      break;

    case TESS_PROP_FLEX:
      if (!holds_number (value) && !holds_type (value, G_TYPE_STRING))
        report_type (ctx, pointer, "a number or a CSS flex value", value);
      break;

    case TESS_PROP_ASPECT_RATIO:
      if (!holds_number (value) && !holds_type (value, G_TYPE_STRING))
        report_type (ctx, pointer, "a number or a ratio such as \"16/9\"", value);
      break;

    case TESS_PROP_BORDER:
      check_border (ctx, value, pointer, TRUE);
      break;

    case TESS_PROP_COLOR:
      if (JSON_NODE_HOLDS_OBJECT (value))
        check_object (ctx, theme_color_fields, "ThemeColor", value, pointer);
      else if (!holds_type (value, G_TYPE_STRING))
        report_type (ctx, pointer, "a colour string or {\"light\": …, \"dark\": …}", value);
      break;

    case TESS_PROP_ICON:
      if (!holds_type (value, G_TYPE_STRING))
        report_type (ctx, pointer, "an icon name", value);
      else if (!tess_catalog_is_icon_name (json_node_get_string (value)))
        report (ctx, TESS_SEVERITY_ERROR, pointer,
                "unknown icon \"%s\" (expected a ChatKit icon name or lucide:<name>)",
                json_node_get_string (value));
      break;

    case TESS_PROP_ACTION:
      if (JSON_NODE_HOLDS_OBJECT (value))
        check_object (ctx, action_fields, "ActionConfig", value, pointer);
      else
        report_type (ctx, pointer, "an action object with a \"type\"", value);
      break;

    case TESS_PROP_CARD_ACTION:
      if (JSON_NODE_HOLDS_OBJECT (value))
        check_object (ctx, card_action_fields, "CardAction", value, pointer);
      else
        report_type (ctx, pointer, "an object with \"label\" and \"action\"", value);
      break;

    case TESS_PROP_STATUS:
      if (JSON_NODE_HOLDS_OBJECT (value))
        check_object (ctx, status_fields, "WidgetStatus", value, pointer);
      else
        report_type (ctx, pointer, "an object with a \"text\"", value);
      break;

    case TESS_PROP_SELECT_OPTIONS:
      check_array_of_objects (ctx, select_option_fields, "SelectOption",
                              "a list of {\"value\", \"label\"} objects", value, pointer);
      break;

    case TESS_PROP_RADIO_OPTIONS:
      check_array_of_objects (ctx, radio_option_fields, "RadioOption",
                              "a list of {\"value\", \"label\"} objects", value, pointer);
      break;

    case TESS_PROP_LIST_LIMIT:
      if (!holds_integer (value) &&
          !(holds_type (value, G_TYPE_STRING) &&
            strcmp (json_node_get_string (value), "auto") == 0))
        report_type (ctx, pointer, "an integer or \"auto\"", value);
      break;

    case TESS_PROP_CHART_DATA:
      check_array_of_objects (ctx, NULL, "a data row object", "a list of data row objects",
                              value, pointer);
      break;

    case TESS_PROP_CHART_SERIES:
      check_series (ctx, value, pointer);
      break;

    case TESS_PROP_CHART_X_AXIS:
      if (JSON_NODE_HOLDS_OBJECT (value))
        check_object (ctx, x_axis_fields, "XAxisConfig", value, pointer);
      else if (!holds_type (value, G_TYPE_STRING))
        report_type (ctx, pointer, "a data key or an object with a \"dataKey\"", value);
      break;

    default:
      g_assert_not_reached ();
    }
}

static TessNode *parse_node (ParseContext            *ctx,
                             JsonNode                *json,
                             const char              *pointer,
                             const TessComponentInfo *parent,
                             guint                    depth);

static const char *
describe_place (const TessComponentInfo *parent)
{
  switch (parent->children)
    {
    case TESS_CHILDREN_LIST_ITEMS:
      return "only ListViewItem belongs in a ListView";
    case TESS_CHILDREN_TABLE_ROWS:
      return "only Table.Row belongs in a Table";
    case TESS_CHILDREN_TABLE_CELLS:
      return "only Table.Cell belongs in a Table.Row";
    case TESS_CHILDREN_NONE:
    case TESS_CHILDREN_COMPONENTS:
    case TESS_CHILDREN_COMPONENTS_OR_ROOTS:
    case TESS_CHILDREN_SINGLE:
    default:
      return NULL;
    }
}

static void
check_nesting (ParseContext            *ctx,
               TessNode                *node,
               const TessComponentInfo *parent,
               const char              *pointer)
{
  const TessComponentInfo *info = tess_node_get_info (node);
  const char *rule;

  /* Children of a leaf were reported once as a whole. */
  if (info == NULL || parent == NULL || parent->children == TESS_CHILDREN_NONE ||
      tess_component_info_accepts_child (parent, info))
    return;

  rule = describe_place (parent);
  if (rule != NULL)
    report (ctx, TESS_SEVERITY_WARNING, pointer,
            "%s is not allowed inside %s: %s (shown as a nested block)",
            info->type, parent->type, rule);
  else if (info->role == TESS_ROLE_LIST_ITEM)
    report (ctx, TESS_SEVERITY_WARNING, pointer,
            "ListViewItem belongs directly inside a ListView, not in %s (shown as a row)",
            parent->type);
  else
    report (ctx, TESS_SEVERITY_WARNING, pointer,
            "%s is not allowed inside %s (shown as a nested block)", info->type, parent->type);
}

static void
parse_children (ParseContext *ctx,
                TessNode     *node,
                JsonNode     *children,
                const char   *pointer,
                guint         depth)
{
  const TessComponentInfo *info = tess_node_get_info (node);
  g_autofree char *children_pointer = tess_json_pointer_append (pointer, "children");

  if (children == NULL || JSON_NODE_HOLDS_NULL (children))
    return;

  if (JSON_NODE_HOLDS_OBJECT (children))
    {
      g_autoptr(TessNode) child = NULL;

      if (info != NULL && info->children != TESS_CHILDREN_SINGLE)
        {
          report_type (ctx, children_pointer, "a list of components", children);
          return;
        }

      tess_node_set_single_child (node, TRUE);
      child = parse_node (ctx, children, children_pointer, info, depth + 1);
      if (child != NULL)
        tess_node_append_child (node, child);
      return;
    }

  if (!JSON_NODE_HOLDS_ARRAY (children))
    {
      report_type (ctx, children_pointer,
                   info != NULL && info->children == TESS_CHILDREN_SINGLE
                   ? "one component object" : "a list of components",
                   children);
      return;
    }

  tess_node_set_single_child (node, FALSE);

  if (json_array_get_length (json_node_get_array (children)) == 0)
    return;

  if (info != NULL && info->children == TESS_CHILDREN_NONE)
    report (ctx, TESS_SEVERITY_WARNING, children_pointer,
            "%s takes no children (they are not shown)", info->type);
  else if (info != NULL && info->children == TESS_CHILDREN_SINGLE)
    report (ctx, TESS_SEVERITY_WARNING, children_pointer,
            "Transition takes one component object, not a list");

  for (guint i = 0; i < json_array_get_length (json_node_get_array (children)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (children), i);
      g_autofree char *child_pointer = tess_json_pointer_append_index (children_pointer, i);
      g_autoptr(TessNode) child = NULL;

      if (ctx->n_nodes >= MAX_NODES)
        {
          if (!ctx->cut)
            report (ctx, TESS_SEVERITY_ERROR, child_pointer,
                    "more than %d components in one widget (the rest is not shown)", MAX_NODES);
          ctx->cut = TRUE;
          break;
        }
      child = parse_node (ctx, element, child_pointer, info, depth + 1);
      if (child != NULL)
        tess_node_append_child (node, child);
    }
}

static TessNode *
parse_node (ParseContext            *ctx,
            JsonNode                *json,
            const char              *pointer,
            const TessComponentInfo *parent,
            guint                    depth)
{
  g_autoptr(TessNode) node = NULL;
  const TessComponentInfo *info;
  JsonObject *object;
  JsonNode *type_node;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (depth > MAX_NODE_DEPTH)
    {
      report (ctx, TESS_SEVERITY_ERROR, pointer,
              "components nested more than %d levels deep (not shown)", MAX_NODE_DEPTH);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json))
    {
      report_type (ctx, pointer, "a component object", json);
      return NULL;
    }

  object = json_node_get_object (json);
  type_node = json_object_get_member (object, "type");
  if (type_node == NULL || JSON_NODE_HOLDS_NULL (type_node))
    {
      report (ctx, TESS_SEVERITY_ERROR, pointer, "component has no \"type\"");
      return NULL;
    }
  if (!holds_type (type_node, G_TYPE_STRING))
    {
      g_autofree char *type_pointer = tess_json_pointer_append (pointer, "type");

      report_type (ctx, type_pointer, "a component type name", type_node);
      return NULL;
    }

  node = tess_node_new (json_node_get_string (type_node));
  ctx->n_nodes++;
  info = tess_node_get_info (node);

  if (info == NULL)
    {
      g_autofree char *type_pointer = tess_json_pointer_append (pointer, "type");

      report (ctx, TESS_SEVERITY_ERROR, type_pointer, "unknown component type \"%s\"",
              json_node_get_string (type_node));
    }
  else
    {
      check_nesting (ctx, node, parent, pointer);

      for (guint i = 0; i < info->n_props; i++)
        {
          const TessPropInfo *prop = &info->props[i];

          if ((prop->flags & TESS_PROP_FLAG_REQUIRED) != 0)
            {
              member = json_object_get_member (object, prop->name);

              if (member == NULL || JSON_NODE_HOLDS_NULL (member))
                {
                  g_autofree char *prop_pointer = tess_json_pointer_append (pointer, prop->name);

                  report (ctx, TESS_SEVERITY_ERROR, prop_pointer,
                          "missing required prop \"%s\" of %s", prop->name, info->type);
                }
            }
        }

      if (info->children_required && !json_object_has_member (object, "children"))
        {
          g_autofree char *prop_pointer = tess_json_pointer_append (pointer, "children");

          report (ctx, TESS_SEVERITY_ERROR, prop_pointer,
                  "missing required prop \"children\" of %s", info->type);
        }
    }

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_autofree char *prop_pointer = NULL;
      const TessPropInfo *prop;

      if (strcmp (name, "type") == 0 || strcmp (name, "children") == 0)
        continue;

      /* null counts as absent (Python servers send it for unset props). */
      if (JSON_NODE_HOLDS_NULL (member))
        continue;

      tess_node_set_prop (node, name, member);

      if (info == NULL)
        continue;

      prop_pointer = tess_json_pointer_append (pointer, name);
      prop = tess_component_info_lookup_prop (info, name);

      if (prop == NULL)
        report (ctx, TESS_SEVERITY_WARNING, prop_pointer,
                "unknown prop \"%s\" on %s (ignored)", name, info->type);
      else
        check_value (ctx, prop, member, prop_pointer);
    }

  parse_children (ctx, node, json_object_get_member (object, "children"), pointer, depth);

  return g_steal_pointer (&node);
}

void
tess_prop_info_validate (const TessPropInfo *prop,
                         JsonNode           *value,
                         const char         *pointer,
                         GPtrArray          *diagnostics)
{
  ParseContext ctx = { diagnostics, 0, FALSE };

  g_return_if_fail (prop != NULL);
  g_return_if_fail (value != NULL);
  g_return_if_fail (pointer != NULL);

  if (!JSON_NODE_HOLDS_NULL (value))
    check_value (&ctx, prop, value, pointer);
}

TessNode *
tess_widget_parse_component (JsonNode  *json,
                             GPtrArray *diagnostics)
{
  ParseContext ctx = { diagnostics, 0, FALSE };

  g_return_val_if_fail (json != NULL, NULL);

  return parse_node (&ctx, json, "", NULL, 0);
}

static TessNode *
parse_root (ParseContext *ctx,
            JsonNode     *json,
            const char   *pointer)
{
  TessNode *node = parse_node (ctx, json, pointer, NULL, 0);
  const TessComponentInfo *info;

  if (node == NULL)
    return NULL;

  info = tess_node_get_info (node);
  if (info != NULL && info->role != TESS_ROLE_ROOT)
    {
      g_autofree char *type_pointer = tess_json_pointer_append (pointer, "type");

      report (ctx, TESS_SEVERITY_ERROR, type_pointer,
              "a widget root must be Card, ListView or Basic; got \"%s\"", info->type);
    }

  return node;
}

TessNode *
tess_widget_parse (JsonNode  *json,
                   GPtrArray *diagnostics)
{
  ParseContext ctx = { diagnostics, 0, FALSE };

  g_return_val_if_fail (json != NULL, NULL);

  return parse_root (&ctx, json, "");
}

static gboolean
is_envelope (JsonNode *json)
{
  JsonObject *object;
  JsonNode *type;

  if (!JSON_NODE_HOLDS_OBJECT (json))
    return FALSE;

  object = json_node_get_object (json);
  type = json_object_get_member (object, "type");

  return type != NULL && holds_type (type, G_TYPE_STRING) &&
         strcmp (json_node_get_string (type), "widget") == 0;
}

TessNode *
tess_widget_parse_document (JsonNode   *json,
                            GPtrArray  *diagnostics,
                            char      **copy_text)
{
  static const char * const envelope_fields[] =
    { "type", "widget", "copy_text", "id", "thread_id", "created_at", NULL };
  ParseContext ctx = { diagnostics, 0, FALSE };
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  JsonNode *widget;

  g_return_val_if_fail (json != NULL, NULL);

  if (copy_text != NULL)
    *copy_text = NULL;

  if (!is_envelope (json))
    return parse_root (&ctx, json, "");

  object = json_node_get_object (json);
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_autofree char *member_pointer = tess_json_pointer_append ("", name);

      if (!tess_enum_contains (envelope_fields, name))
        report (&ctx, TESS_SEVERITY_WARNING, member_pointer,
                "unknown field \"%s\" in a widget item (ignored)", name);
      else if (strcmp (name, "copy_text") == 0 && !JSON_NODE_HOLDS_NULL (member) &&
               !holds_type (member, G_TYPE_STRING))
        report_type (&ctx, member_pointer, "a string", member);
      else if (strcmp (name, "copy_text") == 0 && copy_text != NULL &&
               holds_type (member, G_TYPE_STRING))
        *copy_text = g_strdup (json_node_get_string (member));
    }

  widget = json_object_get_member (object, "widget");
  if (widget == NULL || JSON_NODE_HOLDS_NULL (widget))
    {
      report (&ctx, TESS_SEVERITY_ERROR, "/widget", "missing required field \"widget\"");
      return NULL;
    }

  return parse_root (&ctx, widget, "/widget");
}

TessNode *
tess_widget_parse_string (const char  *text,
                          gssize       length,
                          GPtrArray   *diagnostics,
                          GError     **error)
{
  g_autoptr(JsonNode) json = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  json = tess_json_parse (text, length, error);
  if (json == NULL)
    return NULL;

  return tess_widget_parse_document (json, diagnostics, NULL);
}
