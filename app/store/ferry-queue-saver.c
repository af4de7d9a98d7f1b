/* ferry-queue-saver.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Changes (items added or removed, a transfer's state) mark the queue
 * dirty; a timeout of FERRY_QUEUE_SAVER_DELAY_MS takes a snapshot on the
 * main context and hands it to a thread that writes it atomically
 * (ferry_queue_file_save). A change during a write writes again after it.
 */
#define G_LOG_DOMAIN "ferry-queue-saver"

#include "config.h"

#include "ferry-queue-file.h"
#include "ferry-queue-saver.h"
#include "ferry-transfer.h"

typedef struct
{
  FerryQueueSaver *saver; /* borrowed */
  GListModel *transfers;
  char *site_id;
  char *url;
  GPtrArray *watched;     /* FerryTransfer whose notify::state we follow */
} Source;

struct _FerryQueueSaver
{
  GObject parent_instance;

  char *path;
  GPtrArray *sources;     /* Source */
  GPtrArray *pending;     /* FerryQueueItem: loaded, not yet in a runner */
  guint timeout_id;
  gboolean dirty;
  gboolean writing;
  guint writes;
  GMutex mutex;           /* guards writes (read by tests from the main context) */
};

G_DEFINE_FINAL_TYPE (FerryQueueSaver, ferry_queue_saver, G_TYPE_OBJECT)

static void schedule (FerryQueueSaver *self);

static void
state_cb (FerryTransfer   *transfer,
          GParamSpec      *pspec,
          FerryQueueSaver *self)
{
  schedule (self);
}

/* The first bytes of an upload matter (from then on it continues the file
 * on the server); later progress does not. */
#define BEGUN_KEY "ferry-queue-saver-begun"

static void
bytes_cb (FerryTransfer   *transfer,
          GParamSpec      *pspec,
          FerryQueueSaver *self)
{
  if (ferry_transfer_get_bytes_done (transfer) <= 0 ||
      g_object_get_data (G_OBJECT (transfer), BEGUN_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (transfer), BEGUN_KEY, GINT_TO_POINTER (TRUE));
  schedule (self);
}

static void
watch (Source        *source,
       FerryTransfer *transfer)
{
  if (ferry_transfer_get_parent (transfer) != NULL)
    return;
  g_signal_connect (transfer, "notify::state", G_CALLBACK (state_cb), source->saver);
  g_signal_connect (transfer, "notify::bytes-done", G_CALLBACK (bytes_cb), source->saver);
  g_ptr_array_add (source->watched, g_object_ref (transfer));
}

static void
unwatch_all (Source *source)
{
  for (guint i = 0; i < source->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (source->watched, i),
                                          source->saver);
  g_ptr_array_set_size (source->watched, 0);
}

/* The list changed: follow what is in it now. */
static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Source     *source)
{
  unwatch_all (source);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (FerryTransfer) transfer = g_list_model_get_item (model, i);

      watch (source, transfer);
    }
  schedule (source->saver);
}

static void
source_free (gpointer data)
{
  Source *source = data;

  unwatch_all (source);
  g_ptr_array_unref (source->watched);
  g_signal_handlers_disconnect_by_data (source->transfers, source);
  g_object_unref (source->transfers);
  g_free (source->site_id);
  g_free (source->url);
  g_free (source);
}

static gboolean
is_unfinished (FerryTransfer *transfer)
{
  switch (ferry_transfer_get_state (transfer))
    {
    case FERRY_TRANSFER_QUEUED:
    case FERRY_TRANSFER_ACTIVE:
    case FERRY_TRANSFER_PAUSED:
      return TRUE;
    default:
      return FALSE;
    }
}

static FerryQueueItem *
item_copy (const FerryQueueItem *item)
{
  FerryQueueItem *copy = ferry_queue_item_new ();

  *copy = *item;
  copy->site_id = g_strdup (item->site_id);
  copy->url = g_strdup (item->url);
  copy->local_path = g_strdup (item->local_path);
  copy->remote_path = g_strdup (item->remote_path);
  copy->renamed_path = g_strdup (item->renamed_path);
  return copy;
}

static GPtrArray *
snapshot (FerryQueueSaver *self)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) ferry_queue_item_free);

  for (guint i = 0; i < self->pending->len; i++)
    g_ptr_array_add (items, item_copy (g_ptr_array_index (self->pending, i)));

  for (guint s = 0; s < self->sources->len; s++)
    {
      Source *source = g_ptr_array_index (self->sources, s);

      for (guint i = 0; i < source->watched->len; i++)
        {
          FerryTransfer *transfer = g_ptr_array_index (source->watched, i);

          if (is_unfinished (transfer))
            g_ptr_array_add (items, ferry_queue_item_new_for_transfer (transfer, source->site_id,
                                                                       source->url));
        }
    }
  return items;
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FerryQueueSaver *self = source_object;
  g_autoptr (GError) error = NULL;

  if (!ferry_queue_file_save (self->path, task_data, &error))
    g_warning ("The transfer queue could not be saved: %s", error->message);
  g_mutex_lock (&self->mutex);
  self->writes++;
  g_mutex_unlock (&self->mutex);
  g_task_return_boolean (task, TRUE);
}

static void start_write (FerryQueueSaver *self);

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  FerryQueueSaver *self = FERRY_QUEUE_SAVER (source);

  self->writing = FALSE;
  if (self->dirty && self->timeout_id == 0)
    start_write (self);
}

static void
start_write (FerryQueueSaver *self)
{
  g_autoptr (GTask) task = NULL;

  if (self->writing)
    return; /* write_done_cb() writes again */
  self->dirty = FALSE;
  self->writing = TRUE;
  task = g_task_new (self, NULL, write_done_cb, NULL);
  g_task_set_source_tag (task, start_write);
  g_task_set_task_data (task, snapshot (self), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, write_thread);
}

static gboolean
timeout_cb (gpointer data)
{
  FerryQueueSaver *self = data;

  self->timeout_id = 0;
  start_write (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (FerryQueueSaver *self)
{
  self->dirty = TRUE;
  if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add (FERRY_QUEUE_SAVER_DELAY_MS, timeout_cb, self);
}

static void
ferry_queue_saver_dispose (GObject *object)
{
  FerryQueueSaver *self = FERRY_QUEUE_SAVER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  G_OBJECT_CLASS (ferry_queue_saver_parent_class)->dispose (object);
}

static void
ferry_queue_saver_finalize (GObject *object)
{
  FerryQueueSaver *self = FERRY_QUEUE_SAVER (object);

  g_free (self->path);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (ferry_queue_saver_parent_class)->finalize (object);
}

static void
ferry_queue_saver_class_init (FerryQueueSaverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ferry_queue_saver_dispose;
  object_class->finalize = ferry_queue_saver_finalize;
}

static void
ferry_queue_saver_init (FerryQueueSaver *self)
{
  g_mutex_init (&self->mutex);
  self->sources = g_ptr_array_new_with_free_func (source_free);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) ferry_queue_item_free);
}

FerryQueueSaver *
ferry_queue_saver_new (const char *path)
{
  FerryQueueSaver *self = g_object_new (FERRY_TYPE_QUEUE_SAVER, NULL);

  self->path = g_strdup (path);
  return self;
}

void
ferry_queue_saver_add_list (FerryQueueSaver *self,
                            GListModel      *transfers,
                            const char      *site_id,
                            const char      *url)
{
  Source *source;

  g_return_if_fail (FERRY_IS_QUEUE_SAVER (self));
  g_return_if_fail (G_IS_LIST_MODEL (transfers));
  g_return_if_fail (site_id != NULL || url != NULL);

  source = g_new0 (Source, 1);
  source->saver = self;
  source->transfers = g_object_ref (transfers);
  source->site_id = g_strdup (site_id);
  source->url = site_id == NULL ? g_strdup (url) : NULL;
  source->watched = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->sources, source);
  g_signal_connect (transfers, "items-changed", G_CALLBACK (items_changed_cb), source);
  items_changed_cb (transfers, 0, 0, 0, source);
}

void
ferry_queue_saver_remove_list (FerryQueueSaver *self,
                               GListModel      *transfers)
{
  g_return_if_fail (FERRY_IS_QUEUE_SAVER (self));

  for (guint i = 0; i < self->sources->len; i++)
    if (((Source *) g_ptr_array_index (self->sources, i))->transfers == transfers)
      {
        g_ptr_array_remove_index (self->sources, i);
        schedule (self);
        return;
      }
}

void
ferry_queue_saver_keep_list (FerryQueueSaver *self,
                             GListModel      *transfers)
{
  g_return_if_fail (FERRY_IS_QUEUE_SAVER (self));

  for (guint s = 0; s < self->sources->len; s++)
    {
      Source *source = g_ptr_array_index (self->sources, s);

      if (source->transfers != transfers)
        continue;
      for (guint i = 0; i < source->watched->len; i++)
        {
          FerryTransfer *transfer = g_ptr_array_index (source->watched, i);

          if (is_unfinished (transfer))
            g_ptr_array_add (self->pending,
                             ferry_queue_item_new_for_transfer (transfer, source->site_id,
                                                                source->url));
        }
      g_ptr_array_remove_index (self->sources, s);
      schedule (self);
      return;
    }
}

void
ferry_queue_saver_flush (FerryQueueSaver *self)
{
  g_return_if_fail (FERRY_IS_QUEUE_SAVER (self));

  if (self->timeout_id != 0)
    g_clear_handle_id (&self->timeout_id, g_source_remove);
  /* The writes report back on this context: wait for them, and write what
   * changed meanwhile. */
  while (self->writing || self->dirty)
    {
      if (!self->writing)
        start_write (self);
      g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
    }
}

void
ferry_queue_saver_set_pending (FerryQueueSaver *self,
                               GPtrArray       *items)
{
  g_return_if_fail (FERRY_IS_QUEUE_SAVER (self));

  g_ptr_array_set_size (self->pending, 0);
  for (guint i = 0; items != NULL && i < items->len; i++)
    g_ptr_array_add (self->pending, item_copy (g_ptr_array_index (items, i)));
}

GPtrArray *
ferry_queue_saver_get_pending (FerryQueueSaver *self)
{
  g_return_val_if_fail (FERRY_IS_QUEUE_SAVER (self), NULL);

  return self->pending;
}

GPtrArray *
ferry_queue_saver_take_pending (FerryQueueSaver *self,
                                const char      *site_id,
                                const char      *url)
{
  GPtrArray *taken = g_ptr_array_new_with_free_func ((GDestroyNotify) ferry_queue_item_free);

  g_return_val_if_fail (FERRY_IS_QUEUE_SAVER (self), taken);

  for (guint i = self->pending->len; i > 0; i--)
    {
      FerryQueueItem *item = g_ptr_array_index (self->pending, i - 1);
      gboolean mine = site_id != NULL ? g_strcmp0 (item->site_id, site_id) == 0
                                      : item->site_id == NULL && g_strcmp0 (item->url, url) == 0;

      if (mine)
        g_ptr_array_insert (taken, 0, g_ptr_array_steal_index (self->pending, i - 1));
    }
  return taken;
}

FerryQueueSaver *
ferry_queue_saver_get_default (void)
{
  static FerryQueueSaver *saver;

  if (saver == NULL)
    saver = ferry_queue_saver_new (NULL);
  return saver;
}

guint
ferry_queue_saver_get_writes (FerryQueueSaver *self)
{
  guint writes;

  g_return_val_if_fail (FERRY_IS_QUEUE_SAVER (self), 0);

  g_mutex_lock (&self->mutex);
  writes = self->writes;
  g_mutex_unlock (&self->mutex);
  return writes;
}
