#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Firewall section of ferry-cli probe, in text and JSON: the passive ports real servers
hand out from their configured ranges (vsftpd pasv_min_port/pasv_max_port, ProFTPD
PassivePorts, pure-ftpd -p) and the sentence "Open TCP <control> and <range> towards the
server"; implicit FTPS and port 989; a PASV reply naming another address (NAT, worked around);
a data port that never answers after a working login (firewall), with and without CCC in
FEAT."""

import select
import socket
import ssl

import ferrytest
from ferrytest import ftpservers, probe, run_cli, url_for, EXIT_OK

SERVER_LIMIT = 30      # hang guard of the scripted servers, seconds


def range_text(lo, hi):
    return str(lo) if lo == hi else '%d–%d' % (lo, hi)


class FirewallCase(ferrytest.NetTestCase):
    def assertPortsFrom(self, result, srv, control_port, n_data):
        """The firewall object names the control port and the passive ports the server
        handed out, all from its configured range, and the one-sentence advice."""
        self.assertProbeOk(result)
        fw = result.json['firewall']
        self.assertIsNotNone(fw, result)
        self.assertEqual(fw['control_port'], control_port)
        lo, hi = srv.pasv_range
        ports = fw['passive_ports']
        self.assertTrue(ports, fw)
        self.assertLessEqual(len(ports), n_data)
        self.assertEqual(ports, sorted(set(ports)))
        for p in ports:
            self.assertTrue(lo <= p <= hi, (p, srv.pasv_range))
        self.assertEqual(fw['passive_range'], {'min': ports[0], 'max': ports[-1]})
        self.assertEqual(fw['passive_connections'], n_data)
        self.assertEqual(fw['active_connections'], 0)
        self.assertEqual(fw['advice'], 'Open TCP %d and %s towards the server.'
                         % (control_port, range_text(ports[0], ports[-1])))
        self.assertFalse(fw['blocked'])
        self.assertIsNone(fw['failed_port'])
        self.assertFalse(fw['nat_worked_around'])
        self.assertIsNone(fw['pasv_address'])
        self.assertEqual(fw['server_address'], '127.0.0.1')
        self.assertIn(', '.join(str(p) for p in ports), fw['ports'])
        return fw

    def assertTextSection(self, url, ca, fw, *args):
        """The plain report ends with the same facts."""
        r = run_cli('probe', '--ca-file', ca, *args, url)
        self.assertEqual(r.rc, EXIT_OK, r)
        section = r.stdout[r.stdout.index('\nFirewall:\n'):]
        self.assertIn('  Control:    TCP %d\n' % fw['control_port'], section)
        self.assertIn('  Meaning:    Open TCP %d and ' % fw['control_port'], section)
        self.assertTrue(r.stdout.rstrip().endswith('towards the server.'), r.stdout)
        return section


class VsftpdRange(FirewallCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.Vsftpd(mode='explicit', tls='1.3')
        cls.implicit = ftpservers.Vsftpd(mode='implicit', tls='1.3')

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        cls.implicit.stop()

    def test_firewall_ports_and_sentence(self):
        r = probe(url_for(self.srv), '--ca-file', self.srv.cert.ca, '--data-connections', '4')
        fw = self.assertPortsFrom(r, self.srv, self.srv.port, 4)
        self.assertFalse(fw['implicit'])
        self.assertFalse([f for f in fw['findings'] if '989' in f], fw)
        section = self.assertTextSection(url_for(self.srv), self.srv.cert.ca, fw,
                                         '--data-connections', '4')
        self.assertIn('passive data port', section)

    def test_firewall_implicit_never_989(self):
        r = probe(url_for(self.implicit, 'ftps'), '--ca-file', self.implicit.cert.ca)
        fw = self.assertPortsFrom(r, self.implicit, self.implicit.port, 2)
        self.assertTrue(fw['implicit'])
        self.assertNotIn(989, fw['passive_ports'])
        self.assertTrue([f for f in fw['findings'] if '989' in f and 'never' in f], fw)


class ProftpdRange(FirewallCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.Proftpd(tls='1.3', implicit=True)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def test_firewall_passive_ports_explicit(self):
        r = probe(url_for(self.srv, 'ftpes'), '--ca-file', self.srv.cert.ca,
                  '--data-connections', '3')
        fw = self.assertPortsFrom(r, self.srv, self.srv.port, 3)
        self.assertTrue(fw['ccc_offered'])      # ProFTPD's FEAT lists CCC
        self.assertFalse(fw['implicit'])
        self.assertTextSection(url_for(self.srv, 'ftpes'), self.srv.cert.ca, fw)

    def test_firewall_passive_ports_implicit(self):
        r = probe(url_for(self.srv, 'ftps', port=self.srv.implicit_port),
                  '--ca-file', self.srv.cert.ca)
        fw = self.assertPortsFrom(r, self.srv, self.srv.implicit_port, 2)
        self.assertTrue(fw['implicit'])
        self.assertTrue([f for f in fw['findings'] if '989' in f], fw)


class PureFtpdRange(FirewallCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.PureFtpd()

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def test_firewall_passive_ports(self):
        r = probe(url_for(self.srv), '--ca-file', self.srv.cert.ca, '--data-connections', '3')
        fw = self.assertPortsFrom(r, self.srv, self.srv.port, 3)
        self.assertEqual(fw['findings'], [])
        self.assertTextSection(url_for(self.srv), self.srv.cert.ca, fw)


class NatPasv(ferrytest.NetTestCase):
    """malicious-pasv: PASV names 10.9.8.7; Ferry connects to the server's own address."""

    def test_firewall_nat_finding(self):
        with ftpservers.ScriptedServer('malicious-pasv', pasv_host='10,9,8,7') as srv:
            r = probe(url_for(srv), '--security', 'plain', '--data-connections', '2')
            self.assertProbeOk(r)
            fw = r.json['firewall']
            self.assertTrue(fw['nat_worked_around'], fw)
            self.assertEqual(fw['pasv_address'], '10.9.8.7')
            self.assertEqual(fw['server_address'], '127.0.0.1')
            nat = [f for f in fw['findings'] if '10.9.8.7' in f]
            self.assertEqual(len(nat), 1, fw)
            self.assertIn('NAT', nat[0])
            self.assertIn('worked around it by connecting to 127.0.0.1', nat[0])
            self.assertEqual(len(fw['passive_ports']), 2)
            self.assertEqual(fw['passive_connections'], 2)
            # Every data connection went to the server, none to 10.9.8.7.
            self.assertEqual(len(srv.data_connections), 2)
            t = run_cli('probe', '--security', 'plain', url_for(srv))
            self.assertEqual(t.rc, EXIT_OK, t)
            self.assertIn('  Finding:    ' + nat[0], t.stdout)


# --- a data port that never answers ---------------------------------------------------------

def _hang_port():
    """A listen(0) socket whose backlog is full: connect() to it hangs (nothing answers),
    as behind a firewall that drops the packets. Returns (listener, fillers, port)."""
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.bind(('127.0.0.1', 0))
    ls.listen(0)
    addr = ls.getsockname()
    fillers = []
    for _ in range(64):
        c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        c.setblocking(False)
        fillers.append(c)
        c.connect_ex(addr)
        _, w, _ = select.select([], [c], [], 0.3)
        if not w or c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
            return ls, fillers, addr[1]
    raise ftpservers.FixtureError('could not fill a listen(0) backlog')


@ftpservers.ScriptedServer.register('blocked-data')
def _blocked_data(conn, server):
    """Explicit FTPS that logs in fine, but whose passive data port never answers (EPSV and
    PASV name a port where connect() hangs); active mode is refused. params: ccc (FEAT lists
    CCC), port (set by the behaviour: the port handed out)."""
    ls, fillers, port = server.params['hang']
    feat = ['211-Features:', ' AUTH TLS', ' PBSZ', ' PROT'] + \
        ([' CCC'] if server.params.get('ccc') else []) + ['211 End']
    conn.send('220 Blocked-data FTPS server.')
    cert = ftpservers.shared_certs().selfsigned
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert.cert, cert.key)
    io = ftpservers.explicit_tls(conn, ctx, SERVER_LIMIT, feat='\r\n'.join(feat))
    if io is None:
        return
    replies = {
        'USER': '331 Password required.', 'PASS': '230 Logged in.', 'PBSZ': '200 PBSZ=0',
        'PROT': '200 Protection level set.', 'SYST': '215 UNIX Type: L8',
        'PWD': '257 "/" is the current directory.', 'TYPE': '200 Type set.',
        'CWD': '250 OK.', 'NOOP': '200 OK.', 'OPTS': '200 OK.',
        'EPSV': '229 Entering Extended Passive Mode (|||%d|)' % port,
        'PASV': '227 Entering Passive Mode (127,0,0,1,%d,%d).' % (port >> 8, port & 0xff),
        'EPRT': '500 Active mode is not allowed here.',
        'PORT': '500 Active mode is not allowed here.',
        'LIST': '425 Could not open the data connection.',
        'MLSD': '425 Could not open the data connection.',
    }
    replies['FEAT'] = '\r\n'.join(feat)
    try:
        io.serve(replies)
    finally:
        io.tls.close()


class BlockedData(ferrytest.NetTestCase):
    def run_blocked(self, ccc):
        hang = _hang_port()
        try:
            with ftpservers.ScriptedServer('blocked-data', hang=hang, ccc=ccc) as srv:
                cert = ftpservers.shared_certs().selfsigned
                args = ('--ca-file', cert.ca, '--connect-timeout', '2', '--timeout', '10',
                        '--data-connections', '1', url_for(srv, 'ftpes'))
                r = run_cli('probe', '--json', *args)
                t = run_cli('probe', *args)
        finally:
            hang[0].close()
            for c in hang[1]:
                c.close()
        self.assertNotEqual(r.rc, EXIT_OK, r)
        self.assertTrue(r.json['logged_in'], r)
        self.assertTrue(r.json['credentials_encrypted'], r)
        fw = r.json['firewall']
        self.assertIsNotNone(fw, r)
        self.assertTrue(fw['blocked'], fw)
        self.assertGreaterEqual(fw['data_timeouts'], 1, fw)
        self.assertEqual(fw['failed_port'], hang[2])
        self.assertIn(hang[2], fw['passive_ports'])
        self.assertEqual(fw['passive_connections'], 0)
        self.assertEqual(fw['ccc_offered'], ccc)
        blocked = [f for f in fw['findings'] if 'timed out' in f]
        self.assertEqual(len(blocked), 1, fw)
        self.assertIn('port %d' % hang[2], blocked[0])
        self.assertIn('firewall or NAT', blocked[0])
        self.assertIn('blocking or inspecting the passive ports', blocked[0])
        self.assertEqual(fw['advice'], 'Open TCP %d and %d towards the server.'
                         % (srv.port, hang[2]))
        self.assertIn('\nFirewall:\n', t.stdout)
        self.assertIn('  Finding:    ' + blocked[0], t.stdout)
        return fw, t

    def test_firewall_blocked_without_ccc(self):
        fw, t = self.run_blocked(ccc=False)
        self.assertFalse([f for f in fw['findings'] if 'CCC' in f], fw)
        self.assertNotIn('CCC', t.stdout.split('\nFirewall:\n')[1])

    def test_firewall_blocked_with_ccc(self):
        fw, t = self.run_blocked(ccc=True)
        ccc = [f for f in fw['findings'] if 'CCC' in f]
        self.assertEqual(len(ccc), 1, fw)
        # The cost, in words: what stays encrypted and what can be read.
        self.assertIn('password and your files stay encrypted', ccc[0])
        self.assertIn('names of your files and folders', ccc[0])
        self.assertIn('  Finding:    ' + ccc[0], t.stdout)


if __name__ == '__main__':
    ferrytest.main()
