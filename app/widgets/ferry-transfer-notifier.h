/* ferry-transfer-notifier.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ferry-transfer-runner.h"

G_BEGIN_DECLS

#define FERRY_TYPE_TRANSFER_NOTIFIER (ferry_transfer_notifier_get_type ())

G_DECLARE_FINAL_TYPE (FerryTransferNotifier, ferry_transfer_notifier, FERRY, TRANSFER_NOTIFIER,
                      GObject)

/* Sends a GNotification when a batch of transfers ends (the runner is no
 * longer busy) while @anchor's window is not the active one: "12 files
 * uploaded to example.com", or what failed. Clicking it activates
 * "app.show-transfers" with ferry_transfer_notifier_get_id() as the target.
 * @anchor is not referenced: the notifier lives as long as it. */
FerryTransferNotifier *ferry_transfer_notifier_new       (GtkWidget *anchor);
void                   ferry_transfer_notifier_set_runner (FerryTransferNotifier *self,
                                                          FerryTransferRunner   *runner);
void                   ferry_transfer_notifier_set_host  (FerryTransferNotifier *self,
                                                          const char            *host);
/* Unique in the process: the notification's id, the action's target. */
const char            *ferry_transfer_notifier_get_id    (FerryTransferNotifier *self);

/* The sentence for a batch of @n_files files of which @n_failed failed, in
 * one direction (or both: @uploads and @downloads both > 0). */
char                  *ferry_transfer_notifier_describe  (guint       n_files,
                                                          guint       n_failed,
                                                          guint       uploads,
                                                          guint       downloads,
                                                          const char *host);

G_END_DECLS
