# SPDX-License-Identifier: GPL-3.0-or-later
"""What Ferry's AT-SPI tests (gui-*.py) share: waiting with a hang guard, finding nodes,
acting on them, and synthesised input. Run with Debian's /usr/bin/python3 (pyatspi)."""

import re
import subprocess
import time

import pyatspi


def wait_for(pred, what, timeout=20.0):
    """A hang guard, not a timing assertion: the first true value of pred(). what names what
    is awaited, for the failure message: a string, or a function that returns one."""
    end = time.time() + timeout
    while time.time() < end:
        try:
            r = pred()
        except Exception:        # a node that went away while we looked at it
            r = None
        if r:
            return r
        time.sleep(0.05)
    if callable(what):             # a message that reads the screen once the wait is over
        try:
            what = what()
        except Exception as e:     # the screen changed while the message read it
            what = 'the state (unreadable: %s)' % e
    raise AssertionError('timed out waiting for ' + what)


def _matcher(role, name, pred):
    def match(n):
        return (n is not None and n.getRoleName() == role
                and (name is None or n.name == name) and (pred is None or pred(n)))
    return match


def find(root, role, name=None, pred=None):
    return pyatspi.findDescendant(root, _matcher(role, name, pred))


def find_all(root, role, name=None, pred=None):
    return pyatspi.findAllDescendants(root, _matcher(role, name, pred))


def has_actions(node):
    try:
        return node.queryAction().nActions > 0
    except NotImplementedError:
        return False


def do_action(node, action_name='click'):
    act = node.queryAction()
    names = [act.getName(i) for i in range(act.nActions)]
    assert action_name in names, '%s has no action %r: %r' % (node.name, action_name, names)
    act.doAction(names.index(action_name))


def extents(node):
    # GTK 4.8 knows window coordinates only; without a window manager every window sits
    # at (0, 0), so they are screen coordinates too.
    e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return e.x, e.y, e.width, e.height


def click(node, double=False):
    x, y, w, h = extents(node)
    pyatspi.Registry.generateMouseEvent(x + w // 2, y + h // 2,
                                        pyatspi.MOUSE_B1D if double else pyatspi.MOUSE_B1C)


def key(*keys):
    subprocess.run(['xdotool', 'key', '--clearmodifiers'] + list(keys), check=True)


def text_of(node):
    t = node.queryText()
    return t.getText(0, t.characterCount)


# ---- Ferry's window (shared by gui-connect.py and gui-window.py) ----

def showing(node):
    # GTK 4.8 sets no SHOWING state, and widgets of hidden stack pages stay in the tree:
    # the tests look things up by names that are unique where it matters.
    return node.getState().contains(pyatspi.STATE_VISIBLE)


def on_screen(node):
    """The widget has an area: GTK 4.8 reports VISIBLE for a widget whose parent is hidden,
    and such a widget has no size."""
    try:
        _, _, w, h = extents(node)
    except Exception:
        return False
    return w > 0 and h > 0


def button(root, label):
    """A push button by its label; GTK 4.8 names mnemonic buttons '_Label Label'.

    The one on screen, when there are several: AdwMessageDialog holds each response button
    twice, in a row and in a column, and shows one of the two by its width. A hidden
    button's click does nothing (GtkButton only activates once realized), so pressing the
    first match loses the press whenever the dialog chose the other layout."""
    def match(n):
        return has_actions(n) and showing(n) and (n.name == label or n.name.endswith(' ' + label))
    matches = find_all(root, 'push button', pred=match)
    return next((n for n in matches if on_screen(n)), matches[0] if matches else None)


def set_text(node, text):
    node.queryEditableText().setTextContents(text)


def app_root(exe_name):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        if a is not None and a.name == exe_name and a.childCount:
            return a


def windows(root):
    return [root.getChildAtIndex(i) for i in range(root.childCount)
            if root.getChildAtIndex(i) is not None]


def window_named(root, name):
    for w in windows(root):
        if w.name == name:
            return w


def other_windows(root):
    return [w for w in windows(root) if w.name != 'Ferry']


def label_with(root, fragment):
    return find(root, 'label', pred=lambda n: fragment in n.name)


def screenshot(path, width, height, log):
    """A screenshot of the whole screen, checked for its size and for not being blank."""
    time.sleep(0.5)              # let transitions finish
    subprocess.run(['/usr/bin/import', '-window', 'root', path], check=True)
    info = subprocess.run(['/usr/bin/convert', path, '-format', '%w %h %k', 'info:'],
                          check=True, capture_output=True, text=True).stdout.split()
    w, h, colours = (int(v) for v in info)
    assert (w, h) == (width, height), 'screenshot is %dx%d' % (w, h)
    assert colours >= 32, '%s looks blank: %d colours' % (path, colours)
    log('screenshot', path, '(%d colours)' % colours)


def add_site(cli, name, url, password, folder=None):
    """Saves a site with `ferry-cli sites add`, its password in the keyring."""
    args = [cli, 'sites', 'add', '--password-stdin', '--name', name]
    if folder:
        args += ['--folder', folder]
    p = subprocess.run(args + [url], input=password + '\n', text=True, capture_output=True,
                       timeout=60)
    assert p.returncode == 0, p.stderr


def fingerprint(hexdigest):
    return ':'.join(hexdigest[i:i + 2] for i in range(0, len(hexdigest), 2)).upper()


def open_security_popover(frame):
    indicator = find(frame, 'push button', 'Connection Security', has_actions)
    assert indicator is not None and showing(indicator), 'no security indicator'
    do_action(indicator)
    return wait_for(lambda: find(frame, 'label', 'Control Channel', showing),
                    'the security popover')


def visible_labels(frame):
    return [n.name for n in find_all(frame, 'label', pred=showing)]


def quit_over_dbus(app):
    """Quits Ferry with its application action over D-Bus; it must exit 0 without a GLib
    warning or critical in its output."""
    subprocess.run(['gdbus', 'call', '--session', '--dest', 'io.github.ferryapp.Ferry',
                    '--object-path', '/io/github/ferryapp/Ferry',
                    '--method', 'org.gtk.Actions.Activate', 'quit', '[]', '{}'],
                   check=True, capture_output=True, timeout=20)
    rc = app.wait(timeout=20)
    assert rc == 0, 'ferry exited with %d' % rc
    out, _ = app.communicate(timeout=10)
    problems = [l for l in out.splitlines() if re.search(r'-(WARNING|CRITICAL) \*\*', l)]
    assert not problems, 'ferry warned:\n' + '\n'.join(problems)


def stop_app(app, log):
    """After a failure: stops Ferry and logs the end of what it printed."""
    if app.poll() is not None:
        return
    app.terminate()
    try:
        out, _ = app.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        app.kill()
        out, _ = app.communicate()
    noise = re.compile(r'dbus-daemon|SpiRegistry|X connection to')
    lines = [l for l in (out or '').splitlines() if l.strip() and not noise.search(l)]
    if lines:
        log('ferry output:\n' + '\n'.join(lines[-60:]))
