/* ferry-op-files.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * File operations on absolute paths: SIZE/MDTM/CWD (stat), MKD, DELE, RMD,
 * recursive delete, RNFR/RNTO and SITE CHMOD.
 */
#define G_LOG_DOMAIN "ferry-op-files"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-session-private.h"

/* Folders nested deeper than this are not deleted recursively (a loop of links). */
#define MAX_DELETE_DEPTH 64

static gboolean
simple_command (FerrySessionShared *shared,
                const char         *verb,
                const char         *path,
                const char         *doing,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autofree char *command = ferry_command_with_path (verb, path, error);
  g_autoptr (FerryReply) reply = NULL;

  if (command == NULL)
    return FALSE;
  reply = ferry_ctl_command (shared, command, cancellable, error);
  if (reply == NULL)
    return FALSE;
  if (ferry_reply_class (reply) != 2)
    {
      /* Translators: what Ferry was doing and on which file: “Deleting “notes.txt””. */
      g_autofree char *what = g_strdup_printf (_("%s “%s”"), doing, path);

      ferry_set_error_from_reply (error, FERRY_ERROR_REMOTE, what, reply);
      return FALSE;
    }
  return TRUE;
}

static char *
base_name (const char *path)
{
  const char *slash = strrchr (path, '/');

  return g_strdup (slash && slash[1] ? slash + 1 : path);
}

FerryRemoteFile *
ferry_op_stat (FerrySessionShared *shared,
               const char         *path,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autofree char *size_command = ferry_command_with_path ("SIZE", path, error);
  g_autofree char *name = base_name (path);
  g_autoptr (GBytes) raw = g_bytes_new (name, strlen (name));
  g_autoptr (FerryReply) reply = NULL;
  g_autoptr (FerryRemoteFile) file = NULL;

  if (size_command == NULL || !ferry_ctl_set_type (shared, 'I', cancellable, error))
    return NULL;
  reply = ferry_ctl_command (shared, size_command, cancellable, error);
  if (reply == NULL)
    return NULL;

  if (reply->code == 213)
    {
      g_autofree char *mdtm = ferry_command_with_path ("MDTM", path, NULL);
      g_autoptr (FerryReply) time_reply = NULL;
      int y, mo, d, h, mi, s;

      file = ferry_remote_file_new (raw, name, FERRY_REMOTE_FILE_KIND_FILE);
      ferry_remote_file_set_size (file, g_ascii_strtoll (reply->text, NULL, 10));
      time_reply = ferry_ctl_command (shared, mdtm, cancellable, error);
      if (time_reply == NULL)
        return NULL;
      if (time_reply->code == 213 &&
          sscanf (time_reply->text, "%4d%2d%2d%2d%2d%2d", &y, &mo, &d, &h, &mi, &s) == 6)
        {
          g_autoptr (GDateTime) mtime = g_date_time_new_utc (y, mo, d, h, mi, s);

          ferry_remote_file_set_modified (file, mtime, TRUE);
        }
      return g_steal_pointer (&file);
    }

  /* Not a file SIZE knows: a folder, if CWD can enter it. */
  if (simple_command (shared, "CWD", path, _("Opening the folder"), cancellable, NULL))
    return ferry_remote_file_new (raw, name, FERRY_REMOTE_FILE_KIND_DIRECTORY);
  if (shared->control == NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_CONNECTION_LOST,
                           _("The server closed the connection."));
      return NULL;
    }
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_NOT_FOUND,
               _("“%s” does not exist on the server, or it cannot be read (%u %s)."), path,
               reply->code, reply->text);
  return NULL;
}

char *
ferry_op_change_directory (FerrySessionShared *shared,
                           const char         *path,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_autoptr (FerryReply) reply = NULL;
  char *working_directory = NULL;

  if (g_strcmp0 (path, "..") == 0)
    {
      reply = ferry_ctl_command (shared, "CDUP", cancellable, error);
      if (reply == NULL)
        return NULL;
      if (ferry_reply_class (reply) != 2)
        {
          ferry_set_error_from_reply (error, FERRY_ERROR_REMOTE, _("Going up a folder"), reply);
          return NULL;
        }
    }
  else if (!simple_command (shared, "CWD", path, _("Opening the folder"), cancellable, error))
    return NULL;

  g_clear_pointer (&reply, ferry_reply_free);
  reply = ferry_ctl_command (shared, "PWD", cancellable, error);
  if (reply == NULL)
    return NULL;
  if (reply->code != 257 || !ferry_parse_pwd_reply (reply, &working_directory, error))
    {
      if (error != NULL && *error == NULL)
        ferry_set_error_from_reply (error, FERRY_ERROR_REMOTE, _("Asking for the folder"), reply);
      return NULL;
    }
  return working_directory;
}

gboolean
ferry_op_mkdir (FerrySessionShared *shared,
                const char         *path,
                GCancellable       *cancellable,
                GError            **error)
{
  return simple_command (shared, "MKD", path, _("Creating the folder"), cancellable, error);
}

static gboolean
delete_tree (FerrySessionShared *shared,
             const char         *path,
             guint               depth,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr (FerryListing) listing = NULL;
  guint n;

  if (depth > MAX_DELETE_DEPTH)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_REMOTE,
                   _("“%s” is nested more than %u folders deep; Ferry stopped deleting there."),
                   path, MAX_DELETE_DEPTH);
      return FALSE;
    }

  listing = ferry_op_list (shared, path, FERRY_LIST_FLAGS_SHOW_HIDDEN, cancellable, error);
  if (listing == NULL)
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (listing));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (FerryRemoteFile) file = g_list_model_get_item (G_LIST_MODEL (listing), i);
      GBytes *raw = ferry_remote_file_get_raw_name (file);
      g_autofree char *name = g_strndup (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
      g_autofree char *child = NULL;
      gboolean ok;

      if (!ferry_remote_name_is_safe (raw, error))
        return FALSE;
      child = g_str_has_suffix (path, "/") ? g_strconcat (path, name, NULL)
                                           : g_strconcat (path, "/", name, NULL);
      if (ferry_remote_file_get_kind (file) == FERRY_REMOTE_FILE_KIND_DIRECTORY)
        ok = delete_tree (shared, child, depth + 1, cancellable, error);
      else
        ok = simple_command (shared, "DELE", child, _("Deleting"), cancellable, error);
      if (!ok)
        return FALSE;
    }
  return simple_command (shared, "RMD", path, _("Deleting the folder"), cancellable, error);
}

gboolean
ferry_op_delete (FerrySessionShared *shared,
                 const char         *path,
                 gboolean            is_folder,
                 gboolean            recursive,
                 GCancellable       *cancellable,
                 GError            **error)
{
  if (g_strcmp0 (path, "/") == 0)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("Ferry does not delete the server's root folder."));
      return FALSE;
    }
  if (!is_folder)
    return simple_command (shared, "DELE", path, _("Deleting"), cancellable, error);
  if (recursive)
    return delete_tree (shared, path, 0, cancellable, error);
  return simple_command (shared, "RMD", path, _("Deleting the folder"), cancellable, error);
}

gboolean
ferry_op_rename (FerrySessionShared *shared,
                 const char         *from,
                 const char         *to,
                 GCancellable       *cancellable,
                 GError            **error)
{
  g_autofree char *rnfr = ferry_command_with_path ("RNFR", from, error);
  g_autofree char *what = g_strdup_printf (_("Renaming “%s” to “%s”"), from, to);
  g_autoptr (FerryReply) reply = NULL;

  if (rnfr == NULL)
    return FALSE;
  reply = ferry_ctl_command (shared, rnfr, cancellable, error);
  if (reply == NULL)
    return FALSE;
  if (reply->code != 350)
    {
      ferry_set_error_from_reply (error, FERRY_ERROR_REMOTE, what, reply);
      return FALSE;
    }
  return simple_command (shared, "RNTO", to, _("Renaming to"), cancellable, error);
}

gboolean
ferry_op_chmod (FerrySessionShared *shared,
                const char         *path,
                guint               mode,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autofree char *verb = NULL;

  if (mode > 07777)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                   _("%o is not a permission mode (0000 to 7777)."), mode);
      return FALSE;
    }
  verb = g_strdup_printf ("SITE CHMOD %03o", mode);
  /* Translators: Used as the first %s in “%s failed: the server said “%s”.” */
  return simple_command (shared, verb, path, _("Changing the permissions of"), cancellable, error);
}
