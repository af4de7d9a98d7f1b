/* ferry-filezilla-import.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing a FileZilla site list into a FerrySiteStore: parse (in a thread),
 * passwords into the keyring, then all sites saved at once.
 */
#define G_LOG_DOMAIN "ferry-filezilla-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-filezilla.h"
#include "ferry-keyring.h"

typedef struct
{
  FerrySiteStore *store;
  char *path;
  guint keyring_timeout_ms;
  GCancellable *cancellable;
  FerryImportReport *report;
  guint next;              /* the next site whose password to save */
  GError *keyring_error;   /* after one failure the others are not tried */
  GPtrArray *saved_ids;    /* passwords in the keyring, to delete on failure */
  GError *failure;         /* the import failed: deleting saved passwords */
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_clear_object (&job->store);
  g_free (job->path);
  g_clear_object (&job->cancellable);
  if (job->report != NULL)
    ferry_import_report_forget_password (job->report, NULL);
  g_clear_object (&job->report);
  g_clear_error (&job->keyring_error);
  g_ptr_array_unref (job->saved_ids);
  g_clear_error (&job->failure);
  g_free (job);
}

static void store_next_password (GTask *task);

static void
undo_next_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data);

/* Deletes the passwords saved so far, then fails with job->failure. */
static void
undo_next (GTask *task)
{
  ImportJob *job = g_task_get_task_data (task);
  g_autofree char *id = NULL;

  if (job->saved_ids->len == 0)
    {
      g_task_return_error (task, g_steal_pointer (&job->failure));
      return;
    }
  id = g_ptr_array_steal_index (job->saved_ids, job->saved_ids->len - 1);
  /* Not cancellable: the cleanup must run even when the import was cancelled. */
  ferry_keyring_clear_async (id, job->keyring_timeout_ms, NULL, undo_next_cb,
                             g_object_ref (task));
}

static void
undo_next_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!ferry_keyring_clear_finish (result, &error))
    g_debug ("Could not delete an imported password again: %s", error->message);
  undo_next (task);
}

static void
import_fail (GTask  *task,
             GError *error)
{
  ImportJob *job = g_task_get_task_data (task);

  ferry_import_report_forget_password (job->report, NULL);
  job->failure = error;
  undo_next (task);
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ImportJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!ferry_site_store_add_many_finish (FERRY_SITE_STORE (source), result, &error))
    {
      import_fail (task, error);
      return;
    }
  g_task_return_pointer (task, g_object_ref (job->report), g_object_unref);
}

static void
password_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  ImportJob *job = g_task_get_task_data (task);
  GPtrArray *sites = ferry_import_report_get_sites (job->report);
  FerrySite *site = g_ptr_array_index (sites, job->next);
  const char *id = ferry_site_get_id (site);

  if (ferry_keyring_store_finish (result, &error))
    {
      g_ptr_array_add (job->saved_ids, g_strdup (id));
      ferry_import_report_set_password_state (job->report, id, FERRY_IMPORT_PASSWORD_SAVED);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      import_fail (task, g_steal_pointer (&error));
      return;
    }
  else
    {
      /* This site and the rest ask for their passwords (see below). */
      job->keyring_error = g_steal_pointer (&error);
      store_next_password (task);
      return;
    }

  ferry_import_report_forget_password (job->report, id);
  job->next++;
  store_next_password (task);
}

/* Passwords go into the keyring one after the other; then the sites are saved. */
static void
store_next_password (GTask *task)
{
  ImportJob *job = g_task_get_task_data (task);
  GPtrArray *sites = ferry_import_report_get_sites (job->report);

  for (; job->next < sites->len; job->next++)
    {
      FerrySite *site = g_ptr_array_index (sites, job->next);
      const char *id = ferry_site_get_id (site);
      const char *password = ferry_import_report_peek_password (job->report, id);

      if (password == NULL)
        continue;
      if (job->keyring_error != NULL)
        {
          g_autofree char *note = g_strdup_printf (_("Its password was not saved: %s"),
                                                   job->keyring_error->message);

          ferry_import_report_forget_password (job->report, id);
          ferry_site_set_logon_type (site, FERRY_LOGON_ASK);
          ferry_import_report_set_password_state (job->report, id, FERRY_IMPORT_PASSWORD_ASK);
          ferry_import_report_add_note (job->report, id, note);
          continue;
        }
      ferry_keyring_store_async (site, password, job->keyring_timeout_ms, job->cancellable,
                                 password_stored_cb, g_object_ref (task));
      return;
    }

  if (g_cancellable_is_cancelled (job->cancellable))
    {
      import_fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                              _("The import was cancelled.")));
      return;
    }
  ferry_site_store_add_many_async (job->store, sites,
                                   ferry_import_report_get_folders (job->report),
                                   NULL, added_cb, g_object_ref (task));
}

static gboolean
same_site (FerrySite *a,
           FerrySite *b)
{
  return g_strcmp0 (ferry_site_get_name (a), ferry_site_get_name (b)) == 0
         && g_strcmp0 (ferry_site_get_folder (a), ferry_site_get_folder (b)) == 0
         && g_ascii_strcasecmp (ferry_site_get_host (a), ferry_site_get_host (b)) == 0
         && ferry_site_get_port (a) == ferry_site_get_port (b)
         && g_strcmp0 (ferry_site_get_user (a), ferry_site_get_user (b)) == 0;
}

static void
skip_duplicates (FerryImportReport *report,
                 FerrySiteStore    *store)
{
  GPtrArray *sites = ferry_import_report_get_sites (report);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = sites->len; i > 0; i--)
    {
      FerrySite *site = g_ptr_array_index (sites, i - 1);

      for (guint k = 0; k < n; k++)
        {
          g_autoptr (FerrySite) existing = g_list_model_get_item (G_LIST_MODEL (store), k);

          if (same_site (site, existing))
            {
              g_autofree char *id = g_strdup (ferry_site_get_id (site));

              ferry_import_report_skip_site (report, id, FERRY_IMPORT_SKIP_DUPLICATE,
                                             _("The same site is already in your site list."));
              break;
            }
        }
    }
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ImportJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  job->report = g_task_propagate_pointer (G_TASK (result), &error);
  if (job->report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  skip_duplicates (job->report, job->store);
  store_next_password (task);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  FerryImportReport *report = ferry_filezilla_read_file (task_data, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

void
ferry_filezilla_import_async (FerrySiteStore     *store,
                              const char         *path,
                              guint               keyring_timeout_ms,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr (GTask) thread_task = NULL;
  GTask *task;
  ImportJob *job;

  g_return_if_fail (FERRY_IS_SITE_STORE (store));
  g_return_if_fail (path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_filezilla_import_async);
  job = g_new0 (ImportJob, 1);
  job->store = g_object_ref (store);
  job->path = g_strdup (path);
  job->keyring_timeout_ms = keyring_timeout_ms;
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->saved_ids = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, job, import_job_free);

  thread_task = g_task_new (NULL, cancellable, parsed_cb, task);
  g_task_set_source_tag (thread_task, parse_thread);
  g_task_set_task_data (thread_task, g_strdup (path), g_free);
  g_task_run_in_thread (thread_task, parse_thread);
}

FerryImportReport *
ferry_filezilla_import_finish (FerrySiteStore *store,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

FerryImportReport *
ferry_filezilla_import (FerrySiteStore *store,
                        const char     *path,
                        guint           keyring_timeout_ms,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GAsyncResult) result = NULL;
  FerryImportReport *report;

  g_main_context_push_thread_default (context);
  ferry_filezilla_import_async (store, path, keyring_timeout_ms, cancellable, sync_done_cb,
                                &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  report = ferry_filezilla_import_finish (store, result, error);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
  return report;
}
