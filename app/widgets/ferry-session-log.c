/* ferry-session-log.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session log of a connection tab: what Ferry does, the commands it
 * sends (PASS masked by the engine) and the server's replies, one colour per
 * kind, with the time. It keeps the last MAX_LINES lines.
 */
#define G_LOG_DOMAIN "ferry-session-log"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-session-log.h"

#define MAX_LINES 5000

struct _FerrySessionLog
{
  GtkWidget parent_instance;

  GtkTextTag *tags[FERRY_LOG_ERROR + 1];
  GtkTextTag *time_tag;
  GtkTextMark *end_mark;
  guint scroll_idle;

  /* Template children */
  GtkScrolledWindow *scrolled_window;
  GtkTextView *text_view;
};

G_DEFINE_FINAL_TYPE (FerrySessionLog, ferry_session_log, GTK_TYPE_WIDGET)

/* Adwaita's palette: a light and a dark variant of each kind's colour. */
static const struct
{
  const char *light;
  const char *dark;
} kind_colors[] = {
  [FERRY_LOG_STATUS] = { NULL, NULL },
  [FERRY_LOG_COMMAND] = { "#1a5fb4", "#99c1f1" },
  [FERRY_LOG_REPLY] = { "#26a269", "#8ff0a4" },
  [FERRY_LOG_WARNING] = { "#c64600", "#ffbe6f" },
  [FERRY_LOG_ERROR] = { "#c01c28", "#f66151" },
};

static void
update_colors (FerrySessionLog *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  for (guint i = 0; i < G_N_ELEMENTS (kind_colors); i++)
    if (kind_colors[i].light != NULL)
      g_object_set (self->tags[i], "foreground",
                    dark ? kind_colors[i].dark : kind_colors[i].light, NULL);
}

static gboolean
scroll_idle_cb (gpointer data)
{
  FerrySessionLog *self = data;

  self->scroll_idle = 0;
  gtk_text_view_scroll_to_mark (self->text_view, self->end_mark, 0.0, TRUE, 0.0, 1.0);
  return G_SOURCE_REMOVE;
}

void
ferry_session_log_append (FerrySessionLog *self,
                          FerryLogKind     kind,
                          const char      *text)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S  ");
  g_autofree char *valid = NULL;
  const char *prefix;
  GtkAdjustment *adjustment;
  gboolean at_bottom;

  g_return_if_fail (FERRY_IS_SESSION_LOG (self));

  if (kind > FERRY_LOG_ERROR)
    kind = FERRY_LOG_STATUS;
  switch (kind)
    {
    case FERRY_LOG_COMMAND:
      prefix = "> ";
      break;
    case FERRY_LOG_REPLY:
      prefix = "< ";
      break;
    case FERRY_LOG_WARNING:
    case FERRY_LOG_ERROR:
      prefix = "! ";
      break;
    case FERRY_LOG_STATUS:
    default:
      prefix = "";
      break;
    }

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  at_bottom = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
              >= gtk_adjustment_get_upper (adjustment) - 4;

  valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_buffer_get_char_count (buffer) > 0)
    gtk_text_buffer_insert (buffer, &end, "\n", 1);
  gtk_text_buffer_insert_with_tags (buffer, &end, time, -1, self->time_tag, NULL);
  gtk_text_buffer_insert_with_tags (buffer, &end, prefix, -1, self->tags[kind], NULL);
  gtk_text_buffer_insert_with_tags (buffer, &end, valid, -1, self->tags[kind], NULL);

  if (gtk_text_buffer_get_line_count (buffer) > MAX_LINES)
    {
      GtkTextIter start, cut;

      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_get_iter_at_line (buffer, &cut,
                                        gtk_text_buffer_get_line_count (buffer) - MAX_LINES);
      gtk_text_buffer_delete (buffer, &start, &cut);
    }

  /* Follow the end unless the person scrolled up to read. */
  if (at_bottom && self->scroll_idle == 0)
    self->scroll_idle = g_idle_add (scroll_idle_cb, self);
}

static void
ferry_session_log_map (GtkWidget *widget)
{
  FerrySessionLog *self = FERRY_SESSION_LOG (widget);

  GTK_WIDGET_CLASS (ferry_session_log_parent_class)->map (widget);

  /* Shown again: the newest lines, not where it was when hidden. */
  if (self->scroll_idle == 0)
    self->scroll_idle = g_idle_add (scroll_idle_cb, self);
}

void
ferry_session_log_clear (FerrySessionLog *self)
{
  g_return_if_fail (FERRY_IS_SESSION_LOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
}

char *
ferry_session_log_dup_text (FerrySessionLog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (FERRY_IS_SESSION_LOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
ferry_session_log_copy (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_autofree char *text = ferry_session_log_dup_text (FERRY_SESSION_LOG (widget));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
ferry_session_log_clear_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  ferry_session_log_clear (FERRY_SESSION_LOG (widget));
}

static void
ferry_session_log_dispose (GObject *object)
{
  FerrySessionLog *self = FERRY_SESSION_LOG (object);
  GtkWidget *child;

  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_SESSION_LOG);
  /* The template's top-level child is not bound to a field: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ferry_session_log_parent_class)->dispose (object);
}

static void
ferry_session_log_class_init (FerrySessionLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ferry_session_log_dispose;
  widget_class->map = ferry_session_log_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ferryapp/Ferry/ui/ferry-session-log.ui");
  gtk_widget_class_bind_template_child (widget_class, FerrySessionLog, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, FerrySessionLog, text_view);

  gtk_widget_class_install_action (widget_class, "log.copy", NULL, ferry_session_log_copy);
  gtk_widget_class_install_action (widget_class, "log.clear", NULL,
                                   ferry_session_log_clear_action);
}

static void
ferry_session_log_init (FerrySessionLog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  /* A grey that reads on light and dark backgrounds alike. */
  self->time_tag = gtk_text_buffer_create_tag (buffer, "time", "foreground", "#77767b", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (self->tags); i++)
    self->tags[i] = gtk_text_buffer_create_tag (buffer, NULL, NULL);
  g_object_set (self->tags[FERRY_LOG_ERROR], "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_get_end_iter (buffer, &end);
  self->end_mark = gtk_text_buffer_create_mark (buffer, "end", &end, FALSE);

  update_colors (self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (update_colors), self);
}

GtkWidget *
ferry_session_log_new (void)
{
  return g_object_new (FERRY_TYPE_SESSION_LOG, NULL);
}
