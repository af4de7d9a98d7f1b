/* fuzz-filezilla.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the import of FileZilla's sitemanager.xml
 * (ferry_filezilla_parse, pure: nothing is saved and no keyring is asked).
 * The input is the file. Besides "no crash, no leak, no overflow" it checks
 * what the import promises: every entry is imported or skipped, an imported
 * site has a clean name (no '/', no control characters, trimmed), a
 * normalised folder, a host and values in range, a remote folder that
 * FileZilla's form encodes back to the same path; everything in the report is
 * valid UTF-8, and the messages (errors, notes) have no control characters;
 * errors are FERRY_ERROR_LOCAL. And the sites, exported again
 * with ferry_filezilla_export() and imported from that, are the same sites.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-filezilla.h"
#include "ferry-site-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A broken promise: says what, and abort()s so that libFuzzer keeps the
 * input (g_error() traps instead). */
#define fail(...) (g_printerr (__VA_ARGS__), g_printerr ("\n"), abort ())

static gboolean
has_control_chars (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
check_text (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

/* Text a dialog shows: valid UTF-8 without control characters. */
static void
check_shown (const char *text)
{
  check_text (text);
  if (has_control_chars (text))
    fail ("a control character in “%s”", text);
}

static void
check_site (FerrySite *site)
{
  const char *name = ferry_site_get_name (site);
  const char *folder = ferry_site_get_folder (site);
  const char *remote = ferry_site_get_remote_dir (site);
  g_autofree char *normalized = ferry_folder_path_normalize (folder);
  gsize len = strlen (name);

  check_text (name);
  g_assert_cmpuint (len, >, 0);
  if (strchr (name, '/') != NULL || has_control_chars (name) ||
      g_ascii_isspace (name[0]) || g_ascii_isspace (name[len - 1]))
    fail ("the site name “%s” is not clean", name);

  check_text (folder);
  g_assert_cmpstr (folder, ==, normalized);
  check_text (ferry_site_get_host (site));
  g_assert_cmpuint (strlen (ferry_site_get_host (site)), >, 0);
  check_text (ferry_site_get_user (site));
  check_text (ferry_site_get_comments (site));
  check_text (ferry_site_get_local_dir (site));
  g_assert_cmpint (ABS (ferry_site_get_timezone_offset (site)), <=,
                   FERRY_SITE_MAX_TIMEZONE_OFFSET);
  g_assert_cmpuint (ferry_site_get_parallel_transfers (site), <=,
                    FERRY_SITE_MAX_PARALLEL_TRANSFERS);
  g_assert_cmpint (ferry_site_get_server_type (site), <, FERRY_SERVER_TYPE_N_TYPES);
  if (ferry_site_get_logon_type (site) == FERRY_LOGON_ANONYMOUS)
    g_assert_cmpstr (ferry_site_get_user (site), ==, "");

  check_text (remote);
  if (*remote != '\0')
    {
      g_autofree char *encoded = ferry_filezilla_remote_dir_encode (remote);
      g_autofree char *decoded = NULL;

      /* What was read from FileZilla's form can be written in it again. */
      if (encoded == NULL)
        fail ("the remote folder “%s” cannot be encoded", remote);
      decoded = ferry_filezilla_remote_dir_decode (encoded);
      g_assert_cmpstr (decoded, ==, remote);
    }
}

/* What an export keeps of a site, as one string to sort and compare. */
static char *
site_key (FerrySite *site)
{
  g_autoptr(FerryEndpoint) endpoint = ferry_site_dup_endpoint (site);
  gboolean anonymous = ferry_site_get_logon_type (site) == FERRY_LOGON_ANONYMOUS;

  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%u\x1f%d\x1f%d\x1f%s\x1f%d\x1f%s\x1f%d\x1f%d\x1f"
                          "%u\x1f%s\x1f%s\x1f%s",
                          ferry_site_get_folder (site), ferry_site_get_name (site),
                          ferry_site_get_host (site),
                          ferry_endpoint_get_effective_port (endpoint),
                          ferry_site_get_security (site), anonymous,
                          anonymous ? "" : ferry_site_get_user (site),
                          ferry_site_get_transfer_mode (site),
                          ferry_site_get_charset (site) ? ferry_site_get_charset (site) : "",
                          ferry_site_get_timezone_offset (site),
                          ferry_site_get_server_type (site),
                          ferry_site_get_parallel_transfers (site),
                          ferry_site_get_comments (site), ferry_site_get_local_dir (site),
                          ferry_site_get_remote_dir (site));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
site_keys (GPtrArray *sites)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < sites->len; i++)
    g_ptr_array_add (keys, site_key (g_ptr_array_index (sites, i)));
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

static void
check_export (FerryImportReport *report)
{
  g_autoptr(FerrySiteStore) store = ferry_site_store_new ("/nonexistent/fuzz/sites.ini");
  GPtrArray *sites = ferry_import_report_get_sites (report);
  const char * const *folders = ferry_import_report_get_folders (report);
  g_autoptr(FerryImportReport) again = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) again_keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  gsize length = 0;

  for (guint i = 0; i < sites->len; i++)
    ferry_site_store_add (store, g_ptr_array_index (sites, i));
  for (guint i = 0; folders != NULL && folders[i] != NULL; i++)
    ferry_site_store_add_folder (store, folders[i]);

  exported = ferry_filezilla_export (store, &length);
  again = ferry_filezilla_parse (exported, length, &error);
  if (again == NULL)
    fail ("the export does not read back: %s\n%s", error->message, exported);
  g_assert_cmpuint (ferry_import_report_get_n_imported (again), ==, sites->len);
  g_assert_cmpuint (ferry_import_report_get_n_skipped (again), ==, 0);

  keys = site_keys (sites);
  again_keys = site_keys (ferry_import_report_get_sites (again));
  for (guint i = 0; i < keys->len; i++)
    if (g_strcmp0 (keys->pdata[i], again_keys->pdata[i]) != 0)
      fail ("a site changed on the way out and back:\n%s\n%s\n%s", (char *) keys->pdata[i],
               (char *) again_keys->pdata[i], exported);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(FerryImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char * const *folders;
  GPtrArray *sites;
  guint n_entries;

  if (size > 256 * 1024)
    return 0;

  report = ferry_filezilla_parse ((const char *) data, size, &error);
  if (report == NULL)
    {
      g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL);
      check_shown (error->message);
      return 0;
    }
  g_assert_no_error (error);

  n_entries = ferry_import_report_get_n_entries (report);
  g_assert_cmpuint (n_entries, ==, ferry_import_report_get_n_imported (report) +
                                   ferry_import_report_get_n_skipped (report));
  for (guint i = 0; i < n_entries; i++)
    {
      const FerryImportEntry *entry = ferry_import_report_get_entry (report, i);

      check_text (entry->name);
      check_text (entry->folder);
      if (entry->notes != NULL)
        check_shown (entry->notes);
      g_assert_true ((entry->skip == FERRY_IMPORT_SKIP_NONE) == (entry->site_id != NULL));
    }

  sites = ferry_import_report_get_sites (report);
  g_assert_cmpuint (sites->len, ==, ferry_import_report_get_n_imported (report));
  for (guint i = 0; i < sites->len; i++)
    {
      FerrySite *site = g_ptr_array_index (sites, i);
      const char *password = ferry_import_report_peek_password (report, ferry_site_get_id (site));

      check_site (site);
      g_assert_nonnull (ferry_import_report_find_entry (report, ferry_site_get_id (site)));
      if (password != NULL)
        {
          check_text (password);
          g_assert_cmpuint (strlen (password), >, 0);
        }
    }

  folders = ferry_import_report_get_folders (report);
  for (guint i = 0; folders != NULL && folders[i] != NULL; i++)
    {
      g_autofree char *normalized = ferry_folder_path_normalize (folders[i]);

      check_text (folders[i]);
      g_assert_cmpstr (folders[i], ==, normalized);
    }

  text = ferry_import_report_to_text (report);
  check_text (text);

  check_export (report);
  return 0;
}
