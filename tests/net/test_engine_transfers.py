#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The engine's data side against real servers, driven by tests/engine-driver.c on one
session: a big folder listed and parsed (LIST and MLSD), a cancelled download that keeps
its .part and leaves the session usable (ABOR), its resume byte for byte, a control
connection killed between two commands (reconnected), active mode, and the automatic fall
back to the other mode when one cannot work."""

import hashlib
import os
import re
import subprocess
import tempfile
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


def sha256_of(path, start=0):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        f.seek(start)
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def write_random(path, size):
    with open(path, 'wb') as f:
        left = size
        while left:
            chunk = os.urandom(min(left, 1 << 20))
            f.write(chunk)
            left -= len(chunk)


class BigFiles(ferrytest.NetTestCase):
    """A 200 MiB file once per direction per server, byte for byte."""

    SIZE = 200 * 1024 * 1024

    def round_trip(self, server):
        with tempfile.TemporaryDirectory(dir='/var/tmp') as work:
            source = os.path.join(work, 'source.bin')
            write_random(source, self.SIZE)
            p = drive(server, '--put', source, '--to', '/big-up.bin')
            self.assertEqual(lines_of(p.stdout, 'TRANSFER')[0]['state'], 'done', p)
            on_server = os.path.join(server.root, 'big-up.bin')
            self.assertEqual(os.path.getsize(on_server), self.SIZE)
            self.assertEqual(sha256_of(on_server), sha256_of(source))

            back = os.path.join(work, 'back.bin')
            p = drive(server, '--get', '/big-up.bin', '--to', back)
            t = lines_of(p.stdout, 'TRANSFER')[0]
            self.assertEqual(t['state'], 'done', p)
            self.assertEqual(int(t['bytes']), self.SIZE)
            self.assertEqual(sha256_of(back), sha256_of(source))

    def test_vsftpd_tls13(self):
        with ftpservers.Vsftpd(mode='explicit', tls='1.3') as srv:
            self.round_trip(srv)

    def test_proftpd(self):
        with ftpservers.Proftpd(implicit=False) as srv:
            self.round_trip(srv)


class SmallFiles(ferrytest.NetTestCase):
    def round_trip_small(self, server):
        with tempfile.TemporaryDirectory() as work:
            source = os.path.join(work, 'small.bin')
            write_random(source, 100 * 1024 + 7)
            p = drive(server, '--put', source, '--to', '/small.bin')
            self.assertEqual(lines_of(p.stdout, 'TRANSFER')[0]['state'], 'done', p)
            back = os.path.join(work, 'back.bin')
            p = drive(server, '--get', '/small.bin', '--to', back)
            self.assertEqual(lines_of(p.stdout, 'TRANSFER')[0]['state'], 'done', p)
            self.assertEqual(sha256_of(back), sha256_of(source))

    def test_vsftpd_explicit_tls12(self):
        with ftpservers.Vsftpd(mode='explicit', tls='1.2') as srv:
            self.round_trip_small(srv)

    def test_vsftpd_implicit_tls13(self):
        with ftpservers.Vsftpd(mode='implicit', tls='1.3') as srv:
            self.round_trip_small(srv)

    def test_vsftpd_implicit_tls12(self):
        with ftpservers.Vsftpd(mode='implicit', tls='1.2') as srv:
            self.round_trip_small(srv)

    def test_pureftpd(self):
        with ftpservers.PureFtpd() as srv:
            self.round_trip_small(srv)

    def test_twenty_uploads_in_a_row_on_tls13_lose_nothing(self):
        with ftpservers.Vsftpd(mode='explicit', tls='1.3') as srv, \
                tempfile.TemporaryDirectory() as work:
            os.makedirs(os.path.join(srv.root, 'up'))
            os.chown(os.path.join(srv.root, 'up'), srv.uid, srv.gid)
            for i in range(20):
                write_random(os.path.join(work, 'f%02d.bin' % i), 1024 * 1024)
            p = drive(srv, '--put-dir', work, '--to', '/up')
            states = [t['state'] for t in lines_of(p.stdout, 'TRANSFER')]
            self.assertEqual(states, ['done'] * 20, p)
            for i in range(20):
                name = 'f%02d.bin' % i
                self.assertEqual(sha256_of(os.path.join(srv.root, 'up', name)),
                                 sha256_of(os.path.join(work, name)), name)
            # No 426 reply, and no failed upload (a rate like "142678.00Kbyte/sec" holds the
            # digits 426 too: look for the reply, not the digits).
            self.assertFalse([l for l in srv.log_text().splitlines()
                              if ('FTP response' in l and '"426 ' in l) or 'FAIL UPLOAD' in l])

    def test_upload_resumes_with_rest(self):
        with ftpservers.Vsftpd(mode='explicit') as srv, tempfile.TemporaryDirectory() as work:
            source = os.path.join(work, 'src.bin')
            write_random(source, 3 * 1024 * 1024 + 11)
            partial = os.path.join(srv.root, 'partial.bin')
            with open(source, 'rb') as a, open(partial, 'wb') as b:
                b.write(a.read(1024 * 1024 + 5))
            os.chown(partial, srv.uid, srv.gid)
            p = drive(srv, '--put', source, '--to', '/partial.bin', '--resume')
            self.assertEqual(lines_of(p.stdout, 'TRANSFER')[0]['state'], 'done', p)
            self.assertIn('REST %d' % (1024 * 1024 + 5), srv.commands())
            self.assertEqual(sha256_of(partial), sha256_of(source))


class OverFourGiB(ferrytest.NetTestCase):
    def test_sparse_file_resumed_near_its_end(self):
        size = 4 * 1024 ** 3 + 512 * 1024 ** 2 + 12345     # 4.5 GiB and a bit
        tail = 3 * 1024 * 1024
        with ftpservers.Vsftpd(mode='explicit') as srv, \
                tempfile.TemporaryDirectory(dir='/var/tmp') as work:
            remote = os.path.join(srv.root, 'huge.bin')
            with open(remote, 'wb') as f:
                f.truncate(size - tail)
                f.seek(size - tail)
                f.write(os.urandom(tail))
            os.chown(remote, srv.uid, srv.gid)
            target = os.path.join(work, 'huge.bin')
            offset = size - tail - 1024 * 1024      # the .part has all but the last 4 MiB
            with open(target + '.part', 'wb') as f:
                f.truncate(offset)
            p = drive(srv, '--get', '/huge.bin', '--to', target, '--resume')
            t = lines_of(p.stdout, 'TRANSFER')[0]
            self.assertEqual(t['state'], 'done', p)
            self.assertEqual(int(t['bytes']), size)
            self.assertEqual(os.path.getsize(target), size)
            self.assertIn('REST %d' % offset, srv.commands())
            self.assertIn('SIZE /huge.bin', srv.commands())
            self.assertEqual(sha256_of(target, size - tail - 1024 * 1024),
                             sha256_of(remote, size - tail - 1024 * 1024))


class FileOperations(ferrytest.NetTestCase):
    def run_ops(self, server, *ops):
        p = drive(server, *sum((['--op', o] for o in ops), []))
        result = lines_of(p.stdout, 'OP')
        self.assertEqual(len(result), len(ops), p)
        return result, p

    def check_operations(self, server):
        make_file(server, 'note.txt', 1234)
        ops, p = self.run_ops(server, 'mkdir:/work dir', 'cwd:/work dir', 'cwd:..',
                              'stat:/note.txt', 'stat:/work dir', 'chmod:/note.txt:600',
                              'rename:/note.txt:/work dir/renamed.txt', 'mkdir:/work dir/sub',
                              'rmdir:/work dir/sub', 'stat:/missing.txt',
                              'rm-r:/work dir')
        self.assertEqual([o['ok'] for o in ops],
                         ['1', '1', '1', '1', '1', '1', '1', '1', '1', '0', '1'], p)
        self.assertIn('/work', ops[1]['result'])     # PWD after CWD (the path has a space)
        self.assertEqual(ops[2]['result'], '/')
        self.assertEqual(ops[3]['result'], 'file,1234')
        self.assertTrue(ops[4]['result'].startswith('dir'))
        self.assertFalse(os.path.exists(os.path.join(server.root, 'work dir')))
        self.assertFalse(os.path.exists(os.path.join(server.root, 'note.txt')))

    def test_vsftpd(self):
        with ftpservers.Vsftpd(mode='explicit') as srv:
            make_file(srv, 'mode.txt', 10)
            ops, p = self.run_ops(srv, 'chmod:/mode.txt:640')
            self.assertEqual(ops[0]['ok'], '1', p)
            self.assertEqual(os.stat(os.path.join(srv.root, 'mode.txt')).st_mode & 0o777, 0o640)
            self.check_operations(srv)

    def test_proftpd(self):
        with ftpservers.Proftpd(implicit=False) as srv:
            self.check_operations(srv)


class DataConnectionKilled(ferrytest.NetTestCase):
    def test_killed_data_connection_is_retried_and_resumed(self):
        with ftpservers.Vsftpd(mode='explicit', max_rate=256 * 1024) as srv, \
                tempfile.TemporaryDirectory() as work:
            original = make_file(srv, 'slow.bin', 2 * 1024 * 1024)
            target = os.path.join(work, 'slow.bin')
            env = dict(os.environ, FERRY_PASSWORD=ferrytest.PASSWORD)
            p = subprocess.Popen([ferrytest.CLI, 'get', '-v', '--ca-file', srv.cert.ca,
                                  url_for(srv) + '/slow.bin', target],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env=env)
            try:
                # Wait (bounded) until data flows, then kill every data connection.
                for _ in range(200):
                    if os.path.exists(target + '.part') and \
                            os.path.getsize(target + '.part') > 300 * 1024:
                        break
                    time.sleep(0.05)
                low, high = srv.pasv_range
                subprocess.run(['ss', '-K', 'dst', '127.0.0.1', 'dport', '>=', ':%d' % low,
                                'dport', '<=', ':%d' % high], check=True, capture_output=True)
                out, err = p.communicate(timeout=ferrytest.RUN_GUARD)
            finally:
                if p.poll() is None:
                    p.kill()
            self.assertEqual(p.returncode, 0, err)
            self.assertIn('trying again', err.lower())
            self.assertTrue(any(c.startswith('REST ') for c in srv.commands()), srv.commands())
            self.assertEqual(sha256_of(target), sha256_of(original))


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
