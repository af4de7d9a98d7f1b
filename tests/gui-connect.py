#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Ferry end to end: the real window against real vsftpd servers, driven over AT-SPI.
Run inside tests/run-gui.sh (Xvfb, D-Bus session, unlocked keyring, throwaway HOME), as root.

usage: gui-connect.py FERRY FERRY_CLI SHOTDIR WIDTHxHEIGHT

Two vsftpd servers with a self-signed certificate: one explicit FTPS, one implicit. Three sites
are saved first with `ferry-cli sites add --password-stdin`. Then, through the window:
- the empty state lists the sites; one of them connects; the certificate dialog shows the
  server's SHA-256 fingerprint; Always Trust pins it in known-servers.ini;
- browse into a folder and back; create, rename and delete a remote folder (checked on the
  server's disk);
- the security popover says explicit FTPS, encrypted commands and PROT P data;
- disconnect and connect again: nothing is asked (the pin holds);
- the implicit server (from the site menu) asks again, is accepted once, and the popover says
  implicit;
- a site with a wrong saved password: the password dialog says so, the right one logs in and
  updates the keyring (ferry-cli then connects with it);
- the site manager opens from the main menu.
Screenshots (SHOTDIR/gui-connect-WIDTHxHEIGHT-STEP.png) are checked for size and not blank.
Fails on any GLib warning ferry prints. Exit 77 (skip) when the servers cannot run here.
"""
import os
import subprocess
import sys
import time

import functools

import pyatspi

import atspi_helpers
from atspi_helpers import find, find_all, has_actions, do_action, click, key, text_of
from atspi_helpers import (showing, button, set_text, window_named, other_windows,
                           label_with, fingerprint, open_security_popover)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'servers'))
import ftpservers  # noqa: E402

EXE, CLI, SHOTDIR, SCREEN = sys.argv[1:5]
WIDTH, HEIGHT = (int(v) for v in SCREEN.split('x'))
SCHEMA_GROUP = 'io/github/ferryapp/Ferry'
KEYFILE = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
KNOWN = os.path.join(os.environ['XDG_CONFIG_HOME'], 'ferry', 'known-servers.ini')
PASSWORD = 'secret'


# This script's hang guard for waits.
wait_for = functools.partial(atspi_helpers.wait_for, timeout=20.0)

def log(*args):
    print('gui-connect[%s]:' % SCREEN, *args, flush=True)


def screenshot(step):
    atspi_helpers.screenshot(os.path.join(SHOTDIR, 'gui-connect-%s-%s.png' % (SCREEN, step)),
                             WIDTH, HEIGHT, log)


def app_root():
    return atspi_helpers.app_root(os.path.basename(EXE))


def add_site(name, url, password, folder=None):
    atspi_helpers.add_site(CLI, name, url, password, folder)


def remote_table(frame, site):
    return wait_for(lambda: find(frame, 'tree table', 'Files on ' + site),
                    'the file list of ' + site)


def remote_names(frame, site):
    return {n.name for n in find_all(remote_table(frame, site), 'label')}


def remote_row_label(frame, site, name):
    return wait_for(lambda: find(remote_table(frame, site), 'label', name),
                    '%r in the list of %s' % (name, site))


def remote_pane_button(frame, label):
    """The remote pane's own toolbar button (the second pane of the tab)."""
    found = [b for b in find_all(frame, 'push button', pred=lambda n: showing(n) and has_actions(n)
                                 and n.name == label)]
    assert len(found) >= 2, 'no remote %r button: %r' % (label, found)
    return found[-1]


def name_dialog(root, heading_fragment):
    dialog = wait_for(lambda: next((w for w in other_windows(root)
                                    if label_with(w, heading_fragment)), None),
                      'the %r dialog' % heading_fragment)
    return dialog


def close_popover():
    key('Escape')


popover_texts = atspi_helpers.visible_labels


def connect_from_site_menu(frame, path):
    menu_button = find(frame, 'push button', 'Saved Sites', has_actions)
    do_action(menu_button)
    for part in path:
        item = wait_for(lambda: find(frame, 'menu item', part),
                        'menu item %r' % part)
        do_action(item)


def wait_connected(frame, site, what):
    wait_for(lambda: 'hello.txt' in remote_names(frame, site), what, timeout=30)


# ---- servers and sites ----

try:
    certs = ftpservers.shared_certs()
    explicit = ftpservers.Vsftpd(mode='explicit', cert=certs.selfsigned)
except ftpservers.NotAvailable as e:
    print('SKIP:', e)
    sys.exit(77)
implicit = ftpservers.Vsftpd(mode='implicit', cert=certs.selfsigned)
SHA256 = certs.selfsigned.sha256

add_site('Explicit Box', 'ftp://alice@127.0.0.1:%d' % explicit.port, PASSWORD, 'Tests')
add_site('Implicit Box', 'ftp://alice@127.0.0.1:%d' % implicit.port, PASSWORD, 'Tests')
add_site('Wrong Password', 'ftpes://alice@127.0.0.1:%d' % explicit.port, 'not-the-password')

UPLOAD = b'Uploaded by the Ferry window test.\n'
with open(os.path.join(os.environ['HOME'], 'upload-me.txt'), 'wb') as f:
    f.write(UPLOAD)
os.makedirs(os.path.dirname(KEYFILE), exist_ok=True)
with open(KEYFILE, 'w') as f:
    f.write('[%s]\nwindow-width=%d\nwindow-height=%d\nwindow-maximized=false\n'
            % (SCHEMA_GROUP, WIDTH, HEIGHT))
os.makedirs(SHOTDIR, exist_ok=True)

env = dict(os.environ, GSETTINGS_BACKEND='keyfile')
app = subprocess.Popen([EXE], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
try:
    root = wait_for(app_root, 'ferry on the accessibility bus')
    frame = wait_for(lambda: window_named(root, 'Ferry'), 'the main window')

    # The empty state offers the saved sites.
    row = wait_for(lambda: find(frame, 'list item', 'Explicit Box'), 'the site in the empty state')
    for name in ('Implicit Box', 'Wrong Password'):
        assert label_with(frame, name), 'site %r not offered' % name
    screenshot('1-empty')

    # Connect through the saved site: the self-signed certificate is shown first.
    click(row)
    dialog = wait_for(lambda: window_named(root, 'Untrusted Certificate'),
                      'the certificate dialog')
    wait_for(lambda: label_with(dialog, fingerprint(SHA256)), 'the SHA-256 fingerprint')
    assert label_with(dialog, 'self-signed'), 'the problem is not named'
    for title in ('SHA-1', 'Valid Until', 'Public Key', 'Signature Algorithm', 'TLS Version',
                  'Cipher'):
        assert find(dialog, 'label', title), 'no %r in the certificate dialog' % title
    screenshot('2-certificate')
    do_action(button(dialog, 'Always Trust'))
    wait_for(lambda: window_named(root, 'Untrusted Certificate') is None, 'the dialog to close')

    wait_connected(frame, 'Explicit Box', 'the server files after Always Trust')
    with open(KNOWN) as f:
        assert SHA256 in f.read().lower(), 'the certificate was not pinned'
    log('connected; pinned', SHA256[:16])
    screenshot('3-connected')

    # Browse into a folder and back.
    click(remote_row_label(frame, 'Explicit Box', 'sub'), double=True)
    wait_for(lambda: 'nested.txt' in remote_names(frame, 'Explicit Box'), 'the folder "sub"')
    do_action(remote_pane_button(frame, 'Back'))
    wait_connected(frame, 'Explicit Box', 'back in the login folder')
    log('browsed into sub and back')

    # Create, rename and delete a remote folder; the server's disk says it happened.
    made = os.path.join(explicit.root, 'made-by-gui')
    renamed = os.path.join(explicit.root, 'renamed-by-gui')
    do_action(remote_pane_button(frame, 'New Folder'))
    dialog = name_dialog(root, 'New Folder')
    set_text(wait_for(lambda: find(dialog, 'text', 'Name'), 'the name entry'), 'made-by-gui')
    do_action(wait_for(lambda: button(dialog, 'Create'), 'Create'))
    wait_for(lambda: os.path.isdir(made), 'the new folder on the server')
    click(remote_row_label(frame, 'Explicit Box', 'made-by-gui'))
    time.sleep(0.3)
    key('F2')
    dialog = name_dialog(root, 'Rename')
    set_text(wait_for(lambda: find(dialog, 'text', 'Name'), 'the name entry'), 'renamed-by-gui')
    do_action(wait_for(lambda: button(dialog, 'Rename'), 'Rename'))
    wait_for(lambda: os.path.isdir(renamed) and not os.path.exists(made),
             'the renamed folder on the server')
    click(remote_row_label(frame, 'Explicit Box', 'renamed-by-gui'))
    time.sleep(0.3)
    key('Delete')
    dialog = name_dialog(root, 'Delete')
    do_action(wait_for(lambda: button(dialog, 'Delete'), 'Delete'))
    wait_for(lambda: not os.path.exists(renamed), 'the folder deleted on the server')
    wait_for(lambda: 'renamed-by-gui' not in remote_names(frame, 'Explicit Box'),
             'the folder gone from the list')
    log('made, renamed and deleted a remote folder')

    # A double-clicked remote file downloads into the local folder (the home folder), a
    # double-clicked local file uploads into the remote folder; the queue shows both.
    click(remote_row_label(frame, 'Explicit Box', 'hello.txt'), double=True)
    downloaded = os.path.join(os.environ['HOME'], 'hello.txt')
    wait_for(lambda: os.path.isfile(downloaded) and open(downloaded, 'rb').read()
             == open(os.path.join(explicit.root, 'hello.txt'), 'rb').read(), 'the download')
    local = wait_for(lambda: find(frame, 'tree table', 'Files on this computer'), 'local files')
    click(wait_for(lambda: find(local, 'label', 'upload-me.txt'), 'the local file'), double=True)
    uploaded = os.path.join(explicit.root, 'upload-me.txt')
    wait_for(lambda: os.path.isfile(uploaded) and open(uploaded, 'rb').read() == UPLOAD,
             'the upload on the server')
    transfers = wait_for(lambda: find(frame, 'list', 'Transfers'), 'the transfer list')
    wait_for(lambda: len(find_all(transfers, 'label', 'Done')) == 2, 'two finished transfers')
    log('downloaded hello.txt and uploaded upload-me.txt')

    # The session log: commands, replies, and the password masked.
    do_action(find(frame, 'push button', 'Log', has_actions))
    session_log = wait_for(lambda: find(frame, 'text', 'Session Log'), 'the session log')
    text = wait_for(lambda: 'PASS ****' in text_of(session_log) and text_of(session_log),
                    'PASS in the log')
    assert PASSWORD not in text, 'the password is in the log'
    assert 'AUTH TLS' in text and 'PROT P' in text, text[-2000:]
    screenshot('4-transfers-and-log')

    # The security popover: explicit FTPS, encrypted commands and password, PROT P data.
    open_security_popover(frame)
    texts = popover_texts(frame)
    assert any(t.startswith('Explicit FTPS') for t in texts), texts
    assert any(t.startswith('Commands and replies are encrypted (TLS') for t in texts), texts
    assert any(t.startswith('Your password was sent encrypted') for t in texts), texts
    assert 'File transfers are encrypted with the same trusted session as the commands.' \
        in texts, texts
    assert any('always trust' in t for t in texts), texts
    screenshot('5-security')
    close_popover()

    # Disconnect and connect again: the pinned certificate is not asked about.
    do_action(find(frame, 'push button', 'Disconnect', has_actions))
    wait_for(lambda: find(frame, 'label', 'Disconnected'), 'the disconnected page')
    wait_for(lambda: find(frame, 'push button', 'Disconnect') is None,
             'the Disconnect button to go')
    do_action(wait_for(lambda: find(frame, 'push button', 'Connect Again', has_actions),
                       'Connect Again'))
    wait_for(lambda: find(frame, 'push button', 'Disconnect'), 'connected again')
    wait_connected(frame, 'Explicit Box', 'the files after connecting again')
    assert not other_windows(root), 'something was asked: %r' % [w.name for w in other_windows(root)]
    log('connected again without a question')

    # The implicit server, from the site menu: asked again (another port), accepted once.
    connect_from_site_menu(frame, ['Tests', 'Implicit Box'])
    dialog = wait_for(lambda: window_named(root, 'Untrusted Certificate'),
                      'the certificate dialog of the implicit server')
    do_action(button(dialog, 'Accept Once'))
    wait_connected(frame, 'Implicit Box', 'the files of the implicit server')
    open_security_popover(frame)
    texts = popover_texts(frame)
    assert any(t.startswith('Implicit FTPS') and 'detected' in t for t in texts), texts
    assert 'File transfers are encrypted with the same trusted session as the commands.' \
        in texts \
        or 'File transfers will be encrypted.' in texts, texts
    assert any('for this session only' in t for t in texts), texts
    screenshot('6-implicit-security')
    close_popover()
    log('implicit server reported as implicit')

    # The site manager, from the main menu.
    do_action(find(frame, 'push button', 'Main Menu', has_actions))
    do_action(wait_for(lambda: find(frame, 'menu item', 'Sites', showing), 'Sites in the menu'))
    manager = wait_for(lambda: next((w for w in other_windows(root)
                                     if label_with(w, 'Explicit Box')), None), 'the site manager')
    click(label_with(manager, 'Explicit Box'))
    wait_for(lambda: find(manager, 'text', pred=lambda n: 'Explicit Box' in text_of(n)),
             'the site in the editor')
    screenshot('7-site-manager')
    do_action(manager, 'window.close')
    wait_for(lambda: not other_windows(root), 'the site manager to close')

    # A wrong saved password: asked again, the right one updates the keyring.
    connect_from_site_menu(frame, ['Wrong Password'])
    dialog = wait_for(lambda: next((w for w in other_windows(root)
                                    if label_with(w, 'refused the password')), None),
                      'the password dialog after a refused password')
    entry = wait_for(lambda: find(dialog, 'password text'), 'the password entry')
    wait_for(lambda: entry.getState().contains(pyatspi.STATE_FOCUSED), 'focus in the password')
    pyatspi.Registry.generateKeyboardEvent(0, PASSWORD, pyatspi.KEY_STRING)
    wait_for(lambda: entry.queryText().characterCount == len(PASSWORD), 'the typed password')
    remember = find(dialog, 'check box', pred=lambda n: 'keyring' in n.name)
    assert remember is not None, 'no offer to update the keyring'
    if not remember.getState().contains(pyatspi.STATE_CHECKED):
        do_action(remember)
    do_action(button(dialog, 'Log In'))
    wait_connected(frame, 'Wrong Password', 'the files with the right password')
    probe = subprocess.run([CLI, 'probe', '--json', '--site', 'Wrong Password'],
                           capture_output=True, text=True, timeout=60,
                           env={k: v for k, v in os.environ.items() if k != 'FERRY_PASSWORD'})
    assert probe.returncode == 0, 'the keyring was not updated: %s' % probe.stderr
    log('wrong password asked again; keyring updated')
    screenshot('8-tabs')

    atspi_helpers.quit_over_dbus(app)
    log('all checks passed')
finally:
    atspi_helpers.stop_app(app, log)
    explicit.stop()
    implicit.stop()
