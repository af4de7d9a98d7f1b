/* driver-endpoint.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the test drivers (engine-driver.c, queue-driver.c, queue-exists-driver.c,
 * queue-restart-driver.c): the endpoint a URL names, with the CA file and an
 * optional security mode (--security) of the command line.
 */
#pragma once

#include "ferry-endpoint.h"
#include "ferry-url.h"

static inline FerryEndpoint *
driver_endpoint_new (const char *address,
                     const char *ca_file,
                     const char *security)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FerryUrl) url = ferry_url_parse (address, &error);
  FerryEndpoint *ep = ferry_endpoint_new ();

  g_assert_no_error (error);
  ep->host = g_strdup (url->host);
  ep->port = url->port;
  ep->user = g_strdup (url->user);
  ep->security = url->security;
  ep->ca_file = g_strdup (ca_file);
  if (security != NULL)
    g_assert_true (ferry_security_mode_from_string (security, &ep->security));
  return ep;
}
