/* ferry-site-manager-actions.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The site manager's actions on sites and folders: add, duplicate, rename,
 * move, delete (with undo: the site is hidden and deleted when its toast
 * goes), new folder, rename folder, delete an empty folder (with undo), and
 * their keyboard shortcuts.
 */
#define G_LOG_DOMAIN "ferry-site-manager"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-keyring.h"
#include "ferry-site-manager-private.h"

/* Site actions ---------------------------------------------------------------------- */

char *
_ferry_site_manager_unique_name (FerrySiteManager *self,
                                 const char       *folder,
                                 const char       *base)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);

  for (guint attempt = 1; attempt < 1000; attempt++)
    {
      g_autofree char *name = attempt == 1 ? g_strdup (base)
                                           : g_strdup_printf ("%s %u", base, attempt);
      gboolean taken = FALSE;

      for (guint i = 0; i < n && !taken; i++)
        {
          g_autoptr(FerrySite) site = g_list_model_get_item (model, i);

          taken = g_strcmp0 (ferry_site_get_folder (site), folder) == 0
                  && g_strcmp0 (ferry_site_get_name (site), name) == 0;
        }
      if (!taken)
        return g_steal_pointer (&name);
    }
  return g_strdup (base);
}

/* Adds @site to the store, saves, and opens it in the editor. */
void
_ferry_site_manager_add_and_edit (FerrySiteManager *self,
                                  FerrySite        *site)
{
  ferry_site_store_add (self->store, site);
  _ferry_site_manager_schedule_save (self, TRUE);
  ferry_site_manager_select_site (self, site);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_box));
  ferry_site_editor_focus_first_field (self->editor);
}

static void
ferry_site_manager_add (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (widget);
  g_autoptr(FerrySite) site = ferry_site_new ();
  g_autofree char *folder = _ferry_site_manager_dup_context_folder (self);
  g_autofree char *name = _ferry_site_manager_unique_name (self, folder, _("New Site"));

  ferry_site_set_name (site, name);
  ferry_site_set_folder (site, folder);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  _ferry_site_manager_add_and_edit (self, site);
}

static void
copy_password_stored_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(FerrySite) site = user_data;
  g_autoptr(GError) error = NULL;

  if (!ferry_keyring_store_finish (result, &error))
    g_message ("The password of the copy “%s” was not saved: %s", ferry_site_get_name (site),
               error->message);
}

static void
copy_password_found_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(FerrySite) copy = user_data;
  g_autoptr(GError) error = NULL;
  char *password = ferry_keyring_lookup_finish (result, &error);

  if (password == NULL)
    return;   /* none saved, or no keyring: the copy asks, as the original */
  ferry_keyring_store_async (copy, password, 0, NULL, copy_password_stored_cb,
                             g_object_ref (copy));
  ferry_keyring_password_free (password);
}

static void
ferry_site_manager_duplicate (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (widget);
  FerrySite *site = ferry_site_editor_get_site (self->editor);
  g_autoptr(FerrySite) copy = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (site == NULL)
    return;
  ferry_site_editor_commit_password (self->editor);
  copy = ferry_site_duplicate (site);
  /* Translators: the name of a copy of the site %s. */
  base = g_strdup_printf (_("%s (Copy)"), ferry_site_get_name (site));
  name = _ferry_site_manager_unique_name (self, ferry_site_get_folder (site), base);
  ferry_site_set_name (copy, name);
  if (ferry_site_get_logon_type (site) == FERRY_LOGON_NORMAL)
    ferry_keyring_lookup_async (ferry_site_get_id (site), 0, NULL, copy_password_found_cb,
                                g_object_ref (copy));
  _ferry_site_manager_add_and_edit (self, copy);
}

static void
rename_site_cb (FerrySiteManager *self,
                const char       *name,
                gpointer          user_data)
{
  FerrySite *site = user_data;

  ferry_site_set_name (site, name);
  _ferry_site_manager_schedule_save (self, TRUE);
  ferry_site_manager_select_site (self, site);
}

static void
ferry_site_manager_rename (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (widget);
  FerrySite *site = ferry_site_editor_get_site (self->editor);

  if (site == NULL)
    return;
  _ferry_site_manager_ask_name (self, _("Rename Site"), NULL, ferry_site_get_name (site),
                                _("_Rename"), FALSE, rename_site_cb, g_object_ref (site),
                                g_object_unref);
}

static void
ferry_site_manager_move (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (widget);
  FerrySite *site = ferry_site_editor_get_site (self->editor);

  if (site != NULL)
    _ferry_site_manager_ask_move (self, site);
}

/* Deleting, with undo ------------------------------------------------------------ */

static void
delete_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(FerrySiteManager) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);
  if (ferry_site_store_delete_finish (FERRY_SITE_STORE (source), result, &error))
    return;
  if (self != NULL)
    _ferry_site_manager_show_error (self, _("The Site Was Not Deleted Completely"), error->message);
  else
    g_message ("%s", error->message);
}

static void
commit_delete (FerrySiteManager *self,
               FerrySite        *site)
{
  GWeakRef *weak;
  gpointer key;

  if (!g_hash_table_steal_extended (self->pending_deletes, site, &key, NULL))
    return;   /* undone, or already deleted */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  ferry_site_store_delete_async (self->store, site, NULL, delete_done_cb, weak);
  g_object_unref (key);
}

void
_ferry_site_manager_commit_all_deletes (FerrySiteManager *self)
{
  g_autoptr(GList) sites = g_hash_table_get_keys (self->pending_deletes);

  for (GList *l = sites; l != NULL; l = l->next)
    commit_delete (self, l->data);
}

static void
delete_toast_dismissed_cb (AdwToast         *toast,
                           FerrySiteManager *self)
{
  commit_delete (self, g_object_get_data (G_OBJECT (toast), "ferry-site"));
}

static void
delete_toast_undo_cb (AdwToast         *toast,
                      FerrySiteManager *self)
{
  FerrySite *site = g_object_get_data (G_OBJECT (toast), "ferry-site");

  if (g_hash_table_remove (self->pending_deletes, site))
    ferry_site_manager_select_site (self, site);
}

static void
delete_site (FerrySiteManager *self,
             FerrySite        *site)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  ferry_site_editor_commit_password (self->editor);
  g_hash_table_add (self->pending_deletes, g_object_ref (site));
  _ferry_site_manager_show_node (self, NULL);
  _ferry_site_manager_rebuild (self);

  /* Translators: %s is a site's name. */
  title = g_strdup_printf (_("“%s” deleted"), ferry_site_get_name (site));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "ferry-site", g_object_ref (site), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (delete_toast_undo_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (delete_toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void delete_folder (FerrySiteManager *self,
                           FerrySiteNode    *node);

static void
ferry_site_manager_delete (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (widget);
  FerrySiteNode *node = _ferry_site_manager_get_selected_node (self);
  FerrySite *site = ferry_site_editor_get_site (self->editor);

  if (site != NULL)
    delete_site (self, site);
  else if (node != NULL && node->site == NULL)
    delete_folder (self, node);
}

/* Folder actions --------------------------------------------------------------------- */

static void
new_folder_cb (FerrySiteManager *self,
               const char       *name,
               gpointer          user_data)
{
  const char *parent = user_data;
  g_autofree char *path = ferry_folder_path_join (parent, name);
  g_auto(GStrv) folders = ferry_site_store_dup_folders (self->store);
  g_autofree char *key = NULL;

  if (g_strv_contains ((const char * const *) folders, path))
    {
      g_autofree char *text = g_strdup_printf (_("There is already a folder “%s”."), path);

      _ferry_site_manager_toast (self, text);
    }
  else
    {
      ferry_site_store_add_folder (self->store, path);
      _ferry_site_manager_schedule_save (self, TRUE);
    }
  _ferry_site_manager_open_folder (self, parent);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  key = _ferry_site_key_for_folder (path);
  _ferry_site_manager_select_key (self, key);
}

static void
ferry_site_manager_new_folder (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (widget);
  char *parent = _ferry_site_manager_dup_context_folder (self);
  g_autofree char *body = NULL;

  if (parent[0] != '\0')
    /* Translators: %s is the folder the new folder goes into. */
    body = g_strdup_printf (_("The new folder goes inside “%s”."), parent);
  _ferry_site_manager_ask_name (self, _("New Folder"), body, "", _("_Create"), TRUE,
                                new_folder_cb, parent, g_free);
}

static void
rename_folder_cb (FerrySiteManager *self,
                  const char       *name,
                  gpointer          user_data)
{
  const char *old_path = user_data;
  g_autofree char *parent = _ferry_folder_path_dup_parent (old_path);
  g_autofree char *new_path = ferry_folder_path_join (parent, name);
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (old_path, new_path) == 0)
    return;
  if (!ferry_site_store_rename_folder (self->store, old_path, new_path, &error))
    {
      _ferry_site_manager_show_error (self, _("The Folder Was Not Renamed"), error->message);
      return;
    }
  if (g_hash_table_remove (self->collapsed, old_path))
    g_hash_table_add (self->collapsed, g_strdup (new_path));
  _ferry_site_manager_schedule_save (self, TRUE);
  key = _ferry_site_key_for_folder (new_path);
  _ferry_site_manager_select_key (self, key);
}

static void
ferry_site_manager_rename_folder (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (widget);
  FerrySiteNode *node = _ferry_site_manager_get_selected_node (self);

  if (node == NULL || node->site != NULL)
    return;
  _ferry_site_manager_ask_name (self, _("Rename Folder"), NULL,
                                _ferry_folder_path_basename (node->folder), _("_Rename"), TRUE,
                                rename_folder_cb, g_strdup (node->folder), g_free);
}

static void
undo_folder_delete_cb (AdwToast         *toast,
                       FerrySiteManager *self)
{
  const char * const *folders = g_object_get_data (G_OBJECT (toast), "ferry-folders");
  g_autofree char *key = NULL;

  for (guint i = 0; folders[i] != NULL; i++)
    ferry_site_store_add_folder (self->store, folders[i]);
  _ferry_site_manager_schedule_save (self, TRUE);
  key = _ferry_site_key_for_folder (folders[0]);
  _ferry_site_manager_select_key (self, key);
}

static void
delete_folder (FerrySiteManager *self,
               FerrySiteNode    *node)
{
  g_auto(GStrv) all = ferry_site_store_dup_folders (self->store);
  g_autoptr(GStrvBuilder) removed = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (node->folder);
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* The folder first: undo selects it again. */
  g_strv_builder_add (removed, path);
  for (guint i = 0; all[i] != NULL; i++)
    if (g_strcmp0 (all[i], path) != 0 && ferry_folder_path_has_prefix (all[i], path))
      g_strv_builder_add (removed, all[i]);

  if (!ferry_site_store_remove_folder (self->store, path, &error))
    {
      _ferry_site_manager_show_error (self, _("The Folder Was Not Deleted"), error->message);
      return;
    }
  _ferry_site_manager_schedule_save (self, TRUE);
  _ferry_site_manager_show_node (self, NULL);
  _ferry_site_manager_rebuild (self);

  /* Translators: %s is a folder's name. */
  title = g_strdup_printf (_("Folder “%s” deleted"), _ferry_folder_path_basename (path));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "ferry-folders", g_strv_builder_end (removed),
                          (GDestroyNotify) g_strfreev);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_folder_delete_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
ferry_site_manager_delete_folder (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (widget);
  FerrySiteNode *node = _ferry_site_manager_get_selected_node (self);

  if (node != NULL && node->site == NULL)
    delete_folder (self, node);
}

/* Other actions ------------------------------------------------------------------- */

static void
ferry_site_manager_import_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  _ferry_site_manager_import (FERRY_SITE_MANAGER (widget));
}

static void
ferry_site_manager_search (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
ferry_site_manager_back (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
ferry_site_manager_dismiss_problem (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (widget);

  gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
}

void
_ferry_site_manager_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sites.add", NULL, ferry_site_manager_add);
  gtk_widget_class_install_action (widget_class, "sites.duplicate", NULL,
                                   ferry_site_manager_duplicate);
  gtk_widget_class_install_action (widget_class, "sites.rename", NULL, ferry_site_manager_rename);
  gtk_widget_class_install_action (widget_class, "sites.move", NULL, ferry_site_manager_move);
  gtk_widget_class_install_action (widget_class, "sites.delete", NULL, ferry_site_manager_delete);
  gtk_widget_class_install_action (widget_class, "sites.new-folder", NULL,
                                   ferry_site_manager_new_folder);
  gtk_widget_class_install_action (widget_class, "sites.rename-folder", NULL,
                                   ferry_site_manager_rename_folder);
  gtk_widget_class_install_action (widget_class, "sites.delete-folder", NULL,
                                   ferry_site_manager_delete_folder);
  gtk_widget_class_install_action (widget_class, "sites.import", NULL,
                                   ferry_site_manager_import_action);
  gtk_widget_class_install_action (widget_class, "sites.search", NULL, ferry_site_manager_search);
  gtk_widget_class_install_action (widget_class, "sites.back", NULL, ferry_site_manager_back);
  gtk_widget_class_install_action (widget_class, "sites.dismiss-problem", NULL,
                                   ferry_site_manager_dismiss_problem);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "sites.add",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "sites.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "sites.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "sites.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "sites.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}
