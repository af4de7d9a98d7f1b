#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Faults real servers won't produce on demand, from small scripted servers: a greeting
that takes seconds (not taken for implicit), a silent server, a non-FTP greeting, a connect
that hangs (cancelled promptly), a PASV reply naming another host (never connected to)."""

import os
import signal
import socket
import subprocess
import threading
import time

import ferrytest
from ferrytest import ftpservers, probe, url_for, CLI


class SlowBannerProxy:
    """Forwards a TCP port to a real server, holding back the server's first bytes (its
    220 greeting) for `delay` seconds, as servers that look up names first do."""

    def __init__(self, target_port, delay):
        self.target_port, self.delay = target_port, delay
        self.listener = socket.socket()
        self.listener.bind(('127.0.0.1', 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self.stopping = False
        threading.Thread(target=self.accept_loop, daemon=True).start()

    def accept_loop(self):
        while not self.stopping:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(('127.0.0.1', self.target_port))
            threading.Thread(target=self.pipe, args=(server, client, True), daemon=True).start()
            threading.Thread(target=self.pipe, args=(client, server, False), daemon=True).start()

    def pipe(self, src, dst, delay_first):
        first = True
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if first and delay_first:
                    time.sleep(self.delay)
                first = False
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            src.close()

    def stop(self):
        self.stopping = True
        self.listener.close()


class Detection(ferrytest.NetTestCase):
    def test_slow_banner_is_not_taken_for_implicit(self):
        with ftpservers.Vsftpd(mode='explicit') as srv:
            proxy = SlowBannerProxy(srv.port, delay=3.0)
            try:
                r = probe(url_for(srv, port=proxy.port), '--ca-file', srv.cert.ca)
            finally:
                proxy.stop()
            self.assertFullyProtected(r, 'explicit')
            self.assertTrue(r.json['detected'])
            self.assertIn('slow', r.json['detection'])

    def test_scripted_slow_banner_without_tls_is_plain_ftp_not_implicit(self):
        srv = ftpservers.ScriptedServer('slow-banner', delay=2.5)
        try:
            r = probe('ftp://alice@127.0.0.1:%d' % srv.port)
            self.assertEqual(r.rc, ferrytest.EXIT_TLS, r)
            self.assertEqual(r.json['error']['code'], 'no-tls')
            lines = srv.received_lines()
            self.assertIn('AUTH TLS', lines)
            self.assertFalse([l for l in lines if l.startswith(('USER', 'PASS'))], lines)
        finally:
            srv.stop()

    def test_silent_server_fails_with_words(self):
        srv = ftpservers.ScriptedServer('silent')
        try:
            r = probe('ftp://alice@127.0.0.1:%d' % srv.port, '--timeout', '2')
            self.assertIn(r.rc, (ferrytest.EXIT_TLS, ferrytest.EXIT_NETWORK), r)
            self.assertFalse(r.json['logged_in'])
            self.assertTrue(r.json['error']['message'])
        finally:
            srv.stop()

    def test_garbage_greeting(self):
        srv = ftpservers.ScriptedServer('garbage-banner')
        try:
            r = probe('ftp://alice@127.0.0.1:%d' % srv.port, '--timeout', '3')
            self.assertNotEqual(r.rc, 0, r)
            self.assertFalse(r.json['logged_in'])
            self.assertIsNotNone(r.json['error'])
            self.assertNotIn(ferrytest.PASSWORD, ' '.join(srv.received_lines()))
        finally:
            srv.stop()


class Cancel(ferrytest.NetTestCase):
    def test_ctrl_c_during_hanging_connect_returns_promptly(self):
        srv = ftpservers.ScriptedServer('hang-connect')
        try:
            env = dict(os.environ, FERRY_PASSWORD='x')
            p = subprocess.Popen([CLI, 'probe', '--connect-timeout', '60',
                                  'ftpes://alice@127.0.0.1:%d' % srv.port],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, env=env, text=True)
            time.sleep(0.5)
            self.assertIsNone(p.poll(), 'ferry-cli should still be connecting')
            p.send_signal(signal.SIGINT)
            out, err = p.communicate(timeout=5)   # hang guard
            self.assertEqual(p.returncode, ferrytest.EXIT_CANCELLED, err)
        finally:
            srv.stop()


class Pasv(ferrytest.NetTestCase):
    def test_foreign_pasv_address_is_replaced_by_the_control_peer(self):
        srv = ftpservers.ScriptedServer('malicious-pasv', pasv_host='10,9,8,7')
        try:
            r = probe('ftp://alice@127.0.0.1:%d' % srv.port, '--security', 'plain',
                      '--data-connections', '1')
            self.assertProbeOk(r)
            dc = r.json['data_connections'][0]
            self.assertTrue(dc['pasv_replaced'])
            self.assertTrue(dc['address'].startswith('127.0.0.1:'), dc)
            self.assertFalse(dc['protected'])
            self.assertTrue(any('10.9.8.7' in n for n in r.json['notes']), r.json['notes'])
            self.assertEqual(len(srv.data_connections), 1)
        finally:
            srv.stop()


if __name__ == '__main__':
    ferrytest.main()
