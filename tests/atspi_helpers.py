# SPDX-License-Identifier: GPL-3.0-or-later
"""What Ferry's AT-SPI tests (gui-*.py) share: waiting with a hang guard, finding nodes,
acting on them, and synthesised input. Run with Debian's /usr/bin/python3 (pyatspi)."""

import subprocess
import time

import pyatspi


def wait_for(pred, what, timeout=20.0):
    """A hang guard, not a timing assertion: the first true value of pred()."""
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
