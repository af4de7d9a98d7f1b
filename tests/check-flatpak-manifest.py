#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Offline check of the Flatpak manifest (stdlib only; flatpak-builder needs the SDK).

usage: check-flatpak-manifest.py MANIFEST.json APP_ID COMMAND
JSON syntax, known keys, the runtime, the command, the sandbox permissions the
architecture asks for (and none broader), and the app module: meson, built from
the source tree the manifest sits in.
"""
import json
import os
import re
import sys

path, app_id, command = sys.argv[1:4]
errors = []
err = errors.append

try:
    with open(path) as f:
        m = json.load(f)
except ValueError as e:
    sys.exit('%s: not valid JSON: %s' % (path, e))

TOP = {'app-id', 'id', 'runtime', 'runtime-version', 'sdk', 'sdk-extensions', 'command',
       'finish-args', 'modules', 'cleanup', 'cleanup-commands', 'build-options', 'rename-icon',
       'rename-desktop-file', 'rename-appdata-file', 'separate-locales', 'add-extensions',
       'tags', 'desktop-file-name-suffix', 'appstream-compose', 'copy-icon', 'branch'}
MOD = {'name', 'buildsystem', 'config-opts', 'make-args', 'make-install-args', 'sources',
       'cleanup', 'build-options', 'builddir', 'subdir', 'post-install', 'modules',
       'no-autogen', 'disabled', 'run-tests', 'test-rule', 'test-commands', 'ensure-writable',
       'only-arches', 'skip-arches', 'build-commands', 'install-rule', 'cleanup-platform',
       'no-make-install', 'no-parallel-make', 'rm-configure', 'x-checker-data'}
BUILDSYSTEMS = {'autotools', 'cmake', 'cmake-ninja', 'meson', 'simple', 'qmake'}

for k in m:
    if k not in TOP and not k.startswith('x-'):
        err('unknown top-level key %r' % k)
aid = m.get('app-id', m.get('id'))
if aid != app_id:
    err('app-id is %r, expected %r' % (aid, app_id))
if m.get('runtime') != 'org.gnome.Platform':
    err('runtime must be org.gnome.Platform')
if m.get('sdk') != 'org.gnome.Sdk':
    err('sdk must be org.gnome.Sdk')
if not isinstance(m.get('runtime-version'), str) or not re.fullmatch(r'\d+', m['runtime-version']):
    err('runtime-version must be a string such as "46"')
if m.get('command') != command:
    err('command is %r, expected %r' % (m.get('command'), command))

fa = m.get('finish-args', [])
if len(fa) != len(set(fa)):
    err('finish-args has duplicates')
for need in ['--share=network', '--share=ipc', '--socket=fallback-x11', '--socket=wayland',
             '--device=dri', '--filesystem=home', '--talk-name=org.freedesktop.secrets']:
    if need not in fa:
        err('finish-args lacks %s' % need)
for bad in ['--socket=x11', '--filesystem=host', '--filesystem=host-os', '--device=all',
            '--talk-name=org.freedesktop.Flatpak', '--socket=session-bus',
            '--socket=system-bus']:
    if bad in fa:
        err('finish-args must not have %s' % bad)

mods = m.get('modules')
if not isinstance(mods, list) or not mods:
    err('modules must be a non-empty list')
else:
    def walk(ms, where):
        for i, mod in enumerate(ms):
            if isinstance(mod, str):
                continue
            for k in mod:
                if k not in MOD:
                    err('%s[%d]: unknown key %r' % (where, i, k))
            if 'name' not in mod:
                err('%s[%d]: no name' % (where, i))
            if mod.get('buildsystem', 'autotools') not in BUILDSYSTEMS:
                err('%s[%d]: unknown buildsystem %r' % (where, i, mod.get('buildsystem')))
            if not mod.get('sources'):
                err('%s[%d]: no sources' % (where, i))
            walk(mod.get('modules', []), '%s[%d].modules' % (where, i))
    walk(mods, 'modules')
    app = mods[-1]
    if not isinstance(app, dict) or app.get('name') != 'ferry':
        err('the last module must be the app, "ferry"')
    else:
        if app.get('buildsystem') != 'meson':
            err('the app module must use buildsystem meson')
        dirs = [s for s in app.get('sources', []) if s.get('type') == 'dir']
        if not dirs:
            err('the app module must build from a "dir" source (the source tree)')
        for s in dirs:
            tree = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)), s['path']))
            if not os.path.isfile(os.path.join(tree, 'meson.build')):
                err('source dir %r (%s) has no meson.build' % (s['path'], tree))

for e in errors:
    print('%s: %s' % (path, e))
print('%s: %s (%d problem(s))' % (path, 'FAIL' if errors else 'ok', len(errors)))
sys.exit(1 if errors else 0)
