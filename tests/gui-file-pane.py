#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two real FerryFilePanes (tests/file-pane-demo.c: local, and remote on a real vsftpd)
driven over AT-SPI, on an 800x600 and a 1920x1080 screen.

usage: gui-file-pane.py DEMO SHOTDIR

Starts vsftpd (tests/servers/ftpservers.py, explicit FTPS, TLS 1.3), then runs itself
with --inner once per screen inside its own tests/run-gui.sh (Xvfb, D-Bus, AT-SPI,
HOME). Each run: both panes list; the remote pane browses into a folder and back (and
the local pane too); creates, renames and deletes a remote folder through the toolbar,
F2 and Delete with the confirmation dialog, changes a file's permissions through the
context menu, each checked in the server's folder on disk. Screenshots go to
SHOTDIR/gui-file-pane-WIDTHxHEIGHT-STEP.png and must not be blank. Fails on any GLib
warning from the demo. Needs root (vsftpd), Debian's /usr/bin/python3 (pyatspi),
xdotool and ImageMagick; exits 77 (skip) without them.
"""
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = 'secret'
SCREENS = ('800x600', '1920x1080')


def log(*args):
    print('gui-file-pane:', *args, flush=True)


# ---------------------------------------------------------------- outer: server + screens

def outer(demo, shotdir):
    for tool in ('xdotool', '/usr/bin/import', '/usr/bin/convert'):
        if shutil.which(tool) is None:
            print('SKIP: %s not installed' % tool)
            return SKIP
    if subprocess.run(['/usr/bin/python3', '-c', 'import pyatspi'],
                      capture_output=True).returncode != 0:
        print('SKIP: python3-pyatspi not installed')
        return SKIP
    if os.geteuid() != 0:
        print('SKIP: the vsftpd fixture needs root')
        return SKIP
    sys.path.insert(0, os.path.join(HERE, 'servers'))
    import ftpservers

    tree = dict(ftpservers.TREE)
    tree.update({
        'Documents/report.pdf': b'%PDF-1.4\n' + b'x' * 48000,
        'Photos/harbour.jpg': b'\xff\xd8\xff' + b'p' * 230000,
        'music.mp3': b'ID3' + b'm' * 5100000,
        'archive.tar.gz': b'\x1f\x8b' + b'a' * 1300000,
        'notes.md': b'# Notes\n',
        '.profile': b'# hidden\n',
    })
    try:
        srv = ftpservers.Vsftpd(mode='explicit', tls='1.3', files=tree,
                                users={'alice': PASSWORD})
    except ftpservers.NotAvailable as e:
        print('SKIP: %s' % e)
        return SKIP

    os.makedirs(os.path.join(srv.root, 'Empty folder'))
    local = tempfile.mkdtemp(prefix='ferry-pane-local-')
    os.makedirs(os.path.join(local, 'Projects', 'ferry'))
    os.makedirs(os.path.join(local, 'Downloads'))
    for name, size in (('budget 2024.ods', 23000), ('holiday photo.png', 812000),
                       ('README.md', 2100), ('todo.txt', 310), ('.bashrc', 120)):
        with open(os.path.join(local, name), 'wb') as f:
            f.write(b'x' * size)

    os.makedirs(shotdir, exist_ok=True)
    rc = 0
    try:
        for screen in SCREENS:
            env = dict(os.environ, GUI_SCREEN=screen + 'x24', FERRY_DEMO_PASSWORD=PASSWORD)
            args = [os.path.join(HERE, 'run-gui.sh'), '/usr/bin/python3', os.path.abspath(__file__),
                    '--inner', demo, shotdir, screen, srv.url('alice', 'ftpes'), srv.cert.ca,
                    srv.root, local]
            r = subprocess.run(args, env=env, timeout=100)
            log('%s: exit %d' % (screen, r.returncode))
            if r.returncode != 0:
                rc = r.returncode
                break
    finally:
        srv.stop()
        shutil.rmtree(local, ignore_errors=True)
    return rc


# ---------------------------------------------------------------- inner: one screen, AT-SPI

def inner(demo_exe, shotdir, screen, url, ca, root, local):
    import pyatspi
    import atspi_helpers
    from pane_demo import Demo, row_label, row_names

    width, height = (int(v) for v in screen.split('x'))

    def say(*args):
        log('[%s]' % screen, *args)

    def wait_for(pred, what, timeout=20.0):
        end = time.time() + timeout
        while time.time() < end:
            try:
                r = pred()
            except Exception:        # a node that went away while we looked at it
                r = None
            if r:
                return r
            time.sleep(0.05)
        raise AssertionError('timed out waiting for ' + what)

    def find(node, role, name=None, pred=None):
        def match(n):
            return (n is not None and n.getRoleName() == role
                    and (name is None or n.name == name) and (pred is None or pred(n)))
        return pyatspi.findDescendant(node, match)

    def find_all(node, role):
        return pyatspi.findAllDescendants(node, lambda n: n is not None and n.getRoleName() == role)

    def do_action(node, action_name):
        act = node.queryAction()
        names = [act.getName(i) for i in range(act.nActions)]
        assert action_name in names, '%s has no action %r: %r' % (node.name, action_name, names)
        act.doAction(names.index(action_name))

    def extents(node):
        e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return e.x, e.y, e.width, e.height

    def mouse(node, event):
        x, y, w, h = extents(node)
        pyatspi.Registry.generateMouseEvent(x + min(w // 2, 40), y + h // 2, event)

    def key(*keys):
        subprocess.run(['xdotool', 'key', '--clearmodifiers'] + list(keys), check=True)

    def inside_screen(node, what):
        x, y, w, h = extents(node)
        assert w > 0 and h > 0 and x >= 0 and y >= 0 and x + w <= width and y + h <= height, \
            '%s is not on the %s screen: %r' % (what, screen, (x, y, w, h))

    def screenshot(step):
        atspi_helpers.screenshot(
            os.path.join(shotdir, 'gui-file-pane-%s-%s.png' % (screen, step)), width, height, say)

    def app_root():
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            a = desktop.getChildAtIndex(i)
            if a is not None and a.name == os.path.basename(demo_exe) and a.childCount:
                return a

    def dialog_window(root, heading=None):
        for i in range(root.childCount):
            w = root.getChildAtIndex(i)
            # AdwMessageDialog (role DIALOG) shows as a "filler" on GTK 4.8.
            if w is None or w.getRoleName() not in ('dialog', 'frame', 'alert', 'filler'):
                continue
            if w.name == 'Ferry Pane Demo':
                continue
            if heading is None or w.name == heading or find(w, 'label', heading):
                return w

    def pane_of(table):
        node = table
        while node is not None and node.name != 'FerryFilePane':
            node = node.parent
        assert node is not None, 'no FerryFilePane above %s' % table.name
        return node

    def button_named(node, name):
        # Response buttons with mnemonics are named "_Create Create" on GTK 4.8.
        return find(node, 'push button',
                    pred=lambda n: n.name == name or n.name.endswith(' ' + name))

    def set_text(entry, text):
        try:
            editable = entry.queryEditableText()
            editable.setTextContents(text)
        except NotImplementedError:
            key('ctrl+a', 'BackSpace')
            subprocess.run(['xdotool', 'type', '--delay', '20', text], check=True)
        t = entry.queryText()
        wait_for(lambda: t.getText(0, t.characterCount) == text, 'the text %r' % text)

    def on_server(name):
        return os.path.lexists(os.path.join(root, name))

    # The previous screen's run changed it.
    os.chmod(os.path.join(root, 'notes.md'), 0o644)
    env = dict(os.environ)
    demo = Demo([demo_exe, '--local', local, '--url', url, '--ca-file', ca,
                 '--size', screen], env)
    try:
        app = wait_for(app_root, 'the demo on the accessibility bus')
        frame = wait_for(lambda: find(app, 'frame', 'Ferry Pane Demo'), 'the window')
        wait_for(lambda: demo.saw('REMOTE-READY') or demo.saw('CONNECT-FAILED'),
                 'the remote listing', timeout=30)
        assert demo.saw('CONNECTED'), 'no connection:\n' + '\n'.join(demo.lines)

        remote = wait_for(lambda: find(frame, 'tree table', 'Remote files'), 'the remote list')
        local_table = wait_for(lambda: find(frame, 'tree table', 'Local files'), 'the local list')
        remote_pane, local_pane = pane_of(remote), pane_of(local_table)
        wait_for(lambda: 'sub' in row_names(remote), 'the folder "sub" in the remote list')
        names = row_names(remote)
        say('remote rows:', names)
        assert names.index('Documents') < names.index('sub') < names.index('archive.tar.gz'), \
            'folders first, then files: %r' % names
        assert '.profile' not in names, 'a hidden file is shown'
        wait_for(lambda: 'Projects' in row_names(local_table), 'the local folder "Projects"')
        for pane, what in ((remote_pane, 'remote'), (local_pane, 'local')):
            for label in ('Back', 'Parent Folder', 'New Folder', 'Show Hidden Files', 'Reload',
                          'Edit Location'):
                button = find(pane, 'push button', label)
                assert button is not None, 'no %s button in the %s pane' % (label, what)
                inside_screen(button, '%s %s' % (what, label))
        assert find(remote_pane, 'push button', '127.0.0.1'), 'no server segment in the path bar'
        screenshot('1-panes')

        # Browse into a folder and back, on both sides.
        mouse(row_label(remote, 'sub'), 'b1d')
        wait_for(lambda: 'nested.txt' in row_names(remote), 'the remote folder "sub"')
        assert row_names(remote)[0] == 'deeper', row_names(remote)
        wait_for(lambda: demo.saw('PATH remote /sub'), 'PATH remote /sub')
        wait_for(lambda: find(remote_pane, 'push button', 'sub'), 'the "sub" path segment')
        mouse(row_label(local_table, 'Projects'), 'b1d')
        wait_for(lambda: row_names(local_table) == ['ferry'], 'the local folder "Projects"')
        screenshot('2-subfolders')
        do_action(find(remote_pane, 'push button', 'Back'), 'click')
        wait_for(lambda: 'archive.tar.gz' in row_names(remote), 'back in the remote root')
        do_action(find(local_pane, 'push button', 'Parent Folder'), 'click')
        wait_for(lambda: 'todo.txt' in row_names(local_table), 'back in the local folder')

        # Create a remote folder through the toolbar and its dialog.
        created = 'Made by Ferry %s' % screen
        renamed = 'Renamed – ü %s' % screen
        do_action(find(remote_pane, 'push button', 'New Folder'), 'click')
        dialog = wait_for(lambda: dialog_window(app, 'New Folder'), 'the New Folder dialog')
        entry = wait_for(lambda: find(dialog, 'text', 'Name'), 'the name entry')
        set_text(entry, 'sub')
        create = button_named(dialog, 'Create')
        wait_for(lambda: not create.getState().contains(pyatspi.STATE_SENSITIVE),
                 'Create disabled for a name that exists')
        set_text(entry, created)
        wait_for(lambda: create.getState().contains(pyatspi.STATE_SENSITIVE), 'Create enabled')
        screenshot('3-new-folder')
        do_action(create, 'click')
        wait_for(lambda: on_server(created), 'the new folder on the server')
        assert os.path.isdir(os.path.join(root, created))
        wait_for(lambda: created in row_names(remote), 'the new folder in the list')
        wait_for(lambda: dialog_window(app, 'New Folder') is None, 'the dialog to close')

        # Rename it: select it, F2.
        mouse(row_label(remote, created), 'b1c')
        time.sleep(0.3)
        key('F2')
        dialog = wait_for(lambda: dialog_window(app, 'Rename Folder'), 'the Rename dialog')
        entry = wait_for(lambda: find(dialog, 'text', 'Name'), 'the rename entry')
        t = entry.queryText()
        assert t.getText(0, t.characterCount) == created, 'the rename starts from the old name'
        set_text(entry, renamed)
        do_action(button_named(dialog, 'Rename'), 'click')
        wait_for(lambda: on_server(renamed) and not on_server(created), 'the rename on the server')
        wait_for(lambda: renamed in row_names(remote), 'the renamed folder in the list')

        # Context menu on a file: Permissions… → 600.
        mouse(row_label(remote, 'notes.md'), 'b3c')
        item = wait_for(lambda: find(frame, 'menu item', 'Permissions…'), 'the context menu')
        assert find(frame, 'menu item', 'Rename…') and find(frame, 'menu item', 'Delete')
        screenshot('4-context-menu')
        do_action(item, 'click')
        dialog = wait_for(lambda: dialog_window(app, 'Permissions of “notes.md”'),
                          'the Permissions dialog')
        numeric = wait_for(lambda: find(dialog, 'text', 'Numeric value'), 'the numeric entry')
        t = numeric.queryText()
        assert t.getText(0, t.characterCount) == '0644', t.getText(0, t.characterCount)
        assert find(dialog, 'check box', 'Owner: Read') is not None, 'no Owner: Read check box'
        set_text(numeric, '600')
        screenshot('5-permissions')
        loads = demo.count('LOADED remote')
        do_action(button_named(dialog, 'Change'), 'click')
        wait_for(lambda: stat.S_IMODE(os.stat(os.path.join(root, 'notes.md')).st_mode) == 0o600,
                 'mode 600 on the server')
        wait_for(lambda: demo.saw('TOAST Permissions changed to 0600'), 'the toast')
        wait_for(lambda: demo.count('LOADED remote') > loads, 'the folder listed again')

        # Delete the folder: select, Delete, confirm.
        mouse(row_label(remote, renamed), 'b1c')
        time.sleep(0.3)
        key('Delete')
        dialog = wait_for(lambda: dialog_window(app, 'Delete “%s”?' % renamed),
                          'the delete confirmation')
        assert on_server(renamed), 'deleted before the confirmation'
        screenshot('6-delete')
        do_action(button_named(dialog, 'Delete'), 'click')
        wait_for(lambda: not on_server(renamed), 'the folder gone from the server')
        wait_for(lambda: renamed not in row_names(remote), 'the folder gone from the list')
        wait_for(lambda: demo.saw('TOAST “%s” deleted' % renamed), 'the delete toast')

        # Keys: Ctrl+Shift+N asks for a name (Escape cancels); Ctrl+Shift+L edits the location.
        mouse(row_label(remote, 'hello.txt'), 'b1c')
        time.sleep(0.3)
        key('ctrl+shift+n')
        dialog = wait_for(lambda: dialog_window(app, 'New Folder'), 'Ctrl+Shift+N')
        key('Escape')
        wait_for(lambda: dialog_window(app, 'New Folder') is None, 'Escape to close the dialog')
        location = find(remote_pane, 'text', 'Location')
        key('ctrl+shift+l')
        wait_for(lambda: location.getState().contains(pyatspi.STATE_FOCUSED),
                 'the focused location entry')
        set_text(location, '/Empty folder')
        key('Return')
        wait_for(lambda: demo.saw('PATH remote /Empty folder'), 'PATH remote /Empty folder')
        wait_for(lambda: find(remote_pane, 'label', '0 items'), 'the empty folder')
        assert row_names(remote) == [], row_names(remote)
        assert find(remote_pane, 'label', 'Folder Is Empty'), 'no empty-folder page'
        screenshot('7-empty-folder')

        # A folder that is not there: the pane stays and says so, with Retry.
        key('ctrl+shift+l')
        wait_for(lambda: location.getState().contains(pyatspi.STATE_FOCUSED),
                 'the focused location entry')
        set_text(location, '/not here')
        key('Return')
        message = wait_for(lambda: find(remote_pane, 'label',
                                        pred=lambda n: '/not here' in n.name),
                           'the error message')
        say('error shown:', message.name)
        assert 'try again' in message.name, 'the error does not say what to do'
        assert button_named(remote_pane, 'Retry'), 'no Retry button next to the error'
        assert not demo.saw('PATH remote /not here'), 'the pane went to a missing folder'
        screenshot('8-error')
        do_action(find(remote_pane, 'push button', 'Dismiss'), 'click')
        do_action(find(remote_pane, 'push button', 'Back'), 'click')
        wait_for(lambda: 'archive.tar.gz' in row_names(remote), 'back in the remote root')

        # Hidden files, through the toggle of either pane (both follow GSettings).
        do_action(find(remote_pane, 'push button', 'Show Hidden Files'), 'click')
        wait_for(lambda: '.profile' in row_names(remote), 'the hidden remote file')
        wait_for(lambda: '.bashrc' in row_names(local_table), 'the hidden local file')
        screenshot('9-hidden')

        demo.close(frame, say)
        say('all checks passed')
        return 0
    except BaseException:
        try:
            app = app_root()
            def dump(n, depth):
                say('  ' * depth + '%s %r' % (n.getRoleName(), n.name))
                for j in range(n.childCount):
                    if n.getChildAtIndex(j) is not None and depth < 12:
                        dump(n.getChildAtIndex(j), depth + 1)
            for i in range(app.childCount):
                w = app.getChildAtIndex(i)
                say('window: %s %r' % (w.getRoleName(), w.name))
                if w.name != 'Ferry Pane Demo':
                    dump(w, 1)
            screenshot('failure')
        except Exception as e:
            say('no failure screenshot: %s' % e)
        demo.report(say)
        raise
    finally:
        demo.stop()


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--inner':
        sys.exit(inner(*sys.argv[2:9]))
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(outer(os.path.abspath(sys.argv[1]), sys.argv[2]))
