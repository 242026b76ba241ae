#!/usr/bin/python3
# jsonschema-batch.py: the reference for test-json-schema's differential cases.
#
# Reads one JSON request a line, {"schema": …, "data": …}, and answers one line,
# {"ok": true, "pointers": [RFC 6901 pointers of every error, sorted, unique]}, or
# {"ok": false, "error": "…"} when python-jsonschema itself fails (a RecursionError, say).
# The first line out is {"ready": "<version>"}, or the process exits if there is no jsonschema.

import json
import sys

try:
    import jsonschema
    from importlib.metadata import version
except ImportError:
    sys.exit(3)


def pointer(path):
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in path)


def main():
    sys.setrecursionlimit(4000)
    print(json.dumps({"ready": version("jsonschema")}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            validator = jsonschema.Draft202012Validator(request["schema"])
            errors = validator.iter_errors(request["data"])
            pointers = sorted({pointer(e.absolute_path) for e in errors})
            reply = {"ok": True, "pointers": pointers}
        except Exception as e:  # the reference failing is an answer too
            reply = {"ok": False, "error": type(e).__name__ + ": " + str(e)[:200]}
        print(json.dumps(reply), flush=True)


main()
