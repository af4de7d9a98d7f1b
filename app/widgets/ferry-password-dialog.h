/* ferry-password-dialog.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FERRY_TYPE_PASSWORD_DIALOG (ferry_password_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FerryPasswordDialog, ferry_password_dialog,
                      FERRY, PASSWORD_DIALOG, AdwMessageDialog)

/**
 * ferry_password_dialog_ask_async:
 * @parent: (nullable): the window the dialog belongs to (it is modal to it)
 * @user: the user name the password is for
 * @host_port: "host:port" (IPv6 in brackets), as shown to the person
 * @rejected_before: the server refused the password just given (a 530): the
 *   dialog says so ("The server refused the password; enter it again") and
 *   its check offers to update the password saved in the keyring
 * @offer_remember: show the "Remember in the keyring" check (off: a site that
 *   asks every time, or no keyring)
 * @cancellable: (nullable): cancelling closes the dialog
 *
 * Asks for a password in an AdwMessageDialog with a password entry that does
 * not echo what is typed. The answer arrives on the thread-default main
 * context of the caller.
 */
void  ferry_password_dialog_ask_async  (GtkWindow          *parent,
                                        const char         *user,
                                        const char         *host_port,
                                        gboolean            rejected_before,
                                        gboolean            offer_remember,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
/**
 * ferry_password_dialog_ask_finish:
 * @out_remember: (out) (optional): whether the person ticked "Remember in the
 *   keyring" (always FALSE when it was not offered)
 *
 * Returns: (transfer full): the password; wipe and free it with
 *   ferry_password_free() (ferry-keyring.h). NULL with G_IO_ERROR_CANCELLED
 *   when the person cancelled or @cancellable was cancelled.
 */
char *ferry_password_dialog_ask_finish (GAsyncResult *result,
                                        gboolean     *out_remember,
                                        GError      **error);

G_END_DECLS
