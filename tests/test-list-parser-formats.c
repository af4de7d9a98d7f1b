/* test-list-parser-formats.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixture tables for the listing formats beyond Unix, DOS and EPLF (those are
 * in test-list-parser.c): the Unix variants servers produce, German and CJK
 * dates, MLSD sent for LIST, VMS, z/OS datasets and members, z/VM, IBM i,
 * OS/2, VShell, VxWorks, Nortel wfFtp, OS-9 and HP NonStop. The lines were
 * written from the formats' documentation and the listings their servers are
 * known to send; each row names its format.
 */
#include "config.h"

#include <string.h>

#include "ferry-error.h"
#include "ferry-list-parser.h"
#include "ferry-listing.h"
#include "ferry-remote-file.h"

/* A string literal and its length, NUL bytes included. */
#define BYTES(s) (s), (sizeof (s) - 1)

#define K_FILE FERRY_REMOTE_FILE_KIND_FILE
#define K_DIR  FERRY_REMOTE_FILE_KIND_DIRECTORY
#define K_LINK FERRY_REMOTE_FILE_KIND_LINK

/* The modified date of a row: with a time, date only, none. */
#define AT(iso)  iso, TRUE
#define ON(date) date "T00:00:00Z", FALSE
#define NO_DATE  NULL, FALSE

/* "now" of the tables: a date without a year is the one nearest to it. */
#define NOW_ISO "2026-11-28T12:00:00Z"

#define AUTO FERRY_SERVER_TYPE_AUTO

typedef struct
{
  const char *format;
  FerryServerType type;
  const char *line;
  gsize line_len;
  FerryRemoteFileKind kind;
  const char *name;
  gint64 size;
  const char *modified;   /* UTC, ISO 8601 */
  gboolean has_time;
  const char *target;
  const char *owner;
  const char *group;
} FormatCase;

static const FormatCase format_cases[] = {
  /* Unix ls -l variants */
  { "unix numeric", AUTO, BYTES ("-rw-r--r--   1 alice staff   1234 11 2 09:15 numeric.txt"),
    K_FILE, "numeric.txt", 1234, AT ("2026-11-02T09:15:00Z"), NULL, "alice", "staff" },
  { "unix numeric", AUTO, BYTES ("-rw-r--r--   1 alice staff   1234 3 29  2003 numeric-year.txt"),
    K_FILE, "numeric-year.txt", 1234, ON ("2003-03-29"), NULL, "alice", "staff" },
  { "unix numeric", AUTO, BYTES ("-rw-r--r--   1 5 5   2003 Mar 3  2003 owner five"),
    K_FILE, "owner five", 2003, ON ("2003-03-03"), NULL, "5", "5" },
  { "unix MM-DD", AUTO, BYTES ("-rw-r--r--   1 alice staff    512 03-29 2003 mmdd-year.txt"),
    K_FILE, "mmdd-year.txt", 512, ON ("2003-03-29"), NULL, "alice", "staff" },
  { "unix MM-DD", AUTO, BYTES ("drwxr-xr-x   2 alice staff   4096 11-20 18:30 mmdd-time"),
    K_DIR, "mmdd-time", 4096, AT ("2026-11-20T18:30:00Z"), NULL, "alice", "staff" },
  { "unix YYYY/MM/DD", AUTO, BYTES ("-rw-r--r--   1 alice staff     17 2003/03/29 03:26 slash.txt"),
    K_FILE, "slash.txt", 17, AT ("2003-03-29T03:26:00Z"), NULL, "alice", "staff" },
  { "unix DD-MM-YYYY", AUTO, BYTES ("-rw-r--r--   1 alice staff     17 29-03-2003 dmy.txt"),
    K_FILE, "dmy.txt", 17, ON ("2003-03-29"), NULL, "alice", "staff" },
  { "unix YYYY.MM.DD", AUTO, BYTES ("-rw-r--r--   1 alice staff     17 2003.03.29 dotted.txt"),
    K_FILE, "dotted.txt", 17, ON ("2003-03-29"), NULL, "alice", "staff" },
  { "unix DD-mon-YY", AUTO, BYTES ("-rw-r--r--   1 alice staff     17 29-Mar-03 15:04 dmony.txt"),
    K_FILE, "dmony.txt", 17, AT ("2003-03-29T15:04:00Z"), NULL, "alice", "staff" },
  { "unix day first", AUTO, BYTES ("-rw-r--r--   1 alice staff     17 01 oct 2004 dayfirst.txt"),
    K_FILE, "dayfirst.txt", 17, ON ("2004-10-01"), NULL, "alice", "staff" },
  { "unix day first", AUTO, BYTES ("-rw-r--r--   1 alice staff     17 15 Nov 08:00 dayfirst-time"),
    K_FILE, "dayfirst-time", 17, AT ("2026-11-15T08:00:00Z"), NULL, "alice", "staff" },
  { "unix units", AUTO, BYTES ("-rw-r--r--   1 alice staff  33.5k Nov 27 10:00 units.txt"),
    K_FILE, "units.txt", 34304, AT ("2026-11-27T10:00:00Z"), NULL, "alice", "staff" },
  { "unix units", AUTO, BYTES ("-rw-r--r--   1 alice staff    2KB Nov 27 10:00 kb.txt"),
    K_FILE, "kb.txt", 2048, AT ("2026-11-27T10:00:00Z"), NULL, "alice", "staff" },
  { "unix units", AUTO, BYTES ("-rw-r--r--   1 alice staff   1.5M Nov 27 10:00 mb.bin"),
    K_FILE, "mb.bin", 1572864, AT ("2026-11-27T10:00:00Z"), NULL, "alice", "staff" },
  { "unix merged", AUTO, BYTES ("-rw-r--r--   1 alice staff12345678 Nov 27 10:00 merged.txt"),
    K_FILE, "merged.txt", 12345678, AT ("2026-11-27T10:00:00Z"), NULL, "alice", "staff" },
  { "unix merged", AUTO,
    BYTES ("-rw-r--r--   1 averyverylongowner123456789 Nov 27 10:00 merged-owner.txt"),
    K_FILE, "merged-owner.txt", 123456789, AT ("2026-11-27T10:00:00Z"), NULL,
    "averyverylongowner", NULL },
  { "unix no owner", AUTO, BYTES ("-rw-r--r--   1234 Nov 27 10:00 no-owner.txt"),
    K_FILE, "no-owner.txt", 1234, AT ("2026-11-27T10:00:00Z"), NULL, NULL, NULL },
  { "unix domain", AUTO,
    BYTES ("-rw-r--r--   1 group domain user   1234 Nov 27 10:00 domain.txt"),
    K_FILE, "domain.txt", 1234, AT ("2026-11-27T10:00:00Z"), NULL, "group", "domain user" },
  { "unix no date", AUTO, BYTES ("-rw-r--r--   1 alice staff   1234 nodate.txt"),
    K_FILE, "nodate.txt", 1234, NO_DATE, NULL, "alice", "staff" },
  { "unix no date", AUTO, BYTES ("drwxr-xr-x   alice staff   4096 no date dir"),
    K_DIR, "no date dir", 4096, NO_DATE, NULL, "alice", "staff" },
  { "NetPresenz", AUTO,
    BYTES ("-------r--         326  1391972  1392298 Nov 22  1995 MegaPhone.sit"),
    K_FILE, "MegaPhone.sit", 1392298, ON ("1995-11-22"), NULL, NULL, NULL },
  { "NetPresenz", AUTO, BYTES ("drwxrwxr-x               folder        2 May 10  1996 network"),
    K_DIR, "network", -1, ON ("1996-05-10"), NULL, NULL, NULL },
  { "Connect:Enterprise", AUTO,
    BYTES ("-C--E-----FTP B QUA1I1      18128       41 Aug 12 13:56 QUA1I1"),
    K_FILE, "QUA1I1", 41, AT ("2026-08-12T13:56:00Z"), NULL, NULL, NULL },
  { "Connect:Enterprise", AUTO,
    BYTES ("-ARTE-----TCP A cd1234       7670     1294 Oct 28 12:03 BCC3I1"),
    K_FILE, "BCC3I1", 1294, AT ("2026-10-28T12:03:00Z"), NULL, NULL, NULL },

  /* German dates */
  { "German", AUTO, BYTES ("-rw-r--r--   1 hans  users   1234 26. Juli, 20:10 sommer.txt"),
    K_FILE, "sommer.txt", 1234, AT ("2026-07-26T20:10:00Z"), NULL, "hans", "users" },
  { "German", AUTO, BYTES ("-rw-r--r--   1 hans  users   1234 2. Okt. 2003 oktober.txt"),
    K_FILE, "oktober.txt", 1234, ON ("2003-10-02"), NULL, "hans", "users" },
  { "German", AUTO, BYTES ("-rw-r--r--   1 hans  users   1234 30. Jan., 12:40 januar.txt"),
    K_FILE, "januar.txt", 1234, AT ("2027-01-30T12:40:00Z"), NULL, "hans", "users" },
  { "German", AUTO, BYTES ("-rw-r--r--   1 hans  users   1234 5. Mär. 2004 maerz.txt"),
    K_FILE, "maerz.txt", 1234, ON ("2004-03-05"), NULL, "hans", "users" },
  { "German", AUTO, BYTES ("-rw-r--r--   1 hans  users   1234 5. M\xe4rz 2004 latin1.txt"),
    K_FILE, "latin1.txt", 1234, ON ("2004-03-05"), NULL, "hans", "users" },
  { "German", AUTO, BYTES ("drwxr-xr-x   2 hans  users   4096 17. Dez. 2019 ordner"),
    K_DIR, "ordner", 4096, ON ("2019-12-17"), NULL, "hans", "users" },
  { "German", AUTO, BYTES ("-rw-r--r--   1 hans  users   1234 Mai  3  2021 mai.txt"),
    K_FILE, "mai.txt", 1234, ON ("2021-05-03"), NULL, "hans", "users" },

  /* CJK dates: UTF-8, Shift_JIS (月 8C 8E, 日 93 FA) and EUC-KR (년 B3 E2,
   * 월 BF F9, 일 C0 CF) */
  { "CJK", AUTO, BYTES ("-rw-r--r--   1 taro  staff   1234  3月 29日 2004年 japan.txt"),
    K_FILE, "japan.txt", 1234, ON ("2004-03-29"), NULL, "taro", "staff" },
  { "CJK", AUTO, BYTES ("-rw-r--r--   1 taro  staff   1234 11月 20日 18:30 tokyo.txt"),
    K_FILE, "tokyo.txt", 1234, AT ("2026-11-20T18:30:00Z"), NULL, "taro", "staff" },
  { "CJK", AUTO, BYTES ("-rw-r--r--   1 li    staff   1234 9月  2 2013 china.txt"),
    K_FILE, "china.txt", 1234, ON ("2013-09-02"), NULL, "li", "staff" },
  { "CJK", AUTO, BYTES ("-rw-r--r--   1 kim   staff   1234 2004년 3월 29일 korea.txt"),
    K_FILE, "korea.txt", 1234, ON ("2004-03-29"), NULL, "kim", "staff" },
  { "CJK Shift_JIS", AUTO,
    BYTES ("-rw-r--r--   1 taro  staff   1234 11\x8c\x8e 3\x93\xfa 12:00 sjis.txt"),
    K_FILE, "sjis.txt", 1234, AT ("2026-11-03T12:00:00Z"), NULL, "taro", "staff" },
  { "CJK EUC-KR", AUTO,
    BYTES ("-rw-r--r--   1 kim   staff   1234 2004\xb3\xe2 3\xbf\xf9 29\xc0\xcf euckr.txt"),
    K_FILE, "euckr.txt", 1234, ON ("2004-03-29"), NULL, "kim", "staff" },
  { "CJK unreadable date", AUTO,
    BYTES ("-rw-r--r--   1 taro  staff   1234 13\x8c\x8e 45\x93\xfa 12:00 baddate.txt"),
    K_FILE, "baddate.txt", 1234, NO_DATE, NULL, "taro", "staff" },

  /* MLSD lines in answer to LIST */
  { "MLSD in LIST", AUTO, BYTES ("type=file;size=1234;modify=20240115103000; report.txt"),
    K_FILE, "report.txt", 1234, AT ("2024-01-15T10:30:00Z"), NULL, NULL, NULL },
  { "MLSD in LIST", AUTO, BYTES ("Type=dir;Modify=20231231235959; Folder"),
    K_DIR, "Folder", -1, AT ("2023-12-31T23:59:59Z"), NULL, NULL, NULL },
  { "MLSD in LIST", AUTO, BYTES ("type=OS.unix=slink:/usr/bin;modify=20200101000000; bin"),
    K_LINK, "bin", -1, AT ("2020-01-01T00:00:00Z"), "/usr/bin", NULL, NULL },
  { "MLSD in LIST", AUTO, BYTES ("type=file;size=5;  two spaces.txt "),
    K_FILE, " two spaces.txt ", 5, NO_DATE, NULL, NULL, NULL },
  { "MLSD in LIST", AUTO, BYTES ("SIZE=42;TYPE=FILE;UNIX.mode=0644;UNIX.owner=7; plain"),
    K_FILE, "plain", 42, NO_DATE, NULL, "7", NULL },

  /* VMS */
  { "VMS", AUTO,
    BYTES ("README.TXT;3          2/8     19-NOV-2001 21:41:07 [GROUP,OWNER] (RWED,RWED,RE,)"),
    K_FILE, "README.TXT;3", 1024, AT ("2001-11-19T21:41:07Z"), NULL, "GROUP,OWNER", NULL },
  { "VMS", AUTO, BYTES ("TOOLS.DIR;1           1       15-APR-1999 [SYSTEM]     (RWE,RWE,RE,RE)"),
    K_DIR, "TOOLS", 512, ON ("1999-04-15"), NULL, "SYSTEM", NULL },
  { "VMS", AUTO, BYTES ("DATA.BIN;12   6308/13   1-JAN-2024 00:00 [USER]  (RWED,RWED,R,)"),
    K_FILE, "DATA.BIN;12", 3229696, AT ("2024-01-01T00:00:00Z"), NULL, "USER", NULL },
  { "VMS", AUTO,
    BYTES ("LOG.TXT;1  (RWED,RWED,RE,) [ADMIN,OPER] 24-MAR-2003 10:05:33.12  155"),
    K_FILE, "LOG.TXT;1", 79360, AT ("2003-03-24T10:05:33Z"), NULL, "ADMIN,OPER", NULL },
  { "VMS", AUTO, BYTES ("NOTES.TXT;2   2KB  10-JAN-2002 [USER] (RWED,RWED,R,)"),
    K_FILE, "NOTES.TXT;2", 2048, ON ("2002-01-10"), NULL, "USER", NULL },
  { "VMS", AUTO, BYTES ("SUB.DIR;1  3/3  7-JUL-2007 07:07"),
    K_DIR, "SUB", 1536, AT ("2007-07-07T07:07:00Z"), NULL, NULL, NULL },

  /* z/OS datasets */
  { "MVS", AUTO, BYTES ("WRK001 3390   2024/01/15  1   15  FB      80 27920  PS  USER.DATA"),
    K_FILE, "USER.DATA", -1, ON ("2024-01-15"), NULL, NULL, NULL },
  { "MVS", AUTO, BYTES ("WRK002 3390   **NONE**    1    1  FB      80 27920  PO  USER.SOURCE"),
    K_DIR, "USER.SOURCE", -1, NO_DATE, NULL, NULL, NULL },
  { "MVS", AUTO, BYTES ("WRK003 3390   2023/12/31  2   30  VB     255 27998  PO-E  USER.LIBRARY"),
    K_DIR, "USER.LIBRARY", -1, ON ("2023-12-31"), NULL, NULL, NULL },
  { "MVS", AUTO, BYTES ("Migrated                                                USER.OLD.DATA"),
    K_FILE, "USER.OLD.DATA", -1, NO_DATE, NULL, NULL, NULL },
  { "MVS", AUTO, BYTES ("VSAM                                                    USER.KSDS"),
    K_FILE, "USER.KSDS", -1, NO_DATE, NULL, NULL, NULL },
  { "MVS", AUTO, BYTES ("Pseudo Directory                                        USER.TEST"),
    K_DIR, "USER.TEST", -1, NO_DATE, NULL, NULL, NULL },

  /* z/OS partitioned dataset members */
  { "MVS member", AUTO,
    BYTES ("MEMBER1   01.03 2002/09/12 2002/10/11 09:37    11    10     0 USER1"),
    K_FILE, "MEMBER1", -1, AT ("2002-10-11T09:37:00Z"), NULL, "USER1", NULL },
  { "MVS member", AUTO,
    BYTES ("$ASM#01   01.00 2020/01/01 2021/06/30 23:59   200   200     0 IBMUSER"),
    K_FILE, "$ASM#01", -1, AT ("2021-06-30T23:59:00Z"), NULL, "IBMUSER", NULL },
  { "MVS member", FERRY_SERVER_TYPE_MVS, BYTES ("MEMBER2"),
    K_FILE, "MEMBER2", -1, NO_DATE, NULL, NULL, NULL },
  { "MVS member", FERRY_SERVER_TYPE_MVS, BYTES ("@LOAD"),
    K_FILE, "@LOAD", -1, NO_DATE, NULL, NULL, NULL },
  { "MVS member", FERRY_SERVER_TYPE_MVS, BYTES ("  X"),
    K_FILE, "X", -1, NO_DATE, NULL, NULL, NULL },

  /* z/VM */
  { "z/VM", AUTO, BYTES ("PROFILE  EXEC     V         80         17          1 2003-06-11 10:16:29 -"),
    K_FILE, "PROFILE.EXEC", -1, AT ("2003-06-11T10:16:29Z"), NULL, NULL, NULL },
  { "z/VM", AUTO, BYTES ("README   TXT      F         80         62          2 2004-01-15 09:00:00 USER01"),
    K_FILE, "README.TXT", 4960, AT ("2004-01-15T09:00:00Z"), NULL, "USER01", NULL },
  { "z/VM", AUTO, BYTES ("SUBDIR   DIR      -          -          -          - 2004-01-15 09:00:00 -"),
    K_DIR, "SUBDIR", -1, AT ("2004-01-15T09:00:00Z"), NULL, NULL, NULL },
  { "z/VM", AUTO, BYTES ("DATA     FILE     F        132       1000         33 12/31/99 23:59:59 -"),
    K_FILE, "DATA.FILE", 132000, AT ("1999-12-31T23:59:59Z"), NULL, NULL, NULL },
  { "z/VM", AUTO, BYTES ("LOG      LISTING  V        121          0          0 2020-02-29 00:00:00 OPER"),
    K_FILE, "LOG.LISTING", -1, AT ("2020-02-29T00:00:00Z"), NULL, "OPER", NULL },

  /* IBM i (AS/400) */
  { "IBM i", AUTO, BYTES ("QSYS           77824 02/23/00 15:09:55 *DIR       QOpenSys/"),
    K_DIR, "QOpenSys", 77824, AT ("2000-02-23T15:09:55Z"), NULL, "QSYS", NULL },
  { "IBM i", AUTO, BYTES ("QDOC          159744 11/12/00 23:44:47 *FLR       /QDOC/"),
    K_DIR, "QDOC", 159744, AT ("2000-11-12T23:44:47Z"), NULL, "QDOC", NULL },
  { "IBM i", AUTO, BYTES ("QSECOFR        36864 25/12/03 17:07:05 *FILE      QSYSPRTR.FILE"),
    K_DIR, "QSYSPRTR.FILE", 36864, AT ("2003-12-25T17:07:05Z"), NULL, "QSECOFR", NULL },
  { "IBM i", AUTO, BYTES ("QSECOFR                          *MEM       QSYSPRTR.FILE/QSYSPRTR.MBR"),
    K_FILE, "QSYSPRTR.MBR", -1, NO_DATE, NULL, "QSECOFR", NULL },
  { "IBM i", AUTO, BYTES ("MYUSER          4096 25.01.22 10:11:12 *STMF      report 2022.txt"),
    K_FILE, "report 2022.txt", 4096, AT ("2022-01-25T10:11:12Z"), NULL, "MYUSER", NULL },
  { "IBM i", AUTO, BYTES ("PROD          123456 04/05/21 08:00:00 *STMF      ambiguous.csv"),
    K_FILE, "ambiguous.csv", 123456, AT ("2021-04-05T08:00:00Z"), NULL, "PROD", NULL },

  /* OS/2 */
  { "OS/2", AUTO, BYTES ("           0           DIR   04-11-95   16:26  ADDRESS"),
    K_DIR, "ADDRESS", 0, AT ("1995-04-11T16:26:00Z"), NULL, NULL, NULL },
  { "OS/2", AUTO, BYTES ("       35362     A          09-22-104  12:45  INSTALL.TXT"),
    K_FILE, "INSTALL.TXT", 35362, AT ("2004-09-22T12:45:00Z"), NULL, NULL, NULL },
  { "OS/2", AUTO, BYTES ("         612      RA        07-28-98   11:12  ENV.TXT"),
    K_FILE, "ENV.TXT", 612, AT ("1998-07-28T11:12:00Z"), NULL, NULL, NULL },
  { "OS/2", AUTO, BYTES ("     1234567               12-01-2003  08:00  big file.zip"),
    K_FILE, "big file.zip", 1234567, AT ("2003-12-01T08:00:00Z"), NULL, NULL, NULL },
  { "OS/2", AUTO, BYTES ("        4096  H  DIR  01-02-2010  00:00  .hidden dir"),
    K_DIR, ".hidden dir", 4096, AT ("2010-01-02T00:00:00Z"), NULL, NULL, NULL },

  /* VShell: the old lines, and the new Unix ones with a comma after the day */
  { "VShell", AUTO, BYTES ("  206876  Apr 04, 2000 21:06 VShell_Setup.exe"),
    K_FILE, "VShell_Setup.exe", 206876, AT ("2000-04-04T21:06:00Z"), NULL, NULL, NULL },
  { "VShell", AUTO, BYTES ("       0  Dec 12, 2002 02:13 Public/"),
    K_DIR, "Public", 0, AT ("2002-12-12T02:13:00Z"), NULL, NULL, NULL },
  { "VShell", AUTO, BYTES ("    1024  Jan 01, 2020 00:00 with space.txt"),
    K_FILE, "with space.txt", 1024, AT ("2020-01-01T00:00:00Z"), NULL, NULL, NULL },
  { "VShell", AUTO, BYTES ("       0  Jul 07, 2007 07:07 sub dir/"),
    K_DIR, "sub dir", 0, AT ("2007-07-07T07:07:00Z"), NULL, NULL, NULL },
  { "VShell", AUTO,
    BYTES ("-rwxr-xr-x    1 user    group         9 Oct 08, 2002 09:47 vshell-new.txt"),
    K_FILE, "vshell-new.txt", 9, AT ("2002-10-08T09:47:00Z"), NULL, "user", "group" },

  /* VxWorks */
  { "VxWorks", AUTO, BYTES ("  512        Jan-12-2002  10:21:34   sub   <DIR>"),
    K_DIR, "sub", 512, AT ("2002-01-12T10:21:34Z"), NULL, NULL, NULL },
  { "VxWorks", AUTO, BYTES ("  1234       Feb-29-2004  09:00:00   file.bin"),
    K_FILE, "file.bin", 1234, AT ("2004-02-29T09:00:00Z"), NULL, NULL, NULL },
  { "VxWorks", AUTO, BYTES ("  0          Dec-31-1999  23:59:59   empty.log"),
    K_FILE, "empty.log", 0, AT ("1999-12-31T23:59:59Z"), NULL, NULL, NULL },
  { "VxWorks", AUTO, BYTES ("  65536      Jun-01-2010  12:00:00   with space.dat"),
    K_FILE, "with space.dat", 65536, AT ("2010-06-01T12:00:00Z"), NULL, NULL, NULL },
  { "VxWorks", AUTO, BYTES ("  1024       Mar-03-2003  03:03:03   tgt dir   <DIR>"),
    K_DIR, "tgt dir", 1024, AT ("2003-03-03T03:03:03Z"), NULL, NULL, NULL },

  /* Nortel wfFtp */
  { "wfFtp", AUTO, BYTES ("nortel.wfFtp       1014196  06/03/04  Thur.   10:20:03"),
    K_FILE, "nortel.wfFtp", 1014196, AT ("2004-06-03T10:20:03Z"), NULL, NULL, NULL },
  { "wfFtp", AUTO, BYTES ("config            2048  12/31/99  Fri.   23:59:59"),
    K_FILE, "config", 2048, AT ("1999-12-31T23:59:59Z"), NULL, NULL, NULL },
  { "wfFtp", AUTO, BYTES ("log.txt   5  01/01/00  Sat.  00:00:00"),
    K_FILE, "log.txt", 5, AT ("2000-01-01T00:00:00Z"), NULL, NULL, NULL },
  { "wfFtp", AUTO, BYTES ("ospf.cfg  300  02/29/04  Sun.  12:00:00"),
    K_FILE, "ospf.cfg", 300, AT ("2004-02-29T12:00:00Z"), NULL, NULL, NULL },
  { "wfFtp", AUTO, BYTES ("boot.exe  7340032  07/04/05  Mon.  08:30:00"),
    K_FILE, "boot.exe", 7340032, AT ("2005-07-04T08:30:00Z"), NULL, NULL, NULL },

  /* Microware OS-9 (sector and size in hexadecimal) */
  { "OS-9", AUTO, BYTES ("0.0      07/03/29 1026 d-ewrewr        2      120 CMDS"),
    K_DIR, "CMDS", 0x120, AT ("2007-03-29T10:26:00Z"), NULL, "0.0", NULL },
  { "OS-9", AUTO, BYTES ("1.12     99/12/05 1415 ------wr      1C3      22A startup"),
    K_FILE, "startup", 0x22A, AT ("1999-12-05T14:15:00Z"), NULL, "1.12", NULL },
  { "OS-9", AUTO, BYTES ("0.0      24/01/15 0900 -s----wr       A0     FFFF shared.dat"),
    K_FILE, "shared.dat", 0xFFFF, AT ("2024-01-15T09:00:00Z"), NULL, "0.0", NULL },
  { "OS-9", AUTO, BYTES ("2.3      10/06/30 2359 d-ewrewr       10       40 SYS"),
    K_DIR, "SYS", 0x40, AT ("2010-06-30T23:59:00Z"), NULL, "2.3", NULL },
  { "OS-9", AUTO, BYTES ("0.0      05/05/05 0505 ---wr-wr       55        0 empty file"),
    K_FILE, "empty file", 0, AT ("2005-05-05T05:05:00Z"), NULL, "0.0", NULL },

  /* HP NonStop (Tandem) */
  { "Tandem", AUTO, BYTES ("ALTDATA                  101         2 31-Dec-03 08:22:17 255,255 \"nnnn\""),
    K_FILE, "ALTDATA", 2, AT ("2003-12-31T08:22:17Z"), NULL, "255,255", NULL },
  { "Tandem", AUTO, BYTES ("ZZSA0001                 180      4096 01-Jan-24 00:00:00 8,1 \"oooo\""),
    K_FILE, "ZZSA0001", 4096, AT ("2024-01-01T00:00:00Z"), NULL, "8,1", NULL },
  { "Tandem", AUTO, BYTES ("OSSFILE                 101O    12345 15-Jun-10 12:30:45 100,2 \"NUNU\""),
    K_FILE, "OSSFILE", 12345, AT ("2010-06-15T12:30:45Z"), NULL, "100,2", NULL },
  { "Tandem", AUTO, BYTES ("EDITFILE                 101      1024 28-Feb-99 23:59:59 1,1 \"gggg\""),
    K_FILE, "EDITFILE", 1024, AT ("1999-02-28T23:59:59Z"), NULL, "1,1", NULL },
  { "Tandem", AUTO, BYTES ("BIGFILE                    0 123456789 05-May-05 05:05:05 255,1 \"----\""),
    K_FILE, "BIGFILE", 123456789, AT ("2005-05-05T05:05:05Z"), NULL, "255,1", NULL },
};

static GDateTime *
parse_iso (const char *iso)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return dt;
}

static void
check_file (FerryRemoteFile  *file,
            const FormatCase *c)
{
  GDateTime *modified = ferry_remote_file_get_modified (file);
  g_autofree char *iso = modified != NULL ? g_date_time_format_iso8601 (modified) : NULL;

  g_assert_cmpint (ferry_remote_file_get_kind (file), ==, c->kind);
  g_assert_cmpstr (ferry_remote_file_get_name (file), ==, c->name);
  g_assert_cmpint (ferry_remote_file_get_size (file), ==, c->size);
  g_assert_cmpstr (iso, ==, c->modified);
  g_assert_cmpint (ferry_remote_file_get_modified_has_time (file), ==, c->has_time);
  g_assert_cmpstr (ferry_remote_file_get_link_target (file), ==, c->target);
  g_assert_cmpstr (ferry_remote_file_get_owner (file), ==, c->owner);
  g_assert_cmpstr (ferry_remote_file_get_group (file), ==, c->group);
}

static void
test_format_table (void)
{
  g_autoptr(GDateTime) now = parse_iso (NOW_ISO);
  g_autoptr(GHashTable) per_format = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const five_each[] = {
    "German", "MLSD in LIST", "VMS", "MVS", "MVS member", "z/VM", "IBM i", "OS/2", "VShell",
    "VxWorks", "wfFtp", "OS-9", "Tandem",
  };

  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      const FormatCase *c = &format_cases[i];
      FerryListContext ctx = { NULL, 0, now, c->type };
      g_autoptr(GError) error = NULL;
      g_autoptr(FerryRemoteFile) file = NULL;

      g_test_message ("case %u: %s: %s", i, c->format, c->name);
      file = ferry_list_parse_line (c->line, c->line_len, &ctx, &error);
      g_assert_no_error (error);
      g_assert_nonnull (file);
      check_file (file, c);
      g_hash_table_insert (per_format, (gpointer) c->format,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (
                             g_hash_table_lookup (per_format, c->format)) + 1));
    }

  for (guint i = 0; i < G_N_ELEMENTS (five_each); i++)
    {
      g_test_message ("format %s", five_each[i]);
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (per_format, five_each[i])), >=, 5);
    }
}

/* Lines that are not entries: headers (no error) and what only a named
 * server type reads (an error under auto). */
static void
test_format_not_entries (void)
{
  const char * const headers[] = {
    "Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname",
    " Name     VV.MM   Created       Changed      Size  Init   Mod   Id",
    " Name      Size   TTR   Alias-of AC --------- Attributes --------- Amode Rmode",
    "Directory DISK$USER:[ANONYMOUS]",
    "Total of 3 files, 10 blocks.",
    "Grand total of 2 directories, 12 files, 340 blocks.",
    "File         Code             EOF  Last Modification    Owner  RWEP",
    "type=cdir;modify=20240101000000; .",
  };
  const FerryServerType header_types[] = {
    FERRY_SERVER_TYPE_MVS, FERRY_SERVER_TYPE_MVS, FERRY_SERVER_TYPE_MVS,
    FERRY_SERVER_TYPE_VMS, FERRY_SERVER_TYPE_VMS, FERRY_SERVER_TYPE_VMS,
    FERRY_SERVER_TYPE_TANDEM, FERRY_SERVER_TYPE_AUTO,
  };
  const char * const unread[] = {
    "MEMBER2",                      /* a member alone: only under MVS */
    "README.TXT;3  2/8  [OWNER]",   /* VMS without a date */
    "WRK001 3390   2024/01/15  1   15  FB      80 27920  XX  USER.DATA", /* no such DSORG */
    "  512        Jan-12-2002  10:21:34",                                   /* no name */
    "nortel.wfFtp       1014196  06/03/04  Someday   10:20:03",
    "0.0      07/03/29 1026 d-qqqqqq        2      120 CMDS",
    "foo=bar; not a fact MLSD knows",
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FerryRemoteFile) file = NULL;

      g_test_message ("header: %s", headers[i]);
      file = ferry_list_parse_line (headers[i], strlen (headers[i]), NULL, &error);
      g_assert_null (file);
      g_assert_no_error (error);
      g_assert_cmpint (ferry_list_line_header_type (headers[i], strlen (headers[i])), ==,
                       header_types[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (unread); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FerryRemoteFile) file = NULL;

      g_test_message ("unread: %s", unread[i]);
      file = ferry_list_parse_line (unread[i], strlen (unread[i]), NULL, &error);
      g_assert_null (file);
      g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
    }
}

/* A named type is tried first, and other formats are still read under it. */
static void
test_server_type (void)
{
  static const char unix_line[] = "-rw-r--r--   1 alice staff   1234 Nov 27 10:00 unix.txt";

  for (int type = 0; type < FERRY_SERVER_TYPE_N_TYPES; type++)
    {
      FerryListContext ctx = { NULL, 0, NULL, (FerryServerType) type };
      g_autoptr(FerryRemoteFile) file = NULL;
      FerryServerType back = FERRY_SERVER_TYPE_N_TYPES;
      g_autofree char *upper = g_ascii_strup (ferry_server_type_to_string (type), -1);

      file = ferry_list_parse_line (BYTES (unix_line), &ctx, NULL);
      g_assert_nonnull (file);
      g_assert_cmpstr (ferry_remote_file_get_name (file), ==, "unix.txt");
      g_assert_true (ferry_server_type_from_string (upper, &back));
      g_assert_cmpint (back, ==, type);
      g_assert_nonnull (ferry_server_type_get_label (type));
    }
  g_assert_false (ferry_server_type_from_string ("bogus", &(FerryServerType) { 0 }));
  g_assert_false (ferry_server_type_from_string (NULL, &(FerryServerType) { 0 }));
}

/* ------------------------------------------------------------------------ */
/* A listing mixing the formats line by line, through the builder            */

static GBytes *
mixed_listing (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "listings", "mixed.txt",
                                                 NULL);
  g_autoptr(GError) error = NULL;
  char *data;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static FerryListing *
build_in_chunks (GBytes *bytes,
                 gsize   chunk)
{
  g_autoptr(GDateTime) now = parse_iso (NOW_ISO);
  FerryListContext ctx = { NULL, 0, now, FERRY_SERVER_TYPE_AUTO };
  FerryListingBuilder *builder = ferry_listing_builder_new ("/mixed", FALSE, &ctx);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  for (gsize offset = 0; offset < len; offset += chunk)
    ferry_listing_builder_push (builder, data + offset, MIN (chunk, len - offset));
  return ferry_listing_builder_finish (builder);
}

static char *
describe (FerryListing *listing)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (listing));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryRemoteFile) file = g_list_model_get_item (G_LIST_MODEL (listing), i);
      GDateTime *modified = ferry_remote_file_get_modified (file);
      g_autofree char *iso = modified != NULL ? g_date_time_format_iso8601 (modified) : NULL;

      g_string_append_printf (out, "%s|%d|%" G_GINT64_FORMAT "|%s\n",
                              ferry_remote_file_get_name (file),
                              ferry_remote_file_get_kind (file),
                              ferry_remote_file_get_size (file), iso != NULL ? iso : "-");
    }
  return g_string_free (out, FALSE);
}

static void
test_mixed_listing (void)
{
  g_autoptr(GBytes) bytes = mixed_listing ();
  g_autoptr(FerryListing) whole = build_in_chunks (bytes, g_bytes_get_size (bytes));
  g_autofree char *expected = describe (whole);

  g_assert_cmpstr (expected, ==,
                   "unix.txt|0|1234|2026-11-27T10:00:00Z\n"
                   "units.txt|0|2048|2026-11-20T18:30:00Z\n"
                   "oktober.txt|0|1234|2003-10-02T00:00:00Z\n"
                   "dos folder|1|-1|2026-11-27T10:00:00Z\n"
                   "mlsd in list.txt|0|7|2026-11-27T10:00:00Z\n"
                   "README.TXT;3|0|1024|2001-11-19T21:41:07Z\n"
                   "A_VERY_LONG_FILE_NAME_INDEED.TXT;1|0|79360|2003-03-24T10:05:00Z\n"
                   "ibm i.txt|0|36864|2003-12-25T17:07:05Z\n"
                   "OS2.TXT|0|35362|2004-09-22T12:45:00Z\n"
                   "vxworks dir|1|512|2002-01-12T10:21:34Z\n"
                   "ALTDATA|0|2|2003-12-31T08:22:17Z\n"
                   "MEMBER1|0|-1|2002-10-11T09:37:00Z\n"
                   "MEMBER2|0|-1|-\n"
                   "sjis.txt|0|1234|2026-11-03T12:00:00Z\n");
  g_assert_cmpuint (ferry_listing_get_n_unread_lines (whole), ==, 1);
  g_assert_cmpstrv (ferry_listing_get_unread_lines (whole),
                    ((const char * const[]) { "this line is in no format at all", NULL }));

  for (gsize chunk = 1; chunk <= 17; chunk++)
    {
      g_autoptr(FerryListing) list = build_in_chunks (bytes, chunk);
      g_autofree char *got = describe (list);

      g_test_message ("chunk size %" G_GSIZE_FORMAT, chunk);
      g_assert_cmpstr (got, ==, expected);
      g_assert_cmpstrv (ferry_listing_get_unread_lines (list),
                        ferry_listing_get_unread_lines (whole));
      g_assert_cmpstrv (ferry_listing_get_warnings (list), ferry_listing_get_warnings (whole));
    }
}

/* A VMS name alone whose next line is no continuation is an unread line, and
 * the next line is read by itself. */
static void
test_vms_name_without_rest (void)
{
  static const char data[] =
    "LONELY_NAME.TXT;1\n"
    "-rw-r--r--   1 alice staff   1234 Nov 27 10:00 after.txt\n"
    "LAST_NAME.TXT;2\n";
  FerryListingBuilder *builder = ferry_listing_builder_new ("/vms", FALSE, NULL);
  g_autoptr(FerryListing) listing = NULL;
  g_autoptr(FerryRemoteFile) file = NULL;

  ferry_listing_builder_push (builder, BYTES (data));
  listing = ferry_listing_builder_finish (builder);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (listing)), ==, 1);
  file = g_list_model_get_item (G_LIST_MODEL (listing), 0);
  g_assert_cmpstr (ferry_remote_file_get_name (file), ==, "after.txt");
  g_assert_cmpstrv (ferry_listing_get_unread_lines (listing),
                    ((const char * const[]) { "LONELY_NAME.TXT;1", "LAST_NAME.TXT;2", NULL }));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/list-parser-formats/table", test_format_table);
  g_test_add_func ("/list-parser-formats/not-entries", test_format_not_entries);
  g_test_add_func ("/list-parser-formats/server-type", test_server_type);
  g_test_add_func ("/list-parser-formats/mixed", test_mixed_listing);
  g_test_add_func ("/list-parser-formats/vms-name-without-rest", test_vms_name_without_rest);

  return g_test_run ();
}
