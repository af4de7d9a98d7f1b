/* ferry-known-servers.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-known-servers"

#include "config.h"

#include <string.h>

#include "ferry-known-servers.h"

G_DEFINE_BOXED_TYPE (FerryPin, ferry_pin, ferry_pin_copy, ferry_pin_free)

FerryPin *
ferry_pin_new (const char *sha256)
{
  FerryPin *pin = g_new0 (FerryPin, 1);

  pin->sha256 = ferry_fingerprint_normalize (sha256);
  return pin;
}

FerryPin *
ferry_pin_copy (const FerryPin *pin)
{
  FerryPin *copy = g_memdup2 (pin, sizeof *pin);

  copy->sha256 = g_strdup (pin->sha256);
  copy->subject = g_strdup (pin->subject);
  copy->issuer = g_strdup (pin->issuer);
  return copy;
}

void
ferry_pin_free (FerryPin *pin)
{
  if (pin == NULL)
    return;
  g_free (pin->sha256);
  g_free (pin->subject);
  g_free (pin->issuer);
  g_free (pin);
}

/**
 * ferry_fingerprint_normalize:
 * @text: a fingerprint as people write it: hex with or without colons or
 *   spaces, any case, optionally prefixed "sha256:" or "SHA256/"
 *
 * Returns: (nullable): lowercase hex without separators, or %NULL when @text
 *   is not a SHA-256 fingerprint (64 hex digits).
 */
char *
ferry_fingerprint_normalize (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  if (g_ascii_strncasecmp (text, "sha256:", 7) == 0 || g_ascii_strncasecmp (text, "sha256/", 7) == 0)
    text += 7;

  out = g_string_sized_new (64);
  for (const char *p = text; *p; p++)
    {
      if (*p == ':' || *p == ' ' || *p == '-')
        continue;
      if (!g_ascii_isxdigit (*p))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, g_ascii_tolower (*p));
    }
  if (out->len != 64)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* "AB:CD:…" for people to read and compare. */
char *
ferry_fingerprint_format (const char *normalized)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; normalized != NULL && normalized[i] != '\0'; i++)
    {
      if (i > 0 && i % 2 == 0)
        g_string_append_c (out, ':');
      g_string_append_c (out, g_ascii_toupper (normalized[i]));
    }
  return g_string_free (out, FALSE);
}

G_DEFINE_INTERFACE (FerryKnownServers, ferry_known_servers, G_TYPE_OBJECT)

static void
ferry_known_servers_default_init (FerryKnownServersInterface *iface)
{
}

GPtrArray *
ferry_known_servers_dup_pins (FerryKnownServers *self,
                              const char        *host,
                              guint16            port)
{
  g_return_val_if_fail (FERRY_IS_KNOWN_SERVERS (self), NULL);
  return FERRY_KNOWN_SERVERS_GET_IFACE (self)->dup_pins (self, host, port);
}

gboolean
ferry_known_servers_is_pinned (FerryKnownServers *self,
                               const char        *host,
                               guint16            port,
                               const char        *sha256)
{
  g_autoptr (GPtrArray) pins = ferry_known_servers_dup_pins (self, host, port);
  g_autofree char *want = ferry_fingerprint_normalize (sha256);

  for (guint i = 0; want != NULL && i < pins->len; i++)
    {
      const FerryPin *pin = g_ptr_array_index (pins, i);

      if (g_strcmp0 (pin->sha256, want) == 0)
        return TRUE;
    }
  return FALSE;
}

void
ferry_known_servers_add_pin (FerryKnownServers *self,
                             const char        *host,
                             guint16            port,
                             const FerryPin    *pin,
                             gboolean           replace)
{
  g_return_if_fail (FERRY_IS_KNOWN_SERVERS (self));
  g_return_if_fail (pin != NULL && pin->sha256 != NULL);
  FERRY_KNOWN_SERVERS_GET_IFACE (self)->add_pin (self, host, port, pin, replace);
}

FerrySecurityMode
ferry_known_servers_get_mode (FerryKnownServers *self,
                              const char        *host,
                              guint16            port)
{
  g_return_val_if_fail (FERRY_IS_KNOWN_SERVERS (self), FERRY_SECURITY_AUTO);
  return FERRY_KNOWN_SERVERS_GET_IFACE (self)->get_mode (self, host, port);
}

void
ferry_known_servers_set_mode (FerryKnownServers *self,
                              const char        *host,
                              guint16            port,
                              FerrySecurityMode  mode)
{
  g_return_if_fail (FERRY_IS_KNOWN_SERVERS (self));
  FERRY_KNOWN_SERVERS_GET_IFACE (self)->set_mode (self, host, port, mode);
}

FerryResumption
ferry_known_servers_get_resumption (FerryKnownServers *self,
                                    const char        *host,
                                    guint16            port)
{
  g_return_val_if_fail (FERRY_IS_KNOWN_SERVERS (self), FERRY_RESUMPTION_UNKNOWN);
  return FERRY_KNOWN_SERVERS_GET_IFACE (self)->get_resumption (self, host, port);
}

void
ferry_known_servers_set_resumption (FerryKnownServers *self,
                                    const char        *host,
                                    guint16            port,
                                    FerryResumption    resumption)
{
  g_return_if_fail (FERRY_IS_KNOWN_SERVERS (self));
  FERRY_KNOWN_SERVERS_GET_IFACE (self)->set_resumption (self, host, port, resumption);
}
