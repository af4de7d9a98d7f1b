/* ferry-remote-drag-provider.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GdkContentProvider for files on the server that are dragged. Its formats
 * are itself (for Ferry's own local pane), then GdkFileList and every MIME
 * type GTK can serialize a GdkFileList to: text/uri-list, and in a sandbox
 * the file-transfer portal's application/vnd.portal.filetransfer (GTK
 * registers that serializer itself when the portal is there). A GdkFileList
 * cannot be had synchronously before the files are here, so
 * write_mime_type_async is the way out: the first request queues the
 * downloads on the tab's transfer runner (they show in the transfer panel)
 * into a fresh $XDG_CACHE_HOME/ferry/drag/<unique>/ folder, every request
 * waits for them, then GTK's serializer for that MIME type writes the list of
 * downloaded files (registering them with the portal when it is the portal's
 * type).
 */
#define G_LOG_DOMAIN "ferry-remote-drag"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ferry-connection-tab-private.h"
#include "ferry-remote-drag-provider.h"
#include "ferry-transfer.h"

/* Drag folders older than this are deleted on the next start. */
#define STALE_AFTER_SECONDS (24 * 60 * 60)

typedef enum
{
  FETCH_NOT_STARTED,
  FETCH_RUNNING,
  FETCH_DONE,
  FETCH_FAILED,
} FetchState;

struct _FerryRemoteDragProvider
{
  GdkContentProvider parent_instance;

  GWeakRef tab;
  GPtrArray *files;       /* FerryRemoteFile */
  char *folder;

  FetchState state;
  GPtrArray *transfers;   /* FerryTransfer, while they run */
  guint n_running;
  GSList *done_files;     /* GFile, in the order of files */
  GError *error;
  GPtrArray *waiting;     /* GTask: write requests until the files are here */
};

G_DEFINE_FINAL_TYPE (FerryRemoteDragProvider, ferry_remote_drag_provider,
                     GDK_TYPE_CONTENT_PROVIDER)

/* ---- writing a MIME type ---- */

static void
serialize_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (gdk_content_serialize_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
serialize (FerryRemoteDragProvider *self,
           GTask                   *task)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (self->done_files));
  gdk_content_serialize_async (g_task_get_task_data (task), /* the stream */
                               g_object_get_data (G_OBJECT (task), "ferry-mime-type"),
                               &value, g_task_get_priority (task),
                               g_task_get_cancellable (task), serialize_done_cb,
                               g_object_ref (task));
  g_value_unset (&value);
}

static void
answer (FerryRemoteDragProvider *self,
        GTask                   *task)
{
  if (self->state == FETCH_DONE)
    serialize (self, task);
  else
    g_task_return_error (task, g_error_copy (self->error));
}

static void
fetch_finished (FerryRemoteDragProvider *self)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);
  g_autoptr(GString) failed = g_string_new (NULL);
  GSList *done = NULL;

  for (guint i = 0; i < self->transfers->len; i++)
    {
      FerryTransfer *transfer = g_ptr_array_index (self->transfers, i);

      g_signal_handlers_disconnect_by_data (transfer, self);
      if (ferry_transfer_get_state (transfer) == FERRY_TRANSFER_DONE)
        done = g_slist_prepend (done, g_object_ref (ferry_transfer_get_local_file (transfer)));
      else
        {
          g_autofree char *message = ferry_transfer_dup_error_message (transfer);

          if (failed->len > 0)
            g_string_append_c (failed, ' ');
          g_string_append (failed, message != NULL ? message
                                                   : _("The download was cancelled."));
        }
    }
  g_clear_pointer (&self->transfers, g_ptr_array_unref);
  self->done_files = g_slist_reverse (done);
  /* What was downloaded is handed over; what failed says why in the queue. */
  if (self->done_files != NULL)
    self->state = FETCH_DONE;
  else
    {
      self->state = FETCH_FAILED;
      self->error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("The files could not be downloaded for the drop: %s"),
                                 failed->str);
    }
  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    answer (self, g_ptr_array_index (waiting, i));
}

static void
transfer_state_cb (FerryTransfer           *transfer,
                   GParamSpec              *pspec,
                   FerryRemoteDragProvider *self)
{
  FerryTransferState state = ferry_transfer_get_state (transfer);

  if (state != FERRY_TRANSFER_DONE && state != FERRY_TRANSFER_FAILED
      && state != FERRY_TRANSFER_CANCELLED)
    return;
  g_signal_handlers_disconnect_by_func (transfer, transfer_state_cb, self);
  if (--self->n_running == 0)
    fetch_finished (self);
}

/* A new folder of its own under $XDG_CACHE_HOME/ferry/drag. */
static GFile *
make_drag_folder (GError **error)
{
  g_autofree char *parent = g_build_filename (g_get_user_cache_dir (), "ferry", "drag", NULL);
  g_autofree char *template = g_build_filename (parent, "XXXXXX", NULL);
  int saved;

  if (g_mkdir_with_parents (parent, 0700) != 0 || g_mkdtemp_full (template, 0700) == NULL)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("There is no room for the dragged files in %s (%s); free some space or "
                     "make the folder writable, then drag again."),
                   parent, g_strerror (saved));
      return NULL;
    }
  return g_file_new_for_path (template);
}

/* Takes @error: every request waiting gets it. */
static void
fail_fetch (FerryRemoteDragProvider *self,
            GError                  *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->state = FETCH_FAILED;
  self->error = error;
  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    answer (self, g_ptr_array_index (waiting, i));
}

static void
start_fetch (FerryRemoteDragProvider *self)
{
  g_autoptr(FerryConnectionTab) tab = g_weak_ref_get (&self->tab);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) transfers = g_ptr_array_new_with_free_func (g_object_unref);

  self->state = FETCH_RUNNING;
  if (tab == NULL)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                 _("The connection was closed before the files could be "
                                   "downloaded; connect again and drag them again."));
  else
    folder = make_drag_folder (&error);
  for (guint i = 0; folder != NULL && i < self->files->len; i++)
    {
      FerryTransfer *transfer = _ferry_connection_tab_make_download (
        tab, g_ptr_array_index (self->files, i), self->folder, folder, &error);

      if (transfer == NULL)
        break;
      g_ptr_array_add (transfers, transfer);
    }
  if (error != NULL)
    {
      fail_fetch (self, g_steal_pointer (&error));
      return;
    }
  self->transfers = g_steal_pointer (&transfers);
  self->n_running = self->transfers->len;
  for (guint i = 0; i < self->transfers->len; i++)
    {
      FerryTransfer *transfer = g_ptr_array_index (self->transfers, i);

      g_signal_connect (transfer, "notify::state", G_CALLBACK (transfer_state_cb), self);
      /* The cache folder is new and empty: nothing to replace, nothing to ask. */
      _ferry_connection_tab_add_transfer (tab, transfer);
    }
}

static void
ferry_remote_drag_provider_write_mime_type_async (GdkContentProvider  *provider,
                                                  const char          *mime_type,
                                                  GOutputStream       *stream,
                                                  int                  io_priority,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  FerryRemoteDragProvider *self = FERRY_REMOTE_DRAG_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, ferry_remote_drag_provider_write_mime_type_async);
  g_task_set_priority (task, io_priority);
  g_task_set_task_data (task, g_object_ref (stream), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "ferry-mime-type", g_strdup (mime_type), g_free);
  g_debug ("the drop target asks for %s", mime_type);

  if (self->state == FETCH_DONE || self->state == FETCH_FAILED)
    {
      answer (self, task);
      return;
    }
  if (self->waiting == NULL)
    self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiting, g_object_ref (task));
  if (self->state == FETCH_NOT_STARTED)
    start_fetch (self);
}

static gboolean
ferry_remote_drag_provider_write_mime_type_finish (GdkContentProvider  *provider,
                                                   GAsyncResult        *result,
                                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- formats and values ---- */

static GdkContentFormats *
ferry_remote_drag_provider_ref_formats (GdkContentProvider *provider)
{
  GdkContentFormatsBuilder *builder = gdk_content_formats_builder_new ();

  gdk_content_formats_builder_add_gtype (builder, FERRY_TYPE_REMOTE_DRAG_PROVIDER);
  gdk_content_formats_builder_add_gtype (builder, GDK_TYPE_FILE_LIST);
  return gdk_content_formats_union_serialize_mime_types (
    gdk_content_formats_builder_free_to_formats (builder));
}

static gboolean
ferry_remote_drag_provider_get_value (GdkContentProvider  *provider,
                                      GValue              *value,
                                      GError             **error)
{
  FerryRemoteDragProvider *self = FERRY_REMOTE_DRAG_PROVIDER (provider);

  if (G_VALUE_HOLDS (value, FERRY_TYPE_REMOTE_DRAG_PROVIDER))
    {
      g_value_set_object (value, self);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) && self->state == FETCH_DONE)
    {
      g_value_take_boxed (value, gdk_file_list_new_from_list (self->done_files));
      return TRUE;
    }
  /* The files are not here yet: a GdkFileList is written asynchronously. */
  return GDK_CONTENT_PROVIDER_CLASS (ferry_remote_drag_provider_parent_class)->get_value (
    provider, value, error);
}

/* ---- object ---- */

static void
ferry_remote_drag_provider_finalize (GObject *object)
{
  FerryRemoteDragProvider *self = FERRY_REMOTE_DRAG_PROVIDER (object);

  /* A write request holds a reference: nothing waits now. */
  if (self->transfers != NULL)
    for (guint i = 0; i < self->transfers->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->transfers, i), self);
  g_clear_pointer (&self->transfers, g_ptr_array_unref);
  g_weak_ref_clear (&self->tab);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->folder, g_free);
  g_slist_free_full (self->done_files, g_object_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (ferry_remote_drag_provider_parent_class)->finalize (object);
}

static void
ferry_remote_drag_provider_class_init (FerryRemoteDragProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GdkContentProviderClass *provider_class = GDK_CONTENT_PROVIDER_CLASS (klass);

  object_class->finalize = ferry_remote_drag_provider_finalize;
  provider_class->ref_formats = ferry_remote_drag_provider_ref_formats;
  provider_class->write_mime_type_async = ferry_remote_drag_provider_write_mime_type_async;
  provider_class->write_mime_type_finish = ferry_remote_drag_provider_write_mime_type_finish;
  provider_class->get_value = ferry_remote_drag_provider_get_value;
}

static void
ferry_remote_drag_provider_init (FerryRemoteDragProvider *self)
{
  g_weak_ref_init (&self->tab, NULL);
}

GdkContentProvider *
ferry_remote_drag_provider_new (FerryConnectionTab *tab,
                                GPtrArray          *files,
                                const char         *folder)
{
  FerryRemoteDragProvider *self;

  g_return_val_if_fail (FERRY_IS_CONNECTION_TAB (tab), NULL);
  g_return_val_if_fail (files != NULL && files->len > 0, NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  self = g_object_new (FERRY_TYPE_REMOTE_DRAG_PROVIDER, NULL);
  g_weak_ref_set (&self->tab, tab);
  self->files = g_ptr_array_ref (files);
  self->folder = g_strdup (folder);
  return GDK_CONTENT_PROVIDER (self);
}

FerryConnectionTab *
ferry_remote_drag_provider_dup_tab (FerryRemoteDragProvider *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_DRAG_PROVIDER (self), NULL);

  return g_weak_ref_get (&self->tab);
}

GPtrArray *
ferry_remote_drag_provider_get_files (FerryRemoteDragProvider *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_DRAG_PROVIDER (self), NULL);

  return self->files;
}

const char *
ferry_remote_drag_provider_get_folder (FerryRemoteDragProvider *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_DRAG_PROVIDER (self), NULL);

  return self->folder;
}

/* ---- the cache ---- */

static void
delete_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (
    file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  if (children != NULL)
    {
      GFileInfo *info;
      GFile *child;

      while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
        if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
          delete_tree (child);
        else
          g_file_delete (child, NULL, NULL);
    }
  g_file_delete (file, NULL, NULL);
}

static void
clean_cache_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "ferry", "drag", NULL);
  g_autoptr(GFile) parent = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (
    parent, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE ","
    G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GFileInfo *info;
  GFile *child;

  while (children != NULL
         && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    {
      guint64 modified = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
          && now - (gint64) modified > STALE_AFTER_SECONDS)
        {
          g_debug ("deleting the stale drag folder %s", g_file_peek_path (child));
          delete_tree (child);
        }
    }
  g_task_return_boolean (task, TRUE);
}

void
ferry_remote_drag_provider_clean_cache (void)
{
  static gsize cleaned = 0;
  g_autoptr(GTask) task = NULL;

  if (!g_once_init_enter (&cleaned))
    return;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, ferry_remote_drag_provider_clean_cache);
  g_task_run_in_thread (task, clean_cache_thread);
  g_once_init_leave (&cleaned, 1);
}
