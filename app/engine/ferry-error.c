/* ferry-error.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FERRY_ERROR carries, next to its code, the FTP reply code of the server's
 * answer it reports, so that callers (the transfer runner's retries) decide
 * by codes and never by the words of a message.
 */
#define G_LOG_DOMAIN "ferry-error"

#include "config.h"

#include "ferry-error.h"

typedef struct
{
  guint reply_code;
} FerryErrorPrivate;

static void
ferry_error_private_init (FerryErrorPrivate *priv)
{
  priv->reply_code = 0;
}

static void
ferry_error_private_copy (const FerryErrorPrivate *src,
                          FerryErrorPrivate       *dest)
{
  dest->reply_code = src->reply_code;
}

static void
ferry_error_private_clear (FerryErrorPrivate *priv)
{
  priv->reply_code = 0;
}

G_DEFINE_EXTENDED_ERROR (FerryError, ferry_error)

guint
ferry_error_get_reply_code (const GError *error)
{
  FerryErrorPrivate *priv;

  if (error == NULL || error->domain != FERRY_ERROR)
    return 0;
  priv = ferry_error_get_private (error);
  return priv != NULL ? priv->reply_code : 0;
}

void
ferry_error_set_reply_code (GError **error,
                            guint    reply_code)
{
  FerryErrorPrivate *priv;

  if (error == NULL || *error == NULL || (*error)->domain != FERRY_ERROR)
    return;
  priv = ferry_error_get_private (*error);
  if (priv != NULL)
    priv->reply_code = reply_code;
}
