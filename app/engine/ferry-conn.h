/* ferry-conn.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One TCP connection, plain or TLS, used only on a session's worker thread.
 * Sockets are non-blocking; every wait goes through one helper that first
 * asks GnuTLS for buffered records, then polls the socket together with the
 * cancellable's fd until a deadline (monotonic µs, 0 = none).
 */
#pragma once

#include <gio/gio.h>
#include <gnutls/gnutls.h>

#include "ferry-endpoint.h"

G_BEGIN_DECLS

typedef struct _FerryConn FerryConn;

/* Resolves @host (on the calling thread) and connects to the first address
 * that answers, each attempt bounded by @timeout_ms. */
FerryConn       *ferry_conn_connect          (const char   *host,
                                              guint16       port,
                                              guint         timeout_ms,
                                              GCancellable *cancellable,
                                              GError      **error);
FerryConn       *ferry_conn_connect_address  (const char   *address,
                                              guint16       port,
                                              guint         timeout_ms,
                                              GCancellable *cancellable,
                                              GError      **error);
/* Takes a connected socket (an accepted active-mode data connection). */
FerryConn       *ferry_conn_new_from_fd      (int fd);
void             ferry_conn_free             (FerryConn *conn);

int              ferry_conn_get_fd           (FerryConn *conn);
/* The peer's address as text ("127.0.0.1", "::1"). */
const char      *ferry_conn_get_peer_address (FerryConn *conn);
gboolean         ferry_conn_is_ipv6          (FerryConn *conn);
/* Our own address on this connection, as text. */
char            *ferry_conn_dup_local_address (FerryConn *conn);
/* Half-closes a plain connection (shutdown SHUT_WR). */
void             ferry_conn_shutdown_write   (FerryConn *conn);

/* Called while a handshake waits: lets the caller read the control connection
 * when it becomes readable. Returns FALSE with @error set to give up. */
typedef gboolean (*FerryConnWatchFunc)      (gpointer  user_data,
                                              GError  **error);

/**
 * ferry_conn_start_tls:
 * @server_name: (nullable): SNI and nothing else (NULL for IP literals)
 * @resume_data: (nullable): session data of the control connection to resume
 * @group: the key exchange group the control connection agreed on, offered first
 *   and alone (one key share to compute, not GnuTLS's two); 0 for GnuTLS's order
 * @watch: (nullable): another connection to watch while the handshake waits
 *
 * Runs the TLS handshake as a client. On failure @error is FERRY_ERROR_TLS and
 * ferry_conn_first_bytes_look_like_ftp() tells whether the peer sent a
 * plaintext FTP reply instead of TLS.
 */
gboolean         ferry_conn_start_tls        (FerryConn          *conn,
                                              const char         *server_name,
                                              FerryTlsVersion     min_version,
                                              const gnutls_datum_t *resume_data,
                                              gnutls_group_t      group,
                                              FerryConn          *watch,
                                              FerryConnWatchFunc  watch_func,
                                              gpointer            watch_data,
                                              gint64              deadline,
                                              GCancellable       *cancellable,
                                              GError            **error);
gnutls_session_t ferry_conn_get_tls          (FerryConn *conn);
gboolean         ferry_conn_first_bytes_look_like_ftp (FerryConn *conn);
/* Sends close_notify (and with @wait_for_peer, reads until the peer's), then
 * keeps the socket open in plain text (CCC) or ready to close. */
gboolean         ferry_conn_bye              (FerryConn    *conn,
                                              gboolean      wait_for_peer,
                                              gint64        deadline,
                                              GCancellable *cancellable,
                                              GError      **error);
/* Drops the TLS layer after ferry_conn_bye() (CCC): the socket stays. */
void             ferry_conn_drop_tls         (FerryConn *conn);

/**
 * ferry_conn_wait:
 * @events: G_IO_IN and/or G_IO_OUT
 * The one wait helper: TRUE when the connection is ready (or TLS has records
 * buffered), FALSE with FERRY_ERROR_TIMEOUT or G_IO_ERROR_CANCELLED.
 */
gboolean         ferry_conn_wait             (FerryConn    *conn,
                                              GIOCondition  events,
                                              gint64        deadline,
                                              GCancellable *cancellable,
                                              GError      **error);
/* TRUE when bytes are buffered (in Ferry or GnuTLS) or the socket is readable now. */
gboolean         ferry_conn_poll_readable    (FerryConn *conn,
                                              guint      timeout_ms);

/* Returns bytes read, 0 at the end of the stream, -1 with @error. A TLS peer
 * that closed without close_notify also ends the stream; see was_clean. */
gssize           ferry_conn_recv             (FerryConn    *conn,
                                              void         *buffer,
                                              gsize         size,
                                              gint64        deadline,
                                              GCancellable *cancellable,
                                              GError      **error);
gboolean         ferry_conn_send_all         (FerryConn    *conn,
                                              const void   *buffer,
                                              gsize         size,
                                              gint64        deadline,
                                              GCancellable *cancellable,
                                              GError      **error);
/* One line without its "\r\n" into @line; FERRY_ERROR_PROTOCOL past @max_len,
 * FERRY_ERROR_CONNECTION_LOST at the end of the stream. */
gboolean         ferry_conn_read_line        (FerryConn    *conn,
                                              GString      *line,
                                              gsize         max_len,
                                              gint64        deadline,
                                              GCancellable *cancellable,
                                              GError      **error);
/* Lets GnuTLS process records that arrived (TLS 1.3 tickets) without waiting;
 * application data that comes with them is kept for the next read. */
void             ferry_conn_pump             (FerryConn *conn,
                                              guint      timeout_ms);
/* Whether the stream ended with a TLS close_notify (TRUE for plain TCP EOF). */
gboolean         ferry_conn_was_clean_close  (FerryConn *conn);

gint64           ferry_deadline_in           (guint timeout_ms);
/* The wait under ferry_conn_wait(), for raw sockets (a listening socket):
 * returns 1 when @fd is ready, 2 when @fd2 is, 3 for both; 0 with @error. */
guint            ferry_wait_fds              (int           fd,
                                              short         events,
                                              int           fd2,
                                              short         events2,
                                              gint64        deadline,
                                              GCancellable *cancellable,
                                              GError      **error);

G_END_DECLS
