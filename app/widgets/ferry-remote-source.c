/* ferry-remote-source.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session does the I/O on its worker thread; sorting a listing (which may
 * have 100,000 entries) happens in a GTask thread, so the main loop only
 * receives a finished, sorted model.
 */
#define G_LOG_DOMAIN "ferry-remote-source"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-list-parser.h"
#include "ferry-remote-source.h"

struct _FerryRemoteSource
{
  GObject parent_instance;

  FerrySession *session;
};

static void ferry_remote_source_iface_init (FerryBrowserSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerryRemoteSource, ferry_remote_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FERRY_TYPE_BROWSER_SOURCE,
                                                      ferry_remote_source_iface_init))

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
server_charset (FerryRemoteSource *self)
{
  const char *charset = ferry_session_get_endpoint (self->session)->charset;

  if (charset == NULL || g_ascii_strcasecmp (charset, "UTF-8") == 0 ||
      g_ascii_strcasecmp (charset, "UTF8") == 0)
    return NULL;
  return charset;
}

static char *
decode (FerryRemoteSource *self,
        const char        *bytes)
{
  FerryListContext context = { server_charset (self), 0, NULL };

  return ferry_list_decode_name (bytes, strlen (bytes), &context);
}

/* ---- listing ---- */

static char *
listing_notice (FerryListing *listing)
{
  guint n_warnings = ferry_listing_get_n_warnings (listing);
  const char * const *warnings = ferry_listing_get_warnings (listing);
  g_autoptr(GString) notice = g_string_new (NULL);

  if (n_warnings > 0)
    {
      g_string_append_printf (notice,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u entry of this listing is not shown or may not "
                                           "be usable.",
                                           "%u entries of this listing are not shown or may "
                                           "not be usable.", n_warnings),
                              n_warnings);
      if (warnings != NULL && warnings[0] != NULL)
        g_string_append_printf (notice, " %s", warnings[0]);
    }
  if (ferry_listing_get_possibly_truncated (listing))
    {
      if (notice->len > 0)
        g_string_append_c (notice, ' ');
      g_string_append_printf (notice,
                              _("The server listed exactly %u entries and may have left some "
                                "out. Its administrator can raise that limit."),
                              FERRY_LISTING_SERVER_LIMIT);
    }
  return notice->len > 0 ? g_string_free (g_steal_pointer (&notice), FALSE) : NULL;
}

typedef struct
{
  FerryListing *listing;
  GListModel *sorted;
  char *notice;
} ListData;

static void
list_data_free (ListData *data)
{
  g_clear_object (&data->listing);
  g_clear_object (&data->sorted);
  g_free (data->notice);
  g_free (data);
}

static void
sort_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListData *data = task_data;
  GListModel *model = G_LIST_MODEL (data->listing);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) files = g_ptr_array_new_full (n, g_object_unref);

  /* A finished listing never changes: reading it here is safe. */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (files, g_list_model_get_item (model, i));
  data->sorted = ferry_browser_source_sorted_store (files);
  data->notice = listing_notice (data->listing);
  g_task_return_boolean (task, TRUE);
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  FerryListing *listing = ferry_session_list_finish (FERRY_SESSION (object), result, &error);
  ListData *data;

  if (listing == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = g_new0 (ListData, 1);
  data->listing = listing;
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  g_task_run_in_thread (task, sort_thread);
}

static void
ferry_remote_source_list_async (FerryBrowserSource  *source,
                                const char          *path,
                                gboolean             show_hidden,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  FerryRemoteSource *self = FERRY_REMOTE_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, ferry_remote_source_list_async);
  ferry_session_list_async (self->session, path,
                            show_hidden ? FERRY_LIST_FLAGS_SHOW_HIDDEN : FERRY_LIST_FLAGS_NONE,
                            cancellable, list_done_cb, task);
}

static GListModel *
ferry_remote_source_list_finish (FerryBrowserSource  *source,
                                 GAsyncResult        *result,
                                 char               **notice,
                                 GError             **error)
{
  ListData *data;

  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  if (notice != NULL)
    *notice = g_strdup (data->notice);
  return g_object_ref (data->sorted);
}

static char **
ferry_remote_source_dup_unread_lines (FerryBrowserSource *source,
                                      GAsyncResult       *result,
                                      guint              *n_unread)
{
  ListData *data;

  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (data == NULL || ferry_listing_get_n_unread_lines (data->listing) == 0)
    return NULL;
  *n_unread = ferry_listing_get_n_unread_lines (data->listing);
  return g_strdupv ((char **) ferry_listing_get_unread_lines (data->listing));
}

/* ---- operations ---- */

static void
operation_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!ferry_session_operation_finish (FERRY_SESSION (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static GTask *
operation_task_new (FerryBrowserSource  *source,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (source, cancellable, callback, user_data);

  g_task_set_source_tag (task, operation_task_new);
  return task;
}

static void
ferry_remote_source_mkdir_async (FerryBrowserSource  *source,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  FerryRemoteSource *self = FERRY_REMOTE_SOURCE (source);

  ferry_session_mkdir_async (self->session, path, cancellable, operation_done_cb,
                             operation_task_new (source, cancellable, callback, user_data));
}

typedef struct
{
  char *from;
  char *to;
} RenameData;

static void
rename_data_free (RenameData *data)
{
  g_free (data->from);
  g_free (data->to);
  g_free (data);
}

static void
rename_target_checked_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FerryRemoteSource *self = g_task_get_source_object (task);
  RenameData *data = g_task_get_task_data (task);
  g_autoptr(FerryRemoteFile) existing = NULL;
  g_autoptr(GError) error = NULL;

  existing = ferry_session_stat_finish (FERRY_SESSION (object), result, &error);
  if (existing != NULL)
    {
      g_autofree char *name = decode (self, data->to);

      g_task_return_new_error (task, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                               _("“%s” already exists on the server. Choose another name."),
                               name);
      return;
    }
  /* Only "not there" lets the rename go on. */
  if (!g_error_matches (error, FERRY_ERROR, FERRY_ERROR_NOT_FOUND) &&
      !g_error_matches (error, FERRY_ERROR, FERRY_ERROR_REMOTE))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ferry_session_rename_async (self->session, data->from, data->to,
                              g_task_get_cancellable (task), operation_done_cb,
                              g_object_ref (task));
}

/* RNTO replaces an existing file on most servers: look first (a hidden file
 * that the listing left out is not in the pane's list of taken names). */
static void
ferry_remote_source_rename_async (FerryBrowserSource  *source,
                                  const char          *from,
                                  const char          *to,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  FerryRemoteSource *self = FERRY_REMOTE_SOURCE (source);
  GTask *task = operation_task_new (source, cancellable, callback, user_data);
  RenameData *data = g_new0 (RenameData, 1);

  data->from = g_strdup (from);
  data->to = g_strdup (to);
  g_task_set_task_data (task, data, (GDestroyNotify) rename_data_free);
  /* A change of case only: on a server that ignores case, "to" is "from". */
  if (g_ascii_strcasecmp (from, to) == 0)
    ferry_session_rename_async (self->session, from, to, cancellable, operation_done_cb, task);
  else
    ferry_session_stat_async (self->session, to, cancellable, rename_target_checked_cb, task);
}

static void
ferry_remote_source_delete_async (FerryBrowserSource  *source,
                                  const char          *path,
                                  gboolean             is_folder,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  FerryRemoteSource *self = FERRY_REMOTE_SOURCE (source);

  ferry_session_delete_async (self->session, path, is_folder, TRUE, cancellable,
                              operation_done_cb,
                              operation_task_new (source, cancellable, callback, user_data));
}

static void
ferry_remote_source_chmod_async (FerryBrowserSource  *source,
                                 const char          *path,
                                 guint                mode,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  FerryRemoteSource *self = FERRY_REMOTE_SOURCE (source);

  ferry_session_chmod_async (self->session, path, mode, cancellable, operation_done_cb,
                             operation_task_new (source, cancellable, callback, user_data));
}

static gboolean
ferry_remote_source_operation_finish (FerryBrowserSource  *source,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
ferry_remote_source_supports_chmod (FerryBrowserSource *source)
{
  return TRUE;
}

/* ---- paths ---- */

static char *
ferry_remote_source_dup_home (FerryBrowserSource *source)
{
  FerryRemoteSource *self = FERRY_REMOTE_SOURCE (source);
  char *home = ferry_session_dup_home_directory (self->session);

  return home != NULL && home[0] != '\0' ? home : (g_free (home), g_strdup ("/"));
}

static char *
ferry_remote_source_join (FerryBrowserSource *source,
                          const char         *folder,
                          const char         *name)
{
  if (folder[0] == '\0')
    return g_strdup (name);
  if (g_str_has_suffix (folder, "/"))
    return g_strconcat (folder, name, NULL);
  return g_strconcat (folder, "/", name, NULL);
}

static char *
ferry_remote_source_dup_parent (FerryBrowserSource *source,
                                const char         *path)
{
  g_autofree char *copy = g_strdup (path);
  gsize len = strlen (copy);
  char *slash;

  while (len > 1 && copy[len - 1] == '/')
    copy[--len] = '\0';
  if (g_str_equal (copy, "/") || copy[0] == '\0')
    return NULL;
  slash = strrchr (copy, '/');
  if (slash == NULL)
    return NULL;
  if (slash == copy)
    return g_strdup ("/");
  return g_strndup (copy, slash - copy);
}

static char *
ferry_remote_source_dup_display_path (FerryBrowserSource *source,
                                      const char         *path)
{
  return decode (FERRY_REMOTE_SOURCE (source), path);
}

static char *
ferry_remote_source_dup_display_name (FerryBrowserSource *source,
                                      const char         *path)
{
  FerryRemoteSource *self = FERRY_REMOTE_SOURCE (source);
  g_autofree char *copy = g_strdup (path);
  gsize len = strlen (copy);
  const char *slash;

  while (len > 1 && copy[len - 1] == '/')
    copy[--len] = '\0';
  if (g_str_equal (copy, "/"))
    return g_strdup (ferry_session_get_endpoint (self->session)->host);
  slash = strrchr (copy, '/');
  return decode (self, slash != NULL ? slash + 1 : copy);
}

static const char *
ferry_remote_source_get_icon_name (FerryBrowserSource *source,
                                   const char         *path)
{
  return g_str_equal (path, "/") ? "network-server-symbolic" : NULL;
}

static char *
ferry_remote_source_encode_name (FerryBrowserSource  *source,
                                 const char          *name,
                                 GError             **error)
{
  FerryRemoteSource *self = FERRY_REMOTE_SOURCE (source);
  const char *charset = server_charset (self);
  char *encoded;

  if (strpbrk (name, "\r\n") != NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("Names cannot contain line breaks: FTP cannot send them."));
      return NULL;
    }
  if (charset == NULL)
    return g_strdup (name);
  encoded = g_convert (name, -1, charset, "UTF-8", NULL, NULL, NULL);
  if (encoded == NULL)
    g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                 _("“%s” cannot be written in the server's character set (%s). "
                   "Choose a name with other characters."), name, charset);
  return encoded;
}

static char *
ferry_remote_source_path_from_display (FerryBrowserSource  *source,
                                       const char          *text,
                                       const char          *current_folder,
                                       GError             **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *absolute = NULL;
  g_autofree char *encoded = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GString) path = g_string_new (NULL);

  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("Type the path of a folder on the server, such as /pub."));
      return NULL;
    }
  /* The typed text in the server's bytes; the folders it is relative to are
   * bytes already and are not decoded and encoded again. */
  encoded = ferry_remote_source_encode_name (source, stripped, error);
  if (encoded == NULL)
    return NULL;
  if (encoded[0] == '~' && (encoded[1] == '\0' || encoded[1] == '/'))
    {
      g_autofree char *home = ferry_remote_source_dup_home (source);

      absolute = g_strconcat (home, "/", encoded + 1, NULL);
    }
  else if (encoded[0] == '/')
    absolute = g_strdup (encoded);
  else
    absolute = g_strconcat (current_folder ? current_folder : "/", "/", encoded, NULL);

  /* Resolve "." and ".." and double slashes. */
  parts = g_strsplit (absolute, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || g_str_equal (parts[i], "."))
        continue;
      if (g_str_equal (parts[i], ".."))
        {
          if (kept->len > 0)
            g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, parts[i]);
    }
  for (guint i = 0; i < kept->len; i++)
    {
      g_string_append_c (path, '/');
      g_string_append (path, g_ptr_array_index (kept, i));
    }
  if (path->len == 0)
    g_string_append_c (path, '/');

  return g_string_free (g_steal_pointer (&path), FALSE);
}

static void
ferry_remote_source_iface_init (FerryBrowserSourceInterface *iface)
{
  iface->list_async = ferry_remote_source_list_async;
  iface->list_finish = ferry_remote_source_list_finish;
  iface->dup_unread_lines = ferry_remote_source_dup_unread_lines;
  iface->mkdir_async = ferry_remote_source_mkdir_async;
  iface->rename_async = ferry_remote_source_rename_async;
  iface->delete_async = ferry_remote_source_delete_async;
  iface->chmod_async = ferry_remote_source_chmod_async;
  iface->operation_finish = ferry_remote_source_operation_finish;
  iface->supports_chmod = ferry_remote_source_supports_chmod;
  iface->dup_home = ferry_remote_source_dup_home;
  iface->join = ferry_remote_source_join;
  iface->dup_parent = ferry_remote_source_dup_parent;
  iface->dup_display_path = ferry_remote_source_dup_display_path;
  iface->dup_display_name = ferry_remote_source_dup_display_name;
  iface->get_icon_name = ferry_remote_source_get_icon_name;
  iface->encode_name = ferry_remote_source_encode_name;
  iface->path_from_display = ferry_remote_source_path_from_display;
}

static void
ferry_remote_source_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FerryRemoteSource *self = FERRY_REMOTE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_remote_source_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FerryRemoteSource *self = FERRY_REMOTE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_remote_source_finalize (GObject *object)
{
  FerryRemoteSource *self = FERRY_REMOTE_SOURCE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (ferry_remote_source_parent_class)->finalize (object);
}

static void
ferry_remote_source_class_init (FerryRemoteSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ferry_remote_source_get_property;
  object_class->set_property = ferry_remote_source_set_property;
  object_class->finalize = ferry_remote_source_finalize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FERRY_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_remote_source_init (FerryRemoteSource *self)
{
}

FerryBrowserSource *
ferry_remote_source_new (FerrySession *session)
{
  g_return_val_if_fail (FERRY_IS_SESSION (session), NULL);

  return g_object_new (FERRY_TYPE_REMOTE_SOURCE, "session", session, NULL);
}

FerrySession *
ferry_remote_source_get_session (FerryRemoteSource *self)
{
  g_return_val_if_fail (FERRY_IS_REMOTE_SOURCE (self), NULL);

  return self->session;
}
