/* ferry-list-parser-others.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The smaller dialects, one reader each:
 *
 * OS/2:          "   35362  A    DIR  09-22-104  12:45  NAME"
 *                (SIZE [attributes] [DIR] MM-DD-YY[Y] HH:MM NAME; a year of
 *                three digits is 1900 + it)
 * VShell (old):  "  206876  Apr 04, 2000 21:06 NAME" (a folder ends in '/')
 *                (the newer VShell writes Unix lines with "Apr 04, 2000 21:06",
 *                read by the Unix reader)
 * VxWorks:       "  512   Jan-12-2002 10:21:34   NAME   <DIR>"
 * Nortel wfFtp:  "NAME   1014196  06/03/04  Thur.   10:20:03"
 * Microware OS-9 (`dir -e`, sector and size in hexadecimal):
 *                "0.0  07/03/29 1026 d-ewrewr  2  120 NAME"
 * HP NonStop (Tandem), after "File Code EOF Last Modification Owner RWEP":
 *                "ALTDATA  101  2 31-Dec-03 08:22:17 255,255 \"nnnn\""
 */
#define G_LOG_DOMAIN "ferry-list-parser"

#include "config.h"

#include "ferry-list-parser-private.h"

/* The rest of the line from the first token after @tok[i]. */
static gboolean
name_after (const Span *tok,
            guint       n,
            guint       i,
            gsize       len,
            Entry      *e)
{
  if (i + 1 >= n)
    return FALSE;
  e->name.start = tok[i + 1].start;
  e->name.end = len;
  return TRUE;
}

gboolean
ferry_list_read_os2 (const char             *line,
                     gsize                   len,
                     const FerryListContext *ctx,
                     Entry                  *e)
{
  Span tok[6];
  guint n = ferry_list_tokenize (line, len, tok, G_N_ELEMENTS (tok));
  guint t = 1;
  int year, month, day, hour, minute, second, usec;

  if (n < 4 || !parse_decimal (line + tok[0].start, span_len (tok[0]), &e->size))
    return FALSE;
  e->kind = FERRY_REMOTE_FILE_KIND_FILE;

  /* Attributes: some of A, R, S, H */
  if (t < n && span_len (tok[t]) <= 4 && !span_equal_ascii (line, tok[t], "DIR"))
    {
      gboolean attributes = TRUE;

      for (gsize i = tok[t].start; i < tok[t].end; i++)
        if (!strchr ("ARSH", line[i]))
          attributes = FALSE;
      if (attributes)
        {
          e->permissions = tok[t];
          t++;
        }
    }
  if (t < n && span_equal_ascii (line, tok[t], "DIR"))
    {
      e->kind = FERRY_REMOTE_FILE_KIND_DIRECTORY;
      t++;
    }
  if (t + 2 >= n)
    return FALSE;

  /* "MM-DD-YY", "MM-DD-YYY", "MM-DD-YYYY" */
  {
    const char *p = line + tok[t].start;
    gsize dl = span_len (tok[t]);
    gint64 y;

    if (dl < 8 || dl > 10 || p[2] != '-' || p[5] != '-' || !parse_small (p, 2, &month) ||
        !parse_small (p + 3, 2, &day) || !parse_decimal (p + 6, dl - 6, &y))
      return FALSE;
    year = ferry_list_full_year (y, dl - 6);
  }
  if (!ferry_list_parse_time (line + tok[t + 1].start, span_len (tok[t + 1]), &hour, &minute,
                              &second, &usec) ||
      !name_after (tok, n, t + 1, len, e))
    return FALSE;
  ferry_list_set_date (ctx, e, year, month, day, TRUE, hour, minute, second);
  return TRUE;
}

gboolean
ferry_list_read_vshell (const char             *line,
                        gsize                   len,
                        const FerryListContext *ctx,
                        Entry                  *e)
{
  Span tok[6];
  guint n = ferry_list_tokenize (line, len, tok, G_N_ELEMENTS (tok));
  int month, day, hour, minute, second, usec;
  gint64 year;
  const char *d;

  if (n < 6 || !parse_decimal (line + tok[0].start, span_len (tok[0]), &e->size) ||
      (month = ferry_list_parse_month (line + tok[1].start, span_len (tok[1]))) == 0)
    return FALSE;
  d = line + tok[2].start;
  if (span_len (tok[2]) < 2 || d[span_len (tok[2]) - 1] != ',' ||
      !parse_small (d, span_len (tok[2]) - 1, &day) || span_len (tok[3]) != 4 ||
      !parse_decimal (line + tok[3].start, 4, &year) ||
      !ferry_list_parse_time (line + tok[4].start, span_len (tok[4]), &hour, &minute, &second,
                              &usec) ||
      !name_after (tok, n, 4, len, e))
    return FALSE;

  e->kind = FERRY_REMOTE_FILE_KIND_FILE;
  if (span_len (e->name) > 1 && line[e->name.end - 1] == '/')
    {
      e->kind = FERRY_REMOTE_FILE_KIND_DIRECTORY;
      e->name.end--;
    }
  ferry_list_set_date (ctx, e, (int) year, month, day, TRUE, hour, minute, second);
  return TRUE;
}

gboolean
ferry_list_read_vxworks (const char             *line,
                         gsize                   len,
                         const FerryListContext *ctx,
                         Entry                  *e)
{
  Span tok[4];
  guint n = ferry_list_tokenize (line, len, tok, G_N_ELEMENTS (tok));
  int year, month, day, hour, minute, second, usec;

  if (n < 4 || !parse_decimal (line + tok[0].start, span_len (tok[0]), &e->size) ||
      !g_ascii_isalpha (line[tok[1].start]) ||
      !ferry_list_parse_numeric_date (line + tok[1].start, span_len (tok[1]), &year, &month,
                                      &day) ||
      !ferry_list_parse_time (line + tok[2].start, span_len (tok[2]), &hour, &minute, &second,
                              &usec) ||
      !name_after (tok, n, 2, len, e))
    return FALSE;

  e->kind = FERRY_REMOTE_FILE_KIND_FILE;
  /* "name   <DIR>" */
  if (span_len (e->name) > 5 && memcmp (line + e->name.end - 5, "<DIR>", 5) == 0)
    {
      gsize end = e->name.end - 5;

      while (end > e->name.start && is_space (line[end - 1]))
        end--;
      if (end > e->name.start)
        {
          e->kind = FERRY_REMOTE_FILE_KIND_DIRECTORY;
          e->name.end = end;
        }
    }
  ferry_list_set_date (ctx, e, year, month, day, TRUE, hour, minute, second);
  return TRUE;
}

/* "Mon.", "Thur." */
static gboolean
is_weekday (const char *p,
            gsize       n)
{
  static const char * const days[] = { "Mon.", "Tue.", "Tues.", "Wed.", "Thu.", "Thur.",
                                       "Thurs.", "Fri.", "Sat.", "Sun." };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    if (ascii_case_equal (p, n, days[i]))
      return TRUE;
  return FALSE;
}

gboolean
ferry_list_read_wfftp (const char             *line,
                       gsize                   len,
                       const FerryListContext *ctx,
                       Entry                  *e)
{
  Span tok[5];
  guint n = ferry_list_tokenize (line, len, tok, G_N_ELEMENTS (tok));
  int year, month, day, hour, minute, second, usec;

  /* The name has no spaces: wfFtp lists a flash file system. */
  if (n != 5 || tok[0].start != 0 ||
      !parse_decimal (line + tok[1].start, span_len (tok[1]), &e->size) ||
      !ferry_list_parse_numeric_date (line + tok[2].start, span_len (tok[2]), &year, &month,
                                      &day) ||
      !is_weekday (line + tok[3].start, span_len (tok[3])) ||
      !ferry_list_parse_time (line + tok[4].start, span_len (tok[4]), &hour, &minute, &second,
                              &usec))
    return FALSE;
  e->kind = FERRY_REMOTE_FILE_KIND_FILE;
  e->name = tok[0];
  ferry_list_set_date (ctx, e, year, month, day, TRUE, hour, minute, second);
  return TRUE;
}

static gboolean
parse_hex (const char *p,
           gsize       n,
           gint64     *out)
{
  gint64 value = 0;

  if (n == 0 || n > 15)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      value = value * 16 + g_ascii_xdigit_value (p[i]);
    }
  *out = value;
  return TRUE;
}

gboolean
ferry_list_read_os9 (const char             *line,
                     gsize                   len,
                     const FerryListContext *ctx,
                     Entry                  *e)
{
  Span tok[7];
  guint n = ferry_list_tokenize (line, len, tok, G_N_ELEMENTS (tok));
  const char *owner, *dot, *p;
  gsize owner_len;
  int year, month, day, hour, minute;
  gint64 sector, y;

  if (n < 7)
    return FALSE;
  /* "GROUP.USER" */
  owner = line + tok[0].start;
  owner_len = span_len (tok[0]);
  dot = memchr (owner, '.', owner_len);
  if (dot == NULL || !all_digits (owner, dot - owner) ||
      !all_digits (dot + 1, owner + owner_len - dot - 1))
    return FALSE;
  /* "YY/MM/DD" and "HHMM" */
  p = line + tok[1].start;
  if (span_len (tok[1]) != 8 || p[2] != '/' || p[5] != '/' || !parse_decimal (p, 2, &y) ||
      !parse_small (p + 3, 2, &month) || !parse_small (p + 6, 2, &day))
    return FALSE;
  year = ferry_list_full_year (y, 2);
  p = line + tok[2].start;
  if (span_len (tok[2]) != 4 || !parse_small (p, 2, &hour) || !parse_small (p + 2, 2, &minute) ||
      hour > 23 || minute > 59)
    return FALSE;
  /* "d-ewrewr": directory, then single-user and public e/w/r */
  p = line + tok[3].start;
  if (span_len (tok[3]) != 8 || (p[0] != 'd' && p[0] != '-'))
    return FALSE;
  for (guint i = 1; i < 8; i++)
    if (p[i] != '-' && p[i] != "dsewrewr"[i])
      return FALSE;
  if (!parse_hex (line + tok[4].start, span_len (tok[4]), &sector) ||
      !parse_hex (line + tok[5].start, span_len (tok[5]), &e->size) ||
      !name_after (tok, n, 5, len, e))
    return FALSE;

  e->kind = p[0] == 'd' ? FERRY_REMOTE_FILE_KIND_DIRECTORY : FERRY_REMOTE_FILE_KIND_FILE;
  e->permissions = tok[3];
  e->owner = tok[0];
  ferry_list_set_date (ctx, e, year, month, day, TRUE, hour, minute, 0);
  return TRUE;
}

gboolean
ferry_list_read_tandem (const char             *line,
                        gsize                   len,
                        const FerryListContext *ctx,
                        Entry                  *e)
{
  Span tok[8];
  guint n = ferry_list_tokenize (line, len, tok, G_N_ELEMENTS (tok));
  int year, month, day, hour, minute, second, usec;
  const char *code, *owner, *comma, *rwep;
  gsize code_len, owner_len, rwep_len;

  if (n != 7 || tok[0].start != 0)
    return FALSE;
  /* The file code, "101" or "101O" (an OSS file) */
  code = line + tok[1].start;
  code_len = span_len (tok[1]);
  if (code_len > 1 && code[code_len - 1] == 'O')
    code_len--;
  owner = line + tok[5].start;
  owner_len = span_len (tok[5]);
  comma = memchr (owner, ',', owner_len);
  rwep = line + tok[6].start;
  rwep_len = span_len (tok[6]);
  if (!all_digits (code, code_len) ||
      !parse_decimal (line + tok[2].start, span_len (tok[2]), &e->size) ||
      !ferry_list_parse_numeric_date (line + tok[3].start, span_len (tok[3]), &year, &month,
                                      &day) ||
      !ferry_list_parse_time (line + tok[4].start, span_len (tok[4]), &hour, &minute, &second,
                              &usec) ||
      comma == NULL || !all_digits (owner, comma - owner) ||
      !all_digits (comma + 1, owner + owner_len - comma - 1) || rwep_len != 6 ||
      rwep[0] != '"' || rwep[5] != '"')
    return FALSE;

  e->kind = FERRY_REMOTE_FILE_KIND_FILE;
  e->name = tok[0];
  e->owner = tok[5];
  e->permissions.start = tok[6].start + 1;
  e->permissions.end = tok[6].end - 1;
  ferry_list_set_date (ctx, e, year, month, day, TRUE, hour, minute, second);
  return TRUE;
}
