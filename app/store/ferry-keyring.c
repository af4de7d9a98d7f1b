/* ferry-keyring.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-keyring"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-keyring.h"

static const SecretSchema password_schema = {
  .name = FERRY_KEYRING_SCHEMA_NAME,
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { .name = "site-id", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
    { .name = "host", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
    { .name = "port", .type = SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { .name = "user", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
    { .name = NULL, .type = 0 },
  },
};

const SecretSchema *
ferry_keyring_get_schema (void)
{
  return &password_schema;
}

void
ferry_keyring_password_free (char *password)
{
  secret_password_free (password);
}

void
ferry_password_free (char *password)
{
  if (password == NULL)
    return;
  explicit_bzero (password, strlen (password));
  g_free (password);
}

typedef enum
{
  OP_STORE,
  OP_LOOKUP,
  OP_CLEAR,
} Op;

typedef struct
{
  Op op;
  char *site_id;
  char *host;
  guint port;
  char *user;
  char *label;
  char *password;       /* OP_STORE, wiped when done */
  guint timeout_ms;

  SecretService *service;
  GList *items;         /* SecretItem, while clearing */
  GCancellable *inner;  /* handed to libsecret */
  GCancellable *outer;
  gulong outer_handler;
  GSource *timeout_source;
  GSource *cancel_source;
  gboolean timed_out;
  gboolean returned;
  gboolean busy;        /* a libsecret call is outstanding */
} Job;

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_source_unref (*source);
  *source = NULL;
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->site_id);
  g_free (job->host);
  g_free (job->user);
  g_free (job->label);
  ferry_password_free (job->password);
  g_clear_object (&job->service);
  g_list_free_full (job->items, g_object_unref);
  clear_source (&job->timeout_source);
  clear_source (&job->cancel_source);
  if (job->outer_handler != 0)
    g_cancellable_disconnect (job->outer, job->outer_handler);
  g_clear_object (&job->outer);
  g_clear_object (&job->inner);
  g_free (job);
}

/* Completes @task once; later answers from libsecret are dropped. Takes @error. */
static void
job_return (GTask  *task,
            GError *error,
            char   *password)
{
  Job *job = g_task_get_task_data (task);

  if (job->returned)
    {
      g_clear_error (&error);
      if (password != NULL)
        secret_password_free (password);
      return;
    }
  job->returned = TRUE;
  clear_source (&job->timeout_source);
  clear_source (&job->cancel_source);
  if (job->outer_handler != 0)
    {
      g_cancellable_disconnect (job->outer, job->outer_handler);
      job->outer_handler = 0;
    }
  ferry_password_free (g_steal_pointer (&job->password));

  if (error != NULL)
    g_task_return_error (task, error);
  else if (job->op == OP_LOOKUP)
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
  else
    g_task_return_boolean (task, TRUE);
}

static GError *
keyring_error (Job          *job,
               const GError *error)
{
  const char *what = job->op == OP_STORE ? _("save the password in")
                     : job->op == OP_LOOKUP ? _("read the password from")
                     : _("delete the password from");

  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED)
      || error->domain == G_SPAWN_ERROR)
    return g_error_new (FERRY_ERROR, FERRY_ERROR_FAILED,
                        _("No keyring (Secret Service) is available (%s). Ferry cannot save "
                          "passwords and will ask for the password when connecting."),
                        error->message);
  return g_error_new (FERRY_ERROR, FERRY_ERROR_FAILED,
                      /* Translators: The first %s is “save the password in”, “read the password
                       * from” or “delete the password from”; the second is the keyring's error. */
                      _("Could not %s the keyring (%s). Ferry will ask for the password when "
                        "connecting."), what, error->message);
}

static GError *
locked_error (Job *job)
{
  return g_error_new (FERRY_ERROR, FERRY_ERROR_FAILED,
                      /* Translators: %s is “save the password”, “read the saved password” or
                       * “delete the saved password”. */
                      _("The keyring is locked and was not unlocked, so Ferry could not %s. "
                        "Ferry will ask for the password when connecting; unlock the keyring "
                        "(for example in Passwords and Keys) to use saved passwords."),
                      job->op == OP_STORE ? _("save the password")
                      : job->op == OP_LOOKUP ? _("read the saved password")
                      : _("delete the saved password"));
}

/* The time limit answers at once and leaves libsecret's call running: an
 * unlock prompt stays on screen, so that the person can still unlock the
 * keyring for the next time (its late answer is dropped). Cancelling a
 * prompt through libsecret is left to the caller's cancellable: libsecret
 * 0.20 completes its prompt task twice then, which GIO reports as critical. */
static gboolean
timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);

  job->timed_out = TRUE;
  job_return (task, g_error_new (FERRY_ERROR, FERRY_ERROR_TIMEOUT,
                                 _("The keyring did not answer within %u seconds; it may be "
                                   "locked and waiting for its password. Ferry will ask for the "
                                   "password when connecting."),
                                 (job->timeout_ms + 999) / 1000),
              NULL);
  return G_SOURCE_REMOVE;
}

/* The caller cancelled: answer at once; libsecret dismisses its prompt. */
static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;

  job_return (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                         _("The keyring operation was cancelled.")),
              NULL);
  return G_SOURCE_REMOVE;
}

/* Runs in whatever thread cancels @outer. */
static void
outer_cancelled_cb (GCancellable *outer,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* Takes the reference the libsecret call held; TRUE when the job is over. */
static gboolean
job_answer_is_stale (GTask *task)
{
  Job *job = g_task_get_task_data (task);

  job->busy = FALSE;
  return job->returned;
}

static void store_items_cleared (GTask *task);

static void
delete_next_item (GTask *task);

static void
item_deleted_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  Job *job = g_task_get_task_data (task);

  secret_item_delete_finish (SECRET_ITEM (source), result, &error);
  if (job_answer_is_stale (task))
    return;
  if (error != NULL)
    {
      job_return (task, keyring_error (job, error), NULL);
      return;
    }
  delete_next_item (task);
}

static void
delete_next_item (GTask *task)
{
  Job *job = g_task_get_task_data (task);
  SecretItem *item;

  if (job->items == NULL)
    {
      if (job->op == OP_STORE)
        store_items_cleared (task);
      else
        job_return (task, NULL, NULL);
      return;
    }

  item = job->items->data;
  job->items = g_list_delete_link (job->items, job->items);
  job->busy = TRUE;
  secret_item_delete (item, job->inner, item_deleted_cb, g_object_ref (task));
  g_object_unref (item);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  Job *job = g_task_get_task_data (task);

  secret_service_store_finish (SECRET_SERVICE (source), result, &error);
  if (job_answer_is_stale (task))
    return;
  if (error != NULL)
    job_return (task, keyring_error (job, error), NULL);
  else
    job_return (task, NULL, NULL);
}

static void
store_items_cleared (GTask *task)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr (GHashTable) attributes = NULL;
  g_autoptr (SecretValue) value = NULL;

  attributes = secret_attributes_build (&password_schema,
                                        "site-id", job->site_id,
                                        "host", job->host,
                                        "port", (int) job->port,
                                        "user", job->user,
                                        NULL);
  value = secret_value_new (job->password, -1, "text/plain");
  ferry_password_free (g_steal_pointer (&job->password));
  job->busy = TRUE;
  secret_service_store (job->service, &password_schema, attributes, SECRET_COLLECTION_DEFAULT,
                        job->label, value, job->inner, stored_cb, g_object_ref (task));
}

static void
searched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  GList *items;
  Job *job = g_task_get_task_data (task);

  items = secret_service_search_finish (SECRET_SERVICE (source), result, &error);
  if (job_answer_is_stale (task))
    {
      g_list_free_full (items, g_object_unref);
      return;
    }
  if (error != NULL)
    {
      job_return (task, keyring_error (job, error), NULL);
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    if (secret_item_get_locked (l->data))
      {
        g_list_free_full (items, g_object_unref);
        job_return (task, locked_error (job), NULL);
        return;
      }

  if (job->op == OP_LOOKUP)
    {
      SecretValue *value = items ? secret_item_get_secret (items->data) : NULL;
      char *password = NULL;

      g_list_free_full (items, g_object_unref);
      if (value != NULL)
        password = secret_value_unref_to_password (value, NULL);
      job_return (task, NULL, password);
      return;
    }

  job->items = items;
  delete_next_item (task);
}

static void
got_service_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  Job *job = g_task_get_task_data (task);
  SecretSearchFlags flags = SECRET_SEARCH_UNLOCK;
  SecretService *service;

  service = secret_service_get_finish (result, &error);
  if (job_answer_is_stale (task))
    {
      g_clear_object (&service);
      return;
    }
  if (service == NULL)
    {
      job_return (task, keyring_error (job, error), NULL);
      return;
    }
  job->service = service;

  if (job->op == OP_LOOKUP)
    flags |= SECRET_SEARCH_LOAD_SECRETS;
  else
    flags |= SECRET_SEARCH_ALL;

  attributes = secret_attributes_build (&password_schema, "site-id", job->site_id, NULL);
  job->busy = TRUE;
  secret_service_search (service, &password_schema, attributes, flags, job->inner, searched_cb,
                         g_object_ref (task));
}

static void
job_start (Job                *job,
           GCancellable       *cancellable,
           GAsyncReadyCallback callback,
           gpointer            user_data,
           gpointer            source_tag)
{
  g_autoptr (GTask) task = NULL;
  GMainContext *context;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_free);
  context = g_task_get_context (task);

  if (job->timeout_ms == 0)
    job->timeout_ms = FERRY_KEYRING_DEFAULT_TIMEOUT_MS;
  job->inner = g_cancellable_new ();

  job->timeout_source = g_timeout_source_new (job->timeout_ms);
  g_source_set_callback (job->timeout_source, timeout_cb, task, NULL);
  g_source_set_static_name (job->timeout_source, "[ferry] keyring time limit");
  g_source_attach (job->timeout_source, context);

  job->cancel_source = g_cancellable_source_new (job->inner);
  g_source_set_callback (job->cancel_source, G_SOURCE_FUNC (cancelled_cb), task, NULL);
  g_source_set_static_name (job->cancel_source, "[ferry] keyring cancelled");
  g_source_attach (job->cancel_source, context);

  if (cancellable != NULL)
    {
      job->outer = g_object_ref (cancellable);
      job->outer_handler = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                                  g_object_ref (job->inner), g_object_unref);
    }

  job->busy = TRUE;
  secret_service_get (SECRET_SERVICE_OPEN_SESSION, job->inner, got_service_cb,
                      g_object_ref (task));
}

void
ferry_keyring_store_async (FerrySite          *site,
                           const char         *password,
                           guint               timeout_ms,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr (FerryEndpoint) endpoint = NULL;
  g_autofree char *address = NULL;
  Job *job;

  g_return_if_fail (FERRY_IS_SITE (site));
  g_return_if_fail (password != NULL);

  endpoint = ferry_site_dup_endpoint (site);
  address = ferry_site_dup_display_address (site);

  job = g_new0 (Job, 1);
  job->op = OP_STORE;
  job->site_id = g_strdup (ferry_site_get_id (site));
  job->host = g_ascii_strdown (ferry_site_get_host (site), -1);
  job->port = ferry_endpoint_get_effective_port (endpoint);
  job->user = g_strdup (ferry_site_get_user (site));
  job->label = g_strdup_printf (_("Ferry: %s"), address);
  job->password = g_strdup (password);
  job->timeout_ms = timeout_ms;
  job_start (job, cancellable, callback, user_data, ferry_keyring_store_async);
}

gboolean
ferry_keyring_store_finish (GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ferry_keyring_lookup_async (const char         *site_id,
                            guint               timeout_ms,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  Job *job;

  g_return_if_fail (site_id != NULL);

  job = g_new0 (Job, 1);
  job->op = OP_LOOKUP;
  job->site_id = g_strdup (site_id);
  job->timeout_ms = timeout_ms;
  job_start (job, cancellable, callback, user_data, ferry_keyring_lookup_async);
}

char *
ferry_keyring_lookup_finish (GAsyncResult *result,
                             GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ferry_keyring_clear_async (const char         *site_id,
                           guint               timeout_ms,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  Job *job;

  g_return_if_fail (site_id != NULL);

  job = g_new0 (Job, 1);
  job->op = OP_CLEAR;
  job->site_id = g_strdup (site_id);
  job->timeout_ms = timeout_ms;
  job_start (job, cancellable, callback, user_data, ferry_keyring_clear_async);
}

gboolean
ferry_keyring_clear_finish (GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Synchronous wrappers ---------------------------------------------------- */

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Iterates @context until the job answered, then a little longer while
 * libsecret finishes a cancelled call (dismissing a prompt), so that nothing
 * is left behind on a context nobody iterates any more. A call that ran out
 * of time is left waiting for its prompt. */
static void
sync_wait (GMainContext  *context,
           GAsyncResult **result)
{
  Job *job;
  gint64 grace_end;

  while (*result == NULL)
    g_main_context_iteration (context, TRUE);

  job = g_task_get_task_data (G_TASK (*result));
  grace_end = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (job->busy && !job->timed_out && g_get_monotonic_time () < grace_end)
    {
      if (!g_main_context_iteration (context, FALSE))
        g_usleep (5000);
    }
  while (g_main_context_iteration (context, FALSE))
    ;
}

gboolean
ferry_keyring_store_sync (FerrySite    *site,
                          const char   *password,
                          guint         timeout_ms,
                          GCancellable *cancellable,
                          GError      **error)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GAsyncResult) result = NULL;
  gboolean ok;

  g_main_context_push_thread_default (context);
  ferry_keyring_store_async (site, password, timeout_ms, cancellable, sync_done_cb, &result);
  sync_wait (context, &result);
  ok = ferry_keyring_store_finish (result, error);
  g_main_context_pop_thread_default (context);
  return ok;
}

char *
ferry_keyring_lookup_sync (const char   *site_id,
                           guint         timeout_ms,
                           GCancellable *cancellable,
                           GError      **error)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GAsyncResult) result = NULL;
  char *password;

  g_main_context_push_thread_default (context);
  ferry_keyring_lookup_async (site_id, timeout_ms, cancellable, sync_done_cb, &result);
  sync_wait (context, &result);
  password = ferry_keyring_lookup_finish (result, error);
  g_main_context_pop_thread_default (context);
  return password;
}

gboolean
ferry_keyring_clear_sync (const char   *site_id,
                          guint         timeout_ms,
                          GCancellable *cancellable,
                          GError      **error)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GAsyncResult) result = NULL;
  gboolean ok;

  g_main_context_push_thread_default (context);
  ferry_keyring_clear_async (site_id, timeout_ms, cancellable, sync_done_cb, &result);
  sync_wait (context, &result);
  ok = ferry_keyring_clear_finish (result, error);
  g_main_context_pop_thread_default (context);
  return ok;
}
