/* ferry-transfer-runner-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the queue (ferry-transfer-runner.c) shares with the expansion of
 * folders (ferry-transfer-runner-folders.c): the runner's state, the work it
 * queues, and the calls each side makes into the other. Everything here runs
 * on the runner's main context.
 */
#pragma once

#include "ferry-session.h"
#include "ferry-transfer-runner.h"

G_BEGIN_DECLS

typedef struct _Info Info;
typedef struct _Slot Slot;
typedef struct _Work Work;
typedef struct _UploadPlan UploadPlan;

/* What the runner knows of one transfer. */
struct _Info
{
  FerryTransfer *transfer;  /* borrowed: the list store holds it */
  Info *folder;             /* the folder transfer this one came from, or NULL */
  GCancellable *cancellable;
  gboolean finished;
  gulong notify_id;
  gint64 expected_size;     /* from the listing or the local file; -1 unknown */
  gint64 last_done;         /* what this child added to its folder's sums */
  gint64 last_total;
  gboolean paused;          /* held back until resumed */
  gboolean interrupted;     /* its running attempt was cancelled to pause it */

  /* Folders. */
  gboolean started;
  gboolean cancelled;
  guint expanding;          /* listings, link checks and folder creations to come */
  guint n_children;
  guint n_finished;
  guint n_failed;
  guint n_cancelled;
  GError *error;            /* the first child's failure */
  gint64 done_sum;
  gint64 total_sum;
  gint64 shown_done;
  gint64 shown_total;
};

struct _Slot
{
  FerryTransferRunner *runner; /* borrowed: slots die before their runner */
  FerrySession *session;
  guint number;
  gboolean busy;
};

typedef enum
{
  WORK_FILE,   /* info: the file */
  WORK_LIST,   /* info: the folder; list remote into local */
  WORK_LINK,   /* info: the folder; a link of unknown kind at remote */
  WORK_MKDIRS, /* info: the folder; create plan's remote folders */
} WorkKind;

struct _Work
{
  WorkKind kind;
  FerryTransferRunner *runner; /* borrowed */
  Info *info;
  char *remote;
  GFile *local;
  guint depth;
  guint retries;
  guint delay_source;
  Slot *slot;
  GListModel *listing;         /* WORK_LIST, between the listing and the local folder */
  UploadPlan *plan;            /* WORK_MKDIRS */
  guint index;                 /* WORK_MKDIRS: the next folder */
};

struct _FerryTransferRunner
{
  GObject parent_instance;

  FerryEndpoint *endpoint;
  FerryKnownServers *known;
  char *password;
  guint max_sessions;
  GMainContext *context;

  GListStore *transfers;
  GHashTable *infos;      /* FerryTransfer* → Info* */
  GQueue queue;           /* Work waiting for a session */
  GList *delayed;         /* Work waiting to be retried */
  GQueue held;            /* Work of paused transfers, waiting to be resumed */
  GList *dropped;         /* folder expansions a cancel stopped, for a retry */
  GPtrArray *slots;       /* Slot* */
  guint next_number;
  guint running;          /* Work on a session */
  guint local_ops;        /* folder creations and walks on the thread pool */
  gboolean busy;
  GList *asking;             /* ferry-transfer-runner-exists.c: work waiting for an answer */
  GHashTable *batch_answers; /* ferry-transfer-runner-exists.c */
};

/* ---- ferry-transfer-runner.c: the queue ---- */

/* A note of the runner's own on its "log" signal (FERRY_LOG_WARNING). */
void     ferry_runner_note               (FerryTransferRunner *self,
                                          const char          *format,
                                          ...) G_GNUC_PRINTF (2, 3);
gboolean ferry_runner_error_is_cancelled (const GError *error);
/* Failures that another attempt, a moment later, may well get past. */
gboolean ferry_runner_error_is_transient (const GError *error);

Work    *ferry_runner_work_new           (FerryTransferRunner *self,
                                          WorkKind             kind,
                                          Info                *info,
                                          const char          *remote,
                                          GFile               *local,
                                          guint                depth);
void     ferry_runner_work_free          (Work *w);
/* Work that is not WORK_FILE counts as one more expansion of its folder. */
void     ferry_runner_queue_work         (FerryTransferRunner *self,
                                          Work                *w);
/* ferry_transfer_runner_add(); @paused: held until resumed, nothing starts. */
void     ferry_runner_add_transfer       (FerryTransferRunner *self,
                                          FerryTransfer       *transfer,
                                          gboolean             paused);
/* Starts what is queued on idle sessions. */
void     ferry_runner_pump               (FerryTransferRunner *self);
/* Gives @w's session back; drops the reference start_work() took. */
void     ferry_runner_release_slot       (FerryTransferRunner *self,
                                          Work                *w);
/* Tries @w again after 1, 2, then 4 s when @error is worth it; FALSE when
 * not (then @w is still the caller's). */
gboolean ferry_runner_maybe_retry        (FerryTransferRunner *self,
                                          Work                *w,
                                          const GError        *error);
/* One of @folder's listings, link checks or folder creations is over. */
void     ferry_runner_expansion_done     (Info *folder);

/* Children of @folder, made into @batch until ferry_runner_publish(). A
 * failed child failed before it began: a refused name, a folder that could
 * not be listed or created. It shows in the list and says why. */
void     ferry_runner_add_failed_child   (FerryTransferRunner *self,
                                          Info                *folder,
                                          GPtrArray           *batch,
                                          const char          *remote,
                                          GFile               *local,
                                          gboolean             is_folder,
                                          const GError        *error);
/* Returns the child (owned by the runner). */
FerryTransfer *ferry_runner_add_file_child (FerryTransferRunner *self,
                                            Info                *folder,
                                            GPtrArray           *batch,
                                            const char          *remote,
                                            GFile               *local,
                                            gint64               expected_size);
/* Adds the children made meanwhile to the list, in one change. */
void     ferry_runner_publish            (FerryTransferRunner *self,
                                          GPtrArray           *batch);

Info    *ferry_runner_lookup             (FerryTransferRunner *self,
                                          FerryTransfer       *transfer);
void     ferry_runner_update_busy        (FerryTransferRunner *self);
void     ferry_runner_folder_update_state (Info *folder);
/* Follows @info's progress into its folder's sums (once). */
void     ferry_runner_watch_child        (Info *info);
/* The transfer or folder transfer @w is for, or belongs to. */
gboolean ferry_runner_work_belongs_to    (Work *w,
                                          Info *info);

/* ---- ferry-transfer-runner-control.c: pause, resume, retry, move ---- */

/* Whether @w (about to be queued) is for a paused transfer or folder. */
gboolean ferry_runner_work_is_held       (Work *w);
/* Keeps @w aside until its transfer is resumed; a file shows PAUSED. */
void     ferry_runner_hold_work          (FerryTransferRunner *self,
                                          Work                *w);
/* @w's attempt was cancelled to pause it: hold it, or queue it again when
 * it was resumed meanwhile. */
void     ferry_runner_interrupted        (FerryTransferRunner *self,
                                          Work                *w);
/* Cancel: the held work of @info never runs; the folder expansions are
 * kept in self->dropped for a retry. */
void     ferry_runner_drop_held          (FerryTransferRunner *self,
                                          Info                *info);
/* @w (a listing, link check, walk or folder creation) was stopped by its
 * folder's cancel: kept for ferry_transfer_runner_retry(), its part of the
 * folder's expansion is over for now. Its slot must be released. */
void     ferry_runner_keep_stopped       (FerryTransferRunner *self,
                                          Work                *w);
/* Orders the queue as the list model (a folder's work in its place). */
void     ferry_runner_sort_queue         (FerryTransferRunner *self);

/* ---- ferry-transfer-runner-folders.c: expanding folders ---- */

/* WORK_LIST on w->slot: lists the remote folder, makes the local one, and
 * queues what is in it. */
void     ferry_runner_start_list         (Work *w);
/* WORK_LINK on w->slot: a file or a folder behind the link? */
void     ferry_runner_start_link_check   (Work *w);
/* WORK_MKDIRS on w->slot: creates the plan's remote folders from w->index
 * on, then queues the files. */
void     ferry_runner_start_mkdirs       (Work *w);
/* Walks @folder's local folder on a thread (no session needed), then queues
 * the WORK_MKDIRS for it. */
void     ferry_runner_walk_upload        (FerryTransferRunner *self,
                                          Info                *folder);
void     ferry_runner_upload_plan_free   (UploadPlan *plan);

/* ---- ferry-transfer-runner-exists.c: targets that exist ---- */

/* @w's file failed with @error: when it is FERRY_ERROR_EXISTS and there is
 * an answer for its batch, or someone to ask, @w is taken (TRUE). */
gboolean ferry_runner_exists_conflict    (FerryTransferRunner *self,
                                          Work                *w,
                                          const GError        *error);
/* The work waiting for an answer that belongs to @info (NULL: all), taken
 * out of the runner: the caller drops it. */
GList   *ferry_runner_exists_take        (FerryTransferRunner *self,
                                          Info                *info);
void     ferry_runner_exists_init        (FerryTransferRunner *self);
void     ferry_runner_exists_class_init  (GObjectClass *object_class);
/* Dispose: frees what waits, without finishing it. */
void     ferry_runner_exists_forget      (FerryTransferRunner *self);

G_END_DECLS
