/* ferry-process.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ferry-process.h"

#include <errno.h>
#include <string.h>
#include <sys/prctl.h>

void
ferry_process_protect_secrets (void)
{
  if (g_strcmp0 (g_getenv ("FERRY_ALLOW_CORE_DUMPS"), "1") == 0)
    return;
  /* What ssh-agent and gpg-agent do. The kernel resets it at the next execve(),
   * so programs Ferry starts are not affected. */
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_debug ("prctl(PR_SET_DUMPABLE): %s", g_strerror (errno));
}
