/* ferry-text-domain.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where Ferry's translations are read from. Installed, that is LOCALEDIR;
 * FERRY_LOCALEDIR points the window and ferry-cli at another tree that holds
 * LANG/LC_MESSAGES/ferry.mo, such as the build folder's po/ (set by
 * `meson devenv` and by the tests), so a build can be tried in German or
 * French before it is installed.
 */
#define G_LOG_DOMAIN "ferry-text-domain"

#include "config.h"

#include <libintl.h>

#include "ferry-text-domain.h"

/**
 * ferry_text_domain_dir:
 *
 * Returns: the folder the message catalogs are bound to: $FERRY_LOCALEDIR
 *   when it is set and not empty, LOCALEDIR otherwise.
 */
const char *
ferry_text_domain_dir (void)
{
  const char *dir = g_getenv ("FERRY_LOCALEDIR");

  return (dir != NULL && *dir != '\0') ? dir : LOCALEDIR;
}

/**
 * ferry_text_domain_bind:
 *
 * Binds GETTEXT_PACKAGE to ferry_text_domain_dir() with UTF-8 output. Call it
 * once, after setlocale(), before the first translated sentence.
 */
void
ferry_text_domain_bind (void)
{
  bindtextdomain (GETTEXT_PACKAGE, ferry_text_domain_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
