/* ferry-prompt-handler.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ferry-prompt.h"

G_BEGIN_DECLS

/* Shows the dialog that @prompt calls for, transient for @parent: the
 * certificate dialog (or its loud variant for a changed certificate), or the
 * question whether to log in without encryption. The dialog answers the
 * prompt. When @cancellable (nullable) is cancelled first, the dialog closes
 * and the prompt is rejected. Returns the dialog. */
GtkWindow *ferry_prompt_handler_run (GtkWindow    *parent,
                                     FerryPrompt  *prompt,
                                     GCancellable *cancellable);

G_END_DECLS
