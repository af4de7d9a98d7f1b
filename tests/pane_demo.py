# SPDX-License-Identifier: GPL-3.0-or-later
"""What the AT-SPI tests of tests/file-pane-demo.c (gui-file-pane.py, gui-unread-listing.py)
share: the demo process and its event lines, the rows of a pane's list, and the end of a
run (a clean exit without GLib warnings, or the demo's output on failure)."""

import re
import subprocess
import threading

from atspi_helpers import do_action, find, find_all

NOISE = re.compile(r'dbus-daemon|SpiRegistry|X connection to|DEBUG')


class Demo:
    """file-pane-demo running, its stdout lines (READY, PATH …, TOAST …) collected."""

    def __init__(self, argv, env=None):
        self.proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        self.lines = []
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip('\n'))

    def count(self, prefix):
        return sum(1 for l in self.lines if l.startswith(prefix))

    def saw(self, text):
        return any(l == text or l.startswith(text) for l in self.lines)

    def close(self, frame, say):
        """Closes the window; the demo must exit 0 without a GLib warning."""
        try:
            do_action(frame, 'window.close')
        except Exception as e:   # the demo may quit before it answers
            say('closing:', e)
        rc = self.proc.wait(timeout=15)
        assert rc == 0, 'the demo exited with %d' % rc
        self.thread.join(timeout=5)
        problems = [l for l in self.lines if re.search(r'-(WARNING|CRITICAL) \*\*', l)]
        assert not problems, 'the demo warned:\n' + '\n'.join(problems)

    def report(self, say):
        say('demo output:\n' + '\n'.join(l for l in self.lines if not NOISE.search(l)))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def row_names(table):
    """The names in the first column of a pane's list, in order."""
    names = []
    for row in find_all(table, 'table row'):
        cell = find(row, 'table cell')
        label = find(cell, 'label') if cell is not None else None
        if label is not None:
            names.append(label.name)
    return names


def row_label(table, name):
    for row in find_all(table, 'table row'):
        cell = find(row, 'table cell')
        label = find(cell, 'label', name) if cell is not None else None
        if label is not None:
            return label
