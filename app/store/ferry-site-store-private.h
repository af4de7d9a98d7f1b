/* ferry-site-store-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What ferry-site-store.c, ferry-site-store-io.c and
 * ferry-site-store-folders.c share.
 */
#pragma once

#include "ferry-site-store.h"

G_BEGIN_DECLS

#define FERRY_SITE_STORE_FOLDER_GROUP_PREFIX "Folder "

struct _FerrySiteStore
{
  GObject parent_instance;

  char *path;
  GPtrArray *sites;          /* FerrySite, the model */
  GHashTable *by_id;         /* id → FerrySite (borrowed from sites) */
  GHashTable *folders;       /* explicit folder paths (set) */

  /* Changes not saved yet: key → generation of the change. */
  guint64 generation;
  GHashTable *dirty;         /* site id */
  GHashTable *removed;       /* site id */
  GHashTable *folders_added;
  GHashTable *folders_removed;

  gboolean applying;         /* taking in the file: edits are not local changes */
};

/* ferry-site-store.c */
void  _ferry_site_store_mark                  (FerrySiteStore *self,
                                               GHashTable     *table,
                                               const char     *key);
void  _ferry_site_store_append_site           (FerrySiteStore *self,
                                               FerrySite      *site);
void  _ferry_site_store_remove_site_at        (FerrySiteStore *self,
                                               guint           position);
void  _ferry_site_store_emit_folders_changed  (FerrySiteStore *self);

/* ferry-site-store-io.c */
char *_ferry_site_store_folder_group          (const char     *path);
void  _ferry_site_store_apply_keyfile         (FerrySiteStore *self,
                                               GKeyFile       *keyfile);

G_END_DECLS
