/* ferry-connection-tab-panes.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two file panes of a connection tab and what moves between them: the
 * local pane opens the site's local folder (or home), the remote pane the
 * site's remote folder (or the login folder). A double-clicked file on the
 * server is downloaded into the local pane's folder, a local one uploaded
 * into the server's folder (or the selection, with Download and Upload). A
 * file that exists at the target is the runner's question ("file-exists",
 * ferry-connection-tab-exists.c). One FerryTransferRunner per tab, made with
 * the first transfer, shows in the tab's transfer panel. Drag and drop
 * (ferry-connection-tab-dnd.c) makes and queues its transfers with the same
 * functions.
 */
#define G_LOG_DOMAIN "ferry-connection-tab"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-connection-tab-private.h"
#include "ferry-error.h"
#include "ferry-file-pane.h"
#include "ferry-local-source.h"
#include "ferry-remote-source.h"

static void
pane_toast_cb (GtkWidget          *pane,
               const char         *message,
               FerryConnectionTab *self)
{
  _ferry_connection_tab_toast (self, message);
}

FerryTransfer *
_ferry_connection_tab_make_download (FerryConnectionTab *self,
                                     FerryRemoteFile    *file,
                                     const char         *remote_folder,
                                     GFile              *local_folder,
                                     GError            **error)
{
  g_autofree char *remote_path = NULL;
  g_autoptr(GFile) target = NULL;

  if (!ferry_remote_file_get_safe_name (file))
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                   _("“%s” cannot be a file name on this computer; rename it on the server "
                     "first."),
                   ferry_remote_file_get_name (file));
      return NULL;
    }
  remote_path = ferry_browser_source_dup_file_path (self->remote_source, remote_folder, file);
  target = g_file_get_child_for_display_name (local_folder, ferry_remote_file_get_name (file),
                                              error);
  if (target == NULL)
    return NULL;
  return ferry_transfer_new (FERRY_TRANSFER_DOWNLOAD, remote_path, target,
                             ferry_browser_file_is_folder_like (file),
                             _ferry_connection_tab_exists_flags (
                               self, FERRY_TRANSFER_FLAGS_PRESERVE_MTIME));
}

static FerryTransfer *
make_download (FerryConnectionTab *self,
               FerryRemoteFile    *file,
               GError            **error)
{
  const char *local_folder = ferry_file_pane_get_path (FERRY_FILE_PANE (self->local_pane));
  const char *remote_folder = ferry_file_pane_get_path (FERRY_FILE_PANE (self->remote_pane));
  g_autoptr(GFile) folder = NULL;

  if (local_folder == NULL || remote_folder == NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                           _("Open a local folder to download into first."));
      return NULL;
    }
  folder = g_file_new_for_path (local_folder);
  return _ferry_connection_tab_make_download (self, file, remote_folder, folder, error);
}

FerryTransfer *
_ferry_connection_tab_make_upload (FerryConnectionTab *self,
                                   GFile              *source,
                                   const char         *display_name,
                                   gboolean            is_folder,
                                   const char         *remote_folder,
                                   GError            **error)
{
  g_autofree char *name = NULL;
  g_autofree char *remote_path = NULL;

  name = ferry_browser_source_encode_name (self->remote_source, display_name, error);
  if (name == NULL)
    return NULL;
  remote_path = ferry_browser_source_join (self->remote_source, remote_folder, name);
  return ferry_transfer_new (FERRY_TRANSFER_UPLOAD, remote_path, source, is_folder,
                             _ferry_connection_tab_exists_flags (
                               self, FERRY_TRANSFER_FLAGS_PRESERVE_MTIME));
}

static FerryTransfer *
make_upload (FerryConnectionTab *self,
             FerryRemoteFile    *file,
             GError            **error)
{
  const char *local_folder = ferry_file_pane_get_path (FERRY_FILE_PANE (self->local_pane));
  const char *remote_folder = ferry_file_pane_get_path (FERRY_FILE_PANE (self->remote_pane));
  g_autofree char *local_path = NULL;
  g_autoptr(GFile) source = NULL;

  if (local_folder == NULL || remote_folder == NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_REMOTE,
                           _("Open a folder on the server to upload into first."));
      return NULL;
    }
  local_path = ferry_browser_source_dup_file_path (self->local_source, local_folder, file);
  source = g_file_new_for_path (local_path);
  return _ferry_connection_tab_make_upload (self, source, ferry_remote_file_get_name (file),
                                            ferry_browser_file_is_folder_like (file),
                                            remote_folder, error);
}

void
_ferry_connection_tab_activate_remote_file_cb (GtkWidget          *pane,
                                               FerryRemoteFile    *file,
                                               FerryConnectionTab *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryTransfer) transfer = make_download (self, file, &error);

  if (transfer == NULL)
    _ferry_connection_tab_toast (self, error->message);
  else
    _ferry_connection_tab_add_transfer (self, transfer);
}

void
_ferry_connection_tab_activate_local_file_cb (GtkWidget          *pane,
                                              FerryRemoteFile    *file,
                                              FerryConnectionTab *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryTransfer) transfer = make_upload (self, file, &error);

  if (transfer == NULL)
    _ferry_connection_tab_toast (self, error->message);
  else
    _ferry_connection_tab_add_transfer (self, transfer);
}

void
_ferry_connection_tab_transfer_selection (FerryConnectionTab *self,
                                          gboolean            upload)
{
  GtkWidget *pane = upload ? self->local_pane : self->remote_pane;
  g_autoptr(GListModel) files = NULL;
  guint n;

  if (pane == NULL || self->state != FERRY_CONNECTION_STATE_CONNECTED)
    return;
  files = ferry_file_pane_get_selection_files (FERRY_FILE_PANE (pane));
  n = files != NULL ? g_list_model_get_n_items (files) : 0;
  if (n == 0)
    {
      _ferry_connection_tab_toast (self,
                                   upload ? _("Select files on this computer to upload first.")
                                          : _("Select files on the server to download first."));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryRemoteFile) file = g_list_model_get_item (files, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(FerryTransfer) transfer = upload ? make_upload (self, file, &error)
                                                 : make_download (self, file, &error);

      if (transfer == NULL)
        _ferry_connection_tab_toast (self, error->message);
      else
        _ferry_connection_tab_add_transfer (self, transfer);
    }
}

static void
runner_log_cb (FerryTransferRunner *runner,
               guint                kind,
               const char          *text,
               FerryConnectionTab  *self)
{
  _ferry_connection_tab_log (self, kind, text);
}

static guint
parallel_transfers (FerryConnectionTab *self)
{
  guint count = self->site ? ferry_site_get_parallel_transfers (self->site) : 0;

  if (count == 0 && self->settings != NULL)
    count = g_settings_get_int (self->settings, "parallel-transfers");
  return CLAMP (count, FERRY_TRANSFER_RUNNER_MIN_SESSIONS, FERRY_TRANSFER_RUNNER_MAX_SESSIONS);
}

/* TRUE when @folder is @path's folder, or inside @path (a folder transfer). */
static gboolean
shows_target (const char *folder,
              const char *path)
{
  g_autofree char *parent = NULL;
  gsize length;

  if (folder == NULL || path == NULL)
    return FALSE;
  parent = g_path_get_dirname (path);
  if (g_str_equal (parent, folder))
    return TRUE;
  length = strlen (path);
  return strncmp (folder, path, length) == 0 && folder[length] == '/';
}

/* A finished transfer shows in the pane of its folder: the server's is
 * listed again; the local one has a monitor, but a reload costs nothing when
 * it already caught the change (and the monitor may not work there). */
static void
transfer_state_cb (FerryTransfer      *transfer,
                   GParamSpec         *pspec,
                   FerryConnectionTab *self)
{
  FerryTransferState state = ferry_transfer_get_state (transfer);
  gboolean upload = ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_UPLOAD;
  GtkWidget *pane = upload ? self->remote_pane : self->local_pane;
  g_autofree char *local_path = NULL;
  const char *target;

  if (state != FERRY_TRANSFER_DONE && state != FERRY_TRANSFER_FAILED
      && state != FERRY_TRANSFER_CANCELLED)
    return;
  /* A failed or cancelled file may have left nothing (a download keeps its
   * .part, an upload may have created the file): look anyway. */
  if (pane == NULL)
    return;
  if (upload)
    target = ferry_transfer_get_remote_path (transfer);
  else
    target = local_path = g_file_get_path (ferry_transfer_get_local_file (transfer));
  if (shows_target (ferry_file_pane_get_path (FERRY_FILE_PANE (pane)), target))
    ferry_file_pane_reload_soon (FERRY_FILE_PANE (pane));
}

/* The preference, or the site's own number, changed: open tabs follow. */
static void
parallel_transfers_changed_cb (FerryConnectionTab *self)
{
  if (self->runner != NULL)
    ferry_transfer_runner_set_max_sessions (self->runner, parallel_transfers (self));
}

FerryTransferRunner *
_ferry_connection_tab_ensure_runner (FerryConnectionTab *self)
{
  if (self->runner != NULL)
    return self->runner;

  self->runner = ferry_transfer_runner_new (self->endpoint, self->known, self->password,
                                            parallel_transfers (self));
  g_signal_connect (self->runner, "log", G_CALLBACK (runner_log_cb), self);
  g_signal_connect (self->runner, "prompt", G_CALLBACK (_ferry_connection_tab_prompt_cb), self);
  g_signal_connect (self->runner, "file-exists",
                    G_CALLBACK (_ferry_connection_tab_file_exists_cb), self);
  g_signal_connect_swapped (self->runner, "notify::busy",
                            G_CALLBACK (_ferry_connection_tab_notify_busy), self);
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::parallel-transfers",
                               G_CALLBACK (parallel_transfers_changed_cb), self,
                               G_CONNECT_SWAPPED);
      /* GSettings tells of changes to keys that were read. */
      (void) g_settings_get_int (self->settings, "parallel-transfers");
    }
  if (self->site != NULL)
    g_signal_connect_object (self->site, "notify::parallel-transfers",
                             G_CALLBACK (parallel_transfers_changed_cb), self,
                             G_CONNECT_SWAPPED);
  ferry_transfer_panel_set_host (self->transfer_panel, self->endpoint->host);
  ferry_transfer_panel_set_runner (self->transfer_panel, self->runner);
  _ferry_connection_tab_queue_attach (self);
  return self->runner;
}

void
_ferry_connection_tab_add_transfer (FerryConnectionTab *self,
                                    FerryTransfer      *transfer)
{
  _ferry_connection_tab_ensure_runner (self);
  g_signal_connect_object (transfer, "notify::state", G_CALLBACK (transfer_state_cb), self, 0);
  ferry_transfer_runner_add (self->runner, transfer);
  gtk_toggle_button_set_active (self->transfers_toggle, TRUE);
}

gboolean
ferry_connection_tab_get_busy (FerryConnectionTab *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_TAB (self), FALSE);

  return self->runner != NULL && ferry_transfer_runner_get_busy (self->runner);
}

void
ferry_connection_tab_cancel_transfers (FerryConnectionTab *self)
{
  g_return_if_fail (FERRY_IS_CONNECTION_TAB (self));

  if (self->runner != NULL)
    ferry_transfer_runner_cancel_all (self->runner);
}

void
ferry_connection_tab_download_selection (FerryConnectionTab *self)
{
  g_return_if_fail (FERRY_IS_CONNECTION_TAB (self));

  _ferry_connection_tab_transfer_selection (self, FALSE);
}

void
ferry_connection_tab_upload_selection (FerryConnectionTab *self)
{
  g_return_if_fail (FERRY_IS_CONNECTION_TAB (self));

  _ferry_connection_tab_transfer_selection (self, TRUE);
}

/* ---- the split between the panes ---- */

static void
update_orientation (FerryConnectionTab *self,
                    int                 width)
{
  GtkOrientation current = gtk_orientable_get_orientation (GTK_ORIENTABLE (self->files_paned));
  GtkOrientation wanted = current;

  if (width > 0 && width < NARROW_WIDTH)
    wanted = GTK_ORIENTATION_VERTICAL;
  else if (width >= WIDE_WIDTH)
    wanted = GTK_ORIENTATION_HORIZONTAL;
  if (wanted == current)
    return;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->files_paned), wanted);
  /* Split as the person left it last time (remembered as a share of the size). */
  self->restoring_split = TRUE;
  gtk_paned_set_position (self->files_paned,
                          (int) (_ferry_connection_tab_paned_extent (self) *
                                 (self->settings ? g_settings_get_double (self->settings,
                                                                          "pane-split")
                                                 : 0.5)));
  self->restoring_split = FALSE;
}

int
_ferry_connection_tab_paned_extent (FerryConnectionTab *self)
{
  return gtk_orientable_get_orientation (GTK_ORIENTABLE (self->files_paned)) ==
                 GTK_ORIENTATION_HORIZONTAL
             ? gtk_widget_get_width (GTK_WIDGET (self->files_paned))
             : gtk_widget_get_height (GTK_WIDGET (self->files_paned));
}

void
_ferry_connection_tab_paned_position_cb (FerryConnectionTab *self)
{
  int extent = _ferry_connection_tab_paned_extent (self);

  if (self->restoring_split || self->settings == NULL || extent <= 0)
    return;
  g_settings_set_double (self->settings, "pane-split",
                         CLAMP ((double) gtk_paned_get_position (self->files_paned) / extent,
                                0.1, 0.9));
}

gboolean
_ferry_connection_tab_orientation_idle_cb (gpointer data)
{
  FerryConnectionTab *self = data;

  self->orientation_idle = 0;
  update_orientation (self, gtk_widget_get_width (GTK_WIDGET (self)));
  if (!self->split_restored && _ferry_connection_tab_paned_extent (self) > 0)
    {
      /* The first time the panes have a size: the split the person left. */
      self->split_restored = TRUE;
      self->restoring_split = TRUE;
      gtk_paned_set_position (self->files_paned,
                              (int) (_ferry_connection_tab_paned_extent (self) *
                                     (self->settings ? g_settings_get_double (self->settings,
                                                                              "pane-split")
                                                     : 0.5)));
      self->restoring_split = FALSE;
    }
  return G_SOURCE_REMOVE;
}

/* ---- the panes ---- */

/* Where the local pane opens when the site names no folder: the preference,
 * else the Downloads folder, else home. */
const char *
_ferry_connection_tab_download_folder (FerryConnectionTab *self)
{
  const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);

  if (self->settings != NULL)
    {
      g_autofree char *chosen = g_settings_get_string (self->settings, "download-folder");

      if (chosen[0] != '\0' && g_file_test (chosen, G_FILE_TEST_IS_DIR))
        return g_intern_string (chosen);
    }
  if (downloads != NULL && g_file_test (downloads, G_FILE_TEST_IS_DIR))
    return downloads;
  return g_get_home_dir ();
}

void
_ferry_connection_tab_setup_local_pane (FerryConnectionTab *self)
{
  const char *folder = self->site ? ferry_site_get_local_dir (self->site) : NULL;

  if (self->local_pane != NULL)
    return;
  self->local_source = ferry_local_source_new ();
  self->local_pane = ferry_file_pane_new (self->local_source);
  ferry_file_pane_set_label (FERRY_FILE_PANE (self->local_pane), _("Files on this computer"));
  ferry_file_pane_set_transfer_action (FERRY_FILE_PANE (self->local_pane), _("_Upload"),
                                       "tab.upload", "<Control>u");
  g_signal_connect_object (self->local_pane, "toast", G_CALLBACK (pane_toast_cb), self, 0);
  g_signal_connect_object (self->local_pane, "activate-file",
                           G_CALLBACK (_ferry_connection_tab_activate_local_file_cb), self, 0);
  if (self->settings != NULL)
    g_settings_bind (self->settings, "show-hidden-files", self->local_pane, "show-hidden",
                     G_SETTINGS_BIND_GET);
  _ferry_connection_tab_setup_local_dnd (self);
  gtk_paned_set_start_child (self->files_paned, self->local_pane);
  ferry_file_pane_navigate (FERRY_FILE_PANE (self->local_pane),
                            folder != NULL && folder[0] != '\0' ? folder
                                                                : _ferry_connection_tab_download_folder (self));
}

void
_ferry_connection_tab_setup_remote_pane (FerryConnectionTab *self)
{
  g_autofree char *home = NULL;
  g_autofree char *label = NULL;
  const char *first = self->first_remote_path;

  if (self->remote_pane != NULL)
    return;

  g_clear_object (&self->remote_source);
  self->remote_source = ferry_remote_source_new (self->session);
  self->remote_pane = ferry_file_pane_new (self->remote_source);
  /* Named after the tab: each tab has a list of its own. */
  label = g_strdup_printf (_("Files on %s"), self->title);
  ferry_file_pane_set_label (FERRY_FILE_PANE (self->remote_pane), label);
  ferry_file_pane_set_transfer_action (FERRY_FILE_PANE (self->remote_pane), _("_Download"),
                                       "tab.download", "<Control>d");
  g_signal_connect_object (self->remote_pane, "toast", G_CALLBACK (pane_toast_cb), self, 0);
  g_signal_connect_object (self->remote_pane, "activate-file",
                           G_CALLBACK (_ferry_connection_tab_activate_remote_file_cb), self, 0);
  if (self->settings != NULL)
    g_settings_bind (self->settings, "show-hidden-files", self->remote_pane, "show-hidden",
                     G_SETTINGS_BIND_GET);
  _ferry_connection_tab_setup_remote_dnd (self);
  gtk_paned_set_end_child (self->files_paned, self->remote_pane);

  if (first == NULL || first[0] == '\0')
    first = home = ferry_browser_source_dup_home (self->remote_source);
  ferry_file_pane_navigate (FERRY_FILE_PANE (self->remote_pane), first != NULL ? first : "/");
}

/* The compact indicator next to the Transfers toggle: the queue's progress
 * and rate while the panel is collapsed and something moves. */
static void
update_transfers_indicator (FerryConnectionTab *self)
{
  g_autofree char *text = ferry_transfer_panel_dup_indicator (self->transfer_panel);
  gboolean show = text != NULL && !gtk_toggle_button_get_active (self->transfers_toggle);

  gtk_label_set_text (self->transfers_indicator, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->transfers_indicator), show);
}

static void
transfer_panel_toast_cb (FerryTransferPanel *panel,
                         const char         *message,
                         FerryConnectionTab *self)
{
  _ferry_connection_tab_toast (self, message);
}

void
_ferry_connection_tab_setup_transfer_panel (FerryConnectionTab *self)
{
  g_signal_connect_object (self->transfer_panel, "toast", G_CALLBACK (transfer_panel_toast_cb),
                           self, 0);
  g_signal_connect_object (self->transfer_panel, "notify::indicator",
                           G_CALLBACK (update_transfers_indicator), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->transfers_toggle, "notify::active",
                           G_CALLBACK (update_transfers_indicator), self, G_CONNECT_SWAPPED);
  update_transfers_indicator (self);
}

gboolean
ferry_connection_tab_show_transfers (FerryConnectionTab *self,
                                     const char         *notification_id)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_TAB (self), FALSE);

  if (notification_id != NULL
      && g_strcmp0 (notification_id,
                    ferry_transfer_panel_get_notification_id (self->transfer_panel)) != 0)
    return FALSE;
  gtk_toggle_button_set_active (self->transfers_toggle, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->transfer_panel));
  return TRUE;
}
