/* ferry-site-manager-list.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The site manager's list: the store's folders and sites as one flat list of
 * FerrySiteNode (folders open and closed by the person), or the sites that
 * match the search. Rebuilt, coalesced, whenever the store, its folders or a
 * site's name, folder or address change; the selection survives.
 */
#define G_LOG_DOMAIN "ferry-site-manager"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-site-manager-private.h"

/* Nodes ---------------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (FerrySiteNode, ferry_site_node, G_TYPE_OBJECT)

static void
ferry_site_node_finalize (GObject *object)
{
  FerrySiteNode *self = FERRY_SITE_NODE (object);

  g_clear_object (&self->site);
  g_free (self->folder);
  g_free (self->title);
  g_free (self->subtitle);

  G_OBJECT_CLASS (ferry_site_node_parent_class)->finalize (object);
}

static void
ferry_site_node_class_init (FerrySiteNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ferry_site_node_finalize;
}

static void
ferry_site_node_init (FerrySiteNode *self)
{
}

char *
_ferry_site_key_for_site (FerrySite *site)
{
  return g_strconcat ("site:", ferry_site_get_id (site), NULL);
}

char *
_ferry_site_key_for_folder (const char *path)
{
  return g_strconcat ("folder:", path, NULL);
}

char *
_ferry_site_node_dup_key (FerrySiteNode *node)
{
  return node->site ? _ferry_site_key_for_site (node->site)
                    : _ferry_site_key_for_folder (node->folder);
}

const char *
_ferry_folder_path_basename (const char *path)
{
  const char *slash = strrchr (path, '/');

  return slash ? slash + 1 : path;
}

char *
_ferry_folder_path_dup_parent (const char *path)
{
  const char *slash = strrchr (path, '/');

  return slash ? g_strndup (path, slash - path) : g_strdup ("");
}

static guint
folder_depth (const char *path)
{
  guint depth = 0;

  if (path[0] == '\0')
    return 0;
  for (const char *p = path; *p != '\0'; p++)
    if (*p == '/')
      depth++;
  return depth + 1;
}

static char *
site_subtitle (FerrySite *site)
{
  if (ferry_site_get_host (site)[0] == '\0')
    return g_strdup (_("No host yet"));
  return ferry_site_dup_display_address (site);
}

/* Building -------------------------------------------------------------------- */

static int
compare_sites (gconstpointer a,
               gconstpointer b)
{
  FerrySite *sa = *(FerrySite **) a;
  FerrySite *sb = *(FerrySite **) b;
  int cmp = g_utf8_collate (ferry_site_get_folder (sa), ferry_site_get_folder (sb));

  if (cmp == 0)
    cmp = g_utf8_collate (ferry_site_get_name (sa), ferry_site_get_name (sb));
  return cmp;
}

static gboolean
site_matches (FerrySite  *site,
              const char *needle)
{
  const char *fields[] = {
    ferry_site_get_name (site), ferry_site_get_host (site), ferry_site_get_user (site),
    ferry_site_get_folder (site), ferry_site_get_comments (site),
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = g_utf8_casefold (fields[i], -1);

      if (strstr (folded, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
watch_site (FerrySiteManager *self,
            FerrySite        *site)
{
  if (g_hash_table_contains (self->watched, site))
    return;
  g_hash_table_add (self->watched, g_object_ref (site));
  g_signal_connect_object (site, "notify", G_CALLBACK (_ferry_site_manager_queue_rebuild), self,
                           G_CONNECT_SWAPPED);
}

/* The sites the list may show: the store's, but not those waiting for their
 * delete toast, sorted by folder and name. */
static GPtrArray *
visible_sites (FerrySiteManager *self)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);
  GPtrArray *sites = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < n; i++)
    {
      FerrySite *site = g_list_model_get_item (model, i);

      g_hash_table_add (present, site);
      watch_site (self, site);
      if (g_hash_table_contains (self->pending_deletes, site))
        g_object_unref (site);
      else
        g_ptr_array_add (sites, site);
    }
  /* Stop watching sites that left the store. */
  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (present, key))
      {
        g_signal_handlers_disconnect_by_data (key, self);
        g_hash_table_iter_remove (&iter);
      }

  g_ptr_array_sort (sites, compare_sites);
  return sites;
}

static FerrySiteNode *
site_node_new (FerrySite  *site,
               guint       depth,
               gboolean    with_folder)
{
  FerrySiteNode *node = g_object_new (FERRY_TYPE_SITE_NODE, NULL);
  const char *name = ferry_site_get_name (site);
  g_autofree char *address = site_subtitle (site);
  const char *folder = ferry_site_get_folder (site);

  node->site = g_object_ref (site);
  node->folder = g_strdup (folder);
  node->title = g_strdup (name[0] != '\0' ? name : _("Unnamed Site"));
  if (with_folder && folder[0] != '\0')
    node->subtitle = g_strdup_printf ("%s · %s", folder, address);
  else
    node->subtitle = g_steal_pointer (&address);
  node->depth = depth;
  return node;
}

/* Adds the folders directly inside @parent and their contents, then the
 * sites of @parent. */
static void
add_folder_contents (FerrySiteManager *self,
                     GPtrArray        *out,
                     const char       *parent,
                     char            **folders,
                     GPtrArray        *sites)
{
  guint depth = folder_depth (parent);

  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autofree char *folder_parent = _ferry_folder_path_dup_parent (folders[i]);
      FerrySiteNode *node;

      if (g_strcmp0 (folder_parent, parent) != 0)
        continue;
      node = g_object_new (FERRY_TYPE_SITE_NODE, NULL);
      node->folder = g_strdup (folders[i]);
      node->title = g_strdup (_ferry_folder_path_basename (folders[i]));
      node->depth = depth;
      node->expanded = !g_hash_table_contains (self->collapsed, folders[i]);
      for (guint s = 0; s < sites->len; s++)
        if (ferry_folder_path_has_prefix (ferry_site_get_folder (g_ptr_array_index (sites, s)),
                                          folders[i]))
          node->n_sites++;
      g_ptr_array_add (out, node);
      if (node->expanded)
        add_folder_contents (self, out, folders[i], folders, sites);
    }

  for (guint s = 0; s < sites->len; s++)
    {
      FerrySite *site = g_ptr_array_index (sites, s);

      if (g_strcmp0 (ferry_site_get_folder (site), parent) == 0)
        g_ptr_array_add (out, site_node_new (site, depth, FALSE));
    }
}

/* Whether what was selected still exists (it may only be hidden by the search). */
static gboolean
selection_exists (FerrySiteManager *self)
{
  const char *key = self->selected_key;

  if (g_str_has_prefix (key, "site:"))
    {
      FerrySite *site = ferry_site_store_get_by_id (self->store, key + strlen ("site:"));

      return site != NULL && !g_hash_table_contains (self->pending_deletes, site);
    }
  if (g_str_has_prefix (key, "folder:"))
    {
      g_auto(GStrv) folders = ferry_site_store_dup_folders (self->store);

      return g_strv_contains ((const char * const *) folders, key + strlen ("folder:"));
    }
  return FALSE;
}

void
_ferry_site_manager_rebuild (FerrySiteManager *self)
{
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *needle = NULL;
  g_auto(GStrv) folders = NULL;
  const char *search;
  GtkListBoxRow *row = NULL;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->store == NULL)
    return;

  sites = visible_sites (self);
  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  needle = g_utf8_casefold (search, -1);
  g_strstrip (needle);

  if (needle[0] != '\0')
    {
      for (guint s = 0; s < sites->len; s++)
        if (site_matches (g_ptr_array_index (sites, s), needle))
          g_ptr_array_add (nodes, site_node_new (g_ptr_array_index (sites, s), 0, TRUE));
    }
  else
    {
      folders = ferry_site_store_dup_folders (self->store);
      add_folder_contents (self, nodes, "", folders, sites);
    }

  self->rebuilding = TRUE;
  g_list_store_splice (self->nodes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->nodes)),
                       nodes->pdata, nodes->len);

  for (guint i = 0; self->selected_key != NULL && i < nodes->len; i++)
    {
      g_autofree char *key = _ferry_site_node_dup_key (g_ptr_array_index (nodes, i));

      if (g_strcmp0 (key, self->selected_key) == 0)
        {
          row = gtk_list_box_get_row_at_index (self->site_list, i);
          break;
        }
    }
  gtk_list_box_select_row (self->site_list, row);
  self->rebuilding = FALSE;

  if (row == NULL && self->selected_key != NULL && !selection_exists (self))
    _ferry_site_manager_show_node (self, NULL);   /* deleted, or its folder renamed */

  if (sites->len == 0 && (folders == NULL || folders[0] == NULL))
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (nodes->len == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  FerrySiteManager *self = user_data;

  self->rebuild_source = 0;
  _ferry_site_manager_rebuild (self);
  return G_SOURCE_REMOVE;
}

void
_ferry_site_manager_queue_rebuild (FerrySiteManager *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, rebuild_idle_cb, self, NULL);
}

/* Rows -------------------------------------------------------------------------- */

static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                FerrySiteManager *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  FerrySiteNode *node = g_object_get_data (G_OBJECT (row), "ferry-node");
  graphene_point_t point;

  if (node == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_list_box_select_row (self->site_list, GTK_LIST_BOX_ROW (row));

  if (!gtk_widget_compute_point (row, GTK_WIDGET (self->site_list),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  gtk_popover_menu_set_menu_model (self->context_menu,
                                   node->site ? self->site_menu : self->folder_menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  FerrySiteManager *self = user_data;
  FerrySiteNode *node = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (node->title);
  GtkWidget *icon;
  GtkGesture *gesture;

  gtk_widget_set_margin_start (box, 6 + 18 * node->depth);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  if (node->site == NULL)
    {
      GtkWidget *arrow = gtk_image_new_from_icon_name (node->expanded ? "pan-down-symbolic"
                                                                      : "pan-end-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      node->expanded ? _("Open folder") : _("Closed folder"),
                                      -1);
      gtk_box_append (GTK_BOX (box), arrow);
      icon = gtk_image_new_from_icon_name ("folder-symbolic");
    }
  else
    {
      /* Where a folder has its arrow: site icons line up with folder icons. */
      GtkWidget *spacer = g_object_new (GTK_TYPE_BOX,
                                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                        "width-request", 16,
                                        NULL);

      gtk_box_append (GTK_BOX (box), spacer);
      icon = gtk_image_new_from_icon_name ("network-server-symbolic");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  node->site ? _("Site") : _("Folder"), -1);
  gtk_box_append (GTK_BOX (box), icon);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  /* Long names must not widen the list. */
  gtk_label_set_max_width_chars (GTK_LABEL (title), 20);
  gtk_box_append (GTK_BOX (labels), title);
  if (node->subtitle != NULL)
    {
      GtkWidget *subtitle = gtk_label_new (node->subtitle);

      gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
      gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 20);
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_box_append (GTK_BOX (labels), subtitle);
    }
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  if (node->site == NULL && node->n_sites > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", node->n_sites);
      GtkWidget *badge = gtk_label_new (count);

      gtk_widget_add_css_class (badge, "dim-label");
      gtk_widget_add_css_class (badge, "numeric");
      gtk_box_append (GTK_BOX (box), badge);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  node->title, -1);
  if (node->site == NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_EXPANDED,
                                 node->expanded, -1);
  g_object_set_data_full (G_OBJECT (row), "ferry-node", g_object_ref (node), g_object_unref);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (row_pressed_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (gesture));
  return row;
}

static void
row_selected_cb (GtkListBox       *list,
                 GtkListBoxRow    *row,
                 FerrySiteManager *self)
{
  FerrySiteNode *node;

  if (self->rebuilding)
    return;
  node = row ? g_object_get_data (G_OBJECT (row), "ferry-node") : NULL;
  if (node == NULL)
    return;   /* Keep showing what was shown: only a new choice changes it. */
  _ferry_site_manager_show_node (self, node);
}

static void
row_activated_cb (GtkListBox       *list,
                  GtkListBoxRow    *row,
                  FerrySiteManager *self)
{
  FerrySiteNode *node = g_object_get_data (G_OBJECT (row), "ferry-node");

  if (node == NULL)
    return;
  if (node->site == NULL)
    {
      /* A folder opens or closes. */
      if (node->expanded)
        g_hash_table_add (self->collapsed, g_strdup (node->folder));
      else
        g_hash_table_remove (self->collapsed, node->folder);
      _ferry_site_manager_show_node (self, node);
      _ferry_site_manager_rebuild (self);
      return;
    }
  _ferry_site_manager_show_node (self, node);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_box));
}

static void
search_changed_cb (FerrySiteManager *self)
{
  _ferry_site_manager_rebuild (self);
}

static void
search_activate_cb (FerrySiteManager *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->site_list, 0);

  if (row != NULL)
    {
      gtk_list_box_select_row (self->site_list, row);
      g_signal_emit_by_name (row, "activate");
    }
}

static void
search_stop_cb (FerrySiteManager *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

void
_ferry_site_manager_list_init (FerrySiteManager *self)
{
  self->nodes = g_list_store_new (FERRY_TYPE_SITE_NODE);
  self->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  gtk_list_box_bind_model (self->site_list, G_LIST_MODEL (self->nodes), create_row, self, NULL);
  g_signal_connect_object (self->site_list, "row-selected", G_CALLBACK (row_selected_cb), self, 0);
  g_signal_connect_object (self->site_list, "row-activated", G_CALLBACK (row_activated_cb),
                           self, 0);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (search_stop_cb),
                           self, G_CONNECT_SWAPPED);

  self->context_menu = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (NULL));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->context_menu), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->context_menu), GTK_WIDGET (self->site_list));
}

void
_ferry_site_manager_list_dispose (FerrySiteManager *self)
{
  GHashTableIter iter;
  gpointer key;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->context_menu != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->context_menu));
  self->context_menu = NULL;
  if (self->watched != NULL)
    {
      g_hash_table_iter_init (&iter, self->watched);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_signal_handlers_disconnect_by_data (key, self);
    }
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  if (self->site_list != NULL)
    gtk_list_box_bind_model (self->site_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->nodes);
}
