/* ferry-endpoint.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-endpoint"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-endpoint.h"

G_DEFINE_BOXED_TYPE (FerryEndpoint, ferry_endpoint, ferry_endpoint_copy, ferry_endpoint_free)

FerryEndpoint *
ferry_endpoint_new (void)
{
  FerryEndpoint *self = g_new0 (FerryEndpoint, 1);

  self->security = FERRY_SECURITY_AUTO;
  self->data_protection = FERRY_DATA_PROTECTION_PRIVATE;
  self->min_tls = FERRY_TLS_VERSION_1_2;
  self->transfer_mode = FERRY_TRANSFER_MODE_PASSIVE;
  return self;
}

FerryEndpoint *
ferry_endpoint_copy (const FerryEndpoint *self)
{
  FerryEndpoint *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->host = g_strdup (self->host);
  copy->user = g_strdup (self->user);
  copy->ca_file = g_strdup (self->ca_file);
  copy->charset = g_strdup (self->charset);
  return copy;
}

void
ferry_endpoint_free (FerryEndpoint *self)
{
  if (self == NULL)
    return;
  g_free (self->host);
  g_free (self->user);
  g_free (self->ca_file);
  g_free (self->charset);
  g_free (self);
}

guint16
ferry_endpoint_get_effective_port (const FerryEndpoint *self)
{
  if (self->port != 0)
    return self->port;
  return self->security == FERRY_SECURITY_IMPLICIT ? 990 : 21;
}

/* "host:port", with brackets around an IPv6 literal. */
char *
ferry_endpoint_dup_host_port (const FerryEndpoint *self)
{
  guint16 port = ferry_endpoint_get_effective_port (self);

  if (self->host != NULL && strchr (self->host, ':') != NULL)
    return g_strdup_printf ("[%s]:%u", self->host, port);
  return g_strdup_printf ("%s:%u", self->host ? self->host : "", port);
}

static const struct
{
  FerrySecurityMode mode;
  const char *name;
  const char *label;        /* in a sentence: "Detected: explicit FTPS" */
  const char *description;
} security_modes[] = {
  { FERRY_SECURITY_AUTO, "auto", N_("automatic detection"), N_("detect explicit or implicit FTPS") },
  { FERRY_SECURITY_EXPLICIT, "explicit", N_("explicit FTPS"),
    N_("explicit FTPS (AUTH TLS) required") },
  { FERRY_SECURITY_EXPLICIT_IF_AVAILABLE, "explicit-if-available",
    N_("explicit FTPS if available"),
    N_("explicit FTPS if available, plain FTP after confirmation") },
  { FERRY_SECURITY_IMPLICIT, "implicit", N_("implicit FTPS"),
    N_("implicit FTPS (TLS from the start)") },
  { FERRY_SECURITY_PLAIN, "plain", N_("plain FTP"), N_("plain FTP without encryption") },
};

const char *
ferry_security_mode_to_string (FerrySecurityMode mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (security_modes); i++)
    if (security_modes[i].mode == mode)
      return security_modes[i].name;
  return "auto";
}

const char *
ferry_security_mode_for_people (FerrySecurityMode mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (security_modes); i++)
    if (security_modes[i].mode == mode)
      return _(security_modes[i].label);
  return _(security_modes[0].label);
}

const char *
ferry_security_mode_describe (FerrySecurityMode mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (security_modes); i++)
    if (security_modes[i].mode == mode)
      return _(security_modes[i].description);
  return _(security_modes[0].description);
}

gboolean
ferry_security_mode_from_string (const char        *text,
                                 FerrySecurityMode *out_mode)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (security_modes); i++)
    if (g_ascii_strcasecmp (text, security_modes[i].name) == 0)
      {
        *out_mode = security_modes[i].mode;
        return TRUE;
      }
  return FALSE;
}
