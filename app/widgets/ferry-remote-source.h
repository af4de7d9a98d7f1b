/* ferry-remote-source.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A server, through a connected FerrySession, as a FerryBrowserSource: paths
 * are the server's bytes joined with '/'. Connecting is the caller's job.
 */
#pragma once

#include "ferry-browser-source.h"
#include "ferry-session.h"

G_BEGIN_DECLS

#define FERRY_TYPE_REMOTE_SOURCE (ferry_remote_source_get_type ())

G_DECLARE_FINAL_TYPE (FerryRemoteSource, ferry_remote_source, FERRY, REMOTE_SOURCE, GObject)

FerryBrowserSource *ferry_remote_source_new         (FerrySession      *session);
FerrySession       *ferry_remote_source_get_session (FerryRemoteSource *self);

G_END_DECLS
