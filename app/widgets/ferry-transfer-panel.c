/* ferry-transfer-panel.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The transfer queue of a connection tab: the transfers the person started
 * (a folder shows as one row with the progress of all its files), what each
 * is doing, filters (all, active, failed, done) with their counts, the
 * queue's total progress and rate, and what can be done with one transfer
 * (the rows' requests) or all of them (the "transfers." actions). The sums
 * live in FerryTransferTotals, the notification in FerryTransferNotifier.
 */
#define G_LOG_DOMAIN "ferry-transfer-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-transfer-notifier.h"
#include "ferry-transfer-open.h"
#include "ferry-transfer-panel.h"
#include "ferry-transfer-row.h"
#include "ferry-transfer-totals.h"

struct _FerryTransferPanel
{
  GtkWidget parent_instance;

  FerryTransferRunner *runner;
  FerryTransferTotals *totals;
  FerryTransferNotifier *notifier;
  GCancellable *cancellable;
  GHashTable *watched; /* FerryTransfer* -> its order of arrival (1, 2, …) */
  GHashTable *positions; /* FerryTransfer* -> 1 + its place in the runner's queue */
  guint n_watched;
  FerryTransferFilter filter_mode;
  guint summary_idle;
  guint scroll_idle;
  char *host;

  /* Template children */
  GtkLabel *summary_label;
  GtkToggleButton *filter_all;
  GtkToggleButton *filter_active;
  GtkToggleButton *filter_failed;
  GtkToggleButton *filter_done;
  GtkBox *totals_box;
  GtkProgressBar *total_bar;
  GtkLabel *progress_label;
  GtkStack *stack;
  GtkScrolledWindow *scroller;
  GtkListView *list_view;
  GtkSingleSelection *selection;
  GtkSortListModel *sort_model;
  GtkCustomSorter *sorter;
  GtkFilterListModel *filter_model;
  GtkCustomFilter *filter;
};

G_DEFINE_FINAL_TYPE (FerryTransferPanel, ferry_transfer_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_SHOWN,
  PROP_BUSY,
  PROP_INDICATOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_finished (FerryTransfer *transfer)
{
  FerryTransferState state = ferry_transfer_get_state (transfer);

  return state == FERRY_TRANSFER_DONE || state == FERRY_TRANSFER_FAILED
         || state == FERRY_TRANSFER_CANCELLED;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  FerryTransferPanel *self = user_data;
  FerryTransfer *transfer = item;

  return ferry_transfer_get_parent (transfer) == NULL
         && ferry_transfer_filter_matches (self->filter_mode, transfer);
}

/* Running transfers are the ones to watch, so they come first; then those
 * waiting or paused, in the order they will run; then the finished ones, the
 * latest first. */
static int
state_rank (FerryTransfer *transfer)
{
  switch (ferry_transfer_get_state (transfer))
    {
    case FERRY_TRANSFER_ACTIVE:
      return 0;
    case FERRY_TRANSFER_QUEUED:
    case FERRY_TRANSFER_PAUSED:
      return 1;
    case FERRY_TRANSFER_FAILED:
    case FERRY_TRANSFER_DONE:
    case FERRY_TRANSFER_CANCELLED:
    default:
      return 2;
    }
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  FerryTransferPanel *self = user_data;
  FerryTransfer *ta = (FerryTransfer *) a;
  FerryTransfer *tb = (FerryTransfer *) b;
  int rank_a = state_rank (ta);
  int rank_b = state_rank (tb);
  guint order_a = GPOINTER_TO_UINT (g_hash_table_lookup (self->watched, ta));
  guint order_b = GPOINTER_TO_UINT (g_hash_table_lookup (self->watched, tb));

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  if (rank_a < 2)
    {
      /* The runner's order, which Move Up/Down/to Top change. */
      order_a = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, ta));
      order_b = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, tb));
    }
  if (order_a == order_b)
    return 0;
  if (rank_a == 2)
    return order_a > order_b ? -1 : 1;
  return order_a < order_b ? -1 : 1;
}

char *
ferry_transfer_panel_dup_summary (FerryTransferPanel *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_PANEL (self), NULL);

  return ferry_transfer_totals_dup_summary (self->totals);
}

char *
ferry_transfer_panel_dup_indicator (FerryTransferPanel *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_PANEL (self), NULL);

  return ferry_transfer_totals_dup_indicator (self->totals);
}

static void
update_filter_labels (FerryTransferPanel *self)
{
  struct {
    GtkToggleButton *button;
    const char *format;
  } filters[FERRY_TRANSFER_N_FILTERS] = {
    /* Translators: filters of the transfer list, with how many each shows. */
    { self->filter_all, N_("All (%u)") },
    { self->filter_active, N_("Active (%u)") },
    { self->filter_failed, N_("Failed (%u)") },
    { self->filter_done, N_("Done (%u)") },
  };

  for (int f = 0; f < FERRY_TRANSFER_N_FILTERS; f++)
    {
      g_autofree char *label =
        g_strdup_printf (_(filters[f].format), ferry_transfer_totals_get_count (self->totals, f));

      gtk_button_set_label (GTK_BUTTON (filters[f].button), label);
    }
}

static void
update_totals (FerryTransferPanel *self)
{
  g_autofree char *summary = ferry_transfer_totals_dup_summary (self->totals);
  g_autofree char *progress = ferry_transfer_totals_dup_progress (self->totals);
  double fraction = ferry_transfer_totals_get_fraction (self->totals);
  guint all = ferry_transfer_totals_get_count (self->totals, FERRY_TRANSFER_FILTER_ALL);
  guint active = ferry_transfer_totals_get_count (self->totals, FERRY_TRANSFER_FILTER_ACTIVE);
  guint done = ferry_transfer_totals_get_count (self->totals, FERRY_TRANSFER_FILTER_DONE);
  guint failed = ferry_transfer_totals_get_count (self->totals, FERRY_TRANSFER_FILTER_FAILED);

  gtk_label_set_text (self->summary_label, summary ? summary : "");
  update_filter_labels (self);
  gtk_widget_set_visible (GTK_WIDGET (self->totals_box), progress != NULL);
  gtk_label_set_text (self->progress_label, progress ? progress : "");
  gtk_progress_bar_set_fraction (self->total_bar, MAX (fraction, 0));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transfers.pause-all",
                                 ferry_transfer_totals_get_moving (self->totals));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transfers.resume-all",
                                 ferry_transfer_totals_get_n_paused (self->totals) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transfers.clear-finished",
                                 all > active + failed || done > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transfers.cancel-all",
                                 self->runner != NULL
                                 && ferry_transfer_runner_get_busy (self->runner));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDICATOR]);
}

static gboolean
summary_idle_cb (gpointer data)
{
  FerryTransferPanel *self = data;
  guint n;

  self->summary_idle = 0;
  /* States changed: what the filter lets through and the order. */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  update_totals (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  return G_SOURCE_REMOVE;
}

static void
queue_summary (FerryTransferPanel *self)
{
  if (self->summary_idle == 0)
    self->summary_idle = g_idle_add (summary_idle_cb, self);
}

static void
transfer_state_cb (FerryTransferPanel *self)
{
  queue_summary (self);
}

static void
unwatch_all (FerryTransferPanel *self)
{
  GHashTableIter iter;
  gpointer transfer;

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &transfer, NULL))
    g_signal_handlers_disconnect_by_data (transfer, self);
  g_hash_table_remove_all (self->watched);
  g_hash_table_remove_all (self->positions);
}

/* Forgets the transfers the runner no longer lists (cleared away). */
static gboolean
gone_cb (gpointer key,
         gpointer value,
         gpointer user_data)
{
  FerryTransferPanel *self = user_data;

  if (g_hash_table_contains (self->positions, key))
    return FALSE;
  g_signal_handlers_disconnect_by_data (key, self);
  return TRUE;
}

static void
watch_transfers (FerryTransferPanel *self)
{
  GListModel *all;
  guint n;

  if (self->runner == NULL)
    return;
  all = ferry_transfer_runner_get_transfers (self->runner);
  n = g_list_model_get_n_items (all);
  g_hash_table_remove_all (self->positions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryTransfer) transfer = g_list_model_get_item (all, i);

      if (ferry_transfer_get_parent (transfer) != NULL)
        continue;
      g_hash_table_insert (self->positions, transfer, GUINT_TO_POINTER (i + 1));
      if (g_hash_table_contains (self->watched, transfer))
        continue;
      g_hash_table_insert (self->watched, g_object_ref (transfer),
                           GUINT_TO_POINTER (++self->n_watched));
      g_signal_connect_object (transfer, "notify::state", G_CALLBACK (transfer_state_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_hash_table_foreach_remove (self->watched, gone_cb, self);
}

static gboolean
scroll_idle_cb (gpointer data)
{
  FerryTransferPanel *self = data;

  self->scroll_idle = 0;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return G_SOURCE_REMOVE;
}

static void
items_changed_cb (FerryTransferPanel *self,
                  guint               position,
                  guint               removed,
                  guint               added)
{
  guint before = self->n_watched;

  watch_transfers (self);
  queue_summary (self);
  /* Something new was started: show the top, where the running ones are. */
  if (self->n_watched > before && self->scroll_idle == 0)
    self->scroll_idle = g_idle_add (scroll_idle_cb, self);
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FerryTransferPanel) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ferry_transfer_open_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[SIGNAL_TOAST], 0, error->message);
}

static void
carry_out (FerryTransferPanel     *self,
           FerryTransfer          *transfer,
           FerryTransferRowRequest request)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->runner == NULL || transfer == NULL)
    return;
  switch (request)
    {
    case FERRY_TRANSFER_ROW_PAUSE:
      ferry_transfer_runner_pause (self->runner, transfer);
      break;
    case FERRY_TRANSFER_ROW_RESUME:
      ferry_transfer_runner_resume (self->runner, transfer);
      break;
    case FERRY_TRANSFER_ROW_RETRY:
      ferry_transfer_runner_retry (self->runner, transfer);
      break;
    case FERRY_TRANSFER_ROW_CANCEL:
      ferry_transfer_runner_cancel (self->runner, transfer);
      break;
    case FERRY_TRANSFER_ROW_MOVE_UP:
      ferry_transfer_runner_move (self->runner, transfer, FERRY_TRANSFER_MOVE_UP);
      break;
    case FERRY_TRANSFER_ROW_MOVE_DOWN:
      ferry_transfer_runner_move (self->runner, transfer, FERRY_TRANSFER_MOVE_DOWN);
      break;
    case FERRY_TRANSFER_ROW_MOVE_TOP:
      ferry_transfer_runner_move (self->runner, transfer, FERRY_TRANSFER_MOVE_TOP);
      break;
    case FERRY_TRANSFER_ROW_OPEN:
    case FERRY_TRANSFER_ROW_SHOW_IN_FOLDER:
      ferry_transfer_open_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 ferry_transfer_get_local_file (transfer),
                                 request == FERRY_TRANSFER_ROW_SHOW_IN_FOLDER,
                                 self->cancellable, open_cb, g_object_ref (self));
      break;
    default:
      g_return_if_reached ();
    }
  queue_summary (self);
}

static void
row_request_cb (FerryTransferRow   *row,
                int                 request,
                FerryTransferPanel *self)
{
  carry_out (self, ferry_transfer_row_get_transfer (row), request);
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  FerryTransferPanel       *self)
{
  GtkWidget *row = ferry_transfer_row_new ();

  g_signal_connect_object (row, "request", G_CALLBACK (row_request_cb), self, 0);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 FerryTransferPanel       *self)
{
  ferry_transfer_row_set_host (FERRY_TRANSFER_ROW (gtk_list_item_get_child (item)), self->host);
  ferry_transfer_row_set_queue (FERRY_TRANSFER_ROW (gtk_list_item_get_child (item)),
                                self->runner ? ferry_transfer_runner_get_transfers (self->runner)
                                             : NULL);
  ferry_transfer_row_set_transfer (FERRY_TRANSFER_ROW (gtk_list_item_get_child (item)),
                                   gtk_list_item_get_item (item));
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   FerryTransferPanel       *self)
{
  ferry_transfer_row_set_transfer (FERRY_TRANSFER_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
ferry_transfer_panel_clear_finished (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  FerryTransferPanel *self = FERRY_TRANSFER_PANEL (widget);

  if (self->runner != NULL)
    ferry_transfer_runner_clear_finished (self->runner);
  queue_summary (self);
}

static void
ferry_transfer_panel_pause_all (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  FerryTransferPanel *self = FERRY_TRANSFER_PANEL (widget);

  if (self->runner != NULL)
    ferry_transfer_runner_pause_all (self->runner);
  queue_summary (self);
}

static void
ferry_transfer_panel_resume_all (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  FerryTransferPanel *self = FERRY_TRANSFER_PANEL (widget);

  if (self->runner != NULL)
    ferry_transfer_runner_resume_all (self->runner);
  queue_summary (self);
}

/* Delete on the list: cancels the selected transfer (if it is unfinished). */
static void
ferry_transfer_panel_cancel_selected (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  FerryTransferPanel *self = FERRY_TRANSFER_PANEL (widget);
  FerryTransfer *transfer = gtk_single_selection_get_selected_item (self->selection);

  if (transfer != NULL && !is_finished (transfer))
    carry_out (self, transfer, FERRY_TRANSFER_ROW_CANCEL);
}

static void
filter_toggled_cb (FerryTransferPanel *self,
                   GtkToggleButton    *button)
{
  FerryTransferFilter mode;

  if (!gtk_toggle_button_get_active (button))
    return;
  if (button == self->filter_active)
    mode = FERRY_TRANSFER_FILTER_ACTIVE;
  else if (button == self->filter_failed)
    mode = FERRY_TRANSFER_FILTER_FAILED;
  else if (button == self->filter_done)
    mode = FERRY_TRANSFER_FILTER_DONE;
  else
    mode = FERRY_TRANSFER_FILTER_ALL;
  if (mode == self->filter_mode)
    return;
  self->filter_mode = mode;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  queue_summary (self);
}

static void
ferry_transfer_panel_cancel_all (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  FerryTransferPanel *self = FERRY_TRANSFER_PANEL (widget);

  if (self->runner != NULL)
    ferry_transfer_runner_cancel_all (self->runner);
}

void
ferry_transfer_panel_set_runner (FerryTransferPanel  *self,
                                 FerryTransferRunner *runner)
{
  g_return_if_fail (FERRY_IS_TRANSFER_PANEL (self));

  if (self->runner == runner)
    return;
  if (self->runner != NULL)
    g_signal_handlers_disconnect_by_data (self->runner, self);
  g_set_object (&self->runner, runner);
  unwatch_all (self);
  self->n_watched = 0;
  ferry_transfer_totals_set_model (self->totals,
                                   runner ? ferry_transfer_runner_get_transfers (runner) : NULL);
  ferry_transfer_notifier_set_runner (self->notifier, runner);
  gtk_filter_list_model_set_model (self->filter_model,
                                   runner ? ferry_transfer_runner_get_transfers (runner) : NULL);
  if (runner != NULL)
    {
      g_signal_connect_swapped (ferry_transfer_runner_get_transfers (runner), "items-changed",
                                G_CALLBACK (items_changed_cb), self);
      g_signal_connect_swapped (runner, "notify::busy", G_CALLBACK (queue_summary), self);
    }
  items_changed_cb (self, 0, 0, 0);
}

void
ferry_transfer_panel_set_host (FerryTransferPanel *self,
                               const char         *host)
{
  g_return_if_fail (FERRY_IS_TRANSFER_PANEL (self));

  g_free (self->host);
  self->host = g_strdup (host);
  ferry_transfer_notifier_set_host (self->notifier, host);
}

const char *
ferry_transfer_panel_get_notification_id (FerryTransferPanel *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_PANEL (self), NULL);

  return ferry_transfer_notifier_get_id (self->notifier);
}

FerryTransferRunner *
ferry_transfer_panel_get_runner (FerryTransferPanel *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_PANEL (self), NULL);

  return self->runner;
}

guint
ferry_transfer_panel_get_n_shown (FerryTransferPanel *self)
{
  g_return_val_if_fail (FERRY_IS_TRANSFER_PANEL (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

static void
ferry_transfer_panel_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FerryTransferPanel *self = FERRY_TRANSFER_PANEL (object);

  switch (prop_id)
    {
    case PROP_N_SHOWN:
      g_value_set_uint (value, ferry_transfer_panel_get_n_shown (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->runner != NULL
                                  && ferry_transfer_runner_get_busy (self->runner));
      break;
    case PROP_INDICATOR:
      g_value_take_string (value, ferry_transfer_totals_dup_indicator (self->totals));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_transfer_panel_dispose (GObject *object)
{
  FerryTransferPanel *self = FERRY_TRANSFER_PANEL (object);
  GtkWidget *child;

  g_clear_handle_id (&self->summary_idle, g_source_remove);
  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  unwatch_all (self);
  if (self->totals != NULL)
    g_signal_handlers_disconnect_by_data (self->totals, self);
  g_clear_object (&self->totals);
  g_clear_object (&self->notifier);
  if (self->runner != NULL)
    {
      g_signal_handlers_disconnect_by_data (ferry_transfer_runner_get_transfers (self->runner),
                                            self);
      g_signal_handlers_disconnect_by_data (self->runner, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_TRANSFER_PANEL);
  /* The template's top-level child is not bound to a field: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->runner);

  G_OBJECT_CLASS (ferry_transfer_panel_parent_class)->dispose (object);
}

static void
ferry_transfer_panel_finalize (GObject *object)
{
  FerryTransferPanel *self = FERRY_TRANSFER_PANEL (object);

  g_hash_table_unref (self->watched);
  g_hash_table_unref (self->positions);
  g_clear_object (&self->cancellable);
  g_free (self->host);

  G_OBJECT_CLASS (ferry_transfer_panel_parent_class)->finalize (object);
}

static void
ferry_transfer_panel_class_init (FerryTransferPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_transfer_panel_get_property;
  object_class->dispose = ferry_transfer_panel_dispose;
  object_class->finalize = ferry_transfer_panel_finalize;

  properties[PROP_N_SHOWN] =
    g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "37% · 2.1 MB/s" while something moves, for the collapsed panel; else NULL. */
  properties[PROP_INDICATOR] =
    g_param_spec_string ("indicator", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerryTransferPanel::toast:
   * @message: a sentence for the person (opening a download failed, …)
   */
  signals[SIGNAL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/ferryapp/Ferry/ui/ferry-transfer-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, filter_all);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, filter_active);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, filter_failed);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, filter_done);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, totals_box);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, total_bar);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, progress_label);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, selection);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, sort_model);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, sorter);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, filter_model);
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, filter);
  gtk_widget_class_bind_template_callback (widget_class, factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, factory_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, factory_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);

  gtk_widget_class_install_action (widget_class, "transfers.clear-finished", NULL,
                                   ferry_transfer_panel_clear_finished);
  gtk_widget_class_install_action (widget_class, "transfers.cancel-all", NULL,
                                   ferry_transfer_panel_cancel_all);
  gtk_widget_class_install_action (widget_class, "transfers.pause-all", NULL,
                                   ferry_transfer_panel_pause_all);
  gtk_widget_class_install_action (widget_class, "transfers.resume-all", NULL,
                                   ferry_transfer_panel_resume_all);
  gtk_widget_class_install_action (widget_class, "transfers.cancel-selected", NULL,
                                   ferry_transfer_panel_cancel_selected);
}

static void
ferry_transfer_panel_init (FerryTransferPanel *self)
{
  GtkEventController *shortcuts;

  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->positions = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
  self->totals = ferry_transfer_totals_new ();
  self->notifier = ferry_transfer_notifier_new (GTK_WIDGET (self));
  g_signal_connect_swapped (self->totals, "changed", G_CALLBACK (update_totals), self);
  gtk_widget_init_template (GTK_WIDGET (self));
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                      gtk_named_action_new ("transfers.cancel-selected")));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);
  gtk_custom_filter_set_filter_func (self->filter, filter_func, self, NULL);
  gtk_custom_sorter_set_sort_func (self->sorter, sort_func, self, NULL);
  /* GTK 4.8 does not take a list view's label from the template. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Transfers"),
                                  -1);
  summary_idle_cb (self);
}

GtkWidget *
ferry_transfer_panel_new (void)
{
  return g_object_new (FERRY_TYPE_TRANSFER_PANEL, NULL);
}
