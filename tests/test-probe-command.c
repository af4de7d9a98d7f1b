/* test-probe-command.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ferry_probe_command_build(): the command the window shows for an address.
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "ferry-probe-command.h"

typedef struct
{
  const char *text;
  const char *command; /* NULL: refused */
} Case;

static const Case cases[] = {
  { "ftp.example.org", "ferry-cli probe ftp.example.org" },
  { "  ftp.example.org:2121 \n", "ferry-cli probe ftp.example.org:2121" },
  { "ftpes://user@host:port", "ferry-cli probe ftpes://user@host:port" },
  { "ftps://demo@ftp.example.org:990/pub", "ferry-cli probe ftps://demo@ftp.example.org:990/pub" },
  { "me@example.com@ftp.example.com", "ferry-cli probe me@example.com@ftp.example.com" },
  { "ftp://%5Bme%5D@host", "ferry-cli probe ftp://%5Bme%5D@host" },
  /* Anything a shell would read is single-quoted. */
  { "[::1]:21", "ferry-cli probe '[::1]:21'" },
  { "ftp://host/a b", "ferry-cli probe 'ftp://host/a b'" },
  { "ftp://host/it's", "ferry-cli probe 'ftp://host/it'\\''s'" },
  { "host;rm -rf ~", "ferry-cli probe 'host;rm -rf ~'" },
  { "$(reboot)", "ferry-cli probe '$(reboot)'" },
  { "ftp://host/?a=1&b=2", "ferry-cli probe 'ftp://host/?a=1&b=2'" },
  /* A colon after the user part is fine when it is the port or an IPv6 literal. */
  { "user@[2001:db8::1]:21", "ferry-cli probe 'user@[2001:db8::1]:21'" },
  { "ftp://host:21/path:with:colons@x", "ferry-cli probe ftp://host:21/path:with:colons@x" },
  /* Refused. */
  { "", NULL },
  { "   ", NULL },
  { "ftp://me:secret@host", NULL },
  { "me:secret@host", NULL },
  { "ftpes://me:s@cret@host:21", NULL },
  { "host\tname", NULL },
  { "host\x1b[2J", NULL },
};

static void
test_probe_command_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *command = ferry_probe_command_build (cases[i].text, &error);

      g_test_message ("%u: %s", i, cases[i].text);
      g_assert_cmpstr (command, ==, cases[i].command);
      if (cases[i].command == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
          /* A refused password is never repeated in the message. */
          g_assert_null (strstr (error->message, "secret"));
          g_assert_null (strstr (error->message, "cret"));
        }
      else
        g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/widgets/probe-command/table", test_probe_command_table);
  return g_test_run ();
}
