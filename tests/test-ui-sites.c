/* test-ui-sites.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The site manager, the site editor, the preferences window and the password
 * dialog: each template instantiates without a warning (G_DEBUG=fatal-warnings
 * under tests/run-gui.sh, with a real keyring and GSETTINGS_SCHEMA_DIR at the
 * build's schemas), and the widgets do what they promise: the editor writes
 * every field into the site, the manager saves to sites.ini and keeps the
 * delete until it is committed, the preferences are bound to GSettings, and
 * the password dialog answers, cancels and is cancelled.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ferry-keyring.h"
#include "ferry-memory-known-servers.h"
#include "ferry-password-dialog.h"
#include "ferry-preferences-window.h"
#include "ferry-site-editor-private.h"
#include "ferry-site-manager-private.h"

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The preference row titled @title (with its mnemonic). */
static GtkWidget *
find_row_titled (GtkWidget  *root,
                 GType       type,
                 const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;   /* only wakes the loop up */
}

/* Runs the main loop until @done, at most 20 s (a hang guard, not a timing). */
static void
spin_until (gboolean (*done) (gpointer),
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, tick_cb, NULL);

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_true (done (data));
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
is_set (gpointer pointer)
{
  return *(gpointer *) pointer != NULL;
}

static gboolean
no_password_dialog (gpointer data)
{
  return find_toplevel (FERRY_TYPE_PASSWORD_DIALOG) == NULL;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A window for dialogs to belong to. */
static GtkWindow *
parent_window (void)
{
  static GtkWindow *window;

  if (window == NULL)
    {
      window = GTK_WINDOW (gtk_window_new ());
      gtk_window_set_default_size (window, 640, 480);
      gtk_window_present (window);
      spin_until (is_mapped, window);
    }
  return window;
}

/* Resources ----------------------------------------------------------------- */

static void
test_resources (void)
{
  static const char *paths[] = {
    "/io/github/ferryapp/Ferry/ui/ferry-password-dialog.ui",
    "/io/github/ferryapp/Ferry/ui/ferry-preferences-window.ui",
    "/io/github/ferryapp/Ferry/ui/ferry-site-editor.ui",
    "/io/github/ferryapp/Ferry/ui/ferry-site-manager.ui",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_resources_lookup_data (paths[i], 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
    }
}

/* Password dialog -------------------------------------------------------------- */

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static void
test_password_dialog_answer (void)
{
  Wait wait = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog, *entry, *check;
  gboolean remember = FALSE;
  char *password;

  ferry_password_dialog_ask_async (parent_window (), "alice", "ftp.example.org:21", FALSE, TRUE,
                                   NULL, got_result_cb, &wait);
  dialog = find_toplevel (FERRY_TYPE_PASSWORD_DIALOG);
  g_assert_nonnull (dialog);
  spin_until (is_mapped, dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Password Required");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "alice on ftp.example.org:21"));
  entry = find_widget (dialog, GTK_TYPE_PASSWORD_ENTRY);
  check = find_widget (dialog, GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_get_visible (check));
  /* Nothing typed: Log In is off. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "log-in"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "s3cret words");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  /* Enter in the entry: the default response. */
  g_assert_true (gtk_widget_activate_action (entry, "default.activate", NULL));
  spin_until (is_set, &wait.result);

  password = ferry_password_dialog_ask_finish (wait.result, &remember, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "s3cret words");
  g_assert_true (remember);
  ferry_password_free (password);
  g_clear_object (&wait.result);
  spin_until (no_password_dialog, NULL);
}

static void
test_password_dialog_refused (void)
{
  Wait wait = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog, *check;
  gboolean remember = TRUE;
  char *password;

  /* After a 530, and for a site that asks every time: no remember check. */
  ferry_password_dialog_ask_async (parent_window (), "bob", "[::1]:990", TRUE, FALSE,
                                   NULL, got_result_cb, &wait);
  dialog = find_toplevel (FERRY_TYPE_PASSWORD_DIALOG);
  spin_until (is_mapped, dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Wrong Password");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "refused the password"));
  check = find_widget (dialog, GTK_TYPE_CHECK_BUTTON);
  g_assert_false (gtk_widget_get_visible (check));

  /* Escape, or the window closed: the close response. */
  gtk_window_close (GTK_WINDOW (dialog));
  spin_until (is_set, &wait.result);
  password = ferry_password_dialog_ask_finish (wait.result, &remember, &error);
  g_assert_null (password);
  g_assert_false (remember);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&wait.result);
  spin_until (no_password_dialog, NULL);
}

static void
test_password_dialog_cancelled (void)
{
  Wait wait = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GtkWidget *dialog;

  ferry_password_dialog_ask_async (parent_window (), "", "ftp.example.org:21", FALSE, TRUE,
                                   cancellable, got_result_cb, &wait);
  dialog = find_toplevel (FERRY_TYPE_PASSWORD_DIALOG);
  spin_until (is_mapped, dialog);
  g_cancellable_cancel (cancellable);
  spin_until (is_set, &wait.result);
  g_assert_null (ferry_password_dialog_ask_finish (wait.result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&wait.result);
  spin_until (no_password_dialog, NULL);

  /* Cancelled before it was asked: answered without a dialog. */
  g_clear_error (&error);
  ferry_password_dialog_ask_async (parent_window (), "x", "h:21", FALSE, FALSE,
                                   cancellable, got_result_cb, &wait);
  spin_until (is_set, &wait.result);
  g_assert_null (ferry_password_dialog_ask_finish (wait.result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&wait.result);
  drain ();
}

/* Preferences ------------------------------------------------------------------- */

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *window = ferry_preferences_window_new (NULL);
  FerryPreferencesWindow *prefs = FERRY_PREFERENCES_WINDOW (window);
  struct
  {
    GtkSpinButton *parallel;
    GtkSwitch *hidden;
    AdwComboRow *tls;
  } w;
  GtkWidget *spin;

  gtk_window_present (GTK_WINDOW (window));
  spin_until (is_mapped, window);

  spin = find_widget (window, GTK_TYPE_SPIN_BUTTON);
  w.parallel = GTK_SPIN_BUTTON (spin);
  w.hidden = GTK_SWITCH (find_widget (window, GTK_TYPE_SWITCH));
  w.tls = ADW_COMBO_ROW (find_row_titled (window, ADW_TYPE_COMBO_ROW, "_Minimum TLS Version"));

  /* The defaults of the schema, shown. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (w.parallel), ==, 2);
  g_assert_false (gtk_switch_get_active (w.hidden));
  g_assert_cmpuint (adw_combo_row_get_selected (w.tls), ==, 0);

  /* Both ways. */
  gtk_spin_button_set_value (w.parallel, 5);
  g_assert_cmpint (g_settings_get_int (settings, "parallel-transfers"), ==, 5);
  g_settings_set_boolean (settings, "show-hidden-files", TRUE);
  g_assert_true (gtk_switch_get_active (w.hidden));
  adw_combo_row_set_selected (w.tls, 1);
  {
    g_autofree char *tls = g_settings_get_string (settings, "minimum-tls-version");

    g_assert_cmpstr (tls, ==, "1.3");
  }
  g_settings_set_string (settings, "download-folder", "/tmp/ferry downloads");
  drain ();
  g_assert_nonnull (prefs);

  g_settings_reset (settings, "parallel-transfers");
  g_settings_reset (settings, "show-hidden-files");
  g_settings_reset (settings, "minimum-tls-version");
  g_settings_reset (settings, "download-folder");
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* Site editor ----------------------------------------------------------------------- */

static int changed_count;

static void
count_changed_cb (void)
{
  changed_count++;
}

static gboolean
detected_says_implicit (gpointer editor)
{
  const char *subtitle = adw_action_row_get_subtitle (FERRY_SITE_EDITOR (editor)->detected_row);

  return subtitle != NULL && strcmp (subtitle, "Detected: implicit FTPS") == 0;
}

static void
test_editor (void)
{
  g_autoptr(FerrySite) site = ferry_site_new ();
  g_autoptr(FerryKnownServers) known = ferry_memory_known_servers_new ();
  GtkWidget *window = gtk_window_new ();
  FerrySiteEditor *editor = FERRY_SITE_EDITOR (ferry_site_editor_new ());
  GtkTextBuffer *buffer;

  ferry_known_servers_set_mode (known, "ftp.example.org", 990, FERRY_SECURITY_IMPLICIT);
  ferry_site_set_name (site, "Example");
  ferry_site_set_host (site, "ftp.example.org");
  ferry_site_set_user (site, "alice");
  ferry_site_set_logon_type (site, FERRY_LOGON_ASK);

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  g_signal_connect (editor, "changed", G_CALLBACK (count_changed_cb), NULL);
  ferry_site_editor_set_known_servers (editor, known);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (editor)));
  ferry_site_editor_set_site (editor, site);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (editor)));
  gtk_window_present (GTK_WINDOW (window));
  spin_until (is_mapped, window);

  /* What the site holds is shown. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->name_row)), ==, "Example");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->host_row)), ==,
                   "ftp.example.org");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->port_spin)), ==, "Default");
  g_assert_cmpstr (gtk_label_get_text (editor->title_label), ==, "Example");
  g_assert_cmpstr (gtk_label_get_text (editor->address_label), ==, "alice@ftp.example.org:21");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->password_row)));
  g_assert_cmpuint (changed_count, ==, 0);

  /* Every field goes into the site. */
  gtk_editable_set_text (GTK_EDITABLE (editor->name_row), "Example Corp");
  g_assert_cmpstr (ferry_site_get_name (site), ==, "Example Corp");
  g_assert_cmpstr (gtk_label_get_text (editor->title_label), ==, "Example Corp");
  gtk_editable_set_text (GTK_EDITABLE (editor->host_row), " files.example.org ");
  g_assert_cmpstr (ferry_site_get_host (site), ==, "files.example.org");
  gtk_spin_button_set_value (editor->port_spin, 2121);
  g_assert_cmpuint (ferry_site_get_port (site), ==, 2121);
  adw_combo_row_set_selected (editor->security_row, FERRY_SECURITY_IMPLICIT);
  g_assert_cmpint (ferry_site_get_security (site), ==, FERRY_SECURITY_IMPLICIT);
  adw_combo_row_set_selected (editor->protection_row, FERRY_DATA_PROTECTION_CLEAR);
  g_assert_cmpint (ferry_site_get_data_protection (site), ==, FERRY_DATA_PROTECTION_CLEAR);
  adw_combo_row_set_selected (editor->tls_row, FERRY_TLS_VERSION_1_3);
  g_assert_cmpint (ferry_site_get_min_tls (site), ==, FERRY_TLS_VERSION_1_3);
  gtk_switch_set_active (editor->ccc_switch, TRUE);
  g_assert_true (ferry_site_get_use_ccc (site));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor->ccc_row), "warning"));
  adw_combo_row_set_selected (editor->transfer_mode_row, FERRY_TRANSFER_MODE_ACTIVE);
  g_assert_cmpint (ferry_site_get_transfer_mode (site), ==, FERRY_TRANSFER_MODE_ACTIVE);
  gtk_spin_button_set_value (editor->parallel_spin, 4);
  g_assert_cmpuint (ferry_site_get_parallel_transfers (site), ==, 4);
  gtk_editable_set_text (GTK_EDITABLE (editor->charset_row), "ISO-8859-15");
  g_assert_cmpstr (ferry_site_get_charset (site), ==, "ISO-8859-15");
  gtk_editable_set_text (GTK_EDITABLE (editor->charset_row), "");
  g_assert_null (ferry_site_get_charset (site));
  gtk_spin_button_set_value (editor->timezone_spin, -1.5);
  g_assert_cmpint (ferry_site_get_timezone_offset (site), ==, -90);
  /* The server types in enum order, each under its translated label. */
  {
    GListModel *types = adw_combo_row_get_model (editor->server_type_row);

    g_assert_cmpuint (g_list_model_get_n_items (types), ==, FERRY_SERVER_TYPE_N_TYPES);
    for (guint i = 0; i < FERRY_SERVER_TYPE_N_TYPES; i++)
      g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (types), i), ==,
                       ferry_server_type_get_label (i));
    g_assert_cmpuint (adw_combo_row_get_selected (editor->server_type_row), ==,
                      FERRY_SERVER_TYPE_AUTO);
  }
  adw_combo_row_set_selected (editor->server_type_row, FERRY_SERVER_TYPE_VMS);
  g_assert_cmpint (ferry_site_get_server_type (site), ==, FERRY_SERVER_TYPE_VMS);
  /* Changed elsewhere, the row follows. */
  ferry_site_set_server_type (site, FERRY_SERVER_TYPE_MVS);
  g_assert_cmpuint (adw_combo_row_get_selected (editor->server_type_row), ==,
                    FERRY_SERVER_TYPE_MVS);
  gtk_editable_set_text (GTK_EDITABLE (editor->remote_dir_row), "/pub");
  g_assert_cmpstr (ferry_site_get_remote_dir (site), ==, "/pub");
  gtk_editable_set_text (GTK_EDITABLE (editor->local_dir_row), "/tmp");
  g_assert_cmpstr (ferry_site_get_local_dir (site), ==, "/tmp");
  buffer = gtk_text_view_get_buffer (editor->comments_view);
  gtk_text_buffer_set_text (buffer, "Line one\nLine two", -1);
  g_assert_cmpstr (ferry_site_get_comments (site), ==, "Line one\nLine two");
  g_assert_cmpuint (changed_count, >=, 14);

  /* Anonymous hides the user and the password. */
  adw_combo_row_set_selected (editor->logon_row, 2);
  g_assert_cmpint (ferry_site_get_logon_type (site), ==, FERRY_LOGON_ANONYMOUS);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->user_row)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->keyring_row)));

  /* Changes made elsewhere are shown. */
  ferry_site_set_name (site, "Renamed Elsewhere");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor->name_row)), ==,
                   "Renamed Elsewhere");

  /* The detected mode comes from the known servers. */
  ferry_site_set_host (site, "ftp.example.org");
  ferry_site_set_port (site, 990);
  spin_until (detected_says_implicit, editor);

  /* Connect with no host refuses and marks the host. */
  gtk_editable_set_text (GTK_EDITABLE (editor->host_row), "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.connect", NULL));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor->host_row), "error"));

  ferry_site_editor_set_site (editor, NULL);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (editor)));
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static gboolean
keyring_known (gpointer editor)
{
  KeyringState state = FERRY_SITE_EDITOR (editor)->keyring_state;

  return state != KEYRING_STATE_UNKNOWN && state != KEYRING_STATE_CHECKING;
}

/* With a keyring the form offers to save a password; without one (run with
 * GUI_NO_KEYRING=1) it says so, and the site will ask. */
static void
test_editor_keyring (void)
{
  g_autoptr(FerrySite) site = ferry_site_new ();
  GtkWidget *window = gtk_window_new ();
  FerrySiteEditor *editor = FERRY_SITE_EDITOR (ferry_site_editor_new ());
  gboolean no_keyring = g_getenv ("GUI_NO_KEYRING") != NULL;
  const char *subtitle;

  ferry_site_set_name (site, "Keyring");
  ferry_site_set_host (site, "ftp.example.org");
  ferry_site_set_user (site, "alice");
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  ferry_site_editor_set_site (editor, site);
  gtk_window_present (GTK_WINDOW (window));
  spin_until (keyring_known, editor);

  subtitle = adw_action_row_get_subtitle (editor->keyring_row);
  if (no_keyring)
    {
      g_assert_cmpint (editor->keyring_state, ==, KEYRING_STATE_UNAVAILABLE);
      g_assert_nonnull (strstr (subtitle, "ask for the password"));
      g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (editor->password_row)));
    }
  else
    {
      g_assert_cmpint (editor->keyring_state, ==, KEYRING_STATE_NONE);
      g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (editor->password_row)));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor->forget_button)));
    }

  ferry_site_editor_set_site (editor, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* Site manager ------------------------------------------------------------------------ */

typedef struct
{
  char *dir;
  char *path;
  FerrySiteStore *store;
} StoreFixture;

static void
store_fixture_init (StoreFixture *f)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ferry-ui-sites-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sites.ini", NULL);
  f->store = ferry_site_store_new (f->path);
}

static void
store_fixture_clear (StoreFixture *f)
{
  g_autofree char *lock = g_strconcat (f->path, ".lock", NULL);

  g_clear_object (&f->store);
  g_unlink (f->path);
  g_unlink (lock);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
saves_done (gpointer manager)
{
  FerrySiteManager *self = manager;

  return !self->saving && !self->save_again && self->save_source == 0;
}

/* Closes @manager and waits until what it saves is on disk. */
static void
close_manager (FerrySiteManager *manager,
               gboolean          destroy)
{
  g_object_ref (manager);
  if (destroy)
    gtk_window_destroy (GTK_WINDOW (manager));
  else
    gtk_window_close (GTK_WINDOW (manager));
  spin_until (saves_done, manager);
  drain ();
  g_object_unref (manager);
}

static guint
n_rows (FerrySiteManager *manager)
{
  return g_list_model_get_n_items (G_LIST_MODEL (manager->nodes));
}

static FerrySiteNode *
node_at (FerrySiteManager *manager,
         guint             i)
{
  g_autoptr(FerrySiteNode) node = g_list_model_get_item (G_LIST_MODEL (manager->nodes), i);

  return node;   /* the list keeps it alive */
}

typedef struct
{
  const char *path;
  const char *needle;
  gboolean present;
} FileWait;

static gboolean
file_has (gpointer data)
{
  FileWait *wait = data;
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (wait->path, &contents, NULL, NULL))
    return !wait->present;
  return (strstr (contents, wait->needle) != NULL) == wait->present;
}

static void
wait_file (const char *path,
           const char *needle,
           gboolean    present)
{
  FileWait wait = { path, needle, present };

  spin_until (file_has, &wait);
}

static void
test_manager (void)
{
  StoreFixture f = { 0 };
  g_autoptr(FerryKnownServers) known = ferry_memory_known_servers_new ();
  g_autoptr(FerrySite) alpha = ferry_site_new ();
  g_autoptr(FerrySite) beta = ferry_site_new ();
  FerrySiteManager *manager;
  FerrySite *added, *copy;
  g_autofree char *alpha_id = NULL;

  store_fixture_init (&f);
  ferry_site_set_name (alpha, "Alpha");
  ferry_site_set_host (alpha, "alpha.example.org");
  ferry_site_set_folder (alpha, "Work");
  ferry_site_set_name (beta, "Beta");
  ferry_site_set_host (beta, "beta.example.org");
  ferry_site_store_add (f.store, alpha);
  ferry_site_store_add (f.store, beta);
  ferry_site_store_add_folder (f.store, "Empty");
  alpha_id = g_strdup (ferry_site_get_id (alpha));

  manager = ferry_site_manager_new (NULL, f.store);
  ferry_site_manager_set_known_servers (manager, known);
  gtk_window_present (GTK_WINDOW (manager));
  spin_until (is_mapped, manager);
  drain ();

  /* Folders first, then the sites of the top level: Empty, Work, Alpha, Beta. */
  g_assert_cmpuint (n_rows (manager), ==, 4);
  g_assert_cmpstr (node_at (manager, 0)->title, ==, "Empty");
  g_assert_cmpstr (node_at (manager, 1)->title, ==, "Work");
  g_assert_cmpuint (node_at (manager, 1)->n_sites, ==, 1);
  g_assert_true (node_at (manager, 2)->site == alpha);
  g_assert_cmpuint (node_at (manager, 2)->depth, ==, 1);
  g_assert_true (node_at (manager, 3)->site == beta);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (manager->content_stack), ==, "none");

  /* Selecting shows the site in the editor. */
  ferry_site_manager_select_site (manager, alpha);
  g_assert_true (ferry_site_manager_get_selected_site (manager) == alpha);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (manager->content_stack), ==, "editor");

  /* The search finds by host, and shows the folder. */
  gtk_editable_set_text (GTK_EDITABLE (manager->search_entry), "BETA.example");
  _ferry_site_manager_rebuild (manager);
  g_assert_cmpuint (n_rows (manager), ==, 1);
  g_assert_true (node_at (manager, 0)->site == beta);
  gtk_editable_set_text (GTK_EDITABLE (manager->search_entry), "nothing like it");
  _ferry_site_manager_rebuild (manager);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (manager->list_stack), ==, "no-results");
  gtk_editable_set_text (GTK_EDITABLE (manager->search_entry), "");
  _ferry_site_manager_rebuild (manager);

  /* Closing a folder hides its sites. */
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (manager->site_list, 1), "activate");
  g_assert_cmpuint (n_rows (manager), ==, 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (manager->content_stack), ==, "folder");
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (manager->site_list, 1), "activate");
  g_assert_cmpuint (n_rows (manager), ==, 4);

  /* Add: a new site in the selected folder, saved and edited. */
  ferry_site_manager_select_site (manager, alpha);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manager), "sites.add", NULL));
  added = ferry_site_manager_get_selected_site (manager);
  g_assert_nonnull (added);
  g_assert_cmpstr (ferry_site_get_name (added), ==, "New Site");
  g_assert_cmpstr (ferry_site_get_folder (added), ==, "Work");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.store)), ==, 3);
  wait_file (f.path, "New Site", TRUE);

  /* Editing saves after a moment. */
  gtk_editable_set_text (GTK_EDITABLE (manager->editor->host_row), "new.example.org");
  wait_file (f.path, "new.example.org", TRUE);

  /* Duplicate. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manager), "sites.duplicate", NULL));
  copy = ferry_site_manager_get_selected_site (manager);
  g_assert_true (copy != added);
  g_assert_cmpstr (ferry_site_get_name (copy), ==, "New Site (Copy)");
  g_assert_cmpstr (ferry_site_get_host (copy), ==, "new.example.org");
  wait_file (f.path, "New Site (Copy)", TRUE);

  /* Delete waits for its toast: hidden at once, in the file until committed. */
  ferry_site_manager_select_site (manager, alpha);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manager), "sites.delete", NULL));
  g_assert_null (ferry_site_manager_get_selected_site (manager));
  g_assert_nonnull (ferry_site_store_get_by_id (f.store, alpha_id));
  for (guint i = 0; i < n_rows (manager); i++)
    g_assert_false (node_at (manager, i)->site == alpha);
  /* Undo is selecting it again (what the toast's button does). */
  ferry_site_manager_select_site (manager, alpha);
  g_assert_true (ferry_site_manager_get_selected_site (manager) == alpha);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manager), "sites.delete", NULL));

  /* Move to Folder: the dialog offers the folders, or a new one. */
  ferry_site_manager_select_site (manager, beta);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manager), "sites.move", NULL));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    GtkWidget *entry = find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);

    g_assert_nonnull (find_widget (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
    gtk_editable_set_text (GTK_EDITABLE (entry), " Home / Lab ");
    adw_message_dialog_response (dialog, "move");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_cmpstr (ferry_site_get_folder (beta), ==, "Home/Lab");
  g_assert_true (ferry_site_manager_get_selected_site (manager) == beta);
  wait_file (f.path, "folder=Home/Lab", TRUE);

  /* Rename Folder moves its sites along. */
  _ferry_site_manager_select_key (manager, "folder:Home");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (manager->content_stack), ==, "folder");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manager), "sites.rename-folder",
                                             NULL));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    GtkWidget *entry = find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Home");
    /* A slash is refused: a name, not a path. */
    gtk_editable_set_text (GTK_EDITABLE (entry), "Ho/me");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "House");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "accept"));
    adw_message_dialog_response (dialog, "accept");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_cmpstr (ferry_site_get_folder (beta), ==, "House/Lab");
  wait_file (f.path, "folder=House/Lab", TRUE);

  /* An empty folder can be deleted; one with sites cannot. */
  _ferry_site_manager_select_key (manager, "folder:Empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manager), "sites.delete-folder", NULL));
  {
    g_auto(GStrv) folders = ferry_site_store_dup_folders (f.store);

    g_assert_false (g_strv_contains ((const char * const *) folders, "Empty"));
  }
  _ferry_site_manager_select_key (manager, "folder:Work");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (manager->delete_folder_button)));

  /* Closing commits the delete: gone from the store and the file. */
  close_manager (manager, FALSE);
  g_assert_null (ferry_site_store_get_by_id (f.store, alpha_id));
  wait_file (f.path, alpha_id, FALSE);
  wait_file (f.path, "Empty", FALSE);

  store_fixture_clear (&f);
}

static void
test_manager_from_endpoint (void)
{
  StoreFixture f = { 0 };
  g_autoptr(FerryEndpoint) endpoint = ferry_endpoint_new ();
  FerrySiteManager *manager;
  FerrySite *site;

  store_fixture_init (&f);
  manager = ferry_site_manager_new (NULL, f.store);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (manager->list_stack), ==, "empty");

  endpoint->host = g_strdup ("secure.example.com");
  endpoint->port = 990;
  endpoint->user = g_strdup ("carol");
  endpoint->security = FERRY_SECURITY_IMPLICIT;
  endpoint->min_tls = FERRY_TLS_VERSION_1_3;
  site = ferry_site_manager_add_site_from_endpoint (manager, endpoint, NULL);
  spin_until (is_mapped, manager);

  g_assert_true (ferry_site_manager_get_selected_site (manager) == site);
  g_assert_cmpstr (ferry_site_get_name (site), ==, "secure.example.com");
  g_assert_cmpstr (ferry_site_get_user (site), ==, "carol");
  g_assert_cmpuint (ferry_site_get_port (site), ==, 990);
  g_assert_cmpint (ferry_site_get_security (site), ==, FERRY_SECURITY_IMPLICIT);
  g_assert_cmpint (ferry_site_get_min_tls (site), ==, FERRY_TLS_VERSION_1_3);
  g_assert_cmpint (ferry_site_get_logon_type (site), ==, FERRY_LOGON_NORMAL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (manager->list_stack), ==, "list");
  wait_file (f.path, "secure.example.com", TRUE);

  ferry_site_manager_set_problem (manager, "sites.ini was broken.");
  g_assert_true (gtk_revealer_get_reveal_child (manager->problem_revealer));

  close_manager (manager, TRUE);
  store_fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/ferryapp/Ferry/icons");

  g_test_add_func ("/ui-sites/resources", test_resources);
  g_test_add_func ("/ui-sites/password-dialog/answer", test_password_dialog_answer);
  g_test_add_func ("/ui-sites/password-dialog/refused", test_password_dialog_refused);
  g_test_add_func ("/ui-sites/password-dialog/cancelled", test_password_dialog_cancelled);
  g_test_add_func ("/ui-sites/preferences", test_preferences);
  g_test_add_func ("/ui-sites/editor", test_editor);
  g_test_add_func ("/ui-sites/editor/keyring", test_editor_keyring);
  g_test_add_func ("/ui-sites/manager", test_manager);
  g_test_add_func ("/ui-sites/manager/from-endpoint", test_manager_from_endpoint);
  return g_test_run ();
}
