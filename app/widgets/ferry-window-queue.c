/* ferry-window-queue.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Transfers that were not finished when Ferry last ran (queue.ini): read
 * once per process, on a thread; they stay saved until the person opens
 * them. A toast says how many there are; "Open" (win.restore-transfers)
 * opens a tab for each of their sites, which connects as usual, and the
 * transfers come back there paused (ferry-connection-tab-queue.c).
 */
#define G_LOG_DOMAIN "ferry-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-queue-file.h"
#include "ferry-queue-saver.h"
#include "ferry-window-private.h"

static gboolean loaded_once;

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  guint skipped = 0;
  GPtrArray *items = ferry_queue_file_load (NULL, &skipped, &problem, &error);

  if (items == NULL)
    g_message ("The saved transfer queue could not be read: %s", error->message);
  else if (problem != NULL)
    g_message ("%s", problem);
  if (skipped > 0)
    g_message ("%u saved transfers could not be read back and were left out.", skipped);
  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  FerryWindow *self = FERRY_WINDOW (source);
  g_autoptr(GPtrArray) items = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (items == NULL || items->len == 0)
    return;
  ferry_queue_saver_set_pending (ferry_queue_saver_get_default (), items);
  text = g_strdup_printf (ngettext ("%u transfer was not finished",
                                    "%u transfers were not finished", items->len),
                          items->len);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("Open"));
  adw_toast_set_action_name (toast, "win.restore-transfers");
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_ferry_window_queue_load (FerryWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (loaded_once)
    return;
  loaded_once = TRUE;
  task = g_task_new (self, NULL, loaded_cb, NULL);
  g_task_set_source_tag (task, _ferry_window_queue_load);
  g_task_run_in_thread (task, load_thread);
}

void
_ferry_window_restore_transfers_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  FerryWindow *self = FERRY_WINDOW (widget);
  GPtrArray *pending = ferry_queue_saver_get_pending (ferry_queue_saver_get_default ());
  g_autoptr(GHashTable) opened = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  /* One tab per site or address; each takes its own transfers once connected. */
  for (guint i = 0; i < pending->len; i++)
    {
      FerryQueueItem *item = g_ptr_array_index (pending, i);
      const char *key = item->site_id != NULL ? item->site_id : item->url;

      if (!g_hash_table_contains (opened, key))
        {
          g_hash_table_add (opened, g_strdup (key));
          g_ptr_array_add (keys, g_strdup (item->site_id != NULL ? "s" : "u"));
          g_ptr_array_add (keys, g_strdup (key));
        }
    }
  for (guint i = 0; i + 1 < keys->len; i += 2)
    {
      const char *kind = g_ptr_array_index (keys, i);
      const char *key = g_ptr_array_index (keys, i + 1);
      FerryConnectionTab *tab;

      if (kind[0] == 's')
        {
          FerrySite *site;

          _ferry_window_ensure_site_store (self);
          site = self->site_store ? ferry_site_store_get_by_id (self->site_store, key) : NULL;
          if (site == NULL)
            {
              _ferry_window_show_error (self, _("A saved transfer belongs to a site that no "
                                                "longer exists; it is left out."));
              continue;
            }
          ferry_window_connect_site (self, site);
        }
      else
        {
          g_autoptr(GError) error = NULL;

          if (!ferry_window_open_address (self, key, &error))
            {
              _ferry_window_show_error (self, error->message);
              continue;
            }
        }
      tab = _ferry_window_current_tab (self);
      if (tab != NULL)
        ferry_connection_tab_restore_transfers (tab);
    }
}
