/* ferry-site-editor.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form of one saved site. What the person types goes into the FerrySite
 * at once; the owner saves the store when "changed" is emitted. Passwords go
 * to the keyring only, asynchronously, and the form says what became of them.
 * Test Connection lives in ferry-site-editor-test.c.
 */
#define G_LOG_DOMAIN "ferry-site-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-known-servers-file.h"
#include "ferry-site-editor-private.h"

G_DEFINE_FINAL_TYPE (FerrySiteEditor, ferry_site_editor, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_CHANGED,
  SIGNAL_CONNECT,
  SIGNAL_PROMPT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The combo rows list the security modes, data protections, TLS versions and
 * transfer modes in the order of their enums. */
G_STATIC_ASSERT (FERRY_SECURITY_AUTO == 0 && FERRY_SECURITY_PLAIN == 4);
G_STATIC_ASSERT (FERRY_DATA_PROTECTION_PRIVATE == 0 && FERRY_TLS_VERSION_1_2 == 0);
G_STATIC_ASSERT (FERRY_TRANSFER_MODE_PASSIVE == 0);

/* The logon row shows: saved password, ask, anonymous. */
static const FerryLogonType logon_order[] = {
  FERRY_LOGON_NORMAL, FERRY_LOGON_ASK, FERRY_LOGON_ANONYMOUS,
};

/* The header --------------------------------------------------- */

static void
update_header (FerrySiteEditor *self)
{
  const char *name;
  g_autofree char *address = NULL;

  if (self->site == NULL)
    return;

  name = ferry_site_get_name (self->site);
  gtk_label_set_text (self->title_label, name[0] != '\0' ? name : _("Unnamed Site"));
  if (ferry_site_get_host (self->site)[0] != '\0')
    address = ferry_site_dup_display_address (self->site);
  gtk_label_set_text (self->address_label, address ? address : _("No host yet"));
}

/* Detected mode (read in a thread: the file may be slow) ----------------------- */

typedef struct
{
  FerryKnownServers *known_servers;
  char *host;
  guint16 port;
} DetectJob;

static void
detect_job_free (gpointer data)
{
  DetectJob *job = data;

  g_clear_object (&job->known_servers);
  g_free (job->host);
  g_free (job);
}

static void
detect_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DetectJob *job = task_data;

  g_task_return_int (task, ferry_known_servers_get_mode (job->known_servers, job->host,
                                                         job->port));
}

static void
detect_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  FerrySiteEditor *self = FERRY_SITE_EDITOR (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gssize mode = g_task_propagate_int (G_TASK (result), &error);

  if (error != NULL)
    return;   /* cancelled: another site is shown */

  if (mode == FERRY_SECURITY_AUTO)
    text = g_strdup (_("Not detected yet: Ferry remembers the mode that works on the first "
                       "connection."));
  else
    /* Translators: %s is “explicit FTPS”, “implicit FTPS” or “plain FTP”, translated on its
     * own. */
    text = g_strdup_printf (_("Detected: %s"), ferry_security_mode_for_people (mode));
  adw_action_row_set_subtitle (self->detected_row, text);
}

FerryKnownServers *
_ferry_site_editor_get_known_servers (FerrySiteEditor *self)
{
  if (self->known_servers == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->known_servers = ferry_known_servers_file_new_default (&error);
      if (self->known_servers == NULL)
        g_warning ("%s", error->message);
    }
  return self->known_servers;
}

static gboolean
detect_timeout_cb (gpointer user_data)
{
  FerrySiteEditor *self = user_data;
  g_autoptr(FerryEndpoint) endpoint = NULL;
  g_autoptr(GTask) task = NULL;
  FerryKnownServers *known;
  DetectJob *job;

  self->detect_source = 0;
  known = _ferry_site_editor_get_known_servers (self);
  if (self->site == NULL || known == NULL || ferry_site_get_host (self->site)[0] == '\0')
    {
      adw_action_row_set_subtitle (self->detected_row,
                                   _("Not detected yet: fill in the host first."));
      return G_SOURCE_REMOVE;
    }

  endpoint = ferry_site_dup_endpoint (self->site);
  job = g_new0 (DetectJob, 1);
  job->known_servers = g_object_ref (known);
  job->host = g_strdup (endpoint->host);
  job->port = ferry_endpoint_get_effective_port (endpoint);
  task = g_task_new (self, self->site_cancellable, detect_done_cb, NULL);
  g_task_set_source_tag (task, detect_timeout_cb);
  g_task_set_task_data (task, job, detect_job_free);
  g_task_run_in_thread (task, detect_thread);
  return G_SOURCE_REMOVE;
}

void
_ferry_site_editor_refresh_detected (FerrySiteEditor *self)
{
  g_clear_handle_id (&self->detect_source, g_source_remove);
  /* Typing a host name changes it on every key: wait until it rests. */
  self->detect_source = g_timeout_add (300, detect_timeout_cb, self);
}

/* Showing the site -------------------------------------------------------------- */

static void
set_entry_text (GtkEditable *editable,
                const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text ? text : "") != 0)
    gtk_editable_set_text (editable, text ? text : "");
}

static guint
logon_position (FerryLogonType logon)
{
  for (guint i = 0; i < G_N_ELEMENTS (logon_order); i++)
    if (logon_order[i] == logon)
      return i;
  return 0;
}

static void
update_logon_rows (FerrySiteEditor *self)
{
  FerryLogonType logon = ferry_site_get_logon_type (self->site);
  g_autofree char *message = g_strdup (adw_action_row_get_subtitle (self->keyring_row));

  gtk_widget_set_visible (GTK_WIDGET (self->user_row), logon != FERRY_LOGON_ANONYMOUS);
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_row), logon != FERRY_LOGON_ANONYMOUS);
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), logon == FERRY_LOGON_NORMAL);
  _ferry_site_editor_set_keyring_state (self, self->keyring_state, message);
}

static void
update_security_subtitle (FerrySiteEditor *self)
{
  static const char *descriptions[] = {
    N_("Detects explicit or implicit FTPS. Never falls back to plain FTP by itself."),
    N_("Requires AUTH TLS on the normal port; refuses servers without TLS."),
    N_("Uses AUTH TLS when the server offers it; otherwise asks before logging in "
       "without encryption."),
    N_("TLS from the first byte, usually on port 990."),
    N_("No encryption at all: your password and files travel in clear text."),
  };
  FerrySecurityMode mode = ferry_site_get_security (self->site);
  g_autofree char *port = NULL;

  if ((guint) mode < G_N_ELEMENTS (descriptions))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->security_row), _(descriptions[mode]));
  if (mode == FERRY_SECURITY_PLAIN)
    gtk_widget_add_css_class (GTK_WIDGET (self->security_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->security_row), "warning");

  port = g_strdup_printf (_("“Default” is %u for this encryption"),
                          mode == FERRY_SECURITY_IMPLICIT ? 990 : 21);
  adw_action_row_set_subtitle (self->port_row, port);
}

static void
load_fields (FerrySiteEditor *self)
{
  FerrySite *site = self->site;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comments_view);
  g_autofree char *comments = NULL;
  GtkTextIter start, end;
  double hours;

  self->writing = TRUE;
  set_entry_text (GTK_EDITABLE (self->name_row), ferry_site_get_name (site));
  set_entry_text (GTK_EDITABLE (self->host_row), ferry_site_get_host (site));
  gtk_spin_button_set_value (self->port_spin, ferry_site_get_port (site));
  adw_combo_row_set_selected (self->logon_row, logon_position (ferry_site_get_logon_type (site)));
  set_entry_text (GTK_EDITABLE (self->user_row), ferry_site_get_user (site));
  adw_combo_row_set_selected (self->security_row, ferry_site_get_security (site));
  adw_combo_row_set_selected (self->protection_row, ferry_site_get_data_protection (site));
  adw_combo_row_set_selected (self->tls_row, ferry_site_get_min_tls (site));
  gtk_switch_set_active (self->ccc_switch, ferry_site_get_use_ccc (site));
  adw_combo_row_set_selected (self->transfer_mode_row, ferry_site_get_transfer_mode (site));
  gtk_spin_button_set_value (self->parallel_spin, ferry_site_get_parallel_transfers (site));
  set_entry_text (GTK_EDITABLE (self->charset_row), ferry_site_get_charset (site));
  hours = ferry_site_get_timezone_offset (site) / 60.0;
  if (ABS (gtk_spin_button_get_value (self->timezone_spin) - hours) > 0.001)
    gtk_spin_button_set_value (self->timezone_spin, hours);
  adw_combo_row_set_selected (self->server_type_row, ferry_site_get_server_type (site));
  set_entry_text (GTK_EDITABLE (self->remote_dir_row), ferry_site_get_remote_dir (site));
  set_entry_text (GTK_EDITABLE (self->local_dir_row), ferry_site_get_local_dir (site));

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  comments = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (comments, ferry_site_get_comments (site)) != 0)
    gtk_text_buffer_set_text (buffer, ferry_site_get_comments (site), -1);
  self->writing = FALSE;

  update_header (self);
  update_logon_rows (self);
  update_security_subtitle (self);
}

static void
site_notify_cb (FerrySiteEditor *self,
                GParamSpec      *pspec,
                FerrySite       *site)
{
  if (self->writing)
    return;
  /* Changed elsewhere (another window or ferry-cli saved the file). */
  load_fields (self);
  if (g_strcmp0 (pspec->name, "host") == 0 || g_strcmp0 (pspec->name, "port") == 0
      || g_strcmp0 (pspec->name, "security") == 0)
    _ferry_site_editor_refresh_detected (self);
}

/* Writing into the site ----------------------------------------------------------- */

/* Every form handler: write with @self->writing set, then tell the owner. */
#define WRITE(self, statement)                                   \
  G_STMT_START {                                                 \
    if ((self)->site == NULL || (self)->writing)                 \
      return;                                                    \
    (self)->writing = TRUE;                                      \
    statement;                                                   \
    (self)->writing = FALSE;                                     \
    g_signal_emit ((self), signals[SIGNAL_CHANGED], 0);          \
  } G_STMT_END

static void
name_changed_cb (FerrySiteEditor *self)
{
  WRITE (self, ferry_site_set_name (self->site,
                                    gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  update_header (self);
}

gboolean
_ferry_site_editor_check_host (FerrySiteEditor *self)
{
  const char *host = gtk_editable_get_text (GTK_EDITABLE (self->host_row));
  g_autofree char *stripped = g_strstrip (g_strdup (host));
  gboolean ok = stripped[0] != '\0' && strpbrk (stripped, " /\\@") == NULL;

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->host_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->host_row), "error");
  return ok;
}

static void
host_changed_cb (FerrySiteEditor *self)
{
  g_autofree char *host = NULL;

  if (self->site == NULL || self->writing)
    return;
  host = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->host_row))));
  WRITE (self, ferry_site_set_host (self->site, host));
  if (gtk_widget_has_css_class (GTK_WIDGET (self->host_row), "error"))
    _ferry_site_editor_check_host (self);
  update_header (self);
  _ferry_site_editor_refresh_detected (self);
}

static void
port_changed_cb (FerrySiteEditor *self)
{
  WRITE (self, ferry_site_set_port (self->site,
                                    gtk_spin_button_get_value_as_int (self->port_spin)));
  update_header (self);
  _ferry_site_editor_refresh_detected (self);
}

/* Spin buttons whose 0 means "the default". */
static gboolean
default_spin_output_cb (GtkSpinButton *spin,
                        gpointer       user_data)
{
  if (gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)) != 0)
    return FALSE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), _("Default")) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), _("Default"));
  return TRUE;
}

static int
default_spin_input_cb (GtkSpinButton *spin,
                       double        *new_value,
                       gpointer       user_data)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));

  if (text[0] == '\0' || g_utf8_collate (text, _("Default")) == 0
      || g_ascii_strcasecmp (text, "default") == 0)
    {
      *new_value = 0;
      return TRUE;
    }
  return FALSE;
}

static void
logon_changed_cb (FerrySiteEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->logon_row);
  FerryLogonType old, logon;

  if (self->site == NULL || self->writing || selected >= G_N_ELEMENTS (logon_order))
    return;
  old = ferry_site_get_logon_type (self->site);
  logon = logon_order[selected];
  WRITE (self, ferry_site_set_logon_type (self->site, logon));
  /* A site that asks, or logs in anonymously, keeps no password. */
  if (old == FERRY_LOGON_NORMAL && logon != FERRY_LOGON_NORMAL
      && self->keyring_state == KEYRING_STATE_SAVED)
    _ferry_site_editor_clear_keyring (self);
  else if (logon == FERRY_LOGON_NORMAL && self->keyring_state != KEYRING_STATE_UNAVAILABLE)
    _ferry_site_editor_lookup_keyring (self);
  update_logon_rows (self);
  update_header (self);
}

static void
user_changed_cb (FerrySiteEditor *self)
{
  g_autofree char *user = NULL;

  if (self->site == NULL || self->writing)
    return;
  user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  WRITE (self, ferry_site_set_user (self->site, user));
  update_header (self);
}

static void
password_apply_cb (FerrySiteEditor *self)
{
  ferry_site_editor_commit_password (self);
}

static void
security_changed_cb (FerrySiteEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->security_row);

  if (selected > FERRY_SECURITY_PLAIN)
    return;
  WRITE (self, ferry_site_set_security (self->site, selected));
  update_security_subtitle (self);
  update_header (self);
  _ferry_site_editor_refresh_detected (self);
}

static void
protection_changed_cb (FerrySiteEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->protection_row);

  if (selected > FERRY_DATA_PROTECTION_CLEAR)
    return;
  WRITE (self, ferry_site_set_data_protection (self->site, selected));
}

static void
tls_changed_cb (FerrySiteEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->tls_row);

  if (selected > FERRY_TLS_VERSION_1_3)
    return;
  WRITE (self, ferry_site_set_min_tls (self->site, selected));
}

static void
ccc_changed_cb (FerrySiteEditor *self)
{
  gboolean active = gtk_switch_get_active (self->ccc_switch);

  if (active)
    gtk_widget_add_css_class (GTK_WIDGET (self->ccc_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->ccc_row), "warning");
  WRITE (self, ferry_site_set_use_ccc (self->site, active));
}

static void
transfer_mode_changed_cb (FerrySiteEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->transfer_mode_row);

  if (selected > FERRY_TRANSFER_MODE_ACTIVE)
    return;
  WRITE (self, ferry_site_set_transfer_mode (self->site, selected));
}

static void
parallel_changed_cb (FerrySiteEditor *self)
{
  WRITE (self, ferry_site_set_parallel_transfers (self->site,
                                                  gtk_spin_button_get_value_as_int (
                                                    self->parallel_spin)));
}

static void
charset_changed_cb (FerrySiteEditor *self)
{
  g_autofree char *charset = NULL;

  if (self->site == NULL || self->writing)
    return;
  charset = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->charset_row))));
  WRITE (self, ferry_site_set_charset (self->site, charset[0] != '\0' ? charset : NULL));
}

static void
timezone_changed_cb (FerrySiteEditor *self)
{
  double hours = gtk_spin_button_get_value (self->timezone_spin);
  /* Whole minutes, rounded half away from zero (no libm for one call). */
  int minutes = (int) (hours * 60 + (hours < 0 ? -0.5 : 0.5));

  WRITE (self, ferry_site_set_timezone_offset (self->site, minutes));
}

static void
server_type_changed_cb (FerrySiteEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->server_type_row);

  if (selected >= FERRY_SERVER_TYPE_N_TYPES)
    return;
  WRITE (self, ferry_site_set_server_type (self->site, selected));
}

static void
remote_dir_changed_cb (FerrySiteEditor *self)
{
  g_autofree char *dir = NULL;

  if (self->site == NULL || self->writing)
    return;
  dir = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->remote_dir_row))));
  WRITE (self, ferry_site_set_remote_dir (self->site, dir));
}

static void
local_dir_changed_cb (FerrySiteEditor *self)
{
  g_autofree char *dir = NULL;

  if (self->site == NULL || self->writing)
    return;
  dir = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->local_dir_row))));
  WRITE (self, ferry_site_set_local_dir (self->site, dir));
}

static void
comments_changed_cb (FerrySiteEditor *self,
                     GtkTextBuffer   *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->site == NULL || self->writing)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  WRITE (self, ferry_site_set_comments (self->site, text));
}

/* Actions --------------------------------------------------------------------------- */

static void
ferry_site_editor_connect (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  FerrySiteEditor *self = FERRY_SITE_EDITOR (widget);

  if (self->site == NULL)
    return;
  if (!_ferry_site_editor_check_host (self))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->host_row));
      return;
    }
  ferry_site_editor_commit_password (self);
  g_signal_emit (self, signals[SIGNAL_CONNECT], 0, self->site);
}

static void
ferry_site_editor_test (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _ferry_site_editor_test_start (FERRY_SITE_EDITOR (widget));
}

static void
ferry_site_editor_cancel_test (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  _ferry_site_editor_test_cancel (FERRY_SITE_EDITOR (widget));
}

static void
ferry_site_editor_hide_test (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  _ferry_site_editor_test_hide (FERRY_SITE_EDITOR (widget));
}

static void
ferry_site_editor_forget_password (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  FerrySiteEditor *self = FERRY_SITE_EDITOR (widget);

  if (self->site != NULL)
    _ferry_site_editor_clear_keyring (self);
}

static void
local_folder_response_cb (FerrySiteEditor *self,
                          int              response,
                          GtkNativeDialog *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT && self->site != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->local_dir_row), path);
    }
  g_clear_object (&self->folder_chooser);
}

static void
ferry_site_editor_choose_local_folder (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  FerrySiteEditor *self = FERRY_SITE_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *current;

  if (self->site == NULL || self->folder_chooser != NULL)
    return;
  self->folder_chooser = gtk_file_chooser_native_new (_("Local Folder"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                           : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                      _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->folder_chooser), TRUE);
  current = ferry_site_get_local_dir (self->site);
  if (current[0] != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_path (current);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->folder_chooser), folder, NULL);
    }
  g_signal_connect_object (self->folder_chooser, "response",
                           G_CALLBACK (local_folder_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->folder_chooser));
}

/* The object ------------------------------------------------------------------------ */

static void
ferry_site_editor_dispose (GObject *object)
{
  FerrySiteEditor *self = FERRY_SITE_EDITOR (object);

  if (self->site != NULL)
    ferry_site_editor_set_site (self, NULL);
  _ferry_site_editor_test_reset (self);
  g_clear_handle_id (&self->detect_source, g_source_remove);
  if (self->folder_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->folder_chooser));
  g_clear_object (&self->folder_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_SITE_EDITOR);

  G_OBJECT_CLASS (ferry_site_editor_parent_class)->dispose (object);
}

static void
ferry_site_editor_finalize (GObject *object)
{
  FerrySiteEditor *self = FERRY_SITE_EDITOR (object);

  g_clear_object (&self->known_servers);
  g_clear_object (&self->site_cancellable);

  G_OBJECT_CLASS (ferry_site_editor_parent_class)->finalize (object);
}

static void
ferry_site_editor_class_init (FerrySiteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_site_editor_dispose;
  object_class->finalize = ferry_site_editor_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_CONNECT] =
    g_signal_new ("connect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_SITE);
  signals[SIGNAL_PROMPT] =
    g_signal_new ("prompt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, FERRY_TYPE_PROMPT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ferryapp/Ferry/ui/ferry-site-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, address_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, test_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, connect_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, test_revealer);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, test_group);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, test_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, test_close_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, test_status_icon);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, test_summary_label);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, test_list);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, host_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, port_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, port_spin);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, logon_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, user_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, password_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, keyring_icon);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, forget_button);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, security_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, detected_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, protection_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, tls_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, ccc_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, ccc_switch);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, transfer_mode_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, parallel_spin);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, charset_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, timezone_spin);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, server_type_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, remote_dir_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, local_dir_row);
  gtk_widget_class_bind_template_child (widget_class, FerrySiteEditor, comments_view);

  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, host_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, port_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, default_spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, default_spin_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, logon_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, user_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, security_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, protection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tls_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ccc_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, transfer_mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, parallel_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, charset_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, timezone_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_type_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remote_dir_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, local_dir_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.connect", NULL,
                                   ferry_site_editor_connect);
  gtk_widget_class_install_action (widget_class, "editor.test", NULL, ferry_site_editor_test);
  gtk_widget_class_install_action (widget_class, "editor.cancel-test", NULL,
                                   ferry_site_editor_cancel_test);
  gtk_widget_class_install_action (widget_class, "editor.hide-test", NULL,
                                   ferry_site_editor_hide_test);
  gtk_widget_class_install_action (widget_class, "editor.forget-password", NULL,
                                   ferry_site_editor_forget_password);
  gtk_widget_class_install_action (widget_class, "editor.choose-local-folder", NULL,
                                   ferry_site_editor_choose_local_folder);
}

/* Names the icon-only buttons libadwaita puts into @row (the entry rows'
 * apply button, the password row's peek button). */
static void
name_row_buttons (GtkWidget  *widget,
                  const char *apply_label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        {
          const char *icon = gtk_button_get_icon_name (GTK_BUTTON (child));
          const char *label = apply_label;

          if (icon != NULL && g_str_has_prefix (icon, "view-"))
            label = _("Show Password");
          gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
        }
      name_row_buttons (child, apply_label);
    }
}

static void
ferry_site_editor_init (FerrySiteEditor *self)
{
  g_autoptr (GtkStringList) server_types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The labels, in enum order, so that a position is a FerryServerType. */
  for (guint i = 0; i < FERRY_SERVER_TYPE_N_TYPES; i++)
    gtk_string_list_append (server_types, ferry_server_type_get_label (i));
  adw_combo_row_set_model (self->server_type_row, G_LIST_MODEL (server_types));

  name_row_buttons (GTK_WIDGET (self->password_row), _("Save Password in the Keyring"));

  g_signal_connect_object (gtk_text_view_get_buffer (self->comments_view), "changed",
                           G_CALLBACK (comments_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

GtkWidget *
ferry_site_editor_new (void)
{
  return g_object_new (FERRY_TYPE_SITE_EDITOR, NULL);
}

void
ferry_site_editor_set_site (FerrySiteEditor *self,
                            FerrySite       *site)
{
  g_return_if_fail (FERRY_IS_SITE_EDITOR (self));
  g_return_if_fail (site == NULL || FERRY_IS_SITE (site));

  if (self->site == site)
    return;

  if (self->site != NULL)
    {
      ferry_site_editor_commit_password (self);
      g_signal_handlers_disconnect_by_func (self->site, site_notify_cb, self);
      g_clear_object (&self->site);
    }
  if (self->site_cancellable != NULL)
    g_cancellable_cancel (self->site_cancellable);
  g_clear_object (&self->site_cancellable);
  g_clear_handle_id (&self->detect_source, g_source_remove);
  _ferry_site_editor_test_reset (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->host_row), "error");

  gtk_widget_set_sensitive (GTK_WIDGET (self), site != NULL);
  if (site == NULL)
    return;

  self->site = g_object_ref (site);
  self->site_cancellable = g_cancellable_new ();
  self->keyring_state = KEYRING_STATE_UNKNOWN;
  g_signal_connect_object (site, "notify", G_CALLBACK (site_notify_cb), self, G_CONNECT_SWAPPED);
  load_fields (self);
  if (ferry_site_get_logon_type (site) == FERRY_LOGON_NORMAL)
    _ferry_site_editor_lookup_keyring (self);
  else
    _ferry_site_editor_set_keyring_state (self, KEYRING_STATE_UNKNOWN, NULL);
  adw_action_row_set_subtitle (self->detected_row, _("Looking it up…"));
  _ferry_site_editor_refresh_detected (self);

  /* A new site starts at the top of the form. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

FerrySite *
ferry_site_editor_get_site (FerrySiteEditor *self)
{
  g_return_val_if_fail (FERRY_IS_SITE_EDITOR (self), NULL);
  return self->site;
}

void
ferry_site_editor_set_known_servers (FerrySiteEditor   *self,
                                     FerryKnownServers *known_servers)
{
  g_return_if_fail (FERRY_IS_SITE_EDITOR (self));
  g_return_if_fail (known_servers == NULL || FERRY_IS_KNOWN_SERVERS (known_servers));

  g_set_object (&self->known_servers, known_servers);
  if (self->site != NULL)
    _ferry_site_editor_refresh_detected (self);
}

void
ferry_site_editor_focus_first_field (FerrySiteEditor *self)
{
  g_return_if_fail (FERRY_IS_SITE_EDITOR (self));

  if (self->site != NULL && ferry_site_get_host (self->site)[0] != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->host_row));
}
