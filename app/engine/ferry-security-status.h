/* ferry-security-status.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is protected on a session, per channel: what the window's indicator and
 * ferry-cli's reports show. Plain data; sessions hand out copies.
 */
#pragma once

#include <glib-object.h>

#include "ferry-certificate.h"
#include "ferry-endpoint.h"
#include "ferry-firewall.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_CONTROL_CHANNEL_NONE,    /* not connected */
  FERRY_CONTROL_CHANNEL_PLAIN,   /* never encrypted */
  FERRY_CONTROL_CHANNEL_TLS,     /* encrypted */
  FERRY_CONTROL_CHANNEL_CLEARED, /* encrypted for login, then cleared by CCC */
} FerryControlChannel;

typedef enum
{
  FERRY_DATA_CHANNEL_NONE,    /* no data connection was opened yet */
  FERRY_DATA_CHANNEL_PRIVATE, /* PROT P: file transfers and listings encrypted */
  FERRY_DATA_CHANNEL_CLEAR,   /* PROT C or plain FTP: in clear text */
} FerryDataChannel;

/* Why a protected data connection did not resume the control connection's TLS
 * session, as far as Ferry can tell from its side of the wire. */
typedef enum
{
  FERRY_RESUME_REFUSAL_NONE,       /* it resumed (or there was nothing to resume) */
  FERRY_RESUME_REFUSAL_NO_TICKET,  /* TLS 1.3: no session ticket came on the control
                                    * connection, so there was nothing to offer */
  FERRY_RESUME_REFUSAL_NO_SESSION, /* TLS 1.2: neither a session ID nor a ticket to offer */
  FERRY_RESUME_REFUSAL_DECLINED,   /* Ferry offered the session; the server did a full handshake */
} FerryResumeRefusal;

typedef struct
{
  FerrySecurityMode mode;          /* the mode in use: explicit, implicit or plain */
  gboolean mode_detected;          /* found by auto-detection (or remembered from it) */
  FerryControlChannel control;
  char *tls_version;               /* "TLS1.3" while TLS is or was up */
  char *cipher;                    /* "AES-256-GCM" */
  char *key_exchange;
  char *mac;
  gboolean credentials_encrypted;  /* USER/PASS went over TLS */
  FerryDataChannel data;           /* what was asked for with PROT */
  guint data_connections;          /* protected data connections opened */
  guint data_resumed;              /* … of which resumed the control session */
  gboolean last_data_resumed;
  FerryResumeRefusal data_refusal; /* why the last one that did not resume did not */
  char *data_tls_version;          /* of the last protected data connection */
  FerryCertificateTrust trust;     /* as judged; read it through ferry_security_status_get_trust */
  FerryCertificate *certificate;   /* nullable */
  FerryFirewall *firewall;         /* nullable: what the data connections showed of the network */
} FerrySecurityStatus;

/**
 * FerryTrustStatement:
 * Everything Ferry says about why it trusts the server's certificate, from
 * one place: the probe's text and JSON, the window's security popover, the
 * certificate dialog and the site editor's test all read it and add no
 * words of their own about trust.
 */
typedef struct
{
  FerryCertificateTrust trust; /* the state, never NONE while TLS is up: then UNTRUSTED */
  const char *name;            /* stable, for JSON and logs: "system", "ca-file", … */
  gboolean verified;           /* a certificate authority vouches for it: system or CA file */
  gboolean accepted;           /* Ferry goes on with it: system, CA file, pinned or once */
  gboolean lasting;            /* trusted beyond this run: system, CA file or pinned */
  const char *sentence;        /* one sentence for people, translated */
} FerryTrustStatement;

#define FERRY_TYPE_SECURITY_STATUS (ferry_security_status_get_type ())

GType                ferry_security_status_get_type (void) G_GNUC_CONST;
FerrySecurityStatus *ferry_security_status_new      (void);
FerrySecurityStatus *ferry_security_status_copy     (const FerrySecurityStatus *self);
void                 ferry_security_status_free     (FerrySecurityStatus *self);
void                 ferry_security_status_reset    (FerrySecurityStatus *self);

/* Sentences for people, one per channel, e.g. "Your password was sent
 * encrypted (TLS1.3, AES-256-GCM)." */
char  *ferry_security_status_describe_control     (const FerrySecurityStatus *self);
char  *ferry_security_status_describe_credentials (const FerrySecurityStatus *self);
char  *ferry_security_status_describe_data        (const FerrySecurityStatus *self);
/* The one source of every statement about the certificate's trust. */
FerryTrustStatement ferry_security_status_get_trust (const FerrySecurityStatus *self);
/* "explicit", "implicit" or "plain" */
const char *ferry_security_status_mode_name        (const FerrySecurityStatus *self);
/* The same, translated, for a sentence: "explicit FTPS", "implicit FTPS", "plain FTP". */
const char *ferry_security_status_mode_for_people  (const FerrySecurityStatus *self);
/* GnuTLS's protocol name as people write it: "TLS1.3" -> "TLS 1.3". NULL stays NULL. */
char       *ferry_tls_version_for_people           (const char         *name);

const char *ferry_control_channel_to_string        (FerryControlChannel channel);
const char *ferry_data_channel_to_string           (FerryDataChannel channel);
const char *ferry_certificate_trust_to_string      (FerryCertificateTrust trust);
/* "no-ticket", "no-session", "declined"; NULL for NONE. */
const char *ferry_resume_refusal_to_string         (FerryResumeRefusal refusal);
/* Why, for a sentence: "the server issues no TLS 1.3 session tickets"; NULL for NONE. */
const char *ferry_resume_refusal_for_people        (FerryResumeRefusal refusal);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerrySecurityStatus, ferry_security_status_free)

G_END_DECLS
