/* ferry-cli-remote.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What ferry-cli's file commands (ls, get, put, mkdir, rm, mv) share: the
 * command line, one browsing session driven synchronously, remote paths, and
 * running transfers through a FerryTransferRunner with a progress line.
 */
#pragma once

#include <gio/gio.h>

#include "ferry-cli-common.h"
#include "ferry-transfer.h"

G_BEGIN_DECLS

typedef struct
{
  const char *command;         /* "ls", "get" … for messages */
  FerryCliOptions options;
  FerryEndpoint *endpoint;
  FerryKnownServers *known;
  char *password;              /* wiped in ferry_cli_remote_clear() */
  char *url_path;              /* the path in the URL, NULL when it had none */
  gboolean url_names_folder;   /* the URL's path ended with '/' */
  FerrySession *session;
  GCancellable *cancellable;   /* Ctrl-C */
} FerryCliRemote;

void          ferry_cli_remote_init        (FerryCliRemote *remote,
                                            const char     *command);
void          ferry_cli_remote_clear       (FerryCliRemote *remote);

/* The options that get and put share. */
typedef struct
{
  gboolean recursive;
  gboolean overwrite;
  gboolean resume;
  gboolean skip_existing;
  gboolean rename;
  gboolean newer;
  gboolean preserve;
  int parallel;
} FerryCliTransferOptions;

/* Parses get's or put's options (@upload) and the common ones, and checks that
 * there are @min_args to @max_args arguments (@usage says what to give);
 * -1 to go on, else the exit code (usage errors are printed). */
int           ferry_cli_transfer_parse     (FerryCliRemote          *remote,
                                            FerryCliTransferOptions *options,
                                            gboolean                 upload,
                                            GOptionContext          *context,
                                            int                      min_args,
                                            int                      max_args,
                                            const char              *usage,
                                            int                     *argc,
                                            char                  ***argv);
FerryTransferFlags ferry_cli_transfer_flags (const FerryCliTransferOptions *options);

/* Parses @argv with @entries and the common options; -1 to go on, else the
 * exit code (usage errors are printed). */
int           ferry_cli_remote_parse       (FerryCliRemote     *remote,
                                            GOptionContext     *context,
                                            const GOptionEntry *entries,
                                            int                *argc,
                                            char             ***argv);
/* The endpoint and password of @target (nothing is sent yet). */
gboolean      ferry_cli_remote_open        (FerryCliRemote *remote,
                                            const char     *target,
                                            GError        **error);
/* Prints @error (with a hint for untrusted certificates); the exit code. */
int           ferry_cli_remote_fail        (FerryCliRemote *remote,
                                            const GError   *error);
/* For --json runs of mkdir, rm and mv: {"ok", "path", "error"}. */
void          ferry_cli_remote_print_result (FerryCliRemote *remote,
                                             const char     *path,
                                             const GError   *error,
                                             int             exit_code);

/* An absolute remote path: @path as given ("/…"), or relative to the login
 * folder when it is NULL, "~" or starts with "~/" (or "/~/"). Connects when
 * the login folder is needed. */
char         *ferry_cli_remote_resolve     (FerryCliRemote *remote,
                                            const char     *path,
                                            GError        **error);
char         *ferry_cli_remote_basename    (const char *path);
char         *ferry_cli_remote_dirname     (const char *path);

/* The browsing session's operations, waited for (Ctrl-C cancels). */
gboolean      ferry_cli_remote_connect     (FerryCliRemote *remote,
                                            GError        **error);
GListModel   *ferry_cli_remote_list        (FerryCliRemote *remote,
                                            const char     *path,
                                            gboolean        hidden,
                                            GError        **error);
FerryRemoteFile *ferry_cli_remote_stat     (FerryCliRemote *remote,
                                            const char     *path,
                                            GError        **error);
gboolean      ferry_cli_remote_mkdir       (FerryCliRemote *remote,
                                            const char     *path,
                                            GError        **error);
gboolean      ferry_cli_remote_delete      (FerryCliRemote *remote,
                                            const char     *path,
                                            gboolean        is_folder,
                                            gboolean        recursive,
                                            GError        **error);
gboolean      ferry_cli_remote_rename      (FerryCliRemote *remote,
                                            const char     *from,
                                            const char     *to,
                                            GError        **error);
/* Closes the browsing session (transfers use sessions of their own). */
void          ferry_cli_remote_close       (FerryCliRemote *remote);

/* Runs @transfer (a file or a folder) through a transfer runner with
 * @parallel sessions: a progress line on a terminal, failures as they
 * happen, a summary line. Returns the exit code: 0 when every file arrived
 * whole, 130 when interrupted, else the code of the first failure. */
int           ferry_cli_remote_run_transfer (FerryCliRemote *remote,
                                             FerryTransfer  *transfer,
                                             guint           parallel);

G_END_DECLS
