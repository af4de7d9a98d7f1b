/* ferry-site-store.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-site-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-config-paths.h"
#include "ferry-error.h"
#include "ferry-keyring.h"
#include "ferry-site-store-private.h"

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerrySiteStore, ferry_site_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum
{
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_FOLDERS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_ferry_site_store_emit_folders_changed (FerrySiteStore *self)
{
  g_signal_emit (self, signals[SIGNAL_FOLDERS_CHANGED], 0);
}

/* GListModel ----------------------------------------------------------------- */

static GType
list_model_get_item_type (GListModel *model)
{
  return FERRY_TYPE_SITE;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return FERRY_SITE_STORE (model)->sites->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  FerrySiteStore *self = FERRY_SITE_STORE (model);

  if (position >= self->sites->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->sites, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

/* Changes ------------------------------------------------------------------ */

void
_ferry_site_store_mark (FerrySiteStore *self,
                        GHashTable     *table,
                        const char     *key)
{
  g_hash_table_insert (table, g_strdup (key), GSIZE_TO_POINTER (++self->generation));
}

static void
site_notify_cb (FerrySite      *site,
                GParamSpec     *pspec,
                FerrySiteStore *self)
{
  if (self->applying)
    return;
  _ferry_site_store_mark (self, self->dirty, ferry_site_get_id (site));
  if (g_strcmp0 (pspec->name, "folder") == 0)
    _ferry_site_store_emit_folders_changed (self);
}

void
_ferry_site_store_append_site (FerrySiteStore *self,
                               FerrySite      *site)
{
  g_ptr_array_add (self->sites, g_object_ref (site));
  g_hash_table_insert (self->by_id, (gpointer) ferry_site_get_id (site), site);
  g_signal_connect_object (site, "notify", G_CALLBACK (site_notify_cb), self, 0);
}

void
_ferry_site_store_remove_site_at (FerrySiteStore *self,
                                  guint           position)
{
  FerrySite *site = g_ptr_array_index (self->sites, position);

  g_signal_handlers_disconnect_by_func (site, site_notify_cb, self);
  g_hash_table_remove (self->by_id, ferry_site_get_id (site));
  g_ptr_array_remove_index (self->sites, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static gboolean
index_of (FerrySiteStore *self,
          FerrySite      *site,
          guint          *out_position)
{
  return g_ptr_array_find (self->sites, site, out_position);
}

/* Sites ---------------------------------------------------------------------- */

void
ferry_site_store_add (FerrySiteStore *self,
                      FerrySite      *site)
{
  const char *id;

  g_return_if_fail (FERRY_IS_SITE_STORE (self));
  g_return_if_fail (FERRY_IS_SITE (site));

  id = ferry_site_get_id (site);
  g_return_if_fail (g_hash_table_lookup (self->by_id, id) == NULL);

  g_hash_table_remove (self->removed, id);
  _ferry_site_store_mark (self, self->dirty, id);
  _ferry_site_store_append_site (self, site);
  g_list_model_items_changed (G_LIST_MODEL (self), self->sites->len - 1, 0, 1);
  _ferry_site_store_emit_folders_changed (self);
}

/* Removes @site from the model; it is deleted from the file with the next save. */
static gboolean
remove_site (FerrySiteStore *self,
             FerrySite      *site)
{
  guint position;

  if (!index_of (self, site, &position))
    return FALSE;
  _ferry_site_store_mark (self, self->removed, ferry_site_get_id (site));
  g_hash_table_remove (self->dirty, ferry_site_get_id (site));
  _ferry_site_store_remove_site_at (self, position);
  return TRUE;
}

static GError *
password_left_error (FerrySite    *site,
                     const GError *error)
{
  g_autofree char *address = ferry_site_dup_display_address (site);

  return g_error_new (error->domain, error->code,
                      _("The site “%s” was deleted, but its password could not be removed from "
                        "the keyring: %s If a password was saved for it, you can remove "
                        "“Ferry: %s” in Passwords and Keys."),
                      ferry_site_get_name (site), error->message, address);
}

typedef struct
{
  FerrySite *site;
  GCancellable *cancellable;
} DeleteData;

static void
delete_data_free (gpointer data)
{
  DeleteData *delete = data;

  g_clear_object (&delete->site);
  g_clear_object (&delete->cancellable);
  g_free (delete);
}

static void
delete_cleared_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  DeleteData *delete = g_task_get_task_data (task);

  if (!ferry_keyring_clear_finish (result, &error))
    g_task_return_error (task, password_left_error (delete->site, error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
delete_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  DeleteData *delete = g_task_get_task_data (task);

  if (!ferry_site_store_save_finish (FERRY_SITE_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  ferry_keyring_clear_async (ferry_site_get_id (delete->site), 0, delete->cancellable,
                             delete_cleared_cb, g_object_ref (task));
}

void
ferry_site_store_delete_async (FerrySiteStore     *self,
                               FerrySite          *site,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  DeleteData *delete;

  g_return_if_fail (FERRY_IS_SITE_STORE (self));
  g_return_if_fail (FERRY_IS_SITE (site));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ferry_site_store_delete_async);
  delete = g_new0 (DeleteData, 1);
  delete->site = g_object_ref (site);
  delete->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, delete, delete_data_free);

  if (!remove_site (self, site))
    {
      g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                               _("The site “%s” is not in the site list."),
                               ferry_site_get_name (site));
      return;
    }
  ferry_site_store_save_async (self, cancellable, delete_saved_cb, g_steal_pointer (&task));
}

gboolean
ferry_site_store_delete_finish (FerrySiteStore *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
ferry_site_store_delete (FerrySiteStore *self,
                         FerrySite      *site,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_autoptr (FerrySite) hold = NULL;
  g_autoptr (GError) keyring_error = NULL;

  g_return_val_if_fail (FERRY_IS_SITE_STORE (self), FALSE);
  g_return_val_if_fail (FERRY_IS_SITE (site), FALSE);

  hold = g_object_ref (site);
  if (!remove_site (self, site))
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                   _("The site “%s” is not in the site list."), ferry_site_get_name (site));
      return FALSE;
    }
  if (!ferry_site_store_save (self, error))
    return FALSE;
  if (!ferry_keyring_clear_sync (ferry_site_get_id (site), 0, cancellable, &keyring_error))
    {
      g_propagate_error (error, password_left_error (site, keyring_error));
      return FALSE;
    }
  return TRUE;
}

FerrySite *
ferry_site_store_get_by_id (FerrySiteStore *self,
                            const char     *id)
{
  g_return_val_if_fail (FERRY_IS_SITE_STORE (self), NULL);
  return id ? g_hash_table_lookup (self->by_id, id) : NULL;
}

FerrySite *
ferry_site_store_lookup (FerrySiteStore *self,
                         const char     *name_or_id,
                         GError        **error)
{
  g_autoptr (GPtrArray) by_path = g_ptr_array_new ();
  g_autoptr (GPtrArray) by_name = g_ptr_array_new ();
  g_autoptr (GString) candidates = g_string_new (NULL);
  GPtrArray *matches;
  FerrySite *site;

  g_return_val_if_fail (FERRY_IS_SITE_STORE (self), NULL);

  if (name_or_id == NULL || *name_or_id == '\0')
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("No site name was given."));
      return NULL;
    }

  site = g_hash_table_lookup (self->by_id, name_or_id);
  if (site != NULL)
    return site;

  for (guint i = 0; i < self->sites->len; i++)
    {
      FerrySite *candidate = g_ptr_array_index (self->sites, i);
      g_autofree char *path = ferry_site_dup_path (candidate);

      if (g_strcmp0 (path, name_or_id) == 0)
        g_ptr_array_add (by_path, candidate);
      if (g_strcmp0 (ferry_site_get_name (candidate), name_or_id) == 0)
        g_ptr_array_add (by_name, candidate);
    }

  matches = by_path->len > 0 ? by_path : by_name;
  if (matches->len == 1)
    return g_ptr_array_index (matches, 0);

  if (matches->len == 0)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                   _("There is no site named “%s”. “ferry-cli sites list” shows the saved sites."),
                   name_or_id);
      return NULL;
    }

  for (guint i = 0; i < matches->len; i++)
    {
      FerrySite *candidate = g_ptr_array_index (matches, i);
      g_autofree char *path = ferry_site_dup_path (candidate);

      g_string_append_printf (candidates, "%s“%s” (%s)", i > 0 ? ", " : "", path,
                              ferry_site_get_id (candidate));
    }
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
               _("%u sites are named “%s”: %s. Give the folder path or the id instead."),
               matches->len, name_or_id, candidates->str);
  return NULL;
}

/* GObject -------------------------------------------------------------------- */

static void
ferry_site_store_dispose (GObject *object)
{
  FerrySiteStore *self = FERRY_SITE_STORE (object);

  for (guint i = 0; i < self->sites->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->sites, i), site_notify_cb,
                                          self);
  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->sites, 0);
  G_OBJECT_CLASS (ferry_site_store_parent_class)->dispose (object);
}

static void
ferry_site_store_finalize (GObject *object)
{
  FerrySiteStore *self = FERRY_SITE_STORE (object);

  g_free (self->path);
  g_ptr_array_unref (self->sites);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->folders);
  g_hash_table_unref (self->dirty);
  g_hash_table_unref (self->removed);
  g_hash_table_unref (self->folders_added);
  g_hash_table_unref (self->folders_removed);
  G_OBJECT_CLASS (ferry_site_store_parent_class)->finalize (object);
}

static void
ferry_site_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FerrySiteStore *self = FERRY_SITE_STORE (object);

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
ferry_site_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FerrySiteStore *self = FERRY_SITE_STORE (object);

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
ferry_site_store_class_init (FerrySiteStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ferry_site_store_dispose;
  object_class->finalize = ferry_site_store_finalize;
  object_class->get_property = ferry_site_store_get_property;
  object_class->set_property = ferry_site_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, "The sites.ini file", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_FOLDERS_CHANGED] =
    g_signal_new ("folders-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ferry_site_store_init (FerrySiteStore *self)
{
  self->sites = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->folders_added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->folders_removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

FerrySiteStore *
ferry_site_store_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);
  return g_object_new (FERRY_TYPE_SITE_STORE, "path", path, NULL);
}

FerrySiteStore *
ferry_site_store_new_default (GError **error)
{
  g_autofree char *path = ferry_config_path ("sites.ini", TRUE, error);

  if (path == NULL)
    return NULL;
  return ferry_site_store_new (path);
}

const char *
ferry_site_store_get_path (FerrySiteStore *self)
{
  g_return_val_if_fail (FERRY_IS_SITE_STORE (self), NULL);
  return self->path;
}
