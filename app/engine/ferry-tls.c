/* ferry-tls.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-tls"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-tls.h"

gnutls_certificate_credentials_t
ferry_tls_get_credentials (void)
{
  static gsize once = 0;
  static gnutls_certificate_credentials_t credentials;

  if (g_once_init_enter (&once))
    {
      int ret = gnutls_global_init ();

      if (ret < 0)
        g_error ("GnuTLS could not be initialised: %s", gnutls_strerror (ret));
      ret = gnutls_certificate_allocate_credentials (&credentials);
      if (ret < 0)
        g_error ("GnuTLS credentials could not be allocated: %s", gnutls_strerror (ret));
      g_once_init_leave (&once, 1);
    }
  return credentials;
}

/* X25519 first (GnuTLS's NORMAL begins with SECP256R1), as browsers and curl
 * do: nettle's X25519 is cheaper than its P-256, and a server that follows the
 * client's order (ProFTPD) then takes it: 478 → 371 M instructions for 100
 * small downloads, with the single key share of ferry-conn.c (callgrind). */
#define FERRY_TLS_GROUPS ":-GROUP-ALL:+GROUP-X25519:+GROUP-ALL"

const char *
ferry_tls_priority (FerryTlsVersion min_version)
{
  if (min_version == FERRY_TLS_VERSION_1_3)
    return "NORMAL:-VERS-ALL:+VERS-TLS1.3" FERRY_TLS_GROUPS;
  return "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2" FERRY_TLS_GROUPS;
}

char *
ferry_tls_describe (gnutls_session_t session,
                    char           **out_cipher,
                    char           **out_kx,
                    char           **out_mac)
{
  gnutls_protocol_t version = gnutls_protocol_get_version (session);
  gnutls_kx_algorithm_t kx = gnutls_kx_get (session);
  const char *kx_name = NULL;

  if (version == GNUTLS_TLS1_3)
    {
      /* TLS 1.3 negotiates the group, not a kx algorithm. */
      gnutls_group_t group = gnutls_group_get (session);
      const char *group_name = gnutls_group_get_name (group);

      kx_name = group_name;
      if (out_kx)
        *out_kx = group_name ? g_strdup_printf ("ECDHE (%s)", group_name) : g_strdup ("ECDHE");
    }
  else if (out_kx)
    {
      kx_name = gnutls_kx_get_name (kx);
      *out_kx = g_strdup (kx_name ? kx_name : "unknown");
    }

  if (out_cipher)
    *out_cipher = g_strdup (gnutls_cipher_get_name (gnutls_cipher_get (session)));
  if (out_mac)
    *out_mac = g_strdup (gnutls_mac_get_name (gnutls_mac_get (session)));
  return g_strdup (gnutls_protocol_get_name (version));
}

const char *
ferry_tls_strerror (int code)
{
  const char *text = gnutls_strerror (code);
  gsize len = strlen (text);
  g_autofree char *trimmed = NULL;

  if (len == 0 || text[len - 1] != '.')
    return text;
  trimmed = g_strndup (text, len - 1);
  /* A bounded set of messages: interning them is cheap and thread-safe. */
  return g_intern_string (trimmed);
}

char *
ferry_tls_explain_error (int code)
{
  switch (code)
    {
    case GNUTLS_E_UNEXPECTED_PACKET_LENGTH:
    case GNUTLS_E_UNEXPECTED_PACKET:
    case GNUTLS_E_UNSUPPORTED_VERSION_PACKET:
      return g_strdup_printf (_("The server answered the TLS handshake with something that is not "
                                "TLS (%s). It may speak explicit FTPS on this port rather than "
                                "implicit: try the security mode \"auto\" or \"explicit\"."),
                              ferry_tls_strerror (code));
    case GNUTLS_E_PREMATURE_TERMINATION:
    case GNUTLS_E_PUSH_ERROR:
    case GNUTLS_E_PULL_ERROR:
      return g_strdup_printf (_("The server closed the connection during the TLS handshake (%s). "
                                "It may not speak TLS on this port, or it refused the TLS "
                                "versions Ferry offers."),
                              ferry_tls_strerror (code));
    case GNUTLS_E_NO_CIPHER_SUITES:
    case GNUTLS_E_INSUFFICIENT_CREDENTIALS:
    case GNUTLS_E_FATAL_ALERT_RECEIVED:
      return g_strdup_printf (_("The TLS handshake failed: %s. The server may only offer TLS "
                                "versions or ciphers that Ferry does not accept (Ferry needs "
                                "TLS 1.2 or newer; check the minimum TLS version)."),
                              ferry_tls_strerror (code));
    default:
      return g_strdup_printf (_("The TLS connection failed: %s."), ferry_tls_strerror (code));
    }
}
