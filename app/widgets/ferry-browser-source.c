/* ferry-browser-source.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-browser-source"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-browser-source.h"
#include "ferry-error.h"

G_DEFINE_INTERFACE (FerryBrowserSource, ferry_browser_source, G_TYPE_OBJECT)

static gboolean
ferry_browser_source_real_supports_chmod (FerryBrowserSource *self)
{
  return FALSE;
}

static void
ferry_browser_source_real_chmod_async (FerryBrowserSource  *self,
                                       const char          *path,
                                       guint                mode,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_task_report_new_error (self, callback, user_data, ferry_browser_source_chmod_async,
                           FERRY_ERROR, FERRY_ERROR_FAILED,
                           _("Permissions cannot be changed here."));
}

static char *
ferry_browser_source_real_encode_name (FerryBrowserSource  *self,
                                       const char          *name,
                                       GError             **error)
{
  return g_strdup (name);
}

static const char *
ferry_browser_source_real_get_icon_name (FerryBrowserSource *self,
                                         const char         *path)
{
  return NULL;
}

static void
ferry_browser_source_default_init (FerryBrowserSourceInterface *iface)
{
  iface->supports_chmod = ferry_browser_source_real_supports_chmod;
  iface->chmod_async = ferry_browser_source_real_chmod_async;
  iface->encode_name = ferry_browser_source_real_encode_name;
  iface->get_icon_name = ferry_browser_source_real_get_icon_name;
}

void
ferry_browser_source_list_async (FerryBrowserSource  *self,
                                 const char          *path,
                                 gboolean             show_hidden,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_BROWSER_SOURCE (self));
  g_return_if_fail (path != NULL);

  FERRY_BROWSER_SOURCE_GET_IFACE (self)->list_async (self, path, show_hidden, cancellable,
                                                     callback, user_data);
}

GListModel *
ferry_browser_source_list_finish (FerryBrowserSource  *self,
                                  GAsyncResult        *result,
                                  char               **notice,
                                  GError             **error)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SOURCE (self), NULL);

  if (notice != NULL)
    *notice = NULL;
  return FERRY_BROWSER_SOURCE_GET_IFACE (self)->list_finish (self, result, notice, error);
}

char **
ferry_browser_source_dup_unread_lines (FerryBrowserSource *self,
                                       GAsyncResult       *result,
                                       guint              *n_unread)
{
  FerryBrowserSourceInterface *iface;

  g_return_val_if_fail (FERRY_IS_BROWSER_SOURCE (self), NULL);
  g_return_val_if_fail (n_unread != NULL, NULL);

  *n_unread = 0;
  iface = FERRY_BROWSER_SOURCE_GET_IFACE (self);
  return iface->dup_unread_lines != NULL ? iface->dup_unread_lines (self, result, n_unread)
                                         : NULL;
}

void
ferry_browser_source_mkdir_async (FerryBrowserSource  *self,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_BROWSER_SOURCE (self));
  g_return_if_fail (path != NULL);

  FERRY_BROWSER_SOURCE_GET_IFACE (self)->mkdir_async (self, path, cancellable, callback,
                                                      user_data);
}

void
ferry_browser_source_rename_async (FerryBrowserSource  *self,
                                   const char          *from,
                                   const char          *to,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_BROWSER_SOURCE (self));
  g_return_if_fail (from != NULL && to != NULL);

  FERRY_BROWSER_SOURCE_GET_IFACE (self)->rename_async (self, from, to, cancellable, callback,
                                                       user_data);
}

void
ferry_browser_source_delete_async (FerryBrowserSource  *self,
                                   const char          *path,
                                   gboolean             is_folder,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_BROWSER_SOURCE (self));
  g_return_if_fail (path != NULL);

  FERRY_BROWSER_SOURCE_GET_IFACE (self)->delete_async (self, path, is_folder, cancellable,
                                                       callback, user_data);
}

void
ferry_browser_source_chmod_async (FerryBrowserSource  *self,
                                  const char          *path,
                                  guint                mode,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (FERRY_IS_BROWSER_SOURCE (self));
  g_return_if_fail (path != NULL);

  FERRY_BROWSER_SOURCE_GET_IFACE (self)->chmod_async (self, path, mode, cancellable, callback,
                                                      user_data);
}

gboolean
ferry_browser_source_operation_finish (FerryBrowserSource  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SOURCE (self), FALSE);

  /* The default chmod reports through a plain GTask. */
  if (g_task_is_valid (result, self) &&
      g_task_get_source_tag (G_TASK (result)) == ferry_browser_source_chmod_async)
    return g_task_propagate_boolean (G_TASK (result), error);
  return FERRY_BROWSER_SOURCE_GET_IFACE (self)->operation_finish (self, result, error);
}

gboolean
ferry_browser_source_supports_chmod (FerryBrowserSource *self)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SOURCE (self), FALSE);

  return FERRY_BROWSER_SOURCE_GET_IFACE (self)->supports_chmod (self);
}

char *
ferry_browser_source_dup_home (FerryBrowserSource *self)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SOURCE (self), NULL);

  return FERRY_BROWSER_SOURCE_GET_IFACE (self)->dup_home (self);
}

char *
ferry_browser_source_join (FerryBrowserSource *self,
                           const char         *folder,
                           const char         *name)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SOURCE (self), NULL);
  g_return_val_if_fail (folder != NULL && name != NULL, NULL);

  return FERRY_BROWSER_SOURCE_GET_IFACE (self)->join (self, folder, name);
}

char *
ferry_browser_source_dup_parent (FerryBrowserSource *self,
                                 const char         *path)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SOURCE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return FERRY_BROWSER_SOURCE_GET_IFACE (self)->dup_parent (self, path);
}

gboolean
ferry_browser_source_is_root (FerryBrowserSource *self,
                              const char         *path)
{
  g_autofree char *parent = ferry_browser_source_dup_parent (self, path);

  return parent == NULL;
}

char *
ferry_browser_source_dup_display_path (FerryBrowserSource *self,
                                       const char         *path)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SOURCE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return FERRY_BROWSER_SOURCE_GET_IFACE (self)->dup_display_path (self, path);
}

char *
ferry_browser_source_dup_display_name (FerryBrowserSource *self,
                                       const char         *path)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SOURCE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return FERRY_BROWSER_SOURCE_GET_IFACE (self)->dup_display_name (self, path);
}

const char *
ferry_browser_source_get_icon_name (FerryBrowserSource *self,
                                    const char         *path)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SOURCE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return FERRY_BROWSER_SOURCE_GET_IFACE (self)->get_icon_name (self, path);
}

char *
ferry_browser_source_encode_name (FerryBrowserSource  *self,
                                  const char          *name,
                                  GError             **error)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SOURCE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return FERRY_BROWSER_SOURCE_GET_IFACE (self)->encode_name (self, name, error);
}

char *
ferry_browser_source_path_from_display (FerryBrowserSource  *self,
                                        const char          *text,
                                        const char          *current_folder,
                                        GError             **error)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SOURCE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  return FERRY_BROWSER_SOURCE_GET_IFACE (self)->path_from_display (self, text, current_folder,
                                                                   error);
}

char *
ferry_browser_source_dup_file_path (FerryBrowserSource *self,
                                    const char         *folder,
                                    FerryRemoteFile    *file)
{
  GBytes *raw;
  g_autofree char *name = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (file), NULL);

  raw = ferry_remote_file_get_raw_name (file);
  data = g_bytes_get_data (raw, &len);
  name = g_strndup (data, len);
  return ferry_browser_source_join (self, folder, name);
}

gboolean
ferry_browser_file_is_folder_like (FerryRemoteFile *file)
{
  switch (ferry_remote_file_get_kind (file))
    {
    case FERRY_REMOTE_FILE_KIND_DIRECTORY:
      return TRUE;
    case FERRY_REMOTE_FILE_KIND_LINK:
      return ferry_remote_file_get_link_target_kind (file) == FERRY_REMOTE_FILE_KIND_DIRECTORY;
    case FERRY_REMOTE_FILE_KIND_FILE:
    case FERRY_REMOTE_FILE_KIND_SPECIAL:
    default:
      return FALSE;
    }
}

static int
compare_raw_names (FerryRemoteFile *a,
                   FerryRemoteFile *b)
{
  return g_bytes_compare (ferry_remote_file_get_raw_name (a), ferry_remote_file_get_raw_name (b));
}

int
ferry_browser_source_compare_files (gconstpointer a,
                                    gconstpointer b)
{
  FerryRemoteFile *fa = *(FerryRemoteFile **) a;
  FerryRemoteFile *fb = *(FerryRemoteFile **) b;
  gboolean folder_a = ferry_browser_file_is_folder_like (fa);
  gboolean folder_b = ferry_browser_file_is_folder_like (fb);
  int cmp;

  if (folder_a != folder_b)
    return folder_a ? -1 : 1;
  cmp = strcmp (ferry_remote_file_get_collation_key (fa),
                ferry_remote_file_get_collation_key (fb));
  return cmp != 0 ? cmp : compare_raw_names (fa, fb);
}

GListModel *
ferry_browser_source_sorted_store (GPtrArray *files)
{
  GListStore *store = g_list_store_new (FERRY_TYPE_REMOTE_FILE);

  for (guint i = 0; i < files->len; i++)
    ferry_remote_file_get_collation_key (g_ptr_array_index (files, i));
  g_ptr_array_sort (files, ferry_browser_source_compare_files);
  /* One splice: one items-changed, whatever the size. */
  g_list_store_splice (store, 0, 0, files->pdata, files->len);
  return G_LIST_MODEL (store);
}

GFileMonitor *
ferry_browser_source_monitor (FerryBrowserSource  *self,
                              const char          *path,
                              GError             **error)
{
  FerryBrowserSourceInterface *iface;

  g_return_val_if_fail (FERRY_IS_BROWSER_SOURCE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  iface = FERRY_BROWSER_SOURCE_GET_IFACE (self);
  return iface->monitor != NULL ? iface->monitor (self, path, error) : NULL;
}
