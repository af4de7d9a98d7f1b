#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile and broken servers (issue 11), from small scripted servers, each case run through
ferry-cli: replies that are too long, endless, out of range or sent one byte at a time, a
banner that never ends; AUTH TLS answered and then plain text, AUTH refused, a handshake
that stops halfway; a SIZE that lies either way, an upload cut short behind a 226, a reset
and a stall on the data connection; a TLS data connection that ends without close_notify,
mid-file and at the end; Ctrl+C during a stalled reply and a silent data connection; a
listing that never ends; stray replies. Each case checks the exit code (README.md "Exit
codes"), the sentence that says what happened, that ferry-cli ends (a hang guard, not a
timing assertion; only Ctrl+C has to end it within seconds) and, for downloads, what is on
the local disk afterwards."""

import os
import resource
import select
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import tempfile
import time

import ferrytest
from ferrytest import (ftpservers, run_cli, EXIT_OK, EXIT_NETWORK, EXIT_TLS, EXIT_REMOTE,
                       EXIT_CANCELLED)

# --timeout for the cases that must end by the reply timeout: short, to keep the file short.
REPLY_TIMEOUT = '3'
# Hang guards (seconds) for one ferry-cli run: one wait of REPLY_TIMEOUT, or a transfer that
# the runner retries three times (1 + 2 + 4 s apart).
GUARD = 20
GUARD_RETRIED = 60
# How long a scripted server keeps doing something endless before it gives up by itself.
SERVER_LIMIT = 30.0
# The endless listing outlasts Ferry's 256 MiB limit even in the sanitizer build, which
# reads it at a few MiB/s (it ran out of the server's 30 s there and ended with a 426).
ENDLESS_LIMIT = 150.0


def _fast_unwinding_env():
    """The sanitizer build's ASAN_OPTIONS with malloc stacks unwound the fast way, or None.

    run-tests.sh asks for full (slow) unwinding so that LSan's suppressions match GLib's
    stacks; parsing 256 MiB of listing then takes over 3 minutes. Fast unwinding reads the
    same listing in about 30 s and still reports every memory error and leak."""
    options = os.environ.get('ASAN_OPTIONS')
    if not options:
        return None
    kept = [o for o in options.split(':') if not o.startswith('fast_unwind_on_malloc=')]
    return {'ASAN_OPTIONS': ':'.join(kept + ['fast_unwind_on_malloc=1'])}

LISTING = b'-rw-r--r--    1 1000     1000           32 Jan 01 12:00 hello.txt\r\n'


def _close_data(state):
    if state.get('data'):
        state['data'].close()
        state['data'] = None


def _accept_data(c, state):
    """150, then the client's data connection on the PASV listener (None, with 425 sent,
    when none comes)."""
    ls = state.get('data')
    if ls is None:
        c.send('425 Use PASV first.')
        return None
    state['data'] = None
    c.send('150 Opening data connection.')
    try:
        ls.settimeout(10)
        d, _ = ls.accept()
    except OSError:
        c.send('425 Cannot open data connection.')
        return None
    finally:
        ls.close()
    return d


def _reset(sock):
    """Closes with a TCP reset (RST) instead of a FIN."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    sock.close()


def _read_some(conn, n, timeout=10.0):
    """Up to n raw bytes from the client (not split into lines), recorded in received_bytes()."""
    deadline = time.monotonic() + timeout
    data = bytearray(conn._buf)
    conn._buf = b''
    while len(data) < n and time.monotonic() < deadline and not conn.server._stopping.is_set():
        r, _, _ = select.select([conn.sock], [], [], 0.1)
        if not r:
            continue
        chunk = conn.sock.recv(n - len(data))
        if not chunk:
            break
        conn.server._record_bytes(chunk)
        data += chunk
    return bytes(data)


def _read_tls_record(conn, timeout=10.0):
    """One TLS record (the ClientHello), header included."""
    header = _read_some(conn, 5, timeout)
    if len(header) < 5:
        return header
    length = struct.unpack('>H', header[3:5])[0]
    return header + _read_some(conn, length, timeout)


# --------------------------------------------------------------------------------------------
# Scripted servers

@ftpservers.ScriptedServer.register('reply-fault')
def _reply_fault(conn, server):
    """Plain FTP; params: banner (bytes, the greeting), after (a command, e.g. 'USER'), fault
    (bytes sent as the answer to it, or a callable(conn) that sends it), then drain."""
    p = server.params
    state = {'data': None}
    handlers, _ = ftpservers.plain_ftp_handlers(state)
    fault = p.get('fault')

    def faulty(c, arg):
        if callable(fault):
            fault(c)
        else:
            c.send_bytes(fault)
        c.drain(SERVER_LIMIT)
        return 'close'

    if p.get('after'):
        handlers[p['after']] = faulty
    conn.send_bytes(p.get('banner', b'220 Ready.\r\n'))
    if p.get('after'):
        conn.serve(handlers, timeout=SERVER_LIMIT)
    else:
        conn.drain(SERVER_LIMIT)
    _close_data(state)


def _endless_lines(line, pause=0.0):
    """A fault that sends `line` again and again (every `pause` s) until the client goes away,
    for at most SERVER_LIMIT seconds or 256 MB."""
    def send(c):
        chunk = line * (1 if pause else max(1, 65536 // len(line)))
        deadline = time.monotonic() + SERVER_LIMIT
        sent = 0
        while time.monotonic() < deadline and sent < 256 << 20:
            c.send_bytes(chunk)       # OSError once the client has closed: the end
            sent += len(chunk)
            if pause and not c.wait(pause):
                return
    return send


@ftpservers.ScriptedServer.register('dribble')
def _dribble(conn, server):
    """Plain FTP that sends every reply, and the listing, one byte at a time."""
    state = {'data': None}
    handlers, _ = ftpservers.plain_ftp_handlers(state)

    def dribble(sock, data):
        for i in range(len(data)):
            sock.sendall(data[i:i + 1])
            time.sleep(0.001)

    conn.send = lambda line: dribble(conn.sock, line.encode() + b'\r\n')

    def listing(c, arg):
        d = _accept_data(c, state)
        if d is None:
            return
        d.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            dribble(d, LISTING)
        finally:
            d.close()
        c.send('226 Transfer complete.')

    handlers.update({'CWD': '250 OK.', 'LIST': listing})
    conn.send('220-Welcome. This server')
    conn.send('220-sends one byte at a time.')
    conn.send('220 Ready.')
    conn.serve(handlers, timeout=SERVER_LIMIT)
    _close_data(state)


@ftpservers.ScriptedServer.register('auth-fault')
def _auth_fault(conn, server):
    """AUTH TLS answered 234, then what params['after_auth'] says: 'plain' (read the
    ClientHello, answer in plain text), 'half-hello' (read the ClientHello, send the first
    half of a real ServerHello flight, then nothing)."""
    how = server.params['after_auth']
    conn.send('220 Ready for TLS.')
    while True:
        line = conn.readline(SERVER_LIMIT)
        if line is None:
            return
        if line.upper().startswith('AUTH'):
            break
        conn.send('530 Please login with USER and PASS.')
    conn.send('234 AUTH TLS OK.')
    hello = _read_tls_record(conn)
    if how == 'plain':
        conn.send('220 Still speaking plain text here.')
        conn.send('500 What is this?')
    elif how == 'half-hello':
        cert = ftpservers.shared_certs().selfsigned
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert.cert, cert.key)
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = ctx.wrap_bio(incoming, outgoing, server_side=True)
        incoming.write(hello)
        try:
            tls.do_handshake()
        except ssl.SSLWantReadError:
            pass
        flight = outgoing.read()
        server.params['flight'] = len(flight)
        conn.send_bytes(flight[:len(flight) // 2])
    # Record whatever else comes (nothing should), until the client gives up.
    while _read_some(conn, 65536, timeout=SERVER_LIMIT):
        pass


FILE = bytes((i * 31 + 7) & 0xff for i in range(1 << 20))   # /file.bin on the data servers


@ftpservers.ScriptedServer.register('data-fault')
def _data_fault(conn, server):
    """Plain FTP with /file.bin (FILE) and uploads; params:
      mode   'exact' (RETR sends the file), 'short' (SIZE announces twice the file),
             'long' (SIZE announces half of it), 'reset' (each RETR sends `cut` bytes and
             resets the data connection), 'stall' (each RETR sends `cut` bytes and then
             nothing until ABOR), 'truncate' (STOR reads it all, answers 226, keeps half)
      cut    bytes per RETR for 'reset' and 'stall' (default 64 KiB)
    REST is honoured; ABOR is answered 426 + 226 while a stalled transfer is open."""
    p = server.params
    mode, cut = p['mode'], p.get('cut', 64 << 10)
    state = {'data': None, 'rest': 0}
    stored = {}
    handlers, _ = ftpservers.plain_ftp_handlers(state)

    def announced():
        return {'short': 2 * len(FILE), 'long': len(FILE) // 2}.get(mode, len(FILE))

    def size(c, arg):
        path = arg.strip()
        if path == '/file.bin':
            c.send('213 %d' % announced())
        elif path in stored:
            c.send('213 %d' % len(stored[path]))
        else:
            c.send('550 No such file.')

    def rest(c, arg):
        state['rest'] = int(arg)
        c.send('350 Restarting at %d.' % state['rest'])

    def retr(c, arg):
        offset, state['rest'] = state['rest'], 0
        if arg.strip() != '/file.bin':
            c.send('550 No such file.')
            return None
        d = _accept_data(c, state)
        if d is None:
            return None
        payload = FILE[offset:]
        if mode == 'reset':
            try:
                d.sendall(payload[:cut])
                time.sleep(0.2)       # the bytes leave before the reset
            finally:
                _reset(d)
            c.send('426 Connection reset; transfer aborted.')
            return None
        if mode == 'stall':
            try:
                d.sendall(payload[:cut])
                line = c.readline(SERVER_LIMIT)     # the stall: until ABOR (or a close)
            finally:
                d.close()
            if line is None:
                return 'close'
            c.send('426 Transfer aborted.')
            c.send('226 ABOR successful.')
            return None
        try:
            d.sendall(payload)
        finally:
            d.close()
        c.send('226 Transfer complete.')
        return None

    def stor(c, arg):
        d = _accept_data(c, state)
        if d is None:
            return
        got = bytearray()
        d.settimeout(10)
        try:
            while True:
                chunk = d.recv(65536)
                if not chunk:
                    break
                got += chunk
        except OSError:
            pass
        finally:
            d.close()
        server.params['uploaded'] = len(got)
        stored[arg.strip()] = bytes(got[:len(got) // 2] if mode == 'truncate' else got)
        c.send('226 Transfer complete.')

    handlers.update({
        'CWD': '550 Not a folder.', 'SIZE': size, 'REST': rest, 'RETR': retr, 'STOR': stor,
        'ABOR': '226 Nothing to abort.',
    })
    conn.send('220 Data fault server.')
    conn.serve(handlers, timeout=SERVER_LIMIT)
    _close_data(state)


@ftpservers.ScriptedServer.register('tls-data-fault')
def _tls_data_fault(conn, server):
    """Explicit FTPS (the selfsigned certificate; PROT P data connections on the control's
    context, so that they resume its session) with /file.bin (FILE); REST is honoured;
    params:
      mode  'exact' (RETR sends the file and a close_notify), 'cut' (each RETR sends `cut`
            bytes, then a TCP FIN without close_notify, then 226), 'unclean-end' (the whole
            file, then a FIN without close_notify, then 226), 'stall-data' (RETR opens the
            data connection and sends nothing until ABOR or the client goes away),
            'stall-reply' (no answer to params['command'] or anything after it)
      cut   bytes per RETR for 'cut' (default 64 KiB)
    params['gone'] is the time.monotonic() at which the client closed the control connection
    (or went silent for SERVER_LIMIT s)."""
    p = server.params
    mode, cut = p['mode'], p.get('cut', 64 << 10)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(ftpservers.shared_certs().selfsigned.cert,
                        ftpservers.shared_certs().selfsigned.key)
    state = {'data': None, 'rest': 0}
    conn.send('220 TLS data fault server.')
    io = ftpservers.explicit_tls(conn, ctx, SERVER_LIMIT)
    if io is None:
        return
    handlers, _ = ftpservers.plain_ftp_handlers(state)

    def rest(c, arg):
        state['rest'] = int(arg)
        c.send('350 Restarting at %d.' % state['rest'])

    def retr(c, arg):
        offset, state['rest'] = state['rest'], 0
        if arg.strip() != '/file.bin':
            return c.send('550 No such file.')
        ls = state.pop('data', None)
        if ls is None:
            return c.send('425 Use PASV first.')
        c.send('150 Opening data connection.')
        try:
            ls.settimeout(10)
            d, _ = ls.accept()
            t = ctx.wrap_socket(d, server_side=True)
        except (OSError, ssl.SSLError):
            return c.send('426 The data connection broke.')
        finally:
            ls.close()
        payload = FILE[offset:]
        try:
            if mode == 'stall-data':
                p['stalled'] = True
                line = c.readline()             # the stall: until ABOR (or a close)
                if line is None:
                    return 'close'
                c.send('426 Transfer aborted.')
                return c.send('226 ABOR successful.')
            t.sendall(payload[:cut] if mode == 'cut' else payload)
            if mode == 'exact':
                t.unwrap()                      # close_notify
            else:
                t.shutdown(socket.SHUT_RDWR)    # a plain FIN: SSLSocket drops TLS first
        except (OSError, ssl.SSLError):
            return c.send('426 The data connection broke.')
        finally:
            t.close()
        c.send('226 Transfer complete.')

    def stall(c, arg):
        while c.readline() is not None:         # records, never answers
            pass
        return 'close'

    handlers.update({
        'PBSZ': '200 PBSZ=0', 'PROT': '200 Protection level set.', 'CWD': '550 Not a folder.',
        'FEAT': '211-Features:\r\n PBSZ\r\n PROT\r\n SIZE\r\n REST STREAM\r\n211 End',
        'SIZE': lambda c, arg: c.send('213 %d' % len(FILE) if arg.strip() == '/file.bin'
                                      else '550 No such file.'),
        'REST': rest, 'RETR': retr, 'ABOR': '226 Nothing to abort.',
    })
    if mode == 'stall-reply':
        handlers[p['command']] = stall
    try:
        io.serve(handlers)
    finally:
        p['gone'] = time.monotonic()
        _close_data(state)
        io.tls.close()


@ftpservers.ScriptedServer.register('stray-replies')
def _stray_replies(conn, server):
    """Plain FTP with a folder /sub (LIST: LISTING) and /file.bin (FILE); params: extra, a dict
    command -> reply lines (str, CRLF between) sent unasked right after that command's own
    answer, in the same write, so that they are there before the next command goes out;
    late, a dict command -> reply lines sent once that command has arrived, before its own
    answer (a 226 that comes too late: after the client sent its next command)."""
    extra = server.params.get('extra', {})
    late = server.params.get('late', {})
    state = {'data': None}
    handlers, send_data = ftpservers.plain_ftp_handlers(state)
    handlers.update({
        'CWD': lambda c, arg: c.send('250 OK.' if arg.strip() in ('/', '/sub') else
                                     '550 No such folder.'),
        'SIZE': lambda c, arg: c.send('213 %d' % len(FILE) if arg.strip() == '/file.bin' else
                                      '550 No such file.'),
        'LIST': lambda c, arg: send_data(c, LISTING),
        'RETR': lambda c, arg: send_data(c, FILE),
    })

    def with_extra(command, handler):
        def reply(c, arg):
            held = []
            real_send = c.send

            def hold(line):                 # each line goes out when the next one comes ...
                if held:
                    real_send(held.pop())
                held.append(line)
            c.send = hold
            try:
                result = handler(c, arg) if callable(handler) else c.send(handler)
            finally:
                c.send = real_send
            # ... and the last one leaves with the stray ones, in one write.
            c.send_bytes(('\r\n'.join(held + [extra[command]]) + '\r\n').encode())
            return result
        return reply

    def with_late(command, handler):
        def reply(c, arg):
            c.send_bytes((late[command] + '\r\n').encode())
            time.sleep(0.02)                # on its own, ahead of the answer
            return handler(c, arg) if callable(handler) else c.send(handler)
        return reply

    for command in extra:
        handlers[command] = with_extra(command, handlers.get(command, '502 Not implemented.'))
    for command in late:
        handlers[command] = with_late(command, handlers.get(command, '502 Not implemented.'))
    conn.send('220 Stray reply server.')
    conn.serve(handlers, timeout=SERVER_LIMIT)
    _close_data(state)


def _serve_listing(conn, server, banner, send):
    """Plain FTP whose LIST sends what send(data_socket) sends; send returns the reply that
    follows it."""
    state = {'data': None}
    handlers, _ = ftpservers.plain_ftp_handlers(state)

    def listing(c, arg):
        d = _accept_data(c, state)
        if d is None:
            return
        try:
            reply = send(d)
        finally:
            d.close()
        c.send(reply)

    handlers.update({'CWD': '250 OK.', 'LIST': listing})
    conn.send(banner)
    conn.serve(handlers, timeout=ENDLESS_LIMIT)
    _close_data(state)


@ftpservers.ScriptedServer.register('endless-listing')
def _endless_listing(conn, server):
    """Plain FTP whose LIST sends listing lines without end (until the client closes the data
    connection, ENDLESS_LIMIT seconds or 1 GiB); params['listed'] is how many bytes went out."""
    def send(d):
        chunk = LISTING * (65536 // len(LISTING))
        sent, deadline = 0, time.monotonic() + ENDLESS_LIMIT
        try:
            while time.monotonic() < deadline and sent < 1 << 30:
                d.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass                        # the client closed it: the end
        finally:
            server.params['listed'] = sent
        return '426 Connection closed; transfer aborted.'
    _serve_listing(conn, server, '220 Endless listing server.', send)


MILLION = 1000000


def _million_line(i):
    return b'-rw-r--r--    1 1000     1000     %10d Jan 01 12:00 f%07d.txt\r\n' % (i, i)


@ftpservers.ScriptedServer.register('million-listing')
def _million_listing(conn, server):
    """Plain FTP whose LIST sends MILLION entries, f0000000.txt to f0999999.txt (file i is
    i bytes long), about 72 MB, then 226."""
    def send(d):
        try:
            for start in range(0, MILLION, 10000):
                d.sendall(b''.join(_million_line(i) for i in range(start, start + 10000)))
        except OSError:
            return '426 Connection closed; transfer aborted.'
        return '226 Transfer complete.'
    _serve_listing(conn, server, '220 A million entries.', send)


STRANGER = '127.0.0.2'     # another loopback address, for a connect-back from elsewhere


@ftpservers.ScriptedServer.register('port-fault')
def _port_fault(conn, server):
    """Plain FTP whose LIST sends LISTING; params: epsv and pasv (their replies, as they are),
    active: 'refused' (PORT and EPRT answered 500), 'honest' (connects back from the
    server's own address), 'stranger' (first from STRANGER, waits until that one is closed,
    then from the server's address; params['stranger_got'] is what the stranger was sent)."""
    p = server.params
    active = p.get('active', 'refused')
    state = {'data': None, 'back': None}
    handlers, _ = ftpservers.plain_ftp_handlers(state)

    def port(c, arg):
        if active == 'refused':
            return c.send('500 Active mode is not allowed here.')
        n = [int(x) for x in arg.strip().split(',')]
        state['back'] = ('.'.join(map(str, n[:4])), n[4] * 256 + n[5])
        c.send('200 PORT command successful.')

    def eprt(c, arg):
        if active == 'refused':
            return c.send('500 Active mode is not allowed here.')
        f = arg.strip().split(arg.strip()[0])
        state['back'] = (f[2], int(f[3]))
        c.send('200 EPRT command successful.')

    def connect_from(source):
        s = socket.create_connection(state['back'], timeout=10, source_address=(source, 0))
        return s

    def listing(c, arg):
        if state['back'] is None:
            return c.send('425 Use PORT first.')
        c.send('150 Connecting back.')
        try:
            if active == 'stranger':
                with connect_from(STRANGER) as s:
                    got = b''
                    while True:         # until Ferry closes it
                        chunk = s.recv(4096)
                        if not chunk:
                            break
                        got += chunk
                    p['stranger_got'] = got
            with connect_from('127.0.0.1') as d:
                d.sendall(LISTING)
        except OSError:
            return c.send('425 Cannot connect back.')
        state['back'] = None
        c.send('226 Transfer complete.')

    handlers.update({'EPSV': p['epsv'], 'PASV': p['pasv'], 'PORT': port, 'EPRT': eprt,
                     'LIST': listing, 'CWD': '250 OK.'})
    conn.send('220 Port fault server.')
    conn.serve(handlers, timeout=SERVER_LIMIT)
    _close_data(state)


# --------------------------------------------------------------------------------------------
# Tests

def tree(root):
    """Every file and folder under root: relative path -> bytes (None for a folder)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            out[os.path.relpath(os.path.join(dirpath, name), root)] = None
        for name in filenames:
            path = os.path.join(dirpath, name)
            with open(path, 'rb') as f:
                out[os.path.relpath(path, root)] = f.read()
    return out


class HostileCase(ferrytest.NetTestCase):
    def server(self, behaviour, **params):
        srv = ftpservers.ScriptedServer(behaviour, **params)
        self.addCleanup(srv.stop)
        return srv

    def cli(self, *args, guard=GUARD, env=None):
        """ferry-cli, which must end by itself within `guard` seconds (a hang guard)."""
        try:
            return run_cli(*args, timeout=guard, env=env)
        except subprocess.TimeoutExpired:
            self.fail('ferry-cli %s did not end within %d s: it hangs' % (args[0], guard))

    def assertControlClosed(self, srv, within=5.0):
        """ferry-cli closed its control connection to a tls-data-fault server."""
        deadline = time.monotonic() + within
        while 'gone' not in srv.params and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertIn('gone', srv.params, 'the control connection was left open')

    def assertNoCredentials(self, srv):
        """Nothing of the login reached the server."""
        lines = srv.received_lines()
        self.assertFalse([l for l in lines if l.upper().startswith(('USER', 'PASS'))], lines)
        self.assertNotIn(ferrytest.PASSWORD.encode(), srv.received_bytes())


class Replies(HostileCase):
    """The control connection: replies Ferry must refuse, or must still read."""

    def ls(self, srv, *args, security='plain'):
        return self.cli('ls', '--security', security, '--timeout', REPLY_TIMEOUT, *args,
                        'ftp://alice@127.0.0.1:%d/' % srv.port)

    def test_a_10_mb_reply_line_is_refused(self):
        srv = self.server('reply-fault', after='USER',
                          fault=b'331 ' + b'x' * (10 << 20) + b'\r\n')
        r = self.ls(srv)
        self.assertEqual(r.rc, EXIT_REMOTE, r)
        self.assertIn('sent a line longer than 8192 bytes', r.stderr)
        self.assertNotIn('PASS secret', srv.received_lines())

    def test_an_endless_multi_line_reply_is_cut_off(self):
        srv = self.server('reply-fault', after='USER',
                          fault=_endless_lines(b'331-and one more line of this reply\r\n'))
        r = self.ls(srv)
        self.assertEqual(r.rc, EXIT_REMOTE, r)
        self.assertIn('sent a reply of more than 1048576 bytes without ending it', r.stderr)
        self.assertNotIn('PASS secret', srv.received_lines())

    def test_a_multi_line_reply_that_trickles_on_forever_times_out(self):
        # A line every 0.2 s: each line is in time, the reply as a whole is not.
        srv = self.server('reply-fault', after='USER',
                          fault=_endless_lines(b'331-still going\r\n', pause=0.2))
        r = self.ls(srv)
        self.assertEqual(r.rc, EXIT_NETWORK, r)
        self.assertIn('did not answer in time', r.stderr)
        self.assertNotIn('PASS secret', srv.received_lines())

    def test_reply_codes_out_of_range_are_refused(self):
        for bad in ('999 x', '099 x', 'abc', '600 Six hundred.'):
            with self.subTest(reply=bad):
                srv = self.server('reply-fault', after='USER', fault=bad.encode() + b'\r\n')
                r = self.ls(srv)
                self.assertEqual(r.rc, EXIT_REMOTE, r)
                self.assertIn('The server sent “%s”, which is not an FTP reply' % bad, r.stderr)
                self.assertNotIn('PASS secret', srv.received_lines())

    def test_replies_one_byte_at_a_time_still_work(self):
        srv = self.server('dribble')
        r = self.ls(srv)
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual([line.split()[-1] for line in r.stdout.splitlines()], ['hello.txt'])
        self.assertIn('LIST', srv.received_lines())

    def test_a_banner_that_never_ends_times_out(self):
        # The multi-line greeting of an FTPS server without its last line: in auto mode
        # (a plain-text greeting started: explicit FTPS) and in plain mode.
        for security in ('auto', 'plain'):
            with self.subTest(security=security):
                srv = self.server('reply-fault',
                                  banner=b'220-Welcome to the server.\r\n220-Please wait.\r\n')
                r = self.ls(srv, security=security)
                self.assertEqual(r.rc, EXIT_NETWORK, r)
                self.assertIn('did not answer in time', r.stderr)
                self.assertNoCredentials(srv)


class Tls(HostileCase):
    """AUTH and the TLS handshake: the login never goes out in clear."""

    def ls(self, srv, *args):
        return self.cli('ls', '--security', 'explicit', '--timeout', REPLY_TIMEOUT, *args,
                        'ftp://alice@127.0.0.1:%d/' % srv.port)

    def test_auth_tls_answered_then_plain_text(self):
        srv = self.server('auth-fault', after_auth='plain')
        r = self.ls(srv)
        self.assertEqual(r.rc, EXIT_TLS, r)
        self.assertIn('accepted AUTH TLS (“234 AUTH TLS OK.”) but then went on in plain text',
                      r.stderr)
        self.assertNoCredentials(srv)
        self.assertIn('AUTH TLS', srv.received_lines())

    def test_auth_refused_under_explicit(self):
        srv = self.server('no-tls')
        r = self.ls(srv)
        self.assertEqual(r.rc, EXIT_TLS, r)
        self.assertIn('does not offer encryption', r.stderr)
        self.assertIn('Ferry did not send your user name or password', r.stderr)
        self.assertNoCredentials(srv)

    def test_a_handshake_that_stops_halfway_times_out(self):
        srv = self.server('auth-fault', after_auth='half-hello')
        r = self.ls(srv)
        self.assertEqual(r.rc, EXIT_NETWORK, r)
        self.assertIn('The TLS handshake did not finish in time', r.stderr)
        self.assertGreater(srv.params.get('flight', 0), 100, 'no ServerHello was made')
        self.assertNoCredentials(srv)


class Data(HostileCase):
    """The data connection: a download is renamed only when whole; the .part stays."""

    def get(self, srv, guard=GUARD_RETRIED):
        base = tempfile.mkdtemp(prefix='ferry-hostile-')
        self.addCleanup(shutil.rmtree, base, ignore_errors=True)
        os.mkdir(os.path.join(base, 'chosen'))
        r = self.cli('get', '--security', 'plain', '--timeout', REPLY_TIMEOUT,
                     'ftp://alice@127.0.0.1:%d/file.bin' % srv.port,
                     os.path.join(base, 'chosen'), guard=guard)
        return r, tree(base)

    def assertOnlyPart(self, files):
        """chosen/file.bin.part and nothing else: never a file under the final name, nothing
        outside the chosen folder. Returns the .part's bytes."""
        self.assertEqual(sorted(files), ['chosen', 'chosen/file.bin.part'])
        return files['chosen/file.bin.part']

    def test_the_exact_server_works(self):
        # The control case: the server below is right when it does not misbehave.
        r, files = self.get(self.server('data-fault', mode='exact'))
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(files, {'chosen': None, 'chosen/file.bin': FILE})

    def test_size_larger_than_the_file_sent(self):
        r, files = self.get(self.server('data-fault', mode='short'))
        self.assertEqual(r.rc, EXIT_NETWORK, r)
        self.assertIn('stopped at %d of %d bytes' % (len(FILE), 2 * len(FILE)), r.stderr)
        self.assertIn('partial file is kept', r.stderr)
        self.assertEqual(self.assertOnlyPart(files), FILE)

    def test_more_bytes_than_size_announced(self):
        r, files = self.get(self.server('data-fault', mode='long'))
        self.assertEqual(r.rc, EXIT_REMOTE, r)
        self.assertIn('sent %d bytes of “/file.bin”, more than the %d it announced'
                      % (len(FILE), len(FILE) // 2), r.stderr)
        self.assertEqual(self.assertOnlyPart(files), FILE)

    def test_a_connection_reset_mid_transfer(self):
        srv = self.server('data-fault', mode='reset')
        r, files = self.get(srv)
        self.assertEqual(r.rc, EXIT_NETWORK, r)
        self.assertIn('The connection broke: Connection reset by peer', r.stderr)
        part = self.assertOnlyPart(files)
        self.assertLess(len(part), len(FILE))
        self.assertEqual(part, FILE[:len(part)])

    def test_a_stall_on_the_data_connection_times_out(self):
        srv = self.server('data-fault', mode='stall')
        r, files = self.get(srv)
        self.assertEqual(r.rc, EXIT_NETWORK, r)
        self.assertIn('No data arrived for 3 s: the download of “/file.bin” stalled at', r.stderr)
        part = self.assertOnlyPart(files)
        self.assertLess(len(part), len(FILE))
        self.assertEqual(part, FILE[:len(part)])
        self.assertIn('ABOR', srv.received_lines())

    def test_a_226_after_a_truncated_upload(self):
        # Ferry asks SIZE after every upload; the server's half is caught there.
        srv = self.server('data-fault', mode='truncate')
        tmp = tempfile.mkdtemp(prefix='ferry-hostile-up-')
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        local = os.path.join(tmp, 'up.bin')
        with open(local, 'wb') as f:
            f.write(FILE)
        r = self.cli('put', '--security', 'plain', '--timeout', REPLY_TIMEOUT, local,
                     'ftp://alice@127.0.0.1:%d/up.bin' % srv.port)
        self.assertEqual(r.rc, EXIT_REMOTE, r)
        self.assertIn('The server has %d bytes of “/up.bin”, not %d; the upload is incomplete'
                      % (len(FILE) // 2, len(FILE)), r.stderr)
        self.assertEqual(srv.params['uploaded'], len(FILE))
        lines = srv.received_lines()
        after = [l for l in lines[lines.index('STOR /up.bin') + 1:] if l != 'QUIT']
        self.assertEqual(after, ['SIZE /up.bin'], lines)



class TlsData(HostileCase):
    """A PROT P data connection that ends without a TLS close_notify (a plain TCP FIN, then
    226 on the control connection): the size decides (FTPS-NOTES.md, GnuTLS -110). Short of
    SIZE it is a download cut short, kept as the .part only; at SIZE, as many real servers
    end, the file is complete."""

    def get(self, srv, *args, guard=GUARD_RETRIED):
        base = tempfile.mkdtemp(prefix='ferry-hostile-tls-')
        self.addCleanup(shutil.rmtree, base, ignore_errors=True)
        os.mkdir(os.path.join(base, 'chosen'))
        r = self.cli('get', '--security', 'explicit', '--timeout', REPLY_TIMEOUT,
                     '--ca-file', ftpservers.shared_certs().selfsigned.ca, *args,
                     'ftp://alice@127.0.0.1:%d/file.bin' % srv.port,
                     os.path.join(base, 'chosen'), guard=guard)
        return r, tree(base)

    def test_the_exact_tls_server_works(self):
        # The control case: with a close_notify, the server below is right.
        srv = self.server('tls-data-fault', mode='exact')
        r, files = self.get(srv)
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(files, {'chosen': None, 'chosen/file.bin': FILE})
        # Every session says goodbye before ferry-cli ends (it waits for their workers). The
        # scripted server's thread may read the last QUIT a moment after ferry-cli is gone
        # (seen with the suite running in parallel): waited for, bounded.
        deadline = time.monotonic() + 10
        lines = srv.received_lines()
        while lines.count('QUIT') != lines.count('PASS secret') and time.monotonic() < deadline:
            time.sleep(0.05)
            lines = srv.received_lines()
        self.assertEqual(lines.count('QUIT'), lines.count('PASS secret'), lines)

    def test_no_close_notify_mid_file_is_a_download_cut_short(self):
        srv = self.server('tls-data-fault', mode='cut')
        r, files = self.get(srv)
        self.assertEqual(r.rc, EXIT_NETWORK, r)
        self.assertEqual(sorted(files), ['chosen', 'chosen/file.bin.part'], r)
        part = files['chosen/file.bin.part']
        self.assertLess(len(part), len(FILE))
        self.assertEqual(part, FILE[:len(part)])
        self.assertIn('The download of “/file.bin” stopped at %d of %d bytes; the partial '
                      'file is kept' % (len(part), len(FILE)), r.stderr)
        self.assertNotIn('the file is complete', r.stderr)
        # The session stayed in step: each retry went on from where the last one stopped
        # (REST) on the same login; the control connection is closed afterwards.
        lines = srv.received_lines()
        rests = [int(l.split()[1]) for l in lines if l.startswith('REST ')]
        self.assertEqual(rests, [65536, 131072, 196608], lines)     # three retries
        self.assertEqual(lines.count('RETR /file.bin'), 4, lines)
        self.assertEqual(len(part), 4 * 65536)
        self.assertEqual(lines.count('PASS secret'), 2, lines)      # its own and the stat's
        self.assertControlClosed(srv)

    def test_no_close_notify_after_the_whole_file_is_complete(self):
        # All the bytes SIZE announced, then a FIN without close_notify, then 226.
        srv = self.server('tls-data-fault', mode='unclean-end')
        r, files = self.get(srv, '-v')
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual(files, {'chosen': None, 'chosen/file.bin': FILE})
        self.assertIn('The server ended the data connection without a TLS close_notify; the '
                      'size matches, so the file is complete.', r.stderr)
        lines = srv.received_lines()
        self.assertEqual(lines.count('RETR /file.bin'), 1, lines)
        self.assertControlClosed(srv)


class Cancel(HostileCase):
    """Ctrl+C (SIGINT) during a stall ends ferry-cli at once, long before the reply timeout
    (CANCEL_TIMEOUT), with exit code 130 (README.md "Exit codes"): a server that stops
    answering after the login, a data connection that carries nothing. The control
    connection is closed afterwards; only a .part is on the disk, if anything."""

    CANCEL_TIMEOUT = '60'
    PROMPT = 5.0        # seconds from SIGINT to the end: "at once", with room for a slow CI

    def start_get(self, srv):
        base = tempfile.mkdtemp(prefix='ferry-hostile-cancel-')
        self.addCleanup(shutil.rmtree, base, ignore_errors=True)
        os.mkdir(os.path.join(base, 'chosen'))
        env = dict(os.environ, FERRY_PASSWORD=ferrytest.PASSWORD)
        p = subprocess.Popen([ferrytest.CLI, 'get', '--security', 'explicit',
                              '--timeout', self.CANCEL_TIMEOUT,
                              '--ca-file', ftpservers.shared_certs().selfsigned.ca,
                              'ftp://alice@127.0.0.1:%d/file.bin' % srv.port,
                              os.path.join(base, 'chosen')],
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, text=True)
        self.addCleanup(lambda: p.poll() is None and (p.kill(), p.communicate()))
        return p, base

    def interrupt(self, p, stalled, what):
        """Waits (bounded) until stalled() says the stall began, sends SIGINT a moment
        later and returns ferry-cli's stderr once it has ended, checking it did so promptly
        with EXIT_CANCELLED."""
        deadline = time.monotonic() + GUARD
        while not stalled() and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertTrue(stalled(), 'the stall (%s) never began' % what)
        time.sleep(0.5)                 # well into it
        self.assertIsNone(p.poll(), 'ferry-cli ended by itself during the stall (%s)' % what)
        start = time.monotonic()
        p.send_signal(signal.SIGINT)
        try:
            _, err = p.communicate(timeout=GUARD)       # hang guard
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            self.fail('ferry-cli did not end after SIGINT during the stall (%s)' % what)
        elapsed = time.monotonic() - start
        self.assertLess(elapsed, self.PROMPT, 'SIGINT took %.1f s to end ferry-cli' % elapsed)
        self.assertEqual(p.returncode, EXIT_CANCELLED, err)
        return err

    def test_ctrl_c_while_the_server_does_not_answer_after_the_login(self):
        for command in ('PWD', 'SIZE'):
            with self.subTest(command=command):
                srv = self.server('tls-data-fault', mode='stall-reply', command=command)
                p, base = self.start_get(srv)
                self.interrupt(p, lambda: any(l.startswith(command)
                                              for l in srv.received_lines()), command)
                self.assertNotIn('RETR /file.bin', srv.received_lines())
                self.assertControlClosed(srv)
                # Nothing was downloaded: nothing is in the folder, not even a .part.
                self.assertEqual(tree(base), {'chosen': None})

    def test_ctrl_c_while_the_data_connection_carries_nothing(self):
        srv = self.server('tls-data-fault', mode='stall-data')
        p, base = self.start_get(srv)
        self.interrupt(p, lambda: srv.params.get('stalled'), 'data connection')
        self.assertControlClosed(srv)
        # The download had begun: its (empty) .part stays for a resume, nothing else.
        self.assertEqual(tree(base), {'chosen': None, 'chosen/file.bin.part': b''})


class Listings(HostileCase):
    """A listing that never ends is cut off, with words, and the session is not left hanging."""

    def test_an_endless_listing_is_cut_off(self):
        srv = self.server('endless-listing')
        r = self.cli('ls', '--security', 'plain', '--timeout', REPLY_TIMEOUT,
                     'ftp://alice@127.0.0.1:%d/' % srv.port, guard=ENDLESS_LIMIT + 30,
                     env=_fast_unwinding_env())
        self.assertEqual(r.rc, EXIT_REMOTE, r)
        self.assertIn('The folder listing is larger than 256 MiB; Ferry stopped reading it.',
                      r.stderr)
        self.assertEqual(r.stdout, '')
        # Ferry stopped near its limit, not at the server's.
        self.assertLess(srv.params['listed'], 512 << 20)


    def test_a_million_entries_are_listed(self):
        srv = self.server('million-listing')
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        r = self.cli('ls', '--security', 'plain', '--timeout', REPLY_TIMEOUT,
                     'ftp://alice@127.0.0.1:%d/' % srv.port, guard=ENDLESS_LIMIT,
                     env=_fast_unwinding_env())
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        self.assertEqual(r.rc, EXIT_OK, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), MILLION)
        names = set(line.split('  ')[-1] for line in lines)
        self.assertEqual(names, set('f%07d.txt' % i for i in range(MILLION)))
        last = next(line for line in lines if line.endswith('  f0999999.txt'))
        self.assertTrue(last.startswith('file'), last)
        self.assertIn(' 999999 ', last)
        # Bounded: well under 1 GiB for 72 MB of listing (the sanitizer build needs more).
        if not _fast_unwinding_env() and peak_kib > before:
            self.assertLess(peak_kib, 1 << 20, 'ferry-cli ls peaked at %d MiB' % (peak_kib >> 10))


class StrayReplies(HostileCase):
    """Replies nobody asked for, already there when the next command goes out: read, logged
    and ignored, never taken as that command's answer (each would shift every later answer
    by one: PASV would read a 200, LIST a 227, and so on)."""

    IGNORED = 'The server sent a reply nobody asked for (“%s”); Ferry ignored it.'

    def run_cli(self, srv, command, path, *args):
        return self.cli(command, '-v', '--security', 'plain', '--timeout', REPLY_TIMEOUT,
                        'ftp://alice@127.0.0.1:%d%s' % (srv.port, path), *args)

    def download(self, srv, *texts):
        """Gets /file.bin past the strays: whole, and each of texts logged as ignored."""
        base = tempfile.mkdtemp(prefix='ferry-hostile-stray-')
        self.addCleanup(shutil.rmtree, base, ignore_errors=True)
        r = self.run_cli(srv, 'get', '/file.bin', base)
        self.assertEqual(r.rc, EXIT_OK, r)
        with open(os.path.join(base, 'file.bin'), 'rb') as f:
            self.assertEqual(f.read(), FILE)
        for text in texts:
            with self.subTest(stray=text):
                self.assertIn(self.IGNORED % text, r.stderr)
        return r

    def test_an_unasked_200_after_the_login(self):
        srv = self.server('stray-replies', extra={'PASS': '200 NOOP ok.'})
        r = self.run_cli(srv, 'ls', '/sub/')
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual([line.split()[-1] for line in r.stdout.splitlines()], ['hello.txt'])
        self.assertIn(self.IGNORED % 'NOOP ok.', r.stderr)
        self.assertIn('LIST', srv.received_lines())

    def test_stray_226s_and_more_around_a_download(self):
        # A 226 with no transfer, a multi-line 211 and 200s after other answers, each before
        # a command whose answer matters (TYPE, SIZE, EPSV, PASV); on both
        # sessions (the listing one and the transfer one): each command gets its own answer.
        srv = self.server('stray-replies', extra={
            'PWD': '200 NOOP ok.', 'TYPE': '226 Transfer complete, really.',
            'SIZE': '211-Status\r\n of nothing\r\n211 End', 'EPSV': '200 Again.'})
        self.download(srv, 'NOOP ok.', 'Transfer complete, really.', 'Status\n of nothing\nEnd',
                      'Again.')
        self.assertIn('RETR /file.bin', srv.received_lines())

    def test_late_strays_after_the_next_command_went_out(self):
        # Each stray arrives after the command went out, ahead of its answer, with a code
        # that cannot answer it: a 226 to PWD, a 150 to TYPE, a 225 to SIZE, a 426 to EPSV,
        # a 226 to PASV. Read as the answers, each would shift every later one by one.
        late = {'PWD': '226 Transfer complete, late.', 'TYPE': '150 Opening, late.',
                'SIZE': '225 Data connection closed, late.',
                'EPSV': '426 Transfer aborted, late.', 'PASV': '226-Late and\r\n226 long.'}
        srv = self.server('stray-replies', late=late)
        self.download(srv, 'Transfer complete, late.', 'Opening, late.',
                      'Data connection closed, late.', 'Transfer aborted, late.',
                      'Late and\nlong.')
        # In step: one login per session, no command sent twice for want of an answer.
        lines = srv.received_lines()
        self.assertEqual(lines.count('RETR /file.bin'), 1, lines)
        self.assertEqual(lines.count('PASS secret'), srv.connections, lines)

    def test_a_late_stray_before_a_listing(self):
        # The listing afterwards is whole and is the listing (not the PASV reply's text).
        srv = self.server('stray-replies', late={'CWD': '226 Transfer complete.',
                                                 'PASV': '150 Here it comes.'})
        r = self.run_cli(srv, 'ls', '/sub/')
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual([line.split()[-1] for line in r.stdout.splitlines()], ['hello.txt'])
        self.assertIn(self.IGNORED % 'Transfer complete.', r.stderr)
        self.assertIn(self.IGNORED % 'Here it comes.', r.stderr)

    def test_endless_late_strays_close_the_session(self):
        # Bounded: after a few strays to one command, the connection is out of step for good.
        srv = self.server('stray-replies', late={'PWD': '\r\n'.join(['226 Again.'] * 8)})
        r = self.run_cli(srv, 'ls', '/sub/')
        self.assertNotEqual(r.rc, EXIT_OK, r)
        self.assertIn('The server keeps sending replies that answer nothing Ferry asked '
                      '(the last: “Again.”)', r.stderr)
        self.assertNotIn('LIST', srv.received_lines())

    def test_a_stray_421_closes_the_session_cleanly(self):
        srv = self.server('stray-replies', extra={'PASS': '421 Going down now.'})
        r = self.run_cli(srv, 'ls', '/sub/')
        self.assertNotEqual(r.rc, EXIT_OK, r)
        self.assertIn('The server closed the connection (“Going down now.”)', r.stderr)
        self.assertNotIn('LIST', srv.received_lines())


class DataPorts(HostileCase):
    """Passive replies that name port 0 or a privileged port, and an active-mode connection
    from another address than the server's: refused, with a sentence that says so; where the
    other mode works, the listing still arrives through it."""

    NO_EPSV = '500 EPSV not understood.'

    def ls(self, srv):
        return self.cli('ls', '-v', '--security', 'plain', '--timeout', REPLY_TIMEOUT,
                        'ftp://alice@127.0.0.1:%d/' % srv.port)

    def assertListed(self, r):
        self.assertEqual(r.rc, EXIT_OK, r)
        self.assertEqual([line.split()[-1] for line in r.stdout.splitlines()], ['hello.txt'])

    def test_port_0_in_pasv_is_refused(self):
        srv = self.server('port-fault', epsv=self.NO_EPSV,
                          pasv='227 Entering Passive Mode (127,0,0,1,0,0).')
        r = self.ls(srv)
        self.assertEqual(r.rc, EXIT_REMOTE, r)
        self.assertIn('names port 0, to which nothing can connect', r.stderr)

    def test_privileged_ports_are_refused(self):
        for epsv, pasv, command, port in (
                ('229 Entering Extended Passive Mode (|||25|)', None, 'EPSV', 25),
                (self.NO_EPSV, '227 Entering Passive Mode (127,0,0,1,0,22).', 'PASV', 22),
                (self.NO_EPSV, '227 Entering Passive Mode (127,0,0,1,3,255).', 'PASV', 1023)):
            with self.subTest(command=command, port=port):
                srv = self.server('port-fault', epsv=epsv, pasv=pasv or '502 No.')
                r = self.ls(srv)
                self.assertNotEqual(r.rc, EXIT_OK, r)
                self.assertIn("The server's answer to %s names port %d, a privileged port"
                              % (command, port), r.stderr)
                self.assertIn('Ferry did not connect to it', r.stderr)
                # The other mode was tried, and refused by this server.
                self.assertTrue([l for l in srv.received_lines()
                                 if l.startswith(('PORT', 'EPRT'))], srv.received_lines())

    def test_a_privileged_port_falls_back_to_active_mode(self):
        srv = self.server('port-fault', epsv='229 Entering Extended Passive Mode (|||21|)',
                          pasv='502 No.', active='honest')
        r = self.ls(srv)
        self.assertListed(r)
        self.assertIn('names port 21, a privileged port', r.stderr)
        self.assertIn('Trying active mode instead', r.stderr)

    def test_a_connect_back_from_another_address_is_refused(self):
        srv = self.server('port-fault', epsv=self.NO_EPSV, pasv='502 No passive mode here.',
                          active='stranger')
        r = self.ls(srv)
        self.assertListed(r)
        self.assertIn('Refused an active-mode data connection from %s: only the server '
                      '(127.0.0.1) may connect.' % STRANGER, r.stderr)
        self.assertEqual(srv.params.get('stranger_got'), b'')



if __name__ == '__main__':
    ferrytest.main()
