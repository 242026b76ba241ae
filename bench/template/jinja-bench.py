#!/usr/bin/env python3
# Times Jinja2 for bench-template: one JSON request per line
# ({"template": str, "data": object, "n": int}); answers {"median_ns": int} per line.
# Same environment as ChatKit: Environment(undefined=StrictUndefined).
import json
import statistics
import sys
import time

import jinja2
from jinja2 import Environment, StrictUndefined

ENV = Environment(undefined=StrictUndefined)


def main():
    sys.stdout.write(json.dumps({"ready": True, "version": jinja2.__version__}) + "\n")
    sys.stdout.flush()
    while True:
        line = sys.stdin.readline()
        if not line:
            break
        request = json.loads(line)
        template = ENV.from_string(request["template"])  # parse once, render many
        data = request["data"]
        times = []
        for _ in range(request["n"]):
            start = time.perf_counter_ns()
            template.render(**data)
            times.append(time.perf_counter_ns() - start)
        sys.stdout.write(json.dumps({"median_ns": int(statistics.median(times))}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
