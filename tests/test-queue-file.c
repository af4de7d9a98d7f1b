/* test-queue-file.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * queue.ini (app/store/ferry-queue-file.c): a round trip of every kind of
 * item (server bytes that are not UTF-8, spaces, parentheses, folders,
 * flags), written atomically with mode 0600 and never a password; and
 * hostile files: each broken group is skipped with a log line while the
 * good ones load, a file that is no key file is moved aside, nothing crashes.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ferry-queue-file.h"

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static FerryQueueItem *
item (const char            *site,
      const char            *url,
      FerryTransferDirection direction,
      gboolean               folder,
      const char            *local,
      const char            *remote,
      gint64                 size,
      FerryTransferFlags     flags)
{
  FerryQueueItem *i = ferry_queue_item_new ();

  i->site_id = g_strdup (site);
  i->url = g_strdup (url);
  i->direction = direction;
  i->is_folder = folder;
  i->local_path = g_strdup (local);
  i->remote_path = g_strdup (remote);
  i->size = size;
  i->flags = flags;
  return i;
}

static void
assert_same_item (const FerryQueueItem *a,
                  const FerryQueueItem *b)
{
  g_assert_cmpstr (a->site_id, ==, b->site_id);
  g_assert_cmpstr (a->url, ==, b->url);
  g_assert_cmpint (a->direction, ==, b->direction);
  g_assert_cmpint (a->is_folder, ==, b->is_folder);
  g_assert_cmpstr (a->local_path, ==, b->local_path);
  g_assert_cmpstr (a->remote_path, ==, b->remote_path);
  g_assert_cmpint (a->size, ==, b->size);
  g_assert_cmpint (a->flags, ==, b->flags);
  g_assert_cmpint (a->done, ==, b->done);
  g_assert_cmpstr (a->renamed_path, ==, b->renamed_path);
}

static void
test_round_trip (void)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (
    (GDestroyNotify) ferry_queue_item_free);
  g_autoptr (GPtrArray) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = tmp_path ("queue.ini");
  g_autofree char *text = NULL;
  guint skipped = 99;
  struct stat st;

  g_ptr_array_add (items, item ("0b6f2c1e-aaaa-4bbb-8ccc-123456789abc", NULL,
                                FERRY_TRANSFER_DOWNLOAD, FALSE,
                                "/home/alice/Downloads/report (2026).pdf",
                                "/pub/report (2026).pdf", 2400000,
                                FERRY_TRANSFER_FLAGS_PRESERVE_MTIME));
  /* Server bytes in Latin-1 ("größe"), a local name with '%' and '#'. */
  g_ptr_array_add (items, item (NULL, "ftps://alice@127.0.0.1:2121", FERRY_TRANSFER_UPLOAD,
                                TRUE, "/tmp/up 100% #1", "/in/gr\xf6\xdf" "e", -1,
                                FERRY_TRANSFER_FLAGS_RENAME | FERRY_TRANSFER_FLAGS_RESUME));
  g_ptr_array_add (items, item (NULL, "ftp://bob@example.com", FERRY_TRANSFER_DOWNLOAD, FALSE,
                                "/tmp/\xe6\x97\xa5\xe6\x9c\xac.txt", "/a/b/c.txt", 0,
                                FERRY_TRANSFER_FLAGS_NONE));

  g_assert_true (ferry_queue_file_save (path, items, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strstr (text, "secret"));
  g_assert_null (strstr (text, "password"));
  g_assert_nonnull (strstr (text, "remote=/in/gr%F6%DFe"));

  loaded = ferry_queue_file_load (path, &skipped, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (skipped, ==, 0);
  g_assert_cmpuint (loaded->len, ==, items->len);
  for (guint i = 0; i < items->len; i++)
    assert_same_item (g_ptr_array_index (items, i), g_ptr_array_index (loaded, i));

  /* An item made from a transfer comes back as that transfer. */
  {
    g_autoptr (GFile) local = g_file_new_for_path ("/tmp/x y.bin");
    g_autoptr (FerryTransfer) transfer =
      ferry_transfer_new (FERRY_TRANSFER_DOWNLOAD, "/r/x y.bin", local, FALSE,
                          FERRY_TRANSFER_FLAGS_NEWER);
    g_autoptr (FerryQueueItem) made = NULL;
    g_autoptr (FerryTransfer) back = NULL;
    g_autofree char *back_path = NULL;

    ferry_transfer_set_listed_size (transfer, 1234);
    made = ferry_queue_item_new_for_transfer (transfer, "site-1", "ftp://ignored@host");
    g_assert_cmpstr (made->site_id, ==, "site-1");
    g_assert_null (made->url);
    g_assert_cmpint (made->size, ==, 1234);
    back = ferry_queue_item_to_transfer (made);
    g_assert_cmpstr (ferry_transfer_get_remote_path (back), ==, "/r/x y.bin");
    back_path = g_file_get_path (ferry_transfer_get_local_file (back));
    g_assert_cmpstr (back_path, ==, "/tmp/x y.bin");
    g_assert_cmpint (ferry_transfer_get_flags (back), ==, FERRY_TRANSFER_FLAGS_NEWER);
    g_assert_cmpint (ferry_transfer_get_listed_size (back), ==, 1234);
  }

  /* Nothing left to do: no file. */
  g_ptr_array_set_size (items, 0);
  g_assert_true (ferry_queue_file_save (path, items, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = ferry_queue_file_load (path, &skipped, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);
}

static void
write_bytes (const char *path,
             gsize       n)
{
  g_autofree char *data = g_malloc0 (n);

  g_assert_true (g_file_set_contents (path, data, n, NULL));
}

/* What was done shows after a restart, and a renamed target is continued:
 * bytes done (a download's .part, an upload's done=), the total (size=) and
 * the new name (renamed=) come back; broken values are skipped. */
static void
test_restored_progress_and_rename (void)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (
    (GDestroyNotify) ferry_queue_item_free);
  g_autoptr (GPtrArray) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = tmp_path ("progress.ini");
  g_autofree char *plain = tmp_path ("plain.bin");
  g_autofree char *plain_part = tmp_path ("plain.bin.part");
  g_autofree char *named = tmp_path ("named.bin");
  g_autofree char *renamed = tmp_path ("named (1).bin");
  g_autofree char *renamed_part = tmp_path ("named (1).bin.part");
  g_autofree char *text = NULL;
  FerryQueueItem *it;

  write_bytes (plain_part, 700);
  write_bytes (named, 50);          /* the target that existed */
  write_bytes (renamed_part, 1000); /* what Rename was writing instead */

  g_ptr_array_add (items, item (NULL, "ftp://bob@127.0.0.1:2121", FERRY_TRANSFER_DOWNLOAD,
                                FALSE, plain, "/pub/plain.bin", 4000,
                                FERRY_TRANSFER_FLAGS_NONE));
  it = item (NULL, "ftp://bob@127.0.0.1:2121", FERRY_TRANSFER_DOWNLOAD, FALSE, named,
             "/pub/named.bin", 4000, FERRY_TRANSFER_FLAGS_RENAME);
  it->renamed_path = g_strdup (renamed);
  it->done = 900;                   /* a download believes its .part, not this */
  g_ptr_array_add (items, it);
  it = item (NULL, "ftp://bob@127.0.0.1:2121", FERRY_TRANSFER_UPLOAD, FALSE, plain,
             "/in/up.bin", 9000, FERRY_TRANSFER_FLAGS_RENAME);
  it->renamed_path = g_strdup ("/in/up (1).bin");
  it->done = 3000;
  g_ptr_array_add (items, it);

  g_assert_true (ferry_queue_file_save (path, items, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "renamed=/in/up%20%281%29.bin"));
  g_assert_nonnull (strstr (text, "done=3000"));
  loaded = ferry_queue_file_load (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 3);
  for (guint i = 0; i < items->len; i++)
    assert_same_item (g_ptr_array_index (items, i), g_ptr_array_index (loaded, i));

  {
    g_autoptr (FerryTransfer) t = ferry_queue_item_to_transfer (g_ptr_array_index (loaded, 0));

    g_assert_cmpint (ferry_transfer_get_bytes_done (t), ==, 700);
    g_assert_cmpint (ferry_transfer_get_total (t), ==, 4000);
    g_assert_true (ferry_transfer_get_flags (t) & FERRY_TRANSFER_FLAGS_RESUME);
    g_assert_null (ferry_transfer_dup_renamed_target (t));
  }
  {
    g_autoptr (FerryTransfer) t = ferry_queue_item_to_transfer (g_ptr_array_index (loaded, 1));
    g_autofree char *target = ferry_transfer_dup_renamed_target (t);

    /* It goes on writing "named (1).bin", not "named (2).bin". */
    g_assert_cmpstr (target, ==, renamed);
    g_assert_cmpint (ferry_transfer_get_bytes_done (t), ==, 1000);
    g_assert_cmpint (ferry_transfer_get_total (t), ==, 4000);
  }
  {
    g_autoptr (FerryTransfer) t = ferry_queue_item_to_transfer (g_ptr_array_index (loaded, 2));
    g_autofree char *target = ferry_transfer_dup_renamed_target (t);

    g_assert_cmpstr (target, ==, "/in/up (1).bin");
    g_assert_cmpint (ferry_transfer_get_bytes_done (t), ==, 3000);
    g_assert_cmpint (ferry_transfer_get_total (t), ==, 9000);
  }

  /* An item made from a renamed transfer keeps the new name and its bytes. */
  {
    g_autoptr (GFile) local = g_file_new_for_path (named);
    g_autoptr (FerryTransfer) transfer =
      ferry_transfer_new (FERRY_TRANSFER_UPLOAD, "/in/up.bin", local, FALSE,
                          FERRY_TRANSFER_FLAGS_RENAME);
    g_autoptr (FerryQueueItem) made = NULL;

    ferry_transfer_set_renamed_target (transfer, "/in/up (1).bin");
    ferry_transfer_begin (transfer, 2500, 9000);
    made = ferry_queue_item_new_for_transfer (transfer, NULL, "ftp://bob@127.0.0.1:2121");
    g_assert_cmpstr (made->renamed_path, ==, "/in/up (1).bin");
    g_assert_cmpint (made->done, ==, 2500);
    g_assert_cmpint (made->size, ==, 9000);
  }

  /* Broken values are skipped, the good group loads. */
  {
    static const char hostile[] =
      "[transfer-1]\nurl=ftp://bob@h\ndirection=download\nfolder=false\n"
      "local=/a/b\nremote=/r/b\nsize=10\nflags=32\nrenamed=relative/b\n"
      "[transfer-2]\nurl=ftp://bob@h\ndirection=download\nfolder=false\n"
      "local=/a/b\nremote=/r/b\nsize=10\nflags=0\ndone=-7\n"
      "[transfer-3]\nurl=ftp://bob@h\ndirection=download\nfolder=true\n"
      "local=/a/b\nremote=/r/b\nsize=10\nflags=32\nrenamed=/a/b%20%281%29\n"
      "[transfer-4]\nurl=ftp://bob@h\ndirection=upload\nfolder=false\n"
      "local=/a/b\nremote=/r/b\nsize=10\nflags=32\ndone=4\nrenamed=/r/b%20%281%29\n";
    g_autoptr (GKeyFile) keyfile = g_key_file_new ();
    g_autoptr (GPtrArray) good = NULL;
    guint skipped = 0;

    g_assert_true (g_key_file_load_from_data (keyfile, hostile, -1, G_KEY_FILE_NONE, NULL));
    good = ferry_queue_file_from_keyfile (keyfile, &skipped);
    g_assert_cmpuint (skipped, ==, 3);
    g_assert_cmpuint (good->len, ==, 1);
    it = g_ptr_array_index (good, 0);
    g_assert_cmpstr (it->renamed_path, ==, "/r/b (1)");
    g_assert_cmpint (it->done, ==, 4);
  }
  g_unlink (plain_part);
  g_unlink (named);
  g_unlink (renamed_part);
  g_unlink (path);
}

static void
test_refuses_to_write_bad_items (void)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (
    (GDestroyNotify) ferry_queue_item_free);
  g_autoptr (GKeyFile) keyfile = NULL;
  g_auto (GStrv) groups = NULL;

  g_test_expect_message ("ferry-queue-file", G_LOG_LEVEL_MESSAGE, "*not saved*");
  g_test_expect_message ("ferry-queue-file", G_LOG_LEVEL_MESSAGE, "*not saved*");
  g_test_expect_message ("ferry-queue-file", G_LOG_LEVEL_MESSAGE, "*not saved*");
  /* A password in the address, a relative path, a CR in the remote path. */
  g_ptr_array_add (items, item (NULL, "ftp://alice:secret@host", FERRY_TRANSFER_DOWNLOAD, FALSE,
                                "/tmp/a", "/a", 1, 0));
  g_ptr_array_add (items, item ("s", NULL, FERRY_TRANSFER_DOWNLOAD, FALSE, "tmp/a", "/a", 1, 0));
  g_ptr_array_add (items, item ("s", NULL, FERRY_TRANSFER_UPLOAD, FALSE, "/tmp/a",
                                "/a\r\nDELE x", 1, 0));
  g_ptr_array_add (items, item ("s", NULL, FERRY_TRANSFER_UPLOAD, FALSE, "/tmp/a", "/ok", 1, 0));
  keyfile = ferry_queue_file_to_keyfile (items);
  g_test_assert_expected_messages ();
  groups = g_key_file_get_groups (keyfile, NULL);
  g_assert_cmpuint (g_strv_length (groups), ==, 1);
}

/* Parses @text; returns how many items loaded and checks how many were skipped. */
static guint
load_text (const char *text,
           guint       expect_skipped)
{
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  g_autoptr (GPtrArray) items = NULL;
  guint skipped = 0;

  g_assert_true (g_key_file_load_from_data (keyfile, text, -1, G_KEY_FILE_NONE, NULL));
  items = ferry_queue_file_from_keyfile (keyfile, &skipped);
  g_assert_cmpuint (skipped, ==, expect_skipped);
  return items->len;
}

#define GOOD "site=abc\ndirection=download\nfolder=false\nlocal=/tmp/f\nremote=/f\nsize=5\n" \
             "flags=0\n"

static void
test_hostile (void)
{
  static const struct
  {
    const char *what;
    const char *group;
  } bad[] = {
    { "missing direction", "site=abc\nfolder=false\nlocal=/tmp/f\nremote=/f\nsize=5\nflags=0\n" },
    { "missing site and url", "direction=download\nfolder=false\nlocal=/tmp/f\nremote=/f\n"
                              "size=5\nflags=0\n" },
    { "both site and url", "site=abc\nurl=ftp://a@h\ndirection=upload\nfolder=false\n"
                           "local=/tmp/f\nremote=/f\nsize=5\nflags=0\n" },
    { "bad direction", "site=abc\ndirection=sideways\nfolder=false\nlocal=/tmp/f\nremote=/f\n"
                       "size=5\nflags=0\n" },
    { "bad folder", "site=abc\ndirection=upload\nfolder=maybe\nlocal=/tmp/f\nremote=/f\n"
                    "size=5\nflags=0\n" },
    { "bad size", "site=abc\ndirection=upload\nfolder=false\nlocal=/tmp/f\nremote=/f\n"
                  "size=5k\nflags=0\n" },
    { "negative size", "site=abc\ndirection=upload\nfolder=false\nlocal=/tmp/f\nremote=/f\n"
                       "size=-7\nflags=0\n" },
    { "huge size", "site=abc\ndirection=upload\nfolder=false\nlocal=/tmp/f\nremote=/f\n"
                   "size=99999999999999999999999\nflags=0\n" },
    { "unknown flags", "site=abc\ndirection=upload\nfolder=false\nlocal=/tmp/f\nremote=/f\n"
                       "size=5\nflags=4096\n" },
    { "relative local", "site=abc\ndirection=upload\nfolder=false\nlocal=tmp/f\nremote=/f\n"
                        "size=5\nflags=0\n" },
    { "dot-dot local", "site=abc\ndirection=download\nfolder=false\nlocal=/tmp/../etc/passwd\n"
                       "remote=/f\nsize=5\nflags=0\n" },
    { "encoded dot-dot", "site=abc\ndirection=download\nfolder=false\n"
                         "local=/tmp/%2E%2E/etc/x\nremote=/f\nsize=5\nflags=0\n" },
    { "encoded slash slash", "site=abc\ndirection=download\nfolder=false\n"
                             "local=/tmp%2F%2Fx\nremote=/f\nsize=5\nflags=0\n" },
    { "NUL in remote", "site=abc\ndirection=upload\nfolder=false\nlocal=/tmp/f\n"
                       "remote=/f%00x\nsize=5\nflags=0\n" },
    { "CR LF in remote", "site=abc\ndirection=upload\nfolder=false\nlocal=/tmp/f\n"
                         "remote=/f%0D%0ADELE%20x\nsize=5\nflags=0\n" },
    { "bad escape", "site=abc\ndirection=upload\nfolder=false\nlocal=/tmp/f%G1\nremote=/f\n"
                    "size=5\nflags=0\n" },
    { "root remote", "site=abc\ndirection=download\nfolder=true\nlocal=/tmp/f\nremote=/\n"
                     "size=5\nflags=0\n" },
    { "bad site id", "site=../../x\ndirection=upload\nfolder=false\nlocal=/tmp/f\nremote=/f\n"
                     "size=5\nflags=0\n" },
    { "password in url", "url=ftps://alice:hunter2@example.com\ndirection=upload\n"
                         "folder=false\nlocal=/tmp/f\nremote=/f\nsize=5\nflags=0\n" },
    { "not UTF-8", "site=abc\ndirection=upload\nfolder=false\nlocal=/tmp/\xff\nremote=/f\n"
                   "size=5\nflags=0\n" },
  };
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *long_line = NULL;

  /* Each broken group alone is skipped, with a log line. */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *one = g_strdup_printf ("[transfer-1]\n%s", bad[i].group);

      g_test_message ("%s", bad[i].what);
      g_test_expect_message ("ferry-queue-file", G_LOG_LEVEL_MESSAGE, "*skipped*");
      g_assert_cmpuint (load_text (one, 1), ==, 0);
      g_test_assert_expected_messages ();
    }

  /* All together with good ones in between: the good ones load. */
  g_string_append (text, "[transfer-0]\n" GOOD);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_string_append_printf (text, "[transfer-%u]\n%s[transfer-good-%u]\n" GOOD, i + 1,
                            bad[i].group, i);
  /* A 64 KB line, and a group that is no transfer. */
  long_line = g_strnfill (64 * 1024, 'a');
  g_string_append_printf (text, "[transfer-long]\nsite=abc\ndirection=upload\nfolder=false\n"
                                "local=/tmp/%s\nremote=/f\nsize=5\nflags=0\n", long_line);
  g_string_append_printf (text, "[transfer-long-url]\nurl=ftp://a@%s\ndirection=upload\n"
                                "folder=false\nlocal=/tmp/f\nremote=/f\nsize=5\nflags=0\n",
                          long_line);
  g_string_append (text, "[settings]\nfoo=bar\n");
  {
    g_autoptr (GKeyFile) keyfile = g_key_file_new ();
    g_autoptr (GPtrArray) items = NULL;
    guint skipped = 0;

    g_assert_true (g_key_file_load_from_data (keyfile, text->str, text->len, G_KEY_FILE_NONE,
                                              NULL));
    items = ferry_queue_file_from_keyfile (keyfile, &skipped);
    g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (bad) + 1);
    g_assert_cmpuint (skipped, ==, G_N_ELEMENTS (bad) + 3);
    for (guint i = 0; i < items->len; i++)
      {
        FerryQueueItem *it = g_ptr_array_index (items, i);

        g_assert_cmpstr (it->local_path, ==, "/tmp/f");
        g_assert_cmpstr (it->remote_path, ==, "/f");
      }
  }
}

static void
test_not_a_key_file (void)
{
  g_autofree char *path = tmp_path ("broken-queue.ini");
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;
  gboolean moved = FALSE;

  g_assert_true (g_file_set_contents (path, "\x01\x02 not [a key file\n=\n", -1, NULL));
  items = ferry_queue_file_load (path, NULL, &problem, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, ==, 0);
  g_assert_nonnull (problem);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  dir = g_dir_open (tmp_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    moved |= g_str_has_prefix (name, "broken-queue.ini.broken");
  g_assert_true (moved);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("ferry-queue-file-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  g_test_add_func ("/queue-file/round-trip", test_round_trip);
  g_test_add_func ("/queue-file/refuses-to-write-bad-items", test_refuses_to_write_bad_items);
  g_test_add_func ("/queue-file/restored-progress-and-rename", test_restored_progress_and_rename);
  g_test_add_func ("/queue-file/hostile", test_hostile);
  g_test_add_func ("/queue-file/not-a-key-file", test_not_a_key_file);
  status = g_test_run ();
  {
    g_autoptr (GFile) dir = g_file_new_for_path (tmp_dir);
    g_autoptr (GFileEnumerator) e = g_file_enumerate_children (dir, "standard::name", 0, NULL,
                                                               NULL);
    GFileInfo *info;

    while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
      {
        g_autoptr (GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}
