#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What Ferry refuses: a server without TLS never sees USER unless the person chose plain
FTP (proved from vsftpd's protocol log); certificates that are self-signed, expired,
not yet valid or for another host are refused with clear errors before anything is sent,
and accepted by a pinned fingerprint; a CA-signed chain passes with --ca-file."""

import re

import ferrytest
from ferrytest import ftpservers, probe, run_cli, url_for, EXIT_TLS, EXIT_USAGE


def commands_in(log):
    """The commands vsftpd's protocol log says a client sent."""
    return re.findall(r'FTP command: Client "[^"]*", "([^"]*)"', log)


class NoTls(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.Vsftpd(mode='plain', protocol_log=True)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def assertNoUserSent(self, before):
        sent = commands_in(self.srv.log_text()[before:])
        self.assertIn('AUTH TLS', sent)
        self.assertFalse([c for c in sent if c.startswith(('USER', 'PASS'))], sent)

    def test_auto_stops_before_user(self):
        before = len(self.srv.log_text())
        r = probe(url_for(self.srv))
        self.assertEqual(r.rc, EXIT_TLS, r)
        self.assertEqual(r.json['error']['code'], 'no-tls')
        self.assertIn('plain', r.json['error']['message'])
        self.assertFalse(r.json['logged_in'])
        self.assertFalse(r.json['credentials_encrypted'])
        self.assertNoUserSent(before)

    def test_explicit_stops_before_user(self):
        before = len(self.srv.log_text())
        r = probe(url_for(self.srv, 'ftpes'))
        self.assertEqual(r.rc, EXIT_TLS, r)
        self.assertEqual(r.json['error']['code'], 'no-tls')
        self.assertNoUserSent(before)

    def test_explicit_if_available_without_a_yes_stops_before_user(self):
        before = len(self.srv.log_text())
        r = probe(url_for(self.srv), '--security', 'explicit-if-available')
        self.assertEqual(r.rc, EXIT_TLS, r)
        self.assertEqual(r.json['error']['code'], 'plain-declined')
        self.assertNoUserSent(before)

    def test_plain_is_the_persons_choice(self):
        r = probe(url_for(self.srv), '--security', 'plain')
        self.assertProbeOk(r)
        j = r.json
        self.assertEqual(j['mode'], 'plain')
        self.assertEqual(j['control_channel'], 'plain')
        self.assertFalse(j['credentials_encrypted'])
        self.assertEqual(j['data_channel'], 'clear')
        self.assertFalse(j['session_resumed'])
        self.assertIsNone(j['certificate'])
        self.assertIn('clear text', j['summary'])
        self.assertIn('USER alice', commands_in(self.srv.log_text()))

    def test_scheme_and_option_must_agree(self):
        r = run_cli('probe', '--json', '--security', 'plain', url_for(self.srv, 'ftps'))
        self.assertEqual(r.rc, EXIT_USAGE, r)


class Certificates(ferrytest.NetTestCase):
    certs = None

    @classmethod
    def setUpClass(cls):
        cls.certs = ftpservers.shared_certs()

    def check_refused(self, cert_name, problem):
        cert = getattr(self.certs, cert_name)
        with ftpservers.Vsftpd(mode='explicit', cert=cert, protocol_log=True) as srv:
            r = probe(url_for(srv))
            self.assertEqual(r.rc, EXIT_TLS, r)
            j = r.json
            self.assertEqual(j['error']['code'], 'certificate-untrusted')
            self.assertFalse(j['logged_in'])
            self.assertFalse(j['certificate']['verified'])
            self.assertIn(problem, j['certificate']['problems'])
            self.assertGreater(len(j['certificate']['errors']), 0)
            self.assertEqual(j['certificate']['sha256'], cert.sha256)
            # Nothing was sent after the handshake: the decision came first.
            sent = commands_in(srv.log_text())
            self.assertIn('AUTH TLS', sent)
            self.assertFalse([c for c in sent if c.startswith('USER')], sent)

            # The plain report shows the certificate and how to trust it.
            text = run_cli('probe', url_for(srv))
            self.assertEqual(text.rc, EXIT_TLS, text)
            self.assertIn('SHA-256:', text.stdout)
            self.assertIn('--trust-fingerprint %s' % cert.sha256, text.stderr)

            # Pinned by fingerprint (colons and upper case are fine), it is accepted.
            fp = ':'.join(cert.sha256[i:i + 2] for i in range(0, 64, 2)).upper()
            ok = probe(url_for(srv), '--trust-fingerprint', fp)
            self.assertFullyProtected(ok, 'explicit')
            self.assertEqual(ok.json['certificate']['trust'], 'once')
            self.assertIn(problem, ok.json['certificate']['problems'])
            return j

    def test_self_signed(self):
        j = self.check_refused('selfsigned', 'unknown-issuer')
        self.assertTrue(j['certificate']['self_signed'])

    def test_expired(self):
        self.check_refused('expired', 'expired')

    def test_not_yet_valid(self):
        self.check_refused('notyet', 'not-yet-valid')

    def test_wrong_hostname(self):
        self.check_refused('wronghost', 'hostname-mismatch')

    def test_other_fingerprint_does_not_help(self):
        with ftpservers.Vsftpd(mode='explicit', cert=self.certs.selfsigned) as srv:
            r = probe(url_for(srv), '--trust-fingerprint', self.certs.expired.sha256)
            self.assertEqual(r.rc, EXIT_TLS, r)
            self.assertEqual(r.json['error']['code'], 'certificate-untrusted')

    def test_ca_signed_via_ca_file(self):
        with ftpservers.Vsftpd(mode='explicit', cert=self.certs.signed) as srv:
            for host in ('127.0.0.1', 'localhost'):
                r = probe('ftp://alice@%s:%d' % (host, srv.port), '--ca-file', self.certs.signed.ca)
                self.assertFullyProtected(r, 'explicit')
                self.assertTrue(r.json['certificate']['verified'])
                self.assertEqual(r.json['certificate']['problems'], [])

    def test_ca_signed_chain_via_ca_file(self):
        with ftpservers.Vsftpd(mode='explicit', cert=self.certs.chain) as srv:
            r = probe(url_for(srv), '--ca-file', self.certs.chain.ca)
            self.assertFullyProtected(r, 'explicit')
            self.assertTrue(r.json['certificate']['verified'])
            self.assertEqual(len(r.json['certificate']['chain']), 1)

    def test_missing_ca_file(self):
        r = run_cli('probe', '--json', '--ca-file', '/nonexistent/ca.pem', 'ftp://127.0.0.1:1')
        self.assertEqual(r.rc, ferrytest.EXIT_LOCAL, r)
        self.assertIn('/nonexistent/ca.pem', r.stderr)


if __name__ == '__main__':
    ferrytest.main()
