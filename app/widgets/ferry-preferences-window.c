/* ferry-preferences-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences window: every row is bound to a GSettings key, so a change
 * applies at once and other windows see it through their own bindings.
 */
#define G_LOG_DOMAIN "ferry-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-preferences-window.h"

struct _FerryPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;                 /* NULL when the schema is not installed */
  GtkFileChooserNative *folder_chooser;

  /* Template children */
  AdwPreferencesGroup *missing_group;
  AdwPreferencesGroup *transfers_group;
  AdwPreferencesGroup *browsing_group;
  AdwPreferencesGroup *security_group;
  GtkSpinButton *parallel_spin;
  AdwActionRow *download_row;
  GtkButton *download_reset_button;
  GtkSwitch *hidden_switch;
  GtkSwitch *confirm_switch;
  AdwComboRow *tls_row;
  AdwComboRow *exists_row;
};

G_DEFINE_FINAL_TYPE (FerryPreferencesWindow, ferry_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* The order of the combo rows' items: NULL-terminated nicks. */
static const char *const tls_nicks[] = { "1.2", "1.3", NULL };
static const char *const exists_nicks[] = { "ask", "overwrite", "resume", "skip", "rename",
                                            "newer", NULL };

static gboolean
nick_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_strcmp0 (nick, nicks[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
nick_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char *const *nicks = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[selected]);
}

/* Where downloads go when the setting is empty. */
static char *
default_download_folder (void)
{
  const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);

  if (downloads != NULL)
    return g_strdup (downloads);
  return g_build_filename (g_get_home_dir (), "Downloads", NULL);
}

/* A folder as people read it: "~/Downloads" inside the home folder. */
static char *
display_folder (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);
  g_autofree char *utf8 = g_filename_display_name (path);

  if (g_str_has_prefix (path, home) && (path[home_len] == '/' || path[home_len] == '\0')
      && home_len > 1)
    return g_strconcat ("~", utf8 + home_len, NULL);
  return g_steal_pointer (&utf8);
}

static void
update_download_row (FerryPreferencesWindow *self)
{
  g_autofree char *setting = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *subtitle = NULL;
  gboolean is_default;

  if (self->settings == NULL)
    return;

  setting = g_settings_get_string (self->settings, "download-folder");
  is_default = setting[0] == '\0';
  folder = is_default ? default_download_folder () : g_strdup (setting);
  shown = display_folder (folder);
  if (is_default)
    /* Translators: %s is a folder such as "~/Downloads". */
    subtitle = g_strdup_printf (_("%s (your Downloads folder)"), shown);
  else
    subtitle = g_steal_pointer (&shown);
  adw_action_row_set_subtitle (self->download_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->download_reset_button), !is_default);
}

static void
download_folder_changed_cb (FerryPreferencesWindow *self)
{
  update_download_row (self);
}

static void
folder_chooser_response_cb (FerryPreferencesWindow *self,
                            int                     response,
                            GtkNativeDialog        *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT && self->settings != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "download-folder", path);
      else if (file != NULL)
        {
          AdwToast *toast = adw_toast_new (_("Choose a folder on this computer: Ferry saves "
                                             "downloads to local folders only."));

          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
        }
    }
  g_clear_object (&self->folder_chooser);
}

static void
ferry_preferences_window_choose_folder (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  FerryPreferencesWindow *self = FERRY_PREFERENCES_WINDOW (widget);
  g_autofree char *setting = NULL;
  g_autofree char *current = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->settings == NULL || self->folder_chooser != NULL)
    return;

  self->folder_chooser = gtk_file_chooser_native_new (_("Download Folder"), GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                      _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->folder_chooser), TRUE);
  setting = g_settings_get_string (self->settings, "download-folder");
  current = setting[0] != '\0' ? g_strdup (setting) : default_download_folder ();
  folder = g_file_new_for_path (current);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->folder_chooser), folder, NULL);
  g_signal_connect_object (self->folder_chooser, "response",
                           G_CALLBACK (folder_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->folder_chooser));
}

static void
ferry_preferences_window_reset_folder (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  FerryPreferencesWindow *self = FERRY_PREFERENCES_WINDOW (widget);

  if (self->settings != NULL)
    g_settings_reset (self->settings, "download-folder");
}

static void
ferry_preferences_window_bind (FerryPreferencesWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_autofree char *description =
        g_strdup_printf (_("The settings schema %s is not installed, so Ferry cannot keep "
                           "preferences. Install Ferry, or run it from the build folder with "
                           "“meson devenv”."), APPLICATION_ID);

      adw_preferences_group_set_description (self->missing_group, description);
      gtk_widget_set_visible (GTK_WIDGET (self->missing_group), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->transfers_group), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->browsing_group), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->security_group), FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.choose-download-folder", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.reset-download-folder", FALSE);
      return;
    }

  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_bind (self->settings, "parallel-transfers",
                   self->parallel_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-hidden-files",
                   self->hidden_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "confirm-deletes",
                   self->confirm_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "minimum-tls-version",
                                self->tls_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_get_mapping, nick_set_mapping, (gpointer) tls_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "exists-action",
                                self->exists_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_get_mapping, nick_set_mapping, (gpointer) exists_nicks,
                                NULL);
  g_signal_connect_object (self->settings, "changed::download-folder",
                           G_CALLBACK (download_folder_changed_cb), self, G_CONNECT_SWAPPED);
  update_download_row (self);
}

static void
ferry_preferences_window_dispose (GObject *object)
{
  FerryPreferencesWindow *self = FERRY_PREFERENCES_WINDOW (object);

  if (self->folder_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->folder_chooser));
  g_clear_object (&self->folder_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (ferry_preferences_window_parent_class)->dispose (object);
}

static void
ferry_preferences_window_finalize (GObject *object)
{
  FerryPreferencesWindow *self = FERRY_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ferry_preferences_window_parent_class)->finalize (object);
}

static void
ferry_preferences_window_class_init (FerryPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_preferences_window_dispose;
  object_class->finalize = ferry_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ferryapp/Ferry/ui/"
                                               "ferry-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, missing_group);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, transfers_group);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, browsing_group);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, security_group);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, parallel_spin);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, download_row);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow,
                                        download_reset_button);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, hidden_switch);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, confirm_switch);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, tls_row);
  gtk_widget_class_bind_template_child (widget_class, FerryPreferencesWindow, exists_row);

  gtk_widget_class_install_action (widget_class, "prefs.choose-download-folder", NULL,
                                   ferry_preferences_window_choose_folder);
  gtk_widget_class_install_action (widget_class, "prefs.reset-download-folder", NULL,
                                   ferry_preferences_window_reset_folder);
}

static void
ferry_preferences_window_init (FerryPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ferry_preferences_window_bind (self);
}

GtkWidget *
ferry_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (FERRY_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
