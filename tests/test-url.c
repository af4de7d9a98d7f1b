/* test-url.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixture table for ferry_url_parse: every form the header names, and every
 * error.
 */
#include "config.h"

#include <string.h>

#include "ferry-error.h"
#include "ferry-url.h"

#define AUTO FALSE, FERRY_SECURITY_AUTO
#define IMPLICIT TRUE, FERRY_SECURITY_IMPLICIT
#define EXPLICIT TRUE, FERRY_SECURITY_EXPLICIT

typedef struct
{
  const char *text;
  gboolean has_security;
  FerrySecurityMode security;
  const char *user;
  const char *host;
  guint16 port;
  const char *path;
} UrlCase;

static const UrlCase url_cases[] = {
  { "ftp.example.com", AUTO, NULL, "ftp.example.com", 0, NULL },
  { "  ftp.example.com\t\n", AUTO, NULL, "ftp.example.com", 0, NULL },
  { "ftp.example.com:2121", AUTO, NULL, "ftp.example.com", 2121, NULL },
  { "user@ftp.example.com", AUTO, "user", "ftp.example.com", 0, NULL },
  { "user@ftp.example.com:21", AUTO, "user", "ftp.example.com", 21, NULL },
  { "me@example.com@ftp.example.com", AUTO, "me@example.com", "ftp.example.com", 0, NULL },
  { "me@example.com@ftp.example.com:2121/pub", AUTO, "me@example.com", "ftp.example.com", 2121,
    "/pub" },
  { "me%40example.com@ftp.example.com", AUTO, "me@example.com", "ftp.example.com", 0, NULL },
  { "a@b@c@ftp.example.com", AUTO, "a@b@c", "ftp.example.com", 0, NULL },
  { "ftp://user%3Aname@host", AUTO, "user:name", "host", 0, NULL },
  { "Jürgen@ftp.example.com", AUTO, "Jürgen", "ftp.example.com", 0, NULL },
  { "@ftp.example.com", AUTO, NULL, "ftp.example.com", 0, NULL },
  { "ftp://ftp.example.com", AUTO, NULL, "ftp.example.com", 0, NULL },
  { "ftps://ftp.example.com", IMPLICIT, NULL, "ftp.example.com", 0, NULL },
  { "ftpes://ftp.example.com", EXPLICIT, NULL, "ftp.example.com", 0, NULL },
  { "FTPS://FTP.Example.COM", IMPLICIT, NULL, "FTP.Example.COM", 0, NULL },
  { "ftpes://me@example.com@ftp.example.com:2121/a/b", EXPLICIT, "me@example.com",
    "ftp.example.com", 2121, "/a/b" },
  { "ftp://user@ftp.example.com:990/pub/incoming", AUTO, "user", "ftp.example.com", 990,
    "/pub/incoming" },
  { "ftp://ftp.example.com/my%20folder/a%2Fb", AUTO, NULL, "ftp.example.com", 0,
    "/my folder/a/b" },
  { "ftp.example.com/my folder", AUTO, NULL, "ftp.example.com", 0, "/my folder" },
  { "ftp.example.com/Bücher/", AUTO, NULL, "ftp.example.com", 0, "/Bücher/" },
  { "ftp.example.com/", AUTO, NULL, "ftp.example.com", 0, "/" },
  { "ftp://host/a?b#c", AUTO, NULL, "host", 0, "/a?b#c" },
  { "ftp://host/100%25", AUTO, NULL, "host", 0, "/100%" },
  { "ftp://ftp.example.com:/x", AUTO, NULL, "ftp.example.com", 0, "/x" },
  { "192.0.2.10", AUTO, NULL, "192.0.2.10", 0, NULL },
  { "192.0.2.10:2121", AUTO, NULL, "192.0.2.10", 2121, NULL },
  { "::1", AUTO, NULL, "::1", 0, NULL },
  { "2001:db8::1", AUTO, NULL, "2001:db8::1", 0, NULL },
  { "user@2001:db8::1", AUTO, "user", "2001:db8::1", 0, NULL },
  { "[::1]:2121", AUTO, NULL, "::1", 2121, NULL },
  { "[2001:db8::1]", AUTO, NULL, "2001:db8::1", 0, NULL },
  { "ftps://user@[2001:db8::1]:990/x", IMPLICIT, "user", "2001:db8::1", 990, "/x" },
  { "fe80::1%eth0", AUTO, NULL, "fe80::1%eth0", 0, NULL },
  { "[fe80::1%25eth0]:21", AUTO, NULL, "fe80::1%eth0", 21, NULL },
  { "[fe80::1%eth0]:21", AUTO, NULL, "fe80::1%eth0", 21, NULL },
  { "[fe80::1%25a%23b%3F]", AUTO, NULL, "fe80::1%a#b?", 0, NULL },
  { "localhost", AUTO, NULL, "localhost", 0, NULL },
  { "ftp_server.lan", AUTO, NULL, "ftp_server.lan", 0, NULL },
  { "ftp.example.com.", AUTO, NULL, "ftp.example.com.", 0, NULL },
  { "ftp.example.com:1", AUTO, NULL, "ftp.example.com", 1, NULL },
  { "ftp.example.com:65535", AUTO, NULL, "ftp.example.com", 65535, NULL },
  { "ftp.example.com:00021", AUTO, NULL, "ftp.example.com", 21, NULL },
  { "bücher.example", AUTO, NULL, "xn--bcher-kva.example", 0, NULL },
};

typedef struct
{
  const char *text;
  const char *contains;     /* a part of the message */
  const char *not_contains; /* NULL, or what the message must never show */
} UrlErrorCase;

static const UrlErrorCase url_error_cases[] = {
  { "", "empty", NULL },
  { "   \t ", "empty", NULL },
  { "sftp://host", "SFTP, a different protocol", NULL },
  { "SFTP://user@host:22", "SFTP, a different protocol", NULL },
  { "http://ftp.example.com/", "Ferry speaks FTP and FTPS, not “http://”", NULL },
  { "https://example.com", "Ferry speaks FTP and FTPS, not “https://”", NULL },
  { "ssh://host", "Ferry speaks FTP and FTPS", NULL },
  { "user:secret@host", "password", "secret" },
  { "ftp://user:hunter2@host:21/x", "password", "hunter2" },
  { "ftps://me@example.com:s3cr3t@ftp.example.com", "password", "s3cr3t" },
  { "user:p@ss@host", "password", "p@ss" },
  { "user:@host", "password", NULL },
  { "user:secret@ho st", "password", "secret" },
  { "admin:hunter2", "port", "hunter2" },
  { "ftp://", "names no server", NULL },
  { "user@", "names no server", NULL },
  { ":21", "names no server", NULL },
  { "ftp:///path", "names no server", NULL },
  { "user@:21/x", "names no server", NULL },
  { "host:0", "1 to 65535", NULL },
  { "host:65536", "1 to 65535", NULL },
  { "host:99999999999999999999", "1 to 65535", NULL },
  { "host:-1", "1 to 65535", NULL },
  { "host:abc", "1 to 65535", NULL },
  { "host:21x", "1 to 65535", NULL },
  { "ho st", "“ho st” is not a valid server name", NULL },
  { "ho<st", "“ho<st” is not a valid server name", NULL },
  { "ho%20st", "is not a valid server name", NULL },
  { "ho%2Fst", "is not a valid server name", NULL },
  { "ftp..example.com", "is not a valid server name", NULL },
  { ".example.com", "is not a valid server name", NULL },
  { "[::1", "is not a valid server name", NULL },
  { "[::1]x", "is not a valid server name", NULL },
  { "[192.0.2.1]", "is not a valid server name", NULL },
  { "1:2:3", "“1:2:3” is not a valid server name", NULL },
  { "host:21:22", "is not a valid server name", NULL },
  { "host/a%zz", "folder path", NULL },
  { "host/%FF", "folder path", NULL },
  { "user%ZZ@host", "user name", NULL },
  { "host/a%0D%0ADELE%20x", "control character", NULL },
  { "us%0Aer@host", "control character", NULL },
  { "[::1%25%0A]:21", "server name", NULL },
  { "[fe80::1%25eth%1B]", "control character", NULL },
  { "host\tname", "control character", NULL },
  { "host/a\nb", "control character", NULL },
  { "host\x7f", "control character", NULL },
  { "host\xff", "UTF-8", NULL },
};

static void
test_url_parse_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (url_cases); i++)
    {
      const UrlCase *c = &url_cases[i];
      g_autoptr(FerryUrl) url = NULL;
      g_autoptr(FerryUrl) again = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *string = NULL;

      g_test_message ("case: %s", c->text);
      url = ferry_url_parse (c->text, &error);
      g_assert_no_error (error);
      g_assert_nonnull (url);
      g_assert_cmpint (url->has_security, ==, c->has_security);
      g_assert_cmpint (url->security, ==, c->security);
      g_assert_cmpstr (url->user, ==, c->user);
      g_assert_cmpstr (url->host, ==, c->host);
      g_assert_cmpuint (url->port, ==, c->port);
      g_assert_cmpstr (url->path, ==, c->path);

      /* ferry_url_to_string gives text that reads back the same. */
      string = ferry_url_to_string (url);
      g_test_message ("  as text: %s", string);
      again = ferry_url_parse (string, &error);
      g_assert_no_error (error);
      g_assert_nonnull (again);
      g_assert_cmpint (again->has_security, ==, url->has_security);
      g_assert_cmpint (again->security, ==, url->security);
      g_assert_cmpstr (again->user, ==, url->user);
      g_assert_cmpstr (again->host, ==, url->host);
      g_assert_cmpuint (again->port, ==, url->port);
      g_assert_cmpstr (again->path, ==, url->path);
    }
}

static void
test_url_error_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (url_error_cases); i++)
    {
      const UrlErrorCase *c = &url_error_cases[i];
      g_autoptr(FerryUrl) url = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %s", i, c->contains);
      url = ferry_url_parse (c->text, &error);
      g_assert_null (url);
      g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT);
      g_test_message ("  message: %s", error->message);
      g_assert_nonnull (strstr (error->message, c->contains));
      if (c->not_contains != NULL)
        g_assert_null (strstr (error->message, c->not_contains));
      /* A full sentence, ending with a full stop. */
      g_assert_true (g_ascii_isupper (error->message[0]) ||
                     g_str_has_prefix (error->message, "“"));
      g_assert_true (g_str_has_suffix (error->message, "."));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

typedef struct
{
  gboolean has_security;
  FerrySecurityMode security;
  const char *user;
  const char *host;
  guint16 port;
  const char *path;
  const char *expected;
} ToStringCase;

static const ToStringCase to_string_cases[] = {
  { AUTO, NULL, "ftp.example.com", 0, NULL, "ftp://ftp.example.com" },
  { IMPLICIT, NULL, "ftp.example.com", 990, NULL, "ftps://ftp.example.com:990" },
  { EXPLICIT, "me@example.com", "ftp.example.com", 0, "/pub",
    "ftpes://me%40example.com@ftp.example.com/pub" },
  { AUTO, "a:b", "host", 0, NULL, "ftp://a%3Ab@host" },
  { AUTO, NULL, "::1", 2121, NULL, "ftp://[::1]:2121" },
  { AUTO, NULL, "fe80::1%eth0", 0, NULL, "ftp://[fe80::1%25eth0]" },
  { AUTO, NULL, "fe80::1%a#b c", 0, NULL, "ftp://[fe80::1%25a%23b%20c]" },
  { AUTO, NULL, "host", 0, "/my folder/a?b#c", "ftp://host/my%20folder/a%3Fb%23c" },
  { AUTO, "Jürgen", "host", 0, "relative", "ftp://Jürgen@host/relative" },
  /* Modes that no scheme names are written as ftp://. */
  { TRUE, FERRY_SECURITY_PLAIN, NULL, "host", 0, NULL, "ftp://host" },
};

static void
test_url_to_string_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (to_string_cases); i++)
    {
      const ToStringCase *c = &to_string_cases[i];
      FerryUrl url = {
        .has_security = c->has_security,
        .security = c->security,
        .user = (char *) c->user,
        .host = (char *) c->host,
        .port = c->port,
        .path = (char *) c->path,
      };
      g_autofree char *string = ferry_url_to_string (&url);

      g_assert_cmpstr (string, ==, c->expected);
    }
}

static void
test_url_boxed (void)
{
  g_autoptr(FerryUrl) url = ferry_url_parse ("ftpes://me@example.com@ftp.example.com:21/pub",
                                             NULL);
  g_autoptr(FerryUrl) copy = NULL;
  FerryUrl *boxed;

  g_assert_true (G_TYPE_IS_BOXED (FERRY_TYPE_URL));
  g_assert_nonnull (url);

  copy = ferry_url_copy (url);
  g_assert_true (copy->host != url->host);
  g_assert_true (copy->user != url->user);
  g_assert_true (copy->path != url->path);
  g_assert_cmpint (copy->has_security, ==, TRUE);
  g_assert_cmpint (copy->security, ==, FERRY_SECURITY_EXPLICIT);
  g_assert_cmpstr (copy->user, ==, "me@example.com");
  g_assert_cmpstr (copy->host, ==, "ftp.example.com");
  g_assert_cmpuint (copy->port, ==, 21);
  g_assert_cmpstr (copy->path, ==, "/pub");

  boxed = g_boxed_copy (FERRY_TYPE_URL, url);
  g_assert_cmpstr (boxed->host, ==, "ftp.example.com");
  g_boxed_free (FERRY_TYPE_URL, boxed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/url/parse", test_url_parse_table);
  g_test_add_func ("/url/errors", test_url_error_table);
  g_test_add_func ("/url/to-string", test_url_to_string_table);
  g_test_add_func ("/url/boxed", test_url_boxed);

  return g_test_run ();
}
