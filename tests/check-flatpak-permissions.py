#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every sandbox permission the Flatpak manifest grants is one the code uses, and the code
uses no access the manifest lacks.

usage: check-flatpak-permissions.py MANIFEST.json SOURCE_DIR

Both directions are read from the source (app/, ui/, meson.build), by the calls that need the
access, not by comments:
- GRANTS: for each finish-arg, the code that needs it. A finish-arg without its use is an error
  (too broad a sandbox), a finish-arg this table does not know too (explain it here first).
- NEEDS: calls that reach outside the sandbox, and the finish-arg each needs (None: refused
  outright, with why). A use whose finish-arg is missing is an error.
- PORTALS: what goes through a portal with no finish-arg, checked to stay that way: file
  choosing only through GtkFileChooserNative (GTK 4.8; GtkFileChooserDialog would show the
  sandbox's own view of the files), no D-Bus name other than the ones granted or portals.
"""
import glob
import json
import os
import re
import sys

manifest_path, src = sys.argv[1:3]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
errors = []
err = errors.append


def load_manifest(path):
    with open(path) as f:
        text = re.sub(r'/\*.*?\*/', '', f.read(), flags=re.S)
    return json.loads(text)


def sources():
    files = glob.glob(os.path.join(src, 'app', '**', '*.[ch]'), recursive=True)
    files += glob.glob(os.path.join(src, 'ui', '*.ui')) + [os.path.join(src, 'meson.build')]
    out = {}
    for path in files:
        with open(path, encoding='utf-8') as f:
            text = f.read()
        if path.endswith(('.c', '.h')):
            # Code only: comments and string contents say nothing about what is called.
            text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
            text = re.sub(r'//[^\n]*', '', text)
        out[os.path.relpath(path, src)] = text
    return out


def uses(code, pattern, where=''):
    """Files under `where` (a path prefix) whose code matches `pattern`."""
    rx = re.compile(pattern)
    return sorted(p for p, t in code.items() if p.startswith(where) and rx.search(t))


code = sources()
fa = load_manifest(manifest_path).get('finish-args', [])

# finish-arg: (what needs it, pattern, path prefix)
GRANTS = {
    '--share=network': ('TCP sockets to FTP servers (socket(2) and connect(2) in the engine)',
                        r'(?<![\w.>])socket\s*\(\s*\w+\s*,\s*SOCK_STREAM', 'app/engine/'),
    '--share=ipc': ('X11 shared memory for the X11 fallback: a GTK window',
                    r'\bgtk_application_window\b|\bAdwApplicationWindow\b|\bGtkApplication\b',
                    'app/'),
    '--socket=fallback-x11': ('a GTK window', r'\bAdwApplicationWindow\b', 'app/widgets/'),
    '--socket=wayland': ('a GTK window', r'\bAdwApplicationWindow\b', 'app/widgets/'),
    '--device=dri': ('GTK 4 rendering with GL', r"dependency\('gtk4'", 'meson.build'),
    '--filesystem=home': ('the local pane browsing the home folder',
                          r'\bg_get_home_dir\s*\(', 'app/widgets/ferry-local-source.c'),
    '--talk-name=org.freedesktop.secrets': (
        "libsecret's SecretService API (the Secret portal only backs secret_password_*)",
        r'\bsecret_service_(get|search|store|open)\b', 'app/store/'),
    '--talk-name=org.freedesktop.FileManager1': (
        "Show in Folder: the file manager's ShowItems",
        r'"org\.freedesktop\.FileManager1"', 'app/widgets/ferry-transfer-open.c'),
}

# D-Bus the sandbox always lets through: the bus itself.
ALWAYS = {'org.freedesktop.DBus'}
# Files that call D-Bus names only outside a sandbox, and the test that proves it.
OUTSIDE_SANDBOX = {
    'app/widgets/ferry-transfer-notifier.c': (
        r'g_file_test\s*\(\s*"/\.flatpak-info"',
        'asks the bus for a notification service only outside a sandbox; inside, '
        'GNotification goes through the portal'),
}

# pattern, path prefix, what it is, finish-arg it needs (None: not allowed at all, why)
NEEDS = [
    (r'(?<![\w.>])socket\s*\(|\bg_socket_client_new\b|\bg_socket_new\b|\bg_resolver_', 'app/',
     'network sockets', '--share=network'),
    (r'\bsecret_service_\w+', 'app/', 'the Secret Service over D-Bus',
     '--talk-name=org.freedesktop.secrets'),
    (r'\bg_get_home_dir\s*\(|\bg_get_user_special_dir\s*\(', 'app/widgets/',
     'the home folder', '--filesystem=home'),
    (r'\bg_spawn_\w+|\bg_subprocess_\w+|\bGSubprocess\b', 'app/', 'running programs',
     None, 'a sandboxed app would need org.freedesktop.Flatpak to leave the sandbox'),
    (r'\bgtk_file_chooser_dialog_new\b|\bGtkFileChooserDialog\b|\bGtkFileChooserWidget\b',
     'app/', 'an in-process file chooser', None,
     'files are chosen through the portal: GtkFileChooserNative'),
    (r'"/(etc|usr|var|opt|mnt|media|run|srv)/', 'app/', 'a system path', None,
     'the sandbox sees the runtime there, not the host: --filesystem=host would be needed'),
]

for arg in fa:
    if arg not in GRANTS:
        err('%s is granted but this check does not know why: add its use to GRANTS' % arg)
        continue
    why, pattern, where = GRANTS[arg]
    found = uses(code, pattern, where)
    if not found:
        err('%s is granted for %s, but no code under %s uses it (%s): take it out'
            % (arg, why, where, pattern))
    else:
        print('%-40s %s: %s' % (arg, why, ', '.join(found[:3])))

for entry in NEEDS:
    pattern, where, what, arg = entry[:4]
    found = uses(code, pattern, where)
    if not found:
        continue
    if arg is None:
        err('%s uses %s: %s' % (', '.join(found), what, entry[4]))
    elif arg not in fa:
        err('%s uses %s, which needs %s in the manifest' % (', '.join(found), what, arg))

# Portals, no finish-arg: file choosing goes through GtkFileChooserNative.
native = uses(code, r'\bgtk_file_chooser_native_new\b', 'app/')
if not native:
    err('no gtk_file_chooser_native_new: how are files chosen in the sandbox?')
else:
    print('%-40s %s' % ('(file chooser portal)', ', '.join(native)))

# D-Bus names in the code: a granted one, a portal, or the app's own.
own = load_manifest(manifest_path).get('id')
granted = {a.split('=', 1)[1] for a in fa if a.startswith('--talk-name=')}
for path, (guard, why) in OUTSIDE_SANDBOX.items():
    if not re.search(guard, code.get(path, '')):
        err('%s is trusted to call D-Bus only outside a sandbox (%s), but has no %s'
            % (path, why, guard))
# Every file that makes D-Bus calls of its own names only granted services.
callers = set(uses(code, r'\bg_bus_own_name\b|\bg_dbus_proxy_new\w*\b|'
                         r'\bg_dbus_connection_call\w*\b', 'app/'))
for path, text in code.items():
    for name in set(re.findall(r'"(org\.freedesktop\.[A-Za-z0-9_.]+|org\.gnome\.[A-Za-z0-9_.]+)"',
                               text)):
        if (name in granted or name in ALWAYS or name.startswith('org.freedesktop.portal.')
                or name == own or path in OUTSIDE_SANDBOX):
            continue
        err('%s names the D-Bus service %s, which the sandbox does not let Ferry call: add '
            '--talk-name=%s with a reason to the manifest' % (path, name, name))
for path in sorted(callers):
    print('%-40s %s' % ('(D-Bus calls)', path))

for e in errors:
    print('error:', e)
sys.exit(1 if errors else 0)
