/* test-ui-queue.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "parallel transfers" preference (GSettings, memory backend under
 * tests/run-gui.sh) applies live to an open connection tab's transfer
 * runner, unless the tab's site sets its own number; a change of the site's
 * number applies live too. The tabs are real widgets in real windows; no
 * server is needed, since a runner opens sessions only for work.
 */
#include "config.h"

#include <adwaita.h>

#include "ferry-connection-tab-private.h"

static GtkWidget *
show (FerryConnectionTab *tab)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (tab));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 200 && !gtk_widget_get_mapped (window); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (window));
  return window;
}

static void
test_preference_applies_live (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (FerryEndpoint) endpoint = ferry_endpoint_new ();
  FerryConnectionTab *tab;
  FerryTransferRunner *runner;
  GtkWidget *window;

  g_settings_set_int (settings, "parallel-transfers", 2);
  endpoint->host = g_strdup ("127.0.0.1");
  endpoint->user = g_strdup ("alice");
  tab = ferry_connection_tab_new_for_endpoint (endpoint, NULL, NULL);
  window = show (tab);
  runner = _ferry_connection_tab_ensure_runner (tab);
  g_assert_cmpuint (ferry_transfer_runner_get_max_sessions (runner), ==, 2);

  g_settings_set_int (settings, "parallel-transfers", 5);
  g_assert_cmpuint (ferry_transfer_runner_get_max_sessions (runner), ==, 5);
  g_settings_set_int (settings, "parallel-transfers", 1);
  g_assert_cmpuint (ferry_transfer_runner_get_max_sessions (runner), ==, 1);
  /* The same runner, kept by the tab. */
  g_assert_true (_ferry_connection_tab_ensure_runner (tab) == runner);

  gtk_window_destroy (GTK_WINDOW (window));
  /* A closed tab no longer listens. */
  g_settings_set_int (settings, "parallel-transfers", 3);
  g_settings_reset (settings, "parallel-transfers");
}

static void
test_site_number_wins (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (FerrySite) site = ferry_site_new ();
  FerryConnectionTab *tab;
  FerryTransferRunner *runner;
  GtkWidget *window;

  g_settings_set_int (settings, "parallel-transfers", 2);
  ferry_site_set_name (site, "Queue test");
  ferry_site_set_host (site, "127.0.0.1");
  ferry_site_set_user (site, "alice");
  ferry_site_set_parallel_transfers (site, 4);
  tab = ferry_connection_tab_new_for_site (site, NULL);
  window = show (tab);
  runner = _ferry_connection_tab_ensure_runner (tab);
  g_assert_cmpuint (ferry_transfer_runner_get_max_sessions (runner), ==, 4);

  /* The site's own number wins over the preference… */
  g_settings_set_int (settings, "parallel-transfers", 7);
  g_assert_cmpuint (ferry_transfer_runner_get_max_sessions (runner), ==, 4);
  /* … a change of it applies at once… */
  ferry_site_set_parallel_transfers (site, 6);
  g_assert_cmpuint (ferry_transfer_runner_get_max_sessions (runner), ==, 6);
  /* … and 0 means the preference. */
  ferry_site_set_parallel_transfers (site, 0);
  g_assert_cmpuint (ferry_transfer_runner_get_max_sessions (runner), ==, 7);

  gtk_window_destroy (GTK_WINDOW (window));
  ferry_site_set_parallel_transfers (site, 3);
  g_settings_reset (settings, "parallel-transfers");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/ui/queue/preference-applies-live", test_preference_applies_live);
  g_test_add_func ("/ui/queue/site-number-wins", test_site_number_wins);
  return g_test_run ();
}
