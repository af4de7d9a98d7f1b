/* ferry-file-pane-unread.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines of a listing that no reader could read (FerryListing keeps them):
 * the banner's sentence over the folder, so that "Ferry could not read it"
 * never looks like an empty folder, and the dialog with the raw lines
 * (pane.show-raw-listing), which copies them for a bug report.
 */
#define G_LOG_DOMAIN "ferry-file-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-file-pane-private.h"

void
ferry_file_pane_set_unread_lines (FerryFilePane  *self,
                                  char          **lines,
                                  guint           n_unread)
{
  g_strfreev (self->unread_lines);
  self->unread_lines = lines;
  self->n_unread = lines != NULL ? n_unread : 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.show-raw-listing", self->n_unread > 0);
}

char *
ferry_file_pane_dup_unread_sentence (FerryFilePane *self,
                                     guint          n_read)
{
  if (self->n_unread == 0)
    return NULL;
  if (n_read == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The server listed %u line, and Ferry could not read "
                                         "it: this folder may not be empty.",
                                         "The server listed %u lines, and Ferry could read none "
                                         "of them: this folder may not be empty.",
                                         self->n_unread), self->n_unread);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u entry could not be read and is not shown.",
                                       "%u entries could not be read and are not shown.",
                                       self->n_unread), self->n_unread);
}

static char *
joined_lines (FerryFilePane *self)
{
  return g_strjoinv ("\n", self->unread_lines);
}

static void
raw_listing_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         FerryFilePane    *self)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "copy") != 0 || self->unread_lines == NULL)
    return;
  text = joined_lines (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  ferry_file_pane_emit_toast (self, _("Lines copied"));
}

static GtkWidget *
raw_lines_view (FerryFilePane *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  g_autofree char *text = joined_lines (self);
  guint n_kept = g_strv_length (self->unread_lines);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_NONE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unread lines"), -1);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 520);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_set_overflow (scroller, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (box), scroller);

  if (self->n_unread > n_kept)
    {
      guint more = self->n_unread - n_kept;
      g_autofree char *sentence =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more line, not kept.",
                                      "… and %u more lines, not kept.", more), more);
      GtkWidget *label = gtk_label_new (sentence);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

static void
show_raw_listing_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  FerryFilePane *self = FERRY_FILE_PANE (widget);
  g_autofree char *folder = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->unread_lines == NULL || self->path == NULL)
    return;
  folder = ferry_browser_source_dup_display_path (self->source, self->path);
  body = g_strdup_printf (_("The server sent these lines when it listed “%s”, and Ferry knows "
                            "no format they fit. If you know what kind of server this is, "
                            "choose it under Server Type in the site’s settings."), folder);
  dialog = ferry_file_pane_message_dialog_new (self, _("Lines Ferry Could Not Read"), body);
  adw_message_dialog_set_extra_child (dialog, raw_lines_view (self));
  adw_message_dialog_add_responses (dialog, "copy", _("_Copy"), "close", _("_Close"), NULL);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (raw_listing_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
ferry_file_pane_class_init_unread (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "pane.show-raw-listing", NULL,
                                   show_raw_listing_action);
}
