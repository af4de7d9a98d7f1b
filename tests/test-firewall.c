/* test-firewall.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerryFirewall: the ports kept sorted and unique, the range, the advice, and
 * which findings each fact gives (CCC only when the server offers it and the
 * commands are encrypted).
 */
#include "config.h"

#include <string.h>

#include "ferry-firewall.h"

static gboolean
has_finding (const FerryFirewall *fw,
             const char          *fragment)
{
  g_auto (GStrv) findings = ferry_firewall_findings (fw);

  for (guint i = 0; findings[i] != NULL; i++)
    if (strstr (findings[i], fragment) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_ports_sorted_unique (void)
{
  g_autoptr (FerryFirewall) fw = ferry_firewall_new ();
  g_autofree char *none = ferry_firewall_format_range (fw);
  guint16 min = 0, max = 0;
  static const guint16 added[] = { 40007, 40001, 40007, 40100, 40001 };

  g_assert_null (none);
  g_assert_false (ferry_firewall_get_range (fw, &min, &max));
  for (guint i = 0; i < G_N_ELEMENTS (added); i++)
    ferry_firewall_add_passive_port (fw, added[i]);
  g_assert_cmpuint (fw->passive_ports->len, ==, 3);
  g_assert_true (ferry_firewall_get_range (fw, &min, &max));
  g_assert_cmpuint (min, ==, 40001);
  g_assert_cmpuint (max, ==, 40100);
  {
    g_autofree char *ports = ferry_firewall_format_ports (fw);
    g_autofree char *range = ferry_firewall_format_range (fw);
    g_autofree char *sentence = ferry_firewall_describe_ports (fw);

    g_assert_cmpstr (ports, ==, "40001, 40007, 40100");
    g_assert_cmpstr (range, ==, "40001–40100");
    g_assert_cmpstr (sentence, ==, "The server handed out 3 passive data ports: 40001, 40007, "
                                   "40100 (the range seen: 40001–40100).");
  }
}

static void
test_advice (void)
{
  g_autoptr (FerryFirewall) fw = ferry_firewall_new ();
  g_autofree char *unknown = ferry_firewall_advice (fw);
  g_autofree char *no_data = NULL;
  g_autofree char *one = NULL;
  g_autofree char *range = NULL;
  g_autoptr (FerryFirewall) active = NULL;
  g_autofree char *active_advice = NULL;

  g_assert_null (unknown);
  fw->control_port = 21;
  no_data = ferry_firewall_advice (fw);
  g_assert_true (g_str_has_prefix (no_data, "Open TCP 21 towards the server, and the passive"));
  ferry_firewall_add_passive_port (fw, 40000);
  one = ferry_firewall_advice (fw);
  g_assert_cmpstr (one, ==, "Open TCP 21 and 40000 towards the server.");
  ferry_firewall_add_passive_port (fw, 40100);
  range = ferry_firewall_advice (fw);
  g_assert_cmpstr (range, ==, "Open TCP 21 and 40000–40100 towards the server.");

  active = ferry_firewall_new ();
  active->control_port = 990;
  active->active_connections = 1;
  active_advice = ferry_firewall_advice (active);
  g_assert_nonnull (strstr (active_advice, "connect back"));
  g_assert_true (has_finding (active, "active mode"));
}

static void
test_findings (void)
{
  g_autoptr (FerryFirewall) fw = ferry_firewall_new ();
  g_auto (GStrv) none = NULL;
  g_autoptr (FerryFirewall) copy = NULL;

  fw->control_port = 21;
  ferry_firewall_add_passive_port (fw, 40003);
  none = ferry_firewall_findings (fw);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_false (ferry_firewall_blocked (fw));

  /* NAT: both addresses, and that Ferry worked around it. */
  fw->server_address = g_strdup ("192.0.2.10");
  fw->pasv_address = g_strdup ("10.9.8.7");
  g_assert_true (has_finding (fw, "named 10.9.8.7, not the address Ferry connected to "
                                  "(192.0.2.10)"));
  g_assert_true (has_finding (fw, "worked around it by connecting to 192.0.2.10"));

  /* Implicit: 989 is never used. */
  g_assert_false (has_finding (fw, "989"));
  fw->implicit = TRUE;
  g_assert_true (has_finding (fw, "never uses port 989"));

  /* A timeout after login: the firewall sentence; CCC only when offered and encrypted. */
  fw->data_timeouts = 1;
  fw->failed_port = 40003;
  g_assert_true (ferry_firewall_blocked (fw));
  g_assert_true (has_finding (fw, "data connection to port 40003 timed out"));
  g_assert_true (has_finding (fw, "blocking or inspecting the passive ports"));
  g_assert_false (has_finding (fw, "CCC"));
  fw->ccc_offered = TRUE;
  g_assert_false (has_finding (fw, "CCC"));     /* plain FTP: nothing to clear */
  fw->control_encrypted = TRUE;
  g_assert_true (has_finding (fw, "The server offers CCC"));
  g_assert_true (has_finding (fw, "names of your files and folders"));
  fw->ccc_offered = FALSE;
  g_assert_false (has_finding (fw, "CCC"));
  g_assert_true (has_finding (fw, "FTP helper"));

  /* Refused rather than timed out. */
  fw->data_timeouts = 0;
  fw->data_refused = 2;
  g_assert_true (has_finding (fw, "port 40003 was refused"));

  /* A copy is deep. */
  copy = ferry_firewall_copy (fw);
  g_clear_pointer (&fw->pasv_address, g_free);
  g_array_set_size (fw->passive_ports, 0);
  g_assert_cmpstr (copy->pasv_address, ==, "10.9.8.7");
  g_assert_cmpuint (copy->passive_ports->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/firewall/ports-sorted-unique", test_ports_sorted_unique);
  g_test_add_func ("/firewall/advice", test_advice);
  g_test_add_func ("/firewall/findings", test_findings);
  return g_test_run ();
}
