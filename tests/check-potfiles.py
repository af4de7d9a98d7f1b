#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po/POTFILES.in lists exactly the files that have translatable strings.

usage: check-potfiles.py SOURCE_ROOT [XGETTEXT]
xgettext reads every source file that can hold a sentence a person sees
(app/**/*.c and .h, ui/*.ui, data/*.desktop.in, data/*.metainfo.xml.in,
data/*.gschema.xml) with the keywords of meson's "glib" preset, the ones the
template is made with; the files its references name are the ones that must be
listed. Fails on a file with strings that is missing from POTFILES.in, on a
listed file without any, on a listed file that does not exist, and on an
unsorted or duplicated list.
"""
import os
import re
import subprocess
import sys
import tempfile

root = os.path.abspath(sys.argv[1])
xgettext = sys.argv[2] if len(sys.argv) > 2 else 'xgettext'

# meson's i18n "glib" preset (mesonbuild/modules/i18n.py), plus ngettext's defaults.
KEYWORDS = ['_', 'N_', 'C_:1c,2', 'NC_:1c,2', 'g_dcgettext:2', 'g_dngettext:2,3',
            'g_dpgettext2:2c,3']

PATTERNS = [
    ('app', re.compile(r'.*\.[ch]$')),
    ('ui', re.compile(r'.*\.ui$')),
    ('data', re.compile(r'.*\.(desktop\.in|metainfo\.xml\.in|gschema\.xml)$')),
]


def candidates():
    found = []
    for top, pattern in PATTERNS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if pattern.match(name):
                    found.append(os.path.relpath(os.path.join(dirpath, name), root))
    return found


def files_with_strings(files):
    with tempfile.TemporaryDirectory() as tmp:
        listing = os.path.join(tmp, 'files')
        pot = os.path.join(tmp, 'out.pot')
        with open(listing, 'w') as f:
            f.write('\n'.join(files) + '\n')
        cmd = [xgettext, '--from-code=UTF-8', '--omit-header', '--add-location=file',
               '--directory=' + root, '--files-from=' + listing, '--output=' + pot]
        cmd += ['--keyword=' + k for k in KEYWORDS]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit('xgettext failed (%d):\n%s' % (run.returncode, run.stderr))
        if not os.path.exists(pot):
            return set()
        with open(pot, encoding='utf-8') as f:
            text = f.read()
    refs = set()
    for line in text.splitlines():
        if line.startswith('#: '):
            for ref in line[3:].split():
                refs.add(re.sub(r':\d+$', '', ref))
    return refs


def listed():
    path = os.path.join(root, 'po', 'POTFILES.in')
    entries = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


errors = []
entries = listed()
if entries != sorted(entries):
    errors.append('po/POTFILES.in is not in alphabetical order.')
dups = sorted({e for e in entries if entries.count(e) > 1})
for d in dups:
    errors.append('po/POTFILES.in lists %s twice.' % d)
for e in entries:
    if not os.path.isfile(os.path.join(root, e)):
        errors.append('po/POTFILES.in lists %s, which does not exist.' % e)

all_files = candidates()
with_strings = files_with_strings(all_files)
# A listed file of a kind the walk does not cover is still checked for strings.
extra = [e for e in entries if e not in all_files and os.path.isfile(os.path.join(root, e))]
if extra:
    with_strings |= files_with_strings(extra)

for f in sorted(with_strings - set(entries)):
    errors.append('%s has translatable strings but is missing from po/POTFILES.in.' % f)
for e in entries:
    if os.path.isfile(os.path.join(root, e)) and e not in with_strings:
        errors.append('po/POTFILES.in lists %s, which has no translatable strings.' % e)

if errors:
    print('\n'.join(errors))
    print('\nFix po/POTFILES.in (one path per line, sorted), then run meson test potfiles.')
    sys.exit(1)
print('po/POTFILES.in: %d files, all with translatable strings, none missing.' % len(entries))
