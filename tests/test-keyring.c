/* test-keyring.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Passwords in a real gnome-keyring (run under tests/run-gui.sh): store,
 * look up, replace, delete, never on disk, deleting a site deletes its
 * password, `ferry-cli sites` end to end, a locked keyring whose unlock
 * prompt fails or is never answered. With GUI_NO_KEYRING=1 (a session bus
 * without any Secret Service) the degraded paths: clear errors, and sites
 * that ask for their password.
 *
 * Run as `test-keyring --cli sites …` it is ferry-cli's `sites` command, so
 * that the tests can drive it as a separate process.
 */
#define G_LOG_DOMAIN "test-keyring"

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "ferry-cli-sites.h"
#include "ferry-error.h"
#include "ferry-keyring.h"
#include "ferry-site-store.h"

#define SHORT_TIMEOUT_MS 3000

static char *self_exe;
static char *outer_home;   /* the HOME of run-gui.sh: gnome-keyring's files */

static FerrySite *
demo_site (void)
{
  FerrySite *site = ferry_site_new ();

  ferry_site_set_name (site, "Demo");
  ferry_site_set_host (site, "FTP.Example.com");
  ferry_site_set_port (site, 2121);
  ferry_site_set_user (site, "bob");
  ferry_site_set_security (site, FERRY_SECURITY_EXPLICIT);
  return site;
}

static char *
unique_password (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("pw-%s-äöü", uuid);
}

static FerrySiteStore *
open_store (void)
{
  g_autoptr (FerrySiteStore) store = ferry_site_store_new_default (NULL);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (store);
  g_assert_true (ferry_site_store_load (store, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

/* Runs `ferry-cli sites ARGS…` as another process, feeding it @input. */
static int
run_cli (const char  *input,
         char       **out_stdout,
         char       **out_stderr,
         ...)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
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

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The isolated folders of this test exist for GLib only, not in the environment. */
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &out, &err,
                                                &error));
  g_assert_no_error (error);
  g_test_message ("ferry-cli sites … → %d\nstdout: %s\nstderr: %s",
                  g_subprocess_get_exit_status (process), out, err);
  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);
  return g_subprocess_get_exit_status (process);
}

/* TRUE when some regular file under @dir contains @needle. */
static gboolean
found_under (const char *dir,
             const char *needle)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (found_under (path, needle))
            return TRUE;
        }
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *data = NULL;
          gsize length = 0;

          if (g_file_get_contents (path, &data, &length, NULL)
              && memmem (data, length, needle, strlen (needle)) != NULL)
            {
              g_test_message ("found in %s", path);
              return TRUE;
            }
        }
    }
  return FALSE;
}

static void
assert_not_on_disk (const char *password)
{
  g_autofree char *base64 = g_base64_encode ((const guchar *) password, strlen (password));

  g_assert_false (found_under (outer_home, password));
  g_assert_false (found_under (g_get_home_dir (), password));
  g_assert_false (found_under (g_get_user_config_dir (), password));
  g_assert_false (found_under (outer_home, base64));
  g_assert_false (found_under (g_get_user_config_dir (), base64));
}

/* With a keyring ------------------------------------------------------------------ */

static void
test_roundtrip (void)
{
  g_autoptr (FerrySite) site = demo_site ();
  g_autoptr (GError) error = NULL;
  g_autofree char *password = unique_password ();
  g_autolist (SecretRetrievable) items = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  char *found;

  g_assert_true (ferry_keyring_store_sync (site, password, SHORT_TIMEOUT_MS, NULL, &error));
  g_assert_no_error (error);

  found = ferry_keyring_lookup_sync (ferry_site_get_id (site), SHORT_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, password);
  ferry_keyring_password_free (found);

  /* What Seahorse shows, and the attributes of the schema. */
  items = secret_password_search_sync (ferry_keyring_get_schema (), SECRET_SEARCH_ALL, NULL,
                                       &error, "site-id", ferry_site_get_id (site), NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  {
    g_autofree char *label = secret_retrievable_get_label (items->data);

    g_assert_cmpstr (label, ==, "Ferry: bob@FTP.Example.com:2121");
  }
  attributes = secret_retrievable_get_attributes (items->data);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "host"), ==, "ftp.example.com");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "port"), ==, "2121");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "user"), ==, "bob");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "xdg:schema"), ==,
                   "io.github.ferryapp.Ferry.Password");

  assert_not_on_disk (password);

  g_assert_true (ferry_keyring_clear_sync (ferry_site_get_id (site), SHORT_TIMEOUT_MS, NULL,
                                           &error));
  g_assert_no_error (error);
  found = ferry_keyring_lookup_sync (ferry_site_get_id (site), SHORT_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);
  /* Clearing nothing is fine. */
  g_assert_true (ferry_keyring_clear_sync (ferry_site_get_id (site), SHORT_TIMEOUT_MS, NULL,
                                           &error));
  g_assert_no_error (error);
}

static void
test_replace (void)
{
  g_autoptr (FerrySite) site = demo_site ();
  g_autoptr (GError) error = NULL;
  g_autolist (SecretRetrievable) items = NULL;
  g_autoptr (GHashTable) attributes = NULL;
  char *found;

  g_assert_true (ferry_keyring_store_sync (site, "first", SHORT_TIMEOUT_MS, NULL, &error));
  ferry_site_set_host (site, "ftp.example.net");
  ferry_site_set_port (site, 0);
  g_assert_true (ferry_keyring_store_sync (site, "second", SHORT_TIMEOUT_MS, NULL, &error));
  g_assert_no_error (error);

  items = secret_password_search_sync (ferry_keyring_get_schema (), SECRET_SEARCH_ALL, NULL,
                                       &error, "site-id", ferry_site_get_id (site), NULL);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  attributes = secret_retrievable_get_attributes (items->data);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "host"), ==, "ftp.example.net");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "port"), ==, "21");

  found = ferry_keyring_lookup_sync (ferry_site_get_id (site), SHORT_TIMEOUT_MS, NULL, &error);
  g_assert_cmpstr (found, ==, "second");
  ferry_keyring_password_free (found);
  ferry_keyring_clear_sync (ferry_site_get_id (site), SHORT_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_async_and_cancel (void)
{
  g_autoptr (FerrySite) site = demo_site ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  char *found;

  ferry_keyring_store_async (site, "async secret", SHORT_TIMEOUT_MS, NULL, async_done_cb,
                             &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ferry_keyring_store_finish (result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  ferry_keyring_lookup_async (ferry_site_get_id (site), SHORT_TIMEOUT_MS, NULL, async_done_cb,
                              &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  found = ferry_keyring_lookup_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "async secret");
  ferry_keyring_password_free (found);
  g_clear_object (&result);

  /* Cancelled: answers at once, with G_IO_ERROR_CANCELLED. */
  g_cancellable_cancel (cancellable);
  found = ferry_keyring_lookup_sync (ferry_site_get_id (site), SHORT_TIMEOUT_MS, cancellable,
                                     &error);
  g_assert_null (found);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  ferry_keyring_clear_sync (ferry_site_get_id (site), SHORT_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
}

static void
test_delete_site (void)
{
  g_autoptr (FerrySiteStore) store = open_store ();
  g_autoptr (FerrySite) site = demo_site ();
  g_autoptr (GError) error = NULL;
  g_autofree char *id = g_strdup (ferry_site_get_id (site));
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (FerrySite) other = demo_site ();
  char *found;

  ferry_site_store_add (store, site);
  ferry_site_store_add (store, other);
  g_assert_true (ferry_site_store_save (store, &error));
  g_assert_true (ferry_keyring_store_sync (site, "doomed", SHORT_TIMEOUT_MS, NULL, &error));
  g_assert_true (ferry_keyring_store_sync (other, "doomed too", SHORT_TIMEOUT_MS, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (ferry_site_store_delete (store, site, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (ferry_site_store_get_by_id (store, id));
  found = ferry_keyring_lookup_sync (id, SHORT_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* The same through the asynchronous call. */
  ferry_site_store_delete_async (store, other, NULL, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ferry_site_store_delete_finish (store, result, &error));
  g_assert_no_error (error);
  found = ferry_keyring_lookup_sync (ferry_site_get_id (other), SHORT_TIMEOUT_MS, NULL, &error);
  g_assert_null (found);
  {
    g_autoptr (FerrySiteStore) again = open_store ();

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 0);
  }
}

static JsonObject *
list_json_site (guint index,
                guint expected_count)
{
  g_autofree char *out = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *sites;

  g_assert_cmpint (run_cli (NULL, &out, NULL, "list", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  sites = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "sites");
  g_assert_cmpuint (json_array_get_length (sites), ==, expected_count);
  if (index >= expected_count)
    return NULL;
  return json_object_ref (json_array_get_object_element (sites, index));
}

static void
test_cli (void)
{
  g_autofree char *password = unique_password ();
  g_autofree char *input = g_strdup_printf ("%s\n", password);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (JsonObject) json = NULL;
  g_autoptr (FerryEndpoint) endpoint = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *resolved_password = NULL;
  g_autofree char *remote_dir = NULL;
  g_autofree char *id = NULL;
  char *found;

  g_assert_cmpint (run_cli (input, &out, &err, "add", "--password-stdin", "--name", "Demo",
                            "--folder", "Work", "--min-tls", "1.3", "--timezone-offset", "60",
                            "--charset", "utf-8", "--active", "--parallel", "3",
                            "ftpes://bob@ftp.example.com:2121/pub/my%20files", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Saved the site “Work/Demo”"));
  g_assert_null (strstr (out, password));
  g_assert_null (strstr (err, password));

  json = list_json_site (0, 1);
  id = g_strdup (json_object_get_string_member (json, "id"));
  g_assert_cmpstr (json_object_get_string_member (json, "path"), ==, "Work/Demo");
  g_assert_cmpstr (json_object_get_string_member (json, "host"), ==, "ftp.example.com");
  g_assert_cmpint (json_object_get_int_member (json, "port"), ==, 2121);
  g_assert_cmpstr (json_object_get_string_member (json, "user"), ==, "bob");
  g_assert_cmpstr (json_object_get_string_member (json, "logon"), ==, "normal");
  g_assert_cmpstr (json_object_get_string_member (json, "security"), ==, "explicit");
  g_assert_cmpstr (json_object_get_string_member (json, "remote_dir"), ==, "/pub/my files");
  g_assert_cmpstr (json_object_get_string_member (json, "min_tls"), ==, "1.3");
  g_assert_cmpstr (json_object_get_string_member (json, "charset"), ==, "UTF-8");
  g_assert_cmpstr (json_object_get_string_member (json, "transfer_mode"), ==, "active");
  g_assert_cmpint (json_object_get_int_member (json, "timezone_offset"), ==, 60);
  g_assert_cmpint (json_object_get_int_member (json, "parallel_transfers"), ==, 3);

  /* Only in the keyring. */
  found = ferry_keyring_lookup_sync (id, SHORT_TIMEOUT_MS, NULL, &error);
  g_assert_cmpstr (found, ==, password);
  ferry_keyring_password_free (found);
  assert_not_on_disk (password);

  /* --site NAME, as the other ferry-cli commands use it. */
  g_assert_true (ferry_cli_site_resolve ("Demo", &endpoint, &resolved_password, &remote_dir,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpstr (endpoint->host, ==, "ftp.example.com");
  g_assert_cmpuint (endpoint->port, ==, 2121);
  g_assert_cmpstr (endpoint->user, ==, "bob");
  g_assert_cmpint (endpoint->security, ==, FERRY_SECURITY_EXPLICIT);
  g_assert_cmpint (endpoint->min_tls, ==, FERRY_TLS_VERSION_1_3);
  g_assert_cmpstr (resolved_password, ==, password);
  g_assert_cmpstr (remote_dir, ==, "/pub/my files");
  ferry_password_free (g_steal_pointer (&resolved_password));
  g_clear_pointer (&endpoint, ferry_endpoint_free);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (NULL, &out, NULL, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Work/Demo"));
  g_assert_nonnull (strstr (out, "ftpes://bob@ftp.example.com:2121"));

  /* Without a terminal or --password-stdin: the site asks. */
  g_assert_cmpint (run_cli ("ignored\n", NULL, NULL, "add", "--name", "Asking",
                            "ftps://alice@ftp.example.org", NULL), ==, 0);
  g_assert_true (ferry_cli_site_resolve ("Asking", &endpoint, &resolved_password, NULL,
                                         &error));
  g_assert_null (resolved_password);
  g_assert_cmpint (endpoint->security, ==, FERRY_SECURITY_IMPLICIT);
  g_clear_pointer (&endpoint, ferry_endpoint_free);

  /* Usage errors. */
  g_assert_cmpint (run_cli (NULL, NULL, NULL, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "bogus", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "add", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "add", "sftp://host", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "add", "--security", "maybe", "ftp://h", NULL), ==,
                   2);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "add", "--bogus-option", "ftp://h", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "remove", "Nowhere", NULL), ==, 2);
  g_assert_false (ferry_cli_site_resolve ("Nowhere", &endpoint, NULL, NULL, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (endpoint);

  /* Remove deletes the password too. */
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "remove", "Work/Demo", NULL), ==, 0);
  found = ferry_keyring_lookup_sync (id, SHORT_TIMEOUT_MS, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "remove", "Asking", NULL), ==, 0);
  g_clear_pointer (&json, json_object_unref);
  json = list_json_site (0, 0);
}

/* A locked keyring ------------------------------------------------------------------ */

static void
dbus_call (const char *destination,
           const char *path,
           const char *interface,
           const char *method,
           GVariant   *parameters,
           GVariant  **out_reply)
{
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr (GError) error = NULL;
  GVariant *reply;

  g_assert_nonnull (bus);
  reply = g_dbus_connection_call_sync (bus, destination, path, interface, method, parameters,
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
  if (out_reply != NULL)
    *out_reply = reply;
  else
    g_variant_unref (reply);
}

static void
lock_default_collection (void)
{
  g_autoptr (GVariant) reply = NULL;
  const char *collection = NULL;

  dbus_call ("org.freedesktop.secrets", "/org/freedesktop/secrets",
             "org.freedesktop.Secret.Service", "ReadAlias", g_variant_new ("(s)", "default"),
             &reply);
  g_variant_get (reply, "(&o)", &collection);
  g_assert_cmpstr (collection, !=, "/");
  {
    const char *paths[] = { collection };

    dbus_call ("org.freedesktop.secrets", "/org/freedesktop/secrets",
               "org.freedesktop.Secret.Service", "Lock",
               g_variant_new ("(@ao)", g_variant_new_objv (paths, 1)), NULL);
  }
}

/* Sets DISPLAY for programs the bus starts: "" means gnome-keyring's unlock
 * prompter (gcr-prompter) cannot start, as on a headless machine. */
static void
set_prompter_display (const char *display)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", "DISPLAY", display ? display : "");
  dbus_call ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
             "UpdateActivationEnvironment", g_variant_new ("(a{ss})", &builder), NULL);
}

static FerrySite *locked_site;

static void
test_locked_no_prompter (void)
{
  g_autoptr (FerrySiteStore) store = open_store ();
  g_autoptr (FerrySite) other = demo_site ();
  g_autoptr (GError) error = NULL;
  g_autoptr (FerryEndpoint) endpoint = NULL;
  g_autofree char *password = NULL;
  gint64 start;
  char *found;

  locked_site = demo_site ();
  ferry_site_store_add (store, locked_site);
  g_assert_true (ferry_site_store_save (store, &error));
  g_assert_true (ferry_keyring_store_sync (locked_site, "behind the lock", SHORT_TIMEOUT_MS,
                                           NULL, &error));
  g_assert_no_error (error);

  set_prompter_display ("");
  lock_default_collection ();

  /* The unlock prompt cannot be shown: a clear error at once, not "none". */
  start = g_get_monotonic_time ();
  found = ferry_keyring_lookup_sync (ferry_site_get_id (locked_site), 20000, NULL, &error);
  g_assert_null (found);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_assert_nonnull (strstr (error->message, "ask for the password"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&error);

  g_assert_false (ferry_keyring_store_sync (other, "new", 20000, NULL, &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_FAILED);
  g_test_message ("store into a locked keyring: %s", error->message);
  g_clear_error (&error);

  /* ferry-cli: the site resolves, without a password (asked for). */
  g_assert_true (ferry_cli_site_resolve (ferry_site_get_id (locked_site), &endpoint, &password,
                                         NULL, &error));
  g_assert_no_error (error);
  g_assert_null (password);
}

static void
test_locked_prompt_unanswered (void)
{
  g_autoptr (GError) error = NULL;
  gint64 start, elapsed;
  char *found;

  /* gcr-prompter now opens its window on the test's X server, and nobody
   * types the password: the time limit ends the wait (the prompt stays). */
  set_prompter_display (g_getenv ("DISPLAY"));
  start = g_get_monotonic_time ();
  found = ferry_keyring_lookup_sync (ferry_site_get_id (locked_site), 2000, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_null (found);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "did not answer within 2 seconds"));
  g_assert_cmpint (elapsed, >=, 2 * G_USEC_PER_SEC - 100000);
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
  g_clear_object (&locked_site);
}

/* Without a keyring ------------------------------------------------------------------ */

static void
assert_no_keyring_error (const GError *error)
{
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "No keyring"));
  g_assert_nonnull (strstr (error->message, "ask for the password"));
}

static void
test_absent (void)
{
  g_autoptr (FerrySite) site = demo_site ();
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  char *found;

  g_assert_false (ferry_keyring_store_sync (site, "nowhere", 20000, NULL, &error));
  assert_no_keyring_error (error);
  g_clear_error (&error);
  found = ferry_keyring_lookup_sync (ferry_site_get_id (site), 20000, NULL, &error);
  g_assert_null (found);
  assert_no_keyring_error (error);
  g_clear_error (&error);
  g_assert_false (ferry_keyring_clear_sync (ferry_site_get_id (site), 20000, NULL, &error));
  assert_no_keyring_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_absent_cli (void)
{
  g_autofree char *password = unique_password ();
  g_autofree char *input = g_strdup_printf ("%s\n", password);
  g_autofree char *err = NULL;
  g_autoptr (JsonObject) json = NULL;
  g_autoptr (FerryEndpoint) endpoint = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *resolved = NULL;

  g_assert_cmpint (run_cli (input, NULL, &err, "add", "--password-stdin",
                            "ftpes://bob@ftp.example.com", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "No keyring"));
  g_assert_null (strstr (err, password));

  json = list_json_site (0, 1);
  g_assert_cmpstr (json_object_get_string_member (json, "logon"), ==, "ask");
  assert_not_on_disk (password);

  g_assert_true (ferry_cli_site_resolve ("ftp.example.com", &endpoint, &resolved, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (resolved);

  /* Deleting works; only the keyring step reports. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "remove", "ftp.example.com", NULL), ==, 0);
  g_clear_pointer (&json, json_object_unref);
  json = list_json_site (0, 0);
}

static void
test_absent_delete (void)
{
  g_autoptr (FerrySiteStore) store = open_store ();
  g_autoptr (FerrySite) site = demo_site ();
  g_autoptr (GError) error = NULL;

  ferry_site_store_add (store, site);
  g_assert_true (ferry_site_store_save (store, &error));
  g_assert_false (ferry_site_store_delete (store, site, NULL, &error));
  g_assert_nonnull (strstr (error->message, "was deleted"));
  g_assert_false (ferry_site_store_has_unsaved_changes (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  self_exe = g_canonicalize_filename (argv[0], NULL);
  if (argc >= 3 && strcmp (argv[1], "--cli") == 0)
    return ferry_cli_sites_main (argc - 2, argv + 2);

  outer_home = g_strdup (g_getenv ("HOME"));
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_printerr ("No session bus: run this test through tests/run-gui.sh\n");
      return 77;
    }

  if (g_getenv ("GUI_NO_KEYRING") != NULL)
    {
      g_test_add_func ("/keyring/absent/calls", test_absent);
      g_test_add_func ("/keyring/absent/cli", test_absent_cli);
      g_test_add_func ("/keyring/absent/delete", test_absent_delete);
    }
  else
    {
      g_test_add_func ("/keyring/roundtrip", test_roundtrip);
      g_test_add_func ("/keyring/replace", test_replace);
      g_test_add_func ("/keyring/async-and-cancel", test_async_and_cancel);
      g_test_add_func ("/keyring/delete-site", test_delete_site);
      g_test_add_func ("/keyring/cli", test_cli);
      /* These two lock the keyring for good: they run last, in this order. */
      g_test_add_func ("/keyring/zz-locked/no-prompter", test_locked_no_prompter);
      g_test_add_func ("/keyring/zz-locked/prompt-unanswered", test_locked_prompt_unanswered);
    }
  return g_test_run ();
}
