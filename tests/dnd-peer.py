#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Another X client for Ferry's drag-and-drop tests (GTK 4): a drag source and a drop target.

usage: dnd-peer.py URI...

The window (titled "dnd-peer", 300x300) has a "DRAG ME" area at the top that drags the URIs
as text/uri-list, what a file manager offers, and a "DROP HERE" area at the bottom that takes a
GdkFileList and prints each file dropped ("PEER drop FILE-URI", then "PEER drop-done N").
It prints "PEER ready" once shown; the test places it with `xdotool windowmove` (no window
manager is needed for that).
"""
import sys

import gi
gi.require_version('Gtk', '4.0')
gi.require_version('Gdk', '4.0')
from gi.repository import Gdk, GLib, Gtk  # noqa: E402

URIS = sys.argv[1:]


def say(*args):
    print('PEER', *args, flush=True)


def prepare(source, x, y):
    data = ''.join(u + '\r\n' for u in URIS).encode()
    return Gdk.ContentProvider.new_for_bytes('text/uri-list', GLib.Bytes.new(data))


def dropped(target, value, x, y):
    files = value.get_files()
    for f in files:
        say('drop', f.get_uri())
    say('drop-done', len(files))
    return True


def accept(target, drop):
    say('offered', drop.get_formats().to_string())
    return True


def area(text, colour):
    label = Gtk.Label(label=text)
    label.set_size_request(300, 150)
    label.add_css_class(colour)
    return label


def activate(app):
    win = Gtk.ApplicationWindow(application=app, title='dnd-peer')
    win.set_default_size(300, 300)
    box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
    source_area = area('DRAG ME', 'drag')
    drop_area = area('DROP HERE', 'drop')
    if URIS:
        source = Gtk.DragSource(actions=Gdk.DragAction.COPY)
        source.connect('prepare', prepare)
        source.connect('drag-end', lambda *a: say('drag-end'))
        source_area.add_controller(source)
    target = Gtk.DropTarget.new(Gdk.FileList, Gdk.DragAction.COPY)
    target.connect('accept', accept)
    target.connect('drop', dropped)
    drop_area.add_controller(target)
    box.append(source_area)
    box.append(drop_area)
    win.set_child(box)
    css = Gtk.CssProvider()
    css.load_from_data(b'.drag { background: #c8e0ff; } .drop { background: #ffe0c8; }')
    Gtk.StyleContext.add_provider_for_display(Gdk.Display.get_default(), css, 600)
    win.connect('map', lambda w: GLib.timeout_add(200, lambda: say('ready') and False))
    win.present()


app = Gtk.Application(application_id='io.github.ferryapp.FerryDndPeer')
app.connect('activate', activate)
app.run([sys.argv[0]])
