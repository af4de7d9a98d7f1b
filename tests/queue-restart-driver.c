/* queue-restart-driver.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test program for "the queue survives a restart", as the window does it:
 * a FerryTransferRunner whose list a FerryQueueSaver keeps in queue.ini.
 *
 *   queue-restart-driver --queue FILE (--get REMOTE | --put LOCAL) --to TARGET
 *                        [--flags N] [--ca-file PEM] URL
 *     starts one transfer (with FerryTransferFlags N) and runs until it ends (the test kills it first,
 *     with SIGKILL, once queue.ini exists and bytes have moved);
 *   queue-restart-driver --queue FILE --restore [--ca-file PEM]
 *     loads FILE, adds every item paused to a runner for its address
 *     (ferry_transfer_runner_add_paused; printing RESTORED name=<base name>
 *     state=<state> flags=<n> done=<bytes> total=<bytes>; then, before
 *     anything resumes, QUIET logs=<lines the runners' sessions logged>, 0
 *     when nothing connected), checks
 *     that the saver keeps them in FILE while paused, resumes them all and
 *     runs until they end: ITEM name=<base name> state=<state>; then FILE is
 *     written once more (nothing unfinished: it is removed).
 *
 * The password comes from FERRY_PASSWORD.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ferry-memory-known-servers.h"
#include "ferry-queue-file.h"
#include "ferry-queue-saver.h"
#include "ferry-transfer-runner.h"
#include "ferry-url.h"

#include "driver-endpoint.h"

static char *ca_file;

static FerryTransferRunner *
runner_for (const char *address)
{
  g_autoptr (FerryEndpoint) ep = driver_endpoint_new (address, ca_file, NULL);
  g_autoptr (FerryKnownServers) known = ferry_memory_known_servers_new ();

  return ferry_transfer_runner_new (ep, known, g_getenv ("FERRY_PASSWORD"), 2);
}

static gboolean
guard_cb (gpointer loop)
{
  g_printerr ("hang guard: gave up waiting\n");
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
finished_cb (FerryTransferRunner *runner,
             GMainLoop           *loop)
{
  g_main_loop_quit (loop);
}

static void
run_until_finished (FerryTransferRunner *runner)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint guard = g_timeout_add_seconds (120, guard_cb, loop);

  g_signal_connect (runner, "finished", G_CALLBACK (finished_cb), loop);
  if (ferry_transfer_runner_get_busy (runner))
    g_main_loop_run (loop);
  g_source_remove (guard);
  g_signal_handlers_disconnect_by_func (runner, finished_cb, loop);
}

static char *
base_name (FerryTransfer *transfer)
{
  return ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_UPLOAD
           ? g_path_get_basename (ferry_transfer_get_remote_path (transfer))
           : g_file_get_basename (ferry_transfer_get_local_file (transfer));
}

static void
log_cb (FerryTransferRunner *runner,
        guint                kind,
        const char          *line,
        guint               *count)
{
  (*count)++;
}

static int
restore (const char *queue)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = ferry_queue_file_load (queue, NULL, NULL, &error);
  g_autoptr (FerryQueueSaver) saver = ferry_queue_saver_new (queue);
  g_autoptr (GPtrArray) runners = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) reloaded = NULL;
  guint logs = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >, 0);
  for (guint i = 0; i < items->len; i++)
    {
      FerryQueueItem *item = g_ptr_array_index (items, i);
      FerryTransferRunner *runner = runner_for (item->url);
      g_autoptr (FerryTransfer) transfer = ferry_queue_item_to_transfer (item);
      g_autofree char *name = base_name (transfer);

      g_ptr_array_add (runners, runner);
      ferry_queue_saver_add_list (saver, ferry_transfer_runner_get_transfers (runner), NULL,
                                  item->url);
      g_signal_connect (runner, "log", G_CALLBACK (log_cb), &logs);
      /* They come back paused, until the person resumes them: no session
       * connects meanwhile. */
      ferry_transfer_runner_add_paused (runner, transfer);
      printf ("RESTORED name=%s state=%s flags=%d done=%" G_GINT64_FORMAT
              " total=%" G_GINT64_FORMAT "\n", name,
              ferry_transfer_state_to_string (ferry_transfer_get_state (transfer)),
              (int) ferry_transfer_get_flags (transfer), ferry_transfer_get_bytes_done (transfer),
              ferry_transfer_get_total (transfer));
      fflush (stdout);
    }

  /* Paused, they are still saved. */
  ferry_queue_saver_flush (saver);
  reloaded = ferry_queue_file_load (queue, NULL, NULL, &error);
  g_assert_no_error (error);
  printf ("SAVED-WHILE-PAUSED items=%u\n", reloaded->len);
  /* The flush ran the main loop: a session that had been started would
   * have logged its connection by now (it did before add_paused). */
  printf ("QUIET logs=%u\n", logs);
  fflush (stdout);

  for (guint i = 0; i < runners->len; i++)
    ferry_transfer_runner_resume_all (g_ptr_array_index (runners, i));
  for (guint i = 0; i < runners->len; i++)
    {
      FerryTransferRunner *runner = g_ptr_array_index (runners, i);
      GListModel *transfers = ferry_transfer_runner_get_transfers (runner);

      run_until_finished (runner);
      for (guint j = 0; j < g_list_model_get_n_items (transfers); j++)
        {
          g_autoptr (FerryTransfer) transfer = g_list_model_get_item (transfers, j);
          g_autofree char *name = base_name (transfer);
          g_autofree char *message = ferry_transfer_dup_error_message (transfer);

          printf ("ITEM name=%s state=%s error=%s\n", name,
                  ferry_transfer_state_to_string (ferry_transfer_get_state (transfer)),
                  message ? message : "-");
        }
    }
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  ferry_queue_saver_flush (saver);
  printf ("QUEUE-FILE exists=%d\n", g_file_test (queue, G_FILE_TEST_EXISTS));
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *queue = NULL;
  g_autofree char *get = NULL;
  g_autofree char *put = NULL;
  g_autofree char *to = NULL;
  gboolean restoring = FALSE;
  int flags = 0;
  const GOptionEntry entries[] = {
    { "queue", 0, 0, G_OPTION_ARG_FILENAME, &queue, "queue.ini", "FILE" },
    { "restore", 0, 0, G_OPTION_ARG_NONE, &restoring, "Restore the queue", NULL },
    { "get", 0, 0, G_OPTION_ARG_STRING, &get, "Remote file to download", "PATH" },
    { "put", 0, 0, G_OPTION_ARG_FILENAME, &put, "Local file to upload", "PATH" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "Where it goes", "PATH" },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, "CA file", NULL },
    { "flags", 0, 0, G_OPTION_ARG_INT, &flags, "FerryTransferFlags", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("[URL]");
  g_autoptr (GError) error = NULL;
  g_autoptr (FerryTransferRunner) runner = NULL;
  g_autoptr (FerryQueueSaver) saver = NULL;
  g_autoptr (FerryTransfer) transfer = NULL;
  g_autoptr (GFile) local = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || queue == NULL)
    {
      fprintf (stderr, "usage: queue-restart-driver --queue FILE …\n");
      return 2;
    }
  if (restoring)
    return restore (queue);
  if (argc != 2 || to == NULL || (get == NULL) == (put == NULL))
    {
      fprintf (stderr, "usage: queue-restart-driver --queue FILE (--get R | --put L) --to T URL\n");
      return 2;
    }

  runner = runner_for (argv[1]);
  saver = ferry_queue_saver_new (queue);
  ferry_queue_saver_add_list (saver, ferry_transfer_runner_get_transfers (runner), NULL, argv[1]);
  if (get != NULL)
    {
      local = g_file_new_for_path (to);
      transfer = ferry_transfer_new (FERRY_TRANSFER_DOWNLOAD, get, local, FALSE,
                                     (FerryTransferFlags) flags);
    }
  else
    {
      local = g_file_new_for_path (put);
      transfer = ferry_transfer_new (FERRY_TRANSFER_UPLOAD, to, local, FALSE,
                                     (FerryTransferFlags) flags);
    }
  ferry_transfer_runner_add (runner, transfer);
  run_until_finished (runner);
  printf ("FINISHED state=%s\n", ferry_transfer_state_to_string (ferry_transfer_get_state (transfer)));
  return 0;
}
