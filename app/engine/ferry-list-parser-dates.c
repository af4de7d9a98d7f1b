/* ferry-list-parser-dates.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pieces of dates and sizes the LIST readers share: tokens, month names
 * (English and German, as servers localise them), times, numeric dates in
 * their many orders, dates without a year, and sizes with units.
 */
#define G_LOG_DOMAIN "ferry-list-parser"

#include "config.h"

#include "ferry-list-parser-private.h"

/* Half of an average year, the window around "now" of a date without year. */
#define HALF_YEAR_SECONDS (SECONDS_PER_DAY * 365 / 2 + SECONDS_PER_DAY / 4)

guint
ferry_list_tokenize (const char *line,
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

int
ferry_list_parse_month (const char *p,
                        gsize       n)
{
  static const struct
  {
    const char *name;
    int month;
  } names[] = {
    /* English, as ls and most servers write them */
    { "jan", 1 }, { "feb", 2 }, { "mar", 3 }, { "apr", 4 }, { "may", 5 }, { "jun", 6 },
    { "jul", 7 }, { "aug", 8 }, { "sep", 9 }, { "oct", 10 }, { "nov", 11 }, { "dec", 12 },
    { "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 }, { "june", 6 },
    { "july", 7 }, { "august", 8 }, { "sept", 9 }, { "september", 9 }, { "october", 10 },
    { "november", 11 }, { "december", 12 },
    /* German, abbreviated and in full; "ä" in UTF-8 and in ISO-8859-1 */
    { "mär", 3 }, { "m\xe4r", 3 }, { "mrz", 3 }, { "märz", 3 }, { "m\xe4rz", 3 },
    { "mai", 5 }, { "juni", 6 }, { "juli", 7 }, { "okt", 10 }, { "dez", 12 },
    { "januar", 1 }, { "jänner", 1 }, { "februar", 2 }, { "oktober", 10 },
    { "dezember", 12 },
  };

  /* "Okt.", "Juli,", "Jan.," */
  while (n > 0 && (p[n - 1] == '.' || p[n - 1] == ','))
    n--;
  if (n < 3)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (ascii_case_equal (p, n, names[i].name))
      return names[i].month;
  return 0;
}

gboolean
ferry_list_parse_time (const char *p,
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

GDateTime *
ferry_list_date_without_year (const FerryListContext *ctx,
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

int
ferry_list_full_year (gint64 year,
                      gsize  digits)
{
  if (digits <= 2)
    return (int) (year < 70 ? 2000 + year : 1900 + year);
  if (digits == 3)
    return (int) (1900 + year); /* OS/2 after 1999: "104" is 2004 */
  return (int) year;
}

/* A number of 1–4 digits at @p, up to @n bytes; returns the digits used. */
static gsize
leading_number (const char *p,
                gsize       n,
                gint64     *value)
{
  gsize k = 0;

  while (k < n && k < 4 && g_ascii_isdigit (p[k]))
    k++;
  if (k == 0 || !parse_decimal (p, k, value))
    return 0;
  return k;
}

gboolean
ferry_list_parse_numeric_date (const char *p,
                               gsize       n,
                               int        *year,
                               int        *month,
                               int        *day)
{
  gint64 a, b, c;
  gsize la, lb, lc;
  char sep;

  /* "mon-DD-YYYY" (VxWorks) */
  if (n > 0 && g_ascii_isalpha (p[0]))
    {
      const char *dash = memchr (p, '-', n);
      const char *end = p + n;
      int m;

      if (dash == NULL || (m = ferry_list_parse_month (p, dash - p)) == 0)
        return FALSE;
      lb = leading_number (dash + 1, end - dash - 1, &b);
      if (lb == 0 || lb > 2 || dash + 1 + lb >= end || dash[1 + lb] != '-')
        return FALSE;
      lc = leading_number (dash + 2 + lb, end - dash - 2 - lb, &c);
      if (lc == 0 || dash + 2 + lb + lc != end)
        return FALSE;
      *month = m;
      *day = (int) b;
      *year = ferry_list_full_year (c, lc);
      return *day >= 1 && *day <= 31;
    }

  la = leading_number (p, n, &a);
  if (la == 0 || la >= n)
    return FALSE;
  sep = p[la];
  if (sep != '-' && sep != '/' && sep != '.')
    return FALSE;

  /* "DD-mon-YY[YY]" and "mon-DD-YYYY" hold a month name */
  {
    const char *second = p + la + 1;
    const char *dash = memchr (second, sep, p + n - second);

    if (dash != NULL && g_ascii_isalpha (second[0]))
      {
        int m = ferry_list_parse_month (second, dash - second);

        lc = leading_number (dash + 1, p + n - dash - 1, &c);
        if (m == 0 || lc == 0 || dash + 1 + lc != p + n || la > 2)
          return FALSE;
        *day = (int) a;
        *month = m;
        *year = ferry_list_full_year (c, lc);
        return TRUE;
      }
  }

  lb = leading_number (p + la + 1, n - la - 1, &b);
  if (lb == 0 || lb > 2 || la + 1 + lb >= n || p[la + 1 + lb] != sep)
    return FALSE;
  lc = leading_number (p + la + 2 + lb, n - la - 2 - lb, &c);
  if (lc == 0 || la + 2 + lb + lc != n)
    return FALSE;

  if (la == 4)
    {
      /* YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD */
      if (lc > 2)
        return FALSE;
      *year = (int) a;
      *month = (int) b;
      *day = (int) c;
    }
  else if (la <= 2)
    {
      *year = ferry_list_full_year (c, lc);
      /* '/' is American (MM/DD) unless the first number can only be a day;
       * '-' and '.' with a year of four digits are DD-MM-YYYY, as in Europe. */
      if ((sep == '/' || (sep == '-' && lc != 4)) && !(a > 12 && b <= 12))
        {
          *month = (int) a;
          *day = (int) b;
        }
      else
        {
          *day = (int) a;
          *month = (int) b;
        }
    }
  else
    return FALSE;
  return *month >= 1 && *month <= 12 && *day >= 1 && *day <= 31;
}

gboolean
ferry_list_parse_size_with_unit (const char *p,
                                 gsize       n,
                                 gint64     *size)
{
  gsize i = 0;
  gint64 whole = 0;
  int fraction = 0, fraction_scale = 1;
  int shift;

  while (i < n && g_ascii_isdigit (p[i]))
    i++;
  if (i == 0 || i > 15 || !parse_decimal (p, i, &whole))
    return FALSE;
  if (i < n && p[i] == '.')
    {
      gsize f = ++i;

      while (i < n && g_ascii_isdigit (p[i]) && fraction_scale < 1000)
        {
          fraction = fraction * 10 + (p[i] - '0');
          fraction_scale *= 10;
          i++;
        }
      if (i == f)
        return FALSE;
    }
  if (i >= n)
    return FALSE;
  switch (g_ascii_toupper (p[i]))
    {
    case 'K':
      shift = 10;
      break;
    case 'M':
      shift = 20;
      break;
    case 'G':
      shift = 30;
      break;
    case 'T':
      shift = 40;
      break;
    default:
      return FALSE;
    }
  i++;
  if (i < n && (p[i] == 'B' || p[i] == 'b'))
    i++;
  if (i != n || whole > (G_MAXINT64 >> shift) - 1)
    return FALSE;
  *size = (whole << shift) + (((gint64) fraction << shift) / fraction_scale);
  return TRUE;
}

void
ferry_list_set_date (const FerryListContext *ctx,
                     Entry                  *e,
                     int                     year,
                     int                     month,
                     int                     day,
                     gboolean                has_time,
                     int                     hour,
                     int                     minute,
                     int                     second)
{
  gint64 t;

  g_clear_pointer (&e->modified, g_date_time_unref);
  e->has_time = FALSE;
  if (!date_is_valid (year, month, day))
    return;
  if (!has_time)
    hour = minute = second = 0;
  t = unix_time (year, month, day, hour, minute, second,
                 has_time ? ctx->timezone_offset_minutes : 0);
  e->modified = ferry_list_date_time_new (t, 0);
  e->has_time = has_time && e->modified != NULL;
}
