/* test-queue-error.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FERRY_ERROR carries the server's reply code, and the transfer runner
 * decides what is worth another attempt by that code, never by the words.
 */
#include "config.h"

#include "ferry-error.h"
#include "ferry-transfer-runner-private.h"

static GError *
remote_error (guint reply_code,
              const char *message)
{
  GError *error = NULL;

  g_set_error_literal (&error, FERRY_ERROR, FERRY_ERROR_REMOTE, message);
  ferry_error_set_reply_code (&error, reply_code);
  return error;
}

static void
test_reply_code (void)
{
  g_autoptr (GError) error = remote_error (426, "Lecture échouée");
  g_autoptr (GError) copy = NULL;
  g_autoptr (GError) plain = NULL;
  g_autoptr (GError) other = NULL;
  GError *none = NULL;

  g_assert_cmpuint (ferry_error_get_reply_code (error), ==, 426);
  copy = g_error_copy (error);
  g_assert_cmpuint (ferry_error_get_reply_code (copy), ==, 426);
  g_assert_cmpstr (copy->message, ==, "Lecture échouée");

  /* A FERRY_ERROR nobody set a code on has none. */
  plain = g_error_new_literal (FERRY_ERROR, FERRY_ERROR_REMOTE, "426 in the words only");
  g_assert_cmpuint (ferry_error_get_reply_code (plain), ==, 0);
  g_assert_cmpuint (ferry_error_get_reply_code (NULL), ==, 0);

  /* Other domains have no private data: the setter leaves them alone. */
  other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
  ferry_error_set_reply_code (&other, 421);
  g_assert_cmpuint (ferry_error_get_reply_code (other), ==, 0);
  ferry_error_set_reply_code (&none, 421);
  g_assert_null (none);
  ferry_error_set_reply_code (NULL, 421);
}

static void
test_transient (void)
{
  const struct
  {
    guint reply_code;
    const char *message;
    gboolean transient;
  } cases[] = {
    { 421, "Service indisponible", TRUE },
    { 425, "Impossible d'ouvrir la connexion de données", TRUE },
    { 426, "Transfert interrompu", TRUE },
    { 550, "Permission denied", FALSE },
    /* The words quote a transient code; the code says otherwise. */
    { 550, "Download failed: the server said “426 Failure”.", FALSE },
    { 0, "Download failed: the server said “421 Bye”.", FALSE },
    { 553, "Ne peut pas créer le fichier", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = remote_error (cases[i].reply_code, cases[i].message);

      g_test_message ("case %u: %u %s", i, cases[i].reply_code, cases[i].message);
      g_assert_cmpint (ferry_runner_error_is_transient (error), ==, cases[i].transient);
    }
  {
    g_autoptr (GError) lost = g_error_new_literal (FERRY_ERROR, FERRY_ERROR_CONNECTION_LOST, "");
    g_autoptr (GError) login = g_error_new_literal (FERRY_ERROR, FERRY_ERROR_LOGIN_FAILED, "");
    g_autoptr (GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "426");

    g_assert_true (ferry_runner_error_is_transient (lost));
    g_assert_false (ferry_runner_error_is_transient (login));
    g_assert_false (ferry_runner_error_is_transient (io));
    g_assert_false (ferry_runner_error_is_transient (NULL));
  }
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/queue/error/reply-code", test_reply_code);
  g_test_add_func ("/queue/error/transient", test_transient);
  return g_test_run ();
}
