/* ferry-filezilla-export.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The site list as FileZilla's sitemanager.xml, without passwords.
 */
#define G_LOG_DOMAIN "ferry-filezilla-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ferry-error.h"
#include "ferry-filezilla-private.h"
#include "ferry-filezilla.h"

static int
export_protocol (FerrySite *site)
{
  switch (ferry_site_get_security (site))
    {
    case FERRY_SECURITY_IMPLICIT:
      return FZ_FTPS;
    case FERRY_SECURITY_EXPLICIT_IF_AVAILABLE:
      return FZ_FTP;
    case FERRY_SECURITY_PLAIN:
      return FZ_INSECURE_FTP;
    case FERRY_SECURITY_EXPLICIT:
      return FZ_FTPES;
    case FERRY_SECURITY_AUTO:
    default:
      /* FileZilla cannot detect: what auto tries first. */
      return ferry_site_get_port (site) == 990 ? FZ_FTPS : FZ_FTPES;
    }
}

static void
indent (GString *out,
        guint    level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

/* One <name>value</name> line. The value is escaped as it is: a value with
 * line breaks stays one element (and keeps them). A carriage return is
 * written as a character reference: XML readers (GMarkup, FileZilla) turn a
 * literal one into a line feed. */
static void
append_element (GString    *out,
                guint       level,
                const char *name,
                const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);
  g_autoptr (GString) text = g_string_new (escaped);

  g_string_replace (text, "\r", "&#13;", 0);
  indent (out, level);
  g_string_append_printf (out, "<%s>%s</%s>\n", name, text->str, name);
}

static void
append_number (GString    *out,
               guint       level,
               const char *name,
               int         value)
{
  g_autofree char *text = g_strdup_printf ("%d", value);

  append_element (out, level, name, text);
}

static void
export_site (GString   *out,
             FerrySite *site,
             guint      level)
{
  g_autoptr (FerryEndpoint) endpoint = ferry_site_dup_endpoint (site);
  g_autofree char *remote = ferry_filezilla_remote_dir_encode (ferry_site_get_remote_dir (site));
  FerryLogonType logon = ferry_site_get_logon_type (site);
  const char *charset = ferry_site_get_charset (site);
  const char *encoding = charset == NULL ? "Auto"
                         : g_ascii_strcasecmp (charset, "UTF-8") == 0 ? "UTF-8" : "Custom";

  indent (out, level);
  g_string_append (out, "<Server>\n");
  level++;
  append_element (out, level, "Host", ferry_site_get_host (site));
  append_number (out, level, "Port", ferry_endpoint_get_effective_port (endpoint));
  append_number (out, level, "Protocol", export_protocol (site));
  append_number (out, level, "Type",
                 ferry_filezilla_server_type_to_fz (ferry_site_get_server_type (site)));
  append_element (out, level, "User",
                  logon == FERRY_LOGON_ANONYMOUS ? "anonymous" : ferry_site_get_user (site));
  /* Passwords are not exported: FileZilla asks for them. */
  append_number (out, level, "Logontype",
                 logon == FERRY_LOGON_ANONYMOUS ? FZ_LOGON_ANONYMOUS : FZ_LOGON_ASK);
  append_element (out, level, "PasvMode",
                  ferry_site_get_transfer_mode (site) == FERRY_TRANSFER_MODE_ACTIVE
                    ? "MODE_ACTIVE" : "MODE_PASSIVE");
  append_number (out, level, "MaximumMultipleConnections",
                 ferry_site_get_parallel_transfers (site));
  append_element (out, level, "EncodingType", encoding);
  if (g_strcmp0 (encoding, "Custom") == 0)
    append_element (out, level, "CustomEncoding", charset);
  append_element (out, level, "BypassProxy", "0");
  append_element (out, level, "Name", ferry_site_get_name (site));
  append_element (out, level, "Comments", ferry_site_get_comments (site));
  append_element (out, level, "LocalDir", ferry_site_get_local_dir (site));
  append_element (out, level, "RemoteDir", remote ? remote : "");
  append_element (out, level, "SyncBrowsing", "0");
  append_element (out, level, "DirectoryComparison", "0");
  append_number (out, level, "TimezoneOffset", ferry_site_get_timezone_offset (site));
  level--;

  indent (out, level);
  g_string_append (out, "</Server>\n");
}

static void
export_folder (GString            *out,
               FerrySiteStore     *store,
               const char * const *folders,
               const char         *path,
               guint               level)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  gsize path_len = strlen (path);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (FerrySite) site = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (ferry_site_get_folder (site), path) == 0)
        export_site (out, site, level);
    }

  for (guint i = 0; folders[i] != NULL; i++)
    {
      const char *folder = folders[i];
      const char *name;
      g_autofree char *line = NULL;

      /* Direct children of @path only. */
      if (path_len > 0 && !(strncmp (folder, path, path_len) == 0 && folder[path_len] == '/'))
        continue;
      name = path_len > 0 ? folder + path_len + 1 : folder;
      if (*name == '\0' || strchr (name, '/') != NULL)
        continue;

      line = g_markup_printf_escaped ("<Folder expanded=\"1\">%s\n", name);
      indent (out, level);
      g_string_append (out, line);
      export_folder (out, store, folders, folder, level + 1);
      indent (out, level);
      g_string_append (out, "</Folder>\n");
    }
}

char *
ferry_filezilla_export (FerrySiteStore *store,
                        gsize          *out_length)
{
  g_auto (GStrv) folders = NULL;
  GString *out;

  g_return_val_if_fail (FERRY_IS_SITE_STORE (store), NULL);

  folders = ferry_site_store_dup_folders (store);
  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?>\n"
                      "<FileZilla3>\n"
                      "  <Servers>\n");
  export_folder (out, store, (const char * const *) folders, "", 2);
  g_string_append (out, "  </Servers>\n"
                        "</FileZilla3>\n");
  if (out_length != NULL)
    *out_length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
ferry_filezilla_export_to_file (FerrySiteStore *store,
                                const char     *path,
                                GError        **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (FERRY_IS_SITE_STORE (store), FALSE);

  data = ferry_filezilla_export (store, &length);
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL, _("Could not write %s: %s."), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
