/* ferry-session.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One FTP control connection with its own worker thread. Commands are queued
 * and run one at a time on the worker; results arrive on the main context
 * that called _async, signals on the thread-default main context of the
 * thread that created the session.
 */
#pragma once

#include <gio/gio.h>

#include "ferry-endpoint.h"
#include "ferry-known-servers.h"
#include "ferry-probe-report.h"
#include "ferry-prompt.h"
#include "ferry-listing.h"
#include "ferry-remote-file.h"
#include "ferry-security-status.h"
#include "ferry-transfer.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_LIST_FLAGS_NONE        = 0,
  FERRY_LIST_FLAGS_SHOW_HIDDEN = 1 << 0, /* LIST -a where the server accepts it; MLSD lists all */
} FerryListFlags;

typedef enum
{
  FERRY_LOG_STATUS,  /* what Ferry does, in words */
  FERRY_LOG_COMMAND, /* a command sent (PASS masked) */
  FERRY_LOG_REPLY,   /* a reply received */
  FERRY_LOG_WARNING,
  FERRY_LOG_ERROR,
} FerryLogKind;

#define FERRY_TYPE_SESSION (ferry_session_get_type ())

G_DECLARE_FINAL_TYPE (FerrySession, ferry_session, FERRY, SESSION, GObject)

/* @known_servers: (nullable): where pins and detected modes live; an
 * in-memory one is used when NULL. */
FerrySession        *ferry_session_new                 (const FerryEndpoint *endpoint,
                                                        FerryKnownServers   *known_servers);
const FerryEndpoint *ferry_session_get_endpoint        (FerrySession *self);
/* Waits, at most @timeout_ms, until the worker of every session that was
 * let go has said QUIT, closed its TLS sessions and ended: for a process
 * about to leave main(), where a worker still closing TLS would race the
 * libraries' exit handlers. FALSE when some were still running. */
gboolean             ferry_session_wait_for_workers    (guint timeout_ms);
/* Long enough for QUIT (1 s) and the TLS close_notify of each connection. */
#define FERRY_SESSION_EXIT_WAIT_MS 5000
/* Kept in memory (wiped on finalize) for reconnects; NULL for anonymous. */
void                 ferry_session_set_password        (FerrySession *self,
                                                        const char   *password);
FerrySecurityStatus *ferry_session_dup_security_status (FerrySession *self);
gboolean             ferry_session_is_connected        (FerrySession *self);

void                 ferry_session_connect_async       (FerrySession        *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean             ferry_session_connect_finish      (FerrySession  *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

/* LIST over a protected data connection: the raw lines (issue 3 parses them). */
void                 ferry_session_list_raw_async      (FerrySession        *self,
                                                        const char          *path,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
char               **ferry_session_list_raw_finish     (FerrySession  *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

/* Connects (unless connected), logs in and opens @data_connections protected
 * data connections (directory listings). The report says how far it got:
 * report->error is where it stopped. _finish fails only when cancelled. */
void                 ferry_session_probe_async         (FerrySession        *self,
                                                        guint                data_connections,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
FerryProbeReport    *ferry_session_probe_finish        (FerrySession  *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

/* The folder the server put us in at login (NULL before connecting). */
char                *ferry_session_dup_home_directory  (FerrySession *self);

/* A parsed listing (MLSD when offered, else LIST) of the absolute @path. */
void                 ferry_session_list_async          (FerrySession        *self,
                                                        const char          *path,
                                                        FerryListFlags       flags,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
FerryListing        *ferry_session_list_finish         (FerrySession  *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

/* One file, either way, as the transfer says (a folder transfer is the
 * runner's job). Progress and state go to @transfer. Downloads go to
 * NAME.part and are renamed when whole; a cancel keeps the .part. */
void                 ferry_session_transfer_async      (FerrySession        *self,
                                                        FerryTransfer       *transfer,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean             ferry_session_transfer_finish     (FerrySession  *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

/* SIZE and MDTM, or CWD for a folder: kind, size and time of @path. */
void                 ferry_session_stat_async          (FerrySession        *self,
                                                        const char          *path,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
FerryRemoteFile     *ferry_session_stat_finish         (FerrySession  *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

/* CWD @path (CDUP when @path is ".."), then PWD: the new working folder.
 * Other operations take absolute paths and do not depend on it. */
void                 ferry_session_change_directory_async  (FerrySession        *self,
                                                            const char          *path,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
char                *ferry_session_change_directory_finish (FerrySession  *self,
                                                            GAsyncResult  *result,
                                                            GError       **error);

/* File operations on absolute paths. */
void                 ferry_session_mkdir_async         (FerrySession        *self,
                                                        const char          *path,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
/* A file (DELE), an empty folder (RMD) or, with @recursive, a folder and all in it. */
void                 ferry_session_delete_async        (FerrySession        *self,
                                                        const char          *path,
                                                        gboolean             is_folder,
                                                        gboolean             recursive,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
void                 ferry_session_rename_async        (FerrySession        *self,
                                                        const char          *from,
                                                        const char          *to,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
/* SITE CHMOD with the octal @mode (e.g. 0644). */
void                 ferry_session_chmod_async         (FerrySession        *self,
                                                        const char          *path,
                                                        guint                mode,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
/* The _finish of mkdir, delete, rename and chmod. */
gboolean             ferry_session_operation_finish    (FerrySession  *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

/* QUIT and close. */
void                 ferry_session_disconnect_async    (FerrySession        *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean             ferry_session_disconnect_finish   (FerrySession  *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

G_END_DECLS
