#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What `appstreamcli validate` cannot know about the metainfo: that it matches the project.

usage: check-metainfo.py METAINFO.xml APP.desktop SOURCE_DIR VERSION
- every <screenshot> image is a file committed under data/screenshots/ (its URL names it),
  a PNG of the width and height the metainfo states (tools/update-screenshots.sh makes them);
  one screenshot is the default, each has a caption;
- the launchable is the desktop file; <provides> names the binaries meson builds, the D-Bus
  name and exactly the desktop file's MimeType list;
- the newest release is the meson project version, releases newest first with dates;
- an OARS content rating, and homepage, bugtracker and vcs-browser URLs.
"""
import configparser
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

metainfo, desktop, src, version = sys.argv[1:5]
errors = []
err = errors.append
root = ET.parse(metainfo).getroot()
app_id = root.findtext('id')

shots = root.findall('screenshots/screenshot')
if len(shots) < 2:
    err('fewer than two screenshots')
if [s.get('type') for s in shots].count('default') != 1:
    err('not exactly one default screenshot')
for shot in shots:
    if not (shot.findtext('caption') or '').strip():
        err('a screenshot without a caption')
    for image in shot.findall('image'):
        url = (image.text or '').strip()
        m = re.fullmatch(r'https://raw\.githubusercontent\.com/ferryapp/ferry/main/'
                         r'(data/screenshots/[a-z0-9-]+\.png)', url)
        if not m:
            err('screenshot %r is not a committed data/screenshots/*.png' % url)
            continue
        path = os.path.join(src, m.group(1))
        if not os.path.isfile(path):
            err('%s is referenced but missing (tools/update-screenshots.sh)' % m.group(1))
            continue
        with open(path, 'rb') as f:
            head = f.read(24)
        if head[:8] != b'\x89PNG\r\n\x1a\n':
            err('%s is not a PNG' % m.group(1))
            continue
        w, h = struct.unpack('>II', head[16:24])
        if (str(w), str(h)) != (image.get('width'), image.get('height')):
            err('%s is %dx%d, the metainfo says %sx%s'
                % (m.group(1), w, h, image.get('width'), image.get('height')))

launchable = root.find('launchable')
if launchable is None or launchable.text != os.path.basename(desktop):
    err('the launchable is not %s' % os.path.basename(desktop))
d = configparser.ConfigParser(interpolation=None)
d.optionxform = str
d.read(desktop)
mime = {m for m in d['Desktop Entry'].get('MimeType', '').split(';') if m}
provided = {e.text for e in root.findall('provides/mediatype')}
if provided != mime:
    err('<provides> media types %r differ from the desktop file\'s %r'
        % (sorted(provided), sorted(mime)))
if {e.text for e in root.findall('provides/binary')} != {'ferry', 'ferry-cli'}:
    err('<provides> must name the binaries ferry and ferry-cli')
if app_id not in {e.text for e in root.findall('provides/dbus')}:
    err('<provides> lacks the D-Bus name %s' % app_id)

releases = root.findall('releases/release')
if not releases:
    err('no releases')
else:
    if releases[0].get('version') != version:
        err('the newest release is %s, the project is %s' % (releases[0].get('version'), version))
    dates = [r.get('date') for r in releases]
    if None in dates or dates != sorted(dates, reverse=True):
        err('releases need dates, newest first: %r' % dates)
rating = root.find('content_rating')
if rating is None or rating.get('type') != 'oars-1.1':
    err('no OARS 1.1 content rating')
urls = {u.get('type') for u in root.findall('url')}
for need in ('homepage', 'bugtracker', 'vcs-browser'):
    if need not in urls:
        err('no %s URL' % need)

for e in errors:
    print('error:', e)
sys.exit(1 if errors else 0)
