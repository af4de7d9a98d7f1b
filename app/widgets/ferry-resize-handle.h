/* ferry-resize-handle.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Dragging @handle (a strip above @target) up or down makes @target taller
 * or shorter; the height is kept in @settings' integer @key (nullable
 * settings: not remembered) and read back now. */
void ferry_resize_handle_attach (GtkWidget  *handle,
                                 GtkWidget  *target,
                                 GSettings  *settings,
                                 const char *key);

G_END_DECLS
