/* ferry-list-parser-ibm.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * IBM's systems, as their FTP servers list them:
 *
 * z/OS (MVS) datasets, after the header "Volume Unit Referred Ext Used Recfm
 * Lrecl BlkSz Dsorg Dsname":
 *   WRK001 3390   2024/01/15  1   15  FB      80 27920  PS  USER.DATA
 *   WRK002 3390   **NONE**    1    1  FB      80 27920  PO  USER.SOURCE
 *   Migrated                                                USER.OLD.DATA
 *   VSAM                                                    USER.KSDS
 * Partitioned dataset members, after " Name     VV.MM   Created ...":
 *   MEMBER1   01.03 2002/09/12 2002/10/11 09:37    11    10     0 USER1
 *   MEMBER2                    (no statistics: the name alone)
 * z/VM (CMS minidisks and SFS folders):
 *   PROFILE  EXEC     V         80         17          1 2003-06-11 10:16:29 -
 * IBM i (AS/400):
 *   QSYS           77824 02/23/00 15:09:55 *DIR       /
 *   QSECOFR        36864 04.04.03 17:07:05 *FILE      QSYSPRTR.FILE
 *   QSECOFR                                *MEM       QSYSPRTR.FILE/QSYSPRTR.MBR
 *
 * MVS and z/VM give no size in bytes (tracks and records are not bytes), so
 * the size is unknown except for fixed-length z/VM records.
 */
#define G_LOG_DOMAIN "ferry-list-parser"

#include "config.h"

#include "ferry-list-parser-private.h"

/* The header lines of the formats above and of HP NonStop's; each says what
 * the server is. Compared as words, any spacing. */
FerryServerType
ferry_list_header_type (const char *line,
                        gsize       len)
{
  static const struct
  {
    const char *words[4];
    FerryServerType type;
  } headers[] = {
    { { "Volume", "Unit", "Referred", "Ext" }, FERRY_SERVER_TYPE_MVS },
    { { "Name", "VV.MM", "Created", "Changed" }, FERRY_SERVER_TYPE_MVS },
    { { "Name", "Size", "TTR", "Alias-of" }, FERRY_SERVER_TYPE_MVS },
    { { "File", "Code", "EOF", "Last" }, FERRY_SERVER_TYPE_TANDEM },
  };
  Span tok[4];
  guint n = ferry_list_tokenize (line, len, tok, G_N_ELEMENTS (tok));

  if (n == 2 && span_equal_ascii (line, tok[0], "Directory") &&
      line[tok[1].end - 1] == ']')
    return FERRY_SERVER_TYPE_VMS;
  if (n >= 3 && (span_equal_ascii (line, tok[0], "Total") ||
                 span_equal_ascii (line, tok[0], "Grand")) &&
      (span_equal_ascii (line, tok[1], "of") || span_equal_ascii (line, tok[1], "total")))
    return FERRY_SERVER_TYPE_VMS;
  if (n < 4)
    return FERRY_SERVER_TYPE_AUTO;
  for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
    {
      guint i;

      for (i = 0; i < 4; i++)
        if (!span_equal_ascii (line, tok[i], headers[h].words[i]))
          break;
      if (i == 4)
        return headers[h].type;
    }
  return FERRY_SERVER_TYPE_AUTO;
}

/* Letters, digits and the national characters @ # $ (and '-' for z/OS UNIX
 * names are not members), 1–8 of them, not beginning with a digit. */
static gboolean
is_member_name (const char *p,
                gsize       n)
{
  if (n < 1 || n > 8 || g_ascii_isdigit (p[0]))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (p[i]) && p[i] != '@' && p[i] != '#' && p[i] != '$')
      return FALSE;
  return TRUE;
}

/* "YYYY/MM/DD" */
static gboolean
parse_slash_date (const char *p,
                  gsize       n,
                  int        *year,
                  int        *month,
                  int        *day)
{
  return n == 10 && p[4] == '/' &&
         ferry_list_parse_numeric_date (p, n, year, month, day);
}

static gboolean
is_number_or_unknown (const char *line,
                      Span        s)
{
  return all_digits (line + s.start, span_len (s)) || span_equal_ascii (line, s, "?");
}

gboolean
ferry_list_read_mvs_dataset (const char             *line,
                             gsize                   len,
                             const FerryListContext *ctx,
                             Entry                  *e)
{
  Span tok[11];
  guint n = ferry_list_tokenize (line, len, tok, G_N_ELEMENTS (tok));
  int year = 0, month = 0, day = 0;
  const char *dsorg;
  gsize dsorg_len;

  /* "Migrated NAME", "VSAM NAME", "Pseudo Directory NAME" */
  if (n == 2 && (span_equal_ascii (line, tok[0], "Migrated") ||
                 span_equal_ascii (line, tok[0], "VSAM")))
    {
      e->kind = FERRY_REMOTE_FILE_KIND_FILE;
      e->name = tok[1];
      return TRUE;
    }
  if (n == 3 && span_equal_ascii (line, tok[0], "Pseudo") &&
      span_equal_ascii (line, tok[1], "Directory"))
    {
      e->kind = FERRY_REMOTE_FILE_KIND_DIRECTORY;
      e->name = tok[2];
      return TRUE;
    }

  if (n != 10 || span_len (tok[0]) > 6)
    return FALSE;
  if (!span_equal_ascii (line, tok[2], "**NONE**") &&
      !parse_slash_date (line + tok[2].start, span_len (tok[2]), &year, &month, &day))
    return FALSE;
  for (guint i = 3; i <= 7; i++)
    if (i != 5 && !is_number_or_unknown (line, tok[i]))
      return FALSE;
  for (gsize i = tok[5].start; i < tok[5].end; i++)
    if (!strchr ("FVBUSAM?", line[i]))
      return FALSE;

  dsorg = line + tok[8].start;
  dsorg_len = span_len (tok[8]);
  if (ascii_case_equal (dsorg, dsorg_len, "PO") || ascii_case_equal (dsorg, dsorg_len, "PO-E"))
    e->kind = FERRY_REMOTE_FILE_KIND_DIRECTORY;
  else if (ascii_case_equal (dsorg, dsorg_len, "PS") || ascii_case_equal (dsorg, dsorg_len, "DA") ||
           ascii_case_equal (dsorg, dsorg_len, "IS") || ascii_case_equal (dsorg, dsorg_len, "VS") ||
           ascii_case_equal (dsorg, dsorg_len, "?"))
    e->kind = FERRY_REMOTE_FILE_KIND_FILE;
  else
    return FALSE;

  e->name = tok[9];
  if (year != 0)
    ferry_list_set_date (ctx, e, year, month, day, FALSE, 0, 0, 0);
  return TRUE;
}

gboolean
ferry_list_read_mvs_member (const char             *line,
                            gsize                   len,
                            const FerryListContext *ctx,
                            Entry                  *e)
{
  Span tok[10];
  guint n = ferry_list_tokenize (line, len, tok, G_N_ELEMENTS (tok));
  int year, month, day, hour, minute, second, usec;

  if (n == 0 || !is_member_name (line + tok[0].start, span_len (tok[0])))
    return FALSE;
  e->kind = FERRY_REMOTE_FILE_KIND_FILE;
  e->name = tok[0];

  /* The name alone (no statistics): only where the server is known to be MVS,
   * for any word alone on a line would be read so. */
  if (n == 1)
    return ctx->server_type == FERRY_SERVER_TYPE_MVS;

  /* "NAME VV.MM CREATED CHANGED HH:MM SIZE INIT MOD ID" */
  if (n != 9 || span_len (tok[1]) != 5 || line[tok[1].start + 2] != '.' ||
      !all_digits (line + tok[1].start, 2) || !all_digits (line + tok[1].start + 3, 2) ||
      !parse_slash_date (line + tok[2].start, span_len (tok[2]), &year, &month, &day) ||
      !parse_slash_date (line + tok[3].start, span_len (tok[3]), &year, &month, &day) ||
      !ferry_list_parse_time (line + tok[4].start, span_len (tok[4]), &hour, &minute, &second,
                              &usec) ||
      !all_digits (line + tok[5].start, span_len (tok[5])) ||
      !all_digits (line + tok[6].start, span_len (tok[6])) ||
      !all_digits (line + tok[7].start, span_len (tok[7])))
    return FALSE;
  e->owner = tok[8];
  ferry_list_set_date (ctx, e, year, month, day, TRUE, hour, minute, second);
  return TRUE;
}

/* "fname ftype recfm lrecl records blocks date time label" */
gboolean
ferry_list_read_zvm (const char             *line,
                     gsize                   len,
                     const FerryListContext *ctx,
                     Entry                  *e)
{
  Span tok[10];
  guint n = ferry_list_tokenize (line, len, tok, G_N_ELEMENTS (tok));
  int year, month, day, hour, minute, second, usec;
  gboolean dir;
  gint64 lrecl = 0, records = 0;

  if (n != 9 || span_len (tok[0]) > 8 || span_len (tok[1]) > 8)
    return FALSE;
  dir = span_equal_ascii (line, tok[1], "DIR");
  if (dir)
    {
      for (guint i = 2; i <= 5; i++)
        if (!span_equal_ascii (line, tok[i], "-"))
          return FALSE;
    }
  else if ((!span_equal_ascii (line, tok[2], "F") && !span_equal_ascii (line, tok[2], "V")) ||
           !parse_decimal (line + tok[3].start, span_len (tok[3]), &lrecl) ||
           !parse_decimal (line + tok[4].start, span_len (tok[4]), &records) ||
           !all_digits (line + tok[5].start, span_len (tok[5])))
    return FALSE;
  if (!ferry_list_parse_numeric_date (line + tok[6].start, span_len (tok[6]), &year, &month,
                                      &day) ||
      !ferry_list_parse_time (line + tok[7].start, span_len (tok[7]), &hour, &minute, &second,
                              &usec))
    return FALSE;

  e->kind = dir ? FERRY_REMOTE_FILE_KIND_DIRECTORY : FERRY_REMOTE_FILE_KIND_FILE;
  /* "PROFILE EXEC" is the file PROFILE.EXEC; a folder is its first word. */
  e->name = tok[0];
  if (!dir)
    e->name_type = tok[1];
  if (!dir && span_equal_ascii (line, tok[2], "F") && lrecl <= G_MAXINT32 &&
      records <= G_MAXINT32)
    e->size = lrecl * records;
  if (!span_equal_ascii (line, tok[8], "-"))
    e->owner = tok[8];
  ferry_list_set_date (ctx, e, year, month, day, TRUE, hour, minute, second);
  return TRUE;
}

gboolean
ferry_list_read_as400 (const char             *line,
                       gsize                   len,
                       const FerryListContext *ctx,
                       Entry                  *e)
{
  Span tok[6];
  guint n = ferry_list_tokenize (line, len, tok, G_N_ELEMENTS (tok));
  guint t;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, usec;
  const char *type;
  gsize type_len, i;

  if (n < 3)
    return FALSE;
  if (line[tok[1].start] == '*')
    t = 1; /* "OWNER *MEM NAME" */
  else if (n >= 6 && all_digits (line + tok[1].start, span_len (tok[1])) &&
           ferry_list_parse_numeric_date (line + tok[2].start, span_len (tok[2]), &year,
                                          &month, &day) &&
           ferry_list_parse_time (line + tok[3].start, span_len (tok[3]), &hour, &minute,
                                  &second, &usec))
    {
      t = 4;
      parse_decimal (line + tok[1].start, span_len (tok[1]), &e->size);
    }
  else
    return FALSE;

  type = line + tok[t].start;
  type_len = span_len (tok[t]);
  if (type_len < 3 || type[0] != '*')
    return FALSE;
  for (i = 1; i < type_len; i++)
    if (!g_ascii_isupper (type[i]))
      return FALSE;

  /* The name is the rest of the line after the type and its padding. */
  if (t + 1 >= n)
    return FALSE;
  e->name.start = tok[t + 1].start;
  e->name.end = len;
  while (e->name.end > e->name.start + 1 && line[e->name.end - 1] == '/')
    e->name.end--;
  if (line[e->name.end - 1] == '/')
    return FALSE; /* "/" itself */

  if (ascii_case_equal (type, type_len, "*DIR") || ascii_case_equal (type, type_len, "*LIB") ||
      ascii_case_equal (type, type_len, "*FLR") ||
      (ascii_case_equal (type, type_len, "*FILE") && e->name.end - e->name.start > 5 &&
       ascii_case_equal (line + e->name.end - 5, 5, ".FILE")))
    e->kind = FERRY_REMOTE_FILE_KIND_DIRECTORY;
  else
    e->kind = FERRY_REMOTE_FILE_KIND_FILE;

  /* A path ("/QDOC/FOLDER") and a member with its file
   * ("QSYSPRTR.FILE/QSYSPRTR.MBR") are listed by their last part. */
  for (gsize k = e->name.end; k > e->name.start; k--)
    if (line[k - 1] == '/')
      {
        e->name.start = k;
        break;
      }

  e->owner = tok[0];
  if (year != 0)
    ferry_list_set_date (ctx, e, year, month, day, TRUE, hour, minute, second);
  return TRUE;
}
