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

  /* Guarded by events_mutex: events for the signal context, delivered in
   * order in batches (an idle per log line made the worker and the main
   * thread fight over the main context's lock, several times per file). Log
   * lines and security changes wait up to a few milliseconds for company; a
   * prompt and a job's result go at once. */
  GMutex events_mutex;
  GQueue events;
  gboolean events_timer;         /* a timer is on its way */
  gboolean events_idle;          /* an idle is on its way */

  /* Guarded by mutex: read from any thread. */
  GMutex mutex;
  char *password;
  FerrySecurityStatus *status;
  gboolean connected;
  char *working_directory;      /* where the server put us at login */
  FerryFirewall *firewall;      /* what the data connections showed; kept across reconnects */

  /* Worker-only. */
  FerryConn *control;
  FerryReplyParser *parser;
  GString *line;
  char **features;
  char *banner;
  char *detection;
  GBytes *control_certificate_der;
  FerryCertificate *certificate;
  FerryCertificateProblems certificate_problems;
  char **certificate_errors;
  gnutls_datum_t saved_session; /* control session data kept across CCC */
  gboolean epsv_refused;
  gboolean prompted;            /* a prompt was answered during this connect */
  gboolean data_mode_flipped;   /* passive failed, so active is used (or the reverse) */
  char type;                    /* the TYPE in effect: 'A', 'I', or 0 when unknown */
  char awaiting[8];             /* the verb of the command whose answer is still to
                                 * come, "" when none (or when any reply may come) */
  GPtrArray *notes;             /* char*: remarks for the probe report */
};

typedef struct
{
  gboolean protected_;
  gboolean resumed;
  FerryResumeRefusal refusal; /* why it did not resume; NONE when it did */
  char *tls_version;
  char *address;
  gboolean pasv_replaced;
  gboolean clean_close;
  gboolean active;
} FerryDataInfo;

void         ferry_data_info_clear      (FerryDataInfo *info);

/* Jobs run one at a time on the session's worker. */
typedef void (*FerryJobFunc) (FerrySessionShared *shared,
                              GTask              *task,
                              GCancellable       *cancellable);

/* Queues @task (the worker takes this reference) to run @func on the worker. */
void                ferry_session_queue_job       (FerrySession *self,
                                                   FerryJobFunc  func,
                                                   GTask        *task);
FerrySessionShared *ferry_session_get_shared      (FerrySession *self);
gboolean            ferry_shared_ensure_connected (FerrySessionShared *shared,
                                                   GCancellable       *cancellable,
                                                   GError            **error);

/* Logging and notes, from the worker. */
void         ferry_shared_log           (FerrySessionShared *shared,
                                         FerryLogKind        kind,
                                         const char         *format,
                                         ...) G_GNUC_PRINTF (3, 4);
void         ferry_shared_note          (FerrySessionShared *shared,
                                         const char         *format,
                                         ...) G_GNUC_PRINTF (2, 3);
void         ferry_shared_security_changed (FerrySessionShared *shared);
/* A job's result: each job calls one of these once, and hands over the
 * worker's reference to @task with it. The result reaches the caller after
 * the job's log lines. */
void         ferry_shared_return_boolean (FerrySessionShared *shared,
                                          GTask              *task,
                                          gboolean            value);
void         ferry_shared_return_pointer (FerrySessionShared *shared,
                                          GTask              *task,
                                          gpointer            result,
                                          GDestroyNotify      destroy);
void         ferry_shared_return_error   (FerrySessionShared *shared,
                                          GTask              *task,
                                          GError             *error);
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
/* Sends @command after reading (and logging as ignored) the replies that
 * arrived unasked. */
gboolean     ferry_ctl_send             (FerrySessionShared *shared,
                                         const char         *command,
                                         GCancellable       *cancellable,
                                         GError            **error);
/* The same, while replies the caller will read may still be arriving (ABOR
 * during a transfer, and the NOOP after it): nothing is taken for a stray. */
gboolean     ferry_ctl_send_expecting   (FerrySessionShared *shared,
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

/* Drops a control connection that is out of step or gone: the next
 * operation reconnects. */
void         ferry_shared_drop_control  (FerrySessionShared *shared);
/* TYPE I or TYPE A, sent only when it changes. */
gboolean     ferry_ctl_set_type         (FerrySessionShared *shared,
                                         char                type,
                                         GCancellable       *cancellable,
                                         GError            **error);

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
/* After a cancel or a local failure mid-transfer: closes the data connection
 * first, then ABOR, reading its replies under a short deadline of its own;
 * a control connection that does not answer is dropped (reconnected later). */
void         ferry_data_abort           (FerrySessionShared *shared,
                                         FerryConn          *data);
/* The end of an upload that loses nothing on TLS 1.3: close_notify, read
 * until the server closes, then close (FTPS-NOTES.md). Frees @data. */
gboolean     ferry_data_close_upload    (FerrySessionShared *shared,
                                         FerryConn          *data,
                                         GCancellable       *cancellable,
                                         GError            **error);
char       **ferry_op_list_raw          (FerrySessionShared *shared,
                                         const char         *path,
                                         FerryDataInfo      *info,
                                         GCancellable       *cancellable,
                                         GError            **error);

FerryListing *ferry_op_list             (FerrySessionShared *shared,
                                         const char         *path,
                                         FerryListFlags      flags,
                                         GCancellable       *cancellable,
                                         GError            **error);
gboolean     ferry_op_download          (FerrySessionShared *shared,
                                         FerryTransfer      *transfer,
                                         GCancellable       *cancellable,
                                         GError            **error);
gboolean     ferry_op_upload            (FerrySessionShared *shared,
                                         FerryTransfer      *transfer,
                                         GCancellable       *cancellable,
                                         GError            **error);
FerryRemoteFile *ferry_op_stat          (FerrySessionShared *shared,
                                         const char         *path,
                                         GCancellable       *cancellable,
                                         GError            **error);
char        *ferry_op_change_directory  (FerrySessionShared *shared,
                                         const char         *path,
                                         GCancellable       *cancellable,
                                         GError            **error);
gboolean     ferry_op_mkdir             (FerrySessionShared *shared,
                                         const char         *path,
                                         GCancellable       *cancellable,
                                         GError            **error);
gboolean     ferry_op_delete            (FerrySessionShared *shared,
                                         const char         *path,
                                         gboolean            is_folder,
                                         gboolean            recursive,
                                         GCancellable       *cancellable,
                                         GError            **error);
gboolean     ferry_op_rename            (FerrySessionShared *shared,
                                         const char         *from,
                                         const char         *to,
                                         GCancellable       *cancellable,
                                         GError            **error);
gboolean     ferry_op_chmod             (FerrySessionShared *shared,
                                         const char         *path,
                                         guint               mode,
                                         GCancellable       *cancellable,
                                         GError            **error);
/* "CMD path", refusing paths with line breaks (command injection). */
char        *ferry_command_with_path    (const char         *command,
                                         const char         *path,
                                         GError            **error);

G_END_DECLS
