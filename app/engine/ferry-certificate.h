/* ferry-certificate.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A server's X.509 certificate with everything a person needs to decide
 * whether to trust it, and its verification against the system trust store.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * FerryCertificateProblems:
 * Why a certificate is not trusted on its own (flags).
 */
typedef enum
{
  FERRY_CERTIFICATE_OK                 = 0,
  FERRY_CERTIFICATE_UNKNOWN_ISSUER     = 1 << 0, /* self-signed or signed by an unknown CA */
  FERRY_CERTIFICATE_EXPIRED            = 1 << 1,
  FERRY_CERTIFICATE_NOT_YET_VALID      = 1 << 2,
  FERRY_CERTIFICATE_HOSTNAME_MISMATCH  = 1 << 3,
  FERRY_CERTIFICATE_REVOKED            = 1 << 4,
  FERRY_CERTIFICATE_INSECURE_ALGORITHM = 1 << 5,
  FERRY_CERTIFICATE_BAD_SIGNATURE      = 1 << 6,
  FERRY_CERTIFICATE_NO_SYSTEM_TRUST    = 1 << 7, /* no system CA store could be loaded */
  FERRY_CERTIFICATE_OTHER_PROBLEM      = 1 << 8,
} FerryCertificateProblems;

/**
 * FerryCertificateTrust:
 * Why Ferry goes on with a server's certificate. What to say about it comes
 * from ferry_security_status_get_trust(), never from these values directly.
 */
typedef enum
{
  FERRY_CERTIFICATE_TRUST_NONE,      /* no TLS, no certificate */
  FERRY_CERTIFICATE_TRUST_SYSTEM,    /* verified by the system's certificate authorities */
  FERRY_CERTIFICATE_TRUST_CA_FILE,   /* verified by the site's extra CA file */
  FERRY_CERTIFICATE_TRUST_PINNED,    /* the person chose to always trust it */
  FERRY_CERTIFICATE_TRUST_ONCE,      /* the person accepted it for this run */
  FERRY_CERTIFICATE_TRUST_UNTRUSTED, /* TLS is up but no certificate was accepted */
} FerryCertificateTrust;

#define FERRY_TYPE_CERTIFICATE (ferry_certificate_get_type ())

G_DECLARE_FINAL_TYPE (FerryCertificate, ferry_certificate, FERRY, CERTIFICATE, GObject)

/**
 * ferry_certificate_new_from_chain:
 * @der_chain: (element-type GBytes): DER certificates as the server sent them,
 *   the server's own first
 * Returns: (transfer full): the server's certificate; the rest of the chain is
 *   reachable through ferry_certificate_get_issuer(). FERRY_ERROR_TLS if a
 *   certificate cannot be parsed or the chain is empty.
 */
FerryCertificate *ferry_certificate_new_from_chain (GPtrArray *der_chain,
                                                    GError   **error);
/* One certificate from PEM text (the first one in it), for tests and files. */
FerryCertificate *ferry_certificate_new_from_pem   (const char *pem,
                                                    GError    **error);

const char  *ferry_certificate_get_subject             (FerryCertificate *self); /* RFC 4514 DN */
const char  *ferry_certificate_get_subject_common_name (FerryCertificate *self); /* nullable */
const char  *ferry_certificate_get_issuer              (FerryCertificate *self); /* RFC 4514 DN */
const char  *ferry_certificate_get_issuer_common_name  (FerryCertificate *self); /* nullable */
GDateTime   *ferry_certificate_get_not_before          (FerryCertificate *self); /* UTC */
GDateTime   *ferry_certificate_get_not_after           (FerryCertificate *self); /* UTC */
const char  *ferry_certificate_get_serial              (FerryCertificate *self); /* hex "01:A3:…" */
const char  *ferry_certificate_get_sha256              (FerryCertificate *self); /* lowercase hex, no colons */
const char  *ferry_certificate_get_sha1                (FerryCertificate *self); /* lowercase hex, no colons */
/* "DNS:example.com", "IP:127.0.0.1", "email:…", "URI:…" */
const char *const *ferry_certificate_get_subject_alt_names (FerryCertificate *self);
const char  *ferry_certificate_get_key_algorithm       (FerryCertificate *self); /* "RSA", "EC/ECDSA", "Ed25519" */
guint        ferry_certificate_get_key_bits            (FerryCertificate *self);
const char  *ferry_certificate_get_signature_algorithm (FerryCertificate *self); /* "RSA-SHA256" */
gboolean     ferry_certificate_is_self_signed          (FerryCertificate *self);
GBytes      *ferry_certificate_get_der                 (FerryCertificate *self);
char        *ferry_certificate_dup_pem                 (FerryCertificate *self);
/* The next certificate the server sent (the one that signed this), or NULL. */
FerryCertificate *ferry_certificate_get_issuer_certificate (FerryCertificate *self);
/* The whole chain, this certificate first: a new array of borrowed pointers. */
GPtrArray   *ferry_certificate_dup_chain               (FerryCertificate *self);
gboolean     ferry_certificate_equal                   (FerryCertificate *a,
                                                        FerryCertificate *b);

/**
 * ferry_certificate_verify:
 * @hostname: the name (or IP literal) the person connected to; a name is matched
 *   against DNS SANs (and CN without SANs), an IP literal against IP SANs
 * @ca_file: (nullable): extra trusted CA certificates (PEM) besides the system store
 * @now: (nullable): the time to check validity at (NULL: now); for tests
 *
 * Verifies the chain against the system trust store (loaded once per process,
 * thread-safe) and @ca_file, checks validity dates and the host name.
 * Returns: the problems, FERRY_CERTIFICATE_OK when the certificate is trusted.
 * FALSE-like failures to read @ca_file are reported through @error (FERRY_ERROR_LOCAL
 * naming the file) and then the return value is meaningless.
 */
FerryCertificateProblems ferry_certificate_verify (FerryCertificate *self,
                                                   const char       *hostname,
                                                   const char       *ca_file,
                                                   GDateTime        *now,
                                                   GError          **error);
/* The same, and @verified_by says who vouched for the certificate when it is
 * trusted: FERRY_CERTIFICATE_TRUST_SYSTEM when the system's certificate
 * authorities do (they are asked first), FERRY_CERTIFICATE_TRUST_CA_FILE when
 * only @ca_file does; FERRY_CERTIFICATE_TRUST_NONE when there is a problem. */
FerryCertificateProblems ferry_certificate_verify_full (FerryCertificate      *self,
                                                        const char            *hostname,
                                                        const char            *ca_file,
                                                        GDateTime             *now,
                                                        FerryCertificateTrust *verified_by,
                                                        GError               **error);

/* Starts loading the system trust store (about 140 certificates, tens of
 * milliseconds) in a thread of its own, once per process, so that it overlaps
 * the connection and the TLS handshake instead of following them. The first
 * ferry_certificate_verify() waits for it if it has not finished. */
void         ferry_certificate_preload_system_trust (void);

/* One sentence per problem flag set in @problems, for people ("The certificate
 * has expired (on 2024-01-31).": the dates come from @self). */
char       **ferry_certificate_describe_problems (FerryCertificate        *self,
                                                  FerryCertificateProblems problems,
                                                  const char              *hostname);
/* Short machine names ("unknown-issuer", "expired", "not-yet-valid",
 * "hostname-mismatch", "revoked", "insecure-algorithm", "bad-signature",
 * "no-system-trust", "other"), for JSON. */
char       **ferry_certificate_problems_to_strv  (FerryCertificateProblems problems);

G_END_DECLS
