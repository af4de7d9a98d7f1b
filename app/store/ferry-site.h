/* ferry-site.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ferry-endpoint.h"

G_BEGIN_DECLS

/**
 * FerryLogonType:
 * @FERRY_LOGON_NORMAL: user name and a password saved in the keyring
 * @FERRY_LOGON_ANONYMOUS: the anonymous login, no password
 * @FERRY_LOGON_ASK: user name saved, the password asked on every connect
 */
typedef enum
{
  FERRY_LOGON_NORMAL,
  FERRY_LOGON_ANONYMOUS,
  FERRY_LOGON_ASK,
} FerryLogonType;

const char *ferry_logon_type_to_string   (FerryLogonType  logon);
gboolean    ferry_logon_type_from_string (const char     *text,
                                          FerryLogonType *out_logon);

/* The largest number of parallel transfers a site may ask for. */
#define FERRY_SITE_MAX_PARALLEL_TRANSFERS 10
/* A server's time-zone offset lies within ±24 hours. */
#define FERRY_SITE_MAX_TIMEZONE_OFFSET (24 * 60)

#define FERRY_TYPE_SITE (ferry_site_get_type ())

G_DECLARE_FINAL_TYPE (FerrySite, ferry_site, FERRY, SITE, GObject)

/**
 * FerrySite:
 * One saved server profile. Everything but the password: that lives in the
 * keyring (see ferry-keyring.h), found by the site's id.
 *
 * The folder is a path of folder names joined by '/' ("Work/Clients"), "" at
 * the top level.
 */
FerrySite          *ferry_site_new                    (void);
FerrySite          *ferry_site_new_with_id            (const char *id);
/* A new site (new id) with the same settings. */
FerrySite          *ferry_site_duplicate              (FerrySite  *self);
/* Copies every setting but the id from @other; notifies what changed. */
void                ferry_site_assign                 (FerrySite  *self,
                                                       FerrySite  *other);

const char         *ferry_site_get_id                 (FerrySite  *self);
const char         *ferry_site_get_name               (FerrySite  *self);
void                ferry_site_set_name               (FerrySite  *self,
                                                       const char *name);
const char         *ferry_site_get_folder             (FerrySite  *self);
void                ferry_site_set_folder             (FerrySite  *self,
                                                       const char *folder);
const char         *ferry_site_get_host               (FerrySite  *self);
void                ferry_site_set_host               (FerrySite  *self,
                                                       const char *host);
guint16             ferry_site_get_port               (FerrySite  *self);
void                ferry_site_set_port               (FerrySite  *self,
                                                       guint16     port);
FerryLogonType      ferry_site_get_logon_type         (FerrySite  *self);
void                ferry_site_set_logon_type         (FerrySite     *self,
                                                       FerryLogonType logon);
const char         *ferry_site_get_user               (FerrySite  *self);
void                ferry_site_set_user               (FerrySite  *self,
                                                       const char *user);
FerrySecurityMode   ferry_site_get_security           (FerrySite  *self);
void                ferry_site_set_security           (FerrySite        *self,
                                                       FerrySecurityMode security);
FerryDataProtection ferry_site_get_data_protection    (FerrySite  *self);
void                ferry_site_set_data_protection    (FerrySite          *self,
                                                       FerryDataProtection protection);
FerryTransferMode   ferry_site_get_transfer_mode      (FerrySite  *self);
void                ferry_site_set_transfer_mode      (FerrySite        *self,
                                                       FerryTransferMode mode);
gboolean            ferry_site_get_use_ccc            (FerrySite  *self);
void                ferry_site_set_use_ccc            (FerrySite  *self,
                                                       gboolean    use_ccc);
FerryTlsVersion     ferry_site_get_min_tls            (FerrySite  *self);
void                ferry_site_set_min_tls            (FerrySite      *self,
                                                       FerryTlsVersion version);
const char         *ferry_site_get_remote_dir         (FerrySite  *self);
void                ferry_site_set_remote_dir         (FerrySite  *self,
                                                       const char *remote_dir);
const char         *ferry_site_get_local_dir          (FerrySite  *self);
void                ferry_site_set_local_dir          (FerrySite  *self,
                                                       const char *local_dir);
/* NULL: auto (UTF-8 when the server offers it); else "UTF-8" or another charset. */
const char         *ferry_site_get_charset            (FerrySite  *self);
void                ferry_site_set_charset            (FerrySite  *self,
                                                       const char *charset);
int                 ferry_site_get_timezone_offset    (FerrySite  *self);
void                ferry_site_set_timezone_offset    (FerrySite  *self,
                                                       int         minutes);
/* The listing format tried first; %FERRY_SERVER_TYPE_AUTO (the default) reads every format. */
FerryServerType     ferry_site_get_server_type        (FerrySite  *self);
void                ferry_site_set_server_type        (FerrySite       *self,
                                                       FerryServerType  type);
const char         *ferry_site_get_comments           (FerrySite  *self);
void                ferry_site_set_comments           (FerrySite  *self,
                                                       const char *comments);
/* 0: the application's preference. */
guint               ferry_site_get_parallel_transfers (FerrySite  *self);
void                ferry_site_set_parallel_transfers (FerrySite  *self,
                                                       guint       count);

/* "Folder/Name", or "Name" at the top level. */
char               *ferry_site_dup_path               (FerrySite  *self);
/* "user@host:port" (port always given; IPv6 in brackets), as in the keyring label. */
char               *ferry_site_dup_display_address    (FerrySite  *self);
/* Where and how to connect, for the engine. The password is not part of it. */
FerryEndpoint      *ferry_site_dup_endpoint           (FerrySite  *self);

/* Folder paths: segments without '/' joined by '/', no empty segments. */
char               *ferry_folder_path_normalize       (const char *path);
char               *ferry_folder_path_join            (const char *parent,
                                                       const char *name);
/* TRUE when @path is @ancestor or lies inside it ("" contains everything). */
gboolean            ferry_folder_path_has_prefix      (const char *path,
                                                       const char *ancestor);

G_END_DECLS
