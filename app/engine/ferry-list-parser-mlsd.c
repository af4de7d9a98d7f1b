/* ferry-list-parser-mlsd.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MLSD lines (RFC 3659 §7): machine-readable facts, then a space, then the
 * name. ferry_mlsd_parse_line() of ferry-list-parser.h.
 */
#define G_LOG_DOMAIN "ferry-list-parser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-list-parser-private.h"

/* Fact names and types are case-insensitive. */
static gboolean
fact_name_is (const char *p,
              gsize       n,
              const char *name)
{
  return ascii_case_equal (p, n, name);
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
  return ferry_list_date_time_new (unix_time ((int) year, month, day, hour, minute, second, 0),
                                   usec);
}

/* Reads @line into @e; FALSE with *@why when it is no MLSD line. */
static gboolean
read_mlsd (const char  *line,
           gsize        len,
           Entry       *e,
           const char **why)
{
  Span facts = { 0, 0 };
  Span uid = { 0, 0 }, gid = { 0, 0 }, owner = { 0, 0 }, group = { 0, 0 };
  Span perm = { 0, 0 }, unix_mode = { 0, 0 };
  gsize name_start;
  gsize i;

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
              *why = _("an MLSD line has facts, a space and a name.");
              return FALSE;
            }
          facts.end = space - line;
          name_start = facts.end + 1;
        }
    }
  if (name_start >= len)
    {
      *why = _("the entry has no name.");
      return FALSE;
    }

  e->kind = FERRY_REMOTE_FILE_KIND_FILE;
  e->name.start = name_start;
  e->name.end = len;

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
              e->skip = TRUE;
              return TRUE;
            }
          if (fact_name_is (v, vlen, "file"))
            e->kind = FERRY_REMOTE_FILE_KIND_FILE;
          else if (fact_name_is (v, vlen, "dir"))
            e->kind = FERRY_REMOTE_FILE_KIND_DIRECTORY;
          else if (vlen >= 13 && fact_name_is (v, 13, "OS.unix=slink"))
            {
              e->kind = FERRY_REMOTE_FILE_KIND_LINK;
              if (vlen > 14 && v[13] == ':')
                {
                  e->target.start = value.start + 14;
                  e->target.end = value.end;
                }
            }
          else if (fact_name_is (v, vlen, "OS.unix=symlink"))
            e->kind = FERRY_REMOTE_FILE_KIND_LINK;
          else
            e->kind = FERRY_REMOTE_FILE_KIND_SPECIAL;
        }
      else if (fact_name_is (p, name_len, "size"))
        {
          gint64 size;

          if (parse_decimal (line + value.start, span_len (value), &size))
            e->size = size;
        }
      else if (fact_name_is (p, name_len, "modify"))
        {
          g_clear_pointer (&e->modified, g_date_time_unref);
          e->modified = parse_mlsd_time (line + value.start, span_len (value));
          e->has_time = e->modified != NULL;
        }
      else if (fact_name_is (p, name_len, "perm"))
        perm = value;
      else if (fact_name_is (p, name_len, "UNIX.mode"))
        {
          if (parse_octal (line + value.start, span_len (value), &e->mode))
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

  e->permissions = span_len (perm) > 0 ? perm : unix_mode;
  e->owner = span_len (owner) > 0 ? owner : uid;
  e->group = span_len (group) > 0 ? group : gid;
  return TRUE;
}

FerryRemoteFile *
ferry_mlsd_parse_line (const char             *line,
                       gsize                   len,
                       const FerryListContext *ctx,
                       GError                **error)
{
  Entry e;
  FerryRemoteFile *file = NULL;
  const char *why = NULL;

  g_return_val_if_fail (line != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (ctx == NULL)
    ctx = &ferry_list_default_context;
  if (is_blank (line, len))
    return NULL;

  entry_init (&e);
  if (!read_mlsd (line, len, &e, &why))
    ferry_list_set_unreadable_error (error, line, len, why);
  else if (!e.skip)
    file = ferry_list_entry_to_file (line, &e, ctx);
  ferry_list_entry_clear (&e);
  return file;
}

/* A LIST reply in MLSD's form (some servers send one): the line must begin
 * with a fact MLSD defines, "name=value;", and have its "; " before the name,
 * so that no other format's line is taken. */
gboolean
ferry_list_read_mlsd_in_list (const char             *line,
                              gsize                   len,
                              const FerryListContext *ctx,
                              Entry                  *e)
{
  static const char * const facts[] = {
    "type", "size", "modify", "perm", "unique", "create", "lang", "media-type", "charset",
    "sizd", "UNIX.mode", "UNIX.owner", "UNIX.group", "UNIX.uid", "UNIX.gid",
  };
  const char *eq = memchr (line, '=', len);
  const char *why;
  gboolean known = FALSE;

  if (eq == NULL || memmem (line, len, "; ", 2) == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (facts) && !known; i++)
    known = fact_name_is (line, eq - line, facts[i]);
  if (!known || memchr (line, ';', len) < (const void *) eq)
    return FALSE;
  return read_mlsd (line, len, e, &why);
}
