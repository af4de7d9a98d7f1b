/* test-site-store.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerrySite and FerrySiteStore: properties, sites.ini round trips, unknown
 * keys, broken files moved aside, merging with other writers (in this
 * process and in two others at once), folders, lookups, async load/save.
 */
#define G_LOG_DOMAIN "test-site-store"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-site-store.h"
#include "ferry-store-enums.h"
#include "site-assert.h"

static char *self_exe;

static char *
sites_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "ferry", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, "sites.ini", NULL);
}

static FerrySiteStore *
new_store (void)
{
  g_autofree char *path = sites_path ();

  return ferry_site_store_new (path);
}

static FerrySiteStore *
loaded_store (void)
{
  g_autoptr (FerrySiteStore) store = new_store ();
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL;

  g_assert_true (ferry_site_store_load (store, &problem, &error));
  g_assert_no_error (error);
  g_assert_null (problem);
  return g_steal_pointer (&store);
}

static void
save_ok (FerrySiteStore *store)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (ferry_site_store_save (store, &error));
  g_assert_no_error (error);
}

/* A site with every setting away from its default. */
static FerrySite *
full_site (const char *name)
{
  FerrySite *site = ferry_site_new ();

  ferry_site_set_name (site, name);
  ferry_site_set_folder (site, "Work/Clients");
  ferry_site_set_host (site, "ftp.example.com");
  ferry_site_set_port (site, 2121);
  ferry_site_set_logon_type (site, FERRY_LOGON_ASK);
  ferry_site_set_user (site, "bob@example.com");
  ferry_site_set_security (site, FERRY_SECURITY_IMPLICIT);
  ferry_site_set_data_protection (site, FERRY_DATA_PROTECTION_CLEAR);
  ferry_site_set_transfer_mode (site, FERRY_TRANSFER_MODE_ACTIVE);
  ferry_site_set_use_ccc (site, TRUE);
  ferry_site_set_min_tls (site, FERRY_TLS_VERSION_1_3);
  ferry_site_set_remote_dir (site, "/home/bob/my files");
  ferry_site_set_local_dir (site, "/tmp/local dir");
  ferry_site_set_charset (site, "ISO-8859-15");
  ferry_site_set_timezone_offset (site, -90);
  ferry_site_set_server_type (site, FERRY_SERVER_TYPE_VMS);
  ferry_site_set_comments (site, "first line\nsecond line; with = and [brackets]");
  ferry_site_set_parallel_transfers (site, 4);
  return site;
}

static guint
count_broken_files (char **out_first)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "ferry", NULL);
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, "sites.ini.broken-"))
      {
        if (out_first != NULL && *out_first == NULL)
          *out_first = g_build_filename (dir, name, NULL);
        count++;
      }
  return count;
}

/* FerrySite ---------------------------------------------------------------------- */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_site_properties (void)
{
  g_autoptr (FerrySite) site = ferry_site_new ();
  g_autoptr (FerrySite) other = ferry_site_new ();
  g_autoptr (FerrySite) copy = NULL;
  guint notifies = 0;
  int logon;
  char *host = NULL;

  g_assert_true (g_uuid_string_is_valid (ferry_site_get_id (site)));
  g_assert_cmpstr (ferry_site_get_id (site), !=, ferry_site_get_id (other));
  g_assert_cmpstr (ferry_site_get_name (site), ==, "");
  g_assert_cmpint (ferry_site_get_security (site), ==, FERRY_SECURITY_AUTO);
  g_assert_cmpint (ferry_site_get_logon_type (site), ==, FERRY_LOGON_NORMAL);
  g_assert_null (ferry_site_get_charset (site));

  /* Notified once per real change, through properties too. */
  g_signal_connect (site, "notify", G_CALLBACK (count_notify_cb), &notifies);
  ferry_site_set_host (site, " ftp.example.com ");
  ferry_site_set_host (site, "ftp.example.com");
  g_assert_cmpuint (notifies, ==, 1);
  g_object_set (site, "port", 990, "security", FERRY_SECURITY_IMPLICIT, NULL);
  g_object_set (site, "port", 990, NULL);
  g_assert_cmpuint (notifies, ==, 3);
  g_object_set (site, "logon-type", FERRY_LOGON_ANONYMOUS, NULL);
  g_object_get (site, "logon-type", &logon, "host", &host, NULL);
  g_assert_cmpint (logon, ==, FERRY_LOGON_ANONYMOUS);
  g_assert_cmpstr (host, ==, "ftp.example.com");
  g_free (host);
  ferry_site_set_charset (site, "");
  g_assert_null (ferry_site_get_charset (site));
  g_assert_cmpuint (notifies, ==, 4);
  ferry_site_set_timezone_offset (site, 99999);
  g_assert_cmpint (ferry_site_get_timezone_offset (site), ==, FERRY_SITE_MAX_TIMEZONE_OFFSET);
  ferry_site_set_parallel_transfers (site, 50);
  g_assert_cmpuint (ferry_site_get_parallel_transfers (site), ==, 10);
  g_assert_cmpint (ferry_site_get_server_type (site), ==, FERRY_SERVER_TYPE_AUTO);
  notifies = 0;
  g_object_set (site, "server-type", FERRY_SERVER_TYPE_MVS, NULL);
  g_object_set (site, "server-type", FERRY_SERVER_TYPE_MVS, NULL);
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpint (ferry_site_get_server_type (site), ==, FERRY_SERVER_TYPE_MVS);
  /* A number past the last type reads every format. */
  ferry_site_set_server_type (site, FERRY_SERVER_TYPE_N_TYPES + 3);
  g_assert_cmpint (ferry_site_get_server_type (site), ==, FERRY_SERVER_TYPE_AUTO);
  ferry_site_set_server_type (site, FERRY_SERVER_TYPE_TANDEM);
  g_assert_true (G_TYPE_IS_ENUM (FERRY_TYPE_LOGON_TYPE));

  /* Folder paths are normalized. */
  ferry_site_set_folder (site, "/Work//Clients/ ");
  g_assert_cmpstr (ferry_site_get_folder (site), ==, "Work/Clients");
  ferry_site_set_name (site, "Example");
  {
    g_autofree char *path = ferry_site_dup_path (site);

    g_assert_cmpstr (path, ==, "Work/Clients/Example");
  }
  g_assert_true (ferry_folder_path_has_prefix ("Work/Clients", "Work"));
  g_assert_false (ferry_folder_path_has_prefix ("Workshop", "Work"));
  g_assert_true (ferry_folder_path_has_prefix ("Work", ""));

  copy = ferry_site_duplicate (site);
  g_assert_cmpstr (ferry_site_get_id (copy), !=, ferry_site_get_id (site));
  g_assert_cmpstr (ferry_site_get_folder (copy), ==, "Work/Clients");
  g_assert_cmpint (ferry_site_get_security (copy), ==, FERRY_SECURITY_IMPLICIT);
  g_assert_cmpint (ferry_site_get_server_type (copy), ==, FERRY_SERVER_TYPE_TANDEM);

  /* An id that is not a UUID is replaced. */
  {
    g_autoptr (FerrySite) odd = ferry_site_new_with_id ("not-a-uuid");

    g_assert_true (g_uuid_string_is_valid (ferry_site_get_id (odd)));
  }
}

static void
test_site_endpoint (void)
{
  g_autoptr (FerrySite) site = full_site ("Example");
  g_autoptr (FerryEndpoint) endpoint = ferry_site_dup_endpoint (site);
  g_autoptr (FerryEndpoint) anonymous = NULL;
  g_autofree char *address = NULL;

  g_assert_cmpstr (endpoint->host, ==, "ftp.example.com");
  g_assert_cmpuint (endpoint->port, ==, 2121);
  g_assert_cmpstr (endpoint->user, ==, "bob@example.com");
  g_assert_cmpint (endpoint->security, ==, FERRY_SECURITY_IMPLICIT);
  g_assert_cmpint (endpoint->data_protection, ==, FERRY_DATA_PROTECTION_CLEAR);
  g_assert_true (endpoint->use_ccc);
  g_assert_cmpint (endpoint->min_tls, ==, FERRY_TLS_VERSION_1_3);
  g_assert_cmpint (endpoint->transfer_mode, ==, FERRY_TRANSFER_MODE_ACTIVE);
  g_assert_cmpstr (endpoint->charset, ==, "ISO-8859-15");
  g_assert_cmpint (endpoint->timezone_offset_minutes, ==, -90);
  g_assert_cmpint (endpoint->server_type, ==, FERRY_SERVER_TYPE_VMS);

  address = ferry_site_dup_display_address (site);
  g_assert_cmpstr (address, ==, "bob@example.com@ftp.example.com:2121");

  ferry_site_set_logon_type (site, FERRY_LOGON_ANONYMOUS);
  ferry_site_set_port (site, 0);
  ferry_site_set_host (site, "::1");
  anonymous = ferry_site_dup_endpoint (site);
  g_assert_null (anonymous->user);
  g_assert_cmpuint (ferry_endpoint_get_effective_port (anonymous), ==, 990);
  g_free (address);
  address = ferry_site_dup_display_address (site);
  g_assert_cmpstr (address, ==, "anonymous@[::1]:990");
}

/* The store ----------------------------------------------------------------------- */

static void
test_store_roundtrip (void)
{
  g_autoptr (FerrySiteStore) store = loaded_store ();
  g_autoptr (FerrySiteStore) again = NULL;
  g_autoptr (FerrySite) first = full_site ("Example");
  g_autoptr (FerrySite) second = ferry_site_new ();
  g_autofree char *path = sites_path ();
  g_autofree char *contents = NULL;
  g_auto (GStrv) folders = NULL;
  GStatBuf st;

  ferry_site_set_name (second, "Top");
  ferry_site_set_host (second, "192.0.2.7");
  ferry_site_store_add (store, first);
  ferry_site_store_add (store, second);
  ferry_site_store_add_folder (store, "Empty/Inner");
  g_assert_true (ferry_site_store_has_unsaved_changes (store));
  save_ok (store);
  g_assert_false (ferry_site_store_has_unsaved_changes (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);

  /* Private: only the person may read it. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, ferry_site_get_id (first)));
  g_assert_nonnull (strstr (contents, "security=implicit"));
  g_assert_nonnull (strstr (contents, "server-type=vms"));
  g_assert_null (strstr (contents, "password"));

  again = loaded_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  assert_same_site (first, ferry_site_store_get_by_id (again, ferry_site_get_id (first)));
  assert_same_site (second, ferry_site_store_get_by_id (again, ferry_site_get_id (second)));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (again)) == FERRY_TYPE_SITE);

  folders = ferry_site_store_dup_folders (again);
  g_assert_cmpuint (g_strv_length (folders), ==, 4);
  g_assert_cmpstr (folders[0], ==, "Empty");
  g_assert_cmpstr (folders[1], ==, "Empty/Inner");
  g_assert_cmpstr (folders[2], ==, "Work");
  g_assert_cmpstr (folders[3], ==, "Work/Clients");
}

static void
test_store_unknown_keys (void)
{
  g_autofree char *path = sites_path ();
  g_autoptr (FerrySiteStore) store = NULL;
  g_autofree char *contents = NULL;
  FerrySite *site;
  const char *id = "0b1f2a3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
  g_autofree char *text = g_strdup_printf (
    "# Written by a newer Ferry\n"
    "[Ferry]\nversion=7\nfuture-setting=on\n\n"
    "[%s]\nname=Old\nhost=ftp.example.org\nsecurity=quantum\nlogon=ask\n"
    "keep-alive=42\n\n"
    "[Bookmarks %s]\npaths=/a;/b;\n", id, id);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  store = loaded_store ();
  site = ferry_site_store_get_by_id (store, id);
  g_assert_nonnull (site);
  g_assert_cmpstr (ferry_site_get_name (site), ==, "Old");
  /* An unknown value reads as the default. */
  g_assert_cmpint (ferry_site_get_security (site), ==, FERRY_SECURITY_AUTO);
  g_assert_cmpint (ferry_site_get_logon_type (site), ==, FERRY_LOGON_ASK);

  ferry_site_set_name (site, "Renamed");
  save_ok (store);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "name=Renamed"));
  g_assert_nonnull (strstr (contents, "keep-alive=42"));
  g_assert_nonnull (strstr (contents, "future-setting=on"));
  g_assert_nonnull (strstr (contents, "version=7"));
  g_assert_nonnull (strstr (contents, "paths=/a;/b;"));
  g_assert_nonnull (strstr (contents, "# Written by a newer Ferry"));
}

/* A folder group whose name unescapes to bytes that are not UTF-8 names no
 * folder; the others are read. */
static void
test_store_folder_not_utf8 (void)
{
  g_autofree char *path = sites_path ();
  g_autoptr (FerrySiteStore) store = NULL;
  g_auto (GStrv) folders = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "[Ferry]\nversion=1\n\n[Folder Work/Empty%87one]\n\n"
                                      "[Folder Good%20one]\n", -1, NULL));
  store = loaded_store ();
  folders = ferry_site_store_dup_folders (store);
  g_assert_cmpuint (g_strv_length (folders), ==, 1);
  g_assert_cmpstr (folders[0], ==, "Good one");
}

/* Every type is saved by its stable name and read back. */
static void
test_store_server_types (void)
{
  g_autoptr (FerrySiteStore) store = loaded_store ();
  g_autoptr (FerrySiteStore) again = NULL;
  g_autoptr (GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = sites_path ();
  g_autofree char *contents = NULL;

  for (guint i = 0; i < FERRY_SERVER_TYPE_N_TYPES; i++)
    {
      FerrySite *site = ferry_site_new ();
      g_autofree char *name = g_strdup_printf ("Type %u", i);

      ferry_site_set_name (site, name);
      ferry_site_set_host (site, "ftp.example.com");
      ferry_site_set_server_type (site, i);
      ferry_site_store_add (store, site);
      g_ptr_array_add (sites, site);
    }
  save_ok (store);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  for (guint i = 0; i < FERRY_SERVER_TYPE_N_TYPES; i++)
    {
      g_autofree char *line = g_strdup_printf ("\nserver-type=%s\n",
                                               ferry_server_type_to_string (i));

      g_assert_nonnull (strstr (contents, line));
    }

  again = loaded_store ();
  for (guint i = 0; i < sites->len; i++)
    {
      FerrySite *site = g_ptr_array_index (sites, i);
      FerrySite *read = ferry_site_store_get_by_id (again, ferry_site_get_id (site));

      g_assert_nonnull (read);
      g_assert_cmpint (ferry_site_get_server_type (read), ==, i);
      assert_same_site (site, read);
    }
}

/* A hand-edited server type: case is ignored; a name Ferry does not know, an
 * empty one or a number reads as automatic, and the site is kept. */
static void
test_store_server_type_hand_edited (void)
{
  static const struct
  {
    const char *value;
    FerryServerType expected;
  } cases[] = {
    { "VMS", FERRY_SERVER_TYPE_VMS },
    { "zVM", FERRY_SERVER_TYPE_ZVM },
    { "commodore64", FERRY_SERVER_TYPE_AUTO },
    { "", FERRY_SERVER_TYPE_AUTO },
    { "3", FERRY_SERVER_TYPE_AUTO },
  };
  g_autofree char *path = sites_path ();
  g_autoptr (GString) text = g_string_new ("[Ferry]\nversion=1\n\n");
  g_autoptr (FerrySiteStore) store = NULL;
  g_autofree char *contents = NULL;
  char ids[G_N_ELEMENTS (cases)][37];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_snprintf (ids[i], sizeof ids[i], "0b1f2a3c-4d5e-4f60-8a7b-9c0d1e2f3a%02x", i);
      g_string_append_printf (text, "[%s]\nname=Edited %u\nhost=ftp.example.org\n"
                                    "server-type=%s\ntimezone-offset=60\n\n",
                              ids[i], i, cases[i].value);
    }
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));

  store = loaded_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FerrySite *site = ferry_site_store_get_by_id (store, ids[i]);
      g_autofree char *name = g_strdup_printf ("Edited %u", i);

      g_assert_nonnull (site);
      g_assert_cmpstr (ferry_site_get_name (site), ==, name);
      g_assert_cmpint (ferry_site_get_timezone_offset (site), ==, 60);
      g_assert_cmpint (ferry_site_get_server_type (site), ==, cases[i].expected);
    }

  /* Saving an edited site writes the name it reads as. */
  ferry_site_set_name (ferry_site_store_get_by_id (store, ids[2]), "Saved");
  save_ok (store);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "commodore64"));
  g_assert_nonnull (strstr (contents, "server-type=auto"));
}

static void
check_broken (const char *data,
              gssize      length)
{
  g_autofree char *path = sites_path ();
  g_autoptr (FerrySiteStore) store = new_store ();
  g_autoptr (FerrySite) site = ferry_site_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *kept = NULL;
  gsize kept_length = 0;

  if (length < 0)
    length = strlen (data);
  g_assert_true (g_file_set_contents (path, data, length, NULL));

  g_assert_true (ferry_site_store_load (store, &problem, &error));
  g_assert_no_error (error);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "sites.ini.broken-"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  /* The file was moved aside, byte for byte. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_broken_files (&broken), ==, 1);
  g_assert_nonnull (strstr (problem, broken));
  g_assert_true (g_file_get_contents (broken, &kept, &kept_length, NULL));
  g_assert_cmpmem (kept, kept_length, data, length);

  /* Saving starts a new file and leaves the old one alone. */
  ferry_site_set_name (site, "New");
  ferry_site_store_add (store, site);
  save_ok (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_free (kept);
  g_assert_true (g_file_get_contents (broken, &kept, &kept_length, NULL));
  g_assert_cmpmem (kept, kept_length, data, length);
  g_assert_cmpuint (count_broken_files (NULL), ==, 1);
}

static void
test_store_broken_syntax (void)
{
  check_broken ("[unterminated\nname=x\nthis is not a key file\n", -1);
}

static void
test_store_broken_utf8 (void)
{
  check_broken ("[Ferry]\nversion=1\n[0b1f2a3c-4d5e-4f60-8a7b-9c0d1e2f3a4b]\nname=\xff\xfe\n",
                -1);
}

static void
test_store_broken_binary (void)
{
  static const char data[] = "\0\1\2[Ferry]\0version=1";

  check_broken (data, sizeof data);
}

static void
test_store_broken_too_big (void)
{
  gsize size = 16 * 1024 * 1024 + 10;
  g_autofree char *data = g_malloc (size);

  memset (data, '#', size);
  data[size - 1] = '\n';
  check_broken (data, size);
}

/* The file breaks while the store has it loaded: the save refuses, keeps the
 * file, and the next save writes everything. */
static void
test_store_broken_before_save (void)
{
  g_autofree char *path = sites_path ();
  g_autoptr (FerrySiteStore) store = loaded_store ();
  g_autoptr (FerrySiteStore) again = NULL;
  g_autoptr (FerrySite) a = full_site ("A");
  g_autoptr (FerrySite) b = full_site ("B");
  g_autoptr (GError) error = NULL;

  ferry_site_store_add (store, a);
  save_ok (store);
  g_assert_true (g_file_set_contents (path, "garbage [[[\n", -1, NULL));

  ferry_site_store_add (store, b);
  g_assert_false (ferry_site_store_save (store, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL);
  g_assert_nonnull (strstr (error->message, "sites.ini.broken-"));
  g_assert_nonnull (strstr (error->message, "save again"));
  g_assert_cmpuint (count_broken_files (NULL), ==, 1);

  save_ok (store);
  again = loaded_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  g_assert_nonnull (ferry_site_store_get_by_id (again, ferry_site_get_id (a)));
  g_assert_nonnull (ferry_site_store_get_by_id (again, ferry_site_get_id (b)));
}

static void
test_store_unreadable (void)
{
  g_autofree char *path = sites_path ();
  g_autoptr (FerrySiteStore) store = new_store ();
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL;

  /* A folder where the file should be: an I/O error, nothing moved. */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_false (ferry_site_store_load (store, &problem, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL);
  g_assert_null (problem);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_broken_files (NULL), ==, 0);
  g_rmdir (path);
}

/* Two stores on one file, as two windows or a window and ferry-cli. */
static void
test_store_merge (void)
{
  g_autoptr (FerrySiteStore) one = loaded_store ();
  g_autoptr (FerrySiteStore) two = loaded_store ();
  g_autoptr (FerrySite) a = full_site ("A");
  g_autoptr (FerrySite) b = full_site ("B");
  g_autoptr (FerrySite) c = full_site ("C");
  g_autoptr (GError) error = NULL;
  FerrySite *b_in_one;

  ferry_site_store_add (one, a);
  save_ok (one);
  ferry_site_store_add (two, b);
  save_ok (two);

  /* Saving took in what the other wrote. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (two)), ==, 2);
  g_assert_nonnull (ferry_site_store_get_by_id (two, ferry_site_get_id (a)));

  /* An edit in one and an addition in two both survive. */
  g_assert_true (ferry_site_store_load (one, NULL, &error));
  g_assert_no_error (error);
  b_in_one = ferry_site_store_get_by_id (one, ferry_site_get_id (b));
  g_assert_nonnull (b_in_one);
  ferry_site_set_comments (b_in_one, "edited in one");
  ferry_site_store_add (two, c);
  save_ok (two);
  save_ok (one);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (one)), ==, 3);
  g_assert_true (ferry_site_store_load (two, NULL, &error));
  g_assert_cmpstr (ferry_site_get_comments (b), ==, "edited in one");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (two)), ==, 3);

  /* A site deleted by the other disappears on the next load. */
  g_assert_true (ferry_site_store_delete (one, ferry_site_store_get_by_id (one,
                                                                          ferry_site_get_id (c)),
                                          NULL, &error) || error != NULL);
  g_clear_error (&error);  /* the keyring may be absent here */
  g_assert_false (ferry_site_store_has_unsaved_changes (one));
  g_assert_true (ferry_site_store_load (two, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (two)), ==, 2);
  g_assert_null (ferry_site_store_get_by_id (two, ferry_site_get_id (c)));
}

/* Unsaved local changes survive a reload. */
static void
test_store_reload_keeps_changes (void)
{
  g_autoptr (FerrySiteStore) store = loaded_store ();
  g_autoptr (FerrySite) a = full_site ("A");
  g_autoptr (GError) error = NULL;

  ferry_site_store_add (store, a);
  save_ok (store);
  ferry_site_set_name (a, "Edited, not saved");
  g_assert_true (ferry_site_store_load (store, NULL, &error));
  g_assert_cmpstr (ferry_site_get_name (a), ==, "Edited, not saved");
  save_ok (store);
  {
    g_autoptr (FerrySiteStore) again = loaded_store ();

    g_assert_cmpstr (ferry_site_get_name (ferry_site_store_get_by_id (again,
                                                                      ferry_site_get_id (a))),
                     ==, "Edited, not saved");
  }
}

static void
test_store_add_many (void)
{
  g_autoptr (FerrySiteStore) store = loaded_store ();
  g_autoptr (FerrySite) pending = full_site ("Pending edit");
  g_autoptr (GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  const char *folders[] = { "Imported/Empty", NULL };

  ferry_site_store_add (store, pending);
  g_ptr_array_add (sites, full_site ("X"));
  g_ptr_array_add (sites, full_site ("Y"));
  g_assert_true (ferry_site_store_add_many (store, sites, folders, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  /* The other change stays unsaved. */
  g_assert_true (ferry_site_store_has_unsaved_changes (store));
  {
    g_autoptr (FerrySiteStore) again = loaded_store ();
    g_auto (GStrv) all = ferry_site_store_dup_folders (again);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
    g_assert_true (g_strv_contains ((const char * const *) all, "Imported/Empty"));
  }
}

static void
folders_changed_cb (FerrySiteStore *store,
                    guint          *count)
{
  (*count)++;
}

static void
test_store_folders (void)
{
  g_autoptr (FerrySiteStore) store = loaded_store ();
  g_autoptr (FerrySite) site = full_site ("Example");
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) folders = NULL;
  guint changed = 0;

  g_signal_connect (store, "folders-changed", G_CALLBACK (folders_changed_cb), &changed);
  ferry_site_store_add_folder (store, "Private/Empty");
  g_assert_cmpuint (changed, ==, 1);
  ferry_site_store_add (store, site);   /* in Work/Clients */
  save_ok (store);

  g_assert_false (ferry_site_store_remove_folder (store, "Work", &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (ferry_site_store_rename_folder (store, "Work", "Work/Inside", &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (ferry_site_store_rename_folder (store, "Work", "Jobs/2024", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ferry_site_get_folder (site), ==, "Jobs/2024/Clients");
  g_assert_true (ferry_site_store_remove_folder (store, "Private", &error));
  g_assert_no_error (error);
  save_ok (store);

  {
    g_autoptr (FerrySiteStore) again = loaded_store ();

    folders = ferry_site_store_dup_folders (again);
    g_assert_cmpuint (g_strv_length (folders), ==, 3);
    g_assert_cmpstr (folders[0], ==, "Jobs");
    g_assert_cmpstr (folders[1], ==, "Jobs/2024");
    g_assert_cmpstr (folders[2], ==, "Jobs/2024/Clients");
  }
  g_assert_cmpuint (changed, >=, 4);
}

static void
test_store_lookup (void)
{
  g_autoptr (FerrySiteStore) store = loaded_store ();
  g_autoptr (FerrySite) a = full_site ("Same");
  g_autoptr (FerrySite) b = full_site ("Same");
  g_autoptr (FerrySite) c = full_site ("Unique");
  g_autoptr (GError) error = NULL;

  ferry_site_set_folder (b, "Other");
  ferry_site_store_add (store, a);
  ferry_site_store_add (store, b);
  ferry_site_store_add (store, c);

  g_assert_true (ferry_site_store_lookup (store, ferry_site_get_id (a), &error) == a);
  g_assert_true (ferry_site_store_lookup (store, "Unique", &error) == c);
  g_assert_true (ferry_site_store_lookup (store, "Other/Same", &error) == b);
  g_assert_true (ferry_site_store_lookup (store, "Work/Clients/Same", &error) == a);
  g_assert_no_error (error);

  g_assert_null (ferry_site_store_lookup (store, "Same", &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "Other/Same"));
  g_clear_error (&error);
  g_assert_null (ferry_site_store_lookup (store, "Nowhere", &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *total_added)
{
  *total_added += added;
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_store_async (void)
{
  g_autoptr (FerrySiteStore) writer = loaded_store ();
  g_autoptr (FerrySiteStore) reader = new_store ();
  g_autoptr (FerrySite) a = full_site ("A");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL;
  guint added = 0;

  ferry_site_store_add (writer, a);
  ferry_site_store_save_async (writer, NULL, async_done_cb, &result);
  /* Edited while the save runs: stays a change to save. */
  ferry_site_set_comments (a, "during the save");
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ferry_site_store_save_finish (writer, result, &error));
  g_assert_no_error (error);
  g_assert_true (ferry_site_store_has_unsaved_changes (writer));
  g_clear_object (&result);

  g_signal_connect (reader, "items-changed", G_CALLBACK (items_changed_cb), &added);
  ferry_site_store_load_async (reader, NULL, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ferry_site_store_load_finish (reader, result, &problem, &error));
  g_assert_no_error (error);
  g_assert_null (problem);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reader)), ==, 1);
}

/* Two processes saving at once ---------------------------------------------------- */

#define WRITER_SITES 25

static int
run_writer (const char *prefix)
{
  for (guint i = 0; i < WRITER_SITES; i++)
    {
      g_autoptr (FerrySiteStore) store = new_store ();
      g_autoptr (FerrySite) site = ferry_site_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("%s-%02u", prefix, i);

      if (!ferry_site_store_load (store, NULL, &error))
        {
          g_printerr ("writer %s: %s\n", prefix, error->message);
          return 1;
        }
      ferry_site_set_name (site, name);
      ferry_site_set_host (site, "ftp.example.com");
      ferry_site_store_add (store, site);
      if (!ferry_site_store_save (store, &error))
        {
          g_printerr ("writer %s: %s\n", prefix, error->message);
          return 1;
        }
    }
  return 0;
}

static void
test_store_two_processes (void)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GSubprocess) one = NULL;
  g_autoptr (GSubprocess) two = NULL;
  g_autoptr (FerrySiteStore) store = NULL;
  g_autoptr (GError) error = NULL;
  guint n;

  /* The isolated folders of this test exist for GLib only, not in the environment. */
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  one = g_subprocess_launcher_spawn (launcher, &error, self_exe, "--writer", "one", NULL);
  g_assert_no_error (error);
  two = g_subprocess_launcher_spawn (launcher, &error, self_exe, "--writer", "two", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (one, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (two, NULL, &error));
  g_assert_no_error (error);

  store = loaded_store ();
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_assert_cmpuint (n, ==, 2 * WRITER_SITES);
  for (guint i = 0; i < WRITER_SITES; i++)
    {
      g_autofree char *a = g_strdup_printf ("one-%02u", i);
      g_autofree char *b = g_strdup_printf ("two-%02u", i);

      g_assert_nonnull (ferry_site_store_lookup (store, a, NULL));
      g_assert_nonnull (ferry_site_store_lookup (store, b, NULL));
    }
}

int
main (int    argc,
      char **argv)
{
  self_exe = g_canonicalize_filename (argv[0], NULL);
  if (argc == 3 && strcmp (argv[1], "--writer") == 0)
    return run_writer (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/site/properties", test_site_properties);
  g_test_add_func ("/site/endpoint", test_site_endpoint);
  g_test_add_func ("/site-store/roundtrip", test_store_roundtrip);
  g_test_add_func ("/site-store/unknown-keys", test_store_unknown_keys);
  g_test_add_func ("/site-store/folder-not-utf8", test_store_folder_not_utf8);
  g_test_add_func ("/site-store/server-types", test_store_server_types);
  g_test_add_func ("/site-store/server-type-hand-edited", test_store_server_type_hand_edited);
  g_test_add_func ("/site-store/broken/syntax", test_store_broken_syntax);
  g_test_add_func ("/site-store/broken/utf8", test_store_broken_utf8);
  g_test_add_func ("/site-store/broken/binary", test_store_broken_binary);
  g_test_add_func ("/site-store/broken/too-big", test_store_broken_too_big);
  g_test_add_func ("/site-store/broken/before-save", test_store_broken_before_save);
  g_test_add_func ("/site-store/unreadable", test_store_unreadable);
  g_test_add_func ("/site-store/merge", test_store_merge);
  g_test_add_func ("/site-store/reload-keeps-changes", test_store_reload_keeps_changes);
  g_test_add_func ("/site-store/add-many", test_store_add_many);
  g_test_add_func ("/site-store/folders", test_store_folders);
  g_test_add_func ("/site-store/lookup", test_store_lookup);
  g_test_add_func ("/site-store/async", test_store_async);
  g_test_add_func ("/site-store/two-processes", test_store_two_processes);

  return g_test_run ();
}
