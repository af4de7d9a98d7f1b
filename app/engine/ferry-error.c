/* ferry-error.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-error"

#include "config.h"

#include "ferry-error.h"

G_DEFINE_QUARK (ferry-error-quark, ferry_error)
