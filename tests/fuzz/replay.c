/* replay.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs a libFuzzer target over files without libFuzzer: every file named on
 * the command line, and every file in every folder named. The normal test
 * suite replays the seed corpus and each input that once crashed, so they
 * stay fixed; `-Dfuzzing=true` builds the real fuzzer (see tests/fuzz/README).
 */
#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, &error))
    g_error ("%s", error->message);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
          const char *name;

          if (dir == NULL)
            g_error ("%s", error->message);
          while ((name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *path = g_build_filename (argv[i], name, NULL);

              n += replay_file (path);
            }
        }
      else
        n += replay_file (argv[i]);
    }
  if (n == 0)
    g_error ("no inputs to replay");
  g_print ("replayed %u inputs\n", n);
  return 0;
}
