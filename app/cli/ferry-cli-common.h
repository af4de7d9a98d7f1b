/* ferry-cli-common.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every ferry-cli command shares: the common options, turning a target
 * into an endpoint, the password, prompts on a terminal, exit codes.
 */
#pragma once

#include <gio/gio.h>

#include "ferry-endpoint.h"
#include "ferry-known-servers.h"
#include "ferry-session.h"

G_BEGIN_DECLS

/* Exit codes (documented in `ferry-cli help` and README.md). */
enum
{
  FERRY_EXIT_OK = 0,
  FERRY_EXIT_FAILED = 1,    /* anything not listed below */
  FERRY_EXIT_USAGE = 2,     /* bad command line */
  FERRY_EXIT_NETWORK = 3,   /* name resolution, connection refused, timeout, connection lost */
  FERRY_EXIT_TLS = 4,       /* TLS failure, no TLS offered, certificate not trusted */
  FERRY_EXIT_LOGIN = 5,     /* user name or password refused */
  FERRY_EXIT_REMOTE = 6,    /* the server refused a command or a data connection */
  FERRY_EXIT_LOCAL = 7,     /* a local file or folder problem */
  FERRY_EXIT_UNREADABLE = 8, /* ls: the listing had lines, but Ferry could read none of them */
  FERRY_EXIT_CANCELLED = 130,
};

typedef struct
{
  gboolean json;
  char *security;
  char *ca_file;
  char **trust_fingerprints;
  char *min_tls;
  char *data_protection;
  gboolean ccc;
  char *site;
  int connect_timeout;
  int reply_timeout;
  char *server_type;
  gboolean verbose;
} FerryCliOptions;

GOptionGroup *ferry_cli_options_group       (FerryCliOptions *options);
void          ferry_cli_options_clear       (FerryCliOptions *options);

int           ferry_cli_exit_code_for_error (const GError *error);
const char   *ferry_cli_error_name          (const GError *error);

/* From a URL or `--site NAME` (+ an optional path in @target). */
gboolean      ferry_cli_make_endpoint       (FerryCliOptions *options,
                                             const char      *target,
                                             FerryEndpoint  **out_endpoint,
                                             char           **out_path,
                                             char           **out_password,
                                             GError         **error);
/* FERRY_PASSWORD, or a prompt on the terminal (no echo); NULL for anonymous. */
gboolean      ferry_cli_get_password        (const FerryEndpoint *endpoint,
                                             char               **out_password,
                                             GError             **error);
void          ferry_cli_wipe_password       (char *password);
FerryKnownServers *ferry_cli_known_servers  (void);

/* Connects the prompt and log signals of a FerrySession or a FerryTransferRunner
 * (they share their signatures) for a terminal. */
void          ferry_cli_attach_session      (GObject         *source,
                                             FerryCliOptions *options);
/* The certificate of the last rejected certificate prompt, if any. */
FerryPrompt  *ferry_cli_get_rejected_prompt (void);

/* Runs the main loop until @done is set; Ctrl-C cancels @cancellable. */
void          ferry_cli_run_until           (gboolean     *done,
                                             GCancellable *cancellable);

void          ferry_cli_print_error         (const GError *error);

G_END_DECLS
