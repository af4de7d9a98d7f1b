/* test-ui-templates.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every .ui file instantiates without a warning (run with G_DEBUG=fatal-warnings
 * under tests/run-gui.sh), the window's connect entry behaves, and the window
 * size goes through GSettings (GSETTINGS_SCHEMA_DIR=<builddir>/data).
 */
#include "config.h"

#include <adwaita.h>

#include "ferry-window.h"

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action_name)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
wait_for_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
  /* Let the first frames draw. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_window_template (void)
{
  GtkWidget *window = g_object_new (FERRY_TYPE_WINDOW, NULL);
  GtkWidget *entry, *connect, *command, *command_revealer, *error_label;

  gtk_window_present (GTK_WINDOW (window));
  wait_for_mapped (window);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Ferry");
  g_assert_nonnull (find_widget (window, ADW_TYPE_HEADER_BAR, NULL));
  g_assert_nonnull (find_widget (window, ADW_TYPE_STATUS_PAGE, NULL));
  g_assert_nonnull (find_widget (window, GTK_TYPE_MENU_BUTTON, NULL));

  entry = find_widget (window, GTK_TYPE_ENTRY, NULL);
  connect = find_button (window, "win.connect");
  command = find_widget (window, GTK_TYPE_LABEL, "monospace");
  error_label = find_widget (window, GTK_TYPE_LABEL, "error");
  g_assert_nonnull (entry);
  g_assert_nonnull (connect);
  g_assert_nonnull (command);
  g_assert_nonnull (error_label);
  g_assert_nonnull (find_button (window, "win.copy-command"));
  command_revealer = gtk_widget_get_ancestor (command, GTK_TYPE_REVEALER);
  g_assert_nonnull (command_revealer);

  /* The entry has the focus, and Connect needs text. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == entry ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), entry));
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (entry)), ==,
                   "ftpes://user@host:port");
  g_assert_false (gtk_widget_is_sensitive (connect));

  gtk_editable_set_text (GTK_EDITABLE (entry), " ftpes://demo@ftp.example.org ");
  g_assert_true (gtk_widget_is_sensitive (connect));
  g_assert_true (gtk_widget_activate_action (window, "win.connect", NULL));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (command)), ==,
                   "ferry-cli probe ftpes://demo@ftp.example.org");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (command_revealer)));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (command)));

  /* Editing hides what belonged to the old text; a password is refused. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "ftp://demo:secret@ftp.example.org");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (command_revealer)));
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (command_revealer)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error_label)),
                                   "Leave the password out"));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_revealer_get_reveal_child (
                   GTK_REVEALER (gtk_widget_get_ancestor (error_label, GTK_TYPE_REVEALER))));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (gtk_widget_is_sensitive (connect));

  /* Ctrl+L's action. */
  gtk_widget_grab_focus (connect);
  g_assert_true (gtk_widget_activate_action (window, "win.focus-address", NULL));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), entry) ||
                 gtk_window_get_focus (GTK_WINDOW (window)) == entry);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_state (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *window;
  int width, height;

  /* The defaults the schema promises. */
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 650);
  window = g_object_new (FERRY_TYPE_WINDOW, NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);

  /* Closing the (shown) window saves its size. */
  gtk_window_present (GTK_WINDOW (window));
  wait_for_mapped (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1111, 777);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1111);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 777);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/ferryapp/Ferry/ui/ferry-shortcuts.ui");
  GObject *window = gtk_builder_get_object (builder, "shortcuts_window");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_mapped (GTK_WIDGET (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_resources (void)
{
  static const char *paths[] = {
    "/io/github/ferryapp/Ferry/ui/ferry-window.ui",
    "/io/github/ferryapp/Ferry/ui/ferry-shortcuts.ui",
    "/io/github/ferryapp/Ferry/icons/scalable/apps/io.github.ferryapp.Ferry.svg",
    "/io/github/ferryapp/Ferry/icons/symbolic/apps/io.github.ferryapp.Ferry-symbolic.svg",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_resources_lookup_data (paths[i], 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* What GtkApplication does for the app: icons from the resource bundle. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/ferryapp/Ferry/icons");

  g_test_add_func ("/ui/resources", test_resources);
  g_test_add_func ("/ui/window/template", test_window_template);
  g_test_add_func ("/ui/window/state", test_window_state);
  g_test_add_func ("/ui/shortcuts-window", test_shortcuts_window);
  return g_test_run ();
}
