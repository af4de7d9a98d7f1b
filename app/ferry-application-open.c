/* ferry-application-open.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Links and the command line: `ferry URL…` (ftp://, ftps://, ftpes://, or
 * user@host:port), `ferry --new-window`, and the URIs the desktop hands over
 * D-Bus (`gio open ftpes://…`, a link clicked in a browser: GApplication's
 * "open"). Each address opens a connection tab in the running instance. A
 * saved site that matches (host, port, user, mode) is used with its keyring
 * password; otherwise the tab connects with what the address names. A
 * password in the address is used for that tab only, never saved, never
 * logged. The addresses wait until the saved sites are read.
 */
#define G_LOG_DOMAIN "ferry-application"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ferry-application-private.h"
#include "ferry-keyring.h"
#include "ferry-url.h"
#include "ferry-window.h"

typedef struct
{
  FerryUrl *url;
  char *password;        /* from the address, wiped when freed */
  GWeakRef window;       /* the window to open it in (--new-window) */
} PendingOpen;

static void
pending_open_free (PendingOpen *pending)
{
  ferry_url_free (pending->url);
  ferry_password_free (pending->password);
  g_weak_ref_clear (&pending->window);
  g_free (pending);
}

static GQuark
pending_quark (void)
{
  return g_quark_from_static_string ("ferry-pending-opens");
}

static GPtrArray *
get_pending (FerryApplication *self)
{
  GPtrArray *pending = g_object_get_qdata (G_OBJECT (self), pending_quark ());

  if (pending == NULL)
    {
      pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_open_free);
      g_object_set_qdata_full (G_OBJECT (self), pending_quark (), pending,
                               (GDestroyNotify) g_ptr_array_unref);
    }
  return pending;
}

/* The scheme's "://" end and the authority's last '@' in @text, as
 * ferry_url_parse reads them; FALSE when there is no user part. */
static gboolean
find_userinfo (const char  *text,
               const char **out_start,
               const char **out_at)
{
  const char *start = strstr (text, "://");
  const char *end;
  const char *at = NULL;

  start = start != NULL && strcspn (text, "/@") > (gsize) (start - text) ? start + 3 : text;
  end = start + strcspn (start, "/");
  for (const char *p = start; p < end; p++)
    if (*p == '@')
      at = p;
  if (at == NULL)
    return FALSE;
  *out_start = start;
  *out_at = at;
  return TRUE;
}

/* @text without the password of its user part ("ftpes://me:pw@host" →
 * "ftpes://me@host"); the password, percent-decoded, in @out_password (NULL
 * when there is none). */
static char *
split_password (const char *text,
                char      **out_password)
{
  const char *start;
  const char *at;
  const char *colon;
  g_autofree char *escaped = NULL;

  *out_password = NULL;
  if (!find_userinfo (text, &start, &at))
    return g_strdup (text);
  colon = memchr (start, ':', at - start);
  if (colon == NULL)
    return g_strdup (text);

  escaped = g_strndup (colon + 1, at - colon - 1);
  /* An escape that does not decode stays as it was typed. */
  *out_password = g_uri_unescape_string (escaped, NULL);
  if (*out_password == NULL)
    *out_password = g_strdup (escaped);
  explicit_bzero (escaped, strlen (escaped));
  return g_strdup_printf ("%.*s%s", (int) (colon - text), text, at);
}

static guint16
url_effective_port (const FerryUrl *url)
{
  FerryEndpoint endpoint = { 0 };

  endpoint.port = url->port;
  endpoint.security = url->has_security ? url->security : FERRY_SECURITY_AUTO;
  return ferry_endpoint_get_effective_port (&endpoint);
}

/* Host, port and mode: a site matches an address that names the same
 * server. An address without a mode (ftp://, or none) takes the site's. */
static gboolean
site_names_server (FerrySite      *site,
                   const FerryUrl *url)
{
  g_autoptr(FerryEndpoint) endpoint = ferry_site_dup_endpoint (site);

  if (g_ascii_strcasecmp (endpoint->host, url->host) != 0)
    return FALSE;
  if (url->has_security && endpoint->security != url->security)
    return FALSE;
  return ferry_endpoint_get_effective_port (endpoint) == url_effective_port (url);
}

static const char *
nonnull (const char *text)
{
  return text != NULL ? text : "";
}

/* The saved site for @url: the same server and user; when the address names
 * no user, a site for the server without one, else the first for it. */
static FerrySite *
find_site (FerrySiteStore *store,
           const FerryUrl *url)
{
  GListModel *sites = G_LIST_MODEL (store);
  guint n = g_list_model_get_n_items (sites);
  FerrySite *any_user = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerrySite) site = g_list_model_get_item (sites, i);

      if (!site_names_server (site, url))
        continue;
      if (g_strcmp0 (nonnull (ferry_site_get_user (site)), nonnull (url->user)) == 0)
        return site;
      if (url->user == NULL && any_user == NULL)
        any_user = site;
    }
  return any_user;
}

/* The window an address opens in: a new one for --new-window when one is
 * up already, else the active one (made if there is none). */
static FerryWindow *
choose_window (FerryApplication *self,
               gboolean          new_window)
{
  FerryWindow *window = NULL;

  /* The most recently focused main window (the site manager and dialogs are
   * windows of the application too). */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
       l != NULL && window == NULL; l = l->next)
    if (FERRY_IS_WINDOW (l->data))
      window = l->data;

  if (window != NULL && new_window)
    return _ferry_application_new_window (self);
  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      return choose_window (self, FALSE);
    }
  return window;
}

static void
open_now (FerryApplication *self,
          FerryWindow      *window,
          const FerryUrl   *url,
          const char       *password)
{
  FerrySite *site = find_site (ferry_application_get_site_store (self), url);

  ferry_window_open_url (window, url, site, password);
}

static void
report_error (FerryWindow             *window,
              GApplicationCommandLine *command_line,
              const char              *message)
{
  AdwMessageDialog *dialog;

  if (command_line != NULL)
    g_application_command_line_printerr (command_line, "ferry: %s\n", message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                       _("Ferry Cannot Open This Address"),
                                                       message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens @address in @window (once the saved sites are read); FALSE when it
 * is not an address Ferry can open, which the person is told. */
static gboolean
open_address (FerryApplication        *self,
              FerryWindow             *window,
              const char              *address,
              GApplicationCommandLine *command_line)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *without_password = NULL;
  char *password = NULL;
  FerryUrl *url;
  PendingOpen *pending;

  without_password = split_password (address, &password);
  url = ferry_url_parse (without_password, &error);
  if (url == NULL)
    {
      ferry_password_free (password);
      report_error (window, command_line, error->message);
      return FALSE;
    }

  if (_ferry_application_get_sites_loaded (self))
    {
      open_now (self, window, url, password);
      ferry_url_free (url);
      ferry_password_free (password);
      return TRUE;
    }

  pending = g_new0 (PendingOpen, 1);
  pending->url = url;
  pending->password = password;
  g_weak_ref_init (&pending->window, window);
  g_ptr_array_add (get_pending (self), pending);
  return TRUE;
}

void
_ferry_application_open_pending (FerryApplication *self)
{
  g_autoptr(GPtrArray) pending = g_object_steal_qdata (G_OBJECT (self), pending_quark ());

  for (guint i = 0; pending != NULL && i < pending->len; i++)
    {
      PendingOpen *open = g_ptr_array_index (pending, i);
      g_autoptr(FerryWindow) window = g_weak_ref_get (&open->window);

      /* The window was closed meanwhile: the address still opens. */
      if (window == NULL)
        window = g_object_ref (choose_window (self, FALSE));
      open_now (self, window, open->url, open->password);
    }
}

static const GOptionEntry open_options[] = {
  { "new-window", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open a new window"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, NULL },
  { NULL }
};

void
_ferry_application_add_open_options (FerryApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), open_options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[ADDRESS…]"));
  g_application_set_option_context_summary (
    G_APPLICATION (self),
    _("Opens a connection tab in the running Ferry for each ADDRESS: ftpes://HOST (explicit "
      "TLS), ftps://HOST (implicit TLS), ftp://HOST (detect), or USER@HOST:PORT. A saved site "
      "that matches is used, with its keyring password."));
}

int
_ferry_application_command_line (GApplication            *application,
                                 GApplicationCommandLine *command_line)
{
  FerryApplication *self = FERRY_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **addresses = NULL;
  gboolean new_window = g_variant_dict_contains (options, "new-window");
  FerryWindow *window;
  int status = EXIT_SUCCESS;

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &addresses);
  window = choose_window (self, new_window);
  if (addresses == NULL || addresses[0] == NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return status;
    }
  for (guint i = 0; addresses[i] != NULL; i++)
    if (!open_address (self, window, addresses[i], command_line))
      status = EXIT_FAILURE;
  return status;
}

void
_ferry_application_open (GApplication *application,
                         GFile       **files,
                         int           n_files,
                         const char   *hint)
{
  FerryApplication *self = FERRY_APPLICATION (application);
  FerryWindow *window = choose_window (self, FALSE);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);

      open_address (self, window, uri, NULL);
    }
}
