#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drive the real `ferry` window through AT-SPI; run inside tests/run-gui.sh.

usage: gui-smoke.py FERRY SHOTDIR WIDTHxHEIGHT VERSION

The window size comes from GSettings (keyfile backend in the throwaway
$XDG_CONFIG_HOME), so the window fills a WIDTHxHEIGHT screen. Checks: the
restored size, the connect entry and button, the password refusal, a tab for a
server that refuses the connection (and its message, Connect Again, Ctrl+W),
Ctrl+L, the saved-sites menu, the primary menu, the About and Keyboard
Shortcuts windows, Ctrl+Q and the saved window state. (tests/gui-connect.py
connects to real servers.)
Screenshots go to SHOTDIR/gui-smoke-WIDTHxHEIGHT-STEP.png and must not be blank.
Needs Debian's /usr/bin/python3 (pyatspi, gi), xdotool and ImageMagick.
"""
import configparser
import os
import re
import socket
import subprocess
import sys

import functools

import pyatspi

import atspi_helpers
from atspi_helpers import find, has_actions, do_action, extents, click, key, text_of

EXE, SHOTDIR, SCREEN, VERSION = sys.argv[1:5]
WIDTH, HEIGHT = (int(v) for v in SCREEN.split('x'))
SCHEMA_GROUP = 'io/github/ferryapp/Ferry'
KEYFILE = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')


# This script's hang guard for waits.
wait_for = functools.partial(atspi_helpers.wait_for, timeout=10.0)

def log(*args):
    print('gui-smoke[%s]:' % SCREEN, *args, flush=True)


def is_focused(node):
    return node.getState().contains(pyatspi.STATE_FOCUSED)


def is_sensitive(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


def inside_screen(node, what):
    x, y, w, h = extents(node)
    assert w > 0 and h > 0 and x >= 0 and y >= 0 and x + w <= WIDTH and y + h <= HEIGHT, \
        '%s is not fully on the %s screen: %r' % (what, SCREEN, (x, y, w, h))


def ferry_xwindow():
    out = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', '^Ferry$'],
                         capture_output=True, text=True).stdout.split()
    return out[0] if out else None


def xwindow_size():
    """The size of the X window (what GSettings stores; AT-SPI extents leave out
    the frame that GTK draws when no compositor runs)."""
    geo = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', ferry_xwindow()],
                         check=True, capture_output=True, text=True).stdout
    vals = dict(l.split('=', 1) for l in geo.split())
    return int(vals['WIDTH']), int(vals['HEIGHT'])


def screenshot(step):
    atspi_helpers.screenshot(os.path.join(SHOTDIR, 'gui-smoke-%s-%s.png' % (SCREEN, step)),
                             WIDTH, HEIGHT, log)


def closed_port():
    """A loopback port that refuses connections: bound, never listening."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(('127.0.0.1', 0))
    KEEP.append(sock)
    return sock.getsockname()[1]


KEEP = []


def read_keyfile():
    kf = configparser.ConfigParser(interpolation=None)
    kf.read(KEYFILE)
    return kf[SCHEMA_GROUP] if kf.has_section(SCHEMA_GROUP) else {}


def app_root():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        if a is not None and a.name == os.path.basename(EXE) and a.childCount:
            return a


def other_frame(root):
    for i in range(root.childCount):
        f = root.getChildAtIndex(i)
        if f is not None and f.getRoleName() == 'frame' and f.name != 'Ferry':
            return f


# The window state the app starts from: a window as large as the screen.
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
    frame = wait_for(lambda: find(root, 'frame', 'Ferry'), 'the main window')
    entry = wait_for(lambda: find(frame, 'text', 'Server Address'), 'the connect entry')
    connect = find(frame, 'push button', 'Connect')
    assert connect is not None, 'no Connect button'
    assert find(frame, 'label', 'Connect to a Server'), 'no empty-state title'

    # The size comes from GSettings.
    wait_for(ferry_xwindow, 'the X window')
    wait_for(lambda: xwindow_size() == (WIDTH, HEIGHT), 'a %s window' % SCREEN)
    for node, what in ((entry, 'the entry'), (connect, 'Connect')):
        inside_screen(node, what)
    assert not is_sensitive(connect), 'Connect is enabled with an empty entry'
    screenshot('1-empty')

    # A password in the address is refused, and never shown in a command.
    click(entry)
    wait_for(lambda: is_focused(entry), 'focus in the entry')
    with_password = 'ftp://demo:secret@ftp.example.org'
    pyatspi.Registry.generateKeyboardEvent(0, with_password, pyatspi.KEY_STRING)
    wait_for(lambda: text_of(entry) == with_password, 'the typed text')
    wait_for(lambda: is_sensitive(connect), 'Connect enabled')
    key('Return')
    def password_error():
        return find(frame, 'label', pred=lambda n: n.name.startswith('The address contains a password'))
    error = wait_for(password_error, 'the password error')
    log('error shown:', error.name)
    assert not find(frame, 'label', pred=lambda n: 'secret' in n.name), 'the password is shown'
    screenshot('2-password-refused')

    # Ctrl+L comes back to the entry; a server that refuses the connection gets a tab that
    # says so. (An anonymous address: nothing to ask.)
    key('Tab')                     # moves the focus on to another control
    wait_for(lambda: not is_focused(entry), 'the focus to leave the entry')
    key('ctrl+l')
    wait_for(lambda: is_focused(entry), 'Ctrl+L to focus the entry')
    key('ctrl+a', 'BackSpace')
    wait_for(lambda: text_of(entry) == '', 'an empty entry')
    wait_for(lambda: not is_sensitive(connect), 'Connect disabled again')
    url = 'ftpes://127.0.0.1:%d' % closed_port()
    pyatspi.Registry.generateKeyboardEvent(0, url, pyatspi.KEY_STRING)
    wait_for(lambda: text_of(entry) == url, lambda: 'the typed URL (is %r)' % text_of(entry))
    assert not password_error(), 'the error stays after editing'
    do_action(connect, 'click')
    failed = wait_for(lambda: find(frame, 'label', pred=lambda n: n.name.startswith(
        'Could Not Connect to 127.0.0.1')), 'the failed connection')
    log('tab says:', failed.name)
    again = wait_for(lambda: find(frame, 'push button', 'Connect Again', has_actions),
                     'Connect Again')
    inside_screen(again, 'Connect Again')
    # Like a browser's address bar, the entry shows the tab's server (the mode it was asked for).
    assert text_of(entry) == url, 'the entry shows %r, not the tab\'s address' % text_of(entry)
    screenshot('3-refused')
    click(entry)
    wait_for(lambda: is_focused(entry), 'focus in the entry')
    key('ctrl+w')
    wait_for(lambda: find(frame, 'push button', 'Connect Again') is None, 'Ctrl+W to close the tab')
    wait_for(lambda: text_of(entry) == '', 'an empty entry without tabs')

    # The saved-sites menu, with none saved yet.
    do_action(find(frame, 'push button', 'Saved Sites', has_actions), 'click')
    wait_for(lambda: find(frame, 'menu item', 'Manage Sites…'), 'Manage Sites… in the menu')
    assert find(frame, 'menu item', 'No Saved Sites'), 'no "No Saved Sites" in the menu'
    key('Escape')

    # Primary menu -> About Ferry.
    menu_button = find(frame, 'push button', 'Main Menu', has_actions)
    do_action(menu_button, 'click')
    about_item = wait_for(lambda: find(frame, 'menu item', 'About Ferry'),
                          'About Ferry in the menu')
    for item in ('Keyboard Shortcuts', 'Preferences', 'Sites'):
        assert find(frame, 'menu item', item), 'no %s in the menu' % item
    screenshot('4-menu')
    do_action(about_item, 'click')
    about = wait_for(lambda: other_frame(root), 'the About window')
    wait_for(lambda: find(about, 'label', VERSION) or find(about, 'push button', VERSION),
             'version %s in the About window' % VERSION)
    assert find(about, 'label', 'The Ferry developers'), 'no developer name in About'
    screenshot('5-about')
    do_action(about, 'window.close')
    wait_for(lambda: other_frame(root) is None, 'the About window to close')

    # Ctrl+? -> Keyboard Shortcuts.
    key('ctrl+question')
    shortcuts = wait_for(lambda: other_frame(root), 'the Keyboard Shortcuts window')
    for title in ('Quit', 'Show Shortcuts', 'Edit the Server Address'):
        wait_for(lambda: find(shortcuts, 'label', title), 'shortcut %r' % title)
    screenshot('6-shortcuts')
    do_action(shortcuts, 'window.close')
    wait_for(lambda: other_frame(root) is None, 'the Keyboard Shortcuts window to close')

    # A resized window remembers its size (not on the smallest screen: the minimum is 800x600).
    expect_w, expect_h = WIDTH, HEIGHT
    if WIDTH > 1000:
        expect_w, expect_h = WIDTH - 400, HEIGHT - 200
        subprocess.run(['xdotool', 'windowsize', ferry_xwindow(), str(expect_w), str(expect_h)],
                       check=True)
        wait_for(lambda: xwindow_size() == (expect_w, expect_h), 'the resized window')

    # Ctrl+Q closes the window, which saves its state, and the application ends.
    key('ctrl+q')
    rc = app.wait(timeout=10)
    assert rc == 0, 'ferry exited with %d' % rc
    state = read_keyfile()
    log('saved state:', dict(state))
    assert state.get('window-maximized') == 'false', 'window-maximized not saved'
    saved = (state.get('window-width'), state.get('window-height'))
    assert saved == (str(expect_w), str(expect_h)), 'saved size %r' % dict(state)

    # Nothing went wrong on the way: no GLib warning or critical from ferry.
    out, _ = app.communicate(timeout=10)
    problems = [l for l in out.splitlines() if re.search(r'-(WARNING|CRITICAL) \*\*', l)]
    assert not problems, 'ferry warned:\n' + '\n'.join(problems)
    log('all checks passed')
finally:
    if app.poll() is None:
        app.terminate()
        out, _ = app.communicate(timeout=10)
        noise = re.compile(r'dbus-daemon|SpiRegistry|X connection to')
        lines = [l for l in out.splitlines() if l.strip() and not noise.search(l)]
        if lines:
            log('ferry output:\n' + '\n'.join(lines))
