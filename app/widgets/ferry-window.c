/* ferry-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: a header bar with the saved sites, the connect entry and
 * its recent connections, the buttons that cancel, end or repeat the
 * connection of the tab in view, and the security indicator; one tab per
 * server; and, with no tab open, a page that offers the saved sites.
 */
#define G_LOG_DOMAIN "ferry-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-known-servers-file.h"
#include "ferry-queue-saver.h"
#include "ferry-window-private.h"

G_DEFINE_FINAL_TYPE (FerryWindow, ferry_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_header (FerryWindow *self);

/* ---- messages ---- */

void
_ferry_window_show_error (FerryWindow *self,
                          const char  *message)
{
  gboolean show = message != NULL;

  gtk_label_set_text (self->error_label, show ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, show);
  if (show)
    gtk_widget_add_css_class (GTK_WIDGET (self->address_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->address_entry), "error");
}

static void
add_toast (FerryWindow *self,
           const char  *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- tabs ---- */

FerryConnectionTab *
_ferry_window_current_tab (FerryWindow *self)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);

  return page ? FERRY_CONNECTION_TAB (adw_tab_page_get_child (page)) : NULL;
}

static AdwTabPage *
page_of (FerryWindow        *self,
         FerryConnectionTab *tab)
{
  return adw_tab_view_get_page (self->tab_view, GTK_WIDGET (tab));
}

static GIcon *
security_icon (FerrySecurityLevel level)
{
  switch (level)
    {
    case FERRY_SECURITY_LEVEL_SECURE:
      return g_themed_icon_new ("channel-secure-symbolic");
    case FERRY_SECURITY_LEVEL_WARNING:
      return g_themed_icon_new ("dialog-warning-symbolic");
    case FERRY_SECURITY_LEVEL_INSECURE:
      return g_themed_icon_new ("channel-insecure-symbolic");
    case FERRY_SECURITY_LEVEL_NONE:
    default:
      return g_themed_icon_new ("network-server-symbolic");
    }
}

static void
update_page (FerryWindow        *self,
             FerryConnectionTab *tab)
{
  AdwTabPage *page = page_of (self, tab);
  g_autoptr(FerrySecurityStatus) status = ferry_connection_tab_dup_security_status (tab);
  g_autoptr(GIcon) icon = security_icon (ferry_security_level_from_status (status));
  g_autofree char *address = ferry_connection_tab_dup_address (tab);

  if (page == NULL)
    return;
  adw_tab_page_set_title (page, ferry_connection_tab_get_title (tab));
  adw_tab_page_set_tooltip (page, address);
  adw_tab_page_set_icon (page, icon);
  adw_tab_page_set_loading (page, ferry_connection_tab_get_state (tab)
                                    == FERRY_CONNECTION_STATE_CONNECTING);
  adw_tab_page_set_needs_attention (page, FALSE);
}

static void
update_indicator (FerryWindow *self)
{
  FerryConnectionTab *tab = _ferry_window_current_tab (self);
  g_autoptr(FerrySecurityStatus) status = tab ? ferry_connection_tab_dup_security_status (tab)
                                              : NULL;
  g_autofree char *address = NULL;

  if (tab != NULL)
    address = ferry_endpoint_dup_host_port (ferry_connection_tab_get_endpoint (tab));
  ferry_security_indicator_set_status (self->security_indicator, status, address);
}

static void
tab_state_cb (FerryConnectionTab *tab,
              GParamSpec         *pspec,
              FerryWindow        *self)
{
  update_page (self, tab);
  if (tab == _ferry_window_current_tab (self))
    {
      update_header (self);
      update_indicator (self);
    }
  if (ferry_connection_tab_get_state (tab) == FERRY_CONNECTION_STATE_CONNECTED)
    _ferry_window_remember_recent (self, g_object_get_data (G_OBJECT (tab), "ferry-recent-url"));
}

static void
tab_security_changed_cb (FerryConnectionTab *tab,
                         FerryWindow        *self)
{
  update_page (self, tab);
  if (tab == _ferry_window_current_tab (self))
    update_indicator (self);
}

static void
tab_toast_cb (FerryConnectionTab *tab,
              const char         *message,
              FerryWindow        *self)
{
  add_toast (self, message);
}

static void
tab_attention_cb (FerryConnectionTab *tab,
                  FerryWindow        *self)
{
  AdwTabPage *page = page_of (self, tab);

  if (page != NULL)
    adw_tab_view_set_selected_page (self->tab_view, page);
}

static void
tab_edit_site_cb (FerryConnectionTab *tab,
                  FerrySite          *site,
                  FerryWindow        *self)
{
  _ferry_window_show_sites (self, site);
}

static void
open_tab (FerryWindow        *self,
          FerryConnectionTab *tab)
{
  AdwTabPage *page;

  g_signal_connect_object (tab, "notify::state", G_CALLBACK (tab_state_cb), self, 0);
  g_signal_connect_object (tab, "security-changed", G_CALLBACK (tab_security_changed_cb), self,
                           0);
  g_signal_connect_object (tab, "toast", G_CALLBACK (tab_toast_cb), self, 0);
  g_signal_connect_object (tab, "attention", G_CALLBACK (tab_attention_cb), self, 0);
  g_signal_connect_object (tab, "edit-site", G_CALLBACK (tab_edit_site_cb), self, 0);

  page = adw_tab_view_append (self->tab_view, GTK_WIDGET (tab));
  update_page (self, tab);
  adw_tab_view_set_selected_page (self->tab_view, page);
  ferry_connection_tab_connect (tab);
}

static void
tab_view_selected_page_cb (FerryWindow *self)
{
  update_header (self);
  update_indicator (self);
}

static void
tab_view_n_pages_cb (FerryWindow *self)
{
  gboolean any = adw_tab_view_get_n_pages (self->tab_view) > 0;

  gtk_stack_set_visible_child_name (self->main_stack, any ? "tabs" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-tab", any);
  update_header (self);
  update_indicator (self);
}

static void
close_confirm_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  FerryWindow      *self)
{
  AdwTabPage *page = g_object_get_data (G_OBJECT (dialog), "ferry-page");
  gboolean close = g_strcmp0 (response, "close") == 0;

  if (close)
    {
      FerryConnectionTab *tab = FERRY_CONNECTION_TAB (adw_tab_page_get_child (page));

      ferry_connection_tab_keep_transfers (tab);
      ferry_connection_tab_cancel_transfers (tab);
    }
  adw_tab_view_close_page_finish (self->tab_view, page, close);
}

static gboolean
tab_view_close_page_cb (FerryWindow *self,
                        AdwTabPage  *page)
{
  FerryConnectionTab *tab = FERRY_CONNECTION_TAB (adw_tab_page_get_child (page));
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (!ferry_connection_tab_get_busy (tab))
    {
      /* Paused transfers are kept without asking. */
      ferry_connection_tab_keep_transfers (tab);
      adw_tab_view_close_page_finish (self->tab_view, page, TRUE);
      return GDK_EVENT_STOP;
    }

  body = g_strdup_printf (_("Files are still being transferred with %s. Closing the tab "
                            "pauses them; they are kept, and the next time you open Ferry "
                            "you can resume them."),
                          ferry_connection_tab_get_title (tab));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Transfers Are Not Finished"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close", _("_Close Tab"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ferry-page", g_object_ref (page), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_confirm_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GDK_EVENT_STOP;
}

static void
set_entry_text (FerryWindow *self,
                const char  *text,
                gboolean     shows_tab)
{
  self->setting_entry = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), text);
  self->setting_entry = FALSE;
  self->entry_shows_tab = shows_tab;
}

/* The entry shows where the current tab is connected, like a browser's
 * address bar, unless the person is typing in it. */
static void
update_address_entry (FerryWindow        *self,
                      FerryConnectionTab *tab)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->address_entry));
  g_autofree char *url = NULL;

  if (!self->entry_shows_tab && text[0] != '\0')
    return;
  if (tab == NULL)
    {
      set_entry_text (self, "", FALSE);
      return;
    }
  url = ferry_connection_tab_dup_url (tab);
  if (g_strcmp0 (url, text) != 0)
    set_entry_text (self, url, TRUE);
  else
    self->entry_shows_tab = TRUE;
}

static void
update_header (FerryWindow *self)
{
  FerryConnectionTab *tab = _ferry_window_current_tab (self);
  FerryConnectionState state = tab ? ferry_connection_tab_get_state (tab)
                                   : FERRY_CONNECTION_STATE_IDLE;
  gboolean connecting = tab && (state == FERRY_CONNECTION_STATE_CONNECTING
                                || state == FERRY_CONNECTION_STATE_IDLE);
  gboolean connected = tab && state == FERRY_CONNECTION_STATE_CONNECTED;
  gboolean stopped = tab && (state == FERRY_CONNECTION_STATE_DISCONNECTED
                             || state == FERRY_CONNECTION_STATE_FAILED);

  update_address_entry (self, tab);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), connecting);
  gtk_widget_set_visible (GTK_WIDGET (self->disconnect_button), connected);
  gtk_widget_set_visible (GTK_WIDGET (self->reconnect_button), stopped);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-connect", connecting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.disconnect", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reconnect", stopped);
}

/* ---- connecting ---- */

FerryEndpoint *
_ferry_window_endpoint_from_url (const FerryUrl *url)
{
  FerryEndpoint *endpoint = ferry_endpoint_new ();

  endpoint->host = g_strdup (url->host);
  endpoint->port = url->port;
  endpoint->user = g_strdup (url->user);
  endpoint->security = url->has_security ? url->security : FERRY_SECURITY_AUTO;
  return endpoint;
}

static FerrySite *
lookup_site (FerryWindow *self,
             const char  *text)
{
  if (self->site_store == NULL || strpbrk (text, "@:") != NULL)
    return NULL;
  return ferry_site_store_lookup (self->site_store, text, NULL);
}

gboolean
ferry_window_open_address (FerryWindow *self,
                           const char  *address,
                           GError     **error)
{
  g_autoptr(FerryUrl) url = NULL;
  g_autofree char *stripped = NULL;
  FerrySite *site;

  g_return_val_if_fail (FERRY_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  stripped = g_strstrip (g_strdup (address));
  site = lookup_site (self, stripped);
  if (site != NULL)
    {
      ferry_window_connect_site (self, site);
      return TRUE;
    }

  url = ferry_url_parse (stripped, error);
  if (url == NULL)
    return FALSE;

  ferry_window_open_url (self, url, NULL, NULL);
  return TRUE;
}

void
ferry_window_open_url (FerryWindow    *self,
                       const FerryUrl *url,
                       FerrySite      *site,
                       const char     *password)
{
  g_autoptr(FerryEndpoint) endpoint = NULL;
  FerryConnectionTab *tab;
  FerryUrl plain;

  g_return_if_fail (FERRY_IS_WINDOW (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (site == NULL || FERRY_IS_SITE (site));

  _ferry_window_show_error (self, NULL);
  if (site != NULL)
    tab = ferry_connection_tab_new_for_site (site, self->known);
  else
    {
      endpoint = _ferry_window_endpoint_from_url (url);
      tab = ferry_connection_tab_new_for_endpoint (endpoint, url->path, self->known);
      /* What the recent connections keep: the address without the path. */
      plain = *url;
      plain.path = NULL;
      g_object_set_data_full (G_OBJECT (tab), "ferry-recent-url", ferry_url_to_string (&plain),
                              g_free);
    }
  if (password != NULL)
    ferry_connection_tab_set_password (tab, password);
  open_tab (self, tab);
  gtk_window_present (GTK_WINDOW (self));
}

void
ferry_window_connect_site (FerryWindow *self,
                           FerrySite   *site)
{
  g_return_if_fail (FERRY_IS_WINDOW (self));
  g_return_if_fail (FERRY_IS_SITE (site));

  _ferry_window_show_error (self, NULL);
  open_tab (self, ferry_connection_tab_new_for_site (site, self->known));
  gtk_window_present (GTK_WINDOW (self));
}

static void
address_entry_changed_cb (FerryWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->address_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (!self->setting_entry)
    self->entry_shows_tab = FALSE;
  /* An error belongs to the text it was about. */
  _ferry_window_show_error (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect", stripped[0] != '\0');
}

static void
address_entry_activate_cb (FerryWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.connect", NULL);
}

static void
ferry_window_connect (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->address_entry));
  FerryConnectionTab *tab = _ferry_window_current_tab (self);
  g_autoptr(GError) error = NULL;

  /* Enter on the address the tab shows: connect that tab again if it stopped
   * (a second tab to the same server is what New Tab is for). */
  if (self->entry_shows_tab && tab != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (tab), "tab.reconnect", NULL);
      return;
    }
  if (!ferry_window_open_address (self, text, &error))
    {
      _ferry_window_show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
      return;
    }
  set_entry_text (self, "", FALSE);
  update_header (self);
}

static void
ferry_window_connect_address (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!ferry_window_open_address (self, g_variant_get_string (parameter, NULL), &error))
    _ferry_window_show_error (self, error->message);
}

static void
ferry_window_connect_site_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  FerrySite *site = NULL;

  if (self->site_store != NULL)
    site = ferry_site_store_get_by_id (self->site_store, g_variant_get_string (parameter, NULL));
  if (site == NULL)
    {
      add_toast (self, _("That site was deleted. Choose another one."));
      return;
    }
  ferry_window_connect_site (self, site);
}

static void
ferry_window_cancel_connect (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  FerryConnectionTab *tab = _ferry_window_current_tab (FERRY_WINDOW (widget));

  if (tab != NULL)
    ferry_connection_tab_cancel (tab);
}

static void
ferry_window_disconnect (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  FerryConnectionTab *tab = _ferry_window_current_tab (FERRY_WINDOW (widget));

  if (tab != NULL)
    ferry_connection_tab_disconnect (tab);
}

static void
ferry_window_reconnect (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FerryConnectionTab *tab = _ferry_window_current_tab (FERRY_WINDOW (widget));

  if (tab != NULL)
    ferry_connection_tab_connect (tab);
}

static void
ferry_window_close_tab (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);

  if (page != NULL)
    adw_tab_view_close_page (self->tab_view, page);
}

static void
ferry_window_focus_address (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
}

static void
ferry_window_dismiss_error (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  _ferry_window_show_error (FERRY_WINDOW (widget), NULL);
}

/* ---- window state ---- */

static void
ferry_window_load_window_state (FerryWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      /* A run from the build tree outside `meson devenv`: still a usable window. */
      g_message ("The GSettings schema %s is not installed: the window size and recent "
                 "connections will not be remembered", APPLICATION_ID);
      gtk_window_set_default_size (GTK_WINDOW (self), 1000, 700);
      return;
    }

  self->settings = g_settings_new_full (schema, NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_signal_connect_swapped (self->settings, "changed::recent-connections",
                            G_CALLBACK (_ferry_window_rebuild_recent), self);
}

static void
ferry_window_save_window_state (FerryWindow *self)
{
  gboolean maximized;

  if (self->settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_delay (self->settings);
  /* The size of a maximized window is the screen's: keep the last normal one. */
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

static gboolean
any_tab_busy (FerryWindow *self)
{
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);

      if (ferry_connection_tab_get_busy (FERRY_CONNECTION_TAB (adw_tab_page_get_child (page))))
        return TRUE;
    }
  return FALSE;
}

gboolean
ferry_window_show_transfers (FerryWindow *self,
                             const char  *notification_id)
{
  g_return_val_if_fail (FERRY_IS_WINDOW (self), FALSE);

  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      FerryConnectionTab *tab = FERRY_CONNECTION_TAB (adw_tab_page_get_child (page));

      if (ferry_connection_tab_show_transfers (tab, notification_id))
        {
          adw_tab_view_set_selected_page (self->tab_view, page);
          gtk_window_present (GTK_WINDOW (self));
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
close_confirmed_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
close_window_confirm_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         FerryWindow      *self)
{
  if (g_strcmp0 (response, "close") != 0)
    return;
  self->close_confirmed = TRUE;
  /* Once the dialog is gone: it must not outlive its transient parent. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_confirmed_idle_cb, g_object_ref (self),
                   g_object_unref);
}

static gboolean
ferry_window_close_request (GtkWindow *window)
{
  FerryWindow *self = FERRY_WINDOW (window);

  if (!self->close_confirmed && any_tab_busy (self))
    {
      GtkWidget *dialog = adw_message_dialog_new (window, _("Transfers Are Not Finished"),
                                                  _("Files are still being transferred. "
                                                    "Quitting pauses them; they are kept, "
                                                    "and the next time you open Ferry you "
                                                    "can resume them."));

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "close", _("_Quit"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (close_window_confirm_cb), self,
                               0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  ferry_window_save_window_state (self);
  /* Unfinished transfers stay in queue.ini, paused, for the next start. */
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    ferry_connection_tab_keep_transfers (
      FERRY_CONNECTION_TAB (adw_tab_page_get_child (adw_tab_view_get_nth_page (self->tab_view,
                                                                               i))));
  ferry_queue_saver_flush (ferry_queue_saver_get_default ());

  return GTK_WINDOW_CLASS (ferry_window_parent_class)->close_request (window);
}

static void
ferry_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ferry_window_parent_class)->map (widget);

  /* Nobody gave the window its sites: read them now. */
  _ferry_window_ensure_site_store (FERRY_WINDOW (widget));
}

static void
ensure_style (void)
{
  static gboolean done;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (done || display == NULL)
    return;
  done = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/ferryapp/Ferry/ui/ferry-window.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
ferry_window_dispose (GObject *object)
{
  FerryWindow *self = FERRY_WINDOW (object);

  g_clear_handle_id (&self->sites_idle, g_source_remove);
  if (self->watched_sites != NULL)
    for (guint i = 0; i < self->watched_sites->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched_sites, i), self);
  _ferry_window_destroy_site_manager (self);
  if (self->site_store != NULL)
    g_signal_handlers_disconnect_by_data (self->site_store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_WINDOW);

  G_OBJECT_CLASS (ferry_window_parent_class)->dispose (object);
}

static void
ferry_window_finalize (GObject *object)
{
  FerryWindow *self = FERRY_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->site_store);
  g_clear_object (&self->known);
  g_clear_object (&self->sites_menu);
  g_clear_object (&self->recent_menu);
  g_clear_pointer (&self->watched_sites, g_ptr_array_unref);

  G_OBJECT_CLASS (ferry_window_parent_class)->finalize (object);
}

static void
ferry_window_class_init (FerryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ferry_window_dispose;
  object_class->finalize = ferry_window_finalize;
  widget_class->map = ferry_window_map;
  window_class->close_request = ferry_window_close_request;

  g_type_ensure (FERRY_TYPE_SECURITY_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ferryapp/Ferry/ui/ferry-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, sites_button);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, disconnect_button);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, reconnect_button);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, address_entry);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, recent_button);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, connect_button);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, security_indicator);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, tab_bar);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, sites_stack);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, sites_list);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, tab_view);
  gtk_widget_class_bind_template_callback (widget_class, address_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, address_entry_activate_cb);
  gtk_widget_class_bind_template_callback_full (
    widget_class, "sites_list_row_activated_cb",
    G_CALLBACK (_ferry_window_sites_list_row_activated_cb));
  gtk_widget_class_bind_template_callback (widget_class, tab_view_selected_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, tab_view_n_pages_cb);
  gtk_widget_class_bind_template_callback (widget_class, tab_view_close_page_cb);

  gtk_widget_class_install_action (widget_class, "win.connect", NULL, ferry_window_connect);
  gtk_widget_class_install_action (widget_class, "win.restore-transfers", NULL,
                                   _ferry_window_restore_transfers_action);
  gtk_widget_class_install_action (widget_class, "win.connect-address", "s",
                                   ferry_window_connect_address);
  gtk_widget_class_install_action (widget_class, "win.connect-site", "s",
                                   ferry_window_connect_site_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-connect", NULL,
                                   ferry_window_cancel_connect);
  gtk_widget_class_install_action (widget_class, "win.disconnect", NULL,
                                   ferry_window_disconnect);
  gtk_widget_class_install_action (widget_class, "win.reconnect", NULL, ferry_window_reconnect);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, ferry_window_close_tab);
  gtk_widget_class_install_action (widget_class, "win.focus-address", NULL,
                                   ferry_window_focus_address);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL,
                                   ferry_window_dismiss_error);
  gtk_widget_class_install_action (widget_class, "win.manage-sites", NULL,
                                   _ferry_window_manage_sites_action);
  gtk_widget_class_install_action (widget_class, "win.save-as-site", NULL,
                                   _ferry_window_save_as_site_action);
  gtk_widget_class_install_action (widget_class, "win.clear-recent", NULL,
                                   _ferry_window_clear_recent_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "win.close-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "win.focus-address", NULL);
}

static void
ferry_window_init (FerryWindow *self)
{
  g_autoptr(GError) error = NULL;

  ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->watched_sites = g_ptr_array_new_with_free_func (g_object_unref);
  self->recent_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->recent_button, G_MENU_MODEL (self->recent_menu));

  /* Pins and detected modes: the file ferry-cli uses too. */
  self->known = ferry_known_servers_file_new_default (&error);
  if (self->known == NULL)
    _ferry_window_show_error (self, error->message);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect", FALSE);
  ferry_window_load_window_state (self);
  _ferry_window_rebuild_recent (self);
  _ferry_window_rebuild_sites (self);
  tab_view_n_pages_cb (self);
  _ferry_window_queue_load (self);
}

FerryWindow *
ferry_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (FERRY_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
