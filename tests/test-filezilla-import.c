/* test-filezilla-import.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FileZilla's sitemanager.xml: RemoteDir decoding, every protocol and logon
 * type, base64 / master-password / plain passwords, folders, missing fields,
 * hostile files refused whole; importing into a store with the passwords
 * moved into the keyring (run under tests/run-gui.sh), duplicates, export
 * without passwords, `ferry-cli sites import|export`. With GUI_NO_KEYRING=1:
 * the sites ask for their passwords instead.
 *
 * Run as `test-filezilla-import --cli sites …` it is ferry-cli's `sites`.
 */
#define G_LOG_DOMAIN "test-filezilla-import"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ferry-cli-sites.h"
#include "ferry-error.h"
#include "ferry-filezilla.h"
#include "ferry-keyring.h"

#define TIMEOUT_MS 5000
#define SLASH_LOOKALIKE "\342\210\225"

static char *self_exe;

static char *
fixture (const char *name)
{
  const char *source = g_getenv ("FERRY_SOURCE_DIR");

  if (source != NULL)
    return g_build_filename (source, "tests", "data", "filezilla", name, NULL);
  return g_test_build_filename (G_TEST_DIST, "data", "filezilla", name, NULL);
}

static FerrySiteStore *
open_store (void)
{
  g_autoptr (FerrySiteStore) store = ferry_site_store_new_default (NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (ferry_site_store_load (store, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static FerrySite *
find_site (GPtrArray  *sites,
           const char *name)
{
  for (guint i = 0; i < sites->len; i++)
    if (g_strcmp0 (ferry_site_get_name (g_ptr_array_index (sites, i)), name) == 0)
      return g_ptr_array_index (sites, i);
  g_error ("no site named %s", name);
  return NULL;
}

static FerrySite *
find_in_store (FerrySiteStore *store,
               const char     *name)
{
  FerrySite *site = ferry_site_store_lookup (store, name, NULL);

  g_assert_nonnull (site);
  return site;
}

/* RemoteDir ----------------------------------------------------------------------- */

static void
test_remote_dir (void)
{
  static const struct
  {
    const char *text;
    const char *path;
  } decode[] = {
    { "", "" },
    { "1 0", "/" },
    { "1 0 4 home 5 files", "/home/files" },
    { "1 0 7 My Docs 5 files", "/My Docs/files" },
    { "1 0 3  ab 2 c ", "/ ab/c " },
    { "1 0 3 äöü 1 ß", "/äöü/ß" },
    { "0 0 3 pub", "/pub" },
    { "9 0 4 cygd", "/cygd" },
    { "3 0 2 C: 7 inetpub 7 wwwroot", "C:\\inetpub\\wwwroot" },
    { "3 0 2 C:", "C:\\" },
    { "10 0 2 D: 1 x", "D:/x" },
    { "8 0 3 www", "\\www" },
    /* Unreadable: FALSE. */
    { "1", NULL },
    { "1 ", NULL },
    { "x 0", NULL },
    { "1 0 4 abc", NULL },
    { "1 0 0 ", NULL },
    { "1 0 3 a/b", NULL },
    { "1 0 2 ..", NULL },
    { "1 0 3 abc extra", NULL },
    { "1 0 99999999 a", NULL },
    { "1 3 abc 3 def", NULL },
    { "2 0 3 abc", NULL },
    { "1  0", NULL },
    { "3 0 4 home 1 x", NULL },
    { "10 0 2 Dc", NULL },
  };
  static const struct
  {
    const char *path;
    const char *text;
  } encode[] = {
    { "", "" },
    { "/", "1 0" },
    { "/home/my files", "1 0 4 home 8 my files" },
    { "/home//x/", "1 0 4 home 1 x" },
    { "/äöü", "1 0 3 äöü" },
    { "C:\\inetpub\\wwwroot", "3 0 2 C: 7 inetpub 7 wwwroot" },
    { "D:/x", "10 0 2 D: 1 x" },
    { "D:/", "10 0 2 D:" },
    { "\\www\\x", "8 0 3 www 1 x" },
    { "\\", "8 0" },
    { "relative/path", NULL },
    { "/a/../b", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (decode); i++)
    {
      g_autofree char *path = ferry_filezilla_remote_dir_decode (decode[i].text);

      g_test_message ("decode “%s”", decode[i].text);
      g_assert_cmpstr (path, ==, decode[i].path);
    }
  for (guint i = 0; i < G_N_ELEMENTS (encode); i++)
    {
      g_autofree char *text = ferry_filezilla_remote_dir_encode (encode[i].path);

      g_test_message ("encode “%s”", encode[i].path);
      g_assert_cmpstr (text, ==, encode[i].text);
      if (text != NULL && *text != '\0')
        {
          g_autofree char *back = ferry_filezilla_remote_dir_decode (text);
          g_autofree char *again = ferry_filezilla_remote_dir_encode (back);

          g_assert_cmpstr (again, ==, text);
        }
    }
}

/* Parsing -------------------------------------------------------------------------- */

static FerryImportReport *
parse_fixture (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr (GError) error = NULL;
  FerryImportReport *report = ferry_filezilla_read_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static const FerryImportEntry *
entry_of (FerryImportReport *report,
          FerrySite         *site)
{
  const FerryImportEntry *entry = ferry_import_report_find_entry (report,
                                                                  ferry_site_get_id (site));

  g_assert_nonnull (entry);
  return entry;
}

static void
test_parse (void)
{
  g_autoptr (FerryImportReport) report = parse_fixture ("sitemanager.xml");
  GPtrArray *sites = ferry_import_report_get_sites (report);
  const char * const *folders = ferry_import_report_get_folders (report);
  const FerryImportEntry *entry;
  g_autofree char *text = NULL;
  FerrySite *site;

  g_assert_cmpstr (ferry_import_report_get_source (report), ==, "FileZilla");
  g_assert_cmpuint (ferry_import_report_get_n_entries (report), ==, 14);
  g_assert_cmpuint (ferry_import_report_get_n_imported (report), ==, 10);
  g_assert_cmpuint (ferry_import_report_get_n_skipped (report), ==, 4);
  g_assert_cmpuint (ferry_import_report_count_skipped (report, FERRY_IMPORT_SKIP_SFTP), ==, 1);
  g_assert_cmpuint (ferry_import_report_count_skipped (report, FERRY_IMPORT_SKIP_OTHER_PROTOCOL),
                    ==, 1);
  g_assert_cmpuint (ferry_import_report_count_skipped (report, FERRY_IMPORT_SKIP_NO_HOST), ==, 1);
  g_assert_cmpuint (ferry_import_report_count_skipped (report, FERRY_IMPORT_SKIP_INVALID), ==, 1);
  g_assert_cmpuint (sites->len, ==, 10);

  g_assert_cmpuint (g_strv_length ((char **) folders), ==, 4);
  g_assert_true (g_strv_contains (folders, "Work"));
  g_assert_true (g_strv_contains (folders, "Work/Clients" SLASH_LOOKALIKE "Europe"));
  g_assert_true (g_strv_contains (folders, "Work/Empty folder"));
  g_assert_true (g_strv_contains (folders, "Legacy"));

  /* Protocol 0: explicit if available; base64 password with spaces. */
  site = find_site (sites, "Explicit if available");
  g_assert_cmpstr (ferry_site_get_folder (site), ==, "");
  g_assert_cmpstr (ferry_site_get_host (site), ==, "ftp.example.com");
  g_assert_cmpuint (ferry_site_get_port (site), ==, 21);
  g_assert_cmpint (ferry_site_get_security (site), ==, FERRY_SECURITY_EXPLICIT_IF_AVAILABLE);
  g_assert_cmpint (ferry_site_get_logon_type (site), ==, FERRY_LOGON_NORMAL);
  g_assert_cmpstr (ferry_site_get_user (site), ==, "alice");
  g_assert_cmpstr (ferry_import_report_peek_password (report, ferry_site_get_id (site)), ==,
                   "s3cret with spaces");
  g_assert_cmpint (entry_of (report, site)->password, ==, FERRY_IMPORT_PASSWORD_PENDING);
  g_assert_cmpint (ferry_site_get_transfer_mode (site), ==, FERRY_TRANSFER_MODE_PASSIVE);
  g_assert_null (ferry_site_get_charset (site));
  g_assert_cmpstr (ferry_site_get_comments (site), ==, "Line one\nLine two & more");
  g_assert_cmpstr (ferry_site_get_local_dir (site), ==, "/home/alice/web site");
  g_assert_cmpstr (ferry_site_get_remote_dir (site), ==, "/home/alice/My Files");
  g_assert_null (entry_of (report, site)->notes);

  /* Protocol 3: implicit; master-password protected: asked. */
  site = find_site (sites, "Implicit with master password");
  g_assert_cmpstr (ferry_site_get_folder (site), ==, "Work");
  g_assert_cmpint (ferry_site_get_security (site), ==, FERRY_SECURITY_IMPLICIT);
  g_assert_cmpuint (ferry_site_get_port (site), ==, 990);
  g_assert_cmpint (ferry_site_get_logon_type (site), ==, FERRY_LOGON_ASK);
  g_assert_cmpstr (ferry_site_get_user (site), ==, "bob");
  g_assert_null (ferry_import_report_peek_password (report, ferry_site_get_id (site)));
  entry = entry_of (report, site);
  g_assert_cmpint (entry->password, ==, FERRY_IMPORT_PASSWORD_ASK);
  g_assert_nonnull (strstr (entry->notes, "master password"));
  g_assert_cmpint (ferry_site_get_timezone_offset (site), ==, -90);
  g_assert_cmpint (ferry_site_get_transfer_mode (site), ==, FERRY_TRANSFER_MODE_ACTIVE);
  g_assert_cmpuint (ferry_site_get_parallel_transfers (site), ==, 3);
  g_assert_cmpstr (ferry_site_get_charset (site), ==, "ISO-8859-15");
  g_assert_cmpstr (ferry_site_get_remote_dir (site), ==, "");

  /* Protocol 4: explicit; a plain-text password of old files; a '/' in a folder name. */
  site = find_site (sites, "Require explicit");
  g_assert_cmpstr (ferry_site_get_folder (site), ==, "Work/Clients" SLASH_LOOKALIKE "Europe");
  g_assert_cmpint (ferry_site_get_security (site), ==, FERRY_SECURITY_EXPLICIT);
  g_assert_cmpuint (ferry_site_get_port (site), ==, 2121);
  g_assert_cmpstr (ferry_site_get_user (site), ==, "carol@example.org");
  g_assert_cmpstr (ferry_import_report_peek_password (report, ferry_site_get_id (site)), ==,
                   "plain old password");
  g_assert_cmpstr (ferry_site_get_charset (site), ==, "UTF-8");
  g_assert_cmpstr (ferry_site_get_remote_dir (site), ==, "/pub");

  /* Protocol 6: plain FTP; anonymous. */
  site = find_site (sites, "Plain FTP only");
  g_assert_cmpstr (ferry_site_get_folder (site), ==, "Legacy");
  g_assert_cmpint (ferry_site_get_security (site), ==, FERRY_SECURITY_PLAIN);
  g_assert_cmpuint (ferry_site_get_port (site), ==, 0);
  g_assert_cmpint (ferry_site_get_logon_type (site), ==, FERRY_LOGON_ANONYMOUS);
  g_assert_cmpstr (ferry_site_get_user (site), ==, "");
  g_assert_null (ferry_import_report_peek_password (report, ferry_site_get_id (site)));
  g_assert_cmpint (entry_of (report, site)->password, ==, FERRY_IMPORT_PASSWORD_NONE);

  /* Logon types 2 (ask), 3 (interactive), 4 (account). */
  site = find_site (sites, "Ask every time");
  g_assert_cmpint (ferry_site_get_logon_type (site), ==, FERRY_LOGON_ASK);
  g_assert_cmpstr (ferry_site_get_user (site), ==, "erin");
  g_assert_cmpint (entry_of (report, site)->password, ==, FERRY_IMPORT_PASSWORD_NONE);
  site = find_site (sites, "Interactive");
  g_assert_cmpint (ferry_site_get_logon_type (site), ==, FERRY_LOGON_ASK);
  site = find_site (sites, "With account");
  g_assert_cmpint (ferry_site_get_logon_type (site), ==, FERRY_LOGON_NORMAL);
  g_assert_cmpstr (ferry_import_report_peek_password (report, ferry_site_get_id (site)), ==,
                   "account-password");
  g_assert_nonnull (strstr (entry_of (report, site)->notes, "account"));

  /* Only a host: FTP (explicit if available), anonymous, named after the host. */
  site = find_site (sites, "minimal.example.net");
  g_assert_cmpint (ferry_site_get_security (site), ==, FERRY_SECURITY_EXPLICIT_IF_AVAILABLE);
  g_assert_cmpint (ferry_site_get_logon_type (site), ==, FERRY_LOGON_ANONYMOUS);
  g_assert_cmpuint (ferry_site_get_port (site), ==, 0);

  site = find_site (sites, "Unreadable remote folder");
  g_assert_cmpstr (ferry_site_get_remote_dir (site), ==, "");
  g_assert_nonnull (strstr (entry_of (report, site)->notes, "remote folder"));
  site = find_site (sites, "Windows server");
  g_assert_cmpstr (ferry_site_get_remote_dir (site), ==, "C:\\inetpub\\wwwroot");

  /* Why the others were skipped. */
  for (guint i = 0; i < ferry_import_report_get_n_entries (report); i++)
    {
      entry = ferry_import_report_get_entry (report, i);
      if (entry->skip == FERRY_IMPORT_SKIP_NONE)
        continue;
      g_assert_null (entry->site_id);
      g_assert_nonnull (entry->notes);
      if (entry->skip == FERRY_IMPORT_SKIP_SFTP)
        {
          g_assert_cmpstr (entry->name, ==, "An SFTP site");
          g_assert_cmpstr (entry->folder, ==, "Work/Clients" SLASH_LOOKALIKE "Europe");
        }
      else if (entry->skip == FERRY_IMPORT_SKIP_OTHER_PROTOCOL)
        {
          g_assert_cmpstr (entry->name, ==, "An S3 bucket");
          g_assert_nonnull (strstr (entry->notes, "protocol number 7"));
        }
      else if (entry->skip == FERRY_IMPORT_SKIP_NO_HOST)
        g_assert_cmpstr (entry->name, ==, "No host");
      else if (entry->skip == FERRY_IMPORT_SKIP_INVALID)
        g_assert_nonnull (strstr (entry->notes, "99999"));
    }

  text = ferry_import_report_to_text (report);
  g_assert_nonnull (strstr (text, "Imported 10 sites from FileZilla"));
  g_assert_nonnull (strstr (text, "skipped 4"));
  g_assert_nonnull (strstr (text, "SFTP"));
  g_assert_null (strstr (text, "s3cret"));
}

static void
test_parse_old_format (void)
{
  g_autoptr (FerryImportReport) report = parse_fixture ("old-format.xml");
  GPtrArray *sites = ferry_import_report_get_sites (report);
  FerrySite *site;

  g_assert_cmpuint (sites->len, ==, 1);
  site = g_ptr_array_index (sites, 0);
  g_assert_cmpstr (ferry_site_get_name (site), ==, "Old style name");
  g_assert_cmpstr (ferry_site_get_folder (site), ==, "Old sites");
  g_assert_cmpint (ferry_site_get_security (site), ==, FERRY_SECURITY_EXPLICIT_IF_AVAILABLE);
  g_assert_cmpstr (ferry_import_report_peek_password (report, ferry_site_get_id (site)), ==,
                   "old-password");
}

static void
assert_refused (const char *data,
                gssize      length,
                const char *expect)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FerryImportReport) report = ferry_filezilla_parse (data, length, &error);

  g_assert_null (report);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "othing was imported"));
  if (expect != NULL)
    g_assert_nonnull (strstr (error->message, expect));
}

static void
assert_fixture_refused (const char *name,
                        const char *expect)
{
  g_autofree char *path = fixture (name);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  assert_refused (data, length, expect);
}

/* <Type> is FileZilla's server type: each becomes the listing format Ferry
 * tries first, and Ferry's formats go back as FileZilla's numbers. */
static void
test_server_type (void)
{
  static const FerryServerType from_fz[] = {
    FERRY_SERVER_TYPE_AUTO, FERRY_SERVER_TYPE_UNIX, FERRY_SERVER_TYPE_VMS,
    FERRY_SERVER_TYPE_DOS, FERRY_SERVER_TYPE_MVS, FERRY_SERVER_TYPE_VXWORKS,
    FERRY_SERVER_TYPE_ZVM, FERRY_SERVER_TYPE_TANDEM, FERRY_SERVER_TYPE_DOS,
    FERRY_SERVER_TYPE_UNIX, FERRY_SERVER_TYPE_DOS,
  };
  g_autoptr (GString) xml = g_string_new ("<FileZilla3><Servers>");
  g_autoptr (FerryImportReport) report = NULL;
  g_autoptr (FerryImportReport) back = NULL;
  g_autoptr (FerrySiteStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *exported = NULL;
  GPtrArray *sites;
  gsize length = 0;

  for (guint i = 0; i < G_N_ELEMENTS (from_fz); i++)
    g_string_append_printf (xml, "<Server><Host>h%u.example.com</Host><Protocol>4</Protocol>"
                                 "<Type>%u</Type><Logontype>0</Logontype>"
                                 "<Name>fz %u</Name></Server>", i, i, i);
  g_string_append (xml, "<Server><Host>new.example.com</Host><Type>99</Type>"
                        "<Logontype>0</Logontype><Name>fz new</Name></Server>");
  g_string_append (xml, "<Server><Host>none.example.com</Host>"
                        "<Logontype>0</Logontype><Name>fz none</Name></Server>");
  g_string_append (xml, "</Servers></FileZilla3>");

  report = ferry_filezilla_parse (xml->str, xml->len, &error);
  g_assert_no_error (error);
  sites = ferry_import_report_get_sites (report);
  g_assert_cmpuint (sites->len, ==, G_N_ELEMENTS (from_fz) + 2);
  for (guint i = 0; i < G_N_ELEMENTS (from_fz); i++)
    {
      g_autofree char *name = g_strdup_printf ("fz %u", i);
      FerrySite *site = find_site (sites, name);

      g_assert_cmpint (ferry_site_get_server_type (site), ==, from_fz[i]);
      g_assert_null (entry_of (report, site)->notes);
    }
  /* A type from a newer FileZilla: the site is kept, read automatically. */
  {
    FerrySite *site = find_site (sites, "fz new");

    g_assert_cmpint (ferry_site_get_server_type (site), ==, FERRY_SERVER_TYPE_AUTO);
    g_assert_nonnull (entry_of (report, site)->notes);
    g_assert_nonnull (strstr (entry_of (report, site)->notes, "server type"));
  }
  g_assert_cmpint (ferry_site_get_server_type (find_site (sites, "fz none")), ==,
                   FERRY_SERVER_TYPE_AUTO);

  /* Export: FileZilla's number for each of Ferry's formats, 0 where it has none. */
  store_path = g_build_filename (g_get_user_config_dir (), "server-type-sites.ini", NULL);
  store = ferry_site_store_new (store_path);
  for (guint i = 0; i < FERRY_SERVER_TYPE_N_TYPES; i++)
    {
      g_autoptr (FerrySite) site = ferry_site_new ();
      g_autofree char *name = g_strdup_printf ("ferry %s", ferry_server_type_to_string (i));

      ferry_site_set_name (site, name);
      ferry_site_set_host (site, "ftp.example.com");
      ferry_site_set_logon_type (site, FERRY_LOGON_ANONYMOUS);
      ferry_site_set_server_type (site, i);
      ferry_site_store_add (store, site);
    }
  exported = ferry_filezilla_export (store, &length);
  back = ferry_filezilla_parse (exported, length, &error);
  g_assert_no_error (error);
  sites = ferry_import_report_get_sites (back);
  for (guint i = 0; i < FERRY_SERVER_TYPE_N_TYPES; i++)
    {
      g_autofree char *name = g_strdup_printf ("ferry %s", ferry_server_type_to_string (i));
      FerryServerType expected = i;

      if (i == FERRY_SERVER_TYPE_AS400 || i == FERRY_SERVER_TYPE_OS2
          || i == FERRY_SERVER_TYPE_VSHELL || i == FERRY_SERVER_TYPE_WFFTP
          || i == FERRY_SERVER_TYPE_OS9)
        expected = FERRY_SERVER_TYPE_AUTO;
      g_assert_cmpint (ferry_site_get_server_type (find_site (sites, name)), ==, expected);
    }
  g_assert_nonnull (strstr (exported, "<Type>2</Type>"));  /* VMS */
  g_assert_nonnull (strstr (exported, "<Type>7</Type>"));  /* HP NonStop */
}

static char *
nested (const char *element,
        guint       depth,
        gboolean    with_server)
{
  GString *out = g_string_new ("<FileZilla3><Servers>");

  for (guint i = 0; i < depth; i++)
    g_string_append_printf (out, "<%s>level %u", element, i);
  if (with_server)
    g_string_append (out, "<Server><Host>deep.example.com</Host></Server>");
  for (guint i = 0; i < depth; i++)
    g_string_append_printf (out, "</%s>", element);
  g_string_append (out, "</Servers></FileZilla3>");
  return g_string_free (out, FALSE);
}

static void
test_hostile (void)
{
  static const char nul_inside[] = "<FileZilla3><Servers>\0</Servers></FileZilla3>";
  g_autofree char *deep_ok = nested ("Folder", FERRY_FILEZILLA_MAX_FOLDER_DEPTH, TRUE);
  g_autofree char *too_deep = nested ("Folder", FERRY_FILEZILLA_MAX_FOLDER_DEPTH + 1, TRUE);
  g_autofree char *deep_other = nested ("Unknown", 200, FALSE);
  g_autoptr (FerryImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  GString *huge;

  assert_fixture_refused ("not-xml.xml", "not a FileZilla site list");
  assert_fixture_refused ("invalid-utf8.xml", "not UTF-8");
  assert_fixture_refused ("wrong-root.xml", "<html>");
  assert_fixture_refused ("no-servers.xml", "no site list");
  assert_fixture_refused ("entities.xml", NULL);
  assert_fixture_refused ("truncated.xml", NULL);
  assert_refused ("", 0, "empty");
  assert_refused ("   \n", -1, NULL);
  assert_refused (nul_inside, sizeof nul_inside, "not UTF-8");
  assert_refused (too_deep, -1, "nested more than 32");
  assert_refused (deep_other, -1, "nested more than");

  /* At the limit it is fine. */
  report = ferry_filezilla_parse (deep_ok, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ferry_import_report_get_n_imported (report), ==, 1);

  huge = g_string_new ("<FileZilla3><Servers><!--");
  while (huge->len <= FERRY_FILEZILLA_MAX_SIZE)
    g_string_append (huge, "padding padding padding padding padding padding padding padding ");
  g_string_append (huge, "--></Servers></FileZilla3>");
  assert_refused (huge->str, huge->len, "larger than 8 MiB");
  g_string_free (huge, TRUE);
}

static void
test_hostile_file (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "fz", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.xml", NULL);
  g_autofree char *data = g_malloc (FERRY_FILEZILLA_MAX_SIZE + 100);
  g_autoptr (GError) error = NULL;
  g_autoptr (FerryImportReport) report = NULL;

  g_mkdir_with_parents (dir, 0700);
  memset (data, ' ', FERRY_FILEZILLA_MAX_SIZE + 100);
  g_assert_true (g_file_set_contents (path, data, FERRY_FILEZILLA_MAX_SIZE + 100, NULL));
  report = ferry_filezilla_read_file (path, &error);
  g_assert_null (report);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);

  report = ferry_filezilla_read_file (dir, &error);
  g_assert_null (report);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL);
  g_clear_error (&error);
  g_free (path);
  path = g_build_filename (dir, "missing.xml", NULL);
  report = ferry_filezilla_read_file (path, &error);
  g_assert_null (report);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL);
}

/* Importing into a store ----------------------------------------------------------- */

static void
test_import (void)
{
  g_autoptr (FerrySiteStore) store = open_store ();
  g_autoptr (FerryImportReport) report = NULL;
  g_autoptr (FerryImportReport) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = fixture ("sitemanager.xml");
  g_autofree char *contents = NULL;
  g_auto (GStrv) folders = NULL;
  FerrySite *site;
  char *password;

  report = ferry_filezilla_import (store, path, TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (ferry_import_report_get_n_imported (report), ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 10);
  g_assert_false (ferry_site_store_has_unsaved_changes (store));

  /* base64 and plain passwords moved into the keyring, and only there. */
  site = find_in_store (store, "Explicit if available");
  g_assert_cmpint (entry_of (report, site)->password, ==, FERRY_IMPORT_PASSWORD_SAVED);
  g_assert_null (ferry_import_report_peek_password (report, ferry_site_get_id (site)));
  password = ferry_keyring_lookup_sync (ferry_site_get_id (site), TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "s3cret with spaces");
  ferry_keyring_password_free (password);
  site = find_in_store (store, "Require explicit");
  password = ferry_keyring_lookup_sync (ferry_site_get_id (site), TIMEOUT_MS, NULL, &error);
  g_assert_cmpstr (password, ==, "plain old password");
  ferry_keyring_password_free (password);
  site = find_in_store (store, "Implicit with master password");
  g_assert_cmpint (ferry_site_get_logon_type (site), ==, FERRY_LOGON_ASK);
  password = ferry_keyring_lookup_sync (ferry_site_get_id (site), TIMEOUT_MS, NULL, &error);
  g_assert_null (password);

  g_assert_true (g_file_get_contents (ferry_site_store_get_path (store), &contents, NULL, NULL));
  g_assert_null (strstr (contents, "s3cret"));
  g_assert_null (strstr (contents, "czNjcmV0"));
  g_assert_null (strstr (contents, "plain old password"));
  g_assert_null (strstr (contents, "account-password"));
  g_assert_nonnull (strstr (contents, "Work/Empty folder"));

  folders = ferry_site_store_dup_folders (store);
  g_assert_true (g_strv_contains ((const char * const *) folders, "Work/Empty folder"));
  g_assert_true (g_strv_contains ((const char * const *) folders, "Legacy"));

  /* Importing again adds nothing. */
  again = ferry_filezilla_import (store, path, TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ferry_import_report_get_n_imported (again), ==, 0);
  g_assert_cmpuint (ferry_import_report_count_skipped (again, FERRY_IMPORT_SKIP_DUPLICATE), ==,
                    10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 10);
}

static void
test_import_refused (void)
{
  g_autoptr (FerrySiteStore) store = open_store ();
  g_autoptr (GError) error = NULL;
  const char *names[] = { "not-xml.xml", "truncated.xml", "entities.xml", "invalid-utf8.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture (names[i]);
      g_autoptr (FerryImportReport) report = ferry_filezilla_import (store, path, TIMEOUT_MS,
                                                                     NULL, &error);

      g_assert_null (report);
      g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL);
      g_clear_error (&error);
    }
  /* Nothing half-imported: not even a file. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_false (g_file_test (ferry_site_store_get_path (store), G_FILE_TEST_EXISTS));
}

static guint
count_ferry_passwords (void)
{
  g_autoptr (GError) error = NULL;
  GList *items = secret_password_search_sync (ferry_keyring_get_schema (), SECRET_SEARCH_ALL,
                                              NULL, &error, NULL);
  guint count = g_list_length (items);

  g_assert_no_error (error);
  g_list_free_full (items, g_object_unref);
  return count;
}

/* The save fails: no site is added and the passwords saved are deleted again. */
static void
test_import_rolled_back (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "rollback", NULL);
  g_autofree char *sites = g_build_filename (dir, "sites.ini", NULL);
  g_autoptr (FerrySiteStore) store = NULL;
  g_autoptr (FerryImportReport) report = NULL;
  g_autoptr (FerryImportReport) parsed = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = fixture ("sitemanager.xml");
  guint before;

  before = count_ferry_passwords ();
  /* A folder where sites.ini should be: saving fails. */
  g_mkdir_with_parents (sites, 0700);
  store = ferry_site_store_new (sites);
  report = ferry_filezilla_import (store, path, TIMEOUT_MS, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_cmpuint (count_ferry_passwords (), ==, before);
}

static void
test_export (void)
{
  g_autoptr (FerrySiteStore) store = open_store ();
  g_autoptr (FerryImportReport) report = NULL;
  g_autoptr (FerryImportReport) back = NULL;
  g_autoptr (FerrySite) automatic = ferry_site_new ();
  g_autoptr (FerrySite) automatic_990 = ferry_site_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = fixture ("sitemanager.xml");
  g_autofree char *xml = NULL;
  g_autofree char *out = g_build_filename (g_get_user_cache_dir (), "export.xml", NULL);
  gsize length = 0;
  GPtrArray *sites;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  report = ferry_filezilla_import (store, path, TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  ferry_site_set_name (automatic, "Auto");
  ferry_site_set_host (automatic, "auto.example.com");
  ferry_site_set_user (automatic, "x");
  ferry_site_set_remote_dir (automatic, "/srv/a b");
  ferry_site_store_add (store, automatic);
  ferry_site_set_name (automatic_990, "Auto 990");
  ferry_site_set_host (automatic_990, "auto.example.com");
  ferry_site_set_port (automatic_990, 990);
  ferry_site_store_add (store, automatic_990);

  xml = ferry_filezilla_export (store, &length);
  g_assert_cmpuint (length, ==, strlen (xml));
  g_assert_null (strstr (xml, "<Pass"));
  g_assert_null (strstr (xml, "s3cret"));
  g_assert_nonnull (strstr (xml, "<RemoteDir>1 0 3 srv 3 a b</RemoteDir>"));

  back = ferry_filezilla_parse (xml, length, &error);
  g_assert_no_error (error);
  sites = ferry_import_report_get_sites (back);
  g_assert_cmpuint (sites->len, ==, 12);
  g_assert_true (g_strv_contains (ferry_import_report_get_folders (back), "Work/Empty folder"));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr (FerrySite) original = g_list_model_get_item (G_LIST_MODEL (store), i);
      FerrySite *copy = find_site (sites, ferry_site_get_name (original));
      FerrySecurityMode mode = ferry_site_get_security (original);

      g_assert_cmpstr (ferry_site_get_folder (copy), ==, ferry_site_get_folder (original));
      g_assert_cmpstr (ferry_site_get_host (copy), ==, ferry_site_get_host (original));
      g_assert_cmpstr (ferry_site_get_user (copy), ==, ferry_site_get_user (original));
      g_assert_cmpstr (ferry_site_get_remote_dir (copy), ==, ferry_site_get_remote_dir (original));
      g_assert_cmpstr (ferry_site_get_local_dir (copy), ==, ferry_site_get_local_dir (original));
      g_assert_cmpstr (ferry_site_get_comments (copy), ==, ferry_site_get_comments (original));
      g_assert_cmpstr (ferry_site_get_charset (copy), ==, ferry_site_get_charset (original));
      g_assert_cmpint (ferry_site_get_timezone_offset (copy), ==,
                       ferry_site_get_timezone_offset (original));
      g_assert_cmpint (ferry_site_get_transfer_mode (copy), ==,
                       ferry_site_get_transfer_mode (original));
      /* FileZilla cannot detect: auto becomes what it would try first. */
      if (mode == FERRY_SECURITY_AUTO)
        mode = ferry_site_get_port (original) == 990 ? FERRY_SECURITY_IMPLICIT
                                                     : FERRY_SECURITY_EXPLICIT;
      g_assert_cmpint (ferry_site_get_security (copy), ==, mode);
      /* Passwords stay behind: FileZilla asks for them. */
      if (ferry_site_get_logon_type (original) == FERRY_LOGON_ANONYMOUS)
        g_assert_cmpint (ferry_site_get_logon_type (copy), ==, FERRY_LOGON_ANONYMOUS);
      else
        g_assert_cmpint (ferry_site_get_logon_type (copy), ==, FERRY_LOGON_ASK);
    }

  g_assert_true (ferry_filezilla_export_to_file (store, out, &error));
  g_assert_no_error (error);
  g_clear_object (&back);
  back = ferry_filezilla_read_file (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ferry_import_report_get_n_imported (back), ==, 12);
}

/* ferry-cli sites import / export ---------------------------------------------------- */

static int
run_cli (char **out_stdout,
         char **out_stderr,
         ...)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, self_exe);
  g_ptr_array_add (args, "--cli");
  g_ptr_array_add (args, "sites");
  va_start (ap, out_stderr);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, out_stdout, out_stderr,
                                                &error));
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_cli (void)
{
  g_autofree char *path = fixture ("sitemanager.xml");
  g_autofree char *bad = fixture ("not-xml.xml");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (FerryImportReport) back = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (run_cli (&out, &err, "import", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 10 sites from FileZilla (3 passwords moved into the "
                                 "keyring); skipped 4."));
  g_assert_nonnull (strstr (out, "master password"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "import", bad, NULL), ==, 7);
  g_assert_nonnull (strstr (err, "Nothing was imported"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "import", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "export", "-", NULL), ==, 0);
  g_assert_null (strstr (out, "<Pass"));
  back = ferry_filezilla_parse (out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ferry_import_report_get_n_imported (back), ==, 10);
}

/* Without a keyring: the sites ask for their passwords. */
static void
test_import_no_keyring (void)
{
  g_autoptr (FerrySiteStore) store = open_store ();
  g_autoptr (FerryImportReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = fixture ("sitemanager.xml");
  g_autofree char *contents = NULL;
  const FerryImportEntry *entry;
  FerrySite *site;

  report = ferry_filezilla_import (store, path, TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ferry_import_report_get_n_imported (report), ==, 10);

  site = find_in_store (store, "Explicit if available");
  g_assert_cmpint (ferry_site_get_logon_type (site), ==, FERRY_LOGON_ASK);
  entry = entry_of (report, site);
  g_assert_cmpint (entry->password, ==, FERRY_IMPORT_PASSWORD_ASK);
  g_assert_nonnull (strstr (entry->notes, "No keyring"));
  site = find_in_store (store, "With account");
  g_assert_cmpint (ferry_site_get_logon_type (site), ==, FERRY_LOGON_ASK);
  g_assert_true (g_file_get_contents (ferry_site_store_get_path (store), &contents, NULL, NULL));
  g_assert_null (strstr (contents, "s3cret"));
  g_assert_null (strstr (contents, "account-password"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  self_exe = g_canonicalize_filename (argv[0], NULL);
  if (argc >= 3 && strcmp (argv[1], "--cli") == 0)
    return ferry_cli_sites_main (argc - 2, argv + 2);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/filezilla/remote-dir", test_remote_dir);
  g_test_add_func ("/filezilla/parse", test_parse);
  g_test_add_func ("/filezilla/parse-old-format", test_parse_old_format);
  g_test_add_func ("/filezilla/hostile", test_hostile);
  g_test_add_func ("/filezilla/hostile-file", test_hostile_file);
  g_test_add_func ("/filezilla/server-type", test_server_type);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_printerr ("No session bus: the import tests need tests/run-gui.sh\n");
  else if (g_getenv ("GUI_NO_KEYRING") != NULL)
    g_test_add_func ("/filezilla/import-no-keyring", test_import_no_keyring);
  else
    {
      g_test_add_func ("/filezilla/import", test_import);
      g_test_add_func ("/filezilla/import-refused", test_import_refused);
      g_test_add_func ("/filezilla/import-rolled-back", test_import_rolled_back);
      g_test_add_func ("/filezilla/export", test_export);
      g_test_add_func ("/filezilla/cli", test_cli);
    }
  return g_test_run ();
}
