/* ferry-site-store-folders.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folders of FerrySiteStore: created empty, implied by sites, renamed.
 */
#define G_LOG_DOMAIN "ferry-site-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-site-store-private.h"

static void
add_with_parents (GHashTable *set,
                  const char *path)
{
  g_autofree char *current = g_strdup (path);

  while (current != NULL && *current != '\0')
    {
      char *slash;

      if (!g_hash_table_add (set, g_strdup (current)))
        break;
      slash = strrchr (current, '/');
      if (slash == NULL)
        break;
      *slash = '\0';
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

char **
ferry_site_store_dup_folders (FerrySiteStore *self)
{
  g_autoptr (GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  char **out;
  guint n;

  g_return_val_if_fail (FERRY_IS_SITE_STORE (self), NULL);

  g_hash_table_iter_init (&iter, self->folders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    add_with_parents (all, key);
  for (guint i = 0; i < self->sites->len; i++)
    add_with_parents (all, ferry_site_get_folder (g_ptr_array_index (self->sites, i)));

  out = g_new0 (char *, g_hash_table_size (all) + 1);
  n = 0;
  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      out[n++] = key;
      g_hash_table_iter_steal (&iter);
    }
  qsort (out, n, sizeof (char *), compare_paths);
  return out;
}

void
ferry_site_store_add_folder (FerrySiteStore *self,
                             const char     *path)
{
  g_autofree char *normalized = ferry_folder_path_normalize (path);

  g_return_if_fail (FERRY_IS_SITE_STORE (self));

  if (*normalized == '\0' || g_hash_table_contains (self->folders, normalized))
    return;
  g_hash_table_remove (self->folders_removed, normalized);
  _ferry_site_store_mark (self, self->folders_added, normalized);
  g_hash_table_add (self->folders, g_steal_pointer (&normalized));
  _ferry_site_store_emit_folders_changed (self);
}

/* Drops @path and the explicit folders inside it. */
static void
forget_folders (FerrySiteStore *self,
                const char     *path)
{
  g_autoptr (GPtrArray) doomed = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->folders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (ferry_folder_path_has_prefix (key, path))
      g_ptr_array_add (doomed, g_strdup (key));
  for (guint i = 0; i < doomed->len; i++)
    {
      const char *folder = g_ptr_array_index (doomed, i);

      g_hash_table_remove (self->folders_added, folder);
      _ferry_site_store_mark (self, self->folders_removed, folder);
      g_hash_table_remove (self->folders, folder);
    }
}

gboolean
ferry_site_store_remove_folder (FerrySiteStore *self,
                                const char     *path,
                                GError        **error)
{
  g_autofree char *normalized = ferry_folder_path_normalize (path);

  g_return_val_if_fail (FERRY_IS_SITE_STORE (self), FALSE);

  if (*normalized == '\0')
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("The top level is not a folder that can be removed."));
      return FALSE;
    }
  for (guint i = 0; i < self->sites->len; i++)
    {
      FerrySite *site = g_ptr_array_index (self->sites, i);

      if (ferry_folder_path_has_prefix (ferry_site_get_folder (site), normalized))
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                       _("The folder “%s” still holds the site “%s”. Move or delete its sites "
                         "first."), normalized, ferry_site_get_name (site));
          return FALSE;
        }
    }
  forget_folders (self, normalized);
  _ferry_site_store_emit_folders_changed (self);
  return TRUE;
}

/* @path (inside @old) moved to @new. */
static char *
rebase (const char *path,
        const char *old,
        const char *new)
{
  return ferry_folder_path_join (new, path + strlen (old));
}

gboolean
ferry_site_store_rename_folder (FerrySiteStore *self,
                                const char     *path,
                                const char     *new_path,
                                GError        **error)
{
  g_autofree char *old = ferry_folder_path_normalize (path);
  g_autofree char *new = ferry_folder_path_normalize (new_path);
  g_autoptr (GPtrArray) moved = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (FERRY_IS_SITE_STORE (self), FALSE);

  if (*old == '\0' || *new == '\0')
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("A folder needs a name."));
      return FALSE;
    }
  if (ferry_folder_path_has_prefix (new, old))
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                   _("The folder “%s” cannot be moved into itself."), old);
      return FALSE;
    }

  g_hash_table_iter_init (&iter, self->folders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (ferry_folder_path_has_prefix (key, old))
      g_ptr_array_add (moved, rebase (key, old, new));
  forget_folders (self, old);
  for (guint i = 0; i < moved->len; i++)
    {
      const char *folder = g_ptr_array_index (moved, i);

      g_hash_table_remove (self->folders_removed, folder);
      _ferry_site_store_mark (self, self->folders_added, folder);
      g_hash_table_add (self->folders, g_strdup (folder));
    }

  for (guint i = 0; i < self->sites->len; i++)
    {
      FerrySite *site = g_ptr_array_index (self->sites, i);

      if (ferry_folder_path_has_prefix (ferry_site_get_folder (site), old))
        {
          g_autofree char *folder = rebase (ferry_site_get_folder (site), old, new);

          ferry_site_set_folder (site, folder);
        }
    }
  _ferry_site_store_emit_folders_changed (self);
  return TRUE;
}
