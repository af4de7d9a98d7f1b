/* ferry-error.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FERRY_ERROR (ferry_error_quark ())

/**
 * FerryError:
 * The one error domain of Ferry (its domain string is "FerryError"). Messages say what happened and what to do;
 * the code says which kind of failure it was, so that callers (the window,
 * ferry-cli's exit codes) can react without parsing text.
 */
typedef enum
{
  FERRY_ERROR_FAILED,
  FERRY_ERROR_INVALID_ARGUMENT,     /* a bad URL, option or name: the person must fix the input */
  FERRY_ERROR_RESOLVE,              /* the host name could not be resolved */
  FERRY_ERROR_CONNECT,              /* the TCP connection was refused or unreachable */
  FERRY_ERROR_TIMEOUT,              /* no answer in time */
  FERRY_ERROR_CONNECTION_LOST,      /* the server closed the connection */
  FERRY_ERROR_PROTOCOL,             /* the server sent something that is not FTP */
  FERRY_ERROR_TLS,                  /* the TLS handshake or record layer failed */
  FERRY_ERROR_NO_TLS,               /* the server does not offer TLS */
  FERRY_ERROR_PLAIN_DECLINED,       /* plain FTP was offered and not accepted */
  FERRY_ERROR_CERTIFICATE_UNTRUSTED, /* the certificate was not trusted and not accepted */
  FERRY_ERROR_CERTIFICATE_CHANGED,  /* a pinned certificate changed and was not accepted */
  FERRY_ERROR_CERTIFICATE_MISMATCH, /* a data connection presented another certificate */
  FERRY_ERROR_LOGIN_FAILED,         /* user name or password refused */
  FERRY_ERROR_PROTECTION_REFUSED,   /* PROT P (or PROT C) was refused */
  FERRY_ERROR_RESUMPTION_REQUIRED,  /* the server refused a data connection that did not resume */
  FERRY_ERROR_DATA_CONNECTION,      /* a data connection could not be opened */
  FERRY_ERROR_REMOTE,               /* the server refused a command */
  FERRY_ERROR_LOCAL,                /* a local file or folder problem */
  FERRY_ERROR_NOT_CONNECTED,        /* the session is not connected */
  FERRY_ERROR_NOT_FOUND,            /* the remote file or folder does not exist */
} FerryError;

GQuark ferry_error_quark (void);

/* The FTP reply code of the server's answer that @error reports (425, 550…),
 * or 0 when it reports none (or is not a FERRY_ERROR). Decide by this, never
 * by the message, which is translated. FERRY_ERROR is an extended error
 * domain (GLib 2.68): g_error_copy() keeps the code. */
guint  ferry_error_get_reply_code (const GError *error);
/* Sets the reply code of *@error when @error and *@error are set and a
 * FERRY_ERROR; for whoever turns a server reply into an error. */
void   ferry_error_set_reply_code (GError **error,
                                   guint    reply_code);

G_END_DECLS
