/* ferry-list-parser.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LIST output is not standardised (RFC 959 says only "a list of files"), so
 * each reader below checks the shape of its format strictly and gives up
 * otherwise; the next one is tried. Every reader works on the bytes and their
 * length, never on NUL-terminated strings, and decodes only the name, owner,
 * group and link target.
 */
#define G_LOG_DOMAIN "ferry-list-parser"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-list-parser.h"
#include "ferry-reply.h"

/* How much of a line an error message quotes. */
#define QUOTE_CHARS 80
/* The first tokens of a Unix line that can hold the date: mode, links, owner,
 * a group of several words, two device numbers, three date tokens. */
#define MAX_TOKENS 24
#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)
/* Half of an average year, the window around "now" of a date without year. */
#define HALF_YEAR_SECONDS (SECONDS_PER_DAY * 365 / 2 + SECONDS_PER_DAY / 4)

static const FerryListContext default_context = { NULL, 0, NULL };

typedef struct
{
  gsize start;
  gsize end;
} Span;

/* What a reader found: spans into the line, decoded when the file is made. */
typedef struct
{
  FerryRemoteFileKind kind;
  Span name;
  Span target;     /* empty: no link target */
  int target_kind;
  gint64 size;
  GDateTime *modified;
  gboolean has_time;
  guint mode;
  Span permissions;
  Span owner;
  Span group;
} Entry;

static void
entry_init (Entry *e)
{
  memset (e, 0, sizeof *e);
  e->target_kind = -1;
  e->size = -1;
}

static void
entry_clear (Entry *e)
{
  g_clear_pointer (&e->modified, g_date_time_unref);
  entry_init (e);
}

static inline gsize
span_len (Span s)
{
  return s.end - s.start;
}

/* --- decoding names --- */

/* Appends @c as people should see it: control characters as their symbols
 * (U+2400 …), C1 controls as U+FFFD. */
static void
append_shown (GString *out,
              gunichar c)
{
  if (c < 0x20)
    g_string_append_unichar (out, 0x2400 + c);
  else if (c == 0x7f)
    g_string_append_unichar (out, 0x2421);
  else if (c < 0x80)
    g_string_append_c (out, (char) c);
  else if (c < 0xa0)
    g_string_append_unichar (out, 0xfffd);
  else
    g_string_append_unichar (out, c);
}

static gboolean
is_printable_ascii (const char *data,
                    gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = data[i];

      if (c < 0x20 || c >= 0x7f)
        return FALSE;
    }
  return TRUE;
}

/* UTF-8, where a byte that does not begin a valid sequence is ISO-8859-1. */
static char *
decode_utf8 (const char *data,
             gsize       len)
{
  g_autoptr(GString) out = NULL;
  const char *end = data + len;
  const char *p = data;

  if (is_printable_ascii (data, len))
    return g_strndup (data, len);

  out = g_string_sized_new (len + 8);
  while (p < end)
    {
      guchar c = *p;
      gunichar u;

      if (c < 0x80)
        {
          append_shown (out, c);
          p++;
          continue;
        }

      u = g_utf8_get_char_validated (p, end - p);
      if (u == (gunichar) -1 || u == (gunichar) -2)
        {
          append_shown (out, c);
          p++;
        }
      else
        {
          append_shown (out, u);
          p = g_utf8_next_char (p);
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  char *charset;
  GIConv conv;
} ConverterCache;

static void
converter_cache_free (gpointer data)
{
  ConverterCache *cache = data;

  if (cache->conv != (GIConv) -1)
    g_iconv_close (cache->conv);
  g_free (cache->charset);
  g_free (cache);
}

/* One converter per thread, for the last character set asked for: a listing
 * asks for the same one on every line, and opening iconv is not cheap. */
static GPrivate converter_cache = G_PRIVATE_INIT (converter_cache_free);

static GIConv
get_converter (const char *charset)
{
  ConverterCache *cache = g_private_get (&converter_cache);

  if (cache == NULL || g_ascii_strcasecmp (cache->charset, charset) != 0)
    {
      cache = g_new0 (ConverterCache, 1);
      cache->charset = g_strdup (charset);
      cache->conv = g_iconv_open ("UTF-8", charset);
      g_private_replace (&converter_cache, cache);
    }
  return cache->conv;
}

static gboolean
charset_is_utf8 (const char *charset)
{
  return charset == NULL || charset[0] == '\0' || g_ascii_strcasecmp (charset, "UTF-8") == 0 ||
         g_ascii_strcasecmp (charset, "UTF8") == 0;
}

static char *
decode_with_converter (GIConv      conv,
                       const char *data,
                       gsize       len)
{
  g_autoptr(GString) utf8 = g_string_sized_new (len * 2 + 8);
  char *in = (char *) data;
  gsize in_left = len;
  char buffer[512];
  char *out;
  gsize out_left;

  g_iconv (conv, NULL, NULL, NULL, NULL);
  while (in_left > 0)
    {
      gsize ret;

      out = buffer;
      out_left = sizeof buffer;
      ret = g_iconv (conv, &in, &in_left, &out, &out_left);
      g_string_append_len (utf8, buffer, out - buffer);
      if (ret == (gsize) -1 && errno != E2BIG)
        {
          /* EILSEQ or EINVAL: a byte that does not convert. */
          g_string_append_unichar (utf8, 0xfffd);
          in++;
          in_left--;
          g_iconv (conv, NULL, NULL, NULL, NULL);
        }
    }
  out = buffer;
  out_left = sizeof buffer;
  g_iconv (conv, NULL, NULL, &out, &out_left);
  g_string_append_len (utf8, buffer, out - buffer);

  /* The converter's output is UTF-8; this shows its control characters. */
  return decode_utf8 (utf8->str, utf8->len);
}

char *
ferry_list_decode_name (const char             *data,
                        gsize                   len,
                        const FerryListContext *ctx)
{
  GIConv conv;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (ctx == NULL || charset_is_utf8 (ctx->charset) || is_printable_ascii (data, len))
    return decode_utf8 (data, len);

  conv = get_converter (ctx->charset);
  if (conv == (GIConv) -1)
    return decode_utf8 (data, len);
  return decode_with_converter (conv, data, len);
}

/* --- small readers --- */

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t';
}

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

static gboolean
all_digits (const char *p,
            gsize       n)
{
  if (n == 0)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

/* Decimal digits only, at most G_MAXINT64. */
static gboolean
parse_decimal (const char *p,
               gsize       n,
               gint64     *out)
{
  guint64 value = 0;

  if (!all_digits (p, n))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      guint digit = p[i] - '0';

      if (value > ((guint64) G_MAXINT64 - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
    }
  *out = (gint64) value;
  return TRUE;
}

static gboolean
parse_octal (const char *p,
             gsize       n,
             guint      *out)
{
  guint value = 0;

  if (n == 0 || n > 7)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (p[i] < '0' || p[i] > '7')
        return FALSE;
      value = value * 8 + (p[i] - '0');
    }
  *out = value & 07777;
  return TRUE;
}

/* Two or fewer digits, for days, hours and minutes. */
static gboolean
parse_small (const char *p,
             gsize       n,
             int        *out)
{
  if (n < 1 || n > 2 || !all_digits (p, n))
    return FALSE;
  *out = n == 1 ? p[0] - '0' : (p[0] - '0') * 10 + (p[1] - '0');
  return TRUE;
}

static int
parse_month (const char *p,
             gsize       n)
{
  static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";

  if (n != 3)
    return 0;
  for (int i = 0; i < 12; i++)
    if (g_ascii_strncasecmp (p, names + i * 3, 3) == 0)
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

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 era;
  guint yoe, doy, doe;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = (guint) (year - era * 400);
  doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

static gboolean
date_is_valid (int year,
               int month,
               int day)
{
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
         g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* Seconds since the epoch of a wall-clock time @offset_minutes east of UTC. */
static gint64
unix_time (int year,
           int month,
           int day,
           int hour,
           int minute,
           int second,
           int offset_minutes)
{
  return days_from_civil (year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 +
         MIN (second, 59) - (gint64) offset_minutes * 60;
}

static GDateTime *
date_time_new (gint64 seconds,
               int    usec)
{
  GDateTime *dt = g_date_time_new_from_unix_utc (seconds);

  if (dt != NULL && usec > 0)
    {
      GDateTime *with_usec = g_date_time_add (dt, usec);

      g_date_time_unref (dt);
      dt = with_usec;
    }
  return dt;
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
  return date_time_new (best, 0);
}

static gboolean
is_blank (const char *line,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!is_space (line[i]) && line[i] != '\r')
      return FALSE;
  return TRUE;
}

static gboolean
span_equal_ascii (const char *line,
                  Span        s,
                  const char *word)
{
  gsize n = strlen (word);

  return span_len (s) == n && g_ascii_strncasecmp (line + s.start, word, n) == 0;
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

          e->modified = date_time_new (unix_time (date.year, date.month, date.day, date.hour,
                                                  date.minute, date.second,
                                                  date.has_time ? offset : 0),
                                       date.usec);
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
      const char *arrow = g_strstr_len (name, span_len (e->name), " -> ");

      /* g_strstr_len stops at a NUL byte; a name with one has no arrow then. */
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
      for (gsize i = len - 1; i > e->name.start + 1; i--)
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
      e->modified = date_time_new (unix_time (year, month, day, hour, minute, 0,
                                              ctx->timezone_offset_minutes),
                                   0);
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

/* --- making the file --- */

static char *
decode_span (const char             *line,
             Span                    s,
             const FerryListContext *ctx)
{
  if (span_len (s) == 0)
    return NULL;
  return ferry_list_decode_name (line + s.start, span_len (s), ctx);
}

static FerryRemoteFile *
entry_to_file (const char             *line,
               Entry                  *e,
               const FerryListContext *ctx)
{
  g_autoptr(GBytes) raw = g_bytes_new (line + e->name.start, span_len (e->name));
  g_autofree char *name = decode_span (line, e->name, ctx);
  g_autofree char *target = decode_span (line, e->target, ctx);
  g_autofree char *permissions = decode_span (line, e->permissions, NULL);
  g_autofree char *owner = decode_span (line, e->owner, ctx);
  g_autofree char *group = decode_span (line, e->group, ctx);
  FerryRemoteFile *file = ferry_remote_file_new (raw, name, e->kind);

  if (target != NULL)
    ferry_remote_file_set_link_target (file, target);
  if (e->kind == FERRY_REMOTE_FILE_KIND_LINK)
    ferry_remote_file_set_link_target_kind (file, e->target_kind);
  ferry_remote_file_set_size (file, e->size);
  ferry_remote_file_set_modified (file, e->modified, e->has_time);
  ferry_remote_file_set_mode (file, e->mode);
  ferry_remote_file_set_permissions (file, permissions);
  ferry_remote_file_set_owner (file, owner);
  ferry_remote_file_set_group (file, group);
  return file;
}

static void
set_unreadable_error (GError    **error,
                      const char *line,
                      gsize       len,
                      const char *why)
{
  g_autofree char *quoted = ferry_sanitize_for_display (line, len, QUOTE_CHARS);

  g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
               "Ferry could not read the listing line “%s”: %s", quoted, why);
}

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
    ctx = &default_context;
  if (is_blank (line, len) || is_total_line (line, len))
    return NULL;

  entry_init (&e);
  if (!parse_eplf (line, len, &e))
    {
      entry_clear (&e);
      if (!parse_unix (line, len, ctx, &e))
        {
          entry_clear (&e);
          if (!parse_dos (line, len, ctx, &e))
            {
              entry_clear (&e);
              set_unreadable_error (error, line, len,
                                    "it is in none of the listing formats Ferry knows "
                                    "(Unix, DOS/IIS and EPLF).");
              return NULL;
            }
        }
    }

  file = entry_to_file (line, &e, ctx);
  entry_clear (&e);
  return file;
}

/* --- MLSD: RFC 3659 §7 --- */

static gboolean
fact_name_is (const char *p,
              gsize       n,
              const char *name)
{
  return strlen (name) == n && g_ascii_strncasecmp (p, name, n) == 0;
}

/* "YYYYMMDDHHMMSS[.sss]", UTC */
static GDateTime *
parse_mlsd_time (const char *p,
                 gsize       n)
{
  gint64 year;
  int month, day, hour, minute, second;
  int usec = 0;

  if (n < 14 || !all_digits (p, 14) || !parse_decimal (p, 4, &year) ||
      !parse_small (p + 4, 2, &month) || !parse_small (p + 6, 2, &day) ||
      !parse_small (p + 8, 2, &hour) || !parse_small (p + 10, 2, &minute) ||
      !parse_small (p + 12, 2, &second))
    return NULL;
  if (n > 14)
    {
      int scale = 100000;

      if (p[14] != '.' || !all_digits (p + 15, n - 15))
        return NULL;
      for (gsize i = 15; i < n && scale > 0; i++, scale /= 10)
        usec += (p[i] - '0') * scale;
    }
  if (!date_is_valid ((int) year, month, day) || hour > 23 || minute > 59 || second > 60)
    return NULL;
  return date_time_new (unix_time ((int) year, month, day, hour, minute, second, 0), usec);
}

FerryRemoteFile *
ferry_mlsd_parse_line (const char             *line,
                       gsize                   len,
                       const FerryListContext *ctx,
                       GError                **error)
{
  Entry e;
  Span facts = { 0, 0 };
  Span uid = { 0, 0 }, gid = { 0, 0 }, owner = { 0, 0 }, group = { 0, 0 };
  Span perm = { 0, 0 }, unix_mode = { 0, 0 };
  FerryRemoteFile *file;
  gsize name_start;
  gsize i;

  g_return_val_if_fail (line != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (ctx == NULL)
    ctx = &default_context;
  if (is_blank (line, len))
    return NULL;

  /* The facts end at the first "; " (values have no spaces, names may have
   * ';'); a line with no facts begins with the space. Some servers leave out
   * the last ';'. */
  if (line[0] == ' ')
    name_start = 1;
  else
    {
      for (i = 0; i + 1 < len; i++)
        if (line[i] == ';' && line[i + 1] == ' ')
          break;
      if (i + 1 < len)
        {
          facts.end = i + 1;
          name_start = i + 2;
        }
      else
        {
          const char *space = memchr (line, ' ', len);

          if (space == NULL || memchr (line, '=', space - line) == NULL)
            {
              set_unreadable_error (error, line, len,
                                    "an MLSD line has facts, a space and a name.");
              return NULL;
            }
          facts.end = space - line;
          name_start = facts.end + 1;
        }
    }
  if (name_start >= len)
    {
      set_unreadable_error (error, line, len, "the entry has no name.");
      return NULL;
    }

  entry_init (&e);
  e.kind = FERRY_REMOTE_FILE_KIND_FILE;
  e.name.start = name_start;
  e.name.end = len;

  for (i = facts.start; i < facts.end;)
    {
      const char *p = line + i;
      const char *semi = memchr (p, ';', facts.end - i);
      gsize n = (semi != NULL ? semi : line + facts.end) - p;
      const char *eq = memchr (p, '=', n);
      Span value;
      gsize name_len;

      i += n + 1;
      if (eq == NULL)
        continue;
      name_len = eq - p;
      value.start = eq + 1 - line;
      value.end = p + n - line;

      if (fact_name_is (p, name_len, "type"))
        {
          const char *v = line + value.start;
          gsize vlen = span_len (value);

          if (fact_name_is (v, vlen, "cdir") || fact_name_is (v, vlen, "pdir"))
            {
              entry_clear (&e);
              return NULL;
            }
          if (fact_name_is (v, vlen, "file"))
            e.kind = FERRY_REMOTE_FILE_KIND_FILE;
          else if (fact_name_is (v, vlen, "dir"))
            e.kind = FERRY_REMOTE_FILE_KIND_DIRECTORY;
          else if (vlen >= 13 && g_ascii_strncasecmp (v, "OS.unix=slink", 13) == 0)
            {
              e.kind = FERRY_REMOTE_FILE_KIND_LINK;
              if (vlen > 14 && v[13] == ':')
                {
                  e.target.start = value.start + 14;
                  e.target.end = value.end;
                }
            }
          else if (fact_name_is (v, vlen, "OS.unix=symlink"))
            e.kind = FERRY_REMOTE_FILE_KIND_LINK;
          else
            e.kind = FERRY_REMOTE_FILE_KIND_SPECIAL;
        }
      else if (fact_name_is (p, name_len, "size"))
        {
          gint64 size;

          if (parse_decimal (line + value.start, span_len (value), &size))
            e.size = size;
        }
      else if (fact_name_is (p, name_len, "modify"))
        {
          g_clear_pointer (&e.modified, g_date_time_unref);
          e.modified = parse_mlsd_time (line + value.start, span_len (value));
          e.has_time = e.modified != NULL;
        }
      else if (fact_name_is (p, name_len, "perm"))
        perm = value;
      else if (fact_name_is (p, name_len, "UNIX.mode"))
        {
          if (parse_octal (line + value.start, span_len (value), &e.mode))
            unix_mode = value;
        }
      else if (fact_name_is (p, name_len, "UNIX.owner") || fact_name_is (p, name_len, "UNIX.uid"))
        uid = value;
      else if (fact_name_is (p, name_len, "UNIX.group") || fact_name_is (p, name_len, "UNIX.gid"))
        gid = value;
      else if (fact_name_is (p, name_len, "UNIX.ownername"))
        owner = value;
      else if (fact_name_is (p, name_len, "UNIX.groupname"))
        group = value;
    }

  e.permissions = span_len (perm) > 0 ? perm : unix_mode;
  e.owner = span_len (owner) > 0 ? owner : uid;
  e.group = span_len (group) > 0 ? group : gid;

  file = entry_to_file (line, &e, ctx);
  entry_clear (&e);
  return file;
}

/* --- names that become local paths --- */

gboolean
ferry_remote_name_is_safe (GBytes  *raw_name,
                           GError **error)
{
  g_autofree char *quoted = NULL;
  const char *data;
  gsize len;
  const char *why = NULL;

  g_return_val_if_fail (raw_name != NULL, FALSE);

  data = g_bytes_get_data (raw_name, &len);
  if (len == 0)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
                           "The server listed an entry with an empty name; Ferry cannot give "
                           "it a local name.");
      return FALSE;
    }

  if ((len == 1 && data[0] == '.') || (len == 2 && data[0] == '.' && data[1] == '.'))
    why = "it names the folder itself or its parent";
  for (gsize i = 0; why == NULL && i < len; i++)
    {
      guchar c = data[i];

      if (c == '/')
        why = "it contains a slash (/)";
      else if (c == '\\')
        why = "it contains a backslash (\\)";
      else if (c == 0)
        why = "it contains a NUL byte";
      else if (c < 0x20 || c == 0x7f)
        why = "it contains a control character";
    }
  if (why == NULL)
    return TRUE;

  quoted = ferry_sanitize_for_display (data, len, QUOTE_CHARS);
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
               "The server listed an entry named “%s”, which Ferry will not use as a local "
               "file name: %s. It is shown, but cannot be downloaded as it is; rename it on "
               "the server.",
               quoted, why);
  return FALSE;
}
