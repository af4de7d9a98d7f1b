/* ferry-session-ops.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session's file operations and transfers (list, stat, mkdir, delete,
 * rename, chmod, transfer): one job shape each, run on the worker with a
 * reconnect when the control connection was dropped.
 */
#define G_LOG_DOMAIN "ferry-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-error.h"
#include "ferry-session-private.h"

typedef struct
{
  char *path;
  char *path2;
  guint mode;
  gboolean is_folder;
  gboolean recursive;
  FerryListFlags list_flags;
  FerryTransfer *transfer;
} OpData;

static void
op_data_free (gpointer data)
{
  OpData *op = data;

  g_free (op->path);
  g_free (op->path2);
  g_clear_object (&op->transfer);
  g_free (op);
}

static gboolean
is_connection_problem (const GError *error)
{
  return g_error_matches (error, FERRY_ERROR, FERRY_ERROR_CONNECTION_LOST) ||
         g_error_matches (error, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED) ||
         g_error_matches (error, FERRY_ERROR, FERRY_ERROR_TIMEOUT);
}

typedef gpointer (*OpFunc) (FerrySessionShared *shared,
                            OpData             *op,
                            GCancellable       *cancellable,
                            GError            **error);

/* Runs @func on a connected session. A control connection that was dropped
 * (by the server, a NAT box or a timeout) is reconnected, with the same
 * detected mode and trusted certificate, and the operation tried once more. */
static gpointer
run_connected (FerrySessionShared *shared,
               OpFunc              func,
               OpData             *op,
               GCancellable       *cancellable,
               GError            **error)
{
  const FerryEndpoint *ep = shared->endpoint;
  g_autoptr (GError) local_error = NULL;
  gboolean had_connection = shared->control != NULL;
  FerryResumption resumption;
  gpointer result;

  if (!ferry_shared_ensure_connected (shared, cancellable, error))
    return NULL;
  resumption = ferry_known_servers_get_resumption (shared->known, ep->host,
                                                   ferry_endpoint_get_effective_port (ep));
  result = func (shared, op, cancellable, &local_error);
  if (result != NULL || g_cancellable_is_cancelled (cancellable))
    goto out;

  if (had_connection && shared->control == NULL && is_connection_problem (local_error))
    ferry_shared_log (shared, FERRY_LOG_STATUS, _("The connection was lost (%s); reconnecting."),
                      local_error->message);
  else if (resumption == FERRY_RESUMPTION_WORKS &&
           g_error_matches (local_error, FERRY_ERROR, FERRY_ERROR_RESUMPTION_REQUIRED))
    {
      /* Session tickets expire (FTPS-NOTES.md): a fresh control connection
       * brings fresh ones. */
      ferry_shared_note (shared, "TLS session resumption used to work with this server and "
                                 "failed now (its session tickets may have expired); Ferry "
                                 "reconnected to start a fresh session.");
      ferry_shared_drop_control (shared);
    }
  else
    goto out;

  g_clear_error (&local_error);
  if (!ferry_op_connect (shared, cancellable, &local_error))
    goto out;
  result = func (shared, op, cancellable, &local_error);

out:
  if (result == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return result;
}

static gpointer
list_func (FerrySessionShared *shared,
           OpData             *op,
           GCancellable       *cancellable,
           GError            **error)
{
  return ferry_op_list (shared, op->path, op->list_flags, cancellable, error);
}

static gpointer
stat_func (FerrySessionShared *shared,
           OpData             *op,
           GCancellable       *cancellable,
           GError            **error)
{
  return ferry_op_stat (shared, op->path, cancellable, error);
}

static gpointer
cwd_func (FerrySessionShared *shared,
          OpData             *op,
          GCancellable       *cancellable,
          GError            **error)
{
  return ferry_op_change_directory (shared, op->path, cancellable, error);
}

static void
string_job (FerrySessionShared *shared,
            GTask              *task,
            GCancellable       *cancellable)
{
  OpData *op = g_task_get_task_data (task);
  GError *error = NULL;
  char *result = run_connected (shared, cwd_func, op, cancellable, &error);

  if (result != NULL)
    ferry_shared_return_pointer (shared, task, result, g_free);
  else
    ferry_shared_return_error (shared, task, error);
}

static gpointer
mkdir_func (FerrySessionShared *shared,
            OpData             *op,
            GCancellable       *cancellable,
            GError            **error)
{
  return ferry_op_mkdir (shared, op->path, cancellable, error) ? op : NULL;
}

static gpointer
delete_func (FerrySessionShared *shared,
             OpData             *op,
             GCancellable       *cancellable,
             GError            **error)
{
  return ferry_op_delete (shared, op->path, op->is_folder, op->recursive, cancellable, error)
             ? op
             : NULL;
}

static gpointer
rename_func (FerrySessionShared *shared,
             OpData             *op,
             GCancellable       *cancellable,
             GError            **error)
{
  return ferry_op_rename (shared, op->path, op->path2, cancellable, error) ? op : NULL;
}

static gpointer
chmod_func (FerrySessionShared *shared,
            OpData             *op,
            GCancellable       *cancellable,
            GError            **error)
{
  return ferry_op_chmod (shared, op->path, op->mode, cancellable, error) ? op : NULL;
}

static void
object_job (FerrySessionShared *shared,
            GTask              *task,
            GCancellable       *cancellable)
{
  OpData *op = g_task_get_task_data (task);
  OpFunc func = g_object_get_data (G_OBJECT (task), "ferry-op");
  GError *error = NULL;
  gpointer result = run_connected (shared, func, op, cancellable, &error);

  if (result != NULL)
    ferry_shared_return_pointer (shared, task, result, g_object_unref);
  else
    ferry_shared_return_error (shared, task, error);
}

static void
boolean_job (FerrySessionShared *shared,
             GTask              *task,
             GCancellable       *cancellable)
{
  OpData *op = g_task_get_task_data (task);
  OpFunc func = g_object_get_data (G_OBJECT (task), "ferry-op");
  GError *error = NULL;
  gboolean ok = run_connected (shared, func, op, cancellable, &error) != NULL;

  if (ok)
    ferry_shared_return_boolean (shared, task, TRUE);
  else
    ferry_shared_return_error (shared, task, error);
}

static void
queue_op (FerrySession        *self,
          gpointer             source_tag,
          FerryJobFunc         job,
          OpFunc               func,
          OpData              *op,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, op_data_free);
  g_object_set_data (G_OBJECT (task), "ferry-op", func);
  ferry_session_queue_job (self, job, task);
}

static OpData *
op_new (const char *path)
{
  OpData *op = g_new0 (OpData, 1);

  op->path = g_strdup (path);
  return op;
}

char *
ferry_session_dup_home_directory (FerrySession *self)
{
  char *path;

  g_return_val_if_fail (FERRY_IS_SESSION (self), NULL);

  FerrySessionShared *shared = ferry_session_get_shared (self);

  g_mutex_lock (&shared->mutex);
  path = g_strdup (shared->working_directory);
  g_mutex_unlock (&shared->mutex);
  return path;
}

void
ferry_session_list_async (FerrySession        *self,
                          const char          *path,
                          FerryListFlags       flags,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  OpData *op;

  g_return_if_fail (FERRY_IS_SESSION (self));
  g_return_if_fail (path != NULL);

  op = op_new (path);
  op->list_flags = flags;
  queue_op (self, ferry_session_list_async, object_job, list_func, op, cancellable, callback,
            user_data);
}

FerryListing *
ferry_session_list_finish (FerrySession  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ferry_session_stat_async (FerrySession        *self,
                          const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_SESSION (self));
  g_return_if_fail (path != NULL);

  queue_op (self, ferry_session_stat_async, object_job, stat_func, op_new (path), cancellable,
            callback, user_data);
}

FerryRemoteFile *
ferry_session_stat_finish (FerrySession  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ferry_session_change_directory_async (FerrySession        *self,
                                      const char          *path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_SESSION (self));
  g_return_if_fail (path != NULL);

  queue_op (self, ferry_session_change_directory_async, string_job, cwd_func, op_new (path),
            cancellable, callback, user_data);
}

char *
ferry_session_change_directory_finish (FerrySession  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ferry_session_mkdir_async (FerrySession        *self,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_SESSION (self));
  queue_op (self, ferry_session_mkdir_async, boolean_job, mkdir_func, op_new (path), cancellable,
            callback, user_data);
}

void
ferry_session_delete_async (FerrySession        *self,
                            const char          *path,
                            gboolean             is_folder,
                            gboolean             recursive,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  OpData *op;

  g_return_if_fail (FERRY_IS_SESSION (self));
  op = op_new (path);
  op->is_folder = is_folder;
  op->recursive = recursive;
  queue_op (self, ferry_session_delete_async, boolean_job, delete_func, op, cancellable,
            callback, user_data);
}

void
ferry_session_rename_async (FerrySession        *self,
                            const char          *from,
                            const char          *to,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  OpData *op;

  g_return_if_fail (FERRY_IS_SESSION (self));
  op = op_new (from);
  op->path2 = g_strdup (to);
  queue_op (self, ferry_session_rename_async, boolean_job, rename_func, op, cancellable,
            callback, user_data);
}

void
ferry_session_chmod_async (FerrySession        *self,
                           const char          *path,
                           guint                mode,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  OpData *op;

  g_return_if_fail (FERRY_IS_SESSION (self));
  op = op_new (path);
  op->mode = mode;
  queue_op (self, ferry_session_chmod_async, boolean_job, chmod_func, op, cancellable, callback,
            user_data);
}

gboolean
ferry_session_operation_finish (FerrySession  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gpointer
transfer_func (FerrySessionShared *shared,
               OpData             *op,
               GCancellable       *cancellable,
               GError            **error)
{
  FerryTransfer *transfer = op->transfer;
  gboolean ok = ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_DOWNLOAD
                    ? ferry_op_download (shared, transfer, cancellable, error)
                    : ferry_op_upload (shared, transfer, cancellable, error);

  return ok ? op : NULL;
}

static void
transfer_job (FerrySessionShared *shared,
              GTask              *task,
              GCancellable       *cancellable)
{
  OpData *op = g_task_get_task_data (task);
  FerryTransfer *transfer = op->transfer;
  GError *error = NULL;
  gboolean ok;

  ferry_transfer_set_state (transfer, FERRY_TRANSFER_ACTIVE, NULL);
  ok = run_connected (shared, transfer_func, op, cancellable, &error) != NULL;

  if (!ferry_transfer_get_managed (transfer))
    {
      if (ok)
        ferry_transfer_set_state (transfer, FERRY_TRANSFER_DONE, NULL);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ferry_transfer_set_state (transfer, FERRY_TRANSFER_CANCELLED, NULL);
      else
        ferry_transfer_fail (transfer, error);
    }
  if (ok)
    {
      ferry_shared_return_boolean (shared, task, TRUE);
      return;
    }
  ferry_shared_return_error (shared, task, error);
}

void
ferry_session_transfer_async (FerrySession        *self,
                              FerryTransfer       *transfer,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  OpData *op;
  GTask *task;

  g_return_if_fail (FERRY_IS_SESSION (self));
  g_return_if_fail (FERRY_IS_TRANSFER (transfer));
  g_return_if_fail (!ferry_transfer_get_is_folder (transfer));

  op = g_new0 (OpData, 1);
  op->transfer = g_object_ref (transfer);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_session_transfer_async);
  g_task_set_task_data (task, op, op_data_free);
  ferry_session_queue_job (self, transfer_job, task);
}

gboolean
ferry_session_transfer_finish (FerrySession  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

