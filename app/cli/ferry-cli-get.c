/* ferry-cli-get.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `ferry-cli get [-r] [--parallel N] [--overwrite] [--continue]
 * [--preserve-times] URL [LOCAL]`: download a file, or with -r a folder and
 * everything in it, through the transfer runner.
 */
#define G_LOG_DOMAIN "ferry-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ferry-cli-get.h"
#include "ferry-cli-remote.h"
#include "ferry-error.h"
#include "ferry-list-parser.h"
#include "ferry-transfer-runner.h"

/* Where the download goes: LOCAL (into it when it is a folder or ends with
 * '/'), else the current folder, under the remote name. */
static GFile *
local_target (const char *local,
              const char *name)
{
  g_autoptr (GFile) file = NULL;

  if (local == NULL)
    {
      g_autofree char *cwd = g_get_current_dir ();

      return g_file_new_build_filename (cwd, name, NULL);
    }
  file = g_file_new_for_commandline_arg (local);
  if (g_str_has_suffix (local, "/") ||
      g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    return g_file_get_child (file, name);
  return g_steal_pointer (&file);
}

int
ferry_cli_get_main (int    argc,
                    char **argv)
{
  FerryCliTransferOptions options;
  g_autoptr (GOptionContext) context =
    g_option_context_new (N_("URL [LOCAL] — download a file or, with -r, a folder"));
  g_autoptr (GError) error = NULL;
  g_autoptr (FerryRemoteFile) file = NULL;
  g_autoptr (FerryTransfer) transfer = NULL;
  g_autoptr (GFile) local = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  gboolean is_folder;
  FerryCliRemote remote;
  int exit_code;

  ferry_cli_remote_init (&remote, "get");
  g_option_context_set_summary (context,
                                N_("Downloads to LOCAL (a file name, or a folder to download into; "
                                   "default: the current folder). Downloads are written to "
                                   "NAME.part and renamed when complete; an existing file is not "
                                   "replaced unless --overwrite or --continue is given."));
  exit_code = ferry_cli_transfer_parse (&remote, &options, FALSE, context, 1, 2,
                                        _("give a URL and, optionally, where to save it."), &argc,
                                        &argv);
  if (exit_code >= 0)
    {
      ferry_cli_remote_clear (&remote);
      return exit_code;
    }

  if (!ferry_cli_remote_open (&remote, argv[1], &error) ||
      (path = ferry_cli_remote_resolve (&remote, remote.url_path, &error)) == NULL ||
      (file = ferry_cli_remote_stat (&remote, path, &error)) == NULL)
    goto failed;

  is_folder = ferry_remote_file_get_kind (file) == FERRY_REMOTE_FILE_KIND_DIRECTORY;
  if (is_folder && !options.recursive)
    {
      g_set_error (&error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                   _("“%s” is a folder: add -r to download it and everything in it."), path);
      goto failed;
    }

  name = ferry_cli_remote_basename (path);
  if (name[0] == '\0')
    {
      g_free (name);
      name = g_strdup (remote.endpoint->host);
    }
  {
    g_autoptr (GBytes) raw = g_bytes_new (name, strlen (name));
    g_autoptr (GError) unsafe = NULL;

    if (argc < 3 && !ferry_remote_name_is_safe (raw, &unsafe))
      {
        g_set_error (&error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                     _("%s Give a local name to save it as."), unsafe->message);
        goto failed;
      }
  }
  local = local_target (argc > 2 ? argv[2] : NULL, name);

  /* The transfers run on sessions of their own. */
  ferry_cli_remote_close (&remote);
  transfer = ferry_transfer_new (FERRY_TRANSFER_DOWNLOAD, path, local, is_folder,
                                 ferry_cli_transfer_flags (&options));
  exit_code = ferry_cli_remote_run_transfer (&remote, transfer, options.parallel);
  ferry_cli_remote_clear (&remote);
  return exit_code;

failed:
  exit_code = ferry_cli_remote_fail (&remote, error);
  ferry_cli_remote_print_result (&remote, path, error, exit_code);
  ferry_cli_remote_clear (&remote);
  return exit_code;
}
