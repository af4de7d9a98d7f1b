/* ferry-keyring.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Site passwords in the keyring (Secret Service, through libsecret). Every
 * call is asynchronous, takes a cancellable and gives up after a time limit:
 * a locked keyring whose unlock prompt nobody answers must never hang Ferry.
 * Whatever goes wrong, the answer for the person is the same: Ferry asks for
 * the password when connecting. Passwords never go to a file or a log.
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "ferry-site.h"

G_BEGIN_DECLS

#define FERRY_KEYRING_SCHEMA_NAME "io.github.ferryapp.Ferry.Password"
/* Long enough for a person to type the keyring's unlock password. */
#define FERRY_KEYRING_DEFAULT_TIMEOUT_MS 60000

/* Attributes: "site-id" (the site's UUID), "host", "port" (integer), "user". */
const SecretSchema *ferry_keyring_get_schema        (void);

/* Saves @password for @site, replacing what was saved for the site's id, as
 * "Ferry: user@host:port". @timeout_ms 0: FERRY_KEYRING_DEFAULT_TIMEOUT_MS. */
void                ferry_keyring_store_async       (FerrySite          *site,
                                                     const char         *password,
                                                     guint               timeout_ms,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean            ferry_keyring_store_finish      (GAsyncResult *result,
                                                     GError      **error);

/* Returns (via _finish) the password saved for @site_id, or NULL without an
 * error when none is saved. Free it with ferry_keyring_password_free(). */
void                ferry_keyring_lookup_async      (const char         *site_id,
                                                     guint               timeout_ms,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
char               *ferry_keyring_lookup_finish     (GAsyncResult *result,
                                                     GError      **error);

/* Deletes what is saved for @site_id; TRUE also when nothing was saved. */
void                ferry_keyring_clear_async       (const char         *site_id,
                                                     guint               timeout_ms,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean            ferry_keyring_clear_finish      (GAsyncResult *result,
                                                     GError      **error);

/* The same, waiting on a private main context: for ferry-cli and tests,
 * never for the UI thread. */
gboolean            ferry_keyring_store_sync        (FerrySite    *site,
                                                     const char   *password,
                                                     guint         timeout_ms,
                                                     GCancellable *cancellable,
                                                     GError      **error);
char               *ferry_keyring_lookup_sync       (const char   *site_id,
                                                     guint         timeout_ms,
                                                     GCancellable *cancellable,
                                                     GError      **error);
gboolean            ferry_keyring_clear_sync        (const char   *site_id,
                                                     guint         timeout_ms,
                                                     GCancellable *cancellable,
                                                     GError      **error);

/* Wipes and frees a password returned by ferry_keyring_lookup_*(). */
void                ferry_keyring_password_free     (char *password);
/* Wipes and frees a password Ferry allocated itself (g_malloc). */
void                ferry_password_free             (char *password);

G_END_DECLS
