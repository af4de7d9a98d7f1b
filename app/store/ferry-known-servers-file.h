/* ferry-known-servers-file.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ferry-known-servers.h"

G_BEGIN_DECLS

#define FERRY_TYPE_KNOWN_SERVERS_FILE (ferry_known_servers_file_get_type ())

G_DECLARE_FINAL_TYPE (FerryKnownServersFile, ferry_known_servers_file,
                      FERRY, KNOWN_SERVERS_FILE, GObject)

/**
 * FerryKnownServersFile:
 * FerryKnownServers kept in `$XDG_CONFIG_HOME/ferry/known-servers.ini`: per
 * host and port the pinned certificates (with subject, issuer and validity),
 * the detected security mode and whether TLS session resumption works.
 *
 * The window and ferry-cli may run at once: every change re-reads the file
 * under a lock (flock on "known-servers.ini.lock"), applies itself to what is
 * there and writes atomically; reads notice when the file was replaced. Every
 * method may be called from any thread.
 *
 * The interface's methods cannot fail; when the file cannot be written the
 * change still holds for this process, a warning is logged, and
 * ferry_known_servers_file_take_error() tells what happened.
 */
FerryKnownServers *ferry_known_servers_file_new         (const char *path);
/* The file at $XDG_CONFIG_HOME/ferry/known-servers.ini (the folder is created). */
FerryKnownServers *ferry_known_servers_file_new_default (GError    **error);
const char        *ferry_known_servers_file_get_path    (FerryKnownServersFile *self);

/* Reads the file now. FALSE when it could not be read, or could not be parsed
 * and was moved aside as known-servers.ini.broken-DATE (the error says so). */
gboolean           ferry_known_servers_file_load        (FerryKnownServersFile *self,
                                                         GError               **error);
/* Forgets everything about @host:@port (pins, mode, resumption). */
gboolean           ferry_known_servers_file_forget      (FerryKnownServersFile *self,
                                                         const char            *host,
                                                         guint16                port,
                                                         GError               **error);
/* Every known "host:port" (IPv6 in brackets), sorted. */
char             **ferry_known_servers_file_dup_servers (FerryKnownServersFile *self);
/* (transfer full) (nullable): the last problem since the previous call. */
GError            *ferry_known_servers_file_take_error  (FerryKnownServersFile *self);

G_END_DECLS
