#!/usr/bin/env python3
# Copyright 2026 The Tessera authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks what `appstreamcli validate` (0.16) does not: that the OARS content rating uses only
OARS 1.1 attributes and values and declares the Chat view's network use, and that the
mediatypes the metainfo provides are exactly the types the MIME package defines.

usage: check-metainfo.py METAINFO MIME_XML
"""

import sys
import xml.etree.ElementTree as ET

OARS_1_1 = {
    'violence-cartoon', 'violence-fantasy', 'violence-realistic', 'violence-bloodshed',
    'violence-sexual', 'violence-desecration', 'violence-slavery', 'violence-worship',
    'drugs-alcohol', 'drugs-narcotics', 'drugs-tobacco',
    'sex-nudity', 'sex-themes', 'sex-homosexuality', 'sex-prostitution', 'sex-adultery',
    'sex-appearance',
    'language-profanity', 'language-humor', 'language-discrimination',
    'social-chat', 'social-info', 'social-audio', 'social-location', 'social-contacts',
    'money-purchasing', 'money-gambling', 'money-advertising',
}
VALUES = {'none', 'mild', 'moderate', 'intense'}
# The app talks to ChatKit servers: these must be declared, whatever their level.
REQUIRED = {'social-chat', 'social-info'}
MIME_NS = '{http://www.freedesktop.org/standards/shared-mime-info}'


def main(metainfo_path, mime_path):
    errors = []
    component = ET.parse(metainfo_path).getroot()

    ratings = component.findall('content_rating')
    if len(ratings) != 1 or ratings[0].get('type') != 'oars-1.1':
        errors.append('expected one <content_rating type="oars-1.1">')
    seen = set()
    for rating in ratings:
        for attribute in rating.findall('content_attribute'):
            name, value = attribute.get('id'), (attribute.text or '').strip()
            if name not in OARS_1_1:
                errors.append(f'unknown OARS 1.1 attribute {name!r}')
            if value not in VALUES:
                errors.append(f'{name}: value {value!r} is not one of {sorted(VALUES)}')
            if name in seen:
                errors.append(f'{name} is rated twice')
            seen.add(name)
    for name in sorted(REQUIRED - seen):
        errors.append(f'{name} is not rated')

    provided = {m.text.strip() for m in component.findall('provides/mediatype')}
    defined = {t.get('type') for t in ET.parse(mime_path).getroot().findall(MIME_NS + 'mime-type')}
    if not defined:
        errors.append(f'{mime_path} defines no MIME type')
    if provided != defined:
        errors.append(f'metainfo provides {sorted(provided)}, the MIME package defines {sorted(defined)}')

    for error in errors:
        print(f'{metainfo_path}: {error}', file=sys.stderr)
    return 1 if errors else 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
