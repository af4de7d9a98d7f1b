/* ferry-exists-dialog.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The question a transfer runner's "file-exists" asks: which file is where,
 * how big and how old each is, and the choices of ferry-exists-policy.h.
 * Resume is offered only when the target is shorter than the source.
 */
#define G_LOG_DOMAIN "ferry-exists-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-exists-dialog.h"
#include "ferry-exists-policy.h"

struct _FerryExistsDialog
{
  AdwMessageDialog parent_instance;

  FerryTransfer *transfer;

  /* Template children */
  GtkCheckButton *rest_check;
};

G_DEFINE_FINAL_TYPE (FerryExistsDialog, ferry_exists_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* "1.2 MB, 3 Dec 2026 14:02", or what is not known. */
static char *
describe (const FerryFileFacts *facts)
{
  g_autofree char *size = facts->size >= 0 ? g_format_size (facts->size)
                                           : g_strdup (_("size unknown"));
  g_autofree char *date = NULL;

  if (facts->mtime != FERRY_EXISTS_MTIME_UNKNOWN)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (facts->mtime);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

      /* Translators: a file's modification date and time; see g_date_time_format(). */
      date = local ? g_date_time_format (local, _("%-d %b %Y %H:%M")) : NULL;
    }
  if (date == NULL)
    date = g_strdup (_("date unknown"));
  g_strstrip (date);
  /* Translators: a file's size and date: "1.2 MB · 3 Dec 2026 14:02". */
  return g_strdup_printf (_("%s · %s"), size, date);
}

static char *
display_name (FerryTransfer *transfer)
{
  g_autofree char *base = NULL;

  if (ferry_transfer_get_direction (transfer) == FERRY_TRANSFER_UPLOAD)
    base = g_path_get_basename (ferry_transfer_get_remote_path (transfer));
  else
    base = g_file_get_basename (ferry_transfer_get_local_file (transfer));
  return g_filename_display_name (base);
}

static void
fill (FerryExistsDialog *self,
      gboolean           in_batch)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  gboolean upload = ferry_transfer_get_direction (self->transfer) == FERRY_TRANSFER_UPLOAD;
  FerryFileFacts source = { TRUE, -1, FERRY_EXISTS_MTIME_UNKNOWN };
  FerryFileFacts target = { TRUE, -1, FERRY_EXISTS_MTIME_UNKNOWN };
  g_autofree char *name = display_name (self->transfer);
  g_autofree char *source_text = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *body = NULL;

  ferry_transfer_get_conflict (self->transfer, &source, &target);
  source_text = describe (&source);
  target_text = describe (&target);
  /* Translators: the heading of the dialog; %s is a file name. */
  adw_message_dialog_format_heading (dialog, _("“%s” Already Exists"), name);
  if (upload)
    /* Translators: both %s are a size and a date ("1.2 MB · 3 Dec 2026 14:02"). */
    body = g_strdup_printf (_("On the server:\n%s\n\nUploading from this computer:\n%s"),
                            target_text, source_text);
  else
    /* Translators: both %s are a size and a date ("1.2 MB · 3 Dec 2026 14:02"). */
    body = g_strdup_printf (_("On this computer:\n%s\n\nDownloading from the server:\n%s"),
                            target_text, source_text);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_set_response_enabled (dialog, "resume",
                                           ferry_exists_can_resume (&source, &target));
  gtk_widget_set_visible (GTK_WIDGET (self->rest_check), in_batch);
}

static void
ferry_exists_dialog_dispose (GObject *object)
{
  FerryExistsDialog *self = FERRY_EXISTS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_EXISTS_DIALOG);
  g_clear_object (&self->transfer);
  G_OBJECT_CLASS (ferry_exists_dialog_parent_class)->dispose (object);
}

static void
ferry_exists_dialog_class_init (FerryExistsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_exists_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ferryapp/Ferry/ui/"
                                               "ferry-exists-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryExistsDialog, rest_check);
}

static void
ferry_exists_dialog_init (FerryExistsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ferry_exists_dialog_new (GtkWindow     *parent,
                         FerryTransfer *transfer,
                         gboolean       in_batch)
{
  FerryExistsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (FERRY_IS_TRANSFER (transfer), NULL);

  self = g_object_new (FERRY_TYPE_EXISTS_DIALOG, "transient-for", parent, NULL);
  self->transfer = g_object_ref (transfer);
  fill (self, in_batch);
  return GTK_WIDGET (self);
}

FerryTransfer *
ferry_exists_dialog_get_transfer (FerryExistsDialog *self)
{
  g_return_val_if_fail (FERRY_IS_EXISTS_DIALOG (self), NULL);

  return self->transfer;
}

gboolean
ferry_exists_dialog_get_apply_to_rest (FerryExistsDialog *self)
{
  g_return_val_if_fail (FERRY_IS_EXISTS_DIALOG (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->rest_check)) &&
         gtk_check_button_get_active (self->rest_check);
}
