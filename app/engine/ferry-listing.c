/* ferry-listing.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ferry-listing"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-listing.h"

#include "ferry-error.h"
#include "ferry-reply.h"

struct _FerryListing
{
  GObject parent_instance;

  char *path;
  GPtrArray *items;  /* FerryRemoteFile */
  GStrv warnings;
  guint n_warnings;
  GStrv unread_lines;
  guint n_unread_lines;
  gboolean possibly_truncated;
};

static void ferry_listing_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FerryListing, ferry_listing, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      ferry_listing_list_model_init))

enum {
  PROP_0,
  PROP_PATH,
  PROP_WARNINGS,
  PROP_N_WARNINGS,
  PROP_POSSIBLY_TRUNCATED,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
ferry_listing_get_item_type (GListModel *model)
{
  return FERRY_TYPE_REMOTE_FILE;
}

static guint
ferry_listing_get_n_items (GListModel *model)
{
  return FERRY_LISTING (model)->items->len;
}

static gpointer
ferry_listing_get_item (GListModel *model,
                        guint       position)
{
  FerryListing *self = FERRY_LISTING (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
ferry_listing_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ferry_listing_get_item_type;
  iface->get_n_items = ferry_listing_get_n_items;
  iface->get_item = ferry_listing_get_item;
}

static void
ferry_listing_finalize (GObject *object)
{
  FerryListing *self = FERRY_LISTING (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_strfreev);
  g_clear_pointer (&self->unread_lines, g_strfreev);

  G_OBJECT_CLASS (ferry_listing_parent_class)->finalize (object);
}

static void
ferry_listing_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FerryListing *self = FERRY_LISTING (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_WARNINGS:
      g_value_set_boxed (value, self->warnings);
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, self->n_warnings);
      break;
    case PROP_POSSIBLY_TRUNCATED:
      g_value_set_boolean (value, self->possibly_truncated);
      break;
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, FERRY_TYPE_REMOTE_FILE);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ferry_listing_class_init (FerryListingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ferry_listing_finalize;
  object_class->get_property = ferry_listing_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_WARNINGS] =
    g_param_spec_boxed ("warnings", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_N_WARNINGS] =
    g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_POSSIBLY_TRUNCATED] =
    g_param_spec_boolean ("possibly-truncated", NULL, NULL, FALSE, flags);
  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT, flags);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ferry_listing_init (FerryListing *self)
{
}

const char *
ferry_listing_get_path (FerryListing *self)
{
  g_return_val_if_fail (FERRY_IS_LISTING (self), NULL);

  return self->path;
}

const char * const *
ferry_listing_get_warnings (FerryListing *self)
{
  g_return_val_if_fail (FERRY_IS_LISTING (self), NULL);

  return (const char * const *) self->warnings;
}

guint
ferry_listing_get_n_warnings (FerryListing *self)
{
  g_return_val_if_fail (FERRY_IS_LISTING (self), 0);

  return self->n_warnings;
}

const char * const *
ferry_listing_get_unread_lines (FerryListing *self)
{
  g_return_val_if_fail (FERRY_IS_LISTING (self), NULL);

  return (const char * const *) self->unread_lines;
}

guint
ferry_listing_get_n_unread_lines (FerryListing *self)
{
  g_return_val_if_fail (FERRY_IS_LISTING (self), 0);

  return self->n_unread_lines;
}

gboolean
ferry_listing_get_possibly_truncated (FerryListing *self)
{
  g_return_val_if_fail (FERRY_IS_LISTING (self), FALSE);

  return self->possibly_truncated;
}

/* --- the builder --- */

struct _FerryListingBuilder
{
  char *path;
  gboolean mlsd;
  char *charset;
  GDateTime *now;
  FerryListContext ctx;  /* points into the fields above */
  FerryServerType chosen_type; /* the caller's; when auto, headers set ctx's */

  GString *partial;      /* the start of a line whose end has not arrived */
  GString *held;         /* a VMS name whose entry goes on on the next line */
  gboolean overlong;     /* the current line is over the limit: skip to its end */
  guint line_number;

  GPtrArray *items;
  GPtrArray *warnings;   /* char *, at most FERRY_LISTING_MAX_WARNINGS */
  guint n_warnings;
  GPtrArray *unread;     /* char *, at most FERRY_LISTING_MAX_UNREAD */
  guint n_unread;
  guint n_dot_entries;   /* "." and ".." skipped */
};

/* Counts @text and keeps it while @kept holds fewer than @max; frees it otherwise. */
static void
keep_capped (GPtrArray *kept,
             guint     *n_seen,
             guint      max,
             char      *text)
{
  (*n_seen)++;
  if (kept->len < max)
    g_ptr_array_add (kept, text);
  else
    g_free (text);
}

static void
add_warning (FerryListingBuilder *builder,
             char                *sentence)
{
  keep_capped (builder->warnings, &builder->n_warnings, FERRY_LISTING_MAX_WARNINGS, sentence);
}

FerryListingBuilder *
ferry_listing_builder_new (const char             *path,
                           gboolean                mlsd,
                           const FerryListContext *ctx)
{
  FerryListingBuilder *builder = g_new0 (FerryListingBuilder, 1);

  builder->path = g_strdup (path);
  builder->mlsd = !!mlsd;
  builder->partial = g_string_sized_new (256);
  builder->held = g_string_new (NULL);
  builder->items = g_ptr_array_new_with_free_func (g_object_unref);
  builder->warnings = g_ptr_array_new_with_free_func (g_free);
  builder->unread = g_ptr_array_new_with_free_func (g_free);

  if (ctx != NULL)
    {
      builder->charset = g_strdup (ctx->charset);
      builder->ctx.timezone_offset_minutes = ctx->timezone_offset_minutes;
      builder->ctx.server_type = ctx->server_type;
      builder->chosen_type = ctx->server_type;
      if (ctx->now != NULL)
        builder->now = g_date_time_ref (ctx->now);
    }
  if (builder->now == NULL)
    builder->now = g_date_time_new_now_utc ();
  builder->ctx.charset = builder->charset;
  builder->ctx.now = builder->now;

  if (builder->charset != NULL && builder->charset[0] != '\0')
    {
      GIConv conv = g_iconv_open ("UTF-8", builder->charset);

      if (conv == (GIConv) -1)
        add_warning (builder,
                     g_strdup_printf (_("Ferry does not know the character set “%s”; names "
                                        "are shown as UTF-8."),
                                      builder->charset));
      else
        g_iconv_close (conv);
    }

  return builder;
}

void
ferry_listing_builder_free (FerryListingBuilder *builder)
{
  if (builder == NULL)
    return;
  g_free (builder->path);
  g_free (builder->charset);
  g_clear_pointer (&builder->now, g_date_time_unref);
  g_string_free (builder->partial, TRUE);
  g_string_free (builder->held, TRUE);
  g_ptr_array_unref (builder->items);
  g_ptr_array_unref (builder->warnings);
  g_ptr_array_unref (builder->unread);
  g_free (builder);
}

static gboolean
is_dot_entry (FerryRemoteFile *file)
{
  gsize len;
  const char *name = g_bytes_get_data (ferry_remote_file_get_raw_name (file), &len);

  return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

static void
line_too_long (FerryListingBuilder *builder)
{
  add_warning (builder,
               g_strdup_printf (_("Line %u of the listing is longer than %u bytes; Ferry "
                                  "skipped it."),
                                builder->line_number, FERRY_LISTING_MAX_LINE));
}

static FerryRemoteFile *
parse_one (FerryListingBuilder *builder,
           const char          *line,
           gsize                len,
           GError             **error)
{
  if (builder->mlsd)
    return ferry_mlsd_parse_line (line, len, &builder->ctx, error);
  return ferry_list_parse_line (line, len, &builder->ctx, error);
}

/* Keeps what reading @line gave: @file (taken), or the line as unread. */
static void
record (FerryListingBuilder *builder,
        const char          *line,
        gsize                len,
        FerryRemoteFile     *file,
        GError              *error)
{
  g_autoptr(GError) unsafe = NULL;

  if (file == NULL)
    {
      /* A line in no known format is kept as it came, not as a warning: the
       * two would say the same twice. */
      if (g_error_matches (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL))
        keep_capped (builder->unread, &builder->n_unread, FERRY_LISTING_MAX_UNREAD,
                     ferry_sanitize_for_display (line, len, FERRY_LISTING_UNREAD_CHARS));
      else if (error != NULL)
        add_warning (builder, g_strdup_printf ("Line %u: %s", builder->line_number,
                                               error->message));
      return;
    }

  if (is_dot_entry (file))
    {
      builder->n_dot_entries++;
      g_object_unref (file);
      return;
    }

  /* The file checked its name when it was made; check again only for the message. */
  if (!ferry_remote_file_get_safe_name (file) &&
      !ferry_remote_name_is_safe (ferry_remote_file_get_raw_name (file), &unsafe))
    add_warning (builder, g_strdup (unsafe->message));
  g_ptr_array_add (builder->items, file);
}

/* Reads @line alone and keeps the result. */
static void
read_line (FerryListingBuilder *builder,
           const char          *line,
           gsize                len)
{
  g_autoptr(GError) error = NULL;
  FerryRemoteFile *file = parse_one (builder, line, len, &error);

  record (builder, line, len, file, error);
}

/* A VMS name held from the line before that no entry followed. */
static void
flush_held (FerryListingBuilder *builder)
{
  if (builder->held->len == 0)
    return;
  read_line (builder, builder->held->str, builder->held->len);
  g_string_truncate (builder->held, 0);
}

/* A complete line, without its LF. */
static void
end_line (FerryListingBuilder *builder,
          const char          *line,
          gsize                len)
{
  builder->line_number++;
  if (len > 0 && line[len - 1] == '\r')
    len--;
  if (len > FERRY_LISTING_MAX_LINE)
    {
      flush_held (builder);
      line_too_long (builder);
      return;
    }
  if (builder->mlsd)
    {
      read_line (builder, line, len);
      return;
    }

  /* The rest of a long VMS name's entry: read the two lines as one. */
  if (builder->held->len > 0)
    {
      gsize held_len = builder->held->len;
      g_autoptr(GError) error = NULL;
      FerryRemoteFile *file;

      g_string_append_c (builder->held, ' ');
      g_string_append_len (builder->held, line, len);
      file = parse_one (builder, builder->held->str, builder->held->len, &error);
      if (file != NULL || error == NULL)
        {
          record (builder, builder->held->str, builder->held->len, file, NULL);
          g_string_truncate (builder->held, 0);
          return;
        }
      g_string_truncate (builder->held, held_len);
      flush_held (builder);
    }

  if (ferry_list_line_continues (line, len))
    {
      g_string_append_len (builder->held, line, len);
      return;
    }

  /* A header says what the server is, for the lines that only it can read. */
  if (builder->chosen_type == FERRY_SERVER_TYPE_AUTO)
    {
      FerryServerType shown = ferry_list_line_header_type (line, len);

      if (shown != FERRY_SERVER_TYPE_AUTO)
        builder->ctx.server_type = shown;
    }

  read_line (builder, line, len);
}

void
ferry_listing_builder_push (FerryListingBuilder *builder,
                            const char          *data,
                            gsize                len)
{
  const char *p = data;
  const char *end = data + len;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (data != NULL || len == 0);

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = (nl != NULL ? nl : end) - p;

      /* A whole line in this chunk: parse it where it is. */
      if (nl != NULL && builder->partial->len == 0 && !builder->overlong)
        {
          end_line (builder, p, n);
          p = nl + 1;
          continue;
        }

      /* Keep the start of the line, up to the limit (and a CR). */
      if (!builder->overlong)
        {
          if (builder->partial->len + n > FERRY_LISTING_MAX_LINE + 1)
            {
              builder->overlong = TRUE;
              g_string_truncate (builder->partial, 0);
            }
          else
            g_string_append_len (builder->partial, p, n);
        }

      if (nl == NULL)
        break;

      if (builder->overlong)
        {
          builder->line_number++;
          line_too_long (builder);
          builder->overlong = FALSE;
        }
      else
        {
          end_line (builder, builder->partial->str, builder->partial->len);
          g_string_truncate (builder->partial, 0);
        }
      p = nl + 1;
    }
}

FerryListing *
ferry_listing_builder_finish (FerryListingBuilder *builder)
{
  FerryListing *self;
  guint n_entries;

  g_return_val_if_fail (builder != NULL, NULL);

  /* A last line without a line ending. */
  if (builder->overlong)
    {
      builder->line_number++;
      line_too_long (builder);
    }
  else if (builder->partial->len > 0)
    end_line (builder, builder->partial->str, builder->partial->len);
  flush_held (builder);

  self = g_object_new (FERRY_TYPE_LISTING, NULL);
  self->path = g_steal_pointer (&builder->path);
  self->items = g_steal_pointer (&builder->items);
  g_ptr_array_add (builder->warnings, NULL);
  self->warnings = (GStrv) g_ptr_array_free (g_steal_pointer (&builder->warnings), FALSE);
  self->n_warnings = builder->n_warnings;
  g_ptr_array_add (builder->unread, NULL);
  self->unread_lines = (GStrv) g_ptr_array_free (g_steal_pointer (&builder->unread), FALSE);
  self->n_unread_lines = builder->n_unread;

  /* pure-ftpd counts what it sends, "." and ".." included when it sends them. */
  n_entries = self->items->len;
  self->possibly_truncated = n_entries == FERRY_LISTING_SERVER_LIMIT ||
                             n_entries + builder->n_dot_entries == FERRY_LISTING_SERVER_LIMIT;

  builder->items = g_ptr_array_new ();
  builder->warnings = g_ptr_array_new ();
  builder->unread = g_ptr_array_new ();
  ferry_listing_builder_free (builder);
  return self;
}
