/* main.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-application.h"
#include "ferry-process.h"
#include "ferry-session.h"
#include "ferry-stall-probe.h"
#include "ferry-text-domain.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FerryApplication) application = NULL;
  int status;

  ferry_process_protect_secrets ();
  ferry_stall_probe_start ();
  ferry_text_domain_bind ();
  textdomain (GETTEXT_PACKAGE);

  application = ferry_application_new ();
  status = g_application_run (G_APPLICATION (application), argc, argv);

  /* The windows are gone; their sessions' workers say QUIT and close TLS
   * before the process ends, which would otherwise race the libraries'
   * exit handlers. */
  g_clear_object (&application);
  ferry_session_wait_for_workers (FERRY_SESSION_EXIT_WAIT_MS);
  return status;
}
