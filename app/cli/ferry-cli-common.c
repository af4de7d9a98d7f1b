/* ferry-cli-common.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ferry-cli-common.h"
#include "ferry-cli-sites.h"
#include "ferry-error.h"
#include "ferry-known-servers-file.h"
#include "ferry-memory-known-servers.h"
#include "ferry-url.h"

GOptionGroup *
ferry_cli_options_group (FerryCliOptions *options)
{
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("Print one JSON object"), NULL },
    { "security", 0, 0, G_OPTION_ARG_STRING, &options->security,
      N_("auto, explicit, explicit-if-available, implicit or plain (default: auto)"), "MODE" },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &options->ca_file,
      N_("Also trust the certificate authorities in this PEM file"), "PEM" },
    { "trust-fingerprint", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->trust_fingerprints,
      N_("Trust the server certificate with this SHA-256 fingerprint (repeatable)"), "SHA256" },
    { "min-tls", 0, 0, G_OPTION_ARG_STRING, &options->min_tls,
      N_("Minimum TLS version: 1.2 (default) or 1.3"), "VERSION" },
    { "data-protection", 0, 0, G_OPTION_ARG_STRING, &options->data_protection,
      N_("private (default, PROT P) or clear (PROT C)"), "LEVEL" },
    { "ccc", 0, 0, G_OPTION_ARG_NONE, &options->ccc,
      N_("Clear the control channel after login (CCC): commands become readable on the network"),
      NULL },
    { "site", 0, 0, G_OPTION_ARG_STRING, &options->site, N_("Use a saved site"), "NAME" },
    { "connect-timeout", 0, 0, G_OPTION_ARG_INT, &options->connect_timeout,
      N_("Seconds to wait for a connection (default 15)"), "SECONDS" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options->reply_timeout,
      N_("Seconds to wait for a reply (default 30)"), "SECONDS" },
    { "server-type", 0, 0, G_OPTION_ARG_STRING, &options->server_type,
      N_("How to read folder listings: auto (default: every format), unix, dos, vms, mvs, zvm, "
         "as400, os2, vshell, vxworks, wfftp, os9 or tandem"), "TYPE" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &options->verbose,
      N_("Print the session log (commands and replies, PASS masked) to standard error"), NULL },
    { NULL }
  };
  /* GOption translates the help line (and the entries) with the group's domain, but prints
   * the group's title as given: that one is translated here. */
  GOptionGroup *group = g_option_group_new ("connection", _("Connection options:"),
                                            N_("Show connection options"), NULL, NULL);

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  return group;
}

void
ferry_cli_options_clear (FerryCliOptions *options)
{
  g_free (options->security);
  g_free (options->ca_file);
  g_strfreev (options->trust_fingerprints);
  g_free (options->min_tls);
  g_free (options->data_protection);
  g_free (options->site);
  g_free (options->server_type);
  memset (options, 0, sizeof *options);
}

int
ferry_cli_exit_code_for_error (const GError *error)
{
  if (error == NULL)
    return FERRY_EXIT_OK;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FERRY_EXIT_CANCELLED;
  if (error->domain != FERRY_ERROR)
    return FERRY_EXIT_FAILED;

  switch ((FerryError) error->code)
    {
    case FERRY_ERROR_INVALID_ARGUMENT:
      return FERRY_EXIT_USAGE;
    case FERRY_ERROR_RESOLVE:
    case FERRY_ERROR_CONNECT:
    case FERRY_ERROR_TIMEOUT:
    case FERRY_ERROR_CONNECTION_LOST:
    case FERRY_ERROR_NOT_CONNECTED:
      return FERRY_EXIT_NETWORK;
    case FERRY_ERROR_TLS:
    case FERRY_ERROR_NO_TLS:
    case FERRY_ERROR_PLAIN_DECLINED:
    case FERRY_ERROR_CERTIFICATE_UNTRUSTED:
    case FERRY_ERROR_CERTIFICATE_CHANGED:
    case FERRY_ERROR_CERTIFICATE_MISMATCH:
      return FERRY_EXIT_TLS;
    case FERRY_ERROR_LOGIN_FAILED:
      return FERRY_EXIT_LOGIN;
    case FERRY_ERROR_PROTOCOL:
    case FERRY_ERROR_PROTECTION_REFUSED:
    case FERRY_ERROR_RESUMPTION_REQUIRED:
    case FERRY_ERROR_DATA_CONNECTION:
    case FERRY_ERROR_REMOTE:
    case FERRY_ERROR_NOT_FOUND:
      return FERRY_EXIT_REMOTE;
    case FERRY_ERROR_LOCAL:
    case FERRY_ERROR_EXISTS:
      return FERRY_EXIT_LOCAL;
    case FERRY_ERROR_FAILED:
    default:
      return FERRY_EXIT_FAILED;
    }
}

const char *
ferry_cli_error_name (const GError *error)
{
  static const char *const names[] = {
    [FERRY_ERROR_FAILED] = "failed",
    [FERRY_ERROR_INVALID_ARGUMENT] = "invalid-argument",
    [FERRY_ERROR_RESOLVE] = "resolve",
    [FERRY_ERROR_CONNECT] = "connect",
    [FERRY_ERROR_TIMEOUT] = "timeout",
    [FERRY_ERROR_CONNECTION_LOST] = "connection-lost",
    [FERRY_ERROR_PROTOCOL] = "protocol",
    [FERRY_ERROR_TLS] = "tls",
    [FERRY_ERROR_NO_TLS] = "no-tls",
    [FERRY_ERROR_PLAIN_DECLINED] = "plain-declined",
    [FERRY_ERROR_CERTIFICATE_UNTRUSTED] = "certificate-untrusted",
    [FERRY_ERROR_CERTIFICATE_CHANGED] = "certificate-changed",
    [FERRY_ERROR_CERTIFICATE_MISMATCH] = "certificate-mismatch",
    [FERRY_ERROR_LOGIN_FAILED] = "login-failed",
    [FERRY_ERROR_PROTECTION_REFUSED] = "protection-refused",
    [FERRY_ERROR_RESUMPTION_REQUIRED] = "resumption-required",
    [FERRY_ERROR_DATA_CONNECTION] = "data-connection",
    [FERRY_ERROR_REMOTE] = "remote",
    [FERRY_ERROR_LOCAL] = "local",
    [FERRY_ERROR_NOT_CONNECTED] = "not-connected",
    [FERRY_ERROR_NOT_FOUND] = "not-found",
    [FERRY_ERROR_EXISTS] = "exists",
  };

  if (error == NULL)
    return NULL;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";
  if (error->domain == FERRY_ERROR && error->code >= 0 && error->code < (int) G_N_ELEMENTS (names))
    return names[error->code];
  return "failed";
}

static gboolean
parse_settings (FerryCliOptions *options,
                FerryEndpoint   *ep,
                GError         **error)
{
  if (options->server_type != NULL
      && !ferry_cli_parse_server_type (options->server_type, &ep->server_type, error))
    return FALSE;
  if (options->min_tls != NULL)
    {
      if (g_str_equal (options->min_tls, "1.2"))
        ep->min_tls = FERRY_TLS_VERSION_1_2;
      else if (g_str_equal (options->min_tls, "1.3"))
        ep->min_tls = FERRY_TLS_VERSION_1_3;
      else
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                       _("--min-tls takes 1.2 or 1.3, not “%s”."), options->min_tls);
          return FALSE;
        }
    }
  if (options->data_protection != NULL)
    {
      if (g_str_equal (options->data_protection, "private"))
        ep->data_protection = FERRY_DATA_PROTECTION_PRIVATE;
      else if (g_str_equal (options->data_protection, "clear"))
        ep->data_protection = FERRY_DATA_PROTECTION_CLEAR;
      else
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                       _("--data-protection takes private or clear, not “%s”."),
                       options->data_protection);
          return FALSE;
        }
    }
  if (options->ccc)
    ep->use_ccc = TRUE;
  if (options->ca_file != NULL)
    {
      if (!g_file_test (options->ca_file, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                       _("The CA file “%s” does not exist or is not a file."), options->ca_file);
          return FALSE;
        }
      g_free (ep->ca_file);
      ep->ca_file = g_strdup (options->ca_file);
    }
  if (options->connect_timeout < 0 || options->reply_timeout < 0)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("Timeouts are a number of seconds, 1 or more."));
      return FALSE;
    }
  ep->connect_timeout_ms = options->connect_timeout * 1000;
  ep->reply_timeout_ms = options->reply_timeout * 1000;

  for (guint i = 0; options->trust_fingerprints && options->trust_fingerprints[i]; i++)
    {
      g_autofree char *fp = ferry_fingerprint_normalize (options->trust_fingerprints[i]);

      if (fp == NULL)
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a SHA-256 fingerprint (64 hexadecimal digits, colons "
                         "allowed)."),
                       options->trust_fingerprints[i]);
          return FALSE;
        }
      ferry_trust_once_add (ep->host, ferry_endpoint_get_effective_port (ep), fp);
    }
  return TRUE;
}

gboolean
ferry_cli_make_endpoint (FerryCliOptions *options,
                         const char      *target,
                         FerryEndpoint  **out_endpoint,
                         char           **out_path,
                         char           **out_password,
                         GError         **error)
{
  g_autoptr (FerryEndpoint) ep = NULL;
  g_autoptr (FerryUrl) url = NULL;
  FerrySecurityMode option_mode = FERRY_SECURITY_AUTO;
  gboolean have_option_mode = FALSE;

  *out_password = NULL;
  if (options->security != NULL)
    {
      if (!ferry_security_mode_from_string (options->security, &option_mode))
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                       _("--security takes auto, explicit, explicit-if-available, implicit or "
                         "plain, not “%s”."),
                       options->security);
          return FALSE;
        }
      have_option_mode = TRUE;
    }

  if (options->site != NULL)
    {
      g_autofree char *remote_dir = NULL;

      if (!ferry_cli_site_resolve (options->site, &ep, out_password, &remote_dir, error))
        return FALSE;
      if (have_option_mode)
        ep->security = option_mode;
      if (!parse_settings (options, ep, error))
        {
          ferry_cli_wipe_password (g_steal_pointer (out_password));
          return FALSE;
        }
      /* With --site the target is a path: absolute, or inside the site's folder. */
      if (target != NULL && target[0] != '/')
        *out_path = remote_dir ? g_build_path ("/", remote_dir, target, NULL)
                               : g_strdup (target);
      else
        *out_path = g_strdup (target ? target : remote_dir);
      *out_endpoint = g_steal_pointer (&ep);
      return TRUE;
    }

  if (target == NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("Give a server to connect to, such as ftpes://user@host:21."));
      return FALSE;
    }
  url = ferry_url_parse (target, error);
  if (url == NULL)
    return FALSE;

  ep = ferry_endpoint_new ();
  ep->host = g_strdup (url->host);
  ep->port = url->port;
  ep->user = g_strdup (url->user);
  if (url->has_security && have_option_mode && url->security != option_mode)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                   _("The URL asks for %s FTPS but --security says %s; use one of them."),
                   url->security == FERRY_SECURITY_IMPLICIT ? "implicit" : "explicit",
                   options->security);
      return FALSE;
    }
  ep->security = have_option_mode ? option_mode : url->security;

  if (!parse_settings (options, ep, error))
    return FALSE;

  *out_path = g_strdup (url->path);
  *out_endpoint = g_steal_pointer (&ep);
  return TRUE;
}

void
ferry_cli_wipe_password (char *password)
{
  if (password != NULL)
    {
      explicit_bzero (password, strlen (password));
      g_free (password);
    }
}

static char *
read_password_from_tty (const char *question,
                        GError    **error)
{
  struct termios saved, quiet;
  GString *line = g_string_new (NULL);
  int fd = open ("/dev/tty", O_RDWR | O_CLOEXEC);
  char c;

  if (fd < 0)
    {
      g_string_free (line, TRUE);
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("A password is needed: set FERRY_PASSWORD in the environment, or run "
                             "ferry-cli on a terminal to be asked."));
      return NULL;
    }
  if (write (fd, question, strlen (question)) < 0)
    { /* The question is a courtesy. */ }
  tcgetattr (fd, &saved);
  quiet = saved;
  quiet.c_lflag &= ~(ECHO);
  tcsetattr (fd, TCSAFLUSH, &quiet);
  while (read (fd, &c, 1) == 1 && c != '\n' && c != '\r' && line->len < 4096)
    g_string_append_c (line, c);
  tcsetattr (fd, TCSAFLUSH, &saved);
  if (write (fd, "\n", 1) < 0)
    { /* Nothing to do. */ }
  close (fd);
  {
    char *password = g_strndup (line->str, line->len);

    explicit_bzero (line->str, line->allocated_len);
    g_string_free (line, TRUE);
    return password;
  }
}

gboolean
ferry_cli_get_password (const FerryEndpoint *endpoint,
                        char               **out_password,
                        GError             **error)
{
  char *env = (char *) g_getenv ("FERRY_PASSWORD");
  g_autofree char *question = NULL;

  *out_password = NULL;
  if (endpoint->user == NULL || endpoint->user[0] == '\0' ||
      g_ascii_strcasecmp (endpoint->user, "anonymous") == 0)
    return TRUE;
  if (env != NULL)
    {
      *out_password = g_strdup (env);
      /* Anyone who may read /proc/PID/environ could read it there for as long as
       * ferry-cli runs: the copy above is the only one kept. */
      explicit_bzero (env, strlen (env));
      return TRUE;
    }
  question = g_strdup_printf (_("Password for %s@%s: "), endpoint->user, endpoint->host);
  *out_password = read_password_from_tty (question, error);
  return *out_password != NULL;
}

/* The same known-servers file as the window: pins, detected modes and
 * resumption facts are shared. Without a usable file, memory only. */
FerryKnownServers *
ferry_cli_known_servers (void)
{
  g_autoptr (GError) error = NULL;
  FerryKnownServers *known = ferry_known_servers_file_new_default (&error);

  if (known != NULL)
    return known;
  g_printerr (_("ferry-cli: %s Pinned certificates and detected modes are not remembered "
                "this time.\n"),
              error->message);
  return ferry_memory_known_servers_new ();
}

/* ---- prompts and the log ---- */

static FerryPrompt *rejected_prompt;

FerryPrompt *
ferry_cli_get_rejected_prompt (void)
{
  return rejected_prompt;
}

static gboolean
ask_yes_no (const char *question)
{
  char answer[16] = "";
  FILE *tty;

  if (!isatty (STDIN_FILENO))
    return FALSE;
  tty = fopen ("/dev/tty", "r+");
  if (tty == NULL)
    return FALSE;
  fprintf (tty, "%s [y/N] ", question);
  fflush (tty);
  if (fgets (answer, sizeof answer, tty) == NULL)
    answer[0] = '\0';
  fclose (tty);
  return answer[0] == 'y' || answer[0] == 'Y';
}

static void
prompt_cb (GObject      *source,
           FerryPrompt  *prompt,
           gpointer      user_data)
{
  FerryCliOptions *options = user_data;

  switch (ferry_prompt_get_kind (prompt))
    {
    case FERRY_PROMPT_PLAIN_FALLBACK:
      if (!options->json && ask_yes_no (ferry_prompt_get_message (prompt)))
        ferry_prompt_respond (prompt, FERRY_PROMPT_ANSWER_ACCEPT_ONCE);
      else
        ferry_prompt_respond (prompt, FERRY_PROMPT_ANSWER_REJECT);
      break;
    case FERRY_PROMPT_CERTIFICATE:
    case FERRY_PROMPT_CERTIFICATE_CHANGED:
    default:
      /* Scripts must not trust by accident: the person says so with
       * --trust-fingerprint or --ca-file. The caller prints the certificate. */
      g_set_object (&rejected_prompt, prompt);
      ferry_prompt_respond (prompt, FERRY_PROMPT_ANSWER_REJECT);
      break;
    }
}

static void
log_cb (GObject      *source,
        guint         kind,
        const char   *text,
        gpointer      user_data)
{
  static const char *const prefixes[] = { "*", ">", "<", "!", "!" };

  g_printerr ("%s %s\n", prefixes[MIN (kind, G_N_ELEMENTS (prefixes) - 1)], text);
}

void
ferry_cli_attach_session (GObject         *source,
                          FerryCliOptions *options)
{
  g_signal_connect (source, "prompt", G_CALLBACK (prompt_cb), options);
  if (options->verbose)
    g_signal_connect (source, "log", G_CALLBACK (log_cb), options);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_CONTINUE;
}

void
ferry_cli_run_until (gboolean     *done,
                     GCancellable *cancellable)
{
  guint sigint = g_unix_signal_add (SIGINT, interrupt_cb, cancellable);
  guint sigterm = g_unix_signal_add (SIGTERM, interrupt_cb, cancellable);

  while (!*done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (sigint);
  g_source_remove (sigterm);
}

void
ferry_cli_print_error (const GError *error)
{
  g_printerr ("ferry-cli: %s\n", error->message);
}
