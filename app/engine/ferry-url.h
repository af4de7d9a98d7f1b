/* ferry-url.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one parser for what people type to name a server, used by every front
 * (ferry-cli, the window's connect entry, importers).
 */
#pragma once

#include <glib-object.h>

#include "ferry-endpoint.h"

G_BEGIN_DECLS

/**
 * FerryUrl:
 * @has_security: whether the text named a mode: `ftps://` (implicit) or
 *   `ftpes://` (explicit). `ftp://` and no scheme leave it FALSE (auto).
 * @security: the mode named when @has_security, else FERRY_SECURITY_AUTO
 * @user: (nullable): the user name, percent-decoded; may contain '@'
 * @host: the host name or IP literal, without brackets, never empty
 * @port: 0 when the text named none
 * @path: (nullable): the path, percent-decoded, beginning with '/'
 */
typedef struct
{
  gboolean has_security;
  FerrySecurityMode security;
  char *user;
  char *host;
  guint16 port;
  char *path;
} FerryUrl;

#define FERRY_TYPE_URL (ferry_url_get_type ())

GType     ferry_url_get_type (void) G_GNUC_CONST;
FerryUrl *ferry_url_copy     (const FerryUrl *url);
void      ferry_url_free     (FerryUrl *url);

/**
 * ferry_url_parse:
 * @text: `host`, `host:port`, `user@host`, `user@host:port`, `[v6]:port`, a bare
 *   IPv6 literal, or a URL with scheme `ftp`, `ftps` (implicit) or `ftpes`
 *   (explicit) and optional path. The user part may contain '@' (the last '@'
 *   before the host separates them: `me@example.com@ftp.example.com`).
 *   Leading and trailing white space is ignored.
 *
 * Errors (FERRY_ERROR_INVALID_ARGUMENT, each message saying what to type
 * instead): empty text, another scheme (sftp://, http://: "Ferry speaks FTP
 * and FTPS …"), a password in the text (`user:secret@host`: refused, never
 * echoed back in the message), an empty or invalid host, a port that is not
 * 1–65535, invalid percent-encoding, control characters.
 */
FerryUrl *ferry_url_parse    (const char *text,
                              GError    **error);

/* A URL that ferry_url_parse reads back the same (no password, ever). */
char     *ferry_url_to_string (const FerryUrl *url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryUrl, ferry_url_free)

G_END_DECLS
