/* ferry-conn.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-conn"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ferry-conn.h"
#include "ferry-error.h"
#include "ferry-tls.h"

#define READ_BUFFER_SIZE 32768

struct _FerryConn
{
  int fd;
  gnutls_session_t tls;
  char *peer_address;
  gboolean ipv6;

  /* Bytes read but not yet consumed: [rpos, rlen). */
  char *rbuf;
  gsize rpos;
  gsize rlen;

  gboolean eof;
  gboolean clean_close;

  /* The first bytes the peer sent after TLS started, to tell a plaintext FTP
   * reply from a TLS record when a handshake fails. */
  guchar first_bytes[4];
  guint n_first_bytes;
};

gint64
ferry_deadline_in (guint timeout_ms)
{
  return g_get_monotonic_time () + (gint64) timeout_ms * 1000;
}

static int
remaining_ms (gint64 deadline)
{
  gint64 left;

  if (deadline <= 0)
    return -1;
  left = deadline - g_get_monotonic_time ();
  if (left <= 0)
    return 0;
  return (int) MIN ((left + 999) / 1000, G_MAXINT);
}

/* The cancellable a worker thread last waited with, and its file descriptor.
 * g_cancellable_make_pollfd() makes an eventfd and release_fd() closes it,
 * both under one process-wide lock: per wait that was four system calls and
 * a lock the sessions fought over, several times per file. A thread now keeps
 * the fd of its cancellable until it waits with another one, or ends. */
typedef struct
{
  GCancellable *cancellable;
  GPollFD fd;
} HeldCancellable;

static void
held_cancellable_free (gpointer data)
{
  HeldCancellable *held = data;

  if (held->cancellable != NULL)
    {
      g_cancellable_release_fd (held->cancellable);
      g_object_unref (held->cancellable);
    }
  g_free (held);
}

static GPrivate held_cancellable = G_PRIVATE_INIT (held_cancellable_free);

static gboolean
cancellable_pollfd (GCancellable *cancellable,
                    GPollFD      *out)
{
  HeldCancellable *held;

  if (cancellable == NULL)
    return FALSE;
  held = g_private_get (&held_cancellable);
  if (held == NULL)
    {
      held = g_new0 (HeldCancellable, 1);
      g_private_set (&held_cancellable, held);
    }
  if (held->cancellable != cancellable)
    {
      if (held->cancellable != NULL)
        {
          g_cancellable_release_fd (held->cancellable);
          g_clear_object (&held->cancellable);
        }
      if (!g_cancellable_make_pollfd (cancellable, &held->fd))
        return FALSE;
      held->cancellable = g_object_ref (cancellable);
    }
  *out = held->fd;
  return TRUE;
}

/* Polls @fd (and @fd2 unless -1) with the cancellable until the deadline.
 * Returns a bit set: 1 for @fd ready, 2 for @fd2 ready; 0 with @error set. */
guint
ferry_wait_fds (int           fd,
          short         events,
          int           fd2,
          short         events2,
          gint64        deadline,
          GCancellable *cancellable,
          GError      **error)
{
  for (;;)
    {
      struct pollfd pfds[3];
      GPollFD cancel_fd;
      gboolean have_cancel;
      nfds_t n = 0;
      int timeout = remaining_ms (deadline);
      int r;
      guint ready = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return 0;
      if (timeout == 0)
        {
          g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_TIMEOUT,
                               _("The server did not answer in time."));
          return 0;
        }

      pfds[n++] = (struct pollfd) { .fd = fd, .events = events };
      if (fd2 >= 0)
        pfds[n++] = (struct pollfd) { .fd = fd2, .events = events2 };
      have_cancel = cancellable_pollfd (cancellable, &cancel_fd);
      if (have_cancel)
        pfds[n++] = (struct pollfd) { .fd = cancel_fd.fd, .events = POLLIN };

      r = poll (pfds, n, timeout);

      if (r < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_FAILED,
                       _("Waiting for the network failed: %s."), g_strerror (saved));
          return 0;
        }
      if (pfds[0].revents != 0)
        ready |= 1;
      if (fd2 >= 0 && pfds[1].revents != 0)
        ready |= 2;
      if (ready != 0)
        return ready;
    }
}

/* ---- transport functions for GnuTLS on a non-blocking socket ---- */

static ssize_t
conn_pull (gnutls_transport_ptr_t ptr,
           void                  *data,
           size_t                 size)
{
  FerryConn *conn = ptr;
  ssize_t n;

  do
    n = recv (conn->fd, data, size, 0);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    {
      gnutls_transport_set_errno (conn->tls, errno);
      return -1;
    }
  for (ssize_t i = 0; i < n && conn->n_first_bytes < sizeof conn->first_bytes; i++)
    conn->first_bytes[conn->n_first_bytes++] = ((guchar *) data)[i];
  return n;
}

static ssize_t
conn_push (gnutls_transport_ptr_t ptr,
           const void            *data,
           size_t                 size)
{
  FerryConn *conn = ptr;
  ssize_t n;

  do
    n = send (conn->fd, data, size, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    gnutls_transport_set_errno (conn->tls, errno);
  return n;
}

static int
conn_pull_timeout (gnutls_transport_ptr_t ptr,
                   unsigned int           ms)
{
  FerryConn *conn = ptr;
  struct pollfd pfd = { .fd = conn->fd, .events = POLLIN };
  int r;

  do
    r = poll (&pfd, 1, ms == GNUTLS_INDEFINITE_TIMEOUT ? -1 : (int) ms);
  while (r < 0 && errno == EINTR);
  return r;
}

/* ---- connecting ---- */

FerryConn *
ferry_conn_new_from_fd (int fd)
{
  FerryConn *conn = g_new0 (FerryConn, 1);
  struct sockaddr_storage storage;
  socklen_t len = sizeof storage;
  int one = 1;

  conn->fd = fd;
  conn->rbuf = g_malloc (READ_BUFFER_SIZE);
  /* TLS 1.3 sends Finished in a separate small write: without TCP_NODELAY it
   * waits for a delayed ACK, 40 ms on every data connection. */
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  setsockopt (fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
  /* Keep-alive probes early enough that NAT boxes keep an idle control
   * connection open during long transfers. */
  {
    int idle = 60, interval = 15, count = 4;

    setsockopt (fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    setsockopt (fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
    setsockopt (fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
  }

  if (getpeername (fd, (struct sockaddr *) &storage, &len) == 0)
    {
      g_autoptr (GSocketAddress) address = g_socket_address_new_from_native (&storage, len);

      if (G_IS_INET_SOCKET_ADDRESS (address))
        {
          GInetAddress *inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));

          conn->peer_address = g_inet_address_to_string (inet);
          conn->ipv6 = g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6;
        }
    }
  if (conn->peer_address == NULL)
    conn->peer_address = g_strdup ("");
  return conn;
}

static int
connect_one (GInetAddress  *address,
             guint16        port,
             guint          timeout_ms,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr (GSocketAddress) socket_address = g_inet_socket_address_new (address, port);
  struct sockaddr_storage storage;
  gsize len = g_socket_address_get_native_size (socket_address);
  g_autofree char *text = g_inet_address_to_string (address);
  int family = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET;
  int so_error = 0;
  socklen_t so_len = sizeof so_error;
  int fd;

  if (!g_socket_address_to_native (socket_address, &storage, sizeof storage, error))
    return -1;

  fd = socket (family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, FERRY_ERROR, FERRY_ERROR_CONNECT, _("Could not create a socket: %s."),
                   g_strerror (saved));
      return -1;
    }

  if (connect (fd, (struct sockaddr *) &storage, len) < 0 && errno != EINPROGRESS)
    so_error = errno;
  else if (!ferry_wait_fds (fd, POLLOUT, -1, 0, ferry_deadline_in (timeout_ms), cancellable, error))
    {
      close (fd);
      if (error && *error && g_error_matches (*error, FERRY_ERROR, FERRY_ERROR_TIMEOUT))
        {
          g_clear_error (error);
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_TIMEOUT,
                       _("No answer from %s port %u within %u seconds. Check the host name and "
                         "port, and that no firewall drops the connection."),
                       text, port, (timeout_ms + 999) / 1000);
        }
      return -1;
    }
  else if (getsockopt (fd, SOL_SOCKET, SO_ERROR, &so_error, &so_len) < 0)
    so_error = errno;

  if (so_error != 0)
    {
      close (fd);
      if (so_error == ECONNREFUSED)
        g_set_error (error, FERRY_ERROR, FERRY_ERROR_CONNECT,
                     _("%s refused the connection on port %u. Check the port number and that the "
                       "FTP server is running."),
                     text, port);
      else
        g_set_error (error, FERRY_ERROR, FERRY_ERROR_CONNECT,
                     _("Could not connect to %s port %u: %s."), text, port, g_strerror (so_error));
      return -1;
    }
  return fd;
}

FerryConn *
ferry_conn_connect_address (const char   *address,
                            guint16       port,
                            guint         timeout_ms,
                            GCancellable *cancellable,
                            GError      **error)
{
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (address);
  int fd;

  if (inet == NULL)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address."), address);
      return NULL;
    }
  fd = connect_one (inet, port, timeout_ms, cancellable, error);
  return fd < 0 ? NULL : ferry_conn_new_from_fd (fd);
}

FerryConn *
ferry_conn_connect (const char   *host,
                    guint16       port,
                    guint         timeout_ms,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_autoptr (GResolver) resolver = g_resolver_get_default ();
  g_autoptr (GError) local_error = NULL;
  GList *addresses;
  int fd = -1;

  addresses = g_resolver_lookup_by_name (resolver, host, cancellable, &local_error);
  if (addresses == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, FERRY_ERROR, FERRY_ERROR_RESOLVE,
                     _("Could not find the server “%s”: %s. Check the host name."),
                     host, local_error->message);
      return NULL;
    }

  for (GList *l = addresses; l != NULL && fd < 0; l = l->next)
    {
      g_clear_error (&local_error);
      fd = connect_one (l->data, port, timeout_ms, cancellable, &local_error);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        break;
    }
  g_resolver_free_addresses (addresses);

  if (fd < 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return ferry_conn_new_from_fd (fd);
}

void
ferry_conn_free (FerryConn *conn)
{
  if (conn == NULL)
    return;
  if (conn->tls != NULL)
    gnutls_deinit (conn->tls);
  if (conn->fd >= 0)
    close (conn->fd);
  g_free (conn->peer_address);
  g_free (conn->rbuf);
  g_free (conn);
}

int
ferry_conn_get_fd (FerryConn *conn)
{
  return conn->fd;
}

const char *
ferry_conn_get_peer_address (FerryConn *conn)
{
  return conn->peer_address;
}

gboolean
ferry_conn_is_ipv6 (FerryConn *conn)
{
  return conn->ipv6;
}

char *
ferry_conn_dup_local_address (FerryConn *conn)
{
  struct sockaddr_storage storage;
  socklen_t len = sizeof storage;
  g_autoptr (GSocketAddress) address = NULL;

  if (getsockname (conn->fd, (struct sockaddr *) &storage, &len) != 0)
    return NULL;
  address = g_socket_address_new_from_native (&storage, len);
  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return NULL;
  return g_inet_address_to_string (g_inet_socket_address_get_address (
      G_INET_SOCKET_ADDRESS (address)));
}

void
ferry_conn_shutdown_write (FerryConn *conn)
{
  shutdown (conn->fd, SHUT_WR);
}

gnutls_session_t
ferry_conn_get_tls (FerryConn *conn)
{
  return conn->tls;
}

gboolean
ferry_conn_was_clean_close (FerryConn *conn)
{
  return conn->clean_close;
}

gboolean
ferry_conn_first_bytes_look_like_ftp (FerryConn *conn)
{
  return conn->n_first_bytes >= 4 && g_ascii_isdigit (conn->first_bytes[0]) &&
         g_ascii_isdigit (conn->first_bytes[1]) && g_ascii_isdigit (conn->first_bytes[2]) &&
         (conn->first_bytes[3] == ' ' || conn->first_bytes[3] == '-');
}

/* ---- waiting ---- */

static gboolean
has_buffered (FerryConn *conn)
{
  return conn->rlen > conn->rpos ||
         (conn->tls != NULL && gnutls_record_check_pending (conn->tls) > 0);
}

gboolean
ferry_conn_wait (FerryConn    *conn,
                 GIOCondition  events,
                 gint64        deadline,
                 GCancellable *cancellable,
                 GError      **error)
{
  short poll_events = 0;

  if ((events & G_IO_IN) && has_buffered (conn))
    return TRUE;
  if (events & G_IO_IN)
    poll_events |= POLLIN;
  if (events & G_IO_OUT)
    poll_events |= POLLOUT;
  return ferry_wait_fds (conn->fd, poll_events, -1, 0, deadline, cancellable, error) != 0;
}

gboolean
ferry_conn_poll_readable (FerryConn *conn,
                          guint      timeout_ms)
{
  struct pollfd pfd = { .fd = conn->fd, .events = POLLIN };
  int r;

  if (has_buffered (conn))
    return TRUE;
  do
    r = poll (&pfd, 1, (int) timeout_ms);
  while (r < 0 && errno == EINTR);
  return r > 0;
}

static GIOCondition
tls_direction (FerryConn *conn)
{
  return gnutls_record_get_direction (conn->tls) ? G_IO_OUT : G_IO_IN;
}

/* ---- TLS ---- */

gboolean
ferry_conn_start_tls (FerryConn            *conn,
                      const char           *server_name,
                      FerryTlsVersion       min_version,
                      const gnutls_datum_t *resume_data,
                      gnutls_group_t        group,
                      FerryConn            *watch,
                      FerryConnWatchFunc    watch_func,
                      gpointer              watch_data,
                      gint64                deadline,
                      GCancellable         *cancellable,
                      GError              **error)
{
  gnutls_session_t session;
  const char *error_pos = NULL;
  const char *group_name = group != 0 ? gnutls_group_get_name (group) : NULL;
  g_autofree char *priority = NULL;
  int ret;

  g_return_val_if_fail (conn->tls == NULL, FALSE);

  /* The agreed group first, and the one key share GNUTLS_KEY_SHARE_TOP makes:
   * each data connection otherwise computed two (SECP256R1 and X25519): 8 % of
   * ferry-cli's instructions on small files from vsftpd (callgrind). Any other
   * group is still offered, should a server want one (a HelloRetryRequest). */
  if (group_name != NULL)
    priority = g_strdup_printf ("%s:-GROUP-ALL:+GROUP-%s:+GROUP-ALL",
                                ferry_tls_priority (min_version), group_name);
  ret = gnutls_init (&session, GNUTLS_CLIENT | GNUTLS_NONBLOCK | GNUTLS_NO_SIGNAL |
                                   (priority != NULL ? GNUTLS_KEY_SHARE_TOP : 0));
  if (ret < 0)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_TLS, _("TLS could not start: %s."),
                   ferry_tls_strerror (ret));
      return FALSE;
    }
  conn->tls = session;
  conn->n_first_bytes = 0;

  ret = gnutls_priority_set_direct (session, priority ? priority : ferry_tls_priority (min_version),
                                    &error_pos);
  if (ret >= 0)
    ret = gnutls_credentials_set (session, GNUTLS_CRD_CERTIFICATE, ferry_tls_get_credentials ());
  if (ret >= 0 && server_name != NULL)
    ret = gnutls_server_name_set (session, GNUTLS_NAME_DNS, server_name, strlen (server_name));
  if (ret >= 0 && resume_data != NULL && resume_data->size > 0)
    ret = gnutls_session_set_data (session, resume_data->data, resume_data->size);
  if (ret < 0)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_TLS, _("TLS could not be set up: %s."),
                   ferry_tls_strerror (ret));
      return FALSE;
    }

  gnutls_transport_set_ptr (session, conn);
  gnutls_transport_set_push_function (session, conn_push);
  gnutls_transport_set_pull_function (session, conn_pull);
  gnutls_transport_set_pull_timeout_function (session, conn_pull_timeout);

  for (;;)
    {
      guint ready;

      ret = gnutls_handshake (session);
      if (ret == GNUTLS_E_SUCCESS)
        break;
      if (ret != GNUTLS_E_AGAIN && ret != GNUTLS_E_INTERRUPTED)
        {
          if (gnutls_error_is_fatal (ret) == 0)
            continue;
          g_autofree char *message = ferry_tls_explain_error (ret);

          g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_TLS, message);
          return FALSE;
        }

      ready = ferry_wait_fds (conn->fd, tls_direction (conn) == G_IO_OUT ? POLLOUT : POLLIN,
                        watch ? watch->fd : -1, POLLIN, deadline, cancellable, error);
      if (ready == 0)
        {
          if (error && *error && g_error_matches (*error, FERRY_ERROR, FERRY_ERROR_TIMEOUT))
            {
              g_clear_error (error);
              g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_TIMEOUT,
                                   _("The TLS handshake did not finish in time: the server "
                                     "stopped answering."));
            }
          return FALSE;
        }
      if ((ready & 2) && watch_func != NULL && !watch_func (watch_data, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ferry_conn_bye (FerryConn    *conn,
                gboolean      wait_for_peer,
                gint64        deadline,
                GCancellable *cancellable,
                GError      **error)
{
  int ret;

  if (conn->tls == NULL)
    return TRUE;

  for (;;)
    {
      ret = gnutls_bye (conn->tls, wait_for_peer ? GNUTLS_SHUT_RDWR : GNUTLS_SHUT_WR);
      if (ret == GNUTLS_E_SUCCESS)
        return TRUE;
      if (ret != GNUTLS_E_AGAIN && ret != GNUTLS_E_INTERRUPTED)
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_TLS,
                       _("The TLS connection could not be closed cleanly: %s."),
                       ferry_tls_strerror (ret));
          return FALSE;
        }
      if (!ferry_wait_fds (conn->fd, tls_direction (conn) == G_IO_OUT ? POLLOUT : POLLIN, -1, 0,
                     deadline, cancellable, error))
        return FALSE;
    }
}

void
ferry_conn_drop_tls (FerryConn *conn)
{
  g_clear_pointer (&conn->tls, gnutls_deinit);
}

/* ---- reading and writing ---- */

/* Reads from the socket or TLS into @buffer, without Ferry's own buffer. */
static gssize
recv_raw (FerryConn    *conn,
          void         *buffer,
          gsize         size,
          gint64        deadline,
          GCancellable *cancellable,
          GError      **error)
{
  if (conn->eof)
    return 0;

  for (;;)
    {
      GIOCondition direction = G_IO_IN;

      if (conn->tls != NULL)
        {
          ssize_t n = gnutls_record_recv (conn->tls, buffer, size);

          if (n > 0)
            return n;
          if (n == 0)
            {
              conn->eof = TRUE;
              conn->clean_close = TRUE;
              return 0;
            }
          if (n == GNUTLS_E_PREMATURE_TERMINATION)
            {
              /* Closed without close_notify: the caller judges by size. */
              conn->eof = TRUE;
              conn->clean_close = FALSE;
              return 0;
            }
          if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
            direction = tls_direction (conn);
          else if (n == GNUTLS_E_REHANDSHAKE || gnutls_error_is_fatal (n) == 0)
            continue;
          else
            {
              g_set_error (error, FERRY_ERROR, FERRY_ERROR_CONNECTION_LOST,
                           _("The encrypted connection broke: %s."), ferry_tls_strerror (n));
              return -1;
            }
        }
      else
        {
          ssize_t n = recv (conn->fd, buffer, size, 0);

          if (n > 0)
            return n;
          if (n == 0)
            {
              conn->eof = TRUE;
              conn->clean_close = TRUE;
              return 0;
            }
          if (errno == EINTR)
            continue;
          if (errno != EAGAIN && errno != EWOULDBLOCK)
            {
              int saved = errno;

              g_set_error (error, FERRY_ERROR, FERRY_ERROR_CONNECTION_LOST,
                           _("The connection broke: %s."), g_strerror (saved));
              return -1;
            }
        }

      if (direction == G_IO_IN && conn->tls != NULL && gnutls_record_check_pending (conn->tls) > 0)
        continue;
      if (!ferry_wait_fds (conn->fd, direction == G_IO_OUT ? POLLOUT : POLLIN, -1, 0, deadline,
                     cancellable, error))
        return -1;
    }
}

gssize
ferry_conn_recv (FerryConn    *conn,
                 void         *buffer,
                 gsize         size,
                 gint64        deadline,
                 GCancellable *cancellable,
                 GError      **error)
{
  if (conn->rlen > conn->rpos)
    {
      gsize n = MIN (size, conn->rlen - conn->rpos);

      memcpy (buffer, conn->rbuf + conn->rpos, n);
      conn->rpos += n;
      return n;
    }
  return recv_raw (conn, buffer, size, deadline, cancellable, error);
}

gboolean
ferry_conn_send_all (FerryConn    *conn,
                     const void   *buffer,
                     gsize         size,
                     gint64        deadline,
                     GCancellable *cancellable,
                     GError      **error)
{
  gsize done = 0;

  while (done < size)
    {
      GIOCondition direction = G_IO_OUT;
      ssize_t n;

      if (conn->tls != NULL)
        {
          n = gnutls_record_send (conn->tls, (const char *) buffer + done, size - done);
          if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
            direction = tls_direction (conn);
          else if (n < 0)
            {
              g_set_error (error, FERRY_ERROR, FERRY_ERROR_CONNECTION_LOST,
                           _("The encrypted connection broke while sending: %s."),
                           ferry_tls_strerror (n));
              return FALSE;
            }
        }
      else
        {
          n = send (conn->fd, (const char *) buffer + done, size - done, MSG_NOSIGNAL);
          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            {
              int saved = errno;

              g_set_error (error, FERRY_ERROR, FERRY_ERROR_CONNECTION_LOST,
                           _("The connection broke while sending: %s."), g_strerror (saved));
              return FALSE;
            }
        }

      if (n > 0)
        {
          done += n;
          continue;
        }
      if (!ferry_wait_fds (conn->fd, direction == G_IO_OUT ? POLLOUT : POLLIN, -1, 0, deadline,
                     cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static void
compact (FerryConn *conn)
{
  if (conn->rpos == 0)
    return;
  memmove (conn->rbuf, conn->rbuf + conn->rpos, conn->rlen - conn->rpos);
  conn->rlen -= conn->rpos;
  conn->rpos = 0;
}

gboolean
ferry_conn_read_line (FerryConn    *conn,
                      GString      *line,
                      gsize         max_len,
                      gint64        deadline,
                      GCancellable *cancellable,
                      GError      **error)
{
  gsize scanned = 0;

  g_string_truncate (line, 0);
  for (;;)
    {
      char *start = conn->rbuf + conn->rpos;
      gsize avail = conn->rlen - conn->rpos;
      char *nl = memchr (start + scanned, '\n', avail - scanned);
      gssize n;

      if (nl != NULL)
        {
          gsize len = nl - start;

          if (len > max_len + 1)
            break;
          g_string_append_len (line, start, len);
          if (line->len > 0 && line->str[line->len - 1] == '\r')
            g_string_truncate (line, line->len - 1);
          conn->rpos += len + 1;
          return TRUE;
        }
      scanned = avail;
      if (avail > max_len + 1)
        break;

      compact (conn);
      if (conn->rlen == READ_BUFFER_SIZE)
        break;
      n = recv_raw (conn, conn->rbuf + conn->rlen, READ_BUFFER_SIZE - conn->rlen, deadline,
                    cancellable, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_CONNECTION_LOST,
                               _("The server closed the connection."));
          return FALSE;
        }
      conn->rlen += n;
    }

  g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
               _("The server sent a line longer than %zu bytes; that is not FTP."),
               max_len);
  return FALSE;
}

void
ferry_conn_pump (FerryConn *conn,
                 guint      timeout_ms)
{
  if (conn->tls == NULL || conn->eof)
    return;

  compact (conn);
  while (conn->rlen < READ_BUFFER_SIZE && ferry_conn_poll_readable (conn, timeout_ms))
    {
      ssize_t n = gnutls_record_recv (conn->tls, conn->rbuf + conn->rlen,
                                      READ_BUFFER_SIZE - conn->rlen);

      if (n > 0)
        conn->rlen += n;
      else if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
        {
          /* A ticket or other handshake message was processed. */
          if (gnutls_record_check_pending (conn->tls) == 0)
            timeout_ms = 0;
        }
      else
        break;
      if (conn->rlen > conn->rpos)
        break;
    }
}
