/* ferry-prompt.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-prompt"

#include "config.h"

#include "ferry-prompt.h"

struct _FerryPromptWait
{
  gint ref_count;
  GMutex mutex;
  GCond cond;
  gboolean answered;
  FerryPromptAnswer answer;
};

struct _FerryPrompt
{
  GObject parent_instance;

  FerryPromptKind kind;
  char *host;
  guint16 port;
  char *message;
  FerryCertificate *certificate;
  FerryCertificateProblems problems;
  char **problem_texts;
  char *tls_version;
  char *cipher;
  char *key_exchange;
  char *mac;
  GPtrArray *previous_pins;
  gboolean downgrade_warning;

  FerryPromptWait *wait;
};

G_DEFINE_FINAL_TYPE (FerryPrompt, ferry_prompt, G_TYPE_OBJECT)

FerryPromptWait *
ferry_prompt_wait_ref (FerryPromptWait *wait)
{
  g_atomic_int_inc (&wait->ref_count);
  return wait;
}

void
ferry_prompt_wait_unref (FerryPromptWait *wait)
{
  if (wait == NULL || !g_atomic_int_dec_and_test (&wait->ref_count))
    return;
  g_mutex_clear (&wait->mutex);
  g_cond_clear (&wait->cond);
  g_free (wait);
}

static void
wait_answer (FerryPromptWait  *wait,
             FerryPromptAnswer answer)
{
  g_mutex_lock (&wait->mutex);
  if (!wait->answered)
    {
      wait->answered = TRUE;
      wait->answer = answer;
      g_cond_broadcast (&wait->cond);
    }
  g_mutex_unlock (&wait->mutex);
}

FerryPromptAnswer
ferry_prompt_wait_answer (FerryPromptWait *wait,
                          GCancellable    *cancellable)
{
  FerryPromptAnswer answer;

  g_mutex_lock (&wait->mutex);
  while (!wait->answered)
    {
      /* Wake up now and then to notice cancellation. */
      gint64 until = g_get_monotonic_time () + 100 * G_TIME_SPAN_MILLISECOND;

      if (g_cancellable_is_cancelled (cancellable))
        {
          wait->answered = TRUE;
          wait->answer = FERRY_PROMPT_ANSWER_REJECT;
          break;
        }
      g_cond_wait_until (&wait->cond, &wait->mutex, until);
    }
  answer = wait->answer;
  g_mutex_unlock (&wait->mutex);
  return answer;
}

static void
ferry_prompt_finalize (GObject *object)
{
  FerryPrompt *self = FERRY_PROMPT (object);

  /* Dropped unanswered means rejected. */
  wait_answer (self->wait, FERRY_PROMPT_ANSWER_REJECT);
  ferry_prompt_wait_unref (self->wait);

  g_free (self->host);
  g_free (self->message);
  g_clear_object (&self->certificate);
  g_strfreev (self->problem_texts);
  g_free (self->tls_version);
  g_free (self->cipher);
  g_free (self->key_exchange);
  g_free (self->mac);
  g_clear_pointer (&self->previous_pins, g_ptr_array_unref);
  G_OBJECT_CLASS (ferry_prompt_parent_class)->finalize (object);
}

static void
ferry_prompt_class_init (FerryPromptClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ferry_prompt_finalize;
}

static void
ferry_prompt_init (FerryPrompt *self)
{
  self->wait = g_new0 (FerryPromptWait, 1);
  self->wait->ref_count = 1;
  g_mutex_init (&self->wait->mutex);
  g_cond_init (&self->wait->cond);
}

FerryPrompt *
ferry_prompt_new (FerryPromptKind kind,
                  const char     *host,
                  guint16         port,
                  const char     *message)
{
  FerryPrompt *self = g_object_new (FERRY_TYPE_PROMPT, NULL);

  self->kind = kind;
  self->host = g_strdup (host);
  self->port = port;
  self->message = g_strdup (message);
  return self;
}

void
ferry_prompt_set_certificate (FerryPrompt             *self,
                              FerryCertificate        *certificate,
                              FerryCertificateProblems problems,
                              char                   **problem_texts,
                              const char              *tls_version,
                              const char              *cipher,
                              const char              *key_exchange,
                              const char              *mac)
{
  g_set_object (&self->certificate, certificate);
  self->problems = problems;
  g_strfreev (self->problem_texts);
  self->problem_texts = g_strdupv (problem_texts);
  self->tls_version = g_strdup (tls_version);
  self->cipher = g_strdup (cipher);
  self->key_exchange = g_strdup (key_exchange);
  self->mac = g_strdup (mac);
}

void
ferry_prompt_set_previous_pins (FerryPrompt *self,
                                GPtrArray   *pins)
{
  g_clear_pointer (&self->previous_pins, g_ptr_array_unref);
  self->previous_pins = pins ? g_ptr_array_ref (pins) : NULL;
}

void
ferry_prompt_set_downgrade_warning (FerryPrompt *self,
                                    gboolean     warning)
{
  self->downgrade_warning = warning;
}

FerryPromptWait *
ferry_prompt_get_wait (FerryPrompt *self)
{
  return self->wait;
}

FerryPromptKind
ferry_prompt_get_kind (FerryPrompt *self)
{
  return self->kind;
}

const char *
ferry_prompt_get_host (FerryPrompt *self)
{
  return self->host;
}

guint16
ferry_prompt_get_port (FerryPrompt *self)
{
  return self->port;
}

const char *
ferry_prompt_get_message (FerryPrompt *self)
{
  return self->message;
}

FerryCertificate *
ferry_prompt_get_certificate (FerryPrompt *self)
{
  return self->certificate;
}

FerryCertificateProblems
ferry_prompt_get_problems (FerryPrompt *self)
{
  return self->problems;
}

const char *const *
ferry_prompt_get_problem_texts (FerryPrompt *self)
{
  return (const char *const *) self->problem_texts;
}

const char *
ferry_prompt_get_tls_version (FerryPrompt *self)
{
  return self->tls_version;
}

const char *
ferry_prompt_get_cipher (FerryPrompt *self)
{
  return self->cipher;
}

const char *
ferry_prompt_get_key_exchange (FerryPrompt *self)
{
  return self->key_exchange;
}

const char *
ferry_prompt_get_mac (FerryPrompt *self)
{
  return self->mac;
}

GPtrArray *
ferry_prompt_get_previous_pins (FerryPrompt *self)
{
  return self->previous_pins;
}

gboolean
ferry_prompt_get_downgrade_warning (FerryPrompt *self)
{
  return self->downgrade_warning;
}

gboolean
ferry_prompt_is_answered (FerryPrompt *self)
{
  gboolean answered;

  g_mutex_lock (&self->wait->mutex);
  answered = self->wait->answered;
  g_mutex_unlock (&self->wait->mutex);
  return answered;
}

void
ferry_prompt_respond (FerryPrompt      *self,
                      FerryPromptAnswer answer)
{
  g_return_if_fail (FERRY_IS_PROMPT (self));
  if (self->kind == FERRY_PROMPT_PLAIN_FALLBACK && answer == FERRY_PROMPT_ANSWER_ACCEPT_ALWAYS)
    answer = FERRY_PROMPT_ANSWER_ACCEPT_ONCE;
  wait_answer (self->wait, answer);
}

/* ---- process-wide memory ---- */

static GMutex memory_mutex;
static GCond slot_cond;
static GHashTable *trusted_once; /* "host\nport\nsha256" */
static GHashTable *plain_once;   /* "host\nport" */
static GHashTable *open_slots;   /* "host\nport" */

static char *
memory_key (const char *host,
            guint16     port,
            const char *extra)
{
  g_autofree char *lower = g_ascii_strdown (host ? host : "", -1);

  return g_strdup_printf ("%s\n%u\n%s", lower, port, extra ? extra : "");
}

static void
memory_add (GHashTable **table,
            char        *key)
{
  g_mutex_lock (&memory_mutex);
  if (*table == NULL)
    *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (*table, key);
  g_mutex_unlock (&memory_mutex);
}

static gboolean
memory_has (GHashTable *const *table,
            char              *key)
{
  gboolean found;

  g_mutex_lock (&memory_mutex);
  found = *table != NULL && g_hash_table_contains (*table, key);
  g_mutex_unlock (&memory_mutex);
  g_free (key);
  return found;
}

void
ferry_trust_once_add (const char *host,
                      guint16     port,
                      const char *sha256)
{
  memory_add (&trusted_once, memory_key (host, port, sha256));
}

gboolean
ferry_trust_once_has (const char *host,
                      guint16     port,
                      const char *sha256)
{
  return memory_has (&trusted_once, memory_key (host, port, sha256));
}

void
ferry_plain_once_add (const char *host,
                      guint16     port)
{
  memory_add (&plain_once, memory_key (host, port, NULL));
}

gboolean
ferry_plain_once_has (const char *host,
                      guint16     port)
{
  return memory_has (&plain_once, memory_key (host, port, NULL));
}

gboolean
ferry_prompt_slot_acquire (const char   *host,
                           guint16       port,
                           GCancellable *cancellable)
{
  g_autofree char *key = memory_key (host, port, NULL);
  gboolean acquired = FALSE;

  g_mutex_lock (&memory_mutex);
  if (open_slots == NULL)
    open_slots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (!g_cancellable_is_cancelled (cancellable))
    {
      if (!g_hash_table_contains (open_slots, key))
        {
          g_hash_table_add (open_slots, g_steal_pointer (&key));
          acquired = TRUE;
          break;
        }
      g_cond_wait_until (&slot_cond, &memory_mutex,
                         g_get_monotonic_time () + 100 * G_TIME_SPAN_MILLISECOND);
    }
  g_mutex_unlock (&memory_mutex);
  return acquired;
}

void
ferry_prompt_slot_release (const char *host,
                           guint16     port)
{
  g_autofree char *key = memory_key (host, port, NULL);

  g_mutex_lock (&memory_mutex);
  if (open_slots != NULL)
    g_hash_table_remove (open_slots, key);
  g_cond_broadcast (&slot_cond);
  g_mutex_unlock (&memory_mutex);
}
