/* ferry-reply-parsers.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions that read FEAT, PWD, PASV and EPSV replies.
 */
#define G_LOG_DOMAIN "ferry-reply-parsers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <gio/gio.h>

#include "ferry-error.h"
#include "ferry-reply.h"

/* How much of a reply an error message quotes. */
#define REPLY_QUOTE_CHARS 120

static char *
quote_reply (const FerryReply *reply)
{
  const char *text = reply->text != NULL ? reply->text : "";

  return ferry_sanitize_for_display (text, strlen (text), REPLY_QUOTE_CHARS);
}

/* A line of a multi-line reply without a "211-" prefix that repeats the code
 * (some servers write every feature line that way). */
static const char *
skip_code_prefix (const char *line,
                  guint       code)
{
  char digits[4];

  g_snprintf (digits, sizeof digits, "%03u", code);
  if (strncmp (line, digits, 3) == 0 && (line[3] == '-' || line[3] == ' '))
    return line + 4;
  return line;
}

static void
split_feature (const char  *feature,
               char       **out_keyword,
               char       **out_params)
{
  const char *space = feature;

  while (*space != '\0' && !g_ascii_isspace (*space))
    space++;
  *out_keyword = g_strndup (feature, space - feature);
  *out_params = g_strstrip (g_strdup (space));
}

char **
ferry_feat_parse (const FerryReply *reply)
{
  g_autoptr(GPtrArray) features = g_ptr_array_new_with_free_func (g_free);
  guint n_lines;

  g_return_val_if_fail (reply != NULL, NULL);

  /* RFC 2389: "211-<text>", one feature per line (indented by a space, which
   * not every server does), and a closing "211 <text>". Anything that is not
   * a 2xx reply lists nothing. */
  n_lines = reply->lines != NULL ? g_strv_length (reply->lines) : 0;
  if (ferry_reply_class (reply) != 2 || n_lines < 3)
    return g_new0 (char *, 1);

  for (guint i = 1; i + 1 < n_lines; i++)
    {
      g_autofree char *line = g_strdup (skip_code_prefix (reply->lines[i], reply->code));
      g_autofree char *keyword = NULL;
      g_autofree char *params = NULL;
      g_autofree char *upper = NULL;

      g_strstrip (line);
      if (*line == '\0')
        continue;

      split_feature (line, &keyword, &params);
      upper = g_ascii_strup (keyword, -1);
      if (*params != '\0')
        g_ptr_array_add (features, g_strdup_printf ("%s %s", upper, params));
      else
        g_ptr_array_add (features, g_steal_pointer (&upper));
    }

  g_ptr_array_add (features, NULL);
  g_ptr_array_set_free_func (features, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&features), FALSE);
}

/* The parameters of a feature as tokens: "TLS;TLS-C;SSL;" and "C;P;" (IIS),
 * "STREAM", "type*;size*;" (MLST; a '*' marks a fact that is on by default
 * and is ignored here). */
static gboolean
params_include (const char *params,
                const char *wanted)
{
  g_auto(GStrv) tokens = NULL;
  g_autofree char *wanted_bare = g_strdup (wanted);
  gsize wanted_len = strlen (wanted_bare);

  if (wanted_len > 0 && wanted_bare[wanted_len - 1] == '*')
    wanted_bare[wanted_len - 1] = '\0';

  tokens = g_strsplit_set (params, " \t;,", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      char *token = tokens[i];
      gsize len = strlen (token);

      if (len > 0 && token[len - 1] == '*')
        token[len - 1] = '\0';
      if (*token != '\0' && g_ascii_strcasecmp (token, wanted_bare) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
ferry_feat_has (char *const *features,
                const char  *name)
{
  g_autofree char *stripped = NULL;
  g_autofree char *name_keyword = NULL;
  g_autofree char *name_params = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  if (features == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (name));
  split_feature (stripped, &name_keyword, &name_params);
  if (*name_keyword == '\0')
    return FALSE;

  for (guint i = 0; features[i] != NULL; i++)
    {
      g_autofree char *keyword = NULL;
      g_autofree char *params = NULL;

      split_feature (features[i], &keyword, &params);
      if (g_ascii_strcasecmp (keyword, name_keyword) != 0)
        continue;
      if (*name_params == '\0' || params_include (params, name_params))
        return TRUE;
    }

  return FALSE;
}

/* The quoted path of a 257 reply, read from the lines as received (bytes in
 * the server's character set, which the caller converts). */
gboolean
ferry_parse_pwd_reply (const FerryReply *reply,
                       char            **out_path,
                       GError          **error)
{
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (reply != NULL, FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_path = NULL;

  if (reply->code == 257 && reply->lines != NULL)
    {
      for (guint i = 0; reply->lines[i] != NULL; i++)
        {
          const char *line = reply->lines[i];
          const char *p;
          g_autoptr(GString) path = NULL;

          if (i == 0)
            line += strlen (line) > 3 ? 4 : 3;
          else
            line = skip_code_prefix (line, reply->code);

          p = strchr (line, '"');
          if (p == NULL)
            continue;

          /* RFC 959 appendix II: a quote inside the name is doubled. */
          path = g_string_new (NULL);
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (path, '"');
                  p++;
                }
              else if (*p == '"')
                break;
              else
                g_string_append_c (path, *p);
            }

          if (*p == '"' && path->len > 0)
            {
              *out_path = g_string_free (g_steal_pointer (&path), FALSE);
              return TRUE;
            }
          break;
        }
    }

  quoted = quote_reply (reply);
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
               _("The server did not name the current folder in quotes as FTP requires "
                 "(it answered “%u %s”), so Ferry cannot tell which folder it is in. Type the "
                 "full path of the folder to open instead."),
               reply->code, quoted);
  return FALSE;
}

/* Reads the list of comma-separated numbers at @p (spaces allowed around the
 * commas). Returns how many numbers it read, at most @max; sets *@out_end to
 * the end of the list. Numbers are capped so that they cannot overflow. */
static guint
scan_number_list (const char  *p,
                  guint       *numbers,
                  guint        max,
                  const char **out_end)
{
  guint n = 0;

  for (;;)
    {
      const char *q = p;
      guint value = 0;

      while (*q == ' ')
        q++;
      if (!g_ascii_isdigit (*q))
        break;
      for (; g_ascii_isdigit (*q); q++)
        value = MIN (value * 10 + (*q - '0'), 100000);
      if (n < max)
        numbers[n] = value;
      n++;
      p = q;

      while (*q == ' ')
        q++;
      if (*q != ',')
        break;
      p = q + 1;
    }

  *out_end = p;
  return n;
}

gboolean
ferry_parse_pasv_reply (const FerryReply *reply,
                        char            **out_address,
                        guint16          *out_port,
                        GError          **error)
{
  g_autofree char *quoted = NULL;
  const char *text;

  g_return_val_if_fail (reply != NULL, FALSE);
  g_return_val_if_fail (out_address != NULL, FALSE);
  g_return_val_if_fail (out_port != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_address = NULL;
  *out_port = 0;
  text = reply->text != NULL ? reply->text : "";

  if (reply->code == 227)
    {
      for (const char *p = text; *p != '\0';)
        {
          guint numbers[6];
          const char *end;
          guint n;
          guint port;

          if (!g_ascii_isdigit (*p))
            {
              p++;
              continue;
            }

          /* The first run of exactly six numbers is the address and port. */
          n = scan_number_list (p, numbers, G_N_ELEMENTS (numbers), &end);
          if (n != 6)
            {
              p = end;
              continue;
            }

          for (guint i = 0; i < 6; i++)
            if (numbers[i] > 255)
              {
                quoted = quote_reply (reply);
                g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
                             _("The server's answer to PASV, “%s”, contains a number above 255, "
                               "so it names no valid address and port for the data connection. "
                               "The server is misconfigured; try active mode, or tell its "
                               "administrator."),
                             quoted);
                return FALSE;
              }

          port = numbers[4] * 256 + numbers[5];
          if (port == 0)
            {
              quoted = quote_reply (reply);
              g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
                           _("The server's answer to PASV, “%s”, names port 0, to which nothing "
                             "can connect. The server is misconfigured; try active mode, or tell "
                             "its administrator."),
                           quoted);
              return FALSE;
            }

          *out_address = g_strdup_printf ("%u.%u.%u.%u",
                                          numbers[0], numbers[1], numbers[2], numbers[3]);
          *out_port = port;
          return TRUE;
        }
    }

  quoted = quote_reply (reply);
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
               _("The server did not give an address and port for the data connection in its "
                 "answer to PASV (it answered “%u %s”). Try active mode, or tell the server's "
                 "administrator."),
               reply->code, quoted);
  return FALSE;
}

/* "(<d><d><d>port<d>)" at @p, which points at the '('. RFC 2428 allows any
 * delimiter from 33 to 126; the closing parenthesis is not required. */
static gboolean
scan_epsv (const char *p,
           guint      *out_port,
           gboolean   *out_port_bad)
{
  char d = p[1];
  guint value = 0;
  guint n_digits = 0;

  *out_port_bad = FALSE;
  if (d < 33 || d > 126 || g_ascii_isdigit (d) || p[2] != d || p[3] != d)
    return FALSE;

  for (p += 4; g_ascii_isdigit (*p); p++, n_digits++)
    value = MIN (value * 10 + (*p - '0'), 100000);
  if (n_digits == 0 || *p != d)
    return FALSE;

  if (value < 1 || value > 65535)
    {
      *out_port_bad = TRUE;
      return FALSE;
    }
  *out_port = value;
  return TRUE;
}

gboolean
ferry_parse_epsv_reply (const FerryReply *reply,
                        guint16          *out_port,
                        GError          **error)
{
  g_autofree char *quoted = NULL;
  gboolean port_bad = FALSE;
  const char *text;

  g_return_val_if_fail (reply != NULL, FALSE);
  g_return_val_if_fail (out_port != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_port = 0;
  text = reply->text != NULL ? reply->text : "";

  if (reply->code == 229)
    {
      for (const char *p = strchr (text, '('); p != NULL; p = strchr (p + 1, '('))
        {
          guint port;

          if (scan_epsv (p, &port, &port_bad))
            {
              *out_port = port;
              return TRUE;
            }
          if (port_bad)
            break;
        }
    }

  quoted = quote_reply (reply);
  if (port_bad)
    g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
                 _("The server's answer to EPSV, “%s”, names a port outside 1–65535. The server "
                   "is misconfigured; try PASV or active mode, or tell its administrator."),
                 quoted);
  else
    g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
                 _("The server did not give a port for the data connection in its answer to EPSV "
                   "(it answered “%u %s”). Try PASV or active mode, or tell the server's "
                   "administrator."),
                 reply->code, quoted);
  return FALSE;
}

/* An address from text, without an IPv6 zone ("%eth0"), and an IPv4 address
 * mapped into IPv6 ("::ffff:192.0.2.1") as plain IPv4. */
static GInetAddress *
inet_address_from_text (const char *text)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *copy = NULL;
  char *zone;

  if (text == NULL)
    return NULL;

  copy = g_strdup (text);
  zone = strchr (copy, '%');
  if (zone != NULL)
    *zone = '\0';

  address = g_inet_address_new_from_string (copy);
  if (address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    {
      static const guint8 mapped_prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
      const guint8 *bytes = g_inet_address_to_bytes (address);

      if (memcmp (bytes, mapped_prefix, sizeof mapped_prefix) == 0)
        return g_inet_address_new_from_bytes (bytes + 12, G_SOCKET_FAMILY_IPV4);
    }

  return g_steal_pointer (&address);
}

const char *
ferry_pasv_choose_address (const char *pasv_address,
                           const char *peer_address,
                           gboolean   *out_replaced)
{
  g_autoptr(GInetAddress) pasv = NULL;
  g_autoptr(GInetAddress) peer = NULL;
  gboolean same;

  g_return_val_if_fail (peer_address != NULL, pasv_address);

  pasv = inet_address_from_text (pasv_address);
  peer = inet_address_from_text (peer_address);
  if (pasv != NULL && peer != NULL)
    same = g_inet_address_equal (pasv, peer);
  else
    same = pasv_address != NULL && g_ascii_strcasecmp (pasv_address, peer_address) == 0;

  if (out_replaced != NULL)
    *out_replaced = !same;
  return same ? pasv_address : peer_address;
}
