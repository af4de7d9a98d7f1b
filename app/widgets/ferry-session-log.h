/* ferry-session-log.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ferry-session.h"

G_BEGIN_DECLS

#define FERRY_TYPE_SESSION_LOG (ferry_session_log_get_type ())

G_DECLARE_FINAL_TYPE (FerrySessionLog, ferry_session_log, FERRY, SESSION_LOG, GtkWidget)

GtkWidget *ferry_session_log_new    (void);
/* Appends a line as a session's "log" signal gives it (PASS already masked). */
void       ferry_session_log_append (FerrySessionLog *self,
                                     FerryLogKind     kind,
                                     const char      *text);
void       ferry_session_log_clear  (FerrySessionLog *self);
/* The whole log as text, for copying. */
char      *ferry_session_log_dup_text (FerrySessionLog *self);

G_END_DECLS
