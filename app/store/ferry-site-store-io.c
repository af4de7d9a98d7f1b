/* ferry-site-store-io.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerrySiteStore and sites.ini: the file format, loading, and saving by
 * re-reading under the lock, applying this store's changes and writing
 * atomically.
 */
#define G_LOG_DOMAIN "ferry-site-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-site-store-private.h"
#include "ferry-store-file.h"

#define META_GROUP "Ferry"
#define FILE_VERSION 1
#define WHAT "Your site list"

/* The file format ---------------------------------------------------------- */

static const char *
data_protection_to_string (FerryDataProtection protection)
{
  return protection == FERRY_DATA_PROTECTION_CLEAR ? "clear" : "private";
}

static const char *
transfer_mode_to_string (FerryTransferMode mode)
{
  return mode == FERRY_TRANSFER_MODE_ACTIVE ? "active" : "passive";
}

static const char *
tls_version_to_string (FerryTlsVersion version)
{
  return version == FERRY_TLS_VERSION_1_3 ? "1.3" : "1.2";
}

char *
_ferry_site_store_folder_group (const char *path)
{
  g_autofree char *escaped = g_uri_escape_string (path, "!$&'()*+,;=:@/ ", TRUE);

  return g_strconcat (FERRY_SITE_STORE_FOLDER_GROUP_PREFIX, escaped, NULL);
}

static void
site_write_group (FerrySite *site,
                  GKeyFile  *keyfile)
{
  const char *group = ferry_site_get_id (site);

  g_key_file_set_string (keyfile, group, "name", ferry_site_get_name (site));
  g_key_file_set_string (keyfile, group, "folder", ferry_site_get_folder (site));
  g_key_file_set_string (keyfile, group, "host", ferry_site_get_host (site));
  g_key_file_set_integer (keyfile, group, "port", ferry_site_get_port (site));
  g_key_file_set_string (keyfile, group, "logon",
                         ferry_logon_type_to_string (ferry_site_get_logon_type (site)));
  g_key_file_set_string (keyfile, group, "user", ferry_site_get_user (site));
  g_key_file_set_string (keyfile, group, "security",
                         ferry_security_mode_to_string (ferry_site_get_security (site)));
  g_key_file_set_string (keyfile, group, "data-protection",
                         data_protection_to_string (ferry_site_get_data_protection (site)));
  g_key_file_set_string (keyfile, group, "transfer-mode",
                         transfer_mode_to_string (ferry_site_get_transfer_mode (site)));
  g_key_file_set_boolean (keyfile, group, "ccc", ferry_site_get_use_ccc (site));
  g_key_file_set_string (keyfile, group, "min-tls",
                         tls_version_to_string (ferry_site_get_min_tls (site)));
  g_key_file_set_string (keyfile, group, "remote-dir", ferry_site_get_remote_dir (site));
  g_key_file_set_string (keyfile, group, "local-dir", ferry_site_get_local_dir (site));
  g_key_file_set_string (keyfile, group, "charset",
                         ferry_site_get_charset (site) ? ferry_site_get_charset (site) : "");
  g_key_file_set_integer (keyfile, group, "timezone-offset",
                          ferry_site_get_timezone_offset (site));
  g_key_file_set_string (keyfile, group, "server-type",
                         ferry_server_type_to_string (ferry_site_get_server_type (site)));
  g_key_file_set_string (keyfile, group, "comments", ferry_site_get_comments (site));
  g_key_file_set_integer (keyfile, group, "parallel-transfers",
                          ferry_site_get_parallel_transfers (site));
}

static char *
read_string (GKeyFile   *keyfile,
             const char *group,
             const char *key)
{
  char *value = g_key_file_get_string (keyfile, group, key, NULL);

  return value ? value : g_strdup ("");
}

static int
read_int (GKeyFile   *keyfile,
          const char *group,
          const char *key,
          int         min,
          int         max,
          int         fallback)
{
  g_autoptr (GError) error = NULL;
  int value = g_key_file_get_integer (keyfile, group, key, &error);

  if (error != NULL || value < min || value > max)
    return fallback;
  return value;
}

/* Missing or unknown values read as the defaults. */
static void
site_read_group (FerrySite  *site,
                 GKeyFile   *keyfile,
                 const char *group)
{
  g_autofree char *name = read_string (keyfile, group, "name");
  g_autofree char *folder = read_string (keyfile, group, "folder");
  g_autofree char *host = read_string (keyfile, group, "host");
  g_autofree char *logon = read_string (keyfile, group, "logon");
  g_autofree char *user = read_string (keyfile, group, "user");
  g_autofree char *security = read_string (keyfile, group, "security");
  g_autofree char *protection = read_string (keyfile, group, "data-protection");
  g_autofree char *transfer = read_string (keyfile, group, "transfer-mode");
  g_autofree char *min_tls = read_string (keyfile, group, "min-tls");
  g_autofree char *remote_dir = read_string (keyfile, group, "remote-dir");
  g_autofree char *local_dir = read_string (keyfile, group, "local-dir");
  g_autofree char *charset = read_string (keyfile, group, "charset");
  g_autofree char *comments = read_string (keyfile, group, "comments");
  g_autofree char *server_type_name = read_string (keyfile, group, "server-type");
  FerryLogonType logon_type = FERRY_LOGON_NORMAL;
  FerrySecurityMode mode = FERRY_SECURITY_AUTO;
  FerryServerType server_type = FERRY_SERVER_TYPE_AUTO;

  ferry_logon_type_from_string (logon, &logon_type);
  ferry_security_mode_from_string (security, &mode);
  /* A name a newer Ferry or a hand edit wrote: automatic reads every format. */
  if (*server_type_name != '\0'
      && !ferry_server_type_from_string (server_type_name, &server_type))
    g_debug ("Site %s: unknown server type “%s”, reading listings automatically",
             group, server_type_name);

  g_object_freeze_notify (G_OBJECT (site));
  ferry_site_set_name (site, name);
  ferry_site_set_folder (site, folder);
  ferry_site_set_host (site, host);
  ferry_site_set_port (site, read_int (keyfile, group, "port", 0, G_MAXUINT16, 0));
  ferry_site_set_logon_type (site, logon_type);
  ferry_site_set_user (site, user);
  ferry_site_set_security (site, mode);
  ferry_site_set_data_protection (site, g_strcmp0 (protection, "clear") == 0
                                          ? FERRY_DATA_PROTECTION_CLEAR
                                          : FERRY_DATA_PROTECTION_PRIVATE);
  ferry_site_set_transfer_mode (site, g_strcmp0 (transfer, "active") == 0
                                        ? FERRY_TRANSFER_MODE_ACTIVE
                                        : FERRY_TRANSFER_MODE_PASSIVE);
  ferry_site_set_use_ccc (site, g_key_file_get_boolean (keyfile, group, "ccc", NULL));
  ferry_site_set_min_tls (site, g_strcmp0 (min_tls, "1.3") == 0 ? FERRY_TLS_VERSION_1_3
                                                                 : FERRY_TLS_VERSION_1_2);
  ferry_site_set_remote_dir (site, remote_dir);
  ferry_site_set_local_dir (site, local_dir);
  ferry_site_set_charset (site, charset);
  ferry_site_set_timezone_offset (site, read_int (keyfile, group, "timezone-offset",
                                                  -FERRY_SITE_MAX_TIMEZONE_OFFSET,
                                                  FERRY_SITE_MAX_TIMEZONE_OFFSET, 0));
  ferry_site_set_server_type (site, server_type);
  ferry_site_set_comments (site, comments);
  ferry_site_set_parallel_transfers (site, read_int (keyfile, group, "parallel-transfers", 0,
                                                     FERRY_SITE_MAX_PARALLEL_TRANSFERS, 0));
  g_object_thaw_notify (G_OBJECT (site));
}

/* Takes in what the file holds: sites and folders that others added, edited
 * or deleted; local changes not saved yet stay. */
void
_ferry_site_store_apply_keyfile (FerrySiteStore *self,
                                 GKeyFile       *keyfile)
{
  g_auto (GStrv) groups = g_key_file_get_groups (keyfile, NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint old_len = self->sites->len;
  guint added;

  self->applying = TRUE;
  g_hash_table_remove_all (self->folders);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];
      FerrySite *site;

      if (g_str_has_prefix (group, FERRY_SITE_STORE_FOLDER_GROUP_PREFIX))
        {
          g_autofree char *raw = g_key_file_get_string (keyfile, group, "path", NULL);
          g_autofree char *path = NULL;

          if (raw == NULL)
            raw = g_uri_unescape_string (group + strlen (FERRY_SITE_STORE_FOLDER_GROUP_PREFIX),
                                         NULL);
          /* An escape that is not UTF-8 ("[Folder Work%87]") names no folder. */
          if (raw == NULL || !g_utf8_validate (raw, -1, NULL))
            continue;
          path = ferry_folder_path_normalize (raw);
          if (*path != '\0')
            g_hash_table_add (self->folders, g_steal_pointer (&path));
          continue;
        }
      if (!g_uuid_string_is_valid (group))
        continue;  /* The metadata group, or something a newer Ferry wrote. */

      g_hash_table_add (seen, (gpointer) group);
      if (g_hash_table_contains (self->removed, group))
        continue;
      site = g_hash_table_lookup (self->by_id, group);
      if (site == NULL)
        {
          g_autoptr (FerrySite) new_site = ferry_site_new_with_id (group);

          site_read_group (new_site, keyfile, group);
          _ferry_site_store_append_site (self, new_site);
        }
      else if (!g_hash_table_contains (self->dirty, group))
        site_read_group (site, keyfile, group);
    }

  added = self->sites->len - old_len;
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, added);

  for (guint i = old_len; i > 0; i--)
    {
      FerrySite *site = g_ptr_array_index (self->sites, i - 1);
      const char *id = ferry_site_get_id (site);

      if (!g_hash_table_contains (seen, id) && !g_hash_table_contains (self->dirty, id))
        _ferry_site_store_remove_site_at (self, i - 1);
    }

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->folders_added);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_add (self->folders, g_strdup (key));
    g_hash_table_iter_init (&iter, self->folders_removed);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_remove (self->folders, key);
  }

  self->applying = FALSE;
  _ferry_site_store_emit_folders_changed (self);
}

/* Forgets the changes in @snapshot that were not made again since. */
static void
unmark_saved (GHashTable *table,
              GHashTable *snapshot)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, snapshot);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_lookup (table, key) == value)
      g_hash_table_remove (table, key);
}

static GHashTable *
copy_marks (GHashTable *table)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), value);
  return copy;
}

/* Load --------------------------------------------------------------------- */

typedef struct
{
  GKeyFile *keyfile;
  char *problem;
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_pointer (&result->keyfile, g_key_file_unref);
  g_free (result->problem);
  g_free (result);
}

static LoadResult *
load_file (const char *path,
           GError    **error)
{
  LoadResult *result = g_new0 (LoadResult, 1);

  result->keyfile = ferry_store_file_load (path, WHAT, FALSE, NULL, &result->problem, error);
  if (result->keyfile == NULL)
    {
      load_result_free (result);
      return NULL;
    }
  return result;
}

/* Takes @result. */
static void
finish_load (FerrySiteStore *self,
             LoadResult     *result,
             char          **out_problem)
{
  _ferry_site_store_apply_keyfile (self, result->keyfile);
  if (out_problem != NULL)
    *out_problem = g_steal_pointer (&result->problem);
  load_result_free (result);
}

gboolean
ferry_site_store_load (FerrySiteStore *self,
                       char          **out_problem,
                       GError        **error)
{
  LoadResult *result;

  g_return_val_if_fail (FERRY_IS_SITE_STORE (self), FALSE);

  if (out_problem != NULL)
    *out_problem = NULL;
  result = load_file (self->path, error);
  if (result == NULL)
    return FALSE;
  finish_load (self, result, out_problem);
  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  LoadResult *result = load_file (task_data, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, load_result_free);
}

static void
load_thread_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  FerrySiteStore *self = FERRY_SITE_STORE (source);
  GError *error = NULL;
  LoadResult *loaded = g_task_propagate_pointer (G_TASK (result), &error);
  char *problem = NULL;

  if (loaded == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  finish_load (self, loaded, &problem);
  g_task_return_pointer (task, problem ? problem : g_strdup (""), g_free);
}

void
ferry_site_store_load_async (FerrySiteStore     *self,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_autoptr (GTask) thread_task = NULL;
  GTask *task;

  g_return_if_fail (FERRY_IS_SITE_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_site_store_load_async);

  thread_task = g_task_new (self, cancellable, load_thread_done_cb, task);
  g_task_set_source_tag (thread_task, load_thread);
  g_task_set_task_data (thread_task, g_strdup (self->path), g_free);
  g_task_run_in_thread (thread_task, load_thread);
}

gboolean
ferry_site_store_load_finish (FerrySiteStore *self,
                              GAsyncResult   *result,
                              char          **out_problem,
                              GError        **error)
{
  g_autofree char *problem = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (out_problem != NULL)
    *out_problem = NULL;
  problem = g_task_propagate_pointer (G_TASK (result), error);
  if (problem == NULL)
    return FALSE;
  if (out_problem != NULL && *problem != '\0')
    *out_problem = g_steal_pointer (&problem);
  return TRUE;
}

/* Save --------------------------------------------------------------------- */

typedef struct
{
  char *path;
  GKeyFile *changes;       /* the groups of changed sites and added folders */
  GHashTable *dirty;       /* snapshots of the marks */
  GHashTable *removed;
  GHashTable *folders_added;
  GHashTable *folders_removed;
  GKeyFile *merged;        /* the result */
  gboolean file_broken;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_free (job->path);
  g_clear_pointer (&job->changes, g_key_file_unref);
  g_clear_pointer (&job->dirty, g_hash_table_unref);
  g_clear_pointer (&job->removed, g_hash_table_unref);
  g_clear_pointer (&job->folders_added, g_hash_table_unref);
  g_clear_pointer (&job->folders_removed, g_hash_table_unref);
  g_clear_pointer (&job->merged, g_key_file_unref);
  g_free (job);
}

static SaveJob *
save_job_new (FerrySiteStore *self)
{
  SaveJob *job = g_new0 (SaveJob, 1);
  GHashTableIter iter;
  gpointer key;

  job->path = g_strdup (self->path);
  job->changes = g_key_file_new ();
  job->dirty = copy_marks (self->dirty);
  job->removed = copy_marks (self->removed);
  job->folders_added = copy_marks (self->folders_added);
  job->folders_removed = copy_marks (self->folders_removed);

  g_hash_table_iter_init (&iter, job->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      FerrySite *site = g_hash_table_lookup (self->by_id, key);

      if (site != NULL)
        site_write_group (site, job->changes);
    }
  g_hash_table_iter_init (&iter, job->folders_added);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *group = _ferry_site_store_folder_group (key);

      g_key_file_set_string (job->changes, group, "path", key);
    }
  return job;
}

/* Any thread: lock, re-read, apply the changes, write atomically. */
static gboolean
save_job_run (SaveJob *job,
              GError **error)
{
  g_autoptr (FerryFileLock) lock = NULL;
  g_autoptr (GKeyFile) disk = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *dir = NULL;
  g_auto (GStrv) groups = NULL;
  g_autoptr (GError) local_error = NULL;
  GHashTableIter iter;
  gpointer key;

  dir = g_path_get_dirname (job->path);
  g_mkdir_with_parents (dir, 0700);
  lock = ferry_file_lock_acquire (job->path, FERRY_STORE_FILE_LOCK_TIMEOUT_MS, error);
  if (lock == NULL)
    return FALSE;

  disk = ferry_store_file_load (job->path, WHAT, TRUE, NULL, &problem, error);
  if (disk == NULL)
    return FALSE;
  if (problem != NULL)
    {
      job->file_broken = TRUE;
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                   _("%s Your changes were not saved yet: save again to write all your sites "
                     "to a new file."), problem);
      return FALSE;
    }

  groups = g_key_file_get_groups (job->changes, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto (GStrv) keys = g_key_file_get_keys (job->changes, groups[i], NULL, NULL);

      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          g_autofree char *value = g_key_file_get_value (job->changes, groups[i], keys[k], NULL);

          g_key_file_set_value (disk, groups[i], keys[k], value);
        }
    }

  g_hash_table_iter_init (&iter, job->removed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_key_file_remove_group (disk, key, NULL);
  g_hash_table_iter_init (&iter, job->folders_removed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *group = _ferry_site_store_folder_group (key);

      g_key_file_remove_group (disk, group, NULL);
    }

  if (!g_key_file_has_key (disk, META_GROUP, "version", NULL))
    g_key_file_set_integer (disk, META_GROUP, "version", FILE_VERSION);

  if (!ferry_store_file_save (job->path, disk, error))
    return FALSE;
  job->merged = g_steal_pointer (&disk);
  return TRUE;
}

/* After the file had to be moved aside, the next save writes everything. */
static void
mark_everything (FerrySiteStore *self)
{
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < self->sites->len; i++)
    {
      FerrySite *site = g_ptr_array_index (self->sites, i);

      _ferry_site_store_mark (self, self->dirty, ferry_site_get_id (site));
    }
  g_hash_table_iter_init (&iter, self->folders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    _ferry_site_store_mark (self, self->folders_added, key);
}

static gboolean
save_job_finish (FerrySiteStore *self,
                 SaveJob        *job,
                 gboolean        ok)
{
  if (!ok)
    {
      if (job->file_broken)
        mark_everything (self);
      return FALSE;
    }
  unmark_saved (self->dirty, job->dirty);
  unmark_saved (self->removed, job->removed);
  unmark_saved (self->folders_added, job->folders_added);
  unmark_saved (self->folders_removed, job->folders_removed);
  _ferry_site_store_apply_keyfile (self, job->merged);
  return TRUE;
}

gboolean
ferry_site_store_save (FerrySiteStore *self,
                       GError        **error)
{
  SaveJob *job;
  gboolean ok;

  g_return_val_if_fail (FERRY_IS_SITE_STORE (self), FALSE);

  job = save_job_new (self);
  ok = save_job_finish (self, job, save_job_run (job, error));
  save_job_free (job);
  return ok;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (save_job_run (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_thread_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  FerrySiteStore *self = FERRY_SITE_STORE (source);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (save_job_finish (self, job, ok))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ferry_site_store_save_async (FerrySiteStore     *self,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_autoptr (GTask) thread_task = NULL;
  GTask *task;

  g_return_if_fail (FERRY_IS_SITE_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_site_store_save_async);

  /* The thread's task is not cancellable: a save that started finishes. */
  thread_task = g_task_new (self, NULL, save_thread_done_cb, task);
  g_task_set_source_tag (thread_task, save_thread);
  g_task_set_task_data (thread_task, save_job_new (self), save_job_free);
  g_task_run_in_thread (thread_task, save_thread);
}

gboolean
ferry_site_store_save_finish (FerrySiteStore *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static SaveJob *
add_many_job_new (FerrySiteStore     *self,
                  GPtrArray          *sites,
                  const char * const *folders)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->path = g_strdup (self->path);
  job->changes = g_key_file_new ();
  job->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->folders_added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->folders_removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < sites->len; i++)
    site_write_group (g_ptr_array_index (sites, i), job->changes);
  for (guint i = 0; folders != NULL && folders[i] != NULL; i++)
    {
      g_autofree char *path = ferry_folder_path_normalize (folders[i]);
      g_autofree char *group = NULL;

      if (*path == '\0')
        continue;
      group = _ferry_site_store_folder_group (path);
      g_key_file_set_string (job->changes, group, "path", path);
    }
  return job;
}

static gboolean
add_many_finish (FerrySiteStore *self,
                 SaveJob        *job,
                 gboolean        ok)
{
  if (!ok)
    {
      if (job->file_broken)
        mark_everything (self);
      return FALSE;
    }
  _ferry_site_store_apply_keyfile (self, job->merged);
  return TRUE;
}

gboolean
ferry_site_store_add_many (FerrySiteStore     *self,
                           GPtrArray          *sites,
                           const char * const *folders,
                           GError            **error)
{
  SaveJob *job;
  gboolean ok;

  g_return_val_if_fail (FERRY_IS_SITE_STORE (self), FALSE);
  g_return_val_if_fail (sites != NULL, FALSE);

  job = add_many_job_new (self, sites, folders);
  ok = add_many_finish (self, job, save_job_run (job, error));
  save_job_free (job);
  return ok;
}

static void
add_many_thread_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  FerrySiteStore *self = FERRY_SITE_STORE (source);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (add_many_finish (self, job, ok))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ferry_site_store_add_many_async (FerrySiteStore     *self,
                                 GPtrArray          *sites,
                                 const char * const *folders,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) thread_task = NULL;
  GTask *task;

  g_return_if_fail (FERRY_IS_SITE_STORE (self));
  g_return_if_fail (sites != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_site_store_add_many_async);

  thread_task = g_task_new (self, NULL, add_many_thread_done_cb, task);
  g_task_set_source_tag (thread_task, save_thread);
  g_task_set_task_data (thread_task, add_many_job_new (self, sites, folders), save_job_free);
  g_task_run_in_thread (thread_task, save_thread);
}

gboolean
ferry_site_store_add_many_finish (FerrySiteStore *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
ferry_site_store_has_unsaved_changes (FerrySiteStore *self)
{
  g_return_val_if_fail (FERRY_IS_SITE_STORE (self), FALSE);

  return g_hash_table_size (self->dirty) > 0 || g_hash_table_size (self->removed) > 0
         || g_hash_table_size (self->folders_added) > 0
         || g_hash_table_size (self->folders_removed) > 0;
}
