#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The transfer queue (issue 8) against real servers, driven by tests/queue-driver.c on one
FerryTransferRunner: 50 files in nested folders down and up with identical sha256; parallel
sessions that really overlap in the server's own log with 4 sessions, and never with 1; pause
and resume of a 200 MiB download that continues with REST; a data connection cut mid-transfer
(retried, resumed) while a 550 is not retried; retry of a cancelled download; the order of
waiting transfers changed; a live change of the number of sessions. Hang guards only (the
driver's --timeout), no timing assertions."""

import hashlib
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile

import ferrytest
from ferrytest import ftpservers, url_for

DRIVER = os.path.join(ferrytest.BUILD_DIR, 'tests', 'queue-driver')
GUARD = 120


def drive(url, *commands, ca=None, security=None, parallel=2, timeout=GUARD):
    env = dict(os.environ, FERRY_PASSWORD=ferrytest.PASSWORD)
    argv = [DRIVER, '--parallel', str(parallel), '--timeout', str(timeout)]
    if ca:
        argv += ['--ca-file', ca]
    if security:
        argv += ['--security', security]
    argv += [url] + list(commands)
    p = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout + 30)
    return p


def fields(line):
    return dict(re.findall(r'(\w+)=(\S*)', line))


def lines_of(p, kind):
    return [fields(l) for l in p.stdout.splitlines() if l.startswith(kind + ' ')]


def states_of(p, remote):
    return [s['state'] for s in lines_of(p, 'STATE') if s['remote'] == remote]


def settled(states):
    """The sequence of states a transfer went through, without "queued" (one that is queued
    and starts at once may show only the second) and without repeats (the driver prints a
    STATE line on progress too, so a transfer shows "active" as often as it reports bytes)."""
    out = []
    for s in states:
        if s != 'queued' and (not out or out[-1] != s):
            out.append(s)
    return out


def states_of_text(text, remote):
    return [fields(l)['state'] for l in text.splitlines()
            if l.startswith('STATE ') and fields(l).get('remote') == remote]


def sha(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def tree_sums(root):
    out = {}
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            path = os.path.join(dirpath, name)
            out[os.path.relpath(path, root)] = sha(path)
    return out


def chown_tree(server, path):
    subprocess.run(['chown', '-R', '%d:%d' % (server.uid, server.gid), path], check=True)


def make_nested(root, count=50):
    """count files in three levels of folders, of different sizes and contents."""
    for i in range(count):
        rel = os.path.join('level %d' % (i % 3), 'sub %d' % (i % 4), 'deep' if i % 2 else '',
                           'f%02d.bin' % i)
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(os.urandom(1000 + i * 3917))


def make_big(path, mib):
    """mib MiB fast: one random MiB repeated, each copy stamped with its number, so that
    a resume at the wrong offset changes the checksum."""
    block = bytearray(os.urandom(1 << 20))
    with open(path, 'wb') as f:
        for i in range(mib):
            block[0:8] = struct.pack('>Q', i)
            f.write(block)


def vsftpd_sessions(server):
    """Per vsftpd session (its pid), the log's order of events: [(pid, 'start'|'end', path)].
    A transfer starts with its RETR/STOR command and ends with the OK/FAIL line."""
    events = []
    pat = re.compile(r'\[pid (\d+)\] (?:\[[^\]]*\] )?(.*)$')
    for line in server.log_text().splitlines():
        m = pat.search(line)
        if not m:
            continue
        pid, rest = m.groups()
        c = re.match(r'FTP command: Client "[^"]*", "(RETR|STOR) (.*)"$', rest)
        if c:
            events.append((pid, 'start', c.group(2)))
        elif re.match(r'(OK|FAIL) (DOWNLOAD|UPLOAD):', rest):
            events.append((pid, 'end', rest))
    return events


def most_at_once(events):
    running, most = set(), 0
    for pid, kind, _ in events:
        if kind == 'start':
            running.add(pid)
            most = max(most, len(running))
        else:
            running.discard(pid)
    return most


class VsftpdQueue(ferrytest.NetTestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='ferry-queue-')
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def start(self, **kwargs):
        srv = ftpservers.Vsftpd(mode='explicit', **kwargs)
        self.addCleanup(srv.stop)
        return srv

    def run_queue(self, srv, *commands, parallel=2):
        p = drive(url_for(srv), *commands, ca=srv.cert.ca, parallel=parallel)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        return p

    def test_queue_50_nested_files_down_and_up(self):
        srv = self.start()
        source = os.path.join(srv.root, 'tree')
        make_nested(source)
        chown_tree(srv, source)
        local = os.path.join(self.tmp, 'tree')
        p = self.run_queue(srv, 'get|/tree|%s|folder' % local, 'wait-idle', parallel=4)
        self.assertEqual(states_of(p, '/tree')[-1], 'done', p.stdout)
        expected = tree_sums(source)
        self.assertEqual(len(expected), 50)
        self.assertEqual(tree_sums(local), expected)

        p = self.run_queue(srv, 'put|%s|/back|folder' % local, 'wait-idle', parallel=4)
        self.assertEqual(states_of(p, '/back')[-1], 'done', p.stdout)
        self.assertEqual(tree_sums(os.path.join(srv.root, 'back')), expected)

    def parallel_run(self, parallel):
        srv = self.start(max_rate=256 * 1024)
        for i in range(6):
            path = os.path.join(srv.root, 'p%d.bin' % i)
            with open(path, 'wb') as f:
                f.write(os.urandom(300 * 1024))
            os.chown(path, srv.uid, srv.gid)
        commands = ['get|/p%d.bin|%s' % (i, os.path.join(self.tmp, 'p%d-%d.bin' % (i, parallel)))
                    for i in range(6)]
        p = self.run_queue(srv, *commands, 'wait-idle', parallel=parallel)
        for i in range(6):
            self.assertEqual(sha(os.path.join(self.tmp, 'p%d-%d.bin' % (i, parallel))),
                             sha(os.path.join(srv.root, 'p%d.bin' % i)))
        events = vsftpd_sessions(srv)
        self.assertEqual(sum(1 for e in events if e[1] == 'start'), 6, srv.log_text())
        return most_at_once(events), len({e[0] for e in events})

    def test_queue_parallel_overlaps_with_4_not_with_1(self):
        most, sessions = self.parallel_run(4)
        self.assertEqual(most, 4)
        self.assertEqual(sessions, 4)
        most, sessions = self.parallel_run(1)
        self.assertEqual(most, 1)
        self.assertEqual(sessions, 1)

    def test_queue_pause_and_resume_200_mib(self):
        srv = self.start(max_rate=40 * 1024 * 1024)
        original = os.path.join(srv.root, 'big.bin')
        make_big(original, 200)
        os.chown(original, srv.uid, srv.gid)
        local = os.path.join(self.tmp, 'big.bin')
        p = self.run_queue(srv, 'get|/big.bin|%s' % local, 'wait-bytes|1|%d' % (30 << 20),
                           'pause|1', 'wait-state|1|paused', 'list', 'resume|1',
                           'wait-state|1|done', 'wait-idle')
        # (A "queued" between may be folded into the "active" that follows it.)
        self.assertEqual(settled(states_of(p, '/big.bin')), ['active', 'paused', 'active',
                                                             'done'], p.stdout)
        paused_at = int(lines_of(p, 'ITEM')[0]['bytes'])
        self.assertGreaterEqual(paused_at, 30 << 20)
        self.assertLess(paused_at, 200 << 20)
        self.assertEqual(sha(local), sha(original))
        self.assertFalse(os.path.exists(local + '.part'))
        rests = [int(c.split()[1]) for c in srv.commands() if c.startswith('REST ')]
        self.assertEqual(len(rests), 1, srv.commands())
        self.assertGreaterEqual(rests[0], 30 << 20)
        self.assertEqual(sum(1 for c in srv.commands() if c.startswith('RETR')), 2)
        # The second RETR sent what was missing, not the whole file again.
        sent = [int(m) for m in re.findall(r'OK DOWNLOAD: .*, (\d+) bytes', srv.log_text())]
        self.assertEqual(sent, [(200 << 20) - rests[0]], srv.log_text())

    def test_queue_pause_a_waiting_transfer_then_a_folder(self):
        srv = self.start(max_rate=512 * 1024)
        source = os.path.join(srv.root, 'tree')
        make_nested(source, 12)
        chown_tree(srv, source)
        first = os.path.join(srv.root, 'first.bin')
        with open(first, 'wb') as f:
            f.write(os.urandom(600 * 1024))
        os.chown(first, srv.uid, srv.gid)
        local = os.path.join(self.tmp, 'tree')
        p = self.run_queue(srv, 'get|/first.bin|%s' % os.path.join(self.tmp, 'first.bin'),
                           'get|/tree|%s|folder' % local, 'pause|2', 'wait-state|1|done',
                           'wait-idle', 'list', 'resume|2', 'wait-bytes|2|1',
                           'pause|2', 'wait-state|2|paused', 'wait-idle', 'resume|2',
                           'wait-state|2|done', 'wait-idle', parallel=1)
        # Paused while waiting: nothing of it ran until it was resumed.
        items = {i['remote']: i['state'] for i in lines_of(p, 'ITEM')}
        self.assertEqual(items['/tree'], 'paused', p.stdout)
        self.assertEqual(states_of(p, '/tree')[0], 'paused', p.stdout)
        self.assertEqual(tree_sums(local), tree_sums(source))

    def test_queue_cancel_then_retry_resumes(self):
        srv = self.start(max_rate=2 * 1024 * 1024)
        original = os.path.join(srv.root, 'mid.bin')
        make_big(original, 8)
        os.chown(original, srv.uid, srv.gid)
        local = os.path.join(self.tmp, 'mid.bin')
        p = self.run_queue(srv, 'get|/mid.bin|%s' % local, 'wait-bytes|1|%d' % (2 << 20),
                           'cancel|1', 'wait-state|1|cancelled', 'wait-idle', 'retry|1',
                           'wait-state|1|done', 'wait-idle')
        self.assertEqual(settled(states_of(p, '/mid.bin'))[-3:], ['cancelled', 'active', 'done'],
                         p.stdout)
        self.assertEqual(sha(local), sha(original))
        rests = [int(c.split()[1]) for c in srv.commands() if c.startswith('REST ')]
        self.assertEqual(len(rests), 1, srv.commands())
        self.assertGreater(rests[0], 0)

    def test_queue_pause_then_resume_at_once_is_not_a_cancel(self):
        srv = self.start(max_rate=1024 * 1024)
        original = os.path.join(srv.root, 'quick.bin')
        make_big(original, 4)
        os.chown(original, srv.uid, srv.gid)
        local = os.path.join(self.tmp, 'quick.bin')
        # The resume comes while the paused attempt is still being stopped.
        p = self.run_queue(srv, 'get|/quick.bin|%s' % local, 'wait-bytes|1|%d' % (1 << 20),
                           'pause|1', 'resume|1', 'wait-state|1|done', 'wait-idle')
        self.assertNotIn('cancelled', states_of(p, '/quick.bin'), p.stdout)
        self.assertEqual(sha(local), sha(original))
        self.assertEqual(sum(1 for c in srv.commands() if c.startswith('RETR')), 2)

    def test_queue_pause_all_resume_all_cancel_paused_and_clear(self):
        srv = self.start(max_rate=1024 * 1024)
        for i in range(3):
            path = os.path.join(srv.root, 'a%d.bin' % i)
            make_big(path, 2)
            os.chown(path, srv.uid, srv.gid)
        commands = ['get|/a%d.bin|%s' % (i, os.path.join(self.tmp, 'a%d.bin' % i))
                    for i in range(3)]
        p = self.run_queue(srv, *commands, 'wait-bytes|1|%d' % (256 << 10), 'pause-all',
                           'wait-state|1|paused', 'wait-state|2|paused', 'wait-state|3|paused',
                           'wait-idle', 'list', 'cancel|3', 'wait-state|3|cancelled',
                           'resume-all', 'wait-state|1|done', 'wait-state|2|done', 'wait-idle',
                           'retry|3', 'wait-state|3|done', 'wait-idle', 'clear', 'list',
                           parallel=2)
        # All three paused (the third before it began), nothing lost on the way.
        self.assertEqual([i['state'] for i in lines_of(p, 'ITEM')],
                         ['paused', 'paused', 'paused'], p.stdout)
        self.assertEqual(settled(states_of(p, '/a2.bin')), ['paused', 'cancelled', 'active',
                                                            'done'], p.stdout)
        for i in range(3):
            self.assertNotIn('cancelled', states_of(p, '/a%d.bin' % i)[-1], p.stdout)
            self.assertEqual(sha(os.path.join(self.tmp, 'a%d.bin' % i)),
                             sha(os.path.join(srv.root, 'a%d.bin' % i)))
        # Cleared: everything was done, the last list shows nothing.
        self.assertTrue(p.stdout.rstrip().endswith('DONE busy=0'), p.stdout)
        tail = p.stdout[p.stdout.rindex('REACHED wait-idle'):]
        self.assertNotIn('ITEM ', tail, p.stdout)

    def test_queue_cancelled_folder_retried(self):
        srv = self.start(max_rate=512 * 1024)
        source = os.path.join(srv.root, 'tree')
        make_nested(source, 10)
        chown_tree(srv, source)
        local = os.path.join(self.tmp, 'tree')
        p = self.run_queue(srv, 'get|/tree|%s|folder' % local, 'wait-active|1', 'cancel|1',
                           'wait-state|1|cancelled', 'wait-idle', 'retry|1',
                           'wait-state|1|done', 'wait-idle', parallel=2)
        self.assertEqual(states_of(p, '/tree')[-1], 'done', p.stdout)
        self.assertEqual(tree_sums(local), tree_sums(source))

    def test_queue_folder_whose_listing_failed_is_retried(self):
        srv = self.start()
        source = os.path.join(srv.root, 'tree')
        make_nested(source, 12)
        chown_tree(srv, source)
        locked = os.path.join(source, 'level 1')
        os.chmod(locked, 0)
        self.addCleanup(os.chmod, locked, 0o755)
        local = os.path.join(self.tmp, 'tree')
        # The server refuses "level 1" until the test gives it back its rights; the
        # retry lists it again, and the folder's files arrive.
        p = subprocess.Popen([DRIVER, '--timeout', str(GUARD), '--ca-file', srv.cert.ca,
                              url_for(srv), 'get|/tree|%s|folder' % local,
                              'wait-state|1|failed', 'wait-idle', 'list', 'wait-stdin',
                              'wait-state|1|done', 'wait-idle', 'list'],
                             stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True,
                             env=dict(os.environ, FERRY_PASSWORD=ferrytest.PASSWORD))
        self.addCleanup(p.kill)
        out = ''
        for line in p.stdout:
            out += line
            if line.startswith('REACHED wait-idle'):
                break
        self.assertIn('STATE remote=/tree/level 1 state=failed', out)
        os.chmod(locked, 0o755)
        p.stdin.write('retry|1\n')
        p.stdin.flush()
        rest, _ = p.communicate(timeout=GUARD + 30)
        out += rest
        self.assertEqual(p.returncode, 0, out)
        self.assertEqual(states_of_text(out, '/tree')[-1], 'done', out)
        self.assertEqual(tree_sums(local), tree_sums(source))
        last = out[out.rindex('REACHED wait-idle'):]
        self.assertNotIn('remote=/tree/level 1 state=failed', last, out)

    def test_queue_move_changes_the_order(self):
        srv = self.start(max_rate=1024 * 1024)
        for i in range(4):
            path = os.path.join(srv.root, 'm%d.bin' % i)
            with open(path, 'wb') as f:
                f.write(os.urandom(400 * 1024))
            os.chown(path, srv.uid, srv.gid)
        commands = ['get|/m%d.bin|%s' % (i, os.path.join(self.tmp, 'm%d.bin' % i))
                    for i in range(4)]
        p = self.run_queue(srv, *commands, 'move|4|top', 'move|2|down', 'move|3|up', 'list',
                           'wait-idle', parallel=1)
        # m0 has started; of the waiting ones, m1 m2 m3: m3 to the top (m3 m1 m2), m1 down
        # (m3 m2 m1), m2 up (m2 m3 m1). m0 does not move.
        order = [i['remote'] for i in lines_of(p, 'ITEM')]
        self.assertEqual(order, ['/m0.bin', '/m2.bin', '/m3.bin', '/m1.bin'], p.stdout)
        retrs = [c.split()[1] for c in srv.commands() if c.startswith('RETR')]
        self.assertEqual(retrs, ['/m0.bin', '/m2.bin', '/m3.bin', '/m1.bin'])

    def test_queue_move_a_file_above_a_folder(self):
        srv = self.start(max_rate=1024 * 1024)
        source = os.path.join(srv.root, 'tree')
        make_nested(source, 6)
        chown_tree(srv, source)
        for name in ('first.bin', 'last.bin'):
            path = os.path.join(srv.root, name)
            with open(path, 'wb') as f:
                f.write(os.urandom(300 * 1024))
            os.chown(path, srv.uid, srv.gid)
        p = self.run_queue(srv, 'get|/first.bin|%s' % os.path.join(self.tmp, 'first.bin'),
                           'get|/tree|%s|folder' % os.path.join(self.tmp, 'tree'),
                           'get|/last.bin|%s' % os.path.join(self.tmp, 'last.bin'),
                           'move|3|up', 'wait-idle', parallel=1)
        # The folder's files start in the folder's place: after last.bin.
        retrs = [c.split(' ', 1)[1] for c in srv.commands() if c.startswith('RETR')]
        self.assertEqual(retrs[:2], ['/first.bin', '/last.bin'], p.stdout)
        self.assertEqual(len(retrs), 8)
        self.assertEqual(tree_sums(os.path.join(self.tmp, 'tree')), tree_sums(source))

    def test_queue_live_change_of_max_sessions(self):
        srv = self.start(max_rate=256 * 1024)
        for i in range(4):
            path = os.path.join(srv.root, 'l%d.bin' % i)
            with open(path, 'wb') as f:
                f.write(os.urandom(768 * 1024))
            os.chown(path, srv.uid, srv.gid)
        commands = ['get|/l%d.bin|%s' % (i, os.path.join(self.tmp, 'l%d.bin' % i))
                    for i in range(4)]
        p = self.run_queue(srv, *commands, 'wait-active|1', 'list', 'max|3', 'wait-active|3',
                           'wait-idle', parallel=1)
        # One running, three waiting, until the change; then three at once.
        self.assertEqual([i['state'] for i in lines_of(p, 'ITEM')],
                         ['active', 'queued', 'queued', 'queued'], p.stdout)
        self.assertIn('REACHED wait-active|3', p.stdout)
        self.assertEqual(lines_of(p, 'MAX'), [{'sessions': '3'}])
        self.assertGreaterEqual(most_at_once(vsftpd_sessions(srv)), 3)


BROKEN = bytes((i * 31 + 7) & 0xff for i in range(400 * 1024))
CUT = 150 * 1024


@ftpservers.ScriptedServer.register('queue-broken-data')
def _broken_data(conn, server):
    """The first RETR of /broken.bin sends CUT bytes, then the data socket is reset and the
    reply is params['first'] ("426 …", "425 …" or "550 …" without data); later RETRs honour
    REST."""
    state = {'data': None, 'rest': 0}
    handlers, send_data = ftpservers.plain_ftp_handlers(state)

    def rest(c, arg):
        state['rest'] = int(arg)
        c.send('350 Restarting at %d.' % state['rest'])

    def retr(c, arg):
        offset, state['rest'] = state['rest'], 0
        if arg.strip() != '/broken.bin':
            c.send('550 No such file.')
            return
        if server.params['failed']:
            send_data(c, BROKEN[offset:])
            return
        server.params['failed'] = True
        first = server.params['first']
        if not first.startswith('426'):
            c.send(first)
            return
        if not server.params.get('reset'):
            send_data(c, BROKEN[offset:offset + CUT], first)
            return
        ls, state['data'] = state['data'], None
        c.send('150 Here it comes.')
        ls.settimeout(10)
        d, _ = ls.accept()
        ls.close()
        d.sendall(BROKEN[offset:offset + CUT])
        # Killed: a reset, not an orderly close.
        d.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        d.close()
        c.send(first)

    conn.send('220 A server whose first data connection breaks.')
    handlers.update({
        'CWD': lambda c, a: c.send('550 Not a folder.'), 'REST': rest, 'RETR': retr,
        'SIZE': lambda c, a: c.send('213 %d' % len(BROKEN) if a.strip() == '/broken.bin'
                                    else '550 No such file.'),
    })
    conn.serve(handlers)
    if state['data']:
        state['data'].close()


class BrokenData(ferrytest.NetTestCase):
    def run_broken(self, first, reset=False):
        srv = ftpservers.ScriptedServer('queue-broken-data', failed=False, first=first,
                                        reset=reset)
        self.addCleanup(srv.stop)
        tmp = tempfile.mkdtemp(prefix='ferry-queue-broken-')
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        local = os.path.join(tmp, 'broken.bin')
        p = drive('ftp://alice@127.0.0.1:%d' % srv.port, 'get|/broken.bin|%s' % local,
                  'wait-idle', security='plain')
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        return p, srv, local

    def test_queue_killed_data_connection_retries_and_resumes(self):
        self.check_resumed('426 Connection closed; transfer aborted.', reset=True)

    def test_queue_426_after_the_data_is_retried_and_resumed(self):
        self.check_resumed('426 Connection closed; transfer aborted.')

    def check_resumed(self, first, reset=False):
        p, srv, local = self.run_broken(first, reset)
        with open(local, 'rb') as f:
            self.assertEqual(f.read(), BROKEN)
        lines = srv.received_lines()
        rests = [int(l.split()[1]) for l in lines if l.startswith('REST ')]
        self.assertEqual(len(rests), 1, lines)
        self.assertGreater(rests[0], 0)
        self.assertLessEqual(rests[0], CUT)
        self.assertEqual(sum(1 for l in lines if l.startswith('RETR')), 2)
        self.assertEqual(states_of(p, '/broken.bin')[-1], 'done', p.stdout)
        self.assertIn('Trying again in 1 s', p.stderr)

    def test_queue_425_is_retried(self):
        p, srv, local = self.run_broken("425 Can't open data connection.")
        with open(local, 'rb') as f:
            self.assertEqual(f.read(), BROKEN)
        self.assertEqual(sum(1 for l in srv.received_lines() if l.startswith('RETR')), 2)

    def test_queue_550_is_not_retried(self):
        p, srv, local = self.run_broken('550 Permission denied (426 is not the code).')
        final = lines_of(p, 'STATE')[-1]
        self.assertEqual(final['state'], 'failed', p.stdout)
        self.assertEqual(final['code'], '550', p.stdout)
        self.assertEqual(final['attempts'], '1', p.stdout)
        self.assertEqual(sum(1 for l in srv.received_lines() if l.startswith('RETR')), 1)
        self.assertNotIn('Trying again', p.stderr)
        self.assertFalse(os.path.exists(local))


if __name__ == '__main__':
    ferrytest.main()
