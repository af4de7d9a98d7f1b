/* fuzz-listing.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for every listing reader: the LIST formats, MLSD, and the
 * streaming FerryListingBuilder. The first byte chooses LIST or MLSD, the
 * server type tried first, the character set and the chunk size; the rest is
 * the listing. Besides "no crash, no leak, no overflow" (with ASan and UBSan)
 * it checks what the readers promise: names are valid UTF-8, errors are
 * FERRY_ERROR_PROTOCOL, and a listing read in chunks is the listing read at
 * once.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-list-parser.h"
#include "ferry-listing.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static FerryListing *
build (const char             *data,
       gsize                   len,
       gboolean                mlsd,
       const FerryListContext *ctx,
       gsize                   chunk)
{
  FerryListingBuilder *builder = ferry_listing_builder_new ("/fuzz", mlsd, ctx);

  for (gsize offset = 0; offset < len; offset += chunk)
    ferry_listing_builder_push (builder, data + offset, MIN (chunk, len - offset));
  return ferry_listing_builder_finish (builder);
}

static void
check_file (FerryRemoteFile *file)
{
  const char *owner = ferry_remote_file_get_owner (file);
  const char *target = ferry_remote_file_get_link_target (file);

  g_assert_true (g_utf8_validate (ferry_remote_file_get_name (file), -1, NULL));
  g_assert_nonnull (ferry_remote_file_get_raw_name (file));
  g_assert_true (owner == NULL || g_utf8_validate (owner, -1, NULL));
  g_assert_true (target == NULL || g_utf8_validate (target, -1, NULL));
}

static void
check_same (FerryListing *a,
            FerryListing *b)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (a));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (b)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryRemoteFile) x = g_list_model_get_item (G_LIST_MODEL (a), i);
      g_autoptr(FerryRemoteFile) y = g_list_model_get_item (G_LIST_MODEL (b), i);

      check_file (x);
      g_assert_true (g_bytes_equal (ferry_remote_file_get_raw_name (x),
                                    ferry_remote_file_get_raw_name (y)));
      g_assert_cmpint (ferry_remote_file_get_kind (x), ==, ferry_remote_file_get_kind (y));
      g_assert_cmpint (ferry_remote_file_get_size (x), ==, ferry_remote_file_get_size (y));
    }
  g_assert_cmpuint (ferry_listing_get_n_unread_lines (a), ==,
                    ferry_listing_get_n_unread_lines (b));
  g_assert_cmpuint (ferry_listing_get_n_warnings (a), ==, ferry_listing_get_n_warnings (b));
  g_assert_cmpuint (g_strv_length ((char **) ferry_listing_get_unread_lines (a)), <=,
                    ferry_listing_get_n_unread_lines (a));
}

/* Each line by itself through the one-line readers. */
static void
parse_lines (const char             *data,
             gsize                   len,
             gboolean                mlsd,
             const FerryListContext *ctx)
{
  const char *p = data;
  const char *end = data + len;
  guint lines = 0;

  while (p < end && lines++ < 2000)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = (nl != NULL ? nl : end) - p;
      g_autoptr(GError) error = NULL;
      g_autoptr(FerryRemoteFile) file = NULL;

      if (mlsd)
        file = ferry_mlsd_parse_line (p, n, ctx, &error);
      else
        {
          file = ferry_list_parse_line (p, n, ctx, &error);
          (void) ferry_list_line_header_type (p, n);
          (void) ferry_list_line_continues (p, n);
        }
      if (file != NULL)
        {
          g_assert_no_error (error);
          check_file (file);
        }
      else if (error != NULL)
        g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
      p = nl != NULL ? nl + 1 : end;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const charsets[] = { NULL, "ISO-8859-1", "SHIFT_JIS", "EUC-KR" };
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 28, 12, 0, 0);
  g_autoptr(FerryListing) whole = NULL;
  g_autoptr(FerryListing) chunked = NULL;
  FerryListContext ctx = { 0 };
  gboolean mlsd;
  gsize chunk;

  if (size < 1 || size > 256 * 1024)
    return 0;
  mlsd = data[0] & 1;
  ctx.server_type = ((data[0] >> 1) & 0xf) % FERRY_SERVER_TYPE_N_TYPES;
  ctx.charset = charsets[(data[0] >> 5) & 3];
  ctx.timezone_offset_minutes = (data[0] & 0x80) ? -90 : 0;
  ctx.now = now;
  chunk = 1 + (size % 17);

  parse_lines ((const char *) data + 1, size - 1, mlsd, &ctx);
  whole = build ((const char *) data + 1, size - 1, mlsd, &ctx, size);
  chunked = build ((const char *) data + 1, size - 1, mlsd, &ctx, chunk);
  check_same (whole, chunked);
  return 0;
}
