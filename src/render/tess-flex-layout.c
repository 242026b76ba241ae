/* tess-flex-layout.c: a GtkLayoutManager that lays children out as CSS flexbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each container lays out one level: the container is the root of a small engine tree and
 * its children are measured leaves whose sizes come from gtk_widget_measure() (minimum for
 * min-content, natural for max-content, height for width), so nested TessFlexLayouts and
 * any other widget compose. The engine works in border-box sizes; a child's padding and
 * border are part of its item style, so the measure callback hands back content sizes.
 *
 * Baselines (align-items: baseline) are worked out only where they are read: for a row's
 * baseline-aligned items, and for the items that may give a container its own first baseline
 * when that one is read in turn (see baseline_wanted()). A child's baseline is what GTK
 * measures for it; a nested TessFlexLayout's is laid out at the exact size it gets.
 *
 * GTK measures a container about five times a frame (widths, heights for widths, baselines,
 * allocation), so the engine tree is kept between them and built again only when what it is
 * built from changed: the visible children and their order (checked against the tree at each
 * layout), the item styles (tess_flex_layout_child_set_style()), the container's own style and
 * the item style its parent gives it. Sizes are never kept from one layout to the next: the
 * children's content may have changed in between, and only GTK's size cache knows.
 */

#include "config.h"

#include "tess-flex-layout.h"

struct _TessFlexLayoutChild
{
  GtkLayoutChild parent_instance;
  TessLayoutStyle style;
};

G_DEFINE_FINAL_TYPE (TessFlexLayoutChild, tess_flex_layout_child, GTK_TYPE_LAYOUT_CHILD)

/* A layout pass is a measure or allocation GTK asks for, with the ones the containers inside
 * run for it: nothing changes the widgets during one, so what is worked out in it holds
 * until it ends. A container laid out at a given size for its baseline keeps the answer for
 * the pass: its parent's engine asks for it more than once, and each time would lay out the
 * containers inside again (nested baseline rows would be laid out twice as often at each
 * level: render-baseline's deep-chain). */
static guint pass_depth;
static guint pass_serial;

#define N_BASELINE_MEMO 4

typedef struct
{
  float width;
  float height;
  gboolean height_indefinite;
  float baseline;
} BaselineMemo;

/* engine trees built by all TessFlexLayouts, for tess_flex_layout_get_tree_builds() */
static guint total_tree_builds;

struct _TessFlexLayout
{
  GtkLayoutManager parent_instance;
  TessLayoutStyle style;
  TessLayoutTree *tree;
  GArray *children; /* ChildInfo, by engine node order */
  /* whether tree and children still stand for the container (see ensure_tree()) */
  gboolean tree_valid;
  TessLayoutNodeId root;
  TessLayoutStyle root_style; /* as the root node was given it */
  guint tree_builds;
  gboolean height_indefinite;
  /* set while an intrinsic width pass runs whose result cannot depend on the children's
   * heights: they are then not measured (see widths_need_heights()) */
  gboolean widths_only;
  /* set while a row is laid out at a known width: min-content widths are measured without
   * the height that goes with them (see compute_layout()) */
  gboolean min_content_widths_only;
  /* whether the parent reads this container's baseline (see baseline_wanted()) */
  gboolean baseline_wanted;
  /* baselines worked out for the parent in the current layout pass (see layout_baseline()) */
  BaselineMemo baseline_memo[N_BASELINE_MEMO];
  guint baseline_memo_len;
  guint baseline_memo_next;
  guint baseline_memo_pass;
};

G_DEFINE_FINAL_TYPE (TessFlexLayout, tess_flex_layout, GTK_TYPE_LAYOUT_MANAGER)

typedef struct
{
  GtkWidget *widget;
  TessLayoutNodeId node;
  float padding_border[2];
  float style_height; /* border-box px, NAN when not fixed */
  /* whether its min-content width may be measured without a height: its padding and border
   * are in px (so padding_border is what the engine adds) and it has no aspect ratio */
  gboolean plain_box;
  /* whether the container aligns it by its baseline */
  gboolean aligned_by_baseline;
  /* whether it is laid out by a TessFlexLayout of its own (a measured container) */
  gboolean flex_container;
  /* border-box min-content width answered with a made-up height, NAN when none */
  float unmeasured_height_width;
  /* whether the container reads its baseline: a row aligns it by its baseline, or it may give
   * the container its own baseline, which is read */
  gboolean baseline_wanted;
  /* the last baseline worked out for it and the border-box size it was for */
  float baseline;
  float baseline_size[2];
} ChildInfo;

/* ---- child ---------------------------------------------------------------------------- */

static void
tess_flex_layout_child_dispose (GObject *object)
{
  GtkLayoutManager *manager = gtk_layout_child_get_layout_manager (GTK_LAYOUT_CHILD (object));

  /* Its widget left the container. The check of the children at the next layout would miss
   * a new widget made at the same address in the same place; this does not. (Only a flag is
   * set: the manager may be being finalized.) */
  if (manager != NULL)
    ((TessFlexLayout *) manager)->tree_valid = FALSE;
  G_OBJECT_CLASS (tess_flex_layout_child_parent_class)->dispose (object);
}

static void
tess_flex_layout_child_class_init (TessFlexLayoutChildClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tess_flex_layout_child_dispose;
}

static void
tess_flex_layout_child_init (TessFlexLayoutChild *self)
{
  tess_layout_style_init (&self->style);
}

void
tess_flex_layout_child_set_style (TessFlexLayoutChild   *self,
                                  const TessLayoutStyle *style)
{
  GtkLayoutManager *manager;

  g_return_if_fail (TESS_IS_FLEX_LAYOUT_CHILD (self));
  g_return_if_fail (style != NULL);

  manager = gtk_layout_child_get_layout_manager (GTK_LAYOUT_CHILD (self));
  /* updates set every style again, mostly to what it was */
  if (memcmp (&self->style, style, sizeof *style) != 0)
    TESS_FLEX_LAYOUT (manager)->tree_valid = FALSE;
  self->style = *style;
  gtk_layout_manager_layout_changed (manager);
}

const TessLayoutStyle *
tess_flex_layout_child_get_style (TessFlexLayoutChild *self)
{
  g_return_val_if_fail (TESS_IS_FLEX_LAYOUT_CHILD (self), NULL);
  return &self->style;
}

/* ---- measuring children ----------------------------------------------------------------- */

/* Whether @widget is a wrapping label whose natural width is its text's unbroken width. */
static gboolean
is_plain_wrapping_label (GtkWidget *widget)
{
  GtkLabel *label;

  if (!GTK_IS_LABEL (widget))
    return FALSE;
  label = GTK_LABEL (widget);
  return gtk_label_get_wrap (label) && gtk_label_get_ellipsize (label) == PANGO_ELLIPSIZE_NONE
         && gtk_label_get_width_chars (label) < 0 && gtk_label_get_max_width_chars (label) < 0;
}

static float
measure_height (GtkWidget *widget,
                int        width)
{
  int minimum, natural;

  /* At its natural width or wider a wrapping label breaks no line: its height is its height
   * at no particular width, which GtkLabel reads off the layout its width measure left, where
   * a height for a width would lay the text out again. */
  if (is_plain_wrapping_label (widget))
    {
      int natural_width;

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural_width, NULL,
                          NULL);
      if (width >= natural_width)
        {
          gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &minimum, NULL, NULL, NULL);
          return minimum;
        }
    }
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  return natural;
}

/* Engine sizes are floats and may be anything hostile props make them; GTK sizes are ints.
 * Rounded up (the box must hold its content) and kept in a range ints and GTK handle. */
#define MAX_GTK_PX 10000000.f

static int
gtk_px (float px)
{
  if (isnan (px))
    return 0;
  return (int) ceilf (CLAMP (px, -MAX_GTK_PX, MAX_GTK_PX));
}

/* Whether @widget's width may depend on the height it gets: a flex container's does (a
 * wrapping column), a widget's that trades height for width does not. */
static gboolean
width_depends_on_height (GtkWidget *widget)
{
  return TESS_IS_FLEX_LAYOUT (gtk_widget_get_layout_manager (widget))
         || gtk_widget_get_request_mode (widget) != GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
measure_child (gpointer  node_context,
               float     known_width,
               float     known_height,
               float     available_width,
               float     available_height,
               float    *out_width,
               float    *out_height,
               gpointer  user_data)
{
  ChildInfo *info = node_context;
  TessFlexLayout *self = user_data;
  float width, height;
  int minimum, natural;

  if (!isnan (known_width))
    width = known_width + info->padding_border[0];
  else
    {
      /* a fixed height of the child's own is part of what its width depends on (a wrapping
       * column), though the engine only passes it when it has decided it; the width of a
       * widget whose height depends on its width (text) depends on no height, as in CSS, and
       * GtkLabel's width for a height can come out with a natural width below its minimum */
      float height_hint = !isnan (known_height) ? known_height + info->padding_border[1]
                                                : info->style_height;
      int for_height = isnan (height_hint) || !width_depends_on_height (info->widget)
                       ? -1 : gtk_px (MAX (0.f, height_hint));

      gtk_widget_measure (info->widget, GTK_ORIENTATION_HORIZONTAL, for_height,
                          &minimum, &natural, NULL, NULL);
      if (available_width == TESS_LAYOUT_MIN_CONTENT)
        width = minimum;
      else if (available_width == TESS_LAYOUT_MAX_CONTENT)
        width = natural;
      else /* fit-content */
        width = CLAMP (available_width + info->padding_border[0], minimum, natural);
    }

  if (!isnan (known_height))
    height = known_height + info->padding_border[1];
  else if (self->widths_only)
    height = 0.f; /* nothing in this pass reads it */
  else if (self->min_content_widths_only && info->plain_box
           && available_width == TESS_LAYOUT_MIN_CONTENT && isnan (known_width))
    {
      /* an automatic minimum width: only the width is read (the height at a min-content
       * width is the costliest text layout there is) */
      height = 0.f;
      info->unmeasured_height_width = MAX (width, info->padding_border[0]);
    }
  else
    /* the block axis has one intrinsic size: the height for this width */
    height = measure_height (info->widget, gtk_px (MAX (0.f, width)));

  *out_width = MAX (0.f, width - info->padding_border[0]);
  *out_height = MAX (0.f, height - info->padding_border[1]);
}

static float
resolve_px (TessLayoutLength length)
{
  return length.unit == TESS_LAYOUT_UNIT_PX ? length.value : 0.f;
}

static float layout_baseline (TessFlexLayout *self,
                              GtkWidget      *widget,
                              float           width,
                              float           height);

/* What GTK takes off each side of a child's allocation before its layout manager sees it:
 * the widget's margins and its CSS margin, border and padding (ints: the sum of four
 * hostile lengths does not fit a GtkBorder's 16 bits). */
typedef struct
{
  int left, right, top, bottom;
} GtkEdges;

static void
get_gtk_edges (GtkWidget *widget,
               GtkEdges  *edges)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GtkBorder margin, border, padding;

  gtk_style_context_get_margin (context, &margin);
  gtk_style_context_get_border (context, &border);
  gtk_style_context_get_padding (context, &padding);
  edges->left = gtk_widget_get_margin_start (widget) + margin.left + border.left + padding.left;
  edges->right = gtk_widget_get_margin_end (widget) + margin.right + border.right + padding.right;
  edges->top = gtk_widget_get_margin_top (widget) + margin.top + border.top + padding.top;
  edges->bottom = gtk_widget_get_margin_bottom (widget) + margin.bottom + border.bottom
                  + padding.bottom;
}

/* The first baseline of a child whose border box is @width × @height, from its top; NAN when
 * it has none. A nested TessFlexLayout is laid out at that size (its content, and so its
 * baseline, moves with the height it gets); any other widget reports its own, for its
 * natural height at that width, and gets it back when allocated (see allocate()). */
static float
child_baseline (TessFlexLayout *self,
                ChildInfo      *info,
                float           width,
                float           height)
{
  GtkLayoutManager *manager = gtk_widget_get_layout_manager (info->widget);
  int baseline;

  if (TESS_IS_FLEX_LAYOUT (manager))
    {
      /* its layout gets what GTK leaves of the box once the edges are taken off (a render
       * container's CSS draws padding and border, a plain box lays them out itself) */
      GtkEdges edges;

      get_gtk_edges (info->widget, &edges);
      return edges.top + layout_baseline (TESS_FLEX_LAYOUT (manager), info->widget,
                                          MAX (0.f, width - edges.left - edges.right),
                                          MAX (0.f, height - edges.top - edges.bottom));
    }
  gtk_widget_measure (info->widget, GTK_ORIENTATION_VERTICAL, gtk_px (MAX (0.f, width)),
                      NULL, NULL, NULL, &baseline);
  if (baseline < 0)
    return NAN;
  /* GtkLabel reports its text's baseline rounded up, but given a baseline it draws the text
   * that far above it rounded down: the lower one keeps the text where it sits unaligned */
  if (GTK_IS_LABEL (info->widget)
      && pango_layout_get_baseline (gtk_label_get_layout (GTK_LABEL (info->widget)))
         % PANGO_SCALE != 0)
    baseline--;
  return baseline;
}

static float
baseline_child (gpointer node_context,
                float    width,
                float    height,
                gpointer user_data)
{
  ChildInfo *info = node_context;
  TessFlexLayout *self = user_data;

  /* an intrinsic width pass reads no cross sizes, so no baselines either */
  if (!info->baseline_wanted || self->widths_only)
    return NAN;
  info->baseline = child_baseline (self, info, width, height);
  info->baseline_size[0] = width;
  info->baseline_size[1] = height;
  return info->baseline;
}

/* The container's own item style when its parent is a TessFlexLayout too, else NULL. */
static const TessLayoutStyle *
get_item_style (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  GtkLayoutManager *parent_manager;

  if (parent == NULL)
    return NULL;
  parent_manager = gtk_widget_get_layout_manager (parent);
  if (!TESS_IS_FLEX_LAYOUT (parent_manager))
    return NULL;
  return tess_flex_layout_child_get_style (
    TESS_FLEX_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (parent_manager, widget)));
}

static gboolean
is_column (const TessLayoutStyle *style)
{
  return style->flex_direction == TESS_LAYOUT_COLUMN
         || style->flex_direction == TESS_LAYOUT_COLUMN_REVERSE;
}

/* Whether a row aligns @item by its baseline (a column's cross axis has no baselines). */
static gboolean
aligned_by_baseline (const TessLayoutStyle *container,
                     const TessLayoutStyle *item)
{
  guint8 align = item->align_self == TESS_LAYOUT_ALIGN_AUTO ? container->align_items
                                                            : item->align_self;

  return !is_column (container) && align == TESS_LAYOUT_ALIGN_BASELINE;
}

/* Whether @child of @container may give the container its first baseline (§8.5: the first
 * baseline-aligned item, else the first item; the engine takes the item nearest the top, the
 * last in a reversed column and anywhere in the last line of a wrap-reverse container). The
 * first and last items cover all but wrap-reverse; baseline-aligned items are read anyway. */
static gboolean
may_give_baseline (TessFlexLayout *container,
                   GtkWidget      *container_widget,
                   GtkWidget      *child)
{
  GtkWidget *first = gtk_widget_get_first_child (container_widget);
  GtkWidget *last = gtk_widget_get_last_child (container_widget);

  if (container->style.flex_wrap == TESS_LAYOUT_WRAP_REVERSE)
    return TRUE;
  while (first != NULL && !gtk_widget_should_layout (first))
    first = gtk_widget_get_next_sibling (first);
  while (last != NULL && !gtk_widget_should_layout (last))
    last = gtk_widget_get_prev_sibling (last);
  return child == first || child == last;
}

/* Whether the TessFlexLayout parent of @widget reads its baseline: it is aligned by its
 * baseline in a row, or it may give the parent the parent's baseline, which is read in turn.
 * Nobody else asks, so nothing else pays for working baselines out. */
static gboolean
baseline_wanted (GtkWidget *widget)
{
  for (GtkWidget *parent = gtk_widget_get_parent (widget); parent != NULL;
       widget = parent, parent = gtk_widget_get_parent (widget))
    {
      GtkLayoutManager *manager = gtk_widget_get_layout_manager (parent);
      TessFlexLayout *container;
      const TessLayoutStyle *style;

      if (!TESS_IS_FLEX_LAYOUT (manager))
        return FALSE;
      container = TESS_FLEX_LAYOUT (manager);
      style = tess_flex_layout_child_get_style (
        TESS_FLEX_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (manager, widget)));
      if (aligned_by_baseline (&container->style, style))
        return TRUE;
      if (!may_give_baseline (container, parent, widget))
        return FALSE;
    }
  return FALSE;
}

/* The root's style: the container's own, sized by the caller. */
static void
get_root_style (TessFlexLayout  *self,
                GtkWidget       *widget,
                TessLayoutStyle *root_style)
{
  const TessLayoutStyle *item_style;

  *root_style = self->style;
  root_style->size[0] = root_style->size[1] = TESS_LAYOUT_AUTO;
  root_style->min_size[0] = root_style->min_size[1] = TESS_LAYOUT_AUTO;
  root_style->max_size[0] = root_style->max_size[1] = TESS_LAYOUT_AUTO;
  for (guint e = 0; e < 4; e++)
    root_style->margin[e] = TESS_LAYOUT_PX (0);
  /* a preferred aspect ratio is an item prop, kept by the parent's layout child; the
   * container needs it too, to size its content at the height the ratio gives it, and a
   * wrapping column its own height, min-height and max-height to break its lines at (the
   * root is computed as an item, so they do not size it again) */
  root_style->aspect_ratio = 0.f;
  item_style = get_item_style (widget);
  if (item_style != NULL)
    {
      root_style->aspect_ratio = item_style->aspect_ratio;
      if (item_style->size[1].unit == TESS_LAYOUT_UNIT_PX)
        root_style->size[1] = item_style->size[1];
      if (item_style->min_size[1].unit == TESS_LAYOUT_UNIT_PX)
        root_style->min_size[1] = item_style->min_size[1];
      if (item_style->max_size[1].unit == TESS_LAYOUT_UNIT_PX)
        root_style->max_size[1] = item_style->max_size[1];
    }
}

/* Builds the engine tree: the container as root, each visible child a measured leaf. */
static void
build_tree (TessFlexLayout        *self,
            GtkWidget             *widget,
            const TessLayoutStyle *root_style)
{
  tess_layout_tree_clear (self->tree);
  g_array_set_size (self->children, 0);
  self->root_style = *root_style;
  self->root = tess_layout_tree_add_node (self->tree, root_style);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLayoutChild *layout_child;
      const TessLayoutStyle *style;
      ChildInfo info;

      if (!gtk_widget_should_layout (child))
        continue;
      layout_child = gtk_layout_manager_get_layout_child (GTK_LAYOUT_MANAGER (self), child);
      style = tess_flex_layout_child_get_style (TESS_FLEX_LAYOUT_CHILD (layout_child));
      info.widget = child;
      info.node = tess_layout_tree_add_node (self->tree, style);
      /* percentages of padding are not supported on children: they count as zero here */
      info.padding_border[0] = resolve_px (style->padding[TESS_LAYOUT_LEFT])
                               + resolve_px (style->padding[TESS_LAYOUT_RIGHT])
                               + resolve_px (style->border[TESS_LAYOUT_LEFT])
                               + resolve_px (style->border[TESS_LAYOUT_RIGHT]);
      info.padding_border[1] = resolve_px (style->padding[TESS_LAYOUT_TOP])
                               + resolve_px (style->padding[TESS_LAYOUT_BOTTOM])
                               + resolve_px (style->border[TESS_LAYOUT_TOP])
                               + resolve_px (style->border[TESS_LAYOUT_BOTTOM]);
      info.style_height = style->size[1].unit == TESS_LAYOUT_UNIT_PX
                          ? MAX (style->size[1].value, info.padding_border[1]) : NAN;
      info.plain_box = style->aspect_ratio <= 0.f;
      for (guint e = 0; e < 4; e++)
        info.plain_box = info.plain_box && style->padding[e].unit == TESS_LAYOUT_UNIT_PX
                         && style->border[e].unit == TESS_LAYOUT_UNIT_PX;
      info.aligned_by_baseline = aligned_by_baseline (&self->style, style);
      g_array_append_val (self->children, info);
      tess_layout_tree_append_child (self->tree, self->root, info.node);
    }

  /* contexts point into the array, which no longer moves */
  for (guint i = 0; i < self->children->len; i++)
    {
      ChildInfo *info = &g_array_index (self->children, ChildInfo, i);

      info->flex_container = TESS_IS_FLEX_LAYOUT (gtk_widget_get_layout_manager (info->widget));
      if (info->flex_container)
        tess_layout_tree_set_measured_container (self->tree, info->node, info);
      else
        tess_layout_tree_set_measured (self->tree, info->node, TRUE, info);
    }
  self->tree_valid = TRUE;
  self->tree_builds++;
  total_tree_builds++;
}

/* Whether the tree's leaves are still the container's visible children, in their order, laid
 * out as they were (a container gets its TessFlexLayout when it is set up). */
static gboolean
same_children (TessFlexLayout *self,
               GtkWidget      *widget)
{
  guint i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const ChildInfo *info;

      if (!gtk_widget_should_layout (child))
        continue;
      if (i == self->children->len)
        return FALSE;
      info = &g_array_index (self->children, ChildInfo, i++);
      if (info->widget != child
          || info->flex_container != TESS_IS_FLEX_LAYOUT (gtk_widget_get_layout_manager (child)))
        return FALSE;
    }
  return i == self->children->len;
}

/* Forgets what the last layout worked out, so that the tree lays out as a new one would. */
static void
reset_layout (TessFlexLayout *self)
{
  tess_layout_tree_reset_layout (self->tree);
  for (guint i = 0; i < self->children->len; i++)
    {
      ChildInfo *info = &g_array_index (self->children, ChildInfo, i);

      info->unmeasured_height_width = NAN;
      info->baseline_size[0] = info->baseline_size[1] = info->baseline = NAN;
    }
}

/* The engine tree for a layout of the container, built again only where the container
 * changed; returns its root. Which baselines are read depends on the ancestors, which
 * change without telling this container: that is worked out every time. */
static TessLayoutNodeId
ensure_tree (TessFlexLayout *self,
             GtkWidget      *widget)
{
  TessLayoutStyle root_style;

  get_root_style (self, widget, &root_style);
  if (!self->tree_valid || !same_children (self, widget))
    build_tree (self, widget, &root_style);
  else
    {
      if (memcmp (&root_style, &self->root_style, sizeof root_style) != 0)
        {
          self->root_style = root_style;
          tess_layout_tree_set_style (self->tree, self->root, &root_style);
        }
      tess_layout_tree_reset_layout (self->tree);
    }

  self->baseline_wanted = baseline_wanted (widget);
  for (guint i = 0; i < self->children->len; i++)
    {
      ChildInfo *info = &g_array_index (self->children, ChildInfo, i);

      /* the first item gives the container its baseline, the last a reversed one */
      info->baseline_wanted = info->aligned_by_baseline
                              || (self->baseline_wanted
                                  && (self->style.flex_wrap == TESS_LAYOUT_WRAP_REVERSE
                                      || i == 0 || i == self->children->len - 1));
      info->unmeasured_height_width = NAN;
      info->baseline_size[0] = info->baseline_size[1] = info->baseline = NAN;
    }
  return self->root;
}

/* Whether the container's intrinsic widths depend on its children's heights. A row's width
 * comes from its items' widths alone. So does the width of a single-line column of
 * indefinite height whose items neither grow nor shrink from a basis of their own: they keep
 * their measured heights, so the engine asks for their widths at exactly the heights it
 * measured, which its cache answers from the measurement that gave the width. Heights do
 * matter where lines break by height (column wrap, also in a child), where a known height or
 * flexing changes an item's height, where a min/max height clamps it, where a column has a
 * height of its own, and for aspect ratios (a width from a height). */
static gboolean
widths_need_heights (TessFlexLayout   *self,
                     TessLayoutNodeId  root,
                     gboolean          height_known)
{
  gboolean column = is_column (&self->style);
  const TessLayoutStyle *root_style = tess_layout_tree_get_style (self->tree, root);

  if (column && (height_known || self->style.flex_wrap != TESS_LAYOUT_NOWRAP))
    return TRUE;
  /* the container's own ratio, or a height of its own that it is laid out at */
  if (root_style->aspect_ratio > 0.f
      || (column && (root_style->size[1].unit != TESS_LAYOUT_UNIT_AUTO
                     || root_style->min_size[1].unit != TESS_LAYOUT_UNIT_AUTO
                     || root_style->max_size[1].unit != TESS_LAYOUT_UNIT_AUTO)))
    return TRUE;
  for (guint i = 0; i < self->children->len; i++)
    {
      const ChildInfo *info = &g_array_index (self->children, ChildInfo, i);
      const TessLayoutStyle *style = tess_layout_tree_get_style (self->tree, info->node);

      GtkLayoutManager *child_manager = gtk_widget_get_layout_manager (info->widget);

      if (style->aspect_ratio > 0.f)
        return TRUE;
      /* a wrapping column inside is as wide as the height it is given makes it */
      if (TESS_IS_FLEX_LAYOUT (child_manager)
          && is_column (&TESS_FLEX_LAYOUT (child_manager)->style)
          && TESS_FLEX_LAYOUT (child_manager)->style.flex_wrap != TESS_LAYOUT_NOWRAP)
        return TRUE;
      if (column && (style->min_size[1].unit != TESS_LAYOUT_UNIT_AUTO
                     || style->max_size[1].unit != TESS_LAYOUT_UNIT_AUTO))
        return TRUE;
      /* in a column sized by its content an item can still grow, or shrink from a basis of
       * its own, to sizes that come from the others' heights; that moves a width only where
       * the width can follow the height: in a box with content, or a leaf measured width for
       * height (not an empty box such as a Spacer, not text) */
      if (column && (style->flex_grow > 0.f
                     || (style->flex_basis.unit != TESS_LAYOUT_UNIT_AUTO
                         && style->flex_shrink > 0.f))
          && (TESS_IS_FLEX_LAYOUT (child_manager)
              ? gtk_widget_get_first_child (info->widget) != NULL
              : gtk_widget_get_request_mode (info->widget)
                == GTK_SIZE_REQUEST_WIDTH_FOR_HEIGHT))
        return TRUE;
    }
  return FALSE;
}

/* Lays the children out at a known width (and maybe height), as the V measure and allocate
 * do. In a row the engine asks each shrinking item for its min-content width (its automatic
 * minimum size) and reads only the width; measuring the height for it too would lay text out
 * at its narrowest, so the callback makes one up. The engine keeps that answer in its cache,
 * and would hand the made-up height back if it then asked for the item's height at exactly
 * that width, which happens only when the item ends up at its min-content width: then the
 * layout is done again with every height measured. */
static TessLayoutNodeId
compute_layout (TessFlexLayout *self,
                GtkWidget      *widget,
                float           known_width,
                float           known_height,
                float           available_width,
                float           available_height,
                guint           flags,
                gboolean        round_to_pixels)
{
  TessLayoutNodeId root = ensure_tree (self, widget);
  gboolean redo = FALSE;

  self->min_content_widths_only = !is_column (&self->style) && !isnan (known_width)
                                  && tess_layout_tree_get_style (self->tree, root)->aspect_ratio
                                     <= 0.f;
  tess_layout_tree_compute_sized (self->tree, root, known_width, known_height, available_width,
                                  available_height, flags, round_to_pixels);
  self->min_content_widths_only = FALSE;

  for (guint i = 0; i < self->children->len && !redo; i++)
    {
      const ChildInfo *info = &g_array_index (self->children, ChildInfo, i);

      if (!isnan (info->unmeasured_height_width))
        {
          TessLayoutBox box = tess_layout_tree_get_unrounded_box (self->tree, info->node);

          redo = fabsf (box.width - info->unmeasured_height_width) < 0.01f;
        }
    }
  if (redo)
    {
      reset_layout (self);
      tess_layout_tree_compute_sized (self->tree, root, known_width, known_height,
                                      available_width, available_height, flags,
                                      round_to_pixels);
    }
  return root;
}

static void
measure_in_pass (GtkLayoutManager *manager,
                 GtkWidget        *widget,
                 GtkOrientation    orientation,
                 int               for_size,
                 int              *minimum,
                 int              *natural,
                 int              *minimum_baseline,
                 int              *natural_baseline)
{
  TessFlexLayout *self = TESS_FLEX_LAYOUT (manager);
  const TessLayoutStyle *item_style;
  TessLayoutNodeId root;
  TessLayoutBox box;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      float known_height = for_size >= 0 ? for_size : NAN;
      guint flags = TESS_LAYOUT_ROOT_IS_ITEM
                    | (self->height_indefinite ? TESS_LAYOUT_INDEFINITE_HEIGHT : 0);

      root = ensure_tree (self, widget);
      self->widths_only = !widths_need_heights (self, root, for_size >= 0);
      tess_layout_tree_compute_sized (self->tree, root, NAN, known_height,
                                      TESS_LAYOUT_MIN_CONTENT, TESS_LAYOUT_MAX_CONTENT,
                                      flags, FALSE);
      box = tess_layout_tree_get_box (self->tree, root);
      *minimum = MAX (0, gtk_px (box.width - 0.01f));
      tess_layout_tree_compute_sized (self->tree, root, NAN, known_height,
                                      TESS_LAYOUT_MAX_CONTENT, TESS_LAYOUT_MAX_CONTENT,
                                      flags, FALSE);
      box = tess_layout_tree_get_box (self->tree, root);
      *natural = MAX (*minimum, gtk_px (box.width - 0.01f));
      self->widths_only = FALSE;
      /* A fixed width or max-width of the container's own caps its min-content contribution
       * (the parent applies them); reporting that keeps GTK from raising the width a height
       * is measured for to the content's minimum (gtk_widget_measure() clamps for_size to
       * the minimum). */
      item_style = get_item_style (widget);
      if (item_style != NULL && item_style->box_sizing == TESS_LAYOUT_BORDER_BOX)
        {
          if (item_style->size[0].unit == TESS_LAYOUT_UNIT_PX)
            *minimum = MIN (*minimum, gtk_px (MAX (0.f, item_style->size[0].value) - 0.01f));
          if (item_style->max_size[0].unit == TESS_LAYOUT_UNIT_PX)
            *minimum = MIN (*minimum, gtk_px (MAX (0.f, item_style->max_size[0].value) - 0.01f));
        }
    }
  else
    {
      float known_width = for_size >= 0 ? for_size : NAN;

      root = compute_layout (self, widget, known_width, NAN, TESS_LAYOUT_MAX_CONTENT,
                             TESS_LAYOUT_MAX_CONTENT, TESS_LAYOUT_ROOT_IS_ITEM, FALSE);
      box = tess_layout_tree_get_box (self->tree, root);
      /* A box's height is its natural height for the width; there is no smaller minimum
       * in CSS's block axis. Reporting 0 keeps GTK from raising the height a width is
       * measured for (gtk_widget_measure() clamps for_size to the minimum), which would
       * stop a column with a fixed height from wrapping. */
      *natural = MAX (0, gtk_px (box.height - 0.01f));
      *minimum = 0;
      if (self->baseline_wanted)
        {
          float baseline = tess_layout_tree_get_root_baseline (self->tree);

          /* GTK wants baselines within the sizes: at the minimum height reported, 0, that
           * is the top */
          if (!isnan (baseline))
            {
              *natural_baseline = (int) CLAMP (roundf (baseline), 0.f, (float) *natural);
              *minimum_baseline = MIN (*natural_baseline, *minimum);
            }
        }
    }
}

/* Whatever the engine decided, a child gets at least the size GTK needs to lay it out: given
 * less, GTK hands the child's own children negative sizes. A flex container needs its CSS
 * box (margin, border and padding): its content may overflow it, as in CSS. Any other widget
 * needs its minimum size, which it cannot overflow. The engine can decide less where CSS
 * lets content overflow a box (a fixed size smaller than the content, an item shrunk past its
 * content by min-width: 0) or where its sizes were clamped to what ints hold; the child then
 * overflows its slot instead, as the content would in CSS. */
static void
ensure_minimum_size (GtkWidget     *child,
                     GtkAllocation *allocation)
{
  int min_width, min_height;

  if (TESS_IS_FLEX_LAYOUT (gtk_widget_get_layout_manager (child)))
    {
      GtkEdges edges;

      get_gtk_edges (child, &edges);
      allocation->width = MAX (allocation->width, edges.left + edges.right);
      allocation->height = MAX (allocation->height, edges.top + edges.bottom);
      return;
    }
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  allocation->width = MAX (allocation->width, min_width);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, allocation->width, &min_height, NULL,
                      NULL, NULL);
  allocation->height = MAX (allocation->height, min_height);
}

/* The container's first baseline, from the top of its content box, laid out at that size;
 * NAN when it has none. Asked only during a layout pass (by the parent). */
static float
layout_baseline (TessFlexLayout *self,
                 GtkWidget      *widget,
                 float           width,
                 float           height)
{
  guint flags = TESS_LAYOUT_ROOT_IS_ITEM
                | (self->height_indefinite ? TESS_LAYOUT_INDEFINITE_HEIGHT : 0);
  BaselineMemo *memo;

  if (self->baseline_memo_pass != pass_serial)
    {
      self->baseline_memo_pass = pass_serial;
      self->baseline_memo_len = 0;
    }
  for (guint i = 0; i < self->baseline_memo_len; i++)
    {
      memo = &self->baseline_memo[i];
      if (memo->width == width && memo->height == height
          && memo->height_indefinite == self->height_indefinite)
        return memo->baseline;
    }

  compute_layout (self, widget, width, height, width, height, flags, FALSE);
  if (self->baseline_memo_len < N_BASELINE_MEMO)
    memo = &self->baseline_memo[self->baseline_memo_len++];
  else
    {
      memo = &self->baseline_memo[self->baseline_memo_next];
      self->baseline_memo_next = (self->baseline_memo_next + 1) % N_BASELINE_MEMO;
    }
  *memo = (BaselineMemo) { width, height, self->height_indefinite,
                           tess_layout_tree_get_root_baseline (self->tree) };
  return memo->baseline;
}

static void
allocate_in_pass (GtkLayoutManager *manager,
                  GtkWidget        *widget,
                  int               width,
                  int               height,
                  int               baseline)
{
  TessFlexLayout *self = TESS_FLEX_LAYOUT (manager);
  gboolean column = is_column (&self->style);
  guint flags = TESS_LAYOUT_ROOT_IS_ITEM
                | (self->height_indefinite ? TESS_LAYOUT_INDEFINITE_HEIGHT : 0);

  compute_layout (self, widget, width, height, width, height, flags, TRUE);
  for (guint i = 0; i < self->children->len; i++)
    {
      ChildInfo *info = &g_array_index (self->children, ChildInfo, i);
      TessLayoutBox box = tess_layout_tree_get_box (self->tree, info->node);
      GtkAllocation allocation = {
        (int) CLAMP (box.x, -MAX_GTK_PX, MAX_GTK_PX), (int) CLAMP (box.y, -MAX_GTK_PX, MAX_GTK_PX),
        (int) CLAMP (box.width, 0.f, MAX_GTK_PX), (int) CLAMP (box.height, 0.f, MAX_GTK_PX)
      };
      GtkLayoutManager *child_manager = gtk_widget_get_layout_manager (info->widget);
      int child_baseline_px;

      /* §9.8, as the engine decides it within one tree: an item's allocated height is a
       * percentage basis when the item has a fixed height, was flexed in a column of
       * definite height, or was stretched in a row */
      if (TESS_IS_FLEX_LAYOUT (child_manager))
        {
          const TessLayoutStyle *style = tess_layout_tree_get_style (self->tree, info->node);
          guint8 align = style->align_self == TESS_LAYOUT_ALIGN_AUTO ? self->style.align_items
                                                                       : style->align_self;
          gboolean stretched = (align == TESS_LAYOUT_ALIGN_STRETCH
                                || align == TESS_LAYOUT_ALIGN_NORMAL
                                || align == TESS_LAYOUT_ALIGN_AUTO)
                               && style->margin[TESS_LAYOUT_TOP].unit != TESS_LAYOUT_UNIT_AUTO
                               && style->margin[TESS_LAYOUT_BOTTOM].unit != TESS_LAYOUT_UNIT_AUTO;
          gboolean indefinite;

          if (style->size[1].unit == TESS_LAYOUT_UNIT_PX
              || (style->size[1].unit == TESS_LAYOUT_UNIT_PERCENT && !self->height_indefinite))
            indefinite = FALSE;
          else if (column) /* a flexed height is definite when its flex base size came from
                            * no content: a length, or the aspect ratio from a definite width
                            * (an own width, or one stretched in a single line) */
            indefinite = self->height_indefinite
                         && style->flex_basis.unit != TESS_LAYOUT_UNIT_PX
                         && !(style->aspect_ratio > 0.f
                              && (style->size[0].unit == TESS_LAYOUT_UNIT_PX
                                  || ((align == TESS_LAYOUT_ALIGN_STRETCH
                                       || align == TESS_LAYOUT_ALIGN_NORMAL
                                       || align == TESS_LAYOUT_ALIGN_AUTO)
                                      && self->style.flex_wrap == TESS_LAYOUT_NOWRAP
                                      && style->size[0].unit == TESS_LAYOUT_UNIT_AUTO
                                      && style->margin[TESS_LAYOUT_LEFT].unit
                                         != TESS_LAYOUT_UNIT_AUTO
                                      && style->margin[TESS_LAYOUT_RIGHT].unit
                                         != TESS_LAYOUT_UNIT_AUTO)));
          else /* a row: a stretched height is definite, in single-line and wrapping rows
                * alike (as the engine decides it); a percentage height that did not resolve
                * is not stretched */
            indefinite = !stretched || style->size[1].unit != TESS_LAYOUT_UNIT_AUTO;
          TESS_FLEX_LAYOUT (child_manager)->height_indefinite = indefinite;
        }

      ensure_minimum_size (info->widget, &allocation);
      /* A child whose baseline is read gets it: a label puts its text there whatever height
       * it got (GTK would centre it otherwise), and GTK allocates a child again when its
       * baseline changes, so a container that just started to be aligned by its baseline
       * hands its own items theirs, though its size stayed the same. */
      child_baseline_px = -1;
      if (info->baseline_wanted)
        {
          TessLayoutBox unrounded = tess_layout_tree_get_unrounded_box (self->tree, info->node);
          float offset = info->baseline;

          if (unrounded.width != info->baseline_size[0]
              || unrounded.height != info->baseline_size[1])
            offset = child_baseline (self, info, allocation.width, allocation.height);
          if (!isnan (offset))
            child_baseline_px = (int) CLAMP (roundf (offset), 0.f, (float) allocation.height);
        }
      gtk_widget_size_allocate (info->widget, &allocation, child_baseline_px);
    }
}

static void
tess_flex_layout_measure (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          GtkOrientation    orientation,
                          int               for_size,
                          int              *minimum,
                          int              *natural,
                          int              *minimum_baseline,
                          int              *natural_baseline)
{
  if (pass_depth++ == 0)
    pass_serial++;
  measure_in_pass (manager, widget, orientation, for_size, minimum, natural, minimum_baseline,
                   natural_baseline);
  pass_depth--;
}

static void
tess_flex_layout_allocate (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           int               width,
                           int               height,
                           int               baseline)
{
  if (pass_depth++ == 0)
    pass_serial++;
  allocate_in_pass (manager, widget, width, height, baseline);
  pass_depth--;
}

static GtkSizeRequestMode
tess_flex_layout_get_request_mode (GtkLayoutManager *manager,
                                   GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
tess_flex_layout_finalize (GObject *object)
{
  TessFlexLayout *self = TESS_FLEX_LAYOUT (object);

  tess_layout_tree_free (self->tree);
  g_array_unref (self->children);
  G_OBJECT_CLASS (tess_flex_layout_parent_class)->finalize (object);
}

static void
tess_flex_layout_class_init (TessFlexLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->finalize = tess_flex_layout_finalize;
  manager_class->measure = tess_flex_layout_measure;
  manager_class->allocate = tess_flex_layout_allocate;
  manager_class->get_request_mode = tess_flex_layout_get_request_mode;
  manager_class->layout_child_type = TESS_TYPE_FLEX_LAYOUT_CHILD;
}

static void
tess_flex_layout_init (TessFlexLayout *self)
{
  tess_layout_style_init (&self->style);
  self->style.flex_direction = TESS_LAYOUT_COLUMN;
  self->tree = tess_layout_tree_new ();
  self->children = g_array_new (FALSE, FALSE, sizeof (ChildInfo));
  tess_layout_tree_set_measure_func (self->tree, measure_child, baseline_child, self);
}

GtkLayoutManager *
tess_flex_layout_new (void)
{
  return g_object_new (TESS_TYPE_FLEX_LAYOUT, NULL);
}

void
tess_flex_layout_set_style (TessFlexLayout        *self,
                            const TessLayoutStyle *style)
{
  g_return_if_fail (TESS_IS_FLEX_LAYOUT (self));
  g_return_if_fail (style != NULL);

  if (memcmp (&self->style, style, sizeof *style) != 0)
    self->tree_valid = FALSE;
  self->style = *style;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}

void
tess_flex_layout_set_height_indefinite (TessFlexLayout *self,
                                        gboolean        indefinite)
{
  g_return_if_fail (TESS_IS_FLEX_LAYOUT (self));

  if (self->height_indefinite == !!indefinite)
    return;
  self->height_indefinite = !!indefinite;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}

const TessLayoutStyle *
tess_flex_layout_get_style (TessFlexLayout *self)
{
  g_return_val_if_fail (TESS_IS_FLEX_LAYOUT (self), NULL);
  return &self->style;
}

guint
tess_flex_layout_get_tree_builds (TessFlexLayout *self)
{
  g_return_val_if_fail (self == NULL || TESS_IS_FLEX_LAYOUT (self), 0);
  return self != NULL ? self->tree_builds : total_tree_builds;
}
