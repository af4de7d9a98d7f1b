/* test-ui-queue-exists.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "file exists" dialog in a real window under tests/run-gui.sh: heading,
 * both files' size and date, Resume only when the target is shorter, "Apply
 * to the rest of this batch" only for a file of a folder, the answer read
 * back; and the preference "When a File Exists" bound to exists-action. With
 * FERRY_SHOT_DIR set, the dialog is saved as queue-exists-dialog.png there.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ferry-exists-dialog.h"
#include "ferry-exists-policy.h"
#include "ferry-preferences-window.h"

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Bounded (a hang guard), iterating the main loop. */
static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, tick_cb, NULL);

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return done (data);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

typedef struct
{
  GtkWidget *widget;
  gint64 first;
} Frames;

/* A few frames drawn after it was mapped (the dialog fades in). */
static gboolean
frames_drawn (gpointer data)
{
  Frames *f = data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (f->widget);

  if (clock == NULL)
    return FALSE;
  if (f->first < 0)
    f->first = gdk_frame_clock_get_frame_counter (clock);
  gtk_widget_queue_draw (f->widget);
  return gdk_frame_clock_get_frame_counter (clock) > f->first + 10;
}

static void
wait_for_mapped (GtkWidget *widget)
{
  Frames frames = { widget, -1 };

  g_assert_true (wait_until (is_mapped, widget));
  g_assert_true (wait_until (frames_drawn, &frames));
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  const char *shown = NULL;

  if (GTK_IS_LABEL (root))
    shown = gtk_label_get_label (GTK_LABEL (root));
  else if (GTK_IS_BUTTON (root))
    shown = gtk_button_get_label (GTK_BUTTON (root));
  else if (GTK_IS_CHECK_BUTTON (root))
    shown = gtk_check_button_get_label (GTK_CHECK_BUTTON (root));
  if (shown != NULL && strcmp (shown, text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The whole X screen (a toplevel's own paintable draws nothing) to
 * FERRY_SHOT_DIR/@name, when that is set. */
static void
save_shot (GtkWidget  *widget,
           const char *name)
{
  const char *dir = g_getenv ("FERRY_SHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  Frames frames = { widget, -1 };

  if (dir == NULL || !g_file_test ("/usr/bin/import", G_FILE_TEST_IS_EXECUTABLE))
    return;
  /* What it shows now is drawn. */
  g_assert_true (wait_until (frames_drawn, &frames));
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  {
    const char *argv[] = { "/usr/bin/import", "-window", "root", path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                  NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_test_message ("saved %s", path);
}

static FerryTransfer *
conflict (FerryTransferDirection direction,
          const char            *remote,
          const char            *local,
          gint64                 source_size,
          gint64                 target_size)
{
  g_autoptr(GFile) file = g_file_new_for_path (local);
  FerryTransfer *transfer = ferry_transfer_new (direction, remote, file, FALSE,
                                                FERRY_TRANSFER_FLAGS_NONE);
  /* 2026-12-03 14:02 and 2025-01-20 09:30 UTC. */
  FerryFileFacts source = { TRUE, source_size, 1796306520 };
  FerryFileFacts target = { TRUE, target_size, 1737365400 };

  ferry_transfer_set_conflict (transfer, &source, &target);
  return transfer;
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             char            **out)
{
  g_free (*out);
  *out = g_strdup (response);
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_dialog_download (void)
{
  g_autoptr(FerryTransfer) parent = conflict (FERRY_TRANSFER_DOWNLOAD, "/pub", "/tmp/pub", 0, 0);
  g_autoptr(FerryTransfer) transfer =
    conflict (FERRY_TRANSFER_DOWNLOAD, "/pub/report.pdf", "/tmp/pub/report.pdf",
              2400000, 800000);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autofree char *answer = NULL;
  g_autofree char *source_size = g_format_size (2400000);
  g_autofree char *target_size = g_format_size (800000);
  AdwMessageDialog *dialog;
  GtkWidget *check, *button;
  const char *body;

  ferry_transfer_set_parent (transfer, parent);
  gtk_window_set_default_size (window, 800, 600);
  gtk_window_present (window);
  dialog = ADW_MESSAGE_DIALOG (ferry_exists_dialog_new (window, transfer, TRUE));
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), &answer);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_mapped (GTK_WIDGET (dialog));

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "“report.pdf” Already Exists");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "On this computer:\n"));
  g_assert_nonnull (strstr (body, target_size));
  g_assert_nonnull (strstr (body, "Downloading from the server:\n"));
  g_assert_nonnull (strstr (body, source_size));
  g_assert_nonnull (strstr (body, "2026"));
  g_assert_null (strstr (body, "\xe2\x80\x87")); /* no figure space from %e */
  g_assert_nonnull (strstr (body, "2025"));
  /* The target is shorter: Resume makes sense. */
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "resume"));
  for (guint i = 0; i < 5; i++)
    {
      static const char *const ids[] = { "overwrite", "resume", "skip", "rename", "newer" };
      FerryExistsAction action;

      g_assert_true (adw_message_dialog_has_response (dialog, ids[i]));
      g_assert_true (ferry_exists_action_from_nick (ids[i], &action));
    }
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "skip");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "overwrite"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  check = find_label (GTK_WIDGET (dialog), "_Apply to the rest of this batch");
  g_assert_nonnull (check);
  g_assert_true (gtk_widget_get_visible (check));
  g_assert_false (ferry_exists_dialog_get_apply_to_rest (FERRY_EXISTS_DIALOG (dialog)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (ferry_exists_dialog_get_apply_to_rest (FERRY_EXISTS_DIALOG (dialog)));
  g_assert_true (ferry_exists_dialog_get_transfer (FERRY_EXISTS_DIALOG (dialog)) == transfer);
  save_shot (GTK_WIDGET (dialog), "queue-exists-dialog.png");

  /* As the person does: the button. */
  button = find_label (GTK_WIDGET (dialog), "_Rename");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (wait_until (is_set, &answer));
  g_assert_cmpstr (answer, ==, "rename");
  gtk_window_destroy (window);
}

static void
test_dialog_upload (void)
{
  /* The file on the server is longer than the local one: no Resume; a
   * single file: no "rest of this batch". */
  g_autoptr(FerryTransfer) transfer =
    conflict (FERRY_TRANSFER_UPLOAD, "/srv/notes.txt", "/tmp/notes.txt", 100, 5000);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AdwMessageDialog *dialog;
  const char *body;

  gtk_window_present (window);
  dialog = ADW_MESSAGE_DIALOG (ferry_exists_dialog_new (window, transfer, FALSE));
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_mapped (GTK_WIDGET (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "“notes.txt” Already Exists");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "On the server:\n"));
  g_assert_nonnull (strstr (body, "Uploading from this computer:\n"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "resume"));
  g_assert_false (gtk_widget_get_visible (
    find_label (GTK_WIDGET (dialog), "_Apply to the rest of this batch")));
  g_assert_false (ferry_exists_dialog_get_apply_to_rest (FERRY_EXISTS_DIALOG (dialog)));
  save_shot (GTK_WIDGET (dialog), "queue-exists-dialog-upload.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (window);
}

static void
test_preference (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *prefs = ferry_preferences_window_new (NULL);
  AdwComboRow *row = NULL;
  g_autofree char *nick = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  wait_for_mapped (prefs);
  g_assert_cmpstr (g_settings_get_string (settings, "exists-action"), ==, "ask");
  for (GtkWidget *w = find_label (prefs, "When a File _Exists"); w != NULL;
       w = gtk_widget_get_parent (w))
    if (ADW_IS_COMBO_ROW (w))
      {
        row = ADW_COMBO_ROW (w);
        break;
      }
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  adw_combo_row_set_selected (row, 5);
  nick = g_settings_get_string (settings, "exists-action");
  g_assert_cmpstr (nick, ==, "newer");
  g_settings_set_string (settings, "exists-action", "rename");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 4);
  save_shot (prefs, "queue-exists-preference.png");
  g_settings_reset (settings, "exists-action");
  g_assert_nonnull (find_type (prefs, ADW_TYPE_PREFERENCES_PAGE));
  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/queue-exists/dialog/download", test_dialog_download);
  g_test_add_func ("/queue-exists/dialog/upload", test_dialog_upload);
  g_test_add_func ("/queue-exists/preference", test_preference);
  return g_test_run ();
}
