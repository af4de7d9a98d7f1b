/* ferry-op-connect.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connecting: TCP, the security mode (detected under "auto"), TLS, judging
 * the certificate before anything is sent, logging in, FEAT, UTF8, PBSZ/PROT,
 * CCC and PWD. See ARCHITECTURE.md "Security model" and FTPS-NOTES.md.
 */
#define G_LOG_DOMAIN "ferry-op-connect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-session-private.h"
#include "ferry-tls.h"

/* How long auto-detection waits for a plaintext banner before it tries an
 * implicit TLS handshake (FTPS-NOTES.md: banners take 1–525 ms). */
#define BANNER_WAIT_MS 1500

static void
set_status_tls (FerrySessionShared *shared)
{
  gnutls_session_t tls = ferry_conn_get_tls (shared->control);
  FerrySecurityStatus *st = shared->status;

  g_mutex_lock (&shared->mutex);
  g_free (st->tls_version);
  g_free (st->cipher);
  g_free (st->key_exchange);
  g_free (st->mac);
  st->tls_version = ferry_tls_describe (tls, &st->cipher, &st->key_exchange, &st->mac);
  st->control = FERRY_CONTROL_CHANNEL_TLS;
  g_mutex_unlock (&shared->mutex);
}

/* A host name for SNI and the certificate check; NULL for IP literals (no SNI). */
static const char *
sni_name (const char *host)
{
  return g_hostname_is_ip_address (host) ? NULL : host;
}

static gboolean
is_mode_problem (const GError *error)
{
  return error->domain == FERRY_ERROR &&
         (error->code == FERRY_ERROR_TLS || error->code == FERRY_ERROR_TIMEOUT ||
          error->code == FERRY_ERROR_PROTOCOL || error->code == FERRY_ERROR_CONNECTION_LOST);
}

/* ---- the certificate ---- */

static GPtrArray *
peer_chain (gnutls_session_t tls)
{
  unsigned int n = 0;
  const gnutls_datum_t *certs = gnutls_certificate_get_peers (tls, &n);
  GPtrArray *chain = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (unsigned int i = 0; certs != NULL && i < n; i++)
    g_ptr_array_add (chain, g_bytes_new (certs[i].data, certs[i].size));
  return chain;
}

static gboolean
judge_certificate (FerrySessionShared *shared,
                   GCancellable       *cancellable,
                   GError            **error)
{
  const FerryEndpoint *ep = shared->endpoint;
  guint16 port = ferry_endpoint_get_effective_port (ep);
  g_autoptr (GPtrArray) chain = peer_chain (ferry_conn_get_tls (shared->control));
  g_autoptr (FerryCertificate) cert = NULL;
  g_autoptr (GPtrArray) pins = NULL;
  g_autoptr (GError) verify_error = NULL;
  FerryCertificateProblems problems;
  FerryCertificateTrust verified_by;
  FerryCertificateTrust trust;
  const char *sha256;

  if (chain->len == 0)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_TLS,
                           _("The server sent no certificate, so Ferry cannot tell who it is."));
      return FALSE;
    }
  cert = ferry_certificate_new_from_chain (chain, error);
  if (cert == NULL)
    return FALSE;
  problems = ferry_certificate_verify_full (cert, ep->host, ep->ca_file, NULL, &verified_by,
                                            &verify_error);
  if (verify_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&verify_error));
      return FALSE;
    }

  sha256 = ferry_certificate_get_sha256 (cert);
  shared->control_certificate_der = g_bytes_ref (ferry_certificate_get_der (cert));
  g_set_object (&shared->certificate, cert);
  shared->certificate_problems = problems;
  g_strfreev (shared->certificate_errors);
  shared->certificate_errors = ferry_certificate_describe_problems (cert, problems, ep->host);

  pins = ferry_known_servers_dup_pins (shared->known, ep->host, port);

  /* Who vouched, as the verification found it: a CA file given for the site does
   * not mean it was the CA file that vouched. */
  if (verified_by != FERRY_CERTIFICATE_TRUST_NONE)
    trust = verified_by;
  else if (ferry_known_servers_is_pinned (shared->known, ep->host, port, sha256))
    trust = FERRY_CERTIFICATE_TRUST_PINNED;
  else if (ferry_trust_once_has (ep->host, port, sha256))
    trust = FERRY_CERTIFICATE_TRUST_ONCE;
  else
    {
      gboolean changed = pins->len > 0;
      g_autofree char *message = NULL;
      g_autofree char *cipher = NULL;
      g_autofree char *kx = NULL;
      g_autofree char *mac = NULL;
      g_autofree char *version = NULL;
      FerryPrompt *prompt;
      FerryPromptAnswer answer;

      if (!ferry_prompt_slot_acquire (ep->host, port, cancellable))
        return !g_cancellable_set_error_if_cancelled (cancellable, error);

      /* Another session may have been answered while this one waited. */
      if (ferry_known_servers_is_pinned (shared->known, ep->host, port, sha256) ||
          ferry_trust_once_has (ep->host, port, sha256))
        {
          ferry_prompt_slot_release (ep->host, port);
          trust = ferry_known_servers_is_pinned (shared->known, ep->host, port, sha256)
                      ? FERRY_CERTIFICATE_TRUST_PINNED
                      : FERRY_CERTIFICATE_TRUST_ONCE;
          goto trusted;
        }

      if (changed)
        message = g_strdup_printf (_("The certificate of %s:%u has CHANGED since you chose to "
                                     "trust it. This can mean that someone is intercepting the "
                                     "connection, or that the server got a new certificate. "
                                     "Compare the fingerprints with the server's administrator "
                                     "before you accept."),
                                   ep->host, port);
      else
        message = g_strdup_printf (_("The certificate of %s:%u is not trusted: %s Check its "
                                     "fingerprint with the server's administrator before you "
                                     "accept it."),
                                   ep->host, port,
                                   shared->certificate_errors[0] ? shared->certificate_errors[0]
                                                                 : "");
      version = ferry_tls_describe (ferry_conn_get_tls (shared->control), &cipher, &kx, &mac);
      prompt = ferry_prompt_new (changed ? FERRY_PROMPT_CERTIFICATE_CHANGED
                                         : FERRY_PROMPT_CERTIFICATE,
                                 ep->host, port, message);
      ferry_prompt_set_certificate (prompt, cert, problems, shared->certificate_errors, version,
                                    cipher, kx, mac);
      if (changed)
        ferry_prompt_set_previous_pins (prompt, pins);

      answer = ferry_shared_ask (shared, prompt, cancellable);
      ferry_prompt_slot_release (ep->host, port);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      switch (answer)
        {
        case FERRY_PROMPT_ANSWER_ACCEPT_ONCE:
          ferry_trust_once_add (ep->host, port, sha256);
          trust = FERRY_CERTIFICATE_TRUST_ONCE;
          break;
        case FERRY_PROMPT_ANSWER_ACCEPT_ALWAYS:
          {
            g_autoptr (FerryPin) pin = ferry_pin_new (sha256);

            pin->subject = g_strdup (ferry_certificate_get_subject (cert));
            pin->issuer = g_strdup (ferry_certificate_get_issuer (cert));
            pin->not_before = g_date_time_to_unix (ferry_certificate_get_not_before (cert));
            pin->not_after = g_date_time_to_unix (ferry_certificate_get_not_after (cert));
            ferry_known_servers_add_pin (shared->known, ep->host, port, pin, TRUE);
            trust = FERRY_CERTIFICATE_TRUST_PINNED;
          }
          break;
        case FERRY_PROMPT_ANSWER_REJECT:
        default:
          {
            g_autofree char *formatted = ferry_fingerprint_format (sha256);
            g_autofree char *old = NULL;

            if (changed)
              {
                const FerryPin *pin = g_ptr_array_index (pins, pins->len - 1);

                old = ferry_fingerprint_format (pin->sha256);
                g_set_error (error, FERRY_ERROR, FERRY_ERROR_CERTIFICATE_CHANGED,
                             _("The certificate of %s:%u changed and was not accepted (new "
                               "SHA-256 fingerprint %s; the one you trusted was %s). Nothing "
                               "was sent to the server."),
                             ep->host, port, formatted, old);
                return FALSE;
              }
            g_set_error (error, FERRY_ERROR, FERRY_ERROR_CERTIFICATE_UNTRUSTED,
                         _("The certificate of %s:%u is not trusted and was not accepted "
                           "(SHA-256 fingerprint %s). Nothing was sent to the server."),
                         ep->host, port, formatted);
            return FALSE;
          }
        }
    }

trusted:
  g_mutex_lock (&shared->mutex);
  shared->status->trust = trust;
  g_set_object (&shared->status->certificate, cert);
  g_mutex_unlock (&shared->mutex);
  ferry_shared_log (shared, FERRY_LOG_STATUS, _("Certificate accepted (%s)."),
                    ferry_certificate_trust_to_string (trust));
  return TRUE;
}

static gboolean
start_control_tls (FerrySessionShared *shared,
                   GCancellable       *cancellable,
                   GError            **error)
{
  const FerryEndpoint *ep = shared->endpoint;

  ferry_shared_log (shared, FERRY_LOG_STATUS, _("Starting TLS…"));
  if (!ferry_conn_start_tls (shared->control, sni_name (ep->host), ep->min_tls, NULL, 0, NULL, NULL,
                             NULL, ferry_deadline_in (ferry_shared_reply_timeout (shared)),
                             cancellable, error))
    return FALSE;
  set_status_tls (shared);
  ferry_shared_log (shared, FERRY_LOG_STATUS, _("TLS is up: %s, %s."), shared->status->tls_version,
                    shared->status->cipher);
  return judge_certificate (shared, cancellable, error);
}

/* ---- the banner and AUTH ---- */

static gboolean
read_banner (FerrySessionShared *shared,
             FerryReply         *first,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr (FerryReply) reply = first;

  for (;;)
    {
      if (reply == NULL)
        reply = ferry_ctl_read_reply (shared, 0, cancellable, error);
      if (reply == NULL)
        return FALSE;
      if (reply->code == 120)
        {
          /* "Service ready in nnn minutes": the real greeting follows. */
          g_clear_pointer (&reply, ferry_reply_free);
          continue;
        }
      if (reply->code == 220)
        {
          g_free (shared->banner);
          shared->banner = g_strdup (reply->text);
          return TRUE;
        }
      ferry_set_error_from_reply (error, reply->code == 421 ? FERRY_ERROR_REMOTE : FERRY_ERROR_PROTOCOL,
                                  _("Connecting"), reply);
      return FALSE;
    }
}

static FerryReply *
try_auth (FerrySessionShared *shared,
          const char         *command,
          GCancellable       *cancellable,
          GError            **error)
{
  g_autofree char *line = g_strconcat ("AUTH ", command, NULL);

  return ferry_ctl_command (shared, line, cancellable, error);
}

static gboolean
ask_plain_fallback (FerrySessionShared *shared,
                    const FerryReply   *refusal,
                    GCancellable       *cancellable,
                    GError            **error)
{
  const FerryEndpoint *ep = shared->endpoint;
  guint16 port = ferry_endpoint_get_effective_port (ep);
  g_autoptr (GPtrArray) pins = ferry_known_servers_dup_pins (shared->known, ep->host, port);
  gboolean downgrade = pins->len > 0;
  g_autofree char *message = NULL;
  FerryPrompt *prompt;
  FerryPromptAnswer answer;

  if (ferry_plain_once_has (ep->host, port))
    return TRUE;

  if (!ferry_prompt_slot_acquire (ep->host, port, cancellable))
    return !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (ferry_plain_once_has (ep->host, port))
    {
      ferry_prompt_slot_release (ep->host, port);
      return TRUE;
    }

  message = g_strdup_printf (_("%s:%u does not offer encryption (it answered AUTH TLS with "
                               "“%u”). Log in with plain FTP? Your password and files would "
                               "cross the network in clear text.%s"),
                             ep->host, port, refusal->code,
                             downgrade ? _(" WARNING: this server had a trusted certificate "
                                           "before. Someone may be removing the encryption "
                                           "on purpose.")
                                       : "");
  prompt = ferry_prompt_new (FERRY_PROMPT_PLAIN_FALLBACK, ep->host, port, message);
  ferry_prompt_set_downgrade_warning (prompt, downgrade);
  answer = ferry_shared_ask (shared, prompt, cancellable);
  ferry_prompt_slot_release (ep->host, port);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (answer == FERRY_PROMPT_ANSWER_REJECT)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_PLAIN_DECLINED,
                   _("%s:%u does not offer encryption, and plain FTP was not accepted. Nothing "
                     "was sent."),
                   ep->host, port);
      return FALSE;
    }
  ferry_plain_once_add (ep->host, port);
  return TRUE;
}

/* After a plaintext 220 (read here when @banner is NULL): AUTH TLS, or AUTH
 * SSL, or what @mode says to do without TLS. */
static gboolean
explicit_handshake (FerrySessionShared *shared,
                    FerrySecurityMode   mode,
                    FerryReply         *banner,
                    GCancellable       *cancellable,
                    GError            **error)
{
  const FerryEndpoint *ep = shared->endpoint;
  g_autoptr (FerryReply) reply = NULL;

  if (!read_banner (shared, banner, cancellable, error))
    return FALSE;

  g_mutex_lock (&shared->mutex);
  shared->status->control = FERRY_CONTROL_CHANNEL_PLAIN;
  g_mutex_unlock (&shared->mutex);

  if (mode == FERRY_SECURITY_PLAIN)
    return TRUE;

  /* FEAT is not asked first: vsftpd does not list AUTH TLS in it although it
   * works (FTPS-NOTES.md). The answer to AUTH is what counts. */
  reply = try_auth (shared, "TLS", cancellable, error);
  if (reply == NULL)
    return FALSE;
  if (reply->code != 234)
    {
      g_autoptr (FerryReply) ssl = try_auth (shared, "SSL", cancellable, error);

      if (ssl == NULL)
        return FALSE;
      if (ssl->code == 234 || ssl->code == 334)
        {
          g_clear_pointer (&reply, ferry_reply_free);
          reply = g_steal_pointer (&ssl);
        }
    }

  if (reply->code == 234 || reply->code == 334)
    {
      g_autoptr (GError) tls_error = NULL;

      if (start_control_tls (shared, cancellable, &tls_error))
        return TRUE;
      /* The handshake's own words would suggest explicit FTPS, which this is. */
      if (g_error_matches (tls_error, FERRY_ERROR, FERRY_ERROR_TLS) && shared->control != NULL &&
          ferry_conn_first_bytes_look_like_ftp (shared->control))
        g_set_error (error, FERRY_ERROR, FERRY_ERROR_TLS,
                     _("%s:%u accepted AUTH TLS (“%u %s”) but then went on in plain text instead "
                       "of starting TLS, so Ferry did not send your user name or password. The "
                       "server is misconfigured, or something on the network is interfering "
                       "with the encryption."),
                     ep->host, ferry_endpoint_get_effective_port (ep), reply->code, reply->text);
      else
        g_propagate_error (error, g_steal_pointer (&tls_error));
      return FALSE;
    }

  switch (mode)
    {
    case FERRY_SECURITY_EXPLICIT_IF_AVAILABLE:
      if (!ask_plain_fallback (shared, reply, cancellable, error))
        return FALSE;
      ferry_shared_note (shared, _("The server does not offer TLS; you chose to continue with "
                                   "plain FTP."));
      return TRUE;
    case FERRY_SECURITY_AUTO:
    case FERRY_SECURITY_EXPLICIT:
    case FERRY_SECURITY_IMPLICIT:
    case FERRY_SECURITY_PLAIN:
    default:
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_NO_TLS,
                   _("%s:%u does not offer encryption (it answered AUTH TLS with “%u %s”), so "
                     "Ferry did not send your user name or password. If you trust every network "
                     "between you and this server, choose the security mode “plain” to connect "
                     "without encryption."),
                   ep->host, ferry_endpoint_get_effective_port (ep), reply->code, reply->text);
      return FALSE;
    }
}

static gboolean
open_control (FerrySessionShared *shared,
              GCancellable       *cancellable,
              GError            **error)
{
  const FerryEndpoint *ep = shared->endpoint;
  guint16 port = ferry_endpoint_get_effective_port (ep);

  ferry_shared_close (shared);
  ferry_shared_log (shared, FERRY_LOG_STATUS, _("Connecting to %s port %u…"), ep->host, port);
  shared->control = ferry_conn_connect (ep->host, port, ferry_shared_connect_timeout (shared),
                                        cancellable, error);
  if (shared->control == NULL)
    return FALSE;
  ferry_shared_log (shared, FERRY_LOG_STATUS, _("Connected to %s."),
                    ferry_conn_get_peer_address (shared->control));
  return TRUE;
}

static gboolean
connect_implicit (FerrySessionShared *shared,
                  gboolean            reuse_connection,
                  GCancellable       *cancellable,
                  GError            **error)
{
  if (!reuse_connection && !open_control (shared, cancellable, error))
    return FALSE;
  if (!start_control_tls (shared, cancellable, error))
    return FALSE;
  return read_banner (shared, NULL, cancellable, error);
}

static void
set_mode (FerrySessionShared *shared,
          FerrySecurityMode   mode,
          gboolean            detected,
          const char         *how)
{
  g_mutex_lock (&shared->mutex);
  shared->status->mode = mode;
  shared->status->mode_detected = detected;
  g_mutex_unlock (&shared->mutex);
  if (how != NULL)
    {
      g_free (shared->detection);
      shared->detection = g_strdup (how);
      ferry_shared_log (shared, FERRY_LOG_STATUS, "%s", how);
    }
}

/* "auto": find out whether the server speaks explicit or implicit FTPS. */
static gboolean
detect_and_connect (FerrySessionShared *shared,
                    GCancellable       *cancellable,
                    GError            **error)
{
  const FerryEndpoint *ep = shared->endpoint;
  guint16 port = ferry_endpoint_get_effective_port (ep);
  g_autoptr (GError) tls_error = NULL;
  g_autoptr (FerryReply) banner = NULL;

  if (port == 990)
    {
      if (connect_implicit (shared, FALSE, cancellable, &tls_error))
        {
          set_mode (shared, FERRY_SECURITY_IMPLICIT, TRUE,
                    _("Port 990 is the implicit FTPS port, and the server spoke TLS at once: "
                      "implicit FTPS."));
          return TRUE;
        }
      if (shared->control == NULL || g_error_matches (tls_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          (!ferry_conn_first_bytes_look_like_ftp (shared->control) && !is_mode_problem (tls_error)))
        {
          g_propagate_error (error, g_steal_pointer (&tls_error));
          return FALSE;
        }
      if (!open_control (shared, cancellable, error) ||
          !explicit_handshake (shared, FERRY_SECURITY_AUTO, NULL, cancellable, error))
        return FALSE;
      set_mode (shared, FERRY_SECURITY_EXPLICIT, TRUE,
                _("The server on port 990 greeted in plain text: explicit FTPS."));
      return TRUE;
    }

  if (!open_control (shared, cancellable, error))
    return FALSE;

  if (port == 21)
    {
      if (!explicit_handshake (shared, FERRY_SECURITY_AUTO, NULL, cancellable, error))
        return FALSE;
      set_mode (shared, FERRY_SECURITY_EXPLICIT, TRUE,
                _("Port 21 is the FTP port, and the server accepted AUTH TLS: explicit FTPS."));
      return TRUE;
    }

  if (ferry_conn_poll_readable (shared->control, BANNER_WAIT_MS))
    {
      g_autoptr (GError) parse_error = NULL;

      banner = ferry_ctl_read_reply (shared, 0, cancellable, &parse_error);
      if (banner != NULL)
        {
          if (!explicit_handshake (shared, FERRY_SECURITY_AUTO, g_steal_pointer (&banner),
                                   cancellable, error))
            return FALSE;
          set_mode (shared, FERRY_SECURITY_EXPLICIT, TRUE,
                    _("The server greeted in plain text and accepted AUTH TLS: explicit FTPS."));
          return TRUE;
        }
      if (g_error_matches (parse_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          !g_error_matches (parse_error, FERRY_ERROR, FERRY_ERROR_PROTOCOL))
        {
          g_propagate_error (error, g_steal_pointer (&parse_error));
          return FALSE;
        }
      ferry_shared_log (shared, FERRY_LOG_STATUS,
                        _("The server sent something that is not an FTP greeting; trying "
                          "implicit TLS."));
      if (!connect_implicit (shared, FALSE, cancellable, error))
        return FALSE;
      set_mode (shared, FERRY_SECURITY_IMPLICIT, TRUE,
                _("The server did not greet in plain text and spoke TLS: implicit FTPS."));
      return TRUE;
    }

  /* Silence: implicit servers wait for the client's handshake. */
  ferry_shared_log (shared, FERRY_LOG_STATUS,
                    _("No greeting within %.1f s; trying an implicit TLS handshake."),
                    BANNER_WAIT_MS / 1000.0);
  if (connect_implicit (shared, TRUE, cancellable, &tls_error))
    {
      set_mode (shared, FERRY_SECURITY_IMPLICIT, TRUE,
                _("The server stayed silent and answered a TLS handshake: implicit FTPS."));
      return TRUE;
    }
  if (g_error_matches (tls_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      !is_mode_problem (tls_error))
    {
      g_propagate_error (error, g_steal_pointer (&tls_error));
      return FALSE;
    }

  /* A plaintext greeting came late (servers that look up names first): this
   * is an explicit server. Start over on a fresh connection. */
  ferry_shared_log (shared, FERRY_LOG_STATUS,
                    shared->control != NULL && ferry_conn_first_bytes_look_like_ftp (shared->control)
                        ? _("The server greeted in plain text after all (a slow greeting); "
                            "reconnecting for explicit FTPS.")
                        : _("The TLS handshake failed; trying explicit FTPS."));
  if (!open_control (shared, cancellable, error))
    return FALSE;
  {
    g_autoptr (GError) explicit_error = NULL;

    if (!explicit_handshake (shared, FERRY_SECURITY_AUTO, NULL, cancellable, &explicit_error))
      {
        if (g_error_matches (explicit_error, FERRY_ERROR, FERRY_ERROR_TIMEOUT))
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_TLS,
                       _("The server neither greeted in plain text nor completed an implicit "
                         "TLS handshake (%s). Check the port, or choose the security mode "
                         "explicitly."),
                       tls_error->message);
        else
          g_propagate_error (error, g_steal_pointer (&explicit_error));
        return FALSE;
      }
  }
  set_mode (shared, FERRY_SECURITY_EXPLICIT, TRUE,
            _("The server's plain-text greeting was slow, and it accepted AUTH TLS: explicit "
              "FTPS."));
  return TRUE;
}

static gboolean
connect_with_mode (FerrySessionShared *shared,
                   FerrySecurityMode   mode,
                   GCancellable       *cancellable,
                   GError            **error)
{
  if (mode != FERRY_SECURITY_PLAIN)
    ferry_certificate_preload_system_trust ();
  switch (mode)
    {
    case FERRY_SECURITY_IMPLICIT:
      if (!connect_implicit (shared, FALSE, cancellable, error))
        return FALSE;
      break;
    case FERRY_SECURITY_EXPLICIT:
    case FERRY_SECURITY_EXPLICIT_IF_AVAILABLE:
    case FERRY_SECURITY_PLAIN:
      if (!open_control (shared, cancellable, error) ||
          !explicit_handshake (shared, mode, NULL, cancellable, error))
        return FALSE;
      break;
    case FERRY_SECURITY_AUTO:
    default:
      g_assert_not_reached ();
    }
  set_mode (shared,
            mode == FERRY_SECURITY_IMPLICIT ? FERRY_SECURITY_IMPLICIT
            : mode == FERRY_SECURITY_PLAIN  ? FERRY_SECURITY_PLAIN
                                            : FERRY_SECURITY_EXPLICIT,
            FALSE, NULL);
  return TRUE;
}

/* ---- after TLS: login and settings ---- */

static gboolean
login (FerrySessionShared *shared,
       GCancellable       *cancellable,
       GError            **error)
{
  const FerryEndpoint *ep = shared->endpoint;
  gboolean anonymous = ep->user == NULL || ep->user[0] == '\0' ||
                       g_ascii_strcasecmp (ep->user, "anonymous") == 0;
  g_autofree char *user_command = g_strdup_printf ("USER %s", anonymous ? "anonymous" : ep->user);
  g_autoptr (FerryReply) reply = NULL;
  gboolean encrypted = ferry_conn_get_tls (shared->control) != NULL;

  if (strpbrk (user_command, "\r\n") != NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("The user name contains a line break; remove it."));
      return FALSE;
    }

  reply = ferry_ctl_command (shared, user_command, cancellable, error);
  if (reply == NULL)
    return FALSE;

  g_mutex_lock (&shared->mutex);
  shared->status->credentials_encrypted = encrypted;
  g_mutex_unlock (&shared->mutex);

  if (reply->code == 331)
    {
      g_autofree char *password = NULL;
      g_autofree char *pass_command = NULL;

      g_mutex_lock (&shared->mutex);
      password = g_strdup (shared->password ? shared->password
                                            : (anonymous ? "anonymous@" : NULL));
      g_mutex_unlock (&shared->mutex);

      if (password == NULL)
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOGIN_FAILED,
                       _("The server asks for a password for “%s”, and none was given."),
                       ep->user);
          return FALSE;
        }
      if (strpbrk (password, "\r\n") != NULL)
        {
          explicit_bzero (password, strlen (password));
          g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                               _("The password contains a line break, which FTP cannot send."));
          return FALSE;
        }
      pass_command = g_strconcat ("PASS ", password, NULL);
      explicit_bzero (password, strlen (password));
      g_clear_pointer (&reply, ferry_reply_free);
      reply = ferry_ctl_command (shared, pass_command, cancellable, error);
      explicit_bzero (pass_command, strlen (pass_command));
      if (reply == NULL)
        return FALSE;
    }

  if (reply->code == 230 || reply->code == 202)
    return TRUE;
  if (reply->code == 332)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_LOGIN_FAILED,
                           _("The server asks for an account (ACCT) in addition to the password; "
                             "Ferry does not support that."));
      return FALSE;
    }
  if (reply->code == 530 || reply->code == 430)
    {
      g_autofree char *text = g_strjoinv (" ", reply->lines);

      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOGIN_FAILED,
                   _("The server refused the user name or password (“%s”). Check them and "
                     "try again."),
                   text);
      return FALSE;
    }
  if (reply->code == 534 || reply->code == 533)
    {
      ferry_set_error_from_reply (error, FERRY_ERROR_LOGIN_FAILED,
                                  _("Logging in (the server requires a TLS setting Ferry did not "
                                    "use)"),
                                  reply);
      return FALSE;
    }
  ferry_set_error_from_reply (error, FERRY_ERROR_LOGIN_FAILED, _("Logging in"), reply);
  return FALSE;
}

static gboolean
negotiate (FerrySessionShared *shared,
           GCancellable       *cancellable,
           GError            **error)
{
  const FerryEndpoint *ep = shared->endpoint;
  gboolean tls = ferry_conn_get_tls (shared->control) != NULL;
  gboolean clear = ep->data_protection == FERRY_DATA_PROTECTION_CLEAR;
  g_autoptr (FerryReply) reply = NULL;

  reply = ferry_ctl_command (shared, "FEAT", cancellable, error);
  if (reply == NULL)
    return FALSE;
  g_strfreev (shared->features);
  shared->features = ferry_feat_parse (reply);

  if (ferry_feat_has (shared->features, "UTF8") && ep->charset == NULL)
    {
      g_clear_pointer (&reply, ferry_reply_free);
      reply = ferry_ctl_command (shared, "OPTS UTF8 ON", cancellable, error);
      if (reply == NULL)
        return FALSE;
    }

  if (!tls)
    {
      g_mutex_lock (&shared->mutex);
      shared->status->data = FERRY_DATA_CHANNEL_CLEAR;
      g_mutex_unlock (&shared->mutex);
      return TRUE;
    }

  g_clear_pointer (&reply, ferry_reply_free);
  reply = ferry_ctl_command (shared, "PBSZ 0", cancellable, error);
  if (reply == NULL)
    return FALSE;
  if (ferry_reply_class (reply) != 2)
    {
      ferry_set_error_from_reply (error, FERRY_ERROR_PROTECTION_REFUSED,
                                  _("Setting up encrypted file transfers (PBSZ 0)"), reply);
      return FALSE;
    }

  g_clear_pointer (&reply, ferry_reply_free);
  reply = ferry_ctl_command (shared, clear ? "PROT C" : "PROT P", cancellable, error);
  if (reply == NULL)
    return FALSE;
  if (ferry_reply_class (reply) != 2)
    {
      g_autofree char *text = g_strjoinv (" ", reply->lines);

      if (clear)
        g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTECTION_REFUSED,
                     _("The server refused clear-text file transfers (PROT C: “%s”). It "
                       "requires encrypted transfers: set data protection to “private”."),
                     text);
      else
        g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTECTION_REFUSED,
                     _("The server refused to encrypt file transfers (PROT P: “%s”). Ferry "
                       "will not send files in clear text without your say: ask the server's "
                       "administrator, or set data protection to “clear” for this site."),
                     text);
      return FALSE;
    }
  g_mutex_lock (&shared->mutex);
  shared->status->data = clear ? FERRY_DATA_CHANNEL_CLEAR : FERRY_DATA_CHANNEL_PRIVATE;
  g_mutex_unlock (&shared->mutex);
  return TRUE;
}

static gboolean
clear_control_channel (FerrySessionShared *shared,
                       GCancellable       *cancellable,
                       GError            **error)
{
  gnutls_session_t tls = ferry_conn_get_tls (shared->control);
  g_autoptr (FerryReply) reply = NULL;
  int ret;

  /* Data connections still resume this session after CCC: keep its data. */
  ret = gnutls_session_get_data2 (tls, &shared->saved_session);
  if (ret < 0)
    shared->saved_session = (gnutls_datum_t) { NULL, 0 };

  reply = ferry_ctl_command (shared, "CCC", cancellable, error);
  if (reply == NULL)
    return FALSE;
  if (ferry_reply_class (reply) != 2)
    {
      ferry_shared_note (shared, _("The server refused CCC (%u %s); commands stay encrypted."),
                         reply->code, reply->text);
      return TRUE;
    }
  if (!ferry_conn_bye (shared->control, TRUE,
                       ferry_deadline_in (ferry_shared_reply_timeout (shared)), cancellable,
                       error))
    return FALSE;
  ferry_conn_drop_tls (shared->control);

  g_mutex_lock (&shared->mutex);
  shared->status->control = FERRY_CONTROL_CHANNEL_CLEARED;
  g_mutex_unlock (&shared->mutex);
  ferry_shared_note (shared, _("The control channel is in clear text after CCC: commands and "
                               "file names can be read on the network."));
  return TRUE;
}

static gboolean
read_working_directory (FerrySessionShared *shared,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr (FerryReply) reply = ferry_ctl_command (shared, "PWD", cancellable, error);
  g_autoptr (GError) parse_error = NULL;
  char *path = NULL;

  if (reply == NULL)
    return FALSE;
  if (reply->code == 257 && ferry_parse_pwd_reply (reply, &path, &parse_error))
    {
      g_mutex_lock (&shared->mutex);
      g_free (shared->working_directory);
      shared->working_directory = path;
      g_mutex_unlock (&shared->mutex);
    }
  else
    ferry_shared_log (shared, FERRY_LOG_WARNING, _("The server did not say which folder it "
                                                   "starts in."));
  return TRUE;
}

static gboolean
establish (FerrySessionShared *shared,
           GCancellable       *cancellable,
           GError            **error)
{
  const FerryEndpoint *ep = shared->endpoint;
  FerrySecurityMode mode = ep->security;

  if (mode != FERRY_SECURITY_AUTO)
    return connect_with_mode (shared, mode, cancellable, error);

  {
    guint16 port = ferry_endpoint_get_effective_port (ep);
    FerrySecurityMode remembered = ferry_known_servers_get_mode (shared->known, ep->host, port);
    g_autoptr (GError) local_error = NULL;

    if (remembered == FERRY_SECURITY_EXPLICIT || remembered == FERRY_SECURITY_IMPLICIT)
      {
        if (connect_with_mode (shared, remembered, cancellable, &local_error))
          {
            /* Translators: %s is “implicit FTPS” or “explicit FTPS”, translated on its own. */
            g_autofree char *how = g_strdup_printf (_("Using %s, detected on an earlier "
                                                      "connection."),
                                                    ferry_security_mode_for_people (remembered));

            set_mode (shared, remembered, TRUE, how);
            return TRUE;
          }
        if (!is_mode_problem (local_error) && !g_error_matches (local_error, FERRY_ERROR,
                                                                FERRY_ERROR_NO_TLS))
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return FALSE;
          }
        ferry_shared_log (shared, FERRY_LOG_STATUS,
                          _("The remembered mode did not work (%s); detecting again."),
                          local_error->message);
      }

    if (!detect_and_connect (shared, cancellable, error))
      return FALSE;
    ferry_known_servers_set_mode (shared->known, ep->host, port, shared->status->mode);
    return TRUE;
  }
}

static gboolean
connect_once (FerrySessionShared *shared,
              GCancellable       *cancellable,
              GError            **error)
{
  const FerryEndpoint *ep = shared->endpoint;

  return establish (shared, cancellable, error) && login (shared, cancellable, error) &&
         negotiate (shared, cancellable, error) &&
         (!ep->use_ccc || ferry_conn_get_tls (shared->control) == NULL ||
          clear_control_channel (shared, cancellable, error)) &&
         read_working_directory (shared, cancellable, error);
}

gboolean
ferry_op_connect (FerrySessionShared *shared,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autoptr (GError) local_error = NULL;

  shared->prompted = FALSE;
  if (!connect_once (shared, cancellable, &local_error) && shared->prompted &&
      local_error->domain == FERRY_ERROR &&
      (local_error->code == FERRY_ERROR_CONNECTION_LOST ||
       local_error->code == FERRY_ERROR_TIMEOUT))
    {
      /* The server gave up while the person decided; the answer is remembered now
       * (pinned or accepted once), so a fresh connection asks nothing. */
      ferry_shared_log (shared, FERRY_LOG_STATUS,
                        _("The server closed the connection while you decided (%s); "
                          "reconnecting with your answer."),
                        local_error->message);
      g_clear_error (&local_error);
      connect_once (shared, cancellable, &local_error);
    }

  if (local_error != NULL)
    {
      /* Keep what was learned (certificate, mode) for reports; drop the socket. */
      g_clear_pointer (&shared->control, ferry_conn_free);
      ferry_shared_set_connected (shared, FALSE);
      ferry_shared_security_changed (shared);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  ferry_shared_set_connected (shared, TRUE);
  ferry_shared_log (shared, FERRY_LOG_STATUS, _("Logged in."));
  ferry_shared_security_changed (shared);
  return TRUE;
}
