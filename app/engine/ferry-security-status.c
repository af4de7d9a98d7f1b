/* ferry-security-status.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-security-status"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-security-status.h"

G_DEFINE_BOXED_TYPE (FerrySecurityStatus, ferry_security_status,
                     ferry_security_status_copy, ferry_security_status_free)

FerrySecurityStatus *
ferry_security_status_new (void)
{
  return g_new0 (FerrySecurityStatus, 1);
}

FerrySecurityStatus *
ferry_security_status_copy (const FerrySecurityStatus *self)
{
  FerrySecurityStatus *copy = g_memdup2 (self, sizeof *self);

  copy->tls_version = g_strdup (self->tls_version);
  copy->cipher = g_strdup (self->cipher);
  copy->key_exchange = g_strdup (self->key_exchange);
  copy->mac = g_strdup (self->mac);
  copy->data_tls_version = g_strdup (self->data_tls_version);
  if (self->certificate)
    g_object_ref (self->certificate);
  copy->firewall = self->firewall ? ferry_firewall_copy (self->firewall) : NULL;
  return copy;
}

void
ferry_security_status_reset (FerrySecurityStatus *self)
{
  g_free (self->tls_version);
  g_free (self->cipher);
  g_free (self->key_exchange);
  g_free (self->mac);
  g_free (self->data_tls_version);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->firewall, ferry_firewall_free);
  memset (self, 0, sizeof *self);
}

void
ferry_security_status_free (FerrySecurityStatus *self)
{
  if (self == NULL)
    return;
  ferry_security_status_reset (self);
  g_free (self);
}

/* What the connection turned out to be: explicit, implicit or plain. */
static FerrySecurityMode
effective_mode (const FerrySecurityStatus *self)
{
  switch (self->mode)
    {
    case FERRY_SECURITY_IMPLICIT:
    case FERRY_SECURITY_PLAIN:
      return self->mode;
    case FERRY_SECURITY_AUTO:
    case FERRY_SECURITY_EXPLICIT:
    case FERRY_SECURITY_EXPLICIT_IF_AVAILABLE:
    default:
      return self->control == FERRY_CONTROL_CHANNEL_PLAIN ? FERRY_SECURITY_PLAIN
                                                          : FERRY_SECURITY_EXPLICIT;
    }
}

const char *
ferry_security_status_mode_name (const FerrySecurityStatus *self)
{
  return ferry_security_mode_to_string (effective_mode (self));
}

const char *
ferry_security_status_mode_for_people (const FerrySecurityStatus *self)
{
  return ferry_security_mode_for_people (effective_mode (self));
}

const char *
ferry_control_channel_to_string (FerryControlChannel channel)
{
  switch (channel)
    {
    case FERRY_CONTROL_CHANNEL_PLAIN:
      return "plain";
    case FERRY_CONTROL_CHANNEL_TLS:
      return "tls";
    case FERRY_CONTROL_CHANNEL_CLEARED:
      return "cleared";
    case FERRY_CONTROL_CHANNEL_NONE:
    default:
      return "none";
    }
}

const char *
ferry_data_channel_to_string (FerryDataChannel channel)
{
  switch (channel)
    {
    case FERRY_DATA_CHANNEL_PRIVATE:
      return "private";
    case FERRY_DATA_CHANNEL_CLEAR:
      return "clear";
    case FERRY_DATA_CHANNEL_NONE:
    default:
      return "none";
    }
}

const char *
ferry_resume_refusal_to_string (FerryResumeRefusal refusal)
{
  switch (refusal)
    {
    case FERRY_RESUME_REFUSAL_NO_TICKET:
      return "no-ticket";
    case FERRY_RESUME_REFUSAL_NO_SESSION:
      return "no-session";
    case FERRY_RESUME_REFUSAL_DECLINED:
      return "declined";
    case FERRY_RESUME_REFUSAL_NONE:
    default:
      return NULL;
    }
}

const char *
ferry_resume_refusal_for_people (FerryResumeRefusal refusal)
{
  switch (refusal)
    {
    case FERRY_RESUME_REFUSAL_NO_TICKET:
      /* Translators: why a data connection did not resume the control connection's TLS
       * session; it ends a sentence. */
      return _("the server issues no TLS 1.3 session tickets");
    case FERRY_RESUME_REFUSAL_NO_SESSION:
      return _("the server keeps no TLS sessions to resume");
    case FERRY_RESUME_REFUSAL_DECLINED:
      return _("the server declined the session Ferry offered");
    case FERRY_RESUME_REFUSAL_NONE:
    default:
      return NULL;
    }
}

/* Every statement about trust, one row per state. */
static const struct
{
  const char *name;
  gboolean verified;
  gboolean accepted;
  gboolean lasting;
  const char *sentence;
} trust_rows[] = {
  [FERRY_CERTIFICATE_TRUST_NONE] = {
    "none", FALSE, FALSE, FALSE,
    N_("There is no certificate: the connection is not encrypted.") },
  [FERRY_CERTIFICATE_TRUST_SYSTEM] = {
    "system", TRUE, TRUE, TRUE,
    N_("The server's certificate is trusted by your system's certificate authorities.") },
  [FERRY_CERTIFICATE_TRUST_CA_FILE] = {
    "ca-file", TRUE, TRUE, TRUE,
    N_("The server's certificate is signed by the certificate authority you gave for this "
       "site.") },
  [FERRY_CERTIFICATE_TRUST_PINNED] = {
    "pinned", FALSE, TRUE, TRUE,
    N_("The server's certificate is one you chose to always trust.") },
  [FERRY_CERTIFICATE_TRUST_ONCE] = {
    "once", FALSE, TRUE, FALSE,
    N_("You accepted the server's certificate for this session only.") },
  [FERRY_CERTIFICATE_TRUST_UNTRUSTED] = {
    "untrusted", FALSE, FALSE, FALSE,
    N_("The server's certificate was not accepted, so Ferry sent nothing more to the "
       "server.") },
};

static FerryCertificateTrust
valid_trust (FerryCertificateTrust trust)
{
  return (guint) trust < G_N_ELEMENTS (trust_rows) ? trust : FERRY_CERTIFICATE_TRUST_NONE;
}

const char *
ferry_certificate_trust_to_string (FerryCertificateTrust trust)
{
  return trust_rows[valid_trust (trust)].name;
}

FerryTrustStatement
ferry_security_status_get_trust (const FerrySecurityStatus *self)
{
  FerryCertificateTrust trust = valid_trust (self->trust);
  FerryTrustStatement statement;

  /* Encrypted, yet no certificate accepted (refused, none sent, a CA file that
   * could not be read): never "there is no certificate". */
  if (trust == FERRY_CERTIFICATE_TRUST_NONE
      && (self->control == FERRY_CONTROL_CHANNEL_TLS
          || self->control == FERRY_CONTROL_CHANNEL_CLEARED))
    trust = FERRY_CERTIFICATE_TRUST_UNTRUSTED;

  statement.trust = trust;
  statement.name = trust_rows[trust].name;
  statement.verified = trust_rows[trust].verified;
  statement.accepted = trust_rows[trust].accepted;
  statement.lasting = trust_rows[trust].lasting;
  statement.sentence = g_dgettext (GETTEXT_PACKAGE, trust_rows[trust].sentence);
  return statement;
}

char *
ferry_tls_version_for_people (const char *name)
{
  const char *digit;

  if (name == NULL)
    return NULL;
  /* "TLS1.3", "SSL3.0", "DTLS1.2": letters, then the number. */
  for (digit = name; g_ascii_isalpha (*digit); digit++)
    ;
  if (digit == name || !g_ascii_isdigit (*digit))
    return g_strdup (name);
  return g_strdup_printf ("%.*s %s", (int) (digit - name), name, digit);
}

char *
ferry_security_status_describe_control (const FerrySecurityStatus *self)
{
  switch (self->control)
    {
    case FERRY_CONTROL_CHANNEL_TLS:
      {
        g_autofree char *version = ferry_tls_version_for_people (self->tls_version);

        return g_strdup_printf (_("Commands and replies are encrypted (%s, %s)."),
                                version, self->cipher);
      }
    case FERRY_CONTROL_CHANNEL_CLEARED:
      return g_strdup (_("Commands are in clear text after CCC: file names and folder names "
                         "can be read on the network; your password was sent before that."));
    case FERRY_CONTROL_CHANNEL_PLAIN:
      return g_strdup (_("Commands and replies are in clear text: anyone on the network can "
                         "read them."));
    case FERRY_CONTROL_CHANNEL_NONE:
    default:
      return g_strdup (_("Not connected."));
    }
}

char *
ferry_security_status_describe_credentials (const FerrySecurityStatus *self)
{
  if (self->control == FERRY_CONTROL_CHANNEL_NONE)
    return g_strdup (_("Not logged in."));
  if (self->credentials_encrypted)
    {
      g_autofree char *version = ferry_tls_version_for_people (self->tls_version);

      return g_strdup_printf (_("Your password was sent encrypted (%s, %s)."),
                              version, self->cipher);
    }
  return g_strdup (_("Your user name and password were sent in clear text."));
}

char *
ferry_security_status_describe_data (const FerrySecurityStatus *self)
{
  switch (self->data)
    {
    case FERRY_DATA_CHANNEL_PRIVATE:
      if (self->data_connections == 0)
        return g_strdup (_("File transfers will be encrypted."));
      if (self->data_resumed == self->data_connections)
        return g_strdup (_("File transfers are encrypted with the same trusted session as "
                           "the commands."));
      if (self->data_resumed == 0 && self->data_refusal != FERRY_RESUME_REFUSAL_NONE)
        /* Translators: %s says why, e.g. "the server issues no TLS 1.3 session tickets". */
        return g_strdup_printf (_("File transfers are encrypted, each with a session of its own "
                                  "(%s); Ferry checks that they come from the same server "
                                  "certificate."),
                                ferry_resume_refusal_for_people (self->data_refusal));
      if (self->data_resumed == 0)
        return g_strdup (_("File transfers are encrypted, each with a session of its own; "
                           "Ferry checks that they come from the same server certificate."));
      return g_strdup_printf (_("File transfers are encrypted; %u of %u used the same trusted "
                                "session as the commands, the others a session of their own "
                                "from the same server certificate."),
                              self->data_resumed, self->data_connections);
    case FERRY_DATA_CHANNEL_CLEAR:
      return g_strdup (_("File transfers and listings are in clear text."));
    case FERRY_DATA_CHANNEL_NONE:
    default:
      return g_strdup (_("No file transfer yet."));
    }
}
