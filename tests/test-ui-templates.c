/* test-ui-templates.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every .ui template of the main window's widgets instantiates without a
 * warning (run with G_DEBUG=fatal-warnings under tests/run-gui.sh), and
 * behaves: the connect entry, the saved sites and recent connections, the
 * window size through GSettings (GSETTINGS_SCHEMA_DIR=<builddir>/data), the
 * certificate dialog (for a certificate, a prompt and a changed certificate),
 * the plain-FTP question, the security indicator, the session log and the
 * transfer rows, and a tab that cannot connect. With FERRY_SHOT_DIR set, the
 * dialogs are also saved as PNG files there.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ferry-certificate-dialog.h"
#include "ferry-connection-tab.h"
#include "ferry-prompt-handler.h"
#include "ferry-security-indicator.h"
#include "ferry-session-log.h"
#include "ferry-transfer-row.h"
#include "ferry-window.h"

/* ---- helpers ---- */

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action_name)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A label (or button) showing exactly @text, or containing it with @partial. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text,
            gboolean    partial)
{
  const char *shown = NULL;

  if (GTK_IS_LABEL (root))
    shown = gtk_label_get_text (GTK_LABEL (root));
  else if (GTK_IS_BUTTON (root))
    shown = gtk_button_get_label (GTK_BUTTON (root));
  if (shown != NULL && (partial ? strstr (shown, text) != NULL : g_str_equal (shown, text)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text, partial);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkMenuButton *
find_menu_button (GtkWidget  *root,
                  const char *tooltip)
{
  if (GTK_IS_MENU_BUTTON (root)
      && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return GTK_MENU_BUTTON (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether @model (or a section or submenu of it) has an item labelled @label. */
static gboolean
menu_has_label (GMenuModel *model,
                const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &text)
          && g_str_equal (text, label))
        return TRUE;
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          if (menu_has_label (linked, label))
            return TRUE;
        }
    }
  return FALSE;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Waits (bounded: a hang guard) until @done says so, iterating the main
 * loop; a ticking source makes sure a quiet loop still looks at the time. */
static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, tick_cb, NULL);

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return done (data);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
wait_for_mapped (GtkWidget *widget)
{
  g_assert_true (wait_until (is_mapped, widget));
  /* Let the first frames draw. */
  iterate ();
}

/* Saves what @widget shows to FERRY_SHOT_DIR/@name, when that is set. */
static void
save_shot (GtkWidget  *widget,
           const char *name)
{
  const char *dir = g_getenv ("FERRY_SHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL || width <= 0 || height <= 0)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* ---- certificates made for the test (openssl) ---- */

static char *cert_dir;

static void
run_openssl (const char *const *args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (cert_dir, (char **) args, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl failed: %s", err);
}

static GBytes *
read_file (const char *name)
{
  g_autofree char *path = g_build_filename (cert_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* A leaf (O, OU, SANs) signed by a CA: the chain a server would send. */
static FerryCertificate *
make_chain (void)
{
  static const char config[] =
    "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = unused\n"
    "[ca_ext]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign\n"
    "[leaf_ext]\nbasicConstraints = CA:FALSE\n"
    "subjectAltName = DNS:ftp.example.org,IP:127.0.0.1\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *config_path = NULL;
  FerryCertificate *chain;

  if (cert_dir == NULL)
    {
      cert_dir = g_dir_make_tmp ("ferry-ui-certs-XXXXXX", &error);
      g_assert_no_error (error);
      config_path = g_build_filename (cert_dir, "test.cnf", NULL);
      g_file_set_contents (config_path, config, -1, &error);
      g_assert_no_error (error);
      run_openssl ((const char *[]) { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                      "-keyout", "ca.key", "-out", "ca.pem", "-days", "30",
                                      "-subj", "/CN=Ferry Test CA/O=Ferry Tests",
                                      "-config", "test.cnf", "-extensions", "ca_ext", NULL });
      run_openssl ((const char *[]) { "openssl", "req", "-newkey", "rsa:2048", "-nodes",
                                      "-keyout", "leaf.key", "-out", "leaf.csr",
                                      "-subj",
                                      "/CN=ftp.example.org/O=Example\\, Inc./OU=Files/C=DE",
                                      "-config", "test.cnf", NULL });
      run_openssl ((const char *[]) { "openssl", "x509", "-req", "-in", "leaf.csr", "-CA",
                                      "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days",
                                      "30", "-extfile", "test.cnf", "-extensions", "leaf_ext",
                                      "-outform", "DER", "-out", "leaf.der", NULL });
      run_openssl ((const char *[]) { "openssl", "x509", "-in", "ca.pem", "-outform", "DER",
                                      "-out", "ca.der", NULL });
    }
  g_ptr_array_add (ders, read_file ("leaf.der"));
  g_ptr_array_add (ders, read_file ("ca.der"));
  chain = ferry_certificate_new_from_chain (ders, &error);
  g_assert_no_error (error);
  return chain;
}

static void
remove_cert_dir (void)
{
  const char *names[] = { "test.cnf", "ca.key", "ca.pem", "ca.srl", "leaf.key", "leaf.csr",
                          "leaf.der", "ca.der" };

  if (cert_dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (cert_dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (cert_dir);
  g_clear_pointer (&cert_dir, g_free);
}

/* The certificate tests make their certificates with openssl. */
static gboolean
skip_without_openssl (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");

  if (openssl == NULL)
    g_test_skip ("openssl is not installed");
  return openssl == NULL;
}

static FerryPromptAnswer
answer_of (FerryPrompt *prompt)
{
  g_assert_true (ferry_prompt_is_answered (prompt));
  return ferry_prompt_wait_answer (ferry_prompt_get_wait (prompt), NULL);
}

static FerryPrompt *
certificate_prompt (FerryPromptKind kind)
{
  g_autoptr(FerryCertificate) chain = make_chain ();
  FerryPrompt *prompt = ferry_prompt_new (kind, "ftp.example.org", 21,
                                          "The certificate of ftp.example.org:21 is not "
                                          "trusted.");
  char *problems[] = { "It is signed by a certificate authority your system does not know.",
                       NULL };

  ferry_prompt_set_certificate (prompt, chain, FERRY_CERTIFICATE_UNKNOWN_ISSUER, problems,
                                "TLS1.3", "AES-256-GCM", "ECDHE-X25519", "AEAD");
  return prompt;
}

/* ---- the window ---- */

static void
test_resources (void)
{
  static const char *paths[] = {
    "/io/github/ferryapp/Ferry/ui/ferry-window.ui",
    "/io/github/ferryapp/Ferry/ui/ferry-window.css",
    "/io/github/ferryapp/Ferry/ui/ferry-shortcuts.ui",
    "/io/github/ferryapp/Ferry/ui/ferry-connection-tab.ui",
    "/io/github/ferryapp/Ferry/ui/ferry-certificate-dialog.ui",
    "/io/github/ferryapp/Ferry/ui/ferry-certificate-dialog.css",
    "/io/github/ferryapp/Ferry/ui/ferry-security-indicator.ui",
    "/io/github/ferryapp/Ferry/ui/ferry-session-log.ui",
    "/io/github/ferryapp/Ferry/ui/ferry-transfer-panel.ui",
    "/io/github/ferryapp/Ferry/ui/ferry-transfer-row.ui",
    "/io/github/ferryapp/Ferry/icons/scalable/apps/io.github.ferryapp.Ferry.svg",
    "/io/github/ferryapp/Ferry/icons/symbolic/apps/io.github.ferryapp.Ferry-symbolic.svg",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_resources_lookup_data (paths[i], 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
    }
}

static void
test_window_template (void)
{
  GtkWidget *window = g_object_new (FERRY_TYPE_WINDOW, NULL);
  GtkWidget *entry, *connect, *error_label, *revealer, *stack;

  gtk_window_present (GTK_WINDOW (window));
  wait_for_mapped (window);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Ferry");
  g_assert_nonnull (find_widget (window, ADW_TYPE_HEADER_BAR, NULL));
  g_assert_nonnull (find_widget (window, ADW_TYPE_TAB_BAR, NULL));
  g_assert_nonnull (find_widget (window, ADW_TYPE_TAB_VIEW, NULL));
  g_assert_nonnull (find_widget (window, FERRY_TYPE_SECURITY_INDICATOR, NULL));
  g_assert_nonnull (find_menu_button (window, "Saved Sites"));
  g_assert_nonnull (find_menu_button (window, "Recent Connections"));
  g_assert_nonnull (find_menu_button (window, "Main Menu"));
  /* Not connected: the indicator and the connection buttons are hidden. */
  g_assert_false (gtk_widget_get_visible (find_widget (window, FERRY_TYPE_SECURITY_INDICATOR,
                                                       NULL)));
  g_assert_false (gtk_widget_get_visible (find_button (window, "win.disconnect")));
  g_assert_false (gtk_widget_get_visible (find_button (window, "win.cancel-connect")));
  g_assert_nonnull (find_label (window, "Connect to a Server", FALSE));

  entry = find_widget (window, GTK_TYPE_ENTRY, NULL);
  connect = find_button (window, "win.connect");
  g_assert_nonnull (entry);
  g_assert_nonnull (connect);

  /* The entry has the focus, and Connect needs text. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == entry ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), entry));
  g_assert_false (gtk_widget_is_sensitive (connect));
  gtk_editable_set_text (GTK_EDITABLE (entry), " ftpes://demo@ftp.example.org ");
  g_assert_true (gtk_widget_is_sensitive (connect));

  /* A password is refused, and the message says what to do. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "ftp://demo:secret@ftp.example.org");
  g_signal_emit_by_name (entry, "activate");
  error_label = find_label (window, "The address contains a password", TRUE);
  g_assert_nonnull (error_label);
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "secret"));
  revealer = gtk_widget_get_ancestor (error_label, GTK_TYPE_REVEALER);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  /* No tab was opened. */
  stack = gtk_widget_get_ancestor (find_label (window, "Connect to a Server", FALSE),
                                   GTK_TYPE_STACK);
  while (gtk_widget_get_ancestor (gtk_widget_get_parent (stack), GTK_TYPE_STACK) != NULL)
    stack = gtk_widget_get_ancestor (gtk_widget_get_parent (stack), GTK_TYPE_STACK);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");

  /* Editing drops the error; another scheme is refused in words. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "sftp://ftp.example.org");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_widget_activate_action (window, "win.connect", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (find_label (window, "FTP", TRUE));
  g_assert_true (gtk_widget_activate_action (window, "win.dismiss-error", NULL));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_false (gtk_widget_is_sensitive (connect));

  /* Ctrl+L's action. */
  gtk_widget_grab_focus (find_button (window, "win.manage-sites"));
  g_assert_true (gtk_widget_activate_action (window, "win.focus-address", NULL));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), entry) ||
                 gtk_window_get_focus (GTK_WINDOW (window)) == entry);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_sites (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ferry-ui-sites-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sites.ini", NULL);
  g_autoptr(FerrySiteStore) store = ferry_site_store_new (path);
  g_autoptr(FerrySite) top = ferry_site_new ();
  g_autoptr(FerrySite) nested = ferry_site_new ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *window, *list;
  GMenuModel *sites_menu, *recent_menu;

  ferry_site_set_name (top, "My_Server");
  ferry_site_set_host (top, "ftp.example.org");
  ferry_site_set_user (top, "alice");
  ferry_site_set_name (nested, "Nested Box");
  ferry_site_set_host (nested, "files.example.net");
  ferry_site_set_folder (nested, "Work/Clients");
  ferry_site_store_add (store, top);
  ferry_site_store_add (store, nested);

  g_settings_set_strv (settings, "recent-connections",
                       (const char *[]) { "ftpes://bob@ftp.example.com:2121", NULL });
  window = g_object_new (FERRY_TYPE_WINDOW, NULL);
  ferry_window_set_site_store (FERRY_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_mapped (window);

  /* The site menu: folders as submenus, mnemonics escaped, Manage Sites. */
  sites_menu = gtk_menu_button_get_menu_model (find_menu_button (window, "Saved Sites"));
  g_assert_true (menu_has_label (sites_menu, "My__Server"));
  g_assert_true (menu_has_label (sites_menu, "Work"));
  g_assert_true (menu_has_label (sites_menu, "Clients"));
  g_assert_true (menu_has_label (sites_menu, "Nested Box"));
  g_assert_true (menu_has_label (sites_menu, "_Manage Sites…"));

  /* The empty state lists them, activatable. */
  list = find_widget (find_widget (window, ADW_TYPE_STATUS_PAGE, NULL), GTK_TYPE_LIST_BOX,
                     "boxed-list");
  g_assert_nonnull (find_label (list, "My_Server", FALSE));
  g_assert_nonnull (find_label (list, "Work/Clients · anonymous@files.example.net:21", FALSE));
  g_assert_true (gtk_list_box_row_get_activatable (
                   GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (find_label (list, "Nested Box",
                                                                          FALSE),
                                                              GTK_TYPE_LIST_BOX_ROW))));

  /* A renamed site shows its new name. */
  ferry_site_set_name (nested, "Renamed Box");
  iterate ();
  g_assert_nonnull (find_label (list, "Renamed Box", FALSE));
  sites_menu = gtk_menu_button_get_menu_model (find_menu_button (window, "Saved Sites"));
  g_assert_true (menu_has_label (sites_menu, "Renamed Box"));
  g_assert_false (menu_has_label (sites_menu, "Nested Box"));

  /* Recent connections, and clearing them. */
  recent_menu = gtk_menu_button_get_menu_model (find_menu_button (window, "Recent Connections"));
  g_assert_true (menu_has_label (recent_menu, "ftpes://bob@ftp.example.com:2121"));
  g_assert_true (menu_has_label (recent_menu, "_Save as Site…"));
  g_assert_true (gtk_widget_activate_action (window, "win.clear-recent", NULL));
  iterate ();
  g_assert_false (menu_has_label (recent_menu, "ftpes://bob@ftp.example.com:2121"));
  g_assert_true (menu_has_label (recent_menu, "No Recent Connections"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
tab_stopped (gpointer data)
{
  FerryConnectionState state = ferry_connection_tab_get_state (data);

  return state == FERRY_CONNECTION_STATE_FAILED || state == FERRY_CONNECTION_STATE_DISCONNECTED;
}

static void
test_window_tab_fails (void)
{
  GtkWidget *window = g_object_new (FERRY_TYPE_WINDOW, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *url = NULL;
  FerryConnectionTab *tab;
  AdwTabView *view;
  guint16 port;

  gtk_window_present (GTK_WINDOW (window));
  wait_for_mapped (window);

  /* A loopback port that nobody listens on: bound, never listening. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));

  /* Anonymous: nothing to ask; the tab opens and says why it failed. */
  url = g_strdup_printf ("ftpes://127.0.0.1:%u", port);
  g_assert_true (ferry_window_open_address (FERRY_WINDOW (window), url, &error));
  g_assert_no_error (error);
  view = ADW_TAB_VIEW (find_widget (window, ADW_TYPE_TAB_VIEW, NULL));
  g_assert_cmpint (adw_tab_view_get_n_pages (view), ==, 1);
  tab = FERRY_CONNECTION_TAB (adw_tab_page_get_child (adw_tab_view_get_selected_page (view)));
  g_assert_cmpstr (ferry_connection_tab_get_title (tab), ==, "127.0.0.1");
  g_assert_true (wait_until (tab_stopped, tab));
  g_assert_cmpint (ferry_connection_tab_get_state (tab), ==, FERRY_CONNECTION_STATE_FAILED);
  g_assert_nonnull (ferry_connection_tab_get_error (tab));
  iterate ();
  g_assert_true (gtk_widget_get_visible (find_button (window, "win.reconnect")));
  g_assert_nonnull (find_label (GTK_WIDGET (tab), "Could Not Connect", TRUE));
  g_assert_null (ferry_connection_tab_dup_security_status (tab));

  /* Closing the tab brings the empty state back. */
  g_assert_true (gtk_widget_activate_action (window, "win.close-tab", NULL));
  iterate ();
  g_assert_cmpint (adw_tab_view_get_n_pages (view), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
tab_connecting (gpointer data)
{
  return ferry_connection_tab_get_state (data) == FERRY_CONNECTION_STATE_CONNECTING;
}

static void
test_window_tab_cancel (void)
{
  GtkWidget *window = g_object_new (FERRY_TYPE_WINDOW, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *url = NULL;
  FerryConnectionTab *tab;
  AdwTabView *view;

  gtk_window_present (GTK_WINDOW (window));
  wait_for_mapped (window);

  /* A server that takes the connection and never says a word. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, &error);
  url = g_strdup_printf ("ftpes://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));

  g_assert_true (ferry_window_open_address (FERRY_WINDOW (window), url, &error));
  view = ADW_TAB_VIEW (find_widget (window, ADW_TYPE_TAB_VIEW, NULL));
  tab = FERRY_CONNECTION_TAB (adw_tab_page_get_child (adw_tab_view_get_selected_page (view)));
  g_assert_true (tab_connecting (tab));
  iterate ();
  /* Connecting: a spinner, Cancel in the tab and in the header bar. */
  g_assert_true (adw_tab_page_get_loading (adw_tab_view_get_selected_page (view)));
  g_assert_true (gtk_widget_get_visible (find_button (window, "win.cancel-connect")));
  g_assert_nonnull (find_button (GTK_WIDGET (tab), "tab.cancel"));

  g_assert_true (gtk_widget_activate_action (window, "win.cancel-connect", NULL));
  g_assert_true (wait_until (tab_stopped, tab));
  g_assert_cmpint (ferry_connection_tab_get_state (tab), ==, FERRY_CONNECTION_STATE_DISCONNECTED);
  g_assert_nonnull (find_label (GTK_WIDGET (tab), "Connecting was cancelled.", FALSE));
  g_assert_false (adw_tab_page_get_loading (adw_tab_view_get_selected_page (view)));
  g_assert_true (gtk_widget_get_visible (find_button (window, "win.reconnect")));
  g_assert_false (gtk_widget_get_visible (find_button (window, "win.cancel-connect")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_state (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *window;
  int width, height;

  /* The defaults the schema promises. */
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 650);
  window = g_object_new (FERRY_TYPE_WINDOW, NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);

  /* Closing the (shown) window saves its size. */
  gtk_window_present (GTK_WINDOW (window));
  wait_for_mapped (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1111, 777);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1111);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 777);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/ferryapp/Ferry/ui/ferry-shortcuts.ui");
  GObject *window = gtk_builder_get_object (builder, "shortcuts_window");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_mapped (GTK_WIDGET (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- the connection tab ---- */

static gboolean
paned_is_vertical (gpointer data)
{
  return gtk_orientable_get_orientation (GTK_ORIENTABLE (data)) == GTK_ORIENTATION_VERTICAL;
}

static GtkWidget *
show_tab (int width)
{
  g_autoptr(FerryEndpoint) endpoint = ferry_endpoint_new ();
  GtkWidget *window = gtk_window_new ();
  FerryConnectionTab *tab;

  endpoint->host = g_strdup ("ftp.example.org");
  endpoint->user = g_strdup ("alice");
  tab = ferry_connection_tab_new_for_endpoint (endpoint, "/pub", NULL);
  g_assert_cmpint (ferry_connection_tab_get_state (tab), ==, FERRY_CONNECTION_STATE_IDLE);
  g_assert_cmpstr (ferry_connection_tab_get_title (tab), ==, "ftp.example.org");
  g_assert_false (ferry_connection_tab_get_busy (tab));
  g_assert_null (ferry_connection_tab_get_site (tab));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (tab));
  gtk_window_set_default_size (GTK_WINDOW (window), width, 600);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_mapped (window);
  return window;
}

static void
test_connection_tab_template (void)
{
  GtkWidget *window;
  GtkWidget *paned;

  /* Side by side when wide… */
  window = show_tab (1000);
  paned = find_widget (window, GTK_TYPE_PANED, NULL);
  g_assert_nonnull (paned);
  g_assert_false (paned_is_vertical (paned));
  g_assert_nonnull (find_label (window, "Connecting to ftp.example.org", TRUE));
  gtk_window_destroy (GTK_WINDOW (window));

  /* … one above the other when narrow. */
  window = show_tab (500);
  paned = find_widget (window, GTK_TYPE_PANED, NULL);
  g_assert_true (wait_until (paned_is_vertical, paned));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_width (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static GtkWidget *
show_panes (GtkWidget *window)
{
  GtkWidget *paned = find_widget (window, GTK_TYPE_PANED, NULL);
  GtkWidget *page = paned;

  /* Show the files page as a connected tab would (no server here). */
  while (gtk_widget_get_parent (page) != NULL &&
         !GTK_IS_STACK (gtk_widget_get_parent (page)))
    page = gtk_widget_get_parent (page);
  g_assert_true (GTK_IS_STACK (gtk_widget_get_parent (page)));
  gtk_stack_set_transition_type (GTK_STACK (gtk_widget_get_parent (page)),
                                 GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_stack_set_visible_child (GTK_STACK (gtk_widget_get_parent (page)), page);
  g_assert_true (wait_until (has_width, paned));
  return paned;
}

typedef struct
{
  GtkPaned *paned;
  double share;
} Split;

static gboolean
split_is (gpointer data)
{
  Split *split = data;
  int width = gtk_widget_get_width (GTK_WIDGET (split->paned));

  return width > 0 && ABS (gtk_paned_get_position (split->paned) - split->share * width) <= 2;
}

static void
test_connection_tab_remembers_split (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *window;
  GtkPaned *paned;
  Split split;

  g_settings_reset (settings, "pane-split");
  window = show_tab (1000);
  paned = GTK_PANED (show_panes (window));
  split = (Split) { paned, 0.5 };
  g_assert_true (wait_until (split_is, &split));

  gtk_paned_set_position (paned, gtk_widget_get_width (GTK_WIDGET (paned)) * 3 / 10);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "pane-split"), 0.3, 0.01);
  gtk_window_destroy (GTK_WINDOW (window));

  /* A new tab starts where the person left the split. */
  window = show_tab (1000);
  paned = GTK_PANED (show_panes (window));
  split = (Split) { paned, 0.3 };
  g_assert_true (wait_until (split_is, &split));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "pane-split");
}

/* ---- the certificate dialog ---- */

static void
test_dn_split (void)
{
  static const struct
  {
    const char *dn;
    const char *expected; /* type=value pairs joined with '|' */
  } cases[] = {
    { "CN=localhost", "CN=localhost" },
    { "CN=ftp.example.org,O=Example\\, Inc.,C=DE", "CN=ftp.example.org|O=Example, Inc.|C=DE" },
    { "CN=a+UID=b,O=c", "CN=a|UID=b|O=c" },
    { "CN=caf\\C3\\A9", "CN=café" },
    { "O=x\\=y,OU=\\\"q\\\"", "O=x=y|OU=\"q\"" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) fields = ferry_certificate_dialog_split_dn (cases[i].dn);
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint j = 0; fields[j] != NULL && fields[j + 1] != NULL; j += 2)
        g_string_append_printf (joined, "%s%s=%s", j > 0 ? "|" : "", fields[j], fields[j + 1]);
      g_assert_cmpstr (joined->str, ==, cases[i].expected);
    }
  g_assert_cmpstr (ferry_certificate_dialog_describe_attribute ("CN"), ==, "Common Name");
  g_assert_cmpstr (ferry_certificate_dialog_describe_attribute ("ou"), ==,
                   "Organizational Unit");
  g_assert_cmpstr (ferry_certificate_dialog_describe_attribute ("2.5.4.99"), ==, "2.5.4.99");
}

static void
test_certificate_dialog_view_body (void);

static void
test_certificate_dialog_view (void)
{
  if (!skip_without_openssl ())
    test_certificate_dialog_view_body ();
}

static void
test_certificate_dialog_view_body (void)
{
  g_autoptr(FerryCertificate) chain = make_chain ();
  g_autoptr(FerrySecurityStatus) status = ferry_security_status_new ();
  g_autofree char *sha256 = ferry_fingerprint_format (ferry_certificate_get_sha256 (chain));
  FerryCertificateDialog *dialog;
  GtkListBox *chain_list;

  status->control = FERRY_CONTROL_CHANNEL_TLS;
  status->tls_version = g_strdup ("TLS1.3");
  status->cipher = g_strdup ("AES-256-GCM");
  status->trust = FERRY_CERTIFICATE_TRUST_PINNED;
  status->certificate = g_object_ref (chain);

  dialog = ferry_certificate_dialog_new (NULL, chain, "ftp.example.org:21", status);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_mapped (GTK_WIDGET (dialog));

  g_assert_null (ferry_certificate_dialog_get_prompt (dialog));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), sha256, FALSE));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (find_label (GTK_WIDGET (dialog), sha256,
                                                                  FALSE))));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Example, Inc.", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Organizational Unit", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "ftp.example.org", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "RSA, 2048 bits", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "TLS 1.3", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "one you chose to always trust", TRUE));
  /* No answer buttons when nothing is asked. */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (
                    find_label (GTK_WIDGET (dialog), "Always Trust", FALSE),
                    GTK_TYPE_ACTION_BAR)));

  /* The chain: selecting the CA shows the CA. */
  chain_list = GTK_LIST_BOX (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, "boxed-list"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (chain_list, 1));
  gtk_list_box_select_row (chain_list, gtk_list_box_get_row_at_index (chain_list, 1));
  iterate ();
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Ferry Tests", FALSE));
  g_assert_null (find_label (GTK_WIDGET (dialog), "Example, Inc.", FALSE));

  save_shot (GTK_WIDGET (dialog), "certificate-dialog-view.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_certificate_dialog_prompt_body (void);

static void
test_certificate_dialog_prompt (void)
{
  if (!skip_without_openssl ())
    test_certificate_dialog_prompt_body ();
}

static void
test_certificate_dialog_prompt_body (void)
{
  g_autoptr(FerryPrompt) prompt = certificate_prompt (FERRY_PROMPT_CERTIFICATE);
  g_autoptr(FerryPrompt) closed = certificate_prompt (FERRY_PROMPT_CERTIFICATE);
  FerryCertificateDialog *dialog;
  GtkWidget *button;

  dialog = ferry_certificate_dialog_new_for_prompt (NULL, prompt);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_mapped (GTK_WIDGET (dialog));
  g_assert_true (ferry_certificate_dialog_get_prompt (dialog) == prompt);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Untrusted Certificate");
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "is not trusted", TRUE));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "does not know", TRUE));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "ECDHE-X25519", FALSE));
  button = find_label (GTK_WIDGET (dialog), "Accept Once", FALSE);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (button, GTK_TYPE_ACTION_BAR)));
  save_shot (GTK_WIDGET (dialog), "certificate-dialog-prompt.png");
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (answer_of (prompt), ==, FERRY_PROMPT_ANSWER_ACCEPT_ONCE);

  /* Closed without an answer: rejected. */
  dialog = ferry_certificate_dialog_new_for_prompt (NULL, closed);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_mapped (GTK_WIDGET (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_cmpint (answer_of (closed), ==, FERRY_PROMPT_ANSWER_REJECT);
}

static void
test_certificate_dialog_changed_body (void);

static void
test_certificate_dialog_changed (void)
{
  if (!skip_without_openssl ())
    test_certificate_dialog_changed_body ();
}

static void
test_certificate_dialog_changed_body (void)
{
  g_autoptr(FerryPrompt) prompt = certificate_prompt (FERRY_PROMPT_CERTIFICATE_CHANGED);
  g_autoptr(GPtrArray) pins = g_ptr_array_new_with_free_func ((GDestroyNotify) ferry_pin_free);
  FerryPin *old = ferry_pin_new ("00112233445566778899aabbccddeeff"
                                 "00112233445566778899aabbccddeeff");
  FerryCertificateDialog *dialog;
  GtkWidget *button;

  old->subject = g_strdup ("CN=ftp.example.org,O=Old Certificate");
  old->not_before = 1700000000;
  old->not_after = 1800000000;
  g_ptr_array_add (pins, old);
  ferry_prompt_set_previous_pins (prompt, pins);

  dialog = ferry_certificate_dialog_new_for_prompt (NULL, prompt);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 720, 760);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_mapped (GTK_WIDGET (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   "The Certificate Has Changed");
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), GTK_TYPE_BOX, "ferry-danger"));
  /* Old and new side by side. */
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Trusted Before", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Presented Now", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "ftp.example.org\nOld Certificate", TRUE));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog),
                                "ftp.example.org\nExample, Inc. · Files · DE", TRUE));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "00:11:22:33", TRUE));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Someone may be intercepting", TRUE));
  button = find_label (GTK_WIDGET (dialog), "Always Trust", FALSE);
  g_assert_true (gtk_widget_has_css_class (button, "destructive-action"));
  g_assert_true (gtk_widget_has_css_class (find_label (GTK_WIDGET (dialog), "Reject", FALSE),
                                           "suggested-action"));
  save_shot (GTK_WIDGET (dialog), "certificate-dialog-changed.png");
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (answer_of (prompt), ==, FERRY_PROMPT_ANSWER_ACCEPT_ALWAYS);
}

/* ---- the prompt handler ---- */

static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
no_message_dialog (gpointer data)
{
  return find_message_dialog () == NULL;
}

static void
test_prompt_handler_plain (void)
{
  g_autoptr(FerryPrompt) prompt = ferry_prompt_new (FERRY_PROMPT_PLAIN_FALLBACK, "ftp.example.org",
                                                    21, "ftp.example.org:21 does not offer "
                                                    "TLS.");
  g_autoptr(FerryPrompt) cancelled = ferry_prompt_new (FERRY_PROMPT_PLAIN_FALLBACK,
                                                       "ftp.example.org", 21, "No TLS.");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  GtkWindow *dialog;

  ferry_prompt_set_downgrade_warning (prompt, TRUE);
  gtk_window_present (parent);
  dialog = ferry_prompt_handler_run (parent, prompt, NULL);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  wait_for_mapped (GTK_WIDGET (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Encryption Is Missing");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "does not offer TLS"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                                               "plain"),
                   ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "cancel");
  save_shot (GTK_WIDGET (dialog), "plain-fallback.png");
  /* As the person does: the button (a response alone leaves the dialog open). */
  g_signal_emit_by_name (find_label (GTK_WIDGET (dialog), "Log In _Without Encryption", FALSE),
                         "clicked");
  g_assert_cmpint (answer_of (prompt), ==, FERRY_PROMPT_ANSWER_ACCEPT_ONCE);
  g_assert_true (wait_until (no_message_dialog, NULL));

  /* Cancelling the operation closes the question and rejects. */
  dialog = ferry_prompt_handler_run (parent, cancelled, cancellable);
  wait_for_mapped (GTK_WIDGET (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Log In Without Encryption?");
  g_cancellable_cancel (cancellable);
  g_assert_true (wait_until (no_message_dialog, NULL));
  g_assert_cmpint (answer_of (cancelled), ==, FERRY_PROMPT_ANSWER_REJECT);
  gtk_window_destroy (parent);
}

/* ---- the security indicator ---- */

static void
test_security_indicator_body (void);

static void
test_security_indicator (void)
{
  if (!skip_without_openssl ())
    test_security_indicator_body ();
}

static void
test_security_indicator_body (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *indicator = ferry_security_indicator_new ();
  g_autoptr(FerrySecurityStatus) status = ferry_security_status_new ();
  g_autoptr(FerryCertificate) chain = make_chain ();
  GtkMenuButton *button;

  gtk_window_set_child (GTK_WINDOW (window), indicator);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (indicator));
  g_assert_cmpint (ferry_security_indicator_get_level (FERRY_SECURITY_INDICATOR (indicator)), ==,
                   FERRY_SECURITY_LEVEL_NONE);
  button = GTK_MENU_BUTTON (find_widget (indicator, GTK_TYPE_MENU_BUTTON, NULL));

  /* Everything encrypted, pinned: a closed lock. */
  status->mode = FERRY_SECURITY_EXPLICIT;
  status->mode_detected = TRUE;
  status->control = FERRY_CONTROL_CHANNEL_TLS;
  status->tls_version = g_strdup ("TLS1.3");
  status->cipher = g_strdup ("AES-256-GCM");
  status->credentials_encrypted = TRUE;
  status->data = FERRY_DATA_CHANNEL_PRIVATE;
  status->data_connections = 2;
  status->data_resumed = 2;
  status->trust = FERRY_CERTIFICATE_TRUST_PINNED;
  status->certificate = g_object_ref (chain);
  ferry_security_indicator_set_status (FERRY_SECURITY_INDICATOR (indicator), status,
                                       "ftp.example.org:21");
  g_assert_true (gtk_widget_get_visible (indicator));
  g_assert_cmpint (ferry_security_indicator_get_level (FERRY_SECURITY_INDICATOR (indicator)), ==,
                   FERRY_SECURITY_LEVEL_SECURE);
  g_assert_cmpstr (gtk_menu_button_get_icon_name (button), ==, "channel-secure-symbolic");
  g_assert_nonnull (find_label (indicator, "Explicit FTPS (AUTH TLS), detected automatically",
                                FALSE));
  g_assert_nonnull (find_label (indicator, "Commands and replies are encrypted (TLS 1.3", TRUE));
  g_assert_nonnull (find_label (indicator, "File transfers are encrypted with the same trusted "
                                           "session as the commands.", FALSE));
  g_assert_true (gtk_widget_get_visible (find_label (indicator, "View Certificate", FALSE)));

  /* Implicit, chosen; clear data: a warning. */
  status->mode = FERRY_SECURITY_IMPLICIT;
  status->mode_detected = FALSE;
  status->data = FERRY_DATA_CHANNEL_CLEAR;
  ferry_security_indicator_set_status (FERRY_SECURITY_INDICATOR (indicator), status,
                                       "ftp.example.org:990");
  g_assert_cmpint (ferry_security_indicator_get_level (FERRY_SECURITY_INDICATOR (indicator)), ==,
                   FERRY_SECURITY_LEVEL_WARNING);
  g_assert_cmpstr (gtk_menu_button_get_icon_name (button), ==, "dialog-warning-symbolic");
  g_assert_nonnull (find_label (indicator, "Implicit FTPS (TLS from the start), as chosen for "
                                           "this connection", FALSE));

  /* Cleared by CCC, or accepted once: warnings too. */
  status->data = FERRY_DATA_CHANNEL_PRIVATE;
  status->control = FERRY_CONTROL_CHANNEL_CLEARED;
  g_assert_cmpint (ferry_security_level_from_status (status), ==, FERRY_SECURITY_LEVEL_WARNING);
  status->control = FERRY_CONTROL_CHANNEL_TLS;
  status->trust = FERRY_CERTIFICATE_TRUST_ONCE;
  g_assert_cmpint (ferry_security_level_from_status (status), ==, FERRY_SECURITY_LEVEL_WARNING);

  /* Plain FTP: an open lock. */
  status->mode = FERRY_SECURITY_PLAIN;
  status->control = FERRY_CONTROL_CHANNEL_PLAIN;
  status->credentials_encrypted = FALSE;
  status->data = FERRY_DATA_CHANNEL_CLEAR;
  status->trust = FERRY_CERTIFICATE_TRUST_NONE;
  g_clear_object (&status->certificate);
  ferry_security_indicator_set_status (FERRY_SECURITY_INDICATOR (indicator), status,
                                       "ftp.example.org:21");
  g_assert_cmpint (ferry_security_indicator_get_level (FERRY_SECURITY_INDICATOR (indicator)), ==,
                   FERRY_SECURITY_LEVEL_INSECURE);
  g_assert_cmpstr (gtk_menu_button_get_icon_name (button), ==, "channel-insecure-symbolic");
  g_assert_nonnull (find_label (indicator, "Plain FTP, without encryption", FALSE));
  g_assert_false (gtk_widget_get_visible (find_label (indicator, "View Certificate", FALSE)));

  ferry_security_indicator_set_status (FERRY_SECURITY_INDICATOR (indicator), NULL, NULL);
  g_assert_false (gtk_widget_get_visible (indicator));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- the session log and the transfer rows ---- */

static void
test_session_log (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *log = ferry_session_log_new ();
  g_autofree char *text = NULL;

  gtk_window_set_child (GTK_WINDOW (window), log);
  gtk_window_present (GTK_WINDOW (window));
  ferry_session_log_append (FERRY_SESSION_LOG (log), FERRY_LOG_STATUS, "Connecting…");
  ferry_session_log_append (FERRY_SESSION_LOG (log), FERRY_LOG_COMMAND, "PASS ****");
  ferry_session_log_append (FERRY_SESSION_LOG (log), FERRY_LOG_REPLY, "230 Login successful.");
  ferry_session_log_append (FERRY_SESSION_LOG (log), FERRY_LOG_ERROR, "Oops");
  /* Not valid UTF-8 from a server: shown, not lost. */
  ferry_session_log_append (FERRY_SESSION_LOG (log), FERRY_LOG_REPLY, "550 caf\xe9");
  text = ferry_session_log_dup_text (FERRY_SESSION_LOG (log));
  g_assert_nonnull (strstr (text, "  Connecting…\n"));
  g_assert_nonnull (strstr (text, "  > PASS ****\n"));
  g_assert_nonnull (strstr (text, "  < 230 Login successful.\n"));
  g_assert_nonnull (strstr (text, "  ! Oops\n"));
  g_assert_nonnull (strstr (text, "  < 550 caf"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (gtk_widget_activate_action (log, "log.clear", NULL));
  g_free (text);
  text = ferry_session_log_dup_text (FERRY_SESSION_LOG (log));
  g_assert_cmpstr (text, ==, "");
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkTextBuffer *
session_log_buffer (GtkWidget *log)
{
  GtkWidget *view = find_widget (log, GTK_TYPE_TEXT_VIEW, NULL);

  g_assert_nonnull (view);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static void
count_call (guint *count)
{
  (*count)++;
}

static gboolean
buffer_has_chars (gpointer data)
{
  return gtk_text_buffer_get_char_count (data) > 0;
}

/* Lines reach the text buffer together: a burst is one insertion, each line keeps its
 * colour, and only the last 5,000 lines stay. */
static void
test_session_log_batched (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *log = ferry_session_log_new ();
  GtkTextBuffer *buffer = session_log_buffer (log);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  g_autofree char *text = NULL;
  guint inserts = 0;
  GtkTextIter iter;
  GSList *tags;
  gboolean bold = FALSE;

  gtk_window_set_child (GTK_WINDOW (window), log);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect_swapped (buffer, "insert-text", G_CALLBACK (count_call), &inserts);
  for (int i = 0; i < 6000; i++)
    {
      g_autofree char *line = g_strdup_printf ("line %d", i);

      ferry_session_log_append (FERRY_SESSION_LOG (log),
                                i == 5999 ? FERRY_LOG_ERROR : FERRY_LOG_REPLY, line);
    }
  /* Nothing inserted yet: the lines wait for the next flush. */
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  g_assert_true (wait_until (buffer_has_chars, buffer));
  g_assert_cmpuint (inserts, ==, 1);
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, 5000);
  text = ferry_session_log_dup_text (FERRY_SESSION_LOG (log));
  g_assert_true (g_str_has_suffix (text, "  ! line 5999"));
  g_assert_null (strstr (text, "< line 999\n"));
  g_assert_nonnull (strstr (text, "< line 1000\n"));
  /* The error line's text is bold, the reply before it is not. */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 4999, 12);
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      int weight = PANGO_WEIGHT_NORMAL;
      gboolean set = FALSE;

      g_object_get (l->data, "weight", &weight, "weight-set", &set, NULL);
      bold |= set && weight == PANGO_WEIGHT_BOLD;
    }
  g_slist_free (tags);
  g_assert_true (bold);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 4998, 12);
  tags = gtk_text_iter_get_tags (&iter);
  g_assert_nonnull (tags);
  g_assert_false (gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (table, "time")));
  g_slist_free (tags);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 4998, 0);
  g_assert_true (gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (table, "time")));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
transfer_has_bytes (gpointer data)
{
  return ferry_transfer_get_bytes_done (data) == 1000000 && ferry_transfer_get_total (data) > 0;
}

static void
test_transfer_row (void)
{
  g_autoptr(GFile) local = g_file_new_for_path ("/tmp/ferry-ui-test/report.pdf");
  g_autoptr(FerryTransfer) transfer = ferry_transfer_new (FERRY_TRANSFER_DOWNLOAD,
                                                          "/pub/report.pdf", local, FALSE,
                                                          FERRY_TRANSFER_FLAGS_NONE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = ferry_transfer_row_new ();
  g_autofree char *progress = NULL;

  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_present (GTK_WINDOW (window));
  ferry_transfer_row_set_transfer (FERRY_TRANSFER_ROW (row), transfer);
  g_assert_nonnull (find_label (row, "report.pdf", FALSE));
  g_assert_nonnull (find_label (row, "Queued", FALSE));
  g_assert_true (gtk_widget_get_visible (find_button (row, "row.cancel")));
  g_assert_false (gtk_widget_get_visible (find_button (row, "row.retry")));

  ferry_transfer_set_state (transfer, FERRY_TRANSFER_ACTIVE, NULL);
  ferry_transfer_begin (transfer, 0, 4000000);
  ferry_transfer_add_bytes (transfer, 1000000);
  /* Progress reaches the main context coalesced, a few times a second. */
  g_assert_true (wait_until (transfer_has_bytes, transfer));
  progress = ferry_transfer_row_describe_progress (transfer);
  /* g_format_size() puts a no-break space before the unit. */
  g_assert_true (g_str_has_prefix (progress, "1.0\u00a0MB of 4.0\u00a0MB"));

  ferry_transfer_set_state (transfer, FERRY_TRANSFER_FAILED,
                            "“report.pdf” already exists. Choose to overwrite it.");
  iterate ();
  g_assert_nonnull (find_label (row, "Failed", FALSE));
  g_assert_nonnull (find_label (row, "already exists", TRUE));
  g_assert_false (gtk_widget_get_visible (find_button (row, "row.cancel")));
  g_assert_false (gtk_widget_get_visible (find_button (row, "row.pause")));
  g_assert_true (gtk_widget_get_visible (find_button (row, "row.retry")));

  ferry_transfer_row_set_transfer (FERRY_TRANSFER_ROW (row), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* What GtkApplication does for the app: icons from the resource bundle. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/ferryapp/Ferry/icons");

  g_test_add_func ("/ui/resources", test_resources);
  g_test_add_func ("/ui/window/template", test_window_template);
  g_test_add_func ("/ui/window/sites", test_window_sites);
  g_test_add_func ("/ui/window/tab-fails", test_window_tab_fails);
  g_test_add_func ("/ui/window/tab-cancel", test_window_tab_cancel);
  g_test_add_func ("/ui/window/state", test_window_state);
  g_test_add_func ("/ui/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/ui/connection-tab/template", test_connection_tab_template);
  g_test_add_func ("/ui/connection-tab/remembers-split", test_connection_tab_remembers_split);
  g_test_add_func ("/ui/certificate-dialog/split-dn", test_dn_split);
  g_test_add_func ("/ui/certificate-dialog/view", test_certificate_dialog_view);
  g_test_add_func ("/ui/certificate-dialog/prompt", test_certificate_dialog_prompt);
  g_test_add_func ("/ui/certificate-dialog/changed", test_certificate_dialog_changed);
  g_test_add_func ("/ui/prompt-handler/plain-fallback", test_prompt_handler_plain);
  g_test_add_func ("/ui/security-indicator", test_security_indicator);
  g_test_add_func ("/ui/session-log", test_session_log);
  g_test_add_func ("/ui/session-log/batched", test_session_log_batched);
  g_test_add_func ("/ui/transfer-row", test_transfer_row);
  status = g_test_run ();
  remove_cert_dir ();
  return status;
}
