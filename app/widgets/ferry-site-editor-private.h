/* ferry-site-editor-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by ferry-site-editor.c (the form), ferry-site-editor-keyring.c (the
 * password in the keyring) and ferry-site-editor-test.c (Test Connection).
 */
#pragma once

#include "ferry-session.h"
#include "ferry-site-editor.h"

G_BEGIN_DECLS

typedef enum
{
  KEYRING_STATE_UNKNOWN,
  KEYRING_STATE_CHECKING,
  KEYRING_STATE_SAVED,
  KEYRING_STATE_NONE,
  KEYRING_STATE_UNAVAILABLE,
} KeyringState;

struct _FerrySiteEditor
{
  GtkWidget parent_instance;

  FerrySite *site;
  FerryKnownServers *known_servers;
  gboolean writing;                  /* the form is writing into the site */
  GCancellable *site_cancellable;    /* keyring lookups and detection for this site */
  guint detect_source;
  GtkFileChooserNative *folder_chooser;
  KeyringState keyring_state;

  /* Test Connection */
  GCancellable *test_cancellable;
  FerrySession *test_session;
  guint test_attempts;
  gboolean test_prompt_unhandled;

  /* Template children */
  GtkScrolledWindow *scrolled_window;
  GtkLabel *title_label;
  GtkLabel *address_label;
  GtkButton *test_button;
  GtkButton *connect_button;
  GtkRevealer *test_revealer;
  AdwPreferencesGroup *test_group;
  GtkButton *test_cancel_button;
  GtkButton *test_close_button;
  GtkSpinner *test_spinner;
  GtkImage *test_status_icon;
  GtkLabel *test_summary_label;
  GtkListBox *test_list;
  AdwEntryRow *name_row;
  AdwEntryRow *host_row;
  AdwActionRow *port_row;
  GtkSpinButton *port_spin;
  AdwComboRow *logon_row;
  AdwEntryRow *user_row;
  AdwPasswordEntryRow *password_row;
  AdwActionRow *keyring_row;
  GtkImage *keyring_icon;
  GtkButton *forget_button;
  AdwComboRow *security_row;
  AdwActionRow *detected_row;
  AdwComboRow *protection_row;
  AdwComboRow *tls_row;
  AdwActionRow *ccc_row;
  GtkSwitch *ccc_switch;
  AdwComboRow *transfer_mode_row;
  GtkSpinButton *parallel_spin;
  AdwEntryRow *charset_row;
  GtkSpinButton *timezone_spin;
  AdwComboRow *server_type_row;
  AdwEntryRow *remote_dir_row;
  AdwEntryRow *local_dir_row;
  GtkTextView *comments_view;
};

/* ferry-site-editor.c */
FerryKnownServers *_ferry_site_editor_get_known_servers (FerrySiteEditor *self);
void               _ferry_site_editor_refresh_detected  (FerrySiteEditor *self);
void               _ferry_site_editor_save_password     (FerrySiteEditor *self,
                                                         FerrySite       *site,
                                                         const char      *password);
gboolean           _ferry_site_editor_check_host        (FerrySiteEditor *self);

/* ferry-site-editor-keyring.c */
/* Shows @state in the keyring row; @message (nullable) says it in words. */
void               _ferry_site_editor_set_keyring_state (FerrySiteEditor *self,
                                                         KeyringState     state,
                                                         const char      *message);
/* Looks up whether a password is saved for the site. */
void               _ferry_site_editor_lookup_keyring    (FerrySiteEditor *self);
/* Deletes the site's saved password. */
void               _ferry_site_editor_clear_keyring     (FerrySiteEditor *self);

/* ferry-site-editor-test.c */
void               _ferry_site_editor_test_start        (FerrySiteEditor *self);
void               _ferry_site_editor_test_cancel       (FerrySiteEditor *self);
void               _ferry_site_editor_test_hide         (FerrySiteEditor *self);
/* Cancels silently and forgets the results (another site is shown). */
void               _ferry_site_editor_test_reset        (FerrySiteEditor *self);

G_END_DECLS
