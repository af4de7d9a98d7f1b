/* ferry-op-transfer.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RETR and STOR/APPE of one file in binary mode over a data connection that
 * resumes the control session. Downloads write NAME.part and rename it only
 * when the size matches; uploads end with close_notify, drain, then 226, and
 * are checked with SIZE. Sizes and offsets are 64-bit throughout.
 */
#define G_LOG_DOMAIN "ferry-op-transfer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ferry-error.h"
#include "ferry-exists-policy.h"
#include "ferry-session-private.h"

#define CHUNK_SIZE (256 * 1024)

static void
set_local_error (GError    **error,
                 int         saved_errno,
                 const char *doing,
                 const char *path)
{
  /* Translators: The first %s is what Ferry was doing (“Writing”, “Reading”, “Opening”…), the
   * second a file name, the third the system's reason. */
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL, _("%s “%s” failed: %s."), doing, path,
               g_strerror (saved_errno));
}

/* SIZE: -1 when the server does not say. */
static gint64
remote_size (FerrySessionShared *shared,
             const char         *path,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autofree char *command = ferry_command_with_path ("SIZE", path, error);
  g_autoptr (FerryReply) reply = NULL;
  gint64 size;
  char *end = NULL;

  if (command == NULL)
    return -2;
  reply = ferry_ctl_command (shared, command, cancellable, error);
  if (reply == NULL)
    return -2;
  if (reply->code != 213)
    return -1;
  size = g_ascii_strtoll (reply->text, &end, 10);
  if (end == reply->text || size < 0)
    return -1;
  return size;
}

/* MDTM: the modification time in UTC, or NULL. */
static GDateTime *
remote_mtime (FerrySessionShared *shared,
              const char         *path,
              GCancellable       *cancellable)
{
  g_autofree char *command = ferry_command_with_path ("MDTM", path, NULL);
  g_autoptr (FerryReply) reply = NULL;
  int y, mo, d, h, mi, s;

  if (command == NULL)
    return NULL;
  reply = ferry_ctl_command (shared, command, cancellable, NULL);
  if (reply == NULL || reply->code != 213 ||
      sscanf (reply->text, "%4d%2d%2d%2d%2d%2d", &y, &mo, &d, &h, &mi, &s) != 6)
    return NULL;
  return g_date_time_new_utc (y, mo, d, h, mi, s);
}

static void
set_local_mtime (const char *path,
                 GDateTime  *mtime)
{
  struct timespec times[2] = {
    { .tv_nsec = UTIME_OMIT },
    { .tv_sec = g_date_time_to_unix (mtime), .tv_nsec = 0 },
  };

  utimensat (AT_FDCWD, path, times, 0);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        len,
           const char  *path,
           GError     **error)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_local_error (error, errno, _("Writing"), path);
          return FALSE;
        }
      data += n;
      len -= n;
    }
  return TRUE;
}

/* ---- a target that exists (ferry-exists-policy.h) ---- */

static gint64
mtime_or_unknown (GDateTime *time)
{
  return time != NULL ? g_date_time_to_unix (time) : FERRY_EXISTS_MTIME_UNKNOWN;
}

static void
local_facts (const char     *path,
             FerryFileFacts *facts)
{
  struct stat st;

  *facts = (FerryFileFacts) { .exists = FALSE, .size = -1, .mtime = FERRY_EXISTS_MTIME_UNKNOWN };
  if (g_lstat (path, &st) != 0)
    return;
  facts->exists = TRUE;
  facts->size = S_ISREG (st.st_mode) ? st.st_size : -1;
  facts->mtime = st.st_mtime;
}

/* A skipped file is done with nothing sent. */
static gboolean
skip_existing (FerrySessionShared *shared,
               FerryTransfer      *transfer,
               const char         *target)
{
  ferry_transfer_set_skipped (transfer, TRUE);
  ferry_transfer_begin (transfer, 0, 0);
  ferry_shared_log (shared, FERRY_LOG_STATUS, _("Skipped “%s”: it exists."), target);
  return TRUE;
}

/* What @flags say about a target that exists: an action for
 * ferry_exists_decide(), with the facts (MDTM only when they matter). */
static FerryExistsAction
decide_exists (FerrySessionShared   *shared,
               FerryTransfer        *transfer,
               FerryTransferFlags    flags,
               const FerryFileFacts *source,
               const FerryFileFacts *target)
{
  FerryExistsAction action = ferry_exists_decide (ferry_exists_action_from_flags (flags), source,
                                                  target);

  if (action == FERRY_EXISTS_ASK)
    ferry_transfer_set_conflict (transfer, source, target);
  return action;
}

static void
set_exists_error (GError    **error,
                  const char *target,
                  gboolean    upload)
{
  if (upload)
    g_set_error (error, FERRY_ERROR, FERRY_ERROR_EXISTS,
                 _("“%s” already exists on the server. Choose to overwrite it, skip it or "
                   "upload it under another name."),
                 target);
  else
    g_set_error (error, FERRY_ERROR, FERRY_ERROR_EXISTS,
                 _("“%s” already exists. Choose to overwrite it, skip it or download it under "
                   "another name."),
                 target);
}

/* Download: the first "NAME (N).EXT" next to @final_path that neither exists
 * nor has a .part. */
static char *
free_local_name (const char *final_path,
                 GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (final_path);
  g_autofree char *base = g_path_get_basename (final_path);

  for (guint n = 1; n <= FERRY_EXISTS_MAX_RENAME; n++)
    {
      g_autofree char *name = ferry_exists_numbered_name (base, n);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *part = g_strconcat (path, ".part", NULL);
      struct stat st;

      if (g_lstat (path, &st) != 0 && g_lstat (part, &st) != 0)
        return g_steal_pointer (&path);
    }
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
               _("“%s (1)” to “%s (%u)” all exist: choose another folder, or remove some of them."),
               final_path, final_path, FERRY_EXISTS_MAX_RENAME);
  return NULL;
}

/* Upload: the first "NAME (N).EXT" next to @remote that the server has no
 * size for. */
static char *
free_remote_name (FerrySessionShared *shared,
                  const char         *remote,
                  GCancellable       *cancellable,
                  GError            **error)
{
  const char *slash = strrchr (remote, '/');
  g_autofree char *dir = slash ? g_strndup (remote, slash - remote + 1) : g_strdup ("");
  const char *base = slash ? slash + 1 : remote;

  for (guint n = 1; n <= FERRY_EXISTS_MAX_RENAME; n++)
    {
      g_autofree char *name = ferry_exists_numbered_name (base, n);
      g_autofree char *path = g_strconcat (dir, name, NULL);
      gint64 size = remote_size (shared, path, cancellable, error);

      if (size == -2)
        return NULL;
      if (size == -1)
        return g_steal_pointer (&path);
    }
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_REMOTE,
               _("“%s (1)” to “%s (%u)” all exist on the server: choose another folder, or "
                 "remove some of them."),
               remote, remote, FERRY_EXISTS_MAX_RENAME);
  return NULL;
}

static gboolean
send_rest (FerrySessionShared *shared,
           gint64              offset,
           GCancellable       *cancellable,
           gboolean           *out_supported,
           GError            **error)
{
  g_autofree char *command = g_strdup_printf ("REST %" G_GINT64_FORMAT, offset);
  g_autoptr (FerryReply) reply = ferry_ctl_command (shared, command, cancellable, error);

  if (reply == NULL)
    return FALSE;
  *out_supported = reply->code == 350;
  return TRUE;
}

gboolean
ferry_op_download (FerrySessionShared *shared,
                   FerryTransfer      *transfer,
                   GCancellable       *cancellable,
                   GError            **error)
{
  const char *remote = ferry_transfer_get_remote_path (transfer);
  FerryTransferFlags flags = ferry_transfer_get_flags (transfer);
  g_autofree char *final_path = g_file_get_path (ferry_transfer_get_local_file (transfer));
  g_autofree char *part_path = NULL;
  g_autofree char *command = NULL;
  g_autofree char *buffer = NULL;
  g_autoptr (GDateTime) mtime = NULL;
  FerryDataInfo info = { 0 };
  FerryConn *data = NULL;
  gint64 size, offset = 0, received = 0;
  gboolean ok = TRUE, listed = FALSE;
  struct stat st;
  int fd;

  if (final_path == NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                           _("Downloads need a local file on this computer."));
      return FALSE;
    }
  command = ferry_command_with_path ("RETR", remote, error);
  if (command == NULL)
    return FALSE;

  {
    /* An earlier attempt chose a new name: this attempt continues it. */
    g_autofree char *renamed = ferry_transfer_dup_renamed_target (transfer);

    if (renamed != NULL)
      {
        g_free (final_path);
        final_path = g_steal_pointer (&renamed);
        flags = ferry_exists_action_apply (flags, FERRY_EXISTS_RESUME);
      }
  }

  if (!ferry_ctl_set_type (shared, 'I', cancellable, error))
    return FALSE;
  /* A size from the listing just read saves a round trip per file. */
  size = ferry_transfer_get_listed_size (transfer);
  if (size < 0)
    size = remote_size (shared, remote, cancellable, error);
  else
    listed = TRUE;
  if (size == -2)
    return FALSE;

  if (!(flags & (FERRY_TRANSFER_FLAGS_OVERWRITE | FERRY_TRANSFER_FLAGS_RESUME)))
    {
      FerryFileFacts target, source = { TRUE, size, FERRY_EXISTS_MTIME_UNKNOWN };

      local_facts (final_path, &target);
      if (target.exists)
        {
          g_autoptr (GDateTime) source_time = remote_mtime (shared, remote, cancellable);

          source.mtime = mtime_or_unknown (source_time);
          switch (decide_exists (shared, transfer, flags, &source, &target))
            {
            case FERRY_EXISTS_SKIP:
              return skip_existing (shared, transfer, final_path);
            case FERRY_EXISTS_RENAME:
              {
                g_autofree char *free_name = free_local_name (final_path, error);

                if (free_name == NULL)
                  return FALSE;
                g_free (final_path);
                final_path = g_steal_pointer (&free_name);
              }
              ferry_transfer_set_renamed_target (transfer, final_path);
              ferry_shared_log (shared, FERRY_LOG_STATUS, _("Downloading “%s” as “%s”."), remote,
                                final_path);
              break;
            case FERRY_EXISTS_RESUME:
              flags |= FERRY_TRANSFER_FLAGS_RESUME;
              break;
            case FERRY_EXISTS_OVERWRITE:
              break;
            default:
              set_exists_error (error, final_path, FALSE);
              return FALSE;
            }
        }
    }
  g_free (part_path);
  part_path = g_strconcat (final_path, ".part", NULL);

  if ((flags & FERRY_TRANSFER_FLAGS_RESUME) && g_lstat (part_path, &st) != 0 &&
      g_lstat (final_path, &st) == 0 && S_ISREG (st.st_mode))
    {
      /* Continuing a download that has no .part: a whole file is done; a shorter
       * one continues from where it ends. */
      if (size >= 0 && st.st_size == size)
        {
          ferry_transfer_begin (transfer, size, size);
          ferry_shared_log (shared, FERRY_LOG_STATUS, _("“%s” is already complete."), final_path);
          return TRUE;
        }
      if (size >= 0 && st.st_size < size && g_rename (final_path, part_path) != 0)
        {
          set_local_error (error, errno, _("Preparing to continue"), final_path);
          return FALSE;
        }
    }
  if ((flags & FERRY_TRANSFER_FLAGS_RESUME) && g_lstat (part_path, &st) == 0 &&
      S_ISREG (st.st_mode))
    offset = st.st_size;
  if (size >= 0 && offset > size)
    {
      ferry_shared_log (shared, FERRY_LOG_STATUS,
                        _("The partial file is larger than the file on the server; starting "
                          "over."));
      offset = 0;
    }
  if (offset > 0)
    {
      gboolean supported = FALSE;

      if (!send_rest (shared, offset, cancellable, &supported, error))
        return FALSE;
      if (!supported)
        {
          ferry_shared_note (shared, _("The server cannot resume downloads (REST); starting "
                                       "“%s” over."),
                             remote);
          offset = 0;
        }
    }

  /* O_NOFOLLOW: a link planted at NAME.part must not redirect the download. */
  fd = g_open (part_path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0)
    {
      set_local_error (error, errno, _("Creating"), part_path);
      return FALSE;
    }
  if (ftruncate (fd, offset) != 0 || lseek (fd, offset, SEEK_SET) != offset)
    {
      set_local_error (error, errno, _("Preparing"), part_path);
      close (fd);
      return FALSE;
    }

  ferry_transfer_begin (transfer, offset, size);
  data = ferry_data_open (shared, command, &info, cancellable, error);
  if (data == NULL)
    {
      close (fd);
      ferry_data_info_clear (&info);
      return FALSE;
    }

  buffer = g_malloc (CHUNK_SIZE);
  for (;;)
    {
      g_autoptr (GError) recv_error = NULL;
      gssize n = ferry_conn_recv (data, buffer, CHUNK_SIZE,
                                  ferry_deadline_in (ferry_shared_reply_timeout (shared)),
                                  cancellable, &recv_error);

      if (n < 0)
        {
          /* "The server did not answer in time" would not say that it was the data. */
          if (g_error_matches (recv_error, FERRY_ERROR, FERRY_ERROR_TIMEOUT))
            g_set_error (error, FERRY_ERROR, FERRY_ERROR_TIMEOUT,
                         _("No data arrived for %u s: the download of “%s” stalled at %" PRId64
                           " bytes; the partial file is kept so that the download can resume."),
                         (ferry_shared_reply_timeout (shared) + 999) / 1000, remote,
                         offset + received);
          else
            g_propagate_error (error, g_steal_pointer (&recv_error));
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;
      if (!write_all (fd, buffer, n, part_path, error))
        {
          ok = FALSE;
          break;
        }
      received += n;
      ferry_transfer_add_bytes (transfer, n);
    }

  if (close (fd) != 0 && ok)
    {
      set_local_error (error, errno, _("Writing"), part_path);
      ok = FALSE;
    }
  if (!ok)
    {
      /* Cancelled, or the disk or the network failed: the .part stays for a resume. */
      ferry_data_abort (shared, data);
      ferry_data_info_clear (&info);
      return FALSE;
    }

  info.clean_close = ferry_conn_was_clean_close (data);
  if (ferry_conn_get_tls (data) != NULL && info.clean_close)
    ferry_conn_bye (data, FALSE, ferry_deadline_in (1000), cancellable, NULL);
  ferry_conn_free (data);

  if (!ferry_data_finish (shared, &info, _("Downloading"), cancellable, error))
    {
      ferry_data_info_clear (&info);
      return FALSE;
    }

  /* The size decides, not how the TLS connection ended. A size from the
   * listing may be older than the file: then the server's word now decides. */
  if (listed && size >= 0 && offset + received != size)
    {
      gint64 now = remote_size (shared, remote, cancellable, error);

      if (now == -2)
        {
          ferry_data_info_clear (&info);
          return FALSE;
        }
      if (now >= 0)
        size = now;
    }
  if (size >= 0 && offset + received > size)
    {
      /* Not a connection that broke: trying again gets the same bytes. */
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
                   _("The server sent %" PRId64 " bytes of “%s”, more than the %" PRId64
                     " it announced: the file changed during the download, or "
                      "the server is misbehaving. The download is kept as “%s”, not under its "
                      "own name."),
                   offset + received, remote, size, part_path);
      ferry_data_info_clear (&info);
      return FALSE;
    }
  if (size >= 0 && offset + received != size)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_CONNECTION_LOST,
                   _("The download of “%s” stopped at %" PRId64 " of %" PRId64
                     " bytes; the partial file is kept so that the download can resume."),
                   remote, offset + received, size);
      ferry_data_info_clear (&info);
      return FALSE;
    }
  if (!info.clean_close && info.protected_)
    ferry_shared_log (shared, FERRY_LOG_STATUS, size >= 0
                      ? _("The server ended the data connection without a TLS close_notify; the "
                          "size matches, so the file is complete.")
                      : _("The server ended the data connection without a TLS close_notify and "
                          "gave no size to compare with, so Ferry cannot tell whether the file "
                          "is complete."));
  ferry_data_info_clear (&info);

  if (g_rename (part_path, final_path) != 0)
    {
      set_local_error (error, errno, _("Renaming the finished download to"), final_path);
      return FALSE;
    }
  if (flags & FERRY_TRANSFER_FLAGS_PRESERVE_MTIME)
    {
      mtime = remote_mtime (shared, remote, cancellable);
      if (mtime != NULL)
        set_local_mtime (final_path, mtime);
    }
  return TRUE;
}

static gboolean
set_remote_mtime (FerrySessionShared *shared,
                  const char         *remote,
                  gint64              unix_time,
                  GCancellable       *cancellable)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autofree char *stamp = g_date_time_format (utc, "%Y%m%d%H%M%S");
  g_autofree char *verb = g_strconcat (ferry_feat_has (shared->features, "MFMT") ? "MFMT "
                                                                                  : "MDTM ",
                                       stamp, NULL);
  g_autofree char *command = ferry_command_with_path (verb, remote, NULL);
  g_autoptr (FerryReply) reply = NULL;

  if (command == NULL)
    return FALSE;
  reply = ferry_ctl_command (shared, command, cancellable, NULL);
  if (reply == NULL || ferry_reply_class (reply) != 2)
    {
      ferry_shared_note (shared, _("The server did not take the modification time of “%s”."),
                         remote);
      return FALSE;
    }
  return TRUE;
}

gboolean
ferry_op_upload (FerrySessionShared *shared,
                 FerryTransfer      *transfer,
                 GCancellable       *cancellable,
                 GError            **error)
{
  const char *remote = ferry_transfer_get_remote_path (transfer);
  FerryTransferFlags flags = ferry_transfer_get_flags (transfer);
  g_autofree char *local_path = g_file_get_path (ferry_transfer_get_local_file (transfer));
  g_autofree char *renamed_remote = NULL;
  g_autofree char *command = NULL;
  g_autofree char *buffer = NULL;
  FerryDataInfo info = { 0 };
  FerryConn *data;
  gint64 offset = 0, size_after;
  gboolean ok = TRUE;
  gboolean target_new = FALSE;
  struct stat st;
  int fd;

  if (local_path == NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                           _("Uploads need a local file on this computer."));
      return FALSE;
    }
  fd = g_open (local_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_local_error (error, errno, _("Opening"), local_path);
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL, _("“%s” is not a regular file."),
                   local_path);
      close (fd);
      return FALSE;
    }

  if (!ferry_ctl_set_type (shared, 'I', cancellable, error))
    goto fail_fd;
  /* Taken by the first attempt, whatever it does: a retry looks for the target again. */
  target_new = ferry_transfer_take_target_new (transfer);

  {
    /* An earlier attempt chose a new name: this attempt continues it. */
    g_autofree char *renamed = ferry_transfer_dup_renamed_target (transfer);

    if (renamed != NULL)
      {
        remote = renamed_remote = g_steal_pointer (&renamed);
        flags = ferry_exists_action_apply (flags, FERRY_EXISTS_RESUME);
      }
  }

  if (flags & FERRY_TRANSFER_FLAGS_RESUME)
    {
      offset = remote_size (shared, remote, cancellable, error);
      if (offset == -2)
        goto fail_fd;
      if (offset < 0 || offset > st.st_size)
        offset = 0;
    }
  else if (!(flags & FERRY_TRANSFER_FLAGS_OVERWRITE) && !target_new)
    {
      gint64 existing = remote_size (shared, remote, cancellable, error);

      if (existing == -2)
        goto fail_fd;
      if (existing >= 0)
        {
          FerryFileFacts source = { TRUE, st.st_size, st.st_mtime };
          FerryFileFacts target = { TRUE, existing, FERRY_EXISTS_MTIME_UNKNOWN };
          g_autoptr (GDateTime) target_time = remote_mtime (shared, remote, cancellable);

          target.mtime = mtime_or_unknown (target_time);
          switch (decide_exists (shared, transfer, flags, &source, &target))
            {
            case FERRY_EXISTS_SKIP:
              close (fd);
              return skip_existing (shared, transfer, remote);
            case FERRY_EXISTS_RENAME:
              renamed_remote = free_remote_name (shared, remote, cancellable, error);
              if (renamed_remote == NULL)
                goto fail_fd;
              ferry_shared_log (shared, FERRY_LOG_STATUS, _("Uploading “%s” as “%s”."), remote,
                                renamed_remote);
              remote = renamed_remote;
              ferry_transfer_set_renamed_target (transfer, remote);
              break;
            case FERRY_EXISTS_RESUME:
              offset = existing > st.st_size ? 0 : existing;
              break;
            case FERRY_EXISTS_OVERWRITE:
              break;
            default:
              set_exists_error (error, remote, TRUE);
              goto fail_fd;
            }
        }
    }

  if (offset > 0 && (flags & FERRY_TRANSFER_FLAGS_APPEND))
    command = ferry_command_with_path ("APPE", remote, error);
  else
    {
      if (offset > 0)
        {
          gboolean supported = FALSE;

          if (!send_rest (shared, offset, cancellable, &supported, error))
            goto fail_fd;
          if (!supported)
            {
              ferry_shared_note (shared, _("The server cannot resume uploads with REST; "
                                           "sending “%s” from the start."),
                                 remote);
              offset = 0;
            }
        }
      command = ferry_command_with_path ("STOR", remote, error);
    }
  if (command == NULL)
    goto fail_fd;
  if (lseek (fd, offset, SEEK_SET) != offset)
    {
      set_local_error (error, errno, _("Reading"), local_path);
      goto fail_fd;
    }

  ferry_transfer_begin (transfer, offset, st.st_size);
  data = ferry_data_open (shared, command, &info, cancellable, error);
  if (data == NULL)
    goto fail_fd;

  buffer = g_malloc (CHUNK_SIZE);
  for (;;)
    {
      ssize_t n = read (fd, buffer, CHUNK_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_local_error (error, errno, _("Reading"), local_path);
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;
      if (!ferry_conn_send_all (data, buffer, n,
                                ferry_deadline_in (ferry_shared_reply_timeout (shared)),
                                cancellable, error))
        {
          ok = FALSE;
          break;
        }
      ferry_transfer_add_bytes (transfer, n);
    }
  close (fd);

  if (!ok)
    {
      ferry_data_abort (shared, data);
      ferry_data_info_clear (&info);
      return FALSE;
    }
  if (!ferry_data_close_upload (shared, data, cancellable, error) ||
      !ferry_data_finish (shared, &info, _("Uploading"), cancellable, error))
    {
      ferry_data_info_clear (&info);
      return FALSE;
    }
  ferry_data_info_clear (&info);

  /* Trust, but check: the server's size must be the local size. */
  size_after = remote_size (shared, remote, cancellable, error);
  if (size_after == -2)
    return FALSE;
  if (size_after >= 0 && size_after != st.st_size)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_REMOTE,
                   _("The server has %" PRId64 " bytes of “%s”, not %" PRId64
                     "; the upload is incomplete and can be resumed."),
                   size_after, remote, (gint64) st.st_size);
      return FALSE;
    }
  if (flags & FERRY_TRANSFER_FLAGS_PRESERVE_MTIME)
    set_remote_mtime (shared, remote, st.st_mtime, cancellable);
  return TRUE;

fail_fd:
  close (fd);
  return FALSE;
}
