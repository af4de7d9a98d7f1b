/* ferry-transfer-open.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Opens @file (a finished download) in its default application, or with
 * @show_in_folder its folder in the file manager with the file selected
 * (org.freedesktop.FileManager1.ShowItems; without a file manager that offers
 * it, the folder itself). The error is a sentence for the person. */
void     ferry_transfer_open_async  (GtkWindow          *parent,
                                     GFile              *file,
                                     gboolean            show_in_folder,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean ferry_transfer_open_finish (GAsyncResult *result,
                                     GError      **error);

G_END_DECLS
