/* ferry-file-pane-watch.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pane follows changes made elsewhere: a GFileMonitor on the folder shown
 * (when the source can watch it: the local disk), and reloads asked for by
 * the tab when a transfer into the folder finished (the server). Both come
 * here as "reload soon": a burst (2,000 files arriving) gives one reload at
 * the end of each quiet spell, at most one a second, never two at once.
 */
#define G_LOG_DOMAIN "ferry-file-pane"

#include "config.h"

#include "ferry-file-pane-private.h"

/* Wait this long after a change for the next one of the same burst. */
#define SOON_DELAY_MS 250
/* And never reload more often than this. */
#define SOON_MIN_INTERVAL_US (1000 * G_TIME_SPAN_MILLISECOND)

static gboolean
reload_soon_cb (gpointer data)
{
  FerryFilePane *self = data;

  self->reload_soon_id = 0;
  /* One listing at a time; the one running may already hold the change, the
   * next call after it ends will tell. */
  if (self->loading)
    {
      ferry_file_pane_reload_soon (self);
      return G_SOURCE_REMOVE;
    }
  self->last_soon_reload = g_get_monotonic_time ();
  if (self->loaded)
    ferry_file_pane_reload (self);
  return G_SOURCE_REMOVE;
}

void
ferry_file_pane_reload_soon (FerryFilePane *self)
{
  gint64 since;
  guint delay = SOON_DELAY_MS;

  g_return_if_fail (FERRY_IS_FILE_PANE (self));

  if (self->reload_soon_id != 0 || self->path == NULL)
    return;
  since = g_get_monotonic_time () - self->last_soon_reload;
  if (since < SOON_MIN_INTERVAL_US)
    delay = MAX (delay, (guint) ((SOON_MIN_INTERVAL_US - since) / 1000));
  self->reload_soon_id = g_timeout_add (delay, reload_soon_cb, self);
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    FerryFilePane     *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
      /* Contents being written: the size shows once it is done. */
      return;
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      ferry_file_pane_reload_soon (self);
      return;
    }
}

void
ferry_file_pane_unwatch (FerryFilePane *self)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_pointer (&self->monitor_path, g_free);
  g_clear_handle_id (&self->reload_soon_id, g_source_remove);
}

void
ferry_file_pane_watch_folder (FerryFilePane *self)
{
  g_autoptr(GError) error = NULL;

  if (self->path == NULL || g_strcmp0 (self->monitor_path, self->path) == 0)
    return;
  ferry_file_pane_unwatch (self);
  self->monitor_path = g_strdup (self->path);
  self->monitor = ferry_browser_source_monitor (self->source, self->path, &error);
  if (self->monitor == NULL)
    {
      /* Reload still works, and finished downloads still ask for one. */
      if (error != NULL)
        g_debug ("Not watching %s: %s", self->path, error->message);
      return;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self);
}
