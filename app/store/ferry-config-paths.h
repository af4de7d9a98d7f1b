/* ferry-config-paths.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* $XDG_CONFIG_HOME/ferry/NAME; the folder is created (0700) when @create. */
char *ferry_config_path (const char *name,
                         gboolean    create,
                         GError    **error);
/* $XDG_DATA_HOME/ferry/NAME; the folder is created (0700) when @create. */
char *ferry_data_path   (const char *name,
                         gboolean    create,
                         GError    **error);

G_END_DECLS
