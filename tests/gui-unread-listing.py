#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A listing with lines Ferry cannot read, in a real FerryFilePane (tests/file-pane-demo.c)
driven over AT-SPI on an 800x600 and a 1920x1080 screen: never a silently empty folder.

usage: gui-unread-listing.py DEMO SHOTDIR

A scripted plain-FTP server on loopback (tests/servers/ftpservers.py, 'listings') lists
"/" with two readable entries and two lines in no format, and "/unreadable" with 130 lines
none of which can be read. Checks: the banner over "/" counts the 2 unread entries and
offers Show Raw Listing; the dialog "Lines Ferry Could Not Read" shows them verbatim in a
text view, and Copy puts them on the clipboard (toast); "/unreadable" shows "Nothing Could
Be Read", not "Folder Is Empty", and its dialog says how many lines were not kept.
Screenshots: SHOTDIR/gui-unread-listing-WIDTHxHEIGHT-STEP.png, not blank. Fails on any
GLib warning of the demo. Needs Debian's /usr/bin/python3 (pyatspi), xdotool and
ImageMagick; exits 77 (skip) without them.
"""
import os
import shutil
import subprocess
import sys

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
SCREENS = ('800x600', '1920x1080')
ROOT_LISTING = [
    b'drwxr-xr-x   2 ftp      ftp          4096 Mar  1  2026 unreadable',
    b'-rw-r--r--   1 ftp      ftp          1234 Nov 30 09:41 readme.txt',
    b'this line is in no format at all',
    b'%% 17 :: ?? :: another line nobody reads',
]
N_UNREADABLE = 130           # more than FerryListing keeps (100)
UNREADABLE_LISTING = [b'record %03d of a listing in no format @@' % i
                      for i in range(N_UNREADABLE)]


def log(*args):
    print('gui-unread-listing:', *args, flush=True)


def crlf(lines):
    return b''.join(line + b'\r\n' for line in lines)


def outer(demo, shotdir):
    for tool in ('xdotool', '/usr/bin/import', '/usr/bin/convert'):
        if shutil.which(tool) is None:
            print('SKIP: %s not installed' % tool)
            return SKIP
    if subprocess.run(['/usr/bin/python3', '-c', 'import pyatspi'],
                      capture_output=True).returncode != 0:
        print('SKIP: python3-pyatspi not installed')
        return SKIP
    sys.path.insert(0, os.path.join(HERE, 'servers'))
    import ftpservers

    srv = ftpservers.ScriptedServer('listings', folders={
        '/': crlf(ROOT_LISTING), '/unreadable': crlf(UNREADABLE_LISTING)})
    local = os.path.join(os.environ.get('TMPDIR', '/tmp'), 'ferry-unread-local-%d' % os.getpid())
    os.makedirs(local, exist_ok=True)
    os.makedirs(shotdir, exist_ok=True)
    rc = 0
    try:
        for screen in SCREENS:
            env = dict(os.environ, GUI_SCREEN=screen + 'x24', FERRY_DEMO_PASSWORD='secret')
            args = [os.path.join(HERE, 'run-gui.sh'), '/usr/bin/python3', os.path.abspath(__file__),
                    '--inner', demo, shotdir, screen,
                    'ftp://alice@127.0.0.1:%d' % srv.port, local]
            r = subprocess.run(args, env=env, timeout=100)
            log('%s: exit %d' % (screen, r.returncode))
            if r.returncode != 0:
                rc = r.returncode
                break
    finally:
        srv.stop()
        shutil.rmtree(local, ignore_errors=True)
    return rc


def inner(demo_exe, shotdir, screen, url, local):
    import atspi_helpers as h
    from pane_demo import Demo, row_label, row_names

    width, height = (int(v) for v in screen.split('x'))

    def say(*args):
        log('[%s]' % screen, *args)

    def screenshot(step):
        h.screenshot(os.path.join(shotdir, 'gui-unread-listing-%s-%s.png' % (screen, step)),
                     width, height, say)

    def raw_listing_dialog(app):
        # AdwMessageDialog shows as a "filler" on GTK 4.8.
        for w in h.windows(app):
            if w.name != 'Ferry Pane Demo' and h.find(w, 'label', 'Lines Ferry Could Not Read'):
                return w

    def open_dialog(app, remote_pane):
        h.do_action(h.button(remote_pane, 'Show Raw Listing'))
        dialog = h.wait_for(lambda: raw_listing_dialog(app), 'the raw listing dialog')
        view = h.wait_for(lambda: h.find(dialog, 'text', 'Unread lines'), 'the lines')
        return dialog, h.text_of(view)

    demo = Demo([demo_exe, '--local', local, '--url', url, '--security', 'plain',
                 '--size', screen])
    try:
        app = h.wait_for(lambda: h.app_root(os.path.basename(demo_exe)),
                         'the demo on the accessibility bus')
        frame = h.wait_for(lambda: h.find(app, 'frame', 'Ferry Pane Demo'), 'the window')
        h.wait_for(lambda: demo.saw('REMOTE-READY') or demo.saw('CONNECT-FAILED'),
                   'the remote listing', timeout=30)
        assert demo.saw('CONNECTED'), 'no connection:\n' + '\n'.join(demo.lines)
        remote = h.wait_for(lambda: h.find(frame, 'tree table', 'Remote files'),
                            'the remote list')
        remote_pane = remote
        while remote_pane is not None and remote_pane.name != 'FerryFilePane':
            remote_pane = remote_pane.parent
        assert remote_pane is not None, 'no FerryFilePane above the remote list'

        # Two readable entries shown, two unread lines counted in the banner.
        h.wait_for(lambda: 'readme.txt' in row_names(remote), 'readme.txt in the remote list')
        assert row_names(remote) == ['unreadable', 'readme.txt'], row_names(remote)
        banner = h.wait_for(lambda: h.label_with(remote_pane, 'could not be read'), 'the banner')
        say('banner:', banner.name)
        assert banner.name == '2 entries could not be read and are not shown.', banner.name
        assert h.button(remote_pane, 'Show Raw Listing'), 'no Show Raw Listing button'
        screenshot('1-banner')

        # The dialog shows the lines as the server sent them; Copy copies them.
        dialog, text = open_dialog(app, remote_pane)
        assert text == '\n'.join(l.decode() for l in ROOT_LISTING[2:]), repr(text)
        assert not h.label_with(dialog, 'more line'), 'a "more lines" note for 2 lines'
        screenshot('2-dialog')
        h.do_action(h.button(dialog, 'Copy'))
        h.wait_for(lambda: demo.saw('TOAST Lines copied'), 'the "Lines copied" toast')
        h.wait_for(lambda: raw_listing_dialog(app) is None, 'the dialog to close')

        # A folder where nothing could be read is not an empty folder.
        h.click(row_label(remote, 'unreadable'), double=True)
        h.wait_for(lambda: demo.saw('PATH remote /unreadable'), 'PATH remote /unreadable')
        h.wait_for(lambda: h.find(remote_pane, 'label', 'Nothing Could Be Read'),
                   'the "Nothing Could Be Read" page')
        assert row_names(remote) == [], row_names(remote)
        banner = h.wait_for(lambda: h.label_with(remote_pane, 'could read none'), 'the banner')
        assert banner.name == ('The server listed %d lines, and Ferry could read none of them: '
                               'this folder may not be empty.' % N_UNREADABLE), banner.name
        screenshot('3-unreadable')
        dialog, text = open_dialog(app, remote_pane)
        kept = text.split('\n')
        assert len(kept) == 100 and kept[0] == UNREADABLE_LISTING[0].decode() and \
            kept[-1] == UNREADABLE_LISTING[99].decode(), (len(kept), kept[:2], kept[-1:])
        more = h.label_with(dialog, 'more line')
        assert more is not None and more.name == '… and 30 more lines, not kept.', \
            more.name if more else None
        screenshot('4-dialog-more')
        h.do_action(h.button(dialog, 'Close'))
        h.wait_for(lambda: raw_listing_dialog(app) is None, 'the dialog to close')

        demo.close(frame, say)
        say('all checks passed')
        return 0
    except BaseException:
        try:
            screenshot('failure')
        except Exception as e:
            say('no failure screenshot: %s' % e)
        demo.report(say)
        raise
    finally:
        demo.stop()


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--inner':
        sys.exit(inner(*sys.argv[2:7]))
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(outer(os.path.abspath(sys.argv[1]), sys.argv[2]))
