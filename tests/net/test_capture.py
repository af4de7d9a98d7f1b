#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What an eavesdropper on the wire sees (issue 11): tcpdump captures loopback traffic to a
real vsftpd's control port and passive range while ferry-cli logs in and downloads, and the
pcap file is searched as raw bytes. Under explicit, implicit and auto FTPS neither the user
name nor the password is in it, and with PROT P (the default) neither is a file's content.
Under plain FTP, and for the content with --data-protection clear, they are: that proves the
capture sees what it should, and the test fails if it does not. Every value is a fresh random
string, so nothing else on the wire can contain it. Needs root (tcpdump, the servers)."""

import os
import re
import secrets
import select
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time

import ferrytest
from ferrytest import ftpservers, run_cli, EXIT_OK

TCPDUMP = shutil.which('tcpdump', path='/usr/sbin:/usr/bin:/sbin:/bin')
START_GUARD = 10       # seconds for tcpdump to report "listening on"
STOP_GUARD = 10        # seconds for tcpdump to flush and exit after SIGINT
# Immediate mode gives every packet a snaplen-sized slot: a ring of 64 MiB holds ~250 of them
# (a drop fails the test: a dropped packet could hide a leak).
BUFFER_KIB = 65536

USER = 'capuser' + secrets.token_hex(6)
PASSWORD = 'CapPw-' + secrets.token_hex(12)
CONTENT_TOKEN = ('CapData-' + secrets.token_hex(16)).encode()
# Repeated, so that no split of the stream into TCP segments can hide every copy.
CONTENT = b''.join(b'%s %05d\n' % (CONTENT_TOKEN, i) for i in range(400))
FILE_NAME = 'secret-content.txt'


def tcp_payloads(pcap):
    """[(src port, dst port, payload)] of every IPv4/IPv6 TCP packet in a pcap file's bytes
    (Ethernet, as Linux gives for lo, or Linux cooked capture)."""
    magic = pcap[:4]
    if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1'):
        endian = '<'
    elif magic in (b'\xa1\xb2\xc3\xd4', b'\xa1\xb2\x3c\x4d'):
        endian = '>'
    else:
        raise AssertionError('not a pcap file (magic %r)' % magic)
    linktype = struct.unpack(endian + 'I', pcap[20:24])[0]
    link_len = {1: 14, 113: 16, 276: 20}.get(linktype)
    if link_len is None:
        raise AssertionError('unexpected pcap link type %d' % linktype)
    out, off = [], 24
    while off + 16 <= len(pcap):
        incl = struct.unpack(endian + 'I', pcap[off + 8:off + 12])[0]
        frame = pcap[off + 16:off + 16 + incl]
        off += 16 + incl
        ip = frame[link_len:]
        if not ip:
            continue
        version = ip[0] >> 4
        if version == 4 and len(ip) >= 20 and ip[9] == 6:
            total = struct.unpack('!H', ip[2:4])[0]
            tcp = ip[(ip[0] & 0x0f) * 4:total]
        elif version == 6 and len(ip) >= 40 and ip[6] == 6:
            tcp = ip[40:40 + struct.unpack('!H', ip[4:6])[0]]
        else:
            continue
        if len(tcp) < 20:
            continue
        sport, dport = struct.unpack('!HH', tcp[:4])
        out.append((sport, dport, tcp[(tcp[12] >> 4) * 4:]))
    return out


class Capture:
    """tcpdump on lo for one server's control port and passive range, written packet by
    packet (-U, --immediate-mode) to a pcap file. stop() sends a UDP datagram with a random
    token to a socket of our own (also in the filter) and waits until the file holds it: every
    packet before it is then in the file too. Then SIGINT, a bounded wait, the file's bytes."""

    def __init__(self, srv, path):
        self.srv, self.path = srv, path
        self.sentinel = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sentinel.bind(('127.0.0.1', 0))
        self.sentinel_port = self.sentinel.getsockname()[1]
        low, high = srv.pasv_range
        self.filter = '(tcp and (port %d or portrange %d-%d)) or (udp and dst port %d)' % (
            srv.port, low, high, self.sentinel_port)
        self.proc = subprocess.Popen(
            [TCPDUMP, '-i', 'lo', '-U', '--immediate-mode', '-B', str(BUFFER_KIB), '-n',
             '-s', '0', '-Z', 'root', '-w', path, self.filter],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True)
        self.stderr = b''
        deadline = time.monotonic() + START_GUARD
        while b'listening on' not in self.stderr:
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None:
                self._kill()
                raise AssertionError('tcpdump did not start capturing (%s):\n%s'
                                     % ('exited %s' % self.proc.returncode
                                        if self.proc.returncode is not None else 'timed out',
                                        self.stderr.decode(errors='replace')))
            ready, _, _ = select.select([self.proc.stderr], [], [], left)
            if ready:
                chunk = os.read(self.proc.stderr.fileno(), 4096)
                if not chunk:
                    time.sleep(0.01)
                self.stderr += chunk

    def _flushed(self):
        """Waits until the sentinel datagram is in the file (bounded)."""
        token = b'ferry-capture-sentinel-' + secrets.token_hex(8).encode()
        deadline = time.monotonic() + STOP_GUARD
        next_send = 0
        while True:
            now = time.monotonic()
            if now >= next_send:
                self.sentinel.sendto(token, ('127.0.0.1', self.sentinel_port))
                next_send = now + 0.5
            with open(self.path, 'rb') as f:
                if token in f.read():
                    return
            if now > deadline or self.proc.poll() is not None:
                raise AssertionError('tcpdump did not write the sentinel packet within %d s'
                                     % STOP_GUARD)
            time.sleep(0.02)

    def _kill(self):
        self.sentinel.close()
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=STOP_GUARD)

    def stop(self):
        self._flushed()
        self.proc.send_signal(signal.SIGINT)
        try:
            _, rest = self.proc.communicate(timeout=STOP_GUARD)
        except subprocess.TimeoutExpired:
            self._kill()
            raise AssertionError('tcpdump did not exit within %d s of SIGINT' % STOP_GUARD)
        self.stderr += rest
        text = self.stderr.decode(errors='replace')
        if self.proc.returncode != 0:
            raise AssertionError('tcpdump exited %d:\n%s' % (self.proc.returncode, text))
        if not re.search(r'^0 packets dropped by kernel', text, re.M):
            raise AssertionError('tcpdump dropped packets:\n%s' % text)
        with open(self.path, 'rb') as f:
            return f.read()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._kill()


class CaptureTest(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        if TCPDUMP is None:
            raise ftpservers.NotAvailable('tcpdump is not installed (tools/install-deps.sh test)')
        users = {USER: PASSWORD}
        files = dict(ftpservers.TREE, **{FILE_NAME: CONTENT})
        cls.servers = {}
        try:
            for name, kwargs in (
                    ('explicit', dict(mode='explicit')),
                    ('implicit', dict(mode='implicit')),
                    ('plain', dict(mode='plain')),
                    # Explicit FTPS that lets the client choose PROT C for data.
                    ('explicit-clear-data', dict(mode='explicit',
                                                 extra={'force_local_data_ssl': 'NO'}))):
                cls.servers[name] = ftpservers.Vsftpd(users=users, files=files, **kwargs)
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        for srv in cls.servers.values():
            srv.stop()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='ferry-capture-')
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def captured(self, server, command, *options, scheme='ftp', path='', local=()):
        """Runs `ferry-cli COMMAND OPTIONS... URL LOCAL...` under a capture; returns (result,
        pcap bytes, payloads [(sport, dport, bytes)])."""
        srv = self.servers[server]
        url = '%s://%s@%s:%d%s' % (scheme, USER, srv.host, srv.port, path)
        cmd = [command] + list(options)
        if srv.cert:
            cmd += ['--ca-file', srv.cert.ca]
        cmd += [url] + list(local)
        pcap_path = os.path.join(self.tmp, 'capture.pcap')
        with Capture(srv, pcap_path) as cap:
            r = run_cli(*cmd, password=PASSWORD)
            pcap = cap.stop()
        self.assertEqual(r.rc, EXIT_OK, r)
        payloads = tcp_payloads(pcap)
        self.assertTrue(any(p for _, d, p in payloads if d == srv.port),
                        'nothing sent to the control port was captured')
        return r, pcap, payloads

    def data_bytes(self, server, payloads):
        low, high = self.servers[server].pasv_range
        return sum(len(p) for s, d, p in payloads if low <= s <= high or low <= d <= high)

    # Not assertIn/assertNotIn: their message would print the whole capture.
    def assertAbsent(self, needle, pcap):
        self.assertTrue(needle not in pcap, '%r is readable in the capture' % needle)

    def assertSeen(self, needle, pcap, what):
        self.assertTrue(needle in pcap, 'the capture did not see %s (%r): it does not work'
                        % (what, needle))

    # ---- logins ----

    def login(self, server, security, scheme='ftp'):
        r, pcap, payloads = self.captured(server, 'probe', '--json', '--security', security,
                                          '-n', '1', scheme=scheme)
        self.assertTrue(r.json['logged_in'], r)
        return r, pcap, payloads

    def assertLoginHidden(self, server, security, scheme='ftp', mode=None):
        r, pcap, payloads = self.login(server, security, scheme)
        self.assertEqual(r.json['mode'], mode or security, r)
        self.assertTrue(r.json['credentials_encrypted'], r)
        self.assertAbsent(USER.encode(), pcap)
        self.assertAbsent(PASSWORD.encode(), pcap)
        # The capture did see the TLS handshake (a TLS handshake record to the server).
        self.assertTrue(any(p.startswith(b'\x16\x03') for _, d, p in payloads
                            if d == self.servers[server].port), 'no TLS handshake captured')
        return pcap

    def test_explicit_login_hidden(self):
        pcap = self.assertLoginHidden('explicit', 'explicit', 'ftpes')
        self.assertSeen(b'AUTH TLS\r\n', pcap, 'the one command sent before TLS')

    def test_implicit_login_hidden(self):
        pcap = self.assertLoginHidden('implicit', 'implicit', 'ftps')
        self.assertAbsent(b'AUTH TLS', pcap)

    def test_auto_login_hidden(self):
        self.assertLoginHidden('explicit', 'auto', mode='explicit')

    def test_auto_on_implicit_port_login_hidden(self):
        self.assertLoginHidden('implicit', 'auto', mode='implicit')

    def test_plain_login_visible(self):
        r, pcap, _ = self.login('plain', 'plain')
        self.assertFalse(r.json['credentials_encrypted'], r)
        self.assertSeen(b'USER ' + USER.encode() + b'\r\n', pcap, 'the plain-FTP user name')
        self.assertSeen(b'PASS ' + PASSWORD.encode() + b'\r\n', pcap, 'the plain-FTP password')

    # ---- file contents ----

    def get(self, server, *args, scheme='ftp'):
        r, pcap, payloads = self.captured(server, 'get', *args, scheme=scheme,
                                          path='/' + FILE_NAME, local=[self.tmp])
        with open(os.path.join(self.tmp, FILE_NAME), 'rb') as f:
            self.assertEqual(f.read(), CONTENT)
        # The download went over the passive range and the capture saw all of it.
        self.assertGreaterEqual(self.data_bytes(server, payloads), len(CONTENT))
        return pcap

    def test_prot_p_content_hidden(self):
        pcap = self.get('explicit', '--security', 'explicit', scheme='ftpes')
        self.assertAbsent(CONTENT_TOKEN, pcap)
        self.assertAbsent(USER.encode(), pcap)
        self.assertAbsent(PASSWORD.encode(), pcap)

    def test_implicit_content_hidden(self):
        pcap = self.get('implicit', '--security', 'implicit', scheme='ftps')
        self.assertAbsent(CONTENT_TOKEN, pcap)
        self.assertAbsent(PASSWORD.encode(), pcap)

    def test_prot_c_content_visible(self):
        pcap = self.get('explicit-clear-data', '--security', 'explicit',
                        '--data-protection', 'clear', scheme='ftpes')
        self.assertSeen(CONTENT_TOKEN, pcap, 'the PROT C file content')
        # Only the data is clear: the login stays encrypted.
        self.assertAbsent(USER.encode(), pcap)
        self.assertAbsent(PASSWORD.encode(), pcap)

    def test_plain_content_visible(self):
        pcap = self.get('plain', '--security', 'plain')
        self.assertSeen(CONTENT_TOKEN, pcap, 'the plain-FTP file content')
        self.assertSeen(PASSWORD.encode(), pcap, 'the plain-FTP password')


if __name__ == '__main__':
    ferrytest.main()
