/* ferry-preferences-window.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FERRY_TYPE_PREFERENCES_WINDOW (ferry_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (FerryPreferencesWindow, ferry_preferences_window,
                      FERRY, PREFERENCES_WINDOW, AdwPreferencesWindow)

/**
 * ferry_preferences_window_new:
 * @parent: (nullable): the window the preferences belong to
 *
 * The preferences (GSettings schema io.github.ferryapp.Ferry): parallel
 * transfers, download folder, hidden files, minimum TLS version and
 * confirming deletes. Every change applies at once. When the schema is not
 * installed the window says so and changes nothing.
 *
 * Returns: (transfer floating): a new FerryPreferencesWindow, not shown yet
 */
GtkWidget *ferry_preferences_window_new (GtkWindow *parent);

G_END_DECLS
