#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The security popover's Firewall row, in the real window over AT-SPI: after connecting to a
real vsftpd (explicit FTPS, its passive ports from a configured range) the row names the
passive ports the tab's own data connections used and says "Open TCP <control port> and
<ports> towards the server."; the site manager's Test Connection ends with the same row.
Run inside tests/run-gui.sh (via gui-servers.sh), as root.

usage: gui-firewall.py FERRY FERRY_CLI SHOTDIR WIDTHxHEIGHT
Screenshots: SHOTDIR/gui-firewall-WIDTHxHEIGHT-popover.png and -test.png. Exit 77 when the
servers cannot run here.
"""
import functools
import os
import re
import subprocess
import sys
import time

import atspi_helpers
from atspi_helpers import find, do_action, click, button, window_named, label_with
from atspi_helpers import open_security_popover

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'servers'))
import ftpservers  # noqa: E402

EXE, CLI, SHOTDIR, SCREEN = sys.argv[1:5]
WIDTH, HEIGHT = (int(v) for v in SCREEN.split('x'))
SCHEMA_GROUP = 'io/github/ferryapp/Ferry'
KEYFILE = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
wait_for = functools.partial(atspi_helpers.wait_for, timeout=20.0)


def log(*args):
    print('gui-firewall[%s]:' % SCREEN, *args, flush=True)


try:
    certs = ftpservers.shared_certs()
    srv = ftpservers.Vsftpd(mode='explicit', cert=certs.selfsigned)
except ftpservers.NotAvailable as e:
    print('SKIP:', e)
    sys.exit(77)

app = None
try:
    atspi_helpers.add_site(CLI, 'Firewall Box', 'ftpes://alice@127.0.0.1:%d' % srv.port,
                           'secret')
    os.makedirs(os.path.dirname(KEYFILE), exist_ok=True)
    with open(KEYFILE, 'w') as f:
        f.write('[%s]\nwindow-width=%d\nwindow-height=%d\nwindow-maximized=false\n'
                % (SCHEMA_GROUP, WIDTH, HEIGHT))
    os.makedirs(SHOTDIR, exist_ok=True)
    app = subprocess.Popen([EXE], env=dict(os.environ, GSETTINGS_BACKEND='keyfile'),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    root = wait_for(lambda: atspi_helpers.app_root(os.path.basename(EXE)),
                    'ferry on the accessibility bus')
    frame = wait_for(lambda: window_named(root, 'Ferry'), 'the main window')
    click(wait_for(lambda: find(frame, 'list item', 'Firewall Box'), 'the saved site'))
    dialog = wait_for(lambda: window_named(root, 'Untrusted Certificate'),
                      'the certificate dialog')
    do_action(button(dialog, 'Accept Once'))
    wait_for(lambda: find(frame, 'label', 'hello.txt'), 'the listing (a data connection)',
             timeout=30)

    open_security_popover(frame)
    assert find(frame, 'label', 'Firewall'), 'no Firewall heading in the popover'
    text = wait_for(lambda: (label_with(frame, 'towards the server.') or None),
                    'the Firewall row').name
    log('firewall row:', text.replace('\n', ' | '))
    m = re.search(r'Open TCP (\d+) and (\d+)(?:–(\d+))? towards the server\.', text)
    assert m, text
    assert int(m.group(1)) == srv.port, (m.group(1), srv.port)
    lo, hi = srv.pasv_range
    seen = [int(g) for g in m.groups()[1:] if g]
    assert all(lo <= p <= hi for p in seen), (seen, srv.pasv_range)
    assert 'passive data port' in text, text
    for p in seen:
        assert str(p) in text.split('\n')[0], text
    atspi_helpers.screenshot(os.path.join(SHOTDIR, 'gui-firewall-%s-popover.png' % SCREEN),
                             WIDTH, HEIGHT, log)
    atspi_helpers.key('Escape')

    # Test Connection in the site manager ends with the same Firewall facts, from its probe.
    def opened():
        click(frame)          # without a window manager the key goes where the focus is
        time.sleep(0.2)
        atspi_helpers.key('ctrl+shift+s')
        end = time.time() + 2
        while time.time() < end:
            found = window_named(root, 'Sites')
            if found is not None:
                return found
            time.sleep(0.05)
    manager = wait_for(opened, 'the site manager (Ctrl+Shift+S)')
    click(wait_for(lambda: find(manager, 'list item', 'Firewall Box'), 'the site in the list'))
    do_action(wait_for(lambda: button(manager, 'Test Connection'), 'Test Connection'))
    row = wait_for(lambda: label_with(manager, 'towards the server.'), 'the Firewall row of the '
                   'test', timeout=60).name
    log('test connection firewall row:', row.replace('\n', ' | '))
    m = re.search(r'Open TCP (\d+) and (\d+)(?:–(\d+))? towards the server\.', row)
    assert m and int(m.group(1)) == srv.port, row
    assert all(lo <= int(g) <= hi for g in m.groups()[1:] if g), (row, srv.pasv_range)
    assert find(manager, 'label', 'Firewall'), 'no Firewall title in the test results'
    atspi_helpers.screenshot(os.path.join(SHOTDIR, 'gui-firewall-%s-test.png' % SCREEN),
                             WIDTH, HEIGHT, log)
    atspi_helpers.quit_over_dbus(app)
    log('all checks passed')
finally:
    if app is not None:
        atspi_helpers.stop_app(app, log)
    srv.stop()
