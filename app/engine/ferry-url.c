/* ferry-url.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What people type is not always a URI: "me@example.com@ftp.example.com",
 * "::1", "host/my folder". This file turns the text into a URI that GUri
 * reads (escaping the earlier '@'s of the user, bracketing a bare IPv6
 * literal, escaping spaces), lets g_uri_split_with_user() do the splitting and
 * percent-decoding, and checks the parts.
 */
#define G_LOG_DOMAIN "ferry-url"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-reply.h"
#include "ferry-url.h"

/* Characters left as they are when escaping what people typed: the
 * sub-delimiters of RFC 3986 and '%', whose escapes GUri checks. */
#define USER_KEEP_CHARS "%!$&'()*+,;="
#define PATH_KEEP_CHARS "%!$&'()*+,;=:@/"

/* How much of a host name an error message quotes. */
#define HOST_QUOTE_CHARS 80

#define HOST_MAX_LEN 253
#define LABEL_MAX_LEN 63

G_DEFINE_BOXED_TYPE (FerryUrl, ferry_url, ferry_url_copy, ferry_url_free)

FerryUrl *
ferry_url_copy (const FerryUrl *url)
{
  FerryUrl *copy;

  g_return_val_if_fail (url != NULL, NULL);

  copy = g_memdup2 (url, sizeof *url);
  copy->user = g_strdup (url->user);
  copy->host = g_strdup (url->host);
  copy->path = g_strdup (url->path);
  return copy;
}

void
ferry_url_free (FerryUrl *url)
{
  if (url == NULL)
    return;
  g_free (url->user);
  g_free (url->host);
  g_free (url->path);
  g_free (url);
}

static gboolean
has_control_chars (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/* The length of a scheme ("ftps") that @text begins with, followed by "://";
 * 0 when there is none. */
static gsize
scheme_length (const char *text)
{
  gsize len = 0;

  if (!g_ascii_isalpha (text[0]))
    return 0;
  while (g_ascii_isalnum (text[len]) || text[len] == '+' || text[len] == '-' ||
         text[len] == '.')
    len++;
  return g_str_has_prefix (text + len, "://") ? len : 0;
}

static gboolean
scheme_to_security (const char        *scheme,
                    gboolean          *out_has_security,
                    FerrySecurityMode *out_security,
                    GError           **error)
{
  g_autofree char *quoted = NULL;

  if (g_ascii_strcasecmp (scheme, "ftp") == 0)
    {
      *out_has_security = FALSE;
      *out_security = FERRY_SECURITY_AUTO;
      return TRUE;
    }
  if (g_ascii_strcasecmp (scheme, "ftps") == 0)
    {
      *out_has_security = TRUE;
      *out_security = FERRY_SECURITY_IMPLICIT;
      return TRUE;
    }
  if (g_ascii_strcasecmp (scheme, "ftpes") == 0)
    {
      *out_has_security = TRUE;
      *out_security = FERRY_SECURITY_EXPLICIT;
      return TRUE;
    }

  if (g_ascii_strcasecmp (scheme, "sftp") == 0)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("“sftp://” is SFTP, a different protocol that runs over SSH; Ferry "
                             "speaks FTP and FTPS. Use an SFTP client for this server, or type "
                             "ftp:// or ftps:// if the server also offers FTPS."));
      return FALSE;
    }

  quoted = ferry_sanitize_for_display (scheme, strlen (scheme), 20);
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
               _("Ferry speaks FTP and FTPS, not “%s://”. Type the server's name, or an address "
                 "that begins with ftp://, ftps:// (implicit TLS) or ftpes:// (explicit TLS)."),
               quoted);
  return FALSE;
}

/* A host name: labels of letters, digits, '-' and '_' (and non-ASCII letters
 * before GUri turns them into punycode), separated by single dots. */
static gboolean
host_name_is_valid (const char *host)
{
  gsize label_len = 0;
  gsize len = strlen (host);

  if (len == 0 || len > HOST_MAX_LEN + 1 || (len > HOST_MAX_LEN && host[len - 1] != '.'))
    return FALSE;

  for (const char *p = host; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          if (label_len == 0)
            return FALSE;
          label_len = 0;
          continue;
        }
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && (guchar) *p < 0x80)
        return FALSE;
      if (++label_len > LABEL_MAX_LEN)
        return FALSE;
    }
  return TRUE;
}

static void
set_invalid_host_error (GError    **error,
                        const char *host,
                        gsize       len)
{
  g_autofree char *quoted = ferry_sanitize_for_display (host, len, HOST_QUOTE_CHARS);

  g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a valid server name or IP address. Type a name such as "
                 "ftp.example.com, an IPv4 address such as 192.0.2.10, or an IPv6 address "
                 "such as 2001:db8::1 (in brackets when a port follows: [2001:db8::1]:21)."),
               quoted);
}

static void
set_no_host_error (GError **error)
{
  g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                       _("The address names no server. Type a server name such as "
                         "ftp.example.com or an IP address, optionally with a user name "
                         "before it (user@ftp.example.com) and a port after it "
                         "(ftp.example.com:2121)."));
}

static void
set_bad_port_error (GError **error)
{
  /* The port is not quoted: "admin:secret" typed without a host would
   * otherwise show the password. */
  g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                       _("The port in the address is not a number from 1 to 65535. Type it "
                         "after the server name and a colon, as in ftp.example.com:2121, or "
                         "leave it out to use the usual port."));
}

/* @hostport with a bare IPv6 literal put in brackets and a zone's '%' escaped,
 * as a URI needs them; NULL with @error set when it cannot be a host. */
static char *
prepare_host (const char *hostport,
              GError    **error)
{
  g_autoptr(GString) out = NULL;
  const char *colon = strchr (hostport, ':');

  if (hostport[0] == '[')
    {
      const char *close = strchr (hostport, ']');

      if (close == NULL)
        {
          set_invalid_host_error (error, hostport, strlen (hostport));
          return NULL;
        }

      /* "[fe80::1%eth0]" is what people type; a URI wants "%25". */
      out = g_string_new_len (hostport, close - hostport);
      if (strstr (out->str, "%25") == NULL)
        g_string_replace (out, "%", "%25", 0);
      g_string_append (out, close);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  if (colon != NULL && strchr (colon + 1, ':') != NULL)
    {
      /* Two colons or more: a bare IPv6 literal, which cannot have a port. */
      if (!g_hostname_is_ip_address (hostport))
        {
          set_invalid_host_error (error, hostport, strlen (hostport));
          return NULL;
        }
      out = g_string_new (hostport);
      g_string_replace (out, "%", "%25", 0);
      g_string_prepend_c (out, '[');
      g_string_append_c (out, ']');
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  return g_strdup (hostport);
}

static gboolean
check_decoded (const char *part,
               const char *what,
               GError    **error)
{
  if (!has_control_chars (part))
    return TRUE;
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
               _("The %s in the address contains an escaped control character (such as %%0A, a "
                 "line break), which FTP cannot carry. Remove it from the address."),
               what);
  return FALSE;
}

FerryUrl *
ferry_url_parse (const char *text,
                 GError    **error)
{
  g_autoptr(FerryUrl) url = g_new0 (FerryUrl, 1);
  g_autofree char *stripped = NULL;
  g_autofree char *authority = NULL;
  g_autofree char *userinfo_raw = NULL;
  g_autofree char *host_uri = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  g_autofree char *fragment = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) built = NULL;
  const char *rest;
  const char *slash;
  const char *hostport;
  const char *at;
  gsize len;
  int port = -1;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("The address is not valid UTF-8 text. Type it again, or copy it "
                             "from a source that uses UTF-8."));
      return NULL;
    }

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("The address is empty. Type a server name such as ftp.example.com, "
                             "or an address such as ftps://user@ftp.example.com:990."));
      return NULL;
    }

  if (has_control_chars (stripped))
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("The address contains a control character such as a tab or a line "
                             "break. Type it on one line, without them."));
      return NULL;
    }

  /* The scheme, "ftp" when there is none. */
  len = scheme_length (stripped);
  if (len > 0)
    {
      g_autofree char *typed = g_strndup (stripped, len);

      if (!scheme_to_security (typed, &url->has_security, &url->security, error))
        return NULL;
      rest = stripped + len + strlen ("://");
    }
  else
    {
      url->has_security = FALSE;
      url->security = FERRY_SECURITY_AUTO;
      rest = stripped;
    }

  /* The authority ends at the first '/'; the user ends at its last '@'. */
  slash = strchr (rest, '/');
  authority = slash != NULL ? g_strndup (rest, slash - rest) : g_strdup (rest);
  at = strrchr (authority, '@');
  if (at != NULL)
    {
      userinfo_raw = g_strndup (authority, at - authority);
      hostport = at + 1;

      /* Checked before anything that could quote the text back. */
      if (strchr (userinfo_raw, ':') != NULL)
        {
          g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                               _("The address contains a password (the part after the colon "
                                 "that follows the user name). Ferry does not take passwords "
                                 "in addresses, where they would be kept in plain sight: remove "
                                 "it, and Ferry will ask for the password when it connects."));
          return NULL;
        }
    }
  else
    hostport = authority;

  /* ":21" names no host; "::1" is a bare IPv6 literal. */
  if (*hostport == '\0' || (*hostport == ':' && strchr (hostport + 1, ':') == NULL))
    {
      set_no_host_error (error);
      return NULL;
    }

  host_uri = prepare_host (hostport, error);
  if (host_uri == NULL)
    return NULL;

  built = g_string_new ("ftp://");
  if (userinfo_raw != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (userinfo_raw, USER_KEEP_CHARS, FALSE);

      g_string_append_printf (built, "%s@", escaped);
    }
  g_string_append (built, host_uri);
  if (slash != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (slash, PATH_KEEP_CHARS, FALSE);

      g_string_append (built, escaped);
    }
  uri = g_string_free (g_steal_pointer (&built), FALSE);

  if (!g_uri_split_with_user (uri, G_URI_FLAGS_HAS_PASSWORD, &scheme, &user, &password, NULL,
                              &host, &port, &path, &query, &fragment, &local_error))
    {
      if (g_error_matches (local_error, G_URI_ERROR, G_URI_ERROR_BAD_PORT))
        set_bad_port_error (error);
      else if (g_error_matches (local_error, G_URI_ERROR, G_URI_ERROR_BAD_HOST))
        set_invalid_host_error (error, hostport, strlen (hostport));
      else if (g_error_matches (local_error, G_URI_ERROR, G_URI_ERROR_BAD_USER))
        g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                             _("The user name in the address has a “%” that does not begin a "
                               "valid escape, or escapes that are not UTF-8 text. Write a "
                               "literal “%” as %25 and an “@” as %40 (or just as “@”)."));
      else if (g_error_matches (local_error, G_URI_ERROR, G_URI_ERROR_BAD_PATH))
        g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                             _("The folder path in the address has a “%” that does not begin a "
                               "valid escape (such as %20 for a space), or escapes that are not "
                               "UTF-8 text. Write a literal “%” as %25."));
      else
        g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                             _("Ferry could not read the address. Type a server name such as "
                               "ftp.example.com, or an address such as "
                               "ftps://user@ftp.example.com:990/folder."));
      return NULL;
    }

  /* Not reached through the check above, kept in case that ever changes. */
  if (password != NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("The address contains a password. Ferry does not take passwords in "
                             "addresses: remove it, and Ferry will ask for it when it connects."));
      return NULL;
    }

  if (host == NULL || *host == '\0')
    {
      set_no_host_error (error);
      return NULL;
    }
  if (!g_hostname_is_ip_address (host) && !host_name_is_valid (host))
    {
      set_invalid_host_error (error, host, strlen (host));
      return NULL;
    }

  if (port == 0 || port > 65535)
    {
      set_bad_port_error (error);
      return NULL;
    }

  /* GUri decodes the zone of an IPv6 literal: "[::1%25%0A]" is a host with a line break. */
  /* Translators: Inserted into “The %s contains a control character…”-like sentences about a URL. */
  if (!check_decoded (host, _("server name"), error) ||
      (user != NULL && !check_decoded (user, _("user name"), error)) ||
      (path != NULL && !check_decoded (path, _("folder path"), error)))
    return NULL;

  url->host = g_steal_pointer (&host);
  url->port = port > 0 ? (guint16) port : 0;
  url->user = user != NULL && *user != '\0' ? g_steal_pointer (&user) : NULL;
  url->path = path != NULL && *path != '\0' ? g_steal_pointer (&path) : NULL;

  return g_steal_pointer (&url);
}

char *
ferry_url_to_string (const FerryUrl *url)
{
  g_autofree char *user = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  const char *scheme = "ftp";

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (url->host != NULL, NULL);

  if (url->has_security && url->security == FERRY_SECURITY_IMPLICIT)
    scheme = "ftps";
  else if (url->has_security && url->security == FERRY_SECURITY_EXPLICIT)
    scheme = "ftpes";

  /* ':' is escaped in the user name so that it never reads as a password. */
  if (url->user != NULL && *url->user != '\0')
    user = g_uri_escape_string (url->user, "!$&'()*+,;=", TRUE);
  /* An IPv6 literal's zone ("fe80::1%eth0") percent-encoded as RFC 6874 says:
   * a zone that reads "a#b" must not end the URL at its '#'. */
  if (strchr (url->host, ':') != NULL && strchr (url->host, '%') != NULL)
    {
      const char *zone = strchr (url->host, '%');
      g_autofree char *address = g_strndup (url->host, zone - url->host);
      g_autofree char *escaped = g_uri_escape_string (zone + 1, NULL, FALSE);

      host = g_strconcat (address, "%25", escaped, NULL);
    }
  else
    host = g_strdup (url->host);
  if (url->path != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (url->path, "!$&'()*+,;=:@/", TRUE);

      path = url->path[0] == '/' ? g_steal_pointer (&escaped) : g_strconcat ("/", escaped, NULL);
    }

  return g_uri_join (G_URI_FLAGS_ENCODED, scheme, user, host, url->port > 0 ? url->port : -1,
                     path != NULL ? path : "", NULL, NULL);
}
