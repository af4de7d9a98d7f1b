/* ferry-transfer-runner.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queue behind the transfer list and `ferry-cli get/put`: a FIFO of work
 * (one file, one remote folder to list, one link to check, the remote
 * folders of an upload to create) served by up to N sessions, made when
 * needed and kept for reuse. Local disk work that can take time (making a
 * folder, walking a folder to upload) runs on GIO's thread pool; everything
 * else runs on the runner's main context, where the transfers notify.
 *
 * Here: the queue, the sessions, cancel, retry, and the state and progress
 * of folder transfers summed from their children. How folders are expanded
 * into those children is in ferry-transfer-runner-folders.c.
 */
#define G_LOG_DOMAIN "ferry-transfer-runner"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-transfer-runner-private.h"

#define DEFAULT_MAX_SESSIONS 2

enum
{
  PROP_0,
  PROP_MAX_SESSIONS,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_PROMPT,
  SIGNAL_LOG,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FerryTransferRunner, ferry_transfer_runner, G_TYPE_OBJECT)

/* ---- small helpers ---- */

static void
info_free (gpointer data)
{
  Info *info = data;

  g_clear_signal_handler (&info->notify_id, info->transfer);
  g_clear_object (&info->cancellable);
  g_clear_error (&info->error);
  g_free (info);
}

Info *
ferry_runner_lookup (FerryTransferRunner *self,
                     FerryTransfer       *transfer)
{
  return g_hash_table_lookup (self->infos, transfer);
}

gboolean
ferry_runner_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

gboolean
ferry_runner_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != FERRY_ERROR)
    return FALSE;
  switch ((FerryError) error->code)
    {
    case FERRY_ERROR_CONNECTION_LOST:
    case FERRY_ERROR_NOT_CONNECTED:
    case FERRY_ERROR_TIMEOUT:
    case FERRY_ERROR_DATA_CONNECTION:
    case FERRY_ERROR_RESUMPTION_REQUIRED:
      return TRUE;
    case FERRY_ERROR_REMOTE:
      /* Service not available, can't open data connection, transfer aborted. */
      switch (ferry_error_get_reply_code (error))
        {
        case 421:
        case 425:
        case 426:
          return TRUE;
        default:
          return FALSE;
        }
    default:
      return FALSE;
    }
}

void
ferry_runner_note (FerryTransferRunner *self,
                   const char          *format,
                   ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_signal_emit (self, signals[SIGNAL_LOG], 0, (guint) FERRY_LOG_WARNING, text);
}

void
ferry_runner_update_busy (FerryTransferRunner *self)
{
  gboolean busy = !g_queue_is_empty (&self->queue) || self->running > 0 ||
                  self->delayed != NULL || self->local_ops > 0 || self->asking != NULL;

  if (busy == self->busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (!busy)
    g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

/* ---- folders: state and progress from their children ---- */

static void
folder_show_progress (Info *folder)
{
  if (folder->done_sum == folder->shown_done && folder->total_sum == folder->shown_total)
    return;
  ferry_transfer_set_progress (folder->transfer, folder->done_sum, folder->total_sum);
  folder->shown_done = folder->done_sum;
  folder->shown_total = folder->total_sum;
}

void
ferry_runner_folder_update_state (Info *folder)
{
  FerryTransferState state;
  g_autoptr (GError) error = NULL;

  if (folder->finished)
    return;
  if (folder->expanding > 0 || folder->n_finished < folder->n_children)
    {
      if (!folder->started)
        return;
      state = folder->paused ? FERRY_TRANSFER_PAUSED : FERRY_TRANSFER_ACTIVE;
    }
  else if (folder->n_failed > 0)
    {
      /* The kind of the first failure, so that callers can react to it. */
      state = FERRY_TRANSFER_FAILED;
      error = g_error_new (folder->error ? folder->error->domain : FERRY_ERROR,
                           folder->error ? folder->error->code : FERRY_ERROR_FAILED,
                           g_dngettext (GETTEXT_PACKAGE, "%u of %u item failed; the first: %s",
                                        "%u of %u items failed; the first: %s",
                                        folder->n_children), folder->n_failed,
                           folder->n_children,
                           folder->error ? folder->error->message : _("unknown"));
      ferry_error_set_reply_code (&error, ferry_error_get_reply_code (folder->error));
    }
  else if (folder->n_cancelled > 0 || folder->cancelled)
    state = FERRY_TRANSFER_CANCELLED;
  else
    state = FERRY_TRANSFER_DONE;

  if (state != FERRY_TRANSFER_ACTIVE && state != FERRY_TRANSFER_PAUSED)
    folder->finished = TRUE;
  if (error != NULL)
    ferry_transfer_fail (folder->transfer, error);
  else if (state != ferry_transfer_get_state (folder->transfer))
    ferry_transfer_set_state (folder->transfer, state, NULL);
}

static void
child_progress (Info *info)
{
  Info *folder = info->folder;
  gint64 done, total;

  if (folder == NULL)
    return;
  done = ferry_transfer_get_bytes_done (info->transfer);
  total = ferry_transfer_get_total (info->transfer);
  if (total < 0)
    total = MAX (info->expected_size, 0);
  folder->done_sum += done - info->last_done;
  folder->total_sum += total - info->last_total;
  info->last_done = done;
  info->last_total = total;
  folder_show_progress (folder);
}

static void
child_notify_cb (FerryTransfer *transfer,
                 GParamSpec    *pspec,
                 gpointer       user_data)
{
  child_progress (user_data);
}

void
ferry_runner_watch_child (Info *info)
{
  if (info->notify_id == 0)
    info->notify_id = g_signal_connect (info->transfer, "notify", G_CALLBACK (child_notify_cb),
                                        info);
}

/* @transfer ended for good, in @state; a failure keeps @error (nullable)
 * on the transfer, where ferry_transfer_dup_error() finds it. */
static void
transfer_finished (Info               *info,
                   FerryTransferState  state,
                   const GError       *error)
{
  Info *folder = info->folder;

  if (info->finished)
    return;
  info->finished = TRUE;
  if (ferry_transfer_get_state (info->transfer) == state)
    ; /* the session said so already, a failure with this error */
  else if (state == FERRY_TRANSFER_FAILED && error != NULL)
    ferry_transfer_fail (info->transfer, error);
  else
    ferry_transfer_set_state (info->transfer, state, error ? error->message : NULL);
  if (folder == NULL)
    return;

  folder->n_finished++;
  if (state == FERRY_TRANSFER_FAILED)
    {
      folder->n_failed++;
      if (folder->error == NULL && error != NULL)
        folder->error = g_error_copy (error);
    }
  else if (state == FERRY_TRANSFER_CANCELLED)
    folder->n_cancelled++;
  child_progress (info);
  ferry_runner_folder_update_state (folder);
}

static void
folder_start (Info *folder)
{
  if (folder->started || folder->finished)
    return;
  folder->started = TRUE;
  ferry_transfer_set_progress (folder->transfer, folder->done_sum, folder->total_sum);
  folder->shown_done = folder->done_sum;
  folder->shown_total = folder->total_sum;
  ferry_transfer_set_state (folder->transfer, FERRY_TRANSFER_ACTIVE, NULL);
}

void
ferry_runner_expansion_done (Info *folder)
{
  g_assert (folder->expanding > 0);
  folder->expanding--;
  ferry_runner_folder_update_state (folder);
}

/* ---- work ---- */

Work *
ferry_runner_work_new (FerryTransferRunner *self,
                       WorkKind             kind,
                       Info                *info,
                       const char          *remote,
                       GFile               *local,
                       guint                depth)
{
  Work *w = g_new0 (Work, 1);

  w->kind = kind;
  w->runner = self;
  w->info = info;
  w->remote = g_strdup (remote);
  w->local = local ? g_object_ref (local) : NULL;
  w->depth = depth;
  return w;
}

void
ferry_runner_work_free (Work *w)
{
  g_clear_handle_id (&w->delay_source, g_source_remove);
  g_free (w->remote);
  g_clear_object (&w->local);
  g_clear_object (&w->listing);
  g_clear_pointer (&w->plan, ferry_runner_upload_plan_free);
  g_free (w);
}

gboolean
ferry_runner_work_belongs_to (Work *w,
                              Info *info)
{
  return w->info == info || w->info->folder == info;
}

void
ferry_runner_queue_work (FerryTransferRunner *self,
                         Work                *w)
{
  if (w->kind != WORK_FILE)
    w->info->expanding++;
  if (ferry_runner_work_is_held (w))
    ferry_runner_hold_work (self, w);
  else
    g_queue_push_tail (&self->queue, w);
}

/* A work that will never run: its transfer is cancelled. A folder's
 * expansion is kept for ferry_transfer_runner_retry(). */
static void
work_drop (Work *w)
{
  if (w->kind == WORK_FILE)
    transfer_finished (w->info, FERRY_TRANSFER_CANCELLED, NULL);
  else
    {
      g_clear_handle_id (&w->delay_source, g_source_remove);
      w->runner->dropped = g_list_prepend (w->runner->dropped, w);
      ferry_runner_expansion_done (w->info);
      return;
    }
  ferry_runner_work_free (w);
}

static void
slot_free (gpointer data)
{
  Slot *slot = data;

  g_signal_handlers_disconnect_by_data (slot->session, slot);
  g_object_unref (slot->session);
  g_free (slot);
}

static void
session_prompt_cb (FerrySession *session,
                   FerryPrompt  *prompt,
                   gpointer      user_data)
{
  Slot *slot = user_data;

  g_signal_emit (slot->runner, signals[SIGNAL_PROMPT], 0, prompt);
}

static void
session_log_cb (FerrySession *session,
                guint         kind,
                const char   *text,
                gpointer      user_data)
{
  Slot *slot = user_data;
  g_autofree char *line = g_strdup_printf ("[%u] %s", slot->number, text);

  g_signal_emit (slot->runner, signals[SIGNAL_LOG], 0, kind, line);
}

static Slot *
idle_slot (FerryTransferRunner *self)
{
  Slot *slot;

  for (guint i = 0; i < self->slots->len && i < self->max_sessions; i++)
    {
      slot = g_ptr_array_index (self->slots, i);
      if (!slot->busy)
        return slot;
    }
  if (self->slots->len >= self->max_sessions)
    return NULL;

  /* Sessions are made when there is work for them, and kept. */
  slot = g_new0 (Slot, 1);
  slot->runner = self;
  slot->number = ++self->next_number;
  slot->session = ferry_session_new (self->endpoint, self->known);
  ferry_session_set_password (slot->session, self->password);
  g_signal_connect (slot->session, "prompt", G_CALLBACK (session_prompt_cb), slot);
  g_signal_connect (slot->session, "log", G_CALLBACK (session_log_cb), slot);
  g_ptr_array_add (self->slots, slot);
  return slot;
}

void
ferry_runner_release_slot (FerryTransferRunner *self,
                           Work                *w)
{
  Slot *slot = w->slot;

  w->slot = NULL;
  slot->busy = FALSE;
  self->running--;
  if (self->slots->len > self->max_sessions)
    g_ptr_array_remove (self->slots, slot);
  g_object_unref (self); /* taken in start_work() */
}

static gboolean
retry_cb (gpointer data)
{
  Work *w = data;
  FerryTransferRunner *self = w->runner;

  w->delay_source = 0;
  self->delayed = g_list_remove (self->delayed, w);
  g_queue_push_tail (&self->queue, w);
  ferry_runner_pump (self);
  return G_SOURCE_REMOVE;
}

gboolean
ferry_runner_maybe_retry (FerryTransferRunner *self,
                          Work                *w,
                          const GError        *error)
{
  GSource *source;
  guint delay_s;

  if (!ferry_runner_error_is_transient (error) ||
      w->retries >= FERRY_TRANSFER_RUNNER_MAX_RETRIES ||
      g_cancellable_is_cancelled (w->info->cancellable))
    return FALSE;

  delay_s = 1u << w->retries;
  w->retries++;
  if (w->kind == WORK_FILE)
    {
      g_autofree char *message = g_strdup_printf (_("Retrying in %u s (%u of %u): %s"), delay_s,
                                                  w->retries, FERRY_TRANSFER_RUNNER_MAX_RETRIES,
                                                  error->message);

      /* Pick up where the failed attempt stopped. */
      ferry_transfer_set_flags (w->info->transfer, ferry_transfer_get_flags (w->info->transfer) |
                                                     FERRY_TRANSFER_FLAGS_RESUME);
      ferry_transfer_set_state (w->info->transfer, FERRY_TRANSFER_QUEUED, message);
    }
  ferry_runner_note (self, _("%s Trying again in %u s."), error->message, delay_s);

  source = g_timeout_source_new_seconds (delay_s);
  g_source_set_callback (source, retry_cb, w, NULL);
  g_source_set_static_name (source, "[ferry] transfer retry");
  w->delay_source = g_source_attach (source, self->context);
  g_source_unref (source);
  self->delayed = g_list_prepend (self->delayed, w);
  return TRUE;
}

/* ---- children of folders ---- */

static Info *
add_child (FerryTransferRunner *self,
           Info                *folder,
           GPtrArray           *batch,
           const char          *remote,
           GFile               *local,
           gboolean             is_folder,
           gint64               expected_size)
{
  FerryTransfer *parent = folder->transfer;
  g_autoptr (FerryTransfer) child = NULL;
  Info *info;

  child = ferry_transfer_new (ferry_transfer_get_direction (parent), remote, local, is_folder,
                              ferry_transfer_get_flags (parent));
  ferry_transfer_set_parent (child, parent);
  if (ferry_transfer_get_direction (parent) == FERRY_TRANSFER_DOWNLOAD)
    ferry_transfer_set_listed_size (child, expected_size);
  info = g_new0 (Info, 1);
  info->transfer = child;
  info->folder = folder;
  info->cancellable = g_cancellable_new ();
  info->expected_size = expected_size;
  info->last_total = MAX (expected_size, 0);
  folder->total_sum += info->last_total;
  folder->n_children++;
  g_hash_table_insert (self->infos, child, info);
  g_ptr_array_add (batch, g_steal_pointer (&child));
  return info;
}

void
ferry_runner_add_failed_child (FerryTransferRunner *self,
                               Info                *folder,
                               GPtrArray           *batch,
                               const char          *remote,
                               GFile               *local,
                               gboolean             is_folder,
                               const GError        *error)
{
  Info *info = add_child (self, folder, batch, remote, local, is_folder, -1);

  transfer_finished (info, FERRY_TRANSFER_FAILED, error);
}

FerryTransfer *
ferry_runner_add_file_child (FerryTransferRunner *self,
                             Info                *folder,
                             GPtrArray           *batch,
                             const char          *remote,
                             GFile               *local,
                             gint64               expected_size)
{
  Info *info = add_child (self, folder, batch, remote, local, FALSE, expected_size);

  ferry_runner_queue_work (self, ferry_runner_work_new (self, WORK_FILE, info, NULL, NULL, 0));
  return info->transfer;
}

void
ferry_runner_publish (FerryTransferRunner *self,
                      GPtrArray           *batch)
{
  if (batch->len == 0)
    return;
  g_list_store_splice (self->transfers, g_list_model_get_n_items (G_LIST_MODEL (self->transfers)),
                       0, batch->pdata, batch->len);
  for (guint i = 0; i < batch->len; i++)
    {
      FerryTransfer *child = g_ptr_array_index (batch, i);
      Info *info = ferry_runner_lookup (self, child);

      if (!info->finished)
        ferry_runner_watch_child (info);
    }
}

/* ---- files ---- */

static void
file_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Work *w = user_data;
  g_autoptr (FerryTransferRunner) self = g_object_ref (w->runner);
  g_autoptr (GError) error = NULL;
  Info *info = w->info;

  ferry_session_transfer_finish (FERRY_SESSION (source), result, &error);
  ferry_runner_release_slot (self, w);

  if (error == NULL)
    transfer_finished (info, FERRY_TRANSFER_DONE, NULL);
  else if (info->interrupted && !info->cancelled)
    {
      ferry_runner_interrupted (self, w);
      ferry_runner_pump (self);
      return;
    }
  else if (g_cancellable_is_cancelled (info->cancellable) ||
           ferry_runner_error_is_cancelled (error))
    transfer_finished (info, FERRY_TRANSFER_CANCELLED, NULL);
  else if (ferry_runner_exists_conflict (self, w, error) ||
           ferry_runner_maybe_retry (self, w, error))
    {
      ferry_runner_pump (self);
      return;
    }
  else
    transfer_finished (info, FERRY_TRANSFER_FAILED, error);

  ferry_runner_work_free (w);
  ferry_runner_pump (self);
}

/* ---- the queue ---- */

static void
start_work (FerryTransferRunner *self,
            Slot                *slot,
            Work                *w)
{
  Info *folder = w->kind == WORK_FILE ? w->info->folder : w->info;

  slot->busy = TRUE;
  w->slot = slot;
  self->running++;
  g_object_ref (self); /* dropped in ferry_runner_release_slot() */
  if (folder != NULL)
    folder_start (folder);

  switch (w->kind)
    {
    case WORK_FILE:
      ferry_session_transfer_async (slot->session, w->info->transfer, w->info->cancellable,
                                    file_done_cb, w);
      break;
    case WORK_LIST:
      ferry_runner_start_list (w);
      break;
    case WORK_LINK:
      ferry_runner_start_link_check (w);
      break;
    case WORK_MKDIRS:
      ferry_runner_start_mkdirs (w);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
ferry_runner_pump (FerryTransferRunner *self)
{
  while (!g_queue_is_empty (&self->queue))
    {
      Slot *slot = idle_slot (self);

      if (slot == NULL)
        break;
      start_work (self, slot, g_queue_pop_head (&self->queue));
    }
  ferry_runner_update_busy (self);
}

/* ---- GObject ---- */

static void
ferry_transfer_runner_dispose (GObject *object)
{
  FerryTransferRunner *self = FERRY_TRANSFER_RUNNER (object);
  Work *w;

  /* Nothing runs now: running work holds a reference. */
  if (self->batch_answers != NULL)
    ferry_runner_exists_forget (self);
  g_list_free_full (g_steal_pointer (&self->delayed), (GDestroyNotify) ferry_runner_work_free);
  while ((w = g_queue_pop_head (&self->queue)) != NULL)
    ferry_runner_work_free (w);
  while ((w = g_queue_pop_head (&self->held)) != NULL)
    ferry_runner_work_free (w);
  g_list_free_full (g_steal_pointer (&self->dropped), (GDestroyNotify) ferry_runner_work_free);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->infos, g_hash_table_unref);
  g_clear_object (&self->transfers);
  G_OBJECT_CLASS (ferry_transfer_runner_parent_class)->dispose (object);
}

static void
ferry_transfer_runner_finalize (GObject *object)
{
  FerryTransferRunner *self = FERRY_TRANSFER_RUNNER (object);

  ferry_endpoint_free (self->endpoint);
  g_clear_object (&self->known);
  if (self->password != NULL)
    {
      explicit_bzero (self->password, strlen (self->password));
      g_free (self->password);
    }
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (ferry_transfer_runner_parent_class)->finalize (object);
}

static void
ferry_transfer_runner_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  FerryTransferRunner *self = FERRY_TRANSFER_RUNNER (object);

  switch (prop_id)
    {
    case PROP_MAX_SESSIONS:
      g_value_set_uint (value, self->max_sessions);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_transfer_runner_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  FerryTransferRunner *self = FERRY_TRANSFER_RUNNER (object);

  switch (prop_id)
    {
    case PROP_MAX_SESSIONS:
      ferry_transfer_runner_set_max_sessions (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_transfer_runner_class_init (FerryTransferRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ferry_transfer_runner_dispose;
  object_class->finalize = ferry_transfer_runner_finalize;
  object_class->get_property = ferry_transfer_runner_get_property;
  object_class->set_property = ferry_transfer_runner_set_property;

  properties[PROP_MAX_SESSIONS] =
    g_param_spec_uint ("max-sessions", NULL, NULL, FERRY_TRANSFER_RUNNER_MIN_SESSIONS,
                       FERRY_TRANSFER_RUNNER_MAX_SESSIONS, DEFAULT_MAX_SESSIONS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerryTransferRunner::prompt:
   * @prompt: a question from one of the runner's sessions (a certificate,
   *   plain FTP); answer it as FerrySession::prompt says.
   */
  signals[SIGNAL_PROMPT] = g_signal_new ("prompt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_PROMPT);
  /**
   * FerryTransferRunner::log:
   * @kind: a FerryLogKind
   * @text: a session's line prefixed with its number ("[2] RETR …"), or a
   *   note of the runner's own (a skipped link, a retry) without one
   */
  signals[SIGNAL_LOG] = g_signal_new ("log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT,
                                      G_TYPE_STRING);
  /**
   * FerryTransferRunner::finished:
   * Nothing is queued, running or waiting any more.
   */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                           0);
  ferry_runner_exists_class_init (object_class);
}

static void
ferry_transfer_runner_init (FerryTransferRunner *self)
{
  self->max_sessions = DEFAULT_MAX_SESSIONS;
  self->context = g_main_context_ref_thread_default ();
  self->transfers = g_list_store_new (FERRY_TYPE_TRANSFER);
  self->infos = g_hash_table_new_full (NULL, NULL, NULL, info_free);
  self->slots = g_ptr_array_new_with_free_func (slot_free);
  g_queue_init (&self->queue);
  g_queue_init (&self->held);
  ferry_runner_exists_init (self);
}

FerryTransferRunner *
ferry_transfer_runner_new (const FerryEndpoint *endpoint,
                           FerryKnownServers   *known,
                           const char          *password,
                           guint                max_sessions)
{
  FerryTransferRunner *self;

  g_return_val_if_fail (endpoint != NULL && endpoint->host != NULL, NULL);
  g_return_val_if_fail (known == NULL || FERRY_IS_KNOWN_SERVERS (known), NULL);

  self = g_object_new (FERRY_TYPE_TRANSFER_RUNNER, NULL);
  self->endpoint = ferry_endpoint_copy (endpoint);
  self->known = known ? g_object_ref (known) : NULL;
  self->password = g_strdup (password);
  self->max_sessions = CLAMP (max_sessions, FERRY_TRANSFER_RUNNER_MIN_SESSIONS,
                              FERRY_TRANSFER_RUNNER_MAX_SESSIONS);
  return self;
}

guint
ferry_transfer_runner_get_max_sessions (FerryTransferRunner *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_RUNNER (self), 0);

  return self->max_sessions;
}

void
ferry_transfer_runner_set_max_sessions (FerryTransferRunner *self,
                                        guint                max_sessions)
{
  g_return_if_fail (FERRY_IS_TRANSFER_RUNNER (self));

  max_sessions = CLAMP (max_sessions, FERRY_TRANSFER_RUNNER_MIN_SESSIONS,
                        FERRY_TRANSFER_RUNNER_MAX_SESSIONS);
  if (max_sessions == self->max_sessions)
    return;
  self->max_sessions = max_sessions;

  /* Idle sessions beyond the new number close now, busy ones when done. */
  for (guint i = self->slots->len; i > 0; i--)
    {
      Slot *slot = g_ptr_array_index (self->slots, i - 1);

      if (self->slots->len > max_sessions && !slot->busy)
        g_ptr_array_remove_index (self->slots, i - 1);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_SESSIONS]);
  ferry_runner_pump (self);
}

GListModel *
ferry_transfer_runner_get_transfers (FerryTransferRunner *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_RUNNER (self), NULL);

  return G_LIST_MODEL (self->transfers);
}

void
ferry_runner_add_transfer (FerryTransferRunner *self,
                           FerryTransfer       *transfer,
                           gboolean             paused)
{
  Info *info;

  info = g_new0 (Info, 1);
  info->transfer = transfer;
  info->cancellable = g_cancellable_new ();
  info->expected_size = -1;
  /* Paused from the start: its work is held (ferry_runner_queue_work). */
  info->paused = paused;
  g_hash_table_insert (self->infos, transfer, info);
  /* The runner gives the final word (after its retries); its sessions report
   * progress only. */
  ferry_transfer_set_managed (transfer, TRUE);
  g_list_store_append (self->transfers, transfer);

  if (!ferry_transfer_get_is_folder (transfer))
    ferry_runner_queue_work (self, ferry_runner_work_new (self, WORK_FILE, info, NULL, NULL, 0));
  else if (ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_DOWNLOAD)
    ferry_runner_queue_work (self, ferry_runner_work_new (self, WORK_LIST, info,
                                                          ferry_transfer_get_remote_path (transfer),
                                                          ferry_transfer_get_local_file (transfer),
                                                          0));
  else
    {
      /* The walk needs no session: it runs now, on a thread. */
      folder_start (info);
      ferry_runner_walk_upload (self, info);
    }
  if (paused)
    ferry_transfer_set_state (transfer, FERRY_TRANSFER_PAUSED, NULL);
  ferry_runner_pump (self);
}

void
ferry_transfer_runner_add (FerryTransferRunner *self,
                           FerryTransfer       *transfer)
{
  g_return_if_fail (FERRY_IS_TRANSFER_RUNNER (self));
  g_return_if_fail (FERRY_IS_TRANSFER (transfer));
  g_return_if_fail (ferry_runner_lookup (self, transfer) == NULL);

  ferry_runner_add_transfer (self, transfer, FALSE);
}

void
ferry_transfer_runner_cancel (FerryTransferRunner *self,
                              FerryTransfer       *transfer)
{
  Info *info;
  GHashTableIter iter;
  gpointer value;
  GList *l;

  g_return_if_fail (FERRY_IS_TRANSFER_RUNNER (self));
  g_return_if_fail (FERRY_IS_TRANSFER (transfer));

  info = ferry_runner_lookup (self, transfer);
  if (info == NULL || info->finished)
    return;

  info->cancelled = TRUE;
  info->paused = FALSE;
  g_cancellable_cancel (info->cancellable);
  if (ferry_transfer_get_is_folder (transfer) && info->folder == NULL)
    {
      g_hash_table_iter_init (&iter, self->infos);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Info *child = value;

          if (child->folder == info && !child->finished)
            {
              child->cancelled = TRUE;
              child->paused = FALSE;
              g_cancellable_cancel (child->cancellable);
            }
        }
    }

  /* What has not started yet never will. */
  ferry_runner_drop_held (self, info);
  {
    GList *waiting = ferry_runner_exists_take (self, info);

    g_list_free_full (waiting, (GDestroyNotify) work_drop);
  }
  for (l = self->delayed; l != NULL;)
    {
      Work *w = l->data;

      l = l->next;
      if (ferry_runner_work_belongs_to (w, info))
        {
          self->delayed = g_list_remove (self->delayed, w);
          work_drop (w);
        }
    }
  for (l = self->queue.head; l != NULL;)
    {
      Work *w = l->data;
      GList *next = l->next;

      if (ferry_runner_work_belongs_to (w, info))
        {
          g_queue_delete_link (&self->queue, l);
          work_drop (w);
        }
      l = next;
    }
  if (info->folder == NULL && ferry_transfer_get_is_folder (transfer))
    ferry_runner_folder_update_state (info);
  ferry_runner_update_busy (self);
}

void
ferry_transfer_runner_cancel_all (FerryTransferRunner *self)
{
  guint n;

  g_return_if_fail (FERRY_IS_TRANSFER_RUNNER (self));

  g_object_ref (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->transfers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (FerryTransfer) transfer = g_list_model_get_item (G_LIST_MODEL (self->transfers),
                                                                  i);
      Info *info = ferry_runner_lookup (self, transfer);

      if (info->folder == NULL)
        ferry_transfer_runner_cancel (self, transfer);
    }
  g_object_unref (self);
}

gboolean
ferry_transfer_runner_get_busy (FerryTransferRunner *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_RUNNER (self), FALSE);

  return self->busy;
}
