/* ferry-known-servers.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ferry-endpoint.h"

G_BEGIN_DECLS

/**
 * FerryPin:
 * One pinned (always trusted) certificate of a server: its SHA-256 fingerprint
 * (lowercase hex, no colons) and, so that a person can tell an old certificate
 * from a new one, its subject, issuer and validity (Unix times).
 */
typedef struct
{
  char *sha256;
  char *subject;
  char *issuer;
  gint64 not_before;
  gint64 not_after;
} FerryPin;

#define FERRY_TYPE_PIN (ferry_pin_get_type ())

GType     ferry_pin_get_type (void) G_GNUC_CONST;
FerryPin *ferry_pin_new      (const char *sha256);
FerryPin *ferry_pin_copy     (const FerryPin *pin);
void      ferry_pin_free     (FerryPin *pin);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryPin, ferry_pin_free)

/**
 * FerryResumption:
 * What Ferry has seen of a server's TLS session resumption on data connections.
 */
typedef enum
{
  FERRY_RESUMPTION_UNKNOWN,
  FERRY_RESUMPTION_WORKS,
  FERRY_RESUMPTION_FAILS,
} FerryResumption;

char *ferry_fingerprint_normalize (const char *text);
char *ferry_fingerprint_format    (const char *normalized);

#define FERRY_TYPE_KNOWN_SERVERS (ferry_known_servers_get_type ())

G_DECLARE_INTERFACE (FerryKnownServers, ferry_known_servers, FERRY, KNOWN_SERVERS, GObject)

/**
 * FerryKnownServersInterface:
 * What Ferry remembers per host and port. Every method may be called from any
 * thread at any time; implementations lock as needed. Hosts are compared
 * case-insensitively; IPv6 literals come without brackets.
 */
struct _FerryKnownServersInterface
{
  GTypeInterface parent_iface;

  /* Returns a new array of FerryPin (free with g_ptr_array_unref), never NULL. */
  GPtrArray        *(*dup_pins)       (FerryKnownServers *self,
                                       const char        *host,
                                       guint16            port);
  /* Adds @pin; with @replace, the host's earlier pins are dropped first. */
  void              (*add_pin)        (FerryKnownServers *self,
                                       const char        *host,
                                       guint16            port,
                                       const FerryPin    *pin,
                                       gboolean           replace);
  /* FERRY_SECURITY_AUTO when nothing was detected yet. */
  FerrySecurityMode (*get_mode)       (FerryKnownServers *self,
                                       const char        *host,
                                       guint16            port);
  void              (*set_mode)       (FerryKnownServers *self,
                                       const char        *host,
                                       guint16            port,
                                       FerrySecurityMode  mode);
  FerryResumption   (*get_resumption) (FerryKnownServers *self,
                                       const char        *host,
                                       guint16            port);
  void              (*set_resumption) (FerryKnownServers *self,
                                       const char        *host,
                                       guint16            port,
                                       FerryResumption    resumption);
};

GPtrArray        *ferry_known_servers_dup_pins       (FerryKnownServers *self,
                                                      const char        *host,
                                                      guint16            port);
gboolean          ferry_known_servers_is_pinned      (FerryKnownServers *self,
                                                      const char        *host,
                                                      guint16            port,
                                                      const char        *sha256);
void              ferry_known_servers_add_pin        (FerryKnownServers *self,
                                                      const char        *host,
                                                      guint16            port,
                                                      const FerryPin    *pin,
                                                      gboolean           replace);
FerrySecurityMode ferry_known_servers_get_mode       (FerryKnownServers *self,
                                                      const char        *host,
                                                      guint16            port);
void              ferry_known_servers_set_mode       (FerryKnownServers *self,
                                                      const char        *host,
                                                      guint16            port,
                                                      FerrySecurityMode  mode);
FerryResumption   ferry_known_servers_get_resumption (FerryKnownServers *self,
                                                      const char        *host,
                                                      guint16            port);
void              ferry_known_servers_set_resumption (FerryKnownServers *self,
                                                      const char        *host,
                                                      guint16            port,
                                                      FerryResumption    resumption);

G_END_DECLS
