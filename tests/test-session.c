/* test-session.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FerrySession's threading contract, on loopback sockets this test makes
 * itself: cancel during a connect that hangs returns promptly, a refused
 * connection is a clear error, dropping a session while its worker is busy
 * is safe, and results arrive on the calling thread's main context.
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ferry-error.h"
#include "ferry-session.h"

/* A hang guard, not a timing assertion. */
#define HANG_GUARD_US (5 * G_USEC_PER_SEC)

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
  GThread *thread;
} Result;

static void
connect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Result *r = user_data;

  r->ok = ferry_session_connect_finish (FERRY_SESSION (source), result, &r->error);
  r->thread = g_thread_self ();
  r->done = TRUE;
}

static gboolean
run_until_done (Result *r)
{
  gint64 until = g_get_monotonic_time () + HANG_GUARD_US;

  while (!r->done && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  return r->done;
}

/* A listener whose backlog is full: a further connect() hangs in SYN-SENT. */
static int
make_hanging_listener (guint16 *out_port,
                       int      fillers[8])
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (fd, 0), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  *out_port = ntohs (addr.sin_port);

  for (int i = 0; i < 8; i++)
    {
      fillers[i] = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      connect (fillers[i], (struct sockaddr *) &addr, sizeof addr);
    }
  g_usleep (100 * 1000);
  return fd;
}

static FerryEndpoint *
endpoint_for (guint16 port)
{
  FerryEndpoint *ep = ferry_endpoint_new ();

  ep->host = g_strdup ("127.0.0.1");
  ep->port = port;
  ep->security = FERRY_SECURITY_EXPLICIT;
  ep->connect_timeout_ms = 60000;
  return ep;
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_hanging_connect (void)
{
  int fillers[8];
  guint16 port;
  int listener = make_hanging_listener (&port, fillers);
  g_autoptr (FerryEndpoint) ep = endpoint_for (port);
  g_autoptr (FerrySession) session = ferry_session_new (ep, NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Result r = { 0 };

  ferry_session_connect_async (session, cancellable, connect_cb, &r);
  g_timeout_add (300, cancel_cb, cancellable);
  g_assert_true (run_until_done (&r));
  g_assert_false (r.ok);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (r.thread == g_thread_self ());
  g_assert_false (ferry_session_is_connected (session));
  g_clear_error (&r.error);

  for (int i = 0; i < 8; i++)
    close (fillers[i]);
  close (listener);
}

static void
test_connect_refused (void)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  g_autoptr (FerryEndpoint) ep = NULL;
  g_autoptr (FerrySession) session = NULL;
  Result r = { 0 };

  /* A port that was just free and has no listener. */
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  close (fd);

  ep = endpoint_for (ntohs (addr.sin_port));
  session = ferry_session_new (ep, NULL);
  ferry_session_connect_async (session, NULL, connect_cb, &r);
  g_assert_true (run_until_done (&r));
  g_assert_false (r.ok);
  g_assert_error (r.error, FERRY_ERROR, FERRY_ERROR_CONNECT);
  g_assert_nonnull (strstr (r.error->message, "refused"));
  g_clear_error (&r.error);
}

static void
test_drop_session_while_busy (void)
{
  int fillers[8];
  guint16 port;
  int listener = make_hanging_listener (&port, fillers);
  g_autoptr (FerryEndpoint) ep = endpoint_for (port);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  FerrySession *session = ferry_session_new (ep, NULL);
  GWeakRef weak;
  Result r = { 0 };

  g_weak_ref_init (&weak, session);
  ferry_session_connect_async (session, cancellable, connect_cb, &r);
  /* The pending task keeps the session alive; dropping our reference is safe. */
  g_object_unref (session);
  g_timeout_add (200, cancel_cb, cancellable);
  g_assert_true (run_until_done (&r));
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);

  /* The task's reference goes back on this thread: the session finalizes here. */
  {
    gint64 until = g_get_monotonic_time () + HANG_GUARD_US;
    FerrySession *alive;

    while ((alive = g_weak_ref_get (&weak)) != NULL && g_get_monotonic_time () < until)
      {
        g_object_unref (alive);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    g_assert_null (alive);
  }
  g_weak_ref_clear (&weak);

  for (int i = 0; i < 8; i++)
    close (fillers[i]);
  close (listener);
}

static void
test_security_status_before_connect (void)
{
  g_autoptr (FerryEndpoint) ep = endpoint_for (21);
  g_autoptr (FerrySession) session = ferry_session_new (ep, NULL);
  g_autoptr (FerrySecurityStatus) st = ferry_session_dup_security_status (session);

  g_assert_cmpint (st->control, ==, FERRY_CONTROL_CHANNEL_NONE);
  g_assert_false (st->credentials_encrypted);
  g_assert_cmpint (st->data, ==, FERRY_DATA_CHANNEL_NONE);
  g_assert_null (st->certificate);
  g_assert_cmpstr (ferry_session_get_endpoint (session)->host, ==, "127.0.0.1");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/session/cancel-hanging-connect", test_cancel_hanging_connect);
  g_test_add_func ("/session/connect-refused", test_connect_refused);
  g_test_add_func ("/session/drop-while-busy", test_drop_session_while_busy);
  g_test_add_func ("/session/status-before-connect", test_security_status_before_connect);
  return g_test_run ();
}
