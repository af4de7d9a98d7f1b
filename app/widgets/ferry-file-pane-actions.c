/* ferry-file-pane-actions.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What FerryFilePane does: opening items, the pane.* actions and their keys,
 * the context menu, and the operations (New Folder, Rename, Delete,
 * Permissions) that run one after another and then list the folder again.
 *
 * GTK 4.8's GtkColumnView has no row factory: the context menu is one
 * capture-phase gesture on the column view that finds the row under the
 * pointer through the cell widgets, and the keys are class bindings of the
 * pane, which act on the selection.
 */
#define G_LOG_DOMAIN "ferry-file-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-file-pane-private.h"

/* ---- opening ---- */

void
ferry_file_pane_open_file (FerryFilePane   *self,
                           FerryRemoteFile *file)
{
  g_autofree char *path = NULL;
  FerryRemoteFileKind kind = ferry_remote_file_get_kind (file);

  if (self->path == NULL)
    return;
  path = ferry_browser_source_dup_file_path (self->source, self->path, file);

  if (ferry_browser_file_is_folder_like (file))
    ferry_file_pane_load_folder (self, path, LOAD_PUSH_HISTORY, NULL);
  else if (kind == FERRY_REMOTE_FILE_KIND_LINK && ferry_remote_file_get_link_target_kind (file) < 0)
    ferry_file_pane_load_folder (self, path, LOAD_PUSH_HISTORY | LOAD_FROM_LINK, NULL);
  else if (kind == FERRY_REMOTE_FILE_KIND_SPECIAL)
    {
      g_autofree char *text =
        g_strdup_printf (_("“%s” is a device, a pipe or a socket; it cannot be opened or "
                           "transferred."), ferry_remote_file_get_name (file));

      ferry_file_pane_show_message (self, MESSAGE_OPERATION, text);
    }
  else
    ferry_file_pane_emit_activate_file (self, file);
}

static void
column_view_activate_cb (FerryFilePane *self,
                         guint          position)
{
  g_autoptr(FerryRemoteFile) file = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                           position);

  if (file != NULL)
    ferry_file_pane_open_file (self, file);
}

/* ---- the context menu ---- */

static void
popup_menu_at (FerryFilePane *self,
               double         x,
               double         y)
{
  ferry_file_pane_update_actions (self);
  gtk_popover_set_pointing_to (self->context_menu,
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (self->context_menu);
}

static GtkListItem *
list_item_of (GtkWidget *widget)
{
  return widget != NULL ? g_object_get_data (G_OBJECT (widget), "ferry-list-item") : NULL;
}

/* The GtkListItem of the row at @widget. Our cell widgets carry it; a cell's
 * padding belongs to the cell (whose child is ours), the gap between cells to
 * the row (whose children are the cells). The list itself is never a match:
 * its grandchildren are cells, not ours. */
GtkListItem *
ferry_file_pane_list_item_at (FerryFilePane *self,
                              GtkWidget     *widget)
{
  for (; widget != NULL && widget != GTK_WIDGET (self->column_view);
       widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *child = gtk_widget_get_first_child (widget);
      GtkListItem *item = list_item_of (widget);

      if (item == NULL)
        item = list_item_of (child);
      if (item == NULL && child != NULL)
        item = list_item_of (gtk_widget_get_first_child (child));
      if (item != NULL)
        return item;
    }
  return NULL;
}

static void
popup_for_point (FerryFilePane *self,
                 double         x,
                 double         y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);
  GtkListItem *item = ferry_file_pane_list_item_at (self, picked);
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (self->selection);
  double pane_x, pane_y;

  if (item != NULL && gtk_list_item_get_item (item) != NULL)
    {
      guint position = gtk_list_item_get_position (item);

      /* Right-click on an unselected row selects it alone, as in Files. */
      if (!gtk_selection_model_is_selected (selection, position))
        gtk_selection_model_select_item (selection, position, TRUE);
    }
  else
    gtk_selection_model_unselect_all (selection);

  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->column_view), GTK_WIDGET (self),
                                         x, y, &pane_x, &pane_y))
    pane_x = pane_y = 0;
  popup_menu_at (self, pane_x, pane_y);
}

static void
column_view_secondary_pressed_cb (GtkGestureClick *gesture,
                                  int              n_press,
                                  double           x,
                                  double           y,
                                  FerryFilePane   *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_for_point (self, x, y);
}

static void
column_view_long_pressed_cb (GtkGestureLongPress *gesture,
                             double               x,
                             double               y,
                             FerryFilePane       *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_for_point (self, x, y);
}

static void
background_secondary_pressed_cb (GtkGestureClick *gesture,
                                 int              n_press,
                                 double           x,
                                 double           y,
                                 FerryFilePane   *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  double pane_x, pane_y;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  if (!gtk_widget_translate_coordinates (widget, GTK_WIDGET (self), x, y, &pane_x, &pane_y))
    pane_x = pane_y = 0;
  popup_menu_at (self, pane_x, pane_y);
}

/* ---- actions ---- */

void
ferry_file_pane_update_actions (FerryFilePane *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint selected = self->loaded ? ferry_file_pane_n_selected (self) : 0;
  g_autofree char *parent = NULL;
  g_autoptr(FerryRemoteFile) first = NULL;

  if (self->source != NULL && self->path != NULL)
    parent = ferry_browser_source_dup_parent (self->source, self->path);
  if (selected == 1)
    first = ferry_file_pane_dup_first_selected (self);

  gtk_widget_action_set_enabled (widget, "pane.back", self->history->len > 0);
  gtk_widget_action_set_enabled (widget, "pane.up", parent != NULL);
  gtk_widget_action_set_enabled (widget, "pane.reload", self->path != NULL);
  gtk_widget_action_set_enabled (widget, "pane.retry", self->retry_path != NULL);
  gtk_widget_action_set_enabled (widget, "pane.new-folder", self->loaded);
  gtk_widget_action_set_enabled (widget, "pane.open", first != NULL);
  gtk_widget_action_set_enabled (widget, "pane.transfer",
                                 self->transfer_action != NULL && selected > 0);
  gtk_widget_action_set_enabled (widget, "pane.rename", first != NULL);
  gtk_widget_action_set_enabled (widget, "pane.delete", selected > 0);
  gtk_widget_action_set_enabled (widget, "pane.permissions",
                                 selected > 0 && self->source != NULL &&
                                 ferry_browser_source_supports_chmod (self->source));
  gtk_widget_action_set_enabled (widget, "pane.copy-path", self->path != NULL);
}

static void
transfer_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FerryFilePane *self = FERRY_FILE_PANE (widget);

  if (self->transfer_action != NULL)
    gtk_widget_activate_action (widget, self->transfer_action, NULL);
}

void
ferry_file_pane_set_transfer_action (FerryFilePane *self,
                                     const char    *label,
                                     const char    *action_name,
                                     const char    *accel)
{
  g_autoptr(GMenuModel) section = NULL;
  g_autoptr(GMenuItem) item = NULL;

  g_return_if_fail (FERRY_IS_FILE_PANE (self));
  g_return_if_fail (label != NULL && action_name != NULL);
  g_return_if_fail (self->transfer_action == NULL);

  self->transfer_action = g_strdup (action_name);
  /* The first section holds Open. */
  section = g_menu_model_get_item_link (self->item_menu, 0, G_MENU_LINK_SECTION);
  g_return_if_fail (G_IS_MENU (section));
  item = g_menu_item_new (label, "pane.transfer");
  g_menu_item_set_attribute (item, "hidden-when", "s", "action-disabled");
  if (accel != NULL)
    g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (G_MENU (section), item);
  ferry_file_pane_update_actions (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FerryFilePane *self = FERRY_FILE_PANE (widget);
  g_autofree char *previous = NULL;
  g_autofree char *child = NULL;
  g_autofree char *parent_of_current = NULL;

  if (self->history->len == 0)
    return;
  previous = g_ptr_array_steal_index (self->history, self->history->len - 1);
  /* Coming back out of a sub-folder selects it. */
  if (self->path != NULL)
    parent_of_current = ferry_browser_source_dup_parent (self->source, self->path);
  if (g_strcmp0 (parent_of_current, previous) == 0)
    child = ferry_file_pane_dup_base_name (self, self->path);
  ferry_file_pane_load_folder (self, previous, 0,
                               child != NULL ? ferry_file_pane_name_set_new_for (child) : NULL);
}

static void
up_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  FerryFilePane *self = FERRY_FILE_PANE (widget);
  g_autofree char *parent = NULL;
  g_autofree char *child = NULL;

  if (self->path == NULL)
    return;
  parent = ferry_browser_source_dup_parent (self->source, self->path);
  if (parent == NULL)
    return;
  child = ferry_file_pane_dup_base_name (self, self->path);
  ferry_file_pane_load_folder (self, parent, LOAD_PUSH_HISTORY,
                               child != NULL ? ferry_file_pane_name_set_new_for (child) : NULL);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ferry_file_pane_reload (FERRY_FILE_PANE (widget));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FerryFilePane *self = FERRY_FILE_PANE (widget);
  g_autofree char *path = g_strdup (self->retry_path);

  if (path == NULL)
    return;
  ferry_file_pane_show_message (self, MESSAGE_NONE, NULL);
  ferry_file_pane_load_folder (self, path, self->retry_flags, NULL);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FerryFilePane *self = FERRY_FILE_PANE (widget);
  g_autoptr(FerryRemoteFile) file = ferry_file_pane_dup_first_selected (self);

  if (file != NULL)
    ferry_file_pane_open_file (self, file);
}

static void
edit_path_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ferry_path_bar_start_editing (FERRY_FILE_PANE (widget)->path_bar);
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FerryFilePane *self = FERRY_FILE_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  graphene_rect_t bounds;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)) &&
      gtk_widget_compute_bounds (focus, widget, &bounds))
    popup_menu_at (self, bounds.origin.x + 24, bounds.origin.y + bounds.size.height);
  else
    popup_menu_at (self, 24, 48);
}

static void
copy_path_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FerryFilePane *self = FERRY_FILE_PANE (widget);
  g_autoptr(GPtrArray) files = ferry_file_pane_dup_selected (self);
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->path == NULL)
    return;
  if (files->len == 0)
    {
      g_autofree char *display = ferry_browser_source_dup_display_path (self->source, self->path);

      g_string_append (text, display);
    }
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path =
        ferry_browser_source_dup_file_path (self->source, self->path,
                                            g_ptr_array_index (files, i));
      g_autofree char *display = ferry_browser_source_dup_display_path (self->source, path);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, display);
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text->str);
  ferry_file_pane_emit_toast (self, files->len > 1 ? _("Paths copied") : _("Path copied"));
}

/* ---- operations: mkdir, rename, delete, chmod ---- */

typedef enum
{
  OPERATION_MKDIR,
  OPERATION_RENAME,
  OPERATION_DELETE,
  OPERATION_CHMOD,
} OperationKind;

typedef struct
{
  FerryFilePane *self;
  OperationKind kind;
  char *folder;        /* the folder shown when it started */
  GPtrArray *paths;    /* char * */
  GArray *is_folder;   /* gboolean, for deletes */
  char *target;        /* a rename's new path */
  guint mode;
  guint next;
  GHashTable *select;  /* raw names to select afterwards */
  char *done_message;  /* a toast when all went well */
} Operation;

static void
operation_free (Operation *op)
{
  g_clear_object (&op->self);
  g_free (op->folder);
  g_ptr_array_unref (op->paths);
  g_array_unref (op->is_folder);
  g_free (op->target);
  g_clear_pointer (&op->select, g_hash_table_unref);
  g_free (op->done_message);
  g_free (op);
}

static Operation *
operation_new (FerryFilePane *self,
               OperationKind  kind)
{
  Operation *op = g_new0 (Operation, 1);

  op->self = g_object_ref (self);
  op->kind = kind;
  op->folder = g_strdup (self->path);
  op->paths = g_ptr_array_new_with_free_func (g_free);
  op->is_folder = g_array_new (FALSE, FALSE, sizeof (gboolean));
  return op;
}

static void operation_run_next (Operation *op);

static void
operation_step_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Operation *op = user_data;
  FerryFilePane *self = op->self;
  g_autoptr(GError) error = NULL;
  gboolean same_folder;

  if (ferry_browser_source_operation_finish (FERRY_BROWSER_SOURCE (object), result, &error))
    {
      op->next++;
      operation_run_next (op);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      operation_free (op);
      return;
    }

  same_folder = g_strcmp0 (self->path, op->folder) == 0;
  if (same_folder)
    {
      g_autofree char *text =
        ferry_file_pane_explain_error (error, _("The server may not allow it here: check "
                                                "the name and your permissions."));

      /* What was done before the error is shown by the reload. */
      ferry_file_pane_reload_keeping_selection (self, NULL);
      ferry_file_pane_show_message (self, MESSAGE_OPERATION, text);
    }
  else
    ferry_file_pane_emit_toast (self, error->message);
  operation_free (op);
}

static void
operation_run_next (Operation *op)
{
  FerryFilePane *self = op->self;
  const char *path;

  if (op->next >= op->paths->len)
    {
      if (g_strcmp0 (self->path, op->folder) == 0)
        {
          if (self->message_kind == MESSAGE_OPERATION)
            ferry_file_pane_show_message (self, MESSAGE_NONE, NULL);
          ferry_file_pane_reload_keeping_selection (self, g_steal_pointer (&op->select));
        }
      if (op->done_message != NULL)
        ferry_file_pane_emit_toast (self, op->done_message);
      operation_free (op);
      return;
    }

  path = g_ptr_array_index (op->paths, op->next);
  switch (op->kind)
    {
    case OPERATION_MKDIR:
      ferry_browser_source_mkdir_async (self->source, path, self->cancellable,
                                        operation_step_cb, op);
      break;
    case OPERATION_RENAME:
      ferry_browser_source_rename_async (self->source, path, op->target, self->cancellable,
                                         operation_step_cb, op);
      break;
    case OPERATION_DELETE:
      ferry_browser_source_delete_async (self->source, path,
                                         g_array_index (op->is_folder, gboolean, op->next),
                                         self->cancellable, operation_step_cb, op);
      break;
    case OPERATION_CHMOD:
      ferry_browser_source_chmod_async (self->source, path, op->mode, self->cancellable,
                                        operation_step_cb, op);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The display names in the folder, for the name dialogs to refuse. */
static GHashTable *
dup_taken_names (FerryFilePane *self,
                 FerryRemoteFile *except)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);
  GHashTable *taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryRemoteFile) file = g_list_model_get_item (model, i);

      if (file != except)
        g_hash_table_add (taken, g_strdup (ferry_remote_file_get_name (file)));
    }
  return taken;
}

static void
new_folder_name_cb (FerryFilePane *self,
                    const char    *name,
                    gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *encoded = ferry_browser_source_encode_name (self->source, name, &error);
  Operation *op;

  if (encoded == NULL)
    {
      ferry_file_pane_show_message (self, MESSAGE_OPERATION, error->message);
      return;
    }
  op = operation_new (self, OPERATION_MKDIR);
  g_ptr_array_add (op->paths, ferry_browser_source_join (self->source, self->path, encoded));
  op->select = ferry_file_pane_name_set_new_for (encoded);
  operation_run_next (op);
}

static void
new_folder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  FerryFilePane *self = FERRY_FILE_PANE (widget);

  if (!self->loaded)
    return;
  ferry_file_pane_ask_name (self, _("New Folder"), NULL, "", _("_Create"), FALSE,
                            dup_taken_names (self, NULL), new_folder_name_cb, NULL, NULL);
}

static void
rename_name_cb (FerryFilePane *self,
                const char    *name,
                gpointer       user_data)
{
  FerryRemoteFile *file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *encoded = NULL;
  Operation *op;

  if (g_str_equal (name, ferry_remote_file_get_name (file)))
    return;
  encoded = ferry_browser_source_encode_name (self->source, name, &error);
  if (encoded == NULL)
    {
      ferry_file_pane_show_message (self, MESSAGE_OPERATION, error->message);
      return;
    }
  op = operation_new (self, OPERATION_RENAME);
  g_ptr_array_add (op->paths, ferry_browser_source_dup_file_path (self->source, self->path, file));
  op->target = ferry_browser_source_join (self->source, self->path, encoded);
  op->select = ferry_file_pane_name_set_new_for (encoded);
  operation_run_next (op);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FerryFilePane *self = FERRY_FILE_PANE (widget);
  g_autoptr(FerryRemoteFile) file = NULL;
  g_autofree char *heading = NULL;

  if (ferry_file_pane_n_selected (self) != 1 ||
      (file = ferry_file_pane_dup_first_selected (self)) == NULL)
    return;
  heading = g_strdup (ferry_browser_file_is_folder_like (file) ? _("Rename Folder")
                                                                : _("Rename File"));
  ferry_file_pane_ask_name (self, heading, NULL, ferry_remote_file_get_name (file), _("_Rename"),
                            !ferry_browser_file_is_folder_like (file),
                            dup_taken_names (self, file), rename_name_cb,
                            g_object_ref (file), g_object_unref);
}

static void
delete_confirmed_cb (FerryFilePane *self,
                     gpointer       user_data)
{
  GPtrArray *files = user_data;
  Operation *op = operation_new (self, OPERATION_DELETE);

  for (guint i = 0; i < files->len; i++)
    {
      FerryRemoteFile *file = g_ptr_array_index (files, i);
      /* A link is deleted as a link, never followed. */
      gboolean is_folder = ferry_remote_file_get_kind (file) == FERRY_REMOTE_FILE_KIND_DIRECTORY;

      g_ptr_array_add (op->paths, ferry_browser_source_dup_file_path (self->source, self->path,
                                                                      file));
      g_array_append_val (op->is_folder, is_folder);
    }
  if (files->len == 1)
    op->done_message = g_strdup_printf (_("“%s” deleted"),
                                        ferry_remote_file_get_name (g_ptr_array_index (files, 0)));
  else
    op->done_message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item deleted",
                                                     "%u items deleted", files->len),
                                        files->len);
  operation_run_next (op);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FerryFilePane *self = FERRY_FILE_PANE (widget);
  GPtrArray *files;

  if (!self->loaded || ferry_file_pane_n_selected (self) == 0)
    return;
  files = ferry_file_pane_dup_selected (self);
  if (self->confirm_deletes)
    ferry_file_pane_ask_delete (self, files, delete_confirmed_cb, files,
                                (GDestroyNotify) g_ptr_array_unref);
  else
    {
      delete_confirmed_cb (self, files);
      g_ptr_array_unref (files);
    }
}

static void
permissions_chosen_cb (FerryFilePane *self,
                       guint          mode,
                       gpointer       user_data)
{
  GPtrArray *files = user_data;
  Operation *op = operation_new (self, OPERATION_CHMOD);

  op->mode = mode;
  op->select = ferry_file_pane_name_set_new ();
  for (guint i = 0; i < files->len; i++)
    {
      FerryRemoteFile *file = g_ptr_array_index (files, i);

      g_ptr_array_add (op->paths, ferry_browser_source_dup_file_path (self->source, self->path,
                                                                      file));
      g_hash_table_add (op->select, g_bytes_ref (ferry_remote_file_get_raw_name (file)));
    }
  op->done_message = g_strdup_printf (_("Permissions changed to %04o"), mode);
  operation_run_next (op);
}

static void
permissions_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  FerryFilePane *self = FERRY_FILE_PANE (widget);
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *heading = NULL;
  FerryRemoteFile *first;
  guint mode;

  if (!ferry_browser_source_supports_chmod (self->source) || ferry_file_pane_n_selected (self) == 0)
    return;
  files = ferry_file_pane_dup_selected (self);
  first = g_ptr_array_index (files, 0);
  mode = ferry_remote_file_get_mode (first);
  if (mode == 0)
    mode = ferry_browser_file_is_folder_like (first) ? 0755 : 0644;
  if (files->len == 1)
    heading = g_strdup_printf (_("Permissions of “%s”"), ferry_remote_file_get_name (first));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Permissions of %u Item",
                                            "Permissions of %u Items", files->len), files->len);
  ferry_file_pane_ask_permissions (self, heading, mode, permissions_chosen_cb,
                                   g_ptr_array_ref (files), (GDestroyNotify) g_ptr_array_unref);
}

/* ---- the class ---- */

static void
add_binding (GtkWidgetClass  *widget_class,
             guint            keyval,
             GdkModifierType  modifiers,
             const char      *action_name)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, modifiers, action_name, NULL);
}

void
ferry_file_pane_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_secondary_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_long_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, background_secondary_pressed_cb);

  gtk_widget_class_install_action (widget_class, "pane.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "pane.up", NULL, up_action);
  gtk_widget_class_install_action (widget_class, "pane.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "pane.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "pane.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "pane.transfer", NULL, transfer_action);
  gtk_widget_class_install_action (widget_class, "pane.edit-path", NULL, edit_path_action);
  gtk_widget_class_install_action (widget_class, "pane.context-menu", NULL, context_menu_action);
  gtk_widget_class_install_action (widget_class, "pane.copy-path", NULL, copy_path_action);
  gtk_widget_class_install_action (widget_class, "pane.new-folder", NULL, new_folder_action);
  gtk_widget_class_install_action (widget_class, "pane.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "pane.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "pane.permissions", NULL, permissions_action);
  gtk_widget_class_install_property_action (widget_class, "pane.show-hidden", "show-hidden");

  add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "pane.back");
  add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "pane.up");
  add_binding (widget_class, GDK_KEY_F5, 0, "pane.reload");
  add_binding (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "pane.reload");
  /* Ctrl+L stays the window's (the server address); the pane's path is Ctrl+Shift+L. */
  add_binding (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "pane.edit-path");
  add_binding (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "pane.show-hidden");
  add_binding (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "pane.new-folder");
  add_binding (widget_class, GDK_KEY_F2, 0, "pane.rename");
  add_binding (widget_class, GDK_KEY_Delete, 0, "pane.delete");
  add_binding (widget_class, GDK_KEY_KP_Delete, 0, "pane.delete");
  add_binding (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "pane.copy-path");
  add_binding (widget_class, GDK_KEY_Menu, 0, "pane.context-menu");
  add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "pane.context-menu");
}
