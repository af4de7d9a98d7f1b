/* ferry-cli-sites.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `ferry-cli sites list|add|remove|import|export`, and what `--site NAME`
 * needs from the saved sites.
 */
#pragma once

#include <glib.h>

#include "ferry-endpoint.h"

G_BEGIN_DECLS

/* argv[0] is "sites". Returns the exit code: 0 ok, 2 usage, 7 local error. */
int      ferry_cli_sites_main   (int    argc,
                                 char **argv);

/**
 * ferry_cli_site_resolve:
 * @name_or_id: a saved site's id, "Folder/Name" path or unique name
 * @out_endpoint: (out): where and how to connect
 * @out_password: (out) (optional) (nullable): the saved password, or NULL when
 *   the site asks for it each time, is anonymous, or the keyring has none or
 *   cannot be reached (a warning then goes to stderr): ask the person. Free it
 *   with ferry_password_free() (ferry-keyring.h), which wipes it.
 * @out_remote_dir: (out) (optional) (nullable): the folder to open, or NULL
 *
 * Errors: FERRY_ERROR_INVALID_ARGUMENT when no site (or more than one) has
 * that name; FERRY_ERROR_LOCAL when the site list cannot be read.
 */
gboolean ferry_cli_site_resolve (const char     *name_or_id,
                                 FerryEndpoint **out_endpoint,
                                 char          **out_password,
                                 char          **out_remote_dir,
                                 GError        **error);

/* The listing format named @name (see ferry_server_type_to_string()); FALSE
 * with FERRY_ERROR_INVALID_ARGUMENT naming every valid name otherwise. */
gboolean ferry_cli_parse_server_type (const char      *name,
                                      FerryServerType *out_type,
                                      GError         **error);

G_END_DECLS
