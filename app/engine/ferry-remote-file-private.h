/* ferry-remote-file-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the listing parsers: a new FerryRemoteFile filled in one call, without
 * the notifications and checks of the public setters. A listing makes
 * hundreds of thousands of them on the worker thread, before anyone can have
 * connected to one.
 */
#pragma once

#include "ferry-remote-file.h"

G_BEGIN_DECLS

/* Takes @display_name, which must be valid UTF-8. */
FerryRemoteFile *ferry_remote_file_new_take (GBytes             *raw_name,
                                             char               *display_name,
                                             FerryRemoteFileKind kind);
/* On a file from ferry_remote_file_new_take() only. Takes @link_target and
 * @modified (UTC); copies (interns) @permissions, @owner and @group. Strings
 * must be valid UTF-8 or NULL. */
void             ferry_remote_file_fill     (FerryRemoteFile *self,
                                             char            *link_target,
                                             int              link_target_kind,
                                             gint64           size,
                                             GDateTime       *modified,
                                             gboolean         has_time,
                                             guint            mode,
                                             const char      *permissions,
                                             const char      *owner,
                                             const char      *group);

G_END_DECLS
