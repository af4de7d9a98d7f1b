/* main.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-application.h"
#include "ferry-stall-probe.h"
#include "ferry-text-domain.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FerryApplication) application = NULL;

  ferry_stall_probe_start ();
  ferry_text_domain_bind ();
  textdomain (GETTEXT_PACKAGE);

  application = ferry_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
