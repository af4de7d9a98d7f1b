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

#include <string.h>

#include "ferry-error.h"
#include "ferry-list-parser-private.h"

/* The first tokens of a Unix line that can hold the date: mode, links, owner,
 * a group of several words, two device numbers, three date tokens. */
#define MAX_TOKENS 24
/* Half of an average year, the window around "now" of a date without year. */
#define HALF_YEAR_SECONDS (SECONDS_PER_DAY * 365 / 2 + SECONDS_PER_DAY / 4)

/* --- small readers --- */

/* Splits @line at runs of spaces and tabs; returns the number of tokens, at
 * most @max. */
static guint
tokenize (const char *line,
          gsize       len,
          Span       *tokens,
          guint       max)
{
  guint n = 0;
  gsize i = 0;

  while (n < max)
    {
      while (i < len && is_space (line[i]))
        i++;
      if (i >= len)
        break;
      tokens[n].start = i;
      while (i < len && !is_space (line[i]))
        i++;
      tokens[n].end = i;
      n++;
    }
  return n;
}

static int
parse_month (const char *p,
             gsize       n)
{
  static const char * const names[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  };

  if (n != 3)
    return 0;
  for (int i = 0; i < 12; i++)
    if (ascii_case_equal (p, 3, names[i]))
      return i + 1;
  return 0;
}

/* "H:MM", "HH:MM", "HH:MM:SS" or "HH:MM:SS.fraction" */
static gboolean
parse_time (const char *p,
            gsize       n,
            int        *hour,
            int        *minute,
            int        *second,
            int        *usec)
{
  const char *colon = memchr (p, ':', n);
  const char *end = p + n;
  const char *rest;

  *second = 0;
  *usec = 0;
  if (colon == NULL || !parse_small (p, colon - p, hour) || end - colon < 3 ||
      !g_ascii_isdigit (colon[1]) || !g_ascii_isdigit (colon[2]))
    return FALSE;
  *minute = (colon[1] - '0') * 10 + (colon[2] - '0');
  rest = colon + 3;
  if (rest < end)
    {
      if (end - rest < 3 || rest[0] != ':' || !g_ascii_isdigit (rest[1]) ||
          !g_ascii_isdigit (rest[2]))
        return FALSE;
      *second = (rest[1] - '0') * 10 + (rest[2] - '0');
      rest += 3;
      if (rest < end)
        {
          int scale = 100000;

          if (rest[0] != '.' || !all_digits (rest + 1, end - rest - 1))
            return FALSE;
          for (const char *d = rest + 1; d < end && scale > 0; d++, scale /= 10)
            *usec += (*d - '0') * scale;
        }
    }
  return *hour <= 23 && *minute <= 59 && *second <= 60;
}

static gint64
now_seconds (const FerryListContext *ctx)
{
  if (ctx->now != NULL)
    return g_date_time_to_unix (ctx->now);
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The year of Unix time @seconds (H. Hinnant's civil_from_days). */
static int
year_of (gint64 seconds)
{
  gint64 days = (seconds >= 0 ? seconds : seconds - SECONDS_PER_DAY + 1) / SECONDS_PER_DAY;
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  guint doe = (guint) (z - era * 146097);
  guint yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  guint doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  guint mp = (5 * doy + 2) / 153;
  guint month = mp < 10 ? mp + 3 : mp - 9;

  return (int) (yoe + era * 400 + (month <= 2));
}

/* A date listed without its year: the year that puts it nearest to now (see
 * FerryListContext). */
static GDateTime *
date_without_year (const FerryListContext *ctx,
                   int                     month,
                   int                     day,
                   int                     hour,
                   int                     minute)
{
  gint64 now = now_seconds (ctx);
  int year = year_of (now + (gint64) ctx->timezone_offset_minutes * 60);
  gint64 best = 0;
  gint64 best_distance = G_MAXINT64;

  for (int y = year - 1; y <= year + 1; y++)
    {
      gint64 t, distance;

      if (!date_is_valid (y, month, day))
        continue;
      t = unix_time (y, month, day, hour, minute, 0, ctx->timezone_offset_minutes);
      distance = t > now ? t - now : now - t;
      if (distance < best_distance)
        {
          best = t;
          best_distance = distance;
        }
    }
  /* Feb 29 far from any leap year is no date. */
  if (best_distance > 2 * HALF_YEAR_SECONDS)
    return NULL;
  return ferry_list_date_time_new (best, 0);
}

static gboolean
span_equal_ascii (const char *line,
                  Span        s,
                  const char *word)
{
  return ascii_case_equal (line + s.start, span_len (s), word);
}

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
 * "Mmm dd hh:mm", "Mmm dd yyyy" or "yyyy-mm-dd hh:mm[:ss[.n]] [±hhmm]". */
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
  if (d + 2 < n && (m->month = parse_month (p, len)) != 0)
    {
      const char *third = line + tok[d + 2].start;
      gsize third_len = span_len (tok[d + 2]);
      gint64 year;

      if (!parse_small (line + tok[d + 1].start, span_len (tok[d + 1]), &m->day) ||
          m->day < 1 || m->day > 31)
        return FALSE;
      if (third_len == 4 && parse_decimal (third, 4, &year) && year >= 1900)
        m->year = (int) year;
      else if (third_len <= 5 && parse_time (third, third_len, &m->hour, &m->minute, &sec,
                                             &usec))
        m->has_time = TRUE;
      else
        return FALSE;
      m->last = d + 2;
      return TRUE;
    }

  if (d + 1 < n && parse_iso_date (p, len, &m->year, &m->month, &m->day) &&
      parse_time (line + tok[d + 1].start, span_len (tok[d + 1]), &m->hour, &m->minute,
                  &m->second, &m->usec))
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

static gboolean
parse_unix (const char             *line,
            gsize                   len,
            const FerryListContext *ctx,
            Entry                  *e)
{
  Span tok[MAX_TOKENS];
  guint n = tokenize (line, len, tok, MAX_TOKENS);
  gboolean netware = FALSE;
  guint first_field;
  guint size_index = 0;
  guint d;
  DateMatch date;
  gsize name_start = 0;

  if (n < 4)
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
  else
    return FALSE;

  /* The first date after a size; names that look like dates come later. */
  for (d = first_field + 1; d < n; d++)
    {
      if (!match_unix_date (line, tok, n, d, &date) ||
          !match_unix_size (line, tok, first_field, d, &size_index, &e->size))
        continue;

      /* ls separates the name by one space: more spaces belong to it. */
      if (netware)
        name_start = date.last + 1 < n ? tok[date.last + 1].start : len;
      else
        name_start = tok[date.last].end + 1;
      if (name_start < len)
        break;
    }
  if (d >= n)
    return FALSE;

  e->name.start = name_start;
  e->name.end = len;

  /* Between the mode and the size: [links] [owner [group…]]. */
  {
    guint i = first_field;

    if (i < size_index && all_digits (line + tok[i].start, span_len (tok[i])))
      i++;
    if (i < size_index)
      {
        e->owner = tok[i];
        if (i + 1 < size_index)
          {
            e->group.start = tok[i + 1].start;
            e->group.end = tok[size_index - 1].end;
          }
      }
  }

  if (date.year != 0)
    {
      if (date_is_valid (date.year, date.month, date.day))
        {
          int offset = date.has_zone ? date.zone_minutes : ctx->timezone_offset_minutes;
          gint64 t = unix_time (date.year, date.month, date.day, date.hour, date.minute,
                                date.second, date.has_time ? offset : 0);

          e->modified = ferry_list_date_time_new (t, date.usec);
          e->has_time = date.has_time;
        }
    }
  else
    {
      e->modified = date_without_year (ctx, date.month, date.day, date.hour, date.minute);
      e->has_time = TRUE;
    }

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

/* --- DOS / IIS --- */

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

  if (n > 5 || !parse_time (p, n, hour, minute, &sec, &usec))
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

static gboolean
parse_dos (const char             *line,
           gsize                   len,
           const FerryListContext *ctx,
           Entry                  *e)
{
  Span tok[6];
  guint n = tokenize (line, len, tok, G_N_ELEMENTS (tok));
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
  guint n = tokenize (line, len, tok, G_N_ELEMENTS (tok));

  if (n == 0 || n > 2)
    return FALSE;
  if (!span_equal_ascii (line, tok[0], "total") && !span_equal_ascii (line, tok[0], "insgesamt"))
    return FALSE;
  return n == 1 || g_ascii_isdigit (line[tok[1].start]);
}

FerryRemoteFile *
ferry_list_parse_line (const char             *line,
                       gsize                   len,
                       const FerryListContext *ctx,
                       GError                **error)
{
  Entry e;
  FerryRemoteFile *file;

  g_return_val_if_fail (line != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (ctx == NULL)
    ctx = &ferry_list_default_context;
  if (is_blank (line, len) || is_total_line (line, len))
    return NULL;

  entry_init (&e);
  if (!parse_eplf (line, len, &e))
    {
      ferry_list_entry_clear (&e);
      if (!parse_unix (line, len, ctx, &e))
        {
          ferry_list_entry_clear (&e);
          if (!parse_dos (line, len, ctx, &e))
            {
              ferry_list_entry_clear (&e);
              ferry_list_set_unreadable_error (error, line, len,
                                               "it is in none of the listing formats Ferry "
                                               "knows (Unix, DOS/IIS and EPLF).");
              return NULL;
            }
        }
    }

  file = ferry_list_entry_to_file (line, &e, ctx);
  ferry_list_entry_clear (&e);
  return file;
}
