/* ferry-session-control.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The control connection, on the worker: a command out (the password masked
 * in the log), a reply in (a 421 or a reply out of step drops the
 * connection), TYPE only when it changes, and the errors made from replies.
 * Replies that are already waiting when a command goes out answer nothing
 * Ferry asked (a second 226, an unasked "200 NOOP ok"): they are read and
 * logged, not taken as the next command's answer. So are those that arrive
 * after it went out with a code that cannot answer it (a late 226 to PWD,
 * ferry-reply-codes.c): the command's own answer is read after them.
 */
#define G_LOG_DOMAIN "ferry-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-session-private.h"

/* How long a reply that has begun to arrive may take to be whole. */
#define STRAY_LINE_WAIT_MS 100
/* At most this many stray replies are read before one command. */
#define STRAY_MAX 16
/* At most this many stray replies are read after one command went out. */
#define LATE_STRAY_MAX 4

/* Reads the complete replies that arrived unasked before a command goes out,
 * and logs them as ignored. Only what is already there: it never waits for
 * a reply that has not begun (one that has not ended in time is left for the
 * command's own read). A stray 421, garbage or a closed connection drop the
 * connection as ferry_ctl_read_reply() would. */
static gboolean
discard_stray_replies (FerrySessionShared *shared,
                       GError            **error)
{
  if (ferry_reply_parser_is_partial (shared->parser))
    return TRUE;
  ferry_conn_pump (shared->control, 0);   /* TLS: a session ticket is not a reply */

  for (guint n = 0; n < STRAY_MAX && shared->control != NULL &&
                    ferry_conn_poll_readable (shared->control, 0); n++)
    {
      gint64 deadline = ferry_deadline_in (STRAY_LINE_WAIT_MS);
      FerryReply *reply = NULL;

      do
        {
          g_autoptr (GError) local_error = NULL;

          if (!ferry_conn_read_line (shared->control, shared->line, FERRY_REPLY_MAX_LINE,
                                     deadline, NULL, &local_error) ||
              !ferry_reply_parser_push_line (shared->parser, shared->line->str,
                                             shared->line->len, &reply, &local_error))
            {
              if (g_error_matches (local_error, FERRY_ERROR, FERRY_ERROR_TIMEOUT))
                return TRUE;   /* not whole yet: the command's own read goes on */
              g_propagate_error (error, g_steal_pointer (&local_error));
              ferry_shared_drop_control (shared);
              return FALSE;
            }
        }
      while (reply == NULL);

      for (guint i = 0; reply->lines[i] != NULL; i++)
        ferry_shared_log (shared, FERRY_LOG_REPLY, "%s", reply->lines[i]);
      if (reply->code == 421)
        {
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_CONNECTION_LOST,
                       _("The server closed the connection (“%s”)."), reply->text);
          ferry_error_set_reply_code (error, reply->code);
          ferry_reply_free (reply);
          ferry_shared_drop_control (shared);
          return FALSE;
        }
      else
        ferry_shared_log (shared, FERRY_LOG_WARNING,
                          _("The server sent a reply nobody asked for (“%s”); Ferry ignored "
                            "it."),
                          reply->text);
      ferry_reply_free (reply);
    }
  return TRUE;
}

/* @expected: replies may already be on their way that belong to the caller
 * (ABOR and its NOOP), so nothing waiting is taken for a stray. */
static gboolean
send_command (FerrySessionShared *shared,
              const char         *command,
              gboolean            expected,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autofree char *line = NULL;
  gsize verb;
  gboolean ok;

  if (shared->control != NULL && !expected && !discard_stray_replies (shared, error))
    return FALSE;

  if (shared->control == NULL)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_NOT_CONNECTED,
                           _("Not connected to the server."));
      return FALSE;
    }

  /* The verb only: the rest of a PASS line is the password. */
  verb = strcspn (command, " ");
  shared->awaiting[0] = '\0';
  if (!expected && verb < sizeof shared->awaiting)
    g_strlcpy (shared->awaiting, command, verb + 1);

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

gboolean
ferry_ctl_send (FerrySessionShared *shared,
                const char         *command,
                GCancellable       *cancellable,
                GError            **error)
{
  return send_command (shared, command, FALSE, cancellable, error);
}

gboolean
ferry_ctl_send_expecting (FerrySessionShared *shared,
                          const char         *command,
                          GCancellable       *cancellable,
                          GError            **error)
{
  return send_command (shared, command, TRUE, cancellable, error);
}

FerryReply *
ferry_ctl_read_reply (FerrySessionShared *shared,
                      guint               timeout_ms,
                      GCancellable       *cancellable,
                      GError            **error)
{
  gint64 deadline = ferry_deadline_in (timeout_ms ? timeout_ms : ferry_shared_reply_timeout (shared));
  guint strays = 0;

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
              ferry_error_set_reply_code (error, reply->code);
              ferry_reply_free (reply);
              ferry_shared_drop_control (shared);
              return NULL;
            }
          if (!ferry_reply_code_can_answer (shared->awaiting, reply->code))
            {
              /* Late: it came after the command went out, but cannot answer it. */
              ferry_shared_log (shared, FERRY_LOG_WARNING,
                                _("The server sent a reply nobody asked for (“%s”); Ferry "
                                  "ignored it."),
                                reply->text);
              if (++strays > LATE_STRAY_MAX)
                {
                  g_set_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL,
                               _("The server keeps sending replies that answer nothing Ferry "
                                 "asked (the last: “%s”); Ferry closed the connection to get "
                                 "back in step."),
                               reply->text);
                  ferry_error_set_reply_code (error, reply->code);
                  ferry_reply_free (reply);
                  ferry_shared_drop_control (shared);
                  return NULL;
                }
              ferry_reply_free (reply);
              continue;
            }
          /* After a preliminary reply, the same command's final one follows. */
          if (ferry_reply_class (reply) != 1)
            shared->awaiting[0] = '\0';
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
  shared->awaiting[0] = '\0';
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
  ferry_error_set_reply_code (error, reply->code);
}
