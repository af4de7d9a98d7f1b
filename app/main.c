/* main.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-application.h"
#include "ferry-stall-probe.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FerryApplication) application = NULL;

  ferry_stall_probe_start ();
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = ferry_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
