/* ferry-connection-tab-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What ferry-connection-tab.c and ferry-connection-tab-panes.c share.
 */
#pragma once

#include "ferry-browser-source.h"
#include "ferry-connection-tab.h"
#include "ferry-session-log.h"
#include "ferry-session.h"
#include "ferry-transfer-panel.h"
#include "ferry-transfer-runner.h"

G_BEGIN_DECLS

/* Below this width the panes are stacked; above WIDE_WIDTH side by side. */
#define NARROW_WIDTH 720
#define WIDE_WIDTH 760

struct _FerryConnectionTab
{
  GtkWidget parent_instance;

  FerrySite *site;
  FerryEndpoint *endpoint;
  char *first_remote_path;
  char *title;
  FerryKnownServers *known;
  GSettings *settings;

  FerrySession *session;
  FerryTransferRunner *runner;
  FerrySecurityStatus *status;
  GCancellable *cancellable;   /* this connect: password, dialogs, login */
  GCancellable *lifetime;      /* cancelled when the tab goes */
  GCancellable *asking;        /* while the password dialog is open */
  char *password;
  gboolean remember_password;
  gboolean keyring_failed;
  FerryConnectionState state;
  GError *error;

  FerryBrowserSource *local_source;
  FerryBrowserSource *remote_source;
  GtkWidget *local_pane;
  GtkWidget *remote_pane;
  guint orientation_idle;
  gboolean restoring_split;     /* setting the position from pane-split, not the person */
  gboolean split_restored;      /* the first allocation applied pane-split */

  /* Template children */
  GtkStack *stack;
  AdwStatusPage *connecting_page;
  GtkSpinner *spinner;
  AdwStatusPage *stopped_page;
  GtkButton *reconnect_button;
  GtkButton *edit_site_button;
  GtkPaned *files_paned;
  GtkRevealer *transfers_revealer;
  FerryTransferPanel *transfer_panel;
  GtkWidget *transfers_handle;
  GtkWidget *log_handle;
  GtkRevealer *log_revealer;
  FerrySessionLog *session_log;
  GtkToggleButton *transfers_toggle;
  GtkLabel *transfers_indicator;
  GtkToggleButton *log_toggle;
  GtkLabel *status_label;
};

GtkWindow *_ferry_connection_tab_parent_window            (FerryConnectionTab *self);
void       _ferry_connection_tab_toast                    (FerryConnectionTab *self,
                                                           const char         *message);
void       _ferry_connection_tab_log                      (FerryConnectionTab *self,
                                                           FerryLogKind        kind,
                                                           const char         *text);
/* A session's or the transfer runner's "prompt" handler. */
void       _ferry_connection_tab_prompt_cb                (GObject            *emitter,
                                                           FerryPrompt        *prompt,
                                                           FerryConnectionTab *self);
void       _ferry_connection_tab_notify_busy              (FerryConnectionTab *self);

/* ferry-connection-tab-panes.c */
void       _ferry_connection_tab_setup_transfer_panel     (FerryConnectionTab *self);
void       _ferry_connection_tab_setup_local_pane         (FerryConnectionTab *self);
/* For the tab's session (again after it was dropped). */
void       _ferry_connection_tab_setup_remote_pane        (FerryConnectionTab *self);
void       _ferry_connection_tab_activate_remote_file_cb  (GtkWidget          *pane,
                                                           FerryRemoteFile    *file,
                                                           FerryConnectionTab *self);
void       _ferry_connection_tab_activate_local_file_cb   (GtkWidget          *pane,
                                                           FerryRemoteFile    *file,
                                                           FerryConnectionTab *self);
void       _ferry_connection_tab_transfer_selection       (FerryConnectionTab *self,
                                                           gboolean            upload);
/* The tab's transfer runner, made on first use; its number of sessions
 * follows the site's "parallel transfers", else the preference, live. */
FerryTransferRunner *_ferry_connection_tab_ensure_runner (FerryConnectionTab *self);

/* ferry-connection-tab-queue.c: the tab's runner in queue.ini. */
void       _ferry_connection_tab_queue_attach             (FerryConnectionTab *self);
/* Leaves queue.ini's saver, keeping the unfinished transfers in the file. */
void       _ferry_connection_tab_queue_keep               (FerryConnectionTab *self);

/* ferry-connection-tab-exists.c */
void       _ferry_connection_tab_file_exists_cb           (FerryTransferRunner *runner,
                                                           FerryTransfer       *transfer,
                                                           FerryConnectionTab  *self);
/* @flags with what the "exists-action" preference says. */
FerryTransferFlags _ferry_connection_tab_exists_flags     (FerryConnectionTab *self,
                                                           FerryTransferFlags  flags);

/* A download of @file (listed in @remote_folder) into @local_folder. */
FerryTransfer *_ferry_connection_tab_make_download        (FerryConnectionTab *self,
                                                           FerryRemoteFile    *file,
                                                           const char         *remote_folder,
                                                           GFile              *local_folder,
                                                           GError            **error);
/* An upload of @source, named @display_name on the server, into @remote_folder. */
FerryTransfer *_ferry_connection_tab_make_upload          (FerryConnectionTab *self,
                                                           GFile              *source,
                                                           const char         *display_name,
                                                           gboolean            is_folder,
                                                           const char         *remote_folder,
                                                           GError            **error);
/* Queues @transfer on the tab's runner (made with the first transfer); a
 * target that exists is the runner's question. */
void       _ferry_connection_tab_add_transfer             (FerryConnectionTab *self,
                                                           FerryTransfer      *transfer);

/* ferry-connection-tab-dnd.c: drags between the panes and with the desktop */
void       _ferry_connection_tab_setup_local_dnd          (FerryConnectionTab *self);
void       _ferry_connection_tab_setup_remote_dnd         (FerryConnectionTab *self);

const char *_ferry_connection_tab_download_folder (FerryConnectionTab *self);
int         _ferry_connection_tab_paned_extent    (FerryConnectionTab *self);
void        _ferry_connection_tab_paned_position_cb (FerryConnectionTab *self);
gboolean    _ferry_connection_tab_orientation_idle_cb (gpointer data);

G_END_DECLS
