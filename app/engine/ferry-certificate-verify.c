/* ferry-certificate-verify.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Verification of a FerryCertificate against the system trust store and a
 * CA file, with Ferry's own date and host name checks, and the problems it
 * finds described for people and for JSON. Every call imports fresh GnuTLS
 * handles from the DER, so certificates stay shareable between threads.
 */
#define G_LOG_DOMAIN "ferry-certificate"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "ferry-certificate.h"
#include "ferry-certificate-private.h"
#include "ferry-error.h"

/* Dates are checked by Ferry itself against the time the caller asks for. */
#define VERIFY_FLAGS (GNUTLS_VERIFY_DISABLE_TIME_CHECKS | GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS)

static void
trust_list_free (gnutls_x509_trust_list_t list)
{
  gnutls_x509_trust_list_deinit (list, 1);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_trust_list_t, trust_list_free, NULL)

/* --- the system trust store, loaded once per process --- */

typedef struct
{
  gnutls_x509_trust_list_t list; /* read-only once loaded */
  int n_loaded;
} SystemTrust;

static gpointer
load_system_trust (gpointer data)
{
  SystemTrust *trust = g_new0 (SystemTrust, 1);
  int ret;

  ret = gnutls_x509_trust_list_init (&trust->list, 0);
  if (ret < 0)
    {
      g_warning ("Could not create a trust list: %s", gnutls_strerror (ret));
      trust->list = NULL;
      return trust;
    }

  ret = gnutls_x509_trust_list_add_system_trust (trust->list, 0, 0);
  if (ret < 0)
    g_warning ("The system's certificate authorities could not be loaded: %s",
               gnutls_strerror (ret));
  else
    trust->n_loaded = ret;

  if (trust->n_loaded == 0)
    g_warning ("No system certificate authorities were found; "
               "no certificate can be verified without a CA file");
  else
    g_debug ("Loaded %d system certificate authorities", trust->n_loaded);

  return trust;
}

static GOnce system_trust_once = G_ONCE_INIT;

static SystemTrust *
get_system_trust (void)
{
  return g_once (&system_trust_once, load_system_trust, NULL);
}

static gpointer
preload_thread (gpointer data)
{
  get_system_trust ();
  return NULL;
}

static GThread *preload;

/* At exit, before the libraries' destructors: GnuTLS's frees the ASN.1
 * definitions the loading thread parses certificates with. A command that
 * ends early (a server without TLS) crashed there now and then
 * (net-security, SIGSEGV in asn1_find_node at exit). */
static void
join_preload (void)
{
  g_thread_join (g_steal_pointer (&preload));
}

void
ferry_certificate_preload_system_trust (void)
{
  static gsize started = 0;

  if (g_once_init_enter (&started))
    {
      preload = g_thread_new ("ferry-trust", preload_thread, NULL);
      atexit (join_preload);
      g_once_init_leave (&started, 1);
    }
}

/* --- verification --- */

typedef struct
{
  gnutls_x509_crt_t *crts;
  guint len;
} CrtChain;

static void
crt_chain_clear (CrtChain *chain)
{
  for (guint i = 0; i < chain->len; i++)
    if (chain->crts[i] != NULL)
      gnutls_x509_crt_deinit (chain->crts[i]);
  g_clear_pointer (&chain->crts, g_free);
  chain->len = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrtChain, crt_chain_clear)

static gboolean
crt_chain_init (CrtChain         *chain,
                FerryCertificate *self)
{
  guint len = 0;

  for (FerryCertificate *cert = self; cert != NULL;
       cert = ferry_certificate_get_issuer_certificate (cert))
    len++;

  chain->crts = g_new0 (gnutls_x509_crt_t, len);
  chain->len = len;
  len = 0;
  for (FerryCertificate *cert = self; cert != NULL;
       cert = ferry_certificate_get_issuer_certificate (cert))
    {
      chain->crts[len] = ferry_certificate_dup_crt (cert);
      if (chain->crts[len] == NULL)
        return FALSE;
      len++;
    }
  return TRUE;
}

static gnutls_x509_trust_list_t
load_ca_file (const char  *ca_file,
              GError     **error)
{
  g_auto(gnutls_x509_trust_list_t) list = NULL;
  g_autofree char *display = g_filename_display_name (ca_file);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gnutls_datum_t datum;
  gsize len = 0;
  int ret;

  if (!g_file_get_contents (ca_file, &contents, &len, &local_error))
    {
      const char *reason = local_error->message;

      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        reason = _("it does not exist");
      else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES))
        reason = _("permission denied");
      else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ISDIR))
        reason = _("it is a folder");

      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                   _("The CA file “%s” could not be read (%s); choose a readable file with "
                     "the certificate authority's certificates in PEM format, or clear the "
                     "site's CA file setting."),
                   display, reason);
      return NULL;
    }

  ret = gnutls_x509_trust_list_init (&list, 0);
  if (ret < 0)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                   _("The CA file “%s” could not be loaded: %s."), display, gnutls_strerror (ret));
      return NULL;
    }

  datum.data = (unsigned char *) contents;
  datum.size = (unsigned int) len;
  ret = len > 0 ? gnutls_x509_trust_list_add_trust_mem (list, &datum, NULL,
                                                        GNUTLS_X509_FMT_PEM, 0, 0)
                : 0;
  if (ret <= 0 && len > 0)
    ret = gnutls_x509_trust_list_add_trust_mem (list, &datum, NULL, GNUTLS_X509_FMT_DER, 0, 0);
  if (ret <= 0)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                   _("The CA file “%s” holds no certificate; it must contain the certificate "
                     "authority's certificates in PEM format (blocks starting with "
                     "“-----BEGIN CERTIFICATE-----”)."),
                   display);
      return NULL;
    }

  return g_steal_pointer (&list);
}

static FerryCertificateProblems
problems_from_status (unsigned int status)
{
  const unsigned int known = GNUTLS_CERT_INVALID
                             | GNUTLS_CERT_SIGNER_NOT_FOUND
                             | GNUTLS_CERT_SIGNER_NOT_CA
                             | GNUTLS_CERT_EXPIRED
                             | GNUTLS_CERT_NOT_ACTIVATED
                             | GNUTLS_CERT_REVOKED
                             | GNUTLS_CERT_INSECURE_ALGORITHM
                             | GNUTLS_CERT_SIGNATURE_FAILURE;
  FerryCertificateProblems problems = FERRY_CERTIFICATE_OK;

  if (status == 0)
    return FERRY_CERTIFICATE_OK;

  if (status & (GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_SIGNER_NOT_CA))
    problems |= FERRY_CERTIFICATE_UNKNOWN_ISSUER;
  if (status & GNUTLS_CERT_EXPIRED)
    problems |= FERRY_CERTIFICATE_EXPIRED;
  if (status & GNUTLS_CERT_NOT_ACTIVATED)
    problems |= FERRY_CERTIFICATE_NOT_YET_VALID;
  if (status & GNUTLS_CERT_REVOKED)
    problems |= FERRY_CERTIFICATE_REVOKED;
  if (status & GNUTLS_CERT_INSECURE_ALGORITHM)
    problems |= FERRY_CERTIFICATE_INSECURE_ALGORITHM;
  if (status & GNUTLS_CERT_SIGNATURE_FAILURE)
    problems |= FERRY_CERTIFICATE_BAD_SIGNATURE;
  if ((status & ~known) != 0 || problems == FERRY_CERTIFICATE_OK)
    problems |= FERRY_CERTIFICATE_OTHER_PROBLEM;

  return problems;
}

static FerryCertificateProblems
verify_chain (gnutls_x509_trust_list_t  list,
              CrtChain                 *chain)
{
  gnutls_typed_vdata_st data[] = {
    { GNUTLS_DT_KEY_PURPOSE_OID, (unsigned char *) GNUTLS_KP_TLS_WWW_SERVER, 0 },
  };
  unsigned int status = 0;
  int ret;

  if (list == NULL)
    return FERRY_CERTIFICATE_UNKNOWN_ISSUER;

  ret = gnutls_x509_trust_list_verify_crt2 (list, chain->crts, chain->len,
                                            data, G_N_ELEMENTS (data),
                                            VERIFY_FLAGS, &status, NULL);
  if (ret < 0)
    {
      g_debug ("Verification failed: %s", gnutls_strerror (ret));
      return FERRY_CERTIFICATE_OTHER_PROBLEM;
    }
  return problems_from_status (status);
}

static FerryCertificateProblems
check_times (time_t activation,
             time_t expiration,
             gint64 now)
{
  FerryCertificateProblems problems = FERRY_CERTIFICATE_OK;

  if (activation != (time_t) -1 && now < (gint64) activation)
    problems |= FERRY_CERTIFICATE_NOT_YET_VALID;
  if (expiration != (time_t) -1
      && expiration != GNUTLS_X509_NO_WELL_DEFINED_EXPIRATION
      && now > (gint64) expiration)
    problems |= FERRY_CERTIFICATE_EXPIRED;
  return problems;
}

/* Checks the validity dates along the path GnuTLS verifies: from the
 * server's certificate up the chain while each certificate issued the one
 * before it, stopping at the first one whose issuer is a trust anchor (whose
 * dates count too). Certificates the server sent beyond that, such as an old
 * cross-signed root, do not matter. */
static FerryCertificateProblems
check_validity (CrtChain                  *chain,
                gnutls_x509_trust_list_t  *lists,
                guint                      n_lists,
                gint64                     now)
{
  FerryCertificateProblems problems = FERRY_CERTIFICATE_OK;

  for (guint i = 0; i < chain->len; i++)
    {
      gnutls_x509_crt_t crt = chain->crts[i];
      gboolean anchored = FALSE;

      problems |= check_times (gnutls_x509_crt_get_activation_time (crt),
                               gnutls_x509_crt_get_expiration_time (crt),
                               now);

      for (guint l = 0; l < n_lists && !anchored; l++)
        {
          g_auto(gnutls_x509_crt_t) anchor = NULL;

          if (lists[l] == NULL)
            continue;
          if (gnutls_x509_trust_list_get_issuer (lists[l], crt, &anchor, GNUTLS_TL_GET_COPY) < 0)
            continue;
          problems |= check_times (gnutls_x509_crt_get_activation_time (anchor),
                                   gnutls_x509_crt_get_expiration_time (anchor),
                                   now);
          anchored = TRUE;
        }

      if (anchored)
        break;
      if (i + 1 < chain->len && !gnutls_x509_crt_check_issuer (crt, chain->crts[i + 1]))
        break;
    }

  return problems;
}

/* "[::1]" → "::1": people and URLs write IPv6 literals in brackets. */
static char *
normalize_hostname (const char *hostname)
{
  gsize len = strlen (hostname);

  if (len > 2 && hostname[0] == '[' && hostname[len - 1] == ']')
    return g_strndup (hostname + 1, len - 2);
  return g_strdup (hostname);
}

FerryCertificateProblems
ferry_certificate_verify (FerryCertificate  *self,
                          const char        *hostname,
                          const char        *ca_file,
                          GDateTime         *now,
                          GError           **error)
{
  return ferry_certificate_verify_full (self, hostname, ca_file, now, NULL, error);
}

FerryCertificateProblems
ferry_certificate_verify_full (FerryCertificate       *self,
                               const char             *hostname,
                               const char             *ca_file,
                               GDateTime              *now,
                               FerryCertificateTrust  *verified_by,
                               GError                **error)
{
  g_auto(gnutls_x509_trust_list_t) ca_list = NULL;
  g_auto(CrtChain) chain = { NULL, 0 };
  gnutls_x509_trust_list_t lists[2];
  FerryCertificateProblems problems;
  FerryCertificateProblems system_problems;
  FerryCertificateTrust vouched = FERRY_CERTIFICATE_TRUST_NONE;
  SystemTrust *system;
  gint64 now_unix;

  if (verified_by != NULL)
    *verified_by = FERRY_CERTIFICATE_TRUST_NONE;
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), FERRY_CERTIFICATE_OTHER_PROBLEM);
  g_return_val_if_fail (error == NULL || *error == NULL, FERRY_CERTIFICATE_OTHER_PROBLEM);

  if (ca_file != NULL && ca_file[0] != '\0')
    {
      ca_list = load_ca_file (ca_file, error);
      if (ca_list == NULL)
        return FERRY_CERTIFICATE_OTHER_PROBLEM;
    }

  if (!crt_chain_init (&chain, self))
    return FERRY_CERTIFICATE_OTHER_PROBLEM;

  system = get_system_trust ();

  /* Trusted if either the system store or the CA file vouches for the chain.
   * Otherwise report the verdict of the list that knew the issuer, if any:
   * its findings (a revoked or badly signed certificate) are the real ones. */
  system_problems = verify_chain (system->list, &chain);
  if (system_problems == FERRY_CERTIFICATE_OK)
    {
      problems = FERRY_CERTIFICATE_OK;
      vouched = FERRY_CERTIFICATE_TRUST_SYSTEM;
    }
  else if (ca_list != NULL)
    {
      FerryCertificateProblems ca_problems = verify_chain (ca_list, &chain);

      if (ca_problems == FERRY_CERTIFICATE_OK)
        {
          problems = FERRY_CERTIFICATE_OK;
          vouched = FERRY_CERTIFICATE_TRUST_CA_FILE;
        }
      else if (!(system_problems & FERRY_CERTIFICATE_UNKNOWN_ISSUER))
        problems = system_problems;
      else if (!(ca_problems & FERRY_CERTIFICATE_UNKNOWN_ISSUER))
        problems = ca_problems;
      else
        problems = system_problems | ca_problems;
    }
  else
    problems = system_problems;

  if (problems != FERRY_CERTIFICATE_OK && system->n_loaded == 0)
    problems |= FERRY_CERTIFICATE_UNKNOWN_ISSUER | FERRY_CERTIFICATE_NO_SYSTEM_TRUST;

  if (now != NULL)
    now_unix = g_date_time_to_unix (now);
  else
    now_unix = g_get_real_time () / G_USEC_PER_SEC;

  lists[0] = system->list;
  lists[1] = ca_list;
  problems |= check_validity (&chain, lists, G_N_ELEMENTS (lists), now_unix);

  if (hostname != NULL && hostname[0] != '\0')
    {
      g_autofree char *name = normalize_hostname (hostname);

      if (!gnutls_x509_crt_check_hostname2 (chain.crts[0], name, 0))
        problems |= FERRY_CERTIFICATE_HOSTNAME_MISMATCH;
    }

  /* A chain that verifies is not enough: the dates and the name must be right too. */
  if (verified_by != NULL && problems == FERRY_CERTIFICATE_OK)
    *verified_by = vouched;
  return problems;
}

/* --- describing problems --- */

static const struct
{
  FerryCertificateProblems flag;
  const char *name;
} problem_names[] = {
  { FERRY_CERTIFICATE_UNKNOWN_ISSUER, "unknown-issuer" },
  { FERRY_CERTIFICATE_EXPIRED, "expired" },
  { FERRY_CERTIFICATE_NOT_YET_VALID, "not-yet-valid" },
  { FERRY_CERTIFICATE_HOSTNAME_MISMATCH, "hostname-mismatch" },
  { FERRY_CERTIFICATE_REVOKED, "revoked" },
  { FERRY_CERTIFICATE_INSECURE_ALGORITHM, "insecure-algorithm" },
  { FERRY_CERTIFICATE_BAD_SIGNATURE, "bad-signature" },
  { FERRY_CERTIFICATE_NO_SYSTEM_TRUST, "no-system-trust" },
  { FERRY_CERTIFICATE_OTHER_PROBLEM, "other" },
};

char **
ferry_certificate_problems_to_strv (FerryCertificateProblems problems)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (problem_names); i++)
    if (problems & problem_names[i].flag)
      g_ptr_array_add (names, g_strdup (problem_names[i].name));
  return ferry_certificate_strv_end (names);
}

static const char *
display_name (FerryCertificate *cert)
{
  const char *common_name = ferry_certificate_get_subject_common_name (cert);

  if (common_name != NULL && common_name[0] != '\0')
    return common_name;
  return ferry_certificate_get_subject (cert);
}

static char *
format_date (GDateTime *when)
{
  return g_date_time_format (when, "%Y-%m-%d");
}

/* The certificate a date problem is about: the server's own when its dates
 * are wrong today, otherwise the one in the chain with the earliest end (or
 * the latest start). */
static FerryCertificate *
find_dated (FerryCertificate *self,
            gboolean          expired)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  FerryCertificate *found = self;

  if (expired && g_date_time_compare (ferry_certificate_get_not_after (self), now) < 0)
    return self;
  if (!expired && g_date_time_compare (ferry_certificate_get_not_before (self), now) > 0)
    return self;

  for (FerryCertificate *cert = ferry_certificate_get_issuer_certificate (self); cert != NULL;
       cert = ferry_certificate_get_issuer_certificate (cert))
    {
      if (expired && g_date_time_compare (ferry_certificate_get_not_after (cert),
                                          ferry_certificate_get_not_after (found)) < 0)
        found = cert;
      if (!expired && g_date_time_compare (ferry_certificate_get_not_before (cert),
                                           ferry_certificate_get_not_before (found)) > 0)
        found = cert;
    }
  return found;
}

static char *
describe_names (FerryCertificate *self)
{
  const char *const *subject_alt_names = ferry_certificate_get_subject_alt_names (self);
  const char *common_name = ferry_certificate_get_subject_common_name (self);
  g_autoptr(GString) names = g_string_new (NULL);
  guint count = 0;
  guint shown = 0;

  for (guint i = 0; subject_alt_names[i] != NULL; i++)
    {
      const char *san = subject_alt_names[i];
      const char *name;

      if (g_str_has_prefix (san, "DNS:"))
        name = san + 4;
      else if (g_str_has_prefix (san, "IP:"))
        name = san + 3;
      else
        continue;

      count++;
      if (shown < 5)
        {
          g_string_append_printf (names, "%s“%s”", shown > 0 ? ", " : "", name);
          shown++;
        }
    }

  if (count == 0 && common_name != NULL)
    {
      g_string_append_printf (names, "“%s”", common_name);
      count = shown = 1;
    }
  if (count == 0)
    return NULL;
  if (count > shown)
    g_string_append_printf (names, _(" and %u more"), count - shown);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static char *
describe_unknown_issuer (FerryCertificate *self)
{
  FerryCertificate *last = self;
  const char *issuer_name;

  if (ferry_certificate_is_self_signed (self))
    return g_strdup (_("The certificate is self-signed, so no certificate authority vouches for "
                       "it; trust it only if its fingerprint matches the one the server's "
                       "administrator gave you."));

  while (ferry_certificate_get_issuer_certificate (last) != NULL)
    last = ferry_certificate_get_issuer_certificate (last);
  issuer_name = ferry_certificate_get_issuer_common_name (last);
  if (issuer_name == NULL)
    issuer_name = ferry_certificate_get_issuer (last);

  return g_strdup_printf (_("The certificate was issued by “%s”, which is not a certificate "
                            "authority this computer trusts; if it is your organisation's own, "
                            "set its certificate as the site's CA file."),
                          issuer_name);
}

static char *
describe_expired (FerryCertificate *self)
{
  FerryCertificate *cert = find_dated (self, TRUE);
  g_autofree char *date = format_date (ferry_certificate_get_not_after (cert));

  if (cert == self)
    return g_strdup_printf (_("The certificate has expired (on %s)."), date);
  return g_strdup_printf (_("The certificate of “%s”, which vouches for this one, has expired "
                            "(on %s)."),
                          display_name (cert), date);
}

static char *
describe_not_yet_valid (FerryCertificate *self)
{
  FerryCertificate *cert = find_dated (self, FALSE);
  g_autofree char *date = format_date (ferry_certificate_get_not_before (cert));

  if (cert == self)
    return g_strdup_printf (_("The certificate is not valid yet (it becomes valid on %s); "
                              "check that this computer's date is right."),
                            date);
  return g_strdup_printf (_("The certificate of “%s”, which vouches for this one, is not valid "
                            "yet (it becomes valid on %s); check that this computer's date is "
                            "right."),
                          display_name (cert), date);
}

static char *
describe_hostname_mismatch (FerryCertificate *self,
                            const char       *hostname)
{
  g_autofree char *names = describe_names (self);

  if (hostname == NULL || hostname[0] == '\0')
    hostname = _("the server");

  if (names == NULL)
    return g_strdup_printf (_("The certificate names no server, so it does not prove that it "
                              "belongs to “%s”."),
                            hostname);
  return g_strdup_printf (_("The certificate belongs to %s, not to “%s”: you may be talking to "
                            "another server than the one you meant."),
                          names, hostname);
}

static char *
describe_insecure_algorithm (FerryCertificate *self)
{
  for (FerryCertificate *cert = self; cert != NULL;
       cert = ferry_certificate_get_issuer_certificate (cert))
    {
      const char *algorithm = ferry_certificate_get_signature_algorithm (cert);

      if (gnutls_sign_is_secure2 (ferry_certificate_get_sign_algorithm (cert),
                                  GNUTLS_SIGN_FLAG_SECURE_FOR_CERTS))
        continue;
      if (cert == self)
        return g_strdup_printf (_("The certificate is signed with an insecure algorithm (%s), "
                                  "so it could have been forged."),
                                algorithm);
      return g_strdup_printf (_("The certificate of “%s”, which vouches for this one, is signed "
                                "with an insecure algorithm (%s), so it could have been forged."),
                              display_name (cert), algorithm);
    }
  return g_strdup (_("A certificate in the chain uses an insecure algorithm, so it could have "
                     "been forged."));
}

char **
ferry_certificate_describe_problems (FerryCertificate         *self,
                                     FerryCertificateProblems  problems,
                                     const char               *hostname)
{
  GPtrArray *sentences;

  g_return_val_if_fail (FERRY_IS_CERTIFICATE (self), NULL);

  sentences = g_ptr_array_new ();

  if (problems & FERRY_CERTIFICATE_UNKNOWN_ISSUER)
    g_ptr_array_add (sentences, describe_unknown_issuer (self));
  if (problems & FERRY_CERTIFICATE_EXPIRED)
    g_ptr_array_add (sentences, describe_expired (self));
  if (problems & FERRY_CERTIFICATE_NOT_YET_VALID)
    g_ptr_array_add (sentences, describe_not_yet_valid (self));
  if (problems & FERRY_CERTIFICATE_HOSTNAME_MISMATCH)
    g_ptr_array_add (sentences, describe_hostname_mismatch (self, hostname));
  if (problems & FERRY_CERTIFICATE_REVOKED)
    g_ptr_array_add (sentences, g_strdup (_("The certificate has been revoked by the authority "
                                            "that issued it; do not trust it.")));
  if (problems & FERRY_CERTIFICATE_INSECURE_ALGORITHM)
    g_ptr_array_add (sentences, describe_insecure_algorithm (self));
  if (problems & FERRY_CERTIFICATE_BAD_SIGNATURE)
    g_ptr_array_add (sentences, g_strdup (_("The certificate's signature does not match the "
                                            "authority that claims to have issued it: it may "
                                            "have been forged or damaged.")));
  if (problems & FERRY_CERTIFICATE_NO_SYSTEM_TRUST)
    g_ptr_array_add (sentences, g_strdup (_("This computer's list of trusted certificate "
                                            "authorities could not be loaded, so no certificate "
                                            "can be verified automatically; install the "
                                            "ca-certificates package.")));
  if (problems & FERRY_CERTIFICATE_OTHER_PROBLEM)
    g_ptr_array_add (sentences, g_strdup (_("The certificate could not be verified (for "
                                            "example, it may not be meant for a server).")));

  return ferry_certificate_strv_end (sentences);
}
