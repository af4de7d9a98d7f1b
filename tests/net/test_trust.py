#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What ferry-cli probe says about trust is true and said once: against a real vsftpd with
certificates made for this run, a certificate vouched for by the CA file (--ca-file), accepted
for this run (--trust-fingerprint), pinned (known-servers.ini) and vouched for by the system's
certificate authorities (the test CA bound over the system bundle in a private mount
namespace), and a certificate that is not accepted. For each, the plain report and --json
name the same trust source, the JSON's sentence is the one the report prints, and neither
claims a second source."""

import os
import re
import shutil
import subprocess
import tempfile

import ferrytest
from ferrytest import ftpservers, Result, EXIT_OK, EXIT_TLS

# The system bundle GnuTLS reads on Debian (--with-default-trust-store-file).
SYSTEM_BUNDLE = '/etc/ssl/certs/ca-certificates.crt'

# Words that claim a trust source, wherever they appear in a report.
CLAIMS = {
    'system': re.compile(r"trusted by your system", re.I),
    'ca-file': re.compile(r"certificate authority you gave", re.I),
    'pinned': re.compile(r"chose to always trust", re.I),
    'once': re.compile(r"for this session only", re.I),
}
NO_CERTIFICATE = re.compile(r"There is no certificate", re.I)


class Trust(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix='ferry-net-trust-')
        # Made now, for this run only: a CA that no system and no other test trusts.
        cls.certs = ftpservers.Certs(os.path.join(cls.tmp, 'certs'))
        cls.srv = ftpservers.Vsftpd(mode='explicit', cert=cls.certs.signed)
        cls.url = 'ftp://alice@127.0.0.1:%d' % cls.srv.port

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        # Each case its own known servers: no pin or detected mode leaks between them.
        self.config = tempfile.mkdtemp(prefix='config-', dir=self.tmp)
        self.env = {'XDG_CONFIG_HOME': self.config, 'LANG': 'C.UTF-8', 'LANGUAGE': ''}

    def run_both(self, *args, wrap=None):
        """The probe as JSON and as text, with the same options."""
        runs = []
        for json_flag in (['--json'], []):
            if wrap is None:
                runs.append(ferrytest.run_cli('probe', *json_flag, *args, self.url,
                                              env=self.env))
                continue
            env = dict(os.environ, FERRY_PASSWORD=ferrytest.PASSWORD, **self.env)
            p = subprocess.run(wrap + [ferrytest.CLI, 'probe'] + json_flag + list(args) +
                               [self.url], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env, text=True,
                               timeout=ferrytest.RUN_GUARD)
            runs.append(Result(p.returncode, p.stdout, p.stderr))
        return runs

    def claimed(self, text):
        return sorted(name for name, words in CLAIMS.items() if words.search(text))

    def assertOneTruth(self, args, trust, verified, rc=EXIT_OK, wrap=None):
        j, text = self.run_both(*args, wrap=wrap)
        self.assertEqual(j.rc, rc, j)
        self.assertEqual(text.rc, rc, text)
        cert = j.json['certificate']
        self.assertEqual(cert['sha256'], self.certs.signed.sha256)
        # The JSON: one state, and verified only when a certificate authority vouched.
        self.assertEqual(cert['trust'], trust, j)
        self.assertEqual(cert['verified'], verified, j)
        # Neither claims another source than that one.
        expected = [trust] if trust in CLAIMS else []
        self.assertEqual(self.claimed(text.stdout), expected, text)
        self.assertEqual(self.claimed(j.stdout), expected, j)
        # TLS was up, so the report never says there is no certificate.
        self.assertNotRegex(text.stdout + j.stdout, NO_CERTIFICATE)
        # The text prints the very sentence the JSON gives.
        sentence = cert['trust_description']
        self.assertIn(sentence, text.stdout)
        return j, text

    def test_ca_file(self):
        self.assertOneTruth(['--ca-file', self.certs.signed.ca], 'ca-file', True)

    def test_fingerprint_accepts_once(self):
        _, text = self.assertOneTruth(['--trust-fingerprint', self.certs.signed.sha256],
                                      'once', False)
        # Why the system alone would not trust it is a problem, not a trust claim.
        self.assertIn('Problem:', text.stdout)

    def test_pinned(self):
        sha256 = self.certs.signed.sha256
        os.makedirs(os.path.join(self.config, 'ferry'))
        with open(os.path.join(self.config, 'ferry', 'known-servers.ini'), 'w') as f:
            f.write('[127.0.0.1 %d]\nhost=127.0.0.1\nport=%d\npins=%s;\n'
                    % (self.srv.port, self.srv.port, sha256))
        self.assertOneTruth([], 'pinned', False)

    def test_not_accepted(self):
        j, text = self.assertOneTruth([], 'untrusted', False, rc=EXIT_TLS)
        self.assertEqual(j.json['error']['code'], 'certificate-untrusted')
        self.assertEqual(j.json['control_channel'], 'tls')

    def system_trust(self):
        """A command prefix that runs ferry-cli with the test CA as the system's only
        certificate authority: bound over the bundle in a mount namespace of its own, so
        the machine's own bundle is never touched."""
        if not os.path.isfile(SYSTEM_BUNDLE) or shutil.which('unshare') is None:
            self.skipTest('no %s or no unshare' % SYSTEM_BUNDLE)
        wrap = ['unshare', '--mount', '--propagation', 'private', 'sh', '-c',
                'mount --bind "$0" %s && exec "$@"' % SYSTEM_BUNDLE, self.certs.ca]
        trial = subprocess.run(wrap + ['true'], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        if trial.returncode != 0:
            self.skipTest('no private mount namespace here: %s' % trial.stdout.strip())
        return wrap

    def test_system(self):
        self.assertOneTruth([], 'system', True, wrap=self.system_trust())

    def test_system_and_ca_file_is_one_source(self):
        # Both would vouch; the report names the one that did (the system, checked first).
        self.assertOneTruth(['--ca-file', self.certs.signed.ca], 'system', True,
                            wrap=self.system_trust())


if __name__ == '__main__':
    ferrytest.main()
