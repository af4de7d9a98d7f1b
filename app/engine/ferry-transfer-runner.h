/* ferry-transfer-runner.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Works through a list of transfers with up to N sessions of one endpoint,
 * next to (never instead of) the browsing session. Folder transfers are
 * expanded into file transfers (their children); transient failures are
 * retried with back-off, resuming. Everything happens on the main context
 * the runner was made on: add transfers made on that context.
 */
#pragma once

#include <gio/gio.h>

#include "ferry-endpoint.h"
#include "ferry-exists-policy.h"
#include "ferry-known-servers.h"
#include "ferry-transfer.h"

G_BEGIN_DECLS

#define FERRY_TRANSFER_RUNNER_MIN_SESSIONS 1
#define FERRY_TRANSFER_RUNNER_MAX_SESSIONS 10

/* Remote folders nested deeper than this are not expanded. */
#define FERRY_TRANSFER_RUNNER_MAX_DEPTH 64

/* Transient failures are retried this often, after 1 s, 2 s and 4 s. */
#define FERRY_TRANSFER_RUNNER_MAX_RETRIES 3

#define FERRY_TYPE_TRANSFER_RUNNER (ferry_transfer_runner_get_type ())

G_DECLARE_FINAL_TYPE (FerryTransferRunner, ferry_transfer_runner, FERRY, TRANSFER_RUNNER, GObject)

/* @known: (nullable): as for ferry_session_new(). @password: (nullable): kept
 * in memory (wiped on finalize) for the sessions. @max_sessions: 1–10. */
FerryTransferRunner *ferry_transfer_runner_new              (const FerryEndpoint *endpoint,
                                                             FerryKnownServers   *known,
                                                             const char          *password,
                                                             guint                max_sessions);
guint                ferry_transfer_runner_get_max_sessions (FerryTransferRunner *self);
/* Clamped to 1–10. Fewer: idle sessions close now, busy ones when done. */
void                 ferry_transfer_runner_set_max_sessions (FerryTransferRunner *self,
                                                             guint                max_sessions);

/* Every transfer, in the order it became known: those added and the ones
 * folders expanded into (ferry_transfer_get_parent() is their folder). A
 * refused remote name or a folder that could not be listed shows up as a
 * failed child that says why. */
GListModel          *ferry_transfer_runner_get_transfers    (FerryTransferRunner *self);

/* Queues @transfer (not yet added to any runner). A folder download lists
 * the remote folder recursively (hidden files included) into the local
 * folder, creating it; a folder upload walks the local folder and creates the
 * remote folders ("exists" is fine). The children inherit the flags. */
void                 ferry_transfer_runner_add              (FerryTransferRunner *self,
                                                             FerryTransfer       *transfer);
/* Like ferry_transfer_runner_add(), but @transfer waits PAUSED from the
 * start: no session connects for it and nothing is listed or sent until
 * ferry_transfer_runner_resume() (for a queue saved before a restart). A
 * folder upload still walks the local folder (no connection); its files
 * wait paused. */
void                 ferry_transfer_runner_add_paused       (FerryTransferRunner *self,
                                                             FerryTransfer       *transfer);
/* Cancels @transfer (a folder: with all its children). A cancelled download
 * keeps its .part. */
void                 ferry_transfer_runner_cancel           (FerryTransferRunner *self,
                                                             FerryTransfer       *transfer);
void                 ferry_transfer_runner_cancel_all       (FerryTransferRunner *self);

/* Pauses @transfer (queued, waiting to be retried or running; a folder: all
 * its children, and the children its listing still finds). A running one
 * stops its data connection now: its state becomes FERRY_TRANSFER_PAUSED,
 * not CANCELLED, and a download keeps its .part. A paused transfer is
 * skipped until resumed. Finished transfers are left alone. */
void                 ferry_transfer_runner_pause            (FerryTransferRunner *self,
                                                             FerryTransfer       *transfer);
/* Queues a paused @transfer (a folder: its paused children) again with
 * FERRY_TRANSFER_FLAGS_RESUME, so that it continues where it stopped (REST
 * for a download's .part; REST+STOR, or APPE with FLAGS_APPEND, for an
 * upload). Anything else is left alone. */
void                 ferry_transfer_runner_resume           (FerryTransferRunner *self,
                                                             FerryTransfer       *transfer);
/* Puts a failed or cancelled @transfer back in the queue, resuming (a
 * folder: its failed and cancelled children, and the listings its cancel
 * stopped). A download's folder whose listing failed is listed again (its
 * failed row leaves the list model; what the listing finds joins it). An
 * upload's folder that could not be created is not retried on its own:
 * upload that folder again. Anything else is left alone. */
void                 ferry_transfer_runner_retry            (FerryTransferRunner *self,
                                                             FerryTransfer       *transfer);

typedef enum
{
  FERRY_TRANSFER_MOVE_UP,   /* before the waiting transfer above it */
  FERRY_TRANSFER_MOVE_DOWN, /* after the waiting transfer below it */
  FERRY_TRANSFER_MOVE_TOP,  /* before every waiting transfer */
} FerryTransferMove;

/* Changes when a waiting (queued or paused) @transfer starts, among the
 * waiting transfers next to it: top-level ones among top-level ones, a
 * folder's children among their siblings (a folder's children start in the
 * folder's place). The list model's order changes the same way, in one
 * items-changed. Running and finished transfers do not move. */
void                 ferry_transfer_runner_move             (FerryTransferRunner *self,
                                                             FerryTransfer       *transfer,
                                                             FerryTransferMove    where);
/* ferry_transfer_runner_pause()/resume() for every top-level transfer. */
void                 ferry_transfer_runner_pause_all        (FerryTransferRunner *self);
void                 ferry_transfer_runner_resume_all       (FerryTransferRunner *self);
/* Drops the top-level transfers that are done or cancelled, with their
 * children, from the list model (failed ones stay: they may be retried). */
void                 ferry_transfer_runner_clear_finished   (FerryTransferRunner *self);

/* TRUE while anything is queued, running, waiting to be retried or expanded
 * (paused transfers do not count: with only those left, "finished" is
 * emitted). */
gboolean             ferry_transfer_runner_get_busy         (FerryTransferRunner *self);

/* A transfer whose target exists waits for this (see the "file-exists"
 * signal): @action is not FERRY_EXISTS_ASK; @apply_to_rest_of_batch gives
 * the same answer to the other conflicts of the same add() (a folder and
 * everything in it), now and later. Does nothing for a transfer that does
 * not wait (any more). */
void                 ferry_transfer_runner_answer_exists    (FerryTransferRunner *self,
                                                             FerryTransfer       *transfer,
                                                             FerryExistsAction    action,
                                                             gboolean             apply_to_rest_of_batch);
/* TRUE while @transfer waits for ferry_transfer_runner_answer_exists(). */
gboolean             ferry_transfer_runner_get_asking       (FerryTransferRunner *self,
                                                             FerryTransfer       *transfer);

G_END_DECLS
