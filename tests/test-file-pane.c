/* test-file-pane.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerryFilePane on a FerryLocalSource over a temporary folder, in a real
 * window (tests/run-gui.sh, G_DEBUG=fatal-warnings): listing order, hidden
 * files, navigation, links, the path bar, New Folder / Rename / Delete
 * through the source and through the pane's actions and dialogs, Copy Path,
 * and a folder of 100,000 entries. Waits are bounded; nothing is timed.
 */
#include "config.h"

#include <adwaita.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ferry-error.h"
#include "ferry-file-pane-private.h"
#include "ferry-local-source.h"
#include "ferry-path-bar.h"

#define WAIT_SECONDS 90

typedef struct
{
  char *dir;
  GtkWidget *window;
  FerryFilePane *pane;
  GPtrArray *toasts;
  GPtrArray *activated;
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture, gconstpointer data);

static void
wait_until (Fixture      *fixture,
            Condition     condition,
            gconstpointer data,
            const char   *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (fixture, data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  /* Let idles (selection scrolling, redraws) run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
is_idle (Fixture      *fixture,
         gconstpointer data)
{
  return !ferry_file_pane_get_loading (fixture->pane);
}

static void
wait_loaded (Fixture *fixture)
{
  wait_until (fixture, is_idle, NULL, "the listing");
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
make_dir (const char *dir,
          const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
}

static gboolean
exists (const char *dir,
        const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK);
}

static void
toast_cb (FerryFilePane *pane,
          const char    *message,
          Fixture       *fixture)
{
  g_ptr_array_add (fixture->toasts, g_strdup (message));
}

static void
activate_file_cb (FerryFilePane   *pane,
                  FerryRemoteFile *file,
                  Fixture         *fixture)
{
  g_ptr_array_add (fixture->activated, g_strdup (ferry_remote_file_get_name (file)));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FerryBrowserSource) source = ferry_local_source_new ();
  g_autofree char *alpha = NULL;
  g_autofree char *link_target = NULL;

  fixture->dir = g_dir_make_tmp ("ferry-pane-XXXXXX", &error);
  g_assert_no_error (error);
  make_dir (fixture->dir, "Alpha folder");
  alpha = g_build_filename (fixture->dir, "Alpha folder", NULL);
  write_file (alpha, "nested.txt", "nested");
  make_dir (alpha, "deeper");
  make_dir (fixture->dir, "beta");
  make_dir (fixture->dir, ".hidden-dir");
  write_file (fixture->dir, ".hidden", "secret");
  write_file (fixture->dir, "apple.txt", "a");
  write_file (fixture->dir, "file 9.txt", "nine");
  write_file (fixture->dir, "file 10.txt", "ten");
  write_file (fixture->dir, "Zeta.txt", "zeta zeta");
  write_file (fixture->dir, "name with spaces.txt", "spaces");
  write_file (fixture->dir, "grüße-日本.txt", "utf-8");
  link_target = g_build_filename (fixture->dir, "beta", NULL);
  g_assert_cmpint (symlink (link_target, g_build_filename (fixture->dir, "link-to-beta", NULL)),
                   ==, 0);
  g_assert_cmpint (symlink ("apple.txt", g_build_filename (fixture->dir, "link-to-apple", NULL)),
                   ==, 0);
  g_assert_cmpint (symlink ("nowhere", g_build_filename (fixture->dir, "broken-link", NULL)),
                   ==, 0);

  fixture->toasts = g_ptr_array_new_with_free_func (g_free);
  fixture->activated = g_ptr_array_new_with_free_func (g_free);
  fixture->pane = FERRY_FILE_PANE (ferry_file_pane_new (source));
  g_signal_connect (fixture->pane, "toast", G_CALLBACK (toast_cb), fixture);
  g_signal_connect (fixture->pane, "activate-file", G_CALLBACK (activate_file_cb), fixture);
  ferry_file_pane_set_label (fixture->pane, "Local files");

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->pane));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
            !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_ptr_array_unref (fixture->toasts);
  g_ptr_array_unref (fixture->activated);
}

/* ---- looking at the pane ---- */

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_stack_with_page (GtkWidget  *root,
                      const char *page)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_child_by_name (GTK_STACK (root), page) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_stack_with_page (child, page);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GStrv
names (Fixture *fixture)
{
  GListModel *model = ferry_file_pane_get_model (fixture->pane);
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv result;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FerryRemoteFile) file = g_list_model_get_item (model, i);

      g_strv_builder_add (builder, ferry_remote_file_get_name (file));
    }
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

static int
position_of (Fixture    *fixture,
             const char *name)
{
  GListModel *model = ferry_file_pane_get_model (fixture->pane);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FerryRemoteFile) file = g_list_model_get_item (model, i);

      if (g_str_equal (ferry_remote_file_get_name (file), name))
        return (int) i;
    }
  return -1;
}

static void
select_only (Fixture    *fixture,
             const char *name)
{
  int position = position_of (fixture, name);

  g_assert_cmpint (position, >=, 0);
  g_assert_true (gtk_selection_model_select_item (
                   GTK_SELECTION_MODEL (ferry_file_pane_get_model (fixture->pane)),
                   position, TRUE));
}

static char *
selected_names (Fixture *fixture)
{
  g_autoptr(GListModel) files = ferry_file_pane_get_selection_files (fixture->pane);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(FerryRemoteFile) file = g_list_model_get_item (files, i);

      g_string_append_printf (text, "%s%s", i ? "|" : "", ferry_remote_file_get_name (file));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
activate_row (Fixture    *fixture,
              const char *name)
{
  GtkWidget *view = find_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_COLUMN_VIEW);
  int position = position_of (fixture, name);

  g_assert_cmpint (position, >=, 0);
  g_signal_emit_by_name (view, "activate", (guint) position);
}

static gboolean
message_shown (Fixture *fixture)
{
  GtkWidget *revealer = find_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_REVEALER);

  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

/* ---- tests ---- */

static void
test_listing_order (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(GStrv) shown = NULL;
  GListModel *model;
  guint n, n_folders = 0;
  int nine, ten;

  g_assert_null (ferry_file_pane_get_path (fixture->pane));
  ferry_file_pane_navigate (fixture->pane, fixture->dir);
  g_assert_true (ferry_file_pane_get_loading (fixture->pane));
  wait_loaded (fixture);
  g_assert_cmpstr (ferry_file_pane_get_path (fixture->pane), ==, fixture->dir);

  shown = names (fixture);
  /* 3 folders (one a link), 8 files and links; the two hidden entries are not shown. */
  g_assert_cmpuint (g_strv_length (shown), ==, 11);
  g_assert_false (g_strv_contains ((const char * const *) shown, ".hidden"));
  g_assert_true (g_strv_contains ((const char * const *) shown, "grüße-日本.txt"));
  g_assert_true (g_strv_contains ((const char * const *) shown, "name with spaces.txt"));

  /* Folders (and links to folders) first, then by collation key. */
  model = ferry_file_pane_get_model (fixture->pane);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FerryRemoteFile) file = g_list_model_get_item (model, i);

      if (ferry_browser_file_is_folder_like (file))
        {
          g_assert_cmpuint (i, ==, n_folders);
          n_folders++;
        }
      if (i + 1 < n)
        {
          g_autoptr(FerryRemoteFile) next = g_list_model_get_item (model, i + 1);

          if (ferry_browser_file_is_folder_like (file) == ferry_browser_file_is_folder_like (next))
            g_assert_cmpint (strcmp (ferry_remote_file_get_collation_key (file),
                                     ferry_remote_file_get_collation_key (next)), <=, 0);
        }
    }
  g_assert_cmpuint (n_folders, ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) shown, "link-to-beta"));
  g_assert_cmpint (position_of (fixture, "link-to-beta"), <, 3);
  /* Numbers in names sort as numbers. */
  nine = position_of (fixture, "file 9.txt");
  ten = position_of (fixture, "file 10.txt");
  g_assert_cmpint (nine, >=, 0);
  g_assert_cmpint (nine, <, ten);

  /* The items carry what the columns show. */
  {
    g_autoptr(FerryRemoteFile) zeta = g_list_model_get_item (model, position_of (fixture,
                                                                                 "Zeta.txt"));
    g_autoptr(FerryRemoteFile) link = g_list_model_get_item (model, position_of (fixture,
                                                                                 "link-to-apple"));

    g_assert_cmpint (ferry_remote_file_get_size (zeta), ==, 9);
    g_assert_nonnull (ferry_remote_file_get_modified (zeta));
    g_assert_cmpuint (ferry_remote_file_get_mode (zeta) & 0600, ==, 0600);
    g_assert_true (g_str_has_prefix (ferry_remote_file_get_permissions (zeta), "-rw"));
    g_assert_cmpint (ferry_remote_file_get_kind (link), ==, FERRY_REMOTE_FILE_KIND_LINK);
    g_assert_cmpint (ferry_remote_file_get_link_target_kind (link), ==,
                     FERRY_REMOTE_FILE_KIND_FILE);
    g_assert_cmpstr (ferry_remote_file_get_link_target (link), ==, "apple.txt");
  }
}

static void
test_hidden_files (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  g_auto(GStrv) again = NULL;

  ferry_file_pane_navigate (fixture->pane, fixture->dir);
  wait_loaded (fixture);
  before = names (fixture);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.show-hidden",
                                             NULL));
  g_assert_true (ferry_file_pane_get_show_hidden (fixture->pane));
  wait_loaded (fixture);
  after = names (fixture);
  g_assert_cmpuint (g_strv_length (after), ==, g_strv_length (before) + 2);
  g_assert_true (g_strv_contains ((const char * const *) after, ".hidden"));
  /* A hidden folder is still a folder: first. */
  g_assert_cmpint (position_of (fixture, ".hidden-dir"), <, 4);

  ferry_file_pane_set_show_hidden (fixture->pane, FALSE);
  wait_loaded (fixture);
  again = names (fixture);
  g_assert_cmpstrv (again, before);
}

static void
test_navigation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *beta = path_in (fixture, "beta");
  g_autofree char *alpha = path_in (fixture, "Alpha folder");
  g_autofree char *link = path_in (fixture, "link-to-beta");
  g_autofree char *selection = NULL;
  g_auto(GStrv) inside = NULL;

  ferry_file_pane_navigate (fixture->pane, fixture->dir);
  wait_loaded (fixture);

  /* Double-click (or Enter) opens a folder. */
  activate_row (fixture, "Alpha folder");
  wait_loaded (fixture);
  g_assert_cmpstr (ferry_file_pane_get_path (fixture->pane), ==, alpha);
  inside = names (fixture);
  g_assert_cmpuint (g_strv_length (inside), ==, 2);
  g_assert_cmpstr (inside[0], ==, "deeper");
  g_assert_cmpstr (inside[1], ==, "nested.txt");

  /* Back returns and selects the folder we came from. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.back", NULL));
  wait_loaded (fixture);
  g_assert_cmpstr (ferry_file_pane_get_path (fixture->pane), ==, fixture->dir);
  selection = selected_names (fixture);
  g_assert_cmpstr (selection, ==, "Alpha folder");

  /* Up from a sub-folder. */
  ferry_file_pane_navigate (fixture->pane, beta);
  wait_loaded (fixture);
  g_assert_cmpstr (ferry_file_pane_get_path (fixture->pane), ==, beta);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.up", NULL));
  wait_loaded (fixture);
  g_assert_cmpstr (ferry_file_pane_get_path (fixture->pane), ==, fixture->dir);
  g_clear_pointer (&selection, g_free);
  selection = selected_names (fixture);
  g_assert_cmpstr (selection, ==, "beta");

  /* A link to a folder opens as a folder. */
  activate_row (fixture, "link-to-beta");
  wait_loaded (fixture);
  g_assert_cmpstr (ferry_file_pane_get_path (fixture->pane), ==, link);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.back", NULL));
  wait_loaded (fixture);

  /* A broken link cannot be entered: the pane stays and says so. */
  g_assert_false (message_shown (fixture));
  activate_row (fixture, "broken-link");
  wait_loaded (fixture);
  g_assert_cmpstr (ferry_file_pane_get_path (fixture->pane), ==, fixture->dir);
  g_assert_true (message_shown (fixture));

  /* Files (and links to files) go to the caller. */
  activate_row (fixture, "apple.txt");
  activate_row (fixture, "link-to-apple");
  g_assert_cmpuint (fixture->activated->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 0), ==, "apple.txt");
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 1), ==, "link-to-apple");

  /* A folder that does not exist, as the first thing shown: the error page. */
  {
    g_autoptr(FerryBrowserSource) source = ferry_local_source_new ();
    GtkWidget *pane = ferry_file_pane_new (source);
    g_autofree char *missing = path_in (fixture, "missing");
    GtkWidget *stack;

    g_object_ref_sink (pane);
    ferry_file_pane_navigate (FERRY_FILE_PANE (pane), missing);
    while (ferry_file_pane_get_loading (FERRY_FILE_PANE (pane)))
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (ferry_file_pane_get_path (FERRY_FILE_PANE (pane)), ==, missing);
    stack = find_stack_with_page (pane, "error");
    g_assert_nonnull (stack);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "error");
    g_assert_true (gtk_widget_activate_action (pane, "pane.retry", NULL));
    g_assert_true (ferry_file_pane_get_loading (FERRY_FILE_PANE (pane)));
    while (ferry_file_pane_get_loading (FERRY_FILE_PANE (pane)))
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "error");
    g_object_unref (pane);
  }
}

static void
test_path_bar (Fixture       *fixture,
               gconstpointer  data)
{
  FerryPathBar *bar = FERRY_PATH_BAR (find_widget (GTK_WIDGET (fixture->pane),
                                                   FERRY_TYPE_PATH_BAR));
  g_autofree char *alpha = path_in (fixture, "Alpha folder");
  g_autofree char *deeper = g_build_filename (alpha, "deeper", NULL);
  g_autofree char *beta = path_in (fixture, "beta");
  g_autofree char *parent = g_path_get_dirname (fixture->dir);
  g_auto(GStrv) segments = NULL;
  GtkWidget *box, *button = NULL, *last = NULL;
  GtkWidget *entry;
  guint n_buttons = 0;

  ferry_file_pane_navigate (fixture->pane, deeper);
  wait_loaded (fixture);
  g_assert_cmpstr (ferry_path_bar_get_path (bar), ==, deeper);

  /* Outside the home folder the bar starts at the root. */
  segments = ferry_path_bar_dup_segments (bar);
  g_assert_cmpstr (segments[0], ==, "/");
  g_assert_cmpstr (segments[g_strv_length (segments) - 1], ==, deeper);
  g_assert_cmpstr (segments[g_strv_length (segments) - 2], ==, alpha);
  g_assert_cmpstr (segments[g_strv_length (segments) - 3], ==, fixture->dir);

  /* One button per segment; the last one is the current folder. The first
   * (the root, Home, the server) stays in view before the scrolling part. */
  box = find_widget (GTK_WIDGET (bar), GTK_TYPE_SCROLLED_WINDOW);
  {
    GtkWidget *anchor = gtk_widget_get_prev_sibling (gtk_widget_get_prev_sibling (box));
    GtkWidget *first = gtk_widget_get_first_child (anchor);

    g_assert_true (GTK_IS_BOX (anchor));
    g_assert_true (GTK_IS_BUTTON (first));
    g_assert_null (gtk_widget_get_next_sibling (first));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (first), ==, "/");
    n_buttons = 1;
  }
  /* Then the folders between, which scroll, then the current folder, always in view. */
  {
    GtkWidget *parts[] = { find_widget (box, GTK_TYPE_BOX),
                           find_widget (gtk_widget_get_next_sibling (box), GTK_TYPE_BOX) };

    for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
      for (GtkWidget *child = gtk_widget_get_first_child (parts[p]);
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_BUTTON (child))
          {
            n_buttons++;
            last = child;
            if (n_buttons == g_strv_length (segments) - 2)
              button = child; /* the pane's folder, the parent of "Alpha folder" */
          }
    g_assert_true (gtk_widget_has_css_class (gtk_widget_get_last_child (parts[1]), "current"));
  }
  g_assert_cmpuint (n_buttons, ==, g_strv_length (segments));
  g_assert_true (gtk_widget_has_css_class (last, "current"));
  g_assert_false (gtk_widget_has_css_class (button, "current"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, fixture->dir);

  /* Clicking a segment goes there. */
  g_signal_emit_by_name (button, "clicked");
  wait_loaded (fixture);
  g_assert_cmpstr (ferry_file_pane_get_path (fixture->pane), ==, fixture->dir);

  /* Ctrl+Shift+L's action: the entry takes a path relative to the folder shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.edit-path", NULL));
  g_assert_true (ferry_path_bar_get_editing (bar));
  entry = find_widget (GTK_WIDGET (bar), GTK_TYPE_ENTRY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, fixture->dir);
  gtk_editable_set_text (GTK_EDITABLE (entry), "beta");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (ferry_path_bar_get_editing (bar));
  wait_loaded (fixture);
  g_assert_cmpstr (ferry_file_pane_get_path (fixture->pane), ==, beta);

  /* "..", then escape from editing without going anywhere. */
  ferry_path_bar_start_editing (bar);
  gtk_editable_set_text (GTK_EDITABLE (entry), "../..");
  g_signal_emit_by_name (entry, "activate");
  wait_loaded (fixture);
  g_assert_cmpstr (ferry_file_pane_get_path (fixture->pane), ==, parent);
  ferry_path_bar_start_editing (bar);
  ferry_path_bar_stop_editing (bar);
  g_assert_false (ferry_path_bar_get_editing (bar));

  /* Parent navigation ends at the root. */
  ferry_file_pane_navigate (fixture->pane, "/");
  wait_loaded (fixture);
  g_clear_pointer (&segments, g_strfreev);
  segments = ferry_path_bar_dup_segments (bar);
  g_assert_cmpuint (g_strv_length (segments), ==, 1);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.up", NULL) &&
                  g_strcmp0 (ferry_file_pane_get_path (fixture->pane), "/") != 0);

  /* Inside the home folder the bar starts at Home. */
  {
    g_autoptr(FerryBrowserSource) source = ferry_local_source_new ();
    g_autofree char *home_child = g_build_filename (g_get_home_dir (), "ferry-pane-test", NULL);
    g_autofree char *name = NULL;

    g_mkdir_with_parents (home_child, 0755);
    ferry_file_pane_navigate (fixture->pane, home_child);
    wait_loaded (fixture);
    g_clear_pointer (&segments, g_strfreev);
    segments = ferry_path_bar_dup_segments (bar);
    g_assert_cmpuint (g_strv_length (segments), ==, 2);
    name = ferry_browser_source_dup_display_name (source, segments[0]);
    g_assert_cmpstr (name, ==, "Home");
    g_rmdir (home_child);
  }
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
} OpResult;

static void
operation_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  OpResult *op = user_data;

  op->ok = ferry_browser_source_operation_finish (FERRY_BROWSER_SOURCE (object), result,
                                                  &op->error);
  op->done = TRUE;
}

static gboolean
op_done (Fixture      *fixture,
         gconstpointer data)
{
  return ((const OpResult *) data)->done;
}

static void
test_source_operations (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(FerryBrowserSource) source = ferry_local_source_new ();
  g_autofree char *made = path_in (fixture, "made here");
  g_autofree char *moved = path_in (fixture, "moved ü");
  g_autofree char *apple = path_in (fixture, "apple.txt");
  g_autofree char *alpha = path_in (fixture, "Alpha folder");
  g_autofree char *joined = ferry_browser_source_join (source, fixture->dir, "x");
  g_autofree char *parent = ferry_browser_source_dup_parent (source, joined);
  OpResult op = { 0 };

  g_assert_cmpstr (parent, ==, fixture->dir);
  g_assert_true (ferry_browser_source_is_root (source, "/"));
  g_assert_false (ferry_browser_source_supports_chmod (source));

  ferry_browser_source_mkdir_async (source, made, NULL, operation_done_cb, &op);
  wait_until (fixture, op_done, &op, "mkdir");
  g_assert_no_error (op.error);
  g_assert_true (g_file_test (made, G_FILE_TEST_IS_DIR));

  /* An existing name: an error that says what to do. */
  op = (OpResult) { 0 };
  ferry_browser_source_mkdir_async (source, made, NULL, operation_done_cb, &op);
  wait_until (fixture, op_done, &op, "mkdir again");
  g_assert_error (op.error, FERRY_ERROR, FERRY_ERROR_LOCAL);
  g_assert_nonnull (strstr (op.error->message, "Choose another name"));
  g_clear_error (&op.error);

  op = (OpResult) { 0 };
  ferry_browser_source_rename_async (source, made, moved, NULL, operation_done_cb, &op);
  wait_until (fixture, op_done, &op, "rename");
  g_assert_no_error (op.error);
  g_assert_false (g_file_test (made, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (moved, G_FILE_TEST_IS_DIR));

  /* A rename never replaces. */
  op = (OpResult) { 0 };
  ferry_browser_source_rename_async (source, moved, apple, NULL, operation_done_cb, &op);
  wait_until (fixture, op_done, &op, "rename onto a file");
  g_assert_false (op.ok);
  g_assert_nonnull (op.error);
  g_clear_error (&op.error);
  g_assert_true (g_file_test (apple, G_FILE_TEST_IS_REGULAR));

  /* A folder goes with everything in it; a link goes as a link. */
  op = (OpResult) { 0 };
  ferry_browser_source_delete_async (source, alpha, TRUE, NULL, operation_done_cb, &op);
  wait_until (fixture, op_done, &op, "delete a tree");
  g_assert_no_error (op.error);
  g_assert_false (exists (fixture->dir, "Alpha folder"));
  op = (OpResult) { 0 };
  {
    g_autofree char *link = path_in (fixture, "link-to-beta");

    ferry_browser_source_delete_async (source, link, FALSE, NULL, operation_done_cb, &op);
    wait_until (fixture, op_done, &op, "delete a link");
    g_assert_no_error (op.error);
    g_assert_false (exists (fixture->dir, "link-to-beta"));
    g_assert_true (exists (fixture->dir, "beta"));
  }

  /* Typed paths. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *home = ferry_browser_source_path_from_display (source, "~", "/", &error);
    g_autofree char *relative = ferry_browser_source_path_from_display (source, "beta/../beta",
                                                                        fixture->dir, &error);
    g_autofree char *empty = ferry_browser_source_path_from_display (source, "  ", "/", &error);

    g_assert_cmpstr (home, ==, g_get_home_dir ());
    g_assert_nonnull (relative);
    g_assert_true (g_str_has_suffix (relative, "/beta"));
    g_assert_null (empty);
    g_assert_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT);
  }
}

/* ---- the dialogs ---- */

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (Fixture      *fixture,
              gconstpointer data)
{
  return find_dialog () != NULL;
}

static AdwMessageDialog *
wait_dialog (Fixture *fixture)
{
  wait_until (fixture, dialog_shown, NULL, "a dialog");
  return find_dialog ();
}

static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static gboolean
on_disk (Fixture      *fixture,
         gconstpointer name)
{
  return exists (fixture->dir, name) && !ferry_file_pane_get_loading (fixture->pane) &&
         position_of (fixture, name) >= 0;
}

static gboolean
gone (Fixture      *fixture,
      gconstpointer name)
{
  return !exists (fixture->dir, name) && !ferry_file_pane_get_loading (fixture->pane) &&
         position_of (fixture, name) < 0;
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
text_read (Fixture      *fixture,
           gconstpointer data)
{
  return *(char * const *) data != NULL;
}

static void
test_actions (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *pane = GTK_WIDGET (fixture->pane);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autofree char *selection = NULL;
  g_autofree char *clipboard = NULL;
  g_autofree char *expected = NULL;

  ferry_file_pane_navigate (fixture->pane, fixture->dir);
  wait_loaded (fixture);

  /* New Folder: a name that exists is refused, a new one made and selected. */
  g_assert_true (gtk_widget_activate_action (pane, "pane.new-folder", NULL));
  dialog = wait_dialog (fixture);
  entry = find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "beta");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "a/b");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Ñew folder");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "accept"));
  answer (dialog, "accept");
  wait_until (fixture, on_disk, "Ñew folder", "the new folder");
  selection = selected_names (fixture);
  g_assert_cmpstr (selection, ==, "Ñew folder");
  g_assert_cmpint (position_of (fixture, "Ñew folder"), <, 4);

  /* Cancel does nothing. */
  g_assert_true (gtk_widget_activate_action (pane, "pane.new-folder", NULL));
  dialog = wait_dialog (fixture);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY)),
                         "never made");
  answer (dialog, "cancel");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (exists (fixture->dir, "never made"));

  /* Rename (F2's action) starts from the old name. */
  select_only (fixture, "name with spaces.txt");
  g_assert_true (gtk_widget_activate_action (pane, "pane.rename", NULL));
  dialog = wait_dialog (fixture);
  entry = find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "name with spaces.txt");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "accept"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Zeta.txt");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "renamed — ünïcode.txt");
  g_signal_emit_by_name (entry, "activate");
  wait_until (fixture, on_disk, "renamed — ünïcode.txt", "the renamed file");
  g_assert_false (exists (fixture->dir, "name with spaces.txt"));
  g_clear_pointer (&selection, g_free);
  selection = selected_names (fixture);
  g_assert_cmpstr (selection, ==, "renamed — ünïcode.txt");

  /* Delete asks first (confirm-deletes), and takes a folder with everything in it. */
  g_assert_true (g_settings_get_boolean (settings, "confirm-deletes"));
  select_only (fixture, "Alpha folder");
  g_assert_true (gtk_widget_activate_action (pane, "pane.delete", NULL));
  dialog = wait_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Alpha folder”?");
  g_assert_true (exists (fixture->dir, "Alpha folder"));
  answer (dialog, "delete");
  wait_until (fixture, gone, "Alpha folder", "the deleted folder");
  g_assert_cmpuint (fixture->toasts->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->toasts, fixture->toasts->len - 1), ==,
                   "“Alpha folder” deleted");

  /* Cancelling the confirmation keeps the file. */
  select_only (fixture, "apple.txt");
  g_assert_true (gtk_widget_activate_action (pane, "pane.delete", NULL));
  answer (wait_dialog (fixture), "cancel");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (exists (fixture->dir, "apple.txt"));

  /* Without confirm-deletes, two items at once, no dialog. */
  g_settings_set_boolean (settings, "confirm-deletes", FALSE);
  select_only (fixture, "apple.txt");
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (ferry_file_pane_get_model (fixture->pane)),
                                   position_of (fixture, "file 9.txt"), FALSE);
  g_clear_pointer (&selection, g_free);
  selection = selected_names (fixture);
  g_assert_cmpstr (selection, ==, "apple.txt|file 9.txt");
  g_assert_true (gtk_widget_activate_action (pane, "pane.delete", NULL));
  g_assert_null (find_dialog ());
  wait_until (fixture, gone, "file 9.txt", "the deleted files");
  g_assert_false (exists (fixture->dir, "apple.txt"));
  g_settings_reset (settings, "confirm-deletes");

  /* Copy Path puts the path of the selection on the clipboard. */
  select_only (fixture, "Zeta.txt");
  g_assert_true (gtk_widget_activate_action (pane, "pane.copy-path", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (pane), NULL, clipboard_read_cb,
                                 &clipboard);
  wait_until (fixture, text_read, &clipboard, "the clipboard");
  expected = path_in (fixture, "Zeta.txt");
  g_assert_cmpstr (clipboard, ==, expected);
  g_assert_cmpstr (g_ptr_array_index (fixture->toasts, fixture->toasts->len - 1), ==,
                   "Path copied");

  /* Reload keeps the selection. */
  ferry_file_pane_reload (fixture->pane);
  wait_loaded (fixture);
  g_clear_pointer (&selection, g_free);
  selection = selected_names (fixture);
  g_assert_cmpstr (selection, ==, "Zeta.txt");

  /* The local disk has no Permissions dialog. */
  g_assert_false (gtk_widget_activate_action (pane, "pane.permissions", NULL) &&
                  find_dialog () != NULL);
}

static void
test_permissions_mode (void)
{
  g_assert_cmpint (ferry_file_pane_parse_mode ("755"), ==, 0755);
  g_assert_cmpint (ferry_file_pane_parse_mode (" 0644 "), ==, 0644);
  g_assert_cmpint (ferry_file_pane_parse_mode ("4755"), ==, 04755);
  g_assert_cmpint (ferry_file_pane_parse_mode ("8"), ==, -1);
  g_assert_cmpint (ferry_file_pane_parse_mode ("07777"), ==, -1);
  g_assert_cmpint (ferry_file_pane_parse_mode (""), ==, -1);
  g_assert_cmpint (ferry_file_pane_parse_mode ("rwx"), ==, -1);
}

static gboolean
n_columns_is (Fixture      *fixture,
              gconstpointer data)
{
  GtkWidget *view = find_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_COLUMN_VIEW);

  return g_list_model_get_n_items (gtk_column_view_get_columns (GTK_COLUMN_VIEW (view))) ==
         GPOINTER_TO_UINT (data);
}

static void
resize (Fixture *fixture,
        int      width)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 500);
}

/* A narrow pane leaves out Permissions, then Modified, and takes them back. */
static void
test_narrow_columns (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *view = find_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_COLUMN_VIEW);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));

  ferry_file_pane_navigate (fixture->pane, fixture->dir);
  wait_loaded (fixture);
  wait_until (fixture, n_columns_is, GUINT_TO_POINTER (4), "four columns at 900 pixels");
  resize (fixture, 420);
  wait_until (fixture, n_columns_is, GUINT_TO_POINTER (3), "three columns at 420 pixels");
  {
    g_autoptr(GtkColumnViewColumn) last = g_list_model_get_item (columns, 2);

    g_assert_cmpstr (gtk_column_view_column_get_title (last), ==, "Modified");
  }
  resize (fixture, 320);
  wait_until (fixture, n_columns_is, GUINT_TO_POINTER (2), "two columns at 320 pixels");
  resize (fixture, 1000);
  wait_until (fixture, n_columns_is, GUINT_TO_POINTER (4), "four columns again");
  for (guint i = 0; i < 4; i++)
    {
      static const char *titles[] = { "Name", "Size", "Modified", "Permissions" };
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
    }
}

static gboolean
has_all (Fixture      *fixture,
         gconstpointer data)
{
  return !ferry_file_pane_get_loading (fixture->pane) &&
         g_list_model_get_n_items (ferry_file_pane_get_model (fixture->pane)) ==
         GPOINTER_TO_UINT (data);
}

static void
test_big_folder (Fixture       *fixture,
                 gconstpointer  data)
{
  const guint n = 100000;
  g_autofree char *big = path_in (fixture, "big");
  GListModel *model;

  make_dir (fixture->dir, "big");
  for (guint i = 0; i < n; i++)
    {
      char name[64];
      g_autofree char *path = NULL;
      int fd;

      g_snprintf (name, sizeof name, "entry %06u.dat", n - i);
      path = g_build_filename (big, name, NULL);
      fd = g_open (path, O_CREAT | O_WRONLY, 0644);
      g_assert_cmpint (fd, >=, 0);
      close (fd);
    }

  ferry_file_pane_navigate (fixture->pane, fixture->dir);
  wait_loaded (fixture);
  ferry_file_pane_navigate (fixture->pane, big);
  wait_until (fixture, has_all, GUINT_TO_POINTER (n), "100,000 entries");
  model = ferry_file_pane_get_model (fixture->pane);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  {
    g_autoptr(FerryRemoteFile) first = g_list_model_get_item (model, 0);
    g_autoptr(FerryRemoteFile) last = g_list_model_get_item (model, n - 1);

    g_assert_cmpstr (ferry_remote_file_get_name (first), ==, "entry 000001.dat");
    g_assert_cmpstr (ferry_remote_file_get_name (last), ==, "entry 100000.dat");
  }

  /* Still usable: select all, then back out of it. */
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (model));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "pane.back", NULL));
  wait_loaded (fixture);
  g_assert_cmpstr (ferry_file_pane_get_path (fixture->pane), ==, fixture->dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/file-pane/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("listing-order", test_listing_order);
  ADD ("hidden-files", test_hidden_files);
  ADD ("navigation", test_navigation);
  ADD ("path-bar", test_path_bar);
  ADD ("source-operations", test_source_operations);
  ADD ("actions", test_actions);
  ADD ("narrow-columns", test_narrow_columns);
  ADD ("big-folder", test_big_folder);
#undef ADD
  g_test_add_func ("/file-pane/permissions-mode", test_permissions_mode);
  return g_test_run ();
}
