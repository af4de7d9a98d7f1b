/* test-trust-statements.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What Ferry says about a certificate's trust has one source,
 * ferry_security_status_get_trust: for each state (system, CA file, pinned,
 * once, and not accepted or no certificate at all) it gives the right state
 * and sentence, and the window's security popover (real widgets, the popover
 * shown, under tests/run-gui.sh), the certificate dialog, the text of
 * `ferry-cli probe` and its JSON all use exactly that sentence and never a
 * word that claims another source of trust.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ferry-certificate-dialog.h"
#include "ferry-cli-json.h"
#include "ferry-cli-probe.h"
#include "ferry-security-indicator.h"

/* What each state must say, in the words people read (LANG=C). */
static const struct
{
  FerryCertificateTrust trust;
  FerryControlChannel control;
  FerryCertificateTrust expected; /* the state the statement gives */
  const char *name;
  gboolean verified;
  gboolean accepted;
  gboolean lasting;
  const char *sentence;
  const char *claim; /* the words that claim this source, lowercase; NULL: none */
} cases[] = {
  { FERRY_CERTIFICATE_TRUST_SYSTEM, FERRY_CONTROL_CHANNEL_TLS, FERRY_CERTIFICATE_TRUST_SYSTEM,
    "system", TRUE, TRUE, TRUE,
    "The server's certificate is trusted by your system's certificate authorities.",
    "trusted by your system" },
  { FERRY_CERTIFICATE_TRUST_CA_FILE, FERRY_CONTROL_CHANNEL_TLS, FERRY_CERTIFICATE_TRUST_CA_FILE,
    "ca-file", TRUE, TRUE, TRUE,
    "The server's certificate is signed by the certificate authority you gave for this site.",
    "certificate authority you gave" },
  { FERRY_CERTIFICATE_TRUST_PINNED, FERRY_CONTROL_CHANNEL_TLS, FERRY_CERTIFICATE_TRUST_PINNED,
    "pinned", FALSE, TRUE, TRUE,
    "The server's certificate is one you chose to always trust.",
    "chose to always trust" },
  { FERRY_CERTIFICATE_TRUST_ONCE, FERRY_CONTROL_CHANNEL_TLS, FERRY_CERTIFICATE_TRUST_ONCE,
    "once", FALSE, TRUE, FALSE,
    "You accepted the server's certificate for this session only.",
    "for this session only" },
  /* Cleared by CCC after login: the certificate was still judged the same way. */
  { FERRY_CERTIFICATE_TRUST_PINNED, FERRY_CONTROL_CHANNEL_CLEARED,
    FERRY_CERTIFICATE_TRUST_PINNED, "pinned", FALSE, TRUE, TRUE,
    "The server's certificate is one you chose to always trust.",
    "chose to always trust" },
  /* TLS is up but nothing was accepted: never "there is no certificate". */
  { FERRY_CERTIFICATE_TRUST_NONE, FERRY_CONTROL_CHANNEL_TLS, FERRY_CERTIFICATE_TRUST_UNTRUSTED,
    "untrusted", FALSE, FALSE, FALSE,
    "The server's certificate was not accepted, so Ferry sent nothing more to the server.",
    "was not accepted" },
  { FERRY_CERTIFICATE_TRUST_UNTRUSTED, FERRY_CONTROL_CHANNEL_TLS,
    FERRY_CERTIFICATE_TRUST_UNTRUSTED, "untrusted", FALSE, FALSE, FALSE,
    "The server's certificate was not accepted, so Ferry sent nothing more to the server.",
    "was not accepted" },
  { FERRY_CERTIFICATE_TRUST_NONE, FERRY_CONTROL_CHANNEL_PLAIN, FERRY_CERTIFICATE_TRUST_NONE,
    "none", FALSE, FALSE, FALSE,
    "There is no certificate: the connection is not encrypted.",
    "there is no certificate" },
};

/* ---- helpers ---- */

static char *cert_dir;
static FerryCertificate *certificate;

/* A self-signed certificate made by openssl now (none is committed). */
static FerryCertificate *
get_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *pem_path = NULL;
  int status = 0;
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                         "ec_paramgen_curve:P-256", "-nodes", "-keyout", "key.pem", "-out",
                         "cert.pem", "-days", "30", "-subj", "/CN=ftp.example.org",
                         "-addext", "subjectAltName=DNS:ftp.example.org", NULL };

  if (certificate != NULL)
    return certificate;
  cert_dir = g_dir_make_tmp ("ferry-trust-certs-XXXXXX", &error);
  g_assert_no_error (error);
  g_spawn_sync (cert_dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl failed: %s", err);
  pem_path = g_build_filename (cert_dir, "cert.pem", NULL);
  g_file_get_contents (pem_path, &pem, NULL, &error);
  g_assert_no_error (error);
  certificate = ferry_certificate_new_from_pem (pem, &error);
  g_assert_no_error (error);
  return certificate;
}

static void
remove_cert_dir (void)
{
  const char *names[] = { "key.pem", "cert.pem" };

  g_clear_object (&certificate);
  if (cert_dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (cert_dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (cert_dir);
  g_clear_pointer (&cert_dir, g_free);
}

static gboolean
skip_without_openssl (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");

  if (openssl == NULL)
    g_test_skip ("openssl is not installed");
  return openssl == NULL;
}

/* An encrypted session whose certificate is judged as case @i says. */
static FerrySecurityStatus *
status_for (guint i)
{
  FerrySecurityStatus *status = ferry_security_status_new ();

  status->mode = cases[i].control == FERRY_CONTROL_CHANNEL_PLAIN ? FERRY_SECURITY_PLAIN
                                                                 : FERRY_SECURITY_EXPLICIT;
  status->control = cases[i].control;
  status->trust = cases[i].trust;
  if (cases[i].control != FERRY_CONTROL_CHANNEL_PLAIN)
    {
      status->tls_version = g_strdup ("TLS1.3");
      status->cipher = g_strdup ("AES-256-GCM");
      status->key_exchange = g_strdup ("ECDHE-X25519");
      status->mac = g_strdup ("AEAD");
    }
  if (cases[i].accepted)
    {
      /* Logged in and listed: everything but the trust as good as it gets. */
      status->credentials_encrypted = TRUE;
      status->data = FERRY_DATA_CHANNEL_PRIVATE;
      status->data_connections = 2;
      status->data_resumed = 2;
    }
  else if (cases[i].control == FERRY_CONTROL_CHANNEL_PLAIN)
    status->data = FERRY_DATA_CHANNEL_CLEAR;
  if (cases[i].accepted)
    status->certificate = g_object_ref (get_certificate ());
  return status;
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* @text names case @i's source of trust (its sentence, @expected_times) and
 * no other: no other sentence, no words that claim another source. */
static void
assert_one_truth (const char *text,
                  guint       i,
                  guint       expected_times,
                  const char *where)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  g_test_message ("%s, %s: %s", where, cases[i].name, text);
  g_assert_cmpuint (count_occurrences (text, cases[i].sentence), ==, expected_times);
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      if (g_str_equal (cases[k].name, cases[i].name))
        continue;
      if (strstr (lower, cases[k].claim) != NULL)
        g_error ("%s says “%s” (%s) for a certificate that is %s:\n%s", where, cases[k].claim,
                 cases[k].name, cases[i].name, text);
    }
}

/* Every label's text under @root, one per line. */
static void
collect_labels (GtkWidget  *root,
                GString    *out,
                guint      *n_sentence,
                const char *sentence)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (root));

      g_string_append_printf (out, "%s\n", text);
      if (g_str_equal (text, sentence))
        (*n_sentence)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out, n_sentence, sentence);
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_for_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, tick_cb, NULL);

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_true (gtk_widget_get_mapped (widget));
  iterate ();
}

/* ---- the engine's one source ---- */

static void
test_statement (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FerrySecurityStatus) status = status_for (i);
      FerryTrustStatement trust = ferry_security_status_get_trust (status);

      g_test_message ("%s over %s", cases[i].name,
                      ferry_control_channel_to_string (cases[i].control));
      g_assert_cmpint (trust.trust, ==, cases[i].expected);
      g_assert_cmpstr (trust.name, ==, cases[i].name);
      g_assert_cmpstr (trust.name, ==, ferry_certificate_trust_to_string (trust.trust));
      g_assert_cmpint (trust.verified, ==, cases[i].verified);
      g_assert_cmpint (trust.accepted, ==, cases[i].accepted);
      g_assert_cmpint (trust.lasting, ==, cases[i].lasting);
      g_assert_cmpstr (trust.sentence, ==, cases[i].sentence);
      /* The sentence is the translation of itself: it went through gettext. */
      g_assert_cmpstr (trust.sentence, ==, g_dgettext (GETTEXT_PACKAGE, cases[i].sentence));
      /* It claims its own source and no other. */
      assert_one_truth (trust.sentence, i, 1, "the statement");
    }

  /* A value from nowhere says the least, never a trust it does not have. */
  {
    g_autoptr(FerrySecurityStatus) status = ferry_security_status_new ();
    FerryTrustStatement trust;

    status->control = FERRY_CONTROL_CHANNEL_PLAIN;
    status->trust = (FerryCertificateTrust) 42;
    trust = ferry_security_status_get_trust (status);
    g_assert_cmpint (trust.trust, ==, FERRY_CERTIFICATE_TRUST_NONE);
    g_assert_false (trust.accepted);
  }
}

/* ---- the window's security popover and the certificate dialog ---- */

static void
test_popover_body (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *indicator = ferry_security_indicator_new ();
  GtkWidget *button = NULL;
  GtkPopover *popover;

  gtk_window_set_child (GTK_WINDOW (window), indicator);
  gtk_window_present (GTK_WINDOW (window));
  for (GtkWidget *child = gtk_widget_get_first_child (indicator); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_MENU_BUTTON (child))
      button = child;
  g_assert_nonnull (button);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FerrySecurityStatus) status = status_for (i);
      g_autoptr(GString) shown = g_string_new (NULL);
      guint n_sentence = 0;

      ferry_security_indicator_set_status (FERRY_SECURITY_INDICATOR (indicator), status,
                                           "ftp.example.org:21");
      wait_for_mapped (indicator);
      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
      wait_for_mapped (GTK_WIDGET (popover));

      /* One row says it, in the engine's words, and nothing in the popover
       * claims another source. */
      collect_labels (GTK_WIDGET (popover), shown, &n_sentence, cases[i].sentence);
      g_assert_cmpuint (n_sentence, ==, 1);
      assert_one_truth (shown->str, i, 1, "the popover");

      /* The lock agrees: a closed lock only for a lasting trust. */
      if (cases[i].control == FERRY_CONTROL_CHANNEL_TLS)
        g_assert_cmpint (ferry_security_indicator_get_level (FERRY_SECURITY_INDICATOR (indicator)),
                         ==, cases[i].lasting ? FERRY_SECURITY_LEVEL_SECURE
                                              : FERRY_SECURITY_LEVEL_WARNING);
      gtk_popover_popdown (popover);
      iterate ();

      /* The certificate dialog that the popover opens says the same. */
      if (status->certificate != NULL)
        {
          FerryCertificateDialog *dialog =
            ferry_certificate_dialog_new (GTK_WINDOW (window), status->certificate,
                                          "ftp.example.org:21", status);
          g_autoptr(GString) dialog_shown = g_string_new (NULL);
          guint n_dialog = 0;

          gtk_window_present (GTK_WINDOW (dialog));
          wait_for_mapped (GTK_WIDGET (dialog));
          collect_labels (GTK_WIDGET (dialog), dialog_shown, &n_dialog, cases[i].sentence);
          g_assert_cmpuint (n_dialog, ==, 1);
          assert_one_truth (dialog_shown->str, i, 1, "the certificate dialog");
          gtk_window_destroy (GTK_WINDOW (dialog));
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_popover (void)
{
  if (!skip_without_openssl ())
    test_popover_body ();
}

/* ---- ferry-cli probe: its text and its JSON ---- */

static void
test_probe_body (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FerryProbeReport) report = ferry_probe_report_new ();
      g_autofree char *text = NULL;
      g_autofree char *json_text = NULL;
      g_autoptr(JsonNode) node = NULL;
      gboolean tls = cases[i].control != FERRY_CONTROL_CHANNEL_PLAIN;
      JsonObject *cert;

      ferry_security_status_free (report->status);
      report->status = status_for (i);
      report->host = g_strdup ("ftp.example.org");
      report->port = 21;
      report->logged_in = cases[i].accepted || !tls;
      if (report->logged_in && !tls)
        report->status->credentials_encrypted = FALSE;
      if (tls)
        {
          /* What the server sent, accepted or not; why the system alone would
           * not vouch for it, as the session reports it. */
          g_strfreev (report->certificate_errors);
          report->certificate_errors = ferry_certificate_describe_problems (
            get_certificate (), FERRY_CERTIFICATE_UNKNOWN_ISSUER, "ftp.example.org");
          report->certificate = g_object_ref (get_certificate ());
          report->certificate_problems = cases[i].verified ? FERRY_CERTIFICATE_OK
                                                           : FERRY_CERTIFICATE_UNKNOWN_ISSUER;
          if (cases[i].verified)
            {
              g_strfreev (report->certificate_errors);
              report->certificate_errors = g_new0 (char *, 1);
            }
        }

      /* The text: the sentence once, and nothing that claims another source. */
      text = ferry_cli_probe_format (report);
      assert_one_truth (text, i, 1, "the probe's text");
      {
        g_autofree char *line = g_strdup_printf ("Certificate: %s\n", cases[i].sentence);

        g_assert_nonnull (strstr (text, line));
      }

      /* The JSON: the same state, the same sentence. */
      node = ferry_cli_json_probe (report, 0);
      json_text = ferry_cli_json_to_string (node);
      if (!tls)
        {
          g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_node_get_object (node),
                                                                       "certificate")));
          assert_one_truth (json_text, i, 0, "the probe's JSON");
          continue;
        }
      cert = json_object_get_object_member (json_node_get_object (node), "certificate");
      g_assert_cmpstr (json_object_get_string_member (cert, "trust"), ==, cases[i].name);
      g_assert_cmpint (json_object_get_boolean_member (cert, "verified"), ==,
                       cases[i].verified);
      g_assert_cmpstr (json_object_get_string_member (cert, "trust_description"), ==,
                       cases[i].sentence);
      assert_one_truth (json_text, i, 1, "the probe's JSON");
    }
}

static void
test_probe (void)
{
  if (!skip_without_openssl ())
    test_probe_body ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/ferryapp/Ferry/icons");

  g_test_add_func ("/trust/statement", test_statement);
  g_test_add_func ("/trust/popover", test_popover);
  g_test_add_func ("/trust/probe", test_probe);
  status = g_test_run ();
  remove_cert_dir ();
  return status;
}
