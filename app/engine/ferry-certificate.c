/* ferry-certificate.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A parsed X.509 certificate. Every field is read once, when the object is
 * made, and never changes afterwards, so a FerryCertificate can be shared
 * between the worker thread that received it and the UI that shows it.
 * Verification and the descriptions of its problems are in
 * ferry-certificate-verify.c.
 */
#define G_LOG_DOMAIN "ferry-certificate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/x509-ext.h>

#include "ferry-certificate.h"
#include "ferry-certificate-private.h"
#include "ferry-error.h"

#define SAN_OID "2.5.29.17"

struct _FerryCertificate
{
  GObject parent_instance;

  GBytes *der;
  char *subject;
  char *subject_common_name;
  char *issuer;
  char *issuer_common_name;
  GDateTime *not_before;
  GDateTime *not_after;
  char *serial;
  char *sha256;
  char *sha1;
  GStrv subject_alt_names;
  char *key_algorithm;
  guint key_bits;
  char *signature_algorithm;
  gnutls_sign_algorithm_t sign_algorithm;
  gboolean self_signed;
  FerryCertificate *issuer_certificate;
};

G_DEFINE_FINAL_TYPE (FerryCertificate, ferry_certificate, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SUBJECT,
  PROP_SUBJECT_COMMON_NAME,
  PROP_ISSUER,
  PROP_ISSUER_COMMON_NAME,
  PROP_NOT_BEFORE,
  PROP_NOT_AFTER,
  PROP_SERIAL,
  PROP_SHA256,
  PROP_SHA1,
  PROP_SUBJECT_ALT_NAMES,
  PROP_KEY_ALGORITHM,
  PROP_KEY_BITS,
  PROP_SIGNATURE_ALGORITHM,
  PROP_SELF_SIGNED,
  PROP_DER,
  PROP_ISSUER_CERTIFICATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- reading the fields --- */

/* At most this many characters of one name (or of one value in a
 * distinguished name), then "…": a 64 KB name must not push what matters out
 * of the dialog, the probe or a log line; a whole distinguished name has at
 * most FERRY_CERTIFICATE_MAX_DN_CHARS. */
#define FERRY_CERTIFICATE_MAX_CHARS    256
#define FERRY_CERTIFICATE_MAX_DN_CHARS 1024

/* Text from the certificate as the trust dialog shows it: valid UTF-8;
 * control characters (a line break or an escape sequence in a name could
 * make it read as something else), invisible format characters (U+202E and
 * the other bidirectional overrides and isolates, which reorder what a
 * person reads, zero-width characters) and line or paragraph separators
 * replaced by U+FFFD, like invalid bytes. In a distinguished name (@dn),
 * each value is cut at FERRY_CERTIFICATE_MAX_CHARS characters and the whole
 * at FERRY_CERTIFICATE_MAX_DN_CHARS; other names at the first. */
static char *
dup_safe_text (const void *data,
               gsize       len,
               gboolean    dn)
{
  g_autofree char *valid = g_utf8_make_valid (data, len);
  GString *out = g_string_sized_new (MIN (strlen (valid), 4 * FERRY_CERTIFICATE_MAX_DN_CHARS));
  guint max_total = dn ? FERRY_CERTIFICATE_MAX_DN_CHARS : FERRY_CERTIFICATE_MAX_CHARS;
  guint total = 0, in_value = 0;
  gboolean escaped = FALSE, cut = FALSE;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* RFC 4514: values end at an unescaped "," or "+". */
      gboolean separator = dn && !escaped && (c == ',' || c == '+');

      escaped = dn && !escaped && c == '\\';
      if (separator)
        {
          in_value = 0;
          cut = FALSE;
        }
      else if (cut)
        continue;
      else if (in_value == FERRY_CERTIFICATE_MAX_CHARS)
        {
          g_string_append (out, "…");
          cut = TRUE;
          continue;
        }
      else
        in_value++;

      if (total == max_total)
        {
          g_string_append (out, "…");
          break;
        }
      total++;
      switch (g_unichar_type (c))
        {
        case G_UNICODE_CONTROL:
        case G_UNICODE_FORMAT:
        case G_UNICODE_LINE_SEPARATOR:
        case G_UNICODE_PARAGRAPH_SEPARATOR:
          g_string_append_unichar (out, 0xfffd);
          break;
        default:
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
dup_valid_utf8 (const void *data,
                gsize       len)
{
  return dup_safe_text (data, len, FALSE);
}

static char *
dup_dn (gnutls_x509_crt_t crt,
        gboolean          issuer)
{
  gnutls_datum_t dn = { NULL, 0 };
  char *result;
  int ret;

  /* Flags 0 give RFC 4514 ("CN=…,O=…", most specific first, like
   * `openssl -nameopt RFC2253`); GNUTLS_X509_DN_FLAG_COMPAT would give
   * GnuTLS's pre-3.5.6 order, which is not RFC 4514. */
  if (issuer)
    ret = gnutls_x509_crt_get_issuer_dn3 (crt, &dn, 0);
  else
    ret = gnutls_x509_crt_get_dn3 (crt, &dn, 0);
  if (ret < 0)
    return g_strdup ("");

  result = dup_safe_text (dn.data, dn.size, TRUE);
  gnutls_free (dn.data);
  return result;
}

static char *
dup_common_name (gnutls_x509_crt_t crt,
                 gboolean          issuer)
{
  g_autofree char *buf = NULL;
  size_t size = 0;
  int ret;

  if (issuer)
    ret = gnutls_x509_crt_get_issuer_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0,
                                                NULL, &size);
  else
    ret = gnutls_x509_crt_get_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, NULL, &size);
  if (ret != GNUTLS_E_SHORT_MEMORY_BUFFER)
    return NULL;

  buf = g_malloc0 (size + 1);
  if (issuer)
    ret = gnutls_x509_crt_get_issuer_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0,
                                                buf, &size);
  else
    ret = gnutls_x509_crt_get_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, buf, &size);
  if (ret < 0)
    return NULL;

  return dup_valid_utf8 (buf, strnlen (buf, size));
}

static GDateTime *
date_time_from_time_t (time_t when)
{
  if (when == (time_t) -1)
    return NULL;
  if (when == GNUTLS_X509_NO_WELL_DEFINED_EXPIRATION)
    return g_date_time_new_utc (9999, 12, 31, 23, 59, 59);
  return g_date_time_new_from_unix_utc ((gint64) when);
}

/* The serial number as the integer it is: "01:A3:…", without the zero
 * byte DER puts in front of a number whose high bit is set. */
static char *
dup_serial (gnutls_x509_crt_t crt)
{
  g_autofree guint8 *buf = NULL;
  GString *out;
  size_t size = 0;
  size_t start = 0;
  int ret;

  ret = gnutls_x509_crt_get_serial (crt, NULL, &size);
  if (ret != GNUTLS_E_SHORT_MEMORY_BUFFER || size == 0)
    return g_strdup ("");

  buf = g_malloc0 (size);
  if (gnutls_x509_crt_get_serial (crt, buf, &size) < 0)
    return g_strdup ("");

  while (start + 1 < size && buf[start] == 0)
    start++;

  out = g_string_new (NULL);
  for (size_t i = start; i < size; i++)
    g_string_append_printf (out, "%s%02X", i > start ? ":" : "", buf[i]);
  return g_string_free (out, FALSE);
}

static char *
format_san (unsigned int          type,
            const gnutls_datum_t *san)
{
  switch (type)
    {
    case GNUTLS_SAN_DNSNAME:
      {
        g_autofree char *name = dup_valid_utf8 (san->data, san->size);
        return g_strconcat ("DNS:", name, NULL);
      }

    case GNUTLS_SAN_RFC822NAME:
      {
        g_autofree char *name = dup_valid_utf8 (san->data, san->size);
        return g_strconcat ("email:", name, NULL);
      }

    case GNUTLS_SAN_URI:
      {
        g_autofree char *name = dup_valid_utf8 (san->data, san->size);
        return g_strconcat ("URI:", name, NULL);
      }

    case GNUTLS_SAN_IPADDRESS:
      if (san->size == 4 || san->size == 16)
        {
          GSocketFamily family = san->size == 4 ? G_SOCKET_FAMILY_IPV4 : G_SOCKET_FAMILY_IPV6;
          g_autoptr(GInetAddress) address = g_inet_address_new_from_bytes (san->data, family);
          g_autofree char *text = g_inet_address_to_string (address);

          return g_strconcat ("IP:", text, NULL);
        }
      return NULL;

    default:
      return NULL;
    }
}

/* g_strv_builder_take() is newer than GLib 2.74: a NULL-terminated GPtrArray instead. */
GStrv
ferry_certificate_strv_end (GPtrArray *strings)
{
  g_ptr_array_add (strings, NULL);
  return (GStrv) g_ptr_array_free (strings, FALSE);
}

static GStrv
dup_subject_alt_names (gnutls_x509_crt_t crt)
{
  GPtrArray *names = g_ptr_array_new ();
  gnutls_subject_alt_names_t sans = NULL;
  gnutls_datum_t ext = { NULL, 0 };
  unsigned int critical = 0;

  if (gnutls_x509_crt_get_extension_by_oid2 (crt, SAN_OID, 0, &ext, &critical) < 0)
    return ferry_certificate_strv_end (names);

  if (gnutls_subject_alt_names_init (&sans) == 0
      && gnutls_x509_ext_import_subject_alt_names (&ext, sans, 0) == 0)
    {
      for (unsigned int i = 0;; i++)
        {
          gnutls_datum_t san = { NULL, 0 };
          unsigned int type = 0;
          char *text;

          if (gnutls_subject_alt_names_get (sans, i, &type, &san, NULL) < 0)
            break;
          text = format_san (type, &san);
          if (text != NULL)
            g_ptr_array_add (names, text);
        }
    }

  if (sans != NULL)
    gnutls_subject_alt_names_deinit (sans);
  gnutls_free (ext.data);
  return ferry_certificate_strv_end (names);
}

static char *
dup_signature_algorithm (gnutls_x509_crt_t        crt,
                         gnutls_sign_algorithm_t *out_algorithm)
{
  int algorithm = gnutls_x509_crt_get_signature_algorithm (crt);
  const char *name = NULL;
  char oid[128] = "";
  size_t size = sizeof oid;

  *out_algorithm = algorithm > 0 ? (gnutls_sign_algorithm_t) algorithm : GNUTLS_SIGN_UNKNOWN;
  if (algorithm > 0)
    name = gnutls_sign_get_name (algorithm);
  if (name != NULL)
    return g_strdup (name);

  /* An algorithm GnuTLS does not know: its OID is better than nothing. */
  if (gnutls_x509_crt_get_signature_oid (crt, oid, &size) == 0)
    return g_strdup (oid);
  return g_strdup ("unknown");
}

static gnutls_x509_crt_t
import_crt (const void            *data,
            gsize                  len,
            gnutls_x509_crt_fmt_t  format,
            int                   *out_ret)
{
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t datum = { (unsigned char *) data, (unsigned int) len };
  int ret;

  ret = gnutls_x509_crt_init (&crt);
  if (ret == 0)
    ret = gnutls_x509_crt_import (crt, &datum, format);
  if (ret < 0)
    {
      g_clear_pointer (&crt, gnutls_x509_crt_deinit);
      if (out_ret != NULL)
        *out_ret = ret;
      return NULL;
    }
  return crt;
}

/* Reads every field from @crt. @der is the certificate as it was received. */
static FerryCertificate *
certificate_new (gnutls_x509_crt_t crt,
                 GBytes           *der)
{
  FerryCertificate *self = g_object_new (FERRY_TYPE_CERTIFICATE, NULL);
  const char *pk_name;
  unsigned int bits = 0;
  int pk;

  self->der = g_bytes_ref (der);
  self->subject = dup_dn (crt, FALSE);
  self->subject_common_name = dup_common_name (crt, FALSE);
  self->issuer = dup_dn (crt, TRUE);
  self->issuer_common_name = dup_common_name (crt, TRUE);
  self->not_before = date_time_from_time_t (gnutls_x509_crt_get_activation_time (crt));
  self->not_after = date_time_from_time_t (gnutls_x509_crt_get_expiration_time (crt));
  self->serial = dup_serial (crt);
  self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, der);
  self->sha1 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, der);
  self->subject_alt_names = dup_subject_alt_names (crt);

  pk = gnutls_x509_crt_get_pk_algorithm (crt, &bits);
  if (pk == GNUTLS_PK_EDDSA_ED25519)
    pk_name = "Ed25519"; /* GnuTLS says "EdDSA (Ed25519)" */
  else if (pk == GNUTLS_PK_EDDSA_ED448)
    pk_name = "Ed448";
  else
    pk_name = pk > 0 ? gnutls_pk_algorithm_get_name (pk) : NULL;
  self->key_algorithm = g_strdup (pk_name != NULL ? pk_name : "unknown");
  self->key_bits = bits;

  self->signature_algorithm = dup_signature_algorithm (crt, &self->sign_algorithm);
  self->self_signed = gnutls_x509_crt_check_issuer (crt, crt) != 0;

  return self;
}

static gboolean
check_dates_parsed (FerryCertificate  *self,
                    GError           **error)
{
  if (self->not_before != NULL && self->not_after != NULL)
    return TRUE;
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_TLS,
               _("The certificate of “%s” has no readable validity dates, so it cannot be "
                 "checked; the server's administrator must replace it."),
               self->subject_common_name ? self->subject_common_name : self->subject);
  return FALSE;
}

FerryCertificate *
ferry_certificate_new_from_chain (GPtrArray  *der_chain,
                                  GError    **error)
{
  g_autoptr(FerryCertificate) issuer = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (der_chain == NULL || der_chain->len == 0)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_TLS,
                           _("The server sent no certificate, so its identity cannot be checked; "
                             "the server's TLS setup is incomplete."));
      return NULL;
    }

  /* Build from the root end, so that each certificate holds the next one. */
  for (guint i = der_chain->len; i > 0; i--)
    {
      GBytes *der = g_ptr_array_index (der_chain, i - 1);
      g_auto(gnutls_x509_crt_t) crt = NULL;
      FerryCertificate *cert;
      int ret = GNUTLS_E_INVALID_REQUEST;

      if (der != NULL)
        {
          gsize len = 0;
          const void *data = g_bytes_get_data (der, &len);

          crt = import_crt (data, len, GNUTLS_X509_FMT_DER, &ret);
        }
      if (crt == NULL)
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_TLS,
                       _("Certificate %u of the %u the server sent could not be read (%s); "
                         "the server's certificate setup is broken."),
                       i, der_chain->len, gnutls_strerror (ret));
          return NULL;
        }

      cert = certificate_new (crt, der);
      cert->issuer_certificate = g_steal_pointer (&issuer);
      issuer = cert;
      if (!check_dates_parsed (cert, error))
        return NULL;
    }

  return g_steal_pointer (&issuer);
}

FerryCertificate *
ferry_certificate_new_from_pem (const char  *pem,
                                GError     **error)
{
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_autoptr(FerryCertificate) self = NULL;
  g_autoptr(GBytes) der = NULL;
  gnutls_datum_t out = { NULL, 0 };
  int ret = 0;

  g_return_val_if_fail (pem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  crt = import_crt (pem, strlen (pem), GNUTLS_X509_FMT_PEM, &ret);
  if (crt == NULL)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                   _("The text is not a PEM certificate (%s); it must contain a block that "
                     "starts with “-----BEGIN CERTIFICATE-----”."),
                   gnutls_strerror (ret));
      return NULL;
    }

  ret = gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &out);
  if (ret < 0)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                   _("The certificate could not be converted to DER: %s."), gnutls_strerror (ret));
      return NULL;
    }
  der = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);

  self = certificate_new (crt, der);
  if (!check_dates_parsed (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* --- getters --- */

const char *
ferry_certificate_get_subject (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);
  return self->subject;
}

const char *
ferry_certificate_get_subject_common_name (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);
  return self->subject_common_name;
}

const char *
ferry_certificate_get_issuer (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);
  return self->issuer;
}

const char *
ferry_certificate_get_issuer_common_name (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);
  return self->issuer_common_name;
}

GDateTime *
ferry_certificate_get_not_before (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);
  return self->not_before;
}

GDateTime *
ferry_certificate_get_not_after (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);
  return self->not_after;
}

const char *
ferry_certificate_get_serial (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);
  return self->serial;
}

const char *
ferry_certificate_get_sha256 (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);
  return self->sha256;
}

const char *
ferry_certificate_get_sha1 (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);
  return self->sha1;
}

const char *const *
ferry_certificate_get_subject_alt_names (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);
  return (const char *const *) self->subject_alt_names;
}

const char *
ferry_certificate_get_key_algorithm (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);
  return self->key_algorithm;
}

guint
ferry_certificate_get_key_bits (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), 0);
  return self->key_bits;
}

const char *
ferry_certificate_get_signature_algorithm (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);
  return self->signature_algorithm;
}

gboolean
ferry_certificate_is_self_signed (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), FALSE);
  return self->self_signed;
}

GBytes *
ferry_certificate_get_der (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);
  return self->der;
}

char *
ferry_certificate_dup_pem (FerryCertificate *self)
{
  gnutls_datum_t der;
  gnutls_datum_t out = { NULL, 0 };
  gsize len = 0;
  char *pem;

  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);

  der.data = (unsigned char *) g_bytes_get_data (self->der, &len);
  der.size = (unsigned int) len;
  if (gnutls_pem_base64_encode2 ("CERTIFICATE", &der, &out) < 0)
    return NULL;

  pem = g_strndup ((const char *) out.data, out.size);
  gnutls_free (out.data);
  return pem;
}

FerryCertificate *
ferry_certificate_get_issuer_certificate (FerryCertificate *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);
  return self->issuer_certificate;
}

GPtrArray *
ferry_certificate_dup_chain (FerryCertificate *self)
{
  GPtrArray *chain;

  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);

  chain = g_ptr_array_new ();
  for (FerryCertificate *cert = self; cert != NULL; cert = cert->issuer_certificate)
    g_ptr_array_add (chain, cert);
  return chain;
}

gboolean
ferry_certificate_equal (FerryCertificate *a,
                         FerryCertificate *b)
{
  g_return_val_if_fail (a == NULL || FERRY_IS_CERTIFICATE (a), FALSE);
  g_return_val_if_fail (b == NULL || FERRY_IS_CERTIFICATE (b), FALSE);

  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return g_bytes_equal (a->der, b->der);
}

/* --- for ferry-certificate-verify.c --- */

gnutls_x509_crt_t
ferry_certificate_dup_crt (FerryCertificate *self)
{
  gsize len = 0;
  const void *data = g_bytes_get_data (self->der, &len);

  return import_crt (data, len, GNUTLS_X509_FMT_DER, NULL);
}

gnutls_sign_algorithm_t
ferry_certificate_get_sign_algorithm (FerryCertificate *self)
{
  return self->sign_algorithm;
}

/* --- GObject --- */

static void
ferry_certificate_finalize (GObject *object)
{
  FerryCertificate *self = FERRY_CERTIFICATE (object);

  g_clear_pointer (&self->der, g_bytes_unref);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->subject_common_name, g_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->issuer_common_name, g_free);
  g_clear_pointer (&self->not_before, g_date_time_unref);
  g_clear_pointer (&self->not_after, g_date_time_unref);
  g_clear_pointer (&self->serial, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->sha1, g_free);
  g_clear_pointer (&self->subject_alt_names, g_strfreev);
  g_clear_pointer (&self->key_algorithm, g_free);
  g_clear_pointer (&self->signature_algorithm, g_free);
  g_clear_object (&self->issuer_certificate);

  G_OBJECT_CLASS (ferry_certificate_parent_class)->finalize (object);
}

static void
ferry_certificate_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FerryCertificate *self = FERRY_CERTIFICATE (object);

  switch (prop_id)
    {
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;

    case PROP_SUBJECT_COMMON_NAME:
      g_value_set_string (value, self->subject_common_name);
      break;

    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;

    case PROP_ISSUER_COMMON_NAME:
      g_value_set_string (value, self->issuer_common_name);
      break;

    case PROP_NOT_BEFORE:
      g_value_set_boxed (value, self->not_before);
      break;

    case PROP_NOT_AFTER:
      g_value_set_boxed (value, self->not_after);
      break;

    case PROP_SERIAL:
      g_value_set_string (value, self->serial);
      break;

    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;

    case PROP_SHA1:
      g_value_set_string (value, self->sha1);
      break;

    case PROP_SUBJECT_ALT_NAMES:
      g_value_set_boxed (value, self->subject_alt_names);
      break;

    case PROP_KEY_ALGORITHM:
      g_value_set_string (value, self->key_algorithm);
      break;

    case PROP_KEY_BITS:
      g_value_set_uint (value, self->key_bits);
      break;

    case PROP_SIGNATURE_ALGORITHM:
      g_value_set_string (value, self->signature_algorithm);
      break;

    case PROP_SELF_SIGNED:
      g_value_set_boolean (value, self->self_signed);
      break;

    case PROP_DER:
      g_value_set_boxed (value, self->der);
      break;

    case PROP_ISSUER_CERTIFICATE:
      g_value_set_object (value, self->issuer_certificate);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_certificate_class_init (FerryCertificateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_certificate_finalize;
  object_class->get_property = ferry_certificate_get_property;

  /* All read-only: a certificate never changes, so none is ever notified. */
  properties[PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT_COMMON_NAME] =
    g_param_spec_string ("subject-common-name", NULL, NULL, NULL, flags);
  properties[PROP_ISSUER] =
    g_param_spec_string ("issuer", NULL, NULL, NULL, flags);
  properties[PROP_ISSUER_COMMON_NAME] =
    g_param_spec_string ("issuer-common-name", NULL, NULL, NULL, flags);
  properties[PROP_NOT_BEFORE] =
    g_param_spec_boxed ("not-before", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_NOT_AFTER] =
    g_param_spec_boxed ("not-after", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_SERIAL] =
    g_param_spec_string ("serial", NULL, NULL, NULL, flags);
  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL, flags);
  properties[PROP_SHA1] =
    g_param_spec_string ("sha1", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT_ALT_NAMES] =
    g_param_spec_boxed ("subject-alt-names", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_KEY_ALGORITHM] =
    g_param_spec_string ("key-algorithm", NULL, NULL, NULL, flags);
  properties[PROP_KEY_BITS] =
    g_param_spec_uint ("key-bits", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SIGNATURE_ALGORITHM] =
    g_param_spec_string ("signature-algorithm", NULL, NULL, NULL, flags);
  properties[PROP_SELF_SIGNED] =
    g_param_spec_boolean ("self-signed", NULL, NULL, FALSE, flags);
  properties[PROP_DER] =
    g_param_spec_boxed ("der", NULL, NULL, G_TYPE_BYTES, flags);
  properties[PROP_ISSUER_CERTIFICATE] =
    g_param_spec_object ("issuer-certificate", NULL, NULL, FERRY_TYPE_CERTIFICATE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_certificate_init (FerryCertificate *self)
{
}
