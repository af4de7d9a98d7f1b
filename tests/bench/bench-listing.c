/* bench-listing.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How fast FerryListingBuilder turns 100,000 Unix LIST lines and 100,000 MLSD
 * lines into entries, fed in 64 KiB chunks as a data connection delivers
 * them. Prints entries per second, the heap the listing holds per entry and
 * the peak RSS (VmHWM, the generated text included); asserts nothing. Run
 * with `meson test --benchmark -v` (or the executable itself).
 */
#include "config.h"

#include <malloc.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ferry-listing.h"

#define N_ENTRIES 100000
#define CHUNK     65536

static GString *
make_list (gboolean mlsd)
{
  GString *data = g_string_sized_new (N_ENTRIES * 80);

  for (guint i = 0; i < N_ENTRIES; i++)
    {
      guint day = 1 + i % 28;

      if (mlsd)
        g_string_append_printf (data,
                                "type=file;size=%u;modify=202611%02u10%02u00;perm=adfrw;"
                                "UNIX.mode=0644;UNIX.owner=1000;UNIX.group=1000;"
                                "UNIX.ownername=alice;UNIX.groupname=staff; "
                                "photo %06u.jpg\r\n",
                                i * 37, day, i % 60, i);
      else if (i % 3 == 0)
        g_string_append_printf (data,
                                "-rw-r--r--    1 alice    staff    %10u Nov %2u 10:%02u "
                                "photo %06u.jpg\r\n",
                                i * 37, day, i % 60, i);
      else
        g_string_append_printf (data,
                                "drwxr-xr-x    2 alice    staff          4096 Mar %2u  2019 "
                                "folder %06u\r\n",
                                day, i);
    }
  return data;
}

/* Bytes the allocator has handed out and not got back (glibc). */
static gint64
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return (gint64) info.uordblks + (gint64) info.hblkhd;
}

/* A field of /proc/self/status in KiB: "VmHWM:" (peak RSS) or "VmRSS:". */
static long
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line != NULL ? strtol (line + strlen (field), NULL, 10) : -1;
}

static void
run (const char *label,
     gboolean    mlsd)
{
  g_autoptr(GString) data = make_list (mlsd);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 28, 12, 0, 0);
  FerryListContext ctx = { NULL, 0, now };
  g_autoptr(FerryListing) listing = NULL;
  FerryListingBuilder *builder;
  gint64 start, elapsed;
  gint64 heap_before, heap_after;
  guint n;

  heap_before = heap_in_use ();
  start = g_get_monotonic_time ();
  builder = ferry_listing_builder_new ("/bench", mlsd, &ctx);
  for (gsize offset = 0; offset < data->len; offset += CHUNK)
    ferry_listing_builder_push (builder, data->str + offset, MIN (CHUNK, data->len - offset));
  listing = ferry_listing_builder_finish (builder);
  elapsed = MAX (g_get_monotonic_time () - start, 1);
  heap_after = heap_in_use ();

  n = g_list_model_get_n_items (G_LIST_MODEL (listing));
  g_print ("%-5s %u entries from %.1f MiB in %.1f ms: %.0f entries/s, %u warnings; "
           "listing %" G_GINT64_FORMAT " bytes/entry; peak RSS %ld KiB\n",
           label, n, data->len / 1048576.0, elapsed / 1000.0,
           n / (elapsed / (double) G_USEC_PER_SEC), ferry_listing_get_n_warnings (listing),
           n > 0 ? (heap_after - heap_before) / n : 0, status_kib ("VmHWM:"));
}

/* Each format in a process of its own, so that its peak RSS and heap are its
 * own (GLib 2.74's GSlice keeps freed objects for the next run). */
static void
run_in_child (const char *label,
              gboolean    mlsd)
{
  pid_t pid;

  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      run (label, mlsd);
      fflush (stdout);
      _exit (0);
    }
  if (pid > 0)
    waitpid (pid, NULL, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_print ("peak RSS at start: %ld KiB\n", status_kib ("VmHWM:"));
  run_in_child ("LIST", FALSE);
  run_in_child ("MLSD", TRUE);
  return 0;
}
