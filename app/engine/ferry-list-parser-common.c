/* ferry-list-parser-common.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What both listing readers need: names decoded for people, the file made
 * from what a reader found, the error for a line that cannot be read, and
 * the check of a name before it becomes a local file name.
 */
#define G_LOG_DOMAIN "ferry-list-parser"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-list-parser-private.h"
#include "ferry-remote-file-private.h"
#include "ferry-reply.h"

/* How much of a line an error message quotes. */
#define QUOTE_CHARS 80

const FerryListContext ferry_list_default_context = { NULL, 0, NULL };

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

/* --- making the file --- */

void
ferry_list_entry_clear (Entry *e)
{
  g_clear_pointer (&e->modified, g_date_time_unref);
  entry_init (e);
}

GDateTime *
ferry_list_date_time_new (gint64 seconds,
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

static char *
decode_span (const char             *line,
             Span                    s,
             const FerryListContext *ctx)
{
  if (span_len (s) == 0)
    return NULL;
  return ferry_list_decode_name (line + s.start, span_len (s), ctx);
}

FerryRemoteFile *
ferry_list_entry_to_file (const char             *line,
                          Entry                  *e,
                          const FerryListContext *ctx)
{
  g_autoptr(GBytes) raw = NULL;
  g_autofree char *permissions = decode_span (line, e->permissions, NULL);
  g_autofree char *owner = decode_span (line, e->owner, ctx);
  g_autofree char *group = decode_span (line, e->group, ctx);
  FerryRemoteFile *file;

  if (span_len (e->name_type) > 0)
    {
      /* z/VM: "NAME TYPE" is the file NAME.TYPE */
      g_autoptr(GString) joined = g_string_new_len (line + e->name.start, span_len (e->name));

      g_string_append_c (joined, '.');
      g_string_append_len (joined, line + e->name_type.start, span_len (e->name_type));
      raw = g_bytes_new (joined->str, joined->len);
      file = ferry_remote_file_new_take (raw, ferry_list_decode_name (joined->str, joined->len,
                                                                      ctx), e->kind);
    }
  else
    {
      raw = g_bytes_new (line + e->name.start, span_len (e->name));
      file = ferry_remote_file_new_take (raw, decode_span (line, e->name, ctx), e->kind);
    }
  ferry_remote_file_fill (file,
                          decode_span (line, e->target, ctx),
                          e->kind == FERRY_REMOTE_FILE_KIND_LINK ? e->target_kind : -1,
                          e->size,
                          g_steal_pointer (&e->modified),
                          e->has_time,
                          e->mode,
                          permissions,
                          owner,
                          group);
  return file;
}

void
ferry_list_set_unreadable_error (GError    **error,
                                 const char *line,
                                 gsize       len,
                                 const char *why)
{
  g_autofree char *quoted = ferry_sanitize_for_display (line, len, QUOTE_CHARS);

  g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
               _("Ferry could not read the listing line “%s”: %s"), quoted, why);
}

/* --- server types --- */

static const struct
{
  const char *name;
  const char *label;
} server_types[FERRY_SERVER_TYPE_N_TYPES] = {
  [FERRY_SERVER_TYPE_AUTO] = { "auto", N_("Automatic") },
  [FERRY_SERVER_TYPE_UNIX] = { "unix", N_("Unix") },
  [FERRY_SERVER_TYPE_DOS] = { "dos", N_("DOS and Windows (IIS)") },
  [FERRY_SERVER_TYPE_VMS] = { "vms", N_("OpenVMS") },
  [FERRY_SERVER_TYPE_MVS] = { "mvs", N_("IBM z/OS (MVS)") },
  [FERRY_SERVER_TYPE_ZVM] = { "zvm", N_("IBM z/VM") },
  [FERRY_SERVER_TYPE_AS400] = { "as400", N_("IBM i (AS/400)") },
  [FERRY_SERVER_TYPE_OS2] = { "os2", N_("OS/2") },
  [FERRY_SERVER_TYPE_VSHELL] = { "vshell", N_("VShell") },
  [FERRY_SERVER_TYPE_VXWORKS] = { "vxworks", N_("VxWorks") },
  [FERRY_SERVER_TYPE_WFFTP] = { "wfftp", N_("Nortel wfFtp") },
  [FERRY_SERVER_TYPE_OS9] = { "os9", N_("Microware OS-9") },
  [FERRY_SERVER_TYPE_TANDEM] = { "tandem", N_("HP NonStop (Tandem)") },
};

const char *
ferry_server_type_to_string (FerryServerType type)
{
  g_return_val_if_fail (type < FERRY_SERVER_TYPE_N_TYPES, "auto");
  return server_types[type].name;
}

gboolean
ferry_server_type_from_string (const char      *name,
                               FerryServerType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < FERRY_SERVER_TYPE_N_TYPES; i++)
    if (g_ascii_strcasecmp (name, server_types[i].name) == 0)
      {
        *type = (FerryServerType) i;
        return TRUE;
      }
  return FALSE;
}

const char *
ferry_server_type_get_label (FerryServerType type)
{
  g_return_val_if_fail (type < FERRY_SERVER_TYPE_N_TYPES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, server_types[type].label);
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
                           _("The server listed an entry with an empty name; Ferry cannot give "
                             "it a local name."));
      return FALSE;
    }

  if ((len == 1 && data[0] == '.') || (len == 2 && data[0] == '.' && data[1] == '.'))
    why = _("it names the folder itself or its parent");
  for (gsize i = 0; why == NULL && i < len; i++)
    {
      guchar c = data[i];

      if (c == '/')
        why = _("it contains a slash (/)");
      else if (c == '\\')
        why = _("it contains a backslash (\\)");
      else if (c == 0)
        why = _("it contains a NUL byte");
      else if (c < 0x20 || c == 0x7f)
        why = _("it contains a control character");
    }
  if (why == NULL)
    return TRUE;

  quoted = ferry_sanitize_for_display (data, len, QUOTE_CHARS);
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
               _("The server listed an entry named “%s”, which Ferry will not use as a local "
                 "file name: %s. It is shown, but cannot be downloaded as it is; rename it on "
                 "the server."),
               quoted, why);
  return FALSE;
}
