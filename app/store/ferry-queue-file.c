/* ferry-queue-file.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading and writing queue.ini (see ferry-queue-file.h). Pure key-file
 * code plus one atomic write through ferry-store-file.c: callers run it off
 * the UI thread.
 */
#define G_LOG_DOMAIN "ferry-queue-file"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ferry-config-paths.h"
#include "ferry-queue-file.h"
#include "ferry-store-file.h"
#include "ferry-url.h"

#define GROUP_PREFIX "transfer-"

/* The flags a saved item may carry: the known ones. */
#define KNOWN_FLAGS                                                            \
  (FERRY_TRANSFER_FLAGS_OVERWRITE | FERRY_TRANSFER_FLAGS_RESUME |              \
   FERRY_TRANSFER_FLAGS_PRESERVE_MTIME | FERRY_TRANSFER_FLAGS_APPEND |         \
   FERRY_TRANSFER_FLAGS_SKIP_EXISTING | FERRY_TRANSFER_FLAGS_RENAME |          \
   FERRY_TRANSFER_FLAGS_NEWER)

FerryQueueItem *
ferry_queue_item_new (void)
{
  FerryQueueItem *item = g_new0 (FerryQueueItem, 1);

  item->size = -1;
  item->done = -1;
  return item;
}

void
ferry_queue_item_free (FerryQueueItem *item)
{
  if (item == NULL)
    return;
  g_free (item->site_id);
  g_free (item->url);
  g_free (item->local_path);
  g_free (item->remote_path);
  g_free (item->renamed_path);
  g_free (item);
}

FerryQueueItem *
ferry_queue_item_new_for_transfer (FerryTransfer *transfer,
                                   const char    *site_id,
                                   const char    *url)
{
  FerryQueueItem *item;
  gint64 total;

  g_return_val_if_fail (FERRY_IS_TRANSFER (transfer), NULL);

  item = ferry_queue_item_new ();
  item->site_id = g_strdup (site_id);
  item->url = site_id == NULL ? g_strdup (url) : NULL;
  item->direction = ferry_transfer_get_direction (transfer);
  item->is_folder = ferry_transfer_get_is_folder (transfer);
  item->local_path = g_file_get_path (ferry_transfer_get_local_file (transfer));
  item->remote_path = g_strdup (ferry_transfer_get_remote_path (transfer));
  total = ferry_transfer_get_total (transfer);
  item->size = total >= 0 ? total : ferry_transfer_get_listed_size (transfer);
  item->flags = ferry_transfer_get_flags (transfer) & KNOWN_FLAGS;
  if (!item->is_folder)
    {
      item->done = ferry_transfer_get_bytes_done (transfer);
      item->renamed_path = ferry_transfer_dup_renamed_target (transfer);
    }
  /* An upload that sent bytes wrote the file on the server: it continues it. */
  if (!item->is_folder && item->direction == FERRY_TRANSFER_UPLOAD &&
      ferry_transfer_get_bytes_done (transfer) > 0 && !(item->flags & FERRY_TRANSFER_FLAGS_RENAME))
    item->flags = (item->flags & ~(FERRY_TRANSFER_FLAGS_OVERWRITE |
                                   FERRY_TRANSFER_FLAGS_SKIP_EXISTING |
                                   FERRY_TRANSFER_FLAGS_NEWER)) | FERRY_TRANSFER_FLAGS_RESUME;
  return item;
}

/* What was begun continues, without guessing. A file download resumes its
 * NAME.part when there is one (the .part is always this transfer's; an
 * existing NAME without one is not). An upload resumes when the saved flags
 * say so (ferry_queue_item_new_for_transfer: it had sent bytes). Folders keep
 * their flags: a file in them that exists is decided again, never appended to. */
/* The size of a download's .part (of its renamed target when there is
 * one), or -1 when there is none. */
static gint64
part_size (const FerryQueueItem *item)
{
  g_autofree char *part = NULL;
  GStatBuf st;

  if (item->is_folder || item->direction != FERRY_TRANSFER_DOWNLOAD)
    return -1;
  part = g_strconcat (item->renamed_path ? item->renamed_path : item->local_path, ".part", NULL);
  if (g_stat (part, &st) != 0 || !S_ISREG (st.st_mode))
    return -1;
  return st.st_size;
}

static FerryTransferFlags
restored_flags (const FerryQueueItem *item,
                gint64                part)
{
  /* A renamed target: the engine continues it (RESUME) by itself. */
  if (item->is_folder || item->direction != FERRY_TRANSFER_DOWNLOAD ||
      (item->flags & FERRY_TRANSFER_FLAGS_RENAME) || part < 0)
    return item->flags;
  return (item->flags & ~(FERRY_TRANSFER_FLAGS_OVERWRITE | FERRY_TRANSFER_FLAGS_SKIP_EXISTING |
                          FERRY_TRANSFER_FLAGS_NEWER)) | FERRY_TRANSFER_FLAGS_RESUME;
}

FerryTransfer *
ferry_queue_item_to_transfer (const FerryQueueItem *item)
{
  g_autoptr (GFile) local = NULL;
  FerryTransfer *transfer;
  gint64 part, done;

  g_return_val_if_fail (item != NULL && item->local_path != NULL && item->remote_path, NULL);

  part = part_size (item);
  local = g_file_new_for_path (item->local_path);
  transfer = ferry_transfer_new (item->direction, item->remote_path, local, item->is_folder,
                                 restored_flags (item, part));
  if (!item->is_folder && item->direction == FERRY_TRANSFER_DOWNLOAD && item->size >= 0)
    ferry_transfer_set_listed_size (transfer, item->size);
  if (item->is_folder)
    return transfer;
  if (item->renamed_path != NULL)
    ferry_transfer_set_renamed_target (transfer, item->renamed_path);
  /* What is there already, shown until it resumes (the attempt then
   * reports what the server says). */
  done = item->direction == FERRY_TRANSFER_DOWNLOAD ? part : item->done;
  if (done > 0 || item->size >= 0)
    ferry_transfer_begin (transfer, MAX (done, 0),
                          item->size >= 0 ? MAX (item->size, done) : -1);
  return transfer;
}

/* ---- validation ---- */

/* Absolute, normalised, at most FERRY_QUEUE_FILE_MAX_PATH bytes, no NUL or
 * control characters (a CR or LF in a remote path would end an FTP command). */
static const char *
path_problem (const char *path,
              gsize       length)
{
  const char *part;

  if (length == 0 || path[0] != '/')
    return "the path is not absolute";
  if (length > FERRY_QUEUE_FILE_MAX_PATH)
    return "the path is too long";
  for (gsize i = 0; i < length; i++)
    if ((guchar) path[i] < 0x20 || (guchar) path[i] == 0x7f)
      return "the path holds a control character";
  if (length == 1)
    return NULL;
  for (part = path + 1; part != NULL;)
    {
      const char *slash = strchr (part, '/');
      gsize n = slash ? (gsize) (slash - part) : strlen (part);

      if (n == 0 && slash != NULL)
        return "the path has an empty part";
      if ((n == 1 && part[0] == '.') || (n == 2 && part[0] == '.' && part[1] == '.'))
        return "the path has a “.” or “..” part";
      part = slash ? slash + 1 : NULL;
    }
  return NULL;
}

static gboolean
site_id_ok (const char *id)
{
  gsize n = strlen (id);

  if (n == 0 || n > 64)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (id[i]) && id[i] != '-')
      return FALSE;
  return TRUE;
}

/* NULL when @item may be saved and loaded, else what is wrong. */
static const char *
item_problem (const FerryQueueItem *item)
{
  const char *problem;

  if ((item->site_id == NULL) == (item->url == NULL))
    return "it names neither a site nor an address, or both";
  if (item->site_id != NULL && !site_id_ok (item->site_id))
    return "the site id is not valid";
  if (item->url != NULL)
    {
      g_autoptr (FerryUrl) url = NULL;

      if (strlen (item->url) > FERRY_QUEUE_FILE_MAX_URL)
        return "the address is too long";
      /* ferry_url_parse refuses an address with a password. */
      url = ferry_url_parse (item->url, NULL);
      if (url == NULL)
        return "the address is not valid (or holds a password)";
    }
  if (item->direction != FERRY_TRANSFER_DOWNLOAD && item->direction != FERRY_TRANSFER_UPLOAD)
    return "the direction is not valid";
  if (item->local_path == NULL || item->remote_path == NULL)
    return "a path is missing";
  if ((problem = path_problem (item->local_path, strlen (item->local_path))) != NULL)
    return problem;
  if ((problem = path_problem (item->remote_path, strlen (item->remote_path))) != NULL)
    return problem;
  if (item->remote_path[1] == '\0' || item->local_path[1] == '\0')
    return "a path is the root folder";
  if (item->size < -1)
    return "the size is not valid";
  if (item->flags & ~KNOWN_FLAGS)
    return "the flags are not valid";
  if (item->done < -1)
    return "the bytes done are not valid";
  if (item->renamed_path != NULL &&
      ((problem = path_problem (item->renamed_path, strlen (item->renamed_path))) != NULL ||
       item->renamed_path[1] == '\0' || item->is_folder))
    return problem != NULL ? problem : "a renamed target is not valid";
  return NULL;
}

/* ---- key file ---- */

static char *
encode_path (const char *path)
{
  /* Everything but unreserved characters and '/' is %XX: bytes that are
   * not UTF-8 survive, and the file stays readable. */
  return g_uri_escape_bytes ((const guint8 *) path, strlen (path), "/");
}

/* The bytes of @text, or NULL (with @problem) when they are not a path. */
static char *
decode_path (const char  *text,
             const char **problem)
{
  g_autoptr (GBytes) bytes = NULL;
  gsize length;
  const char *data;

  if (strlen (text) > FERRY_QUEUE_FILE_MAX_PATH * 3)
    {
      *problem = "the path is too long";
      return NULL;
    }
  bytes = g_uri_unescape_bytes (text, -1, NULL, NULL);
  if (bytes == NULL)
    {
      *problem = "a path is not percent-encoded properly";
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  if (length == 0 || memchr (data, '\0', length) != NULL)
    {
      *problem = "a path is empty or holds a NUL byte";
      return NULL;
    }
  if ((*problem = path_problem (data, length)) != NULL)
    return NULL;
  return g_strndup (data, length);
}

GKeyFile *
ferry_queue_file_to_keyfile (GPtrArray *items)
{
  GKeyFile *keyfile = g_key_file_new ();
  guint n = 0;

  g_return_val_if_fail (items != NULL, keyfile);

  for (guint i = 0; i < items->len && n < FERRY_QUEUE_FILE_MAX_ITEMS; i++)
    {
      const FerryQueueItem *item = g_ptr_array_index (items, i);
      const char *problem = item_problem (item);
      g_autofree char *group = NULL;
      g_autofree char *local = NULL;
      g_autofree char *remote = NULL;

      if (problem != NULL)
        {
          g_message ("A transfer is not saved in the queue: %s.", problem);
          continue;
        }
      group = g_strdup_printf (GROUP_PREFIX "%u", ++n);
      if (item->site_id != NULL)
        g_key_file_set_string (keyfile, group, "site", item->site_id);
      else
        g_key_file_set_string (keyfile, group, "url", item->url);
      g_key_file_set_string (keyfile, group, "direction",
                             item->direction == FERRY_TRANSFER_UPLOAD ? "upload" : "download");
      g_key_file_set_boolean (keyfile, group, "folder", item->is_folder);
      local = encode_path (item->local_path);
      remote = encode_path (item->remote_path);
      g_key_file_set_string (keyfile, group, "local", local);
      g_key_file_set_string (keyfile, group, "remote", remote);
      g_key_file_set_int64 (keyfile, group, "size", item->size);
      g_key_file_set_integer (keyfile, group, "flags", (int) item->flags);
      if (item->done >= 0)
        g_key_file_set_int64 (keyfile, group, "done", item->done);
      if (item->renamed_path != NULL)
        {
          g_autofree char *renamed = encode_path (item->renamed_path);

          g_key_file_set_string (keyfile, group, "renamed", renamed);
        }
    }
  return keyfile;
}

/* One group, or NULL with @problem. */
static FerryQueueItem *
read_item (GKeyFile    *keyfile,
           const char  *group,
           const char **problem)
{
  g_autoptr (FerryQueueItem) item = ferry_queue_item_new ();
  g_autofree char *direction = NULL;
  g_autofree char *local = NULL;
  g_autofree char *remote = NULL;
  g_autofree char *size = NULL;
  g_autofree char *flags = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *done = NULL;
  g_autofree char *renamed = NULL;
  g_autoptr (GError) error = NULL;
  char *end = NULL;
  gint64 value;

  item->site_id = g_key_file_get_string (keyfile, group, "site", NULL);
  item->url = g_key_file_get_string (keyfile, group, "url", NULL);
  direction = g_key_file_get_string (keyfile, group, "direction", NULL);
  local = g_key_file_get_string (keyfile, group, "local", NULL);
  remote = g_key_file_get_string (keyfile, group, "remote", NULL);
  size = g_key_file_get_string (keyfile, group, "size", NULL);
  flags = g_key_file_get_string (keyfile, group, "flags", NULL);
  folder = g_key_file_get_string (keyfile, group, "folder", NULL);
  done = g_key_file_get_string (keyfile, group, "done", NULL);
  renamed = g_key_file_get_string (keyfile, group, "renamed", NULL);
  if (direction == NULL || local == NULL || remote == NULL || size == NULL || flags == NULL ||
      folder == NULL)
    {
      *problem = "a key is missing or not UTF-8";
      return NULL;
    }
  if (g_str_equal (direction, "download"))
    item->direction = FERRY_TRANSFER_DOWNLOAD;
  else if (g_str_equal (direction, "upload"))
    item->direction = FERRY_TRANSFER_UPLOAD;
  else
    {
      *problem = "the direction is neither download nor upload";
      return NULL;
    }
  if (g_str_equal (folder, "true"))
    item->is_folder = TRUE;
  else if (!g_str_equal (folder, "false"))
    {
      *problem = "folder is neither true nor false";
      return NULL;
    }
  errno = 0;
  value = g_ascii_strtoll (size, &end, 10);
  if (errno != 0 || end == size || *end != '\0' || value < -1)
    {
      *problem = "the size is not a number of bytes";
      return NULL;
    }
  item->size = value;
  errno = 0;
  value = g_ascii_strtoll (flags, &end, 10);
  if (errno != 0 || end == flags || *end != '\0' || value < 0 || (value & ~(gint64) KNOWN_FLAGS))
    {
      *problem = "the flags are not valid";
      return NULL;
    }
  item->flags = (FerryTransferFlags) value;
  if (done != NULL)
    {
      errno = 0;
      value = g_ascii_strtoll (done, &end, 10);
      if (errno != 0 || end == done || *end != '\0' || value < -1)
        {
          *problem = "done is not a number of bytes";
          return NULL;
        }
      item->done = value;
    }
  if ((item->local_path = decode_path (local, problem)) == NULL ||
      (item->remote_path = decode_path (remote, problem)) == NULL ||
      (renamed != NULL && (item->renamed_path = decode_path (renamed, problem)) == NULL))
    return NULL;
  if ((*problem = item_problem (item)) != NULL)
    return NULL;
  return g_steal_pointer (&item);
}

GPtrArray *
ferry_queue_file_from_keyfile (GKeyFile *keyfile,
                               guint    *out_skipped)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) ferry_queue_item_free);
  g_auto (GStrv) groups = g_key_file_get_groups (keyfile, NULL);
  guint skipped = 0;

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *problem = NULL;
      FerryQueueItem *item;

      if (items->len >= FERRY_QUEUE_FILE_MAX_ITEMS)
        {
          skipped++;
          continue;
        }
      if (!g_str_has_prefix (groups[i], GROUP_PREFIX))
        {
          g_message ("queue.ini: [%.64s] skipped: not a transfer.", groups[i]);
          skipped++;
          continue;
        }
      item = read_item (keyfile, groups[i], &problem);
      if (item == NULL)
        {
          g_message ("queue.ini: [%.64s] skipped: %s.", groups[i], problem);
          skipped++;
          continue;
        }
      g_ptr_array_add (items, item);
    }
  if (out_skipped != NULL)
    *out_skipped = skipped;
  return items;
}

/* ---- the file ---- */

static char *
resolve_path (const char *path,
              GError    **error)
{
  if (path != NULL)
    return g_strdup (path);
  return ferry_data_path ("queue.ini", TRUE, error);
}

gboolean
ferry_queue_file_save (const char *path,
                       GPtrArray  *items,
                       GError    **error)
{
  g_autofree char *file = resolve_path (path, error);
  g_autoptr (GKeyFile) keyfile = NULL;
  g_auto (GStrv) groups = NULL;

  g_return_val_if_fail (items != NULL, FALSE);

  if (file == NULL)
    return FALSE;
  keyfile = ferry_queue_file_to_keyfile (items);
  groups = g_key_file_get_groups (keyfile, NULL);
  if (groups[0] == NULL)
    {
      /* Nothing unfinished: no file. */
      if (g_unlink (file) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Could not remove “%s”: %s."), file, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }
  return ferry_store_file_save (file, keyfile, error);
}

GPtrArray *
ferry_queue_file_load (const char *path,
                       guint      *out_skipped,
                       char      **out_problem,
                       GError    **error)
{
  g_autofree char *file = resolve_path (path, error);
  g_autoptr (GKeyFile) keyfile = NULL;

  if (out_skipped != NULL)
    *out_skipped = 0;
  if (file == NULL)
    return NULL;
  keyfile = ferry_store_file_load (file, "The transfer queue", FALSE, NULL, out_problem, error);
  if (keyfile == NULL)
    return NULL;
  return ferry_queue_file_from_keyfile (keyfile, out_skipped);
}
