/* ferry-transfer-notifier.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tells the person, through the desktop's notifications, that a batch of
 * transfers ended while they were looking at something else. A batch is
 * what finished between the runner becoming busy and becoming idle again:
 * every file (a folder counts as its files) that ended in it, done or failed;
 * cancelled ones were the person's own doing and are not counted.
 */
#define G_LOG_DOMAIN "ferry-transfer-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-transfer-notifier.h"

struct _FerryTransferNotifier
{
  GObject parent_instance;

  GtkWidget *anchor; /* not referenced */
  FerryTransferRunner *runner;
  GHashTable *watched; /* FerryTransfer* we listen to */
  GHashTable *batch;   /* FerryTransfer* set: waiting or running in this batch */
  char *host;
  char *id;
};

G_DEFINE_FINAL_TYPE (FerryTransferNotifier, ferry_transfer_notifier, G_TYPE_OBJECT)

static gboolean
is_file (FerryTransfer *transfer)
{
  return !ferry_transfer_get_is_folder (transfer) || ferry_transfer_get_parent (transfer) != NULL;
}

static gboolean
is_unfinished (FerryTransfer *transfer)
{
  FerryTransferState state = ferry_transfer_get_state (transfer);

  return state == FERRY_TRANSFER_QUEUED || state == FERRY_TRANSFER_ACTIVE
         || state == FERRY_TRANSFER_PAUSED;
}

static void
join_batch (FerryTransferNotifier *self,
            FerryTransfer         *transfer)
{
  if (is_unfinished (transfer) && !g_hash_table_contains (self->batch, transfer))
    g_hash_table_add (self->batch, g_object_ref (transfer));
}

static void
state_cb (FerryTransfer         *transfer,
          GParamSpec            *pspec,
          FerryTransferNotifier *self)
{
  /* Retried or resumed: whatever it ends as counts. */
  join_batch (self, transfer);
}

static void
items_changed_cb (GListModel            *model,
                  guint                  position,
                  guint                  removed,
                  guint                  added,
                  FerryTransferNotifier *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(FerryTransfer) transfer = g_list_model_get_item (model, i);

      if (!is_file (transfer) || g_hash_table_contains (self->watched, transfer))
        continue;
      g_hash_table_add (self->watched, g_object_ref (transfer));
      join_batch (self, transfer);
      g_signal_connect_object (transfer, "notify::state", G_CALLBACK (state_cb), self, 0);
    }
}

char *
ferry_transfer_notifier_describe (guint       n_files,
                                  guint       n_failed,
                                  guint       uploads,
                                  guint       downloads,
                                  const char *host)
{
  if (n_failed == 0)
    {
      if (downloads == 0)
        return g_strdup_printf (ngettext ("%u file uploaded to %s", "%u files uploaded to %s",
                                          n_files), n_files, host);
      if (uploads == 0)
        return g_strdup_printf (ngettext ("%u file downloaded from %s",
                                          "%u files downloaded from %s", n_files),
                                n_files, host);
      return g_strdup_printf (ngettext ("%u file transferred with %s",
                                        "%u files transferred with %s", n_files),
                              n_files, host);
    }
  if (n_failed == n_files && n_files == 1)
    {
      if (downloads == 0)
        return g_strdup_printf (_("The file could not be uploaded to %s"), host);
      if (uploads == 0)
        return g_strdup_printf (_("The file could not be downloaded from %s"), host);
    }
  /* Translators: the plural follows the number of files in the batch (the second
   * number), as in "3 of 12 files could not be uploaded to example.com". */
  if (downloads == 0)
    return g_strdup_printf (ngettext ("%u of %u file could not be uploaded to %s",
                                      "%u of %u files could not be uploaded to %s", n_files),
                            n_failed, n_files, host);
  if (uploads == 0)
    return g_strdup_printf (ngettext ("%u of %u file could not be downloaded from %s",
                                      "%u of %u files could not be downloaded from %s",
                                      n_files),
                            n_failed, n_files, host);
  return g_strdup_printf (ngettext ("%u of %u file could not be transferred with %s",
                                    "%u of %u files could not be transferred with %s", n_files),
                          n_failed, n_files, host);
}

static gboolean
window_is_active (FerryTransferNotifier *self)
{
  GtkRoot *root = self->anchor ? gtk_widget_get_root (self->anchor) : NULL;

  return GTK_IS_WINDOW (root) && gtk_window_is_active (GTK_WINDOW (root))
         && gtk_widget_get_mapped (GTK_WIDGET (root));
}

/* GLib sends through the portal in a sandbox, else to org.gtk.Notifications
 * or org.freedesktop.Notifications; with none of them there (a bare X
 * session) it only warns. So outside a sandbox, look first. */
typedef struct
{
  GNotification *notification;
  char *id;
  gboolean activatable; /* the second question: a service that D-Bus can start */
} Pending;

static void
pending_free (Pending *p)
{
  g_object_unref (p->notification);
  g_free (p->id);
  g_free (p);
}

static void
names_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Pending *p = user_data;
  GApplication *app = g_application_get_default ();
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **names = NULL;
  gboolean heard = FALSE;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    {
      g_variant_get (reply, "(^a&s)", &names);
      heard = g_strv_contains (names, "org.freedesktop.Notifications")
              || (!p->activatable && g_strv_contains (names, "org.gtk.Notifications"));
    }
  if (heard && app != NULL)
    g_application_send_notification (app, p->id, p->notification);
  else if (!heard && !p->activatable && reply != NULL)
    {
      p->activatable = TRUE;
      g_dbus_connection_call (G_DBUS_CONNECTION (source), "org.freedesktop.DBus",
                              "/org/freedesktop/DBus", "org.freedesktop.DBus",
                              "ListActivatableNames", NULL, G_VARIANT_TYPE ("(as)"),
                              G_DBUS_CALL_FLAGS_NONE, 10000, NULL, names_cb, p);
      return;
    }
  else if (!heard)
    g_debug ("%s: no notification service on the session bus%s%s", p->id,
             error ? ": " : "", error ? error->message : "");
  pending_free (p);
}

static void
send_when_heard (FerryTransferNotifier *self,
                 GNotification         *notification)
{
  GApplication *app = g_application_get_default ();
  GDBusConnection *bus = app ? g_application_get_dbus_connection (app) : NULL;
  Pending *p;

  if (app == NULL)
    return;
  if (bus == NULL || g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_application_send_notification (app, self->id, notification);
      return;
    }
  p = g_new0 (Pending, 1);
  p->notification = g_object_ref (notification);
  p->id = g_strdup (self->id);
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "ListNames", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, 10000, NULL, names_cb, p);
}

static void
batch_ended (FerryTransferNotifier *self)
{
  GApplication *app = g_application_get_default ();
  guint n_files = 0, n_failed = 0, uploads = 0, downloads = 0;
  GHashTableIter iter;
  gpointer transfer;
  g_autofree char *body = NULL;
  g_autoptr(GNotification) notification = NULL;
  const char *title;

  g_hash_table_iter_init (&iter, self->batch);
  while (g_hash_table_iter_next (&iter, &transfer, NULL))
    {
      FerryTransferState state = ferry_transfer_get_state (transfer);

      if (state == FERRY_TRANSFER_QUEUED || state == FERRY_TRANSFER_ACTIVE
          || state == FERRY_TRANSFER_PAUSED)
        continue; /* the next batch's */
      g_hash_table_iter_remove (&iter);
      if (state == FERRY_TRANSFER_CANCELLED)
        continue;
      n_files++;
      if (state == FERRY_TRANSFER_FAILED)
        n_failed++;
      if (ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_UPLOAD)
        uploads++;
      else
        downloads++;
    }
  g_debug ("%s: a batch of %u files ended (%u failed); the window is %s", self->id, n_files,
           n_failed, window_is_active (self) ? "active" : "not active");
  if (n_files == 0 || app == NULL || window_is_active (self))
    return;

  body = ferry_transfer_notifier_describe (n_files, n_failed, uploads, downloads,
                                           self->host ? self->host : "");
  if (n_failed > 0)
    title = _("Transfers Failed");
  else if (downloads == 0)
    title = _("Upload Finished");
  else if (uploads == 0)
    title = _("Download Finished");
  else
    title = _("Transfers Finished");
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-transfers", "s",
                                                self->id);
  if (n_failed > 0)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_debug ("notify %s: %s", self->id, body);
  send_when_heard (self, notification);
}

static void
busy_cb (FerryTransferNotifier *self)
{
  GHashTableIter iter;
  gpointer transfer;

  if (!ferry_transfer_runner_get_busy (self->runner))
    {
      batch_ended (self);
      return;
    }
  /* A batch begins (a retry, a resume): what waits now is in it. */
  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &transfer, NULL))
    join_batch (self, transfer);
}

static void
unwatch (FerryTransferNotifier *self)
{
  GHashTableIter iter;
  gpointer transfer;

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &transfer, NULL))
    g_signal_handlers_disconnect_by_data (transfer, self);
  g_hash_table_remove_all (self->watched);
  g_hash_table_remove_all (self->batch);
  if (self->runner != NULL)
    {
      g_signal_handlers_disconnect_by_data (ferry_transfer_runner_get_transfers (self->runner),
                                            self);
      g_signal_handlers_disconnect_by_data (self->runner, self);
    }
}

void
ferry_transfer_notifier_set_runner (FerryTransferNotifier *self,
                                    FerryTransferRunner   *runner)
{
  GListModel *model;

  g_return_if_fail (FERRY_IS_TRANSFER_NOTIFIER (self));

  if (self->runner == runner)
    return;
  unwatch (self);
  g_set_object (&self->runner, runner);
  if (runner == NULL)
    return;
  model = ferry_transfer_runner_get_transfers (runner);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self, 0);
  g_signal_connect_object (runner, "notify::busy", G_CALLBACK (busy_cb), self,
                           G_CONNECT_SWAPPED);
  items_changed_cb (model, 0, 0, g_list_model_get_n_items (model), self);
}

void
ferry_transfer_notifier_set_host (FerryTransferNotifier *self,
                                  const char            *host)
{
  g_return_if_fail (FERRY_IS_TRANSFER_NOTIFIER (self));

  g_free (self->host);
  self->host = g_strdup (host);
}

const char *
ferry_transfer_notifier_get_id (FerryTransferNotifier *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_NOTIFIER (self), NULL);

  return self->id;
}

static void
ferry_transfer_notifier_dispose (GObject *object)
{
  FerryTransferNotifier *self = FERRY_TRANSFER_NOTIFIER (object);

  unwatch (self);
  g_clear_object (&self->runner);

  G_OBJECT_CLASS (ferry_transfer_notifier_parent_class)->dispose (object);
}

static void
ferry_transfer_notifier_finalize (GObject *object)
{
  FerryTransferNotifier *self = FERRY_TRANSFER_NOTIFIER (object);

  g_hash_table_unref (self->watched);
  g_hash_table_unref (self->batch);
  g_free (self->host);
  g_free (self->id);

  G_OBJECT_CLASS (ferry_transfer_notifier_parent_class)->finalize (object);
}

static void
ferry_transfer_notifier_class_init (FerryTransferNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ferry_transfer_notifier_dispose;
  object_class->finalize = ferry_transfer_notifier_finalize;
}

static void
ferry_transfer_notifier_init (FerryTransferNotifier *self)
{
  static guint last_id;

  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->batch = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->id = g_strdup_printf ("transfers-%u", ++last_id);
}

FerryTransferNotifier *
ferry_transfer_notifier_new (GtkWidget *anchor)
{
  FerryTransferNotifier *self = g_object_new (FERRY_TYPE_TRANSFER_NOTIFIER, NULL);

  self->anchor = anchor;
  return self;
}
