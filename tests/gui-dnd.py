#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drag and drop in the real Ferry window: real XDND under Xvfb between Ferry and another X
client (tests/dnd-peer.py, GTK 4), the pointer moved by xdotool (XTEST), against a real vsftpd
(explicit FTPS, self-signed) started here. Run inside tests/run-gui.sh, as root.

usage: gui-dnd.py FERRY FERRY_CLI SHOTDIR WIDTHxHEIGHT

1. 2 files and a folder (with a subfolder) dragged from the peer as text/uri-list onto the
   remote pane upload into the folder shown: the server's copies have the same SHA-256;
   a screenshot of the pane's drop highlight is taken while hovering.
2. a file dropped onto the remote folder row "sub" uploads into sub/ (screenshot of the row
   highlight); a URI that is no local file says why in the pane's message bar.
3. two rows selected in the remote pane (a folder and a file) dragged onto the local pane
   download into the local folder (checksums); a local row dragged onto the remote pane
   uploads.
4. three rows (two folders and a file) dragged out of Ferry onto the peer's drop target: the
   peer gets file URIs in $XDG_CACHE_HOME/ferry/drag/<unique>/ whose contents equal the
   server's, and the downloads showed in the transfer queue.
Also: a drag folder older than a day is deleted when Ferry starts, a fresh one is kept.
Exit 77 (skip) when the servers cannot run here.
"""
import functools
import hashlib
import os
import subprocess
import sys
import time

import atspi_helpers
from atspi_helpers import find, find_all, do_action, button, window_named, label_with

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'servers'))
import ftpservers  # noqa: E402

EXE, CLI, SHOTDIR, SCREEN = sys.argv[1:5]
WIDTH, HEIGHT = (int(v) for v in SCREEN.split('x'))
SCHEMA_GROUP = 'io/github/ferryapp/Ferry'
KEYFILE = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
HOME = os.environ['HOME']
SITE = 'DnD Box'
# Ferry's window on the left, the peer to its right: no window manager stacks them.
FERRY_W, FERRY_H = WIDTH - 340, HEIGHT - 40
PEER_X, PEER_Y = WIDTH - 320, 60

wait_for = functools.partial(atspi_helpers.wait_for, timeout=30.0)


def log(*args):
    print('gui-dnd[%s]:' % SCREEN, *args, flush=True)


def screenshot(step):
    atspi_helpers.screenshot(os.path.join(SHOTDIR, 'gui-dnd-%s-%s.png' % (SCREEN, step)),
                             WIDTH, HEIGHT, log)


def sha(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def same_tree(a, b):
    """Every file under a (a file or a folder) is in b with the same SHA-256."""
    if os.path.isfile(a):
        return os.path.isfile(b) and sha(a) == sha(b)
    for dirpath, _, filenames in os.walk(a):
        for name in filenames:
            src = os.path.join(dirpath, name)
            dst = os.path.join(b, os.path.relpath(src, a))
            if not (os.path.isfile(dst) and sha(src) == sha(dst)):
                return False
    return os.path.isdir(b)


def xdo(*args):
    return subprocess.run(['xdotool'] + [str(a) for a in args], check=True,
                          capture_output=True, text=True, timeout=20).stdout


def drag(start, end, shot=None, modifier=None):
    """Presses at start, moves past GTK's drag threshold, then in steps to end (XDND needs
    motion over the target), hovers, takes the screenshot if asked, releases."""
    (x0, y0), (x1, y1) = start, end
    xdo('mousemove', x0, y0)
    time.sleep(0.1)
    xdo('mousedown', 1)
    for i in range(1, 7):
        xdo('mousemove', x0 + 3 * i, y0 + 2 * i)
        time.sleep(0.04)
    steps = 12
    for i in range(1, steps + 1):
        xdo('mousemove', x0 + (x1 - x0) * i // steps, y0 + (y1 - y0) * i // steps)
        time.sleep(0.05)
    for dx in (2, -2, 1, 0):
        xdo('mousemove', x1 + dx, y1)
        time.sleep(0.1)
    time.sleep(0.3)
    if shot:
        screenshot(shot)
    xdo('mouseup', 1)


def centre(node, dy=0):
    x, y, w, h = atspi_helpers.extents(node)
    return x + min(w // 2, 120), y + h // 2 + dy


class Peer:
    """tests/dnd-peer.py, placed right of Ferry's window."""

    def __init__(self, name, uris):
        self.out = os.path.join(HOME, 'peer-%s.log' % name)
        self.proc = subprocess.Popen(['/usr/bin/python3', os.path.join(HERE, 'dnd-peer.py')]
                                     + uris, stdout=open(self.out, 'w'),
                                     stderr=subprocess.STDOUT)
        wait_for(lambda: 'PEER ready' in self.text(), 'the peer window')
        wid = xdo('search', '--sync', '--onlyvisible', '--name', '^dnd-peer$').split()[0]
        xdo('windowmove', wid, PEER_X, PEER_Y)
        time.sleep(0.3)
        geometry = dict(l.split('=') for l in
                        xdo('getwindowgeometry', '--shell', wid).split())
        assert int(geometry['X']) == PEER_X, geometry
        self.drag_point = (PEER_X + 150, PEER_Y + 75)
        self.drop_point = (PEER_X + 150, PEER_Y + 225)

    def text(self):
        with open(self.out) as f:
            return f.read()

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def remote_table(frame):
    return wait_for(lambda: find(frame, 'tree table', 'Files on ' + SITE), 'the remote list')


def row_label(table, name):
    return wait_for(lambda: find(table, 'label', name), '%r in the list' % name)


def names(table):
    return {n.name for n in find_all(table, 'label')}


def select_rows(table, first, n):
    """Clicks first, then Shift+Down n-1 times: n rows selected (the footer says so)."""
    x, y = centre(row_label(table, first))
    xdo('mousemove', x, y, 'click', 1)
    time.sleep(0.3)
    for _ in range(n - 1):
        xdo('key', 'shift+Down')
        time.sleep(0.1)
    try:
        wait_for(lambda: label_with(frame, '%d of ' % n), '%d rows selected' % n, timeout=10)
    except AssertionError:
        screenshot('failed-selection')
        raise


def empty_point(table):
    """A point in the list below its rows: the folder shown, not a row."""
    x, y, w, h = atspi_helpers.extents(table)
    return x + w // 2, y + h - 25


# ---- the server, the site, the local files ----

try:
    certs = ftpservers.shared_certs()
    server = ftpservers.Vsftpd(mode='explicit', cert=certs.selfsigned)
except ftpservers.NotAvailable as e:
    print('SKIP:', e)
    sys.exit(77)
atspi_helpers.add_site(CLI, SITE, 'ftp://alice@127.0.0.1:%d' % server.port, 'secret')

SRC = os.path.join(HOME, 'to-upload')
os.makedirs(os.path.join(SRC, 'folder one', 'inner'))
files = {
    'first.txt': b'The first dropped file.\n',
    'second.bin': bytes((i * 31 + 7) & 0xff for i in range(300000)),
    'folder one/in-folder.txt': b'In the dropped folder.\n',
    'folder one/inner/deep.bin': os.urandom(70000),
    'row-target.txt': b'Dropped onto a folder row.\n',
}
for rel, data in files.items():
    with open(os.path.join(SRC, rel), 'wb') as f:
        f.write(data)


def uri(rel):
    return 'file://' + subprocess.run(
        ['/usr/bin/python3', '-c', 'import sys, urllib.parse; '
         'print(urllib.parse.quote(sys.argv[1]))', os.path.join(SRC, rel)],
        capture_output=True, text=True, check=True).stdout.strip()


# The local pane opens in the download folder: a folder of its own, empty.
DOWNLOADS = os.path.join(HOME, 'Downloads here')
os.makedirs(DOWNLOADS)
os.makedirs(os.path.dirname(KEYFILE), exist_ok=True)
with open(KEYFILE, 'w') as f:
    f.write('[%s]\nwindow-width=%d\nwindow-height=%d\nwindow-maximized=false\n'
            'download-folder=%r\n' % (SCHEMA_GROUP, FERRY_W, FERRY_H, DOWNLOADS))
os.makedirs(SHOTDIR, exist_ok=True)

# Drag folders left from earlier runs: the one older than a day goes when Ferry starts.
CACHE = os.path.join(os.environ['XDG_CACHE_HOME'], 'ferry', 'drag')
STALE, FRESH = os.path.join(CACHE, 'stale1'), os.path.join(CACHE, 'fresh1')
for d in (STALE, FRESH):
    os.makedirs(os.path.join(d, 'inner'))
    with open(os.path.join(d, 'inner', 'left.txt'), 'w') as f:
        f.write('left over\n')
two_days_ago = time.time() - 2 * 24 * 3600
os.utime(STALE, (two_days_ago, two_days_ago))

env = dict(os.environ, GSETTINGS_BACKEND='keyfile', G_MESSAGES_DEBUG='ferry-remote-drag')
app = subprocess.Popen([EXE], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
peer = None
try:
    root = wait_for(lambda: atspi_helpers.app_root(os.path.basename(EXE)),
                    'ferry on the accessibility bus')
    frame = wait_for(lambda: window_named(root, 'Ferry'), 'the main window')
    atspi_helpers.click(wait_for(lambda: find(frame, 'list item', SITE), 'the site'))
    dialog = wait_for(lambda: window_named(root, 'Untrusted Certificate'),
                      'the certificate dialog')
    do_action(button(dialog, 'Always Trust'))
    wait_for(lambda: 'hello.txt' in names(remote_table(frame)), 'the server files')
    log('connected')
    wait_for(lambda: not os.path.exists(STALE), 'the stale drag folder deleted')
    assert os.path.isfile(os.path.join(FRESH, 'inner', 'left.txt')), 'a fresh drag folder went'
    log('the drag folder older than a day was deleted, the fresh one kept')

    # 1. Two files and a folder from the other client onto the remote pane.
    peer = Peer('upload', [uri('first.txt'), uri('second.bin'), uri('folder one')])
    drag(peer.drag_point, empty_point(remote_table(frame)), shot='1-pane-highlight')
    for rel in ('first.txt', 'second.bin', 'folder one'):
        wait_for(lambda: same_tree(os.path.join(SRC, rel), os.path.join(server.root, rel)),
                 '%r on the server with the same checksum' % rel)
    assert os.path.isfile(os.path.join(server.root, 'folder one', 'inner', 'deep.bin'))
    wait_for(lambda: 'folder one' in names(remote_table(frame)), 'the folder in the list')
    log('1: two files and a folder dropped from another client uploaded (checksums equal)')
    peer.stop()

    # 2. Onto the folder row "sub": into sub/.
    peer = Peer('row', [uri('row-target.txt')])
    drag(peer.drag_point, centre(row_label(remote_table(frame), 'sub')),
         shot='2-row-highlight')
    target = os.path.join(server.root, 'sub', 'row-target.txt')
    wait_for(lambda: same_tree(os.path.join(SRC, 'row-target.txt'), target),
             'the file dropped on the row in sub/')
    assert not os.path.exists(os.path.join(server.root, 'row-target.txt'))
    log('2: dropped on the folder row: uploaded into sub/')
    peer.stop()

    # A URI that is no file on this computer: the pane says why.
    peer = Peer('remote-uri', ['https://example.invalid/not-local.txt'])
    drag(peer.drag_point, empty_point(remote_table(frame)))
    wait_for(lambda: label_with(frame, 'is not a file on this computer'),
             'the message bar about the non-local URI')
    screenshot('2b-not-local')
    log('2: a non-local URI is refused in the message bar')
    peer.stop()

    # 3. Two selected remote rows (a file and a folder) onto the local pane: downloads.
    select_rows(remote_table(frame), 'sub', 2)
    # The local folder is empty: its "Folder Is Empty" page takes the drop too.
    empty_page = wait_for(lambda: find(frame, 'label', 'Folder Is Empty', atspi_helpers.showing),
                          'the empty local folder')
    drag(centre(row_label(remote_table(frame), 'sub')), centre(empty_page),
         shot='3-to-local')
    for rel in ('data.bin', 'sub'):
        wait_for(lambda: same_tree(os.path.join(server.root, rel), os.path.join(DOWNLOADS, rel)),
                 '%r downloaded with the same checksum' % rel)
    assert os.path.isfile(os.path.join(DOWNLOADS, 'sub', 'deeper', 'leaf.txt'))
    log('3: two remote rows dragged onto the local pane downloaded (checksums equal)')

    # And back: a local row dragged onto the remote pane uploads (in-process GdkFileList).
    back = os.path.join(DOWNLOADS, 'from-local.txt')
    with open(back, 'wb') as f:
        f.write(b'Dragged from the local pane.\n')
    local = wait_for(lambda: find(frame, 'tree table', 'Files on this computer'), 'local list')
    drag(centre(row_label(local, 'from-local.txt')), empty_point(remote_table(frame)))
    wait_for(lambda: same_tree(back, os.path.join(server.root, 'from-local.txt')),
             'the local row uploaded by a drag')
    log('3: a local row dragged onto the remote pane uploaded')

    # 4. Out of Ferry onto the other client: file URIs of downloaded copies.
    # (Selected first: a new peer window takes the keyboard focus, and without a window
    # manager a click does not give it back.)
    select_rows(remote_table(frame), 'folder one', 3)
    peer = Peer('out', [])
    drag(centre(row_label(remote_table(frame), 'data.bin')), peer.drop_point)
    wait_for(lambda: 'PEER drop-done' in peer.text(), 'the drop on the other client',
             timeout=60)
    got = [l.split(' ', 2)[2] for l in peer.text().splitlines() if l.startswith('PEER drop ')]
    offered = [l for l in peer.text().splitlines() if l.startswith('PEER offered')]
    log('4: Ferry offered', offered[-1] if offered else None)
    assert offered and 'text/uri-list' in offered[-1], offered
    log('4: the other client got', got)
    cache = CACHE
    paths = {}
    for u in got:
        assert u.startswith('file://'), u
        path = subprocess.run(['/usr/bin/python3', '-c', 'import sys, urllib.parse; '
                               'print(urllib.parse.unquote(sys.argv[1][7:]))', u],
                              capture_output=True, text=True, check=True).stdout.strip()
        assert os.path.dirname(os.path.dirname(path)) == cache, path
        paths[os.path.basename(path)] = path
    assert set(paths) == {'folder one', 'sub', 'data.bin'}, paths
    for name, path in paths.items():
        assert same_tree(os.path.join(server.root, name), path), name
        assert same_tree(path, os.path.join(server.root, name)), name
    transfers = wait_for(lambda: find(frame, 'list', 'Transfers'), 'the transfer list')
    queued = {n.name for n in find_all(transfers, 'label')}
    assert {'folder one', 'sub', 'data.bin'} <= queued, queued
    screenshot('4-dragged-out')
    log('4: dragged out of Ferry: file URIs with the server\'s contents, shown in the queue')

    peer.stop()
    peer = None
    atspi_helpers.quit_over_dbus(app)
    log('all checks passed')
finally:
    if peer is not None:
        peer.stop()
    atspi_helpers.stop_app(app, log)
    server.stop()
