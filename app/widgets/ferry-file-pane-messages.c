/* ferry-file-pane-messages.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the pane says over its list: the message bar (a failed listing with
 * Retry, a failed operation, an incomplete listing, unread lines with Show
 * Raw Listing) and the sentences of errors, with what to do about them.
 */
#define G_LOG_DOMAIN "ferry-file-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-error.h"
#include "ferry-file-pane-private.h"

/* A sentence that says what happened and what to do. */
char *
ferry_file_pane_explain_error (const GError *error,
                               const char   *advice)
{
  if (error->domain == FERRY_ERROR &&
      (error->code == FERRY_ERROR_NOT_CONNECTED || error->code == FERRY_ERROR_CONNECTION_LOST ||
       error->code == FERRY_ERROR_TIMEOUT))
    return g_strdup_printf (_("%s Reconnect to the server, then try again."), error->message);
  /* A server's refusal quotes its reply: say what the person can do about it. */
  if (error->domain == FERRY_ERROR && error->code == FERRY_ERROR_REMOTE && advice != NULL)
    return g_strdup_printf ("%s %s", error->message, advice);
  return g_strdup (error->message);
}

void
ferry_file_pane_show_message (FerryFilePane *self,
                              MessageKind    kind,
                              const char    *text)
{
  self->message_kind = kind;
  if (kind == MESSAGE_NONE)
    {
      gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
      return;
    }
  gtk_label_set_text (self->message_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->message_button),
                          kind == MESSAGE_LISTING || kind == MESSAGE_UNREAD);
  if (kind == MESSAGE_UNREAD)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->message_button),
                                      "pane.show-raw-listing");
      gtk_button_set_label (self->message_button, _("Show Raw _Listing"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show Raw Listing"), -1);
    }
  else if (kind == MESSAGE_LISTING)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->message_button), "pane.retry");
      gtk_button_set_label (self->message_button, _("_Retry"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Retry"), -1);
    }
  if (kind == MESSAGE_NOTICE || kind == MESSAGE_UNREAD)
    {
      gtk_widget_remove_css_class (self->message_box, "problem");
      gtk_widget_add_css_class (self->message_box, "notice");
      gtk_image_set_from_icon_name (self->message_icon, "dialog-information-symbolic");
    }
  else
    {
      gtk_widget_remove_css_class (self->message_box, "notice");
      gtk_widget_add_css_class (self->message_box, "problem");
      gtk_image_set_from_icon_name (self->message_icon, "dialog-warning-symbolic");
    }
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
}

