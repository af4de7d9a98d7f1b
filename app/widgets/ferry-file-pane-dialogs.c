/* ferry-file-pane-dialogs.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The small dialogs of FerryFilePane: a name (New Folder, Rename), the
 * confirmation of a delete and the permissions. AdwMessageDialog with an
 * extra child; the answer goes to a callback, a cancel calls nothing.
 */
#define G_LOG_DOMAIN "ferry-file-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-file-pane-private.h"

static GtkWindow *
parent_window (FerryFilePane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

AdwMessageDialog *
ferry_file_pane_message_dialog_new (FerryFilePane *self,
                                    const char    *heading,
                                    const char    *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                                          heading, body));

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_hide_on_close (GTK_WINDOW (dialog), FALSE);
  return dialog;
}

/* ---- a name ---- */

typedef struct
{
  FerryFilePane *self;
  AdwMessageDialog *dialog;
  GtkEntry *entry;
  GtkLabel *hint;
  GHashTable *taken;
  FerryPaneNameCallback callback;
  gpointer user_data;
  GDestroyNotify destroy;
} NameDialog;

static void
name_dialog_free (gpointer  data,
                  GClosure *closure)
{
  NameDialog *dialog = data;

  if (dialog->destroy != NULL)
    dialog->destroy (dialog->user_data);
  g_clear_pointer (&dialog->taken, g_hash_table_unref);
  g_clear_object (&dialog->self);
  g_free (dialog);
}

/* Why @text cannot be the name, or NULL when it can. */
static const char *
name_problem (NameDialog *dialog,
              const char *text)
{
  if (text[0] == '\0')
    return "";
  if (strchr (text, '/') != NULL)
    return _("Names cannot contain “/”.");
  if (g_str_equal (text, ".") || g_str_equal (text, ".."))
    return _("“.” and “..” cannot be names.");
  if (strpbrk (text, "\r\n\t") != NULL)
    return _("Names cannot contain line breaks or tabs.");
  if (dialog->taken != NULL && g_hash_table_contains (dialog->taken, text))
    return _("A file or folder with this name already exists here.");
  return NULL;
}

static void
name_entry_changed_cb (GtkEditable *editable,
                       NameDialog  *dialog)
{
  const char *text = gtk_editable_get_text (editable);
  const char *problem = name_problem (dialog, text);

  adw_message_dialog_set_response_enabled (dialog->dialog, "accept", problem == NULL);
  if (problem == NULL && text[0] == '.')
    problem = _("Names that begin with a dot are hidden.");
  gtk_label_set_text (dialog->hint, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (dialog->hint), problem != NULL && problem[0] != '\0');
  if (problem != NULL && problem[0] != '\0' && text[0] != '.')
    gtk_widget_add_css_class (GTK_WIDGET (dialog->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (dialog->entry), "error");
}

static void
name_entry_activate_cb (GtkEntry   *entry,
                        NameDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog->dialog, "accept"))
    {
      adw_message_dialog_response (dialog->dialog, "accept");
      gtk_window_close (GTK_WINDOW (dialog->dialog));
    }
}

static void
name_dialog_response_cb (AdwMessageDialog *message_dialog,
                         const char       *response,
                         NameDialog       *dialog)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (dialog->entry));
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "accept") || name_problem (dialog, text) != NULL)
    return;
  name = g_strdup (text);
  dialog->callback (dialog->self, name, dialog->user_data);
}

/* Runs once the dialog has shown the entry (which selects all when it gets
 * the focus); holds a reference on the entry, not on the dialog's data. */
static gboolean
select_name_cb (gpointer user_data)
{
  GtkWidget *entry = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  const char *dot = strrchr (text, '.');
  int end = -1;

  if (gtk_widget_get_root (entry) == NULL)
    return G_SOURCE_REMOVE;
  gtk_widget_grab_focus (entry);
  /* "report.tar.gz" selects "report.tar": the last extension stays. */
  if (g_object_get_data (G_OBJECT (entry), "ferry-select-stem") && dot != NULL && dot != text)
    end = (int) g_utf8_pointer_to_offset (text, dot);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, end);
  return G_SOURCE_REMOVE;
}

void
ferry_file_pane_ask_name (FerryFilePane         *self,
                          const char            *heading,
                          const char            *body,
                          const char            *initial,
                          const char            *accept_label,
                          gboolean               select_stem,
                          GHashTable            *taken,
                          FerryPaneNameCallback  callback,
                          gpointer               user_data,
                          GDestroyNotify         destroy)
{
  NameDialog *dialog = g_new0 (NameDialog, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *hint = gtk_label_new (NULL);

  dialog->self = g_object_ref (self);
  dialog->taken = taken;
  dialog->callback = callback;
  dialog->user_data = user_data;
  dialog->destroy = destroy;
  dialog->dialog = ferry_file_pane_message_dialog_new (self, heading, body);
  dialog->entry = GTK_ENTRY (entry);
  dialog->hint = GTK_LABEL (hint);

  gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
  gtk_widget_set_size_request (entry, 280, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name"), -1);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_set_visible (hint, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), hint);
  adw_message_dialog_set_extra_child (dialog->dialog, box);

  adw_message_dialog_add_responses (dialog->dialog,
                                    "cancel", _("_Cancel"),
                                    "accept", accept_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog->dialog, "accept",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog->dialog, "accept");
  adw_message_dialog_set_close_response (dialog->dialog, "cancel");

  g_signal_connect (entry, "changed", G_CALLBACK (name_entry_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (name_entry_activate_cb), dialog);
  g_signal_connect_data (dialog->dialog, "response", G_CALLBACK (name_dialog_response_cb), dialog,
                         name_dialog_free, 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), initial ? initial : "");
  name_entry_changed_cb (GTK_EDITABLE (entry), dialog);
  gtk_window_set_focus (GTK_WINDOW (dialog->dialog), entry);
  gtk_window_present (GTK_WINDOW (dialog->dialog));
  g_object_set_data (G_OBJECT (entry), "ferry-select-stem", GINT_TO_POINTER (select_stem));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, select_name_cb, g_object_ref (entry),
                   g_object_unref);
}

/* ---- a delete ---- */

typedef struct
{
  FerryFilePane *self;
  FerryPaneConfirmCallback callback;
  gpointer user_data;
  GDestroyNotify destroy;
} ConfirmDialog;

static void
confirm_dialog_free (gpointer  data,
                     GClosure *closure)
{
  ConfirmDialog *dialog = data;

  if (dialog->destroy != NULL)
    dialog->destroy (dialog->user_data);
  g_clear_object (&dialog->self);
  g_free (dialog);
}

static void
confirm_dialog_response_cb (AdwMessageDialog *message_dialog,
                            const char       *response,
                            ConfirmDialog    *dialog)
{
  if (g_str_equal (response, "delete"))
    dialog->callback (dialog->self, dialog->user_data);
}

void
ferry_file_pane_ask_delete (FerryFilePane            *self,
                            GPtrArray                *files,
                            FerryPaneConfirmCallback  callback,
                            gpointer                  user_data,
                            GDestroyNotify            destroy)
{
  ConfirmDialog *dialog = g_new0 (ConfirmDialog, 1);
  AdwMessageDialog *message_dialog;
  g_autofree char *heading = NULL;
  const char *body;
  guint n_folders = 0;

  for (guint i = 0; i < files->len; i++)
    n_folders += ferry_remote_file_get_kind (g_ptr_array_index (files, i)) ==
                 FERRY_REMOTE_FILE_KIND_DIRECTORY;

  if (files->len == 1)
    heading = g_strdup_printf (_("Delete “%s”?"),
                               ferry_remote_file_get_name (g_ptr_array_index (files, 0)));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Item?",
                                            "Delete %u Items?", files->len), files->len);
  if (n_folders == 1 && files->len == 1)
    body = _("The folder and everything in it will be deleted permanently.");
  else if (n_folders > 0)
    body = _("Folders are deleted with everything in them. This cannot be undone.");
  else if (files->len == 1)
    body = _("The file will be deleted permanently.");
  else
    body = _("The files will be deleted permanently.");

  dialog->self = g_object_ref (self);
  dialog->callback = callback;
  dialog->user_data = user_data;
  dialog->destroy = destroy;

  message_dialog = ferry_file_pane_message_dialog_new (self, heading, body);
  adw_message_dialog_add_responses (message_dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (message_dialog, "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  /* A slip of Enter keeps the files. */
  adw_message_dialog_set_default_response (message_dialog, "cancel");
  adw_message_dialog_set_close_response (message_dialog, "cancel");
  g_signal_connect_data (message_dialog, "response", G_CALLBACK (confirm_dialog_response_cb),
                         dialog, confirm_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (message_dialog));
}

/* ---- permissions ---- */

static const char * const who_labels[] = { N_("Owner"), N_("Group"), N_("Others") };
static const char * const what_labels[] = { N_("Read"), N_("Write"), N_("Execute") };

typedef struct
{
  FerryFilePane *self;
  AdwMessageDialog *dialog;
  GtkCheckButton *checks[9]; /* owner rwx, group rwx, others rwx */
  GtkEntry *entry;
  guint mode;
  gboolean updating;
  FerryPaneModeCallback callback;
  gpointer user_data;
  GDestroyNotify destroy;
} ModeDialog;

static void
mode_dialog_free (gpointer  data,
                  GClosure *closure)
{
  ModeDialog *dialog = data;

  if (dialog->destroy != NULL)
    dialog->destroy (dialog->user_data);
  g_clear_object (&dialog->self);
  g_free (dialog);
}

int
ferry_file_pane_parse_mode (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gsize len = strlen (stripped);

  if (len == 0 || len > 4)
    return -1;
  for (gsize i = 0; i < len; i++)
    if (stripped[i] < '0' || stripped[i] > '7')
      return -1;
  return (int) g_ascii_strtoull (stripped, NULL, 8);
}

static void
mode_dialog_show (ModeDialog *dialog,
                  gboolean    update_entry)
{
  dialog->updating = TRUE;
  for (guint i = 0; i < 9; i++)
    gtk_check_button_set_active (dialog->checks[i], (dialog->mode & (0400 >> i)) != 0);
  if (update_entry)
    {
      g_autofree char *text = g_strdup_printf ("%04o", dialog->mode);

      gtk_editable_set_text (GTK_EDITABLE (dialog->entry), text);
    }
  dialog->updating = FALSE;
}

static void
mode_check_toggled_cb (GtkCheckButton *check,
                       ModeDialog     *dialog)
{
  guint bits = 0;

  if (dialog->updating)
    return;
  for (guint i = 0; i < 9; i++)
    if (gtk_check_button_get_active (dialog->checks[i]))
      bits |= 0400 >> i;
  /* The set-user-ID, set-group-ID and sticky bits stay as they were. */
  dialog->mode = (dialog->mode & 07000) | bits;
  mode_dialog_show (dialog, TRUE);
  adw_message_dialog_set_response_enabled (dialog->dialog, "apply", TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (dialog->entry), "error");
}

static void
mode_entry_changed_cb (GtkEditable *editable,
                       ModeDialog  *dialog)
{
  int mode;

  if (dialog->updating)
    return;
  mode = ferry_file_pane_parse_mode (gtk_editable_get_text (editable));
  adw_message_dialog_set_response_enabled (dialog->dialog, "apply", mode >= 0);
  if (mode < 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (dialog->entry), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (dialog->entry), "error");
  dialog->mode = mode;
  mode_dialog_show (dialog, FALSE);
}

static void
mode_entry_activate_cb (GtkEntry   *entry,
                        ModeDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog->dialog, "apply"))
    {
      adw_message_dialog_response (dialog->dialog, "apply");
      gtk_window_close (GTK_WINDOW (dialog->dialog));
    }
}

static void
mode_dialog_response_cb (AdwMessageDialog *message_dialog,
                         const char       *response,
                         ModeDialog       *dialog)
{
  if (g_str_equal (response, "apply"))
    dialog->callback (dialog->self, dialog->mode, dialog->user_data);
}

void
ferry_file_pane_ask_permissions (FerryFilePane         *self,
                                 const char            *heading,
                                 guint                  mode,
                                 FerryPaneModeCallback  callback,
                                 gpointer               user_data,
                                 GDestroyNotify         destroy)
{
  ModeDialog *dialog = g_new0 (ModeDialog, 1);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *numeric_label = gtk_label_new_with_mnemonic (_("_Numeric value"));

  dialog->self = g_object_ref (self);
  dialog->mode = mode & 07777;
  dialog->callback = callback;
  dialog->user_data = user_data;
  dialog->destroy = destroy;
  dialog->dialog = ferry_file_pane_message_dialog_new (self, heading,
                                       _("Who may read, change and run it (for a folder: "
                                         "list, change and enter it)."));
  dialog->entry = GTK_ENTRY (entry);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  for (guint what = 0; what < 3; what++)
    {
      GtkWidget *label = gtk_label_new (_(what_labels[what]));

      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (GTK_GRID (grid), label, what + 1, 0, 1, 1);
    }
  for (guint who = 0; who < 3; who++)
    {
      GtkWidget *label = gtk_label_new (_(who_labels[who]));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (GTK_GRID (grid), label, 0, who + 1, 1, 1);
      for (guint what = 0; what < 3; what++)
        {
          GtkWidget *check = gtk_check_button_new ();
          g_autofree char *name = g_strdup_printf (C_("permission", "%s: %s"),
                                                   _(who_labels[who]), _(what_labels[what]));

          gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          name, -1);
          gtk_widget_set_tooltip_text (check, name);
          dialog->checks[who * 3 + what] = GTK_CHECK_BUTTON (check);
          g_signal_connect (check, "toggled", G_CALLBACK (mode_check_toggled_cb), dialog);
          gtk_grid_attach (GTK_GRID (grid), check, what + 1, who + 1, 1, 1);
        }
    }
  gtk_label_set_xalign (GTK_LABEL (numeric_label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (numeric_label), entry);
  gtk_widget_set_margin_top (numeric_label, 6);
  gtk_widget_set_margin_top (entry, 6);
  gtk_grid_attach (GTK_GRID (grid), numeric_label, 0, 4, 2, 1);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 4);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
  gtk_widget_add_css_class (entry, "monospace");
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  /* Named by its label (the mnemonic makes it "labelled-by"). */
  gtk_grid_attach (GTK_GRID (grid), entry, 2, 4, 2, 1);
  adw_message_dialog_set_extra_child (dialog->dialog, grid);

  adw_message_dialog_add_responses (dialog->dialog,
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Change"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog->dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog->dialog, "apply");
  adw_message_dialog_set_close_response (dialog->dialog, "cancel");

  mode_dialog_show (dialog, TRUE);
  g_signal_connect (entry, "changed", G_CALLBACK (mode_entry_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (mode_entry_activate_cb), dialog);
  g_signal_connect_data (dialog->dialog, "response", G_CALLBACK (mode_dialog_response_cb), dialog,
                         mode_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog->dialog));
}
