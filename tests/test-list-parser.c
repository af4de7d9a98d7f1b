/* test-list-parser.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixture tables for the LIST and MLSD parsers, the name-safety check,
 * FerryRemoteFile and the streaming FerryListing builder. The vsftpd, ProFTPD
 * and pure-ftpd lines were recorded from the servers of tests/servers on
 * 2026-11-28 (a tree with spaces, links, devices, a FIFO, a 5 GiB sparse file,
 * Latin-1 and UTF-8 names); the others are from GNU ls, busybox, IIS, Windows
 * CE and the format descriptions of the servers named in each row.
 */
#include "config.h"

#include <string.h>

#include "ferry-error.h"
#include "ferry-engine-enums.h"
#include "ferry-list-parser.h"
#include "ferry-listing.h"
#include "ferry-remote-file.h"

/* A string literal and its length, NUL bytes included. */
#define BYTES(s) (s), (sizeof (s) - 1)

#define K_FILE    FERRY_REMOTE_FILE_KIND_FILE
#define K_DIR     FERRY_REMOTE_FILE_KIND_DIRECTORY
#define K_LINK    FERRY_REMOTE_FILE_KIND_LINK
#define K_SPECIAL FERRY_REMOTE_FILE_KIND_SPECIAL

/* The modified date of a row: with a time, date only, none. */
#define AT(iso)  iso, TRUE
#define ON(date) date "T00:00:00Z", FALSE
#define NO_DATE  NULL, FALSE

/* "now" of the main tables: the day the server lines were recorded. */
#define NOW_ISO "2026-11-28T12:00:00Z"

static GDateTime *
parse_iso (const char *iso)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return dt;
}

static char *
format_utc (GDateTime *dt)
{
  if (dt == NULL)
    return NULL;
  g_assert_cmpint (g_date_time_get_utc_offset (dt), ==, 0);
  return g_date_time_format_iso8601 (dt);
}

/* ------------------------------------------------------------------------ */
/* LIST                                                                      */

typedef struct
{
  const char *source;
  const char *line;
  gsize line_len;
  FerryRemoteFileKind kind;
  const char *name;       /* display name */
  const char *raw;        /* NULL: the same bytes as @name */
  gint64 size;
  const char *modified;   /* UTC, ISO 8601 */
  gboolean has_time;
  const char *target;
  const char *owner;
  const char *group;
  guint mode;
  const char *permissions;
  int target_kind;        /* checked for links only */
} ListCase;

static const ListCase list_cases[] = {
  /* vsftpd 3.0.3: numeric owners (no text_userdb_names), zero-padded day,
   * future dates with the year. */
  { "vsftpd", BYTES ("-rw-r--r--    1 1        1               1 Nov 28 06:04  leading space"),
    K_FILE, " leading space", NULL, 1, AT ("2026-11-28T06:04:00Z"), NULL, "1", "1",
    0644, "-rw-r--r--" },
  { "vsftpd", BYTES ("-rw-r--r--    1 1        1               1 Nov 28 06:04 trailing space "),
    K_FILE, "trailing space ", NULL, 1, AT ("2026-11-28T06:04:00Z"), NULL, "1", "1",
    0644, "-rw-r--r--" },
  { "vsftpd", BYTES ("-rw-r--r--    1 1        1               1 Nov 28 06:04 inner  two  spaces"),
    K_FILE, "inner  two  spaces", NULL, 1, AT ("2026-11-28T06:04:00Z"), NULL, "1", "1",
    0644, "-rw-r--r--" },
  { "vsftpd", BYTES ("-rw-r--r--    1 1        1        5368709243 Nov 28 06:04 big.iso"),
    K_FILE, "big.iso", NULL, G_GINT64_CONSTANT (5368709243), AT ("2026-11-28T06:04:00Z"),
    NULL, "1", "1", 0644, "-rw-r--r--" },
  { "vsftpd", BYTES ("lrwxrwxrwx    1 1        1              14 Nov 28 06:04 link with space -> "
                     "dir with space"),
    K_LINK, "link with space", NULL, 14, AT ("2026-11-28T06:04:00Z"), "dir with space", "1", "1",
    0777, "lrwxrwxrwx", -1 },
  { "vsftpd", BYTES ("lrwxrwxrwx    1 1        1               7 Nov 28 06:04 dangling -> nowhere"),
    K_LINK, "dangling", NULL, 7, AT ("2026-11-28T06:04:00Z"), "nowhere", "1", "1",
    0777, "lrwxrwxrwx", -1 },
  { "vsftpd", BYTES ("-rw-r--r--    1 1        1               3 Jan 02  2028 future.txt"),
    K_FILE, "future.txt", NULL, 3, ON ("2028-01-02"), NULL, "1", "1", 0644, "-rw-r--r--" },
  { "vsftpd", BYTES ("-rw-r--r--    1 1        1               3 Mar 04  2019 old.txt"),
    K_FILE, "old.txt", NULL, 3, ON ("2019-03-04"), NULL, "1", "1", 0644, "-rw-r--r--" },
  { "vsftpd", BYTES ("prw-r--r--    1 0        0               0 Nov 28 06:04 fifo"),
    K_SPECIAL, "fifo", NULL, 0, AT ("2026-11-28T06:04:00Z"), NULL, "0", "0", 0644, "prw-r--r--" },
  { "vsftpd", BYTES ("crw-------    1 0        0               0 Nov 28 06:04 tty1"),
    K_SPECIAL, "tty1", NULL, 0, AT ("2026-11-28T06:04:00Z"), NULL, "0", "0", 0600, "crw-------" },
  { "vsftpd", BYTES ("brw-r-----    1 0        0               0 Nov 28 06:04 sda"),
    K_SPECIAL, "sda", NULL, 0, AT ("2026-11-28T06:04:00Z"), NULL, "0", "0", 0640, "brw-r-----" },
  { "vsftpd", BYTES ("-rwsr-xr-x    1 1        1               6 Nov 28 06:04 plain.txt"),
    K_FILE, "plain.txt", NULL, 6, AT ("2026-11-28T06:04:00Z"), NULL, "1", "1",
    04755, "-rwsr-xr-x" },
  { "vsftpd",
    BYTES ("-rw-r--r--    1 1        1               1 Nov 28 06:04 latin1-\xe9t\xe9.txt"),
    K_FILE, "latin1-été.txt", "latin1-\xe9t\xe9.txt", 1, AT ("2026-11-28T06:04:00Z"), NULL,
    "1", "1", 0644, "-rw-r--r--" },
  { "vsftpd", BYTES ("-rw-r--r--    1 1        1               1 Nov 28 06:04 caf\xc3\xa9-"
                     "\xe6\x97\xa5\xe6\x9c\xac.txt"),
    K_FILE, "café-日本.txt", NULL, 1, AT ("2026-11-28T06:04:00Z"), NULL, "1", "1",
    0644, "-rw-r--r--" },
  { "vsftpd", BYTES ("-rw-r--r--    1 1        1               1 Nov 28 06:04 arrow -> not a link"),
    K_FILE, "arrow -> not a link", NULL, 1, AT ("2026-11-28T06:04:00Z"), NULL, "1", "1",
    0644, "-rw-r--r--" },
  { "vsftpd", BYTES ("-rw-r--r--    1 1        1               1 Nov 28 06:04 -dash"),
    K_FILE, "-dash", NULL, 1, AT ("2026-11-28T06:04:00Z"), NULL, "1", "1", 0644, "-rw-r--r--" },
  { "vsftpd", BYTES ("drwxr-xr-x    2 1        1            4096 Nov 28 06:04 dir with space"),
    K_DIR, "dir with space", NULL, 4096, AT ("2026-11-28T06:04:00Z"), NULL, "1", "1",
    0755, "drwxr-xr-x" },

  /* ProFTPD 1.3.8: names, space-padded day, future dates within the time form. */
  { "ProFTPD", BYTES ("-rw-r--r--   1 alice    ferry           1 Nov 28 06:04  leading space"),
    K_FILE, " leading space", NULL, 1, AT ("2026-11-28T06:04:00Z"), NULL, "alice", "ferry",
    0644, "-rw-r--r--" },
  { "ProFTPD", BYTES ("-rw-r--r--   1 alice    ferry    5368709243 Nov 28 06:04 big.iso"),
    K_FILE, "big.iso", NULL, G_GINT64_CONSTANT (5368709243), AT ("2026-11-28T06:04:00Z"),
    NULL, "alice", "ferry", 0644, "-rw-r--r--" },
  { "ProFTPD (a future file: the nearest year)",
    BYTES ("-rw-r--r--   1 alice    ferry           3 Jan  2 06:04 future.txt"),
    K_FILE, "future.txt", NULL, 3, AT ("2027-01-02T06:04:00Z"), NULL, "alice", "ferry",
    0644, "-rw-r--r--" },
  { "ProFTPD", BYTES ("-rw-r--r--   1 alice    ferry           3 Mar  4  2019 old.txt"),
    K_FILE, "old.txt", NULL, 3, ON ("2019-03-04"), NULL, "alice", "ferry", 0644, "-rw-r--r--" },
  { "ProFTPD", BYTES ("lrwxrwxrwx   1 alice    ferry           6 Nov 28 06:04 link-to-folder -> "
                      "folder"),
    K_LINK, "link-to-folder", NULL, 6, AT ("2026-11-28T06:04:00Z"), "folder", "alice", "ferry",
    0777, "lrwxrwxrwx", -1 },
  { "ProFTPD", BYTES ("drwxr-xr-x   2 alice    ferry        4096 Nov 28 06:04 folder"),
    K_DIR, "folder", NULL, 4096, AT ("2026-11-28T06:04:00Z"), NULL, "alice", "ferry",
    0755, "drwxr-xr-x" },
  { "ProFTPD", BYTES ("-rw-r--r--   1 alice    ferry           1 Nov 28 06:04 trailing space "),
    K_FILE, "trailing space ", NULL, 1, AT ("2026-11-28T06:04:00Z"), NULL, "alice", "ferry",
    0644, "-rw-r--r--" },
  { "ProFTPD", BYTES ("prw-r--r--   1 0        0               0 Nov 28 06:04 fifo"),
    K_SPECIAL, "fifo", NULL, 0, AT ("2026-11-28T06:04:00Z"), NULL, "0", "0", 0644, "prw-r--r--" },

  /* pure-ftpd 1.0.50: wide owner and group columns. */
  { "pure-ftpd", BYTES ("-rw-r--r--    1 1          daemon              1 Nov 28 06:04 inner  "
                        "two  spaces"),
    K_FILE, "inner  two  spaces", NULL, 1, AT ("2026-11-28T06:04:00Z"), NULL, "1", "daemon",
    0644, "-rw-r--r--" },
  { "pure-ftpd", BYTES ("-rw-r--r--    1 1          daemon     5368709243 Nov 28 06:04 big.iso"),
    K_FILE, "big.iso", NULL, G_GINT64_CONSTANT (5368709243), AT ("2026-11-28T06:04:00Z"), NULL,
    "1", "daemon", 0644, "-rw-r--r--" },
  { "pure-ftpd", BYTES ("lrwxrwxrwx    1 1          daemon             14 Nov 28 06:04 link "
                        "with space -> dir with space"),
    K_LINK, "link with space", NULL, 14, AT ("2026-11-28T06:04:00Z"), "dir with space", "1",
    "daemon", 0777, "lrwxrwxrwx", -1 },
  { "pure-ftpd", BYTES ("drwxr-xr-x    2 1          daemon           4096 Nov 28 06:04 dir "
                        "with space"),
    K_DIR, "dir with space", NULL, 4096, AT ("2026-11-28T06:04:00Z"), NULL, "1", "daemon",
    0755, "drwxr-xr-x" },
  { "pure-ftpd", BYTES ("-rw-r--r--    1 1          daemon              3 Mar  4  2019 old.txt"),
    K_FILE, "old.txt", NULL, 3, ON ("2019-03-04"), NULL, "1", "daemon", 0644, "-rw-r--r--" },
  { "pure-ftpd", BYTES ("-rw-r--r--    1 1          daemon              1 Nov 28 06:04 latin1-"
                        "\xe9t\xe9.txt"),
    K_FILE, "latin1-été.txt", "latin1-\xe9t\xe9.txt", 1, AT ("2026-11-28T06:04:00Z"), NULL,
    "1", "daemon", 0644, "-rw-r--r--" },

  /* GNU ls (servers that run /bin/ls: wu-ftpd, BSD ftpd, OpenSSH-era setups). */
  { "GNU ls, device", BYTES ("crw------- 1 root root 4, 1 Nov 21 01:25 tty1"),
    K_SPECIAL, "tty1", NULL, -1, AT ("2026-11-21T01:25:00Z"), NULL, "root", "root",
    0600, "crw-------" },
  { "GNU ls, device", BYTES ("crw-rw-rw- 1 root root 1, 3 Nov 21 01:25 null"),
    K_SPECIAL, "null", NULL, -1, AT ("2026-11-21T01:25:00Z"), NULL, "root", "root",
    0666, "crw-rw-rw-" },
  { "GNU ls, device, next January", BYTES ("crw-rw---- 1 root tty 4, 1 Jan 1 12:00 tty1"),
    K_SPECIAL, "tty1", NULL, -1, AT ("2027-01-01T12:00:00Z"), NULL, "root", "tty",
    0660, "crw-rw----" },
  { "GNU ls --time-style=long-iso", BYTES ("-rwxr-xr-x 1 root root 3 2026-11-28 05:42 hostname"),
    K_FILE, "hostname", NULL, 3, AT ("2026-11-28T05:42:00Z"), NULL, "root", "root",
    0755, "-rwxr-xr-x" },
  { "GNU ls --full-time",
    BYTES ("-rwxr-xr-x 1 root root 3 2026-11-28 05:42:08.757341649 +0000 hostname"),
    K_FILE, "hostname", NULL, 3, AT ("2026-11-28T05:42:08.757341Z"), NULL, "root", "root",
    0755, "-rwxr-xr-x" },
  { "GNU ls --full-time, zone",
    BYTES ("-rw-r--r-- 1 root root 3 2026-11-28 05:42:08.000000000 +0100 zoned name"),
    K_FILE, "zoned name", NULL, 3, AT ("2026-11-28T04:42:08Z"), NULL, "root", "root",
    0644, "-rw-r--r--" },
  { "GNU ls, socket", BYTES ("srwxrwxrwx 1 root root 0 Nov 28 06:00 agent.sock"),
    K_SPECIAL, "agent.sock", NULL, 0, AT ("2026-11-28T06:00:00Z"), NULL, "root", "root",
    0777, "srwxrwxrwx" },
  { "GNU ls, sticky", BYTES ("drwxrwxrwt  10 root     root         4096 Nov 28 06:00 tmp"),
    K_DIR, "tmp", NULL, 4096, AT ("2026-11-28T06:00:00Z"), NULL, "root", "root",
    01777, "drwxrwxrwt" },
  { "GNU ls, setgid", BYTES ("drwxr-sr-x   2 root     staff        4096 Oct  1 09:00 shared"),
    K_DIR, "shared", NULL, 4096, AT ("2026-10-01T09:00:00Z"), NULL, "root", "staff",
    02755, "drwxr-sr-x" },
  { "GNU ls, setuid without x", BYTES ("-rwS------   1 root     root            0 Jun  5 08:00 S"),
    K_FILE, "S", NULL, 0, AT ("2026-06-05T08:00:00Z"), NULL, "root", "root",
    04600, "-rwS------" },
  { "GNU ls, SELinux context mark", BYTES ("drwxr-xr-x. 2 root root 6 Nov  1 10:00 selinux"),
    K_DIR, "selinux", NULL, 6, AT ("2026-11-01T10:00:00Z"), NULL, "root", "root",
    0755, "drwxr-xr-x." },
  { "GNU ls, UTF-8", BYTES ("-rw-r--r--   1 alice staff 12 Nov 27 10:00 \xe6\x97\xa5\xe6\x9c\xac"
                            "\xe8\xaa\x9e.txt"),
    K_FILE, "日本語.txt", NULL, 12, AT ("2026-11-27T10:00:00Z"), NULL, "alice", "staff",
    0644, "-rw-r--r--" },
  { "GNU ls, a name like a date",
    BYTES ("-rw-r--r--   1 alice staff 5 Nov 27 10:00 Jan 1 12:00 notes"),
    K_FILE, "Jan 1 12:00 notes", NULL, 5, AT ("2026-11-27T10:00:00Z"), NULL, "alice", "staff",
    0644, "-rw-r--r--" },
  { "GNU ls, a name of one space", BYTES ("-rw-r--r--   1 alice staff 0 Nov 27 10:00  "),
    K_FILE, " ", NULL, 0, AT ("2026-11-27T10:00:00Z"), NULL, "alice", "staff",
    0644, "-rw-r--r--" },
  { "GNU ls, Latin-1 link target",
    BYTES ("lrwxrwxrwx   1 alice staff 8 Nov 27 10:00 caf\xe9 -> caf\xe9.txt"),
    K_LINK, "café", "caf\xe9", 8, AT ("2026-11-27T10:00:00Z"), "café.txt", "alice", "staff",
    0777, "lrwxrwxrwx", -1 },
  { "GNU ls, link whose name has an arrow",
    BYTES ("lrwxrwxrwx   1 alice staff 1 Nov 27 10:00 a -> b -> c"),
    K_LINK, "a", NULL, 1, AT ("2026-11-27T10:00:00Z"), "b -> c", "alice", "staff",
    0777, "lrwxrwxrwx", -1 },

  /* busybox ftpd (its own ls: numeric ids, devices as "major,   minor"). */
  { "busybox", BYTES ("-rw-r--r--    1 0        0              13 Jan  1 00:01 hello.txt"),
    K_FILE, "hello.txt", NULL, 13, AT ("2027-01-01T00:01:00Z"), NULL, "0", "0",
    0644, "-rw-r--r--" },
  { "busybox", BYTES ("drwxr-xr-x    2 0        0               0 Nov 27 23:59 www"),
    K_DIR, "www", NULL, 0, AT ("2026-11-27T23:59:00Z"), NULL, "0", "0", 0755, "drwxr-xr-x" },
  { "busybox, device", BYTES ("crw-rw----    1 0        5          4,   1 Nov 21 01:25 tty1"),
    K_SPECIAL, "tty1", NULL, -1, AT ("2026-11-21T01:25:00Z"), NULL, "0", "5",
    0660, "crw-rw----" },
  { "busybox, device without space",
    BYTES ("brw-rw----    1 0        6          8,0 Nov 21 01:25 sda"),
    K_SPECIAL, "sda", NULL, -1, AT ("2026-11-21T01:25:00Z"), NULL, "0", "6",
    0660, "brw-rw----" },

  /* ACL and extended-attribute marks. */
  { "Solaris ACL", BYTES ("-rw-r--r--+  1 root     root         512 Apr  8  1994 acl file"),
    K_FILE, "acl file", NULL, 512, ON ("1994-04-08"), NULL, "root", "root",
    0644, "-rw-r--r--+" },
  { "macOS extended attributes", BYTES ("-rw-r--r--@ 1 alice  staff  1024 Oct 15 09:30 mac file"),
    K_FILE, "mac file", NULL, 1024, AT ("2026-10-15T09:30:00Z"), NULL, "alice", "staff",
    0644, "-rw-r--r--@" },

  /* Variants from FileZilla's parser tests. */
  { "Solaris", BYTES ("dr-xr-xr-x   2 root     other        512 Apr  8  1994 01-unix-std dir"),
    K_DIR, "01-unix-std dir", NULL, 512, ON ("1994-04-08"), NULL, "root", "other",
    0555, "dr-xr-xr-x" },
  { "no group", BYTES ("dr-xr-xr-x   2 root                  512 Apr  8  1994 03-unix-nogroup dir"),
    K_DIR, "03-unix-nogroup dir", NULL, 512, ON ("1994-04-08"), NULL, "root", NULL,
    0555, "dr-xr-xr-x" },
  { "Windows domain group",
    BYTES ("-rw-r--r--   1 group domain user 531 Jan 29 03:26 13-unix-domain file"),
    K_FILE, "13-unix-domain file", NULL, 531, AT ("2027-01-29T03:26:00Z"), NULL, "group",
    "domain user", 0644, "-rw-r--r--" },
  { "NetWare",
    BYTES ("d [R----F--] supervisor            512       Jan 16 18:53    09-netware dir"),
    K_DIR, "09-netware dir", NULL, 512, AT ("2027-01-16T18:53:00Z"), NULL, "supervisor", NULL,
    0, "d [R----F--]" },
  { "NetWare",
    BYTES ("- [R----F--] rhesus             214059       Oct 20 15:27    10-netware file"),
    K_FILE, "10-netware file", NULL, 214059, AT ("2026-10-20T15:27:00Z"), NULL, "rhesus", NULL,
    0, "- [R----F--]" },

  /* Windows servers in Unix mode. */
  { "FileZilla Server 0.9", BYTES ("-rw-r--r-- 1 ftp ftp          16 Oct 29 15:11 file.txt"),
    K_FILE, "file.txt", NULL, 16, AT ("2026-10-29T15:11:00Z"), NULL, "ftp", "ftp",
    0644, "-rw-r--r--" },
  { "FileZilla Server 0.9", BYTES ("drwxr-xr-x 1 ftp ftp               0 Sep 03  2015 projects"),
    K_DIR, "projects", NULL, 0, ON ("2015-09-03"), NULL, "ftp", "ftp", 0755, "drwxr-xr-x" },
  { "IIS, Unix style",
    BYTES ("-rwxrwxrwx   1 owner    group          245760 Feb 12  2021 setup.exe"),
    K_FILE, "setup.exe", NULL, 245760, ON ("2021-02-12"), NULL, "owner", "group",
    0777, "-rwxrwxrwx" },
  { "no link count", BYTES ("-rw-r--r-- alice 123 Nov 27 10:00 nolinks"),
    K_FILE, "nolinks", NULL, 123, AT ("2026-11-27T10:00:00Z"), NULL, "alice", NULL,
    0644, "-rw-r--r--" },
  { "no group, numeric owner", BYTES ("-rw-r--r-- 1 1000 123 Nov 27 10:00 numeric"),
    K_FILE, "numeric", NULL, 123, AT ("2026-11-27T10:00:00Z"), NULL, "1000", NULL,
    0644, "-rw-r--r--" },
  { "no owner at all", BYTES ("-rw-r--r-- 123 Nov 27 10:00 bare"),
    K_FILE, "bare", NULL, 123, AT ("2026-11-27T10:00:00Z"), NULL, NULL, NULL,
    0644, "-rw-r--r--" },

  /* DOS / IIS */
  { "IIS", BYTES ("12-17-08  12:42AM       <DIR>          folder"),
    K_DIR, "folder", NULL, -1, AT ("2008-12-17T00:42:00Z"), NULL, NULL, NULL, 0, NULL },
  { "IIS", BYTES ("12-17-08  12:42AM                 1234 file.txt"),
    K_FILE, "file.txt", NULL, 1234, AT ("2008-12-17T00:42:00Z"), NULL, NULL, NULL, 0, NULL },
  { "IIS", BYTES ("02-14-12  03:15PM                 1024 report final.doc"),
    K_FILE, "report final.doc", NULL, 1024, AT ("2012-02-14T15:15:00Z"), NULL, NULL, NULL,
    0, NULL },
  { "IIS, 24-hour", BYTES ("02-14-12  15:15                 1024 24h.txt"),
    K_FILE, "24h.txt", NULL, 1024, AT ("2012-02-14T15:15:00Z"), NULL, NULL, NULL, 0, NULL },
  { "IIS, four-digit year", BYTES ("02-14-2012  03:15PM       <DIR>          aspnet_client"),
    K_DIR, "aspnet_client", NULL, -1, AT ("2012-02-14T15:15:00Z"), NULL, NULL, NULL, 0, NULL },
  { "IIS, year first", BYTES ("2002-09-02  18:48       <DIR>          18-dos-longyear dir"),
    K_DIR, "18-dos-longyear dir", NULL, -1, AT ("2002-09-02T18:48:00Z"), NULL, NULL, NULL,
    0, NULL },
  { "IIS, thousands separator",
    BYTES ("2002-09-02  19:06                9,730 19-dos-longyear file"),
    K_FILE, "19-dos-longyear file", NULL, 9730, AT ("2002-09-02T19:06:00Z"), NULL, NULL, NULL,
    0, NULL },
  { "IIS, noon", BYTES ("04-27-00  12:09PM       <DIR>          16-dos-dateambiguous dir"),
    K_DIR, "16-dos-dateambiguous dir", NULL, -1, AT ("2000-04-27T12:09:00Z"), NULL, NULL, NULL,
    0, NULL },
  { "IIS, last century", BYTES ("12-31-99  11:59PM                    0 y2k.txt"),
    K_FILE, "y2k.txt", NULL, 0, AT ("1999-12-31T23:59:00Z"), NULL, NULL, NULL, 0, NULL },
  { "IIS, over 4 GiB", BYTES ("10-10-21  09:04AM           6442450944 big.vhd"),
    K_FILE, "big.vhd", NULL, G_GINT64_CONSTANT (6442450944), AT ("2021-10-10T09:04:00Z"), NULL,
    NULL, NULL, 0, NULL },
  { "IIS, name with a leading space", BYTES ("12-17-08  12:42AM       <DIR>           spaced dir"),
    K_DIR, " spaced dir", NULL, -1, AT ("2008-12-17T00:42:00Z"), NULL, NULL, NULL, 0, NULL },
  { "IIS, UTF-8", BYTES ("11-02-26  08:30AM                   42 \xd0\xbe\xd1\x82\xd1\x87\xd1"
                         "\x91\xd1\x82.pdf"),
    K_FILE, "отчёт.pdf", NULL, 42, AT ("2026-11-02T08:30:00Z"), NULL, NULL, NULL, 0, NULL },
  { "Windows CE", BYTES ("01-16-02  11:14AM       <DIR>          epsgroup"),
    K_DIR, "epsgroup", NULL, -1, AT ("2002-01-16T11:14:00Z"), NULL, NULL, NULL, 0, NULL },
  { "Windows CE", BYTES ("06-05-03  03:19PM                 1973 readme.txt"),
    K_FILE, "readme.txt", NULL, 1973, AT ("2003-06-05T15:19:00Z"), NULL, NULL, NULL, 0, NULL },
  { "DOS, day first", BYTES ("25-12-20  08:00PM                  100 xmas.txt"),
    K_FILE, "xmas.txt", NULL, 100, AT ("2020-12-25T20:00:00Z"), NULL, NULL, NULL, 0, NULL },
  { "Windows dir, junction",
    BYTES ("01/02/2020  10:00 AM    <JUNCTION>     Documents [C:\\Users\\me\\Documents]"),
    K_LINK, "Documents", NULL, -1, AT ("2020-01-02T10:00:00Z"), "C:\\Users\\me\\Documents", NULL,
    NULL, 0, NULL, K_DIR },
  { "Windows dir, file symlink",
    BYTES ("01/02/2020  10:00 PM    <SYMLINK>      hosts [C:\\Windows\\hosts]"),
    K_LINK, "hosts", NULL, -1, AT ("2020-01-02T22:00:00Z"), "C:\\Windows\\hosts", NULL,
    NULL, 0, NULL, K_FILE },

  /* EPLF: https://cr.yp.to/ftp/list/eplf.html */
  { "EPLF (publicfile)", BYTES ("+i8388621.48594,m825718503,r,s280,\tdjb.html"),
    K_FILE, "djb.html", NULL, 280, AT ("1996-03-01T22:15:03Z"), NULL, NULL, NULL, 0, NULL },
  { "EPLF (publicfile)", BYTES ("+i8388621.50690,m824255907,/,\t514"),
    K_DIR, "514", NULL, -1, AT ("1996-02-13T23:58:27Z"), NULL, NULL, NULL, 0, NULL },
  { "EPLF, permissions", BYTES ("+i8388621.48594,m825718503,r,s280,up755\t14-eplf file"),
    K_FILE, "14-eplf file", NULL, 280, AT ("1996-03-01T22:15:03Z"), NULL, NULL, NULL,
    0755, "755" },
  { "EPLF, no date", BYTES ("+r,s0,\tempty"),
    K_FILE, "empty", NULL, 0, NO_DATE, NULL, NULL, NULL, 0, NULL },

  /* Control characters and NUL bytes are shown, not dropped. */
  { "control character", BYTES ("-rw-r--r--   1 alice staff 1 Nov 27 10:00 bell\x07"),
    K_FILE, "bell\xe2\x90\x87", "bell\x07", 1, AT ("2026-11-27T10:00:00Z"), NULL, "alice",
    "staff", 0644, "-rw-r--r--" },
  { "C1 control and invalid UTF-8", BYTES ("-rw-r--r--   1 alice staff 1 Nov 27 10:00 x\x85\xff"),
    K_FILE, "x\xef\xbf\xbd\xc3\xbf", "x\x85\xff", 1, AT ("2026-11-27T10:00:00Z"), NULL, "alice",
    "staff", 0644, "-rw-r--r--" },
};

static void
check_file (FerryRemoteFile *file,
            const ListCase  *c)
{
  g_autofree char *modified = format_utc (ferry_remote_file_get_modified (file));
  GBytes *raw = ferry_remote_file_get_raw_name (file);
  gsize raw_len;
  const char *raw_data = g_bytes_get_data (raw, &raw_len);

  g_assert_cmpint (ferry_remote_file_get_kind (file), ==, c->kind);
  g_assert_cmpstr (ferry_remote_file_get_name (file), ==, c->name);
  g_assert_true (g_utf8_validate (ferry_remote_file_get_name (file), -1, NULL));
  g_assert_cmpmem (raw_data, raw_len, c->raw != NULL ? c->raw : c->name,
                   strlen (c->raw != NULL ? c->raw : c->name));
  g_assert_cmpint (ferry_remote_file_get_size (file), ==, c->size);
  g_assert_cmpstr (modified, ==, c->modified);
  g_assert_cmpint (ferry_remote_file_get_modified_has_time (file), ==, c->has_time);
  g_assert_cmpstr (ferry_remote_file_get_link_target (file), ==, c->target);
  g_assert_cmpstr (ferry_remote_file_get_owner (file), ==, c->owner);
  g_assert_cmpstr (ferry_remote_file_get_group (file), ==, c->group);
  g_assert_cmpuint (ferry_remote_file_get_mode (file), ==, c->mode);
  g_assert_cmpstr (ferry_remote_file_get_permissions (file), ==, c->permissions);
  if (c->kind == K_LINK)
    g_assert_cmpint (ferry_remote_file_get_link_target_kind (file), ==, c->target_kind);
  else
    g_assert_cmpint (ferry_remote_file_get_link_target_kind (file), ==, -1);
}

static void
test_list_table (void)
{
  g_autoptr(GDateTime) now = parse_iso (NOW_ISO);
  FerryListContext ctx = { NULL, 0, now };

  g_assert_cmpuint (G_N_ELEMENTS (list_cases), >=, 60);

  for (guint i = 0; i < G_N_ELEMENTS (list_cases); i++)
    {
      const ListCase *c = &list_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(FerryRemoteFile) file = NULL;

      g_test_message ("case %u: %s: %s", i, c->source, c->name);
      file = ferry_list_parse_line (c->line, c->line_len, &ctx, &error);
      g_assert_no_error (error);
      g_assert_nonnull (file);
      check_file (file, c);
    }
}

/* A NUL byte in a name is kept in the raw name and shown as ␀. */
static void
test_list_nul_byte (void)
{
  g_autoptr(FerryRemoteFile) file =
    ferry_list_parse_line (BYTES ("-rw-r--r--   1 alice staff 1 Nov 27 10:00 a\0b"), NULL, NULL);
  gsize len;
  const char *raw;

  g_assert_nonnull (file);
  raw = g_bytes_get_data (ferry_remote_file_get_raw_name (file), &len);
  g_assert_cmpmem (raw, len, "a\0b", 3);
  g_assert_cmpstr (ferry_remote_file_get_name (file), ==, "a\xe2\x90\x80" "b");
  g_assert_false (ferry_remote_file_get_safe_name (file));
}

/* Lines that are no entries, and lines Ferry cannot read. */
typedef struct
{
  const char *name;
  const char *line;
  gsize line_len;
  gboolean error;
} NotEntryCase;

static const NotEntryCase list_not_entry_cases[] = {
  { "total", BYTES ("total 123"), FALSE },
  { "total 0", BYTES ("total 0"), FALSE },
  { "total alone", BYTES ("total"), FALSE },
  { "GNU ls in German", BYTES ("insgesamt 8"), FALSE },
  { "empty", BYTES (""), FALSE },
  { "spaces", BYTES ("   "), FALSE },
  { "a CR", BYTES ("\r"), FALSE },
  { "garbage", BYTES ("garbage"), TRUE },
  { "ls -R header", BYTES ("/pub/dir:"), TRUE },
  { "a sentence", BYTES ("Access denied for this folder, sorry"), TRUE },
  { "mode only", BYTES ("drwxr-xr-x"), TRUE },
  { "no name", BYTES ("-rw-r--r-- 1 u g 12 Nov 27 10:00"), TRUE },
  { "no name after the space", BYTES ("-rw-r--r-- 1 u g 12 Nov 27 10:00 "), TRUE },
  { "size not a number", BYTES ("-rw-r--r-- 1 u g abc Nov 27 10:00 x"), TRUE },
  { "size too large", BYTES ("-rw-r--r-- 1 u g 99999999999999999999 Nov 27 10:00 x"), TRUE },
  { "no month", BYTES ("-rw-r--r-- 1 u g 12 Foo 27 10:00 x"), TRUE },
  { "day 32", BYTES ("-rw-r--r-- 1 u g 12 Nov 32 10:00 x"), TRUE },
  { "hour 25", BYTES ("-rw-r--r-- 1 u g 12 Nov 27 25:00 x"), TRUE },
  { "minute 60", BYTES ("-rw-r--r-- 1 u g 12 Nov 27 10:60 x"), TRUE },
  { "mode too long", BYTES ("-rwxrwxrwxrwx 1 u g 12 Nov 27 10:00 x"), TRUE },
  { "bad mode letter", BYTES ("-rwxrwxrwq 1 u g 12 Nov 27 10:00 x"), TRUE },
  { "bad type letter", BYTES ("Xrwxrwxrwx 1 u g 12 Nov 27 10:00 x"), TRUE },
  { "DOS, bad suffix", BYTES ("12-17-08  12:42XM       <DIR>          x"), TRUE },
  { "DOS, 13 PM", BYTES ("12-17-08  13:42PM       <DIR>          x"), TRUE },
  { "DOS, no name", BYTES ("12-17-08  12:42AM       <DIR>"), TRUE },
  { "DOS, no size", BYTES ("12-17-08  12:42AM       <FILE>         x"), TRUE },
  { "EPLF without tab", BYTES ("+i8388621.48594,m825718503,r,s280, djb.html"), TRUE },
  { "EPLF without name", BYTES ("+i8388621.48594,r,\t"), TRUE },
  { "control bytes", BYTES ("\x01\x02\x03"), TRUE },
  { "NUL bytes", BYTES ("\0\0\0\0"), TRUE },
};

static void
test_list_not_entries (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_not_entry_cases); i++)
    {
      const NotEntryCase *c = &list_not_entry_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(FerryRemoteFile) file = NULL;

      g_test_message ("case: %s", c->name);
      file = ferry_list_parse_line (c->line, c->line_len, NULL, &error);
      g_assert_null (file);
      if (c->error)
        {
          g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          g_assert_nonnull (strstr (error->message, "could not read the listing line"));
        }
      else
        g_assert_no_error (error);
    }

  /* The message quotes the line, sanitised. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (ferry_list_parse_line (BYTES ("bad\x1b[31m line"), NULL, &error));
    g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
    g_assert_nonnull (strstr (error->message, "“bad\\x1B[31m line”"));
  }
}

/* ------------------------------------------------------------------------ */
/* Years and time zones                                                      */

typedef struct
{
  const char *now;
  int offset;
  const char *line;
  const char *modified;
  gboolean has_time;
} DateCase;

static const DateCase date_cases[] = {
  /* Just after New Year: December is last year's. */
  { "2025-01-03T12:00:00Z", 0, "-rw-r--r-- 1 u g 1 Dec 30 23:59 f", AT ("2024-12-30T23:59:00Z") },
  { "2025-01-03T12:00:00Z", 0, "-rw-r--r-- 1 u g 1 Jan  2 10:00 f", AT ("2025-01-02T10:00:00Z") },
  { "2025-01-03T12:00:00Z", 0, "-rw-r--r-- 1 u g 1 Jan  4 09:00 f", AT ("2025-01-04T09:00:00Z") },
  { "2025-01-03T12:00:00Z", 0, "-rw-r--r-- 1 u g 1 Jun 20 09:00 f", AT ("2025-06-20T09:00:00Z") },
  { "2025-01-03T12:00:00Z", 0, "-rw-r--r-- 1 u g 1 Jul 20 09:00 f", AT ("2024-07-20T09:00:00Z") },
  /* Just before New Year: January is next year's. */
  { "2024-12-30T12:00:00Z", 0, "-rw-r--r-- 1 u g 1 Jan  2 10:00 f", AT ("2025-01-02T10:00:00Z") },
  { "2024-12-30T12:00:00Z", 0, "-rw-r--r-- 1 u g 1 Dec 29 10:00 f", AT ("2024-12-29T10:00:00Z") },
  { "2024-12-30T12:00:00Z", 0, "-rw-r--r-- 1 u g 1 Jul  1 10:00 f", AT ("2024-07-01T10:00:00Z") },
  /* February 29 only in leap years. */
  { "2025-01-10T12:00:00Z", 0, "-rw-r--r-- 1 u g 1 Feb 29 12:00 f", AT ("2024-02-29T12:00:00Z") },
  { "2024-03-05T12:00:00Z", 0, "-rw-r--r-- 1 u g 1 Feb 29 12:00 f", AT ("2024-02-29T12:00:00Z") },
  { "2024-03-05T12:00:00Z", 0, "-rw-r--r-- 1 u g 1 Feb 29  2020 f", ON ("2020-02-29") },
  { "2024-03-05T12:00:00Z", 0, "-rw-r--r-- 1 u g 1 Feb 29  2021 f", NO_DATE },
  /* The server's clock is UTC+1: its 10:00 is 09:00 UTC. */
  { "2025-01-03T12:00:00Z", 60, "-rw-r--r-- 1 u g 1 Jan  2 10:00 f", AT ("2025-01-02T09:00:00Z") },
  /* UTC-5: the DOS time moves, as do long-iso times. */
  { "2025-01-03T12:00:00Z", -300, "01-02-25  10:00AM                    1 f",
    AT ("2025-01-02T15:00:00Z") },
  { "2025-01-03T12:00:00Z", -300, "-rw-r--r-- 1 u g 1 2025-01-02 10:00 f",
    AT ("2025-01-02T15:00:00Z") },
  /* A zone in the line wins over the offset. */
  { "2025-01-03T12:00:00Z", -300, "-rw-r--r-- 1 u g 1 2025-01-02 10:00:00.0 +0200 f",
    AT ("2025-01-02T08:00:00Z") },
  /* New Year in UTC+2 while it is still the old year in UTC. */
  { "2024-12-31T23:30:00Z", 120, "-rw-r--r-- 1 u g 1 Jan  1 01:20 f",
    AT ("2024-12-31T23:20:00Z") },
  { "2024-12-31T23:30:00Z", 120, "-rw-r--r-- 1 u g 1 Dec 31 23:50 f",
    AT ("2024-12-31T21:50:00Z") },
  /* Date-only entries keep their day: no offset. */
  { "2025-01-03T12:00:00Z", 600, "-rw-r--r-- 1 u g 1 Mar  4  2019 f", ON ("2019-03-04") },
  /* EPLF is UTC already. */
  { "2025-01-03T12:00:00Z", 600, "+m825718503,r,\tf", AT ("1996-03-01T22:15:03Z") },
};

static void
test_list_dates (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      const DateCase *c = &date_cases[i];
      g_autoptr(GDateTime) now = parse_iso (c->now);
      FerryListContext ctx = { NULL, c->offset, now };
      g_autoptr(GError) error = NULL;
      g_autoptr(FerryRemoteFile) file = NULL;
      g_autofree char *modified = NULL;

      g_test_message ("case %u: %s at %s", i, c->line, c->now);
      file = ferry_list_parse_line (c->line, strlen (c->line), &ctx, &error);
      g_assert_no_error (error);
      g_assert_nonnull (file);
      modified = format_utc (ferry_remote_file_get_modified (file));
      g_assert_cmpstr (modified, ==, c->modified);
      g_assert_cmpint (ferry_remote_file_get_modified_has_time (file), ==, c->has_time);
    }

  /* A "now" in another zone is the same instant. */
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_offset (-8 * 3600);
    g_autoptr(GDateTime) now = g_date_time_new (tz, 2025, 1, 3, 4, 0, 0);
    FerryListContext ctx = { NULL, 0, now };
    g_autoptr(FerryRemoteFile) file =
      ferry_list_parse_line (BYTES ("-rw-r--r-- 1 u g 1 Dec 30 23:59 f"), &ctx, NULL);
    g_autofree char *modified = format_utc (ferry_remote_file_get_modified (file));

    g_assert_cmpstr (modified, ==, "2024-12-30T23:59:00Z");
  }
}

/* ------------------------------------------------------------------------ */
/* Character sets                                                            */

typedef struct
{
  const char *charset;
  const char *bytes;
  gsize len;
  const char *shown;
} CharsetCase;

static const CharsetCase charset_cases[] = {
  { NULL, BYTES ("plain.txt"), "plain.txt" },
  { NULL, BYTES ("caf\xc3\xa9"), "café" },
  { NULL, BYTES ("caf\xe9"), "café" },
  { NULL, BYTES ("\xc3\xa9\xe9"), "éé" },               /* valid and invalid mixed */
  { NULL, BYTES ("\xe6\x97"), "æ\xef\xbf\xbd" },        /* a cut sequence: byte by byte */
  { NULL, BYTES ("\xc0\xaf"), "À\xc2\xaf" },             /* overlong '/' */
  { NULL, BYTES ("\xed\xa0\x80"), "í\xc2\xa0\xef\xbf\xbd" }, /* a surrogate */
  { NULL, BYTES ("tab\there"), "tab\xe2\x90\x89here" },
  { NULL, BYTES ("del\x7f"), "del\xe2\x90\xa1" },
  { NULL, BYTES ("\xc2\x9b" "31m"), "\xef\xbf\xbd" "31m" }, /* C1 CSI */
  { "UTF-8", BYTES ("caf\xe9"), "café" },
  { "utf8", BYTES ("caf\xc3\xa9"), "café" },
  { "WINDOWS-1252", BYTES ("caf\xe9 \x80.txt"), "café €.txt" },
  { "ISO-8859-15", BYTES ("\xa4uro"), "€uro" },
  { "SHIFT_JIS", BYTES ("\x83\x5c\x83\x74\x83\x67.txt"), "ソフト.txt" },
  { "SHIFT_JIS", BYTES ("a\xff" "b"), "a\xef\xbf\xbd" "b" },
  { "CP1251", BYTES ("\xf4\xe0\xe9\xeb"), "файл" },
  { "KOI8-R", BYTES ("\xc6\xc1\xca\xcc"), "файл" },
  { "GB18030", BYTES ("\xce\xc4\xbc\xfe"), "文件" },
  { "no-such-charset", BYTES ("caf\xe9"), "café" },
};

static void
test_charsets (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (charset_cases); i++)
    {
      const CharsetCase *c = &charset_cases[i];
      FerryListContext ctx = { c->charset, 0, NULL };
      g_autofree char *shown = ferry_list_decode_name (c->bytes, c->len, &ctx);

      g_test_message ("case %u: %s", i, c->charset ? c->charset : "(default)");
      g_assert_cmpstr (shown, ==, c->shown);
      g_assert_true (g_utf8_validate (shown, -1, NULL));
    }

  /* Through the parser: names, owners and link targets are decoded; the raw
   * name keeps the server's bytes. */
  {
    FerryListContext ctx = { "SHIFT_JIS", 0, NULL };
    g_autoptr(FerryRemoteFile) file = NULL;
    gsize len;
    const char *raw;

    file = ferry_list_parse_line (BYTES ("lrwxrwxrwx 1 \x83\x5c u 1 Nov 27 10:00 \x83\x5c -> "
                                         "\x83\x74"),
                                  &ctx, NULL);
    g_assert_nonnull (file);
    g_assert_cmpstr (ferry_remote_file_get_name (file), ==, "ソ");
    g_assert_cmpstr (ferry_remote_file_get_link_target (file), ==, "フ");
    g_assert_cmpstr (ferry_remote_file_get_owner (file), ==, "ソ");
    raw = g_bytes_get_data (ferry_remote_file_get_raw_name (file), &len);
    g_assert_cmpmem (raw, len, "\x83\x5c", 2);
  }
}

/* ------------------------------------------------------------------------ */
/* MLSD                                                                      */

typedef struct
{
  const char *source;
  const char *line;
  gsize line_len;
  FerryRemoteFileKind kind;
  const char *name;
  gint64 size;
  const char *modified;
  gboolean has_time;
  const char *target;
  const char *owner;
  const char *group;
  guint mode;
  const char *permissions;
} MlsdCase;

static const MlsdCase mlsd_cases[] = {
  { "ProFTPD", BYTES ("modify=20261128060442;perm=adfrw;size=1;type=file;unique=FE00UA72AD9;"
                      "UNIX.group=1;UNIX.groupname=ferry;UNIX.mode=0644;UNIX.owner=1;"
                      "UNIX.ownername=alice;  leading space"),
    K_FILE, " leading space", 1, AT ("2026-11-28T06:04:42Z"), NULL, "alice", "ferry",
    0644, "adfrw" },
  { "ProFTPD", BYTES ("modify=20261128060442;perm=adfrw;size=1;type=file;unique=FE00UA72AE1;"
                      "UNIX.group=1;UNIX.groupname=ferry;UNIX.mode=0644;UNIX.owner=1;"
                      "UNIX.ownername=alice; trailing space "),
    K_FILE, "trailing space ", 1, AT ("2026-11-28T06:04:42Z"), NULL, "alice", "ferry",
    0644, "adfrw" },
  { "ProFTPD", BYTES ("modify=20261128060442;perm=adfrw;size=6;type=OS.unix=symlink;"
                      "unique=FE00UA72BA2;UNIX.group=1;UNIX.groupname=ferry;UNIX.mode=0777;"
                      "UNIX.owner=1;UNIX.ownername=alice; link-to-folder"),
    K_LINK, "link-to-folder", 6, AT ("2026-11-28T06:04:42Z"), NULL, "alice", "ferry",
    0777, "adfrw" },
  { "ProFTPD", BYTES ("modify=20261128060442;perm=flcdmpe;type=dir;unique=FE00UA72BB1;"
                      "UNIX.group=1;UNIX.groupname=ferry;UNIX.mode=0755;UNIX.owner=1;"
                      "UNIX.ownername=alice; dir with space"),
    K_DIR, "dir with space", -1, AT ("2026-11-28T06:04:42Z"), NULL, "alice", "ferry",
    0755, "flcdmpe" },
  { "ProFTPD", BYTES ("modify=20261128060442;perm=adfrw;size=5368709243;type=file;"
                      "unique=FE00UA72B92;UNIX.group=1;UNIX.groupname=ferry;UNIX.mode=0644;"
                      "UNIX.owner=1;UNIX.ownername=alice; big.iso"),
    K_FILE, "big.iso", G_GINT64_CONSTANT (5368709243), AT ("2026-11-28T06:04:42Z"), NULL,
    "alice", "ferry", 0644, "adfrw" },
  { "ProFTPD", BYTES ("modify=20261128060442;perm=adfrw;size=1;type=file;unique=FE00UA72B81;"
                      "UNIX.group=1;UNIX.groupname=ferry;UNIX.mode=0644;UNIX.owner=1;"
                      "UNIX.ownername=alice; arrow -> not a link"),
    K_FILE, "arrow -> not a link", 1, AT ("2026-11-28T06:04:42Z"), NULL, "alice", "ferry",
    0644, "adfrw" },
  { "ProFTPD", BYTES ("modify=20261128060442;perm=adfrw;size=1;type=file;unique=FE00UA72B75;"
                      "UNIX.group=1;UNIX.groupname=ferry;UNIX.mode=0644;UNIX.owner=1;"
                      "UNIX.ownername=alice; latin1-\xe9t\xe9.txt"),
    K_FILE, "latin1-été.txt", 1, AT ("2026-11-28T06:04:42Z"), NULL, "alice", "ferry",
    0644, "adfrw" },
  { "ProFTPD", BYTES ("modify=20261128060442;perm=adfrw;size=6;type=file;unique=FE00UA72AD8;"
                      "UNIX.group=1;UNIX.groupname=ferry;UNIX.mode=04755;UNIX.owner=1;"
                      "UNIX.ownername=alice; plain.txt"),
    K_FILE, "plain.txt", 6, AT ("2026-11-28T06:04:42Z"), NULL, "alice", "ferry",
    04755, "adfrw" },
  { "ProFTPD, old", BYTES ("modify=20190304050607;perm=adfrw;size=3;type=file;unique=FE00UA72B61;"
                           "UNIX.group=1;UNIX.groupname=ferry;UNIX.mode=0644;UNIX.owner=1;"
                           "UNIX.ownername=alice; old.txt"),
    K_FILE, "old.txt", 3, AT ("2019-03-04T05:06:07Z"), NULL, "alice", "ferry", 0644, "adfrw" },
  { "pure-ftpd", BYTES ("type=file;size=1;modify=20261128060442;UNIX.mode=0644;UNIX.uid=1;"
                        "UNIX.gid=1;unique=fe00ga72c1d; inner  two  spaces"),
    K_FILE, "inner  two  spaces", 1, AT ("2026-11-28T06:04:42Z"), NULL, "1", "1", 0644, "0644" },
  { "pure-ftpd", BYTES ("type=OS.unix=slink:;size=6;modify=20261128060442;UNIX.mode=0777;"
                        "UNIX.uid=1;UNIX.gid=1;unique=fe00ga72c52; link-to-folder"),
    K_LINK, "link-to-folder", 6, AT ("2026-11-28T06:04:42Z"), NULL, "1", "1", 0777, "0777" },
  { "pure-ftpd", BYTES ("type=unknown;size=0;modify=20261128060442;UNIX.mode=0644;UNIX.uid=0;"
                        "UNIX.gid=0;unique=fe00ga72c54; fifo"),
    K_SPECIAL, "fifo", 0, AT ("2026-11-28T06:04:42Z"), NULL, "0", "0", 0644, "0644" },
  { "pure-ftpd", BYTES ("type=dir;sizd=4096;modify=20261128060442;UNIX.mode=0755;UNIX.uid=1;"
                        "UNIX.gid=1;unique=fe00ga72c50; dir with space"),
    K_DIR, "dir with space", -1, AT ("2026-11-28T06:04:42Z"), NULL, "1", "1", 0755, "0755" },
  { "pure-ftpd", BYTES ("type=file;size=1;modify=20261128060442;UNIX.mode=0644;UNIX.uid=1;"
                        "UNIX.gid=1;unique=fe00ga72c41; caf\xc3\xa9-\xe6\x97\xa5\xe6\x9c\xac.txt"),
    K_FILE, "café-日本.txt", 1, AT ("2026-11-28T06:04:42Z"), NULL, "1", "1", 0644, "0644" },
  { "IIS", BYTES ("type=dir;modify=20090702161231; Shared Documents"),
    K_DIR, "Shared Documents", -1, AT ("2009-07-02T16:12:31Z"), NULL, NULL, NULL, 0, NULL },
  { "IIS", BYTES ("type=file;modify=20090702161231;size=1048576; data.bin"),
    K_FILE, "data.bin", 1048576, AT ("2009-07-02T16:12:31Z"), NULL, NULL, NULL, 0, NULL },
  { "FileZilla Server 1.x", BYTES ("type=file;size=1024;modify=20230615083000.123;perm=adfrw; "
                                   "report.pdf"),
    K_FILE, "report.pdf", 1024, AT ("2023-06-15T08:30:00.123000Z"), NULL, NULL, NULL,
    0, "adfrw" },
  { "RFC 3659 example", BYTES ("Type=file;Size=1830;Modify=19940916055648;Perm=r; hatch.c"),
    K_FILE, "hatch.c", 1830, AT ("1994-09-16T05:56:48Z"), NULL, NULL, NULL, 0, "r" },
  { "slink with target", BYTES ("type=OS.unix=slink:/usr/bin;UNIX.mode=0777; bin"),
    K_LINK, "bin", -1, NO_DATE, "/usr/bin", NULL, NULL, 0777, "0777" },
  { "fact names in any case", BYTES ("TYPE=DIR;MODIFY=20240101120000;unix.MODE=700; Private"),
    K_DIR, "Private", -1, AT ("2024-01-01T12:00:00Z"), NULL, NULL, NULL, 0700, "700" },
  { "unknown facts", BYTES ("type=file;x.custom=foo;media-type=text/plain;charset=utf-8;lang=en;"
                            "create=20200101000000; a.txt"),
    K_FILE, "a.txt", -1, NO_DATE, NULL, NULL, NULL, 0, NULL },
  { "no facts", BYTES (" just-a-name"),
    K_FILE, "just-a-name", -1, NO_DATE, NULL, NULL, NULL, 0, NULL },
  { "no type fact", BYTES ("size=12; untyped"),
    K_FILE, "untyped", 12, NO_DATE, NULL, NULL, NULL, 0, NULL },
  { "no ';' before the name", BYTES ("type=file;size=3 nofinal"),
    K_FILE, "nofinal", 3, NO_DATE, NULL, NULL, NULL, 0, NULL },
  { "a name with '; '", BYTES ("type=file;size=3; semi; colon.txt"),
    K_FILE, "semi; colon.txt", 3, NO_DATE, NULL, NULL, NULL, 0, NULL },
  { "bad size and date ignored", BYTES ("type=file;size=-3;modify=2024; odd"),
    K_FILE, "odd", -1, NO_DATE, NULL, NULL, NULL, 0, NULL },
  { "bad mode ignored", BYTES ("type=file;UNIX.mode=0999; odd mode"),
    K_FILE, "odd mode", -1, NO_DATE, NULL, NULL, NULL, 0, NULL },
  { "a device", BYTES ("type=OS.unix=chr-4/1;modify=20240101120000; tty1"),
    K_SPECIAL, "tty1", -1, AT ("2024-01-01T12:00:00Z"), NULL, NULL, NULL, 0, NULL },
};

static void
test_mlsd_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (mlsd_cases); i++)
    {
      const MlsdCase *c = &mlsd_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(FerryRemoteFile) file = NULL;
      g_autofree char *modified = NULL;

      g_test_message ("case %u: %s: %s", i, c->source, c->name);
      file = ferry_mlsd_parse_line (c->line, c->line_len, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (file);
      modified = format_utc (ferry_remote_file_get_modified (file));
      g_assert_cmpint (ferry_remote_file_get_kind (file), ==, c->kind);
      g_assert_cmpstr (ferry_remote_file_get_name (file), ==, c->name);
      g_assert_cmpint (ferry_remote_file_get_size (file), ==, c->size);
      g_assert_cmpstr (modified, ==, c->modified);
      g_assert_cmpint (ferry_remote_file_get_modified_has_time (file), ==, c->has_time);
      g_assert_cmpstr (ferry_remote_file_get_link_target (file), ==, c->target);
      g_assert_cmpint (ferry_remote_file_get_link_target_kind (file), ==, -1);
      g_assert_cmpstr (ferry_remote_file_get_owner (file), ==, c->owner);
      g_assert_cmpstr (ferry_remote_file_get_group (file), ==, c->group);
      g_assert_cmpuint (ferry_remote_file_get_mode (file), ==, c->mode);
      g_assert_cmpstr (ferry_remote_file_get_permissions (file), ==, c->permissions);
    }
}

static const NotEntryCase mlsd_not_entry_cases[] = {
  { "cdir", BYTES ("modify=20261128060442;perm=fle;type=cdir;unique=FE00UA72A79; ."), FALSE },
  { "pdir", BYTES ("type=pdir;sizd=4096;modify=20261128060442;UNIX.mode=0755; .."), FALSE },
  { "cdir with a path", BYTES ("type=cdir;perm=el; /home/alice"), FALSE },
  { "CDIR in capitals", BYTES ("Type=CDIR; ."), FALSE },
  { "empty", BYTES (""), FALSE },
  { "blank", BYTES ("  "), FALSE },
  { "garbage", BYTES ("garbage"), TRUE },
  { "words", BYTES ("hello world"), TRUE },
  { "no name", BYTES ("type=file;size=3;"), TRUE },
  { "empty name", BYTES ("type=file; "), TRUE },
  { "a LIST line", BYTES ("-rw-r--r-- 1 u g 12 Nov 27 10:00 x"), TRUE },
  { "NUL bytes", BYTES ("\0\0"), TRUE },
};

static void
test_mlsd_not_entries (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (mlsd_not_entry_cases); i++)
    {
      const NotEntryCase *c = &mlsd_not_entry_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(FerryRemoteFile) file = NULL;

      g_test_message ("case: %s", c->name);
      file = ferry_mlsd_parse_line (c->line, c->line_len, NULL, &error);
      g_assert_null (file);
      if (c->error)
        {
          g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
        }
      else
        g_assert_no_error (error);
    }
}

/* ------------------------------------------------------------------------ */
/* Name safety                                                               */

typedef struct
{
  const char *name;
  gsize len;
  gboolean safe;
  const char *message_part;
} SafetyCase;

static const SafetyCase safety_cases[] = {
  { BYTES ("ok.txt"), TRUE, NULL },
  { BYTES (" spaced "), TRUE, NULL },
  { BYTES ("..."), TRUE, NULL },
  { BYTES ("..hidden"), TRUE, NULL },
  { BYTES (".hidden"), TRUE, NULL },
  { BYTES ("latin-\xe9"), TRUE, NULL },
  { BYTES ("日本語"), TRUE, NULL },
  { BYTES ("a:b*c?"), TRUE, NULL },
  { BYTES (""), FALSE, "empty name" },
  { BYTES ("."), FALSE, "“.”" },
  { BYTES (".."), FALSE, "“..”" },
  { BYTES ("a/b"), FALSE, "slash" },
  { BYTES ("/etc/passwd"), FALSE, "“/etc/passwd”" },
  { BYTES ("../../.bashrc"), FALSE, "slash" },
  { BYTES ("a\\b"), FALSE, "“a\\\\b”" },
  { BYTES ("..\\..\\boot.ini"), FALSE, "backslash" },
  { BYTES ("C:\\x"), FALSE, "backslash" },
  { BYTES ("a\0b"), FALSE, "NUL" },
  { BYTES ("tab\there"), FALSE, "control character" },
  { BYTES ("line\nbreak"), FALSE, "“line\\x0Abreak”" },
  { BYTES ("del\x7f"), FALSE, "control character" },
  { BYTES ("\x1b[31mred"), FALSE, "\\x1B[31mred" },
};

static void
test_name_safety (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (safety_cases); i++)
    {
      const SafetyCase *c = &safety_cases[i];
      g_autoptr(GBytes) bytes = g_bytes_new (c->name, c->len);
      g_autoptr(GError) error = NULL;
      gboolean safe;

      g_test_message ("case %u", i);
      safe = ferry_remote_name_is_safe (bytes, &error);
      g_assert_cmpint (safe, ==, c->safe);
      if (c->safe)
        {
          g_assert_no_error (error);
          continue;
        }
      g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, c->message_part));
      /* No raw control characters reach the message. */
      for (const char *p = error->message; *p != '\0'; p++)
        g_assert_true ((guchar) *p >= 0x20);
      /* Without an error argument too. */
      g_assert_false (ferry_remote_name_is_safe (bytes, NULL));
    }
}

/* ------------------------------------------------------------------------ */
/* FerryRemoteFile                                                           */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_remote_file (void)
{
  g_autoptr(GBytes) raw = g_bytes_new_static ("Zeta 10.txt", 11);
  g_autoptr(FerryRemoteFile) file = ferry_remote_file_new (raw, "Zeta 10.txt", K_FILE);
  g_autoptr(GBytes) hidden_raw = g_bytes_new_static (".profile", 8);
  g_autoptr(FerryRemoteFile) hidden = ferry_remote_file_new (hidden_raw, ".profile", K_FILE);
  g_autoptr(GBytes) bad_raw = g_bytes_new_static ("a/b", 3);
  g_autoptr(FerryRemoteFile) bad = ferry_remote_file_new (bad_raw, "a/b", K_FILE);
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) local = g_date_time_new (tz, 2024, 5, 6, 12, 0, 0);
  g_autoptr(GDateTime) got_modified = NULL;
  g_autoptr(GBytes) got_raw = NULL;
  g_autofree char *got_name = NULL;
  g_autofree char *iso = NULL;
  FerryRemoteFileKind got_kind;
  gint64 got_size;
  int got_target_kind;
  gboolean got_safe;
  const char *key;
  guint notified = 0;

  /* Defaults. */
  g_assert_cmpint (ferry_remote_file_get_size (file), ==, -1);
  g_assert_cmpint (ferry_remote_file_get_link_target_kind (file), ==, -1);
  g_assert_null (ferry_remote_file_get_modified (file));
  g_assert_false (ferry_remote_file_get_modified_has_time (file));
  g_assert_cmpuint (ferry_remote_file_get_mode (file), ==, 0);
  g_assert_null (ferry_remote_file_get_permissions (file));
  g_assert_null (ferry_remote_file_get_owner (file));
  g_assert_true (ferry_remote_file_get_safe_name (file));
  g_assert_false (ferry_remote_file_get_safe_name (bad));
  g_assert_false (ferry_remote_file_is_hidden (file));
  g_assert_true (ferry_remote_file_is_hidden (hidden));

  /* Setters notify on change only. */
  g_signal_connect (file, "notify", G_CALLBACK (count_notify_cb), &notified);
  ferry_remote_file_set_size (file, 42);
  ferry_remote_file_set_size (file, 42);
  g_assert_cmpuint (notified, ==, 1);
  ferry_remote_file_set_owner (file, "alice");
  ferry_remote_file_set_owner (file, "alice");
  g_assert_cmpuint (notified, ==, 2);
  ferry_remote_file_set_modified (file, local, TRUE);
  g_assert_cmpuint (notified, ==, 4);
  ferry_remote_file_set_modified (file, local, TRUE);
  g_assert_cmpuint (notified, ==, 4);
  ferry_remote_file_set_link_target_kind (file, K_DIR);
  ferry_remote_file_set_safe_name (file, TRUE);
  g_assert_cmpuint (notified, ==, 5);

  /* Dates are kept in UTC. */
  iso = format_utc (ferry_remote_file_get_modified (file));
  g_assert_cmpstr (iso, ==, "2024-05-06T10:00:00Z");
  ferry_remote_file_set_modified (file, NULL, TRUE);
  g_assert_null (ferry_remote_file_get_modified (file));
  g_assert_false (ferry_remote_file_get_modified_has_time (file));

  /* Properties. */
  g_object_get (file,
                "raw-name", &got_raw,
                "name", &got_name,
                "kind", &got_kind,
                "size", &got_size,
                "link-target-kind", &got_target_kind,
                "modified", &got_modified,
                "safe-name", &got_safe,
                NULL);
  g_assert_true (g_bytes_equal (got_raw, raw));
  g_assert_cmpstr (got_name, ==, "Zeta 10.txt");
  g_assert_cmpint (got_kind, ==, K_FILE);
  g_assert_cmpint (got_size, ==, 42);
  g_assert_cmpint (got_target_kind, ==, K_DIR);
  g_assert_null (got_modified);
  g_assert_true (got_safe);
  g_assert_true (G_TYPE_IS_ENUM (FERRY_TYPE_REMOTE_FILE_KIND));

  /* Owners are copied, not interned (GLib 2.74's interned strings raced
   * across threads, see ferry-remote-file.c): equal text, own strings. */
  ferry_remote_file_set_owner (hidden, "alice");
  g_assert_cmpstr (ferry_remote_file_get_owner (hidden), ==, ferry_remote_file_get_owner (file));
  g_assert_true (ferry_remote_file_get_owner (hidden) != ferry_remote_file_get_owner (file));

  /* The collation key sorts numbers naturally and is made once. */
  key = ferry_remote_file_get_collation_key (file);
  g_assert_true (key == ferry_remote_file_get_collation_key (file));
  {
    g_autoptr(GBytes) raw9 = g_bytes_new_static ("Zeta 9.txt", 10);
    g_autoptr(FerryRemoteFile) file9 = ferry_remote_file_new (raw9, "Zeta 9.txt", K_FILE);

    g_assert_cmpint (strcmp (ferry_remote_file_get_collation_key (file9), key), <, 0);
  }
}

/* ------------------------------------------------------------------------ */
/* The listing builder                                                       */

/* A listing with every kind of line: CRLF and LF, a "total", "." and "..",
 * an unreadable line, an unsafe name, a long name and no final line end. */
static const char sample_list[] =
  "total 44\r\n"
  "drwxr-xr-x    4 0        0            4096 Nov 28 06:04 .\r\n"
  "drwxr-xr-x    4 0        0            4096 Nov 28 06:04 ..\r\n"
  "-rw-r--r--    1 1        1               1 Nov 28 06:04  leading space\r\n"
  "-rw-r--r--    1 1        1        5368709243 Nov 28 06:04 big.iso\n"
  "lrwxrwxrwx    1 1        1               7 Nov 28 06:04 dangling -> nowhere\r\n"
  "this line is not an entry\r\n"
  "\r\n"
  "-rw-r--r--    1 1        1               1 Nov 28 06:04 back\\slash\n"
  "-rw-r--r--    1 1        1               1 Nov 28 06:04 latin1-\xe9t\xe9.txt\r\n"
  "drwxr-xr-x    2 1        1            4096 Mar 04  2019 a folder with a rather long name "
  "that crosses many chunk boundaries\r\n"
  "-rw-r--r--    1 1        1               3 Jan 02  2028 last, no line end";

static const char sample_mlsd[] =
  "type=cdir;modify=20261128060442;perm=fle; /home/alice\r\n"
  "type=pdir;modify=20261128060442;perm=fle; ..\r\n"
  "type=file;size=1;modify=20261128060442;UNIX.mode=0644; a b\r\n"
  "type=dir;modify=20261128060442;perm=flcdmpe; sub\r\n"
  "garbage\r\n"
  "type=OS.unix=slink:/x;modify=20261128060442; ln\r\n"
  "type=file;size=5368709243;modify=20190304050607.5; big\r\n";

static FerryListing *
build_in_chunks (const char *data,
                 gsize       len,
                 gsize       chunk,
                 gboolean    mlsd,
                 const char *charset)
{
  g_autoptr(GDateTime) now = parse_iso (NOW_ISO);
  FerryListContext ctx = { charset, 0, now };
  FerryListingBuilder *builder = ferry_listing_builder_new ("/pub", mlsd, &ctx);

  for (gsize offset = 0; offset < len; offset += chunk)
    ferry_listing_builder_push (builder, data + offset, MIN (chunk, len - offset));
  return ferry_listing_builder_finish (builder);
}

static void
assert_same_listing (FerryListing *a,
                     FerryListing *b)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (a));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (b)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryRemoteFile) x = g_list_model_get_item (G_LIST_MODEL (a), i);
      g_autoptr(FerryRemoteFile) y = g_list_model_get_item (G_LIST_MODEL (b), i);
      GDateTime *mx = ferry_remote_file_get_modified (x);
      GDateTime *my = ferry_remote_file_get_modified (y);

      g_assert_true (g_bytes_equal (ferry_remote_file_get_raw_name (x),
                                    ferry_remote_file_get_raw_name (y)));
      g_assert_cmpstr (ferry_remote_file_get_name (x), ==, ferry_remote_file_get_name (y));
      g_assert_cmpint (ferry_remote_file_get_kind (x), ==, ferry_remote_file_get_kind (y));
      g_assert_cmpint (ferry_remote_file_get_size (x), ==, ferry_remote_file_get_size (y));
      g_assert_cmpstr (ferry_remote_file_get_link_target (x), ==,
                       ferry_remote_file_get_link_target (y));
      g_assert_cmpint (ferry_remote_file_get_safe_name (x), ==,
                       ferry_remote_file_get_safe_name (y));
      g_assert_true ((mx == NULL) == (my == NULL));
      if (mx != NULL)
        g_assert_true (g_date_time_equal (mx, my));
    }
  g_assert_cmpstrv (ferry_listing_get_warnings (a), ferry_listing_get_warnings (b));
  g_assert_cmpuint (ferry_listing_get_n_warnings (a), ==, ferry_listing_get_n_warnings (b));
  g_assert_cmpstrv (ferry_listing_get_unread_lines (a), ferry_listing_get_unread_lines (b));
  g_assert_cmpuint (ferry_listing_get_n_unread_lines (a), ==,
                    ferry_listing_get_n_unread_lines (b));
}

static const char *
item_name (FerryListing *listing,
           guint         position)
{
  FerryRemoteFile *file = g_list_model_get_item (G_LIST_MODEL (listing), position);
  const char *name = ferry_remote_file_get_name (file);

  /* The listing keeps its own reference. */
  g_object_unref (file);
  return name;
}

static void
test_builder_chunks (void)
{
  g_autoptr(FerryListing) whole = build_in_chunks (sample_list, sizeof sample_list - 1,
                                                   sizeof sample_list, FALSE, NULL);
  g_autoptr(FerryListing) whole_mlsd = build_in_chunks (sample_mlsd, sizeof sample_mlsd - 1,
                                                        sizeof sample_mlsd, TRUE, NULL);
  const char * const *warnings = ferry_listing_get_warnings (whole);
  g_autoptr(FerryRemoteFile) slash = NULL;

  /* The whole listing at once. */
  g_assert_cmpstr (ferry_listing_get_path (whole), ==, "/pub");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (whole)), ==, 7);
  g_assert_cmpstr (item_name (whole, 0), ==, " leading space");
  g_assert_cmpstr (item_name (whole, 1), ==, "big.iso");
  g_assert_cmpstr (item_name (whole, 2), ==, "dangling");
  g_assert_cmpstr (item_name (whole, 3), ==, "back\\slash");
  g_assert_cmpstr (item_name (whole, 4), ==, "latin1-été.txt");
  g_assert_cmpstr (item_name (whole, 5), ==,
                   "a folder with a rather long name that crosses many chunk boundaries");
  g_assert_cmpstr (item_name (whole, 6), ==, "last, no line end");
  /* The unread line is not a warning too. */
  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 1);
  g_assert_cmpuint (ferry_listing_get_n_warnings (whole), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "back\\\\slash"));
  g_assert_false (ferry_listing_get_possibly_truncated (whole));
  /* The unread line is kept as sent; the unsafe name was read and is not in it. */
  g_assert_cmpuint (ferry_listing_get_n_unread_lines (whole), ==, 1);
  g_assert_cmpstrv (ferry_listing_get_unread_lines (whole),
                    ((const char * const[]) { "this line is not an entry", NULL }));
  slash = g_list_model_get_item (G_LIST_MODEL (whole), 3);
  g_assert_false (ferry_remote_file_get_safe_name (slash));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (whole_mlsd)), ==, 4);
  g_assert_cmpstr (item_name (whole_mlsd, 0), ==, "a b");
  g_assert_cmpstr (item_name (whole_mlsd, 3), ==, "big");
  g_assert_cmpuint (ferry_listing_get_n_warnings (whole_mlsd), ==, 0);
  g_assert_cmpstrv (ferry_listing_get_unread_lines (whole_mlsd),
                    ((const char * const[]) { "garbage", NULL }));

  /* Every chunk size gives the same listing. */
  for (gsize chunk = 1; chunk <= 17; chunk++)
    {
      g_autoptr(FerryListing) list = build_in_chunks (sample_list, sizeof sample_list - 1,
                                                      chunk, FALSE, NULL);
      g_autoptr(FerryListing) mlsd = build_in_chunks (sample_mlsd, sizeof sample_mlsd - 1,
                                                      chunk, TRUE, NULL);

      g_test_message ("chunk size %" G_GSIZE_FORMAT, chunk);
      assert_same_listing (whole, list);
      assert_same_listing (whole_mlsd, mlsd);
    }
}

static void
test_builder_model (void)
{
  g_autoptr(FerryListing) listing = build_in_chunks (sample_list, sizeof sample_list - 1, 64,
                                                     FALSE, NULL);
  GType item_type = G_TYPE_INVALID;
  guint n_items = 0;
  gboolean truncated = TRUE;
  guint n_warnings = 0;
  g_auto(GStrv) warnings = NULL;
  g_autofree char *path = NULL;

  g_assert_true (G_IS_LIST_MODEL (listing));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (listing)) == FERRY_TYPE_REMOTE_FILE);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (listing), 7));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (listing), G_MAXUINT));
  g_object_get (listing,
                "item-type", &item_type,
                "n-items", &n_items,
                "possibly-truncated", &truncated,
                "n-warnings", &n_warnings,
                "warnings", &warnings,
                "path", &path,
                NULL);
  g_assert_true (item_type == FERRY_TYPE_REMOTE_FILE);
  g_assert_cmpuint (n_items, ==, 7);
  g_assert_false (truncated);
  g_assert_cmpuint (n_warnings, ==, 1);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_cmpstr (path, ==, "/pub");

  /* A builder that is not finished is freed. */
  {
    g_autoptr(FerryListingBuilder) builder = ferry_listing_builder_new ("/", FALSE, NULL);

    ferry_listing_builder_push (builder, BYTES ("-rw-r--r-- 1 u g 1 Nov 27 10:00 a\npartial"));
  }

  /* An empty listing, and a NULL context. */
  {
    g_autoptr(FerryListing) empty =
      ferry_listing_builder_finish (ferry_listing_builder_new (NULL, TRUE, NULL));

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (empty)), ==, 0);
    g_assert_null (ferry_listing_get_path (empty));
    g_assert_cmpuint (g_strv_length ((char **) ferry_listing_get_warnings (empty)), ==, 0);
  }
}

/* A line of @len bytes whose name fills it up. */
static char *
line_of_length (gsize len)
{
  static const char prefix[] = "-rw-r--r-- 1 u g 1 Nov 27 10:00 ";
  GString *line = g_string_new (prefix);

  while (line->len < len)
    g_string_append_c (line, 'n');
  return g_string_free (line, FALSE);
}

static void
test_builder_long_lines (void)
{
  g_autofree char *at_limit = line_of_length (FERRY_LISTING_MAX_LINE);
  g_autofree char *over_limit = line_of_length (FERRY_LISTING_MAX_LINE + 1);
  g_autofree char *huge = line_of_length (1024 * 1024);
  g_autofree char *data = g_strconcat ("-rw-r--r-- 1 u g 1 Nov 27 10:00 first\r\n",
                                       at_limit, "\r\n",
                                       over_limit, "\r\n",
                                       huge, "\n",
                                       "-rw-r--r-- 1 u g 1 Nov 27 10:00 last\r\n",
                                       huge, NULL);
  gsize len = strlen (data);
  const gsize chunks[] = { 1, 7, 4096, 8193, 65536, len };

  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      g_autoptr(FerryListing) listing = build_in_chunks (data, len, chunks[i], FALSE, NULL);
      const char * const *warnings = ferry_listing_get_warnings (listing);

      g_test_message ("chunk size %" G_GSIZE_FORMAT, chunks[i]);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (listing)), ==, 3);
      g_assert_cmpstr (item_name (listing, 0), ==, "first");
      g_assert_cmpuint (strlen (item_name (listing, 1)), ==, FERRY_LISTING_MAX_LINE - 32);
      g_assert_cmpstr (item_name (listing, 2), ==, "last");
      g_assert_cmpuint (ferry_listing_get_n_warnings (listing), ==, 3);
      g_assert_cmpstr (warnings[0], ==,
                       "Line 3 of the listing is longer than 8192 bytes; Ferry skipped it.");
      g_assert_cmpstr (warnings[1], ==,
                       "Line 4 of the listing is longer than 8192 bytes; Ferry skipped it.");
      g_assert_cmpstr (warnings[2], ==,
                       "Line 6 of the listing is longer than 8192 bytes; Ferry skipped it.");
    }
}

static void
test_builder_warnings_capped (void)
{
  FerryListingBuilder *builder = ferry_listing_builder_new ("/", FALSE, NULL);
  g_autoptr(FerryListing) listing = NULL;
  const char * const *warnings;

  /* Names that cannot be local names are warnings; lines in no format are not. */
  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *line = g_strdup_printf ("-rw-r--r-- 1 u g 1 Nov 27 10:00 a\\b%03u\n", i);

      ferry_listing_builder_push (builder, line, strlen (line));
      ferry_listing_builder_push (builder, BYTES ("not a listing line\n"));
    }
  ferry_listing_builder_push (builder, BYTES ("-rw-r--r-- 1 u g 1 Nov 27 10:00 ok\n"));
  listing = ferry_listing_builder_finish (builder);
  warnings = ferry_listing_get_warnings (listing);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (listing)), ==, 251);
  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, FERRY_LISTING_MAX_WARNINGS);
  g_assert_cmpuint (ferry_listing_get_n_warnings (listing), ==, 250);
  g_assert_nonnull (strstr (warnings[0], "b000"));
  g_assert_nonnull (strstr (warnings[99], "b099"));
  g_assert_cmpuint (ferry_listing_get_n_unread_lines (listing), ==, 250);
  g_assert_cmpuint (g_strv_length ((char **) ferry_listing_get_unread_lines (listing)), ==,
                    FERRY_LISTING_MAX_UNREAD);
  g_assert_cmpstr (ferry_listing_get_unread_lines (listing)[99], ==, "not a listing line");
}

/* Unread lines are kept escaped and cut, so they can be shown as they are. */
static void
test_builder_unread_lines_escaped (void)
{
  FerryListingBuilder *builder = ferry_listing_builder_new ("/", FALSE, NULL);
  g_autoptr(FerryListing) listing = NULL;
  g_autoptr(GString) wide = g_string_new (NULL);
  const char * const *unread;

  ferry_listing_builder_push (builder, BYTES ("bell\a and \x82\xa0 bytes\r\n"));
  for (guint i = 0; i < 1000; i++)
    g_string_append_c (wide, 'w');
  g_string_append_c (wide, '\n');
  ferry_listing_builder_push (builder, wide->str, wide->len);
  listing = ferry_listing_builder_finish (builder);
  unread = ferry_listing_get_unread_lines (listing);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (listing)), ==, 0);
  g_assert_cmpuint (ferry_listing_get_n_unread_lines (listing), ==, 2);
  g_assert_cmpstr (unread[0], ==, "bell\\x07 and \\x82\\xA0 bytes");
  g_assert_true (g_utf8_validate (unread[1], -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (unread[1], -1), <=, FERRY_LISTING_UNREAD_CHARS + 1);
  g_assert_true (g_str_has_suffix (unread[1], "…"));
  g_assert_null (unread[2]);
}

static void
test_builder_charset (void)
{
  static const char data[] = "-rw-r--r-- 1 u g 1 Nov 27 10:00 caf\xe9\r\n";
  g_autoptr(FerryListing) cp1252 = build_in_chunks (BYTES (data), 5, FALSE, "WINDOWS-1252");
  g_autoptr(FerryListing) unknown = build_in_chunks (BYTES (data), 5, FALSE, "x-no-such");
  const char * const *warnings = ferry_listing_get_warnings (unknown);

  g_assert_cmpstr (item_name (cp1252, 0), ==, "café");
  g_assert_cmpuint (ferry_listing_get_n_warnings (cp1252), ==, 0);
  g_assert_cmpstr (item_name (unknown, 0), ==, "café");
  g_assert_cmpuint (ferry_listing_get_n_warnings (unknown), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "“x-no-such”"));
}

static FerryListing *
build_n_entries (guint    n,
                 gboolean with_dots,
                 gboolean mlsd)
{
  g_autoptr(GDateTime) now = parse_iso (NOW_ISO);
  FerryListContext ctx = { NULL, 0, now };
  FerryListingBuilder *builder = ferry_listing_builder_new ("/big", mlsd, &ctx);
  g_autoptr(GString) chunk = g_string_new (NULL);

  if (with_dots)
    {
      if (mlsd)
        g_string_append (chunk, "type=dir;perm=fle; .\r\ntype=dir;perm=fle; ..\r\n");
      else
        g_string_append (chunk, "drwxr-xr-x 2 u g 4096 Nov 27 10:00 .\r\n"
                                "drwxr-xr-x 2 u g 4096 Nov 27 10:00 ..\r\n");
    }
  for (guint i = 0; i < n; i++)
    {
      if (mlsd)
        g_string_append_printf (chunk, "type=file;size=%u;modify=20261127100000;"
                                       "UNIX.mode=0644; file-%06u.dat\r\n", i, i);
      else
        g_string_append_printf (chunk, "-rw-r--r--    1 alice    staff    %10u Nov 27 10:00 "
                                       "file-%06u.dat\r\n", i, i);
      if (chunk->len > 60000)
        {
          ferry_listing_builder_push (builder, chunk->str, chunk->len);
          g_string_truncate (chunk, 0);
        }
    }
  ferry_listing_builder_push (builder, chunk->str, chunk->len);
  return ferry_listing_builder_finish (builder);
}

static void
test_builder_truncated (void)
{
  g_autoptr(FerryListing) exact = build_n_entries (FERRY_LISTING_SERVER_LIMIT, FALSE, FALSE);
  g_autoptr(FerryListing) fewer = build_n_entries (FERRY_LISTING_SERVER_LIMIT - 1, FALSE, FALSE);
  g_autoptr(FerryListing) more = build_n_entries (FERRY_LISTING_SERVER_LIMIT + 1, FALSE, TRUE);
  g_autoptr(FerryListing) dots = build_n_entries (FERRY_LISTING_SERVER_LIMIT - 2, TRUE, FALSE);
  g_autoptr(FerryListing) dots_mlsd = build_n_entries (FERRY_LISTING_SERVER_LIMIT, TRUE, TRUE);

  g_assert_true (ferry_listing_get_possibly_truncated (exact));
  g_assert_false (ferry_listing_get_possibly_truncated (fewer));
  g_assert_false (ferry_listing_get_possibly_truncated (more));
  g_assert_true (ferry_listing_get_possibly_truncated (dots));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dots)), ==,
                    FERRY_LISTING_SERVER_LIMIT - 2);
  g_assert_true (ferry_listing_get_possibly_truncated (dots_mlsd));
}

static void
test_builder_large (void)
{
  const guint n = 100000;
  g_autoptr(FerryListing) list = build_n_entries (n, TRUE, FALSE);
  g_autoptr(FerryListing) mlsd = build_n_entries (n, TRUE, TRUE);
  FerryListing *listings[] = { list, mlsd };

  for (guint k = 0; k < G_N_ELEMENTS (listings); k++)
    {
      g_autoptr(FerryRemoteFile) last = NULL;

      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (listings[k])), ==, n);
      g_assert_cmpuint (ferry_listing_get_n_warnings (listings[k]), ==, 0);
      g_assert_false (ferry_listing_get_possibly_truncated (listings[k]));
      g_assert_cmpstr (item_name (listings[k], 0), ==, "file-000000.dat");
      last = g_list_model_get_item (G_LIST_MODEL (listings[k]), n - 1);
      g_assert_cmpstr (ferry_remote_file_get_name (last), ==, "file-099999.dat");
      g_assert_cmpint (ferry_remote_file_get_size (last), ==, n - 1);
    }
}

/* ------------------------------------------------------------------------ */
/* Any bytes                                                                 */

static void
check_any_result (FerryRemoteFile *file,
                  GError          *error)
{
  if (file != NULL)
    {
      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (ferry_remote_file_get_name (file), -1, NULL));
      g_assert_cmpuint (g_bytes_get_size (ferry_remote_file_get_raw_name (file)), >, 0);
    }
  else if (error != NULL)
    {
      g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
parse_any (const char *line,
           gsize       len)
{
  const FerryListContext contexts[] = { { NULL, 0, NULL }, { "SHIFT_JIS", -720, NULL } };

  for (guint k = 0; k < G_N_ELEMENTS (contexts); k++)
    {
      g_autoptr(GError) list_error = NULL;
      g_autoptr(GError) mlsd_error = NULL;
      g_autoptr(FerryRemoteFile) list = ferry_list_parse_line (line, len, &contexts[k],
                                                               &list_error);
      g_autoptr(FerryRemoteFile) mlsd = ferry_mlsd_parse_line (line, len, &contexts[k],
                                                               &mlsd_error);

      check_any_result (list, list_error);
      check_any_result (mlsd, mlsd_error);
    }
}

/* Mutations of every fixture line (bytes replaced, cut, doubled) and random
 * bytes from an alphabet of the characters that matter to the parsers. The
 * parsers must answer an entry or an error, never crash; run under valgrind
 * this also finds reads past the end. */
static void
test_any_bytes (void)
{
  static const char alphabet[] = " \t-drwx:,;=+/.<>[]\\\r\n\0\xe9\xc3\x83" "0123456789JanDecAMP";
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);

  for (guint i = 0; i < G_N_ELEMENTS (list_cases); i++)
    {
      const char *line = list_cases[i].line;
      gsize len = list_cases[i].line_len;

      for (gsize cut = 0; cut <= len; cut++)
        {
          /* g_memdup2 of exactly @cut bytes, so that valgrind sees any read past it. */
          g_autofree char *copy = g_memdup2 (line, cut);

          parse_any (copy, cut);
        }
      for (guint round = 0; round < 40; round++)
        {
          g_autofree char *copy = g_memdup2 (line, len);
          guint n_changes = g_rand_int_range (rand, 1, 4);

          for (guint c = 0; c < n_changes && len > 0; c++)
            copy[g_rand_int_range (rand, 0, len)] =
              alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
          parse_any (copy, len);
        }
    }

  for (guint round = 0; round < 3000; round++)
    {
      gsize len = g_rand_int_range (rand, 0, 80);
      g_autofree char *line = g_malloc (MAX (len, 1));

      for (gsize i = 0; i < len; i++)
        line[i] = round % 2 ? (char) g_rand_int_range (rand, 0, 256)
                            : alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      parse_any (line, len);
    }

  /* And through the builder, in odd chunks. */
  for (guint round = 0; round < 200; round++)
    {
      gsize len = g_rand_int_range (rand, 0, 2000);
      g_autofree char *data = g_malloc (MAX (len, 1));
      FerryListingBuilder *builder = ferry_listing_builder_new ("/", round % 2, NULL);
      g_autoptr(FerryListing) listing = NULL;

      for (gsize i = 0; i < len; i++)
        data[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      for (gsize offset = 0; offset < len;)
        {
          gsize n = g_rand_int_range (rand, 1, 64);

          n = MIN (n, len - offset);

          ferry_listing_builder_push (builder, data + offset, n);
          offset += n;
        }
      listing = ferry_listing_builder_finish (builder);
      g_assert_nonnull (listing);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/list-parser/list/table", test_list_table);
  g_test_add_func ("/list-parser/list/nul-byte", test_list_nul_byte);
  g_test_add_func ("/list-parser/list/not-entries", test_list_not_entries);
  g_test_add_func ("/list-parser/list/dates", test_list_dates);
  g_test_add_func ("/list-parser/charsets", test_charsets);
  g_test_add_func ("/list-parser/mlsd/table", test_mlsd_table);
  g_test_add_func ("/list-parser/mlsd/not-entries", test_mlsd_not_entries);
  g_test_add_func ("/list-parser/name-safety", test_name_safety);
  g_test_add_func ("/list-parser/remote-file", test_remote_file);
  g_test_add_func ("/list-parser/builder/chunks", test_builder_chunks);
  g_test_add_func ("/list-parser/builder/model", test_builder_model);
  g_test_add_func ("/list-parser/builder/long-lines", test_builder_long_lines);
  g_test_add_func ("/list-parser/builder/warnings-capped", test_builder_warnings_capped);
  g_test_add_func ("/list-parser/builder/unread-lines-escaped",
                   test_builder_unread_lines_escaped);
  g_test_add_func ("/list-parser/builder/charset", test_builder_charset);
  g_test_add_func ("/list-parser/builder/possibly-truncated", test_builder_truncated);
  g_test_add_func ("/list-parser/builder/100000-entries", test_builder_large);
  g_test_add_func ("/list-parser/any-bytes", test_any_bytes);

  return g_test_run ();
}
