/* ferry-probe-report.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-probe-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ferry-probe-report.h"

G_DEFINE_BOXED_TYPE (FerryProbeReport, ferry_probe_report,
                     ferry_probe_report_copy, ferry_probe_report_free)

static void
data_connection_free (gpointer data)
{
  FerryProbeDataConnection *dc = data;

  g_free (dc->tls_version);
  g_free (dc->address);
  g_free (dc);
}

static gpointer
data_connection_copy (gconstpointer src,
                      gpointer      user_data)
{
  FerryProbeDataConnection *dc = g_memdup2 (src, sizeof *dc);

  dc->tls_version = g_strdup (dc->tls_version);
  dc->address = g_strdup (dc->address);
  return dc;
}

static gpointer
string_copy (gconstpointer src,
             gpointer      user_data)
{
  return g_strdup (src);
}

FerryProbeReport *
ferry_probe_report_new (void)
{
  FerryProbeReport *self = g_new0 (FerryProbeReport, 1);

  self->status = ferry_security_status_new ();
  self->features = g_new0 (char *, 1);
  self->certificate_errors = g_new0 (char *, 1);
  self->data_connections = g_ptr_array_new_with_free_func (data_connection_free);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  return self;
}

FerryProbeReport *
ferry_probe_report_copy (const FerryProbeReport *self)
{
  FerryProbeReport *copy = g_memdup2 (self, sizeof *self);

  copy->host = g_strdup (self->host);
  copy->status = ferry_security_status_copy (self->status);
  copy->detection = g_strdup (self->detection);
  copy->banner = g_strdup (self->banner);
  copy->features = g_strdupv (self->features);
  copy->working_directory = g_strdup (self->working_directory);
  if (self->certificate)
    g_object_ref (self->certificate);
  copy->certificate_errors = g_strdupv (self->certificate_errors);
  copy->data_connections = g_ptr_array_copy (self->data_connections, data_connection_copy, NULL);
  g_ptr_array_set_free_func (copy->data_connections, data_connection_free);
  copy->notes = g_ptr_array_copy (self->notes, string_copy, NULL);
  g_ptr_array_set_free_func (copy->notes, g_free);
  copy->error = self->error ? g_error_copy (self->error) : NULL;
  return copy;
}

void
ferry_probe_report_free (FerryProbeReport *self)
{
  if (self == NULL)
    return;
  g_free (self->host);
  ferry_security_status_free (self->status);
  g_free (self->detection);
  g_free (self->banner);
  g_strfreev (self->features);
  g_free (self->working_directory);
  g_clear_object (&self->certificate);
  g_strfreev (self->certificate_errors);
  g_ptr_array_unref (self->data_connections);
  g_ptr_array_unref (self->notes);
  g_clear_error (&self->error);
  g_free (self);
}

gboolean
ferry_probe_report_all_resumed (const FerryProbeReport *self)
{
  guint protected_count = 0;

  for (guint i = 0; i < self->data_connections->len; i++)
    {
      FerryProbeDataConnection *dc = g_ptr_array_index (self->data_connections, i);

      if (!dc->protected_)
        continue;
      protected_count++;
      if (!dc->resumed)
        return FALSE;
    }
  return protected_count > 0;
}

char *
ferry_probe_report_summarize (const FerryProbeReport *self)
{
  const FerrySecurityStatus *st = self->status;
  GString *out = g_string_new (NULL);

  if (st->control == FERRY_CONTROL_CHANNEL_NONE)
    {
      g_string_append (out, _("Ferry could not log in to the server."));
      return g_string_free (out, FALSE);
    }

  if (st->control == FERRY_CONTROL_CHANNEL_PLAIN)
    g_string_append (out, _("The server speaks plain FTP without encryption"));
  else
    /* Translators: %s is “explicit FTPS” or “implicit FTPS”, translated on its own. */
    g_string_append_printf (out, _("The server speaks %s"),
                            ferry_security_status_mode_for_people (st));
  if (st->mode_detected)
    /* Translators: follows “The server speaks explicit FTPS”. */
    g_string_append (out, _(" (detected)"));

  if (!self->logged_in)
    {
      g_string_append (out, _("; Ferry did not log in."));
      return g_string_free (out, FALSE);
    }

  if (st->credentials_encrypted)
    g_string_append (out, _("; your password was sent encrypted"));
  else
    g_string_append (out, _("; your password was sent in clear text"));

  if (st->data == FERRY_DATA_CHANNEL_PRIVATE)
    {
      if (self->data_connections->len == 0)
        g_string_append (out, _("; file transfers will be encrypted"));
      else if (ferry_probe_report_all_resumed (self))
        g_string_append (out, _("; file transfers are encrypted and resume the control session"));
      else if (st->data_refusal != FERRY_RESUME_REFUSAL_NONE)
        /* Translators: %s says why, e.g. "the server issues no TLS 1.3 session tickets". */
        g_string_append_printf (out, _("; file transfers are encrypted but do not resume the "
                                       "control session (%s)"),
                                ferry_resume_refusal_for_people (st->data_refusal));
      else
        g_string_append (out, _("; file transfers are encrypted but do not resume the control "
                                "session"));
    }
  else if (st->data == FERRY_DATA_CHANNEL_CLEAR)
    g_string_append (out, _("; file transfers are in clear text"));

  if (st->control == FERRY_CONTROL_CHANNEL_CLEARED)
    g_string_append (out, _("; commands are in clear text after CCC"));
  g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}
