/* tess-catalog.h: the one list of ChatKit components and their props
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every layer that needs to know what a component is — the validator, the renderer, the
 * designer's palette and inspector — reads this catalog. Adding a prop means adding one
 * entry in tess-catalog.c.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TESS_PROP_STRING,          /* an identifier-like string (name, src, url) */
  TESS_PROP_TEXT,            /* display text: a number or boolean is shown as its JSON text */
  TESS_PROP_BOOLEAN,
  TESS_PROP_FALSE_OR_EDITABLE, /* Text.editable: false or EditableProps */
  TESS_PROP_INTEGER,
  TESS_PROP_ENUM,
  TESS_PROP_LENGTH,          /* px number or CSS length string */
  TESS_PROP_SPACING_LENGTH,  /* number of 4 px spacing units or CSS length string */
  TESS_PROP_SPACING,         /* spacing length, or {top,right,bottom,left,x,y} of them */
  TESS_PROP_FLEX,            /* number (flex: N 1 0%) or CSS flex shorthand */
  TESS_PROP_ASPECT_RATIO,    /* number or "W/H" string */
  TESS_PROP_BORDER,          /* px number, Border or Borders object */
  TESS_PROP_COLOR,           /* token, CSS colour or {light, dark} */
  TESS_PROP_ICON,            /* built-in icon name, "lucide:…" or "vendor:…" */
  TESS_PROP_ACTION,          /* ActionConfig */
  TESS_PROP_CARD_ACTION,     /* {label, action} */
  TESS_PROP_STATUS,          /* WidgetStatus */
  TESS_PROP_SELECT_OPTIONS,  /* [{value, label, disabled?, description?}] */
  TESS_PROP_RADIO_OPTIONS,   /* [{value, label, disabled?}] */
  TESS_PROP_LIST_LIMIT,      /* integer or "auto" */
  TESS_PROP_CHART_DATA,      /* [{key: string | number}] */
  TESS_PROP_CHART_SERIES,    /* [Series] */
  TESS_PROP_CHART_X_AXIS,    /* dataKey string or {dataKey, hide?, labels?} */
  TESS_PROP_JSON,            /* any JSON value (an action's payload) */
} TessPropType;

typedef enum
{
  TESS_PROP_FLAG_NONE     = 0,
  TESS_PROP_FLAG_REQUIRED = 1 << 0,
  TESS_PROP_FLAG_LAYOUT   = 1 << 1, /* affects geometry; the inspector groups these */
  TESS_PROP_FLAG_FORM     = 1 << 2, /* takes part in form submission */
} TessPropFlags;

typedef struct
{
  const char         *name;
  TessPropType        type;
  const char * const *values;        /* NULL-terminated choices for TESS_PROP_ENUM */
  const char         *default_value; /* rendering default as JSON text, or NULL */
  TessPropFlags       flags;
  const char         *description;   /* translatable (N_), for the inspector */
} TessPropInfo;

typedef enum
{
  TESS_CHILDREN_NONE,                /* a leaf; "children": null or [] is tolerated */
  TESS_CHILDREN_COMPONENTS,          /* a list of components */
  TESS_CHILDREN_COMPONENTS_OR_ROOTS, /* Basic: components or nested roots */
  TESS_CHILDREN_LIST_ITEMS,          /* ListView: ListViewItem only */
  TESS_CHILDREN_TABLE_ROWS,          /* Table: Table.Row only */
  TESS_CHILDREN_TABLE_CELLS,         /* Table.Row: Table.Cell only */
  TESS_CHILDREN_SINGLE,              /* Transition: one component object */
} TessChildrenKind;

typedef enum
{
  TESS_ROLE_ROOT,
  TESS_ROLE_COMPONENT,
  TESS_ROLE_LIST_ITEM,
  TESS_ROLE_TABLE_ROW,
  TESS_ROLE_TABLE_CELL,
} TessComponentRole;

typedef enum
{
  TESS_CATEGORY_ROOT,
  TESS_CATEGORY_LAYOUT,
  TESS_CATEGORY_TEXT,
  TESS_CATEGORY_CONTENT,
  TESS_CATEGORY_CONTROL,
  TESS_CATEGORY_DATA,
} TessComponentCategory;

typedef struct
{
  const char            *type;
  TessComponentRole      role;
  TessComponentCategory  category;
  TessChildrenKind       children;
  gboolean               children_required;
  const TessPropInfo    *props;
  guint                  n_props;
  const char            *description;  /* translatable (N_), for the palette */
  const char            *icon_name;    /* symbolic icon for the palette and outline */
} TessComponentInfo;

guint                     tess_catalog_get_n_components       (void);
const TessComponentInfo  *tess_catalog_get_component          (guint                    index);
const TessComponentInfo  *tess_catalog_lookup                 (const char              *type);
const TessPropInfo       *tess_component_info_lookup_prop     (const TessComponentInfo *info,
                                                               const char              *name);
gboolean                  tess_component_info_accepts_child   (const TessComponentInfo *parent,
                                                               const TessComponentInfo *child);
gboolean                  tess_component_info_is_container    (const TessComponentInfo *info);
const char               *tess_component_category_get_title   (TessComponentCategory    category);

/* Props every node may carry besides its own. */
const TessPropInfo       *tess_catalog_lookup_common_prop     (const char              *name);

/* The built-in ChatKit icon names, NULL-terminated. */
const char * const       *tess_catalog_get_icon_names         (void);
gboolean                  tess_catalog_is_icon_name           (const char              *name);

/* The shared enumerations other layers map to pixels. */
extern const char * const tess_enum_text_size[];
extern const char * const tess_enum_title_size[];
extern const char * const tess_enum_caption_size[];
extern const char * const tess_enum_icon_size[];
extern const char * const tess_enum_control_size[];
extern const char * const tess_enum_gutter_size[];
extern const char * const tess_enum_radius[];
extern const char * const tess_enum_alignment[];
extern const char * const tess_enum_justification[];
extern const char * const tess_enum_font_weight[];
extern const char * const tess_enum_control_variant[];
extern const char * const tess_enum_curve_type[];
extern const char * const tess_enum_border_style[];
extern const char * const tess_enum_theme[];
extern const char * const tess_enum_direction[];

gboolean                  tess_enum_contains                  (const char * const      *values,
                                                               const char              *value);

G_END_DECLS
