/* ferry-import-report.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ferry-site.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_IMPORT_SKIP_NONE,           /* imported */
  FERRY_IMPORT_SKIP_SFTP,           /* an SFTP site: not FTP */
  FERRY_IMPORT_SKIP_OTHER_PROTOCOL, /* HTTP, S3, WebDAV, …: not FTP */
  FERRY_IMPORT_SKIP_NO_HOST,        /* no host name */
  FERRY_IMPORT_SKIP_INVALID,        /* a value Ferry cannot use (host, port) */
  FERRY_IMPORT_SKIP_DUPLICATE,      /* the same site is already in the site list */
} FerryImportSkip;

typedef enum
{
  FERRY_IMPORT_PASSWORD_NONE,    /* none in the file (anonymous, or asked each time) */
  FERRY_IMPORT_PASSWORD_PENDING, /* read from the file, not in the keyring yet */
  FERRY_IMPORT_PASSWORD_SAVED,   /* moved into the keyring */
  FERRY_IMPORT_PASSWORD_ASK,     /* unreadable (master password) or not saved: asked on connect */
} FerryImportPassword;

/**
 * FerryImportEntry:
 * One site of the imported file: what became of it and why.
 * @name: the site's name in the file
 * @folder: its folder path ("" at the top)
 * @site_id: (nullable): the new site's id, when imported
 * @notes: (nullable): what the person should know, one sentence each
 *   ("The password is protected by FileZilla's master password …"), or why
 *   it was skipped
 */
typedef struct
{
  FerryImportSkip skip;
  FerryImportPassword password;
  char *name;
  char *folder;
  char *site_id;
  char *notes;
} FerryImportEntry;

#define FERRY_TYPE_IMPORT_REPORT (ferry_import_report_get_type ())

G_DECLARE_FINAL_TYPE (FerryImportReport, ferry_import_report, FERRY, IMPORT_REPORT, GObject)

/**
 * FerryImportReport:
 * What an import read, did and skipped. While an import runs it also holds
 * the sites to add and the passwords to move into the keyring; the passwords
 * are wiped as soon as they are saved, and at the latest when the report is
 * freed.
 */
FerryImportReport      *ferry_import_report_new            (const char *source);
/* Where the sites came from ("FileZilla"). */
const char             *ferry_import_report_get_source     (FerryImportReport *self);
guint                   ferry_import_report_get_n_imported (FerryImportReport *self);
guint                   ferry_import_report_get_n_skipped  (FerryImportReport *self);
guint                   ferry_import_report_count_skipped  (FerryImportReport *self,
                                                            FerryImportSkip    reason);
guint                   ferry_import_report_get_n_entries  (FerryImportReport *self);
const FerryImportEntry *ferry_import_report_get_entry      (FerryImportReport *self,
                                                            guint              index);
/* (transfer none) (nullable): the entry of an imported site. */
const FerryImportEntry *ferry_import_report_find_entry     (FerryImportReport *self,
                                                            const char        *site_id);
/* (transfer none): the imported sites (FerrySite), in file order. */
GPtrArray              *ferry_import_report_get_sites      (FerryImportReport *self);
/* (transfer none): folder paths the file holds, empty ones too. */
const char * const     *ferry_import_report_get_folders    (FerryImportReport *self);
/* A summary and one line per skipped site or note, for people. */
char                   *ferry_import_report_to_text        (FerryImportReport *self);

/* For importers. */
void                    ferry_import_report_add_site       (FerryImportReport *self,
                                                            FerrySite         *site,
                                                            const char        *name);
void                    ferry_import_report_add_skipped    (FerryImportReport *self,
                                                            const char        *name,
                                                            const char        *folder,
                                                            FerryImportSkip    reason,
                                                            const char        *why);
void                    ferry_import_report_add_folder     (FerryImportReport *self,
                                                            const char        *path);
/* Appends a sentence to the notes of @site_id's entry. */
void                    ferry_import_report_add_note       (FerryImportReport *self,
                                                            const char        *site_id,
                                                            const char        *note);
void                    ferry_import_report_set_password_state (FerryImportReport  *self,
                                                                const char         *site_id,
                                                                FerryImportPassword state);
/* Keeps @password (g_malloc'd, taken) for @site_id until it is saved. */
void                    ferry_import_report_take_password  (FerryImportReport *self,
                                                            const char        *site_id,
                                                            char              *password);
/* (transfer none) (nullable) */
const char             *ferry_import_report_peek_password  (FerryImportReport *self,
                                                            const char        *site_id);
/* Wipes and forgets the password kept for @site_id (NULL: all of them). */
void                    ferry_import_report_forget_password (FerryImportReport *self,
                                                             const char        *site_id);
/* Marks the entry of @site_id skipped (found to be a duplicate, …) and drops
 * the site from the sites to add. */
void                    ferry_import_report_skip_site      (FerryImportReport *self,
                                                            const char        *site_id,
                                                            FerryImportSkip    reason,
                                                            const char        *why);

G_END_DECLS
