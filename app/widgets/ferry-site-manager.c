/* ferry-site-manager.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The site manager window: selection, the actions on sites and folders,
 * deleting with undo, and saving. Every change is saved to the store (a
 * short debounce while typing); the list is in ferry-site-manager-list.c,
 * the dialogs in ferry-site-manager-dialogs.c.
 */
#define G_LOG_DOMAIN "ferry-site-manager"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-keyring.h"
#include "ferry-site-manager-private.h"

/* Typing in the editor saves this long after the last key. */
#define SAVE_DELAY_MS 400

G_DEFINE_FINAL_TYPE (FerrySiteManager, ferry_site_manager, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_CONNECT_SITE,
  SIGNAL_PROMPT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Messages ------------------------------------------------------------------- */

void
_ferry_site_manager_toast (FerrySiteManager *self,
                           const char       *message)
{
  AdwToast *toast;

  if (self->toast_overlay == NULL)
    return;
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_ferry_site_manager_show_error (FerrySiteManager *self,
                                const char       *heading,
                                const char       *message)
{
  AdwMessageDialog *dialog;

  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      /* Closed meanwhile: nobody to show it to but the log. */
      g_message ("%s: %s", heading, message);
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Saving ----------------------------------------------------------------------- */

static void start_save (FerrySiteManager *self);

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FerrySiteManager) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  if (!ferry_site_store_save_finish (FERRY_SITE_STORE (source), result, &error))
    {
      /* Say it once, not on every key while the problem lasts. */
      if (g_strcmp0 (self->last_save_error, error->message) != 0)
        _ferry_site_manager_show_error (self, _("Your Sites Could Not Be Saved"), error->message);
      g_free (self->last_save_error);
      self->last_save_error = g_strdup (error->message);
    }
  else
    g_clear_pointer (&self->last_save_error, g_free);

  if (self->save_again)
    {
      self->save_again = FALSE;
      start_save (self);
    }
}

static void
start_save (FerrySiteManager *self)
{
  if (self->saving)
    {
      self->save_again = TRUE;
      return;
    }
  self->saving = TRUE;
  ferry_site_store_save_async (self->store, NULL, save_done_cb, g_object_ref (self));
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  FerrySiteManager *self = user_data;

  self->save_source = 0;
  start_save (self);
  return G_SOURCE_REMOVE;
}

void
_ferry_site_manager_schedule_save (FerrySiteManager *self,
                                   gboolean          now)
{
  if (now)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      start_save (self);
    }
  else if (self->save_source == 0)
    self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
flush_save (FerrySiteManager *self)
{
  if (self->save_source != 0 || ferry_site_store_has_unsaved_changes (self->store))
    _ferry_site_manager_schedule_save (self, TRUE);
}

/* Selection -------------------------------------------------------------------- */

FerrySiteNode *
_ferry_site_manager_get_selected_node (FerrySiteManager *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->site_list);

  return row ? g_object_get_data (G_OBJECT (row), "ferry-node") : NULL;
}

static void
update_actions (FerrySiteManager *self,
                FerrySiteNode    *node)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean site = node != NULL && node->site != NULL;
  gboolean folder = node != NULL && node->site == NULL;

  gtk_widget_action_set_enabled (widget, "sites.duplicate", site);
  gtk_widget_action_set_enabled (widget, "sites.rename", site);
  gtk_widget_action_set_enabled (widget, "sites.move", site);
  gtk_widget_action_set_enabled (widget, "sites.delete", site || (folder && node->n_sites == 0));
  gtk_widget_action_set_enabled (widget, "sites.rename-folder", folder);
  gtk_widget_action_set_enabled (widget, "sites.delete-folder", folder && node->n_sites == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->site_menu_button), site || folder);
  gtk_menu_button_set_menu_model (self->site_menu_button,
                                  folder ? self->folder_menu : self->site_menu);
}

void
_ferry_site_manager_show_node (FerrySiteManager *self,
                               FerrySiteNode    *node)
{
  g_free (self->selected_key);
  self->selected_key = node ? _ferry_site_node_dup_key (node) : NULL;
  update_actions (self, node);

  if (node == NULL)
    {
      ferry_site_editor_set_site (self->editor, NULL);
      adw_window_title_set_title (self->content_title, "");
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      return;
    }

  if (node->site != NULL)
    {
      ferry_site_editor_set_site (self->editor, node->site);
      adw_window_title_set_title (self->content_title, _("Site"));
      gtk_stack_set_visible_child_name (self->content_stack, "editor");
      return;
    }

  ferry_site_editor_set_site (self->editor, NULL);
  adw_window_title_set_title (self->content_title, _("Folder"));
  adw_status_page_set_title (self->folder_page, node->title);
  if (node->n_sites == 0)
    adw_status_page_set_description (self->folder_page,
                                     _("This folder is empty. You can delete it, or add a "
                                       "site or move sites into it."));
  else
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u site in this folder. Move or delete "
                                      "it to delete the folder.",
                                      "%u sites in this folder. Move or delete them to delete "
                                      "the folder.", node->n_sites),
                         node->n_sites);

      adw_status_page_set_description (self->folder_page, text);
    }
  gtk_stack_set_visible_child_name (self->content_stack, "folder");
}

void
_ferry_site_manager_select_key (FerrySiteManager *self,
                                const char       *key)
{
  FerrySiteNode *node;

  g_free (self->selected_key);
  self->selected_key = g_strdup (key);
  _ferry_site_manager_rebuild (self);
  node = _ferry_site_manager_get_selected_node (self);
  if (node != NULL)
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->site_list);

      _ferry_site_manager_show_node (self, node);
      /* Bring the row into view. */
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

/* Opens @folder and its parents in the list. */
void
_ferry_site_manager_open_folder (FerrySiteManager *self,
                                 const char       *folder)
{
  g_autofree char *path = g_strdup (folder);

  while (path[0] != '\0')
    {
      char *slash;

      g_hash_table_remove (self->collapsed, path);
      slash = strrchr (path, '/');
      if (slash == NULL)
        break;
      *slash = '\0';
    }
}

char *
_ferry_site_manager_dup_context_folder (FerrySiteManager *self)
{
  FerrySiteNode *node = _ferry_site_manager_get_selected_node (self);
  FerrySite *site = ferry_site_editor_get_site (self->editor);

  if (node != NULL)
    return g_strdup (node->folder);
  if (site != NULL)
    return g_strdup (ferry_site_get_folder (site));
  return g_strdup ("");
}

/* The editor's signals ------------------------------------------------------------ */

static void
editor_changed_cb (FerrySiteManager *self)
{
  _ferry_site_manager_schedule_save (self, FALSE);
}

static void
editor_connect_cb (FerrySiteManager *self,
                   FerrySite        *site)
{
  if (!g_signal_has_handler_pending (self, signals[SIGNAL_CONNECT_SITE], 0, TRUE))
    {
      _ferry_site_manager_toast (self, _("Open Ferry’s main window to connect. Test Connection "
                                         "checks the site from here."));
      return;
    }
  flush_save (self);
  g_signal_emit (self, signals[SIGNAL_CONNECT_SITE], 0, site);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
editor_prompt_cb (FerrySiteManager *self,
                  FerryPrompt      *prompt)
{
  if (!g_signal_has_handler_pending (self, signals[SIGNAL_PROMPT], 0, TRUE))
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_PROMPT], 0, prompt);
  return TRUE;
}

/* The object ---------------------------------------------------------------------- */

static void
store_changed_cb (FerrySiteManager *self)
{
  _ferry_site_manager_queue_rebuild (self);
}

static gboolean
ferry_site_manager_close_request (GtkWindow *window)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (window);

  /* Whatever waits for its toast is deleted now; what was typed is saved. */
  ferry_site_editor_commit_password (self->editor);
  _ferry_site_manager_commit_all_deletes (self);
  flush_save (self);
  _ferry_site_manager_rebuild (self);

  return GTK_WINDOW_CLASS (ferry_site_manager_parent_class)->close_request (window);
}

static void
ferry_site_manager_constructed (GObject *object)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (object);

  G_OBJECT_CLASS (ferry_site_manager_parent_class)->constructed (object);

  g_return_if_fail (FERRY_IS_SITE_STORE (self->store));
  g_signal_connect_object (self->store, "items-changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "folders-changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  _ferry_site_manager_rebuild (self);
  _ferry_site_manager_show_node (self, NULL);
}

static void
ferry_site_manager_dispose (GObject *object)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (object);

  if (self->pending_deletes != NULL && self->store != NULL)
    _ferry_site_manager_commit_all_deletes (self);
  if (self->store != NULL && (self->save_source != 0 || self->saving))
    flush_save (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (self->import_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->import_chooser));
  g_clear_object (&self->import_chooser);
  _ferry_site_manager_list_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_SITE_MANAGER);

  G_OBJECT_CLASS (ferry_site_manager_parent_class)->dispose (object);
}

static void
ferry_site_manager_finalize (GObject *object)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->pending_deletes, g_hash_table_unref);
  g_free (self->selected_key);
  g_free (self->last_save_error);

  G_OBJECT_CLASS (ferry_site_manager_parent_class)->finalize (object);
}

static void
ferry_site_manager_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_site_manager_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FerrySiteManager *self = FERRY_SITE_MANAGER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_site_manager_class_init (FerrySiteManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ferry_site_manager_constructed;
  object_class->dispose = ferry_site_manager_dispose;
  object_class->finalize = ferry_site_manager_finalize;
  object_class->get_property = ferry_site_manager_get_property;
  object_class->set_property = ferry_site_manager_set_property;
  window_class->close_request = ferry_site_manager_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, "The saved sites", FERRY_TYPE_SITE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerrySiteManager::connect-site:
   * @site: the site to connect to
   */
  signals[SIGNAL_CONNECT_SITE] =
    g_signal_new ("connect-site", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_SITE);
  /**
   * FerrySiteManager::prompt:
   * @prompt: a question from Test Connection; answer it with ferry_prompt_respond()
   */
  signals[SIGNAL_PROMPT] =
    g_signal_new ("prompt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_PROMPT);

  g_type_ensure (FERRY_TYPE_SITE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ferryapp/Ferry/ui/"
                                               "ferry-site-manager.ui");
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, sidebar_clamp);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, problem_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, list_stack);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, site_list);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, content_box);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, content_title);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, site_menu_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, content_stack);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, editor);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, folder_page);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, delete_folder_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, site_menu);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteManager, folder_menu);
  gtk_widget_class_bind_template_callback (widget_class, editor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_connect_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_prompt_cb);

  _ferry_site_manager_class_install_actions (widget_class);
}

static void
leaflet_folded_cb (FerrySiteManager *self)
{
  /* Unfolded, the list keeps to a column; folded, it fills the window. */
  adw_clamp_set_maximum_size (self->sidebar_clamp,
                              adw_leaflet_get_folded (self->leaflet) ? 100000 : 340);
}

static void
ferry_site_manager_init (FerrySiteManager *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (leaflet_folded_cb), self,
                           G_CONNECT_SWAPPED);
  leaflet_folded_cb (self);

  self->pending_deletes = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  _ferry_site_manager_list_init (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->site_list));
}

/* Fits the window on the screen of @parent (without a window manager, or on
 * an 800x600 screen, the default size may not fit). */
static void
fit_default_size (FerrySiteManager *self,
                  GtkWindow        *parent)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkMonitor *monitor = NULL;
  GdkRectangle area;
  int width, height;

  if (parent != NULL && gtk_native_get_surface (GTK_NATIVE (parent)) != NULL)
    monitor = gdk_display_get_monitor_at_surface (display,
                                                  gtk_native_get_surface (GTK_NATIVE (parent)));
  if (monitor == NULL)
    {
      g_autoptr(GdkMonitor) first = g_list_model_get_item (gdk_display_get_monitors (display), 0);

      monitor = first;
      if (monitor == NULL)
        return;
      gdk_monitor_get_geometry (monitor, &area);
    }
  else
    gdk_monitor_get_geometry (monitor, &area);

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), MIN (width, area.width - 48),
                               MIN (height, area.height - 48));
}

FerrySiteManager *
ferry_site_manager_new (GtkWindow      *parent,
                        FerrySiteStore *store)
{
  FerrySiteManager *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (FERRY_IS_SITE_STORE (store), NULL);

  self = g_object_new (FERRY_TYPE_SITE_MANAGER,
                       "store", store,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  fit_default_size (self, parent);
  return self;
}

FerrySiteStore *
ferry_site_manager_get_store (FerrySiteManager *self)
{
  g_return_val_if_fail (FERRY_IS_SITE_MANAGER (self), NULL);
  return self->store;
}

void
ferry_site_manager_select_site (FerrySiteManager *self,
                                FerrySite        *site)
{
  g_autofree char *key = NULL;

  g_return_if_fail (FERRY_IS_SITE_MANAGER (self));
  g_return_if_fail (FERRY_IS_SITE (site));

  g_hash_table_remove (self->pending_deletes, site);
  _ferry_site_manager_open_folder (self, ferry_site_get_folder (site));
  /* The search would hide it. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  key = _ferry_site_key_for_site (site);
  _ferry_site_manager_select_key (self, key);
  if (ferry_site_editor_get_site (self->editor) != site)
    {
      /* Not in the store (yet): edit it all the same. */
      ferry_site_editor_set_site (self->editor, site);
      gtk_stack_set_visible_child_name (self->content_stack, "editor");
    }
}

FerrySite *
ferry_site_manager_get_selected_site (FerrySiteManager *self)
{
  g_return_val_if_fail (FERRY_IS_SITE_MANAGER (self), NULL);
  return ferry_site_editor_get_site (self->editor);
}

FerrySite *
ferry_site_manager_add_site_from_endpoint (FerrySiteManager    *self,
                                           const FerryEndpoint *endpoint,
                                           const char          *name)
{
  g_autoptr(FerrySite) site = NULL;
  g_autofree char *site_name = NULL;

  g_return_val_if_fail (FERRY_IS_SITE_MANAGER (self), NULL);
  g_return_val_if_fail (endpoint != NULL && endpoint->host != NULL, NULL);

  site = ferry_site_new ();
  site_name = _ferry_site_manager_unique_name (self, "",
                                               name != NULL && name[0] != '\0' ? name
                                                                              : endpoint->host);
  ferry_site_set_name (site, site_name);
  ferry_site_set_host (site, endpoint->host);
  ferry_site_set_port (site, endpoint->port);
  if (endpoint->user != NULL && endpoint->user[0] != '\0'
      && g_strcmp0 (endpoint->user, "anonymous") != 0)
    {
      ferry_site_set_user (site, endpoint->user);
      ferry_site_set_logon_type (site, FERRY_LOGON_NORMAL);
    }
  else
    ferry_site_set_logon_type (site, FERRY_LOGON_ANONYMOUS);
  ferry_site_set_security (site, endpoint->security);
  ferry_site_set_data_protection (site, endpoint->data_protection);
  ferry_site_set_use_ccc (site, endpoint->use_ccc);
  ferry_site_set_min_tls (site, endpoint->min_tls);
  ferry_site_set_transfer_mode (site, endpoint->transfer_mode);
  ferry_site_set_charset (site, endpoint->charset);
  ferry_site_set_timezone_offset (site, endpoint->timezone_offset_minutes);
  ferry_site_set_server_type (site, endpoint->server_type);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  _ferry_site_manager_add_and_edit (self, site);
  gtk_window_present (GTK_WINDOW (self));
  return site;
}

void
ferry_site_manager_set_known_servers (FerrySiteManager  *self,
                                      FerryKnownServers *known_servers)
{
  g_return_if_fail (FERRY_IS_SITE_MANAGER (self));
  ferry_site_editor_set_known_servers (self->editor, known_servers);
}

void
ferry_site_manager_set_problem (FerrySiteManager *self,
                                const char       *message)
{
  g_return_if_fail (FERRY_IS_SITE_MANAGER (self));

  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->problem_revealer, message != NULL);
}
