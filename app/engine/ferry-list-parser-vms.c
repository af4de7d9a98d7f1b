/* ferry-list-parser-vms.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OpenVMS `DIRECTORY/FULL`-like listings:
 *
 *   Directory DISK$USER:[ANONYMOUS]
 *   README.TXT;3          2/8     19-NOV-2001 21:41:07 [GROUP,OWNER] (RWED,RWED,RE,)
 *   TOOLS.DIR;1           1       15-APR-1999 [SYSTEM]     (RWE,RWE,RE,RE)
 *   A_VERY_LONG_NAME_INDEED.TXT;1
 *                         155     24-MAR-2003 10:05 [USER]  (RWED,RWED,R,)
 *   Total of 3 files, 158/160 blocks.
 *
 * After the name the size (blocks of 512 bytes, "used/allocated", or with a
 * unit), the date and time, the owner and the protection come in any order;
 * a name too long for its column has the rest on the next line (joined by
 * FerryListingBuilder).
 */
#define G_LOG_DOMAIN "ferry-list-parser"

#include "config.h"

#include "ferry-list-parser-private.h"

#define VMS_BLOCK 512

/* "NAME.EXT;VERSION": the length of the name without ";VERSION", or 0. */
static gsize
vms_name_length (const char *p,
                 gsize       n)
{
  const char *semi = memrchr (p, ';', n);

  if (semi == NULL || semi == p || !all_digits (semi + 1, p + n - semi - 1))
    return 0;
  for (const char *c = p; c < semi; c++)
    if ((guchar) *c <= ' ' || *c == '/' || *c == '\\')
      return 0;
  return semi - p;
}

gboolean
ferry_list_is_vms_name_line (const char *line,
                             gsize       len)
{
  Span tok[2];

  return ferry_list_tokenize (line, len, tok, 2) == 1 &&
         vms_name_length (line + tok[0].start, span_len (tok[0])) > 0;
}

/* "155", "2/8", "6308/13", "2KB", "1.5MB" */
static gboolean
parse_vms_size (const char *p,
                gsize       n,
                gint64     *size)
{
  const char *slash = memchr (p, '/', n);
  gint64 blocks;

  if (ferry_list_parse_size_with_unit (p, n, size))
    return TRUE;
  if (slash != NULL && !all_digits (slash + 1, p + n - slash - 1))
    return FALSE;
  if (!parse_decimal (p, slash != NULL ? (gsize) (slash - p) : n, &blocks) ||
      blocks > G_MAXINT64 / VMS_BLOCK)
    return FALSE;
  *size = blocks * VMS_BLOCK;
  return TRUE;
}

/* "[GROUP,OWNER]", "[OWNER]" */
static gboolean
is_vms_owner (const char *p,
              gsize       n)
{
  return n >= 3 && p[0] == '[' && p[n - 1] == ']';
}

/* "(RWED,RWED,RE,)" */
static gboolean
is_vms_protection (const char *p,
                   gsize       n)
{
  if (n < 5 || p[0] != '(' || p[n - 1] != ')')
    return FALSE;
  for (gsize i = 1; i + 1 < n; i++)
    if (!strchr ("RWED,", p[i]))
      return FALSE;
  return TRUE;
}

gboolean
ferry_list_read_vms (const char             *line,
                     gsize                   len,
                     const FerryListContext *ctx,
                     Entry                  *e)
{
  Span tok[12];
  guint n = ferry_list_tokenize (line, len, tok, G_N_ELEMENTS (tok));
  gsize name_len;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, usec;
  gboolean has_date = FALSE, has_time = FALSE, has_size = FALSE;

  if (n < 3 || n >= G_N_ELEMENTS (tok) || tok[0].start != 0)
    return FALSE;
  name_len = vms_name_length (line, tok[0].end);
  if (name_len == 0)
    return FALSE;

  for (guint i = 1; i < n; i++)
    {
      const char *p = line + tok[i].start;
      gsize tl = span_len (tok[i]);

      if (!has_size && parse_vms_size (p, tl, &e->size))
        has_size = TRUE;
      else if (!has_date && g_ascii_isdigit (p[0]) && memchr (p, '-', tl) != NULL &&
               ferry_list_parse_numeric_date (p, tl, &year, &month, &day))
        has_date = TRUE;
      else if (has_date && !has_time &&
               ferry_list_parse_time (p, tl, &hour, &minute, &second, &usec))
        has_time = TRUE;
      else if (span_len (e->owner) == 0 && is_vms_owner (p, tl))
        {
          e->owner.start = tok[i].start + 1;
          e->owner.end = tok[i].end - 1;
        }
      else if (span_len (e->permissions) == 0 && is_vms_protection (p, tl))
        e->permissions = tok[i];
      else
        return FALSE;
    }
  if (!has_size || !has_date)
    return FALSE;

  e->name.start = 0;
  e->kind = FERRY_REMOTE_FILE_KIND_FILE;
  if (name_len > 4 && ascii_case_equal (line + name_len - 4, 4, ".DIR"))
    {
      e->kind = FERRY_REMOTE_FILE_KIND_DIRECTORY;
      e->name.end = name_len - 4;
    }
  else
    e->name.end = tok[0].end; /* the version is part of the name on VMS */
  ferry_list_set_date (ctx, e, year, month, day, has_time, hour, minute, second);
  return TRUE;
}
