/* ferry-known-servers-file.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * known-servers.ini holds one group per server, named "HOST PORT" (the host
 * in lowercase, percent-encoded where a group name could not hold it):
 *
 *   [ftp.example.com 21]
 *   host=ftp.example.com
 *   port=21
 *   mode=implicit
 *   resumption=works
 *   pins=<sha256>;…
 *   pin.<sha256>.subject=CN=ftp.example.com
 *   pin.<sha256>.issuer=CN=Example CA
 *   pin.<sha256>.not-before=2024-01-01T00:00:00Z
 *   pin.<sha256>.not-after=2025-01-01T00:00:00Z
 */
#define G_LOG_DOMAIN "ferry-known-servers-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ferry-config-paths.h"
#include "ferry-error.h"
#include "ferry-known-servers-file.h"
#include "ferry-store-file.h"

#define WHAT "The list of known servers"

struct _FerryKnownServersFile
{
  GObject parent_instance;

  char *path;

  GMutex mutex;           /* guards everything below */
  GKeyFile *cache;        /* the file as last read or written */
  FerryFileStamp stamp;   /* the version @cache came from */
  gboolean loaded;
  gboolean rescue;        /* the file was moved aside: @cache holds what we knew */
  GError *error;          /* the last problem, for take_error() */
};

static void known_servers_iface_init (FerryKnownServersInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerryKnownServersFile, ferry_known_servers_file, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_KNOWN_SERVERS,
                                                      known_servers_iface_init))

enum
{
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  FerryResumption resumption;
  const char *name;
} resumption_names[] = {
  { FERRY_RESUMPTION_UNKNOWN, "unknown" },
  { FERRY_RESUMPTION_WORKS, "works" },
  { FERRY_RESUMPTION_FAILS, "fails" },
};

static char *
group_name (const char *host,
            guint16     port)
{
  g_autofree char *lower = g_ascii_strdown (host ? host : "", -1);
  g_autofree char *escaped = g_uri_escape_string (lower, ":", FALSE);

  return g_strdup_printf ("%s %u", escaped, port);
}

static char *
pin_key (const char *sha256,
         const char *field)
{
  return g_strdup_printf ("pin.%s.%s", sha256, field);
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr (GDateTime) time = NULL;

  if (unix_time == 0)
    return g_strdup ("");
  time = g_date_time_new_from_unix_utc (unix_time);
  if (time == NULL)
    return g_strdup ("");
  return g_date_time_format_iso8601 (time);
}

static gint64
parse_time (const char *text)
{
  g_autoptr (GDateTime) time = NULL;

  if (text == NULL || *text == '\0')
    return 0;
  time = g_date_time_new_from_iso8601 (text, NULL);
  return time ? g_date_time_to_unix (time) : 0;
}

/* Records a problem for take_error(); called with the mutex held. Takes @error. */
static void
record_error (FerryKnownServersFile *self,
              GError                *error)
{
  g_warning ("%s", error->message);
  g_clear_error (&self->error);
  self->error = error;
}

static GKeyFile *
copy_keyfile (GKeyFile *keyfile)
{
  g_autofree char *data = g_key_file_to_data (keyfile, NULL, NULL);
  GKeyFile *copy = g_key_file_new ();

  g_key_file_load_from_data (copy, data, -1,
                             G_KEY_FILE_KEEP_COMMENTS | G_KEY_FILE_KEEP_TRANSLATIONS, NULL);
  return copy;
}

/* Copies the groups of @from that @to lacks (the file was moved aside and
 * started again: what this process knew goes into the new one). */
static void
add_missing_groups (GKeyFile *to,
                    GKeyFile *from)
{
  g_auto (GStrv) groups = g_key_file_get_groups (from, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto (GStrv) keys = NULL;

      if (g_key_file_has_group (to, groups[i]))
        continue;
      keys = g_key_file_get_keys (from, groups[i], NULL, NULL);
      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          g_autofree char *value = g_key_file_get_value (from, groups[i], keys[k], NULL);

          g_key_file_set_value (to, groups[i], keys[k], value);
        }
    }
}

/* Called with the mutex held: reads the file again when another process (or
 * another instance) replaced it. Returns FALSE with @error when reading failed
 * or the file was moved aside. */
static gboolean
refresh (FerryKnownServersFile *self,
         GError               **error)
{
  g_autofree char *problem = NULL;
  FerryFileStamp now, stamp;
  GKeyFile *keyfile;

  ferry_file_stamp_get (self->path, &now);
  if (self->loaded && ferry_file_stamp_equal (&now, &self->stamp))
    return TRUE;

  keyfile = ferry_store_file_load (self->path, WHAT, FALSE, &stamp, &problem, error);
  if (keyfile == NULL)
    {
      /* Unreadable: keep what we knew, and try again once the file changes. */
      self->stamp = now;
      self->loaded = TRUE;
      return FALSE;
    }
  self->loaded = TRUE;
  if (problem != NULL)
    {
      /* Moved aside: keep what this process knew, for the next write. */
      g_key_file_unref (keyfile);
      ferry_file_stamp_get (self->path, &self->stamp);
      self->rescue = TRUE;
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_LOCAL, problem);
      return FALSE;
    }
  g_clear_pointer (&self->cache, g_key_file_unref);
  self->cache = keyfile;
  self->stamp = stamp;
  return TRUE;
}

/* Called with the mutex held, before reading @self->cache. */
static void
refresh_or_warn (FerryKnownServersFile *self)
{
  GError *error = NULL;

  if (!refresh (self, &error))
    record_error (self, error);
}

typedef void (*ModifyFunc) (GKeyFile   *keyfile,
                            const char *group,
                            gpointer    data);

static void
apply (GKeyFile   *keyfile,
       const char *group,
       const char *host,
       guint16     port,
       ModifyFunc  func,
       gpointer    data)
{
  func (keyfile, group, data);
  if (g_key_file_has_group (keyfile, group))
    {
      g_key_file_set_string (keyfile, group, "host", host ? host : "");
      g_key_file_set_integer (keyfile, group, "port", port);
    }
}

/* Called with the mutex held, after refresh(): whether applying @func would
 * leave the file as it is. Sessions report the same facts on every data
 * connection ("resumption works"); writing the file for each of them cost a
 * lock, a re-read and an fsync per file transferred. */
static gboolean
would_change (FerryKnownServersFile *self,
              const char            *group,
              const char            *host,
              guint16                port,
              ModifyFunc             func,
              gpointer               data)
{
  g_autoptr (GKeyFile) probe = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (self->rescue || self->cache == NULL)
    return TRUE;
  before = g_key_file_to_data (self->cache, NULL, NULL);
  probe = copy_keyfile (self->cache);
  apply (probe, group, host, port, func, data);
  after = g_key_file_to_data (probe, NULL, NULL);
  return g_strcmp0 (before, after) != 0;
}

/* Re-reads the file under the lock, applies @func to it and writes it; does
 * nothing when the file (as last seen) already says so. */
static gboolean
modify (FerryKnownServersFile *self,
        const char            *host,
        guint16                port,
        ModifyFunc             func,
        gpointer               data,
        GError               **error)
{
  g_autoptr (FerryFileLock) lock = NULL;
  g_autoptr (GKeyFile) disk = NULL;
  g_autofree char *group = group_name (host, port);
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *problem = NULL;
  GError *local_error = NULL;
  gboolean ok = TRUE;

  g_mutex_lock (&self->mutex);
  refresh_or_warn (self);
  if (!would_change (self, group, host, port, func, data))
    {
      g_mutex_unlock (&self->mutex);
      return TRUE;
    }

  g_mkdir_with_parents (dir, 0700);
  lock = ferry_file_lock_acquire (self->path, FERRY_STORE_FILE_LOCK_TIMEOUT_MS, &local_error);
  if (lock != NULL)
    disk = ferry_store_file_load (self->path, WHAT, TRUE, NULL, &problem, &local_error);
  if (problem != NULL)
    {
      record_error (self, g_error_new_literal (FERRY_ERROR, FERRY_ERROR_LOCAL, problem));
      self->rescue = TRUE;
    }
  if (disk == NULL)
    disk = copy_keyfile (self->cache);
  else if (self->rescue)
    add_missing_groups (disk, self->cache);

  apply (disk, group, host, port, func, data);

  if (local_error == NULL && ferry_store_file_save (self->path, disk, &local_error))
    self->rescue = FALSE;
  if (local_error != NULL)
    {
      ok = FALSE;
      g_prefix_error (&local_error, _("What Ferry learned about %s (port %u) is kept only until "
                                      "it quits: "), host, port);
      if (error != NULL)
        *error = g_error_copy (local_error);
      record_error (self, local_error);
    }

  g_clear_pointer (&self->cache, g_key_file_unref);
  self->cache = g_steal_pointer (&disk);
  /* Under the lock nobody else wrote: this is the version just written. When
   * writing failed, keep the cache until the file changes. */
  ferry_file_stamp_get (self->path, &self->stamp);
  self->loaded = TRUE;
  g_mutex_unlock (&self->mutex);
  return ok;
}

static char **
get_pins_list (GKeyFile   *keyfile,
               const char *group)
{
  char **pins = g_key_file_get_string_list (keyfile, group, "pins", NULL, NULL);

  return pins ? pins : g_new0 (char *, 1);
}

static void
remove_pin_details (GKeyFile   *keyfile,
                    const char *group,
                    const char *sha256)
{
  static const char *fields[] = { "subject", "issuer", "not-before", "not-after" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *key = pin_key (sha256, fields[i]);

      g_key_file_remove_key (keyfile, group, key, NULL);
    }
}

/* FerryKnownServers ------------------------------------------------------------ */

static GPtrArray *
file_dup_pins (FerryKnownServers *iface,
               const char        *host,
               guint16            port)
{
  FerryKnownServersFile *self = FERRY_KNOWN_SERVERS_FILE (iface);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) ferry_pin_free);
  g_autofree char *group = group_name (host, port);
  g_auto (GStrv) pins = NULL;

  g_mutex_lock (&self->mutex);
  refresh_or_warn (self);
  pins = get_pins_list (self->cache, group);
  for (guint i = 0; pins[i] != NULL; i++)
    {
      g_autofree char *subject_key = NULL, *issuer_key = NULL;
      g_autofree char *before_key = NULL, *after_key = NULL;
      g_autofree char *before = NULL, *after = NULL;
      FerryPin *pin = ferry_pin_new (pins[i]);

      if (pin->sha256 == NULL)
        {
          ferry_pin_free (pin);
          continue;
        }
      subject_key = pin_key (pin->sha256, "subject");
      issuer_key = pin_key (pin->sha256, "issuer");
      before_key = pin_key (pin->sha256, "not-before");
      after_key = pin_key (pin->sha256, "not-after");
      pin->subject = g_key_file_get_string (self->cache, group, subject_key, NULL);
      pin->issuer = g_key_file_get_string (self->cache, group, issuer_key, NULL);
      before = g_key_file_get_string (self->cache, group, before_key, NULL);
      after = g_key_file_get_string (self->cache, group, after_key, NULL);
      pin->not_before = parse_time (before);
      pin->not_after = parse_time (after);
      g_ptr_array_add (out, pin);
    }
  g_mutex_unlock (&self->mutex);
  return out;
}

typedef struct
{
  const FerryPin *pin;
  gboolean replace;
} AddPin;

static void
add_pin_func (GKeyFile   *keyfile,
              const char *group,
              gpointer    data)
{
  AddPin *add = data;
  g_auto (GStrv) pins = get_pins_list (keyfile, group);
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  g_autofree char *sha256 = ferry_fingerprint_normalize (add->pin->sha256);
  g_autofree char *not_before = format_time (add->pin->not_before);
  g_autofree char *not_after = format_time (add->pin->not_after);
  g_autofree char *subject_key = NULL, *issuer_key = NULL;
  g_autofree char *before_key = NULL, *after_key = NULL;

  if (sha256 == NULL)
    return;

  for (guint i = 0; pins[i] != NULL; i++)
    {
      if (add->replace || g_ascii_strcasecmp (pins[i], sha256) == 0)
        remove_pin_details (keyfile, group, pins[i]);
      else
        g_ptr_array_add (kept, pins[i]);
    }
  g_ptr_array_add (kept, sha256);
  g_key_file_set_string_list (keyfile, group, "pins", (const char * const *) kept->pdata,
                              kept->len);

  subject_key = pin_key (sha256, "subject");
  issuer_key = pin_key (sha256, "issuer");
  before_key = pin_key (sha256, "not-before");
  after_key = pin_key (sha256, "not-after");
  g_key_file_set_string (keyfile, group, subject_key, add->pin->subject ? add->pin->subject : "");
  g_key_file_set_string (keyfile, group, issuer_key, add->pin->issuer ? add->pin->issuer : "");
  g_key_file_set_string (keyfile, group, before_key, not_before);
  g_key_file_set_string (keyfile, group, after_key, not_after);
}

static void
file_add_pin (FerryKnownServers *iface,
              const char        *host,
              guint16            port,
              const FerryPin    *pin,
              gboolean           replace)
{
  AddPin add = { .pin = pin, .replace = replace };

  modify (FERRY_KNOWN_SERVERS_FILE (iface), host, port, add_pin_func, &add, NULL);
}

static FerrySecurityMode
file_get_mode (FerryKnownServers *iface,
               const char        *host,
               guint16            port)
{
  FerryKnownServersFile *self = FERRY_KNOWN_SERVERS_FILE (iface);
  g_autofree char *group = group_name (host, port);
  g_autofree char *text = NULL;
  FerrySecurityMode mode = FERRY_SECURITY_AUTO;

  g_mutex_lock (&self->mutex);
  refresh_or_warn (self);
  text = g_key_file_get_string (self->cache, group, "mode", NULL);
  g_mutex_unlock (&self->mutex);
  if (!ferry_security_mode_from_string (text, &mode))
    mode = FERRY_SECURITY_AUTO;
  return mode;
}

static void
set_mode_func (GKeyFile   *keyfile,
               const char *group,
               gpointer    data)
{
  FerrySecurityMode mode = GPOINTER_TO_INT (data);

  g_key_file_set_string (keyfile, group, "mode", ferry_security_mode_to_string (mode));
}

static void
file_set_mode (FerryKnownServers *iface,
               const char        *host,
               guint16            port,
               FerrySecurityMode  mode)
{
  modify (FERRY_KNOWN_SERVERS_FILE (iface), host, port, set_mode_func, GINT_TO_POINTER (mode),
          NULL);
}

static FerryResumption
file_get_resumption (FerryKnownServers *iface,
                     const char        *host,
                     guint16            port)
{
  FerryKnownServersFile *self = FERRY_KNOWN_SERVERS_FILE (iface);
  g_autofree char *group = group_name (host, port);
  g_autofree char *text = NULL;

  g_mutex_lock (&self->mutex);
  refresh_or_warn (self);
  text = g_key_file_get_string (self->cache, group, "resumption", NULL);
  g_mutex_unlock (&self->mutex);
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (resumption_names); i++)
    if (g_strcmp0 (text, resumption_names[i].name) == 0)
      return resumption_names[i].resumption;
  return FERRY_RESUMPTION_UNKNOWN;
}

static void
set_resumption_func (GKeyFile   *keyfile,
                     const char *group,
                     gpointer    data)
{
  FerryResumption resumption = GPOINTER_TO_INT (data);

  for (guint i = 0; i < G_N_ELEMENTS (resumption_names); i++)
    if (resumption_names[i].resumption == resumption)
      g_key_file_set_string (keyfile, group, "resumption", resumption_names[i].name);
}

static void
file_set_resumption (FerryKnownServers *iface,
                     const char        *host,
                     guint16            port,
                     FerryResumption    resumption)
{
  modify (FERRY_KNOWN_SERVERS_FILE (iface), host, port, set_resumption_func,
          GINT_TO_POINTER (resumption), NULL);
}

static void
known_servers_iface_init (FerryKnownServersInterface *iface)
{
  iface->dup_pins = file_dup_pins;
  iface->add_pin = file_add_pin;
  iface->get_mode = file_get_mode;
  iface->set_mode = file_set_mode;
  iface->get_resumption = file_get_resumption;
  iface->set_resumption = file_set_resumption;
}

/* Own API ---------------------------------------------------------------------- */

gboolean
ferry_known_servers_file_load (FerryKnownServersFile *self,
                               GError               **error)
{
  gboolean ok;

  g_return_val_if_fail (FERRY_IS_KNOWN_SERVERS_FILE (self), FALSE);

  g_mutex_lock (&self->mutex);
  self->loaded = FALSE;
  ok = refresh (self, error);
  g_mutex_unlock (&self->mutex);
  return ok;
}

static void
forget_func (GKeyFile   *keyfile,
             const char *group,
             gpointer    data)
{
  g_key_file_remove_group (keyfile, group, NULL);
}

gboolean
ferry_known_servers_file_forget (FerryKnownServersFile *self,
                                 const char            *host,
                                 guint16                port,
                                 GError               **error)
{
  g_autofree char *group = group_name (host, port);
  g_return_val_if_fail (FERRY_IS_KNOWN_SERVERS_FILE (self), FALSE);
  return modify (self, host, port, forget_func, NULL, error);
}

/* For g_ptr_array_sort(), which passes pointers to the elements. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char **
ferry_known_servers_file_dup_servers (FerryKnownServersFile *self)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new ();
  g_auto (GStrv) groups = NULL;

  g_return_val_if_fail (FERRY_IS_KNOWN_SERVERS_FILE (self), NULL);

  g_mutex_lock (&self->mutex);
  refresh_or_warn (self);
  groups = g_key_file_get_groups (self->cache, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *host = g_key_file_get_string (self->cache, groups[i], "host", NULL);
      int port = g_key_file_get_integer (self->cache, groups[i], "port", NULL);

      if (host == NULL || port <= 0 || port > G_MAXUINT16)
        continue;
      if (strchr (host, ':') != NULL)
        g_ptr_array_add (out, g_strdup_printf ("[%s]:%d", host, port));
      else
        g_ptr_array_add (out, g_strdup_printf ("%s:%d", host, port));
    }
  g_mutex_unlock (&self->mutex);

  g_ptr_array_sort (out, compare_strings);
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

GError *
ferry_known_servers_file_take_error (FerryKnownServersFile *self)
{
  GError *error;

  g_return_val_if_fail (FERRY_IS_KNOWN_SERVERS_FILE (self), NULL);

  g_mutex_lock (&self->mutex);
  error = g_steal_pointer (&self->error);
  g_mutex_unlock (&self->mutex);
  return error;
}

const char *
ferry_known_servers_file_get_path (FerryKnownServersFile *self)
{
  g_return_val_if_fail (FERRY_IS_KNOWN_SERVERS_FILE (self), NULL);
  return self->path;
}

/* GObject ---------------------------------------------------------------------- */

static void
ferry_known_servers_file_finalize (GObject *object)
{
  FerryKnownServersFile *self = FERRY_KNOWN_SERVERS_FILE (object);

  g_free (self->path);
  g_clear_pointer (&self->cache, g_key_file_unref);
  g_clear_error (&self->error);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (ferry_known_servers_file_parent_class)->finalize (object);
}

static void
ferry_known_servers_file_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  FerryKnownServersFile *self = FERRY_KNOWN_SERVERS_FILE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_known_servers_file_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  FerryKnownServersFile *self = FERRY_KNOWN_SERVERS_FILE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_known_servers_file_class_init (FerryKnownServersFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ferry_known_servers_file_finalize;
  object_class->get_property = ferry_known_servers_file_get_property;
  object_class->set_property = ferry_known_servers_file_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, "The known-servers.ini file", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_known_servers_file_init (FerryKnownServersFile *self)
{
  g_mutex_init (&self->mutex);
  self->cache = g_key_file_new ();
}

FerryKnownServers *
ferry_known_servers_file_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);
  return g_object_new (FERRY_TYPE_KNOWN_SERVERS_FILE, "path", path, NULL);
}

FerryKnownServers *
ferry_known_servers_file_new_default (GError **error)
{
  g_autofree char *path = ferry_config_path ("known-servers.ini", TRUE, error);

  if (path == NULL)
    return NULL;
  return ferry_known_servers_file_new (path);
}
