#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The queue survives a restart, in the real window: a download from a saved site (vsftpd,
throttled) is running when Ferry is killed with SIGKILL; queue.ini holds it (mode 0600, no
password) and its .part stays. Started again, the window says one transfer was not finished;
Open opens the site's tab, which connects, and the transfer is there, Paused, its .part kept.
(Resuming it byte-identically is net-queue-restart: the same store and runner path; the
Resume button is the queue view's.) The restored row shows the .part's bytes of the saved size.
Then a second download runs and Ferry is quit (app.quit): it asks once ("Transfers Are Not
Finished"); Cancel keeps it running, Quit ends it, and both transfers stay in queue.ini with their
.part files: the next start offers 2. Run inside tests/run-gui.sh through gui-servers.sh.

usage: gui-queue-restart.py FERRY FERRY_CLI SHOTDIR WIDTHxHEIGHT
"""
import os
import signal
import subprocess
import sys
import time

import functools

import atspi_helpers
import pyatspi
from atspi_helpers import find, find_all, do_action, click, button, window_named, showing

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'servers'))
import ftpservers  # noqa: E402

EXE, CLI, SHOTDIR, SCREEN = sys.argv[1:5]
WIDTH, HEIGHT = (int(v) for v in SCREEN.split('x'))
HOME = os.environ['HOME']
SCHEMA_GROUP = 'io/github/ferryapp/Ferry'
KEYFILE = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
QUEUE = os.path.join(os.environ['XDG_DATA_HOME'], 'ferry', 'queue.ini')
SITE = 'Queue Box'
REMOTE = 'Files on ' + SITE
BIG = bytes((i * 29 + 7) & 0xff for i in range(4 * 1024 * 1024))
PART = os.path.join(HOME, 'big.bin.part')
PART2 = os.path.join(HOME, 'big2.bin.part')
PART3 = os.path.join(HOME, 'big3.bin.part')
QUIT_HEADING = 'Transfers Are Not Finished'

wait_for = functools.partial(atspi_helpers.wait_for, timeout=30.0)


def log(*args):
    print('gui-queue-restart[%s]:' % SCREEN, *args, flush=True)


def screenshot(step):
    atspi_helpers.screenshot(os.path.join(SHOTDIR, 'gui-queue-restart-%s-%s.png'
                                          % (SCREEN, step)), WIDTH, HEIGHT, log)


def names(frame):
    t = wait_for(lambda: find(frame, 'tree table', REMOTE), 'the remote list')
    return {n.name for n in find_all(t, 'label')}


def transfer_labels(frame):
    listing = wait_for(lambda: find(frame, 'list', 'Transfers'), 'the transfer list')
    return [n.name for n in find_all(listing, 'label', pred=showing)]


def start_app():
    env = dict(os.environ, GSETTINGS_BACKEND='keyfile')
    app = subprocess.Popen([EXE], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
    root = wait_for(lambda: atspi_helpers.app_root(os.path.basename(EXE)),
                    'ferry on the accessibility bus')
    return app, root, wait_for(lambda: window_named(root, 'Ferry'), 'the main window')


def format_size(n):
    """g_format_size() for the sizes used here (a no-break space before the unit)."""
    if n < 1000:
        return '%d\xa0bytes' % n
    if n < 1000 * 1000:
        return '%.1f\xa0kB' % (n / 1000)
    return '%.1f\xa0MB' % (n / 1000 / 1000)


def activate_quit():
    """app.quit over D-Bus, as Ctrl+Q does it; it returns once the action ran."""
    subprocess.run(['gdbus', 'call', '--session', '--dest', 'io.github.ferryapp.Ferry',
                    '--object-path', '/io/github/ferryapp/Ferry',
                    '--method', 'org.gtk.Actions.Activate', 'quit', '[]', '{}'],
                   check=True, capture_output=True, timeout=20)


def quit_dialog(root):
    # AdwMessageDialog shows as a "filler" on GTK 4.8: find it by its heading. The newest
    # one that is still up (a closed one's node can linger a while).
    found = None
    for w in atspi_helpers.windows(root):
        if w.name != 'Ferry' and not gone(w) and find(w, 'label', QUIT_HEADING):
            found = w
    return found


def gone(dialog):
    """The dialog is closed: no longer among the windows, or its node is hidden or defunct
    (AT-SPI can keep a closed window's node a while)."""
    try:
        state = dialog.getState()
        return (state.contains(pyatspi.STATE_DEFUNCT) or
                not state.contains(pyatspi.STATE_VISIBLE))
    except Exception:
        return True


def mapped_windows(pid):
    """Ferry's X windows that are mapped: a second, independent view of whether a dialog is
    still up (the accessibility tree can lag behind under load)."""
    out = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(pid)],
                         capture_output=True, text=True, timeout=20).stdout
    return out.split()


def answer(app, dialog, label, done, what):
    """Presses the dialog's button and waits for done(). An action that comes while the
    dialog is still being mapped can be lost under load: pressed again, a bounded number of
    times, while the button is still there (a dialog that went away has none). The first
    press goes through the accessibility action, the later ones with the pointer, a path of
    its own. What each attempt saw is logged, so a failure says where it stuck."""
    for attempt in range(3):
        node = None
        try:
            node = button(dialog, label)
            if node is None:
                log('attempt %d: no %s button; buttons: %r' % (
                    attempt + 1, label,
                    [n.name for n in find_all(dialog, 'push button')]))
            elif attempt == 0:
                do_action(node)
            else:
                click(node)
        except Exception as e:  # the dialog went away meanwhile
            log('attempt %d: pressing %s: %r' % (attempt + 1, label, e))
        try:
            return wait_for(done, what, timeout=8.0)
        except AssertionError:
            log('pressing %s was lost (attempt %d); Ferry\'s mapped X windows: %r' % (
                label, attempt + 1, mapped_windows(app.pid) if app.poll() is None else 'none'))
            screenshot('lost-%s-%d' % (label.lower(), attempt + 1))
    raise AssertionError('timed out waiting for %s after pressing %s 3 times' % (what, label))


def size_of(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return -1


files = dict(ftpservers.TREE)
files['big.bin'] = BIG
files['big2.bin'] = BIG
files['big3.bin'] = BIG
try:
    certs = ftpservers.shared_certs()
    server = ftpservers.Vsftpd(mode='explicit', cert=certs.selfsigned, files=files,
                               max_rate=200 * 1024)
except ftpservers.NotAvailable as e:
    print('SKIP:', e)
    sys.exit(77)

atspi_helpers.add_site(CLI, SITE, 'ftp://alice@127.0.0.1:%d' % server.port, 'secret')
os.makedirs(os.path.dirname(KEYFILE), exist_ok=True)
with open(KEYFILE, 'w') as f:
    f.write('[%s]\nwindow-width=%d\nwindow-height=%d\nwindow-maximized=false\n'
            'show-transfers=true\n' % (SCHEMA_GROUP, WIDTH, HEIGHT))
os.makedirs(SHOTDIR, exist_ok=True)

app = None
try:
    # 1. Connect, trust the certificate, download big.bin (double click).
    app, root, frame = start_app()
    click(wait_for(lambda: find(frame, 'list item', SITE), 'the site in the empty state'))
    dialog = wait_for(lambda: window_named(root, 'Untrusted Certificate'), 'the certificate')
    do_action(button(dialog, 'Always Trust'))
    wait_for(lambda: 'big.bin' in names(frame), 'the server files')
    t = find(frame, 'tree table', REMOTE)
    click(wait_for(lambda: find(t, 'label', 'big.bin'), 'big.bin'), double=True)
    wait_for(lambda: size_of(PART) > 256 * 1024 and os.path.exists(QUEUE),
             'the download under way and queue.ini written')
    screenshot('1-running')
    with open(QUEUE) as f:
        text = f.read()
    assert 'remote=/big.bin' in text and 'direction=download' in text, text
    assert 'secret' not in text, 'a password in queue.ini'
    assert os.stat(QUEUE).st_mode & 0o777 == 0o600

    # 2. Killed: nothing runs any more, the .part and queue.ini stay.
    os.kill(app.pid, signal.SIGKILL)
    app.wait(timeout=20)
    app.stdout.close()
    app = None
    kept = size_of(PART)
    assert 0 < kept < len(BIG), kept
    assert os.path.exists(QUEUE)
    assert not os.path.exists(os.path.join(HOME, 'big.bin'))
    log('killed with %d bytes in big.bin.part' % kept)

    # 3. Started again: the window offers the unfinished transfer; Open brings it back in
    # the site's tab, paused.
    app, root, frame = start_app()
    try:
        wait_for(lambda: atspi_helpers.label_with(frame, '1 transfer was not finished'),
                 'the toast about the unfinished transfer')
    except AssertionError:
        screenshot('2-no-toast')
        log('labels:', atspi_helpers.visible_labels(frame))
        raise
    # libadwaita 1.2 names the toast's button after its label twice ("Open Open").
    toast_button = wait_for(lambda: find(frame, 'push button', None,
                                         lambda n: showing(n) and n.name.endswith('Open')),
                            'the Open button of the toast')
    screenshot('2-offered')
    do_action(toast_button)
    wait_for(lambda: 'big.bin' in names(frame), 'the site connected again')
    wait_for(lambda: 'Paused' in transfer_labels(frame), 'the restored transfer, paused')
    assert 'big.bin' in transfer_labels(frame), transfer_labels(frame)
    # It shows what its .part holds, out of the size saved in queue.ini.
    amount = '%s of %s' % (format_size(kept), format_size(len(BIG)))
    assert [l for l in transfer_labels(frame) if l.startswith(amount)], \
        (amount, transfer_labels(frame))
    screenshot('3-restored-paused')
    time.sleep(1.0)
    # Paused means paused: the .part did not grow, nothing was renamed into place.
    assert size_of(PART) == kept, (size_of(PART), kept)
    assert not os.path.exists(os.path.join(HOME, 'big.bin'))
    with open(QUEUE) as f:
        assert 'remote=/big.bin' in f.read(), 'the paused transfer is no longer saved'
    log('restored, paused, .part kept at %d bytes' % kept)

    # 4. A second download runs; quitting asks once. Cancel: it goes on.
    t = find(frame, 'tree table', REMOTE)
    click(wait_for(lambda: find(t, 'label', 'big2.bin'), 'big2.bin'), double=True)
    wait_for(lambda: size_of(PART2) > 128 * 1024, 'the second download under way')
    activate_quit()
    dialog = wait_for(lambda: quit_dialog(root), 'the quit question')
    assert atspi_helpers.label_with(dialog, 'they are kept'), 'the dialog does not say they are kept'
    screenshot('4-quit-dialog')
    log('with the quit question up, Ferry\'s mapped X windows: %r' % mapped_windows(app.pid))
    # Gone from the accessibility tree, or its X window unmapped (the tree can lag).
    answer(app, dialog, 'Cancel', lambda: quit_dialog(root) is None or gone(dialog) or
           len(mapped_windows(app.pid)) < 2, 'the quit question gone')
    grown = size_of(PART2)
    wait_for(lambda: size_of(PART2) > grown, 'the second download going on after Cancel')
    assert app.poll() is None, 'Ferry quit although Cancel was chosen'

    # Quit: Ferry ends; both transfers stay in queue.ini, with their .part files.
    activate_quit()
    dialog = wait_for(lambda: len(mapped_windows(app.pid)) >= 2 and quit_dialog(root),
                      'the quit question, again')
    answer(app, dialog, 'Quit', lambda: app.poll() is not None, 'Ferry to quit')
    rc = app.wait(timeout=20)
    out, _ = app.communicate(timeout=10)
    app = None
    assert rc == 0, 'ferry exited with %d' % rc
    assert 'WARNING **' not in out and 'CRITICAL **' not in out, out
    kept2 = size_of(PART2)
    assert 0 < kept2 < len(BIG), kept2
    assert size_of(PART) == kept, (size_of(PART), kept)
    with open(QUEUE) as f:
        text = f.read()
    assert 'remote=/big.bin' in text and 'remote=/big2.bin' in text, text
    assert 'secret' not in text, 'a password in queue.ini'
    log('quit with big2.bin.part at %d bytes; both saved' % kept2)

    # 5. The next start offers both; opened, they come back paused. A third download runs;
    # closing its tab (Ctrl+W) asks the same way, and Close Tab keeps it too.
    app, root, frame = start_app()
    wait_for(lambda: atspi_helpers.label_with(frame, '2 transfers were not finished'),
             'the toast about both transfers')
    do_action(wait_for(lambda: find(frame, 'push button', None,
                                    lambda n: showing(n) and n.name.endswith('Open')),
                       'the Open button of the toast'))
    wait_for(lambda: 'big3.bin' in names(frame), 'the site connected again')
    wait_for(lambda: transfer_labels(frame).count('Paused') == 2, 'both restored, paused')
    t = find(frame, 'tree table', REMOTE)
    click(wait_for(lambda: find(t, 'label', 'big3.bin'), 'big3.bin'), double=True)
    wait_for(lambda: size_of(PART3) > 128 * 1024, 'the third download under way')
    atspi_helpers.key('ctrl+w')
    dialog = wait_for(lambda: quit_dialog(root), 'the close-tab question')
    screenshot('5-close-tab-dialog')
    answer(app, dialog, 'Close Tab', lambda: find(frame, 'tree table', REMOTE) is None or
           not showing(find(frame, 'tree table', REMOTE)), 'the tab closed')

    def saved():
        with open(QUEUE) as f:
            text = f.read()
        return all('remote=/%s' % n in text for n in ('big.bin', 'big2.bin', 'big3.bin'))
    wait_for(saved, 'all three transfers in queue.ini')
    assert size_of(PART3) > 0 and size_of(PART2) == kept2 and size_of(PART) == kept
    log('tab closed with big3.bin.part at %d bytes; all three saved' % size_of(PART3))
    # Quits cleanly (no tab, nothing asked), without a GLib warning.
    atspi_helpers.quit_over_dbus(app)
    app = None
finally:
    if app is not None:
        atspi_helpers.stop_app(app, log)
    server.stop()
