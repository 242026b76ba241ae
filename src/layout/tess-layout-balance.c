/* tess-layout-balance.c: flex-wrap: balance, as Chromium lays it out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chromium's experimental balanced wrapping picks the breaks that minimise the sum over
 * lines of the squared free space (an item wider than the line alone scores zero), after
 * shrinking the line length as far as the greedy line count allows. It works in
 * LayoutUnits (1/64 px), so we do too, to break ties the same way.
 */

#include "config.h"

#include "layout/tess-layout-private.h"

#define SCORE_INFINITY G_MAXUINT64

static inline guint64
sat_add (guint64 a,
         guint64 b)
{
  return a > SCORE_INFINITY - b ? SCORE_INFINITY : a + b;
}

static inline guint64
sat_mul (guint64 a,
         guint64 b)
{
  if (a != 0 && b > SCORE_INFINITY / a)
    return SCORE_INFINITY;
  return a * b;
}

static inline guint64
to_layout_units (float px)
{
  double v = (double) px * 64.0;

  if (!(v > 0.0))
    return 0;
  if (v > (double) G_MAXINT32)
    return G_MAXINT32;
  return (guint64) (v + 0.5);
}

/* The length of items [start, end] on one line: prefix sums carry one gap per item. */
static inline guint64
line_length (const guint64 *sums,
             guint          start,
             guint          end,
             guint64        gap)
{
  return sums[end] - (start == 0 ? 0 : sums[start - 1]) - gap;
}

/* Number of lines greedy packing makes at @limit. */
static guint
greedy_line_count (const guint64 *sums,
                   guint          n,
                   guint64        gap,
                   guint64        limit)
{
  guint lines = 1;
  guint pos = 0; /* index of the first item not yet placed */
  guint64 previous = 0;

  for (;;)
    {
      guint64 bound = sat_add (sat_add (previous, limit), gap);
      guint lo = pos, hi = n;
      gboolean single;

      /* first index whose prefix sum exceeds the bound */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (sums[mid] <= bound)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo == n)
        break;

      /* an item too long for a line on its own still takes that line */
      single = (lines == 1 ? 1 : 0) + (lo - pos) <= 1;
      if (!single)
        lo--;
      previous = sums[lo];
      pos = lo;
      if (lo + 1 < n)
        lines++;
      else
        break;
    }
  return lines;
}

static guint
apply_min_line_count (guint64 *sums,
                      guint    n,
                      guint64  gap,
                      guint64 *line_break_size,
                      guint    min_line_count,
                      guint32 *perfect_fits)
{
  guint64 lo = 0, hi = MIN (*line_break_size, sums[n - 1] - gap);
  guint n_lines, n_fits = 0;

  while (lo < hi)
    {
      guint64 mid = lo + (hi - lo) / 2;

      if (greedy_line_count (sums, n, gap, mid) > min_line_count)
        lo = mid + 1;
      else
        hi = mid;
    }
  *line_break_size = hi;

  n_lines = greedy_line_count (sums, n, gap, hi);
  if (n_lines >= min_line_count)
    return n_lines;

  /* No length gives enough lines (four equal items make two or four lines, never three):
   * nudge items that end a line exactly onto the next line, last first. */
  {
    guint64 previous = 0;
    gboolean line_has_content = FALSE;

    for (guint i = 0; i < n; i++)
      {
        guint64 size = sums[i] - previous - gap;

        if (size == hi)
          perfect_fits[n_fits++] = i;
        if (size > hi)
          {
            previous = line_has_content ? sums[i - 1] : sums[i];
            line_has_content = FALSE;
            continue;
          }
        line_has_content = TRUE;
      }
  }

  while (n_fits > 0)
    {
      guint index = perfect_fits[--n_fits];

      for (guint i = index; i < n; i++)
        sums[i]++;
      n_lines = greedy_line_count (sums, n, gap, hi);
      if (n_lines >= min_line_count)
        break;
    }
  return n_lines;
}

guint
tess_layout_balance_lines (TessLayoutTree *tree,
                           const float    *sizes,
                           guint           n,
                           float           line_break_size,
                           float           gap_px,
                           guint           min_line_count,
                           guint32        *line_counts)
{
  guint64 *sums = tree->balance_sums;
  guint64 *best = tree->balance_sums + n;
  guint32 *best_break = tree->balance_scratch + 2 * (gsize) n;
  guint32 *initial_start = tree->balance_scratch + 3 * (gsize) n;
  guint64 gap = to_layout_units (gap_px);
  guint64 limit = isfinite (line_break_size) ? to_layout_units (line_break_size) : G_MAXINT32;
  guint n_lines;

  g_assert (n > 0 && n <= tree->balance_cap);

  min_line_count = CLAMP (min_line_count, 1, n);
  for (guint i = 0; i < n; i++)
    sums[i] = (i == 0 ? 0 : sums[i - 1]) + to_layout_units (sizes[i]) + gap;

  if (greedy_line_count (sums, n, gap, limit) < min_line_count)
    /* best_break doubles as scratch for the perfect-fit indices here */
    apply_min_line_count (sums, n, gap, &limit, min_line_count, best_break);

  /* for each end, the earliest start whose line still fits */
  for (guint i = 0, j = 0; j < n; j++)
    {
      while (i < j && line_length (sums, i, j, gap) > limit)
        i++;
      initial_start[j] = i;
      if (i == j && line_length (sums, i, j, gap) > limit)
        i++;
    }

  /* dynamic programme over line ends; ties go to the later start, so earlier lines fill */
  for (guint j = 0; j < n; j++)
    {
      guint64 best_score = SCORE_INFINITY;
      guint32 best_at = G_MAXUINT32;

      for (guint start = initial_start[j]; start <= j; start++)
        {
          guint64 length = line_length (sums, start, j, gap);
          guint64 slack = length > limit ? 0 : limit - length;
          guint64 line_score = sat_mul (slack, slack);
          guint64 score;

          if (line_score > best_score)
            break;
          score = sat_add (line_score, start == 0 ? 0 : best[start - 1]);
          if (score <= best_score)
            {
              best_score = score;
              best_at = start == 0 ? G_MAXUINT32 : start - 1;
            }
        }
      best[j] = best_score;
      best_break[j] = best_at;
    }

  /* walk the breaks back from the last item; counts come out last line first */
  n_lines = 0;
  {
    guint32 previous = n - 1;
    guint32 index = best_break[previous];

    while (index != G_MAXUINT32)
      {
        line_counts[n_lines++] = previous - index;
        previous = index;
        index = best_break[index];
      }
    line_counts[n_lines++] = previous + 1;
  }
  for (guint a = 0, b = n_lines - 1; a < b; a++, b--)
    {
      guint32 t = line_counts[a];

      line_counts[a] = line_counts[b];
      line_counts[b] = t;
    }
  return n_lines;
}
