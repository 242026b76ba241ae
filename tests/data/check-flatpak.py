#!/usr/bin/env python3
# Copyright 2026 The Tessera authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the two Flatpak manifests without building them: each is valid JSON with the
expected id, runtime and profile; every git source names a commit or a tag; the app's meson
options exist in meson_options.txt; no manifest grants home directory access (files come
through the file chooser portal).

usage: check-flatpak.py SOURCE_ROOT
"""

import json
import os
import re
import sys

RUNTIME = ('org.gnome.Platform', 'org.gnome.Sdk', '49')
MANIFESTS = {
    'io.github.tessera.Tessera.Devel.json': ('io.github.tessera.Tessera.Devel', 'true'),
    'io.github.tessera.Tessera.json': ('io.github.tessera.Tessera', 'false'),
}


def sources(modules):
    for module in modules:
        if isinstance(module, dict):
            yield from ((module.get('name'), s) for s in module.get('sources', []))
            yield from sources(module.get('modules', []))


def check(path, app_id, development, options):
    errors = []
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        return [str(e)]

    if manifest.get('id') != app_id:
        errors.append(f'id is {manifest.get("id")!r}, expected {app_id!r}')
    got = (manifest.get('runtime'), manifest.get('sdk'), manifest.get('runtime-version'))
    if got != RUNTIME:
        errors.append(f'runtime, sdk, runtime-version are {got}, expected {RUNTIME}')
    if manifest.get('command') != 'tessera':
        errors.append('command is not tessera')
    for arg in manifest.get('finish-args', []):
        if arg.startswith('--filesystem=home') or arg == '--filesystem=host':
            errors.append(f'finish-args grants {arg}')

    for name, source in sources(manifest.get('modules', [])):
        if source.get('type') == 'git':
            if not source.get('commit') and not source.get('tag'):
                errors.append(f'module {name}: git source {source.get("url")} has no commit or tag')

    apps = [m for m in manifest.get('modules', []) if isinstance(m, dict) and m.get('name') == 'tessera']
    if len(apps) != 1:
        errors.append('expected one module named tessera')
    else:
        opts = dict(re.fullmatch(r'-D([^=]+)=(.*)', o).groups()
                    for o in apps[0].get('config-opts', []) if o.startswith('-D'))
        for name in opts:
            if name not in options:
                errors.append(f'-D{name} is not an option in meson_options.txt')
        if opts.get('development') != development:
            errors.append(f'-Ddevelopment is {opts.get("development")!r}, expected {development!r}')
        if development == 'false' and opts.get('tests') != 'false':
            errors.append('the release build must not build tests (-Dtests=false)')

    return errors


def main(root):
    with open(os.path.join(root, 'meson_options.txt'), encoding='utf-8') as f:
        options = set(re.findall(r"option\(\s*'([^']+)'", f.read()))

    failed = False
    for name, (app_id, development) in MANIFESTS.items():
        path = os.path.join(root, 'flatpak', name)
        for error in check(path, app_id, development, options):
            print(f'{path}: {error}', file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
