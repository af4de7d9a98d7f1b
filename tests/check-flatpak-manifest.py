#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Strict offline check of the Flatpak manifest (stdlib only; building needs the GNOME SDK,
which these machines cannot fetch: see README.md, "Flatpak").

usage: check-flatpak-manifest.py MANIFEST.json APP_ID COMMAND [FLATPAK_BUILDER]

- The syntax flatpak-builder reads: JSON plus /* */ comments (json-glib). No // comments, and
  no '/' inside a comment (json-glib ends the comment there: found by trying). Duplicate keys
  are errors.
- A schema: every key known, of the right type (top level, modules, sources).
- Each finish-arg has a comment right before it that says why; finish-args have a known form;
  the architecture's set is there and nothing broader (x11, host, all devices, whole buses).
- The app module: meson, from the source tree the manifest sits in, its config-opts options
  that meson_options.txt (or meson itself) has.
- With FLATPAK_BUILDER: `flatpak-builder --show-manifest` reads it, and reads the same id,
  finish-args and modules as this script.
"""
import json
import os
import re
import subprocess
import sys

path, app_id, command = sys.argv[1:4]
builder = sys.argv[4] if len(sys.argv) > 4 else None
errors = []
err = errors.append

with open(path) as f:
    raw = f.read()


def strip_comments(text):
    """The text without its /* */ comments (outside strings), and for each string literal
    that follows a comment (only white space between), its offset in the stripped text."""
    out = []
    commented = set()
    i, n = 0, len(text)
    pending_comment = False
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == '\\' else 1
            if pending_comment:
                commented.add(len(''.join(out)))
            out.append(text[i:j + 1])
            pending_comment = False
            i = j + 1
        elif text.startswith('//', i):
            err('line %d: a // comment: flatpak-builder (json-glib) reads only /* */'
                % (text.count('\n', 0, i) + 1))
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            if j < 0:
                err('an unterminated /* comment')
                break
            body = text[i + 2:j]
            line = text.count('\n', 0, i) + 1
            if '/' in body:
                err('line %d: a "/" inside a comment: json-glib ends the comment there' % line)
            if not body.strip():
                err('line %d: an empty comment' % line)
            pending_comment = True
            out.append(' ' * (j + 2 - i - body.count('\n')) + '\n' * body.count('\n'))
            i = j + 2
        else:
            if not c.isspace():
                pending_comment = False
            out.append(c)
            i += 1
    return ''.join(out), commented


text, commented = strip_comments(raw)


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    for k in set(keys):
        if keys.count(k) > 1:
            err('duplicate key %r' % k)
    return dict(pairs)


try:
    m = json.loads(text, object_pairs_hook=no_duplicates)
except ValueError as e:
    sys.exit('%s: not valid JSON (with /* */ comments): %s' % (path, e))

STR, LIST, BOOL, DICT = str, list, bool, dict
TOP = {'id': STR, 'app-id': STR, 'runtime': STR, 'runtime-version': STR, 'sdk': STR,
       'sdk-extensions': LIST, 'command': STR, 'finish-args': LIST, 'modules': LIST,
       'cleanup': LIST, 'cleanup-commands': LIST, 'build-options': DICT, 'rename-icon': STR,
       'rename-desktop-file': STR, 'rename-appdata-file': STR, 'separate-locales': BOOL,
       'add-extensions': DICT, 'tags': LIST, 'desktop-file-name-suffix': STR,
       'appstream-compose': BOOL, 'copy-icon': BOOL, 'branch': STR}
MOD = {'name': STR, 'buildsystem': STR, 'config-opts': LIST, 'make-args': LIST,
       'make-install-args': LIST, 'sources': LIST, 'cleanup': LIST, 'build-options': DICT,
       'builddir': BOOL, 'subdir': STR, 'post-install': LIST, 'modules': LIST,
       'no-autogen': BOOL, 'disabled': BOOL, 'run-tests': BOOL, 'test-rule': STR,
       'test-commands': LIST, 'ensure-writable': LIST, 'only-arches': LIST,
       'skip-arches': LIST, 'build-commands': LIST, 'install-rule': STR,
       'cleanup-platform': LIST, 'no-make-install': BOOL, 'no-parallel-make': BOOL,
       'rm-configure': BOOL, 'x-checker-data': DICT}
SRC = {'type': STR, 'path': STR, 'url': STR, 'sha256': STR, 'tag': STR, 'commit': STR,
       'branch': STR, 'dest': STR, 'dest-filename': STR, 'skip': LIST, 'strip-components': int,
       'only-arches': LIST, 'x-checker-data': DICT}
SRC_TYPES = {'dir', 'git', 'archive', 'file', 'patch', 'script', 'shell'}
BUILDSYSTEMS = {'autotools', 'cmake', 'cmake-ninja', 'meson', 'simple', 'qmake'}


def check_keys(obj, schema, where):
    if not isinstance(obj, dict):
        err('%s: not an object' % where)
        return False
    for k, v in obj.items():
        if k.startswith('x-') and k not in schema:
            continue
        if k not in schema:
            err('%s: unknown key %r' % (where, k))
        elif not isinstance(v, schema[k]) or (schema[k] is int and isinstance(v, bool)):
            err('%s: %r must be a %s' % (where, k, schema[k].__name__))
        elif schema[k] is LIST and not all(isinstance(x, (str, dict)) for x in v):
            err('%s: %r has items that are neither strings nor objects' % (where, k))
    return True


check_keys(m, TOP, 'manifest')
if 'app-id' in m:
    err('"app-id" is the old name: use "id"')
if m.get('id') != app_id:
    err('id is %r, expected %r' % (m.get('id'), app_id))
if m.get('runtime') != 'org.gnome.Platform':
    err('runtime must be org.gnome.Platform')
if m.get('sdk') != 'org.gnome.Sdk':
    err('sdk must be org.gnome.Sdk')
if not isinstance(m.get('runtime-version'), str) or not re.fullmatch(r'\d+', m['runtime-version']):
    err('runtime-version must be a string such as "46"')
if m.get('command') != command:
    err('command is %r, expected %r' % (m.get('command'), command))

# finish-args: each explained, each of a known form.
fa = m.get('finish-args', [])
if not all(isinstance(a, str) for a in fa):
    err('finish-args must be strings')
    fa = [a for a in fa if isinstance(a, str)]
if len(fa) != len(set(fa)):
    err('finish-args has duplicates')
FORMS = r'--(share=(network|ipc)|socket=(wayland|fallback-x11|x11|pulseaudio|ssh-auth|' \
        r'session-bus|system-bus|cups|pcsc|gpg-agent)|device=(dri|all|kvm|shm)|' \
        r'filesystem=[^\s]+|(talk|own|system-talk|system-own)-name=[A-Za-z0-9_.*-]+|' \
        r'env=[A-Z_][A-Z0-9_]*=.*|persist=[^\s]+)'
for a in fa:
    if not re.fullmatch(FORMS, a):
        err('finish-arg %r is not of a known form' % a)
args_node = re.search(r'"finish-args"\s*:\s*\[', text)
if args_node:
    end = text.index(']', args_node.end())
    for mt in re.finditer(r'"((?:[^"\\]|\\.)*)"', text[args_node.end():end]):
        if args_node.end() + mt.start() not in commented:
            err('finish-arg %s has no /* comment */ right before it saying why' % mt.group(0))
for need in ['--share=network', '--share=ipc', '--socket=fallback-x11', '--socket=wayland',
             '--device=dri', '--filesystem=home', '--talk-name=org.freedesktop.secrets']:
    if need not in fa:
        err('finish-args lacks %s' % need)
for bad in ['--socket=x11', '--filesystem=host', '--filesystem=host-os', '--filesystem=/',
            '--device=all', '--talk-name=org.freedesktop.Flatpak', '--socket=session-bus',
            '--socket=system-bus', '--talk-name=*']:
    if bad in fa:
        err('finish-args must not have %s' % bad)

# Modules.
here = os.path.dirname(os.path.abspath(path))
mods = m.get('modules')
if not isinstance(mods, list) or not mods:
    err('modules must be a non-empty list')
else:
    def walk(ms, where):
        for i, mod in enumerate(ms):
            w = '%s[%d]' % (where, i)
            if isinstance(mod, str):
                if not os.path.isfile(os.path.join(here, mod)):
                    err('%s: module file %r does not exist' % (w, mod))
                continue
            if not check_keys(mod, MOD, w):
                continue
            if 'name' not in mod:
                err('%s: no name' % w)
            if mod.get('buildsystem', 'autotools') not in BUILDSYSTEMS:
                err('%s: unknown buildsystem %r' % (w, mod.get('buildsystem')))
            if not mod.get('sources'):
                err('%s: no sources' % w)
            for j, src in enumerate(mod.get('sources', [])):
                if isinstance(src, str):
                    continue
                if check_keys(src, SRC, '%s.sources[%d]' % (w, j)) \
                        and src.get('type') not in SRC_TYPES:
                    err('%s.sources[%d]: unknown type %r' % (w, j, src.get('type')))
            walk(mod.get('modules', []), w + '.modules')
    walk(mods, 'modules')
    app = mods[-1]
    if not isinstance(app, dict) or app.get('name') != 'ferry':
        err('the last module must be the app, "ferry"')
    else:
        if app.get('buildsystem') != 'meson':
            err('the app module must use buildsystem meson')
        dirs = [s for s in app.get('sources', []) if isinstance(s, dict) and s.get('type') == 'dir']
        tree = None
        if not dirs:
            err('the app module must build from a "dir" source (the source tree)')
        for s in dirs:
            tree = os.path.normpath(os.path.join(here, s.get('path', '')))
            if not os.path.isfile(os.path.join(tree, 'meson.build')):
                err('source dir %r (%s) has no meson.build' % (s.get('path'), tree))
                tree = None
        options = set()
        if tree and os.path.isfile(os.path.join(tree, 'meson_options.txt')):
            with open(os.path.join(tree, 'meson_options.txt')) as f:
                options = set(re.findall(r"option\('([^']+)'", f.read()))
        BUILTIN = {'buildtype', 'optimization', 'debug', 'b_lto', 'b_ndebug', 'werror',
                   'warning_level', 'prefix', 'libdir'}
        for opt in app.get('config-opts', []):
            mt = re.fullmatch(r'(?:-D|--)([a-z_]+)=(\S+)', opt) if isinstance(opt, str) else None
            if not mt:
                err('config-opt %r is not -Dname=value or --name=value' % (opt,))
            elif mt.group(1) not in options | BUILTIN:
                err('config-opt %r: meson has no option %r' % (opt, mt.group(1)))
        if '-Dgui=enabled' not in app.get('config-opts', []):
            err('the app module must say -Dgui=enabled (the window is the app)')

if builder:
    p = subprocess.run([builder, '--show-manifest', path], capture_output=True, text=True,
                       timeout=60)
    if p.returncode != 0:
        err('flatpak-builder --show-manifest fails: %s' % p.stderr.strip())
    else:
        shown = json.loads(p.stdout)
        for key in ('id', 'finish-args', 'modules', 'runtime', 'runtime-version', 'command'):
            if shown.get(key) != m.get(key):
                err('flatpak-builder reads %s as %r, this script as %r'
                    % (key, shown.get(key), m.get(key)))

for e in errors:
    print('%s: %s' % (path, e))
print('%s: %s (%d problem(s))' % (path, 'FAIL' if errors else 'ok', len(errors)))
sys.exit(1 if errors else 0)
