/* file-pane-demo.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test program for tests/gui-file-pane.py: a window with a local
 * FerryFilePane and a remote one on a real server, side by side, as a
 * connection tab shows them. What happens is printed on stdout, one line per
 * event (READY, REMOTE-READY, PATH, TOAST, ACTIVATE, CONNECT-FAILED, PROMPT).
 *
 * usage: file-pane-demo --local DIR --url URL [--password PW] [--ca-file CA]
 *                       [--trust-fingerprint SHA256] [--security MODE] [--size WxH]
 * The password may also come from $FERRY_DEMO_PASSWORD.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "ferry-file-pane.h"
#include "ferry-local-source.h"
#include "ferry-memory-known-servers.h"
#include "ferry-remote-source.h"
#include "ferry-url.h"

static char *opt_local;
static char *opt_url;
static char *opt_password;
static char *opt_ca_file;
static char *opt_fingerprint;
static char *opt_size;
static char *opt_security;

static FerrySession *session;
static FerryUrl *url;
static GtkWidget *remote_pane;
static gboolean remote_ready;

static void
say (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
say (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

static void
toast_cb (FerryFilePane   *pane,
          const char      *message,
          AdwToastOverlay *overlay)
{
  say ("TOAST %s", message);
  adw_toast_overlay_add_toast (overlay, adw_toast_new (message));
}

static void
activate_file_cb (FerryFilePane   *pane,
                  FerryRemoteFile *file,
                  const char      *side)
{
  say ("ACTIVATE %s %s", side, ferry_remote_file_get_name (file));
}

static void
path_cb (FerryFilePane *pane,
         GParamSpec    *pspec,
         const char    *side)
{
  say ("PATH %s %s", side, ferry_file_pane_get_path (pane));
}

static void
loading_cb (FerryFilePane *pane,
            GParamSpec    *pspec,
            const char    *side)
{
  if (ferry_file_pane_get_loading (pane))
    return;
  say ("LOADED %s %s", side, ferry_file_pane_get_path (pane));
  if (pane == FERRY_FILE_PANE (remote_pane) && !remote_ready)
    {
      remote_ready = TRUE;
      say ("REMOTE-READY");
    }
}

static void
prompt_cb (FerrySession *self,
           FerryPrompt  *prompt,
           gpointer      user_data)
{
  /* A test trusts its server through --ca-file or --trust-fingerprint. */
  say ("PROMPT %s", ferry_prompt_get_message (prompt));
  ferry_prompt_respond (prompt, FERRY_PROMPT_ANSWER_REJECT);
}

static void
connect_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;

  if (!ferry_session_connect_finish (FERRY_SESSION (object), result, &error))
    say ("CONNECT-FAILED %s", error->message);
  else
    say ("CONNECTED");
  home = ferry_browser_source_dup_home (ferry_file_pane_get_source (FERRY_FILE_PANE (remote_pane)));
  ferry_file_pane_navigate (FERRY_FILE_PANE (remote_pane), url->path ? url->path : home);
}

static GtkWidget *
pane_new (FerryBrowserSource *source,
          const char         *label,
          const char         *side,
          AdwToastOverlay    *overlay,
          GSettings          *settings)
{
  GtkWidget *pane = ferry_file_pane_new (source);

  ferry_file_pane_set_label (FERRY_FILE_PANE (pane), label);
  gtk_widget_set_size_request (pane, 300, -1);
  g_signal_connect (pane, "toast", G_CALLBACK (toast_cb), overlay);
  g_signal_connect (pane, "activate-file", G_CALLBACK (activate_file_cb), (gpointer) side);
  g_signal_connect (pane, "notify::path", G_CALLBACK (path_cb), (gpointer) side);
  g_signal_connect (pane, "notify::loading", G_CALLBACK (loading_cb), (gpointer) side);
  if (settings != NULL)
    g_settings_bind (settings, "show-hidden-files", pane, "show-hidden", G_SETTINGS_BIND_DEFAULT);
  return pane;
}

static void
activate_cb (GtkApplication *app,
             gpointer        user_data)
{
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(FerryBrowserSource) local_source = ferry_local_source_new ();
  g_autoptr(FerryBrowserSource) remote_source = NULL;
  g_autoptr(FerryEndpoint) endpoint = ferry_endpoint_new ();
  g_autoptr(FerryKnownServers) known = ferry_memory_known_servers_new ();
  GtkWidget *window, *box, *header, *title, *overlay, *paned, *local_pane;
  int width = 1200, height = 720;

  if (opt_size != NULL)
    sscanf (opt_size, "%dx%d", &width, &height);
  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, APPLICATION_ID, TRUE);
  if (schema != NULL)
    settings = g_settings_new_full (schema, NULL, NULL);

  endpoint->host = g_strdup (url->host);
  endpoint->port = url->port;
  endpoint->user = g_strdup (url->user);
  endpoint->security = url->has_security ? url->security : FERRY_SECURITY_AUTO;
  if (opt_security != NULL)
    ferry_security_mode_from_string (opt_security, &endpoint->security);
  endpoint->ca_file = g_strdup (opt_ca_file);
  if (opt_fingerprint != NULL)
    {
      g_autofree char *sha256 = ferry_fingerprint_normalize (opt_fingerprint);
      g_autoptr(FerryPin) pin = ferry_pin_new (sha256);

      ferry_known_servers_add_pin (known, endpoint->host,
                                   ferry_endpoint_get_effective_port (endpoint), pin, TRUE);
    }
  session = ferry_session_new (endpoint, known);
  if (opt_password != NULL)
    ferry_session_set_password (session, opt_password);
  g_signal_connect (session, "prompt", G_CALLBACK (prompt_cb), NULL);
  remote_source = ferry_remote_source_new (session);

  window = adw_application_window_new (app);
  gtk_window_set_title (GTK_WINDOW (window), "Ferry Pane Demo");
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = adw_window_title_new ("Ferry", url->host);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);

  overlay = adw_toast_overlay_new ();
  gtk_widget_set_vexpand (overlay, TRUE);
  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_wide_handle (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), width / 2);
  local_pane = pane_new (local_source, "Local files", "local", ADW_TOAST_OVERLAY (overlay),
                         settings);
  remote_pane = pane_new (remote_source, "Remote files", "remote", ADW_TOAST_OVERLAY (overlay),
                          settings);
  gtk_paned_set_start_child (GTK_PANED (paned), local_pane);
  gtk_paned_set_end_child (GTK_PANED (paned), remote_pane);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), paned);
  gtk_box_append (GTK_BOX (box), overlay);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  gtk_window_present (GTK_WINDOW (window));
  ferry_file_pane_navigate (FERRY_FILE_PANE (local_pane), opt_local);
  ferry_session_connect_async (session, NULL, connect_done_cb, NULL);
  say ("READY");
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "local", 0, 0, G_OPTION_ARG_FILENAME, &opt_local, "Local folder", "DIR" },
    { "url", 0, 0, G_OPTION_ARG_STRING, &opt_url, "Server", "URL" },
    { "password", 0, 0, G_OPTION_ARG_STRING, &opt_password, "Password", "PW" },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_ca_file, "Trusted CA", "FILE" },
    { "trust-fingerprint", 0, 0, G_OPTION_ARG_STRING, &opt_fingerprint, "Pinned SHA-256",
      "SHA256" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &opt_size, "Window size", "WxH" },
    { "security", 0, 0, G_OPTION_ARG_STRING, &opt_security,
      "auto, explicit, implicit or plain (default: from the URL)", "MODE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- two file panes");
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_local == NULL || opt_url == NULL)
    {
      g_printerr ("--local and --url are required\n");
      return 2;
    }
  url = ferry_url_parse (opt_url, &error);
  if (url == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_password == NULL)
    opt_password = g_strdup (g_getenv ("FERRY_DEMO_PASSWORD"));

  app = adw_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_clear_object (&session);
  return status;
}
