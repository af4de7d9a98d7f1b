/* ferry-local-source.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The local disk as a FerryBrowserSource: paths are file names (GLib file
 * name encoding), all I/O runs off the main thread.
 */
#pragma once

#include "ferry-browser-source.h"

G_BEGIN_DECLS

#define FERRY_TYPE_LOCAL_SOURCE (ferry_local_source_get_type ())

G_DECLARE_FINAL_TYPE (FerryLocalSource, ferry_local_source, FERRY, LOCAL_SOURCE, GObject)

FerryBrowserSource *ferry_local_source_new (void);

G_END_DECLS
