/* ferry-window-sites.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window's saved sites and recent connections: the site menu (the
 * sites by folder, and Manage Sites…), the sites offered when no tab is open,
 * the site manager that Manage Sites and Save as Site present, and the recent
 * connections under the connect entry (GSettings, never a password).
 */
#define G_LOG_DOMAIN "ferry-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-prompt-handler.h"
#include "ferry-window-private.h"

#define MAX_RECENT 10

static void
site_manager_connect_site_cb (FerrySiteManager *manager,
                              FerrySite        *site,
                              FerryWindow      *self)
{
  ferry_window_connect_site (self, site);
}

static void
site_manager_prompt_cb (FerrySiteManager *manager,
                        FerryPrompt      *prompt,
                        FerryWindow      *self)
{
  ferry_prompt_handler_run (GTK_WINDOW (manager), prompt, NULL);
}

static FerrySiteManager *
ensure_site_manager (FerryWindow *self)
{
  if (self->site_manager != NULL)
    return self->site_manager;

  _ferry_window_ensure_site_store (self);
  if (self->site_store == NULL)
    return NULL;
  self->site_manager = ferry_site_manager_new (GTK_WINDOW (self), self->site_store);
  self->own_site_manager = TRUE;
  g_object_add_weak_pointer (G_OBJECT (self->site_manager), (gpointer *) &self->site_manager);
  g_signal_connect_object (self->site_manager, "connect-site",
                           G_CALLBACK (site_manager_connect_site_cb), self, 0);
  g_signal_connect_object (self->site_manager, "prompt", G_CALLBACK (site_manager_prompt_cb),
                           self, 0);
  return self->site_manager;
}

void
_ferry_window_show_sites (FerryWindow *self,
                          FerrySite   *site)
{
  FerrySiteManager *manager = ensure_site_manager (self);

  if (manager == NULL)
    return;
  if (site != NULL)
    ferry_site_manager_select_site (manager, site);
  gtk_window_present (GTK_WINDOW (manager));
}

void
_ferry_window_manage_sites_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  _ferry_window_show_sites (FERRY_WINDOW (widget), NULL);
}

void
_ferry_window_save_as_site_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->address_entry));
  FerryConnectionTab *tab = _ferry_window_current_tab (self);
  g_autoptr(FerryEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;
  FerrySiteManager *manager;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  const char *name = NULL;

  if (stripped[0] != '\0' || tab == NULL)
    {
      g_autoptr(FerryUrl) url = ferry_url_parse (text, &error);

      if (url == NULL)
        {
          _ferry_window_show_error (self, tab == NULL && stripped[0] == '\0'
                              ? _("Type the server’s address first, then save it as a site.")
                              : error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
          return;
        }
      endpoint = _ferry_window_endpoint_from_url (url);
    }
  else
    {
      endpoint = ferry_endpoint_copy (ferry_connection_tab_get_endpoint (tab));
      name = ferry_connection_tab_get_title (tab);
    }

  manager = ensure_site_manager (self);
  if (manager != NULL)
    ferry_site_manager_add_site_from_endpoint (manager, endpoint, name);
}

static char *
escape_mnemonic (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "_", "__", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
compare_sites (gconstpointer a,
               gconstpointer b)
{
  FerrySite *x = *(FerrySite **) a;
  FerrySite *y = *(FerrySite **) b;
  int folder = g_utf8_collate (ferry_site_get_folder (x), ferry_site_get_folder (y));

  return folder != 0 ? folder : g_utf8_collate (ferry_site_get_name (x),
                                                ferry_site_get_name (y));
}

static GMenu *
folder_menu (GHashTable *menus,
             GMenu      *root,
             const char *folder)
{
  GMenu *menu;
  g_autofree char *parent = NULL;
  const char *slash;
  g_autofree char *label = NULL;

  if (folder == NULL || folder[0] == '\0')
    return root;
  menu = g_hash_table_lookup (menus, folder);
  if (menu != NULL)
    return menu;

  slash = strrchr (folder, '/');
  parent = slash ? g_strndup (folder, slash - folder) : NULL;
  menu = g_menu_new ();
  g_hash_table_insert (menus, g_strdup (folder), menu);
  label = escape_mnemonic (slash ? slash + 1 : folder);
  g_menu_append_submenu (folder_menu (menus, root, parent), label, G_MENU_MODEL (menu));
  return menu;
}

void
_ferry_window_rebuild_sites (FerryWindow *self)
{
  g_autoptr(GHashTable) menus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       g_object_unref);
  g_autoptr(GMenu) folders = g_menu_new ();
  g_autoptr(GMenu) top = g_menu_new ();
  g_autoptr(GMenu) manage = g_menu_new ();
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = self->site_store ? g_list_model_get_n_items (G_LIST_MODEL (self->site_store)) : 0;

  g_clear_handle_id (&self->sites_idle, g_source_remove);
  for (guint i = 0; i < self->watched_sites->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched_sites, i), self);
  g_ptr_array_set_size (self->watched_sites, 0);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sites, g_list_model_get_item (G_LIST_MODEL (self->site_store), i));
  g_ptr_array_sort (sites, compare_sites);

  for (guint i = 0; i < sites->len; i++)
    {
      FerrySite *site = g_ptr_array_index (sites, i);
      const char *folder = ferry_site_get_folder (site);
      g_autofree char *label = escape_mnemonic (ferry_site_get_name (site));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);
      GMenu *menu = folder != NULL && folder[0] != '\0' ? folder_menu (menus, folders, folder)
                                                        : top;

      g_menu_item_set_action_and_target (item, "win.connect-site", "s", ferry_site_get_id (site));
      g_menu_append_item (menu, item);
      g_signal_connect_swapped (site, "notify", G_CALLBACK (_ferry_window_queue_rebuild_sites),
                                self);
      g_ptr_array_add (self->watched_sites, g_object_ref (site));
    }

  /* A new model, not the old one emptied: GtkPopoverMenu names its submenu
   * pages after their labels, and would see each folder twice. */
  g_clear_object (&self->sites_menu);
  self->sites_menu = g_menu_new ();
  if (g_menu_model_get_n_items (G_MENU_MODEL (folders)) > 0)
    g_menu_append_section (self->sites_menu, NULL, G_MENU_MODEL (folders));
  if (g_menu_model_get_n_items (G_MENU_MODEL (top)) > 0)
    g_menu_append_section (self->sites_menu, NULL, G_MENU_MODEL (top));
  if (n == 0)
    {
      g_autoptr(GMenuItem) none = g_menu_item_new (_("No Saved Sites"), "win.no-sites");

      g_menu_append_item (manage, none);
    }
  g_menu_append (manage, _("_Manage Sites…"), "win.manage-sites");
  g_menu_append_section (self->sites_menu, NULL, G_MENU_MODEL (manage));

  gtk_menu_button_set_menu_model (self->sites_button, G_MENU_MODEL (self->sites_menu));

  gtk_stack_set_visible_child_name (self->sites_stack, n > 0 ? "sites" : "no-sites");
}

static gboolean
rebuild_sites_idle_cb (gpointer data)
{
  FerryWindow *self = data;

  self->sites_idle = 0;
  _ferry_window_rebuild_sites (self);
  return G_SOURCE_REMOVE;
}

void
_ferry_window_queue_rebuild_sites (FerryWindow *self)
{
  if (self->sites_idle == 0)
    self->sites_idle = g_idle_add (rebuild_sites_idle_cb, self);
}

static void
site_row_update (GtkWidget *row)
{
  FerrySite *site = g_object_get_data (G_OBJECT (row), "ferry-site");
  const char *folder = ferry_site_get_folder (site);
  g_autofree char *address = ferry_site_dup_display_address (site);
  g_autofree char *subtitle = NULL;

  if (folder != NULL && folder[0] != '\0')
    /* Translators: a folder of sites, then an address. */
    subtitle = g_strdup_printf (_("%s · %s"), folder, address);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ferry_site_get_name (site));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : address);
}

static GtkWidget *
create_site_row (gpointer item,
                 gpointer user_data)
{
  FerrySite *site = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("network-server-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "ferry-site", g_object_ref (site), g_object_unref);
  site_row_update (row);
  g_signal_connect_object (site, "notify", G_CALLBACK (site_row_update), row,
                           G_CONNECT_SWAPPED);
  return row;
}

void
_ferry_window_sites_list_row_activated_cb (FerryWindow   *self,
                                           GtkListBoxRow *row)
{
  FerrySite *site = g_object_get_data (G_OBJECT (row), "ferry-site");

  if (site != NULL)
    ferry_window_connect_site (self, site);
}

static void
site_store_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(FerryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  if (!ferry_site_store_load_finish (FERRY_SITE_STORE (source), result, &problem, &error))
    _ferry_window_show_error (self, error->message);
  else if (problem != NULL)
    _ferry_window_show_error (self, problem);
}

void
_ferry_window_ensure_site_store (FerryWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerrySiteStore) store = NULL;

  if (self->site_store != NULL)
    return;
  store = ferry_site_store_new_default (&error);
  if (store == NULL)
    {
      _ferry_window_show_error (self, error->message);
      return;
    }
  ferry_window_set_site_store (self, store);
  ferry_site_store_load_async (store, NULL, site_store_loaded_cb, g_object_ref (self));
}

void
ferry_window_set_site_store (FerryWindow    *self,
                             FerrySiteStore *store)
{
  g_return_if_fail (FERRY_IS_WINDOW (self));

  if (self->site_store == store)
    return;
  if (self->site_store != NULL)
    g_signal_handlers_disconnect_by_data (self->site_store, self);
  g_set_object (&self->site_store, store);
  gtk_list_box_bind_model (self->sites_list, G_LIST_MODEL (store), create_site_row, self, NULL);
  if (store != NULL)
    g_signal_connect_swapped (store, "items-changed",
                              G_CALLBACK (_ferry_window_queue_rebuild_sites), self);
  _ferry_window_queue_rebuild_sites (self);
}

FerrySiteStore *
ferry_window_get_site_store (FerryWindow *self)
{
  g_return_val_if_fail (FERRY_IS_WINDOW (self), NULL);

  return self->site_store;
}

/* Someone else may hold a reference (app.quit does): the window is then
 * finalized later, when its transient parent may be gone. Forget it first. */
static void
destroy_window_now (GtkWindow *window)
{
  gtk_window_set_transient_for (window, NULL);
  gtk_window_destroy (window);
}

void
ferry_window_set_site_manager (FerryWindow      *self,
                               FerrySiteManager *manager)
{
  g_return_if_fail (FERRY_IS_WINDOW (self));

  if (self->site_manager != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->site_manager),
                                    (gpointer *) &self->site_manager);
      if (self->own_site_manager)
        {
          g_signal_handlers_disconnect_by_data (self->site_manager, self);
          destroy_window_now (GTK_WINDOW (self->site_manager));
        }
    }
  self->site_manager = manager;
  self->own_site_manager = FALSE;
  if (manager != NULL)
    g_object_add_weak_pointer (G_OBJECT (manager), (gpointer *) &self->site_manager);
}

void
_ferry_window_destroy_site_manager (FerryWindow *self)
{
  FerrySiteManager *manager = self->site_manager;

  /* Ours, or the application's for this window: it goes with the window,
   * while the window still exists (not later, when its transient parent
   * would be gone). */
  if (manager != NULL && !self->own_site_manager
      && gtk_window_get_transient_for (GTK_WINDOW (manager)) == GTK_WINDOW (self))
    {
      ferry_window_set_site_manager (self, NULL);
      destroy_window_now (GTK_WINDOW (manager));
      return;
    }
  ferry_window_set_site_manager (self, NULL);
}

/* ---- recent connections ---- */

void
_ferry_window_rebuild_recent (FerryWindow *self)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GMenu) items = g_menu_new ();
  g_autoptr(GMenu) actions = g_menu_new ();

  g_menu_remove_all (self->recent_menu);
  if (self->settings != NULL)
    recent = g_settings_get_strv (self->settings, "recent-connections");
  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      g_autofree char *label = escape_mnemonic (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.connect-address", "s", recent[i]);
      g_menu_append_item (items, item);
    }
  if (recent == NULL || recent[0] == NULL)
    g_menu_append (items, _("No Recent Connections"), "win.no-recent");
  g_menu_append_section (self->recent_menu, _("Recent Connections"), G_MENU_MODEL (items));

  g_menu_append (actions, _("_Save as Site…"), "win.save-as-site");
  if (recent != NULL && recent[0] != NULL)
    g_menu_append (actions, _("_Clear Recent Connections"), "win.clear-recent");
  g_menu_append_section (self->recent_menu, NULL, G_MENU_MODEL (actions));
}

void
_ferry_window_clear_recent_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);

  if (self->settings != NULL)
    g_settings_reset (self->settings, "recent-connections");
}

void
_ferry_window_remember_recent (FerryWindow *self,
                               const char  *url)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) recent = NULL;
  guint count = 1;

  if (self->settings == NULL || url == NULL)
    return;
  old = g_settings_get_strv (self->settings, "recent-connections");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, url);
  for (guint i = 0; old[i] != NULL && count < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], url) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        count++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-connections", (const char *const *) recent);
}

