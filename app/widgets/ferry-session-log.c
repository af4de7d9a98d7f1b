/* ferry-session-log.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session log of a connection tab: what Ferry does, the commands it
 * sends (PASS masked by the engine) and the server's replies, one colour per
 * kind, with the time. It keeps the last MAX_LINES lines.
 *
 * Lines are gathered and go into the text buffer together, at most every
 * FLUSH_INTERVAL_MS: a folder of small files logs some ten lines a file, and
 * each insertion into a GtkTextBuffer is layout work and, with an
 * accessibility client listening (Orca, or any GNOME session's AT-SPI bus),
 * a D-Bus signal. Inserted one by one, 2,000 files made the session log half
 * of the main thread's time (perf, bench-window.py's queued phase).
 */
#define G_LOG_DOMAIN "ferry-session-log"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-session-log.h"

#define MAX_LINES 5000
#define FLUSH_INTERVAL_MS 100

typedef struct
{
  FerryLogKind kind;
  char *time;
  char *text;
} PendingLine;

struct _FerrySessionLog
{
  GtkWidget parent_instance;

  GtkTextTag *tags[FERRY_LOG_ERROR + 1];
  GtkTextTag *time_tag;
  GtkTextMark *end_mark;
  guint scroll_idle;
  GQueue pending;               /* of PendingLine, oldest first */
  guint flush_source;

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

static void
pending_line_free (gpointer data)
{
  PendingLine *line = data;

  g_free (line->time);
  g_free (line->text);
  g_free (line);
}

static const char *
kind_prefix (FerryLogKind kind)
{
  switch (kind)
    {
    case FERRY_LOG_COMMAND:
      return "> ";
    case FERRY_LOG_REPLY:
      return "< ";
    case FERRY_LOG_WARNING:
    case FERRY_LOG_ERROR:
      return "! ";
    case FERRY_LOG_STATUS:
    default:
      return "";
    }
}

typedef struct
{
  int start;                    /* in characters, from the insertion point */
  int end;
  GtkTextTag *tag;
} Span;

/* Appends the pieces (second one optional) under one tag. */
static void
add_span (GArray     *spans,
          GString    *text,
          int        *chars,
          GtkTextTag *tag,
          const char *piece,
          const char *more)
{
  Span span = { *chars, *chars, tag };

  g_string_append (text, piece);
  span.end += (int) g_utf8_strlen (piece, -1);
  if (more != NULL)
    {
      g_string_append (text, more);
      span.end += (int) g_utf8_strlen (more, -1);
    }
  *chars = span.end;
  g_array_append_val (spans, span);
}

/* The pending lines go in as one insertion, their colours as tags over it,
 * and the oldest lines beyond MAX_LINES go in one deletion. */
static void
flush_pending (FerrySessionLog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  gboolean at_bottom;
  GtkTextIter end;
  PendingLine *line;
  int chars = 0, offset;

  g_clear_handle_id (&self->flush_source, g_source_remove);
  if (g_queue_is_empty (&self->pending))
    return;
  at_bottom = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
              >= gtk_adjustment_get_upper (adjustment) - 4;
  offset = gtk_text_buffer_get_char_count (buffer);
  while ((line = g_queue_pop_head (&self->pending)) != NULL)
    {
      if (offset > 0 || text->len > 0)
        {
          g_string_append_c (text, '\n');
          chars++;
        }
      add_span (spans, text, &chars, self->time_tag, line->time, NULL);
      add_span (spans, text, &chars, self->tags[line->kind], kind_prefix (line->kind),
                line->text);
      pending_line_free (line);
    }
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, text->str, (int) text->len);
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      GtkTextIter from, to;

      if (span->start == span->end)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &from, offset + span->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &to, offset + span->end);
      gtk_text_buffer_apply_tag (buffer, span->tag, &from, &to);
    }
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

static gboolean
flush_cb (gpointer data)
{
  FerrySessionLog *self = data;

  self->flush_source = 0;
  flush_pending (self);
  return G_SOURCE_REMOVE;
}

void
ferry_session_log_append (FerrySessionLog *self,
                          FerryLogKind     kind,
                          const char      *text)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PendingLine *line;

  g_return_if_fail (FERRY_IS_SESSION_LOG (self));

  line = g_new (PendingLine, 1);
  line->kind = kind > FERRY_LOG_ERROR ? FERRY_LOG_STATUS : kind;
  line->time = g_date_time_format (now, "%H:%M:%S  ");
  line->text = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_queue_push_tail (&self->pending, line);
  /* Lines the buffer would drop at once are not kept waiting either. */
  while (self->pending.length > MAX_LINES)
    pending_line_free (g_queue_pop_head (&self->pending));
  if (self->flush_source == 0)
    self->flush_source = g_timeout_add (FLUSH_INTERVAL_MS, flush_cb, self);
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

  g_queue_clear_full (&self->pending, pending_line_free);
  g_clear_handle_id (&self->flush_source, g_source_remove);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
}

char *
ferry_session_log_dup_text (FerrySessionLog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (FERRY_IS_SESSION_LOG (self), NULL);

  flush_pending (self);
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
  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_queue_clear_full (&self->pending, pending_line_free);
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
