/* ferry-resize-handle.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The strip above a bottom panel (transfers, session log) that resizes it,
 * as GtkPaned would, without a paned's handle showing when the panel is
 * hidden. The height is remembered in GSettings.
 */
#define G_LOG_DOMAIN "ferry-resize-handle"

#include "config.h"

#include "ferry-resize-handle.h"

/* Room the panel leaves for the files above it, within the handle's nearest
 * GtkStack ancestor (a connection tab's pages). */
#define MIN_ROOM_ABOVE 160

typedef struct
{
  GtkWidget *target;   /* unowned: a sibling that lives as long as the handle */
  GSettings *settings;
  char *key;
  int start_height;
  double start_y;      /* where the drag began, in the window */
  int min_height;      /* the key's range (80 and no limit without settings) */
  int key_max;
  int max_height;      /* key_max, or less when the tab has no room: set per drag */
} Handle;

static void
handle_free (gpointer data)
{
  Handle *handle = data;

  g_clear_object (&handle->settings);
  g_free (handle->key);
  g_free (handle);
}

/* The handle moves while it is dragged: offsets are measured in the window. */
static double
window_y (GtkWidget *widget,
          double     y)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  double root_x = 0, root_y = y;

  if (root != NULL)
    gtk_widget_translate_coordinates (widget, root, 0, y, &root_x, &root_y);
  return root_y;
}

/* The range the settings key allows, read once. */
static void
read_key_range (Handle *handle)
{
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  const char *type = NULL;
  int low = 0, high = G_MAXINT;

  g_object_get (handle->settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, handle->key);
  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", &type, &limits);
  if (g_str_equal (type, "range"))
    {
      g_variant_get (limits, "(ii)", &low, &high);
      handle->min_height = low;
      handle->key_max = high;
    }
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               Handle         *handle)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  /* The page that holds the files and the panels (the tab's stack). */
  GtkWidget *area = gtk_widget_get_ancestor (widget, GTK_TYPE_STACK);

  handle->start_height = gtk_widget_get_height (handle->target);
  handle->start_y = window_y (widget, y);
  /* The key's range, and room left for the files in the tab as it is now. */
  handle->max_height = handle->key_max;
  if (area != NULL && gtk_widget_get_height (area) > MIN_ROOM_ABOVE)
    handle->max_height = MIN (handle->max_height,
                              gtk_widget_get_height (area) - MIN_ROOM_ABOVE);
  handle->max_height = MAX (handle->max_height, handle->min_height);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                Handle         *handle)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  double start_x, start_y;
  int height;

  /* The point now, in the widget where it is now, then in the window. */
  gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
  height = CLAMP (handle->start_height
                    - (int) (window_y (widget, start_y + offset_y) - handle->start_y),
                  handle->min_height, handle->max_height);

  gtk_widget_set_size_request (handle->target, -1, height);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             Handle         *handle)
{
  int height;

  drag_update_cb (gesture, offset_x, offset_y, handle);
  gtk_widget_get_size_request (handle->target, NULL, &height);
  if (handle->settings != NULL)
    g_settings_set_int (handle->settings, handle->key, height);
}

void
ferry_resize_handle_attach (GtkWidget  *widget,
                            GtkWidget  *target,
                            GSettings  *settings,
                            const char *key)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  Handle *handle = g_new0 (Handle, 1);

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GTK_IS_WIDGET (target));
  g_return_if_fail (key != NULL);

  handle->target = target;
  handle->settings = settings != NULL ? g_object_ref (settings) : NULL;
  handle->key = g_strdup (key);
  handle->min_height = 80;
  handle->key_max = G_MAXINT;
  if (settings != NULL)
    {
      read_key_range (handle);
      gtk_widget_set_size_request (target, -1, g_settings_get_int (settings, key));
    }

  gtk_widget_set_cursor_from_name (widget, "row-resize");
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), handle);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), handle);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), handle);
  g_object_set_data_full (G_OBJECT (drag), "ferry-resize-handle", handle, handle_free);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));
}
