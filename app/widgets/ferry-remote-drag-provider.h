/* ferry-remote-drag-provider.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a drag of files on the server carries. Inside Ferry it is itself (the
 * local pane downloads the files where they are dropped); outside it offers
 * a GdkFileList (text/uri-list, and through GTK's serializers the
 * file-transfer portal's application/vnd.portal.filetransfer in a sandbox)
 * whose files are downloaded, when the drop target asks for them, through
 * the tab's transfer queue into $XDG_CACHE_HOME/ferry/drag/<unique>/.
 */
#pragma once

#include <gtk/gtk.h>

#include "ferry-connection-tab.h"
#include "ferry-remote-file.h"

G_BEGIN_DECLS

#define FERRY_TYPE_REMOTE_DRAG_PROVIDER (ferry_remote_drag_provider_get_type ())

G_DECLARE_FINAL_TYPE (FerryRemoteDragProvider, ferry_remote_drag_provider,
                      FERRY, REMOTE_DRAG_PROVIDER, GdkContentProvider)

/* @files: FerryRemoteFile listed in @folder (server encoding). */
GdkContentProvider *ferry_remote_drag_provider_new        (FerryConnectionTab      *tab,
                                                           GPtrArray               *files,
                                                           const char              *folder);
/* Returns: (transfer full) (nullable): the tab, NULL when it is gone. */
FerryConnectionTab *ferry_remote_drag_provider_dup_tab    (FerryRemoteDragProvider *self);
GPtrArray          *ferry_remote_drag_provider_get_files  (FerryRemoteDragProvider *self);
const char         *ferry_remote_drag_provider_get_folder (FerryRemoteDragProvider *self);

/* Deletes drag folders older than a day (on a thread); once per process. */
void                ferry_remote_drag_provider_clean_cache (void);

G_END_DECLS
