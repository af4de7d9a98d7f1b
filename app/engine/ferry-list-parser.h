/* ferry-list-parser.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure parsers for folder listings: one LIST or MLSD line in, one
 * FerryRemoteFile out. They never crash on any bytes and never refuse a name
 * for its encoding. See ferry-listing.h for a whole listing.
 */
#pragma once

#include <glib.h>

#include "ferry-remote-file.h"

G_BEGIN_DECLS

/**
 * FerryListContext:
 * @charset: the character set of names: %NULL (or "UTF-8") for UTF-8, where
 *   invalid sequences are decoded byte by byte as ISO-8859-1 (0x80–0x9F as
 *   U+FFFD); any other name iconv knows, where bytes it cannot convert become
 *   U+FFFD. In every case control characters are shown as the symbols U+2400–
 *   U+2421 (␀, ␉, ␡ …).
 * @timezone_offset_minutes: the server's clock is UTC + this. Applied to LIST
 *   times, which carry no zone (not to date-only entries, whose day is kept as
 *   listed; not to EPLF and MLSD times, which are UTC).
 * @now: (nullable): when the listing was made, in any zone; %NULL for now. It
 *   decides the year of "Mmm dd hh:mm" dates: servers use that form for dates
 *   less than six months old (ProFTPD and pure-ftpd for future dates too), so
 *   the year is the one that puts the date nearest to @now: a date more than
 *   six months in the future means last year, one more than six months in the
 *   past means next year.
 *
 * A zero-filled context means UTF-8, UTC and now.
 */
typedef struct
{
  const char *charset;
  int timezone_offset_minutes;
  GDateTime *now;
} FerryListContext;

/**
 * ferry_list_parse_line:
 * @line: one line of a LIST reply, without its line ending; any bytes
 * @len: its length in bytes
 * @ctx: (nullable): how to read it
 *
 * Reads Unix `ls -l` lines (dates "Mmm dd hh:mm", "Mmm dd  yyyy" and ISO
 * "yyyy-mm-dd hh:mm[:ss[.n]] [±hhmm]"; device numbers; with or without link
 * count and group; ACL marks "+", "@" and "."; symlinks "name -> target";
 * NetWare "d [RWCEAFMS] owner"), DOS/IIS lines (MM-DD-YY, MM-DD-YYYY or
 * YYYY-MM-DD; 12- or 24-hour time; "<DIR>", "<SYMLINKD>", "<JUNCTION>") and
 * EPLF ("+facts\tname"). Names keep leading, inner and trailing spaces.
 *
 * Returns: (transfer full) (nullable): the entry; %NULL without an error for
 *   lines that are not entries ("total 123", blank lines); %NULL with
 *   FERRY_ERROR_PROTOCOL for a line Ferry cannot read.
 */
FerryRemoteFile *ferry_list_parse_line     (const char             *line,
                                            gsize                   len,
                                            const FerryListContext *ctx,
                                            GError                **error);

/**
 * ferry_mlsd_parse_line:
 * One line of an MLSD reply (RFC 3659 §7): "fact=value;fact=value; name".
 * Reads type (file, dir, OS.unix=slink:target, OS.unix=symlink; cdir and pdir
 * give %NULL without an error; other types are SPECIAL), size, modify (UTC),
 * perm, UNIX.mode, UNIX.owner/UNIX.uid, UNIX.group/UNIX.gid,
 * UNIX.ownername and UNIX.groupname; other facts are ignored; fact names are
 * case-insensitive. An entry without a type fact is a file. The permissions
 * text is the perm fact, or else UNIX.mode.
 *
 * Returns: (transfer full) (nullable): as ferry_list_parse_line().
 */
FerryRemoteFile *ferry_mlsd_parse_line     (const char             *line,
                                            gsize                   len,
                                            const FerryListContext *ctx,
                                            GError                **error);

/**
 * ferry_remote_name_is_safe:
 * Whether a name from the server may become a local file name: not empty, not
 * "." or "..", no '/', no '\\', no NUL and no other control character (0x01–
 * 0x1F, 0x7F). FALSE with FERRY_ERROR_PROTOCOL and a message that names it
 * (sanitized) otherwise.
 */
gboolean         ferry_remote_name_is_safe (GBytes  *raw_name,
                                            GError **error);

/* The display form of a name from the server, decoded as @ctx says (see
 * FerryListContext). Always valid UTF-8. */
char            *ferry_list_decode_name    (const char             *data,
                                            gsize                   len,
                                            const FerryListContext *ctx);

G_END_DECLS
