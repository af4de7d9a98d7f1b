/* ferry-connection-tab.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ferry-endpoint.h"
#include "ferry-known-servers.h"
#include "ferry-security-status.h"
#include "ferry-site.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_CONNECTION_STATE_IDLE,         /* not started yet */
  FERRY_CONNECTION_STATE_CONNECTING,   /* password, TLS, login */
  FERRY_CONNECTION_STATE_CONNECTED,
  FERRY_CONNECTION_STATE_DISCONNECTED, /* by the person, or cancelled */
  FERRY_CONNECTION_STATE_FAILED,       /* see ferry_connection_tab_get_error() */
} FerryConnectionState;

#define FERRY_TYPE_CONNECTION_STATE (ferry_connection_state_get_type ())
GType ferry_connection_state_get_type (void) G_GNUC_CONST;

#define FERRY_TYPE_CONNECTION_TAB (ferry_connection_tab_get_type ())

G_DECLARE_FINAL_TYPE (FerryConnectionTab, ferry_connection_tab, FERRY, CONNECTION_TAB, GtkWidget)

/* @known: (nullable): where pins live (the file shared with ferry-cli). */
FerryConnectionTab  *ferry_connection_tab_new_for_site         (FerrySite           *site,
                                                                FerryKnownServers   *known);
/* @remote_path: (nullable): the folder to open first (else the login folder). */
FerryConnectionTab  *ferry_connection_tab_new_for_endpoint     (const FerryEndpoint *endpoint,
                                                                const char          *remote_path,
                                                                FerryKnownServers   *known);

/* Connects (asking for the password as needed); again after a failure or a
 * disconnect, with the password given before. */
void                 ferry_connection_tab_connect              (FerryConnectionTab *self);
/* A password for this tab's connections only (from a link): never saved. */
void                 ferry_connection_tab_set_password         (FerryConnectionTab *self,
                                                                const char         *password);
void                 ferry_connection_tab_cancel               (FerryConnectionTab *self);
void                 ferry_connection_tab_disconnect           (FerryConnectionTab *self);

FerryConnectionState ferry_connection_tab_get_state            (FerryConnectionTab *self);
const GError        *ferry_connection_tab_get_error            (FerryConnectionTab *self);
const char          *ferry_connection_tab_get_title            (FerryConnectionTab *self);
/* "user@host:port" */
char                *ferry_connection_tab_dup_address          (FerryConnectionTab *self);
/* The tab's server as a URL to type (no password, no path): the mode the
 * connection uses once known (ftpes:// explicit, ftps:// implicit). */
char                *ferry_connection_tab_dup_url              (FerryConnectionTab *self);
FerrySite           *ferry_connection_tab_get_site             (FerryConnectionTab *self);
const FerryEndpoint *ferry_connection_tab_get_endpoint         (FerryConnectionTab *self);
/* (nullable): NULL while not connected. */
FerrySecurityStatus *ferry_connection_tab_dup_security_status  (FerryConnectionTab *self);
/* TRUE while transfers are queued or running. */
gboolean             ferry_connection_tab_get_busy             (FerryConnectionTab *self);
/* Shows the transfer panel if @notification_id (NULL: any) is its
 * notifications' id; FALSE when it is another tab's. */
gboolean             ferry_connection_tab_show_transfers       (FerryConnectionTab *self,
                                                                const char         *notification_id);
void                 ferry_connection_tab_cancel_transfers     (FerryConnectionTab *self);
/* Keeps the unfinished transfers in queue.ini as they are now, to come back
 * paused after a restart, for a tab that closes (which then stops them; a
 * download keeps its .part). */
void                 ferry_connection_tab_keep_transfers       (FerryConnectionTab *self);
/* The remote folder shown, or NULL. */
const char          *ferry_connection_tab_get_remote_path      (FerryConnectionTab *self);
/* Downloads the remote pane's selection / uploads the local pane's. */
void                 ferry_connection_tab_download_selection   (FerryConnectionTab *self);
void                 ferry_connection_tab_upload_selection     (FerryConnectionTab *self);
void                 ferry_connection_tab_set_log_visible      (FerryConnectionTab *self,
                                                                gboolean            visible);

/* Transfers saved before a restart for this tab's site come back into it,
 * paused, once it is connected (ferry-connection-tab-queue.c). */
void                 ferry_connection_tab_restore_transfers    (FerryConnectionTab *self);

G_END_DECLS
