/* ferry-tls.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Process-wide GnuTLS state: initialisation, the shared client credentials
 * and the priority strings that carry the minimum TLS version.
 */
#pragma once

#include <glib.h>
#include <gnutls/gnutls.h>

#include "ferry-endpoint.h"

G_BEGIN_DECLS

/* Shared read-only client credentials (no client certificate). Certificates are
 * judged by FerryCertificate after the handshake, not by GnuTLS during it. */
gnutls_certificate_credentials_t ferry_tls_get_credentials (void);
const char                      *ferry_tls_priority        (FerryTlsVersion min_version);
/* "TLS1.3", "AES-256-GCM", "ECDHE-RSA" (or "ECDHE" on TLS 1.3), "AEAD" */
char                            *ferry_tls_describe        (gnutls_session_t session,
                                                            char           **out_cipher,
                                                            char           **out_kx,
                                                            char           **out_mac);
/* gnutls_strerror() without its final full stop, to go inside a sentence. */
const char                      *ferry_tls_strerror        (int code);
/* A whole sentence for a GnuTLS error code, with what to do where that is known. */
char                            *ferry_tls_explain_error   (int code);

G_END_DECLS
