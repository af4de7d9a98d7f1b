#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""ferry-cli ls, get, put, mkdir, rm and mv against vsftpd (explicit, require_ssl_reuse, TLS
1.3) and ProFTPD; recursive transfers through the transfer runner with --parallel 3; Ctrl-C
during a throttled download and --continue; a hostile listing that must not write outside the
chosen folder. Hang guards only, no timing assertions."""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

import ferrytest
from ferrytest import ftpservers, run_cli, url_for, EXIT_OK, EXIT_USAGE, EXIT_REMOTE, \
    EXIT_LOCAL, EXIT_CANCELLED, EXIT_UNREADABLE

UTF8_DIR = 'gr\u00fc\u00dfe-\u65e5\u672c'

# A local tree to upload: spaces, UTF-8, a hidden file, an empty folder, three levels.
LOCAL_TREE = {
    'top.txt': b'At the top.\n',
    'name with spaces.txt': b'Spaces in the name.\n',
    '.hidden': b'A hidden file.\n',
    UTF8_DIR + '/datei \u00e4.bin': bytes((i * 13 + 5) & 0xff for i in range(200 * 1024)),
    UTF8_DIR + '/tief/leaf.txt': b'Three levels down.\n',
}
LOCAL_TREE.update({'many/f%02d.txt' % i: ('file %d\n' % i).encode() * (i + 1)
                   for i in range(12)})
EMPTY_DIRS = ['empty folder']


def write_tree(root, tree, empty_dirs=()):
    for rel, data in tree.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)
    for rel in empty_dirs:
        os.makedirs(os.path.join(root, rel), exist_ok=True)


def tree_listing(root):
    """{relative path: bytes or None for folders} of everything under root."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            out[os.path.relpath(os.path.join(dirpath, d), root)] = None
        for f in filenames:
            p = os.path.join(dirpath, f)
            with open(p, 'rb') as fh:
                out[os.path.relpath(p, root)] = fh.read()
    return out


def read(path):
    with open(path, 'rb') as f:
        return f.read()


class CliTransfersMixin:
    """The same tests against each server; subclasses start it in setUpClass."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='ferry-cli-transfers-')
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def cli(self, command, *args, **kwargs):
        return run_cli(command, '--ca-file', self.srv.cert.ca, *args, **kwargs)

    def url(self, path=''):
        return url_for(self.srv) + path

    def served(self, rel):
        return os.path.join(self.srv.root, rel)

    # ---- ls ----

    def test_ls_plain(self):
        r = self.cli('ls', self.url('/'))
        self.assertEqual(r.rc, EXIT_OK, r)
        lines = r.stdout.splitlines()
        names = [line.split('  ')[-1] for line in lines]
        for name in ('hello.txt', 'name with spaces.txt', 'gr\u00fc\u00dfe-\u65e5\u672c.txt',
                     'data.bin', 'empty.txt', 'sub'):
            self.assertIn(name, names, r)
        hello = next(line for line in lines if line.endswith('hello.txt'))
        self.assertTrue(hello.startswith('file'), hello)
        self.assertIn(' %d ' % len(ftpservers.TREE['hello.txt']), hello)
        sub = next(line for line in lines if line.endswith('  sub'))
        self.assertTrue(sub.startswith('directory'), sub)

    def test_ls_json_of_a_folder(self):
        r = self.cli('ls', '--json', self.url('/sub'))
        self.assertEqual(r.rc, EXIT_OK, r)
        entries = json.loads(r.stdout)
        self.assertIsInstance(entries, list)
        by_name = {e['name']: e for e in entries}
        self.assertEqual(set(by_name), {'nested.txt', 'deeper'}, r)
        self.assertEqual(by_name['nested.txt']['kind'], 'file')
        self.assertEqual(by_name['nested.txt']['size'], len(ftpservers.TREE['sub/nested.txt']))
        self.assertTrue(by_name['nested.txt']['modified'])
        self.assertEqual(by_name['deeper']['kind'], 'directory')
        for e in entries:
            self.assertNotIn('raw_name_base64', e)
            self.assertTrue(e['safe_name'])

    def test_ls_missing_folder_fails(self):
        r = self.cli('ls', self.url('/no-such-folder'))
        self.assertEqual(r.rc, EXIT_REMOTE, r)
        self.assertIn('no-such-folder', r.stderr)

    # ---- get and put of single files ----

    def test_get_is_byte_identical(self):
        for name in ('hello.txt', 'data.bin', 'empty.txt', 'name with spaces.txt'):
            r = self.cli('get', self.url('/' + name.replace(' ', '%20')), self.tmp)
            self.assertEqual(r.rc, EXIT_OK, r)
            self.assertEqual(read(os.path.join(self.tmp, name)), ftpservers.TREE[name])
            self.assertFalse(os.path.exists(os.path.join(self.tmp, name + '.part')))
            self.assertNotIn('\r', r.stderr)    # no progress line when not on a terminal
            self.assertIn('Downloaded', r.stderr)

    def test_get_refuses_to_overwrite(self):
        target = os.path.join(self.tmp, 'mine.txt')
        with open(target, 'wb') as f:
            f.write(b'local content\n')
        r = self.cli('get', self.url('/hello.txt'), target)
        self.assertEqual(r.rc, EXIT_LOCAL, r)
        self.assertIn('already exists', r.stderr)
        self.assertEqual(read(target), b'local content\n')
        r = self.cli('get', '--overwrite', self.url('/hello.txt'), target)
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(read(target), ftpservers.TREE['hello.txt'])

    def test_get_of_a_folder_needs_r(self):
        r = self.cli('get', self.url('/sub'), self.tmp)
        self.assertEqual(r.rc, EXIT_USAGE, r)
        self.assertIn('-r', r.stderr)

    def test_put_is_byte_identical(self):
        local = os.path.join(self.tmp, 'upload %s.bin' % self.id().split('.')[-2])
        data = os.urandom(100 * 1024) + b'end\n'
        with open(local, 'wb') as f:
            f.write(data)
        r = self.cli('put', local, self.url('/'))
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(read(self.served(os.path.basename(local))), data)
        self.assertIn('Uploaded', r.stderr)
        # Again: the file exists now and is not replaced without --overwrite.
        r = self.cli('put', local, self.url('/'))
        self.assertEqual(r.rc, EXIT_REMOTE, r)
        self.assertIn('already exists', r.stderr)
        # Under another name, given in the URL.
        r = self.cli('put', local, self.url('/renamed-%s.bin' % self.id().split('.')[-2]))
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(read(self.served('renamed-%s.bin' % self.id().split('.')[-2])), data)

    # ---- recursive, through the runner ----

    def test_recursive_put_then_get_with_three_sessions(self):
        tag = self.id().split('.')[-2]
        src = os.path.join(self.tmp, 'src')
        write_tree(src, LOCAL_TREE, EMPTY_DIRS)
        remote = '/copy %s' % tag
        r = self.cli('put', '-r', '--parallel', '3', src, self.url(remote.replace(' ', '%20')))
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(tree_listing(self.served(remote[1:])), tree_listing(src))
        # The folders were made by this upload: no SIZE looks for a file before its STOR;
        # the SIZE after it checks what arrived.
        commands = self.srv.commands()
        stored = [c[5:] for c in commands if c.startswith('STOR %s/' % remote)]
        self.assertEqual(len(stored), len(LOCAL_TREE), commands)
        for path in stored:
            sizes = [i for i, c in enumerate(commands) if c == 'SIZE ' + path]
            self.assertTrue(sizes, 'no size check of %s' % path)
            self.assertGreater(sizes[0], commands.index('STOR ' + path), path)

        r = self.cli('ls', self.url(remote.replace(' ', '%20')))
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertNotIn('.hidden', r.stdout)
        r = self.cli('ls', '-a', self.url(remote.replace(' ', '%20')))
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertIn('.hidden', r.stdout)

        dest = os.path.join(self.tmp, 'dest')
        logins = sum(1 for c in self.srv.commands() if c.startswith('PASS'))
        r = self.cli('get', '-r', '--parallel', '3', self.url(remote.replace(' ', '%20')), dest)
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(tree_listing(dest), tree_listing(src))
        self.assertIn('Downloaded %d files' % len(LOCAL_TREE), r.stderr)
        # The browsing session and three transfer sessions, each a control connection.
        logins = sum(1 for c in self.srv.commands() if c.startswith('PASS')) - logins
        self.assertGreaterEqual(logins, 4, self.srv.commands())

        # Into an existing folder: a folder of that name is made inside it; files that
        # exist there are not replaced unless asked.
        r = self.cli('get', '-r', self.url(remote.replace(' ', '%20')), dest)
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(tree_listing(os.path.join(dest, os.path.basename(remote))),
                         tree_listing(src))
        r = self.cli('get', '-r', self.url(remote.replace(' ', '%20')), dest)
        self.assertEqual(r.rc, EXIT_LOCAL, r)
        self.assertIn('already exists', r.stderr)
        r = self.cli('get', '-r', '--overwrite', self.url(remote.replace(' ', '%20')), dest)
        self.assertEqual(r.rc, EXIT_OK, r)

    def test_recursive_get_of_the_server_tree(self):
        dest = os.path.join(self.tmp, 'all')
        r = self.cli('get', '-r', '--parallel', '3', '--preserve-times', self.url('/sub'), dest)
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(read(os.path.join(dest, 'nested.txt')), ftpservers.TREE['sub/nested.txt'])
        self.assertEqual(read(os.path.join(dest, 'deeper', 'leaf.txt')),
                         ftpservers.TREE['sub/deeper/leaf.txt'])
        self.assertEqual(int(os.stat(os.path.join(dest, 'nested.txt')).st_mtime),
                         int(os.stat(self.served('sub/nested.txt')).st_mtime))

    # ---- mkdir, rm, mv ----

    def test_mkdir_rm_mv(self):
        tag = self.id().split('.')[-2]
        folder = 'made %s' % tag
        enc = lambda p: p.replace(' ', '%20')
        r = self.cli('mkdir', self.url(enc('/' + folder)))
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertTrue(os.path.isdir(self.served(folder)))
        # mkdir of something that exists fails.
        r = self.cli('mkdir', self.url(enc('/' + folder)))
        self.assertEqual(r.rc, EXIT_REMOTE, r)

        local = os.path.join(self.tmp, 'f.txt')
        with open(local, 'wb') as f:
            f.write(b'to be moved\n')
        self.assertEqual(self.cli('put', local, self.url(enc('/%s/' % folder))).rc, EXIT_OK)

        # mv: relative to the URL's folder, then to an absolute path.
        r = self.cli('mv', self.url(enc('/%s/f.txt' % folder)), 'g.txt')
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertFalse(os.path.exists(self.served(folder + '/f.txt')))
        self.assertEqual(read(self.served(folder + '/g.txt')), b'to be moved\n')
        r = self.cli('mv', self.url(enc('/%s/g.txt' % folder)), '/moved-%s.txt' % tag)
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(read(self.served('moved-%s.txt' % tag)), b'to be moved\n')
        r = self.cli('mv', self.url(enc('/moved-%s.txt' % tag)), folder + '/back.txt')
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertTrue(os.path.isfile(self.served(folder + '/back.txt')))

        # rm: a file; a folder that is not empty needs -r; -r deletes it all.
        r = self.cli('rm', self.url(enc('/%s/back.txt' % folder)))
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertFalse(os.path.exists(self.served(folder + '/back.txt')))
        self.assertEqual(self.cli('mkdir', self.url(enc('/%s/inner' % folder))).rc, EXIT_OK)
        self.assertEqual(self.cli('put', local, self.url(enc('/%s/inner/' % folder))).rc,
                         EXIT_OK)
        r = self.cli('rm', self.url(enc('/' + folder)))
        self.assertEqual(r.rc, EXIT_REMOTE, r)
        self.assertIn('-r', r.stderr)
        self.assertTrue(os.path.isfile(self.served(folder + '/inner/f.txt')))
        r = self.cli('rm', '-r', self.url(enc('/' + folder)))
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertFalse(os.path.exists(self.served(folder)))
        # An empty folder goes without -r.
        self.assertEqual(self.cli('mkdir', self.url('/empty-' + tag)).rc, EXIT_OK)
        r = self.cli('rm', '--json', self.url('/empty-' + tag))
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertTrue(r.json['ok'])
        self.assertFalse(os.path.exists(self.served('empty-' + tag)))

    def test_rm_refuses_the_root(self):
        for path in ('/', '//'):
            r = self.cli('rm', '-r', self.url(path))
            self.assertEqual(r.rc, EXIT_USAGE, r)
            self.assertIn('root', r.stderr)
        self.assertTrue(os.path.isfile(self.served('hello.txt')))


class Vsftpd(CliTransfersMixin, ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.Vsftpd(mode='explicit', tls='1.3', require_ssl_reuse=True)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()


class Proftpd(CliTransfersMixin, ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.Proftpd(tls='1.3')

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()


# ---- Ctrl-C and --continue ----

BIG = bytes((i * 31 + (i >> 8)) & 0xff for i in range(1024 * 1024))


class Interrupt(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        files = dict(ftpservers.TREE)
        files['big.bin'] = BIG
        cls.srv = ftpservers.Vsftpd(mode='explicit', tls='1.3', max_rate=128 * 1024,
                                    files=files)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def test_ctrl_c_keeps_part_and_continue_completes(self):
        tmp = tempfile.mkdtemp(prefix='ferry-cli-interrupt-')
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        target = os.path.join(tmp, 'big.bin')
        part = target + '.part'
        env = dict(os.environ, FERRY_PASSWORD=ferrytest.PASSWORD)
        p = subprocess.Popen([ferrytest.CLI, 'get', '--ca-file', self.srv.cert.ca,
                              url_for(self.srv) + '/big.bin', tmp],
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, text=True)
        try:
            guard = time.monotonic() + 60    # hang guard
            while time.monotonic() < guard and p.poll() is None:
                if os.path.exists(part) and os.path.getsize(part) > 0:
                    break
                time.sleep(0.05)
            self.assertIsNone(p.poll(), 'the throttled download ended too soon')
            self.assertTrue(os.path.exists(part))
            p.send_signal(signal.SIGINT)
            out, err = p.communicate(timeout=30)    # hang guard
        finally:
            if p.poll() is None:
                p.kill()
                p.communicate()
        self.assertEqual(p.returncode, EXIT_CANCELLED, err)
        self.assertTrue(os.path.exists(part), err)
        self.assertFalse(os.path.exists(target))
        kept = os.path.getsize(part)
        self.assertGreater(kept, 0)
        self.assertLess(kept, len(BIG))
        self.assertIn('--continue', err)

        # --continue resumes (REST) and completes the file, on a terminal with a progress line.
        master, slave = os.openpty()
        try:
            q = subprocess.Popen([ferrytest.CLI, 'get', '--continue', '--ca-file',
                                  self.srv.cert.ca, url_for(self.srv) + '/big.bin', tmp],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=slave, env=env)
            os.close(slave)
            chunks = []

            def drain():
                while True:
                    try:
                        data = os.read(master, 4096)
                    except OSError:
                        return
                    if not data:
                        return
                    chunks.append(data)
            reader = threading.Thread(target=drain, daemon=True)
            reader.start()
            q.communicate(timeout=90)    # hang guard
            reader.join(timeout=10)
        finally:
            os.close(master)
        tty_err = b''.join(chunks).decode('utf-8', 'replace')
        self.assertEqual(q.returncode, EXIT_OK, tty_err)
        self.assertEqual(read(target), BIG)
        self.assertFalse(os.path.exists(part))
        self.assertTrue(any(c.startswith('REST %d' % kept) for c in self.srv.commands()),
                        self.srv.commands())
        self.assertIn('\r', tty_err)       # the progress line, rewritten in place
        self.assertIn('/s', tty_err)
        self.assertIn('Downloaded', tty_err)


# ---- a hostile listing ----

HOSTILE_LISTING = [
    b'-rw-r--r--    1 1000     1000            9 Jan 01 12:00 good.txt',
    b'-rw-r--r--    1 1000     1000            9 Jan 01 12:00 ../evil',
    b'-rw-r--r--    1 1000     1000            9 Jan 01 12:00 a/b',
    b'-rw-r--r--    1 1000     1000            9 Jan 01 12:00 bell\x07name',
    b'drwxr-xr-x    2 1000     1000         4096 Jan 01 12:00 sub',
]
HOSTILE_SUB_LISTING = [
    b'-rw-r--r--    1 1000     1000            9 Jan 01 12:00 inner.txt',
    b'-rw-r--r--    1 1000     1000            9 Jan 01 12:00 ../../escape',
]
HOSTILE_FILES = {'/good.txt': b'good one\n', '/sub/inner.txt': b'inner ok\n'}
HOSTILE_CONTENT = b'EVIL!!!!\n'


_plain_handlers = ftpservers.plain_ftp_handlers


@ftpservers.ScriptedServer.register('hostile-listing')
def _hostile_listing(conn, server):
    state = {'data': None, 'cwd': '/'}
    handlers, send_data = _plain_handlers(state)

    def absolute(arg):
        arg = arg.strip()
        if not arg.startswith('/'):
            arg = state['cwd'].rstrip('/') + '/' + arg
        return arg

    def cwd(c, arg):
        path = absolute(arg).rstrip('/') or '/'
        if path in ('/', '/sub'):
            state['cwd'] = path
            c.send('250 OK.')
        else:
            c.send('550 Not a folder.')

    def listing(c, arg):
        lines = HOSTILE_SUB_LISTING if state['cwd'] == '/sub' else HOSTILE_LISTING
        send_data(c, b''.join(line + b'\r\n' for line in lines))

    def size(c, arg):
        path = absolute(arg)
        if path in HOSTILE_FILES:
            c.send('213 %d' % len(HOSTILE_FILES[path]))
        else:
            c.send('550 Could not get file size.')

    def retr(c, arg):
        # Serves anything it is asked for: the test checks what was asked.
        send_data(c, HOSTILE_FILES.get(absolute(arg), HOSTILE_CONTENT))

    conn.send('220 Hostile listing server.')
    handlers.update({'CWD': cwd, 'LIST': listing, 'SIZE': size, 'RETR': retr})
    conn.serve(handlers)
    if state['data']:
        state['data'].close()


# Lines no reader of Ferry knows yet, one readable line among them in /mixed.
UNREAD_LINES = [b'XYZZY frobnicated %d' % i for i in range(7)]
UNREAD_GOOD = b'-rw-r--r--    1 1000     1000            9 Jan 01 12:00 good.txt'


@ftpservers.ScriptedServer.register('unread-listing')
def _unread_listing(conn, server):
    state = {'data': None, 'cwd': '/'}
    handlers, send_data = _plain_handlers(state)

    def cwd(c, arg):
        state['cwd'] = arg.strip()
        c.send('250 OK.')

    def listing(c, arg):
        where = arg.strip() or state['cwd']
        lines = UNREAD_LINES + ([UNREAD_GOOD] if where.endswith('mixed') else [])
        send_data(c, b''.join(line + b'\r\n' for line in lines))

    conn.send('220 Odd listing server.')
    handlers.update({'CWD': cwd, 'LIST': listing})
    conn.serve(handlers)
    if state['data']:
        state['data'].close()


class UnreadListing(ferrytest.NetTestCase):
    """A folder Ferry cannot read never looks empty: ls says so on standard error."""

    def ls(self, folder, *args):
        srv = ftpservers.ScriptedServer('unread-listing')
        self.addCleanup(srv.stop)
        return run_cli('ls', '--security', 'plain', *args,
                       'ftp://alice@127.0.0.1:%d/%s' % (srv.port, folder))

    def test_nothing_readable_exits_unreadable(self):
        r = self.ls('none', '--json')
        self.assertEqual(r.rc, EXIT_UNREADABLE, r)
        self.assertEqual(json.loads(r.stdout), [])
        self.assertIn('7 lines of the listing could not be read', r.stderr)
        for line in UNREAD_LINES[:5]:
            self.assertIn('  ' + line.decode(), r.stderr)
        self.assertNotIn(UNREAD_LINES[5].decode(), r.stderr)
        self.assertIn('and 2 more lines', r.stderr)

    def test_some_readable_lists_them_and_warns(self):
        r = self.ls('mixed')
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual([line.split()[-1] for line in r.stdout.splitlines()], ['good.txt'])
        self.assertIn('7 lines of the listing could not be read', r.stderr)


# One line of each kind of server per line (tests/data/listings/mixed.txt, also read by
# test-list-parser-formats.c), and one line in no format.
MIXED_LISTING = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, 'data',
                             'listings', 'mixed.txt')


@ftpservers.ScriptedServer.register('mixed-listing')
def _mixed_listing(conn, server):
    state = {'data': None}
    handlers, send_data = _plain_handlers(state)
    with open(MIXED_LISTING, 'rb') as f:
        lines = f.read().splitlines()

    def listing(c, arg):
        send_data(c, b''.join(line + b'\r\n' for line in lines))

    conn.send('220 A server of many kinds.')
    handlers.update({'CWD': lambda c, arg: c.send('250 OK.'), 'LIST': listing})
    conn.serve(handlers)
    if state['data']:
        state['data'].close()


class MixedListing(ferrytest.NetTestCase):
    """A listing that mixes formats line by line is read line by line, over the wire."""

    def test_every_format_is_read(self):
        srv = ftpservers.ScriptedServer('mixed-listing')
        self.addCleanup(srv.stop)
        r = run_cli('ls', '--security', 'plain', '--json',
                    'ftp://alice@127.0.0.1:%d/mixed' % srv.port)
        self.assertEqual(r.rc, EXIT_OK, r)
        got = {e['name']: (e['kind'], e['size']) for e in json.loads(r.stdout)}
        self.assertEqual(got, {
            'unix.txt': ('file', 1234),
            'units.txt': ('file', 2048),
            'oktober.txt': ('file', 1234),
            'dos folder': ('directory', None),
            'mlsd in list.txt': ('file', 7),
            'README.TXT;3': ('file', 1024),
            'A_VERY_LONG_FILE_NAME_INDEED.TXT;1': ('file', 155 * 512),
            'ibm i.txt': ('file', 36864),
            'OS2.TXT': ('file', 35362),
            'vxworks dir': ('directory', 512),
            'ALTDATA': ('file', 2),
            'MEMBER1': ('file', None),
            'MEMBER2': ('file', None),
            'sjis.txt': ('file', 1234),
        })
        # Dates with their year do not depend on the day the test runs.
        dated = {e['name']: e['modified'] for e in json.loads(r.stdout)}
        self.assertEqual(dated['README.TXT;3'], '2001-11-19T21:41:07Z')
        self.assertEqual(dated['oktober.txt'], '2003-10-02T00:00:00Z')
        self.assertEqual(dated['ibm i.txt'], '2003-12-25T17:07:05Z')
        self.assertIsNone(dated['MEMBER2'])
        self.assertIn('1 line of the listing could not be read', r.stderr)
        self.assertIn('  this line is in no format at all', r.stderr)


FLAKY = bytes((i * 17 + 1) & 0xff for i in range(300 * 1024))
FLAKY_CUT = 100 * 1024


@ftpservers.ScriptedServer.register('flaky-retr')
def _flaky_retr(conn, server):
    """The first RETR of /flaky.bin stops after FLAKY_CUT bytes with 426; later ones honour
    REST."""
    state = {'data': None, 'rest': 0}
    handlers, send_data = _plain_handlers(state)

    def rest(c, arg):
        state['rest'] = int(arg)
        c.send('350 Restarting at %d.' % state['rest'])

    def retr(c, arg):
        offset, state['rest'] = state['rest'], 0
        if arg.strip() != '/flaky.bin':
            c.send('550 No such file.')
        elif not server.params['failed']:
            server.params['failed'] = True
            send_data(c, FLAKY[:FLAKY_CUT], '426 Connection closed; transfer aborted.')
        else:
            send_data(c, FLAKY[offset:])

    conn.send('220 Flaky server.')
    handlers.update({
        'CWD': lambda c, a: c.send('550 Not a folder.'), 'REST': rest, 'RETR': retr,
        'SIZE': lambda c, a: c.send('213 %d' % len(FLAKY) if a.strip() == '/flaky.bin'
                                    else '550 No such file.'),
    })
    conn.serve(handlers)
    if state['data']:
        state['data'].close()


class Retry(ferrytest.NetTestCase):
    def test_a_broken_download_is_retried_and_resumed(self):
        srv = ftpservers.ScriptedServer('flaky-retr', failed=False)
        self.addCleanup(srv.stop)
        tmp = tempfile.mkdtemp(prefix='ferry-cli-retry-')
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        r = run_cli('get', '--security', 'plain', 'ftp://alice@127.0.0.1:%d/flaky.bin' % srv.port,
                    tmp)
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(read(os.path.join(tmp, 'flaky.bin')), FLAKY)
        self.assertIn('Trying again in 1 s', r.stderr)
        lines = srv.received_lines()
        self.assertIn('REST %d' % FLAKY_CUT, lines)
        self.assertEqual(sum(1 for line in lines if line.startswith('RETR')), 2)


class HostileListing(ferrytest.NetTestCase):
    def test_get_r_refuses_names_that_leave_the_folder(self):
        srv = ftpservers.ScriptedServer('hostile-listing')
        self.addCleanup(srv.stop)
        base = tempfile.mkdtemp(prefix='ferry-cli-hostile-')
        self.addCleanup(shutil.rmtree, base, ignore_errors=True)
        # A sandbox inside a sandbox: base/outer/chosen is the chosen folder; "../evil"
        # would land in base/outer, "../../escape" (from sub) in base/outer too.
        outer = os.path.join(base, 'outer')
        os.makedirs(outer)
        chosen = os.path.join(outer, 'chosen')
        r = run_cli('get', '-r', '--parallel', '2', '--security', 'plain',
                    'ftp://alice@127.0.0.1:%d/' % srv.port, chosen)
        self.assertNotEqual(r.rc, EXIT_OK, r)
        self.assertEqual(r.rc, EXIT_REMOTE, r)     # the server sent what Ferry refuses

        # Only the good files arrived, and nothing outside the chosen folder.
        self.assertEqual(tree_listing(base), {
            'outer': None,
            'outer/chosen': None,
            'outer/chosen/good.txt': b'good one\n',
            'outer/chosen/sub': None,
            'outer/chosen/sub/inner.txt': b'inner ok\n',
        })
        # Each refused name is named, with why.
        for shown in ('../evil', 'a/b', 'bell', '../../escape'):
            self.assertIn(shown, r.stderr)
        self.assertIn('outside the chosen folder', r.stderr)
        self.assertIn('4 failed', r.stderr)
        # The refused names were never asked for.
        retrs = [line for line in srv.received_lines() if line.startswith('RETR')]
        self.assertEqual(sorted(retrs), ['RETR /good.txt', 'RETR /sub/inner.txt'])


if __name__ == '__main__':
    ferrytest.main()
