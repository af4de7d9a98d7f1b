/* ferry-application.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ferry-site-manager.h"
#include "ferry-site-store.h"

G_BEGIN_DECLS

#define FERRY_TYPE_APPLICATION (ferry_application_get_type ())

G_DECLARE_FINAL_TYPE (FerryApplication, ferry_application, FERRY, APPLICATION, AdwApplication)

FerryApplication *ferry_application_new              (void);

/* The one FerrySiteStore of the application ($XDG_CONFIG_HOME/ferry/sites.ini),
 * loading asynchronously since startup; never NULL. When sites.ini cannot be
 * read (or was broken and moved aside), the person is told with the store's
 * message, over the main window and in the site manager. */
FerrySiteStore   *ferry_application_get_site_store   (FerryApplication *self);

/* The one FerrySiteManager (created on first use, transient for the main
 * window and going with it; closing it only hides it). The application
 * hands it to the main window (ferry_window_set_site_manager) and routes
 * its signals: "connect-site" to ferry_window_connect_site() of the main
 * window, "prompt" to ferry_prompt_handler_run(). app.sites (Ctrl+Shift+S)
 * presents it; app.preferences (Ctrl+comma) opens FerryPreferencesWindow. */
FerrySiteManager *ferry_application_get_site_manager (FerryApplication *self);

G_END_DECLS
