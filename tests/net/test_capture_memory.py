#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A capture of the process, as net-capture captures the wire: passwords are wiped after
use (issue 11). Against a real vsftpd with a password used nowhere else, the test reads
the process's own memory (/proc/PID/mem, every readable mapping) and its environment
(/proc/PID/environ):

- the engine (tests/engine-driver.c --hold): once its sessions are gone, no copy of the
  password is left anywhere in the process: not the session's, not the PASS command's, not
  a TLS buffer's, not FERRY_PASSWORD's;
- ferry-cli, while a transfer runs: FERRY_PASSWORD's value is gone from its environment,
  where anyone allowed to read /proc/PID/environ could have read it;
- ferry-cli, crashed (SIGSEGV) while a session holds the password: no core dump is written
  (ferry_process_protect_secrets), where the same crash with FERRY_ALLOW_CORE_DUMPS=1
  writes one that holds the password.

A marker that nobody wipes is found in the same memory, so the search itself is proven."""

import os
import glob
import resource
import secrets
import signal
import shutil
import subprocess
import tempfile
import time

import ferrytest
from ferrytest import ftpservers, url_for

DRIVER = os.path.join(ferrytest.BUILD_DIR, 'tests', 'engine-driver')
GUARD = 60        # hang guard (seconds) for one process
BIG = bytes(range(256)) * (8 << 10)     # 2 MiB: 8 s at 256 KiB/s


def sanitized(pid):
    """pid runs AddressSanitizer: its allocator and shadow reserve terabytes of mappings."""
    with open('/proc/%d/maps' % pid) as maps:
        return any('libasan' in line for line in maps)


def readable_memory(pid):
    """Every readable mapping of pid, as one list of bytes objects (needs ptrace rights)."""
    chunks = []
    with open('/proc/%d/maps' % pid) as maps, open('/proc/%d/mem' % pid, 'rb', 0) as mem:
        for line in maps:
            fields = line.split()
            start, end = (int(x, 16) for x in fields[0].split('-'))
            if not fields[1].startswith('r') or (len(fields) > 5 and fields[5] == '[vvar]'):
                continue
            try:
                mem.seek(start)
                chunks.append(mem.read(end - start))
            except (OSError, ValueError, OverflowError):
                pass                        # a mapping that went away or cannot be read
    return chunks


def occurrences(chunks, needle):
    return sum(chunk.count(needle) for chunk in chunks)


class PasswordWipe(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.password = 'Wipe-%s' % secrets.token_hex(16)
        files = dict(ftpservers.TREE)
        files['big.bin'] = BIG
        cls.srv = ftpservers.Vsftpd(mode='explicit', tls='1.3', max_rate=256 * 1024,
                                    users={'alice': cls.password}, files=files)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def env(self, marker):
        return dict(os.environ, FERRY_PASSWORD=self.password, FERRY_WIPE_MARKER=marker)

    def test_no_copy_is_left_once_the_sessions_are_gone(self):
        marker = 'Marker-%s' % secrets.token_hex(12)
        p = subprocess.Popen([DRIVER, '--ca-file', self.srv.cert.ca, '--list', '/', '--repeat',
                              '2', '--hold', url_for(self.srv)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=self.env(marker))
        try:
            lines = []
            deadline = time.monotonic() + GUARD
            while time.monotonic() < deadline:
                line = p.stdout.readline()
                if not line or line.strip() == 'HELD':
                    break
                lines.append(line)
            self.assertEqual(line.strip(), 'HELD', (lines, p.poll()))
            listed = [l for l in lines if l.startswith('LIST ')]
            self.assertEqual(len(listed), 2, lines)
            for l in listed:
                self.assertIn('ok=1', l, 'the login failed: the password was not used')
            if sanitized(p.pid):
                self.skipTest('the sanitizer build maps terabytes of shadow memory; the '
                              'normal build reads the memory')
            memory = readable_memory(p.pid)
            self.assertGreater(occurrences(memory, marker.encode()), 0,
                               'the search did not find the marker: it reads no memory')
            # A freed small block begins with the allocator's own pointers (glibc's tcache
            # writes 16 bytes): an unwiped copy keeps at least its end.
            self.assertEqual(occurrences(memory, self.password[-16:].encode()), 0,
                             'a copy of the password is still in the process')
        finally:
            p.stdin.close()
            p.wait(timeout=GUARD)
            p.stdout.close()
            p.stderr.close()
        self.assertEqual(p.returncode, 0)

    def throttled_get(self, folder, cwd, env):
        """ferry-cli get of big.bin into folder, started in cwd with core dumps allowed;
        returns once the download runs (the session holds the password then)."""
        part = os.path.join(folder, 'big.bin.part')
        p = subprocess.Popen([ferrytest.CLI, 'get', '--ca-file', self.srv.cert.ca,
                              url_for(self.srv) + '/big.bin', folder], cwd=cwd, env=env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: resource.setrlimit(
                                 resource.RLIMIT_CORE,
                                 (resource.RLIM_INFINITY, resource.RLIM_INFINITY)))
        deadline = time.monotonic() + GUARD
        while time.monotonic() < deadline and p.poll() is None:
            if os.path.exists(part) and os.path.getsize(part) > 0:
                break
            time.sleep(0.05)
        if p.poll() is not None:
            self.fail('the throttled download ended too soon: %r' % (p.communicate(),))
        return p

    def crash(self, env):
        """The core files (name -> bytes) that a SIGSEGV of ferry-cli mid-transfer left."""
        folder = tempfile.mkdtemp(prefix='ferry-crash-')
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        cwd = os.path.join(folder, 'cwd')
        os.mkdir(cwd)
        p = self.throttled_get(folder, cwd, env)
        if sanitized(p.pid):
            p.kill()
            p.communicate(timeout=GUARD)
            self.skipTest('AddressSanitizer catches SIGSEGV itself and writes no core dumps')
        p.send_signal(signal.SIGSEGV)
        p.communicate(timeout=GUARD)
        self.assertEqual(p.returncode, -signal.SIGSEGV)
        cores = {}
        for path in glob.glob(os.path.join(cwd, 'core*')):
            with open(path, 'rb') as f:
                cores[os.path.basename(path)] = f.read()
        return cores

    def test_a_crash_leaves_no_core_dump(self):
        # Whether this machine writes core files into the working folder at all.
        probe = tempfile.mkdtemp(prefix='ferry-core-probe-')
        self.addCleanup(shutil.rmtree, probe, ignore_errors=True)
        subprocess.run(['sh', '-c', 'kill -SEGV $$'], cwd=probe, preexec_fn=lambda: (
            resource.setrlimit(resource.RLIMIT_CORE,
                               (resource.RLIM_INFINITY, resource.RLIM_INFINITY))))
        if not glob.glob(os.path.join(probe, 'core*')):
            with open('/proc/sys/kernel/core_pattern') as f:
                self.skipTest('this machine writes no core file into the working folder '
                              '(core_pattern %r)' % f.read().strip())
        marker = 'Marker-%s' % secrets.token_hex(12)
        allowed = self.crash(dict(self.env(marker), FERRY_ALLOW_CORE_DUMPS='1'))
        self.assertTrue(allowed, 'FERRY_ALLOW_CORE_DUMPS=1: no core dump was written')
        self.assertTrue(any(self.password.encode() in core for core in allowed.values()),
                        'the core dump of a live session does not hold its password: the '
                        'check below would prove nothing')
        self.assertEqual(sorted(self.crash(self.env(marker))), [],
                         'ferry-cli crashed and left a core dump')

    def test_ferry_cli_wipes_it_from_its_environment(self):
        marker = 'Marker-%s' % secrets.token_hex(12)
        tmp = tempfile.mkdtemp(prefix='ferry-wipe-')
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        part = os.path.join(tmp, 'big.bin.part')
        p = subprocess.Popen([ferrytest.CLI, 'get', '--ca-file', self.srv.cert.ca,
                              url_for(self.srv) + '/big.bin', tmp], stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=self.env(marker))
        try:
            deadline = time.monotonic() + GUARD
            while time.monotonic() < deadline and p.poll() is None:
                if os.path.exists(part) and os.path.getsize(part) > 0:
                    break
                time.sleep(0.05)
            self.assertIsNone(p.poll(), 'the throttled download ended too soon')
            with open('/proc/%d/environ' % p.pid, 'rb') as f:
                environ = f.read()
            self.assertIn(marker.encode(), environ)
            self.assertIn(b'FERRY_PASSWORD=', environ)
            self.assertFalse(self.password[-16:].encode() in environ,
                             'FERRY_PASSWORD can still be read in /proc/PID/environ')
            out, err = p.communicate(timeout=GUARD)
        finally:
            if p.poll() is None:
                p.kill()
                p.communicate()
        self.assertEqual(p.returncode, ferrytest.EXIT_OK, err)
        with open(os.path.join(tmp, 'big.bin'), 'rb') as f:
            self.assertEqual(f.read(), BIG)
        self.assertNotIn(self.password, out + err)


if __name__ == '__main__':
    ferrytest.main()
