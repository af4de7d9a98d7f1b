#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The desktop file and the D-Bus service file agree, so links and `gio open` reach Ferry.

usage: check-desktop-files.py APP.desktop APP.service APP_ID
desktop-file-validate checks the syntax (test data-desktop); this checks what it cannot: the
file is named after the application id (DBusActivatable needs that), Exec takes URLs (%U),
the ftp, ftps and ftpes schemes are claimed, DBusActivatable=true, every desktop action is an
action the application has, and the service file activates the same name with
--gapplication-service.
"""
import configparser
import os
import re
import sys

desktop_path, service_path, app_id = sys.argv[1:4]
errors = []
err = errors.append

# The application's actions, from the source (app_actions[] in app/ferry-application.c).
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, '..', 'app', 'ferry-application.c')) as f:
    app_actions = set(re.findall(r'\{ \.name = "([a-z-]+)"', f.read()))

d = configparser.ConfigParser(interpolation=None, strict=True)
d.optionxform = str
d.read(desktop_path)
entry = d['Desktop Entry']
if os.path.basename(desktop_path) != app_id + '.desktop':
    err('the desktop file is %s, expected %s.desktop' % (os.path.basename(desktop_path), app_id))
exec_ = entry.get('Exec', '').split()
if exec_[:1] != ['ferry'] or '%U' not in exec_:
    err('Exec must be "ferry %%U", is %r' % entry.get('Exec'))
mime = [m for m in entry.get('MimeType', '').split(';') if m]
for scheme in ('ftp', 'ftps', 'ftpes'):
    if 'x-scheme-handler/' + scheme not in mime:
        err('MimeType lacks x-scheme-handler/' + scheme)
if entry.get('DBusActivatable') != 'true':
    err('DBusActivatable must be true')
if not [k for k in entry.get('Keywords', '').split(';') if k]:
    err('no Keywords')
for action in [a for a in entry.get('Actions', '').split(';') if a]:
    if action not in app_actions:
        err('desktop action %r is no app action (app.%s): D-Bus activation calls it'
            % (action, action))
    if 'Desktop Action ' + action not in d:
        err('no [Desktop Action %s] group' % action)

s = configparser.ConfigParser(interpolation=None, strict=True)
s.optionxform = str
s.read(service_path)
svc = s['D-BUS Service']
if os.path.basename(service_path) != app_id + '.service':
    err('the service file is %s, expected %s.service' % (os.path.basename(service_path), app_id))
if svc.get('Name') != app_id:
    err('the service activates %r, expected %r' % (svc.get('Name'), app_id))
sexec = svc.get('Exec', '').split()
if len(sexec) != 2 or not os.path.isabs(sexec[0]) or os.path.basename(sexec[0]) != 'ferry' \
        or sexec[1] != '--gapplication-service':
    err('the service Exec must be "/absolute/bin/ferry --gapplication-service", is %r'
        % svc.get('Exec'))

for e in errors:
    print('error:', e)
sys.exit(1 if errors else 0)
