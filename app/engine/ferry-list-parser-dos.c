/* ferry-list-parser-dos.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DOS and IIS listings: "MM-DD-YY  HH:MMAM  <DIR>|SIZE  name", also with
 * four-digit and leading years and 24-hour times; `dir` symlinks and
 * junctions.
 */
#define G_LOG_DOMAIN "ferry-list-parser"

#include "config.h"

#include "ferry-list-parser-private.h"

/* "MM-DD-YY", "MM-DD-YYYY", "YYYY-MM-DD", also with '/' */
static gboolean
parse_dos_date (const char *p,
                gsize       n,
                int        *year,
                int        *month,
                int        *day)
{
  gint64 y;
  int a, b;

  if (n == 10 && all_digits (p, 4) && (p[4] == '-' || p[4] == '/') && p[7] == p[4])
    {
      if (!parse_decimal (p, 4, &y) || !parse_small (p + 5, 2, month) ||
          !parse_small (p + 8, 2, day))
        return FALSE;
      *year = (int) y;
      return TRUE;
    }

  if ((n != 8 && n != 10) || (p[2] != '-' && p[2] != '/') || p[5] != p[2] ||
      !parse_small (p, 2, &a) || !parse_small (p + 3, 2, &b) ||
      !parse_decimal (p + 6, n - 6, &y))
    return FALSE;

  if (n == 8)
    y += y < 70 ? 2000 : 1900;
  *year = (int) y;
  /* IIS writes MM-DD; a first number over 12 can only be a day. */
  if (a > 12 && b <= 12)
    {
      *day = a;
      *month = b;
    }
  else
    {
      *month = a;
      *day = b;
    }
  return TRUE;
}

/* "12:42AM", "12:42" (24-hour), with @ampm the next token or NULL. Returns
 * the number of tokens used, 0 when it is no time. */
static guint
parse_dos_time (const char *p,
                gsize       n,
                const char *ampm,
                gsize       ampm_len,
                int        *hour,
                int        *minute)
{
  const char *suffix = NULL;
  int sec, usec;
  guint used = 1;

  if (n >= 6 && (g_ascii_toupper (p[n - 2]) == 'A' || g_ascii_toupper (p[n - 2]) == 'P') &&
      g_ascii_toupper (p[n - 1]) == 'M')
    {
      suffix = p + n - 2;
      n -= 2;
    }
  else if (ampm != NULL && ampm_len == 2 &&
           (g_ascii_strncasecmp (ampm, "AM", 2) == 0 || g_ascii_strncasecmp (ampm, "PM", 2) == 0))
    {
      suffix = ampm;
      used = 2;
    }

  if (n > 5 || !ferry_list_parse_time (p, n, hour, minute, &sec, &usec))
    return 0;
  if (suffix != NULL)
    {
      if (*hour < 1 || *hour > 12)
        return 0;
      if (*hour == 12)
        *hour = 0;
      if (g_ascii_toupper (suffix[0]) == 'P')
        *hour += 12;
    }
  return used;
}

/* "1234", "9,730" */
static gboolean
parse_dos_size (const char *p,
                gsize       n,
                gint64     *size)
{
  char digits[24];
  gsize k = 0;

  if (n == 0 || !g_ascii_isdigit (p[0]))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (p[i] == ',' || p[i] == '.')
        continue;
      if (!g_ascii_isdigit (p[i]) || k >= sizeof digits)
        return FALSE;
      digits[k++] = p[i];
    }
  return parse_decimal (digits, k, size);
}

gboolean
ferry_list_read_dos (const char             *line,
           gsize                   len,
           const FerryListContext *ctx,
           Entry                  *e)
{
  Span tok[6];
  guint n = ferry_list_tokenize (line, len, tok, G_N_ELEMENTS (tok));
  int year, month, day, hour, minute;
  guint used, t;
  const char *p;
  gsize tlen;
  gboolean tag = FALSE;

  if (n < 4 || !parse_dos_date (line + tok[0].start, span_len (tok[0]), &year, &month, &day))
    return FALSE;
  used = parse_dos_time (line + tok[1].start, span_len (tok[1]),
                         line + tok[2].start, span_len (tok[2]), &hour, &minute);
  if (used == 0)
    return FALSE;
  t = 1 + used;
  if (t >= n)
    return FALSE;

  p = line + tok[t].start;
  tlen = span_len (tok[t]);
  if (span_equal_ascii (line, tok[t], "<DIR>"))
    {
      e->kind = FERRY_REMOTE_FILE_KIND_DIRECTORY;
      tag = TRUE;
    }
  else if (span_equal_ascii (line, tok[t], "<SYMLINKD>") ||
           span_equal_ascii (line, tok[t], "<JUNCTION>"))
    {
      e->kind = FERRY_REMOTE_FILE_KIND_LINK;
      e->target_kind = FERRY_REMOTE_FILE_KIND_DIRECTORY;
      tag = TRUE;
    }
  else if (span_equal_ascii (line, tok[t], "<SYMLINK>"))
    {
      e->kind = FERRY_REMOTE_FILE_KIND_LINK;
      e->target_kind = FERRY_REMOTE_FILE_KIND_FILE;
      tag = TRUE;
    }
  else if (parse_dos_size (p, tlen, &e->size))
    e->kind = FERRY_REMOTE_FILE_KIND_FILE;
  else
    return FALSE;

  if (tag)
    {
      /* The tag is in a 14-column field and a space: IIS and `dir` start the
       * name 15 columns after it; more spaces than that belong to the name. */
      gsize column = tok[t].start + 15;
      gsize i = tok[t].end;

      while (i < len && i < column && line[i] == ' ')
        i++;
      if (i < column)
        while (i < len && is_space (line[i]))
          i++;
      e->name.start = i;
    }
  else
    e->name.start = tok[t].end + 1;
  e->name.end = len;
  if (e->name.start >= len)
    return FALSE;

  if (e->kind == FERRY_REMOTE_FILE_KIND_LINK && line[len - 1] == ']')
    {
      /* `dir`: "name [target]" */
      for (gsize i = len - 1; i > e->name.start + 2; i--)
        if (line[i - 1] == '[' && line[i - 2] == ' ')
          {
            e->target.start = i;
            e->target.end = len - 1;
            e->name.end = i - 2;
            break;
          }
    }

  if (date_is_valid (year, month, day))
    {
      gint64 t = unix_time (year, month, day, hour, minute, 0, ctx->timezone_offset_minutes);

      e->modified = ferry_list_date_time_new (t, 0);
      e->has_time = TRUE;
    }
  return TRUE;
}

