/* test-widget-encoded.c: the base64url codec of a `.widget` file's encodedWidget
 *
 * Widget Builder writes the project as JSON.stringify (project) in base64url without
 * padding; decoding a corpus file's encodedWidget and encoding it again must give the very
 * same text, so that a saved file differs from the original only where it was edited.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "template/tess-json-strict.h"
#include "template/tess-widget-encoded.h"
#include "template/tess-widget-file.h"

/* An independent base64url decoder, so that the codec is not checked against itself. The
 * standard alphabet's '+' and '/' are read too (one corpus file has them). */
static GBytes *
base64url_to_bytes (const char *encoded)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  GByteArray *out = g_byte_array_new ();
  guint32 bits = 0;
  guint nbits = 0;

  for (const char *p = encoded; *p != '\0' && *p != '='; p++)
    {
      const char *at = strchr (alphabet, *p);
      guint32 value;

      if (*p == '+' || *p == '/')
        value = *p == '+' ? 62 : 63;
      else
        {
          g_assert_nonnull (at);
          value = at - alphabet;
        }
      bits = (bits << 6) | value;
      nbits += 6;
      if (nbits >= 8)
        {
          guint8 byte = (bits >> (nbits - 8)) & 0xff;

          g_byte_array_append (out, &byte, 1);
          nbits -= 8;
        }
    }
  return g_byte_array_free_to_bytes (out);
}

static char *
bytes_to_base64url (const char *data,
                    gssize      length,
                    gboolean    padded)
{
  char *encoded = g_base64_encode ((const guchar *) data,
                                   length < 0 ? strlen (data) : (gsize) length);

  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  if (!padded)
    {
      char *eq = strchr (encoded, '=');

      if (eq != NULL)
        *eq = '\0';
    }
  return encoded;
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return node;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = tess_json_parse_strict (text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* The JSON text inside an encoded string, checked to be JSON as JSON.parse reads it. */
static JsonNode *
encoded_payload (const char *encoded,
                 char      **text_out)
{
  g_autoptr(GBytes) bytes = base64url_to_bytes (encoded);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_assert_true (g_utf8_validate (data, length, NULL));
  node = tess_json_parse_strict (data, length, &error);
  g_assert_no_error (error);
  if (text_out != NULL)
    *text_out = g_strndup (data, length);
  return node;
}

static void
test_corpus_round_trip (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "corpus", "widgets", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint decoded = 0, not_projects = 0, without = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(JsonObject) root = NULL;
      g_autoptr(JsonObject) project = NULL;
      g_autoptr(GBytes) raw = NULL;
      g_autoptr(JsonNode) expected = NULL;
      const char *encoded;
      gboolean padded = TRUE;

      if (!g_str_has_suffix (name, ".widget"))
        continue;
      g_test_message ("%s", name);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      root = parse_object (text);
      if (!json_object_has_member (root, "encodedWidget"))
        {
          without++;
          continue;
        }
      encoded = json_object_get_string_member (root, "encodedWidget");
      g_assert_nonnull (encoded);

      /* What the text really holds, read without the codec. */
      raw = base64url_to_bytes (encoded);
      {
        gsize length;
        const char *data = g_bytes_get_data (raw, &length);

        if (g_utf8_validate (data, length, NULL))
          expected = tess_json_parse_strict (data, length, NULL);
      }

      project = tess_widget_encoded_decode (encoded, &padded);
      if (expected == NULL || !JSON_NODE_HOLDS_OBJECT (expected))
        {
          /* Some files carry something else there (the template's own text). */
          g_assert_null (project);
          not_projects++;
          continue;
        }
      g_assert_nonnull (project);
      g_assert_cmpint (padded, ==, strchr (encoded, '=') != NULL);
      {
        g_autoptr(JsonNode) node = object_node (project);
        g_autofree char *again = NULL;

        g_assert_true (json_node_equal (node, expected));
        /* json.dumps-like compact JSON, byte for byte what Widget Builder wrote. */
        again = tess_widget_encoded_encode (project, padded);
        g_assert_cmpstr (again, ==, encoded);
      }
      decoded++;
    }
  g_test_message ("%u projects, %u other encodedWidgets, %u files without", decoded,
                  not_projects, without);
  /* The corpus as it is: a change there should be looked at. */
  g_assert_cmpuint (decoded, >=, 50);
  g_assert_cmpuint (not_projects, ==, 2);
  g_assert_cmpuint (without, ==, 2);
}

static void
test_padding (void)
{
  /* 11 bytes of JSON: base64 needs one '='. */
  g_autoptr(JsonObject) project = parse_object ("{\"a\":\"bcd\"}");
  g_autofree char *padded = tess_widget_encoded_encode (project, TRUE);
  g_autofree char *unpadded = tess_widget_encoded_encode (project, FALSE);
  g_autoptr(JsonObject) from_padded = NULL;
  g_autoptr(JsonObject) from_unpadded = NULL;
  g_autoptr(JsonNode) expected = object_node (project);
  gboolean was_padded = FALSE;

  g_assert_cmpstr (padded, ==, "eyJhIjoiYmNkIn0=");
  g_assert_cmpstr (unpadded, ==, "eyJhIjoiYmNkIn0");

  from_padded = tess_widget_encoded_decode (padded, &was_padded);
  g_assert_nonnull (from_padded);
  g_assert_true (was_padded);
  from_unpadded = tess_widget_encoded_decode (unpadded, &was_padded);
  g_assert_nonnull (from_unpadded);
  g_assert_false (was_padded);
  {
    g_autoptr(JsonNode) a = object_node (from_padded);
    g_autoptr(JsonNode) b = object_node (from_unpadded);

    g_assert_true (json_node_equal (a, expected));
    g_assert_true (json_node_equal (b, expected));
  }

  /* padded may be NULL */
  {
    g_autoptr(JsonObject) again = tess_widget_encoded_decode (unpadded, NULL);

    g_assert_nonnull (again);
  }
}

static void
test_url_alphabet (void)
{
  /* {"s":"???" followed by ">>>"} is "eyJzIjoiPz8/Pj4+In0=" in the standard alphabet. */
  g_autoptr(JsonObject) project = parse_object ("{\"s\":\"?\?\?>>>\"}");
  g_autofree char *encoded = tess_widget_encoded_encode (project, TRUE);
  g_autoptr(JsonObject) back = NULL;
  g_autofree char *standard = NULL;

  g_assert_cmpstr (encoded, ==, "eyJzIjoiPz8_Pj4-In0=");
  back = tess_widget_encoded_decode (encoded, NULL);
  g_assert_nonnull (back);
  g_assert_cmpstr (json_object_get_string_member (back, "s"), ==, "?\?\?>>>");

  /* The standard alphabet is read too (a corpus file has it). */
  standard = g_strdup (encoded);
  g_strdelimit (standard, "-", '+');
  g_strdelimit (standard, "_", '/');
  g_assert_cmpstr (standard, !=, encoded);
  g_clear_pointer (&back, json_object_unref);
  back = tess_widget_encoded_decode (standard, NULL);
  g_assert_nonnull (back);
  g_assert_cmpstr (json_object_get_string_member (back, "s"), ==, "?\?\?>>>");
}

/* The encoded text is JSON.stringify's: numbers as JavaScript writes them, strings with
 * every control character escaped, so that Widget Builder and json.loads read it back. */
static void
test_encode_is_json_stringify (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "{\"n\":1e16}", "{\"n\":10000000000000000}" },
    { "{\"n\":0.1}", "{\"n\":0.1}" },
    { "{\"n\":-2.5e-7}", "{\"n\":-2.5e-7}" },
    { "{\"n\":1e300}", "{\"n\":1e+300}" },
    { "{\"n\":1.0}", "{\"n\":1}" },
    { "{\"n\":9007199254740993}", "{\"n\":9007199254740993}" },
    { "{\"s\":\"a\\u001fb\\u0001c\\n\\t\"}", "{\"s\":\"a\\u001fb\\u0001c\\n\\t\"}" },
    { "{\"s\":\"h\xc3\xa9 \xf0\x9f\x98\x80 \\\" \\\\ /\"}",
      "{\"s\":\"h\xc3\xa9 \xf0\x9f\x98\x80 \\\" \\\\ /\"}" },
    { "{\"s\":\"  spaced  \",\"a\":[1, 2, {\"k\": [ ]}],\"o\":{}}",
      "{\"s\":\"  spaced  \",\"a\":[1,2,{\"k\":[]}],\"o\":{}}" },
    { "{\"z\":1,\"a\":2,\"m\":null,\"t\":true,\"f\":false}",
      "{\"z\":1,\"a\":2,\"m\":null,\"t\":true,\"f\":false}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) project = parse_object (cases[i].in);
      g_autofree char *encoded = tess_widget_encoded_encode (project, FALSE);
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) payload = NULL;
      g_autoptr(JsonObject) back = NULL;
      g_autoptr(JsonNode) expected = object_node (project);

      g_test_message ("%s", cases[i].in);
      payload = encoded_payload (encoded, &text);
      g_assert_cmpstr (text, ==, cases[i].out);
      g_assert_true (json_node_equal (payload, expected));
      back = tess_widget_encoded_decode (encoded, NULL);
      g_assert_nonnull (back);
      {
        g_autoptr(JsonNode) node = object_node (back);

        g_assert_true (json_node_equal (node, expected));
      }
    }
}

static void
assert_decode_fails (const char *encoded)
{
  g_autoptr(JsonObject) project = NULL;
  gboolean padded = FALSE;

  g_test_message ("decoding “%s”", encoded);
  project = tess_widget_encoded_decode (encoded, &padded);
  g_assert_null (project);
}

static void
assert_payload_fails (const char *json,
                      gssize      length)
{
  g_autofree char *encoded = bytes_to_base64url (json, length, FALSE);
  g_autofree char *padded = bytes_to_base64url (json, length, TRUE);

  assert_decode_fails (encoded);
  assert_decode_fails (padded);
}

static void
test_decode_invalid (void)
{
  /* Not base64 */
  assert_decode_fails ("");
  assert_decode_fails ("====");
  assert_decode_fails ("eyJh IjoxfQ");
  assert_decode_fails ("eyJhIjoxfQ!");
  assert_decode_fails ("eyJhIjoxfQ.");
  assert_decode_fails ("e30\n");
  assert_decode_fails ("\xc3\xa9");

  /* Not a JSON object */
  assert_payload_fails ("[1, 2]", -1);
  assert_payload_fails ("\"text\"", -1);
  assert_payload_fails ("42", -1);
  assert_payload_fails ("null", -1);
  assert_payload_fails ("true", -1);
  assert_payload_fails ("{\"a\":", -1);
  assert_payload_fails ("{% if x %}{}{% endif %}", -1);
  assert_payload_fails ("plain words", -1);

  /* Not UTF-8 */
  assert_payload_fails ("{\"a\":\"\xff\"}", -1);
  assert_payload_fails ("{\"a\":\"\xc3\"}", -1);
  assert_payload_fails ("{\"a\":\"\xed\xa0\x80\"}", -1);  /* a UTF-16 surrogate */
  assert_payload_fails ("{\"a\":1}\0{", 9);

  /* The smallest object is fine, padded or not. */
  {
    g_autoptr(JsonObject) empty = tess_widget_encoded_decode ("e30", NULL);
    g_autoptr(JsonObject) empty_padded = tess_widget_encoded_decode ("e30=", NULL);

    g_assert_nonnull (empty);
    g_assert_cmpuint (json_object_get_size (empty), ==, 0);
    g_assert_nonnull (empty_padded);
  }
}

static void
test_state_accessors (void)
{
  g_autoptr(JsonObject) states = parse_object (
    "{"
    "\"wb\": {\"name\": \"Empty cart\", \"state\": {\"items\": []}},"
    "\"old\": {\"name\": \"Old\", \"data\": {\"x\": 1}},"
    "\"both\": {\"name\": \"Both\", \"state\": {\"from\": \"state\"}, \"data\": {\"from\": 1}},"
    "\"null\": {\"name\": \"Null\", \"state\": null},"
    "\"bare\": {\"id\": \"s1\"},"
    "\"numbered\": {\"name\": 3, \"state\": {}}"
    "}");
  JsonObject *wb = json_object_get_object_member (states, "wb");
  JsonObject *old = json_object_get_object_member (states, "old");
  JsonObject *both = json_object_get_object_member (states, "both");
  JsonObject *null_state = json_object_get_object_member (states, "null");
  JsonObject *bare = json_object_get_object_member (states, "bare");
  JsonObject *numbered = json_object_get_object_member (states, "numbered");
  JsonNode *data;

  g_assert_cmpstr (tess_widget_state_get_name (wb), ==, "Empty cart");
  data = tess_widget_state_get_data (wb);
  g_assert_nonnull (data);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (data));
  g_assert_true (json_object_has_member (json_node_get_object (data), "items"));
  /* Not a copy */
  g_assert_true (data == json_object_get_member (wb, "state"));

  g_assert_cmpstr (tess_widget_state_get_name (old), ==, "Old");
  data = tess_widget_state_get_data (old);
  g_assert_nonnull (data);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (data), "x"), ==, 1);

  /* Widget Builder's "state" wins */
  data = tess_widget_state_get_data (both);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (data), "from"), ==,
                   "state");

  data = tess_widget_state_get_data (null_state);
  g_assert_nonnull (data);
  g_assert_true (JSON_NODE_HOLDS_NULL (data));

  g_assert_null (tess_widget_state_get_name (bare));
  g_assert_null (tess_widget_state_get_data (bare));
  g_assert_null (tess_widget_state_get_name (numbered));
  g_assert_nonnull (tess_widget_state_get_data (numbered));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/template/widget-encoded/corpus-round-trip", test_corpus_round_trip);
  g_test_add_func ("/template/widget-encoded/padding", test_padding);
  g_test_add_func ("/template/widget-encoded/url-alphabet", test_url_alphabet);
  g_test_add_func ("/template/widget-encoded/json-stringify", test_encode_is_json_stringify);
  g_test_add_func ("/template/widget-encoded/decode-invalid", test_decode_invalid);
  g_test_add_func ("/template/widget-encoded/state-accessors", test_state_accessors);
  return g_test_run ();
}
