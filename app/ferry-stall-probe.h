/* ferry-stall-probe.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A measuring hook for tests/bench/bench-window.py, off unless the
 * environment names a file in FERRY_STALL_LOG. Then the main loop is
 * sampled by a timer at the redraw priority (it runs only when nothing more
 * urgent is pending, so a gap in it is time the window could not have drawn
 * a frame), and the file gets, with times in microseconds of
 * g_get_monotonic_time() (CLOCK_MONOTONIC, as Python's time.monotonic()):
 *
 *   start T                    when main() began
 *   first-frame T              when the first window painted its first frame
 *   stall T MAX_MS FRAMES      every 250 ms: the longest gap between two
 *                              samples in that time, less the timer's own
 *                              interval, and the frames painted in it
 */
void ferry_stall_probe_start        (void);
void ferry_stall_probe_watch_window (GtkWindow *window);

G_END_DECLS
