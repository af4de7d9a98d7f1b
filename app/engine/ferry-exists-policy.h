/* ferry-exists-policy.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What to do with a file that exists at the target of a transfer: the local
 * file of a download, the remote file of an upload. One enum and one
 * decision, used by the transfer operations (and so by the runner, the
 * window and ferry-cli alike).
 */
#pragma once

#include <glib.h>

#include "ferry-transfer.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_EXISTS_ASK,       /* ask the person (the runner's "file-exists" signal) */
  FERRY_EXISTS_OVERWRITE, /* replace the target */
  FERRY_EXISTS_RESUME,    /* continue a shorter target (or its .part) */
  FERRY_EXISTS_SKIP,      /* leave the target as it is; the transfer is done, "skipped" */
  FERRY_EXISTS_RENAME,    /* write "NAME (1).EXT", the first free name */
  FERRY_EXISTS_NEWER,     /* overwrite when the source is newer, else skip */
} FerryExistsAction;

/* What is known of one side. @mtime: seconds since 1970 (UTC), or
 * FERRY_EXISTS_MTIME_UNKNOWN; @size: -1 unknown. */
#define FERRY_EXISTS_MTIME_UNKNOWN G_MININT64

typedef struct
{
  gboolean exists;
  gint64 size;
  gint64 mtime;
} FerryFileFacts;

/* The flags that choose an action (at most one is set). */
#define FERRY_EXISTS_FLAGS_MASK                                                \
  (FERRY_TRANSFER_FLAGS_OVERWRITE | FERRY_TRANSFER_FLAGS_RESUME |              \
   FERRY_TRANSFER_FLAGS_SKIP_EXISTING | FERRY_TRANSFER_FLAGS_RENAME |          \
   FERRY_TRANSFER_FLAGS_NEWER)

/* FERRY_EXISTS_ASK when no flag chooses (the first of OVERWRITE, RESUME,
 * SKIP_EXISTING, RENAME, NEWER that is set wins). */
FerryExistsAction  ferry_exists_action_from_flags (FerryTransferFlags flags);
/* @flags with the choosing flags replaced by the one for @action. */
FerryTransferFlags ferry_exists_action_apply     (FerryTransferFlags flags,
                                                  FerryExistsAction  action);
const char        *ferry_exists_action_to_nick   (FerryExistsAction action);
/* FALSE for a nick that is not one of "ask", "overwrite", "resume", "skip",
 * "rename", "newer". */
gboolean           ferry_exists_action_from_nick (const char        *nick,
                                                  FerryExistsAction *out_action);

/* The decision. @source: the file sent; @target: what is at its destination.
 * Returns OVERWRITE (also: "just write", when there is no target), RESUME,
 * SKIP, RENAME or ASK, never NEWER: NEWER overwrites only when both times
 * are known and the source's is later (whole seconds); equal, older or
 * unknown skips, so that nothing is replaced on a guess. */
FerryExistsAction  ferry_exists_decide           (FerryExistsAction     chosen,
                                                  const FerryFileFacts *source,
                                                  const FerryFileFacts *target);

/* Resume makes sense when the target is shorter than the source (or a size
 * is unknown). */
gboolean           ferry_exists_can_resume       (const FerryFileFacts *source,
                                                  const FerryFileFacts *target);

/* "NAME (N).EXT" for @name (a base name, bytes): the extension is what
 * follows the last dot, or ".tar.X" for "archive.tar.gz" → "archive (1).tar.gz"
 * as GNOME Files does; a leading dot is no extension (".bashrc" → ".bashrc (1)").
 * @n ≥ 1. */
char              *ferry_exists_numbered_name    (const char *name,
                                                  guint       n);

/* On the transfer (ferry-transfer.c): the facts of the conflict that stopped
 * it last (a FERRY_ERROR_EXISTS failure), for whoever asks the person. */
void               ferry_transfer_set_conflict   (FerryTransfer        *self,
                                                  const FerryFileFacts *source,
                                                  const FerryFileFacts *target);
gboolean           ferry_transfer_get_conflict   (FerryTransfer  *self,
                                                  FerryFileFacts *source,
                                                  FerryFileFacts *target);

/* Rename tries at most this many numbers before it gives up. */
#define FERRY_EXISTS_MAX_RENAME 999

G_END_DECLS
