#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Ferry's transfer benchmark: ferry-cli against curl and lftp on the same loopback vsftpd
(explicit FTPS, TLS 1.3, session reuse required), in one run. Prints wall time, CPU time
and peak memory of each client and Ferry's ratios. Figures, not assertions: machines here
are noisy; run it twice and compare.

    sudo /usr/bin/python3 tests/bench/bench-ftps.py [--build build] [--files 500] [--mib 200]
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'servers'))
import ftpservers  # noqa: E402

PASSWORD = 'secret'


def peak_rss_mib(pid):
    """VmHWM of the running program (its own peak after exec, unlike ru_maxrss, which also
    counts the parent's memory copied by fork)."""
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def run(argv, env=None, cwd=None):
    """Runs one client; returns (wall s, cpu s, peak RSS MiB, exit code, stderr)."""
    start = time.monotonic()
    err = tempfile.TemporaryFile()
    p = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
    peak = 0.0
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, peak_rss_mib(p.pid))
        time.sleep(0.005)
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    err.seek(0)
    return (wall, usage.ru_utime + usage.ru_stime, peak, p.returncode,
            err.read().decode(errors='replace'))


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def tree_digest(folder):
    h = hashlib.sha256()
    for root, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            path = os.path.join(root, name)
            h.update(os.path.relpath(path, folder).encode())
            with open(path, 'rb') as f:
                h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--build', default=os.path.join(HERE, '..', '..', 'build'))
    ap.add_argument('--files', type=int, default=500, help='small files (4 KiB each)')
    ap.add_argument('--mib', type=int, default=200, help='size of the big file')
    args = ap.parse_args()
    cli = os.path.join(args.build, 'app', 'cli', 'ferry-cli')
    if os.geteuid() != 0:
        sys.exit('The benchmark starts vsftpd: run it as root.')
    for tool in ('curl', 'lftp'):
        if not shutil.which(tool):
            sys.exit('%s is not installed (tools/install-deps.sh test installs it).' % tool)

    results = {}
    with ftpservers.Vsftpd(mode='explicit', tls='1.3', require_ssl_reuse=True,
                           files=False) as srv, tempfile.TemporaryDirectory(dir='/var/tmp') as work:
        small = os.path.join(srv.root, 'small')
        os.makedirs(small)
        for i in range(args.files):
            with open(os.path.join(small, 'f%05d.bin' % i), 'wb') as f:
                f.write(os.urandom(4096))
        big = os.path.join(srv.root, 'big.bin')
        with open(big, 'wb') as f:
            for _ in range(args.mib):
                f.write(os.urandom(1 << 20))
        subprocess.run(['chown', '-R', '%d:%d' % (srv.uid, srv.gid), srv.root], check=True)
        want_small = tree_digest(small)
        ca = srv.cert.ca
        base = 'ftp://alice@127.0.0.1:%d' % srv.port
        env = dict(os.environ, FERRY_PASSWORD=PASSWORD)
        names = sorted(os.listdir(small))

        def fresh(name):
            path = os.path.join(work, name)
            shutil.rmtree(path, ignore_errors=True)
            os.makedirs(path)
            return path

        # -- many small files: one control connection each client, one data connection per file
        out = fresh('ferry-small')
        results[('small', 'ferry')] = run([cli, 'get', '-r', '--parallel', '1', '--ca-file', ca,
                                           base + '/small', os.path.join(out, 'small')], env=env)
        ok_ferry = tree_digest(os.path.join(out, 'small')) == want_small

        out = fresh('curl-small')
        argv = ['curl', '-sS', '--ssl-reqd', '--cacert', ca, '-u', 'alice:' + PASSWORD]
        for n in names:
            argv += ['-o', os.path.join(out, n), '%s/small/%s' % (base.replace('alice@', ''), n)]
        results[('small', 'curl')] = run(argv)
        ok_curl = tree_digest(out) == want_small

        out = fresh('lftp-small')
        lftp_setup = ('set ftp:ssl-force true; set ftp:ssl-protect-data true; '
                      'set ssl:ca-file %s; set net:max-retries 1; open -u alice,%s %s; ' %
                      (ca, PASSWORD, base.replace('alice@', '')))
        results[('small', 'lftp')] = run(['lftp', '-c', lftp_setup + 'mirror small ' + out])
        ok_lftp = tree_digest(out) == want_small

        # -- one big file
        big_sha = sha256_of(big)
        out = fresh('big')
        results[('big', 'ferry')] = run([cli, 'get', '--ca-file', ca, base + '/big.bin',
                                         os.path.join(out, 'ferry.bin')], env=env)
        results[('big', 'curl')] = run(['curl', '-sS', '--ssl-reqd', '--cacert', ca, '-u',
                                        'alice:' + PASSWORD, '-o', os.path.join(out, 'curl.bin'),
                                        base.replace('alice@', '') + '/big.bin'])
        results[('big', 'lftp')] = run(['lftp', '-c', lftp_setup + 'get big.bin -o ' +
                                        os.path.join(out, 'lftp.bin')])
        big_ok = {c: os.path.exists(os.path.join(out, c + '.bin')) and
                  sha256_of(os.path.join(out, c + '.bin')) == big_sha
                  for c in ('ferry', 'curl', 'lftp')}

    print('Ferry benchmark: vsftpd 3.0.3, explicit FTPS, TLS 1.3, session reuse required, '
          'loopback')
    print('%-34s %9s %9s %9s %5s %s' % ('case', 'wall s', 'cpu s', 'rss MiB', 'exit', 'complete'))
    complete = {('small', 'ferry'): ok_ferry, ('small', 'curl'): ok_curl,
                ('small', 'lftp'): ok_lftp}
    for c in ('ferry', 'curl', 'lftp'):
        complete[('big', c)] = big_ok[c]
    for case, label in (('small', '%d x 4 KiB files' % args.files),
                        ('big', '%d MiB file' % args.mib)):
        for client in ('ferry', 'curl', 'lftp'):
            wall, cpu, rss, rc, err = results[(case, client)]
            print('%-34s %9.2f %9.2f %9.1f %5d %s' % ('%s, %s' % (label, client), wall, cpu, rss,
                                                     rc, 'yes' if complete[(case, client)]
                                                     else 'NO'))
            if rc != 0:
                print('    %s' % err.strip().splitlines()[-1] if err.strip() else '')
    for case in ('small', 'big'):
        f = results[(case, 'ferry')][0]
        for other in ('curl', 'lftp'):
            o = results[(case, other)][0]
            print('ratio %-5s wall time ferry/%s: %.2f' % (case, other, f / o if o else float('nan')))


if __name__ == '__main__':
    main()
