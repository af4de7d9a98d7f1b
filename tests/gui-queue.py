#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The transfer queue in the real window: a real vsftpd (explicit FTPS, self-signed, its rate
capped so big downloads can be watched, paused and moved), one transfer at a time (the
parallel-transfers preference), the window driven over AT-SPI. Run inside tests/run-gui.sh,
as root.

usage: gui-queue.py FERRY FERRY_CLI SHOTDIR WIDTHxHEIGHT

- small.txt downloads (Done); its menu opens it in the default application (a test one for
  text/plain) and shows it in its folder (ShowItems to the stand-in file manager); the
  folder sub downloads too ("1 of 1 file"); doomed.txt, deleted on the server after it was listed, fails
  and says why (Failed, with Retry and no Pause); the batch ends while the window is focused:
  no notification.
- big1, big2, big3 queue up: big1 runs (Pause and Cancel), the others wait (Queued). big3's
  menu moves it to the top: it is listed before big2, and when big1 is paused (Paused, with
  Resume) big3 is the one that runs. Screenshot: active, paused, queued, failed and done rows.
- The filters show their counts and only their rows: Active, Failed, Done, All.
- The panel collapsed: the action bar shows the queue's progress and rate.
- Resume big1; Delete on the selected big2 row cancels it; Stop All cancels the rest.
- Unfocused (another X client under the pointer): Retry of the still missing doomed.txt
  fails again and a notification says so; restored on the server, Retry downloads it and a
  notification says "1 file downloaded from 127.0.0.1". Clicking it (the notification server
  emits ActionInvoked) brings the collapsed panel back.
- Clear Finished takes the done and cancelled rows away, the failed one stays; after it
  was retried, nothing is left.
The notifications go to tests/notification_daemon.py, which owns org.freedesktop.Notifications
on the test's session bus. Screenshots: SHOTDIR/gui-queue-WIDTHxHEIGHT-STEP.png.
"""
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import time

import pyatspi

import atspi_helpers
from atspi_helpers import (find, find_all, has_actions, do_action, extents, showing,
                           button, window_named, key)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'servers'))
import ftpservers  # noqa: E402

EXE, CLI, SHOTDIR, SCREEN = sys.argv[1:5]
WIDTH, HEIGHT = (int(v) for v in SCREEN.split('x'))
SCHEMA_GROUP = 'io/github/ferryapp/Ferry'
KEYFILE = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
HOME = os.environ['HOME']
SITE = 'Box'
REMOTE = 'Files on ' + SITE
RATE = 256 * 1024                  # bytes/s: a big file takes minutes; they get cancelled
BIG = 24 * 1024 * 1024
NOTIFY_LOG = os.path.join(HOME, 'notifications.jsonl')

wait_for = functools.partial(atspi_helpers.wait_for, timeout=30.0)


def log(*args):
    print('gui-queue[%s]:' % SCREEN, *args, flush=True)


def screenshot(step):
    atspi_helpers.screenshot(os.path.join(SHOTDIR, 'gui-queue-%s-%s.png' % (SCREEN, step)),
                             WIDTH, HEIGHT, log)


def names(frame):
    table = wait_for(lambda: find(frame, 'tree table', REMOTE), 'the remote list')
    return {n.name for n in find_all(table, 'label')}


def row_label(frame, name):
    table = wait_for(lambda: find(frame, 'tree table', REMOTE), 'the remote list')
    return wait_for(lambda: find(table, 'label', name), '%r in the remote list' % name)


def download(frame, name):
    """Downloads a remote file with its context menu. A right-click right after another menu
    closed can be taken for the click that closes it: up to three tries."""
    for attempt in range(3):
        x, y, w, h = extents(row_label(frame, name))
        pyatspi.Registry.generateMouseEvent(x + w // 2, y + h // 2, 'b3c')
        try:
            item = atspi_helpers.wait_for(lambda: find(frame, 'menu item', 'Download', showing),
                                          'the Download item for %s' % name, timeout=5)
            break
        except AssertionError:
            if attempt == 2:
                screenshot('failed-menu')
                raise
            key('Escape')
    do_action(item)
    wait_for(lambda: find(frame, 'menu item', 'Download', showing) is None, 'the menu to close')


def transfers(frame):
    return wait_for(lambda: find(frame, 'list', 'Transfers'), 'the transfer list')


STATES = ('Queued', 'Downloading', 'Paused', 'Done', 'Failed', 'Cancelled')


def rows(frame):
    """The transfer rows on screen, top to bottom: {name: (state, detail, buttons)}. Rows the
    list keeps for reuse are hidden or have no size."""
    listing = transfers(frame)
    found = []
    for item in find_all(listing, 'list item', pred=showing):
        x, y, w, h = extents(item)
        if w <= 0 or h <= 0:
            continue
        labels = [n.name for n in find_all(item, 'label', pred=showing)]
        state = next((l for l in labels if l in STATES), None)
        name = labels[0] if labels else None      # the name comes first
        detail = next((l for l in labels if l not in (name, state)
                       and not re.search(r'(left|^—)$', l)), '')
        buttons = sorted(n.name for n in find_all(item, 'push button', pred=showing)
                         if n.name)
        found.append((y, name, state, detail, buttons, item))
    found.sort(key=lambda r: r[0])
    return found


def row_map(frame):
    return {r[1]: r for r in rows(frame)}


def state_of(frame, name):
    r = row_map(frame).get(name)
    return r[2] if r else None


def wait_state(frame, name, states):
    if isinstance(states, str):
        states = (states,)
    return wait_for(lambda: state_of(frame, name) in states,
                    lambda: '%s to be %s (now %r)' % (name, '/'.join(states),
                                                      state_of(frame, name)))


def row_button(frame, name, label):
    def get():
        r = row_map(frame).get(name)
        return r and find(r[5], 'push button', label, lambda n: showing(n) and has_actions(n))
    return wait_for(get, 'the %r button of %s' % (label, name))


def order(frame):
    return [r[1] for r in rows(frame)]


def toggle(frame, prefix):
    """A filter toggle by its label's start ("Failed" finds "Failed (1)")."""
    # GTK 4.8 gives toggle buttons the push button role, and a pressed state.
    return wait_for(lambda: find(frame, 'push button',
                                 pred=lambda n: showing(n) and n.name.startswith(prefix + ' (')),
                    'the %s filter' % prefix)


def count_of(node):
    return int(re.search(r'\((\d+)\)$', node.name).group(1))


def bus_log():
    if not os.path.exists(NOTIFY_LOG):
        return []
    with open(NOTIFY_LOG) as f:
        return [json.loads(line) for line in f if line.strip()]


def notifications():
    return [e for e in bus_log() if 'summary' in e]


def menu_action(frame, name, item):
    do_action(row_button(frame, name, 'More Actions'))
    do_action(wait_for(lambda: find(frame, 'menu item', item, showing), 'menu item ' + item))


def checked(node):
    s = node.getState()
    return s.contains(pyatspi.STATE_CHECKED) or s.contains(pyatspi.STATE_PRESSED)


def focus_window(name):
    """Gives the X input focus to the window called name. There is no window manager under
    Xvfb: a click moves no focus, and GTK counts a window active only with the focus."""
    found = subprocess.run(['xdotool', 'search', '--name', '^%s$' % re.escape(name)],
                           capture_output=True, text=True, timeout=20).stdout.split()
    assert found, 'no X window named %r' % name
    for wid in found:
        subprocess.run(['xdotool', 'windowfocus', wid], capture_output=True, timeout=20)


def window_active(frame):
    return frame.getState().contains(pyatspi.STATE_ACTIVE)


# ---- the server, the site ----

if shutil.which('xmessage') is None:
    print('SKIP: xmessage (x11-utils) not installed: no other X client to take the focus')
    sys.exit(77)

tree = {'sub/nested.txt': b'In a folder.\n'}
tree['small.txt'] = b'A small file: done in no time.\n'
tree['doomed.txt'] = b'Deleted on the server before it is downloaded.\n'
for i in (1, 2, 3):
    tree['big%d.bin' % i] = bytes([i]) * BIG
try:
    certs = ftpservers.shared_certs()
    server = ftpservers.Vsftpd(mode='explicit', cert=certs.selfsigned, files=tree,
                               max_rate=RATE)
except ftpservers.NotAvailable as e:
    print('SKIP:', e)
    sys.exit(77)

atspi_helpers.add_site(CLI, SITE, 'ftp://alice@127.0.0.1:%d' % server.port, 'secret')
os.makedirs(os.path.dirname(KEYFILE), exist_ok=True)
with open(KEYFILE, 'w') as f:
    f.write('[%s]\nwindow-width=%d\nwindow-height=%d\nwindow-maximized=false\n'
            'show-transfers=true\nparallel-transfers=1\ntransfers-height=%d\n'
            % (SCHEMA_GROUP, WIDTH, HEIGHT, 330 if HEIGHT >= 800 else 250))
os.makedirs(SHOTDIR, exist_ok=True)
# The default application for text files: writes the path it was given to OPENED.
OPENED = os.path.join(HOME, 'opened-with.txt')
apps = os.path.join(os.environ['XDG_DATA_HOME'], 'applications')
os.makedirs(apps, exist_ok=True)
with open(os.path.join(apps, 'ferry-test-viewer.desktop'), 'w') as f:
    f.write('[Desktop Entry]\nType=Application\nName=Test Viewer\nMimeType=text/plain;\n'
            'Exec=/bin/sh -c \'echo "$1" > %s\' sh %%f\n' % OPENED)
with open(os.path.join(os.environ['XDG_CONFIG_HOME'], 'mimeapps.list'), 'w') as f:
    f.write('[Default Applications]\ntext/plain=ferry-test-viewer.desktop\n')

daemon = subprocess.Popen(['/usr/bin/python3', os.path.join(HERE, 'notification_daemon.py'),
                           NOTIFY_LOG], stdout=subprocess.PIPE, text=True)
assert daemon.stdout.readline().strip() == 'ready', 'the notification server did not start'

env = dict(os.environ, GSETTINGS_BACKEND='keyfile', G_MESSAGES_DEBUG='ferry-transfer-notifier')
app = subprocess.Popen([EXE], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
other = None
try:
    root = wait_for(lambda: atspi_helpers.app_root(os.path.basename(EXE)),
                    'ferry on the accessibility bus')
    frame = wait_for(lambda: window_named(root, 'Ferry'), 'the main window')
    atspi_helpers.click(wait_for(lambda: find(frame, 'list item', SITE), 'the saved site'))
    dialog = wait_for(lambda: window_named(root, 'Untrusted Certificate'), 'the certificate')
    do_action(button(dialog, 'Always Trust'))
    wait_for(lambda: 'doomed.txt' in names(frame), 'the server files')
    focus_window('Ferry')
    wait_for(lambda: window_active(frame), 'the window to be active')

    # A small download is done, and a folder (it counts its files); a file gone from the
    # server fails and says why.
    download(frame, 'small.txt')
    wait_state(frame, 'small.txt', 'Done')
    # Open: the default application for text/plain (a test one, that notes what it got).
    small = os.path.join(HOME, 'small.txt')
    menu_action(frame, 'small.txt', 'Open')
    wait_for(lambda: os.path.exists(OPENED) and open(OPENED).read().strip() == small,
             'small.txt opened in its application')
    # Show in Folder: the file manager is asked to select it.
    menu_action(frame, 'small.txt', 'Show in Folder')
    wait_for(lambda: {'show-items': ['file://' + small]} in bus_log(), 'ShowItems for small.txt')
    log('opened small.txt and showed it in its folder')
    download(frame, 'sub')
    wait_state(frame, 'sub', 'Done')
    assert row_map(frame)['sub'][3].startswith('1 of 1 file · '), row_map(frame)['sub']
    with open(os.path.join(HOME, 'sub', 'nested.txt'), 'rb') as f:
        assert f.read() == tree['sub/nested.txt']
    os.unlink(os.path.join(server.root, 'doomed.txt'))
    download(frame, 'doomed.txt')
    wait_state(frame, 'doomed.txt', 'Failed')
    r = row_map(frame)
    assert r['doomed.txt'][4] == ['Retry Transfer'], r['doomed.txt'][4]
    assert '550' in r['doomed.txt'][3], 'no reason: %r' % (r['doomed.txt'],)
    assert 'Cancel Transfer' not in r['small.txt'][4], r['small.txt'][4]
    assert not os.path.exists(os.path.join(HOME, 'doomed.txt'))
    log('done and failed rows:', [(x[1], x[2], x[3][:60], x[4]) for x in rows(frame)])
    time.sleep(2)                    # the batch ended while the window was focused
    assert notifications() == [], 'notified while focused: %r' % notifications()

    # Three big ones, one at a time: big1 runs, big2 and big3 wait.
    for name in ('big1.bin', 'big2.bin', 'big3.bin'):
        download(frame, name)
    wait_state(frame, 'big1.bin', 'Downloading')
    wait_state(frame, 'big2.bin', 'Queued')
    wait_state(frame, 'big3.bin', 'Queued')
    assert row_button(frame, 'big1.bin', 'Pause Transfer')
    assert row_button(frame, 'big1.bin', 'Cancel Transfer')
    # The running one shows its time left once a rate is known.
    wait_for(lambda: any(re.search(r'(second|minute|hour)s? left$', n.name) for n in
                         find_all(transfers(frame), 'label', pred=showing)), 'a time left')

    # Move big3 to the top of the queue: listed before big2, and it runs next.
    menu_action(frame, 'big3.bin', 'Move to Top')
    wait_for(lambda: order(frame).index('big3.bin') < order(frame).index('big2.bin'),
             lambda: 'big3 before big2: %r' % order(frame))
    do_action(row_button(frame, 'big1.bin', 'Pause Transfer'))
    wait_state(frame, 'big1.bin', 'Paused')
    wait_state(frame, 'big3.bin', 'Downloading')
    assert state_of(frame, 'big2.bin') == 'Queued', state_of(frame, 'big2.bin')
    assert row_button(frame, 'big1.bin', 'Resume Transfer')
    assert os.path.exists(os.path.join(HOME, 'big1.bin.part')), 'the paused .part is gone'
    log('queue:', [(x[1], x[2], x[4]) for x in rows(frame)])
    screenshot('1-active-paused-failed-done')

    # The filters: counts and rows.
    assert count_of(toggle(frame, 'All')) == 6, toggle(frame, 'All').name
    assert count_of(toggle(frame, 'Active')) == 3, toggle(frame, 'Active').name
    assert count_of(toggle(frame, 'Failed')) == 1, toggle(frame, 'Failed').name
    assert count_of(toggle(frame, 'Done')) == 2, toggle(frame, 'Done').name
    do_action(toggle(frame, 'Failed'))
    wait_for(lambda: order(frame) == ['doomed.txt'],
             lambda: 'only the failed row: %r' % order(frame))
    screenshot('2-filter-failed')
    do_action(toggle(frame, 'Done'))
    wait_for(lambda: sorted(order(frame)) == ['small.txt', 'sub'],
             lambda: 'only the done rows: %r' % order(frame))
    do_action(toggle(frame, 'Active'))
    wait_for(lambda: sorted(order(frame)) == ['big1.bin', 'big2.bin', 'big3.bin'],
             lambda: 'the three active rows: %r' % order(frame))
    do_action(toggle(frame, 'All'))
    # A short list shows only the first rows (the others are not made until scrolled to).
    wait_for(lambda: order(frame)[:2] == ['big3.bin', 'big1.bin'],
             lambda: 'all rows: %r' % order(frame))
    log('filters: Failed, Done, Active, All')

    # Collapsed, the action bar shows the queue's progress and rate.
    panel_toggle = find(frame, 'push button', 'Transfers', showing)
    assert panel_toggle is not None and checked(panel_toggle), 'no Transfers toggle'
    do_action(panel_toggle)
    indicator = wait_for(lambda: find(frame, 'label', pred=lambda n: showing(n) and
                                      re.fullmatch(r'\d+% · .+/s', n.name)),
                         'the compact indicator')
    log('indicator:', indicator.name)
    screenshot('3-collapsed-indicator')
    do_action(panel_toggle)
    wait_for(lambda: checked(panel_toggle) and transfers(frame) and 'big1.bin' in order(frame),
             'the panel back')

    # Resume big1 (it waits for its turn, or runs); Delete cancels the selected row.
    do_action(row_button(frame, 'big1.bin', 'Resume Transfer'))
    wait_state(frame, 'big1.bin', ('Queued', 'Downloading'))
    atspi_helpers.click(row_map(frame)['big2.bin'][5])
    time.sleep(0.3)
    key('Delete')
    wait_state(frame, 'big2.bin', 'Cancelled')
    assert row_button(frame, 'big2.bin', 'Retry Transfer')
    do_action(wait_for(lambda: button(frame, 'Stop All'), 'Stop All'))
    wait_state(frame, 'big1.bin', 'Cancelled')
    wait_state(frame, 'big3.bin', 'Cancelled')
    time.sleep(1)
    assert notifications() == [], 'notified about cancelled transfers: %r' % notifications()
    log('resumed, cancelled with Delete, stopped all')

    # Clear Finished takes the done and cancelled ones away; the failed one stays, to be retried.
    do_action(wait_for(lambda: button(frame, 'Clear Finished'), 'Clear Finished'))
    wait_for(lambda: order(frame) == ['doomed.txt'],
             lambda: 'only the failed row: %r' % order(frame))
    assert count_of(toggle(frame, 'All')) == 1, toggle(frame, 'All').name
    screenshot('4-cleared-failed-stays')

    # Another X client takes the focus from the window.
    other = subprocess.Popen(['xmessage', '-name', 'other-app', '-title', 'Other App',
                              '-geometry', '300x120+%d+%d' % (WIDTH // 3, 40),
                              'Another application'])
    wait_for(lambda: subprocess.run(['xdotool', 'search', '--name', '^Other App$'],
                                    capture_output=True).returncode == 0, 'the other window')
    focus_window('Other App')
    wait_for(lambda: not window_active(frame), 'the window to lose the focus')

    # Retry while the file is still missing: it fails again, and the notification says so.
    do_action(row_button(frame, 'doomed.txt', 'Retry Transfer'))
    wait_for(lambda: notifications(), 'a notification')
    first = notifications()[-1]
    log('notification:', first)
    assert first['body'] == 'The file could not be downloaded from 127.0.0.1', first
    assert first['summary'] == 'Transfers Failed', first
    assert 'default' in first['actions'], first
    assert state_of(frame, 'doomed.txt') == 'Failed'

    # Back on the server, Retry downloads it: "1 file downloaded from 127.0.0.1".
    with open(os.path.join(server.root, 'doomed.txt'), 'wb') as f:
        f.write(tree['doomed.txt'])
    os.chown(os.path.join(server.root, 'doomed.txt'), *ftpservers._user_ids())
    do_action(row_button(frame, 'doomed.txt', 'Retry Transfer'))
    wait_state(frame, 'doomed.txt', 'Done')
    wait_for(lambda: len(notifications()) >= 2, 'the second notification')
    second = notifications()[-1]
    log('notification:', second)
    assert second['body'] == '1 file downloaded from 127.0.0.1', second
    assert second['summary'] == 'Download Finished', second
    with open(os.path.join(HOME, 'doomed.txt'), 'rb') as f:
        assert f.read() == tree['doomed.txt']

    # Clicking the notification brings the collapsed panel back.
    do_action(panel_toggle)
    wait_for(lambda: not checked(panel_toggle), 'the panel collapsed')
    with open(NOTIFY_LOG + '.click', 'w') as f:
        f.write(str(second['id']))
    wait_for(lambda: checked(panel_toggle), 'the panel shown by the notification')
    log('the notification showed the queue')
    other.terminate()
    other.wait(timeout=10)
    other = None

    # Clear Finished again: nothing left.
    do_action(wait_for(lambda: button(frame, 'Clear Finished'), 'Clear Finished'))
    wait_for(lambda: order(frame) == [], lambda: 'an empty list: %r' % order(frame))
    wait_for(lambda: find(frame, 'label', pred=lambda n: showing(n) and
                          n.name.startswith('No transfers')), 'the empty state')
    log('cleared')

    atspi_helpers.quit_over_dbus(app)
    log('all checks passed')
finally:
    atspi_helpers.stop_app(app, log)
    if other is not None:
        other.kill()
    daemon.terminate()
    daemon.wait(timeout=10)
    server.stop()
