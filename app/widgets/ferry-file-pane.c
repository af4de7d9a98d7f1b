/* ferry-file-pane.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is GListStore → GtkFilterListModel (hidden files) →
 * GtkSortListModel (folders first, then the column view's sorter) →
 * GtkMultiSelection. A listing arrives sorted from the source's worker thread
 * and goes into the store in steps (ferry-file-pane-fill.c), so that the row
 * widgets GTK makes for it never hold up the window.
 *
 * This file: the listing, the pane's state and the GObject. The columns are
 * in ferry-file-pane-cells.c, the actions, keys and context menu in
 * ferry-file-pane-actions.c, the dialogs in ferry-file-pane-dialogs.c, the
 * message bar in ferry-file-pane-messages.c, unread lines in
 * ferry-file-pane-unread.c, the folder watch in ferry-file-pane-watch.c.
 */
#define G_LOG_DOMAIN "ferry-file-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-file-pane-private.h"

/* The spinner shows only for listings that take longer than this (ms). */
#define SPINNER_DELAY 200

G_DEFINE_FINAL_TYPE (FerryFilePane, ferry_file_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_PATH,
  PROP_SHOW_HIDDEN,
  PROP_CONFIRM_DELETES,
  PROP_LOADING,
  N_PROPS
};

enum {
  SIGNAL_TOAST,
  SIGNAL_ACTIVATE_FILE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char pane_css[] =
  ".ferry-file-pane .pane-message {"
  "  padding: 6px 6px 6px 12px;"
  "  border-bottom: 1px solid alpha(currentColor, 0.15);"
  "}"
  ".ferry-file-pane .pane-message.problem {"
  "  background-color: alpha(@error_bg_color, 0.14);"
  "}"
  ".ferry-file-pane .pane-message.problem > image {"
  "  color: @error_color;"
  "}"
  ".ferry-file-pane .pane-message.notice {"
  "  background-color: alpha(@warning_bg_color, 0.16);"
  "}"
  ".ferry-file-pane .pane-message.notice > image {"
  "  color: @warning_color;"
  "}"
  ".ferry-file-pane .pane-loading {"
  "  padding: 10px 18px;"
  "  border-radius: 999px;"
  "}";

/* ---- small helpers ---- */

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "ferry-file-pane-css"))
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, pane_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "ferry-file-pane-css",
                          g_steal_pointer (&provider), g_object_unref);
}

GHashTable *
ferry_file_pane_name_set_new (void)
{
  return g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref,
                                NULL);
}

GHashTable *
ferry_file_pane_name_set_new_for (const char *raw_name)
{
  GHashTable *set = ferry_file_pane_name_set_new ();

  g_hash_table_add (set, g_bytes_new (raw_name, strlen (raw_name)));
  return set;
}

char *
ferry_file_pane_dup_base_name (FerryFilePane *self,
                               const char    *path)
{
  g_autofree char *parent = ferry_browser_source_dup_parent (self->source, path);
  const char *base;

  if (parent == NULL || !g_str_has_prefix (path, parent))
    return NULL;
  base = path + strlen (parent);
  while (*base == '/')
    base++;
  return base[0] != '\0' ? g_strdup (base) : NULL;
}

/* ---- messages (the rest in ferry-file-pane-messages.c) ---- */

static void
message_close_clicked_cb (FerryFilePane *self)
{
  ferry_file_pane_show_message (self, MESSAGE_NONE, NULL);
}

/* ---- the list's state ---- */

static void
set_loading (FerryFilePane *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  /* Not while loading; a listing shown watches its folder again. */
  if (loading)
    ferry_file_pane_unwatch (self);
  if (!loading)
    {
      gtk_spinner_stop (self->spinner);
      gtk_widget_set_visible (self->spinner_box, FALSE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
spinner_timeout_cb (gpointer user_data)
{
  FerryFilePane *self = user_data;

  self->spinner_timeout_id = 0;
  gtk_spinner_start (self->spinner);
  gtk_widget_set_visible (self->spinner_box, TRUE);
  return G_SOURCE_REMOVE;
}

guint
ferry_file_pane_n_selected (FerryFilePane *self)
{
  g_autoptr(GtkBitset) set =
    gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint) MIN (gtk_bitset_get_size (set), G_MAXUINT);
}

/* The first selected item, or NULL. */
FerryRemoteFile *
ferry_file_pane_dup_first_selected (FerryFilePane *self)
{
  g_autoptr(GtkBitset) set =
    gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  if (gtk_bitset_is_empty (set))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->selection), gtk_bitset_get_minimum (set));
}

GPtrArray *
ferry_file_pane_dup_selected (FerryFilePane *self)
{
  g_autoptr(GtkBitset) set =
    gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (files, g_list_model_get_item (G_LIST_MODEL (self->selection), position));
  return files;
}

static void
update_footer (FerryFilePane *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint selected = ferry_file_pane_n_selected (self);
  g_autoptr(GString) text = g_string_new (NULL);

  if (!self->loaded)
    {
      gtk_label_set_text (self->footer_label, "");
      return;
    }
  if (selected > 0)
    {
      g_autoptr(GPtrArray) files = ferry_file_pane_dup_selected (self);
      guint64 bytes = 0;
      guint n_files = 0;

      for (guint i = 0; i < files->len; i++)
        {
          gint64 size = ferry_remote_file_get_size (g_ptr_array_index (files, i));

          if (!ferry_browser_file_is_folder_like (g_ptr_array_index (files, i)) && size >= 0)
            {
              bytes += size;
              n_files++;
            }
        }
      g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u of %u item selected",
                                          "%u of %u items selected", n), selected, n);
      if (n_files > 0)
        {
          g_autofree char *size = g_format_size (bytes);

          g_string_append_printf (text, " (%s)", size);
        }
    }
  else
    {
      g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);
      if (!self->show_hidden && self->n_hidden > 0)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u hidden",
                                                   ", %u hidden", self->n_hidden),
                                self->n_hidden);
    }
  gtk_label_set_text (self->footer_label, text->str);
}

static void
update_content_state (FerryFilePane *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  /* Lines came, none could be read: not an empty folder. */
  gboolean unreadable = self->n_unread > 0 &&
                        g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0;

  if (!self->loaded)
    return;
  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "list");
      return;
    }
  if (unreadable)
    adw_status_page_set_description (self->empty_page,
                                     _("Ferry could not read what the server listed. Show the "
                                       "raw listing to see it."));
  else if (!self->show_hidden && self->n_hidden > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "It has %u hidden item. Press Ctrl+H to show hidden files.",
                                      "It has %u hidden items. Press Ctrl+H to show hidden files.",
                                      self->n_hidden), self->n_hidden);

      adw_status_page_set_description (self->empty_page, text);
    }
  else
    adw_status_page_set_description (self->empty_page,
                                     _("Press Ctrl+Shift+N to create a folder here."));
  adw_status_page_set_title (self->empty_page, unreadable ? _("Nothing Could Be Read")
                                                                  : _("Folder Is Empty"));
  adw_status_page_set_icon_name (self->empty_page, unreadable ? "dialog-question-symbolic"
                                                              : "folder-symbolic");
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

static void
selection_changed_cb (FerryFilePane *self)
{
  ferry_file_pane_update_actions (self);
  update_footer (self);
}

/* Without scroll_to (GTK 4.10) a selected row is brought into view by its
 * position: all rows of the list have the same height. */
static gboolean
scroll_to_selection_cb (gpointer user_data)
{
  FerryFilePane *self = user_data;
  g_autoptr(GtkBitset) set =
    gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  double row, page, value;

  if (gtk_bitset_is_empty (set) || n == 0 || adjustment == NULL)
    return G_SOURCE_REMOVE;
  row = gtk_adjustment_get_upper (adjustment) / n;
  page = gtk_adjustment_get_page_size (adjustment);
  value = gtk_adjustment_get_value (adjustment);
  row *= gtk_bitset_get_minimum (set);
  if (row < value || row > value + page - 40)
    gtk_adjustment_set_value (adjustment, MAX (0, row - page / 3));
  return G_SOURCE_REMOVE;
}

static void
select_names (FerryFilePane *self,
              GHashTable    *names)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, n);

  if (names == NULL || g_hash_table_size (names) == 0 || n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryRemoteFile) file = g_list_model_get_item (model, i);

      if (g_hash_table_contains (names, ferry_remote_file_get_raw_name (file)))
        gtk_bitset_add (selected, i);
    }
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
  if (!gtk_bitset_is_empty (selected))
    g_idle_add_full (G_PRIORITY_LOW, scroll_to_selection_cb, g_object_ref (self),
                     g_object_unref);
}

/* ---- listing ---- */

typedef struct
{
  FerryFilePane *self;
  GCancellable *cancellable;
  char *path;
  LoadFlags flags;
  GHashTable *select; /* GBytes raw names, or NULL */
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->cancellable);
  g_free (request->path);
  g_clear_pointer (&request->select, g_hash_table_unref);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadRequest, load_request_free)

typedef struct
{
  LoadRequest *request;
  char *notice;
  guint n;
  gboolean same_folder;
} ShownListing;

static void
shown_listing_free (gpointer data)
{
  ShownListing *shown = data;

  load_request_free (shown->request);
  g_free (shown->notice);
  g_free (shown);
}

/* The listing is in the store: what goes with it. */
static void
listing_shown (FerryFilePane *self,
               gpointer       data)
{
  ShownListing *shown = data;
  g_autofree char *unread = NULL;

  select_names (self, shown->request->select);

  unread = ferry_file_pane_dup_unread_sentence (self, shown->n);
  if (unread != NULL)
    {
      g_autofree char *text = shown->notice != NULL
                              ? g_strdup_printf ("%s %s", unread, shown->notice)
                              : g_steal_pointer (&unread);

      ferry_file_pane_show_message (self, MESSAGE_UNREAD, text);
    }
  else if (shown->notice != NULL)
    ferry_file_pane_show_message (self, MESSAGE_NOTICE, shown->notice);
  else if (!shown->same_folder || self->message_kind != MESSAGE_OPERATION)
    ferry_file_pane_show_message (self, MESSAGE_NONE, NULL);

  update_content_state (self);
  update_footer (self);
  ferry_file_pane_update_actions (self);
  /* "loading" turns FALSE once what was loaded is shown. */
  set_loading (self, FALSE);
  ferry_file_pane_watch_folder (self);
}

/* Takes @request. */
static void
show_listing (FerryFilePane *self,
              LoadRequest   *request,
              GListModel    *files,
              const char    *notice)
{
  guint n = g_list_model_get_n_items (files);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);
  ShownListing *shown = g_new0 (ShownListing, 1);

  shown->request = request;
  shown->notice = g_strdup (notice);
  shown->n = n;
  shown->same_folder = self->loaded && g_strcmp0 (self->path, request->path) == 0;

  if ((request->flags & LOAD_PUSH_HISTORY) && self->loaded && !shown->same_folder)
    g_ptr_array_add (self->history, g_strdup (self->path));

  self->n_hidden = 0;
  self->n_folders = 0;
  for (guint i = 0; i < n; i++)
    {
      FerryRemoteFile *file = g_list_model_get_item (files, i);

      self->n_hidden += ferry_remote_file_is_hidden (file);
      self->n_folders += ferry_browser_file_is_folder_like (file);
      g_ptr_array_add (items, file);
    }

  self->loaded = TRUE;
  self->listed_with_hidden = self->show_hidden;
  if (!shown->same_folder)
    {
      g_free (self->path);
      self->path = g_strdup (request->path);
      ferry_path_bar_set_path (self->path_bar, self->path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
      gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)),
                                0);
    }
  ferry_file_pane_fill (self, items, listing_shown, shown, shown_listing_free);
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LoadRequest) request = user_data;
  FerryFilePane *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) files = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *text = NULL;

  files = ferry_browser_source_list_finish (FERRY_BROWSER_SOURCE (object), result, &notice,
                                            &error);
  /* A newer listing replaced this one. */
  if (request->cancellable != self->list_cancellable ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->list_cancellable);

  if (files != NULL)
    {
      guint n_unread = 0;
      char **unread = ferry_browser_source_dup_unread_lines (FERRY_BROWSER_SOURCE (object),
                                                             result, &n_unread);

      ferry_file_pane_set_unread_lines (self, unread, n_unread);
      show_listing (self, g_steal_pointer (&request), files, notice);
      return;
    }

  g_free (self->retry_path);
  self->retry_path = g_strdup (request->path);
  self->retry_flags = request->flags;
  text = ferry_file_pane_explain_error (error, _("Check that the folder exists and that you "
                                                 "may open it, then try again."));
  if (request->flags & LOAD_FROM_LINK)
    {
      g_autofree char *name = ferry_browser_source_dup_display_name (self->source, request->path);
      g_autofree char *link_text =
        g_strdup_printf (_("“%s” could not be opened as a folder; it may be a link to a "
                           "file. %s"), name, text);

      g_free (text);
      text = g_steal_pointer (&link_text);
    }

  if (!self->loaded)
    {
      /* Nothing to fall back to: the pane shows the folder it tried. */
      g_free (self->path);
      self->path = g_strdup (request->path);
      ferry_path_bar_set_path (self->path_bar, self->path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
      adw_status_page_set_description (self->error_page, text);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      ferry_file_pane_show_message (self, MESSAGE_NONE, NULL);
    }
  else
    ferry_file_pane_show_message (self, MESSAGE_LISTING, text);
  ferry_file_pane_update_actions (self);
  set_loading (self, FALSE);
}

void
ferry_file_pane_load_folder (FerryFilePane *self,
                             const char    *path,
                             LoadFlags      flags,
                             GHashTable    *select)
{
  LoadRequest *request;

  g_return_if_fail (self->source != NULL);

  if (self->list_cancellable != NULL)
    g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();

  request = g_new0 (LoadRequest, 1);
  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->list_cancellable);
  request->path = g_strdup (path);
  request->flags = flags;
  request->select = select;

  set_loading (self, TRUE);
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  self->spinner_timeout_id = g_timeout_add (SPINNER_DELAY, spinner_timeout_cb, self);
  ferry_browser_source_list_async (self->source, path, self->show_hidden,
                                   self->list_cancellable, list_done_cb, request);
  ferry_file_pane_update_actions (self);
}

/* The raw names of the selection, for a reload (NULL when none or too many). */
static GHashTable *
dup_selected_names (FerryFilePane *self)
{
  g_autoptr(GPtrArray) files = NULL;
  GHashTable *names;
  guint selected = ferry_file_pane_n_selected (self);

  if (selected == 0 || selected > MAX_KEPT_SELECTION)
    return NULL;
  files = ferry_file_pane_dup_selected (self);
  names = ferry_file_pane_name_set_new ();
  for (guint i = 0; i < files->len; i++)
    g_hash_table_add (names,
                      g_bytes_ref (ferry_remote_file_get_raw_name (g_ptr_array_index (files, i))));
  return names;
}

void
ferry_file_pane_reload_keeping_selection (FerryFilePane *self,
                                          GHashTable    *select)
{
  if (self->path == NULL)
    return;
  ferry_file_pane_load_folder (self, self->path, LOAD_KEEP_SELECTION,
                               select != NULL ? select : dup_selected_names (self));
}

/* ---- the path bar ---- */

static void
path_bar_navigate_cb (FerryFilePane *self,
                      const char    *path)
{
  ferry_file_pane_navigate (self, path);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
path_bar_editing_cb (FerryFilePane *self)
{
  ferry_file_pane_update_actions (self);
}

/* ---- GObject ---- */

static void
ferry_file_pane_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  gtk_widget_measure (FERRY_FILE_PANE (widget)->main_box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
ferry_file_pane_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  FerryFilePane *self = FERRY_FILE_PANE (widget);

  gtk_widget_allocate (self->main_box, width, height, baseline, NULL);
  /* A popover needs its parent to place it. */
  gtk_popover_present (self->context_menu);

  ferry_file_pane_fit_columns (self, width);
}

static gboolean
ferry_file_pane_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (FERRY_FILE_PANE (widget)->column_view));
}

static void
ferry_file_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FerryFilePane *self = FERRY_FILE_PANE (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_SHOW_HIDDEN:
      g_value_set_boolean (value, self->show_hidden);
      break;
    case PROP_CONFIRM_DELETES:
      g_value_set_boolean (value, self->confirm_deletes);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_file_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FerryFilePane *self = FERRY_FILE_PANE (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      ferry_path_bar_set_source (self->path_bar, self->source);
      break;
    case PROP_SHOW_HIDDEN:
      ferry_file_pane_set_show_hidden (self, g_value_get_boolean (value));
      break;
    case PROP_CONFIRM_DELETES:
      if (self->confirm_deletes != g_value_get_boolean (value))
        {
          self->confirm_deletes = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_file_pane_constructed (GObject *object)
{
  FerryFilePane *self = FERRY_FILE_PANE (object);

  G_OBJECT_CLASS (ferry_file_pane_parent_class)->constructed (object);

  g_return_if_fail (self->source != NULL);
  ferry_file_pane_update_actions (self);
}

static void
ferry_file_pane_dispose (GObject *object)
{
  FerryFilePane *self = FERRY_FILE_PANE (object);

  if (self->list_cancellable != NULL)
    g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  g_clear_handle_id (&self->columns_idle_id, g_source_remove);
  ferry_file_pane_fill_cancel (self);
  ferry_file_pane_unwatch (self);
  if (self->context_menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->context_menu));
      self->context_menu = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_FILE_PANE);

  G_OBJECT_CLASS (ferry_file_pane_parent_class)->dispose (object);
}

static void
ferry_file_pane_finalize (GObject *object)
{
  FerryFilePane *self = FERRY_FILE_PANE (object);

  g_clear_object (&self->source);
  g_clear_object (&self->settings);
  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->retry_path, g_free);
  g_clear_pointer (&self->unread_lines, g_strfreev);
  g_clear_pointer (&self->transfer_action, g_free);
  g_clear_pointer (&self->history, g_ptr_array_unref);

  G_OBJECT_CLASS (ferry_file_pane_parent_class)->finalize (object);
}

static void
ferry_file_pane_class_init (FerryFilePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_file_pane_get_property;
  object_class->set_property = ferry_file_pane_set_property;
  object_class->constructed = ferry_file_pane_constructed;
  object_class->dispose = ferry_file_pane_dispose;
  object_class->finalize = ferry_file_pane_finalize;
  widget_class->measure = ferry_file_pane_measure;
  widget_class->size_allocate = ferry_file_pane_size_allocate;
  widget_class->grab_focus = ferry_file_pane_grab_focus;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, FERRY_TYPE_BROWSER_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_HIDDEN] =
    g_param_spec_boolean ("show-hidden", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFIRM_DELETES] =
    g_param_spec_boolean ("confirm-deletes", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerryFilePane::toast:
   * @message: a short sentence for an AdwToast
   */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * FerryFilePane::activate-file:
   * @file: a file (not a folder) that was double-clicked or opened with Enter
   */
  signals[SIGNAL_ACTIVATE_FILE] =
    g_signal_new ("activate-file", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, FERRY_TYPE_REMOTE_FILE);

  g_type_ensure (FERRY_TYPE_REMOTE_FILE);
  g_type_ensure (FERRY_TYPE_PATH_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ferryapp/Ferry/ui/ferry-file-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, main_box);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, path_bar);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, message_box);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, message_icon);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, message_label);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, message_button);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, content_stack);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, scroller);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, column_view);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, name_column);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, modified_column);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, permissions_column);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, name_sorter);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, size_sorter);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, modified_sorter);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, permissions_sorter);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, store);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, filter_model);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, hidden_filter);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, sort_model);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, selection);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, spinner_box);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, spinner);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, error_page);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, footer_label);
  gtk_widget_class_bind_template_child (widget_class, FerryFilePane, item_menu);
  gtk_widget_class_bind_template_callback (widget_class, path_bar_navigate_cb);
  gtk_widget_class_bind_template_callback (widget_class, path_bar_editing_cb);
  gtk_widget_class_bind_template_callback (widget_class, message_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  ferry_file_pane_class_init_cells (widget_class);
  ferry_file_pane_class_init_actions (widget_class);
  ferry_file_pane_class_init_unread (widget_class);

  gtk_widget_class_set_css_name (widget_class, "ferryfilepane");
}

static void
ferry_file_pane_init (FerryFilePane *self)
{
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  self->history = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  self->confirm_deletes = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "ferry-file-pane");
  ensure_css (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.show-raw-listing", FALSE);

  ferry_file_pane_init_cells (self);
  ferry_file_pane_init_dnd (self);

  self->context_menu = GTK_POPOVER (gtk_popover_menu_new_from_model (self->item_menu));
  gtk_popover_set_has_arrow (self->context_menu, FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->context_menu), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->context_menu), GTK_WIDGET (self));

  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, APPLICATION_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "confirm-deletes"))
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      g_settings_bind (self->settings, "confirm-deletes", self, "confirm-deletes",
                       G_SETTINGS_BIND_GET);
    }
}

/* ---- public API ---- */

GtkWidget *
ferry_file_pane_new (FerryBrowserSource *source)
{
  g_return_val_if_fail (FERRY_IS_BROWSER_SOURCE (source), NULL);

  return g_object_new (FERRY_TYPE_FILE_PANE, "source", source, NULL);
}

FerryBrowserSource *
ferry_file_pane_get_source (FerryFilePane *self)
{
  g_return_val_if_fail (FERRY_IS_FILE_PANE (self), NULL);

  return self->source;
}

void
ferry_file_pane_navigate (FerryFilePane *self,
                          const char    *path)
{
  g_return_if_fail (FERRY_IS_FILE_PANE (self));
  g_return_if_fail (path != NULL);

  if (self->loaded && g_strcmp0 (path, self->path) == 0)
    ferry_file_pane_reload (self);
  else
    ferry_file_pane_load_folder (self, path, LOAD_PUSH_HISTORY, NULL);
}

const char *
ferry_file_pane_get_path (FerryFilePane *self)
{
  g_return_val_if_fail (FERRY_IS_FILE_PANE (self), NULL);

  return self->path;
}

GListModel *
ferry_file_pane_get_selection_files (FerryFilePane *self)
{
  g_autoptr(GPtrArray) files = NULL;
  GListStore *store;

  g_return_val_if_fail (FERRY_IS_FILE_PANE (self), NULL);

  files = ferry_file_pane_dup_selected (self);
  store = g_list_store_new (FERRY_TYPE_REMOTE_FILE);
  g_list_store_splice (store, 0, 0, files->pdata, files->len);
  return G_LIST_MODEL (store);
}

void
ferry_file_pane_reload (FerryFilePane *self)
{
  g_return_if_fail (FERRY_IS_FILE_PANE (self));

  if (!self->loaded && self->retry_path != NULL)
    {
      ferry_file_pane_load_folder (self, self->retry_path, self->retry_flags, NULL);
      return;
    }
  ferry_file_pane_reload_keeping_selection (self, NULL);
}

void
ferry_file_pane_set_show_hidden (FerryFilePane *self,
                                 gboolean       show_hidden)
{
  g_return_if_fail (FERRY_IS_FILE_PANE (self));

  show_hidden = !!show_hidden;
  if (self->show_hidden == show_hidden)
    return;
  self->show_hidden = show_hidden;
  gtk_filter_changed (GTK_FILTER (self->hidden_filter),
                      show_hidden ? GTK_FILTER_CHANGE_LESS_STRICT
                                  : GTK_FILTER_CHANGE_MORE_STRICT);
  update_content_state (self);
  update_footer (self);
  /* A server may have left them out of the listing. */
  if (show_hidden && self->loaded && !self->listed_with_hidden && !self->loading)
    ferry_file_pane_reload_keeping_selection (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_HIDDEN]);
}

gboolean
ferry_file_pane_get_show_hidden (FerryFilePane *self)
{
  g_return_val_if_fail (FERRY_IS_FILE_PANE (self), FALSE);

  return self->show_hidden;
}

void
ferry_file_pane_set_label (FerryFilePane *self,
                           const char    *label)
{
  g_return_if_fail (FERRY_IS_FILE_PANE (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

gboolean
ferry_file_pane_get_loading (FerryFilePane *self)
{
  g_return_val_if_fail (FERRY_IS_FILE_PANE (self), FALSE);

  return self->loading;
}

GListModel *
ferry_file_pane_get_model (FerryFilePane *self)
{
  g_return_val_if_fail (FERRY_IS_FILE_PANE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

void
ferry_file_pane_emit_toast (FerryFilePane *self,
                            const char    *message)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

void
ferry_file_pane_emit_activate_file (FerryFilePane   *self,
                                    FerryRemoteFile *file)
{
  g_signal_emit (self, signals[SIGNAL_ACTIVATE_FILE], 0, file);
}
