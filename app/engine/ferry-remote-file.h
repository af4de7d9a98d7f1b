/* ferry-remote-file.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One entry of a remote folder listing, as a LIST or MLSD line described it.
 * The listing parsers make it on the session's worker thread and set its
 * fields with the setters below; once it is handed to the UI nothing changes
 * it any more, so it can be shared between threads.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  FERRY_REMOTE_FILE_KIND_FILE,
  FERRY_REMOTE_FILE_KIND_DIRECTORY,
  FERRY_REMOTE_FILE_KIND_LINK,
  FERRY_REMOTE_FILE_KIND_SPECIAL, /* a device, FIFO, socket or a type the server did not name */
} FerryRemoteFileKind;

#define FERRY_TYPE_REMOTE_FILE (ferry_remote_file_get_type ())

G_DECLARE_FINAL_TYPE (FerryRemoteFile, ferry_remote_file, FERRY, REMOTE_FILE, GObject)

/**
 * ferry_remote_file_new:
 * @raw_name: the name exactly as the server sent it (not empty), what Ferry
 *   sends back in commands, byte for byte
 * @display_name: @raw_name decoded for people: valid UTF-8
 * @kind: what the entry is
 *
 * The size is unknown (-1), as are the link target's kind (-1), the date (%NULL)
 * and the mode (0). #FerryRemoteFile:safe-name is set from
 * ferry_remote_name_is_safe().
 */
FerryRemoteFile    *ferry_remote_file_new                   (GBytes             *raw_name,
                                                             const char         *display_name,
                                                             FerryRemoteFileKind kind);

GBytes             *ferry_remote_file_get_raw_name          (FerryRemoteFile *self);
const char         *ferry_remote_file_get_name              (FerryRemoteFile *self);
FerryRemoteFileKind ferry_remote_file_get_kind              (FerryRemoteFile *self);
/* For a link: where it points, for people (valid UTF-8); %NULL when not known. */
const char         *ferry_remote_file_get_link_target       (FerryRemoteFile *self);
/* For a link: a #FerryRemoteFileKind, or -1 when the listing did not say; a
 * link to an unknown kind can be entered by trying CWD. */
int                 ferry_remote_file_get_link_target_kind  (FerryRemoteFile *self);
/* Bytes, or -1 when unknown (folders, devices, servers that do not say). */
gint64              ferry_remote_file_get_size              (FerryRemoteFile *self);
/* In UTC; %NULL when unknown. */
GDateTime          *ferry_remote_file_get_modified          (FerryRemoteFile *self);
/* FALSE when the listing gave only a date (or a year): the time of day is then
 * 00:00 UTC of that date and says nothing. */
gboolean            ferry_remote_file_get_modified_has_time (FerryRemoteFile *self);
/* Unix permission bits (07777), 0 when unknown. */
guint               ferry_remote_file_get_mode              (FerryRemoteFile *self);
/* The permissions as listed: "-rw-r--r--", "drwxr-x---+" or an MLSD perm fact
 * ("adfrw"); %NULL when the listing had none. */
const char         *ferry_remote_file_get_permissions       (FerryRemoteFile *self);
const char         *ferry_remote_file_get_owner             (FerryRemoteFile *self);
const char         *ferry_remote_file_get_group             (FerryRemoteFile *self);
/* FALSE when the name must not become a local file name (see
 * ferry_remote_name_is_safe()); the entry is still listed. */
gboolean            ferry_remote_file_get_safe_name         (FerryRemoteFile *self);
/* g_utf8_collate_key_for_filename() of the name, made on first use and kept;
 * safe to call from any thread. */
const char         *ferry_remote_file_get_collation_key     (FerryRemoteFile *self);
/* TRUE for names that begin with a dot. */
gboolean            ferry_remote_file_is_hidden             (FerryRemoteFile *self);

void                ferry_remote_file_set_link_target       (FerryRemoteFile *self,
                                                             const char      *link_target);
void                ferry_remote_file_set_link_target_kind  (FerryRemoteFile *self,
                                                             int              kind);
void                ferry_remote_file_set_size              (FerryRemoteFile *self,
                                                             gint64           size);
/* @modified is converted to UTC when it is not. */
void                ferry_remote_file_set_modified          (FerryRemoteFile *self,
                                                             GDateTime       *modified,
                                                             gboolean         has_time);
void                ferry_remote_file_set_mode              (FerryRemoteFile *self,
                                                             guint            mode);
void                ferry_remote_file_set_permissions       (FerryRemoteFile *self,
                                                             const char      *permissions);
void                ferry_remote_file_set_owner             (FerryRemoteFile *self,
                                                             const char      *owner);
void                ferry_remote_file_set_group             (FerryRemoteFile *self,
                                                             const char      *group);
void                ferry_remote_file_set_safe_name         (FerryRemoteFile *self,
                                                             gboolean         safe_name);

G_END_DECLS
