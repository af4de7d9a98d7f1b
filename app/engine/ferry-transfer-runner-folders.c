/* ferry-transfer-runner-folders.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How FerryTransferRunner expands folder transfers into file transfers. A
 * download lists the remote folder (hidden files included), refuses names
 * that would write outside the chosen folder, makes the local folder on
 * GIO's thread pool, asks the server about links of unknown kind, and goes
 * on into the subfolders as work of their own. An upload walks the local
 * folder on a thread into a plan, creates its remote folders in order on one
 * session ("exists" is fine), then queues the files of the folders that
 * could be made.
 */
#define G_LOG_DOMAIN "ferry-transfer-runner"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ferry-error.h"
#include "ferry-list-parser.h"
#include "ferry-transfer-runner-private.h"

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
                               _("Folders can be downloaded only to a folder on this computer."));
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
                                 /* Translators: %s is a folder path; the second %s is empty or “
                                  * (links are not followed)”. */
                                 _("“%s” exists and is not a folder%s; nothing was downloaded "
                                   "into it."),
                                 path, S_ISLNK (st.st_mode) ? _(" (links are not followed)") : "");
      return;
    }
  g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_LOCAL,
                           _("Creating the folder “%s” failed: %s."), path,
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
                         _("%s Ferry writes nothing outside the chosen folder."),
                         error->message);

          ferry_runner_add_failed_child (self, folder, batch, shown, w->local,
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
              ferry_runner_note (self,
                                 _("Skipped “%s”: it is a link to a folder, and Ferry does not "
                                   "follow those (they can loop)."),
                                 remote);
              continue;
            }
          if (target == FERRY_REMOTE_FILE_KIND_FILE)
            kind = FERRY_REMOTE_FILE_KIND_FILE;
          else if (target < 0)
            {
              /* The listing did not say: ask the server (SIZE, else CWD). */
              ferry_runner_queue_work (self, ferry_runner_work_new (self, WORK_LINK, folder, remote,
                                                                    local, w->depth));
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
                             _("“%s” is nested more than %u folders deep; Ferry did not download "
                               "it."),
                             remote, FERRY_TRANSFER_RUNNER_MAX_DEPTH);

              ferry_runner_add_failed_child (self, folder, batch, remote, w->local, TRUE, deep);
            }
          else
            ferry_runner_queue_work (self, ferry_runner_work_new (self, WORK_LIST, folder, remote,
                                                                  local, w->depth + 1));
          break;
        case FERRY_REMOTE_FILE_KIND_FILE:
          /* A link's listed size is the link's own, not its target's. */
          ferry_runner_add_file_child (self, folder, batch, remote, local,
                                       ferry_remote_file_get_kind (file) ==
                                           FERRY_REMOTE_FILE_KIND_LINK
                                         ? -1
                                         : ferry_remote_file_get_size (file));
          break;
        case FERRY_REMOTE_FILE_KIND_SPECIAL:
        case FERRY_REMOTE_FILE_KIND_LINK:
        default:
          ferry_runner_note (self, _("Skipped “%s”: it is not a regular file or folder."), remote);
          break;
        }
    }
  ferry_runner_publish (self, batch);
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
    {
      ferry_runner_keep_stopped (self, w);
      ferry_runner_pump (self);
      return;
    }
  else if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      ferry_runner_add_failed_child (self, folder, batch, w->remote, w->local, TRUE, error);
      ferry_runner_publish (self, batch);
    }
  else
    expand_listing (self, w);

  ferry_runner_expansion_done (folder);
  ferry_runner_work_free (w);
  ferry_runner_pump (self);
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
  ferry_runner_release_slot (self, w);

  if (listing == NULL)
    {
      if (g_cancellable_is_cancelled (folder->cancellable) ||
          ferry_runner_error_is_cancelled (error))
        {
          ferry_runner_keep_stopped (self, w);
          ferry_runner_pump (self);
          return;
        }
      else if (ferry_runner_maybe_retry (self, w, error))
        {
          ferry_runner_pump (self);
          return;
        }
      else
        {
          g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

          ferry_runner_add_failed_child (self, folder, batch, w->remote, w->local, TRUE, error);
          ferry_runner_publish (self, batch);
        }
      ferry_runner_expansion_done (folder);
      ferry_runner_work_free (w);
      ferry_runner_pump (self);
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
  ferry_runner_pump (self);
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
  ferry_runner_release_slot (self, w);

  if (g_cancellable_is_cancelled (folder->cancellable) ||
      (file == NULL && ferry_runner_error_is_cancelled (error)))
    {
      ferry_runner_keep_stopped (self, w);
      ferry_runner_pump (self);
      return;
    }
  if (file == NULL)
    {
      if (ferry_runner_maybe_retry (self, w, error))
        {
          ferry_runner_pump (self);
          return;
        }
      else
        {
          g_autoptr (GError) failure =
            g_error_new (error->domain, error->code, _("The link “%s” could not be followed: %s"),
                         w->remote, error->message);

          ferry_runner_add_failed_child (self, folder, batch, w->remote, w->local, FALSE, failure);
        }
    }
  else if (ferry_remote_file_get_kind (file) == FERRY_REMOTE_FILE_KIND_FILE)
    ferry_runner_add_file_child (self, folder, batch, w->remote, w->local,
                                 ferry_remote_file_get_size (file));
  else
    ferry_runner_note (self,
                       _("Skipped “%s”: it is a link to a folder, and Ferry does not follow those "
                         "(they can loop)."),
                       w->remote);

  ferry_runner_publish (self, batch);
  ferry_runner_expansion_done (folder);
  ferry_runner_work_free (w);
  ferry_runner_pump (self);
}

void
ferry_runner_start_list (Work *w)
{
  ferry_session_list_async (w->slot->session, w->remote, FERRY_LIST_FLAGS_SHOW_HIDDEN,
                            w->info->cancellable, list_done_cb, w);
}

void
ferry_runner_start_link_check (Work *w)
{
  ferry_session_stat_async (w->slot->session, w->remote, w->info->cancellable, link_stat_cb, w);
}

/* ---- uploads: a local folder walked on a thread ---- */

typedef struct
{
  char *rel;      /* relative to the folder; "" is the folder itself */
  int parent;     /* index in dirs, -1 for the folder itself */
  GError *error;  /* set when it could not be created on the server */
  gboolean created; /* MKD made it: nothing is in it yet */
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

void
ferry_runner_upload_plan_free (UploadPlan *plan)
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
                               g_strdup_printf (_("Skipped “%s”: the link points nowhere (%s)."),
                                                child_rel, link_error->message));
              continue;
            }
          type = g_file_info_get_file_type (target);
          size = g_file_info_get_size (target);
          if (type == G_FILE_TYPE_DIRECTORY)
            {
              g_ptr_array_add (plan->notes,
                               g_strdup_printf (_("Skipped “%s”: it is a link to a folder, and "
                                                  "Ferry does not follow those (they can loop)."),
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
                                         _("“%s” is nested more than %u folders deep; Ferry did "
                                           "not upload it."),
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
                         g_strdup_printf (_("Skipped “%s”: it is not a regular file or folder."),
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
                             _("Reading the folder “%s” failed: %s"), g_file_peek_path (dir),
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
      ferry_runner_upload_plan_free (plan);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, plan, (GDestroyNotify) ferry_runner_upload_plan_free);
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
  if (g_cancellable_is_cancelled (folder->cancellable))
    {
      /* A retry walks again. */
      g_clear_pointer (&plan, ferry_runner_upload_plan_free);
      ferry_runner_keep_stopped (self, w);
      ferry_runner_pump (self);
      return;
    }
  if (plan == NULL)
    {
      ferry_runner_expansion_done (folder);
      ferry_runner_work_free (w);
      ferry_runner_pump (self);
      return;
    }

  for (guint i = 0; i < plan->notes->len; i++)
    ferry_runner_note (self, "%s", (char *) g_ptr_array_index (plan->notes, i));
  w->plan = plan;
  /* The walk counted as this folder's expansion; the remote folders come next. */
  folder->expanding--;
  ferry_runner_queue_work (self, w);
  ferry_runner_pump (self);
}

void
ferry_runner_walk_upload (FerryTransferRunner *self,
                          Info                *folder)
{
  FerryTransfer *transfer = folder->transfer;
  Work *w = ferry_runner_work_new (self, WORK_MKDIRS, folder,
                                   ferry_transfer_get_remote_path (transfer),
                                   ferry_transfer_get_local_file (transfer), 0);
  g_autoptr (GTask) task = g_task_new (self, folder->cancellable, walk_done_cb, w);

  folder->expanding++;
  self->local_ops++;
  g_task_set_source_tag (task, ferry_runner_walk_upload);
  g_task_set_task_data (task, g_object_ref (w->local), g_object_unref);
  g_task_run_in_thread (task, walk_thread);
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

      ferry_runner_add_failed_child (self, folder, batch, remote, problem->file, TRUE,
                                     problem->error);
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
      error = g_error_new (dir->error->domain, dir->error->code,
                           g_dngettext (GETTEXT_PACKAGE, "%s %u file in it was not uploaded.",
                                        "%s %u files in it were not uploaded.", lost[i]),
                           dir->error->message, lost[i]);
      ferry_runner_add_failed_child (self, folder, batch, remote, local, TRUE, error);
    }
  for (guint i = 0; i < plan->files->len; i++)
    {
      PlanFile *file = &g_array_index (plan->files, PlanFile, i);
      g_autofree char *remote = NULL;
      FerryTransfer *child;

      if (failed_ancestor (plan, file->dir) >= 0)
        continue;
      remote = join_remote (w->remote, file->rel, strlen (file->rel));
      child = ferry_runner_add_file_child (self, folder, batch, remote, file->file, file->size);
      /* A folder made just now holds nothing yet: the upload needs no SIZE to look for
       * its target (a round trip a file). */
      if (g_array_index (plan->dirs, PlanDir, file->dir).created)
        ferry_transfer_set_target_new (child);
    }
  ferry_runner_publish (self, batch);
}

static void
mkdirs_done (FerryTransferRunner *self,
             Work                *w)
{
  Info *folder = w->info;

  ferry_runner_release_slot (self, w);
  if (g_cancellable_is_cancelled (folder->cancellable))
    {
      /* A retry goes on from the folder it stopped at. */
      ferry_runner_keep_stopped (self, w);
      ferry_runner_pump (self);
      return;
    }
  finish_mkdirs (self, w);
  ferry_runner_expansion_done (folder);
  ferry_runner_work_free (w);
  ferry_runner_pump (self);
}

/* A failure of the whole mkdir work (cancel, connection): TRUE when it is
 * retried. */
static gboolean
mkdirs_failed (FerryTransferRunner *self,
               Work                *w,
               const GError        *error)
{
  if (g_cancellable_is_cancelled (w->info->cancellable) ||
      ferry_runner_error_is_cancelled (error))
    {
      mkdirs_done (self, w);
      return FALSE;
    }
  ferry_runner_release_slot (self, w);
  if (ferry_runner_maybe_retry (self, w, error))
    {
      ferry_runner_pump (self);
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
  ferry_runner_expansion_done (w->info);
  ferry_runner_work_free (w);
  ferry_runner_pump (self);
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

  if (file == NULL &&
      (ferry_runner_error_is_transient (error) || ferry_runner_error_is_cancelled (error)))
    {
      mkdirs_failed (self, w, error);
      return;
    }
  if (file != NULL && ferry_remote_file_get_kind (file) == FERRY_REMOTE_FILE_KIND_DIRECTORY)
    g_clear_error (&dir->error); /* it was there already: fine */
  w->index++;
  ferry_runner_start_mkdirs (w);
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
      dir->created = TRUE;
      w->index++;
      ferry_runner_start_mkdirs (w);
      return;
    }
  if (!g_error_matches (error, FERRY_ERROR, FERRY_ERROR_REMOTE) ||
      ferry_runner_error_is_transient (error))
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

void
ferry_runner_start_mkdirs (Work *w)
{
  UploadPlan *plan = w->plan;

  while (w->index < plan->dirs->len)
    {
      PlanDir *dir = &g_array_index (plan->dirs, PlanDir, w->index);
      g_autofree char *remote = NULL;

      g_clear_error (&dir->error); /* a retry starts this folder over */
      dir->created = FALSE;
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

