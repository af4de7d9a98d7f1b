/* ferry-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window. Until the session engine is wired into the window, its
 * empty state takes a server address and shows the ferry-cli command that
 * probes that server, ready to copy.
 */
#define G_LOG_DOMAIN "ferry-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-probe-command.h"
#include "ferry-window.h"

struct _FerryWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkEntry *address_entry;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkRevealer *command_revealer;
  GtkLabel *command_label;
};

G_DEFINE_FINAL_TYPE (FerryWindow, ferry_window, ADW_TYPE_APPLICATION_WINDOW)

static void
ferry_window_show_error (FerryWindow *self,
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
address_entry_changed_cb (FerryWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->address_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  /* What is shown belongs to the address as it was when Connect was pressed. */
  ferry_window_show_error (self, NULL);
  gtk_revealer_set_reveal_child (self->command_revealer, FALSE);
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
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;

  command = ferry_probe_command_build (text, &error);
  if (command == NULL)
    {
      gtk_revealer_set_reveal_child (self->command_revealer, FALSE);
      ferry_window_show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
      return;
    }

  ferry_window_show_error (self, NULL);
  gtk_label_set_text (self->command_label, command);
  gtk_revealer_set_reveal_child (self->command_revealer, TRUE);
  g_debug ("Probe command: %s", command);
}

static void
ferry_window_copy_command (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  const char *command = gtk_label_get_text (self->command_label);

  if (command[0] == '\0')
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), command);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Command copied")));
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
ferry_window_load_window_state (FerryWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      /* A run from the build tree outside `meson devenv`: still a usable window. */
      g_message ("The GSettings schema %s is not installed: the window size will not "
                 "be remembered", APPLICATION_ID);
      gtk_window_set_default_size (GTK_WINDOW (self), 1000, 700);
      return;
    }

  self->settings = g_settings_new_full (schema, NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
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
ferry_window_close_request (GtkWindow *window)
{
  ferry_window_save_window_state (FERRY_WINDOW (window));

  return GTK_WINDOW_CLASS (ferry_window_parent_class)->close_request (window);
}

static void
ferry_window_dispose (GObject *object)
{
  FerryWindow *self = FERRY_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_WINDOW);

  G_OBJECT_CLASS (ferry_window_parent_class)->dispose (object);
}

static void
ferry_window_finalize (GObject *object)
{
  FerryWindow *self = FERRY_WINDOW (object);

  g_clear_object (&self->settings);

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
  window_class->close_request = ferry_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ferryapp/Ferry/ui/ferry-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, address_entry);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, command_revealer);
  gtk_widget_class_bind_template_child (widget_class, FerryWindow, command_label);
  gtk_widget_class_bind_template_callback (widget_class, address_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, address_entry_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.connect", NULL, ferry_window_connect);
  gtk_widget_class_install_action (widget_class, "win.copy-command", NULL,
                                   ferry_window_copy_command);
  gtk_widget_class_install_action (widget_class, "win.focus-address", NULL,
                                   ferry_window_focus_address);
}

static void
ferry_window_init (FerryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect", FALSE);
  ferry_window_load_window_state (self);
}

FerryWindow *
ferry_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (FERRY_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
