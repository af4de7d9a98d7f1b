/* ferry-data.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Data connections: EPSV (PASV as fallback), only ever to the control
 * connection's peer, TLS that resumes the control connection's session with
 * fresh session data each time, and the same certificate as the control
 * connection when it does not resume.
 */
#define G_LOG_DOMAIN "ferry-data"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ferry-error.h"
#include "ferry-session-private.h"
#include "ferry-tls.h"

typedef struct
{
  FerrySessionShared *shared;
  FerryReply *preliminary; /* the 1xx reply, once it came */
  GCancellable *cancellable;
} WatchData;

/* The Firewall facts (ferry-firewall.h): what this data connection showed.
 * @port is the passive port handed out, 0 for active mode; @opened whether
 * the connection opened, @error why not. */
static void
note_firewall (FerrySessionShared *shared,
               guint16             port,
               const char         *pasv_address,
               gboolean            opened,
               const GError       *error)
{
  FerryFirewall *fw = shared->firewall;

  g_mutex_lock (&shared->mutex);
  fw->control_port = ferry_endpoint_get_effective_port (shared->endpoint);
  fw->implicit = shared->status->mode == FERRY_SECURITY_IMPLICIT;
  fw->control_encrypted = shared->control != NULL && ferry_conn_get_tls (shared->control) != NULL;
  fw->ccc_offered = ferry_feat_has (shared->features, "CCC");
  if (shared->control != NULL)
    {
      g_free (fw->server_address);
      fw->server_address = g_strdup (ferry_conn_get_peer_address (shared->control));
    }
  if (pasv_address != NULL)
    {
      g_free (fw->pasv_address);
      fw->pasv_address = g_strdup (pasv_address);
    }
  if (port != 0)
    ferry_firewall_add_passive_port (fw, port);
  if (opened)
    {
      if (port != 0)
        fw->passive_connections++;
      else
        fw->active_connections++;
    }
  else if (port != 0 && error != NULL)
    {
      if (g_error_matches (error, FERRY_ERROR, FERRY_ERROR_TIMEOUT))
        fw->data_timeouts++;
      else
        fw->data_refused++;
      fw->failed_port = port;
    }
  g_mutex_unlock (&shared->mutex);
  ferry_shared_security_changed (shared);
}

static gboolean
is_resumption_refusal (const FerryReply *reply)
{
  g_autofree char *lower = g_ascii_strdown (reply->text, -1);

  return reply->code == 522 || strstr (lower, "reuse") != NULL ||
         strstr (lower, "resum") != NULL;
}

static void
set_error_from_data_reply (FerrySessionShared *shared,
                           const FerryReply   *reply,
                           gboolean            resumed,
                           const char         *doing,
                           GError            **error)
{
  const FerryEndpoint *ep = shared->endpoint;

  if (!resumed && ferry_conn_get_tls (shared->control) != NULL && is_resumption_refusal (reply))
    {
      g_autofree char *text = g_strjoinv (" ", reply->lines);

      ferry_known_servers_set_resumption (shared->known, ep->host,
                                          ferry_endpoint_get_effective_port (ep),
                                          FERRY_RESUMPTION_FAILS);
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_RESUMPTION_REQUIRED,
                   _("The server requires TLS session resumption on data connections, and this "
                     "one did not resume (“%s”). Reconnect; if it happens again, the server's "
                     "session tickets may have expired."),
                   text);
      ferry_error_set_reply_code (error, reply->code);
      return;
    }
  if (reply->code == 425)
    {
      g_autofree char *text = g_strjoinv (" ", reply->lines);

      g_set_error (error, FERRY_ERROR, FERRY_ERROR_DATA_CONNECTION,
                   _("The server could not open the data connection (“%s”). This is usually a "
                     "NAT or firewall setting on the server's side; try active mode, or ask the "
                     "server's administrator."),
                   text);
      ferry_error_set_reply_code (error, reply->code);
      return;
    }
  ferry_set_error_from_reply (error, FERRY_ERROR_REMOTE, doing, reply);
}

/* While the data handshake waits, the control connection may answer: a
 * 150 is noted, a refusal ends the handshake with the server's words. */
static gboolean
watch_control_cb (gpointer  user_data,
                  GError  **error)
{
  WatchData *watch = user_data;
  FerryReply *reply;

  if (watch->preliminary != NULL)
    {
      /* A second reply before the handshake ended: the final one. */
      g_autoptr (FerryReply) final = ferry_ctl_read_reply (watch->shared, 0, watch->cancellable,
                                                          error);

      if (final == NULL)
        return FALSE;
      set_error_from_data_reply (watch->shared, final, FALSE, _("Opening the data connection"),
                                 error);
      return FALSE;
    }

  reply = ferry_ctl_read_reply (watch->shared, 0, watch->cancellable, error);
  if (reply == NULL)
    return FALSE;
  if (ferry_reply_class (reply) == 1)
    {
      watch->preliminary = reply;
      return TRUE;
    }
  set_error_from_data_reply (watch->shared, reply, FALSE, _("Opening the data connection"), error);
  ferry_reply_free (reply);
  return FALSE;
}

/* Below 1024 are the ports of other services (25 mail, 22 SSH...), never a
 * passive data port: a server that names one points Ferry's data connection
 * at something else, so it is refused. */
#define FERRY_FIRST_DATA_PORT 1024

static gboolean
check_passive_port (FerrySessionShared *shared,
                    const char         *command,
                    guint16             port,
                    GError            **error)
{
  g_autofree char *message = NULL;

  if (port >= FERRY_FIRST_DATA_PORT)
    return TRUE;
  message = g_strdup_printf (_("The server's answer to %s names port %u, a privileged port used "
                               "by other services and never by FTP data connections; Ferry did "
                               "not connect to it. The server is misconfigured or hostile; try "
                               "active mode, or tell its administrator."),
                             command, (guint) port);
  ferry_shared_log (shared, FERRY_LOG_WARNING, "%s", message);
  g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_DATA_CONNECTION, message);
  return FALSE;
}

static gboolean
passive_address (FerrySessionShared *shared,
                 FerryDataInfo      *info,
                 char              **out_address,
                 guint16            *out_port,
                 GCancellable       *cancellable,
                 GError            **error)
{
  const char *peer = ferry_conn_get_peer_address (shared->control);
  g_autoptr (FerryReply) reply = NULL;
  g_autofree char *pasv_address = NULL;
  gboolean replaced = FALSE;

  if (!shared->epsv_refused)
    {
      reply = ferry_ctl_command (shared, "EPSV", cancellable, error);
      if (reply == NULL)
        return FALSE;
      if (reply->code == 229)
        {
          if (!ferry_parse_epsv_reply (reply, out_port, error) ||
              !check_passive_port (shared, "EPSV", *out_port, error))
            return FALSE;
          *out_address = g_strdup (peer);
          return TRUE;
        }
      if (ferry_reply_class (reply) != 5)
        {
          ferry_set_error_from_reply (error, FERRY_ERROR_DATA_CONNECTION,
                                      _("Asking for a passive data port (EPSV)"), reply);
          return FALSE;
        }
      shared->epsv_refused = TRUE;
      ferry_shared_log (shared, FERRY_LOG_STATUS,
                        _("The server does not support EPSV; using PASV."));
      g_clear_pointer (&reply, ferry_reply_free);
    }

  if (ferry_conn_is_ipv6 (shared->control))
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_DATA_CONNECTION,
                           _("The server refused EPSV, and PASV cannot work over IPv6. Connect "
                             "to the server's IPv4 address instead."));
      return FALSE;
    }

  reply = ferry_ctl_command (shared, "PASV", cancellable, error);
  if (reply == NULL)
    return FALSE;
  if (reply->code != 227)
    {
      ferry_set_error_from_reply (error, FERRY_ERROR_DATA_CONNECTION,
                                  _("Asking for a passive data port (PASV)"), reply);
      return FALSE;
    }
  if (!ferry_parse_pasv_reply (reply, &pasv_address, out_port, error) ||
      !check_passive_port (shared, "PASV", *out_port, error))
    return FALSE;

  *out_address = g_strdup (ferry_pasv_choose_address (pasv_address, peer, &replaced));
  if (replaced)
    {
      info->pasv_replaced = TRUE;
      note_firewall (shared, 0, pasv_address, FALSE, NULL);
      ferry_shared_note (shared, _("The server's passive reply named %s, which is not the "
                                   "server's address; Ferry connected to %s instead (the server "
                                   "is probably behind NAT)."),
                         pasv_address, *out_address);
    }
  return TRUE;
}

/* Fresh session data from the control connection (or the data kept across
 * CCC). On TLS 1.3 the tickets arrive after the handshake: if none has been
 * read yet, let GnuTLS read what is waiting on the control connection. */
/* The control connection's TLS session for a data connection to resume, in @out.
 * Returns NONE when there is one, else why not: no TLS 1.3 ticket came (Ferry reads
 * the control connection a little for one), or a TLS 1.2 server kept no session. */
static FerryResumeRefusal
resume_data (FerrySessionShared *shared,
             gnutls_datum_t     *out)
{
  gnutls_session_t tls = ferry_conn_get_tls (shared->control);
  /* The control connection's version, kept after CCC too (set by the worker, which
   * runs this). */
  FerryResumeRefusal missing = g_strcmp0 (shared->status->tls_version, "TLS1.3") == 0
                                   ? FERRY_RESUME_REFUSAL_NO_TICKET
                                   : FERRY_RESUME_REFUSAL_NO_SESSION;

  *out = (gnutls_datum_t) { NULL, 0 };
  if (tls == NULL)
    {
      if (shared->saved_session.size <= 4)
        return missing;
      out->data = gnutls_malloc (shared->saved_session.size);
      memcpy (out->data, shared->saved_session.data, shared->saved_session.size);
      out->size = shared->saved_session.size;
      return FERRY_RESUME_REFUSAL_NONE;
    }

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      if (gnutls_protocol_get_version (tls) != GNUTLS_TLS1_3 ||
          (gnutls_session_get_flags (tls) & GNUTLS_SFLAGS_SESSION_TICKET))
        {
          if (gnutls_session_get_data2 (tls, out) == 0 && out->size > 4)
            return FERRY_RESUME_REFUSAL_NONE;
          gnutls_free (out->data);
          *out = (gnutls_datum_t) { NULL, 0 };
        }
      ferry_conn_pump (shared->control, 200);
    }
  return missing;
}

static gboolean
same_certificate (FerrySessionShared *shared,
                  FerryConn          *data)
{
  unsigned int n = 0;
  const gnutls_datum_t *certs = gnutls_certificate_get_peers (ferry_conn_get_tls (data), &n);
  gsize size = 0;
  const guint8 *control = shared->control_certificate_der
                              ? g_bytes_get_data (shared->control_certificate_der, &size)
                              : NULL;

  return certs != NULL && n > 0 && control != NULL && certs[0].size == size &&
         memcmp (certs[0].data, control, size) == 0;
}

static FerryConn *
open_passive (FerrySessionShared *shared,
              FerryDataInfo      *info,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autofree char *address = NULL;
  guint16 port = 0;
  FerryConn *data;

  if (!passive_address (shared, info, &address, &port, cancellable, error))
    return NULL;

  g_free (info->address);
  info->address = strchr (address, ':') ? g_strdup_printf ("[%s]:%u", address, port)
                                        : g_strdup_printf ("%s:%u", address, port);
  data = ferry_conn_connect_address (address, port, ferry_shared_connect_timeout (shared),
                                     cancellable, error);
  if (data != NULL || error == NULL || *error == NULL ||
      !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    note_firewall (shared, port, NULL, data != NULL, error ? *error : NULL);
  if (data == NULL && error != NULL && *error != NULL && (*error)->domain == FERRY_ERROR)
    {
      g_autofree char *message = g_strdup ((*error)->message);

      g_clear_error (error);
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_DATA_CONNECTION,
                   _("Could not open the data connection to %s: %s"), info->address, message);
    }
  return data;
}

static gboolean
same_host (const char *a,
           const char *b)
{
  g_autoptr (GInetAddress) ia = g_inet_address_new_from_string (a);
  g_autoptr (GInetAddress) ib = g_inet_address_new_from_string (b);
  gboolean replaced = TRUE;

  if (ia != NULL && ib != NULL && g_inet_address_equal (ia, ib))
    return TRUE;
  /* ::ffff:a.b.c.d and a.b.c.d are one host. */
  ferry_pasv_choose_address (a, b, &replaced);
  return !replaced;
}

/* Active mode: Ferry listens, the server connects, Ferry stays the TLS client.
 * Only the control connection's peer may connect. The command is sent here. */
static FerryConn *
open_active (FerrySessionShared *shared,
             const char         *command,
             FerryDataInfo      *info,
             FerryReply        **out_preliminary,
             GCancellable       *cancellable,
             GError            **error)
{
  FerryConn *control = shared->control;
  g_autofree char *local = ferry_conn_dup_local_address (control);
  g_autoptr (GInetAddress) local_inet = local ? g_inet_address_new_from_string (local) : NULL;
  g_autoptr (GSocketAddress) bind_address = NULL;
  g_autoptr (FerryReply) reply = NULL;
  g_autofree char *port_command = NULL;
  struct sockaddr_storage storage;
  socklen_t len = sizeof storage;
  gboolean ipv6 = ferry_conn_is_ipv6 (control);
  gint64 deadline;
  guint16 port;
  int listener;

  if (local_inet == NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_DATA_CONNECTION,
                           _("Active mode needs the local address of the control connection, "
                             "which is not known."));
      return NULL;
    }
  bind_address = g_inet_socket_address_new (local_inet, 0);
  listener = socket (ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (listener < 0 ||
      !g_socket_address_to_native (bind_address, &storage, sizeof storage, NULL) ||
      bind (listener, (struct sockaddr *) &storage,
            g_socket_address_get_native_size (bind_address)) != 0 ||
      listen (listener, 1) != 0 ||
      getsockname (listener, (struct sockaddr *) &storage, &len) != 0)
    {
      int saved = errno;

      if (listener >= 0)
        close (listener);
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_DATA_CONNECTION,
                   _("Could not listen for an active-mode data connection: %s."),
                   g_strerror (saved));
      return NULL;
    }
  port = ntohs (ipv6 ? ((struct sockaddr_in6 *) &storage)->sin6_port
                     : ((struct sockaddr_in *) &storage)->sin_port);

  port_command = g_strdup_printf ("EPRT |%d|%s|%u|", ipv6 ? 2 : 1, local, port);
  reply = ferry_ctl_command (shared, port_command, cancellable, error);
  if (reply != NULL && ferry_reply_class (reply) != 2 && !ipv6)
    {
      g_auto (GStrv) octets = g_strsplit (local, ".", 4);

      g_clear_pointer (&reply, ferry_reply_free);
      g_free (port_command);
      port_command = g_strdup_printf ("PORT %s,%s,%s,%s,%u,%u", octets[0], octets[1], octets[2],
                                      octets[3], port >> 8, port & 0xff);
      reply = ferry_ctl_command (shared, port_command, cancellable, error);
    }
  if (reply == NULL || ferry_reply_class (reply) != 2)
    {
      if (reply != NULL)
        ferry_set_error_from_reply (error, FERRY_ERROR_DATA_CONNECTION,
                                    _("Asking the server to connect back (active mode)"), reply);
      close (listener);
      return NULL;
    }
  if (!ferry_ctl_send (shared, command, cancellable, error))
    {
      close (listener);
      return NULL;
    }

  g_free (info->address);
  info->address = ipv6 ? g_strdup_printf ("[%s]:%u", local, port)
                       : g_strdup_printf ("%s:%u", local, port);
  deadline = ferry_deadline_in (ferry_shared_connect_timeout (shared));
  for (;;)
    {
      guint ready = ferry_wait_fds (listener, POLLIN, ferry_conn_get_fd (control), POLLIN,
                                    deadline, cancellable, error);
      int fd;

      if (ready == 0)
        break;
      /* The connection first: vsftpd connects, then says 150, and one poll can
       * see both. */
      if (!(ready & 1))
        {
          g_autoptr (FerryReply) reply = ferry_ctl_read_reply (shared, 0, cancellable, error);

          if (reply == NULL)
            break;
          /* A 150 before the connection (some servers say it first): keep waiting. */
          if (ferry_reply_class (reply) == 1 && *out_preliminary == NULL)
            {
              *out_preliminary = g_steal_pointer (&reply);
              continue;
            }
          /* The server answered instead of connecting: it could not connect. */
          ferry_set_error_from_reply (error, FERRY_ERROR_DATA_CONNECTION,
                                      _("The server connecting back (active mode)"), reply);
          break;
        }
      fd = accept4 (listener, (struct sockaddr *) &storage, &len, SOCK_CLOEXEC | SOCK_NONBLOCK);
      if (fd >= 0)
        {
          FerryConn *data = ferry_conn_new_from_fd (fd);

          if (same_host (ferry_conn_get_peer_address (data),
                         ferry_conn_get_peer_address (control)))
            {
              close (listener);
              note_firewall (shared, 0, NULL, TRUE, NULL);
              return data;
            }
          ferry_shared_note (shared, _("Refused an active-mode data connection from %s: only the "
                                       "server (%s) may connect."),
                             ferry_conn_get_peer_address (data),
                             ferry_conn_get_peer_address (control));
          ferry_conn_free (data);
        }
      len = sizeof storage;
    }
  close (listener);
  if (error != NULL && *error != NULL && g_error_matches (*error, FERRY_ERROR, FERRY_ERROR_TIMEOUT))
    {
      g_clear_error (error);
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_DATA_CONNECTION,
                           _("The server did not connect back in active mode; a firewall or "
                             "NAT between you probably blocks it. Passive mode usually works "
                             "better."));
    }
  return NULL;
}

/* Passive (or active) as the endpoint says; when a data connection cannot be
 * opened, the other mode once, then for the rest of the session. */
static FerryConn *
open_data_connection (FerrySessionShared *shared,
                      const char         *command,
                      FerryDataInfo      *info,
                      FerryReply        **out_preliminary,
                      GCancellable       *cancellable,
                      GError            **error)
{
  gboolean active = (shared->endpoint->transfer_mode == FERRY_TRANSFER_MODE_ACTIVE) !=
                    shared->data_mode_flipped;

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr (GError) local_error = NULL;
      FerryConn *data;

      if (active)
        data = open_active (shared, command, info, out_preliminary, cancellable, &local_error);
      else
        {
          data = open_passive (shared, info, cancellable, &local_error);
          if (data != NULL && !ferry_ctl_send (shared, command, cancellable, &local_error))
            g_clear_pointer (&data, ferry_conn_free);
        }
      if (data != NULL)
        {
          info->active = active;
          return data;
        }
      g_clear_pointer (out_preliminary, ferry_reply_free);
      if (attempt == 1 || shared->control == NULL ||
          !g_error_matches (local_error, FERRY_ERROR, FERRY_ERROR_DATA_CONNECTION))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      ferry_shared_note (shared, active ? _("%s Trying passive mode instead.")
                                        : _("%s Trying active mode instead."),
                         local_error->message);
      shared->data_mode_flipped = !shared->data_mode_flipped;
      active = !active;
    }
  g_assert_not_reached ();
}

FerryConn *
ferry_data_open (FerrySessionShared *shared,
                 const char         *command,
                 FerryDataInfo      *info,
                 GCancellable       *cancellable,
                 GError            **error)
{
  const FerryEndpoint *ep = shared->endpoint;
  FerrySecurityStatus *st = shared->status;
  gboolean protected_ = st->data == FERRY_DATA_CHANNEL_PRIVATE;
  FerryConn *data;
  WatchData watch = { shared, NULL, cancellable };
  gnutls_datum_t session_data = { NULL, 0 };

  if (shared->control == NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED,
                           _("Not connected to the server."));
      return NULL;
    }

  data = open_data_connection (shared, command, info, &watch.preliminary, cancellable, error);
  if (data == NULL)
    return NULL;

  info->protected_ = protected_;
  if (protected_)
    {
      g_autofree char *server_name = g_hostname_is_ip_address (ep->host) ? NULL
                                                                         : g_strdup (ep->host);
      gnutls_session_t tls, control_tls;
      FerryResumeRefusal missing = resume_data (shared, &session_data);
      gboolean ok;

      if (missing != FERRY_RESUME_REFUSAL_NONE)
        /* Translators: %s says why, e.g. "the server issues no TLS 1.3 session tickets". */
        ferry_shared_log (shared, FERRY_LOG_WARNING,
                          _("No TLS session to resume (%s); the data connection will do a "
                            "full handshake."),
                          ferry_resume_refusal_for_people (missing));

      control_tls = ferry_conn_get_tls (shared->control);
      ok = ferry_conn_start_tls (data, server_name, ep->min_tls,
                                 session_data.size ? &session_data : NULL,
                                 control_tls ? gnutls_group_get (control_tls) : 0, shared->control,
                                 watch_control_cb, &watch,
                                 ferry_deadline_in (ferry_shared_reply_timeout (shared)),
                                 cancellable, error);
      gnutls_free (session_data.data);
      if (!ok)
        {
          /* The control connection usually says why (522 session reuse required). */
          if (error != NULL && *error != NULL && g_error_matches (*error, FERRY_ERROR, FERRY_ERROR_TLS) &&
              shared->control != NULL)
            {
              g_autoptr (GError) reply_error = NULL;
              g_autoptr (FerryReply) reply = NULL;

              if (watch.preliminary == NULL)
                reply = ferry_ctl_read_reply (shared, 3000, cancellable, &reply_error);
              if (reply != NULL && ferry_reply_class (reply) == 1)
                {
                  g_clear_pointer (&reply, ferry_reply_free);
                  reply = ferry_ctl_read_reply (shared, 3000, cancellable, &reply_error);
                }
              if (reply != NULL && ferry_reply_class (reply) >= 4)
                {
                  g_clear_error (error);
                  set_error_from_data_reply (shared, reply, FALSE, _("Opening the data connection"),
                                             error);
                }
            }
          goto fail;
        }

      tls = ferry_conn_get_tls (data);
      info->resumed = gnutls_session_is_resumed (tls) != 0;
      info->refusal = info->resumed ? FERRY_RESUME_REFUSAL_NONE
                      : missing != FERRY_RESUME_REFUSAL_NONE ? missing
                                                             : FERRY_RESUME_REFUSAL_DECLINED;
      info->tls_version = g_strdup (gnutls_protocol_get_name (gnutls_protocol_get_version (tls)));
      if (!info->resumed && !same_certificate (shared, data))
        {
          g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_CERTIFICATE_MISMATCH,
                               _("The data connection presented a different certificate than "
                                 "the control connection and did not resume its TLS session. "
                                 "Someone may have taken over the data connection; Ferry closed "
                                 "it."));
          goto fail;
        }
      if (info->resumed)
        ferry_shared_log (shared, FERRY_LOG_STATUS, _("Data connection: %s, resumed the control "
                                                      "session."), info->tls_version);
      else
        /* Translators: %s is a TLS version, then why, e.g. "the server issues no TLS 1.3
         * session tickets". */
        ferry_shared_log (shared, FERRY_LOG_STATUS, _("Data connection: %s, did not resume the "
                                                      "control session (%s)."),
                          info->tls_version, ferry_resume_refusal_for_people (info->refusal));
      /* Written once: rewriting the known-servers file (lock, load, save, fsync)
       * on every data connection cost 17 M instructions a file and made
       * parallel sessions queue for the file's lock. */
      if (info->resumed &&
          ferry_known_servers_get_resumption (shared->known, ep->host,
                                              ferry_endpoint_get_effective_port (ep)) !=
            FERRY_RESUMPTION_WORKS)
        ferry_known_servers_set_resumption (shared->known, ep->host,
                                            ferry_endpoint_get_effective_port (ep),
                                            FERRY_RESUMPTION_WORKS);

      g_mutex_lock (&shared->mutex);
      st->data_connections++;
      if (info->resumed)
        st->data_resumed++;
      st->last_data_resumed = info->resumed;
      if (!info->resumed)
        st->data_refusal = info->refusal;
      g_free (st->data_tls_version);
      st->data_tls_version = g_strdup (info->tls_version);
      g_mutex_unlock (&shared->mutex);
    }

  if (watch.preliminary == NULL)
    {
      watch.preliminary = ferry_ctl_read_reply (shared, 0, cancellable, error);
      if (watch.preliminary == NULL)
        goto fail;
      if (ferry_reply_class (watch.preliminary) != 1)
        {
          set_error_from_data_reply (shared, watch.preliminary, info->resumed, command, error);
          goto fail;
        }
    }
  g_clear_pointer (&watch.preliminary, ferry_reply_free);
  ferry_shared_security_changed (shared);
  return data;

fail:
  g_clear_pointer (&watch.preliminary, ferry_reply_free);
  ferry_conn_free (data);
  /* Replies to the failed command may still be on their way: read them, so
   * that the next command gets its own reply. */
  while (shared->control != NULL && ferry_conn_poll_readable (shared->control, 500))
    {
      g_autoptr (FerryReply) late = ferry_ctl_read_reply (shared, 2000, NULL, NULL);

      if (late == NULL)
        break;
    }
  return NULL;
}

gboolean
ferry_data_finish (FerrySessionShared *shared,
                   FerryDataInfo      *info,
                   const char         *doing,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr (FerryReply) reply = ferry_ctl_read_reply (shared, 0, cancellable, error);

  if (reply == NULL)
    return FALSE;
  if (ferry_reply_class (reply) != 2)
    {
      set_error_from_data_reply (shared, reply, info->resumed, doing, error);
      return FALSE;
    }
  return TRUE;
}

void
ferry_data_abort (FerrySessionShared *shared,
                  FerryConn          *data)
{
  gint64 deadline = ferry_deadline_in (3000);

  /* The data connection first: a server blocked writing to it reads ABOR. */
  ferry_conn_free (data);
  if (shared->control == NULL)
    return;

  /* 426 (transfer aborted) then 226, or just 226/225; but a transfer that
   * ended as ABOR went out has its own 226 first, then the 225 of the ABOR.
   * How many replies come is not known: a NOOP after the ABOR marks the end
   * (its 200), so that the next command does not read a stale reply. */
  if (ferry_ctl_send_expecting (shared, "ABOR", NULL, NULL) &&
      ferry_ctl_send_expecting (shared, "NOOP", NULL, NULL))
    {
      for (guint i = 0; i < 5; i++)
        {
          gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
          g_autoptr (FerryReply) reply = NULL;

          if (left <= 0)
            break;
          reply = ferry_ctl_read_reply (shared, (guint) left, NULL, NULL);
          if (reply == NULL)
            break;
          if (reply->code == 200)
            return;
        }
    }
  ferry_shared_log (shared, FERRY_LOG_STATUS,
                    _("The server did not confirm the abort in time; Ferry will reconnect for "
                      "the next command."));
  ferry_shared_drop_control (shared);
}

gboolean
ferry_data_close_upload (FerrySessionShared *shared,
                         FerryConn          *data,
                         GCancellable       *cancellable,
                         GError            **error)
{
  gint64 deadline = ferry_deadline_in (ferry_shared_reply_timeout (shared));
  char sink[4096];
  gboolean ok = TRUE;

  if (ferry_conn_get_tls (data) != NULL)
    ok = ferry_conn_bye (data, FALSE, deadline, cancellable, error);
  else
    ferry_conn_shutdown_write (data);

  /* Read until the server closes: TLS 1.3 servers send tickets on the data
   * connection, and unread bytes make the kernel answer with a reset. */
  while (ok)
    {
      gssize n = ferry_conn_recv (data, sink, sizeof sink, deadline, cancellable, error);

      if (n < 0)
        ok = FALSE;
      else if (n == 0)
        break;
    }
  ferry_conn_free (data);
  return ok;
}
