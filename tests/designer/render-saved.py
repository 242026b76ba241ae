#!/usr/bin/env python3
# Renders `.widget` files saved by the Designer with the real Jinja2, reading each one the way
# chatkit-python's WidgetTemplate does: json.load, version "1.0", Environment(undefined=
# StrictUndefined), the template from "template", rendered with the sample data (the decoded
# encodedWidget's defaultState), json.loads. Prints one JSON line per file, in order:
#   {"ok": true, "out": <the widget, canonical: sort_keys>}
#   {"ok": false, "stage": "load"|"definition"|"compile"|"render"|"json", "error": str}
import base64
import json
import sys

import jinja2

ENV = jinja2.Environment(undefined=jinja2.StrictUndefined)


def sample_data(definition):
    encoded = definition.get("encodedWidget")
    if not isinstance(encoded, str):
        return {}
    try:
        raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        project = json.loads(raw.decode("utf-8"))
    except ValueError:
        return {}
    state = project.get("defaultState") if isinstance(project, dict) else None
    return state if isinstance(state, dict) else {}


def render(path):
    stage = "load"
    try:
        with open(path, encoding="utf-8") as file:
            definition = json.load(file)
        stage = "definition"
        if definition["version"] != "1.0":
            raise ValueError(f"Unsupported widget spec version: {definition['version']}")
        definition["name"]
        stage = "compile"
        template = ENV.from_string(definition["template"])
        stage = "render"
        text = template.render(**sample_data(definition))
        stage = "json"
        widget = json.loads(text)
    except Exception as exc:
        return {"ok": False, "stage": stage, "error": f"{type(exc).__name__}: {exc}"}
    return {"ok": True, "out": json.dumps(widget, sort_keys=True, ensure_ascii=False)}


def main():
    sys.stdout.write(json.dumps({"ready": True, "version": jinja2.__version__}) + "\n")
    for path in sys.argv[1:]:
        sys.stdout.write(json.dumps(render(path)) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
