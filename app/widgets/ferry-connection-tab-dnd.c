/* ferry-connection-tab-dnd.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drag and drop in a connection tab, through the tab's one transfer runner
 * (the same path as Download and Upload):
 * - files and folders dropped on the remote pane (from the file manager as a
 *   GdkFileList or text/uri-list, or from the local pane) upload into the
 *   folder row they were dropped on, else into the folder shown; folders
 *   recursively;
 * - files on the server dragged onto the local pane download into the folder
 *   row, else the folder shown;
 * - files on the server dragged out of Ferry are downloaded on demand by a
 *   FerryRemoteDragProvider, which hands the downloaded files over.
 * A drop the pane cannot take says why in the pane's message bar.
 */
#define G_LOG_DOMAIN "ferry-connection-tab"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-connection-tab-private.h"
#include "ferry-file-pane-dnd.h"
#include "ferry-remote-drag-provider.h"

/* ---- dropped on the remote pane: uploads ---- */

typedef struct
{
  FerryConnectionTab *self;
  char *remote_folder;
} UploadDrop;

static void
upload_drop_free (UploadDrop *drop)
{
  g_object_unref (drop->self);
  g_free (drop->remote_folder);
  g_free (drop);
}

static void
upload_info_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  UploadDrop *drop = user_data;
  FerryConnectionTab *self = drop->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, &error);
  g_autoptr(FerryTransfer) transfer = NULL;

  if (g_cancellable_is_cancelled (self->lifetime) || self->remote_pane == NULL)
    ;
  else if (info == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (source));
      g_autofree char *text = g_strdup_printf (_("“%s” cannot be read (%s); check that it "
                                                 "still exists, then drop it again."),
                                               name, error->message);

      ferry_file_pane_show_error (FERRY_FILE_PANE (self->remote_pane), text);
    }
  else
    {
      gboolean folder = g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY;

      transfer = _ferry_connection_tab_make_upload (self, G_FILE (source),
                                                    g_file_info_get_display_name (info),
                                                    folder, drop->remote_folder, &error);
      if (transfer == NULL)
        ferry_file_pane_show_error (FERRY_FILE_PANE (self->remote_pane), error->message);
      else
        _ferry_connection_tab_add_transfer (self, transfer);
    }
  upload_drop_free (drop);
}

/* Uploads @files (GFile, local ones) into @remote_folder. Returns FALSE, with
 * the reason in the pane's message bar, when none can go. */
static gboolean
upload_files (FerryConnectionTab *self,
              GSList             *files,
              const char         *remote_folder)
{
  FerryFilePane *pane = FERRY_FILE_PANE (self->remote_pane);
  g_autoptr(GString) not_local = g_string_new (NULL);
  guint n_local = 0, n_other = 0;

  if (self->state != FERRY_CONNECTION_STATE_CONNECTED || self->session == NULL)
    {
      ferry_file_pane_show_error (pane, _("Not connected: connect to the server again, then "
                                          "drop the files again."));
      return FALSE;
    }
  for (GSList *l = files; l != NULL; l = l->next)
    {
      GFile *file = l->data;
      UploadDrop *drop;

      if (!g_file_is_native (file) || g_file_peek_path (file) == NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);

          if (n_other++ > 0)
            g_string_append (not_local, ", ");
          g_string_append (not_local, uri);
          continue;
        }
      n_local++;
      drop = g_new0 (UploadDrop, 1);
      drop->self = g_object_ref (self);
      drop->remote_folder = g_strdup (remote_folder);
      g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                               G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                               G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->lifetime,
                               upload_info_cb, drop);
    }
  if (n_other > 0)
    {
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%s is not a file on this computer: only local files and folders can be "
                     "uploaded. Save it to a folder first, then drop it from there.",
                     "%s are not files on this computer: only local files and folders can be "
                     "uploaded. Save them to a folder first, then drop them from there.",
                     n_other),
        not_local->str);

      ferry_file_pane_show_error (pane, text);
    }
  return n_local > 0;
}

static gboolean
remote_accept_cb (FerryFilePane *pane,
                  GdkDrop       *drop,
                  gpointer       user_data)
{
  GdkDrag *drag = gdk_drop_get_drag (drop);

  /* Files on a server dragged onto a server: not a thing Ferry does. */
  return drag == NULL || !FERRY_IS_REMOTE_DRAG_PROVIDER (gdk_drag_get_content (drag));
}

static gboolean
remote_drop_cb (FerryFilePane *pane,
                const GValue  *value,
                const char    *folder,
                gpointer       user_data)
{
  FerryConnectionTab *self = user_data;
  GSList *files;
  gboolean taken;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  taken = upload_files (self, files, folder);
  g_slist_free (files);
  return taken;
}

static GdkContentProvider *
remote_drag_cb (FerryFilePane *pane,
                GPtrArray     *files,
                const char    *folder,
                gpointer       user_data)
{
  FerryConnectionTab *self = user_data;

  if (self->state != FERRY_CONNECTION_STATE_CONNECTED)
    return NULL;
  return ferry_remote_drag_provider_new (self, files, folder);
}

void
_ferry_connection_tab_setup_remote_dnd (FerryConnectionTab *self)
{
  GType types[] = { GDK_TYPE_FILE_LIST };

  ferry_file_pane_set_drop_func (FERRY_FILE_PANE (self->remote_pane), types,
                                 G_N_ELEMENTS (types), remote_accept_cb, remote_drop_cb, self);
  ferry_file_pane_set_drag_func (FERRY_FILE_PANE (self->remote_pane), remote_drag_cb, self);
}

/* ---- dropped on the local pane: downloads ---- */

static gboolean
local_drop_cb (FerryFilePane *pane,
               const GValue  *value,
               const char    *folder,
               gpointer       user_data)
{
  FerryRemoteDragProvider *provider;
  g_autoptr(FerryConnectionTab) from = NULL;
  g_autoptr(GFile) local_folder = NULL;
  GPtrArray *files;
  guint n_queued = 0;

  if (!G_VALUE_HOLDS (value, FERRY_TYPE_REMOTE_DRAG_PROVIDER))
    return FALSE;
  provider = g_value_get_object (value);
  /* The files are downloaded by the tab they were dragged from. */
  from = ferry_remote_drag_provider_dup_tab (provider);
  if (from == NULL || from->state != FERRY_CONNECTION_STATE_CONNECTED)
    {
      ferry_file_pane_show_error (pane, _("The server the files were dragged from is not "
                                          "connected: connect again, then drag them again."));
      return FALSE;
    }
  local_folder = g_file_new_for_path (folder);
  files = ferry_remote_drag_provider_get_files (provider);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FerryTransfer) transfer = _ferry_connection_tab_make_download (
        from, g_ptr_array_index (files, i), ferry_remote_drag_provider_get_folder (provider),
        local_folder, &error);

      if (transfer == NULL)
        ferry_file_pane_show_error (pane, error->message);
      else
        {
          _ferry_connection_tab_add_transfer (from, transfer);
          n_queued++;
        }
    }
  return n_queued > 0;
}

/* Local files dragged out are plain files: the remote pane (or any other
 * application) takes them as a GdkFileList. */
static GdkContentProvider *
local_drag_cb (FerryFilePane *pane,
               GPtrArray     *files,
               const char    *folder,
               gpointer       user_data)
{
  FerryConnectionTab *self = user_data;
  g_autoptr(GPtrArray) locals = g_ptr_array_new_with_free_func (g_object_unref);
  GdkFileList *list;
  GdkContentProvider *provider;

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = ferry_browser_source_dup_file_path (self->local_source, folder,
                                                                  g_ptr_array_index (files, i));

      g_ptr_array_add (locals, g_file_new_for_path (path));
    }
  list = gdk_file_list_new_from_array ((GFile **) locals->pdata, locals->len);
  provider = gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, list);
  g_boxed_free (GDK_TYPE_FILE_LIST, list);
  return provider;
}

void
_ferry_connection_tab_setup_local_dnd (FerryConnectionTab *self)
{
  GType types[] = { FERRY_TYPE_REMOTE_DRAG_PROVIDER };

  ferry_file_pane_set_drop_func (FERRY_FILE_PANE (self->local_pane), types,
                                 G_N_ELEMENTS (types), NULL, local_drop_cb, self);
  ferry_file_pane_set_drag_func (FERRY_FILE_PANE (self->local_pane), local_drag_cb, self);
}
