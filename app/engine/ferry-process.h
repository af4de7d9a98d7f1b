/* ferry-process.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What Ferry's programs do to their own process before they hold a password.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* No core dump when the process crashes, and no ptrace, /proc/PID/mem or
 * /proc/PID/environ for other processes of the same user: each would show the
 * passwords of the open sessions. FERRY_ALLOW_CORE_DUMPS=1 leaves the process
 * as it is, for a developer's core dump. */
void ferry_process_protect_secrets (void);

G_END_DECLS
