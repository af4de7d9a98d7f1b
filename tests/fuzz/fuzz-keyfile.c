/* fuzz-keyfile.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the readers of the store's key files. The first
 * byte's bit 0 chooses which; the rest is the file.
 *
 * sites.ini (bit 0 clear): read from memory the way FerrySiteStore loads it
 * (ferry_store_file_parse, then the store takes in the key file); every
 * site must have a UUID, a normalised folder and values in range. The sites
 * and folders are then written to a file in a private temporary folder
 * (ferry_site_store_add_many) and read back by another store, which must
 * hold the same sites with the same values.
 *
 * known-servers.ini (bit 0 set): written to the temporary folder and loaded
 * by FerryKnownServersFile (which needs a file); a file it cannot parse is
 * moved aside and nothing else is left. Every server it lists is "host:port"
 * with a port from 1 to 65535, sorted; every pin a normalised SHA-256. A pin
 * added to the first server is there, with its details, for the next reader,
 * and the server's earlier pins and mode are kept.
 *
 * queue.ini (first byte 2): read as the window would at start
 * (ferry_queue_file_from_keyfile): every item has absolute, normalised paths
 * and a site or an address; written and read back, nothing is lost.
 *
 * Besides "no crash, no leak, no overflow": every string read is valid UTF-8.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ferry-error.h"
#include "ferry-known-servers-file.h"
#include "ferry-queue-file.h"
#include "ferry-site-store-private.h"
#include "ferry-store-file.h"
#include "../site-assert.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A broken promise: says what, and abort()s so that libFuzzer keeps the
 * input (g_error() traps instead). */
#define fail(...) (g_printerr (__VA_ARGS__), g_printerr ("\n"), abort ())

#define PIN "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static char *tmpdir;

static void
empty_tmpdir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);

      g_unlink (path);
    }
}

static void
remove_tmpdir (void)
{
  empty_tmpdir ();
  g_rmdir (tmpdir);
}

static guint
count_files (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
check_text (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

/* sites.ini ---------------------------------------------------------------- */

static void
check_site (FerrySite *site)
{
  g_autofree char *normalized = ferry_folder_path_normalize (ferry_site_get_folder (site));

  g_assert_true (g_uuid_string_is_valid (ferry_site_get_id (site)));
  check_text (ferry_site_get_name (site));
  check_text (ferry_site_get_folder (site));
  g_assert_cmpstr (ferry_site_get_folder (site), ==, normalized);
  check_text (ferry_site_get_host (site));
  check_text (ferry_site_get_user (site));
  check_text (ferry_site_get_remote_dir (site));
  check_text (ferry_site_get_local_dir (site));
  check_text (ferry_site_get_comments (site));
  g_assert_true (ferry_site_get_charset (site) == NULL ||
                 g_utf8_validate (ferry_site_get_charset (site), -1, NULL));
  g_assert_cmpint (ABS (ferry_site_get_timezone_offset (site)), <=,
                   FERRY_SITE_MAX_TIMEZONE_OFFSET);
  g_assert_cmpuint (ferry_site_get_parallel_transfers (site), <=,
                    FERRY_SITE_MAX_PARALLEL_TRANSFERS);
  g_assert_cmpint (ferry_site_get_server_type (site), <, FERRY_SERVER_TYPE_N_TYPES);
}

static void
fuzz_sites (const char *data,
            gsize       len)
{
  g_autofree char *path = g_build_filename (tmpdir, "sites.ini", NULL);
  g_autoptr(FerrySiteStore) store = ferry_site_store_new (path);
  g_autoptr(FerrySiteStore) writer = NULL;
  g_autoptr(FerrySiteStore) reader = NULL;
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *problem = NULL;
  g_auto(GStrv) folders = NULL;
  g_auto(GStrv) folders_again = NULL;
  guint n;

  keyfile = ferry_store_file_parse (data, len, &error);
  if (keyfile == NULL)
    {
      g_assert_true (error->domain == FERRY_ERROR || error->domain == G_KEY_FILE_ERROR);
      check_text (error->message);
      return;
    }
  _ferry_site_store_apply_keyfile (store, keyfile);
  g_assert_false (ferry_site_store_has_unsaved_changes (store));

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = 0; i < n; i++)
    {
      FerrySite *site = g_list_model_get_item (G_LIST_MODEL (store), i);

      check_site (site);
      g_assert_true (ferry_site_store_get_by_id (store, ferry_site_get_id (site)) == site);
      g_ptr_array_add (sites, site);
    }
  folders = ferry_site_store_dup_folders (store);
  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autofree char *normalized = ferry_folder_path_normalize (folders[i]);

      check_text (folders[i]);
      g_assert_cmpuint (strlen (folders[i]), >, 0);
      g_assert_cmpstr (folders[i], ==, normalized);
    }

  /* Written to a file and read back: the same sites, the same folders. */
  writer = ferry_site_store_new (path);
  if (!ferry_site_store_add_many (writer, sites, (const char * const *) folders, &error))
    fail ("the sites could not be written: %s", error->message);
  reader = ferry_site_store_new (path);
  if (!ferry_site_store_load (reader, &problem, &error))
    fail ("the sites could not be read back: %s", error->message);
  if (problem != NULL)
    fail ("the written file is broken: %s", problem);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reader)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      FerrySite *site = g_ptr_array_index (sites, i);
      FerrySite *again = ferry_site_store_get_by_id (reader, ferry_site_get_id (site));

      g_assert_nonnull (again);
      assert_same_site (site, again);
    }
  folders_again = ferry_site_store_dup_folders (reader);
  g_assert_true (g_strv_equal ((const char * const *) folders,
                               (const char * const *) folders_again));
}

/* known-servers.ini -------------------------------------------------------- */

static gboolean
split_server (const char *server,
              char      **out_host,
              guint16    *out_port)
{
  const char *colon = strrchr (server, ':');
  guint64 port = 0;

  g_assert_nonnull (colon);
  if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, G_MAXUINT16, &port, NULL))
    fail ("the server “%s” has no port from 1 to 65535", server);
  /* "[::1]:21"; a host that only begins with '[' (a hand edit) is as it is. */
  if (server[0] == '[' && colon > server + 1 && colon[-1] == ']')
    *out_host = g_strndup (server + 1, colon - server - 2);
  else
    *out_host = g_strndup (server, colon - server);
  *out_port = (guint16) port;
  return TRUE;
}

static gboolean
has_pin (GPtrArray  *pins,
         const char *sha256)
{
  for (guint i = 0; i < pins->len; i++)
    if (g_strcmp0 (((FerryPin *) pins->pdata[i])->sha256, sha256) == 0)
      return TRUE;
  return FALSE;
}

static void
check_pins (GPtrArray *pins)
{
  for (guint i = 0; i < pins->len; i++)
    {
      FerryPin *pin = pins->pdata[i];
      g_autofree char *normalized = ferry_fingerprint_normalize (pin->sha256);

      g_assert_nonnull (pin->sha256);
      g_assert_cmpstr (pin->sha256, ==, normalized);
      g_assert_true (pin->subject == NULL || g_utf8_validate (pin->subject, -1, NULL));
      g_assert_true (pin->issuer == NULL || g_utf8_validate (pin->issuer, -1, NULL));
    }
}

static void
fuzz_known_servers (const char *data,
                    gsize       len)
{
  g_autofree char *path = g_build_filename (tmpdir, "known-servers.ini", NULL);
  g_autoptr(FerryKnownServers) known = NULL;
  g_autoptr(FerryKnownServers) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) taken = NULL;
  g_autoptr(GPtrArray) pins = NULL;
  g_autoptr(GPtrArray) pins_again = NULL;
  g_auto(GStrv) servers = NULL;
  g_autofree char *host = NULL;
  FerrySecurityMode mode;
  FerryPin pin = {
    .sha256 = (char *) PIN,
    .subject = (char *) "CN=fuzz.example.org",
    .issuer = (char *) "CN=Fuzz CA",
    .not_before = 1700000000,
    .not_after = 1900000000,
  };
  guint16 port;

  if (!g_file_set_contents (path, data, len, &error))
    fail ("%s", error->message);
  known = ferry_known_servers_file_new (path);
  if (!ferry_known_servers_file_load (FERRY_KNOWN_SERVERS_FILE (known), &error))
    {
      /* Moved aside: the file is gone, its copy is what is left. */
      g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL);
      check_text (error->message);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_files (), <=, 2); /* the copy, and the lock file */
      return;
    }

  servers = ferry_known_servers_file_dup_servers (FERRY_KNOWN_SERVERS_FILE (known));
  for (guint i = 0; servers[i] != NULL; i++)
    {
      g_autofree char *server_host = NULL;
      g_autoptr(GPtrArray) server_pins = NULL;
      guint16 server_port;

      check_text (servers[i]);
      if (i > 0)
        g_assert_cmpint (g_strcmp0 (servers[i - 1], servers[i]), <=, 0);
      split_server (servers[i], &server_host, &server_port);
      server_pins = ferry_known_servers_dup_pins (known, server_host, server_port);
      check_pins (server_pins);
      g_assert_cmpint (ferry_known_servers_get_mode (known, server_host, server_port), <=,
                       FERRY_SECURITY_PLAIN);
      g_assert_cmpint (ferry_known_servers_get_resumption (known, server_host, server_port), <=,
                       FERRY_RESUMPTION_FAILS);
    }
  if (servers[0] == NULL)
    return;

  /* A pin added is there for the next reader; the rest is kept. */
  split_server (servers[0], &host, &port);
  pins = ferry_known_servers_dup_pins (known, host, port);
  mode = ferry_known_servers_get_mode (known, host, port);
  ferry_known_servers_add_pin (known, host, port, &pin, FALSE);
  taken = ferry_known_servers_file_take_error (FERRY_KNOWN_SERVERS_FILE (known));
  if (taken != NULL)
    fail ("the pin could not be saved: %s", taken->message);

  reader = ferry_known_servers_file_new (path);
  g_assert_true (ferry_known_servers_is_pinned (reader, host, port, PIN));
  pins_again = ferry_known_servers_dup_pins (reader, host, port);
  check_pins (pins_again);
  for (guint i = 0; i < pins->len; i++)
    g_assert_true (has_pin (pins_again, ((FerryPin *) pins->pdata[i])->sha256));
  for (guint i = 0; i < pins_again->len; i++)
    {
      FerryPin *again = pins_again->pdata[i];

      if (g_strcmp0 (again->sha256, PIN) != 0)
        continue;
      g_assert_cmpstr (again->subject, ==, pin.subject);
      g_assert_cmpstr (again->issuer, ==, pin.issuer);
      g_assert_cmpint (again->not_before, ==, pin.not_before);
      g_assert_cmpint (again->not_after, ==, pin.not_after);
    }
  g_assert_cmpint (ferry_known_servers_get_mode (reader, host, port), ==, mode);
}

/* queue.ini (first byte 2): what loads is valid, and written out and read
 * back it is the same, with nothing skipped. */
static void
check_queue_path (const char *path)
{
  if (path == NULL || path[0] != '/' || strstr (path, "/../") != NULL ||
      strstr (path, "//") != NULL || g_str_has_suffix (path, "/..") ||
      strpbrk (path, "\r\n") != NULL)
    fail ("queue item with a bad path: %s", path ? path : "(null)");
}

static void
fuzz_queue (const char *text,
            gsize       length)
{
  g_autoptr(GKeyFile) keyfile = ferry_store_file_parse (text, length, NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GKeyFile) written = NULL;
  g_autofree char *data = NULL;
  guint skipped = 0;

  if (keyfile == NULL)
    return;
  items = ferry_queue_file_from_keyfile (keyfile, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      FerryQueueItem *item = g_ptr_array_index (items, i);

      check_queue_path (item->local_path);
      check_queue_path (item->remote_path);
      if ((item->site_id == NULL) == (item->url == NULL))
        fail ("queue item with neither or both of site and url");
    }
  written = ferry_queue_file_to_keyfile (items);
  data = g_key_file_to_data (written, NULL, NULL);
  check_text (data);
  again = ferry_queue_file_from_keyfile (written, &skipped);
  if (skipped != 0 || again->len != items->len)
    fail ("queue.ini: %u items became %u (%u skipped)", items->len, again->len, skipped);
  for (guint i = 0; i < items->len; i++)
    {
      FerryQueueItem *a = g_ptr_array_index (items, i);
      FerryQueueItem *b = g_ptr_array_index (again, i);

      if (g_strcmp0 (a->site_id, b->site_id) != 0 || g_strcmp0 (a->url, b->url) != 0 ||
          g_strcmp0 (a->local_path, b->local_path) != 0 ||
          g_strcmp0 (a->remote_path, b->remote_path) != 0 || a->size != b->size ||
          a->flags != b->flags || a->direction != b->direction || a->is_folder != b->is_folder)
        fail ("queue.ini: item %u changed in a round trip", i);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (size < 1 || size > 64 * 1024)
    return 0;
  if (tmpdir == NULL)
    {
      g_autoptr(GError) error = NULL;

      tmpdir = g_dir_make_tmp ("ferry-fuzz-keyfile-XXXXXX", &error);
      if (tmpdir == NULL)
        fail ("%s", error->message);
      atexit (remove_tmpdir);
    }
  empty_tmpdir ();

  if (data[0] == 2)
    fuzz_queue ((const char *) data + 1, size - 1);
  else if (data[0] & 1)
    fuzz_known_servers ((const char *) data + 1, size - 1);
  else
    fuzz_sites ((const char *) data + 1, size - 1);
  return 0;
}
