/* ferry-firewall.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The facts are gathered by ferry-data.c on the session's worker; this file
 * keeps them and says what they mean.
 */
#define G_LOG_DOMAIN "ferry-firewall"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-firewall.h"

G_DEFINE_BOXED_TYPE (FerryFirewall, ferry_firewall, ferry_firewall_copy, ferry_firewall_free)

FerryFirewall *
ferry_firewall_new (void)
{
  FerryFirewall *self = g_new0 (FerryFirewall, 1);

  self->passive_ports = g_array_new (FALSE, FALSE, sizeof (guint16));
  return self;
}

FerryFirewall *
ferry_firewall_copy (const FerryFirewall *self)
{
  FerryFirewall *copy = g_memdup2 (self, sizeof *self);

  copy->server_address = g_strdup (self->server_address);
  copy->pasv_address = g_strdup (self->pasv_address);
  copy->passive_ports = g_array_copy (self->passive_ports);
  return copy;
}

void
ferry_firewall_free (FerryFirewall *self)
{
  if (self == NULL)
    return;
  g_free (self->server_address);
  g_free (self->pasv_address);
  g_array_unref (self->passive_ports);
  g_free (self);
}

void
ferry_firewall_add_passive_port (FerryFirewall *self,
                                 guint16        port)
{
  guint i = 0;

  while (i < self->passive_ports->len && g_array_index (self->passive_ports, guint16, i) < port)
    i++;
  if (i < self->passive_ports->len && g_array_index (self->passive_ports, guint16, i) == port)
    return;
  g_array_insert_val (self->passive_ports, i, port);
}

gboolean
ferry_firewall_get_range (const FerryFirewall *self,
                          guint16             *out_min,
                          guint16             *out_max)
{
  GArray *ports = self->passive_ports;

  if (ports->len == 0)
    return FALSE;
  *out_min = g_array_index (ports, guint16, 0);
  *out_max = g_array_index (ports, guint16, ports->len - 1);
  return TRUE;
}

char *
ferry_firewall_format_range (const FerryFirewall *self)
{
  guint16 min, max;

  if (!ferry_firewall_get_range (self, &min, &max))
    return NULL;
  if (min == max)
    return g_strdup_printf ("%u", min);
  return g_strdup_printf ("%u–%u", min, max);
}

char *
ferry_firewall_format_ports (const FerryFirewall *self)
{
  GString *out;

  if (self->passive_ports->len == 0)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < self->passive_ports->len; i++)
    g_string_append_printf (out, "%s%u", i ? ", " : "",
                            g_array_index (self->passive_ports, guint16, i));
  return g_string_free (out, FALSE);
}

gboolean
ferry_firewall_blocked (const FerryFirewall *self)
{
  return self->data_timeouts + self->data_refused > 0;
}

char *
ferry_firewall_advice (const FerryFirewall *self)
{
  g_autofree char *range = ferry_firewall_format_range (self);

  if (self->control_port == 0)
    return NULL;
  if (range != NULL)
    /* Translators: "Open TCP 21 and 40000–40100 towards the server." The first is the
     * control port, the second the passive data ports the server handed out. */
    return g_strdup_printf (_("Open TCP %u and %s towards the server."), self->control_port,
                            range);
  if (self->active_connections > 0)
    return g_strdup_printf (_("Open TCP %u towards the server, and let the server connect back "
                              "to Ferry for file transfers (active mode)."),
                            self->control_port);
  return g_strdup_printf (_("Open TCP %u towards the server, and the passive data ports it "
                            "hands out (no file transfer or listing has used one yet)."),
                          self->control_port);
}

char *
ferry_firewall_describe_ports (const FerryFirewall *self)
{
  guint n = self->passive_ports->len;

  if (n == 0)
    return g_strdup (_("No passive data port was handed out yet."));
  if (n == 1)
    return g_strdup_printf (_("The server handed out one passive data port: %u."),
                            g_array_index (self->passive_ports, guint16, 0));
  else
    {
      g_autofree char *ports = ferry_firewall_format_ports (self);
      g_autofree char *range = ferry_firewall_format_range (self);

      /* Translators: the first %s lists the ports ("40001, 40007"), the second is the range
       * from the lowest to the highest ("40001–40007"). */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The server handed out %u passive data port: %s (the "
                                           "range seen: %s).",
                                           "The server handed out %u passive data ports: %s (the "
                                           "range seen: %s).", n),
                              n, ports, range);
    }
}

static void
add_blocked (const FerryFirewall *self,
             GPtrArray           *out)
{
  if (self->data_timeouts > 0)
    g_ptr_array_add (out, g_strdup_printf (_("Login worked, but the data connection to port %u "
                                             "timed out: a firewall or NAT between you and the "
                                             "server is probably blocking or inspecting the "
                                             "passive ports."),
                                           self->failed_port));
  else
    g_ptr_array_add (out, g_strdup_printf (_("Login worked, but the data connection to port %u "
                                             "was refused: a firewall between you and the "
                                             "server is probably blocking the passive ports, or "
                                             "the server does not listen on them."),
                                           self->failed_port));
  if (!self->control_encrypted)
    return;
  g_ptr_array_add (out, g_strdup (_("A firewall that opens passive ports by reading the "
                                    "commands (an FTP helper) cannot read encrypted commands: "
                                    "the server's whole passive port range must be open.")));
  if (self->ccc_offered)
    g_ptr_array_add (out, g_strdup (_("The server offers CCC: with “Clear Command Channel After "
                                      "Login (CCC)” in the site's settings (ferry-cli --ccc), "
                                      "Ferry sends the commands in clear text after logging in, "
                                      "so that such a firewall can read them. Your password and "
                                      "your files stay encrypted, but anyone on the network can "
                                      "then read the names of your files and folders.")));
}

GStrv
ferry_firewall_findings (const FerryFirewall *self)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  if (self->pasv_address != NULL)
    /* Translators: the first %s is the address in the server's PASV reply, the second (twice)
     * the server's address that Ferry connected to. */
    g_ptr_array_add (out, g_strdup_printf (_("The server's passive reply named %s, not the "
                                             "address Ferry connected to (%s): the server's NAT "
                                             "setup is wrong (it should announce its public "
                                             "address). Ferry worked around it by connecting to "
                                             "%s."),
                                           self->pasv_address,
                                           self->server_address ? self->server_address : "?",
                                           self->server_address ? self->server_address : "?"));
  if (self->implicit)
    g_ptr_array_add (out, g_strdup (_("Implicit FTPS: Ferry never uses port 989 (ftps-data); "
                                      "file transfers go to the passive ports the server hands "
                                      "out.")));
  if (self->active_connections > 0)
    g_ptr_array_add (out, g_strdup (_("File transfers used active mode: the server connected "
                                      "back to Ferry, so a firewall on your side must let those "
                                      "connections in.")));
  if (ferry_firewall_blocked (self))
    add_blocked (self, out);
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_steal (out, NULL);
}

char *
ferry_firewall_describe (const FerryFirewall *self)
{
  g_autofree char *ports = ferry_firewall_describe_ports (self);
  g_autofree char *advice = ferry_firewall_advice (self);
  g_auto (GStrv) findings = ferry_firewall_findings (self);
  GString *out = g_string_new (ports);

  for (guint i = 0; findings[i] != NULL; i++)
    g_string_append_printf (out, "\n%s", findings[i]);
  if (advice != NULL)
    g_string_append_printf (out, "\n%s", advice);
  return g_string_free (out, FALSE);
}
