#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The site manager, the site editor and the preferences of the real `ferry`, driven over
AT-SPI; run inside tests/run-gui.sh (Xvfb, private bus, unlocked gnome-keyring, throwaway
HOME), as root (it starts vsftpd from tests/servers/ftpservers.py).

usage: gui-site-manager.py FERRY SHOTDIR WIDTHxHEIGHT [full|shots]

full:  Ctrl+Shift+S opens the site manager; a site is added and every kind of field edited;
       sites.ini holds them, the keyring holds the password (secret-tool) and no file under
       HOME does; Test Connection against a real explicit-FTPS vsftpd whose CA-signed
       certificate was pinned in known-servers.ini (as ferry-cli reads it) reports "explicit
       FTPS" and "resume the control session"; duplicate, rename, delete with undo and delete
       for good; a FileZilla sitemanager.xml is imported through the file chooser and its
       report shown; Ctrl+comma opens the preferences and a switch changes a GSettings key.
shots: saved sites, the manager, a site, the narrow (folded) manager and the preferences.
Screenshots go to SHOTDIR/gui-site-manager-WIDTHxHEIGHT-STEP.png and must not be blank.
"""
import configparser
import os
import re
import subprocess
import sys
import time

import functools

import pyatspi

import atspi_helpers
from atspi_helpers import find, has_actions, do_action, click, key, text_of

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'servers'))

EXE, SHOTDIR, SCREEN = sys.argv[1:4]
MODE = sys.argv[4] if len(sys.argv) > 4 else 'full'
WIDTH, HEIGHT = (int(v) for v in SCREEN.split('x'))
SCHEMA_GROUP = 'io/github/ferryapp/Ferry'
CONFIG = os.environ['XDG_CONFIG_HOME']
KEYFILE = os.path.join(CONFIG, 'glib-2.0', 'settings', 'keyfile')
SITES = os.path.join(CONFIG, 'ferry', 'sites.ini')
KNOWN = os.path.join(CONFIG, 'ferry', 'known-servers.ini')
PASSWORD = 'Ferry-GUI-pw-7x9q'      # distinctive: searched for in every file under HOME
FILEZILLA = os.path.join(HERE, 'data', 'filezilla', 'sitemanager.xml')


# This script's hang guard for waits.
wait_for = functools.partial(atspi_helpers.wait_for, timeout=15.0)

def log(*args):
    print('gui-site-manager[%s]:' % SCREEN, *args, flush=True)


def find_label(root, pred):
    return find(root, 'label', pred=lambda n: pred(n.name))


def button(root, name):
    # GTK 4.8 names a button with a mnemonic after its label twice ("Connect Connect").
    def named(n):
        shown = n.name.replace('_', '')
        return has_actions(n) and (shown == name or shown == name + ' ' + name)
    return wait_for(lambda: find(root, 'push button', pred=named), 'button ' + name)


def click_button(root, name):
    do_action(button(root, name), 'click')


def set_text(node, value):
    node.queryEditableText().setTextContents(value)
    wait_for(lambda: text_of(node) == value, 'the text %r' % value)


def app_root():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        if a is not None and a.name == os.path.basename(EXE) and a.childCount:
            return a


def frame(name):
    def look():
        root = app_root()
        for i in range(root.childCount):
            f = root.getChildAtIndex(i)
            if f is not None and f.name == name:
                return f
    try:
        return wait_for(look, 'the window ' + name)
    except AssertionError:
        log('windows:', [(f.getRoleName(), f.name) for f in frames() if f is not None])
        raise


def frames():
    root = app_root()
    return [root.getChildAtIndex(i) for i in range(root.childCount)]


def dialog_with(pred, what):
    def look():
        for f in frames():
            if f is not None and f.getRoleName() in ('dialog', 'frame') and find_label(f, pred):
                return f
    try:
        return wait_for(look, what)
    except AssertionError:
        log('windows:', [(f.getRoleName(), f.name) for f in frames() if f is not None])
        raise


def screenshot(step):
    atspi_helpers.screenshot(os.path.join(SHOTDIR, 'gui-site-manager-%s-%s.png' % (SCREEN, step)),
                             WIDTH, HEIGHT, log)


def read_ini(path):
    ini = configparser.ConfigParser(interpolation=None, strict=False)
    ini.optionxform = str
    ini.read(path)
    return ini


def site_group(name):
    ini = read_ini(SITES)
    for group in ini.sections():
        if ini[group].get('name') == name:
            return group, dict(ini[group])
    return None


def read_keyfile():
    kf = read_ini(KEYFILE)
    return kf[SCHEMA_GROUP] if kf.has_section(SCHEMA_GROUP) else {}


def secret_lookup(site_id):
    p = subprocess.run(['secret-tool', 'lookup', 'site-id', site_id], capture_output=True,
                       text=True, timeout=30)
    return p.stdout if p.returncode == 0 else None


def files_holding(secret):
    hits = []
    for folder, _, names in os.walk(os.environ['HOME']):
        for name in names:
            path = os.path.join(folder, name)
            try:
                with open(path, 'rb') as f:
                    if secret.encode() in f.read():
                        hits.append(path)
            except OSError:
                pass
    return hits


def pin_certificate(host, port, cert):
    """Trust @cert for host:port the way the known-servers file keeps pins
    (app/store/ferry-known-servers-file.c): one group "HOST PORT"."""
    os.makedirs(os.path.dirname(KNOWN), exist_ok=True)
    with open(KNOWN, 'a') as f:
        f.write('[%s %d]\nhost=%s\nport=%d\npins=%s;\npin.%s.subject=CN=localhost\n'
                'pin.%s.issuer=CN=Ferry Test CA\n\n'
                % (host, port, host, port, cert.sha256, cert.sha256, cert.sha256))


def list_item(manager, name):
    return wait_for(lambda: find(manager, 'list item', name), 'the site %r in the list' % name)


def site_menu(manager, item):
    do_action(button(manager, 'Site Menu'), 'click')
    entry = wait_for(lambda: find(manager, 'menu item', item), 'the menu item ' + item)
    do_action(entry, 'click')


def write_settings():
    os.makedirs(os.path.dirname(KEYFILE), exist_ok=True)
    with open(KEYFILE, 'w') as f:
        f.write('[%s]\nwindow-width=%d\nwindow-height=%d\nwindow-maximized=false\n'
                % (SCHEMA_GROUP, WIDTH, HEIGHT))


def start_ferry():
    env = dict(os.environ, GSETTINGS_BACKEND='keyfile')
    app = subprocess.Popen([EXE], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
    wait_for(app_root, 'ferry on the accessibility bus')
    main = frame('Ferry')
    click(main)                  # no window manager: a click gives the keyboard focus
    return app, main


def open_site_manager():
    main = frame('Ferry')

    def opened():
        # Without a window manager a click gives the keyboard focus back to the main
        # window; a key press that arrived before it is lost, so try again.
        click(main)
        time.sleep(0.2)
        key('ctrl+shift+s')
        end = time.time() + 2
        while time.time() < end:
            for f in frames():
                if f is not None and f.name == 'Sites':
                    return f
            time.sleep(0.05)
    manager = wait_for(opened, 'the site manager (Ctrl+Shift+S)')
    click(find(manager, 'label', 'Sites') or manager)
    return manager


def finish(app):
    out = ''
    if sys.exc_info()[0] is not None:
        # What the screen showed when it went wrong, for the person reading the log.
        path = os.path.join(SHOTDIR, 'gui-site-manager-%s-FAILED.png' % SCREEN)
        subprocess.run(['/usr/bin/import', '-window', 'root', path])
        log('failed; the screen is in', path)
    if app.poll() is None:
        app.terminate()
        try:
            out, _ = app.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
            out, _ = app.communicate()
    else:
        out, _ = app.communicate()
    log('ferry exited with', app.returncode)
    problems = [l for l in out.splitlines() if re.search(r'-(WARNING|CRITICAL) \*\*', l)]
    noise = re.compile(r'dbus-daemon|SpiRegistry|X connection to')
    lines = [l for l in out.splitlines() if l.strip() and not noise.search(l)]
    if lines:
        log('ferry output:\n' + '\n'.join(lines[-40:]))
    assert not problems, 'ferry warned:\n' + '\n'.join(problems)


# ---------------------------------------------------------------------------------------

def run_full():
    import ftpservers
    try:
        certs = ftpservers.shared_certs()
        srv = ftpservers.Vsftpd(mode='explicit', cert=certs.signed,
                                users={'alice': PASSWORD})
    except ftpservers.NotAvailable as e:
        print('SKIP: %s' % e)
        sys.exit(ftpservers.SKIP_EXIT_CODE)
    pin_certificate(srv.host, srv.port, certs.signed)
    # A sites.ini that cannot be parsed: kept aside, and the person is told.
    os.makedirs(os.path.dirname(SITES), exist_ok=True)
    with open(SITES, 'w') as f:
        f.write('[unterminated group\nname=broken\n')

    app, main = start_ferry()
    try:
        told = dialog_with(lambda t: t == 'Your Saved Sites Could Not Be Read',
                           'the report of the broken sites.ini')
        message = find_label(told, lambda t: 'could not be read' in t and '.broken-' in t)
        assert message, 'the store\'s message is not shown'
        log('broken sites.ini:', message.name)
        click_button(told, 'Close')
        wait_for(lambda: not any(f is not None and f.name != 'Ferry' for f in frames()),
                 'the report to close')
        manager = open_site_manager()
        wait_for(lambda: find(manager, 'label', 'No Saved Sites'), 'the empty list')
        assert find_label(manager, lambda t: '.broken-' in t), 'the manager does not say it'
        screenshot('1-empty')
        click_button(manager, 'Dismiss')

        # Add a site and fill in its fields.
        click_button(manager, 'Add Site')
        name = wait_for(lambda: find(manager, 'text', 'Name'), 'the Name field')
        wait_for(lambda: text_of(name) == 'New Site', 'the new site in the editor')
        set_text(name, 'Test vsftpd')
        set_text(find(manager, 'text', 'Host'), srv.host)
        port = find(manager, 'spin button', pred=lambda n: n.name.startswith('Port'))
        port.queryValue().currentValue = float(srv.port)
        set_text(find(manager, 'text', 'User Name'), 'alice')
        set_text(find(manager, 'text', 'Remote Folder'), '/sub')
        comments = find(manager, 'text', 'Comments')
        comments.queryEditableText().setTextContents('Test server for the GUI test')
        # The password: typed, then Enter saves it in the keyring.
        password = find(manager, 'text', 'New Password')
        click(password)
        time.sleep(0.3)          # the click puts the focus into the row's text
        pyatspi.Registry.generateKeyboardEvent(0, PASSWORD, pyatspi.KEY_STRING)
        wait_for(lambda: len(text_of(password)) == len(PASSWORD), 'the typed password')
        assert find(manager, 'push button', 'Save Password in the Keyring', has_actions), \
            'the apply button of the password field has no name'
        key('Return')
        wait_for(lambda: find_label(manager, lambda t: t == 'The password is saved in the '
                                                             'keyring.'),
                 'the password saved in the keyring', timeout=30)
        list_item(manager, 'Test vsftpd')

        # sites.ini has every field, and no password.
        def saved():
            found = site_group('Test vsftpd')
            if found and found[1].get('host') == srv.host and \
                    found[1].get('port') == str(srv.port) and \
                    found[1].get('remote-dir') == '/sub' and 'Test server' in \
                    found[1].get('comments', ''):
                return found
        site_id, fields = wait_for(saved, 'the site in sites.ini')
        log('sites.ini:', site_id, fields)
        assert fields.get('user') == 'alice', fields
        secret = wait_for(lambda: secret_lookup(site_id), 'the password in the keyring')
        assert secret == PASSWORD, 'the keyring holds %r' % secret
        hits = files_holding(PASSWORD)
        assert not hits, 'the password is in ' + ', '.join(hits)
        screenshot('2-site')

        # The server type: Automatic by default, chosen from the row's list, saved.
        server_type = wait_for(lambda: find(manager, 'combo box', 'Server Type'),
                               'the Server Type row')
        assert find(server_type, 'label', 'Automatic'), 'the server type is not Automatic'
        # Scrolled into view with the mouse wheel over the editor (GTK 4.8 offers neither
        # focus nor scroll bar values over AT-SPI); bounded.
        hx, hy, hw, hh = atspi_helpers.extents(find(manager, 'text', 'Host'))
        subprocess.run(['xdotool', 'mousemove', str(hx + hw // 2), str(hy + hh // 2)],
                       check=True)
        for _ in range(40):
            y, h = atspi_helpers.extents(server_type)[1::2]
            if 0 < y and y + h < atspi_helpers.extents(manager)[3] - 40:
                break
            subprocess.run(['xdotool', 'click', '5'], check=True)
            time.sleep(0.1)
        time.sleep(0.4)
        click(server_type)
        vms = wait_for(lambda: find(manager, 'label', 'OpenVMS'), 'OpenVMS in the list')
        screenshot('2b-server-type')
        # The popover is its own surface: its labels' window coordinates are not the
        # screen's, so the keyboard chooses (Automatic, Unix, DOS, OpenVMS).
        key('Down', 'Down', 'Down', 'Return')
        wait_for(lambda: site_group('Test vsftpd')[1].get('server-type') == 'vms',
                 'server-type=vms in sites.ini')
        assert find(server_type, 'label', 'OpenVMS'), 'the row does not show OpenVMS'

        # Test Connection: explicit FTPS, detected; data connections resume the session.
        click_button(manager, 'Test Connection')
        summary = wait_for(lambda: find_label(manager, lambda t: 'explicit FTPS' in t),
                           'the test results', timeout=60)
        log('test summary:', summary.name)
        assert 'resume the control session' in summary.name, summary.name
        assert find_label(manager, lambda t: 'always trust' in t), 'no pinned-certificate row'
        wait_for(lambda: find_label(manager, lambda t: t == 'Detected: explicit FTPS'),
                 'the detected mode')
        screenshot('3-test')
        assert 'USER alice' in srv.commands()

        # Duplicate, rename, delete with undo, delete for good.
        site_menu(manager, 'Duplicate')
        list_item(manager, 'Test vsftpd (Copy)')
        wait_for(lambda: site_group('Test vsftpd (Copy)'), 'the copy in sites.ini')
        site_menu(manager, 'Rename…')
        rename = dialog_with(lambda t: t == 'Rename Site', 'the rename dialog')
        set_text(find(rename, 'text', 'Site Name'), 'Renamed copy')
        click_button(rename, 'Rename')
        list_item(manager, 'Renamed copy')
        copy_id, _ = wait_for(lambda: site_group('Renamed copy'), 'the renamed copy in sites.ini')
        wait_for(lambda: secret_lookup(copy_id) == PASSWORD, 'the copy\'s password')

        site_menu(manager, 'Delete')
        wait_for(lambda: find_label(manager, lambda t: t == '“Renamed copy” deleted'),
                 'the delete toast')
        wait_for(lambda: find(manager, 'list item', 'Renamed copy') is None, 'the row to go')
        screenshot('4-deleted')
        undo = wait_for(lambda: find(manager, 'push button',
                                     pred=lambda n: 'Undo' in n.name and has_actions(n)),
                        'the Undo button')
        do_action(undo, 'click')
        list_item(manager, 'Renamed copy')
        assert site_group('Renamed copy'), 'undo lost the site'

        site_menu(manager, 'Delete')
        wait_for(lambda: find(manager, 'list item', 'Renamed copy') is None, 'the row to go')
        # The toast times out (or another action dismisses it): then it is deleted.
        wait_for(lambda: site_group('Renamed copy') is None, 'the delete in sites.ini',
                 timeout=30)
        wait_for(lambda: secret_lookup(copy_id) is None, 'the copy\'s password to go')
        assert site_group('Test vsftpd'), 'the wrong site was deleted'

        # Import FileZilla's site list through the file chooser.
        do_action(button(manager, 'Site Manager Menu'), 'click')
        do_action(wait_for(lambda: find(manager, 'menu item', 'Import From FileZilla…'),
                           'the import menu item'), 'click')
        chooser = frame('Import FileZilla Sites')
        # Ctrl+L opens the location entry; without a window manager the chooser may need a
        # click to get the keyboard focus first.
        def location_entry():
            entry = find(chooser, 'text', 'GtkFileChooserEntry')
            if entry is None:
                click(find(chooser, 'push button', pred=lambda n: 'Cancel' in n.name) and
                      find(chooser, 'label', 'Import FileZilla Sites') or chooser)
                key('ctrl+l')
                time.sleep(0.3)
                entry = find(chooser, 'text', 'GtkFileChooserEntry')
            return entry
        key('ctrl+l')
        entry = wait_for(location_entry, 'the location entry of the file chooser')
        set_text(entry, FILEZILLA)
        click_button(chooser, 'Import')
        report = dialog_with(lambda t: re.fullmatch(r'\d+ Sites? Imported', t) is not None,
                             'the import report')
        heading = find_label(report, lambda t: re.fullmatch(r'\d+ Sites? Imported', t))
        log('import:', heading.name)
        assert find_label(report, lambda t: t.startswith('From FileZilla:')), 'no summary'
        skipped = find_label(report, lambda t: t.startswith('Skipped:'))
        assert skipped, 'no skipped site explained'
        log('skipped:', skipped.name)
        screenshot('5-import')
        click_button(report, 'Close')
        wait_for(lambda: find(manager, 'list item', 'Work'), 'the imported folder')

        # Preferences: a switch changes a GSettings key. The shortcut goes to the focused
        # window; right after the report closes the focus may still be moving, so the key is
        # pressed again (a bounded number of times) until the window shows.
        prefs = None
        for _ in range(3):
            key('ctrl+comma')
            try:
                prefs = wait_for(lambda: next((f for f in frames()
                                               if f is not None and f.name == 'Preferences'),
                                              None), 'the window Preferences', timeout=5.0)
                break
            except AssertionError:
                continue
        if prefs is None:
            prefs = frame('Preferences')
        hidden = wait_for(lambda: find(prefs, 'check box',
                                       pred=lambda n: n.name.startswith('Show Hidden Files')),
                          'the Show Hidden Files switch')
        do_action(hidden, 'toggle')
        wait_for(lambda: read_keyfile().get('show-hidden-files') == 'true',
                 'show-hidden-files=true in the settings')
        screenshot('6-preferences')
        do_action(prefs, 'window.close')
    finally:
        finish(app)
        srv.stop()


def run_shots():
    os.makedirs(os.path.dirname(SITES), exist_ok=True)
    with open(SITES, 'w') as f:
        f.write('''[ferry]
version=1

[4f1d2c3b-1a2b-4c3d-8e9f-000000000001]
name=Company web server
folder=Work
host=ftp.example.com
user=alice
security=explicit
comments=Deploys go to /var/www

[4f1d2c3b-1a2b-4c3d-8e9f-000000000002]
name=Nightly backups
folder=Work/Clients
host=backup.example.org
port=990
user=bob
security=implicit

[4f1d2c3b-1a2b-4c3d-8e9f-000000000003]
name=Home NAS
host=192.168.1.20
logon-type=ask
user=me
''')
    app, main = start_ferry()
    try:
        manager = open_site_manager()
        list_item(manager, 'Nightly backups')
        screenshot('1-list')
        click(list_item(manager, 'Company web server'))
        wait_for(lambda: find(manager, 'label', 'alice@ftp.example.com:21'), 'the editor')
        screenshot('2-site')
        # Narrow: the list and the editor stack (AdwLeaflet).
        wid = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', '^Sites$'],
                             capture_output=True, text=True).stdout.split()[0]
        subprocess.run(['xdotool', 'windowsize', wid, '420', str(min(HEIGHT - 40, 700))],
                       check=True)
        wait_for(lambda: button(manager, 'Back to the Sites').getState()
                 .contains(pyatspi.STATE_VISIBLE), 'the folded manager')
        screenshot('3-narrow')
        key('ctrl+comma')
        frame('Preferences')
        screenshot('4-preferences')
    finally:
        finish(app)


os.makedirs(SHOTDIR, exist_ok=True)
write_settings()
if MODE == 'shots':
    run_shots()
else:
    run_full()
log('all checks passed')
