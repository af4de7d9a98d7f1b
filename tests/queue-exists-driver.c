/* queue-exists-driver.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test program that runs one folder transfer through a FerryTransferRunner
 * and answers its "file-exists" questions the way a person in the window
 * would, later (from an idle, while the other files go on), so that
 * tests/net/test_queue_exists.py can check Ask and "apply to the rest of this
 * batch" against a real server.
 *
 *   queue-exists-driver (--get REMOTE | --put LOCAL) --to TARGET
 *                       [--answer ACTION[:rest]]… [--ca-file PEM] URL
 *
 * ACTION is a FerryExistsAction nick (overwrite, resume, skip, rename, newer);
 * the answers are used in order, the last one again when they run out. It
 * prints, for every question:
 *   ASK name=<base name> source_size=<n> target_size=<n> source_mtime=<n|?>
 *       target_mtime=<n|?> open=<questions open at once>
 * and at the end, for every file:
 *   ITEM name=<base name> state=<state> skipped=<0|1> renamed=<base name|->
 *   DONE state=<the folder's state>
 * The password comes from FERRY_PASSWORD.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ferry-exists-policy.h"
#include "ferry-memory-known-servers.h"
#include "ferry-transfer-runner.h"
#include "ferry-url.h"

#include "driver-endpoint.h"

static char **answers;
static guint next_answer;
static guint open_asks;

typedef struct
{
  FerryTransferRunner *runner;
  FerryTransfer *transfer;
} Pending;

static void
print_mtime (const char *label,
             gint64      mtime)
{
  if (mtime == FERRY_EXISTS_MTIME_UNKNOWN)
    printf (" %s=?", label);
  else
    printf (" %s=%" G_GINT64_FORMAT, label, mtime);
}

static gboolean
answer_cb (gpointer data)
{
  Pending *p = data;
  guint n = answers ? g_strv_length (answers) : 0;
  const char *spec = n > 0 ? answers[MIN (next_answer, n - 1)] : "skip";
  g_auto (GStrv) parts = g_strsplit (spec, ":", 2);
  FerryExistsAction action = FERRY_EXISTS_SKIP;

  next_answer++;
  g_assert_true (ferry_exists_action_from_nick (parts[0], &action));
  open_asks--;
  ferry_transfer_runner_answer_exists (p->runner, p->transfer, action,
                                       parts[1] != NULL && strcmp (parts[1], "rest") == 0);
  g_object_unref (p->transfer);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
file_exists_cb (FerryTransferRunner *runner,
                FerryTransfer       *transfer,
                gpointer             user_data)
{
  FerryFileFacts source, target;
  g_autofree char *base = NULL;
  Pending *p;

  g_assert_true (ferry_transfer_get_conflict (transfer, &source, &target));
  g_assert_true (ferry_transfer_runner_get_asking (runner, transfer));
  open_asks++;
  base = ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_UPLOAD
           ? g_path_get_basename (ferry_transfer_get_remote_path (transfer))
           : g_file_get_basename (ferry_transfer_get_local_file (transfer));
  printf ("ASK name=%s source_size=%" G_GINT64_FORMAT " target_size=%" G_GINT64_FORMAT, base,
          source.size, target.size);
  print_mtime ("source_mtime", source.mtime);
  print_mtime ("target_mtime", target.mtime);
  printf (" open=%u\n", open_asks);
  fflush (stdout);

  p = g_new0 (Pending, 1);
  p->runner = runner;
  p->transfer = g_object_ref (transfer);
  /* Later, as a person would: the runner must not wait meanwhile. */
  g_timeout_add (50, answer_cb, p);
}

static gboolean timed_out;

static void
finished_cb (FerryTransferRunner *runner,
             gpointer             user_data)
{
  g_main_loop_quit (user_data);
}

static gboolean
guard_cb (gpointer user_data)
{
  timed_out = TRUE;
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *get = NULL;
  g_autofree char *put = NULL;
  g_autofree char *to = NULL;
  g_autofree char *ca_file = NULL;
  const GOptionEntry entries[] = {
    { "get", 0, 0, G_OPTION_ARG_STRING, &get, "Remote folder to download", "PATH" },
    { "put", 0, 0, G_OPTION_ARG_FILENAME, &put, "Local folder to upload", "PATH" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "Where it goes", "PATH" },
    { "answer", 0, 0, G_OPTION_ARG_STRING_ARRAY, &answers, "An answer", "ACTION[:rest]" },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, "CA file", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("URL");
  g_autoptr (GError) error = NULL;
  g_autoptr (FerryEndpoint) ep = NULL;
  g_autoptr (FerryKnownServers) known = ferry_memory_known_servers_new ();
  g_autoptr (FerryTransferRunner) runner = NULL;
  g_autoptr (FerryTransfer) transfer = NULL;
  g_autoptr (GFile) local = NULL;
  GListModel *transfers;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || to == NULL ||
      (get == NULL) == (put == NULL))
    {
      fprintf (stderr, "usage: queue-exists-driver (--get R | --put L) --to T URL\n");
      return 2;
    }
  ep = driver_endpoint_new (argv[1], ca_file, NULL);

  runner = ferry_transfer_runner_new (ep, known, g_getenv ("FERRY_PASSWORD"), 2);
  g_signal_connect (runner, "file-exists", G_CALLBACK (file_exists_cb), NULL);
  g_signal_connect (runner, "finished", G_CALLBACK (finished_cb), loop);
  if (get != NULL)
    {
      local = g_file_new_for_path (to);
      transfer = ferry_transfer_new (FERRY_TRANSFER_DOWNLOAD, get, local, TRUE,
                                     FERRY_TRANSFER_FLAGS_NONE);
    }
  else
    {
      local = g_file_new_for_path (put);
      transfer = ferry_transfer_new (FERRY_TRANSFER_UPLOAD, to, local, TRUE,
                                     FERRY_TRANSFER_FLAGS_NONE);
    }
  ferry_transfer_runner_add (runner, transfer);

  /* A hang guard (60 s), not a timing assertion. */
  g_timeout_add_seconds (60, guard_cb, loop);
  if (ferry_transfer_runner_get_busy (runner))
    g_main_loop_run (loop);
  /* The last notifications are idles. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  transfers = ferry_transfer_runner_get_transfers (runner);
  for (guint i = 0; i < g_list_model_get_n_items (transfers); i++)
    {
      g_autoptr (FerryTransfer) item = g_list_model_get_item (transfers, i);
      g_autofree char *renamed = ferry_transfer_dup_renamed_target (item);
      g_autofree char *renamed_base = renamed ? g_path_get_basename (renamed) : NULL;
      g_autofree char *base = NULL;

      if (item == transfer)
        continue;
      base = ferry_transfer_get_direction (item) == FERRY_TRANSFER_UPLOAD
               ? g_path_get_basename (ferry_transfer_get_remote_path (item))
               : g_file_get_basename (ferry_transfer_get_local_file (item));
      printf ("ITEM name=%s state=%s skipped=%d renamed=%s\n", base,
              ferry_transfer_state_to_string (ferry_transfer_get_state (item)),
              ferry_transfer_get_skipped (item), renamed_base ? renamed_base : "-");
    }
  printf ("DONE state=%s\n", ferry_transfer_state_to_string (ferry_transfer_get_state (transfer)));
  g_strfreev (answers);
  return timed_out ? 1 : 0;
}
