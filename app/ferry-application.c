/* ferry-application.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: one main window, and the app-wide actions (quit, about,
 * shortcuts) with their accelerators.
 */
#define G_LOG_DOMAIN "ferry-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-application.h"
#include "ferry-window.h"

struct _FerryApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (FerryApplication, ferry_application, ADW_TYPE_APPLICATION)

static void
ferry_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  GList *windows;

  /* Close each window as the person would, so each saves its state; the
   * application ends with its last window. */
  windows = g_list_copy (gtk_application_get_windows (application));
  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
}

static void
ferry_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Ferry developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (application),
                        "modal", TRUE,
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Ferry"),
                        "developer-name", "The Ferry developers",
                        "version", PACKAGE_VERSION,
                        "comments", _("Transfer files securely over FTPS"),
                        "website", "https://github.com/ferryapp/ferry",
                        "issue-url", "https://github.com/ferryapp/ferry/issues",
                        "developers", developers,
                        "copyright", "© 2026 The Ferry developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: Replace "translator-credits" with your names,
                         * one name per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
ferry_application_shortcuts_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/io/github/ferryapp/Ferry/ui/ferry-shortcuts.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, gtk_application_get_active_window (application));
  gtk_window_set_application (shortcuts, application);
  gtk_window_present (shortcuts);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = ferry_application_quit_action },
  { .name = "about", .activate = ferry_application_about_action },
  { .name = "shortcuts", .activate = ferry_application_shortcuts_action },
};

static void
ferry_application_startup (GApplication *application)
{
  GtkApplication *gtk_application = GTK_APPLICATION (application);

  G_APPLICATION_CLASS (ferry_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (gtk_application, "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_application, "app.shortcuts",
                                         (const char *[]) { "<Control>question", NULL });
  gtk_application_set_accels_for_action (gtk_application, "win.focus-address",
                                         (const char *[]) { "<Control>l", NULL });
}

static void
ferry_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (ferry_window_new (GTK_APPLICATION (application)));

  gtk_window_present (window);
}

static void
ferry_application_class_init (FerryApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  application_class->startup = ferry_application_startup;
  application_class->activate = ferry_application_activate;
}

static void
ferry_application_init (FerryApplication *self)
{
}

FerryApplication *
ferry_application_new (void)
{
  return g_object_new (FERRY_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/ferryapp/Ferry",
                       NULL);
}
