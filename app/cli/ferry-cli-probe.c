/* ferry-cli-probe.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `ferry-cli probe URL`: connect, log in, open protected data connections and
 * say in plain words (or JSON) what the server's FTPS setup is.
 */
#define G_LOG_DOMAIN "ferry-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "ferry-cli-common.h"
#include "ferry-cli-json.h"
#include "ferry-cli-probe.h"
#include "ferry-error.h"

typedef struct
{
  gboolean done;
  FerryProbeReport *report;
  GError *error;
} ProbeRun;

static void
probe_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ProbeRun *run = user_data;

  run->report = ferry_session_probe_finish (FERRY_SESSION (source), result, &run->error);
  run->done = TRUE;
}

static void
append_certificate (GString                 *out,
                    FerryCertificate        *cert,
                    char *const             *errors)
{
  g_autofree char *sha256 = ferry_fingerprint_format (ferry_certificate_get_sha256 (cert));
  g_autofree char *sha1 = ferry_fingerprint_format (ferry_certificate_get_sha1 (cert));
  g_autofree char *from = g_date_time_format (ferry_certificate_get_not_before (cert), "%F %T UTC");
  g_autofree char *until = g_date_time_format (ferry_certificate_get_not_after (cert), "%F %T UTC");
  const char *const *sans = ferry_certificate_get_subject_alt_names (cert);
  g_autofree char *san_text = sans ? g_strjoinv (", ", (char **) sans) : g_strdup ("");

  /* Facts and problems only: what the trust is, the report says once, above. */
  g_string_append (out, _("Certificate:\n"));
  g_string_append_printf (out, _("  Subject:    %s\n"), ferry_certificate_get_subject (cert));
  g_string_append_printf (out, _("  Issuer:     %s\n"), ferry_certificate_get_issuer (cert));
  g_string_append_printf (out, _("  Valid:      %s to %s\n"), from, until);
  g_string_append_printf (out, _("  Names:      %s\n"), san_text);
  g_string_append_printf (out, _("  Key:        %s %u bits, signed with %s\n"),
                          ferry_certificate_get_key_algorithm (cert),
                          ferry_certificate_get_key_bits (cert),
                          ferry_certificate_get_signature_algorithm (cert));
  g_string_append_printf (out, _("  Serial:     %s\n"), ferry_certificate_get_serial (cert));
  g_string_append_printf (out, _("  SHA-256:    %s\n"), sha256);
  g_string_append_printf (out, _("  SHA-1:      %s\n"), sha1);
  for (guint i = 0; errors != NULL && errors[i] != NULL; i++)
    g_string_append_printf (out, _("  Problem:    %s\n"), errors[i]);
}

/* The Firewall section: which ports must be open, and what got in the way. */
static void
append_firewall (GString             *out,
                 const FerryFirewall *fw)
{
  g_autofree char *ports = ferry_firewall_describe_ports (fw);
  g_autofree char *advice = ferry_firewall_advice (fw);
  g_auto (GStrv) findings = ferry_firewall_findings (fw);

  g_string_append (out, _("Firewall:\n"));
  g_string_append_printf (out, _("  Control:    TCP %u\n"), fw->control_port);
  g_string_append_printf (out, _("  Data:       %s\n"), ports);
  for (guint i = 0; findings[i] != NULL; i++)
    g_string_append_printf (out, _("  Finding:    %s\n"), findings[i]);
  g_string_append_printf (out, _("  Meaning:    %s\n"), advice);
}

char *
ferry_cli_probe_format (const FerryProbeReport *report)
{
  const FerrySecurityStatus *st = report->status;
  g_autofree char *summary = ferry_probe_report_summarize (report);
  GString *out = g_string_new (NULL);

  if (st->control != FERRY_CONTROL_CHANNEL_NONE)
    g_string_append_printf (out, "%s\n\n", summary);
  if (report->detection)
    g_string_append_printf (out, _("Mode:        %s\n"), report->detection);
  if (st->tls_version)
    g_string_append_printf (out, _("TLS:         %s, %s, key exchange %s, MAC %s\n"),
                            st->tls_version, st->cipher, st->key_exchange, st->mac);
  if (st->control != FERRY_CONTROL_CHANNEL_NONE)
    {
      g_autofree char *control = ferry_security_status_describe_control (st);
      g_autofree char *credentials = ferry_security_status_describe_credentials (st);
      g_autofree char *data = ferry_security_status_describe_data (st);
      FerryTrustStatement trust = ferry_security_status_get_trust (st);

      g_string_append_printf (out, _("Control:     %s\n"), control);
      if (report->logged_in)
        g_string_append_printf (out, _("Login:       %s\n"), credentials);
      g_string_append_printf (out, _("Data:        %s\n"), data);
      g_string_append_printf (out, _("Certificate: %s\n"), trust.sentence);
    }
  for (guint i = 0; i < report->data_connections->len; i++)
    {
      FerryProbeDataConnection *dc = g_ptr_array_index (report->data_connections, i);
      g_autofree char *resumption = NULL;

      if (dc->protected_ && dc->resumed)
        resumption = g_strdup (_(", resumed the control session"));
      else if (dc->protected_ && dc->refusal != FERRY_RESUME_REFUSAL_NONE)
        /* Translators: %s says why, e.g. "the server issues no TLS 1.3 session tickets". */
        resumption = g_strdup_printf (_(", did NOT resume the control session (%s)"),
                                      ferry_resume_refusal_for_people (dc->refusal));
      else if (dc->protected_)
        resumption = g_strdup (_(", did NOT resume the control session"));
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                           "Data connection %u: %s, %s%s, %u listing line\n",
                                           "Data connection %u: %s, %s%s, %u listing lines\n",
                                           dc->listing_lines), i + 1,
                              dc->address,
                              dc->protected_ ? (dc->tls_version ? dc->tls_version : "TLS")
                                             : _("clear text"),
                              resumption ? resumption : "", dc->listing_lines);
    }
  if (report->features != NULL && report->features[0] != NULL)
    {
      g_autofree char *features = g_strjoinv (", ", report->features);

      g_string_append_printf (out, _("Features:    %s\n"), features);
    }
  if (report->working_directory)
    g_string_append_printf (out, _("Folder:      %s\n"), report->working_directory);
  for (guint i = 0; i < report->notes->len; i++)
    g_string_append_printf (out, _("Note:        %s\n"),
                            (char *) g_ptr_array_index (report->notes, i));
  if (report->certificate != NULL)
    {
      g_string_append (out, "\n");
      append_certificate (out, report->certificate, report->certificate_errors);
    }
  if (st->firewall != NULL)
    {
      g_string_append (out, "\n");
      append_firewall (out, st->firewall);
    }
  return g_string_free (out, FALSE);
}

static void
print_report (const FerryProbeReport *report,
              const char             *target)
{
  g_autofree char *text = ferry_cli_probe_format (report);

  fputs (text, stdout);
  if (report->error != NULL)
    {
      printf ("\n");
      ferry_cli_print_error (report->error);
      if (g_error_matches (report->error, FERRY_ERROR, FERRY_ERROR_CERTIFICATE_UNTRUSTED) ||
          g_error_matches (report->error, FERRY_ERROR, FERRY_ERROR_CERTIFICATE_CHANGED))
        g_printerr (_("If you have checked the fingerprint with the server's administrator, "
                      "trust it with:\n  ferry-cli probe --trust-fingerprint %s %s\n"
                      "or give the certificate authority that signed it with --ca-file FILE.\n"),
                    report->certificate ? ferry_certificate_get_sha256 (report->certificate)
                                        : "SHA256",
                    target);
    }
}

int
ferry_cli_probe_main (int    argc,
                      char **argv)
{
  FerryCliOptions options = { 0 };
  int data_connections = 2;
  const GOptionEntry entries[] = {
    { "data-connections", 'n', 0, G_OPTION_ARG_INT, &data_connections,
      N_("Protected data connections to open (default 2, 0–50)"), "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (N_("URL — test a server's FTPS setup"));
  g_autoptr (GError) error = NULL;
  g_autoptr (FerryEndpoint) endpoint = NULL;
  g_autoptr (FerrySession) session = NULL;
  g_autoptr (FerryKnownServers) known = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = NULL;
  char *password = NULL;
  ProbeRun run = { 0 };
  int exit_code;

  g_option_context_set_summary (context,
                                N_("Connects, detects explicit or implicit FTPS, checks the "
                                   "certificate, logs in, opens protected data connections and "
                                   "reports what is encrypted.\nThe password comes from "
                                   "FERRY_PASSWORD or a prompt on the terminal."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, ferry_cli_options_group (&options));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr (_("ferry-cli probe: %s\nRun “ferry-cli probe --help” for the options.\n"),
                  error->message);
      ferry_cli_options_clear (&options);
      return FERRY_EXIT_USAGE;
    }
  if (argc > 2 || data_connections < 0 || data_connections > 50)
    {
      g_printerr (_("ferry-cli probe: give one server (and --data-connections 0–50).\n"));
      ferry_cli_options_clear (&options);
      return FERRY_EXIT_USAGE;
    }

  if (!ferry_cli_make_endpoint (&options, argc > 1 ? argv[1] : NULL, &endpoint, &path, &password,
                                &error) ||
      (password == NULL && !ferry_cli_get_password (endpoint, &password, &error)))
    {
      ferry_cli_print_error (error);
      exit_code = ferry_cli_exit_code_for_error (error);
      ferry_cli_options_clear (&options);
      return exit_code;
    }

  known = ferry_cli_known_servers ();
  session = ferry_session_new (endpoint, known);
  ferry_session_set_password (session, password);
  ferry_cli_wipe_password (password);
  ferry_cli_attach_session (G_OBJECT (session), &options);

  ferry_session_probe_async (session, data_connections, cancellable, probe_done_cb, &run);
  ferry_cli_run_until (&run.done, cancellable);

  if (run.report == NULL)
    {
      ferry_cli_print_error (run.error);
      exit_code = ferry_cli_exit_code_for_error (run.error);
      g_clear_error (&run.error);
      ferry_cli_options_clear (&options);
      return exit_code;
    }

  exit_code = ferry_cli_exit_code_for_error (run.report->error);
  if (options.json)
    {
      g_autoptr (JsonNode) node = ferry_cli_json_probe (run.report, exit_code);
      g_autofree char *text = ferry_cli_json_to_string (node);

      printf ("%s\n", text);
      if (run.report->error != NULL)
        ferry_cli_print_error (run.report->error);
    }
  else
    {
      g_autofree char *target = argc > 1 ? g_strdup (argv[1])
                                         : g_strdup_printf ("--site '%s'", options.site);

      print_report (run.report, target);
    }

  ferry_probe_report_free (run.report);
  ferry_cli_options_clear (&options);
  return exit_code;
}
