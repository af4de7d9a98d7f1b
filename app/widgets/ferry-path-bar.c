/* ferry-path-bar.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The buttons go from the deepest place that has an icon (Home, the root of
 * the disk or of the server) to the current folder, which is bold. Clicking
 * one emits "navigate"; so does Enter in the entry of the editing mode, with
 * what was typed made into a path by the source.
 */
#define G_LOG_DOMAIN "ferry-path-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "ferry-path-bar.h"

/* Longer folder names are shortened in the middle. */
#define MAX_SEGMENT_CHARS 32
/* The first button (a host name can be long) is shortened sooner. */
#define MAX_ANCHOR_CHARS 24

struct _FerryPathBar
{
  GtkWidget parent_instance;

  FerryBrowserSource *source;
  char *path;
  GPtrArray *segments; /* char *, the paths of the buttons */
  guint scroll_idle_id;

  /* Template children */
  GtkStack *stack;
  GtkBox *anchor_box;
  GtkWidget *first_separator_box;
  GtkWidget *first_separator;
  GtkLabel *overflow_label;
  GtkScrolledWindow *scroller;
  GtkBox *segments_box;
  GtkBox *current_box;
  GtkButton *edit_button;
  GtkEntry *entry;
};

G_DEFINE_FINAL_TYPE (FerryPathBar, ferry_path_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_PATH,
  PROP_EDITING,
  N_PROPS
};

enum {
  SIGNAL_NAVIGATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char path_bar_css[] =
  ".ferry-path-bar {"
  "  background-color: alpha(currentColor, 0.08);"
  "  border-radius: 6px;"
  "  min-height: 34px;"
  "}"
  ".ferry-path-bar button.segment {"
  "  padding: 2px 6px;"
  "  min-height: 26px;"
  "  margin: 0;"
  "}"
  ".ferry-path-bar button.segment label {"
  "  font-weight: normal;"
  "}"
  ".ferry-path-bar button.segment.current label {"
  "  font-weight: bold;"
  "}"
  ".ferry-path-bar .segment-separator {"
  "  opacity: 0.45;"
  "  margin: 0 1px;"
  "}"
  ".ferry-path-bar button.edit-button {"
  "  margin: 0 2px;"
  "  min-height: 26px;"
  "  min-width: 26px;"
  "  padding: 0;"
  "}";

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "ferry-path-bar-css"))
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, path_bar_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "ferry-path-bar-css",
                          g_steal_pointer (&provider), g_object_unref);
}

static void
segment_clicked_cb (GtkButton    *button,
                    FerryPathBar *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "ferry-path");

  if (path != NULL)
    {
      g_autofree char *copy = g_strdup (path); /* the buttons may be rebuilt */

      g_signal_emit (self, signals[SIGNAL_NAVIGATE], 0, copy);
    }
}

static GtkWidget *
segment_button_new (FerryPathBar *self,
                    const char   *path,
                    gboolean      current,
                    guint         max_chars) /* 0: shortened only to fit */
{
  g_autofree char *name = ferry_browser_source_dup_display_name (self->source, path);
  g_autofree char *display_path = ferry_browser_source_dup_display_path (self->source, path);
  const char *icon_name = ferry_browser_source_get_icon_name (self->source, path);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* The root of the disk is only an icon; every other button has its name. */
  gboolean icon_only = icon_name != NULL && g_str_equal (icon_name, "drive-harddisk-symbolic");

  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  if (!icon_only)
    {
      GtkWidget *label = gtk_label_new (name);

      /* The bar scrolls: names keep their width, only very long ones shrink. */
      if (max_chars == 0)
        gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      else if (g_utf8_strlen (name, -1) > (glong) max_chars)
        {
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
          gtk_label_set_width_chars (GTK_LABEL (label), (int) max_chars);
          gtk_label_set_max_width_chars (GTK_LABEL (label), (int) max_chars);
        }
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "segment");
  if (current)
    gtk_widget_add_css_class (button, "current");
  gtk_widget_set_tooltip_text (button, display_path);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "ferry-path", g_strdup (path), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (segment_clicked_cb), self);
  return button;
}

static void
ferry_path_bar_rebuild (FerryPathBar *self)
{
  GtkWidget *child;
  g_autofree char *path = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->anchor_box))) != NULL)
    gtk_box_remove (self->anchor_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->segments_box))) != NULL)
    gtk_box_remove (self->segments_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->current_box))) != NULL)
    gtk_box_remove (self->current_box, child);
  g_ptr_array_set_size (self->segments, 0);

  if (self->source == NULL || self->path == NULL)
    return;

  /* From the current folder up to the first place with an icon. */
  path = g_strdup (self->path);
  while (path != NULL)
    {
      char *parent;

      g_ptr_array_insert (self->segments, 0, g_strdup (path));
      if (ferry_browser_source_get_icon_name (self->source, path) != NULL)
        break;
      parent = ferry_browser_source_dup_parent (self->source, path);
      g_free (path);
      path = parent;
    }

  gtk_widget_set_visible (self->first_separator_box, self->segments->len > 1);
  for (guint i = 0; i < self->segments->len; i++)
    {
      const char *segment = g_ptr_array_index (self->segments, i);
      gboolean current = i + 1 == self->segments->len;

      if (i == 0)
        {
          gtk_box_append (self->anchor_box,
                          segment_button_new (self, segment, current, MAX_ANCHOR_CHARS));
          continue;
        }
      {
        /* The current folder sits after the scrolling part and shortens only when
         * nothing else can; the folders between scroll (their start out of view).
         * The separator after the first button is overflow_label's. */
        GtkBox *box = current ? self->current_box : self->segments_box;

        if (i > 1)
          {
            GtkWidget *separator = gtk_label_new ("/");

            gtk_widget_add_css_class (separator, "segment-separator");
            gtk_accessible_update_state (GTK_ACCESSIBLE (separator),
                                         GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
            gtk_box_append (box, separator);
          }
        gtk_box_append (box, segment_button_new (self, segment, current,
                                                 current ? 0 : MAX_SEGMENT_CHARS));
      }
    }
}

/* Keep the current folder in view: scroll to the end whenever the buttons or
 * the room for them change. Not from the "changed" handler itself: that runs
 * inside the viewport's allocation, which would not move the buttons. */
static gboolean
scroll_to_end_cb (gpointer user_data)
{
  FerryPathBar *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->scroller);

  self->scroll_idle_id = 0;
  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_upper (adjustment) -
                            gtk_adjustment_get_page_size (adjustment));
  return G_SOURCE_REMOVE;
}

/* The separator after the first button says "…" while folders after it are
 * out of view, "/" when all are shown. */
static void
scroller_value_changed_cb (FerryPathBar *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  gboolean scrolled = gtk_adjustment_get_value (adjustment) > 0.5;

  /* Opacity only: a new text would need a new layout, which moves the
   * adjustment again. */
  gtk_widget_set_opacity (self->first_separator, scrolled ? 0.0 : 1.0);
  gtk_widget_set_opacity (GTK_WIDGET (self->overflow_label), scrolled ? 1.0 : 0.0);
}

static void
scroller_changed_cb (FerryPathBar *self)
{
  if (self->scroll_idle_id == 0)
    self->scroll_idle_id = g_idle_add (scroll_to_end_cb, self);
}

static void
set_editing (FerryPathBar *self,
             gboolean      editing)
{
  if (editing == ferry_path_bar_get_editing (self))
    return;

  if (editing)
    {
      g_autofree char *text = NULL;

      if (self->source != NULL && self->path != NULL)
        text = ferry_browser_source_dup_display_path (self->source, self->path);
      gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
      gtk_stack_set_visible_child_name (self->stack, "entry");
      gtk_widget_grab_focus (GTK_WIDGET (self->entry));
      gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
    }
  else
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
      gboolean had_focus = focus != NULL &&
                           (focus == GTK_WIDGET (self->entry) ||
                            gtk_widget_is_ancestor (focus, GTK_WIDGET (self->entry)));

      gtk_stack_set_visible_child_name (self->stack, "buttons");
      if (had_focus)
        gtk_widget_grab_focus (GTK_WIDGET (self->edit_button));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

static void
edit_button_clicked_cb (FerryPathBar *self)
{
  set_editing (self, TRUE);
}

static void
entry_activate_cb (FerryPathBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->source == NULL)
    return;

  path = ferry_browser_source_path_from_display (self->source, text, self->path, &error);
  if (path == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry), error->message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      return;
    }
  set_editing (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_NAVIGATE], 0, path);
}

static void
entry_changed_cb (FerryPathBar *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry),
                               _("Type a folder and press Enter; Escape goes back"));
}

static gboolean
entry_key_pressed_cb (FerryPathBar    *self,
                      guint            keyval,
                      guint            keycode,
                      GdkModifierType  state)
{
  if (keyval == GDK_KEY_Escape)
    {
      set_editing (self, FALSE);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
entry_focus_leave_cb (FerryPathBar *self)
{
  /* Clicking elsewhere ends editing, as in Files. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    set_editing (self, FALSE);
}

static void
ferry_path_bar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FerryPathBar *self = FERRY_PATH_BAR (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_EDITING:
      g_value_set_boolean (value, ferry_path_bar_get_editing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_path_bar_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FerryPathBar *self = FERRY_PATH_BAR (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      ferry_path_bar_set_source (self, g_value_get_object (value));
      break;
    case PROP_PATH:
      ferry_path_bar_set_path (self, g_value_get_string (value));
      break;
    case PROP_EDITING:
      set_editing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_path_bar_dispose (GObject *object)
{
  FerryPathBar *self = FERRY_PATH_BAR (object);

  g_clear_handle_id (&self->scroll_idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), FERRY_TYPE_PATH_BAR);

  G_OBJECT_CLASS (ferry_path_bar_parent_class)->dispose (object);
}

static void
ferry_path_bar_finalize (GObject *object)
{
  FerryPathBar *self = FERRY_PATH_BAR (object);

  g_clear_object (&self->source);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->segments, g_ptr_array_unref);

  G_OBJECT_CLASS (ferry_path_bar_parent_class)->finalize (object);
}

static void
ferry_path_bar_class_init (FerryPathBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ferry_path_bar_get_property;
  object_class->set_property = ferry_path_bar_set_property;
  object_class->dispose = ferry_path_bar_dispose;
  object_class->finalize = ferry_path_bar_finalize;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, FERRY_TYPE_BROWSER_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FerryPathBar::navigate:
   * @path: the folder to show, in the source's encoding
   */
  signals[SIGNAL_NAVIGATE] =
    g_signal_new ("navigate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ferryapp/Ferry/ui/ferry-path-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, FerryPathBar, stack);
  gtk_widget_class_bind_template_child (widget_class, FerryPathBar, anchor_box);
  gtk_widget_class_bind_template_child (widget_class, FerryPathBar, first_separator_box);
  gtk_widget_class_bind_template_child (widget_class, FerryPathBar, first_separator);
  gtk_widget_class_bind_template_child (widget_class, FerryPathBar, overflow_label);
  gtk_widget_class_bind_template_child (widget_class, FerryPathBar, scroller);
  gtk_widget_class_bind_template_child (widget_class, FerryPathBar, segments_box);
  gtk_widget_class_bind_template_child (widget_class, FerryPathBar, current_box);
  gtk_widget_class_bind_template_child (widget_class, FerryPathBar, edit_button);
  gtk_widget_class_bind_template_child (widget_class, FerryPathBar, entry);
  gtk_widget_class_bind_template_callback (widget_class, edit_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_focus_leave_cb);

  gtk_widget_class_set_css_name (widget_class, "ferrypathbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ferry_path_bar_init (FerryPathBar *self)
{
  self->segments = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css (GTK_WIDGET (self));

  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "changed",
                           G_CALLBACK (scroller_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "value-changed",
                           G_CALLBACK (scroller_value_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->first_separator_box),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  /* Coming back from the entry, the buttons may have been rebuilt unseen. */
  g_signal_connect_object (self->scroller, "map", G_CALLBACK (scroller_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
ferry_path_bar_new (void)
{
  return g_object_new (FERRY_TYPE_PATH_BAR, NULL);
}

void
ferry_path_bar_set_source (FerryPathBar       *self,
                           FerryBrowserSource *source)
{
  g_return_if_fail (FERRY_IS_PATH_BAR (self));
  g_return_if_fail (source == NULL || FERRY_IS_BROWSER_SOURCE (source));

  if (!g_set_object (&self->source, source))
    return;
  ferry_path_bar_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

FerryBrowserSource *
ferry_path_bar_get_source (FerryPathBar *self)
{
  g_return_val_if_fail (FERRY_IS_PATH_BAR (self), NULL);

  return self->source;
}

void
ferry_path_bar_set_path (FerryPathBar *self,
                         const char   *path)
{
  g_return_if_fail (FERRY_IS_PATH_BAR (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;
  g_free (self->path);
  self->path = g_strdup (path);
  ferry_path_bar_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

const char *
ferry_path_bar_get_path (FerryPathBar *self)
{
  g_return_val_if_fail (FERRY_IS_PATH_BAR (self), NULL);

  return self->path;
}

GStrv
ferry_path_bar_dup_segments (FerryPathBar *self)
{
  GStrvBuilder *builder;
  GStrv segments;

  g_return_val_if_fail (FERRY_IS_PATH_BAR (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->segments->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->segments, i));
  segments = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return segments;
}

void
ferry_path_bar_start_editing (FerryPathBar *self)
{
  g_return_if_fail (FERRY_IS_PATH_BAR (self));

  set_editing (self, TRUE);
}

void
ferry_path_bar_stop_editing (FerryPathBar *self)
{
  g_return_if_fail (FERRY_IS_PATH_BAR (self));

  set_editing (self, FALSE);
}

gboolean
ferry_path_bar_get_editing (FerryPathBar *self)
{
  g_return_val_if_fail (FERRY_IS_PATH_BAR (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "entry") == 0;
}
