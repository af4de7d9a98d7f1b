#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Links open Ferry: `ferry URL`, `gio open`, D-Bus activation and `gapplication action`, with
the real window against a real vsftpd server, driven over AT-SPI. Run inside tests/run-gui.sh
(Xvfb, D-Bus session, unlocked keyring, throwaway HOME), as root.

usage: gui-open.py FERRY FERRY_CLI SHOTDIR WIDTHxHEIGHT

- A first Ferry runs; a second `ferry ftpes://alice@127.0.0.1:PORT` exits at once and the first
  opens a tab for the saved site that matches (host, port, user, mode), logged in with the
  site's keyring password (no password dialog).
- `ferry alice@127.0.0.1:PORT` (no mode named): the same saved site, in a second tab.
- `ferry ftpes://bob:PASSWORD@127.0.0.1:PORT` (no saved site for bob): a tab logged in with the
  password from the link, which ends up nowhere: not in the keyring, not in any file under HOME,
  not in Ferry's output.
- `ferry sftp://…` and `ferry ftp://host:99999`: exit status 1, the reason on stderr and in a
  dialog over the window; the window goes on.
- `gapplication action io.github.ferryapp.Ferry new-window` opens a second window;
  `ferry --new-window URL` a third, with the tab in it.
- Ferry quits; `gio open ftpes://alice@…` starts it again through D-Bus activation (the desktop
  file with DBusActivatable=true and the service file, as installed) with a tab for the site.
Screenshots: SHOTDIR/gui-open-WIDTHxHEIGHT-STEP.png. Exit 77 (skip) when the servers cannot run.
"""
import functools
import os
import re
import shutil
import subprocess
import sys
import time

import atspi_helpers
from atspi_helpers import find, find_all, has_actions, do_action, button, window_named
from atspi_helpers import other_windows, label_with, windows, fingerprint

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'servers'))
import ftpservers  # noqa: E402

EXE, CLI, SHOTDIR, SCREEN = sys.argv[1:5]
EXE = os.path.abspath(EXE)
WIDTH, HEIGHT = (int(v) for v in SCREEN.split('x'))
APP_ID = 'io.github.ferryapp.Ferry'
SCHEMA_GROUP = 'io/github/ferryapp/Ferry'
KEYFILE = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
BOB_PASSWORD = 'p@ss:w0rd bob'
BOB_ESCAPED = 'p%40ss%3Aw0rd%20bob'

wait_for = functools.partial(atspi_helpers.wait_for, timeout=20.0)



def close_bad_link_dialogs(root, bad):
    """Closes every "Cannot Open This Address" dialog: AT-SPI may still list one that is
    going away, on which Close does nothing, so ask again until none is left (bounded)."""
    def closed():
        left = [w for w in other_windows(root) if label_with(w, 'Cannot Open This Address')]
        for w in left:
            try:
                do_action(button(w, 'Close'))
            except Exception:   # gone while we looked at it
                pass
        return not left
    wait_for(closed, 'the dialog about %s to close' % bad)

def log(*args):
    print('gui-open[%s]:' % SCREEN, *args, flush=True)


def screenshot(step):
    atspi_helpers.screenshot(os.path.join(SHOTDIR, 'gui-open-%s-%s.png' % (SCREEN, step)),
                             WIDTH, HEIGHT, log)


def app_root():
    return atspi_helpers.app_root(os.path.basename(EXE))


def frames(root):
    return [w for w in windows(root) if w.name == 'Ferry']


def remote_names(frame, title):
    table = find(frame, 'tree table', 'Files on ' + title)
    return {n.name for n in find_all(table, 'label')} if table is not None else set()


def wait_connected(root, title, what):
    wait_for(lambda: any('hello.txt' in remote_names(f, title) for f in frames(root)), what,
             timeout=30)


def no_password_dialog(root):
    asked = [w.name for w in other_windows(root) if label_with(w, 'Password')]
    assert not asked, 'a password was asked: %r' % asked


def second_ferry(*args):
    """`ferry ARGS` while Ferry runs: hands its arguments to the running one and exits."""
    p = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=30,
                       env=dict(os.environ, GSETTINGS_BACKEND='keyfile'))
    return p


def trust_certificate(root):
    dialog = wait_for(lambda: window_named(root, 'Untrusted Certificate'),
                      'the certificate dialog')
    # Filled in and shown before its buttons act (as gui-connect.py waits).
    wait_for(lambda: label_with(dialog, fingerprint(SHA256)), 'the SHA-256 fingerprint')
    time.sleep(0.5)
    do_action(wait_for(lambda: button(dialog, 'Always Trust'), 'Always Trust'))
    wait_for(lambda: window_named(root, 'Untrusted Certificate') is None, 'the dialog to close')


def install_desktop_integration():
    """The desktop file and the D-Bus service file from the build, where the session finds
    them ($XDG_DATA_HOME), the service's Exec pointed at the built binary."""
    data = os.environ['XDG_DATA_HOME']
    build = os.environ['FERRY_BUILD_DIR']
    apps = os.path.join(data, 'applications')
    services = os.path.join(data, 'dbus-1', 'services')
    os.makedirs(apps, exist_ok=True)
    os.makedirs(services, exist_ok=True)
    shutil.copy(os.path.join(build, 'data', APP_ID + '.desktop'), apps)
    with open(os.path.join(build, 'data', APP_ID + '.service')) as f:
        service = f.read()
    service = re.sub(r'(?m)^Exec=\S+', 'Exec=' + EXE, service)
    assert '--gapplication-service' in service, service
    with open(os.path.join(services, APP_ID + '.service'), 'w') as f:
        f.write(service)
    # GIO offers a desktop file only when its Exec program is on PATH, as an installed
    # `ferry` is.
    bindir = os.path.join(os.environ['HOME'], 'bin')
    os.makedirs(bindir, exist_ok=True)
    os.symlink(EXE, os.path.join(bindir, 'ferry'))
    os.environ['PATH'] = bindir + os.pathsep + os.environ['PATH']
    subprocess.run(['update-desktop-database', apps], check=True, timeout=30)
    # The bus picks up the new service file.
    subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus',
                    '--object-path', '/org/freedesktop/DBus',
                    '--method', 'org.freedesktop.DBus.ReloadConfig'],
                   check=True, capture_output=True, timeout=20)
    mime = subprocess.run(['gio', 'mime', 'x-scheme-handler/ftpes'], capture_output=True,
                          text=True, timeout=20)
    # Registered (MimeType=): with no other handler, the one gio open uses.
    assert APP_ID + '.desktop' in mime.stdout, 'ftpes:// links are not Ferry\'s: ' + mime.stdout


def quit_ferry(check=True):
    subprocess.run(['gdbus', 'call', '--session', '--dest', APP_ID, '--object-path',
                    '/io/github/ferryapp/Ferry', '--method', 'org.gtk.Actions.Activate',
                    'quit', '[]', '{}'], check=check, capture_output=True, timeout=20)


def secrets_of(attribute, value):
    p = subprocess.run(['secret-tool', 'search', '--all', attribute, value],
                       capture_output=True, text=True, timeout=30)
    return p.stdout + p.stderr


def files_containing(top, needle):
    found = []
    for dirpath, _, names in os.walk(top):
        for name in names:
            path = os.path.join(dirpath, name)
            try:
                with open(path, 'rb') as f:
                    if needle.encode() in f.read():
                        found.append(path)
            except OSError:
                pass
    return found


try:
    certs = ftpservers.shared_certs()
    server = ftpservers.Vsftpd(mode='explicit', cert=certs.selfsigned,
                               users={'alice': 'secret', 'bob': BOB_PASSWORD})
except ftpservers.NotAvailable as e:
    print('SKIP:', e)
    sys.exit(77)

SHA256 = certs.selfsigned.sha256
LINK = 'ftpes://alice@127.0.0.1:%d' % server.port
atspi_helpers.add_site(CLI, 'Link Box', LINK, 'secret')
os.makedirs(os.path.dirname(KEYFILE), exist_ok=True)
with open(KEYFILE, 'w') as f:
    f.write('[%s]\nwindow-width=%d\nwindow-height=%d\nwindow-maximized=false\n'
            % (SCHEMA_GROUP, WIDTH, HEIGHT))
os.makedirs(SHOTDIR, exist_ok=True)
install_desktop_integration()

env = dict(os.environ, GSETTINGS_BACKEND='keyfile')
app = subprocess.Popen([EXE], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
activated = False
try:
    root = wait_for(app_root, 'ferry on the accessibility bus')
    frame = wait_for(lambda: window_named(root, 'Ferry'), 'the main window')

    # A second `ferry URL`: the saved site that matches, with its keyring password.
    p = second_ferry(LINK)
    assert p.returncode == 0, 'the second ferry failed: %r' % p.stderr
    assert app.poll() is None, 'the first ferry ended'
    trust_certificate(root)
    wait_connected(root, 'Link Box', 'the tab of the saved site')
    no_password_dialog(root)
    assert len(frames(root)) == 1, 'the link opened another window'
    log('ferry URL opened the saved site in the running instance')
    screenshot('1-site-from-link')

    # A bare user@host:port names no mode: the same saved site.
    p = second_ferry('alice@127.0.0.1:%d' % server.port)
    assert p.returncode == 0, 'user@host:port failed: %r' % p.stderr
    wait_for(lambda: len(find_all(frame, 'tree table', 'Files on Link Box')) == 2,
             'a second tab of the saved site')
    no_password_dialog(root)
    log('user@host:port opened the saved site too')

    # A link with a password, no saved site for its user: used for this tab only.
    p = second_ferry('ftpes://bob:%s@127.0.0.1:%d/' % (BOB_ESCAPED, server.port))
    assert p.returncode == 0, 'the link with a password failed: %r' % p.stderr
    wait_connected(root, '127.0.0.1', 'the tab of the link with a password')
    no_password_dialog(root)
    assert 'USER bob' in server.commands(), 'bob did not log in'
    log('the password in the link logged in')

    # Bad addresses: a clear reason on stderr and in a dialog; nothing ends.
    for bad, words in (('sftp://alice@127.0.0.1', 'SFTP'),
                       ('ftp://127.0.0.1:99999', 'port')):
        p = second_ferry(bad)
        assert p.returncode == 1, '%s: exit status %d' % (bad, p.returncode)
        assert words in p.stderr, '%s: %r' % (bad, p.stderr)
        # The dialog that says why (the one of the link before may still be going away).
        wait_for(lambda: next((w for w in other_windows(root)
                               if label_with(w, 'Cannot Open This Address')
                               and label_with(w, words)), None),
                 'the dialog about %s, saying why' % bad)
        if bad.startswith('sftp'):
            screenshot('2-bad-link')
        close_bad_link_dialogs(root, bad)
    assert app.poll() is None, 'a bad link ended ferry'
    log('bad links are refused with their reason')

    # `gapplication action`: a second window.
    subprocess.run(['gapplication', 'action', APP_ID, 'new-window'], check=True,
                   capture_output=True, timeout=20)
    wait_for(lambda: len(frames(root)) == 2, 'the new window')
    log('gapplication action new-window opened a window')

    # `ferry --new-window URL`: a third window, with the tab in it.
    p = second_ferry('--new-window', LINK)
    assert p.returncode == 0, '--new-window failed: %r' % p.stderr
    wait_for(lambda: len(frames(root)) == 3, 'the window of --new-window')
    wait_for(lambda: sum('hello.txt' in remote_names(f, 'Link Box') for f in frames(root)) == 2,
             'the site\'s tab in the new window too')
    log('ferry --new-window URL opened a window with the tab')

    quit_ferry()
    assert app.wait(timeout=20) == 0, 'ferry exited with %d' % app.returncode
    out, _ = app.communicate(timeout=10)
    problems = [l for l in out.splitlines() if re.search(r'-(WARNING|CRITICAL) \*\*', l)]
    assert not problems, 'ferry warned:\n' + '\n'.join(problems)
    log('ferry quit')

    # The password from the link is nowhere: not in the keyring, a file or the output.
    assert secrets_of('user', 'bob').strip() == '', 'a keyring item for bob'
    assert BOB_PASSWORD not in out and BOB_ESCAPED not in out, 'the password is in the output'
    leaked = files_containing(os.environ['HOME'], BOB_PASSWORD) + \
        files_containing(os.environ['HOME'], BOB_ESCAPED)
    assert not leaked, 'the link\'s password was written to %r' % leaked
    log('the password of the link was kept nowhere')

    # `gio open`: D-Bus activation starts Ferry (nothing runs now) with a tab for the site.
    activated = True
    subprocess.run(['gio', 'open', LINK + '/sub'], check=True, capture_output=True,
                   timeout=30)
    root = wait_for(app_root, 'ferry started by D-Bus activation')
    wait_for(lambda: frames(root), 'the window of the activated ferry')
    wait_connected(root, 'Link Box', 'the tab that gio open asked for')
    no_password_dialog(root)
    screenshot('3-gio-open')
    log('gio open started ferry through D-Bus with the saved site')
    quit_ferry()
    activated = False
    wait_for(lambda: app_root() is None, 'the activated ferry to quit')
    log('all checks passed')
finally:
    atspi_helpers.stop_app(app, log)
    if activated:
        quit_ferry(check=False)
    server.stop()
