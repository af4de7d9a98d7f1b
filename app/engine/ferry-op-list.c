/* ferry-op-list.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LIST over a data connection, as raw lines.
 */
#define G_LOG_DOMAIN "ferry-op-list"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-list-parser.h"
#include "ferry-session-private.h"

/* A listing larger than this is not a listing. */
#define MAX_LISTING_BYTES (256 * 1024 * 1024)

/* TRUE, with @error, once a listing has @total bytes more than it may: a
 * listing without end would take all the memory there is. */
static gboolean
listing_too_large (gsize    total,
                   GError **error)
{
  if (total <= MAX_LISTING_BYTES)
    return FALSE;
  g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
               _("The folder listing is larger than %u MiB; Ferry stopped reading it."),
               MAX_LISTING_BYTES / (1024 * 1024));
  return TRUE;
}

char **
ferry_op_list_raw (FerrySessionShared *shared,
                   const char         *path,
                   FerryDataInfo      *info,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autofree char *command = NULL;
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autofree char *buffer = g_malloc (65536);
  FerryConn *data;
  gboolean ok = TRUE;
  char **lines;

  if (path != NULL && strpbrk (path, "\r\n") != NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                           _("The folder name contains a line break, which FTP cannot send."));
      return NULL;
    }
  command = path ? g_strconcat ("LIST ", path, NULL) : g_strdup ("LIST");

  data = ferry_data_open (shared, command, info, cancellable, error);
  if (data == NULL)
    return NULL;

  for (;;)
    {
      gssize n = ferry_conn_recv (data, buffer, 65536,
                                  ferry_deadline_in (ferry_shared_reply_timeout (shared)),
                                  cancellable, error);

      if (n < 0)
        {
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;
      if (listing_too_large (bytes->len + n, error))
        {
          ok = FALSE;
          break;
        }
      g_byte_array_append (bytes, (guint8 *) buffer, n);
    }
  info->clean_close = ferry_conn_was_clean_close (data);
  if (ok && ferry_conn_get_tls (data) != NULL && info->clean_close)
    ferry_conn_bye (data, FALSE, ferry_deadline_in (1000), cancellable, NULL);
  ferry_conn_free (data);

  if (!ok)
    {
      /* The server's final reply may still come; read it so the control
       * connection stays in step. */
      g_autoptr (FerryReply) reply = ferry_ctl_read_reply (shared, 3000, cancellable, NULL);
      return NULL;
    }
  if (!ferry_data_finish (shared, info, _("Listing the folder"), cancellable, error))
    return NULL;

  g_byte_array_append (bytes, (const guint8 *) "", 1);
  {
    g_auto (GStrv) raw = g_strsplit ((const char *) bytes->data, "\n", -1);
    GPtrArray *out = g_ptr_array_new ();

    for (guint i = 0; raw[i] != NULL; i++)
      {
        gsize len = strlen (raw[i]);

        if (len > 0 && raw[i][len - 1] == '\r')
          raw[i][len - 1] = '\0';
        if (raw[i][0] != '\0')
          g_ptr_array_add (out, g_strdup (raw[i]));
      }
    g_ptr_array_add (out, NULL);
    lines = (char **) g_ptr_array_free (out, FALSE);
  }
  if (!info->clean_close && info->protected_)
    ferry_shared_log (shared, FERRY_LOG_STATUS,
                      _("The server closed the listing's data connection without a TLS "
                        "close_notify; the server confirmed the listing, so it is complete."));
  return lines;
}

/* Reads the data connection into @builder; FALSE with @error on failure
 * (the data connection is aborted then). */
static gboolean
read_listing (FerrySessionShared  *shared,
              FerryConn           *data,
              FerryListingBuilder *builder,
              FerryDataInfo       *info,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autofree char *buffer = g_malloc (65536);
  gsize total = 0;

  for (;;)
    {
      gssize n = ferry_conn_recv (data, buffer, 65536,
                                  ferry_deadline_in (ferry_shared_reply_timeout (shared)),
                                  cancellable, error);

      if (n < 0)
        {
          ferry_data_abort (shared, data);
          return FALSE;
        }
      if (n == 0)
        break;
      total += n;
      if (listing_too_large (total, error))
        {
          ferry_data_abort (shared, data);
          return FALSE;
        }
      ferry_listing_builder_push (builder, buffer, n);
    }
  info->clean_close = ferry_conn_was_clean_close (data);
  if (ferry_conn_get_tls (data) != NULL && info->clean_close)
    ferry_conn_bye (data, FALSE, ferry_deadline_in (1000), cancellable, NULL);
  ferry_conn_free (data);
  return ferry_data_finish (shared, info, _("Listing the folder"), cancellable, error);
}

FerryListing *
ferry_op_list (FerrySessionShared *shared,
               const char         *path,
               FerryListFlags      flags,
               GCancellable       *cancellable,
               GError            **error)
{
  const FerryEndpoint *ep = shared->endpoint;
  gboolean mlsd = ferry_feat_has (shared->features, "MLST");
  gboolean hidden = (flags & FERRY_LIST_FLAGS_SHOW_HIDDEN) != 0;
  FerryListContext context = {
    .charset = ep->charset,
    .timezone_offset_minutes = ep->timezone_offset_minutes,
    .server_type = ep->server_type,
  };
  g_autofree char *cwd = ferry_command_with_path ("CWD", path, error);
  g_autoptr (FerryReply) reply = NULL;
  const char *command;

  if (cwd == NULL)
    return NULL;

  /* CWD first, then a listing without arguments: paths with spaces or
   * leading dashes are not taken for options. */
  reply = ferry_ctl_command (shared, cwd, cancellable, error);
  if (reply == NULL)
    return NULL;
  if (ferry_reply_class (reply) != 2)
    {
      g_autofree char *what = g_strdup_printf (_("Opening the folder “%s”"), path);

      ferry_set_error_from_reply (error, FERRY_ERROR_REMOTE, what, reply);
      return NULL;
    }

  command = mlsd ? "MLSD" : (hidden ? "LIST -a" : "LIST");
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr (FerryListingBuilder) builder = ferry_listing_builder_new (path, mlsd, &context);
      g_autoptr (GError) local_error = NULL;
      FerryDataInfo info = { 0 };
      FerryConn *data = ferry_data_open (shared, command, &info, cancellable, &local_error);
      gboolean ok = data != NULL && read_listing (shared, data, builder, &info, cancellable,
                                                  &local_error);

      ferry_data_info_clear (&info);
      if (ok)
        return ferry_listing_builder_finish (g_steal_pointer (&builder));
      if (attempt == 0 && g_str_equal (command, "LIST -a") && shared->control != NULL &&
          g_error_matches (local_error, FERRY_ERROR, FERRY_ERROR_REMOTE))
        {
          ferry_shared_note (shared, _("The server does not accept “LIST -a”; hidden files may "
                                       "be missing from the listing."));
          command = "LIST";
          continue;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_assert_not_reached ();
}
