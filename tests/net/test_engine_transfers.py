#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The engine's data side against real servers, driven by tests/engine-driver.c on one
session: a big folder listed and parsed (LIST and MLSD), a cancelled download that keeps
its .part and leaves the session usable (ABOR), its resume byte for byte, a control
connection killed between two commands (reconnected), active mode, and the automatic fall
back to the other mode when one cannot work."""

import os
import re
import subprocess
import time

import ferrytest
from ferrytest import ftpservers, url_for

DRIVER = os.path.join(ferrytest.BUILD_DIR, 'tests', 'engine-driver')


def drive(server, *args, background=False):
    env = dict(os.environ, FERRY_PASSWORD=ferrytest.PASSWORD)
    argv = [DRIVER, '--ca-file', server.cert.ca] + [str(a) for a in args] + [url_for(server)]
    if background:
        return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env)
    return subprocess.run(argv, capture_output=True, text=True, env=env,
                          timeout=ferrytest.RUN_GUARD)


def fields(line):
    return dict(re.findall(r'(\w+)=(\S*)', line))


def lines_of(output, kind):
    return [fields(l) for l in output.splitlines() if l.startswith(kind + ' ')]


def make_folder(server, name, count):
    folder = os.path.join(server.root, name)
    os.makedirs(folder)
    for i in range(count):
        with open(os.path.join(folder, 'file %04d.txt' % i), 'w') as f:
            f.write('x' * (i % 97))
    subprocess.run(['chown', '-R', '%d:%d' % (server.uid, server.gid), folder], check=True)


def make_file(server, name, size):
    path = os.path.join(server.root, name)
    with open(path, 'wb') as f:
        f.write(os.urandom(size))
    os.chown(path, server.uid, server.gid)
    return path


class Listings(ferrytest.NetTestCase):
    def check_big_folder(self, server):
        make_folder(server, 'big', 2000)
        p = drive(server, '--list', '/big')
        ls = lines_of(p.stdout, 'LIST')
        self.assertEqual(len(ls), 1, p)
        self.assertEqual(ls[0]['ok'], '1', p)
        self.assertEqual(ls[0]['entries'], '2000', p)
        self.assertEqual(ls[0]['warnings'], '0', p)

    def test_2000_entries_list_on_vsftpd(self):
        with ftpservers.Vsftpd(mode='explicit') as srv:
            self.check_big_folder(srv)

    def test_2000_entries_mlsd_on_proftpd(self):
        with ftpservers.Proftpd(implicit=False) as srv:
            self.check_big_folder(srv)
            self.assertTrue(any(c.startswith('MLSD') for c in srv.commands()), srv.commands())


class CancelAndResume(ferrytest.NetTestCase):
    def test_cancel_keeps_part_and_session_then_resume(self):
        with ftpservers.Vsftpd(mode='explicit', max_rate=400 * 1024) as srv:
            original = make_file(srv, 'big.bin', 3 * 1024 * 1024)
            target = os.path.join(srv.dir, 'download.bin')
            p = drive(srv, '--get', '/big.bin', '--to', target, '--cancel-after-bytes', 600000,
                      '--then-list', '/')
            t = lines_of(p.stdout, 'TRANSFER')[0]
            self.assertEqual(t['state'], 'cancelled', p)
            self.assertFalse(os.path.exists(target))
            part = os.path.getsize(target + '.part')
            self.assertGreater(part, 0)
            self.assertLess(part, 3 * 1024 * 1024)
            self.assertIn('ABOR', srv.commands())
            # The same session lists afterwards.
            self.assertEqual(lines_of(p.stdout, 'LIST')[0]['ok'], '1', p)

            p = drive(srv, '--get', '/big.bin', '--to', target, '--resume')
            self.assertEqual(lines_of(p.stdout, 'TRANSFER')[0]['state'], 'done', p)
            self.assertFalse(os.path.exists(target + '.part'))
            with open(original, 'rb') as a, open(target, 'rb') as b:
                self.assertTrue(a.read() == b.read(), 'resumed file differs')
            self.assertTrue(any(c.startswith('REST %d' % part) for c in srv.commands()),
                            srv.commands())


class Reconnect(ferrytest.NetTestCase):
    def test_killed_control_connection_is_reconnected(self):
        with ftpservers.Vsftpd(mode='explicit') as srv:
            p = drive(srv, '--list', '/', '--repeat', '2', '--pause-ms', '2000', background=True)
            try:
                first = p.stdout.readline()
                self.assertIn('LIST ok=1', first)
                subprocess.run(['ss', '-K', 'dst', '127.0.0.1', 'dport', '=', ':%d' % srv.port],
                               check=True, capture_output=True)
                out, err = p.communicate(timeout=ferrytest.RUN_GUARD)
            finally:
                if p.poll() is None:
                    p.kill()
            second = fields(out.splitlines()[0])
            self.assertEqual(second['ok'], '1', out + err)
            connects = srv.log_text().count('CONNECT: Client')
            self.assertGreaterEqual(connects, 3, 'expected a reconnect')  # probe + 2 sessions


class DataModes(ferrytest.NetTestCase):
    def test_active_mode(self):
        with ftpservers.Vsftpd(mode='explicit') as srv:
            p = drive(srv, '--active', '--list', '/')
            self.assertEqual(lines_of(p.stdout, 'LIST')[0]['ok'], '1', p)
            self.assertTrue(any(c.startswith(('EPRT', 'PORT')) for c in srv.commands()),
                            srv.commands())

    def test_passive_refused_falls_back_to_active(self):
        with ftpservers.Vsftpd(mode='explicit', extra={'pasv_enable': 'NO'}) as srv:
            p = drive(srv, '--list', '/', '--repeat', '2')
            ls = lines_of(p.stdout, 'LIST')
            self.assertEqual([l['ok'] for l in ls], ['1', '1'], p)
            commands = srv.commands()
            self.assertTrue(any(c.startswith(('EPRT', 'PORT')) for c in commands), commands)
            # The second listing goes straight to active mode.
            self.assertEqual(sum(1 for c in commands if c.startswith('EPSV')), 1, commands)

    def test_active_refused_falls_back_to_passive(self):
        with ftpservers.Vsftpd(mode='explicit', extra={'port_enable': 'NO'}) as srv:
            p = drive(srv, '--active', '--list', '/')
            self.assertEqual(lines_of(p.stdout, 'LIST')[0]['ok'], '1', p)
            self.assertTrue(any(c.startswith('EPSV') for c in srv.commands()), srv.commands())


if __name__ == '__main__':
    ferrytest.main()
