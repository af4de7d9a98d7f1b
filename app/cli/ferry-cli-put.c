/* ferry-cli-put.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `ferry-cli put [-r] [--parallel N] [--overwrite] [--continue]
 * [--preserve-times] LOCAL URL`: upload a file, or with -r a folder and
 * everything in it, through the transfer runner.
 */
#define G_LOG_DOMAIN "ferry-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ferry-cli-put.h"
#include "ferry-cli-remote.h"
#include "ferry-error.h"
#include "ferry-transfer-runner.h"

/* Where the upload goes: into the URL's folder when the path names one (an
 * existing folder, a trailing '/', or no path: the login folder), else to
 * the path itself. */
static char *
remote_target (FerryCliRemote *remote,
               const char     *name,
               GError        **error)
{
  g_autofree char *path = ferry_cli_remote_resolve (remote, remote->url_path, error);
  g_autoptr (FerryRemoteFile) file = NULL;
  g_autoptr (GError) stat_error = NULL;

  if (path == NULL)
    return NULL;
  if (remote->url_path == NULL || remote->url_names_folder || g_str_equal (path, "/"))
    return g_build_path ("/", path, name, NULL);

  file = ferry_cli_remote_stat (remote, path, &stat_error);
  if (file == NULL)
    {
      /* Not there (the server refused SIZE and CWD): the new name. */
      if (g_error_matches (stat_error, FERRY_ERROR, FERRY_ERROR_NOT_FOUND))
        return g_steal_pointer (&path);
      g_propagate_error (error, g_steal_pointer (&stat_error));
      return NULL;
    }
  if (ferry_remote_file_get_kind (file) == FERRY_REMOTE_FILE_KIND_DIRECTORY)
    return g_build_path ("/", path, name, NULL);
  return g_steal_pointer (&path);
}

int
ferry_cli_put_main (int    argc,
                    char **argv)
{
  FerryCliTransferOptions options;
  g_autoptr (GOptionContext) context =
    g_option_context_new (N_("LOCAL URL — upload a file or, with -r, a folder"));
  g_autoptr (GError) error = NULL;
  g_autoptr (FerryTransfer) transfer = NULL;
  g_autoptr (GFile) local = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  GFileType type;
  FerryCliRemote remote;
  int exit_code;

  ferry_cli_remote_init (&remote, "put");
  g_option_context_set_summary (context,
                                N_("Uploads LOCAL to the URL's path: into it when it is a "
                                   "folder (or ends with “/”), else under that name. A file that "
                                   "exists on the server is not replaced unless --overwrite or "
                                   "--continue is given."));
  exit_code = ferry_cli_transfer_parse (&remote, &options, TRUE, context, 2, 2,
                                        _("give a local file or folder and a URL."), &argc, &argv);
  if (exit_code >= 0)
    {
      ferry_cli_remote_clear (&remote);
      return exit_code;
    }

  local = g_file_new_for_commandline_arg (argv[1]);
  type = g_file_query_file_type (local, G_FILE_QUERY_INFO_NONE, NULL);
  name = g_file_get_basename (local);
  if (type != G_FILE_TYPE_REGULAR && type != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (&error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                   type == G_FILE_TYPE_UNKNOWN ? _("“%s” does not exist.")
                                               : _("“%s” is not a file or a folder."),
                   argv[1]);
      goto failed;
    }
  if (type == G_FILE_TYPE_DIRECTORY && !options.recursive)
    {
      g_set_error (&error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                   _("“%s” is a folder: add -r to upload it and everything in it."), argv[1]);
      goto failed;
    }

  if (!ferry_cli_remote_open (&remote, argv[2], &error) ||
      (path = remote_target (&remote, name, &error)) == NULL)
    goto failed;

  ferry_cli_remote_close (&remote);
  transfer = ferry_transfer_new (FERRY_TRANSFER_UPLOAD, path, local,
                                 type == G_FILE_TYPE_DIRECTORY, ferry_cli_transfer_flags (&options));
  exit_code = ferry_cli_remote_run_transfer (&remote, transfer, options.parallel);
  ferry_cli_remote_clear (&remote);
  return exit_code;

failed:
  exit_code = ferry_cli_remote_fail (&remote, error);
  ferry_cli_remote_print_result (&remote, path, error, exit_code);
  ferry_cli_remote_clear (&remote);
  return exit_code;
}
