# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared plumbing for Ferry's network tests: run ferry-cli against the real servers of
tests/servers/ftpservers.py and read its JSON. Run with Debian's /usr/bin/python3, as root."""

import json
import os
import signal
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'servers'))

import ftpservers  # noqa: E402

BUILD_DIR = os.environ.get('FERRY_BUILD_DIR', os.path.join(HERE, '..', '..', 'build'))
CLI = os.path.join(BUILD_DIR, 'app', 'cli', 'ferry-cli')
PASSWORD = 'secret'

# Exit codes of ferry-cli (README.md).
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_NETWORK, EXIT_TLS, EXIT_LOGIN, EXIT_REMOTE, \
    EXIT_LOCAL, EXIT_UNREADABLE = range(9)
EXIT_CANCELLED = 130

# A hang guard for each ferry-cli run, not a timing assertion.
RUN_GUARD = 90


class Result:
    def __init__(self, rc, stdout, stderr):
        self.rc, self.stdout, self.stderr = rc, stdout, stderr
        self.json = None
        if stdout.strip().startswith('{'):
            self.json = json.loads(stdout)

    def __repr__(self):
        return 'rc=%s\nstdout=%s\nstderr=%s' % (self.rc, self.stdout, self.stderr)


def run_cli(*args, password=PASSWORD, env=None, timeout=RUN_GUARD):
    full_env = dict(os.environ)
    full_env.pop('FERRY_PASSWORD', None)
    if password is not None:
        full_env['FERRY_PASSWORD'] = password
    full_env.update(env or {})
    p = subprocess.run([CLI] + [str(a) for a in args], stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full_env,
                       timeout=timeout, text=True)
    return Result(p.returncode, p.stdout, p.stderr)


def probe(url, *args, **kwargs):
    return run_cli('probe', '--json', *args, url, **kwargs)


def url_for(server, scheme='ftp', user='alice', port=None):
    return '%s://%s@%s:%d' % (scheme, user, server.host, port or server.port)


class NetTestCase(unittest.TestCase):
    """Skips (exit 77 for meson) when the servers cannot run here."""

    maxDiff = None

    def assertProbeOk(self, result):
        self.assertEqual(result.rc, EXIT_OK, result)
        self.assertIsNotNone(result.json, result)
        self.assertTrue(result.json['ok'], result)
        self.assertIsNone(result.json['error'], result)

    def assertFullyProtected(self, result, mode, tls_version=None, data_connections=2):
        """Everything encrypted: the mode, TLS on control and login, PROT P, every data
        connection protected and resumed."""
        j = result.json
        self.assertProbeOk(result)
        self.assertEqual(j['mode'], mode, result)
        self.assertEqual(j['control_channel'], 'tls')
        self.assertTrue(j['credentials_encrypted'])
        self.assertEqual(j['data_channel'], 'private')
        self.assertTrue(j['session_resumed'], result)
        self.assertEqual(len(j['data_connections']), data_connections)
        for dc in j['data_connections']:
            self.assertTrue(dc['protected'])
            self.assertTrue(dc['resumed'], result)
            if tls_version:
                self.assertEqual(dc['tls_version'], tls_version)
        if tls_version:
            self.assertEqual(j['tls']['version'], tls_version)
        self.assertTrue(j['certificate']['sha256'])
        self.assertGreater(len(j['features']), 0)


def main():
    if os.geteuid() != 0:
        print('SKIP: the test servers need root')
        sys.exit(ftpservers.SKIP_EXIT_CODE)
    if not os.access(CLI, os.X_OK):
        print('SKIP: %s was not built' % CLI)
        sys.exit(ftpservers.SKIP_EXIT_CODE)
    try:
        program = unittest.main(exit=False, verbosity=2)
    except ftpservers.NotAvailable as e:
        print('SKIP: %s' % e)
        sys.exit(ftpservers.SKIP_EXIT_CODE)
    result = program.result
    sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)
