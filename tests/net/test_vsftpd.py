#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""ferry-cli probe against vsftpd (require_ssl_reuse=YES): explicit on TLS 1.3 and 1.2,
implicit on a port other than 990, each mode detected by auto and forced."""

import ferrytest
from ferrytest import ftpservers, probe, url_for, EXIT_TLS, EXIT_NETWORK, EXIT_LOGIN


class ExplicitTls13(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.Vsftpd(mode='explicit', tls='1.3', require_ssl_reuse=True)
        cls.ca = cls.srv.cert.ca

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def test_auto_detects_explicit(self):
        r = probe(url_for(self.srv), '--ca-file', self.ca)
        self.assertFullyProtected(r, 'explicit', 'TLS1.3')
        self.assertTrue(r.json['detected'])
        self.assertIn('explicit', r.json['detection'])
        self.assertTrue(r.json['certificate']['verified'])
        self.assertEqual(r.json['certificate']['trust'], 'ca-file')
        self.assertEqual(r.json['certificate']['sha256'], self.srv.cert.sha256)
        self.assertIn('vsFTPd', r.json['banner'])

    def test_forced_explicit(self):
        r = probe(url_for(self.srv, 'ftpes'), '--ca-file', self.ca)
        self.assertFullyProtected(r, 'explicit', 'TLS1.3')
        self.assertFalse(r.json['detected'])

    def test_six_data_connections_resume_on_tls13(self):
        r = probe(url_for(self.srv), '--ca-file', self.ca, '--data-connections', '6')
        self.assertFullyProtected(r, 'explicit', 'TLS1.3', data_connections=6)

    def test_forced_implicit_on_explicit_server_fails_clearly(self):
        r = probe(url_for(self.srv, 'ftps'), '--ca-file', self.ca, '--timeout', '5')
        self.assertEqual(r.rc, EXIT_TLS, r)
        self.assertEqual(r.json['error']['code'], 'tls')
        self.assertIn('explicit', r.json['error']['message'])
        self.assertFalse(r.json['logged_in'])

    def test_wrong_password(self):
        r = probe(url_for(self.srv), '--ca-file', self.ca, password='not-the-password')
        self.assertEqual(r.rc, EXIT_LOGIN, r)
        self.assertEqual(r.json['error']['code'], 'login-failed')
        self.assertTrue(r.json['credentials_encrypted'])

    def test_min_tls_13_accepted(self):
        r = probe(url_for(self.srv), '--ca-file', self.ca, '--min-tls', '1.3')
        self.assertFullyProtected(r, 'explicit', 'TLS1.3')

    def test_verbose_log_masks_password(self):
        r = ferrytest.run_cli('probe', '-v', '--ca-file', self.ca, url_for(self.srv))
        self.assertEqual(r.rc, 0, r)
        self.assertIn('> PASS ****', r.stderr)
        self.assertNotIn(ferrytest.PASSWORD, r.stderr + r.stdout)
        self.assertIn('same trusted session as the commands', r.stdout)
        self.assertIn('password was sent encrypted', r.stdout)

    def test_json_report_with_the_log_holds_no_password(self):
        r = ferrytest.run_cli('probe', '--json', '-v', '--ca-file', self.ca, url_for(self.srv))
        self.assertEqual(r.rc, 0, r)
        self.assertIsNotNone(r.json, r)
        self.assertIn('PASS ****', r.stderr)
        self.assertNotIn(ferrytest.PASSWORD, r.stderr + r.stdout)

    def test_plain_text_report(self):
        r = ferrytest.run_cli('probe', '--ca-file', self.ca, url_for(self.srv))
        self.assertEqual(r.rc, 0, r)
        self.assertIn('The server speaks explicit FTPS', r.stdout)
        self.assertIn(ftpservers.shared_certs().signed.sha256[:2].upper(), r.stdout)


class ExplicitTls12(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.Vsftpd(mode='explicit', tls='1.2', require_ssl_reuse=True)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def test_auto_detects_explicit_tls12(self):
        r = probe(url_for(self.srv), '--ca-file', self.srv.cert.ca, '--data-connections', '6')
        self.assertFullyProtected(r, 'explicit', 'TLS1.2', data_connections=6)

    def test_min_tls_13_refused(self):
        r = probe(url_for(self.srv, 'ftpes'), '--ca-file', self.srv.cert.ca, '--min-tls', '1.3')
        self.assertEqual(r.rc, EXIT_TLS, r)
        self.assertEqual(r.json['error']['code'], 'tls')
        self.assertFalse(r.json['logged_in'])


class Implicit(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.Vsftpd(mode='implicit', tls='1.3', require_ssl_reuse=True)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def test_auto_detects_implicit_on_other_port(self):
        self.assertNotEqual(self.srv.port, 990)
        r = probe(url_for(self.srv), '--ca-file', self.srv.cert.ca, '--data-connections', '6')
        self.assertFullyProtected(r, 'implicit', 'TLS1.3', data_connections=6)
        self.assertTrue(r.json['detected'])
        self.assertIn('implicit', r.json['detection'])

    def test_forced_implicit(self):
        r = probe(url_for(self.srv, 'ftps'), '--ca-file', self.srv.cert.ca)
        self.assertFullyProtected(r, 'implicit', 'TLS1.3')
        self.assertFalse(r.json['detected'])

    def test_forced_explicit_on_implicit_server_times_out_clearly(self):
        r = probe(url_for(self.srv, 'ftpes'), '--ca-file', self.srv.cert.ca, '--timeout', '3')
        self.assertEqual(r.rc, EXIT_NETWORK, r)
        self.assertEqual(r.json['error']['code'], 'timeout')
        self.assertFalse(r.json['logged_in'])


class Ipv6(ferrytest.NetTestCase):
    def test_explicit_over_ipv6_uses_epsv(self):
        with ftpservers.Vsftpd(mode='explicit', host='::1') as srv:
            r = probe('ftp://alice@[::1]:%d' % srv.port, '--ca-file', srv.cert.ca)
            self.assertFullyProtected(r, 'explicit', 'TLS1.3')
            for dc in r.json['data_connections']:
                self.assertTrue(dc['address'].startswith('[::1]:'), dc)
            self.assertEqual(r.json['port'], srv.port)


class Implicit12(ferrytest.NetTestCase):
    def test_implicit_tls12_resumes(self):
        with ftpservers.Vsftpd(mode='implicit', tls='1.2') as srv:
            r = probe(url_for(srv), '--ca-file', srv.cert.ca, '--data-connections', '3')
            self.assertFullyProtected(r, 'implicit', 'TLS1.2', data_connections=3)


if __name__ == '__main__':
    ferrytest.main()
