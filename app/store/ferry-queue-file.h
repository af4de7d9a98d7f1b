/* ferry-queue-file.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The saved transfer queue, $XDG_DATA_HOME/ferry/queue.ini: one group per
 * unfinished transfer that was added (a file or a folder), so that it comes
 * back after a restart. Never a password: a site is named by its id, or by
 * an address without one (ferry_url_parse refuses passwords). Paths are
 * bytes (the local file system's, the server's), percent-encoded.
 *
 *   [transfer-1]
 *   site=0b6f…            (or url=ftps://alice@example.com:990)
 *   direction=download    (or upload)
 *   folder=false
 *   local=/home/alice/Downloads/report%20%282026%29.pdf
 *   remote=/pub/report%20%282026%29.pdf
 *   size=2400000          (-1: unknown)
 *   flags=4               (FerryTransferFlags)
 *   done=1200000          (optional: bytes an upload had sent, shown until it
 *                          resumes; the server may hold fewer, the resume asks it)
 *   renamed=/home/alice/Downloads/report%20%282026%29%20%281%29.pdf
 *                         (optional: after exists → Rename, the new name the
 *                          file was being written as: local for a download,
 *                          remote for an upload; a restart continues it)
 *
 * A damaged or hand-edited file loads what it can: a group with a missing
 * key, a bad value, a path that is not absolute and normalised (no "." or
 * ".." parts, no empty parts, no control characters), an address with a
 * password or a value longer than the limits is skipped with a log line.
 */
#pragma once

#include <gio/gio.h>

#include "ferry-transfer.h"

G_BEGIN_DECLS

/* Limits for one item: longer values are refused. */
#define FERRY_QUEUE_FILE_MAX_PATH 4096
#define FERRY_QUEUE_FILE_MAX_URL 2048
#define FERRY_QUEUE_FILE_MAX_ITEMS 100000

typedef struct
{
  char *site_id;                   /* nullable; then url */
  char *url;                       /* nullable; no password */
  FerryTransferDirection direction;
  gboolean is_folder;
  char *local_path;                /* absolute, file system bytes */
  char *remote_path;               /* absolute, server bytes */
  gint64 size;                     /* -1: unknown */
  FerryTransferFlags flags;
  gint64 done;                     /* -1: unknown */
  char *renamed_path;              /* nullable; absolute, like its side's path */
} FerryQueueItem;

FerryQueueItem *ferry_queue_item_new          (void);
void            ferry_queue_item_free         (FerryQueueItem *item);
/* What @transfer is, for @site_id or @url (one of them). */
FerryQueueItem *ferry_queue_item_new_for_transfer (FerryTransfer *transfer,
                                                   const char    *site_id,
                                                   const char    *url);
/* A new transfer for @item (QUEUED; add it with
 * ferry_transfer_runner_add_paused()), set to continue what was begun: see
 * restored_flags() in ferry-queue-file.c; a renamed target is written on.
 * Its bytes done show what is there: a download's NAME.part size (a stat),
 * an upload's saved done=; its total is size=. */
FerryTransfer  *ferry_queue_item_to_transfer  (const FerryQueueItem *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryQueueItem, ferry_queue_item_free)

/* @items: FerryQueueItem. Items that are not valid are left out. */
GKeyFile       *ferry_queue_file_to_keyfile   (GPtrArray *items);
/* The valid items of @keyfile, in order; @out_skipped: how many were not. */
GPtrArray      *ferry_queue_file_from_keyfile (GKeyFile *keyfile,
                                               guint    *out_skipped);

/* @path: NULL for $XDG_DATA_HOME/ferry/queue.ini. Atomic, mode 0600; an
 * empty queue removes the file. */
gboolean        ferry_queue_file_save         (const char *path,
                                               GPtrArray  *items,
                                               GError    **error);
/* The items saved at @path (NULL: as above); none when there is no file. A
 * file that is not a key file at all is moved aside (see ferry-store-file.h)
 * and @out_problem says so. */
GPtrArray      *ferry_queue_file_load         (const char *path,
                                               guint      *out_skipped,
                                               char      **out_problem,
                                               GError    **error);

G_END_DECLS
