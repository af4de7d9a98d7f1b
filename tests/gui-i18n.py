#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Ferry in another language: the real window and ferry-cli with LANGUAGE set, reading the
catalogs built from po/ (FERRY_LOCALEDIR). Run inside tests/run-gui.sh, as root.

usage: gui-i18n.py FERRY FERRY_CLI SHOTDIR LOCALEDIR LANG WIDTHxHEIGHT

Every string the test looks for is the translation of an English message, taken from
LOCALEDIR/LANG/LC_MESSAGES/ferry.mo; a message the catalog does not translate fails the test.
- the empty state: its title, the address entry, Connect, the saved site;
- a failure page: a refused connection on loopback says "Could Not Connect to …" translated,
  with Connect Again;
- the certificate dialog of a self-signed vsftpd (explicit FTPS): Accept Once; the connected
  window is no wider than the screen (longer words must still fit 800x600);
- the security popover: its heading, the three rows, the mode and the certificate sentence;
- the preferences window (app.preferences): its title, groups and a row's subtitle;
- `ferry-cli probe` against the same server prints the translations of the English lines
  it prints without LANGUAGE, and no English line that has a translation.
Screenshots: SHOTDIR/gui-i18n-LANG-STEP.png. Fails on any GLib warning ferry prints.
"""
import functools
import gettext
import os
import re
import subprocess
import sys

import pyatspi

import atspi_helpers
from atspi_helpers import (find, find_all, has_actions, do_action, click, key, text_of,
                           showing, button, window_named, label_with, visible_labels)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'servers'))
import ftpservers  # noqa: E402

EXE, CLI, SHOTDIR, LOCALEDIR, LANG, SCREEN = sys.argv[1:7]
WIDTH, HEIGHT = (int(v) for v in SCREEN.split('x'))
SCHEMA_GROUP = 'io/github/ferryapp/Ferry'
KEYFILE = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
PASSWORD = 'secret'
SITE = 'Box'

wait_for = functools.partial(atspi_helpers.wait_for, timeout=20.0)
catalog = gettext.translation('ferry', LOCALEDIR, languages=[LANG])
# Messages whose translation is the English text itself (names, protocol words).
SAME = {'Ferry', 'Upload', 'Download'}


def log(*args):
    print('gui-i18n[%s]:' % LANG, *args, flush=True)


def T(msgid, context=None):
    """The catalog's translation of msgid; fails when the catalog has none."""
    key_ = msgid if context is None else '%s\x04%s' % (context, msgid)
    text = catalog._catalog.get(key_)
    assert text, '%s has no translation of %r' % (LANG, msgid)
    assert text != msgid or msgid in SAME, '%r is not translated into %s' % (msgid, LANG)
    return text


def no_mnemonic(text):
    return text.replace('_', '')


def screenshot(step):
    atspi_helpers.screenshot(os.path.join(SHOTDIR, 'gui-i18n-%s-%s.png' % (LANG, step)),
                             WIDTH, HEIGHT, log)


def window_width():
    """The width of Ferry's main X window: longer words must not make it wider than the
    screen (GTK grows a window to its content's minimum size)."""
    ids = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', '^Ferry$'],
                         capture_output=True, text=True, timeout=10).stdout.split()
    assert ids, 'no visible Ferry window'
    out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', ids[0]],
                         capture_output=True, text=True, check=True, timeout=10).stdout
    return int(re.search(r'^WIDTH=(\d+)$', out, re.M).group(1))


def app_root():
    return atspi_helpers.app_root(os.path.basename(EXE))


def lang_env(language):
    env = dict(os.environ, GSETTINGS_BACKEND='keyfile', LANG='C.UTF-8',
               FERRY_LOCALEDIR=LOCALEDIR)
    env.pop('LC_ALL', None)
    env.pop('LC_MESSAGES', None)
    if language:
        env['LANGUAGE'] = language
    else:
        env.pop('LANGUAGE', None)
    return env


def check_probe(server, sha256):
    """ferry-cli probe in English and in LANG: every English line of the report that the
    catalog translates comes out translated."""
    args = [CLI, 'probe', '--trust-fingerprint', sha256,
            'ftpes://alice@127.0.0.1:%d' % server.port]
    runs = {}
    for language in ('', LANG):
        env = lang_env(language)
        env['FERRY_PASSWORD'] = PASSWORD
        p = subprocess.run(args, capture_output=True, text=True, timeout=60, env=env)
        assert p.returncode == 0, 'probe (%s) exited %d:\n%s%s' % (
            language or 'en', p.returncode, p.stdout, p.stderr)
        runs[language] = p.stdout
    english, translated = runs[''], runs[LANG]
    assert english != translated, 'ferry-cli probe prints the same text in %s:\n%s' % (
        LANG, translated)
    # The report's lines are messages that end in a line break ("Mode:        %s\n"):
    # each is compared up to its first directive.
    checked = 0
    for msgid, msgstr in catalog._catalog.items():
        if not isinstance(msgid, str) or not msgid.endswith('\n') or '\x04' in msgid:
            continue
        head = re.split(r'%', msgid, maxsplit=1)[0]
        thead = re.split(r'%', msgstr, maxsplit=1)[0]
        if len(head.strip()) < 4 or head == thead or '\n' in head.rstrip('\n'):
            continue
        for line in english.splitlines():
            if line.startswith(head.rstrip('\n')) and line.strip():
                assert any(l.startswith(thead.rstrip('\n')) for l in translated.splitlines()), \
                    'probe line %r is not translated (%r expected):\n%s' % (line, thead,
                                                                          translated)
                checked += 1
                break
    assert checked >= 3, 'only %d translated lines found in the probe report:\n%s' % (
        checked, translated)
    log('ferry-cli probe: %d report lines translated' % checked)
    with open(os.path.join(SHOTDIR, 'gui-i18n-%s-probe.txt' % LANG), 'w') as f:
        f.write(translated)


# ---- a server, a site, the window's size ----

try:
    certs = ftpservers.shared_certs()
    server = ftpservers.Vsftpd(mode='explicit', cert=certs.selfsigned)
except ftpservers.NotAvailable as e:
    print('SKIP:', e)
    sys.exit(77)
SHA256 = certs.selfsigned.sha256
closed_port = ftpservers.free_port()

atspi_helpers.add_site(CLI, SITE, 'ftpes://alice@127.0.0.1:%d' % server.port, PASSWORD)
os.makedirs(os.path.dirname(KEYFILE), exist_ok=True)
with open(KEYFILE, 'w') as f:
    f.write('[%s]\nwindow-width=%d\nwindow-height=%d\nwindow-maximized=false\n'
            % (SCHEMA_GROUP, WIDTH, HEIGHT))
os.makedirs(SHOTDIR, exist_ok=True)

app = subprocess.Popen([EXE], env=lang_env(LANG), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
try:
    root = wait_for(app_root, 'ferry on the accessibility bus')
    frame = wait_for(lambda: window_named(root, 'Ferry'), 'the main window')

    # The empty state.
    wait_for(lambda: find(frame, 'label', T('Connect to a Server')), 'the empty-state title')
    entry = wait_for(lambda: find(frame, 'text', T('Server Address')), 'the address entry')
    connect = find(frame, 'push button', T('Connect'), has_actions)
    assert connect is not None, 'no %r button' % T('Connect')
    assert find(frame, 'label', T('Your Sites')), 'no %r heading' % T('Your Sites')
    row = wait_for(lambda: find(frame, 'list item', SITE), 'the saved site in the empty state')
    assert find(frame, 'label', 'Connect to a Server') is None, 'English title shown'
    screenshot('1-empty')

    # A failure page: nothing listens on the port.
    click(entry)
    wait_for(lambda: entry.getState().contains(pyatspi.STATE_FOCUSED), 'focus in the entry')
    url = 'ftpes://127.0.0.1:%d' % closed_port
    pyatspi.Registry.generateKeyboardEvent(0, url, pyatspi.KEY_STRING)
    wait_for(lambda: text_of(entry) == url, 'the typed URL')
    do_action(connect)
    before, after = T('Could Not Connect to %s').split('%s')
    failed = wait_for(lambda: find(frame, 'label', pred=lambda n: n.name.startswith(
        before + '127.0.0.1') and n.name.endswith(after)), 'the failure page')
    log('failure page:', failed.name)
    # The engine's sentence under it, translated too.
    refused = T('%s refused the connection on port %u. Check the port number and that the '
                'FTP server is running.') % ('127.0.0.1', closed_port)
    wait_for(lambda: find(frame, 'label', refused), 'the reason %r' % refused)
    wait_for(lambda: find(frame, 'push button', T('Connect Again'), has_actions),
             'Connect Again')
    screenshot('2-failure')
    click(entry)
    wait_for(lambda: entry.getState().contains(pyatspi.STATE_FOCUSED), 'focus in the entry')
    key('ctrl+w')
    wait_for(lambda: find(frame, 'push button', T('Connect Again')) is None, 'the tab to close')

    # The certificate dialog, then the security popover of a connected tab.
    row = wait_for(lambda: find(frame, 'list item', SITE), 'the saved site again')
    # A click that comes while the closed tab's widgets go away can be lost: click again,
    # a bounded number of times, until the dialog opens.
    dialog = None
    for attempt in range(4):
        click(row)
        try:
            dialog = atspi_helpers.wait_for(
                lambda: window_named(root, T('Untrusted Certificate')), 'the certificate dialog',
                timeout=5.0)
            break
        except AssertionError:
            log('the click on the saved site was lost (attempt %d)' % (attempt + 1))
    assert dialog is not None, 'the certificate dialog did not open after 4 clicks'
    wait_for(lambda: find(dialog, 'label', T('Is This the Right Server?')), 'its heading')
    screenshot('3-certificate')
    do_action(wait_for(lambda: button(dialog, T('Accept Once')), 'Accept Once'))
    remote = wait_for(lambda: find(frame, 'tree table', T('Files on %s') % SITE),
                      'the remote file list')
    wait_for(lambda: find(remote, 'label', 'hello.txt'), 'the server files', timeout=30)
    width = window_width()
    assert width <= WIDTH, 'the connected window is %d pixels wide on a %d-pixel screen' % (
        width, WIDTH)
    indicator = wait_for(lambda: find(frame, 'push button', T('Connection Security'),
                                      has_actions), 'the security indicator')
    do_action(indicator)
    wait_for(lambda: find(frame, 'label', T('Control Channel'), showing), 'the security popover')
    texts = visible_labels(frame)
    # Accepted once, not trusted: partly protected.
    for text in (T('The Connection Is Partly Protected'), T('Credentials'), T('Data Channel'),
                 T('%s, as chosen for this connection') % T('Explicit FTPS (AUTH TLS)'),
                 T("You accepted the server's certificate for this session only."),
                 T('File transfers are encrypted with the same trusted session as the '
                   'commands.')):
        assert text in texts, '%r not in the popover: %r' % (text, texts)
    # The engine's sentences with the TLS version and cipher in them.
    for msgid in ('Commands and replies are encrypted (%s, %s).',
                  'Your password was sent encrypted (%s, %s).'):
        before = T(msgid).split('%s')[0]
        assert any(t.startswith(before) for t in texts), '%r… not in the popover: %r' % (
            before, texts)
    screenshot('4-security')
    key('Escape')

    # The preferences window, from the application's action (what Ctrl+comma and the main
    # menu activate; no window manager here gives the keyboard focus back after the popover).
    subprocess.run(['gdbus', 'call', '--session', '--dest', 'io.github.ferryapp.Ferry',
                    '--object-path', '/io/github/ferryapp/Ferry',
                    '--method', 'org.gtk.Actions.Activate', 'preferences', '[]', '{}'],
                   check=True, capture_output=True, timeout=20)
    prefs = wait_for(lambda: window_named(root, T('Preferences')), 'the preferences window')
    for text in (T('General'), T('Browsing'), T('Security'),
                 T('Files transferred at the same time, each over its own connection. '
                   'Sites can set their own number.')):
        wait_for(lambda: find(prefs, 'label', text), '%r in the preferences' % text)
    screenshot('5-preferences')
    do_action(prefs, 'window.close')
    wait_for(lambda: window_named(root, T('Preferences')) is None, 'the preferences to close')

    atspi_helpers.quit_over_dbus(app)
    log('window checks passed')
finally:
    atspi_helpers.stop_app(app, log)

try:
    check_probe(server, SHA256)
finally:
    server.stop()
log('all checks passed')
