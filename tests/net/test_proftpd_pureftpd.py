#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""ferry-cli probe against the second and third implementations: ProFTPD (mod_tls:
explicit and implicit, session reuse required, CCC, MLSD) and pure-ftpd."""

import ferrytest
from ferrytest import ftpservers, probe, run_cli, url_for, EXIT_OK, EXIT_REMOTE


class ProftpdServer(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.Proftpd(tls='1.3', require_ssl_reuse=True, ccc=True, implicit=True)
        cls.ca = cls.srv.cert.ca

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def test_auto_detects_explicit(self):
        r = probe(url_for(self.srv), '--ca-file', self.ca, '--data-connections', '6')
        self.assertFullyProtected(r, 'explicit', 'TLS1.3', data_connections=6)
        self.assertTrue(r.json['detected'])
        features = ' '.join(r.json['features'])
        self.assertIn('MLST', features)
        self.assertIn('CCC', features)

    def test_auto_detects_implicit(self):
        r = probe(url_for(self.srv, port=self.srv.implicit_port), '--ca-file', self.ca)
        self.assertFullyProtected(r, 'implicit', 'TLS1.3')
        self.assertTrue(r.json['detected'])

    def test_forced_modes(self):
        r = probe(url_for(self.srv, 'ftpes'), '--ca-file', self.ca)
        self.assertFullyProtected(r, 'explicit', 'TLS1.3')
        r = probe(url_for(self.srv, 'ftps', port=self.srv.implicit_port), '--ca-file', self.ca)
        self.assertFullyProtected(r, 'implicit', 'TLS1.3')

    def test_ccc_clears_control_but_data_stays_private(self):
        r = probe(url_for(self.srv), '--ca-file', self.ca, '--ccc', '--data-connections', '3')
        self.assertProbeOk(r)
        j = r.json
        self.assertEqual(j['control_channel'], 'cleared', r)
        self.assertTrue(j['credentials_encrypted'])
        self.assertEqual(j['data_channel'], 'private')
        self.assertEqual(len(j['data_connections']), 3)
        for dc in j['data_connections']:
            self.assertTrue(dc['protected'])
            self.assertTrue(dc['resumed'], r)
        self.assertTrue(any('CCC' in n for n in j['notes']), j['notes'])
        self.assertIn('CCC', j['summary'])

    def test_refused_prot_c_is_an_error_not_a_state(self):
        r = probe(url_for(self.srv), '--ca-file', self.ca, '--data-protection', 'clear',
                  '--timeout', '10')
        self.assertEqual(r.rc, EXIT_REMOTE, r)
        self.assertEqual(r.json['error']['code'], 'protection-refused')
        self.assertIn('PROT C', r.json['error']['message'])


class ProftpdTls12(ferrytest.NetTestCase):
    def test_explicit_tls12_resumes(self):
        with ftpservers.Proftpd(tls='1.2', implicit=False) as srv:
            r = probe(url_for(srv), '--ca-file', srv.cert.ca, '--data-connections', '4')
            self.assertFullyProtected(r, 'explicit', 'TLS1.2', data_connections=4)


class PureFtpdTls12(ferrytest.NetTestCase):
    def test_explicit_tls12_resumes(self):
        # The same server resumes on TLS 1.2: its session cache answers the session ID.
        with ftpservers.PureFtpd(tls='1.2') as srv:
            r = probe(url_for(srv), '--ca-file', srv.cert.ca, '--data-connections', '3')
            self.assertFullyProtected(r, 'explicit', 'TLS1.2', data_connections=3)
            for dc in r.json['data_connections']:
                self.assertIsNone(dc['resume_refusal'], r)


class PureFtpdServer(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.PureFtpd(tls_level=3, tls='1.3')

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def test_auto_detects_explicit(self):
        r = probe(url_for(self.srv), '--ca-file', self.srv.cert.ca, '--data-connections', '3')
        self.assertProbeOk(r)
        j = r.json
        self.assertEqual(j['mode'], 'explicit')
        self.assertTrue(j['detected'])
        self.assertEqual(j['control_channel'], 'tls')
        self.assertTrue(j['credentials_encrypted'])
        self.assertEqual(j['data_channel'], 'private')
        self.assertEqual(len(j['data_connections']), 3)
        for dc in j['data_connections']:
            self.assertTrue(dc['protected'])
            self.assertEqual(dc['tls_version'], 'TLS1.3')
            self.assertGreater(dc['listing_lines'], 0)

    def test_tls13_data_connections_say_why_they_do_not_resume(self):
        # pure-ftpd 1.0.50 calls SSL_CTX_set_num_tickets(ctx, 0): on TLS 1.3 no
        # NewSessionTicket ever comes, and TLS 1.3 resumes only with a ticket. Ferry waits
        # for one, then says why each data connection did a full handshake.
        r = probe(url_for(self.srv), '--ca-file', self.srv.cert.ca, '--data-connections', '2')
        self.assertProbeOk(r)
        for dc in r.json['data_connections']:
            self.assertFalse(dc['resumed'], r)
            self.assertEqual(dc['resume_refusal'], 'no-ticket', r)
        self.assertFalse(r.json['session_resumed'])
        why = 'the server issues no TLS 1.3 session tickets'
        self.assertIn('do not resume the control session (%s).' % why, r.json['summary'])
        text = run_cli('probe', '--ca-file', self.srv.cert.ca, '--data-connections', '2',
                       url_for(self.srv))
        self.assertEqual(text.rc, EXIT_OK, text)
        self.assertIn('Data:        File transfers are encrypted, each with a session of its own '
                      '(%s); Ferry checks' % why, text.stdout)
        lines = [l for l in text.stdout.splitlines() if l.startswith('Data connection ')]
        self.assertEqual(len(lines), 2, text.stdout)
        for line in lines:
            self.assertIn(', TLS1.3, did NOT resume the control session (%s), ' % why, line)

    def test_trusted_by_fingerprint(self):
        r = probe(url_for(self.srv, 'ftpes'), '--trust-fingerprint', self.srv.cert.sha256)
        self.assertProbeOk(r)
        self.assertEqual(r.json['certificate']['trust'], 'once')
        self.assertFalse(r.json['certificate']['verified'])


if __name__ == '__main__':
    ferrytest.main()
