/* ferry-store-file.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the store's key files (sites.ini, known-servers.ini) share: a lock
 * between processes, reading with a size limit and moving a broken file
 * aside, and atomic writes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Key files larger than this are refused as broken. */
#define FERRY_STORE_FILE_MAX_SIZE (16 * 1024 * 1024)
/* How long to wait for another Ferry process to finish writing. */
#define FERRY_STORE_FILE_LOCK_TIMEOUT_MS 10000

typedef struct _FerryFileLock FerryFileLock;

/* Takes an exclusive lock on "@path.lock" (created 0600 when missing),
 * waiting at most @timeout_ms for another process to release it. */
FerryFileLock *ferry_file_lock_acquire (const char *path,
                                        guint       timeout_ms,
                                        GError    **error);
void           ferry_file_lock_release (FerryFileLock *lock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryFileLock, ferry_file_lock_release)

/* What identifies one version of a file: it changes with every write, since
 * writes replace the file by renaming a new one over it. */
typedef struct
{
  gboolean exists;
  guint64 device;
  guint64 inode;
  gint64 size;
  gint64 mtime_ns;
} FerryFileStamp;

void           ferry_file_stamp_get    (const char     *path,
                                        FerryFileStamp *out_stamp);
gboolean       ferry_file_stamp_equal  (const FerryFileStamp *a,
                                        const FerryFileStamp *b);

/**
 * ferry_store_file_load:
 * @path: the key file
 * @what: what it holds, for messages ("Your site list")
 * @lock_held: whether the caller holds ferry_file_lock_acquire (@path); if
 *   not, the lock is taken before a broken file is moved aside
 * @out_stamp: (out) (optional): the version that was read
 * @out_problem: (out) (optional): set when the file could not be parsed: it
 *   was moved aside to "@path.broken-DATE" and this message says so
 * @error: an I/O error that left the file in place (permissions, …)
 *
 * Returns: (nullable): the key file (empty when @path does not exist or was
 *   moved aside), or %NULL with @error set.
 */
GKeyFile      *ferry_store_file_load   (const char     *path,
                                        const char     *what,
                                        gboolean        lock_held,
                                        FerryFileStamp *out_stamp,
                                        char          **out_problem,
                                        GError        **error);
/* Parses @data as a key file the way ferry_store_file_load does. */
GKeyFile      *ferry_store_file_parse  (const char *data,
                                        gsize       length,
                                        GError    **error);
/* Writes @keyfile to @path atomically (a temporary file renamed over it), mode 0600. */
gboolean       ferry_store_file_save   (const char *path,
                                        GKeyFile   *keyfile,
                                        GError    **error);

G_END_DECLS
