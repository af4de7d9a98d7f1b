/* ferry-session-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the FTP operations (ferry-op-*.c) share with the session: the state
 * that the worker thread owns, and the control-connection helpers.
 */
#pragma once

#include "ferry-conn.h"
#include "ferry-reply.h"
#include "ferry-session.h"

G_BEGIN_DECLS

typedef struct _FerrySessionShared FerrySessionShared;

struct _FerrySessionShared
{
  gint ref_count;

  /* Set at creation, read-only after. */
  FerryEndpoint *endpoint;
  FerryKnownServers *known;
  GMainContext *signal_context;
  GWeakRef session;
  GAsyncQueue *jobs;

  /* Guarded by mutex: read from any thread. */
  GMutex mutex;
  char *password;
  FerrySecurityStatus *status;
  gboolean connected;

  /* Worker-only. */
  FerryConn *control;
  FerryReplyParser *parser;
  GString *line;
  char **features;
  char *banner;
  char *working_directory;
  char *detection;
  GBytes *control_certificate_der;
  FerryCertificate *certificate;
  FerryCertificateProblems certificate_problems;
  char **certificate_errors;
  gnutls_datum_t saved_session; /* control session data kept across CCC */
  gboolean epsv_refused;
  gboolean prompted;            /* a prompt was answered during this connect */
  GPtrArray *notes;             /* char*: remarks for the probe report */
};

typedef struct
{
  gboolean protected_;
  gboolean resumed;
  char *tls_version;
  char *address;
  gboolean pasv_replaced;
  gboolean clean_close;
} FerryDataInfo;

void         ferry_data_info_clear      (FerryDataInfo *info);

/* Logging and notes, from the worker. */
void         ferry_shared_log           (FerrySessionShared *shared,
                                         FerryLogKind        kind,
                                         const char         *format,
                                         ...) G_GNUC_PRINTF (3, 4);
void         ferry_shared_note          (FerrySessionShared *shared,
                                         const char         *format,
                                         ...) G_GNUC_PRINTF (2, 3);
void         ferry_shared_security_changed (FerrySessionShared *shared);
/* Emits the session's "prompt" signal on its main context (taking @prompt)
 * and waits for the answer on the worker. */
FerryPromptAnswer ferry_shared_ask      (FerrySessionShared *shared,
                                         FerryPrompt        *prompt,
                                         GCancellable       *cancellable);
void         ferry_shared_set_connected (FerrySessionShared *shared,
                                         gboolean            connected);
/* Closes the control connection and forgets per-connection state. */
void         ferry_shared_close         (FerrySessionShared *shared);

guint        ferry_shared_reply_timeout (FerrySessionShared *shared);
guint        ferry_shared_connect_timeout (FerrySessionShared *shared);

/* The control connection. */
gboolean     ferry_ctl_send             (FerrySessionShared *shared,
                                         const char         *command,
                                         GCancellable       *cancellable,
                                         GError            **error);
FerryReply  *ferry_ctl_read_reply       (FerrySessionShared *shared,
                                         guint               timeout_ms,
                                         GCancellable       *cancellable,
                                         GError            **error);
FerryReply  *ferry_ctl_command          (FerrySessionShared *shared,
                                         const char         *command,
                                         GCancellable       *cancellable,
                                         GError            **error);
/* Sets @error from a refusing reply: "@doing failed: the server said “550 …”." */
void         ferry_set_error_from_reply (GError           **error,
                                         FerryError         code,
                                         const char        *doing,
                                         const FerryReply  *reply);

/* Operations (one file each). */
gboolean     ferry_op_connect           (FerrySessionShared *shared,
                                         GCancellable       *cancellable,
                                         GError            **error);
FerryConn   *ferry_data_open            (FerrySessionShared *shared,
                                         const char         *command,
                                         FerryDataInfo      *info,
                                         GCancellable       *cancellable,
                                         GError            **error);
/* After the data connection is closed: the final reply (226). */
gboolean     ferry_data_finish          (FerrySessionShared *shared,
                                         FerryDataInfo      *info,
                                         const char         *doing,
                                         GCancellable       *cancellable,
                                         GError            **error);
char       **ferry_op_list_raw          (FerrySessionShared *shared,
                                         const char         *path,
                                         FerryDataInfo      *info,
                                         GCancellable       *cancellable,
                                         GError            **error);

G_END_DECLS
