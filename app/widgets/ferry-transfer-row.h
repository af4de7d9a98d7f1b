/* ferry-transfer-row.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ferry-transfer.h"

G_BEGIN_DECLS

/* What the person asked for with a row's buttons or menu (FerryTransferRow::request). */
typedef enum
{
  FERRY_TRANSFER_ROW_PAUSE,
  FERRY_TRANSFER_ROW_RESUME,
  FERRY_TRANSFER_ROW_RETRY,
  FERRY_TRANSFER_ROW_CANCEL,
  FERRY_TRANSFER_ROW_MOVE_UP,
  FERRY_TRANSFER_ROW_MOVE_DOWN,
  FERRY_TRANSFER_ROW_MOVE_TOP,
  FERRY_TRANSFER_ROW_OPEN,
  FERRY_TRANSFER_ROW_SHOW_IN_FOLDER,
} FerryTransferRowRequest;

#define FERRY_TYPE_TRANSFER_ROW (ferry_transfer_row_get_type ())

G_DECLARE_FINAL_TYPE (FerryTransferRow, ferry_transfer_row, FERRY, TRANSFER_ROW, GtkWidget)

GtkWidget     *ferry_transfer_row_new          (void);
/* @transfer: (nullable): the transfer the row shows and follows. */
void           ferry_transfer_row_set_transfer (FerryTransferRow *self,
                                                FerryTransfer    *transfer);
FerryTransfer *ferry_transfer_row_get_transfer (FerryTransferRow *self);
/* @host: (nullable): the server's name, for "to example.com:/upload". */
void           ferry_transfer_row_set_host     (FerryTransferRow *self,
                                                const char       *host);

/* @queue: (nullable): the runner's transfers, where a folder row counts its
 * files ("12 of 50 files"). */
void           ferry_transfer_row_set_queue    (FerryTransferRow *self,
                                                GListModel       *queue);

/* "1.5 MB of 4.2 MB · 320.0 kB/s" and the like. */
char          *ferry_transfer_row_describe_progress (FerryTransfer *transfer);
/* "2 minutes left", or "—" when it cannot be known (no size, no rate yet). */
char          *ferry_transfer_row_describe_time_left (FerryTransfer *transfer);
/* The state in words: "Queued", "Downloading", "Paused", "Done", "Failed", "Cancelled". */
const char    *ferry_transfer_row_describe_state (FerryTransfer *transfer);

G_END_DECLS
