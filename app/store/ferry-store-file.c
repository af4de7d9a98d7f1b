/* ferry-store-file.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-store-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "ferry-error.h"
#include "ferry-store-file.h"

struct _FerryFileLock
{
  int fd;
};

FerryFileLock *
ferry_file_lock_acquire (const char *path,
                         guint       timeout_ms,
                         GError    **error)
{
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gulong pause_us = 2000;
  FerryFileLock *lock;
  int fd;

  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                   _("Could not open the lock file %s: %s. Check that the folder is writable."),
                   lock_path, g_strerror (saved));
      return NULL;
    }

  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      if (saved != EWOULDBLOCK && saved != EINTR)
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                       _("Could not lock %s: %s."), lock_path, g_strerror (saved));
          close (fd);
          return NULL;
        }
      if (g_get_monotonic_time () >= deadline)
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_TIMEOUT,
                       _("Another program has kept %s locked for more than %u seconds. "
                         "Close other Ferry windows or ferry-cli commands and try again."),
                       lock_path, (timeout_ms + 999) / 1000);
          close (fd);
          return NULL;
        }
      g_usleep (pause_us);
      pause_us = MIN (pause_us * 2, 50000);
    }

  lock = g_new0 (FerryFileLock, 1);
  lock->fd = fd;
  return lock;
}

void
ferry_file_lock_release (FerryFileLock *lock)
{
  if (lock == NULL)
    return;
  flock (lock->fd, LOCK_UN);
  close (lock->fd);
  g_free (lock);
}

GKeyFile *
ferry_store_file_parse (const char *data,
                        gsize       length,
                        GError    **error)
{
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  const char *end;

  if (length > FERRY_STORE_FILE_MAX_SIZE)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                   _("it is larger than %u MiB"), FERRY_STORE_FILE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, length, &end))
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL, _("it is not UTF-8 text"));
      return NULL;
    }
  if (!g_key_file_load_from_data (keyfile, data, length,
                                  G_KEY_FILE_KEEP_COMMENTS | G_KEY_FILE_KEEP_TRANSLATIONS,
                                  error))
    return NULL;
  return g_steal_pointer (&keyfile);
}

/* Renames @path to "@path.broken-DATE" (never over an existing file).
 * Returns NULL without an error when @path vanished meanwhile (another
 * process moved it). */
static char *
move_aside (const char *path,
            GError    **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");

  for (guint i = 1; i < 1000; i++)
    {
      g_autofree char *target = i == 1
        ? g_strdup_printf ("%s.broken-%s", path, stamp)
        : g_strdup_printf ("%s.broken-%s-%u", path, stamp, i);

      /* link() fails when the target exists: no backup is ever overwritten. */
      if (link (path, target) == 0)
        {
          if (g_unlink (path) != 0)
            {
              int saved = errno;

              g_unlink (target);
              g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL, _("Could not move %s aside: %s"),
                           path, g_strerror (saved));
              return NULL;
            }
          return g_steal_pointer (&target);
        }
      if (errno == EEXIST)
        continue;
      if (errno == ENOENT)
        return NULL;
      /* No hard links on this file system: rename after checking. */
      if (!g_file_test (target, G_FILE_TEST_EXISTS) && g_rename (path, target) == 0)
        return g_steal_pointer (&target);
      {
        int saved = errno;

        g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL, _("Could not move %s aside: %s"),
                     path, g_strerror (saved));
        return NULL;
      }
    }
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
               _("Could not move %s aside: too many backups already"), path);
  return NULL;
}

static void
stamp_from_stat (const GStatBuf *st,
                 FerryFileStamp *out_stamp)
{
  out_stamp->exists = TRUE;
  out_stamp->device = st->st_dev;
  out_stamp->inode = st->st_ino;
  out_stamp->size = st->st_size;
  out_stamp->mtime_ns = (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000)
                        + st->st_mtim.tv_nsec;
}

void
ferry_file_stamp_get (const char     *path,
                      FerryFileStamp *out_stamp)
{
  GStatBuf st;

  memset (out_stamp, 0, sizeof *out_stamp);
  if (g_stat (path, &st) == 0)
    stamp_from_stat (&st, out_stamp);
}

gboolean
ferry_file_stamp_equal (const FerryFileStamp *a,
                        const FerryFileStamp *b)
{
  if (!a->exists || !b->exists)
    return a->exists == b->exists;
  return a->device == b->device && a->inode == b->inode && a->size == b->size
         && a->mtime_ns == b->mtime_ns;
}

typedef enum
{
  READ_OK,
  READ_MISSING,
  READ_TOO_BIG,
  READ_ERROR,
} ReadStatus;

/* Reads @path through one descriptor, so that @out_stamp is the version read. */
static ReadStatus
read_file (const char     *path,
           char          **out_data,
           gsize          *out_length,
           FerryFileStamp *out_stamp,
           GError        **error)
{
  g_autoptr (GByteArray) bytes = NULL;
  GStatBuf st;
  int fd;

  memset (out_stamp, 0, sizeof *out_stamp);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        return READ_MISSING;
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL, _("Could not read %s: %s."), path,
                   g_strerror (saved));
      return READ_ERROR;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL, _("Could not read %s: %s."), path,
                   g_strerror (saved));
      return READ_ERROR;
    }
  stamp_from_stat (&st, out_stamp);
  if (st.st_size > FERRY_STORE_FILE_MAX_SIZE)
    {
      close (fd);
      return READ_TOO_BIG;
    }

  bytes = g_byte_array_sized_new (st.st_size + 1);
  for (;;)
    {
      guint8 buffer[16384];
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL, _("Could not read %s: %s."), path,
                       g_strerror (saved));
          return READ_ERROR;
        }
      if (n == 0)
        break;
      g_byte_array_append (bytes, buffer, n);
      if (bytes->len > FERRY_STORE_FILE_MAX_SIZE)
        {
          close (fd);
          return READ_TOO_BIG;
        }
    }
  close (fd);

  *out_length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *out_data = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return READ_OK;
}

GKeyFile *
ferry_store_file_load (const char     *path,
                       const char     *what,
                       gboolean        lock_held,
                       FerryFileStamp *out_stamp,
                       char          **out_problem,
                       GError        **error)
{
  g_autoptr (FerryFileLock) lock = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GError) parse_error = NULL;
  g_autofree char *moved_to = NULL;
  FerryFileStamp stamp, now;

  if (out_problem != NULL)
    *out_problem = NULL;
  if (out_stamp != NULL)
    memset (out_stamp, 0, sizeof *out_stamp);

  for (guint attempt = 0;; attempt++)
    {
      g_autofree char *data = NULL;
      gsize length = 0;
      GKeyFile *keyfile;

      switch (read_file (path, &data, &length, &stamp, error))
        {
        case READ_MISSING:
          return g_key_file_new ();
        case READ_ERROR:
          return NULL;
        case READ_TOO_BIG:
          g_clear_error (&parse_error);
          g_set_error (&parse_error, FERRY_ERROR, FERRY_ERROR_LOCAL, _("it is larger than %u MiB"),
                       FERRY_STORE_FILE_MAX_SIZE / (1024 * 1024));
          break;
        case READ_OK:
          g_clear_error (&parse_error);
          keyfile = ferry_store_file_parse (data, length, &parse_error);
          if (keyfile != NULL)
            {
              if (out_stamp != NULL)
                *out_stamp = stamp;
              return keyfile;
            }
          break;
        }

      /* Broken. Move it aside under the lock, unless another process replaced
       * it meanwhile: then read the new version. */
      if (lock_held)
        break;
      if (lock == NULL)
        {
          lock = ferry_file_lock_acquire (path, FERRY_STORE_FILE_LOCK_TIMEOUT_MS, error);
          if (lock == NULL)
            return NULL;
        }
      ferry_file_stamp_get (path, &now);
      if (ferry_file_stamp_equal (&now, &stamp) || attempt >= 2)
        break;
    }

  moved_to = move_aside (path, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (moved_to == NULL)
    return g_key_file_new ();

  if (out_problem != NULL)
    *out_problem = g_strdup_printf (_("%s in %s could not be read (%s). The file was kept as %s "
                                      "and Ferry starts a new one; you can repair the old file "
                                      "or copy entries from it."),
                                    what, path, parse_error->message, moved_to);
  return g_key_file_new ();
}

gboolean
ferry_store_file_save (const char *path,
                       GKeyFile   *keyfile,
                       GError    **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize length = 0;

  data = g_key_file_to_data (keyfile, &length, NULL);
  if (!g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                   _("Could not save %s: %s. Check free disk space and permissions."), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
