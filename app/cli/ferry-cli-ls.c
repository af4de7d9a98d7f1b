/* ferry-cli-ls.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `ferry-cli ls [--json] [-a] URL`: a remote folder's parsed listing, one
 * entry a line (kind, permissions, size, modified, name) or a JSON array.
 */
#define G_LOG_DOMAIN "ferry-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "ferry-cli-json.h"
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
      g_autofree char *date = NULL;

      if (modified == NULL)
        date = g_strdup ("-");
      else if (ferry_remote_file_get_modified_has_time (file))
        date = g_date_time_format (modified, "%Y-%m-%d %H:%M");
      else
        date = g_date_time_format (modified, "%Y-%m-%d");

      printf ("%-9s %-11s %12s  %-16s  %s%s%s\n", kind_name (kind), permissions, size_text,
              date, ferry_remote_file_get_name (file), target ? " -> " : "",
              target ? target : "");
    }
}

static void
print_json (GPtrArray *entries)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      FerryRemoteFile *file = g_ptr_array_index (entries, i);
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

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, ferry_remote_file_get_name (file));
      if (raw_differs (file))
        {
          /* The bytes the server sent (not UTF-8, or with control characters). */
          GBytes *raw = ferry_remote_file_get_raw_name (file);
          gsize len = 0;
          const guchar *data = g_bytes_get_data (raw, &len);
          g_autofree char *encoded = g_base64_encode (data, len);

          json_builder_set_member_name (builder, "raw_name_base64");
          json_builder_add_string_value (builder, encoded);
        }
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, kind_name (ferry_remote_file_get_kind (file)));
      json_builder_set_member_name (builder, "size");
      if (size >= 0)
        json_builder_add_int_value (builder, size);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "modified");
      if (modified != NULL)
        {
          g_autofree char *iso = g_date_time_format_iso8601 (modified);

          json_builder_add_string_value (builder, iso);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "modified_has_time");
      json_builder_add_boolean_value (builder, modified != NULL &&
                                                 ferry_remote_file_get_modified_has_time (file));
      json_builder_set_member_name (builder, "mode");
      if (mode != 0)
        json_builder_add_int_value (builder, mode);
      else
        json_builder_add_null_value (builder);
      for (guint j = 0; j < G_N_ELEMENTS (strings); j++)
        {
          json_builder_set_member_name (builder, strings[j][0]);
          if (strings[j][1] != NULL)
            json_builder_add_string_value (builder, strings[j][1]);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_set_member_name (builder, "link_target_kind");
      if (ferry_remote_file_get_kind (file) == FERRY_REMOTE_FILE_KIND_LINK && target_kind >= 0)
        json_builder_add_string_value (builder, kind_name (target_kind));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "hidden");
      json_builder_add_boolean_value (builder, ferry_remote_file_is_hidden (file));
      json_builder_set_member_name (builder, "safe_name");
      json_builder_add_boolean_value (builder, ferry_remote_file_get_safe_name (file));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  node = json_builder_get_root (builder);
  text = ferry_cli_json_to_string (node);
  printf ("%s\n", text);
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
