#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A notification server for the GUI tests: owns org.freedesktop.Notifications on the test's
private session bus (tests/run-gui.sh), writes every Notify call as one JSON line to LOG, and
"clicks" a notification when LOG.click appears (it holds the notification's id): it emits
ActionInvoked(id, "default"), as a desktop's notification bubble does. It also stands in for
the file manager (org.freedesktop.FileManager1): ShowItems calls go to LOG as well.

usage: notification_daemon.py LOG      (prints "ready" once it owns the name)

GLib's GApplication sends through org.freedesktop.Notifications when nothing owns
org.gtk.Notifications and it is not sandboxed: the case on a bare Debian 12 session.
"""
import json
import os
import sys

from gi.repository import Gio, GLib

LOG = sys.argv[1]
XML = '''<node><interface name="org.freedesktop.Notifications">
<method name="Notify"><arg type="s" direction="in"/><arg type="u" direction="in"/>
<arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="s" direction="in"/>
<arg type="as" direction="in"/><arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
<arg type="u" direction="out"/></method>
<method name="CloseNotification"><arg type="u" direction="in"/></method>
<method name="GetCapabilities"><arg type="as" direction="out"/></method>
<method name="GetServerInformation"><arg type="s" direction="out"/><arg type="s" direction="out"/>
<arg type="s" direction="out"/><arg type="s" direction="out"/></method>
<signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
<signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
</interface></node>'''
FM_XML = '''<node><interface name="org.freedesktop.FileManager1">
<method name="ShowItems"><arg type="as" direction="in"/><arg type="s" direction="in"/></method>
</interface></node>'''
PATH = '/org/freedesktop/Notifications'
IFACE = 'org.freedesktop.Notifications'

state = {'next': 0, 'conn': None}
loop = GLib.MainLoop()


def method_call(conn, sender, path, iface, method, params, invocation):
    if method == 'ShowItems':
        uris, startup = params.unpack()
        with open(LOG, 'a') as f:
            f.write(json.dumps({'show-items': uris}) + '\n')
        invocation.return_value(None)
    elif method == 'Notify':
        app, replaces, icon, summary, body, actions, hints, timeout = params.unpack()
        nid = replaces or state['next'] + 1
        state['next'] = max(state['next'], nid)
        with open(LOG, 'a') as f:
            f.write(json.dumps({'id': nid, 'app': app, 'replaces': replaces, 'summary': summary,
                                'body': body, 'actions': actions}) + '\n')
        invocation.return_value(GLib.Variant('(u)', (nid,)))
    elif method == 'GetCapabilities':
        invocation.return_value(GLib.Variant('(as)', (['actions', 'body'],)))
    elif method == 'GetServerInformation':
        invocation.return_value(GLib.Variant('(ssss)', ('ferry-test', 'ferry', '1', '1.2')))
    else:
        invocation.return_value(None)


def poll_click():
    click = LOG + '.click'
    if os.path.exists(click) and state['conn'] is not None:
        with open(click) as f:
            nid = int(f.read().strip())
        os.unlink(click)
        state['conn'].emit_signal(None, PATH, IFACE, 'ActionInvoked',
                                  GLib.Variant('(us)', (nid, 'default')))
    return True


def bus_acquired(conn, name):
    info = Gio.DBusNodeInfo.new_for_xml(XML)
    conn.register_object(PATH, info.interfaces[0], method_call, None, None)
    fm = Gio.DBusNodeInfo.new_for_xml(FM_XML)
    conn.register_object('/org/freedesktop/FileManager1', fm.interfaces[0], method_call,
                         None, None)
    state['conn'] = conn


def name_acquired(conn, name):
    if name == IFACE:
        Gio.bus_own_name_on_connection(conn, 'org.freedesktop.FileManager1',
                                       Gio.BusNameOwnerFlags.NONE, name_acquired, name_lost)
    else:
        print('ready', flush=True)


def name_lost(conn, name):
    print('lost the name', name, file=sys.stderr, flush=True)
    loop.quit()


Gio.bus_own_name(Gio.BusType.SESSION, IFACE, Gio.BusNameOwnerFlags.NONE,
                 bus_acquired, name_acquired, name_lost)
GLib.timeout_add(50, poll_click)
# A hang guard: the test stops it long before.
GLib.timeout_add_seconds(600, loop.quit)
loop.run()
