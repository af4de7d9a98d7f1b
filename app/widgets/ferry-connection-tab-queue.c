/* ferry-connection-tab-queue.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A connection tab and the saved queue (queue.ini, FerryQueueSaver): its
 * runner's transfers are saved under the site's id, or the address without
 * a password; transfers saved before a restart come back into the tab of
 * their site once it is connected (the password is needed), paused, with
 * their .part, until the person resumes them in the transfer panel. A tab
 * or window that closes keeps its unfinished transfers in the file.
 */
#define G_LOG_DOMAIN "ferry-connection-tab"

#include "config.h"

#include "ferry-connection-tab-private.h"
#include "ferry-queue-file.h"
#include "ferry-queue-saver.h"
#include "ferry-site.h"
#include "ferry-url.h"

/* What names this tab's server in queue.ini: the site, else the address. */
static void
queue_identity (FerryConnectionTab *self,
                const char        **out_site_id,
                char              **out_url)
{
  FerryUrl url = { 0 };

  *out_site_id = self->site != NULL ? ferry_site_get_id (self->site) : NULL;
  *out_url = NULL;
  if (*out_site_id != NULL)
    return;
  url.has_security = self->endpoint->security != FERRY_SECURITY_AUTO;
  url.security = self->endpoint->security;
  url.user = self->endpoint->user;
  url.host = self->endpoint->host;
  url.port = self->endpoint->port;
  *out_url = ferry_url_to_string (&url);
}

void
_ferry_connection_tab_queue_attach (FerryConnectionTab *self)
{
  g_autofree char *url = NULL;
  const char *site_id;

  queue_identity (self, &site_id, &url);
  ferry_queue_saver_add_list (ferry_queue_saver_get_default (),
                              ferry_transfer_runner_get_transfers (self->runner), site_id, url);
}

void
_ferry_connection_tab_queue_keep (FerryConnectionTab *self)
{
  if (self->runner != NULL)
    ferry_queue_saver_keep_list (ferry_queue_saver_get_default (),
                                 ferry_transfer_runner_get_transfers (self->runner));
}

void
ferry_connection_tab_keep_transfers (FerryConnectionTab *self)
{
  g_return_if_fail (FERRY_IS_CONNECTION_TAB (self));

  /* Saved as they are now; the tab stops them when it goes (a download
   * keeps its .part). */
  _ferry_connection_tab_queue_keep (self);
}

static void
add_restored (FerryConnectionTab *self)
{
  g_autofree char *url = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const char *site_id;

  queue_identity (self, &site_id, &url);
  items = ferry_queue_saver_take_pending (ferry_queue_saver_get_default (), site_id, url);
  if (items->len == 0)
    return;
  _ferry_connection_tab_ensure_runner (self);
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(FerryTransfer) transfer =
        ferry_queue_item_to_transfer (g_ptr_array_index (items, i));

      /* Nothing connects until the person resumes it. */
      ferry_transfer_runner_add_paused (self->runner, transfer);
    }
  gtk_toggle_button_set_active (self->transfers_toggle, TRUE);
}

static void
state_cb (FerryConnectionTab *self)
{
  if (self->state != FERRY_CONNECTION_STATE_CONNECTED)
    return;
  g_signal_handlers_disconnect_by_func (self, state_cb, NULL);
  add_restored (self);
}

void
ferry_connection_tab_restore_transfers (FerryConnectionTab *self)
{
  g_return_if_fail (FERRY_IS_CONNECTION_TAB (self));

  if (self->state == FERRY_CONNECTION_STATE_CONNECTED)
    add_restored (self);
  else
    g_signal_connect (self, "notify::state", G_CALLBACK (state_cb), NULL);
}
