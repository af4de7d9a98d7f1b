/* fuzz-certificate.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for what Ferry reads from and says about a server's
 * certificate: FerryCertificate made from DER (the chain as a server sends
 * it: one DER certificate after another; GnuTLS builds the gnutls_x509_crt),
 * or from PEM when the first byte's bit 0 is set; then every field, the
 * verification against the system trust store and the sentences that
 * describe each problem. The other bits of the first byte choose the host
 * name it is verified for. Besides "no crash, no leak, no overflow" it
 * checks what the trust dialog relies on: everything shown is valid UTF-8
 * without control characters, the fingerprints are the DER's, the serial
 * is hex, the dates are there, and the PEM Ferry writes reads back as the
 * same certificate.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ferry-certificate.h"
#include "ferry-error.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A broken promise: says what, and abort()s so that libFuzzer keeps the
 * input (g_error() traps instead). */
#define fail(...) (g_printerr (__VA_ARGS__), g_printerr ("\n"), abort ())

#define MAX_CHAIN 4

static const char * const hostnames[] = {
  "localhost", "ftp.example.com", "127.0.0.1", "::1", "", "xn--bcher-kva.example",
  "*.example.com", "a.b.c.d.example.org",
};

static void
check_shown (const char *text)
{
  g_assert_nonnull (text);
  if (!g_utf8_validate (text, -1, NULL))
    fail ("not UTF-8: %s", text);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      fail ("a control character (U+%04X) in “%s”", g_utf8_get_char (p), text);
}

static void
check_hex (const char *text,
           gsize       len)
{
  g_assert_cmpuint (strlen (text), ==, len);
  for (const char *p = text; *p != '\0'; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
}

/* The length of the DER element at @data (tag, length, contents), at most @len. */
static gsize
der_element_length (const guint8 *data,
                    gsize         len)
{
  gsize header = 2;
  gsize contents;

  if (len < 2)
    return len;
  if (data[1] < 0x80)
    contents = data[1];
  else
    {
      guint n = data[1] & 0x7f;

      if (n == 0 || n > 4 || len < 2 + n)
        return len;
      contents = 0;
      for (guint i = 0; i < n; i++)
        contents = (contents << 8) | data[2 + i];
      header += n;
    }
  return contents > len - header ? len : header + contents;
}

static void
check_certificate (FerryCertificate *cert,
                   const char       *hostname,
                   gboolean          verify)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 6, 1, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryCertificate) again = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *sha1 = NULL;
  g_autofree char *pem = NULL;
  g_auto(GStrv) sentences = NULL;
  g_auto(GStrv) names = NULL;
  const char *const *sans;
  const char *serial;
  FerryCertificateProblems problems;
  GBytes *der;

  check_shown (ferry_certificate_get_subject (cert));
  check_shown (ferry_certificate_get_issuer (cert));
  if (ferry_certificate_get_subject_common_name (cert) != NULL)
    check_shown (ferry_certificate_get_subject_common_name (cert));
  if (ferry_certificate_get_issuer_common_name (cert) != NULL)
    check_shown (ferry_certificate_get_issuer_common_name (cert));
  check_shown (ferry_certificate_get_key_algorithm (cert));
  check_shown (ferry_certificate_get_signature_algorithm (cert));
  sans = ferry_certificate_get_subject_alt_names (cert);
  g_assert_nonnull (sans);
  for (guint i = 0; sans[i] != NULL; i++)
    {
      check_shown (sans[i]);
      g_assert_true (g_str_has_prefix (sans[i], "DNS:") || g_str_has_prefix (sans[i], "IP:") ||
                     g_str_has_prefix (sans[i], "email:") || g_str_has_prefix (sans[i], "URI:"));
    }

  serial = ferry_certificate_get_serial (cert);
  for (const char *p = serial; *p != '\0'; p++)
    g_assert_true (g_ascii_isxdigit (*p) || *p == ':');

  g_assert_nonnull (ferry_certificate_get_not_before (cert));
  g_assert_nonnull (ferry_certificate_get_not_after (cert));

  der = ferry_certificate_get_der (cert);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, der);
  sha1 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, der);
  check_hex (ferry_certificate_get_sha256 (cert), 64);
  check_hex (ferry_certificate_get_sha1 (cert), 40);
  g_assert_cmpstr (ferry_certificate_get_sha256 (cert), ==, sha256);
  g_assert_cmpstr (ferry_certificate_get_sha1 (cert), ==, sha1);

  /* The PEM Ferry writes (to a CA file, a pin) reads back as the same certificate. */
  pem = ferry_certificate_dup_pem (cert);
  g_assert_nonnull (pem);
  again = ferry_certificate_new_from_pem (pem, &error);
  g_assert_no_error (error);
  g_assert_true (ferry_certificate_equal (cert, again));
  g_assert_cmpstr (ferry_certificate_get_subject (again), ==,
                   ferry_certificate_get_subject (cert));

  /* Every sentence, whichever problems there are. */
  sentences = ferry_certificate_describe_problems (cert, 0x1ff, hostname);
  g_assert_cmpuint (g_strv_length (sentences), ==, 9);
  for (guint i = 0; sentences[i] != NULL; i++)
    check_shown (sentences[i]);
  g_clear_pointer (&sentences, g_strfreev);

  if (!verify)
    return;
  problems = ferry_certificate_verify (cert, hostname, NULL, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems & ~0x1ffu, ==, 0);

  sentences = ferry_certificate_describe_problems (cert, problems, NULL);
  for (guint i = 0; sentences[i] != NULL; i++)
    check_shown (sentences[i]);
  names = ferry_certificate_problems_to_strv (problems);
  for (guint i = 0; names[i] != NULL; i++)
    check_shown (names[i]);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(FerryCertificate) cert = NULL;
  g_autoptr(GError) error = NULL;
  const char *hostname;

  if (size < 1 || size > 32 * 1024)
    return 0;
  hostname = hostnames[(data[0] >> 1) % G_N_ELEMENTS (hostnames)];

  if (data[0] & 1)
    {
      g_autofree char *pem = g_strndup ((const char *) data + 1, size - 1);

      cert = ferry_certificate_new_from_pem (pem, &error);
      if (cert == NULL)
        g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT);
    }
  else
    {
      g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      const guint8 *p = data + 1;
      gsize left = size - 1;

      while (left > 0 && chain->len < MAX_CHAIN)
        {
          gsize n = chain->len + 1 < MAX_CHAIN ? der_element_length (p, left) : left;

          g_ptr_array_add (chain, g_bytes_new (p, n));
          p += n;
          left -= n;
        }
      cert = ferry_certificate_new_from_chain (chain, &error);
      if (cert == NULL)
        g_assert_error (error, FERRY_ERROR, FERRY_ERROR_TLS);
      else
        {
          g_autoptr(GPtrArray) got = ferry_certificate_dup_chain (cert);

          g_assert_cmpuint (got->len, ==, chain->len);
          for (guint i = 0; i < got->len; i++)
            g_assert_true (g_bytes_equal (ferry_certificate_get_der (got->pdata[i]),
                                          chain->pdata[i]));
        }
    }

  if (cert == NULL)
    {
      check_shown (error->message);
      return 0;
    }
  g_assert_no_error (error);

  for (FerryCertificate *c = cert; c != NULL; c = ferry_certificate_get_issuer_certificate (c))
    check_certificate (c, hostname, c == cert);
  return 0;
}
