/* ferry-connection-tab-exists.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A connection tab's answers to its runner's "file-exists": the conflicts
 * queue up and are asked one after another in a FerryExistsDialog, never in
 * stacked dialogs; one that the runner no longer waits for (cancelled, or
 * answered for its batch) is dropped unasked. The default for new transfers
 * is the "exists-action" preference: anything but "ask" never shows a dialog.
 */
#define G_LOG_DOMAIN "ferry-connection-tab"

#include "config.h"

#include "ferry-connection-tab-private.h"
#include "ferry-exists-dialog.h"
#include "ferry-exists-policy.h"

#define ASKER_KEY "ferry-exists-asker"

typedef struct
{
  GQueue pending;      /* FerryTransfer (a reference each) */
  GtkWidget *dialog;   /* the one shown, or NULL */
} Asker;

static void
asker_free (gpointer data)
{
  Asker *asker = data;

  g_queue_clear_full (&asker->pending, g_object_unref);
  if (asker->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (asker->dialog), (gpointer *) &asker->dialog);
  g_free (asker);
}

static Asker *
get_asker (FerryConnectionTab *self)
{
  Asker *asker = g_object_get_data (G_OBJECT (self), ASKER_KEY);

  if (asker == NULL)
    {
      asker = g_new0 (Asker, 1);
      g_queue_init (&asker->pending);
      g_object_set_data_full (G_OBJECT (self), ASKER_KEY, asker, asker_free);
    }
  return asker;
}

static void show_next (FerryConnectionTab *self);

static void
exists_response_cb (FerryExistsDialog  *dialog,
                    const char         *response,
                    FerryConnectionTab *self)
{
  FerryExistsAction action = FERRY_EXISTS_SKIP;
  Asker *asker = get_asker (self);

  if (!ferry_exists_action_from_nick (response, &action) || action == FERRY_EXISTS_ASK)
    action = FERRY_EXISTS_SKIP;
  if (self->runner != NULL)
    ferry_transfer_runner_answer_exists (self->runner, ferry_exists_dialog_get_transfer (dialog),
                                         action,
                                         ferry_exists_dialog_get_apply_to_rest (dialog));
  if (asker->dialog == GTK_WIDGET (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &asker->dialog);
      asker->dialog = NULL;
    }
  show_next (self);
}

static void
show_next (FerryConnectionTab *self)
{
  Asker *asker = get_asker (self);
  FerryTransfer *transfer;

  if (asker->dialog != NULL || self->runner == NULL)
    return;
  while ((transfer = g_queue_pop_head (&asker->pending)) != NULL)
    {
      g_autoptr(FerryTransfer) owned = transfer;

      if (!ferry_transfer_runner_get_asking (self->runner, transfer))
        continue;
      asker->dialog = ferry_exists_dialog_new (_ferry_connection_tab_parent_window (self),
                                               transfer,
                                               ferry_transfer_get_parent (transfer) != NULL);
      g_object_add_weak_pointer (G_OBJECT (asker->dialog), (gpointer *) &asker->dialog);
      g_signal_connect_object (asker->dialog, "response", G_CALLBACK (exists_response_cb), self,
                               0);
      gtk_window_present (GTK_WINDOW (asker->dialog));
      return;
    }
}

void
_ferry_connection_tab_file_exists_cb (FerryTransferRunner *runner,
                                      FerryTransfer       *transfer,
                                      FerryConnectionTab  *self)
{
  Asker *asker = get_asker (self);

  g_queue_push_tail (&asker->pending, g_object_ref (transfer));
  show_next (self);
}

FerryTransferFlags
_ferry_connection_tab_exists_flags (FerryConnectionTab *self,
                                    FerryTransferFlags  flags)
{
  g_autofree char *nick = NULL;
  FerryExistsAction action = FERRY_EXISTS_ASK;

  if (self->settings == NULL)
    return flags;
  nick = g_settings_get_string (self->settings, "exists-action");
  if (!ferry_exists_action_from_nick (nick, &action))
    action = FERRY_EXISTS_ASK;
  return ferry_exists_action_apply (flags, action);
}
