/* ferry-cli-mv.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `ferry-cli mv URL NEWNAME`: rename or move a remote file or folder. NEWNAME
 * is relative to the folder of the URL's path unless it begins with '/'.
 */
#define G_LOG_DOMAIN "ferry-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "ferry-cli-mv.h"
#include "ferry-cli-remote.h"
#include "ferry-error.h"

int
ferry_cli_mv_main (int    argc,
                   char **argv)
{
  g_autoptr (GOptionContext) context =
    g_option_context_new (N_("URL NEWNAME — rename or move a remote file or folder"));
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  FerryCliRemote remote;
  int exit_code;

  ferry_cli_remote_init (&remote, "mv");
  g_option_context_set_summary (context,
                                N_("NEWNAME is relative to the folder of the URL's path (“b.txt” "
                                   "renames /dir/a.txt to /dir/b.txt) unless it begins with “/”."));
  exit_code = ferry_cli_remote_parse (&remote, context, NULL, &argc, &argv);
  if (exit_code < 0 && (argc != 3 || argv[2][0] == '\0'))
    {
      g_printerr (_("ferry-cli mv: give a URL and the new name.\n"));
      exit_code = FERRY_EXIT_USAGE;
    }
  if (exit_code >= 0)
    {
      ferry_cli_remote_clear (&remote);
      return exit_code;
    }

  if (!ferry_cli_remote_open (&remote, argv[1], &error))
    goto out;
  if (remote.url_path == NULL)
    {
      g_set_error_literal (&error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("The URL names nothing to rename: add the path of a file or folder."));
      goto out;
    }
  path = ferry_cli_remote_resolve (&remote, remote.url_path, &error);
  if (path == NULL)
    goto out;
  if (g_str_equal (path, "/"))
    {
      g_set_error_literal (&error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("The server's root folder cannot be renamed."));
      goto out;
    }
  if (argv[2][0] == '/')
    target = ferry_cli_remote_resolve (&remote, argv[2], &error);
  else
    {
      g_autofree char *folder = ferry_cli_remote_dirname (path);
      g_autofree char *joined = g_build_path ("/", folder, argv[2], NULL);

      target = ferry_cli_remote_resolve (&remote, joined, &error);
    }
  if (target != NULL)
    ferry_cli_remote_rename (&remote, path, target, &error);

out:
  exit_code = error ? ferry_cli_remote_fail (&remote, error) : FERRY_EXIT_OK;
  ferry_cli_remote_print_result (&remote, target ? target : path, error, exit_code);
  ferry_cli_remote_clear (&remote);
  return exit_code;
}
