/* ferry-security-indicator.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ferry-security-status.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_SECURITY_LEVEL_NONE,     /* not connected: nothing to show */
  FERRY_SECURITY_LEVEL_SECURE,   /* everything encrypted, the certificate trusted */
  FERRY_SECURITY_LEVEL_WARNING,  /* cleared control channel, clear data, or accepted once */
  FERRY_SECURITY_LEVEL_INSECURE, /* plain FTP */
} FerrySecurityLevel;

#define FERRY_TYPE_SECURITY_INDICATOR (ferry_security_indicator_get_type ())

G_DECLARE_FINAL_TYPE (FerrySecurityIndicator, ferry_security_indicator,
                      FERRY, SECURITY_INDICATOR, GtkWidget)

GtkWidget          *ferry_security_indicator_new        (void);
/* @status: (nullable): what to show; NULL hides the indicator. @host_port
 * names the server in the certificate dialog. */
void                ferry_security_indicator_set_status (FerrySecurityIndicator    *self,
                                                         const FerrySecurityStatus *status,
                                                         const char                *host_port);
FerrySecurityLevel  ferry_security_indicator_get_level  (FerrySecurityIndicator *self);

/* The level a status amounts to. */
FerrySecurityLevel  ferry_security_level_from_status    (const FerrySecurityStatus *status);
/* "Explicit FTPS (AUTH TLS), detected automatically", … */
char               *ferry_security_describe_mode        (const FerrySecurityStatus *status);

G_END_DECLS
