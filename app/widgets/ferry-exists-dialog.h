/* ferry-exists-dialog.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "“report.pdf” already exists": both files' size and date, and what to do
 * (the responses are the nicks of FerryExistsAction: "overwrite", "resume",
 * "skip", "rename", "newer"), with "Apply to the rest of this batch".
 */
#pragma once

#include <adwaita.h>

#include "ferry-transfer.h"

G_BEGIN_DECLS

#define FERRY_TYPE_EXISTS_DIALOG (ferry_exists_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FerryExistsDialog, ferry_exists_dialog, FERRY, EXISTS_DIALOG,
                      AdwMessageDialog)

/* @transfer: a file transfer that waits for an answer (its conflict facts
 * set); @in_batch: offer "Apply to the rest of this batch". */
GtkWidget     *ferry_exists_dialog_new              (GtkWindow     *parent,
                                                     FerryTransfer *transfer,
                                                     gboolean       in_batch);
FerryTransfer *ferry_exists_dialog_get_transfer     (FerryExistsDialog *self);
gboolean       ferry_exists_dialog_get_apply_to_rest (FerryExistsDialog *self);

G_END_DECLS
