/* ferry-transfer-open.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Open" and "Show in Folder" for a finished download. GTK 4.8 has no
 * GtkFileLauncher (4.10): gtk_show_uri_full() opens a URI in its default
 * application (through the OpenURI portal in a sandbox), and the file
 * manager's org.freedesktop.FileManager1 interface selects a file in its folder.
 */
#define G_LOG_DOMAIN "ferry-transfer-open"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-transfer-open.h"

typedef struct
{
  GtkWindow *parent; /* nullable, referenced */
  GFile *file;
  gboolean show_in_folder;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *d = data;

  g_clear_object (&d->parent);
  g_clear_object (&d->file);
  g_free (d);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_filename_display_name (base != NULL ? base : "/");
}

static void
show_uri_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  {
    g_autofree char *name = dup_display_name (d->file);

    if (d->show_in_folder)
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               /* Translators: a file's name, then why; what to do follows. */
                               _("The folder of “%s” could not be shown: %s. Open it from your "
                                 "file manager."), name, error->message);
    else
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("“%s” could not be opened: %s. Check that an application for "
                                 "this kind of file is installed, or open it from your file "
                                 "manager."), name, error->message);
  }
}

static void
show_uri (GTask      *task,
          const char *uri)
{
  OpenData *d = g_task_get_task_data (task);

  /* gtk_show_uri_full() wants a window; a transient one would do no better. */
  if (d->parent == NULL)
    {
      g_autofree char *name = dup_display_name (d->file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("“%s” could not be opened: the window is gone. Open it from "
                                 "your file manager."), name);
      g_object_unref (task);
      return;
    }
  gtk_show_uri_full (d->parent, uri, GDK_CURRENT_TIME, g_task_get_cancellable (task),
                     show_uri_cb, task);
}

static void
show_items_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  OpenData *d = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *uri = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  /* No file manager that selects files: show the folder. */
  g_debug ("ShowItems: %s; opening the folder instead", error->message);
  folder = g_file_get_parent (d->file);
  uri = g_file_get_uri (folder != NULL ? folder : d->file);
  show_uri (task, uri);
}

static void
bus_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  GTask *task = user_data;
  OpenData *d = g_task_get_task_data (task);
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);
  g_autofree char *uri = g_file_get_uri (d->file);
  const char *uris[] = { uri, NULL };

  if (bus == NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (d->file);
      g_autofree char *folder_uri = g_file_get_uri (folder != NULL ? folder : d->file);

      show_uri (task, folder_uri);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, 10000, g_task_get_cancellable (task),
                          show_items_cb, task);
}

void
ferry_transfer_open_async (GtkWindow          *parent,
                           GFile              *file,
                           gboolean            show_in_folder,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  GTask *task;
  OpenData *d;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_transfer_open_async);
  d = g_new0 (OpenData, 1);
  d->parent = parent ? g_object_ref (parent) : NULL;
  d->file = g_object_ref (file);
  d->show_in_folder = show_in_folder;
  g_task_set_task_data (task, d, open_data_free);
  if (show_in_folder)
    g_bus_get (G_BUS_TYPE_SESSION, cancellable, bus_cb, task);
  else
    {
      g_autofree char *uri = g_file_get_uri (file);

      show_uri (task, uri);
    }
}

gboolean
ferry_transfer_open_finish (GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, ferry_transfer_open_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
