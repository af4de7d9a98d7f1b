/* ferry-path-bar.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ferry's own path bar: one button per folder of the path, scrolled
 * horizontally, and an editing mode with an entry. GtkColumnView-based panes
 * on GTK 4.8 have no path bar to borrow.
 */
#pragma once

#include <gtk/gtk.h>

#include "ferry-browser-source.h"

G_BEGIN_DECLS

#define FERRY_TYPE_PATH_BAR (ferry_path_bar_get_type ())

G_DECLARE_FINAL_TYPE (FerryPathBar, ferry_path_bar, FERRY, PATH_BAR, GtkWidget)

GtkWidget          *ferry_path_bar_new            (void);
void                ferry_path_bar_set_source     (FerryPathBar       *self,
                                                   FerryBrowserSource *source);
FerryBrowserSource *ferry_path_bar_get_source     (FerryPathBar       *self);
void                ferry_path_bar_set_path       (FerryPathBar       *self,
                                                   const char         *path);
const char         *ferry_path_bar_get_path       (FerryPathBar       *self);
/* The paths of the buttons, from the first shown to the current folder. */
GStrv               ferry_path_bar_dup_segments   (FerryPathBar       *self);
void                ferry_path_bar_start_editing  (FerryPathBar       *self);
void                ferry_path_bar_stop_editing   (FerryPathBar       *self);
gboolean            ferry_path_bar_get_editing    (FerryPathBar       *self);

G_END_DECLS
