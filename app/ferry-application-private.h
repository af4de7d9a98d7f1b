/* ferry-application-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What ferry-application.c and ferry-application-open.c share.
 */
#pragma once

#include "ferry-application.h"
#include "ferry-window.h"

G_BEGIN_DECLS

/* ferry-application.c */
gboolean     _ferry_application_get_sites_loaded (FerryApplication *self);
FerryWindow *_ferry_application_new_window       (FerryApplication *self);

/* ferry-application-open.c: links and the command line */
void         _ferry_application_add_open_options (FerryApplication        *self);
int          _ferry_application_command_line     (GApplication            *application,
                                                  GApplicationCommandLine *command_line);
void         _ferry_application_open             (GApplication            *application,
                                                  GFile                  **files,
                                                  int                      n_files,
                                                  const char              *hint);
/* Opens the addresses that waited for the saved sites. */
void         _ferry_application_open_pending     (FerryApplication        *self);

G_END_DECLS
