#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""ferry-cli probe, get and put under valgrind memcheck against the suite's vsftpd (explicit
FTPS, TLS 1.3): no invalid read or write, no use of uninitialised memory, no definite leak
(issue 11). tests/sanitize/valgrind.supp names what GLib keeps until exit on purpose. Each
run also does its job: the probe succeeds, the file arrives whole, the upload lands whole.
Registered only in builds without sanitizers (valgrind cannot run ASan binaries)."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile

import ferrytest
from ferrytest import ftpservers, EXIT_OK

HERE = os.path.dirname(os.path.abspath(__file__))
SUPP = os.path.join(HERE, '..', 'sanitize', 'valgrind.supp')
VALGRIND_FAILED = 99
PROBLEM = re.compile(r'definitely lost in|Invalid (read|write|free)|uninitialised|'
                     r'Conditional jump|Mismatched free')


def memcheck(*args):
    """ferry-cli ARGS under memcheck: (exit status, stdout, valgrind's findings)."""
    cmd = ['valgrind', '-q', '--error-exitcode=%d' % VALGRIND_FAILED, '--leak-check=full',
           '--errors-for-leak-kinds=definite', '--show-leak-kinds=definite',
           '--suppressions=' + SUPP, ferrytest.CLI] + [str(a) for a in args]
    env = dict(os.environ, FERRY_PASSWORD=ferrytest.PASSWORD)
    p = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=240)
    return p.returncode, p.stdout, [l for l in p.stderr.splitlines() if PROBLEM.search(l)], \
        p.stderr


class Memcheck(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        if shutil.which('valgrind') is None:
            raise ferrytest.unittest.SkipTest('valgrind is not installed')
        cls.srv = ftpservers.Vsftpd(mode='explicit', tls='1.3')
        cls.content = os.urandom(700 * 1024)
        with open(os.path.join(cls.srv.root, 'data.bin'), 'wb') as f:
            f.write(cls.content)
        cls.url = ferrytest.url_for(cls.srv, 'ftpes')
        cls.local = tempfile.mkdtemp(prefix='ferry-valgrind-')

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        shutil.rmtree(cls.local, ignore_errors=True)

    def check(self, rc, problems, stderr):
        self.assertEqual(problems, [], stderr[-4000:])
        self.assertNotEqual(rc, VALGRIND_FAILED, stderr[-4000:])
        self.assertEqual(rc, EXIT_OK, stderr[-4000:])

    def test_probe(self):
        rc, out, problems, err = memcheck('probe', '--json', '--ca-file', self.srv.cert.ca,
                                          self.url)
        self.check(rc, problems, err)
        self.assertTrue(json.loads(out)['ok'], out)

    def test_get_then_put(self):
        target = os.path.join(self.local, 'data.bin')
        rc, out, problems, err = memcheck('get', '--ca-file', self.srv.cert.ca,
                                          self.url + '/data.bin', target)
        self.check(rc, problems, err)
        with open(target, 'rb') as f:
            self.assertEqual(hashlib.sha256(f.read()).digest(),
                             hashlib.sha256(self.content).digest())
        rc, out, problems, err = memcheck('put', '--ca-file', self.srv.cert.ca, target,
                                          self.url + '/back.bin')
        self.check(rc, problems, err)
        with open(os.path.join(self.srv.root, 'back.bin'), 'rb') as f:
            self.assertEqual(f.read(), self.content)


if __name__ == '__main__':
    ferrytest.main()
