/* ferry-transfer.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-transfer"

#include "config.h"

#include "ferry-engine-enums.h"
#include "ferry-exists-policy.h"
#include "ferry-transfer.h"

/* At most this many progress notifications a second reach the main context. */
#define NOTIFY_INTERVAL_US (G_USEC_PER_SEC / 5)
#define NOTIFY_SOON_US (G_USEC_PER_SEC / 33)

struct _FerryTransfer
{
  GObject parent_instance;

  FerryTransferDirection direction;
  char *remote_path;
  GFile *local_file;
  gboolean is_folder;
  gboolean managed;
  FerryTransferFlags flags;
  gint64 listed_size;   /* -1: unknown; set before the transfer starts */
  GWeakRef parent;
  GMainContext *context;

  /* Guarded by mutex. */
  GMutex mutex;
  FerryTransferState state;
  char *error_message;
  GError *error;
  gint64 bytes_done;
  gint64 total;
  gint64 started_at;    /* monotonic µs when this attempt began */
  gint64 start_offset;  /* bytes that were already there (resume) */
  double rate;
  guint attempts;
  gboolean notify_pending;
  gboolean notify_idle_pending;
  gint64 last_notify;
  gboolean state_changed;
  gboolean skipped;
  char *renamed_target;
  gboolean target_new;
  gboolean has_conflict;
  FerryFileFacts conflict_source;
  FerryFileFacts conflict_target;
};

enum
{
  PROP_0,
  PROP_DIRECTION,
  PROP_REMOTE_PATH,
  PROP_LOCAL_FILE,
  PROP_IS_FOLDER,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  PROP_BYTES_DONE,
  PROP_TOTAL,
  PROP_RATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FerryTransfer, ferry_transfer, G_TYPE_OBJECT)

static void
ferry_transfer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FerryTransfer *self = FERRY_TRANSFER (object);

  switch (prop_id)
    {
    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;
    case PROP_REMOTE_PATH:
      g_value_set_string (value, self->remote_path);
      break;
    case PROP_LOCAL_FILE:
      g_value_set_object (value, self->local_file);
      break;
    case PROP_IS_FOLDER:
      g_value_set_boolean (value, self->is_folder);
      break;
    case PROP_STATE:
      g_value_set_enum (value, ferry_transfer_get_state (self));
      break;
    case PROP_ERROR_MESSAGE:
      g_value_take_string (value, ferry_transfer_dup_error_message (self));
      break;
    case PROP_BYTES_DONE:
      g_value_set_int64 (value, ferry_transfer_get_bytes_done (self));
      break;
    case PROP_TOTAL:
      g_value_set_int64 (value, ferry_transfer_get_total (self));
      break;
    case PROP_RATE:
      g_value_set_double (value, ferry_transfer_get_rate (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_transfer_finalize (GObject *object)
{
  FerryTransfer *self = FERRY_TRANSFER (object);

  g_free (self->remote_path);
  g_clear_object (&self->local_file);
  g_weak_ref_clear (&self->parent);
  g_main_context_unref (self->context);
  g_free (self->error_message);
  g_free (self->renamed_target);
  g_clear_error (&self->error);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (ferry_transfer_parent_class)->finalize (object);
}

static void
ferry_transfer_class_init (FerryTransferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ferry_transfer_get_property;
  object_class->finalize = ferry_transfer_finalize;

  properties[PROP_DIRECTION] = g_param_spec_enum ("direction", NULL, NULL,
                                                  FERRY_TYPE_TRANSFER_DIRECTION,
                                                  FERRY_TRANSFER_DOWNLOAD, ro);
  properties[PROP_REMOTE_PATH] = g_param_spec_string ("remote-path", NULL, NULL, NULL, ro);
  properties[PROP_LOCAL_FILE] = g_param_spec_object ("local-file", NULL, NULL, G_TYPE_FILE, ro);
  properties[PROP_IS_FOLDER] = g_param_spec_boolean ("is-folder", NULL, NULL, FALSE, ro);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, FERRY_TYPE_TRANSFER_STATE,
                                              FERRY_TRANSFER_QUEUED, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_BYTES_DONE] = g_param_spec_int64 ("bytes-done", NULL, NULL, 0, G_MAXINT64, 0,
                                                    ro);
  properties[PROP_TOTAL] = g_param_spec_int64 ("total", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_transfer_init (FerryTransfer *self)
{
  g_mutex_init (&self->mutex);
  g_weak_ref_init (&self->parent, NULL);
  self->total = -1;
  self->context = g_main_context_ref_thread_default ();
}

FerryTransfer *
ferry_transfer_new (FerryTransferDirection direction,
                    const char            *remote_path,
                    GFile                 *local_file,
                    gboolean               is_folder,
                    FerryTransferFlags     flags)
{
  FerryTransfer *self;

  g_return_val_if_fail (remote_path != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (local_file), NULL);

  self = g_object_new (FERRY_TYPE_TRANSFER, NULL);
  self->direction = direction;
  self->remote_path = g_strdup (remote_path);
  self->local_file = g_object_ref (local_file);
  self->is_folder = is_folder;
  self->flags = flags;
  self->listed_size = -1;
  return self;
}

void
ferry_transfer_set_listed_size (FerryTransfer *self,
                                gint64         size)
{
  g_return_if_fail (FERRY_IS_TRANSFER (self));

  self->listed_size = size < 0 ? -1 : size;
}

gint64
ferry_transfer_get_listed_size (FerryTransfer *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER (self), -1);

  return self->listed_size;
}

FerryTransferDirection
ferry_transfer_get_direction (FerryTransfer *self)
{
  return self->direction;
}

const char *
ferry_transfer_get_remote_path (FerryTransfer *self)
{
  return self->remote_path;
}

GFile *
ferry_transfer_get_local_file (FerryTransfer *self)
{
  return self->local_file;
}

gboolean
ferry_transfer_get_is_folder (FerryTransfer *self)
{
  return self->is_folder;
}

FerryTransferFlags
ferry_transfer_get_flags (FerryTransfer *self)
{
  FerryTransferFlags flags;

  g_mutex_lock (&self->mutex);
  flags = self->flags;
  g_mutex_unlock (&self->mutex);
  return flags;
}

void
ferry_transfer_set_flags (FerryTransfer     *self,
                          FerryTransferFlags flags)
{
  g_mutex_lock (&self->mutex);
  self->flags = flags;
  g_mutex_unlock (&self->mutex);
}

void
ferry_transfer_set_managed (FerryTransfer *self,
                            gboolean       managed)
{
  g_mutex_lock (&self->mutex);
  self->managed = managed;
  g_mutex_unlock (&self->mutex);
}

gboolean
ferry_transfer_get_managed (FerryTransfer *self)
{
  gboolean managed;

  g_mutex_lock (&self->mutex);
  managed = self->managed;
  g_mutex_unlock (&self->mutex);
  return managed;
}

FerryTransfer *
ferry_transfer_get_parent (FerryTransfer *self)
{
  FerryTransfer *parent = g_weak_ref_get (&self->parent);

  /* Borrowed: the runner keeps parents alive as long as their children. */
  if (parent != NULL)
    g_object_unref (parent);
  return parent;
}

void
ferry_transfer_set_parent (FerryTransfer *self,
                           FerryTransfer *parent)
{
  g_weak_ref_set (&self->parent, parent);
}

FerryTransferState
ferry_transfer_get_state (FerryTransfer *self)
{
  FerryTransferState state;

  g_mutex_lock (&self->mutex);
  state = self->state;
  g_mutex_unlock (&self->mutex);
  return state;
}

char *
ferry_transfer_dup_error_message (FerryTransfer *self)
{
  char *message;

  g_mutex_lock (&self->mutex);
  message = g_strdup (self->error_message);
  g_mutex_unlock (&self->mutex);
  return message;
}

GError *
ferry_transfer_dup_error (FerryTransfer *self)
{
  GError *error;

  g_mutex_lock (&self->mutex);
  error = self->error ? g_error_copy (self->error) : NULL;
  g_mutex_unlock (&self->mutex);
  return error;
}

gint64
ferry_transfer_get_bytes_done (FerryTransfer *self)
{
  gint64 done;

  g_mutex_lock (&self->mutex);
  done = self->bytes_done;
  g_mutex_unlock (&self->mutex);
  return done;
}

gint64
ferry_transfer_get_total (FerryTransfer *self)
{
  gint64 total;

  g_mutex_lock (&self->mutex);
  total = self->total;
  g_mutex_unlock (&self->mutex);
  return total;
}

double
ferry_transfer_get_rate (FerryTransfer *self)
{
  double rate;

  g_mutex_lock (&self->mutex);
  rate = self->rate;
  g_mutex_unlock (&self->mutex);
  return rate;
}

guint
ferry_transfer_get_attempts (FerryTransfer *self)
{
  guint attempts;

  g_mutex_lock (&self->mutex);
  attempts = self->attempts;
  g_mutex_unlock (&self->mutex);
  return attempts;
}

/* ---- delivering notifications on the transfer's context ---- */

static gboolean
notify_cb (gpointer data)
{
  FerryTransfer *self = data;
  gboolean state_changed;

  g_mutex_lock (&self->mutex);
  self->notify_pending = FALSE;
  self->notify_idle_pending = FALSE;
  self->last_notify = g_get_monotonic_time ();
  state_changed = self->state_changed;
  self->state_changed = FALSE;
  g_mutex_unlock (&self->mutex);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
  if (state_changed)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

/* Called with the mutex held. Progress goes at most every
 * NOTIFY_INTERVAL_US, and never sooner than NOTIFY_SOON_US after it changed,
 * so that a small file's start, progress and end cost the main context one
 * wake-up, not three. An urgent change (the end, a failure) goes at the next
 * idle, unless one is on its way already. */
static void
schedule_notify (FerryTransfer *self,
                 gboolean       urgent)
{
  GSource *source;
  gint64 now = g_get_monotonic_time ();
  gint64 wait_us;

  if (self->notify_idle_pending || (self->notify_pending && !urgent))
    return;
  wait_us = urgent ? 0 : MAX (NOTIFY_SOON_US, self->last_notify + NOTIFY_INTERVAL_US - now);
  self->notify_pending = TRUE;
  self->notify_idle_pending = wait_us == 0;
  source = wait_us > 0 ? g_timeout_source_new ((guint) (wait_us / 1000)) : g_idle_source_new ();
  g_source_set_callback (source, notify_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[ferry] transfer progress");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

void
ferry_transfer_begin (FerryTransfer *self,
                      gint64         offset,
                      gint64         total)
{
  g_mutex_lock (&self->mutex);
  self->bytes_done = offset;
  self->start_offset = offset;
  self->total = total;
  self->started_at = g_get_monotonic_time ();
  self->rate = 0;
  schedule_notify (self, FALSE);
  g_mutex_unlock (&self->mutex);
}

void
ferry_transfer_add_bytes (FerryTransfer *self,
                          gsize          bytes)
{
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&self->mutex);
  self->bytes_done += bytes;
  if (self->total >= 0 && self->bytes_done > self->total)
    self->total = self->bytes_done;
  if (now > self->started_at)
    self->rate = (double) (self->bytes_done - self->start_offset) * G_USEC_PER_SEC /
                 (double) (now - self->started_at);
  schedule_notify (self, FALSE);
  g_mutex_unlock (&self->mutex);
}

void
ferry_transfer_set_state (FerryTransfer     *self,
                          FerryTransferState state,
                          const char        *error_message)
{
  g_mutex_lock (&self->mutex);
  if (state == FERRY_TRANSFER_ACTIVE && self->state != FERRY_TRANSFER_ACTIVE)
    self->attempts++;
  self->state = state;
  g_free (self->error_message);
  self->error_message = g_strdup (error_message);
  if (state != FERRY_TRANSFER_FAILED)
    g_clear_error (&self->error);
  self->state_changed = TRUE;
  /* Starting is no news that cannot wait a few milliseconds. */
  schedule_notify (self, state != FERRY_TRANSFER_ACTIVE);
  g_mutex_unlock (&self->mutex);
}

void
ferry_transfer_fail (FerryTransfer *self,
                     const GError  *error)
{
  g_return_if_fail (error != NULL);

  g_mutex_lock (&self->mutex);
  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  g_mutex_unlock (&self->mutex);
  ferry_transfer_set_state (self, FERRY_TRANSFER_FAILED, error->message);
}

void
ferry_transfer_set_progress (FerryTransfer *self,
                             gint64         done,
                             gint64         total)
{
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&self->mutex);
  if (self->started_at == 0)
    {
      self->started_at = now;
      self->start_offset = done;
    }
  self->bytes_done = done;
  self->total = total;
  if (now > self->started_at)
    self->rate = (double) MAX (0, done - self->start_offset) * G_USEC_PER_SEC /
                 (double) (now - self->started_at);
  schedule_notify (self, FALSE);
  g_mutex_unlock (&self->mutex);
}

const char *
ferry_transfer_state_to_string (FerryTransferState state)
{
  switch (state)
    {
    case FERRY_TRANSFER_QUEUED:
      return "queued";
    case FERRY_TRANSFER_ACTIVE:
      return "active";
    case FERRY_TRANSFER_DONE:
      return "done";
    case FERRY_TRANSFER_FAILED:
      return "failed";
    case FERRY_TRANSFER_CANCELLED:
      return "cancelled";
    case FERRY_TRANSFER_PAUSED:
      return "paused";
    default:
      return "unknown";
    }
}

/* ---- "file exists" (ferry-exists-policy.h) ---- */

gboolean
ferry_transfer_get_skipped (FerryTransfer *self)
{
  gboolean skipped;

  g_mutex_lock (&self->mutex);
  skipped = self->skipped;
  g_mutex_unlock (&self->mutex);
  return skipped;
}

void
ferry_transfer_set_skipped (FerryTransfer *self,
                            gboolean       skipped)
{
  g_mutex_lock (&self->mutex);
  self->skipped = skipped;
  g_mutex_unlock (&self->mutex);
}

char *
ferry_transfer_dup_renamed_target (FerryTransfer *self)
{
  char *target;

  g_mutex_lock (&self->mutex);
  target = g_strdup (self->renamed_target);
  g_mutex_unlock (&self->mutex);
  return target;
}

void
ferry_transfer_set_renamed_target (FerryTransfer *self,
                                   const char    *target)
{
  g_mutex_lock (&self->mutex);
  g_free (self->renamed_target);
  self->renamed_target = g_strdup (target);
  g_mutex_unlock (&self->mutex);
}

gboolean
ferry_transfer_take_target_new (FerryTransfer *self)
{
  gboolean target_new;

  g_mutex_lock (&self->mutex);
  target_new = self->target_new;
  self->target_new = FALSE;
  g_mutex_unlock (&self->mutex);
  return target_new;
}

void
ferry_transfer_set_target_new (FerryTransfer *self)
{
  g_mutex_lock (&self->mutex);
  self->target_new = TRUE;
  g_mutex_unlock (&self->mutex);
}

void
ferry_transfer_set_conflict (FerryTransfer        *self,
                             const FerryFileFacts *source,
                             const FerryFileFacts *target)
{
  g_mutex_lock (&self->mutex);
  self->has_conflict = TRUE;
  self->conflict_source = *source;
  self->conflict_target = *target;
  g_mutex_unlock (&self->mutex);
}

gboolean
ferry_transfer_get_conflict (FerryTransfer  *self,
                             FerryFileFacts *source,
                             FerryFileFacts *target)
{
  gboolean has;

  g_mutex_lock (&self->mutex);
  has = self->has_conflict;
  if (source != NULL)
    *source = self->conflict_source;
  if (target != NULL)
    *target = self->conflict_target;
  g_mutex_unlock (&self->mutex);
  return has;
}
