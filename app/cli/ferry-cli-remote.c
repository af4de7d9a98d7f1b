/* ferry-cli-remote.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ferry-cli-json.h"
#include "ferry-cli-remote.h"
#include "ferry-error.h"
#include "ferry-transfer-runner.h"

#define PROGRESS_INTERVAL_MS 250
#define RATE_SAMPLES         12 /* 3 s of progress ticks */

void
ferry_cli_remote_init (FerryCliRemote *remote,
                       const char     *command)
{
  memset (remote, 0, sizeof *remote);
  remote->command = command;
  remote->cancellable = g_cancellable_new ();
}

void
ferry_cli_remote_clear (FerryCliRemote *remote)
{
  ferry_cli_options_clear (&remote->options);
  g_clear_pointer (&remote->endpoint, ferry_endpoint_free);
  g_clear_object (&remote->known);
  g_clear_pointer (&remote->password, ferry_cli_wipe_password);
  g_clear_pointer (&remote->url_path, g_free);
  g_clear_object (&remote->session);
  g_clear_object (&remote->cancellable);
}

int
ferry_cli_remote_parse (FerryCliRemote     *remote,
                        GOptionContext     *context,
                        const GOptionEntry *entries,
                        int                *argc,
                        char             ***argv)
{
  g_autoptr (GError) error = NULL;

  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, ferry_cli_options_group (&remote->options));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr (_("ferry-cli %s: %s\nRun “ferry-cli %s --help” for the options.\n"),
                  remote->command, error->message, remote->command);
      return FERRY_EXIT_USAGE;
    }
  return -1;
}

gboolean
ferry_cli_remote_open (FerryCliRemote *remote,
                       const char     *target,
                       GError        **error)
{
  g_autofree char *path = NULL;
  const char *slash;

  if (!ferry_cli_make_endpoint (&remote->options, target, &remote->endpoint, &path,
                                &remote->password, error))
    return FALSE;
  if (remote->password == NULL && !ferry_cli_get_password (remote->endpoint, &remote->password,
                                                           error))
    return FALSE;

  /* "…/folder/" names a folder; the parsed path may have lost the slash. */
  slash = target ? strrchr (target, '/') : NULL;
  remote->url_names_folder = path != NULL && slash != NULL && slash[1] == '\0';
  remote->url_path = g_steal_pointer (&path);
  remote->known = ferry_cli_known_servers ();
  return TRUE;
}

int
ferry_cli_remote_fail (FerryCliRemote *remote,
                       const GError   *error)
{
  FerryPrompt *rejected = ferry_cli_get_rejected_prompt ();

  ferry_cli_print_error (error);
  if ((g_error_matches (error, FERRY_ERROR, FERRY_ERROR_CERTIFICATE_UNTRUSTED) ||
       g_error_matches (error, FERRY_ERROR, FERRY_ERROR_CERTIFICATE_CHANGED)) &&
      rejected != NULL && ferry_prompt_get_certificate (rejected) != NULL)
    g_printerr (_("If you have checked the fingerprint with the server's administrator, trust "
                  "it with\n  --trust-fingerprint %s\nor give the certificate authority that "
                  "signed it with --ca-file FILE.\n"),
                ferry_certificate_get_sha256 (ferry_prompt_get_certificate (rejected)));
  return ferry_cli_exit_code_for_error (error);
}

void
ferry_cli_remote_print_result (FerryCliRemote *remote,
                               const char     *path,
                               const GError   *error,
                               int             exit_code)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;

  if (!remote->options.json)
    return;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, error == NULL);
  json_builder_set_member_name (builder, "command");
  json_builder_add_string_value (builder, remote->command);
  json_builder_set_member_name (builder, "path");
  if (path != NULL)
    json_builder_add_string_value (builder, path);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "exit_code");
  json_builder_add_int_value (builder, exit_code);
  json_builder_set_member_name (builder, "error");
  if (error != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, ferry_cli_error_name (error));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  text = ferry_cli_json_to_string (node);
  printf ("%s\n", text);
}

/* ---- paths ---- */

/* "/a//b/" → "/a/b"; "" → "/". */
static char *
normalize (const char *path)
{
  GString *out = g_string_new ("/");

  for (const char *p = path; *p != '\0'; p++)
    {
      if (*p == '/' && out->str[out->len - 1] == '/')
        continue;
      g_string_append_c (out, *p);
    }
  if (out->len > 1 && out->str[out->len - 1] == '/')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

char *
ferry_cli_remote_basename (const char *path)
{
  g_autofree char *normal = normalize (path);
  const char *slash = strrchr (normal, '/');

  return g_strdup (slash + 1);
}

char *
ferry_cli_remote_dirname (const char *path)
{
  g_autofree char *normal = normalize (path);
  char *slash = strrchr (normal, '/');

  if (slash == normal)
    return g_strdup ("/");
  return g_strndup (normal, slash - normal);
}

char *
ferry_cli_remote_resolve (FerryCliRemote *remote,
                          const char     *path,
                          GError        **error)
{
  g_autofree char *home = NULL;
  const char *rest;

  if (path != NULL && path[0] == '/' && path[1] == '~' && (path[2] == '\0' || path[2] == '/'))
    path++;
  if (path != NULL && path[0] == '/')
    return normalize (path);

  if (path == NULL || path[0] == '\0' || g_str_equal (path, "~"))
    rest = "";
  else if (g_str_has_prefix (path, "~/"))
    rest = path + 2;
  else
    rest = path;

  if (!ferry_cli_remote_connect (remote, error))
    return NULL;
  home = ferry_session_dup_home_directory (remote->session);
  {
    g_autofree char *joined = g_strconcat (home ? home : "/", "/", rest, NULL);

    return normalize (joined);
  }
}

/* ---- the browsing session, waited for ---- */

typedef struct
{
  gboolean done;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static FerrySession *
get_session (FerryCliRemote *remote)
{
  if (remote->session == NULL)
    {
      remote->session = ferry_session_new (remote->endpoint, remote->known);
      ferry_session_set_password (remote->session, remote->password);
      ferry_cli_attach_session (G_OBJECT (remote->session), &remote->options);
    }
  return remote->session;
}

gboolean
ferry_cli_remote_connect (FerryCliRemote *remote,
                          GError        **error)
{
  FerrySession *session = get_session (remote);
  Wait wait = { 0 };
  gboolean ok;

  if (ferry_session_is_connected (session))
    return TRUE;
  ferry_session_connect_async (session, remote->cancellable, wait_cb, &wait);
  ferry_cli_run_until (&wait.done, remote->cancellable);
  ok = ferry_session_connect_finish (session, wait.result, error);
  g_object_unref (wait.result);
  return ok;
}

GListModel *
ferry_cli_remote_list (FerryCliRemote *remote,
                       const char     *path,
                       gboolean        hidden,
                       GError        **error)
{
  FerrySession *session = get_session (remote);
  Wait wait = { 0 };
  FerryListing *listing;

  ferry_session_list_async (session, path,
                            hidden ? FERRY_LIST_FLAGS_SHOW_HIDDEN : FERRY_LIST_FLAGS_NONE,
                            remote->cancellable, wait_cb, &wait);
  ferry_cli_run_until (&wait.done, remote->cancellable);
  listing = ferry_session_list_finish (session, wait.result, error);
  g_object_unref (wait.result);
  return listing ? G_LIST_MODEL (listing) : NULL;
}

FerryRemoteFile *
ferry_cli_remote_stat (FerryCliRemote *remote,
                       const char     *path,
                       GError        **error)
{
  FerrySession *session = get_session (remote);
  Wait wait = { 0 };
  FerryRemoteFile *file;

  ferry_session_stat_async (session, path, remote->cancellable, wait_cb, &wait);
  ferry_cli_run_until (&wait.done, remote->cancellable);
  file = ferry_session_stat_finish (session, wait.result, error);
  g_object_unref (wait.result);
  return file;
}

static gboolean
finish_operation (FerryCliRemote *remote,
                  Wait           *wait,
                  GError        **error)
{
  gboolean ok;

  ferry_cli_run_until (&wait->done, remote->cancellable);
  ok = ferry_session_operation_finish (remote->session, wait->result, error);
  g_object_unref (wait->result);
  return ok;
}

gboolean
ferry_cli_remote_mkdir (FerryCliRemote *remote,
                        const char     *path,
                        GError        **error)
{
  Wait wait = { 0 };

  ferry_session_mkdir_async (get_session (remote), path, remote->cancellable, wait_cb, &wait);
  return finish_operation (remote, &wait, error);
}

gboolean
ferry_cli_remote_delete (FerryCliRemote *remote,
                         const char     *path,
                         gboolean        is_folder,
                         gboolean        recursive,
                         GError        **error)
{
  Wait wait = { 0 };

  ferry_session_delete_async (get_session (remote), path, is_folder, recursive,
                              remote->cancellable, wait_cb, &wait);
  return finish_operation (remote, &wait, error);
}

gboolean
ferry_cli_remote_rename (FerryCliRemote *remote,
                         const char     *from,
                         const char     *to,
                         GError        **error)
{
  Wait wait = { 0 };

  ferry_session_rename_async (get_session (remote), from, to, remote->cancellable, wait_cb,
                              &wait);
  return finish_operation (remote, &wait, error);
}

void
ferry_cli_remote_close (FerryCliRemote *remote)
{
  if (remote->session != NULL)
    g_signal_handlers_disconnect_matched (remote->session, G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                          NULL, &remote->options);
  g_clear_object (&remote->session);
}

/* ---- transfers through the runner ---- */

typedef struct
{
  FerryCliRemote *remote;
  FerryTransferRunner *runner;
  FerryTransfer *top;
  gboolean done;
  gboolean tty;
  GHashTable *reported;   /* FerryTransfer* whose failure was printed */
  GHashTable *notes;      /* char*: notes printed */
  GError *first_error;
  char *current;          /* the file most recently started, for people */
  gint64 started_at;
  gint64 sample_time[RATE_SAMPLES];
  gint64 sample_bytes[RATE_SAMPLES];
  guint n_samples;
  gboolean line_shown;
} TransferRun;

/* How a transfer is named on the terminal: the remote path for downloads,
 * the local one for uploads; valid UTF-8. */
static char *
display_path (FerryTransfer *transfer)
{
  g_autofree char *local = g_file_get_parse_name (ferry_transfer_get_local_file (transfer));
  const char *path = ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_DOWNLOAD
                       ? ferry_transfer_get_remote_path (transfer)
                       : local;

  return g_utf8_make_valid (path, -1);
}

static void
clear_line (TransferRun *run)
{
  if (run->line_shown)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
      run->line_shown = FALSE;
    }
}

static void
report_failure (TransferRun   *run,
                FerryTransfer *transfer,
                const GError  *error)
{
  g_autofree char *path = NULL;

  if (transfer == run->top && ferry_transfer_get_is_folder (transfer))
    return; /* the sum of its children, each reported */
  if (!g_hash_table_add (run->reported, transfer))
    return;
  if (run->first_error == NULL)
    run->first_error = g_error_copy (error);
  clear_line (run);
  path = display_path (transfer);
  g_printerr ("ferry-cli: %s: %s\n", path, error->message);
}

static void
state_cb (FerryTransfer *transfer,
          GParamSpec    *pspec,
          gpointer       user_data)
{
  TransferRun *run = user_data;
  FerryTransferState state = ferry_transfer_get_state (transfer);

  if (state == FERRY_TRANSFER_ACTIVE && !ferry_transfer_get_is_folder (transfer))
    {
      g_autofree char *path = display_path (transfer);
      const char *slash = strrchr (path, '/');

      g_free (run->current);
      run->current = g_strdup (slash && slash[1] ? slash + 1 : path);
    }
  else if (state == FERRY_TRANSFER_FAILED)
    {
      /* Only the runner's final word: a failure that is retried has none. */
      g_autoptr (GError) error = ferry_transfer_dup_error (transfer);

      if (error != NULL)
        report_failure (run, transfer, error);
    }
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
      g_autoptr (FerryTransfer) transfer = g_list_model_get_item (model, i);

      g_signal_connect (transfer, "notify::state", G_CALLBACK (state_cb), user_data);
    }
}

static void
runner_log_cb (FerryTransferRunner *runner,
               guint                kind,
               const char          *text,
               gpointer             user_data)
{
  TransferRun *run = user_data;
  const char *bare = text;

  /* With -v the whole log goes to stderr already; otherwise the notes do,
   * once each, whichever session wrote them. */
  if (run->remote->options.verbose || kind != FERRY_LOG_WARNING)
    return;
  if (bare[0] == '[')
    {
      const char *end = strstr (bare, "] ");

      if (end != NULL)
        bare = end + 2;
    }
  if (!g_hash_table_add (run->notes, g_strdup (bare)))
    return;
  clear_line (run);
  g_printerr (_("ferry-cli: note: %s\n"), bare);
}

static void
finished_cb (FerryTransferRunner *runner,
             gpointer             user_data)
{
  TransferRun *run = user_data;

  run->done = TRUE;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  TransferRun *run = user_data;

  ferry_transfer_runner_cancel_all (run->runner);
}

static guint
terminal_width (void)
{
  struct winsize ws;

  if (ioctl (STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
    return ws.ws_col;
  return 80;
}

static gboolean
progress_cb (gpointer user_data)
{
  TransferRun *run = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 done = ferry_transfer_get_bytes_done (run->top);
  gint64 total = ferry_transfer_get_total (run->top);
  g_autofree char *done_text = g_format_size (done);
  g_autofree char *total_text = total >= 0 ? g_format_size (total) : NULL;
  g_autofree char *rate_text = NULL;
  g_autoptr (GString) line = g_string_new (NULL);
  double rate = 0;
  guint width = terminal_width () - 1;

  /* The rate over the last few seconds. */
  if (run->n_samples == RATE_SAMPLES)
    {
      memmove (run->sample_time, run->sample_time + 1, sizeof (gint64) * (RATE_SAMPLES - 1));
      memmove (run->sample_bytes, run->sample_bytes + 1, sizeof (gint64) * (RATE_SAMPLES - 1));
      run->n_samples--;
    }
  run->sample_time[run->n_samples] = now;
  run->sample_bytes[run->n_samples] = done;
  run->n_samples++;
  if (now > run->sample_time[0] && done >= run->sample_bytes[0])
    rate = (double) (done - run->sample_bytes[0]) * G_USEC_PER_SEC /
           (double) (now - run->sample_time[0]);
  rate_text = g_format_size ((guint64) rate);

  if (total_text != NULL && total > 0)
    g_string_append_printf (line, "%s / %s (%d%%)", done_text, total_text,
                            (int) MIN (100, done * 100 / total));
  else
    g_string_append (line, done_text);
  g_string_append_printf (line, "  %s/s", rate_text);
  if (run->current != NULL)
    {
      glong room = (glong) width - (glong) g_utf8_strlen (line->str, -1) - 2;
      glong len = g_utf8_strlen (run->current, -1);

      if (room > 4)
        {
          g_string_append (line, "  ");
          if (len <= room)
            g_string_append (line, run->current);
          else
            {
              g_string_append (line, "…");
              g_string_append (line, g_utf8_offset_to_pointer (run->current, len - room + 1));
            }
        }
    }
  fprintf (stderr, "\r%s\033[K", line->str);
  fflush (stderr);
  run->line_shown = TRUE;
  return G_SOURCE_CONTINUE;
}

static void
print_json_summary (TransferRun *run,
                    guint        n_items,
                    guint        n_done,
                    guint        n_failed,
                    gboolean     interrupted,
                    double       seconds,
                    int          exit_code)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;
  GListModel *transfers = ferry_transfer_runner_get_transfers (run->runner);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, exit_code == FERRY_EXIT_OK);
  json_builder_set_member_name (builder, "direction");
  json_builder_add_string_value (builder, ferry_transfer_get_direction (run->top) ==
                                              FERRY_TRANSFER_DOWNLOAD ? "download" : "upload");
  json_builder_set_member_name (builder, "items");
  json_builder_add_int_value (builder, n_items);
  json_builder_set_member_name (builder, "done");
  json_builder_add_int_value (builder, n_done);
  json_builder_set_member_name (builder, "failed");
  json_builder_add_int_value (builder, n_failed);
  json_builder_set_member_name (builder, "interrupted");
  json_builder_add_boolean_value (builder, interrupted);
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, ferry_transfer_get_bytes_done (run->top));
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, seconds);
  json_builder_set_member_name (builder, "exit_code");
  json_builder_add_int_value (builder, exit_code);
  json_builder_set_member_name (builder, "failures");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (transfers); i++)
    {
      g_autoptr (FerryTransfer) transfer = g_list_model_get_item (transfers, i);
      g_autoptr (GError) error = ferry_transfer_dup_error (transfer);
      g_autofree char *path = NULL;

      if (error == NULL || (transfer == run->top && ferry_transfer_get_is_folder (transfer)))
        continue;
      path = display_path (transfer);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, path);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, ferry_cli_error_name (error));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  text = ferry_cli_json_to_string (node);
  printf ("%s\n", text);
}

int
ferry_cli_remote_run_transfer (FerryCliRemote *remote,
                               FerryTransfer  *transfer,
                               guint           parallel)
{
  TransferRun run = { 0 };
  GListModel *transfers;
  g_autofree char *bytes_text = NULL;
  g_autofree char *name = NULL;
  guint n_items = 0, n_done = 0, n_failed = 0;
  gboolean is_folder = ferry_transfer_get_is_folder (transfer);
  gboolean interrupted;
  gulong cancel_id;
  guint progress_id = 0;
  double seconds;
  int exit_code;

  run.remote = remote;
  run.top = transfer;
  run.reported = g_hash_table_new (NULL, NULL);
  run.notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.tty = isatty (STDERR_FILENO) && !remote->options.json;
  run.started_at = g_get_monotonic_time ();
  run.runner = ferry_transfer_runner_new (remote->endpoint, remote->known, remote->password,
                                          parallel);

  /* The runner's prompt and log signals have the session's signatures, so
   * the session's terminal handlers serve it as well. */
  ferry_cli_attach_session (G_OBJECT (run.runner), &remote->options);
  g_signal_connect (run.runner, "log", G_CALLBACK (runner_log_cb), &run);
  g_signal_connect (run.runner, "finished", G_CALLBACK (finished_cb), &run);
  transfers = ferry_transfer_runner_get_transfers (run.runner);
  g_signal_connect (transfers, "items-changed", G_CALLBACK (items_changed_cb), &run);
  cancel_id = g_cancellable_connect (remote->cancellable, G_CALLBACK (cancelled_cb), &run, NULL);
  if (run.tty)
    progress_id = g_timeout_add (PROGRESS_INTERVAL_MS, progress_cb, &run);

  ferry_transfer_runner_add (run.runner, transfer);
  run.done = !ferry_transfer_runner_get_busy (run.runner);
  ferry_cli_run_until (&run.done, remote->cancellable);

  g_clear_handle_id (&progress_id, g_source_remove);
  g_cancellable_disconnect (remote->cancellable, cancel_id);
  clear_line (&run);
  interrupted = g_cancellable_is_cancelled (remote->cancellable);
  seconds = (double) (g_get_monotonic_time () - run.started_at) / G_USEC_PER_SEC;

  /* Count, and report what the notifications did not (they are idles). */
  for (guint i = 0; i < g_list_model_get_n_items (transfers); i++)
    {
      g_autoptr (FerryTransfer) item = g_list_model_get_item (transfers, i);
      FerryTransferState state = ferry_transfer_get_state (item);

      g_signal_handlers_disconnect_by_func (item, state_cb, &run);
      if (item == transfer && is_folder)
        continue;
      n_items++;
      if (state == FERRY_TRANSFER_DONE)
        n_done++;
      else if (state == FERRY_TRANSFER_FAILED)
        {
          g_autoptr (GError) error = ferry_transfer_dup_error (item);

          n_failed++;
          if (error == NULL)
            error = g_error_new_literal (FERRY_ERROR, FERRY_ERROR_FAILED,
                                         ferry_transfer_get_direction (item)
                                             == FERRY_TRANSFER_DOWNLOAD
                                           ? _("The download failed.")
                                           : _("The upload failed."));
          report_failure (&run, item, error);
        }
    }

  if (interrupted)
    exit_code = FERRY_EXIT_CANCELLED;
  else if (run.first_error != NULL)
    exit_code = ferry_cli_exit_code_for_error (run.first_error);
  else if (n_done < n_items || ferry_transfer_get_state (transfer) != FERRY_TRANSFER_DONE)
    exit_code = FERRY_EXIT_FAILED;
  else
    exit_code = FERRY_EXIT_OK;

  bytes_text = g_format_size (ferry_transfer_get_bytes_done (transfer));
  name = display_path (transfer);
  if (remote->options.json)
    print_json_summary (&run, n_items, n_done, n_failed, interrupted, seconds, exit_code);
  else if (interrupted)
    {
      gboolean down = ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_DOWNLOAD;

      g_printerr (down ? g_dngettext (GETTEXT_PACKAGE,
                                      "Interrupted: %u of %u file downloaded (%s).%s\n",
                                      "Interrupted: %u of %u files downloaded (%s).%s\n", n_items)
                       : g_dngettext (GETTEXT_PACKAGE,
                                      "Interrupted: %u of %u file uploaded (%s).%s\n",
                                      "Interrupted: %u of %u files uploaded (%s).%s\n", n_items),
                  n_done, n_items, bytes_text,
                  down ? _(" Partial downloads are kept as NAME.part: run the same command with "
                           "--continue to resume.")
                       : _(" Run the same command with --continue to resume."));
    }
  else
    {
      gint64 bytes = ferry_transfer_get_bytes_done (transfer);
      g_autofree char *rate = g_format_size ((guint64) (seconds > 0 ? bytes / seconds : 0));

      gboolean down = ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_DOWNLOAD;

      if (!is_folder && exit_code == FERRY_EXIT_OK)
        g_printerr (down ? _("Downloaded %s (%s) in %.1f s, %s/s.\n")
                         : _("Uploaded %s (%s) in %.1f s, %s/s.\n"),
                    name, bytes_text, seconds, rate);
      else if (!is_folder)
        g_printerr (down ? _("Could not download %s.\n") : _("Could not upload %s.\n"), name);
      else if (exit_code == FERRY_EXIT_OK)
        g_printerr (down ? g_dngettext (GETTEXT_PACKAGE,
                                        "Downloaded %u file (%s) in %.1f s, %s/s.\n",
                                        "Downloaded %u files (%s) in %.1f s, %s/s.\n", n_done)
                         : g_dngettext (GETTEXT_PACKAGE,
                                        "Uploaded %u file (%s) in %.1f s, %s/s.\n",
                                        "Uploaded %u files (%s) in %.1f s, %s/s.\n", n_done),
                    n_done, bytes_text, seconds, rate);
      else
        g_printerr (down ? g_dngettext (GETTEXT_PACKAGE,
                                        "Downloaded %u of %u item (%s) in %.1f s; %u failed.\n",
                                        "Downloaded %u of %u items (%s) in %.1f s; %u failed.\n",
                                        n_items)
                         : g_dngettext (GETTEXT_PACKAGE,
                                        "Uploaded %u of %u item (%s) in %.1f s; %u failed.\n",
                                        "Uploaded %u of %u items (%s) in %.1f s; %u failed.\n",
                                        n_items),
                    n_done, n_items, bytes_text, seconds, n_failed);
    }

  g_signal_handlers_disconnect_by_data (transfers, &run);
  g_signal_handlers_disconnect_by_data (run.runner, &run);
  g_signal_handlers_disconnect_by_data (run.runner, &remote->options);
  g_clear_object (&run.runner);
  g_hash_table_unref (run.reported);
  g_hash_table_unref (run.notes);
  g_clear_error (&run.first_error);
  g_free (run.current);
  return exit_code;
}

int
ferry_cli_transfer_parse (FerryCliRemote          *remote,
                          FerryCliTransferOptions *options,
                          gboolean                 upload,
                          GOptionContext          *context,
                          int                      min_args,
                          int                      max_args,
                          const char              *usage,
                          int                     *argc,
                          char                  ***argv)
{
  const GOptionEntry entries[] = {
    { "recursive", 'r', 0, G_OPTION_ARG_NONE, &options->recursive,
      upload ? N_("Upload a folder and everything in it")
             : N_("Download a folder and everything in it"),
      NULL },
    { "parallel", 0, 0, G_OPTION_ARG_INT, &options->parallel,
      N_("Connections to transfer on at once (1–10, default 2)"), "N" },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &options->overwrite,
      upload ? N_("Replace files on the server") : N_("Replace local files that exist"), NULL },
    { "continue", 'c', 0, G_OPTION_ARG_NONE, &options->resume,
      upload ? N_("Resume interrupted uploads (a shorter file on the server)")
             : N_("Resume interrupted downloads (NAME.part)"),
      NULL },
    { "preserve-times", 'p', 0, G_OPTION_ARG_NONE, &options->preserve,
      upload ? N_("Give the files on the server the local modification times")
             : N_("Give the files the server's modification times"),
      NULL },
    { NULL }
  };
  int exit_code;

  *options = (FerryCliTransferOptions) { .parallel = 2 };
  exit_code = ferry_cli_remote_parse (remote, context, entries, argc, argv);
  if (exit_code < 0 && (*argc < min_args + 1 || *argc > max_args + 1))
    {
      g_printerr ("ferry-cli %s: %s\n", upload ? "put" : "get", usage);
      exit_code = FERRY_EXIT_USAGE;
    }
  if (exit_code < 0 && (options->parallel < FERRY_TRANSFER_RUNNER_MIN_SESSIONS ||
                        options->parallel > FERRY_TRANSFER_RUNNER_MAX_SESSIONS))
    {
      g_printerr (_("ferry-cli %s: --parallel takes 1 to 10.\n"), upload ? "put" : "get");
      exit_code = FERRY_EXIT_USAGE;
    }
  return exit_code;
}

FerryTransferFlags
ferry_cli_transfer_flags (const FerryCliTransferOptions *options)
{
  FerryTransferFlags flags = FERRY_TRANSFER_FLAGS_NONE;

  if (options->overwrite)
    flags |= FERRY_TRANSFER_FLAGS_OVERWRITE;
  if (options->resume)
    flags |= FERRY_TRANSFER_FLAGS_RESUME;
  if (options->preserve)
    flags |= FERRY_TRANSFER_FLAGS_PRESERVE_MTIME;
  return flags;
}
