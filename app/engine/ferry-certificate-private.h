/* ferry-certificate-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What ferry-certificate-verify.c shares with ferry-certificate.c, which
 * keeps the struct: GnuTLS handles imported from a certificate's DER and
 * the helpers both files use.
 */
#pragma once

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "ferry-certificate.h"

G_BEGIN_DECLS

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)

/* Ends @strings with NULL and frees the array, not the strings: a new GStrv. */
GStrv                   ferry_certificate_strv_end           (GPtrArray        *strings);
/* A fresh GnuTLS handle imported from the DER (free it with
 * gnutls_x509_crt_deinit()), or NULL if GnuTLS cannot read it. */
gnutls_x509_crt_t       ferry_certificate_dup_crt            (FerryCertificate *self);
gnutls_sign_algorithm_t ferry_certificate_get_sign_algorithm (FerryCertificate *self);

G_END_DECLS
