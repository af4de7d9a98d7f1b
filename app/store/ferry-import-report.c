/* ferry-import-report.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-import-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-import-report.h"

struct _FerryImportReport
{
  GObject parent_instance;

  char *source;
  GPtrArray *entries;     /* FerryImportEntry */
  GPtrArray *sites;       /* FerrySite */
  GPtrArray *folders;     /* char *, NULL-terminated */
  GHashTable *passwords;  /* site id → password, wiped when dropped */
};

G_DEFINE_FINAL_TYPE (FerryImportReport, ferry_import_report, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  FerryImportEntry *entry = data;

  g_free (entry->name);
  g_free (entry->folder);
  g_free (entry->site_id);
  g_free (entry->notes);
  g_free (entry);
}

static void
password_wipe_free (gpointer data)
{
  char *password = data;

  if (password == NULL)
    return;
  explicit_bzero (password, strlen (password));
  g_free (password);
}

static void
ferry_import_report_finalize (GObject *object)
{
  FerryImportReport *self = FERRY_IMPORT_REPORT (object);

  g_free (self->source);
  g_ptr_array_unref (self->entries);
  g_ptr_array_unref (self->sites);
  g_ptr_array_unref (self->folders);
  g_hash_table_unref (self->passwords);
  G_OBJECT_CLASS (ferry_import_report_parent_class)->finalize (object);
}

static void
ferry_import_report_class_init (FerryImportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ferry_import_report_finalize;
}

static void
ferry_import_report_init (FerryImportReport *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->sites = g_ptr_array_new_with_free_func (g_object_unref);
  self->folders = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->folders, NULL);
  self->passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, password_wipe_free);
}

FerryImportReport *
ferry_import_report_new (const char *source)
{
  FerryImportReport *self = g_object_new (FERRY_TYPE_IMPORT_REPORT, NULL);

  self->source = g_strdup (source ? source : "");
  return self;
}

const char *
ferry_import_report_get_source (FerryImportReport *self)
{
  g_return_val_if_fail (FERRY_IS_IMPORT_REPORT (self), NULL);
  return self->source;
}

guint
ferry_import_report_count_skipped (FerryImportReport *self,
                                   FerryImportSkip    reason)
{
  guint count = 0;

  g_return_val_if_fail (FERRY_IS_IMPORT_REPORT (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const FerryImportEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->skip == reason)
        count++;
    }
  return count;
}

guint
ferry_import_report_get_n_imported (FerryImportReport *self)
{
  return ferry_import_report_count_skipped (self, FERRY_IMPORT_SKIP_NONE);
}

guint
ferry_import_report_get_n_skipped (FerryImportReport *self)
{
  g_return_val_if_fail (FERRY_IS_IMPORT_REPORT (self), 0);
  return self->entries->len - ferry_import_report_get_n_imported (self);
}

guint
ferry_import_report_get_n_entries (FerryImportReport *self)
{
  g_return_val_if_fail (FERRY_IS_IMPORT_REPORT (self), 0);
  return self->entries->len;
}

const FerryImportEntry *
ferry_import_report_get_entry (FerryImportReport *self,
                               guint              index)
{
  g_return_val_if_fail (FERRY_IS_IMPORT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return g_ptr_array_index (self->entries, index);
}

static FerryImportEntry *
find_entry (FerryImportReport *self,
            const char        *site_id)
{
  for (guint i = 0; site_id != NULL && i < self->entries->len; i++)
    {
      FerryImportEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (entry->site_id, site_id) == 0)
        return entry;
    }
  return NULL;
}

const FerryImportEntry *
ferry_import_report_find_entry (FerryImportReport *self,
                                const char        *site_id)
{
  g_return_val_if_fail (FERRY_IS_IMPORT_REPORT (self), NULL);
  return find_entry (self, site_id);
}

GPtrArray *
ferry_import_report_get_sites (FerryImportReport *self)
{
  g_return_val_if_fail (FERRY_IS_IMPORT_REPORT (self), NULL);
  return self->sites;
}

const char * const *
ferry_import_report_get_folders (FerryImportReport *self)
{
  g_return_val_if_fail (FERRY_IS_IMPORT_REPORT (self), NULL);
  return (const char * const *) self->folders->pdata;
}

void
ferry_import_report_add_site (FerryImportReport *self,
                              FerrySite         *site,
                              const char        *name)
{
  FerryImportEntry *entry;

  g_return_if_fail (FERRY_IS_IMPORT_REPORT (self));
  g_return_if_fail (FERRY_IS_SITE (site));

  entry = g_new0 (FerryImportEntry, 1);
  entry->skip = FERRY_IMPORT_SKIP_NONE;
  entry->name = g_strdup (name ? name : ferry_site_get_name (site));
  entry->folder = g_strdup (ferry_site_get_folder (site));
  entry->site_id = g_strdup (ferry_site_get_id (site));
  g_ptr_array_add (self->entries, entry);
  g_ptr_array_add (self->sites, g_object_ref (site));
}

void
ferry_import_report_add_skipped (FerryImportReport *self,
                                 const char        *name,
                                 const char        *folder,
                                 FerryImportSkip    reason,
                                 const char        *why)
{
  FerryImportEntry *entry;

  g_return_if_fail (FERRY_IS_IMPORT_REPORT (self));
  g_return_if_fail (reason != FERRY_IMPORT_SKIP_NONE);

  entry = g_new0 (FerryImportEntry, 1);
  entry->skip = reason;
  entry->name = g_strdup (name ? name : "");
  entry->folder = g_strdup (folder ? folder : "");
  entry->notes = g_strdup (why);
  g_ptr_array_add (self->entries, entry);
}

void
ferry_import_report_add_folder (FerryImportReport *self,
                                const char        *path)
{
  g_return_if_fail (FERRY_IS_IMPORT_REPORT (self));

  if (path == NULL || *path == '\0')
    return;
  for (guint i = 0; i + 1 < self->folders->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->folders, i), path) == 0)
      return;
  g_ptr_array_insert (self->folders, self->folders->len - 1, g_strdup (path));
}

void
ferry_import_report_add_note (FerryImportReport *self,
                              const char        *site_id,
                              const char        *note)
{
  FerryImportEntry *entry;
  char *joined;

  g_return_if_fail (FERRY_IS_IMPORT_REPORT (self));

  entry = find_entry (self, site_id);
  g_return_if_fail (entry != NULL);

  joined = entry->notes ? g_strconcat (entry->notes, " ", note, NULL) : g_strdup (note);
  g_free (entry->notes);
  entry->notes = joined;
}

void
ferry_import_report_set_password_state (FerryImportReport  *self,
                                        const char         *site_id,
                                        FerryImportPassword state)
{
  FerryImportEntry *entry;

  g_return_if_fail (FERRY_IS_IMPORT_REPORT (self));

  entry = find_entry (self, site_id);
  g_return_if_fail (entry != NULL);
  entry->password = state;
}

void
ferry_import_report_take_password (FerryImportReport *self,
                                   const char        *site_id,
                                   char              *password)
{
  g_return_if_fail (FERRY_IS_IMPORT_REPORT (self));
  g_return_if_fail (site_id != NULL);

  g_hash_table_replace (self->passwords, g_strdup (site_id), password);
}

const char *
ferry_import_report_peek_password (FerryImportReport *self,
                                   const char        *site_id)
{
  g_return_val_if_fail (FERRY_IS_IMPORT_REPORT (self), NULL);
  return site_id ? g_hash_table_lookup (self->passwords, site_id) : NULL;
}

void
ferry_import_report_forget_password (FerryImportReport *self,
                                     const char        *site_id)
{
  g_return_if_fail (FERRY_IS_IMPORT_REPORT (self));

  if (site_id == NULL)
    g_hash_table_remove_all (self->passwords);
  else
    g_hash_table_remove (self->passwords, site_id);
}

void
ferry_import_report_skip_site (FerryImportReport *self,
                               const char        *site_id,
                               FerryImportSkip    reason,
                               const char        *why)
{
  FerryImportEntry *entry;

  g_return_if_fail (FERRY_IS_IMPORT_REPORT (self));
  g_return_if_fail (reason != FERRY_IMPORT_SKIP_NONE);

  entry = find_entry (self, site_id);
  g_return_if_fail (entry != NULL);

  for (guint i = 0; i < self->sites->len; i++)
    if (g_strcmp0 (ferry_site_get_id (g_ptr_array_index (self->sites, i)), site_id) == 0)
      {
        g_ptr_array_remove_index (self->sites, i);
        break;
      }
  ferry_import_report_forget_password (self, site_id);
  entry->skip = reason;
  entry->password = FERRY_IMPORT_PASSWORD_NONE;
  g_clear_pointer (&entry->site_id, g_free);
  g_free (entry->notes);
  entry->notes = g_strdup (why);
}

static char *
entry_path (const FerryImportEntry *entry)
{
  if (entry->folder == NULL || *entry->folder == '\0')
    return g_strdup (entry->name);
  return g_strconcat (entry->folder, "/", entry->name, NULL);
}

char *
ferry_import_report_to_text (FerryImportReport *self)
{
  GString *out = g_string_new (NULL);
  guint imported, skipped, saved = 0;

  g_return_val_if_fail (FERRY_IS_IMPORT_REPORT (self), NULL);

  imported = ferry_import_report_get_n_imported (self);
  skipped = ferry_import_report_get_n_skipped (self);
  for (guint i = 0; i < self->entries->len; i++)
    if (((FerryImportEntry *) g_ptr_array_index (self->entries, i))->password
        == FERRY_IMPORT_PASSWORD_SAVED)
      saved++;

  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "Imported %u site from %s",
                                            "Imported %u sites from %s", imported),
                          imported, self->source);
  if (saved > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                              " (%u password moved into the keyring)",
                                              " (%u passwords moved into the keyring)", saved),
                            saved);
  g_string_append_printf (out, _("; skipped %u.\n"), skipped);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const FerryImportEntry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *path = entry_path (entry);

      if (entry->skip != FERRY_IMPORT_SKIP_NONE)
        g_string_append_printf (out, _("  skipped “%s”: %s\n"), path, entry->notes);
      else if (entry->notes != NULL)
        g_string_append_printf (out, _("  imported “%s”: %s\n"), path, entry->notes);
    }
  return g_string_free (out, FALSE);
}
