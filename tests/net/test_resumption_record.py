#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What ferry-cli keeps in known-servers.ini about TLS session resumption (issue 10): the
first resumed data connection records "resumption=works"; later data connections to the same
server leave the file as it is; a record removed by hand is written again. The data connection
now asks the store before it records (the store's own no-change check copied and reparsed the
whole file under its mutex on every data connection); this checks that the record still
appears and stays right. vsftpd, explicit FTPS, TLS 1.3, require_ssl_reuse=YES."""

import configparser
import os
import shutil
import tempfile

import ferrytest
from ferrytest import ftpservers, run_cli, url_for, EXIT_OK


class ResumptionRecord(ferrytest.NetTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ftpservers.Vsftpd(mode='explicit', tls='1.3', require_ssl_reuse=True)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='ferry-resumption-record-')
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.config = os.path.join(self.tmp, 'config')
        self.known = os.path.join(self.config, 'ferry', 'known-servers.ini')

    def cli(self, *args):
        r = run_cli(args[0], '--ca-file', self.srv.cert.ca, *args[1:],
                    env={'XDG_CONFIG_HOME': self.config})
        self.assertEqual(r.rc, EXIT_OK, r)
        return r

    def stamp(self):
        st = os.stat(self.known)
        with open(self.known, 'rb') as f:
            return (st.st_ino, st.st_mtime_ns, f.read())

    def test_recorded_once_then_left_alone(self):
        self.assertFalse(os.path.exists(self.known))
        self.cli('ls', url_for(self.srv) + '/')
        keys = configparser.ConfigParser(interpolation=None)
        keys.read(self.known)
        group = '%s %d' % (self.srv.host, self.srv.port)
        self.assertIn(group, keys.sections(), self.stamp()[2])
        self.assertEqual(keys[group].get('resumption'), 'works', self.stamp()[2])
        before = self.stamp()

        # Many more resumed data connections: a listing and a recursive download of
        # several files on two sessions.
        out = os.path.join(self.tmp, 'out')
        os.mkdir(out)
        self.cli('ls', url_for(self.srv) + '/sub')
        self.cli('get', '-r', '--parallel', '2', url_for(self.srv) + '/sub', out)
        self.assertTrue(os.path.isfile(os.path.join(out, 'sub', 'nested.txt')), os.listdir(out))
        self.assertEqual(self.stamp(), before,
                         'known-servers.ini was rewritten although nothing it holds changed')

    def test_forgotten_record_is_written_again(self):
        self.cli('ls', url_for(self.srv) + '/')
        keys = configparser.ConfigParser(interpolation=None)
        keys.read(self.known)
        group = '%s %d' % (self.srv.host, self.srv.port)
        keys.remove_option(group, 'resumption')
        with open(self.known, 'w') as f:
            keys.write(f, space_around_delimiters=False)
        self.cli('ls', url_for(self.srv) + '/')
        again = configparser.ConfigParser(interpolation=None)
        again.read(self.known)
        self.assertEqual(again[group].get('resumption'), 'works', self.stamp()[2])


if __name__ == '__main__':
    ferrytest.main()
