/* queue-driver.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test program that drives one FerryTransferRunner through a script given
 * on the command line, so that tests/net/test_queue.py can check the queue
 * against real servers: parallel sessions, pause and resume, retry, order,
 * a live change of the number of sessions.
 *
 *   queue-driver [--ca-file PEM] [--security MODE] [--parallel N] [--timeout S]
 *                URL COMMAND…
 *
 * Each COMMAND is one argument, its fields separated by "|"; they run in
 * order, a wait holding back the ones after it. A transfer is named by its
 * number (1 for the first one added) or, for a folder's child, by its remote
 * path.
 *
 *   get|REMOTE|LOCAL[|folder][|resume]   put|LOCAL|REMOTE[|folder]
 *   pause|T  resume|T  retry|T  cancel|T  move|T|up|down|top
 *   pause-all  resume-all  clear  max|N  list
 *   wait-state|T|STATE   wait-bytes|T|BYTES   wait-active|N   wait-idle
 *   wait-stdin   (reads one COMMAND from standard input and runs it)
 *
 * It prints, as things happen:
 *   ADDED id=<n>
 *   STATE remote=<path> state=<…> bytes=<n> attempts=<n> code=<reply code> error=<…>
 *   REACHED <the wait's command>
 *   ITEM pos=<n> remote=<path> state=<…> bytes=<n>     (for list)
 *   MAX sessions=<n>   ACTIVE count=<n> (when it grows to a new maximum)
 *   DONE busy=<0|1>, or TIMEOUT and exit status 3.
 * The password comes from FERRY_PASSWORD.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-memory-known-servers.h"
#include "ferry-transfer-runner.h"
#include "ferry-url.h"

#include "driver-endpoint.h"

typedef struct
{
  FerryTransferRunner *runner;
  GPtrArray *added;     /* FerryTransfer*, in the order added */
  char **commands;
  guint next;
  char **waiting;       /* the wait's fields, or NULL */
  guint most_active;
  GIOChannel *input;       /* stdin, for wait-stdin */
  char *line;              /* the command read, until it runs */
  gboolean done;
  gboolean advancing;      /* advance() is running: a signal it caused must not re-enter */
  GMainLoop *loop;
} Driver;

static Driver driver;

static FerryTransfer *
find (const char *name)
{
  GListModel *model = ferry_transfer_runner_get_transfers (driver.runner);

  if (name[0] != '/')
    {
      guint64 n = g_ascii_strtoull (name, NULL, 10);

      if (n == 0 || n > driver.added->len)
        g_error ("no transfer %s", name);
      return g_ptr_array_index (driver.added, n - 1);
    }
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (FerryTransfer) t = g_list_model_get_item (model, i);

      if (g_strcmp0 (ferry_transfer_get_remote_path (t), name) == 0)
        return t; /* the model keeps it */
    }
  g_error ("no transfer with remote path %s", name);
  return NULL;
}

static guint
count_active (void)
{
  GListModel *model = ferry_transfer_runner_get_transfers (driver.runner);
  guint active = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (FerryTransfer) t = g_list_model_get_item (model, i);

      if (!ferry_transfer_get_is_folder (t) &&
          ferry_transfer_get_state (t) == FERRY_TRANSFER_ACTIVE)
        active++;
    }
  return active;
}

/* The state last printed for @t: waits go on only once the STATE line is out. */
static const char *
shown_state (FerryTransfer *t)
{
  int shown = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (t), "queue-driver-state"));

  /* Transfers start queued without a notification. */
  return ferry_transfer_state_to_string (shown > 0 ? shown - 1 : FERRY_TRANSFER_QUEUED);
}

static gboolean
all_shown (void)
{
  GListModel *model = ferry_transfer_runner_get_transfers (driver.runner);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (FerryTransfer) t = g_list_model_get_item (model, i);

      if (!g_str_equal (shown_state (t),
                        ferry_transfer_state_to_string (ferry_transfer_get_state (t))))
        return FALSE;
    }
  return TRUE;
}

static gboolean
wait_satisfied (char **f)
{
  if (g_str_equal (f[0], "wait-state"))
    return g_str_equal (shown_state (find (f[1])), f[2]);
  if (g_str_equal (f[0], "wait-bytes"))
    return ferry_transfer_get_bytes_done (find (f[1])) >= g_ascii_strtoll (f[2], NULL, 10);
  if (g_str_equal (f[0], "wait-active"))
    return count_active () >= g_ascii_strtoull (f[1], NULL, 10);
  if (g_str_equal (f[0], "wait-stdin"))
    return driver.line != NULL;
  if (g_str_equal (f[0], "wait-idle"))
    return !ferry_transfer_runner_get_busy (driver.runner) && all_shown ();
  g_error ("unknown wait %s", f[0]);
  return FALSE;
}

static void
add (FerryTransferDirection direction,
     char                 **f)
{
  guint n = g_strv_length (f);
  gboolean folder = FALSE;
  FerryTransferFlags flags = FERRY_TRANSFER_FLAGS_NONE;
  const char *remote = direction == FERRY_TRANSFER_DOWNLOAD ? f[1] : f[2];
  const char *local = direction == FERRY_TRANSFER_DOWNLOAD ? f[2] : f[1];
  g_autoptr (GFile) file = g_file_new_for_path (local);
  FerryTransfer *transfer;

  for (guint i = 3; i < n; i++)
    {
      if (g_str_equal (f[i], "folder"))
        folder = TRUE;
      else if (g_str_equal (f[i], "resume"))
        flags |= FERRY_TRANSFER_FLAGS_RESUME;
    }
  transfer = ferry_transfer_new (direction, remote, file, folder, flags);
  g_ptr_array_add (driver.added, transfer);
  printf ("ADDED id=%u\n", driver.added->len);
  ferry_transfer_runner_add (driver.runner, transfer);
}

static void
list (void)
{
  GListModel *model = ferry_transfer_runner_get_transfers (driver.runner);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (FerryTransfer) t = g_list_model_get_item (model, i);

      printf ("ITEM pos=%u remote=%s state=%s bytes=%" G_GINT64_FORMAT "\n", i,
              ferry_transfer_get_remote_path (t),
              ferry_transfer_state_to_string (ferry_transfer_get_state (t)),
              ferry_transfer_get_bytes_done (t));
    }
}

static void
run_command (char **f)
{
  if (g_str_equal (f[0], "get"))
    add (FERRY_TRANSFER_DOWNLOAD, f);
  else if (g_str_equal (f[0], "put"))
    add (FERRY_TRANSFER_UPLOAD, f);
  else if (g_str_equal (f[0], "pause"))
    ferry_transfer_runner_pause (driver.runner, find (f[1]));
  else if (g_str_equal (f[0], "resume"))
    ferry_transfer_runner_resume (driver.runner, find (f[1]));
  else if (g_str_equal (f[0], "retry"))
    ferry_transfer_runner_retry (driver.runner, find (f[1]));
  else if (g_str_equal (f[0], "cancel"))
    ferry_transfer_runner_cancel (driver.runner, find (f[1]));
  else if (g_str_equal (f[0], "move"))
    ferry_transfer_runner_move (driver.runner, find (f[1]),
                                g_str_equal (f[2], "up")     ? FERRY_TRANSFER_MOVE_UP
                                : g_str_equal (f[2], "down") ? FERRY_TRANSFER_MOVE_DOWN
                                                             : FERRY_TRANSFER_MOVE_TOP);
  else if (g_str_equal (f[0], "pause-all"))
    ferry_transfer_runner_pause_all (driver.runner);
  else if (g_str_equal (f[0], "resume-all"))
    ferry_transfer_runner_resume_all (driver.runner);
  else if (g_str_equal (f[0], "clear"))
    ferry_transfer_runner_clear_finished (driver.runner);
  else if (g_str_equal (f[0], "max"))
    ferry_transfer_runner_set_max_sessions (driver.runner,
                                            (guint) g_ascii_strtoull (f[1], NULL, 10));
  else if (g_str_equal (f[0], "list"))
    list ();
  else
    g_error ("unknown command %s", f[0]);
}

static void advance (void);

static gboolean
line_cb (GIOChannel   *channel,
         GIOCondition  condition,
         gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  gsize terminator = 0;

  if (g_io_channel_read_line (channel, &driver.line, NULL, &terminator, &error)
      != G_IO_STATUS_NORMAL)
    g_error ("wait-stdin: no command on standard input (%s)", error ? error->message : "end");
  driver.line[terminator] = '\0';
  advance ();
  return G_SOURCE_REMOVE;
}

static void
read_line (void)
{
  if (driver.input == NULL)
    driver.input = g_io_channel_unix_new (0);
  g_io_add_watch (driver.input, G_IO_IN | G_IO_HUP, line_cb, NULL);
}

/* Runs commands until a wait that is not yet satisfied, or the end. A command
 * whose signals call back in here (a state change) leaves the work to the
 * running loop, which looks at the (state-based) wait again: entering twice
 * would start a second wait over the first, losing it. */
static void
advance (void)
{
  if (driver.advancing)
    return;
  driver.advancing = TRUE;
  while (!driver.done)
    {
      if (driver.waiting != NULL)
        {
          if (!wait_satisfied (driver.waiting))
            break;
          printf ("REACHED %s\n", driver.commands[driver.next - 1]);
          g_clear_pointer (&driver.waiting, g_strfreev);
          if (driver.line != NULL)
            {
              g_auto (GStrv) f = g_strsplit (driver.line, "|", -1);

              g_clear_pointer (&driver.line, g_free);
              run_command (f);
            }
        }
      if (driver.commands[driver.next] == NULL)
        {
          driver.done = TRUE;
          g_main_loop_quit (driver.loop);
          break;
        }
      {
        char **f = g_strsplit (driver.commands[driver.next++], "|", -1);

        if (g_str_equal (f[0], "wait-stdin"))
          read_line ();
        if (g_str_has_prefix (f[0], "wait-"))
          driver.waiting = f;
        else
          {
            run_command (f);
            g_strfreev (f);
          }
      }
    }
  driver.advancing = FALSE;
  fflush (stdout);
}

static void
state_cb (FerryTransfer *transfer,
          GParamSpec    *pspec,
          gpointer       user_data)
{
  g_autoptr (GError) error = ferry_transfer_dup_error (transfer);
  g_autofree char *message = ferry_transfer_dup_error_message (transfer);
  guint active = count_active ();

  g_object_set_data (G_OBJECT (transfer), "queue-driver-state",
                     GINT_TO_POINTER (ferry_transfer_get_state (transfer) + 1));
  printf ("STATE remote=%s state=%s bytes=%" G_GINT64_FORMAT " attempts=%u code=%u error=%s\n",
          ferry_transfer_get_remote_path (transfer),
          ferry_transfer_state_to_string (ferry_transfer_get_state (transfer)),
          ferry_transfer_get_bytes_done (transfer), ferry_transfer_get_attempts (transfer),
          ferry_error_get_reply_code (error), message ? message : "");
  if (active > driver.most_active)
    {
      driver.most_active = active;
      printf ("ACTIVE count=%u\n", active);
    }
  advance ();
}

static void
progress_cb (FerryTransfer *transfer,
             GParamSpec    *pspec,
             gpointer       user_data)
{
  if (driver.waiting != NULL)
    advance ();
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (FerryTransfer) t = g_list_model_get_item (model, i);

      /* Moves put the same transfer back in: watch it once. */
      if (g_object_get_data (G_OBJECT (t), "queue-driver") != NULL)
        continue;
      g_object_set_data (G_OBJECT (t), "queue-driver", GINT_TO_POINTER (1));
      g_signal_connect (t, "notify::state", G_CALLBACK (state_cb), NULL);
      g_signal_connect (t, "notify::bytes-done", G_CALLBACK (progress_cb), NULL);
    }
}

static void
busy_cb (GObject    *runner,
         GParamSpec *pspec,
         gpointer    user_data)
{
  advance ();
}

static void
max_cb (GObject    *runner,
        GParamSpec *pspec,
        gpointer    user_data)
{
  printf ("MAX sessions=%u\n", ferry_transfer_runner_get_max_sessions (driver.runner));
}

static void
log_cb (FerryTransferRunner *runner,
        guint                kind,
        const char          *text,
        gpointer             user_data)
{
  fprintf (stderr, "LOG %s\n", text);
}

static gboolean
timeout_cb (gpointer user_data)
{
  printf ("TIMEOUT at %s\n", driver.next > 0 ? driver.commands[driver.next - 1] : "start");
  list ();
  fflush (stdout);
  exit (3);
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *ca_file = NULL;
  g_autofree char *security = NULL;
  int parallel = 2;
  int timeout_s = 120;
  const GOptionEntry entries[] = {
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, "CA file", NULL },
    { "security", 0, 0, G_OPTION_ARG_STRING, &security, "Security mode", NULL },
    { "parallel", 0, 0, G_OPTION_ARG_INT, &parallel, "Sessions at first", NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_s, "Give up after this many seconds", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("URL COMMAND…");
  g_autoptr (GError) error = NULL;
  g_autoptr (FerryEndpoint) ep = NULL;
  g_autoptr (FerryKnownServers) known = ferry_memory_known_servers_new ();

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2)
    {
      fprintf (stderr, "usage: queue-driver [options] URL COMMAND…\n");
      return 2;
    }
  ep = driver_endpoint_new (argv[1], ca_file, security);

  driver.loop = g_main_loop_new (NULL, FALSE);
  driver.added = g_ptr_array_new_with_free_func (g_object_unref);
  driver.commands = g_strdupv (argv + 2);
  driver.runner = ferry_transfer_runner_new (ep, known, g_getenv ("FERRY_PASSWORD"),
                                             (guint) parallel);
  g_signal_connect (ferry_transfer_runner_get_transfers (driver.runner), "items-changed",
                    G_CALLBACK (items_changed_cb), NULL);
  g_signal_connect (driver.runner, "notify::busy", G_CALLBACK (busy_cb), NULL);
  g_signal_connect (driver.runner, "notify::max-sessions", G_CALLBACK (max_cb), NULL);
  g_signal_connect (driver.runner, "log", G_CALLBACK (log_cb), NULL);
  g_timeout_add_seconds (timeout_s, timeout_cb, NULL);

  g_idle_add_once ((GSourceOnceFunc) advance, NULL);
  g_main_loop_run (driver.loop);
  printf ("DONE busy=%d\n", ferry_transfer_runner_get_busy (driver.runner));
  fflush (stdout);

  ferry_transfer_runner_cancel_all (driver.runner);
  g_clear_object (&driver.runner);
  g_ptr_array_unref (driver.added);
  g_strfreev (driver.commands);
  /* The script may end (or time out) while a wait-… step is still pending. */
  g_clear_pointer (&driver.waiting, g_strfreev);
  g_clear_pointer (&driver.line, g_free);
  g_clear_pointer (&driver.input, g_io_channel_unref);
  g_main_loop_unref (driver.loop);
  return 0;
}
