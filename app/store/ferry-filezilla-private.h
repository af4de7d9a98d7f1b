/* ferry-filezilla-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FileZilla's numbers, shared by the parser and the exporter.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* FileZilla's server path types (CServerPath). */
enum
{
  FZ_PATH_DEFAULT = 0,
  FZ_PATH_UNIX = 1,
  FZ_PATH_DOS = 3,
  FZ_PATH_DOS_VIRTUAL = 8,
  FZ_PATH_CYGWIN = 9,
  FZ_PATH_DOS_FWD_SLASHES = 10,
};

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
