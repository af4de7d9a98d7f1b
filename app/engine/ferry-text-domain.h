/* ferry-text-domain.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *ferry_text_domain_dir  (void);
void        ferry_text_domain_bind (void);

G_END_DECLS
