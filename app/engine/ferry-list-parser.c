/* ferry-list-parser.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LIST output is not standardised (RFC 959 says only "a list of files"), so
 * each reader below checks the shape of its format strictly and gives up
 * otherwise; the next one is tried. Every reader works on the bytes and their
 * length, never on NUL-terminated strings, and decodes only the name, owner,
 * group and link target. MLSD is in ferry-list-parser-mlsd.c, what both share
 * in ferry-list-parser-common.c.
 */
#define G_LOG_DOMAIN "ferry-list-parser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-list-parser-private.h"

/* The first tokens of a Unix line that can hold the date: mode, links, owner,
 * a group of several words, two device numbers, three date tokens. */
#define MAX_TOKENS 24

/* --- small readers --- */

/* --- Unix: ls -l --- */

/* "-rw-r--r--", "drwxr-x---+", "lrwxrwxrwx", "crw-rw----", "-rwsr-xr-x@" */
static gboolean
parse_unix_mode (const char          *p,
                 gsize                n,
                 FerryRemoteFileKind *kind,
                 guint               *mode)
{
  static const guint bits[9] = { 0400, 0200, 0100, 040, 020, 010, 04, 02, 01 };
  guint m = 0;

  if (n != 10 && !(n == 11 && (p[10] == '+' || p[10] == '@' || p[10] == '.')))
    return FALSE;

  switch (p[0])
    {
    case '-':
      *kind = FERRY_REMOTE_FILE_KIND_FILE;
      break;
    case 'd':
      *kind = FERRY_REMOTE_FILE_KIND_DIRECTORY;
      break;
    case 'l':
      *kind = FERRY_REMOTE_FILE_KIND_LINK;
      break;
    case 'b': /* block device */
    case 'c': /* character device */
    case 'p': /* FIFO */
    case 's': /* socket */
    case 'D': /* Solaris door */
    case 'n': /* HP-UX network special */
    case 'w': /* BSD whiteout */
    case '?':
      *kind = FERRY_REMOTE_FILE_KIND_SPECIAL;
      break;
    default:
      return FALSE;
    }

  for (int i = 0; i < 9; i++)
    {
      char c = p[1 + i];
      int slot = i % 3;

      if (c == '-')
        continue;
      if (slot == 0 && c == 'r')
        m |= bits[i];
      else if (slot == 1 && c == 'w')
        m |= bits[i];
      else if (slot == 2 && c == 'x')
        m |= bits[i];
      else if (slot == 2 && i < 6 && (c == 's' || c == 'S'))
        m |= (i == 2 ? 04000 : 02000) | (c == 's' ? bits[i] : 0);
      else if (i == 5 && (c == 'l' || c == 'L'))
        m |= 02000; /* mandatory locking: setgid without group execute */
      else if (i == 8 && (c == 't' || c == 'T'))
        m |= 01000 | (c == 't' ? bits[i] : 0);
      else
        return FALSE;
    }

  *mode = m;
  return TRUE;
}

/* NetWare: "d [R----F--] supervisor 512 Jan 16 18:53 name" */
static gboolean
parse_netware_mode (const char          *line,
                    const Span          *tok,
                    guint                n,
                    FerryRemoteFileKind *kind)
{
  const char *p;
  gsize len;

  if (n < 2 || span_len (tok[0]) != 1 || (line[tok[0].start] != 'd' && line[tok[0].start] != '-'))
    return FALSE;
  p = line + tok[1].start;
  len = span_len (tok[1]);
  if (len < 3 || p[0] != '[' || p[len - 1] != ']')
    return FALSE;
  for (gsize i = 1; i + 1 < len; i++)
    if (!g_ascii_isupper (p[i]) && p[i] != '-')
      return FALSE;

  *kind = line[tok[0].start] == 'd' ? FERRY_REMOTE_FILE_KIND_DIRECTORY
                                    : FERRY_REMOTE_FILE_KIND_FILE;
  return TRUE;
}

typedef struct
{
  int year;  /* 0: not listed */
  int month;
  int day;
  int hour;
  int minute;
  int second;
  int usec;
  gboolean has_time;
  gboolean has_zone;
  int zone_minutes;
  guint last;  /* the index of the date's last token */
} DateMatch;

/* "+0100", "-0530" */
static gboolean
parse_zone (const char *p,
            gsize       n,
            int        *minutes)
{
  int h, m;

  if (n != 5 || (p[0] != '+' && p[0] != '-') || !parse_small (p + 1, 2, &h) ||
      !parse_small (p + 3, 2, &m) || h > 14 || m > 59)
    return FALSE;
  *minutes = (p[0] == '-' ? -1 : 1) * (h * 60 + m);
  return TRUE;
}

/* "YYYY-MM-DD" */
static gboolean
parse_iso_date (const char *p,
                gsize       n,
                int        *year,
                int        *month,
                int        *day)
{
  gint64 y;

  if (n != 10 || p[4] != '-' || p[7] != '-' || !parse_decimal (p, 4, &y) ||
      !parse_small (p + 5, 2, month) || !parse_small (p + 8, 2, day))
    return FALSE;
  *year = (int) y;
  return *month >= 1 && *month <= 12 && *day >= 1 && *day <= 31;
}

/* A date whose first token is @d, with at least one token after it:
 * "Mmm dd hh:mm", "Mmm dd yyyy", VShell's "Mmm dd, yyyy hh:mm" or
 * "yyyy-mm-dd hh:mm[:ss[.n]] [±hhmm]". */
static gboolean
match_unix_date (const char *line,
                 const Span *tok,
                 guint       n,
                 guint       d,
                 DateMatch  *m)
{
  const char *p = line + tok[d].start;
  gsize len = span_len (tok[d]);
  int sec, usec;

  memset (m, 0, sizeof *m);
  if (d + 2 < n && (m->month = ferry_list_parse_month (p, len)) != 0)
    {
      const char *day = line + tok[d + 1].start;
      gsize day_len = span_len (tok[d + 1]);
      const char *third = line + tok[d + 2].start;
      gsize third_len = span_len (tok[d + 2]);
      gboolean comma = day_len > 1 && day[day_len - 1] == ',';
      gint64 year;

      if (!parse_small (day, day_len - comma, &m->day) || m->day < 1 || m->day > 31)
        return FALSE;
      if (third_len == 4 && parse_decimal (third, 4, &year) && year >= 1900)
        {
          m->year = (int) year;
          m->last = d + 2;
          /* VShell: "Oct 08, 2002 09:47" */
          if (comma && d + 3 < n &&
              ferry_list_parse_time (line + tok[d + 3].start, span_len (tok[d + 3]),
                                     &m->hour, &m->minute, &m->second, &usec))
            {
              m->has_time = TRUE;
              m->last = d + 3;
            }
        }
      else if (!comma && third_len <= 5 &&
               ferry_list_parse_time (third, third_len, &m->hour, &m->minute, &sec, &usec))
        {
          m->has_time = TRUE;
          m->last = d + 2;
        }
      else
        return FALSE;
      return TRUE;
    }

  if (d + 1 < n && parse_iso_date (p, len, &m->year, &m->month, &m->day) &&
      ferry_list_parse_time (line + tok[d + 1].start, span_len (tok[d + 1]), &m->hour,
                             &m->minute, &m->second, &m->usec))
    {
      m->has_time = TRUE;
      m->last = d + 1;
      if (d + 3 < n && parse_zone (line + tok[d + 2].start, span_len (tok[d + 2]),
                                   &m->zone_minutes))
        {
          m->has_zone = TRUE;
          m->last = d + 2;
        }
      return TRUE;
    }

  return FALSE;
}

/* A number, with a trailing '.' (German "26.") or CJK characters after it
 * ("3月", "29일", or their Shift_JIS/EUC-KR bytes); *@suffixed says which. */
static gboolean
parse_date_number (const char *p,
                   gsize       n,
                   gint64     *value,
                   gboolean   *suffixed)
{
  gsize k = 0;

  while (k < n && k < 4 && g_ascii_isdigit (p[k]))
    k++;
  *suffixed = FALSE;
  if (k == 0 || !parse_decimal (p, k, value))
    return FALSE;
  if (k == n)
    return TRUE;
  if (k + 1 == n && p[k] == '.')
    return TRUE;
  /* CJK: the rest begins with a byte outside ASCII */
  if ((guchar) p[k] >= 0x80)
    {
      *suffixed = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* A year token or a time token after a day: "2004", "2004年", "12:40". */
static gboolean
match_year_or_time (const char *p,
                    gsize       n,
                    DateMatch  *m)
{
  gint64 year;
  gboolean suffixed;
  int usec;

  if (parse_date_number (p, n, &year, &suffixed) && year >= 1900 && year <= 9999 &&
      (suffixed || n == 4))
    {
      m->year = (int) year;
      return TRUE;
    }
  if (ferry_list_parse_time (p, n, &m->hour, &m->minute, &m->second, &usec))
    {
      m->has_time = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* The dates of the second pass (see parse_unix), first token at @d:
 * numeric "3 29 03:26"; "MM-DD YYYY|HH:MM"; one date token (see
 * ferry_list_parse_numeric_date) and an optional time; the day before the
 * month, "01 oct 2004", "26. Juli, 20:10", "2. Okt. 2003"; CJK "3月 29日
 * 12:00", "9月 2 2013", "2004年 3月 29日". A date that is not valid is kept
 * unread (m->month 0) while its tokens are still taken. */
static gboolean
match_other_date (const char *line,
                  const Span *tok,
                  guint       n,
                  guint       d,
                  DateMatch  *m)
{
  const char *p = line + tok[d].start;
  gsize len = span_len (tok[d]);
  gint64 a, b;
  gboolean sa, sb;

  memset (m, 0, sizeof *m);

  /* One date token, then perhaps a time */
  if (ferry_list_parse_numeric_date (p, len, &m->year, &m->month, &m->day))
    {
      int usec;

      m->last = d;
      if (d + 2 < n && ferry_list_parse_time (line + tok[d + 1].start, span_len (tok[d + 1]),
                                              &m->hour, &m->minute, &m->second, &usec))
        {
          m->has_time = TRUE;
          m->last = d + 1;
        }
      return TRUE;
    }

  /* "MM-DD YYYY", "MM-DD HH:MM" */
  if (len == 5 && p[2] == '-' && parse_small (p, 2, &m->month) && parse_small (p + 3, 2, &m->day) &&
      d + 1 < n && m->month >= 1 && m->month <= 12 && m->day >= 1 && m->day <= 31 &&
      match_year_or_time (line + tok[d + 1].start, span_len (tok[d + 1]), m))
    {
      m->last = d + 1;
      return TRUE;
    }
  memset (m, 0, sizeof *m);

  if (d + 2 >= n || !parse_date_number (p, len, &a, &sa))
    return FALSE;

  /* Day before month: "01 oct 2004", "26. Juli, 20:10" */
  {
    const char *second = line + tok[d + 1].start;
    gsize second_len = span_len (tok[d + 1]);
    int month = ferry_list_parse_month (second, second_len);

    if (month != 0 && !sa && a >= 1 && a <= 31 &&
        match_year_or_time (line + tok[d + 2].start, span_len (tok[d + 2]), m))
      {
        m->month = month;
        m->day = (int) a;
        m->last = d + 2;
        return TRUE;
      }
    memset (m, 0, sizeof *m);
  }

  if (!parse_date_number (line + tok[d + 1].start, span_len (tok[d + 1]), &b, &sb))
    return FALSE;

  /* CJK, year first: "2004年 3月 29日 [12:00]" */
  if (sa && sb && a >= 1900 && d + 3 < n)
    {
      gint64 c;
      gboolean sc;

      if (parse_date_number (line + tok[d + 2].start, span_len (tok[d + 2]), &c, &sc) && sc)
        {
          int usec;

          m->year = (int) a;
          m->month = (int) b;
          m->day = (int) c;
          m->last = d + 2;
          if (d + 4 < n && ferry_list_parse_time (line + tok[d + 3].start,
                                                  span_len (tok[d + 3]), &m->hour,
                                                  &m->minute, &m->second, &usec))
            {
              m->has_time = TRUE;
              m->last = d + 3;
            }
          return TRUE;
        }
    }

  /* Month first, numbers or CJK: "3 29 03:26", "3月 29日 2004年", "9月 2 2013" */
  if (a <= 99 && b <= 99 &&
      match_year_or_time (line + tok[d + 2].start, span_len (tok[d + 2]), m))
    {
      /* Plain numbers must be a real month and day, or they are the size */
      if (!sa && !(a >= 1 && a <= 12 && b >= 1 && b <= 31))
        return FALSE;
      m->month = (int) a;
      m->day = (int) b;
      m->last = d + 2;
      return TRUE;
    }
  return FALSE;
}

/* The size before the date at @d: "1234", or device numbers "4, 1" / "4,1"
 * (size unknown). Sets *@size_index to the first token of the size. */
static gboolean
match_unix_size (const char *line,
                 const Span *tok,
                 guint       first_field,
                 guint       d,
                 guint      *size_index,
                 gint64     *size)
{
  const char *p;
  gsize len;
  const char *comma;

  if (d < first_field + 1)
    return FALSE;
  p = line + tok[d - 1].start;
  len = span_len (tok[d - 1]);

  if (parse_decimal (p, len, size))
    {
      *size_index = d - 1;
      if (d >= first_field + 2)
        {
          const char *major = line + tok[d - 2].start;
          gsize major_len = span_len (tok[d - 2]);

          if (major_len >= 2 && major[major_len - 1] == ',' && all_digits (major, major_len - 1))
            {
              *size_index = d - 2;
              *size = -1;
            }
        }
      return TRUE;
    }

  comma = memchr (p, ',', len);
  if (comma != NULL && all_digits (p, comma - p) &&
      all_digits (comma + 1, p + len - comma - 1))
    {
      *size_index = d - 1;
      *size = -1;
      return TRUE;
    }
  return FALSE;
}

/* Connect:Enterprise: "-C--E-----FTP", a flag string where the mode would be. */
static gboolean
parse_connect_mode (const char *p,
                    gsize       n)
{
  gboolean letter = FALSE;

  if (n <= 10 || n > 16 || p[0] != '-')
    return FALSE;
  for (gsize i = 1; i < n; i++)
    {
      if (g_ascii_isupper (p[i]))
        letter = TRUE;
      else if (p[i] != '-')
        return FALSE;
    }
  return letter;
}

/* The second pass's size: a unit ("33.5k", "2KB"), or an owner or group and
 * the size run together when the columns overflowed ("staff1234567"): then
 * *@merged_end is where the name part of the token ends. */
static gboolean
match_other_size (const char *line,
                  const Span *tok,
                  guint       first_field,
                  guint       d,
                  guint      *size_index,
                  gint64     *size,
                  gsize      *merged_end)
{
  const char *p;
  gsize len, k;

  *merged_end = 0;
  if (match_unix_size (line, tok, first_field, d, size_index, size))
    return TRUE;
  if (d < first_field + 1)
    return FALSE;
  p = line + tok[d - 1].start;
  len = span_len (tok[d - 1]);
  *size_index = d - 1;
  if (ferry_list_parse_size_with_unit (p, len, size))
    return TRUE;

  for (k = len; k > 0 && g_ascii_isdigit (p[k - 1]); k--)
    ;
  if (k == 0 || k == len || !g_ascii_isalpha (p[k - 1]) || !parse_decimal (p + k, len - k, size))
    return FALSE;
  *merged_end = tok[d - 1].start + k;
  return TRUE;
}

/* Where the name begins after the date's last token: ls separates it by one
 * space, so more spaces belong to it. */
static gsize
unix_name_start (const Span *tok,
                 guint       n,
                 guint       last,
                 gsize       len,
                 gboolean    netware)
{
  if (netware)
    return last + 1 < n ? tok[last + 1].start : len;
  return tok[last].end + 1;
}

/* A line with no date: "mode [links] owner group size name". */
static gboolean
match_no_date (const char *line,
               const Span *tok,
               guint       n,
               guint       first_field,
               guint      *size_index,
               gint64     *size)
{
  guint s = first_field + 2;

  if (first_field < n && all_digits (line + tok[first_field].start, span_len (tok[first_field])))
    s++;
  if (s + 1 >= n)
    return FALSE;
  /* What follows must not look like the start of a date: a broken date is no
   * name. */
  if (g_ascii_isdigit (line[tok[s + 1].start]) ||
      ferry_list_parse_month (line + tok[s + 1].start, span_len (tok[s + 1])) != 0)
    return FALSE;
  for (guint t = s + 2; t < n && t <= s + 3; t++)
    {
      int h, m, sec, usec;

      if (ferry_list_parse_time (line + tok[t].start, span_len (tok[t]), &h, &m, &sec, &usec))
        return FALSE;
    }
  *size_index = s;
  return parse_decimal (line + tok[s].start, span_len (tok[s]), size);
}

/* Between the mode and the size: [links] [owner [group…]], or NetPresenz's
 * numbers ("326 1391972" before a total of 1392298) and "folder". */
static void
unix_owner_group (const char *line,
                  const Span *tok,
                  guint       first_field,
                  guint       size_index,
                  gsize       merged_end,
                  Entry      *e)
{
  Span fields[MAX_TOKENS];
  guint n = 0, i = 0;

  for (guint t = first_field; t < size_index && n < MAX_TOKENS - 1; t++)
    fields[n++] = tok[t];
  if (merged_end != 0)
    {
      fields[n].start = tok[size_index].start;
      fields[n].end = merged_end;
      n++;
    }

  if (n == 2 && merged_end == 0)
    {
      gint64 a, b;

      if (parse_decimal (line + fields[0].start, span_len (fields[0]), &a) &&
          parse_decimal (line + fields[1].start, span_len (fields[1]), &b) && e->size >= 0 &&
          a <= e->size && b == e->size - a)
        return;
    }
  if (n == 1 && e->kind == FERRY_REMOTE_FILE_KIND_DIRECTORY &&
      span_equal_ascii (line, fields[0], "folder"))
    {
      e->size = -1; /* NetPresenz counts the folder's items there */
      return;
    }

  if (i < n && all_digits (line + fields[i].start, span_len (fields[i])))
    i++;
  if (i < n)
    {
      e->owner = fields[i];
      if (i + 1 < n)
        {
          e->group.start = fields[i + 1].start;
          e->group.end = fields[n - 1].end;
        }
    }
}

static void
unix_set_date (const FerryListContext *ctx,
               const DateMatch        *date,
               Entry                  *e)
{
  if (date->year != 0)
    {
      if (date_is_valid (date->year, date->month, date->day))
        {
          int offset = date->has_zone ? date->zone_minutes : ctx->timezone_offset_minutes;
          gint64 t = unix_time (date->year, date->month, date->day, date->hour, date->minute,
                                date->second, date->has_time ? offset : 0);

          e->modified = ferry_list_date_time_new (t, date->usec);
          e->has_time = date->has_time && e->modified != NULL;
        }
    }
  else if (date->month != 0)
    {
      e->modified = ferry_list_date_without_year (ctx, date->month, date->day, date->hour,
                                                  date->minute);
      e->has_time = e->modified != NULL;
    }
}

/* Unix `ls -l` and what servers made of it. The first pass takes the first
 * "Mmm dd" or ISO date after a plain size (names that look like dates come
 * later); only when none is found does the second pass accept the other date
 * orders and sizes (so a numeric owner and group are never read as a date),
 * and the third a line with no date at all. */
static gboolean
parse_unix (const char             *line,
            gsize                   len,
            const FerryListContext *ctx,
            Entry                  *e)
{
  Span tok[MAX_TOKENS];
  guint n = ferry_list_tokenize (line, len, tok, MAX_TOKENS);
  gboolean netware = FALSE, connect = FALSE;
  guint first_field;
  guint size_index = 0;
  gsize merged_end = 0;
  gsize name_start = 0;
  gboolean found = FALSE;
  DateMatch date;

  if (n < 3)
    return FALSE;

  if (parse_unix_mode (line + tok[0].start, span_len (tok[0]), &e->kind, &e->mode))
    {
      first_field = 1;
      e->permissions = tok[0];
    }
  else if (parse_netware_mode (line, tok, n, &e->kind))
    {
      netware = TRUE;
      first_field = 2;
      e->permissions.start = tok[0].start;
      e->permissions.end = tok[1].end;
    }
  else if (parse_connect_mode (line + tok[0].start, span_len (tok[0])))
    {
      connect = TRUE;
      first_field = 1;
      e->kind = FERRY_REMOTE_FILE_KIND_FILE;
      e->permissions = tok[0];
    }
  else
    return FALSE;

  for (guint pass = 1; pass <= 2 && !found; pass++)
    for (guint d = first_field + 1; d < n && !found; d++)
      {
        if (pass == 1)
          {
            if (!match_unix_date (line, tok, n, d, &date) ||
                !match_unix_size (line, tok, first_field, d, &size_index, &e->size))
              continue;
          }
        else if ((!match_unix_date (line, tok, n, d, &date) &&
                  !match_other_date (line, tok, n, d, &date)) ||
                 !match_other_size (line, tok, first_field, d, &size_index, &e->size,
                                    &merged_end))
          continue;
        name_start = unix_name_start (tok, n, date.last, len, netware);
        found = name_start < len;
      }

  if (!found)
    {
      memset (&date, 0, sizeof date);
      merged_end = 0;
      if (netware || connect || !match_no_date (line, tok, n, first_field, &size_index, &e->size))
        return FALSE;
      name_start = tok[size_index].end + 1;
    }

  e->name.start = name_start;
  e->name.end = len;
  if (!connect)
    unix_owner_group (line, tok, first_field, size_index, merged_end, e);
  unix_set_date (ctx, &date, e);

  if (e->kind == FERRY_REMOTE_FILE_KIND_LINK)
    {
      const char *name = line + e->name.start;
      const char *arrow = memmem (name, span_len (e->name), " -> ", 4);

      /* The first arrow: a name with an arrow of its own cannot be told apart. */
      if (arrow != NULL && arrow > name)
        {
          e->target.start = arrow + 4 - line;
          e->target.end = e->name.end;
          e->name.end = arrow - line;
        }
    }

  return TRUE;
}

/* --- EPLF: https://cr.yp.to/ftp/list/eplf.html --- */

static gboolean
parse_eplf (const char *line,
            gsize       len,
            Entry      *e)
{
  const char *tab;
  const char *p;

  if (len < 3 || line[0] != '+')
    return FALSE;
  tab = memchr (line, '\t', len);
  if (tab == NULL || tab + 1 >= line + len)
    return FALSE;

  e->kind = FERRY_REMOTE_FILE_KIND_FILE;
  for (p = line + 1; p < tab;)
    {
      const char *comma = memchr (p, ',', tab - p);
      const char *fact_end = comma != NULL ? comma : tab;
      gsize n = fact_end - p;
      gint64 value;

      if (n >= 1 && p[0] == '/')
        e->kind = FERRY_REMOTE_FILE_KIND_DIRECTORY;
      else if (n >= 2 && p[0] == 's' && parse_decimal (p + 1, n - 1, &value))
        e->size = value;
      else if (n >= 2 && p[0] == 'm' && parse_decimal (p + 1, n - 1, &value))
        {
          g_clear_pointer (&e->modified, g_date_time_unref);
          e->modified = g_date_time_new_from_unix_utc (value);
          e->has_time = e->modified != NULL;
        }
      else if (n >= 3 && p[0] == 'u' && p[1] == 'p' && parse_octal (p + 2, n - 2, &e->mode))
        {
          e->permissions.start = p + 2 - line;
          e->permissions.end = fact_end - line;
        }
      p = fact_end + 1;
    }

  e->name.start = tab + 1 - line;
  e->name.end = len;
  return TRUE;
}

/* --- the lines --- */

/* "total 123", as ls and most servers begin a listing (GNU ls in German:
 * "insgesamt 123"). */
static gboolean
is_total_line (const char *line,
               gsize       len)
{
  Span tok[3];
  guint n = ferry_list_tokenize (line, len, tok, G_N_ELEMENTS (tok));

  if (n == 0 || n > 2)
    return FALSE;
  if (!span_equal_ascii (line, tok[0], "total") && !span_equal_ascii (line, tok[0], "insgesamt"))
    return FALSE;
  return n == 1 || g_ascii_isdigit (line[tok[1].start]);
}

static gboolean
read_eplf (const char             *line,
           gsize                   len,
           const FerryListContext *ctx,
           Entry                  *e)
{
  return parse_eplf (line, len, e);
}

/* Every reader, in the order auto tries them: the strictest shapes first. */
static const struct
{
  FerryServerType type;
  FerryListReader read;
} readers[] = {
  { FERRY_SERVER_TYPE_AUTO, read_eplf },
  { FERRY_SERVER_TYPE_AUTO, ferry_list_read_mlsd_in_list },
  { FERRY_SERVER_TYPE_UNIX, parse_unix },
  { FERRY_SERVER_TYPE_DOS, ferry_list_read_dos },
  { FERRY_SERVER_TYPE_VMS, ferry_list_read_vms },
  { FERRY_SERVER_TYPE_AS400, ferry_list_read_as400 },
  { FERRY_SERVER_TYPE_MVS, ferry_list_read_mvs_dataset },
  { FERRY_SERVER_TYPE_MVS, ferry_list_read_mvs_member },
  { FERRY_SERVER_TYPE_ZVM, ferry_list_read_zvm },
  { FERRY_SERVER_TYPE_OS2, ferry_list_read_os2 },
  { FERRY_SERVER_TYPE_VSHELL, ferry_list_read_vshell },
  { FERRY_SERVER_TYPE_VXWORKS, ferry_list_read_vxworks },
  { FERRY_SERVER_TYPE_WFFTP, ferry_list_read_wfftp },
  { FERRY_SERVER_TYPE_OS9, ferry_list_read_os9 },
  { FERRY_SERVER_TYPE_TANDEM, ferry_list_read_tandem },
};

/* Tries the readers of @ctx's server type first, then all the others. */
static gboolean
read_entry (const char             *line,
            gsize                   len,
            const FerryListContext *ctx,
            Entry                  *e)
{
  FerryServerType type = ctx->server_type;

  for (guint round = type == FERRY_SERVER_TYPE_AUTO ? 1 : 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
      {
        gboolean own = readers[i].type == type;

        if (round == 0 ? !own : (own && type != FERRY_SERVER_TYPE_AUTO))
          continue;
        if (readers[i].read (line, len, ctx, e))
          return TRUE;
        ferry_list_entry_clear (e);
        entry_init (e);
      }
  return FALSE;
}

FerryRemoteFile *
ferry_list_parse_line (const char             *line,
                       gsize                   len,
                       const FerryListContext *ctx,
                       GError                **error)
{
  Entry e;
  FerryRemoteFile *file = NULL;

  g_return_val_if_fail (line != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (ctx == NULL)
    ctx = &ferry_list_default_context;
  if (is_blank (line, len) || is_total_line (line, len) ||
      ferry_list_header_type (line, len) != FERRY_SERVER_TYPE_AUTO)
    return NULL;

  entry_init (&e);
  if (!read_entry (line, len, ctx, &e))
    ferry_list_set_unreadable_error (error, line, len,
                                     _("it is in none of the listing formats Ferry knows; if "
                                       "the server is of a special kind, choose its server "
                                       "type in the site's settings."));
  else if (!e.skip)
    file = ferry_list_entry_to_file (line, &e, ctx);
  ferry_list_entry_clear (&e);
  return file;
}

FerryServerType
ferry_list_line_header_type (const char *line,
                             gsize       len)
{
  g_return_val_if_fail (line != NULL || len == 0, FERRY_SERVER_TYPE_AUTO);
  return ferry_list_header_type (line, len);
}

gboolean
ferry_list_line_continues (const char *line,
                           gsize       len)
{
  g_return_val_if_fail (line != NULL || len == 0, FALSE);
  return ferry_list_is_vms_name_line (line, len);
}
