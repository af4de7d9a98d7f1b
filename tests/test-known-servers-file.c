/* test-known-servers-file.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerryKnownServersFile: pins with their details, detected modes, resumption
 * facts; two instances and two processes writing at once; threads; a broken
 * file moved aside; keys of newer versions kept.
 */
#define G_LOG_DOMAIN "test-known-servers-file"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-known-servers-file.h"

#define SHA_A "aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11"
#define SHA_B "bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22"
#define SHA_C "cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33cc33"

static char *self_exe;

static char *
file_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "ferry", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, "known-servers.ini", NULL);
}

static FerryKnownServers *
new_known (void)
{
  g_autofree char *path = file_path ();

  return ferry_known_servers_file_new (path);
}

static FerryPin *
make_pin (const char *sha256,
          const char *subject)
{
  FerryPin *pin = ferry_pin_new (sha256);

  pin->subject = g_strdup (subject);
  pin->issuer = g_strdup ("CN=Example CA, O=Example");
  pin->not_before = 1704067200;  /* 2024-01-01 */
  pin->not_after = 1735689600;   /* 2025-01-01 */
  return pin;
}

static void
test_roundtrip (void)
{
  g_autoptr (FerryKnownServers) known = new_known ();
  g_autoptr (FerryKnownServers) again = NULL;
  g_autoptr (FerryPin) a = make_pin (SHA_A, "CN=ftp.example.com");
  g_autoptr (FerryPin) b = make_pin ("SHA256:" SHA_B, "CN=ftp.example.com, O=New");
  g_autoptr (GPtrArray) pins = NULL;
  g_autofree char *path = file_path ();
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  const FerryPin *pin;
  GStatBuf st;

  /* Nothing known yet. */
  pins = ferry_known_servers_dup_pins (known, "ftp.example.com", 21);
  g_assert_cmpuint (pins->len, ==, 0);
  g_clear_pointer (&pins, g_ptr_array_unref);
  g_assert_cmpint (ferry_known_servers_get_mode (known, "ftp.example.com", 21), ==,
                   FERRY_SECURITY_AUTO);
  g_assert_cmpint (ferry_known_servers_get_resumption (known, "ftp.example.com", 21), ==,
                   FERRY_RESUMPTION_UNKNOWN);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  ferry_known_servers_add_pin (known, "ftp.example.com", 21, a, FALSE);
  ferry_known_servers_add_pin (known, "ftp.example.com", 21, b, FALSE);
  ferry_known_servers_set_mode (known, "ftp.example.com", 21, FERRY_SECURITY_IMPLICIT);
  ferry_known_servers_set_resumption (known, "ftp.example.com", 21, FERRY_RESUMPTION_WORKS);
  ferry_known_servers_set_mode (known, "ftp.example.com", 990, FERRY_SECURITY_EXPLICIT);
  g_assert_null (ferry_known_servers_file_take_error (FERRY_KNOWN_SERVERS_FILE (known)));

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "[ftp.example.com 21]"));
  g_assert_nonnull (strstr (contents, "mode=implicit"));
  g_assert_nonnull (strstr (contents, "not-after=2025-01-01T00:00:00Z"));

  /* A new instance (another process) reads the same; hosts ignore case. */
  again = new_known ();
  g_assert_true (ferry_known_servers_file_load (FERRY_KNOWN_SERVERS_FILE (again), &error));
  g_assert_no_error (error);
  pins = ferry_known_servers_dup_pins (again, "FTP.Example.COM", 21);
  g_assert_cmpuint (pins->len, ==, 2);
  pin = g_ptr_array_index (pins, 0);
  g_assert_cmpstr (pin->sha256, ==, SHA_A);
  g_assert_cmpstr (pin->subject, ==, "CN=ftp.example.com");
  g_assert_cmpstr (pin->issuer, ==, "CN=Example CA, O=Example");
  g_assert_cmpint (pin->not_before, ==, 1704067200);
  g_assert_cmpint (pin->not_after, ==, 1735689600);
  pin = g_ptr_array_index (pins, 1);
  g_assert_cmpstr (pin->sha256, ==, SHA_B);
  g_assert_cmpstr (pin->subject, ==, "CN=ftp.example.com, O=New");
  g_assert_true (ferry_known_servers_is_pinned (again, "ftp.example.com", 21,
                                                "AA:11:AA:11:AA:11:AA:11:AA:11:AA:11:AA:11:AA:11:"
                                                "AA:11:AA:11:AA:11:AA:11:AA:11:AA:11:AA:11:AA:11"));
  g_assert_false (ferry_known_servers_is_pinned (again, "ftp.example.com", 990, SHA_A));
  g_assert_false (ferry_known_servers_is_pinned (again, "ftp.example.com", 21, SHA_C));
  g_assert_cmpint (ferry_known_servers_get_mode (again, "ftp.example.com", 21), ==,
                   FERRY_SECURITY_IMPLICIT);
  g_assert_cmpint (ferry_known_servers_get_mode (again, "ftp.example.com", 990), ==,
                   FERRY_SECURITY_EXPLICIT);
  g_assert_cmpint (ferry_known_servers_get_resumption (again, "ftp.example.com", 21), ==,
                   FERRY_RESUMPTION_WORKS);
}

static void
test_replace_and_repin (void)
{
  g_autoptr (FerryKnownServers) known = new_known ();
  g_autoptr (FerryPin) a = make_pin (SHA_A, "CN=old");
  g_autoptr (FerryPin) a2 = make_pin (SHA_A, "CN=old, renewed details");
  g_autoptr (FerryPin) c = make_pin (SHA_C, "CN=new");
  g_autoptr (GPtrArray) pins = NULL;
  g_autofree char *path = file_path ();
  g_autofree char *contents = NULL;

  ferry_known_servers_add_pin (known, "::1", 2121, a, FALSE);
  /* The same fingerprint again: one pin, details updated. */
  ferry_known_servers_add_pin (known, "::1", 2121, a2, FALSE);
  pins = ferry_known_servers_dup_pins (known, "::1", 2121);
  g_assert_cmpuint (pins->len, ==, 1);
  g_assert_cmpstr (((FerryPin *) g_ptr_array_index (pins, 0))->subject, ==,
                   "CN=old, renewed details");
  g_clear_pointer (&pins, g_ptr_array_unref);

  /* Replacing drops the old pin and its details. */
  ferry_known_servers_add_pin (known, "::1", 2121, c, TRUE);
  pins = ferry_known_servers_dup_pins (known, "::1", 2121);
  g_assert_cmpuint (pins->len, ==, 1);
  g_assert_cmpstr (((FerryPin *) g_ptr_array_index (pins, 0))->sha256, ==, SHA_C);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, SHA_A));
  g_assert_nonnull (strstr (contents, "[::1 2121]"));

  {
    FerryKnownServersFile *file = FERRY_KNOWN_SERVERS_FILE (known);
    g_auto (GStrv) servers = ferry_known_servers_file_dup_servers (file);

    g_assert_cmpuint (g_strv_length (servers), ==, 1);
    g_assert_cmpstr (servers[0], ==, "[::1]:2121");
  }
}

static void
test_forget (void)
{
  g_autoptr (FerryKnownServers) known = new_known ();
  g_autoptr (FerryPin) a = make_pin (SHA_A, "CN=a");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pins = NULL;
  g_auto (GStrv) servers = NULL;

  ferry_known_servers_add_pin (known, "a.example", 21, a, FALSE);
  ferry_known_servers_set_mode (known, "a.example", 21, FERRY_SECURITY_EXPLICIT);
  ferry_known_servers_set_mode (known, "b.example", 21, FERRY_SECURITY_IMPLICIT);
  g_assert_true (ferry_known_servers_file_forget (FERRY_KNOWN_SERVERS_FILE (known), "A.example",
                                                  21, &error));
  g_assert_no_error (error);
  pins = ferry_known_servers_dup_pins (known, "a.example", 21);
  g_assert_cmpuint (pins->len, ==, 0);
  g_assert_cmpint (ferry_known_servers_get_mode (known, "a.example", 21), ==,
                   FERRY_SECURITY_AUTO);
  servers = ferry_known_servers_file_dup_servers (FERRY_KNOWN_SERVERS_FILE (known));
  g_assert_cmpuint (g_strv_length (servers), ==, 1);
  g_assert_cmpstr (servers[0], ==, "b.example:21");
}

/* Every server, sorted as text whatever the order in the file. */
static void
test_servers_sorted (void)
{
  g_autoptr (FerryKnownServers) known = new_known ();
  const char *hosts[] = { "m.example", "z.example", "::1", "a.example", "b.example" };
  g_auto (GStrv) servers = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    ferry_known_servers_set_mode (known, hosts[i], 21, FERRY_SECURITY_EXPLICIT);
  servers = ferry_known_servers_file_dup_servers (FERRY_KNOWN_SERVERS_FILE (known));
  g_assert_cmpuint (g_strv_length (servers), ==, 5);
  g_assert_cmpstr (servers[0], ==, "[::1]:21");
  g_assert_cmpstr (servers[1], ==, "a.example:21");
  g_assert_cmpstr (servers[2], ==, "b.example:21");
  g_assert_cmpstr (servers[3], ==, "m.example:21");
  g_assert_cmpstr (servers[4], ==, "z.example:21");
}

/* Two instances on one file, as the window and ferry-cli: nothing is lost. */
static void
test_two_instances (void)
{
  g_autoptr (FerryKnownServers) one = new_known ();
  g_autoptr (FerryKnownServers) two = new_known ();
  g_autoptr (FerryPin) a = make_pin (SHA_A, "CN=a");
  g_autoptr (FerryPin) b = make_pin (SHA_B, "CN=b");
  g_autoptr (GPtrArray) pins = NULL;

  /* Both have read the (empty) file before either writes. */
  g_assert_cmpint (ferry_known_servers_get_mode (one, "h", 21), ==, FERRY_SECURITY_AUTO);
  g_assert_cmpint (ferry_known_servers_get_mode (two, "h", 21), ==, FERRY_SECURITY_AUTO);

  ferry_known_servers_add_pin (one, "h", 21, a, FALSE);
  ferry_known_servers_add_pin (two, "h", 21, b, FALSE);
  ferry_known_servers_set_mode (one, "h", 21, FERRY_SECURITY_IMPLICIT);
  ferry_known_servers_set_resumption (two, "h", 21, FERRY_RESUMPTION_FAILS);

  /* Each sees the other's writes. */
  pins = ferry_known_servers_dup_pins (one, "h", 21);
  g_assert_cmpuint (pins->len, ==, 2);
  g_assert_cmpint (ferry_known_servers_get_resumption (one, "h", 21), ==,
                   FERRY_RESUMPTION_FAILS);
  g_assert_cmpint (ferry_known_servers_get_mode (two, "h", 21), ==, FERRY_SECURITY_IMPLICIT);
  g_assert_true (ferry_known_servers_is_pinned (two, "h", 21, SHA_A));
}

static void
test_unknown_keys (void)
{
  g_autofree char *path = file_path ();
  g_autoptr (FerryKnownServers) known = NULL;
  g_autofree char *contents = NULL;
  const char *text =
    "# pinned by hand\n"
    "[ftp.example.com 21]\nhost=ftp.example.com\nport=21\nmode=explicit\n"
    "ocsp-stapling=required\n\n"
    "[Future]\nsetting=1\n";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  known = new_known ();
  g_assert_cmpint (ferry_known_servers_get_mode (known, "ftp.example.com", 21), ==,
                   FERRY_SECURITY_EXPLICIT);
  ferry_known_servers_set_resumption (known, "ftp.example.com", 21, FERRY_RESUMPTION_WORKS);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "ocsp-stapling=required"));
  g_assert_nonnull (strstr (contents, "[Future]"));
  g_assert_nonnull (strstr (contents, "# pinned by hand"));
  g_assert_nonnull (strstr (contents, "resumption=works"));
}

static guint
count_broken (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "ferry", NULL);
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, "known-servers.ini.broken-"))
      count++;
  return count;
}

static void
test_broken (void)
{
  g_autofree char *path = file_path ();
  g_autoptr (FerryKnownServers) known = new_known ();
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "[no end\n\xff\xfe garbage", -1, NULL));
  g_assert_false (ferry_known_servers_file_load (FERRY_KNOWN_SERVERS_FILE (known), &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL);
  g_assert_nonnull (strstr (error->message, "known-servers.ini.broken-"));
  g_clear_error (&error);
  g_assert_cmpuint (count_broken (), ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* It works on, with a new file. */
  ferry_known_servers_set_mode (known, "h", 21, FERRY_SECURITY_IMPLICIT);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Broken while in use: what this process knew goes into the new file. */
  g_assert_true (g_file_set_contents (path, "\0\0\0", 3, NULL));
  g_test_expect_message ("ferry-known-servers-file", G_LOG_LEVEL_WARNING, "*could not be read*");
  ferry_known_servers_set_resumption (known, "h", 21, FERRY_RESUMPTION_WORKS);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (count_broken (), ==, 2);
  error = ferry_known_servers_file_take_error (FERRY_KNOWN_SERVERS_FILE (known));
  g_assert_nonnull (error);
  g_assert_null (ferry_known_servers_file_take_error (FERRY_KNOWN_SERVERS_FILE (known)));
  {
    g_autoptr (FerryKnownServers) again = new_known ();

    g_assert_cmpint (ferry_known_servers_get_resumption (again, "h", 21), ==,
                     FERRY_RESUMPTION_WORKS);
    g_assert_cmpint (ferry_known_servers_get_mode (again, "h", 21), ==,
                     FERRY_SECURITY_IMPLICIT);
  }
}

/* Writing fails (the folder is read-only): the process still remembers. */
static void
test_unwritable (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "readonly", NULL);
  g_autofree char *path = g_build_filename (dir, "known-servers.ini", NULL);
  g_autoptr (FerryKnownServers) known = NULL;
  g_autoptr (GError) error = NULL;

  if (geteuid () == 0)
    {
      /* root writes anywhere: make the "file" a folder instead. */
      g_mkdir_with_parents (path, 0700);
    }
  else
    g_mkdir_with_parents (dir, 0500);
  known = ferry_known_servers_file_new (path);
  if (geteuid () == 0)
    g_test_expect_message ("ferry-known-servers-file", G_LOG_LEVEL_WARNING, "*Could not read*");
  g_test_expect_message ("ferry-known-servers-file", G_LOG_LEVEL_WARNING, "*kept only until*");
  ferry_known_servers_set_mode (known, "h", 21, FERRY_SECURITY_EXPLICIT);
  g_test_assert_expected_messages ();
  g_assert_cmpint (ferry_known_servers_get_mode (known, "h", 21), ==, FERRY_SECURITY_EXPLICIT);
  error = ferry_known_servers_file_take_error (FERRY_KNOWN_SERVERS_FILE (known));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL);
  g_rmdir (path);
  g_chmod (dir, 0700);
}

/* Threads ------------------------------------------------------------------------ */

#define THREADS 6
#define ROUNDS 15

static gpointer
thread_func (gpointer data)
{
  FerryKnownServers *known = data;
  static gint next_id;
  int id = g_atomic_int_add (&next_id, 1);
  g_autofree char *host = g_strdup_printf ("thread%d.example", id);

  for (int i = 0; i < ROUNDS; i++)
    {
      g_autofree char *sha = g_strdup_printf ("%064x", id * 1000 + i);
      g_autoptr (FerryPin) pin = make_pin (sha, host);
      g_autoptr (GPtrArray) pins = NULL;

      ferry_known_servers_add_pin (known, host, 21, pin, FALSE);
      ferry_known_servers_set_mode (known, host, 21, i % 2 ? FERRY_SECURITY_IMPLICIT
                                                           : FERRY_SECURITY_EXPLICIT);
      pins = ferry_known_servers_dup_pins (known, "shared.example", 21);
      g_assert_nonnull (pins);
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr (FerryKnownServers) known = new_known ();
  g_autoptr (FerryKnownServers) check = NULL;
  GThread *threads[THREADS];

  for (int i = 0; i < THREADS; i++)
    threads[i] = g_thread_new ("writer", thread_func, known);
  for (int i = 0; i < THREADS; i++)
    g_thread_join (threads[i]);

  check = new_known ();
  for (int i = 0; i < THREADS; i++)
    {
      g_autofree char *host = g_strdup_printf ("thread%d.example", i);
      g_autoptr (GPtrArray) pins = ferry_known_servers_dup_pins (check, host, 21);

      g_assert_cmpuint (pins->len, ==, ROUNDS);
      g_assert_cmpint (ferry_known_servers_get_mode (check, host, 21), ==,
                       FERRY_SECURITY_EXPLICIT);
    }
}

/* Two processes ------------------------------------------------------------------- */

static int
run_writer (const char *host)
{
  g_autoptr (FerryKnownServers) known = new_known ();

  for (int i = 0; i < ROUNDS; i++)
    {
      g_autofree char *sha = g_strdup_printf ("%s%060d", host[0] == 'o' ? "0001" : "0002", i);
      g_autoptr (FerryPin) pin = make_pin (sha, host);

      ferry_known_servers_add_pin (known, host, 21, pin, FALSE);
      ferry_known_servers_set_resumption (known, host, 21, FERRY_RESUMPTION_WORKS);
    }
  return ferry_known_servers_file_take_error (FERRY_KNOWN_SERVERS_FILE (known)) == NULL ? 0 : 1;
}

static void
test_two_processes (void)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GSubprocess) one = NULL;
  g_autoptr (GSubprocess) two = NULL;
  g_autoptr (FerryKnownServers) known = NULL;
  g_autoptr (GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  one = g_subprocess_launcher_spawn (launcher, &error, self_exe, "--writer", "one.example",
                                     NULL);
  g_assert_no_error (error);
  two = g_subprocess_launcher_spawn (launcher, &error, self_exe, "--writer", "two.example",
                                     NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (one, NULL, &error));
  g_assert_true (g_subprocess_wait_check (two, NULL, &error));
  g_assert_no_error (error);

  known = new_known ();
  for (guint i = 0; i < 2; i++)
    {
      const char *host = i == 0 ? "one.example" : "two.example";
      g_autoptr (GPtrArray) pins = ferry_known_servers_dup_pins (known, host, 21);

      g_assert_cmpuint (pins->len, ==, ROUNDS);
      g_assert_cmpint (ferry_known_servers_get_resumption (known, host, 21), ==,
                       FERRY_RESUMPTION_WORKS);
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

  g_test_add_func ("/known-servers-file/roundtrip", test_roundtrip);
  g_test_add_func ("/known-servers-file/replace-and-repin", test_replace_and_repin);
  g_test_add_func ("/known-servers-file/forget", test_forget);
  g_test_add_func ("/known-servers-file/servers-sorted", test_servers_sorted);
  g_test_add_func ("/known-servers-file/two-instances", test_two_instances);
  g_test_add_func ("/known-servers-file/unknown-keys", test_unknown_keys);
  g_test_add_func ("/known-servers-file/broken", test_broken);
  g_test_add_func ("/known-servers-file/unwritable", test_unwritable);
  g_test_add_func ("/known-servers-file/threads", test_threads);
  g_test_add_func ("/known-servers-file/two-processes", test_two_processes);

  return g_test_run ();
}
