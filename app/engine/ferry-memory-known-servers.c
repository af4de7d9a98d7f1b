/* ferry-memory-known-servers.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerryKnownServers kept in memory only: what ferry-cli uses when it is told
 * on its command line which fingerprints to trust, and what tests use.
 */
#define G_LOG_DOMAIN "ferry-memory-known-servers"

#include "config.h"

#include "ferry-memory-known-servers.h"

typedef struct
{
  GPtrArray *pins; /* FerryPin */
  FerrySecurityMode mode;
  FerryResumption resumption;
} Entry;

struct _FerryMemoryKnownServers
{
  GObject parent_instance;

  GMutex mutex;
  GHashTable *entries; /* "host:port" → Entry */
};

static void known_servers_iface_init (FerryKnownServersInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerryMemoryKnownServers, ferry_memory_known_servers, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_KNOWN_SERVERS,
                                                      known_servers_iface_init))

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_ptr_array_unref (entry->pins);
  g_free (entry);
}

static char *
make_key (const char *host,
          guint16     port)
{
  g_autofree char *lower = g_ascii_strdown (host ? host : "", -1);

  return g_strdup_printf ("%s\n%u", lower, port);
}

/* Called with the mutex held. */
static Entry *
lookup_entry (FerryMemoryKnownServers *self,
              const char              *host,
              guint16                  port,
              gboolean                 create)
{
  g_autofree char *key = make_key (host, port);
  Entry *entry = g_hash_table_lookup (self->entries, key);

  if (entry == NULL && create)
    {
      entry = g_new0 (Entry, 1);
      entry->pins = g_ptr_array_new_with_free_func ((GDestroyNotify) ferry_pin_free);
      g_hash_table_insert (self->entries, g_steal_pointer (&key), entry);
    }
  return entry;
}

static GPtrArray *
memory_dup_pins (FerryKnownServers *iface,
                 const char        *host,
                 guint16            port)
{
  FerryMemoryKnownServers *self = FERRY_MEMORY_KNOWN_SERVERS (iface);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) ferry_pin_free);
  Entry *entry;

  g_mutex_lock (&self->mutex);
  entry = lookup_entry (self, host, port, FALSE);
  for (guint i = 0; entry != NULL && i < entry->pins->len; i++)
    g_ptr_array_add (out, ferry_pin_copy (g_ptr_array_index (entry->pins, i)));
  g_mutex_unlock (&self->mutex);
  return out;
}

static void
memory_add_pin (FerryKnownServers *iface,
                const char        *host,
                guint16            port,
                const FerryPin    *pin,
                gboolean           replace)
{
  FerryMemoryKnownServers *self = FERRY_MEMORY_KNOWN_SERVERS (iface);
  Entry *entry;

  g_mutex_lock (&self->mutex);
  entry = lookup_entry (self, host, port, TRUE);
  if (replace)
    g_ptr_array_set_size (entry->pins, 0);
  for (guint i = 0; i < entry->pins->len; i++)
    {
      FerryPin *old = g_ptr_array_index (entry->pins, i);

      if (g_strcmp0 (old->sha256, pin->sha256) == 0)
        {
          g_ptr_array_remove_index (entry->pins, i);
          break;
        }
    }
  g_ptr_array_add (entry->pins, ferry_pin_copy (pin));
  g_mutex_unlock (&self->mutex);
}

static FerrySecurityMode
memory_get_mode (FerryKnownServers *iface,
                 const char        *host,
                 guint16            port)
{
  FerryMemoryKnownServers *self = FERRY_MEMORY_KNOWN_SERVERS (iface);
  FerrySecurityMode mode;
  Entry *entry;

  g_mutex_lock (&self->mutex);
  entry = lookup_entry (self, host, port, FALSE);
  mode = entry ? entry->mode : FERRY_SECURITY_AUTO;
  g_mutex_unlock (&self->mutex);
  return mode;
}

static void
memory_set_mode (FerryKnownServers *iface,
                 const char        *host,
                 guint16            port,
                 FerrySecurityMode  mode)
{
  FerryMemoryKnownServers *self = FERRY_MEMORY_KNOWN_SERVERS (iface);

  g_mutex_lock (&self->mutex);
  lookup_entry (self, host, port, TRUE)->mode = mode;
  g_mutex_unlock (&self->mutex);
}

static FerryResumption
memory_get_resumption (FerryKnownServers *iface,
                       const char        *host,
                       guint16            port)
{
  FerryMemoryKnownServers *self = FERRY_MEMORY_KNOWN_SERVERS (iface);
  FerryResumption resumption;
  Entry *entry;

  g_mutex_lock (&self->mutex);
  entry = lookup_entry (self, host, port, FALSE);
  resumption = entry ? entry->resumption : FERRY_RESUMPTION_UNKNOWN;
  g_mutex_unlock (&self->mutex);
  return resumption;
}

static void
memory_set_resumption (FerryKnownServers *iface,
                       const char        *host,
                       guint16            port,
                       FerryResumption    resumption)
{
  FerryMemoryKnownServers *self = FERRY_MEMORY_KNOWN_SERVERS (iface);

  g_mutex_lock (&self->mutex);
  lookup_entry (self, host, port, TRUE)->resumption = resumption;
  g_mutex_unlock (&self->mutex);
}

static void
known_servers_iface_init (FerryKnownServersInterface *iface)
{
  iface->dup_pins = memory_dup_pins;
  iface->add_pin = memory_add_pin;
  iface->get_mode = memory_get_mode;
  iface->set_mode = memory_set_mode;
  iface->get_resumption = memory_get_resumption;
  iface->set_resumption = memory_set_resumption;
}

static void
ferry_memory_known_servers_finalize (GObject *object)
{
  FerryMemoryKnownServers *self = FERRY_MEMORY_KNOWN_SERVERS (object);

  g_hash_table_unref (self->entries);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (ferry_memory_known_servers_parent_class)->finalize (object);
}

static void
ferry_memory_known_servers_class_init (FerryMemoryKnownServersClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ferry_memory_known_servers_finalize;
}

static void
ferry_memory_known_servers_init (FerryMemoryKnownServers *self)
{
  g_mutex_init (&self->mutex);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
}

FerryKnownServers *
ferry_memory_known_servers_new (void)
{
  return g_object_new (FERRY_TYPE_MEMORY_KNOWN_SERVERS, NULL);
}
