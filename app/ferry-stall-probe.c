/* ferry-stall-probe.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ferry-stall-probe.h: the window's stall measurement for the
 * benchmark. Nothing here runs unless FERRY_STALL_LOG is set.
 */
#define G_LOG_DOMAIN "ferry"

#include "config.h"

#include <stdio.h>

#include "ferry-stall-probe.h"

#define SAMPLE_INTERVAL_MS 5
#define REPORT_INTERVAL_US (250 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  FILE   *out;
  gint64  last_sample;
  gint64  last_report;
  gint64  max_gap;
  guint   frames;
  guint   first_frame_written : 1;
} StallProbe;

static StallProbe probe;

static gboolean
sample_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - probe.last_sample;

  probe.max_gap = MAX (probe.max_gap, gap);
  probe.last_sample = now;
  if (now - probe.last_report >= REPORT_INTERVAL_US)
    {
      gint64 stall = MAX (0, probe.max_gap - SAMPLE_INTERVAL_MS * G_TIME_SPAN_MILLISECOND);

      fprintf (probe.out, "stall %" G_GINT64_FORMAT " %.1f %u\n",
               now, stall / 1000.0, probe.frames);
      fflush (probe.out);
      probe.last_report = now;
      probe.max_gap = 0;
      probe.frames = 0;
    }
  return G_SOURCE_CONTINUE;
}

void
ferry_stall_probe_start (void)
{
  const char *path = g_getenv ("FERRY_STALL_LOG");
  gint64 now = g_get_monotonic_time ();

  if (path == NULL || *path == '\0' || probe.out != NULL)
    return;
  probe.out = fopen (path, "we");
  if (probe.out == NULL)
    {
      g_warning ("FERRY_STALL_LOG: cannot open %s", path);
      return;
    }
  fprintf (probe.out, "start %" G_GINT64_FORMAT "\n", now);
  fflush (probe.out);
  probe.last_sample = probe.last_report = now;
  g_timeout_add_full (GDK_PRIORITY_REDRAW, SAMPLE_INTERVAL_MS, sample_cb, NULL, NULL);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  probe.frames++;
  if (!probe.first_frame_written)
    {
      probe.first_frame_written = TRUE;
      fprintf (probe.out, "first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
      fflush (probe.out);
    }
}

static void
window_realize_cb (GtkWidget *window,
                   gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (clock != NULL)
    g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

void
ferry_stall_probe_watch_window (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (probe.out == NULL)
    return;
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realize_cb (GTK_WIDGET (window), NULL);
  else
    g_signal_connect (window, "realize", G_CALLBACK (window_realize_cb), NULL);
}
