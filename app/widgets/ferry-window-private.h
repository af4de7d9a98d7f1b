/* ferry-window-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What ferry-window.c and ferry-window-sites.c share.
 */
#pragma once

#include "ferry-connection-tab.h"
#include "ferry-security-indicator.h"
#include "ferry-url.h"
#include "ferry-window.h"

G_BEGIN_DECLS

struct _FerryWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  FerrySiteStore *site_store;
  FerrySiteManager *site_manager;
  gboolean own_site_manager;
  FerryKnownServers *known;
  GMenu *sites_menu;
  GMenu *recent_menu;
  GPtrArray *watched_sites;
  guint sites_idle;
  gboolean close_confirmed;   /* the person agreed to stop running transfers */
  FerryConnectionTab *bound_tab;
  gboolean entry_shows_tab;   /* the address entry holds the current tab's URL, untouched */
  gboolean setting_entry;     /* the window, not the person, changes the entry's text */

  /* Template children */
  GtkMenuButton *sites_button;
  GtkButton *cancel_button;
  GtkButton *disconnect_button;
  GtkButton *reconnect_button;
  GtkEntry *address_entry;
  GtkMenuButton *recent_button;
  GtkButton *connect_button;
  FerrySecurityIndicator *security_indicator;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  AdwTabBar *tab_bar;
  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  AdwStatusPage *empty_page;
  GtkStack *sites_stack;
  GtkListBox *sites_list;
  AdwTabView *tab_view;
};

/* ferry-window.c */
void                _ferry_window_show_error                  (FerryWindow    *self,
                                                               const char     *message);
FerryConnectionTab *_ferry_window_current_tab                 (FerryWindow    *self);
/* ferry-window-queue.c: transfers saved before a restart. */
void                _ferry_window_queue_load                  (FerryWindow    *self);
void                _ferry_window_restore_transfers_action    (GtkWidget      *widget,
                                                               const char     *action_name,
                                                               GVariant       *parameter);
FerryEndpoint      *_ferry_window_endpoint_from_url           (const FerryUrl *url);

/* ferry-window-sites.c: saved sites, the site manager, recent connections */
void                _ferry_window_ensure_site_store           (FerryWindow    *self);
void                _ferry_window_rebuild_sites               (FerryWindow    *self);
void                _ferry_window_queue_rebuild_sites         (FerryWindow    *self);
void                _ferry_window_show_sites                  (FerryWindow    *self,
                                                               FerrySite      *site);
void                _ferry_window_destroy_site_manager        (FerryWindow    *self);
void                _ferry_window_rebuild_recent              (FerryWindow    *self);
void                _ferry_window_remember_recent             (FerryWindow    *self,
                                                               const char     *url);
void                _ferry_window_sites_list_row_activated_cb (FerryWindow    *self,
                                                               GtkListBoxRow  *row);
void                _ferry_window_manage_sites_action         (GtkWidget      *widget,
                                                               const char     *action_name,
                                                               GVariant       *parameter);
void                _ferry_window_save_as_site_action         (GtkWidget      *widget,
                                                               const char     *action_name,
                                                               GVariant       *parameter);
void                _ferry_window_clear_recent_action         (GtkWidget      *widget,
                                                               const char     *action_name,
                                                               GVariant       *parameter);

G_END_DECLS
