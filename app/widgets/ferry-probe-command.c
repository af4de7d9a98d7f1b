/* ferry-probe-command.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-probe-command"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "ferry-probe-command.h"

/* Characters that no POSIX shell treats specially inside a word. */
#define SHELL_SAFE_CHARS \
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-"

static gboolean
is_shell_safe (const char *word)
{
  return word[0] != '\0' && strspn (word, SHELL_SAFE_CHARS) == strlen (word);
}

/* TRUE when the user part of @address (before the last '@' of the authority)
 * holds a ':', i.e. a password: `ftp://me:secret@host`, `me:secret@host`. */
static gboolean
has_password (const char *address)
{
  const char *authority = address;
  const char *scheme_end = strstr (address, "://");
  const char *authority_end;
  const char *at = NULL;

  if (scheme_end != NULL)
    authority = scheme_end + 3;

  authority_end = authority + strcspn (authority, "/?#");
  for (const char *p = authority; p < authority_end; p++)
    if (*p == '@')
      at = p;

  return at != NULL && memchr (authority, ':', at - authority) != NULL;
}

char *
ferry_probe_command_build (const char *text,
                           GError    **error)
{
  g_autofree char *address = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  address = g_strstrip (g_strdup (text));

  if (address[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the address of a server, for example "
                             "ftpes://user@ftp.example.org"));
      return NULL;
    }

  for (const char *p = address; *p != '\0'; p++)
    {
      if (g_ascii_iscntrl (*p))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The address contains control characters. "
                                 "Type it again without them."));
          return NULL;
        }
    }

  if (has_password (address))
    {
      /* Never echo the password back: not in the message, not in a command. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Leave the password out of the address: a password "
                             "on a command line ends up in the shell history."));
      return NULL;
    }

  if (is_shell_safe (address))
    return g_strconcat ("ferry-cli probe ", address, NULL);
  else
    {
      g_autofree char *quoted = g_shell_quote (address);

      return g_strconcat ("ferry-cli probe ", quoted, NULL);
    }
}
