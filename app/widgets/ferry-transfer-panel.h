/* ferry-transfer-panel.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ferry-transfer-runner.h"

G_BEGIN_DECLS

#define FERRY_TYPE_TRANSFER_PANEL (ferry_transfer_panel_get_type ())

G_DECLARE_FINAL_TYPE (FerryTransferPanel, ferry_transfer_panel, FERRY, TRANSFER_PANEL, GtkWidget)

GtkWidget           *ferry_transfer_panel_new        (void);
/* @runner: (nullable): whose transfers to list (those the person added, not
 * the files a folder transfer expanded into). */
void                 ferry_transfer_panel_set_runner (FerryTransferPanel  *self,
                                                      FerryTransferRunner *runner);
FerryTransferRunner *ferry_transfer_panel_get_runner (FerryTransferPanel *self);
/* The server's name the rows use for uploads ("to example.com:/upload"). */
void                 ferry_transfer_panel_set_host   (FerryTransferPanel  *self,
                                                      const char          *host);
/* Transfers listed now (finished ones until cleared). */
guint                ferry_transfer_panel_get_n_shown (FerryTransferPanel *self);
/* "2 running, 1 waiting", or NULL when the list is empty. */
char                *ferry_transfer_panel_dup_summary (FerryTransferPanel *self);
/* "37% · 2.1 MB/s" while something moves (the "indicator" property), else NULL. */
char                *ferry_transfer_panel_dup_indicator (FerryTransferPanel *self);
/* The id of the panel's notifications: the target of "app.show-transfers". */
const char          *ferry_transfer_panel_get_notification_id (FerryTransferPanel *self);

G_END_DECLS
