/* ferry-cli-sites.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-cli-sites"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ferry-cli-sites.h"
#include "ferry-error.h"
#include "ferry-filezilla.h"
#include "ferry-keyring.h"
#include "ferry-site-store.h"
#include "ferry-url.h"

#define EXIT_OK 0
#define EXIT_USAGE 2
#define EXIT_LOCAL 7

/* ferry-cli waits this long for the keyring (an unlock prompt included). */
#define CLI_KEYRING_TIMEOUT_MS 30000
/* Longer input is not a password. */
#define MAX_PASSWORD_LENGTH 1024

static const char *sites_usage =
  N_("Usage: ferry-cli sites COMMAND [OPTIONS]\n"
     "\n"
     "Commands:\n"
     "  list [--json]            Show the saved sites\n"
     "  add [OPTIONS] URL        Save a site, e.g. ftpes://user@ftp.example.com:21/folder\n"
     "  remove NAME|ID           Delete a site and its saved password\n"
     "  import FILE              Import FileZilla's sitemanager.xml (passwords go to the keyring)\n"
     "  export FILE              Write the sites as a FileZilla site list, without passwords\n"
     "                           (FILE \"-\": standard output)\n"
     "\n"
     "Run “ferry-cli sites COMMAND --help” for the options of a command.\n");

static int
exit_code_for (const GError *error)
{
  if (g_error_matches (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT)
      || error->domain == G_OPTION_ERROR)
    return EXIT_USAGE;
  return EXIT_LOCAL;
}

static int
fail (const GError *error)
{
  g_printerr ("ferry-cli: %s\n", error->message);
  return exit_code_for (error);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("ferry-cli: %s\n", message);
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("\n%s", help);
    }
  return EXIT_USAGE;
}

/* Opens and reads the site list; a file that had to be moved aside is
 * reported on stderr and the list starts empty. */
static FerrySiteStore *
open_store (GError **error)
{
  g_autoptr (FerrySiteStore) store = ferry_site_store_new_default (error);
  g_autofree char *problem = NULL;

  if (store == NULL)
    return NULL;
  if (!ferry_site_store_load (store, &problem, error))
    return NULL;
  if (problem != NULL)
    g_printerr (_("ferry-cli: warning: %s\n"), problem);
  return g_steal_pointer (&store);
}

/* Reading a password -------------------------------------------------------- */

static struct termios saved_termios;
static volatile sig_atomic_t termios_saved;

static void
restore_terminal_on_signal (int signum)
{
  if (termios_saved)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* Reads one line from standard input without stdio (no copies in buffers);
 * with @no_echo the terminal does not show it. Returns a g_malloc'd string
 * to free with ferry_password_free(). */
static char *
read_password_line (gboolean no_echo,
                    GError **error)
{
  struct sigaction action = { 0 }, old_int, old_term;
  struct termios quiet;
  char *buffer = g_malloc0 (MAX_PASSWORD_LENGTH + 1);
  gsize length = 0;
  gboolean too_long = FALSE;
  int saved_errno = 0;

  if (no_echo)
    {
      if (tcgetattr (STDIN_FILENO, &saved_termios) == 0)
        {
          action.sa_handler = restore_terminal_on_signal;
          sigemptyset (&action.sa_mask);
          sigaction (SIGINT, &action, &old_int);
          sigaction (SIGTERM, &action, &old_term);
          termios_saved = TRUE;
          quiet = saved_termios;
          quiet.c_lflag &= ~ECHO;
          quiet.c_lflag |= ECHONL;
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
        }
    }

  for (;;)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          break;
        }
      if (n == 0 || c == '\n')
        break;
      if (length < MAX_PASSWORD_LENGTH)
        buffer[length++] = c;
      else
        too_long = TRUE;
      c = 0;
    }

  if (termios_saved)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
      termios_saved = FALSE;
      sigaction (SIGINT, &old_int, NULL);
      sigaction (SIGTERM, &old_term, NULL);
    }

  if (length > 0 && buffer[length - 1] == '\r')
    buffer[--length] = '\0';

  if (saved_errno != 0)
    g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL, _("Could not read the password: %s."),
                 g_strerror (saved_errno));
  else if (too_long)
    g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                 _("The password is longer than %u bytes."), MAX_PASSWORD_LENGTH);
  else if (!g_utf8_validate (buffer, length, NULL))
    g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                         _("The password is not UTF-8 text."));
  else
    return buffer;

  explicit_bzero (buffer, MAX_PASSWORD_LENGTH + 1);
  g_free (buffer);
  return NULL;
}

/* sites list ------------------------------------------------------------------ */

static const char *
scheme_for (FerrySecurityMode mode)
{
  switch (mode)
    {
    case FERRY_SECURITY_IMPLICIT:
      return "ftps";
    case FERRY_SECURITY_EXPLICIT:
      return "ftpes";
    default:
      return "ftp";
    }
}

static JsonNode *
site_to_json (FerrySite *site)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (FerryEndpoint) endpoint = ferry_site_dup_endpoint (site);
  g_autofree char *path = ferry_site_dup_path (site);
  const char *charset = ferry_site_get_charset (site);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, ferry_site_get_id (site));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, ferry_site_get_name (site));
  json_builder_set_member_name (builder, "folder");
  json_builder_add_string_value (builder, ferry_site_get_folder (site));
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "host");
  json_builder_add_string_value (builder, ferry_site_get_host (site));
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, ferry_endpoint_get_effective_port (endpoint));
  json_builder_set_member_name (builder, "logon");
  json_builder_add_string_value (builder,
                                 ferry_logon_type_to_string (ferry_site_get_logon_type (site)));
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, ferry_site_get_user (site));
  json_builder_set_member_name (builder, "security");
  json_builder_add_string_value (builder,
                                 ferry_security_mode_to_string (ferry_site_get_security (site)));
  json_builder_set_member_name (builder, "data_protection");
  json_builder_add_string_value (builder, ferry_site_get_data_protection (site)
                                            == FERRY_DATA_PROTECTION_CLEAR ? "clear" : "private");
  json_builder_set_member_name (builder, "transfer_mode");
  json_builder_add_string_value (builder, ferry_site_get_transfer_mode (site)
                                            == FERRY_TRANSFER_MODE_ACTIVE ? "active" : "passive");
  json_builder_set_member_name (builder, "ccc");
  json_builder_add_boolean_value (builder, ferry_site_get_use_ccc (site));
  json_builder_set_member_name (builder, "min_tls");
  json_builder_add_string_value (builder, ferry_site_get_min_tls (site)
                                            == FERRY_TLS_VERSION_1_3 ? "1.3" : "1.2");
  json_builder_set_member_name (builder, "remote_dir");
  json_builder_add_string_value (builder, ferry_site_get_remote_dir (site));
  json_builder_set_member_name (builder, "local_dir");
  json_builder_add_string_value (builder, ferry_site_get_local_dir (site));
  json_builder_set_member_name (builder, "charset");
  if (charset != NULL)
    json_builder_add_string_value (builder, charset);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "timezone_offset");
  json_builder_add_int_value (builder, ferry_site_get_timezone_offset (site));
  json_builder_set_member_name (builder, "server_type");
  json_builder_add_string_value (builder,
                                 ferry_server_type_to_string (ferry_site_get_server_type (site)));
  json_builder_set_member_name (builder, "comments");
  json_builder_add_string_value (builder, ferry_site_get_comments (site));
  json_builder_set_member_name (builder, "parallel_transfers");
  json_builder_add_int_value (builder, ferry_site_get_parallel_transfers (site));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static int
sites_list (int    argc,
            char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (N_("- show the saved sites"));
  g_autoptr (FerrySiteStore) store = NULL;
  g_autoptr (GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  guint n;

  g_option_context_set_summary (context, "ferry-cli sites list [--json]");
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc > 1)
    return usage_error (context, _("“sites list” takes no arguments."));

  store = open_store (&error);
  if (store == NULL)
    return fail (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonGenerator) generator = json_generator_new ();
      g_autoptr (JsonNode) root = NULL;
      g_auto (GStrv) folders = ferry_site_store_dup_folders (store);
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sites");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (FerrySite) site = g_list_model_get_item (G_LIST_MODEL (store), i);

          json_builder_add_value (builder, site_to_json (site));
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "folders");
      json_builder_begin_array (builder);
      for (guint i = 0; folders[i] != NULL; i++)
        json_builder_add_string_value (builder, folders[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return EXIT_OK;
    }

  if (n == 0)
    {
      g_print (_("No saved sites. Add one with “ferry-cli sites add URL” or import FileZilla's "
                 "with “ferry-cli sites import FILE”.\n"));
      return EXIT_OK;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (FerrySite) site = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autofree char *path = ferry_site_dup_path (site);
      g_autofree char *address = ferry_site_dup_display_address (site);

      g_print (_("%s\n    %s://%s  security: %s  logon: %s\n    id: %s\n"), path,
               scheme_for (ferry_site_get_security (site)), address,
               ferry_security_mode_to_string (ferry_site_get_security (site)),
               ferry_logon_type_to_string (ferry_site_get_logon_type (site)),
               ferry_site_get_id (site));
    }
  return EXIT_OK;
}

/* sites add ------------------------------------------------------------------- */

static gboolean
parse_choice (const char  *option,
              const char  *value,
              const char **choices,
              int         *out_index,
              GError     **error)
{
  for (int i = 0; choices[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, choices[i]) == 0)
      {
        *out_index = i;
        return TRUE;
      }
  {
    g_autofree char *list = g_strjoinv (", ", (char **) choices);

    g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                 _("%s must be one of %s, not “%s”."), option, list, value);
  }
  return FALSE;
}

gboolean
ferry_cli_parse_server_type (const char      *name,
                             FerryServerType *out_type,
                             GError         **error)
{
  g_autoptr (GString) names = NULL;

  if (ferry_server_type_from_string (name, out_type))
    return TRUE;

  names = g_string_new (NULL);
  for (guint i = 0; i < FERRY_SERVER_TYPE_N_TYPES; i++)
    g_string_append_printf (names, "%s%s", i == 0 ? "" : i + 1 == FERRY_SERVER_TYPE_N_TYPES
                                                            ? " or " : ", ",
                            ferry_server_type_to_string (i));
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
               _("--server-type takes %s, not “%s”."), names->str, name);
  return FALSE;
}

/* Puts the password into the keyring; when that fails the site asks instead. */
static void
save_password (FerrySiteStore *store,
               FerrySite      *site,
               const char     *password)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) save_error = NULL;

  if (ferry_keyring_store_sync (site, password, CLI_KEYRING_TIMEOUT_MS, NULL, &error))
    return;
  g_printerr (_("ferry-cli: warning: %s\n"), error->message);
  ferry_site_set_logon_type (site, FERRY_LOGON_ASK);
  if (!ferry_site_store_save (store, &save_error))
    g_printerr ("ferry-cli: %s\n", save_error->message);
}

static int
sites_add (int    argc,
           char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (N_("URL - save a site"));
  g_autoptr (FerrySiteStore) store = NULL;
  g_autoptr (FerrySite) site = NULL;
  g_autoptr (FerryUrl) url = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL, *folder = NULL, *user = NULL, *security = NULL;
  g_autofree char *protection = NULL, *min_tls = NULL, *remote_dir = NULL;
  g_autofree char *local_dir = NULL, *charset = NULL, *comments = NULL;
  g_autofree char *server_type = NULL;
  gboolean active = FALSE, passive = FALSE, ccc = FALSE, anonymous = FALSE;
  gboolean ask_password = FALSE, password_stdin = FALSE;
  int port = -1, timezone_offset = 0, parallel = 0;
  char *password = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The site's name (default: the host)"), "NAME" },
    { "folder", 0, 0, G_OPTION_ARG_STRING, &folder, N_("Folder path, e.g. Work/Clients"), "PATH" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("User name (instead of USER@ in the URL)"),
      "USER" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, N_("Port (instead of :PORT in the URL)"), "PORT" },
    { "security", 0, 0, G_OPTION_ARG_STRING, &security,
      N_("auto, explicit, explicit-if-available, implicit or plain (default: from the URL "
         "scheme, else auto)"), "MODE" },
    { "data-protection", 0, 0, G_OPTION_ARG_STRING, &protection,
      N_("private (PROT P, default) or clear (PROT C)"), "PROT" },
    { "active", 0, 0, G_OPTION_ARG_NONE, &active, N_("Active mode (PORT/EPRT)"), NULL },
    { "passive", 0, 0, G_OPTION_ARG_NONE, &passive, N_("Passive mode (default)"), NULL },
    { "ccc", 0, 0, G_OPTION_ARG_NONE, &ccc,
      N_("Clear the control channel after login (for NAT firewalls; commands go unencrypted)"),
      NULL },
    { "min-tls", 0, 0, G_OPTION_ARG_STRING, &min_tls,
      N_("Lowest TLS version: 1.2 (default) or 1.3"),
      "VERSION" },
    { "remote-dir", 0, 0, G_OPTION_ARG_STRING, &remote_dir,
      N_("Remote folder to open (instead of the URL path)"), "PATH" },
    { "local-dir", 0, 0, G_OPTION_ARG_FILENAME, &local_dir, N_("Local folder to open"), "PATH" },
    { "charset", 0, 0, G_OPTION_ARG_STRING, &charset,
      N_("auto (default), UTF-8 or another character set of file names"), "CHARSET" },
    { "timezone-offset", 0, 0, G_OPTION_ARG_INT, &timezone_offset,
      N_("Minutes to add to the server's listing times"), "MINUTES" },
    { "server-type", 0, 0, G_OPTION_ARG_STRING, &server_type,
      N_("How to read folder listings: auto (default: every format), unix, dos, vms, mvs, zvm, "
         "as400, os2, vshell, vxworks, wfftp, os9 or tandem"), "TYPE" },
    { "comments", 0, 0, G_OPTION_ARG_STRING, &comments, "Comments", "TEXT" },
    { "parallel", 0, 0, G_OPTION_ARG_INT, &parallel,
      N_("Parallel transfers, 1-10 (default 0: the preference)"), "N" },
    { "anonymous", 0, 0, G_OPTION_ARG_NONE, &anonymous, N_("Anonymous login"), NULL },
    { "ask-password", 0, 0, G_OPTION_ARG_NONE, &ask_password,
      N_("Save no password: ask for it when connecting"), NULL },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the password from standard input (one line)"), NULL },
    { NULL }
  };
  FerryLogonType logon;
  FerryServerType type = FERRY_SERVER_TYPE_AUTO;
  int choice;

  g_option_context_set_summary (
    context,
    N_("The password is never given on the command line: ferry-cli asks for it on the\n"
       "terminal (not shown), or reads it with --password-stdin, and saves it in the\n"
       "keyring."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2)
    return usage_error (context, _("“sites add” takes one URL, e.g. ftpes://user@host:21."));
  if (active && passive)
    return usage_error (context, _("--active and --passive exclude each other."));
  if ((anonymous && (ask_password || password_stdin)) || (ask_password && password_stdin))
    return usage_error (context,
                        _("Choose one of --anonymous, --ask-password and --password-stdin."));
  if (port != -1 && (port < 1 || port > G_MAXUINT16))
    return usage_error (context, _("--port must be a number from 1 to 65535."));
  if (timezone_offset < -FERRY_SITE_MAX_TIMEZONE_OFFSET
      || timezone_offset > FERRY_SITE_MAX_TIMEZONE_OFFSET)
    return usage_error (context, _("--timezone-offset must lie within ±1440 minutes."));
  if (parallel < 0 || parallel > FERRY_SITE_MAX_PARALLEL_TRANSFERS)
    return usage_error (context, _("--parallel must be a number from 1 to 10."));
  if (server_type != NULL && !ferry_cli_parse_server_type (server_type, &type, &error))
    return usage_error (context, error->message);

  url = ferry_url_parse (argv[1], &error);
  if (url == NULL)
    return fail (error);

  site = ferry_site_new ();
  ferry_site_set_host (site, url->host);
  ferry_site_set_name (site, name ? name : url->host);
  ferry_site_set_folder (site, folder);
  ferry_site_set_port (site, port != -1 ? (guint16) port : url->port);
  if (url->has_security)
    ferry_site_set_security (site, url->security);
  if (security != NULL)
    {
      FerrySecurityMode mode;

      if (!ferry_security_mode_from_string (security, &mode))
        return usage_error (context, _("--security must be one of auto, explicit, "
                                       "explicit-if-available, implicit, plain."));
      ferry_site_set_security (site, mode);
    }
  if (protection != NULL)
    {
      static const char *choices[] = { "private", "clear", NULL };

      if (!parse_choice ("--data-protection", protection, choices, &choice, &error))
        return fail (error);
      ferry_site_set_data_protection (site, choice == 1 ? FERRY_DATA_PROTECTION_CLEAR
                                                        : FERRY_DATA_PROTECTION_PRIVATE);
    }
  if (min_tls != NULL)
    {
      static const char *choices[] = { "1.2", "1.3", NULL };

      if (!parse_choice ("--min-tls", min_tls, choices, &choice, &error))
        return fail (error);
      ferry_site_set_min_tls (site, choice == 1 ? FERRY_TLS_VERSION_1_3 : FERRY_TLS_VERSION_1_2);
    }
  ferry_site_set_transfer_mode (site, active ? FERRY_TRANSFER_MODE_ACTIVE
                                             : FERRY_TRANSFER_MODE_PASSIVE);
  ferry_site_set_use_ccc (site, ccc);
  ferry_site_set_remote_dir (site, remote_dir ? remote_dir : url->path);
  ferry_site_set_local_dir (site, local_dir);
  if (charset != NULL && g_ascii_strcasecmp (charset, "auto") != 0)
    ferry_site_set_charset (site, g_ascii_strcasecmp (charset, "utf-8") == 0 ||
                                  g_ascii_strcasecmp (charset, "utf8") == 0 ? "UTF-8" : charset);
  ferry_site_set_timezone_offset (site, timezone_offset);
  ferry_site_set_server_type (site, type);
  ferry_site_set_comments (site, comments);
  ferry_site_set_parallel_transfers (site, parallel);

  if (user == NULL)
    user = g_strdup (url->user);
  if (anonymous || user == NULL || *user == '\0' || g_ascii_strcasecmp (user, "anonymous") == 0)
    logon = FERRY_LOGON_ANONYMOUS;
  else if (ask_password)
    logon = FERRY_LOGON_ASK;
  else
    logon = FERRY_LOGON_NORMAL;
  ferry_site_set_logon_type (site, logon);
  ferry_site_set_user (site, logon == FERRY_LOGON_ANONYMOUS ? "" : user);

  if (logon == FERRY_LOGON_NORMAL)
    {
      if (password_stdin)
        password = read_password_line (FALSE, &error);
      else if (isatty (STDIN_FILENO))
        {
          g_autofree char *address = ferry_site_dup_display_address (site);

          g_printerr (_("Password for %s (empty: ask when connecting): "), address);
          password = read_password_line (TRUE, &error);
        }
      else
        g_printerr (_("ferry-cli: no terminal to ask for the password (use --password-stdin); "
                      "the site asks for it when connecting.\n"));
      if (error != NULL)
        return fail (error);
      if (password == NULL || *password == '\0')
        ferry_site_set_logon_type (site, FERRY_LOGON_ASK);
    }

  store = open_store (&error);
  if (store == NULL)
    {
      ferry_password_free (password);
      return fail (error);
    }
  ferry_site_store_add (store, site);
  if (!ferry_site_store_save (store, &error))
    {
      ferry_password_free (password);
      return fail (error);
    }
  if (password != NULL && *password != '\0')
    save_password (store, site, password);
  ferry_password_free (password);

  {
    g_autofree char *path = ferry_site_dup_path (site);

    g_print (_("Saved the site “%s” (id %s).\n"), path, ferry_site_get_id (site));
  }
  return EXIT_OK;
}

/* sites remove ---------------------------------------------------------------- */

static int
sites_remove (int    argc,
              char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (N_("NAME|ID - delete a site"));
  g_autoptr (FerrySiteStore) store = NULL;
  g_autoptr (FerrySite) site = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  FerrySite *found;

  g_option_context_set_summary (context, N_("Deletes the site and its password in the keyring."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2)
    return usage_error (context, _("“sites remove” takes one site name, path or id."));

  store = open_store (&error);
  if (store == NULL)
    return fail (error);
  found = ferry_site_store_lookup (store, argv[1], &error);
  if (found == NULL)
    return fail (error);
  site = g_object_ref (found);
  path = ferry_site_dup_path (site);

  if (!ferry_site_store_delete (store, site, NULL, &error))
    {
      if (ferry_site_store_has_unsaved_changes (store))
        return fail (error);
      /* Only the keyring step failed: the site is gone. */
      g_printerr (_("ferry-cli: warning: %s\n"), error->message);
    }
  g_print (_("Deleted the site “%s”.\n"), path);
  return EXIT_OK;
}

/* sites import / export -------------------------------------------------------- */

static int
sites_import (int    argc,
              char **argv)
{
  g_autoptr (GOptionContext) context =
    g_option_context_new (N_("FILE - import FileZilla's site list (sitemanager.xml)"));
  g_autoptr (FerrySiteStore) store = NULL;
  g_autoptr (FerryImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  g_option_context_set_summary (
    context,
    N_("Folders, security modes and settings are kept; passwords move into the keyring\n"
       "(sites protected by FileZilla's master password ask for theirs). SFTP and other\n"
       "protocols are skipped. Nothing is imported when the file cannot be read."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2)
    return usage_error (context, _("“sites import” takes one file."));

  store = open_store (&error);
  if (store == NULL)
    return fail (error);
  report = ferry_filezilla_import (store, argv[1], CLI_KEYRING_TIMEOUT_MS, NULL, &error);
  if (report == NULL)
    return fail (error);
  text = ferry_import_report_to_text (report);
  g_print ("%s", text);
  return EXIT_OK;
}

static int
sites_export (int    argc,
              char **argv)
{
  g_autoptr (GOptionContext) context =
    g_option_context_new (N_("FILE - write the sites as a FileZilla site list"));
  g_autoptr (FerrySiteStore) store = NULL;
  g_autoptr (GError) error = NULL;
  guint n;

  g_option_context_set_summary (context,
                                N_("Passwords are not exported: FileZilla asks for them. "
                                   "FILE “-” writes to standard output."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2)
    return usage_error (context, _("“sites export” takes one file (or - for standard output)."));

  store = open_store (&error);
  if (store == NULL)
    return fail (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (strcmp (argv[1], "-") == 0)
    {
      g_autofree char *data = NULL;
      gsize length = 0;

      data = ferry_filezilla_export (store, &length);
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          g_printerr (_("ferry-cli: Could not write to standard output: %s.\n"),
                      g_strerror (errno));
          return EXIT_LOCAL;
        }
      return EXIT_OK;
    }
  if (!ferry_filezilla_export_to_file (store, argv[1], &error))
    return fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u site to %s (without passwords).\n",
                        "Exported %u sites to %s (without passwords).\n", n),
           n, argv[1]);
  return EXIT_OK;
}

/* Entry points ------------------------------------------------------------------ */

int
ferry_cli_sites_main (int    argc,
                      char **argv)
{
  static const struct
  {
    const char *name;
    int (*run) (int, char **);
  } commands[] = {
    { "list", sites_list },
    { "add", sites_add },
    { "remove", sites_remove },
    { "import", sites_import },
    { "export", sites_export },
  };
  const char *command;

  if (argc < 2)
    {
      g_printerr ("%s", _(sites_usage));
      return EXIT_USAGE;
    }
  command = argv[1];
  if (strcmp (command, "--help") == 0 || strcmp (command, "-h") == 0
      || strcmp (command, "help") == 0)
    {
      g_print ("%s", _(sites_usage));
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (command, commands[i].name) == 0)
      {
        g_autofree char *prgname = g_strdup_printf ("ferry-cli sites %s", command);
        g_autofree char **sub_argv = g_new0 (char *, argc);

        /* GOptionContext parses argv[1..]; argv[0] names the command in --help. */
        sub_argv[0] = prgname;
        for (int k = 2; k < argc; k++)
          sub_argv[k - 1] = argv[k];
        return commands[i].run (argc - 1, sub_argv);
      }

  g_printerr (_("ferry-cli: “sites %s” is not a command.\n\n%s"), command, _(sites_usage));
  return EXIT_USAGE;
}

gboolean
ferry_cli_site_resolve (const char     *name_or_id,
                        FerryEndpoint **out_endpoint,
                        char          **out_password,
                        char          **out_remote_dir,
                        GError        **error)
{
  g_autoptr (FerrySiteStore) store = NULL;
  FerrySite *site;

  g_return_val_if_fail (out_endpoint != NULL, FALSE);

  *out_endpoint = NULL;
  if (out_password != NULL)
    *out_password = NULL;
  if (out_remote_dir != NULL)
    *out_remote_dir = NULL;

  store = open_store (error);
  if (store == NULL)
    return FALSE;
  site = ferry_site_store_lookup (store, name_or_id, error);
  if (site == NULL)
    return FALSE;

  if (out_password != NULL && ferry_site_get_logon_type (site) == FERRY_LOGON_NORMAL)
    {
      g_autoptr (GError) keyring_error = NULL;
      char *password = ferry_keyring_lookup_sync (ferry_site_get_id (site),
                                                  CLI_KEYRING_TIMEOUT_MS, NULL,
                                                  &keyring_error);

      if (keyring_error != NULL)
        g_printerr (_("ferry-cli: warning: %s\n"), keyring_error->message);
      else if (password != NULL)
        *out_password = g_strdup (password);
      ferry_keyring_password_free (password);
    }

  *out_endpoint = ferry_site_dup_endpoint (site);
  if (out_remote_dir != NULL && *ferry_site_get_remote_dir (site) != '\0')
    *out_remote_dir = g_strdup (ferry_site_get_remote_dir (site));
  return TRUE;
}
