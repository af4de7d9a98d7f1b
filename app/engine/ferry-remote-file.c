/* ferry-remote-file.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-remote-file"

#include "config.h"

#include "ferry-engine-enums.h"
#include "ferry-list-parser.h"
#include "ferry-remote-file.h"
#include "ferry-remote-file-private.h"

struct _FerryRemoteFile
{
  GObject parent_instance;

  GBytes *raw_name;
  char *name;
  char *collation_key;  /* made on first use, set once with an atomic exchange */
  char *link_target;
  /* Owners, groups and permissions: GRefStrings, shared by copies of an
   * entry (not interned, see set_ref_string()). */
  char *permissions;
  char *owner;
  char *group;
  GDateTime *modified;
  gint64 size;
  guint mode;
  int link_target_kind;
  FerryRemoteFileKind kind;
  gboolean modified_has_time;
  gboolean safe_name;
};

G_DEFINE_FINAL_TYPE (FerryRemoteFile, ferry_remote_file, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RAW_NAME,
  PROP_NAME,
  PROP_KIND,
  PROP_LINK_TARGET,
  PROP_LINK_TARGET_KIND,
  PROP_SIZE,
  PROP_MODIFIED,
  PROP_MODIFIED_HAS_TIME,
  PROP_MODE,
  PROP_PERMISSIONS,
  PROP_OWNER,
  PROP_GROUP,
  PROP_SAFE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ferry_remote_file_finalize (GObject *object)
{
  FerryRemoteFile *self = FERRY_REMOTE_FILE (object);

  g_clear_pointer (&self->raw_name, g_bytes_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->collation_key, g_free);
  g_clear_pointer (&self->link_target, g_free);
  g_clear_pointer (&self->permissions, g_ref_string_release);
  g_clear_pointer (&self->owner, g_ref_string_release);
  g_clear_pointer (&self->group, g_ref_string_release);
  g_clear_pointer (&self->modified, g_date_time_unref);

  G_OBJECT_CLASS (ferry_remote_file_parent_class)->finalize (object);
}

static void
ferry_remote_file_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FerryRemoteFile *self = FERRY_REMOTE_FILE (object);

  switch (prop_id)
    {
    case PROP_RAW_NAME:
      g_value_set_boxed (value, self->raw_name);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_LINK_TARGET:
      g_value_set_string (value, self->link_target);
      break;
    case PROP_LINK_TARGET_KIND:
      g_value_set_int (value, self->link_target_kind);
      break;
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;
    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;
    case PROP_MODIFIED_HAS_TIME:
      g_value_set_boolean (value, self->modified_has_time);
      break;
    case PROP_MODE:
      g_value_set_uint (value, self->mode);
      break;
    case PROP_PERMISSIONS:
      g_value_set_string (value, self->permissions);
      break;
    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;
    case PROP_GROUP:
      g_value_set_string (value, self->group);
      break;
    case PROP_SAFE_NAME:
      g_value_set_boolean (value, self->safe_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_remote_file_class_init (FerryRemoteFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_remote_file_finalize;
  object_class->get_property = ferry_remote_file_get_property;

  properties[PROP_RAW_NAME] =
    g_param_spec_boxed ("raw-name", NULL, NULL, G_TYPE_BYTES, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, FERRY_TYPE_REMOTE_FILE_KIND,
                       FERRY_REMOTE_FILE_KIND_FILE, flags);
  properties[PROP_LINK_TARGET] =
    g_param_spec_string ("link-target", NULL, NULL, NULL, flags);
  properties[PROP_LINK_TARGET_KIND] =
    g_param_spec_int ("link-target-kind", NULL, NULL,
                      -1, FERRY_REMOTE_FILE_KIND_SPECIAL, -1, flags);
  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_MODIFIED] =
    g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_MODIFIED_HAS_TIME] =
    g_param_spec_boolean ("modified-has-time", NULL, NULL, FALSE, flags);
  properties[PROP_MODE] =
    g_param_spec_uint ("mode", NULL, NULL, 0, 07777, 0, flags);
  properties[PROP_PERMISSIONS] =
    g_param_spec_string ("permissions", NULL, NULL, NULL, flags);
  properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, NULL, flags);
  properties[PROP_GROUP] =
    g_param_spec_string ("group", NULL, NULL, NULL, flags);
  properties[PROP_SAFE_NAME] =
    g_param_spec_boolean ("safe-name", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_remote_file_init (FerryRemoteFile *self)
{
  self->size = -1;
  self->link_target_kind = -1;
  self->safe_name = TRUE;
}

/* Replaces a reference-counted string; TRUE when it changed. Not interned:
 * files are made on the session workers and freed on any thread, and with
 * GLib 2.74 an interned string's last release on one thread raced its lookup
 * on another (a use after free inside g_ref_string_release that ASan caught
 * in net-queue). */
static gboolean
set_ref_string (char      **field,
                const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_clear_pointer (field, g_ref_string_release);
  if (value != NULL)
    *field = g_ref_string_new (value);
  return TRUE;
}

FerryRemoteFile *
ferry_remote_file_new (GBytes             *raw_name,
                       const char         *display_name,
                       FerryRemoteFileKind kind)
{
  FerryRemoteFile *self;

  g_return_val_if_fail (raw_name != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (display_name, -1, NULL), NULL);
  g_return_val_if_fail (kind <= FERRY_REMOTE_FILE_KIND_SPECIAL, NULL);

  self = g_object_new (FERRY_TYPE_REMOTE_FILE, NULL);
  self->raw_name = g_bytes_ref (raw_name);
  self->name = g_strdup (display_name);
  self->kind = kind;
  self->safe_name = ferry_remote_name_is_safe (raw_name, NULL);
  return self;
}

FerryRemoteFile *
ferry_remote_file_new_take (GBytes             *raw_name,
                            char               *display_name,
                            FerryRemoteFileKind kind)
{
  FerryRemoteFile *self = g_object_new (FERRY_TYPE_REMOTE_FILE, NULL);

  self->raw_name = g_bytes_ref (raw_name);
  self->name = display_name;
  self->kind = kind;
  self->safe_name = ferry_remote_name_is_safe (raw_name, NULL);
  return self;
}

void
ferry_remote_file_fill (FerryRemoteFile *self,
                        char            *link_target,
                        int              link_target_kind,
                        gint64           size,
                        GDateTime       *modified,
                        gboolean         has_time,
                        guint            mode,
                        const char      *permissions,
                        const char      *owner,
                        const char      *group)
{
  g_free (self->link_target);
  self->link_target = link_target;
  self->link_target_kind = link_target_kind;
  self->size = MAX (size, -1);
  g_clear_pointer (&self->modified, g_date_time_unref);
  self->modified = modified;
  self->modified_has_time = modified != NULL && has_time;
  self->mode = mode & 07777;
  set_ref_string (&self->permissions, permissions);
  set_ref_string (&self->owner, owner);
  set_ref_string (&self->group, group);
}

GBytes *
ferry_remote_file_get_raw_name (FerryRemoteFile *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), NULL);

  return self->raw_name;
}

const char *
ferry_remote_file_get_name (FerryRemoteFile *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), NULL);

  return self->name;
}

FerryRemoteFileKind
ferry_remote_file_get_kind (FerryRemoteFile *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), FERRY_REMOTE_FILE_KIND_FILE);

  return self->kind;
}

const char *
ferry_remote_file_get_link_target (FerryRemoteFile *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), NULL);

  return self->link_target;
}

int
ferry_remote_file_get_link_target_kind (FerryRemoteFile *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), -1);

  return self->link_target_kind;
}

gint64
ferry_remote_file_get_size (FerryRemoteFile *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), -1);

  return self->size;
}

GDateTime *
ferry_remote_file_get_modified (FerryRemoteFile *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), NULL);

  return self->modified;
}

gboolean
ferry_remote_file_get_modified_has_time (FerryRemoteFile *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), FALSE);

  return self->modified_has_time;
}

guint
ferry_remote_file_get_mode (FerryRemoteFile *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), 0);

  return self->mode;
}

const char *
ferry_remote_file_get_permissions (FerryRemoteFile *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), NULL);

  return self->permissions;
}

const char *
ferry_remote_file_get_owner (FerryRemoteFile *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), NULL);

  return self->owner;
}

const char *
ferry_remote_file_get_group (FerryRemoteFile *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), NULL);

  return self->group;
}

gboolean
ferry_remote_file_get_safe_name (FerryRemoteFile *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), FALSE);

  return self->safe_name;
}

const char *
ferry_remote_file_get_collation_key (FerryRemoteFile *self)
{
  char *key;

  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), NULL);

  key = g_atomic_pointer_get (&self->collation_key);
  if (key != NULL)
    return key;

  /* Two threads may both make it; the first one stored wins. */
  key = g_utf8_collate_key_for_filename (self->name, -1);
  if (!g_atomic_pointer_compare_and_exchange (&self->collation_key, NULL, key))
    {
      g_free (key);
      key = g_atomic_pointer_get (&self->collation_key);
    }
  return key;
}

gboolean
ferry_remote_file_is_hidden (FerryRemoteFile *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_FILE (self), FALSE);

  return self->name[0] == '.';
}

void
ferry_remote_file_set_link_target (FerryRemoteFile *self,
                                   const char      *link_target)
{
  g_return_if_fail (FERRY_IS_REMOTE_FILE (self));
  g_return_if_fail (link_target == NULL || g_utf8_validate (link_target, -1, NULL));

  if (g_strcmp0 (self->link_target, link_target) == 0)
    return;
  g_free (self->link_target);
  self->link_target = g_strdup (link_target);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK_TARGET]);
}

void
ferry_remote_file_set_link_target_kind (FerryRemoteFile *self,
                                        int              kind)
{
  g_return_if_fail (FERRY_IS_REMOTE_FILE (self));
  g_return_if_fail (kind >= -1 && kind <= FERRY_REMOTE_FILE_KIND_SPECIAL);

  if (self->link_target_kind == kind)
    return;
  self->link_target_kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK_TARGET_KIND]);
}

void
ferry_remote_file_set_size (FerryRemoteFile *self,
                            gint64           size)
{
  g_return_if_fail (FERRY_IS_REMOTE_FILE (self));

  if (size < -1)
    size = -1;
  if (self->size == size)
    return;
  self->size = size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
}

void
ferry_remote_file_set_modified (FerryRemoteFile *self,
                                GDateTime       *modified,
                                gboolean         has_time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_if_fail (FERRY_IS_REMOTE_FILE (self));

  has_time = modified != NULL && has_time;
  if (modified != NULL)
    utc = g_date_time_get_utc_offset (modified) == 0 ? g_date_time_ref (modified)
                                                     : g_date_time_to_utc (modified);

  if (!(utc == NULL && self->modified == NULL) &&
      (utc == NULL || self->modified == NULL || !g_date_time_equal (utc, self->modified)))
    {
      g_clear_pointer (&self->modified, g_date_time_unref);
      self->modified = g_steal_pointer (&utc);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (self->modified_has_time != has_time)
    {
      self->modified_has_time = has_time;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED_HAS_TIME]);
    }
}

void
ferry_remote_file_set_mode (FerryRemoteFile *self,
                            guint            mode)
{
  g_return_if_fail (FERRY_IS_REMOTE_FILE (self));

  mode &= 07777;
  if (self->mode == mode)
    return;
  self->mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

void
ferry_remote_file_set_permissions (FerryRemoteFile *self,
                                   const char      *permissions)
{
  g_return_if_fail (FERRY_IS_REMOTE_FILE (self));
  g_return_if_fail (permissions == NULL || g_utf8_validate (permissions, -1, NULL));

  if (set_ref_string (&self->permissions, permissions))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERMISSIONS]);
}

void
ferry_remote_file_set_owner (FerryRemoteFile *self,
                             const char      *owner)
{
  g_return_if_fail (FERRY_IS_REMOTE_FILE (self));
  g_return_if_fail (owner == NULL || g_utf8_validate (owner, -1, NULL));

  if (set_ref_string (&self->owner, owner))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER]);
}

void
ferry_remote_file_set_group (FerryRemoteFile *self,
                             const char      *group)
{
  g_return_if_fail (FERRY_IS_REMOTE_FILE (self));
  g_return_if_fail (group == NULL || g_utf8_validate (group, -1, NULL));

  if (set_ref_string (&self->group, group))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
}

void
ferry_remote_file_set_safe_name (FerryRemoteFile *self,
                                 gboolean         safe_name)
{
  g_return_if_fail (FERRY_IS_REMOTE_FILE (self));

  safe_name = !!safe_name;
  if (self->safe_name == safe_name)
    return;
  self->safe_name = safe_name;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAFE_NAME]);
}
