/* ferry-transfer-totals.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sums of a tab's transfer queue, for the panel's header and the compact
 * indicator shown while the panel is collapsed: how many transfers are in
 * each filter, the bytes done of the total, the rate and the time left. The
 * transfers notify progress a few times a second; the sums follow in one idle.
 */
#define G_LOG_DOMAIN "ferry-transfer-totals"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-transfer-totals.h"

struct _FerryTransferTotals
{
  GObject parent_instance;

  GListModel *model;
  GHashTable *watched; /* FerryTransfer* (top-level ones) we listen to */
  guint idle;

  guint counts[FERRY_TRANSFER_N_FILTERS];
  guint running;
  guint queued;
  guint paused;
  guint cancelled;
  gint64 done;
  gint64 total;
  gboolean total_known;
  double rate;
};

G_DEFINE_FINAL_TYPE (FerryTransferTotals, ferry_transfer_totals, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
ferry_transfer_format_time_left (gint64 remaining,
                                 double rate)
{
  guint64 seconds;

  if (remaining < 0 || rate <= 0)
    /* Translators: the time left when it cannot be known (no size or no rate yet). */
    return g_strdup (C_("time left", "—"));
  seconds = (guint64) ((double) remaining / rate + 0.5);
  if (seconds < 60)
    return g_strdup_printf (ngettext ("%u second left", "%u seconds left", (gulong) seconds),
                            (guint) seconds);
  if (seconds < 3600)
    {
      guint minutes = (guint) ((seconds + 59) / 60);

      return g_strdup_printf (ngettext ("%u minute left", "%u minutes left", minutes), minutes);
    }
  else
    {
      guint hours = (guint) MIN (seconds / 3600, G_MAXUINT);
      guint minutes = (guint) ((seconds % 3600) / 60);
      g_autofree char *h = g_strdup_printf (ngettext ("%u hour", "%u hours", hours), hours);
      g_autofree char *m = g_strdup_printf (ngettext ("%u minute", "%u minutes", minutes),
                                            minutes);

      /* Translators: hours and minutes, as in "2 hours 5 minutes left". */
      return g_strdup_printf (_("%s %s left"), h, m);
    }
}

gboolean
ferry_transfer_filter_matches (FerryTransferFilter filter,
                               FerryTransfer      *transfer)
{
  FerryTransferState state = ferry_transfer_get_state (transfer);

  switch (filter)
    {
    case FERRY_TRANSFER_FILTER_ACTIVE:
      return state == FERRY_TRANSFER_QUEUED || state == FERRY_TRANSFER_ACTIVE
             || state == FERRY_TRANSFER_PAUSED;
    case FERRY_TRANSFER_FILTER_FAILED:
      return state == FERRY_TRANSFER_FAILED;
    case FERRY_TRANSFER_FILTER_DONE:
      return state == FERRY_TRANSFER_DONE;
    case FERRY_TRANSFER_FILTER_ALL:
    case FERRY_TRANSFER_N_FILTERS:
    default:
      return TRUE;
    }
}

static void
recompute (FerryTransferTotals *self)
{
  guint n = self->model ? g_list_model_get_n_items (self->model) : 0;

  memset (self->counts, 0, sizeof self->counts);
  self->running = self->queued = self->paused = self->cancelled = 0;
  self->done = self->total = 0;
  self->total_known = FALSE;
  self->rate = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryTransfer) transfer = g_list_model_get_item (self->model, i);
      FerryTransferState state;
      gint64 total;

      if (ferry_transfer_get_parent (transfer) != NULL)
        continue;
      for (int f = 0; f < FERRY_TRANSFER_N_FILTERS; f++)
        if (ferry_transfer_filter_matches (f, transfer))
          self->counts[f]++;
      state = ferry_transfer_get_state (transfer);
      switch (state)
        {
        case FERRY_TRANSFER_ACTIVE:
          self->running++;
          self->rate += MAX (ferry_transfer_get_rate (transfer), 0);
          break;
        case FERRY_TRANSFER_QUEUED:
          self->queued++;
          break;
        case FERRY_TRANSFER_PAUSED:
          self->paused++;
          break;
        case FERRY_TRANSFER_CANCELLED:
          self->cancelled++;
          continue;
        case FERRY_TRANSFER_FAILED:
          continue;
        case FERRY_TRANSFER_DONE:
        default:
          break;
        }
      /* The bytes of what is or was on its way: not what failed or was cancelled. */
      total = ferry_transfer_get_total (transfer);
      if (total >= 0)
        {
          self->total += total;
          self->done += MIN (ferry_transfer_get_bytes_done (transfer), total);
          self->total_known = TRUE;
        }
    }
}

static gboolean
idle_cb (gpointer data)
{
  FerryTransferTotals *self = data;

  self->idle = 0;
  recompute (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
queue_recompute (FerryTransferTotals *self)
{
  if (self->idle == 0)
    self->idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, idle_cb, self, NULL);
}

static void
watch (FerryTransferTotals *self)
{
  guint n = self->model ? g_list_model_get_n_items (self->model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryTransfer) transfer = g_list_model_get_item (self->model, i);

      if (ferry_transfer_get_parent (transfer) != NULL
          || g_hash_table_contains (self->watched, transfer))
        continue;
      g_hash_table_add (self->watched, g_object_ref (transfer));
      g_signal_connect_object (transfer, "notify", G_CALLBACK (queue_recompute), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
items_changed_cb (FerryTransferTotals *self)
{
  watch (self);
  queue_recompute (self);
}

static void
unwatch_all (FerryTransferTotals *self)
{
  GHashTableIter iter;
  gpointer transfer;

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &transfer, NULL))
    g_signal_handlers_disconnect_by_data (transfer, self);
  g_hash_table_remove_all (self->watched);
}

void
ferry_transfer_totals_set_model (FerryTransferTotals *self,
                                 GListModel          *model)
{
  g_return_if_fail (FERRY_IS_TRANSFER_TOTALS (self));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  unwatch_all (self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self,
                             G_CONNECT_SWAPPED);
  items_changed_cb (self);
}

guint
ferry_transfer_totals_get_count (FerryTransferTotals *self,
                                 FerryTransferFilter  filter)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_TOTALS (self), 0);
  g_return_val_if_fail (filter < FERRY_TRANSFER_N_FILTERS, 0);

  return self->counts[filter];
}

guint
ferry_transfer_totals_get_n_paused (FerryTransferTotals *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_TOTALS (self), 0);

  return self->paused;
}

gboolean
ferry_transfer_totals_get_moving (FerryTransferTotals *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_TOTALS (self), FALSE);

  return self->running + self->queued > 0;
}

double
ferry_transfer_totals_get_fraction (FerryTransferTotals *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_TOTALS (self), -1);

  if (!self->total_known || self->total <= 0)
    return -1;
  return CLAMP ((double) self->done / (double) self->total, 0.0, 1.0);
}

double
ferry_transfer_totals_get_rate (FerryTransferTotals *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_TOTALS (self), 0);

  return self->rate;
}

char *
ferry_transfer_totals_dup_summary (FerryTransferTotals *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint failed = self->counts[FERRY_TRANSFER_FILTER_FAILED];
  guint done = self->counts[FERRY_TRANSFER_FILTER_DONE];

  g_return_val_if_fail (FERRY_IS_TRANSFER_TOTALS (self), NULL);

  if (self->counts[FERRY_TRANSFER_FILTER_ALL] == 0)
    return NULL;
  if (self->running > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u running", "%u running",
                                                       self->running), self->running));
  if (self->queued > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u waiting", "%u waiting",
                                                       self->queued), self->queued));
  if (self->paused > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u paused", "%u paused",
                                                       self->paused), self->paused));
  if (failed > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u failed", "%u failed", failed),
                                             failed));
  if (done > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u done", "%u done", done), done));
  if (self->cancelled > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u cancelled", "%u cancelled",
                                                       self->cancelled), self->cancelled));
  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between "2 running", "1 waiting", … */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

char *
ferry_transfer_totals_dup_progress (FerryTransferTotals *self)
{
  g_autofree char *done = NULL;
  g_autofree char *total = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *left = NULL;

  g_return_val_if_fail (FERRY_IS_TRANSFER_TOTALS (self), NULL);

  if (!ferry_transfer_totals_get_moving (self) && self->paused == 0)
    return NULL;
  done = g_format_size (self->done);
  if (!self->total_known)
    return g_steal_pointer (&done);
  total = g_format_size (self->total);
  if (self->running == 0)
    /* Translators: bytes done "of" the total, as in "1.5 MB of 4.2 MB". */
    return g_strdup_printf (_("%s of %s"), done, total);
  rate = g_format_size ((guint64) self->rate);
  left = ferry_transfer_format_time_left (self->total - self->done, self->rate);
  /* Translators: the whole queue: "45 MB of 120 MB · 2.1 MB/s · 1 minute left". */
  return g_strdup_printf (_("%s of %s · %s/s · %s"), done, total, rate, left);
}

char *
ferry_transfer_totals_dup_indicator (FerryTransferTotals *self)
{
  double fraction = ferry_transfer_totals_get_fraction (self);
  g_autofree char *rate = NULL;

  g_return_val_if_fail (FERRY_IS_TRANSFER_TOTALS (self), NULL);

  if (!ferry_transfer_totals_get_moving (self))
    return NULL;
  rate = g_format_size ((guint64) self->rate);
  if (fraction < 0)
    /* Translators: the rate of the whole queue, as in "2.1 MB/s". */
    return g_strdup_printf (_("%s/s"), rate);
  /* Translators: the queue's progress and rate, as in "37% · 2.1 MB/s". */
  return g_strdup_printf (_("%.0f%% · %s/s"), fraction * 100.0, rate);
}

static void
ferry_transfer_totals_dispose (GObject *object)
{
  FerryTransferTotals *self = FERRY_TRANSFER_TOTALS (object);

  g_clear_handle_id (&self->idle, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  unwatch_all (self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ferry_transfer_totals_parent_class)->dispose (object);
}

static void
ferry_transfer_totals_finalize (GObject *object)
{
  FerryTransferTotals *self = FERRY_TRANSFER_TOTALS (object);

  g_hash_table_unref (self->watched);

  G_OBJECT_CLASS (ferry_transfer_totals_parent_class)->finalize (object);
}

static void
ferry_transfer_totals_class_init (FerryTransferTotalsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ferry_transfer_totals_dispose;
  object_class->finalize = ferry_transfer_totals_finalize;

  /**
   * FerryTransferTotals::changed:
   * The sums were recomputed (a transfer came, went, moved on or changed state).
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
ferry_transfer_totals_init (FerryTransferTotals *self)
{
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}

FerryTransferTotals *
ferry_transfer_totals_new (void)
{
  return g_object_new (FERRY_TYPE_TRANSFER_TOTALS, NULL);
}
