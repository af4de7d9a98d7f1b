/* ferry-transfer-runner.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queue behind the transfer list and `ferry-cli get/put`: a FIFO of work
 * (one file, one remote folder to list, one link to check, the remote
 * folders of an upload to create) served by up to N sessions, made when
 * needed and kept for reuse. Local disk work that can take time (making a
 * folder, walking a folder to upload) runs on GIO's thread pool; everything
 * else runs on the runner's main context, where the transfers notify.
 */
#define G_LOG_DOMAIN "ferry-transfer-runner"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ferry-error.h"
#include "ferry-list-parser.h"
#include "ferry-session.h"
#include "ferry-transfer-runner.h"

#define DEFAULT_MAX_SESSIONS 2

typedef struct _Info Info;
typedef struct _Slot Slot;
typedef struct _Work Work;
typedef struct _UploadPlan UploadPlan;

/* What the runner knows of one transfer. */
struct _Info
{
  FerryTransfer *transfer;  /* borrowed: the list store holds it */
  Info *folder;             /* the folder transfer this one came from, or NULL */
  GCancellable *cancellable;
  GError *error;
  gboolean finished;
  gulong notify_id;
  gint64 expected_size;     /* from the listing or the local file; -1 unknown */
  gint64 last_done;         /* what this child added to its folder's sums */
  gint64 last_total;

  /* Folders. */
  gboolean started;
  gboolean cancelled;
  guint expanding;          /* listings, link checks and folder creations to come */
  guint n_children;
  guint n_finished;
  guint n_failed;
  guint n_cancelled;
  gint64 done_sum;
  gint64 total_sum;
  gint64 shown_done;
  gint64 shown_total;
};

struct _Slot
{
  FerryTransferRunner *runner; /* borrowed: slots die before their runner */
  FerrySession *session;
  guint number;
  gboolean busy;
};

typedef enum
{
  WORK_FILE,   /* info: the file */
  WORK_LIST,   /* info: the folder; list remote into local */
  WORK_LINK,   /* info: the folder; a link of unknown kind at remote */
  WORK_MKDIRS, /* info: the folder; create plan's remote folders */
} WorkKind;

struct _Work
{
  WorkKind kind;
  FerryTransferRunner *runner; /* borrowed */
  Info *info;
  char *remote;
  GFile *local;
  guint depth;
  guint retries;
  guint delay_source;
  Slot *slot;
  GListModel *listing;         /* WORK_LIST, between the listing and the local folder */
  UploadPlan *plan;            /* WORK_MKDIRS */
  guint index;                 /* WORK_MKDIRS: the next folder */
};

struct _FerryTransferRunner
{
  GObject parent_instance;

  FerryEndpoint *endpoint;
  FerryKnownServers *known;
  char *password;
  guint max_sessions;
  GMainContext *context;

  GListStore *transfers;
  GHashTable *infos;      /* FerryTransfer* → Info* */
  GQueue queue;           /* Work waiting for a session */
  GList *delayed;         /* Work waiting to be retried */
  GPtrArray *slots;       /* Slot* */
  guint next_number;
  guint running;          /* Work on a session */
  guint local_ops;        /* folder creations and walks on the thread pool */
  gboolean busy;
};

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

static void pump (FerryTransferRunner *self);
static void start_mkdir (Work *w);

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

static Info *
lookup (FerryTransferRunner *self,
        FerryTransfer       *transfer)
{
  return g_hash_table_lookup (self->infos, transfer);
}

static char *
join_remote (const char *parent,
             const char *name,
             gsize       len)
{
  GString *path = g_string_new (parent);

  if (path->len == 0 || path->str[path->len - 1] != '/')
    g_string_append_c (path, '/');
  g_string_append_len (path, name, len);
  return g_string_free (path, FALSE);
}

static gboolean
is_cancelled_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Whether @message quotes a reply with @code ("… said “426 Failure …”"). */
static gboolean
mentions_reply_code (const char *message,
                     const char *code)
{
  for (const char *p = strstr (message, code); p != NULL; p = strstr (p + 1, code))
    {
      gboolean starts = p == message || !g_ascii_isdigit (p[-1]);
      gboolean ends = !g_ascii_isdigit (p[3]);

      if (starts && ends)
        return TRUE;
    }
  return FALSE;
}

/* Failures that another attempt, a moment later, may well get past. */
static gboolean
is_transient (const GError *error)
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
      return mentions_reply_code (error->message, "421") ||
             mentions_reply_code (error->message, "425") ||
             mentions_reply_code (error->message, "426");
    default:
      return FALSE;
    }
}

static void
emit_note (FerryTransferRunner *self,
           const char          *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
emit_note (FerryTransferRunner *self,
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

static void
update_busy (FerryTransferRunner *self)
{
  gboolean busy = !g_queue_is_empty (&self->queue) || self->running > 0 ||
                  self->delayed != NULL || self->local_ops > 0;

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
  FerryTransfer *t = folder->transfer;

  /* ferry_transfer_begin() restarts the rate; use it only when it must. */
  if (folder->total_sum != folder->shown_total || folder->done_sum < folder->shown_done)
    ferry_transfer_begin (t, folder->done_sum, folder->total_sum);
  else if (folder->done_sum > folder->shown_done)
    ferry_transfer_add_bytes (t, folder->done_sum - folder->shown_done);
  folder->shown_done = folder->done_sum;
  folder->shown_total = folder->total_sum;
}

static void
folder_update_state (Info *folder)
{
  FerryTransferState state;
  g_autofree char *message = NULL;

  if (folder->finished)
    return;
  if (folder->expanding > 0 || folder->n_finished < folder->n_children)
    {
      if (!folder->started)
        return;
      state = FERRY_TRANSFER_ACTIVE;
    }
  else if (folder->n_failed > 0)
    {
      state = FERRY_TRANSFER_FAILED;
      message = g_strdup_printf ("%u of %u items failed; the first: %s", folder->n_failed,
                                 folder->n_children,
                                 folder->error ? folder->error->message : "unknown");
    }
  else if (folder->n_cancelled > 0 || folder->cancelled)
    state = FERRY_TRANSFER_CANCELLED;
  else
    state = FERRY_TRANSFER_DONE;

  if (state != FERRY_TRANSFER_ACTIVE)
    folder->finished = TRUE;
  if (state != ferry_transfer_get_state (folder->transfer) || message != NULL)
    ferry_transfer_set_state (folder->transfer, state, message);
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

/* @transfer ended for good, in @state; @error (nullable) is copied. */
static void
transfer_finished (Info               *info,
                   FerryTransferState  state,
                   const GError       *error)
{
  Info *folder = info->folder;

  if (info->finished)
    return;
  info->finished = TRUE;
  if (error != NULL && state == FERRY_TRANSFER_FAILED)
    {
      g_clear_error (&info->error);
      info->error = g_error_copy (error);
    }
  if (ferry_transfer_get_state (info->transfer) != state)
    ferry_transfer_set_state (info->transfer, state, error ? error->message : NULL);
  if (folder == NULL)
    return;

  folder->n_finished++;
  if (state == FERRY_TRANSFER_FAILED)
    {
      folder->n_failed++;
      if (folder->error == NULL && info->error != NULL)
        folder->error = g_error_copy (info->error);
    }
  else if (state == FERRY_TRANSFER_CANCELLED)
    folder->n_cancelled++;
  child_progress (info);
  folder_update_state (folder);
}

static void
folder_start (Info *folder)
{
  if (folder->started || folder->finished)
    return;
  folder->started = TRUE;
  ferry_transfer_begin (folder->transfer, folder->done_sum, folder->total_sum);
  folder->shown_done = folder->done_sum;
  folder->shown_total = folder->total_sum;
  ferry_transfer_set_state (folder->transfer, FERRY_TRANSFER_ACTIVE, NULL);
}

static void
expansion_done (Info *folder)
{
  g_assert (folder->expanding > 0);
  folder->expanding--;
  folder_update_state (folder);
}

/* ---- work ---- */

static Work *
work_new (FerryTransferRunner *self,
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

static void upload_plan_free (UploadPlan *plan);

static void
work_free (Work *w)
{
  g_clear_handle_id (&w->delay_source, g_source_remove);
  g_free (w->remote);
  g_clear_object (&w->local);
  g_clear_object (&w->listing);
  g_clear_pointer (&w->plan, upload_plan_free);
  g_free (w);
}

/* The transfer or folder transfer @w is for, or belongs to. */
static gboolean
work_belongs_to (Work *w,
                 Info *info)
{
  return w->info == info || w->info->folder == info;
}

static void
queue_work (FerryTransferRunner *self,
            Work                *w)
{
  if (w->kind != WORK_FILE)
    w->info->expanding++;
  g_queue_push_tail (&self->queue, w);
}

/* A work that will never run: its transfer is cancelled. */
static void
work_drop (Work *w)
{
  if (w->kind == WORK_FILE)
    transfer_finished (w->info, FERRY_TRANSFER_CANCELLED, NULL);
  else
    expansion_done (w->info);
  work_free (w);
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

static void
slot_release (FerryTransferRunner *self,
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
  pump (self);
  return G_SOURCE_REMOVE;
}

/* Tries @w again after 1, 2, then 4 s when @error is worth it; FALSE when
 * not (then @w is still the caller's). */
static gboolean
maybe_retry (FerryTransferRunner *self,
             Work                *w,
             const GError        *error)
{
  GSource *source;
  guint delay_s;

  if (!is_transient (error) || w->retries >= FERRY_TRANSFER_RUNNER_MAX_RETRIES ||
      g_cancellable_is_cancelled (w->info->cancellable))
    return FALSE;

  delay_s = 1u << w->retries;
  w->retries++;
  if (w->kind == WORK_FILE)
    {
      g_autofree char *message = g_strdup_printf ("Retrying in %u s (%u of %u): %s", delay_s,
                                                  w->retries, FERRY_TRANSFER_RUNNER_MAX_RETRIES,
                                                  error->message);

      /* Pick up where the failed attempt stopped. */
      ferry_transfer_set_flags (w->info->transfer, ferry_transfer_get_flags (w->info->transfer) |
                                                     FERRY_TRANSFER_FLAGS_RESUME);
      ferry_transfer_set_state (w->info->transfer, FERRY_TRANSFER_QUEUED, message);
    }
  emit_note (self, "%s Trying again in %u s.", error->message, delay_s);

  source = g_timeout_source_new_seconds (delay_s);
  g_source_set_callback (source, retry_cb, w, NULL);
  g_source_set_static_name (source, "[ferry] transfer retry");
  w->delay_source = g_source_attach (source, self->context);
  g_source_unref (source);
  self->delayed = g_list_prepend (self->delayed, w);
  return TRUE;
}

/* ---- failed placeholder children ---- */

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

/* A child that failed before it began: a refused name, a folder that could
 * not be listed or created. It shows in the list and says why. */
static void
add_failed_child (FerryTransferRunner *self,
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

static void
add_file_child (FerryTransferRunner *self,
                Info                *folder,
                GPtrArray           *batch,
                const char          *remote,
                GFile               *local,
                gint64               expected_size)
{
  Info *info = add_child (self, folder, batch, remote, local, FALSE, expected_size);

  queue_work (self, work_new (self, WORK_FILE, info, NULL, NULL, 0));
}

/* Adds the children made meanwhile to the list, in one change. */
static void
publish (FerryTransferRunner *self,
         GPtrArray           *batch)
{
  if (batch->len == 0)
    return;
  g_list_store_splice (self->transfers, g_list_model_get_n_items (G_LIST_MODEL (self->transfers)),
                       0, batch->pdata, batch->len);
  for (guint i = 0; i < batch->len; i++)
    {
      FerryTransfer *child = g_ptr_array_index (batch, i);
      Info *info = lookup (self, child);

      if (!info->finished)
        info->notify_id = g_signal_connect (child, "notify", G_CALLBACK (child_notify_cb), info);
    }
}

/* ---- local folders, on the thread pool ---- */

static void
ensure_dir_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Work *w = task_data;
  g_autofree char *path = g_file_get_path (w->local);
  gboolean top = w->depth == 0;
  struct stat st;
  int saved_errno;

  if (path == NULL)
    {
      g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_LOCAL,
                               "Folders can be downloaded only to a folder on this computer.");
      return;
    }
  if ((top ? g_mkdir_with_parents (path, 0777) : g_mkdir (path, 0777)) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  saved_errno = errno;
  /* "Exists" is fine when it is a folder; below the chosen folder a link to
   * somewhere else is not, as the files would land outside it. */
  if (saved_errno == EEXIST && (top ? g_stat (path, &st) : g_lstat (path, &st)) == 0)
    {
      if (S_ISDIR (st.st_mode))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_LOCAL,
                                 "“%s” exists and is not a folder%s; nothing was downloaded "
                                 "into it.",
                                 path, S_ISLNK (st.st_mode) ? " (links are not followed)" : "");
      return;
    }
  g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_LOCAL,
                           "Creating the folder “%s” failed: %s.", path,
                           g_strerror (saved_errno));
}

/* ---- downloads: remote folders into local folders ---- */

static void
expand_listing (FerryTransferRunner *self,
                Work                *w)
{
  Info *folder = w->info;
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (w->listing);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (FerryRemoteFile) file = g_list_model_get_item (w->listing, i);
      GBytes *raw = ferry_remote_file_get_raw_name (file);
      gsize len = 0;
      const char *data = g_bytes_get_data (raw, &len);
      const char *display = ferry_remote_file_get_name (file);
      FerryRemoteFileKind kind = ferry_remote_file_get_kind (file);
      g_autoptr (GError) error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *remote = NULL;
      g_autoptr (GFile) local = NULL;

      if ((len == 1 && data[0] == '.') || (len == 2 && data[0] == '.' && data[1] == '.'))
        continue; /* the folder itself and its parent, as some servers list them */

      if (!ferry_remote_name_is_safe (raw, &error))
        {
          g_autofree char *shown = join_remote (w->remote, display, strlen (display));
          g_autoptr (GError) refusal =
            g_error_new (FERRY_ERROR, FERRY_ERROR_PROTOCOL,
                         "%s Ferry writes nothing outside the chosen folder.",
                         error->message);

          add_failed_child (self, folder, batch, shown, w->local,
                            kind == FERRY_REMOTE_FILE_KIND_DIRECTORY, refusal);
          continue;
        }

      name = g_strndup (data, len);
      remote = join_remote (w->remote, data, len);
      local = g_file_get_child (w->local, name);

      if (kind == FERRY_REMOTE_FILE_KIND_LINK)
        {
          int target = ferry_remote_file_get_link_target_kind (file);

          if (target == FERRY_REMOTE_FILE_KIND_DIRECTORY)
            {
              emit_note (self, "Skipped “%s”: it is a link to a folder, and Ferry does not "
                               "follow those (they can loop).",
                         remote);
              continue;
            }
          if (target == FERRY_REMOTE_FILE_KIND_FILE)
            kind = FERRY_REMOTE_FILE_KIND_FILE;
          else if (target < 0)
            {
              /* The listing did not say: ask the server (SIZE, else CWD). */
              queue_work (self, work_new (self, WORK_LINK, folder, remote, local, w->depth));
              continue;
            }
          else
            kind = FERRY_REMOTE_FILE_KIND_SPECIAL;
        }

      switch (kind)
        {
        case FERRY_REMOTE_FILE_KIND_DIRECTORY:
          if (w->depth + 1 > FERRY_TRANSFER_RUNNER_MAX_DEPTH)
            {
              g_autoptr (GError) deep =
                g_error_new (FERRY_ERROR, FERRY_ERROR_REMOTE,
                             "“%s” is nested more than %u folders deep; Ferry did not download "
                             "it.",
                             remote, FERRY_TRANSFER_RUNNER_MAX_DEPTH);

              add_failed_child (self, folder, batch, remote, w->local, TRUE, deep);
            }
          else
            queue_work (self, work_new (self, WORK_LIST, folder, remote, local, w->depth + 1));
          break;
        case FERRY_REMOTE_FILE_KIND_FILE:
          add_file_child (self, folder, batch, remote, local, ferry_remote_file_get_size (file));
          break;
        case FERRY_REMOTE_FILE_KIND_SPECIAL:
        case FERRY_REMOTE_FILE_KIND_LINK:
        default:
          emit_note (self, "Skipped “%s”: it is not a regular file or folder.", remote);
          break;
        }
    }
  publish (self, batch);
}

static void
local_dir_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (FerryTransferRunner) self = g_object_ref (FERRY_TRANSFER_RUNNER (source));
  Work *w = user_data;
  Info *folder = w->info;
  g_autoptr (GError) error = NULL;

  self->local_ops--;
  if (g_cancellable_is_cancelled (folder->cancellable))
    ;
  else if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      add_failed_child (self, folder, batch, w->remote, w->local, TRUE, error);
      publish (self, batch);
    }
  else
    expand_listing (self, w);

  expansion_done (folder);
  work_free (w);
  pump (self);
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Work *w = user_data;
  g_autoptr (FerryTransferRunner) self = g_object_ref (w->runner);
  g_autoptr (GError) error = NULL;
  Info *folder = w->info;
  FerryListing *listing;

  listing = ferry_session_list_finish (FERRY_SESSION (source), result, &error);
  slot_release (self, w);

  if (listing == NULL)
    {
      if (g_cancellable_is_cancelled (folder->cancellable) || is_cancelled_error (error))
        ;
      else if (maybe_retry (self, w, error))
        {
          pump (self);
          return;
        }
      else
        {
          g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

          add_failed_child (self, folder, batch, w->remote, w->local, TRUE, error);
          publish (self, batch);
        }
      expansion_done (folder);
      work_free (w);
      pump (self);
      return;
    }

  /* The local folder is made once the remote one could be listed. */
  w->listing = G_LIST_MODEL (listing);
  {
    g_autoptr (GTask) task = g_task_new (self, folder->cancellable, local_dir_ready_cb, w);

    g_task_set_source_tag (task, list_done_cb);
    g_task_set_task_data (task, w, NULL);
    self->local_ops++;
    g_task_run_in_thread (task, ensure_dir_thread);
  }
  pump (self);
}

static void
link_stat_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Work *w = user_data;
  g_autoptr (FerryTransferRunner) self = g_object_ref (w->runner);
  g_autoptr (GError) error = NULL;
  g_autoptr (FerryRemoteFile) file = NULL;
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  Info *folder = w->info;

  file = ferry_session_stat_finish (FERRY_SESSION (source), result, &error);
  slot_release (self, w);

  if (file == NULL)
    {
      if (g_cancellable_is_cancelled (folder->cancellable) || is_cancelled_error (error))
        ;
      else if (maybe_retry (self, w, error))
        {
          pump (self);
          return;
        }
      else
        {
          g_autoptr (GError) failure =
            g_error_new (error->domain, error->code, "The link “%s” could not be followed: %s",
                         w->remote, error->message);

          add_failed_child (self, folder, batch, w->remote, w->local, FALSE, failure);
        }
    }
  else if (g_cancellable_is_cancelled (folder->cancellable))
    ;
  else if (ferry_remote_file_get_kind (file) == FERRY_REMOTE_FILE_KIND_FILE)
    add_file_child (self, folder, batch, w->remote, w->local, ferry_remote_file_get_size (file));
  else
    emit_note (self, "Skipped “%s”: it is a link to a folder, and Ferry does not follow those "
                     "(they can loop).",
               w->remote);

  publish (self, batch);
  expansion_done (folder);
  work_free (w);
  pump (self);
}

/* ---- uploads: a local folder walked on a thread ---- */

typedef struct
{
  char *rel;      /* relative to the folder; "" is the folder itself */
  int parent;     /* index in dirs, -1 for the folder itself */
  GError *error;  /* set when it could not be created on the server */
} PlanDir;

typedef struct
{
  char *rel;
  GFile *file;
  guint dir;
  gint64 size;
} PlanFile;

typedef struct
{
  char *rel;
  GFile *file;
  GError *error;
} PlanProblem;

struct _UploadPlan
{
  GArray *dirs;       /* PlanDir, parents before their children */
  GArray *files;      /* PlanFile */
  GArray *problems;   /* PlanProblem: what could not be read */
  GPtrArray *notes;   /* char*: what was skipped on purpose */
};

static void
plan_dir_clear (gpointer data)
{
  PlanDir *dir = data;

  g_free (dir->rel);
  g_clear_error (&dir->error);
}

static void
plan_file_clear (gpointer data)
{
  PlanFile *file = data;

  g_free (file->rel);
  g_clear_object (&file->file);
}

static void
plan_problem_clear (gpointer data)
{
  PlanProblem *problem = data;

  g_free (problem->rel);
  g_clear_object (&problem->file);
  g_clear_error (&problem->error);
}

static UploadPlan *
upload_plan_new (void)
{
  UploadPlan *plan = g_new0 (UploadPlan, 1);

  plan->dirs = g_array_new (FALSE, TRUE, sizeof (PlanDir));
  g_array_set_clear_func (plan->dirs, plan_dir_clear);
  plan->files = g_array_new (FALSE, TRUE, sizeof (PlanFile));
  g_array_set_clear_func (plan->files, plan_file_clear);
  plan->problems = g_array_new (FALSE, TRUE, sizeof (PlanProblem));
  g_array_set_clear_func (plan->problems, plan_problem_clear);
  plan->notes = g_ptr_array_new_with_free_func (g_free);
  return plan;
}

static void
upload_plan_free (UploadPlan *plan)
{
  g_array_unref (plan->dirs);
  g_array_unref (plan->files);
  g_array_unref (plan->problems);
  g_ptr_array_unref (plan->notes);
  g_free (plan);
}

static void
plan_problem (UploadPlan *plan,
              const char *rel,
              GFile      *file,
              GError     *error)
{
  PlanProblem problem = { g_strdup (rel), g_object_ref (file), error };

  g_array_append_val (plan->problems, problem);
}

static char *
rel_child (const char *rel,
           const char *name)
{
  return rel[0] != '\0' ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
}

/* Returns FALSE only when cancelled. */
static gboolean
walk_folder (UploadPlan   *plan,
             GFile        *dir,
             guint         dir_index,
             guint         depth,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr (GFileEnumerator) enumerator = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *rel = g_strdup (g_array_index (plan->dirs, PlanDir, dir_index).rel);

  enumerator = g_file_enumerate_children (dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable,
                                          &local_error);
  if (enumerator == NULL)
    goto failed;

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      GFileType type;
      gint64 size;
      g_autofree char *child_rel = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, &local_error))
        goto failed;
      if (info == NULL)
        break;

      child_rel = rel_child (rel, g_file_info_get_name (info));
      type = g_file_info_get_file_type (info);
      size = g_file_info_get_size (info);
      if (type == G_FILE_TYPE_SYMBOLIC_LINK)
        {
          g_autoptr (GFileInfo) target = NULL;
          g_autoptr (GError) link_error = NULL;

          target = g_file_query_info (child,
                                      G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                      G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                      G_FILE_QUERY_INFO_NONE, cancellable, &link_error);
          if (target == NULL)
            {
              if (g_error_matches (link_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                {
                  g_propagate_error (error, g_steal_pointer (&link_error));
                  return FALSE;
                }
              g_ptr_array_add (plan->notes,
                               g_strdup_printf ("Skipped “%s”: the link points nowhere (%s).",
                                                child_rel, link_error->message));
              continue;
            }
          type = g_file_info_get_file_type (target);
          size = g_file_info_get_size (target);
          if (type == G_FILE_TYPE_DIRECTORY)
            {
              g_ptr_array_add (plan->notes,
                               g_strdup_printf ("Skipped “%s”: it is a link to a folder, and "
                                                "Ferry does not follow those (they can loop).",
                                                child_rel));
              continue;
            }
        }

      if (type == G_FILE_TYPE_DIRECTORY)
        {
          PlanDir sub = { NULL, dir_index, NULL };

          if (depth + 1 > FERRY_TRANSFER_RUNNER_MAX_DEPTH)
            {
              plan_problem (plan, child_rel, child,
                            g_error_new (FERRY_ERROR, FERRY_ERROR_LOCAL,
                                         "“%s” is nested more than %u folders deep; Ferry did "
                                         "not upload it.",
                                         child_rel, FERRY_TRANSFER_RUNNER_MAX_DEPTH));
              continue;
            }
          sub.rel = g_steal_pointer (&child_rel);
          g_array_append_val (plan->dirs, sub);
          if (!walk_folder (plan, child, plan->dirs->len - 1, depth + 1, cancellable, error))
            return FALSE;
        }
      else if (type == G_FILE_TYPE_REGULAR)
        {
          PlanFile file = { g_steal_pointer (&child_rel), g_object_ref (child), dir_index, size };

          g_array_append_val (plan->files, file);
        }
      else
        g_ptr_array_add (plan->notes,
                         g_strdup_printf ("Skipped “%s”: it is not a regular file or folder.",
                                          child_rel));
    }
  return TRUE;

failed:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  plan_problem (plan, rel, dir,
                g_error_new (FERRY_ERROR, FERRY_ERROR_LOCAL,
                             "Reading the folder “%s” failed: %s", g_file_peek_path (dir),
                             local_error->message));
  return TRUE;
}

static void
walk_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *root = task_data;
  UploadPlan *plan = upload_plan_new ();
  PlanDir top = { g_strdup (""), -1, NULL };
  GError *error = NULL;

  g_array_append_val (plan->dirs, top);
  if (!walk_folder (plan, root, 0, 0, cancellable, &error))
    {
      upload_plan_free (plan);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, plan, (GDestroyNotify) upload_plan_free);
}

static void
walk_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (FerryTransferRunner) self = g_object_ref (FERRY_TRANSFER_RUNNER (source));
  Work *w = user_data;
  Info *folder = w->info;
  g_autoptr (GError) error = NULL;
  UploadPlan *plan = g_task_propagate_pointer (G_TASK (result), &error);

  self->local_ops--;
  if (plan == NULL || g_cancellable_is_cancelled (folder->cancellable))
    {
      g_clear_pointer (&plan, upload_plan_free);
      expansion_done (folder);
      work_free (w);
      pump (self);
      return;
    }

  for (guint i = 0; i < plan->notes->len; i++)
    emit_note (self, "%s", (char *) g_ptr_array_index (plan->notes, i));
  w->plan = plan;
  /* The walk counted as this folder's expansion; the remote folders come next. */
  folder->expanding--;
  queue_work (self, w);
  pump (self);
}

/* The outermost folder that failed among @index and its parents, or -1. */
static int
failed_ancestor (UploadPlan *plan,
                 guint       index)
{
  int found = -1;

  for (int i = (int) index; i >= 0; i = g_array_index (plan->dirs, PlanDir, i).parent)
    if (g_array_index (plan->dirs, PlanDir, i).error != NULL)
      found = i;
  return found;
}

static void
finish_mkdirs (FerryTransferRunner *self,
               Work                *w)
{
  Info *folder = w->info;
  UploadPlan *plan = w->plan;
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  GFile *root = ferry_transfer_get_local_file (folder->transfer);
  g_autofree guint *lost = NULL;

  if (g_cancellable_is_cancelled (folder->cancellable))
    return;

  for (guint i = 0; i < plan->problems->len; i++)
    {
      PlanProblem *problem = &g_array_index (plan->problems, PlanProblem, i);
      g_autofree char *remote = problem->rel[0] ? join_remote (w->remote, problem->rel,
                                                               strlen (problem->rel))
                                                : g_strdup (w->remote);

      add_failed_child (self, folder, batch, remote, problem->file, TRUE, problem->error);
    }
  /* A folder that could not be created fails once, for all that is in it. */
  lost = g_new0 (guint, plan->dirs->len);
  for (guint i = 0; i < plan->files->len; i++)
    {
      PlanFile *file = &g_array_index (plan->files, PlanFile, i);
      int top = failed_ancestor (plan, file->dir);

      if (top >= 0)
        lost[top]++;
    }
  for (guint i = 0; i < plan->dirs->len; i++)
    {
      PlanDir *dir = &g_array_index (plan->dirs, PlanDir, i);
      g_autofree char *remote = NULL;
      g_autoptr (GFile) local = NULL;
      g_autoptr (GError) error = NULL;

      if (dir->error == NULL || failed_ancestor (plan, i) != (int) i)
        continue;
      remote = dir->rel[0] ? join_remote (w->remote, dir->rel, strlen (dir->rel))
                           : g_strdup (w->remote);
      local = g_file_resolve_relative_path (root, dir->rel);
      error = g_error_new (dir->error->domain, dir->error->code, "%s %u %s in it %s not uploaded.",
                           dir->error->message, lost[i], lost[i] == 1 ? "file" : "files",
                           lost[i] == 1 ? "was" : "were");
      add_failed_child (self, folder, batch, remote, local, TRUE, error);
    }
  for (guint i = 0; i < plan->files->len; i++)
    {
      PlanFile *file = &g_array_index (plan->files, PlanFile, i);
      g_autofree char *remote = NULL;

      if (failed_ancestor (plan, file->dir) >= 0)
        continue;
      remote = join_remote (w->remote, file->rel, strlen (file->rel));
      add_file_child (self, folder, batch, remote, file->file, file->size);
    }
  publish (self, batch);
}

static void
mkdirs_done (FerryTransferRunner *self,
             Work                *w)
{
  Info *folder = w->info;

  slot_release (self, w);
  finish_mkdirs (self, w);
  expansion_done (folder);
  work_free (w);
  pump (self);
}

/* A failure of the whole mkdir work (cancel, connection): TRUE when it is
 * retried. */
static gboolean
mkdirs_failed (FerryTransferRunner *self,
               Work                *w,
               const GError        *error)
{
  if (g_cancellable_is_cancelled (w->info->cancellable) || is_cancelled_error (error))
    {
      mkdirs_done (self, w);
      return FALSE;
    }
  slot_release (self, w);
  if (maybe_retry (self, w, error))
    {
      pump (self);
      return TRUE;
    }
  /* Not worth another try: the folders not made yet fail, and what is in them. */
  for (guint i = w->index; i < w->plan->dirs->len; i++)
    {
      PlanDir *dir = &g_array_index (w->plan->dirs, PlanDir, i);

      g_clear_error (&dir->error);
      dir->error = g_error_copy (error);
    }
  w->index = w->plan->dirs->len;
  finish_mkdirs (self, w);
  expansion_done (w->info);
  work_free (w);
  pump (self);
  return FALSE;
}

static void
mkdir_stat_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Work *w = user_data;
  g_autoptr (FerryTransferRunner) self = g_object_ref (w->runner);
  g_autoptr (GError) error = NULL;
  g_autoptr (FerryRemoteFile) file = ferry_session_stat_finish (FERRY_SESSION (source), result,
                                                                &error);
  PlanDir *dir = &g_array_index (w->plan->dirs, PlanDir, w->index);

  if (file == NULL && (is_transient (error) || is_cancelled_error (error)))
    {
      mkdirs_failed (self, w, error);
      return;
    }
  if (file != NULL && ferry_remote_file_get_kind (file) == FERRY_REMOTE_FILE_KIND_DIRECTORY)
    g_clear_error (&dir->error); /* it was there already: fine */
  w->index++;
  start_mkdir (w);
}

static void
mkdir_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Work *w = user_data;
  g_autoptr (FerryTransferRunner) self = g_object_ref (w->runner);
  g_autoptr (GError) error = NULL;
  PlanDir *dir = &g_array_index (w->plan->dirs, PlanDir, w->index);
  g_autofree char *remote = NULL;

  if (ferry_session_operation_finish (FERRY_SESSION (source), result, &error))
    {
      w->index++;
      start_mkdir (w);
      return;
    }
  if (!g_error_matches (error, FERRY_ERROR, FERRY_ERROR_REMOTE) || is_transient (error))
    {
      mkdirs_failed (self, w, error);
      return;
    }
  /* Refused: most often because it exists. Kept unless it turns out to be a folder. */
  dir->error = g_steal_pointer (&error);
  remote = dir->rel[0] ? join_remote (w->remote, dir->rel, strlen (dir->rel))
                       : g_strdup (w->remote);
  ferry_session_stat_async (w->slot->session, remote, w->info->cancellable, mkdir_stat_cb, w);
}

static void
start_mkdir (Work *w)
{
  UploadPlan *plan = w->plan;

  while (w->index < plan->dirs->len)
    {
      PlanDir *dir = &g_array_index (plan->dirs, PlanDir, w->index);
      g_autofree char *remote = NULL;

      g_clear_error (&dir->error); /* a retry starts this folder over */
      if (dir->parent >= 0 && g_array_index (plan->dirs, PlanDir, dir->parent).error != NULL)
        {
          dir->error = g_error_copy (g_array_index (plan->dirs, PlanDir, dir->parent).error);
          w->index++;
          continue;
        }
      remote = dir->rel[0] ? join_remote (w->remote, dir->rel, strlen (dir->rel))
                           : g_strdup (w->remote);
      ferry_session_mkdir_async (w->slot->session, remote, w->info->cancellable, mkdir_done_cb, w);
      return;
    }
  mkdirs_done (w->runner, w);
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
  slot_release (self, w);

  if (error == NULL)
    transfer_finished (info, FERRY_TRANSFER_DONE, NULL);
  else if (g_cancellable_is_cancelled (info->cancellable) || is_cancelled_error (error))
    transfer_finished (info, FERRY_TRANSFER_CANCELLED, NULL);
  else if (maybe_retry (self, w, error))
    {
      pump (self);
      return;
    }
  else
    transfer_finished (info, FERRY_TRANSFER_FAILED, error);

  work_free (w);
  pump (self);
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
  g_object_ref (self); /* dropped in slot_release() */
  if (folder != NULL)
    folder_start (folder);

  switch (w->kind)
    {
    case WORK_FILE:
      ferry_session_transfer_async (slot->session, w->info->transfer, w->info->cancellable,
                                    file_done_cb, w);
      break;
    case WORK_LIST:
      ferry_session_list_async (slot->session, w->remote, FERRY_LIST_FLAGS_SHOW_HIDDEN,
                                w->info->cancellable, list_done_cb, w);
      break;
    case WORK_LINK:
      ferry_session_stat_async (slot->session, w->remote, w->info->cancellable, link_stat_cb, w);
      break;
    case WORK_MKDIRS:
      start_mkdir (w);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
pump (FerryTransferRunner *self)
{
  while (!g_queue_is_empty (&self->queue))
    {
      Slot *slot = idle_slot (self);

      if (slot == NULL)
        break;
      start_work (self, slot, g_queue_pop_head (&self->queue));
    }
  update_busy (self);
}

/* ---- GObject ---- */

static void
ferry_transfer_runner_dispose (GObject *object)
{
  FerryTransferRunner *self = FERRY_TRANSFER_RUNNER (object);
  Work *w;

  /* Nothing runs now: running work holds a reference. */
  g_list_free_full (g_steal_pointer (&self->delayed), (GDestroyNotify) work_free);
  while ((w = g_queue_pop_head (&self->queue)) != NULL)
    work_free (w);
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
  pump (self);
}

GListModel *
ferry_transfer_runner_get_transfers (FerryTransferRunner *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_RUNNER (self), NULL);

  return G_LIST_MODEL (self->transfers);
}

void
ferry_transfer_runner_add (FerryTransferRunner *self,
                           FerryTransfer       *transfer)
{
  Info *info;

  g_return_if_fail (FERRY_IS_TRANSFER_RUNNER (self));
  g_return_if_fail (FERRY_IS_TRANSFER (transfer));
  g_return_if_fail (lookup (self, transfer) == NULL);

  info = g_new0 (Info, 1);
  info->transfer = transfer;
  info->cancellable = g_cancellable_new ();
  info->expected_size = -1;
  g_hash_table_insert (self->infos, transfer, info);
  g_list_store_append (self->transfers, transfer);

  if (!ferry_transfer_get_is_folder (transfer))
    queue_work (self, work_new (self, WORK_FILE, info, NULL, NULL, 0));
  else if (ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_DOWNLOAD)
    queue_work (self, work_new (self, WORK_LIST, info, ferry_transfer_get_remote_path (transfer),
                                ferry_transfer_get_local_file (transfer), 0));
  else
    {
      Work *w = work_new (self, WORK_MKDIRS, info, ferry_transfer_get_remote_path (transfer),
                          ferry_transfer_get_local_file (transfer), 0);
      g_autoptr (GTask) task = g_task_new (self, info->cancellable, walk_done_cb, w);

      /* The walk needs no session: it runs now, on a thread. */
      folder_start (info);
      info->expanding++;
      self->local_ops++;
      g_task_set_source_tag (task, ferry_transfer_runner_add);
      g_task_set_task_data (task, g_object_ref (w->local), g_object_unref);
      g_task_run_in_thread (task, walk_thread);
    }
  pump (self);
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

  info = lookup (self, transfer);
  if (info == NULL || info->finished)
    return;

  info->cancelled = TRUE;
  g_cancellable_cancel (info->cancellable);
  if (ferry_transfer_get_is_folder (transfer) && info->folder == NULL)
    {
      g_hash_table_iter_init (&iter, self->infos);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Info *child = value;

          if (child->folder == info && !child->finished)
            g_cancellable_cancel (child->cancellable);
        }
    }

  /* What has not started yet never will. */
  for (l = self->delayed; l != NULL;)
    {
      Work *w = l->data;

      l = l->next;
      if (work_belongs_to (w, info))
        {
          self->delayed = g_list_remove (self->delayed, w);
          work_drop (w);
        }
    }
  for (l = self->queue.head; l != NULL;)
    {
      Work *w = l->data;
      GList *next = l->next;

      if (work_belongs_to (w, info))
        {
          g_queue_delete_link (&self->queue, l);
          work_drop (w);
        }
      l = next;
    }
  if (info->folder == NULL && ferry_transfer_get_is_folder (transfer))
    folder_update_state (info);
  update_busy (self);
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
      Info *info = lookup (self, transfer);

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

GError *
ferry_transfer_runner_dup_error (FerryTransferRunner *self,
                                 FerryTransfer       *transfer)
{
  Info *info;

  g_return_val_if_fail (FERRY_IS_TRANSFER_RUNNER (self), NULL);

  info = lookup (self, transfer);
  return info && info->error ? g_error_copy (info->error) : NULL;
}
