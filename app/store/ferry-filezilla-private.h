/* ferry-filezilla-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FileZilla's numbers, shared by the parser and the exporter.
 */
#pragma once

#include <glib.h>

#include "ferry-list-parser.h"

G_BEGIN_DECLS

/* FileZilla's server types (ServerType in server.h): a <Server>'s <Type> and
 * the first number of its RemoteDir (CServerPath). */
enum
{
  FZ_PATH_DEFAULT = 0,
  FZ_PATH_UNIX = 1,
  FZ_PATH_VMS = 2,
  FZ_PATH_DOS = 3,
  FZ_PATH_MVS = 4,
  FZ_PATH_VXWORKS = 5,
  FZ_PATH_ZVM = 6,
  FZ_PATH_HPNONSTOP = 7,
  FZ_PATH_DOS_VIRTUAL = 8,
  FZ_PATH_CYGWIN = 9,
  FZ_PATH_DOS_FWD_SLASHES = 10,
  FZ_PATH_N_TYPES
};

/* Ferry's listing format for FileZilla's server type @fz_type (one of the
 * FZ_PATH_ values). */
FerryServerType ferry_filezilla_server_type_from_fz (int             fz_type);
/* FileZilla's server type for @type; FZ_PATH_DEFAULT for the formats
 * FileZilla has no type for (IBM i, OS/2, VShell, wfFtp, OS-9). */
int             ferry_filezilla_server_type_to_fz   (FerryServerType type);

/* FileZilla's protocol numbers. */
enum
{
  FZ_FTP = 0,
  FZ_SFTP = 1,
  FZ_FTPS = 3,
  FZ_FTPES = 4,
  FZ_INSECURE_FTP = 6,
};

/* FileZilla's logon types. */
enum
{
  FZ_LOGON_ANONYMOUS = 0,
  FZ_LOGON_NORMAL = 1,
  FZ_LOGON_ASK = 2,
  FZ_LOGON_INTERACTIVE = 3,
  FZ_LOGON_ACCOUNT = 4,
};

G_END_DECLS
