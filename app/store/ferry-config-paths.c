/* ferry-config-paths.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-config-paths"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ferry-config-paths.h"
#include "ferry-error.h"

static char *
path_in (const char *base,
         const char *name,
         gboolean    create,
         GError    **error)
{
  g_autofree char *dir = g_build_filename (base, "ferry", NULL);

  if (create && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                   _("Could not create the folder %s: %s. Check that your home folder is "
                     "writable."),
                   dir, g_strerror (saved));
      return NULL;
    }
  return g_build_filename (dir, name, NULL);
}

char *
ferry_config_path (const char *name,
                   gboolean    create,
                   GError    **error)
{
  return path_in (g_get_user_config_dir (), name, create, error);
}

char *
ferry_data_path (const char *name,
                 gboolean    create,
                 GError    **error)
{
  return path_in (g_get_user_data_dir (), name, create, error);
}
