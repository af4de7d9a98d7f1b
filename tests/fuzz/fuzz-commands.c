/* fuzz-commands.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the parsers of the replies to FEAT, PASV, EPSV and
 * PWD. The first byte chooses the parser (bits 0-1) and how the reply is
 * made (bit 2: FerryReplyParser from the lines that follow, as the session
 * gets it; else ferry_reply_new() with the code the parser wants, or with a
 * 5xx code when bit 3 is set). Besides "no crash, no leak, no overflow" it
 * checks what the parsers promise: features are trimmed, their keyword
 * uppercased, and ferry_feat_has() finds each one; a PASV address is dotted
 * IPv4 and its port is not 0; an EPSV port is 1-65535; a PWD path is not empty
 * and reads back the same when quoted again; only the right reply code
 * succeeds; errors are FERRY_ERROR_PROTOCOL with a message free of control
 * characters.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <gio/gio.h>

#include "ferry-error.h"
#include "ferry-reply.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

enum
{
  PARSE_FEAT,
  PARSE_PASV,
  PARSE_EPSV,
  PARSE_PWD,
};

static const guint wanted_codes[] = { 211, 227, 229, 257 };

static gboolean
has_control_chars (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
check_error (GError *error)
{
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_false (has_control_chars (error->message));
}

/* The first reply in the lines of @data, as the session reads it. */
static FerryReply *
reply_from_lines (const char *data,
                  gsize       len)
{
  g_autoptr(FerryReplyParser) parser = ferry_reply_parser_new ();
  const char *p = data;
  const char *end = data + len;

  while (p <= end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = (nl != NULL ? nl : end) - p;
      FerryReply *reply = NULL;

      if (n > 0 && p[n - 1] == '\r')
        n--;
      if (!ferry_reply_parser_push_line (parser, p, n, &reply, NULL))
        return NULL;
      if (reply != NULL)
        return reply;
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  return NULL;
}

/* The first token of @params that has no white space in it and is more
 * than a '*' (which marks a fact on by default); NULL when there is none. */
static char *
first_param (const char *params)
{
  g_auto(GStrv) tokens = g_strsplit_set (params, " \t;,", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      gsize len = strlen (tokens[i]);
      gboolean spaces = FALSE;

      if (len == 0 || (len == 1 && tokens[i][0] == '*'))
        continue;
      for (const char *c = tokens[i]; *c != '\0'; c++)
        spaces |= g_ascii_isspace (*c);
      if (!spaces)
        return g_strdup (tokens[i]);
    }
  return NULL;
}

static void
fuzz_feat (const FerryReply *reply)
{
  g_auto(GStrv) features = ferry_feat_parse (reply);
  guint n_lines = g_strv_length (reply->lines);
  guint n = g_strv_length (features);

  if (ferry_reply_class (reply) != 2 || n_lines < 3)
    g_assert_cmpuint (n, ==, 0);
  else
    g_assert_cmpuint (n, <=, n_lines - 2);

  for (guint i = 0; i < n; i++)
    {
      const char *feature = features[i];
      gsize len = strlen (feature);
      const char *space = feature;
      g_autofree char *keyword = NULL;
      g_autofree char *lower = NULL;

      g_assert_cmpuint (len, >, 0);
      g_assert_false (g_ascii_isspace (feature[0]));
      g_assert_false (g_ascii_isspace (feature[len - 1]));
      while (*space != '\0' && !g_ascii_isspace (*space))
        space++;
      keyword = g_strndup (feature, space - feature);
      for (const char *c = keyword; *c != '\0'; c++)
        g_assert_false (g_ascii_islower (*c));

      g_assert_true (ferry_feat_has (features, keyword));
      lower = g_ascii_strdown (keyword, -1);
      g_assert_true (ferry_feat_has (features, lower));
      if (*space != '\0')
        {
          g_autofree char *param = first_param (space);

          if (param != NULL)
            {
              g_autofree char *name = g_strdup_printf ("%s %s", keyword, param);

              g_assert_true (ferry_feat_has (features, name));
            }
        }
    }

  g_assert_false (ferry_feat_has (features, ""));
  g_assert_false (ferry_feat_has (features, "   "));
  (void) ferry_feat_has (features, "AUTH TLS");
  (void) ferry_feat_has (features, "MLST size*");
}

static void
fuzz_pasv (const FerryReply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  guint16 port = 1;

  if (!ferry_parse_pasv_reply (reply, &address, &port, &error))
    {
      check_error (error);
      g_assert_null (address);
      g_assert_cmpuint (port, ==, 0);
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (reply->code, ==, 227);
  g_assert_cmpuint (port, !=, 0);
  {
    g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
    g_autofree char *text = NULL;
    g_autoptr(FerryReply) again = NULL;
    g_autofree char *again_address = NULL;
    guint16 again_port = 0;
    const guint8 *bytes;
    gboolean replaced = TRUE;

    g_assert_nonnull (inet);
    g_assert_cmpint (g_inet_address_get_family (inet), ==, G_SOCKET_FAMILY_IPV4);
    text = g_inet_address_to_string (inet);
    g_assert_cmpstr (text, ==, address);

    /* The same address and port written by a well-behaved server. */
    bytes = g_inet_address_to_bytes (inet);
    g_free (text);
    text = g_strdup_printf ("Entering Passive Mode (%u,%u,%u,%u,%u,%u).", bytes[0], bytes[1],
                            bytes[2], bytes[3], port >> 8, port & 0xff);
    again = ferry_reply_new (227, text);
    g_assert_true (ferry_parse_pasv_reply (again, &again_address, &again_port, NULL));
    g_assert_cmpstr (again_address, ==, address);
    g_assert_cmpuint (again_port, ==, port);

    /* The data connection goes to the control connection's peer. */
    g_assert_true (ferry_pasv_choose_address (address, address, &replaced) == address);
    g_assert_false (replaced);
    (void) ferry_pasv_choose_address (address, "::ffff:192.0.2.1", &replaced);
  }
}

static void
fuzz_epsv (const FerryReply *reply)
{
  g_autoptr(GError) error = NULL;
  guint16 port = 1;

  if (!ferry_parse_epsv_reply (reply, &port, &error))
    {
      check_error (error);
      g_assert_cmpuint (port, ==, 0);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (reply->code, ==, 229);
  g_assert_cmpuint (port, >=, 1);
}

static void
fuzz_pwd (const FerryReply *reply)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!ferry_parse_pwd_reply (reply, &path, &error))
    {
      check_error (error);
      g_assert_null (path);
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (reply->code, ==, 257);
  g_assert_nonnull (path);
  g_assert_cmpuint (strlen (path), >, 0);
  g_assert_null (strchr (path, '\n'));
  {
    /* Quoted again as RFC 959 says, the path reads back the same. */
    g_autoptr(GString) quoted = g_string_new ("\"");
    g_autoptr(FerryReply) again = NULL;
    g_autofree char *again_path = NULL;

    for (const char *c = path; *c != '\0'; c++)
      {
        if (*c == '"')
          g_string_append_c (quoted, '"');
        g_string_append_c (quoted, *c);
      }
    g_string_append (quoted, "\" is the current directory");
    again = ferry_reply_new (257, quoted->str);
    g_assert_true (ferry_parse_pwd_reply (again, &again_path, NULL));
    g_assert_cmpstr (again_path, ==, path);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(FerryReply) reply = NULL;
  const char *text = (const char *) data + 1;
  guint which;

  if (size < 1 || size > 64 * 1024)
    return 0;
  which = data[0] & 3;

  if (data[0] & 4)
    reply = reply_from_lines (text, size - 1);
  else
    {
      /* ferry_reply_new() takes text without NUL bytes. */
      g_autofree char *copy = g_strndup (text, size - 1);
      guint code = (data[0] & 8) ? 500u + (data[0] >> 4) : wanted_codes[which];

      reply = ferry_reply_new (code, copy);
    }
  if (reply == NULL)
    return 0;

  switch (which)
    {
    case PARSE_FEAT:
      fuzz_feat (reply);
      break;
    case PARSE_PASV:
      fuzz_pasv (reply);
      break;
    case PARSE_EPSV:
      fuzz_epsv (reply);
      break;
    case PARSE_PWD:
      fuzz_pwd (reply);
      break;
    default:
      g_assert_not_reached ();
    }
  return 0;
}
