/* ferry-session.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session object and its worker thread (the control-connection helpers
 * are in ferry-session-control.c, the file operations in ferry-session-ops.c).
 * The worker holds the shared state, never the FerrySession itself, so the
 * last unref of a session never happens on the worker and nothing joins a
 * thread on the UI thread: finalize queues a quit job and walks away.
 */
#define G_LOG_DOMAIN "ferry-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-memory-known-servers.h"
#include "ferry-session-private.h"

#define DEFAULT_CONNECT_TIMEOUT_MS 15000
#define DEFAULT_REPLY_TIMEOUT_MS   30000
#define NOOP_INTERVAL_US           (60 * G_USEC_PER_SEC)

/* Worker threads that have not ended yet, for ferry_session_wait_for_workers(). */
static GMutex workers_mutex;
static GCond workers_cond;
static guint workers_running;

struct _FerrySession
{
  GObject parent_instance;

  FerrySessionShared *shared;
};

enum
{
  SIGNAL_LOG,
  SIGNAL_PROMPT,
  SIGNAL_SECURITY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FerrySession, ferry_session, G_TYPE_OBJECT)

typedef FerryJobFunc JobFunc;

typedef struct
{
  JobFunc func;
  GTask *task; /* NULL: the quit job */
} Job;

/* ---- shared state ---- */

static FerrySessionShared *
shared_ref (FerrySessionShared *shared)
{
  g_atomic_int_inc (&shared->ref_count);
  return shared;
}

static void
wipe_string (char **str)
{
  if (*str != NULL)
    {
      explicit_bzero (*str, strlen (*str));
      g_clear_pointer (str, g_free);
    }
}

void
ferry_shared_close (FerrySessionShared *shared)
{
  g_clear_pointer (&shared->control, ferry_conn_free);
  ferry_reply_parser_reset (shared->parser);
  g_clear_pointer (&shared->features, g_strfreev);
  g_clear_pointer (&shared->banner, g_free);
  g_clear_pointer (&shared->detection, g_free);
  g_clear_pointer (&shared->control_certificate_der, g_bytes_unref);
  g_clear_object (&shared->certificate);
  g_clear_pointer (&shared->certificate_errors, g_strfreev);
  shared->certificate_problems = FERRY_CERTIFICATE_OK;
  if (shared->saved_session.data != NULL)
    {
      gnutls_free (shared->saved_session.data);
      shared->saved_session.data = NULL;
      shared->saved_session.size = 0;
    }
  shared->epsv_refused = FALSE;
  shared->type = 0;
  g_ptr_array_set_size (shared->notes, 0);

  g_mutex_lock (&shared->mutex);
  shared->connected = FALSE;
  ferry_security_status_reset (shared->status);
  g_clear_pointer (&shared->working_directory, g_free);
  g_mutex_unlock (&shared->mutex);
}

static void
shared_unref (FerrySessionShared *shared)
{
  if (!g_atomic_int_dec_and_test (&shared->ref_count))
    return;
  ferry_shared_close (shared);
  ferry_endpoint_free (shared->endpoint);
  g_clear_object (&shared->known);
  g_main_context_unref (shared->signal_context);
  g_weak_ref_clear (&shared->session);
  g_async_queue_unref (shared->jobs);
  wipe_string (&shared->password);
  ferry_security_status_free (shared->status);
  ferry_reply_parser_free (shared->parser);
  g_string_free (shared->line, TRUE);
  g_ptr_array_unref (shared->notes);
  ferry_firewall_free (shared->firewall);
  g_mutex_clear (&shared->mutex);
  g_mutex_clear (&shared->events_mutex);
  g_free (shared);
}

guint
ferry_shared_reply_timeout (FerrySessionShared *shared)
{
  return shared->endpoint->reply_timeout_ms ? shared->endpoint->reply_timeout_ms
                                            : DEFAULT_REPLY_TIMEOUT_MS;
}

guint
ferry_shared_connect_timeout (FerrySessionShared *shared)
{
  return shared->endpoint->connect_timeout_ms ? shared->endpoint->connect_timeout_ms
                                              : DEFAULT_CONNECT_TIMEOUT_MS;
}

void
ferry_shared_set_connected (FerrySessionShared *shared,
                            gboolean            connected)
{
  g_mutex_lock (&shared->mutex);
  shared->connected = connected;
  g_mutex_unlock (&shared->mutex);
}

void
ferry_data_info_clear (FerryDataInfo *info)
{
  g_clear_pointer (&info->tls_version, g_free);
  g_clear_pointer (&info->address, g_free);
  memset (info, 0, sizeof *info);
}

/* ---- events to the main context ---- */

typedef struct
{
  FerrySessionShared *shared;
  guint signal;
  FerryLogKind kind;
  char *text;
  FerryPrompt *prompt;

  /* A job's result, for @task (the worker's reference, dropped here). */
  GTask *task;
  guint returns;
  gboolean boolean;
  gpointer result;
  GDestroyNotify result_destroy;
  GError *error;
} Event;

enum
{
  RETURNS_NOTHING,
  RETURNS_BOOLEAN,
  RETURNS_POINTER,
  RETURNS_ERROR,
};

static void
event_free (Event *event)
{
  /* A prompt nobody kept is rejected when this last reference goes. */
  g_clear_object (&event->prompt);
  g_clear_object (&event->task);
  if (event->result != NULL && event->result_destroy != NULL)
    event->result_destroy (event->result);
  g_clear_error (&event->error);
  g_free (event->text);
  shared_unref (event->shared);
  g_free (event);
}

/* Hands @event's result to @task; the result and error are the task's now. */
static void
return_result (Event *event,
               GTask *task)
{
  switch (event->returns)
    {
    case RETURNS_BOOLEAN:
      g_task_return_boolean (task, event->boolean);
      break;
    case RETURNS_POINTER:
      g_task_return_pointer (task, g_steal_pointer (&event->result), event->result_destroy);
      break;
    case RETURNS_ERROR:
      g_task_return_error (task, g_steal_pointer (&event->error));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
deliver_event (Event *event)
{
  g_autoptr (FerrySession) session = NULL;

  if (event->task != NULL)
    {
      return_result (event, event->task);
      event_free (event);
      return;
    }

  session = g_weak_ref_get (&event->shared->session);
  if (session != NULL)
    {
      switch (event->signal)
        {
        case SIGNAL_LOG:
          g_signal_emit (session, signals[SIGNAL_LOG], 0, event->kind, event->text);
          break;
        case SIGNAL_PROMPT:
          g_signal_emit (session, signals[SIGNAL_PROMPT], 0, event->prompt);
          break;
        case SIGNAL_SECURITY_CHANGED:
          g_signal_emit (session, signals[SIGNAL_SECURITY_CHANGED], 0);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  event_free (event);
}

#define EVENTS_DELAY_MS 30

/* Delivers every event queued so far, in order. A source that comes after
 * another one delivered its events finds less to do, or nothing. */
static void
deliver_events (FerrySessionShared *shared,
                gboolean            from_timer)
{
  GQueue events;
  Event *event;

  g_mutex_lock (&shared->events_mutex);
  events = shared->events;
  g_queue_init (&shared->events);
  if (from_timer)
    shared->events_timer = FALSE;
  else
    shared->events_idle = FALSE;
  g_mutex_unlock (&shared->events_mutex);

  while ((event = g_queue_pop_head (&events)) != NULL)
    deliver_event (event);
}

static gboolean
deliver_events_timer_cb (gpointer data)
{
  deliver_events (data, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
deliver_events_idle_cb (gpointer data)
{
  deliver_events (data, FALSE);
  return G_SOURCE_REMOVE;
}

/* Queues @event (taking it); with @now, everything queued goes at the next
 * idle, else within EVENTS_DELAY_MS. */
static void
post_event (FerrySessionShared *shared,
            Event              *event,
            gboolean            now)
{
  GSource *source;
  gboolean attach;

  event->shared = shared_ref (shared);
  g_mutex_lock (&shared->events_mutex);
  g_queue_push_tail (&shared->events, event);
  attach = !shared->events_idle && (now || !shared->events_timer);
  if (attach && now)
    shared->events_idle = TRUE;
  else if (attach)
    shared->events_timer = TRUE;
  g_mutex_unlock (&shared->events_mutex);
  if (!attach)
    return;

  source = now ? g_idle_source_new () : g_timeout_source_new (EVENTS_DELAY_MS);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, now ? deliver_events_idle_cb : deliver_events_timer_cb,
                         shared_ref (shared), (GDestroyNotify) shared_unref);
  g_source_set_static_name (source, "[ferry] session events");
  g_source_attach (source, shared->signal_context);
  g_source_unref (source);
}

static gboolean
release_task_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* Returns @event's result on the task's own context. With the session's
 * events when that is the signal context: GTask then completes at once, from
 * inside the batch, after the log lines that came before it, and the
 * worker's reference goes there too, so that the session (the task's source
 * object) is never finalized on the worker. */
static void
post_return (FerrySessionShared *shared,
             Event              *event)
{
  GTask *task = event->task;
  GSource *source;

  if (g_task_get_context (task) == shared->signal_context)
    {
      post_event (shared, event, TRUE);
      return;
    }
  event->task = NULL;
  event->shared = shared_ref (shared);
  return_result (event, task);
  event_free (event);
  source = g_idle_source_new ();
  g_source_set_callback (source, release_task_cb, task, NULL);
  g_source_set_static_name (source, "[ferry] release task");
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

void
ferry_shared_return_boolean (FerrySessionShared *shared,
                             GTask              *task,
                             gboolean            value)
{
  Event *event = g_new0 (Event, 1);

  event->task = task;
  event->returns = RETURNS_BOOLEAN;
  event->boolean = value;
  post_return (shared, event);
}

void
ferry_shared_return_pointer (FerrySessionShared *shared,
                             GTask              *task,
                             gpointer            result,
                             GDestroyNotify      destroy)
{
  Event *event = g_new0 (Event, 1);

  event->task = task;
  event->returns = RETURNS_POINTER;
  event->result = result;
  event->result_destroy = destroy;
  post_return (shared, event);
}

void
ferry_shared_return_error (FerrySessionShared *shared,
                           GTask              *task,
                           GError             *error)
{
  Event *event = g_new0 (Event, 1);

  event->task = task;
  event->returns = RETURNS_ERROR;
  event->error = error;
  post_return (shared, event);
}

void
ferry_shared_log (FerrySessionShared *shared,
                  FerryLogKind        kind,
                  const char         *format,
                  ...)
{
  Event *event = g_new0 (Event, 1);
  va_list args;

  va_start (args, format);
  event->text = g_strdup_vprintf (format, args);
  va_end (args);
  event->signal = SIGNAL_LOG;
  event->kind = kind;
  g_debug ("%s", event->text);
  post_event (shared, event, FALSE);
}

void
ferry_shared_note (FerrySessionShared *shared,
                   const char         *format,
                   ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  ferry_shared_log (shared, FERRY_LOG_WARNING, "%s", text);
  g_ptr_array_add (shared->notes, text);
}

void
ferry_shared_security_changed (FerrySessionShared *shared)
{
  Event *event = g_new0 (Event, 1);

  event->signal = SIGNAL_SECURITY_CHANGED;
  post_event (shared, event, FALSE);
}

FerryPromptAnswer
ferry_shared_ask (FerrySessionShared *shared,
                  FerryPrompt        *prompt,
                  GCancellable       *cancellable)
{
  FerryPromptWait *wait = ferry_prompt_wait_ref (ferry_prompt_get_wait (prompt));
  Event *event = g_new0 (Event, 1);
  FerryPromptAnswer answer;

  shared->prompted = TRUE;
  ferry_shared_log (shared, FERRY_LOG_STATUS, _("Asking: %s"), ferry_prompt_get_message (prompt));
  event->signal = SIGNAL_PROMPT;
  event->prompt = prompt;
  post_event (shared, event, TRUE);

  answer = ferry_prompt_wait_answer (wait, cancellable);
  ferry_prompt_wait_unref (wait);
  return answer;
}

/* ---- the worker ---- */

static void
quit_quietly (FerrySessionShared *shared)
{
  if (shared->control != NULL)
    {
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      gint64 deadline = ferry_deadline_in (1000);

      ferry_conn_send_all (shared->control, "QUIT\r\n", 6, deadline, cancellable, NULL);
    }
  ferry_shared_close (shared);
}

/* NOOP while idle, so that servers and NAT boxes keep the session; a
 * connection that does not answer is dropped and reconnected on demand. */
static void
keep_alive (FerrySessionShared *shared)
{
  g_autoptr (FerryReply) reply = NULL;

  if (shared->control == NULL)
    return;
  reply = ferry_ctl_command (shared, "NOOP", NULL, NULL);
  if (reply == NULL)
    ferry_shared_log (shared, FERRY_LOG_STATUS,
                      _("The idle connection was closed; Ferry reconnects when it is needed."));
}

static gpointer
worker_main (gpointer data)
{
  FerrySessionShared *shared = data;

  for (;;)
    {
      Job *job = g_async_queue_timeout_pop (shared->jobs, NOOP_INTERVAL_US);
      GTask *task;

      if (job == NULL)
        {
          keep_alive (shared);
          continue;
        }
      task = job->task;

      if (task == NULL)
        {
          g_free (job);
          break;
        }
      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        ferry_shared_return_error (shared, task,
                                   g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                        _("Operation was cancelled")));
      else
        job->func (shared, task, g_task_get_cancellable (task));
      g_free (job);
    }

  quit_quietly (shared);
  shared_unref (shared);

  g_mutex_lock (&workers_mutex);
  workers_running--;
  g_cond_broadcast (&workers_cond);
  g_mutex_unlock (&workers_mutex);
  return NULL;
}

void
ferry_session_queue_job (FerrySession *self,
                         FerryJobFunc  func,
                         GTask        *task)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->task = task; /* the worker now owns this reference */
  g_async_queue_push (self->shared->jobs, job);
}

/* ---- GObject ---- */

static void
ferry_session_finalize (GObject *object)
{
  FerrySession *self = FERRY_SESSION (object);
  Job *quit = g_new0 (Job, 1);

  /* The worker closes the connection and drops its reference. */
  g_async_queue_push (self->shared->jobs, quit);
  shared_unref (self->shared);
  G_OBJECT_CLASS (ferry_session_parent_class)->finalize (object);
}

static void
ferry_session_class_init (FerrySessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ferry_session_finalize;

  /**
   * FerrySession::log:
   * @kind: a FerryLogKind
   * @text: the line, PASS masked
   */
  signals[SIGNAL_LOG] = g_signal_new ("log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT,
                                      G_TYPE_STRING);
  /**
   * FerrySession::prompt:
   * @prompt: the question; answer with ferry_prompt_respond(), now or later
   *   (keep a reference). Unanswered and dropped means rejected.
   */
  signals[SIGNAL_PROMPT] = g_signal_new ("prompt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, FERRY_TYPE_PROMPT);
  /**
   * FerrySession::security-changed:
   * The security status changed: read it with ferry_session_dup_security_status().
   */
  signals[SIGNAL_SECURITY_CHANGED] = g_signal_new ("security-changed", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                   G_TYPE_NONE, 0);
}

static void
ferry_session_init (FerrySession *self)
{
}

FerrySession *
ferry_session_new (const FerryEndpoint *endpoint,
                   FerryKnownServers   *known_servers)
{
  FerrySession *self;
  FerrySessionShared *shared;
  GThread *thread;

  g_return_val_if_fail (endpoint != NULL && endpoint->host != NULL, NULL);

  self = g_object_new (FERRY_TYPE_SESSION, NULL);
  shared = g_new0 (FerrySessionShared, 1);
  shared->ref_count = 1;
  shared->endpoint = ferry_endpoint_copy (endpoint);
  shared->known = known_servers ? g_object_ref (known_servers) : ferry_memory_known_servers_new ();
  shared->signal_context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&shared->session, self);
  shared->jobs = g_async_queue_new ();
  g_mutex_init (&shared->mutex);
  g_mutex_init (&shared->events_mutex);
  shared->status = ferry_security_status_new ();
  shared->firewall = ferry_firewall_new ();
  shared->parser = ferry_reply_parser_new ();
  shared->line = g_string_sized_new (256);
  shared->notes = g_ptr_array_new_with_free_func (g_free);
  self->shared = shared;

  g_mutex_lock (&workers_mutex);
  workers_running++;
  g_mutex_unlock (&workers_mutex);
  thread = g_thread_new ("ferry-session", worker_main, shared_ref (shared));
  g_thread_unref (thread);
  return self;
}

gboolean
ferry_session_wait_for_workers (guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean all_ended;

  g_mutex_lock (&workers_mutex);
  while (workers_running > 0 && g_cond_wait_until (&workers_cond, &workers_mutex, deadline))
    ;
  all_ended = workers_running == 0;
  g_mutex_unlock (&workers_mutex);
  return all_ended;
}

const FerryEndpoint *
ferry_session_get_endpoint (FerrySession *self)
{
  g_return_val_if_fail (FERRY_IS_SESSION (self), NULL);
  return self->shared->endpoint;
}

void
ferry_session_set_password (FerrySession *self,
                            const char   *password)
{
  g_return_if_fail (FERRY_IS_SESSION (self));

  g_mutex_lock (&self->shared->mutex);
  wipe_string (&self->shared->password);
  self->shared->password = g_strdup (password);
  g_mutex_unlock (&self->shared->mutex);
}

FerrySecurityStatus *
ferry_session_dup_security_status (FerrySession *self)
{
  FerrySecurityStatus *copy;

  g_return_val_if_fail (FERRY_IS_SESSION (self), NULL);

  g_mutex_lock (&self->shared->mutex);
  copy = ferry_security_status_copy (self->shared->status);
  if (self->shared->firewall->control_port != 0)
    copy->firewall = ferry_firewall_copy (self->shared->firewall);
  g_mutex_unlock (&self->shared->mutex);
  return copy;
}

gboolean
ferry_session_is_connected (FerrySession *self)
{
  gboolean connected;

  g_return_val_if_fail (FERRY_IS_SESSION (self), FALSE);

  g_mutex_lock (&self->shared->mutex);
  connected = self->shared->connected;
  g_mutex_unlock (&self->shared->mutex);
  return connected;
}

/* ---- operations ---- */

FerrySessionShared *
ferry_session_get_shared (FerrySession *self)
{
  return self->shared;
}

gboolean
ferry_shared_ensure_connected (FerrySessionShared *shared,
                               GCancellable       *cancellable,
                               GError            **error)
{
  if (shared->control != NULL)
    return TRUE;
  return ferry_op_connect (shared, cancellable, error);
}

static void
connect_job (FerrySessionShared *shared,
             GTask              *task,
             GCancellable       *cancellable)
{
  GError *error = NULL;
  gboolean ok;

  ferry_shared_close (shared);
  ok = ferry_op_connect (shared, cancellable, &error);
  if (ok)
    ferry_shared_return_boolean (shared, task, TRUE);
  else
    ferry_shared_return_error (shared, task, error);
}

void
ferry_session_connect_async (FerrySession        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FERRY_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_session_connect_async);
  ferry_session_queue_job (self, connect_job, task);
}

gboolean
ferry_session_connect_finish (FerrySession  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_session_connect_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
list_raw_job (FerrySessionShared *shared,
              GTask              *task,
              GCancellable       *cancellable)
{
  const char *path = g_task_get_task_data (task);
  FerryDataInfo info = { 0 };
  GError *error = NULL;
  char **lines = NULL;

  if (ferry_shared_ensure_connected (shared, cancellable, &error))
    lines = ferry_op_list_raw (shared, path, &info, cancellable, &error);
  ferry_data_info_clear (&info);
  if (lines != NULL)
    ferry_shared_return_pointer (shared, task, lines, (GDestroyNotify) g_strfreev);
  else
    ferry_shared_return_error (shared, task, error);
}

void
ferry_session_list_raw_async (FerrySession        *self,
                              const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FERRY_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_session_list_raw_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  ferry_session_queue_job (self, list_raw_job, task);
}

char **
ferry_session_list_raw_finish (FerrySession  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_session_list_raw_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fill_report (FerrySessionShared *shared,
             FerryProbeReport   *report)
{
  const FerryEndpoint *ep = shared->endpoint;

  g_free (report->host);
  report->host = g_strdup (ep->host);
  report->port = ferry_endpoint_get_effective_port (ep);

  g_mutex_lock (&shared->mutex);
  ferry_security_status_free (report->status);
  report->status = ferry_security_status_copy (shared->status);
  if (shared->firewall->control_port != 0)
    report->status->firewall = ferry_firewall_copy (shared->firewall);
  g_mutex_unlock (&shared->mutex);

  g_free (report->detection);
  report->detection = g_strdup (shared->detection);
  g_free (report->banner);
  report->banner = g_strdup (shared->banner);
  if (shared->features != NULL)
    {
      g_strfreev (report->features);
      report->features = g_strdupv (shared->features);
    }
  g_free (report->working_directory);
  g_mutex_lock (&shared->mutex);
  report->working_directory = g_strdup (shared->working_directory);
  g_mutex_unlock (&shared->mutex);
  g_set_object (&report->certificate, shared->certificate);
  report->certificate_problems = shared->certificate_problems;
  report->certificate_verified = ferry_security_status_get_trust (report->status).verified;
  if (shared->certificate_errors != NULL)
    {
      g_strfreev (report->certificate_errors);
      report->certificate_errors = g_strdupv (shared->certificate_errors);
    }
  for (guint i = 0; i < shared->notes->len; i++)
    g_ptr_array_add (report->notes, g_strdup (g_ptr_array_index (shared->notes, i)));
}

static void
probe_job (FerrySessionShared *shared,
           GTask              *task,
           GCancellable       *cancellable)
{
  guint n_data = GPOINTER_TO_UINT (g_task_get_task_data (task));
  FerryProbeReport *report = ferry_probe_report_new ();
  GError *error = NULL;

  if (ferry_shared_ensure_connected (shared, cancellable, &error))
    {
      report->logged_in = TRUE;
      for (guint i = 0; i < n_data; i++)
        {
          FerryDataInfo info = { 0 };
          char **lines = ferry_op_list_raw (shared, NULL, &info, cancellable, &error);

          if (lines != NULL)
            {
              FerryProbeDataConnection *dc = g_new0 (FerryProbeDataConnection, 1);

              dc->protected_ = info.protected_;
              dc->resumed = info.resumed;
              dc->refusal = info.refusal;
              dc->tls_version = g_steal_pointer (&info.tls_version);
              dc->address = g_steal_pointer (&info.address);
              dc->pasv_replaced = info.pasv_replaced;
              dc->clean_close = info.clean_close;
              dc->listing_lines = g_strv_length (lines);
              g_ptr_array_add (report->data_connections, dc);
              g_strfreev (lines);
            }
          ferry_data_info_clear (&info);
          if (error != NULL)
            break;
        }
    }

  fill_report (shared, report);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      ferry_probe_report_free (report);
      ferry_shared_return_error (shared, task, error);
      return;
    }
  report->error = error;
  ferry_shared_return_pointer (shared, task, report, (GDestroyNotify) ferry_probe_report_free);
}

void
ferry_session_probe_async (FerrySession        *self,
                           guint                data_connections,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FERRY_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_session_probe_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (data_connections), NULL);
  ferry_session_queue_job (self, probe_job, task);
}

FerryProbeReport *
ferry_session_probe_finish (FerrySession  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ferry_session_probe_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
disconnect_job (FerrySessionShared *shared,
                GTask              *task,
                GCancellable       *cancellable)
{
  if (shared->control != NULL)
    {
      g_autoptr (FerryReply) reply = ferry_ctl_command (shared, "QUIT", cancellable, NULL);
    }
  ferry_shared_close (shared);
  ferry_shared_security_changed (shared);
  ferry_shared_return_boolean (shared, task, TRUE);
}

void
ferry_session_disconnect_async (FerrySession        *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FERRY_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_session_disconnect_async);
  ferry_session_queue_job (self, disconnect_job, task);
}

gboolean
ferry_session_disconnect_finish (FerrySession  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
