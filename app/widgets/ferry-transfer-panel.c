/* ferry-transfer-panel.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The transfer queue of a connection tab: the transfers the person started
 * (a folder shows as one row with the progress of all its files), what each
 * is doing, and buttons to stop them or clear the finished ones.
 */
#define G_LOG_DOMAIN "ferry-transfer-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-transfer-panel.h"
#include "ferry-transfer-row.h"

struct _FerryTransferPanel
{
  GtkWidget parent_instance;

  FerryTransferRunner *runner;
  GHashTable *cleared; /* FerryTransfer* set: finished and cleared away */
  GHashTable *watched; /* FerryTransfer* -> its order of arrival (1, 2, …) */
  guint n_watched;
  guint summary_idle;
  guint scroll_idle;
  char *host;

  /* Template children */
  GtkLabel *summary_label;
  GtkStack *stack;
  GtkScrolledWindow *scroller;
  GtkListView *list_view;
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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
         && !g_hash_table_contains (self->cleared, transfer);
}

/* Running transfers are the ones to watch, so they come first; then those
 * waiting, in the order they will run; then the finished ones, the latest
 * first. */
static int
state_rank (FerryTransfer *transfer)
{
  switch (ferry_transfer_get_state (transfer))
    {
    case FERRY_TRANSFER_ACTIVE:
      return 0;
    case FERRY_TRANSFER_QUEUED:
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
  if (order_a == order_b)
    return 0;
  if (rank_a == 2)
    return order_a > order_b ? -1 : 1;
  return order_a < order_b ? -1 : 1;
}

char *
ferry_transfer_panel_dup_summary (FerryTransferPanel *self)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);
  guint active = 0, queued = 0, failed = 0, done = 0;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (n == 0)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryTransfer) transfer = g_list_model_get_item (model, i);

      switch (ferry_transfer_get_state (transfer))
        {
        case FERRY_TRANSFER_ACTIVE:
          active++;
          break;
        case FERRY_TRANSFER_QUEUED:
          queued++;
          break;
        case FERRY_TRANSFER_FAILED:
          failed++;
          break;
        case FERRY_TRANSFER_DONE:
          done++;
          break;
        case FERRY_TRANSFER_CANCELLED:
        default:
          break;
        }
    }
  if (active > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u running", "%u running", active),
                                             active));
  if (queued > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u waiting", "%u waiting", queued),
                                             queued));
  if (failed > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u failed", "%u failed", failed),
                                             failed));
  if (done > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u done", "%u done", done), done));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static gboolean
summary_idle_cb (gpointer data)
{
  FerryTransferPanel *self = data;
  g_autofree char *summary = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  gboolean any_finished = FALSE;

  self->summary_idle = 0;
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  summary = ferry_transfer_panel_dup_summary (self);
  gtk_label_set_text (self->summary_label, summary ? summary : "");
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  for (guint i = 0; i < n && !any_finished; i++)
    {
      g_autoptr(FerryTransfer) transfer =
        g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      any_finished = is_finished (transfer);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transfers.clear-finished", any_finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transfers.cancel-all",
                                 self->runner != NULL
                                 && ferry_transfer_runner_get_busy (self->runner));
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
watch_transfers (FerryTransferPanel *self)
{
  GListModel *all;
  guint n;

  if (self->runner == NULL)
    return;
  all = ferry_transfer_runner_get_transfers (self->runner);
  n = g_list_model_get_n_items (all);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryTransfer) transfer = g_list_model_get_item (all, i);

      if (ferry_transfer_get_parent (transfer) != NULL
          || g_hash_table_contains (self->watched, transfer))
        continue;
      g_hash_table_insert (self->watched, g_object_ref (transfer),
                           GUINT_TO_POINTER (++self->n_watched));
      g_signal_connect_object (transfer, "notify::state", G_CALLBACK (transfer_state_cb), self,
                               G_CONNECT_SWAPPED);
    }
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
row_cancel_cb (FerryTransferRow   *row,
               FerryTransferPanel *self)
{
  FerryTransfer *transfer = ferry_transfer_row_get_transfer (row);

  if (self->runner != NULL && transfer != NULL)
    ferry_transfer_runner_cancel (self->runner, transfer);
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  FerryTransferPanel       *self)
{
  GtkWidget *row = ferry_transfer_row_new ();

  g_signal_connect_object (row, "cancel", G_CALLBACK (row_cancel_cb), self, 0);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 FerryTransferPanel       *self)
{
  ferry_transfer_row_set_host (FERRY_TRANSFER_ROW (gtk_list_item_get_child (item)), self->host);
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
  GListModel *all;
  guint n;

  if (self->runner == NULL)
    return;
  all = ferry_transfer_runner_get_transfers (self->runner);
  n = g_list_model_get_n_items (all);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryTransfer) transfer = g_list_model_get_item (all, i);

      if (is_finished (transfer))
        g_hash_table_add (self->cleared, g_object_ref (transfer));
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_MORE_STRICT);
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
  g_hash_table_remove_all (self->cleared);
  g_hash_table_remove_all (self->watched);
  self->n_watched = 0;
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

  g_hash_table_unref (self->cleared);
  g_hash_table_unref (self->watched);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/ferryapp/Ferry/ui/ferry-transfer-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryTransferPanel, summary_label);
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

  gtk_widget_class_install_action (widget_class, "transfers.clear-finished", NULL,
                                   ferry_transfer_panel_clear_finished);
  gtk_widget_class_install_action (widget_class, "transfers.cancel-all", NULL,
                                   ferry_transfer_panel_cancel_all);
}

static void
ferry_transfer_panel_init (FerryTransferPanel *self)
{
  self->cleared = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
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
