/* ferry-filezilla.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FileZilla's site manager file (sitemanager.xml): import and export.
 */
#pragma once

#include <gio/gio.h>

#include "ferry-import-report.h"
#include "ferry-site-store.h"

G_BEGIN_DECLS

/* Larger files are refused: a FileZilla site list is a few hundred KiB at most. */
#define FERRY_FILEZILLA_MAX_SIZE (8 * 1024 * 1024)
/* Folders nested deeper than this are refused. */
#define FERRY_FILEZILLA_MAX_FOLDER_DEPTH 32

/**
 * ferry_filezilla_parse:
 * @data: the file's bytes
 * @length: their number, or -1 when @data ends with a NUL
 *
 * Pure: reads the sites, folders and readable passwords into a new report;
 * nothing is saved anywhere. A file that is too large, not UTF-8, not XML,
 * not a FileZilla site list, or nests folders too deeply gives an error
 * (FERRY_ERROR_LOCAL) and no report.
 */
FerryImportReport *ferry_filezilla_parse             (const char *data,
                                                      gssize      length,
                                                      GError    **error);
FerryImportReport *ferry_filezilla_read_file         (const char *path,
                                                      GError    **error);

/* FileZilla's RemoteDir ("1 0 4 home 7 my docs") ↔ a path ("/home/my docs").
 * Decoding returns NULL when the text cannot be read; encoding returns NULL
 * for a path FileZilla could not hold. "" ↔ "". */
char              *ferry_filezilla_remote_dir_decode (const char *text);
char              *ferry_filezilla_remote_dir_encode (const char *path);

/**
 * ferry_filezilla_import_async:
 * @keyring_timeout_ms: the time limit of each keyring call (0: the default)
 *
 * Reads and parses @path (in a thread), moves the passwords into the keyring
 * (sites whose password cannot be saved ask for it instead), and adds the
 * sites and folders to @store, saving it. Sites already in @store are
 * skipped. Either all sites are added or, on an error, none (and passwords
 * already saved are deleted again).
 */
void               ferry_filezilla_import_async      (FerrySiteStore     *store,
                                                      const char         *path,
                                                      guint               keyring_timeout_ms,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
FerryImportReport *ferry_filezilla_import_finish     (FerrySiteStore *store,
                                                      GAsyncResult   *result,
                                                      GError        **error);
/* The same on a private main context (ferry-cli, tests). */
FerryImportReport *ferry_filezilla_import            (FerrySiteStore *store,
                                                      const char     *path,
                                                      guint           keyring_timeout_ms,
                                                      GCancellable   *cancellable,
                                                      GError        **error);

/* @store's sites and folders as a FileZilla site list, without passwords:
 * sites with a saved password are exported as "ask for password". */
char              *ferry_filezilla_export            (FerrySiteStore *store,
                                                      gsize          *out_length);
gboolean           ferry_filezilla_export_to_file    (FerrySiteStore *store,
                                                      const char     *path,
                                                      GError        **error);

G_END_DECLS
