/* ferry-certificate-dialog.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything a person needs to judge a server's certificate: who it names and
 * who signed it, when it is valid, its fingerprints, names, key and
 * signature, the chain the server sent (select one to see it), and how the
 * connection is encrypted. Asked about an untrusted certificate it answers
 * the FerryPrompt (Reject, Accept Once, Always Trust); a certificate that is
 * not the one pinned for the server opens the loud variant that sets the old
 * and the new side by side.
 */
#define G_LOG_DOMAIN "ferry-certificate-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-certificate-dialog.h"
#include "ferry-known-servers.h"

struct _FerryCertificateDialog
{
  AdwWindow parent_instance;

  FerryPrompt *prompt;
  FerryCertificate *certificate; /* the server's own, first of the chain */
  GPtrArray *chain;              /* borrowed from @certificate */
  char *host_port;
  GtkSizeGroup *title_group;

  /* Template children */
  AdwWindowTitle *window_title;
  GtkBox *summary_box;
  GtkImage *summary_icon;
  GtkLabel *summary_title;
  GtkLabel *summary_message;
  GtkLabel *summary_details;
  GtkBox *changed_box;
  GtkLabel *old_label;
  GtkLabel *new_label;
  GtkBox *chain_group;
  GtkListBox *chain_list;
  GtkBox *details_box;
  AdwPreferencesGroup *connection_group;
  GtkActionBar *answer_bar;
  GtkButton *reject_button;
  GtkButton *accept_once_button;
  GtkButton *accept_always_button;
};

G_DEFINE_FINAL_TYPE (FerryCertificateDialog, ferry_certificate_dialog, ADW_TYPE_WINDOW)

static const struct
{
  const char *type;
  const char *label;
} attribute_names[] = {
  { "CN", N_("Common Name") },
  { "O", N_("Organization") },
  { "OU", N_("Organizational Unit") },
  { "L", N_("Locality") },
  { "ST", N_("State or Province") },
  { "C", N_("Country") },
  { "STREET", N_("Street") },
  { "DC", N_("Domain Component") },
  { "UID", N_("User ID") },
  { "EMAIL", N_("Email Address") },
  { "emailAddress", N_("Email Address") },
  { "serialNumber", N_("Serial Number") },
  { "SERIALNUMBER", N_("Serial Number") },
  { "title", N_("Title") },
  { "GN", N_("Given Name") },
  { "SN", N_("Surname") },
  { "postalCode", N_("Postal Code") },
};

const char *
ferry_certificate_dialog_describe_attribute (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (attribute_names); i++)
    if (g_ascii_strcasecmp (type, attribute_names[i].type) == 0)
      return _(attribute_names[i].label);
  return type;
}

static int
hex_value (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

char **
ferry_certificate_dialog_split_dn (const char *dn)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) type = g_string_new (NULL);
  g_autoptr(GString) value = g_string_new (NULL);
  gboolean in_value = FALSE;

  if (dn == NULL)
    return g_strv_builder_end (builder);

  for (const char *p = dn;; p++)
    {
      if (*p == '\0' || ((*p == ',' || *p == '+') && in_value))
        {
          g_autofree char *t = g_strstrip (g_strdup (type->str));

          if (t[0] != '\0')
            {
              g_strv_builder_add (builder, t);
              g_strv_builder_add (builder, value->str);
            }
          g_string_truncate (type, 0);
          g_string_truncate (value, 0);
          in_value = FALSE;
          if (*p == '\0')
            break;
          continue;
        }
      if (!in_value)
        {
          if (*p == '=')
            in_value = TRUE;
          else
            g_string_append_c (type, *p);
          continue;
        }
      if (*p == '\\' && p[1] != '\0')
        {
          int hi = hex_value (p[1]);
          int lo = hi >= 0 && p[2] != '\0' ? hex_value (p[2]) : -1;

          if (hi >= 0 && lo >= 0)
            {
              g_string_append_c (value, (char) (hi * 16 + lo));
              p += 2;
            }
          else
            {
              g_string_append_c (value, p[1]);
              p += 1;
            }
          continue;
        }
      g_string_append_c (value, *p);
    }
  return g_strv_builder_end (builder);
}

static char *
format_date (GDateTime *date)
{
  if (date == NULL)
    return g_strdup (_("Unknown"));
  /* Certificates count in UTC; so does this. */
  return g_date_time_format (date, "%-d %B %Y, %H:%M UTC");
}

static char *
format_unix_date (gint64 seconds)
{
  g_autoptr(GDateTime) date = NULL;

  if (seconds <= 0)
    return g_strdup (_("Unknown"));
  date = g_date_time_new_from_unix_utc (seconds);
  return format_date (date);
}

static char *
format_validity_end (FerryCertificate *certificate)
{
  GDateTime *not_after = ferry_certificate_get_not_after (certificate);
  GDateTime *not_before = ferry_certificate_get_not_before (certificate);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = format_date (not_after);

  if (not_after != NULL && g_date_time_compare (now, not_after) > 0)
    /* Translators: a date, then a remark. */
    return g_strdup_printf (_("%s (expired)"), text);
  if (not_before != NULL && g_date_time_compare (now, not_before) < 0)
    return g_strdup_printf (_("%s (not valid yet)"), text);
  return g_steal_pointer (&text);
}

static GtkWidget *
field_row_new (FerryCertificateDialog *self,
               const char             *title,
               const char             *value,
               gboolean                monospace)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *value_label = gtk_label_new (value != NULL && value[0] != '\0' ? value : _("None"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_yalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (title_label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (title_label), 18);
  gtk_widget_add_css_class (title_label, "dim-label");
  gtk_size_group_add_widget (self->title_group, title_label);

  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label),
                           monospace ? PANGO_WRAP_CHAR : PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_hexpand (value_label, TRUE);
  if (monospace)
    gtk_widget_add_css_class (value_label, "monospace");

  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
add_field (FerryCertificateDialog *self,
           AdwPreferencesGroup    *group,
           const char             *title,
           const char             *value,
           gboolean                monospace)
{
  adw_preferences_group_add (group, field_row_new (self, title, value, monospace));
}

static AdwPreferencesGroup *
add_group (FerryCertificateDialog *self,
           const char             *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->details_box, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* The order people read a name in: who, then where (RFC 4514 text, as
 * GnuTLS gives it, starts with the country). Unknown types go last. */
static int
attribute_rank (const char *type)
{
  static const char *order[] = { "CN", "O", "OU", "L", "ST", "C" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_ascii_strcasecmp (type, order[i]) == 0)
      return i;
  return G_N_ELEMENTS (order);
}

/* The attributes of @dn as indexes of their type in @fields, in reading order. */
static GArray *
dn_reading_order (char **fields)
{
  GArray *indexes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; fields[i] != NULL && fields[i + 1] != NULL; i += 2)
    {
      guint at = indexes->len;

      /* Stable insertion by rank. */
      while (at > 0
             && attribute_rank (fields[g_array_index (indexes, guint, at - 1)])
                  > attribute_rank (fields[i]))
        at--;
      g_array_insert_val (indexes, at, i);
    }
  return indexes;
}

static void
add_dn_group (FerryCertificateDialog *self,
              const char             *title,
              const char             *dn)
{
  AdwPreferencesGroup *group = add_group (self, title);
  g_auto(GStrv) fields = ferry_certificate_dialog_split_dn (dn);
  g_autoptr(GArray) order = NULL;

  if (fields[0] == NULL)
    {
      add_field (self, group, _("Name"), dn, FALSE);
      return;
    }
  order = dn_reading_order (fields);
  for (guint i = 0; i < order->len; i++)
    {
      guint at = g_array_index (order, guint, i);

      add_field (self, group, ferry_certificate_dialog_describe_attribute (fields[at]),
                 fields[at + 1], FALSE);
    }
}

/* A name for people: "ftp.example.org" over "Example, Inc. · Files · DE". */
static char *
describe_dn (const char *dn)
{
  g_auto(GStrv) fields = ferry_certificate_dialog_split_dn (dn);
  g_autoptr(GArray) order = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (dn == NULL || fields[0] == NULL)
    return g_strdup (dn != NULL && dn[0] != '\0' ? dn : _("Unknown"));
  order = dn_reading_order (fields);
  for (guint i = 0; i < order->len; i++)
    {
      guint at = g_array_index (order, guint, i);

      if (i > 0)
        g_string_append (text, i == 1 ? "\n" : " · ");
      g_string_append (text, fields[at + 1]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_fingerprint (const char *hex)
{
  return hex != NULL ? ferry_fingerprint_format (hex) : g_strdup (_("Unknown"));
}

static void
show_certificate (FerryCertificateDialog *self,
                  FerryCertificate       *certificate)
{
  AdwPreferencesGroup *group;
  GtkWidget *child;
  const char *const *names;
  g_autofree char *not_before = NULL;
  g_autofree char *not_after = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *sha1 = NULL;
  g_autofree char *key = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->details_box))) != NULL)
    gtk_box_remove (self->details_box, child);

  add_dn_group (self, _("Issued To"), ferry_certificate_get_subject (certificate));
  add_dn_group (self, _("Issued By"), ferry_certificate_get_issuer (certificate));

  group = add_group (self, _("Validity"));
  not_before = format_date (ferry_certificate_get_not_before (certificate));
  not_after = format_validity_end (certificate);
  add_field (self, group, _("Valid From"), not_before, FALSE);
  add_field (self, group, _("Valid Until"), not_after, FALSE);

  group = add_group (self, _("Fingerprints"));
  adw_preferences_group_set_description (group, _("Compare them with what the server’s "
                                                  "administrator gave you"));
  sha256 = format_fingerprint (ferry_certificate_get_sha256 (certificate));
  sha1 = format_fingerprint (ferry_certificate_get_sha1 (certificate));
  add_field (self, group, _("SHA-256"), sha256, TRUE);
  add_field (self, group, _("SHA-1"), sha1, TRUE);

  group = add_group (self, _("Names"));
  names = ferry_certificate_get_subject_alt_names (certificate);
  if (names == NULL || names[0] == NULL)
    add_field (self, group, _("Subject Alternative Names"), NULL, FALSE);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      const char *colon = strchr (names[i], ':');
      g_autofree char *kind = colon ? g_strndup (names[i], colon - names[i]) : NULL;
      const char *title;

      if (g_strcmp0 (kind, "DNS") == 0)
        title = _("Host Name");
      else if (g_strcmp0 (kind, "IP") == 0)
        title = _("IP Address");
      else if (g_strcmp0 (kind, "email") == 0)
        title = _("Email Address");
      else if (g_strcmp0 (kind, "URI") == 0)
        title = _("Address");
      else
        title = _("Name");
      add_field (self, group, title, colon ? colon + 1 : names[i], FALSE);
    }

  group = add_group (self, _("Details"));
  add_field (self, group, _("Serial Number"), ferry_certificate_get_serial (certificate), TRUE);
  if (ferry_certificate_get_key_bits (certificate) > 0)
    /* Translators: a key algorithm ("RSA") and its size. */
    key = g_strdup_printf (_("%s, %u bits"), ferry_certificate_get_key_algorithm (certificate),
                           ferry_certificate_get_key_bits (certificate));
  else
    key = g_strdup (ferry_certificate_get_key_algorithm (certificate));
  add_field (self, group, _("Public Key"), key, FALSE);
  add_field (self, group, _("Signature Algorithm"),
             ferry_certificate_get_signature_algorithm (certificate), FALSE);
  add_field (self, group, _("Self-Signed"),
             ferry_certificate_is_self_signed (certificate) ? _("Yes") : _("No"), FALSE);
}

static void
chain_list_row_selected_cb (FerryCertificateDialog *self,
                            GtkListBoxRow          *row)
{
  int index;

  if (row == NULL || self->chain == NULL)
    return;
  index = gtk_list_box_row_get_index (row);
  if (index >= 0 && (guint) index < self->chain->len)
    show_certificate (self, g_ptr_array_index (self->chain, index));
}

static void
fill_chain (FerryCertificateDialog *self)
{
  for (guint i = 0; i < self->chain->len; i++)
    {
      FerryCertificate *certificate = g_ptr_array_index (self->chain, i);
      const char *name = ferry_certificate_get_subject_common_name (certificate);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("application-certificate-symbolic");
      const char *role;

      if (name == NULL)
        name = ferry_certificate_get_subject (certificate);
      if (i == 0)
        role = ferry_certificate_is_self_signed (certificate)
                 ? _("The server’s certificate, signed by itself")
                 : _("The server’s certificate");
      else if (ferry_certificate_is_self_signed (certificate))
        role = _("Root certificate authority");
      else
        role = _("Intermediate certificate authority");

      /* Deeper in the chain, further to the right, as certificate viewers do. */
      gtk_widget_set_margin_start (icon, 18 * MIN (i, 4));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), role);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->chain_list, row);
    }
  gtk_list_box_select_row (self->chain_list, gtk_list_box_get_row_at_index (self->chain_list, 0));
}

static void
fill_connection (FerryCertificateDialog *self,
                 const char             *tls_version,
                 const char             *cipher,
                 const char             *key_exchange,
                 const char             *mac)
{
  g_autofree char *version = ferry_tls_version_for_people (tls_version);
  gboolean any = FALSE;
  const struct { const char *title; const char *value; } rows[] = {
    { _("TLS Version"), version },
    { _("Cipher"), cipher },
    { _("Key Exchange"), key_exchange },
    { _("Message Authentication"), mac },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i].value != NULL && rows[i].value[0] != '\0')
      {
        add_field (self, self->connection_group, rows[i].title, rows[i].value, FALSE);
        any = TRUE;
      }
  gtk_widget_set_visible (GTK_WIDGET (self->connection_group), any);
}

static void
set_certificate (FerryCertificateDialog *self,
                 FerryCertificate       *certificate,
                 const char             *host_port)
{
  g_set_object (&self->certificate, certificate);
  g_clear_pointer (&self->chain, g_ptr_array_unref);
  self->chain = ferry_certificate_dup_chain (certificate);
  g_free (self->host_port);
  self->host_port = g_strdup (host_port);
  adw_window_title_set_subtitle (self->window_title, host_port);
  fill_chain (self);
}

static void
answer (FerryCertificateDialog *self,
        FerryPromptAnswer       reply)
{
  if (self->prompt != NULL && !ferry_prompt_is_answered (self->prompt))
    ferry_prompt_respond (self->prompt, reply);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
reject_clicked_cb (FerryCertificateDialog *self)
{
  answer (self, FERRY_PROMPT_ANSWER_REJECT);
}

static void
accept_once_clicked_cb (FerryCertificateDialog *self)
{
  answer (self, FERRY_PROMPT_ANSWER_ACCEPT_ONCE);
}

static void
accept_always_clicked_cb (FerryCertificateDialog *self)
{
  answer (self, FERRY_PROMPT_ANSWER_ACCEPT_ALWAYS);
}

static gboolean
ferry_certificate_dialog_close_request (GtkWindow *window)
{
  FerryCertificateDialog *self = FERRY_CERTIFICATE_DIALOG (window);

  /* Closed without an answer: rejected. */
  if (self->prompt != NULL && !ferry_prompt_is_answered (self->prompt))
    ferry_prompt_respond (self->prompt, FERRY_PROMPT_ANSWER_REJECT);

  return GTK_WINDOW_CLASS (ferry_certificate_dialog_parent_class)->close_request (window);
}

static void
ensure_style (void)
{
  static gboolean done;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (done || display == NULL)
    return;
  done = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/ferryapp/Ferry/ui/ferry-certificate-dialog.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
ferry_certificate_dialog_dispose (GObject *object)
{
  FerryCertificateDialog *self = FERRY_CERTIFICATE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_CERTIFICATE_DIALOG);

  G_OBJECT_CLASS (ferry_certificate_dialog_parent_class)->dispose (object);
}

static void
ferry_certificate_dialog_finalize (GObject *object)
{
  FerryCertificateDialog *self = FERRY_CERTIFICATE_DIALOG (object);

  if (self->prompt != NULL && !ferry_prompt_is_answered (self->prompt))
    ferry_prompt_respond (self->prompt, FERRY_PROMPT_ANSWER_REJECT);
  g_clear_object (&self->prompt);
  g_clear_pointer (&self->chain, g_ptr_array_unref);
  g_clear_object (&self->certificate);
  g_clear_object (&self->title_group);
  g_free (self->host_port);

  G_OBJECT_CLASS (ferry_certificate_dialog_parent_class)->finalize (object);
}

static void
ferry_certificate_dialog_class_init (FerryCertificateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ferry_certificate_dialog_dispose;
  object_class->finalize = ferry_certificate_dialog_finalize;
  window_class->close_request = ferry_certificate_dialog_close_request;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/ferryapp/Ferry/ui/ferry-certificate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, summary_box);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, summary_title);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, summary_message);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, summary_details);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, changed_box);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, old_label);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, new_label);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, chain_group);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, chain_list);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, details_box);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, connection_group);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, answer_bar);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog, reject_button);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog,
                                        accept_once_button);
  gtk_widget_class_bind_template_child (widget_class, FerryCertificateDialog,
                                        accept_always_button);
  gtk_widget_class_bind_template_callback (widget_class, chain_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, reject_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, accept_once_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, accept_always_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ferry_certificate_dialog_init (FerryCertificateDialog *self)
{
  ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->title_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
}

FerryCertificateDialog *
ferry_certificate_dialog_new (GtkWindow                 *parent,
                              FerryCertificate          *certificate,
                              const char                *host_port,
                              const FerrySecurityStatus *status)
{
  FerryCertificateDialog *self;

  g_return_val_if_fail (FERRY_IS_CERTIFICATE (certificate), NULL);

  self = g_object_new (FERRY_TYPE_CERTIFICATE_DIALOG,
                       "transient-for", parent,
                       NULL);
  set_certificate (self, certificate, host_port);

  adw_window_title_set_title (self->window_title, _("Certificate"));
  gtk_window_set_title (GTK_WINDOW (self), _("Certificate"));
  gtk_label_set_text (self->summary_title,
                      ferry_certificate_get_subject_common_name (certificate)
                        ? ferry_certificate_get_subject_common_name (certificate)
                        : host_port);
  if (status != NULL)
    {
      FerryTrustStatement trust = ferry_security_status_get_trust (status);

      gtk_label_set_text (self->summary_message, trust.sentence);
      gtk_image_set_from_icon_name (self->summary_icon,
                                    trust.lasting ? "channel-secure-symbolic"
                                                  : "dialog-warning-symbolic");
      if (!trust.lasting)
        gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), "warning");
      fill_connection (self, status->tls_version, status->cipher, status->key_exchange,
                       status->mac);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->summary_message), FALSE);
      fill_connection (self, NULL, NULL, NULL, NULL);
    }
  return self;
}

static char *
describe_pins (GPtrArray *pins)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; pins != NULL && i < pins->len; i++)
    {
      FerryPin *pin = g_ptr_array_index (pins, i);
      g_autofree char *from = format_unix_date (pin->not_before);
      g_autofree char *until = format_unix_date (pin->not_after);
      g_autofree char *sha256 = format_fingerprint (pin->sha256);
      g_autofree char *subject = describe_dn (pin->subject);
      g_autofree char *part = NULL;

      part = g_markup_printf_escaped ("%s<b>%s</b>\n%s\n\n<b>%s</b>\n%s – %s\n\n<b>%s</b>\n"
                                      "<tt>%s</tt>",
                                      i > 0 ? "\n\n" : "",
                                      _("Issued To"), subject,
                                      _("Valid"), from, until, _("SHA-256"), sha256);
      g_string_append (text, part);
    }
  if (text->len == 0)
    g_string_append (text, _("Unknown"));
  return g_string_free (text, FALSE);
}

static char *
describe_certificate (FerryCertificate *certificate)
{
  g_autofree char *from = format_date (ferry_certificate_get_not_before (certificate));
  g_autofree char *until = format_date (ferry_certificate_get_not_after (certificate));
  g_autofree char *sha256 = format_fingerprint (ferry_certificate_get_sha256 (certificate));
  g_autofree char *subject = describe_dn (ferry_certificate_get_subject (certificate));

  return g_markup_printf_escaped ("<b>%s</b>\n%s\n\n<b>%s</b>\n%s – %s\n\n<b>%s</b>\n<tt>%s</tt>",
                                  _("Issued To"), subject,
                                  _("Valid"), from, until, _("SHA-256"), sha256);
}

FerryCertificateDialog *
ferry_certificate_dialog_new_for_prompt (GtkWindow   *parent,
                                         FerryPrompt *prompt)
{
  FerryCertificateDialog *self;
  FerryCertificate *certificate;
  const char *const *problems;
  g_autofree char *host_port = NULL;
  gboolean changed;

  g_return_val_if_fail (FERRY_IS_PROMPT (prompt), NULL);
  certificate = ferry_prompt_get_certificate (prompt);
  g_return_val_if_fail (FERRY_IS_CERTIFICATE (certificate), NULL);

  changed = ferry_prompt_get_kind (prompt) == FERRY_PROMPT_CERTIFICATE_CHANGED;
  self = g_object_new (FERRY_TYPE_CERTIFICATE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->prompt = g_object_ref (prompt);

  if (strchr (ferry_prompt_get_host (prompt), ':') != NULL)
    host_port = g_strdup_printf ("[%s]:%u", ferry_prompt_get_host (prompt),
                                 ferry_prompt_get_port (prompt));
  else
    host_port = g_strdup_printf ("%s:%u", ferry_prompt_get_host (prompt),
                                 ferry_prompt_get_port (prompt));
  set_certificate (self, certificate, host_port);
  fill_connection (self, ferry_prompt_get_tls_version (prompt), ferry_prompt_get_cipher (prompt),
                   ferry_prompt_get_key_exchange (prompt), ferry_prompt_get_mac (prompt));

  gtk_label_set_text (self->summary_message, ferry_prompt_get_message (prompt));
  /* The problems the message does not already tell, one per line. */
  problems = ferry_prompt_get_problem_texts (prompt);
  if (problems != NULL && problems[0] != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      const char *message = ferry_prompt_get_message (prompt);

      for (guint i = 0; problems[i] != NULL; i++)
        if (message == NULL || strstr (message, problems[i]) == NULL)
          g_string_append_printf (text, "%s• %s", text->len > 0 ? "\n" : "", problems[i]);
      gtk_label_set_text (self->summary_details, text->str);
      gtk_widget_set_visible (GTK_WIDGET (self->summary_details), text->len > 0);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->answer_bar), TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->reject_button));
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->reject_button));

  if (changed)
    {
      g_autofree char *old_text = describe_pins (ferry_prompt_get_previous_pins (prompt));
      g_autofree char *new_text = describe_certificate (certificate);

      gtk_window_set_title (GTK_WINDOW (self), _("The Certificate Has Changed"));
      adw_window_title_set_title (self->window_title, _("The Certificate Has Changed"));
      gtk_label_set_text (self->summary_title, _("The Certificate Has Changed"));
      gtk_image_set_from_icon_name (self->summary_icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_box), "ferry-danger");
      gtk_widget_add_css_class (GTK_WIDGET (self), "ferry-certificate-changed");
      gtk_label_set_markup (self->old_label, old_text);
      gtk_label_set_markup (self->new_label, new_text);
      gtk_widget_set_visible (GTK_WIDGET (self->changed_box), TRUE);
      if (!gtk_widget_get_visible (GTK_WIDGET (self->summary_details)))
        gtk_widget_set_visible (GTK_WIDGET (self->summary_details), TRUE);
      gtk_label_set_text (self->summary_details,
                          _("This is not the certificate you chose to trust for this "
                            "server. Someone may be intercepting the connection. Unless the "
                            "server’s administrator told you that the certificate was "
                            "replaced, reject it."));
      gtk_widget_add_css_class (GTK_WIDGET (self->reject_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->accept_always_button), "destructive-action");
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Untrusted Certificate"));
      adw_window_title_set_title (self->window_title, _("Untrusted Certificate"));
      gtk_label_set_text (self->summary_title, _("Is This the Right Server?"));
      gtk_image_set_from_icon_name (self->summary_icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), "warning");
    }
  return self;
}

FerryPrompt *
ferry_certificate_dialog_get_prompt (FerryCertificateDialog *self)
{
  g_return_val_if_fail (FERRY_IS_CERTIFICATE_DIALOG (self), NULL);

  return self->prompt;
}
