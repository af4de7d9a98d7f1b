/* test-queue-view.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The words and sums of the transfer queue view, without a server: the time
 * left, the notification's sentence for a batch, the filters, and the totals
 * (counts, bytes, indicator) over a list of transfers in every state.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ferry-transfer-notifier.h"
#include "ferry-transfer-totals.h"

static void
test_time_left (void)
{
  struct {
    gint64 remaining;
    double rate;
    const char *expected;
  } cases[] = {
    { -1, 1000, "—" },
    { 1000, 0, "—" },
    { 1000, -5, "—" },
    { 0, 1000, "0 seconds left" },
    { 1000, 1000, "1 second left" },
    { 59000, 1000, "59 seconds left" },
    { 61000, 1000, "2 minutes left" },     /* rounded up: never promise too little */
    { 60000, 1000, "1 minute left" },
    { 3600000, 1000, "1 hour 0 minutes left" },
    { 7500000, 1000, "2 hours 5 minutes left" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ferry_transfer_format_time_left (cases[i].remaining,
                                                               cases[i].rate);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_notification_words (void)
{
  struct {
    guint n, failed, up, down;
    const char *expected;
  } cases[] = {
    { 12, 0, 12, 0, "12 files uploaded to example.com" },
    { 1, 0, 1, 0, "1 file uploaded to example.com" },
    { 3, 0, 0, 3, "3 files downloaded from example.com" },
    { 4, 0, 2, 2, "4 files transferred with example.com" },
    { 12, 3, 12, 0, "3 of 12 files could not be uploaded to example.com" },
    { 5, 5, 0, 5, "5 of 5 files could not be downloaded from example.com" },
    { 1, 1, 1, 0, "The file could not be uploaded to example.com" },
    { 1, 1, 0, 1, "The file could not be downloaded from example.com" },
    { 2, 1, 1, 1, "1 of 2 files could not be transferred with example.com" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ferry_transfer_notifier_describe (cases[i].n, cases[i].failed,
                                                                cases[i].up, cases[i].down,
                                                                "example.com");

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static FerryTransfer *
transfer_in (FerryTransferState state,
             const char        *name)
{
  g_autofree char *remote = g_strconcat ("/pub/", name, NULL);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr(GFile) local = g_file_new_for_path (path);
  FerryTransfer *transfer = ferry_transfer_new (FERRY_TRANSFER_DOWNLOAD, remote, local, FALSE,
                                                FERRY_TRANSFER_FLAGS_NONE);

  if (state == FERRY_TRANSFER_FAILED)
    ferry_transfer_set_state (transfer, state, "“x” was not found on the server.");
  else if (state != FERRY_TRANSFER_QUEUED)
    ferry_transfer_set_state (transfer, state, NULL);
  return transfer;
}

static void
on_changed (gpointer data)
{
  (*(guint *) data)++;
}

static gboolean
changed_since (guint *counter,
               guint  before)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC; /* a hang guard */

  while (*counter == before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, *counter == before);
  return *counter != before;
}

static void
test_filters_and_totals (void)
{
  g_autoptr(GListStore) store = g_list_store_new (FERRY_TYPE_TRANSFER);
  g_autoptr(FerryTransferTotals) totals = ferry_transfer_totals_new ();
  FerryTransferState states[] = {
    FERRY_TRANSFER_QUEUED, FERRY_TRANSFER_ACTIVE, FERRY_TRANSFER_PAUSED, FERRY_TRANSFER_DONE,
    FERRY_TRANSFER_FAILED, FERRY_TRANSFER_CANCELLED,
  };
  gboolean expected[G_N_ELEMENTS (states)][FERRY_TRANSFER_N_FILTERS] = {
    /* all, active, failed, done */
    { TRUE, TRUE, FALSE, FALSE },
    { TRUE, TRUE, FALSE, FALSE },
    { TRUE, TRUE, FALSE, FALSE },
    { TRUE, FALSE, FALSE, TRUE },
    { TRUE, FALSE, TRUE, FALSE },
    { TRUE, FALSE, FALSE, FALSE },
  };
  guint changes = 0;
  g_autofree char *summary = NULL;
  g_autofree char *progress = NULL;
  g_autofree char *indicator = NULL;

  g_signal_connect_swapped (totals, "changed", G_CALLBACK (on_changed), &changes);
  ferry_transfer_totals_set_model (totals, G_LIST_MODEL (store));
  g_assert_true (changed_since (&changes, 0));
  g_assert_null (ferry_transfer_totals_dup_summary (totals));
  g_assert_null (ferry_transfer_totals_dup_indicator (totals));

  for (gsize i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *name = g_strdup_printf ("file%zu.bin", i);
      g_autoptr(FerryTransfer) transfer = transfer_in (states[i], name);

      g_assert_cmpint (ferry_transfer_get_state (transfer), ==, states[i]);
      for (int f = 0; f < FERRY_TRANSFER_N_FILTERS; f++)
        g_assert_cmpint (ferry_transfer_filter_matches (f, transfer), ==, expected[i][f]);
      /* 1000 bytes each, half of them done. */
      ferry_transfer_set_progress (transfer, 500, 1000);
      g_list_store_append (store, transfer);
    }
  {
    /* A folder's child counts through its folder, not on its own. */
    g_autoptr(FerryTransfer) child = transfer_in (FERRY_TRANSFER_FAILED, "child.txt");
    g_autoptr(FerryTransfer) folder = g_list_model_get_item (G_LIST_MODEL (store), 0);

    ferry_transfer_set_parent (child, folder);
    g_list_store_append (store, child);
  }
  changes = 0;
  g_assert_true (changed_since (&changes, 0));
  /* Let the transfers' own coalesced notifications arrive, then the sums after them. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (ferry_transfer_totals_get_count (totals, FERRY_TRANSFER_FILTER_ALL), ==, 6);
  g_assert_cmpuint (ferry_transfer_totals_get_count (totals, FERRY_TRANSFER_FILTER_ACTIVE), ==,
                    3);
  g_assert_cmpuint (ferry_transfer_totals_get_count (totals, FERRY_TRANSFER_FILTER_FAILED), ==,
                    1);
  g_assert_cmpuint (ferry_transfer_totals_get_count (totals, FERRY_TRANSFER_FILTER_DONE), ==, 1);
  g_assert_true (ferry_transfer_totals_get_moving (totals));
  g_assert_cmpuint (ferry_transfer_totals_get_n_paused (totals), ==, 1);
  /* Queued, active, paused and done count; failed and cancelled do not: 2000 of 4000. */
  g_assert_cmpfloat_with_epsilon (ferry_transfer_totals_get_fraction (totals), 0.5, 1e-9);
  summary = ferry_transfer_totals_dup_summary (totals);
  g_assert_cmpstr (summary, ==,
                   "1 running, 1 waiting, 1 paused, 1 failed, 1 done, 1 cancelled");
  progress = ferry_transfer_totals_dup_progress (totals);
  g_assert_true (g_str_has_prefix (progress, "2.0\u00a0kB of 4.0\u00a0kB · "));
  indicator = ferry_transfer_totals_dup_indicator (totals);
  g_assert_true (g_str_has_prefix (indicator, "50% · "));
  g_assert_true (g_str_has_suffix (indicator, "/s"));

  /* Everything finished: nothing moves, nothing to show collapsed. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(FerryTransfer) transfer = g_list_model_get_item (G_LIST_MODEL (store), i);

      ferry_transfer_set_state (transfer, FERRY_TRANSFER_DONE, NULL);
    }
  {
    guint before = changes;

    g_assert_true (changed_since (&changes, before));
    while (g_main_context_iteration (NULL, FALSE))
      ;
  }
  g_assert_false (ferry_transfer_totals_get_moving (totals));
  g_assert_null (ferry_transfer_totals_dup_indicator (totals));
  g_assert_null (ferry_transfer_totals_dup_progress (totals));
  g_assert_cmpuint (ferry_transfer_totals_get_count (totals, FERRY_TRANSFER_FILTER_DONE), ==, 4);

  ferry_transfer_totals_set_model (totals, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add_func ("/queue-view/time-left", test_time_left);
  g_test_add_func ("/queue-view/notification-words", test_notification_words);
  g_test_add_func ("/queue-view/filters-and-totals", test_filters_and_totals);
  return g_test_run ();
}
