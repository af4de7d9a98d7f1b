/* ferry-site-store.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ferry-site.h"

G_BEGIN_DECLS

#define FERRY_TYPE_SITE_STORE (ferry_site_store_get_type ())

G_DECLARE_FINAL_TYPE (FerrySiteStore, ferry_site_store, FERRY, SITE_STORE, GObject)

/**
 * FerrySiteStore:
 * The saved sites: a GListModel of FerrySite, plus folders, kept in
 * `$XDG_CONFIG_HOME/ferry/sites.ini` (a GKeyFile with one group per site,
 * named by its UUID).
 *
 * Saving re-reads the file under a lock, applies this store's changes (sites
 * added, edited or deleted here; folders added or removed here) to what is on
 * disk, writes it atomically and takes in what other processes (another
 * window, ferry-cli) wrote meanwhile. Keys and groups this version of Ferry
 * does not know are kept. A file that cannot be parsed is moved aside as
 * `sites.ini.broken-DATE` and the person is told (see ferry_site_store_load;
 * a save that meets such a file fails with the same message and writes
 * everything on the next save).
 *
 * Signals: "folders-changed" when the list of folders changes.
 */
FerrySiteStore *ferry_site_store_new                (const char *path);
/* The store at $XDG_CONFIG_HOME/ferry/sites.ini (the folder is created). */
FerrySiteStore *ferry_site_store_new_default        (GError    **error);
const char     *ferry_site_store_get_path           (FerrySiteStore *self);

/* (Re)reads the file; local changes not saved yet are kept. FALSE when the
 * file could not be read (permissions, …). When it could not be parsed, it
 * was moved aside as sites.ini.broken-DATE, the store is usable (without
 * the sites of that file) and @out_problem is set to a message for the
 * person saying what happened and where the old file is. */
gboolean        ferry_site_store_load               (FerrySiteStore *self,
                                                     char          **out_problem,
                                                     GError        **error);
void            ferry_site_store_load_async         (FerrySiteStore     *self,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean        ferry_site_store_load_finish        (FerrySiteStore *self,
                                                     GAsyncResult   *result,
                                                     char          **out_problem,
                                                     GError        **error);

gboolean        ferry_site_store_save               (FerrySiteStore *self,
                                                     GError        **error);
void            ferry_site_store_save_async         (FerrySiteStore     *self,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean        ferry_site_store_save_finish        (FerrySiteStore *self,
                                                     GAsyncResult   *result,
                                                     GError        **error);
gboolean        ferry_site_store_has_unsaved_changes (FerrySiteStore *self);

/* Adds @site (its folder too); it is saved with the next save. */
void            ferry_site_store_add                (FerrySiteStore *self,
                                                     FerrySite      *site);
/* Adds @sites (FerrySite) and @folders (nullable) and saves them at once,
 * leaving other unsaved changes for the next save. On an error nothing is
 * added. The store then holds its own FerrySite objects with the same ids. */
void            ferry_site_store_add_many_async     (FerrySiteStore     *self,
                                                     GPtrArray          *sites,
                                                     const char * const *folders,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean        ferry_site_store_add_many_finish    (FerrySiteStore *self,
                                                     GAsyncResult   *result,
                                                     GError        **error);
gboolean        ferry_site_store_add_many           (FerrySiteStore     *self,
                                                     GPtrArray          *sites,
                                                     const char * const *folders,
                                                     GError            **error);
/* Deletes @site: removes it, saves, and deletes its password from the
 * keyring. When only the keyring step fails, the site is gone and the error
 * says that its password is still in the keyring. */
void            ferry_site_store_delete_async       (FerrySiteStore     *self,
                                                     FerrySite          *site,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean        ferry_site_store_delete_finish      (FerrySiteStore *self,
                                                     GAsyncResult   *result,
                                                     GError        **error);
/* The same on a private main context (ferry-cli, tests). */
gboolean        ferry_site_store_delete             (FerrySiteStore *self,
                                                     FerrySite      *site,
                                                     GCancellable   *cancellable,
                                                     GError        **error);

/* (transfer none) (nullable) */
FerrySite      *ferry_site_store_get_by_id          (FerrySiteStore *self,
                                                     const char     *id);
/* (transfer none): by id, by "Folder/Name" path, or by a name that is unique;
 * FERRY_ERROR_INVALID_ARGUMENT when there is none or the name is ambiguous. */
FerrySite      *ferry_site_store_lookup             (FerrySiteStore *self,
                                                     const char     *name_or_id,
                                                     GError        **error);

/* Every folder: those created empty and those holding sites, with their
 * parents, sorted. */
char          **ferry_site_store_dup_folders        (FerrySiteStore *self);
void            ferry_site_store_add_folder         (FerrySiteStore *self,
                                                     const char     *path);
/* Refuses (FERRY_ERROR_INVALID_ARGUMENT) while a site is inside. */
gboolean        ferry_site_store_remove_folder      (FerrySiteStore *self,
                                                     const char     *path,
                                                     GError        **error);
/* Moves the folder, its subfolders and their sites to @new_path. */
gboolean        ferry_site_store_rename_folder      (FerrySiteStore *self,
                                                     const char     *path,
                                                     const char     *new_path,
                                                     GError        **error);

G_END_DECLS
