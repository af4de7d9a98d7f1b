/* ferry-site-manager-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the parts of FerrySiteManager: ferry-site-manager.c (the window,
 * selection, saving and the public API), ferry-site-manager-actions.c (the
 * actions on sites and folders), ferry-site-manager-list.c (the list of
 * folders and sites) and ferry-site-manager-dialogs.c (name, move and import
 * dialogs).
 */
#pragma once

#include "ferry-import-report.h"
#include "ferry-site-editor.h"
#include "ferry-site-manager.h"

G_BEGIN_DECLS

/* One row of the list: a folder, or a site. */
#define FERRY_TYPE_SITE_NODE (ferry_site_node_get_type ())

G_DECLARE_FINAL_TYPE (FerrySiteNode, ferry_site_node, FERRY, SITE_NODE, GObject)

struct _FerrySiteNode
{
  GObject parent_instance;

  FerrySite *site;     /* NULL for a folder */
  char *folder;        /* the folder's path, or the site's folder */
  char *title;
  char *subtitle;      /* nullable */
  guint depth;
  gboolean expanded;   /* folders */
  guint n_sites;       /* folders: sites inside, subfolders included */
};

struct _FerrySiteManager
{
  AdwWindow parent_instance;

  FerrySiteStore *store;
  GListStore *nodes;              /* FerrySiteNode: what the list shows */
  GHashTable *collapsed;          /* folder paths the person closed */
  GHashTable *pending_deletes;    /* FerrySite → itself: hidden, deleted when the toast goes */
  GHashTable *watched;            /* FerrySite → itself: sites whose changes rebuild the list */
  char *selected_key;             /* "site:ID" or "folder:PATH": what to select after a rebuild */
  gboolean rebuilding;
  guint rebuild_source;
  guint save_source;
  gboolean saving;
  gboolean save_again;
  char *last_save_error;
  GtkFileChooserNative *import_chooser;
  GCancellable *import_cancellable;
  GtkPopoverMenu *context_menu;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  AdwWindowTitle *sidebar_title;
  AdwClamp *sidebar_clamp;
  GtkSearchEntry *search_entry;
  GtkRevealer *problem_revealer;
  GtkLabel *problem_label;
  GtkStack *list_stack;
  GtkListBox *site_list;
  AdwStatusPage *no_results_page;
  GtkBox *content_box;
  AdwWindowTitle *content_title;
  GtkMenuButton *site_menu_button;
  GtkStack *content_stack;
  FerrySiteEditor *editor;
  AdwStatusPage *folder_page;
  GtkButton *delete_folder_button;
  GMenuModel *site_menu;
  GMenuModel *folder_menu;
};

/* ferry-site-manager.c */
FerrySiteNode *_ferry_site_manager_get_selected_node (FerrySiteManager *self);
void           _ferry_site_manager_show_node         (FerrySiteManager *self,
                                                      FerrySiteNode    *node);
void           _ferry_site_manager_schedule_save     (FerrySiteManager *self,
                                                      gboolean          now);
void           _ferry_site_manager_toast             (FerrySiteManager *self,
                                                      const char       *message);
/* The folder new sites and folders go into: the selected folder, or the
 * selected site's folder. */
char          *_ferry_site_manager_dup_context_folder (FerrySiteManager *self);
void           _ferry_site_manager_select_key        (FerrySiteManager *self,
                                                      const char       *key);

void           _ferry_site_manager_show_error        (FerrySiteManager *self,
                                                      const char       *heading,
                                                      const char       *message);
/* Opens @folder and its parents in the list. */
void           _ferry_site_manager_open_folder       (FerrySiteManager *self,
                                                      const char       *folder);

/* ferry-site-manager-actions.c */
void           _ferry_site_manager_class_install_actions (GtkWidgetClass *widget_class);
/* @base, or "@base 2", … : a name no other site in @folder has. */
char          *_ferry_site_manager_unique_name       (FerrySiteManager *self,
                                                      const char       *folder,
                                                      const char       *base);
/* Adds @site to the store, saves, and opens it in the editor. */
void           _ferry_site_manager_add_and_edit      (FerrySiteManager *self,
                                                      FerrySite        *site);
/* Deletes now what waits for its toast (the window closes). */
void           _ferry_site_manager_commit_all_deletes (FerrySiteManager *self);

/* ferry-site-manager-list.c */
void           _ferry_site_manager_list_init         (FerrySiteManager *self);
void           _ferry_site_manager_list_dispose      (FerrySiteManager *self);
/* Rebuilds the list now / soon (coalesced), keeping the selection. */
void           _ferry_site_manager_rebuild           (FerrySiteManager *self);
void           _ferry_site_manager_queue_rebuild     (FerrySiteManager *self);
char          *_ferry_site_node_dup_key              (FerrySiteNode    *node);
char          *_ferry_site_key_for_site              (FerrySite        *site);
char          *_ferry_site_key_for_folder            (const char       *path);
/* The last segment of a folder path. */
const char    *_ferry_folder_path_basename           (const char       *path);
char          *_ferry_folder_path_dup_parent         (const char       *path);

/* ferry-site-manager-dialogs.c */
typedef void (*FerryNameCallback) (FerrySiteManager *self,
                                   const char       *name,
                                   gpointer          user_data);
void           _ferry_site_manager_ask_name          (FerrySiteManager *self,
                                                      const char       *heading,
                                                      const char       *body,
                                                      const char       *initial,
                                                      const char       *accept_label,
                                                      gboolean          folder_name,
                                                      FerryNameCallback callback,
                                                      gpointer          user_data,
                                                      GDestroyNotify    destroy);
void           _ferry_site_manager_ask_move          (FerrySiteManager *self,
                                                      FerrySite        *site);
void           _ferry_site_manager_import            (FerrySiteManager *self);
void           _ferry_site_manager_show_import_report (FerrySiteManager  *self,
                                                       FerryImportReport *report);

G_END_DECLS
