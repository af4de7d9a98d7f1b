/* ferry-probe-command.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * ferry_probe_command_build:
 * @text: what the person typed into the connect entry
 * @error: G_IO_ERROR_INVALID_ARGUMENT when @text is empty, holds control
 *   characters or carries a password (`user:secret@host`)
 *
 * The shell command that probes the server named by @text:
 * `ferry-cli probe ADDRESS`, with ADDRESS (trimmed) single-quoted when it holds
 * anything a shell would interpret. Nothing else is checked: ferry-cli parses
 * the address itself and says what is wrong with it.
 *
 * Returns: (transfer full) (nullable): the command, or %NULL with @error set
 */
char *ferry_probe_command_build (const char *text,
                                 GError    **error);

G_END_DECLS
