/* ferry-cli-mkdir.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `ferry-cli mkdir URL`: create the folder at the URL's path.
 */
#define G_LOG_DOMAIN "ferry-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "ferry-cli-mkdir.h"
#include "ferry-cli-remote.h"
#include "ferry-error.h"

int
ferry_cli_mkdir_main (int    argc,
                      char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (N_("URL — create a remote folder"));
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  FerryCliRemote remote;
  int exit_code;

  ferry_cli_remote_init (&remote, "mkdir");
  exit_code = ferry_cli_remote_parse (&remote, context, NULL, &argc, &argv);
  if (exit_code < 0 && argc != 2)
    {
      g_printerr (_("ferry-cli mkdir: give one URL with the folder's path.\n"));
      exit_code = FERRY_EXIT_USAGE;
    }
  if (exit_code >= 0)
    {
      ferry_cli_remote_clear (&remote);
      return exit_code;
    }

  if (ferry_cli_remote_open (&remote, argv[1], &error) && remote.url_path == NULL)
    g_set_error_literal (&error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                         _("The URL names no folder to create: add its path, such as "
                           "ftpes://user@host/new-folder."));
  if (error == NULL && (path = ferry_cli_remote_resolve (&remote, remote.url_path, &error)))
    ferry_cli_remote_mkdir (&remote, path, &error);

  exit_code = error ? ferry_cli_remote_fail (&remote, error) : FERRY_EXIT_OK;
  ferry_cli_remote_print_result (&remote, path, error, exit_code);
  ferry_cli_remote_clear (&remote);
  return exit_code;
}
