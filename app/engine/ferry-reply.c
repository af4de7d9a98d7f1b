/* ferry-reply.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-reply"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-reply.h"

/* How much of a line that is not a reply the error message quotes. */
#define GARBAGE_QUOTE_CHARS 80

G_DEFINE_BOXED_TYPE (FerryReply, ferry_reply, ferry_reply_copy, ferry_reply_free)

struct _FerryReplyParser
{
  GPtrArray *lines; /* the lines of the reply being assembled, NUL bytes removed */
  guint      code;  /* the code of its first line, while lines is not empty */
  gsize      size;  /* bytes of the reply so far, one per line end included */
};

/* TRUE when @line begins with a code 100–599 followed by ' ', '-' or the end
 * of the line. */
static gboolean
parse_code (const char *line,
            gsize       len,
            guint      *out_code,
            char       *out_separator)
{
  if (len < 3 || line[0] < '1' || line[0] > '5' || !g_ascii_isdigit (line[1]) ||
      !g_ascii_isdigit (line[2]))
    return FALSE;
  if (len > 3 && line[3] != ' ' && line[3] != '-')
    return FALSE;

  *out_code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
  *out_separator = len > 3 ? line[3] : '\0';
  return TRUE;
}

/* TRUE when @line begins with the three digits of @code followed by @separator
 * (or, when @separator is ' ', by the end of the line). */
static gboolean
line_has_prefix (const char *line,
                 guint       code,
                 char        separator)
{
  char digits[4];

  g_snprintf (digits, sizeof digits, "%03u", code);
  if (strncmp (line, digits, 3) != 0)
    return FALSE;
  if (line[3] == separator)
    return TRUE;
  return separator == ' ' && line[3] == '\0';
}

/* The first line without its prefix, later lines without a "123-" prefix, the
 * last line without its "123 " prefix; joined with '\n' and made valid UTF-8.
 * Stripping the "123-" of middle lines is for people: pure-ftpd and others
 * repeat the code on every line of a banner. */
static char *
build_text (char *const *lines,
            guint        code)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_lines = g_strv_length ((char **) lines);

  for (guint i = 0; i < n_lines; i++)
    {
      const char *line = lines[i];
      gboolean last = i + 1 == n_lines;

      if (i > 0)
        g_string_append_c (text, '\n');

      if (i == 0 || (last && line_has_prefix (line, code, ' ')) ||
          (!last && line_has_prefix (line, code, '-')))
        line += strlen (line) > 3 ? 4 : 3;

      g_string_append (text, line);
    }

  return g_utf8_make_valid (text->str, text->len);
}

FerryReply *
ferry_reply_new (guint       code,
                 const char *text)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_auto(GStrv) parts = NULL;
  FerryReply *reply;
  guint n_parts;

  g_return_val_if_fail (code <= 999, NULL);

  parts = g_strsplit (text != NULL ? text : "", "\n", -1);
  n_parts = g_strv_length (parts);
  if (n_parts == 0)
    g_ptr_array_add (lines, g_strdup_printf ("%03u ", code));
  for (guint i = 0; i < n_parts; i++)
    {
      if (n_parts == 1)
        g_ptr_array_add (lines, g_strdup_printf ("%03u %s", code, parts[i]));
      else if (i == 0)
        g_ptr_array_add (lines, g_strdup_printf ("%03u-%s", code, parts[i]));
      else if (i + 1 == n_parts)
        g_ptr_array_add (lines, g_strdup_printf ("%03u %s", code, parts[i]));
      else
        g_ptr_array_add (lines, g_strdup (parts[i]));
    }
  g_ptr_array_add (lines, NULL);

  reply = g_new0 (FerryReply, 1);
  reply->code = code;
  reply->lines = (char **) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
  reply->text = g_utf8_make_valid (text != NULL ? text : "", -1);
  return reply;
}

FerryReply *
ferry_reply_copy (const FerryReply *reply)
{
  FerryReply *copy;

  g_return_val_if_fail (reply != NULL, NULL);

  copy = g_new0 (FerryReply, 1);
  copy->code = reply->code;
  copy->lines = g_strdupv (reply->lines);
  copy->text = g_strdup (reply->text);
  return copy;
}

void
ferry_reply_free (FerryReply *reply)
{
  if (reply == NULL)
    return;
  g_strfreev (reply->lines);
  g_free (reply->text);
  g_free (reply);
}

FerryReplyParser *
ferry_reply_parser_new (void)
{
  FerryReplyParser *parser = g_new0 (FerryReplyParser, 1);

  parser->lines = g_ptr_array_new_with_free_func (g_free);
  return parser;
}

void
ferry_reply_parser_free (FerryReplyParser *parser)
{
  if (parser == NULL)
    return;
  g_ptr_array_unref (parser->lines);
  g_free (parser);
}

void
ferry_reply_parser_reset (FerryReplyParser *parser)
{
  g_return_if_fail (parser != NULL);

  g_ptr_array_set_size (parser->lines, 0);
  parser->code = 0;
  parser->size = 0;
}

gboolean
ferry_reply_parser_is_partial (FerryReplyParser *parser)
{
  g_return_val_if_fail (parser != NULL, FALSE);

  return parser->lines->len > 0;
}

static FerryReply *
parser_finish (FerryReplyParser *parser)
{
  FerryReply *reply = g_new0 (FerryReply, 1);
  GPtrArray *lines = parser->lines;

  g_ptr_array_add (lines, NULL);
  g_ptr_array_set_free_func (lines, NULL);
  reply->code = parser->code;
  reply->lines = (char **) g_ptr_array_free (lines, FALSE);
  reply->text = build_text (reply->lines, reply->code);

  parser->lines = g_ptr_array_new_with_free_func (g_free);
  parser->code = 0;
  parser->size = 0;
  return reply;
}

/* A copy of @line without its NUL bytes: in the Telnet NVT that FTP's control
 * connection speaks, NUL is a no-op (RFC 854), and C strings cannot hold it. */
static char *
strip_nul (const char *line,
           gsize       len)
{
  char *copy = g_malloc (len + 1);
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    if (line[i] != '\0')
      copy[n++] = line[i];
  copy[n] = '\0';
  return copy;
}

gboolean
ferry_reply_parser_push_line (FerryReplyParser *parser,
                              const char       *line,
                              gsize             len,
                              FerryReply      **out_reply,
                              GError          **error)
{
  g_autofree char *clean = NULL;
  gsize clean_len;

  g_return_val_if_fail (parser != NULL, FALSE);
  g_return_val_if_fail (line != NULL || len == 0, FALSE);
  g_return_val_if_fail (out_reply != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_reply = NULL;

  if (len > FERRY_REPLY_MAX_LINE)
    {
      ferry_reply_parser_reset (parser);
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
                   _("The server sent a reply line of %zu bytes, more than the "
                     "%d an FTP reply line may have. It is probably not an FTP server, or the "
                     "connection is garbled; check the address and the port."),
                   len, FERRY_REPLY_MAX_LINE);
      return FALSE;
    }

  if (parser->size + len + 1 > FERRY_REPLY_MAX_SIZE)
    {
      ferry_reply_parser_reset (parser);
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
                   _("The server sent a reply of more than %d bytes without ending it, so Ferry "
                     "stopped reading it. The server is misbehaving; try again, and tell its "
                     "administrator if it happens again."),
                   FERRY_REPLY_MAX_SIZE);
      return FALSE;
    }

  clean = strip_nul (line != NULL ? line : "", len);
  clean_len = strlen (clean);

  if (parser->lines->len == 0)
    {
      guint code;
      char separator;

      if (!parse_code (clean, clean_len, &code, &separator))
        {
          g_autofree char *quoted = ferry_sanitize_for_display (line, len, GARBAGE_QUOTE_CHARS);

          ferry_reply_parser_reset (parser);
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
                       _("The server sent “%s”, which is not an FTP reply: a reply begins with "
                         "a three-digit code from 100 to 599. The address may belong to another "
                         "kind of server, or the port may expect implicit TLS; check the "
                         "address, the port and the security mode."),
                       quoted);
          return FALSE;
        }

      parser->code = code;
      parser->size += len + 1;
      g_ptr_array_add (parser->lines, g_steal_pointer (&clean));
      if (separator != '-')
        *out_reply = parser_finish (parser);
      return TRUE;
    }

  /* Inside a multi-line reply every line belongs to it, whatever it looks
   * like, until one begins with the same code and a space (or is just the
   * code: some servers end with a bare "226"). */
  parser->size += len + 1;
  g_ptr_array_add (parser->lines, g_steal_pointer (&clean));
  if (line_has_prefix (g_ptr_array_index (parser->lines, parser->lines->len - 1),
                       parser->code, ' '))
    *out_reply = parser_finish (parser);
  return TRUE;
}

/* One character of output for the UTF-8 character or byte at @p: appends it
 * to @out when not NULL; returns how many characters it takes and sets
 * *@out_bytes to how many input bytes it consumed. */
static gsize
sanitize_piece (const char *p,
                const char *end,
                GString    *out,
                gsize      *out_bytes)
{
  gunichar c = g_utf8_get_char_validated (p, end - p);

  if (c == '\\')
    {
      if (out != NULL)
        g_string_append (out, "\\\\");
      *out_bytes = 1;
      return 2;
    }

  if (c != (gunichar) -1 && c != (gunichar) -2 && c != 0 && g_unichar_isprint (c))
    {
      const char *next = g_utf8_next_char (p);

      if (out != NULL)
        g_string_append_len (out, p, next - p);
      *out_bytes = next - p;
      return 1;
    }

  if (out != NULL)
    g_string_append_printf (out, "\\x%02X", (guint) (guchar) *p);
  *out_bytes = 1;
  return 4;
}

/* A max_chars of 0 means no limit. A backslash is shown as "\\" so that the
 * "\xNN" escapes are unambiguous. */
char *
ferry_sanitize_for_display (const char *data,
                            gsize       len,
                            gsize       max_chars)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *end;
  const char *p;
  gsize total = 0;
  gsize n_chars = 0;

  if (data == NULL || len == 0)
    return g_strdup ("");
  end = data + len;

  for (p = data; p < end;)
    {
      gsize bytes;

      total += sanitize_piece (p, end, NULL, &bytes);
      p += bytes;
    }

  for (p = data; p < end;)
    {
      gsize bytes;
      gsize chars = sanitize_piece (p, end, NULL, &bytes);

      /* When everything does not fit, keep one character for the "…". */
      if (max_chars > 0 && total > max_chars && n_chars + chars > max_chars - 1)
        {
          g_string_append (out, "…");
          break;
        }
      sanitize_piece (p, end, out, &bytes);
      n_chars += chars;
      p += bytes;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
