/* engine-driver.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test program that drives FerrySession directly and answers its prompts
 * the way a person in the window would, so that tests/net/test_prompts.py can
 * check prompts, pins and reconnects against real servers.
 *
 *   engine-driver [--answer reject|once|always|none] [--answer-delay-ms N]
 *                 [--pin SHA256] [--connects N] [--ca-file PEM] URL
 *   engine-driver --get REMOTE --to LOCAL [--resume] [--cancel-after-bytes N]
 *                 [--then-list PATH] [--ca-file PEM] URL
 *   engine-driver --list PATH [--repeat N] [--pause-ms M] [--ca-file PEM] URL
 *   engine-driver --put LOCAL --to REMOTE [--resume] URL
 *   engine-driver --put-dir LOCALDIR --to REMOTEDIR URL   (every file, one session, in order)
 *   engine-driver --op VERB:ARG[:ARG] … URL   (on one session, in order; VERB is cwd, mkdir,
 *                 rmdir, rm-r, dele, rename, chmod (octal) or stat), printing
 *   OP verb=<verb> ok=<0|1> result=<…> error=<…>
 *   … --hold: once everything is done and every session is gone, prints HELD and waits
 *   until stdin closes (tests/net/test_capture_memory.py reads the memory then).
 *
 * The password comes from FERRY_PASSWORD; the driver wipes it there once read.
 * For every prompt it prints
 *   PROMPT kind=<certificate|changed|plain> sha256=<hex> previous=<hex,…> downgrade=<0|1>
 * and for every connect
 *   CONNECT ok=<0|1> error=<domain:code> trust=<…> control=<…> data=<…>
 * With --get, on one session: TRANSFER state=<…> bytes=<n> error=<…>, then
 *   LIST ok=<0|1> entries=<n> (the session is still usable after a cancel).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ferry-error.h"
#include "ferry-memory-known-servers.h"
#include "ferry-session.h"
#include "ferry-url.h"

#include "driver-endpoint.h"

static char *answer_name = "none";
static char *password;
static int answer_delay_ms = 0;

typedef struct
{
  FerryPrompt *prompt;
  FerryPromptAnswer answer;
} Delayed;

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
  gpointer result;
} Wait;

static void
transfer_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = ferry_session_transfer_finish (FERRY_SESSION (source), result, &w->error);
  w->done = TRUE;
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  w->result = ferry_session_list_finish (FERRY_SESSION (source), result, &w->error);
  w->done = TRUE;
}

static gint64 cancel_after_bytes = -1;

static gboolean transfer_one (FerrySession          *session,
                              FerryTransferDirection direction,
                              const char            *remote,
                              const char            *local,
                              FerryTransferFlags     flags,
                              GCancellable          *cancellable);

static void
bytes_cb (FerryTransfer *transfer,
          GParamSpec    *pspec,
          gpointer       user_data)
{
  if (cancel_after_bytes >= 0 && ferry_transfer_get_bytes_done (transfer) >= cancel_after_bytes)
    g_cancellable_cancel (user_data);
}

static int
run_get (const FerryEndpoint *ep,
         FerryKnownServers   *known,
         const char          *remote,
         const char          *local,
         gboolean             resume,
         const char          *then_list)
{
  g_autoptr (FerrySession) session = ferry_session_new (ep, known);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  ferry_session_set_password (session, password);
  transfer_one (session, FERRY_TRANSFER_DOWNLOAD, remote, local,
                resume ? FERRY_TRANSFER_FLAGS_RESUME : FERRY_TRANSFER_FLAGS_NONE, cancellable);

  if (then_list != NULL)
    {
      Wait l = { 0 };

      ferry_session_list_async (session, then_list, FERRY_LIST_FLAGS_NONE, NULL, list_cb, &l);
      while (!l.done)
        g_main_context_iteration (NULL, TRUE);
      printf ("LIST ok=%d entries=%u error=%s\n", l.result != NULL,
              l.result ? g_list_model_get_n_items (G_LIST_MODEL (l.result)) : 0,
              l.error ? l.error->message : "");
      g_clear_object (&l.result);
      g_clear_error (&l.error);
    }
  return 0;
}

static gboolean
transfer_one (FerrySession          *session,
              FerryTransferDirection direction,
              const char            *remote,
              const char            *local,
              FerryTransferFlags     flags,
              GCancellable          *cancellable)
{
  g_autoptr (GFile) file = g_file_new_for_path (local);
  g_autoptr (FerryTransfer) transfer = ferry_transfer_new (direction, remote, file, FALSE, flags);
  Wait w = { 0 };

  if (cancellable != NULL)
    g_signal_connect (transfer, "notify::bytes-done", G_CALLBACK (bytes_cb), cancellable);
  ferry_session_transfer_async (session, transfer, cancellable, transfer_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  printf ("TRANSFER name=%s state=%s bytes=%" G_GINT64_FORMAT " error=%s\n", remote,
          ferry_transfer_state_to_string (ferry_transfer_get_state (transfer)),
          ferry_transfer_get_bytes_done (transfer), w.error ? w.error->message : "");
  fflush (stdout);
  g_clear_error (&w.error);
  return ferry_transfer_get_state (transfer) == FERRY_TRANSFER_DONE;
}

static int
run_put (const FerryEndpoint *ep,
         FerryKnownServers   *known,
         const char          *local,
         const char          *remote,
         gboolean             many,
         gboolean             resume)
{
  g_autoptr (FerrySession) session = ferry_session_new (ep, known);
  FerryTransferFlags flags = resume ? FERRY_TRANSFER_FLAGS_RESUME : FERRY_TRANSFER_FLAGS_OVERWRITE;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) dir = NULL;
  const char *name;

  ferry_session_set_password (session, password);
  if (!many)
    return transfer_one (session, FERRY_TRANSFER_UPLOAD, remote, local, flags, NULL) ? 0 : 1;

  dir = g_dir_open (local, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *src = g_build_filename (local, names->pdata[i], NULL);
      g_autofree char *dst = g_strconcat (remote, "/", names->pdata[i], NULL);

      transfer_one (session, FERRY_TRANSFER_UPLOAD, dst, src, flags, NULL);
    }
  return 0;
}

static void
op_cb (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  Wait *w = user_data;
  FerrySession *session = FERRY_SESSION (source);

  if (g_task_get_source_tag (G_TASK (result)) == ferry_session_change_directory_async)
    w->result = ferry_session_change_directory_finish (session, result, &w->error);
  else if (g_task_get_source_tag (G_TASK (result)) == ferry_session_stat_async)
    {
      g_autoptr (FerryRemoteFile) file = ferry_session_stat_finish (session, result, &w->error);

      if (file != NULL)
        w->result = g_strdup_printf ("%s,%" G_GINT64_FORMAT,
                                     ferry_remote_file_get_kind (file) ==
                                             FERRY_REMOTE_FILE_KIND_DIRECTORY
                                         ? "dir"
                                         : "file",
                                     ferry_remote_file_get_size (file));
    }
  else if (ferry_session_operation_finish (session, result, &w->error))
    w->result = g_strdup ("done");
  w->done = TRUE;
}

static int
run_ops (const FerryEndpoint *ep,
         FerryKnownServers   *known,
         char               **ops)
{
  g_autoptr (FerrySession) session = ferry_session_new (ep, known);

  ferry_session_set_password (session, password);
  for (guint i = 0; ops[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (ops[i], ":", 3);
      const char *verb = parts[0];
      const char *a = parts[1] ? parts[1] : "";
      const char *b = parts[1] && parts[2] ? parts[2] : "";
      Wait w = { 0 };

      if (g_str_equal (verb, "cwd"))
        ferry_session_change_directory_async (session, a, NULL, op_cb, &w);
      else if (g_str_equal (verb, "stat"))
        ferry_session_stat_async (session, a, NULL, op_cb, &w);
      else if (g_str_equal (verb, "mkdir"))
        ferry_session_mkdir_async (session, a, NULL, op_cb, &w);
      else if (g_str_equal (verb, "rmdir"))
        ferry_session_delete_async (session, a, TRUE, FALSE, NULL, op_cb, &w);
      else if (g_str_equal (verb, "rm-r"))
        ferry_session_delete_async (session, a, TRUE, TRUE, NULL, op_cb, &w);
      else if (g_str_equal (verb, "dele"))
        ferry_session_delete_async (session, a, FALSE, FALSE, NULL, op_cb, &w);
      else if (g_str_equal (verb, "rename"))
        ferry_session_rename_async (session, a, b, NULL, op_cb, &w);
      else if (g_str_equal (verb, "chmod"))
        ferry_session_chmod_async (session, a, (guint) g_ascii_strtoull (b, NULL, 8), NULL, op_cb,
                                   &w);
      else
        {
          fprintf (stderr, "unknown operation %s\n", verb);
          return 2;
        }
      while (!w.done)
        g_main_context_iteration (NULL, TRUE);
      printf ("OP verb=%s ok=%d result=%s error=%s\n", verb, w.result != NULL,
              w.result ? (char *) w.result : "", w.error ? w.error->message : "");
      fflush (stdout);
      g_free (w.result);
      g_clear_error (&w.error);
    }
  return 0;
}

static int
run_lists (const FerryEndpoint *ep,
           FerryKnownServers   *known,
           const char          *path,
           int                  repeat,
           int                  pause_ms)
{
  g_autoptr (FerrySession) session = ferry_session_new (ep, known);

  ferry_session_set_password (session, password);
  for (int i = 0; i < repeat; i++)
    {
      Wait l = { 0 };

      if (i > 0)
        g_usleep ((gulong) pause_ms * 1000);
      ferry_session_list_async (session, path, FERRY_LIST_FLAGS_SHOW_HIDDEN, NULL, list_cb, &l);
      while (!l.done)
        g_main_context_iteration (NULL, TRUE);
      printf ("LIST ok=%d entries=%u warnings=%u error=%s\n", l.result != NULL,
              l.result ? g_list_model_get_n_items (G_LIST_MODEL (l.result)) : 0,
              l.result ? ferry_listing_get_n_warnings (l.result) : 0,
              l.error ? l.error->message : "");
      fflush (stdout);
      g_clear_object (&l.result);
      g_clear_error (&l.error);
    }
  return 0;
}

static gboolean
answer_later_cb (gpointer data)
{
  Delayed *d = data;

  ferry_prompt_respond (d->prompt, d->answer);
  g_object_unref (d->prompt);
  g_free (d);
  return G_SOURCE_REMOVE;
}

static void
prompt_cb (FerrySession *session,
           FerryPrompt  *prompt,
           gpointer      user_data)
{
  const char *kinds[] = { "certificate", "changed", "plain" };
  FerryCertificate *cert = ferry_prompt_get_certificate (prompt);
  GPtrArray *previous = ferry_prompt_get_previous_pins (prompt);
  g_autoptr (GString) prev = g_string_new (NULL);
  FerryPromptAnswer answer;
  Delayed *d;

  for (guint i = 0; previous != NULL && i < previous->len; i++)
    g_string_append_printf (prev, "%s%s", i ? "," : "",
                            ((FerryPin *) g_ptr_array_index (previous, i))->sha256);
  printf ("PROMPT kind=%s sha256=%s previous=%s downgrade=%d\n",
          kinds[ferry_prompt_get_kind (prompt)], cert ? ferry_certificate_get_sha256 (cert) : "",
          prev->str, ferry_prompt_get_downgrade_warning (prompt));
  fflush (stdout);

  if (g_str_equal (answer_name, "none"))
    return; /* dropped unanswered: must count as rejected */
  if (g_str_equal (answer_name, "once"))
    answer = FERRY_PROMPT_ANSWER_ACCEPT_ONCE;
  else if (g_str_equal (answer_name, "always"))
    answer = FERRY_PROMPT_ANSWER_ACCEPT_ALWAYS;
  else
    answer = FERRY_PROMPT_ANSWER_REJECT;

  d = g_new0 (Delayed, 1);
  d->prompt = g_object_ref (prompt);
  d->answer = answer;
  g_timeout_add (answer_delay_ms, answer_later_cb, d);
}

static void
connect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  if (!ferry_session_connect_finish (FERRY_SESSION (source), result, error) && *error == NULL)
    g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_FAILED, "failed without an error");
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "ok");
}

/* FERRY_PASSWORD, copied; the environment's copy is wiped, as ferry-cli does. */
static char *
take_password (void)
{
  char *env = (char *) g_getenv ("FERRY_PASSWORD");
  char *copy = g_strdup (env);

  if (env != NULL)
    explicit_bzero (env, strlen (env));
  return copy;
}

static int
run (int            rc,
     gboolean       hold)
{
  char buffer[64];

  if (password != NULL)
    explicit_bzero (password, strlen (password));
  g_clear_pointer (&password, g_free);
  if (!hold)
    return rc;
  ferry_session_wait_for_workers (5000);
  /* Events still on their way (batched a few ms, ferry-session.c's EVENTS_DELAY_MS) hold
   * the session's shared state until they are delivered. */
  for (gint64 end = g_get_monotonic_time () + 500 * 1000; g_get_monotonic_time () < end;)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10 * 1000);
  printf ("HELD\n");
  fflush (stdout);
  while (read (STDIN_FILENO, buffer, sizeof buffer) > 0)
    ;
  return rc;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *pin = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *security = NULL;
  int connects = 1;
  g_autofree char *get = NULL;
  g_autofree char *to = NULL;
  g_autofree char *then_list = NULL;
  gboolean resume = FALSE;
  g_autofree char *list_path = NULL;
  g_autofree char *put = NULL;
  g_auto (GStrv) ops = NULL;
  g_autofree char *put_dir = NULL;
  gboolean active = FALSE;
  int repeat = 1;
  int pause_ms = 0;
  gboolean hold = FALSE;
  const GOptionEntry entries[] = {
    { "get", 0, 0, G_OPTION_ARG_STRING, &get, "Download this remote path", NULL },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to, "… to this local file (or remote path)", NULL },
    { "resume", 0, 0, G_OPTION_ARG_NONE, &resume, "Resume a .part", NULL },
    { "cancel-after-bytes", 0, 0, G_OPTION_ARG_INT64, &cancel_after_bytes, "Cancel then", NULL },
    { "then-list", 0, 0, G_OPTION_ARG_STRING, &then_list, "List this folder after", NULL },
    { "list", 0, 0, G_OPTION_ARG_STRING, &list_path, "List this folder", NULL },
    { "put", 0, 0, G_OPTION_ARG_FILENAME, &put, "Upload this local file", NULL },
    { "op", 0, 0, G_OPTION_ARG_STRING_ARRAY, &ops, "An operation VERB:ARG[:ARG]", NULL },
    { "put-dir", 0, 0, G_OPTION_ARG_FILENAME, &put_dir, "Upload every file of this folder", NULL },
    { "active", 0, 0, G_OPTION_ARG_NONE, &active, "Active mode (EPRT/PORT)", NULL },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "… this many times on one session", NULL },
    { "pause-ms", 0, 0, G_OPTION_ARG_INT, &pause_ms, "… pausing between", NULL },
    { "answer", 0, 0, G_OPTION_ARG_STRING, &answer_name, "reject, once, always or none", NULL },
    { "answer-delay-ms", 0, 0, G_OPTION_ARG_INT, &answer_delay_ms, "Delay before answering", NULL },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin, "A fingerprint pinned before the first connect", NULL },
    { "connects", 0, 0, G_OPTION_ARG_INT, &connects, "Connects in a row (new sessions)", NULL },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, "CA file", NULL },
    { "security", 0, 0, G_OPTION_ARG_STRING, &security, "Security mode", NULL },
    { "hold", 0, 0, G_OPTION_ARG_NONE, &hold, "At the end, wait until stdin closes", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("URL");
  g_autoptr (GError) error = NULL;
  g_autoptr (FerryEndpoint) ep = NULL;
  g_autoptr (FerryKnownServers) known = ferry_memory_known_servers_new ();

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr, "usage: engine-driver [options] URL\n");
      return 2;
    }
  ep = driver_endpoint_new (argv[1], ca_file, security);
  ep->transfer_mode = active ? FERRY_TRANSFER_MODE_ACTIVE : FERRY_TRANSFER_MODE_PASSIVE;

  if (pin != NULL)
    {
      g_autoptr (FerryPin) p = ferry_pin_new (pin);

      g_assert_nonnull (p->sha256);
      p->subject = g_strdup ("CN=an older certificate");
      ferry_known_servers_add_pin (known, ep->host, ferry_endpoint_get_effective_port (ep), p,
                                   FALSE);
    }

  password = take_password ();
  if (get != NULL)
    return run (run_get (ep, known, get, to, resume, then_list), hold);
  if (ops != NULL)
    return run (run_ops (ep, known, ops), hold);
  if (put != NULL || put_dir != NULL)
    return run (run_put (ep, known, put ? put : put_dir, to, put_dir != NULL, resume), hold);
  if (list_path != NULL)
    return run (run_lists (ep, known, list_path, repeat, pause_ms), hold);

  for (int i = 0; i < connects; i++)
    {
      g_autoptr (FerrySession) session = ferry_session_new (ep, known);
      g_autoptr (FerrySecurityStatus) st = NULL;
      GError *result = NULL;
      gboolean ok;

      ferry_session_set_password (session, password);
      g_signal_connect (session, "prompt", G_CALLBACK (prompt_cb), NULL);
      ferry_session_connect_async (session, NULL, connect_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);

      ok = g_error_matches (result, G_IO_ERROR, G_IO_ERROR_EXISTS);
      st = ferry_session_dup_security_status (session);
      printf ("CONNECT ok=%d error=%s:%d trust=%s control=%s data=%s message=%s\n", ok,
              ok ? "none" : g_quark_to_string (result->domain), ok ? 0 : result->code,
              ferry_certificate_trust_to_string (st->trust),
              ferry_control_channel_to_string (st->control),
              ferry_data_channel_to_string (st->data), ok ? "" : result->message);
      fflush (stdout);
      g_clear_error (&result);
    }
  return run (0, hold);
}
