/* ferry-transfer-row.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One transfer in a tab's transfer queue: its name and direction, a progress
 * bar, the bytes, the rate and the time left, and its state; failed transfers
 * say why. Its buttons and menu (pause, resume, retry, cancel, move, open) are
 * the row's actions ("row.pause", …); each one emits ::request for the panel,
 * which owns the runner, to carry out.
 */
#define G_LOG_DOMAIN "ferry-transfer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-transfer-row.h"
#include "ferry-transfer-totals.h"

struct _FerryTransferRow
{
  GtkWidget parent_instance;

  FerryTransfer *transfer;
  GListModel *queue; /* the runner's transfers: a folder's files are counted there */
  char *host;

  /* Template children */
  GtkImage *direction_icon;
  GtkLabel *name_label;
  GtkLabel *eta_label;
  GtkLabel *state_label;
  GtkProgressBar *progress_bar;
  GtkLabel *detail_label;
  GtkButton *pause_button;
  GtkButton *resume_button;
  GtkButton *retry_button;
  GtkButton *cancel_button;
  GtkMenuButton *menu_button;
};

G_DEFINE_FINAL_TYPE (FerryTransferRow, ferry_transfer_row, GTK_TYPE_WIDGET)

enum {
  SIGNAL_REQUEST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
ferry_transfer_row_describe_progress (FerryTransfer *transfer)
{
  gint64 done = ferry_transfer_get_bytes_done (transfer);
  gint64 total = ferry_transfer_get_total (transfer);
  double rate = ferry_transfer_get_rate (transfer);
  g_autofree char *done_text = g_format_size (done);
  g_autofree char *total_text = total >= 0 ? g_format_size (total) : NULL;
  g_autofree char *amount = NULL;

  if (total_text != NULL)
    /* Translators: bytes done "of" the total, as in "1.5 MB of 4.2 MB". */
    amount = g_strdup_printf (_("%s of %s"), done_text, total_text);
  else
    amount = g_steal_pointer (&done_text);

  if (ferry_transfer_get_state (transfer) == FERRY_TRANSFER_ACTIVE && rate > 0)
    {
      g_autofree char *rate_text = g_format_size ((guint64) rate);

      /* Translators: an amount, then a rate as in "320.0 kB/s". */
      return g_strdup_printf (_("%s · %s/s"), amount, rate_text);
    }
  return g_steal_pointer (&amount);
}

char *
ferry_transfer_row_describe_time_left (FerryTransfer *transfer)
{
  gint64 done = ferry_transfer_get_bytes_done (transfer);
  gint64 total = ferry_transfer_get_total (transfer);

  return ferry_transfer_format_time_left (total >= 0 ? total - done : -1,
                                          ferry_transfer_get_rate (transfer));
}

const char *
ferry_transfer_row_describe_state (FerryTransfer *transfer)
{
  gboolean upload = ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_UPLOAD;

  switch (ferry_transfer_get_state (transfer))
    {
    case FERRY_TRANSFER_QUEUED:
      return _("Queued");
    case FERRY_TRANSFER_ACTIVE:
      return upload ? _("Uploading") : _("Downloading");
    case FERRY_TRANSFER_PAUSED:
      return _("Paused");
    case FERRY_TRANSFER_DONE:
      /* Its target existed and was left alone (ferry-exists-policy.h). */
      return ferry_transfer_get_skipped (transfer) ? _("Skipped") : _("Done");
    case FERRY_TRANSFER_FAILED:
      return _("Failed");
    case FERRY_TRANSFER_CANCELLED:
    default:
      return _("Cancelled");
    }
}

static char *
dup_name (FerryTransfer *transfer)
{
  const char *remote = ferry_transfer_get_remote_path (transfer);
  g_autofree char *base = NULL;

  if (ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_UPLOAD
      || remote == NULL || remote[0] == '\0')
    {
      GFile *local = ferry_transfer_get_local_file (transfer);

      if (local != NULL)
        {
          base = g_file_get_basename (local);
          return g_filename_display_name (base);
        }
    }
  base = g_path_get_basename (remote != NULL ? remote : "");
  return g_utf8_make_valid (base, -1);
}

/* Where the file goes: "example.com:/upload" on the server, "~/Downloads"
 * (or a full path outside the home folder) on this computer. */
static char *
dup_destination (FerryTransfer *transfer,
                 const char    *host)
{
  if (ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_UPLOAD)
    {
      g_autofree char *folder = g_path_get_dirname (ferry_transfer_get_remote_path (transfer));
      g_autofree char *valid = g_utf8_make_valid (folder, -1);

      if (host == NULL)
        return g_steal_pointer (&valid);
      /* Translators: a server and a folder on it, as in "example.com:/upload". */
      return g_strdup_printf (_("%s:%s"), host, valid);
    }
  else
    {
      g_autoptr(GFile) parent = g_file_get_parent (ferry_transfer_get_local_file (transfer));
      g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
      g_autofree char *relative = NULL;
      g_autofree char *path = NULL;
      g_autofree char *display = NULL;

      if (parent == NULL)
        return g_strdup ("/");
      if (g_file_equal (parent, home))
        return g_strdup ("~");
      relative = g_file_get_relative_path (home, parent);
      if (relative != NULL)
        {
          display = g_filename_display_name (relative);
          return g_strconcat ("~/", display, NULL);
        }
      path = g_file_get_path (parent);
      return g_filename_display_name (path != NULL ? path : "/");
    }
}

static void
set_state_style (FerryTransferRow  *self,
                 FerryTransferState state)
{
  GtkWidget *label = GTK_WIDGET (self->state_label);

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (self->detail_label), "error");
  if (state == FERRY_TRANSFER_FAILED)
    gtk_widget_add_css_class (label, "error");
  else if (state == FERRY_TRANSFER_DONE)
    gtk_widget_add_css_class (label, "success");
  else if (state == FERRY_TRANSFER_PAUSED)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_add_css_class (label, "dim-label");
}

/* Which of the row's actions apply to the transfer as it is now. */
static void
update_actions (FerryTransferRow  *self,
                FerryTransferState state)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean running = state == FERRY_TRANSFER_QUEUED || state == FERRY_TRANSFER_ACTIVE;
  gboolean unfinished = running || state == FERRY_TRANSFER_PAUSED;
  gboolean waiting = state == FERRY_TRANSFER_QUEUED || state == FERRY_TRANSFER_PAUSED;
  gboolean again = state == FERRY_TRANSFER_FAILED || state == FERRY_TRANSFER_CANCELLED;
  gboolean downloaded = state == FERRY_TRANSFER_DONE
                        && ferry_transfer_get_direction (self->transfer)
                           == FERRY_TRANSFER_DOWNLOAD;

  gtk_widget_action_set_enabled (widget, "row.pause", running);
  gtk_widget_action_set_enabled (widget, "row.resume", state == FERRY_TRANSFER_PAUSED);
  gtk_widget_action_set_enabled (widget, "row.retry", again);
  gtk_widget_action_set_enabled (widget, "row.cancel", unfinished);
  /* Only what waits can change its turn. */
  gtk_widget_action_set_enabled (widget, "row.move-up", waiting);
  gtk_widget_action_set_enabled (widget, "row.move-down", waiting);
  gtk_widget_action_set_enabled (widget, "row.move-top", waiting);
  gtk_widget_action_set_enabled (widget, "row.open", downloaded);
  gtk_widget_action_set_enabled (widget, "row.show-in-folder", downloaded);
  gtk_widget_set_visible (GTK_WIDGET (self->pause_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->resume_button), state == FERRY_TRANSFER_PAUSED);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), again);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), unfinished);
  /* A failed upload has nothing in its menu: no empty popover. */
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), waiting || downloaded);
}

static void
update (FerryTransferRow *self)
{
  FerryTransfer *transfer = self->transfer;
  FerryTransferState state;
  gint64 total;
  guint attempts;
  g_autofree char *progress = NULL;
  g_autofree char *error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *detail = NULL;

  if (transfer == NULL)
    return;

  state = ferry_transfer_get_state (transfer);
  total = ferry_transfer_get_total (transfer);
  attempts = ferry_transfer_get_attempts (transfer);

  gtk_label_set_text (self->state_label, ferry_transfer_row_describe_state (transfer));
  set_state_style (self, state);
  update_actions (self, state);

  gtk_widget_set_visible (GTK_WIDGET (self->eta_label), state == FERRY_TRANSFER_ACTIVE);
  if (state == FERRY_TRANSFER_ACTIVE)
    {
      g_autofree char *eta = ferry_transfer_row_describe_time_left (transfer);

      gtk_label_set_text (self->eta_label, eta);
    }

  if (state == FERRY_TRANSFER_DONE)
    gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
  else if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   CLAMP ((double) ferry_transfer_get_bytes_done (transfer)
                                          / (double) total, 0.0, 1.0));
  else if (state == FERRY_TRANSFER_ACTIVE)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, 0.0);

  if (state == FERRY_TRANSFER_FAILED && (error = ferry_transfer_dup_error_message (transfer)))
    {
      if (attempts > 1)
        {
          /* Translators: why a transfer failed, then how often it was tried. */
          detail = g_strdup_printf (ngettext ("%s (tried %u time)", "%s (tried %u times)",
                                              attempts),
                                    error, attempts);
        }
      gtk_label_set_text (self->detail_label, detail ? detail : error);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->detail_label), detail ? detail : error);
      gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "error");
      return;
    }

  progress = ferry_transfer_row_describe_progress (transfer);
  if (ferry_transfer_get_is_folder (transfer) && self->queue != NULL)
    {
      guint n = g_list_model_get_n_items (self->queue), files = 0, finished = 0;
      g_autofree char *counted = NULL;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FerryTransfer) child = g_list_model_get_item (self->queue, i);

          if (ferry_transfer_get_parent (child) != transfer)
            continue;
          files++;
          if (ferry_transfer_get_state (child) == FERRY_TRANSFER_DONE)
            finished++;
        }
      /* Translators: a folder's files done of all its files, then its bytes:
       * "12 of 50 files · 1.5 MB of 4.2 MB". The plural follows the second number. */
      counted = g_strdup_printf (ngettext ("%u of %u file · %s", "%u of %u files · %s", files),
                                 finished, files, progress);
      g_free (progress);
      progress = g_steal_pointer (&counted);
    }
  where = dup_destination (transfer, self->host);
  if (attempts > 1 && state != FERRY_TRANSFER_DONE)
    /* Translators: the attempt, progress, then where the file goes ("Attempt 2 · 1 MB of
     * 4 MB — to example.com:/upload"). */
    detail = g_strdup_printf (_("Attempt %u · %s — to %s"), attempts, progress, where);
  else
    /* Translators: progress, then where the file goes ("to example.com:/upload",
     * "to ~/Downloads"). */
    detail = g_strdup_printf (_("%s — to %s"), progress, where);
  gtk_label_set_text (self->detail_label, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->detail_label), detail);
}

static void
request_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  static const struct {
    const char *name;
    FerryTransferRowRequest request;
  } requests[] = {
    { "row.pause", FERRY_TRANSFER_ROW_PAUSE },
    { "row.resume", FERRY_TRANSFER_ROW_RESUME },
    { "row.retry", FERRY_TRANSFER_ROW_RETRY },
    { "row.cancel", FERRY_TRANSFER_ROW_CANCEL },
    { "row.move-up", FERRY_TRANSFER_ROW_MOVE_UP },
    { "row.move-down", FERRY_TRANSFER_ROW_MOVE_DOWN },
    { "row.move-top", FERRY_TRANSFER_ROW_MOVE_TOP },
    { "row.open", FERRY_TRANSFER_ROW_OPEN },
    { "row.show-in-folder", FERRY_TRANSFER_ROW_SHOW_IN_FOLDER },
  };
  FerryTransferRow *self = FERRY_TRANSFER_ROW (widget);

  if (self->transfer == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (requests); i++)
    if (g_str_equal (action_name, requests[i].name))
      {
        g_signal_emit (self, signals[SIGNAL_REQUEST], 0, requests[i].request);
        return;
      }
}

void
ferry_transfer_row_set_transfer (FerryTransferRow *self,
                                 FerryTransfer    *transfer)
{
  g_autofree char *name = NULL;
  const char *direction;
  gboolean upload;

  g_return_if_fail (FERRY_IS_TRANSFER_ROW (self));

  if (self->transfer == transfer)
    return;
  if (self->transfer != NULL)
    g_signal_handlers_disconnect_by_data (self->transfer, self);
  g_set_object (&self->transfer, transfer);
  if (transfer == NULL)
    return;

  upload = ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_UPLOAD;
  name = dup_name (transfer);
  gtk_label_set_text (self->name_label, name);
  /* The direction, not the kind: a folder says so in the tooltip. */
  gtk_image_set_from_icon_name (self->direction_icon,
                                upload ? "ferry-upload-symbolic" : "ferry-download-symbolic");
  if (ferry_transfer_get_is_folder (transfer))
    direction = upload ? _("Folder upload: from this computer to the server")
                       : _("Folder download: from the server to this computer");
  else
    direction = upload ? _("Upload: from this computer to the server")
                       : _("Download: from the server to this computer");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->direction_icon), direction);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->direction_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  upload ? _("Upload") : _("Download"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, direction,
                                  -1);
  g_signal_connect_swapped (transfer, "notify", G_CALLBACK (update), self);
  update (self);
}

void
ferry_transfer_row_set_host (FerryTransferRow *self,
                             const char       *host)
{
  g_return_if_fail (FERRY_IS_TRANSFER_ROW (self));

  if (g_strcmp0 (self->host, host) == 0)
    return;
  g_free (self->host);
  self->host = g_strdup (host);
  update (self);
}

void
ferry_transfer_row_set_queue (FerryTransferRow *self,
                              GListModel       *queue)
{
  g_return_if_fail (FERRY_IS_TRANSFER_ROW (self));

  if (g_set_object (&self->queue, queue))
    update (self);
}

FerryTransfer *
ferry_transfer_row_get_transfer (FerryTransferRow *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_ROW (self), NULL);

  return self->transfer;
}

static void
ferry_transfer_row_dispose (GObject *object)
{
  FerryTransferRow *self = FERRY_TRANSFER_ROW (object);
  GtkWidget *child;

  ferry_transfer_row_set_transfer (self, NULL);
  g_clear_object (&self->queue);
  g_clear_pointer (&self->host, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_TRANSFER_ROW);
  /* The template's top-level child is not bound to a field: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ferry_transfer_row_parent_class)->dispose (object);
}

static const char *const row_actions[] = {
  "row.pause", "row.resume", "row.retry", "row.cancel", "row.move-up", "row.move-down",
  "row.move-top", "row.open", "row.show-in-folder",
};

static void
ferry_transfer_row_class_init (FerryTransferRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_transfer_row_dispose;

  /**
   * FerryTransferRow::request:
   * @request: a #FerryTransferRowRequest
   * The person asked for something to be done with the row's transfer.
   */
  signals[SIGNAL_REQUEST] = g_signal_new ("request", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/ferryapp/Ferry/ui/ferry-transfer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryTransferRow, direction_icon);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferRow, eta_label);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferRow, pause_button);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferRow, resume_button);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferRow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferRow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferRow, menu_button);
  for (gsize i = 0; i < G_N_ELEMENTS (row_actions); i++)
    gtk_widget_class_install_action (widget_class, row_actions[i], NULL, request_action_cb);
}

static void
ferry_transfer_row_init (FerryTransferRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ferry_transfer_row_new (void)
{
  return g_object_new (FERRY_TYPE_TRANSFER_ROW, NULL);
}
