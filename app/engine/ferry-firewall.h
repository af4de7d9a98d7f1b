/* ferry-firewall.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a session's data connections showed about the firewalls and NAT between
 * Ferry and the server: the ports used, a PASV address that was not the
 * server's, data connections that never opened. For the Firewall section of
 * ferry-cli probe, Test Connection and the security popover. Plain data.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  guint16 control_port;         /* where the control connection went; 0 before one */
  gboolean implicit;            /* implicit FTPS: port 989 (ftps-data) is never used */
  gboolean control_encrypted;   /* the commands were encrypted when the data ports were asked */
  char *server_address;         /* the control connection's peer; nullable */
  GArray *passive_ports;        /* guint16, sorted, no repeats: ports the server handed out */
  guint passive_connections;    /* passive data connections that opened */
  guint active_connections;     /* active ones (the server connected back) */
  char *pasv_address;           /* nullable: the other address a PASV reply named */
  guint data_timeouts;          /* passive data connections that timed out */
  guint data_refused;           /* … that were refused */
  guint16 failed_port;          /* the port of the last one that did not open */
  gboolean ccc_offered;         /* FEAT lists CCC */
} FerryFirewall;

#define FERRY_TYPE_FIREWALL (ferry_firewall_get_type ())

GType          ferry_firewall_get_type (void) G_GNUC_CONST;
FerryFirewall *ferry_firewall_new      (void);
FerryFirewall *ferry_firewall_copy     (const FerryFirewall *self);
void           ferry_firewall_free     (FerryFirewall *self);

void           ferry_firewall_add_passive_port (FerryFirewall *self,
                                                guint16        port);
/* The lowest and highest passive port seen; FALSE when none was. */
gboolean       ferry_firewall_get_range        (const FerryFirewall *self,
                                                guint16             *out_min,
                                                guint16             *out_max);
/* "40000–40100", "40000" or NULL when no passive port was seen. */
char          *ferry_firewall_format_range     (const FerryFirewall *self);
/* The ports seen, "40001, 40007". NULL when none. */
char          *ferry_firewall_format_ports     (const FerryFirewall *self);
/* TRUE when a data connection failed to open after a working login. */
gboolean       ferry_firewall_blocked          (const FerryFirewall *self);

/* What it means, in one sentence: "Open TCP 21 and 40000–40100 towards the
 * server." NULL when nothing is known yet (no control connection). */
char          *ferry_firewall_advice           (const FerryFirewall *self);
/* The passive ports seen, as a sentence. */
char          *ferry_firewall_describe_ports   (const FerryFirewall *self);
/* Every other finding as a sentence (neither the ports nor the advice): NAT,
 * implicit FTPS and port 989, active mode, a blocked data port and CCC. Never
 * NULL; empty when there is nothing to say. */
GStrv          ferry_firewall_findings         (const FerryFirewall *self);
/* The ports, the findings and the advice, one per line: for the window. */
char          *ferry_firewall_describe         (const FerryFirewall *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryFirewall, ferry_firewall_free)

G_END_DECLS
