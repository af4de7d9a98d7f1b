#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak build, as close as these machines allow (the GNOME runtime cannot be fetched
here: README.md, "Flatpak"): the app module built exactly as the manifest configures it, run
with the sandbox's constraints that matter. Run inside tests/run-gui.sh (Xvfb, D-Bus session,
keyring, throwaway HOME).

usage: gui-flatpak-portal.py MANIFEST.json SOURCE_DIR SHOTDIR [FLATPAK_BUILDER]
The portals come unpacked from tests/servers/unpack-portals.sh (FERRY_PORTALS_DIR, default
/var/cache/ferry-test-portals), offered to this test's session bus only.

- The manifest is read as flatpak-builder reads it (--show-manifest when FLATPAK_BUILDER is
  given); its last module is configured with its own config-opts and --prefix=/app, built and
  installed into a temporary /app (DESTDIR), with the post-install steps flatpak-builder runs
  (compiled GSettings schemas).
- The installed tree has what the Flatpak exports: bin/ferry and bin/ferry-cli, the desktop
  file, the metainfo, the D-Bus service file starting /app/bin/ferry, the icons.
- The installed ferry runs with file choosing forced through the portal (GDK_DEBUG=portals:
  GTK 4.8 reads that, not GTK 3's GTK_USE_PORTAL, which is set too), xdg-desktop-portal and
  xdg-desktop-portal-gtk on the session bus: it starts, and Preferences → Choose Download
  Folder asks org.freedesktop.portal.FileChooser (seen with dbus-monitor); the folder chosen
  in the portal's dialog (Home, the folder, Select) becomes the download folder.
Screenshot: SHOTDIR/gui-flatpak-portal-chooser.png. Exit 77 (skip) when a tool is missing.
"""
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
manifest_path, src, shotdir = sys.argv[1:4]
builder = sys.argv[4] if len(sys.argv) > 4 else None

PORTALS = os.environ.get('FERRY_PORTALS_DIR', '/var/cache/ferry-test-portals')
for tool in (PORTALS + '/usr/libexec/xdg-desktop-portal',
             PORTALS + '/usr/libexec/xdg-desktop-portal-gtk',
             'dbus-monitor', 'meson', 'ninja', 'xdotool', '/usr/bin/import'):
    if not shutil.which(tool):
        print('SKIP: %s not installed (portals: tests/servers/unpack-portals.sh)' % tool)
        sys.exit(77)
try:
    import pyatspi
except ImportError:
    print('SKIP: python3-pyatspi not installed')
    sys.exit(77)
import atspi_helpers  # noqa: E402
from atspi_helpers import find, do_action, window_named, windows  # noqa: E402

wait_for = functools.partial(atspi_helpers.wait_for, timeout=30.0)
APP_ID = 'io.github.ferryapp.Ferry'


def log(*args):
    print('gui-flatpak-portal:', *args, flush=True)


def read_manifest():
    if builder:
        out = subprocess.run([builder, '--show-manifest', manifest_path], check=True,
                             capture_output=True, text=True, timeout=60).stdout
        return json.loads(out)
    with open(manifest_path) as f:
        return json.loads(re.sub(r'/\*.*?\*/', '', f.read(), flags=re.S))


manifest = read_manifest()
module = manifest['modules'][-1]
assert module['buildsystem'] == 'meson', module
opts = module.get('config-opts', [])
work = tempfile.mkdtemp(prefix='ferry-flatpak-')
build = os.path.join(work, 'build')
dest = os.path.join(work, 'dest')
app = os.path.join(dest, 'app')
monitor = None
ferry = None
try:
    # Built as flatpak-builder builds a meson module: meson setup --prefix=/app CONFIG-OPTS.
    log('meson setup --prefix=/app', ' '.join(opts))
    subprocess.run(['meson', 'setup', '--prefix=/app', *opts, build, src], check=True,
                   stdout=subprocess.DEVNULL, timeout=300)
    subprocess.run(['ninja', '-C', build, '-j1'], check=True, stdout=subprocess.DEVNULL,
                   timeout=1500)
    subprocess.run(['meson', 'install', '-C', build, '--no-rebuild', '--quiet'], check=True,
                   env=dict(os.environ, DESTDIR=dest), stdout=subprocess.DEVNULL, timeout=300)
    schemas = os.path.join(app, 'share', 'glib-2.0', 'schemas')
    subprocess.run(['glib-compile-schemas', '--strict', schemas], check=True, timeout=60)

    # What the Flatpak exports and runs.
    for rel in ('bin/ferry', 'bin/ferry-cli', 'share/applications/%s.desktop' % APP_ID,
                'share/metainfo/%s.metainfo.xml' % APP_ID,
                'share/dbus-1/services/%s.service' % APP_ID,
                'share/icons/hicolor/scalable/apps/%s.svg' % APP_ID,
                'share/icons/hicolor/symbolic/apps/%s-symbolic.svg' % APP_ID,
                'share/glib-2.0/schemas/gschemas.compiled'):
        assert os.path.exists(os.path.join(app, rel)), '/app/%s is not installed' % rel
    with open(os.path.join(app, 'share/dbus-1/services/%s.service' % APP_ID)) as f:
        assert 'Exec=/app/bin/ferry --gapplication-service' in f.read(), 'service Exec'
    for top in os.listdir(dest):
        assert top == 'app', 'installed outside /app: /%s' % top
    log('built and installed as the manifest says, under', app)

    # The portals on this session bus only, for the GTK backend: the portal and its GTK
    # implementation (no document portal: host apps get real paths).
    services = os.path.join(os.environ['XDG_DATA_HOME'], 'dbus-1', 'services')
    os.makedirs(services, exist_ok=True)
    for name, exe in (('org.freedesktop.portal.Desktop', 'xdg-desktop-portal'),
                      ('org.freedesktop.impl.portal.desktop.gtk', 'xdg-desktop-portal-gtk')):
        with open(os.path.join(services, name + '.service'), 'w') as f:
            f.write('[D-BUS Service]\nName=%s\nExec=%s/usr/libexec/%s\n' % (name, PORTALS, exe))
    bus = ['gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus',
           '--object-path', '/org/freedesktop/DBus', '--method']
    subprocess.run(bus + ['org.freedesktop.DBus.UpdateActivationEnvironment',
                          "{'XDG_CURRENT_DESKTOP': 'GNOME', 'XDG_DESKTOP_PORTAL_DIR': '%s'}"
                          % (PORTALS + '/usr/share/xdg-desktop-portal/portals')],
                   check=True, capture_output=True, timeout=20)
    subprocess.run(bus + ['org.freedesktop.DBus.ReloadConfig'], check=True,
                   capture_output=True, timeout=20)
    calls = os.path.join(work, 'portal-calls.txt')
    monitor = subprocess.Popen(['dbus-monitor', '--session',
                                "type='method_call',interface='org.freedesktop.portal.FileChooser'"],
                               stdout=open(calls, 'w'), stderr=subprocess.DEVNULL)
    keyfile_dir = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
    os.makedirs(keyfile_dir, exist_ok=True)
    # GTK 4.8's GtkFileChooserNative builds a GtkFileChooserDialog even when it uses the
    # portal, and that warns about a missing bookmarks file, which every desktop has.
    gtk3 = os.path.join(os.environ['XDG_CONFIG_HOME'], 'gtk-3.0')
    os.makedirs(gtk3, exist_ok=True)
    open(os.path.join(gtk3, 'bookmarks'), 'a').close()
    env = dict(os.environ, GDK_DEBUG='portals', GTK_USE_PORTAL='1', XDG_CURRENT_DESKTOP='GNOME',
               GSETTINGS_SCHEMA_DIR=schemas, GSETTINGS_BACKEND='keyfile',
               XDG_DATA_DIRS=os.path.join(app, 'share') + ':/usr/share')
    exe = os.path.join(app, 'bin', 'ferry')
    ferry = subprocess.Popen([exe], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    root = wait_for(lambda: atspi_helpers.app_root('ferry'), 'the installed ferry')
    wait_for(lambda: window_named(root, 'Ferry'), 'its main window')
    log('the /app build starts')

    subprocess.run(['gdbus', 'call', '--session', '--dest', APP_ID, '--object-path',
                    '/io/github/ferryapp/Ferry', '--method', 'org.gtk.Actions.Activate',
                    'preferences', '[]', '{}'], check=True, capture_output=True, timeout=20)
    def choose_button():
        for w in windows(atspi_helpers.app_root('ferry')):
            if w.name == 'Preferences':
                return find(w, 'push button',
                            pred=lambda n: n.name.startswith('Choose Download Folder'))
    choose = wait_for(choose_button, 'Choose Download Folder in the preferences')
    chosen = os.path.join(os.environ['HOME'], 'Chosen Through The Portal')
    os.makedirs(chosen, exist_ok=True)
    do_action(choose)

    def portal_asked():
        with open(calls) as f:
            return 'member=OpenFile' in f.read()
    wait_for(portal_asked, 'an org.freedesktop.portal.FileChooser.OpenFile call')
    log('the file chooser went through org.freedesktop.portal.FileChooser')

    # The portal's dialog (xdg-desktop-portal-gtk, another process): choose a folder there.
    portal = wait_for(lambda: atspi_helpers.app_root('xdg-desktop-portal-gtk'),
                      'the portal\'s file chooser')
    dialog = wait_for(lambda: next((w for w in windows(portal)
                                    if w.getRoleName() == 'file chooser'), None),
                      'the portal dialog window')
    assert dialog.name == 'Download Folder', 'the portal shows %r' % dialog.name
    def named(name):
        return lambda: pyatspi.findDescendant(
            dialog, lambda n: n is not None and n.name == name
            and n.getState().contains(pyatspi.STATE_SHOWING))
    # Home in the portal's sidebar, the folder there, Select.
    atspi_helpers.click(wait_for(named('Home'), 'Home in the portal dialog'))
    atspi_helpers.click(wait_for(named(os.path.basename(chosen)), 'the folder in the dialog'))
    select = wait_for(lambda: find(dialog, 'push button', 'Select',
                                   pred=lambda n: n.getState().contains(pyatspi.STATE_SENSITIVE)),
                      'Select in the portal dialog')
    time.sleep(0.5)
    os.makedirs(shotdir, exist_ok=True)
    shot = os.path.join(shotdir, 'gui-flatpak-portal-chooser.png')
    subprocess.run(['/usr/bin/import', '-window', 'root', shot], check=True, timeout=30)
    log('screenshot', shot)
    do_action(select)
    keyfile = os.path.join(keyfile_dir, 'keyfile')

    def download_folder():
        try:
            with open(keyfile) as f:
                return chosen in f.read()
        except OSError:
            return False
    wait_for(download_folder, 'the download folder chosen through the portal in the settings')
    log('the folder chosen in the portal dialog is the download folder')

    subprocess.run(['gdbus', 'call', '--session', '--dest', APP_ID, '--object-path',
                    '/io/github/ferryapp/Ferry', '--method', 'org.gtk.Actions.Activate',
                    'quit', '[]', '{}'], check=True, capture_output=True, timeout=20)
    assert ferry.wait(timeout=20) == 0, 'ferry exited with %d' % ferry.returncode
    out, _ = ferry.communicate(timeout=10)
    problems = [l for l in out.splitlines() if re.search(r'-(WARNING|CRITICAL) \*\*', l)]
    assert not problems, 'ferry warned:\n' + '\n'.join(problems)
    log('all checks passed')
finally:
    if ferry is not None:
        atspi_helpers.stop_app(ferry, log)
    if monitor is not None:
        monitor.terminate()
        monitor.wait(timeout=10)
    shutil.rmtree(work, ignore_errors=True)
