/* ferry-op-list.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LIST over a data connection, as raw lines.
 */
#define G_LOG_DOMAIN "ferry-op-list"

#include "config.h"

#include <string.h>

#include "ferry-error.h"
#include "ferry-session-private.h"

/* A listing larger than this is not a listing. */
#define MAX_LISTING_BYTES (256 * 1024 * 1024)

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
                           "The folder name contains a line break, which FTP cannot send.");
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
      if (bytes->len + n > MAX_LISTING_BYTES)
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
                       "The folder listing is larger than %u MiB; Ferry stopped reading it.",
                       MAX_LISTING_BYTES / (1024 * 1024));
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
  if (!ferry_data_finish (shared, info, "Listing the folder", cancellable, error))
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
                      "The server closed the listing's data connection without a TLS "
                      "close_notify; the server confirmed the listing, so it is complete.");
  return lines;
}
