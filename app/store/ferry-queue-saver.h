/* ferry-queue-saver.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keeps queue.ini up to date: it watches the transfer lists of one or more
 * runners (each for a site id or a password-less address) and, a moment
 * after anything changes (coalesced), writes their unfinished transfers
 * (queued, active or paused; those a runner added, not the files folders
 * expanded into) on a worker thread, one write at a time.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long a change waits for more before the file is written. */
#define FERRY_QUEUE_SAVER_DELAY_MS 300

#define FERRY_TYPE_QUEUE_SAVER (ferry_queue_saver_get_type ())

G_DECLARE_FINAL_TYPE (FerryQueueSaver, ferry_queue_saver, FERRY, QUEUE_SAVER, GObject)

/* @path: NULL for $XDG_DATA_HOME/ferry/queue.ini. */
FerryQueueSaver *ferry_queue_saver_new            (const char *path);
/* @transfers: a runner's list (ferry_transfer_runner_get_transfers()). */
void             ferry_queue_saver_add_list       (FerryQueueSaver *self,
                                                   GListModel      *transfers,
                                                   const char      *site_id,
                                                   const char      *url);
void             ferry_queue_saver_remove_list    (FerryQueueSaver *self,
                                                   GListModel      *transfers);
/* Stops watching @transfers but keeps its unfinished transfers in the file,
 * as they are now, among the pending items (see below): for a runner whose
 * transfers are about to be stopped by a closing tab or window, so that
 * they come back after a restart. */
void             ferry_queue_saver_keep_list      (FerryQueueSaver *self,
                                                   GListModel      *transfers);
/* Writes now if something changed, and waits for the write (shutdown). */
void             ferry_queue_saver_flush          (FerryQueueSaver *self);
/* Items loaded at start that no runner holds yet: they stay in the file
 * until taken (ferry_queue_saver_take_pending) for the tab of their site. */
void             ferry_queue_saver_set_pending    (FerryQueueSaver *self,
                                                   GPtrArray       *items);
/* (transfer none): the pending items, FerryQueueItem. */
GPtrArray       *ferry_queue_saver_get_pending    (FerryQueueSaver *self);
/* The pending items of @site_id (or, without one, of @url), taken out. */
GPtrArray       *ferry_queue_saver_take_pending   (FerryQueueSaver *self,
                                                   const char      *site_id,
                                                   const char      *url);
/* The process's saver for $XDG_DATA_HOME/ferry/queue.ini. */
FerryQueueSaver *ferry_queue_saver_get_default    (void);
/* How many times the file was written (for tests). */
guint            ferry_queue_saver_get_writes     (FerryQueueSaver *self);

G_END_DECLS
