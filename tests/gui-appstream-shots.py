#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The AppStream screenshots (data/screenshots/), taken from the real window against a real
vsftpd server. Run inside tests/run-gui.sh as root; tools/update-screenshots.sh runs it and
copies the pictures into data/screenshots/.

usage: gui-appstream-shots.py FERRY FERRY_CLI SHOTDIR WIDTHxHEIGHT

Writes SHOTDIR/appstream-{sites,connected,log}.png: the empty state with saved sites in
folders; a connected explicit-FTPS tab with its files; the session log under it (PASS masked). Each is checked:
the window shows what the picture is meant to show, and the picture has the screen's size and
is not blank. Exit 77 (skip) when the servers cannot run here.
"""
import functools
import os
import subprocess
import sys

import atspi_helpers
from atspi_helpers import find, find_all, do_action, button, window_named, label_with

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'servers'))
import ftpservers  # noqa: E402

EXE, CLI, SHOTDIR, SCREEN = sys.argv[1:5]
WIDTH, HEIGHT = (int(v) for v in SCREEN.split('x'))
KEYFILE = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')

wait_for = functools.partial(atspi_helpers.wait_for, timeout=20.0)

# What the pictures show: a small web site on the server, a few folders at home.
REMOTE = {
    'public_html/index.html': b'<!doctype html><title>Example</title>\n' * 40,
    'public_html/style.css': b'body { font-family: sans-serif; }\n' * 30,
    'public_html/images/logo.svg': b'<svg xmlns="http://www.w3.org/2000/svg"/>\n' * 20,
    'backups/site-2026-11-30.tar.gz': b'\0' * 180000,
    'reports/quarterly-report.pdf': b'%PDF-1.7\n' * 9000,
    'README.txt': b'Upload the site into public_html.\n',
}
LOCAL = ['Documents/notes.txt', 'Pictures/holiday.jpg', 'Projects/website/index.html',
         'Downloads/invoice.pdf', 'Music/.keep']


def log(*args):
    print('gui-appstream-shots[%s]:' % SCREEN, *args, flush=True)


def screenshot(name):
    atspi_helpers.screenshot(os.path.join(SHOTDIR, 'appstream-%s.png' % name), WIDTH, HEIGHT, log)


def app_root():
    return atspi_helpers.app_root(os.path.basename(EXE))


try:
    certs = ftpservers.shared_certs()
    server = ftpservers.Vsftpd(mode='explicit', cert=certs.selfsigned, files=REMOTE)
except ftpservers.NotAvailable as e:
    print('SKIP:', e)
    sys.exit(77)

atspi_helpers.add_site(CLI, 'Company Website', 'ftpes://alice@127.0.0.1:%d' % server.port,
                       'secret', 'Work')
atspi_helpers.add_site(CLI, 'Backup Server', 'ftps://alice@127.0.0.1:%d' % server.port,
                       'secret', 'Work')
atspi_helpers.add_site(CLI, 'Photo Archive', 'ftp://alice@127.0.0.1:%d' % server.port, 'secret')
for rel in LOCAL:
    path = os.path.join(os.environ['HOME'], rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write('Ferry\n')
os.makedirs(os.path.dirname(KEYFILE), exist_ok=True)
with open(KEYFILE, 'w') as f:
    f.write('[io/github/ferryapp/Ferry]\nwindow-width=%d\nwindow-height=%d\n'
            'window-maximized=false\n' % (WIDTH, HEIGHT))
os.makedirs(SHOTDIR, exist_ok=True)

app = subprocess.Popen([EXE], env=dict(os.environ, GSETTINGS_BACKEND='keyfile'),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
try:
    root = wait_for(app_root, 'ferry on the accessibility bus')
    frame = wait_for(lambda: window_named(root, 'Ferry'), 'the main window')
    row = wait_for(lambda: find(frame, 'list item', 'Company Website'), 'the saved sites')
    assert label_with(frame, 'Photo Archive'), 'not every site is offered'
    screenshot('sites')

    atspi_helpers.click(row)
    dialog = wait_for(lambda: window_named(root, 'Untrusted Certificate'),
                      'the certificate dialog')
    do_action(button(dialog, 'Always Trust'))
    table = wait_for(lambda: find(frame, 'tree table', 'Files on Company Website'),
                     'the remote files')
    wait_for(lambda: 'public_html' in {n.name for n in find_all(table, 'label')},
             'the web site on the server')
    screenshot('connected')

    # The session log (a popover's shadow is black without a compositor: none here).
    do_action(find(frame, 'push button', 'Log', atspi_helpers.has_actions))
    session_log = wait_for(lambda: find(frame, 'text', 'Session Log'), 'the session log')
    wait_for(lambda: 'PASS ****' in atspi_helpers.text_of(session_log), 'PASS, masked, in the log')
    assert 'secret' not in atspi_helpers.text_of(session_log), 'the password is in the log'
    screenshot('log')
    atspi_helpers.quit_over_dbus(app)
    log('all screenshots taken')
finally:
    atspi_helpers.stop_app(app, log)
    server.stop()
