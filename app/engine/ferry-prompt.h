/* ferry-prompt.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A question for the person, asked by a session's worker through the
 * session's "prompt" signal. Only the worker waits for the answer. A prompt
 * that nobody answers (no handler, or its last reference dropped) is rejected.
 */
#pragma once

#include <glib-object.h>

#include "ferry-certificate.h"
#include "ferry-known-servers.h"

G_BEGIN_DECLS

typedef enum
{
  FERRY_PROMPT_CERTIFICATE,         /* an untrusted certificate, never seen before */
  FERRY_PROMPT_CERTIFICATE_CHANGED, /* differs from the pinned one: the loud variant */
  FERRY_PROMPT_PLAIN_FALLBACK,      /* the server offers no TLS: log in without encryption? */
} FerryPromptKind;

typedef enum
{
  FERRY_PROMPT_ANSWER_REJECT,
  FERRY_PROMPT_ANSWER_ACCEPT_ONCE,   /* for this process, this host:port (and certificate) */
  FERRY_PROMPT_ANSWER_ACCEPT_ALWAYS, /* pin the certificate (not offered for plain fallback) */
} FerryPromptAnswer;

#define FERRY_TYPE_PROMPT (ferry_prompt_get_type ())

G_DECLARE_FINAL_TYPE (FerryPrompt, ferry_prompt, FERRY, PROMPT, GObject)

FerryPromptKind   ferry_prompt_get_kind            (FerryPrompt *self);
const char       *ferry_prompt_get_host            (FerryPrompt *self);
guint16           ferry_prompt_get_port            (FerryPrompt *self);
/* A plain-words question ("The certificate of ftp.example.com is not trusted …"). */
const char       *ferry_prompt_get_message         (FerryPrompt *self);
/* Certificate prompts: the certificate, its problems and the TLS parameters. */
FerryCertificate *ferry_prompt_get_certificate     (FerryPrompt *self);
FerryCertificateProblems ferry_prompt_get_problems (FerryPrompt *self);
const char *const *ferry_prompt_get_problem_texts  (FerryPrompt *self);
const char       *ferry_prompt_get_tls_version     (FerryPrompt *self);
const char       *ferry_prompt_get_cipher          (FerryPrompt *self);
const char       *ferry_prompt_get_key_exchange    (FerryPrompt *self);
const char       *ferry_prompt_get_mac             (FerryPrompt *self);
/* FERRY_PROMPT_CERTIFICATE_CHANGED: the pins it differs from (FerryPin). */
GPtrArray        *ferry_prompt_get_previous_pins   (FerryPrompt *self);
/* FERRY_PROMPT_PLAIN_FALLBACK: TRUE when a certificate of this host was trusted
 * before, so that plain FTP now may be a downgrade attack. */
gboolean          ferry_prompt_get_downgrade_warning (FerryPrompt *self);

gboolean          ferry_prompt_is_answered         (FerryPrompt *self);
void              ferry_prompt_respond             (FerryPrompt      *self,
                                                    FerryPromptAnswer answer);

/* Engine-internal: creating prompts and waiting for them on the worker. */
typedef struct _FerryPromptWait FerryPromptWait;

FerryPrompt      *ferry_prompt_new                 (FerryPromptKind kind,
                                                    const char     *host,
                                                    guint16         port,
                                                    const char     *message);
void              ferry_prompt_set_certificate     (FerryPrompt             *self,
                                                    FerryCertificate        *certificate,
                                                    FerryCertificateProblems problems,
                                                    char                   **problem_texts,
                                                    const char              *tls_version,
                                                    const char              *cipher,
                                                    const char              *key_exchange,
                                                    const char              *mac);
void              ferry_prompt_set_previous_pins   (FerryPrompt *self,
                                                    GPtrArray   *pins);
void              ferry_prompt_set_downgrade_warning (FerryPrompt *self,
                                                      gboolean     warning);
FerryPromptWait  *ferry_prompt_get_wait            (FerryPrompt *self);
/* Blocks the worker until answered, cancelled or @deadline (then REJECT). */
FerryPromptAnswer ferry_prompt_wait_answer         (FerryPromptWait *wait,
                                                    GCancellable    *cancellable);
FerryPromptWait  *ferry_prompt_wait_ref            (FerryPromptWait *wait);
void              ferry_prompt_wait_unref          (FerryPromptWait *wait);

/* Process-wide memory of "accept once" answers and confirmed plain fallbacks,
 * shared by every session (browsing and transfers) of this process. */
void              ferry_trust_once_add             (const char *host,
                                                    guint16     port,
                                                    const char *sha256);
gboolean          ferry_trust_once_has             (const char *host,
                                                    guint16     port,
                                                    const char *sha256);
void              ferry_plain_once_add             (const char *host,
                                                    guint16     port);
gboolean          ferry_plain_once_has             (const char *host,
                                                    guint16     port);
/* At most one open prompt per host:port in the process: the worker takes the
 * slot before asking and gives it back after. Returns FALSE when cancelled. */
gboolean          ferry_prompt_slot_acquire        (const char   *host,
                                                    guint16       port,
                                                    GCancellable *cancellable);
void              ferry_prompt_slot_release        (const char *host,
                                                    guint16     port);

G_END_DECLS
