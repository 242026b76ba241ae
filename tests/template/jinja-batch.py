#!/usr/bin/env python3
# Renders templates with the real Jinja2 for test-template-diff: reads one JSON request per
# line ({"template": str, "data": object}) and answers one JSON line per request:
#   {"ok": true, "out": str}  or  {"ok": false, "stage": "compile"|"render", "error": str}
# The environment is ChatKit's: Environment(undefined=StrictUndefined), defaults otherwise.
import json
import sys

import jinja2
from jinja2 import Environment, StrictUndefined

sys.setrecursionlimit(10000)
ENV = Environment(undefined=StrictUndefined)


def handle(request):
    try:
        template = ENV.from_string(request["template"])
    except Exception as exc:  # TemplateSyntaxError and friends
        return {"ok": False, "stage": "compile", "error": f"{type(exc).__name__}: {exc}",
                "line": getattr(exc, "lineno", None)}
    try:
        return {"ok": True, "out": template.render(**request["data"])}
    except Exception as exc:
        return {"ok": False, "stage": "render", "error": f"{type(exc).__name__}: {exc}"}


def main():
    sys.stdout.write(json.dumps({"ready": True, "version": jinja2.__version__}) + "\n")
    sys.stdout.flush()
    while True:
        line = sys.stdin.readline()
        if not line:
            break
        reply = handle(json.loads(line))
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
