/* ferry-connection-tab.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One tab of the window: one server, one FerrySession. While it connects it
 * shows a spinner and Cancel; connected, the local folder and the server's
 * folder side by side (one above the other when the window is narrow), the
 * transfer queue and the session log below. The password comes from the
 * keyring for a saved site, or from the person: when the site asks every
 * time, when nothing is saved, when there is no keyring, and again after the
 * server refused it (then the person may update the saved one).
 */
#define G_LOG_DOMAIN "ferry-connection-tab"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-connection-tab-private.h"
#include "ferry-error.h"
#include "ferry-file-pane.h"
#include "ferry-keyring.h"
#include "ferry-password-dialog.h"
#include "ferry-prompt-handler.h"
#include "ferry-resize-handle.h"
#include "ferry-session-log.h"
#include "ferry-session.h"
#include "ferry-transfer-panel.h"
#include "ferry-transfer-runner.h"
#include "ferry-url.h"



G_DEFINE_FINAL_TYPE (FerryConnectionTab, ferry_connection_tab, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  PROP_TITLE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SECURITY_CHANGED,
  SIGNAL_TOAST,
  SIGNAL_ATTENTION,
  SIGNAL_EDIT_SITE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GType
ferry_connection_state_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { FERRY_CONNECTION_STATE_IDLE, "FERRY_CONNECTION_STATE_IDLE", "idle" },
        { FERRY_CONNECTION_STATE_CONNECTING, "FERRY_CONNECTION_STATE_CONNECTING", "connecting" },
        { FERRY_CONNECTION_STATE_CONNECTED, "FERRY_CONNECTION_STATE_CONNECTED", "connected" },
        { FERRY_CONNECTION_STATE_DISCONNECTED, "FERRY_CONNECTION_STATE_DISCONNECTED",
          "disconnected" },
        { FERRY_CONNECTION_STATE_FAILED, "FERRY_CONNECTION_STATE_FAILED", "failed" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static ("FerryConnectionState", values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static void connect_with_password (FerryConnectionTab *self);
static void ask_password          (FerryConnectionTab *self,
                                   gboolean            rejected_before,
                                   gboolean            offer_remember);

GtkWindow *
_ferry_connection_tab_parent_window (FerryConnectionTab *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
_ferry_connection_tab_toast (FerryConnectionTab *self,
                             const char         *message)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

void
_ferry_connection_tab_log (FerryConnectionTab *self,
                           FerryLogKind        kind,
                           const char         *text)
{
  ferry_session_log_append (self->session_log, kind, text);
}

static gboolean
is_anonymous (FerryConnectionTab *self)
{
  const char *user = self->endpoint->user;

  if (self->site != NULL && ferry_site_get_logon_type (self->site) == FERRY_LOGON_ANONYMOUS)
    return TRUE;
  return user == NULL || user[0] == '\0' || g_ascii_strcasecmp (user, "anonymous") == 0
         || g_ascii_strcasecmp (user, "ftp") == 0;
}

static void
forget_password (FerryConnectionTab *self)
{
  if (self->password != NULL)
    ferry_password_free (g_steal_pointer (&self->password));
}

static void
update_status_label (FerryConnectionTab *self)
{
  g_autofree char *address = ferry_endpoint_dup_host_port (self->endpoint);
  g_autofree char *text = NULL;

  if (self->status != NULL && self->status->control != FERRY_CONTROL_CHANNEL_NONE)
    {
      const char *mode = ferry_security_status_mode_for_people (self->status);

      if (self->status->tls_version != NULL && self->status->control != FERRY_CONTROL_CHANNEL_PLAIN)
        {
          g_autofree char *version = ferry_tls_version_for_people (self->status->tls_version);

          /* Translators: "Connected to HOST:PORT · explicit FTPS, TLS 1.3"; the second %s is
           * “explicit FTPS” or “implicit FTPS”, translated on its own. */
          text = g_strdup_printf (_("Connected to %s · %s, %s"), address, mode, version);
        }
      else
        text = g_strdup_printf (_("Connected to %s · plain FTP, not encrypted"), address);
    }
  else
    text = g_strdup_printf (_("Connected to %s"), address);
  gtk_label_set_text (self->status_label, text);
}

static void
set_state (FerryConnectionTab  *self,
           FerryConnectionState state)
{
  gboolean connecting = state == FERRY_CONNECTION_STATE_CONNECTING;

  gtk_spinner_set_spinning (self->spinner, connecting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.cancel", connecting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.reconnect",
                                 state == FERRY_CONNECTION_STATE_DISCONNECTED
                                 || state == FERRY_CONNECTION_STATE_FAILED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.disconnect",
                                 state == FERRY_CONNECTION_STATE_CONNECTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.download",
                                 state == FERRY_CONNECTION_STATE_CONNECTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.upload",
                                 state == FERRY_CONNECTION_STATE_CONNECTED);

  switch (state)
    {
    case FERRY_CONNECTION_STATE_IDLE:
    case FERRY_CONNECTION_STATE_CONNECTING:
      gtk_stack_set_visible_child_name (self->stack, "connecting");
      break;
    case FERRY_CONNECTION_STATE_CONNECTED:
      update_status_label (self);
      gtk_stack_set_visible_child_name (self->stack, "browser");
      break;
    case FERRY_CONNECTION_STATE_DISCONNECTED:
    case FERRY_CONNECTION_STATE_FAILED:
    default:
      gtk_stack_set_visible_child_name (self->stack, "stopped");
      break;
    }

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
show_stopped (FerryConnectionTab *self,
              const char         *icon_name,
              const char         *title,
              const char         *description)
{
  adw_status_page_set_icon_name (self->stopped_page, icon_name);
  adw_status_page_set_title (self->stopped_page, title);
  adw_status_page_set_description (self->stopped_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_site_button), self->site != NULL);
}

static void
fail (FerryConnectionTab *self,
      const GError       *error)
{
  g_autofree char *address = ferry_endpoint_dup_host_port (self->endpoint);
  g_autofree char *title = NULL;

  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _ferry_connection_tab_log (self, FERRY_LOG_STATUS, _("Connecting was cancelled."));
      show_stopped (self, "network-offline-symbolic", _("Not Connected"),
                    _("Connecting was cancelled."));
      set_state (self, FERRY_CONNECTION_STATE_DISCONNECTED);
      return;
    }

  _ferry_connection_tab_log (self, FERRY_LOG_ERROR, error->message);
  if (error->domain == FERRY_ERROR
      && (error->code == FERRY_ERROR_CERTIFICATE_UNTRUSTED
          || error->code == FERRY_ERROR_CERTIFICATE_CHANGED
          || error->code == FERRY_ERROR_CERTIFICATE_MISMATCH
          || error->code == FERRY_ERROR_TLS || error->code == FERRY_ERROR_NO_TLS
          || error->code == FERRY_ERROR_PLAIN_DECLINED))
    {
      title = g_strdup (_("Not Connected"));
      show_stopped (self, "channel-insecure-symbolic", title, error->message);
    }
  else
    {
      title = g_strdup_printf (_("Could Not Connect to %s"), address);
      show_stopped (self, "network-error-symbolic", title, error->message);
    }
  set_state (self, FERRY_CONNECTION_STATE_FAILED);
}

static void
ferry_connection_tab_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  FerryConnectionTab *self = FERRY_CONNECTION_TAB (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

/* No layout manager: the tab allocates its one child itself, so that it
 * learns its width (and can stack the panes when narrow). */
static void
ferry_connection_tab_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  FerryConnectionTab *self = FERRY_CONNECTION_TAB (widget);
  GtkOrientation current = gtk_orientable_get_orientation (GTK_ORIENTABLE (self->files_paned));
  gboolean flip = (current == GTK_ORIENTATION_HORIZONTAL && width < NARROW_WIDTH)
                  || (current == GTK_ORIENTATION_VERTICAL && width >= WIDE_WIDTH);

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
  /* Not during the allocation: from an idle, with the new width. */
  if ((flip || (!self->split_restored && _ferry_connection_tab_paned_extent (self) > 0)) &&
      self->orientation_idle == 0)
    self->orientation_idle = g_idle_add (_ferry_connection_tab_orientation_idle_cb, self);
}

/* ---- the session ---- */

static void
session_log_cb (FerrySession       *session,
                guint               kind,
                const char         *text,
                FerryConnectionTab *self)
{
  _ferry_connection_tab_log (self, kind, text);
}

void
_ferry_connection_tab_prompt_cb (GObject            *emitter,
                                 FerryPrompt        *prompt,
                                 FerryConnectionTab *self)
{
  GCancellable *cancellable = self->state == FERRY_CONNECTION_STATE_CONNECTING
                                ? self->cancellable : self->lifetime;

  g_signal_emit (self, signals[SIGNAL_ATTENTION], 0);
  ferry_prompt_handler_run (_ferry_connection_tab_parent_window (self), prompt, cancellable);
}

static void
session_security_changed_cb (FerrySession       *session,
                             FerryConnectionTab *self)
{
  g_clear_pointer (&self->status, ferry_security_status_free);
  self->status = ferry_session_dup_security_status (session);
  if (self->state == FERRY_CONNECTION_STATE_CONNECTED)
    update_status_label (self);
  g_signal_emit (self, signals[SIGNAL_SECURITY_CHANGED], 0);
}

static void
drop_session (FerryConnectionTab *self)
{
  /* The remote pane browses through the session: it goes with it. */
  if (self->remote_pane != NULL)
    {
      gtk_paned_set_end_child (self->files_paned, NULL);
      self->remote_pane = NULL;
      g_clear_object (&self->remote_source);
    }
  if (self->session == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->session, self);
  if (ferry_session_is_connected (self->session))
    /* QUIT in the background; the call keeps the session alive until done. */
    ferry_session_disconnect_async (self->session, NULL, NULL, NULL);
  g_clear_object (&self->session);
}

static void
ensure_session (FerryConnectionTab *self)
{
  if (self->session != NULL)
    return;
  self->session = ferry_session_new (self->endpoint, self->known);
  g_signal_connect (self->session, "log", G_CALLBACK (session_log_cb), self);
  g_signal_connect (self->session, "prompt", G_CALLBACK (_ferry_connection_tab_prompt_cb), self);
  g_signal_connect (self->session, "security-changed",
                    G_CALLBACK (session_security_changed_cb), self);
}

static void
keyring_store_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FerryConnectionTab) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ferry_keyring_store_finish (result, &error))
    _ferry_connection_tab_toast (self, _("Password saved in the keyring"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _ferry_connection_tab_log (self, FERRY_LOG_WARNING, error->message);
      _ferry_connection_tab_toast (self, error->message);
    }
}

static void
connect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FerryConnectionTab) self = user_data;
  FerrySession *session = FERRY_SESSION (source);
  g_autoptr(GError) error = NULL;
  gboolean offer_remember;

  if (!ferry_session_connect_finish (session, result, &error))
    {
      if (session != self->session)
        return;
      if (g_error_matches (error, FERRY_ERROR, FERRY_ERROR_LOGIN_FAILED) && !is_anonymous (self)
          && !g_cancellable_is_cancelled (self->cancellable))
        {
          /* Refused: ask again, and offer to put the right one in the keyring. */
          _ferry_connection_tab_log (self, FERRY_LOG_ERROR, error->message);
          offer_remember = self->site != NULL && !self->keyring_failed
                           && ferry_site_get_logon_type (self->site) == FERRY_LOGON_NORMAL;
          forget_password (self);
          drop_session (self);
          ask_password (self, TRUE, offer_remember);
          return;
        }
      fail (self, error);
      return;
    }
  if (session != self->session)
    return;

  if (self->remember_password && self->site != NULL && self->password != NULL)
    ferry_keyring_store_async (self->site, self->password, FERRY_KEYRING_DEFAULT_TIMEOUT_MS,
                               self->lifetime, keyring_store_cb, g_object_ref (self));
  self->remember_password = FALSE;

  g_clear_error (&self->error);
  session_security_changed_cb (session, self);
  _ferry_connection_tab_setup_local_pane (self);
  _ferry_connection_tab_setup_remote_pane (self);
  set_state (self, FERRY_CONNECTION_STATE_CONNECTED);
}

static void
connect_with_password (FerryConnectionTab *self)
{
  g_autofree char *address = ferry_endpoint_dup_host_port (self->endpoint);
  g_autofree char *message = g_strdup_printf (_("Connecting to %s…"), address);

  _ferry_connection_tab_log (self, FERRY_LOG_STATUS, message);
  ensure_session (self);
  ferry_session_set_password (self->session, self->password);
  ferry_session_connect_async (self->session, self->cancellable, connect_cb, g_object_ref (self));
}

static void
password_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FerryConnectionTab) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean remember = FALSE;
  char *password = ferry_password_dialog_ask_finish (result, &remember, &error);

  /* Answered: cancelling the connection later has nothing to close. */
  g_clear_object (&self->asking);
  if (password == NULL)
    {
      fail (self, error);
      return;
    }
  forget_password (self);
  self->password = password;
  self->remember_password = remember;
  connect_with_password (self);
}

static void
ask_password (FerryConnectionTab *self,
              gboolean            rejected_before,
              gboolean            offer_remember)
{
  g_autofree char *address = ferry_endpoint_dup_host_port (self->endpoint);

  g_signal_emit (self, signals[SIGNAL_ATTENTION], 0);
  g_clear_object (&self->asking);
  self->asking = g_cancellable_new ();
  ferry_password_dialog_ask_async (_ferry_connection_tab_parent_window (self),
                                   self->endpoint->user, address, rejected_before,
                                   offer_remember, self->asking, password_cb,
                                   g_object_ref (self));
}

static void
keyring_lookup_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FerryConnectionTab) self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = ferry_keyring_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fail (self, error);
      return;
    }
  if (password != NULL)
    {
      forget_password (self);
      self->password = g_strdup (password);
      ferry_keyring_password_free (password);
      connect_with_password (self);
      return;
    }
  if (error != NULL)
    {
      /* No keyring: say so, and ask (nothing can be remembered). */
      self->keyring_failed = TRUE;
      _ferry_connection_tab_log (self, FERRY_LOG_WARNING, error->message);
      _ferry_connection_tab_toast (self, error->message);
    }
  ask_password (self, FALSE, !self->keyring_failed);
}

void
ferry_connection_tab_connect (FerryConnectionTab *self)
{
  g_return_if_fail (FERRY_IS_CONNECTION_TAB (self));

  if (self->state == FERRY_CONNECTION_STATE_CONNECTING
      || self->state == FERRY_CONNECTION_STATE_CONNECTED)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_error (&self->error);

  set_state (self, FERRY_CONNECTION_STATE_CONNECTING);

  /* A session that was disconnected starts over. */
  if (self->session != NULL && !ferry_session_is_connected (self->session))
    drop_session (self);

  if (is_anonymous (self) || self->password != NULL)
    connect_with_password (self);
  else if (self->site != NULL && ferry_site_get_logon_type (self->site) == FERRY_LOGON_NORMAL)
    ferry_keyring_lookup_async (ferry_site_get_id (self->site), FERRY_KEYRING_DEFAULT_TIMEOUT_MS,
                                self->cancellable, keyring_lookup_cb, g_object_ref (self));
  else
    ask_password (self, FALSE, FALSE);
}

void
ferry_connection_tab_set_password (FerryConnectionTab *self,
                                   const char         *password)
{
  g_return_if_fail (FERRY_IS_CONNECTION_TAB (self));

  forget_password (self);
  self->password = g_strdup (password);
  self->remember_password = FALSE;
}

void
ferry_connection_tab_cancel (FerryConnectionTab *self)
{
  g_return_if_fail (FERRY_IS_CONNECTION_TAB (self));

  if (self->state != FERRY_CONNECTION_STATE_CONNECTING)
    return;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->asking);
}

static void
disconnect_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FerryConnectionTab) self = user_data;

  ferry_session_disconnect_finish (FERRY_SESSION (source), result, NULL);
}

void
ferry_connection_tab_disconnect (FerryConnectionTab *self)
{
  g_autofree char *address = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (FERRY_IS_CONNECTION_TAB (self));

  if (self->state == FERRY_CONNECTION_STATE_CONNECTING)
    {
      ferry_connection_tab_cancel (self);
      return;
    }
  if (self->state != FERRY_CONNECTION_STATE_CONNECTED)
    return;

  if (self->runner != NULL)
    ferry_transfer_runner_cancel_all (self->runner);
  if (self->session != NULL)
    {
      FerrySession *session = g_object_ref (self->session);

      g_signal_handlers_disconnect_by_data (session, self);
      g_clear_object (&self->session);
      drop_session (self);
      ferry_session_disconnect_async (session, NULL, disconnect_cb, g_object_ref (self));
      g_object_unref (session);
    }
  g_clear_pointer (&self->status, ferry_security_status_free);
  g_signal_emit (self, signals[SIGNAL_SECURITY_CHANGED], 0);

  address = ferry_endpoint_dup_host_port (self->endpoint);
  description = g_strdup_printf (_("You disconnected from %s."), address);
  _ferry_connection_tab_log (self, FERRY_LOG_STATUS, description);
  show_stopped (self, "network-offline-symbolic", _("Disconnected"), description);
  set_state (self, FERRY_CONNECTION_STATE_DISCONNECTED);
}

void
ferry_connection_tab_set_log_visible (FerryConnectionTab *self,
                                      gboolean            visible)
{
  g_return_if_fail (FERRY_IS_CONNECTION_TAB (self));

  gtk_toggle_button_set_active (self->log_toggle, visible);
}

void
_ferry_connection_tab_notify_busy (FerryConnectionTab *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ---- actions ---- */

static void
tab_cancel_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ferry_connection_tab_cancel (FERRY_CONNECTION_TAB (widget));
}

static void
tab_reconnect_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ferry_connection_tab_connect (FERRY_CONNECTION_TAB (widget));
}

static void
tab_disconnect_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ferry_connection_tab_disconnect (FERRY_CONNECTION_TAB (widget));
}

static void
tab_edit_site_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FerryConnectionTab *self = FERRY_CONNECTION_TAB (widget);

  if (self->site != NULL)
    g_signal_emit (self, signals[SIGNAL_EDIT_SITE], 0, self->site);
}

static void
tab_download_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _ferry_connection_tab_transfer_selection (FERRY_CONNECTION_TAB (widget), FALSE);
}

static void
tab_upload_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _ferry_connection_tab_transfer_selection (FERRY_CONNECTION_TAB (widget), TRUE);
}

/* ---- the object ---- */

static void
ferry_connection_tab_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FerryConnectionTab *self = FERRY_CONNECTION_TAB (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, ferry_connection_tab_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_connection_tab_dispose (GObject *object)
{
  FerryConnectionTab *self = FERRY_CONNECTION_TAB (object);
  GtkWidget *child;

  g_cancellable_cancel (self->lifetime);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->asking);
  g_clear_handle_id (&self->orientation_idle, g_source_remove);
  if (self->runner != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->runner, self);
      /* Closing keeps what is unfinished for the next start. */
      _ferry_connection_tab_queue_keep (self);
      ferry_transfer_runner_cancel_all (self->runner);
    }
  drop_session (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_CONNECTION_TAB);
  /* The template's top-level child is not bound to a field: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->local_pane = NULL;
  self->remote_pane = NULL;
  g_clear_object (&self->runner);
  g_clear_object (&self->local_source);
  g_clear_object (&self->remote_source);

  G_OBJECT_CLASS (ferry_connection_tab_parent_class)->dispose (object);
}

static void
ferry_connection_tab_finalize (GObject *object)
{
  FerryConnectionTab *self = FERRY_CONNECTION_TAB (object);

  forget_password (self);
  g_clear_object (&self->site);
  g_clear_pointer (&self->endpoint, ferry_endpoint_free);
  g_clear_pointer (&self->status, ferry_security_status_free);
  g_clear_object (&self->known);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lifetime);
  g_clear_object (&self->asking);
  g_clear_error (&self->error);
  g_free (self->first_remote_path);
  g_free (self->title);

  G_OBJECT_CLASS (ferry_connection_tab_parent_class)->finalize (object);
}

static void
ferry_connection_tab_class_init (FerryConnectionTabClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_connection_tab_get_property;
  object_class->dispose = ferry_connection_tab_dispose;
  object_class->finalize = ferry_connection_tab_finalize;
  widget_class->measure = ferry_connection_tab_measure;
  widget_class->size_allocate = ferry_connection_tab_size_allocate;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, FERRY_TYPE_CONNECTION_STATE,
                       FERRY_CONNECTION_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerryConnectionTab::security-changed:
   * Read the new status with ferry_connection_tab_dup_security_status().
   */
  signals[SIGNAL_SECURITY_CHANGED] =
    g_signal_new ("security-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * FerryConnectionTab::toast:
   * @message: a sentence for the person
   */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * FerryConnectionTab::attention:
   * The tab asks the person something: show it.
   */
  signals[SIGNAL_ATTENTION] =
    g_signal_new ("attention", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * FerryConnectionTab::edit-site:
   * @site: the tab's site
   */
  signals[SIGNAL_EDIT_SITE] =
    g_signal_new ("edit-site", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_SITE);

  g_type_ensure (FERRY_TYPE_TRANSFER_PANEL);
  g_type_ensure (FERRY_TYPE_SESSION_LOG);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/ferryapp/Ferry/ui/ferry-connection-tab.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, stack);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, connecting_page);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, spinner);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, stopped_page);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, reconnect_button);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, edit_site_button);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, files_paned);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, transfers_revealer);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, transfer_panel);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, transfers_handle);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, log_handle);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, log_revealer);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, session_log);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, transfers_toggle);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, transfers_indicator);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, log_toggle);
  gtk_widget_class_bind_template_child (widget_class, FerryConnectionTab, status_label);

  gtk_widget_class_install_action (widget_class, "tab.cancel", NULL, tab_cancel_action);
  gtk_widget_class_install_action (widget_class, "tab.reconnect", NULL, tab_reconnect_action);
  gtk_widget_class_install_action (widget_class, "tab.disconnect", NULL, tab_disconnect_action);
  gtk_widget_class_install_action (widget_class, "tab.edit-site", NULL, tab_edit_site_action);
  gtk_widget_class_install_action (widget_class, "tab.download", NULL, tab_download_action);
  gtk_widget_class_install_action (widget_class, "tab.upload", NULL, tab_upload_action);
  /* Download what is selected on the server, upload what is selected here,
   * wherever the focus is in the tab (also shown in the panes' menus). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "tab.download", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK,
                                       "tab.upload", NULL);
}

static GSettings *
settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

static void
ferry_connection_tab_init (FerryConnectionTab *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->lifetime = g_cancellable_new ();
  self->settings = settings_new ();
  g_signal_connect_swapped (self->files_paned, "notify::position",
                            G_CALLBACK (_ferry_connection_tab_paned_position_cb), self);
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "show-transfers", self->transfers_toggle, "active",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "show-session-log", self->log_toggle, "active",
                       G_SETTINGS_BIND_DEFAULT);
    }
  ferry_resize_handle_attach (self->transfers_handle, GTK_WIDGET (self->transfer_panel),
                              self->settings, "transfers-height");
  _ferry_connection_tab_setup_transfer_panel (self);
  ferry_resize_handle_attach (self->log_handle, GTK_WIDGET (self->session_log),
                              self->settings, "session-log-height");
  set_state (self, FERRY_CONNECTION_STATE_IDLE);
}

/* What a new tab takes from its endpoint and the preferences. */
static void
apply_preferences (FerryConnectionTab *self)
{
  g_autofree char *address = ferry_endpoint_dup_host_port (self->endpoint);
  g_autofree char *title = g_strdup_printf (_("Connecting to %s…"), self->title);

  adw_status_page_set_title (self->connecting_page, title);
  adw_status_page_set_description (self->connecting_page, address);

  /* The preferences' minimum TLS version is a floor for every connection. */
  if (self->settings != NULL && g_settings_get_enum (self->settings, "minimum-tls-version") >= 13)
    self->endpoint->min_tls = FERRY_TLS_VERSION_1_3;
}

FerryConnectionTab *
ferry_connection_tab_new_for_site (FerrySite         *site,
                                   FerryKnownServers *known)
{
  FerryConnectionTab *self;
  const char *remote_dir;

  g_return_val_if_fail (FERRY_IS_SITE (site), NULL);

  self = g_object_new (FERRY_TYPE_CONNECTION_TAB, NULL);
  self->site = g_object_ref (site);
  self->endpoint = ferry_site_dup_endpoint (site);
  self->known = known ? g_object_ref (known) : NULL;
  remote_dir = ferry_site_get_remote_dir (site);
  self->first_remote_path = remote_dir && remote_dir[0] ? g_strdup (remote_dir) : NULL;
  self->title = g_strdup (ferry_site_get_name (site));
  apply_preferences (self);
  return self;
}

FerryConnectionTab *
ferry_connection_tab_new_for_endpoint (const FerryEndpoint *endpoint,
                                       const char          *remote_path,
                                       FerryKnownServers   *known)
{
  FerryConnectionTab *self;

  g_return_val_if_fail (endpoint != NULL, NULL);

  self = g_object_new (FERRY_TYPE_CONNECTION_TAB, NULL);
  self->endpoint = ferry_endpoint_copy (endpoint);
  self->known = known ? g_object_ref (known) : NULL;
  self->first_remote_path = g_strdup (remote_path);
  self->title = g_strdup (endpoint->host);
  apply_preferences (self);
  return self;
}

FerryConnectionState
ferry_connection_tab_get_state (FerryConnectionTab *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_TAB (self), FERRY_CONNECTION_STATE_IDLE);

  return self->state;
}

const GError *
ferry_connection_tab_get_error (FerryConnectionTab *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_TAB (self), NULL);

  return self->error;
}

const char *
ferry_connection_tab_get_title (FerryConnectionTab *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_TAB (self), NULL);

  return self->title;
}

char *
ferry_connection_tab_dup_address (FerryConnectionTab *self)
{
  g_autofree char *host_port = NULL;

  g_return_val_if_fail (FERRY_IS_CONNECTION_TAB (self), NULL);

  host_port = ferry_endpoint_dup_host_port (self->endpoint);
  if (self->endpoint->user != NULL && self->endpoint->user[0] != '\0')
    return g_strdup_printf ("%s@%s", self->endpoint->user, host_port);
  return g_steal_pointer (&host_port);
}

char *
ferry_connection_tab_dup_url (FerryConnectionTab *self)
{
  FerrySecurityMode mode;
  FerryUrl url = { 0, };

  g_return_val_if_fail (FERRY_IS_CONNECTION_TAB (self), NULL);

  mode = self->endpoint->security;
  if (self->status != NULL && self->status->control != FERRY_CONTROL_CHANNEL_NONE)
    mode = self->status->mode;
  url.has_security = mode == FERRY_SECURITY_EXPLICIT || mode == FERRY_SECURITY_IMPLICIT;
  url.security = url.has_security ? mode : FERRY_SECURITY_AUTO;
  url.user = self->endpoint->user != NULL && self->endpoint->user[0] != '\0'
               ? self->endpoint->user : NULL;
  url.host = self->endpoint->host;
  url.port = self->endpoint->port;
  return ferry_url_to_string (&url);
}

FerrySite *
ferry_connection_tab_get_site (FerryConnectionTab *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_TAB (self), NULL);

  return self->site;
}

const FerryEndpoint *
ferry_connection_tab_get_endpoint (FerryConnectionTab *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_TAB (self), NULL);

  return self->endpoint;
}

FerrySecurityStatus *
ferry_connection_tab_dup_security_status (FerryConnectionTab *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_TAB (self), NULL);

  if (self->status == NULL || self->state != FERRY_CONNECTION_STATE_CONNECTED)
    return NULL;
  return ferry_security_status_copy (self->status);
}

const char *
ferry_connection_tab_get_remote_path (FerryConnectionTab *self)
{
  g_return_val_if_fail (FERRY_IS_CONNECTION_TAB (self), NULL);

  return self->remote_pane ? ferry_file_pane_get_path (FERRY_FILE_PANE (self->remote_pane))
                           : NULL;
}
