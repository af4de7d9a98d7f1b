/* fuzz-reply.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the control connection's reply reader, the way
 * ferry_ctl_read_reply() reads: what the server sent goes through a socket
 * pair into FerryConn's line reader (ferry_conn_read_line, at most
 * FERRY_REPLY_MAX_LINE) and from there into FerryReplyParser. The first byte
 * chooses the size of the pieces the bytes arrive in; the rest is the stream.
 * Besides "no crash, no leak, no overflow" it checks what the reader
 * promises: every reply has a code from 100 to 599, its first line begins
 * with the code, a multi-line reply ends at the first line that closes it
 * and not before, its text is valid UTF-8 with one line per line, errors are
 * FERRY_ERROR_PROTOCOL (or the end of the stream) with a message free of
 * control characters, and the stream read in pieces gives the replies it
 * gives read at once. ferry_sanitize_for_display() and
 * ferry_reply_code_can_answer() are checked on the way.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ferry-conn.h"
#include "ferry-error.h"
#include "ferry-reply.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A broken promise: says what, and abort()s so that libFuzzer keeps the
 * input (g_error() traps instead). */
#define fail(...) (g_printerr (__VA_ARGS__), g_printerr ("\n"), abort ())

#define MAX_STREAM (64 * 1024)

typedef struct
{
  GPtrArray *replies; /* FerryReply */
  GError *error;      /* what ended the stream */
  gboolean partial;   /* a multi-line reply was open at the end */
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->replies, g_ptr_array_unref);
  g_clear_error (&outcome->error);
}

static gboolean
has_control_chars (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* TRUE when @line closes a reply with @code: the code and a space, or the code alone. */
static gboolean
closes (const char *line,
        guint       code)
{
  char digits[4];

  g_snprintf (digits, sizeof digits, "%03u", code);
  return strncmp (line, digits, 3) == 0 && (line[3] == ' ' || line[3] == '\0');
}

static void
check_reply (const FerryReply *reply)
{
  g_autoptr(FerryReply) copy = NULL;
  char digits[4];
  guint n_lines;
  guint n_newlines = 0;
  gsize size = 0;

  g_assert_cmpuint (reply->code, >=, 100);
  g_assert_cmpuint (reply->code, <=, 599);
  g_assert_nonnull (reply->lines);
  n_lines = g_strv_length (reply->lines);
  g_assert_cmpuint (n_lines, >=, 1);

  g_snprintf (digits, sizeof digits, "%03u", reply->code);
  g_assert_true (strncmp (reply->lines[0], digits, 3) == 0);
  if (n_lines == 1)
    g_assert_true (closes (reply->lines[0], reply->code));
  else
    {
      g_assert_cmpint (reply->lines[0][3], ==, '-');
      g_assert_true (closes (reply->lines[n_lines - 1], reply->code));
      for (guint i = 1; i + 1 < n_lines; i++)
        g_assert_false (closes (reply->lines[i], reply->code));
    }

  /* Which commands it can answer: any line as the command (here the reply's own
   * first line), and 421 answers every one. */
  (void) ferry_reply_code_can_answer (reply->lines[0], reply->code);
  g_assert_true (ferry_reply_code_can_answer (reply->lines[0], 421));
  g_assert_true (ferry_reply_code_can_answer (NULL, reply->code));
  for (guint i = 0; i < n_lines; i++)
    {
      gsize len = strlen (reply->lines[i]);

      g_assert_null (memchr (reply->lines[i], '\n', len));
      g_assert_cmpuint (len, <=, FERRY_REPLY_MAX_LINE);
      size += len + 1;
    }
  g_assert_cmpuint (size, <=, FERRY_REPLY_MAX_SIZE);

  g_assert_nonnull (reply->text);
  g_assert_true (g_utf8_validate (reply->text, -1, NULL));
  for (const char *p = reply->text; *p != '\0'; p++)
    n_newlines += *p == '\n';
  g_assert_cmpuint (n_newlines, ==, n_lines - 1);

  copy = ferry_reply_copy (reply);
  g_assert_cmpuint (copy->code, ==, reply->code);
  g_assert_cmpstr (copy->text, ==, reply->text);
  g_assert_true (g_strv_equal ((const char * const *) copy->lines,
                               (const char * const *) reply->lines));
}

static void
send_all (int         fd,
          const char *data,
          gsize       len)
{
  while (len > 0)
    {
      ssize_t n = send (fd, data, len, MSG_NOSIGNAL);

      if (n < 0)
        fail ("send: %s", g_strerror (errno));
      data += n;
      len -= n;
    }
}

/* Sends @data to a FerryConn in pieces of @chunk bytes, reading every line
 * that is complete after each piece, until the end of the stream or an error. */
static void
read_stream (const char *data,
             gsize       len,
             gsize       chunk,
             Outcome    *out)
{
  g_autoptr(FerryReplyParser) parser = ferry_reply_parser_new ();
  g_autoptr(GString) line = g_string_new (NULL);
  FerryConn *conn;
  gsize offset = 0;
  int fds[2];

  out->replies = g_ptr_array_new_with_free_func ((GDestroyNotify) ferry_reply_free);
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    fail ("socketpair: %s", g_strerror (errno));
  fcntl (fds[0], F_SETFL, fcntl (fds[0], F_GETFL) | O_NONBLOCK);
  conn = ferry_conn_new_from_fd (fds[0]);

  for (gboolean done = FALSE; !done;)
    {
      gsize n = MIN (chunk, len - offset);

      send_all (fds[1], data + offset, n);
      offset += n;
      if (offset == len)
        shutdown (fds[1], SHUT_WR);

      for (;;)
        {
          g_autoptr(GError) error = NULL;
          FerryReply *reply = NULL;

          /* A deadline in the past: whatever is not there yet times out at once. */
          if (!ferry_conn_read_line (conn, line, FERRY_REPLY_MAX_LINE, 1, NULL, &error))
            {
              if (g_error_matches (error, FERRY_ERROR, FERRY_ERROR_TIMEOUT))
                {
                  /* Only while bytes are still to come. */
                  g_assert_cmpuint (offset, <, len);
                  break;
                }
              out->error = g_steal_pointer (&error);
              done = TRUE;
              break;
            }
          g_assert_null (memchr (line->str, '\n', line->len));
          if (!ferry_reply_parser_push_line (parser, line->str, line->len, &reply, &error))
            {
              g_assert_null (reply);
              g_assert_false (ferry_reply_parser_is_partial (parser));
              g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
              out->error = g_steal_pointer (&error);
              done = TRUE;
              break;
            }
          g_assert_no_error (error);
          if (reply != NULL)
            {
              g_assert_false (ferry_reply_parser_is_partial (parser));
              check_reply (reply);
              g_ptr_array_add (out->replies, reply);
            }
        }
    }

  /* The session drops the connection after an error: the rest is never read. */
  g_assert_nonnull (out->error);
  g_assert_true (out->error->domain == FERRY_ERROR);
  g_assert_true (out->error->code == FERRY_ERROR_PROTOCOL ||
                 out->error->code == FERRY_ERROR_CONNECTION_LOST);
  g_assert_true (g_utf8_validate (out->error->message, -1, NULL));
  g_assert_false (has_control_chars (out->error->message));
  out->partial = ferry_reply_parser_is_partial (parser);

  ferry_conn_free (conn);
  close (fds[1]);
}

static void
check_same (const Outcome *a,
            const Outcome *b)
{
  g_assert_cmpuint (a->replies->len, ==, b->replies->len);
  for (guint i = 0; i < a->replies->len; i++)
    {
      const FerryReply *x = g_ptr_array_index (a->replies, i);
      const FerryReply *y = g_ptr_array_index (b->replies, i);

      g_assert_cmpuint (x->code, ==, y->code);
      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_true (g_strv_equal ((const char * const *) x->lines,
                                   (const char * const *) y->lines));
    }
  g_assert_cmpint (a->error->code, ==, b->error->code);
  g_assert_cmpstr (a->error->message, ==, b->error->message);
  g_assert_cmpint (a->partial, ==, b->partial);
}

static void
check_sanitize (const char *data,
                gsize       len,
                gsize       max_chars)
{
  g_autofree char *shown = ferry_sanitize_for_display (data, len, max_chars);

  g_assert_true (g_utf8_validate (shown, -1, NULL));
  /* Everything that is not printable is escaped, format characters (U+202E) too. */
  for (const char *p = shown; *p != '\0'; p = g_utf8_next_char (p))
    g_assert_true (g_unichar_isprint (g_utf8_get_char (p)));
  if (max_chars > 0)
    g_assert_cmpuint (g_utf8_strlen (shown, -1), <=, max_chars);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  Outcome whole = { 0 };
  Outcome pieces = { 0 };
  const char *stream = (const char *) data + 1;
  gsize len;
  gsize chunk;

  if (size < 1 || size > MAX_STREAM)
    return 0;
  len = size - 1;
  /* Small pieces, or pieces around the longest line a reply may have. */
  if (data[0] & 0x80)
    chunk = 1 + (data[0] & 0x7f) * 97;
  else
    chunk = 1 + (data[0] & 0x3f);
  /* Byte by byte is slow: long streams come in at most 4096 pieces. */
  chunk = MAX (chunk, len / 4096);

  read_stream (stream, len, MAX (len, 1), &whole);
  read_stream (stream, len, chunk, &pieces);
  check_same (&whole, &pieces);

  check_sanitize (stream, len, 0);
  check_sanitize (stream, len, 1 + data[0] % 100);

  outcome_clear (&whole);
  outcome_clear (&pieces);
  return 0;
}
