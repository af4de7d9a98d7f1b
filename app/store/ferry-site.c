/* ferry-site.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-site"

#include "config.h"

#include <string.h>

#include "ferry-engine-enums.h"
#include "ferry-site.h"
#include "ferry-store-enums.h"

struct _FerrySite
{
  GObject parent_instance;

  char *id;
  char *name;
  char *folder;
  char *host;
  guint16 port;
  FerryLogonType logon_type;
  char *user;
  FerrySecurityMode security;
  FerryDataProtection data_protection;
  FerryTransferMode transfer_mode;
  gboolean use_ccc;
  FerryTlsVersion min_tls;
  char *remote_dir;
  char *local_dir;
  char *charset;
  int timezone_offset;
  FerryServerType server_type;
  char *comments;
  guint parallel_transfers;
};

G_DEFINE_FINAL_TYPE (FerrySite, ferry_site, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_FOLDER,
  PROP_HOST,
  PROP_PORT,
  PROP_LOGON_TYPE,
  PROP_USER,
  PROP_SECURITY,
  PROP_DATA_PROTECTION,
  PROP_TRANSFER_MODE,
  PROP_USE_CCC,
  PROP_MIN_TLS,
  PROP_REMOTE_DIR,
  PROP_LOCAL_DIR,
  PROP_CHARSET,
  PROP_TIMEZONE_OFFSET,
  PROP_SERVER_TYPE,
  PROP_COMMENTS,
  PROP_PARALLEL_TRANSFERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  FerryLogonType logon;
  const char *name;
} logon_names[] = {
  { FERRY_LOGON_NORMAL, "normal" },
  { FERRY_LOGON_ANONYMOUS, "anonymous" },
  { FERRY_LOGON_ASK, "ask" },
};

const char *
ferry_logon_type_to_string (FerryLogonType logon)
{
  for (guint i = 0; i < G_N_ELEMENTS (logon_names); i++)
    if (logon_names[i].logon == logon)
      return logon_names[i].name;
  return "normal";
}

gboolean
ferry_logon_type_from_string (const char     *text,
                              FerryLogonType *out_logon)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (logon_names); i++)
    if (g_ascii_strcasecmp (text, logon_names[i].name) == 0)
      {
        *out_logon = logon_names[i].logon;
        return TRUE;
      }
  return FALSE;
}

/* Folder paths ----------------------------------------------------------- */

char *
ferry_folder_path_normalize (const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path ? path : "", "/", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));

      if (*part == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, '/');
      g_string_append (out, part);
    }
  return g_string_free (out, FALSE);
}

char *
ferry_folder_path_join (const char *parent,
                        const char *name)
{
  g_autofree char *joined = NULL;

  if (parent == NULL || *parent == '\0')
    return ferry_folder_path_normalize (name);
  joined = g_strconcat (parent, "/", name, NULL);
  return ferry_folder_path_normalize (joined);
}

gboolean
ferry_folder_path_has_prefix (const char *path,
                              const char *ancestor)
{
  gsize len;

  if (ancestor == NULL || *ancestor == '\0')
    return TRUE;
  if (path == NULL)
    return FALSE;
  len = strlen (ancestor);
  return strncmp (path, ancestor, len) == 0 && (path[len] == '\0' || path[len] == '/');
}

/* The object ------------------------------------------------------------- */

/* Replaces *@field with a copy of @value (NULL becomes "" unless @nullable);
 * returns whether it changed. */
static gboolean
replace_string (char      **field,
                const char *value,
                gboolean    nullable)
{
  if (!nullable && value == NULL)
    value = "";
  if (nullable && value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
set_string_prop (FerrySite  *self,
                 char      **field,
                 const char *value,
                 guint       prop)
{
  if (replace_string (field, value, prop == PROP_CHARSET))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
ferry_site_finalize (GObject *object)
{
  FerrySite *self = FERRY_SITE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->folder);
  g_free (self->host);
  g_free (self->user);
  g_free (self->remote_dir);
  g_free (self->local_dir);
  g_free (self->charset);
  g_free (self->comments);
  G_OBJECT_CLASS (ferry_site_parent_class)->finalize (object);
}

static void
ferry_site_constructed (GObject *object)
{
  FerrySite *self = FERRY_SITE (object);

  G_OBJECT_CLASS (ferry_site_parent_class)->constructed (object);
  if (self->id == NULL || !g_uuid_string_is_valid (self->id))
    {
      g_free (self->id);
      self->id = g_uuid_string_random ();
    }
}

static void
ferry_site_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FerrySite *self = FERRY_SITE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_LOGON_TYPE:
      g_value_set_enum (value, self->logon_type);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_SECURITY:
      g_value_set_enum (value, self->security);
      break;
    case PROP_DATA_PROTECTION:
      g_value_set_enum (value, self->data_protection);
      break;
    case PROP_TRANSFER_MODE:
      g_value_set_enum (value, self->transfer_mode);
      break;
    case PROP_USE_CCC:
      g_value_set_boolean (value, self->use_ccc);
      break;
    case PROP_MIN_TLS:
      g_value_set_enum (value, self->min_tls);
      break;
    case PROP_REMOTE_DIR:
      g_value_set_string (value, self->remote_dir);
      break;
    case PROP_LOCAL_DIR:
      g_value_set_string (value, self->local_dir);
      break;
    case PROP_CHARSET:
      g_value_set_string (value, self->charset);
      break;
    case PROP_TIMEZONE_OFFSET:
      g_value_set_int (value, self->timezone_offset);
      break;
    case PROP_SERVER_TYPE:
      g_value_set_enum (value, self->server_type);
      break;
    case PROP_COMMENTS:
      g_value_set_string (value, self->comments);
      break;
    case PROP_PARALLEL_TRANSFERS:
      g_value_set_uint (value, self->parallel_transfers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_site_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  FerrySite *self = FERRY_SITE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      ferry_site_set_name (self, g_value_get_string (value));
      break;
    case PROP_FOLDER:
      ferry_site_set_folder (self, g_value_get_string (value));
      break;
    case PROP_HOST:
      ferry_site_set_host (self, g_value_get_string (value));
      break;
    case PROP_PORT:
      ferry_site_set_port (self, g_value_get_uint (value));
      break;
    case PROP_LOGON_TYPE:
      ferry_site_set_logon_type (self, g_value_get_enum (value));
      break;
    case PROP_USER:
      ferry_site_set_user (self, g_value_get_string (value));
      break;
    case PROP_SECURITY:
      ferry_site_set_security (self, g_value_get_enum (value));
      break;
    case PROP_DATA_PROTECTION:
      ferry_site_set_data_protection (self, g_value_get_enum (value));
      break;
    case PROP_TRANSFER_MODE:
      ferry_site_set_transfer_mode (self, g_value_get_enum (value));
      break;
    case PROP_USE_CCC:
      ferry_site_set_use_ccc (self, g_value_get_boolean (value));
      break;
    case PROP_MIN_TLS:
      ferry_site_set_min_tls (self, g_value_get_enum (value));
      break;
    case PROP_REMOTE_DIR:
      ferry_site_set_remote_dir (self, g_value_get_string (value));
      break;
    case PROP_LOCAL_DIR:
      ferry_site_set_local_dir (self, g_value_get_string (value));
      break;
    case PROP_CHARSET:
      ferry_site_set_charset (self, g_value_get_string (value));
      break;
    case PROP_TIMEZONE_OFFSET:
      ferry_site_set_timezone_offset (self, g_value_get_int (value));
      break;
    case PROP_SERVER_TYPE:
      ferry_site_set_server_type (self, g_value_get_enum (value));
      break;
    case PROP_COMMENTS:
      ferry_site_set_comments (self, g_value_get_string (value));
      break;
    case PROP_PARALLEL_TRANSFERS:
      ferry_site_set_parallel_transfers (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_site_class_init (FerrySiteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_site_finalize;
  object_class->constructed = ferry_site_constructed;
  object_class->get_property = ferry_site_get_property;
  object_class->set_property = ferry_site_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, "A UUID, given when the site is created", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, "The name people see", "", flags);
  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, "The folder path, \"\" at the top", "", flags);
  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, "Host name or IP literal", "", flags);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, "0: the default port of the mode", 0, G_MAXUINT16, 0, flags);
  properties[PROP_LOGON_TYPE] =
    g_param_spec_enum ("logon-type", NULL, NULL, FERRY_TYPE_LOGON_TYPE, FERRY_LOGON_NORMAL,
                       flags);
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, "The user name", "", flags);
  properties[PROP_SECURITY] =
    g_param_spec_enum ("security", NULL, NULL, FERRY_TYPE_SECURITY_MODE, FERRY_SECURITY_AUTO,
                       flags);
  properties[PROP_DATA_PROTECTION] =
    g_param_spec_enum ("data-protection", NULL, NULL, FERRY_TYPE_DATA_PROTECTION,
                       FERRY_DATA_PROTECTION_PRIVATE, flags);
  properties[PROP_TRANSFER_MODE] =
    g_param_spec_enum ("transfer-mode", NULL, NULL, FERRY_TYPE_TRANSFER_MODE,
                       FERRY_TRANSFER_MODE_PASSIVE, flags);
  properties[PROP_USE_CCC] =
    g_param_spec_boolean ("use-ccc", NULL, "Clear the control channel after login", FALSE,
                          flags);
  properties[PROP_MIN_TLS] =
    g_param_spec_enum ("min-tls", NULL, NULL, FERRY_TYPE_TLS_VERSION, FERRY_TLS_VERSION_1_2,
                       flags);
  properties[PROP_REMOTE_DIR] =
    g_param_spec_string ("remote-dir", NULL, "The remote folder to open", "", flags);
  properties[PROP_LOCAL_DIR] =
    g_param_spec_string ("local-dir", NULL, "The local folder to open", "", flags);
  properties[PROP_CHARSET] =
    g_param_spec_string ("charset", NULL, "NULL: auto", NULL, flags);
  properties[PROP_TIMEZONE_OFFSET] =
    g_param_spec_int ("timezone-offset", NULL, "Minutes added to the server's listing times",
                      -FERRY_SITE_MAX_TIMEZONE_OFFSET, FERRY_SITE_MAX_TIMEZONE_OFFSET, 0, flags);
  properties[PROP_SERVER_TYPE] =
    g_param_spec_enum ("server-type", NULL, "The listing format tried first",
                       FERRY_TYPE_SERVER_TYPE, FERRY_SERVER_TYPE_AUTO, flags);
  properties[PROP_COMMENTS] =
    g_param_spec_string ("comments", NULL, NULL, "", flags);
  properties[PROP_PARALLEL_TRANSFERS] =
    g_param_spec_uint ("parallel-transfers", NULL, "0: the application's preference",
                       0, FERRY_SITE_MAX_PARALLEL_TRANSFERS, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_site_init (FerrySite *self)
{
  self->name = g_strdup ("");
  self->folder = g_strdup ("");
  self->host = g_strdup ("");
  self->user = g_strdup ("");
  self->remote_dir = g_strdup ("");
  self->local_dir = g_strdup ("");
  self->comments = g_strdup ("");
  self->logon_type = FERRY_LOGON_NORMAL;
  self->security = FERRY_SECURITY_AUTO;
  self->data_protection = FERRY_DATA_PROTECTION_PRIVATE;
  self->transfer_mode = FERRY_TRANSFER_MODE_PASSIVE;
  self->min_tls = FERRY_TLS_VERSION_1_2;
}

FerrySite *
ferry_site_new (void)
{
  return g_object_new (FERRY_TYPE_SITE, NULL);
}

FerrySite *
ferry_site_new_with_id (const char *id)
{
  return g_object_new (FERRY_TYPE_SITE, "id", id, NULL);
}

void
ferry_site_assign (FerrySite *self,
                   FerrySite *other)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  g_return_if_fail (FERRY_IS_SITE (other));

  g_object_freeze_notify (G_OBJECT (self));
  ferry_site_set_name (self, other->name);
  ferry_site_set_folder (self, other->folder);
  ferry_site_set_host (self, other->host);
  ferry_site_set_port (self, other->port);
  ferry_site_set_logon_type (self, other->logon_type);
  ferry_site_set_user (self, other->user);
  ferry_site_set_security (self, other->security);
  ferry_site_set_data_protection (self, other->data_protection);
  ferry_site_set_transfer_mode (self, other->transfer_mode);
  ferry_site_set_use_ccc (self, other->use_ccc);
  ferry_site_set_min_tls (self, other->min_tls);
  ferry_site_set_remote_dir (self, other->remote_dir);
  ferry_site_set_local_dir (self, other->local_dir);
  ferry_site_set_charset (self, other->charset);
  ferry_site_set_timezone_offset (self, other->timezone_offset);
  ferry_site_set_server_type (self, other->server_type);
  ferry_site_set_comments (self, other->comments);
  ferry_site_set_parallel_transfers (self, other->parallel_transfers);
  g_object_thaw_notify (G_OBJECT (self));
}

FerrySite *
ferry_site_duplicate (FerrySite *self)
{
  FerrySite *copy;

  g_return_val_if_fail (FERRY_IS_SITE (self), NULL);

  copy = ferry_site_new ();
  ferry_site_assign (copy, self);
  return copy;
}

const char *
ferry_site_get_id (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), NULL);
  return self->id;
}

const char *
ferry_site_get_name (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), NULL);
  return self->name;
}

void
ferry_site_set_name (FerrySite  *self,
                     const char *name)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  set_string_prop (self, &self->name, name, PROP_NAME);
}

const char *
ferry_site_get_folder (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), NULL);
  return self->folder;
}

void
ferry_site_set_folder (FerrySite  *self,
                       const char *folder)
{
  g_autofree char *normalized = ferry_folder_path_normalize (folder);

  g_return_if_fail (FERRY_IS_SITE (self));
  set_string_prop (self, &self->folder, normalized, PROP_FOLDER);
}

const char *
ferry_site_get_host (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), NULL);
  return self->host;
}

void
ferry_site_set_host (FerrySite  *self,
                     const char *host)
{
  g_autofree char *stripped = g_strstrip (g_strdup (host ? host : ""));

  g_return_if_fail (FERRY_IS_SITE (self));
  set_string_prop (self, &self->host, stripped, PROP_HOST);
}

guint16
ferry_site_get_port (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), 0);
  return self->port;
}

void
ferry_site_set_port (FerrySite *self,
                     guint16    port)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  if (self->port == port)
    return;
  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

FerryLogonType
ferry_site_get_logon_type (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), FERRY_LOGON_NORMAL);
  return self->logon_type;
}

void
ferry_site_set_logon_type (FerrySite     *self,
                           FerryLogonType logon)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  if (self->logon_type == logon)
    return;
  self->logon_type = logon;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGON_TYPE]);
}

const char *
ferry_site_get_user (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), NULL);
  return self->user;
}

void
ferry_site_set_user (FerrySite  *self,
                     const char *user)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  set_string_prop (self, &self->user, user, PROP_USER);
}

FerrySecurityMode
ferry_site_get_security (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), FERRY_SECURITY_AUTO);
  return self->security;
}

void
ferry_site_set_security (FerrySite        *self,
                         FerrySecurityMode security)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  if (self->security == security)
    return;
  self->security = security;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECURITY]);
}

FerryDataProtection
ferry_site_get_data_protection (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), FERRY_DATA_PROTECTION_PRIVATE);
  return self->data_protection;
}

void
ferry_site_set_data_protection (FerrySite          *self,
                                FerryDataProtection protection)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  if (self->data_protection == protection)
    return;
  self->data_protection = protection;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_PROTECTION]);
}

FerryTransferMode
ferry_site_get_transfer_mode (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), FERRY_TRANSFER_MODE_PASSIVE);
  return self->transfer_mode;
}

void
ferry_site_set_transfer_mode (FerrySite        *self,
                              FerryTransferMode mode)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  if (self->transfer_mode == mode)
    return;
  self->transfer_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSFER_MODE]);
}

gboolean
ferry_site_get_use_ccc (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), FALSE);
  return self->use_ccc;
}

void
ferry_site_set_use_ccc (FerrySite *self,
                        gboolean   use_ccc)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  use_ccc = !!use_ccc;
  if (self->use_ccc == use_ccc)
    return;
  self->use_ccc = use_ccc;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USE_CCC]);
}

FerryTlsVersion
ferry_site_get_min_tls (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), FERRY_TLS_VERSION_1_2);
  return self->min_tls;
}

void
ferry_site_set_min_tls (FerrySite      *self,
                        FerryTlsVersion version)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  if (self->min_tls == version)
    return;
  self->min_tls = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_TLS]);
}

const char *
ferry_site_get_remote_dir (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), NULL);
  return self->remote_dir;
}

void
ferry_site_set_remote_dir (FerrySite  *self,
                           const char *remote_dir)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  set_string_prop (self, &self->remote_dir, remote_dir, PROP_REMOTE_DIR);
}

const char *
ferry_site_get_local_dir (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), NULL);
  return self->local_dir;
}

void
ferry_site_set_local_dir (FerrySite  *self,
                          const char *local_dir)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  set_string_prop (self, &self->local_dir, local_dir, PROP_LOCAL_DIR);
}

const char *
ferry_site_get_charset (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), NULL);
  return self->charset;
}

void
ferry_site_set_charset (FerrySite  *self,
                        const char *charset)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  set_string_prop (self, &self->charset, charset, PROP_CHARSET);
}

int
ferry_site_get_timezone_offset (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), 0);
  return self->timezone_offset;
}

void
ferry_site_set_timezone_offset (FerrySite *self,
                                int        minutes)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  minutes = CLAMP (minutes, -FERRY_SITE_MAX_TIMEZONE_OFFSET, FERRY_SITE_MAX_TIMEZONE_OFFSET);
  if (self->timezone_offset == minutes)
    return;
  self->timezone_offset = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEZONE_OFFSET]);
}

FerryServerType
ferry_site_get_server_type (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), FERRY_SERVER_TYPE_AUTO);
  return self->server_type;
}

void
ferry_site_set_server_type (FerrySite       *self,
                            FerryServerType  type)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  if (type >= FERRY_SERVER_TYPE_N_TYPES)
    type = FERRY_SERVER_TYPE_AUTO;
  if (self->server_type == type)
    return;
  self->server_type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_TYPE]);
}

const char *
ferry_site_get_comments (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), NULL);
  return self->comments;
}

void
ferry_site_set_comments (FerrySite  *self,
                         const char *comments)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  set_string_prop (self, &self->comments, comments, PROP_COMMENTS);
}

guint
ferry_site_get_parallel_transfers (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), 0);
  return self->parallel_transfers;
}

void
ferry_site_set_parallel_transfers (FerrySite *self,
                                   guint      count)
{
  g_return_if_fail (FERRY_IS_SITE (self));
  count = MIN (count, FERRY_SITE_MAX_PARALLEL_TRANSFERS);
  if (self->parallel_transfers == count)
    return;
  self->parallel_transfers = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARALLEL_TRANSFERS]);
}

char *
ferry_site_dup_path (FerrySite *self)
{
  g_return_val_if_fail (FERRY_IS_SITE (self), NULL);

  if (*self->folder == '\0')
    return g_strdup (self->name);
  return g_strconcat (self->folder, "/", self->name, NULL);
}

FerryEndpoint *
ferry_site_dup_endpoint (FerrySite *self)
{
  FerryEndpoint *endpoint;

  g_return_val_if_fail (FERRY_IS_SITE (self), NULL);

  endpoint = ferry_endpoint_new ();
  endpoint->host = g_strdup (self->host);
  endpoint->port = self->port;
  if (self->logon_type != FERRY_LOGON_ANONYMOUS && *self->user != '\0')
    endpoint->user = g_strdup (self->user);
  endpoint->security = self->security;
  endpoint->data_protection = self->data_protection;
  endpoint->use_ccc = self->use_ccc;
  endpoint->min_tls = self->min_tls;
  endpoint->transfer_mode = self->transfer_mode;
  endpoint->charset = g_strdup (self->charset);
  endpoint->timezone_offset_minutes = self->timezone_offset;
  endpoint->server_type = self->server_type;
  return endpoint;
}

char *
ferry_site_dup_display_address (FerrySite *self)
{
  g_autoptr (FerryEndpoint) endpoint = NULL;
  g_autofree char *host_port = NULL;
  const char *user;

  g_return_val_if_fail (FERRY_IS_SITE (self), NULL);

  endpoint = ferry_site_dup_endpoint (self);
  host_port = ferry_endpoint_dup_host_port (endpoint);
  user = self->logon_type == FERRY_LOGON_ANONYMOUS || *self->user == '\0'
           ? "anonymous" : self->user;
  return g_strdup_printf ("%s@%s", user, host_port);
}
