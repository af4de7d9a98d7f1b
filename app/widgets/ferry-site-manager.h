/* ferry-site-manager.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ferry-endpoint.h"
#include "ferry-prompt.h"
#include "ferry-site-store.h"

G_BEGIN_DECLS

#define FERRY_TYPE_SITE_MANAGER (ferry_site_manager_get_type ())

G_DECLARE_FINAL_TYPE (FerrySiteManager, ferry_site_manager, FERRY, SITE_MANAGER, AdwWindow)

/**
 * FerrySiteManager:
 * The site manager: the saved sites of a FerrySiteStore in folders, with a
 * search entry, on the left; the selected site's FerrySiteEditor on the
 * right (stacked with an AdwLeaflet when the window is narrow). Add,
 * duplicate, rename, move to a folder, delete (with an undo toast: the site
 * is deleted, password included, when the toast goes away), folders (new,
 * rename, delete when empty), and importing FileZilla's sitemanager.xml.
 * Every edit is saved to the store (sites.ini) at once; passwords go to the
 * keyring only.
 *
 * The application keeps one site manager (ferry_application_get_site_manager()
 * in app/ferry-application.h): connect to its signals there.
 *
 * Signals:
 *
 * - "connect-site" (FerrySiteManager *self, FerrySite *site, gpointer user_data)
 *   The person pressed Connect for @site (owned by the store; take a
 *   reference to keep it). The password is in the keyring under the site's
 *   id (ferry_keyring_lookup_async), or must be asked for (logon type ASK, or
 *   none saved). When a handler is connected the manager closes after
 *   emitting; without one it says that connecting needs the main window.
 *
 * - "prompt" (FerrySiteManager *self, FerryPrompt *prompt, gpointer user_data)
 *   A question from Test Connection, as FerrySession's "prompt": an untrusted
 *   or changed certificate. Answer it with ferry_prompt_respond(), now or
 *   later (keep a reference). When no handler is connected the manager
 *   rejects it and the test results say that the certificate could not be
 *   reviewed.
 */
FerrySiteManager *ferry_site_manager_new                   (GtkWindow           *parent,
                                                            FerrySiteStore      *store);
FerrySiteStore   *ferry_site_manager_get_store             (FerrySiteManager    *self);
/* Shows @site in the editor (and its folder opened in the list). */
void              ferry_site_manager_select_site           (FerrySiteManager    *self,
                                                            FerrySite           *site);
/* (transfer none) (nullable): the site shown in the editor. */
FerrySite        *ferry_site_manager_get_selected_site     (FerrySiteManager    *self);
/**
 * ferry_site_manager_add_site_from_endpoint:
 * @endpoint: where and how to connect (from the main window's connect entry)
 * @name: (nullable): the site's name; NULL: the host name
 *
 * "Save as Site": creates a site with the endpoint's host, port, user and
 * security settings, saves it, selects it for editing and presents the
 * manager. The password is not part of an endpoint: the person types it in
 * the editor (it goes to the keyring).
 *
 * Returns: (transfer none): the new site
 */
FerrySite        *ferry_site_manager_add_site_from_endpoint (FerrySiteManager    *self,
                                                            const FerryEndpoint *endpoint,
                                                            const char          *name);
/* Shows @message (what went wrong reading sites.ini, as the store said it)
 * above the list; NULL hides it. */
void              ferry_site_manager_set_problem           (FerrySiteManager    *self,
                                                            const char          *message);
/* Tests: where the editor reads detected modes and the test keeps pins. */
void              ferry_site_manager_set_known_servers     (FerrySiteManager    *self,
                                                            FerryKnownServers   *known_servers);

G_END_DECLS
