#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Ferry's benchmark: ferry-cli against curl and lftp on the suite's loopback servers, in one
run, printing one table. Figures, not assertions: machines here are noisy, so it prints the
median and the minimum of several runs, and ratios between clients of the same run.

    sudo tests/bench/run-bench.sh            (installs, builds, then runs this)
    sudo /usr/bin/python3 tests/bench/bench-ftps.py [--build build] [--runs 5] [--quick]

Servers: vsftpd 3.0.3 (explicit FTPS, TLS 1.3, require_ssl_reuse=YES), ProFTPD 1.3.8 (TLS 1.3,
MLSD) for the listing, and a plain vsftpd for the limit without TLS. Protocol logging is off
on every server (it costs the server a write per command, the same for every client).

Each case runs every client --runs times in rotating order (F C L, C L F, L F C, ...): the
client that runs first after a big write pays for the page cache. Wall time, client CPU time
(user + system, of the client process and its children) and peak RSS (VmHWM) are measured;
every result is checked (checksums of what arrived) and a client that failed is marked.
"""

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'servers'))
import ftpservers  # noqa: E402

PASSWORD = 'secret'
USER = 'alice'


def peak_rss_mib(pid):
    """VmHWM of the running program: its own peak after exec (ru_maxrss of a child also
    counts the memory it inherited from the fork)."""
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


class Result:
    def __init__(self, wall, cpu, rss, rc, err, ok):
        self.wall, self.cpu, self.rss, self.rc, self.err, self.ok = wall, cpu, rss, rc, err, ok


def run(argv, env=None, cwd=None, timeout=900):
    """Runs one client to its end (bounded by @timeout seconds)."""
    start = time.monotonic()
    err = tempfile.TemporaryFile()
    p = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
    peak = 0.0
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > timeout:
            p.kill()
        peak = max(peak, peak_rss_mib(p.pid))
        time.sleep(0.002)
    wall = time.monotonic() - start
    err.seek(0)
    text = err.read().decode(errors='replace').strip()
    return Result(wall, usage.ru_utime + usage.ru_stime, peak,
                  os.waitstatus_to_exitcode(status), text, True)


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def tree_digest(folder):
    if not os.path.isdir(folder):
        return None
    h = hashlib.sha256()
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            h.update(os.path.relpath(path, folder).encode())
            with open(path, 'rb') as f:
                h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()


def write_random(path, mib):
    with open(path, 'wb') as f:
        for _ in range(mib):
            f.write(os.urandom(1 << 20))


class Bench:
    def __init__(self, args, work):
        self.args, self.work = args, work
        self.cli = os.path.join(args.build, 'app', 'cli', 'ferry-cli')
        self.rows = []       # (case, client, [Result])
        self.env = dict(os.environ, FERRY_PASSWORD=PASSWORD,
                        XDG_CONFIG_HOME=os.path.join(work, 'config'),
                        XDG_DATA_HOME=os.path.join(work, 'data'))

    def fresh(self, name):
        path = os.path.join(self.work, name)
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
        return path

    def case(self, name, clients, runs):
        """clients: [(label, prepare() -> argv, check() -> bool)], run in rotating order."""
        results = {label: [] for label, _, _ in clients}
        for r in range(runs):
            k = r % len(clients)
            for label, prepare, check in clients[k:] + clients[:k]:
                argv = prepare()
                res = run(argv, env=self.env)
                res.ok = res.rc == 0 and check()
                results[label].append(res)
                if not res.ok:
                    last = res.err.splitlines()[-1] if res.err else ''
                    print('  %s, %s, run %d: exit %d %s' % (name, label, r + 1, res.rc, last),
                          file=sys.stderr)
        for label, _, _ in clients:
            self.rows.append((name, label, results[label]))
        print('  done: %s' % name, file=sys.stderr, flush=True)
        return results


def median(results, attr):
    return statistics.median(getattr(r, attr) for r in results)


def minimum(results, attr):
    return min(getattr(r, attr) for r in results)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--build', default=os.path.join(HERE, '..', '..', 'build'))
    ap.add_argument('--runs', type=int, default=5, help='runs of each client per case (>= 1)')
    ap.add_argument('--files', type=int, default=2000, help='small files (4 KiB each)')
    ap.add_argument('--mib', type=int, default=1024, help='size of the big file in MiB')
    ap.add_argument('--entries', type=int, default=20000, help='entries of the big folder')
    ap.add_argument('--connects', type=int, default=20, help='runs of the connect case')
    ap.add_argument('--quick', action='store_true',
                    help='a quick look: 2 runs, 500 files, 200 MiB, 5 connects')
    args = ap.parse_args()
    if args.quick:
        args.runs, args.files, args.mib, args.connects = 2, 500, 200, 5
    args.runs = max(1, args.runs)
    if os.geteuid() != 0:
        sys.exit('The benchmark starts FTP servers: run it as root.')
    for tool in ('curl', 'lftp', 'gnutls-cli'):
        if not shutil.which(tool):
            sys.exit('%s is not installed (tools/install-deps.sh test installs it).' % tool)
    cli = os.path.join(args.build, 'app', 'cli', 'ferry-cli')
    if not os.access(cli, os.X_OK):
        sys.exit('%s is missing: build first (meson compile -C build).' % cli)

    with tempfile.TemporaryDirectory(dir='/var/tmp') as work:
        bench = Bench(args, work)
        with ftpservers.Vsftpd(mode='explicit', tls='1.3', require_ssl_reuse=True,
                               protocol_log=False, files=False) as srv:
            tls_cases(bench, srv)
        with ftpservers.Proftpd(tls='1.3', files=False, implicit=False) as pro:
            listing_case(bench, pro, 'ProFTPD, MLSD')
        with ftpservers.Vsftpd(mode='plain', protocol_log=False, files=False) as plain:
            plain_case(bench, plain)
        ciphers = gnutls_ciphers()
    report(bench, args, ciphers)


def lftp_setup(srv, tls=True):
    if tls:
        return ('set ftp:ssl-force true; set ftp:ssl-protect-data true; set ssl:ca-file %s; '
                'set net:max-retries 1; open -u %s,%s ftp://127.0.0.1:%d; ' %
                (srv.cert.ca, USER, PASSWORD, srv.port))
    return ('set ftp:ssl-allow false; set net:max-retries 1; open -u %s,%s ftp://127.0.0.1:%d; '
            % (USER, PASSWORD, srv.port))


def curl_base(srv, tls=True):
    argv = ['curl', '-sS', '-u', '%s:%s' % (USER, PASSWORD)]
    if tls:
        argv += ['--ssl-reqd', '--cacert', srv.cert.ca]
    return argv


def chown(srv, path):
    subprocess.run(['chown', '-R', '%d:%d' % (srv.uid, srv.gid), path], check=True)


def big_cases(bench, srv, label, tls=True):
    args = bench.args
    base = 'ftp://%s@127.0.0.1:%d' % (USER, srv.port)
    url = 'ftp://127.0.0.1:%d' % srv.port
    ferry = [bench.cli] + ([] if tls else ['--security', 'plain'])
    if tls:
        ferry += ['--ca-file', srv.cert.ca]
    big = os.path.join(srv.root, 'big.bin')
    write_random(big, args.mib)
    chown(srv, big)
    want = sha256_of(big)
    out = bench.fresh('big-down')

    def down(name, argv_fn):
        path = os.path.join(out, name)

        def prepare():
            if os.path.exists(path):
                os.unlink(path)
            return argv_fn(path)
        return (name, prepare, lambda: os.path.exists(path) and sha256_of(path) == want)

    bench.case('%d MiB download%s' % (args.mib, label), [
        down('ferry', lambda p: ferry[:1] + ['get'] + ferry[1:] + [base + '/big.bin', p]),
        down('curl', lambda p: curl_base(srv, tls) + ['-o', p, url + '/big.bin']),
        down('lftp', lambda p: ['lftp', '-c', lftp_setup(srv, tls) + 'get big.bin -o ' + p]),
    ], args.runs)
    if not tls:
        return

    def up(name, argv_fn):
        remote = os.path.join(srv.root, 'up-' + name + '.bin')

        def prepare():
            if os.path.exists(remote):
                os.unlink(remote)
            return argv_fn('up-' + name + '.bin')
        return (name, prepare, lambda: os.path.exists(remote) and sha256_of(remote) == want)

    bench.case('%d MiB upload' % args.mib, [
        up('ferry', lambda r: ferry[:1] + ['put'] + ferry[1:] + [big, base + '/' + r]),
        up('curl', lambda r: curl_base(srv) + ['-T', big, url + '/' + r]),
        up('lftp', lambda r: ['lftp', '-c', lftp_setup(srv) + 'put %s -o %s' % (big, r)]),
    ], args.runs)
    for name in os.listdir(srv.root):
        if name.startswith('up-'):
            os.unlink(os.path.join(srv.root, name))


def small_cases(bench, srv):
    args = bench.args
    base = 'ftp://%s@127.0.0.1:%d' % (USER, srv.port)
    url = 'ftp://127.0.0.1:%d' % srv.port
    ferry = [bench.cli]
    small = os.path.join(srv.root, 'small')
    os.makedirs(small)
    for i in range(args.files):
        with open(os.path.join(small, 'f%05d.bin' % i), 'wb') as f:
            f.write(os.urandom(4096))
    chown(srv, small)
    want = tree_digest(small)
    names = sorted(os.listdir(small))
    local = bench.fresh('small-local')
    for n in names:
        shutil.copy(os.path.join(small, n), os.path.join(local, n))

    def down(name, argv_fn):
        path = os.path.join(bench.work, 'down-' + name.replace(' ', ''))

        def prepare():
            shutil.rmtree(path, ignore_errors=True)
            os.makedirs(path)
            return argv_fn(path)
        return (name, prepare, lambda: tree_digest(os.path.join(path, 'small')) == want)

    def curl_get(path):
        os.makedirs(os.path.join(path, 'small'))
        argv = curl_base(srv)
        for n in names:
            argv += ['-o', os.path.join(path, 'small', n), '%s/small/%s' % (url, n)]
        return argv

    bench.case('%d x 4 KiB download' % args.files, [
        down('ferry -P1', lambda p: ferry + ['get', '-r', '--parallel', '1', '--ca-file',
                                             srv.cert.ca, base + '/small', p + '/small']),
        down('ferry -P4', lambda p: ferry + ['get', '-r', '--parallel', '4', '--ca-file',
                                             srv.cert.ca, base + '/small', p + '/small']),
        down('curl', curl_get),
        down('lftp -P1', lambda p: ['lftp', '-c', lftp_setup(srv) +
                                    'mirror -P1 small %s/small' % p]),
        down('lftp -P4', lambda p: ['lftp', '-c', lftp_setup(srv) +
                                    'mirror -P4 small %s/small' % p]),
    ], args.runs)

    def up(name, argv_fn):
        remote = os.path.join(srv.root, 'up-' + name.replace(' ', ''))

        def prepare():
            shutil.rmtree(remote, ignore_errors=True)
            return argv_fn(os.path.basename(remote))
        return (name, prepare, lambda: tree_digest(remote) == want)

    def curl_put(r):
        os.makedirs(os.path.join(srv.root, r))
        chown(srv, os.path.join(srv.root, r))
        return curl_base(srv) + ['-T', '{%s}' % ','.join(os.path.join(local, n) for n in names),
                                 '%s/%s/' % (url, r)]

    bench.case('%d x 4 KiB upload' % args.files, [
        up('ferry -P1', lambda r: ferry + ['put', '-r', '--parallel', '1', '--ca-file',
                                           srv.cert.ca, local, base + '/' + r]),
        up('ferry -P4', lambda r: ferry + ['put', '-r', '--parallel', '4', '--ca-file',
                                           srv.cert.ca, local, base + '/' + r]),
        up('curl', curl_put),
        up('lftp -P1', lambda r: ['lftp', '-c', lftp_setup(srv) +
                                  'mirror -R -P1 %s %s' % (local, r)]),
        up('lftp -P4', lambda r: ['lftp', '-c', lftp_setup(srv) +
                                  'mirror -R -P4 %s %s' % (local, r)]),
    ], args.runs)
    shutil.rmtree(small)
    for name in os.listdir(srv.root):
        if name.startswith('up-'):
            shutil.rmtree(os.path.join(srv.root, name))


def listing_case(bench, srv, label):
    args = bench.args
    folder = os.path.join(srv.root, 'many')
    if not os.path.isdir(folder):
        os.makedirs(folder)
        for i in range(args.entries):
            open(os.path.join(folder, 'entry-%06d.txt' % i), 'w').close()
        chown(srv, folder)
    base = 'ftp://%s@127.0.0.1:%d' % (USER, srv.port)
    url = 'ftp://127.0.0.1:%d' % srv.port
    out = os.path.join(bench.work, 'listing.out')

    def counted(argv, fmt_lines):
        def prepare():
            return ['/bin/sh', '-c', 'exec "$@" > %s' % out, 'sh'] + argv

        def check():
            with open(out, 'rb') as f:
                return fmt_lines(f.read()) >= args.entries
        return prepare, check

    ferry_p, ferry_c = counted([bench.cli, 'ls', '--json', '--ca-file', srv.cert.ca,
                                base + '/many'], lambda b: b.count(b'"entry-'))
    curl_p, curl_c = counted(curl_base(srv) + [url + '/many/'], lambda b: b.count(b'entry-'))
    lftp_p, lftp_c = counted(['lftp', '-c', lftp_setup(srv) + 'ls many'],
                             lambda b: b.count(b'entry-'))
    bench.case('%d-entry listing (%s)' % (args.entries, label), [
        ('ferry', ferry_p, ferry_c), ('curl (raw)', curl_p, curl_c),
        ('lftp', lftp_p, lftp_c)], args.runs)


def connect_case(bench, srv):
    args = bench.args
    base = 'ftp://%s@127.0.0.1:%d' % (USER, srv.port)
    bench.case('connect, login, PWD, quit', [
        ('ferry', lambda: [bench.cli, 'probe', '--data-connections', '0', '--ca-file',
                           srv.cert.ca, base], lambda: True),
        ('curl', lambda: curl_base(srv) + ['-Q', 'PWD', '-I', 'ftp://127.0.0.1:%d/' % srv.port],
         lambda: True),
        ('lftp', lambda: ['lftp', '-c', lftp_setup(srv) + 'quote PWD'], lambda: True),
    ], args.connects)


def tls_cases(bench, srv):
    connect_case(bench, srv)
    small_cases(bench, srv)
    listing_case(bench, srv, 'vsftpd, LIST')
    big_cases(bench, srv, '')


def plain_case(bench, srv):
    big_cases(bench, srv, ', plain FTP', tls=False)


def gnutls_ciphers():
    try:
        p = subprocess.run(['gnutls-cli', '--benchmark-ciphers'], capture_output=True,
                           text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        return ['gnutls-cli --benchmark-ciphers failed: %s' % e]
    keep = ('AES-128-GCM', 'AES-256-GCM', 'CHACHA20-POLY1305')
    return [line.strip() for line in (p.stdout + p.stderr).splitlines()
            if any(line.strip().startswith(k) for k in keep)]


def report(bench, args, ciphers):
    print()
    print('Ferry benchmark: %d runs per client per case (connect: %d), rotating order; '
          'loopback; %s' % (args.runs, args.connects, time.strftime('%Y-%m-%d')))
    print('%-34s %-11s %9s %9s %9s %9s %8s %s' % ('case', 'client', 'wall med', 'wall min',
                                                  'cpu med', 'cpu min', 'rss MiB', 'ok'))
    by_case = {}
    for case, client, results in bench.rows:
        by_case.setdefault(case, {})[client] = results
        print('%-34s %-11s %9.3f %9.3f %9.3f %9.3f %8.1f %s' % (
            case, client, median(results, 'wall'), minimum(results, 'wall'),
            median(results, 'cpu'), minimum(results, 'cpu'), max(r.rss for r in results),
            '%d/%d' % (sum(r.ok for r in results), len(results))))
    print()
    print('Ratios (medians of this run; > 1 means Ferry is faster or uses less):')
    for case, clients in by_case.items():
        ferries = [c for c in clients if c.startswith('ferry')]
        peers = [c for c in clients if not c.startswith('ferry')]
        for f in ferries:
            fw, fc = median(clients[f], 'wall'), median(clients[f], 'cpu')
            parts = []
            for p in peers:
                pw, pc = median(clients[p], 'wall'), median(clients[p], 'cpu')
                parts.append('%s wall %.2fx cpu %.2fx' % (p, pw / fw if fw else 0,
                                                           pc / fc if fc else 0))
            print('  %-34s %-10s %s' % (case, f, '; '.join(parts)))
        if 'ferry -P1' in clients and 'ferry -P4' in clients:
            print('  %-34s scaling: ferry -P4 is %.2fx ferry -P1' % (
                case, median(clients['ferry -P1'], 'wall') / median(clients['ferry -P4'], 'wall')))
    if ciphers:
        print()
        print('gnutls-cli --benchmark-ciphers (the TLS limit of one core):')
        for line in ciphers:
            print('  ' + line)


if __name__ == '__main__':
    main()
