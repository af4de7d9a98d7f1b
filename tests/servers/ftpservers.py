#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Real FTP/FTPS servers on loopback for Ferry's tests and demo (Python 3 stdlib only).

Run with Debian's /usr/bin/python3, as root. vsftpd and pure-ftpd come from
tests/servers/unpack-servers.sh (FERRY_TEST_SERVERS, default /var/cache/ferry-test-servers),
ProFTPD from apt. Every server gets free loopback ports, its own passive range and a private
temp dir, and is stopped with its whole process tree. See README.md next to this file.

    from ftpservers import Vsftpd, Proftpd, PureFtpd, ScriptedServer, Certs, shared_certs
    with Vsftpd(mode='explicit', tls='1.2') as srv:
        ... connect to srv.host:srv.port as alice/secret, trust srv.cert.ca ...
        assert 'USER alice' in srv.commands()

Command line:  ftpservers.py demo --dir DIR [--port N]  |  ftpservers.py selftest [-v]
"""

import atexit
import contextlib
import fcntl
import hashlib
import json
import os
import random
import secrets
import select
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import weakref

__all__ = ['Certs', 'CertInfo', 'shared_certs', 'Vsftpd', 'Proftpd', 'PureFtpd',
           'ScriptedServer', 'FixtureError', 'ServerStartError', 'NotAvailable',
           'free_port', 'probe_tls', 'ftps_client', 'populate_tree', 'SERVERS_ROOT',
           'SKIP_EXIT_CODE']

SERVERS_ROOT = os.environ.get('FERRY_TEST_SERVERS', '/var/cache/ferry-test-servers')
VSFTPD_BIN = os.path.join(SERVERS_ROOT, 'usr/sbin/vsftpd')
PUREFTPD_BIN = os.path.join(SERVERS_ROOT, 'usr/sbin/pure-ftpd')
PUREPW_BIN = os.path.join(SERVERS_ROOT, 'usr/bin/pure-pw')
PROFTPD_BIN = '/usr/sbin/proftpd'
PROFTPD_MODULES = '/usr/lib/proftpd'
OPENSSL_BIN = shutil.which('openssl', path='/usr/bin:/bin') or 'openssl'

START_TIMEOUT = 10.0          # seconds a server gets to answer its first 220
STOP_TIMEOUT = 5.0
SKIP_EXIT_CODE = 77           # meson's "skipped"
RUN_USER = 'daemon'           # unprivileged system user owning served files
PORT_LOCK_DIR = '/tmp/ferry-test-ports-%d' % os.getuid()
PASV_RANGE_SIZE = 16
PASV_RANGE_LOW, PASV_RANGE_HIGH = 20000, 32000   # below Linux's ephemeral range (32768-60999)
DEFAULT_USERS = {'alice': 'secret'}
KEEP_DIRS = os.environ.get('FERRY_KEEP_SERVER_DIRS') == '1'


class FixtureError(Exception):
    """The fixture could not do what was asked."""


class ServerStartError(FixtureError):
    """A server did not come up in time; the message carries its output and log."""


class NotAvailable(FixtureError):
    """A server binary or tool is missing (a test should skip: exit SKIP_EXIT_CODE)."""


def _run(argv, input=None, timeout=30, env=None, cwd=None):
    try:
        p = subprocess.run(argv, input=input, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout, env=env, cwd=cwd)
    except FileNotFoundError as e:
        raise NotAvailable('%s not found: %s' % (argv[0], e)) from None
    except subprocess.TimeoutExpired:
        raise FixtureError('%s timed out after %s s' % (' '.join(argv), timeout)) from None
    if p.returncode != 0:
        raise FixtureError('%s failed (exit %d):\n%s' % (' '.join(argv), p.returncode,
                                                         p.stdout.decode(errors='replace')))
    return p.stdout.decode(errors='replace')


def _user_ids(name=RUN_USER):
    import pwd
    pw = pwd.getpwnam(name)
    return pw.pw_uid, pw.pw_gid


def _crypt_sha512(password):
    """A SHA-512 crypt hash ($6$), understood by pam_pwdfile, ProFTPD and pure-ftpd."""
    out = _run([OPENSSL_BIN, 'passwd', '-6', '-stdin'], input=password.encode() + b'\n')
    return out.strip()


def _check_traversable(path):
    """The servers run as RUN_USER: every folder above `path` must let others through."""
    path = os.path.abspath(path)
    parent = os.path.dirname(path)
    while True:
        st = os.stat(parent)
        if not st.st_mode & 0o001:
            raise FixtureError('%s is not reachable for the unprivileged server user %r: '
                               '%s has mode %o (needs o+x)' % (path, RUN_USER, parent,
                                                               st.st_mode & 0o7777))
        if parent == '/':
            return
        parent = os.path.dirname(parent)


def _write(path, text, mode=0o644):
    data = text.encode() if isinstance(text, str) else text
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, 'wb') as f:
        f.write(data)
    os.chmod(path, mode)


# --------------------------------------------------------------------------------------------
# Ports: bind port 0 to find a free one; a lock file per claimed port (or passive range) keeps
# fixture instances in parallel processes from picking the same one before the server binds it.

class _PortClaim:
    """Holds flock'ed lock files for ports in use by one server instance."""

    def __init__(self):
        self._locks = []

    def _try_lock(self, name):
        os.makedirs(PORT_LOCK_DIR, mode=0o700, exist_ok=True)
        path = os.path.join(PORT_LOCK_DIR, name)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            # The file may have been unlinked by its previous holder after we opened it.
            if os.stat(path).st_ino != os.fstat(fd).st_ino:
                raise BlockingIOError
        except (BlockingIOError, FileNotFoundError):
            os.close(fd)
            return False
        self._locks.append((path, fd))
        return True

    def port(self, host='127.0.0.1'):
        for _ in range(200):
            with socket.socket(_family(host), socket.SOCK_STREAM) as s:
                s.bind((host, 0))
                port = s.getsockname()[1]
            if self._try_lock('port-%d' % port):
                if _bindable(host, port):
                    return port
                self._release_last()
        raise FixtureError('no free loopback port found')

    def port_range(self, host='127.0.0.1', size=PASV_RANGE_SIZE):
        bases = list(range(PASV_RANGE_LOW, PASV_RANGE_HIGH - size, size))
        random.shuffle(bases)
        for base in bases[:400]:
            if not self._try_lock('range-%d' % base):
                continue
            if all(_bindable(host, p) for p in range(base, base + size)):
                return base, base + size - 1
            self._release_last()
        raise FixtureError('no free passive port range of %d found' % size)

    def _release_last(self):
        path, fd = self._locks.pop()
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)

    def release(self):
        while self._locks:
            self._release_last()


def _family(host):
    return socket.AF_INET6 if ':' in host else socket.AF_INET


def _bindable(host, port):
    """Free for a server (they all set SO_REUSEADDR: TIME_WAIT leftovers do not count)."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host='127.0.0.1'):
    """A free port (not reserved: for a one-off use; servers here reserve theirs)."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------------------------
# Certificates

class CertInfo:
    """One test certificate. cert: what a server presents (leaf, or leaf + intermediate);
    key: its private key; ca: the file a client should trust to verify it; leaf: the leaf
    alone; chain: the intermediate (or None); sha256/sha1: leaf fingerprints (lowercase hex,
    no colons); hosts: the names it is valid for."""

    def __init__(self, name, cert, key, ca, leaf, chain, hosts):
        self.name, self.cert, self.key, self.ca = name, cert, key, ca
        self.leaf, self.chain, self.hosts = leaf, chain, hosts
        with open(leaf) as f:
            der = ssl.PEM_cert_to_DER_cert(f.read())
        self.sha256 = hashlib.sha256(der).hexdigest()
        self.sha1 = hashlib.sha1(der).hexdigest()
        self.der = der

    def __repr__(self):
        return '<CertInfo %s sha256=%s>' % (self.name, self.sha256)


class Certs:
    """Test certificates, made with openssl when first asked for in `dir` (reused if present):

    ca          the test CA (ca.cert / ca.key), CN "Ferry Test CA"
    signed      CN=localhost, SAN DNS:localhost, IP:127.0.0.1, IP:::1, signed by the CA
    chain       the same names, signed by an intermediate that the CA signed (cert = leaf +
                intermediate, ca = the root)
    selfsigned  the same names, self-signed (ca = the cert itself)
    expired     self-signed, valid 2020-01-01 .. 2021-01-01
    notyet      self-signed, valid from 2090-01-01
    wronghost   self-signed, CN/SAN wrong.example.invalid only
    Each is a CertInfo (attributes or certs['name']).
    """

    NAMES = ('signed', 'chain', 'selfsigned', 'expired', 'notyet', 'wronghost')
    GOOD_SAN = 'DNS:localhost,IP:127.0.0.1,IP:::1'
    VERSION = '1'

    def __init__(self, dir, key_type='rsa'):
        self.dir = os.path.abspath(dir)
        self.key_type = key_type
        os.makedirs(self.dir, exist_ok=True)
        stamp = os.path.join(self.dir, 'certs.done')
        want = '%s %s' % (self.VERSION, key_type)
        try:
            with open(stamp) as f:
                ok = f.read() == want and self._all_present()
        except OSError:
            ok = False
        if not ok:
            self._generate()
            _write(stamp, want)
        self.ca = os.path.join(self.dir, 'ca.cert')
        self.ca_key = os.path.join(self.dir, 'ca.key')
        self._infos = {}
        for n in self.NAMES:
            p = lambda s: os.path.join(self.dir, '%s.%s' % (n, s))
            if n == 'signed':
                info = CertInfo(n, p('cert'), p('key'), self.ca, p('cert'), None,
                                ['localhost', '127.0.0.1', '::1'])
            elif n == 'chain':
                info = CertInfo(n, p('fullchain'), p('key'), self.ca, p('cert'),
                                os.path.join(self.dir, 'intermediate.cert'),
                                ['localhost', '127.0.0.1', '::1'])
            else:
                hosts = (['wrong.example.invalid'] if n == 'wronghost'
                         else ['localhost', '127.0.0.1', '::1'])
                info = CertInfo(n, p('cert'), p('key'), p('cert'), p('cert'), None, hosts)
            self._infos[n] = info
            setattr(self, n, info)

    def __getitem__(self, name):
        return self._infos[name]

    def __iter__(self):
        return iter(self._infos.values())

    def _all_present(self):
        files = ['ca.cert', 'ca.key', 'intermediate.cert', 'chain.fullchain']
        files += ['%s.cert' % n for n in self.NAMES] + ['%s.key' % n for n in self.NAMES]
        return all(os.path.isfile(os.path.join(self.dir, f)) for f in files)

    def _key(self, path):
        if self.key_type == 'ec':
            argv = ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']
        else:
            argv = ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']
        _run([OPENSSL_BIN, 'genpkey'] + argv + ['-out', path])
        os.chmod(path, 0o644)   # test keys; servers may read them after dropping privileges

    def _generate(self):
        d = self.dir
        work = tempfile.mkdtemp(prefix='ca-', dir=d)
        try:
            os.makedirs(os.path.join(work, 'new'))
            open(os.path.join(work, 'index.txt'), 'w').close()
            cnf = os.path.join(work, 'ca.cnf')
            _write(cnf, _CA_CNF.replace('@WORK@', work))
            now = time.time()
            valid = (_asn1_time(now - 86400), _asn1_time(now + 3650 * 86400))

            def sign(name, cn, san, issuer_cert, issuer_key, ext, dates, selfsign=False):
                key = os.path.join(d, name + '.key')
                csr = os.path.join(work, name + '.csr')
                out = os.path.join(d, name + '.cert')
                self._key(key)
                _run([OPENSSL_BIN, 'req', '-new', '-key', key, '-subj', '/CN=' + cn,
                      '-out', csr])
                extfile = os.path.join(work, name + '.ext')
                _write(extfile, _EXT[ext].replace('@SAN@', san or ''))
                argv = [OPENSSL_BIN, 'ca', '-batch', '-notext', '-config', cnf, '-in', csr,
                        '-out', out, '-extfile', extfile, '-extensions', 'ext',
                        '-startdate', dates[0], '-enddate', dates[1]]
                if selfsign:
                    argv += ['-selfsign', '-keyfile', key]
                else:
                    argv += ['-cert', issuer_cert, '-keyfile', issuer_key]
                _run(argv)
                return out, key

            ca_cert, ca_key = sign('ca', 'Ferry Test CA', None, None, None, 'ca', valid, True)
            im_cert, im_key = sign('intermediate', 'Ferry Test Intermediate CA', None,
                                   ca_cert, ca_key, 'intermediate', valid)
            sign('signed', 'localhost', self.GOOD_SAN, ca_cert, ca_key, 'leaf', valid)
            leaf, _ = sign('chain', 'localhost', self.GOOD_SAN, im_cert, im_key, 'leaf', valid)
            with open(leaf) as a, open(im_cert) as b:
                _write(os.path.join(d, 'chain.fullchain'), a.read() + b.read())
            sign('selfsigned', 'localhost', self.GOOD_SAN, None, None, 'selfleaf', valid, True)
            sign('expired', 'localhost', self.GOOD_SAN, None, None, 'selfleaf',
                 ('20200101000000Z', '20210101000000Z'), True)
            sign('notyet', 'localhost', self.GOOD_SAN, None, None, 'selfleaf',
                 ('20900101000000Z', '20991231000000Z'), True)
            sign('wronghost', 'wrong.example.invalid', 'DNS:wrong.example.invalid', None, None,
                 'selfleaf', valid, True)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def _asn1_time(t):
    return time.strftime('%Y%m%d%H%M%SZ', time.gmtime(t))


_CA_CNF = '''\
[ ca ]
default_ca = ferry_ca
[ ferry_ca ]
database = @WORK@/index.txt
new_certs_dir = @WORK@/new
rand_serial = yes
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no
copy_extensions = none
[ policy_any ]
commonName = supplied
[ req ]
distinguished_name = dn
[ dn ]
'''

_EXT = {
    'ca': '[ ext ]\nbasicConstraints = critical, CA:TRUE\n'
          'keyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\n',
    'intermediate': '[ ext ]\nbasicConstraints = critical, CA:TRUE, pathlen:0\n'
                    'keyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\n'
                    'authorityKeyIdentifier = keyid, issuer\n',
    'leaf': '[ ext ]\nbasicConstraints = critical, CA:FALSE\n'
            'keyUsage = critical, digitalSignature, keyEncipherment\n'
            'extendedKeyUsage = serverAuth\nsubjectAltName = @SAN@\n'
            'subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid, issuer\n',
    # Self-signed leaf: CA:FALSE like real servers' self-signed certificates.
    'selfleaf': '[ ext ]\nbasicConstraints = critical, CA:FALSE\n'
                'keyUsage = critical, digitalSignature, keyEncipherment\n'
                'extendedKeyUsage = serverAuth\nsubjectAltName = @SAN@\n'
                'subjectKeyIdentifier = hash\n',
}

_shared_certs = None
_shared_certs_lock = threading.Lock()


def shared_certs():
    """The Certs every server here uses by default: made once per machine and user in
    /tmp/ferry-test-certs-UID (under a lock; parallel tests wait for the first), then reused."""
    global _shared_certs
    with _shared_certs_lock:
        if _shared_certs is None:
            d = os.environ.get('FERRY_TEST_CERTS_DIR') or '/tmp/ferry-test-certs-%d' % os.getuid()
            os.makedirs(d, mode=0o755, exist_ok=True)
            st = os.stat(d)
            if st.st_uid != os.getuid() or st.st_mode & 0o022:
                raise FixtureError('%s is not ours or is writable by others' % d)
            with open(os.path.join(d, '.lock'), 'w') as lk:
                fcntl.flock(lk, fcntl.LOCK_EX)
                _shared_certs = Certs(d)
        return _shared_certs


# --------------------------------------------------------------------------------------------
# Processes

class _Watchdog:
    """A tiny `sh` outside our session that waits on a pipe only this process holds: if the
    test process dies without stopping its servers (SIGKILL, meson timeout), the pipe reaches
    EOF and the watchdog kills the server's process group and removes its files. (Not
    PR_SET_PDEATHSIG: ProFTPD changes credentials, which clears it, and it would need a
    preexec_fn, unsafe next to ScriptedServer threads.)"""

    SCRIPT = ('read _; kill -TERM -"$1" 2>/dev/null; sleep 0.5; '
              'kill -KILL -"$1" 2>/dev/null; shift; rm -rf -- "$@"')

    def __init__(self, pgid, paths):
        r, self._w = os.pipe()
        try:
            self.proc = subprocess.Popen(
                ['/bin/sh', '-c', self.SCRIPT, 'ferry-watchdog', str(pgid)] + list(paths),
                stdin=r, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True)
        finally:
            os.close(r)

    def cancel(self):
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=2)
        with contextlib.suppress(OSError):
            os.close(self._w)


def _proc_table():
    """{pid: (ppid, pgid, sid)} for every process."""
    table = {}
    for name in os.listdir('/proc'):
        if not name.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % name) as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(')') + 2:].split()
        try:
            table[int(name)] = (int(fields[1]), int(fields[2]), int(fields[3]))
        except (IndexError, ValueError):
            continue
    return table


def _tree(pid):
    """pid, its descendants, and every process in its process group or session."""
    table = _proc_table()
    found = {pid}
    found.update(p for p, (_, pg, sid) in table.items() if pg == pid or sid == pid)
    for _ in range(64):
        more = {p for p, (pp, _, _) in table.items() if pp in found and p not in found}
        if not more:
            break
        found |= more
    return found


def _kill_tree(proc, timeout=STOP_TIMEOUT, grace=None):
    """SIGTERM the process group (and anything that left it), wait (up to `grace` seconds,
    default timeout/2), then SIGKILL leftovers."""
    if proc is None:
        return
    grace = timeout / 2 if grace is None else grace
    members = _tree(proc.pid)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGTERM)
    for p in members:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(p, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=grace)
    deadline = time.monotonic() + timeout / 2
    while time.monotonic() < deadline:
        alive = [p for p in members if _alive(p)]
        if not alive:
            break
        for p in alive:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(p, signal.SIGKILL)
        time.sleep(0.02)
    if proc.poll() is None:
        proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=2)


def _listener_inodes(port):
    """Socket inodes listening on TCP `port` (any address), from /proc/net/tcp{,6};
    None when /proc/net cannot tell."""
    inodes, seen = set(), False
    for name in ('/proc/net/tcp', '/proc/net/tcp6'):
        try:
            with open(name) as f:
                next(f, None)
                seen = True
                for line in f:
                    fields = line.split()
                    if len(fields) > 9 and fields[3] == '0A' and \
                            int(fields[1].rsplit(':', 1)[1], 16) == port:
                        inodes.add(fields[9])
        except (OSError, ValueError):
            continue
    return inodes if seen else None


def _tree_listens_on(pid, port):
    """True if a process in pid's tree holds the socket listening on port; None if unknown."""
    inodes = _listener_inodes(port)
    if inodes is None:
        return None
    if not inodes:
        return False
    want = {'socket:[%s]' % i for i in inodes}
    for p in _tree(pid):
        with contextlib.suppress(OSError):
            for fd in os.listdir('/proc/%d/fd' % p):
                with contextlib.suppress(OSError):
                    if os.readlink('/proc/%d/fd/%s' % (p, fd)) in want:
                        return True
    return False


def _alive(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except (OSError, IndexError):
        return False


# --------------------------------------------------------------------------------------------
# Readiness and small client helpers

def _read_reply(sock, deadline):
    """Reads one (possibly multi-line) FTP reply; returns its text or raises."""
    buf = b''
    while True:
        lines = buf.split(b'\n')
        for i, line in enumerate(lines[:-1]):
            if len(line) >= 4 and line[:3].isdigit() and line[3:4] == b' ':
                # multi-line replies end with "NNN " (the first line had "NNN-")
                return b'\n'.join(lines[:i + 1]).decode(errors='replace')
        left = deadline - time.monotonic()
        if left <= 0:
            raise socket.timeout('no complete reply (got %r)' % buf[:200])
        sock.settimeout(min(left, 1.0))
        try:
            chunk = sock.recv(4096)
        except socket.timeout:
            continue
        if not chunk:
            raise ConnectionError('closed before a complete reply (got %r)' % buf[:200])
        buf += chunk


def _insecure_context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def _probe(host, port, implicit, deadline, keep):
    """Connects once and returns the 220 text (the socket goes to `keep`, for the caller to
    close). Raises OSError-type errors if the server is not (yet) ready."""
    s = socket.create_connection((host, port), timeout=max(0.1, deadline - time.monotonic()))
    keep.append(s)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if implicit:
        s.settimeout(max(0.1, deadline - time.monotonic()))
        s = _insecure_context().wrap_socket(s)
        keep.append(s)
    return _read_reply(s, deadline)


def _close_probes(socks):
    for s in reversed(socks):
        with contextlib.suppress(OSError):
            s.sendall(b'QUIT\r\n')
        with contextlib.suppress(OSError):
            s.close()
    del socks[:]


def probe_tls(host, port, implicit=False, timeout=10.0):
    """Connects, does AUTH TLS (or implicit TLS) without verifying, and returns
    {'version': 'TLSv1.3', 'cipher': ..., 'sha256': leaf fingerprint, 'banner': '220 ...'}."""
    deadline = time.monotonic() + timeout
    with socket.create_connection((host, port), timeout=timeout) as s:
        banner = None
        if not implicit:
            banner = _read_reply(s, deadline)
            s.sendall(b'AUTH TLS\r\n')
            r = _read_reply(s, deadline)
            if not r.startswith('234'):
                raise FixtureError('AUTH TLS refused: %s' % r)
        with _insecure_context().wrap_socket(s) as t:
            if implicit:
                banner = _read_reply(t, deadline)
            der = t.getpeercert(binary_form=True)
            info = {'version': t.version(), 'cipher': t.cipher()[0], 'banner': banner,
                    'sha256': hashlib.sha256(der).hexdigest()}
            with contextlib.suppress(OSError):
                t.sendall(b'QUIT\r\n')
                _read_reply(t, time.monotonic() + 2)
            return info


def ftps_client(host, port, mode='explicit', cafile=None, user='alice', password='secret',
                timeout=10.0):
    """A logged-in Python ftplib client (a reference, to check a server or set up state):
    explicit/implicit FTPS with PROT P, data connections that resume the control session
    (what vsftpd and ProFTPD require) and that end with close_notify, or plain FTP.
    cafile=None: no certificate verification. Use as a context manager or call .quit()."""
    import ftplib

    class _Client(ftplib.FTP_TLS):
        def connect(self, host='', port=0, timeout=-999, source_address=None):
            if mode != 'implicit':
                return super().connect(host, port, timeout, source_address)
            self.host, self.port = host, port
            raw = socket.create_connection((host, port), self.timeout)
            self.af = raw.family
            self.sock = self.context.wrap_socket(raw, server_hostname=host)
            self.file = self.sock.makefile('r', encoding=self.encoding)
            self.welcome = self.getresp()
            return self.welcome

        def ntransfercmd(self, cmd, rest=None):
            conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
            if self._prot_p:
                conn = self.context.wrap_socket(conn, server_hostname=self.host,
                                                session=self.sock.session)
            return conn, size

    if cafile:
        ctx = ssl.create_default_context(cafile=cafile)
    else:
        ctx = _insecure_context()
    c = _Client(context=ctx, timeout=timeout)
    c.encoding = 'utf-8'
    try:
        c.connect(host, port)
        if mode == 'plain':
            if user:
                ftplib.FTP.login(c, user, password)
        else:
            if mode == 'explicit':
                c.auth()
            if user:
                c.login(user, password)
            c.prot_p()
    except BaseException:
        c.close()
        raise
    return c


# --------------------------------------------------------------------------------------------
# The served file tree

TREE = {
    'hello.txt': b'Hello from a Ferry test server.\n',
    'name with spaces.txt': b'A file whose name has spaces.\n',
    'gr\u00fc\u00dfe-\u65e5\u672c.txt': 'UTF-8 name: gr\u00fc\u00dfe, \u65e5\u672c.\n'.encode(),
    'empty.txt': b'',
    'data.bin': bytes((i * 7 + 3) & 0xff for i in range(65536)),
    'sub/nested.txt': b'In a subfolder.\n',
    'sub/deeper/leaf.txt': b'Two levels down.\n',
}


def populate_tree(root, uid=None, gid=None, tree=None):
    """Writes the test tree (or `tree`: {relative path: bytes}) into root, owned by uid:gid."""
    tree = TREE if tree is None else tree
    for rel, data in tree.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _write(path, data)
    if uid is not None:
        for dirpath, dirnames, filenames in os.walk(root):
            for n in [dirpath] + [os.path.join(dirpath, x) for x in dirnames + filenames]:
                os.lchown(n, uid, gid)


# --------------------------------------------------------------------------------------------
# Servers

_live = weakref.WeakSet()


@atexit.register
def _stop_all():
    for srv in list(_live):
        with contextlib.suppress(Exception):
            srv.stop()


_TLS_VERSIONS = ('1.3', '1.2', '1.3-only')


def _openssl_conf(path, tls):
    """A per-process OPENSSL_CONF pinning the TLS versions (for vsftpd and pure-ftpd)."""
    lo, hi = {'1.2': ('TLSv1.2', 'TLSv1.2'), '1.3-only': ('TLSv1.3', 'TLSv1.3'),
              '1.3': ('TLSv1.2', 'TLSv1.3')}[tls]
    _write(path, 'openssl_conf = openssl_init\n[openssl_init]\nssl_conf = ssl_sect\n'
                 '[ssl_sect]\nsystem_default = system_default_sect\n'
                 '[system_default_sect]\nMinProtocol = %s\nMaxProtocol = %s\n' % (lo, hi))


class _Server:
    """Common life cycle: private temp dir, ports, start with retry on port clash, readiness
    wait, stop of the whole process tree, context manager."""

    kind = 'server'
    binary = None
    oops_on_stdin = False
    term_grace = None          # seconds between SIGTERM and SIGKILL (None: STOP_TIMEOUT / 2)

    def __init__(self, host='127.0.0.1', users=None, cert=None, files=True, root=None):
        self.host = host
        self.users = dict(DEFAULT_USERS if users is None else users)
        self.cert = cert
        self.proc = None
        self.port = None
        self.pasv_range = None
        self._watchdog = None
        self._owned_files = []     # outside self.dir, removed on stop (PAM service file)
        self._stopped = False
        self._claim = _PortClaim()
        self._cleanups = []
        self.uid, self.gid = _user_ids()
        if self.binary and not os.access(self.binary, os.X_OK):
            raise NotAvailable('%s not found: run tests/servers/unpack-servers.sh' % self.binary)
        if root:
            _check_traversable(root)
        self.dir = tempfile.mkdtemp(prefix='ferry-%s-' % self.kind)
        os.chmod(self.dir, 0o711)
        self.root = os.path.abspath(root) if root else os.path.join(self.dir, 'files')
        if not os.path.isdir(self.root):
            os.makedirs(self.root)
            os.chown(self.root, self.uid, self.gid)
            if files:
                populate_tree(self.root, self.uid, self.gid, None if files is True else files)
        self.out_path = os.path.join(self.dir, 'output.log')
        _live.add(self)

    # subclasses: _prepare() once, _configure() per attempt (after ports), _argv(), _env(),
    # _ready_checks() -> [(port, implicit)]
    def _prepare(self):
        pass

    def _env(self):
        return {'PATH': '/usr/sbin:/usr/bin:/sbin:/bin', 'LANG': 'C.UTF-8'}

    def _start(self):
        started = time.monotonic()
        try:
            self._prepare()
            for attempt in range(3):
                self._claim.release()
                self._configure()
                out = open(self.out_path, 'ab')
                try:
                    # vsftpd writes its "500 OOPS" start errors to fd 0 (the control
                    # connection in inetd mode): give it the output file there.
                    self.proc = subprocess.Popen(
                        self._argv(), stdin=out if self.oops_on_stdin else subprocess.DEVNULL,
                        stdout=out,
                        stderr=subprocess.STDOUT, cwd=self.dir, env=self._env(),
                        start_new_session=True)
                finally:
                    out.close()
                self._watchdog = _Watchdog(self.proc.pid, self._watchdog_paths())
                try:
                    self._wait_ready(started + START_TIMEOUT)
                    break
                except ServerStartError as e:
                    text = str(e).lower()
                    _kill_tree(self.proc)
                    self._watchdog.cancel()
                    self._watchdog = None
                    self.proc = None
                    clash = 'address already in use' in text or 'bind' in text
                    if not clash or attempt == 2 or time.monotonic() > started + START_TIMEOUT:
                        raise
            self.start_seconds = time.monotonic() - started
        except BaseException:
            self.stop()
            raise

    def _watchdog_paths(self):
        return ([] if KEEP_DIRS else [self.dir]) + list(self._owned_files)

    def _wait_ready(self, deadline):
        # Probe connections stay open until every port answered: ProFTPD delays a connection
        # that arrives within ~0.45 s after one of its sessions ended.
        probes = []
        try:
            self._wait_ready_ports(deadline, probes)
        finally:
            _close_probes(probes)

    def _wait_ready_ports(self, deadline, probes):
        self.banner = None
        for port, implicit in self._ready_checks():
            last = None
            while True:
                if self.proc.poll() is not None:
                    raise ServerStartError('%s exited with status %s before it was ready on '
                                           'port %s\n%s' % (self.kind, self.proc.returncode,
                                                            port, self._diagnostics()))
                if time.monotonic() > deadline:
                    raise ServerStartError('%s did not send 220 on %s:%s within %.0f s (%s)\n%s'
                                           % (self.kind, self.host, port, START_TIMEOUT, last,
                                              self._diagnostics()))
                # Talk only to our own listener: after a port clash another server may
                # answer on that port while ours fails to bind.
                owns = _tree_listens_on(self.proc.pid, port)
                if owns is False:
                    last = 'not listening yet'
                    time.sleep(0.01)
                    continue
                attempt = []
                try:
                    reply = _probe(self.host, port, implicit,
                                   min(deadline, time.monotonic() + 3), attempt)
                    if reply.startswith('220'):
                        self.banner = self.banner or reply
                        probes.extend(attempt)
                        break
                    last = 'got %r' % reply
                except (OSError, ssl.SSLError) as e:
                    last = '%s: %s' % (type(e).__name__, e)
                _close_probes(attempt)
                time.sleep(0.01)

    def _diagnostics(self):
        parts = []
        for label, path in [('output', self.out_path)] + self._log_files():
            with contextlib.suppress(OSError):
                with open(path, errors='replace') as f:
                    text = f.read()[-4000:]
                parts.append('--- %s (%s) ---\n%s' % (label, path, text))
        return '\n'.join(parts)

    def _log_files(self):
        return []

    def log_text(self):
        """Everything the server logged so far (protocol log first, then its output)."""
        parts = []
        for _, path in self._log_files() + [('output', self.out_path)]:
            with contextlib.suppress(OSError):
                with open(path, errors='replace') as f:
                    parts.append(f.read())
        return '\n'.join(parts)

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def url(self, user=None, scheme=None, port=None):
        scheme = scheme or 'ftp'
        u = (user + '@') if user else ''
        h = '[%s]' % self.host if ':' in self.host else self.host
        return '%s://%s%s:%d' % (scheme, u, h, port or self.port)

    def stop(self):
        """Stops the server and everything it forked; removes its files. Idempotent."""
        if self._stopped:
            return
        self._stopped = True
        try:
            _kill_tree(self.proc, grace=self.term_grace)
            if self._watchdog:
                self._watchdog.cancel()
        finally:
            for fn in reversed(self._cleanups):
                with contextlib.suppress(Exception):
                    fn()
            self._claim.release()
            if not KEEP_DIRS:
                shutil.rmtree(self.dir, ignore_errors=True)
            _live.discard(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def __del__(self):
        with contextlib.suppress(Exception):
            self.stop()

    def __repr__(self):
        return '<%s %s:%s pid=%s>' % (type(self).__name__, self.host, self.port, self.pid)


# --- PAM service for vsftpd's virtual users ---

PAM_DIR = '/etc/pam.d'
PAM_PREFIX = 'ferry-test-'


def _remove_stale_pam_files():
    """PAM files of fixture processes that died without cleaning up (name holds the pid)."""
    with contextlib.suppress(OSError):
        for n in os.listdir(PAM_DIR):
            if n.startswith(PAM_PREFIX):
                pid = n[len(PAM_PREFIX):].split('-')[0]
                if pid.isdigit() and not os.path.exists('/proc/' + pid):
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(PAM_DIR, n))


class Vsftpd(_Server):
    """vsftpd 3.0.3 in the foreground with its own config.

    mode: 'explicit' (AUTH TLS required for login and data), 'implicit', 'plain' (no TLS)
    tls: '1.3' (default: 1.2 and 1.3 allowed, negotiates 1.3), '1.2' (1.2 only), '1.3-only'
    cert: a CertInfo (default shared_certs().signed); require_ssl_reuse: vsftpd's default YES
    users: {name: password} virtual users (PAM pwdfile, guests mapped to `daemon`), writable
    anonymous: also allow anonymous logins (TLS-only in TLS modes), read-only, in anon_root
    (default: a root-owned copy of the test tree; it must not be writable by `daemon`)
    max_rate: bytes/s for local and anonymous users; protocol_log: log every command
    extra: {option: value} added to (or overriding) the config
    Attributes: port, host, root, users, cert, dir, pid, banner, log_path; log_text().
    """

    kind = 'vsftpd'
    binary = VSFTPD_BIN
    oops_on_stdin = True

    def __init__(self, mode='explicit', tls='1.3', cert=None, require_ssl_reuse=True,
                 users=None, anonymous=False, max_rate=None, protocol_log=True,
                 anon_root=None, extra=None, host='127.0.0.1', files=True, root=None,
                 port=None):
        if mode not in ('explicit', 'implicit', 'plain'):
            raise ValueError('mode must be explicit, implicit or plain')
        if tls not in _TLS_VERSIONS:
            raise ValueError('tls must be one of %s' % (_TLS_VERSIONS,))
        if mode != 'plain' and cert is None:
            cert = shared_certs().signed
        super().__init__(host, users, cert if mode != 'plain' else None, files, root)
        self.mode, self.tls = mode, tls
        self.require_ssl_reuse = require_ssl_reuse
        self.anonymous, self.max_rate = anonymous, max_rate
        self.protocol_log = protocol_log
        self.anon_root = anon_root
        if anonymous and anon_root is None:
            # vsftpd refuses an anonymous root the ftp user can write to (allow_writeable_chroot
            # does not help there): anonymous gets a root-owned, read-only copy of the tree.
            self.anon_root = os.path.join(self.dir, 'anon')
            os.makedirs(self.anon_root)
            if files:
                populate_tree(self.anon_root, tree=None if files is True else files)
        self.extra = dict(extra or {})
        self._fixed_port = port
        self.log_path = os.path.join(self.dir, 'vsftpd.log')
        self.conf_path = os.path.join(self.dir, 'vsftpd.conf')
        self._start()

    def _prepare(self):
        _remove_stale_pam_files()
        self.empty_dir = os.path.join(self.dir, 'empty')
        os.makedirs(self.empty_dir, mode=0o755, exist_ok=True)
        self.pwdfile = os.path.join(self.dir, 'users.pwd')
        _write(self.pwdfile, ''.join('%s:%s\n' % (u, _crypt_sha512(p))
                                     for u, p in self.users.items()), 0o600)
        self.pam_service = '%s%d-%s' % (PAM_PREFIX, os.getpid(), secrets.token_hex(4))
        pam_path = os.path.join(PAM_DIR, self.pam_service)
        _write(pam_path, '# Ferry test fixture (tests/servers/ftpservers.py); removed on stop\n'
                         'auth required pam_pwdfile.so pwdfile=%s\n'
                         'account required pam_permit.so\n' % self.pwdfile)
        self._cleanups.append(lambda: os.unlink(pam_path))
        self._owned_files.append(pam_path)
        if self.mode != 'plain':
            self.openssl_conf = os.path.join(self.dir, 'openssl.cnf')
            _openssl_conf(self.openssl_conf, self.tls)

    def _env(self):
        env = super()._env()
        if self.mode != 'plain':
            env['OPENSSL_CONF'] = self.openssl_conf
        return env

    def _configure(self):
        if self._fixed_port:
            self.port = self._fixed_port
        else:
            self.port = self._claim.port(self.host)
        self.pasv_range = self._claim.port_range(self.host)
        yn = lambda b: 'YES' if b else 'NO'
        tls = self.mode != 'plain'
        c = {
            'listen': 'YES' if ':' not in self.host else 'NO',
            'listen_ipv6': 'YES' if ':' in self.host else 'NO',
            ('listen_address6' if ':' in self.host else 'listen_address'): self.host,
            'listen_port': self.port,
            'background': 'NO',
            'seccomp_sandbox': 'NO',
            'secure_chroot_dir': self.empty_dir,
            'pasv_enable': 'YES',
            'pasv_min_port': self.pasv_range[0],
            'pasv_max_port': self.pasv_range[1],
            'port_enable': 'YES',
            'connect_from_port_20': 'NO',
            'delay_failed_login': 0,
            'delay_successful_login': 0,
            'local_enable': 'YES',
            'write_enable': 'YES',
            'local_umask': '022',
            'file_open_mode': '0666',
            'pam_service_name': self.pam_service,
            'guest_enable': 'YES',
            'guest_username': RUN_USER,
            'virtual_use_local_privs': 'YES',
            'local_root': self.root,
            'chroot_local_user': 'YES',
            'allow_writeable_chroot': 'YES',
            'anonymous_enable': yn(self.anonymous),
            'dirmessage_enable': 'NO',
            'syslog_enable': 'NO',
            'ssl_enable': yn(tls),
        }
        if self.anonymous:
            c.update({'anon_root': self.anon_root, 'ftp_username': RUN_USER,
                      'anon_upload_enable': 'NO',
                      'anon_mkdir_write_enable': 'NO', 'anon_other_write_enable': 'NO'})
        if tls:
            c.update({
                'rsa_cert_file': self.cert.cert, 'rsa_private_key_file': self.cert.key,
                'ssl_tlsv1': 'YES', 'ssl_sslv2': 'NO', 'ssl_sslv3': 'NO',
                'ssl_ciphers': 'HIGH',
                'require_ssl_reuse': yn(self.require_ssl_reuse),
                'force_local_logins_ssl': 'YES', 'force_local_data_ssl': 'YES',
                'implicit_ssl': yn(self.mode == 'implicit'),
            })
            if self.anonymous:
                c.update({'allow_anon_ssl': 'YES', 'force_anon_logins_ssl': 'YES',
                          'force_anon_data_ssl': 'YES'})
        if self.max_rate:
            c.update({'local_max_rate': int(self.max_rate), 'anon_max_rate': int(self.max_rate)})
        if self.protocol_log:
            c.update({'log_ftp_protocol': 'YES', 'xferlog_enable': 'YES',
                      'xferlog_std_format': 'NO', 'vsftpd_log_file': self.log_path})
        else:
            c['xferlog_enable'] = 'NO'
        c.update(self.extra)
        _write(self.conf_path, ''.join('%s=%s\n' % kv for kv in c.items()), 0o600)

    def _argv(self):
        return [self.binary, self.conf_path]

    def commands(self):
        """Every command line the server received, in order (PASS shows as "PASS <password>"),
        from the protocol log. The fixture's readiness probe sent one "QUIT" first."""
        import re
        pat = re.compile(r'FTP command: Client "[^"]*", "(.*)"$')
        with contextlib.suppress(OSError), open(self.log_path, errors='replace') as f:
            return [m.group(1) for m in map(pat.search, f.read().splitlines()) if m]
        return []

    def _ready_checks(self):
        return [(self.port, self.mode == 'implicit')]

    def _log_files(self):
        return [('vsftpd log', self.log_path)]


class Proftpd(_Server):
    """ProFTPD 1.3.8 (mod_tls): explicit FTPS on .port and implicit FTPS on .implicit_port
    (a second <VirtualHost>), virtual users from an AuthUserFile, TLS required.

    tls: '1.3' (TLSv1.2 TLSv1.3), '1.2', '1.3-only'; require_ssl_reuse: mod_tls's default
    ccc: allow CCC after login (TLSRequired auth+data; else TLSRequired on, CCC refused)
    implicit: also serve the implicit port; tls=False: plain FTP (no mod_tls)
    extra: list of config lines added to both servers. Attributes as Vsftpd, plus
    implicit_port; log_text() holds every command (ExtendedLog) and the system/TLS logs.
    """

    kind = 'proftpd'
    binary = PROFTPD_BIN
    term_grace = 0.05          # it handles SIGTERM only ~0.4 s later; nothing to save anyway

    def __init__(self, tls='1.3', cert=None, require_ssl_reuse=True, users=None, ccc=True,
                 implicit=True, max_rate=None, extra=None, host='127.0.0.1', files=True,
                 root=None):
        if tls not in _TLS_VERSIONS and tls is not False:
            raise ValueError('tls must be one of %s or False' % (_TLS_VERSIONS,))
        if tls and cert is None:
            cert = shared_certs().signed
        super().__init__(host, users, cert if tls else None, files, root)
        self.tls, self.require_ssl_reuse, self.ccc = tls, require_ssl_reuse, ccc
        self.implicit = bool(implicit and tls)
        self.implicit_port = None
        self.max_rate = max_rate
        self.extra = list(extra or [])
        self.conf_path = os.path.join(self.dir, 'proftpd.conf')
        self.log_path = os.path.join(self.dir, 'commands.log')
        self._start()

    def _prepare(self):
        if self.tls and not os.path.exists(os.path.join(PROFTPD_MODULES, 'mod_tls.so')):
            raise NotAvailable('mod_tls.so missing in %s: install proftpd-mod-crypto'
                               % PROFTPD_MODULES)
        self.passwd = os.path.join(self.dir, 'ftpd.passwd')
        self.group = os.path.join(self.dir, 'ftpd.group')
        _write(self.passwd, ''.join('%s:%s:%d:%d::%s:/bin/sh\n'
                                    % (u, _crypt_sha512(p), self.uid, self.gid, self.root)
                                    for u, p in self.users.items()), 0o600)
        _write(self.group, 'ferry:x:%d:%s\n' % (self.gid, ','.join(self.users)), 0o600)

    def _server_block(self, port, implicit):
        tls = []
        if self.tls:
            opts = []
            if implicit:
                opts.append('UseImplicitSSL')
            if not self.require_ssl_reuse:
                opts.append('NoSessionReuseRequired')
            proto = {'1.3': 'TLSv1.2 TLSv1.3', '1.2': 'TLSv1.2', '1.3-only': 'TLSv1.3'}[self.tls]
            tls = ['TLSEngine on',
                   'TLSRequired %s' % ('auth+data' if self.ccc else 'on'),
                   'TLSProtocol %s' % proto,
                   'TLSRSACertificateFile %s' % (self.cert.leaf if self.cert.chain
                                                 else self.cert.cert),
                   'TLSRSACertificateKeyFile %s' % self.cert.key,
                   'TLSVerifyClient off',
                   'TLSRenegotiate none',
                   'TLSLog %s' % os.path.join(self.dir, 'tls.log')]
            if self.cert.chain:
                tls.append('TLSCertificateChainFile %s' % self.cert.chain)
            if opts:
                tls.append('TLSOptions %s' % ' '.join(opts))
        lines = [
            'Port %d' % port,
            'PassivePorts %d %d' % self.pasv_range,
            'AuthOrder mod_auth_file.c',
            'AuthUserFile %s' % self.passwd,
            'AuthGroupFile %s' % self.group,
            'RequireValidShell off',
            'UseFtpUsers off',
            'DefaultRoot ~',
            'AllowOverwrite on',
            'AllowStoreRestart on',
            'AllowRetrieveRestart on',
            'Umask 022 022',
            'MaxLoginAttempts 10',
            'ExtendedLog %s ALL ferry' % self.log_path,
            'TransferLog %s' % os.path.join(self.dir, 'xferlog'),
        ]
        if self.max_rate:
            lines.append('TransferRate RETR,STOR,APPE %.3f' % (self.max_rate / 1024.0))
        return lines + tls + self.extra

    def _configure(self):
        self.port = self._claim.port(self.host)
        if self.implicit:
            self.implicit_port = self._claim.port(self.host)
        self.pasv_range = self._claim.port_range(self.host)
        head = [
            'ServerType standalone',
            'ServerName "Ferry test ProFTPD"',
            'DefaultServer on',
            'DefaultAddress %s' % self.host,
            'SocketBindTight on',
            'UseIPv6 %s' % ('on' if ':' in self.host else 'off'),
            'User %s' % RUN_USER,
            'Group %s' % RUN_USER,
            'PidFile %s' % os.path.join(self.dir, 'proftpd.pid'),
            'ScoreboardFile %s' % os.path.join(self.dir, 'proftpd.scoreboard'),
            'SystemLog %s' % os.path.join(self.dir, 'system.log'),
            'WtmpLog off',
            'UseReverseDNS off',
            'MaxInstances 200',
            'TimeoutIdle 600',
            'DelayEngine off',
            'LogFormat ferry "%a %u \\"%r\\" %s"',
            '<IfModule mod_ident.c>', 'IdentLookups off', '</IfModule>',
            '<IfModule mod_ctrls.c>', 'ControlsEngine off', '</IfModule>',
        ]
        if self.tls:
            head = ['ModulePath %s' % PROFTPD_MODULES, 'LoadModule mod_tls.c'] + head
        conf = head + self._server_block(self.port, False)
        if self.implicit:
            conf += ['<VirtualHost %s>' % self.host]
            conf += ['  ' + x for x in self._server_block(self.implicit_port, True)]
            conf += ['</VirtualHost>']
        _write(self.conf_path, '\n'.join(conf) + '\n', 0o600)
        if os.environ.get('FERRY_PROFTPD_CHECK', '1') == '1' and not getattr(self, '_checked', 0):
            try:
                _run([self.binary, '-t', '-c', self.conf_path], timeout=10)
            except FixtureError as e:
                raise ServerStartError('proftpd -t rejected %s: %s' % (self.conf_path, e))
            self._checked = 1

    def _argv(self):
        return [self.binary, '-n', '-q', '-c', self.conf_path]

    def commands(self):
        """Every command line either port received, in order of completion (PASS shows as
        "PASS (hidden)"), from the ExtendedLog. The readiness probes sent a "QUIT" per port."""
        import re
        pat = re.compile(r'^\S+ \S+ "(.*)" \S+$')
        with contextlib.suppress(OSError), open(self.log_path, errors='replace') as f:
            return [m.group(1) for m in map(pat.match, f.read().splitlines()) if m]
        return []

    def _ready_checks(self):
        checks = [(self.port, False)]
        if self.implicit:
            checks.append((self.implicit_port, True))
        return checks

    def _log_files(self):
        return [('commands', self.log_path), ('system', os.path.join(self.dir, 'system.log')),
                ('tls', os.path.join(self.dir, 'tls.log'))]

    @property
    def ports(self):
        return {'explicit': self.port, 'implicit': self.implicit_port}


class PureFtpd(_Server):
    """pure-ftpd 1.0.50 standalone in the foreground, explicit FTPS (it has no implicit mode).

    tls_level: -Y value (3 = TLS required on control and data; 2 = TLS required for login;
    1 = optional; 0 = no TLS); tls: '1.3'|'1.2'|'1.3-only' (per-process OPENSSL_CONF)
    users: virtual users (SHA-512 crypt in a puredb) mapped to `daemon`, chrooted to root
    max_rate: bytes/s per user (-T); extra: list of extra command-line arguments.
    It does not require TLS session reuse. Logs go to syslog; log_text() has its output and
    the transfer log (-O clf:FILE).
    """

    kind = 'pure-ftpd'
    binary = PUREFTPD_BIN

    def __init__(self, tls_level=3, tls='1.3', cert=None, users=None, max_rate=None,
                 extra=None, host='127.0.0.1', files=True, root=None):
        if tls not in _TLS_VERSIONS:
            raise ValueError('tls must be one of %s' % (_TLS_VERSIONS,))
        if tls_level and cert is None:
            cert = shared_certs().signed
        super().__init__(host, users, cert if tls_level else None, files, root)
        self.tls_level, self.tls, self.max_rate = int(tls_level), tls, max_rate
        self.mode = 'explicit' if self.tls_level else 'plain'
        self.extra = list(extra or [])
        self.log_path = os.path.join(self.dir, 'transfer.log')
        self._start()

    def _prepare(self):
        if not os.access(PUREPW_BIN, os.X_OK):
            raise NotAvailable('%s not found: run tests/servers/unpack-servers.sh' % PUREPW_BIN)
        self.passwd = os.path.join(self.dir, 'pureftpd.passwd')
        self.pdb = os.path.join(self.dir, 'pureftpd.pdb')
        _write(self.passwd, ''.join('%s:%s:%d:%d::%s/./::::::::::::\n'
                                    % (u, _crypt_sha512(p), self.uid, self.gid, self.root)
                                    for u, p in self.users.items()), 0o600)
        _run([PUREPW_BIN, 'mkdb', self.pdb, '-f', self.passwd])
        if self.tls_level:
            self.openssl_conf = os.path.join(self.dir, 'openssl.cnf')
            _openssl_conf(self.openssl_conf, self.tls)

    def _env(self):
        env = super()._env()
        if self.tls_level:
            env['OPENSSL_CONF'] = self.openssl_conf
        return env

    def _configure(self):
        self.port = self._claim.port(self.host)
        self.pasv_range = self._claim.port_range(self.host)

    def _argv(self):
        argv = [self.binary, '-S', '%s,%d' % (self.host, self.port),
                '-l', 'puredb:%s' % self.pdb, '-p', '%d:%d' % self.pasv_range,
                '-A', '-E', '-H', '-u', '1', '-O', 'clf:%s' % self.log_path,
                '-Y', str(self.tls_level)]
        if self.tls_level:
            cert = self.cert.cert
            argv += ['-2', '%s,%s' % (cert, self.cert.key)]
        if self.max_rate:
            kb = max(1, int(self.max_rate // 1024))
            argv += ['-T', '%d:%d' % (kb, kb)]
        return argv + self.extra

    def _ready_checks(self):
        return [(self.port, False)]

    def _log_files(self):
        return [('transfer log', self.log_path)]


# --------------------------------------------------------------------------------------------
# Scripted fault servers

class _Conn:
    """One accepted connection of a ScriptedServer, handed to a behaviour."""

    def __init__(self, server, sock, addr):
        self.server, self.sock, self.addr = server, sock, addr
        self._buf = b''

    def send(self, line):
        """Sends one reply line (CRLF added)."""
        self.sock.sendall(line.encode() + b'\r\n')

    def send_bytes(self, data):
        self.sock.sendall(data)

    def readline(self, timeout=60.0):
        """The next line the client sent (without CRLF), recorded in received_lines();
        None on EOF, timeout or server stop."""
        deadline = time.monotonic() + timeout
        while b'\n' not in self._buf:
            if self.server._stopping.is_set() or time.monotonic() > deadline:
                return None
            r, _, _ = select.select([self.sock], [], [], 0.1)
            if not r:
                continue
            try:
                chunk = self.sock.recv(4096)
            except OSError:
                return None
            if not chunk:
                return None
            self.server._record_bytes(chunk)
            self._buf += chunk
        raw, self._buf = self._buf.split(b'\n', 1)
        line = raw.rstrip(b'\r').decode('utf-8', errors='replace')
        self.server._record_line(line)
        return line

    def wait(self, seconds):
        """Sleeps (returns False early if the server stops)."""
        return not self.server._stopping.wait(seconds)

    def drain(self, timeout=60.0):
        """Records whatever arrives until the client closes (or timeout / stop)."""
        while self.readline(timeout) is not None:
            pass

    def serve(self, handlers, default='502 Command not implemented.', timeout=60.0):
        """A command loop: handlers maps a command (upper case) to a reply string or to a
        callable(conn, argument) that replies itself (and returns 'close' to end the loop).
        QUIT answers 221 and returns."""
        _serve(self, lambda: self.readline(timeout), handlers, default)


def _serve(conn, readline, handlers, default):
    """The command loop of _Conn.serve() and TlsLines.serve()."""
    while True:
        line = readline()
        if line is None:
            return
        cmd, _, arg = line.strip().partition(' ')
        cmd = cmd.upper()
        h = handlers.get(cmd)
        if h is None and cmd == 'QUIT':
            conn.send('221 Goodbye.')
            return
        if h is None:
            conn.send(default)
        elif callable(h):
            if h(conn, arg) == 'close':
                return
        else:
            conn.send(h)


def explicit_tls(conn, ctx, timeout, feat=None):
    """A scripted server's explicit FTPS start, after its 220: 530 to anything before AUTH
    (or feat, a reply, to FEAT), then 234 and the TLS handshake on ctx. A TlsLines, or None
    when the client went away or the handshake failed."""
    line = conn.readline(timeout)
    while line is not None and not line.upper().startswith('AUTH'):
        conn.send(feat if feat and line.upper().startswith('FEAT') else '530 Please use AUTH TLS.')
        line = conn.readline(timeout)
    if line is None:
        return None
    conn.send('234 AUTH TLS OK.')
    try:
        return TlsLines(conn, ctx.wrap_socket(conn.sock, server_side=True), timeout)
    except (OSError, ssl.SSLError):
        return None


class TlsLines:
    """The control connection of a scripted server after AUTH TLS: lines in and out over
    `tls` (the accepted _Conn's socket, wrapped), recorded in the server's received_lines()
    like the plain ones. None on EOF, error or after `timeout` seconds of silence."""

    def __init__(self, conn, tls, timeout):
        self.conn, self.tls, self.buf = conn, tls, b''
        tls.settimeout(timeout)

    def send(self, line):
        self.tls.sendall(line.encode() + b'\r\n')

    def readline(self):
        while b'\n' not in self.buf:
            try:
                chunk = self.tls.recv(4096)
            except (OSError, ssl.SSLError):
                return None
            if not chunk:
                return None
            self.buf += chunk
        raw, self.buf = self.buf.split(b'\n', 1)
        line = raw.rstrip(b'\r').decode('utf-8', errors='replace')
        self.conn.server._record_line(line)
        return line

    def serve(self, handlers, default='502 Command not implemented.'):
        """_Conn.serve() over TLS; silence ends it after the timeout given at the start."""
        _serve(self, self.readline, handlers, default)


class ScriptedServer:
    """A threaded fake FTP server on 127.0.0.1 (free port) for faults real servers won't show.

    behaviour (name or a callable(conn, server)) and its params:
      'slow-banner'    delay=3.0: waits, sends a plaintext 220, answers AUTH with 534
      'silent'         accepts and never sends anything (records what arrives)
      'no-tls'         220, 502 to AUTH, 530 to USER
      'garbage-banner' data=b'SSH-2.0-...': sends non-FTP bytes, then records
      'hang-connect'   a listen(0) socket with a full backlog: connect() hangs
      'listings'       folders={'/': b'LIST reply', ...}: plain FTP, LIST sends the folder's bytes
      'malicious-pasv' pasv_host='10,9,8,7': plain FTP, any USER/PASS ok, EPSV refused, PASV
                       names pasv_host with a port really listening on 127.0.0.1; LIST/NLST/
                       RETR served there (data_connections records who connected)
    Attributes: port, host, connections (count); received_lines(), received_bytes(), stop().
    Add a behaviour: @ScriptedServer.register('name') def fn(conn, server): ... where conn has
    send(line), send_bytes(), readline(), wait(s), drain(), serve({CMD: reply or
    callable(conn, arg)}) and server.params holds the keyword arguments.
    """

    BEHAVIOURS = {}

    @classmethod
    def register(cls, name):
        def deco(fn):
            cls.BEHAVIOURS[name] = fn
            return fn
        return deco

    def __init__(self, behaviour, **params):
        self.host = '127.0.0.1'
        self.name = behaviour if isinstance(behaviour, str) else getattr(behaviour, '__name__',
                                                                           'custom')
        self.params = params
        self.connections = 0
        self.data_connections = []
        self._lines, self._bytes = [], bytearray()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._socks, self._threads, self._fillers = [], [], []
        self._stopped = False
        if behaviour == 'hang-connect':
            self._fn = None
            self._listener = self._hang_listener()
        else:
            self._fn = behaviour if callable(behaviour) else self.BEHAVIOURS.get(behaviour)
            if self._fn is None:
                raise ValueError('unknown behaviour %r (known: %s)'
                                 % (behaviour, ', '.join(sorted(self.BEHAVIOURS) +
                                                         ['hang-connect'])))
            self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self._listener.bind((self.host, 0))
            self._listener.listen(16)
            t = threading.Thread(target=self._accept_loop, daemon=True,
                                 name='scripted-%s' % self.name)
            t.start()
            self._threads.append(t)
        self.port = self._listener.getsockname()[1]
        _live.add(self)

    def _hang_listener(self):
        """listen(0) and fill the backlog with connections nobody accepts: new SYNs are then
        dropped by the kernel and connect() hangs until the client gives up."""
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        ls.bind((self.host, 0))
        ls.listen(0)
        addr = ls.getsockname()
        for _ in range(64):
            c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            c.setblocking(False)
            self._fillers.append(c)
            c.connect_ex(addr)
            _, w, _ = select.select([], [c], [], 0.3)
            if not w or c.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
                break   # this one hangs: the backlog is full
        else:
            ls.close()
            raise FixtureError('could not fill a listen(0) backlog (64 connections completed)')
        return ls

    def _accept_loop(self):
        while not self._stopping.is_set():
            r, _, _ = select.select([self._listener], [], [], 0.1)
            if not r:
                continue
            try:
                sock, addr = self._listener.accept()
            except OSError:
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self.connections += 1
                self._socks.append(sock)
            t = threading.Thread(target=self._handle, args=(sock, addr), daemon=True)
            t.start()
            self._threads.append(t)

    def _handle(self, sock, addr):
        conn = _Conn(self, sock, addr)
        try:
            self._fn(conn, self)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _record_line(self, line):
        with self._lock:
            self._lines.append(line)

    def _record_bytes(self, data):
        with self._lock:
            self._bytes += data

    def received_lines(self):
        """Every line received so far, on any connection, in order (CRLF stripped)."""
        with self._lock:
            return list(self._lines)

    def received_bytes(self):
        with self._lock:
            return bytes(self._bytes)

    def stop(self):
        if self._stopped:
            return
        self._stopped = True
        self._stopping.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            socks = list(self._socks)
        for s in socks + self._fillers:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                s.close()
        for t in list(self._threads):
            if t is not threading.current_thread():
                t.join(timeout=2)
        _live.discard(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def __repr__(self):
        return '<ScriptedServer %s 127.0.0.1:%d>' % (self.name, self.port)


def plain_ftp_handlers(state):
    """The commands a plain-FTP fake needs for Ferry to log in and open passive data
    connections (state['data'] is the listening socket); send_data(c, payload) serves one."""
    def pasv(c, arg):
        if state.get('data'):
            state['data'].close()
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        ls.bind(('127.0.0.1', 0))
        ls.listen(1)
        state['data'] = ls
        p = ls.getsockname()[1]
        c.send('227 Entering Passive Mode (127,0,0,1,%d,%d).' % (p >> 8, p & 0xff))

    def send_data(c, payload, final='226 Transfer complete.'):
        ls = state.get('data')
        if ls is None:
            c.send('425 Use PASV first.')
            return
        state['data'] = None
        c.send('150 Here it comes.')
        try:
            ls.settimeout(10)
            d, _ = ls.accept()
        except OSError:
            c.send('425 Cannot open data connection.')
            return
        finally:
            ls.close()
        try:
            d.sendall(payload)
        finally:
            d.close()
        c.send(final)

    handlers = {
        'USER': '331 Password required.', 'PASS': '230 Logged in.',
        'AUTH': '502 Command not implemented.', 'SYST': '215 UNIX Type: L8',
        'FEAT': '211 No features.', 'PWD': '257 "/" is the current directory.',
        'TYPE': '200 Type set.', 'NOOP': '200 OK.', 'OPTS': '200 OK.',
        'EPSV': '500 EPSV not understood.', 'PASV': pasv, 'MDTM': '550 No time.',
    }
    return handlers, send_data


@ScriptedServer.register('listings')
def _listings(conn, server):
    """Plain FTP whose LIST answers with params['folders'][folder] (bytes, sent as they are);
    CWD into a folder that is not there is refused with 550."""
    folders = server.params['folders']
    state = {'data': None, 'cwd': '/'}
    handlers, send_data = plain_ftp_handlers(state)

    def cwd(c, arg):
        path = arg if arg.startswith('/') else state['cwd'].rstrip('/') + '/' + arg
        path = '/' + '/'.join(p for p in path.split('/') if p and p != '.')
        if path not in folders:
            c.send('550 No such folder.')
            return
        state['cwd'] = path
        c.send('250 OK.')

    handlers.update({
        'CWD': cwd,
        'PWD': lambda c, arg: c.send('257 "%s" is the current directory.' % state['cwd']),
        'LIST': lambda c, arg: send_data(c, folders[state['cwd']]),
    })
    conn.send('220 A server whose listings are what the test says.')
    conn.serve(handlers)
    if state['data']:
        state['data'].close()


@ScriptedServer.register('slow-banner')
def _slow_banner(conn, server):
    if not conn.wait(float(server.params.get('delay', 3.0))):
        return
    conn.send('220 Slow server ready.')
    conn.serve({'AUTH': '534 TLS not available.', 'USER': '530 Not logged in.',
                'PASS': '530 Not logged in.'}, default='530 Please login with USER and PASS.')


@ScriptedServer.register('silent')
def _silent(conn, server):
    conn.drain(float(server.params.get('timeout', 300)))


@ScriptedServer.register('no-tls')
def _no_tls(conn, server):
    conn.send('220 Plain FTP only.')
    conn.serve({'AUTH': '502 Command not implemented.', 'USER': '530 Not logged in.',
                'PASS': '530 Not logged in.', 'FEAT': '211 No features.'},
               default='530 Please login with USER and PASS.')


@ScriptedServer.register('garbage-banner')
def _garbage_banner(conn, server):
    conn.send_bytes(server.params.get('data', b'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'))
    conn.drain(float(server.params.get('timeout', 60)))


MALICIOUS_LISTING = ('-rw-r--r--    1 1000     1000           32 Jan 01 12:00 hello.txt\r\n'
                     'drwxr-xr-x    2 1000     1000         4096 Jan 01 12:00 sub\r\n')
MALICIOUS_FILE = b'Hello from the malicious-pasv server.\n'


@ScriptedServer.register('malicious-pasv')
def _malicious_pasv(conn, server):
    state = {'data': None, 'type': 'A'}
    pasv_host = server.params.get('pasv_host', '10,9,8,7')

    def pasv(c, arg):
        if state['data']:
            state['data'].close()
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        ls.bind(('127.0.0.1', 0))
        ls.listen(1)
        state['data'] = ls
        p = ls.getsockname()[1]
        c.send('227 Entering Passive Mode (%s,%d,%d).' % (pasv_host, p >> 8, p & 0xff))

    def transfer(payload):
        def run(c, arg):
            ls = state['data']
            if ls is None:
                c.send('425 Use PASV first.')
                return
            state['data'] = None
            c.send('150 Opening data connection.')
            try:
                ls.settimeout(10)
                d, addr = ls.accept()
            except OSError:
                c.send('425 Cannot open data connection.')
                return
            finally:
                ls.close()
            with server._lock:
                server.data_connections.append(addr)
            try:
                d.sendall(payload() if callable(payload) else payload)
            finally:
                d.close()
            c.send('226 Transfer complete.')
        return run

    def retr(c, arg):
        if arg.strip().lstrip('/') != 'hello.txt':
            c.send('550 No such file.')
            return
        transfer(MALICIOUS_FILE)(c, arg)

    conn.send('220 Plain FTP server.')
    conn.serve({
        'USER': '331 Password required.', 'PASS': '230 Logged in.',
        'AUTH': '502 Command not implemented.', 'SYST': '215 UNIX Type: L8',
        'FEAT': '211 No features.', 'PWD': '257 "/" is the current directory.',
        'CWD': '250 OK.', 'TYPE': '200 Type set.', 'MODE': '200 OK.', 'STRU': '200 OK.',
        'NOOP': '200 OK.', 'OPTS': '200 OK.',
        'SIZE': lambda c, a: c.send('213 %d' % len(MALICIOUS_FILE) if 'hello' in a
                                    else '550 No such file.'),
        'EPSV': '500 EPSV not understood.', 'EPRT': '500 EPRT not understood.',
        'PORT': '500 Active mode not supported.',
        'PASV': pasv,
        'LIST': transfer(MALICIOUS_LISTING.encode()),
        'NLST': transfer(b'hello.txt\r\nsub\r\n'),
        'RETR': retr,
    })
    if state['data']:
        state['data'].close()


# --------------------------------------------------------------------------------------------
# Demo

DEMO_README = '''\
Ferry demo server
=================

This is a local vsftpd started by tests/servers/ftpservers.py demo, for trying Ferry out.
It listens on 127.0.0.1 only and speaks explicit FTPS (AUTH TLS); plain FTP logins are
refused. Its certificate is self-signed, so Ferry shows it and asks whether to trust it:
compare the SHA-256 fingerprint with the one the demo printed (also in cert.sha256).

  ftpes://demo@127.0.0.1:<port>  user "demo", password "demo": a folder to read and write
  anonymous login                a read-only folder with this README and a few files

<port> is the one the demo printed: 2121 unless that was taken or --port said otherwise.

Stop the demo with Ctrl+C (or SIGTERM); the folders stay for the next run.
'''

DEMO_FILES = {
    'Documents/notes.txt': b'Some notes.\n',
    'Documents/plan with spaces.txt': b'A name with spaces.\n',
    'Documents/\u00fcbersicht-\u65e5\u672c.txt': 'A UTF-8 name.\n'.encode(),
    'Pictures/pattern.bin': bytes((i * 31) & 0xff for i in range(256 * 1024)),
    'Pictures/small.bin': bytes(range(256)) * 16,
}


def run_demo(dir, port=None):
    """Runs the demo vsftpd until SIGTERM/SIGINT; prints one JSON line when it is ready."""
    dir = os.path.abspath(dir)
    os.makedirs(dir, exist_ok=True)
    os.chmod(dir, os.stat(dir).st_mode | 0o011)   # vsftpd enters it as RUN_USER
    cert = Certs(os.path.join(dir, 'certs')).selfsigned   # reused by later runs: same pin
    uid, gid = _user_ids()
    files, public = os.path.join(dir, 'files'), os.path.join(dir, 'public')
    for folder, owner in ((files, (uid, gid)), (public, (0, 0))):
        if not os.path.isdir(folder):
            os.makedirs(folder)
            tree = dict(DEMO_FILES, **{'README.txt': DEMO_README.encode()})
            populate_tree(folder, *owner, tree=tree)
        os.chown(folder, *owner)
    os.chmod(public, 0o755)
    default_port = port is None
    if port is None:
        port = 2121 if _bindable('127.0.0.1', 2121) else None
    elif not _bindable('127.0.0.1', port):
        raise FixtureError('port %d on 127.0.0.1 is in use' % port)
    stop = threading.Event()
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, lambda *a: stop.set())
    opts = dict(mode='explicit', cert=cert, users={'demo': 'demo'}, anonymous=True,
                root=files, anon_root=public, files=False)
    try:
        srv = Vsftpd(port=port, **opts)
    except ServerStartError:
        if port != 2121 or not default_port:
            raise
        srv = Vsftpd(**opts)   # 2121 was taken meanwhile
    try:
        with open(os.path.join(dir, 'cert.sha256'), 'w') as f:
            f.write(cert.sha256 + '\n')
        print(json.dumps({'url': 'ftpes://demo@127.0.0.1:%d' % srv.port, 'port': srv.port,
                          'sha256': cert.sha256, 'ca_file': cert.ca, 'pid': os.getpid(),
                          'server_pid': srv.pid, 'user': 'demo', 'password': 'demo',
                          'files': files, 'anonymous_files': public}), flush=True)
        while not stop.wait(0.5):
            if srv.proc.poll() is not None:
                print('demo: vsftpd exited (%s)\n%s' % (srv.proc.returncode,
                                                        srv._diagnostics()), file=sys.stderr)
                return 1
        return 0
    finally:
        srv.stop()


# --------------------------------------------------------------------------------------------
# Selftest: every server kind, checked with curl

def _curl(args, timeout=30):
    argv = ['curl', '-sS', '--max-time', '20', '--connect-timeout', '10'] + args
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    return p.returncode, p.stdout, p.stderr.decode(errors='replace')


def _check_ftp(srv, port, scheme, tls_args, user='alice', password='secret', upload='curl',
               expect_names=('hello.txt', 'name with spaces.txt', 'sub'), notes=None):
    """Lists, downloads a known file, uploads a file and downloads it again (byte-identical).
    upload='python' uploads with ftps_client instead of curl: curl loses a share of TLS 1.3
    uploads to vsftpd (426, it closes without reading the ticket; see FTPS-NOTES.md)."""
    base = '%s://127.0.0.1:%d/' % (scheme, port)
    auth = ['-u', '%s:%s' % (user, password)]
    rc, out, err = _curl(tls_args + auth + [base])
    if rc != 0:
        raise AssertionError('listing: curl exit %d: %s' % (rc, err.strip()))
    text = out.decode(errors='replace')
    for n in expect_names:
        if n not in text:
            raise AssertionError('listing lacks %r:\n%s' % (n, text))
    rc, out, err = _curl(tls_args + auth + [base + 'sub/nested.txt'])
    if rc != 0 or out != TREE['sub/nested.txt']:
        raise AssertionError('download sub/nested.txt: exit %d %s %r' % (rc, err, out[:80]))
    if not upload:
        return
    payload = os.urandom(200 * 1024)
    with tempfile.TemporaryDirectory() as td:
        src, dst = os.path.join(td, 'up.bin'), os.path.join(td, 'down.bin')
        _write(src, payload)
        if upload == 'python':
            import io
            mode = {'ftps': 'implicit', 'ftp': 'explicit' if tls_args else 'plain'}[scheme]
            ca = tls_args[tls_args.index('--cacert') + 1] if '--cacert' in tls_args else None
            with ftps_client('127.0.0.1', port, mode, ca, user, password) as c:
                c.storbinary('STOR uploaded.bin', io.BytesIO(payload))
            if notes is not None:
                notes.append('uploaded with ftps_client')
        else:
            rc, _, err = _curl(tls_args + auth + ['-T', src, base + 'uploaded.bin'])
            if rc != 0:
                raise AssertionError('upload: curl exit %d: %s' % (rc, err.strip()))
        with open(os.path.join(srv.root, 'uploaded.bin'), 'rb') as f:
            if f.read() != payload:
                raise AssertionError('the stored upload differs from what was sent')
        rc, _, err = _curl(tls_args + auth + ['-o', dst, base + 'uploaded.bin'])
        with open(dst, 'rb') as f:
            if rc != 0 or f.read() != payload:
                raise AssertionError('download of the upload differs (exit %d %s)' % (rc, err))


def _selftest(verbose=False):
    results = []
    certs = shared_certs()

    def check(name, fn):
        t0 = time.monotonic()
        notes = []
        try:
            fn(notes)
            ok, detail = True, ''
        except Exception as e:
            ok, detail = False, '%s: %s' % (type(e).__name__, e)
        dt = time.monotonic() - t0
        results.append((name, ok))
        extra = ('; ' + '; '.join(notes)) if notes and (verbose or not ok) else ''
        print('%s %-44s %5.2f s%s%s' % ('PASS' if ok else 'FAIL', name, dt,
                                        ('  ' + detail) if detail else '', extra), flush=True)

    def certs_check(notes):
        for info in certs:
            if len(info.sha256) != 64 or info.sha256 != info.sha256.lower():
                raise AssertionError('bad fingerprint %r' % info.sha256)
        want = {'signed': True, 'chain': True, 'selfsigned': True, 'expired': False,
                'notyet': False, 'wronghost': False}
        for info in certs:
            argv = [OPENSSL_BIN, 'verify', '-CAfile', info.ca]
            if info.chain:
                argv += ['-untrusted', info.chain]
            argv += ['-verify_hostname', 'localhost', '-verify_ip', '127.0.0.1', info.leaf]
            p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if (p.returncode == 0) != want[info.name]:
                raise AssertionError('%s: openssl verify %s: %s' % (
                    info.name, 'passed' if p.returncode == 0 else 'failed', p.stdout.decode()))

    def with_server(factory, body):
        def fn(notes):
            t0 = time.monotonic()
            with factory() as srv:
                notes.append('start %.2f s' % (time.monotonic() - t0))
                body(srv, notes)
            if srv.pid and _alive(srv.pid):
                raise AssertionError('server process %d still alive after stop' % srv.pid)
        return fn

    def vs_body(version, implicit=False, plain=False):
        def body(srv, notes):
            if plain:
                _check_ftp(srv, srv.port, 'ftp', [], notes=notes)
                return
            info = probe_tls('127.0.0.1', srv.port, implicit)
            if info['version'] != version:
                raise AssertionError('negotiated %s, wanted %s' % (info['version'], version))
            if info['sha256'] != srv.cert.sha256:
                raise AssertionError('certificate fingerprint differs')
            args = ['--cacert', srv.cert.ca] + ([] if implicit else ['--ssl-reqd'])
            _check_ftp(srv, srv.port, 'ftps' if implicit else 'ftp', args, notes=notes,
                       upload='python' if version == 'TLSv1.3' else 'curl')
            cmds = srv.commands()
            if 'USER alice' not in cmds or 'PASS <password>' not in cmds:
                raise AssertionError('protocol log lacks USER/PASS: %r' % cmds)
            if not implicit:
                if 'AUTH TLS' not in cmds[:cmds.index('USER alice')]:
                    raise AssertionError('protocol log: no AUTH TLS before USER: %r' % cmds)
                # credentials are refused without TLS
                rc, _, err = _curl(['-u', 'alice:secret', 'ftp://127.0.0.1:%d/' % srv.port])
                if rc == 0:
                    raise AssertionError('plain login was accepted')
        return body

    def pf_body(srv, notes):
        for port, implicit in ((srv.port, False), (srv.implicit_port, True)):
            info = probe_tls('127.0.0.1', port, implicit)
            if info['version'] != 'TLSv1.3' or info['sha256'] != srv.cert.sha256:
                raise AssertionError('port %d: %s' % (port, info))
        args = ['--cacert', srv.cert.ca]
        _check_ftp(srv, srv.port, 'ftp', args + ['--ssl-reqd'], notes=notes)
        _check_ftp(srv, srv.implicit_port, 'ftps', args, upload=None, notes=notes)
        rc, _, err = _curl(args + ['--ssl-reqd', '--ftp-ssl-ccc', '-u', 'alice:secret',
                                   'ftp://127.0.0.1:%d/' % srv.port])
        if rc != 0:
            raise AssertionError('CCC listing failed: %s' % err)
        if '"CCC"' not in srv.log_text() and 'CCC' not in srv.log_text():
            raise AssertionError('CCC not in the command log')

    def pureftpd_body(srv, notes):
        info = probe_tls('127.0.0.1', srv.port)
        if info['version'] != 'TLSv1.3':
            raise AssertionError('negotiated %s' % info['version'])
        _check_ftp(srv, srv.port, 'ftp', ['--cacert', srv.cert.ca, '--ssl-reqd'], notes=notes)

    def demo_like(notes):
        with Vsftpd(cert=certs.selfsigned, users={'demo': 'demo'}, anonymous=True) as srv:
            args = ['--ssl-reqd', '--cacert', srv.cert.ca]
            rc, out, err = _curl(args + ['ftp://127.0.0.1:%d/' % srv.port])
            if rc != 0 or b'hello.txt' not in out:
                raise AssertionError('anonymous TLS listing failed: %s' % err)
            rc, _, _ = _curl(['ftp://127.0.0.1:%d/' % srv.port])
            if rc == 0:
                raise AssertionError('anonymous login without TLS was accepted')
            _check_ftp(srv, srv.port, 'ftp', args, 'demo', 'demo', notes=notes,
                       upload='python')

    def demo_cli(notes):
        with tempfile.TemporaryDirectory() as td:
            p = subprocess.Popen([sys.executable, os.path.abspath(__file__), 'demo', '--dir', td],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            try:
                r, _, _ = select.select([p.stdout], [], [], 20)
                line = p.stdout.readline() if r else b''
                if not line:
                    p.kill()
                    raise AssertionError('demo printed nothing: %s'
                                         % p.communicate(timeout=5)[1].decode(errors='replace'))
                info = json.loads(line)
                notes.append('demo on port %d' % info['port'])
                url = 'ftp://127.0.0.1:%d/' % info['port']
                args = ['--ssl-reqd', '--cacert', info['ca_file']]
                rc, out, err = _curl(args + [url])
                if rc != 0 or b'README.txt' not in out:
                    raise AssertionError('anonymous listing: %s' % err)
                rc, out, err = _curl(args + ['-u', 'demo:demo', url + 'README.txt'])
                if rc != 0 or b'Ferry demo server' not in out:
                    raise AssertionError('demo user download: %s' % err)
                rc, _, err = _curl(['-u', 'demo:demo', url])
                if rc == 0:
                    raise AssertionError('plain login accepted')
                if info['sha256'] != probe_tls('127.0.0.1', info['port'])['sha256']:
                    raise AssertionError('printed sha256 differs from the served certificate')
            finally:
                p.send_signal(signal.SIGTERM)
                try:
                    rc = p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    raise AssertionError('demo did not stop on SIGTERM')
            if rc != 0:
                raise AssertionError('demo exited %d' % rc)
            if _alive(info['server_pid']):
                raise AssertionError('demo left vsftpd running')

    def reuse_flag(notes):
        import ftplib
        for factory, refused in ((lambda: Vsftpd(), True),
                                 (lambda: Vsftpd(require_ssl_reuse=False), False),
                                 (lambda: Proftpd(implicit=False), True),
                                 (lambda: Proftpd(implicit=False, require_ssl_reuse=False), False),
                                 (lambda: PureFtpd(), False)):
            with factory() as srv:
                # ftplib's FTP_TLS does not resume the session on data connections
                c = ftplib.FTP_TLS(context=_insecure_context(), timeout=10)
                try:
                    c.connect('127.0.0.1', srv.port)
                    c.login('alice', 'secret')
                    c.prot_p()
                    try:
                        c.nlst()
                        got = False
                    except (ftplib.Error, OSError, EOFError) as e:
                        got = True
                        notes.append('%s: %s' % (srv.kind, str(e).strip()[:60]))
                finally:
                    c.close()
                if got != refused:
                    raise AssertionError('%s require_ssl_reuse=%s: data connection without '
                                         'resumption %s' % (srv.kind,
                                                            getattr(srv, 'require_ssl_reuse', '-'),
                                                            'refused' if got else 'accepted'))

    def scripted(notes):
        with ScriptedServer('slow-banner', delay=0.5) as s:
            t0 = time.monotonic()
            with socket.create_connection(('127.0.0.1', s.port), timeout=5) as c:
                r = _read_reply(c, time.monotonic() + 5)
                dt = time.monotonic() - t0
                if not r.startswith('220') or dt < 0.45:
                    raise AssertionError('slow-banner: %r after %.2f s' % (r, dt))
                c.sendall(b'AUTH TLS\r\n')
                if not _read_reply(c, time.monotonic() + 5).startswith('534'):
                    raise AssertionError('slow-banner: AUTH not 534')
            _wait_for(lambda: s.received_lines() == ['AUTH TLS'], 'slow-banner lines')
        with ScriptedServer('silent') as s:
            with socket.create_connection(('127.0.0.1', s.port), timeout=5) as c:
                c.sendall(b'HELLO\r\n')
                c.settimeout(0.3)
                try:
                    data = c.recv(10)
                    raise AssertionError('silent sent %r' % data)
                except socket.timeout:
                    pass
            _wait_for(lambda: s.received_lines() == ['HELLO'], 'silent lines')
        with ScriptedServer('no-tls') as s:
            rc, _, err = _curl(['--ssl-reqd', '-u', 'a:b', 'ftp://127.0.0.1:%d/' % s.port])
            if rc == 0:
                raise AssertionError('no-tls: curl --ssl-reqd succeeded')
            lines = s.received_lines()
            if not lines or not lines[0].startswith('AUTH') or any(
                    l.startswith('USER') for l in lines):
                raise AssertionError('no-tls: curl sent %r' % lines)
        with ScriptedServer('garbage-banner') as s:
            with socket.create_connection(('127.0.0.1', s.port), timeout=5) as c:
                if not c.recv(100).startswith(b'SSH-2.0'):
                    raise AssertionError('garbage-banner')
        with ScriptedServer('hang-connect') as s:
            c = socket.socket()
            c.settimeout(0.5)
            try:
                c.connect(('127.0.0.1', s.port))
                raise AssertionError('hang-connect: connect completed')
            except socket.timeout:
                pass
            finally:
                c.close()
        with ScriptedServer('malicious-pasv') as s:
            rc, out, err = _curl(['--ftp-pasv', '-u', 'a:b', 'ftp://127.0.0.1:%d/' % s.port])
            if rc != 0 or b'hello.txt' not in out:
                raise AssertionError('malicious-pasv: curl %d %s' % (rc, err))
            if 'PASV' not in s.received_lines() or not s.data_connections:
                raise AssertionError('malicious-pasv: %r' % s.received_lines())

    check('certificates (openssl verify)', certs_check)
    check('vsftpd explicit TLS 1.3', with_server(lambda: Vsftpd(), vs_body('TLSv1.3')))
    check('vsftpd explicit TLS 1.2', with_server(lambda: Vsftpd(tls='1.2'), vs_body('TLSv1.2')))
    check('vsftpd implicit TLS 1.3', with_server(lambda: Vsftpd(mode='implicit'),
                                                 vs_body('TLSv1.3', implicit=True)))
    check('vsftpd explicit chain cert', with_server(lambda: Vsftpd(cert=certs.chain),
                                                    vs_body('TLSv1.3')))
    check('vsftpd plain', with_server(lambda: Vsftpd(mode='plain'), vs_body(None, plain=True)))
    check('vsftpd demo setup (anonymous + demo user)', demo_like)
    check('demo command (JSON line, SIGTERM)', demo_cli)
    check('session reuse required / not required', reuse_flag)
    check('proftpd explicit + implicit, CCC', with_server(lambda: Proftpd(), pf_body))
    check('proftpd TLS 1.2', with_server(lambda: Proftpd(tls='1.2', implicit=False),
                                         lambda srv, n: _assert_eq(
                                             probe_tls('127.0.0.1', srv.port)['version'],
                                             'TLSv1.2')))
    check('pure-ftpd explicit', with_server(lambda: PureFtpd(), pureftpd_body))
    check('scripted servers', scripted)
    failed = [n for n, ok in results if not ok]
    print('%d/%d passed%s' % (len(results) - len(failed), len(results),
                              (': FAILED ' + ', '.join(failed)) if failed else ''))
    return 1 if failed else 0


def _assert_eq(a, b):
    if a != b:
        raise AssertionError('%r != %r' % (a, b))


def _wait_for(cond, what, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError('timed out waiting for ' + what)
        time.sleep(0.01)


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    d = sub.add_parser('demo', help='run a vsftpd for trying Ferry out')
    d.add_argument('--dir', required=True)
    d.add_argument('--port', type=int)
    s = sub.add_parser('selftest', help='start every server kind and check it with curl')
    s.add_argument('-v', '--verbose', action='store_true')
    a = ap.parse_args(argv)
    if os.geteuid() != 0:
        print('ftpservers.py: must run as root (servers switch users, PAM files)',
              file=sys.stderr)
        return SKIP_EXIT_CODE if a.cmd == 'selftest' else 1
    try:
        if a.cmd == 'demo':
            return run_demo(a.dir, a.port)
        return _selftest(a.verbose)
    except NotAvailable as e:
        print('SKIP: %s' % e, file=sys.stderr)
        return SKIP_EXIT_CODE
    except FixtureError as e:
        print('ftpservers.py: %s' % e, file=sys.stderr)
        return 1


if __name__ == '__main__':
    sys.exit(main())
