/* ferry-exists-policy.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "file exists" decision: pure functions, no I/O (the operations gather
 * the facts and act on the answer).
 */
#define G_LOG_DOMAIN "ferry-exists-policy"

#include "config.h"

#include <string.h>

#include "ferry-exists-policy.h"

static const struct
{
  FerryExistsAction action;
  const char *nick;
  FerryTransferFlags flag;
} actions[] = {
  { FERRY_EXISTS_OVERWRITE, "overwrite", FERRY_TRANSFER_FLAGS_OVERWRITE },
  { FERRY_EXISTS_RESUME, "resume", FERRY_TRANSFER_FLAGS_RESUME },
  { FERRY_EXISTS_SKIP, "skip", FERRY_TRANSFER_FLAGS_SKIP_EXISTING },
  { FERRY_EXISTS_RENAME, "rename", FERRY_TRANSFER_FLAGS_RENAME },
  { FERRY_EXISTS_NEWER, "newer", FERRY_TRANSFER_FLAGS_NEWER },
  { FERRY_EXISTS_ASK, "ask", FERRY_TRANSFER_FLAGS_NONE },
};

FerryExistsAction
ferry_exists_action_from_flags (FerryTransferFlags flags)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (actions[i].flag != 0 && (flags & actions[i].flag))
      return actions[i].action;
  return FERRY_EXISTS_ASK;
}

FerryTransferFlags
ferry_exists_action_apply (FerryTransferFlags flags,
                           FerryExistsAction  action)
{
  flags &= ~FERRY_EXISTS_FLAGS_MASK;
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (actions[i].action == action)
      return flags | actions[i].flag;
  return flags;
}

const char *
ferry_exists_action_to_nick (FerryExistsAction action)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (actions[i].action == action)
      return actions[i].nick;
  return "ask";
}

gboolean
ferry_exists_action_from_nick (const char        *nick,
                               FerryExistsAction *out_action)
{
  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (actions); i++)
    if (strcmp (actions[i].nick, nick) == 0)
      {
        *out_action = actions[i].action;
        return TRUE;
      }
  return FALSE;
}

gboolean
ferry_exists_can_resume (const FerryFileFacts *source,
                         const FerryFileFacts *target)
{
  if (!target->exists)
    return FALSE;
  if (source->size < 0 || target->size < 0)
    return TRUE;
  return target->size < source->size;
}

FerryExistsAction
ferry_exists_decide (FerryExistsAction     chosen,
                     const FerryFileFacts *source,
                     const FerryFileFacts *target)
{
  g_return_val_if_fail (source != NULL && target != NULL, FERRY_EXISTS_ASK);

  if (!target->exists)
    return FERRY_EXISTS_OVERWRITE;
  switch (chosen)
    {
    case FERRY_EXISTS_NEWER:
      if (source->mtime != FERRY_EXISTS_MTIME_UNKNOWN &&
          target->mtime != FERRY_EXISTS_MTIME_UNKNOWN && source->mtime > target->mtime)
        return FERRY_EXISTS_OVERWRITE;
      return FERRY_EXISTS_SKIP;
    case FERRY_EXISTS_OVERWRITE:
    case FERRY_EXISTS_RESUME:
    case FERRY_EXISTS_SKIP:
    case FERRY_EXISTS_RENAME:
    case FERRY_EXISTS_ASK:
      return chosen;
    default:
      return FERRY_EXISTS_ASK;
    }
}

/* Where the extension starts in @name (its length when there is none). */
static gsize
extension_start (const char *name)
{
  const char *dot = strrchr (name, '.');
  gsize len = strlen (name);

  /* No dot, a leading dot only, or a trailing dot: no extension. */
  if (dot == NULL || dot == name || dot[1] == '\0')
    return len;
  /* "archive.tar.gz": the ".tar" belongs to the extension. */
  if (dot - name > 4 && g_ascii_strncasecmp (dot - 4, ".tar", 4) == 0 && strlen (dot) <= 5)
    return (gsize) (dot - 4 - name);
  return (gsize) (dot - name);
}

char *
ferry_exists_numbered_name (const char *name,
                            guint       n)
{
  gsize ext;

  g_return_val_if_fail (name != NULL, NULL);

  ext = extension_start (name);
  return g_strdup_printf ("%.*s (%u)%s", (int) ext, name, MAX (n, 1), name + ext);
}
