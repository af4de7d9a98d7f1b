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
 * FerryServerType:
 * The listing format a site's LIST replies are in, for the cases where the
 * format cannot be told from the line (a DOS date's day and month, a member
 * name alone on its line). %FERRY_SERVER_TYPE_AUTO, the default, reads each
 * line with the first format it fits; any other type tries its own readers
 * first and then the others, so a line in another format is still read.
 */
typedef enum
{
  FERRY_SERVER_TYPE_AUTO = 0,
  FERRY_SERVER_TYPE_UNIX,
  FERRY_SERVER_TYPE_DOS,
  FERRY_SERVER_TYPE_VMS,
  FERRY_SERVER_TYPE_MVS,
  FERRY_SERVER_TYPE_ZVM,
  FERRY_SERVER_TYPE_AS400,
  FERRY_SERVER_TYPE_OS2,
  FERRY_SERVER_TYPE_VSHELL,
  FERRY_SERVER_TYPE_VXWORKS,
  FERRY_SERVER_TYPE_WFFTP,
  FERRY_SERVER_TYPE_OS9,
  FERRY_SERVER_TYPE_TANDEM,
  FERRY_SERVER_TYPE_N_TYPES
} FerryServerType;

/* The stable name of @type for files and the command line ("auto", "unix",
 * "dos", "vms", "mvs", "zvm", "as400", "os2", "vshell", "vxworks", "wfftp",
 * "os9", "tandem"). */
const char      *ferry_server_type_to_string   (FerryServerType  type);
/* The type named @name (ASCII case ignored); FALSE for an unknown name. */
gboolean         ferry_server_type_from_string (const char      *name,
                                                FerryServerType *type);
/* The translated name a person sees ("Automatic", "Unix", "IBM z/OS (MVS)"…). */
const char      *ferry_server_type_get_label   (FerryServerType  type);

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
 * @server_type: the format to try first (see #FerryServerType).
 *
 * A zero-filled context means UTF-8, UTC, now and automatic.
 */
typedef struct
{
  const char *charset;
  int timezone_offset_minutes;
  GDateTime *now;
  FerryServerType server_type;
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
 * NetWare "d [RWCEAFMS] owner"; and, when no such date is found, numeric,
 * day-first, German and CJK dates, sizes with units, owner and size run
 * together, no date at all, NetPresenz and Connect:Enterprise), DOS/IIS lines
 * (MM-DD-YY, MM-DD-YYYY or YYYY-MM-DD; 12- or 24-hour time; "<DIR>",
 * "<SYMLINKD>", "<JUNCTION>"), EPLF ("+facts\tname"), MLSD lines sent in
 * answer to LIST, VMS, z/OS datasets and members, z/VM, IBM i, OS/2, VShell,
 * VxWorks, Nortel wfFtp, OS-9 and HP NonStop. @ctx's server type is tried
 * first. Names keep leading, inner and trailing spaces.
 *
 * Returns: (transfer full) (nullable): the entry; %NULL without an error for
 *   lines that are not entries ("total 123", blank lines); %NULL with
 *   FERRY_ERROR_PROTOCOL for a line Ferry cannot read.
 */
FerryRemoteFile *ferry_list_parse_line     (const char             *line,
                                            gsize                   len,
                                            const FerryListContext *ctx,
                                            GError                **error);

/* The server type a header line shows (z/OS "Volume Unit Referred…" and
 * " Name VV.MM Created…", VMS "Directory DISK$USER:[DIR]" and "Total of…",
 * HP NonStop "File Code EOF…"); %FERRY_SERVER_TYPE_AUTO for any other line.
 * ferry_list_parse_line() reads header lines as no entry. */
FerryServerType  ferry_list_line_header_type (const char *line,
                                              gsize       len);

/* TRUE when @line is the first half of an entry whose rest is on the next
 * line: a VMS name too long for its column ("LONG_NAME.TXT;1" alone). Join
 * the two with a space and read them as one line. */
gboolean         ferry_list_line_continues   (const char *line,
                                              gsize       len);

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
