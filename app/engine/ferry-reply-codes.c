/* ferry-reply-codes.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which reply codes can answer which command (RFC 959 §5.4, with RFC 2228,
 * 2389, 2428 and 3659 for the commands they add), so that a stray reply that
 * arrives after a command went out (a late second 226) is not taken as its
 * answer. The table is strict only where the code carries the meaning and
 * Ferry reads it (257 for PWD, 227 for PASV, 213 for SIZE, 331 for USER …);
 * elsewhere any completion is fine, since servers differ (CWD answered 200 or
 * 250, MKD 257 or 250 or 200, SYST 215 or 200, FEAT 211 or a bare 200).
 */
#define G_LOG_DOMAIN "ferry-reply-codes"

#include "config.h"

#include <string.h>

#include "ferry-reply.h"

typedef struct
{
  const char *verb;
  /* The positive (2xx, 3xx) codes that can answer it, separated by spaces;
   * "2xx" is any completion but 225 and 226, which only end a transfer. */
  const char *positive;
} Answers;

/* Sorted by verb. Commands not here (data commands, ABOR, SITE, STAT, a
 * command Ferry does not know) can be answered by any code. */
static const Answers answers[] = {
  { "ACCT", "202 230" },
  { "ADAT", "235 335" },
  { "AUTH", "234 334" },
  { "CCC",  "2xx" },
  { "CDUP", "2xx" },
  { "CWD",  "2xx" },
  { "DELE", "2xx" },
  { "EPRT", "2xx" },
  { "EPSV", "229" },
  { "FEAT", "2xx" },
  { "HELP", "2xx" },
  { "MDTM", "213" },
  { "MFMT", "213" },
  { "MKD",  "2xx" },
  { "MODE", "2xx" },
  { "NOOP", "2xx" },
  { "OPTS", "2xx" },
  { "PASS", "202 230 232 332" },
  { "PASV", "227" },
  { "PBSZ", "2xx" },
  { "PORT", "2xx" },
  { "PROT", "2xx" },
  { "PWD",  "257" },
  { "QUIT", "2xx" },
  { "REST", "350" },
  { "RMD",  "2xx" },
  { "RNFR", "350" },
  { "RNTO", "2xx" },
  { "SIZE", "213" },
  { "STRU", "2xx" },
  { "SYST", "2xx" },
  { "TYPE", "2xx" },
  { "USER", "230 232 331 332" },
  { "XCUP", "2xx" },
  { "XCWD", "2xx" },
  { "XMKD", "2xx" },
  { "XPWD", "257" },
  { "XRMD", "2xx" },
};

static int
compare_verb (const void *key,
              const void *member)
{
  return g_ascii_strcasecmp (key, ((const Answers *) member)->verb);
}

static gboolean
positive_matches (const char *positive,
                  guint       code)
{
  for (const char *p = positive; *p != '\0'; p += (p[3] == ' ') ? 4 : 3)
    {
      if (strncmp (p, "2xx", 3) == 0)
        {
          if (code / 100 == 2 && code != 225 && code != 226)
            return TRUE;
        }
      else if ((guint) ((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0')) == code)
        return TRUE;
    }
  return FALSE;
}

gboolean
ferry_reply_code_can_answer (const char *command,
                             guint       code)
{
  char verb[8];
  gsize len;
  const Answers *row;

  if (command == NULL || code == 421)
    return TRUE;   /* 421 closes the connection, whatever was asked */
  len = strcspn (command, " ");
  if (len == 0 || len >= sizeof verb)
    return TRUE;
  memcpy (verb, command, len);
  verb[len] = '\0';

  row = bsearch (verb, answers, G_N_ELEMENTS (answers), sizeof answers[0], compare_verb);
  if (row == NULL)
    return TRUE;
  switch (code / 100)
    {
    case 1:
      return FALSE;   /* only data commands have a preliminary reply */
    case 2:
    case 3:
      return positive_matches (row->positive, code);
    case 4:
    case 5:
      /* Any failure, but those of a data connection (can't open it, transfer aborted). */
      return code != 425 && code != 426;
    default:
      return TRUE;
    }
}
