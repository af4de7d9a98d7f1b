/* ferry-session-control.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The control connection, on the worker: a command out (the password masked
 * in the log), a reply in (a 421 or a reply out of step drops the
 * connection), TYPE only when it changes, and the errors made from replies.
 */
#define G_LOG_DOMAIN "ferry-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-session-private.h"

gboolean
ferry_ctl_send (FerrySessionShared *shared,
                const char         *command,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autofree char *line = NULL;
  gboolean ok;

  if (shared->control == NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED,
                           _("Not connected to the server."));
      return FALSE;
    }

  if (g_ascii_strncasecmp (command, "PASS ", 5) == 0)
    ferry_shared_log (shared, FERRY_LOG_COMMAND, "PASS ****");
  else
    ferry_shared_log (shared, FERRY_LOG_COMMAND, "%s", command);

  line = g_strconcat (command, "\r\n", NULL);
  ok = ferry_conn_send_all (shared->control, line, strlen (line),
                            ferry_deadline_in (ferry_shared_reply_timeout (shared)), cancellable,
                            error);
  explicit_bzero (line, strlen (line));
  if (!ok)
    ferry_shared_drop_control (shared);
  return ok;
}

FerryReply *
ferry_ctl_read_reply (FerrySessionShared *shared,
                      guint               timeout_ms,
                      GCancellable       *cancellable,
                      GError            **error)
{
  gint64 deadline = ferry_deadline_in (timeout_ms ? timeout_ms : ferry_shared_reply_timeout (shared));

  if (shared->control == NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED,
                           _("Not connected to the server."));
      return NULL;
    }

  for (;;)
    {
      FerryReply *reply = NULL;

      if (!ferry_conn_read_line (shared->control, shared->line, FERRY_REPLY_MAX_LINE, deadline,
                                 cancellable, error) ||
          !ferry_reply_parser_push_line (shared->parser, shared->line->str, shared->line->len,
                                         &reply, error))
        {
          /* Half a reply, no reply or garbage: this connection is out of step. */
          ferry_shared_drop_control (shared);
          return NULL;
        }
      if (reply != NULL)
        {
          for (guint i = 0; reply->lines[i] != NULL; i++)
            ferry_shared_log (shared, FERRY_LOG_REPLY, "%s", reply->lines[i]);
          if (reply->code == 421)
            {
              /* "Service not available, closing control connection". */
              g_set_error (error, FERRY_ERROR, FERRY_ERROR_CONNECTION_LOST,
                           _("The server closed the connection (“%s”)."), reply->text);
              ferry_reply_free (reply);
              ferry_shared_drop_control (shared);
              return NULL;
            }
          return reply;
        }
    }
}

FerryReply *
ferry_ctl_command (FerrySessionShared *shared,
                   const char         *command,
                   GCancellable       *cancellable,
                   GError            **error)
{
  if (!ferry_ctl_send (shared, command, cancellable, error))
    return NULL;
  return ferry_ctl_read_reply (shared, 0, cancellable, error);
}

void
ferry_shared_drop_control (FerrySessionShared *shared)
{
  if (shared->control == NULL)
    return;
  g_clear_pointer (&shared->control, ferry_conn_free);
  ferry_reply_parser_reset (shared->parser);
  shared->type = 0;
  g_mutex_lock (&shared->mutex);
  shared->connected = FALSE;
  g_mutex_unlock (&shared->mutex);
  ferry_shared_security_changed (shared);
}

gboolean
ferry_ctl_set_type (FerrySessionShared *shared,
                    char                type,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autofree char *command = NULL;
  g_autoptr (FerryReply) reply = NULL;

  if (shared->type == type)
    return TRUE;
  command = g_strdup_printf ("TYPE %c", type);
  reply = ferry_ctl_command (shared, command, cancellable, error);
  if (reply == NULL)
    return FALSE;
  if (ferry_reply_class (reply) != 2)
    {
      ferry_set_error_from_reply (error, FERRY_ERROR_REMOTE, _("Setting the transfer type"), reply);
      return FALSE;
    }
  shared->type = type;
  return TRUE;
}

char *
ferry_command_with_path (const char *command,
                         const char *path,
                         GError    **error)
{
  if (path == NULL || path[0] == '\0' || strpbrk (path, "\r\n") != NULL)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_INVALID_ARGUMENT,
                   path && path[0] ? _("The path contains a line break, which FTP cannot send.")
                                   : _("An empty path cannot be sent to the server."));
      return NULL;
    }
  return g_strconcat (command, " ", path, NULL);
}

void
ferry_set_error_from_reply (GError          **error,
                            FerryError        code,
                            const char       *doing,
                            const FerryReply *reply)
{
  g_autofree char *text = g_strjoinv (" ", reply->lines);

  /* Translators: The first %s is what Ferry was doing, such as “Logging in” or “Listing the
   * folder”; the second is the server's reply. */
  g_set_error (error, FERRY_ERROR, code, _("%s failed: the server said “%s”."), doing, text);
}
