/* ferry-transfer-runner-control.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a person does to the queue besides adding and cancelling: pause and
 * resume (a running transfer's attempt is cancelled and held, to continue
 * from where it stopped), retry what failed or was cancelled, change the
 * order waiting transfers start in, and clear what is finished.
 *
 * Work of a paused transfer waits in self->held, outside the queue: the
 * queue only ever holds work that may start. A folder is paused by pausing
 * its children; the children its listing finds meanwhile arrive paused.
 */
#define G_LOG_DOMAIN "ferry-transfer-runner"

#include "config.h"

#include <string.h>

#include "ferry-error.h"
#include "ferry-transfer-runner-private.h"

/* ---- held work ---- */

gboolean
ferry_runner_work_is_held (Work *w)
{
  return w->info->paused || (w->info->folder != NULL && w->info->folder->paused);
}

void
ferry_runner_hold_work (FerryTransferRunner *self,
                        Work                *w)
{
  if (w->kind == WORK_FILE)
    {
      w->info->paused = TRUE;
      ferry_transfer_set_state (w->info->transfer, FERRY_TRANSFER_PAUSED, NULL);
    }
  g_queue_push_tail (&self->held, w);
}

/* A resumed file starts again from where it stopped. */
static void
requeue (FerryTransferRunner *self,
         Work                *w)
{
  if (w->kind == WORK_FILE)
    {
      FerryTransfer *transfer = w->info->transfer;

      ferry_transfer_set_flags (transfer, ferry_transfer_get_flags (transfer) |
                                            FERRY_TRANSFER_FLAGS_RESUME);
      ferry_transfer_set_state (transfer, FERRY_TRANSFER_QUEUED, NULL);
    }
  g_queue_push_tail (&self->queue, w);
}

void
ferry_runner_interrupted (FerryTransferRunner *self,
                          Work                *w)
{
  Info *info = w->info;

  info->interrupted = FALSE;
  g_clear_object (&info->cancellable);
  info->cancellable = g_cancellable_new ();
  if (info->paused)
    ferry_runner_hold_work (self, w);
  else
    requeue (self, w);
  if (info->folder != NULL)
    ferry_runner_folder_update_state (info->folder);
  ferry_runner_sort_queue (self);
}

void
ferry_runner_drop_held (FerryTransferRunner *self,
                        Info                *info)
{
  for (GList *l = self->held.head; l != NULL;)
    {
      Work *w = l->data;
      GList *next = l->next;

      if (ferry_runner_work_belongs_to (w, info))
        {
          g_queue_delete_link (&self->held, l);
          if (w->kind == WORK_FILE)
            {
              /* Back in the queue, where the cancel drops it as it does
               * every queued transfer's. */
              w->info->paused = FALSE;
              g_queue_push_head (&self->queue, w);
            }
          else
            {
              w->info->expanding--;
              self->dropped = g_list_prepend (self->dropped, w);
            }
        }
      l = next;
    }
}

void
ferry_runner_keep_stopped (FerryTransferRunner *self,
                           Work                *w)
{
  Info *folder = w->info;

  g_assert (w->slot == NULL);
  g_clear_object (&w->listing); /* listed again */
  g_clear_handle_id (&w->delay_source, g_source_remove);
  self->dropped = g_list_prepend (self->dropped, w);
  ferry_runner_expansion_done (folder);
}

/* ---- added paused ---- */

void
ferry_transfer_runner_add_paused (FerryTransferRunner *self,
                                  FerryTransfer       *transfer)
{
  g_return_if_fail (FERRY_IS_TRANSFER_RUNNER (self));
  g_return_if_fail (FERRY_IS_TRANSFER (transfer));
  g_return_if_fail (ferry_runner_lookup (self, transfer) == NULL);

  ferry_runner_add_transfer (self, transfer, TRUE);
}

/* ---- order ---- */

static GHashTable *
positions (FerryTransferRunner *self)
{
  GListModel *model = G_LIST_MODEL (self->transfers);
  guint n = g_list_model_get_n_items (model);
  GHashTable *table = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (FerryTransfer) transfer = g_list_model_get_item (model, i);

      g_hash_table_insert (table, transfer, GUINT_TO_POINTER (i));
    }
  return table;
}

static guint
position_of (GHashTable    *table,
             FerryTransfer *transfer)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, transfer));
}

static int
compare_work (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Work *wa = a, *wb = b;
  GHashTable *table = user_data;
  Info *top_a = wa->info->folder ? wa->info->folder : wa->info;
  Info *top_b = wb->info->folder ? wb->info->folder : wb->info;
  guint pa = position_of (table, top_a->transfer);
  guint pb = position_of (table, top_b->transfer);

  if (pa != pb)
    return pa < pb ? -1 : 1;
  /* Within a folder: its own work (listings) first, then its files in order. */
  pa = wa->kind == WORK_FILE ? position_of (table, wa->info->transfer) : 0;
  pb = wb->kind == WORK_FILE ? position_of (table, wb->info->transfer) : 0;
  if (pa != pb)
    return pa < pb ? -1 : 1;
  return 0;
}

void
ferry_runner_sort_queue (FerryTransferRunner *self)
{
  g_autoptr (GHashTable) table = NULL;

  if (self->queue.length < 2)
    return;
  table = positions (self);
  /* g_queue_sort() merges: work that compares equal keeps its order. */
  g_queue_sort (&self->queue, compare_work, table);
}

/* The transfers that have not started: files whose work is queued or held,
 * folders that have not begun. */
static GHashTable *
waiting_set (FerryTransferRunner *self)
{
  GHashTable *set = g_hash_table_new (NULL, NULL);
  GQueue *queues[] = { &self->queue, &self->held };
  GHashTableIter iter;
  gpointer value;

  for (guint q = 0; q < G_N_ELEMENTS (queues); q++)
    for (GList *l = queues[q]->head; l != NULL; l = l->next)
      {
        Work *w = l->data;

        if (w->kind == WORK_FILE)
          g_hash_table_add (set, w->info);
      }
  g_hash_table_iter_init (&iter, self->infos);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Info *info = value;

      if (info->folder == NULL && ferry_transfer_get_is_folder (info->transfer) &&
          !info->started && !info->finished)
        g_hash_table_add (set, info);
    }
  return set;
}

/* Index of the waiting sibling of @info (same folder, or top-level) that
 * @where moves it next to, or -1. */
static int
find_target (FerryTransferRunner *self,
             GHashTable          *waiting,
             Info                *info,
             guint                index,
             FerryTransferMove    where)
{
  GListModel *model = G_LIST_MODEL (self->transfers);
  guint n = g_list_model_get_n_items (model);
  int target = -1;
  guint from = where == FERRY_TRANSFER_MOVE_DOWN ? index + 1 : 0;
  guint to = where == FERRY_TRANSFER_MOVE_DOWN ? n : index;

  for (guint i = from; i < to; i++)
    {
      g_autoptr (FerryTransfer) other = g_list_model_get_item (model, i);
      Info *sibling = ferry_runner_lookup (self, other);

      if (sibling->folder != info->folder || !g_hash_table_contains (waiting, sibling))
        continue;
      target = (int) i;
      /* Up: the nearest above; down: the nearest below; top: the first. */
      if (where != FERRY_TRANSFER_MOVE_UP)
        break;
    }
  return target;
}

void
ferry_transfer_runner_move (FerryTransferRunner *self,
                            FerryTransfer       *transfer,
                            FerryTransferMove    where)
{
  GListModel *model;
  Info *info;
  guint index, first, last, n;
  int target;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GHashTable) waiting = NULL;

  g_return_if_fail (FERRY_IS_TRANSFER_RUNNER (self));
  g_return_if_fail (FERRY_IS_TRANSFER (transfer));

  model = G_LIST_MODEL (self->transfers);
  info = ferry_runner_lookup (self, transfer);
  waiting = waiting_set (self);
  if (info == NULL || !g_hash_table_contains (waiting, info) ||
      !g_list_store_find (self->transfers, transfer, &index))
    return;
  target = find_target (self, waiting, info, index, where);
  if (target < 0)
    return;

  /* One splice over the rows from one place to the other. */
  first = MIN (index, (guint) target);
  last = MAX (index, (guint) target);
  n = last - first + 1;
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = first; i <= last; i++)
    if (i != index)
      g_ptr_array_add (items, g_list_model_get_item (model, i));
  if (where == FERRY_TRANSFER_MOVE_DOWN)
    g_ptr_array_add (items, g_object_ref (transfer));
  else
    g_ptr_array_insert (items, 0, g_object_ref (transfer));
  g_list_store_splice (self->transfers, first, n, items->pdata, items->len);
  ferry_runner_sort_queue (self);
}

/* ---- pause and resume ---- */

static Work *
steal_work (GQueue *queue,
            Info   *info)
{
  for (GList *l = queue->head; l != NULL; l = l->next)
    {
      Work *w = l->data;

      if (w->kind == WORK_FILE && w->info == info)
        {
          g_queue_delete_link (queue, l);
          return w;
        }
    }
  return NULL;
}

static void
pause_file (FerryTransferRunner *self,
            Info                *info)
{
  Work *w;
  GList *l;

  if (info->finished || info->paused)
    return;
  info->paused = TRUE;
  if ((w = steal_work (&self->queue, info)) != NULL)
    {
      ferry_runner_hold_work (self, w);
      return;
    }
  for (l = self->delayed; l != NULL; l = l->next)
    if (((Work *) l->data)->info == info)
      break;
  if (l != NULL)
    {
      w = l->data;
      self->delayed = g_list_delete_link (self->delayed, l);
      g_clear_handle_id (&w->delay_source, g_source_remove);
      ferry_runner_hold_work (self, w);
      return;
    }
  /* Waiting for a "file exists" answer: resumed, it asks again. */
  {
    GList *asked = ferry_runner_exists_take (self, info);

    if (asked != NULL)
      {
        ferry_runner_hold_work (self, asked->data);
        g_list_free (asked);
        return;
      }
  }
  /* Running: stop its data connection; file_done_cb() holds the work. */
  info->interrupted = TRUE;
  g_cancellable_cancel (info->cancellable);
}

/* Calls @func on @folder's unfinished children. */
static void
foreach_child (FerryTransferRunner *self,
               Info                *folder,
               void (*func) (FerryTransferRunner *, Info *))
{
  g_autoptr (GPtrArray) children = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->infos);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Info *) value)->folder == folder)
      g_ptr_array_add (children, value);
  for (guint i = 0; i < children->len; i++)
    func (self, g_ptr_array_index (children, i));
}

void
ferry_transfer_runner_pause (FerryTransferRunner *self,
                             FerryTransfer       *transfer)
{
  Info *info;

  g_return_if_fail (FERRY_IS_TRANSFER_RUNNER (self));
  g_return_if_fail (FERRY_IS_TRANSFER (transfer));

  info = ferry_runner_lookup (self, transfer);
  if (info == NULL || info->finished)
    return;
  if (!ferry_transfer_get_is_folder (transfer) || info->folder != NULL)
    {
      pause_file (self, info);
      if (info->folder != NULL)
        ferry_runner_folder_update_state (info->folder);
    }
  else if (!info->paused)
    {
      info->paused = TRUE;
      /* Its listings and folder creations that have not started wait too. */
      for (GList *l = self->queue.head; l != NULL;)
        {
          Work *w = l->data;
          GList *next = l->next;

          if (w->info == info)
            {
              g_queue_delete_link (&self->queue, l);
              ferry_runner_hold_work (self, w);
            }
          l = next;
        }
      foreach_child (self, info, pause_file);
      ferry_transfer_set_state (transfer, FERRY_TRANSFER_PAUSED, NULL);
    }
  ferry_runner_pump (self);
}

static void
resume_file (FerryTransferRunner *self,
             Info                *info)
{
  Work *w;

  if (info->finished || !info->paused)
    return;
  info->paused = FALSE;
  /* Still running (its pause is on the way): file_done_cb() queues it. */
  if ((w = steal_work (&self->held, info)) != NULL)
    requeue (self, w);
}

/* @folder's own held work (listings, folder creations) goes on. */
static void
release_folder_work (FerryTransferRunner *self,
                     Info                *folder)
{
  folder->paused = FALSE;
  for (GList *l = self->held.head; l != NULL;)
    {
      Work *w = l->data;
      GList *next = l->next;

      if (w->info == folder && w->kind != WORK_FILE)
        {
          g_queue_delete_link (&self->held, l);
          requeue (self, w);
        }
      l = next;
    }
  if (folder->started)
    ferry_transfer_set_state (folder->transfer, FERRY_TRANSFER_ACTIVE, NULL);
}

void
ferry_transfer_runner_resume (FerryTransferRunner *self,
                              FerryTransfer       *transfer)
{
  Info *info;

  g_return_if_fail (FERRY_IS_TRANSFER_RUNNER (self));
  g_return_if_fail (FERRY_IS_TRANSFER (transfer));

  info = ferry_runner_lookup (self, transfer);
  if (info == NULL || info->finished)
    return;
  if (!ferry_transfer_get_is_folder (transfer) || info->folder != NULL)
    {
      resume_file (self, info);
      /* Its folder is no longer paused as a whole: its listings go on,
       * the other children stay paused. */
      if (info->folder != NULL && info->folder->paused)
        release_folder_work (self, info->folder);
      if (info->folder != NULL)
        ferry_runner_folder_update_state (info->folder);
    }
  else
    {
      release_folder_work (self, info);
      foreach_child (self, info, resume_file);
      if (!info->started)
        ferry_transfer_set_state (transfer, FERRY_TRANSFER_QUEUED, NULL);
      ferry_runner_folder_update_state (info);
    }
  ferry_runner_sort_queue (self);
  ferry_runner_pump (self);
}

void
ferry_transfer_runner_pause_all (FerryTransferRunner *self)
{
  g_return_if_fail (FERRY_IS_TRANSFER_RUNNER (self));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->transfers)); i++)
    {
      g_autoptr (FerryTransfer) transfer = g_list_model_get_item (G_LIST_MODEL (self->transfers),
                                                                  i);

      if (ferry_transfer_get_parent (transfer) == NULL)
        ferry_transfer_runner_pause (self, transfer);
    }
}

void
ferry_transfer_runner_resume_all (FerryTransferRunner *self)
{
  g_return_if_fail (FERRY_IS_TRANSFER_RUNNER (self));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->transfers)); i++)
    {
      g_autoptr (FerryTransfer) transfer = g_list_model_get_item (G_LIST_MODEL (self->transfers),
                                                                  i);
      Info *info = ferry_runner_lookup (self, transfer);

      if (info->folder == NULL)
        ferry_transfer_runner_resume (self, transfer);
    }
}

/* ---- retry ---- */

static gboolean
is_retryable (Info *info)
{
  FerryTransferState state = ferry_transfer_get_state (info->transfer);

  return info->finished && (state == FERRY_TRANSFER_FAILED || state == FERRY_TRANSFER_CANCELLED);
}

/* @folder (finished or not) has work again. */
static void
folder_reopen (Info *folder)
{
  folder->finished = FALSE;
  folder->cancelled = FALSE;
  folder->paused = FALSE;
  if (g_cancellable_is_cancelled (folder->cancellable))
    {
      g_clear_object (&folder->cancellable);
      folder->cancellable = g_cancellable_new ();
    }
  ferry_transfer_set_state (folder->transfer, folder->started ? FERRY_TRANSFER_ACTIVE
                                                              : FERRY_TRANSFER_QUEUED, NULL);
}

/* Takes @info out of its folder's counts of finished children. */
static void
unfinish_child (Info *info)
{
  Info *folder = info->folder;
  FerryTransferState state = ferry_transfer_get_state (info->transfer);

  folder->n_finished--;
  if (state == FERRY_TRANSFER_FAILED)
    folder->n_failed--;
  else
    folder->n_cancelled--;
  if (folder->n_failed == 0)
    g_clear_error (&folder->error);
}

static void
retry_file (FerryTransferRunner *self,
            Info                *info)
{
  FerryTransfer *transfer = info->transfer;

  if (!is_retryable (info) || ferry_transfer_get_is_folder (transfer))
    return;
  if (info->folder != NULL)
    {
      unfinish_child (info);
      ferry_runner_watch_child (info);
    }
  info->finished = FALSE;
  info->cancelled = FALSE;
  info->paused = FALSE;
  info->interrupted = FALSE;
  g_clear_object (&info->cancellable);
  info->cancellable = g_cancellable_new ();
  requeue (self, ferry_runner_work_new (self, WORK_FILE, info, NULL, NULL, 0));
}

/* How deep @remote is in @folder's remote folder (1: right inside it). */
static guint
depth_in (Info       *folder,
          const char *remote)
{
  const char *top = ferry_transfer_get_remote_path (folder->transfer);
  gsize length = strlen (top);
  guint depth = 0;

  if (strncmp (remote, top, length) != 0)
    return 1;
  for (const char *p = remote + length; *p != '\0'; p++)
    if (*p == '/' && p[1] != '\0' && p[1] != '/')
      depth++;
  return MAX (depth, 1);
}

/* A folder inside a download whose listing failed: the failed row goes,
 * and the folder is listed again (its files and folders become children). */
static void
retry_listing (FerryTransferRunner *self,
               Info                *info)
{
  Info *folder = info->folder;
  g_autoptr (FerryTransfer) transfer = g_object_ref (info->transfer);
  const char *remote = ferry_transfer_get_remote_path (transfer);
  guint position;

  unfinish_child (info);
  folder->n_children--;
  ferry_runner_queue_work (self, ferry_runner_work_new (self, WORK_LIST, folder, remote,
                                                        ferry_transfer_get_local_file (transfer),
                                                        depth_in (folder, remote)));
  g_hash_table_remove (self->infos, transfer);
  if (g_list_store_find (self->transfers, transfer, &position))
    g_list_store_remove (self->transfers, position);
}

static void
retry_child (FerryTransferRunner *self,
             Info                *info)
{
  if (!is_retryable (info))
    return;
  if (!ferry_transfer_get_is_folder (info->transfer))
    retry_file (self, info);
  else if (ferry_transfer_get_direction (info->transfer) == FERRY_TRANSFER_DOWNLOAD)
    retry_listing (self, info);
  /* An upload's folder that could not be created: its files were never
   * planned on their own; the person uploads that folder again. */
}

void
ferry_transfer_runner_retry (FerryTransferRunner *self,
                             FerryTransfer       *transfer)
{
  Info *info;

  g_return_if_fail (FERRY_IS_TRANSFER_RUNNER (self));
  g_return_if_fail (FERRY_IS_TRANSFER (transfer));

  info = ferry_runner_lookup (self, transfer);
  if (info == NULL || !is_retryable (info))
    return;
  if (info->folder != NULL)
    {
      Info *folder = info->folder;

      if (folder->finished || folder->cancelled)
        folder_reopen (folder);
      retry_child (self, info); /* may free @info */
      ferry_runner_folder_update_state (folder);
    }
  else if (!ferry_transfer_get_is_folder (transfer))
    retry_file (self, info);
  else
    {
      folder_reopen (info);
      /* The listings and folder creations its cancel stopped. */
      for (GList *l = self->dropped; l != NULL;)
        {
          Work *w = l->data;
          GList *next = l->next;

          if (w->info == info)
            {
              self->dropped = g_list_delete_link (self->dropped, l);
              w->retries = 0;
              if (w->kind == WORK_MKDIRS && w->plan == NULL)
                {
                  /* Stopped while walking the local folder. */
                  ferry_runner_work_free (w);
                  ferry_runner_walk_upload (self, info);
                }
              else
                ferry_runner_queue_work (self, w);
            }
          l = next;
        }
      foreach_child (self, info, retry_child);
      ferry_runner_folder_update_state (info);
    }
  ferry_runner_sort_queue (self);
  ferry_runner_pump (self);
}

/* ---- clearing ---- */

void
ferry_transfer_runner_clear_finished (FerryTransferRunner *self)
{
  GListModel *model;
  g_autoptr (GHashTable) gone = g_hash_table_new (NULL, NULL);
  guint n;

  g_return_if_fail (FERRY_IS_TRANSFER_RUNNER (self));

  model = G_LIST_MODEL (self->transfers);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (FerryTransfer) transfer = g_list_model_get_item (model, i);
      Info *info = ferry_runner_lookup (self, transfer);
      FerryTransferState state = ferry_transfer_get_state (transfer);

      if (info->folder == NULL && info->finished &&
          (state == FERRY_TRANSFER_DONE || state == FERRY_TRANSFER_CANCELLED))
        g_hash_table_add (gone, info);
    }
  if (g_hash_table_size (gone) == 0)
    return;

  for (GList *l = self->dropped; l != NULL;)
    {
      Work *w = l->data;
      GList *next = l->next;

      if (g_hash_table_contains (gone, w->info))
        {
          self->dropped = g_list_delete_link (self->dropped, l);
          ferry_runner_work_free (w);
        }
      l = next;
    }

  /* From the end, a run of rows at a time. */
  for (guint i = n; i > 0;)
    {
      guint end = i, start;

      while (i > 0)
        {
          g_autoptr (FerryTransfer) transfer = g_list_model_get_item (model, i - 1);
          Info *info = ferry_runner_lookup (self, transfer);
          Info *top = info->folder ? info->folder : info;

          if (!g_hash_table_contains (gone, top))
            break;
          i--;
        }
      start = i;
      if (start == end)
        {
          i--;
          continue;
        }
      /* Children come after their folder in the list: they go first. */
      for (guint j = end; j > start; j--)
        {
          g_autoptr (FerryTransfer) transfer = g_list_model_get_item (model, j - 1);

          g_hash_table_remove (self->infos, transfer);
        }
      g_list_store_splice (self->transfers, start, end - start, NULL, 0);
    }
}
