#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile servers and certificates (issue 11), through ferry-cli against small scripted FTPS
servers: a data connection that presents another certificate than the control connection,
a pinned host whose certificate changed, and a certificate whose names hold control
characters, bidirectional overrides (U+202E) and a 64 KB field. The scripted-server helpers
and the hang guards are test_hostile.py's."""

import json
import os
import shutil
import ssl
import subprocess
import tempfile

import ferrytest
from ferrytest import ftpservers, run_cli, EXIT_OK, EXIT_TLS
from test_hostile import (GUARD, LISTING, REPLY_TIMEOUT, SERVER_LIMIT, HostileCase,
                          _close_data)


# --------------------------------------------------------------------------------------------
# Scripted servers

def _server_context(cert):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert.cert, cert.key)
    return ctx


@ftpservers.ScriptedServer.register('data-certificate')
def _data_certificate(conn, server):
    """Explicit FTPS (the selfsigned certificate) whose LIST data connection presents
    params['data_cert'] (a name in shared_certs(); 'same': the control's context, so that the
    session can be resumed); params['handshakes'] counts the data handshakes that finished."""
    certs = ftpservers.shared_certs()
    control_ctx = _server_context(certs.selfsigned)
    which = server.params['data_cert']
    data_ctx = control_ctx if which == 'same' else _server_context(getattr(certs, which))
    server.params['handshakes'] = 0
    state = {'data': None}
    conn.send('220 Data certificate FTPS server.')
    io = ftpservers.explicit_tls(conn, control_ctx, SERVER_LIMIT,
                                 feat='211-Features:\r\n AUTH TLS\r\n PBSZ\r\n PROT\r\n211 End')
    if io is None:
        return
    handlers, _ = ftpservers.plain_ftp_handlers(state)
    handlers.update({'PBSZ': '200 PBSZ=0', 'PROT': '200 Protection level set.',
                     'CWD': '250 OK.', 'FEAT': '211-Features:\r\n PBSZ\r\n PROT\r\n211 End'})

    def listing(c, arg):
        ls = state.pop('data', None)
        if ls is None:
            return c.send('425 Use PASV first.')
        c.send('150 Here it comes.')
        try:
            ls.settimeout(10)
            d, _ = ls.accept()
            with data_ctx.wrap_socket(d, server_side=True) as t:
                server.params['handshakes'] += 1
                t.sendall(LISTING)
                t.unwrap()
        except (OSError, ssl.SSLError):
            return c.send('426 The data connection broke.')
        finally:
            ls.close()
        c.send('226 Transfer complete.')
    handlers['LIST'] = listing
    try:
        io.serve(handlers)
    finally:
        _close_data(state)
        io.tls.close()


@ftpservers.ScriptedServer.register('certificate-only')
def _certificate_only(conn, server):
    """Explicit FTPS that presents params['cert'] / params['key'] (PEM files) after AUTH TLS,
    then reads until the client goes away (a client that refuses the certificate sends
    nothing more)."""
    conn.send('220 Certificate server.')
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(server.params['cert'], server.params['key'])
    io = ftpservers.explicit_tls(conn, ctx, SERVER_LIMIT)
    if io is None:
        return
    try:
        while io.readline() is not None:
            io.send('530 Not here.')
    finally:
        io.tls.close()


# The spoofing characters a certificate's names hold in Certificates below.
SPOOF = '\u202e\u202d\u2066\u2069\u200b\u2028\x1b\x07\r\n'
LONG_NAME = 'A' * 65536


def _hostile_certificate(folder):
    """A certificate (PEM cert and key in folder) whose subject CN holds a right-to-left
    override, an escape sequence and a line break, whose OU is 64 KB long, whose issuer
    and DNS name hold bidirectional isolates and a bell: (cert path, key path)."""
    import datetime
    import ipaddress
    from cryptography import x509
    from cryptography.x509.oid import NameOID
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    # No length checks (a CN may have 64 characters): a hostile certificate has no limits.
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME,
                           'good.example\u202egnp.exe\x1b[31m\r\nTrusted: yes', _validate=False),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, LONG_NAME, _validate=False)])
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME,
                                           'Hostile CA \u2066\u202dlive\u2069\u200b\u2028')])
    now = datetime.datetime.now(datetime.timezone.utc)
    dns = x509.DNSName._init_without_validation('\u2066evil\u2069.example\x07')
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName(
                [dns, x509.IPAddress(ipaddress.ip_address('127.0.0.1'))]), False)
            .sign(key, hashes.SHA256()))
    paths = os.path.join(folder, 'hostile.pem'), os.path.join(folder, 'hostile.key')
    with open(paths[0], 'wb') as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(paths[1], 'wb') as f:
        f.write(key.private_bytes(serialization.Encoding.PEM,
                                  serialization.PrivateFormat.TraditionalOpenSSL,
                                  serialization.NoEncryption()))
    return paths


# --------------------------------------------------------------------------------------------
# Tests

class DataCertificate(HostileCase):
    """A data connection that presents another certificate than the control connection and
    does not resume its session is refused (FERRY_ERROR_CERTIFICATE_MISMATCH)."""

    def ls(self, srv):
        return self.cli('ls', '--security', 'explicit', '--timeout', REPLY_TIMEOUT,
                        '--ca-file', ftpservers.shared_certs().selfsigned.ca,
                        'ftp://alice@127.0.0.1:%d/' % srv.port)

    def test_the_same_certificate_works(self):
        # The control case: the server below is right when both connections are the same.
        srv = self.server('data-certificate', data_cert='same')
        r = self.ls(srv)
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual([line.split()[-1] for line in r.stdout.splitlines()], ['hello.txt'])

    def probe(self, srv):
        return self.cli('probe', '--json', '--security', 'explicit', '--timeout', REPLY_TIMEOUT,
                        '--ca-file', ftpservers.shared_certs().selfsigned.ca,
                        '--data-connections', '2', 'ftp://alice@127.0.0.1:%d/' % srv.port)

    def test_a_declined_session_is_named(self):
        # Resumed on the control's context; on a fresh context with the same certificate the
        # server cannot read the TLS 1.3 ticket Ferry offers: a full handshake, accepted
        # because the certificate is the same, and the probe says the server declined.
        for which, resumed, refusal in (('same', True, None), ('selfsigned', False, 'declined')):
            srv = self.server('data-certificate', data_cert=which)
            r = self.probe(srv)
            self.assertEqual(r.rc, EXIT_OK, r)
            j = json.loads(r.stdout)
            self.assertEqual(len(j['data_connections']), 2, r)
            for dc in j['data_connections']:
                self.assertEqual((dc['tls_version'], dc['resumed'], dc['resume_refusal']),
                                 ('TLS1.3', resumed, refusal), r)
        self.assertIn('(the server declined the session Ferry offered)', j['summary'])

    def test_another_certificate_on_the_data_connection_is_refused(self):
        srv = self.server('data-certificate', data_cert='wronghost')
        r = self.ls(srv)
        self.assertEqual(r.rc, EXIT_TLS, r)
        self.assertIn('The data connection presented a different certificate than the control '
                      'connection and did not resume its TLS session', r.stderr)
        self.assertIn('Ferry closed it', r.stderr)
        self.assertNotIn('hello.txt', r.stdout)
        self.assertGreaterEqual(srv.params['handshakes'], 1, 'the data connection was not tried')


class Certificates(HostileCase):
    """A certificate whose names hold control characters, bidirectional overrides (U+202E)
    and a 64 KB field: every place the probe shows them (text and JSON), each character that
    could change what a person reads is U+FFFD, and each name is cut short with "…"."""

    def test_spoofing_names_are_shown_safely(self):
        folder = tempfile.mkdtemp(prefix='ferry-hostile-cert-')
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        cert, key = _hostile_certificate(folder)
        srv = self.server('certificate-only', cert=cert, key=key)
        url = 'ftp://alice@127.0.0.1:%d' % srv.port
        text = self.cli('probe', '--security', 'explicit', '--timeout', REPLY_TIMEOUT, url)
        js = self.cli('probe', '--json', '--security', 'explicit', '--timeout', REPLY_TIMEOUT,
                      url)
        for r in (text, js):
            self.assertEqual(r.rc, EXIT_TLS, r)
            self.assertIn('not trusted and was not accepted', r.stderr)
            for c in SPOOF:
                self.assertNotIn(c, r.stdout.replace('\n', '') if c == '\n' else r.stdout,
                                 'U+%04X shown' % ord(c))
            self.assertFalse([c for c in r.stderr if c in SPOOF.replace('\n', '')], r.stderr)
            self.assertNotIn('A' * 257, r.stdout + r.stderr)
        self.assertNoCredentials(srv)

        # The text: one line per field, none of them longer than the cut plus its label.
        lines = text.stdout.splitlines()
        subject = [l for l in lines if l.startswith('  Subject:')]
        self.assertEqual(len(subject), 1, text.stdout)
        # Each value is cut at 256 characters ("OU=" and 253 of the 64 KB): the CN after it
        # is still there to read.
        self.assertEqual(subject[0], '  Subject:    OU=' + 'A' * 253 + '…,CN=good.example'
                         '\ufffdgnp.exe\ufffd[31m\ufffd\ufffdTrusted: yes')
        self.assertFalse([l for l in lines if l.startswith('Trusted: yes')], text.stdout)
        self.assertIn('  Issuer:     CN=Hostile CA \ufffd\ufffdlive\ufffd\ufffd\ufffd', lines)
        self.assertIn('DNS:\ufffdevil\ufffd.example\ufffd', text.stdout)

        # The JSON: the same names, as data.
        found = []

        def walk(value):
            if isinstance(value, dict):
                for k, v in value.items():
                    if k == 'subject_alt_names':
                        found.extend(v)
                    elif k in ('subject', 'issuer', 'subject_common_name'):
                        found.append(v)
                    else:
                        walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)
        walk(js.json)
        spoof_cn = 'CN=good.example\ufffdgnp.exe\ufffd[31m\ufffd\ufffdTrusted: yes'
        self.assertIn('OU=' + 'A' * 253 + '…,' + spoof_cn, found)
        for v in found:
            self.assertIsInstance(v, str)
            self.assertFalse([c for c in v if c in SPOOF], v[:100])
            self.assertLessEqual(len(v), 600, v[:100])


class PinChanged(HostileCase):
    """A pinned host that presents another certificate: refused before the login, with the
    new fingerprint and the trusted one side by side; the pin is kept."""

    def test_a_changed_certificate_is_refused(self):
        certs = ftpservers.shared_certs()
        config = tempfile.mkdtemp(prefix='ferry-hostile-pin-')
        self.addCleanup(shutil.rmtree, config, ignore_errors=True)
        srv = self.server('certificate-only', cert=certs.selfsigned.cert,
                          key=certs.selfsigned.key)
        known = os.path.join(config, 'ferry', 'known-servers.ini')
        os.makedirs(os.path.dirname(known))
        with open(known, 'w') as f:
            f.write('[127.0.0.1 %d]\nhost=127.0.0.1\nport=%d\npins=%s;\n'
                    % (srv.port, srv.port, certs.expired.sha256))
        env = {'XDG_CONFIG_HOME': config, 'LANG': 'C.UTF-8', 'LANGUAGE': ''}
        try:
            r = run_cli('ls', '--security', 'explicit', '--timeout', REPLY_TIMEOUT,
                        'ftp://alice@127.0.0.1:%d/' % srv.port, env=env, timeout=GUARD)
        except subprocess.TimeoutExpired:
            self.fail('ferry-cli ls hangs')
        self.assertEqual(r.rc, EXIT_TLS, r)
        colons = lambda hex: ':'.join(hex[i:i + 2] for i in range(0, 64, 2)).upper()
        self.assertIn('The certificate of 127.0.0.1:%d changed and was not accepted (new '
                      'SHA-256 fingerprint %s; the one you trusted was %s).'
                      % (srv.port, colons(certs.selfsigned.sha256), colons(certs.expired.sha256)),
                      r.stderr)
        self.assertNoCredentials(srv)
        with open(known) as f:
            self.assertIn(certs.expired.sha256, f.read())


if __name__ == '__main__':
    ferrytest.main()
