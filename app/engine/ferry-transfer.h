/* ferry-transfer.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One transfer (a file or a folder, either way) with its state and progress.
 * The worker that runs it updates the counters under a lock; at most a few
 * notifications a second reach the main context the transfer was made on.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  FERRY_TRANSFER_DOWNLOAD,
  FERRY_TRANSFER_UPLOAD,
} FerryTransferDirection;

typedef enum
{
  FERRY_TRANSFER_QUEUED,
  FERRY_TRANSFER_ACTIVE,
  FERRY_TRANSFER_DONE,
  FERRY_TRANSFER_FAILED,
  FERRY_TRANSFER_CANCELLED,
  FERRY_TRANSFER_PAUSED,    /* stopped by the person, to be resumed; a download keeps its .part */
} FerryTransferState;

typedef enum
{
  FERRY_TRANSFER_FLAGS_NONE           = 0,
  FERRY_TRANSFER_FLAGS_OVERWRITE      = 1 << 0, /* replace an existing target */
  FERRY_TRANSFER_FLAGS_RESUME         = 1 << 1, /* continue a .part (download) or a shorter remote file (upload) */
  FERRY_TRANSFER_FLAGS_PRESERVE_MTIME = 1 << 2, /* copy the modification time */
  FERRY_TRANSFER_FLAGS_APPEND         = 1 << 3, /* upload: resume with APPE instead of REST+STOR */
  FERRY_TRANSFER_FLAGS_SKIP_EXISTING  = 1 << 4, /* leave an existing target alone (ferry-exists-policy.h) */
  FERRY_TRANSFER_FLAGS_RENAME         = 1 << 5, /* write "NAME (1).EXT" next to an existing target */
  FERRY_TRANSFER_FLAGS_NEWER          = 1 << 6, /* replace an existing target only when the source is newer */
} FerryTransferFlags;

#define FERRY_TYPE_TRANSFER (ferry_transfer_get_type ())

G_DECLARE_FINAL_TYPE (FerryTransfer, ferry_transfer, FERRY, TRANSFER, GObject)

/* @remote_path: absolute, in the server's encoding (bytes as listed). */
FerryTransfer         *ferry_transfer_new               (FerryTransferDirection direction,
                                                         const char            *remote_path,
                                                         GFile                 *local_file,
                                                         gboolean               is_folder,
                                                         FerryTransferFlags     flags);
FerryTransferDirection ferry_transfer_get_direction     (FerryTransfer *self);
const char            *ferry_transfer_get_remote_path   (FerryTransfer *self);
GFile                 *ferry_transfer_get_local_file    (FerryTransfer *self);
gboolean               ferry_transfer_get_is_folder     (FerryTransfer *self);
FerryTransferFlags     ferry_transfer_get_flags         (FerryTransfer *self);
void                   ferry_transfer_set_flags         (FerryTransfer     *self,
                                                         FerryTransferFlags flags);
/* A managed transfer gets its final state from whoever manages it (a runner,
 * which may retry a failed attempt); a session running it sets only ACTIVE. */
void                   ferry_transfer_set_managed       (FerryTransfer *self,
                                                         gboolean       managed);
gboolean               ferry_transfer_get_managed       (FerryTransfer *self);
/* The size a listing gave for the remote file (-1: unknown). A download that
 * knows it skips the SIZE round trip, and asks SIZE only when the bytes that
 * arrived do not match (the file changed since it was listed). Set before the
 * transfer starts. */
void                   ferry_transfer_set_listed_size   (FerryTransfer *self,
                                                         gint64         size);
gint64                 ferry_transfer_get_listed_size   (FerryTransfer *self);
/* The folder transfer this one came from, when a runner expanded a folder. */
FerryTransfer         *ferry_transfer_get_parent        (FerryTransfer *self);
void                   ferry_transfer_set_parent        (FerryTransfer *self,
                                                         FerryTransfer *parent);

/* Read on the main context (snapshots, thread-safe). */
FerryTransferState     ferry_transfer_get_state         (FerryTransfer *self);
char                  *ferry_transfer_dup_error_message (FerryTransfer *self);
/* The error that failed the transfer (FERRY_ERROR codes), or NULL. */
GError                *ferry_transfer_dup_error         (FerryTransfer *self);
gint64                 ferry_transfer_get_bytes_done    (FerryTransfer *self);
gint64                 ferry_transfer_get_total         (FerryTransfer *self); /* -1: unknown */
double                 ferry_transfer_get_rate          (FerryTransfer *self); /* bytes/s */
guint                  ferry_transfer_get_attempts      (FerryTransfer *self);

/* Called by whoever runs the transfer, from any thread. Progress is
 * coalesced; state changes always arrive, in order. */
void                   ferry_transfer_begin             (FerryTransfer *self,
                                                         gint64         offset,
                                                         gint64         total);
void                   ferry_transfer_add_bytes         (FerryTransfer *self,
                                                         gsize          bytes);
void                   ferry_transfer_set_state         (FerryTransfer     *self,
                                                         FerryTransferState state,
                                                         const char        *error_message);
/* FERRY_TRANSFER_FAILED with @error (kept, with its code). */
void                   ferry_transfer_fail              (FerryTransfer *self,
                                                         const GError  *error);
/* Sums for a folder transfer: no reset of the rate, which runs from the first call. */
void                   ferry_transfer_set_progress      (FerryTransfer *self,
                                                         gint64         done,
                                                         gint64         total);
const char            *ferry_transfer_state_to_string   (FerryTransferState state);

/* A transfer that ended DONE without sending anything because its target
 * existed and the person chose Skip (or Overwrite if newer, and it was not). */
gboolean               ferry_transfer_get_skipped       (FerryTransfer *self);
void                   ferry_transfer_set_skipped       (FerryTransfer *self,
                                                         gboolean       skipped);
/* After Rename: the local path (download) or remote path (upload) that was
 * written instead of the target; NULL before. Any thread. */
char                  *ferry_transfer_dup_renamed_target (FerryTransfer *self);
void                   ferry_transfer_set_renamed_target (FerryTransfer *self,
                                                          const char    *target);
/* An upload into a folder that this run created on the server (MKD said yes):
 * its target cannot exist yet, so its first attempt does not ask (SIZE) for
 * one. Taking it clears it: a retry looks again. Any thread. */
void                   ferry_transfer_set_target_new     (FerryTransfer *self);
gboolean               ferry_transfer_take_target_new    (FerryTransfer *self);

G_END_DECLS
