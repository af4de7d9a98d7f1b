/* ferry-certificate-dialog.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ferry-certificate.h"
#include "ferry-prompt.h"
#include "ferry-security-status.h"

G_BEGIN_DECLS

#define FERRY_TYPE_CERTIFICATE_DIALOG (ferry_certificate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FerryCertificateDialog, ferry_certificate_dialog,
                      FERRY, CERTIFICATE_DIALOG, AdwWindow)

/* Shows @certificate (and its chain) of the server @host_port; the TLS
 * parameters come from @status (nullable). Nothing to answer. */
FerryCertificateDialog *ferry_certificate_dialog_new (GtkWindow                 *parent,
                                                      FerryCertificate          *certificate,
                                                      const char                *host_port,
                                                      const FerrySecurityStatus *status);
/* Asks about the certificate of @prompt (FERRY_PROMPT_CERTIFICATE or
 * FERRY_PROMPT_CERTIFICATE_CHANGED): Reject, Accept Once or Always Trust.
 * Closing the window rejects. */
FerryCertificateDialog *ferry_certificate_dialog_new_for_prompt (GtkWindow   *parent,
                                                                 FerryPrompt *prompt);
FerryPrompt            *ferry_certificate_dialog_get_prompt (FerryCertificateDialog *self);

/* Splits an RFC 4514 distinguished name ("CN=x,O=Example\, Inc.") into its
 * attributes, in order: a NULL-terminated array of alternating types and
 * unescaped values ("CN", "x", "O", "Example, Inc.", NULL). */
char                  **ferry_certificate_dialog_split_dn       (const char *dn);
/* "Common Name" for "CN", … and the type itself when it has no name. */
const char             *ferry_certificate_dialog_describe_attribute (const char *type);

G_END_DECLS
