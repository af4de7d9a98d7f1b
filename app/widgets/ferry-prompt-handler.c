/* ferry-prompt-handler.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns a FerryPrompt into the dialog it needs. Every prompt of the window
 * goes through here: the browsing session's, the transfer sessions', and the
 * site manager's Test Connection.
 */
#define G_LOG_DOMAIN "ferry-prompt-handler"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-certificate-dialog.h"
#include "ferry-prompt-handler.h"

typedef struct
{
  FerryPrompt *prompt;
  GCancellable *cancellable;
  gulong cancelled_id;
  GtkWindow *dialog; /* weak: the window owns itself */
} PromptRun;

static void
prompt_run_free (gpointer data)
{
  PromptRun *run = data;

  if (!ferry_prompt_is_answered (run->prompt))
    ferry_prompt_respond (run->prompt, FERRY_PROMPT_ANSWER_REJECT);
  if (run->cancelled_id != 0)
    g_cancellable_disconnect (run->cancellable, run->cancelled_id);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->prompt);
  g_free (run);
}

static gboolean
close_dialog_idle_cb (gpointer data)
{
  GtkWindow *dialog = data;

  gtk_window_destroy (dialog);
  g_object_unref (dialog);
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              PromptRun    *run)
{
  /* May run inside g_cancellable_cancel(): close from an idle, where
   * disconnecting this handler is allowed. */
  if (run->dialog != NULL)
    g_idle_add (close_dialog_idle_cb, g_object_ref (run->dialog));
}

static void
plain_fallback_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            PromptRun        *run)
{
  if (!ferry_prompt_is_answered (run->prompt))
    ferry_prompt_respond (run->prompt, g_strcmp0 (response, "plain") == 0
                                         ? FERRY_PROMPT_ANSWER_ACCEPT_ONCE
                                         : FERRY_PROMPT_ANSWER_REJECT);
}

static GtkWindow *
plain_fallback_dialog_new (GtkWindow   *parent,
                           FerryPrompt *prompt,
                           PromptRun   *run)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  const char *heading;
  const char *risk;

  if (ferry_prompt_get_downgrade_warning (prompt))
    {
      heading = _("Encryption Is Missing");
      risk = _("This server was encrypted before: Ferry trusted a certificate of it. A server "
               "that suddenly offers no encryption may be an attacker between you and the "
               "server, waiting for your password. Only continue if the server’s "
               "administrator told you that encryption was turned off.");
    }
  else
    {
      heading = _("Log In Without Encryption?");
      risk = _("Your user name, password and files would travel in clear text: anyone on "
               "the network between you and the server could read them.");
    }
  body = g_strdup_printf ("%s\n\n%s", ferry_prompt_get_message (prompt), risk);

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "plain", _("Log In _Without Encryption"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "plain",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (plain_fallback_response_cb), run);
  return GTK_WINDOW (dialog);
}

GtkWindow *
ferry_prompt_handler_run (GtkWindow    *parent,
                          FerryPrompt  *prompt,
                          GCancellable *cancellable)
{
  PromptRun *run;

  g_return_val_if_fail (FERRY_IS_PROMPT (prompt), NULL);

  if (ferry_prompt_is_answered (prompt))
    return NULL;
  if (g_cancellable_is_cancelled (cancellable))
    {
      ferry_prompt_respond (prompt, FERRY_PROMPT_ANSWER_REJECT);
      return NULL;
    }

  run = g_new0 (PromptRun, 1);
  run->prompt = g_object_ref (prompt);
  switch (ferry_prompt_get_kind (prompt))
    {
    case FERRY_PROMPT_CERTIFICATE:
    case FERRY_PROMPT_CERTIFICATE_CHANGED:
      run->dialog = GTK_WINDOW (ferry_certificate_dialog_new_for_prompt (parent, prompt));
      break;
    case FERRY_PROMPT_PLAIN_FALLBACK:
    default:
      run->dialog = plain_fallback_dialog_new (parent, prompt, run);
      break;
    }

  g_object_add_weak_pointer (G_OBJECT (run->dialog), (gpointer *) &run->dialog);
  /* Freed (and, unanswered, rejected) with the dialog. */
  g_object_set_data_full (G_OBJECT (run->dialog), "ferry-prompt-run", run, prompt_run_free);
  if (cancellable != NULL)
    {
      run->cancellable = g_object_ref (cancellable);
      run->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb),
                                                 run, NULL);
    }
  gtk_window_present (run->dialog);
  return run->dialog;
}
