/* ferry-window.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ferry-site-manager.h"
#include "ferry-site-store.h"
#include "ferry-url.h"

G_BEGIN_DECLS

#define FERRY_TYPE_WINDOW (ferry_window_get_type ())

G_DECLARE_FINAL_TYPE (FerryWindow, ferry_window, FERRY, WINDOW, AdwApplicationWindow)

FerryWindow    *ferry_window_new              (GtkApplication *application);

/* The sites the window offers (site menu, empty state). Without one, the
 * window loads the default store ($XDG_CONFIG_HOME/ferry/sites.ini) itself
 * when it is first shown. */
void            ferry_window_set_site_store   (FerryWindow    *self,
                                               FerrySiteStore *store);
FerrySiteStore *ferry_window_get_site_store   (FerryWindow    *self);
/* The site manager that "Manage Sites…" and "Save as Site" present. Whoever
 * owns @manager routes its "connect-site" signal to
 * ferry_window_connect_site() and its "prompt" signal to
 * ferry_prompt_handler_run(). A manager transient for the window is
 * destroyed with it. Without one, the window makes its own and connects
 * both. */
void            ferry_window_set_site_manager (FerryWindow      *self,
                                               FerrySiteManager *manager);

/* Selects the tab whose transfer notifications have @notification_id, shows
 * its transfers and presents the window; FALSE when no tab has it. */
gboolean        ferry_window_show_transfers   (FerryWindow *self,
                                               const char  *notification_id);

/* Opens a tab that connects to @site. */
void            ferry_window_connect_site     (FerryWindow *self,
                                               FerrySite   *site);
/* Opens a tab that connects to @address (what the connect entry takes: a
 * host, user@host:port, ftp://, ftps:// or ftpes:// URL, or the name of a
 * saved site). FALSE with the reason when it cannot be parsed. */
gboolean        ferry_window_open_address     (FerryWindow *self,
                                               const char  *address,
                                               GError     **error);
/* Opens a tab for @url (a link given to the application): with @site's
 * settings and keyring password when @site is given, else with what @url
 * names. @password: (nullable): for this connection only, never saved. */
void            ferry_window_open_url         (FerryWindow    *self,
                                               const FerryUrl *url,
                                               FerrySite      *site,
                                               const char     *password);

G_END_DECLS
