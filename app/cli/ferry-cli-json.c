/* ferry-cli-json.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ferry-cli's JSON output: one object per run, keys documented in README.md.
 */
#define G_LOG_DOMAIN "ferry-cli"

#include "config.h"

#include "ferry-cli-common.h"
#include "ferry-cli-json.h"

static void
add_strv (JsonBuilder       *builder,
          const char        *name,
          const char *const *strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          GDateTime   *date)
{
  g_autofree char *text = date ? g_date_time_format_iso8601 (date) : NULL;

  add_string (builder, name, text);
}

/* @trust: (nullable): what to say about trust, for the server's certificate;
 * NULL for the rest of the chain. */
static void
build_certificate (JsonBuilder               *builder,
                   FerryCertificate          *cert,
                   FerryCertificateProblems   problems,
                   char                     **errors,
                   const FerryTrustStatement *trust)
{
  g_auto (GStrv) problem_names = ferry_certificate_problems_to_strv (problems);

  json_builder_begin_object (builder);
  add_string (builder, "sha256", ferry_certificate_get_sha256 (cert));
  add_string (builder, "sha1", ferry_certificate_get_sha1 (cert));
  add_string (builder, "subject", ferry_certificate_get_subject (cert));
  add_string (builder, "issuer", ferry_certificate_get_issuer (cert));
  add_date (builder, "not_before", ferry_certificate_get_not_before (cert));
  add_date (builder, "not_after", ferry_certificate_get_not_after (cert));
  add_string (builder, "serial", ferry_certificate_get_serial (cert));
  add_strv (builder, "subject_alt_names", ferry_certificate_get_subject_alt_names (cert));
  add_string (builder, "key_algorithm", ferry_certificate_get_key_algorithm (cert));
  add_int (builder, "key_bits", ferry_certificate_get_key_bits (cert));
  add_string (builder, "signature_algorithm", ferry_certificate_get_signature_algorithm (cert));
  add_bool (builder, "self_signed", ferry_certificate_is_self_signed (cert));
  if (trust != NULL)
    {
      add_bool (builder, "verified", trust->verified);
      add_string (builder, "trust", trust->name);
      add_string (builder, "trust_description", trust->sentence);
      add_strv (builder, "problems", (const char *const *) problem_names);
      add_strv (builder, "errors", (const char *const *) errors);
      json_builder_set_member_name (builder, "chain");
      json_builder_begin_array (builder);
      for (FerryCertificate *c = ferry_certificate_get_issuer_certificate (cert); c != NULL;
           c = ferry_certificate_get_issuer_certificate (c))
        build_certificate (builder, c, 0, NULL, NULL);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

/* The "firewall" object (README.md, ferry-cli probe --json). */
static void
build_firewall (JsonBuilder         *builder,
                const FerryFirewall *fw)
{
  g_autofree char *advice = ferry_firewall_advice (fw);
  g_autofree char *ports_sentence = ferry_firewall_describe_ports (fw);
  g_auto (GStrv) findings = ferry_firewall_findings (fw);
  guint16 min, max;

  json_builder_begin_object (builder);
  add_int (builder, "control_port", fw->control_port);
  add_bool (builder, "implicit", fw->implicit);
  json_builder_set_member_name (builder, "passive_ports");
  json_builder_begin_array (builder);
  for (guint i = 0; i < fw->passive_ports->len; i++)
    json_builder_add_int_value (builder, g_array_index (fw->passive_ports, guint16, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "passive_range");
  if (ferry_firewall_get_range (fw, &min, &max))
    {
      json_builder_begin_object (builder);
      add_int (builder, "min", min);
      add_int (builder, "max", max);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  add_int (builder, "passive_connections", fw->passive_connections);
  add_int (builder, "active_connections", fw->active_connections);
  add_string (builder, "server_address", fw->server_address);
  add_string (builder, "pasv_address", fw->pasv_address);
  add_bool (builder, "nat_worked_around", fw->pasv_address != NULL);
  add_int (builder, "data_timeouts", fw->data_timeouts);
  add_int (builder, "data_refused", fw->data_refused);
  add_bool (builder, "blocked", ferry_firewall_blocked (fw));
  json_builder_set_member_name (builder, "failed_port");
  if (ferry_firewall_blocked (fw))
    json_builder_add_int_value (builder, fw->failed_port);
  else
    json_builder_add_null_value (builder);
  add_bool (builder, "ccc_offered", fw->ccc_offered);
  add_string (builder, "ports", ports_sentence);
  add_string (builder, "advice", advice);
  add_strv (builder, "findings", (const char *const *) findings);
  json_builder_end_object (builder);
}

JsonNode *
ferry_cli_json_probe (const FerryProbeReport *report,
                      int                     exit_code)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const FerrySecurityStatus *st = report->status;
  gboolean reached = st->control != FERRY_CONTROL_CHANNEL_NONE;
  gboolean has_tls = st->tls_version != NULL;
  g_autofree char *summary = ferry_probe_report_summarize (report);

  json_builder_begin_object (builder);
  add_string (builder, "host", report->host);
  add_int (builder, "port", report->port);
  add_bool (builder, "ok", report->error == NULL);
  add_string (builder, "mode", reached ? ferry_security_status_mode_name (st) : NULL);
  add_bool (builder, "detected", st->mode_detected);
  add_string (builder, "detection", report->detection);

  json_builder_set_member_name (builder, "tls");
  if (has_tls)
    {
      json_builder_begin_object (builder);
      add_string (builder, "version", st->tls_version);
      add_string (builder, "cipher", st->cipher);
      add_string (builder, "key_exchange", st->key_exchange);
      add_string (builder, "mac", st->mac);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "certificate");
  if (report->certificate != NULL)
    {
      FerryTrustStatement trust = ferry_security_status_get_trust (st);

      build_certificate (builder, report->certificate, report->certificate_problems,
                         report->certificate_errors, &trust);
    }
  else
    json_builder_add_null_value (builder);

  add_string (builder, "control_channel", ferry_control_channel_to_string (st->control));
  add_bool (builder, "credentials_encrypted", st->credentials_encrypted);
  add_bool (builder, "logged_in", report->logged_in);
  add_string (builder, "data_channel", ferry_data_channel_to_string (st->data));
  add_bool (builder, "session_resumed", ferry_probe_report_all_resumed (report));

  json_builder_set_member_name (builder, "data_connections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->data_connections->len; i++)
    {
      FerryProbeDataConnection *dc = g_ptr_array_index (report->data_connections, i);

      json_builder_begin_object (builder);
      add_bool (builder, "protected", dc->protected_);
      add_bool (builder, "resumed", dc->resumed);
      add_string (builder, "resume_refusal", ferry_resume_refusal_to_string (dc->refusal));
      add_string (builder, "tls_version", dc->tls_version);
      add_string (builder, "address", dc->address);
      add_bool (builder, "pasv_replaced", dc->pasv_replaced);
      add_bool (builder, "clean_close", dc->clean_close);
      add_int (builder, "listing_lines", dc->listing_lines);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_strv (builder, "features", (const char *const *) report->features);
  add_string (builder, "banner", report->banner);
  add_string (builder, "working_directory", report->working_directory);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->notes->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->notes, i));
  json_builder_end_array (builder);
  add_string (builder, "summary", summary);
  json_builder_set_member_name (builder, "firewall");
  if (st->firewall != NULL)
    build_firewall (builder, st->firewall);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "error");
  if (report->error != NULL)
    {
      json_builder_begin_object (builder);
      add_string (builder, "code", ferry_cli_error_name (report->error));
      add_string (builder, "message", report->error->message);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  add_int (builder, "exit_code", exit_code);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
ferry_cli_json_to_string (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}
