/* ferry-browser-source.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a file pane browses: the local disk or a server. The pane only talks
 * to this interface, so one widget serves both sides of a connection tab.
 *
 * Paths are byte strings in the source's own encoding (file names on the
 * local side, the bytes the server uses on the remote side); they are never
 * shown as they are: dup_display_path() and dup_display_name() make text for
 * people. Every item of a listing is a FerryRemoteFile, whose raw name is the
 * name in the source's encoding and whose name is for people.
 */
#pragma once

#include <gio/gio.h>

#include "ferry-remote-file.h"

G_BEGIN_DECLS

#define FERRY_TYPE_BROWSER_SOURCE (ferry_browser_source_get_type ())

G_DECLARE_INTERFACE (FerryBrowserSource, ferry_browser_source, FERRY, BROWSER_SOURCE, GObject)

struct _FerryBrowserSourceInterface
{
  GTypeInterface parent_iface;

  /* A listing of the folder @path: a GListModel of FerryRemoteFile sorted
   * folders first, then by collation key (ferry_browser_source_compare_files()).
   * Hidden files may be in it even without @show_hidden. @notice (nullable
   * out) is a sentence for people about an incomplete listing, or NULL. */
  void        (*list_async)        (FerryBrowserSource  *self,
                                    const char          *path,
                                    gboolean             show_hidden,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  GListModel *(*list_finish)       (FerryBrowserSource  *self,
                                    GAsyncResult        *result,
                                    char               **notice,
                                    GError             **error);
  /* Optional: the lines of the listing @result (finished without error)
   * that no reader could read, as kept (escaped, cut), and in @n_unread how
   * many there were in all; NULL when every line was read. */
  char      **(*dup_unread_lines)  (FerryBrowserSource  *self,
                                    GAsyncResult        *result,
                                    guint               *n_unread);
  void        (*mkdir_async)       (FerryBrowserSource  *self,
                                    const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  /* Never replaces an existing @to. */
  void        (*rename_async)      (FerryBrowserSource  *self,
                                    const char          *from,
                                    const char          *to,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  /* A folder is deleted with everything in it; links are deleted, not followed. */
  void        (*delete_async)      (FerryBrowserSource  *self,
                                    const char          *path,
                                    gboolean             is_folder,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  /* Optional: only when supports_chmod() says so. */
  void        (*chmod_async)       (FerryBrowserSource  *self,
                                    const char          *path,
                                    guint                mode,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  /* The _finish of mkdir, rename, delete and chmod. */
  gboolean    (*operation_finish)  (FerryBrowserSource  *self,
                                    GAsyncResult        *result,
                                    GError             **error);
  gboolean    (*supports_chmod)    (FerryBrowserSource  *self);

  char       *(*dup_home)          (FerryBrowserSource  *self);
  /* @name in the source's encoding (a raw name), not empty. */
  char       *(*join)              (FerryBrowserSource  *self,
                                    const char          *folder,
                                    const char          *name);
  /* NULL for the root. */
  char       *(*dup_parent)        (FerryBrowserSource  *self,
                                    const char          *path);
  char       *(*dup_display_path)  (FerryBrowserSource  *self,
                                    const char          *path);
  /* The last part of @path for people ("Home", the server's name for "/"). */
  char       *(*dup_display_name)  (FerryBrowserSource  *self,
                                    const char          *path);
  /* An icon for places that have one (the root, the home folder), else NULL:
   * the path bar starts at the deepest such place. */
  const char *(*get_icon_name)     (FerryBrowserSource  *self,
                                    const char          *path);
  /* A name a person typed (UTF-8) in the source's encoding; optional. */
  char       *(*encode_name)       (FerryBrowserSource  *self,
                                    const char          *name,
                                    GError             **error);
  /* What a person typed in the location entry: absolute, "~", or relative to
   * @current_folder; "." and ".." are resolved. */
  char       *(*path_from_display) (FerryBrowserSource  *self,
                                    const char          *text,
                                    const char          *current_folder,
                                    GError             **error);
  /* Optional: a monitor of the folder @path, so the pane follows changes made
   * elsewhere (a finished download, the file manager). */
  GFileMonitor *(*monitor)         (FerryBrowserSource  *self,
                                    const char          *path,
                                    GError             **error);
};

void        ferry_browser_source_list_async        (FerryBrowserSource  *self,
                                                    const char          *path,
                                                    gboolean             show_hidden,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GListModel *ferry_browser_source_list_finish       (FerryBrowserSource  *self,
                                                    GAsyncResult        *result,
                                                    char               **notice,
                                                    GError             **error);
char      **ferry_browser_source_dup_unread_lines  (FerryBrowserSource  *self,
                                                    GAsyncResult        *result,
                                                    guint               *n_unread);
void        ferry_browser_source_mkdir_async       (FerryBrowserSource  *self,
                                                    const char          *path,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
void        ferry_browser_source_rename_async      (FerryBrowserSource  *self,
                                                    const char          *from,
                                                    const char          *to,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
void        ferry_browser_source_delete_async      (FerryBrowserSource  *self,
                                                    const char          *path,
                                                    gboolean             is_folder,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
void        ferry_browser_source_chmod_async       (FerryBrowserSource  *self,
                                                    const char          *path,
                                                    guint                mode,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean    ferry_browser_source_operation_finish  (FerryBrowserSource  *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
gboolean    ferry_browser_source_supports_chmod    (FerryBrowserSource  *self);

char       *ferry_browser_source_dup_home          (FerryBrowserSource  *self);
char       *ferry_browser_source_join              (FerryBrowserSource  *self,
                                                    const char          *folder,
                                                    const char          *name);
char       *ferry_browser_source_dup_parent        (FerryBrowserSource  *self,
                                                    const char          *path);
gboolean    ferry_browser_source_is_root           (FerryBrowserSource  *self,
                                                    const char          *path);
char       *ferry_browser_source_dup_display_path  (FerryBrowserSource  *self,
                                                    const char          *path);
char       *ferry_browser_source_dup_display_name  (FerryBrowserSource  *self,
                                                    const char          *path);
const char *ferry_browser_source_get_icon_name     (FerryBrowserSource  *self,
                                                    const char          *path);
char       *ferry_browser_source_encode_name       (FerryBrowserSource  *self,
                                                    const char          *name,
                                                    GError             **error);
/* NULL (without an error) when the source cannot watch folders. */
GFileMonitor *ferry_browser_source_monitor         (FerryBrowserSource  *self,
                                                    const char          *path,
                                                    GError             **error);
char       *ferry_browser_source_path_from_display (FerryBrowserSource  *self,
                                                    const char          *text,
                                                    const char          *current_folder,
                                                    GError             **error);

/* The path of @file (an item of a listing of @folder): joined with its raw name. */
char       *ferry_browser_source_dup_file_path     (FerryBrowserSource  *self,
                                                    const char          *folder,
                                                    FerryRemoteFile     *file);

/* Helpers for implementations and the pane. */

/* A folder, or a link known to point to a folder. */
gboolean    ferry_browser_file_is_folder_like      (FerryRemoteFile     *file);
/* Folders first, then by collation key, then by raw name: a GCompareFunc on
 * pointers to FerryRemoteFile pointers (for g_ptr_array_sort). */
int         ferry_browser_source_compare_files     (gconstpointer        a,
                                                    gconstpointer        b);
/* Sorts @files (FerryRemoteFile) and moves them into a new GListStore; the
 * collation keys are made here. Meant for a worker thread. */
GListModel *ferry_browser_source_sorted_store      (GPtrArray           *files);

G_END_DECLS
