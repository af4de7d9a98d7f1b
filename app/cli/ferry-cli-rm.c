/* ferry-cli-rm.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `ferry-cli rm [-r] URL`: delete a remote file, an empty folder or, with -r,
 * a folder and everything in it. The root folder is never deleted.
 */
#define G_LOG_DOMAIN "ferry-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "ferry-cli-remote.h"
#include "ferry-cli-rm.h"
#include "ferry-error.h"

int
ferry_cli_rm_main (int    argc,
                   char **argv)
{
  gboolean recursive = FALSE;
  const GOptionEntry entries[] = {
    { "recursive", 'r', 0, G_OPTION_ARG_NONE, &recursive,
      N_("Delete a folder and everything in it"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (N_("URL — delete a remote file or "
                                                                "folder"));
  g_autoptr (GError) error = NULL;
  g_autoptr (FerryRemoteFile) file = NULL;
  g_autofree char *path = NULL;
  FerryCliRemote remote;
  gboolean is_folder;
  int exit_code;

  ferry_cli_remote_init (&remote, "rm");
  exit_code = ferry_cli_remote_parse (&remote, context, entries, &argc, &argv);
  if (exit_code < 0 && argc != 2)
    {
      g_printerr (_("ferry-cli rm: give one URL with the path to delete.\n"));
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
                           _("The URL names nothing to delete: add the path of a file or folder."));
      goto out;
    }
  path = ferry_cli_remote_resolve (&remote, remote.url_path, &error);
  if (path == NULL)
    goto out;
  if (g_str_equal (path, "/"))
    {
      g_set_error_literal (&error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("Ferry does not delete the server's root folder."));
      goto out;
    }

  file = ferry_cli_remote_stat (&remote, path, &error);
  if (file == NULL)
    goto out;
  is_folder = ferry_remote_file_get_kind (file) == FERRY_REMOTE_FILE_KIND_DIRECTORY;
  if (!ferry_cli_remote_delete (&remote, path, is_folder, recursive, &error) && is_folder &&
      !recursive && g_error_matches (error, FERRY_ERROR, FERRY_ERROR_REMOTE))
    {
      /* RMD refuses a folder with anything in it. */
      g_autofree char *message = g_strdup (error->message);

      g_clear_error (&error);
      g_set_error (&error, FERRY_ERROR, FERRY_ERROR_REMOTE,
                   _("%s If the folder is not empty, use -r to delete it with everything in it."),
                   message);
    }

out:
  exit_code = error ? ferry_cli_remote_fail (&remote, error) : FERRY_EXIT_OK;
  ferry_cli_remote_print_result (&remote, path, error, exit_code);
  ferry_cli_remote_clear (&remote);
  return exit_code;
}
