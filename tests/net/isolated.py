#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs one net test with its own throwaway configuration, data and cache folders.

usage: isolated.py SCRIPT [ARGS...]
ferry-cli and the drivers keep known servers, sites and the queue under the XDG
folders: without this, every run wrote into the real ~/.config/ferry of whoever
ran the suite, and one run's records (a pin, a resumption note) met the next's.
A test that sets its own XDG_CONFIG_HOME for a child still can.
"""
import os
import shutil
import subprocess
import sys
import tempfile

home = tempfile.mkdtemp(prefix='ferry-net-home.')
env = dict(os.environ)
for name, sub in (('XDG_CONFIG_HOME', 'config'), ('XDG_DATA_HOME', 'data'),
                  ('XDG_CACHE_HOME', 'cache')):
    env[name] = os.path.join(home, sub)
    os.makedirs(env[name])
try:
    status = subprocess.call([sys.executable] + sys.argv[1:], env=env)
finally:
    shutil.rmtree(home, ignore_errors=True)
sys.exit(status)
