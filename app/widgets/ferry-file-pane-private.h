/* ferry-file-pane-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of FerryFilePane share: the instance struct and internal
 * functions. The dialogs (ferry-file-pane-dialogs.c) each ask and call back
 * with the answer; nothing is called when the person cancels.
 */
#pragma once

#include "ferry-file-pane.h"
#include "ferry-path-bar.h"

G_BEGIN_DECLS

/* Selections larger than this are not kept over a reload. */
#define MAX_KEPT_SELECTION 10000

typedef enum
{
  LOAD_PUSH_HISTORY = 1 << 0,
  LOAD_KEEP_SELECTION = 1 << 1,
  LOAD_FROM_LINK = 1 << 2,
} LoadFlags;

typedef enum
{
  MESSAGE_NONE,
  MESSAGE_LISTING,   /* a listing failed: Retry */
  MESSAGE_OPERATION, /* an operation failed */
  MESSAGE_NOTICE,    /* the listing is incomplete */
  MESSAGE_UNREAD,    /* lines of the listing could not be read: Show Raw Listing */
} MessageKind;

typedef void (*FerryPaneFillDone) (FerryFilePane *self,
                                   gpointer       data);

/* Shared by ferry-file-pane.c and its -cells, -actions, -dialogs, -messages, -fill,
 * -unread and -watch files. */
struct _FerryFilePane
{
  GtkWidget parent_instance;

  FerryBrowserSource *source;
  GSettings *settings;
  char *path;             /* the folder shown, or the one that failed first */
  GPtrArray *history;     /* char *: the folders Back goes to */
  GCancellable *list_cancellable;
  GCancellable *cancellable; /* everything else; cancelled on dispose */
  guint spinner_timeout_id;
  guint columns_idle_id;
  gboolean show_hidden;
  gboolean listed_with_hidden;
  gboolean confirm_deletes;
  gboolean loaded;        /* a listing of path is shown */
  gboolean loading;
  MessageKind message_kind;
  char *retry_path;
  LoadFlags retry_flags;
  guint n_hidden;
  guint n_folders;
  char **unread_lines;    /* of the listing shown, as kept; NULL when all were read */
  guint n_unread;         /* in all, kept or not */

  GtkPopover *context_menu;
  char *transfer_action;  /* the tab's action for the selection (tab.download), or NULL */

  /* ferry-file-pane-fill.c: a listing going into the store in steps */
  guint fill_id;
  GPtrArray *fill_items;  /* FerryRemoteFile: the new listing */
  guint fill_next;        /* the first of fill_items not in the store yet */
  gboolean fill_removing; /* the old items are still leaving */
  GPtrArray *fill_garbage; /* the old items, freed on a thread once out of the store */
  FerryPaneFillDone fill_done;
  gpointer fill_data;
  GDestroyNotify fill_destroy;

  /* ferry-file-pane-watch.c */
  GFileMonitor *monitor;  /* of path, when the source can watch it */
  char *monitor_path;
  guint reload_soon_id;
  gint64 last_soon_reload; /* monotonic µs */

  /* Template children */
  GtkWidget *main_box;
  FerryPathBar *path_bar;
  GtkRevealer *message_revealer;
  GtkWidget *message_box;
  GtkImage *message_icon;
  GtkLabel *message_label;
  GtkButton *message_button;
  GtkStack *content_stack;
  GtkScrolledWindow *scroller;
  GtkColumnView *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *modified_column;
  GtkColumnViewColumn *permissions_column;
  GtkCustomSorter *name_sorter;
  GtkCustomSorter *size_sorter;
  GtkCustomSorter *modified_sorter;
  GtkCustomSorter *permissions_sorter;
  GListStore *store;
  GtkFilterListModel *filter_model;
  GtkCustomFilter *hidden_filter;
  GtkSortListModel *sort_model;
  GtkMultiSelection *selection;
  GtkWidget *spinner_box;
  GtkSpinner *spinner;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkLabel *footer_label;
  GMenuModel *item_menu;
};


/* ferry-file-pane-watch.c */
/* Watches the folder shown (after a listing of it arrived). */
void             ferry_file_pane_watch_folder             (FerryFilePane *self);
void             ferry_file_pane_unwatch                  (FerryFilePane *self);

/* ferry-file-pane.c */
void             ferry_file_pane_load_folder              (FerryFilePane *self,
                                                           const char    *path,
                                                           LoadFlags      flags,
                                                           GHashTable    *select);
void             ferry_file_pane_reload_keeping_selection (FerryFilePane *self,
                                                           GHashTable    *select);
void             ferry_file_pane_show_message             (FerryFilePane *self,
                                                           MessageKind    kind,
                                                           const char    *text);
void             ferry_file_pane_emit_toast               (FerryFilePane *self,
                                                           const char    *message);
void             ferry_file_pane_emit_activate_file       (FerryFilePane   *self,
                                                           FerryRemoteFile *file);
guint            ferry_file_pane_n_selected               (FerryFilePane *self);
FerryRemoteFile *ferry_file_pane_dup_first_selected       (FerryFilePane *self);
GPtrArray       *ferry_file_pane_dup_selected             (FerryFilePane *self);
/* A set of raw names (GBytes), for selecting after a listing. */
GHashTable      *ferry_file_pane_name_set_new             (void);
GHashTable      *ferry_file_pane_name_set_new_for         (const char    *raw_name);
/* @advice: what to do when the server refused (FERRY_ERROR_REMOTE), or NULL. */
char            *ferry_file_pane_explain_error            (const GError  *error,
                                                           const char    *advice);
char            *ferry_file_pane_dup_base_name            (FerryFilePane *self,
                                                           const char    *path);

/* ferry-file-pane-fill.c: replaces the store's items with @items (taken) in
 * steps of a few milliseconds, then calls @done; a small listing is in before
 * this returns. A new fill, or a cancel, drops the one under way (@destroy is
 * called, @done is not). */
void             ferry_file_pane_fill                     (FerryFilePane     *self,
                                                           GPtrArray         *items,
                                                           FerryPaneFillDone  done,
                                                           gpointer           data,
                                                           GDestroyNotify     destroy);
void             ferry_file_pane_fill_cancel              (FerryFilePane     *self);

/* ferry-file-pane-unread.c: the lines of a listing that could not be read */
void             ferry_file_pane_class_init_unread        (GtkWidgetClass *widget_class);
/* Takes @lines (NULL: every line was read). */
void             ferry_file_pane_set_unread_lines         (FerryFilePane  *self,
                                                           char          **lines,
                                                           guint           n_unread);
/* The banner's sentence for the unread lines, NULL when there are none. */
char            *ferry_file_pane_dup_unread_sentence      (FerryFilePane  *self,
                                                           guint           n_read);

/* ferry-file-pane-dialogs.c */
AdwMessageDialog *ferry_file_pane_message_dialog_new      (FerryFilePane  *self,
                                                           const char     *heading,
                                                           const char     *body);

/* ferry-file-pane-cells.c: the columns, their sorting, the hidden-files filter */
void             ferry_file_pane_class_init_cells         (GtkWidgetClass *widget_class);
void             ferry_file_pane_init_cells               (FerryFilePane  *self);
/* Leaves out the columns that do not fit @width (after the allocation). */
void             ferry_file_pane_fit_columns              (FerryFilePane  *self,
                                                           int             width);

/* ferry-file-pane-actions.c: opening, the context menu, actions and keys */
void             ferry_file_pane_class_init_actions       (GtkWidgetClass *widget_class);
void             ferry_file_pane_update_actions           (FerryFilePane  *self);
void             ferry_file_pane_open_file                (FerryFilePane   *self,
                                                           FerryRemoteFile *file);
/* The list item of the row at @widget (picked in the list), or NULL. */
GtkListItem     *ferry_file_pane_list_item_at             (FerryFilePane   *self,
                                                           GtkWidget       *widget);

/* ferry-file-pane-dnd.c: drags out of the list, drops onto it */
void             ferry_file_pane_init_dnd                 (FerryFilePane   *self);

/* ferry-file-pane-dialogs.c */

/* @name: what the person typed (UTF-8), already checked. */
typedef void (*FerryPaneNameCallback)   (FerryFilePane *self,
                                         const char    *name,
                                         gpointer       user_data);
typedef void (*FerryPaneModeCallback)   (FerryFilePane *self,
                                         guint          mode,
                                         gpointer       user_data);
typedef void (*FerryPaneConfirmCallback) (FerryFilePane *self,
                                          gpointer       user_data);

/* Asks for a name that is not empty, has no '/', is not "." or ".." and is
 * not in @taken (display names of the folder, may be NULL). @select_stem:
 * select the name without its extension (for renames). */
void ferry_file_pane_ask_name        (FerryFilePane         *self,
                                      const char            *heading,
                                      const char            *body,
                                      const char            *initial,
                                      const char            *accept_label,
                                      gboolean               select_stem,
                                      GHashTable            *taken,
                                      FerryPaneNameCallback  callback,
                                      gpointer               user_data,
                                      GDestroyNotify         destroy);
/* Confirms deleting @files (FerryRemoteFile). */
void ferry_file_pane_ask_delete      (FerryFilePane            *self,
                                      GPtrArray                *files,
                                      FerryPaneConfirmCallback  callback,
                                      gpointer                  user_data,
                                      GDestroyNotify            destroy);
/* Asks for permission bits, starting from @mode (07777). */
void ferry_file_pane_ask_permissions (FerryFilePane         *self,
                                      const char            *heading,
                                      guint                  mode,
                                      FerryPaneModeCallback  callback,
                                      gpointer               user_data,
                                      GDestroyNotify         destroy);

/* "%o" of the text, or -1 when it is not 0–7777 in octal. */
int  ferry_file_pane_parse_mode      (const char *text);

G_END_DECLS
