/* tess-catalog.c
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Facts from ../shared/spec/widgets.md (the union of the Python and JS typings). Defaults
 * are rendering defaults (what an absent prop looks like), given as JSON text.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tess-catalog.h"

#define E(...) (const char * const[]) { __VA_ARGS__, NULL }

const char * const tess_enum_text_size[] = { "xs", "sm", "md", "lg", "xl", NULL };
const char * const tess_enum_title_size[] =
  { "sm", "md", "lg", "xl", "2xl", "3xl", "4xl", "5xl", NULL };
const char * const tess_enum_caption_size[] = { "sm", "md", "lg", NULL };
const char * const tess_enum_icon_size[] = { "xs", "sm", "md", "lg", "xl", "2xl", "3xl", NULL };
const char * const tess_enum_control_size[] =
  { "3xs", "2xs", "xs", "sm", "md", "lg", "xl", "2xl", "3xl", NULL };
const char * const tess_enum_gutter_size[] = { "2xs", "xs", "sm", "md", "lg", "xl", NULL };
const char * const tess_enum_radius[] =
  { "2xs", "xs", "sm", "md", "lg", "xl", "2xl", "3xl", "4xl", "full", "100%", "none", NULL };
const char * const tess_enum_alignment[] =
  { "start", "center", "end", "baseline", "stretch", NULL };
const char * const tess_enum_justification[] =
  { "start", "center", "end", "between", "around", "evenly", "stretch", NULL };
const char * const tess_enum_font_weight[] = { "normal", "medium", "semibold", "bold", NULL };
const char * const tess_enum_control_variant[] = { "solid", "soft", "outline", "ghost", NULL };
const char * const tess_enum_curve_type[] = {
  "basis", "basisClosed", "basisOpen", "bumpX", "bumpY", "bump", "linear", "linearClosed",
  "natural", "monotoneX", "monotoneY", "monotone", "step", "stepBefore", "stepAfter", NULL
};
const char * const tess_enum_border_style[] =
  { "solid", "dashed", "dotted", "double", "groove", "ridge", "inset", "outset", NULL };
const char * const tess_enum_theme[] = { "light", "dark", NULL };
const char * const tess_enum_direction[] = { "row", "col", NULL };

static const char * const text_align[] = { "start", "center", "end", NULL };
static const char * const wrap_values[] = { "nowrap", "wrap", "wrap-reverse", NULL };

static const char * const icon_names[] = {
  "agent", "analytics", "atom", "batch", "bolt", "book-open", "book-closed", "book-clock",
  "bug", "calendar", "chart", "check", "check-circle", "check-circle-filled", "chevron-left",
  "chevron-right", "circle-question", "clock", "compass", "confetti", "cube", "desktop",
  "document", "dot", "dots-horizontal", "dots-vertical", "empty-circle", "external-link",
  "globe", "keys", "lab", "images", "info", "lifesaver", "lightbulb", "mail", "map-pin",
  "maps", "mobile", "name", "notebook", "notebook-pencil", "page-blank", "phone", "play",
  "plus", "profile", "profile-card", "reload", "star", "star-filled", "search", "sparkle",
  "sparkle-double", "square-code", "square-image", "square-text", "suitcase",
  "settings-slider", "user", "wreath", "write", "write-alt", "write-alt2", NULL
};

#define REQ TESS_PROP_FLAG_REQUIRED
#define LAY TESS_PROP_FLAG_LAYOUT
#define FORM TESS_PROP_FLAG_FORM

/* Props every node may carry. */
static const TessPropInfo common_props[] = {
  { "key", TESS_PROP_STRING, NULL, NULL, 0, N_("Stable identity for updates and lists") },
  { "id", TESS_PROP_STRING, NULL, NULL, 0, N_("Address for streaming and component updates") },
};

#define SIZING_PROPS \
  { "width", TESS_PROP_LENGTH, NULL, NULL, LAY, N_("Width in px or a CSS length") }, \
  { "height", TESS_PROP_LENGTH, NULL, NULL, LAY, N_("Height in px or a CSS length") }, \
  { "size", TESS_PROP_LENGTH, NULL, NULL, LAY, N_("Width and height at once") }, \
  { "minWidth", TESS_PROP_LENGTH, NULL, NULL, LAY, N_("Minimum width") }, \
  { "minHeight", TESS_PROP_LENGTH, NULL, NULL, LAY, N_("Minimum height") }, \
  { "minSize", TESS_PROP_LENGTH, NULL, NULL, LAY, N_("Minimum width and height") }, \
  { "maxWidth", TESS_PROP_LENGTH, NULL, NULL, LAY, N_("Maximum width") }, \
  { "maxHeight", TESS_PROP_LENGTH, NULL, NULL, LAY, N_("Maximum height") }, \
  { "maxSize", TESS_PROP_LENGTH, NULL, NULL, LAY, N_("Maximum width and height") }, \
  { "aspectRatio", TESS_PROP_ASPECT_RATIO, NULL, NULL, LAY, N_("Width divided by height") }, \
  { "flex", TESS_PROP_FLEX, NULL, NULL, LAY, N_("Share of the free space in the parent") }

#define BOX_BASE_PROPS \
  SIZING_PROPS, \
  { "align", TESS_PROP_ENUM, tess_enum_alignment, "\"stretch\"", LAY, \
    N_("Cross-axis alignment of the children") }, \
  { "justify", TESS_PROP_ENUM, tess_enum_justification, "\"start\"", LAY, \
    N_("Main-axis distribution of the children") }, \
  { "wrap", TESS_PROP_ENUM, wrap_values, "\"nowrap\"", LAY, N_("Whether children wrap") }, \
  { "gap", TESS_PROP_SPACING_LENGTH, NULL, NULL, LAY, \
    N_("Space between children, in 4 px units") }, \
  { "padding", TESS_PROP_SPACING, NULL, NULL, LAY, N_("Inner space, in 4 px units") }, \
  { "margin", TESS_PROP_SPACING, NULL, NULL, LAY, N_("Outer space, in 4 px units") }, \
  { "border", TESS_PROP_BORDER, NULL, NULL, LAY, N_("Border width in px, or border objects") }, \
  { "radius", TESS_PROP_ENUM, tess_enum_radius, NULL, 0, N_("Corner radius") }, \
  { "background", TESS_PROP_COLOR, NULL, NULL, 0, N_("Background colour") }

#define TEXT_STYLE_PROPS \
  { "color", TESS_PROP_COLOR, NULL, NULL, 0, N_("Text colour") }, \
  { "weight", TESS_PROP_ENUM, tess_enum_font_weight, NULL, 0, N_("Font weight") }, \
  { "textAlign", TESS_PROP_ENUM, text_align, "\"start\"", 0, N_("Horizontal alignment") }, \
  { "truncate", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("One line, cut with an ellipsis") }, \
  { "maxLines", TESS_PROP_INTEGER, NULL, NULL, 0, N_("Clamp to this many lines") }

static const TessPropInfo card_props[] = {
  { "size", TESS_PROP_ENUM, E ("sm", "md", "lg", "full"), "\"md\"", LAY,
    N_("Width preset: 320, 440 or 560 px, or full width") },
  { "padding", TESS_PROP_SPACING, NULL, "4", LAY, N_("Inner space, in 4 px units") },
  { "background", TESS_PROP_COLOR, NULL, NULL, 0, N_("Background colour") },
  { "border", TESS_PROP_BORDER, NULL, NULL, LAY, N_("Border width in px, or border objects") },
  { "status", TESS_PROP_STATUS, NULL, NULL, 0, N_("Header line with an icon or favicon") },
  { "collapsed", TESS_PROP_BOOLEAN, NULL, "false", 0,
    N_("Collapse the body once the main action is done") },
  { "asForm", TESS_PROP_BOOLEAN, NULL, "false", FORM,
    N_("Treat the card as a form for its confirm action") },
  { "confirm", TESS_PROP_CARD_ACTION, NULL, NULL, 0, N_("Primary footer button") },
  { "cancel", TESS_PROP_CARD_ACTION, NULL, NULL, 0, N_("Secondary footer button") },
  { "theme", TESS_PROP_ENUM, tess_enum_theme, NULL, 0, N_("Force a light or dark palette") },
};

static const TessPropInfo list_view_props[] = {
  { "limit", TESS_PROP_LIST_LIMIT, NULL, NULL, 0, N_("Items shown before “Show more”") },
  { "status", TESS_PROP_STATUS, NULL, NULL, 0, N_("Header line with an icon or favicon") },
  { "theme", TESS_PROP_ENUM, tess_enum_theme, NULL, 0, N_("Force a light or dark palette") },
};

static const TessPropInfo basic_props[] = {
  { "direction", TESS_PROP_ENUM, tess_enum_direction, "\"col\"", LAY, N_("Main axis") },
  { "gap", TESS_PROP_SPACING_LENGTH, NULL, NULL, LAY,
    N_("Space between children, in 4 px units") },
  { "padding", TESS_PROP_SPACING, NULL, NULL, LAY, N_("Inner space, in 4 px units") },
  { "align", TESS_PROP_ENUM, tess_enum_alignment, "\"stretch\"", LAY,
    N_("Cross-axis alignment of the children") },
  { "justify", TESS_PROP_ENUM, tess_enum_justification, "\"start\"", LAY,
    N_("Main-axis distribution of the children") },
  { "theme", TESS_PROP_ENUM, tess_enum_theme, NULL, 0, N_("Force a light or dark palette") },
};

static const TessPropInfo list_view_item_props[] = {
  { "onClickAction", TESS_PROP_ACTION, NULL, NULL, 0, N_("Action when the row is clicked") },
  { "gap", TESS_PROP_SPACING_LENGTH, NULL, NULL, LAY,
    N_("Space between children, in 4 px units") },
  { "align", TESS_PROP_ENUM, tess_enum_alignment, "\"center\"", LAY,
    N_("Vertical alignment of the content") },
};

static const TessPropInfo box_props[] = {
  BOX_BASE_PROPS,
  { "direction", TESS_PROP_ENUM, tess_enum_direction, "\"col\"", LAY, N_("Main axis") },
};

static const TessPropInfo row_col_props[] = {
  BOX_BASE_PROPS,
};

static const TessPropInfo form_props[] = {
  BOX_BASE_PROPS,
  { "direction", TESS_PROP_ENUM, tess_enum_direction, "\"col\"", LAY, N_("Main axis") },
  { "onSubmitAction", TESS_PROP_ACTION, NULL, NULL, FORM,
    N_("Action sent with the values of the form's fields") },
};

static const TessPropInfo spacer_props[] = {
  { "minSize", TESS_PROP_LENGTH, NULL, NULL, LAY, N_("Minimum length along the main axis") },
};

static const TessPropInfo divider_props[] = {
  { "color", TESS_PROP_COLOR, NULL, "\"default\"", 0, N_("Line colour") },
  { "size", TESS_PROP_LENGTH, NULL, "1", LAY, N_("Line thickness in px") },
  { "spacing", TESS_PROP_SPACING_LENGTH, NULL, NULL, LAY,
    N_("Space on both sides of the line, in 4 px units") },
  { "flush", TESS_PROP_BOOLEAN, NULL, "false", LAY,
    N_("Reach the container's edges through its padding") },
};

static const TessPropInfo text_props[] = {
  { "value", TESS_PROP_TEXT, NULL, NULL, REQ, N_("The text") },
  { "size", TESS_PROP_ENUM, tess_enum_text_size, "\"md\"", 0, N_("Font size") },
  TEXT_STYLE_PROPS,
  { "italic", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Italic") },
  { "lineThrough", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Struck through") },
  { "width", TESS_PROP_LENGTH, NULL, NULL, LAY, N_("Width of the text box") },
  { "minLines", TESS_PROP_INTEGER, NULL, NULL, 0, N_("Reserve the height of this many lines") },
  { "streaming", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Text is still arriving") },
  { "editable", TESS_PROP_FALSE_OR_EDITABLE, NULL, "false", FORM,
    N_("Inline editing as a form field") },
};

static const TessPropInfo title_props[] = {
  { "value", TESS_PROP_TEXT, NULL, NULL, REQ, N_("The text") },
  { "size", TESS_PROP_ENUM, tess_enum_title_size, "\"md\"", 0, N_("Font size") },
  TEXT_STYLE_PROPS,
};

static const TessPropInfo caption_props[] = {
  { "value", TESS_PROP_TEXT, NULL, NULL, REQ, N_("The text") },
  { "size", TESS_PROP_ENUM, tess_enum_caption_size, "\"md\"", 0, N_("Font size") },
  TEXT_STYLE_PROPS,
};

static const TessPropInfo markdown_props[] = {
  { "value", TESS_PROP_TEXT, NULL, NULL, REQ, N_("Markdown source") },
  { "streaming", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Text is still arriving") },
};

static const TessPropInfo label_props[] = {
  { "value", TESS_PROP_TEXT, NULL, NULL, REQ, N_("The text") },
  { "fieldName", TESS_PROP_STRING, NULL, NULL, REQ, N_("Name of the control it labels") },
  { "size", TESS_PROP_ENUM, tess_enum_text_size, "\"sm\"", 0, N_("Font size") },
  { "weight", TESS_PROP_ENUM, tess_enum_font_weight, "\"medium\"", 0, N_("Font weight") },
  { "textAlign", TESS_PROP_ENUM, text_align, "\"start\"", 0, N_("Horizontal alignment") },
  { "color", TESS_PROP_COLOR, NULL, NULL, 0, N_("Text colour") },
};

static const TessPropInfo badge_props[] = {
  { "label", TESS_PROP_TEXT, NULL, NULL, REQ, N_("The text") },
  { "color", TESS_PROP_ENUM,
    E ("secondary", "success", "danger", "warning", "info", "discovery"), "\"secondary\"", 0,
    N_("Colour") },
  { "variant", TESS_PROP_ENUM, E ("solid", "soft", "outline"), "\"soft\"", 0, N_("Style") },
  { "size", TESS_PROP_ENUM, E ("sm", "md", "lg"), "\"sm\"", 0, N_("Size") },
  { "pill", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Fully rounded ends") },
};

static const TessPropInfo icon_props[] = {
  { "name", TESS_PROP_ICON, NULL, NULL, REQ, N_("Icon name, or lucide:<name>") },
  { "color", TESS_PROP_COLOR, NULL, NULL, 0, N_("Icon colour") },
  { "size", TESS_PROP_ENUM, tess_enum_icon_size, "\"md\"", 0, N_("Icon size") },
};

static const TessPropInfo image_props[] = {
  { "src", TESS_PROP_STRING, NULL, NULL, REQ, N_("Image URL") },
  { "alt", TESS_PROP_TEXT, NULL, NULL, 0, N_("Text for screen readers and failed loads") },
  { "fit", TESS_PROP_ENUM, E ("cover", "contain", "fill", "scale-down", "none"), "\"cover\"", 0,
    N_("How the image fills its box") },
  { "position", TESS_PROP_ENUM,
    E ("top left", "top", "top right", "left", "center", "right", "bottom left", "bottom",
       "bottom right"), "\"center\"", 0, N_("Focal point") },
  { "radius", TESS_PROP_ENUM, tess_enum_radius, NULL, 0, N_("Corner radius") },
  { "frame", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Subtle frame around the image") },
  { "flush", TESS_PROP_BOOLEAN, NULL, "false", LAY, N_("Bleed to the container's edges") },
  SIZING_PROPS,
  { "margin", TESS_PROP_SPACING, NULL, NULL, LAY, N_("Outer space, in 4 px units") },
  { "background", TESS_PROP_COLOR, NULL, NULL, 0, N_("Background behind the image") },
};

static const TessPropInfo button_props[] = {
  { "label", TESS_PROP_TEXT, NULL, NULL, 0, N_("The text") },
  { "onClickAction", TESS_PROP_ACTION, NULL, NULL, 0, N_("Action when clicked") },
  { "submit", TESS_PROP_BOOLEAN, NULL, "false", FORM, N_("Submit the enclosing form") },
  { "iconStart", TESS_PROP_ICON, NULL, NULL, 0, N_("Icon before the label") },
  { "iconEnd", TESS_PROP_ICON, NULL, NULL, 0, N_("Icon after the label") },
  { "iconSize", TESS_PROP_ENUM, E ("sm", "md", "lg", "xl", "2xl"), NULL, 0, N_("Icon size") },
  { "style", TESS_PROP_ENUM, E ("primary", "secondary"), NULL, 0, N_("Preset style") },
  { "color", TESS_PROP_ENUM,
    E ("primary", "secondary", "info", "discovery", "success", "caution", "warning", "danger"),
    "\"primary\"", 0, N_("Colour") },
  { "variant", TESS_PROP_ENUM, tess_enum_control_variant, "\"solid\"", 0, N_("Style") },
  { "size", TESS_PROP_ENUM, tess_enum_control_size, "\"md\"", 0, N_("Size") },
  { "pill", TESS_PROP_BOOLEAN, NULL, "true", 0, N_("Fully rounded ends") },
  { "uniform", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Square: as wide as tall") },
  { "block", TESS_PROP_BOOLEAN, NULL, "false", LAY, N_("Take the full width") },
  { "disabled", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Not clickable") },
};

#define FIELD_PROPS \
  { "name", TESS_PROP_STRING, NULL, NULL, REQ | FORM, N_("Field name in the form payload") }, \
  { "disabled", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Not editable") }

static const TessPropInfo select_props[] = {
  FIELD_PROPS,
  { "options", TESS_PROP_SELECT_OPTIONS, NULL, NULL, REQ, N_("The choices") },
  { "onChangeAction", TESS_PROP_ACTION, NULL, NULL, 0, N_("Action when the choice changes") },
  { "placeholder", TESS_PROP_TEXT, NULL, NULL, 0, N_("Shown when nothing is chosen") },
  { "defaultValue", TESS_PROP_STRING, NULL, NULL, 0, N_("Initially chosen value") },
  { "variant", TESS_PROP_ENUM, tess_enum_control_variant, "\"outline\"", 0, N_("Style") },
  { "size", TESS_PROP_ENUM, tess_enum_control_size, "\"md\"", 0, N_("Size") },
  { "pill", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Fully rounded ends") },
  { "block", TESS_PROP_BOOLEAN, NULL, "false", LAY, N_("Take the full width") },
  { "clearable", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Offer a button to clear the choice") },
  { "searchable", TESS_PROP_BOOLEAN, NULL, NULL, 0,
    N_("Filter the choices by typing (default: more than 15 options)") },
};

static const TessPropInfo date_picker_props[] = {
  FIELD_PROPS,
  { "onChangeAction", TESS_PROP_ACTION, NULL, NULL, 0, N_("Action when the date changes") },
  { "placeholder", TESS_PROP_TEXT, NULL, NULL, 0, N_("Shown when no date is chosen") },
  { "defaultValue", TESS_PROP_STRING, NULL, NULL, 0, N_("Initial date (ISO 8601)") },
  { "min", TESS_PROP_STRING, NULL, NULL, 0, N_("Earliest date (ISO 8601)") },
  { "max", TESS_PROP_STRING, NULL, NULL, 0, N_("Latest date (ISO 8601)") },
  { "variant", TESS_PROP_ENUM, tess_enum_control_variant, "\"outline\"", 0, N_("Style") },
  { "size", TESS_PROP_ENUM, tess_enum_control_size, "\"md\"", 0, N_("Size") },
  { "side", TESS_PROP_ENUM, E ("top", "bottom", "left", "right"), "\"bottom\"", 0,
    N_("Where the calendar opens") },
  { "align", TESS_PROP_ENUM, text_align, "\"center\"", 0, N_("Calendar alignment") },
  { "pill", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Fully rounded ends") },
  { "block", TESS_PROP_BOOLEAN, NULL, "false", LAY, N_("Take the full width") },
  { "clearable", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Offer a button to clear the date") },
};

static const TessPropInfo checkbox_props[] = {
  FIELD_PROPS,
  { "label", TESS_PROP_TEXT, NULL, NULL, 0, N_("The text beside the box") },
  { "defaultChecked", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Initially checked") },
  { "onChangeAction", TESS_PROP_ACTION, NULL, NULL, 0, N_("Action when toggled") },
  { "required", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Must be checked to submit") },
};

#define TEXT_FIELD_PROPS \
  FIELD_PROPS, \
  { "defaultValue", TESS_PROP_TEXT, NULL, NULL, 0, N_("Initial text") }, \
  { "required", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Must not be empty to submit") }, \
  { "pattern", TESS_PROP_STRING, NULL, NULL, 0, N_("Regular expression the text must match") }, \
  { "placeholder", TESS_PROP_TEXT, NULL, NULL, 0, N_("Shown while empty") }, \
  { "allowAutofillExtensions", TESS_PROP_BOOLEAN, NULL, "false", 0, \
    N_("Let password managers fill it") }, \
  { "autoSelect", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Select the text on focus") }, \
  { "autoFocus", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Focus when shown") }, \
  { "variant", TESS_PROP_ENUM, E ("soft", "outline"), "\"outline\"", 0, N_("Style") }, \
  { "size", TESS_PROP_ENUM, tess_enum_control_size, "\"md\"", 0, N_("Size") }, \
  { "gutterSize", TESS_PROP_ENUM, tess_enum_gutter_size, NULL, 0, N_("Horizontal padding") }

static const TessPropInfo input_props[] = {
  TEXT_FIELD_PROPS,
  { "inputType", TESS_PROP_ENUM, E ("number", "email", "text", "password", "tel", "url"),
    "\"text\"", 0, N_("Kind of text expected") },
  { "pill", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Fully rounded ends") },
};

static const TessPropInfo textarea_props[] = {
  TEXT_FIELD_PROPS,
  { "rows", TESS_PROP_INTEGER, NULL, "3", 0, N_("Visible lines") },
  { "autoResize", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Grow with the text") },
  { "maxRows", TESS_PROP_INTEGER, NULL, NULL, 0, N_("Most lines when growing") },
};

static const TessPropInfo radio_group_props[] = {
  FIELD_PROPS,
  { "options", TESS_PROP_RADIO_OPTIONS, NULL, NULL, 0, N_("The choices") },
  { "ariaLabel", TESS_PROP_TEXT, NULL, NULL, 0, N_("Accessible name (default: the name)") },
  { "onChangeAction", TESS_PROP_ACTION, NULL, NULL, 0, N_("Action when the choice changes") },
  { "defaultValue", TESS_PROP_STRING, NULL, NULL, 0, N_("Initially chosen value") },
  { "direction", TESS_PROP_ENUM, tess_enum_direction, "\"row\"", LAY, N_("Layout of choices") },
  { "required", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("A choice is needed to submit") },
};

static const TessPropInfo chart_props[] = {
  { "data", TESS_PROP_CHART_DATA, NULL, NULL, REQ, N_("One row per x category") },
  { "series", TESS_PROP_CHART_SERIES, NULL, NULL, REQ, N_("Bar, line and area series") },
  { "xAxis", TESS_PROP_CHART_X_AXIS, NULL, NULL, REQ, N_("Data key of the x axis") },
  { "showYAxis", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("Show the y axis") },
  { "showLegend", TESS_PROP_BOOLEAN, NULL, "true", 0, N_("Show the legend") },
  { "showTooltip", TESS_PROP_BOOLEAN, NULL, "true", 0, N_("Show values on hover") },
  { "barGap", TESS_PROP_INTEGER, NULL, "4", 0, N_("Gap between bars of a category, px") },
  { "barCategoryGap", TESS_PROP_INTEGER, NULL, "10", 0, N_("Gap between categories, px") },
  SIZING_PROPS,
};

static const TessPropInfo table_row_props[] = {
  { "header", TESS_PROP_BOOLEAN, NULL, "false", 0, N_("A header row") },
};

static const TessPropInfo table_cell_props[] = {
  { "width", TESS_PROP_LENGTH, NULL, NULL, LAY, N_("Column width") },
  { "padding", TESS_PROP_SPACING, NULL, NULL, LAY, N_("Inner space, in 4 px units") },
  { "colSpan", TESS_PROP_INTEGER, NULL, "1", LAY, N_("Columns spanned") },
  { "rowSpan", TESS_PROP_INTEGER, NULL, "1", LAY, N_("Rows spanned") },
  { "align", TESS_PROP_ENUM, text_align, "\"start\"", LAY, N_("Horizontal alignment") },
  { "vAlign", TESS_PROP_ENUM, text_align, "\"center\"", LAY, N_("Vertical alignment") },
  { "colSize", TESS_PROP_ENUM, E ("xs", "sm", "md", "lg", "xl"), NULL, LAY,
    N_("Column width preset") },
};

#define COMPONENT(type, role, cat, children, req, props, desc, icon) \
  { type, TESS_ROLE_##role, TESS_CATEGORY_##cat, TESS_CHILDREN_##children, req, \
    props, G_N_ELEMENTS (props), desc, icon }
#define LEAF(type, cat, props, desc, icon) \
  COMPONENT (type, COMPONENT, cat, NONE, FALSE, props, desc, icon)

#define COMPONENT_WITHOUT_PROPS(type, role, cat, children, req, desc, icon) \
  { type, TESS_ROLE_##role, TESS_CATEGORY_##cat, TESS_CHILDREN_##children, req, \
    NULL, 0, desc, icon }

static const TessComponentInfo components[] = {
  COMPONENT ("Card", ROOT, ROOT, COMPONENTS, TRUE, card_props,
             N_("A bounded card with optional status, confirm and cancel"),
             "tess-card-symbolic"),
  COMPONENT ("ListView", ROOT, ROOT, LIST_ITEMS, TRUE, list_view_props,
             N_("A list of rows with “Show more”"), "view-list-symbolic"),
  COMPONENT ("Basic", ROOT, ROOT, COMPONENTS_OR_ROOTS, FALSE, basic_props,
             N_("A plain root without a frame"), "tess-basic-symbolic"),
  COMPONENT ("ListViewItem", LIST_ITEM, LAYOUT, COMPONENTS, TRUE, list_view_item_props,
             N_("One row of a ListView"), "tess-list-item-symbolic"),
  COMPONENT ("Box", COMPONENT, LAYOUT, COMPONENTS, FALSE, box_props,
             N_("A flex container"), "tess-box-symbolic"),
  COMPONENT ("Row", COMPONENT, LAYOUT, COMPONENTS, FALSE, row_col_props,
             N_("Children side by side"), "tess-row-symbolic"),
  COMPONENT ("Col", COMPONENT, LAYOUT, COMPONENTS, FALSE, row_col_props,
             N_("Children stacked vertically"), "tess-col-symbolic"),
  COMPONENT ("Form", COMPONENT, LAYOUT, COMPONENTS, FALSE, form_props,
             N_("Collects the values of its fields on submit"), "tess-form-symbolic"),
  LEAF ("Spacer", LAYOUT, spacer_props, N_("Pushes its siblings apart"), "tess-spacer-symbolic"),
  LEAF ("Divider", LAYOUT, divider_props, N_("A thin line"), "tess-divider-symbolic"),
  COMPONENT_WITHOUT_PROPS ("Transition", COMPONENT, LAYOUT, SINGLE, TRUE,
             N_("Animates changes of its one child"), "tess-transition-symbolic"),
  LEAF ("Text", TEXT, text_props, N_("Plain text"), "tess-text-symbolic"),
  LEAF ("Title", TEXT, title_props, N_("A headline"), "tess-title-symbolic"),
  LEAF ("Caption", TEXT, caption_props, N_("Small supporting text"), "tess-caption-symbolic"),
  LEAF ("Markdown", TEXT, markdown_props, N_("Formatted text"), "tess-markdown-symbolic"),
  LEAF ("Label", TEXT, label_props, N_("The label of a form field"), "tess-label-symbolic"),
  LEAF ("Badge", CONTENT, badge_props, N_("A small coloured tag"), "tess-badge-symbolic"),
  LEAF ("Icon", CONTENT, icon_props, N_("A symbolic icon"), "tess-icon-symbolic"),
  LEAF ("Image", CONTENT, image_props, N_("A picture from a URL"), "tess-image-symbolic"),
  LEAF ("Button", CONTROL, button_props, N_("A button that sends an action"),
        "tess-button-symbolic"),
  LEAF ("Input", CONTROL, input_props, N_("A single-line text field"), "tess-input-symbolic"),
  LEAF ("Textarea", CONTROL, textarea_props, N_("A multi-line text field"),
        "tess-textarea-symbolic"),
  LEAF ("Select", CONTROL, select_props, N_("A drop-down choice"), "tess-select-symbolic"),
  LEAF ("DatePicker", CONTROL, date_picker_props, N_("A date chosen from a calendar"),
        "tess-date-symbolic"),
  LEAF ("Checkbox", CONTROL, checkbox_props, N_("A box to tick"), "tess-checkbox-symbolic"),
  LEAF ("RadioGroup", CONTROL, radio_group_props, N_("One choice among several"),
        "tess-radio-symbolic"),
  LEAF ("Chart", DATA, chart_props, N_("Bar, line and area charts"), "tess-chart-symbolic"),
  COMPONENT_WITHOUT_PROPS ("Table", COMPONENT, DATA, TABLE_ROWS, FALSE, N_("A table of rows"),
                           "tess-table-symbolic"),
  COMPONENT ("Table.Row", TABLE_ROW, DATA, TABLE_CELLS, FALSE, table_row_props,
             N_("A row of a table"), "tess-table-row-symbolic"),
  COMPONENT ("Table.Cell", TABLE_CELL, DATA, COMPONENTS, FALSE, table_cell_props,
             N_("A cell of a table row"), "tess-table-cell-symbolic"),
};

guint
tess_catalog_get_n_components (void)
{
  return G_N_ELEMENTS (components);
}

const TessComponentInfo *
tess_catalog_get_component (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (components), NULL);

  return &components[index];
}

const TessComponentInfo *
tess_catalog_lookup (const char *type)
{
  g_return_val_if_fail (type != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (components); i++)
    {
      if (strcmp (components[i].type, type) == 0)
        return &components[i];
    }

  return NULL;
}

const TessPropInfo *
tess_component_info_lookup_prop (const TessComponentInfo *info,
                                 const char              *name)
{
  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < info->n_props; i++)
    {
      if (info->props[i].name != NULL && strcmp (info->props[i].name, name) == 0)
        return &info->props[i];
    }

  return tess_catalog_lookup_common_prop (name);
}

const TessPropInfo *
tess_catalog_lookup_common_prop (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (common_props); i++)
    {
      if (strcmp (common_props[i].name, name) == 0)
        return &common_props[i];
    }

  return NULL;
}

gboolean
tess_component_info_accepts_child (const TessComponentInfo *parent,
                                   const TessComponentInfo *child)
{
  g_return_val_if_fail (parent != NULL, FALSE);
  g_return_val_if_fail (child != NULL, FALSE);

  switch (parent->children)
    {
    case TESS_CHILDREN_NONE:
      return FALSE;
    case TESS_CHILDREN_COMPONENTS:
    case TESS_CHILDREN_SINGLE:
      return child->role == TESS_ROLE_COMPONENT;
    case TESS_CHILDREN_COMPONENTS_OR_ROOTS:
      return child->role == TESS_ROLE_COMPONENT || child->role == TESS_ROLE_ROOT;
    case TESS_CHILDREN_LIST_ITEMS:
      return child->role == TESS_ROLE_LIST_ITEM;
    case TESS_CHILDREN_TABLE_ROWS:
      return child->role == TESS_ROLE_TABLE_ROW;
    case TESS_CHILDREN_TABLE_CELLS:
      return child->role == TESS_ROLE_TABLE_CELL;
    default:
      g_assert_not_reached ();
    }
}

gboolean
tess_component_info_is_container (const TessComponentInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return info->children != TESS_CHILDREN_NONE;
}

const char *
tess_component_category_get_title (TessComponentCategory category)
{
  switch (category)
    {
    case TESS_CATEGORY_ROOT:
      return _("Roots");
    case TESS_CATEGORY_LAYOUT:
      return _("Layout");
    case TESS_CATEGORY_TEXT:
      return _("Text");
    case TESS_CATEGORY_CONTENT:
      return _("Content");
    case TESS_CATEGORY_CONTROL:
      return _("Controls");
    case TESS_CATEGORY_DATA:
      return _("Data");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char * const *
tess_catalog_get_icon_names (void)
{
  return icon_names;
}

gboolean
tess_catalog_is_icon_name (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_str_has_prefix (name, "lucide:") || g_str_has_prefix (name, "vendor:"))
    return name[7] != '\0';

  return tess_enum_contains (icon_names, name);
}

gboolean
tess_enum_contains (const char * const *values,
                    const char         *value)
{
  g_return_val_if_fail (values != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  for (guint i = 0; values[i] != NULL; i++)
    {
      if (strcmp (values[i], value) == 0)
        return TRUE;
    }

  return FALSE;
}
