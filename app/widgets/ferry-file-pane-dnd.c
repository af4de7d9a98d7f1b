/* ferry-file-pane-dnd.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drag and drop on FerryFilePane: a GtkDragSource on the list drags the
 * selection (or the row pressed, which becomes the selection), with content
 * from the pane's owner; a GtkDropTarget on the content area takes drops
 * into the folder row under the pointer, else into the folder shown, and
 * highlights where they will go. GtkColumnView in GTK 4.8 has no API for the
 * row at a point: the row is found from the widget picked there, as the
 * context menu does.
 */
#define G_LOG_DOMAIN "ferry-file-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-file-pane-dnd.h"
#include "ferry-file-pane-private.h"

typedef struct
{
  FerryFilePane *self;          /* not a reference: this lives in its qdata */
  GtkDragSource *drag_source;
  FerryPaneDragFunc drag_func;
  gpointer drag_data;
  GtkDropTarget *drop_target;
  FerryPaneAcceptFunc accept_func;
  FerryPaneDropFunc drop_func;
  gpointer drop_data;
  GtkWidget *highlighted_row;   /* a weak pointer */
  gboolean pane_highlighted;
} PaneDnd;

static const char dnd_css[] =
  "ferryfilepane .ferry-drop-pane { outline: 2px solid @accent_bg_color; outline-offset: -2px;"
  " background-color: alpha(@accent_bg_color, 0.06); }\n"
  "ferryfilepane row.ferry-drop-row { outline: 2px solid @accent_bg_color; outline-offset: -2px;"
  " background-color: alpha(@accent_bg_color, 0.25); }\n";

static void
ensure_dnd_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "ferry-file-pane-dnd-css"))
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, dnd_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "ferry-file-pane-dnd-css",
                          g_steal_pointer (&provider), g_object_unref);
}

static PaneDnd *
pane_dnd (FerryFilePane *self)
{
  return g_object_get_data (G_OBJECT (self), "ferry-pane-dnd");
}

/* The row widget (css name "row") that @widget is in, below the list. */
static GtkWidget *
row_widget_of (FerryFilePane *self,
               GtkWidget     *widget)
{
  for (; widget != NULL && widget != GTK_WIDGET (self->column_view);
       widget = gtk_widget_get_parent (widget))
    if (g_strcmp0 (gtk_widget_get_css_name (widget), "row") == 0)
      return widget;
  return NULL;
}

/* The file of the row at (@x, @y) of @widget, and that row's widget. */
static FerryRemoteFile *
file_at (FerryFilePane *self,
         GtkWidget     *widget,
         double         x,
         double         y,
         GtkWidget    **row,
         guint         *position)
{
  GtkWidget *picked;
  GtkListItem *item;

  if (row != NULL)
    *row = NULL;
  if (!gtk_widget_get_visible (GTK_WIDGET (self->scroller))
      || gtk_stack_get_visible_child (self->content_stack) != GTK_WIDGET (self->scroller))
    return NULL;
  picked = gtk_widget_pick (widget, x, y, GTK_PICK_DEFAULT);
  if (picked == NULL || !gtk_widget_is_ancestor (picked, GTK_WIDGET (self->column_view)))
    return NULL;
  item = ferry_file_pane_list_item_at (self, picked);
  if (item == NULL || gtk_list_item_get_item (item) == NULL)
    return NULL;
  if (row != NULL)
    *row = row_widget_of (self, picked);
  if (position != NULL)
    *position = gtk_list_item_get_position (item);
  return gtk_list_item_get_item (item);
}

/* ---- the highlight ---- */

static void
set_highlight (PaneDnd   *dnd,
               GtkWidget *row,
               gboolean   pane)
{
  GtkWidget *area = GTK_WIDGET (dnd->self->content_stack);

  if (dnd->highlighted_row != row)
    {
      if (dnd->highlighted_row != NULL)
        {
          gtk_widget_remove_css_class (dnd->highlighted_row, "ferry-drop-row");
          g_object_remove_weak_pointer (G_OBJECT (dnd->highlighted_row),
                                        (gpointer *) &dnd->highlighted_row);
        }
      dnd->highlighted_row = row;
      if (row != NULL)
        {
          g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &dnd->highlighted_row);
          gtk_widget_add_css_class (row, "ferry-drop-row");
        }
    }
  if (dnd->pane_highlighted != pane)
    {
      dnd->pane_highlighted = pane;
      if (pane)
        gtk_widget_add_css_class (area, "ferry-drop-pane");
      else
        gtk_widget_remove_css_class (area, "ferry-drop-pane");
    }
}

/* Where a drop at (@x, @y) goes: a folder row's path (and @row), else the
 * folder shown. */
static char *
drop_folder_at (PaneDnd    *dnd,
                double      x,
                double      y,
                GtkWidget **row)
{
  FerryFilePane *self = dnd->self;
  GtkWidget *area = GTK_WIDGET (self->content_stack);
  FerryRemoteFile *file = file_at (self, area, x, y, row, NULL);

  if (file != NULL && ferry_browser_file_is_folder_like (file) && self->path != NULL)
    return ferry_browser_source_dup_file_path (self->source, self->path, file);
  if (row != NULL)
    *row = NULL;
  return g_strdup (self->path);
}

static gboolean
drop_accept_cb (GtkDropTarget *target,
                GdkDrop       *drop,
                PaneDnd       *dnd)
{
  if (!gdk_content_formats_match (gtk_drop_target_get_formats (target),
                                  gdk_drop_get_formats (drop))
      || (gdk_drop_get_actions (drop) & GDK_ACTION_COPY) == 0)
    return FALSE;
  return dnd->accept_func == NULL || dnd->accept_func (dnd->self, drop, dnd->drop_data);
}

static GdkDragAction
drop_motion_cb (GtkDropTarget *target,
                double         x,
                double         y,
                PaneDnd       *dnd)
{
  GtkWidget *row = NULL;
  g_autofree char *folder = drop_folder_at (dnd, x, y, &row);

  set_highlight (dnd, row, row == NULL);
  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget *target,
               PaneDnd       *dnd)
{
  set_highlight (dnd, NULL, FALSE);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PaneDnd       *dnd)
{
  g_autofree char *folder = drop_folder_at (dnd, x, y, NULL);

  set_highlight (dnd, NULL, FALSE);
  if (folder == NULL)
    {
      ferry_file_pane_show_error (dnd->self, _("Wait until the folder is shown, then drop "
                                               "again."));
      return FALSE;
    }
  return dnd->drop_func (dnd->self, value, folder, dnd->drop_data);
}

/* ---- dragging out ---- */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 PaneDnd       *dnd)
{
  FerryFilePane *self = dnd->self;
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GPtrArray) files = NULL;
  FerryRemoteFile *file;
  guint position = 0;

  if (dnd->drag_func == NULL || self->path == NULL)
    return NULL;
  file = file_at (self, GTK_WIDGET (self->column_view), x, y, NULL, &position);
  if (file == NULL)
    return NULL;
  /* Dragging a row that is not selected drags that row alone, as file
   * managers do. */
  if (!gtk_selection_model_is_selected (selection, position))
    gtk_selection_model_select_item (selection, position, TRUE);
  files = ferry_file_pane_dup_selected (self);
  if (files == NULL || files->len == 0)
    return NULL;
  return dnd->drag_func (self, files, self->path, dnd->drag_data);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               PaneDnd       *dnd)
{
  FerryFilePane *self = dnd->self;
  g_autoptr(GPtrArray) files = ferry_file_pane_dup_selected (self);
  gboolean folder = files != NULL && files->len == 1
                    && ferry_browser_file_is_folder_like (g_ptr_array_index (files, 0));
  const char *icon = files != NULL && files->len > 1 ? "edit-copy-symbolic"
                     : folder                        ? "folder-symbolic"
                                                     : "text-x-generic-symbolic";
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (
                                                          GTK_WIDGET (self)));
  g_autoptr(GtkIconPaintable) paintable = gtk_icon_theme_lookup_icon (
    theme, icon, NULL, 32, gtk_widget_get_scale_factor (GTK_WIDGET (self)),
    gtk_widget_get_direction (GTK_WIDGET (self)), 0);

  gtk_drag_source_set_icon (source, GDK_PAINTABLE (paintable), 8, 8);
  /* GtkDragSource resets the controllers of its own widget only: the list
   * inside would go on to start a rubberband with the same press (and leave
   * its rubberband widget behind when the drag takes the pointer). */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (child);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          gtk_event_controller_reset (controller);
        }
    }
}

/* ---- setup ---- */

static void
pane_dnd_free (PaneDnd *dnd)
{
  if (dnd->highlighted_row != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dnd->highlighted_row),
                                  (gpointer *) &dnd->highlighted_row);
  g_free (dnd);
}

void
ferry_file_pane_init_dnd (FerryFilePane *self)
{
  PaneDnd *dnd = g_new0 (PaneDnd, 1);

  dnd->self = self;
  g_object_set_data_full (G_OBJECT (self), "ferry-pane-dnd", dnd,
                          (GDestroyNotify) pane_dnd_free);
  ensure_dnd_css (GTK_WIDGET (self));
}

void
ferry_file_pane_set_drag_func (FerryFilePane     *self,
                               FerryPaneDragFunc  func,
                               gpointer           user_data)
{
  PaneDnd *dnd;

  g_return_if_fail (FERRY_IS_FILE_PANE (self));
  dnd = pane_dnd (self);
  dnd->drag_func = func;
  dnd->drag_data = user_data;
  if (dnd->drag_source != NULL)
    return;
  dnd->drag_source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (dnd->drag_source, GDK_ACTION_COPY);
  /* Before the list's rubberband: a press on a row drags it, a press between
   * or below the rows (prepare gives no content) still selects a range. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (dnd->drag_source),
                                              GTK_PHASE_CAPTURE);
  g_signal_connect (dnd->drag_source, "prepare", G_CALLBACK (drag_prepare_cb), dnd);
  g_signal_connect (dnd->drag_source, "drag-begin", G_CALLBACK (drag_begin_cb), dnd);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view),
                             GTK_EVENT_CONTROLLER (dnd->drag_source));
}

void
ferry_file_pane_set_drop_func (FerryFilePane       *self,
                               const GType         *types,
                               gsize                n_types,
                               FerryPaneAcceptFunc  accept,
                               FerryPaneDropFunc    drop,
                               gpointer             user_data)
{
  PaneDnd *dnd;

  g_return_if_fail (FERRY_IS_FILE_PANE (self));
  g_return_if_fail (types != NULL && n_types > 0 && drop != NULL);
  dnd = pane_dnd (self);
  dnd->accept_func = accept;
  dnd->drop_func = drop;
  dnd->drop_data = user_data;
  if (dnd->drop_target == NULL)
    {
      dnd->drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
      g_signal_connect (dnd->drop_target, "accept", G_CALLBACK (drop_accept_cb), dnd);
      g_signal_connect (dnd->drop_target, "enter", G_CALLBACK (drop_motion_cb), dnd);
      g_signal_connect (dnd->drop_target, "motion", G_CALLBACK (drop_motion_cb), dnd);
      g_signal_connect (dnd->drop_target, "leave", G_CALLBACK (drop_leave_cb), dnd);
      g_signal_connect (dnd->drop_target, "drop", G_CALLBACK (drop_cb), dnd);
      gtk_widget_add_controller (GTK_WIDGET (self->content_stack),
                                 GTK_EVENT_CONTROLLER (dnd->drop_target));
    }
  gtk_drop_target_set_gtypes (dnd->drop_target, (GType *) types, n_types);
}

void
ferry_file_pane_show_error (FerryFilePane *self,
                            const char    *text)
{
  g_return_if_fail (FERRY_IS_FILE_PANE (self));

  ferry_file_pane_show_message (self, MESSAGE_OPERATION, text);
}
