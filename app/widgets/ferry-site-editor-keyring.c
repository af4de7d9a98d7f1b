/* ferry-site-editor-keyring.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The site editor's password: whether one is saved in the keyring (looked up
 * asynchronously, the password itself wiped at once), saving a new one,
 * forgetting it, and what the form says about it: saved, none saved, or no
 * keyring (the site then asks every time). Never a file.
 */
#define G_LOG_DOMAIN "ferry-site-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-keyring.h"
#include "ferry-site-editor-private.h"

/* Async helpers ------------------------------------------------------------ */

/* What a keyring callback needs: the editor if it still exists, and the site
 * the call was about (the editor may show another site by then). */
typedef struct
{
  GWeakRef editor;
  FerrySite *site;
} KeyringCall;

static KeyringCall *
keyring_call_new (FerrySiteEditor *self,
                  FerrySite       *site)
{
  KeyringCall *call = g_new0 (KeyringCall, 1);

  g_weak_ref_init (&call->editor, self);
  call->site = g_object_ref (site);
  return call;
}

static void
keyring_call_free (KeyringCall *call)
{
  g_weak_ref_clear (&call->editor);
  g_clear_object (&call->site);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeyringCall, keyring_call_free)

/* (transfer full) (nullable): the editor, when it still shows @call's site. */
static FerrySiteEditor *
keyring_call_get_editor (KeyringCall *call)
{
  FerrySiteEditor *self = g_weak_ref_get (&call->editor);

  if (self != NULL && self->site != call->site)
    g_clear_object (&self);
  return self;
}

/* The keyring row ------------------------------------------------------------ */

void
_ferry_site_editor_set_keyring_state (FerrySiteEditor *self,
                                      KeyringState     state,
                                      const char      *message)
{
  FerryLogonType logon = self->site ? ferry_site_get_logon_type (self->site) : FERRY_LOGON_NORMAL;
  const char *subtitle = message;
  const char *icon = "dialog-password-symbolic";

  self->keyring_state = state;
  if (logon == FERRY_LOGON_ASK)
    {
      subtitle = _("Ferry asks for the password every time it connects to this site.");
      gtk_widget_set_visible (GTK_WIDGET (self->forget_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->password_row), FALSE);
    }
  else
    {
      switch (state)
        {
        case KEYRING_STATE_CHECKING:
          subtitle = _("Looking in the keyring…");
          break;
        case KEYRING_STATE_SAVED:
          subtitle = message ? message : _("A password is saved in the keyring.");
          icon = "emblem-ok-symbolic";
          break;
        case KEYRING_STATE_NONE:
          subtitle = message ? message : _("No password is saved: Ferry asks for it when "
                                           "connecting. Type one above to save it.");
          break;
        case KEYRING_STATE_UNAVAILABLE:
          icon = "dialog-warning-symbolic";
          break;
        case KEYRING_STATE_UNKNOWN:
        default:
          break;
        }
      gtk_widget_set_visible (GTK_WIDGET (self->forget_button), state == KEYRING_STATE_SAVED);
      gtk_widget_set_visible (GTK_WIDGET (self->password_row), TRUE);
      /* Without a keyring a password could only be kept in a file: refuse. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->password_row),
                                state != KEYRING_STATE_UNAVAILABLE);
    }
  adw_action_row_set_subtitle (self->keyring_row, subtitle ? subtitle : "");
  gtk_image_set_from_icon_name (self->keyring_icon, icon);
}

static void
keyring_lookup_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KeyringCall) call = user_data;
  g_autoptr(FerrySiteEditor) self = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  password = ferry_keyring_lookup_finish (result, &error);
  ferry_keyring_password_free (password);   /* only whether there is one matters */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = keyring_call_get_editor (call);
  if (self == NULL)
    return;
  if (error != NULL)
    _ferry_site_editor_set_keyring_state (self, KEYRING_STATE_UNAVAILABLE, error->message);
  else
    _ferry_site_editor_set_keyring_state (self,
                                          password ? KEYRING_STATE_SAVED : KEYRING_STATE_NONE,
                                          NULL);
}

void
_ferry_site_editor_lookup_keyring (FerrySiteEditor *self)
{
  if (self->site == NULL)
    return;
  _ferry_site_editor_set_keyring_state (self, KEYRING_STATE_CHECKING, NULL);
  ferry_keyring_lookup_async (ferry_site_get_id (self->site), 0, self->site_cancellable,
                              keyring_lookup_cb, keyring_call_new (self, self->site));
}

static void
keyring_store_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KeyringCall) call = user_data;
  g_autoptr(FerrySiteEditor) self = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = ferry_keyring_store_finish (result, &error);

  if (!ok)
    g_message ("Saving the password of “%s” failed: %s", ferry_site_get_name (call->site),
               error->message);
  self = keyring_call_get_editor (call);
  if (self == NULL)
    return;
  if (ok)
    _ferry_site_editor_set_keyring_state (self, KEYRING_STATE_SAVED,
                       _("The password is saved in the keyring."));
  else
    _ferry_site_editor_set_keyring_state (self, KEYRING_STATE_UNAVAILABLE, error->message);
}

void
_ferry_site_editor_save_password (FerrySiteEditor *self,
                                  FerrySite       *site,
                                  const char      *password)
{
  if (self->site == site)
    _ferry_site_editor_set_keyring_state (self, KEYRING_STATE_CHECKING, NULL);
  /* Not cancelled with the site: once typed, the password is saved. */
  ferry_keyring_store_async (site, password, 0, NULL, keyring_store_cb,
                             keyring_call_new (self, site));
}

static void
keyring_clear_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KeyringCall) call = user_data;
  g_autoptr(FerrySiteEditor) self = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = ferry_keyring_clear_finish (result, &error);

  self = keyring_call_get_editor (call);
  if (self == NULL)
    return;
  if (ok)
    _ferry_site_editor_set_keyring_state (self, KEYRING_STATE_NONE,
                       _("The saved password was deleted: Ferry asks for it when connecting."));
  else
    _ferry_site_editor_set_keyring_state (self, KEYRING_STATE_UNAVAILABLE, error->message);
}

void
_ferry_site_editor_clear_keyring (FerrySiteEditor *self)
{
  _ferry_site_editor_set_keyring_state (self, KEYRING_STATE_CHECKING, NULL);
  ferry_keyring_clear_async (ferry_site_get_id (self->site), 0, NULL, keyring_clear_cb,
                             keyring_call_new (self, self->site));
}

void
ferry_site_editor_commit_password (FerrySiteEditor *self)
{
  g_autofree char *password = NULL;

  g_return_if_fail (FERRY_IS_SITE_EDITOR (self));

  if (self->site == NULL)
    return;
  password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  if (password[0] != '\0' && ferry_site_get_logon_type (self->site) == FERRY_LOGON_NORMAL
      && self->keyring_state != KEYRING_STATE_UNAVAILABLE)
    _ferry_site_editor_save_password (self, self->site, password);
  /* Emptied without counting as a new edit (no apply button again). */
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->password_row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->password_row), TRUE);
  ferry_password_free (g_steal_pointer (&password));
}

