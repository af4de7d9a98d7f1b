/* ferry-probe-report.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a probe found out about a server's FTPS setup: for ferry-cli probe and
 * the window's "Test connection". Plain data.
 */
#pragma once

#include <glib-object.h>

#include "ferry-certificate.h"
#include "ferry-security-status.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean protected_;   /* TLS on this data connection */
  gboolean resumed;      /* it resumed the control connection's TLS session */
  FerryResumeRefusal refusal; /* why not, when it did not */
  char *tls_version;     /* nullable */
  guint listing_lines;   /* lines of the directory listing it carried */
  gboolean clean_close;  /* ended with TLS close_notify (or plain EOF) */
  char *address;         /* where it connected, "127.0.0.1:40001" */
  gboolean pasv_replaced;/* the server named another address (NAT); Ferry used the peer */
} FerryProbeDataConnection;

typedef struct
{
  char *host;
  guint16 port;
  FerrySecurityStatus *status;        /* never NULL */
  char *detection;                    /* how the mode was found, in words; nullable */
  char *banner;                       /* the server's greeting; nullable */
  char **features;                    /* FEAT; never NULL */
  char *working_directory;            /* nullable */
  gboolean logged_in;
  FerryCertificate *certificate;      /* nullable */
  gboolean certificate_verified;      /* trusted by the system or the CA file */
  FerryCertificateProblems certificate_problems;
  char **certificate_errors;          /* sentences; never NULL */
  GPtrArray *data_connections;        /* FerryProbeDataConnection */
  GPtrArray *notes;                   /* char*: warnings and remarks in words */
  GError *error;                      /* where the probe stopped, or NULL */
} FerryProbeReport;

#define FERRY_TYPE_PROBE_REPORT (ferry_probe_report_get_type ())

GType             ferry_probe_report_get_type (void) G_GNUC_CONST;
FerryProbeReport *ferry_probe_report_new      (void);
FerryProbeReport *ferry_probe_report_copy     (const FerryProbeReport *self);
void              ferry_probe_report_free     (FerryProbeReport *self);
/* TRUE when every protected data connection resumed the control session. */
gboolean          ferry_probe_report_all_resumed (const FerryProbeReport *self);
/* The plain-language summary ("The server speaks explicit FTPS; …"). */
char             *ferry_probe_report_summarize   (const FerryProbeReport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryProbeReport, ferry_probe_report_free)

G_END_DECLS
