#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window tried by hand, as issue 13 found it: a real vsftpd (explicit FTPS, a self-signed
certificate, its data rate capped so a transfer can be watched while it runs), a saved site,
the window driven over AT-SPI and the keyboard. Run inside tests/run-gui.sh, as root.

usage: gui-window.py FERRY FERRY_CLI SHOTDIR WIDTHxHEIGHT

- The address entry shows the connected server (ftpes://…, the mode detected); the status
  says "TLS 1.3", never GnuTLS's "TLS1.3".
- Download from the remote pane's context menu: the local pane lists the file without Reload
  (its folder is watched). Upload from the local pane's menu: the remote pane lists it.
  Each menu has only its own direction. Ctrl+D and Ctrl+U do the same for the selection.
- Transfer rows: a direction icon named Upload/Download with a tooltip that says which way;
  uploads say "to 127.0.0.1:/", downloads "to ~".
- After a dozen finished transfers, a new running one is the first row, in view; cancelled,
  it stays first (the latest finished first).
- The transfer panel is dragged taller; the height is in the settings keyfile.
- A deep remote folder: the server's button stays in view at the start of the path bar.
- The security popover: plain words, "TLS 1.3", no tooltip over its heading.
Screenshots: SHOTDIR/gui-window-WIDTHxHEIGHT-STEP.png. Exit 77 when servers cannot run here.
"""
import configparser
import functools
import os
import re
import subprocess
import sys
import time

import pyatspi

import atspi_helpers
from atspi_helpers import (find, find_all, has_actions, do_action, click, key, text_of,
                           extents, showing, button, set_text, window_named, label_with,
                           visible_labels)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'servers'))
import ftpservers  # noqa: E402

EXE, CLI, SHOTDIR, SCREEN = sys.argv[1:5]
WIDTH, HEIGHT = (int(v) for v in SCREEN.split('x'))
SCHEMA_GROUP = 'io/github/ferryapp/Ferry'
KEYFILE = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
HOME = os.environ['HOME']
SITE = 'Box'
RATE = 400 * 1024                       # bytes/s: big.bin takes about 10 s
DEEP = '/projects/customer-archive-2026/quarterly-reports/final/attachments'

wait_for = functools.partial(atspi_helpers.wait_for, timeout=20.0)


def log(*args):
    print('gui-window[%s]:' % SCREEN, *args, flush=True)


def screenshot(step):
    atspi_helpers.screenshot(os.path.join(SHOTDIR, 'gui-window-%s-%s.png' % (SCREEN, step)),
                             WIDTH, HEIGHT, log)


def table(frame, label):
    return wait_for(lambda: find(frame, 'tree table', label), 'the list ' + label)


def names(frame, label):
    return {n.name for n in find_all(table(frame, label), 'label')}


def row_label(frame, label, name):
    return wait_for(lambda: find(table(frame, label), 'label', name),
                    '%r in %s' % (name, label))


REMOTE = 'Files on ' + SITE
LOCAL = 'Files on this computer'


def context_menu(frame, list_label, name):
    """Right-clicks the row and returns the names of the menu's items."""
    x, y, w, h = extents(row_label(frame, list_label, name))
    pyatspi.Registry.generateMouseEvent(x + w // 2, y + h // 2, 'b3c')
    wait_for(lambda: find(frame, 'menu item', 'Copy Path', showing), 'the context menu')
    return {n.name for n in find_all(frame, 'menu item', pred=showing)}


def menu_item(frame, name):
    return wait_for(lambda: find(frame, 'menu item', name, showing), 'menu item ' + name)


def transfers(frame):
    return wait_for(lambda: find(frame, 'list', 'Transfers'), 'the transfer list')


def transfer_labels(frame):
    return [n.name for n in find_all(transfers(frame), 'label', pred=showing)]


def same_file(a, b):
    return os.path.isfile(a) and os.path.isfile(b) and open(a, 'rb').read() == open(b, 'rb').read()


def inside(inner, outer, what):
    ix, iy, iw, ih = extents(inner)
    ox, oy, ow, oh = extents(outer)
    assert iw > 0 and ih > 0, '%s has no size' % what
    assert ox <= ix and oy <= iy and ix + iw <= ox + ow and iy + ih <= oy + oh, \
        '%s (%r) is not inside %r' % (what, (ix, iy, iw, ih), (ox, oy, ow, oh))


def row_names_in_view(listing):
    """The file names of the transfer rows inside the list's view, top to bottom (the list
    keeps rows out of view in its tree too)."""
    lx, ly, lw, lh = extents(listing)
    rows = []
    for n in find_all(listing, 'label', pred=lambda n: showing(n) and (
            n.name.endswith('.txt') or n.name.endswith('.bin'))):
        x, y, w, h = extents(n)
        if w > 0 and h > 0 and ly <= y and y + h <= ly + lh:
            rows.append((y, n.name))
    log('rows in view:', rows)
    return rows


def first_in_view(listing, name, state):
    """name is the top row in view, and the state label on that row says state (the only
    row in that state: recycled rows keep stale names in the tree, states tell them apart)."""
    rows = row_names_in_view(listing)
    assert rows, 'no rows in view'
    top = min(y for y, _ in rows)
    assert (top, name) in rows, '%s is not the first row in view: %r' % (name, rows)
    states = [extents(n)[1] for n in find_all(listing, 'label', state, showing)]
    assert any(abs(y - top) <= 4 for y in states), \
        'the top row (y=%d) does not say %r: %r' % (top, state, states)


def drag_handle(handle, dy):
    """Drags a resize strip by dy pixels (negative: up), in small steps."""
    hx, hy, hw, hh = extents(handle)
    # GTK 4.8's AT-SPI extents leave out the window's frame (a few pixels under Xvfb): a
    # point 6 px into the 8 px strip is on it either way.
    x, y = hx + hw // 2, hy + 6
    reg = pyatspi.Registry
    reg.generateMouseEvent(x, y, 'abs')
    time.sleep(0.3)
    reg.generateMouseEvent(x, y, 'b1p')
    for step in range(1, 7):
        time.sleep(0.05)
        reg.generateMouseEvent(x, y + dy * step // 6, 'abs')
    time.sleep(0.2)
    reg.generateMouseEvent(x, y + dy, 'b1r')


def read_keyfile():
    k = configparser.ConfigParser(interpolation=None)
    k.read(KEYFILE)
    return k[SCHEMA_GROUP] if k.has_section(SCHEMA_GROUP) else {}


# ---- the server, the site, the local files ----

tree = dict(ftpservers.TREE)
for i in range(12):
    tree['batch/f%02d.txt' % i] = ('small file %d\n' % i).encode()
tree['big.bin'] = bytes((i * 13 + 1) & 0xff for i in range(4 * 1024 * 1024))
tree[DEEP.lstrip('/') + '/leaf.txt'] = b'Five folders down.\n'
try:
    certs = ftpservers.shared_certs()
    server = ftpservers.Vsftpd(mode='explicit', cert=certs.selfsigned, files=tree,
                               max_rate=RATE)
except ftpservers.NotAvailable as e:
    print('SKIP:', e)
    sys.exit(77)

atspi_helpers.add_site(CLI, SITE, 'ftp://alice@127.0.0.1:%d' % server.port, 'secret')
for name, text in (('upload-me.txt', 'Uploaded from the menu.\n'),
                   ('notes.txt', 'Uploaded with Ctrl+U.\n')):
    with open(os.path.join(HOME, name), 'w') as f:
        f.write(text)
os.makedirs(os.path.dirname(KEYFILE), exist_ok=True)
with open(KEYFILE, 'w') as f:
    f.write('[%s]\nwindow-width=%d\nwindow-height=%d\nwindow-maximized=false\n'
            'show-transfers=true\n' % (SCHEMA_GROUP, WIDTH, HEIGHT))
os.makedirs(SHOTDIR, exist_ok=True)

env = dict(os.environ, GSETTINGS_BACKEND='keyfile')
app = subprocess.Popen([EXE], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
try:
    root = wait_for(lambda: atspi_helpers.app_root(os.path.basename(EXE)),
                    'ferry on the accessibility bus')
    frame = wait_for(lambda: window_named(root, 'Ferry'), 'the main window')
    click(wait_for(lambda: find(frame, 'list item', SITE), 'the site in the empty state'))
    dialog = wait_for(lambda: window_named(root, 'Untrusted Certificate'), 'the certificate')
    do_action(button(dialog, 'Always Trust'))
    wait_for(lambda: 'hello.txt' in names(frame, REMOTE), 'the server files', timeout=30)

    # The address entry shows where the tab is connected, the mode as detected.
    entry = find(frame, 'text', 'Server Address')
    url = 'ftpes://alice@127.0.0.1:%d' % server.port
    wait_for(lambda: text_of(entry) == url, 'the address %s in the entry' % url)
    status = wait_for(lambda: label_with(frame, 'Connected to 127.0.0.1'), 'the status line')
    assert 'TLS 1.3' in status.name and 'TLS1.3' not in status.name, status.name
    log('entry:', text_of(entry), '| status:', status.name)
    screenshot('1-connected')

    # Drag the transfer panel taller: the height is remembered. Then back, for room.
    handle = find(frame, 'panel', 'Resize the Transfer Panel')
    assert handle is not None, 'no resize handle'
    before = extents(handle)[1]
    lift = min(120, HEIGHT // 6)
    drag_handle(handle, -lift)
    wait_for(lambda: extents(handle)[1] <= before - lift + 4, 'a taller panel')
    saved = wait_for(lambda: int(read_keyfile().get('transfers-height', 0)), 'the saved height')
    log('handle y %d -> %d; transfers-height=%d' % (before, extents(handle)[1], saved))
    assert saved >= 170 + lift - 4, saved
    screenshot('2-taller-panel')
    drag_handle(handle, lift)
    wait_for(lambda: extents(handle)[1] >= before - 4, 'the panel as it was')
    wait_for(lambda: int(read_keyfile().get('transfers-height', 0)) <= 174, 'the height saved')

    # Download from the remote menu: the local pane lists it without a reload.
    assert 'hello.txt' not in names(frame, LOCAL)
    items = context_menu(frame, REMOTE, 'hello.txt')
    assert 'Download' in items and 'Upload' not in items, items
    screenshot('3-remote-menu')
    do_action(menu_item(frame, 'Download'))
    wait_for(lambda: same_file(os.path.join(HOME, 'hello.txt'),
                               os.path.join(server.root, 'hello.txt')), 'the download')
    wait_for(lambda: 'hello.txt' in names(frame, LOCAL), 'hello.txt in the local pane')
    log('downloaded from the menu; the local pane shows it')

    # Upload from the local menu: the remote pane lists it without a reload.
    assert 'upload-me.txt' not in names(frame, REMOTE)
    items = context_menu(frame, LOCAL, 'upload-me.txt')
    assert 'Upload' in items and 'Download' not in items, items
    do_action(menu_item(frame, 'Upload'))
    wait_for(lambda: same_file(os.path.join(HOME, 'upload-me.txt'),
                               os.path.join(server.root, 'upload-me.txt')), 'the upload')
    wait_for(lambda: 'upload-me.txt' in names(frame, REMOTE), 'upload-me.txt in the remote pane')
    log('uploaded from the menu; the remote pane shows it')

    # The shortcuts: Ctrl+D downloads the remote selection, Ctrl+U uploads the local one.
    click(row_label(frame, REMOTE, 'name with spaces.txt'))
    time.sleep(0.3)
    key('ctrl+d')
    wait_for(lambda: 'name with spaces.txt' in names(frame, LOCAL), 'the Ctrl+D download')
    click(row_label(frame, LOCAL, 'notes.txt'))
    time.sleep(0.3)
    key('ctrl+u')
    wait_for(lambda: 'notes.txt' in names(frame, REMOTE), 'the Ctrl+U upload')
    assert same_file(os.path.join(HOME, 'notes.txt'), os.path.join(server.root, 'notes.txt'))
    log('Ctrl+D and Ctrl+U transfer the selection')

    # The rows: which way, and where to.
    wait_for(lambda: len([t for t in transfer_labels(frame) if t == 'Done']) == 4,
             'four finished transfers')
    labels = transfer_labels(frame)
    assert any(re.search(r' — to 127\.0\.0\.1:/$', t) for t in labels), labels
    assert any(t.endswith(' — to ~') for t in labels), labels
    icons = {n.name: n.description for n in find_all(transfers(frame), 'image', pred=showing)}
    assert icons.get('Upload', '').startswith('Upload: from this computer to the server'), icons
    assert icons.get('Download', '').startswith('Download: from the server to this computer'), \
        icons
    log('rows:', [t for t in labels if ' — to ' in t][:2])

    # A dozen more finished rows, then one that runs: it is the first row, in view.
    click(row_label(frame, REMOTE, 'batch'), double=True)
    wait_for(lambda: 'f11.txt' in names(frame, REMOTE), 'the folder batch')
    click(row_label(frame, REMOTE, 'f00.txt'))
    time.sleep(0.3)
    key('ctrl+a')
    time.sleep(0.3)
    key('ctrl+d')
    wait_for(lambda: all(os.path.isfile(os.path.join(HOME, 'f%02d.txt' % i)) for i in range(12)),
             'the twelve downloads', timeout=60)
    wait_for(lambda: 'f11.txt' in names(frame, LOCAL), 'the twelve files in the local pane')
    key('alt+Left')
    wait_for(lambda: 'big.bin' in names(frame, REMOTE), 'back in the login folder')
    click(row_label(frame, REMOTE, 'big.bin'))
    time.sleep(0.3)
    key('ctrl+d')
    listing = transfers(frame)
    wait_for(lambda: find(listing, 'label', 'big.bin', showing), 'the big.bin row')
    wait_for(lambda: find(listing, 'label', 'Downloading', showing), 'big.bin running')
    # The list scrolls to the top in an idle after the row arrives: wait for it (hang guard).
    # Rows are looked up again each time: a recycled row keeps a stale name in the tree.
    def running_in_view():
        try:
            first_in_view(listing, 'big.bin', 'Downloading')
            return True
        except AssertionError:
            return False
    wait_for(running_in_view, lambda: 'the running transfer first in view: %r'
             % (row_names_in_view(listing),))
    first_in_view(listing, 'big.bin', 'Downloading')
    screenshot('4-running-first')
    do_action(wait_for(lambda: find(listing, 'push button', 'Cancel Transfer', has_actions),
                       'the cancel button of big.bin'))
    wait_for(lambda: find(listing, 'label', 'Cancelled', showing), 'big.bin cancelled')
    first_in_view(listing, 'big.bin', 'Cancelled')
    assert not os.path.exists(os.path.join(HOME, 'big.bin')), 'a cancelled download is complete'
    log('the running transfer was first and in view; cancelled, it stays first')

    # A deep folder: the server's button stays at the start of the path bar.
    click(row_label(frame, REMOTE, 'hello.txt'))
    time.sleep(0.3)
    key('ctrl+shift+l')
    location = wait_for(lambda: find(frame, 'text', 'Location', lambda n: n.getState().contains(
        pyatspi.STATE_FOCUSED)), 'the location entry')
    set_text(location, DEEP)
    key('Return')
    wait_for(lambda: 'leaf.txt' in names(frame, REMOTE), 'the deep folder')
    time.sleep(0.5)
    host_button = wait_for(lambda: find(frame, 'push button', '127.0.0.1', showing),
                           "the path bar's button for the server")
    # The path bar: the nearest ancestor that also holds the current folder's button.
    bar = host_button.parent
    while bar is not None and find(bar, 'push button', 'attachments') is None:
        bar = bar.parent
    assert bar is not None, 'no path bar with the deep folder'
    inside(host_button, bar, 'the server button')
    # Scrolled out of view it would start left of the remote pane's list.
    assert extents(host_button)[0] >= extents(table(frame, REMOTE))[0] - 2, \
        (extents(host_button), extents(table(frame, REMOTE)))
    current = find(bar, 'push button', 'attachments')
    inside(current, bar, 'the current folder button')
    cx, cy, cw, ch = extents(current)
    tx, ty, tw, th = extents(table(frame, REMOTE))
    assert cx >= sum(extents(host_button)[0::2]) and cx + cw <= tx + tw, \
        'the current folder is not in view: %r' % (((cx, cw), (tx, tw)),)
    log('path bar keeps 127.0.0.1 and attachments in view')
    screenshot('5-deep-path')

    # The security popover: no tooltip over it, words for people, "TLS 1.3".
    indicator = find(frame, 'push button', 'Connection Security', has_actions)
    ix, iy, iw, ih = extents(indicator)
    subprocess.run(['xdotool', 'mousemove', str(ix + iw // 2), str(iy + ih // 2)], check=True)
    time.sleep(1.5)                      # the tooltip shows
    subprocess.run(['xdotool', 'click', '1'], check=True)
    wait_for(lambda: find(frame, 'label', 'Control Channel', showing), 'the security popover')
    time.sleep(1.5)                      # a tooltip would be back by now
    tips = [w for w in atspi_helpers.windows(root) if w.getRoleName() in ('tool tip', 'tooltip')]
    tips += find_all(frame, 'tool tip', pred=showing)
    assert not tips, 'a tooltip shows over the popover: %r' % [t.name for t in tips]
    texts = visible_labels(frame)
    assert 'File transfers are encrypted with the same trusted session as the commands.' \
        in texts, texts
    assert any(t.startswith('Commands and replies are encrypted (TLS 1.3') for t in texts), texts
    assert not any('resume' in t or 'TLS1.' in t for t in texts), texts
    screenshot('6-security')
    key('Escape')

    atspi_helpers.quit_over_dbus(app)
    log('all checks passed')
finally:
    atspi_helpers.stop_app(app, log)
    server.stop()
