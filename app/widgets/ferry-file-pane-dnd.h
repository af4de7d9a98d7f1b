/* ferry-file-pane-dnd.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drag and drop on a FerryFilePane. The pane knows where a drop goes (the
 * folder row under the pointer, else the folder shown) and shows it; what is
 * dragged out and what a drop does is its owner's (the connection tab's).
 */
#pragma once

#include "ferry-file-pane.h"

G_BEGIN_DECLS

/* The content for a drag of @files (FerryRemoteFile, at least one) shown in
 * @folder; NULL refuses the drag. */
typedef GdkContentProvider *(*FerryPaneDragFunc)   (FerryFilePane *pane,
                                                    GPtrArray     *files,
                                                    const char    *folder,
                                                    gpointer       user_data);
/* Whether the pane takes @drop at all (it has one of the types). */
typedef gboolean            (*FerryPaneAcceptFunc) (FerryFilePane *pane,
                                                    GdkDrop       *drop,
                                                    gpointer       user_data);
/* @value holds one of the types given; @folder is where it goes (the pane's
 * path or a folder row's, in the source's encoding). Returns whether it was
 * taken; the pane's message bar is the place to say why not. */
typedef gboolean            (*FerryPaneDropFunc)   (FerryFilePane *pane,
                                                    const GValue  *value,
                                                    const char    *folder,
                                                    gpointer       user_data);

/* Lets rows be dragged (the selection, or the row under the pointer). */
void ferry_file_pane_set_drag_func  (FerryFilePane       *self,
                                     FerryPaneDragFunc    func,
                                     gpointer             user_data);
/* Lets the pane take drops of @types (in order of preference). */
void ferry_file_pane_set_drop_func  (FerryFilePane       *self,
                                     const GType         *types,
                                     gsize                n_types,
                                     FerryPaneAcceptFunc  accept,
                                     FerryPaneDropFunc    drop,
                                     gpointer             user_data);
/* Shows @text in the pane's message bar (an operation that could not be done). */
void ferry_file_pane_show_error     (FerryFilePane       *self,
                                     const char          *text);

G_END_DECLS
