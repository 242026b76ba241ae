/* test-validate.c: the validator on the real corpus and on hand-written invalid widgets
 *
 * Copyright 2026 The Tessera authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core/tess-json.h"
#include "core/tess-widget-parser.h"

/* The corpus cases that are genuinely invalid (../shared/corpus/VALIDATION.md), with every
 * error pointer they must give. EmailListId has the same null Text value as Email_Summary
 * and so the same error, although VALIDATION.md does not list it. */
typedef struct
{
  const char *name;
  const char *pointers[6];
} InvalidCase;

static const InvalidCase corpus_invalid[] = {
  { "incursa__chatkit-dotnet__Email_Summary",
    { "/children/0/children/2/children/1/children/2/value",
      "/children/0/children/2/children/2/children/2/value",
      "/children/0/children/2/children/3/children/2/value" } },
  { "incursa__chatkit-dotnet__Email_Summary.no_cc",
    { "/children/0/children/2/children/1/children/2/value" } },
  { "incursa__chatkit-dotnet__EmailListId",
    { "/children/0/children/0/children/0/children/2/children/1/children/2/value",
      "/children/0/children/0/children/0/children/2/children/2/children/2/value",
      "/children/1/children/0/children/0/children/2/children/1/children/2/value",
      "/children/2/children/0/children/0/children/2/children/1/children/2/value",
      "/children/2/children/0/children/0/children/2/children/2/children/2/value" } },
  { "incursa__chatkit-dotnet__EmailListId.one",
    { "/children/0/children/0/children/0/children/2/children/1/children/2/value",
      "/children/0/children/0/children/0/children/2/children/2/children/2/value" } },
  { "matthoffner__dakota-country-home__booking_form", { "/children/0/value" } },
  { "matthoffner__dakota-country-home__booking_form__agent-87a44f3f",
    { "/children/0/value", "/children/1/children/3/variant" } },
  { "matthoffner__dakota-country-home__booking_form__agent-916e09a7",
    { "/children/0/value", "/children/1/children/3/variant" } },
  { "matthoffner__dakota-country-home__booking_form__agent-07dd6dae",
    { "/children/0/children/3/variant" } },
  { "matthoffner__dakota-country-home__booking_form__agent-ec66782f",
    { "/children/0/children/0/children/0/children/0/fieldName",
      "/children/0/children/0/children/1/children/0/fieldName",
      "/children/0/children/1/children/0/fieldName",
      "/children/0/children/2/children/0/fieldName" } },
  { "matthoffner__dakota-country-home__booking_form__agent-ec66782f.minimal",
    { "/children/0/children/0/children/0/children/0/fieldName",
      "/children/0/children/0/children/1/children/0/fieldName",
      "/children/0/children/1/children/0/fieldName",
      "/children/0/children/2/children/0/fieldName" } },
  { "openai__openai-chatkit-advanced-samples__Cupid_Progress",
    { "/children/2/series/0/type" } },
  { "openai__openai-chatkit-advanced-samples__Cupid_Progress.ending",
    { "/children/2/series/0/type" } },
};

static const InvalidCase *
find_invalid_case (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (corpus_invalid); i++)
    {
      if (strcmp (corpus_invalid[i].name, name) == 0)
        return &corpus_invalid[i];
    }

  return NULL;
}

static GPtrArray *
validate_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = tess_json_parse_file (path, &error);
  g_autoptr(TessNode) root = NULL;
  GPtrArray *diagnostics = tess_diagnostics_new ();

  g_assert_no_error (error);
  root = tess_widget_parse_document (json, diagnostics, NULL);
  g_assert_nonnull (root);

  return diagnostics;
}

static guint
check_corpus_directory (const char *directory)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *file;
  guint checked = 0;

  dir = g_dir_open (directory, 0, &error);
  g_assert_no_error (error);

  while ((file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GPtrArray) diagnostics = NULL;
      const InvalidCase *invalid;
      guint expected_errors = 0;

      if (!g_str_has_suffix (file, ".json") || g_str_has_suffix (file, ".error.json"))
        continue;

      path = g_build_filename (directory, file, NULL);
      name = g_strndup (file, strlen (file) - strlen (".json"));
      diagnostics = validate_file (path);
      invalid = find_invalid_case (name);

      if (invalid != NULL)
        {
          for (guint i = 0; invalid->pointers[i] != NULL; i++)
            {
              gboolean found = FALSE;

              expected_errors++;
              for (guint j = 0; j < diagnostics->len; j++)
                {
                  const TessDiagnostic *d = g_ptr_array_index (diagnostics, j);

                  if (d->severity == TESS_SEVERITY_ERROR &&
                      strcmp (d->pointer, invalid->pointers[i]) == 0)
                    found = TRUE;
                }
              if (!found)
                g_error ("%s: expected an error at %s", name, invalid->pointers[i]);
            }
        }

      for (guint j = 0; j < diagnostics->len && invalid == NULL; j++)
        {
          const TessDiagnostic *d = g_ptr_array_index (diagnostics, j);

          if (d->severity == TESS_SEVERITY_ERROR)
            g_error ("%s: unexpected error %s: %s", name, d->pointer, d->message);
        }

      g_assert_cmpuint (tess_diagnostics_count (diagnostics, TESS_SEVERITY_ERROR), ==,
                        expected_errors);
      checked++;
    }

  return checked;
}

static void
test_corpus (void)
{
  g_autofree char *directory = g_test_build_filename (G_TEST_DIST, "corpus", "expected",
                                                      NULL);

  /* 134 licensed cases, of which 111 render. */
  g_assert_cmpuint (check_corpus_directory (directory), ==, 111);
}

/* The whole corpus, including files whose licence does not let us copy them, when the
 * shared reference folder sits beside the checkout. */
static void
test_shared_corpus (void)
{
  const char *shared = g_getenv ("TESS_SHARED_DIR");
  g_autofree char *directory = NULL;

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the shared reference folder is not beside the checkout");
      return;
    }

  directory = g_build_filename (shared, "corpus", "expected", NULL);
  g_assert_cmpuint (check_corpus_directory (directory), ==, 118);
}

typedef struct
{
  const char *json;
  const char *pointer;
  const char *message;
} BadWidget;

static const BadWidget bad_widgets[] = {
  /* roots */
  { "[]", "", "expected a component object; got an array" },
  { "{\"children\":[]}", "", "component has no \"type\"" },
  { "{\"type\":7}", "/type", "expected a component type name; got 7" },
  { "{\"type\":\"Row\",\"children\":[]}", "/type",
    "a widget root must be Card, ListView or Basic; got \"Row\"" },
  { "{\"type\":\"Carousel\",\"children\":[]}", "/type", "unknown component type \"Carousel\"" },
  { "{\"type\":\"Card\"}", "/children", "missing required prop \"children\" of Card" },
  { "{\"type\":\"Card\",\"children\":\"hello\"}", "/children",
    "expected a list of components; got \"hello\"" },
  { "{\"type\":\"Card\",\"size\":\"huge\",\"children\":[]}", "/size",
    "expected one of sm, md, lg, full; got \"huge\"" },
  { "{\"type\":\"Card\",\"theme\":\"sepia\",\"children\":[]}", "/theme",
    "expected one of light, dark; got \"sepia\"" },
  { "{\"type\":\"Card\",\"asForm\":\"yes\",\"children\":[]}", "/asForm",
    "expected true or false; got \"yes\"" },
  { "{\"type\":\"Card\",\"confirm\":{\"label\":\"OK\"},\"children\":[]}", "/confirm/action",
    "missing required field \"action\" of CardAction" },
  { "{\"type\":\"Card\",\"confirm\":{\"label\":\"OK\",\"action\":{}},\"children\":[]}",
    "/confirm/action/type", "missing required field \"type\" of ActionConfig" },
  { "{\"type\":\"Card\",\"status\":{\"icon\":\"check\"},\"children\":[]}", "/status/text",
    "missing required field \"text\" of WidgetStatus" },
  { "{\"type\":\"Card\",\"status\":{\"text\":\"Done\",\"icon\":\"tick\"},\"children\":[]}",
    "/status/icon", "unknown icon \"tick\" (expected a ChatKit icon name or lucide:<name>)" },
  { "{\"type\":\"Card\",\"padding\":[1,2],\"children\":[]}", "/padding",
    "expected a number (4 px units), a CSS length or an object with top/right/bottom/left/x/y; "
    "got an array" },
  { "{\"type\":\"Card\",\"padding\":{\"x\":true},\"children\":[]}", "/padding/x",
    "expected a number (4 px units) or a CSS length; got true" },
  { "{\"type\":\"Card\",\"background\":{\"light\":\"#fff\"},\"children\":[]}",
    "/background/dark", "missing required field \"dark\" of ThemeColor" },
  { "{\"type\":\"Card\",\"border\":{\"size\":1,\"style\":\"wavy\"},\"children\":[]}",
    "/border/style",
    "expected one of solid, dashed, dotted, double, groove, ridge, inset, outset; got \"wavy\"" },
  { "{\"type\":\"Card\",\"border\":\"thick\",\"children\":[]}", "/border",
    "expected a number (px) or a border object; got \"thick\"" },
  { "{\"type\":\"ListView\",\"limit\":2.5,\"children\":[]}", "/limit",
    "expected an integer or \"auto\"; got 2.5" },
  { "{\"type\":\"ListView\",\"children\":[{\"type\":\"ListViewItem\",\"children\":[],"
    "\"onClickAction\":{\"type\":\"go\",\"handler\":\"browser\"}}]}",
    "/children/0/onClickAction/handler", "expected one of client, server; got \"browser\"" },
  { "{\"type\":\"ListView\",\"children\":[{\"type\":\"ListViewItem\",\"children\":[],"
    "\"onClickAction\":{\"type\":\"go\",\"loadingBehavior\":\"spin\"}}]}",
    "/children/0/onClickAction/loadingBehavior",
    "expected one of auto, none, self, container; got \"spin\"" },
  { "{\"type\":\"ListView\",\"children\":[{\"type\":\"ListViewItem\",\"children\":[],"
    "\"onClickAction\":\"go\"}]}", "/children/0/onClickAction",
    "expected an action object with a \"type\"; got \"go\"" },
  /* text */
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\"}]}", "/children/0/value",
    "missing required prop \"value\" of Text" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":null}]}", "/children/0/value",
    "missing required prop \"value\" of Text" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":[\"a\"]}]}",
    "/children/0/value", "expected a string; got an array" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":\"a\",\"size\":\"huge\"}]}",
    "/children/0/size", "expected one of xs, sm, md, lg, xl; got \"huge\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":\"a\",\"weight\":700}]}",
    "/children/0/weight", "expected one of normal, medium, semibold, bold; got 700" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":\"a\",\"editable\":true}]}",
    "/children/0/editable", "expected false or an object with a \"name\"; got true" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":\"a\",\"editable\":{}}]}",
    "/children/0/editable/name", "missing required field \"name\" of EditableProps" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":\"a\",\"maxLines\":\"2\"}]}",
    "/children/0/maxLines", "expected an integer; got \"2\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Title\",\"value\":\"a\",\"size\":\"xs\"}]}",
    "/children/0/size", "expected one of sm, md, lg, xl, 2xl, 3xl, 4xl, 5xl; got \"xs\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Caption\",\"value\":\"a\",\"size\":\"xl\"}]}",
    "/children/0/size", "expected one of sm, md, lg; got \"xl\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Label\",\"value\":\"Name\"}]}",
    "/children/0/fieldName", "missing required prop \"fieldName\" of Label" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Markdown\"}]}", "/children/0/value",
    "missing required prop \"value\" of Markdown" },
  /* content */
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Badge\",\"label\":\"x\",\"color\":\"blue\"}]}",
    "/children/0/color",
    "expected one of secondary, success, danger, warning, info, discovery; got \"blue\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Badge\"}]}", "/children/0/label",
    "missing required prop \"label\" of Badge" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Icon\"}]}", "/children/0/name",
    "missing required prop \"name\" of Icon" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Icon\",\"name\":\"rocket\"}]}",
    "/children/0/name",
    "unknown icon \"rocket\" (expected a ChatKit icon name or lucide:<name>)" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Icon\",\"name\":\"lucide:\"}]}",
    "/children/0/name",
    "unknown icon \"lucide:\" (expected a ChatKit icon name or lucide:<name>)" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Image\"}]}", "/children/0/src",
    "missing required prop \"src\" of Image" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Image\",\"src\":\"a.png\",\"fit\":\"stretch\"}]}",
    "/children/0/fit", "expected one of cover, contain, fill, scale-down, none; got \"stretch\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Image\",\"src\":\"a.png\",\"width\":{}}]}",
    "/children/0/width", "expected a number (px) or a CSS length; got an object" },
  /* controls */
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Button\",\"variant\":\"primary\"}]}",
    "/children/0/variant", "expected one of solid, soft, outline, ghost; got \"primary\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Button\",\"size\":\"4xl\"}]}",
    "/children/0/size", "expected one of 3xs, 2xs, xs, sm, md, lg, xl, 2xl, 3xl; got \"4xl\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Button\",\"iconStart\":5}]}",
    "/children/0/iconStart", "expected an icon name; got 5" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Select\",\"name\":\"a\"}]}",
    "/children/0/options", "missing required prop \"options\" of Select" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Select\",\"options\":[]}]}",
    "/children/0/name", "missing required prop \"name\" of Select" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Select\",\"name\":\"a\",\"options\":{}}]}",
    "/children/0/options", "expected a list of {\"value\", \"label\"} objects; got an object" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Select\",\"name\":\"a\","
    "\"options\":[{\"value\":\"x\"}]}]}", "/children/0/options/0/label",
    "missing required field \"label\" of SelectOption" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Input\"}]}", "/children/0/name",
    "missing required prop \"name\" of Input" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Input\",\"name\":\"a\",\"inputType\":\"date\"}]}",
    "/children/0/inputType",
    "expected one of number, email, text, password, tel, url; got \"date\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Textarea\",\"name\":\"a\",\"rows\":true}]}",
    "/children/0/rows", "expected an integer; got true" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"DatePicker\",\"name\":\"d\",\"side\":\"up\"}]}",
    "/children/0/side", "expected one of top, bottom, left, right; got \"up\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Checkbox\",\"name\":\"c\","
    "\"defaultChecked\":\"true\"}]}", "/children/0/defaultChecked",
    "expected true or false; got \"true\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"RadioGroup\",\"name\":\"r\","
    "\"options\":[\"a\"]}]}", "/children/0/options/0",
    "expected RadioOption; got \"a\"" },
  /* layout */
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Row\",\"gap\":[1]}]}", "/children/0/gap",
    "expected a number (4 px units) or a CSS length; got an array" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Row\",\"align\":\"middle\"}]}",
    "/children/0/align", "expected one of start, center, end, baseline, stretch; got \"middle\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Col\",\"justify\":\"space-between\"}]}",
    "/children/0/justify",
    "expected one of start, center, end, between, around, evenly, stretch; got \"space-between\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Box\",\"direction\":\"column\"}]}",
    "/children/0/direction", "expected one of row, col; got \"column\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Box\",\"radius\":8}]}", "/children/0/radius",
    "expected one of 2xs, xs, sm, md, lg, xl, 2xl, 3xl, 4xl, full, 100%, none; got 8" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Row\",\"wrap\":true}]}", "/children/0/wrap",
    "expected one of nowrap, wrap, wrap-reverse; got true" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Row\",\"flex\":false}]}", "/children/0/flex",
    "expected a number or a CSS flex value; got false" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Transition\"}]}", "/children/0/children",
    "missing required prop \"children\" of Transition" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Divider\",\"flush\":1}]}", "/children/0/flush",
    "expected true or false; got 1" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Row\",\"children\":[\"text\"]}]}",
    "/children/0/children/0", "expected a component object; got \"text\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Row\",\"children\":[{\"value\":\"a\"}]}]}",
    "/children/0/children/0", "component has no \"type\"" },
  /* data */
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Chart\",\"data\":[],\"series\":[]}]}",
    "/children/0/xAxis", "missing required prop \"xAxis\" of Chart" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Chart\",\"data\":[],\"xAxis\":\"x\","
    "\"series\":[{\"type\":\"pie\",\"dataKey\":\"v\"}]}]}", "/children/0/series/0/type",
    "expected one of bar, area, line; got \"pie\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Chart\",\"data\":[],\"xAxis\":\"x\","
    "\"series\":[{\"type\":\"line\",\"dataKey\":\"v\",\"curveType\":\"smooth\"}]}]}",
    "/children/0/series/0/curveType",
    "expected one of basis, basisClosed, basisOpen, bumpX, bumpY, bump, linear, linearClosed, "
    "natural, monotoneX, monotoneY, monotone, step, stepBefore, stepAfter; got \"smooth\"" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Chart\",\"data\":[],\"series\":[],"
    "\"xAxis\":{\"hide\":true}}]}", "/children/0/xAxis/dataKey",
    "missing required field \"dataKey\" of XAxisConfig" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Chart\",\"data\":[1],\"series\":[],"
    "\"xAxis\":\"x\"}]}", "/children/0/data/0", "expected a data row object; got 1" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Table\",\"children\":[{\"type\":\"Table.Row\","
    "\"children\":[{\"type\":\"Table.Cell\",\"colSpan\":\"2\"}]}]}]}",
    "/children/0/children/0/children/0/colSpan", "expected an integer; got \"2\"" },
  /* the thread item envelope */
  { "{\"type\":\"widget\"}", "/widget", "missing required field \"widget\"" },
  { "{\"type\":\"widget\",\"widget\":{\"type\":\"Row\"}}", "/widget/type",
    "a widget root must be Card, ListView or Basic; got \"Row\"" },
  { "{\"type\":\"widget\",\"copy_text\":5,\"widget\":{\"type\":\"Card\",\"children\":[]}}",
    "/copy_text", "expected a string; got 5" },
};

static void
test_bad_widgets (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (bad_widgets), >=, 40);

  for (guint i = 0; i < G_N_ELEMENTS (bad_widgets); i++)
    {
      const BadWidget *bad = &bad_widgets[i];
      g_autoptr(GPtrArray) diagnostics = tess_diagnostics_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(TessNode) root = NULL;
      const TessDiagnostic *found = NULL;

      root = tess_widget_parse_string (bad->json, -1, diagnostics, &error);
      g_assert_no_error (error);

      for (guint j = 0; j < diagnostics->len; j++)
        {
          const TessDiagnostic *d = g_ptr_array_index (diagnostics, j);

          if (d->severity == TESS_SEVERITY_ERROR)
            {
              if (found != NULL)
                g_error ("%s: more than one error: %s and %s", bad->json, found->message,
                         d->message);
              found = d;
            }
        }

      if (found == NULL)
        g_error ("%s: no error", bad->json);
      g_assert_cmpstr (found->pointer, ==, bad->pointer);
      g_assert_cmpstr (found->message, ==, bad->message);
    }
}

typedef struct
{
  const char *json;
  const char *pointer;
  const char *message;
} Warning;

/* Real servers bend the schema in these ways; they are rendered, so they only warn. */
static const Warning warnings[] = {
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":72}]}", "/children/0/value",
    "expected a string; got a number 72 (shown as text)" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Box\",\"borderColor\":\"red\"}]}",
    "/children/0/borderColor", "unknown prop \"borderColor\" on Box (ignored)" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Button\",\"onClickAction\":{\"type\":\"a\","
    "\"requestAssistantResponse\":true}}]}",
    "/children/0/onClickAction/requestAssistantResponse",
    "unknown field \"requestAssistantResponse\" in ActionConfig (ignored)" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"ListView\",\"children\":[]}]}", "/children/0",
    "ListView is not allowed inside Card (shown as a nested block)" },
  { "{\"type\":\"ListView\",\"children\":[{\"type\":\"ListViewItem\",\"children\":"
    "[{\"type\":\"Card\",\"children\":[]}]}]}", "/children/0/children/0",
    "Card is not allowed inside ListViewItem (shown as a nested block)" },
  { "{\"type\":\"ListView\",\"children\":[{\"type\":\"Text\",\"value\":\"a\"}]}", "/children/0",
    "Text is not allowed inside ListView: only ListViewItem belongs in a ListView "
    "(shown as a nested block)" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"ListViewItem\",\"children\":[]}]}",
    "/children/0",
    "ListViewItem belongs directly inside a ListView, not in Card (shown as a row)" },
  { "{\"type\":\"Card\",\"children\":[{\"type\":\"Text\",\"value\":\"a\",\"children\":"
    "[{\"type\":\"Text\",\"value\":\"b\"}]}]}", "/children/0/children",
    "Text takes no children (they are not shown)" },
  { "{\"type\":\"widget\",\"extra\":1,\"widget\":{\"type\":\"Card\",\"children\":[]}}", "/extra",
    "unknown field \"extra\" in a widget item (ignored)" },
};

static void
test_warnings (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (warnings); i++)
    {
      g_autoptr(GPtrArray) diagnostics = tess_diagnostics_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(TessNode) root = NULL;
      const TessDiagnostic *d;

      root = tess_widget_parse_string (warnings[i].json, -1, diagnostics, &error);
      g_assert_no_error (error);
      g_assert_nonnull (root);

      if (diagnostics->len != 1)
        g_error ("%s: %u diagnostics instead of one warning", warnings[i].json, diagnostics->len);
      d = g_ptr_array_index (diagnostics, 0);
      g_assert_cmpint (d->severity, ==, TESS_SEVERITY_WARNING);
      g_assert_cmpstr (d->pointer, ==, warnings[i].pointer);
      g_assert_cmpstr (d->message, ==, warnings[i].message);
    }
}

/* null props count as absent; children null or [] are fine anywhere. */
static void
test_silent_normalisation (void)
{
  const char *json =
    "{\"type\":\"Card\",\"size\":null,\"children\":[{\"type\":\"Text\",\"value\":\"a\","
    "\"color\":null,\"children\":null},{\"type\":\"Button\",\"onClickAction\":null,"
    "\"children\":[]},{\"type\":\"Transition\",\"children\":null}]}";
  g_autoptr(GPtrArray) diagnostics = tess_diagnostics_new ();
  g_autoptr(TessNode) root = tess_widget_parse_string (json, -1, diagnostics, NULL);
  TessNode *text;

  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_false (tess_node_has_prop (root, "size"));
  text = tess_node_get_child (root, 0);
  g_assert_false (tess_node_has_prop (text, "color"));
  g_assert_cmpstr (tess_node_get_string (text, "value"), ==, "a");
}

static void
test_envelope (void)
{
  const char *json = "{\"type\":\"widget\",\"id\":\"msg_1\",\"thread_id\":\"thr_1\","
                     "\"created_at\":\"2026-11-21T16:09:21\",\"copy_text\":\"Hi\","
                     "\"widget\":{\"type\":\"Card\",\"children\":[{\"type\":\"Text\","
                     "\"value\":\"Hi\"}]}}";
  g_autoptr(JsonNode) node = tess_json_parse (json, -1, NULL);
  g_autoptr(GPtrArray) diagnostics = tess_diagnostics_new ();
  g_autofree char *copy_text = NULL;
  g_autoptr(TessNode) root = tess_widget_parse_document (node, diagnostics, &copy_text);

  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpstr (tess_node_get_type_name (root), ==, "Card");
  g_assert_cmpstr (copy_text, ==, "Hi");
}

static void
test_hostile_depth (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GPtrArray) diagnostics = tess_diagnostics_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TessNode) root = NULL;

  /* Too deep for the JSON parser: refused with a position, never a stack overflow. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  root = tess_widget_parse_string (json->str, json->len, diagnostics, &error);
  g_assert_null (root);
  g_assert_error (error, TESS_JSON_ERROR, TESS_JSON_ERROR_TOO_DEEP);
  g_assert_true (g_str_has_prefix (error->message, "1:514: "));
  g_clear_error (&error);

  /* Deep enough for JSON but too deep for widgets: cut with an error. */
  g_string_truncate (json, 0);
  g_string_append (json, "{\"type\":\"Basic\",\"children\":[");
  for (guint i = 0; i < 200; i++)
    g_string_append (json, "{\"type\":\"Box\",\"children\":[");
  for (guint i = 0; i < 200; i++)
    g_string_append (json, "]}");
  g_string_append (json, "]}");
  root = tess_widget_parse_string (json->str, json->len, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_true (tess_diagnostics_has_errors (diagnostics));
  g_assert_true (strstr (((TessDiagnostic *) g_ptr_array_index (diagnostics, 0))->message,
                         "nested more than 128 levels") != NULL);
}

static void
test_hostile_breadth (void)
{
  g_autoptr(GString) json = g_string_new ("{\"type\":\"ListView\",\"children\":[");
  g_autoptr(GPtrArray) diagnostics = tess_diagnostics_new ();
  g_autoptr(TessNode) root = NULL;
  const TessDiagnostic *first;

  /* 6,000 items of two nodes each: the widget is cut after 10,000 nodes, with one error. */
  for (guint i = 0; i < 6000; i++)
    g_string_append_printf (json, "%s{\"type\":\"ListViewItem\",\"children\":"
                            "[{\"type\":\"Text\",\"value\":\"%u\"}]}", i ? "," : "", i);
  g_string_append (json, "]}");
  root = tess_widget_parse_string (json->str, json->len, diagnostics, NULL);
  g_assert_nonnull (root);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  first = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpint (first->severity, ==, TESS_SEVERITY_ERROR);
  /* The root is node 1; items 0–4998 and their texts make 9,999 more. */
  g_assert_cmpstr (first->pointer, ==, "/children/4999/children/0");
  g_assert_nonnull (strstr (first->message, "more than 10000 components"));
  g_assert_cmpuint (tess_node_get_n_children (root), ==, 5000);
}

/* Random damage to real widgets: the parser reports, it never crashes or goes critical, and
 * whatever it builds survives a round trip. The seed is fixed; TESS_MUTATIONS runs more. */
static void
test_mutations (void)
{
  g_autofree char *directory = g_test_build_filename (G_TEST_DIST, "corpus", "expected", NULL);
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  g_autoptr(GPtrArray) samples = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  const char *env = g_getenv ("TESS_MUTATIONS");
  guint iterations = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 3000;
  static const char alphabet[] = "{}[]\",:0123456789.-etrufalsn \\u\xc3\xa9";
  const char *file;

  while ((file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, file, NULL);
      char *contents = NULL;

      if (g_str_has_suffix (file, ".json") && g_file_get_contents (path, &contents, NULL, NULL))
        g_ptr_array_add (samples, contents);
    }
  g_assert_cmpuint (samples->len, >, 0);

  for (guint i = 0; i < iterations; i++)
    {
      const char *sample = g_ptr_array_index (samples, g_rand_int_range (rand, 0, samples->len));
      g_autoptr(GString) text = g_string_new (sample);
      g_autoptr(GPtrArray) diagnostics = tess_diagnostics_new ();
      g_autoptr(TessNode) root = NULL;
      guint edits = g_rand_int_range (rand, 1, 6);

      for (guint e = 0; e < edits && text->len > 0; e++)
        {
          guint at = g_rand_int_range (rand, 0, text->len);

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              text->str[at] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
              break;
            case 1:
              {
                gsize length = g_rand_int_range (rand, 1, 40);

                g_string_erase (text, at, MIN (text->len - at, length));
              }
              break;
            default:
              g_string_insert_c (text, at, alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);
              break;
            }
        }

      root = tess_widget_parse_string (text->str, text->len, diagnostics, NULL);
      if (root != NULL)
        {
          g_autoptr(JsonNode) json = tess_node_to_json (root);
          g_autoptr(TessNode) again = tess_widget_parse_document (json, NULL, NULL);

          g_assert_true (tess_node_equal (root, again));
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/corpus", test_corpus);
  g_test_add_func ("/validate/shared-corpus", test_shared_corpus);
  g_test_add_func ("/validate/bad-widgets", test_bad_widgets);
  g_test_add_func ("/validate/warnings", test_warnings);
  g_test_add_func ("/validate/silent-normalisation", test_silent_normalisation);
  g_test_add_func ("/validate/envelope", test_envelope);
  g_test_add_func ("/validate/hostile-depth", test_hostile_depth);
  g_test_add_func ("/validate/hostile-breadth", test_hostile_breadth);
  g_test_add_func ("/validate/mutations", test_mutations);

  return g_test_run ();
}
