/* ferry-file-pane-fill.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Puts a new listing into the pane's store in steps, so that a folder of
 * 100,000 entries never holds up the window. GTK makes (and destroys) a row
 * widget for each of up to 200 items around the visible ones, and that, not
 * the items, is what costs: about half a millisecond a row. One splice of a
 * big folder made or destroyed them all at once (120-700 ms measured with
 * tests/bench/bench-window.py). So the old items leave from the end and the
 * new ones arrive at the end, a quarter of what is there at a time (within
 * the limits below): no splice makes or destroys more than a few dozen rows
 * (about 20 ms), and 100,000 entries take a few dozen splices, some in each
 * step of a few milliseconds, with a frame drawn between steps. The old items of a big folder
 * are freed on a thread of their own.
 */
#define G_LOG_DOMAIN "ferry-file-pane"

#include "config.h"

#include "ferry-file-pane-private.h"

#define STEP_BUDGET_US   6000  /* main-loop time after which a step yields */
#define MIN_CHUNK          16  /* new items of a splice, at least */
#define MAX_CHUNK        8192  /* new items of a splice, at most: sorting them in costs
                                * about 2 µs an item */
#define ROWS_NEAR         512  /* below this many items, rows may be among those leaving */
#define MAX_ROWS_OUT       12  /* items leaving at once there: a row costs up to 1.5 ms */
#define FREE_ON_THREAD   2000  /* at least this many old items are freed on a thread */

static gpointer
free_thread (gpointer data)
{
  g_ptr_array_unref (data);
  return NULL;
}

static void
fill_finish (FerryFilePane *self)
{
  FerryPaneFillDone done = self->fill_done;
  gpointer data = self->fill_data;
  GDestroyNotify destroy = self->fill_destroy;

  g_clear_pointer (&self->fill_items, g_ptr_array_unref);
  self->fill_done = NULL;
  self->fill_data = NULL;
  self->fill_destroy = NULL;
  if (done != NULL)
    done (self, data);
  if (destroy != NULL)
    destroy (data);
}

static void
free_garbage_on_thread (FerryFilePane *self)
{
  if (self->fill_garbage != NULL)
    g_thread_unref (g_thread_new ("ferry-free", free_thread,
                                  g_steal_pointer (&self->fill_garbage)));
}

/* One splice: old items out, or new items in. FALSE when all is done. */
static gboolean
fill_splice (FerryFilePane *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (self->fill_removing && n > 0)
    {
      guint k = n > ROWS_NEAR ? n / 4 : CLAMP (n / 4, 1, MAX_ROWS_OUT);

      g_list_store_splice (self->store, n - k, k, NULL, 0);
      return TRUE;
    }
  if (self->fill_removing)
    {
      /* The store let go of them: the thread drops what is likely the last reference. */
      self->fill_removing = FALSE;
      free_garbage_on_thread (self);
    }
  if (self->fill_next < self->fill_items->len)
    {
      guint k = MIN (CLAMP (n / 4, MIN_CHUNK, MAX_CHUNK),
                     self->fill_items->len - self->fill_next);

      g_list_store_splice (self->store, n, 0, self->fill_items->pdata + self->fill_next, k);
      self->fill_next += k;
      return TRUE;
    }
  return FALSE;
}

static gboolean
fill_step_cb (gpointer user_data)
{
  FerryFilePane *self = user_data;
  gint64 start = g_get_monotonic_time ();

  while (g_get_monotonic_time () - start < STEP_BUDGET_US)
    if (!fill_splice (self))
      {
        self->fill_id = 0;
        fill_finish (self);
        return G_SOURCE_REMOVE;
      }
  return G_SOURCE_CONTINUE;
}

void
ferry_file_pane_fill (FerryFilePane     *self,
                      GPtrArray         *items,
                      FerryPaneFillDone  done,
                      gpointer           data,
                      GDestroyNotify     destroy)
{
  GListModel *store = G_LIST_MODEL (self->store);
  guint n_old = g_list_model_get_n_items (store);

  ferry_file_pane_fill_cancel (self);
  /* Freeing 100,000 entries takes longer than a frame: a thread does it. */
  if (n_old >= FREE_ON_THREAD)
    {
      self->fill_garbage = g_ptr_array_new_full (n_old, g_object_unref);
      for (guint i = 0; i < n_old; i++)
        g_ptr_array_add (self->fill_garbage, g_list_model_get_item (store, i));
    }
  self->fill_items = items;
  self->fill_next = 0;
  self->fill_removing = n_old > 0;
  self->fill_done = done;
  self->fill_data = data;
  self->fill_destroy = destroy;
  /* A small folder is shown at once; a big one starts at once and goes on in idles. */
  if (fill_step_cb (self) == G_SOURCE_CONTINUE)
    self->fill_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_step_cb, self, NULL);
}

void
ferry_file_pane_fill_cancel (FerryFilePane *self)
{
  g_clear_handle_id (&self->fill_id, g_source_remove);
  g_clear_pointer (&self->fill_items, g_ptr_array_unref);
  free_garbage_on_thread (self);
  if (self->fill_destroy != NULL)
    self->fill_destroy (self->fill_data);
  self->fill_done = NULL;
  self->fill_data = NULL;
  self->fill_destroy = NULL;
}
