/* ferry-password-dialog.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks for a site's password: a message dialog with a password entry that
 * does not echo, and a check to remember it in the keyring. The password only
 * lives in the entry's secure buffer and in the string handed to the caller,
 * which wipes it after use.
 */
#define G_LOG_DOMAIN "ferry-password-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-keyring.h"
#include "ferry-password-dialog.h"

struct _FerryPasswordDialog
{
  AdwMessageDialog parent_instance;

  GTask *task;              /* owned while the dialog is open */
  GMainContext *context;    /* where the answer goes */
  gulong cancelled_id;

  /* Template children */
  GtkPasswordEntry *password_entry;
  GtkCheckButton *remember_check;
};

G_DEFINE_FINAL_TYPE (FerryPasswordDialog, ferry_password_dialog, ADW_TYPE_MESSAGE_DIALOG)

typedef struct
{
  char *password;
  gboolean remember;
} Answer;

static void
answer_free (gpointer data)
{
  Answer *answer = data;

  ferry_password_free (answer->password);
  g_free (answer);
}

static void
clear_entry (FerryPasswordDialog *self)
{
  /* GtkPasswordEntryBuffer keeps the text in secure memory and wipes what it
   * deletes. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
}

/* Answers the task (once). Takes @answer or @error. A response closes the
 * dialog by itself; @close closes it otherwise (cancelled). */
static void
ferry_password_dialog_finish (FerryPasswordDialog *self,
                              Answer              *answer,
                              GError              *error,
                              gboolean             close)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  /* Answered already (a late cancel or a second response): the dialog may be
   * gone, its entry with it. */
  if (task == NULL)
    {
      if (answer != NULL)
        answer_free (answer);
      g_clear_error (&error);
      return;
    }
  clear_entry (self);

  if (self->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
      self->cancelled_id = 0;
    }
  if (answer != NULL)
    g_task_return_pointer (task, answer, answer_free);
  else
    g_task_return_error (task, error);

  if (close)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
password_changed_cb (FerryPasswordDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "log-in", text[0] != '\0');
}

static void
ferry_password_dialog_response (AdwMessageDialog *dialog,
                                const char       *response)
{
  FerryPasswordDialog *self = FERRY_PASSWORD_DIALOG (dialog);

  if (g_strcmp0 (response, "log-in") == 0)
    {
      Answer *answer = g_new0 (Answer, 1);

      answer->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_entry)));
      answer->remember = gtk_widget_get_visible (GTK_WIDGET (self->remember_check))
                         && gtk_check_button_get_active (self->remember_check);
      ferry_password_dialog_finish (self, answer, NULL, FALSE);
    }
  else
    {
      ferry_password_dialog_finish (self, NULL,
                                    g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                         _("No password was given.")),
                                    FALSE);
    }
}

static gboolean
cancelled_idle_cb (gpointer user_data)
{
  FerryPasswordDialog *self = user_data;

  ferry_password_dialog_finish (self, NULL,
                                g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     _("The password request was cancelled.")),
                                TRUE);
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable        *cancellable,
              FerryPasswordDialog *self)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  /* May run in another thread, and always inside g_cancellable_cancel(),
   * where disconnecting would deadlock: answer from an idle of the dialog's
   * own main context. */
  g_source_set_callback (source, cancelled_idle_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[ferry] password dialog cancelled");
  g_source_attach (source, self->context);
}

static void
ferry_password_dialog_dispose (GObject *object)
{
  FerryPasswordDialog *self = FERRY_PASSWORD_DIALOG (object);

  /* Destroyed by someone else (its parent closed): that is a cancel. */
  if (self->task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      if (self->cancelled_id != 0)
        g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
      self->cancelled_id = 0;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The password request was closed."));
    }

  /* No gtk_widget_dispose_template(): the window tears its children down. */

  G_OBJECT_CLASS (ferry_password_dialog_parent_class)->dispose (object);
}

static void
ferry_password_dialog_finalize (GObject *object)
{
  FerryPasswordDialog *self = FERRY_PASSWORD_DIALOG (object);

  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (ferry_password_dialog_parent_class)->finalize (object);
}

static void
ferry_password_dialog_class_init (FerryPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = ferry_password_dialog_dispose;
  object_class->finalize = ferry_password_dialog_finalize;
  dialog_class->response = ferry_password_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ferryapp/Ferry/ui/"
                                               "ferry-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryPasswordDialog, password_entry);
  gtk_widget_class_bind_template_child (widget_class, FerryPasswordDialog, remember_check);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);
}

static void
ferry_password_dialog_init (FerryPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "log-in", FALSE);
}

void
ferry_password_dialog_ask_async (GtkWindow          *parent,
                                 const char         *user,
                                 const char         *host_port,
                                 gboolean            rejected_before,
                                 gboolean            offer_remember,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  FerryPasswordDialog *self;
  g_autofree char *body = NULL;
  const char *who = (user != NULL && *user != '\0') ? user : "anonymous";

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (host_port != NULL);

  self = g_object_new (FERRY_TYPE_PASSWORD_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, ferry_password_dialog_ask_async);
  self->context = g_main_context_ref_thread_default ();

  if (rejected_before)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Wrong Password"));
      /* Translators: %s is a user name, %s a server address ("host:port"). */
      body = g_strdup_printf (_("The server refused the password for %s on %s; enter it "
                                "again."), who, host_port);
      gtk_check_button_set_label (self->remember_check, _("_Update the password in the keyring"));
    }
  else
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Password Required"));
      body = g_strdup_printf (_("Enter the password for %s on %s."), who, host_port);
    }
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  gtk_widget_set_visible (GTK_WIDGET (self->remember_check), offer_remember);
  gtk_check_button_set_active (self->remember_check, offer_remember && rejected_before);

  if (cancellable != NULL)
    {
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb),
                                                  self, NULL);
      if (self->cancelled_id == 0)
        {
          /* Already cancelled: cancelled_cb ran and queued the answer. */
          return;
        }
    }

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

char *
ferry_password_dialog_ask_finish (GAsyncResult *result,
                                  gboolean     *out_remember,
                                  GError      **error)
{
  Answer *answer;
  char *password;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == ferry_password_dialog_ask_async, NULL);

  if (out_remember != NULL)
    *out_remember = FALSE;
  answer = g_task_propagate_pointer (G_TASK (result), error);
  if (answer == NULL)
    return NULL;
  if (out_remember != NULL)
    *out_remember = answer->remember;
  password = g_steal_pointer (&answer->password);
  answer_free (answer);
  return password;
}
