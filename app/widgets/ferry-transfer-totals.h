/* ferry-transfer-totals.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ferry-transfer.h"

G_BEGIN_DECLS

/* Which transfers a queue view lists. */
typedef enum
{
  FERRY_TRANSFER_FILTER_ALL,
  FERRY_TRANSFER_FILTER_ACTIVE, /* queued, running or paused */
  FERRY_TRANSFER_FILTER_FAILED,
  FERRY_TRANSFER_FILTER_DONE,
  FERRY_TRANSFER_N_FILTERS,
} FerryTransferFilter;

/* "2 minutes left" for @remaining bytes at @rate bytes/s; "—" when either is
 * unknown (negative or 0). */
char    *ferry_transfer_format_time_left (gint64 remaining,
                                          double rate);
gboolean ferry_transfer_filter_matches (FerryTransferFilter filter,
                                        FerryTransfer      *transfer);

#define FERRY_TYPE_TRANSFER_TOTALS (ferry_transfer_totals_get_type ())

G_DECLARE_FINAL_TYPE (FerryTransferTotals, ferry_transfer_totals, FERRY, TRANSFER_TOTALS, GObject)

/* The sums over the transfers a person added to a queue (the top-level ones
 * of @model: a folder counts once, with the bytes of all its files). They are
 * recomputed at most once per main-loop iteration, and ::changed follows. */
FerryTransferTotals *ferry_transfer_totals_new          (void);
/* @model: (nullable): the runner's transfers. */
void                 ferry_transfer_totals_set_model    (FerryTransferTotals *self,
                                                         GListModel          *model);
guint                ferry_transfer_totals_get_count    (FerryTransferTotals *self,
                                                         FerryTransferFilter  filter);
/* Paused transfers (waiting for the person to resume them). */
guint                ferry_transfer_totals_get_n_paused (FerryTransferTotals *self);
/* TRUE while a transfer is queued or running (paused ones wait for the person). */
gboolean             ferry_transfer_totals_get_moving   (FerryTransferTotals *self);
/* 0–1 over the unfinished and done transfers; -1 when no size is known. */
double               ferry_transfer_totals_get_fraction (FerryTransferTotals *self);
double               ferry_transfer_totals_get_rate     (FerryTransferTotals *self);
/* "2 running, 1 waiting", or NULL when the list is empty. */
char                *ferry_transfer_totals_dup_summary  (FerryTransferTotals *self);
/* "45 MB of 120 MB · 2.1 MB/s · 1 minute left", or NULL when nothing moves. */
char                *ferry_transfer_totals_dup_progress (FerryTransferTotals *self);
/* "37% · 2.1 MB/s": for the collapsed panel; NULL when nothing moves. */
char                *ferry_transfer_totals_dup_indicator (FerryTransferTotals *self);

G_END_DECLS
