/* ferry-endpoint.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ferry-list-parser.h"

G_BEGIN_DECLS

/**
 * FerrySecurityMode:
 * @FERRY_SECURITY_AUTO: detect explicit or implicit FTPS; never fall back to plain FTP
 * @FERRY_SECURITY_EXPLICIT: require AUTH TLS
 * @FERRY_SECURITY_EXPLICIT_IF_AVAILABLE: AUTH TLS, or plain FTP after the person agrees
 * @FERRY_SECURITY_IMPLICIT: TLS from the first byte
 * @FERRY_SECURITY_PLAIN: no TLS at all (the person's explicit choice)
 */
typedef enum
{
  FERRY_SECURITY_AUTO,
  FERRY_SECURITY_EXPLICIT,
  FERRY_SECURITY_EXPLICIT_IF_AVAILABLE,
  FERRY_SECURITY_IMPLICIT,
  FERRY_SECURITY_PLAIN,
} FerrySecurityMode;

typedef enum
{
  FERRY_DATA_PROTECTION_PRIVATE, /* PROT P */
  FERRY_DATA_PROTECTION_CLEAR,   /* PROT C */
} FerryDataProtection;

typedef enum
{
  FERRY_TLS_VERSION_1_2,
  FERRY_TLS_VERSION_1_3,
} FerryTlsVersion;

typedef enum
{
  FERRY_TRANSFER_MODE_PASSIVE,
  FERRY_TRANSFER_MODE_ACTIVE,
} FerryTransferMode;

/**
 * FerryEndpoint:
 * Where and how to connect: plain data, owned by whoever made it. A session
 * keeps its own copy. The password is not part of it.
 */
typedef struct
{
  char *host;                  /* name, IPv4 or IPv6 literal (no brackets) */
  guint16 port;                /* 0: 990 for implicit, 21 otherwise */
  char *user;                  /* NULL or "": anonymous */
  FerrySecurityMode security;
  FerryDataProtection data_protection;
  gboolean use_ccc;            /* clear the control channel after login */
  FerryTlsVersion min_tls;
  char *ca_file;               /* extra trusted CA certificates (PEM), or NULL */
  FerryTransferMode transfer_mode;
  char *charset;               /* NULL: auto (UTF-8 when the server offers it) */
  int timezone_offset_minutes; /* added to listing times the server gives without a zone */
  FerryServerType server_type; /* the listing format tried first; 0: automatic */
  guint connect_timeout_ms;    /* 0: default (15 s) */
  guint reply_timeout_ms;      /* 0: default (30 s) */
} FerryEndpoint;

#define FERRY_TYPE_ENDPOINT (ferry_endpoint_get_type ())

GType          ferry_endpoint_get_type           (void) G_GNUC_CONST;
FerryEndpoint *ferry_endpoint_new                (void);
FerryEndpoint *ferry_endpoint_copy               (const FerryEndpoint *self);
void           ferry_endpoint_free               (FerryEndpoint *self);
guint16        ferry_endpoint_get_effective_port (const FerryEndpoint *self);
char          *ferry_endpoint_dup_host_port      (const FerryEndpoint *self);

const char    *ferry_security_mode_to_string     (FerrySecurityMode mode);
gboolean       ferry_security_mode_from_string   (const char        *text,
                                                  FerrySecurityMode *out_mode);
const char    *ferry_security_mode_describe      (FerrySecurityMode mode);
/* The mode's translated name for a sentence ("explicit FTPS", "plain FTP");
 * ferry_security_mode_to_string() is the word stored in files and JSON. */
const char    *ferry_security_mode_for_people    (FerrySecurityMode mode);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryEndpoint, ferry_endpoint_free)

G_END_DECLS
