/* ferry-site-editor-test.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test Connection: probes the site's server with its settings and the
 * password from the keyring (or asked for), using the known servers shared
 * with ferry-cli, and shows in words what the probe found. A certificate
 * question goes to the editor's "prompt" signal; when nobody takes it, it is
 * rejected and the results say so.
 */
#define G_LOG_DOMAIN "ferry-site-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-error.h"
#include "ferry-keyring.h"
#include "ferry-password-dialog.h"
#include "ferry-site-editor-private.h"

/* Tries with a password the server refused before giving up. */
#define MAX_PASSWORD_ATTEMPTS 3

static void run_probe (FerrySiteEditor *self,
                       const char      *password);

/* Showing ------------------------------------------------------------------- */

static void
clear_rows (FerrySiteEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->test_list))) != NULL)
    gtk_list_box_remove (self->test_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->test_list), FALSE);
}

static void
add_row (FerrySiteEditor *self,
         const char      *icon_name,
         const char      *css_class,
         const char      *title,
         const char      *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (css_class != NULL)
    gtk_widget_add_css_class (icon, css_class);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_append (self->test_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->test_list), TRUE);
}

static void
show_status (FerrySiteEditor *self,
             gboolean         running,
             const char      *icon_name,
             const char      *css_class,
             const char      *text)
{
  static const char *classes[] = { "success", "warning", "error" };

  gtk_spinner_set_spinning (self->test_spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), running);
  gtk_widget_set_visible (GTK_WIDGET (self->test_status_icon), !running);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->test_status_icon), classes[i]);
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (self->test_status_icon, icon_name);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->test_status_icon), css_class);
  gtk_label_set_text (self->test_summary_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->test_cancel_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->test_close_button), !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.test", !running);
  gtk_widget_set_visible (GTK_WIDGET (self->test_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->test_revealer, TRUE);
}

static void
show_stopped (FerrySiteEditor *self,
              const char      *text)
{
  clear_rows (self);
  show_status (self, FALSE, "dialog-information-symbolic", NULL, text);
}

static char *
describe_data_connection (const FerryProbeDataConnection *dc)
{
  if (!dc->protected_)
    /* Translators: %s is an address such as 127.0.0.1:40001. */
    return g_strdup_printf (_("%s: not encrypted"), dc->address);
  if (dc->resumed)
    /* Translators: %s is an address, %s a TLS version such as TLS1.3. */
    return g_strdup_printf (_("%s: encrypted with %s, resumed the control session"),
                            dc->address, dc->tls_version ? dc->tls_version : "TLS");
  if (dc->refusal != FERRY_RESUME_REFUSAL_NONE)
    /* Translators: %s is an address, %s a TLS version, then why it did not resume, e.g.
     * "the server issues no TLS 1.3 session tickets". */
    return g_strdup_printf (_("%s: encrypted with %s, did not resume the control session (%s)"),
                            dc->address, dc->tls_version ? dc->tls_version : "TLS",
                            ferry_resume_refusal_for_people (dc->refusal));
  return g_strdup_printf (_("%s: encrypted with %s, did not resume the control session"),
                          dc->address, dc->tls_version ? dc->tls_version : "TLS");
}

static void
show_report (FerrySiteEditor        *self,
             const FerryProbeReport *report)
{
  const FerrySecurityStatus *st = report->status;
  FerryTrustStatement trust = ferry_security_status_get_trust (st);
  g_autofree char *summary = ferry_probe_report_summarize (report);
  gboolean connected = st->control != FERRY_CONTROL_CHANNEL_NONE;
  gboolean ok = report->error == NULL;

  clear_rows (self);
  if (ok)
    show_status (self, FALSE, "emblem-ok-symbolic", "success", summary);
  else if (connected)
    show_status (self, FALSE, "dialog-warning-symbolic", "warning", summary);
  else
    show_status (self, FALSE, "dialog-error-symbolic", "error", report->error->message);

  if (report->error != NULL && connected)
    add_row (self, "dialog-error-symbolic", "error", _("Problem"), report->error->message);
  if (self->test_prompt_unhandled)
    add_row (self, "dialog-warning-symbolic", "warning", _("Certificate Not Trusted"),
             _("The test could not ask you whether to trust this server’s certificate, so it "
               "was rejected. Connect to the site from the main window to review the "
               "certificate and decide, then test again."));
  if (report->detection != NULL)
    add_row (self, "system-search-symbolic", NULL, _("Security Mode"), report->detection);
  if (connected)
    {
      g_autofree char *control = ferry_security_status_describe_control (st);

      add_row (self, "network-transmit-receive-symbolic", NULL, _("Commands"), control);
    }
  if (report->logged_in)
    {
      g_autofree char *credentials = ferry_security_status_describe_credentials (st);

      add_row (self, st->credentials_encrypted ? "channel-secure-symbolic"
                                               : "channel-insecure-symbolic",
               st->credentials_encrypted ? NULL : "error", _("Password"), credentials);
    }
  if (report->logged_in)
    {
      g_autofree char *data = ferry_security_status_describe_data (st);
      GString *text = g_string_new (data);

      for (guint i = 0; i < report->data_connections->len; i++)
        {
          g_autofree char *line = describe_data_connection (
            g_ptr_array_index (report->data_connections, i));

          g_string_append_printf (text, "\n%s", line);
        }
      add_row (self, "folder-remote-symbolic", NULL, _("File Transfers"), text->str);
      g_string_free (text, TRUE);
    }
  if (report->certificate != NULL || trust.trust != FERRY_CERTIFICATE_TRUST_NONE)
    {
      GString *text = g_string_new (trust.sentence);

      if (report->certificate != NULL)
        {
          g_autofree char *sha256 =
            ferry_fingerprint_format (ferry_certificate_get_sha256 (report->certificate));

          g_string_append_printf (text, "\n%s\nSHA-256 %s",
                                  ferry_certificate_get_subject (report->certificate), sha256);
        }
      add_row (self, "security-high-symbolic", NULL, _("Certificate"), text->str);
      g_string_free (text, TRUE);
    }
  for (guint i = 0; report->certificate_errors[i] != NULL; i++)
    {
      /* A certificate you chose to trust: why the system alone would not. */
      if (trust.accepted && !trust.verified)
        add_row (self, "dialog-information-symbolic", NULL, _("Not Trusted by the System"),
                 report->certificate_errors[i]);
      else
        add_row (self, "dialog-warning-symbolic", "warning", _("Certificate Problem"),
                 report->certificate_errors[i]);
    }
  for (guint i = 0; i < report->notes->len; i++)
    add_row (self, "dialog-information-symbolic", NULL, _("Note"),
             g_ptr_array_index (report->notes, i));
  if (st->firewall != NULL)
    {
      g_autofree char *firewall = ferry_firewall_describe (st->firewall);
      gboolean blocked = ferry_firewall_blocked (st->firewall);

      add_row (self, blocked ? "dialog-warning-symbolic" : "network-wired-symbolic",
               blocked ? "warning" : NULL, _("Firewall"), firewall);
    }
}

/* Running ------------------------------------------------------------------- */

static void
drop_session (FerrySiteEditor *self)
{
  if (self->test_session == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->test_session, self);
  /* QUIT in the background; the worker ends by itself. */
  ferry_session_disconnect_async (self->test_session, NULL, NULL, NULL);
  g_clear_object (&self->test_session);
}

static gboolean
is_current (FerrySiteEditor *self,
            GCancellable    *cancellable)
{
  return cancellable == self->test_cancellable && !g_cancellable_is_cancelled (cancellable);
}

static void
session_prompt_cb (FerrySession    *session,
                   FerryPrompt     *prompt,
                   FerrySiteEditor *self)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (self, "prompt", prompt, &handled);
  if (!handled)
    {
      self->test_prompt_unhandled = TRUE;
      ferry_prompt_respond (prompt, FERRY_PROMPT_ANSWER_REJECT);
    }
}

static GtkWindow *
parent_window (FerrySiteEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

typedef struct
{
  FerrySiteEditor *self;     /* a reference */
  GCancellable *cancellable; /* the run this belongs to */
} Step;

static Step *
step_new (FerrySiteEditor *self)
{
  Step *step = g_new0 (Step, 1);

  step->self = g_object_ref (self);
  step->cancellable = g_object_ref (self->test_cancellable);
  return step;
}

static void
step_free (Step *step)
{
  g_clear_object (&step->self);
  g_clear_object (&step->cancellable);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Step, step_free)

static void
password_answered_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  FerrySiteEditor *self = step->self;
  g_autoptr(GError) error = NULL;
  gboolean remember = FALSE;
  char *password;

  password = ferry_password_dialog_ask_finish (result, &remember, &error);
  if (!is_current (self, step->cancellable))
    {
      ferry_password_free (password);
      return;
    }
  if (password == NULL)
    {
      show_stopped (self, _("The test did not run: no password was given."));
      return;
    }
  if (remember)
    _ferry_site_editor_save_password (self, self->site, password);
  run_probe (self, password);
  ferry_password_free (password);
}

static void
ask_password (FerrySiteEditor *self,
              gboolean         rejected_before,
              gboolean         offer_remember)
{
  g_autoptr(FerryEndpoint) endpoint = ferry_site_dup_endpoint (self->site);
  g_autofree char *host_port = ferry_endpoint_dup_host_port (endpoint);

  show_status (self, TRUE, NULL, NULL, _("Waiting for the password…"));
  ferry_password_dialog_ask_async (parent_window (self), ferry_site_get_user (self->site),
                                   host_port, rejected_before, offer_remember,
                                   self->test_cancellable, password_answered_cb,
                                   step_new (self));
}

static void
probe_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  FerrySiteEditor *self = step->self;
  g_autoptr(FerryProbeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  FerryLogonType logon;

  report = ferry_session_probe_finish (FERRY_SESSION (source), result, &error);
  if (!is_current (self, step->cancellable))
    return;
  drop_session (self);
  if (report == NULL)
    {
      show_stopped (self, error->message);
      return;
    }

  logon = ferry_site_get_logon_type (self->site);
  if (g_error_matches (report->error, FERRY_ERROR, FERRY_ERROR_LOGIN_FAILED)
      && logon != FERRY_LOGON_ANONYMOUS && ++self->test_attempts < MAX_PASSWORD_ATTEMPTS)
    {
      ask_password (self, TRUE, logon == FERRY_LOGON_NORMAL
                                && self->keyring_state != KEYRING_STATE_UNAVAILABLE);
      return;
    }

  show_report (self, report);
  _ferry_site_editor_refresh_detected (self);
}

static void
run_probe (FerrySiteEditor *self,
           const char      *password)
{
  g_autoptr(FerryEndpoint) endpoint = ferry_site_dup_endpoint (self->site);
  g_autofree char *host_port = ferry_endpoint_dup_host_port (endpoint);
  g_autofree char *text = NULL;

  drop_session (self);
  self->test_prompt_unhandled = FALSE;
  self->test_session = ferry_session_new (endpoint, _ferry_site_editor_get_known_servers (self));
  ferry_session_set_password (self->test_session, password);
  g_signal_connect (self->test_session, "prompt", G_CALLBACK (session_prompt_cb), self);

  /* Translators: %s is "host:port". */
  text = g_strdup_printf (_("Testing the connection to %s…"), host_port);
  show_status (self, TRUE, NULL, NULL, text);
  ferry_session_probe_async (self->test_session, 2, self->test_cancellable, probe_done_cb,
                             step_new (self));
}

static void
lookup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  FerrySiteEditor *self = step->self;
  g_autoptr(GError) error = NULL;
  char *password;

  password = ferry_keyring_lookup_finish (result, &error);
  if (!is_current (self, step->cancellable))
    {
      ferry_keyring_password_free (password);
      return;
    }
  if (password != NULL)
    run_probe (self, password);
  else
    ask_password (self, FALSE, error == NULL);
  ferry_keyring_password_free (password);
}

void
_ferry_site_editor_test_start (FerrySiteEditor *self)
{
  if (self->site == NULL)
    return;
  if (!_ferry_site_editor_check_host (self))
    {
      show_stopped (self, _("Fill in the host name of the server first."));
      gtk_widget_grab_focus (GTK_WIDGET (self->host_row));
      return;
    }
  ferry_site_editor_commit_password (self);

  _ferry_site_editor_test_reset (self);
  self->test_cancellable = g_cancellable_new ();
  self->test_attempts = 0;
  clear_rows (self);

  switch (ferry_site_get_logon_type (self->site))
    {
    case FERRY_LOGON_ANONYMOUS:
      run_probe (self, NULL);
      break;
    case FERRY_LOGON_ASK:
      ask_password (self, FALSE, FALSE);
      break;
    case FERRY_LOGON_NORMAL:
    default:
      show_status (self, TRUE, NULL, NULL, _("Reading the password from the keyring…"));
      ferry_keyring_lookup_async (ferry_site_get_id (self->site), 0, self->test_cancellable,
                                  lookup_done_cb, step_new (self));
      break;
    }
}

void
_ferry_site_editor_test_cancel (FerrySiteEditor *self)
{
  if (self->test_cancellable == NULL)
    return;
  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  drop_session (self);
  show_stopped (self, _("The test was cancelled."));
}

void
_ferry_site_editor_test_hide (FerrySiteEditor *self)
{
  /* Hidden, not only folded: the form's spacing closes up. */
  gtk_revealer_set_reveal_child (self->test_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_revealer), FALSE);
}

void
_ferry_site_editor_test_reset (FerrySiteEditor *self)
{
  if (self->test_cancellable != NULL)
    g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  drop_session (self);
  gtk_spinner_set_spinning (self->test_spinner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.test", TRUE);
  if (self->test_revealer != NULL)
    _ferry_site_editor_test_hide (self);
}
