/* ferry-local-source.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listings and deletes run in GTask threads (a listing of 100,000 entries is
 * read, converted and sorted there); mkdir and rename use GIO's own async
 * calls. Errors are sentences that say what to do.
 */
#define G_LOG_DOMAIN "ferry-local-source"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-local-source.h"

/* Folders nested deeper than this are not deleted (a loop of bind mounts). */
#define MAX_DELETE_DEPTH 256

#define LIST_ATTRIBUTES                                                     \
  G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME \
  "," G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE     \
  "," G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK                                  \
  "," G_FILE_ATTRIBUTE_STANDARD_SYMLINK_TARGET                              \
  "," G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC \
  "," G_FILE_ATTRIBUTE_UNIX_MODE                                            \
  "," G_FILE_ATTRIBUTE_OWNER_USER "," G_FILE_ATTRIBUTE_OWNER_GROUP

struct _FerryLocalSource
{
  GObject parent_instance;
};

static void ferry_local_source_iface_init (FerryBrowserSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerryLocalSource, ferry_local_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_BROWSER_SOURCE,
                                                      ferry_local_source_iface_init))

/* ---- errors for people ---- */

/* Replaces @error (a GIO error about @path) with a FERRY_ERROR_LOCAL sentence
 * that says what happened to what, and what to do. */
static void
explain_error_full (GError    **error,
                    const char *doing,
                    const char *path,
                    const char *target)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *target_name = g_filename_display_name (target ? target : path);
  g_autofree char *what = NULL;
  GError *original;

  if (error == NULL || *error == NULL || (*error)->domain != G_IO_ERROR ||
      (*error)->code == G_IO_ERROR_CANCELLED)
    return;

  original = *error;
  switch (original->code)
    {
    case G_IO_ERROR_PERMISSION_DENIED:
      what = g_strdup_printf (_("%s “%s” is not allowed: you do not have permission. "
                                "Choose another folder, or ask its owner for access."),
                              doing, name);
      break;
    case G_IO_ERROR_NOT_FOUND:
      what = g_strdup_printf (_("%s “%s” failed: it does not exist (any more). "
                                "Reload the folder to see what is there now."),
                              doing, name);
      break;
    case G_IO_ERROR_EXISTS:
      what = g_strdup_printf (_("“%s” already exists. Choose another name."), target_name);
      break;
    case G_IO_ERROR_NOT_DIRECTORY:
      what = g_strdup_printf (_("“%s” is not a folder."), name);
      break;
    case G_IO_ERROR_NO_SPACE:
      what = g_strdup_printf (_("%s “%s” failed: the disk is full. Free some space, then try "
                                "again."), doing, name);
      break;
    case G_IO_ERROR_READ_ONLY:
      what = g_strdup_printf (_("%s “%s” failed: the disk is read-only."), doing, name);
      break;
    case G_IO_ERROR_INVALID_FILENAME:
    case G_IO_ERROR_FILENAME_TOO_LONG:
      what = g_strdup_printf (_("“%s” is not a name this disk accepts. Choose a shorter name, "
                                "or one without special characters."), name);
      break;
    case G_IO_ERROR_NOT_EMPTY:
      what = g_strdup_printf (_("%s “%s” failed: the folder is not empty."), doing, name);
      break;
    default:
      what = g_strdup_printf (_("%s “%s” failed: %s."), doing, name, original->message);
      break;
    }
  *error = g_error_new_literal (FERRY_ERROR, FERRY_ERROR_LOCAL, what);
  g_error_free (original);
}

static void
explain_error (GError    **error,
               const char *doing,
               const char *path)
{
  explain_error_full (error, doing, path, NULL);
}

/* ---- listing ---- */

static char *
permissions_text (GFileType type,
                  guint     mode)
{
  static const char rwx[] = "rwxrwxrwx";
  char text[11];

  switch (type)
    {
    case G_FILE_TYPE_DIRECTORY:
      text[0] = 'd';
      break;
    case G_FILE_TYPE_SYMBOLIC_LINK:
      text[0] = 'l';
      break;
    case G_FILE_TYPE_SPECIAL:
      text[0] = 's';
      break;
    default:
      text[0] = '-';
      break;
    }
  for (guint i = 0; i < 9; i++)
    text[i + 1] = (mode & (0400 >> i)) ? rwx[i] : '-';
  if (mode & 04000)
    text[3] = (mode & 0100) ? 's' : 'S';
  if (mode & 02000)
    text[6] = (mode & 0010) ? 's' : 'S';
  if (mode & 01000)
    text[9] = (mode & 0001) ? 't' : 'T';
  text[10] = '\0';
  return g_strdup (text);
}

static FerryRemoteFileKind
kind_of_type (GFileType type)
{
  switch (type)
    {
    case G_FILE_TYPE_REGULAR:
      return FERRY_REMOTE_FILE_KIND_FILE;
    case G_FILE_TYPE_DIRECTORY:
    case G_FILE_TYPE_MOUNTABLE:
    case G_FILE_TYPE_SHORTCUT:
      return FERRY_REMOTE_FILE_KIND_DIRECTORY;
    case G_FILE_TYPE_SYMBOLIC_LINK:
      return FERRY_REMOTE_FILE_KIND_LINK;
    case G_FILE_TYPE_SPECIAL:
    case G_FILE_TYPE_UNKNOWN:
    default:
      return FERRY_REMOTE_FILE_KIND_SPECIAL;
    }
}

static FerryRemoteFile *
file_from_info (GFileInfo *info)
{
  const char *name = g_file_info_get_name (info);
  /* Without NOFOLLOW_SYMLINKS the type is the link target's: a broken link
   * keeps the type of the link itself. */
  GFileType type = g_file_info_get_file_type (info);
  gboolean is_link = g_file_info_get_is_symlink (info);
  g_autoptr(GBytes) raw = g_bytes_new (name, strlen (name));
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *permissions = NULL;
  FerryRemoteFile *file;
  guint mode = 0;

  file = ferry_remote_file_new (raw, g_file_info_get_display_name (info),
                                is_link ? FERRY_REMOTE_FILE_KIND_LINK : kind_of_type (type));
  if (is_link)
    {
      ferry_remote_file_set_link_target (file, g_file_info_get_symlink_target (info));
      if (type != G_FILE_TYPE_SYMBOLIC_LINK)
        ferry_remote_file_set_link_target_kind (file, kind_of_type (type));
    }
  if (type == G_FILE_TYPE_REGULAR)
    ferry_remote_file_set_size (file, g_file_info_get_size (info));
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_TIME_MODIFIED))
    {
      modified = g_file_info_get_modification_date_time (info);
      ferry_remote_file_set_modified (file, modified, TRUE);
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_MODE))
    {
      mode = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) & 07777;
      ferry_remote_file_set_mode (file, mode);
      permissions = permissions_text (is_link ? G_FILE_TYPE_SYMBOLIC_LINK : type, mode);
      ferry_remote_file_set_permissions (file, permissions);
    }
  ferry_remote_file_set_owner (file,
                               g_file_info_get_attribute_string (info,
                                                                 G_FILE_ATTRIBUTE_OWNER_USER));
  ferry_remote_file_set_group (file,
                               g_file_info_get_attribute_string (info,
                                                                 G_FILE_ATTRIBUTE_OWNER_GROUP));
  return file;
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  enumerator = g_file_enumerate_children (folder, LIST_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                          cancellable, &error);
  if (enumerator == NULL)
    {
      explain_error (&error, _("Opening"), path);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, &error))
        {
          explain_error (&error, _("Reading"), path);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (info == NULL)
        break;
      g_ptr_array_add (files, file_from_info (info));
    }

  g_task_return_pointer (task, ferry_browser_source_sorted_store (files), g_object_unref);
}

static void
ferry_local_source_list_async (FerryBrowserSource  *source,
                               const char          *path,
                               gboolean             show_hidden,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);

  g_task_set_source_tag (task, ferry_local_source_list_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  /* Hidden files are always listed: the pane filters them, so showing them
   * needs no second listing. */
  g_task_run_in_thread (task, list_thread);
}

static GListModel *
ferry_local_source_list_finish (FerryBrowserSource  *source,
                                GAsyncResult        *result,
                                char               **notice,
                                GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- operations ---- */

typedef enum
{
  OPERATION_MKDIR,
  OPERATION_MOVE,
  OPERATION_DELETE,
} OperationKind;

typedef struct
{
  OperationKind kind;
  char *path;
  char *target;
  char *doing;
} OperationData;

static void
operation_data_free (OperationData *data)
{
  g_free (data->path);
  g_free (data->target);
  g_free (data->doing);
  g_free (data);
}

static GTask *
operation_task_new (FerryBrowserSource  *source,
                    OperationKind        kind,
                    const char          *path,
                    const char          *doing,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (source, cancellable, callback, user_data);
  OperationData *data = g_new0 (OperationData, 1);

  data->kind = kind;
  data->path = g_strdup (path);
  data->doing = g_strdup (doing);
  g_task_set_source_tag (task, operation_task_new);
  g_task_set_task_data (task, data, (GDestroyNotify) operation_data_free);
  return task;
}

static void
operation_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OperationData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (data->kind == OPERATION_MOVE)
    ok = g_file_move_finish (G_FILE (object), result, &error);
  else
    ok = g_file_make_directory_finish (G_FILE (object), result, &error);

  if (!ok)
    {
      explain_error_full (&error, data->doing, data->path, data->target);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
ferry_local_source_mkdir_async (FerryBrowserSource  *source,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GTask *task = operation_task_new (source, OPERATION_MKDIR, path,
                                    _("Creating the folder"), cancellable, callback, user_data);

  g_file_make_directory_async (file, G_PRIORITY_DEFAULT, cancellable, operation_done_cb, task);
}

static void
ferry_local_source_rename_async (FerryBrowserSource  *source,
                                 const char          *from,
                                 const char          *to,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GFile) from_file = g_file_new_for_path (from);
  g_autoptr(GFile) to_file = g_file_new_for_path (to);
  GTask *task = operation_task_new (source, OPERATION_MOVE, from, _("Renaming"), cancellable,
                                    callback, user_data);
  OperationData *data = g_task_get_task_data (task);

  data->target = g_strdup (to);

  /* Without G_FILE_COPY_OVERWRITE an existing @to is an error, never replaced. */
  g_file_move_async (from_file, to_file, G_FILE_COPY_NOFOLLOW_SYMLINKS | G_FILE_COPY_ALL_METADATA,
                     G_PRIORITY_DEFAULT, cancellable, NULL, NULL, operation_done_cb, task);
}

static gboolean
delete_recursive (GFile         *file,
                  gboolean       is_folder,
                  guint          depth,
                  GCancellable  *cancellable,
                  GError       **error)
{
  if (is_folder)
    {
      g_autoptr(GFileEnumerator) enumerator = NULL;

      if (depth > MAX_DELETE_DEPTH)
        {
          g_autofree char *path = g_file_get_path (file);
          g_autofree char *name = g_filename_display_name (path);

          g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                       _("“%s” is nested more than %u folders deep; Ferry stopped deleting "
                         "there."), name, MAX_DELETE_DEPTH);
          return FALSE;
        }

      enumerator = g_file_enumerate_children (file,
                                              G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                              G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                              G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable,
                                              error);
      if (enumerator == NULL)
        return FALSE;
      for (;;)
        {
          GFileInfo *info = NULL;
          GFile *child = NULL;

          if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, error))
            return FALSE;
          if (info == NULL)
            break;
          /* A link to a folder is deleted as a link: NOFOLLOW gives its own type. */
          if (!delete_recursive (child,
                                 g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY,
                                 depth + 1, cancellable, error))
            return FALSE;
        }
    }
  return g_file_delete (file, cancellable, error);
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  OperationData *data = task_data;
  g_autoptr(GFile) file = g_file_new_for_path (data->path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_folder;

  /* Trust the disk over the listing: a link is never followed. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &error);
  if (info == NULL)
    {
      explain_error (&error, data->doing, data->path);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  is_folder = g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY;
  if (!delete_recursive (file, is_folder, 0, cancellable, &error))
    {
      explain_error (&error, data->doing, data->path);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
ferry_local_source_delete_async (FerryBrowserSource  *source,
                                 const char          *path,
                                 gboolean             is_folder,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = operation_task_new (source, OPERATION_DELETE, path,
                                              _("Deleting"), cancellable, callback, user_data);

  if (g_strcmp0 (path, "/") == 0)
    {
      g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                               _("Ferry does not delete the root folder."));
      return;
    }
  g_task_run_in_thread (task, delete_thread);
}

static gboolean
ferry_local_source_operation_finish (FerryBrowserSource  *source,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- paths ---- */

static char *
ferry_local_source_dup_home (FerryBrowserSource *source)
{
  return g_strdup (g_get_home_dir ());
}

static char *
ferry_local_source_join (FerryBrowserSource *source,
                         const char         *folder,
                         const char         *name)
{
  return g_build_filename (folder, name, NULL);
}

static char *
ferry_local_source_dup_parent (FerryBrowserSource *source,
                               const char         *path)
{
  g_autofree char *canonical = g_canonicalize_filename (path, "/");

  if (g_str_equal (canonical, "/"))
    return NULL;
  return g_path_get_dirname (canonical);
}

static char *
ferry_local_source_dup_display_path (FerryBrowserSource *source,
                                     const char         *path)
{
  return g_filename_display_name (path);
}

static gboolean
is_home (const char *path)
{
  g_autofree char *canonical = g_canonicalize_filename (path, "/");
  g_autofree char *home = g_canonicalize_filename (g_get_home_dir (), "/");

  return g_str_equal (canonical, home) && !g_str_equal (home, "/");
}

static char *
ferry_local_source_dup_display_name (FerryBrowserSource *source,
                                     const char         *path)
{
  g_autofree char *canonical = g_canonicalize_filename (path, "/");
  g_autofree char *base = NULL;

  if (g_str_equal (canonical, "/"))
    return g_strdup (_("Computer"));
  if (is_home (canonical))
    return g_strdup (_("Home"));
  base = g_path_get_basename (canonical);
  return g_filename_display_name (base);
}

static const char *
ferry_local_source_get_icon_name (FerryBrowserSource *source,
                                  const char         *path)
{
  if (g_str_equal (path, "/"))
    return "drive-harddisk-symbolic";
  if (is_home (path))
    return "user-home-symbolic";
  return NULL;
}

static char *
ferry_local_source_encode_name (FerryBrowserSource  *source,
                                const char          *name,
                                GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  char *encoded = g_filename_from_utf8 (name, -1, NULL, NULL, &local_error);

  if (encoded == NULL)
    g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                 _("“%s” cannot be a file name on this computer. Choose another name."), name);
  return encoded;
}

static char *
ferry_local_source_path_from_display (FerryBrowserSource  *source,
                                      const char          *text,
                                      const char          *current_folder,
                                      GError             **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *expanded = NULL;
  g_autofree char *encoded = NULL;

  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("Type the path of a folder, such as /home or ~/Documents."));
      return NULL;
    }
  if (g_str_has_prefix (stripped, "file://"))
    {
      expanded = g_filename_from_uri (stripped, NULL, NULL);
      if (expanded == NULL)
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a valid file address."), stripped);
          return NULL;
        }
      return g_canonicalize_filename (expanded, "/");
    }
  if (stripped[0] == '~' && (stripped[1] == '\0' || stripped[1] == '/'))
    expanded = g_strconcat (g_get_home_dir (), stripped + 1, NULL);
  else
    expanded = g_strdup (stripped);

  encoded = ferry_local_source_encode_name (source, expanded, error);
  if (encoded == NULL)
    return NULL;
  return g_canonicalize_filename (encoded, current_folder ? current_folder : g_get_home_dir ());
}

static GFileMonitor *
ferry_local_source_monitor (FerryBrowserSource  *source,
                            const char          *path,
                            GError             **error)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);

  return g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, error);
}

static void
ferry_local_source_iface_init (FerryBrowserSourceInterface *iface)
{
  iface->list_async = ferry_local_source_list_async;
  iface->list_finish = ferry_local_source_list_finish;
  iface->mkdir_async = ferry_local_source_mkdir_async;
  iface->rename_async = ferry_local_source_rename_async;
  iface->delete_async = ferry_local_source_delete_async;
  iface->operation_finish = ferry_local_source_operation_finish;
  iface->dup_home = ferry_local_source_dup_home;
  iface->join = ferry_local_source_join;
  iface->dup_parent = ferry_local_source_dup_parent;
  iface->dup_display_path = ferry_local_source_dup_display_path;
  iface->dup_display_name = ferry_local_source_dup_display_name;
  iface->get_icon_name = ferry_local_source_get_icon_name;
  iface->encode_name = ferry_local_source_encode_name;
  iface->path_from_display = ferry_local_source_path_from_display;
  iface->monitor = ferry_local_source_monitor;
}

static void
ferry_local_source_class_init (FerryLocalSourceClass *klass)
{
}

static void
ferry_local_source_init (FerryLocalSource *self)
{
}

FerryBrowserSource *
ferry_local_source_new (void)
{
  return g_object_new (FERRY_TYPE_LOCAL_SOURCE, NULL);
}
