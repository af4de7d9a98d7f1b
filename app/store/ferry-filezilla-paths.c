/* ferry-filezilla-paths.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What FileZilla's sitemanager.xml says about a server's paths: the server
 * types (<Type>, and the first number of a RemoteDir) and RemoteDir itself,
 * "TYPE PREFIXLEN [PREFIX] LEN SEGMENT LEN SEGMENT …" (CServerPath), both
 * ways. Used by the import (ferry-filezilla.c) and the export.
 */
#define G_LOG_DOMAIN "ferry-filezilla"

#include "config.h"

#include <string.h>

#include "ferry-filezilla-private.h"
#include "ferry-filezilla.h"

/* RemoteDir ------------------------------------------------------------------ */

static gboolean
read_number (const char **p,
             guint       *out)
{
  guint value = 0;
  guint digits = 0;

  while (g_ascii_isdigit (**p))
    {
      if (++digits > 6)
        return FALSE;
      value = value * 10 + (**p - '0');
      (*p)++;
    }
  *out = value;
  return digits > 0;
}

static gboolean
expect_space (const char **p)
{
  if (**p != ' ')
    return FALSE;
  (*p)++;
  return TRUE;
}

/* Takes @count characters (code points, as FileZilla counts them on Linux). */
static char *
take_chars (const char **p,
            guint        count)
{
  const char *start = *p;

  for (guint i = 0; i < count; i++)
    {
      if (**p == '\0')
        return NULL;
      *p = g_utf8_next_char (*p);
    }
  return g_strndup (start, *p - start);
}

static gboolean
segment_is_valid (const char *segment)
{
  if (*segment == '\0' || strcmp (segment, ".") == 0 || strcmp (segment, "..") == 0)
    return FALSE;
  for (const char *c = segment; *c; c++)
    if (*c == '/' || (guchar) *c < 0x20 || *c == 0x7f)
      return FALSE;
  return TRUE;
}

char *
ferry_filezilla_remote_dir_decode (const char *text)
{
  g_autoptr (GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *prefix = NULL;
  const char *p = text;
  guint type, prefix_len;
  GString *out;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  if (!read_number (&p, &type) || !expect_space (&p) || !read_number (&p, &prefix_len))
    return NULL;
  if (prefix_len > 0)
    {
      if (!expect_space (&p) || (prefix = take_chars (&p, prefix_len)) == NULL)
        return NULL;
    }
  while (*p != '\0')
    {
      guint len;
      char *segment;

      if (!expect_space (&p) || !read_number (&p, &len) || len == 0 || !expect_space (&p))
        return NULL;
      segment = take_chars (&p, len);
      if (segment == NULL)
        return NULL;
      g_ptr_array_add (segments, segment);
      if (!segment_is_valid (segment) && !(type == FZ_PATH_DOS && segments->len == 1))
        return NULL;
    }

  /* A prefix only appears with server types Ferry does not speak (VMS, MVS). */
  if (prefix != NULL)
    return NULL;

  out = g_string_new (NULL);
  switch (type)
    {
    case FZ_PATH_DEFAULT:
    case FZ_PATH_UNIX:
    case FZ_PATH_CYGWIN:
      for (guint i = 0; i < segments->len; i++)
        g_string_append_printf (out, "/%s", (char *) g_ptr_array_index (segments, i));
      if (out->len == 0)
        g_string_append_c (out, '/');
      break;

    case FZ_PATH_DOS:
    case FZ_PATH_DOS_FWD_SLASHES:
      {
        const char *separator = type == FZ_PATH_DOS ? "\\" : "/";
        const char *drive = segments->len > 0 ? g_ptr_array_index (segments, 0) : "";

        /* The first segment is the drive ("C:"): without it the path is
         * not one FileZilla writes, nor one it could be written back as. */
        if (!g_ascii_isalpha (drive[0]) || drive[1] != ':' || drive[2] != '\0')
          {
            g_string_free (out, TRUE);
            return NULL;
          }
        g_string_append (out, g_ptr_array_index (segments, 0));
        for (guint i = 1; i < segments->len; i++)
          g_string_append_printf (out, "%s%s", separator,
                                  (char *) g_ptr_array_index (segments, i));
        if (segments->len == 1)
          g_string_append (out, separator);
      }
      break;

    case FZ_PATH_DOS_VIRTUAL:
      for (guint i = 0; i < segments->len; i++)
        g_string_append_printf (out, "\\%s", (char *) g_ptr_array_index (segments, i));
      if (out->len == 0)
        g_string_append_c (out, '\\');
      break;

    default:
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static void
append_segment (GString    *out,
                const char *segment)
{
  g_string_append_printf (out, " %ld %s", g_utf8_strlen (segment, -1), segment);
}

char *
ferry_filezilla_remote_dir_encode (const char *path)
{
  g_auto (GStrv) parts = NULL;
  GString *out;
  guint type;

  if (path == NULL || *path == '\0')
    return g_strdup ("");
  if (!g_utf8_validate (path, -1, NULL))
    return NULL;

  if (path[0] == '/')
    {
      type = FZ_PATH_UNIX;
      parts = g_strsplit (path, "/", -1);
    }
  else if (g_ascii_isalpha (path[0]) && path[1] == ':' && path[2] == '/')
    {
      /* "D:/x": FileZilla's DOS with forward slashes, for servers that want them. */
      type = FZ_PATH_DOS_FWD_SLASHES;
      parts = g_strsplit (path, "/", -1);
    }
  else if (g_ascii_isalpha (path[0]) && path[1] == ':'
           && (path[2] == '\0' || path[2] == '\\'))
    {
      type = FZ_PATH_DOS;
      parts = g_strsplit_set (path, "\\/", -1);
    }
  else if (path[0] == '\\')
    {
      /* "\www": FileZilla's virtual DOS root. */
      type = FZ_PATH_DOS_VIRTUAL;
      parts = g_strsplit (path, "\\", -1);
    }
  else
    return NULL;

  out = g_string_new (NULL);
  g_string_append_printf (out, "%u 0", type);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0')
        continue;
      if (!(type == FZ_PATH_DOS && i == 0) && !segment_is_valid (parts[i]))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      append_segment (out, parts[i]);
    }
  return g_string_free (out, FALSE);
}

/* Server types ---------------------------------------------------------------- */

FerryServerType
ferry_filezilla_server_type_from_fz (int fz_type)
{
  switch (fz_type)
    {
    case FZ_PATH_UNIX:
    case FZ_PATH_CYGWIN:
      return FERRY_SERVER_TYPE_UNIX;
    case FZ_PATH_VMS:
      return FERRY_SERVER_TYPE_VMS;
    case FZ_PATH_DOS:
    case FZ_PATH_DOS_VIRTUAL:
    case FZ_PATH_DOS_FWD_SLASHES:
      return FERRY_SERVER_TYPE_DOS;
    case FZ_PATH_MVS:
      return FERRY_SERVER_TYPE_MVS;
    case FZ_PATH_VXWORKS:
      return FERRY_SERVER_TYPE_VXWORKS;
    case FZ_PATH_ZVM:
      return FERRY_SERVER_TYPE_ZVM;
    case FZ_PATH_HPNONSTOP:
      return FERRY_SERVER_TYPE_TANDEM;
    case FZ_PATH_DEFAULT:
    default:
      return FERRY_SERVER_TYPE_AUTO;
    }
}

int
ferry_filezilla_server_type_to_fz (FerryServerType type)
{
  switch (type)
    {
    case FERRY_SERVER_TYPE_UNIX:
      return FZ_PATH_UNIX;
    case FERRY_SERVER_TYPE_VMS:
      return FZ_PATH_VMS;
    case FERRY_SERVER_TYPE_DOS:
      return FZ_PATH_DOS;
    case FERRY_SERVER_TYPE_MVS:
      return FZ_PATH_MVS;
    case FERRY_SERVER_TYPE_VXWORKS:
      return FZ_PATH_VXWORKS;
    case FERRY_SERVER_TYPE_ZVM:
      return FZ_PATH_ZVM;
    case FERRY_SERVER_TYPE_TANDEM:
      return FZ_PATH_HPNONSTOP;
    case FERRY_SERVER_TYPE_AUTO:
    case FERRY_SERVER_TYPE_AS400:
    case FERRY_SERVER_TYPE_OS2:
    case FERRY_SERVER_TYPE_VSHELL:
    case FERRY_SERVER_TYPE_WFFTP:
    case FERRY_SERVER_TYPE_OS9:
    case FERRY_SERVER_TYPE_N_TYPES:
    default:
      return FZ_PATH_DEFAULT;
    }
}

