/* ferry-file-pane-cells.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns of FerryFilePane: the cells (Name with a themed icon, Size,
 * Modified, Permissions), the sorters declared in the .ui (folders stay first
 * whichever column sorts), the hidden-files filter, and the columns that a
 * narrow pane leaves out.
 */
#define G_LOG_DOMAIN "ferry-file-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-file-pane-private.h"

/* Narrower panes leave out the Permissions column, then the Modified column. */
#define MIN_WIDTH_FOR_PERMISSIONS 560
#define MIN_WIDTH_FOR_MODIFIED 340

/* ---- cells ---- */

/* Symbolic icons only: a content type's list of names falls back to full-colour
 * icons (text-x-script) that look out of place next to the symbolic ones. */
static GIcon *
icon_for_file (FerryRemoteFile *file)
{
  FerryRemoteFileKind kind = ferry_remote_file_get_kind (file);
  g_autofree char *content_type = NULL;
  g_autoptr(GIcon) icon = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) names = NULL;

  if (ferry_browser_file_is_folder_like (file))
    return g_themed_icon_new ("folder-symbolic");
  if (kind == FERRY_REMOTE_FILE_KIND_SPECIAL)
    return g_themed_icon_new ("application-x-executable-symbolic");
  if (kind == FERRY_REMOTE_FILE_KIND_LINK && ferry_remote_file_get_link_target_kind (file) < 0)
    return g_themed_icon_new ("insert-link-symbolic");

  content_type = g_content_type_guess (ferry_remote_file_get_name (file), NULL, 0, NULL);
  icon = g_content_type_get_symbolic_icon (content_type);
  builder = g_strv_builder_new ();
  if (G_IS_THEMED_ICON (icon))
    for (const char * const *name = g_themed_icon_get_names (G_THEMED_ICON (icon));
         *name != NULL; name++)
      if (g_str_has_suffix (*name, "-symbolic"))
        g_strv_builder_add (builder, *name);
  g_strv_builder_add (builder, "text-x-generic-symbolic");
  names = g_strv_builder_end (builder);
  return g_themed_icon_new_from_names (names, -1);
}

static void
name_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               FerryFilePane            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *link = gtk_image_new_from_icon_name ("insert-link-symbolic");

  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_image_set_pixel_size (GTK_IMAGE (link), 12);
  gtk_widget_add_css_class (link, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (link), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Link"), -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), link);
  g_object_set_data (G_OBJECT (box), "ferry-list-item", item);
  gtk_list_item_set_child (item, box);
}

static void
name_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              FerryFilePane            *self)
{
  FerryRemoteFile *file = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  GtkWidget *link = gtk_widget_get_next_sibling (label);
  gboolean is_link = ferry_remote_file_get_kind (file) == FERRY_REMOTE_FILE_KIND_LINK;
  g_autoptr(GIcon) gicon = icon_for_file (file);
  g_autofree char *tooltip = NULL;

  gtk_image_set_from_gicon (GTK_IMAGE (icon), gicon);
  gtk_label_set_text (GTK_LABEL (label), ferry_remote_file_get_name (file));
  gtk_widget_set_visible (link, is_link);
  if (is_link && ferry_remote_file_get_link_target (file) != NULL)
    tooltip = g_strdup_printf (_("Link to %s"), ferry_remote_file_get_link_target (file));
  else if (is_link)
    tooltip = g_strdup (_("Link"));
  else if (!ferry_remote_file_get_safe_name (file))
    tooltip = g_strdup (_("This name cannot be used for a file on this computer"));
  gtk_widget_set_tooltip_text (box, tooltip);
  if (ferry_remote_file_get_safe_name (file))
    gtk_widget_remove_css_class (label, "warning");
  else
    gtk_widget_add_css_class (label, "warning");
}

static void
label_setup (GtkListItem *item,
             float        xalign,
             const char  *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  g_object_set_data (G_OBJECT (label), "ferry-list-item", item);
  gtk_list_item_set_child (item, label);
}

static void
size_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               FerryFilePane            *self)
{
  label_setup (item, 1.0, "numeric");
}

static void
size_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              FerryFilePane            *self)
{
  FerryRemoteFile *file = gtk_list_item_get_item (item);
  gint64 size = ferry_remote_file_get_size (file);
  g_autofree char *text = NULL;

  if (size >= 0 && !ferry_browser_file_is_folder_like (file))
    text = g_format_size (size);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text ? text : "");
}

static void
text_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               FerryFilePane            *self)
{
  label_setup (item, 0.0, NULL);
}

static char *
format_modified (FerryRemoteFile *file,
                 char           **tooltip)
{
  GDateTime *utc = ferry_remote_file_get_modified (file);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  int y, m, d, ny, nm, nd, yy, ym, yd;

  *tooltip = NULL;
  if (utc == NULL)
    return g_strdup ("");
  if (!ferry_remote_file_get_modified_has_time (file))
    {
      /* Only a day: shown as listed, not moved to another zone. */
      *tooltip = g_date_time_format (utc, "%x");
      return g_date_time_format (utc, "%-d %b %Y");
    }

  local = g_date_time_to_local (utc);
  now = g_date_time_new_now_local ();
  yesterday = g_date_time_add_days (now, -1);
  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_time_get_ymd (now, &ny, &nm, &nd);
  g_date_time_get_ymd (yesterday, &yy, &ym, &yd);
  *tooltip = g_date_time_format (local, "%c");
  if (y == ny && m == nm && d == nd)
    return g_date_time_format (local, _("Today %H:%M"));
  if (y == yy && m == ym && d == yd)
    return g_date_time_format (local, _("Yesterday %H:%M"));
  if (y == ny)
    return g_date_time_format (local, "%-d %b %H:%M");
  return g_date_time_format (local, "%-d %b %Y");
}

static void
modified_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  FerryFilePane            *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *tooltip = NULL;
  g_autofree char *text = format_modified (gtk_list_item_get_item (item), &tooltip);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, tooltip);
}

static void
permissions_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      FerryFilePane            *self)
{
  label_setup (item, 0.0, "monospace");
}

static void
permissions_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     FerryFilePane            *self)
{
  FerryRemoteFile *file = gtk_list_item_get_item (item);
  const char *permissions = ferry_remote_file_get_permissions (file);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *tooltip = NULL;
  guint mode = ferry_remote_file_get_mode (file);

  if (mode != 0)
    tooltip = g_strdup_printf ("%04o", mode);
  gtk_label_set_text (GTK_LABEL (label), permissions ? permissions : "");
  gtk_widget_set_tooltip_text (label, tooltip);
}

/* ---- sorting and filtering ---- */

static int
compare_names (FerryRemoteFile *a,
               FerryRemoteFile *b)
{
  int cmp = strcmp (ferry_remote_file_get_collation_key (a),
                    ferry_remote_file_get_collation_key (b));

  if (cmp == 0)
    cmp = g_bytes_compare (ferry_remote_file_get_raw_name (a), ferry_remote_file_get_raw_name (b));
  return cmp;
}

static int
folders_first_func (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  gboolean folder_a = ferry_browser_file_is_folder_like ((FerryRemoteFile *) a);
  gboolean folder_b = ferry_browser_file_is_folder_like ((FerryRemoteFile *) b);

  return folder_a == folder_b ? GTK_ORDERING_EQUAL
                              : (folder_a ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER);
}

static int
name_sort_func (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return gtk_ordering_from_cmpfunc (compare_names ((FerryRemoteFile *) a, (FerryRemoteFile *) b));
}

static int
size_sort_func (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  gint64 size_a = ferry_remote_file_get_size ((FerryRemoteFile *) a);
  gint64 size_b = ferry_remote_file_get_size ((FerryRemoteFile *) b);

  if (size_a != size_b)
    return size_a < size_b ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return name_sort_func (a, b, user_data);
}

static int
modified_sort_func (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  GDateTime *date_a = ferry_remote_file_get_modified ((FerryRemoteFile *) a);
  GDateTime *date_b = ferry_remote_file_get_modified ((FerryRemoteFile *) b);
  int cmp;

  if (date_a == NULL || date_b == NULL)
    cmp = (date_a != NULL) - (date_b != NULL);
  else
    cmp = g_date_time_compare (date_a, date_b);
  return cmp != 0 ? gtk_ordering_from_cmpfunc (cmp) : name_sort_func (a, b, user_data);
}

static int
permissions_sort_func (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const char *perm_a = ferry_remote_file_get_permissions ((FerryRemoteFile *) a);
  const char *perm_b = ferry_remote_file_get_permissions ((FerryRemoteFile *) b);
  int cmp = g_strcmp0 (perm_a, perm_b);

  return cmp != 0 ? gtk_ordering_from_cmpfunc (cmp) : name_sort_func (a, b, user_data);
}

static gboolean
hidden_filter_func (gpointer item,
                    gpointer user_data)
{
  FerryFilePane *self = user_data;

  return self->show_hidden || !ferry_remote_file_is_hidden (item);
}

/* ---- columns that do not fit ---- */

/* Hiding a column with gtk_column_view_column_set_visible() leaves its width
 * unused on GTK 4.8; taking it out of the view does not. */
static void
show_column (FerryFilePane       *self,
             GtkColumnViewColumn *column,
             guint                position,
             gboolean             show)
{
  gboolean shown = gtk_column_view_column_get_column_view (column) != NULL;

  if (show == shown)
    return;
  if (show)
    gtk_column_view_insert_column (self->column_view, position, column);
  else
    gtk_column_view_remove_column (self->column_view, column);
}

static gboolean
columns_idle_cb (gpointer user_data)
{
  FerryFilePane *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  self->columns_idle_id = 0;
  show_column (self, self->modified_column, 2, width >= MIN_WIDTH_FOR_MODIFIED);
  show_column (self, self->permissions_column,
               gtk_column_view_column_get_column_view (self->modified_column) ? 3 : 2,
               width >= MIN_WIDTH_FOR_PERMISSIONS);
  return G_SOURCE_REMOVE;
}

void
ferry_file_pane_fit_columns (FerryFilePane *self,
                             int            width)
{
  /* Not during the allocation: after it. */
  if (self->columns_idle_id == 0 &&
      ((width >= MIN_WIDTH_FOR_PERMISSIONS) !=
       (gtk_column_view_column_get_column_view (self->permissions_column) != NULL) ||
       (width >= MIN_WIDTH_FOR_MODIFIED) !=
       (gtk_column_view_column_get_column_view (self->modified_column) != NULL)))
    self->columns_idle_id = g_idle_add (columns_idle_cb, self);
}

void
ferry_file_pane_class_init_cells (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, name_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, size_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, size_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, modified_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, permissions_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, permissions_bind_cb);
}

void
ferry_file_pane_init_cells (FerryFilePane *self)
{
  g_autoptr(GtkMultiSorter) sorter = gtk_multi_sorter_new ();

  gtk_custom_filter_set_filter_func (self->hidden_filter, hidden_filter_func, self, NULL);
  gtk_custom_sorter_set_sort_func (self->name_sorter, name_sort_func, NULL, NULL);
  gtk_custom_sorter_set_sort_func (self->size_sorter, size_sort_func, NULL, NULL);
  gtk_custom_sorter_set_sort_func (self->modified_sorter, modified_sort_func, NULL, NULL);
  gtk_custom_sorter_set_sort_func (self->permissions_sorter, permissions_sort_func, NULL, NULL);
  /* Folders stay first whichever column sorts, in either direction. */
  gtk_multi_sorter_append (sorter,
                           GTK_SORTER (gtk_custom_sorter_new (folders_first_func, NULL, NULL)));
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_sort_list_model_set_sorter (self->sort_model, GTK_SORTER (sorter));
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
}
