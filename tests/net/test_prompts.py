#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The engine's questions to the person, against real servers (tests/engine-driver.c answers
them as the window would): an unanswered or rejected certificate prompt refuses; "accept once"
and "always" are remembered for the process; a pinned certificate that changed raises the
loud variant with the old pin; a server that gives up while the person decides is reconnected
without asking again; plain FTP under explicit-if-available is asked, once, with a downgrade
warning when the host had a trusted certificate."""

import os
import re
import subprocess

import ferrytest
from ferrytest import ftpservers, url_for

DRIVER = os.path.join(ferrytest.BUILD_DIR, 'tests', 'engine-driver')
UNTRUSTED, CHANGED, PLAIN_DECLINED = 10, 11, 9


def drive(url, *args):
    env = dict(os.environ, FERRY_PASSWORD=ferrytest.PASSWORD)
    p = subprocess.run([DRIVER] + [str(a) for a in args] + [url], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, env=env, timeout=ferrytest.RUN_GUARD)
    prompts = [dict(re.findall(r'(\w+)=(\S*)', l)) for l in p.stdout.splitlines()
               if l.startswith('PROMPT ')]
    connects = [dict(re.findall(r'(\w+)=(\S*)', l.split(' message=')[0]))
                for l in p.stdout.splitlines() if l.startswith('CONNECT ')]
    return p, prompts, connects


class CertificatePrompts(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.cert = ftpservers.shared_certs().selfsigned
        cls.srv = ftpservers.Vsftpd(mode='explicit', cert=cls.cert,
                                    extra={'idle_session_timeout': '2'})

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def error_code(self, connect):
        return int(connect['error'].split(':')[1])

    def test_unanswered_prompt_is_a_rejection(self):
        p, prompts, connects = drive(url_for(self.srv), '--answer', 'none')
        self.assertEqual(len(prompts), 1, p)
        self.assertEqual(prompts[0]['kind'], 'certificate')
        self.assertEqual(prompts[0]['sha256'], self.cert.sha256)
        self.assertEqual(connects[0]['ok'], '0', p)
        self.assertEqual(self.error_code(connects[0]), UNTRUSTED)

    def test_reject(self):
        p, prompts, connects = drive(url_for(self.srv), '--answer', 'reject')
        self.assertEqual(len(prompts), 1, p)
        self.assertEqual(self.error_code(connects[0]), UNTRUSTED)

    def test_accept_once_lasts_for_the_process(self):
        p, prompts, connects = drive(url_for(self.srv), '--answer', 'once', '--connects', '2')
        self.assertEqual(len(prompts), 1, p)
        self.assertEqual([c['ok'] for c in connects], ['1', '1'], p)
        self.assertEqual([c['trust'] for c in connects], ['once', 'once'])

    def test_always_pins(self):
        p, prompts, connects = drive(url_for(self.srv), '--answer', 'always', '--connects', '2')
        self.assertEqual(len(prompts), 1, p)
        self.assertEqual([c['trust'] for c in connects], ['pinned', 'pinned'], p)
        self.assertEqual(connects[1]['control'], 'tls')
        self.assertEqual(connects[1]['data'], 'private')

    def test_changed_certificate_is_the_loud_prompt(self):
        old = ftpservers.shared_certs().expired.sha256
        p, prompts, connects = drive(url_for(self.srv), '--answer', 'reject', '--pin', old)
        self.assertEqual(len(prompts), 1, p)
        self.assertEqual(prompts[0]['kind'], 'changed')
        self.assertEqual(prompts[0]['previous'], old)
        self.assertEqual(self.error_code(connects[0]), CHANGED)

    def test_changed_certificate_accepted_always_replaces_the_pin(self):
        old = ftpservers.shared_certs().expired.sha256
        p, prompts, connects = drive(url_for(self.srv), '--answer', 'always', '--pin', old,
                                     '--connects', '2')
        self.assertEqual(len(prompts), 1, p)
        self.assertEqual([c['trust'] for c in connects], ['pinned', 'pinned'], p)

    def test_server_timing_out_during_the_prompt_is_reconnected(self):
        # vsftpd drops an idle session after 2 s; the answer comes after 3.5 s.
        before = self.srv.log_text().count('CONNECT: Client')
        p, prompts, connects = drive(url_for(self.srv), '--answer', 'once',
                                     '--answer-delay-ms', '3500')
        self.assertEqual(len(prompts), 1, p)
        self.assertEqual(connects[0]['ok'], '1', p)
        self.assertEqual(connects[0]['trust'], 'once')
        # Two TCP connections: the one that timed out and the reconnect.
        self.assertEqual(self.srv.log_text().count('CONNECT: Client') - before, 2)


class PlainFallback(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.Vsftpd(mode='plain')

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def test_asked_once_then_remembered(self):
        p, prompts, connects = drive(url_for(self.srv), '--security', 'explicit-if-available',
                                     '--answer', 'once', '--connects', '2')
        self.assertEqual(len(prompts), 1, p)
        self.assertEqual(prompts[0]['kind'], 'plain')
        self.assertEqual(prompts[0]['downgrade'], '0')
        self.assertEqual([c['ok'] for c in connects], ['1', '1'], p)
        self.assertEqual(connects[0]['control'], 'plain')
        self.assertEqual(connects[0]['data'], 'clear')

    def test_declined(self):
        p, prompts, connects = drive(url_for(self.srv), '--security', 'explicit-if-available',
                                     '--answer', 'reject')
        self.assertEqual(len(prompts), 1, p)
        self.assertEqual(int(connects[0]['error'].split(':')[1]), PLAIN_DECLINED, p)

    def test_downgrade_warning_when_a_certificate_was_trusted(self):
        pin = ftpservers.shared_certs().selfsigned.sha256
        p, prompts, connects = drive(url_for(self.srv), '--security', 'explicit-if-available',
                                     '--answer', 'reject', '--pin', pin)
        self.assertEqual(len(prompts), 1, p)
        self.assertEqual(prompts[0]['downgrade'], '1')


if __name__ == '__main__':
    ferrytest.main()
