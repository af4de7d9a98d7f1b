/* test-certificate.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerryCertificate against certificates made by openssl and certtool when the
 * test starts (none is committed): every field is compared with what was asked
 * for and with what openssl itself reads back.
 */
#define G_LOG_DOMAIN "test-certificate"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ferry-certificate.h"
#include "ferry-error.h"

static char *tmpdir;

static const char openssl_config[] =
  "[req]\n"
  "distinguished_name = dn\n"
  "prompt = no\n"
  "[dn]\n"
  "CN = unused\n"
  "[ca_ext]\n"
  "basicConstraints = critical,CA:TRUE\n"
  "keyUsage = critical,keyCertSign,cRLSign\n"
  "subjectKeyIdentifier = hash\n"
  "[leaf_ext]\n"
  "basicConstraints = CA:FALSE\n"
  "keyUsage = critical,digitalSignature,keyEncipherment\n"
  "extendedKeyUsage = serverAuth\n"
  "subjectAltName = DNS:localhost,IP:127.0.0.1,IP:::1\n"
  "[wrong_ext]\n"
  "basicConstraints = CA:FALSE\n"
  "extendedKeyUsage = serverAuth\n"
  "subjectAltName = DNS:wrong.example.org\n"
  "[self_ext]\n"
  "subjectAltName = DNS:self.example.org,email:admin@self.example.org,"
  "URI:https://self.example.org/ferry\n"
  "[ec_ext]\n"
  "subjectAltName = DNS:ec.example.org\n";

static const char expired_template[] =
  "cn = \"expired.example.org\"\n"
  "dns_name = \"localhost\"\n"
  "serial = 0x0bad\n"
  "activation_date = \"2020-01-01 00:00:00 UTC\"\n"
  "expiration_date = \"2021-01-01 00:00:00 UTC\"\n"
  "tls_www_server\n"
  "signing_key\n"
  "encryption_key\n";

static const char not_yet_valid_template[] =
  "cn = \"future.example.org\"\n"
  "dns_name = \"localhost\"\n"
  "serial = 0x0f00\n"
  "activation_date = \"2090-01-01 00:00:00 UTC\"\n"
  "expiration_date = \"2091-01-01 00:00:00 UTC\"\n"
  "tls_www_server\n"
  "signing_key\n"
  "encryption_key\n";

/* --- helpers --- */

static char *
path_for (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static void
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = path_for (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Runs a tool in the temporary folder and returns its standard output. */
static char *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (tmpdir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return g_steal_pointer (&out);
}

#define RUN(...) g_free (run_tool ((const char *[]) { __VA_ARGS__, NULL }))

/* "sha256 Fingerprint=AB:CD" → "AB:CD": one field of `openssl x509 -noout`. */
static char *
openssl_field (const char *pem_name,
               const char *option,
               const char *extra)
{
  g_autofree char *out = NULL;
  const char *value;

  out = run_tool ((const char *[]) { "openssl", "x509", "-in", pem_name, "-noout",
                                     "-nameopt", "RFC2253", "-dateopt", "iso_8601",
                                     option, extra, NULL });
  g_strstrip (out);
  value = strchr (out, '=');
  g_assert_nonnull (value);
  return g_strdup (value + 1);
}

static char *
openssl_fingerprint (const char *pem_name,
                     const char *digest)
{
  g_autofree char *field = openssl_field (pem_name, "-fingerprint", digest);
  g_auto(GStrv) parts = g_strsplit (field, ":", -1);
  g_autofree char *joined = g_strjoinv ("", parts);

  return g_ascii_strdown (joined, -1);
}

static char *
format_utc (GDateTime *when)
{
  return g_date_time_format (when, "%Y-%m-%d %H:%M:%SZ");
}

static char *
read_pem (const char *name)
{
  g_autofree char *path = path_for (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static FerryCertificate *
load (const char *name)
{
  g_autofree char *pem = read_pem (name);
  g_autoptr(GError) error = NULL;
  FerryCertificate *cert;

  cert = ferry_certificate_new_from_pem (pem, &error);
  g_assert_no_error (error);
  g_assert_true (FERRY_IS_CERTIFICATE (cert));
  return cert;
}

static GBytes *
read_bytes (const char *name)
{
  g_autofree char *path = path_for (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static FerryCertificateProblems
verify (FerryCertificate *cert,
        const char       *hostname,
        const char       *ca_name,
        GDateTime        *now)
{
  g_autofree char *ca_file = ca_name ? path_for (ca_name) : NULL;
  g_autoptr(GError) error = NULL;
  FerryCertificateProblems problems;

  problems = ferry_certificate_verify (cert, hostname, ca_file, now, &error);
  g_assert_no_error (error);
  return problems;
}

static gboolean
strv_contains_substring (char       **strv,
                         const char  *needle)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (strstr (strv[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
generate_certificates (void)
{
  write_file ("test.cnf", openssl_config);
  write_file ("expired.tmpl", expired_template);
  write_file ("future.tmpl", not_yet_valid_template);
  write_file ("empty.pem", "");
  write_file ("garbage.pem", "This is not a certificate.\n");

  /* A certificate authority and the server certificate it signed. */
  RUN ("openssl", "req", "-x509", "-config", "test.cnf", "-extensions", "ca_ext",
       "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "30",
       "-subj", "/O=Ferry Tests/CN=Ferry Test CA", "-set_serial", "0xF00D", "-sha256");
  RUN ("openssl", "req", "-new", "-config", "test.cnf", "-newkey", "rsa:2048", "-nodes",
       "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/O=Ferry Tests/CN=localhost");
  RUN ("openssl", "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
       "-set_serial", "0x1A2B3C4D5E", "-days", "30", "-sha256",
       "-extfile", "test.cnf", "-extensions", "leaf_ext", "-out", "leaf.pem");
  RUN ("openssl", "x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.der");
  RUN ("openssl", "x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der");

  /* Signed by the same authority, for another name. */
  RUN ("openssl", "req", "-new", "-config", "test.cnf", "-key", "leaf.key",
       "-out", "wrong.csr", "-subj", "/CN=wrong.example.org");
  RUN ("openssl", "x509", "-req", "-in", "wrong.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
       "-set_serial", "0x77", "-days", "30", "-sha256",
       "-extfile", "test.cnf", "-extensions", "wrong_ext", "-out", "wrong.pem");

  /* Self-signed, RSA and EC. */
  RUN ("openssl", "req", "-x509", "-config", "test.cnf", "-extensions", "self_ext",
       "-newkey", "rsa:2048", "-nodes", "-keyout", "self.key", "-out", "self.pem",
       "-days", "30", "-subj", "/CN=self.example.org", "-set_serial", "5", "-sha256");
  RUN ("openssl", "req", "-x509", "-config", "test.cnf", "-extensions", "ec_ext",
       "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:secp384r1", "-nodes",
       "-keyout", "ec.key", "-out", "ec.pem", "-days", "30",
       "-subj", "/CN=ec.example.org", "-set_serial", "0x0ECC", "-sha384");

  RUN ("openssl", "req", "-x509", "-config", "test.cnf", "-extensions", "ec_ext",
       "-newkey", "ed25519", "-nodes", "-keyout", "ed25519.key", "-out", "ed25519.pem",
       "-days", "30", "-subj", "/CN=ec.example.org", "-set_serial", "0x25519");

  /* Dates openssl 3.0 cannot set: certtool, signed by the same authority. */
  RUN ("certtool", "--generate-certificate", "--load-privkey", "leaf.key",
       "--load-ca-certificate", "ca.pem", "--load-ca-privkey", "ca.key",
       "--template", "expired.tmpl", "--outfile", "expired.pem");
  RUN ("certtool", "--generate-certificate", "--load-privkey", "leaf.key",
       "--load-ca-certificate", "ca.pem", "--load-ca-privkey", "ca.key",
       "--template", "future.tmpl", "--outfile", "future.pem");
}

static void
remove_tmpdir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = path_for (name);
      g_unlink (path);
    }
  g_rmdir (tmpdir);
}

/* --- parsing --- */

static void
test_parse_leaf (void)
{
  g_autoptr(FerryCertificate) cert = load ("leaf.pem");
  g_autofree char *subject = openssl_field ("leaf.pem", "-subject", NULL);
  g_autofree char *issuer = openssl_field ("leaf.pem", "-issuer", NULL);
  g_autofree char *serial = openssl_field ("leaf.pem", "-serial", NULL);
  g_autofree char *start = openssl_field ("leaf.pem", "-startdate", NULL);
  g_autofree char *end = openssl_field ("leaf.pem", "-enddate", NULL);
  g_autofree char *sha256 = openssl_fingerprint ("leaf.pem", "-sha256");
  g_autofree char *sha1 = openssl_fingerprint ("leaf.pem", "-sha1");
  g_autofree char *not_before = NULL;
  g_autofree char *not_after = NULL;
  const char *const expected_sans[] = { "DNS:localhost", "IP:127.0.0.1", "IP:::1", NULL };
  g_auto(GStrv) serial_parts = NULL;
  g_autofree char *serial_joined = NULL;

  g_assert_cmpstr (ferry_certificate_get_subject (cert), ==, "CN=localhost,O=Ferry Tests");
  g_assert_cmpstr (ferry_certificate_get_subject (cert), ==, subject);
  g_assert_cmpstr (ferry_certificate_get_subject_common_name (cert), ==, "localhost");
  g_assert_cmpstr (ferry_certificate_get_issuer (cert), ==, "CN=Ferry Test CA,O=Ferry Tests");
  g_assert_cmpstr (ferry_certificate_get_issuer (cert), ==, issuer);
  g_assert_cmpstr (ferry_certificate_get_issuer_common_name (cert), ==, "Ferry Test CA");

  g_assert_cmpstr (ferry_certificate_get_serial (cert), ==, "1A:2B:3C:4D:5E");
  serial_parts = g_strsplit (ferry_certificate_get_serial (cert), ":", -1);
  serial_joined = g_strjoinv ("", serial_parts);
  g_assert_cmpstr (serial_joined, ==, serial);

  g_assert_cmpstr (ferry_certificate_get_sha256 (cert), ==, sha256);
  g_assert_cmpuint (strlen (ferry_certificate_get_sha256 (cert)), ==, 64);
  g_assert_cmpstr (ferry_certificate_get_sha1 (cert), ==, sha1);
  g_assert_cmpuint (strlen (ferry_certificate_get_sha1 (cert)), ==, 40);

  g_assert_cmpstrv (ferry_certificate_get_subject_alt_names (cert), expected_sans);

  g_assert_cmpstr (ferry_certificate_get_key_algorithm (cert), ==, "RSA");
  g_assert_cmpuint (ferry_certificate_get_key_bits (cert), ==, 2048);
  g_assert_cmpstr (ferry_certificate_get_signature_algorithm (cert), ==, "RSA-SHA256");
  g_assert_false (ferry_certificate_is_self_signed (cert));
  g_assert_null (ferry_certificate_get_issuer_certificate (cert));

  not_before = format_utc (ferry_certificate_get_not_before (cert));
  not_after = format_utc (ferry_certificate_get_not_after (cert));
  g_assert_cmpstr (not_before, ==, start);
  g_assert_cmpstr (not_after, ==, end);
  g_assert_cmpint (g_date_time_difference (ferry_certificate_get_not_after (cert),
                                           ferry_certificate_get_not_before (cert)),
                   ==, 30 * G_TIME_SPAN_DAY);
  g_assert_cmpint (g_date_time_get_utc_offset (ferry_certificate_get_not_after (cert)), ==, 0);
}

static void
test_parse_ca (void)
{
  g_autoptr(FerryCertificate) cert = load ("ca.pem");
  g_autofree char *serial = openssl_field ("ca.pem", "-serial", NULL);

  g_assert_cmpstr (ferry_certificate_get_subject (cert), ==, "CN=Ferry Test CA,O=Ferry Tests");
  g_assert_cmpstr (ferry_certificate_get_issuer (cert), ==, ferry_certificate_get_subject (cert));
  /* 0xF00D has its high bit set: DER stores 00 F0 0D, the number is F0:0D. */
  g_assert_cmpstr (serial, ==, "F00D");
  g_assert_cmpstr (ferry_certificate_get_serial (cert), ==, "F0:0D");
  g_assert_true (ferry_certificate_is_self_signed (cert));
  g_assert_cmpstrv (ferry_certificate_get_subject_alt_names (cert), ((const char *[]) { NULL }));
}

static void
test_parse_self_signed (void)
{
  g_autoptr(FerryCertificate) cert = load ("self.pem");
  const char *const expected_sans[] = {
    "DNS:self.example.org",
    "email:admin@self.example.org",
    "URI:https://self.example.org/ferry",
    NULL
  };

  g_assert_cmpstr (ferry_certificate_get_subject (cert), ==, "CN=self.example.org");
  g_assert_cmpstr (ferry_certificate_get_issuer_common_name (cert), ==, "self.example.org");
  g_assert_cmpstr (ferry_certificate_get_serial (cert), ==, "05");
  g_assert_true (ferry_certificate_is_self_signed (cert));
  g_assert_cmpstrv (ferry_certificate_get_subject_alt_names (cert), expected_sans);
}

static void
test_parse_ec (void)
{
  g_autoptr(FerryCertificate) cert = load ("ec.pem");
  g_autofree char *sha256 = openssl_fingerprint ("ec.pem", "-sha256");

  g_assert_cmpstr (ferry_certificate_get_key_algorithm (cert), ==, "EC/ECDSA");
  g_assert_cmpuint (ferry_certificate_get_key_bits (cert), ==, 384); /* secp384r1 */
  g_assert_cmpstr (ferry_certificate_get_signature_algorithm (cert), ==, "ECDSA-SHA384");
  g_assert_cmpstr (ferry_certificate_get_serial (cert), ==, "0E:CC");
  g_assert_cmpstr (ferry_certificate_get_sha256 (cert), ==, sha256);
  g_assert_true (ferry_certificate_is_self_signed (cert));
}

static void
test_parse_ed25519 (void)
{
  g_autoptr(FerryCertificate) cert = load ("ed25519.pem");

  g_assert_cmpstr (ferry_certificate_get_key_algorithm (cert), ==, "Ed25519");
  g_assert_cmpuint (ferry_certificate_get_key_bits (cert), ==, 256);
  g_assert_cmpstr (ferry_certificate_get_signature_algorithm (cert), ==, "EdDSA-Ed25519");
  g_assert_cmpstr (ferry_certificate_get_serial (cert), ==, "02:55:19");
  g_assert_cmpint (verify (cert, "ec.example.org", "ed25519.pem", NULL), ==,
                   FERRY_CERTIFICATE_OK);
}

static void
test_parse_dates (void)
{
  g_autoptr(FerryCertificate) expired = load ("expired.pem");
  g_autoptr(FerryCertificate) future = load ("future.pem");
  g_autofree char *a = format_utc (ferry_certificate_get_not_before (expired));
  g_autofree char *b = format_utc (ferry_certificate_get_not_after (expired));
  g_autofree char *c = format_utc (ferry_certificate_get_not_before (future));
  g_autofree char *d = format_utc (ferry_certificate_get_not_after (future));

  g_assert_cmpstr (a, ==, "2020-01-01 00:00:00Z");
  g_assert_cmpstr (b, ==, "2021-01-01 00:00:00Z");
  g_assert_cmpstr (c, ==, "2090-01-01 00:00:00Z");
  g_assert_cmpstr (d, ==, "2091-01-01 00:00:00Z");
  g_assert_cmpstr (ferry_certificate_get_serial (expired), ==, "0B:AD");
  g_assert_cmpstr (ferry_certificate_get_subject_common_name (expired), ==,
                   "expired.example.org");
}

static void
test_parse_invalid (void)
{
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GPtrArray) garbage = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryCertificate) cert = NULL;

  cert = ferry_certificate_new_from_pem ("This is not a certificate.", &error);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT);
  g_assert_null (cert);
  g_clear_error (&error);

  cert = ferry_certificate_new_from_chain (empty, &error);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_TLS);
  g_assert_null (cert);
  g_clear_error (&error);

  cert = ferry_certificate_new_from_chain (NULL, &error);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_TLS);
  g_clear_error (&error);

  g_ptr_array_add (garbage, read_bytes ("leaf.der"));
  g_ptr_array_add (garbage, g_bytes_new_static ("\x30\x03\x02\x01\x05", 5));
  cert = ferry_certificate_new_from_chain (garbage, &error);
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "2"));
  g_assert_null (cert);
}

/* --- the chain, DER and PEM --- */

static void
test_chain (void)
{
  g_autoptr(GPtrArray) ders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(FerryCertificate) leaf = NULL;
  g_autoptr(FerryCertificate) ca = load ("ca.pem");
  g_autoptr(FerryCertificate) leaf_from_pem = load ("leaf.pem");
  g_autoptr(FerryCertificate) round_trip = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *pem_file = read_pem ("leaf.pem");
  FerryCertificate *issuer;

  g_ptr_array_add (ders, read_bytes ("leaf.der"));
  g_ptr_array_add (ders, read_bytes ("ca.der"));
  leaf = ferry_certificate_new_from_chain (ders, &error);
  g_assert_no_error (error);

  g_assert_true (g_bytes_equal (ferry_certificate_get_der (leaf), ders->pdata[0]));
  g_assert_true (g_bytes_equal (ferry_certificate_get_der (leaf_from_pem), ders->pdata[0]));
  g_assert_true (ferry_certificate_equal (leaf, leaf_from_pem));
  g_assert_false (ferry_certificate_equal (leaf, ca));
  g_assert_false (ferry_certificate_equal (leaf, NULL));

  issuer = ferry_certificate_get_issuer_certificate (leaf);
  g_assert_nonnull (issuer);
  g_assert_true (ferry_certificate_equal (issuer, ca));
  g_assert_cmpstr (ferry_certificate_get_subject (issuer), ==,
                   ferry_certificate_get_issuer (leaf));
  g_assert_null (ferry_certificate_get_issuer_certificate (issuer));

  chain = ferry_certificate_dup_chain (leaf);
  g_assert_cmpuint (chain->len, ==, 2);
  g_assert_true (chain->pdata[0] == (gpointer) leaf);
  g_assert_true (chain->pdata[1] == (gpointer) issuer);

  pem = ferry_certificate_dup_pem (leaf);
  g_assert_true (g_str_has_prefix (pem, "-----BEGIN CERTIFICATE-----\n"));
  g_assert_true (g_str_has_suffix (pem, "-----END CERTIFICATE-----\n"));
  g_assert_cmpstr (pem, ==, pem_file);
  round_trip = ferry_certificate_new_from_pem (pem, &error);
  g_assert_no_error (error);
  g_assert_true (ferry_certificate_equal (round_trip, leaf));
}

static void
test_properties (void)
{
  g_autoptr(GPtrArray) ders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(FerryCertificate) leaf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryCertificate) issuer = NULL;
  g_autoptr(GDateTime) not_after = NULL;
  g_autoptr(GBytes) der = NULL;
  g_auto(GStrv) sans = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *sig = NULL;
  gboolean self_signed = TRUE;
  guint bits = 0;

  g_ptr_array_add (ders, read_bytes ("leaf.der"));
  g_ptr_array_add (ders, read_bytes ("ca.der"));
  leaf = ferry_certificate_new_from_chain (ders, &error);
  g_assert_no_error (error);

  g_object_get (leaf,
                "subject", &subject,
                "sha256", &sha256,
                "signature-algorithm", &sig,
                "key-bits", &bits,
                "self-signed", &self_signed,
                "not-after", &not_after,
                "subject-alt-names", &sans,
                "der", &der,
                "issuer-certificate", &issuer,
                NULL);
  g_assert_cmpstr (subject, ==, ferry_certificate_get_subject (leaf));
  g_assert_cmpstr (sha256, ==, ferry_certificate_get_sha256 (leaf));
  g_assert_cmpstr (sig, ==, "RSA-SHA256");
  g_assert_cmpuint (bits, ==, 2048);
  g_assert_false (self_signed);
  g_assert_true (g_date_time_equal (not_after, ferry_certificate_get_not_after (leaf)));
  g_assert_cmpuint (g_strv_length (sans), ==, 3);
  g_assert_true (g_bytes_equal (der, ders->pdata[0]));
  g_assert_true (issuer == ferry_certificate_get_issuer_certificate (leaf));
}

/* --- verification --- */

static void
test_verify_trusted (void)
{
  g_autoptr(GPtrArray) ders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(FerryCertificate) chain = NULL;
  g_autoptr(FerryCertificate) leaf = load ("leaf.pem");
  g_autoptr(GError) error = NULL;
  const char *const names[] = { "localhost", "LOCALHOST", "127.0.0.1", "::1", "[::1]" };

  g_ptr_array_add (ders, read_bytes ("leaf.der"));
  g_ptr_array_add (ders, read_bytes ("ca.der"));
  chain = ferry_certificate_new_from_chain (ders, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_test_message ("host %s", names[i]);
      g_assert_cmpint (verify (chain, names[i], "ca.pem", NULL), ==, FERRY_CERTIFICATE_OK);
      g_assert_cmpint (verify (leaf, names[i], "ca.pem", NULL), ==, FERRY_CERTIFICATE_OK);
    }

  /* No host name: only the chain and the dates are checked. */
  g_assert_cmpint (verify (leaf, NULL, "ca.pem", NULL), ==, FERRY_CERTIFICATE_OK);
  /* A moment before it expires it is still fine. */
  {
    g_autoptr(GDateTime) soon = g_date_time_add_days (ferry_certificate_get_not_after (leaf), -1);
    g_assert_cmpint (verify (leaf, "localhost", "ca.pem", soon), ==, FERRY_CERTIFICATE_OK);
  }
}

/* Who vouched: the CA file when only it does; nobody when anything is wrong,
 * even if the chain itself verifies (a wrong name, a wrong date). */
static FerryCertificateTrust
verified_by (FerryCertificate *cert,
             const char       *hostname,
             const char       *ca_name,
             GDateTime        *now)
{
  g_autofree char *ca_file = ca_name ? path_for (ca_name) : NULL;
  g_autoptr(GError) error = NULL;
  FerryCertificateTrust trust = FERRY_CERTIFICATE_TRUST_ONCE;
  FerryCertificateProblems problems;

  problems = ferry_certificate_verify_full (cert, hostname, ca_file, now, &trust, &error);
  g_assert_no_error (error);
  g_assert_cmpint (problems, ==, verify (cert, hostname, ca_name, now));
  g_assert_true ((problems == FERRY_CERTIFICATE_OK) == (trust != FERRY_CERTIFICATE_TRUST_NONE));
  return trust;
}

static void
test_verify_verified_by (void)
{
  g_autoptr(FerryCertificate) leaf = load ("leaf.pem");
  g_autoptr(FerryCertificate) self_signed = load ("self.pem");
  g_autoptr(FerryCertificate) expired = load ("expired.pem");
  g_autoptr(GDateTime) later = g_date_time_add_days (ferry_certificate_get_not_after (leaf), 1);

  g_assert_cmpint (verified_by (leaf, "localhost", "ca.pem", NULL), ==,
                   FERRY_CERTIFICATE_TRUST_CA_FILE);
  g_assert_cmpint (verified_by (leaf, "localhost", NULL, NULL), ==,
                   FERRY_CERTIFICATE_TRUST_NONE);
  g_assert_cmpint (verified_by (leaf, "example.org", "ca.pem", NULL), ==,
                   FERRY_CERTIFICATE_TRUST_NONE);
  g_assert_cmpint (verified_by (leaf, "localhost", "ca.pem", later), ==,
                   FERRY_CERTIFICATE_TRUST_NONE);
  g_assert_cmpint (verified_by (expired, "localhost", "ca.pem", NULL), ==,
                   FERRY_CERTIFICATE_TRUST_NONE);
  g_assert_cmpint (verified_by (self_signed, "self.example.org", "ca.pem", NULL), ==,
                   FERRY_CERTIFICATE_TRUST_NONE);
  /* Without the out argument it is ferry_certificate_verify. */
  g_assert_cmpint (ferry_certificate_verify_full (leaf, "localhost", NULL, NULL, NULL, NULL), ==,
                   verify (leaf, "localhost", NULL, NULL));
}

static void
test_verify_hostname (void)
{
  g_autoptr(FerryCertificate) leaf = load ("leaf.pem");
  g_autoptr(FerryCertificate) wrong = load ("wrong.pem");
  const char *const names[] = { "example.org", "localhost.example.org", "127.0.0.2", "::2" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_test_message ("host %s", names[i]);
      g_assert_cmpint (verify (leaf, names[i], "ca.pem", NULL), ==,
                       FERRY_CERTIFICATE_HOSTNAME_MISMATCH);
    }

  g_assert_cmpint (verify (wrong, "localhost", "ca.pem", NULL), ==,
                   FERRY_CERTIFICATE_HOSTNAME_MISMATCH);
  g_assert_cmpint (verify (wrong, "127.0.0.1", "ca.pem", NULL), ==,
                   FERRY_CERTIFICATE_HOSTNAME_MISMATCH);
  g_assert_cmpint (verify (wrong, "wrong.example.org", "ca.pem", NULL), ==,
                   FERRY_CERTIFICATE_OK);
}

static void
test_verify_unknown_issuer (void)
{
  g_autoptr(FerryCertificate) leaf = load ("leaf.pem");
  g_autoptr(FerryCertificate) self = load ("self.pem");
  g_autoptr(FerryCertificate) ec = load ("ec.pem");
  const FerryCertificateProblems allowed = FERRY_CERTIFICATE_UNKNOWN_ISSUER
                                           | FERRY_CERTIFICATE_NO_SYSTEM_TRUST;
  FerryCertificateProblems problems;

  /* Without the CA file the test authority is unknown. */
  problems = verify (leaf, "localhost", NULL, NULL);
  g_assert_true (problems & FERRY_CERTIFICATE_UNKNOWN_ISSUER);
  g_assert_cmpint (problems & ~allowed, ==, 0);

  problems = verify (self, "self.example.org", NULL, NULL);
  g_assert_true (problems & FERRY_CERTIFICATE_UNKNOWN_ISSUER);
  g_assert_cmpint (problems & ~allowed, ==, 0);

  /* Another authority's file does not help. */
  problems = verify (self, "self.example.org", "ca.pem", NULL);
  g_assert_true (problems & FERRY_CERTIFICATE_UNKNOWN_ISSUER);
  g_assert_cmpint (problems & ~allowed, ==, 0);

  problems = verify (ec, "ec.example.org", NULL, NULL);
  g_assert_true (problems & FERRY_CERTIFICATE_UNKNOWN_ISSUER);
  g_assert_cmpint (problems & ~allowed, ==, 0);

  /* A self-signed certificate given as the CA file is trusted. */
  g_assert_cmpint (verify (self, "self.example.org", "self.pem", NULL), ==,
                   FERRY_CERTIFICATE_OK);
  g_assert_cmpint (verify (ec, "ec.example.org", "ec.pem", NULL), ==, FERRY_CERTIFICATE_OK);
  g_assert_cmpint (verify (ec, "localhost", "ec.pem", NULL), ==,
                   FERRY_CERTIFICATE_HOSTNAME_MISMATCH);

  /* Several problems at once. */
  problems = verify (self, "other.example.org", NULL, NULL);
  g_assert_true (problems & FERRY_CERTIFICATE_UNKNOWN_ISSUER);
  g_assert_true (problems & FERRY_CERTIFICATE_HOSTNAME_MISMATCH);
}

static void
test_verify_dates (void)
{
  g_autoptr(FerryCertificate) expired = load ("expired.pem");
  g_autoptr(FerryCertificate) future = load ("future.pem");
  g_autoptr(FerryCertificate) leaf = load ("leaf.pem");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_years (now, 2);
  g_autoptr(GDateTime) earlier = g_date_time_add_years (now, -2);
  FerryCertificateProblems problems;

  g_assert_cmpint (verify (expired, "localhost", "ca.pem", NULL), ==,
                   FERRY_CERTIFICATE_EXPIRED);
  g_assert_cmpint (verify (future, "localhost", "ca.pem", NULL), ==,
                   FERRY_CERTIFICATE_NOT_YET_VALID);

  /* The time to check at comes from the caller. */
  g_assert_cmpint (verify (leaf, "localhost", "ca.pem", later), ==, FERRY_CERTIFICATE_EXPIRED);
  g_assert_cmpint (verify (leaf, "localhost", "ca.pem", earlier), ==,
                   FERRY_CERTIFICATE_NOT_YET_VALID);
  g_assert_cmpint (verify (leaf, "localhost", "ca.pem", now), ==, FERRY_CERTIFICATE_OK);

  /* Independent of trust: an unknown expired certificate is both. */
  problems = verify (expired, "example.org", NULL, NULL);
  g_assert_true (problems & FERRY_CERTIFICATE_EXPIRED);
  g_assert_true (problems & FERRY_CERTIFICATE_UNKNOWN_ISSUER);
  g_assert_true (problems & FERRY_CERTIFICATE_HOSTNAME_MISMATCH);
}

static void
test_verify_ca_file_errors (void)
{
  g_autoptr(FerryCertificate) leaf = load ("leaf.pem");
  const char *const names[] = { "missing.pem", "empty.pem", "garbage.pem", "." };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *ca_file = path_for (names[i]);
      g_autoptr(GError) error = NULL;

      g_test_message ("CA file %s", names[i]);
      ferry_certificate_verify (leaf, "localhost", ca_file, NULL, &error);
      g_assert_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL);
      g_assert_nonnull (strstr (error->message, ca_file));
    }

  /* An empty setting means no CA file. */
  {
    g_autoptr(GError) error = NULL;
    FerryCertificateProblems problems;

    problems = ferry_certificate_verify (leaf, "localhost", "", NULL, &error);
    g_assert_no_error (error);
    g_assert_true (problems & FERRY_CERTIFICATE_UNKNOWN_ISSUER);
  }
}

/* Several sessions verify at once, the first of them loading the system
 * trust store: registered first, so that the store is not loaded yet. */
static gpointer
verify_thread (gpointer data)
{
  FerryCertificate *leaf = data;
  const FerryCertificateProblems expected = FERRY_CERTIFICATE_UNKNOWN_ISSUER
                                            | FERRY_CERTIFICATE_HOSTNAME_MISMATCH;

  for (guint i = 0; i < 5; i++)
    {
      FerryCertificateProblems problems = verify (leaf, "example.org", NULL, NULL);

      g_assert_cmpint (problems & ~FERRY_CERTIFICATE_NO_SYSTEM_TRUST, ==, expected);
      g_assert_cmpint (verify (leaf, "localhost", "ca.pem", NULL), ==, FERRY_CERTIFICATE_OK);
    }
  return NULL;
}

static void
test_verify_threads (void)
{
  g_autoptr(FerryCertificate) leaf = load ("leaf.pem");
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("verify", verify_thread, leaf);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

/* --- describing --- */

static void
test_describe (void)
{
  g_autoptr(FerryCertificate) self = load ("self.pem");
  g_autoptr(FerryCertificate) leaf = load ("leaf.pem");
  g_autoptr(FerryCertificate) expired = load ("expired.pem");
  g_autoptr(FerryCertificate) future = load ("future.pem");
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) two = NULL;
  g_auto(GStrv) issuer = NULL;
  g_auto(GStrv) mismatch = NULL;
  g_auto(GStrv) old = NULL;
  g_auto(GStrv) young = NULL;
  g_auto(GStrv) all = NULL;
  FerryCertificateProblems problems;

  none = ferry_certificate_describe_problems (self, FERRY_CERTIFICATE_OK, "self.example.org");
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  problems = verify (self, "bad.example", NULL, NULL);
  two = ferry_certificate_describe_problems (self, problems, "bad.example");
  g_assert_cmpuint (g_strv_length (two), >=, 2);
  g_assert_true (strv_contains_substring (two, "bad.example"));
  g_assert_true (strv_contains_substring (two, "self-signed"));
  g_assert_true (strv_contains_substring (two, "self.example.org"));

  issuer = ferry_certificate_describe_problems (leaf, FERRY_CERTIFICATE_UNKNOWN_ISSUER, NULL);
  g_assert_cmpuint (g_strv_length (issuer), ==, 1);
  g_assert_true (strv_contains_substring (issuer, "Ferry Test CA"));

  mismatch = ferry_certificate_describe_problems (leaf, FERRY_CERTIFICATE_HOSTNAME_MISMATCH,
                                                  "example.org");
  g_assert_cmpuint (g_strv_length (mismatch), ==, 1);
  g_assert_true (strv_contains_substring (mismatch, "example.org"));
  g_assert_true (strv_contains_substring (mismatch, "localhost"));
  g_assert_true (strv_contains_substring (mismatch, "::1"));

  old = ferry_certificate_describe_problems (expired, verify (expired, "localhost", "ca.pem",
                                                              NULL),
                                             "localhost");
  g_assert_cmpuint (g_strv_length (old), ==, 1);
  g_assert_true (strv_contains_substring (old, "expired"));
  g_assert_true (strv_contains_substring (old, "2021-01-01"));

  young = ferry_certificate_describe_problems (future, FERRY_CERTIFICATE_NOT_YET_VALID,
                                               "localhost");
  g_assert_cmpuint (g_strv_length (young), ==, 1);
  g_assert_true (strv_contains_substring (young, "2090-01-01"));

  all = ferry_certificate_describe_problems (leaf, 0x1ff, "example.org");
  g_assert_cmpuint (g_strv_length (all), ==, 9);
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_test_message ("%s", all[i]);
      g_assert_cmpuint (strlen (all[i]), >, 20);
      g_assert_true (g_str_has_suffix (all[i], "."));
    }
}

static void
test_problems_to_strv (void)
{
  g_auto(GStrv) none = ferry_certificate_problems_to_strv (FERRY_CERTIFICATE_OK);
  g_auto(GStrv) some = NULL;
  g_auto(GStrv) all = NULL;
  const char *const expected_some[] = { "unknown-issuer", "expired", "hostname-mismatch", NULL };
  const char *const expected_all[] = {
    "unknown-issuer", "expired", "not-yet-valid", "hostname-mismatch", "revoked",
    "insecure-algorithm", "bad-signature", "no-system-trust", "other", NULL
  };

  g_assert_cmpstrv (none, ((const char *[]) { NULL }));

  some = ferry_certificate_problems_to_strv (FERRY_CERTIFICATE_HOSTNAME_MISMATCH
                                             | FERRY_CERTIFICATE_EXPIRED
                                             | FERRY_CERTIFICATE_UNKNOWN_ISSUER);
  g_assert_cmpstrv (some, expected_some);

  all = ferry_certificate_problems_to_strv (0x1ff);
  g_assert_cmpstrv (all, expected_all);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *certtool = g_find_program_in_path ("certtool");
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (openssl == NULL || certtool == NULL)
    {
      g_printerr ("openssl and certtool (gnutls-bin) are needed to make test certificates\n");
      return 77;
    }

  tmpdir = g_dir_make_tmp ("ferry-test-certificate-XXXXXX", &error);
  g_assert_no_error (error);
  generate_certificates ();

  g_test_add_func ("/certificate/threads", test_verify_threads);
  g_test_add_func ("/certificate/parse/leaf", test_parse_leaf);
  g_test_add_func ("/certificate/parse/ca", test_parse_ca);
  g_test_add_func ("/certificate/parse/self-signed", test_parse_self_signed);
  g_test_add_func ("/certificate/parse/ec", test_parse_ec);
  g_test_add_func ("/certificate/parse/ed25519", test_parse_ed25519);
  g_test_add_func ("/certificate/parse/dates", test_parse_dates);
  g_test_add_func ("/certificate/parse/invalid", test_parse_invalid);
  g_test_add_func ("/certificate/chain", test_chain);
  g_test_add_func ("/certificate/properties", test_properties);
  g_test_add_func ("/certificate/verify/trusted", test_verify_trusted);
  g_test_add_func ("/certificate/verify/verified-by", test_verify_verified_by);
  g_test_add_func ("/certificate/verify/hostname", test_verify_hostname);
  g_test_add_func ("/certificate/verify/unknown-issuer", test_verify_unknown_issuer);
  g_test_add_func ("/certificate/verify/dates", test_verify_dates);
  g_test_add_func ("/certificate/verify/ca-file-errors", test_verify_ca_file_errors);
  g_test_add_func ("/certificate/describe", test_describe);
  g_test_add_func ("/certificate/problems-to-strv", test_problems_to_strv);

  ret = g_test_run ();

  remove_tmpdir ();
  g_clear_pointer (&tmpdir, g_free);
  return ret;
}
