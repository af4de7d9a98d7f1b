/* ferry-site-manager-dialogs.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The site manager's dialogs: a name (rename, new folder), the folder to
 * move a site to, and importing FileZilla's site list with its report.
 */
#define G_LOG_DOMAIN "ferry-site-manager"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-filezilla.h"
#include "ferry-site-manager-private.h"

/* Asking for a name ------------------------------------------------------------ */

typedef struct
{
  FerrySiteManager *self;
  GtkEditable *entry;
  GtkLabel *error_label;
  gboolean folder_name;
  FerryNameCallback callback;
  gpointer user_data;
  GDestroyNotify destroy;
} NameRequest;

static void
name_request_free (gpointer data)
{
  NameRequest *request = data;

  if (request->destroy != NULL)
    request->destroy (request->user_data);
  g_free (request);
}

/* NULL when @text is a usable name, else why not. */
static const char *
name_problem (NameRequest *request,
              const char  *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (stripped[0] == '\0')
    return "";
  if (request->folder_name && strchr (stripped, '/') != NULL)
    return _("A folder name cannot contain “/”. Create the folders one inside the other.");
  return NULL;
}

static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  NameRequest *request = g_object_get_data (G_OBJECT (dialog), "ferry-request");
  const char *problem = name_problem (request, gtk_editable_get_text (entry));

  adw_message_dialog_set_response_enabled (dialog, "accept", problem == NULL);
  gtk_label_set_text (request->error_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (request->error_label), problem != NULL && *problem != '\0');
}

static void
name_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  NameRequest *request = g_object_get_data (G_OBJECT (dialog), "ferry-request");
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "accept") != 0)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (request->entry)));
  if (name_problem (request, name) == NULL)
    request->callback (request->self, name, request->user_data);
}

void
_ferry_site_manager_ask_name (FerrySiteManager *self,
                              const char       *heading,
                              const char       *body,
                              const char       *initial,
                              const char       *accept_label,
                              gboolean          folder_name,
                              FerryNameCallback callback,
                              gpointer          user_data,
                              GDestroyNotify    destroy)
{
  AdwMessageDialog *dialog;
  NameRequest *request = g_new0 (NameRequest, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *error_label = gtk_label_new (NULL);

  request->self = self;
  request->entry = GTK_EDITABLE (entry);
  request->error_label = GTK_LABEL (error_label);
  request->folder_name = folder_name;
  request->callback = callback;
  request->user_data = user_data;
  request->destroy = destroy;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  g_object_set_data_full (G_OBJECT (dialog), "ferry-request", request, name_request_free);

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  folder_name ? _("Folder Name") : _("Site Name"), -1);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), error_label);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "accept", accept_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "accept");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_signal_connect (entry, "changed", G_CALLBACK (name_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (name_response_cb), NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), initial ? initial : "");
  name_changed_cb (GTK_EDITABLE (entry), dialog);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

/* Moving a site to a folder ------------------------------------------------------- */

typedef struct
{
  FerrySiteManager *self;
  FerrySite *site;
  GtkDropDown *drop_down;
  GtkEditable *new_entry;
  char **folders;      /* the drop-down's items after the first ("no folder") */
} MoveRequest;

static void
move_request_free (gpointer data)
{
  MoveRequest *request = data;

  g_clear_object (&request->site);
  g_strfreev (request->folders);
  g_free (request);
}

static void
move_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  MoveRequest *request = g_object_get_data (G_OBJECT (dialog), "ferry-request");
  FerrySiteManager *self = request->self;
  g_autofree char *typed = NULL;
  g_autofree char *folder = NULL;
  guint selected;

  if (g_strcmp0 (response, "move") != 0)
    return;

  typed = ferry_folder_path_normalize (gtk_editable_get_text (request->new_entry));
  selected = gtk_drop_down_get_selected (request->drop_down);
  if (typed[0] != '\0')
    folder = g_steal_pointer (&typed);
  else if (selected >= 1 && selected - 1 < g_strv_length (request->folders))
    folder = g_strdup (request->folders[selected - 1]);
  else
    folder = g_strdup ("");

  if (folder[0] != '\0')
    ferry_site_store_add_folder (self->store, folder);
  ferry_site_set_folder (request->site, folder);
  _ferry_site_manager_schedule_save (self, TRUE);
  ferry_site_manager_select_site (self, request->site);
}

void
_ferry_site_manager_ask_move (FerrySiteManager *self,
                              FerrySite        *site)
{
  AdwMessageDialog *dialog;
  MoveRequest *request = g_new0 (MoveRequest, 1);
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *drop_down;
  GtkWidget *entry = gtk_entry_new ();
  guint selected = 0;

  request->self = self;
  request->site = g_object_ref (site);
  request->folders = ferry_site_store_dup_folders (self->store);
  request->new_entry = GTK_EDITABLE (entry);

  gtk_string_list_append (items, _("No Folder (Top Level)"));
  for (guint i = 0; request->folders[i] != NULL; i++)
    {
      gtk_string_list_append (items, request->folders[i]);
      if (g_strcmp0 (request->folders[i], ferry_site_get_folder (site)) == 0)
        selected = i + 1;
    }
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&items)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Folder"), -1);
  request->drop_down = GTK_DROP_DOWN (drop_down);

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Or a new folder, such as Work/Clients"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New Folder"), -1);
  gtk_box_append (GTK_BOX (box), drop_down);
  gtk_box_append (GTK_BOX (box), entry);

  /* Translators: %s is a site's name. */
  heading = g_strdup_printf (_("Move “%s”"), ferry_site_get_name (site));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Choose the folder for the site.")));
  g_object_set_data_full (G_OBJECT (dialog), "ferry-request", request, move_request_free);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "move", _("_Move"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "move");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (move_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Importing from FileZilla ------------------------------------------------------------ */

static char *
entry_path (const FerryImportEntry *entry)
{
  if (entry->folder == NULL || entry->folder[0] == '\0')
    return g_strdup (entry->name);
  return g_strconcat (entry->folder, "/", entry->name, NULL);
}

static GtkWidget *
report_row (const FerryImportEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean imported = entry->skip == FERRY_IMPORT_SKIP_NONE;
  GtkWidget *icon = gtk_image_new_from_icon_name (imported ? "emblem-ok-symbolic"
                                                           : "dialog-warning-symbolic");
  g_autofree char *path = entry_path (entry);
  GString *subtitle = g_string_new (NULL);

  if (imported)
    {
      g_string_append (subtitle, _("Imported."));
      if (entry->password == FERRY_IMPORT_PASSWORD_SAVED)
        g_string_append_printf (subtitle, " %s", _("Its password is now in your keyring."));
      else if (entry->password == FERRY_IMPORT_PASSWORD_ASK)
        g_string_append_printf (subtitle, " %s", _("Ferry will ask for its password."));
      if (entry->notes != NULL)
        g_string_append_printf (subtitle, " %s", entry->notes);
    }
  else
    {
      /* Translators: %s says why a site was not imported. */
      g_string_append_printf (subtitle, _("Skipped: %s"),
                              entry->notes ? entry->notes : _("Ferry cannot use this site."));
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), path);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (icon, imported ? "success" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  imported ? _("Imported") : _("Skipped"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  g_string_free (subtitle, TRUE);
  return row;
}

void
_ferry_site_manager_show_import_report (FerrySiteManager  *self,
                                        FerryImportReport *report)
{
  guint imported = ferry_import_report_get_n_imported (report);
  guint skipped = ferry_import_report_get_n_skipped (report);
  guint n = ferry_import_report_get_n_entries (report);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint saved = 0;
  AdwMessageDialog *dialog;
  GtkWidget *scrolled, *list;

  for (guint i = 0; i < n; i++)
    if (ferry_import_report_get_entry (report, i)->password == FERRY_IMPORT_PASSWORD_SAVED)
      saved++;

  if (imported == 0)
    heading = g_strdup (_("No Sites Imported"));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Site Imported",
                                            "%u Sites Imported", imported), imported);
  /* Translators: the first %s is where the sites came from ("FileZilla"). */
  body = g_strdup_printf (_("From %s: %u imported, %u skipped, %u passwords moved into your "
                            "keyring. Passwords never go to a file."),
                          ferry_import_report_get_source (report), imported, skipped, saved);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Import Report"), -1);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), report_row (ferry_import_report_get_entry (report,
                                                                                        i)));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_set_extra_child (dialog, scrolled);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, -1);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FerrySiteManager) self = user_data;
  g_autoptr(FerryImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = ferry_filezilla_import_finish (FERRY_SITE_STORE (source), result, &error);
  g_clear_object (&self->import_cancellable);
  adw_window_title_set_subtitle (self->sidebar_title, "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sites.import", TRUE);
  if (report == NULL)
    {
      AdwMessageDialog *dialog;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Nothing Was Imported"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  for (guint i = 0; i < ferry_import_report_get_n_entries (report); i++)
    {
      const FerryImportEntry *entry = ferry_import_report_get_entry (report, i);
      FerrySite *site = entry->site_id ? ferry_site_store_get_by_id (self->store, entry->site_id)
                                       : NULL;

      if (site != NULL)
        {
          ferry_site_manager_select_site (self, site);
          break;
        }
    }
  _ferry_site_manager_show_import_report (self, report);
}

static void
import_chooser_response_cb (FerrySiteManager *self,
                            int               response,
                            GtkNativeDialog  *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->import_chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      _ferry_site_manager_toast (self, _("Choose a file on this computer."));
      return;
    }

  self->import_cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sites.import", FALSE);
  /* Not a toast: libadwaita 1.2 can crash when a toast is dismissed while it
   * is still sliding in, and a small import is done by then. */
  adw_window_title_set_subtitle (self->sidebar_title, _("Importing from FileZilla…"));
  ferry_filezilla_import_async (self->store, path, 0, self->import_cancellable, import_done_cb,
                                g_object_ref (self));
}

void
_ferry_site_manager_import (FerrySiteManager *self)
{
  g_autoptr(GtkFileFilter) filezilla = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autofree char *folder = g_build_filename (g_get_user_config_dir (), "filezilla", NULL);

  if (self->import_chooser != NULL || self->import_cancellable != NULL)
    return;

  self->import_chooser = gtk_file_chooser_native_new (_("Import FileZilla Sites"),
                                                      GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_OPEN,
                                                      _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->import_chooser), TRUE);
  gtk_file_filter_set_name (filezilla, _("FileZilla site list (sitemanager.xml)"));
  gtk_file_filter_add_pattern (filezilla, "*.xml");
  gtk_file_filter_add_mime_type (filezilla, "application/xml");
  gtk_file_filter_add_mime_type (filezilla, "text/xml");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), filezilla);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), all);
  /* FileZilla keeps its site list in ~/.config/filezilla/sitemanager.xml. */
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) start = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->import_chooser), start, NULL);
    }
  g_signal_connect_object (self->import_chooser, "response",
                           G_CALLBACK (import_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
}
