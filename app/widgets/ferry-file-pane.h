/* ferry-file-pane.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file browser pane: toolbar, path bar and a sortable list of one folder of
 * a FerryBrowserSource (the local disk or a server), with New Folder, Rename,
 * Delete, Permissions and Copy Path. A connection tab shows two side by side.
 */
#pragma once

#include <adwaita.h>

#include "ferry-browser-source.h"

G_BEGIN_DECLS

#define FERRY_TYPE_FILE_PANE (ferry_file_pane_get_type ())

G_DECLARE_FINAL_TYPE (FerryFilePane, ferry_file_pane, FERRY, FILE_PANE, GtkWidget)

GtkWidget          *ferry_file_pane_new                 (FerryBrowserSource *source);
FerryBrowserSource *ferry_file_pane_get_source          (FerryFilePane      *self);
/* Shows @path (in the source's encoding); the previous folder goes to Back. */
void                ferry_file_pane_navigate            (FerryFilePane      *self,
                                                         const char         *path);
/* The folder shown (NULL before the first navigate). */
const char         *ferry_file_pane_get_path            (FerryFilePane      *self);
/* Returns: (transfer full): a new GListModel of the selected FerryRemoteFile items. */
GListModel         *ferry_file_pane_get_selection_files (FerryFilePane      *self);
/* Lists the folder again, keeping the selection. */
void                ferry_file_pane_reload              (FerryFilePane      *self);
/* A reload shortly, for a change made elsewhere (a finished transfer): calls
 * in a burst give one reload, at most one a second. */
void                ferry_file_pane_reload_soon         (FerryFilePane      *self);
/* Adds "label" to the context menu beside Open, for the selection: it
 * activates @action_name (an action of an ancestor, "tab.download") and shows
 * @accel (nullable). Hidden while nothing is selected. Once per pane. */
void                ferry_file_pane_set_transfer_action (FerryFilePane      *self,
                                                         const char         *label,
                                                         const char         *action_name,
                                                         const char         *accel);
void                ferry_file_pane_set_show_hidden     (FerryFilePane      *self,
                                                         gboolean            show_hidden);
gboolean            ferry_file_pane_get_show_hidden     (FerryFilePane      *self);
/* The accessible label of the list ("Remote files", "Local files"). */
void                ferry_file_pane_set_label           (FerryFilePane      *self,
                                                         const char         *label);
gboolean            ferry_file_pane_get_loading         (FerryFilePane      *self);
/* The model behind the list: sorted and filtered as shown. */
GListModel         *ferry_file_pane_get_model           (FerryFilePane      *self);

G_END_DECLS
