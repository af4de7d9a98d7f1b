/* ferry-transfer-runner-exists.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files that exist at the target, when nobody chose beforehand what to do
 * (FERRY_EXISTS_ASK): the operation fails with FERRY_ERROR_EXISTS and the
 * facts it found; the runner parks the work, gives its session back, and
 * asks its owner through "file-exists". Other transfers go on meanwhile.
 * One question per batch (an add(): a file, or a folder with everything in
 * it) is open at a time; an answer "for the rest of this batch" answers the
 * batch's other conflicts too, those waiting and those still to come.
 */
#define G_LOG_DOMAIN "ferry-transfer-runner"

#include "config.h"

#include "ferry-error.h"
#include "ferry-exists-policy.h"
#include "ferry-transfer-runner-private.h"

enum
{
  SIGNAL_FILE_EXISTS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  Work *work;
  gboolean asked; /* "file-exists" was emitted for it */
} Ask;

static Info *
batch_of (Info *info)
{
  return info->folder != NULL ? info->folder : info;
}

static Ask *
find_ask (FerryTransferRunner *self,
          FerryTransfer       *transfer)
{
  for (GList *l = self->asking; l != NULL; l = l->next)
    {
      Ask *ask = l->data;

      if (ask->work->info->transfer == transfer)
        return ask;
    }
  return NULL;
}

static gboolean
batch_is_asking (FerryTransferRunner *self,
                 Info                *batch)
{
  for (GList *l = self->asking; l != NULL; l = l->next)
    {
      Ask *ask = l->data;

      if (ask->asked && batch_of (ask->work->info) == batch)
        return TRUE;
    }
  return FALSE;
}

/* Queues @w again, to be done as @action says. */
static void
requeue (FerryTransferRunner *self,
         Work                *w,
         FerryExistsAction    action)
{
  FerryTransfer *transfer = w->info->transfer;

  ferry_transfer_set_flags (transfer,
                            ferry_exists_action_apply (ferry_transfer_get_flags (transfer),
                                                       action));
  ferry_transfer_set_state (transfer, FERRY_TRANSFER_QUEUED, NULL);
  g_queue_push_tail (&self->queue, w);
}

static void
emit_ask (FerryTransferRunner *self,
          Ask                 *ask)
{
  ask->asked = TRUE;
  g_signal_emit (self, signals[SIGNAL_FILE_EXISTS], 0, ask->work->info->transfer);
}

/* After an answer: the next question of @batch, if one waits. */
static void
ask_next (FerryTransferRunner *self,
          Info                *batch)
{
  if (batch_is_asking (self, batch))
    return;
  for (GList *l = self->asking; l != NULL; l = l->next)
    {
      Ask *ask = l->data;

      if (batch_of (ask->work->info) == batch)
        {
          emit_ask (self, ask);
          return;
        }
    }
}

gboolean
ferry_runner_exists_conflict (FerryTransferRunner *self,
                              Work                *w,
                              const GError        *error)
{
  Info *batch = batch_of (w->info);
  gpointer answer;
  Ask *ask;

  if (!g_error_matches (error, FERRY_ERROR, FERRY_ERROR_EXISTS) || w->kind != WORK_FILE)
    return FALSE;
  if (g_hash_table_lookup_extended (self->batch_answers, batch->transfer, NULL, &answer))
    {
      requeue (self, w, GPOINTER_TO_INT (answer));
      return TRUE;
    }
  /* Nobody to ask (ferry-cli without a choice): the transfer fails and says why. */
  if (!g_signal_has_handler_pending (self, signals[SIGNAL_FILE_EXISTS], 0, FALSE))
    return FALSE;

  ask = g_new0 (Ask, 1);
  ask->work = w;
  self->asking = g_list_append (self->asking, ask);
  ferry_transfer_set_state (w->info->transfer, FERRY_TRANSFER_QUEUED, error->message);
  if (!batch_is_asking (self, batch))
    emit_ask (self, ask);
  return TRUE;
}

GList *
ferry_runner_exists_take (FerryTransferRunner *self,
                          Info                *info)
{
  GList *taken = NULL;
  GList *batches = NULL;

  for (GList *l = self->asking; l != NULL;)
    {
      Ask *ask = l->data;
      GList *next = l->next;

      if (info == NULL || ask->work->info == info || ask->work->info->folder == info)
        {
          if (!g_list_find (batches, batch_of (ask->work->info)))
            batches = g_list_prepend (batches, batch_of (ask->work->info));
          taken = g_list_prepend (taken, ask->work);
          self->asking = g_list_delete_link (self->asking, l);
          g_free (ask);
        }
      l = next;
    }
  /* A file of a folder cancelled alone: its folder's next question. */
  for (GList *l = batches; l != NULL; l = l->next)
    ask_next (self, l->data);
  g_list_free (batches);
  return g_list_reverse (taken);
}

void
ferry_runner_exists_forget (FerryTransferRunner *self)
{
  g_list_free_full (ferry_runner_exists_take (self, NULL),
                    (GDestroyNotify) ferry_runner_work_free);
  g_clear_pointer (&self->batch_answers, g_hash_table_unref);
}

void
ferry_runner_exists_init (FerryTransferRunner *self)
{
  /* Batch transfer (a reference) → its FerryExistsAction. */
  self->batch_answers = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}

void
ferry_runner_exists_class_init (GObjectClass *object_class)
{
  /**
   * FerryTransferRunner::file-exists:
   * @transfer: a file transfer whose target exists
   *
   * The person is to choose: answer with
   * ferry_transfer_runner_answer_exists(), now or later (the transfer waits,
   * others go on). What is known of both files: ferry_transfer_get_conflict().
   * Without a handler such a transfer fails with FERRY_ERROR_EXISTS.
   */
  signals[SIGNAL_FILE_EXISTS] =
    g_signal_new ("file-exists", G_TYPE_FROM_CLASS (object_class), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_TRANSFER);
}

gboolean
ferry_transfer_runner_get_asking (FerryTransferRunner *self,
                                  FerryTransfer       *transfer)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_RUNNER (self), FALSE);

  return find_ask (self, transfer) != NULL;
}

void
ferry_transfer_runner_answer_exists (FerryTransferRunner *self,
                                     FerryTransfer       *transfer,
                                     FerryExistsAction    action,
                                     gboolean             apply_to_rest_of_batch)
{
  Ask *ask;
  Info *batch;

  g_return_if_fail (FERRY_IS_TRANSFER_RUNNER (self));
  g_return_if_fail (FERRY_IS_TRANSFER (transfer));
  g_return_if_fail (action != FERRY_EXISTS_ASK);

  ask = find_ask (self, transfer);
  if (ask == NULL)
    return; /* cancelled, or answered for the batch already */
  batch = batch_of (ask->work->info);
  self->asking = g_list_remove (self->asking, ask);
  requeue (self, ask->work, action);
  g_free (ask);

  if (apply_to_rest_of_batch)
    {
      g_hash_table_insert (self->batch_answers, g_object_ref (batch->transfer),
                           GINT_TO_POINTER (action));
      for (GList *l = self->asking; l != NULL;)
        {
          Ask *other = l->data;
          GList *next = l->next;

          if (batch_of (other->work->info) == batch)
            {
              self->asking = g_list_delete_link (self->asking, l);
              requeue (self, other->work, action);
              g_free (other);
            }
          l = next;
        }
    }
  else
    ask_next (self, batch);
  ferry_runner_pump (self);
}
