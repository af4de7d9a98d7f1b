/* ferry-cli-ls.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `ferry-cli ls [--json] [-a] URL`: a remote folder's parsed listing, one
 * entry a line (kind, permissions, size, modified, name) or a JSON array.
 */
#define G_LOG_DOMAIN "ferry-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ferry-cli-ls.h"
#include "ferry-cli-remote.h"
#include "ferry-error.h"
#include "ferry-listing.h"

static const char *
kind_name (FerryRemoteFileKind kind)
{
  switch (kind)
    {
    case FERRY_REMOTE_FILE_KIND_FILE:
      return "file";
    case FERRY_REMOTE_FILE_KIND_DIRECTORY:
      return "directory";
    case FERRY_REMOTE_FILE_KIND_LINK:
      return "link";
    case FERRY_REMOTE_FILE_KIND_SPECIAL:
    default:
      return "special";
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  FerryRemoteFile *fa = *(FerryRemoteFile **) a;
  FerryRemoteFile *fb = *(FerryRemoteFile **) b;

  return strcmp (ferry_remote_file_get_collation_key (fa),
                 ferry_remote_file_get_collation_key (fb));
}

/* Whether the name as the server sent it differs from the name shown. */
static gboolean
raw_differs (FerryRemoteFile *file)
{
  GBytes *raw = ferry_remote_file_get_raw_name (file);
  const char *name = ferry_remote_file_get_name (file);
  gsize len = 0;
  const char *data = g_bytes_get_data (raw, &len);

  return len != strlen (name) || memcmp (data, name, len) != 0;
}

/* "drwxr-xr-x" from the mode when the listing gave one (MLSD's UNIX.mode),
 * else the permissions as listed. */
static char *
permissions_text (FerryRemoteFile *file)
{
  static const char kinds[] = { '-', 'd', 'l', '?' };
  guint mode = ferry_remote_file_get_mode (file);
  const char *listed = ferry_remote_file_get_permissions (file);
  char text[11];

  if (listed != NULL && (mode == 0 || strlen (listed) >= 10))
    return g_strdup (listed);
  if (mode == 0)
    return g_strdup ("-");
  text[0] = kinds[MIN ((guint) ferry_remote_file_get_kind (file), G_N_ELEMENTS (kinds) - 1)];
  for (guint i = 0; i < 9; i++)
    text[1 + i] = (mode & (0400 >> i)) ? "rwxrwxrwx"[i] : '-';
  if (mode & 04000)
    text[3] = (mode & 0100) ? 's' : 'S';
  if (mode & 02000)
    text[6] = (mode & 010) ? 's' : 'S';
  if (mode & 01000)
    text[9] = (mode & 01) ? 't' : 'T';
  text[10] = '\0';
  return g_strdup (text);
}

static void
print_plain (GPtrArray *entries)
{
  /* The date of the entry before, reused while it stays the same (a listing's
   * entries share a few times; g_date_time_format was an eighth of the run). */
  gint64 last_usec = 0;
  GTimeSpan last_offset = 0;
  gboolean last_has_time = FALSE;
  g_autofree char *last_date = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      FerryRemoteFile *file = g_ptr_array_index (entries, i);
      FerryRemoteFileKind kind = ferry_remote_file_get_kind (file);
      GDateTime *modified = ferry_remote_file_get_modified (file);
      g_autofree char *permissions = permissions_text (file);
      const char *target = ferry_remote_file_get_link_target (file);
      gint64 size = ferry_remote_file_get_size (file);
      g_autofree char *size_text = size >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, size)
                                             : g_strdup ("-");
      const char *date = "-";

      if (modified != NULL)
        {
          gboolean has_time = ferry_remote_file_get_modified_has_time (file);
          gint64 usec = g_date_time_to_unix (modified) * G_USEC_PER_SEC +
                        g_date_time_get_microsecond (modified);
          GTimeSpan offset = g_date_time_get_utc_offset (modified);

          if (last_date == NULL || usec != last_usec || offset != last_offset ||
              has_time != last_has_time)
            {
              g_free (last_date);
              last_date = g_date_time_format (modified, has_time ? "%Y-%m-%d %H:%M"
                                                                 : "%Y-%m-%d");
              last_usec = usec;
              last_offset = offset;
              last_has_time = has_time;
            }
          date = last_date;
        }

      printf ("%-9s %-11s %12s  %-16s  %s%s%s\n", kind_name (kind), permissions, size_text,
              date, ferry_remote_file_get_name (file), target ? " -> " : "",
              target ? target : "");
    }
}

/* --- ls --json, written as it goes ---
 *
 * The same text json-glib's pretty generator gave (two-space indent, " : "),
 * written entry by entry: a JsonBuilder tree of 20,000 objects took three
 * times the parsing's instructions to build, write and free. */

#define JSON_FLUSH_AT (64 * 1024)

/* g_string_append_len without the call while the text fits (the buffer is
 * sized once, above the flush mark): 840,000 appends for 20,000 entries. */
static inline void
put (GString    *out,
     const char *text,
     gsize       len)
{
  if (G_LIKELY (out->len + len < out->allocated_len))
    {
      memcpy (out->str + out->len, text, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, text, len);
}

#define PUT_LITERAL(out, literal) put ((out), "" literal, sizeof (literal) - 1)

static void
put_uint (GString *out,
          guint64  value)
{
  char digits[24];
  char *p = digits + sizeof digits;

  do
    *--p = (char) ('0' + value % 10);
  while ((value /= 10) != 0);
  put (out, p, digits + sizeof digits - p);
}

static void
json_string (GString    *out,
             const char *value)
{
  const char *run = value;

  if (value == NULL)
    {
      PUT_LITERAL (out, "null");
      return;
    }
  PUT_LITERAL (out, "\"");
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape = NULL;

      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          if (c >= 0x20)
            continue;
        }
      put (out, run, p - run);
      if (escape != NULL)
        put (out, escape, 2);
      else
        g_string_append_printf (out, "\\u%04x", c);
      run = p + 1;
    }
  put (out, run, strlen (run));
  PUT_LITERAL (out, "\"");
}

static void
json_member (GString    *out,
             const char *name)
{
  PUT_LITERAL (out, ",\n    \"");
  put (out, name, strlen (name));
  PUT_LITERAL (out, "\" : ");
}

/* @value: not negative when @present */
static void
json_int_or_null (GString *out,
                  gboolean present,
                  gint64   value)
{
  if (present)
    put_uint (out, (guint64) value);
  else
    PUT_LITERAL (out, "null");
}

static void
json_bool (GString *out,
           gboolean value)
{
  if (value)
    PUT_LITERAL (out, "true");
  else
    PUT_LITERAL (out, "false");
}

/* Entries of one listing mostly share a few times: the ISO 8601 text of the
 * last one is kept and given again while the time stays the same. */
typedef struct
{
  gint64 unix_usec;
  GTimeSpan offset;
  char *text;
} JsonDateCache;

static const char *
json_date_text (JsonDateCache *cache,
                GDateTime     *modified)
{
  gint64 usec = g_date_time_to_unix (modified) * G_USEC_PER_SEC +
                g_date_time_get_microsecond (modified);
  GTimeSpan offset = g_date_time_get_utc_offset (modified);

  if (cache->text == NULL || cache->unix_usec != usec || cache->offset != offset)
    {
      g_free (cache->text);
      cache->text = g_date_time_format_iso8601 (modified);
      cache->unix_usec = usec;
      cache->offset = offset;
    }
  return cache->text;
}

static void
json_entry (GString         *out,
            FerryRemoteFile *file,
            JsonDateCache   *dates)
{
  GDateTime *modified = ferry_remote_file_get_modified (file);
  gint64 size = ferry_remote_file_get_size (file);
  int target_kind = ferry_remote_file_get_link_target_kind (file);
  guint mode = ferry_remote_file_get_mode (file);
  const char *strings[][2] = {
    { "permissions", ferry_remote_file_get_permissions (file) },
    { "owner", ferry_remote_file_get_owner (file) },
    { "group", ferry_remote_file_get_group (file) },
    { "link_target", ferry_remote_file_get_link_target (file) },
  };

  PUT_LITERAL (out, "{\n    \"name\" : ");
  json_string (out, ferry_remote_file_get_name (file));
  if (raw_differs (file))
    {
      /* The bytes the server sent (not UTF-8, or with control characters). */
      GBytes *raw = ferry_remote_file_get_raw_name (file);
      gsize len = 0;
      const guchar *data = g_bytes_get_data (raw, &len);
      g_autofree char *encoded = g_base64_encode (data, len);

      json_member (out, "raw_name_base64");
      json_string (out, encoded);
    }
  json_member (out, "kind");
  json_string (out, kind_name (ferry_remote_file_get_kind (file)));
  json_member (out, "size");
  json_int_or_null (out, size >= 0, size);
  json_member (out, "modified");
  json_string (out, modified != NULL ? json_date_text (dates, modified) : NULL);
  json_member (out, "modified_has_time");
  json_bool (out, modified != NULL && ferry_remote_file_get_modified_has_time (file));
  json_member (out, "mode");
  json_int_or_null (out, mode != 0, mode);
  for (guint j = 0; j < G_N_ELEMENTS (strings); j++)
    {
      json_member (out, strings[j][0]);
      json_string (out, strings[j][1]);
    }
  json_member (out, "link_target_kind");
  json_string (out, ferry_remote_file_get_kind (file) == FERRY_REMOTE_FILE_KIND_LINK &&
                    target_kind >= 0 ? kind_name (target_kind) : NULL);
  json_member (out, "hidden");
  json_bool (out, ferry_remote_file_is_hidden (file));
  json_member (out, "safe_name");
  json_bool (out, ferry_remote_file_get_safe_name (file));
  PUT_LITERAL (out, "\n  }");
}

static void
print_json (GPtrArray *entries)
{
  g_autoptr (GString) out = g_string_sized_new (JSON_FLUSH_AT + 4096);
  JsonDateCache dates = { 0, 0, NULL };

  g_string_append_c (out, '[');
  for (guint i = 0; i < entries->len; i++)
    {
      if (i == 0)
        PUT_LITERAL (out, "\n  ");
      else
        PUT_LITERAL (out, ",\n  ");
      json_entry (out, g_ptr_array_index (entries, i), &dates);
      if (out->len >= JSON_FLUSH_AT)
        {
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
        }
    }
  g_string_append (out, entries->len > 0 ? "\n]\n" : "]\n");
  fwrite (out->str, 1, out->len, stdout);
  g_free (dates.text);
}

#define UNREAD_SHOWN 5

/* Says on standard error how many lines of @listing Ferry could not read, and
 * shows the first ones, so an unreadable folder never looks empty. */
static void
warn_unread (FerryListing *listing)
{
  guint n = ferry_listing_get_n_unread_lines (listing);
  const char * const *lines = ferry_listing_get_unread_lines (listing);

  if (n == 0)
    return;
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "ferry-cli ls: %u line of the listing could not be read:\n",
                           "ferry-cli ls: %u lines of the listing could not be read:\n",
                           n),
              n);
  for (guint i = 0; i < UNREAD_SHOWN && lines[i] != NULL; i++)
    g_printerr ("  %s\n", lines[i]);
  if (n > UNREAD_SHOWN)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "  … and %u more line\n",
                             "  … and %u more lines\n", n - UNREAD_SHOWN),
                n - UNREAD_SHOWN);
}

int
ferry_cli_ls_main (int    argc,
                   char **argv)
{
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Show hidden entries (names that begin with “.”)"),
      NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (N_("URL — list a remote folder"));
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) listing = NULL;
  g_autoptr (GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = NULL;
  FerryCliRemote remote;
  int exit_code;
  int listed_code = FERRY_EXIT_OK;

  ferry_cli_remote_init (&remote, "ls");
  g_option_context_set_summary (context,
                                N_("Lists the folder at the URL's path (the login folder when "
                                   "there is none): kind, permissions, size, modification time "
                                   "(UTC) and name. --json prints an array of objects."));
  exit_code = ferry_cli_remote_parse (&remote, context, entries, &argc, &argv);
  if (exit_code < 0 && argc != 2)
    {
      g_printerr (_("ferry-cli ls: give one URL, such as ftpes://user@host/folder.\n"));
      exit_code = FERRY_EXIT_USAGE;
    }
  if (exit_code >= 0)
    {
      ferry_cli_remote_clear (&remote);
      return exit_code;
    }

  if (!ferry_cli_remote_open (&remote, argv[1], &error) ||
      (path = ferry_cli_remote_resolve (&remote, remote.url_path, &error)) == NULL)
    goto failed;

  listing = ferry_cli_remote_list (&remote, path, all, &error);
  if (listing == NULL)
    {
      g_autoptr (GError) stat_error = NULL;
      g_autoptr (FerryRemoteFile) file = NULL;

      /* Not a folder that can be listed: a file is shown as its own listing. */
      if (!g_error_matches (error, FERRY_ERROR, FERRY_ERROR_REMOTE))
        goto failed;
      file = ferry_cli_remote_stat (&remote, path, &stat_error);
      if (file == NULL || ferry_remote_file_get_kind (file) != FERRY_REMOTE_FILE_KIND_FILE)
        goto failed;
      g_clear_error (&error);
      g_ptr_array_add (shown, g_steal_pointer (&file));
    }
  else
    {
      for (guint i = 0; i < g_list_model_get_n_items (listing); i++)
        {
          g_autoptr (FerryRemoteFile) file = g_list_model_get_item (listing, i);
          const char *name = ferry_remote_file_get_name (file);

          if (g_str_equal (name, ".") || g_str_equal (name, ".."))
            continue;
          if (!all && ferry_remote_file_is_hidden (file))
            continue;
          g_ptr_array_add (shown, g_steal_pointer (&file));
        }
      g_ptr_array_sort (shown, compare_entries);
      warn_unread (FERRY_LISTING (listing));
      if (g_list_model_get_n_items (listing) == 0 &&
          ferry_listing_get_n_unread_lines (FERRY_LISTING (listing)) > 0)
        listed_code = FERRY_EXIT_UNREADABLE;
    }

  if (remote.options.json)
    print_json (shown);
  else
    print_plain (shown);
  ferry_cli_remote_clear (&remote);
  return listed_code;

failed:
  exit_code = ferry_cli_remote_fail (&remote, error);
  ferry_cli_remote_clear (&remote);
  return exit_code;
}
