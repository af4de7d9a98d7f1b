/* ferry-security-indicator.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lock in the header bar. Its icon sums up the connection of the tab in
 * view: a closed lock when everything is encrypted and the certificate is
 * trusted, a warning when something is not (a control channel cleared by
 * CCC, file transfers in clear text, a certificate accepted only once), an
 * open lock for plain FTP. Its popover says, channel by channel, what the
 * engine reports, in the engine's words, and opens the certificate.
 */
#define G_LOG_DOMAIN "ferry-security-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-certificate-dialog.h"
#include "ferry-security-indicator.h"

struct _FerrySecurityIndicator
{
  GtkWidget parent_instance;

  FerrySecurityStatus *status;
  char *host_port;
  FerrySecurityLevel level;

  /* Template children */
  GtkMenuButton *button;
  GtkPopover *popover;
  GtkImage *summary_icon;
  GtkLabel *summary_label;
  GtkLabel *mode_label;
  GtkImage *control_icon;
  GtkLabel *control_label;
  GtkImage *credentials_icon;
  GtkLabel *credentials_label;
  GtkImage *data_icon;
  GtkLabel *data_label;
  GtkImage *trust_icon;
  GtkLabel *trust_label;
  GtkListBoxRow *firewall_row;
  GtkImage *firewall_icon;
  GtkLabel *firewall_label;
  GtkButton *certificate_button;
};

G_DEFINE_FINAL_TYPE (FerrySecurityIndicator, ferry_security_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

FerrySecurityLevel
ferry_security_level_from_status (const FerrySecurityStatus *status)
{
  if (status == NULL || status->control == FERRY_CONTROL_CHANNEL_NONE)
    return FERRY_SECURITY_LEVEL_NONE;
  if (status->control == FERRY_CONTROL_CHANNEL_PLAIN)
    return FERRY_SECURITY_LEVEL_INSECURE;
  if (status->control == FERRY_CONTROL_CHANNEL_CLEARED
      || !status->credentials_encrypted
      || status->data == FERRY_DATA_CHANNEL_CLEAR
      || !ferry_security_status_get_trust (status).lasting)
    return FERRY_SECURITY_LEVEL_WARNING;
  return FERRY_SECURITY_LEVEL_SECURE;
}

char *
ferry_security_describe_mode (const FerrySecurityStatus *status)
{
  const char *mode;

  switch (status->mode)
    {
    case FERRY_SECURITY_IMPLICIT:
      mode = _("Implicit FTPS (TLS from the start)");
      break;
    case FERRY_SECURITY_PLAIN:
      return g_strdup (_("Plain FTP, without encryption"));
    case FERRY_SECURITY_EXPLICIT:
    case FERRY_SECURITY_EXPLICIT_IF_AVAILABLE:
    case FERRY_SECURITY_AUTO:
    default:
      mode = _("Explicit FTPS (AUTH TLS)");
      break;
    }
  /* Translators: a security mode, then how Ferry chose it. */
  return g_strdup_printf (status->mode_detected ? _("%s, detected automatically")
                                                : _("%s, as chosen for this connection"),
                          mode);
}

static void
set_icon (GtkImage   *image,
          const char *icon_name,
          const char *css_class)
{
  static const char *classes[] = { "success", "warning", "error", "dim-label" };

  gtk_image_set_from_icon_name (image, icon_name);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (image), classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (image), css_class);
}

static void
set_label (GtkLabel *label,
           char     *text)
{
  gtk_label_set_text (label, text);
  g_free (text);
}

static void
update (FerrySecurityIndicator *self)
{
  const FerrySecurityStatus *status = self->status;
  FerrySecurityLevel level = ferry_security_level_from_status (status);
  FerryTrustStatement trust;
  const char *icon = "channel-secure-symbolic";
  const char *css = NULL;
  const char *summary = "";

  switch (level)
    {
    case FERRY_SECURITY_LEVEL_SECURE:
      summary = _("The Connection Is Encrypted");
      break;
    case FERRY_SECURITY_LEVEL_WARNING:
      icon = "dialog-warning-symbolic";
      css = "warning";
      summary = _("The Connection Is Partly Protected");
      break;
    case FERRY_SECURITY_LEVEL_INSECURE:
      icon = "channel-insecure-symbolic";
      css = "error";
      summary = _("The Connection Is Not Encrypted");
      break;
    case FERRY_SECURITY_LEVEL_NONE:
    default:
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self), level != FERRY_SECURITY_LEVEL_NONE);
  gtk_menu_button_set_icon_name (self->button, icon);
  gtk_widget_remove_css_class (GTK_WIDGET (self->button), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->button), "error");
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), css);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
  set_icon (self->summary_icon, icon, css);
  gtk_label_set_text (self->summary_label, summary);

  if (level == FERRY_SECURITY_LEVEL_NONE)
    {
      gtk_popover_popdown (self->popover);
      if (self->level != level)
        {
          self->level = level;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
        }
      return;
    }

  set_label (self->mode_label, ferry_security_describe_mode (status));

  switch (status->control)
    {
    case FERRY_CONTROL_CHANNEL_TLS:
      set_icon (self->control_icon, "channel-secure-symbolic", NULL);
      break;
    case FERRY_CONTROL_CHANNEL_CLEARED:
      set_icon (self->control_icon, "dialog-warning-symbolic", "warning");
      break;
    case FERRY_CONTROL_CHANNEL_PLAIN:
    case FERRY_CONTROL_CHANNEL_NONE:
    default:
      set_icon (self->control_icon, "channel-insecure-symbolic", "error");
      break;
    }
  set_label (self->control_label, ferry_security_status_describe_control (status));

  set_icon (self->credentials_icon,
            status->credentials_encrypted ? "channel-secure-symbolic"
                                          : "channel-insecure-symbolic",
            status->credentials_encrypted ? NULL : "error");
  set_label (self->credentials_label, ferry_security_status_describe_credentials (status));

  switch (status->data)
    {
    case FERRY_DATA_CHANNEL_PRIVATE:
      set_icon (self->data_icon, "channel-secure-symbolic", NULL);
      break;
    case FERRY_DATA_CHANNEL_CLEAR:
      set_icon (self->data_icon, "channel-insecure-symbolic",
                status->control == FERRY_CONTROL_CHANNEL_PLAIN ? "error" : "warning");
      break;
    case FERRY_DATA_CHANNEL_NONE:
    default:
      set_icon (self->data_icon, "content-loading-symbolic", "dim-label");
      break;
    }
  set_label (self->data_label, ferry_security_status_describe_data (status));

  /* The engine's one statement about trust: its sentence, and its icon from its flags. */
  trust = ferry_security_status_get_trust (status);
  if (trust.lasting)
    set_icon (self->trust_icon, "channel-secure-symbolic", NULL);
  else if (trust.accepted)
    set_icon (self->trust_icon, "dialog-warning-symbolic", "warning");
  else
    set_icon (self->trust_icon, "channel-insecure-symbolic", "error");
  gtk_label_set_text (self->trust_label, trust.sentence);
  gtk_widget_set_visible (GTK_WIDGET (self->certificate_button), status->certificate != NULL);

  /* The ports this session's data connections used, and what got in the way. */
  gtk_widget_set_visible (GTK_WIDGET (self->firewall_row), status->firewall != NULL);
  if (status->firewall != NULL)
    {
      gboolean blocked = ferry_firewall_blocked (status->firewall);

      set_icon (self->firewall_icon, blocked ? "dialog-warning-symbolic" : "network-wired-symbolic",
                blocked ? "warning" : NULL);
      set_label (self->firewall_label, ferry_firewall_describe (status->firewall));
    }

  if (self->level != level)
    {
      self->level = level;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
    }
}

static void
certificate_button_clicked_cb (FerrySecurityIndicator *self)
{
  FerryCertificateDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->status == NULL || self->status->certificate == NULL)
    return;
  gtk_popover_popdown (self->popover);
  dialog = ferry_certificate_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         self->status->certificate, self->host_port,
                                         self->status);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ferry_security_indicator_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  FerrySecurityIndicator *self = FERRY_SECURITY_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_security_indicator_dispose (GObject *object)
{
  FerrySecurityIndicator *self = FERRY_SECURITY_INDICATOR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_SECURITY_INDICATOR);
  /* The template's top-level child is not bound to a field: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ferry_security_indicator_parent_class)->dispose (object);
}

static void
ferry_security_indicator_finalize (GObject *object)
{
  FerrySecurityIndicator *self = FERRY_SECURITY_INDICATOR (object);

  g_clear_pointer (&self->status, ferry_security_status_free);
  g_free (self->host_port);

  G_OBJECT_CLASS (ferry_security_indicator_parent_class)->finalize (object);
}

static void
ferry_security_indicator_class_init (FerrySecurityIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_security_indicator_get_property;
  object_class->dispose = ferry_security_indicator_dispose;
  object_class->finalize = ferry_security_indicator_finalize;

  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL,
                      FERRY_SECURITY_LEVEL_NONE, FERRY_SECURITY_LEVEL_INSECURE,
                      FERRY_SECURITY_LEVEL_NONE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/ferryapp/Ferry/ui/ferry-security-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, popover);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, mode_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, control_icon);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, control_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, credentials_icon);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, credentials_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, data_icon);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, data_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, trust_icon);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, trust_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, firewall_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, firewall_icon);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator, firewall_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySecurityIndicator,
                                        certificate_button);
  gtk_widget_class_bind_template_callback (widget_class, certificate_button_clicked_cb);
}

/* The button's tooltip would cover the popover's heading: none while it is open. */
static void
popover_shown_cb (FerrySecurityIndicator *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->button), FALSE);
}

static void
popover_closed_cb (FerrySecurityIndicator *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->button), TRUE);
}

static void
ferry_security_indicator_init (FerrySecurityIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->popover, "show", G_CALLBACK (popover_shown_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "closed", G_CALLBACK (popover_closed_cb), self,
                           G_CONNECT_SWAPPED);
  update (self);
}

GtkWidget *
ferry_security_indicator_new (void)
{
  return g_object_new (FERRY_TYPE_SECURITY_INDICATOR, NULL);
}

void
ferry_security_indicator_set_status (FerrySecurityIndicator    *self,
                                     const FerrySecurityStatus *status,
                                     const char                *host_port)
{
  g_return_if_fail (FERRY_IS_SECURITY_INDICATOR (self));

  g_clear_pointer (&self->status, ferry_security_status_free);
  if (status != NULL)
    self->status = ferry_security_status_copy (status);
  g_free (self->host_port);
  self->host_port = g_strdup (host_port);
  update (self);
}

FerrySecurityLevel
ferry_security_indicator_get_level (FerrySecurityIndicator *self)
{
  g_return_val_if_fail (FERRY_IS_SECURITY_INDICATOR (self), FERRY_SECURITY_LEVEL_NONE);

  return self->level;
}
