#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The queue survives a restart (queue.ini, ferry-queue-file.c and ferry-queue-saver.c): a
download and an upload through a FerryTransferRunner (tests/queue-restart-driver.c) are killed
with SIGKILL mid-transfer against a throttled vsftpd; queue.ini holds them (never a password);
restored, they come back paused with their .part (or the shorter file on the server), and
resumed (REST) they finish byte-identical, after which queue.ini is gone. Restored, they are
added paused (nothing connects before the resume) and show what is there (bytes done, total). A
download that the exists policy renamed ("big (1).bin") continues that file after the restart.
Hang guards only."""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

import ferrytest
from ferrytest import ftpservers, url_for

DRIVER = os.path.join(ferrytest.BUILD_DIR, 'tests', 'queue-restart-driver')
FLAGS_RESUME = 2    # FERRY_TRANSFER_FLAGS_RESUME: what was begun continues
FLAGS_RENAME = 32   # FERRY_TRANSFER_FLAGS_RENAME: write "NAME (1).EXT" next to a target
BIG = bytes((i * 31 + (i >> 9)) & 0xff for i in range(3 * 1024 * 1024))


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def size_of(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return -1


class QueueRestart(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        files = dict(ftpservers.TREE)
        files['big.bin'] = BIG
        cls.srv = ftpservers.Vsftpd(mode='explicit', tls='1.3', max_rate=256 * 1024,
                                    files=files)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='ferry-queue-restart-')
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.queue = os.path.join(self.tmp, 'data', 'ferry', 'queue.ini')
        os.makedirs(os.path.dirname(self.queue))
        self.env = dict(os.environ, FERRY_PASSWORD=ferrytest.PASSWORD)

    def start_and_kill(self, args, moved):
        """Runs the driver until queue.ini exists and moved() says bytes went, then SIGKILL."""
        p = subprocess.Popen([DRIVER, '--queue', self.queue, '--ca-file', self.srv.cert.ca]
                             + args + [url_for(self.srv)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=self.env)
        try:
            deadline = time.monotonic() + 60    # a hang guard, not a timing assertion
            while time.monotonic() < deadline and p.poll() is None:
                if os.path.exists(self.queue) and moved():
                    break
                time.sleep(0.05)
            self.assertIsNone(p.poll(), 'the transfer ended before it could be killed')
            # The saver writes a moment after a change: let it see the first bytes.
            time.sleep(0.6)
            os.kill(p.pid, signal.SIGKILL)
        finally:
            p.wait(timeout=30)
            p.stdout.close()
            p.stderr.close()
        self.assertEqual(p.returncode, -signal.SIGKILL)
        with open(self.queue, encoding='utf-8') as f:
            text = f.read()
        self.assertNotIn(ferrytest.PASSWORD, text)
        self.assertEqual(os.stat(self.queue).st_mode & 0o777, 0o600)
        return text

    def restore(self):
        p = subprocess.run([DRIVER, '--queue', self.queue, '--restore', '--ca-file',
                            self.srv.cert.ca], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, env=self.env, timeout=ferrytest.RUN_GUARD + 60)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p.stdout

    def restored(self, out, name):
        """The RESTORED line of @name: (state, flags, done, total); nothing connected yet."""
        m = re.search(r'^RESTORED name=%s state=(\S+) flags=(\d+) done=(-?\d+) total=(-?\d+)$'
                      % re.escape(name), out, re.M)
        self.assertIsNotNone(m, out)
        self.assertIn('QUIET logs=0', out)
        return m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4))

    def rest_offsets(self):
        return [int(c.split()[1]) for c in self.srv.commands() if c.startswith('REST ')]

    def test_download_killed_comes_back_paused_and_finishes_byte_identical(self):
        target = os.path.join(self.tmp, 'big.bin')
        part = target + '.part'
        text = self.start_and_kill(['--get', '/big.bin', '--to', target],
                                   lambda: size_of(part) > 256 * 1024)
        self.assertIn('direction=download', text)
        self.assertIn('remote=/big.bin', text)
        kept = size_of(part)
        self.assertGreater(kept, 0)
        self.assertFalse(os.path.exists(target))

        out = self.restore()
        # Paused, with its .part's bytes shown out of the saved size.
        self.assertEqual(self.restored(out, 'big.bin'),
                         ('paused', FLAGS_RESUME, kept, len(BIG)))
        self.assertIn('SAVED-WHILE-PAUSED items=1', out)
        self.assertIn('ITEM name=big.bin state=done', out)
        self.assertIn('QUEUE-FILE exists=0', out)
        self.assertEqual(read(target), BIG)
        self.assertFalse(os.path.exists(part))
        # It continued the .part instead of starting over.
        self.assertTrue([o for o in self.rest_offsets() if o >= kept], self.rest_offsets())

    def test_upload_killed_comes_back_paused_and_finishes_byte_identical(self):
        local = os.path.join(self.tmp, 'up.bin')
        with open(local, 'wb') as f:
            f.write(BIG)
        served = os.path.join(self.srv.root, 'up-restart.bin')
        text = self.start_and_kill(['--put', local, '--to', '/up-restart.bin'],
                                   lambda: size_of(served) > 256 * 1024)
        self.assertIn('direction=upload', text)
        # vsftpd finishes writing what it received once the connection is gone.
        time.sleep(0.5)
        kept = size_of(served)
        self.assertGreater(kept, 0)
        self.assertLess(kept, len(BIG))

        out = self.restore()
        state, flags, done, total = self.restored(out, 'up-restart.bin')
        self.assertEqual((state, flags, total), ('paused', FLAGS_RESUME, len(BIG)))
        # What the saver last knew was sent (the server may have kept less: the resume
        # asks it, REST below).
        self.assertGreater(done, 0)
        self.assertLessEqual(done, len(BIG))
        self.assertIn('ITEM name=up-restart.bin state=done', out)
        self.assertIn('QUEUE-FILE exists=0', out)
        self.assertEqual(read(served), BIG)
        self.assertTrue([o for o in self.rest_offsets() if o > 0], self.rest_offsets())

    def test_renamed_download_continues_its_new_name(self):
        target = os.path.join(self.tmp, 'big.bin')
        renamed = os.path.join(self.tmp, 'big (1).bin')
        with open(target, 'wb') as f:
            f.write(b'the file that was there')
        part = renamed + '.part'
        text = self.start_and_kill(['--get', '/big.bin', '--to', target,
                                    '--flags', str(FLAGS_RENAME)],
                                   lambda: size_of(part) > 256 * 1024)
        self.assertIn('renamed=%s' % renamed.replace(' ', '%20').replace('(', '%28')
                      .replace(')', '%29'), text)
        kept = size_of(part)

        out = self.restore()
        state, _flags, done, total = self.restored(out, 'big.bin')
        self.assertEqual((state, done, total), ('paused', kept, len(BIG)))
        self.assertIn('ITEM name=big.bin state=done', out)
        self.assertIn('QUEUE-FILE exists=0', out)
        self.assertEqual(read(renamed), BIG)
        self.assertEqual(read(target), b'the file that was there')
        # No second new name, no partial left behind.
        self.assertEqual(sorted(n for n in os.listdir(self.tmp) if n.startswith('big')),
                         ['big (1).bin', 'big.bin'])
        self.assertTrue([o for o in self.rest_offsets() if o >= kept], self.rest_offsets())


if __name__ == '__main__':
    ferrytest.main()
