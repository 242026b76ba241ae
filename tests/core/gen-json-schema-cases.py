#!/usr/bin/python3
# gen-json-schema-cases.py: writes test-json-schema-cases.h, the unit cases of test-json-schema.c
# (schema, data, expected "POINTER|MESSAGE" lines, and whether python-jsonschema must agree).
#   python3 tests/core/gen-json-schema-cases.py > tests/core/test-json-schema-cases.h
import json
N = None
cases = [
 # type
 ({"type":"string"}, "a", ""),
 ({"type":"string"}, 3, "|expected string, got number"),
 ({"type":["string","null"]}, True, "|expected string or null, got boolean"),
 ({"type":"integer"}, 3.0, ""),
 ({"type":"integer"}, 3.5, "|expected integer, got number"),
 ({"type":"integer"}, True, "|expected integer, got boolean"),
 ({"type":"number"}, True, "|expected number, got boolean"),
 ({"type":"number"}, -2, ""),
 ({"type":"object"}, [], "|expected object, got array"),
 ({"type":"array"}, {}, "|expected array, got object"),
 ({"type":"null"}, 0, "|expected null, got number"),
 ({"type":"boolean"}, 1, "|expected boolean, got number"),
 # properties
 ({"properties":{"a":{"type":"string"},"b/c":{"type":"integer"},"d~e":{"type":"integer"}}},
  {"a":1,"b/c":"x","d~e":2}, "/a|expected string, got number\n/b~1c|expected integer, got string"),
 ({"properties":{"a":{"type":"string"}}}, [1], ""),
 ({"properties":{"h\u00e9":{"type":"string"}}}, {"h\u00e9":1}, "/h\u00e9|expected string, got number"),
 # required
 ({"required":["title","id"]}, {"id":1}, "|'title' is a required property"),
 ({"required":["title"]}, [1], ""),
 ({"properties":{"o":{"required":["a","b"]}}}, {"o":{}}, "/o|'a' is a required property\n/o|'b' is a required property"),
 # additionalProperties
 ({"properties":{"a":{}},"additionalProperties":False}, {"a":1,"b":2,"c":3},
  "|property 'b' is not allowed here\n|property 'c' is not allowed here"),
 ({"additionalProperties":{"type":"string"}}, {"a":"x","b":1}, "/b|expected string, got number"),
 ({"patternProperties":{"^x-":{"type":"integer"}},"additionalProperties":False}, {"x-a":"s","y":1},
  "/x-a|expected integer, got string\n|property 'y' is not allowed here"),
 ({"additionalProperties":False}, {}, ""),
 # items
 ({"items":{"type":"integer"}}, [1,"a",3,None], "/1|expected integer, got string\n/3|expected integer, got null"),
 ({"prefixItems":[{"type":"string"},{"type":"integer"}],"items":False}, ["a","b",3],
  "/1|expected integer, got string\n|expected at most 2 items, got 3"),
 ({"prefixItems":[{"type":"string"}],"items":{"type":"integer"}}, ["a",1,"b"], "/2|expected integer, got string"),
 ({"items":False}, [], ""),
 ({"items":{"type":"integer"}}, {"0":"a"}, ""),
 # enum and const
 ({"enum":["a","b",1]}, "c", "|\"c\" is not one of \"a\", \"b\", 1"),
 ({"enum":[1]}, 1.0, ""),
 ({"enum":[1]}, True, "|true is not one of 1"),
 ({"enum":[False, None]}, 0, "|0 is not one of false, null"),
 ({"enum":[{"a":[1,2]}]}, {"a":[1,2]}, ""),
 ({"enum":list(range(10))}, 10, "|10 is not one of 0, 1, 2, 3, 4, 5, \u2026 (10 in all)"),
 ({"const":"x"}, "y", "|expected the value \"x\""),
 ({"const":{"a":1,"b":2}}, {"b":2,"a":1}, ""),
 ({"const":False}, 0, "|expected the value false"),
 ({"const":[1,{"a":None}]}, [1.0,{"a":None}], ""),
 # numbers
 ({"maximum":2}, 3, "|3 is greater than the maximum of 2"),
 ({"minimum":5}, 3, "|3 is less than the minimum of 5"),
 ({"minimum":-1.5}, -2, "|-2 is less than the minimum of -1.5"),
 ({"exclusiveMinimum":3}, 3, "|3 is less than or equal to the exclusive minimum of 3"),
 ({"exclusiveMaximum":3}, 3.5, "|3.5 is greater than or equal to the exclusive maximum of 3"),
 ({"exclusiveMaximum":3}, 2.9, ""),
 ({"minimum":0,"maximum":10}, "a", ""),
 ({"maximum":2.5}, 2.5, ""),
 ({"maximum":9007199254740992}, 9007199254740993, "|9007199254740993 is greater than the maximum of 9007199254740992"),
 ({"multipleOf":2}, 7, "|7 is not a multiple of 2"),
 ({"multipleOf":2}, 8.0, ""),
 ({"multipleOf":0.01}, 0.07, "|0.07 is not a multiple of 0.01"),
 ({"multipleOf":0.5}, 3, ""),
 # strings
 ({"minLength":3}, "ab", "|expected at least 3 characters, got 2"),
 ({"maxLength":2}, "h\u00e9\u00e9", "|expected at most 2 characters, got 3"),
 ({"maxLength":3}, "h\u00e9\u00e9", ""),
 ({"minLength":1}, "", "|expected at least 1 character, got 0"),
 ({"maxLength":1}, "\U0001F600", ""),
 ({"minLength":2}, 5, ""),
 ({"pattern":"^[a-z]+$"}, "abc", ""),
 ({"pattern":"^[a-z]+$"}, "abC", "|\"abC\" does not match the pattern '^[a-z]+$'"),
 ({"pattern":"b"}, "abc", ""),
 ({"pattern":"^\\u0041\\d$"}, "A1", ""),
 ({"pattern":"^\\w+$"}, "a_1", ""),
 ({"pattern":"^[\\d.]+$"}, "1.5", ""),
 ({"pattern":"^[\\d.]+$"}, "1,5", "|\"1,5\" does not match the pattern '^[\\d.]+$'"),
 # ECMA, not Python re: \d is ASCII only and "$" does not match before a final newline
 ({"pattern":"^\\d$"}, "\u0663", "|\"\u0663\" does not match the pattern '^\\d$'", False),
 ({"pattern":"^a$"}, "a\n", "|\"a\\n\" does not match the pattern '^a$'", False),
 ({"format":"email","title":"t","description":"d","default":3,"examples":[1],"$comment":"c"}, "not an email", ""),
 # arrays
 ({"minItems":1}, [], "|expected at least 1 item, got 0"),
 ({"maxItems":2}, [1,2,3], "|expected at most 2 items, got 3"),
 ({"uniqueItems":True}, [1,2,1.0], "|items 0 and 2 are equal; all items must be unique"),
 ({"uniqueItems":True}, [1,True,{"a":1},{"a":True},[1],[True],0,False,None], ""),
 ({"uniqueItems":True}, [{"a":1,"b":2},{"b":2,"a":1}], "|items 0 and 1 are equal; all items must be unique"),
 ({"uniqueItems":True}, ["a","b","c","b","a"], "|items 1 and 3 are equal; all items must be unique"),
 ({"uniqueItems":False}, [1,1], ""),
 ({"contains":{"type":"string"}}, [1,2], "|no item matches the 'contains' schema"),
 ({"contains":{"type":"string"},"maxContains":1}, ["a","b"], "|expected at most 1 items to match the 'contains' schema, got 2"),
 ({"contains":{"type":"string"},"minContains":2}, ["a",1], "|expected at least 2 items to match the 'contains' schema, got 1"),
 ({"contains":{"type":"string"}}, [1,"a"], ""),
 # combinators
 ({"anyOf":[{"type":"string","minLength":1},{"type":"null"}]}, "",
  "|matches none of the schemas in 'anyOf' (closest: expected at least 1 character, got 0)"),
 ({"anyOf":[{"type":"string","minLength":1},{"type":"null"}]}, None, ""),
 ({"anyOf":[{"properties":{"a":{"type":"string"}}},{"type":"array"}]}, {"a":1},
  "|matches none of the schemas in 'anyOf' (closest: /a: expected string, got number)"),
 ({"oneOf":[{"type":"integer"},{"type":"number"}]}, 1, "|matches more than one of the schemas in 'oneOf' (0 and 1)"),
 ({"oneOf":[{"type":"integer"},{"type":"number"}]}, 1.5, ""),
 ({"oneOf":[{"type":"string"},{"type":"array"}]}, 1, "|matches none of the schemas in 'oneOf' (closest: expected string, got number)"),
 ({"allOf":[{"type":"object","required":["a"]},{"properties":{"b":{"type":"string"}}}]}, {"b":1},
  "|'a' is a required property\n/b|expected string, got number"),
 ({"not":{"type":"string"}}, "x", "|must not match the schema in 'not'"),
 ({"not":{"type":"string"}}, 1, ""),
 ({"if":{"properties":{"k":{"const":"n"}}},"then":{"required":["n"]},"else":{"required":["s"]}}, {"k":"n"}, "|'n' is a required property"),
 ({"if":{"properties":{"k":{"const":"n"}}},"then":{"required":["n"]},"else":{"required":["s"]}}, {"k":"x"}, "|'s' is a required property"),
 ({"then":{"required":["n"]}}, {}, ""),
 # boolean schemas
 (False, 1, "|no value is allowed here"),
 (True, 1, ""),
 ({"properties":{"a":False}}, {"a":1}, "/a|no value is allowed here"),
 ({"items":{"not":{}}}, [1], "/0|must not match the schema in 'not'"),
 # $ref
 ({"$defs":{"name":{"type":"string"}},"properties":{"n":{"$ref":"#/$defs/name"}}}, {"n":3}, "/n|expected string, got number"),
 ({"definitions":{"x":{"type":"integer"}},"items":{"$ref":"#/definitions/x"}}, [1,"a"], "/1|expected integer, got string"),
 ({"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#"}}},"required":["name"]},
  {"name":"a","children":[{"name":"b","children":[{"children":[]}]}]}, "/children/0/children/0|'name' is a required property"),
 ({"$defs":{"s":{"type":"string"}},"$ref":"#/$defs/s","minLength":2}, "a", "|expected at least 2 characters, got 1"),
 ({"$defs":{"a/b":{"type":"integer"},"c%d":{"type":"null"}},"properties":{"x":{"$ref":"#/$defs/a~1b"},"y":{"$ref":"#/$defs/c%25d"}}},
  {"x":"s","y":1}, "/x|expected integer, got string\n/y|expected null, got number"),
 ({"foo":{"bar":{"type":"integer"}},"$ref":"#/foo/bar"}, "s", "|expected integer, got string"),
 ({"x-list":[{"type":"integer"}],"$ref":"#/x-list/0"}, "s", "|expected integer, got string"),
 ({"$id":"https://example.com/s","$defs":{"a":{"type":"string"}},"$ref":"https://example.com/s#/$defs/a"}, 1, "|expected string, got number"),
 ({"anyOf":[{"type":"string"},{"$ref":"#"}]}, "x", ""),
 # objects
 ({"dependentRequired":{"a":["b","c"]}}, {"a":1,"c":2}, "|'b' is required when 'a' is present"),
 ({"dependentRequired":{"a":["b"]}}, {"b":1}, ""),
 ({"dependentSchemas":{"a":{"required":["b"]}}}, {"a":1}, "|'b' is a required property"),
 ({"minProperties":2}, {"a":1}, "|expected at least 2 properties, got 1"),
 ({"maxProperties":1}, {"a":1,"b":2}, "|expected at most 1 property, got 2"),
 ({"propertyNames":{"pattern":"^[a-z]+$"}}, {"ok":1,"Bad":2}, "|property name 'Bad': \"Bad\" does not match the pattern '^[a-z]+$'"),
 ({"properties":{"a":{"items":{"properties":{"x/y":{"type":"string"}}}}}}, {"a":[{},{"x/y":1}]}, "/a/1/x~1y|expected string, got number"),
 ({"unevaluatedProperties":False}, {"a":1}, "", False),
]

def c_string(s):
    out = '"'
    for ch in s.encode('utf-8'):
        c = chr(ch)
        if c == '"' or c == '\\':
            out += '\\' + c
        elif c == '\n':
            out += '\\n'
        elif ch >= 0x80:
            out += '\\%03o' % ch
        else:
            out += c
    return out + '"'

print("/* test-json-schema-cases.h: written by gen-json-schema-cases.py; do not edit */")
print("/* clang-format off */")
print("static const SchemaCase schema_cases[] = {")
for case in cases:
    schema, data, expected = case[:3]
    diff = case[3] if len(case) > 3 else True
    print("  { %s,\n    %s,\n    %s, %s }," % (c_string(json.dumps(schema, ensure_ascii=False)), c_string(json.dumps(data, ensure_ascii=False)), c_string(expected), "TRUE" if diff else "FALSE"))
print("};")
