/* ferry-cli.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ferry-cli: Ferry's engine without a display. One syntax for every command:
 *   ferry-cli COMMAND [--json] [--security MODE] [--ca-file PEM]
 *             [--trust-fingerprint SHA256] [--min-tls 1.2|1.3] TARGET…
 */
#define G_LOG_DOMAIN "ferry-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "ferry-cli-common.h"
#include "ferry-cli-get.h"
#include "ferry-cli-ls.h"
#include "ferry-cli-mkdir.h"
#include "ferry-cli-mv.h"
#include "ferry-cli-probe.h"
#include "ferry-cli-put.h"
#include "ferry-cli-rm.h"
#include "ferry-cli-sites.h"
#include "ferry-process.h"
#include "ferry-session.h"
#include "ferry-text-domain.h"

typedef struct
{
  const char *name;
  int (*main) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "probe", ferry_cli_probe_main, N_("Test a server's FTPS setup and report what is encrypted") },
  { "ls", ferry_cli_ls_main, N_("List a remote folder") },
  { "get", ferry_cli_get_main, N_("Download a file, or a folder with -r") },
  { "put", ferry_cli_put_main, N_("Upload a file, or a folder with -r") },
  { "mkdir", ferry_cli_mkdir_main, N_("Create a remote folder") },
  { "rm", ferry_cli_rm_main, N_("Delete a remote file, or a folder (-r: with everything in it)") },
  { "mv", ferry_cli_mv_main, N_("Rename or move a remote file or folder") },
  { "sites", ferry_cli_sites_main, N_("List, add, remove, import and export saved sites") },
};

static void
print_usage (FILE *out)
{
  fprintf (out,
           _("Usage: ferry-cli COMMAND [OPTIONS] TARGET…\n\n"
             "Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out,
           _("  help     Show this text\n"
             "  version  Show the version\n\n"
             "Targets: ftpes://user@host:port (explicit FTPS), ftps://… (implicit FTPS),\n"
             "ftp://… or user@host:port (detect), or --site NAME with a path. The password\n"
             "comes from the keyring (saved sites), FERRY_PASSWORD or a prompt on the\n"
             "terminal, never from the command line.\n\n"
             "Exit codes: 0 success, 1 other failure, 2 usage, 3 network (name, connection,\n"
             "timeout), 4 TLS or certificate, 5 login refused, 6 server refused a command or\n"
             "a data connection, 7 local file problem, 130 interrupted.\n\n"
             "Run “ferry-cli COMMAND --help” for a command's options.\n"));
}

int
main (int    argc,
      char **argv)
{
  ferry_process_protect_secrets ();
  setlocale (LC_ALL, "");
  ferry_text_domain_bind ();

  if (argc < 2)
    {
      print_usage (stderr);
      return FERRY_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "help") || g_str_equal (argv[1], "--help") ||
      g_str_equal (argv[1], "-h"))
    {
      print_usage (stdout);
      return FERRY_EXIT_OK;
    }
  if (g_str_equal (argv[1], "version") || g_str_equal (argv[1], "--version"))
    {
      printf ("ferry-cli %s\n", PACKAGE_VERSION);
      return FERRY_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        int code = commands[i].main (argc - 1, argv + 1);

        /* The sessions' workers say QUIT and close TLS before the process ends. */
        ferry_session_wait_for_workers (FERRY_SESSION_EXIT_WAIT_MS);
        return code;
      }

  fprintf (stderr, _("ferry-cli: “%s” is not a command.\n\n"), argv[1]);
  print_usage (stderr);
  return FERRY_EXIT_USAGE;
}
