/* fuzz-url.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for ferry_url_parse(), the parser of what people type to
 * name a server. The input is the text (up to its first NUL byte). Besides
 * "no crash, no leak, no overflow" it checks what the parser promises: text
 * with a password in it is refused, and the message is the one it would be
 * for any other password (so it never shows it); a parsed URL has a host,
 * no control characters, a path that begins with '/'; ferry_url_to_string()
 * writes no password and gives text that parses back to the same URL and
 * writes itself again the same; errors are FERRY_ERROR_INVALID_ARGUMENT with
 * a sentence of valid UTF-8.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-url.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A broken promise: says what, and abort()s so that libFuzzer keeps the
 * input (g_error() traps instead). */
#define fail(...) (g_printerr (__VA_ARGS__), g_printerr ("\n"), abort ())

static gboolean
has_control_chars (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/* Where the authority of @text begins: after "scheme://", as ferry_url_parse reads it. */
static const char *
authority_start (const char *text)
{
  gsize len = 0;

  if (!g_ascii_isalpha (text[0]))
    return text;
  while (g_ascii_isalnum (text[len]) || text[len] == '+' || text[len] == '-' ||
         text[len] == '.')
    len++;
  return g_str_has_prefix (text + len, "://") ? text + len + 3 : text;
}

/* The password typed in @text ("user:PASSWORD@host"): the user part is what
 * comes before the last '@' of the authority, which ends at the first '/'.
 * Sets *@out_start and *@out_len; FALSE when there is no ':' in the user part. */
static gboolean
find_password (const char *text,
               gsize      *out_start,
               gsize      *out_len)
{
  const char *authority = authority_start (text);
  const char *slash = strchr (authority, '/');
  const char *end = slash != NULL ? slash : authority + strlen (authority);
  const char *at = g_strrstr_len (authority, end - authority, "@");
  const char *colon;

  if (at == NULL)
    return FALSE;
  colon = memchr (authority, ':', at - authority);
  if (colon == NULL)
    return FALSE;
  *out_start = colon + 1 - text;
  *out_len = at - (colon + 1);
  return TRUE;
}

static void
check_same (const FerryUrl *a,
            const FerryUrl *b)
{
  g_assert_cmpint (a->has_security, ==, b->has_security);
  g_assert_cmpint (a->security, ==, b->security);
  g_assert_cmpstr (a->user, ==, b->user);
  g_assert_cmpstr (a->host, ==, b->host);
  g_assert_cmpuint (a->port, ==, b->port);
  g_assert_cmpstr (a->path, ==, b->path);
}

static void
check_error (const GError *error)
{
  gsize len;

  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_false (has_control_chars (error->message));
  len = strlen (error->message);
  g_assert_cmpuint (len, >, 0);
  g_assert_cmpint (error->message[len - 1], ==, '.');
}

/* Text with a password is refused, whatever the password. */
static void
check_password_refused (const char   *stripped,
                        const GError *error)
{
  g_autoptr(GString) other = NULL;
  g_autoptr(GError) other_error = NULL;
  g_autoptr(FerryUrl) url = NULL;
  gsize start, len;

  if (!find_password (stripped, &start, &len))
    return;
  g_assert_nonnull (error);

  /* Earlier checks (control characters) may see the password: then the
   * message does not depend on what was typed after it either. */
  other = g_string_new_len (stripped, start);
  g_string_append (other, "hunter2");
  g_string_append (other, stripped + start + len);
  url = ferry_url_parse (other->str, &other_error);
  g_assert_null (url);
  if (!has_control_chars (stripped))
    g_assert_cmpstr (error->message, ==, other_error->message);
}

static void
check_url (const FerryUrl *url)
{
  g_autofree char *text = NULL;
  g_autofree char *again_text = NULL;
  g_autoptr(FerryUrl) again = NULL;
  g_autoptr(FerryUrl) copy = NULL;
  g_autoptr(GError) error = NULL;
  gsize start, len;

  g_assert_nonnull (url->host);
  g_assert_cmpuint (strlen (url->host), >, 0);
  g_assert_true (g_utf8_validate (url->host, -1, NULL));
  g_assert_false (has_control_chars (url->host));
  g_assert_true (url->user == NULL || *url->user != '\0');
  g_assert_true (url->user == NULL || g_utf8_validate (url->user, -1, NULL));
  g_assert_false (has_control_chars (url->user));
  g_assert_true (url->path == NULL || url->path[0] == '/');
  g_assert_true (url->path == NULL || g_utf8_validate (url->path, -1, NULL));
  g_assert_false (has_control_chars (url->path));
  g_assert_true (url->has_security || url->security == FERRY_SECURITY_AUTO);

  copy = ferry_url_copy (url);
  check_same (url, copy);

  /* Written out: no password, and it reads back the same. */
  text = ferry_url_to_string (url);
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_false (has_control_chars (text));
  g_assert_false (find_password (text, &start, &len));
  again = ferry_url_parse (text, &error);
  if (again == NULL)
    fail ("“%s” does not read back: %s", text, error->message);
  check_same (url, again);
  again_text = ferry_url_to_string (again);
  g_assert_cmpstr (again_text, ==, text);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *stripped = NULL;
  g_autoptr(FerryUrl) url = NULL;
  g_autoptr(GError) error = NULL;

  if (size > 4096)
    return 0;
  text = g_strndup ((const char *) data, size);

  url = ferry_url_parse (text, &error);
  if (url == NULL)
    check_error (error);
  else
    {
      g_assert_no_error (error);
      check_url (url);
    }

  if (g_utf8_validate (text, -1, NULL))
    {
      stripped = g_strstrip (g_strdup (text));
      check_password_refused (stripped, error);
    }
  return 0;
}
