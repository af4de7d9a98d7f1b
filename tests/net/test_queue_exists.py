#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a transfer does with a file that exists at its target (ferry-exists-policy.h), in
FOLDER transfers both ways against vsftpd (explicit TLS 1.3, session reuse): ferry-cli get/put
-r with no choice, --skip-existing, --rename, --newer, --overwrite and --continue; and Ask
through a FerryTransferRunner (tests/queue-exists-driver.c) that answers later, one question
of a batch at a time, with "apply to the rest of this batch". Hang guards only."""

import os
import re
import shutil
import subprocess
import tempfile

import ferrytest
from ferrytest import ftpservers, run_cli, url_for, EXIT_OK, EXIT_USAGE, EXIT_REMOTE, \
    EXIT_LOCAL

DRIVER = os.path.join(ferrytest.BUILD_DIR, 'tests', 'queue-exists-driver')

T_OLD = 1577880000   # 2020-01-01
T_MID = 1641038400   # 2022-01-01
T_NEW = 1704110400   # 2024-01-01

# The source side of each transfer: a.txt newer than the target, sub/b.txt older and its
# target a prefix of it (resumable), sub/c.txt the same age, fresh.txt not at the target.
SRC = {
    'a.txt': b'source a\n',
    'sub/b.txt': bytes((i * 7 + 3) & 0xff for i in range(100 * 1024)),
    'sub/c.txt': b'source c\n' * 10,
    'fresh.txt': b'only at the source\n',
}
SRC_TIMES = {'a.txt': T_NEW, 'sub/b.txt': T_OLD, 'sub/c.txt': T_MID, 'fresh.txt': T_MID}
# What is at the target before: a.txt LONGER than the source (so --continue starts over),
# b.txt a prefix of the source.
DST = {
    'a.txt': b'the target a, longer than the source\n',
    'sub/b.txt': SRC['sub/b.txt'][:30 * 1024],
    'sub/c.txt': b'target c\n',
}
DST_TIMES = {'a.txt': T_MID, 'sub/b.txt': T_MID, 'sub/c.txt': T_MID}


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def write_tree(root, tree, times, uid=None, gid=None):
    for rel, data in tree.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)
        os.utime(path, (times[rel], times[rel]))
    if uid is not None:
        for dirpath, dirnames, filenames in os.walk(root):
            for n in [dirpath] + [os.path.join(dirpath, x) for x in dirnames + filenames]:
                os.lchown(n, uid, gid)


def parse(lines, kind):
    """The KEY=VALUE fields of the driver's KIND lines (values may hold spaces)."""
    out = []
    for line in lines.splitlines():
        if line.startswith(kind + ' '):
            out.append(dict(re.findall(r'(\w+)=(.*?)(?= \w+=|$)', line[len(kind) + 1:])))
    return out


class QueueExists(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.Vsftpd(mode='explicit', tls='1.3', require_ssl_reuse=True)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='ferry-queue-exists-')
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.tag = self.id().split('.')[-1]

    def cli(self, *args):
        return run_cli(args[0], '--ca-file', self.srv.cert.ca, *args[1:])

    def url(self, path=''):
        return url_for(self.srv) + path

    def served(self, *rel):
        return os.path.join(self.srv.root, *rel)

    # ---- downloads: the server has SRC in /TAG/ex, the local folder DST in dl/ex ----

    def download_setup(self):
        write_tree(self.served(self.tag, 'ex'), SRC, SRC_TIMES, self.srv.uid, self.srv.gid)
        os.chown(self.served(self.tag), self.srv.uid, self.srv.gid)
        dl = os.path.join(self.tmp, 'dl')
        write_tree(os.path.join(dl, 'ex'), DST, DST_TIMES)
        return dl, os.path.join(dl, 'ex')

    def get(self, *options):
        dl, local = self.download_setup()
        r = self.cli('get', '-r', *options, self.url('/%s/ex' % self.tag), dl)
        return r, local

    def test_download_folder_without_a_choice_fails_each_existing_file(self):
        r, local = self.get()
        self.assertEqual(r.rc, EXIT_LOCAL, r)
        self.assertIn('already exists', r.stderr)
        # Nothing replaced, and the rest of the folder went on.
        for rel in DST:
            self.assertEqual(read(os.path.join(local, rel)), DST[rel], rel)
        self.assertEqual(read(os.path.join(local, 'fresh.txt')), SRC['fresh.txt'])
        self.assertIn('3 failed', r.stderr)

    def test_download_folder_skip_existing(self):
        r, local = self.get('--skip-existing')
        self.assertEqual(r.rc, EXIT_OK, r)
        for rel in DST:
            self.assertEqual(read(os.path.join(local, rel)), DST[rel], rel)
        self.assertEqual(read(os.path.join(local, 'fresh.txt')), SRC['fresh.txt'])

    def test_download_folder_overwrite(self):
        r, local = self.get('--overwrite')
        self.assertEqual(r.rc, EXIT_OK, r)
        for rel in SRC:
            self.assertEqual(read(os.path.join(local, rel)), SRC[rel], rel)

    def test_download_folder_continue(self):
        r, local = self.get('--continue')
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(read(os.path.join(local, 'a.txt')), SRC['a.txt'])  # longer: anew
        self.assertEqual(read(os.path.join(local, 'sub/b.txt')), SRC['sub/b.txt'])
        # Resume trusts that a shorter target is the start of the source, as REST does.
        self.assertEqual(read(os.path.join(local, 'sub/c.txt')),
                         DST['sub/c.txt'] + SRC['sub/c.txt'][len(DST['sub/c.txt']):])
        # b.txt was resumed from where the local prefix ended, not sent again.
        rest = [c for c in self.srv.commands() if c.startswith('REST ')]
        self.assertIn('REST %d' % len(DST['sub/b.txt']), rest)

    def test_download_folder_rename(self):
        r, local = self.get('--rename')
        self.assertEqual(r.rc, EXIT_OK, r)
        for rel in DST:
            self.assertEqual(read(os.path.join(local, rel)), DST[rel], rel)
        self.assertEqual(read(os.path.join(local, 'a (1).txt')), SRC['a.txt'])
        self.assertEqual(read(os.path.join(local, 'sub', 'b (1).txt')), SRC['sub/b.txt'])
        self.assertEqual(read(os.path.join(local, 'sub', 'c (1).txt')), SRC['sub/c.txt'])
        self.assertEqual(read(os.path.join(local, 'fresh.txt')), SRC['fresh.txt'])
        # Again: the first free number.
        r = self.cli('get', '-r', '--rename', self.url('/%s/ex' % self.tag),
                     os.path.dirname(local))
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(read(os.path.join(local, 'a (2).txt')), SRC['a.txt'])
        self.assertEqual(read(os.path.join(local, 'fresh (1).txt')), SRC['fresh.txt'])
        self.assertFalse([n for n in os.listdir(local) if n.endswith('.part')])

    def test_download_folder_newer(self):
        r, local = self.get('--newer')
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(read(os.path.join(local, 'a.txt')), SRC['a.txt'])          # newer
        self.assertEqual(read(os.path.join(local, 'sub/b.txt')), DST['sub/b.txt'])  # older
        self.assertEqual(read(os.path.join(local, 'sub/c.txt')), DST['sub/c.txt'])  # same age
        self.assertEqual(read(os.path.join(local, 'fresh.txt')), SRC['fresh.txt'])

    def test_choices_are_mutually_exclusive(self):
        for pair in (('--skip-existing', '--rename'), ('--newer', '--overwrite'),
                     ('--continue', '--rename')):
            for command, args in (('get', [self.url('/hello.txt'), self.tmp]),
                                  ('put', [os.path.join(self.tmp, 'x'), self.url('/')])):
                r = self.cli(command, *pair, *args)
                self.assertEqual(r.rc, EXIT_USAGE, r)
                self.assertIn('give only one of them', r.stderr)
        r = run_cli('get', '--help')
        for option in ('--skip-existing', '--rename', '--newer'):
            self.assertIn(option, r.stdout)

    # ---- uploads: the local folder has SRC in up/ex, the server DST in /TAG/ex ----

    def upload_setup(self):
        up = os.path.join(self.tmp, 'up')
        write_tree(os.path.join(up, 'ex'), SRC, SRC_TIMES)
        write_tree(self.served(self.tag, 'ex'), DST, DST_TIMES, self.srv.uid, self.srv.gid)
        os.chown(self.served(self.tag), self.srv.uid, self.srv.gid)
        return os.path.join(up, 'ex'), self.served(self.tag, 'ex')

    def put(self, *options):
        src, remote = self.upload_setup()
        r = self.cli('put', '-r', *options, src, self.url('/%s/' % self.tag))
        return r, remote

    def test_upload_folder_without_a_choice_fails_each_existing_file(self):
        r, remote = self.put()
        self.assertEqual(r.rc, EXIT_REMOTE, r)
        self.assertIn('already exists on the server', r.stderr)
        for rel in DST:
            self.assertEqual(read(os.path.join(remote, rel)), DST[rel], rel)
        self.assertEqual(read(os.path.join(remote, 'fresh.txt')), SRC['fresh.txt'])

    def test_upload_folder_skip_existing(self):
        r, remote = self.put('--skip-existing')
        self.assertEqual(r.rc, EXIT_OK, r)
        for rel in DST:
            self.assertEqual(read(os.path.join(remote, rel)), DST[rel], rel)
        self.assertEqual(read(os.path.join(remote, 'fresh.txt')), SRC['fresh.txt'])

    def test_upload_folder_overwrite(self):
        r, remote = self.put('--overwrite')
        self.assertEqual(r.rc, EXIT_OK, r)
        for rel in SRC:
            self.assertEqual(read(os.path.join(remote, rel)), SRC[rel], rel)

    def test_upload_folder_continue(self):
        r, remote = self.put('--continue')
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(read(os.path.join(remote, 'a.txt')), SRC['a.txt'])  # longer: anew
        self.assertEqual(read(os.path.join(remote, 'sub/b.txt')), SRC['sub/b.txt'])
        self.assertEqual(read(os.path.join(remote, 'sub/c.txt')),
                         DST['sub/c.txt'] + SRC['sub/c.txt'][len(DST['sub/c.txt']):])
        rest = [c for c in self.srv.commands() if c.startswith('REST ')]
        self.assertIn('REST %d' % len(DST['sub/b.txt']), rest)

    def test_upload_folder_rename(self):
        r, remote = self.put('--rename')
        self.assertEqual(r.rc, EXIT_OK, r)
        for rel in DST:
            self.assertEqual(read(os.path.join(remote, rel)), DST[rel], rel)
        self.assertEqual(read(os.path.join(remote, 'a (1).txt')), SRC['a.txt'])
        self.assertEqual(read(os.path.join(remote, 'sub', 'b (1).txt')), SRC['sub/b.txt'])
        self.assertEqual(read(os.path.join(remote, 'fresh.txt')), SRC['fresh.txt'])

    def test_upload_folder_newer(self):
        r, remote = self.put('--newer')
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(read(os.path.join(remote, 'a.txt')), SRC['a.txt'])
        self.assertEqual(read(os.path.join(remote, 'sub/b.txt')), DST['sub/b.txt'])
        self.assertEqual(read(os.path.join(remote, 'sub/c.txt')), DST['sub/c.txt'])

    # ---- Ask: the runner waits for answers, one question of a batch at a time ----

    def driver(self, *args):
        env = dict(os.environ, FERRY_PASSWORD=ferrytest.PASSWORD)
        p = subprocess.run([DRIVER, '--ca-file', self.srv.cert.ca] + list(args) + [self.url()],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                           timeout=ferrytest.RUN_GUARD)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p.stdout

    def test_ask_download_then_apply_to_the_rest_of_the_batch(self):
        dl, local = self.download_setup()
        out = self.driver('--get', '/%s/ex' % self.tag, '--to', local,
                          '--answer', 'overwrite', '--answer', 'skip:rest')
        asks = parse(out, 'ASK')
        items = {i['name']: i for i in parse(out, 'ITEM')}
        # Three conflicts: the first answered alone, the second for the rest.
        self.assertEqual(len(asks), 2, out)
        self.assertTrue(all(a['open'] == '1' for a in asks), out)
        first = asks[0]['name']
        rel = {'a.txt': 'a.txt', 'b.txt': 'sub/b.txt', 'c.txt': 'sub/c.txt'}
        self.assertEqual(int(asks[0]['source_size']), len(SRC[rel[first]]))
        self.assertEqual(int(asks[0]['target_size']), len(DST[rel[first]]))
        self.assertEqual(int(asks[0]['target_mtime']), DST_TIMES[rel[first]])
        self.assertEqual(int(asks[0]['source_mtime']), SRC_TIMES[rel[first]])
        self.assertEqual(read(os.path.join(local, rel[first])), SRC[rel[first]])
        for name, path in rel.items():
            self.assertEqual(items[name]['state'], 'done', out)
            if name != first:
                self.assertEqual(items[name]['skipped'], '1', out)
                self.assertEqual(read(os.path.join(local, path)), DST[path])
        self.assertEqual(items['fresh.txt']['skipped'], '0', out)
        self.assertEqual(read(os.path.join(local, 'fresh.txt')), SRC['fresh.txt'])
        self.assertIn('DONE state=done', out)

    def test_ask_upload_rename_each(self):
        src, remote = self.upload_setup()
        out = self.driver('--put', src, '--to', '/%s/ex' % self.tag, '--answer', 'rename')
        asks = parse(out, 'ASK')
        items = {i['name']: i for i in parse(out, 'ITEM')}
        self.assertEqual(sorted(a['name'] for a in asks), ['a.txt', 'b.txt', 'c.txt'], out)
        self.assertTrue(all(a['open'] == '1' for a in asks), out)
        self.assertEqual(items['a.txt']['renamed'], 'a (1).txt', out)
        self.assertEqual(read(os.path.join(remote, 'a (1).txt')), SRC['a.txt'])
        self.assertEqual(read(os.path.join(remote, 'sub', 'c (1).txt')), SRC['sub/c.txt'])
        for rel in DST:
            self.assertEqual(read(os.path.join(remote, rel)), DST[rel], rel)
        self.assertIn('DONE state=done', out)


if __name__ == '__main__':
    ferrytest.main()
