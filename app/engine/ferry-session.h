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
#include "ferry-security-status.h"

G_BEGIN_DECLS

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

/* QUIT and close. */
void                 ferry_session_disconnect_async    (FerrySession        *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean             ferry_session_disconnect_finish   (FerrySession  *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

G_END_DECLS
