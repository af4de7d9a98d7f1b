/* ferry-list-parser-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the LIST reader (ferry-list-parser.c) and the MLSD reader
 * (ferry-list-parser-mlsd.c) share with ferry-list-parser-common.c: spans of
 * a line, the entry a reader fills, numbers, dates and making the file.
 */
#pragma once

#include <string.h>

#include "ferry-list-parser.h"

G_BEGIN_DECLS

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)

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
  Span name_type;  /* not empty: the name is "name.name_type" (z/VM) */
  Span target;     /* empty: no link target */
  int target_kind;
  gint64 size;
  GDateTime *modified;
  gboolean has_time;
  guint mode;
  Span permissions;
  Span owner;
  Span group;
  gboolean skip;   /* a header or footer line: no entry, no error */
} Entry;

/* One format: TRUE when @line is in it, with @e filled (or e->skip set). */
typedef gboolean (*FerryListReader) (const char             *line,
                                     gsize                   len,
                                     const FerryListContext *ctx,
                                     Entry                  *e);

extern const FerryListContext ferry_list_default_context;

static inline gsize
span_len (Span s)
{
  return s.end - s.start;
}

static inline void
entry_init (Entry *e)
{
  memset (e, 0, sizeof *e);
  e->target_kind = -1;
  e->size = -1;
}

/* TRUE when the @n bytes at @p are @word, ignoring ASCII case. */
static inline gboolean
ascii_case_equal (const char *p,
                  gsize       n,
                  const char *word)
{
  gsize i;

  for (i = 0; i < n; i++)
    {
      char a = p[i], b = word[i];

      if (b == '\0')
        return FALSE;
      if (a >= 'A' && a <= 'Z')
        a += 'a' - 'A';
      if (b >= 'A' && b <= 'Z')
        b += 'a' - 'A';
      if (a != b)
        return FALSE;
    }
  return word[i] == '\0';
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t';
}

static inline gboolean
is_blank (const char *line,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!is_space (line[i]) && line[i] != '\r')
      return FALSE;
  return TRUE;
}

static inline gboolean
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
static inline gboolean
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

static inline gboolean
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
static inline gboolean
parse_small (const char *p,
             gsize       n,
             int        *out)
{
  if (n < 1 || n > 2 || !all_digits (p, n))
    return FALSE;
  *out = n == 1 ? p[0] - '0' : (p[0] - '0') * 10 + (p[1] - '0');
  return TRUE;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static inline gint64
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

static inline gboolean
date_is_valid (int year,
               int month,
               int day)
{
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
         g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* Seconds since the epoch of a wall-clock time @offset_minutes east of UTC. */
static inline gint64
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

static inline gboolean
span_equal_ascii (const char *line,
                  Span        s,
                  const char *word)
{
  return ascii_case_equal (line + s.start, span_len (s), word);
}

/* In ferry-list-parser-dates.c. */
/* Splits @line at runs of spaces and tabs; the number of tokens, at most @max. */
guint            ferry_list_tokenize             (const char             *line,
                                                  gsize                   len,
                                                  Span                   *tokens,
                                                  guint                   max);
/* 1–12 for an English or German month name or abbreviation ("Oct", "Okt.",
 * "Juli,", "März"), ignoring case and a trailing '.' or ','; else 0. */
int              ferry_list_parse_month          (const char             *p,
                                                  gsize                   n);
/* "H:MM", "HH:MM", "HH:MM:SS" or "HH:MM:SS.fraction" */
gboolean         ferry_list_parse_time           (const char             *p,
                                                  gsize                   n,
                                                  int                    *hour,
                                                  int                    *minute,
                                                  int                    *second,
                                                  int                    *usec);
/* A date listed without its year: the year that puts it nearest to now (see
 * FerryListContext). */
GDateTime       *ferry_list_date_without_year    (const FerryListContext *ctx,
                                                  int                     month,
                                                  int                     day,
                                                  int                     hour,
                                                  int                     minute);
/* A year of @digits digits: two are 1970–2069, three are 1900 + n (OS/2). */
int              ferry_list_full_year            (gint64                  year,
                                                  gsize                   digits);
/* One token: "YYYY-MM-DD", "YYYY/MM/DD", "YYYY.MM.DD", "DD-MM-YYYY",
 * "DD.MM.YY[YY]", "MM/DD/YY[YY]" (DD/MM when the first is over 12),
 * "MM-DD-YY", "DD-mon-YY[YY]" and "mon-DD-YYYY". */
gboolean         ferry_list_parse_numeric_date   (const char             *p,
                                                  gsize                   n,
                                                  int                    *year,
                                                  int                    *month,
                                                  int                    *day);
/* "33.5k", "2KB", "1.2M", "3G": powers of 1024. */
gboolean         ferry_list_parse_size_with_unit (const char             *p,
                                                  gsize                   n,
                                                  gint64                 *size);
/* Sets e->modified when the date is valid; a time is in the server's zone. */
void             ferry_list_set_date             (const FerryListContext *ctx,
                                                  Entry                  *e,
                                                  int                     year,
                                                  int                     month,
                                                  int                     day,
                                                  gboolean                has_time,
                                                  int                     hour,
                                                  int                     minute,
                                                  int                     second);

/* The readers, each in the file named after its formats. */
gboolean ferry_list_read_mlsd_in_list (const char *line, gsize len,
                                       const FerryListContext *ctx, Entry *e);
gboolean ferry_list_read_dos          (const char *line, gsize len,
                                       const FerryListContext *ctx, Entry *e);
gboolean ferry_list_read_vms          (const char *line, gsize len,
                                       const FerryListContext *ctx, Entry *e);
gboolean ferry_list_read_mvs_dataset  (const char *line, gsize len,
                                       const FerryListContext *ctx, Entry *e);
gboolean ferry_list_read_mvs_member   (const char *line, gsize len,
                                       const FerryListContext *ctx, Entry *e);
gboolean ferry_list_read_zvm          (const char *line, gsize len,
                                       const FerryListContext *ctx, Entry *e);
gboolean ferry_list_read_as400        (const char *line, gsize len,
                                       const FerryListContext *ctx, Entry *e);
gboolean ferry_list_read_os2          (const char *line, gsize len,
                                       const FerryListContext *ctx, Entry *e);
gboolean ferry_list_read_vshell       (const char *line, gsize len,
                                       const FerryListContext *ctx, Entry *e);
gboolean ferry_list_read_vxworks      (const char *line, gsize len,
                                       const FerryListContext *ctx, Entry *e);
gboolean ferry_list_read_wfftp        (const char *line, gsize len,
                                       const FerryListContext *ctx, Entry *e);
gboolean ferry_list_read_os9          (const char *line, gsize len,
                                       const FerryListContext *ctx, Entry *e);
gboolean ferry_list_read_tandem       (const char *line, gsize len,
                                       const FerryListContext *ctx, Entry *e);
/* Header lines, which say what the server is (AUTO: not a header). */
FerryServerType ferry_list_header_type (const char *line, gsize len);
/* A VMS name alone on its line, continued on the next. */
gboolean ferry_list_is_vms_name_line  (const char *line, gsize len);

/* In ferry-list-parser-common.c. */
void             ferry_list_entry_clear          (Entry                  *e);
/* A UTC date and time from Unix seconds and microseconds; NULL out of range. */
GDateTime       *ferry_list_date_time_new        (gint64                  seconds,
                                                  int                     usec);
/* Decodes the spans of @e as @ctx says; takes e->modified. */
FerryRemoteFile *ferry_list_entry_to_file        (const char             *line,
                                                  Entry                  *e,
                                                  const FerryListContext *ctx);
/* FERRY_ERROR_PROTOCOL quoting @line (sanitised) and saying @why. */
void             ferry_list_set_unreadable_error (GError                **error,
                                                  const char             *line,
                                                  gsize                   len,
                                                  const char             *why);

G_END_DECLS
