/* ferry-application.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: one main window, and the app-wide actions (quit, about,
 * shortcuts, preferences, sites) with their accelerators. It owns the one
 * FerrySiteStore (loaded asynchronously at startup; a broken sites.ini is
 * reported to the person) and the one FerrySiteManager, which it hands to
 * the main window. Links and the command line: ferry-application-open.c.
 */
#define G_LOG_DOMAIN "ferry-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-application-private.h"
#include "ferry-stall-probe.h"
#include "ferry-preferences-window.h"
#include "ferry-prompt-handler.h"
#include "ferry-remote-drag-provider.h"
#include "ferry-window.h"

struct _FerryApplication
{
  AdwApplication parent_instance;

  FerrySiteStore *site_store;
  FerrySiteManager *site_manager;  /* weak: it goes with the main window */
  char *site_store_problem;        /* what went wrong reading sites.ini, until told */
  gboolean site_store_loaded;
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

static void
ferry_application_preferences_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (application);
  GtkWidget *preferences = ferry_preferences_window_new (parent);

  gtk_window_set_application (GTK_WINDOW (preferences), application);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
ferry_application_sites_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  FerryApplication *self = FERRY_APPLICATION (user_data);

  /* The site manager belongs to the main window: make sure there is one. */
  if (gtk_application_get_active_window (GTK_APPLICATION (self)) == NULL)
    g_application_activate (G_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (ferry_application_get_site_manager (self)));
}

/* A transfer notification was clicked (its target: the panel's notification
 * id): the window with that tab comes up showing the queue. */
static void
ferry_application_show_transfers_action (GSimpleAction *action,
                                         GVariant      *parameter,
                                         gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  const char *id = g_variant_get_string (parameter, NULL);

  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (FERRY_IS_WINDOW (l->data) && ferry_window_show_transfers (l->data, id))
      return;
  /* The tab was closed meanwhile: the main window, as a launch would. */
  g_application_activate (G_APPLICATION (application));
}

/* The desktop file's "New Window" action (and `ferry --new-window`). */
static void
ferry_application_new_window_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  FerryApplication *self = FERRY_APPLICATION (user_data);

  if (gtk_application_get_active_window (GTK_APPLICATION (self)) == NULL)
    g_application_activate (G_APPLICATION (self));
  else
    _ferry_application_new_window (self);
}

static const GActionEntry app_actions[] = {
  { .name = "new-window", .activate = ferry_application_new_window_action },
  { .name = "quit", .activate = ferry_application_quit_action },
  { .name = "about", .activate = ferry_application_about_action },
  { .name = "shortcuts", .activate = ferry_application_shortcuts_action },
  { .name = "preferences", .activate = ferry_application_preferences_action },
  { .name = "sites", .activate = ferry_application_sites_action },
  { .name = "show-transfers", .activate = ferry_application_show_transfers_action,
    .parameter_type = "s" },
};

/* Saved sites ---------------------------------------------------------------- */

/* Tells the person what went wrong reading sites.ini, once, over the main
 * window (when there is none yet, as soon as there is). */
static void
ferry_application_report_site_problem (FerryApplication *self)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwMessageDialog *dialog;

  if (self->site_store_problem == NULL || parent == NULL)
    return;

  if (self->site_manager != NULL)
    ferry_site_manager_set_problem (self->site_manager, self->site_store_problem);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       _("Your Saved Sites Could Not Be Read"),
                                                       self->site_store_problem));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_clear_pointer (&self->site_store_problem, g_free);
}

static void
site_store_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(FerryApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  self->site_store_loaded = TRUE;
  if (!ferry_site_store_load_finish (FERRY_SITE_STORE (source), result, &problem, &error))
    problem = g_strdup (error->message);
  /* The addresses given at startup waited for the sites they may match. */
  _ferry_application_open_pending (self);
  if (problem == NULL)
    return;
  g_message ("%s", problem);
  g_free (self->site_store_problem);
  self->site_store_problem = g_steal_pointer (&problem);
  ferry_application_report_site_problem (self);
}

static void
site_manager_connect_site_cb (FerrySiteManager *manager,
                              FerrySite        *site,
                              FerryApplication *self)
{
  GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (manager));

  if (!FERRY_IS_WINDOW (window))
    window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (FERRY_IS_WINDOW (window))
    ferry_window_connect_site (FERRY_WINDOW (window), site);
}

static void
site_manager_prompt_cb (FerrySiteManager *manager,
                        FerryPrompt      *prompt,
                        FerryApplication *self)
{
  ferry_prompt_handler_run (GTK_WINDOW (manager), prompt, NULL);
}

FerrySiteStore *
ferry_application_get_site_store (FerryApplication *self)
{
  g_return_val_if_fail (FERRY_IS_APPLICATION (self), NULL);

  if (self->site_store == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->site_store = ferry_site_store_new_default (&error);
      if (self->site_store == NULL)
        {
          /* The folder could not be created: a store all the same, whose
           * saves say what is wrong. */
          g_autofree char *path = g_build_filename (g_get_user_config_dir (), "ferry",
                                                    "sites.ini", NULL);

          self->site_store = ferry_site_store_new (path);
          self->site_store_problem = g_strdup (error->message);
          self->site_store_loaded = TRUE;
        }
      else
        ferry_site_store_load_async (self->site_store, NULL, site_store_loaded_cb,
                                     g_object_ref (self));
    }
  return self->site_store;
}

FerrySiteManager *
ferry_application_get_site_manager (FerryApplication *self)
{
  GtkWindow *parent;

  g_return_val_if_fail (FERRY_IS_APPLICATION (self), NULL);

  if (self->site_manager != NULL)
    return self->site_manager;

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  self->site_manager = ferry_site_manager_new (parent, ferry_application_get_site_store (self));
  /* Closing hides it, with its list and selection, until the main window goes. */
  gtk_window_set_hide_on_close (GTK_WINDOW (self->site_manager), TRUE);
  gtk_window_set_application (GTK_WINDOW (self->site_manager), GTK_APPLICATION (self));
  g_object_add_weak_pointer (G_OBJECT (self->site_manager), (gpointer *) &self->site_manager);
  g_signal_connect_object (self->site_manager, "connect-site",
                           G_CALLBACK (site_manager_connect_site_cb), self, 0);
  g_signal_connect_object (self->site_manager, "prompt", G_CALLBACK (site_manager_prompt_cb),
                           self, 0);
  if (self->site_store_problem != NULL)
    ferry_site_manager_set_problem (self->site_manager, self->site_store_problem);
  if (FERRY_IS_WINDOW (parent))
    ferry_window_set_site_manager (FERRY_WINDOW (parent), self->site_manager);
  return self->site_manager;
}

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
  gtk_application_set_accels_for_action (gtk_application, "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (gtk_application, "app.sites",
                                         (const char *[]) { "<Control><Shift>s", NULL });

  /* Read the saved sites while the window comes up. */
  ferry_application_get_site_store (FERRY_APPLICATION (application));
  /* Files dragged out of Ferry in earlier runs: folders older than a day go. */
  ferry_remote_drag_provider_clean_cache ();
}

gboolean
_ferry_application_get_sites_loaded (FerryApplication *self)
{
  return self->site_store_loaded;
}

FerryWindow *
_ferry_application_new_window (FerryApplication *self)
{
  FerryWindow *window = ferry_window_new (GTK_APPLICATION (self));

  ferry_window_set_site_store (window, ferry_application_get_site_store (self));
  if (self->site_manager != NULL)
    ferry_window_set_site_manager (window, self->site_manager);
  ferry_stall_probe_watch_window (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
ferry_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      FerryApplication *self = FERRY_APPLICATION (application);

      _ferry_application_new_window (self);
      /* The one site manager, for the window's "Sites" and for app.sites. */
      ferry_application_get_site_manager (self);
      ferry_application_report_site_problem (self);
      return;
    }

  gtk_window_present (window);
}

static void
ferry_application_dispose (GObject *object)
{
  FerryApplication *self = FERRY_APPLICATION (object);

  if (self->site_manager != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->site_manager),
                                  (gpointer *) &self->site_manager);
  self->site_manager = NULL;
  g_clear_object (&self->site_store);

  G_OBJECT_CLASS (ferry_application_parent_class)->dispose (object);
}

static void
ferry_application_finalize (GObject *object)
{
  FerryApplication *self = FERRY_APPLICATION (object);

  g_free (self->site_store_problem);

  G_OBJECT_CLASS (ferry_application_parent_class)->finalize (object);
}

static void
ferry_application_class_init (FerryApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ferry_application_dispose;
  object_class->finalize = ferry_application_finalize;
  application_class->startup = ferry_application_startup;
  application_class->activate = ferry_application_activate;
  application_class->command_line = _ferry_application_command_line;
  application_class->open = _ferry_application_open;
}

static void
ferry_application_init (FerryApplication *self)
{
  _ferry_application_add_open_options (self);
}

FerryApplication *
ferry_application_new (void)
{
  return g_object_new (FERRY_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/ferryapp/Ferry",
                       NULL);
}
