#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""ferry-cli with saved sites, under tests/run-gui.sh (a real gnome-keyring on a private
bus, a throwaway HOME): `sites add` keeps the password in the keyring only, `probe --site`
connects with it, and the known-servers file remembers the detected mode and the pin; a
site's server type is saved, shown by `sites list --json` and overridden by --server-type."""

import json
import os
import subprocess

import ferrytest
from ferrytest import ftpservers, run_cli


class SiteProbe(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.Vsftpd(mode='implicit')

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def add_site(self, name, *args):
        p = subprocess.run([ferrytest.CLI, 'sites', 'add', '--password-stdin', '--name', name]
                           + list(args) + ['ftp://alice@127.0.0.1:%d' % self.srv.port],
                           input=ferrytest.PASSWORD + '\n', text=True, capture_output=True,
                           timeout=ferrytest.RUN_GUARD)
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_probe_a_saved_site(self):
        self.add_site('Implicit box', '--folder', 'Tests')
        r = run_cli('probe', '--json', '--ca-file', self.srv.cert.ca, '--site', 'Implicit box',
                    password=None)
        self.assertFullyProtected(r, 'implicit')
        # The password lives in the keyring only: no file under HOME holds it.
        home = os.environ['HOME']
        for folder, _, files in os.walk(home):
            for name in files:
                path = os.path.join(folder, name)
                try:
                    with open(path, 'rb') as f:
                        self.assertNotIn(ferrytest.PASSWORD.encode(), f.read(), path)
                except OSError:
                    pass
        # The known-servers file remembers the detected mode for the next connect.
        known = os.path.join(os.environ['XDG_CONFIG_HOME'], 'ferry', 'known-servers.ini')
        with open(known) as f:
            text = f.read()
        self.assertIn('implicit', text)
        again = run_cli('probe', '--json', '--ca-file', self.srv.cert.ca, '--site',
                        'Tests/Implicit box', password=None)
        self.assertFullyProtected(again, 'implicit')
        self.assertIn('earlier', again.json['detection'])

    def test_server_type_is_saved_and_overridden(self):
        self.add_site('VMS box', '--server-type', 'vms')
        self.add_site('Plain box')
        r = run_cli('sites', 'list', '--json', password=None)
        self.assertEqual(r.rc, ferrytest.EXIT_OK, r)
        by_name = {s['name']: s for s in r.json['sites']}
        self.assertEqual(by_name['VMS box']['server_type'], 'vms')
        self.assertEqual(by_name['Plain box']['server_type'], 'auto')
        # An unknown name is a usage error that names the valid ones, for sites add ...
        p = subprocess.run([ferrytest.CLI, 'sites', 'add', '--anonymous', '--server-type',
                            'bogus', 'ftp://127.0.0.1:%d' % self.srv.port],
                           stdin=subprocess.DEVNULL, text=True, capture_output=True,
                           timeout=ferrytest.RUN_GUARD)
        self.assertEqual(p.returncode, ferrytest.EXIT_USAGE, p.stderr)
        self.assertIn('“bogus”', p.stderr)
        self.assertIn('auto, unix, dos, vms', p.stderr)
        # ... and for a connection, before it connects; a valid name overrides the site's.
        r = run_cli('ls', '--site', 'VMS box', '--server-type=bogus', '/', password=None)
        self.assertEqual(r.rc, ferrytest.EXIT_USAGE, r)
        self.assertIn('--server-type takes auto, unix,', r.stderr)
        self.assertIn('os9 or tandem, not “bogus”', r.stderr)
        r = run_cli('ls', '--json', '--ca-file', self.srv.cert.ca, '--site', 'VMS box',
                    '--server-type', 'unix', '/', password=None)
        self.assertEqual(r.rc, ferrytest.EXIT_OK, r)
        self.assertIn('hello.txt', [e['name'] for e in json.loads(r.stdout)], r)

    def test_unknown_site(self):
        r = run_cli('probe', '--site', 'No such site', password=None)
        self.assertEqual(r.rc, ferrytest.EXIT_USAGE, r)
        self.assertIn('No such site', r.stderr)


if __name__ == '__main__':
    ferrytest.main()
